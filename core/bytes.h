/* Bounds-checked readers for hostile packet bytes.
 * Every decoder reads wire data only through these: each checks that the
 * requested bytes lie inside [0, len) before touching them. */
#ifndef PCAPHUNT_BYTES_H
#define PCAPHUNT_BYTES_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include <string.h>

/* True when n bytes starting at off fit in a buffer of len bytes (overflow-safe). */
static inline bool bytes_fit(size_t len, size_t off, size_t n)
{
    return off <= len && n <= len - off;
}

static inline bool get_u8(const uint8_t *b, size_t len, size_t off, uint8_t *out)
{
    if (!bytes_fit(len, off, 1)) return false;
    *out = b[off];
    return true;
}

static inline bool get_be16(const uint8_t *b, size_t len, size_t off, uint16_t *out)
{
    if (!bytes_fit(len, off, 2)) return false;
    *out = (uint16_t)((b[off] << 8) | b[off + 1]);
    return true;
}

static inline bool get_le16(const uint8_t *b, size_t len, size_t off, uint16_t *out)
{
    if (!bytes_fit(len, off, 2)) return false;
    *out = (uint16_t)((b[off + 1] << 8) | b[off]);
    return true;
}

static inline bool get_be32(const uint8_t *b, size_t len, size_t off, uint32_t *out)
{
    if (!bytes_fit(len, off, 4)) return false;
    *out = ((uint32_t)b[off] << 24) | ((uint32_t)b[off + 1] << 16) |
           ((uint32_t)b[off + 2] << 8) | (uint32_t)b[off + 3];
    return true;
}

static inline bool get_le32(const uint8_t *b, size_t len, size_t off, uint32_t *out)
{
    if (!bytes_fit(len, off, 4)) return false;
    *out = ((uint32_t)b[off + 3] << 24) | ((uint32_t)b[off + 2] << 16) |
           ((uint32_t)b[off + 1] << 8) | (uint32_t)b[off];
    return true;
}

static inline bool get_bytes(const uint8_t *b, size_t len, size_t off, size_t n, uint8_t *out)
{
    if (!bytes_fit(len, off, n)) return false;
    memcpy(out, b + off, n);   /* a constant n: one or two moves */
    return true;
}

/* Unchecked big-endian loads, only for bytes a bytes_fit test has just covered: the fields of a
 * fixed-size header read after one check of its size. */
static inline uint16_t load_be16(const uint8_t *p)
{
    return (uint16_t)(p[0] << 8 | p[1]);
}

static inline uint32_t load_be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

#endif
