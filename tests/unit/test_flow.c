/* Unit tests of the flow table (core/flow.c): growth up to the memory bound, counted
 * eviction at the bound, inactivity expiry per kind of flow (the timer wheel: when, and in which
 * order whatever the table's size), lookups that stay exact, and which TCP handshakes count as
 * established (an ACK that acknowledges a SYN-ACK, the latest or the one before it, not a blind one). */
#include "check.h"
#include "packets.h"
#include "core/flow.h"
#include "core/bigtable.h"

#include <string.h>

void test_flow_table(void);

/* A decoded IPv4 TCP or UDP packet between 10.(i) and 192.168.0.1, without bytes (UDP to port 123). */
static struct decoded packet(uint32_t i, int proto, uint16_t flags)
{
    struct decoded d = unit_packet(i, proto, flags, false);
    if (proto != 6) d.udp.dport = 123;
    return d;
}

static int ended;
static void count_end(void *ctx, const struct flow *f, uint32_t index) { (void)ctx; (void)f; (void)index; ended++; }

/* The first frames of the flows that ended, in the order they ended. */
static uint64_t order[4200];
static int norder;
static void record_end(void *ctx, const struct flow *f, uint32_t index)
{
    (void)ctx; (void)index;
    if (norder < (int)(sizeof order / sizeof order[0])) order[norder++] = f->first_frame;
}

/* One run of the wheel scenario on a table of `memory` bytes, after `filler` unrelated flows made
 * at time 100 (they change the table's layout; their deadline, 160, comes before the others').
 * Fills out[] with what ended when. */
static void wheel_scenario(size_t memory, uint32_t filler, uint64_t out[8], int *n_at_160_9, int *n_at_161)
{
    struct flow_table t;
    flow_table_init(&t, memory);
    t.on_end = record_end;
    uint64_t frame = 1000;
    for (uint32_t i = 0; i < filler; i++) {
        struct decoded d = packet(5000 + i, 17, 0);
        flow_update(&t, &d, frame++, 100.0);
    }
    struct decoded a = packet(1, 17, 0), b = packet(2, 17, 0), c = packet(3, 6, TCP_RST | TCP_ACK),
                   d4 = packet(4, 17, 0), e = packet(5, 17, 0), c_open = packet(3, 6, TCP_ACK), tick = packet(9, 6, TCP_ACK);
    flow_update(&t, &e, 5, 100.0);      /* deadline 160.0, but refreshed at 150: 210 */
    flow_update(&t, &a, 1, 100.7);      /* deadline 160.7 */
    flow_update(&t, &b, 2, 100.2);      /* deadline 160.2 */
    flow_update(&t, &c_open, 3, 100.1); /* an open TCP flow: 600 s ... */
    flow_update(&t, &d4, 4, 100.2);     /* deadline 160.2: as b, after it (later first frame) */
    flow_update(&t, &c, 6, 130.5);      /* ... closed by a RST at 130.5: deadline 160.5 */
    flow_update(&t, &e, 7, 150.0);
    norder = 0;
    flow_update(&t, &tick, 8, 160.9);   /* the second of 160 is not over: nothing ends */
    *n_at_160_9 = norder;
    flow_update(&t, &tick, 9, 161.0);   /* it is: b, d4, c, a end, by deadline then first frame */
    *n_at_161 = norder;
    for (int i = 0; i < 8; i++) out[i] = i < norder ? order[i] : 0;
    flow_table_free(&t);
}

/* The longest run of occupied slots: what a lookup whose home is at the run's start walks. */
static size_t longest_run(const void *slots, size_t n, size_t size, bool (*used)(const void *))
{
    size_t best = 0, run = 0;
    for (size_t i = 0; i < 2 * n; i++) {   /* twice round: a run may wrap */
        if (used((const char *)slots + (i % n) * size)) { if (++run > best) best = run; }
        else run = 0;
        if (run >= n) break;
    }
    return best;
}
static bool index_used(const void *e) { return *(const uint64_t *)e != 0; }
static bool host_used(const void *h) { return ((const struct host *)h)->used; }

/* Hash flooding: keys made to share their hash's low bits (a capture can be written so: the hashes are
 * the same in every run) do not share a home slot, as the slots are placed with a random seed; else each
 * lookup walks them all.  1000 flows whose hashes end in 13 zero bits (the index has 8192 slots), then
 * 1000 sources whose host hashes end in 11 (the host table has 2048). */
static void test_flow_flooding(void)
{
    struct flow_table t;
    flow_table_init(&t, 64u << 20);
    uint32_t made = 0, tried = 0;
    for (uint32_t i = 1; made < 1000 && tried < 40000000; i++, tried++) {
        struct decoded d = packet(i, 6, TCP_SYN);
        struct flow_key k;
        if (!flow_key_of(&d, &k) || (k.hash & 8191) != 0) continue;
        flow_update(&t, &d, ++made, 1000.0);
    }
    CHECK("flooding: 1000 flows whose hashes share 13 low bits were made", made == 1000 && t.used == 1000 && t.index_cap == 8192);
    size_t run = longest_run(t.index, t.index_cap, sizeof *t.index, index_used);
    CHECK("flooding: those flows do not crowd one run of the index", run < 64);
    bool all = true;
    made = 0;
    for (uint32_t i = 1; made < 1000; i++) {
        struct decoded d = packet(i, 6, TCP_SYN);
        struct flow_key k;
        if (!flow_key_of(&d, &k) || (k.hash & 8191) != 0) continue;
        made++;
        all = all && flow_lookup(&t, &k) && flow_lookup(&t, &k)->first_frame == made;
    }
    CHECK("flooding: every flow is found again", all);
    flow_table_free(&t);

    /* keys made to share a slot as they would be placed with a seed known in advance (K here) */
    const uint64_t K = 0x9e3779b97f4a7c15ull;
    flow_table_init(&t, 64u << 20);
    made = 0;
    for (uint32_t i = 1; made < 1000 && i < 40000000; i++) {
        struct decoded d = packet(i, 6, TCP_SYN);
        struct flow_key k;
        if (!flow_key_of(&d, &k) || (((uint64_t)k.hash * K) >> 32 & 8191) != 0) continue;
        flow_update(&t, &d, ++made, 1000.0);
    }
    run = longest_run(t.index, t.index_cap, sizeof *t.index, index_used);
    CHECK("flooding: the seed is random, so keys placed alike with a known seed do not crowd the index either",
          made == 1000 && bigtable_seed != K && run < 64);
    flow_table_free(&t);

    flow_table_init(&t, 64u << 20);
    made = 0;
    for (uint32_t i = 1; made < 1000 && i < 40000000; i++) {
        struct decoded d = packet(i, 17, 0);
        struct flow_key k;
        if (!flow_key_of(&d, &k) || (k.src_hash & 2047) != 0) continue;
        flow_update(&t, &d, ++made, 1000.0);
    }
    CHECK("flooding: 1000 sources whose host hashes share 11 low bits were made", made == 1000 && t.hused == 1000 && t.hcap == 2048);
    run = longest_run(t.hosts, t.hcap, sizeof *t.hosts, host_used);
    CHECK("flooding: those sources do not crowd one run of the host table", run < 64);
    flow_table_free(&t);
}

/* One TCP segment of connection i: from the client 10.(i):40000 (back: from the server 192.168.0.1:443). */
static struct decoded seg(uint32_t i, bool back, uint16_t flags, uint32_t seq, uint32_t ack, uint32_t len)
{
    struct decoded d = unit_packet(i, 6, flags, back);
    d.tcp.seq = seq;
    d.tcp.ack = ack;
    d.payload_len = len;
    return d;
}

/* Runs the segments of connection i through a fresh table and returns what its flow became: 'E'
 * established, verified (the SYN-ACK's receipt shown); 'e' established with no SYN-ACK read to verify;
 * 'F' a failed connection (engine_connection_failed's C rule); '-' neither. */
static char handshake(uint32_t i, const struct decoded *segs, int n)
{
    struct flow_table t;
    flow_table_init(&t, 0);
    struct flow *f = NULL;
    for (int k = 0; k < n; k++) f = flow_update(&t, &segs[k], (uint64_t)k + 1, 0.001 * k);
    char r = !f ? '?' : flow_established(f) ? (flow_verified(f) ? 'E' : 'e') : flow_failed_connection(f) ? 'F' : '-';
    (void)i;
    flow_table_free(&t);
    return r;
}
#define S 0x02
#define SA 0x12
#define A 0x10
#define PA 0x18
#define R 0x04
#define FA 0x11
#define HANDSHAKE(name, want, ...) do { \
        const struct decoded segs_[] = {__VA_ARGS__}; \
        char got_ = handshake(1, segs_, (int)(sizeof segs_ / sizeof segs_[0])); \
        char want_s_[2] = {want, 0}, got_s_[2] = {got_, 0}; \
        CHECK_STR(name, got_s_, want_s_); \
    } while (0)

/* The client 10.0.0.1 (ISN 1000) and the server 192.168.0.1:443 (ISN 5000, SYN-ACK acking 1001). */
static void test_flow_handshakes(void)
{
    HANDSHAKE("handshake: SYN, SYN-ACK, the ACK of it", 'E',
              seg(1, 0, S, 1000, 0, 0), seg(1, 1, SA, 5000, 1001, 0), seg(1, 0, A, 1001, 5001, 0));
    HANDSHAKE("handshake: a blind ACK (a guessed ack number), the server's RST: failed", 'F',
              seg(1, 0, S, 1000, 0, 0), seg(1, 1, SA, 5000, 1001, 0), seg(1, 0, A, 1001, 0x1234567, 0),
              seg(1, 1, R, 0x1234567, 0, 0));
    HANDSHAKE("handshake: a blind ACK with data: failed, the data proves nothing", 'F',
              seg(1, 0, S, 1000, 0, 0), seg(1, 1, SA, 5000, 1001, 0), seg(1, 0, PA, 1001, 0x1234567, 40));
    HANDSHAKE("handshake: the handshake's ACK lost, then the client's keep-alive (seq one before): established", 'E',
              seg(1, 0, S, 1000, 0, 0), seg(1, 1, SA, 5000, 1001, 0), seg(1, 0, A, 1000, 5001, 0),
              seg(1, 1, A, 5001, 1001, 0));
    HANDSHAKE("handshake: a blind segment with data one past the ISN + 1: failed", 'F',
              seg(1, 0, S, 1000, 0, 0), seg(1, 1, SA, 5000, 1001, 0), seg(1, 0, PA, 1001, 5002, 40));
    HANDSHAKE("handshake: half-open (SYN, SYN-ACK, the client's RST): failed, as before", 'F',
              seg(1, 0, S, 1000, 0, 0), seg(1, 1, SA, 5000, 1001, 0), seg(1, 0, R, 1001, 0, 0));
    HANDSHAKE("handshake: the server speaks first, the ACK acknowledging its banner (the handshake's ACK lost)", 'E',
              seg(1, 0, S, 1000, 0, 0), seg(1, 1, SA, 5000, 1001, 0), seg(1, 1, PA, 5001, 1001, 30),
              seg(1, 0, A, 1001, 5031, 0));
    HANDSHAKE("handshake: the SYN-ACK retransmitted with its ISN, then the ACK", 'E',
              seg(1, 0, S, 1000, 0, 0), seg(1, 1, SA, 5000, 1001, 0), seg(1, 1, SA, 5000, 1001, 0),
              seg(1, 0, A, 1001, 5001, 0));
    HANDSHAKE("handshake: a retransmitted SYN-ACK after the ACK changes nothing", 'E',
              seg(1, 0, S, 1000, 0, 0), seg(1, 1, SA, 5000, 1001, 0), seg(1, 0, A, 1001, 5001, 0),
              seg(1, 1, SA, 7000, 1001, 0));
    HANDSHAKE("handshake: a second SYN-ACK with another ISN: the ACK of the latest", 'E',
              seg(1, 0, S, 1000, 0, 0), seg(1, 1, SA, 5000, 1001, 0), seg(1, 0, S, 1000, 0, 0),
              seg(1, 1, SA, 9000, 1001, 0), seg(1, 0, A, 1001, 9001, 0));
    HANDSHAKE("handshake: a second SYN-ACK with another ISN, the ACK of the first, the server's RST: established "
              "(only a receiver of the first knows its number; the RST ends it as a connect-only check's)", 'E',
              seg(1, 0, S, 1000, 0, 0), seg(1, 1, SA, 5000, 1001, 0), seg(1, 1, SA, 9000, 1001, 0),
              seg(1, 0, A, 1001, 5001, 0), seg(1, 1, R, 5001, 0, 0));
    /* trial fp5 synack_diffack.pcap: the SYN sent again with another ISN on the same 4-tuple, both answered */
    HANDSHAKE("handshake: a SYN again with another ISN, both answered, the first's SYN-ACK last, the ACK of the second", 'E',
              seg(1, 0, S, 1000, 0, 0), seg(1, 0, S, 3000, 0, 0), seg(1, 1, SA, 9000, 3001, 0),
              seg(1, 1, SA, 5000, 1001, 0), seg(1, 0, A, 3001, 9001, 0), seg(1, 0, R | A, 3001, 9001, 0));
    HANDSHAKE("handshake: a SYN again with another ISN, both answered in order, the ACK of the second", 'E',
              seg(1, 0, S, 1000, 0, 0), seg(1, 0, S, 3000, 0, 0), seg(1, 1, SA, 5000, 1001, 0),
              seg(1, 1, SA, 9000, 3001, 0), seg(1, 0, A, 3001, 9001, 0), seg(1, 0, R | A, 3001, 9001, 0));
    HANDSHAKE("handshake: two SYN-ACKs, the latest retransmitted, then the ACK of the earlier: established", 'E',
              seg(1, 0, S, 1000, 0, 0), seg(1, 1, SA, 5000, 1001, 0), seg(1, 1, SA, 9000, 1001, 0),
              seg(1, 1, SA, 9000, 1001, 0), seg(1, 0, A, 1001, 5001, 0));
    HANDSHAKE("handshake: two SYN-ACKs, a keep-alive of the earlier (the handshake's ACK lost): established", 'E',
              seg(1, 0, S, 1000, 0, 0), seg(1, 1, SA, 5000, 1001, 0), seg(1, 1, SA, 9000, 1001, 0),
              seg(1, 0, A, 1000, 5001, 0));
    /* trial fp5 tfo_retx.pcap: TCP Fast Open's SYN with data unanswered, sent again without it */
    HANDSHAKE("handshake: TFO's SYN sent again without its data, the SYN-ACKs acking each, the ACK of the first", 'E',
              seg(1, 0, S, 1000, 0, 20), seg(1, 0, S, 1000, 0, 0), seg(1, 1, SA, 5000, 1021, 0),
              seg(1, 1, SA, 5000, 1001, 0), seg(1, 0, A, 1021, 5001, 0), seg(1, 0, R | A, 1021, 5001, 0));
    HANDSHAKE("handshake: two SYN-ACKs, a blind ACK matching neither, the server's RST: failed", 'F',
              seg(1, 0, S, 1000, 0, 0), seg(1, 0, S, 3000, 0, 0), seg(1, 1, SA, 5000, 1001, 0),
              seg(1, 1, SA, 9000, 3001, 0), seg(1, 0, A, 3001, 0x1234567, 0), seg(1, 1, R, 0x1234567, 0, 0));
    HANDSHAKE("handshake: three SYN-ACKs of three ISNs, the ACK of the first: failed (the latest two are kept)", 'F',
              seg(1, 0, S, 1000, 0, 0), seg(1, 1, SA, 5000, 1001, 0), seg(1, 1, SA, 9000, 1001, 0),
              seg(1, 1, SA, 7000, 1001, 0), seg(1, 0, A, 1001, 5001, 0), seg(1, 1, R, 5001, 0, 0));
    HANDSHAKE("handshake: two SYN-ACKs, the server's ACK acknowledging only the first SYN proves nothing", 'F',
              seg(1, 0, S, 1000, 0, 0), seg(1, 1, SA, 5000, 1001, 0), seg(1, 0, S, 3000, 0, 0),
              seg(1, 1, SA, 9000, 3001, 0), seg(1, 1, A, 5001, 1001, 0), seg(1, 1, R, 9001, 0, 0));
    HANDSHAKE("handshake: TCP Fast Open, the SYN's 20 bytes acknowledged, then the ACK", 'E',
              seg(1, 0, S, 1000, 0, 20), seg(1, 1, SA, 5000, 1021, 0), seg(1, 0, A, 1021, 5001, 0));
    HANDSHAKE("handshake: TCP Fast Open refused (the SYN's data not acknowledged), the data sent again", 'E',
              seg(1, 0, S, 1000, 0, 20), seg(1, 1, SA, 5000, 1001, 0), seg(1, 0, PA, 1001, 5001, 20));
    HANDSHAKE("handshake: TCP Fast Open, the server answering the SYN's data first", 'E',
              seg(1, 0, S, 1000, 0, 20), seg(1, 1, SA, 5000, 1021, 0), seg(1, 1, PA, 5001, 1021, 100),
              seg(1, 0, A, 1021, 5101, 0));
    HANDSHAKE("handshake: simultaneous open", 'E',
              seg(1, 0, S, 1000, 0, 0), seg(1, 1, S, 5000, 0, 0), seg(1, 0, SA, 1000, 5001, 0),
              seg(1, 1, SA, 5000, 1001, 0), seg(1, 0, A, 1001, 5001, 0));
    HANDSHAKE("handshake: the client's own SYN-ACK and ACK, nothing from the server: failed", 'F',
              seg(1, 0, S, 1000, 0, 0), seg(1, 0, SA, 1000, 777, 0), seg(1, 0, A, 1001, 777, 0));
    HANDSHAKE("handshake: the ACK lost, the client's second segment, the server acknowledging its data", 'E',
              seg(1, 0, S, 1000, 0, 0), seg(1, 1, SA, 5000, 1001, 0), seg(1, 0, PA, 1011, 5001, 10),
              seg(1, 1, A, 5001, 1021, 0));
    HANDSHAKE("handshake: a challenge ACK (acknowledging only the SYN) proves nothing", 'F',
              seg(1, 0, S, 1000, 0, 0), seg(1, 1, SA, 5000, 1001, 0), seg(1, 0, PA, 0x70000000, 0x1234567, 10),
              seg(1, 1, A, 5001, 1001, 0));
    HANDSHAKE("handshake: the server's FIN after the ACK was lost", 'E',
              seg(1, 0, S, 1000, 0, 0), seg(1, 1, SA, 5000, 1001, 0), seg(1, 1, FA, 5001, 1001, 0),
              seg(1, 0, A, 1001, 5002, 0));
    HANDSHAKE("handshake: no SYN-ACK read (lost): data, as before", '-',
              seg(1, 0, S, 1000, 0, 0), seg(1, 0, A, 1001, 5001, 0), seg(1, 0, PA, 1001, 5001, 10));
    struct decoded cut = seg(1, 1, SA, 5000, 1001, 0);
    cut.tcp.fixed = false;   /* a header cut by the snap length: its numbers unread */
    HANDSHAKE("handshake: a SYN-ACK cut short, the client's data: as before (no SYN-ACK read)", '-',
              seg(1, 0, S, 1000, 0, 0), cut, seg(1, 0, PA, 1001, 77, 10));
    HANDSHAKE("handshake: begun mid-connection: established by its flags, nothing to prove", 'e',
              seg(1, 0, PA, 1001, 5001, 10), seg(1, 1, SA, 5000, 1001, 0), seg(1, 0, A, 1011, 77, 0));
    HANDSHAKE("handshake: a 4-tuple reused within its closed flow: the first handshake's proof stands", 'E',
              seg(1, 0, S, 1000, 0, 0), seg(1, 1, SA, 5000, 1001, 0), seg(1, 0, A, 1001, 5001, 0),
              seg(1, 0, FA, 1001, 5001, 0), seg(1, 1, FA, 5001, 1002, 0), seg(1, 0, S, 8000, 0, 0),
              seg(1, 1, SA, 3000, 8001, 0), seg(1, 0, A, 8001, 3001, 0));
}
#undef S
#undef SA
#undef A
#undef PA
#undef R
#undef FA

/* A segment of connection 1 as a decoder makes it: its header length known (20 bytes). */
static struct decoded fseg(bool back, uint16_t flags, uint32_t seq, uint32_t ack, uint32_t len)
{
    struct decoded d = seg(1, back, flags, seq, ack, len);
    d.tcp.hlen = 20;
    return d;
}

/* Runs segments through a fresh table and lists (1-based, comma-separated) those at which the engine
 * raises EV_DATA_AFTER_FIN: flow_data_after_fin on their flow as it was before them.  last: what the
 * flow became (as handshake()), and '+' after it when a FIN is still kept. */
static void fin_events(const struct decoded *segs, int n, char *out, size_t outsz, char last[3])
{
    struct flow_table t;
    flow_table_init(&t, 0);
    struct flow *f = NULL;
    size_t w = 0;
    out[0] = 0;
    for (int k = 0; k < n; k++) {
        int dir;
        const struct flow *before = flow_find(&t, &segs[k], &dir);
        if (before && flow_data_after_fin(before, dir, &segs[k]))
            w += (size_t)snprintf(out + w, outsz - w, "%s%d", w ? "," : "", k + 1);
        f = flow_update(&t, &segs[k], (uint64_t)k + 1, 0.001 * k);
    }
    last[0] = !f ? '?' : flow_established(f) ? (flow_verified(f) ? 'E' : 'e') : flow_failed_connection(f) ? 'F' : '-';
    last[1] = f && flow_fins_kept(f) ? '+' : 0;
    last[2] = 0;
    flow_table_free(&t);
}
#define S 0x02
#define SA 0x12
#define A 0x10
#define PA 0x18
#define R 0x04
#define FA 0x11
#define FPA 0x19
#define FINS(name, want, want_last, ...) do { \
        const struct decoded segs_[] = {__VA_ARGS__}; \
        char got_[64], last_[3]; \
        fin_events(segs_, (int)(sizeof segs_ / sizeof segs_[0]), got_, sizeof got_, last_); \
        CHECK_STR(name, got_, want); \
        CHECK_STR(name " (the flow after)", last_, want_last); \
    } while (0)
/* the handshake of the client 10.0.0.1:40000 (ISN 1000) with 192.168.0.1:443 (ISN 5000) */
#define HS fseg(0, S, 1000, 0, 0), fseg(1, SA, 5000, 1001, 0), fseg(0, A, 1001, 5001, 0)

/* EV_DATA_AFTER_FIN (flow_data_after_fin): data a side sends past the FIN its side sent before, which
 * no stack sends; and what normal stacks send after a FIN, which stays quiet. */
static void test_flow_fins(void)
{
    FINS("fin: a FIN in the server's name, then the server's data from its number (once)", "7", "E+",
         HS, fseg(0, PA, 1001, 5001, 100), fseg(1, FA, 5001, 1101, 0), fseg(0, A, 1101, 5002, 0),
         fseg(1, PA, 5001, 1101, 1400), fseg(1, PA, 6401, 1101, 1400));
    FINS("fin: a FIN+ACK in the client's name in the middle of its upload, its next segment", "8", "E+",
         HS, fseg(0, PA, 1001, 5001, 200), fseg(1, A, 5001, 1201, 0), fseg(0, FA, 1201, 5001, 0),
         fseg(1, A, 5001, 1202, 0), fseg(0, PA, 1201, 5001, 1000), fseg(0, PA, 2201, 5001, 1000));
    FINS("fin: a FIN behind the sender's data (its last segment's number), its next segment", "7", "E+",
         HS, fseg(0, PA, 1001, 5001, 100), fseg(1, PA, 5001, 1101, 500), fseg(1, FA, 5001, 1101, 0),
         fseg(1, PA, 5501, 1101, 500));
    FINS("fin: a block page with FIN, then the real answer from the same number (past the FIN's)", "6", "E+",
         HS, fseg(0, PA, 1001, 5001, 25), fseg(1, FPA, 5001, 1026, 45), fseg(1, PA, 5001, 1026, 200));
    FINS("fin: FINs forged both ways, each side goes on: once each", "6,7", "E+",
         HS, fseg(1, FA, 5001, 1001, 0), fseg(0, FA, 1001, 5001, 0), fseg(0, PA, 1001, 5001, 10),
         fseg(1, PA, 5001, 1001, 10), fseg(0, PA, 1011, 5001, 10), fseg(1, PA, 5011, 1011, 10));
    FINS("fin: a half-close: the peer sends on after the client's FIN", "", "E+",
         HS, fseg(0, PA, 1001, 5001, 18), fseg(0, FA, 1019, 5001, 0), fseg(1, A, 5001, 1020, 1400),
         fseg(1, A, 6401, 1020, 1400), fseg(0, A, 1020, 7801, 0), fseg(1, FA, 7801, 1020, 0), fseg(0, A, 1020, 7802, 0));
    FINS("fin: data sent before the FIN captured after it, sent again, the FIN again with its last 500 bytes", "", "E+",
         HS, fseg(0, PA, 1001, 5001, 18), fseg(1, A, 5001, 1019, 1000), fseg(1, FA, 7001, 1019, 0),
         fseg(1, PA, 6001, 1019, 1000), fseg(1, PA, 6001, 1019, 1000), fseg(1, FPA, 6501, 1019, 500));
    FINS("fin: keep-alives after a FIN: none or one byte at the FIN's number", "", "E+",
         HS, fseg(0, PA, 1001, 5001, 50), fseg(1, PA, 5001, 1051, 100), fseg(0, FA, 1051, 5101, 0),
         fseg(1, A, 5101, 1052, 0), fseg(0, A, 1051, 5101, 0), fseg(0, A, 1051, 5101, 1), fseg(0, A, 1052, 5101, 0));
    FINS("fin: two bytes at the FIN's number are data past it", "6", "E+",
         HS, fseg(0, FA, 1001, 5001, 0), fseg(1, A, 5001, 1002, 0), fseg(0, A, 1001, 5001, 2));
    FINS("fin: one byte one past the FIN's number is data past it", "6", "E+",
         HS, fseg(0, FA, 1001, 5001, 0), fseg(1, A, 5001, 1002, 0), fseg(0, A, 1002, 5001, 1));
    FINS("fin: a RST's payload past a FIN is no data", "", "E+",
         HS, fseg(0, FA, 1001, 5001, 0), fseg(0, R | A, 1002, 5001, 16));
    FINS("fin: a simultaneous close", "", "E+",
         HS, fseg(0, PA, 1001, 5001, 10), fseg(1, PA, 5001, 1011, 10), fseg(0, FA, 1011, 5011, 0),
         fseg(1, FA, 5011, 1011, 0), fseg(0, A, 1012, 5012, 0), fseg(1, A, 5012, 1012, 0));
    FINS("fin: a new connection on the ports forgets the FINs (its numbers past theirs); its own FIN is kept", "14", "E+",
         HS, fseg(0, FA, 1001, 5001, 0), fseg(1, FA, 5001, 1002, 0), fseg(0, A, 1002, 5002, 0),
         fseg(0, S, 9000, 0, 0), fseg(1, SA, 8000, 9001, 0), fseg(0, A, 9001, 8001, 0), fseg(0, PA, 9001, 8001, 100),
         fseg(1, PA, 8001, 9101, 100), fseg(0, FA, 9101, 8101, 0), fseg(1, A, 8101, 9102, 0),
         fseg(0, PA, 9101, 8101, 10), fseg(0, PA, 9101, 8101, 10));
    FINS("fin: begun mid-connection: a FIN in the client's name, its data past it", "3", "-+",
         fseg(1, PA, 50000, 60000, 1000), fseg(0, FA, 60000, 51000, 0), fseg(0, PA, 60000, 51000, 10));
    FINS("fin: a blind FIN while the handshake waits for proof is not kept", "", "F",
         fseg(0, S, 1000, 0, 0), fseg(1, SA, 5000, 1001, 0), fseg(0, FA, 1001, 0x1234567, 0),
         fseg(0, PA, 1001, 0x1234567, 10));
    FINS("fin: the responder's FIN proves the handshake (its ACK lost) and is kept", "4", "E+",
         fseg(0, S, 1000, 0, 0), fseg(1, SA, 5000, 1001, 0), fseg(1, FA, 5001, 1001, 0), fseg(1, PA, 5001, 1001, 10));
    FINS("fin: a FIN before any SYN-ACK is kept; the SYN-ACK after it takes the bytes back, the handshake as before", "", "E",
         fseg(0, S, 1000, 0, 0), fseg(0, FA, 1001, 5001, 0), fseg(1, SA, 5000, 1001, 0), fseg(0, A, 1001, 5001, 0),
         fseg(0, PA, 1001, 5001, 10));
    struct decoded frag = fseg(1, FA, 5001, 1001, 0), cut = frag, fin = frag;
    frag.ip4.flags = 1;   /* more fragments: the segment's length is not this packet's */
    cut.tcp.hlen = 0;     /* its options cut by the snap length: its payload's length unread */
    FINS("fin: the first fragment of a FIN is not kept", "", "E", HS, frag, fseg(1, PA, 5001, 1001, 10));
    FINS("fin: a FIN whose header the capture cut is not kept", "", "E", HS, cut, fseg(1, PA, 5001, 1001, 10));
    FINS("fin: a FIN kept, the data from it", "5", "E+", HS, fin, fseg(1, PA, 5001, 1001, 10));

    /* the handshake's bytes hold the FINs: what was saved of the handshake and seen of it stays */
    struct flow_table t;
    flow_table_init(&t, 0);
    const struct decoded hs[] = {HS, fseg(0, FA, 1001, 5001, 0), fseg(1, FA, 5001, 1002, 0)};
    struct flow *f = NULL;
    for (int k = 0; k < 5; k++) f = flow_update(&t, &hs[k], (uint64_t)k + 1, 0.001 * k);
    CHECK("fin: a proven handshake's FINs kept: verified, its gap saved as 1, each FIN's number",
          f && flow_fins_kept(f) && flow_verified(f) && flow_established(f) && flow_seq_gap(f) == 1 &&
          f->fin_seq[0] == 1001 && f->fin_seq[1] == 5001 && f->dir[0].fin_ttl == 64);
    flow_table_free(&t);
    flow_table_init(&t, 0);
    const struct decoded mid[] = {fseg(1, PA, 50000, 60000, 1000), fseg(0, FA, 60000, 51000, 0)};
    for (int k = 0; k < 2; k++) f = flow_update(&t, &mid[k], (uint64_t)k + 1, 0.001 * k);
    CHECK("fin: a flow begun mid-connection keeps its FIN and is not verified (gap saved as 0)",
          f && flow_fins_kept(f) && !flow_verified(f) && flow_seq_gap(f) == 0 && f->fin_seq[0] == 60000);
    flow_table_free(&t);
    CHECK("fin: the record is still 160 bytes, a side's 16", sizeof(struct flow) == 160 && sizeof(struct flow_dir) == 16);
}
#undef HS
#undef S
#undef SA
#undef A
#undef PA
#undef R
#undef FA
#undef FPA

/* The record keeps no hash: flow_record_hash makes its key's again, as flow_key_make made it (the
 * index and the filter of flows that left are placed by it), for IPv4 and IPv6, either direction. */
static void test_flow_record_hash(void)
{
    struct flow_table t;
    flow_table_init(&t, 0);
    bool same = true;
    int n = 0;
    for (uint32_t i = 0; i < 200; i++) {
        struct decoded d = unit_packet(i, i % 3 ? 6 : 17, TCP_SYN, i % 2);
        if (i % 5 == 0) {   /* IPv6 */
            d.layers = (d.layers & ~L_IPV4) | L_IPV6;
            d.ip_version = 6;
            memset(d.ip6.src, 0, 16);
            memset(d.ip6.dst, 0, 16);
            d.ip6.src[0] = 0x20; d.ip6.src[1] = 0x01; d.ip6.src[15] = (uint8_t)i; d.ip6.src[14] = (uint8_t)(i >> 8);
            d.ip6.dst[0] = 0xfe; d.ip6.dst[1] = 0x80; d.ip6.dst[15] = 9;
        }
        struct flow_key k;
        struct flow *f = flow_update(&t, &d, i + 1, 1.0);
        if (!flow_key_of(&d, &k) || !f) { same = false; continue; }
        same = same && flow_record_hash(f) == k.hash;
        n++;
    }
    CHECK("flow: a record's key hash made again is the key's (IPv4, IPv6, both directions)", same && n == 200);
    flow_table_free(&t);
}

void test_flow_table(void)
{
    test_flow_flooding();
    test_flow_handshakes();
    test_flow_fins();
    test_flow_record_hash();
    struct flow_table t;
    flow_table_init(&t, 1u << 20);
    t.on_end = count_end;
    size_t max = t.max_flows, n = max + 500;
    CHECK("flow: a 1 MiB bound holds some thousands of flows", max > 2000 && max < 8000);
    ended = 0;
    for (uint32_t i = 0; i < n; i++) {
        struct decoded d = packet(i, 6, TCP_SYN);
        flow_update(&t, &d, i + 1, 1000.0 + i * 0.001);   /* 0.001 s apart: no timeout is reached */
    }
    CHECK("flow: the table stopped at its bound", t.used == max && t.cap == max);
    CHECK("flow: every flow past the bound evicted one, counted", t.evicted == 500 && t.expired == 0);
    CHECK("flow: on_end told of each evicted flow", ended == 500);
    CHECK("flow: flows ever made", t.total == n);
    size_t found = 0, forgotten = 0, wrong = 0;
    for (uint32_t i = 0; i < n; i++) {
        struct decoded d = packet(i, 6, TCP_SYN);
        int dir;
        const struct flow *f = flow_find(&t, &d, &dir);
        if (f) { found++; if (f->dir[0].packets + f->dir[1].packets != 1 || f->first_frame != i + 1) wrong++; }
        else if (flow_maybe_forgotten(&t, &d)) forgotten++;
    }
    CHECK("flow: the flows kept are found, with their own counts", found == max && wrong == 0);
    CHECK("flow: every evicted flow may be forgotten (no false negative)", forgotten == 500);
    struct decoded fresh = packet(n + 7, 6, TCP_SYN);
    CHECK("flow: a key never seen is rarely 'forgotten'", !flow_maybe_forgotten(&t, &fresh) || t.evicted > 0);
    flow_table_free(&t);

    /* expiry: UDP after 60 s, TCP closed by RST after 30 s, open TCP kept for 600 s */
    flow_table_init(&t, 0);
    t.on_end = count_end;
    ended = 0;
    struct decoded udp = packet(1, 17, 0), rst = packet(2, 6, TCP_RST | TCP_ACK), open = packet(3, 6, TCP_ACK);
    flow_update(&t, &udp, 1, 0.0);
    flow_update(&t, &rst, 2, 0.0);
    flow_update(&t, &open, 3, 0.0);
    struct decoded dns = packet(6, 17, 0);
    dns.udp.sport = 40000;
    dns.udp.dport = 53;
    for (uint32_t i = 0; i < 3000; i++) {   /* the sweep hand passes every record more than once */
        struct decoded d = packet(100 + i, 17, 0);
        flow_update(&t, &d, 10 + i, 31.0);
    }
    int dir;
    CHECK("flow: RST-closed TCP expired after 30 s", !flow_find(&t, &rst, &dir));
    CHECK("flow: UDP kept at 31 s", flow_find(&t, &udp, &dir) != NULL);
    CHECK("flow: open TCP kept at 31 s", flow_find(&t, &open, &dir) != NULL);
    flow_update(&t, &dns, 3999, 55.0);
    for (uint32_t i = 0; i < 5000; i++) {   /* packets of known flows: the hand moves one record each */
        struct decoded d = packet(100 + i % 3000, 17, 0);
        flow_update(&t, &d, 4000 + i, 61.0);
    }
    CHECK("flow: UDP expired after 60 s", !flow_find(&t, &udp, &dir));
    CHECK("flow: DNS over UDP kept at 61 s while it goes on", flow_find(&t, &dns, &dir) != NULL);
    CHECK("flow: open TCP kept at 61 s", flow_find(&t, &open, &dir) != NULL);
    CHECK("flow: expiry is counted apart from eviction", t.expired == 2 && t.evicted == 0 && ended == 2);
    CHECK("flow: an expired key may be forgotten", flow_maybe_forgotten(&t, &udp));
    /* DNS over UDP (port 53 either way, mDNS 5353, LLMNR 5355) ends 10 s after its answer; a query
       without one keeps UDP's 60 s (a late answer still finds it); port 54 and TCP to 53 keep theirs */
    struct decoded dns_back = unit_packet(6, 17, 0, true), mdns = packet(7, 17, 0), llmnr = packet(8, 17, 0),
                   near = packet(9, 17, 0), lonely = packet(10, 17, 0), tcp53 = packet(12, 6, TCP_ACK);
    struct decoded mdns_back = unit_packet(7, 17, 0, true), llmnr_back = unit_packet(8, 17, 0, true),
                   near_back = unit_packet(9, 17, 0, true), tcp53_back = unit_packet(12, 6, TCP_ACK, true);
    dns_back.udp.sport = 53;
    mdns.udp.dport = mdns_back.udp.sport = 5353;
    llmnr.udp.dport = llmnr_back.udp.sport = 5355;
    near.udp.dport = near_back.udp.sport = 54;
    lonely.udp.dport = 53;
    tcp53.tcp.dport = tcp53_back.tcp.sport = 53;
    /* a server whose address sorts first (10.0.0.11:53, asked by 192.168.0.1): its port is the flow's port[0] */
    struct decoded first_q = unit_packet(11, 17, 0, true), first_a = unit_packet(11, 17, 0, false);
    first_q.udp.dport = 53;
    first_a.udp.sport = 53;
    first_a.udp.dport = 443;
    struct decoded *at61[] = {&mdns, &mdns_back, &llmnr, &llmnr_back, &near, &near_back, &lonely, &tcp53, &tcp53_back,
                              &first_q, &first_a};
    for (size_t i = 0; i < sizeof at61 / sizeof *at61; i++) flow_update(&t, at61[i], 9000 + i, 61.0);
    flow_update(&t, &dns_back, 9020, 62.0);   /* the answer 7 s after the query: the same flow, idle from 62 s */
    const struct flow *fd = flow_find(&t, &dns, &dir);
    CHECK("flow: DNS's answer counted in its flow", fd && dir == 0 && fd->dir[0].packets == 1 && fd->dir[1].packets == 1);
    fd = flow_find(&t, &first_a, &dir);
    CHECK("flow: a server sorting first is endpoint 0", fd && fd->port[0] == 53 && dir == 0 && fd->dir[1].packets == 1);
    for (uint32_t i = 0; i < 3000; i++) {   /* the answered ones at 61 s: deadline 71 s, they end in second 72 */
        struct decoded d = packet(100 + i, 17, 0);
        flow_update(&t, &d, 9100 + i, 72.5);
    }
    CHECK("flow: DNS kept until the second after its deadline", flow_find(&t, &dns, &dir) != NULL);
    CHECK("flow: answered mDNS and LLMNR expired after 10 s", !flow_find(&t, &mdns, &dir) && !flow_find(&t, &llmnr, &dir));
    CHECK("flow: answered DNS with its server's port first expired after 10 s", !flow_find(&t, &first_q, &dir));
    CHECK("flow: UDP to port 54 kept at 11.5 s", flow_find(&t, &near, &dir) != NULL);
    CHECK("flow: an unanswered DNS query kept at 11.5 s", flow_find(&t, &lonely, &dir) != NULL);
    CHECK("flow: TCP to port 53 kept at 11.5 s", flow_find(&t, &tcp53, &dir) != NULL);
    for (uint32_t i = 0; i < 3000; i++) {
        struct decoded d = packet(100 + i, 17, 0);
        flow_update(&t, &d, 12100 + i, 73.5);
    }
    CHECK("flow: DNS expired 10 s after its answer", !flow_find(&t, &dns, &dir) && t.expired == 6);
    ended = 0;
    flow_table_end_all(&t);
    CHECK("flow: end_all tells of every flow left, keeping them", ended == 3004 && t.used == 3004);
    flow_table_free(&t);

    /* the timer wheel: a flow ends at the first packet of the second after its deadline, in the order
       of the deadlines, then of the first frames: the same in a small table and a large one, with
       or without other flows in it (a sweep over the records ended them as the layout fell) */
    uint64_t o1[8], o2[8], o3[8];
    int a1, b1, a2, b2, a3, b3;
    wheel_scenario(1u << 20, 0, o1, &a1, &b1);
    wheel_scenario(64u << 20, 0, o2, &a2, &b2);
    wheel_scenario(64u << 20, 4000, o3, &a3, &b3);
    CHECK("wheel: nothing ends while the deadline's second lasts", a1 == 0 && a2 == 0 && a3 == 0);
    CHECK("wheel: the four idle flows end at the next second's first packet", b1 == 4 && b2 == 4);
    CHECK("wheel: by deadline, ties by first frame; the refreshed flow stays",
          o1[0] == 2 && o1[1] == 4 && o1[2] == 3 && o1[3] == 1 && o1[4] == 0);
    CHECK("wheel: the same order whatever the table's size", memcmp(o1, o2, sizeof o1) == 0);
    /* with 4000 filler flows (deadline 160.0): they end at the same packet, before the others */
    CHECK("wheel: filler flows end first, in first-frame order", b3 == 4004 &&
          order[0] == 1000 && order[3999] == 4999 && order[4000] == 2 && order[4003] == 1);

    /* a jump in time past the wheel's span ends every idle flow; end_all goes by first frame */
    flow_table_init(&t, 0);
    t.on_end = record_end;
    struct decoded x = packet(1, 17, 0), y = packet(2, 6, TCP_ACK), z = packet(3, 17, 0), w = packet(4, 6, TCP_ACK);
    flow_update(&t, &y, 11, 10.0);
    flow_update(&t, &x, 12, 10.0);
    flow_update(&t, &z, 13, 10.5);
    norder = 0;
    flow_update(&t, &w, 14, 5000.0);
    CHECK("wheel: a jump of 5000 s ends them all, by deadline", norder == 3 && order[0] == 12 && order[1] == 13 && order[2] == 11);
    flow_update(&t, &x, 15, 5001.0);
    flow_update(&t, &z, 16, 5000.5);   /* a late packet (time stamp before the latest) */
    norder = 0;
    flow_table_end_all(&t);
    CHECK("wheel: end_all in first-frame order", norder == 3 && order[0] == 14 && order[1] == 15 && order[2] == 16);
    flow_table_free(&t);

    /* end_all by first frame when the records were reused out of that order: 4000 UDP flows, every
       other one of the first 2000 kept alive, the rest expired; 1000 new flows take freed records */
    flow_table_init(&t, 0);
    t.on_end = record_end;
    uint64_t fr = 1;
    for (uint32_t i = 0; i < 4000; i++) { struct decoded d = packet(10000 + i, 17, 0); flow_update(&t, &d, fr++, 1.0); }
    for (uint32_t i = 0; i < 2000; i += 2) { struct decoded d = packet(10000 + i, 17, 0); flow_update(&t, &d, fr++, 50.0); }
    for (uint32_t i = 0; i < 1000; i++) { struct decoded d = packet(20000 + i, 17, 0); flow_update(&t, &d, fr++, 70.0); }
    norder = 0;
    flow_table_end_all(&t);
    bool ascending = norder == 2000;
    for (int i = 1; i < norder; i++) ascending = ascending && order[i - 1] < order[i];
    CHECK("flow: end_all by first frame over reused records", ascending && order[0] == 1 && order[999] == 1999 &&
          order[1000] == 5001 && order[1999] == 6000);
    flow_table_free(&t);
    /* frame numbers too large to pack with the record: the same order (by the table's other buffer) */
    flow_table_init(&t, 0);
    t.on_end = record_end;
    fr = (uint64_t)1 << 60;
    for (uint32_t i = 0; i < 100; i++) { struct decoded d = packet(10000 + i, 17, 0); flow_update(&t, &d, fr++, 1.0); }
    for (uint32_t i = 0; i < 50; i += 2) { struct decoded d = packet(10000 + i, 17, 0); flow_update(&t, &d, fr++, 50.0); }
    for (uint32_t i = 0; i < 30; i++) { struct decoded d = packet(20000 + i, 17, 0); flow_update(&t, &d, fr++, 70.0); }
    norder = 0;
    flow_table_end_all(&t);
    ascending = norder == 55;
    for (int i = 1; i < norder; i++) ascending = ascending && order[i - 1] < order[i];
    CHECK("flow: end_all by first frame, frame numbers past 2^59", ascending && order[0] == (uint64_t)1 << 60);
    flow_table_free(&t);

    /* TCP connections that left the table open: exact, kept FLOW_LEFT_OPEN_KEEP s, only established
       ones (a handshake, or data both ways), not a one-way segment with data */
    flow_table_init(&t, 0);
    struct decoded syn = packet(30001, 6, 0x02), synack = unit_packet(30001, 6, 0x12, true), ack = packet(30001, 6, 0x10);
    struct decoded oneway = packet(30002, 6, 0x18), both_a = packet(30003, 6, 0x18), both_b = unit_packet(30003, 6, 0x18, true);
    oneway.payload_len = both_a.payload_len = both_b.payload_len = 10;
    syn.tcp.seq = 100; synack.tcp.seq = 900; synack.tcp.ack = 101; ack.tcp.seq = 101; ack.tcp.ack = 901;
    flow_update(&t, &syn, 1, 0.0);
    flow_update(&t, &synack, 2, 0.0);
    flow_update(&t, &ack, 3, 0.1);
    flow_update(&t, &oneway, 4, 0.2);
    flow_update(&t, &both_a, 5, 0.3);
    flow_update(&t, &both_b, 6, 0.4);
    struct decoded later = packet(40000, 17, 0);
    flow_update(&t, &later, 7, 1000.0);   /* past TCP's 600 s: the three expire, open */
    struct flow_key k1, k2, k3;
    bool keyed = flow_key_of(&ack, &k1) && flow_key_of(&oneway, &k2) && flow_key_of(&both_b, &k3);
    CHECK("flow: left open: the handshake's and the two-way data's, not the one-way segment's",
          keyed && flow_maybe_left_open(&t, &k1) && !flow_maybe_left_open(&t, &k2) && flow_maybe_left_open(&t, &k3) &&
          t.left_open == 2);
    flow_update(&t, &later, 8, 1000.0 + FLOW_LEFT_OPEN_KEEP + 1);
    CHECK("flow: left open: forgotten after FLOW_LEFT_OPEN_KEEP s", !flow_maybe_left_open(&t, &k1));
    flow_table_free(&t);
}
