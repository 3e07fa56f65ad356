/* IPv6 (RFC 8200): fixed header, then extension headers — hop-by-hop, routing,
 * fragment, destination options (RFC 8200 §4) and AH (RFC 4302, length in 4-octet units). */
#include "decode.h"
#include "bytes.h"

enum { NH_HOPOPT = 0, NH_ROUTING = 43, NH_FRAGMENT = 44, NH_AH = 51, NH_DSTOPTS = 60 };

/* The payload ends inside the extension header chain: in a first fragment, the fragmentation cut it (RFC 7112). */
static void chain_cut(struct decoded *d)
{
    if (d->ip6.has_frag && d->ip6.frag_more && d->ip6.frag_offset == 0) d->frag_cut = FRAG_CUT_CHAIN;
}

bool decode_ipv6(struct decoded *d, const uint8_t *b, size_t len, size_t off)
{
    struct ipv6_info *ip = &d->ip6;
    uint32_t vcf = 0;
    bool whole = get_be32(b, len, off, &vcf) && bytes_fit(len, off, 40);
    int go;
    if (d->pending) {   /* rare: the first layer inside a tunnel, crossed only when its header is one:
                           else the packet stays the outer one (its layers and addresses), flagged below */
        if (!whole || (vcf >> 28) != 6) decode_stay(d);
        else if ((go = decode_cross(d)) <= 0) return go == 0;
    }
    if (!whole) return decode_truncated(d, d->stayed ? "tunnelled ipv6 header" : "ipv6 header");
    if ((vcf >> 28) != 6) return decode_malformed(d, d->stayed ? "tunnelled ipv6 version is not 6" : "ipv6 version is not 6");
    const uint8_t *h = b + off;   /* the 40 bytes of the fixed header fit */
    ip->tclass = (uint8_t)(vcf >> 20);
    ip->flow = vcf & 0xFFFFF;
    ip->plen = load_be16(h + 4);
    ip->nxt = h[6];
    ip->hlim = h[7];
    memcpy(ip->src, h + 8, 16);
    memcpy(ip->dst, h + 24, 16);
    if (!decode_push(d, L_IPV6)) return false;
    d->ip_version = 6;
    d->l3_off = (uint32_t)off;

    size_t end = off + 40 + (size_t)ip->plen;
    if (ip->plen == 0 && ip->nxt == NH_HOPOPT) end = d->wire_end; /* jumbogram: length in an option */
    if (end > d->wire_end) { /* flag the lie, decode what the frame holds */
        decode_malformed(d, d->depth ? "ipv6 payload length exceeds tunnel payload" : "ipv6 payload length exceeds frame");
        end = d->wire_end;
        if (end < off + 40) return false;
    }
    size_t cap_end = end < len ? end : len;

    uint8_t nxt = ip->nxt;
    size_t pos = off + 40;
    for (;;) {   /* every header is 8 bytes or more: the walk ends within the payload, however many there are */
        uint8_t next, hl;
        size_t ext_len;
        if (nxt != NH_HOPOPT && nxt != NH_ROUTING && nxt != NH_FRAGMENT && nxt != NH_AH &&
            nxt != NH_DSTOPTS)
            break;
        if (pos + 2 > end) return chain_cut(d), decode_malformed(d, "ipv6 extension header past payload length");
        if (!get_u8(b, cap_end, pos, &next) || !get_u8(b, cap_end, pos + 1, &hl))
            return decode_truncated(d, "ipv6 extension header");
        if (nxt == NH_FRAGMENT) {
            uint16_t fo;
            ext_len = 8;
            if (!get_be16(b, cap_end, pos + 2, &fo) || !get_be32(b, cap_end, pos + 4, &ip->frag_id))
                return decode_truncated(d, "ipv6 fragment header");
            ip->has_frag = true;
            ip->frag_offset = (uint16_t)(fo & 0xFFF8);
            ip->frag_more = fo & 1;
        } else if (nxt == NH_AH) {
            ext_len = ((size_t)hl + 2) * 4;
        } else {
            ext_len = ((size_t)hl + 1) * 8;
        }
        if (ext_len > end - pos) return chain_cut(d), decode_malformed(d, "ipv6 extension header past payload length");
        pos += ext_len;
        nxt = next;
        if (ip->has_frag && ip->frag_offset != 0) {
            decode_frag_cut(d, b, cap_end, pos, nxt, false, ip->frag_offset, 0, 0);   /* no MTU below 1280 */
            d->l4_proto = nxt;
            d->fragment = true;
            return true;
        }
    }
    if (ip->has_frag && ip->frag_more) decode_frag_cut(d, b, cap_end, pos, nxt, true, 0, end - pos, 0);
    d->l4_proto = nxt;
    d->l4_off = (uint32_t)pos;
    bool ok = decode_l4(d, b, cap_end, pos, end);
    if (end > len) return decode_truncated(d, "ipv6 payload"); /* unless an inner layer said more */
    return ok;
}
