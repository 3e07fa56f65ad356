/* Flow and host tables (see flow.h): FNV-1a hashing of a canonical key, linear
 * probing over a 16-slot window, least-recently-seen eviction; no allocation
 * after flow_table_init(). */
#include "flow.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define PROBE 16

struct key {
    uint8_t version, proto;
    uint8_t addr[2][16];
    uint16_t port[2];
};

static uint64_t fnv(const void *p, size_t n, uint64_t h)
{
    const uint8_t *b = p;
    for (size_t i = 0; i < n; i++) { h ^= b[i]; h *= 1099511628211ull; }
    return h;
}

int flow_table_init(struct flow_table *t, size_t cap)
{
    memset(t, 0, sizeof *t);
    size_t c = 1024;
    while (c < cap) c <<= 1;
    t->flows = calloc(c, sizeof *t->flows);
    t->hosts = calloc(c / 2, sizeof *t->hosts);
    if (!t->flows || !t->hosts) { flow_table_free(t); return -1; }
    t->cap = c;
    t->hcap = c / 2;
    return 0;
}

void flow_table_free(struct flow_table *t)
{
    free(t->flows);
    free(t->hosts);
    memset(t, 0, sizeof *t);
}

/* Builds the canonical key; *dir = 0 when the sender sorts first. False without IP. */
static bool make_key(const struct decoded *d, struct key *k, int *dir)
{
    const uint8_t *src, *dst;
    size_t alen;
    memset(k, 0, sizeof *k);
    if (d->layers & L_IPV4) { src = d->ip4.src; dst = d->ip4.dst; alen = 4; k->version = 4; }
    else if (d->layers & L_IPV6) { src = d->ip6.src; dst = d->ip6.dst; alen = 16; k->version = 6; }
    else return false;
    k->proto = d->l4_proto;
    uint16_t sp = 0, dp = 0;
    if (d->layers & L_TCP) { sp = d->tcp.sport; dp = d->tcp.dport; }
    else if (d->layers & L_UDP) { sp = d->udp.sport; dp = d->udp.dport; }
    int c = memcmp(src, dst, alen);
    *dir = (c < 0 || (c == 0 && sp <= dp)) ? 0 : 1;
    memcpy(k->addr[*dir], src, alen);
    memcpy(k->addr[!*dir], dst, alen);
    k->port[*dir] = sp;
    k->port[!*dir] = dp;
    return true;
}

static bool key_match(const struct flow *f, const struct key *k)
{
    return f->used && f->version == k->version && f->proto == k->proto && f->port[0] == k->port[0] &&
           f->port[1] == k->port[1] && memcmp(f->addr, k->addr, sizeof k->addr) == 0;
}

static struct flow *lookup(const struct flow_table *t, const struct key *k, bool create, uint64_t *evicted)
{
    size_t mask = t->cap - 1, h = (size_t)fnv(k, sizeof *k, 1469598103934665603ull);
    struct flow *victim = NULL;
    for (size_t i = 0; i < PROBE; i++) {
        struct flow *f = &t->flows[(h + i) & mask];
        if (key_match(f, k)) return f;
        if (!f->used) { if (!victim || victim->used) victim = f; break; }
        if (!victim || (victim->used && f->last_frame < victim->last_frame)) victim = f;
    }
    if (!create) return NULL;
    if (victim->used) (*evicted)++;
    memset(victim, 0, sizeof *victim);
    victim->used = true;
    victim->version = k->version;
    victim->proto = k->proto;
    memcpy(victim->addr, k->addr, sizeof k->addr);
    memcpy(victim->port, k->port, sizeof k->port);
    victim->initiator = -1;
    return victim;
}

static struct host *host_slot(struct flow_table *t, int version, const uint8_t *addr)
{
    uint8_t a[16] = {0};
    memcpy(a, addr, version == 4 ? 4 : 16);
    size_t mask = t->hcap - 1, h = (size_t)fnv(a, 16, (uint64_t)version * 7919u + 1469598103934665603ull);
    struct host *victim = NULL;
    for (size_t i = 0; i < PROBE; i++) {
        struct host *x = &t->hosts[(h + i) & mask];
        if (x->used && x->version == version && memcmp(x->addr, a, 16) == 0) return x;
        if (!x->used) { victim = x; break; }
        if (!victim || x->last_frame < victim->last_frame) victim = x;
    }
    if (victim->used) t->hosts_evicted++;
    memset(victim, 0, sizeof *victim);
    victim->used = true;
    victim->version = (uint8_t)version;
    memcpy(victim->addr, a, 16);
    return victim;
}

static void host_update(struct flow_table *t, const struct decoded *d, uint64_t frame)
{
    bool v4 = d->layers & L_IPV4;
    struct host *h = host_slot(t, v4 ? 4 : 6, v4 ? d->ip4.src : d->ip6.src);
    uint8_t ttl = v4 ? d->ip4.ttl : d->ip6.hlim;
    h->packets++;
    h->last_frame = frame;
    int slot = -1;
    for (int i = 0; i < HOST_TTL_SLOTS; i++) {
        if (h->ttl_count[i] && h->ttl_value[i] == ttl) { slot = i; break; }
        if (!h->ttl_count[i] && slot < 0) slot = i;
    }
    if (slot >= 0) { h->ttl_value[slot] = ttl; h->ttl_count[slot]++; }
    else h->ttl_other++;
    if (v4) {
        if (d->ip4.id == 0) h->ipid_zero++;
        if (h->ipv4_packets && d->ip4.id != h->ipid_last) h->ipid_changes++;
        h->ipid_last = d->ip4.id;
        h->ipv4_packets++;
    }
    const uint8_t *dst = v4 ? d->ip4.dst : d->ip6.dst;
    uint64_t bit = fnv(dst, v4 ? 4 : 16, 1469598103934665603ull) & 255;
    h->dst_bits[bit >> 6] |= 1ull << (bit & 63);
}

struct flow *flow_update(struct flow_table *t, const struct decoded *d, uint64_t frame, double time, int *dir)
{
    struct key k;
    if (!make_key(d, &k, dir)) return NULL;
    host_update(t, d, frame);
    struct flow *f = lookup(t, &k, true, &t->evicted);
    struct flow_dir *fd = &f->dir[*dir];
    uint8_t ttl = d->ip_version == 4 ? d->ip4.ttl : d->ip6.hlim;
    uint16_t id = d->ip_version == 4 ? d->ip4.id : 0;
    if (!f->first_frame) { f->first_frame = frame; f->first_time = time; t->used++; }
    if (f->initiator < 0) f->initiator = (int8_t)*dir;
    f->last_frame = frame;
    f->last_time = time;
    if (fd->packets == 0) { fd->ttl_first = ttl; fd->ipid_first = id; }
    else if (ttl != fd->ttl_first) fd->ttl_changes++;
    fd->ttl_last = ttl;
    fd->ipid_last = id;
    fd->packets++;
    f->prev_state = f->state;
    if ((d->layers & L_TCP) && d->tcp.fixed) {
        uint16_t fl = d->tcp.flags;
        if ((fl & TCP_SYN) && !(fl & TCP_ACK)) f->state |= FS_SYN;
        if ((fl & TCP_SYN) && (fl & TCP_ACK)) f->state |= FS_SYNACK;
        if (!(fl & (TCP_SYN | TCP_RST)) && (fl & TCP_ACK)) f->state |= FS_ACK;
        if (d->payload_len && !(fl & TCP_RST)) f->state |= FS_DATA;
        if (fl & TCP_FIN) f->state |= FS_FIN;
        if (fl & TCP_RST) f->state |= FS_RST;
    } else if (!(d->layers & L_TCP)) {
        f->state |= FS_DATA;
    }
    return f;
}

struct flow *flow_find(const struct flow_table *t, const struct decoded *d, int *dir)
{
    struct key k;
    uint64_t unused = 0;
    if (!make_key(d, &k, dir)) return NULL;
    return lookup(t, &k, false, &unused);
}

const struct host *host_find(const struct flow_table *t, int version, const uint8_t *addr)
{
    uint8_t a[16] = {0};
    memcpy(a, addr, version == 4 ? 4 : 16);
    size_t mask = t->hcap - 1, h = (size_t)fnv(a, 16, (uint64_t)version * 7919u + 1469598103934665603ull);
    for (size_t i = 0; i < PROBE; i++) {
        const struct host *x = &t->hosts[(h + i) & mask];
        if (!x->used) return NULL;
        if (x->version == version && memcmp(x->addr, a, 16) == 0) return x;
    }
    return NULL;
}

double host_destinations(const struct host *h)
{
    int zero = 0;
    for (int i = 0; i < 256; i++)
        if (!(h->dst_bits[i >> 6] & (1ull << (i & 63)))) zero++;
    if (zero == 0) zero = 1;
    return -256.0 * log((double)zero / 256.0);
}
