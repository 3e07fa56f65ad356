/* QUIC long header (RFC 9000 section 17.2, invariants RFC 8999): version and connection IDs, and
 * for an Initial of a version we know its token and Length (RFC 9000 17.2.2).
 * Taken for QUIC on UDP port 443 or, elsewhere, only with a version we know. */
#include "app.h"
#include "bytes.h"

bool quic_version_known(uint32_t v)
{
    return v == 1 || v == 0x6b3343cf ||                 /* v1, v2 (RFC 9369) */
           (v >= 0xff00001d && v <= 0xff000022);        /* drafts 29..34 */
}

int quic_long_type(uint32_t v, uint8_t first)
{
    int t = (first >> 4) & 3;
    if (v == 0x6b3343cf) {                              /* v2: 1 Initial, 2 0-RTT, 3 Handshake, 0 Retry */
        static const int v2[4] = {3, 0, 1, 2};
        return v2[t];
    }
    return t;
}

bool quic_varint(const uint8_t *p, size_t len, size_t *pos, uint64_t *v)
{
    if (*pos >= len) return false;
    size_t n = (size_t)1 << (p[*pos] >> 6);
    if (!bytes_fit(len, *pos, n)) return false;
    uint64_t x = p[*pos] & 0x3f;
    for (size_t i = 1; i < n; i++) x = x << 8 | p[*pos + i];
    *pos += n;
    *v = x;
    return true;
}

bool quic_decode(struct app_info *a, const uint8_t *b, uint32_t off, uint32_t len, bool port)
{
    const uint8_t *p = b + off;
    struct quic_long *q = &a->quic;
    uint32_t v;
    if (len < 7 || !(p[0] & 0x80) || !get_be32(p, len, 1, &v)) return false;
    bool known = quic_version_known(v);
    if (!(port ? (v == 0 || known || (p[0] & 0x40)) : known)) return false;
    if (v != 0 && !(p[0] & 0x40)) return false;         /* the fixed bit */
    q->first = p[0];
    q->version = v;
    q->type = known ? (int8_t)quic_long_type(v, p[0]) : -1;
    q->opened = QI_NONE;
    q->pn_off = 0;
    q->length = 0;
    q->dcid_len = p[5];
    q->scid_len = 0;
    q->scid = (struct span){0, 0};
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
    if (q->type != 0 || q->scid_len > 20) return true;
    /* an Initial: token length, token, Length; the packet number follows */
    size_t pos = s + 1 + q->scid_len;
    uint64_t token, length;
    if (!quic_varint(p, len, &pos, &token) || token > len - pos) { q->opened = QI_LIES; a->malformed = "quic initial token length past the datagram"; return true; }
    pos += (size_t)token;
    if (!quic_varint(p, len, &pos, &length)) { q->opened = QI_LIES; a->malformed = "quic initial Length past the datagram"; return true; }
    q->pn_off = (uint32_t)pos;
    q->length = length;
    return true;
}
