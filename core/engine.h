/* The engine: the one packet loop.  It reads a capture, decodes each frame once, matches
 * every consumer's declared conditions on the decoded packet (and BPF from the network-layer
 * header), raises flow events, updates the flow/host tables, and calls back.  No Lua here. */
#ifndef PCAPHUNT_ENGINE_H
#define PCAPHUNT_ENGINE_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include "capture.h"
#include "decode.h"
#include "flow.h"
#include "stream.h"

/* Declared conditions on a decoded packet; all that are set must hold. */
enum match_bit {
    M_IP4 = 1u << 0, M_IP6 = 1u << 1, M_PROTO = 1u << 2, M_TCP_ANY = 1u << 3, M_TCP_ALL = 1u << 4,
    M_PORT = 1u << 5, M_SRC = 1u << 6, M_TTL = 1u << 7, M_IP_ID = 1u << 8, M_PAYLOAD = 1u << 9,
    M_RESET_CAUSE = 1u << 10, M_BPF = 1u << 11, M_SRC_IS_DST = 1u << 12, M_TCP_NONE = 1u << 13,
    M_IP = 1u << 14, M_FRAME_BPF = 1u << 15, M_FRAME_FALLBACK = 1u << 16,
    M_NEW_FLOW = 1u << 17,    /* no flow before the packet (checked after the flow lookup) */
    M_ICMP_TYPE = 1u << 18, M_DST = 1u << 19,
    M_AFTER_RST = 1u << 20,   /* its flow saw a RST before the packet (checked after the flow lookup) */
    M_APP = 1u << 21,         /* the payload decodes as one of `app` (bits 1 << enum app_proto) */
    M_PORT_NOT = 1u << 22,    /* neither port is one of ports_not */
    M_FIRST_DATA = 1u << 23,  /* the first payload of its flow (checked after the flow lookup) */
    M_APP_NOT = 1u << 24,     /* the payload is not a sound message of one of `app_not` (malformed counts as not) */
    M_DNS_ODD = 1u << 25,     /* a DNS query a tunnel would send (app_dns_odd_query with dns_odd) */
    M_OLD_FLOW = 1u << 26,    /* its flow was there before the packet: new_flow = false (checked after the flow lookup) */
    M_DNS_TXT_REPLY = 1u << 27,  /* a DNS response to a TXT question whose name's first label is dns_txt_reply
                                    (app_dns_txt_reply) */
    M_FRAG_CUT = 1u << 28        /* an IP fragment that cuts or overlaps its transport header (decoded.frag_cut) */
};

#define MATCH_MAX_PORTS 32
#define MATCH_MAX_PREFIXES 16

struct prefix { uint8_t version, len, addr[16]; };

struct match {
    uint32_t set;                        /* enum match_bit */
    /* match_prepare: necessary conditions on a packet's feature word (packet_features), tested
       with a few instructions before match_packet; q_full: they are the whole condition */
    uint32_t q_all, q_none, q_any1, q_any2;
    bool q_ready, q_full;
    uint32_t q_pre;                      /* conditions left beyond the quick test that are tested inline
                                            (M_PORT, M_TTL, M_SRC, M_DST, M_IP_ID, M_ICMP_TYPE, M_SRC_IS_DST, and
                                            M_PROTO for a protocol without a feature bit) */
    bool q_more;                         /* and others besides them: then match_packet */
    bool q_wait;                         /* it waits for the flow (new_flow, after_rst, first_data): the
                                            rest is tested after the flow lookup, if the flow allows it */
    uint8_t proto;                       /* IP protocol after extension headers */
    uint16_t tcp_any, tcp_all, tcp_none; /* TCP flag masks: one of, all of, none of */
    uint16_t ports[MATCH_MAX_PORTS];     /* source or destination port */
    uint8_t nports;
    uint64_t port_bits;                  /* bit (port & 63) of each port: most ports are rejected by it */
    uint16_t ports_not[MATCH_MAX_PORTS];
    uint8_t nports_not;
    uint8_t app;                         /* M_APP: 1 << APP_DNS | 1 << APP_TLS … */
    uint8_t app_not;                     /* M_APP_NOT: the same bits */
    uint8_t dns_odd;                     /* M_DNS_ODD: the label / name-part length */
    uint8_t dns_txt_reply_len;           /* M_DNS_TXT_REPLY: the label, in lower case, and its length (1..63) */
    char dns_txt_reply[64];
    uint64_t src_first[2][4], dst_first[2][4];   /* match_prepare: the first address bytes the src / dst
                                                    prefixes allow, [0] IPv4 [1] IPv6: most packets fail here */
    struct prefix src[MATCH_MAX_PREFIXES];
    uint8_t nsrc;
    struct prefix dst[MATCH_MAX_PREFIXES];
    uint8_t ndst;
    uint64_t icmp_types[4];              /* bit t: ICMP or ICMPv6 type t */
    uint8_t ttl_min, ttl_max;
    uint16_t ip_id_min, ip_id_max;       /* M_IP_ID: the identification's range */
    struct bpf_program bpf;              /* M_BPF: compiled for raw IP, run from the IP header;
                                            M_FRAME_BPF: for the link type, run on the whole frame */
    struct bpf_program frame_bpf;        /* M_FRAME_FALLBACK: with M_BPF, for frames without IP */
};

/* A packet's feature word: its TCP flags (when the fixed header was captured) and layer bits. */
enum packet_feature {
    PF_TCP = 1u << 9, PF_TCP_FIXED = 1u << 10, PF_UDP = 1u << 11, PF_ICMP = 1u << 12, PF_ICMPV6 = 1u << 13,
    PF_IP4 = 1u << 14, PF_IP6 = 1u << 15, PF_IP = 1u << 16, PF_PAYLOAD = 1u << 17, PF_RESET_CAUSE = 1u << 18,
    PF_FRAG_CUT = 1u << 19
};

static inline uint32_t packet_features(const struct decoded *d)
{
    uint32_t l = d->layers, x = 0;
    if (l & L_TCP) x |= PF_TCP | (d->tcp.fixed ? PF_TCP_FIXED | (d->tcp.flags & 0x1ffu) : 0);
    if (l & L_UDP) x |= PF_UDP;
    if (l & L_ICMP) x |= PF_ICMP;
    if (l & L_ICMPV6) x |= PF_ICMPV6;
    if (d->ip_version == 4) x |= PF_IP4 | PF_IP;
    else if (d->ip_version == 6) x |= PF_IP6 | PF_IP;
    if (d->payload_caplen) x |= PF_PAYLOAD;
    if (d->has_reset_cause) x |= PF_RESET_CAUSE;
    if (d->frag_cut) x |= PF_FRAG_CUT;
    return x;
}

/* False when the packet with feature word x cannot meet m (m prepared). */
static inline bool match_quick(const struct match *m, uint32_t x)
{
    return (x & m->q_all) == m->q_all && !(x & m->q_none) && (!m->q_any1 || (x & m->q_any1)) &&
           (!m->q_any2 || (x & m->q_any2));
}

/* Engine events, raised in C on packets whether or not a consumer's conditions matched. */
enum engine_event {
    EV_MATCH = 1u << 0,       /* the packet met one of the consumer's conditions */
    EV_TTL_CHANGE = 1u << 1,  /* its TTL differs from the previous packet's in the same flow direction */
    EV_RST_IN_FLOW = 1u << 2, /* a RST in a flow with earlier packets */
    EV_FLOW_END = 1u << 3,    /* a flow left the table (expired, evicted) or the run ended */
    EV_CONN_FAILED = 1u << 4, /* as EV_FLOW_END, for a connection that never was (flow_failed_connection) */
    EV_DATA_AFTER_FIN = 1u << 5   /* TCP data past the FIN its sender's side sent before (flow_data_after_fin):
                                     once per side of a connection */
};

struct engine_packet {
    const struct frame *frame;
    const struct decoded *d;
    const struct flow *flow;  /* the flow before this packet; NULL when this packet opens it */
    int dir;                  /* the sender's endpoint in flow */
    int source;               /* index of the capture (1-based) */
    bool flow_forgotten;      /* no flow, but one with this key may have left the table */
    const struct conversation *conversation;   /* with engine.streams: tcp.stream/udp.stream, or NULL */
};

/* Which flows a consumer's EV_FLOW_END is for, decided in C (no call for the others): those whose
 * state has every bit of `all` and none of `none` (enum flow_state), of protocol `proto` when it is
 * not 0, and, with `unanswered`, whose responder sent nothing. */
struct flow_end_want {
    uint8_t all, none, proto;
    bool unanswered;
};

struct engine_consumer {
    const struct match *matches; /* alternatives; none: every packet matches */
    int nmatches;
    bool all;                    /* take every packet (no conditions) */
    unsigned events;             /* enum engine_event wanted besides EV_MATCH */
    bool active;
    struct flow_end_want flow_end;       /* EV_FLOW_END only for such flows */
    /* events: the subset of EV_* that holds for this packet */
    void (*on_packet)(void *ctx, const struct engine_packet *p, unsigned events);
    /* events: EV_FLOW_END and/or EV_CONN_FAILED, those the consumer asked for that hold */
    void (*on_flow_end)(void *ctx, const struct flow *f, uint32_t index, unsigned events);
    void *ctx;
};

#define ENGINE_MAX_CONSUMERS 64
/* Frames an engine reads itself before a thread reads ahead for it (short reads never start one). */
#define ENGINE_READAHEAD_AFTER 4096
/* A connection attempt still in its handshake this close (seconds, TCP's initial retransmission
 * timeout) to a capture's end is not a failed one: its answer may have come after the capture. */
#define ENGINE_UNDECIDED_SYN 1.0

/* Which consumers' alternatives can hold for packets with one feature word: those whose quick test
 * passes (or that have none), in consumer then alternative order, each with what is left to test
 * (enum plan_kind; for PK_TTL the range, for PK_IP_ID the ID), so that most candidates need not
 * read their struct match.  Made the first time a feature word is seen; a capture has a few dozen,
 * so per packet the engine reads one plan instead of testing every alternative of every consumer. */
#define ENGINE_PLAN_SLOTS 128
#define ENGINE_PLAN_MAX 60
enum plan_kind { PK_WAIT, PK_TTL, PK_IP_ID, PK_REST, PK_PACKET,
                 PK_PORT,        /* the rest is the port list: the engine's port index decides (lo: the port id) */
                 PK_PORT_REST,   /* the port index first, then the rest */
                 PK_TTL_SET };   /* several TTL ranges of one consumer, one after another: the plan's ttl_set[lo] */
#define ENGINE_PLAN_TTL_SETS 4
struct plan_cand {
    uint8_t consumer, alt, kind, lo;
    uint16_t hi;                 /* PK_TTL: lo..hi; PK_PORT, PK_PORT_REST: lo the port id */
    uint32_t waits;              /* PK_WAIT: one candidate for all the consumer's alternatives that wait
                                    for the flow, bit 2 << alternative each; PK_IP_ID: the range, low << 16 | high */
};
struct engine_plan {
    uint32_t feat;
    uint8_t state;               /* 0: empty; 1: made; 2: too many candidates (test them all) */
    uint8_t n;
    bool ports;                  /* some candidate reads the port index */
    uint64_t yes;                /* consumers that match outright (every packet, or the quick test is their whole
                                    condition): no candidate of theirs listed */
    struct plan_cand cand[ENGINE_PLAN_MAX];
    uint8_t nttl;                /* ttl_set entries used */
    uint64_t ttl_set[ENGINE_PLAN_TTL_SETS][4];   /* bit t: TTL t holds */
};

/* The port index: which alternatives with a port list (up to 64, each its port id) name a port, as
 * port → class (a byte) → mask of port ids, so one lookup per port answers every port list at once. */
#define ENGINE_PORT_IDS 64
struct engine_ports {
    bool ready, ok;              /* built for the current consumers; ok: it holds every port list */
    uint8_t id[ENGINE_MAX_CONSUMERS][32];   /* port id + 1 of (consumer, alternative), 0: none */
    uint64_t mask[256];          /* class → port ids naming a port of the class (class 0: none) */
    uint8_t class_of[65536];
};

/* The dispatch plans and the port index, made lazily from the consumers' matches.  The engine's
 * thread has one; a read-ahead thread that matches ahead of it (engine_prematch) has its own. */
struct engine_matcher {
    struct engine_plan plans[ENGINE_PLAN_SLOTS];   /* by feature word */
    struct engine_ports ports;           /* made with the first plan after engine_replan */
};

/* What a packet's conditions say before its flow is looked up, for its feature word `feat`:
 * hit (bit i: consumer i matched), waiting (consumers with alternatives that wait for the flow)
 * and, for each of those, pend[i] (bit 2 << j: alternative j waits). */
struct engine_prematch {
    bool made;
    uint32_t feat;
    uint64_t hit, waiting;
    unsigned pend[ENGINE_MAX_CONSUMERS];
};

struct engine {
    const struct reset_table *resets;
    struct flow_table *flows;            /* NULL: no flow tracking */
    struct stream_table *streams;        /* NULL: no conversation index (tcp.stream) */
    struct engine_consumer *consumers[ENGINE_MAX_CONSUMERS];
    int nconsumers;
    const struct bpf_program *frame_filter;   /* the command line's BPF, on the raw frame as tcpdump */
    volatile sig_atomic_t *stop;         /* set (e.g. by SIGINT): engine_step returns -2 */
    volatile sig_atomic_t *end;          /* set: engine_step returns 0, as at the end of the capture */
    void (*progress)(void *ctx, const struct capture *c, uint64_t packets);
    void *progress_ctx;
    void (*after)(void *ctx);            /* engine_run: called after each frame's callbacks, may be NULL */
    bool halted;                         /* set (e.g. by `after`): engine_step returns -3 */
    void *after_ctx;
    uint64_t packets;                    /* frames read in this engine's life */
    uint64_t limit;                      /* 0, or engine_step returns 0 (the end) once `taken` reaches it */
    uint64_t taken;                      /* frames that passed frame_filter */
    struct frame frame;                  /* the current frame */
    struct decoded d;                    /* its decoding when the engine made it ... */
    struct decoded *cur;                 /* ... the current frame's decoding (&d, or a read-ahead slot's) */
    bool read_ahead;                     /* a thread may read ahead once the capture is long (readahead.h) */
    struct flow_key ahead;               /* flow_peek's key of frame ahead_frame (0: none) */
    uint64_t ahead_frame;
    /* parts >= 1: one part of a split run (core/replay.h): only the frames of conversations in
       part `part` (flow_key_part; frames without IP: part 0) are matched and called back; the others
       only move time on (flows end as in the whole run) and count their hosts of this part */
    uint32_t part, parts;
    bool after_callbacks;                /* the frame's callbacks are over (a flow ending now is evicted by its update) */
    bool finishing;                      /* engine_finish is ending the flows left */
    uint64_t *failed_keys;               /* while engine_finish ends the flows left: the services (address */
    size_t failed_cap;                   /* pair, responder's port) with a failure decided among them */
    /* a split run: called for an ICMP error whose quoted packet's conversation is this part's, with
       that packet's flow (or NULL) before the error's callbacks, as a hunt's h:flow(quoted) sees it */
    void (*on_quoted)(void *ctx, const struct flow_key *k, const struct flow *f);
    void *quoted_ctx;
    /* a split run: called for every flow that leaves the table during the reading (after the
       consumers' flow_end), so the merge knows which flows may have been forgotten */
    void (*on_removed)(void *ctx, const struct flow *f);
    struct engine_matcher m;             /* the engine thread's plans; cleared by engine_add */
    struct engine_matcher *ahead_m;      /* the read-ahead thread's while it matches ahead (a hunt run) */
    struct capture *ahead_c;             /* the capture whose read-ahead matches ahead with ahead_m */
    bool in_run;                         /* inside engine_run (a read-ahead started now may match ahead) */
    /* count_inner: frames frame_filter passed over (tcpdump's meaning) inside VLAN, MPLS or PPPoE
       headers that it matches from their IP header, as a hunt's filter would: filter_inner */
    bool count_inner;
    uint8_t inner_state;                 /* 0: not compiled yet; 1: inner_prog holds it; 2: it cannot be */
    struct bpf_program inner_prog;
    uint64_t filter_inner;
};

void engine_init(struct engine *e, const struct reset_table *resets, struct flow_table *flows);
/* Adds a consumer (kept by pointer); false when there are too many.  The dispatch plans are made
 * from the consumers' matches on the packets that follow: a consumer's matches (and `all`) must not
 * change once the engine has stepped, unless engine_replan is called after the change. */
static inline void engine_replan(struct engine *e) { memset(e->m.plans, 0, sizeof e->m.plans); e->m.ports.ready = false; }
bool engine_add(struct engine *e, struct engine_consumer *c);
/* Reads, decodes and dispatches one frame of c.  1: a frame was handled; 0: end of capture;
 * -1: damaged capture (reason in c->error); -2: stopped; -3: halted. */
int engine_step(struct engine *e, struct capture *c, int source);
/* engine_step until the end: 0 at the end, -1 damage, -2 stopped. */
int engine_run(struct engine *e, struct capture *c, int source);
/* The end of a run: EV_FLOW_END for every flow still in the table (they stay in it). */
void engine_finish(struct engine *e);
/* Whether flow f, ending, is a failed connection (EV_CONN_FAILED): flow_failed_connection, but while
 * engine_finish ends the flows left, an attempt still in its handshake is undecided (ENGINE_UNDECIDED_SYN). */
bool engine_connection_failed(const struct engine *e, const struct flow *f);
/* Frees what the engine compiled for itself (count_inner's program); the engine may be used again. */
void engine_release(struct engine *e);

/* Compiles a BPF expression to run from the network-layer header (raw IP); 0 or -1 with err. */
int match_compile_bpf(struct match *m, const char *expr, char *err, size_t errsz);
/* Compiles a BPF expression for a link type, to run on the whole frame (M_FRAME_BPF). */
int match_compile_frame_bpf(struct match *m, int linktype, const char *expr, char *err, size_t errsz);
/* With M_BPF: also compiles expr for the link type, for frames without an IP layer (quietly
 * nothing when libpcap cannot compile it there). */
void match_compile_frame_fallback(struct match *m, int linktype, const char *expr);
void match_free(struct match *m);
/* Derives the quick test (q_*) from m's conditions; call once they are all set. */
void match_prepare(struct match *m);
bool match_packet(const struct match *m, const struct frame *f, const struct decoded *d);
/* Parses "a.b.c.d/len" or an IPv6 prefix; false when it is not one. */
bool prefix_parse(struct prefix *p, const char *s);

#endif
