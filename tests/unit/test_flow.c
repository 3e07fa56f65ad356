/* Unit tests of the flow table (core/flow.c): growth up to the memory bound, counted
 * eviction at the bound, inactivity expiry per kind of flow, lookups that stay exact. */
#include "check.h"
#include "core/flow.h"

#include <string.h>

void test_flow_table(void);

/* A decoded IPv4 TCP or UDP packet between 10.(i) and 192.168.0.1, without bytes. */
static struct decoded packet(uint32_t i, int proto, uint16_t flags)
{
    struct decoded d;
    memset(&d, 0, sizeof d);
    d.ip_version = 4;
    d.layers = L_IPV4 | (proto == 6 ? L_TCP : L_UDP);
    d.l4_proto = (uint8_t)proto;
    d.ip4.src[0] = 10; d.ip4.src[1] = (uint8_t)(i >> 16); d.ip4.src[2] = (uint8_t)(i >> 8); d.ip4.src[3] = (uint8_t)i;
    d.ip4.dst[0] = 192; d.ip4.dst[1] = 168; d.ip4.dst[3] = 1;
    d.ip4.ttl = 64;
    if (proto == 6) { d.tcp.sport = 40000; d.tcp.dport = 443; d.tcp.fixed = true; d.tcp.flags = flags; }
    else { d.udp.sport = 40000; d.udp.dport = 53; }
    return d;
}

static int ended;
static void count_end(void *ctx, const struct flow *f, uint32_t index) { (void)ctx; (void)f; (void)index; ended++; }

void test_flow_table(void)
{
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
    for (uint32_t i = 0; i < 3000; i++) {   /* the sweep hand passes every record more than once */
        struct decoded d = packet(100 + i, 17, 0);
        flow_update(&t, &d, 10 + i, 31.0);
    }
    int dir;
    CHECK("flow: RST-closed TCP expired after 30 s", !flow_find(&t, &rst, &dir));
    CHECK("flow: UDP kept at 31 s", flow_find(&t, &udp, &dir) != NULL);
    CHECK("flow: open TCP kept at 31 s", flow_find(&t, &open, &dir) != NULL);
    for (uint32_t i = 0; i < 5000; i++) {   /* packets of known flows: the hand moves one record each */
        struct decoded d = packet(100 + i % 3000, 17, 0);
        flow_update(&t, &d, 4000 + i, 61.0);
    }
    CHECK("flow: UDP expired after 60 s", !flow_find(&t, &udp, &dir));
    CHECK("flow: open TCP kept at 61 s", flow_find(&t, &open, &dir) != NULL);
    CHECK("flow: expiry is counted apart from eviction", t.expired == 2 && t.evicted == 0 && ended == 2);
    CHECK("flow: an expired key may be forgotten", flow_maybe_forgotten(&t, &udp));
    ended = 0;
    flow_table_end_all(&t);
    CHECK("flow: end_all tells of every flow left, keeping them", ended == 3001 && t.used == 3001);
    flow_table_free(&t);
}
