/* Unit tests of the engine's dispatch (core/engine.c): what each consumer gets through the feature-word
 * plans, the inline tests and the conditions that wait for the flow must be exactly what testing every
 * alternative with match_packet gives, with plans that hold every candidate and with too many for one. */
#include "check.h"
#include "core/app.h"
#include "core/engine.h"
#include "core/flowpeek.h"

#include <glob.h>
#include <stdlib.h>
#include <string.h>

void test_engine_dispatch(void);
void test_flow_peek(void);

#define NALT 31

struct tester {
    struct engine_consumer k;
    struct match m[NALT];
    int n;
    uint64_t last;      /* the frame this consumer last got EV_MATCH for */
    uint64_t matched;   /* packets it got */
};

static struct tester testers[3];
static int ntesters;
static uint64_t frames, wrong, expected_total;

static void on_tester(void *ctx, const struct engine_packet *p, unsigned events)
{
    struct tester *t = ctx;
    if (events & EV_MATCH) { t->last = p->frame->number; t->matched++; }
}

/* What the consumer should have got, alternative by alternative with match_packet and the flow. */
static bool reference(const struct tester *t, const struct engine_packet *p)
{
    for (int j = 0; j < t->n; j++) {
        const struct match *m = &t->m[j];
        if (!match_packet(m, p->frame, p->d)) continue;
        if ((m->set & M_NEW_FLOW) && p->flow) continue;
        if ((m->set & M_AFTER_RST) && !(p->flow && (p->flow->state & FS_RST))) continue;
        if ((m->set & M_FIRST_DATA) && p->flow && (p->flow->state & FS_DATA)) continue;
        if ((m->set & M_APP) && (m->set & M_FIRST_DATA)) {
            bool bad;
            enum app_proto a = app_sniff(p->d, p->frame->bytes, &bad);
            if (!(m->app & (1u << a))) continue;
        }
        return true;
    }
    return false;
}

/* The last consumer: takes every packet and checks what the others got for it. */
static void on_checker(void *ctx, const struct engine_packet *p, unsigned events)
{
    (void)ctx;
    (void)events;
    frames++;
    for (int i = 0; i < ntesters; i++) {
        bool want = reference(&testers[i], p), got = testers[i].last == p->frame->number;
        if (want != got) wrong++;
        if (want) expected_total++;
    }
}

static struct match *alt(struct tester *t)
{
    struct match *m = &t->m[t->n++];
    memset(m, 0, sizeof *m);
    return m;
}

static void ports(struct match *m, uint32_t bit, const uint16_t *list, int n)
{
    m->set |= bit;
    for (int i = 0; i < n; i++) {
        if (bit == M_PORT) { m->ports[m->nports++] = list[i]; m->port_bits |= 1ull << (list[i] & 63); }
        else m->ports_not[m->nports_not++] = list[i];
    }
}

/* Tester 0: the bundled hunts' kinds of conditions; tester 1: more (TTL bands, prefixes, unprepared
 * ones); with `many`, tester 2 has 31 TTL bands so that an IP packet has more candidates than a plan holds. */
static void build(bool many)
{
    memset(testers, 0, sizeof testers);
    struct tester *t = &testers[0];
    struct match *m;
    m = alt(t); m->set = M_TCP_ANY; m->tcp_any = TCP_RST;                                   /* quick: whole */
    m = alt(t); m->set = M_TCP_NONE | M_NEW_FLOW | M_IP | M_TCP_ALL; m->tcp_none = TCP_SYN | TCP_ACK | TCP_RST;
    m = alt(t); m->set = M_TCP_ANY | M_TCP_NONE | M_AFTER_RST | M_IP; m->tcp_any = TCP_SYN; m->tcp_none = TCP_ACK | TCP_RST | TCP_FIN;
    m = alt(t); m->set = M_PROTO | M_ICMP_TYPE; m->proto = 1; m->icmp_types[0] = 1ull << 3 | 1ull << 11;
    m = alt(t); m->set = M_PROTO | M_PORT; m->proto = 6; ports(m, M_PORT, (const uint16_t[]){31337, 515, 80}, 3);
    m = alt(t); m->set = M_IP_ID; m->ip_id_min = m->ip_id_max = 0;
    m = alt(t); m->set = M_SRC_IS_DST;
    m = alt(t); m->set = M_APP | M_PAYLOAD | M_FIRST_DATA | M_IP; m->app = 1u << APP_DNS | 1u << APP_HTTP;
    ports(m, M_PORT_NOT, (const uint16_t[]){53}, 1);
    m = alt(t); m->set = M_PORT | M_PAYLOAD | M_FIRST_DATA | M_IP; ports(m, M_PORT, (const uint16_t[]){53, 443}, 2);
    t = &testers[1];
    for (int b = 0; b < 6; b++) { m = alt(t); m->set = M_TTL; m->ttl_min = (uint8_t)(b * 40 + 1); m->ttl_max = (uint8_t)(b * 40 + 20); }
    m = alt(t); m->set = M_SRC; prefix_parse(&m->src[0], "10.0.0.0/8"); prefix_parse(&m->src[1], "2001:db8::/32"); m->nsrc = 2;
    m = alt(t); m->set = M_DST | M_PROTO; m->proto = 17; prefix_parse(&m->dst[0], "224.0.0.0/4"); m->ndst = 1;
    m = alt(t); m->set = M_TTL | M_PORT | M_TCP_ANY; m->ttl_min = 60; m->ttl_max = 70; m->tcp_any = TCP_SYN | TCP_FIN;
    ports(m, M_PORT, (const uint16_t[]){80, 22, 25}, 3);
    m = alt(t); m->set = M_PAYLOAD | M_IP6;
    m = alt(t); m->set = M_RESET_CAUSE;
    m = alt(t); m->set = M_NEW_FLOW | M_PROTO | M_PORT; m->proto = 17; ports(m, M_PORT, (const uint16_t[]){53, 123}, 2);
    ntesters = 2;
    if (many) {
        t = &testers[2];
        for (int b = 0; b < NALT; b++) { m = alt(t); m->set = M_TTL; m->ttl_min = (uint8_t)(b * 8); m->ttl_max = (uint8_t)(b * 8 + 3); }
        ntesters = 3;
    }
    for (int i = 0; i < ntesters; i++)
        for (int j = 0; j < testers[i].n; j++)
            if (!(i == 1 && j >= 6 && j < 8)) match_prepare(&testers[i].m[j]);   /* two left unprepared */
}

static void run(const char *path, bool many, uint64_t *per_tester)
{
    build(many);
    struct flow_table flows;
    struct engine e;
    struct capture c;
    struct engine_consumer checker = {.all = true, .active = true, .on_packet = on_checker};
    if (capture_open(&c, path) != 0) return;   /* the damaged ones among the test captures */
    if (flow_table_init(&flows, 0) != 0) { capture_close(&c); wrong++; return; }
    engine_init(&e, NULL, &flows);
    for (int i = 0; i < ntesters; i++) {
        struct tester *t = &testers[i];
        t->k = (struct engine_consumer){.matches = t->m, .nmatches = t->n, .active = true, .on_packet = on_tester, .ctx = t};
        engine_add(&e, &t->k);
    }
    engine_add(&e, &checker);
    engine_run(&e, &c, 1);
    engine_finish(&e);
    capture_close(&c);
    flow_table_free(&flows);
    for (int i = 0; i < ntesters; i++) per_tester[i] += testers[i].matched;
}

void test_engine_dispatch(void)
{
    glob_t g;
    if (glob("tests/data/*.pcap*", 0, NULL, &g) != 0) { CHECK("engine: the test captures are there", 0); return; }
    for (int many = 0; many < 2; many++) {
        uint64_t per[3] = {0, 0, 0};
        frames = wrong = expected_total = 0;
        for (size_t i = 0; i < g.gl_pathc; i++) run(g.gl_pathv[i], many, per);
        CHECK(many ? "engine: with more candidates than a plan holds, every consumer gets exactly what match_packet says"
                   : "engine: through the plans, every consumer gets exactly what match_packet and the flow say",
              frames > 2000 && wrong == 0 && expected_total > 3000);
        CHECK(many ? "engine: (too many) each tester got packets" : "engine: each tester got packets",
              per[0] > 100 && per[1] > 100 && (!many || per[2] > 100));
        if (wrong) fprintf(stderr, "engine dispatch: %llu of %llu frames wrong, %llu expected\n", (unsigned long long)wrong, (unsigned long long)frames, (unsigned long long)expected_total);
    }
    globfree(&g);
}

/* flow_peek (core/flowpeek.c) reads raw frames: on every prefix of every test capture's frames, in an
 * allocation of exactly that size (ASan, in make test-asan, sees any read past it), and its guess is
 * the decoded packet's key for plain Ethernet/raw IP TCP and UDP frames. */
void test_flow_peek(void)
{
    glob_t g;
    if (glob("tests/data/*.pcap*", 0, NULL, &g) != 0) { CHECK("flowpeek: the test captures are there", 0); return; }
    uint64_t frames = 0, guessed = 0, plain = 0, wrong = 0;
    for (size_t i = 0; i < g.gl_pathc; i++) {
        struct capture c;
        if (capture_open(&c, g.gl_pathv[i]) != 0) continue;
        struct frame f;
        while (capture_next(&c, &f) == 1) {
            frames++;
            for (uint32_t n = 0; n <= f.hdr.caplen; n++) {
                uint8_t *copy = malloc(n ? n : 1);
                if (!copy) break;
                memcpy(copy, f.bytes, n);
                struct flow_key k;
                (void)flow_peek(f.linktype, copy, n, &k);
                free(copy);
            }
            struct decoded d;
            struct flow_key peeked, real;
            decode_frame(&d, f.linktype, f.bytes, f.hdr.caplen, f.hdr.len, NULL);
            bool tunnel = d.depth > 0 || (d.layers & ~(uint32_t)(L_ETH | L_VLAN | L_IPV4 | L_IPV6 | L_TCP | L_UDP | L_ICMP | L_ICMPV6));
            if (!flow_peek(f.linktype, f.bytes, f.hdr.caplen, &peeked)) continue;
            guessed++;
            if (tunnel || d.fragment || !flow_key_of(&d, &real) || !(d.layers & (L_TCP | L_UDP))) continue;
            plain++;
            if (real.hash != peeked.hash || real.src_hash != peeked.src_hash || !flow_key_is_of(&peeked, &d)) wrong++;
        }
        capture_close(&c);
    }
    globfree(&g);
    CHECK("flowpeek: its guess is the decoded key for plain TCP/UDP frames", frames > 2000 && plain > 1000 && wrong == 0);
    if (wrong || plain <= 1000)
        fprintf(stderr, "flowpeek: %llu frames, %llu guessed, %llu plain, %llu wrong\n", (unsigned long long)frames,
                (unsigned long long)guessed, (unsigned long long)plain, (unsigned long long)wrong);
}

/* EV_DATA_AFTER_FIN: the engine raises it for the consumers that asked, at the data a side sends past its
 * own FIN: in fin-inject.pcap at the four sides that went on after a FIN forged in their names (frames 7,
 * 17, 27 and 34: IPv4 both ways, IPv6, in a VLAN), in no other test capture (fin-normal.pcap's
 * half-close, reordering, retransmissions, keep-alives, simultaneous close, RST after FIN, TCP Fast Open
 * and a 4-tuple reused among them), and never to a consumer that did not ask. */
static char fin_frames[256];
static size_t fin_len;
static uint64_t fin_unasked, fin_total;
static void on_fin_event(void *ctx, const struct engine_packet *p, unsigned events)
{
    (void)ctx;
    if (!(events & EV_DATA_AFTER_FIN)) return;
    fin_total++;
    if (fin_len < sizeof fin_frames - 24)
        fin_len += (size_t)snprintf(fin_frames + fin_len, sizeof fin_frames - fin_len, "%s%llu", fin_len ? " " : "",
                                    (unsigned long long)p->frame->number);
}
static void on_fin_unasked(void *ctx, const struct engine_packet *p, unsigned events)
{
    (void)ctx; (void)p;
    if (events & EV_DATA_AFTER_FIN) fin_unasked++;
}

void test_engine_data_after_fin(void);
void test_engine_data_after_fin(void)
{
    glob_t g;
    if (glob("tests/data/*.pcap*", 0, NULL, &g) != 0) { CHECK("engine: the test captures are there", 0); return; }
    char inject[256] = "", normal[256] = "-";
    uint64_t elsewhere = 0;
    fin_unasked = 0;
    for (size_t i = 0; i < g.gl_pathc; i++) {
        struct flow_table flows;
        struct engine e;
        struct capture c;
        struct match rst = {.set = M_TCP_ANY, .tcp_any = TCP_RST};
        match_prepare(&rst);
        struct engine_consumer asks = {.active = true, .events = EV_DATA_AFTER_FIN, .matches = &rst, .nmatches = 1,
                                       .on_packet = on_fin_event},
                               other = {.active = true, .events = EV_TTL_CHANGE | EV_RST_IN_FLOW, .all = true,
                                        .on_packet = on_fin_unasked};
        if (capture_open(&c, g.gl_pathv[i]) != 0) continue;
        if (flow_table_init(&flows, 0) != 0) { capture_close(&c); continue; }
        engine_init(&e, NULL, &flows);
        engine_add(&e, &other);
        engine_add(&e, &asks);
        fin_len = 0;
        fin_frames[0] = 0;
        fin_total = 0;
        engine_run(&e, &c, 1);
        engine_finish(&e);
        capture_close(&c);
        flow_table_free(&flows);
        const char *base = strrchr(g.gl_pathv[i], '/');
        base = base ? base + 1 : g.gl_pathv[i];
        if (strcmp(base, "fin-inject.pcap") == 0) snprintf(inject, sizeof inject, "%s", fin_frames);
        else if (strcmp(base, "fin-normal.pcap") == 0) snprintf(normal, sizeof normal, "%s", fin_frames);
        else elsewhere += fin_total;
    }
    globfree(&g);
    CHECK_STR("engine: data_after_fin in fin-inject.pcap: where each side went on past a FIN in its name", inject, "7 17 27 34");
    CHECK_STR("engine: data_after_fin quiet in fin-normal.pcap", normal, "");
    CHECK("engine: data_after_fin in no other test capture, and only to a consumer that asked", elsewhere == 0 && fin_unasked == 0);
}
