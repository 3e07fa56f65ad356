/* Escaping of hostile text (see escape.h): escape_unit decides, for every printer, what may reach a
 * terminal or a JSON document as it is; the rest are loops over it. */
#include "escape.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

static const char hex[] = "0123456789abcdef";

/* The code point of the well-formed UTF-8 sequence at s, its length in *n; false when broken
 * (overlong, surrogate, past U+10FFFF, cut). */
static bool utf8_decode(const uint8_t *s, size_t len, uint32_t *cp, size_t *n)
{
    uint32_t c;
    size_t k;
    if (s[0] >= 0xc2 && s[0] <= 0xdf) { k = 2; c = s[0] & 0x1f; }
    else if (s[0] >= 0xe0 && s[0] <= 0xef) { k = 3; c = s[0] & 0x0f; }
    else if (s[0] >= 0xf0 && s[0] <= 0xf4) { k = 4; c = s[0] & 0x07; }
    else return false;
    if (len < k) return false;
    for (size_t i = 1; i < k; i++) {
        if ((s[i] & 0xc0) != 0x80) return false;
        c = c << 6 | (s[i] & 0x3f);
    }
    if ((k == 3 && c < 0x800) || (k == 4 && (c < 0x10000 || c > 0x10ffff))) return false;   /* overlong */
    if (c >= 0xd800 && c <= 0xdfff) return false;                                            /* surrogate */
    *cp = c;
    *n = k;
    return true;
}

/* Characters that must not reach a terminal as they are: C1 controls, and the invisible format
 * characters that reorder or hide text (bidirectional overrides and isolates such as U+202E,
 * marks, zero-width characters, line/paragraph separators, the byte order mark, tags). */
static bool invisible(uint32_t c)
{
    return (c >= 0x80 && c <= 0x9f) || c == 0x061c || c == 0x180e || (c >= 0x200b && c <= 0x200f) ||
           (c >= 0x2028 && c <= 0x202e) || (c >= 0x2060 && c <= 0x206f) || c == 0xfeff ||
           (c >= 0xfff9 && c <= 0xfffb) || (c >= 0xe0000 && c <= 0xe007f);
}

static size_t put_hex(char *o, const char *prefix, uint32_t v, int digits)
{
    size_t n = strlen(prefix);
    memcpy(o, prefix, n);
    for (int i = digits - 1; i >= 0; i--) o[n++] = hex[(v >> (4 * i)) & 15];
    return n;
}

size_t escape_unit(const uint8_t *s, size_t len, enum escape_mode mode, char out[ESCAPE_UNIT_MAX], size_t *outn)
{
    uint8_t c = s[0];
    uint32_t cp;
    size_t n;
    if (mode == ESC_QUOTED) {
        const char *named = c == '\\' ? "\\\\" : c == '"' ? "\\\"" : c == '\n' ? "\\n" : c == '\r' ? "\\r"
                          : c == '\t' ? "\\t" : NULL;
        if (named) { memcpy(out, named, 2); *outn = 2; }
        else if (c >= 0x20 && c < 0x7f) { out[0] = (char)c; *outn = 1; }
        else *outn = put_hex(out, "\\x", c, 2);
        return 1;
    }
    if (mode == ESC_JSON) {
        const char *named = c == '\\' ? "\\\\" : c == '"' ? "\\\"" : c == '\n' ? "\\n" : c == '\r' ? "\\r"
                          : c == '\t' ? "\\t" : c == '\b' ? "\\b" : c == '\f' ? "\\f" : NULL;
        if (named) { memcpy(out, named, 2); *outn = 2; return 1; }
        if (c >= 0x20 && c < 0x7f) { out[0] = (char)c; *outn = 1; return 1; }
        if (c < 0x80) { *outn = put_hex(out, "\\u", c, 4); return 1; }   /* C0, DEL */
        if (!utf8_decode(s, len, &cp, &n)) { *outn = put_hex(out, "\\\\x", c, 2); return 1; }
        if (!invisible(cp)) { memcpy(out, s, n); *outn = n; return n; }
        if (cp < 0x10000) { *outn = put_hex(out, "\\u", cp, 4); return n; }
        cp -= 0x10000;   /* a surrogate pair */
        size_t k = put_hex(out, "\\u", 0xd800 + (cp >> 10), 4);
        *outn = k + put_hex(out + k, "\\u", 0xdc00 + (cp & 0x3ff), 4);
        return n;
    }
    /* ESC_TERMINAL, ESC_LINE */
    if ((c >= 0x20 && c < 0x7f) || ((c == '\n' || c == '\t') && mode == ESC_TERMINAL)) {
        out[0] = (char)c;
        *outn = 1;
        return 1;
    }
    if (c == '\n' || c == '\t') { memcpy(out, c == '\n' ? "\\n" : "\\t", 2); *outn = 2; return 1; }
    if (c < 0x80 || !utf8_decode(s, len, &cp, &n)) { *outn = put_hex(out, "\\x", c, 2); return 1; }
    if (!invisible(cp)) { memcpy(out, s, n); *outn = n; return n; }
    *outn = cp < 0x10000 ? put_hex(out, "\\u", cp, 4) : put_hex(out, "\\U", cp, 8);
    return n;
}

size_t escape_text(char *out, size_t outsz, const uint8_t *s, size_t len)
{
    size_t o = 0, total = 0, n;
    char e[ESCAPE_UNIT_MAX];
    if (outsz == 0) return 0;
    for (size_t i = 0; i < len;) {
        i += escape_unit(s + i, len - i, ESC_QUOTED, e, &n);
        total += n;
    }
    size_t room = total < outsz ? outsz - 1 : (outsz > 4 ? outsz - 4 : 0);   /* leave space for "..." */
    for (size_t i = 0; i < len;) {
        size_t used = escape_unit(s + i, len - i, ESC_QUOTED, e, &n);
        if (o + n > room) break;
        memcpy(out + o, e, n);
        o += n;
        i += used;
    }
    if (total >= outsz && outsz > 4) { memcpy(out + o, "...", 3); o += 3; }
    out[o] = '\0';
    return o;
}

size_t escape_terminal(char *out, size_t outsz, const uint8_t *s, size_t len, size_t *consumed)
{
    size_t o = 0, i = 0, n;
    char e[ESCAPE_UNIT_MAX];
    while (i < len) {
        size_t used = escape_unit(s + i, len - i, ESC_TERMINAL, e, &n);
        if (o + n > outsz) break;
        memcpy(out + o, e, n);
        o += n;
        i += used;
    }
    if (consumed) *consumed = i;
    return o;
}

size_t escape_width(const char *s, size_t len, enum escape_mode mode)
{
    const uint8_t *p = (const uint8_t *)s;
    size_t i = 0, n, w = 0;
    char e[ESCAPE_UNIT_MAX];
    while (i < len) {
        i += escape_unit(p + i, len - i, mode, e, &n);
        for (size_t k = 0; k < n; k++) w += ((uint8_t)e[k] & 0xc0) != 0x80;
    }
    return w;
}

void escape_fwrite(FILE *f, const char *s, size_t len, enum escape_mode mode)
{
    const uint8_t *p = (const uint8_t *)s;
    size_t i = 0, n;
    char e[ESCAPE_UNIT_MAX];
    while (i < len) {
        size_t run = i;   /* printable ASCII passes in runs */
        while (run < len && p[run] >= 0x20 && p[run] < 0x7f && p[run] != '\\' && p[run] != '"') run++;
        if (run > i) { fwrite(p + i, 1, run - i, f); i = run; continue; }
        i += escape_unit(p + i, len - i, mode, e, &n);
        fwrite(e, 1, n, f);
    }
}

void escape_vwarn(int multiline, const char *fmt, va_list ap)
{
    va_list again;
    va_copy(again, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    char *msg = n >= 0 ? malloc((size_t)n + 1) : NULL;
    fputs("pcaphunt: ", stderr);
    if (msg) {
        vsnprintf(msg, (size_t)n + 1, fmt, again);
        escape_fwrite(stderr, msg, (size_t)n, multiline ? ESC_TERMINAL : ESC_LINE);
        free(msg);
    } else {
        fputs("(out of memory for a message)", stderr);
    }
    va_end(again);
    fputc('\n', stderr);
}

void escape_warn(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    escape_vwarn(0, fmt, ap);
    va_end(ap);
}
