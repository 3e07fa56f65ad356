/* Transport dispatch: from the final IP protocol number to its decoder, tunnels included
 * (IP in IP, IPv6 in IP, GRE, MPLS in IP, Ethernet in IPv6). */
#include "decode.h"
#include "bytes.h"

bool decode_l4(struct decoded *d, const uint8_t *b, size_t len, size_t off, size_t end)
{
    switch (d->l4_proto) {
    case 6: return decode_tcp(d, b, len, off, end);
    case 17: return decode_udp(d, b, len, off, end);
    case 1: return d->ip_version == 4 ? decode_icmp(d, b, len, off, end, false) : true;
    case 58: return d->ip_version == 6 ? decode_icmp(d, b, len, off, end, true) : true;
    case 4: decode_tunnel(d, end); return decode_ipv4(d, b, len, off);      /* IP in IP (RFC 2003) */
    case 41: decode_tunnel(d, end); return decode_ipv6(d, b, len, off);     /* IPv6 in IP (RFC 4213, 2473) */
    case 47: return decode_gre(d, b, len, off, end);
    case 137: decode_tunnel(d, end); return decode_mpls(d, b, len, off);    /* MPLS in IP (RFC 4023) */
    case 143: decode_tunnel(d, end); return decode_eth(d, b, len, off);     /* Ethernet in IPv6 (RFC 8986) */
    case 132:   /* SCTP (RFC 9260): only the ports of the common header; a short one is not an error */
        d->sctp.ports = get_be16(b, len, off, &d->sctp.sport) && get_be16(b, len, off + 2, &d->sctp.dport);
        return true;
    default: return true;
    }
}
