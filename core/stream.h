/* Conversation index as Wireshark numbers it (tcp.stream, udp.stream): one counter per
 * transport, a number per address/port pair in order of first appearance, never expired; a
 * TCP SYN (without ACK) whose sequence number differs from the first one seen that way starts
 * a new conversation on the same ports (port reuse).  Kept only when a consumer asks for it.
 * For a UDP conversation that carries QUIC, a side table keeps the Destination Connection ID of
 * the client's first Initial: the keys of both sides' Initial packets come from it (RFC 9001 5.2). */
#ifndef PCAPHUNT_STREAM_H
#define PCAPHUNT_STREAM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "decode.h"

/* A conversation's running totals, both directions (dir 0: the endpoint that sent first). */
struct conversation {
    int64_t index;                   /* tcp.stream / udp.stream; -1: none */
    uint8_t proto;                   /* 6 or 17 */
    int8_t dir;                      /* the current packet's sender: 0 the first sender, 1 the other */
    bool quoted;                     /* the conversation of the packet an ICMP error quotes */
    bool quic;                       /* UDP carrying QUIC: stream_quic_dcid knows its client's DCID */
    uint16_t flags[2];               /* TCP flags seen from each side (or-ed) */
    uint64_t packets[2], bytes[2];   /* payload bytes */
    uint64_t first_frame;
    double first_time, last_time;
};

struct stream_entry {
    uint8_t addr[2][16];             /* as first seen: [0] the first sender */
    uint16_t port[2];
    uint8_t version, proto, base_set;  /* base_set: bit i, base_seq[i] known */
    uint32_t base_seq[2];
    struct conversation c;
};

/* The entries lie packed in order of creation; the index is open addressing over 4-byte slots
 * (the key hash's top byte, then the entry's position + 1; 0: empty), so a probe reads a small
 * array that mostly stays in cache and one entry, and growing copies slots, never entries. */
struct stream_table {
    uint32_t *slots;                 /* a power of two; grown at half full */
    size_t cap, used, max;           /* used: entries; max: the memory bound in entries */
    struct stream_entry *entries;    /* used of them, room for ecap */
    size_t ecap;
    int64_t next[2];                 /* next TCP and UDP numbers */
    uint64_t dropped;                /* packets of new conversations past the bound (no number) */
    struct conversation quote;       /* returned for an ICMP error: its quoted packet's conversation */
    struct stream_quic *quic;        /* open addressing by UDP conversation number, grown at half full */
    size_t quic_cap, quic_used;
};

/* A QUIC conversation's client DCID: from its first client Initial, or the first after a Retry. */
struct stream_quic {
    int64_t index;                   /* udp.stream + 1; 0: an empty slot */
    uint64_t frame;                  /* the frame whose Initial gave it */
    uint8_t len, client;             /* DCID length; the client's side (0 the first sender) */
    bool retry;                      /* a Retry came from the server: the client's next Initial gives a new one */
    uint8_t dcid[20];
};

void stream_table_init(struct stream_table *t, size_t memory);
void stream_table_free(struct stream_table *t);
/* Counts the packet into its conversation (created when new).  Returns the conversation as it
 * stands with this packet, or NULL (not TCP/UDP, a fragment, or past the memory bound).  For an
 * ICMP error quoting TCP/UDP (b: the frame's bytes), the quoted packet's conversation is found or
 * made (as Wireshark does) without counting, and returned marked `quoted`. */
const struct conversation *stream_update(struct stream_table *t, const struct decoded *d, const uint8_t *b,
                                         uint64_t frame, double time);
/* The client DCID of UDP conversation `index`, given by an Initial at or before frame number
 * `frame` (UINT64_MAX: any, the table stands at the packet asking); false when none. */
bool stream_quic_dcid(const struct stream_table *t, int64_t index, uint64_t frame, uint8_t dcid[20], size_t *len);

#endif
