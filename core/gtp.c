/* GTP-U (3GPP TS 29.281) on UDP port 2152: version 1 flags, message type, length, TEID, the
 * optional sequence number / N-PDU number / extension header chain, then for a G-PDU (type 255)
 * the user's IP packet, IPv4 or IPv6 by its version nibble. */
#include "decode.h"
#include "bytes.h"

enum { GTP_E = 0x04, GTP_S = 0x02, GTP_PN = 0x01, GTP_GPDU = 0xFF };

bool decode_gtp(struct decoded *d, const uint8_t *b, size_t len, size_t off, size_t end)
{
    struct gtp_info *g = &d->gtp;
    *g = (struct gtp_info){0};
    if (!get_u8(b, len, off, &g->flags) || !get_u8(b, len, off + 1, &g->message) ||
        !get_be16(b, len, off + 2, &g->length) || !get_be32(b, len, off + 4, &g->teid))
        return decode_truncated(d, "gtp header");
    if (!decode_push(d, L_GTP)) return false;
    if ((g->flags >> 5) != 1) return true;   /* not GTPv1: another layout */
    size_t pos = off + 8;
    if (g->flags & (GTP_E | GTP_S | GTP_PN)) {
        uint8_t next;
        if (!get_be16(b, len, pos, &g->seq) || !get_u8(b, len, pos + 3, &next))
            return decode_truncated(d, "gtp header");
        pos += 4;
        for (int i = 0; next && (g->flags & GTP_E); i++) {   /* extension headers, 4-octet units */
            uint8_t units;
            if (i == 16) return decode_malformed(d, "more than 16 gtp extension headers");
            if (!get_u8(b, len, pos, &units)) return decode_truncated(d, "gtp extension header");
            if (units == 0) return decode_malformed(d, "gtp extension header of length 0");
            if (!get_u8(b, len, pos + (size_t)units * 4 - 1, &next)) return decode_truncated(d, "gtp extension header");
            pos += (size_t)units * 4;
        }
    }
    if (pos > end) return decode_malformed(d, "gtp header past udp payload");
    if (g->message != GTP_GPDU || pos == end) return true;
    decode_tunnel(d, end);
    return decode_raw(d, b, len, pos);
}
