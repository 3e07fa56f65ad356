/* GENEVE (RFC 8926) on UDP port 6081: version, options length (4-byte units), O and C flags,
 * protocol type, 24-bit VNI, options skipped, then the payload by protocol type (Ethernet
 * 0x6558, IPv4, IPv6). */
#include "decode.h"
#include "bytes.h"

bool decode_geneve(struct decoded *d, const uint8_t *b, size_t len, size_t off, size_t end)
{
    struct geneve_info *g = &d->geneve;
    uint8_t b0;
    uint32_t w;
    *g = (struct geneve_info){0};
    if (!get_u8(b, len, off, &b0) || !get_u8(b, len, off + 1, &g->flags) ||
        !get_be16(b, len, off + 2, &g->proto) || !get_be32(b, len, off + 4, &w))
        return decode_truncated(d, "geneve header");
    g->version = b0 >> 6;
    g->opt_len = (uint8_t)((b0 & 0x3F) * 4);
    g->vni = w >> 8;
    if (!decode_push(d, L_GENEVE)) return false;
    if (g->version != 0) return true;   /* an unknown version: its layout is unknown */
    size_t pos = off + 8 + g->opt_len;
    if (pos > end) return decode_malformed(d, "geneve options past udp payload");
    return decode_encapsulated(d, b, len, pos, end, g->proto);
}
