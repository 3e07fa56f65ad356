/* Flow and host tables for hunts: a bounded open-addressing table of 5-tuple
 * flows (both directions in one entry) and one of per-source statistics.
 * Eviction: when the 16-slot probe window of a key is full, the entry seen
 * least recently in that window is replaced (and counted in `evicted`). */
#ifndef PCAPHUNT_FLOW_H
#define PCAPHUNT_FLOW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "decode.h"

enum flow_state { FS_SYN = 1, FS_SYNACK = 2, FS_ACK = 4, FS_DATA = 8, FS_FIN = 16, FS_RST = 32 };

struct flow_dir {
    uint64_t packets;
    uint8_t ttl_first, ttl_last;
    uint16_t ipid_first, ipid_last;
    uint32_t ttl_changes;            /* packets whose TTL differed from the direction's first */
};

struct flow {
    bool used;
    uint8_t version, proto;
    uint8_t addr[2][16];             /* canonical order: endpoint 0 sorts first */
    uint16_t port[2];
    uint64_t first_frame, last_frame;
    double first_time, last_time;
    struct flow_dir dir[2];          /* dir[i]: packets sent by endpoint i */
    uint8_t state;                   /* enum flow_state, before the current packet too: see prev_state */
    uint8_t prev_state;              /* state before the packet that last updated the flow */
    int8_t initiator;                /* endpoint that sent the first packet */
};

#define HOST_TTL_SLOTS 8

struct host {
    bool used;
    uint8_t version;
    uint8_t addr[16];
    uint64_t packets, last_frame;
    uint8_t ttl_value[HOST_TTL_SLOTS];
    uint32_t ttl_count[HOST_TTL_SLOTS];
    uint32_t ttl_other;              /* packets whose TTL did not fit the slots */
    uint64_t ipid_zero, ipid_changes, ipv4_packets;
    uint16_t ipid_last;
    uint64_t dst_bits[4];            /* 256-bit linear-counting sketch of destinations */
};

struct flow_table {
    struct flow *flows;
    size_t cap, used;
    struct host *hosts;
    size_t hcap, hused;
    uint64_t evicted, hosts_evicted;
};

/* cap: number of flow slots (a power of two); hosts get cap/2. 0 on success. */
int flow_table_init(struct flow_table *t, size_t cap);
void flow_table_free(struct flow_table *t);
/* Updates flow and source host with a decoded packet; returns the flow (NULL when the
 * packet has no IP layer) and sets *dir to the sender's endpoint index. */
struct flow *flow_update(struct flow_table *t, const struct decoded *d, uint64_t frame, double time, int *dir);
/* Finds the flow of a decoded packet without changing anything. */
struct flow *flow_find(const struct flow_table *t, const struct decoded *d, int *dir);
const struct host *host_find(const struct flow_table *t, int version, const uint8_t *addr);
/* Estimated number of distinct destinations of a host. */
double host_destinations(const struct host *h);

#endif
