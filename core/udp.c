/* UDP (RFC 768): ports, length and checksum; the length field must agree with IP's.  The
 * tunnels on their standard ports are decoded further: VXLAN (4789), GENEVE (6081), GTP-U (2152). */
#include "decode.h"
#include "bytes.h"

enum { UDP_VXLAN = 4789, UDP_GENEVE = 6081, UDP_GTP_U = 2152 };

bool decode_udp(struct decoded *d, const uint8_t *b, size_t len, size_t off, size_t end)
{
    struct udp_info *u = &d->udp;
    if (end - off < 4) return decode_malformed(d, "ip payload shorter than a udp header");
    if (!get_be16(b, len, off, &u->sport) || !get_be16(b, len, off + 2, &u->dport))
        return decode_truncated(d, "udp header");
    if (!decode_push(d, L_UDP)) return false;
    if (end - off < 8) return decode_malformed(d, "ip payload shorter than a udp header");
    if (!bytes_fit(len, off, 8)) {
        (void)get_be16(b, len, off + 4, &u->length);   /* a header cut after its length still shows it */
        return decode_truncated(d, "udp header");
    }
    u->length = load_be16(b + off + 4);
    u->checksum = load_be16(b + off + 6);
    if (u->length < 8) return decode_malformed(d, "udp length below 8");
    /* a first fragment holds only the start of the datagram its length describes */
    bool first_fragment = d->ip_version == 4 ? (d->ip4.flags & 1) : (d->ip6.has_frag && d->ip6.frag_more);
    if (u->length > end - off && !first_fragment) return decode_malformed(d, "udp length exceeds ip payload");
    size_t wend = u->length > end - off ? end : off + u->length;
    d->payload_off = (uint32_t)(off + 8);
    d->payload_len = (uint32_t)(u->length - 8);
    size_t cap = (wend < len ? wend : len) - off - 8;
    d->payload_caplen = (uint32_t)(cap < d->payload_len ? cap : d->payload_len);
    size_t pend = off + 8 + d->payload_caplen;
    if (u->dport == UDP_VXLAN || u->sport == UDP_VXLAN) return decode_vxlan(d, b, pend, off + 8, wend);
    if (u->dport == UDP_GENEVE || u->sport == UDP_GENEVE) return decode_geneve(d, b, pend, off + 8, wend);
    if (u->dport == UDP_GTP_U || u->sport == UDP_GTP_U) return decode_gtp(d, b, pend, off + 8, wend);
    return true;
}
