/* Packet userdata: owns a copy of the frame's bytes and its decoded struct, so a
 * packet kept in a Lua table stays valid after libpcap's buffer is reused. */
#ifndef PCAPHUNT_LUA_PACKET_H
#define PCAPHUNT_LUA_PACKET_H

#include <lua.h>
#include <lauxlib.h>
#include "core/capture.h"
#include "core/decode.h"
#include "core/app.h"
#include "core/stream.h"

#define PACKET_MT "pcaphunt.packet"
#define PACKET_CACHES 31   /* what a packet caches (views, lists, decodings: packet.c) */

struct lpacket {
    uint64_t id;            /* unique in the process (packet.c): a layer view made for this packet holds it too */
    uint64_t number;
    uint32_t magic;         /* set by packet.c: tells a packet block from any other userdata */
    int capture;            /* index of its capture in a hunt run (0 elsewhere) */
    struct conversation conv;   /* its conversation with it counted (index -1: not numbered) */
    uint64_t conv_ord;      /* not 0: conv is not known yet; the reading's replay (user value 1)
                             * finds it at this frame of its stream when first asked (lua/capture.c) */
    bool conv_inner;        /* ... and this is an ICMP error's quoted packet: only a quoted conversation */
    bool hunt_packet;       /* made for a hunt run's hunts: conv shows only in hunts with conversations = true */
    uint8_t uv_next;        /* the caches' user values handed out (packet.c) */
    uint8_t uv_of[PACKET_CACHES];   /* a cache's user value, 0: none yet */
    struct pcap_pkthdr hdr;
    bool nano;
    uint32_t comment_len;   /* a pcapng frame comment's bytes, after the frame's */
    struct decoded d;
    uint8_t bytes[];        /* hdr.caplen bytes, then comment_len bytes */
};

/* Copies and decodes the frame; pushes the new packet. */
struct lpacket *packet_push(lua_State *L, const struct frame *f, const struct reset_table *t);
/* Pushes a packet whose decoding is already done (d) over bytes b. */
struct lpacket *packet_push_decoded(lua_State *L, const struct frame *f, const struct decoded *d);
struct lpacket *packet_check(lua_State *L, int idx);
struct lpacket *packet_test(lua_State *L, int idx);
/* The layer id (enum layer_id) of a layer view at idx, or -1 when it is not one. */
int packet_layer_test(lua_State *L, int idx);
/* Pushes the reset-cause table for rc (text: the raw payload). */
void reset_cause_push(lua_State *L, const struct reset_cause *rc, const uint8_t *text, size_t len);
/* p:show(): adds "    LAYER.NAME = value" (one line, escaped) to b for the value on top of the
 * stack, which it pops. */
void packet_tree_value(lua_State *L, luaL_Buffer *b, int ly, const char *name);
/* Right after creating the state: a pooled allocator and the generational collector,
 * which suit millions of short-lived packets. */
void packet_tune_state(lua_State *L);
/* The generational collector's parameters (percent): a minor collection when the heap grew by
 * MINOR since the last, a major one when it grew by MAJOR since the last major; in hunt runs HUNT_*. */
enum { PACKET_GC_MINOR = 20, PACKET_GC_MAJOR = 25, HUNT_GC_MINOR = 10, HUNT_GC_MAJOR = 15 };
/* Around a hunt run: begin returns what end needs (the collector's mode before). */
int packet_gc_hunt_begin(lua_State *L);
void packet_gc_hunt_end(lua_State *L, int was);
/* --sandbox: a table-valued field (p.reset_cause, p.layers, lists …) is built afresh at each read
 * instead of kept on the packet, which the hunts of one frame share: what one hunt writes into it
 * another never reads. */
void packet_fresh_tables(bool on);
bool packet_tables_fresh(void);
/* For lua/appfields.c: pushes the layer view ly (an application layer: the caller checked it
 * is present); pushes the packet's application decoding (made on first use) and returns it. */
void packet_push_layer(lua_State *L, int pidx, struct lpacket *pk, int ly);
struct app_info *packet_app(lua_State *L, int pidx, struct lpacket *pk);
/* The packet's conversation (tcp.stream, p.conversation), found now when it was left for later. */
const struct conversation *packet_conv(lua_State *L, int pidx, struct lpacket *pk);
/* A packet just given its conversation from index t: when that is a QUIC conversation and the
 * packet a QUIC long header, keeps the client's DCID with the packet (for its Initial's keys). */
void packet_note_quic(lua_State *L, int pidx, struct lpacket *pk, const struct stream_table *t);
/* The same with the client's DCID given (a merge: the part that kept the conversation recorded it). */
void packet_set_quic_dcid(lua_State *L, int pidx, struct lpacket *pk, const uint8_t *dcid, size_t n);
/* The client DCID of the packet's QUIC conversation (found now when left for later); false: none. */
bool packet_quic_dcid(lua_State *L, int pidx, struct lpacket *pk, uint8_t dcid[20], size_t *len);
/* A packet of a reading that keeps no conversation index: its conversation is the one the replay
 * on top of the stack finds at frame `ord` of its stream (lreplay_conversation); pops the replay. */
void packet_set_replay(lua_State *L, int pidx, struct lpacket *pk, uint64_t ord);
/* Registers the packet and layer metatables and the field-name tables. */
void packet_open(lua_State *L);

/* A field named for packets{...} (lua/capture.c): its layer, its id, and the id of its layer's own
 * field (F_L_TCP ...) when reading it needs the packet as an object (caches, views, application
 * layers, the conversation) instead of the decoded struct alone. */
struct field_ref {
    int layer, id, layer_id;
    bool object;
};
/* Resolves a Wireshark display-filter name ("ip.ttl", "tcp.flags.syn", "dns.qry.name") or a packet
 * field ("src", "ttl"): true, or false with the reason in err. */
bool packet_field_ref(const char *name, struct field_ref *r, char *err, size_t errsz);
/* The packet block the field list reads from without making a Lua object: the frame's header and
 * decoding (f, d) copied into scratch, which holds no frame bytes (no field read from it needs them). */
void packet_scratch_set(struct lpacket *scratch, const struct frame *f, const struct decoded *d, int capture);
/* Pushes field r of the packet in scratch (nil when its layer is absent); r must not be an object field. */
void packet_push_ref(lua_State *L, struct lpacket *scratch, const struct field_ref *r);
/* Pushes field r of the packet object at pidx (absolute): nil when its layer is absent. */
void packet_push_ref_object(lua_State *L, int pidx, struct lpacket *pk, const struct field_ref *r);

#endif
