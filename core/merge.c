/* Several captures read as one: every part keeps its next frame, and the earliest time stamp
 * goes first (ties to the part given first), as mergecap merges overlapping files; files one
 * after the other in time come out one after the other.  Each frame keeps its number within
 * its file and says which part it came from.  A damaged part stops alone: the others are read
 * to their end, then the merge reports the damage.  The parts' next frames are in a heap; a regular
 * file waits set aside (capture_set_aside: no buffer, its descriptor kept or, past the budget, closed)
 * from its first frame's time stamp, learnt at the start, until the merge reaches it, and is let go
 * at its end: a directory of thousands of rotated captures holds the memory of the files whose times
 * overlap. */
#include "reader.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

struct merge_part {
    struct capture *cap;
    bool owned;               /* opened by the merge: closed with it */
    int state;                /* PART_* */
    struct frame next;        /* its frame waiting to be merged (PART_READY) */
    int64_t next_ns;          /* its time stamp; PART_WAITING: the first frame's */
    int64_t size;             /* its size when the merge was made (-1: not a regular file), for progress:
                                 a read-ahead thread opens and lets go of parts while the engine's asks */
    uint64_t done_bytes;      /* PART_DONE: the bytes it took (for progress once let go) */
};

/* EMPTY: its next frame not read yet; WAITING: set aside until the merge reaches its first frame (in the
 * heap by that frame's time stamp, read again when it comes out first). */
enum { PART_EMPTY, PART_READY, PART_DONE, PART_WAITING };

struct capture_merge {
    struct merge_part *parts;
    int n;
    bool started;             /* every part's first frame looked at (merge_start) */
    int *heap;                /* the READY and WAITING parts, earliest next frame (then lowest index) first */
    int nheap;
    int last;                 /* the part whose frame was handed out last, -1 none */
    bool fatal;               /* a waiting part could not be opened again: the stream stops there */
    int failed;               /* parts that stopped on damage, not yet said (merge_next's -1) */
    int *damaged;             /* the parts that stopped on damage, in that order (each its capture's error) */
    int ndamaged;
    _Atomic int failed_part;  /* the first of them (its name and reason are the merge's error); atomic:
                                 a read-ahead thread sets it while the engine's may name the capture */
    char failed_reason[512];
};

/* Time stamp in nanoseconds since the epoch, whatever the frame's precision; a pcapng time stamp
 * beyond the 292 years either side of 1970 that fit is held at the end of the range. */
static int64_t frame_ns(const struct frame *f)
{
    int64_t frac = (int64_t)f->hdr.ts.tv_usec, ns, sum;
    if (__builtin_mul_overflow((int64_t)f->hdr.ts.tv_sec, (int64_t)1000000000, &ns)) return f->hdr.ts.tv_sec < 0 ? INT64_MIN : INT64_MAX;
    if (__builtin_add_overflow(ns, f->nano ? frac : frac * 1000, &sum)) return frac < 0 ? INT64_MIN : INT64_MAX;
    return sum;
}

int capture_open_merge(struct capture *c, struct capture **parts, const bool *owned, int n)
{
    memset(c, 0, sizeof *c);
    c->fd = -1;
    c->spool_fd = -1;
    struct capture_merge *m = calloc(1, sizeof *m);
    struct merge_part *p = calloc((size_t)(n > 0 ? n : 1), sizeof *p);
    int *damaged = calloc((size_t)(n > 0 ? n : 1), sizeof *damaged);
    int *heap = calloc((size_t)(n > 0 ? n : 1), sizeof *heap);
    c->path = malloc(32);
    if (!m || !p || !damaged || !heap || !c->path) {
        free(m);
        free(p);
        free(damaged);
        free(heap);
        free(c->path);
        c->path = NULL;
        for (int i = 0; i < n; i++)
            if (owned[i]) { capture_close(parts[i]); free(parts[i]); }
        snprintf(c->error, sizeof c->error, "out of memory");
        return -1;
    }
    snprintf(c->path, 32, "%d captures", n);
    for (int i = 0; i < n; i++) {
        p[i].cap = parts[i];
        p[i].owned = owned[i];
        p[i].size = capture_size(parts[i]);
    }
    m->parts = p;
    m->damaged = damaged;
    m->heap = heap;
    m->n = n;
    m->last = -1;
    m->failed_part = -1;
    c->merge = m;
    c->linktype = n ? parts[0]->linktype : DLT_EN10MB;
    c->snaplen = n ? parts[0]->snaplen : 262144;
    c->big_endian = n ? parts[0]->big_endian : false;   /* a filter for BSD loopback reads AF values in it */
    for (int i = 0; i < n; i++) {
        if (parts[i]->nano) c->nano = true;   /* the finer precision loses nothing */
        if (parts[i]->snaplen > c->snaplen) c->snaplen = parts[i]->snaplen;
    }
    c->at_start = true;
    for (int i = 0; i < n; i++) c->at_start = c->at_start && parts[i]->at_start;
    return 0;
}

/* Reads the next frame of part i; a damaged part is done, its reason kept.  A part done is let go
 * (its descriptor and buffer), its bytes noted for the progress line. */
static void part_fill(struct capture_merge *m, int i)
{
    struct merge_part *p = &m->parts[i];
    int rc = capture_next(p->cap, &p->next);
    if (rc == 1) {
        p->state = PART_READY;
        p->next_ns = frame_ns(&p->next);
        return;
    }
    p->state = PART_DONE;
    p->done_bytes = capture_offset(p->cap);
    capture_release(p->cap);
    if (rc < 0) {
        m->damaged[m->ndamaged++] = i;   /* a part stops once a reading: at most n */
        if (p->cap->reopen_failed && !m->fatal) {   /* gone, changed, no descriptor: said now, the stream stops */
            m->fatal = true;
            m->failed = 1;
            m->failed_part = i;
            snprintf(m->failed_reason, sizeof m->failed_reason, "%s", p->cap->error);
        } else if (m->failed++ == 0) {
            m->failed_part = i;
            snprintf(m->failed_reason, sizeof m->failed_reason, "%s", p->cap->error);
        }
    }
}

/* Whether part a's next frame goes before part b's: the earlier, then the part given first. */
static bool before(const struct capture_merge *m, int a, int b)
{
    int64_t ta = m->parts[a].next_ns, tb = m->parts[b].next_ns;
    return ta < tb || (ta == tb && a < b);
}

static void heap_push(struct capture_merge *m, int i)
{
    int k = m->nheap++;
    while (k > 0) {
        int up = (k - 1) / 2;
        if (!before(m, i, m->heap[up])) break;
        m->heap[k] = m->heap[up];
        k = up;
    }
    m->heap[k] = i;
}

static int heap_pop(struct capture_merge *m)
{
    int top = m->heap[0], last = m->heap[--m->nheap], k = 0;
    for (;;) {
        int c = 2 * k + 1;
        if (c >= m->nheap) break;
        if (c + 1 < m->nheap && before(m, m->heap[c + 1], m->heap[c])) c++;
        if (!before(m, m->heap[c], last)) break;
        m->heap[k] = m->heap[c];
        k = c;
    }
    if (m->nheap) m->heap[k] = last;
    return top;
}

/* Every part's first frame, in the order given (a part damaged before it is said in that order);
 * a regular file then waits set aside until the merge reaches that frame. */
static void merge_start(struct capture_merge *m)
{
    m->started = true;
    m->nheap = 0;
    for (int i = 0; i < m->n; i++) {
        struct merge_part *p = &m->parts[i];
        part_fill(m, i);
        if (p->state != PART_READY) continue;
        capture_set_aside(p->cap);   /* parked: the file opened, whatever its path names later; else reopened by path */
        if (p->cap->parked || p->cap->released) p->state = PART_WAITING;
        heap_push(m, i);
    }
}

int merge_next(struct capture *c, struct frame *f)
{
    struct capture_merge *m = c->merge;
    if (!m->started) merge_start(m);
    if (m->last >= 0) {   /* its frame is used: the next one */
        part_fill(m, m->last);
        if (m->parts[m->last].state == PART_READY) heap_push(m, m->last);
    }
    int best = -1;
    while (m->nheap && !m->fatal) {
        best = heap_pop(m);
        if (m->parts[best].state != PART_WAITING) break;
        part_fill(m, best);   /* first out: read again, its first frame back in the heap at its place */
        if (m->parts[best].state == PART_READY) heap_push(m, best);
        best = -1;
    }
    m->last = best;
    if (best < 0) {
        if (!m->failed) return 0;
        snprintf(c->error, sizeof c->error, "%.470s%s", m->failed_reason,
                 m->failed > 1 ? " (and more captures are damaged)" : "");
        m->failed = 0;   /* said once */
        return -1;
    }
    c->at_start = false;
    *f = m->parts[best].next;
    f->source = best + 1;
    f->filter_of = NULL;
    bool be = m->parts[best].cap->big_endian;
    if (capture_filter_other(c, f->linktype, be)) {   /* a part of another link type (or loopback byte order) under a filter */
        f->filter_of = c->filter.prog;
        f->filter_alt = capture_filter_for(c, f->linktype, be);
    }
    return 1;
}

const char *merge_name(const struct capture *c)
{
    const struct capture_merge *m = c->merge;
    int failed = atomic_load_explicit(&m->failed_part, memory_order_relaxed);
    if (failed >= 0) return capture_name(m->parts[failed].cap);
    return c->path;
}

int merge_rewind(struct capture *c)
{
    struct capture_merge *m = c->merge;
    for (int i = 0; i < m->n; i++) {
        if (capture_rewind(m->parts[i].cap) != 0) {
            snprintf(c->error, sizeof c->error, "%.200s: %.300s", capture_name(m->parts[i].cap), m->parts[i].cap->error);
            return -1;
        }
        m->parts[i].state = PART_EMPTY;
    }
    m->started = false;
    m->fatal = false;
    m->nheap = 0;
    m->last = -1;
    m->failed = 0;
    m->ndamaged = 0;
    m->failed_part = -1;
    c->at_start = true;
    return 0;
}

void capture_each_damaged(const struct capture *c, void (*fn)(void *ctx, const char *name, const char *reason), void *ctx)
{
    const struct capture_merge *m = c->merge;
    if (!m || m->ndamaged == 0) {
        fn(ctx, capture_name(c), c->error);
        return;
    }
    for (int k = 0; k < m->ndamaged; k++) {
        const struct capture *p = m->parts[m->damaged[k]].cap;
        fn(ctx, capture_name(p), p->error);
    }
}

bool merge_all_regular(const struct capture *c)
{
    for (int i = 0; i < c->merge->n; i++) {
        const struct capture *p = c->merge->parts[i].cap;
        if (!p->regular || p->live || p->spool_fd >= 0 || p->merge) return false;
    }
    return c->merge->n > 0;
}

uint64_t merge_offset(const struct capture *c)
{
    uint64_t n = 0;
    for (int i = 0; i < c->merge->n; i++) {
        const struct merge_part *p = &c->merge->parts[i];
        n += p->state == PART_DONE ? p->done_bytes : p->state == PART_WAITING ? 0 : capture_offset(p->cap);
    }
    return n;
}

int64_t merge_size(const struct capture *c)
{
    int64_t n = 0;
    for (int i = 0; i < c->merge->n; i++) {
        if (c->merge->parts[i].size < 0) return -1;
        n += c->merge->parts[i].size;
    }
    return n;
}

void merge_close(struct capture *c)
{
    struct capture_merge *m = c->merge;
    if (!m) return;
    for (int i = 0; i < m->n; i++)
        if (m->parts[i].owned) {
            capture_close(m->parts[i].cap);
            free(m->parts[i].cap);
        }
    free(m->parts);
    free(m->damaged);
    free(m->heap);
    free(m);
    c->merge = NULL;
}
