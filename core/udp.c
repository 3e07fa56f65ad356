/* UDP (RFC 768): ports, length and checksum; the length field must agree with IP's.  The
 * tunnels on their standard ports are decoded further: VXLAN (4789, and Linux's default 8472 when
 * the header says VXLAN), GENEVE (6081), GTP-U (2152). */
#include "decode.h"
#include "bytes.h"

enum { UDP_VXLAN = 4789, UDP_VXLAN_LINUX = 8472, UDP_GENEVE = 6081, UDP_GTP_U = 2152 };

/* Port 8472 is the Linux kernel's VXLAN default (flannel, older Open vSwitch) but no standard one:
 * VXLAN only when the 8 bytes are a VXLAN header (the I flag alone, reserved bytes zero) before an
 * Ethernet header whose type is IPv4, IPv6, ARP or a VLAN tag. */
static bool looks_vxlan(const uint8_t *b, size_t len, size_t off)
{
    if (!bytes_fit(len, off, 8 + 14)) return false;
    const uint8_t *h = b + off;
    if (h[0] != 0x08 || h[1] || h[2] || h[3] || h[7]) return false;
    uint16_t type = load_be16(h + 8 + 12);
    return type == 0x0800 || type == 0x86dd || type == 0x0806 || type == 0x8100 || type == 0x88a8;
}

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
    if ((u->dport == UDP_VXLAN_LINUX || u->sport == UDP_VXLAN_LINUX) && looks_vxlan(b, pend, off + 8))
        return decode_vxlan(d, b, pend, off + 8, wend);
    if (u->dport == UDP_GENEVE || u->sport == UDP_GENEVE) return decode_geneve(d, b, pend, off + 8, wend);
    if (u->dport == UDP_GTP_U || u->sport == UDP_GTP_U) return decode_gtp(d, b, pend, off + 8, wend);
    return true;
}
