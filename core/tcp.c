/* TCP (RFC 9293): ports, sequence numbers, flags, window and the options
 * MSS, window scale, SACK-permitted, SACK blocks (RFC 2018) and timestamps (RFC 7323). */
#include "decode.h"
#include "bytes.h"

static bool tcp_options(struct decoded *d, const uint8_t *b, size_t off, size_t end)
{
    struct tcp_info *t = &d->tcp;
    size_t pos = off;
    while (pos < end) {
        uint8_t kind = b[pos], olen;
        if (kind == 0) break;          /* end of option list */
        if (kind == 1) { pos++; continue; }
        if (!get_u8(b, end, pos + 1, &olen)) return decode_malformed(d, "tcp option runs past header");
        if (olen < 2) return decode_malformed(d, "tcp option length below 2");
        if (olen > end - pos) return decode_malformed(d, "tcp option runs past header");
        switch (kind) {
        case 2:
            if (olen == 4 && get_be16(b, end, pos + 2, &t->mss)) t->opts |= TOPT_MSS;
            break;
        case 3:
            if (olen == 3 && get_u8(b, end, pos + 2, &t->wscale)) t->opts |= TOPT_WSCALE;
            break;
        case 4:
            if (olen == 2) t->opts |= TOPT_SACK_PERM;
            break;
        case 5:
            t->opts |= TOPT_SACK;
            for (size_t i = 0; i < (size_t)(olen - 2) / 8 && t->sack_count < DECODE_MAX_SACK; i++) {
                (void)get_be32(b, end, pos + 2 + i * 8, &t->sack[t->sack_count][0]);
                (void)get_be32(b, end, pos + 6 + i * 8, &t->sack[t->sack_count][1]);
                t->sack_count++;
            }
            break;
        case 8:
            if (olen == 10 && get_be32(b, end, pos + 2, &t->ts_val) && get_be32(b, end, pos + 6, &t->ts_ecr))
                t->opts |= TOPT_TS;
            break;
        }
        pos += olen;
    }
    return true;
}

bool decode_tcp(struct decoded *d, const uint8_t *b, size_t len, size_t off, size_t end)
{
    struct tcp_info *t = &d->tcp;
    uint8_t hl_byte, flags_lo;
    /* the claimed length first (as tcpdump): a header the IP length leaves no room for is a lie,
     * whatever the capture holds */
    if (end - off < 4) return decode_malformed(d, "ip payload shorter than a tcp header");
    if (!get_be16(b, len, off, &t->sport) || !get_be16(b, len, off + 2, &t->dport))
        return decode_truncated(d, "tcp header");
    if (!decode_push(d, L_TCP)) return false;
    if (end - off < 20) return decode_malformed(d, "ip payload shorter than a tcp header");
    if (!bytes_fit(len, off, 20)) return decode_truncated(d, "tcp header");
    const uint8_t *h = b + off;   /* the 20 bytes of the fixed header fit */
    t->seq = load_be32(h + 4);
    t->ack = load_be32(h + 8);
    hl_byte = h[12];
    flags_lo = h[13];
    t->window = load_be16(h + 14);
    t->checksum = load_be16(h + 16);
    t->urp = load_be16(h + 18);
    t->flags = (uint16_t)(flags_lo | ((hl_byte & 0x0F) << 8));   /* with AE and the 3 reserved bits, as tshark */
    t->fixed = true;
    size_t hlen = (size_t)(hl_byte >> 4) * 4;
    if (hlen < 20) return decode_malformed(d, "tcp header length below 20");
    if (hlen > end - off) return decode_malformed(d, "tcp header length exceeds segment");
    if (!bytes_fit(len, off, hlen)) return decode_truncated(d, "tcp options");
    t->hlen = (uint8_t)hlen;
    d->payload_off = (uint32_t)(off + hlen);
    d->payload_len = (uint32_t)(end - off - hlen);
    d->payload_caplen = (uint32_t)(len - off - hlen);
    return tcp_options(d, b, off + 20, off + hlen);
}
