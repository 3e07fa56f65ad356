/* A hunt run split over processes or machines (-j, --part/--state-out, --merge): each part runs the
 * engine over its share of the conversations and records what the hunts would be handed (packets,
 * flow ends, flows an ICMP error quotes, its hosts); the merge replays every part's records in the
 * sequential run's order, so the hunts' Lua sees what it would have seen.  Format: docs/scale-out.md. */
#ifndef PCAPHUNT_REPLAY_H
#define PCAPHUNT_REPLAY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "capture.h"
#include "engine.h"
#include "flow.h"
#include "stream.h"

#define REPLAY_VERSION 6
#define REPLAY_MAX_PARTS 256
#define REPLAY_MAX_CALLS ENGINE_MAX_CONSUMERS
/* a record's payload is at most this long: the largest frame a capture may hold and its flow */
#define REPLAY_MAX_RECORD (CAPTURE_MAX_CAPLEN + 65536u)

/* Where a record falls among the records of one frame (the sequential run's order):
 * flows the frame's time ends, the flow its ICMP error quotes, its callbacks, flows its own
 * update evicts, and a mark that the part is past it. */
enum replay_phase { PH_EXPIRE = 0, PH_QUOTED = 1, PH_PACKET = 2, PH_AFTER = 3, PH_MARK = 4 };
#define REPLAY_END_ORDINAL UINT64_MAX   /* the flows left at the end of the run */

struct replay_call { uint8_t consumer, events; };

/* What a part says of the run in its header: every part of a run must agree on it. */
struct replay_header {
    uint32_t version, part, parts;     /* part: 1..parts */
    char *producer;                    /* "pcaphunt VERSION": a merge reads only its own version's */
    char *run;                         /* what decides the frames read: the filter and -c, as text */
    uint32_t ncaptures, nhunts, nsets, nresets;
    char **captures, **hunts, **sets;  /* names; the selected hunts in order; the --set assignments */
    char **hunt_code;                  /* per hunt: a hash of the text that defined it (hex; "-": none) */
    char **resets;                     /* reset codes added (pcaphunt.add_reset_code): 4 strings each */
    uint32_t nunopened;
    char **unopened;                   /* "NAME: REASON" of each capture that could not be opened */
};
void replay_header_free(struct replay_header *h);

/* ---- the recording side (a part) ---- */
struct replay_writer {
    int fd;
    const char *name;                  /* for messages */
    uint8_t *buf;
    size_t n, cap;
    int err;                           /* errno of the first failed write, or -1: out of memory */
    bool in_record;                    /* a record is being written: the buffer grows, it is not flushed */
    const struct engine *e;
    /* the callbacks of the frame in hand, written as one record once they are all known */
    bool pp;                           /* a frame's callbacks are pending */
    uint64_t pp_ordinal;
    const struct frame *pp_frame;      /* the engine's (valid until its next step); the engine_packet
                                          itself is the engine's stack's, gone once the step returns */
    int pp_source, pp_dir;
    bool pp_has_flow, pp_has_conv;
    struct flow pp_flow;               /* its flow before it (the table changes once the callbacks are over) */
    struct conversation pp_conv;       /* with engine.streams: its conversation, and a QUIC client's DCID */
    uint8_t pp_dcid[20];
    size_t pp_dcid_len;
    struct replay_call calls[REPLAY_MAX_CALLS];
    int ncalls;
    /* the same for the flow ending now */
    bool pf;                           /* a flow's end is pending */
    struct flow pf_flow;               /* as it ended (its record is freed right after); its serial tells it */
    uint64_t pf_ordinal, pf_frame;
    uint8_t pf_phase;
    double pf_deadline;
    struct replay_call fcalls[REPLAY_MAX_CALLS];
    int nfcalls;
    uint64_t marked;                   /* the last frame a mark was written for */
    uint64_t fingerprint;              /* of every frame read */
};
/* One consumer's recorder: its on_packet / on_flow_end write to w with this index. */
struct replay_slot { struct replay_writer *w; uint8_t consumer; };

void replay_writer_init(struct replay_writer *w, int fd, const char *name, const struct engine *e);
bool replay_write_header(struct replay_writer *w, const struct replay_header *h);
void replay_record_packet(void *ctx, const struct engine_packet *p, unsigned events);
void replay_record_flow_end(void *ctx, const struct flow *f, uint32_t index, unsigned events);
/* engine.on_quoted: the flow (or none) of the packet an ICMP error quotes, before its callbacks */
void replay_record_quoted(void *ctx, const struct flow_key *k, const struct flow *f);
/* engine.on_removed: a flow left the table before the end (the merge keeps a filter of them). */
void replay_record_removed(void *ctx, const struct flow *f);
/* A capture could not be read to its end: the merge says it where the whole run would, once the
 * frames read are handed over and before the flows left end. */
void replay_write_warning(struct replay_writer *w, const char *msg);
/* After each frame: what is pending is written, and a mark every few thousand frames. */
void replay_after_frame(struct replay_writer *w);
/* The end of the part: counters, its hosts, the UDP answers; then the output is flushed.
 * damaged: a capture could not be read to its end; filter_inner: engine.filter_inner.  false with
 * w->err on a write error. */
bool replay_write_end(struct replay_writer *w, const struct flow_table *t, uint64_t packets, bool damaged,
                      bool interrupted, uint64_t filter_inner);
bool replay_flush(struct replay_writer *w);
void replay_writer_free(struct replay_writer *w);

/* ---- the merging side ---- */
enum replay_kind { R_HEADER = 'H', R_PACKET = 'P', R_QUOTED = 'Q', R_FLOW_END = 'E', R_REMOVED = 'X', R_MARK = 'M', R_WARNING = 'W',
                   R_END = 'Z' };

struct replay_record {
    uint8_t kind;
    uint64_t ordinal;
    uint8_t phase;
    double deadline;                   /* R_FLOW_END */
    uint64_t first_frame;              /* R_FLOW_END: the flow's */
    /* R_PACKET */
    struct frame frame;
    bool has_flow;
    struct flow flow;                  /* R_PACKET: the flow before the packet; R_FLOW_END, R_QUOTED */
    int dir;
    int source;                        /* the capture (1-based) */
    struct replay_call calls[REPLAY_MAX_CALLS];
    int ncalls;
    uint64_t frame_number;             /* R_FLOW_END: the frame that ended it (0: the end of the run) */
    uint32_t hash;                     /* R_REMOVED: the flow key's hash */
    struct flow_key qkey;              /* R_QUOTED */
    bool has_conv;                     /* R_PACKET: its conversation (a run with conversations) */
    struct conversation conv;
    uint8_t dcid[20];                  /* ... and a QUIC client's DCID, dcid_len 0: none */
    size_t dcid_len;
    uint8_t *bytes;                    /* the frame's bytes, R_WARNING's text (owned by the source until its next record) */
    size_t bytes_cap;
};

struct replay_source {
    int fd;
    char *name;
    uint8_t *buf;
    size_t len, off, cap;
    uint64_t at;                       /* bytes consumed before buf (for messages) */
    bool eof;
    struct replay_header header;
    struct replay_record head;         /* the next record, when has_head */
    uint64_t last_ordinal;             /* the order key of its last record: a part writes them in order */
    uint8_t last_phase;
    double last_deadline;
    uint64_t last_first;
    bool has_head, ended;
    /* from its R_END */
    uint64_t packets, expired, evicted, hosts_evicted, flows;
    uint64_t fingerprint;              /* of every frame read (times and lengths): the parts read the same */
    uint64_t filter_inner;             /* engine.filter_inner of the part (the same in every part) */
    uint64_t pairs_dropped;            /* flows its address-pair memory was too full to keep */
    bool damaged, interrupted;
    struct host *hosts;
    size_t nhosts;
    uint32_t *udp_answered;            /* rows * cols, or NULL */
    uint64_t *served;                  /* FLOW_SERVED_WORDS words of its established-connection filter, or NULL */
};

struct replay_merge {
    struct replay_source *src;
    int n;
    int last;                          /* the source of the record last returned */
    struct flow_table *removed;        /* where flows that left a part's table are noted, or NULL */
    /* err is about a part's end: its end record or host records cut (its hosts are not merged), or
       its UDP-answer records cut (some of its answers are not) */
    bool hosts_cut, answers_cut;
    char err[512];
};

/* Opens the merge of n parts read from fds (names for messages); reads and checks their headers
 * (one run, each part once).  false with m->err. */
bool replay_merge_open(struct replay_merge *m, const int *fds, char *const *names, int n);
/* The next record in the sequential order: 1 (rec), 0 when every part has ended, -1 with m->err.
 * Flows that left a part's table are noted in `removed` (flow_note_removed) as they come. */
int replay_next(struct replay_merge *m, const struct replay_record **rec);
/* After the end: the parts' hosts (in the order the sequential run met them) and UDP answers into t,
 * and their counters; packets: the frames read; filter_inner: the parts' engine.filter_inner.  false
 * with m->err when the parts did not read the same frames (a part interrupted, a capture changed
 * between them). */
bool replay_merge_tables(struct replay_merge *m, struct flow_table *t, uint64_t *packets, bool *damaged,
                         uint64_t *filter_inner);
void replay_merge_close(struct replay_merge *m);

#endif
