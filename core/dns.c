/* DNS (RFC 1035; mDNS RFC 6762 and LLMNR RFC 4795 share the format): header, first question,
 * resource records read one at a time, names decompressed with loop protection.  On a port
 * that is not DNS's, a message is taken for DNS only when every record parses and the
 * question looks like one (see dns_plausible). */
#include "app.h"
#include "bytes.h"

#include <stdio.h>

#define DNS_MAX_JUMPS 64            /* compression pointers followed for one name */

bool dns_name(const uint8_t *m, size_t mlen, size_t off, char *out, size_t outsz, size_t *next)
{
    size_t pos = off, o = 0, labels = 0;
    int jumps = 0;
    bool jumped = false;
    if (outsz < 8) return false;
    out[0] = 0;
    for (;;) {
        uint8_t n;
        if (!get_u8(m, mlen, pos, &n)) return false;
        if ((n & 0xc0) == 0xc0) {
            uint8_t lo;
            if (!get_u8(m, mlen, pos + 1, &lo)) return false;
            if (!jumped) *next = pos + 2;
            jumped = true;
            if (++jumps > DNS_MAX_JUMPS) return false;   /* a pointer loop */
            pos = (size_t)(n & 0x3f) << 8 | lo;
            continue;
        }
        if (n & 0xc0) return false;                    /* 0x40/0x80: extended label types */
        if (n == 0) { if (!jumped) *next = pos + 1; break; }
        if (!bytes_fit(mlen, pos + 1, n)) return false;
        if (++labels > 127) return false;
        if (o && o + 1 < outsz) out[o++] = '.';
        for (size_t i = 0; i < n; i++) {
            uint8_t c = m[pos + 1 + i];
            if (o + 5 >= outsz) return false;          /* longer than any name can be */
            if (c > 0x20 && c < 0x7f) out[o++] = (char)c;
            else o += (size_t)snprintf(out + o, outsz - o, "\\x%02x", c);
        }
        pos += 1 + (size_t)n;
    }
    if (o == 0) snprintf(out, outsz, "<Root>");
    else out[o] = 0;
    return true;
}

/* Skips the name at *pos without decoding it (pointers end it). */
static bool skip_name(const uint8_t *m, size_t mlen, size_t *pos)
{
    for (int labels = 0; labels < 128; labels++) {
        uint8_t n;
        if (!get_u8(m, mlen, *pos, &n)) return false;
        if ((n & 0xc0) == 0xc0) { *pos += 2; return *pos <= mlen; }
        if (n & 0xc0) return false;
        *pos += 1 + (size_t)n;
        if (n == 0) return true;
    }
    return false;
}

bool dns_rr_read(const uint8_t *m, size_t mlen, size_t *pos, struct dns_rr *rr)
{
    size_t p = *pos;
    rr->name = (uint32_t)p;
    if (!skip_name(m, mlen, &p)) return false;
    if (!get_be16(m, mlen, p, &rr->type) || !get_be16(m, mlen, p + 2, &rr->class) ||
        !get_be32(m, mlen, p + 4, &rr->ttl) || !get_be16(m, mlen, p + 8, &rr->rdlength))
        return false;
    rr->rdata = (uint32_t)(p + 10);
    if (!bytes_fit(mlen, p + 10, rr->rdlength)) return false;
    *pos = p + 10 + rr->rdlength;
    return true;
}

/* A question name that a resolver would send: 1..63-byte labels of letters, digits, '-' and '_',
 * no compression (a query's only name), at most 255 bytes. */
static bool plausible_qname(const uint8_t *m, size_t mlen, size_t pos, size_t *end)
{
    size_t total = 0;
    for (;;) {
        uint8_t n;
        if (!get_u8(m, mlen, pos, &n)) return false;
        if (n == 0) { *end = pos + 1; return total > 0; }
        if (n > 63 || !bytes_fit(mlen, pos + 1, n)) return false;
        for (size_t i = 0; i < n; i++) {
            uint8_t c = m[pos + 1 + i];
            bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
            if (!ok) return false;
        }
        total += 1 + (size_t)n;
        if (total > 255) return false;
        pos += 1 + (size_t)n;
    }
}

static bool known_qtype(uint16_t t)
{
    static const uint16_t types[] = {1, 2, 5, 6, 12, 13, 15, 16, 28, 33, 35, 43, 48, 52, 64, 65, 99, 255, 257, 0};
    for (int i = 0; types[i]; i++)
        if (types[i] == t) return true;
    return false;
}

/* The strict test for a port that is not DNS's: one question of class IN with a known type and
 * a resolver-like name, a standard query opcode, zero Z bit, bounded counts, and (checked by
 * the caller) every record parsing and the message ending with the last one. */
static bool dns_plausible(const struct dns_msg *d, const uint8_t *m, size_t mlen)
{
    size_t end;
    if (d->qdcount != 1 || (d->flags & 0x7840) != 0) return false;   /* opcode 0, Z 0 */
    if (d->ancount > 64 || d->nscount > 64 || d->arcount > 64) return false;
    if (!(d->flags & 0x8000) && (d->ancount || d->nscount || d->arcount > 1 || (d->flags & 0x000f))) return false;
    if ((d->flags & 0x000f) > 5) return false;
    if (!plausible_qname(m, mlen, 12, &end)) return false;
    return end + 4 <= mlen && d->qclass == 1 && known_qtype(d->qtype);
}

bool dns_header_impossible(const struct dns_msg *d, uint32_t len, bool questions)
{
    unsigned opcode = d->flags >> 11 & 0xf;
    if (opcode == 3 || opcode > 6 || (d->flags & 0x0040)) return true;
    return questions && (d->qdcount > 1 || (d->qdcount == 1 && !d->has_qry && len >= 256));
}

bool dns_decode(struct app_info *a, const uint8_t *b, uint32_t off, uint32_t len, bool tcp, bool heuristic)
{
    struct dns_msg *d = &a->u.dns;
    if (tcp) {
        uint16_t n;
        if (!get_be16(b + off, len, 0, &n) || len < 14) return false;
        off += 2;
        len -= 2;
        if (n < len) len = n;                          /* a second message follows: the first only */
        else if (n > len) a->truncated = "dns message continues in later segments";
    }
    const uint8_t *m = b + off;
    if (len < 12) return false;
    *d = (struct dns_msg){.off = off, .len = len, .heuristic = heuristic};
    (void)get_be16(m, len, 0, &d->id);
    (void)get_be16(m, len, 2, &d->flags);
    (void)get_be16(m, len, 4, &d->qdcount);
    (void)get_be16(m, len, 6, &d->ancount);
    (void)get_be16(m, len, 8, &d->nscount);
    (void)get_be16(m, len, 10, &d->arcount);
    size_t pos = 12;
    bool ok = true;
    for (unsigned i = 0; i < d->qdcount && ok; i++) {
        size_t q = pos;
        ok = skip_name(m, len, &pos) && bytes_fit(len, pos, 4);
        if (ok && i == 0) {
            d->has_qry = true;
            d->qname = (uint32_t)q;
            (void)get_be16(m, len, pos, &d->qtype);
            (void)get_be16(m, len, pos + 2, &d->qclass);
        }
        if (ok) pos += 4;
    }
    if (ok && (unsigned)d->ancount + d->nscount + d->arcount > 0) d->rr = (uint32_t)pos;
    unsigned rrs = (unsigned)d->ancount + d->nscount + d->arcount;
    for (unsigned i = 0; i < rrs && ok; i++) {
        struct dns_rr rr;
        ok = dns_rr_read(m, len, &pos, &rr);
    }
    if (heuristic && (!ok || pos != len || !dns_plausible(d, m, len))) return false;
    a->proto = APP_DNS;
    if (!ok && !a->truncated) a->malformed = "dns record runs past the message";
    /* a message that claims to continue in later segments is judged on what came: its header must be one
     * (an opcode in use, Z clear, at most one question, and that question whole when its bytes came), or the
     * "length" was two bytes of something else -- a shell's text on TCP 53 would otherwise pass for a long
     * message forever (trial atk19 M4) */
    if (a->truncated && !a->malformed && dns_header_impossible(d, len, true))
        a->malformed = "dns header impossible in a message said to continue (not DNS?)";
    char name[DNS_NAME_MAX];
    size_t next;
    if (d->has_qry && !a->malformed && !dns_name(m, len, d->qname, name, sizeof name, &next))
        a->malformed = "dns name pointer loops or runs past the message";
    return true;
}
