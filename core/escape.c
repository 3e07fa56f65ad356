/* Escaping of hostile text (see escape.h): no byte from a capture reaches a
 * terminal or a JSON document raw. */
#include "escape.h"

#include <string.h>

/* Escaped form of one byte into e (at most 4 chars + NUL); returns its length. */
static size_t escape_byte(char e[5], uint8_t c)
{
    static const char hex[] = "0123456789abcdef";
    switch (c) {
    case '\\': memcpy(e, "\\\\", 3); return 2;
    case '"': memcpy(e, "\\\"", 3); return 2;
    case '\n': memcpy(e, "\\n", 3); return 2;
    case '\r': memcpy(e, "\\r", 3); return 2;
    case '\t': memcpy(e, "\\t", 3); return 2;
    }
    if (c >= 0x20 && c < 0x7f) {
        e[0] = (char)c;
        e[1] = 0;
        return 1;
    }
    e[0] = '\\'; e[1] = 'x'; e[2] = hex[c >> 4]; e[3] = hex[c & 15]; e[4] = 0;
    return 4;
}

size_t escape_text(char *out, size_t outsz, const uint8_t *s, size_t len)
{
    size_t o = 0, total = 0;
    char e[5];
    if (outsz == 0) return 0;
    for (size_t i = 0; i < len; i++) total += escape_byte(e, s[i]);
    size_t room = total < outsz ? outsz - 1 : (outsz > 4 ? outsz - 4 : 0); /* leave space for "..." */
    for (size_t i = 0; i < len; i++) {
        size_t n = escape_byte(e, s[i]);
        if (o + n > room) break;
        memcpy(out + o, e, n);
        o += n;
    }
    if (total >= outsz && outsz > 4) { memcpy(out + o, "...", 3); o += 3; }
    out[o] = '\0';
    return o;
}

/* Length of the well-formed, non-C1 UTF-8 sequence at s (2 to 4 bytes), or 0. */
static size_t utf8_printable_len(const uint8_t *s, size_t len)
{
    size_t n;
    uint32_t cp;
    if (s[0] >= 0xc2 && s[0] <= 0xdf) { n = 2; cp = s[0] & 0x1f; }
    else if (s[0] >= 0xe0 && s[0] <= 0xef) { n = 3; cp = s[0] & 0x0f; }
    else if (s[0] >= 0xf0 && s[0] <= 0xf4) { n = 4; cp = s[0] & 0x07; }
    else return 0;
    if (len < n) return 0;
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xc0) != 0x80) return 0;
        cp = cp << 6 | (s[i] & 0x3f);
    }
    if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10ffff))) return 0;   /* overlong */
    if (cp >= 0xd800 && cp <= 0xdfff) return 0;                                            /* surrogate */
    if (cp >= 0x80 && cp <= 0x9f) return 0;                                                /* C1 control */
    return n;
}

size_t escape_terminal(char *out, size_t outsz, const uint8_t *s, size_t len, size_t *consumed)
{
    static const char hex[] = "0123456789abcdef";
    size_t o = 0, i = 0;
    while (i < len) {
        uint8_t c = s[i];
        size_t n = 1;
        if ((c >= 0x20 && c < 0x7f) || c == '\n' || c == '\t') {
            if (o + 1 > outsz) break;
            out[o++] = (char)c;
        } else if (c >= 0x80 && (n = utf8_printable_len(s + i, len - i)) > 0) {
            if (o + n > outsz) break;
            memcpy(out + o, s + i, n);
            o += n;
        } else {
            n = 1;
            if (o + 4 > outsz) break;
            out[o++] = '\\'; out[o++] = 'x'; out[o++] = hex[c >> 4]; out[o++] = hex[c & 15];
        }
        i += n;
    }
    if (consumed) *consumed = i;
    return o;
}
