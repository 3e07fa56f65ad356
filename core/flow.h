/* Flow and host tables: 5-tuple flows (both directions in one record) and per-source
 * statistics, grown on demand up to a memory bound.  A timer wheel ends each flow idle past its
 * timeout within a second of capture time, in an order that does not depend on the table's
 * layout; at the bound an old flow is evicted, and counted. */
#ifndef PCAPHUNT_FLOW_H
#define PCAPHUNT_FLOW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "decode.h"

enum flow_state { FS_SYN = 1, FS_SYNACK = 2, FS_ACK = 4, FS_DATA = 8, FS_FIN = 16, FS_RST = 32,
                  FS_OPENED_BY_SYN = 64,  /* its first packet was a SYN without ACK, RST or FIN */
                  FS_FIRST_NANO = 128     /* first_frac counts nanoseconds */ };

struct flow_dir {
    uint64_t packets;
    uint16_t ipid_first, ipid_last;
    uint8_t ttl_first, ttl_last;
    bool fin : 1;                    /* this side sent a FIN */
    bool data : 1;                   /* this side sent TCP payload (not on a RST) */
    bool fin_kept : 1;               /* TCP: the sequence number of this side's first FIN is kept (the flow's fin_seq) */
    bool data_after_fin : 1;         /* ... and this side has sent data past it since (EV_DATA_AFTER_FIN, once) */
    bool df_clear : 1;               /* IPv4: a packet of this side had DF clear (none: every one had it set) */
    bool ipid_jump : 1;              /* IPv4: a step between two consecutive IP IDs of this side was not 0..FLOW_IPID_STEP */
    bool cut_first : 1;              /* a packet of this side was a first fragment too short for its transport header
                                        (decoded.frag_cut FRAG_CUT_HEADER: its TCP flags unread) */
    uint8_t fin_ttl;                 /* with fin_kept: that FIN's TTL (hop limit) */
};

struct flow {
    uint64_t serial;                 /* unique within a table's life; 0: a free record */
    uint16_t ttl_changes[2];         /* [i]: endpoint i's packets whose TTL differed from its previous one's
                                        (saturating at 65535: 2 bytes each, so seq_gap fits the record) */
    union {
        uint32_t next_free;          /* a free record: the next free one's index + 1 */
        uint32_t source;             /* a live one: the capture its first packet came from (1-based) */
    };
    uint8_t version, proto;
    uint8_t state;                   /* enum flow_state, both directions */
    int8_t initiator;                /* endpoint that sent the first packet */
    uint8_t addr[2][16];             /* canonical order: endpoint 0 sorts first */
    uint16_t port[2];
    uint64_t first_frame, last_frame;
    double first_time, last_time;
    struct flow_dir dir[2];          /* dir[i]: packets sent by endpoint i */
    float last_offset[2];            /* [i]: endpoint i's latest packet's time - the flow's first_time */
    union {
        struct {
            /* TCP: the responder's next sequence number minus the initiator's, as the responder's latest
               SYN-ACK set them (its sequence number + 1 - its ack), so the initiator's ACK of it has
               ack - seq equal to it (TCP Fast Open's data acknowledged or not); 0: no SYN-ACK of the
               responder read (or that one difference, 1 in 2^32: then as if that SYN-ACK were not read)
               -- see FLOW_UNPROVEN.  Once proven only its being 0 or not counts (flow_verified) */
            uint32_t seq_gap;
            /* ... and the one before it, of the responder's SYN-ACK before the latest that had another (a
               SYN sent again with another ISN and both answered, the later answer read first; TCP Fast
               Open's SYN sent again without its data, the two SYN-ACKs acknowledging each its own): the
               initiator's ACK may acknowledge either.  0: none.  Kept while the handshake waits for
               proof; a split run's state does not hold it (a merge counts no packet into a flow).  Its 4
               bytes were the key's hash, which the record no longer keeps (flow_record_hash makes it
               again from the key where it is needed) */
            uint32_t seq_gap_prev;
        };
        /* TCP, while a side's dir[i].fin_kept is set (flow_fins_kept): the sequence number of each side's
           first FIN (its sequence number + its payload: the number the FIN itself takes), so a side that
           goes on sending data past its own FIN shows the FIN was not its own (EV_DATA_AFTER_FIN).  The
           handshake's numbers are needed no more by then: a FIN is kept only once the handshake is proven,
           or in a flow whose handshake has nothing to prove yet (no SYN-ACK read: one begun
           mid-connection, or whose SYN-ACK was not captured), and a SYN (a new connection on the 4-tuple,
           a SYN-ACK after all) gives the 8 bytes back to the handshake (flow.c: fins_drop) */
        uint32_t fin_seq[2];
    };
    /* the first packet, for a summary of it after it is gone (a connection that never was) */
    uint64_t first_number;           /* its frame number within its capture */
    uint32_t first_frac;             /* its timestamp's fraction (µs, or ns in a nanosecond capture) */
    uint16_t first_flags;            /* its TCP flags, with FLOW_FIRST_TCP and FLOW_FIRST_EMPTY */
    uint16_t syns;                   /* SYNs without ACK, RST or FIN the initiator sent (saturating) */
    /* its place in the timer wheel: the next flow of its slot's list (record index + 1, 0: none), and
       the previous one, or FLOW_WHEEL_HEAD | its slot when it is the first (0: in no slot) */
    uint32_t wheel_prev, wheel_next;
};
#define FLOW_WHEEL_HEAD 0x80000000u
#define FLOW_FIRST_TCP 0x8000u      /* first_flags: the first packet's TCP header was read (the flags are its) */
#define FLOW_FIRST_EMPTY 0x4000u    /* first_flags: ... and the first packet carried no payload */
#define FLOW_FIRST_FLAGS 0x01ffu    /* first_flags: the TCP flags themselves */
/* first_flags: a TCP flow opened by a SYN at most FLOW_PAIR_CALLBACK s after its responder had opened a
   TCP connection to its initiator that was established and carried data from its responder (the
   client's request: an IRC registration, a Kerberos request), before the SYN or at most
   FLOW_PAIR_CALLBACK_DATA s after it (ident and name-resolution callbacks) */
#define FLOW_FIRST_CALLBACK 0x2000u
/* first_flags: such a SYN whose triggering connection had carried no data from the client yet (kept
   among its pair's flows until it does, or FLOW_PAIR_CALLBACK_DATA s pass) */
#define FLOW_FIRST_CALLBACK_WAIT 0x0800u
#define FLOW_PAIR_CALLBACK_DATA 10.0
/* first_flags: a UDP flow whose initiator established a TCP connection to the same address and port,
   opened within FLOW_PAIR_BESIDE s of it, before or after (QUIC blocked, the client on TCP) */
#define FLOW_FIRST_TCP_BESIDE 0x1000u
/* first_flags: the flow's TCP payload so far came only on SYNs (TCP Fast Open's, or a scanner's padding,
   nmap --data-length): data that proves no connection (flow_failed_connection).  Kept with the flow in a
   split run's records; a record written without it reads as before (data: no failed connection). */
#define FLOW_SYN_DATA_ONLY 0x0400u
/* first_flags: a handshake waits for proof: the responder's SYN-ACK was read (seq_gap) -- or, in a
   simultaneous open, the initiator's came first -- and nothing yet showed the initiator got it.  Proof,
   after which it stays clear for the flow's life: a segment of the initiator (not a RST) whose
   ack - seq (seq + 1 on a SYN) is seq_gap or seq_gap_prev -- one more on a keep-alive (no data, no SYN
   or FIN: its sequence number is the one before the next) --, i.e. that acknowledges the sequence number
   of one of the responder's SYN-ACKs (the latest two that differ), which a blind spoofer never saw (it
   may guess 4 values of 2^32); or the responder going on as in a connection: data, a FIN, or a segment
   (not a RST) acknowledging the initiator's data (seq - ack neither gap).  A RST proves nothing.
   A flow with it set is never established and is a failed connection whatever the initiator sent
   (a SYN flood's blind ACKs, with data or not).  With no SYN-ACK read (a capture begun mid-connection,
   one that lost the SYN-ACK, a header cut by the snap length) it is never set: as before. */
#define FLOW_UNPROVEN 0x0200u
#define FLOW_PAIR_CALLBACK 5.0
#define FLOW_PAIR_BESIDE 2.0

/* A TCP handshake seen through: a SYN-ACK and a plain ACK (or data, a FIN+ACK), and nothing left to
 * prove (FLOW_UNPROVEN: when the responder's SYN-ACK was read, something showed the initiator got it). */
static inline bool flow_established(const struct flow *f)
{
    return (f->state & (FS_SYNACK | FS_ACK)) == (FS_SYNACK | FS_ACK) && !(f->first_flags & FLOW_UNPROVEN);
}

/* The flow keeps a side's FIN's sequence number (fin_seq) in the bytes of the handshake's numbers. */
static inline bool flow_fins_kept(const struct flow *f)
{
    return f->dir[0].fin_kept | f->dir[1].fin_kept;
}

/* The handshake was proven: the responder's SYN-ACK read and its receipt shown (FLOW_UNPROVEN).  While
 * FINs are kept in seq_gap's bytes, the state says it: a FIN is kept in a flow opened by a SYN only once
 * the handshake is proven (which needs a SYN-ACK), or while no SYN-ACK was read (and the first to come
 * gives the bytes back); in a flow begun otherwise nothing is ever proven. */
static inline bool flow_verified(const struct flow *f)
{
    if (flow_fins_kept(f)) return (f->state & (FS_OPENED_BY_SYN | FS_SYNACK)) == (FS_OPENED_BY_SYN | FS_SYNACK);
    return f->seq_gap != 0 && !(f->first_flags & FLOW_UNPROVEN);
}

/* The handshake's numbers as a split run's state saves them (seq_gap): 1 for a proven handshake whose
 * numbers gave way to kept FINs (only their being 0 or not counts once proven), else seq_gap. */
static inline uint32_t flow_seq_gap(const struct flow *f)
{
    if (flow_fins_kept(f)) return flow_verified(f) ? 1 : 0;
    return f->seq_gap;
}

/* A TCP segment (a decoded packet of flow f, from endpoint dir) that carries data past the FIN its
 * sender's side sent before it (fin_seq): some of its bytes take sequence numbers at or beyond the
 * FIN's, which a stack that sent that FIN never sends -- the FIN was not its own.  Once per side
 * (data_after_fin).  Not a keep-alive's one byte at the FIN's number (Windows sends the byte before
 * the next sequence number), nor a RST's or SYN's payload; retransmissions and reordered segments sent
 * before the FIN end at or before its number. */
static inline bool flow_data_after_fin(const struct flow *f, int dir, const struct decoded *d)
{
    const struct flow_dir *fd = &f->dir[dir];
    if (!fd->fin_kept || fd->data_after_fin || !(d->layers & L_TCP) || !d->tcp.fixed || !d->payload_len ||
        (d->tcp.flags & (TCP_SYN | TCP_RST)))
        return false;
    uint32_t fin = f->fin_seq[dir], seq = d->tcp.seq, len = d->payload_len;
    if (seq == fin && len == 1) return false;
    uint32_t past = seq + len - fin;   /* how far its data ends beyond the FIN's number (mod 2^32) */
    return past != 0 && past < 0x80000000u;
}

/* A TCP flow its initiator opened with a SYN that never became a connection: never established
 * (flow_established) and no data either way -- refused, unanswered, half-open, or answered with a
 * SYN-ACK its initiator never showed it got (blind ACKs: FLOW_UNPROVEN).  Data proves nothing when it
 * came only on SYNs (FLOW_SYN_DATA_ONLY), when the responder answered with no SYN-ACK and a RST was
 * seen: a refused attempt whatever the initiator sent after its SYN (a scanner padding its probes), or
 * while the handshake is unproven (data from the responder would have proven it).  Data with no answer
 * at all is a connection seen from one side (a one-way tap). */
static inline bool flow_failed_connection(const struct flow *f)
{
    bool refused = f->dir[!f->initiator].packets && !(f->state & FS_SYNACK) && (f->state & FS_RST);
    return f->proto == 6 && (f->state & FS_OPENED_BY_SYN) &&
           (!(f->state & FS_DATA) || (f->first_flags & (FLOW_SYN_DATA_ONLY | FLOW_UNPROVEN)) || refused) &&
           !flow_established(f);
}

#define HOST_TTL_SLOTS 8

struct host {
    uint8_t used, version;
    uint8_t addr[16];
    uint16_t ipid_last;
    uint32_t hash;
    uint64_t packets, last_frame;
    uint8_t ttl_value[HOST_TTL_SLOTS];
    uint32_t ttl_count[HOST_TTL_SLOTS];
    uint32_t ttl_other;              /* packets whose TTL did not fit the slots */
    uint64_t ipid_zero, ipid_changes, ipv4_packets;
    uint64_t dst_bits[4];            /* 256-bit linear-counting sketch of destinations */
    uint64_t first_frame;            /* the engine's count of the frame that made it (a merge adds hosts in this order) */
};

/* Inactivity timeouts in capture seconds (as Zeek's and conntrack's defaults): a TCP flow
 * closed by RST or by FINs both ways; any other TCP flow; answered DNS over UDP; UDP, ICMP and
 * the rest. */
#define FLOW_TIMEOUT_CLOSED 30.0
#define FLOW_IPID_STEP 64   /* a counter's largest step between a side's consecutive packets (flow view ipid_counting) */
#define FLOW_TIMEOUT_TCP 600.0
#define FLOW_TIMEOUT_OTHER 60.0
/* UDP to or from DNS's ports (53, mDNS 5353, LLMNR 5355) once both sides have sent: a query and
 * its answer, then nothing, as Zeek's dns_session_timeout.  The flows that fill a table most, held
 * a sixth as long.  A query without an answer keeps UDP's 60 s, so a late answer still finds it
 * (and its flow's initiator stays the client). */
#define FLOW_TIMEOUT_DNS 10.0
/* Default memory bound for flow and host records together. */
#define FLOW_MEMORY_DEFAULT (64u << 20)

/* The hash of a record's key, as flow_key_make made it (the record does not keep it). */
uint32_t flow_record_hash(const struct flow *f);

/* Called for every flow leaving the table (expired, evicted, or at flow_table_drain). */
typedef void (*flow_end_fn)(void *ctx, const struct flow *f, uint32_t index);

/* A packet's flow key, made once and used for both the lookup and the update. */
struct flow_key {
    uint8_t addr[2][16];             /* canonical order: the endpoint that sorts first is 0 */
    uint16_t port[2];
    uint8_t version, proto;
    uint8_t pad[2];
    uint32_t hash;
    uint32_t src_hash;               /* the source host's */
    int dir;                         /* the sender's endpoint */
    uint32_t slot, src_slot;         /* bigtable_slot of hash and src_hash, made once with the key */
};

/* The timer wheel: one slot per second of capture time, more than the longest timeout, so a
 * slot holds the flows whose deadline (last packet + timeout) falls in one second. */
#define FLOW_WHEEL_SLOTS 1024

#define UDP_ANSWERED_ROWS 4
#define UDP_ANSWERED_COLS 16384

/* The filter of established connections: 2^21 bits (256 KiB), 4 a key: never false for a key added; true
 * for one not added about once in 10,000 queries at 50,000 keys, once in 30 at 300,000. */
#define FLOW_SERVED_WORDS 32768
#define FLOW_SERVED_HASHES 4

struct flow_due { double deadline; uint64_t first_frame; uint32_t record; };

#define FLOW_PAIR_RING 4
#define FLOW_PAIR_CAP 16384u
struct flow_pair {
    uint64_t key;                    /* the address pair's fingerprint; 0: a free slot */
    double until;                    /* kept until then (its latest flow's time + FLOW_PAIR_CALLBACK) */
    uint64_t serial[FLOW_PAIR_RING]; /* its latest flows (flow_at), the oldest overwritten first */
    uint32_t index[FLOW_PAIR_RING];
    uint32_t next;
};

struct flow_table {
    struct flow *flows;              /* records; index 0 .. cap-1 */
    uint64_t *index;                 /* open addressing: hash << 32 | (record index + 1); 0 empty */
    size_t cap, index_cap, used, free_head, max_flows;
    size_t evict_hand;               /* where the search for a flow to evict starts */
    uint32_t wheel[FLOW_WHEEL_SLOTS];   /* first flow (record index + 1) of each slot's list, 0: none */
    int64_t wheel_sec;               /* the slots of the seconds before it are done (their flows ended or moved) */
    bool wheel_started;
    struct flow_due *due;            /* flows the wheel ends at one packet, sorted before they end */
    size_t due_cap;
    uint64_t *ending;                /* flow_table_end_all's order (first frame, then record); NULL outside it */
    size_t fresh;                    /* records handed out at least once (the rest were never touched) */
    size_t reserved;                 /* bytes of address space reserved for the records (bigtable_reserve) */
    double now;                      /* the latest packet time seen */
    struct host *hosts;
    size_t hcap, hused, max_hcap;    /* host slots (a power of two, at most max_hcap), half of them used at most */
    uint64_t host_changes;           /* hosts added, let go or moved (a cached order of them is stale) */
    uint64_t serial, total;          /* flows ever created */
    uint64_t expired, evicted, hosts_evicted;
    uint64_t removed_bits[16384];    /* Bloom filter (1 Mbit) of keys that left the table */
    /* TCP connections that left the table open (expired or evicted, not closed): an exact set of their
       keys' 64-bit fingerprints, each kept FLOW_LEFT_OPEN_KEEP s of capture time, FLOW_LEFT_OPEN_CAP at
       most (half of open_slots, made when first needed) */
    struct flow_left_open { uint64_t key; double until; } *open_slots;
    struct flow_left_open *open_spare;   /* the table the set is rebuilt into (made once), as pairs_spare */
    size_t open_used;
    double open_swept;               /* when the set was last rebuilt without its keys whose time was over */
    uint64_t left_open, left_open_dropped;   /* how many did; how many found the set full */
    /* The latest flows between two addresses of the last FLOW_PAIR_CALLBACK s (UDP flows as they begin,
       TCP connections as they are established), for FLOW_FIRST_CALLBACK and FLOW_FIRST_TCP_BESIDE: an
       exact set of address pairs (open addressing, at most half full, made when first needed), each with
       its latest FLOW_PAIR_RING flows; past FLOW_PAIR_CAP pairs at once the others are not kept */
    struct flow_pair *pairs;
    struct flow_pair *pairs_spare;   /* the other of two tables, the set rebuilt into it (made once: a
                                        table freed and made anew each second let the heap grow) */
    size_t pairs_used;
    double pairs_swept;              /* when the set was last rebuilt without its pairs whose time was over */
    uint64_t pairs_dropped;
    /* UDP flows that got an answer, counted when they end, per (initiator, responder) and per
     * (initiator, responder's port): a count-min sketch, fixed memory, never an undercount */
    uint32_t udp_answered[UDP_ANSWERED_ROWS][UDP_ANSWERED_COLS];
    /* TCP connections established (opened by a SYN, the handshake seen through), by (initiator, responder,
     * responder's port): a Bloom filter, FLOW_SERVED_HASHES bits a key (pcaphunt.tcp_established) */
    uint64_t served_bits[FLOW_SERVED_WORDS];
    flow_end_fn on_end;
    void *on_end_ctx;
    /* host_parts > 1: a part of a split run keeps only the hosts whose source hash falls in host_part */
    uint32_t host_part, host_parts;
    bool noted_removed;              /* flow_note_removed was called: flow_maybe_forgotten asks the filter */
};

/* Which part (0-based) of n a flow key belongs to in a split run: its address pair's (both
 * directions and every port alike, so a conversation stays whole in one part). */
static inline uint32_t flow_key_part(const struct flow_key *k, uint32_t n)
{
    uint64_t w[4];
    memcpy(w, k->addr, sizeof w);
    uint64_t h = (w[0] ^ w[1] * 0x9e3779b97f4a7c15ull) * 0xbf58476d1ce4e5b9ull ^ (w[2] ^ w[3] * 0x94d049bb133111ebull);
    h ^= h >> 31;
    h *= 0x9e3779b97f4a7c15ull;
    return (uint32_t)((h >> 32) % n);
}

/* memory: bound in bytes for flow and host records (0: FLOW_MEMORY_DEFAULT). 0 on success. */
int flow_table_init(struct flow_table *t, size_t memory);
void flow_table_free(struct flow_table *t);
/* The flow key of these addresses and ports (version 4 or 6; the ports 0 without TCP/UDP). */
void flow_key_make(struct flow_key *k, int version, uint8_t proto, const uint8_t *src, const uint8_t *dst,
                   uint16_t sp, uint16_t dp);
/* Starts loading the index and host lines of a packet still ahead (flow_peek's guess of its key). */
void flow_prefetch_ahead(const struct flow_table *t, const struct flow_key *k);
/* True when k is what flow_key_of makes of d (a key made ahead, flow_peek's, can then be used). */
bool flow_key_is_of(const struct flow_key *k, const struct decoded *d);
/* The flow key of a decoded packet; false without an IP layer. */
bool flow_key_of(const struct decoded *d, struct flow_key *k);
struct flow *flow_lookup(const struct flow_table *t, const struct flow_key *k);
/* Starts loading the cache lines flow_lookup and flow_count will read for this packet. */
void flow_prefetch(const struct flow_table *t, const struct flow_key *k, const struct decoded *d);
/* Counts the packet into flow f (as flow_lookup found it, nothing changed since; NULL: a new
 * flow, which may expire or evict others) and into its source host. Returns the flow. */
struct flow *flow_count(struct flow_table *t, struct flow *f, const struct flow_key *k, const struct decoded *d,
                        uint64_t frame, double time);
/* What flow_count does not know of a new flow's first packet: its capture and timestamp fraction. */
static inline void flow_note_first(struct flow *f, int source, uint64_t number, uint32_t frac, bool nano)
{
    f->source = (uint32_t)source;
    f->first_number = number;
    f->first_frac = frac;
    if (nano) f->state |= FS_FIRST_NANO;
}
/* Finds the flow of a decoded packet without changing anything; *dir = the sender's endpoint. */
struct flow *flow_find(const struct flow_table *t, const struct decoded *d, int *dir);
/* The wheel brought up to a packet's time (the latest time seen, when it is later): the flows whose
 * deadline fell in a second before it end (on_end, counted), by deadline, then first frame.  The
 * engine calls it before it looks the packet's flow up, so every flow that ends at a packet ends
 * before its callbacks, in that order; flow_count does it too. */
void flow_advance(struct flow_table *t, double time);
/* When flow f has been idle past its timeout by `time` (or the latest time seen), ends it as
 * expired (on_end, counted) and returns true: the packet then opens a new flow. */
bool flow_expire_idle(struct flow_table *t, struct flow *f, double time);
/* True when a flow with the packet's key may have been in the table and left it. */
bool flow_maybe_forgotten(const struct flow_table *t, const struct decoded *d);
/* True when a TCP connection with key k left the table open less than FLOW_LEFT_OPEN_KEEP s of capture
 * time ago: established (its handshake, or data sent both ways) and not closed (no RST, not FINs both
 * ways) when it expired or was evicted.  Exact (a 64-bit fingerprint of the key), so a split run's
 * parts answer as one process does; past FLOW_LEFT_OPEN_CAP such connections within that time the
 * others are not kept (counted in left_open_dropped). */
/* A 64-bit fingerprint of a key: addresses in canonical order, ports, version, protocol; never 0. */
uint64_t flow_fingerprint(const uint8_t addr[2][16], const uint16_t port[2], uint8_t version, uint8_t proto);
#define FLOW_LEFT_OPEN_KEEP 3600.0
#define FLOW_LEFT_OPEN_CAP 65536u
bool flow_maybe_left_open(const struct flow_table *t, const struct flow_key *k);
/* Counts the packet into its flow (created when new, which may expire or evict others)
 * and its source host.  Returns the flow, or NULL without an IP layer or memory. */
struct flow *flow_update(struct flow_table *t, const struct decoded *d, uint64_t frame, double time);
/* Tells on_end of every flow still in the table, keeping them (the end of a run:
 * what comes after, such as a hunt's finish, still sees them). */
void flow_table_end_all(struct flow_table *t);
/* The record at index i when it still holds the flow with this serial, else NULL. */
const struct flow *flow_at(const struct flow_table *t, uint32_t i, uint64_t serial);
const struct host *host_find(const struct flow_table *t, int version, const uint8_t *addr);
/* The slots of the table's hosts (hused of them), in the order the run first saw them (the table's own
 * order is a random seed's: core/bigtable.h), into slots[0, hused). */
void flow_hosts_in_order(const struct flow_table *t, uint32_t *slots);
/* Sorts n slots of hosts into the order the run first saw them. */
void flow_hosts_sort(const struct flow_table *t, uint32_t *slots, size_t n);
/* UDP flows from src that got an answer and have ended, to host dst (dst != NULL) or to port
 * `port` (dst NULL): an estimate that may count more, never fewer (a count-min sketch). */
uint32_t flow_udp_answered(const struct flow_table *t, int version, const uint8_t *src, const uint8_t *dst, uint16_t port);
/* True when src opened a TCP connection (a SYN) to dst, port `port`, that was established, in the run so
 * far: a Bloom filter, never false for one that was, rarely true for one that was not (served_bits). */
bool flow_tcp_established(const struct flow_table *t, int version, const uint8_t *src, const uint8_t *dst, uint16_t port);
/* Estimated number of distinct destinations of a host. */
double host_destinations(const struct host *h);
/* A split run: the host statistics of a frame whose flow another part keeps (hosts of this part only). */
void flow_host_update(struct flow_table *t, const struct decoded *d, const struct flow_key *k, uint64_t frame);
/* The hash a host is kept under (addr: 16 bytes, an IPv4 address in the first 4, the rest 0). */
uint32_t flow_host_hash(int version, const uint8_t *addr);
/* A merge: adds a host another part kept (false when the table is full and it was not kept). */
bool host_insert(struct flow_table *t, const struct host *h);
/* A merge of a split run: a flow that left a part's table (its key hash), for flow_maybe_forgotten. */
void flow_note_removed(struct flow_table *t, uint32_t hash);
/* When the timer wheel ends f unless another packet comes. */
double flow_deadline(const struct flow *f);

#endif
