/* One-line packet summaries in tcpdump's spirit:
 *   12 1101200005.123456 255.255.255.255:31337 > 10.0.0.5:515 TCP [R.] len 16 ttl 14 id 0 "Reset cause: cko"
 * Payload text is shown only for RST segments that carry one, always escaped. */
#include "summary.h"
#include "escape.h"
#include "vlan.h"

#include <arpa/inet.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

/* Addresses as inet_ntop writes them (dotted quad; IPv6 with the first longest run of two or more
 * zero words as "::", lower-case hex, and the last 32 bits dotted after :: or ::ffff:), without
 * its sprintf per part: hunts and summaries format an address for nearly every packet they see. */
static char *put_dec8(char *o, unsigned v)
{
    if (v >= 100) { *o++ = (char)('0' + v / 100); v %= 100; *o++ = (char)('0' + v / 10); }
    else if (v >= 10) *o++ = (char)('0' + v / 10);
    *o++ = (char)('0' + v % 10);
    return o;
}

static char *put_quad(char *o, const uint8_t *a)
{
    for (int i = 0; i < 4; i++) {
        if (i) *o++ = '.';
        o = put_dec8(o, a[i]);
    }
    return o;
}

static char *put_hex16(char *o, unsigned w)
{
    static const char hex[] = "0123456789abcdef";
    int shift = w >= 0x1000 ? 12 : w >= 0x100 ? 8 : w >= 0x10 ? 4 : 0;
    for (; shift >= 0; shift -= 4) *o++ = hex[w >> shift & 15];
    return o;
}

void addr_format(int version, const uint8_t *a, char out[ADDR_STR_MAX])
{
    char *o = out;
    if (version != 6) {
        *put_quad(o, a) = '\0';
        return;
    }
    unsigned w[8];
    for (int i = 0; i < 8; i++) w[i] = (unsigned)a[2 * i] << 8 | a[2 * i + 1];
    int best = -1, best_len = 0;
    for (int i = 0; i < 8;) {   /* the first longest run of zero words */
        if (w[i]) { i++; continue; }
        int j = i;
        while (j < 8 && !w[j]) j++;
        if (j - i > best_len) { best = i; best_len = j - i; }
        i = j;
    }
    if (best_len < 2) best = -1;
    for (int i = 0; i < 8; i++) {
        if (best >= 0 && i >= best && i < best + best_len) {
            if (i == best) *o++ = ':';
            continue;
        }
        if (i) *o++ = ':';
        if (i == 6 && best == 0 && (best_len == 6 || (best_len == 5 && w[5] == 0xffff))) {   /* ::a.b.c.d, ::ffff:a.b.c.d */
            o = put_quad(o, a + 12);
            *o = '\0';
            return;
        }
        o = put_hex16(o, w[i]);
    }
    if (best >= 0 && best + best_len == 8) *o++ = ':';
    *o = '\0';
}

void addr_src(const struct decoded *d, char out[ADDR_STR_MAX])
{
    if (d->layers & L_IPV4) addr_format(4, d->ip4.src, out);
    else if (d->layers & L_IPV6) addr_format(6, d->ip6.src, out);
    else out[0] = '\0';
}

void addr_dst(const struct decoded *d, char out[ADDR_STR_MAX])
{
    if (d->layers & L_IPV4) addr_format(4, d->ip4.dst, out);
    else if (d->layers & L_IPV6) addr_format(6, d->ip6.dst, out);
    else out[0] = '\0';
}

/* Text written into a buffer of n bytes (n > 0) as snprintf would: what fits of it, terminated by
 * put_end; o counts what was written (at most n - 1).  The summary writes a line for every packet a loop
 * prints, so numbers are written here rather than through printf's format parsing. */
struct text { char *s; size_t o, n; };

static void put_ch(struct text *t, char c)
{
    if (t->o + 1 < t->n) t->s[t->o++] = c;
}

static void put_mem(struct text *t, const char *s, size_t k)
{
    size_t room = t->n - 1 - t->o;
    if (k > room) k = room;
    memcpy(t->s + t->o, s, k);
    t->o += k;
}

static void put_str(struct text *t, const char *s) { put_mem(t, s, strlen(s)); }

static size_t put_end(struct text *t)
{
    t->s[t->o] = '\0';
    return t->o;
}

/* v in decimal, at least width digits (zeros in front), as %0*llu; a minus sign first for neg,
 * counted in the width as printf counts it. */
static void put_num(struct text *t, bool neg, unsigned long long v, int width)
{
    char d[48];
    int k = (int)sizeof d;
    do { d[--k] = (char)('0' + v % 10); v /= 10; } while (v);
    if (neg) width--;
    while ((int)sizeof d - k < width && k > 1) d[--k] = '0';
    if (neg) d[--k] = '-';
    put_mem(t, d + k, sizeof d - (size_t)k);
}

static void put_u(struct text *t, unsigned long long v) { put_num(t, false, v, 0); }

static void put_hex(struct text *t, unsigned v, int width)
{
    static const char hex[] = "0123456789abcdef";
    char d[8];
    int k = 0;
    do { d[k++] = hex[v & 15]; v >>= 4; } while (v);
    for (int i = k; i < width; i++) put_ch(t, '0');
    while (k) put_ch(t, d[--k]);
}

void mac_format(const uint8_t *m, char out[18])
{
    struct text t = {out, 0, 18};
    for (int i = 0; i < 6; i++) {
        if (i) put_ch(&t, ':');
        put_hex(&t, m[i], 2);
    }
    put_end(&t);
}

void tcp_flags_string(uint16_t flags, char out[16])
{
    /* tcpdump's order (print-tcp.c's tcp_flag_values): FIN SYN RST PSH ACK URG ECE CWR AE */
    static const struct { uint16_t bit; char c; } tok[] = {
        {TCP_FIN, 'F'}, {TCP_SYN, 'S'}, {TCP_RST, 'R'}, {TCP_PSH, 'P'}, {TCP_ACK, '.'},
        {TCP_URG, 'U'}, {TCP_ECE, 'E'}, {TCP_CWR, 'W'}, {TCP_AE, 'e'}, {0, 0}
    };
    size_t n = 0;
    for (size_t i = 0; tok[i].bit; i++)
        if (flags & tok[i].bit) out[n++] = tok[i].c;
    out[n] = '\0';
    if (n == 0) strcpy(out, "none");
}

/* After the header at off whose type field is the two bytes before off: its VLAN tags (802.1Q,
 * 802.1ad, the old QinQ 0x9100 and 0x9200), each 4 bytes with the next type in its last two. */
static size_t after_vlan_tags(const uint8_t *b, size_t caplen, size_t off)
{
    for (int n = 0; n < 8 && off + 4 <= caplen; n++) {
        uint16_t type = (uint16_t)(b[off - 2] << 8 | b[off - 1]);
        if (!vlan_is_tpid(type)) break;
        off += 4;
    }
    return off;
}

/* NFLOG: the family, version and resource ID, then TLVs (in the capturing host's byte order, fixed
 * by the first) up to the payload TLV's value; the end of the TLVs when there is none. */
static size_t nflog_header_len(const uint8_t *b, size_t caplen)
{
    size_t pos = 4;
    int order = 0;
    while (pos + 4 <= caplen) {
        uint16_t le = (uint16_t)(b[pos] | b[pos + 1] << 8), be = (uint16_t)(b[pos] << 8 | b[pos + 1]);
        if (!order) order = le >= 4 && le <= caplen - pos ? 1 : 2;
        uint16_t tl = order == 1 ? le : be;
        uint16_t tt = (uint16_t)((order == 1 ? (b[pos + 2] | b[pos + 3] << 8) : (b[pos + 2] << 8 | b[pos + 3])) & 0x3FFF);
        if (tl < 4) break;
        if (tt == 9) return pos + 4;   /* NFULA_PAYLOAD */
        size_t step = ((size_t)tl + 3) & ~(size_t)3;
        if (step > caplen - pos) break;
        pos += step;
    }
    return pos < caplen ? pos : caplen;
}

/* An 802.2 LLC header at off is link layer too (tcpdump's llc_print): SNAP (AA AA 03, OUI, type)
 * 8 bytes, an unnumbered frame 3, an information or supervisory one 4; Novell's raw 802.3 (FF FF) none. */
static size_t after_llc(const uint8_t *b, size_t caplen, size_t off)
{
    if (off + 3 > caplen || (b[off] == 0xff && b[off + 1] == 0xff)) return off;
    if (b[off] == 0xaa && b[off + 1] == 0xaa && b[off + 2] == 0x03) return off + 8;
    return off + ((b[off + 2] & 3) == 3 ? 3 : 4);
}

size_t frame_link_header_len(int linktype, const uint8_t *b, size_t caplen)
{
    size_t off;
    switch (linktype) {
    case LT_ETHERNET:
        off = caplen >= 14 ? after_vlan_tags(b, caplen, 14) : 14;
        if (off <= caplen && (b[off - 2] << 8 | b[off - 1]) <= 1500) off = after_llc(b, caplen, off);   /* a length: 802.3 */
        break;
    case LT_LINUX_SLL:
        off = caplen >= 16 ? after_vlan_tags(b, caplen, 16) : 16;
        if (off <= caplen && (b[off - 2] << 8 | b[off - 1]) == 0x0004) off = after_llc(b, caplen, off);   /* 802.2 frames */
        break;
    case LT_LINUX_SLL2: {   /* its protocol type comes first, not before the end */
        off = 20;
        if (caplen >= 20 && (b[0] << 8 | b[1]) == 0x8100) {
            off = 24;
            while (off + 4 <= caplen && (b[off - 2] << 8 | b[off - 1]) == 0x8100) off += 4;
        }
        if (caplen >= 20 && (b[0] << 8 | b[1]) == 0x0004) off = after_llc(b, caplen, off);
        break;
    }
    case LT_NULL: case LT_LOOP: off = 4; break;
    case LT_IPNET: off = 24; break;
    case LT_PPP: case LT_PPP_HDLC:
        if (linktype == LT_PPP_HDLC && caplen >= 1 && (b[0] == 0x0f || b[0] == 0x8f)) { off = 4; break; }   /* Cisco HDLC framing */
        off = caplen >= 2 && b[0] == 0xff && b[1] == 0x03 ? 2 : 0;
        off += off < caplen && (b[off] & 1) ? 1 : 2;   /* a compressed (odd) protocol is one byte */
        break;
    case LT_NFLOG: off = nflog_header_len(b, caplen); break;
    default: off = 0;   /* raw IP (LT_RAW, LT_IPV4, LT_IPV6 …), or a link layer we do not know */
    }
    return off < caplen ? off : caplen;
}

const char *decoded_proto_name(const struct decoded *d)
{
    if (d->layers & L_TCP) return "tcp";
    if (d->layers & L_UDP) return "udp";
    if (d->layers & L_ICMP) return "icmp";
    if (d->layers & L_ICMPV6) return "icmpv6";
    if (d->ip_version && !d->fragment) {   /* a transport we do not decode, named by its number */
        static const struct { uint8_t num; const char *name; } names[] = {
            {2, "igmp"}, {46, "rsvp"}, {47, "gre"}, {50, "esp"}, {51, "ah"}, {89, "ospf"},
            {103, "pim"}, {112, "vrrp"}, {132, "sctp"}, {136, "udplite"}
        };
        for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
            if (names[i].num == d->l4_proto) return names[i].name;
    }
    if (d->layers & L_IPV4) return "ipv4";
    if (d->layers & L_IPV6) return "ipv6";
    if (d->layers & (L_ETH | L_SLL)) return d->eth.type == 0x0806 ? "arp" : "ethertype";
    return "unknown";
}

/* seconds.fraction, as "%lld.%06ld" (microseconds) or "%lld.%09ld" (nanoseconds) would write it */
static void put_time(struct text *t, const struct pcap_pkthdr *h, bool nano)
{
    long long sec = (long long)h->ts.tv_sec;
    long frac = (long)h->ts.tv_usec, unit = nano ? 1000000000L : 1000000L;
    if (sec < 0 && frac > 0 && frac < unit) {   /* -1 s + 1 us is -0.999999, as time_epoch and JSON give it */
        put_num(t, true, 0ull - (unsigned long long)(sec + 1), 0);
        put_ch(t, '.');
        put_num(t, false, (unsigned long)(unit - frac), nano ? 9 : 6);
        return;
    }
    put_num(t, sec < 0, sec < 0 ? 0ull - (unsigned long long)sec : (unsigned long long)sec, 0);
    put_ch(t, '.');
    put_num(t, frac < 0, frac < 0 ? 0ul - (unsigned long)frac : (unsigned long)frac, nano ? 9 : 6);
}

void frame_time_string(const struct pcap_pkthdr *h, bool nano, char out[32])
{
    struct text t = {out, 0, 32};
    put_time(&t, h, nano);
    put_end(&t);
}

double frame_time_epoch(const struct pcap_pkthdr *h, bool nano)
{
    return (double)h->ts.tv_sec + (double)h->ts.tv_usec / (nano ? 1e9 : 1e6);
}

static void endpoint(struct text *t, const char *addr, bool v6, bool with_port, uint16_t port)
{
    if (with_port && v6) put_ch(t, '[');
    put_str(t, addr);
    if (!with_port) return;
    if (v6) put_ch(t, ']');
    put_ch(t, ':');
    put_u(t, port);
}

/* summary_format's body; tcp_len: print a TCP segment's length (false for a flow's first packet
 * whose length the table did not keep). */
static size_t format(char *out, size_t outsz, uint64_t number, const struct pcap_pkthdr *h, bool nano,
                     const struct decoded *d, const uint8_t *bytes, bool tcp_len)
{
    struct text t = {out, 0, outsz};
    char src[ADDR_STR_MAX], dst[ADDR_STR_MAX];
    if (outsz == 0) return 0;
    put_u(&t, number);
    put_ch(&t, ' ');
    put_time(&t, h, nano);
    put_ch(&t, ' ');
    if (!(d->layers & (L_IPV4 | L_IPV6))) {
        if (d->layers & (L_ETH | L_SLL)) {
            char ms[18], md[18];
            mac_format(d->eth.src, ms);
            mac_format(d->eth.dst, md);
            if (d->layers & L_ETH) { put_str(&t, ms); put_str(&t, " > "); put_str(&t, md); put_ch(&t, ' '); }
            if (d->eth.type == 0x0806) put_str(&t, "ARP");
            else { put_str(&t, "ethertype 0x"); put_hex(&t, d->eth.type, 4); }
        } else {
            put_str(&t, "linktype ");
            put_num(&t, d->linktype < 0, d->linktype < 0 ? 0u - (unsigned)d->linktype : (unsigned)d->linktype, 0);
        }
        put_str(&t, " len ");
        put_u(&t, h->len);
    } else {
        bool v6 = d->ip_version == 6;
        bool ports = (d->layers & (L_TCP | L_UDP)) != 0;
        uint16_t sp = d->layers & L_TCP ? d->tcp.sport : d->udp.sport;
        uint16_t dp = d->layers & L_TCP ? d->tcp.dport : d->udp.dport;
        addr_src(d, src);
        addr_dst(d, dst);
        endpoint(&t, src, v6, ports, sp);
        put_str(&t, " > ");
        endpoint(&t, dst, v6, ports, dp);
        put_ch(&t, ' ');
        if (d->fragment) put_str(&t, v6 ? "IPv6 fragment" : "IP fragment");
        else if ((d->layers & L_TCP) && !d->tcp.fixed) put_str(&t, "TCP");
        else if (d->layers & L_TCP) {
            char fl[16];
            tcp_flags_string(d->tcp.flags, fl);
            put_str(&t, "TCP [");
            put_str(&t, fl);
            put_ch(&t, ']');
            if (tcp_len) { put_str(&t, " len "); put_u(&t, d->payload_len); }
        } else if ((d->layers & L_UDP) && !d->payload_off) put_str(&t, "UDP");   /* header cut, or rebuilt from a flow: no length */
        else if (d->layers & L_UDP) { put_str(&t, "UDP len "); put_u(&t, d->payload_len); }
        else if (d->layers & (L_ICMP | L_ICMPV6)) {
            put_str(&t, d->layers & L_ICMP ? "ICMP type " : "ICMPv6 type ");
            put_u(&t, d->icmp.type);
            put_str(&t, " code ");
            put_u(&t, d->icmp.code);
        } else {
            put_str(&t, v6 ? "IPv6 proto " : "IP proto ");
            put_u(&t, d->l4_proto);
        }
        if (v6) { put_str(&t, " hlim "); put_u(&t, d->ip6.hlim); }
        else { put_str(&t, " ttl "); put_u(&t, d->ip4.ttl); put_str(&t, " id "); put_u(&t, d->ip4.id); }
        if (d->has_reset_cause && d->payload_caplen > 0) {
            char esc[3 * 48];
            escape_text(esc, sizeof esc, bytes + d->payload_off, d->payload_caplen);
            put_str(&t, " \"");
            put_str(&t, esc);
            put_ch(&t, '"');
        }
    }
    if (d->truncated) { put_str(&t, " [truncated: "); put_str(&t, d->truncated); put_ch(&t, ']'); }
    if (d->malformed) { put_str(&t, " [malformed: "); put_str(&t, d->malformed); put_ch(&t, ']'); }
    return put_end(&t);
}

size_t summary_format(char *out, size_t outsz, uint64_t number, const struct pcap_pkthdr *h,
                      bool nano, const struct decoded *d, const uint8_t *bytes)
{
    return format(out, outsz, number, h, nano, d, bytes, true);
}

/* What the flow table kept of a flow's first packet, as a decoding and a record header, so a
 * finding can cite that packet after it is gone: addresses, ports, protocol, the TCP flags, TTL
 * and IP ID; no payload (a TCP segment's length is known only when it was 0; a UDP datagram's is not
 * kept: UDP length 0). */
bool flow_first_packet(const struct flow *f, struct decoded *d, struct pcap_pkthdr *h)
{
    bool nano = f->state & FS_FIRST_NANO;
    int i = f->initiator > 0 ? 1 : 0;
    size_t alen = f->version == 4 ? 4 : 16;
    memset(d, 0, sizeof *d);
    memset(h, 0, sizeof *h);
    d->ip_version = f->version;
    d->l4_proto = f->proto;
    if (f->version == 4) {
        d->layers = L_IPV4;
        memcpy(d->ip4.src, f->addr[i], alen);
        memcpy(d->ip4.dst, f->addr[!i], alen);
        d->ip4.ttl = f->dir[i].ttl_first;
        d->ip4.id = f->dir[i].ipid_first;
        d->ip4.proto = f->proto;
    } else {
        d->layers = L_IPV6;
        memcpy(d->ip6.src, f->addr[i], alen);
        memcpy(d->ip6.dst, f->addr[!i], alen);
        d->ip6.hlim = f->dir[i].ttl_first;
        d->ip6.nxt = f->proto;
    }
    if (f->proto == 6) {
        d->layers |= L_TCP;
        d->tcp.sport = f->port[i];
        d->tcp.dport = f->port[!i];
        d->tcp.flags = f->first_flags & FLOW_FIRST_FLAGS;
        d->tcp.fixed = (f->first_flags & FLOW_FIRST_TCP) != 0;   /* else its header was cut: no flags */
    } else if (f->proto == 17) {
        d->layers |= L_UDP;
        d->udp.sport = f->port[i];
        d->udp.dport = f->port[!i];
    }
    double scale = nano ? 1e9 : 1e6, s = f->first_time - (double)f->first_frac / scale;
    /* past 2^53 the double's seconds are approximate; past the range of time_t they saturate (a hostile
       capture's; never 1970) */
    h->ts.tv_sec = s >= 9223372036854775808.0 ? (time_t)INT64_MAX : s < -9223372036854775808.0 ? (time_t)INT64_MIN
                                                                                          : (time_t)llround(s);
    h->ts.tv_usec = (suseconds_t)f->first_frac;
    return nano;
}

size_t flow_first_summary(char *out, size_t outsz, const struct flow *f)
{
    struct decoded d;
    struct pcap_pkthdr h;
    bool nano = flow_first_packet(f, &d, &h);
    return format(out, outsz, f->first_number, &h, nano, &d, NULL, (f->first_flags & FLOW_FIRST_EMPTY) != 0);
}
