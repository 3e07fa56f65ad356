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
