/* IPv4 (RFC 791): header with options, DF/MF and fragment offset, header
 * checksum verified.  Non-first fragments are not decoded above IP. */
#include "decode.h"
#include "bytes.h"

#include <string.h>

/* RFC 1071 ones' complement sum over the header (hlen: a multiple of 4, at least 20); true when it
 * verifies.  Summing big-endian 32-bit words and folding gives the sum of the 16-bit words. */
static bool ipv4_checksum_ok(const uint8_t *h, size_t hlen)
{
    uint64_t sum = 0;
    for (size_t i = 0; i < hlen; i += 4) sum += load_be32(h + i);
    sum = (sum & 0xFFFFFFFFu) + (sum >> 32);
    sum = (sum & 0xFFFFFFFFu) + (sum >> 32);
    sum = (sum & 0xFFFF) + (sum >> 16);
    sum = (sum & 0xFFFF) + (sum >> 16);
    return sum == 0xFFFF;
}

bool decode_ipv4(struct decoded *d, const uint8_t *b, size_t len, size_t off)
{
    struct ipv4_info *ip = &d->ip4;
    uint8_t vihl = 0, flags_hi;
    uint16_t frag = 0;
    int go;
    bool whole = get_u8(b, len, off, &vihl) && bytes_fit(len, off, 20);
    if (d->pending) {   /* rare: the first layer inside a tunnel, crossed only when its header is one:
                           else the packet stays the outer one (its layers and addresses), flagged below */
        if (!whole || (vihl >> 4) != 4) decode_stay(d);
        else if ((go = decode_cross(d)) <= 0) return go == 0;
    }
    if (!whole) return decode_truncated(d, d->stayed ? "tunnelled ipv4 header" : "ipv4 header");
    if ((vihl >> 4) != 4) return decode_malformed(d, d->stayed ? "tunnelled ipv4 version is not 4" : "ipv4 version is not 4");
    const uint8_t *h = b + off;   /* the 20 bytes of the fixed header fit */
    ip->tos = h[1];
    ip->len = load_be16(h + 2);
    ip->id = load_be16(h + 4);
    frag = load_be16(h + 6);
    ip->ttl = h[8];
    ip->proto = h[9];
    ip->checksum = load_be16(h + 10);
    memcpy(ip->src, h + 12, 4);
    memcpy(ip->dst, h + 16, 4);
    flags_hi = (uint8_t)(frag >> 13);
    ip->flags = flags_hi;
    ip->frag_offset = (uint16_t)((frag & 0x1FFF) * 8);
    ip->hlen = (uint8_t)((vihl & 0x0F) * 4);
    if (!decode_push(d, L_IPV4)) return false;
    d->ip_version = 4;
    d->l3_off = (uint32_t)off;
    d->l4_proto = ip->proto;
    if (ip->hlen < 20) return decode_malformed(d, "ipv4 header length below 20");
    if (!bytes_fit(len, off, ip->hlen)) return decode_truncated(d, "ipv4 options");
    ip->checksum_ok = ipv4_checksum_ok(b + off, ip->hlen);

    size_t total = ip->len, room = d->wire_end > off ? d->wire_end - off : 0;
    if (total == 0) total = room; /* TSO: length left 0 by the NIC */
    if (total < ip->hlen) return decode_malformed(d, "ipv4 total length below header length");
    bool whole_claim = total <= room;   /* a length past the frame is a lie: no fragment judged by it */
    if (total > room) { /* flag the lie, decode what the frame holds */
        decode_malformed(d, d->depth ? "ipv4 total length exceeds tunnel payload" : "ipv4 total length exceeds frame");
        total = room;
        if (total < ip->hlen) return false;
    }
    size_t end = off + total;
    /* a router fragments to 68 bytes at least (RFC 791): 48 behind a plain header.  Not less behind the sender's
       own options: RFC 791 allows 8 bytes behind a 60-byte header at a 68-byte MTU, which no link has, and a
       scanner adds options to hide its fragments (nmap --ip-options) */
    if (whole_claim && (ip->frag_offset != 0 || (flags_hi & 1)))
        decode_frag_cut(d, b, len, off + ip->hlen, ip->proto, ip->frag_offset == 0, ip->frag_offset, total - ip->hlen, 48);
    if (ip->frag_offset != 0) {
        d->fragment = true;
        return true;
    }
    d->l4_off = (uint32_t)(off + ip->hlen);
    bool ok = decode_l4(d, b, end < len ? end : len, off + ip->hlen, end);
    if (end > len) return decode_truncated(d, "ipv4 payload"); /* unless an inner layer said more */
    return ok;
}
