/* Transport dispatch: from the final IP protocol number to its decoder. */
#include "decode.h"
#include "bytes.h"

bool decode_l4(struct decoded *d, const uint8_t *b, size_t len, size_t off, size_t end)
{
    switch (d->l4_proto) {
    case 6: return decode_tcp(d, b, len, off, end);
    case 17: return decode_udp(d, b, len, off, end);
    case 1: return d->ip_version == 4 ? decode_icmp(d, b, len, off, end, false) : true;
    case 58: return d->ip_version == 6 ? decode_icmp(d, b, len, off, end, true) : true;
    case 132:   /* SCTP (RFC 9260): only the ports of the common header; a short one is not an error */
        d->sctp.ports = get_be16(b, len, off, &d->sctp.sport) && get_be16(b, len, off + 2, &d->sctp.dport);
        return true;
    default: return true;
    }
}
