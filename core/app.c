/* Application dispatch: which decoder a packet's payload goes to, by transport, port and the
 * payload's first bytes; a QUIC Initial opened for its TLS hello when the caller gives buffers.
 * Called only when a consumer asks for application fields. */
#include "app.h"

#include <string.h>

static enum app_proto dispatch(const struct decoded *d, const uint8_t *b, struct app_info *a, const struct app_quic_in *q);

enum app_proto app_decode_quic(const struct decoded *d, const uint8_t *b, struct app_info *a, const struct app_quic_in *q)
{
    memset(a, 0, sizeof *a);
    enum app_proto p = dispatch(d, b, a, q);
    if (p == APP_NONE) memset(a, 0, sizeof *a);
    return p;
}

enum app_proto app_decode(const struct decoded *d, const uint8_t *b, struct app_info *a)
{
    return app_decode_quic(d, b, a, NULL);
}

/* The decoding for a condition in C: each decoder fills what it reads, so only the fields every
 * caller looks at are cleared (app_decode clears all, for Lua). */
static enum app_proto sniff(const struct decoded *d, const uint8_t *b, struct app_info *a)
{
    a->proto = APP_NONE;
    a->truncated = a->malformed = NULL;
    a->quic_tls = false;
    return dispatch(d, b, a, NULL);
}

enum app_proto app_sniff(const struct decoded *d, const uint8_t *b, bool *malformed)
{
    struct app_info a;
    enum app_proto p = sniff(d, b, &a);
    if (malformed) *malformed = a.malformed != NULL;
    return p;
}

bool app_dns_odd_query(const struct decoded *d, const uint8_t *b, unsigned min)
{
    /* A response or another opcode, read where dns_decode would read the flags (after TCP's length):
       whatever the payload decodes as, the answer is no, without decoding the whole message. */
    uint32_t at = d->payload_off + ((d->layers & L_TCP) ? 4 : 2), need = (d->layers & L_TCP) ? 14 : 12;
    if ((d->layers & (L_TCP | L_UDP)) && d->payload_caplen >= need && (b[at] & 0xf8)) return false;
    struct app_info a;
    if (sniff(d, b, &a) != APP_DNS || a.malformed) return false;
    const struct dns_msg *m = &a.u.dns;
    if ((m->flags & 0x8000) || ((m->flags >> 11) & 0xf) != 0 || !m->has_qry) return false;
    if (m->qtype == 16) return true;
    char name[DNS_NAME_MAX];
    size_t next;
    if (!dns_name(b + m->off, m->len, m->qname, name, sizeof name, &next)) return false;
    size_t labels = 0, label = 0, longest = 0;
    for (const char *c = name; *c; c++) {
        if (*c == '.') { labels++; label = 0; continue; }
        if (++label > longest) longest = label;
    }
    if (longest >= min) return true;
    /* the characters before the last two labels: all but the last two labels' */
    size_t total = 0, seen = 0;
    for (const char *c = name; *c; c++) {
        if (*c == '.') { seen++; continue; }
        if (seen + 2 <= labels) total++;
    }
    return total >= min;
}

bool app_dns_txt_reply(const struct decoded *d, const uint8_t *b, const char *label, unsigned n)
{
    /* From the bytes first: a response of opcode 0 whose question's name begins with a label of n
       characters, that label (most DNS on port 53 stops here, without a decoding) */
    if (!(d->layers & (L_TCP | L_UDP)) || n == 0 || n > 63) return false;
    uint32_t pre = (d->layers & L_TCP) ? 2 : 0, at = d->payload_off + pre;
    if (d->payload_caplen < pre + 12 + 1 + n) return false;
    if (!(b[at + 2] & 0x80) || (b[at + 2] & 0x78) || b[at + 12] != n) return false;
    for (unsigned i = 0; i < n; i++) {
        uint8_t c = b[at + 13 + i];
        if (c >= 'A' && c <= 'Z') c = (uint8_t)(c + ('a' - 'A'));
        if (c != (uint8_t)label[i]) return false;
    }
    struct app_info a;
    if (sniff(d, b, &a) != APP_DNS || a.malformed) return false;
    const struct dns_msg *m = &a.u.dns;
    return (m->flags & 0x8000) && ((m->flags >> 11) & 0xf) == 0 && m->has_qry && m->qname == 12 && m->qtype == 16;
}

/* A message in DNS's format whose first name (the question's, or a response's first record's) is
   a NetBIOS name in first-level encoding, a 32-byte label of 'A' to 'P' (RFC 1001 14.1), alone (no
   scope: NetBIOS scopes are a relic no current stack sets), of NBNS's types NB (0x20) or NBSTAT
   (0x21), class IN.  A name under a domain, or another type (TXT, A, ...), is DNS's whatever its
   first label: a tunnel that encodes data as NetBIOS-looking labels under its domain stays DNS. */
static bool netbios_shaped(const uint8_t *m, uint32_t len)
{
    if (len < 12 + 1 + 32 + 1 + 4 || m[12] != 32 || m[13 + 32] != 0) return false;
    for (uint32_t i = 13; i < 13 + 32; i++)
        if (m[i] < 'A' || m[i] > 'P') return false;
    const uint8_t *t = m + 13 + 32 + 1;
    return t[0] == 0 && (t[1] == 0x20 || t[1] == 0x21) && t[2] == 0 && t[3] == 1;
}

/* The decoders in turn, by transport and port; a is filled by the one that takes the payload. */
static enum app_proto dispatch(const struct decoded *d, const uint8_t *b, struct app_info *a, const struct app_quic_in *q)
{
    if (d->fragment || d->stayed || !(d->layers & (L_TCP | L_UDP)) || d->payload_caplen == 0) return APP_NONE;   /* stayed: the payload is a tunnel's */
    uint32_t off = d->payload_off, len = d->payload_caplen;
    bool cut = d->payload_caplen < d->payload_len;
    if (d->layers & L_UDP) {
        uint16_t sp = d->udp.sport, dp = d->udp.dport;
        /* Port 137 is NetBIOS name service's (RFC 1002, IANA netbios-ns): NBNS is written in DNS's
           message format, and its node-status query (NBSTAT, type 0x21 = SRV's 33, class IN) passes
           the strict checks below, but it is not DNS.  What makes it NBNS is its name: every NBNS
           message begins with a NetBIOS name in first-level encoding (RFC 1001 14.1), a label of 32
           letters 'A' to 'P' (NBSTAT's wildcard "*" is CKAAAA...).  So a datagram to or from 137
           (the other port not DNS's 53) whose first name is so encoded is NBNS; any other message
           there is judged as on any port: DNS sent to or from 137 is DNS (a C2 does not hide by
           choosing 137).  Wireshark calls all of 137 NBNS; we differ only on messages that are not
           NetBIOS-shaped. */
        bool nbns = ((sp == 137 && dp != 53) || (dp == 137 && sp != 53)) && netbios_shaped(b + off, len);
        bool known = (app_dns_port(sp) || app_dns_port(dp)) && !nbns;
        if (known && dns_decode(a, b, off, len, false, false)) goto done;
        if (quic_decode(a, b, off, len, sp == 443 || dp == 443)) {
            if (q) quic_initial_tls(a, b, off, len, d->payload_len, q);
            goto done;
        }
        if ((sp == 1900 || dp == 1900) && http_decode(a, b, off, len)) goto done;
        if (!known && !nbns && dns_decode(a, b, off, len, false, true)) goto done;
    } else if (d->tcp.hlen) {
        uint16_t sp = d->tcp.sport, dp = d->tcp.dport;
        if (tls_decode(a, b, off, len)) goto done;
        if (ssh_decode(a, b, off, len)) goto done;
        if (http_decode(a, b, off, len)) goto done;
        if ((app_dns_port(sp) || app_dns_port(dp)) && dns_decode(a, b, off, len, true, false)) goto done;
    }
    a->proto = APP_NONE;
    return APP_NONE;
done:
    /* cut short (by the capture, or by IP fragmentation: no reassembly), a message is judged on what came: an
       opcode not in use or the Z bit set is not DNS whatever the rest would have been (iodine's raw frames at
       -s 68); several questions are legal (RFC 1035) and mDNS sends them: not held against a cut message */
    if (cut && a->malformed && a->proto == APP_DNS && dns_header_impossible(&a->u.dns, a->u.dns.len, false))
        a->malformed = "dns header impossible in a message cut short (not DNS?)";
    else if (cut && a->malformed) {
        bool more = ((d->layers & L_IPV4) && (d->ip4.flags & 0x1)) || ((d->layers & L_IPV6) && d->ip6.has_frag && d->ip6.frag_more);
        a->truncated = more ? "the message continues in the next IP fragment" : a->malformed;
        a->malformed = NULL;
    }
    return a->proto;
}
