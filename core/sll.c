/* Linux "cooked" capture headers: SLL (16 bytes, LINKTYPE_LINUX_SLL) and
 * SLL2 (20 bytes, LINKTYPE_LINUX_SLL2), as documented on tcpdump.org's link-type pages. */
#include "decode.h"
#include "bytes.h"

/* SLL protocol values below 0x0600 are not EtherTypes (802.3, 802.2 LLC, CAN …). */
static bool sll_payload(struct decoded *d, const uint8_t *b, size_t len, size_t off)
{
    d->eth.type = d->sll.protocol;
    if (d->sll.protocol < 0x0600) return true;
    return decode_ethertype(d, b, len, off, d->sll.protocol);
}

bool decode_sll(struct decoded *d, const uint8_t *b, size_t len, size_t off)
{
    struct sll_info *s = &d->sll;
    if (!get_be16(b, len, off, &s->pkttype) || !get_be16(b, len, off + 2, &s->hatype) ||
        !get_be16(b, len, off + 4, &s->halen) || !get_bytes(b, len, off + 6, 8, s->addr) ||
        !get_be16(b, len, off + 14, &s->protocol))
        return decode_truncated(d, "sll header");
    s->version = 1;
    if (!decode_push(d, L_SLL)) return false;
    return sll_payload(d, b, len, off + 16);
}

bool decode_sll2(struct decoded *d, const uint8_t *b, size_t len, size_t off)
{
    struct sll_info *s = &d->sll;
    uint8_t pkttype, halen;
    if (!get_be16(b, len, off, &s->protocol) || !get_be32(b, len, off + 4, &s->ifindex) ||
        !get_be16(b, len, off + 8, &s->hatype) || !get_u8(b, len, off + 10, &pkttype) ||
        !get_u8(b, len, off + 11, &halen) || !get_bytes(b, len, off + 12, 8, s->addr))
        return decode_truncated(d, "sll2 header");
    s->pkttype = pkttype;
    s->halen = halen;
    s->version = 2;
    if (!decode_push(d, L_SLL)) return false;
    return sll_payload(d, b, len, off + 20);
}
