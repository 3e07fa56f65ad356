/* HTTP/1.x (RFC 9112): the request or status line at a segment's start and the headers Host,
 * User-Agent, Server and Content-Type, as far as the segment goes (no reassembly). */
#include "app.h"
#include "bytes.h"

#include <stddef.h>
#include <string.h>

static const char *const methods[] = {
    "GET", "POST", "HEAD", "PUT", "DELETE", "OPTIONS", "CONNECT", "TRACE", "PATCH",
    "PROPFIND", "PROPPATCH", "MKCOL", "COPY", "MOVE", "LOCK", "UNLOCK", "SEARCH", "REPORT",
    "M-SEARCH", "NOTIFY", "SUBSCRIBE", "UNSUBSCRIBE", "SOURCE", NULL
};

static bool is_method(const uint8_t *p, size_t n)
{
    for (int i = 0; methods[i]; i++)
        if (strlen(methods[i]) == n && memcmp(methods[i], p, n) == 0) return true;
    return false;
}

/* Length of the line at p (up to n bytes) without its CRLF or LF; *eol: whether it ended. */
static size_t line_len(const uint8_t *p, size_t n, bool *eol, size_t *next)
{
    const uint8_t *nl = memchr(p, '\n', n);
    if (!nl) { *eol = false; *next = n; return n; }
    size_t l = (size_t)(nl - p);
    *eol = true;
    *next = l + 1;
    if (l && p[l - 1] == '\r') l--;
    return l;
}

static bool is_version(const uint8_t *p, size_t n)
{
    return n == 8 && memcmp(p, "HTTP/1.", 7) == 0 && (p[7] == '0' || p[7] == '1');
}

static bool header_is(const uint8_t *p, size_t n, const char *name)
{
    size_t k = strlen(name);
    if (n < k + 1 || p[k] != ':') return false;
    for (size_t i = 0; i < k; i++) {
        uint8_t c = p[i];
        if (c >= 'A' && c <= 'Z') c = (uint8_t)(c - 'A' + 'a');
        if (c != (uint8_t)name[i]) return false;
    }
    return true;
}

/* The value of a header line (a line cut by the segment keeps its trailing blanks: they may
 * be inside the value). */
static void set_value(struct span *s, uint32_t base, const uint8_t *line, size_t n, size_t name_len, bool eol)
{
    size_t i = name_len + 1;
    while (i < n && (line[i] == ' ' || line[i] == '\t')) i++;
    size_t e = n;
    while (eol && e > i && (line[e - 1] == ' ' || line[e - 1] == '\t')) e--;
    if (s->off) return;                                  /* the first occurrence */
    s->off = base + (uint32_t)i;
    s->len = (uint32_t)(e - i);
}

/* The headers hunters read: where each goes, and what a value the segment cuts is said to be. */
static const struct { const char *name; size_t field; const char *cut; } kept[] = {
    {"host", offsetof(struct http_msg, host), "http host is cut by the segment: only its start is here"},
    {"user-agent", offsetof(struct http_msg, user_agent), "http user_agent is cut by the segment: only its start is here"},
    {"server", offsetof(struct http_msg, server), "http server is cut by the segment: only its start is here"},
    {"content-type", offsetof(struct http_msg, content_type), "http content_type is cut by the segment: only its start is here"},
};

bool http_decode(struct app_info *a, const uint8_t *b, uint32_t off, uint32_t len)
{
    const uint8_t *p = b + off;
    struct http_msg *h = &a->u.http;
    bool eol;
    /* the first word is a method or HTTP/1.x: most payloads stop here, before any search */
    const uint8_t *sp0 = memchr(p, ' ', len < 17 ? len : 17);
    if (!sp0 || !(is_method(p, (size_t)(sp0 - p)) || is_version(p, (size_t)(sp0 - p)))) return false;
    size_t next, n = line_len(p, len, &eol, &next);
    memset(h, 0, sizeof *h);
    if (!eol) {                                          /* a request line cut by the segment: the URI so far */
        const uint8_t *sp = memchr(p, ' ', n < 16 ? n : 16);
        if (!sp || !is_method(p, (size_t)(sp - p))) return false;
        size_t t1 = (size_t)(sp - p);
        h->request = true;
        h->method = (struct span){off, (uint32_t)t1};
        if (n > t1 + 1) h->uri = (struct span){off + (uint32_t)t1 + 1, (uint32_t)(n - t1 - 1)};
        a->proto = APP_HTTP;
        a->truncated = "http request line continues in later segments";
        return true;
    }
    const uint8_t *sp1 = memchr(p, ' ', n);
    if (!sp1) return false;
    size_t t1 = (size_t)(sp1 - p);
    if (is_version(p, t1)) {                             /* HTTP/1.1 200 OK */
        if (n < t1 + 4) return false;
        const uint8_t *c = p + t1 + 1;
        if (c[0] < '1' || c[0] > '5' || c[1] < '0' || c[1] > '9' || c[2] < '0' || c[2] > '9') return false;
        if (n > t1 + 4 && c[3] != ' ') return false;
        h->request = false;
        h->version = (struct span){off, (uint32_t)t1};
        h->code = (uint16_t)((c[0] - '0') * 100 + (c[1] - '0') * 10 + (c[2] - '0'));
        h->code_text = (struct span){off + (uint32_t)t1 + 1, 3};
    } else {
        if (!is_method(p, t1)) return false;
        const uint8_t *sp2 = memchr(sp1 + 1, ' ', n - t1 - 1);
        size_t ulen = sp2 ? (size_t)(sp2 - sp1 - 1) : n - t1 - 1, vlen = sp2 ? n - t1 - 1 - ulen - 1 : 0;
        if (ulen == 0 || (sp2 && !is_version(sp2 + 1, vlen))) return false;   /* no version: HTTP/0.9 */
        h->request = true;
        h->method = (struct span){off, (uint32_t)t1};
        h->uri = (struct span){off + (uint32_t)t1 + 1, (uint32_t)ulen};
        if (sp2) h->version = (struct span){off + (uint32_t)(sp2 + 1 - p), (uint32_t)vlen};
    }
    a->proto = APP_HTTP;
    size_t pos = next;
    const char *cut = NULL;   /* a header we read whose value the segment cuts (it is only its start): why */
    while (pos < len) {
        size_t l = line_len(p + pos, len - pos, &eol, &next);   /* a last line cut short: its value so far */
        if (l == 0 && eol) { h->headers_complete = true; break; }
        const uint8_t *line = p + pos;
        uint32_t base = off + (uint32_t)pos;
        for (size_t k = 0; k < sizeof kept / sizeof kept[0]; k++)
            if (header_is(line, l, kept[k].name)) {
                set_value((struct span *)((char *)h + kept[k].field), base, line, l, strlen(kept[k].name), eol);
                if (!eol) cut = kept[k].cut;
                break;
            }
        pos += next;
    }
    if (!h->headers_complete) a->truncated = cut ? cut : "http headers continue in later segments";
    return true;
}
