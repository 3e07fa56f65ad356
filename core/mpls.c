/* MPLS label stacks (RFC 3032): 4-byte entries (label, traffic class "exp", bottom-of-stack,
 * TTL) up to the one with S set; what follows is guessed from its first nibble as tshark 4.0
 * does (4: IPv4, 6: IPv6, RFC 4928); pseudowires and channels (0, 1) are not decoded. */
#include "decode.h"
#include "bytes.h"

bool decode_mpls(struct decoded *d, const uint8_t *b, size_t len, size_t off)
{
    struct mpls_info *m = &d->mpls;
    uint32_t e = 0;
    m->count = 0;
    for (int i = 0; i < DECODE_MAX_MPLS; i++) m->entry[i] = 0;
    do {
        if (!get_be32(b, len, off, &e)) {
            if (m->count && !decode_push(d, L_MPLS)) return false;
            return decode_truncated(d, "mpls label stack");
        }
        if (m->count < DECODE_MAX_MPLS) m->entry[m->count] = e;
        if (m->count < 255) m->count++;
        off += 4;
    } while (!(e & 0x100));
    if (!decode_push(d, L_MPLS)) return false;
    uint8_t first;
    if (!get_u8(b, len, off, &first)) return true;   /* nothing after the stack (or cut): tshark says no more */
    if (first >> 4 == 4) return decode_ipv4(d, b, len, off);
    if (first >> 4 == 6) return decode_ipv6(d, b, len, off);
    return true;
}
