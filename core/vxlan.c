/* VXLAN (RFC 7348) on UDP port 4789 (or 8472, core/udp.c): flags, 24-bit VNI, then the inner Ethernet frame. */
#include "decode.h"
#include "bytes.h"

bool decode_vxlan(struct decoded *d, const uint8_t *b, size_t len, size_t off, size_t end)
{
    struct vxlan_info *v = &d->vxlan;
    uint32_t w;
    *v = (struct vxlan_info){0};
    if (!get_be16(b, len, off, &v->flags) || !get_be32(b, len, off + 4, &w))
        return decode_truncated(d, "vxlan header");
    if (end - off < 8) return decode_malformed(d, "vxlan header past udp payload");
    v->vni = w >> 8;
    if (!decode_push(d, L_VXLAN)) return false;
    decode_tunnel(d, end);
    return decode_eth(d, b, len, off + 8);
}
