/* genbench: the capture `make bench` measures.  A classic pcap (Ethernet, microseconds) of N frames
 * (default 1,000,000) of realistic mixed traffic, always the same for the same N (own PRNG, fixed
 * seed), plus the seed's anomalies at fixed rates; every count is written to a truth file.
 *
 *   genbench FILE.pcap [N]     writes FILE.pcap and FILE.truth (key=value lines)
 *
 * The traffic: 6,000 dual-stack LAN clients (10.x, 2001:db8::/32) behind the capture point talk to
 * 2,000 servers (popularity skewed), 4 DNS resolvers and 4 NTP servers.  2,000 flows are open at any
 * moment; each frame comes from one of them picked at random, so flows interleave as on a real link
 * and a reply arrives ~2,000 frames (~80 ms) after its request.  300,000 frames are made and thrown
 * away first, so the capture starts mid-stream, as one on a busy link does (some flows begin without
 * their handshake) and the mix is steady from frame 1.  A new flow is, by probability:
 *   15% TCP (443 60%, 80 25%, 22 10%, 993 5%): SYN / SYN-ACK / ACK with Linux options, request and
 *       response rounds (1..~300 server segments, log-like spread, the client ACKing every second),
 *       then FIN teardown (85%: client-first 60, server-first 25), RST+ACK from an endpoint (13%),
 *       or a refused SYN answered by RST+ACK (2%); payloads: HTTP request and status lines on 80, TLS
 *       application-data records on 443 and 993, opaque bytes otherwise (SSH, HTTP bodies);
 *   68% DNS over UDP (query, response; A or AAAA);  10% NTP (client mode 3, server mode 4);
 *    7% ICMP echo (1-4 request/reply pairs, IPv4).
 * TCP and DNS flows are IPv6 with probability 21%, which makes ~20% of frames IPv6.  A tenth of the
 * clients sit on VLAN 20 or 30 and every frame to or from them carries that 802.1Q tag (~10%).
 * Client ports come from the Linux ephemeral range 32768-60999, never a backdoor port; client TTLs
 * are 64 or 128 minus 0-2 hops, servers' 64 or 128 minus 5-20 hops, fixed per host; IPv4 always
 * has DF set and an IP ID that counts up per flow and direction (never 0).  Checksums are valid.
 *
 * Anomalies, at fixed frame numbers:
 *   every 10,000th frame (10000, 20000, ...): the Q Trojan packet, 255.255.255.255:31337 >
 *       10.0.0.5:515 RST+ACK, IP ID 0, TTL 14, DF clear, payload "Reset cause: cko"; every second
 *       one (20000, 40000, ...) inside an 802.1Q tag, VLAN 20.
 *   every 5,000th frame from 2500 (2500, 7500, ...): a SonicWALL connection-cache cleanup reset in
 *       an established TCP flow (one past its handshake): client > server RST+ACK at the flow's
 *       sequence numbers, TTL 64, the firewall's own IP ID, DF clear, payload "Reset cause: cko";
 *       the flow ends there.
 * No other packet has a RST payload, TTL 14, or IP ID 0.
 *
 * The truth file counts what was written: frames, bytes (sum of caplen), vlan/ipv4/ipv6/tcp/udp/icmp/
 * dns/ntp frames, tcp_data_frames, syn_packets, rst_packets, rst_with_payload, q_trojan, q_trojan_vlan,
 * sonicwall_cko (and the two rates), flows (distinct flows with a frame in the file, the Q Trojan's
 * 5-tuple once), tcp_udp_tuples (distinct TCP/UDP 5-tuples, either direction), per-kind flows,
 * ipv6_flows, how TCP flows ended (tcp_fin_close, tcp_rst_close, tcp_refused) and flows_open_at_end. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- deterministic randomness (xorshift64*) ---- */
static uint64_t rs = 0x2004112308531400ull;
static uint64_t rnd(void)
{
    rs ^= rs >> 12; rs ^= rs << 25; rs ^= rs >> 27;
    return rs * 2685821657736338717ull;
}
static unsigned below(unsigned n) { return (unsigned)(((rnd() >> 32) * n) >> 32); }   /* 0..n-1 */
static unsigned range(unsigned lo, unsigned hi) { return lo + below(hi - lo + 1); }    /* lo..hi */

/* ---- byte helpers ---- */
static void le32(uint8_t *p, uint32_t v) { p[0] = (uint8_t)v; p[1] = (uint8_t)(v >> 8); p[2] = (uint8_t)(v >> 16); p[3] = (uint8_t)(v >> 24); }
static void be16(uint8_t *p, unsigned v) { p[0] = (uint8_t)(v >> 8); p[1] = (uint8_t)v; }
static void be32(uint8_t *p, uint32_t v) { be16(p, v >> 16); be16(p + 2, v & 0xffff); }
static uint32_t sum16(const uint8_t *p, size_t n, uint32_t s)
{
    for (; n > 1; n -= 2, p += 2) s += (uint32_t)(p[0] << 8 | p[1]);
    if (n) s += (uint32_t)p[0] << 8;
    return s;
}
static unsigned fold(uint32_t s)
{
    while (s >> 16) s = (s & 0xffff) + (s >> 16);
    return ~s & 0xffff;
}
static void fill_random(uint8_t *p, size_t n)
{
    while (n >= 8) { uint64_t r = rnd(); memcpy(p, &r, 8); p += 8; n -= 8; }
    if (n) { uint64_t r = rnd(); memcpy(p, &r, n); }
}

/* ---- hosts ---- */
enum { NCLIENT = 6000, NSERVER = 2000, NRESOLVER = 4, NNTP = 4, NSLOT = 2000, WARMUP = 300000 };
struct addr { uint32_t v4; uint8_t v6[16]; uint8_t mac[6]; };
struct client { struct addr a; unsigned ttl, vlan, next_port, next_icmp_id; };
struct server { struct addr a; unsigned ttl; };
static struct client clients[NCLIENT];
static struct server servers[NSERVER], resolvers[NRESOLVER], ntps[NNTP];
static const uint8_t router_mac[6] = {0x00, 0x1a, 0x2b, 0x3c, 0x4d, 0x5e};

/* Ports of the backdoor-ports table (docs/hunts.md): never a client's port. */
static const unsigned backdoor_ports[] = {1243, 1524, 2140, 3127, 3150, 4444, 5554, 6711, 6776, 7597, 9996, 12345,
                                         12346, 20034, 27374, 30100, 31337, 31338, 54320, 54321, 65000};
static int is_backdoor(unsigned port)
{
    for (size_t i = 0; i < sizeof backdoor_ports / sizeof *backdoor_ports; i++)
        if (backdoor_ports[i] == port) return 1;
    return 0;
}
/* Linux picks ephemeral ports 32768-60999; the next one a client uses is a few above its last. */
static unsigned ephemeral_port(struct client *c)
{
    do {
        c->next_port += range(1, 7);
        if (c->next_port > 60999) c->next_port = 32768 + (c->next_port - 61000);
    } while (is_backdoor(c->next_port));
    return c->next_port;
}
static void v6addr(uint8_t *a, unsigned site, unsigned subnet, unsigned host)
{
    static const uint8_t prefix[4] = {0x20, 0x01, 0x0d, 0xb8};
    memset(a, 0, 16);
    memcpy(a, prefix, 4);
    be16(a + 4, site); be16(a + 6, subnet); be16(a + 12, host >> 16); be16(a + 14, host & 0xffff);
}
static void server_init(struct server *s, uint32_t v4, unsigned site, unsigned host)
{
    s->a.v4 = v4;
    v6addr(s->a.v6, site, 0, host);
    memcpy(s->a.mac, router_mac, 6);
    s->ttl = (below(10) < 7 ? 64 : 128) - range(5, 20);
}
static void hosts_init(void)
{
    for (unsigned i = 0; i < NCLIENT; i++) {
        struct client *c = &clients[i];
        c->vlan = i % 10 == 7 ? (i % 20 == 7 ? 20 : 30) : 0;   /* a tenth of the hosts, whole */
        unsigned net = c->vlan ? c->vlan : 1;
        c->a.v4 = 0x0a000000u | net << 16 | (i / 250) << 8 | (i % 250 + 1);
        v6addr(c->a.v6, 0x100 + net, i / 250, i % 250 + 1);
        uint8_t mac[6] = {0x02, 0x42, 0x0a, (uint8_t)net, (uint8_t)(i >> 8), (uint8_t)i};
        memcpy(c->a.mac, mac, 6);
        c->ttl = (below(10) < 8 ? 64 : 128) - below(3);
        c->next_port = range(32768, 60999);
        c->next_icmp_id = range(1, 65535);
    }
    static const uint8_t first[] = {13, 20, 23, 31, 34, 45, 52, 54, 93, 104, 142, 151, 157, 172, 185, 199, 203, 212};
    for (unsigned i = 0; i < NSERVER; i++) {
        unsigned o1 = first[below(sizeof first)];
        uint32_t v4 = (uint32_t)o1 << 24 | (uint32_t)range(1, 254) << 16 | (uint32_t)below(256) << 8 | range(1, 254);
        if (o1 == 172) v4 = (v4 & 0xff00ffffu) | (uint32_t)range(64, 250) << 16;   /* not 172.16/12 */
        server_init(&servers[i], v4, 0x2000 + i / 250, i + 1);
    }
    static const uint32_t dns4[NRESOLVER] = {0x08080808u, 0x01010101u, 0x09090909u, 0xd043dede};
    for (unsigned i = 0; i < NRESOLVER; i++) server_init(&resolvers[i], dns4[i], 0x53, i + 1);
    for (unsigned i = 0; i < NNTP; i++) server_init(&ntps[i], 0xa2c30000u | range(1, 255) << 8 | range(1, 254), 0x123, i + 1);
}

/* ---- output and truth ---- */
static FILE *out;
static int writing;   /* 0 during the warm-up, when frames are made but neither written nor counted */
static uint32_t t_sec = 1101199988, t_usec;
static struct {
    long frames, bytes, vlan, ipv4, ipv6, tcp, udp, icmp, rst, rst_payload, syn, q_trojan, q_trojan_vlan, sonicwall,
        flows, tcp_flows, dns_flows, ntp_flows, icmp_flows, v6_flows, fin_close, rst_close, refused, flows_cut,
        dns_frames, ntp_frames, tcp_data_frames;
} tr;

struct hdr {
    int v6;
    unsigned vlan, ttl, id, df, proto, flowlabel;
    const struct addr *src, *dst;
};
/* Ethernet [+ 802.1Q] + IPv4/IPv6 around an L4 header and payload already at l4; fills the L4
 * checksum and writes the record. */
static void put(const struct hdr *h, uint8_t *l4, size_t l4len)
{
    static uint8_t f[2048];
    size_t off = 0;
    memcpy(f, h->dst->mac, 6); memcpy(f + 6, h->src->mac, 6); off = 12;
    if (h->vlan) { be16(f + off, 0x8100); be16(f + off + 2, h->vlan); off += 4; }
    be16(f + off, h->v6 ? 0x86dd : 0x0800); off += 2;
    unsigned cko = h->proto == 6 ? 16 : h->proto == 17 ? 6 : 2;
    l4[cko] = l4[cko + 1] = 0;
    uint32_t s = 0;
    if (h->v6) {
        uint8_t *ip = f + off;
        be32(ip, 0x60000000u | h->flowlabel); be16(ip + 4, (unsigned)l4len);
        ip[6] = (uint8_t)(h->proto == 1 ? 58 : h->proto); ip[7] = (uint8_t)h->ttl;
        memcpy(ip + 8, h->src->v6, 16); memcpy(ip + 24, h->dst->v6, 16);
        s = sum16(ip + 8, 32, 0) + (uint32_t)l4len + ip[6];
        off += 40;
    } else {
        uint8_t *ip = f + off;
        memset(ip, 0, 20);
        ip[0] = 0x45; be16(ip + 2, (unsigned)(20 + l4len)); be16(ip + 4, h->id);
        ip[6] = h->df ? 0x40 : 0; ip[8] = (uint8_t)h->ttl; ip[9] = (uint8_t)h->proto;
        be32(ip + 12, h->src->v4); be32(ip + 16, h->dst->v4);
        be16(ip + 10, fold(sum16(ip, 20, 0)));
        if (h->proto != 1) s = sum16(ip + 12, 8, 0) + h->proto + (uint32_t)l4len;
        off += 20;
    }
    be16(l4 + cko, fold(sum16(l4, l4len, s)));
    if (!writing) return;
    memcpy(f + off, l4, l4len);
    size_t len = off + l4len;
    uint8_t rec[16];
    le32(rec, t_sec); le32(rec + 4, t_usec); le32(rec + 8, (uint32_t)len); le32(rec + 12, (uint32_t)len);
    fwrite(rec, 1, 16, out);
    fwrite(f, 1, len, out);
    tr.frames++; tr.bytes += (long)len;
    if (h->vlan) tr.vlan++;
    if (h->v6) tr.ipv6++; else tr.ipv4++;
    if (h->proto == 6) {
        tr.tcp++;
        if (l4[13] & 0x04) { tr.rst++; if (l4len > (size_t)(l4[12] >> 4) * 4) tr.rst_payload++; }
        if ((l4[13] & 0x12) == 0x02) tr.syn++;
    } else if (h->proto == 17) tr.udp++;
    else tr.icmp++;
}

/* TCP header at t; opt 0 none, 1 SYN (Linux: MSS, SACK_PERM, TS, NOP, WS), 2 NOP NOP TS.
 * Returns the header length; the payload goes right after it. */
static size_t tcp_hdr(uint8_t *t, unsigned sp, unsigned dp, uint32_t seq, uint32_t ack, unsigned flags, unsigned win,
                      int opt, unsigned mss, uint32_t tsval, uint32_t tsecr)
{
    size_t hl = opt == 1 ? 40 : opt == 2 ? 32 : 20;
    memset(t, 0, hl);
    be16(t, sp); be16(t + 2, dp); be32(t + 4, seq); be32(t + 8, ack);
    t[12] = (uint8_t)(hl / 4 << 4); t[13] = (uint8_t)flags; be16(t + 14, win);
    uint8_t *o = t + 20;
    if (opt == 1) {
        o[0] = 2; o[1] = 4; be16(o + 2, mss); o[4] = 4; o[5] = 2;
        o[6] = 8; o[7] = 10; be32(o + 8, tsval); be32(o + 12, tsecr); o[16] = 1; o[17] = 3; o[18] = 3; o[19] = 7;
    } else if (opt == 2) {
        o[0] = 1; o[1] = 1; o[2] = 8; o[3] = 10; be32(o + 4, tsval); be32(o + 8, tsecr);
    }
    return hl;
}

/* ---- flows ---- */
enum kind { K_TCP, K_DNS, K_NTP, K_ICMP };
enum tstate { T_SYN, T_SYNACK, T_ACK, T_REQ, T_DATA, T_CACK, T_FIN1, T_FIN2, T_FIN3, T_RST };
enum close { C_FIN_CLIENT, C_FIN_SERVER, C_RST_CLIENT, C_RST_SERVER, C_REFUSED };
struct flow {
    int live, started, kind, v6, state, close, interactive, resp_start;
    struct client *c;
    struct server *s;
    unsigned cport, sport, cid, sid, flowlabel, rounds, segs, seg_round, unacked, pings, qtype, dnsid;
    uint32_t cseq, sseq, cts, sts;
    char qname[64];
};
static struct flow slots[NSLOT];
static uint16_t fw_ipid;   /* the SonicWALL's own IP ID counter */

static unsigned next_id(unsigned *id) { unsigned v = *id; *id = *id == 65535 ? 1 : *id + 1; return v; }

static void flow_new(struct flow *f)
{
    memset(f, 0, sizeof *f);
    f->live = 1;
    f->c = &clients[below(NCLIENT)];
    unsigned k = below(100);
    f->kind = k < 15 ? K_TCP : k < 83 ? K_DNS : k < 93 ? K_NTP : K_ICMP;
    f->v6 = (f->kind == K_TCP || f->kind == K_DNS) && below(100) < 21;
    f->cid = range(1, 65535); f->sid = range(1, 65535); f->flowlabel = below(1u << 20);
    if (f->kind == K_TCP) {
        f->s = &servers[below(1 + below(NSERVER))];   /* a few servers get most flows */
        unsigned p = below(100);
        f->sport = p < 60 ? 443 : p < 85 ? 80 : p < 95 ? 22 : 993;
        f->interactive = f->sport == 22;
        f->cport = ephemeral_port(f->c);
        f->cseq = (uint32_t)rnd(); f->sseq = (uint32_t)rnd(); f->cts = (uint32_t)rnd(); f->sts = (uint32_t)rnd();
        unsigned total = 1 + below(1 + below(1 + below(300)));            /* 1..300 segments, mostly few */
        f->segs = total;
        f->rounds = f->interactive ? range(1 + total / 3, total) : 1 + below(1 + total / 25);
        unsigned c = below(100);
        f->close = c < 60 ? C_FIN_CLIENT : c < 85 ? C_FIN_SERVER : c < 93 ? C_RST_CLIENT : c < 98 ? C_RST_SERVER : C_REFUSED;
    } else if (f->kind == K_DNS) {
        f->s = &resolvers[below(NRESOLVER)];
        f->sport = 53; f->cport = ephemeral_port(f->c);
        f->qtype = below(10) < 7 ? 1 : 28; f->dnsid = below(65536);
        static const char *label[] = {"www", "api", "cdn", "mail", "static", "img", "login", "update", "ws", "m"};
        static const char *domain[] = {"example.com", "example.net", "example.org", "wikipedia.org", "debian.org",
                                       "kernel.org", "wireshark.org", "tcpdump.org", "lua.org", "iana.org"};
        snprintf(f->qname, sizeof f->qname, "%s%u.%s", label[below(10)], below(40), domain[below(1 + below(10))]);
    } else if (f->kind == K_NTP) {
        f->s = &ntps[below(NNTP)];
        f->sport = 123; f->cport = ephemeral_port(f->c);
    } else {
        f->s = &servers[below(1 + below(NSERVER))];
        f->cport = f->c->next_icmp_id = f->c->next_icmp_id % 65535 + 1;   /* the echo identifier */
        f->pings = range(1, 4);
    }
}

static uint8_t l4[2048];

static void hdr_for(struct hdr *h, const struct flow *f, int from_client)
{
    h->v6 = f->v6; h->vlan = f->c->vlan; h->flowlabel = f->flowlabel; h->df = 1;
    h->src = from_client ? &f->c->a : &f->s->a;
    h->dst = from_client ? &f->s->a : &f->c->a;
    h->ttl = from_client ? f->c->ttl : f->s->ttl;
}

static void tcp_send(struct flow *f, int from_client, unsigned flags, size_t plen, int opt)
{
    struct hdr h;
    hdr_for(&h, f, from_client);
    h.proto = 6;
    unsigned now_ms = t_sec * 1000u + t_usec / 1000;
    uint32_t *seq = from_client ? &f->cseq : &f->sseq, *ack = from_client ? &f->sseq : &f->cseq;
    h.id = next_id(from_client ? &f->cid : &f->sid);
    unsigned mss = f->v6 ? 1440 : 1460, win = flags & 0x02 ? (from_client ? 64240 : 65160) : (flags & 0x04 ? 0 : 501 + below(12));
    if (flags & 0x04) opt = 0;
    size_t hl = tcp_hdr(l4, from_client ? f->cport : f->sport, from_client ? f->sport : f->cport, *seq,
                        flags & 0x10 ? *ack : 0, flags, win, opt, mss,
                        (from_client ? f->cts : f->sts) + now_ms, flags == 0x02 ? 0 : (from_client ? f->sts : f->cts) + now_ms - 40);
    uint8_t *p = l4 + hl;
    if (plen) {
        if (from_client && f->sport == 80 && plen >= 64) {
            memcpy(p, "GET /index.html HTTP/1.1\r\nHost: www.example.com\r\nUser-Agent: curl/7.88.1\r\n", 64);
            fill_random(p + 64, plen - 64);
        } else if (!from_client && f->sport == 80 && f->resp_start && plen >= 17) {
            memcpy(p, "HTTP/1.1 200 OK\r\n", 17);
            fill_random(p + 17, plen - 17);
        } else {
            fill_random(p, plen);
            /* a TLS record header on the TLS ports only: an HTTP body segment on 80 is not TLS */
            if (plen >= 5 && (f->sport == 443 || f->sport == 993)) { p[0] = 0x17; p[1] = 3; p[2] = 3; be16(p + 3, (unsigned)(plen - 5)); }
        }
    }
    put(&h, l4, hl + plen);
    *seq += (uint32_t)plen + (flags & 0x03 ? 1 : 0);
    if (plen) tr.tcp_data_frames++;
}

/* One frame of a TCP flow; returns 1 when the flow is over. */
static int tcp_step(struct flow *f)
{
    size_t mss = f->v6 ? 1428 : 1448;   /* with the 12 bytes of timestamps */
    int closer_client = f->close == C_FIN_CLIENT || f->close == C_RST_CLIENT;
    switch (f->state) {
    case T_SYN: tcp_send(f, 1, 0x02, 0, 1); f->state = T_SYNACK; return 0;
    case T_SYNACK:
        if (f->close == C_REFUSED) { f->sseq = 0; tcp_send(f, 0, 0x14, 0, 0); tr.refused++; return 1; }
        tcp_send(f, 0, 0x12, 0, 1); f->state = T_ACK; return 0;
    case T_ACK: tcp_send(f, 1, 0x10, 0, 2); f->state = T_REQ; return 0;
    case T_REQ: {
        size_t len = f->interactive ? range(36, 100) : f->sport == 80 ? range(200, 700) : range(100, 600);
        tcp_send(f, 1, 0x18, len, 2);
        f->seg_round = f->segs / f->rounds; if (!f->seg_round) f->seg_round = 1;
        if (f->seg_round > f->segs) f->seg_round = f->segs;
        if (!f->seg_round) f->seg_round = 1, f->segs = 1;
        f->segs -= f->seg_round; f->rounds--;
        if (!f->rounds && f->segs) f->seg_round += f->segs, f->segs = 0;
        f->resp_start = 1; f->state = T_DATA; return 0;
    }
    case T_DATA: {
        size_t len = f->interactive ? range(36, 200) : f->seg_round == 1 ? range(1, (unsigned)mss) : mss;
        f->seg_round--;
        tcp_send(f, 0, f->seg_round ? 0x10 : 0x18, len, 2);
        f->resp_start = 0;
        if (++f->unacked >= 2 || !f->seg_round) f->state = T_CACK;
        return 0;
    }
    case T_CACK:
        tcp_send(f, 1, 0x10, 0, 2); f->unacked = 0;
        f->state = f->seg_round ? T_DATA : f->rounds ? T_REQ : f->close <= C_FIN_SERVER ? T_FIN1 : T_RST;
        return 0;
    case T_FIN1: tcp_send(f, closer_client, 0x11, 0, 2); f->state = T_FIN2; return 0;
    case T_FIN2: tcp_send(f, !closer_client, 0x11, 0, 2); f->state = T_FIN3; return 0;
    case T_FIN3: tcp_send(f, closer_client, 0x10, 0, 2); tr.fin_close++; return 1;
    case T_RST: tcp_send(f, closer_client, 0x14, 0, 0); tr.rst_close++; return 1;
    }
    return 1;
}

static size_t dns_name(uint8_t *p, const char *name)
{
    size_t n = 0;
    while (*name) {
        const char *dot = strchr(name, '.');
        size_t l = dot ? (size_t)(dot - name) : strlen(name);
        p[n++] = (uint8_t)l; memcpy(p + n, name, l); n += l;
        name += l + (dot != NULL);
    }
    p[n++] = 0;
    return n;
}

static int udp_step(struct flow *f)
{
    int from_client = f->state == 0;
    struct hdr h;
    hdr_for(&h, f, from_client);
    h.proto = 17; h.id = next_id(from_client ? &f->cid : &f->sid);
    uint8_t *u = l4, *p = l4 + 8;
    size_t plen;
    if (f->kind == K_DNS) {
        be16(p, f->dnsid); be16(p + 2, from_client ? 0x0100 : 0x8180); be16(p + 4, 1);
        be16(p + 6, from_client ? 0 : 1); be16(p + 8, 0); be16(p + 10, 0);
        plen = 12 + dns_name(p + 12, f->qname);
        be16(p + plen, f->qtype); be16(p + plen + 2, 1); plen += 4;
        if (!from_client) {
            uint8_t *a = p + plen;
            be16(a, 0xc00c); be16(a + 2, f->qtype); be16(a + 4, 1); be32(a + 6, range(30, 3600));
            size_t rl = f->qtype == 1 ? 4 : 16;
            be16(a + 10, (unsigned)rl); fill_random(a + 12, rl);
            plen += 12 + rl;
        }
        tr.dns_frames++;
    } else {
        memset(p, 0, 48);
        p[0] = from_client ? 0x23 : 0x24;           /* LI 0, version 4, mode 3 client / 4 server */
        p[1] = from_client ? 0 : 2; p[2] = 6; p[3] = 0xe9;
        fill_random(p + 40, 8);                      /* transmit timestamp */
        if (!from_client) fill_random(p + 12, 28);
        plen = 48;
        tr.ntp_frames++;
    }
    be16(u, from_client ? f->cport : f->sport); be16(u + 2, from_client ? f->sport : f->cport);
    be16(u + 4, (unsigned)(8 + plen));
    put(&h, l4, 8 + plen);
    return f->state++ == 1;
}

static int icmp_step(struct flow *f)
{
    int from_client = f->state % 2 == 0;
    struct hdr h;
    hdr_for(&h, f, from_client);
    h.proto = 1; h.id = next_id(from_client ? &f->cid : &f->sid);
    memset(l4, 0, 64);
    l4[0] = from_client ? 8 : 0;
    be16(l4 + 4, f->cport); be16(l4 + 6, f->state / 2 + 1);
    be32(l4 + 8, t_sec); be32(l4 + 12, t_usec);            /* Linux ping: a timeval, then 0x10.. */
    for (unsigned i = 16; i < 64; i++) l4[i] = (uint8_t)i;
    put(&h, l4, 64);
    return (unsigned)++f->state == 2 * f->pings;
}

/* A flow counts once, at its first frame in the file. */
static void count_flow(struct flow *f)
{
    if (f->started) return;
    f->started = 1;
    tr.flows++;
    if (f->v6) tr.v6_flows++;
    if (f->kind == K_TCP) tr.tcp_flows++; else if (f->kind == K_DNS) tr.dns_flows++;
    else if (f->kind == K_NTP) tr.ntp_flows++; else tr.icmp_flows++;
}

/* ---- anomalies ---- */
static void q_trojan(int tagged)
{
    static struct addr src = {0xffffffffu, {0}, {0x00, 0x1a, 0x2b, 0x3c, 0x4d, 0x5e}},
                       dst = {0x0a000005u, {0}, {0x02, 0x42, 0x0a, 0x00, 0x00, 0x05}};
    struct hdr h = {0, tagged ? 20 : 0, 14, 0, 0, 6, 0, &src, &dst};
    size_t hl = tcp_hdr(l4, 31337, 515, (uint32_t)rnd(), (uint32_t)rnd(), 0x14, 0, 0, 0, 0, 0);
    memcpy(l4 + hl, "Reset cause: cko", 16);
    put(&h, l4, hl + 16);
    tr.q_trojan++;
    if (tagged) tr.q_trojan_vlan++;
}

/* The SonicWALL resets, towards the responder, a flow it drops from its connection cache. */
static int sonicwall_reset(void)
{
    unsigned start = below(NSLOT);
    for (unsigned i = 0; i < NSLOT; i++) {
        struct flow *f = &slots[(start + i) % NSLOT];
        if (!f->live || f->kind != K_TCP || f->state < T_REQ || f->state > T_CACK) continue;
        count_flow(f);   /* it may not have shown a frame since the capture began */
        struct hdr h;
        hdr_for(&h, f, 1);
        h.ttl = 64; h.df = 0; h.id = fw_ipid++; h.proto = 6;
        size_t hl = tcp_hdr(l4, f->cport, f->sport, f->cseq, f->sseq, 0x14, 0, 0, 0, 0, 0);
        memcpy(l4 + hl, "Reset cause: cko", 16);
        put(&h, l4, hl + 16);
        f->live = 0;
        tr.sonicwall++;
        return 1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 2 || argc > 3) { fprintf(stderr, "usage: genbench FILE.pcap [N]\n"); return 2; }
    long n = argc > 2 ? atol(argv[2]) : 1000000;
    if (n < 1) { fprintf(stderr, "genbench: N must be positive\n"); return 2; }
    out = fopen(argv[1], "wb");
    if (!out) { perror(argv[1]); return 2; }
    setvbuf(out, NULL, _IOFBF, 1 << 20);
    uint8_t gh[24] = {0};
    le32(gh, 0xa1b2c3d4); gh[4] = 2; gh[6] = 4; le32(gh + 16, 65535); le32(gh + 20, 1);
    fwrite(gh, 1, sizeof gh, out);
    hosts_init();
    fw_ipid = (uint16_t)range(1, 65535);
    long sonic_due = 0;
    for (long i = 1 - WARMUP; i <= n; i++) {
        if (i == 1) {                                 /* the capture starts: flows already open show up mid-stream */
            writing = 1;
            memset(&tr, 0, sizeof tr);
            for (unsigned k = 0; k < NSLOT; k++) slots[k].started = 0;
        }
        t_usec += range(1, 79);                       /* ~25,000 frames/s */
        if (t_usec >= 1000000) { t_usec -= 1000000; t_sec++; }
        if (i >= 1) {
            if (i % 10000 == 0) { q_trojan(i % 20000 == 0); continue; }
            if (i % 5000 == 2500) sonic_due++;
            if (sonic_due && sonicwall_reset()) { sonic_due--; continue; }
        }
        struct flow *f = &slots[below(NSLOT)];
        if (!f->live) flow_new(f);
        count_flow(f);
        int done = f->kind == K_TCP ? tcp_step(f) : f->kind == K_ICMP ? icmp_step(f) : udp_step(f);
        if (done) f->live = 0;
    }
    for (unsigned i = 0; i < NSLOT; i++) tr.flows_cut += slots[i].live && slots[i].started;
    if (fclose(out) != 0) { perror(argv[1]); return 2; }

    size_t l = strlen(argv[1]);
    char *tp = malloc(l + 8);
    if (!tp) return 2;
    memcpy(tp, argv[1], l + 1);
    if (l > 5 && strcmp(tp + l - 5, ".pcap") == 0) tp[l - 5] = 0;
    strcat(tp, ".truth");
    FILE *t = fopen(tp, "w");
    if (!t) { perror(tp); return 2; }
    fprintf(t, "frames=%ld\nbytes=%ld\nvlan_frames=%ld\nipv4_frames=%ld\nipv6_frames=%ld\n"
               "tcp_frames=%ld\nudp_frames=%ld\nicmp_frames=%ld\ndns_frames=%ld\nntp_frames=%ld\ntcp_data_frames=%ld\n"
               "syn_packets=%ld\nrst_packets=%ld\nrst_with_payload=%ld\n"
               "q_trojan=%ld\nq_trojan_vlan=%ld\nq_trojan_every=10000\nsonicwall_cko=%ld\nsonicwall_cko_every=5000\n"
               "flows=%ld\ntcp_udp_tuples=%ld\ntcp_flows=%ld\ndns_flows=%ld\nntp_flows=%ld\nicmp_flows=%ld\nipv6_flows=%ld\n"
               "tcp_fin_close=%ld\ntcp_rst_close=%ld\ntcp_refused=%ld\nflows_open_at_end=%ld\n",
            tr.frames, tr.bytes, tr.vlan, tr.ipv4, tr.ipv6, tr.tcp, tr.udp, tr.icmp, tr.dns_frames, tr.ntp_frames,
            tr.tcp_data_frames, tr.syn, tr.rst, tr.rst_payload, tr.q_trojan, tr.q_trojan_vlan, tr.sonicwall,
            tr.flows + (tr.q_trojan > 0), tr.tcp_flows + tr.dns_flows + tr.ntp_flows + (tr.q_trojan > 0), tr.tcp_flows, tr.dns_flows, tr.ntp_flows, tr.icmp_flows, tr.v6_flows,
            tr.fin_close, tr.rst_close, tr.refused, tr.flows_cut);
    if (fclose(t) != 0) { perror(tp); return 2; }
    free(tp);
    return 0;
}
