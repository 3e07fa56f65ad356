/* Findings aggregated by (hunt, key): count, first/last frame and time, the distinct frames
 * cited (the first few listed), and the first finding's details as the group's example.
 * A hunt that fires a million times makes one group per key, not a million records.
 * Groups about the same host pair are correlated into incidents (findings_correlate). */
#ifndef PCAPHUNT_FINDINGS_H
#define PCAPHUNT_FINDINGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum severity { SEV_INFO, SEV_LOW, SEV_MEDIUM, SEV_HIGH };

/* A frame's time stamp as its capture gave it: seconds and a fraction counting micro- or
 * nanoseconds, so the report prints the digits the capture has, exactly. */
struct stamp {
    int64_t sec;
    uint32_t frac;
    bool nano;
};

/* <0, 0, >0 as a is before, at or after b (exact, whatever the precisions). */
int stamp_cmp(const struct stamp *a, const struct stamp *b);
/* Seconds since 1970 as a float (for Lua; rounded). */
double stamp_seconds(const struct stamp *t);

/* The details of one finding, as a hunt reported it (strings are copied). */
struct finding {
    int hunt;
    const char *key, *msg;
    const char *why, *check;   /* why it is unusual, what to check next (NULL when not said) */
    enum severity severity;
    uint64_t frame;            /* 0 when the finding cites no packet */
    int capture;               /* index of the capture the frame belongs to */
    struct stamp time;
    const char *src, *dst, *proto, *community_id;
    int sport, dport;          /* -1 when absent */
    const char *reset_code, *reset_vendor, *reset_category, *reset_meaning;
    bool reset_peer;           /* F5's {peer}: the cause was on the proxy's connection to the other side */
    const char *summary;       /* one-line summary of the example packet */
    const char *file;          /* name of the capture the frame belongs to when a run reads several, else NULL */
};

#define GROUP_FRAMES_LISTED 10

struct cited { int capture; uint64_t frame; };

struct finding_group {
    struct finding first;      /* the first finding's strings, copies kept once in findings.strings */
    uint64_t count, first_frame, last_frame;
    struct stamp first_time, last_time;
    const char *first_file, *last_file;   /* owned; the captures of first_frame and last_frame */
    int first_capture;         /* the capture (1-based) of first_frame: equal times order by it, as the merge does */
    uint64_t frames;           /* distinct (capture, frame) cited, each counted once */
    uint64_t listed[GROUP_FRAMES_LISTED];   /* the first distinct ones, in the order cited */
    int listed_capture[GROUP_FRAMES_LISTED];
    int nlisted;
    /* every distinct frame, an open-addressing set (frame 0: empty slot) made once the group cites
       more than GROUP_FRAMES_LISTED; before, `listed` holds them all and seen is NULL */
    struct cited *seen;
    size_t seen_cap;
    size_t incident;           /* index into findings.incidents, set by findings_correlate; (size_t)-1: none */
};

/* Groups about the same host pair (the unordered addresses of each group's first cited packet,
 * or the host a finding without packets named): one incident, its severity the highest. */
struct incident {
    size_t *groups;            /* indices into findings.groups, in the order they were made */
    size_t n;
    enum severity severity;
    size_t number;             /* its number in the report (1, 2 …) when two or more hunts agree on it; 0: none */
};

struct findings {
    struct finding_group *groups;
    size_t n, cap;
    size_t *index;             /* open-addressing index into groups */
    size_t index_cap;
    struct cited *cited;       /* every frame a finding cited, for -w */
    size_t ncited, cited_cap;
    struct incident *incidents;   /* made by findings_correlate; dropped by findings_add */
    size_t nincidents;
    /* the groups' strings, each text kept once (the why of a hunt's thousand groups, their vendor
       and protocol): an open-addressing set of owned copies, half full at most */
    char **strings;
    size_t nstrings, strings_cap;
};

void findings_init(struct findings *f);
void findings_free(struct findings *f);
/* Adds a finding to its group; returns the group, or NULL when out of memory. */
struct finding_group *findings_add(struct findings *f, const struct finding *x);
/* Cites one more frame for group g (a finding that names several packets). 0, or -1 when out of memory. */
int findings_cite(struct findings *f, struct finding_group *g, int capture, uint64_t frame, struct stamp time,
                  const char *file);
/* Cites one more frame for group g alone (frames, listed, first/last), not for -w: the citing of
 * findings_cite and of findings_group_one's groups. 0, or -1 when out of memory. */
int findings_group_cite(struct finding_group *g, int capture, uint64_t frame, struct stamp time, const char *file);
/* Makes g the group of finding x alone (count 1, x's frame cited; x's strings borrowed, not copied),
 * to print one finding as it is reported with the frames it cites; g keeps its allocations for the
 * next time (findings_group_free frees them). g starts zeroed. 0, or -1 when out of memory. */
int findings_group_one(struct finding_group *g, const struct finding *x);
void findings_group_free(struct finding_group *g);
/* Copies g's g->frames distinct frames into out (in no particular order). */
void findings_group_frames(const struct finding_group *g, struct cited *out);
/* Builds f->incidents from the groups (again only after a findings_add). 0, or -1 when out of memory. */
int findings_correlate(struct findings *f);
/* Sorts and de-duplicates the cited frames. */
void findings_sort_cited(struct findings *f);
const char *severity_name(enum severity s);
int severity_parse(const char *s);   /* -1 when unknown */

#endif
