/* Flow and host tables (see flow.h).  Flow records live in one array addressed through an
 * open-addressing index of (hash, record) entries, so a probe rarely touches a record; a timer
 * wheel of one-second slots ends idle flows.  No allocation but growth. */
#define _GNU_SOURCE   /* qsort_r */
#include "flow.h"
#include "app.h"
#include "bigtable.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>


static uint32_t host_hash(int version, const uint8_t *a)
{
    uint64_t w[2];
    memcpy(w, a, 16);
    return (uint32_t)bigtable_mix((w[0] * 0x9e3779b97f4a7c15ull) ^ w[1] ^ (uint64_t)version);
}

/* memcmp of two addresses, without a call: big-endian words compare as the bytes do. */
static int addr_cmp(const uint8_t *a, const uint8_t *b, size_t len)
{
    for (size_t i = 0; i < len; i += 4) {
        uint32_t x = (uint32_t)a[i] << 24 | (uint32_t)a[i + 1] << 16 | (uint32_t)a[i + 2] << 8 | a[i + 3];
        uint32_t y = (uint32_t)b[i] << 24 | (uint32_t)b[i + 1] << 16 | (uint32_t)b[i + 2] << 8 | b[i + 3];
        if (x != y) return x < y ? -1 : 1;
    }
    return 0;
}

/* The key's address and port halves, ordered; alen a constant where it is inlined (4 or 16), so the
 * copies are plain moves. */
static inline void key_fill(struct flow_key *k, size_t alen, const uint8_t *src, const uint8_t *dst, uint16_t sp, uint16_t dp)
{
    int c = addr_cmp(src, dst, alen);
    int dir = (c < 0 || (c == 0 && sp <= dp)) ? 0 : 1;
    k->dir = dir;
    memcpy(k->addr[dir], src, alen);
    memcpy(k->addr[!dir], dst, alen);
    k->port[dir] = sp;
    k->port[!dir] = dp;
}

/* The hash of a key's first 40 bytes: addresses, ports, version, proto and the padding (0). */
static inline uint32_t key_hash(const struct flow_key *k)
{
    uint64_t w[5];
    memcpy(w, k, sizeof w);   /* addresses, ports, version, proto */
    uint64_t h = w[0] * 0x9e3779b97f4a7c15ull;
    for (int i = 1; i < 5; i++) h = (h ^ w[i]) * 0x9e3779b97f4a7c15ull + (uint64_t)i;
    return (uint32_t)bigtable_mix(h);
}
_Static_assert(offsetof(struct flow_key, pad) + sizeof ((struct flow_key *)0)->pad == 40, "key_hash reads the key's first 40 bytes");

uint32_t flow_record_hash(const struct flow *f)
{
    struct flow_key k;
    memset(&k, 0, sizeof k);
    memcpy(k.addr, f->addr, sizeof k.addr);
    memcpy(k.port, f->port, sizeof k.port);
    k.version = f->version;
    k.proto = f->proto;
    return key_hash(&k);
}

void flow_key_make(struct flow_key *k, int version, uint8_t proto, const uint8_t *src, const uint8_t *dst,
                   uint16_t sp, uint16_t dp)
{
    memset(k, 0, sizeof *k);
    k->version = (uint8_t)version;
    k->proto = proto;
    uint8_t a[16] = {0};
    if (version == 4) {
        key_fill(k, 4, src, dst, sp, dp);
        memcpy(a, src, 4);
    } else {
        key_fill(k, 16, src, dst, sp, dp);
        memcpy(a, src, 16);
    }
    k->hash = key_hash(k);
    k->src_hash = host_hash(k->version, a);
    k->slot = (uint32_t)bigtable_slot(k->hash, UINT32_MAX);
    k->src_slot = (uint32_t)bigtable_slot(k->src_hash, UINT32_MAX);
}

/* What a decoded packet's flow key is made of; false without an IP layer. */
struct key_parts { const uint8_t *src, *dst; int version; uint16_t sp, dp; };
static bool key_parts_of(const struct decoded *d, struct key_parts *kp)
{
    if (d->layers & L_IPV4) { kp->src = d->ip4.src; kp->dst = d->ip4.dst; kp->version = 4; }
    else if (d->layers & L_IPV6) { kp->src = d->ip6.src; kp->dst = d->ip6.dst; kp->version = 6; }
    else return false;
    kp->sp = kp->dp = 0;
    if (d->layers & L_TCP) { kp->sp = d->tcp.sport; kp->dp = d->tcp.dport; }
    else if (d->layers & L_UDP) { kp->sp = d->udp.sport; kp->dp = d->udp.dport; }
    return true;
}

bool flow_key_of(const struct decoded *d, struct flow_key *k)
{
    struct key_parts kp;
    if (!key_parts_of(d, &kp)) return false;
    flow_key_make(k, kp.version, d->l4_proto, kp.src, kp.dst, kp.sp, kp.dp);
    return true;
}

bool flow_key_is_of(const struct flow_key *k, const struct decoded *d)
{
    struct key_parts kp;
    if (!key_parts_of(d, &kp) || k->version != kp.version) return false;
    size_t alen = kp.version == 4 ? 4 : 16;
    int dir = k->dir;
    return k->proto == d->l4_proto && k->port[dir] == kp.sp && k->port[!dir] == kp.dp &&
           memcmp(k->addr[dir], kp.src, alen) == 0 && memcmp(k->addr[!dir], kp.dst, alen) == 0;
}

static bool key_match(const struct flow *f, const struct flow_key *k)
{
    uint64_t a[4], b[4];
    memcpy(a, f->addr, sizeof a);
    memcpy(b, k->addr, sizeof b);
    return f->port[0] == k->port[0] && f->port[1] == k->port[1] && f->version == k->version &&
           f->proto == k->proto && a[0] == b[0] && a[1] == b[1] && a[2] == b[2] && a[3] == b[3];
}

#define BLOOM_BITS (sizeof ((struct flow_table *)0)->removed_bits * 8)

static void bloom_add(struct flow_table *t, uint32_t h)
{
    uint64_t a = bigtable_mix(h) % BLOOM_BITS, b = bigtable_mix((uint64_t)h << 32 | 0x5bd1e995u) % BLOOM_BITS;
    t->removed_bits[a >> 6] |= 1ull << (a & 63);
    t->removed_bits[b >> 6] |= 1ull << (b & 63);
}

static bool bloom_has(const struct flow_table *t, uint32_t h)
{
    uint64_t a = bigtable_mix(h) % BLOOM_BITS, b = bigtable_mix((uint64_t)h << 32 | 0x5bd1e995u) % BLOOM_BITS;
    return (t->removed_bits[a >> 6] >> (a & 63) & 1) && (t->removed_bits[b >> 6] >> (b & 63) & 1);
}

int flow_table_init(struct flow_table *t, size_t memory)
{
    memset(t, 0, sizeof *t);
    if (memory == 0) memory = FLOW_MEMORY_DEFAULT;
    /* three quarters for flows: records, and an index of a power of two at least twice as many slots */
    size_t share = memory / 4 * 3, m = share / (sizeof(struct flow) + 2 * sizeof(uint64_t));
    for (;;) {
        size_t slots = 1;
        while (slots < 2 * m) slots <<= 1;
        if (m <= 1024 || m * sizeof(struct flow) + slots * sizeof(uint64_t) <= share) break;
        m -= m / 16;
    }
    t->max_flows = m < 1024 ? 1024 : m;
    /* a quarter for hosts: slots of a power of two, half of them used at most */
    t->max_hcap = 1024;
    while (t->max_hcap * 2 * sizeof(struct host) <= memory / 4) t->max_hcap <<= 1;
    return 0;
}

void flow_table_free(struct flow_table *t)
{
    if (t->flows) bigtable_free(t->flows, t->reserved);
    bigtable_free(t->index, t->index_cap * sizeof *t->index);
    bigtable_free(t->hosts, t->hcap * sizeof *t->hosts);
    t->flows = NULL;
    t->index = NULL;
    t->hosts = NULL;
    free(t->due);
    t->due = NULL;
    t->due_cap = 0;
    free(t->ending);   /* an end_all whose on_end did not return */
    t->ending = NULL;
    free(t->open_slots);
    free(t->open_spare);
    t->open_slots = t->open_spare = NULL;
    t->open_used = 0;
    t->open_swept = 0;
    free(t->pairs);
    free(t->pairs_spare);
    t->pairs = t->pairs_spare = NULL;
    t->pairs_used = 0;
    t->cap = t->index_cap = t->used = t->hcap = t->hused = t->free_head = t->evict_hand = t->fresh = t->reserved = 0;
    memset(t->wheel, 0, sizeof t->wheel);
    t->wheel_started = false;
}

#define ENTRY_HASH(e) ((uint32_t)((e) >> 32))
#define ENTRY_RECORD(e) ((uint32_t)(e))

/* The index slot holding flow k, or the empty slot where it would go (*found says which). */
static size_t index_slot(const struct flow_table *t, const struct flow_key *k, bool *found)
{
    size_t mask = t->index_cap - 1;
    for (size_t i = k->slot & mask;; i = (i + 1) & mask) {
        uint64_t e = t->index[i];
        if (!e) { *found = false; return i; }
        if (ENTRY_HASH(e) == k->hash && key_match(&t->flows[ENTRY_RECORD(e) - 1], k)) { *found = true; return i; }
    }
}

struct flow *flow_lookup(const struct flow_table *t, const struct flow_key *k)
{
    if (!t->index_cap) return NULL;
    bool found;
    size_t i = index_slot(t, k, &found);
    return found ? &t->flows[ENTRY_RECORD(t->index[i]) - 1] : NULL;
}

void flow_prefetch(const struct flow_table *t, const struct flow_key *k, const struct decoded *d)
{
    if (t->index_cap) {   /* the index line, and the record its first entry names when the hash is ours */
        const uint64_t *slot = &t->index[k->slot & (t->index_cap - 1)];
        __builtin_prefetch(slot);
        uint64_t e = *slot;
        if (e && ENTRY_HASH(e) == k->hash) __builtin_prefetch(&t->flows[ENTRY_RECORD(e) - 1]);
    }
    (void)d;
    if (t->hcap) __builtin_prefetch(&t->hosts[k->src_slot & (t->hcap - 1)]);
}

void flow_prefetch_ahead(const struct flow_table *t, const struct flow_key *k)
{
    if (t->index_cap) __builtin_prefetch(&t->index[k->slot & (t->index_cap - 1)]);
    if (t->hcap) __builtin_prefetch(&t->hosts[k->src_slot & (t->hcap - 1)]);
}

/* The sketch's column in row i for an (initiator, responder host) or (initiator, port) key. */
static uint32_t answered_col(int version, const uint8_t *src, const uint8_t *dst, uint16_t port, int i)
{
    uint64_t w[4] = {0, 0, 0, 0};
    size_t alen = version == 4 ? 4 : 16;
    memcpy(w, src, alen);
    if (dst) memcpy(w + 2, dst, alen);
    uint64_t h = bigtable_mix(w[0] * 0x9e3779b97f4a7c15ull ^ w[1] ^ ((uint64_t)version << 56));
    h = bigtable_mix(h ^ w[2] ^ bigtable_mix(w[3] + (dst ? 0x51ed27u : 0x2545f491u) + port));
    return (uint32_t)(bigtable_mix(h + (uint64_t)i * 0xbf58476d1ce4e5b9ull) & (UDP_ANSWERED_COLS - 1));
}

/* A UDP flow ending: when its responder answered, counted for its initiator. */
static void count_answered(struct flow_table *t, const struct flow *f)
{
    int i = f->initiator > 0 ? 1 : 0;
    if (f->proto != 17 || !f->dir[i].packets || !f->dir[!i].packets) return;
    for (int r = 0; r < UDP_ANSWERED_ROWS; r++) {
        uint32_t *a = &t->udp_answered[r][answered_col(f->version, f->addr[i], f->addr[!i], 0, r)];
        uint32_t *b = &t->udp_answered[r][answered_col(f->version, f->addr[i], NULL, f->port[!i], r)];
        if (*a < UINT32_MAX) (*a)++;
        if (*b < UINT32_MAX) (*b)++;
    }
}

uint32_t flow_udp_answered(const struct flow_table *t, int version, const uint8_t *src, const uint8_t *dst, uint16_t port)
{
    uint32_t n = UINT32_MAX;
    for (int r = 0; r < UDP_ANSWERED_ROWS; r++) {
        uint32_t v = t->udp_answered[r][answered_col(version, src, dst, dst ? 0 : port, r)];
        if (v < n) n = v;
    }
    return n;
}

/* Removes record r (index + 1) from the index: backward-shift deletion, no tombstones. */
static void index_remove(struct flow_table *t, uint32_t r, uint32_t hash)
{
    size_t mask = t->index_cap - 1, i = bigtable_slot(hash, mask);
    while (ENTRY_RECORD(t->index[i]) != r) i = (i + 1) & mask;
    for (size_t j = (i + 1) & mask; t->index[j]; j = (j + 1) & mask) {
        size_t home = bigtable_slot(ENTRY_HASH(t->index[j]), mask);
        /* move j back to i when its home is not cyclically within (i, j] */
        if (((j - home) & mask) >= ((j - i) & mask)) { t->index[i] = t->index[j]; i = j; }
    }
    t->index[i] = 0;
}

/* Ends flow record r (index + 1): tells on_end, forgets it, puts the record on the free list. */
static void wheel_unlink(struct flow_table *t, uint32_t r);

uint64_t flow_fingerprint(const uint8_t addr[2][16], const uint16_t port[2], uint8_t version, uint8_t proto)
{
    uint64_t h = 14695981039346656037ull ^ ((uint64_t)version << 8 | proto);
    for (int s = 0; s < 2; s++) {
        for (int i = 0; i < 16; i++) h = (h ^ addr[s][i]) * 1099511628211ull;
        h = (h ^ (port[s] & 0xff)) * 1099511628211ull;
        h = (h ^ (port[s] >> 8)) * 1099511628211ull;
    }
    h = bigtable_mix(h);
    return h ? h : 1;
}

#define OPEN_SLOTS (2 * FLOW_LEFT_OPEN_CAP)   /* open addressing, at most half full */

static void left_open_put(struct flow_left_open *slots, uint64_t key, double until)
{
    size_t i = bigtable_slot(key, OPEN_SLOTS - 1);
    while (slots[i].key && slots[i].key != key) i = (i + 1) & (OPEN_SLOTS - 1);
    slots[i].key = key;
    slots[i].until = until;
}

/* Keeps f's key for FLOW_LEFT_OPEN_KEEP s; when the set is full, first lets go of the keys whose
 * time is over (a rebuild into the spare table: probing needs no holes; at most once a second, as the
 * address-pair set, so a set full of keys still kept costs no rebuild per connection), and counts the
 * connection dropped if it stays full. */
static void left_open_add(struct flow_table *t, const struct flow *f)
{
    t->left_open++;
    if (!t->open_slots && !(t->open_slots = calloc(OPEN_SLOTS, sizeof *t->open_slots))) { t->left_open_dropped++; return; }
    if (t->open_used >= FLOW_LEFT_OPEN_CAP) {
        struct flow_left_open *old = t->open_slots, *fresh = NULL;
        if (t->now - t->open_swept >= 1.0) {
            if (t->open_spare) memset(fresh = t->open_spare, 0, OPEN_SLOTS * sizeof *fresh);
            else fresh = calloc(OPEN_SLOTS, sizeof *fresh);
        }
        if (fresh) {
            t->open_swept = t->now;
            t->open_used = 0;
            for (size_t i = 0; i < OPEN_SLOTS; i++)
                if (old[i].key && old[i].until >= t->now) { left_open_put(fresh, old[i].key, old[i].until); t->open_used++; }
            t->open_spare = old;
            t->open_slots = fresh;
        }
        if (t->open_used >= FLOW_LEFT_OPEN_CAP) { t->left_open_dropped++; return; }
    }
    uint64_t key = flow_fingerprint(f->addr, f->port, f->version, f->proto);
    size_t i = bigtable_slot(key, OPEN_SLOTS - 1);
    while (t->open_slots[i].key && t->open_slots[i].key != key) i = (i + 1) & (OPEN_SLOTS - 1);
    if (!t->open_slots[i].key) t->open_used++;
    t->open_slots[i].key = key;
    t->open_slots[i].until = t->now + FLOW_LEFT_OPEN_KEEP;
}

#define PAIR_SLOTS (2 * FLOW_PAIR_CAP)   /* open addressing, at most half full */

/* The address pair's 64-bit fingerprint (both directions alike: the addresses in canonical order);
 * never 0.  Four 64-bit words mixed in turn, not flow_fingerprint's byte loop: it runs for each new flow. */
static uint64_t pair_key(const struct flow *f)
{
    uint64_t w[4];
    memcpy(w, f->addr, sizeof w);
    uint64_t h = bigtable_mix(w[0] ^ ((uint64_t)f->version << 56 | 0x9e3779b9u));
    h = bigtable_mix(h ^ w[1]);
    h = bigtable_mix(h + w[2] * 0x9e3779b97f4a7c15ull);
    h = bigtable_mix(h ^ w[3]);
    return h ? h : 1;
}

static struct flow_pair *pair_find(const struct flow_table *t, uint64_t key)
{
    if (!t->pairs_used) return NULL;
    for (size_t i = bigtable_slot(key, PAIR_SLOTS - 1); t->pairs[i].key; i = (i + 1) & (PAIR_SLOTS - 1))
        if (t->pairs[i].key == key) return t->pairs[i].until >= t->now ? &t->pairs[i] : NULL;
    return NULL;
}

/* The pair's slot, made when new (its ring empty); NULL when the set is full of pairs whose time is not
 * over (swept at most once a second: a flood of new pairs does not rebuild it at each) or without memory. */
static struct flow_pair *pair_take(struct flow_table *t, uint64_t key)
{
    if (!t->pairs && !(t->pairs = calloc(PAIR_SLOTS, sizeof *t->pairs))) { t->pairs_dropped++; return NULL; }
    size_t i = bigtable_slot(key, PAIR_SLOTS - 1);
    while (t->pairs[i].key && t->pairs[i].key != key) i = (i + 1) & (PAIR_SLOTS - 1);
    if (t->pairs[i].key) {
        if (t->pairs[i].until < t->now) memset(t->pairs[i].serial, 0, sizeof t->pairs[i].serial);   /* over: anew */
        return &t->pairs[i];
    }
    if (t->pairs_used >= FLOW_PAIR_CAP) {
        struct flow_pair *fresh = NULL;
        if (t->now - t->pairs_swept >= 1.0) {
            if (t->pairs_spare) memset(fresh = t->pairs_spare, 0, PAIR_SLOTS * sizeof *fresh);
            else fresh = calloc(PAIR_SLOTS, sizeof *fresh);
        }
        if (fresh) {
            t->pairs_swept = t->now;
            t->pairs_used = 0;
            for (size_t j = 0; j < PAIR_SLOTS; j++) {
                if (!t->pairs[j].key || t->pairs[j].until < t->now) continue;
                size_t k = bigtable_slot(t->pairs[j].key, PAIR_SLOTS - 1);
                while (fresh[k].key) k = (k + 1) & (PAIR_SLOTS - 1);
                fresh[k] = t->pairs[j];
                t->pairs_used++;
            }
            t->pairs_spare = t->pairs;
            t->pairs = fresh;
        }
        if (t->pairs_used >= FLOW_PAIR_CAP) { t->pairs_dropped++; return NULL; }
        i = bigtable_slot(key, PAIR_SLOTS - 1);
        while (t->pairs[i].key) i = (i + 1) & (PAIR_SLOTS - 1);
    }
    t->pairs_used++;
    memset(&t->pairs[i], 0, sizeof t->pairs[i]);
    t->pairs[i].key = key;
    return &t->pairs[i];
}

static bool pair_established(const struct flow *f)
{
    return f->proto == 6 && (f->state & FS_OPENED_BY_SYN) && flow_established(f);
}

/* f and g share a direction (the same initiator) and the responder's port. */
static bool pair_same_service(const struct flow *f, const struct flow *g)
{
    return f->initiator == g->initiator && f->port[!f->initiator] == g->port[!g->initiator];
}

/* f among pair p's latest flows (the oldest overwritten), the pair kept at least `hold` s more. */
static void pair_keep(struct flow_table *t, struct flow_pair *p, const struct flow *f, double hold)
{
    p->index[p->next] = (uint32_t)(f - t->flows);
    p->serial[p->next] = f->serial;
    p->next = (p->next + 1) % FLOW_PAIR_RING;
    if (p->until < t->now + hold) p->until = t->now + hold;
}

/* What the pair's recent flows tell of f, and f kept among them when it is a UDP flow beginning or a TCP
 * connection just established: a TCP SYN after its responder's established connection to its initiator
 * (FLOW_FIRST_CALLBACK); a UDP flow and an established TCP connection of the same initiator to the same
 * service within FLOW_PAIR_BESIDE s of each other, whichever came first (FLOW_FIRST_TCP_BESIDE on the UDP
 * flow).  Once per flow and per connection, not per packet. */
static void pair_note(struct flow_table *t, struct flow *f, bool keep)
{
    uint64_t key = pair_key(f);
    struct flow_pair *p = keep ? pair_take(t, key) : pair_find(t, key);
    if (!p) return;
    for (int i = 0; i < FLOW_PAIR_RING; i++) {
        struct flow *g = (struct flow *)flow_at(t, p->index[i], p->serial[i]);
        if (!g || g == f) continue;
        double dt = f->first_time - g->first_time;
        if (f->proto == 6 && !keep && pair_established(g) && g->initiator != f->initiator &&
            dt >= 0 && dt <= FLOW_PAIR_CALLBACK)
            f->first_flags |= g->dir[g->initiator].data ? FLOW_FIRST_CALLBACK : FLOW_FIRST_CALLBACK_WAIT;
        if (dt > FLOW_PAIR_BESIDE || dt < -FLOW_PAIR_BESIDE || !pair_same_service(f, g)) continue;
        if (f->proto == 17 && pair_established(g)) f->first_flags |= FLOW_FIRST_TCP_BESIDE;
        if (pair_established(f) && g->proto == 17) g->first_flags |= FLOW_FIRST_TCP_BESIDE;
    }
    if (f->first_flags & FLOW_FIRST_CALLBACK) f->first_flags &= (uint16_t)~FLOW_FIRST_CALLBACK_WAIT;
    else if (f->first_flags & FLOW_FIRST_CALLBACK_WAIT) pair_keep(t, p, f, FLOW_PAIR_CALLBACK_DATA);   /* until the client's data comes */
    else if (keep) pair_keep(t, p, f, FLOW_PAIR_CALLBACK);
}

/* The client's first data in an established connection f: the callbacks its responder had opened to it
 * at most FLOW_PAIR_CALLBACK s after f began, waiting for it (FLOW_FIRST_CALLBACK_WAIT) at most
 * FLOW_PAIR_CALLBACK_DATA s, are callbacks.  Once per connection. */
static void pair_client_data(struct flow_table *t, const struct flow *f)
{
    struct flow_pair *p = pair_find(t, pair_key(f));
    if (!p) return;
    for (int i = 0; i < FLOW_PAIR_RING; i++) {
        struct flow *g = (struct flow *)flow_at(t, p->index[i], p->serial[i]);
        if (!g || g == f || g->proto != 6 || !(g->first_flags & FLOW_FIRST_CALLBACK_WAIT) || g->initiator == f->initiator)
            continue;
        double dt = g->first_time - f->first_time;
        if (dt >= 0 && dt <= FLOW_PAIR_CALLBACK && t->now - g->first_time <= FLOW_PAIR_CALLBACK_DATA)
            g->first_flags = (uint16_t)((g->first_flags & ~FLOW_FIRST_CALLBACK_WAIT) | FLOW_FIRST_CALLBACK);
    }
}

/* The filter's key of a connection from src to dst, port `port` (addresses of version's length). */
static uint64_t served_key(int version, const uint8_t *src, const uint8_t *dst, uint16_t port)
{
    uint64_t w[4] = {0, 0, 0, 0};
    size_t alen = version == 4 ? 4 : 16;
    memcpy(w, src, alen);
    memcpy(w + 2, dst, alen);
    uint64_t h = bigtable_mix(w[0] * 0x9e3779b97f4a7c15ull ^ w[1] ^ ((uint64_t)version << 56 | port));
    return bigtable_mix(h ^ bigtable_mix(w[2] + 0x2545f4914f6cdd1dull) ^ w[3] * 0xbf58476d1ce4e5b9ull);
}

#define SERVED_BITS ((uint64_t)FLOW_SERVED_WORDS * 64)

/* A connection established: its (initiator, responder, responder's port) into the filter (once). */
static void served_add(struct flow_table *t, const struct flow *f)
{
    int i = f->initiator > 0 ? 1 : 0;
    uint64_t h = served_key(f->version, f->addr[i], f->addr[!i], f->port[!i]), step = bigtable_mix(h) | 1;
    for (int k = 0; k < FLOW_SERVED_HASHES; k++) {
        uint64_t b = (h + (uint64_t)k * step) % SERVED_BITS;
        t->served_bits[b >> 6] |= 1ull << (b & 63);
    }
}

bool flow_tcp_established(const struct flow_table *t, int version, const uint8_t *src, const uint8_t *dst, uint16_t port)
{
    uint64_t h = served_key(version, src, dst, port), step = bigtable_mix(h) | 1;
    for (int k = 0; k < FLOW_SERVED_HASHES; k++) {
        uint64_t b = (h + (uint64_t)k * step) % SERVED_BITS;
        if (!(t->served_bits[b >> 6] >> (b & 63) & 1)) return false;
    }
    return true;
}

static void flow_remove(struct flow_table *t, uint32_t r)
{
    struct flow *f = &t->flows[r - 1];
    wheel_unlink(t, r);
    count_answered(t, f);
    if (t->on_end) t->on_end(t->on_end_ctx, f, r - 1);
    uint32_t hash = flow_record_hash(f);
    bloom_add(t, hash);
    /* a TCP connection (its handshake seen, or data sent both ways) that leaves before it closed: a
       RST or segment on its key later is its own, not a new flow's (want.new_flow) */
    if (f->proto == 6 && (flow_established(f) ||
                          ((f->state & FS_DATA) && f->dir[0].packets && f->dir[1].packets)) &&
        !(f->state & FS_RST) && !(f->dir[0].fin && f->dir[1].fin))
        left_open_add(t, f);
    index_remove(t, r, hash);
    f->serial = 0;
    f->next_free = (uint32_t)t->free_head;
    t->free_head = r;
    t->used--;
}

static double timeout_of(const struct flow *f)
{
    if (f->proto == 17 && f->dir[0].packets && f->dir[1].packets && (app_dns_port(f->port[0]) || app_dns_port(f->port[1])))
        return FLOW_TIMEOUT_DNS;
    if (f->proto != 6) return FLOW_TIMEOUT_OTHER;
    if ((f->state & FS_RST) || (f->dir[0].fin && f->dir[1].fin)) return FLOW_TIMEOUT_CLOSED;
    return FLOW_TIMEOUT_TCP;
}


/* The second a time falls in, kept in a range where every step below is defined (a time stamp
 * may be anything a capture says). */
static int64_t second_of(double x)
{
    if (!(x > 0)) return 0;
    if (x > 4e15) return (int64_t)4e15;
    return (int64_t)floor(x);
}

static double deadline_of(const struct flow *f)
{
    return f->last_time + timeout_of(f);
}

static void wheel_unlink(struct flow_table *t, uint32_t r)
{
    struct flow *f = &t->flows[r - 1];
    if (!f->wheel_prev) return;
    if (f->wheel_prev & FLOW_WHEEL_HEAD) t->wheel[f->wheel_prev & (FLOW_WHEEL_SLOTS - 1)] = f->wheel_next;
    else t->flows[f->wheel_prev - 1].wheel_next = f->wheel_next;
    if (f->wheel_next) t->flows[f->wheel_next - 1].wheel_prev = f->wheel_prev;
    f->wheel_prev = f->wheel_next = 0;
}

/* Puts flow r in the slot of its deadline's second (the current one when that is already done:
 * a late packet's flow, ended at the next second). */
static void wheel_link(struct flow_table *t, uint32_t r)
{
    struct flow *f = &t->flows[r - 1];
    int64_t s = second_of(deadline_of(f));
    if (s < t->wheel_sec) s = t->wheel_sec;
    uint32_t slot = (uint32_t)(s & (FLOW_WHEEL_SLOTS - 1));
    f->wheel_prev = FLOW_WHEEL_HEAD | slot;
    f->wheel_next = t->wheel[slot];
    if (f->wheel_next) t->flows[f->wheel_next - 1].wheel_prev = r;
    t->wheel[slot] = r;
}

/* Room for n entries in t->due (kept with the table: on_end may not return). False when out of memory. */
static bool due_reserve(struct flow_table *t, size_t n)
{
    if (n <= t->due_cap) return true;
    size_t cap = t->due_cap ? t->due_cap * 2 : 256;
    if (cap < n) cap = n;
    struct flow_due *d = realloc(t->due, cap * sizeof *d);
    if (!d) return false;
    t->due = d;
    t->due_cap = cap;
    return true;
}

static int due_cmp(const void *a, const void *b)
{
    const struct flow_due *x = a, *y = b;
    if (x->deadline != y->deadline) return x->deadline < y->deadline ? -1 : 1;
    return x->first_frame < y->first_frame ? -1 : x->first_frame > y->first_frame;
}

/* The wheel brought up to t->now: the flows whose deadline falls in a second before now's end, in
 * the order of their deadlines (then of their first frames), which no layout of the table changes;
 * the others (a flow stays in the slot of an earlier deadline until the wheel comes to it) move to
 * the slot of their deadline.  A flow thus ends at the first packet of the second after its
 * deadline (decided by seconds, not by how idle it is now, so a flow refreshed since it was put in
 * its slot does not end within its new deadline's second), or earlier when its own next packet
 * finds it idle. */
static void wheel_advance(struct flow_table *t)
{
    int64_t target = second_of(t->now);
    if (!t->wheel_started) { t->wheel_sec = target; t->wheel_started = true; return; }
    if (target <= t->wheel_sec) return;
    int64_t n = target - t->wheel_sec;
    if (n > FLOW_WHEEL_SLOTS) n = FLOW_WHEEL_SLOTS;   /* a jump in time: every slot once */
    int64_t first = t->wheel_sec;
    t->wheel_sec = target;   /* flows that stay go to slots of target or later */
    size_t ndue = 0;
    for (int64_t k = 0; k < n; k++) {
        uint16_t slot = (uint16_t)((first + k) & (FLOW_WHEEL_SLOTS - 1));
        uint32_t r = t->wheel[slot];
        t->wheel[slot] = 0;
        while (r) {
            struct flow *f = &t->flows[r - 1];
            uint32_t next = f->wheel_next;
            f->wheel_prev = f->wheel_next = 0;
            if (second_of(deadline_of(f)) < target) {
                if (!due_reserve(t, ndue + 1)) { wheel_link(t, r); r = next; continue; }   /* no memory now: ends at a later second */
                t->due[ndue++] = (struct flow_due){deadline_of(f), f->first_frame, r};
            } else {
                wheel_link(t, r);
            }
            r = next;
        }
    }
    if (ndue > 1) qsort(t->due, ndue, sizeof *t->due, due_cmp);
    for (size_t i = 0; i < ndue; i++) {
        flow_remove(t, t->due[i].record);
        t->expired++;
    }
}

static int grow_index(struct flow_table *t, size_t cap)
{
    uint64_t *ix = bigtable_alloc(cap * sizeof *ix);
    if (!ix) return -1;
    size_t mask = cap - 1;
    for (size_t i = 0; i < t->index_cap; i++) {
        uint64_t e = t->index[i];
        if (!e) continue;
        size_t j = bigtable_slot(ENTRY_HASH(e), mask);
        while (ix[j]) j = (j + 1) & mask;
        ix[j] = e;
    }
    bigtable_free(t->index, t->index_cap * sizeof *t->index);
    t->index = ix;
    t->index_cap = cap;
    return 0;
}

static uint32_t pop_free(struct flow_table *t)
{
    uint32_t r = (uint32_t)t->free_head;
    t->free_head = t->flows[r - 1].next_free;
    return r;
}

/* A free record number (index + 1): from the free list, by growing, or by evicting an old flow
 * (the least recently seen of the 64 records after the eviction hand), counted. 0: no memory. */
static uint32_t take_record(struct flow_table *t)
{
    if (t->free_head) return pop_free(t);
    if (t->fresh < t->cap) return (uint32_t)++t->fresh;   /* never used yet: its pages are touched now */
    if (t->cap < t->max_flows) {
        /* the records' address space is reserved for the bound at once and committed as the table
           grows, so growing moves nothing: only the index is made anew */
        if (!t->flows) {
            t->flows = bigtable_reserve(t->max_flows * sizeof *t->flows);
            if (!t->flows) {
                t->max_flows = t->cap;   /* not even the address space: no flows */
                goto full;
            }
            t->reserved = t->max_flows * sizeof *t->flows;
        }
        size_t cap = t->cap ? t->cap * 2 : 4096;
        if (cap > t->max_flows) cap = t->max_flows;
        size_t want = 1;
        while (want < cap * 2) want <<= 1;
        if (bigtable_commit(t->flows, cap * sizeof *t->flows) == 0 && (want <= t->index_cap || grow_index(t, want) == 0)) {
            t->cap = cap;
            return (uint32_t)++t->fresh;
        }
        t->max_flows = t->cap;   /* no memory for more: the table is as large as it gets, and evicts */
    }
full:
    if (!t->used) return 0;
    uint32_t victim = 0;
    for (size_t i = 0, j = t->evict_hand; i < 64; i++, j = j + 1 == t->cap ? 0 : j + 1) {
        const struct flow *f = &t->flows[j];
        if (f->serial && (!victim || f->last_frame < t->flows[victim - 1].last_frame)) victim = (uint32_t)j + 1;
    }
    for (size_t j = 0; !victim && j < t->cap; j++) if (t->flows[j].serial) victim = (uint32_t)j + 1;
    flow_remove(t, victim);   /* at the bound: an old flow goes */
    t->evicted++;
    t->evict_hand = victim == t->cap ? 0 : victim;   /* the next search starts after it */
    return pop_free(t);
}


static int grow_hosts(struct flow_table *t)
{
    size_t cap = t->hcap ? t->hcap * 2 : 1024;
    struct host *h = bigtable_alloc(cap * sizeof *h);
    if (!h) return -1;
    for (size_t i = 0; i < t->hcap; i++) {
        if (!t->hosts[i].used) continue;
        size_t j = bigtable_slot(t->hosts[i].hash, cap - 1);
        while (h[j].used) j = (j + 1) & (cap - 1);
        h[j] = t->hosts[i];
    }
    bigtable_free(t->hosts, t->hcap * sizeof *t->hosts);
    t->hosts = h;
    t->host_changes++;
    t->hcap = cap;
    return 0;
}

/* The host record of addr, created when new; NULL when out of memory. At the bound a new
 * host replaces the least recently seen one among the 16 slots after its home (counted). */
static bool addr_equal(const uint8_t *x, const uint8_t *y)
{
    uint64_t a[2], b[2];
    memcpy(a, x, 16);
    memcpy(b, y, 16);
    return a[0] == b[0] && a[1] == b[1];
}

static struct host *host_slot(struct flow_table *t, int version, const uint8_t *addr, uint32_t hh, uint32_t hslot)
{
    uint8_t a[16] = {0};
    memcpy(a, addr, version == 4 ? 4 : 16);
    if (t->hcap) {
        size_t mask = t->hcap - 1;
        for (size_t i = (hslot & mask);; i = (i + 1) & mask) {
            struct host *x = &t->hosts[i];
            if (!x->used) break;
            if (x->hash == hh && x->version == version && addr_equal(x->addr, a)) return x;
        }
    }
    if ((t->hused + 1) * 2 > t->hcap) {
        if (t->hcap < t->max_hcap ? grow_hosts(t) != 0 : true) {
            if (!t->hcap) return NULL;
            /* full: replace the least recently seen host near the home slot */
            size_t mask = t->hcap - 1;
            struct host *victim = NULL;
            for (size_t i = 0, j = (hslot & mask); i < 16; i++, j = (j + 1) & mask)
                if (t->hosts[j].used && (!victim || t->hosts[j].last_frame < victim->last_frame)) victim = &t->hosts[j];
            for (size_t j = 0; !victim && j < t->hcap; j++) if (t->hosts[j].used) victim = &t->hosts[j];
            t->hosts_evicted++;
            /* re-home it: clear and rebuild its probe run so lookups stay exact */
            size_t vi = (size_t)(victim - t->hosts);
            victim->used = 0;
            t->hused--;
            t->host_changes++;
            for (size_t j = (vi + 1) & mask; t->hosts[j].used; j = (j + 1) & mask) {
                struct host moved = t->hosts[j];
                t->hosts[j].used = 0;
                size_t k = bigtable_slot(moved.hash, mask);
                while (t->hosts[k].used) k = (k + 1) & mask;
                t->hosts[k] = moved;
            }
        }
    }
    size_t mask = t->hcap - 1, i = (hslot & mask);
    while (t->hosts[i].used) i = (i + 1) & mask;
    struct host *x = &t->hosts[i];
    memset(x, 0, sizeof *x);
    x->used = 1;
    x->version = (uint8_t)version;
    x->hash = hh;
    memcpy(x->addr, a, 16);
    t->hused++;
    t->host_changes++;
    return x;
}

/* new_pair: the packet's flow direction had sent nothing before it, so its destination may be new to
 * the host's sketch (else its bit is set already, and its hash is not made again). */
static void host_update(struct flow_table *t, const struct decoded *d, uint64_t frame, const struct flow_key *k, bool new_pair)
{
    if (t->host_parts > 1 && k->src_hash % t->host_parts != t->host_part) return;   /* another part's host */
    bool v4 = d->layers & L_IPV4;
    struct host *h = host_slot(t, v4 ? 4 : 6, v4 ? d->ip4.src : d->ip6.src, k->src_hash, k->src_slot);
    if (!h) return;
    if (!h->packets) h->first_frame = frame;
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
    if (!new_pair && h->packets > 1) return;
    const uint8_t *dst = v4 ? d->ip4.dst : d->ip6.dst;
    uint8_t da[16] = {0};
    memcpy(da, dst, v4 ? 4 : 16);
    uint64_t bit = host_hash(v4 ? 4 : 6, da) & 255;
    h->dst_bits[bit >> 6] |= 1ull << (bit & 63);
}

void flow_host_update(struct flow_table *t, const struct decoded *d, const struct flow_key *k, uint64_t frame)
{
    host_update(t, d, frame, k, true);   /* a new pair or not, its bit is the same */
}

bool host_insert(struct flow_table *t, const struct host *from)
{
    struct host *h = host_slot(t, from->version, from->addr, from->hash, (uint32_t)bigtable_slot(from->hash, UINT32_MAX));
    if (!h) return false;
    uint32_t hash = h->hash;
    *h = *from;
    h->used = 1;
    h->hash = hash;
    return true;
}

void flow_note_removed(struct flow_table *t, uint32_t hash)
{
    bloom_add(t, hash);
    t->noted_removed = true;
}

uint32_t flow_host_hash(int version, const uint8_t *addr)
{
    return host_hash(version, addr);
}

double flow_deadline(const struct flow *f)
{
    return deadline_of(f);
}

/* gap (seq - ack) is one of the responder's SYN-ACKs' the flow keeps: seq_gap or seq_gap_prev (0: none). */
static inline bool gap_seen(const struct flow *f, uint32_t gap)
{
    return gap && (gap == f->seq_gap || gap == f->seq_gap_prev);
}

/* What a TCP segment (its fixed header read) of a flow opened by a SYN tells of its handshake
 * (FLOW_UNPROVEN, seq_gap, seq_gap_prev): called for a SYN-ACK, and for every segment while the
 * handshake waits for proof. */
static void handshake_note(struct flow *f, const struct decoded *d, bool from_initiator)
{
    uint16_t fl = d->tcp.flags;
    bool synack = (fl & (TCP_SYN | TCP_ACK)) == (TCP_SYN | TCP_ACK), unproven = f->first_flags & FLOW_UNPROVEN;
    if (fl & TCP_RST) return;                          /* proves nothing, either way (nor a refusal of it) */
    if (!unproven && f->seq_gap) return;               /* proven: for the flow's life (a 4-tuple reused in it too);
                                                          never called while FINs are kept (a SYN gives the bytes back) */
    bool proof;
    if (!from_initiator) {
        if (synack) {
            /* the responder's: the latest two that differ are what the initiator's ACK may show (a SYN sent
               again with another ISN and both answered, TFO's SYN sent again without its data: either
               answer may come last); a retransmission changes nothing */
            uint32_t gap = d->tcp.seq + 1 - d->tcp.ack;
            if (gap && gap != f->seq_gap) {
                f->seq_gap_prev = f->seq_gap;
                f->seq_gap = gap;
            }
            if (f->seq_gap) f->first_flags |= FLOW_UNPROVEN;
            return;
        }
        /* going on as in a connection: data, a FIN, or acknowledging the initiator's data or FIN (a
           challenge ACK to a segment out of its window acknowledges only a SYN: seq - ack is a SYN-ACK's gap) */
        proof = unproven && !(fl & TCP_SYN) &&
                (d->payload_len || (fl & TCP_FIN) || ((fl & TCP_ACK) && f->seq_gap && !gap_seen(f, d->tcp.seq - d->tcp.ack)));
    } else if (!unproven) {                            /* the initiator's SYN-ACK before any of the responder's */
        if (synack) f->first_flags |= FLOW_UNPROVEN;   /* (simultaneous open): the responder's must come */
        return;
    } else {                                           /* acknowledging a SYN-ACK's sequence number */
        uint32_t shown = d->tcp.ack - (d->tcp.seq + (fl & TCP_SYN ? 1u : 0u));
        /* a keep-alive (no data, no SYN or FIN) carries the sequence number before the next, a gap + 1:
           it acknowledges the SYN-ACK all the same (a blind sender knows neither number) */
        proof = (fl & TCP_ACK) && (gap_seen(f, shown) ||
                (gap_seen(f, shown - 1) && !d->payload_len && !(fl & (TCP_SYN | TCP_FIN))));
    }
    if (proof) {
        f->first_flags &= (uint16_t)~FLOW_UNPROVEN;
        if (!f->seq_gap) f->seq_gap = 1;               /* proven by the responder before its SYN-ACK was read */
    }
}

/* The 8 bytes of the kept FINs given back to the handshake (a SYN: a new connection on the 4-tuple, or a
 * SYN-ACK after all): as they were before the first FIN took them -- 0, or a proven handshake's gap,
 * whose value counts no more (1: proven). */
static void fins_drop(struct flow *f)
{
    bool verified = flow_verified(f);
    for (int i = 0; i < 2; i++) {
        f->dir[i].fin_kept = f->dir[i].data_after_fin = false;
        f->dir[i].fin_ttl = 0;
    }
    f->seq_gap = verified ? 1 : 0;
    f->seq_gap_prev = 0;
}

/* Room for a FIN's sequence number in the handshake's bytes: FINs kept already; a flow not opened by a
 * SYN (handshake_note never reads them); a proven handshake (only its being proven counts); or one that
 * has read no SYN-ACK yet (the first to come takes them back).  Not while a handshake waits for proof,
 * nor after a SYN-ACK whose gap was 0 (1 in 2^32: as if not read). */
static bool fin_room(const struct flow *f)
{
    if (flow_fins_kept(f)) return true;
    if (f->first_flags & FLOW_UNPROVEN) return false;
    if (!(f->state & FS_OPENED_BY_SYN)) return true;
    return f->seq_gap != 0 || !(f->state & FS_SYNACK);
}

/* A FIN of side dir (not a SYN or RST): its sequence number kept when the side has none kept, the TCP
 * header is whole and there is room -- before the handshake's note, and after it when the FIN proved the
 * handshake.  Its payload's length is the segment's: not the first fragment of a longer one. */
static __attribute__((noinline)) void fin_keep(struct flow *f, int dir, const struct decoded *d, uint8_t ttl)
{
    struct flow_dir *fd = &f->dir[dir];
    if (fd->fin_kept || !d->tcp.hlen || !fin_room(f)) return;
    if (d->ip_version == 4 ? (d->ip4.flags & 1) : d->ip6.frag_more) return;   /* more fragments: its length unknown */
    if (!flow_fins_kept(f)) f->fin_seq[!dir] = 0;   /* the other side's bytes held the handshake's */
    f->fin_seq[dir] = d->tcp.seq + d->payload_len;
    fd->fin_kept = true;
    fd->fin_ttl = ttl;
}

struct flow *flow_count(struct flow_table *t, struct flow *f, const struct flow_key *k, const struct decoded *d,
                        uint64_t frame, double time)
{
    host_update(t, d, frame, k, !f || !f->dir[k->dir].packets);
    flow_advance(t, time);   /* done already when the engine advanced before its lookup: then nothing to do */
    if (f && !f->serial) f = NULL;   /* its idle flow ended now: the packet opens a new one */
    bool fresh = !f;
    double timeout_before = f ? timeout_of(f) : 0, last_before = f ? f->last_time : time;
    if (!f) {
        uint32_t r = take_record(t);
        if (!r) return NULL;
        f = &t->flows[r - 1];
        memset(f, 0, sizeof *f);   /* in no wheel slot */
        f->serial = ++t->serial;
        f->version = k->version;
        f->proto = k->proto;
        memcpy(f->addr, k->addr, sizeof k->addr);
        memcpy(f->port, k->port, sizeof k->port);
        f->initiator = (int8_t)k->dir;
        f->first_frame = frame;
        f->first_time = time;
        bool found;
        size_t slot = index_slot(t, k, &found);
        t->index[slot] = (uint64_t)k->hash << 32 | r;
        t->used++;
        t->total++;
    }
    struct flow_dir *fd = &f->dir[k->dir];
    uint8_t ttl = d->ip_version == 4 ? d->ip4.ttl : d->ip6.hlim;
    uint16_t id = d->ip_version == 4 ? d->ip4.id : 0;
    f->last_frame = frame;
    f->last_time = time;
    if (fd->packets == 0) { fd->ttl_first = ttl; fd->ipid_first = id; }
    else if (ttl != fd->ttl_last && f->ttl_changes[k->dir] < UINT16_MAX) f->ttl_changes[k->dir]++;
    fd->ttl_last = ttl;
    if (d->ip_version == 4) {   /* before ipid_last moves on: the step from the side's previous ID */
        if (fd->packets && (uint16_t)(id - fd->ipid_last) > FLOW_IPID_STEP) fd->ipid_jump = true;
        if (!(d->ip4.flags & 0x2)) fd->df_clear = true;
    }
    if (d->frag_cut == FRAG_CUT_HEADER) fd->cut_first = true;
    fd->ipid_last = id;
    f->last_offset[k->dir] = (float)(time - f->first_time);
    fd->packets++;
    uint8_t state_before = f->state;
    uint16_t flags_before = f->first_flags;
    bool first_data = false;   /* the initiator's first TCP payload */
    if ((d->layers & L_TCP) && d->tcp.fixed) {
        uint16_t fl = d->tcp.flags;
        if (__builtin_expect(fl & TCP_SYN, 0)) {
            if (flow_fins_kept(f)) fins_drop(f);   /* before its flags: flow_verified reads them */
            f->state |= fl & TCP_ACK ? FS_SYNACK : FS_SYN;
        }
        if (!(fl & (TCP_SYN | TCP_RST)) && (fl & TCP_ACK)) f->state |= FS_ACK;
        if (d->payload_len && !(fl & TCP_RST)) {
            f->state |= FS_DATA;
            if (!fd->data) { fd->data = true; first_data = k->dir == f->initiator; }
            /* data past its side's kept FIN: what the engine raised EV_DATA_AFTER_FIN for (nothing it reads
               changed since the engine read it: a SYN is no such segment) */
            if (__builtin_expect(fd->fin_kept, 0) && flow_data_after_fin(f, k->dir, d)) fd->data_after_fin = true;
        }
        if (fl & TCP_FIN) {
            f->state |= FS_FIN;
            fd->fin = true;
            if (!(fl & (TCP_SYN | TCP_RST))) fin_keep(f, k->dir, d, ttl);
        }
        if (fl & TCP_RST) f->state |= FS_RST;
        bool syn = (fl & (TCP_SYN | TCP_ACK | TCP_RST | TCP_FIN)) == TCP_SYN;
        if (fd->packets == 1 && f->dir[!k->dir].packets == 0) {   /* the flow's first packet */
            f->first_flags = (uint16_t)((fl & FLOW_FIRST_FLAGS) | FLOW_FIRST_TCP | (d->payload_len ? 0 : FLOW_FIRST_EMPTY));
            if (syn) f->state |= FS_OPENED_BY_SYN;
        }
        if (syn && k->dir == f->initiator && f->syns < UINT16_MAX) f->syns++;
        if (d->payload_len && !(fl & TCP_RST)) {   /* after first_flags is set: a SYN with data may be the first packet */
            if (!(fl & TCP_SYN)) f->first_flags &= (uint16_t)~FLOW_SYN_DATA_ONLY;
            else if (!(state_before & FS_DATA)) f->first_flags |= FLOW_SYN_DATA_ONLY;
        }
        /* a flow opened by a SYN (a capture begun mid-connection, or with the SYN-ACK, proves nothing and
           is judged as before); most segments: nothing to prove, and no SYN-ACK */
        if ((f->state & FS_OPENED_BY_SYN) &&
            ((f->first_flags & FLOW_UNPROVEN) || ((fl & (TCP_SYN | TCP_ACK)) == (TCP_SYN | TCP_ACK) && !(fl & TCP_RST)))) {
            handshake_note(f, d, k->dir == f->initiator);
            if ((fl & (TCP_FIN | TCP_SYN | TCP_RST)) == TCP_FIN) fin_keep(f, k->dir, d, ttl);   /* a FIN that proved it */
        }
    } else if (!(d->layers & L_TCP)) {
        f->state |= FS_DATA;
    }
    if (fresh) {
        if (f->proto == 17) pair_note(t, f, true);                               /* a UDP flow begins */
        else if (f->state & FS_OPENED_BY_SYN) pair_note(t, f, false);            /* a connection attempt */
    } else if ((f->state != state_before || f->first_flags != flags_before) && pair_established(f) &&
               ((state_before & (FS_SYNACK | FS_ACK)) != (FS_SYNACK | FS_ACK) || (flags_before & FLOW_UNPROVEN))) {
        pair_note(t, f, true);                                                   /* a connection established */
        served_add(t, f);
    }
    if (first_data && pair_established(f)) pair_client_data(t, f);               /* the client's request */
    /* new, closed (RST, FINs), answered DNS, or a late packet (a time stamp before the flow's last): its deadline comes
       sooner than its slot's second */
    if (fresh || timeout_of(f) < timeout_before || time < last_before) {
        uint32_t r = (uint32_t)(f - t->flows) + 1;
        wheel_unlink(t, r);
        wheel_link(t, r);
    }
    return f;
}

struct flow *flow_update(struct flow_table *t, const struct decoded *d, uint64_t frame, double time)
{
    struct flow_key k;
    if (!flow_key_of(d, &k)) return NULL;
    return flow_count(t, flow_lookup(t, &k), &k, d, frame, time);
}

struct flow *flow_find(const struct flow_table *t, const struct decoded *d, int *dir)
{
    struct flow_key k;
    if (!flow_key_of(d, &k)) return NULL;
    *dir = k.dir;
    return flow_lookup(t, &k);
}

void flow_advance(struct flow_table *t, double time)
{
    if (time > t->now) t->now = time;
    wheel_advance(t);
}

bool flow_expire_idle(struct flow_table *t, struct flow *f, double time)
{
    double now = time > t->now ? time : t->now;
    if (now - f->last_time <= timeout_of(f)) return false;
    flow_remove(t, (uint32_t)(f - t->flows) + 1);
    t->expired++;
    return true;
}

bool flow_maybe_forgotten(const struct flow_table *t, const struct decoded *d)
{
    struct flow_key k;
    if (!(t->expired || t->evicted || t->noted_removed) || !flow_key_of(d, &k)) return false;
    return bloom_has(t, k.hash);
}

bool flow_maybe_left_open(const struct flow_table *t, const struct flow_key *k)
{
    if (!t->open_used || k->proto != 6) return false;
    uint64_t key = flow_fingerprint(k->addr, k->port, k->version, k->proto);
    for (size_t i = bigtable_slot(key, OPEN_SLOTS - 1); t->open_slots[i].key; i = (i + 1) & (OPEN_SLOTS - 1))
        if (t->open_slots[i].key == key) return t->open_slots[i].until >= t->now;
    return false;
}

static int first_frame_cmp(const void *a, const void *b)
{
    const struct flow_due *x = a, *y = b;
    return x->first_frame < y->first_frame ? -1 : x->first_frame > y->first_frame;
}

/* Sorts a[0..n) by first_frame, stably (as glibc's merge sort in qsort would): an LSD radix sort,
 * 11 bits a pass over the bits the largest key has (two or three passes for most runs, where qsort's
 * calls through a comparator cost 600 instructions a flow); qsort when there is no memory. */
static void sort_by_first_frame(struct flow_due *a, size_t n)
{
    uint64_t max = 0;
    for (size_t i = 0; i < n; i++) if (a[i].first_frame > max) max = a[i].first_frame;
    struct flow_due *tmp = n > 1 ? malloc(n * sizeof *tmp) : NULL;
    if (!tmp) {
        if (n > 1) qsort(a, n, sizeof *a, first_frame_cmp);
        return;
    }
    struct flow_due *from = a, *to = tmp;
    for (unsigned shift = 0; shift < 64 && (max >> shift) != 0; shift += 11) {
        size_t count[2049] = {0};
        for (size_t i = 0; i < n; i++) count[(from[i].first_frame >> shift & 2047) + 1]++;
        for (size_t k = 1; k < 2049; k++) count[k] += count[k - 1];
        for (size_t i = 0; i < n; i++) to[count[from[i].first_frame >> shift & 2047]++] = from[i];
        struct flow_due *x = from;
        from = to;
        to = x;
    }
    if (from != a) memcpy(a, from, n * sizeof *a);
    free(tmp);
}

/* Sorts a[0..n) ascending, in place: quicksort on the median of three, insertion sort below 16,
 * heapsort past a depth of 2 log2 n (keys are distinct). */
static void sift_down(uint64_t *a, size_t i, size_t n)
{
    uint64_t x = a[i];
    for (size_t c; (c = 2 * i + 1) < n; i = c) {
        if (c + 1 < n && a[c + 1] > a[c]) c++;
        if (a[c] <= x) break;
        a[i] = a[c];
    }
    a[i] = x;
}

static void sort_u64(uint64_t *a, size_t n, unsigned depth)
{
    while (n > 16) {
        if (depth-- == 0) {   /* heapsort */
            for (size_t i = n / 2; i-- > 0;) sift_down(a, i, n);
            for (size_t m = n - 1; m > 0; m--) {
                uint64_t x = a[0]; a[0] = a[m]; a[m] = x;
                sift_down(a, 0, m);
            }
            return;
        }
        size_t mid = n / 2;
        uint64_t x;
        if (a[mid] < a[0]) { x = a[mid]; a[mid] = a[0]; a[0] = x; }
        if (a[n - 1] < a[0]) { x = a[n - 1]; a[n - 1] = a[0]; a[0] = x; }
        if (a[n - 1] < a[mid]) { x = a[n - 1]; a[n - 1] = a[mid]; a[mid] = x; }
        uint64_t pivot = a[mid];
        size_t i = 0, j = n - 1;
        for (;;) {   /* Hoare's partition: a[0..j] <= pivot <= a[j+1..n) */
            while (a[i] < pivot) i++;
            while (a[j] > pivot) j--;
            if (i >= j) break;
            x = a[i]; a[i] = a[j]; a[j] = x;
            i++;
            j--;
        }
        size_t left = j + 1;
        if (left < n - left) { sort_u64(a, left, depth); a += left; n -= left; }   /* the smaller part first */
        else { sort_u64(a + left, n - left, depth); n = left; }
    }
    for (size_t i = 1; i < n; i++) {
        uint64_t x = a[i];
        size_t j = i;
        for (; j > 0 && a[j - 1] > x; j--) a[j] = a[j - 1];
        a[j] = x;
    }
}

void flow_table_end_all(struct flow_table *t)
{
    /* every answer counted before the first on_end, so each flow_end sees them all */
    for (size_t i = 0; i < t->cap; i++) if (t->flows[i].serial) count_answered(t, &t->flows[i]);
    if (!t->on_end) return;
    /* in the order the flows began (not the table's), so the end of a run reads the same whatever
       the table's size or layout: by first frame, then record (as a stable sort of the table's
       order).  Each flow's first frame and record are packed in one word when they fit (8 bytes a
       flow, sorted in place: the end of a long run holds the most flows); the order is kept in the
       table until every on_end has returned (one may not: a script's error, Ctrl-C) */
    unsigned bits = 1;
    while (bits < 32 && ((size_t)1 << bits) < t->cap) bits++;
    uint64_t max = 0;
    for (size_t i = 0; i < t->cap; i++)
        if (t->flows[i].serial && t->flows[i].first_frame > max) max = t->flows[i].first_frame;
    free(t->ending);   /* an earlier end_all whose on_end did not return */
    t->ending = NULL;
    if ((max >> (63 - bits)) == 0 && t->used && (t->ending = malloc(t->used * sizeof *t->ending)) != NULL) {
        size_t n = 0;
        for (size_t i = 0; i < t->cap; i++)
            if (t->flows[i].serial) t->ending[n++] = t->flows[i].first_frame << bits | i;
        unsigned depth = 0;
        for (size_t m = n; m > 1; m >>= 1) depth += 2;
        sort_u64(t->ending, n, depth);
        uint64_t mask = ((uint64_t)1 << bits) - 1;
        for (size_t i = 0; i < n; i++) {
            uint32_t r = (uint32_t)(t->ending[i] & mask);
            t->on_end(t->on_end_ctx, &t->flows[r], r);
        }
        free(t->ending);
        t->ending = NULL;
        return;
    }
    if (!due_reserve(t, t->used)) {   /* no memory for the order: the table's */
        for (size_t i = 0; i < t->cap; i++)
            if (t->flows[i].serial) t->on_end(t->on_end_ctx, &t->flows[i], (uint32_t)i);
        return;
    }
    struct flow_due *all = t->due;
    size_t n = 0;
    for (size_t i = 0; i < t->cap; i++)
        if (t->flows[i].serial) all[n++] = (struct flow_due){0, t->flows[i].first_frame, (uint32_t)i};
    sort_by_first_frame(all, n);
    for (size_t i = 0; i < n; i++) t->on_end(t->on_end_ctx, &t->flows[all[i].record], all[i].record);
}

const struct flow *flow_at(const struct flow_table *t, uint32_t i, uint64_t serial)
{
    if (i >= t->cap || !serial || t->flows[i].serial != serial) return NULL;
    return &t->flows[i];
}

const struct host *host_find(const struct flow_table *t, int version, const uint8_t *addr)
{
    if (!t->hcap) return NULL;
    uint8_t a[16] = {0};
    memcpy(a, addr, version == 4 ? 4 : 16);
    uint32_t hh = host_hash(version, a);
    size_t mask = t->hcap - 1;
    for (size_t i = bigtable_slot(hh, mask);; i = (i + 1) & mask) {
        const struct host *x = &t->hosts[i];
        if (!x->used) return NULL;
        if (x->hash == hh && x->version == version && addr_equal(x->addr, a)) return x;
    }
}

static int host_order(const void *a, const void *b, void *table)
{
    const struct host *hosts = table, *x = &hosts[*(const uint32_t *)a], *y = &hosts[*(const uint32_t *)b];
    if (x->first_frame != y->first_frame) return x->first_frame < y->first_frame ? -1 : 1;
    if (x->version != y->version) return x->version < y->version ? -1 : 1;
    return memcmp(x->addr, y->addr, sizeof x->addr);
}

void flow_hosts_in_order(const struct flow_table *t, uint32_t *slots)
{
    size_t k = 0;
    for (size_t i = 0; i < t->hcap; i++) if (t->hosts[i].used) slots[k++] = (uint32_t)i;
    flow_hosts_sort(t, slots, k);
}

void flow_hosts_sort(const struct flow_table *t, uint32_t *slots, size_t n)
{
    qsort_r(slots, n, sizeof *slots, host_order, t->hosts);
}

double host_destinations(const struct host *h)
{
    int zero = 256;
    for (int i = 0; i < 4; i++) zero -= __builtin_popcountll(h->dst_bits[i]);
    if (zero == 0) zero = 1;
    return -256.0 * log((double)zero / 256.0);
}
