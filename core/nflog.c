/* Linux NFLOG (LINKTYPE_NFLOG, 239): family, version and resource ID, then netlink-style TLVs
 * (length and type in the capturing host's byte order, padded to 4 bytes).  The packet header
 * TLV (1) gives the hook and hardware protocol; the payload TLV (9) holds the IP packet,
 * IPv4 for family AF_INET (2), IPv6 for AF_INET6 (10). */
#include "decode.h"
#include "bytes.h"

enum { NFULA_PACKET_HDR = 1, NFULA_PAYLOAD = 9, NF_AF_INET = 2, NF_AF_INET6 = 10 };

bool decode_nflog(struct decoded *d, const uint8_t *b, size_t len, size_t off)
{
    struct nflog_info *n = &d->nflog;
    *n = (struct nflog_info){0};
    if (!get_u8(b, len, off, &n->family) || !get_u8(b, len, off + 1, &n->version) ||
        !get_be16(b, len, off + 2, &n->res_id))
        return decode_truncated(d, "nflog header");
    if (!decode_push(d, L_NFLOG)) return false;
    size_t pos = off + 4, end = d->wire_end;
    int order = 0;   /* 1 little-endian, 2 big-endian: fixed by the first TLV */
    while (pos < end) {
        uint16_t tl = 0, tt = 0, le_len = 0, be_len = 0;
        if (!bytes_fit(len, pos, 4)) return decode_truncated(d, "nflog tlv");
        (void)get_le16(b, len, pos, &le_len);
        (void)get_be16(b, len, pos, &be_len);
        if (!order) order = (le_len >= 4 && le_len <= end - pos) ? 1 : 2;
        if (order == 1) { tl = le_len; (void)get_le16(b, len, pos + 2, &tt); }
        else { tl = be_len; (void)get_be16(b, len, pos + 2, &tt); }
        if (tl < 4) return decode_malformed(d, "nflog tlv length below 4");
        if (tl > end - pos) return decode_malformed(d, "nflog tlv runs past the frame");
        tt &= 0x3FFF;   /* without the nested / network-byte-order flags */
        if (tt == NFULA_PACKET_HDR && tl >= 7) {
            if (!get_be16(b, len, pos + 4, &n->hwproto) || !get_u8(b, len, pos + 6, &n->hook))
                return decode_truncated(d, "nflog tlv");
            n->has_hdr = true;
        } else if (tt == NFULA_PAYLOAD) {
            size_t start = pos + 4;
            d->wire_end = (uint32_t)(pos + tl);
            size_t cap = pos + tl < len ? pos + tl : len;
            if (n->family == NF_AF_INET) return decode_ipv4(d, b, cap, start);
            if (n->family == NF_AF_INET6) return decode_ipv6(d, b, cap, start);
            return true;
        }
        size_t step = ((size_t)tl + 3) & ~(size_t)3;
        if (step > end - pos) break;
        pos += step;
    }
    return true;
}
