/* QUIC long header (RFC 9000 section 17.2, invariants RFC 8999): version and connection IDs.
 * Taken for QUIC on UDP port 443 or, elsewhere, only with a version we know. */
#include "app.h"
#include "bytes.h"

static bool known_version(uint32_t v)
{
    return v == 1 || v == 0x6b3343cf ||                 /* v1, v2 (RFC 9369) */
           (v >= 0xff00001d && v <= 0xff000022);        /* drafts 29..34 */
}

bool quic_decode(struct app_info *a, const uint8_t *b, uint32_t off, uint32_t len, bool port)
{
    const uint8_t *p = b + off;
    struct quic_long *q = &a->u.quic;
    uint32_t v;
    if (len < 7 || !(p[0] & 0x80) || !get_be32(p, len, 1, &v)) return false;
    if (!(port ? (v == 0 || known_version(v) || (p[0] & 0x40)) : known_version(v))) return false;
    if (v != 0 && !(p[0] & 0x40)) return false;         /* the fixed bit */
    q->first = p[0];
    q->version = v;
    q->dcid_len = p[5];
    if (v != 0 && q->dcid_len > 20) return false;
    if (!bytes_fit(len, 6, q->dcid_len)) return false;
    q->dcid = (struct span){off + 6, q->dcid_len};
    size_t s = 6 + (size_t)q->dcid_len;
    a->proto = APP_QUIC;
    if (!get_u8(p, len, s, &q->scid_len) || !bytes_fit(len, s + 1, q->scid_len)) {
        a->truncated = "quic long header";
        return true;
    }
    q->scid = (struct span){off + (uint32_t)s + 1, q->scid_len};
    return true;
}
