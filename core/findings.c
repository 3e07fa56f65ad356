/* Aggregation of findings (see findings.h): an open-addressing index on
 * (hunt, key) over a growing array of groups. */
#include "findings.h"

#include <stdlib.h>
#include <string.h>

void findings_init(struct findings *f) { memset(f, 0, sizeof *f); }

static void finding_free_strings(struct finding *x)
{
    free((char *)x->key); free((char *)x->msg); free((char *)x->src); free((char *)x->dst);
    free((char *)x->proto); free((char *)x->community_id); free((char *)x->reset_code);
    free((char *)x->reset_vendor); free((char *)x->reset_category); free((char *)x->reset_meaning);
    free((char *)x->summary); free((char *)x->file);
}

void findings_free(struct findings *f)
{
    for (size_t i = 0; i < f->n; i++) {
        finding_free_strings(&f->groups[i].first);
        free((char *)f->groups[i].first_file);
        free((char *)f->groups[i].last_file);
    }
    free(f->groups);
    free(f->index);
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

struct finding_group *findings_add(struct findings *f, const struct finding *x)
{
    const char *key = x->key ? x->key : "";
    if (x->frame && cite(f, x->capture, x->frame) != 0) return NULL;
    if (f->index_cap == 0 && reindex(f, 64) != 0) return NULL;
    size_t h = (size_t)group_hash(x->hunt, key) & (f->index_cap - 1);
    for (; f->index[h] != (size_t)-1; h = (h + 1) & (f->index_cap - 1)) {
        struct finding_group *g = &f->groups[f->index[h]];
        if (g->first.hunt == x->hunt && strcmp(g->first.key, key) == 0) {
            g->count++;
            if (x->frame) {
                if (!g->first_frame) {
                    g->first_frame = x->frame;
                    g->first_time = x->time;
                    if (set_file(&g->first_file, x->file) != 0) return NULL;
                }
                g->last_frame = x->frame;
                g->last_time = x->time;
                if (set_file(&g->last_file, x->file) != 0) return NULL;
            }
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
    g->first.key = dup(key);
    g->first.msg = dup(x->msg);
    g->first.src = dup(x->src);
    g->first.dst = dup(x->dst);
    g->first.proto = dup(x->proto);
    g->first.community_id = dup(x->community_id);
    g->first.reset_code = dup(x->reset_code);
    g->first.reset_vendor = dup(x->reset_vendor);
    g->first.reset_category = dup(x->reset_category);
    g->first.reset_meaning = dup(x->reset_meaning);
    g->first.summary = dup(x->summary);
    g->first.file = dup(x->file);
    g->first_file = dup(x->file);
    g->last_file = dup(x->file);
    g->count = 1;
    g->first_frame = g->last_frame = x->frame;
    g->first_time = g->last_time = x->time;
    f->index[h] = f->n++;
    if (f->n * 2 > f->index_cap && reindex(f, f->index_cap * 2) != 0) return NULL;
    return g;
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
