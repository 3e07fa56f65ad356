/* PPPoE session stage (RFC 2516, EtherType 0x8864): version/type, code, session ID and
 * payload length, then the PPP frame.  Discovery frames (0x8863) are not decoded. */
#include "decode.h"
#include "bytes.h"

bool decode_pppoe(struct decoded *d, const uint8_t *b, size_t len, size_t off)
{
    struct pppoe_info *p = &d->pppoe;
    uint8_t vt;
    *p = (struct pppoe_info){0};
    if (!get_u8(b, len, off, &vt) || !get_u8(b, len, off + 1, &p->code) ||
        !get_be16(b, len, off + 2, &p->session_id) || !get_be16(b, len, off + 4, &p->length))
        return decode_truncated(d, "pppoe header");
    p->version = vt >> 4;
    p->type = vt & 0x0F;
    if (!decode_push(d, L_PPPOE)) return false;
    return decode_ppp(d, b, len, off + 6, false);
}
