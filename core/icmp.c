/* ICMP (RFC 792) and ICMPv6 (RFC 4443): type, code, the rest-of-header word, an echo's identifier
 * and sequence number, and for error messages the offset of the quoted IP packet, decoded on demand. */
#include "decode.h"
#include "bytes.h"

static bool icmp_is_error(uint8_t type, bool v6)
{
    if (v6) return type >= 1 && type <= 4;
    return type == 3 || type == 4 || type == 5 || type == 11 || type == 12;
}

/* Which of identifier and sequence number a message of this type carries (Wireshark's icmp.ident and
 * icmp.seq, icmpv6.echo.identifier and icmpv6.echo.sequence_number). */
static uint8_t icmp_idseq(uint8_t type, bool v6)
{
    if (v6) return type == 128 || type == 129 ? ICMP_IDENT | ICMP_SEQ : type == 160 || type == 161 ? ICMP_IDENT : 0;
    if (type == 0 || type == 8 || (type >= 13 && type <= 18)) return ICMP_IDENT | ICMP_SEQ;   /* echo, timestamp, information, mask */
    return type == 42 || type == 43 ? ICMP_IDENT : 0;
}

bool decode_icmp(struct decoded *d, const uint8_t *b, size_t len, size_t off, size_t end, bool v6)
{
    struct icmp_info *ic = &d->icmp;
    if (end - off < 4) return decode_malformed(d, v6 ? "ip payload shorter than an icmpv6 header" : "ip payload shorter than an icmp header");
    if (!get_u8(b, len, off, &ic->type) || !get_u8(b, len, off + 1, &ic->code) ||
        !get_be16(b, len, off + 2, &ic->checksum))
        return decode_truncated(d, v6 ? "icmpv6 header" : "icmp header");
    if (!decode_push(d, v6 ? L_ICMPV6 : L_ICMP)) return false;
    uint8_t want = icmp_idseq(ic->type, v6);
    if ((want & ICMP_IDENT) && end - off >= 6 && get_be16(b, len, off + 4, &ic->ident)) {
        ic->idseq = ICMP_IDENT;
        if ((want & ICMP_SEQ) && end - off >= 8 && get_be16(b, len, off + 6, &ic->seq)) ic->idseq |= ICMP_SEQ;
    }
    if (!get_be32(b, len, off + 4, &ic->rest)) {
        if (end - off >= 8) return decode_truncated(d, v6 ? "icmpv6 header" : "icmp header");
        return true;
    }
    d->payload_off = (uint32_t)(off + 8);
    d->payload_len = (uint32_t)(end - off - 8);
    d->payload_caplen = (uint32_t)(len - off - 8);
    if (icmp_is_error(ic->type, v6) && d->payload_caplen > 0) {
        ic->has_inner = true;
        ic->inner_off = d->payload_off;
        ic->inner_len = d->payload_caplen;
    }
    return true;
}
