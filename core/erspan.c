/* Cisco ERSPAN (draft-foschiano-erspan) inside GRE: type I (protocol 0x88BE without a GRE
 * sequence number: no header), type II (0x88BE, version 1: 8 bytes) and type III (version 2:
 * 12 bytes, plus 8 when the platform-specific subheader flag is set), then the mirrored
 * Ethernet frame. */
#include "decode.h"
#include "bytes.h"

bool decode_erspan(struct decoded *d, const uint8_t *b, size_t len, size_t off, size_t end, uint16_t proto)
{
    struct erspan_info *e = &d->erspan;
    uint16_t w0, w1;
    *e = (struct erspan_info){0};
    if (proto == 0x88BE && !(d->gre.flags_version & 0x1000)) {
        e->type = 1;
        if (!decode_push(d, L_ERSPAN)) return false;
        decode_tunnel(d, end);
        return decode_eth(d, b, len, off);
    }
    if (!get_be16(b, len, off, &w0) || !get_be16(b, len, off + 2, &w1))
        return decode_truncated(d, "erspan header");
    e->version = (uint8_t)(w0 >> 12);
    e->vlan = w0 & 0x0FFF;
    e->cos = (uint8_t)(w1 >> 13);
    e->encap = (uint8_t)((w1 >> 11) & 3);   /* type III: bad/short/oversized */
    e->truncated = (uint8_t)((w1 >> 10) & 1);
    e->spanid = w1 & 0x03FF;
    size_t pos;
    if (e->version == 1) {
        e->type = 2;
        if (!get_be32(b, len, off + 4, &e->index)) return decode_truncated(d, "erspan header");
        e->index &= 0xFFFFF;
        pos = off + 8;
    } else if (e->version == 2) {
        uint16_t w5;
        e->type = 3;
        if (!get_be32(b, len, off + 4, &e->timestamp) || !get_be16(b, len, off + 8, &e->sgt) ||
            !get_be16(b, len, off + 10, &w5))
            return decode_truncated(d, "erspan header");
        e->ft = (uint8_t)((w5 >> 10) & 0x1F);
        e->hw = (uint16_t)((w5 >> 4) & 0x3F);
        e->direction = (uint8_t)((w5 >> 3) & 1);
        pos = off + 12 + ((w5 & 1) ? 8 : 0);
    } else {
        return decode_push(d, L_ERSPAN);   /* an unknown version: tshark stops here too */
    }
    if (!decode_push(d, L_ERSPAN)) return false;
    if (pos > end) return decode_malformed(d, "erspan header past gre payload");
    if (e->type == 3 && e->ft != 0) return true;   /* not an Ethernet frame */
    decode_tunnel(d, end);
    return decode_eth(d, b, len, pos);
}
