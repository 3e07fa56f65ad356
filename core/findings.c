/* Aggregation of findings (see findings.h): an open-addressing index on (hunt, key) over a
 * growing array of groups, an open-addressing set of each large group's distinct frames;
 * incidents joined over host pairs. */
#include "findings.h"
#include "bigtable.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

void findings_init(struct findings *f) { memset(f, 0, sizeof *f); }

void findings_free(struct findings *f)
{
    for (size_t i = 0; i < f->strings_cap; i++) free(f->strings[i]);
    free(f->strings);
    for (size_t i = 0; i < f->n; i++) {
        free((char *)f->groups[i].first_file);
        free((char *)f->groups[i].last_file);
        free(f->groups[i].seen);
    }
    free(f->groups);
    free(f->index);
    for (size_t i = 0; i < f->nincidents; i++) free(f->incidents[i].groups);
    free(f->incidents);
    free(f->cited);
    findings_init(f);
}

static uint64_t group_hash(int hunt, const char *key)
{
    uint64_t h = 1469598103934665603ull ^ (uint64_t)hunt;
    for (const char *p = key; *p; p++) { h ^= (uint8_t)*p; h *= 1099511628211ull; }
    return h;
}

static int reindex(struct findings *f, size_t cap)
{
    size_t *ix = malloc(cap * sizeof *ix);
    if (!ix) return -1;
    for (size_t i = 0; i < cap; i++) ix[i] = (size_t)-1;
    for (size_t g = 0; g < f->n; g++) {
        size_t h = (size_t)group_hash(f->groups[g].first.hunt, f->groups[g].first.key) & (cap - 1);
        while (ix[h] != (size_t)-1) h = (h + 1) & (cap - 1);
        ix[h] = g;
    }
    free(f->index);
    f->index = ix;
    f->index_cap = cap;
    return 0;
}

static char *dup(const char *s) { return s ? strdup(s) : NULL; }

static size_t string_hash(const char *s)
{
    uint64_t h = 1469598103934665603ull;
    for (; *s; s++) { h ^= (uint8_t)*s; h *= 1099511628211ull; }
    return (size_t)(h ^ (h >> 32));
}

/* The set's copy of s (made when s is new); NULL for NULL, or when out of memory. */
static const char *intern(struct findings *f, const char *s)
{
    if (!s) return NULL;
    if ((f->nstrings + 1) * 2 > f->strings_cap) {
        size_t cap = f->strings_cap ? f->strings_cap * 2 : 64;
        char **set = calloc(cap, sizeof *set);
        if (!set) return NULL;
        for (size_t i = 0; i < f->strings_cap; i++) {
            if (!f->strings[i]) continue;
            size_t j = bigtable_slot(string_hash(f->strings[i]), cap - 1);
            while (set[j]) j = (j + 1) & (cap - 1);
            set[j] = f->strings[i];
        }
        free(f->strings);
        f->strings = set;
        f->strings_cap = cap;
    }
    size_t i = bigtable_slot(string_hash(s), f->strings_cap - 1);   /* mixed and seeded: texts a capture chose crowd no run */
    for (; f->strings[i]; i = (i + 1) & (f->strings_cap - 1))
        if (strcmp(f->strings[i], s) == 0) return f->strings[i];
    if (!(f->strings[i] = strdup(s))) return NULL;
    f->nstrings++;
    return f->strings[i];
}

/* The text fields of a finding a group keeps (its key aside): each kept once per text (intern). */
static const size_t finding_texts[] = {
    offsetof(struct finding, msg), offsetof(struct finding, why), offsetof(struct finding, check),
    offsetof(struct finding, src), offsetof(struct finding, dst), offsetof(struct finding, proto),
    offsetof(struct finding, community_id), offsetof(struct finding, reset_code),
    offsetof(struct finding, reset_vendor), offsetof(struct finding, reset_category),
    offsetof(struct finding, reset_meaning), offsetof(struct finding, summary), offsetof(struct finding, file)
};

/* Makes *slot an owned copy of s (kept when equal); -1 when out of memory. */
static int set_file(const char **slot, const char *s)
{
    if (*slot && s && strcmp(*slot, s) == 0) return 0;
    char *c = dup(s);
    if (s && !c) return -1;
    free((char *)*slot);
    *slot = c;
    return 0;
}

static int cite(struct findings *f, int capture, uint64_t frame)
{
    if (f->ncited == f->cited_cap) {
        size_t cap = f->cited_cap ? f->cited_cap * 2 : 64;
        struct cited *c = realloc(f->cited, cap * sizeof *c);
        if (!c) return -1;
        f->cited = c;
        f->cited_cap = cap;
    }
    f->cited[f->ncited].capture = capture;
    f->cited[f->ncited].frame = frame;
    f->ncited++;
    return 0;
}

static void drop_incidents(struct findings *f)
{
    for (size_t i = 0; i < f->nincidents; i++) free(f->incidents[i].groups);
    free(f->incidents);
    f->incidents = NULL;
    f->nincidents = 0;
}

static size_t cited_hash(int capture, uint64_t frame)
{
    uint64_t h = (frame ^ ((uint64_t)(unsigned)capture << 48)) * 0x9e3779b97f4a7c15ull;
    return (size_t)(h ^ (h >> 29));
}

/* Puts (capture, frame) in the set (room is there); false when it was in already. */
static bool seen_put(struct cited *set, size_t cap, int capture, uint64_t frame)
{
    size_t i = cited_hash(capture, frame) & (cap - 1);
    for (; set[i].frame; i = (i + 1) & (cap - 1))
        if (set[i].frame == frame && set[i].capture == capture) return false;
    set[i].capture = capture;
    set[i].frame = frame;
    return true;
}

_Static_assert(32 >= 2 * (GROUP_FRAMES_LISTED + 1), "a group's first set holds what it lists and one more, half full");

/* Makes g's set twice as large (or its first, from `listed`). -1 when out of memory. */
static int seen_grow(struct finding_group *g)
{
    size_t cap = g->seen_cap ? g->seen_cap * 2 : 32;   /* a power of two */
    struct cited *set = calloc(cap, sizeof *set);
    if (!set) return -1;
    if (g->seen) {
        for (size_t i = 0; i < g->seen_cap; i++)
            if (g->seen[i].frame) seen_put(set, cap, g->seen[i].capture, g->seen[i].frame);
    } else {
        for (int i = 0; i < g->nlisted; i++) seen_put(set, cap, g->listed_capture[i], g->listed[i]);
    }
    free(g->seen);
    g->seen = set;
    g->seen_cap = cap;
    return 0;
}

/* Counts frame among g's distinct frames (and lists it among the first) unless cited before.
 * -1 when out of memory. */
static int list_frame(struct finding_group *g, int capture, uint64_t frame)
{
    if (!g->seen) {   /* all of them are listed: look there */
        for (int i = 0; i < g->nlisted; i++)
            if (g->listed[i] == frame && g->listed_capture[i] == capture) return 0;
        if (g->nlisted < GROUP_FRAMES_LISTED) {
            g->listed[g->nlisted] = frame;
            g->listed_capture[g->nlisted] = capture;
            g->nlisted++;
            g->frames++;
            return 0;
        }
        if (seen_grow(g) != 0) return -1;
    } else if ((g->frames + 1) * 2 > g->seen_cap && seen_grow(g) != 0) {
        return -1;
    }
    if (!seen_put(g->seen, g->seen_cap, capture, frame)) return 0;
    if (g->nlisted < GROUP_FRAMES_LISTED) {   /* a set emptied for the next finding (findings_group_one) */
        g->listed[g->nlisted] = frame;
        g->listed_capture[g->nlisted] = capture;
        g->nlisted++;
    }
    g->frames++;
    return 0;
}

void findings_group_frames(const struct finding_group *g, struct cited *out)
{
    size_t n = 0;
    if (!g->seen) {
        for (int i = 0; i < g->nlisted; i++) out[n++] = (struct cited){g->listed_capture[i], g->listed[i]};
        return;
    }
    for (size_t i = 0; i < g->seen_cap && n < g->frames; i++)
        if (g->seen[i].frame) out[n++] = g->seen[i];
}

int stamp_cmp(const struct stamp *a, const struct stamp *b)
{
    if (a->sec != b->sec) return a->sec < b->sec ? -1 : 1;
    uint64_t fa = a->nano ? a->frac : a->frac * 1000ull, fb = b->nano ? b->frac : b->frac * 1000ull;
    return fa < fb ? -1 : fa > fb;
}

double stamp_seconds(const struct stamp *t)
{
    return (double)t->sec + (double)t->frac / (t->nano ? 1e9 : 1e6);
}

int findings_group_cite(struct finding_group *g, int capture, uint64_t frame, struct stamp time, const char *file)
{
    if (!frame) return 0;
    if (!g->first_frame || stamp_cmp(&time, &g->first_time) < 0) {   /* frames may be cited out of order */
        g->first_frame = frame;
        g->first_time = time;
        g->first_capture = capture;
        if (set_file(&g->first_file, file) != 0) return -1;
    }
    if (!g->last_frame || stamp_cmp(&time, &g->last_time) >= 0) {
        g->last_frame = frame;
        g->last_time = time;
        if (set_file(&g->last_file, file) != 0) return -1;
    }
    return list_frame(g, capture, frame);
}

int findings_cite(struct findings *f, struct finding_group *g, int capture, uint64_t frame, struct stamp time,
                  const char *file)
{
    if (!frame) return 0;
    if (cite(f, capture, frame) != 0) return -1;
    return findings_group_cite(g, capture, frame, time, file);
}

int findings_group_one(struct finding_group *g, const struct finding *x)
{
    g->first = *x;
    g->count = 1;
    g->first_frame = g->last_frame = 0;
    g->first_capture = 0;
    g->first_time = g->last_time = (struct stamp){0, 0, false};
    g->frames = 0;
    g->nlisted = 0;
    g->incident = (size_t)-1;
    if (g->seen) {   /* kept for the next finding, emptied; a large one goes */
        if (g->seen_cap > 4096) { free(g->seen); g->seen = NULL; g->seen_cap = 0; }
        else memset(g->seen, 0, g->seen_cap * sizeof *g->seen);
    }
    if (set_file(&g->first_file, x->file) != 0 || set_file(&g->last_file, x->file) != 0) return -1;
    return findings_group_cite(g, x->capture, x->frame, x->time, x->file);
}

void findings_group_free(struct finding_group *g)
{
    free(g->seen);
    free((char *)g->first_file);
    free((char *)g->last_file);
    g->seen = NULL;
    g->seen_cap = 0;
    g->first_file = g->last_file = NULL;
}

struct finding_group *findings_add(struct findings *f, const struct finding *x)
{
    const char *key = x->key ? x->key : "";
    drop_incidents(f);
    if (x->frame && cite(f, x->capture, x->frame) != 0) return NULL;
    if (f->index_cap == 0 && reindex(f, 64) != 0) return NULL;
    size_t h = (size_t)group_hash(x->hunt, key) & (f->index_cap - 1);
    for (; f->index[h] != (size_t)-1; h = (h + 1) & (f->index_cap - 1)) {
        struct finding_group *g = &f->groups[f->index[h]];
        if (g->first.hunt == x->hunt && strcmp(g->first.key, key) == 0) {
            g->count++;
            if (findings_group_cite(g, x->capture, x->frame, x->time, x->file) != 0) return NULL;
            if (x->severity > g->first.severity) g->first.severity = x->severity;
            return g;
        }
    }
    if (f->n == f->cap) {
        size_t cap = f->cap ? f->cap * 2 : 16;
        struct finding_group *gs = realloc(f->groups, cap * sizeof *gs);
        if (!gs) return NULL;
        f->groups = gs;
        f->cap = cap;
    }
    struct finding_group *g = &f->groups[f->n];
    memset(g, 0, sizeof *g);
    g->first = *x;
    g->first.key = intern(f, key);
    for (size_t i = 0; i < sizeof finding_texts / sizeof *finding_texts; i++) {
        const char **to = (const char **)((char *)&g->first + finding_texts[i]);
        *to = intern(f, *to);
    }
    g->first_file = dup(x->file);
    g->last_file = dup(x->file);
    g->count = 1;
    if (x->frame) {   /* the first frame: listed, nothing to look up */
        g->first_frame = g->last_frame = x->frame;
        g->first_capture = x->capture;
        g->first_time = g->last_time = x->time;
        g->listed[0] = x->frame;
        g->listed_capture[0] = x->capture;
        g->nlisted = 1;
        g->frames = 1;
    }
    f->index[h] = f->n++;
    if (f->n * 2 > f->index_cap && reindex(f, f->index_cap * 2) != 0) return NULL;
    return g;
}

/* ---- incidents: union-find over the groups, joined by host pair ---- */

static size_t uf_find(size_t *parent, size_t i)
{
    while (parent[i] != i) { parent[i] = parent[parent[i]]; i = parent[i]; }
    return i;
}

static const char *or_empty(const char *s) { return s ? s : ""; }

/* The group's host pair, smaller address first. */
static void group_pair(const struct finding_group *g, const char **a, const char **b)
{
    *a = or_empty(g->first.src);
    *b = or_empty(g->first.dst);
    if (strcmp(*a, *b) > 0) { const char *t = *a; *a = *b; *b = t; }
}

static const struct findings *pair_sort_f;

static int pair_cmp(const void *x, const void *y)
{
    const char *a0, *a1, *b0, *b1;
    group_pair(&pair_sort_f->groups[*(const size_t *)x], &a0, &a1);
    group_pair(&pair_sort_f->groups[*(const size_t *)y], &b0, &b1);
    int c = strcmp(a0, b0);
    if (!c) c = strcmp(a1, b1);
    if (!c) c = *(const size_t *)x < *(const size_t *)y ? -1 : 1;
    return c;
}

int findings_correlate(struct findings *f)
{
    if (f->incidents || f->n == 0) return 0;
    size_t *parent = malloc(f->n * sizeof *parent), *order = malloc(f->n * sizeof *order);
    size_t *slot = malloc(f->n * sizeof *slot);
    if (!parent || !order || !slot) { free(parent); free(order); free(slot); return -1; }
    for (size_t i = 0; i < f->n; i++) parent[i] = order[i] = i;
    pair_sort_f = f;
    qsort(order, f->n, sizeof *order, pair_cmp);
    for (size_t i = 1; i < f->n; i++) {
        const char *a0, *a1, *b0, *b1;
        group_pair(&f->groups[order[i - 1]], &a0, &a1);
        group_pair(&f->groups[order[i]], &b0, &b1);
        bool has_host = *a0 || *a1;   /* findings that name no host stay on their own */
        if (has_host && strcmp(a0, b0) == 0 && strcmp(a1, b1) == 0)
            parent[uf_find(parent, order[i])] = uf_find(parent, order[i - 1]);
    }
    /* incidents numbered in the order of their first group */
    size_t n = 0;
    for (size_t i = 0; i < f->n; i++) slot[i] = (size_t)-1;
    struct incident *inc = calloc(f->n, sizeof *inc);
    if (!inc) { free(parent); free(order); free(slot); return -1; }
    for (size_t i = 0; i < f->n; i++) {
        size_t root = uf_find(parent, i);
        if (slot[root] == (size_t)-1) slot[root] = n++;
        struct incident *in = &inc[slot[root]];
        size_t *gs = realloc(in->groups, (in->n + 1) * sizeof *gs);
        if (!gs) {
            for (size_t k = 0; k < n; k++) free(inc[k].groups);
            free(inc); free(parent); free(order); free(slot);
            return -1;
        }
        in->groups = gs;
        if (in->n == 0 || f->groups[i].first.severity > in->severity) in->severity = f->groups[i].first.severity;
        in->groups[in->n++] = i;
        f->groups[i].incident = slot[root];
    }
    free(parent); free(order); free(slot);
    f->incidents = inc;
    f->nincidents = n;
    return 0;
}

static int cited_cmp(const void *a, const void *b)
{
    const struct cited *x = a, *y = b;
    if (x->capture != y->capture) return x->capture < y->capture ? -1 : 1;
    return x->frame < y->frame ? -1 : x->frame > y->frame;
}

void findings_sort_cited(struct findings *f)
{
    if (!f->ncited) return;
    qsort(f->cited, f->ncited, sizeof *f->cited, cited_cmp);
    size_t o = 1;
    for (size_t i = 1; i < f->ncited; i++)
        if (cited_cmp(&f->cited[i], &f->cited[o - 1]) != 0) f->cited[o++] = f->cited[i];
    f->ncited = o;
}

const char *severity_name(enum severity s)
{
    static const char *names[] = {"info", "low", "medium", "high"};
    return (unsigned)s < 4 ? names[s] : "?";
}

int severity_parse(const char *s)
{
    for (int i = 0; i < 4; i++)
        if (s && strcmp(s, severity_name((enum severity)i)) == 0) return i;
    return -1;
}
