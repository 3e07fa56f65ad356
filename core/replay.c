/* Records of a split hunt run (see replay.h): written by each part, read back and merged in the
 * sequential run's order.  Every record is a kind byte, a 32-bit length and a payload of
 * little-endian fields; a state file is read as hostile input, every length checked. */
#include "replay.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char MAGIC[14] = "PCAPHUNT-STATE";

/* ---- encoding ---- */

static bool out_room(struct replay_writer *w, size_t need)
{
    if (w->err) return false;
    if (w->n + need <= w->cap) return true;
    if (!w->in_record && w->n && !replay_flush(w)) return false;   /* inside a record its length is still to be written */
    if (w->n + need <= w->cap) return true;
    size_t cap = w->cap ? w->cap : 1 << 16;
    while (cap < w->n + need) cap *= 2;
    uint8_t *b = realloc(w->buf, cap);
    if (!b) { w->err = -1; return false; }
    w->buf = b;
    w->cap = cap;
    return true;
}

static void put(struct replay_writer *w, const void *p, size_t n)
{
    if (!out_room(w, n)) return;
    memcpy(w->buf + w->n, p, n);
    w->n += n;
}
static void put_u8(struct replay_writer *w, uint8_t v) { put(w, &v, 1); }
static void put_u16(struct replay_writer *w, uint16_t v) { uint8_t b[2] = {(uint8_t)v, (uint8_t)(v >> 8)}; put(w, b, 2); }
static void put_u32(struct replay_writer *w, uint32_t v)
{
    uint8_t b[4];
    for (int i = 0; i < 4; i++) b[i] = (uint8_t)(v >> 8 * i);
    put(w, b, 4);
}
static void put_u64(struct replay_writer *w, uint64_t v)
{
    uint8_t b[8];
    for (int i = 0; i < 8; i++) b[i] = (uint8_t)(v >> 8 * i);
    put(w, b, 8);
}
static void put_f64(struct replay_writer *w, double d) { uint64_t v; memcpy(&v, &d, 8); put_u64(w, v); }
static void put_str(struct replay_writer *w, const char *s) { size_t n = strlen(s); put_u32(w, (uint32_t)n); put(w, s, n); }

/* A record: kind and a length filled in by end_record. */
static size_t begin_record(struct replay_writer *w, uint8_t kind, size_t size_hint)
{
    out_room(w, 5 + size_hint);
    put_u8(w, kind);
    size_t at = w->n;
    put_u32(w, 0);
    w->in_record = true;
    return at;
}
static void end_record(struct replay_writer *w, size_t at)
{
    w->in_record = false;
    if (w->err || at + 4 > w->n) return;
    uint32_t len = (uint32_t)(w->n - at - 4);
    for (int i = 0; i < 4; i++) w->buf[at + i] = (uint8_t)(len >> 8 * i);
}

static void put_flow(struct replay_writer *w, const struct flow *f)
{
    put_u64(w, f->serial);
    put_u32(w, f->source);
    put_u8(w, f->version);
    put_u8(w, f->proto);
    put_u8(w, f->state);
    put_u8(w, (uint8_t)f->initiator);
    put(w, f->addr, sizeof f->addr);
    put_u16(w, f->port[0]);
    put_u16(w, f->port[1]);
    put_u64(w, f->first_frame);
    put_u64(w, f->last_frame);
    put_f64(w, f->first_time);
    put_f64(w, f->last_time);
    for (int i = 0; i < 2; i++) {
        const struct flow_dir *d = &f->dir[i];
        put_u64(w, d->packets);
        put_u32(w, f->ttl_changes[i]);
        put_u16(w, d->ipid_first);
        put_u16(w, d->ipid_last);
        put_u8(w, d->ttl_first);
        put_u8(w, d->ttl_last);
        put_u8(w, d->fin);
    }
    put_u64(w, f->first_number);
    put_u32(w, f->first_frac);
    put_u16(w, f->first_flags);
    put_u16(w, f->syns);
    for (int i = 0; i < 2; i++) { uint32_t v; memcpy(&v, &f->last_offset[i], 4); put_u32(w, v); }
    put_u32(w, flow_seq_gap(f));
    for (int i = 0; i < 2; i++) {   /* since version 4: each side's kept FIN (EV_DATA_AFTER_FIN, f.fin_seq) */
        const struct flow_dir *d = &f->dir[i];
        put_u8(w, (uint8_t)(d->fin_kept | d->data_after_fin << 1));
        put_u8(w, d->fin_kept ? d->fin_ttl : 0);
        put_u32(w, d->fin_kept ? f->fin_seq[i] : 0);
    }
    for (int i = 0; i < 2; i++)   /* since version 5: DF clear seen (f.df_always), an ID step past a counter's (f.ipid_counting);
                                     since version 6: a first fragment that cut its transport header (f.cut_fragment) */
        put_u8(w, (uint8_t)(f->dir[i].df_clear | f->dir[i].ipid_jump << 1 | f->dir[i].cut_first << 2));
}

static void put_calls(struct replay_writer *w, const struct replay_call *calls, int n)
{
    put_u8(w, (uint8_t)n);
    for (int i = 0; i < n; i++) { put_u8(w, calls[i].consumer); put_u8(w, calls[i].events); }
}

static void put_host(struct replay_writer *w, const struct host *h)
{
    put_u8(w, h->version);
    put(w, h->addr, 16);
    put_u16(w, h->ipid_last);
    put_u64(w, h->packets);
    put_u64(w, h->last_frame);
    put_u64(w, h->first_frame);
    put(w, h->ttl_value, HOST_TTL_SLOTS);
    for (int i = 0; i < HOST_TTL_SLOTS; i++) put_u32(w, h->ttl_count[i]);
    put_u32(w, h->ttl_other);
    put_u64(w, h->ipid_zero);
    put_u64(w, h->ipid_changes);
    put_u64(w, h->ipv4_packets);
    for (int i = 0; i < 4; i++) put_u64(w, h->dst_bits[i]);
}

/* ---- writing ---- */

void replay_writer_init(struct replay_writer *w, int fd, const char *name, const struct engine *e)
{
    memset(w, 0, sizeof *w);
    w->fd = fd;
    w->name = name;
    w->e = e;
}

bool replay_flush(struct replay_writer *w)
{
    size_t off = 0;
    while (!w->err && off < w->n) {
        ssize_t k = write(w->fd, w->buf + off, w->n - off);
        if (k < 0 && errno == EINTR) continue;
        if (k <= 0) { w->err = k < 0 ? errno : EIO; break; }
        off += (size_t)k;
    }
    w->n = 0;
    return !w->err;
}

bool replay_write_header(struct replay_writer *w, const struct replay_header *h)
{
    size_t at = begin_record(w, R_HEADER, 256);
    put(w, MAGIC, sizeof MAGIC);
    put_u32(w, REPLAY_VERSION);
    put_str(w, h->producer);
    put_u32(w, h->part);
    put_u32(w, h->parts);
    put_str(w, h->run);
    put_u32(w, h->ncaptures);
    for (uint32_t i = 0; i < h->ncaptures; i++) put_str(w, h->captures[i]);
    put_u32(w, h->nhunts);
    for (uint32_t i = 0; i < h->nhunts; i++) put_str(w, h->hunts[i]);
    for (uint32_t i = 0; i < h->nhunts; i++) put_str(w, h->hunt_code[i]);
    put_u32(w, h->nsets);
    for (uint32_t i = 0; i < h->nsets; i++) put_str(w, h->sets[i]);
    put_u32(w, h->nresets);
    for (uint32_t i = 0; i < h->nresets * 4; i++) put_str(w, h->resets[i]);
    put_u32(w, h->nunopened);
    for (uint32_t i = 0; i < h->nunopened; i++) put_str(w, h->unopened[i]);
    end_record(w, at);
    return replay_flush(w);
}

static void write_packet(struct replay_writer *w)
{
    const struct frame *f = w->pp_frame;
    size_t at = begin_record(w, R_PACKET, 128 + f->hdr.caplen);
    put_u64(w, w->pp_ordinal);
    put_u32(w, (uint32_t)w->pp_source);
    put_u64(w, f->number);
    put_u64(w, (uint64_t)f->hdr.ts.tv_sec);
    put_u32(w, (uint32_t)f->hdr.ts.tv_usec);
    put_u8(w, f->nano);
    put_u32(w, (uint32_t)f->linktype);
    put_u32(w, f->hdr.len);
    put_u32(w, f->hdr.caplen);
    put(w, f->bytes, f->hdr.caplen);
    put_u8(w, (uint8_t)(w->pp_has_flow ? 1 : 0) | (uint8_t)(w->pp_dir ? 4 : 0) | (uint8_t)(w->pp_has_conv ? 8 : 0));
    if (w->pp_has_flow) put_flow(w, &w->pp_flow);
    if (w->pp_has_conv) {
        const struct conversation *c = &w->pp_conv;
        put_u64(w, (uint64_t)c->index);
        put_u8(w, c->proto);
        put_u8(w, (uint8_t)c->dir);
        put_u8(w, (uint8_t)(c->quoted | c->quic << 1));
        for (int i = 0; i < 2; i++) { put_u16(w, c->flags[i]); put_u64(w, c->packets[i]); put_u64(w, c->bytes[i]); }
        put_u64(w, c->first_frame);
        put_f64(w, c->first_time);
        put_f64(w, c->last_time);
        put_u8(w, (uint8_t)w->pp_dcid_len);
        put(w, w->pp_dcid, w->pp_dcid_len);
    }
    put_calls(w, w->calls, w->ncalls);
    end_record(w, at);
    w->pp = false;
    w->ncalls = 0;
}

static void write_flow_end(struct replay_writer *w)
{
    size_t at = begin_record(w, R_FLOW_END, 256);
    put_u64(w, w->pf_ordinal);
    put_u8(w, w->pf_phase);
    put_f64(w, w->pf_deadline);
    put_u64(w, w->pf_frame);
    put_flow(w, &w->pf_flow);
    put_calls(w, w->fcalls, w->nfcalls);
    end_record(w, at);
    w->pf = false;
    w->nfcalls = 0;
}

static void write_pending(struct replay_writer *w)
{
    if (w->pp) write_packet(w);
    if (w->pf) write_flow_end(w);
}

void replay_record_packet(void *ctx, const struct engine_packet *p, unsigned events)
{
    struct replay_slot *s = ctx;
    struct replay_writer *w = s->w;
    if (w->pf) write_flow_end(w);
    if (!w->pp || w->pp_ordinal != w->e->packets) {   /* the first callback of this frame */
        if (w->pp) write_packet(w);
        w->pp = true;
        w->pp_ordinal = w->e->packets;
        w->pp_frame = p->frame;
        w->pp_source = p->source;
        w->pp_dir = p->dir;
        w->pp_has_flow = p->flow != NULL;
        w->pp_has_conv = p->conversation != NULL;
        if (p->flow) w->pp_flow = *p->flow;
        w->pp_dcid_len = 0;
        if (p->conversation) {
            w->pp_conv = *p->conversation;
            if (w->pp_conv.quic && !stream_quic_dcid(w->e->streams, w->pp_conv.index, UINT64_MAX, w->pp_dcid, &w->pp_dcid_len))
                w->pp_dcid_len = 0;
        }
    }
    if (w->ncalls < REPLAY_MAX_CALLS) w->calls[w->ncalls++] = (struct replay_call){s->consumer, (uint8_t)events};
}

void replay_record_flow_end(void *ctx, const struct flow *f, uint32_t index, unsigned events)
{
    struct replay_slot *s = ctx;
    struct replay_writer *w = s->w;
    (void)index;
    if (w->pp) write_packet(w);
    if (w->pf && w->pf_flow.serial != f->serial) write_flow_end(w);   /* serials are unique in a table's life */
    if (!w->pf) {
        const struct engine *e = w->e;
        w->pf = true;
        w->pf_flow = *f;
        w->pf_ordinal = e->finishing ? REPLAY_END_ORDINAL : e->packets;
        w->pf_phase = !e->finishing && e->after_callbacks ? PH_AFTER : PH_EXPIRE;
        w->pf_deadline = e->finishing ? 0 : flow_deadline(f);
        w->pf_frame = e->finishing ? 0 : e->frame.number;
    }
    if (w->nfcalls < REPLAY_MAX_CALLS) w->fcalls[w->nfcalls++] = (struct replay_call){s->consumer, (uint8_t)events};
}

void replay_record_quoted(void *ctx, const struct flow_key *k, const struct flow *f)
{
    struct replay_writer *w = ctx;
    write_pending(w);
    size_t at = begin_record(w, R_QUOTED, 256);
    put_u64(w, w->e->packets);
    put_u8(w, k->version);
    put_u8(w, k->proto);
    put(w, k->addr, sizeof k->addr);
    put_u16(w, k->port[0]);
    put_u16(w, k->port[1]);
    put_u8(w, (uint8_t)k->dir);
    put_u8(w, f ? 1 : 0);
    if (f) put_flow(w, f);
    end_record(w, at);
}

void replay_write_warning(struct replay_writer *w, const char *msg)
{
    write_pending(w);
    size_t at = begin_record(w, R_WARNING, 16 + strlen(msg));
    put_str(w, msg);
    end_record(w, at);
}

void replay_record_removed(void *ctx, const struct flow *f)
{
    struct replay_writer *w = ctx;
    write_pending(w);   /* its flow_end, when a hunt asked for it, comes first */
    const struct engine *e = w->e;
    size_t at = begin_record(w, R_REMOVED, 32);
    put_u64(w, e->packets);
    put_u8(w, e->after_callbacks ? PH_AFTER : PH_EXPIRE);
    put_f64(w, flow_deadline(f));
    put_u64(w, f->first_frame);
    put_u32(w, flow_record_hash(f));
    end_record(w, at);
}

#define MARK_EVERY 4096

void replay_after_frame(struct replay_writer *w)
{
    write_pending(w);
    const struct frame *f = &w->e->frame;
    uint64_t x = w->fingerprint ^ ((uint64_t)f->hdr.ts.tv_sec << 20 ^ (uint64_t)f->hdr.ts.tv_usec ^ (uint64_t)f->hdr.caplen << 40 ^ f->hdr.len);
    w->fingerprint = (x ^ x >> 29) * 0xbf58476d1ce4e5b9ull;
    uint64_t n = w->e->packets;
    if (n - w->marked >= MARK_EVERY) {
        size_t at = begin_record(w, R_MARK, 8);
        put_u64(w, n);
        end_record(w, at);
        w->marked = n;
        replay_flush(w);   /* the merge may be waiting for this part to pass a frame */
    }
}

bool replay_write_end(struct replay_writer *w, const struct flow_table *t, uint64_t packets, bool damaged,
                      bool interrupted, uint64_t filter_inner)
{
    size_t nh = t->hused;
    uint32_t *order = nh ? malloc(nh * sizeof *order) : NULL;
    if (nh && !order) return false;
    if (nh) flow_hosts_in_order(t, order);   /* the order the part met them: the same bytes in every run */
    write_pending(w);
    size_t at = begin_record(w, R_END, 128);
    put_u64(w, packets);
    put_u8(w, (uint8_t)(damaged | interrupted << 1));
    put_u64(w, w->fingerprint);
    put_u64(w, t->expired);
    put_u64(w, t->evicted);
    put_u64(w, t->hosts_evicted);
    put_u64(w, t->total);
    put_u64(w, nh);
    uint64_t cells = 0;
    for (int r = 0; r < UDP_ANSWERED_ROWS; r++)
        for (int c = 0; c < UDP_ANSWERED_COLS; c++) cells += t->udp_answered[r][c] != 0;
    put_u64(w, cells);
    put_u64(w, filter_inner);   /* after the fields of format 1, which a reader of it passes over */
    put_u64(w, t->pairs_dropped);   /* since session 15 */
    uint64_t words = 0;
    for (size_t i = 0; i < FLOW_SERVED_WORDS; i++) words += t->served_bits[i] != 0;
    put_u64(w, words);   /* since trial fp6 */
    end_record(w, at);
    for (size_t i = 0; i < FLOW_SERVED_WORDS; i++) {   /* the established connections' filter, before the hosts */
        if (!t->served_bits[i]) continue;
        size_t e = begin_record(w, 's', 12);
        put_u32(w, (uint32_t)i);
        put_u64(w, t->served_bits[i]);
        end_record(w, e);
    }
    for (size_t i = 0; order && i < nh; i++) {
        size_t h = begin_record(w, 'h', 160);
        put_host(w, &t->hosts[order[i]]);
        end_record(w, h);
    }
    free(order);
    for (int r = 0; r < UDP_ANSWERED_ROWS; r++)
        for (int c = 0; c < UDP_ANSWERED_COLS; c++) {
            if (!t->udp_answered[r][c]) continue;
            size_t u = begin_record(w, 'u', 8);
            put_u32(w, (uint32_t)(r * UDP_ANSWERED_COLS + c));
            put_u32(w, t->udp_answered[r][c]);
            end_record(w, u);
        }
    return replay_flush(w);
}

void replay_writer_free(struct replay_writer *w)
{
    free(w->buf);
    w->buf = NULL;
    w->n = w->cap = 0;
}

/* ---- reading ---- */

struct in { const uint8_t *p; size_t n, off; bool bad; };

static const uint8_t *take(struct in *r, size_t n)
{
    if (r->bad || n > r->n - r->off) { r->bad = true; return NULL; }
    const uint8_t *p = r->p + r->off;
    r->off += n;
    return p;
}
static uint8_t get_u8(struct in *r) { const uint8_t *p = take(r, 1); return p ? p[0] : 0; }
static uint16_t get_u16(struct in *r) { const uint8_t *p = take(r, 2); return p ? (uint16_t)(p[0] | p[1] << 8) : 0; }
static uint32_t get_u32(struct in *r)
{
    const uint8_t *p = take(r, 4);
    uint32_t v = 0;
    for (int i = 0; p && i < 4; i++) v |= (uint32_t)p[i] << 8 * i;
    return v;
}
static uint64_t get_u64(struct in *r)
{
    const uint8_t *p = take(r, 8);
    uint64_t v = 0;
    for (int i = 0; p && i < 8; i++) v |= (uint64_t)p[i] << 8 * i;
    return v;
}
static double get_f64(struct in *r) { uint64_t v = get_u64(r); double d; memcpy(&d, &v, 8); return d; }
static void get_bytes(struct in *r, void *to, size_t n) { const uint8_t *p = take(r, n); if (p) memcpy(to, p, n); else memset(to, 0, n); }
static char *get_str(struct in *r)
{
    uint32_t n = get_u32(r);
    const uint8_t *p = take(r, n);
    if (!p) return NULL;
    char *s = malloc((size_t)n + 1);
    if (!s) { r->bad = true; return NULL; }
    memcpy(s, p, n);
    s[n] = 0;
    if (strlen(s) != n) { free(s); r->bad = true; return NULL; }   /* a NUL inside a name */
    return s;
}

static void get_flow(struct in *r, struct flow *f, uint32_t version)
{
    memset(f, 0, sizeof *f);
    f->serial = get_u64(r);
    f->source = get_u32(r);
    f->version = get_u8(r);
    f->proto = get_u8(r);
    f->state = get_u8(r);
    f->initiator = (int8_t)get_u8(r);
    get_bytes(r, f->addr, sizeof f->addr);
    f->port[0] = get_u16(r);
    f->port[1] = get_u16(r);
    f->first_frame = get_u64(r);
    f->last_frame = get_u64(r);
    f->first_time = get_f64(r);
    f->last_time = get_f64(r);
    for (int i = 0; i < 2; i++) {
        struct flow_dir *d = &f->dir[i];
        d->packets = get_u64(r);
        uint32_t changes = get_u32(r);
        f->ttl_changes[i] = changes < UINT16_MAX ? (uint16_t)changes : UINT16_MAX;
        d->ipid_first = get_u16(r);
        d->ipid_last = get_u16(r);
        d->ttl_first = get_u8(r);
        d->ttl_last = get_u8(r);
        d->fin = get_u8(r) != 0;
    }
    f->first_number = get_u64(r);
    f->first_frac = get_u32(r);
    f->first_flags = get_u16(r);
    f->syns = get_u16(r);
    for (int i = 0; i < 2; i++) {   /* since version 2; a version 1 state: each side's latest taken for the flow's */
        if (version >= 2) { uint32_t v = get_u32(r); memcpy(&f->last_offset[i], &v, 4); }
        else f->last_offset[i] = (float)(f->last_time - f->first_time);
    }
    if (version >= 3) f->seq_gap = get_u32(r);   /* before: none (no flow waited for proof, FLOW_UNPROVEN) */
    if (version >= 4) {   /* before: no FIN kept */
        uint8_t bits[2], ttl[2];
        uint32_t seq[2];
        for (int i = 0; i < 2; i++) { bits[i] = get_u8(r); ttl[i] = get_u8(r); seq[i] = get_u32(r); }
        if ((bits[0] | bits[1]) & ~3u || ((bits[0] | bits[1]) && (f->proto != 6 || f->seq_gap > 1)) ||
            (bits[0] & 2 && !(bits[0] & 1)) || (bits[1] & 2 && !(bits[1] & 1)))
            r->bad = true;   /* kept FINs take the handshake's bytes: only a TCP flow's, whose gap is 0 or 1 */
        else if (bits[0] | bits[1]) {
            bool verified = f->seq_gap != 0;   /* as flow_seq_gap saved it: kept FINs say it by the state */
            for (int i = 0; i < 2; i++) {
                f->dir[i].fin_kept = bits[i] & 1;
                f->dir[i].data_after_fin = bits[i] >> 1 & 1;
                f->dir[i].fin_ttl = ttl[i];
                f->fin_seq[i] = seq[i];
            }
            if (verified != flow_verified(f) || (f->first_flags & FLOW_UNPROVEN)) r->bad = true;
        }
    }
    if (version >= 5) {   /* before: unknown, taken as every packet DF set, IDs counting (only rst-origin reads them) */
        for (int i = 0; i < 2; i++) {
            uint8_t b = get_u8(r);
            if (b > (version >= 6 ? 7 : 3) || ((b & 3) && f->version != 4)) r->bad = true;
            f->dir[i].df_clear = b & 1;
            f->dir[i].ipid_jump = b >> 1 & 1;
            f->dir[i].cut_first = b >> 2 & 1;   /* version 5: 0, none known */
        }
    }
    if ((f->version != 4 && f->version != 6) || f->initiator < 0 || f->initiator > 1) r->bad = true;
}

static void get_host(struct in *r, struct host *h)
{
    memset(h, 0, sizeof *h);
    h->used = 1;
    h->version = get_u8(r);
    get_bytes(r, h->addr, 16);
    h->ipid_last = get_u16(r);
    h->packets = get_u64(r);
    h->last_frame = get_u64(r);
    h->first_frame = get_u64(r);
    get_bytes(r, h->ttl_value, HOST_TTL_SLOTS);
    for (int i = 0; i < HOST_TTL_SLOTS; i++) h->ttl_count[i] = get_u32(r);
    h->ttl_other = get_u32(r);
    h->ipid_zero = get_u64(r);
    h->ipid_changes = get_u64(r);
    h->ipv4_packets = get_u64(r);
    for (int i = 0; i < 4; i++) h->dst_bits[i] = get_u64(r);
    if (h->version != 4 && h->version != 6) r->bad = true;
    for (int i = 4; h->version == 4 && i < 16; i++) if (h->addr[i]) r->bad = true;   /* an IPv4 address is 4 bytes */
}

/* A record's calls: a count (at most REPLAY_MAX_CALLS, checked before any is stored), then the calls. */
static void get_calls(struct in *r, struct replay_record *x)
{
    x->ncalls = get_u8(r);
    if (x->ncalls > REPLAY_MAX_CALLS) { x->ncalls = 0; r->bad = true; }
    for (int i = 0; i < x->ncalls && !r->bad; i++) { x->calls[i].consumer = get_u8(r); x->calls[i].events = get_u8(r); }
}

/* Copies n bytes into the record's own buffer, NUL-ended; false when out of memory. */
static bool keep_bytes(struct replay_record *x, const uint8_t *b, size_t n)
{
    if (x->bytes_cap < n + 1) {
        uint8_t *nb = realloc(x->bytes, n + 1);
        if (!nb) return false;
        x->bytes = nb;
        x->bytes_cap = n + 1;
    }
    memcpy(x->bytes, b, n);
    x->bytes[n] = 0;
    return true;
}

static int fail(struct replay_merge *m, struct replay_source *s, const char *fmt, ...)
{
    char why[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, sizeof why, fmt, ap);
    va_end(ap);
    snprintf(m->err, sizeof m->err, "%s: %s", s->name, why);
    return -1;
}

/* Reads what comes next of s after what it holds (kept at the buffer's start); -1 with m->err. */
static int read_more(struct replay_merge *m, struct replay_source *s)
{
    size_t have = s->len - s->off;
    if (s->off) {
        memmove(s->buf, s->buf + s->off, have);
        s->at += s->off;
        s->len = have;
        s->off = 0;
    }
    if (s->cap - s->len < 65536) {
        size_t cap = s->cap ? s->cap * 2 : 1 << 17;
        uint8_t *nb = realloc(s->buf, cap);
        if (!nb) return fail(m, s, "out of memory");
        s->buf = nb;
        s->cap = cap;
    }
    for (;;) {
        ssize_t k = read(s->fd, s->buf + s->len, s->cap - s->len);
        if (k < 0 && errno == EINTR) continue;
        if (k < 0) return fail(m, s, "%s", strerror(errno));
        if (k == 0) s->eof = true;
        s->len += (size_t)k;
        return 0;
    }
}

/* The next record of s: 1 with its kind and payload, 0 at the end of the stream, -1 with m->err. */
static int read_record(struct replay_merge *m, struct replay_source *s, uint8_t *kind, struct in *r)
{
    for (;;) {
        size_t have = s->len - s->off;
        if (have && !s->at && !s->off) {   /* the start: anything but a header is not a state */
            const uint8_t *b = s->buf;
            if (b[0] != R_HEADER || (have >= 5 + sizeof MAGIC && memcmp(b + 5, MAGIC, sizeof MAGIC) != 0))
                return fail(m, s, "not a pcaphunt state (it does not start with its header)");
        }
        if (have >= 5) {
            const uint8_t *b = s->buf + s->off;
            uint32_t len = (uint32_t)b[1] | (uint32_t)b[2] << 8 | (uint32_t)b[3] << 16 | (uint32_t)b[4] << 24;
            if (len > REPLAY_MAX_RECORD)
                return fail(m, s, "malformed at byte %llu: a record of %u bytes (at most %u)", (unsigned long long)(s->at + s->off), len, REPLAY_MAX_RECORD);
            if (have >= 5 + (size_t)len) {
                *kind = b[0];
                *r = (struct in){b + 5, len, 0, false};
                s->off += 5 + (size_t)len;
                return 1;
            }
        }
        if (s->eof) {
            if (have && s->buf[s->off] == R_END) m->hosts_cut = true;   /* its hosts follow it */
            if (have) return fail(m, s, "cut short at byte %llu: it ends inside a record", (unsigned long long)(s->at + s->len));
            return 0;
        }
        if (read_more(m, s) < 0) return -1;
    }
}

static bool read_header(struct replay_merge *m, struct replay_source *s)
{
    uint8_t kind;
    struct in r;
    int rc = read_record(m, s, &kind, &r);
    if (rc == 0) { fail(m, s, "empty: not a pcaphunt state"); return false; }
    if (rc < 0) return false;
    char magic[sizeof MAGIC];
    get_bytes(&r, magic, sizeof magic);
    if (kind != R_HEADER || r.bad || memcmp(magic, MAGIC, sizeof MAGIC) != 0) { fail(m, s, "not a pcaphunt state (it does not start with its header)"); return false; }
    struct replay_header *h = &s->header;
    h->version = get_u32(&r);
    if (h->version < 1 || h->version > REPLAY_VERSION) { fail(m, s, "a state of format version %u: this pcaphunt reads versions 1 to %u", h->version, REPLAY_VERSION); return false; }
    h->producer = get_str(&r);
    h->part = get_u32(&r);
    h->parts = get_u32(&r);
    h->run = get_str(&r);
    h->ncaptures = get_u32(&r);
    if (h->ncaptures > 65536) r.bad = true;
    h->captures = r.bad ? NULL : calloc(h->ncaptures + 1, sizeof *h->captures);
    for (uint32_t i = 0; h->captures && i < h->ncaptures && !r.bad; i++) h->captures[i] = get_str(&r);
    h->nhunts = get_u32(&r);
    if (h->nhunts > ENGINE_MAX_CONSUMERS) r.bad = true;
    h->hunts = r.bad ? NULL : calloc(h->nhunts + 1, sizeof *h->hunts);
    for (uint32_t i = 0; h->hunts && i < h->nhunts && !r.bad; i++) h->hunts[i] = get_str(&r);
    h->hunt_code = r.bad ? NULL : calloc(h->nhunts + 1, sizeof *h->hunt_code);
    for (uint32_t i = 0; h->hunt_code && i < h->nhunts && !r.bad; i++) h->hunt_code[i] = get_str(&r);
    h->nsets = get_u32(&r);
    if (h->nsets > 65536) r.bad = true;
    h->sets = r.bad ? NULL : calloc(h->nsets + 1, sizeof *h->sets);
    for (uint32_t i = 0; h->sets && i < h->nsets && !r.bad; i++) h->sets[i] = get_str(&r);
    h->nresets = get_u32(&r);
    if (h->nresets > 65536) r.bad = true;
    h->resets = r.bad ? NULL : calloc((size_t)h->nresets * 4 + 1, sizeof *h->resets);
    for (uint32_t i = 0; h->resets && i < h->nresets * 4 && !r.bad; i++) h->resets[i] = get_str(&r);
    h->nunopened = get_u32(&r);
    if (h->nunopened > 65536) r.bad = true;
    h->unopened = r.bad ? NULL : calloc((size_t)h->nunopened + 1, sizeof *h->unopened);
    for (uint32_t i = 0; h->unopened && i < h->nunopened && !r.bad; i++) h->unopened[i] = get_str(&r);
    if (!h->unopened) r.bad = true;
    if (r.bad || r.off != r.n || !h->producer || !h->run || !h->captures || !h->hunts || !h->hunt_code || !h->sets || !h->resets) { fail(m, s, "malformed header"); return false; }
    if (h->parts < 1 || h->parts > REPLAY_MAX_PARTS || h->part < 1 || h->part > h->parts) {
        fail(m, s, "malformed header: part %u of %u", h->part, h->parts);
        return false;
    }
    return true;
}

static bool same_list(char **a, uint32_t na, char **b, uint32_t nb)
{
    if (na != nb) return false;
    for (uint32_t i = 0; i < na; i++) if (strcmp(a[i], b[i]) != 0) return false;
    return true;
}

bool replay_merge_open(struct replay_merge *m, const int *fds, char *const *names, int n)
{
    memset(m, 0, sizeof *m);
    m->src = calloc((size_t)n, sizeof *m->src);
    if (!m->src) { snprintf(m->err, sizeof m->err, "out of memory"); return false; }
    m->n = n;
    for (int i = 0; i < n; i++) {
        m->src[i].fd = fds[i];
        m->src[i].name = strdup(names[i]);
        if (!m->src[i].name) { snprintf(m->err, sizeof m->err, "out of memory"); return false; }
    }
    for (int i = 0; i < n; i++) if (!read_header(m, &m->src[i])) return false;
    const struct replay_header *h0 = &m->src[0].header;
    for (int i = 0; i < n; i++) {   /* one run's parts: what each says of the run must agree */
        const struct replay_header *h = &m->src[i].header;
        char what[320] = "";
        if (strcmp(h->producer, h0->producer) != 0) snprintf(what, sizeof what, "made by %s and %s", h0->producer, h->producer);
        else if (h->parts != h0->parts) snprintf(what, sizeof what, "parts of %u and of %u", h0->parts, h->parts);
        else if (h->ncaptures != h0->ncaptures) snprintf(what, sizeof what, "%u captures and %u", h0->ncaptures, h->ncaptures);
        else if (strcmp(h->run, h0->run) != 0) snprintf(what, sizeof what, "the filter, -c or --flow-memory differ: '%s' and '%s'", h0->run, h->run);
        else if (!same_list(h->hunts, h->nhunts, h0->hunts, h0->nhunts)) snprintf(what, sizeof what, "the hunts differ");
        else if (!same_list(h->hunt_code, h->nhunts, h0->hunt_code, h0->nhunts)) snprintf(what, sizeof what, "a hunt's code differs");
        else if (!same_list(h->sets, h->nsets, h0->sets, h0->nsets)) snprintf(what, sizeof what, "the hunts' --set options differ");
        else if (!same_list(h->resets, h->nresets * 4, h0->resets, h0->nresets * 4)) snprintf(what, sizeof what, "the reset codes added differ");
        else if (!same_list(h->unopened, h->nunopened, h0->unopened, h0->nunopened)) snprintf(what, sizeof what, "the captures that could not be opened differ");
        for (uint32_t c = 0; !what[0] && c < h->ncaptures; c++)
            if (strcmp(h->captures[c], h0->captures[c]) != 0)
                snprintf(what, sizeof what, "capture %u is %.120s in one, %.120s in the other", c + 1, h0->captures[c], h->captures[c]);
        if (what[0]) {
            snprintf(m->err, sizeof m->err, "%s and %s are parts of different runs (%s)", m->src[0].name, m->src[i].name, what);
            return false;
        }
        for (int j = 0; j < i; j++)
            if (m->src[j].header.part == h->part) {
                snprintf(m->err, sizeof m->err, "%s and %s are both part %u of %u", m->src[j].name, m->src[i].name, h->part, h->parts);
                return false;
            }
    }
    if ((int)h0->parts != n) {   /* each part at most once: name those missing */
        char missing[256] = "";
        size_t at = 0;
        int count = 0;
        for (uint32_t k = 1; k <= h0->parts; k++) {
            bool have = false;
            for (int i = 0; i < n; i++) have |= m->src[i].header.part == k;
            if (have) continue;
            if (count++ < 8 && at < sizeof missing) at += (size_t)snprintf(missing + at, sizeof missing - at, "%s%u", count > 1 ? ", " : "", k);
        }
        if (count > 8 && at < sizeof missing) snprintf(missing + at, sizeof missing - at, " and %d more", count - 8);
        snprintf(m->err, sizeof m->err, "the run has %u parts and %d %s given: part%s %s of %u missing", h0->parts, n,
                 n == 1 ? "is" : "are", count == 1 ? "" : "s", missing, h0->parts);
        return false;
    }
    return true;
}

static bool key_less(const struct replay_record *a, const struct replay_record *b)
{
    if (a->ordinal != b->ordinal) return a->ordinal < b->ordinal;
    if (a->phase != b->phase) return a->phase < b->phase;
    if (a->deadline != b->deadline) return a->deadline < b->deadline;
    return a->first_frame < b->first_frame;
}

/* Reads the next record of s into s->head (or marks it ended after its trailer). */
static int advance(struct replay_merge *m, struct replay_source *s)
{
    uint8_t kind;
    struct in r;
    s->has_head = false;
    int rc = read_record(m, s, &kind, &r);
    if (rc < 0) return -1;
    if (rc == 0) return fail(m, s, "cut short: the part's output ends before its last record (the part was interrupted or failed)");
    struct replay_record *x = &s->head;
    x->kind = kind;
    x->deadline = 0;
    x->first_frame = 0;
    x->has_flow = false;
    x->ncalls = 0;
    switch (kind) {
    case R_PACKET: {
        x->ordinal = get_u64(&r);
        x->phase = PH_PACKET;
        x->source = (int)get_u32(&r);
        struct frame *f = &x->frame;
        memset(f, 0, sizeof *f);
        f->number = get_u64(&r);
        f->hdr.ts.tv_sec = (time_t)get_u64(&r);
        f->hdr.ts.tv_usec = (suseconds_t)get_u32(&r);
        f->nano = get_u8(&r) != 0;
        f->linktype = (int)get_u32(&r);
        f->hdr.len = get_u32(&r);
        f->hdr.caplen = get_u32(&r);
        const uint8_t *b = take(&r, f->hdr.caplen);
        if (!b) break;
        if (!keep_bytes(x, b, f->hdr.caplen)) return fail(m, s, "out of memory");
        f->bytes = x->bytes;
        uint8_t fl = get_u8(&r);
        x->has_flow = fl & 1;
        x->dir = fl & 4 ? 1 : 0;
        x->has_conv = fl & 8;
        if (fl & ~(1 | 4 | 8)) r.bad = true;
        if (x->has_flow) get_flow(&r, &x->flow, s->header.version);
        x->dcid_len = 0;
        if (x->has_conv) {
            struct conversation *c = &x->conv;
            memset(c, 0, sizeof *c);
            c->index = (int64_t)get_u64(&r);
            c->proto = get_u8(&r);
            c->dir = (int8_t)get_u8(&r);
            uint8_t b = get_u8(&r);
            c->quoted = b & 1;
            c->quic = b & 2;
            for (int i = 0; i < 2; i++) { c->flags[i] = get_u16(&r); c->packets[i] = get_u64(&r); c->bytes[i] = get_u64(&r); }
            c->first_frame = get_u64(&r);
            c->first_time = get_f64(&r);
            c->last_time = get_f64(&r);
            x->dcid_len = get_u8(&r);
            if (x->dcid_len > sizeof x->dcid) r.bad = true;
            else get_bytes(&r, x->dcid, x->dcid_len);
            if (c->dir < 0 || c->dir > 1) r.bad = true;
        }
        get_calls(&r, x);
        if (x->source < 1) r.bad = true;
        break;
    }
    case R_FLOW_END:
        x->ordinal = get_u64(&r);
        x->phase = get_u8(&r);
        x->deadline = get_f64(&r);
        x->frame_number = get_u64(&r);
        get_flow(&r, &x->flow, s->header.version);
        x->has_flow = true;
        x->first_frame = x->flow.first_frame;
        get_calls(&r, x);
        if ((x->phase != PH_EXPIRE && x->phase != PH_AFTER) || isnan(x->deadline)) r.bad = true;
        break;
    case R_QUOTED:
        x->ordinal = get_u64(&r);
        x->phase = PH_QUOTED;
        memset(&x->qkey, 0, sizeof x->qkey);
        x->qkey.version = get_u8(&r);
        x->qkey.proto = get_u8(&r);
        get_bytes(&r, x->qkey.addr, sizeof x->qkey.addr);
        x->qkey.port[0] = get_u16(&r);
        x->qkey.port[1] = get_u16(&r);
        x->dir = get_u8(&r) ? 1 : 0;
        x->has_flow = get_u8(&r) != 0;
        if (x->has_flow) get_flow(&r, &x->flow, s->header.version);
        break;
    case R_MARK:
        x->ordinal = get_u64(&r);
        x->phase = PH_MARK;
        break;
    case R_REMOVED:
        x->ordinal = get_u64(&r);
        x->phase = get_u8(&r);
        x->deadline = get_f64(&r);
        x->first_frame = get_u64(&r);
        x->hash = get_u32(&r);
        if ((x->phase != PH_EXPIRE && x->phase != PH_AFTER) || isnan(x->deadline)) r.bad = true;
        break;
    case R_WARNING: {   /* after the frames, before the flows left: first_frame 0 sorts it first */
        x->ordinal = REPLAY_END_ORDINAL;
        x->phase = PH_EXPIRE;
        uint32_t n = get_u32(&r);
        const uint8_t *b = take(&r, n);
        if (!b) break;
        if (!keep_bytes(x, b, n)) return fail(m, s, "out of memory");
        if (!n || strlen((char *)x->bytes) != n) r.bad = true;   /* a message, one line of text */
        break;
    }
    case R_END: {
        s->packets = get_u64(&r);
        uint8_t bits = get_u8(&r);
        s->damaged = bits & 1;
        s->interrupted = bits & 2;
        s->fingerprint = get_u64(&r);
        s->expired = get_u64(&r);
        s->evicted = get_u64(&r);
        s->hosts_evicted = get_u64(&r);
        s->flows = get_u64(&r);
        uint64_t nh = get_u64(&r), cells = get_u64(&r);
        if (r.bad) break;
        s->filter_inner = r.n - r.off >= 8 ? get_u64(&r) : 0;   /* not in the first states written */
        s->pairs_dropped = r.n - r.off >= 8 ? get_u64(&r) : 0;  /* nor in those before session 15 */
        uint64_t words = r.n - r.off >= 8 ? get_u64(&r) : 0;      /* nor before trial fp6 */
        if (words > FLOW_SERVED_WORDS) return fail(m, s, "malformed end record: %llu connection filter words", (unsigned long long)words);
        if (nh > (1ull << 28) || cells > (uint64_t)UDP_ANSWERED_ROWS * UDP_ANSWERED_COLS)
            return fail(m, s, "malformed end record: %llu hosts, %llu UDP cells", (unsigned long long)nh, (unsigned long long)cells);
        if (words) {
            s->served = calloc(FLOW_SERVED_WORDS, sizeof *s->served);
            if (!s->served) return fail(m, s, "out of memory");
        }
        for (uint64_t i = 0; i < words; i++) {
            uint8_t k;
            struct in er;
            int rc2 = read_record(m, s, &k, &er);
            if (rc2 <= 0 || k != 's') {
                m->hosts_cut = true;   /* its hosts and UDP answers follow */
                return rc2 < 0 ? -1 : fail(m, s, "cut short in its established-connection records");
            }
            uint32_t at = get_u32(&er);
            uint64_t v = get_u64(&er);
            if (er.bad || er.off != er.n || at >= FLOW_SERVED_WORDS) return fail(m, s, "malformed established-connection record");
            s->served[at] = v;
        }
        size_t hcap = 0;
        for (uint64_t i = 0; i < nh; i++) {   /* grown as they come: a count alone never allocates much */
            uint8_t k;
            struct in hr;
            int rc2 = read_record(m, s, &k, &hr);
            if (rc2 <= 0 || k != 'h') {
                m->hosts_cut = true;
                return rc2 < 0 ? -1 : fail(m, s, "cut short in its host records (%llu of %llu)", (unsigned long long)i, (unsigned long long)nh);
            }
            if (i == hcap) {
                size_t c = hcap ? hcap * 2 : 1024;
                struct host *nb = realloc(s->hosts, c * sizeof *nb);
                if (!nb) return fail(m, s, "out of memory");
                s->hosts = nb;
                hcap = c;
            }
            get_host(&hr, &s->hosts[i]);
            if (hr.bad || hr.off != hr.n) return fail(m, s, "malformed host record");
        }
        s->nhosts = (size_t)nh;
        if (cells) {
            s->udp_answered = calloc((size_t)UDP_ANSWERED_ROWS * UDP_ANSWERED_COLS, sizeof *s->udp_answered);
            if (!s->udp_answered) return fail(m, s, "out of memory");
        }
        for (uint64_t i = 0; i < cells; i++) {
            uint8_t k;
            struct in ur;
            int rc2 = read_record(m, s, &k, &ur);
            if (rc2 <= 0 || k != 'u') {
                m->answers_cut = true;
                return rc2 < 0 ? -1 : fail(m, s, "cut short in its UDP answer records");
            }
            uint32_t at = get_u32(&ur), v = get_u32(&ur);
            if (ur.bad || at >= (uint32_t)(UDP_ANSWERED_ROWS * UDP_ANSWERED_COLS)) return fail(m, s, "malformed UDP answer record");
            s->udp_answered[at] = v;
        }

        while (s->len == s->off && !s->eof)   /* nothing may follow */
            if (read_more(m, s) < 0) return -1;
        if (s->len > s->off)
            return fail(m, s, "malformed: %llu byte%s or more after its end record (another file appended to it?)",
                        (unsigned long long)(s->len - s->off), s->len - s->off == 1 ? "" : "s");
        s->ended = true;
        return 0;
    }
    default:
        return fail(m, s, "malformed at byte %llu: unknown record kind 0x%02x", (unsigned long long)(s->at + s->off), kind);
    }
    if (r.bad) return fail(m, s, "malformed record (kind '%c') before byte %llu", kind, (unsigned long long)(s->at + s->off));
    if (r.off != r.n) return fail(m, s, "malformed record (kind '%c'): %zu bytes left over", kind, r.n - r.off);
    const struct replay_header *hd = &s->header;
    unsigned allowed = kind == R_PACKET ? (EV_MATCH | EV_TTL_CHANGE | EV_RST_IN_FLOW | EV_DATA_AFTER_FIN) : (EV_FLOW_END | EV_CONN_FAILED);
    for (int i = 0; i < x->ncalls; i++)
        if (x->calls[i].consumer >= hd->nhunts || !x->calls[i].events || (x->calls[i].events & ~allowed))
            return fail(m, s, "malformed record (kind '%c') before byte %llu: a call of hunt %u (events %u): %s",
                        kind, (unsigned long long)(s->at + s->off), x->calls[i].consumer, x->calls[i].events,
                        x->calls[i].consumer >= hd->nhunts ? "the header names no such hunt" : "no such events in this kind of record");
    if ((kind == R_PACKET && (uint32_t)x->source > hd->ncaptures) ||
        (x->has_flow && (x->flow.source < 1 || x->flow.source > hd->ncaptures)))
        return fail(m, s, "malformed record (kind '%c') before byte %llu: capture %u of %u", kind, (unsigned long long)(s->at + s->off),
                    kind == R_PACKET && (uint32_t)x->source > hd->ncaptures ? (unsigned)x->source : (unsigned)x->flow.source, hd->ncaptures);
    if (kind != R_WARNING && x->ordinal == 0)   /* frames count from 1 */
        return fail(m, s, "malformed record (kind '%c') before byte %llu: frame 0", kind, (unsigned long long)(s->at + s->off));
    struct replay_record last = {.ordinal = s->last_ordinal, .phase = s->last_phase, .deadline = s->last_deadline, .first_frame = s->last_first};
    if (key_less(x, &last) && kind != R_WARNING)
        return fail(m, s, "malformed at byte %llu: a record out of order (frame %llu, phase %u after frame %llu, phase %u)",
                    (unsigned long long)(s->at + s->off), (unsigned long long)x->ordinal, x->phase,
                    (unsigned long long)s->last_ordinal, s->last_phase);
    if (kind != R_WARNING) {
        s->last_ordinal = x->ordinal;
        s->last_phase = x->phase;
        s->last_deadline = x->deadline;
        s->last_first = x->first_frame;
    }
    s->has_head = true;
    return 1;
}

int replay_next(struct replay_merge *m, const struct replay_record **rec)
{
    for (;;) {
        struct replay_source *best = NULL;
        for (int i = 0; i < m->n; i++) {
            struct replay_source *s = &m->src[i];
            if (s->ended) continue;
            if (!s->has_head && advance(m, s) < 0) return -1;
            if (s->ended) continue;
            if (!best || key_less(&s->head, &best->head)) best = s;
        }
        if (!best) return 0;
        best->has_head = false;   /* consumed: read again on the next call */
        if (best->head.kind == R_MARK) continue;
        if (best->head.kind == R_REMOVED) {
            if (m->removed) flow_note_removed(m->removed, best->head.hash);
            continue;
        }
        *rec = &best->head;
        m->last = (int)(best - m->src);
        return 1;
    }
}

static int by_first_frame(const void *a, const void *b)
{
    const struct host *x = *(const struct host *const *)a, *y = *(const struct host *const *)b;
    return x->first_frame < y->first_frame ? -1 : x->first_frame > y->first_frame;
}

bool replay_merge_tables(struct replay_merge *m, struct flow_table *t, uint64_t *packets, bool *damaged,
                         uint64_t *filter_inner)
{
    size_t n = 0;
    for (int i = 0; i < m->n; i++) n += m->src[i].nhosts;
    const struct host **all = n ? malloc(n * sizeof *all) : NULL;
    size_t k = 0;
    for (int i = 0; all && i < m->n; i++)
        for (size_t j = 0; j < m->src[i].nhosts; j++) all[k++] = &m->src[i].hosts[j];
    if (all) qsort(all, k, sizeof *all, by_first_frame);   /* the order the whole run met them: the same table */
    for (size_t i = 0; i < k; i++) {
        struct host h = *all[i];
        uint8_t a[16] = {0};
        memcpy(a, h.addr, h.version == 4 ? 4 : 16);
        h.hash = flow_host_hash(h.version, a);
        host_insert(t, &h);
    }
    free(all);
    *packets = 0;
    *damaged = false;
    *filter_inner = 0;
    for (int i = 0; i < m->n; i++) {
        struct replay_source *s = &m->src[i];
        if (s->packets > *packets) *packets = s->packets;
        if (s->filter_inner > *filter_inner) *filter_inner = s->filter_inner;   /* every part filters every frame */
        *damaged |= s->damaged;
        t->expired += s->expired;
        t->evicted += s->evicted;
        t->hosts_evicted += s->hosts_evicted;
        t->pairs_dropped += s->pairs_dropped;
        t->total += s->flows;
        if (s->udp_answered)
            for (int r = 0; r < UDP_ANSWERED_ROWS; r++)
                for (int c = 0; c < UDP_ANSWERED_COLS; c++) t->udp_answered[r][c] += s->udp_answered[r * UDP_ANSWERED_COLS + c];
        if (s->served)
            for (size_t w = 0; w < FLOW_SERVED_WORDS; w++) t->served_bits[w] |= s->served[w];
    }
    for (int i = 0; i < m->n; i++) {   /* every part read every frame: else the merge is not the run's */
        struct replay_source *s = &m->src[i], *s0 = &m->src[0];
        if (!s->ended) continue;
        if (s->interrupted) {
            snprintf(m->err, sizeof m->err, "%s: the part was interrupted after %llu frames: its state covers only those",
                     s->name, (unsigned long long)s->packets);
            return false;
        }
        if (i && s0->ended && (s->packets != s0->packets || s->fingerprint != s0->fingerprint)) {
            snprintf(m->err, sizeof m->err, "%s and %s did not read the same frames (%llu and %llu frames%s): a capture changed "
                     "between the parts, or was still being written", s0->name, s->name, (unsigned long long)s0->packets,
                     (unsigned long long)s->packets, s->packets == s0->packets ? ", other times or lengths" : "");
            return false;
        }
    }
    return true;
}

void replay_header_free(struct replay_header *h)
{
    for (uint32_t i = 0; h->captures && i < h->ncaptures; i++) free(h->captures[i]);
    for (uint32_t i = 0; h->hunts && i < h->nhunts; i++) free(h->hunts[i]);
    for (uint32_t i = 0; h->sets && i < h->nsets; i++) free(h->sets[i]);
    for (uint32_t i = 0; h->hunt_code && i < h->nhunts; i++) free(h->hunt_code[i]);
    for (uint32_t i = 0; h->resets && i < h->nresets * 4; i++) free(h->resets[i]);
    for (uint32_t i = 0; h->unopened && i < h->nunopened; i++) free(h->unopened[i]);
    free(h->unopened);
    free(h->hunt_code);
    free(h->resets);
    free(h->run);
    free(h->producer);
    free(h->captures);
    free(h->hunts);
    free(h->sets);
    memset(h, 0, sizeof *h);
}

void replay_merge_close(struct replay_merge *m)
{
    for (int i = 0; m->src && i < m->n; i++) {
        struct replay_source *s = &m->src[i];
        free(s->name);
        free(s->buf);
        free(s->head.bytes);
        free(s->hosts);
        free(s->udp_answered);
        free(s->served);
        replay_header_free(&s->header);
    }
    free(m->src);
    memset(m, 0, sizeof *m);
}
