/* Findings aggregated by (hunt, key): count, first/last frame and time, and the
 * first finding's details as the group's example.  A hunt that fires a million
 * times makes one group per key, not a million records. */
#ifndef PCAPHUNT_FINDINGS_H
#define PCAPHUNT_FINDINGS_H

#include <stddef.h>
#include <stdint.h>

enum severity { SEV_INFO, SEV_LOW, SEV_MEDIUM, SEV_HIGH };

/* The details of one finding, as a hunt reported it (strings are copied). */
struct finding {
    int hunt;
    const char *key, *msg;
    enum severity severity;
    uint64_t frame;            /* 0 when the finding cites no packet */
    int capture;               /* index of the capture the frame belongs to */
    double time;
    const char *src, *dst, *proto, *community_id;
    int sport, dport;          /* -1 when absent */
    const char *reset_code, *reset_vendor, *reset_category, *reset_meaning;
    const char *summary;       /* one-line summary of the example packet */
    const char *file;          /* name of the capture the frame belongs to when a run reads several, else NULL */
};

struct finding_group {
    struct finding first;      /* owned copies of the first finding's strings */
    uint64_t count, first_frame, last_frame;
    double first_time, last_time;
    const char *first_file, *last_file;   /* owned; the captures of first_frame and last_frame */
};

struct cited { int capture; uint64_t frame; };

struct findings {
    struct finding_group *groups;
    size_t n, cap;
    size_t *index;             /* open-addressing index into groups */
    size_t index_cap;
    struct cited *cited;       /* every frame a finding cited, for -w */
    size_t ncited, cited_cap;
};

void findings_init(struct findings *f);
void findings_free(struct findings *f);
/* Adds a finding to its group; returns the group, or NULL when out of memory. */
struct finding_group *findings_add(struct findings *f, const struct finding *x);
/* Sorts and de-duplicates the cited frames. */
void findings_sort_cited(struct findings *f);
const char *severity_name(enum severity s);
int severity_parse(const char *s);   /* -1 when unknown */

#endif
