/* Conversation index (see stream.h): packed entries under an open-addressing index of small
 * slots.  A replaced conversation (port reuse) takes over its entry, as Wireshark's lookup then
 * finds only the newer.  No allocation but growth. */
#include "stream.h"
#include "app.h"
#include "bigtable.h"

#include <stdlib.h>
#include <string.h>

#define STREAM_MEMORY_DEFAULT ((size_t)64 << 20)
#define SLOT_TAG 0xff000000u    /* a slot: the key hash's top byte, then the entry's position + 1 in 24 bits */
#define SLOT_POS 0x00ffffffu

void stream_table_init(struct stream_table *t, size_t memory)
{
    memset(t, 0, sizeof *t);
    if (!memory) memory = STREAM_MEMORY_DEFAULT;
    /* an entry, and its share of an index at most half full that may just have doubled */
    t->max = memory / (sizeof(struct stream_entry) + 4 * sizeof(uint32_t));
    if (t->max < 1024) t->max = 1024;
    if (t->max > SLOT_POS - 1) t->max = SLOT_POS - 1;   /* a slot holds the position in 24 bits */
}

void stream_table_free(struct stream_table *t)
{
    bigtable_free(t->slots, t->cap * sizeof *t->slots);
    free(t->entries);
    free(t->quic);
    t->slots = NULL;
    t->entries = NULL;
    t->quic = NULL;
    t->cap = t->used = t->ecap = 0;
    t->quic_cap = t->quic_used = 0;
}

static size_t quic_slot(const struct stream_table *t, int64_t index)
{
    size_t mask = t->quic_cap - 1, j = bigtable_slot((uint64_t)index, mask);
    while (t->quic[j].index && t->quic[j].index != index + 1) j = (j + 1) & mask;
    return j;
}

static struct stream_quic *quic_find(const struct stream_table *t, int64_t index)
{
    if (!t->quic_cap) return NULL;
    struct stream_quic *q = &t->quic[quic_slot(t, index)];
    return q->index ? q : NULL;
}

/* A new entry for conversation index (not in the table), or NULL when memory fails. */
static struct stream_quic *quic_add(struct stream_table *t, int64_t index)
{
    if (t->quic_used + 1 > t->quic_cap / 2) {
        size_t cap = t->quic_cap ? t->quic_cap * 2 : 64;
        struct stream_quic *n = calloc(cap, sizeof *n), *old = t->quic;
        if (!n) return NULL;
        size_t ocap = t->quic_cap;
        t->quic = n;
        t->quic_cap = cap;
        for (size_t i = 0; i < ocap; i++)
            if (old[i].index) t->quic[quic_slot(t, old[i].index - 1)] = old[i];
        free(old);
    }
    struct stream_quic *q = &t->quic[quic_slot(t, index)];
    q->index = index + 1;
    t->quic_used++;
    return q;
}

/* A UDP payload p[0, len) sent by side `side` of conversation c: the DCID of a client Initial
 * kept, a server's Retry noted (RFC 9000 17.2.5: the client's next Initial has a new DCID). */
static void quic_note(struct stream_table *t, struct conversation *c, int side, uint64_t frame, const uint8_t *p, size_t len)
{
    if (len < 7 || (p[0] & 0xc0) != 0xc0) return;
    uint32_t v = (uint32_t)p[1] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 8 | p[4];
    if (!quic_version_known(v) || p[5] > 20 || (size_t)p[5] > len - 6) return;
    int type = quic_long_type(v, p[0]);
    struct stream_quic *q = c->quic ? quic_find(t, c->index) : NULL;
    if (type == 3) {
        if (q && side != q->client) q->retry = true;
        return;
    }
    if (type != 0 || (q && !(q->retry && side == q->client))) return;
    if (!q && !(q = quic_add(t, c->index))) return;
    q->frame = frame;
    q->len = p[5];
    q->client = (uint8_t)side;
    q->retry = false;
    memcpy(q->dcid, p + 6, p[5]);
    c->quic = true;
}

bool stream_quic_dcid(const struct stream_table *t, int64_t index, uint64_t frame, uint8_t dcid[20], size_t *len)
{
    const struct stream_quic *q = index >= 0 ? quic_find(t, index) : NULL;
    if (!q || q->frame > frame) return false;
    memcpy(dcid, q->dcid, q->len);
    *len = q->len;
    return true;
}

/* Symmetric: both directions of a pair hash alike (the endpoints' hashes are added). */
static uint64_t hash_key(const uint8_t a[2][16], const uint16_t p[2], uint8_t version, uint8_t proto)
{
    uint64_t w[4];
    memcpy(w, a, sizeof w);
    uint64_t e0 = bigtable_mix(w[0] * 0x9e3779b97f4a7c15ull ^ w[1] ^ p[0]);
    uint64_t e1 = bigtable_mix(w[2] * 0x9e3779b97f4a7c15ull ^ w[3] ^ p[1]);
    return bigtable_mix((e0 + e1 + ((uint64_t)version << 8 | proto)) ^ bigtable_seed);   /* places, never names (bigtable.h) */
}

/* The sender's side in e (0 or 1), or -1 when e is another pair. */
static int side_of(const struct stream_entry *e, const uint8_t a[2][16], const uint16_t p[2], uint8_t version, uint8_t proto)
{
    if (e->version != version || e->proto != proto) return -1;
    if (e->port[0] == p[0] && e->port[1] == p[1] && !memcmp(e->addr[0], a[0], 16) && !memcmp(e->addr[1], a[1], 16)) return 0;
    if (e->port[0] == p[1] && e->port[1] == p[0] && !memcmp(e->addr[0], a[1], 16) && !memcmp(e->addr[1], a[0], 16)) return 1;
    return -1;
}

static inline uint32_t slot_of(uint64_t h, size_t entry) { return (uint32_t)(h >> 56) << 24 | (uint32_t)(entry + 1); }

/* Room for one more entry: the index doubled at half full, the entries' array doubled when full. */
static bool make_room(struct stream_table *t)
{
    if (t->used >= t->max) return false;
    if (t->used + 1 > t->cap / 2) {
        size_t cap = t->cap ? t->cap * 2 : 1024;
        uint32_t *n = bigtable_alloc(cap * sizeof *n);
        if (!n) return false;
        for (size_t i = 0; i < t->used; i++) {
            const struct stream_entry *e = &t->entries[i];
            uint64_t h = hash_key(e->addr, e->port, e->version, e->proto);
            size_t j = h & (cap - 1);
            while (n[j]) j = (j + 1) & (cap - 1);
            n[j] = slot_of(h, i);
        }
        bigtable_free(t->slots, t->cap * sizeof *t->slots);
        t->slots = n;
        t->cap = cap;
    }
    if (t->used == t->ecap) {
        size_t ecap = t->ecap ? t->ecap * 2 : 512;
        if (ecap > t->max) ecap = t->max;
        struct stream_entry *n = realloc(t->entries, ecap * sizeof *n);
        if (!n) return false;
        t->entries = n;
        t->ecap = ecap;
    }
    return true;
}

static const struct conversation *update(struct stream_table *t, const struct decoded *d, const uint8_t *b,
                                         uint64_t frame, double time, bool count);

const struct conversation *stream_update(struct stream_table *t, const struct decoded *d, const uint8_t *b,
                                         uint64_t frame, double time)
{
    if ((d->layers & (L_ICMP | L_ICMPV6)) && d->icmp.has_inner) {
        struct decoded inner;
        decode_icmp_inner(d, b, &inner, NULL);
        const struct conversation *c = update(t, &inner, NULL, frame, time, false);
        if (!c) return NULL;
        t->quote = *c;
        t->quote.quoted = true;
        return &t->quote;
    }
    return update(t, d, b, frame, time, true);
}

static const struct conversation *update(struct stream_table *t, const struct decoded *d, const uint8_t *b,
                                         uint64_t frame, double time, bool count)
{
    uint8_t a[2][16] = {{0}};
    uint16_t p[2];
    uint8_t proto;
    if (d->fragment) return NULL;
    if ((d->layers & L_TCP) && d->tcp.fixed) { proto = 6; p[0] = d->tcp.sport; p[1] = d->tcp.dport; }
    else if (d->layers & L_UDP) { proto = 17; p[0] = d->udp.sport; p[1] = d->udp.dport; }
    else return NULL;
    uint8_t version = d->ip_version;
    if (version == 4) { memcpy(a[0], d->ip4.src, 4); memcpy(a[1], d->ip4.dst, 4); }
    else if (version == 6) { memcpy(a[0], d->ip6.src, 16); memcpy(a[1], d->ip6.dst, 16); }
    else return NULL;
    uint64_t h = hash_key(a, p, version, proto);
    uint32_t tag = (uint32_t)(h >> 56) << 24;
    struct stream_entry *e = NULL;
    int side = -1;
    size_t j = 0;
    if (t->cap) {
        size_t mask = t->cap - 1;
        for (j = h & mask; t->slots[j]; j = (j + 1) & mask) {
            if ((t->slots[j] & SLOT_TAG) != tag) continue;
            e = &t->entries[(t->slots[j] & SLOT_POS) - 1];
            if ((side = side_of(e, a, p, version, proto)) >= 0) break;
            e = NULL;
        }
    }
    bool fresh = side < 0;
    if (!fresh && proto == 6 && count) {
        uint16_t fl = d->tcp.flags;
        if ((fl & (TCP_SYN | TCP_ACK)) == TCP_SYN && (e->base_set & (1u << side)) && d->tcp.seq != e->base_seq[side])
            fresh = true;                                 /* the ports were reused */
    }
    if (fresh) {
        if (!e) {
            if (!make_room(t)) { t->dropped++; return NULL; }   /* at the bound: no number */
            size_t mask = t->cap - 1;
            for (j = h & mask; t->slots[j]; j = (j + 1) & mask) {}   /* the index may have grown */
            t->slots[j] = slot_of(h, t->used);
            e = &t->entries[t->used++];
        }
        memset(e, 0, sizeof *e);
        memcpy(e->addr, a, sizeof a);
        e->port[0] = p[0];
        e->port[1] = p[1];
        e->version = version;
        e->proto = proto;
        e->c.index = t->next[proto == 17]++;
        e->c.proto = proto;
        e->c.first_frame = frame;
        e->c.first_time = time;
        side = 0;
    }
    struct conversation *c = &e->c;
    c->dir = (int8_t)side;
    if (!count) return c;
    c->packets[side]++;
    c->bytes[side] += d->payload_len;
    c->last_time = time;
    if (proto == 17 && b && d->payload_caplen) quic_note(t, c, side, frame, b + d->payload_off, d->payload_caplen);
    if (proto == 6) {
        c->flags[side] |= d->tcp.flags;
        if (!(e->base_set & (1u << side))) {
            e->base_set |= (uint8_t)(1u << side);
            e->base_seq[side] = (d->tcp.flags & TCP_SYN) ? d->tcp.seq : d->tcp.seq - 1;
        }
    }
    return c;
}
