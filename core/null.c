/* BSD loopback encapsulations: NULL (4-byte address family in the capturing host's
 * byte order, so both orders are accepted) and LOOP (network byte order). */
#include "decode.h"
#include "bytes.h"

static bool family_is_ipv6(uint32_t af)
{
    return af == 10 || af == 24 || af == 28 || af == 30; /* Linux, NetBSD/OpenBSD, FreeBSD, Darwin */
}

bool decode_null(struct decoded *d, const uint8_t *b, size_t len, size_t off, bool loop)
{
    uint32_t af;
    if (!(loop ? get_be32(b, len, off, &af) : get_le32(b, len, off, &af)))
        return decode_truncated(d, "loopback header");
    if (!loop && (af & 0xFFFF0000u)) af = __builtin_bswap32(af); /* written big-endian */
    d->null.family = af;
    if (!decode_push(d, L_NULL)) return false;
    if (af == 2) return decode_ipv4(d, b, len, off + 4);
    if (family_is_ipv6(af)) return decode_ipv6(d, b, len, off + 4);
    return true;
}
