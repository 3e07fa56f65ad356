/* Solaris IPNET (LINKTYPE_IPNET, 226): a 24-byte header in network byte order (version,
 * address family, hook type, length, interface and zone IDs), then an IPv4 (family 2) or
 * IPv6 (family 26) packet. */
#include "decode.h"
#include "bytes.h"

enum { IPH_AF_INET = 2, IPH_AF_INET6 = 26 };

bool decode_ipnet(struct decoded *d, const uint8_t *b, size_t len, size_t off)
{
    struct ipnet_info *h = &d->ipnet;
    *h = (struct ipnet_info){0};
    if (!get_u8(b, len, off, &h->version) || !get_u8(b, len, off + 1, &h->family) ||
        !get_be16(b, len, off + 2, &h->htype) || !get_be32(b, len, off + 4, &h->pktlen) ||
        !get_be32(b, len, off + 8, &h->ifindex) || !get_be32(b, len, off + 12, &h->grifindex) ||
        !get_be32(b, len, off + 16, &h->zsrc) || !get_be32(b, len, off + 20, &h->zdst))
        return decode_truncated(d, "ipnet header");
    if (!decode_push(d, L_IPNET)) return false;
    if (h->family == IPH_AF_INET) return decode_ipv4(d, b, len, off + 24);
    if (h->family == IPH_AF_INET6) return decode_ipv6(d, b, len, off + 24);
    return true;
}
