/* Randomized differential tests: the engine's dispatch (core/engine.c: plans, the port index and its
 * fallbacks, the conditions that wait for the flow, events, active switches) against testing every
 * alternative of every consumer with match_packet and the flow conditions; the flow table's timer
 * wheel (core/flow.c) against a brute-force list of flows and deadlines. */
#include "check.h"
#include "packets.h"
#include "core/app.h"
#include "core/engine.h"
#include "core/summary.h"

#include <arpa/inet.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void test_engine_random(void);
void test_wheel_random(void);
void test_addr_format_random(void);
void test_ipv4_checksum_random(void);

#ifdef WHEEL_OLD   /* the table before flow_advance: only to show what the reference finds there */
#define flow_advance(t, time) ((void)(t), (void)(time))
#endif

/* xorshift64*: the same sequence on every machine */
static uint64_t rng_state;
static uint64_t rnd(void)
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 0x2545F4914F6CDD1Dull;
}
static uint32_t below(uint32_t n) { return n ? (uint32_t)(rnd() % n) : 0; }
static bool chance(unsigned percent) { return below(100) < percent; }

/* ---------------------------------------------------------------- random captures */

#define NFLOWS 48
struct rflow { int version; uint8_t proto; uint8_t a[16], b[16]; uint16_t pa, pb; };
static struct rflow rflows[NFLOWS];
static uint16_t port_pool[700];
static int nport_pool;

static const uint8_t v4_pool[][4] = {{10, 0, 0, 1}, {10, 0, 0, 2}, {10, 1, 2, 3}, {192, 168, 1, 1}, {192, 168, 1, 77},
                                     {224, 0, 0, 251}, {8, 8, 8, 8}, {172, 16, 0, 9}, {127, 0, 0, 1}, {0, 0, 0, 0}};
static const char *const v6_pool[] = {"2001:db8::1", "2001:db8::2", "2001:db8:1::5", "fe80::1", "ff02::fb", "::1",
                                      "2001:db8::1:0:0:1"};

static uint16_t pick_port(void)
{
    static const uint16_t known[] = {53, 80, 443, 22, 123, 0, 65535, 31337, 8080, 1, 5353};
    if (chance(35)) return known[below(sizeof known / sizeof known[0])];
    if (nport_pool && chance(75)) return port_pool[below((uint32_t)nport_pool)];
    return (uint16_t)rnd();
}

static void pick_addr(int version, uint8_t *out)
{
    memset(out, 0, 16);
    if (version == 4) {
        if (chance(80)) memcpy(out, v4_pool[below(sizeof v4_pool / sizeof v4_pool[0])], 4);
        else for (int i = 0; i < 4; i++) out[i] = (uint8_t)rnd();
    } else {
        struct prefix p;
        if (chance(85) && prefix_parse(&p, v6_pool[below(sizeof v6_pool / sizeof v6_pool[0])])) memcpy(out, p.addr, 16);
        else for (int i = 0; i < 16; i++) out[i] = (uint8_t)rnd();
    }
}

static void new_rflow(struct rflow *f)
{
    f->version = chance(70) ? 4 : 6;
    int k = (int)below(100);
    f->proto = k < 50 ? 6 : k < 80 ? 17 : k < 92 ? (f->version == 4 ? 1 : 58) : (chance(50) ? 132 : 50);
    pick_addr(f->version, f->a);
    if (chance(6)) memcpy(f->b, f->a, 16);   /* LAND */
    else pick_addr(f->version, f->b);
    f->pa = pick_port();
    f->pb = pick_port();
}

static size_t put16(uint8_t *p, uint16_t v) { p[0] = (uint8_t)(v >> 8); p[1] = (uint8_t)v; return 2; }

/* An application payload: a DNS query, HTTP, a TLS or SSH start, random bytes. */
static size_t make_payload(uint8_t *p, size_t max)
{
    size_t n = 0;
    switch (below(7)) {
    case 0: {   /* DNS query, labels of random lengths (dns_odd) */
        n += put16(p + n, (uint16_t)rnd()); n += put16(p + n, 0x0100); n += put16(p + n, 1);
        n += put16(p + n, 0); n += put16(p + n, 0); n += put16(p + n, 0);
        int labels = 1 + (int)below(4);
        for (int i = 0; i < labels; i++) {
            int len = chance(20) ? 40 + (int)below(24) : 1 + (int)below(12);
            p[n++] = (uint8_t)len;
            for (int j = 0; j < len; j++) p[n++] = (uint8_t)('a' + below(26));
        }
        p[n++] = 0;
        n += put16(p + n, chance(80) ? 1 : 16); n += put16(p + n, 1);
        break;
    }
    case 1: n = (size_t)sprintf((char *)p, "GET /x%u HTTP/1.1\r\nHost: h\r\n\r\n", (unsigned)below(100)); break;
    case 2: {   /* a TLS record header and the start of a ClientHello, sometimes lying */
        static const uint8_t tls[] = {0x16, 0x03, 0x01, 0x00, 0x2f, 0x01, 0x00, 0x00, 0x2b, 0x03, 0x03};
        memcpy(p, tls, sizeof tls);
        n = sizeof tls;
        for (int i = 0; i < 32; i++) p[n++] = (uint8_t)rnd();
        if (chance(30)) p[4] = (uint8_t)rnd();
        break;
    }
    case 3: n = (size_t)sprintf((char *)p, "SSH-2.0-OpenSSH_9.%u\r\n", (unsigned)below(9)); break;
    case 4: n = (size_t)sprintf((char *)p, "reset by peer %u", (unsigned)below(9)); break;
    default: n = 1 + below(60); for (size_t i = 0; i < n; i++) p[i] = (uint8_t)rnd(); break;
    }
    return n < max ? n : max;
}

/* Writes one frame of flow f (direction dir) into buf: Ethernet, IPv4/IPv6, the transport, a payload. */
static size_t make_frame(uint8_t *buf, const struct rflow *f, int dir, uint32_t *wirelen)
{
    size_t n = 0;
    memset(buf, 0, 1600);
    for (int i = 0; i < 12; i++) buf[n++] = (uint8_t)(i + 1);
    if (chance(3)) {   /* ARP: no IP */
        n += put16(buf + n, 0x0806);
        for (int i = 0; i < 28; i++) buf[n++] = (uint8_t)rnd();
        *wirelen = (uint32_t)n;
        return n;
    }
    n += put16(buf + n, f->version == 4 ? 0x0800 : 0x86DD);
    const uint8_t *src = dir ? f->b : f->a, *dst = dir ? f->a : f->b;
    uint16_t sp = dir ? f->pb : f->pa, dp = dir ? f->pa : f->pb;
    size_t ip = n, l4;
    static const uint8_t ttls[] = {1, 63, 64, 65, 127, 128, 255, 0, 30, 200};
    uint8_t ttl = chance(80) ? ttls[below(sizeof ttls)] : (uint8_t)rnd();
    bool frag = f->version == 4 && chance(3);
    if (f->version == 4) {
        buf[n] = 0x45;
        buf[n + 6] = frag ? 0x00 : 0x40;
        if (frag) buf[n + 7] = (uint8_t)(1 + below(20));   /* a non-first fragment */
        uint16_t id = chance(30) ? 0 : chance(20) ? 1 : chance(10) ? 65400 : (uint16_t)rnd();
        put16(buf + n + 4, id);
        buf[n + 8] = ttl;
        buf[n + 9] = f->proto;
        memcpy(buf + n + 12, src, 4);
        memcpy(buf + n + 16, dst, 4);
        n += 20;
    } else {
        buf[n] = 0x60;
        buf[n + 6] = f->proto;
        buf[n + 7] = ttl;
        memcpy(buf + n + 8, src, 16);
        memcpy(buf + n + 24, dst, 16);
        n += 40;
    }
    l4 = n;
    uint8_t pay[600];
    size_t plen = chance(45) ? 0 : make_payload(pay, sizeof pay);
    if (f->proto == 6) {
        put16(buf + n, sp); put16(buf + n + 2, dp);
        for (int i = 4; i < 12; i++) buf[n + i] = (uint8_t)rnd();
        buf[n + 12] = 0x50;
        static const uint16_t common[] = {TCP_SYN, TCP_SYN | TCP_ACK, TCP_ACK, TCP_ACK | TCP_PSH, TCP_RST, TCP_RST | TCP_ACK,
                                          TCP_FIN | TCP_ACK, TCP_FIN, 0};
        uint16_t fl = chance(75) ? common[below(sizeof common / sizeof common[0])] : (uint16_t)(rnd() & 0x1ff);
        buf[n + 12] |= (uint8_t)(fl >> 8 & 1);
        buf[n + 13] = (uint8_t)fl;
        n += 20;
    } else if (f->proto == 17) {
        put16(buf + n, sp); put16(buf + n + 2, dp);
        put16(buf + n + 4, (uint16_t)(8 + plen));
        n += 8;
    } else if (f->proto == 1 || f->proto == 58) {
        static const uint8_t types4[] = {0, 3, 8, 11, 5, 13}, types6[] = {128, 129, 1, 3, 135, 136};
        buf[n] = chance(80) ? (f->proto == 1 ? types4[below(6)] : types6[below(6)]) : (uint8_t)rnd();
        buf[n + 1] = (uint8_t)below(4);
        n += 8;
    } else {
        put16(buf + n, sp); put16(buf + n + 2, dp);
        n += 12;
    }
    if (frag) n = l4;
    memcpy(buf + n, pay, plen);
    n += plen;
    if (f->version == 4) put16(buf + ip + 2, (uint16_t)(n - ip));
    else put16(buf + ip + 4, (uint16_t)(n - l4));
    *wirelen = (uint32_t)n;
    if (chance(4)) n = 14 + below((uint32_t)(n - 14));   /* cut by the capture */
    return n;
}

/* Writes a capture of `frames` random frames to path, with time stamps that mostly go forward
 * (sometimes far, sometimes back). */
static bool write_capture(const char *path, int frames)
{
    FILE *fp = fopen(path, "wb");
    if (!fp) return false;
    uint32_t gh[6] = {0xa1b2c3d4, 0x00040002, 0, 0, 65535, 1};
    fwrite(gh, sizeof gh, 1, fp);
    for (int i = 0; i < NFLOWS; i++) new_rflow(&rflows[i]);
    double t = 1000000.0 + below(1000);
    uint8_t buf[1600];
    for (int i = 0; i < frames; i++) {
        int k = (int)below(100);
        t += k < 70 ? below(300) / 1000.0 : k < 95 ? below(20) : k < 98 ? 60 + below(600) : -(double)below(30);
        if (chance(8)) new_rflow(&rflows[below(NFLOWS)]);
        const struct rflow *f = &rflows[below(chance(50) ? 6 : NFLOWS)];
        uint32_t wire;
        size_t n = make_frame(buf, f, (int)below(2), &wire);
        uint32_t rh[4] = {(uint32_t)t, (uint32_t)((t - floor(t)) * 1e6), (uint32_t)n, wire};
        fwrite(rh, sizeof rh, 1, fp);
        fwrite(buf, n, 1, fp);
    }
    return fclose(fp) == 0;
}

/* ---------------------------------------------------------------- random consumers */

#define MAXC (ENGINE_MAX_CONSUMERS - 1)   /* the checker is the last one */
#define MAXALT 31

struct rcons {
    struct engine_consumer k;
    struct match m[MAXALT];
    int n;
    int index;
};
static struct rcons cons[MAXC];
static int ncons;

static void random_ports(uint16_t *out, uint8_t *n, int max)
{
    *n = (uint8_t)(1 + below((uint32_t)max));
    for (int i = 0; i < *n; i++) out[i] = chance(70) && nport_pool ? port_pool[below((uint32_t)nport_pool)] : pick_port();
}

static void random_prefixes(struct prefix *list, uint8_t *n)
{
    *n = (uint8_t)(1 + below(chance(80) ? 3 : MATCH_MAX_PREFIXES));
    for (int i = 0; i < *n; i++) {
        struct prefix *p = &list[i];
        memset(p, 0, sizeof *p);
        p->version = chance(65) ? 4 : 6;
        pick_addr(p->version, p->addr);
        p->len = (uint8_t)below(p->version == 4 ? 33 : 129);
        if (chance(30)) p->len = p->version == 4 ? 32 : 128;
    }
}

static const char *const bpf_exprs[] = {"tcp", "udp port 53", "ip[8] > 64", "ip6", "tcp[13] & 2 != 0", "icmp or icmp6",
                                        "net 10.0.0.0/8", "greater 100"};

/* One alternative as a `want` table can make it (the bits lua/hunt.c sets together). */
static void random_match(struct match *m, int port_style)
{
    match_free(m);
    memset(m, 0, sizeof *m);
    int keys = chance(5) ? 0 : 1 + (int)below(3);
    if (port_style) keys = 0;
    for (int k = 0; k < keys; k++) {
        switch (below(22)) {
        case 0: m->set |= chance(60) ? M_IP4 : M_IP6; break;
        case 1: {
            static const uint8_t protos[] = {6, 17, 1, 58, 47, 50, 132, 0, 41};
            m->proto = protos[below(sizeof protos)];
            m->set |= M_PROTO;
            break;
        }
        case 2: m->tcp_any = (uint16_t)(1 + below(0x1ff)); if (chance(60)) m->tcp_any = (uint16_t)(1u << below(9)); m->set |= M_TCP_ANY; break;
        case 3: m->tcp_all = (uint16_t)(1u << below(9)); if (chance(30)) m->tcp_all |= TCP_ACK; m->set |= M_TCP_ALL; break;
        case 4: m->tcp_none = (uint16_t)(1 + below(0x1ff)); m->set |= M_TCP_NONE; break;
        case 5: case 6: case 7:
            random_ports(m->ports, &m->nports, chance(70) ? 4 : MATCH_MAX_PORTS);
            for (int i = 0; i < m->nports; i++) m->port_bits |= 1ull << (m->ports[i] & 63);
            m->set |= M_PORT;
            break;
        case 8: random_ports(m->ports_not, &m->nports_not, 3); m->set |= M_PORT_NOT; break;
        case 9: random_prefixes(m->src, &m->nsrc); m->set |= M_SRC; break;
        case 10: random_prefixes(m->dst, &m->ndst); m->set |= M_DST; break;
        case 11:
            for (int i = 0; i < 1 + (int)below(4); i++) { uint8_t t = (uint8_t)(chance(70) ? below(16) : 128 + below(10)); m->icmp_types[t >> 6] |= 1ull << (t & 63); }
            m->set |= M_ICMP_TYPE;
            break;
        case 12: {
            uint8_t a = (uint8_t)rnd(), b = (uint8_t)rnd();
            if (chance(40)) { static const uint8_t t[] = {64, 63, 128, 255, 1, 0}; a = b = t[below(6)]; }
            m->ttl_min = a < b ? a : b; m->ttl_max = a < b ? b : a;
            if (chance(10)) { m->ttl_min = 200; m->ttl_max = 10; }   /* an empty range */
            m->set |= M_TTL;
            break;
        }
        case 13:
            m->ip_id_min = m->ip_id_max = chance(60) ? 0 : (uint16_t)(chance(50) ? 1 : rnd());
            if (chance(30)) {   /* a range: near either end of the counter, or anywhere */
                uint16_t a = chance(50) ? (chance(50) ? 0 : 65280) : (uint16_t)rnd(), b = chance(50) ? (uint16_t)(a | 255) : (uint16_t)rnd();
                m->ip_id_min = a < b ? a : b; m->ip_id_max = a < b ? b : a;
            }
            m->set |= M_IP_ID | M_IP4;
            break;
        case 14: m->set |= chance(50) ? M_PAYLOAD : M_RESET_CAUSE; break;
        case 15: m->set |= M_SRC_IS_DST; break;
        case 16: m->set |= (chance(30) ? M_OLD_FLOW : M_NEW_FLOW) | M_IP; break;
        case 17: m->set |= M_AFTER_RST | M_IP; break;
        case 18: m->set |= M_FIRST_DATA | M_PAYLOAD | M_IP; break;
        case 19:
            if (chance(60)) {
                m->app = (uint8_t)(1u << (1 + below(5)));
                if (chance(30)) m->app |= (uint8_t)(1u << (1 + below(5)));
                m->set |= M_APP | M_PAYLOAD;
            }
            else { m->app_not = (uint8_t)(1u << (1 + below(5))); m->set |= M_APP_NOT | M_PAYLOAD; }
            break;
        case 20: if (chance(30)) { m->dns_odd = (uint8_t)(20 + below(40)); m->set |= M_DNS_ODD | M_PAYLOAD; } break;
        case 21:
            if (chance(40) && !(m->set & M_BPF)) {
                char err[512];
                (void)match_compile_bpf(m, bpf_exprs[below(sizeof bpf_exprs / sizeof bpf_exprs[0])], err, sizeof err);
            }
            break;
        }
    }
    if (port_style) {   /* a port list, alone or with one more condition */
        random_ports(m->ports, &m->nports, MATCH_MAX_PORTS);
        if (port_style == 2)
            while (m->nports < MATCH_MAX_PORTS) m->ports[m->nports++] = port_pool[below((uint32_t)nport_pool)];
        for (int i = 0; i < m->nports; i++) m->port_bits |= 1ull << (m->ports[i] & 63);
        m->set |= M_PORT;
        if (chance(30)) { m->set |= M_PROTO; m->proto = chance(50) ? 6 : 17; }
        else if (chance(20)) { m->set |= M_TTL; m->ttl_min = 60; m->ttl_max = 130; }
        else if (chance(10)) m->set |= M_NEW_FLOW | M_IP;
    }
    if (!chance(8)) match_prepare(m);   /* a few left unprepared: the engine tests those whole */
}

/* ---------------------------------------------------------------- the check */

struct call { int consumer; unsigned events; };
static struct call calls[4 * ENGINE_MAX_CONSUMERS];
static int ncalls;
static uint64_t r_frames, r_wrong, r_matches, r_events, r_order, r_inactive_called, r_flow_end_wrong, r_flow_ends;
static uint64_t r_plan_full, r_ports_ok, r_ports_fallback, r_class_fallback;
static struct engine *r_engine;
static char r_first_wrong[256];

static void on_cons(void *ctx, const struct engine_packet *p, unsigned events)
{
    struct rcons *c = ctx;
    (void)p;
    if (!c->k.active) r_inactive_called++;
    if (ncalls < (int)(sizeof calls / sizeof calls[0])) calls[ncalls++] = (struct call){c->index, events};
}

/* Consumer 0 takes every packet and switches others off and on, as a hunt's error switches it off. */
static void on_switcher(void *ctx, const struct engine_packet *p, unsigned events)
{
    (void)ctx; (void)p; (void)events;
    ncalls = 0;
    if (chance(10)) {
        int i = 1 + (int)below((uint32_t)(ncons > 1 ? ncons - 1 : 1));
        if (i < ncons) cons[i].k.active = !cons[i].k.active;
    }
}

/* A packet with no flow whose key a TCP connection left the table open with: not a new flow's. */
static bool left_open(const struct engine_packet *p)
{
    struct flow_key k;
    return !p->flow && flow_key_of(p->d, &k) && flow_maybe_left_open(r_engine->flows, &k);
}

static bool ref_alt(const struct match *m, const struct engine_packet *p)
{
    if (!match_packet(m, p->frame, p->d)) return false;
    if ((m->set & M_NEW_FLOW) && (p->flow || left_open(p))) return false;
    if ((m->set & M_OLD_FLOW) && !p->flow) return false;
    if ((m->set & M_AFTER_RST) && !(p->flow && (p->flow->state & FS_RST))) return false;
    if ((m->set & M_FIRST_DATA) && p->flow && (p->flow->state & FS_DATA)) return false;
    if ((m->set & (M_APP | M_APP_NOT)) && (m->set & M_FIRST_DATA)) {
        bool bad;
        enum app_proto a = app_sniff(p->d, p->frame->bytes, &bad);
        if ((m->set & M_APP) && !(m->app & (1u << a))) return false;
        if ((m->set & M_APP_NOT) && !bad && (m->app_not & (1u << a))) return false;
    }
    return true;
}

static void on_checker(void *ctx, const struct engine_packet *p, unsigned events)
{
    (void)ctx; (void)events;
    r_frames++;
    const struct decoded *d = p->d;
    unsigned ev = 0;
    if (p->flow) {
        uint8_t ttl = d->ip_version == 4 ? d->ip4.ttl : d->ip6.hlim;
        const struct flow_dir *fd = &p->flow->dir[p->dir];
        if (fd->packets && ttl != fd->ttl_last) ev |= EV_TTL_CHANGE;
        if ((d->layers & L_TCP) && d->tcp.fixed && (d->tcp.flags & TCP_RST)) ev |= EV_RST_IN_FLOW;
        if (flow_data_after_fin(p->flow, p->dir, d)) ev |= EV_DATA_AFTER_FIN;
    }
    int at = 0;
    for (int i = 1; i < ncons; i++) {
        struct rcons *c = &cons[i];
        bool match = c->k.all;
        for (int j = 0; !match && j < c->n && j < 31; j++) match = ref_alt(&c->m[j], p);
        unsigned want = (match ? (unsigned)EV_MATCH : 0) | (ev & c->k.events);
        if (!c->k.active) want = 0;
        unsigned got = 0;
        if (at < ncalls && calls[at].consumer == i) got = calls[at++].events;
        if (got != want) {
            if (!r_wrong)
                snprintf(r_first_wrong, sizeof r_first_wrong, "frame %llu consumer %d (of %d, %d alternatives): want %#x got %#x",
                         (unsigned long long)p->frame->number, i, ncons, c->n, want, got);
            r_wrong++;
        }
        if (want & EV_MATCH) r_matches++;
        if (want & ~(unsigned)EV_MATCH) r_events++;
    }
    if (at != ncalls) r_order++;   /* calls out of consumer order, or twice */
}

/* EV_FLOW_END / EV_CONN_FAILED: the engine's flow_ended is wrapped to compare with what each consumer should get. */
static flow_end_fn engine_end;
static int end_calls[ENGINE_MAX_CONSUMERS];
static unsigned end_events[ENGINE_MAX_CONSUMERS];
static void on_cons_end(void *ctx, const struct flow *f, uint32_t index, unsigned events)
{
    struct rcons *c = ctx;
    (void)f; (void)index;
    end_calls[c->index]++;
    end_events[c->index] = events;
}
static void wrapped_end(void *ctx, const struct flow *f, uint32_t index)
{
    memset(end_calls, 0, sizeof end_calls);
    engine_end(ctx, f, index);
    r_flow_ends++;
    bool failed = engine_connection_failed(ctx, f);   /* its own tests: capture-cut.pcap, syn-flood.pcap */
    for (int i = 1; i < ncons; i++) {
        const struct rcons *c = &cons[i];
        unsigned ev = c->k.events & (EV_FLOW_END | (failed ? EV_CONN_FAILED : 0));
        const struct flow_end_want *w = &c->k.flow_end;
        if ((ev & EV_FLOW_END) && ((f->state & w->all) != w->all || (f->state & w->none) ||
                                   (w->proto && f->proto != w->proto) ||
                                   (w->unanswered && f->dir[f->initiator > 0 ? 0 : 1].packets)))
            ev &= ~(unsigned)EV_FLOW_END;
        if (!c->k.active) ev = 0;
        if (end_calls[i] != (ev ? 1 : 0) || (ev && end_events[i] != ev)) r_flow_end_wrong++;
    }
}

static void random_consumers(int scenario)
{
    for (int i = 0; i < MAXC; i++)
        for (int j = 0; j < MAXALT; j++) match_free(&cons[i].m[j]);
    memset(cons, 0, sizeof cons);
    nport_pool = 0;
    int pool = scenario == 3 ? 600 : scenario == 2 ? 200 : 40;
    for (int i = 0; i < pool; i++) port_pool[nport_pool++] = (uint16_t)(1024 + rnd() % 60000);
    ncons = scenario == 0 ? 2 + (int)below(5) : scenario == 1 ? 10 + (int)below(MAXC - 9) : scenario == 2 ? 8 + (int)below(8)
          : 12 + (int)below(6);
    for (int i = 0; i < ncons; i++) {
        struct rcons *c = &cons[i];
        c->index = i;
        c->k.active = i == 0 || !chance(8);
        c->k.ctx = c;
        c->k.on_packet = i ? on_cons : on_switcher;
        c->k.on_flow_end = on_cons_end;
        if (i == 0) { c->k.all = true; continue; }
        if (chance(25)) c->k.events = (unsigned)(rnd() & (EV_TTL_CHANGE | EV_RST_IN_FLOW | EV_DATA_AFTER_FIN | EV_FLOW_END | EV_CONN_FAILED));
        c->k.flow_end.all = (uint8_t)(chance(30) ? 1u << below(6) : 0);
        c->k.flow_end.none = (uint8_t)(chance(20) ? 1u << below(6) : 0);
        c->k.flow_end.proto = (uint8_t)(chance(20) ? (chance(50) ? 6 : 17) : 0);
        c->k.flow_end.unanswered = chance(15);
        if (chance(4)) { c->k.all = true; continue; }
        int n;
        if (scenario == 2) n = 6 + (int)below(12);   /* many port lists: more than 64 port ids */
        else if (scenario == 3) n = 1 + (int)below(6);   /* long port lists: more than 255 port classes */
        else n = chance(10) ? MAXALT : 1 + (int)below(chance(70) ? 4 : 12);
        c->n = n;
        for (int j = 0; j < n; j++) {
            int style = scenario >= 2 && chance(85) ? (scenario == 3 ? 2 : 1) : chance(15);
            random_match(&c->m[j], style);
        }
        if (chance(5)) c->n = 0;   /* no alternatives: never matches */
        c->k.matches = c->m;
        c->k.nmatches = c->n;
    }
}

static void run_random(const char *path, int scenario, int frames, bool read_ahead)
{
    random_consumers(scenario);
    if (!write_capture(path, frames)) { CHECK("engine random: the capture is written", 0); return; }
    struct capture c;
    if (capture_open(&c, path) != 0) { CHECK("engine random: the capture opens", 0); return; }
    static struct flow_table flows;
    static struct engine e;
    flow_table_init(&flows, 0);
    engine_init(&e, NULL, &flows);
    r_engine = &e;
    e.read_ahead = read_ahead;
    engine_end = flows.on_end;
    flows.on_end = wrapped_end;
    for (int i = 0; i < ncons; i++) engine_add(&e, &cons[i].k);
    struct engine_consumer checker = {.all = true, .active = true, .on_packet = on_checker};
    engine_add(&e, &checker);
    int rc, steps = 0;
    while ((rc = engine_step(&e, &c, 1)) == 1) {
        if (++steps % 500 == 0 && chance(50)) {   /* consumers change their conditions: a new plan */
            int i = 1 + (int)below((uint32_t)ncons);
            if (i < ncons && cons[i].n && !cons[i].k.all) {
                random_match(&cons[i].m[below((uint32_t)cons[i].n)], scenario >= 2 ? 1 : 0);
                engine_replan(&e);
            }
        }
        if (steps == 50) {   /* what the port index holds (counted for coverage) */
            int ids = 0;
            for (int i = 0; i < ncons; i++)
                for (int j = 0; !cons[i].k.all && j < cons[i].n; j++)
                    if (cons[i].m[j].q_ready && (cons[i].m[j].q_pre & M_PORT)) ids++;
            if (e.m.ports.ok) r_ports_ok++;
            else if (ids > ENGINE_PORT_IDS) r_ports_fallback++;
            else if (ids) r_class_fallback++;
            for (int s = 0; s < ENGINE_PLAN_SLOTS; s++) if (e.m.plans[s].state == 2) { r_plan_full++; break; }
        }
    }
    engine_finish(&e);
    capture_close(&c);
    flow_table_free(&flows);
}

void test_engine_random(void)
{
    char path[64];
    snprintf(path, sizeof path, "/tmp/pcaphunt-random-%d.pcap", (int)getpid());
    rng_state = 0x9E3779B97F4A7C15ull;
    r_frames = r_wrong = r_matches = r_events = r_order = r_inactive_called = r_flow_end_wrong = r_flow_ends = 0;
    r_plan_full = r_ports_ok = r_ports_fallback = r_class_fallback = 0;
    for (int run = 0; run < 48; run++) run_random(path, run % 4, 1200, false);
    run_random(path, 1, 6000, true);   /* long enough for the read-ahead thread */
    run_random(path, 2, 6000, true);
    unlink(path);
    CHECK("engine random: every consumer gets exactly what match_packet, the flow and its events say", r_wrong == 0);
    if (r_wrong) printf("engine random: %llu of %llu frames x consumers wrong; first: %s\n", (unsigned long long)r_wrong,
                        (unsigned long long)r_frames, r_first_wrong);
    CHECK("engine random: callbacks in consumer order, once each", r_order == 0);
    CHECK("engine random: an inactive consumer is never called", r_inactive_called == 0);
    CHECK("engine random: flow ends to exactly the consumers that asked", r_flow_end_wrong == 0 && r_flow_ends > 5000);
    CHECK("engine random: the runs matched and raised events", r_frames > 60000 && r_matches > 20000 && r_events > 2000);
    CHECK("engine random: plans overflowed and port indexes were and were not built",
          r_plan_full > 3 && r_ports_ok > 3 && r_ports_fallback > 3 && r_class_fallback > 3);
    if (getenv("RANDOM_VERBOSE") || r_flow_end_wrong || r_order || r_inactive_called || r_frames <= 60000 || r_matches <= 20000 || r_events <= 2000 ||
        r_plan_full <= 3 || r_ports_ok <= 3 || r_ports_fallback <= 3 || r_class_fallback <= 3)
        printf("engine random: frames %llu matches %llu events %llu order %llu inactive %llu flow ends %llu (wrong %llu) "
               "full plans %llu ports ok %llu fallback (ids) %llu (classes) %llu\n",
               (unsigned long long)r_frames, (unsigned long long)r_matches, (unsigned long long)r_events,
               (unsigned long long)r_order, (unsigned long long)r_inactive_called, (unsigned long long)r_flow_ends,
               (unsigned long long)r_flow_end_wrong, (unsigned long long)r_plan_full, (unsigned long long)r_ports_ok,
               (unsigned long long)r_ports_fallback, (unsigned long long)r_class_fallback);
    for (int i = 0; i < MAXC; i++)
        for (int j = 0; j < MAXALT; j++) match_free(&cons[i].m[j]);
}

/* ---------------------------------------------------------------- the timer wheel */

/* Flow i's packet: TCP or UDP between 10.(i) and 192.168.0.1, from either side. */
static struct decoded wheel_packet(uint32_t i, int proto, uint16_t flags, int from_server)
{
    return unit_packet(i, proto, flags, from_server != 0);
}

/* The reference: each flow's last time, what makes its timeout, its first frame, and the second
 * after which the wheel ends it (that of its deadline, or of the packet that put it in the wheel
 * when that deadline had already passed). */
#define WFLOWS 400
struct wref { bool alive; int proto; double last; bool rst, fin[2]; uint64_t first_frame; int64_t end_sec; };
static struct wref wref[WFLOWS];
static uint64_t w_order[WFLOWS * 2];   /* (flow id << 32 | first frame) of the flows that ended at this packet, in order */
static int w_n;
static uint64_t w_ends;

static int64_t w_second(double x)   /* as flow.c's second_of */
{
    if (!(x > 0)) return 0;
    if (x > 4e15) return (int64_t)4e15;
    return (int64_t)floor(x);
}
static double w_timeout(const struct wref *f)
{
    if (f->proto != 6) return 60.0;
    return f->rst || (f->fin[0] && f->fin[1]) ? 30.0 : 600.0;
}

static void w_record(void *ctx, const struct flow *f, uint32_t index)
{
    (void)ctx; (void)index;
    uint32_t id = (uint32_t)f->addr[0][1] << 16 | (uint32_t)f->addr[0][2] << 8 | f->addr[0][3];
    w_ends++;
    if (w_n < (int)(sizeof w_order / sizeof w_order[0])) w_order[w_n++] = (uint64_t)id << 32 | (uint32_t)f->first_frame;
}

struct wdue { double deadline; uint64_t first_frame; uint32_t id; };
static int wdue_cmp(const void *a, const void *b)
{
    const struct wdue *x = a, *y = b;
    if (x->deadline != y->deadline) return x->deadline < y->deadline ? -1 : 1;
    return x->first_frame < y->first_frame ? -1 : x->first_frame > y->first_frame;
}

/* The wheel's lists hold every flow of the table once, linked both ways, and nothing else. */
static bool wheel_sound(const struct flow_table *t)
{
    size_t seen = 0;
    for (uint32_t s = 0; s < FLOW_WHEEL_SLOTS; s++) {
        uint32_t prev = FLOW_WHEEL_HEAD | s;
        for (uint32_t r = t->wheel[s]; r; r = t->flows[r - 1].wheel_next) {
            if (r > t->cap || !t->flows[r - 1].serial || t->flows[r - 1].wheel_prev != prev || ++seen > t->used) return false;
            prev = r;
        }
    }
    return seen == t->used;
}

static void w_step(struct flow_table *t, uint32_t id, int proto, uint16_t flags, int side, uint64_t frame, double time);

/* One run: `frames` packets over `nflows` flows from time `start`, with steps of 1/1024 s (exact in a
 * double) and jumps forward (past the wheel's span too) and back. */
static void wheel_run(double start, int nflows, int frames, uint64_t frame_base, uint64_t *wrong, uint64_t *unsound, char *first, size_t firstsz)
{
    struct flow_table t;
    flow_table_init(&t, 0);
    t.on_end = w_record;
    memset(wref, 0, sizeof wref);
    double time = start, now = 0;
    for (int i = 0; i < frames; i++) {
        int k = (int)below(1000);
        double step = k < 700 ? below(1024 * 2) / 1024.0 : k < 950 ? below(1024 * 40) / 1024.0
                    : k < 975 ? 30 + below(700) : k < 980 ? 1000 + below(5000) : -(double)below(1024 * 90) / 1024.0;
        time += step;
        uint32_t id = below((uint32_t)nflows);
        struct wref *f = &wref[id];
        int proto = f->alive ? f->proto : (chance(60) ? 6 : 17);
        static const uint16_t flags[] = {TCP_SYN, TCP_SYN | TCP_ACK, TCP_ACK, TCP_ACK, TCP_ACK | TCP_PSH, TCP_FIN | TCP_ACK,
                                         TCP_RST, TCP_RST | TCP_ACK};
        uint16_t fl = proto == 6 ? flags[below(sizeof flags / sizeof flags[0])] : 0;
        if (fl & TCP_RST && chance(60)) fl = TCP_ACK;
        int side = (int)below(2);
        struct decoded d = wheel_packet(id, proto, fl, side);
        uint64_t frame = frame_base + (uint64_t)i + 1;   /* a large base: end_all's radix sort makes four passes */

        /* the reference: the wheel's flows of the seconds that are over, by deadline, then first frame; then
           the packet's own flow when it finds it idle past its timeout */
        struct wdue due[WFLOWS];
        int ndue = 0, nwant = 0;
        uint64_t want[WFLOWS + 1];
        double now2 = time > now ? time : now;
        int64_t sec = w_second(now2);
        for (uint32_t j = 0; j < (uint32_t)nflows; j++) {
            struct wref *g = &wref[j];
            if (g->alive && sec > g->end_sec) due[ndue++] = (struct wdue){g->last + w_timeout(g), g->first_frame, j};
        }
        qsort(due, (size_t)ndue, sizeof due[0], wdue_cmp);
        for (int j = 0; j < ndue; j++) { wref[due[j].id].alive = false; want[nwant++] = (uint64_t)due[j].id << 32 | (uint32_t)due[j].first_frame; }
        if (f->alive && now2 - f->last > w_timeout(f)) { f->alive = false; want[nwant++] = (uint64_t)id << 32 | (uint32_t)f->first_frame; }
        now = now2;
        double timeout_before = 0, last_before = time;
        if (!f->alive) {
            memset(f, 0, sizeof *f);
            f->alive = true;
            f->proto = proto;
            f->first_frame = frame;
            f->end_sec = INT64_MIN;
        } else {
            timeout_before = w_timeout(f);
            last_before = f->last;
        }
        bool fresh = f->end_sec == INT64_MIN;
        f->last = time;
        if (fl & TCP_RST) f->rst = true;
        if (fl & TCP_FIN) f->fin[side] = true;
        int64_t dl = w_second(time + w_timeout(f));
        if (fresh || w_timeout(f) < timeout_before || time < last_before) f->end_sec = dl > sec ? dl : sec;
        else if (dl > f->end_sec) f->end_sec = dl;

        /* the table, as the engine calls it */
        w_n = 0;
        (void)d;
        w_step(&t, id, proto, fl, side, frame, time);
        if (w_n != nwant || memcmp(w_order, want, (size_t)nwant * sizeof want[0]) != 0) {
            if (!*wrong)
                snprintf(first, firstsz, "start %.0f frame %llu at %.4f: %d flows ended (first %llu), want %d (first %llu)", start,
                         (unsigned long long)frame, time, w_n, (unsigned long long)(w_n ? w_order[0] >> 32 : 0), nwant,
                         (unsigned long long)(nwant ? want[0] >> 32 : 0));
            (*wrong)++;
        }
        if (i % 97 == 0 && !wheel_sound(&t)) (*unsound)++;
    }
    if (!wheel_sound(&t)) (*unsound)++;
    /* the end of the run: the flows left, in the order they began */
    uint64_t left[WFLOWS];
    int nleft = 0;
    for (uint32_t j = 0; j < (uint32_t)nflows; j++)
        if (wref[j].alive) left[nleft++] = wref[j].first_frame << 20 | j;
    for (int a = 1; a < nleft; a++)
        for (int b = a; b > 0 && left[b - 1] > left[b]; b--) { uint64_t x = left[b]; left[b] = left[b - 1]; left[b - 1] = x; }
    w_n = 0;
    flow_table_end_all(&t);
    bool same = w_n == nleft;
    for (int j = 0; same && j < nleft; j++) same = w_order[j] >> 32 == (left[j] & 0xfffff);
    if (!same) (*wrong)++;
    flow_table_free(&t);
}

/* One packet into the table as the engine gives it: the wheel up to its time, its flow's lookup, that flow
 * ended when idle, the count. */
static void w_step(struct flow_table *t, uint32_t id, int proto, uint16_t flags, int side, uint64_t frame, double time)
{
    struct decoded d = wheel_packet(id, proto, flags, side);
    struct flow_key key;
    flow_key_of(&d, &key);
    flow_advance(t, time);
    struct flow *f = flow_lookup(t, &key);
    if (f && flow_expire_idle(t, f, time)) f = NULL;
    flow_count(t, f, &key, &d, frame, time);
}

/* The cases the random runs found, one by one. */
static void wheel_cases(void)
{
    struct flow_table t;
    /* a packet whose own flow is idle, at the second other flows' deadlines ended in: all end by deadline */
    flow_table_init(&t, 0);
    t.on_end = w_record;
    w_step(&t, 1, 17, 0, 0, 1, 100.2);   /* deadline 160.2 */
    w_step(&t, 2, 17, 0, 0, 2, 100.7);   /* deadline 160.7 */
    w_n = 0;
    w_step(&t, 2, 17, 0, 0, 3, 161.0);   /* flow 2's own packet, idle: flow 1 ends first, by its deadline */
    CHECK("wheel: the packet's own idle flow ends after the flows with earlier deadlines",
          w_n == 2 && w_order[0] >> 32 == 1 && w_order[1] >> 32 == 2);
    flow_table_free(&t);

    /* a flow refreshed within the second after its first deadline: it lasts its new deadline's second */
    flow_table_init(&t, 0);
    t.on_end = w_record;
    w_step(&t, 1, 17, 0, 0, 1, 39.0);    /* deadline 99.0: the slot of second 99 */
    w_step(&t, 1, 17, 0, 0, 2, 40.5);    /* deadline 100.5, still in the slot of 99 */
    w_n = 0;
    w_step(&t, 9, 17, 0, 0, 3, 100.7);   /* second 99 is over, 100 is not: flow 1 stays */
    int at_100_7 = w_n;
    w_step(&t, 9, 17, 0, 0, 4, 101.0);
    CHECK("wheel: a refreshed flow ends at the first packet of the second after its new deadline, not before",
          at_100_7 == 0 && w_n == 1 && w_order[0] >> 32 == 1);
    flow_table_free(&t);

    /* a late packet (time stamp before the flow's last) brings the deadline before the present */
    flow_table_init(&t, 0);
    t.on_end = w_record;
    w_step(&t, 1, 17, 0, 0, 1, 1000.0);  /* deadline 1060 */
    w_step(&t, 1, 17, 0, 1, 2, 930.0);   /* late: its last packet at 930, deadline 990, already past */
    w_n = 0;
    w_step(&t, 9, 17, 0, 0, 3, 1001.0);
    CHECK("wheel: a flow whose late packet put its deadline in the past ends at the next second",
          w_n == 1 && w_order[0] >> 32 == 1);
    flow_table_free(&t);
}

void test_wheel_random(void)
{
    wheel_cases();
    rng_state = 0xD1B54A32D192ED03ull;
    uint64_t wrong = 0, unsound = 0;
    char first[256] = "";
    w_ends = 0;
    static const double starts[] = {1e9, 1700000000.25, 0.5, -5000.0, 4e15 - 3000};
    for (int run = 0; run < 40; run++)
        wheel_run(starts[run % 5], run % 3 == 0 ? 8 : run % 3 == 1 ? 60 : WFLOWS, 3000, run % 4 == 3 ? (1ull << 40) + 12345 : 0,
                  &wrong, &unsound, first, sizeof first);
    CHECK("wheel random: flows end when and in the order a list of deadlines says", wrong == 0 && w_ends > 20000);
    CHECK("wheel random: the wheel's lists hold each flow once", unsound == 0);
    if (wrong || unsound || w_ends <= 20000 || getenv("RANDOM_VERBOSE"))
        printf("wheel random: %llu packets wrong, %llu unsound, %llu ends; first: %s\n", (unsigned long long)wrong,
               (unsigned long long)unsound, (unsigned long long)w_ends, first);

    /* at the memory bound: evictions too; every flow ends once, the lists stay sound */
    struct flow_table t;
    flow_table_init(&t, 1u << 18);
    t.on_end = w_record;
    w_ends = 0;
    unsound = 0;
    double time = 100;
    for (int i = 0; i < 20000; i++) {
        time += below(64) / 1024.0 - (chance(2) ? 5 : 0);
        uint32_t id = below(3000);
        int proto = chance(50) ? 6 : 17;   /* one draw after the other: the same run whatever the compiler */
        uint16_t flags = chance(10) ? TCP_RST : TCP_ACK;
        int side = (int)below(2);
        w_step(&t, id, proto, flags, side, (uint64_t)i + 1, time);
        if (i % 501 == 0 && !wheel_sound(&t)) unsound++;
    }
    if (getenv("RANDOM_VERBOSE")) printf("wheel bound: evicted %llu expired %llu ends %llu total %llu used %zu\n", (unsigned long long)t.evicted, (unsigned long long)t.expired, (unsigned long long)w_ends, (unsigned long long)t.total, t.used);
    CHECK("wheel: at the bound, flows are evicted and every one that left was told once",
          t.evicted > 1000 && w_ends == t.evicted + t.expired && t.total == w_ends + t.used);
    CHECK("wheel: at the bound the lists stay sound", unsound == 0 && wheel_sound(&t));
    flow_table_free(&t);
    CHECK("flow: a record is 160 bytes", sizeof(struct flow) == 160);
}

/* ---------------------------------------------------------------- address formatting */

/* addr_format (core/summary.c) against the C library's inet_ntop: every IPv4 corner and random
 * IPv4 addresses; IPv6 addresses whose words are each zero, 0xffff, small or random, so that runs
 * of zeros of every length and position (ties, leading, trailing, ::a.b.c.d, ::ffff:a.b.c.d) occur. */
void test_addr_format_random(void)
{
    rng_state = 0x5eed0ddba11ull;
    char got[ADDR_STR_MAX], want[INET6_ADDRSTRLEN + 1];
    int bad4 = 0, bad6 = 0;
    uint8_t a[16];
    for (int n = 0; n < 200000; n++) {
        for (int i = 0; i < 4; i++) {
            unsigned pick = below(6);
            a[i] = (uint8_t)(pick == 0 ? 0 : pick == 1 ? 255 : pick == 2 ? below(10) : pick == 3 ? 10 + below(90) : below(256));
        }
        addr_format(4, a, got);
        inet_ntop(AF_INET, a, want, sizeof want);
        if (strcmp(got, want) != 0 && bad4++ < 3) printf("FAIL: addr_format v4: got %s, want %s\n", got, want);
    }
    for (int n = 0; n < 400000; n++) {
        for (int i = 0; i < 8; i++) {
            unsigned pick = below(8), w;
            w = pick < 4 ? 0 : pick == 4 ? 0xffff : pick == 5 ? below(16) << (4 * below(4)) : pick == 6 ? below(0x100) : (unsigned)below(0x10000);
            a[2 * i] = (uint8_t)(w >> 8);
            a[2 * i + 1] = (uint8_t)w;
        }
        addr_format(6, a, got);
        inet_ntop(AF_INET6, a, want, sizeof want);
        if (strcmp(got, want) != 0 && bad6++ < 3) printf("FAIL: addr_format v6: got %s, want %s\n", got, want);
    }
    CHECK("addr_format: 200,000 IPv4 addresses as inet_ntop", bad4 == 0);
    CHECK("addr_format: 400,000 IPv6 addresses as inet_ntop", bad6 == 0);
    static const char *const fixed[] = {"::", "::1", "::ffff:1.2.3.4", "::1.2.3.4", "::ffff:0:0", "1::", "1:0:0:2::3",
                                        "2001:db8::1:0:0:1", "fe80::1", "0:1:0:1:0:1:0:1", "1:2:3:4:5:6:7:8", "::2:3:4:5:6:7:8",
                                        "ff02::1:ff00:1", "::ffff:255.255.255.255", "64:ff9b::c000:221", NULL};
    for (int i = 0; fixed[i]; i++) {
        inet_pton(AF_INET6, fixed[i], a);
        addr_format(6, a, got);
        inet_ntop(AF_INET6, a, want, sizeof want);
        CHECK_STR("addr_format: a fixed IPv6 address as inet_ntop", got, want);
    }
}

/* ---------------------------------------------------------------- IPv4 header checksum */

/* decode_ipv4's checksum (summed in 32-bit words) against RFC 1071's 16-bit sum, on random headers of
 * every length, half of them given their right checksum, and on a few sums at the folding edges. */
void test_ipv4_checksum_random(void)
{
    rng_state = 0xc4ec5a11ull;
    int bad = 0, right = 0;
    for (int n = 0; n < 100000; n++) {
        uint8_t f[80] = {0};
        size_t ihl = 5 + below(11), hlen = ihl * 4;
        for (size_t i = 0; i < hlen; i++) f[i] = (uint8_t)(chance(20) ? 0xFF : chance(20) ? 0 : rnd());
        f[0] = (uint8_t)(0x40 | ihl);
        f[2] = 0; f[3] = (uint8_t)hlen;   /* total length: the header alone */
        f[6] = f[7] = 0;                  /* not a fragment */
        f[9] = 253;                       /* no tunnel: the decoding stays in this header */
        if (chance(50)) {                 /* the right checksum */
            f[10] = f[11] = 0;
            uint32_t s = 0;
            for (size_t i = 0; i < hlen; i += 2) s += (uint32_t)(f[i] << 8 | f[i + 1]);
            while (s >> 16) s = (s & 0xFFFF) + (s >> 16);
            f[10] = (uint8_t)(~s >> 8);
            f[11] = (uint8_t)~s;
        }
        uint32_t s = 0;
        for (size_t i = 0; i < hlen; i += 2) s += (uint32_t)(f[i] << 8 | f[i + 1]);
        while (s >> 16) s = (s & 0xFFFF) + (s >> 16);
        bool want = s == 0xFFFF;
        right += want;
        struct decoded d;
        decode_frame(&d, LT_RAW, f, (uint32_t)hlen, (uint32_t)hlen, NULL);
        if (!(d.layers & L_IPV4) || d.ip4.checksum_ok != want) bad++;
    }
    CHECK("ipv4 checksum: 32-bit sum agrees with RFC 1071's on 100000 random headers", bad == 0);
    CHECK("ipv4 checksum: about half the random headers verify", right > 45000 && right < 55000);
}
