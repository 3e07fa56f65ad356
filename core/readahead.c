/* Read-ahead (see readahead.h): one producer thread per capture fills a ring of slots with frames it
 * read and decoded; the engine's thread takes them in order.  Single producer, single consumer: each
 * side publishes its index with a release store and keeps a cached copy of the other's, and sleeps
 * on a condition variable only when the ring is full or empty.  The producer blocks every signal
 * (Ctrl-C goes to the thread that runs Lua) and never touches the flow table or Lua.  When the
 * engine falls behind (the ring fills up), the producer also does the engine's work on the frame
 * (its matching of conditions), so the two threads share what there is to do. */
#include "readahead.h"
#include "engine.h"
#include "reader.h"

#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define RA_SLOTS 512u        /* a power of two */
#define RA_RESUME (RA_SLOTS / 4)   /* a producer that found the ring full waits until no more are filled */
#define RA_INLINE 1600u      /* bytes of a frame kept in its slot (Ethernet with tags); larger ones get a buffer of the slot's */
#define RA_BATCH 32u         /* frames ready before a waiting consumer is woken */
#define RA_WORK_QUEUED 64u   /* frames queued before the thread also does the engine's work (the engine is behind) */
#define RA_BIG_KEPT 16384u   /* a slot keeps a buffer for larger frames up to this size (jumbo frames) */

struct ra_slot {
    int rc;                  /* capture_next's: 1 a frame, else the end (0) or damage (-1) */
    uint64_t offset;         /* capture_offset after the frame */
    struct ra_frame fr;
    uint8_t *big;            /* frames larger than RA_INLINE; grown, kept for the next */
    size_t big_size;
    uint8_t *comment;        /* a pcapng frame comment; grown, kept */
    size_t comment_size;
    uint8_t bytes[RA_INLINE];
};

struct readahead {
    struct capture *c;
    pthread_t thread;
    struct ra_slot *slots;
    _Atomic unsigned head;   /* slots the producer has filled (free-running) */
    _Atomic unsigned tail;   /* slots the consumer has released */
    unsigned head_seen;      /* consumer's copy of head */
    unsigned tail_seen;      /* producer's copy of tail */
    bool holding;            /* the consumer holds slot `tail` (taken, not yet released) */
    bool finished;           /* the consumer took the last slot (rc != 1): final_rc from now on */
    int final_rc;
    uint64_t offset;         /* of the last frame taken */
    _Atomic bool stop;
    readahead_work_fn work;
    void *work_ctx;
    bool work_always;        /* PCAPHUNT_READAHEAD=match: on every frame, not only when the engine is behind */
    _Atomic bool work_on;    /* cleared by readahead_stop_work */
    _Atomic bool working;    /* the producer is in work (or about to look at work_on) */
    _Atomic bool sleeping[2];   /* [0]: the consumer waits for a slot; [1]: the producer waits for room */
    pthread_mutex_t mu;
    pthread_cond_t cv;
};

bool readahead_possible(const struct capture *c)
{
    const char *env = getenv("PCAPHUNT_READAHEAD");
    if (env && strcmp(env, "0") == 0) return false;
    if (c->ahead || c->live || c->spool_fd >= 0) return false;
    if (c->merge) return merge_all_regular(c);
    return c->regular && c->fd >= 0;
}

/* Wakes the other side (who: 0 the consumer, 1 the producer) when it sleeps for what was just published. */
static void wake(struct readahead *ra, int who)
{
    if (!atomic_load(&ra->sleeping[who])) return;
    pthread_mutex_lock(&ra->mu);
    pthread_cond_broadcast(&ra->cv);
    pthread_mutex_unlock(&ra->mu);
}

/* Copies n bytes into a slot's growing buffer; false when out of memory. */
static bool keep(uint8_t **buf, size_t *size, const uint8_t *p, size_t n)
{
    if (n > *size) {
        uint8_t *b = realloc(*buf, n);
        if (!b) return false;
        *buf = b;
        *size = n;
    }
    if (n) memcpy(*buf, p, n);
    return true;
}

/* The producer, about to fill slot h: waits until at most `most` slots before it are unreleased
 * (the ring full: until three quarters are free, one wake-up per 384 frames; a huge frame: until
 * only the last one is, then no frame in the ring but that one is in use).  False when stopped. */
static bool wait_filled_at_most(struct readahead *ra, unsigned h, unsigned most)
{
    if (h - atomic_load(&ra->tail) <= most) return true;
    wake(ra, 0);   /* an engine waiting for a batch of frames must take these first */
    pthread_mutex_lock(&ra->mu);
    atomic_store(&ra->sleeping[1], true);
    while (!atomic_load(&ra->stop) && h - atomic_load(&ra->tail) > most) pthread_cond_wait(&ra->cv, &ra->mu);
    atomic_store(&ra->sleeping[1], false);
    pthread_mutex_unlock(&ra->mu);
    return !atomic_load(&ra->stop);
}

/* A frame larger than RA_BIG_KEPT: the ring holds at most one such buffer besides the frame in use,
 * so memory stays what one reader needs, whatever the frames' sizes. */
static bool make_room(struct readahead *ra, unsigned h)
{
    if (!wait_filled_at_most(ra, h, 1)) return false;
    for (unsigned i = 0; i < RA_SLOTS; i++) {
        struct ra_slot *x = &ra->slots[i];
        if (i == (h - 1) % RA_SLOTS || i == h % RA_SLOTS || x->big_size <= RA_BIG_KEPT) continue;
        free(x->big);
        x->big = NULL;
        x->big_size = 0;
    }
    return true;
}

static void fill_slot(struct readahead *ra, struct ra_slot *s, uint64_t count, unsigned h)
{
    struct capture *c = ra->c;
    struct frame f;
    s->rc = capture_read_next(c, &f);
    if ((count & 1023) == 0 || s->rc != 1) s->offset = capture_read_offset(c);
    else s->offset = ra->slots[(count - 1) % RA_SLOTS].offset;
    if (s->rc != 1) return;
    uint32_t n = f.hdr.caplen;
    const uint8_t *bytes = s->bytes;
    if (n > RA_INLINE) {
        if (n > RA_BIG_KEPT && s->big_size < n && !make_room(ra, h)) {   /* stopped meanwhile */
            s->rc = 0;
            return;
        }
        if (!keep(&s->big, &s->big_size, f.bytes, n)) goto oom;
        bytes = s->big;
    } else {
        memcpy(s->bytes, f.bytes, n);
    }
    if (f.comment && f.comment_len) {
        if (!keep(&s->comment, &s->comment_size, f.comment, f.comment_len)) goto oom;
        f.comment = s->comment;
    }
    f.bytes = bytes;
    struct ra_frame *fr = &s->fr;
    fr->f = f;
    decode_frame(&fr->d, f.linktype, bytes, n, f.hdr.len, NULL);
    fr->keyed = flow_key_of(&fr->d, &fr->key);
    fr->feat = packet_features(&fr->d);
    fr->pre.made = false;
    /* the work only when the engine is behind (many frames queued): else the frame is wanted sooner */
    if (ra->work && (ra->work_always || h - atomic_load_explicit(&ra->tail, memory_order_relaxed) >= RA_WORK_QUEUED)) {
        /* sequentially consistent with readahead_stop_work: work is never entered after it returned */
        atomic_store(&ra->working, true);
        if (atomic_load(&ra->work_on)) ra->work(ra->work_ctx, fr);
        atomic_store(&ra->working, false);
    }
    return;
oom:
    snprintf(c->error, sizeof c->error, "out of memory for a %lu-byte frame", (unsigned long)n);
    s->rc = -1;
}

static void *produce(void *arg)
{
    struct readahead *ra = arg;
    for (uint64_t count = 0;; count++) {
        unsigned h = atomic_load_explicit(&ra->head, memory_order_relaxed);
        while (h - ra->tail_seen == RA_SLOTS) {   /* full: wait for the consumer */
            ra->tail_seen = atomic_load_explicit(&ra->tail, memory_order_acquire);
            if (h - ra->tail_seen < RA_SLOTS) break;
            if (!wait_filled_at_most(ra, h, RA_RESUME)) return NULL;
        }
        if (atomic_load_explicit(&ra->stop, memory_order_relaxed)) return NULL;
        struct ra_slot *s = &ra->slots[h % RA_SLOTS];
        fill_slot(ra, s, count, h);
        atomic_store(&ra->head, h + 1);   /* publishes the slot (sequentially consistent: see wake) */
        /* a consumer waiting for frames is woken for a batch of them, or for the last: the producer
           stops only with the ring full or at the end, so the batch always comes */
        if (s->rc != 1 || h + 1 - atomic_load_explicit(&ra->tail, memory_order_relaxed) >= RA_BATCH) wake(ra, 0);
        if (s->rc != 1) return NULL;      /* the end, or damage: nothing more to read */
    }
}

bool readahead_attach(struct capture *c, readahead_work_fn work, void *ctx)
{
    if (!readahead_possible(c)) return false;
    struct readahead *ra = calloc(1, sizeof *ra);
    if (!ra) return false;
    ra->slots = calloc(RA_SLOTS, sizeof *ra->slots);
    if (!ra->slots) { free(ra); return false; }
    ra->c = c;
    ra->work = work;
    ra->work_ctx = ctx;
    const char *env = getenv("PCAPHUNT_READAHEAD");
    ra->work_always = env && strcmp(env, "match") == 0;
    atomic_store(&ra->work_on, work != NULL);
    pthread_mutex_init(&ra->mu, NULL);
    pthread_cond_init(&ra->cv, NULL);
    ra->offset = capture_read_offset(c);
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);   /* the thread starts with every signal blocked */
    int rc = pthread_create(&ra->thread, NULL, produce, ra);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (rc != 0) {
        pthread_cond_destroy(&ra->cv);
        pthread_mutex_destroy(&ra->mu);
        free(ra->slots);
        free(ra);
        return false;
    }
    c->ahead = ra;
    return true;
}

int readahead_take(struct capture *c, const struct ra_frame **out)
{
    struct readahead *ra = c->ahead;
    unsigned t = atomic_load_explicit(&ra->tail, memory_order_relaxed);
    if (ra->holding) {   /* the frame taken before is done with: its slot goes back */
        ra->holding = false;
        atomic_store(&ra->tail, ++t);
        if (atomic_load_explicit(&ra->head, memory_order_relaxed) - t <= RA_RESUME) wake(ra, 1);
    }
    if (ra->finished) return ra->final_rc;
    if (ra->head_seen == t) {
        ra->head_seen = atomic_load_explicit(&ra->head, memory_order_acquire);
        if (ra->head_seen == t) {   /* empty: wait for the producer */
            pthread_mutex_lock(&ra->mu);
            atomic_store(&ra->sleeping[0], true);
            while (atomic_load(&ra->head) == t) pthread_cond_wait(&ra->cv, &ra->mu);
            atomic_store(&ra->sleeping[0], false);
            pthread_mutex_unlock(&ra->mu);
            ra->head_seen = atomic_load_explicit(&ra->head, memory_order_acquire);
        }
    }
    struct ra_slot *s = &ra->slots[t % RA_SLOTS];
    ra->offset = s->offset;
    if (s->rc != 1) {   /* the producer has stopped after this slot */
        ra->finished = true;
        ra->final_rc = s->rc;
        atomic_store(&ra->tail, t + 1);
        return s->rc;
    }
    ra->holding = true;
    *out = &s->fr;
    return 1;
}

const struct ra_frame *readahead_peek(const struct capture *c)
{
    const struct readahead *ra = c->ahead;
    unsigned t = atomic_load_explicit(&ra->tail, memory_order_relaxed) + (ra->holding ? 1u : 0u);
    if (ra->finished || ra->head_seen == t) return NULL;   /* head_seen >= t: nothing ready beyond */
    const struct ra_slot *s = &ra->slots[t % RA_SLOTS];
    return s->rc == 1 ? &s->fr : NULL;
}

uint64_t readahead_offset(const struct capture *c) { return c->ahead->offset; }

void readahead_stop_work(struct capture *c)
{
    struct readahead *ra = c->ahead;
    if (!ra || !ra->work) return;
    atomic_store(&ra->work_on, false);
    while (atomic_load(&ra->working)) sched_yield();   /* a frame's matching: well under a microsecond */
}

void readahead_detach(struct capture *c)
{
    struct readahead *ra = c->ahead;
    if (!ra) return;
    pthread_mutex_lock(&ra->mu);
    atomic_store(&ra->stop, true);
    pthread_cond_broadcast(&ra->cv);
    pthread_mutex_unlock(&ra->mu);
    pthread_join(ra->thread, NULL);
    for (unsigned i = 0; i < RA_SLOTS; i++) {
        free(ra->slots[i].big);
        free(ra->slots[i].comment);
    }
    pthread_cond_destroy(&ra->cv);
    pthread_mutex_destroy(&ra->mu);
    free(ra->slots);
    free(ra);
    c->ahead = NULL;
}
