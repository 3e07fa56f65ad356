/* GRE (RFC 2784, keys and sequence numbers RFC 2890; version 1 is PPTP's, RFC 2637, with an
 * acknowledgment number): flags, protocol type, the optional checksum, offset, key, sequence
 * number and source routes (RFC 1701), then the payload by protocol type: IPv4, IPv6, bridged
 * Ethernet (0x6558), MPLS, PPP (0x880B) and ERSPAN (0x88BE, 0x22EB). */
#include "decode.h"
#include "bytes.h"

enum {
    GRE_C = 0x8000, GRE_R = 0x4000, GRE_K = 0x2000, GRE_S = 0x1000, GRE_A = 0x0080, GRE_VER = 0x0007,
    GRE_PPP = 0x880B, GRE_ERSPAN = 0x88BE, GRE_ERSPAN3 = 0x22EB
};

bool decode_encapsulated(struct decoded *d, const uint8_t *b, size_t len, size_t off, size_t end, uint16_t type)
{
    switch (type) {
    case 0x0800: decode_tunnel(d, end); return decode_ipv4(d, b, len, off);
    case 0x86DD: decode_tunnel(d, end); return decode_ipv6(d, b, len, off);
    case 0x6558: decode_tunnel(d, end); return decode_eth(d, b, len, off);
    case 0x8847: case 0x8848: decode_tunnel(d, end); return decode_mpls(d, b, len, off);
    default: return true;
    }
}

bool decode_gre(struct decoded *d, const uint8_t *b, size_t len, size_t off, size_t end)
{
    struct gre_info *g = &d->gre;
    *g = (struct gre_info){0};
    if (!get_be16(b, len, off, &g->flags_version) || !get_be16(b, len, off + 2, &g->proto))
        return decode_truncated(d, "gre header");
    if (end - off < 4) return decode_malformed(d, "gre header past ip payload");
    uint16_t f = g->flags_version, ver = f & GRE_VER;
    size_t pos = off + 4;
    if (!decode_push(d, L_GRE)) return false;
    if (ver > 1) return true;   /* an unknown version: its layout is unknown */
    if (f & (GRE_C | GRE_R)) {
        if (!get_be16(b, len, pos, &g->checksum) || !get_be16(b, len, pos + 2, &g->offset))
            return decode_truncated(d, "gre header");
        pos += 4;
    }
    if (f & GRE_K) {
        if (!get_be32(b, len, pos, &g->key)) return decode_truncated(d, "gre header");
        pos += 4;
    }
    if (f & GRE_S) {
        if (!get_be32(b, len, pos, &g->seq)) return decode_truncated(d, "gre header");
        pos += 4;
    }
    if (ver == 1 && (f & GRE_A)) {
        if (!get_be32(b, len, pos, &g->ack)) return decode_truncated(d, "gre header");
        pos += 4;
    }
    if (f & GRE_R) {   /* source route entries up to the NULL one (address family 0, length 0) */
        for (;;) {
            uint16_t af;
            uint8_t sre_len;
            if (!get_be16(b, len, pos, &af) || !get_u8(b, len, pos + 3, &sre_len))
                return decode_truncated(d, "gre source route");
            pos += 4 + (size_t)sre_len;
            if (af == 0 && sre_len == 0) break;
        }
    }
    if (pos > end) return decode_malformed(d, "gre header past ip payload");
    if (pos == end) return true;   /* no payload (a PPTP acknowledgment, a keepalive) */
    switch (g->proto) {
    case GRE_PPP: decode_tunnel(d, end); return decode_ppp(d, b, len, pos, false);
    case GRE_ERSPAN: case GRE_ERSPAN3: return decode_erspan(d, b, len, pos, end, g->proto);
    default: return decode_encapsulated(d, b, len, pos, end, g->proto);
    }
}
