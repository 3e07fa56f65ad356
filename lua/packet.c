/* Packet and layer userdata.  `p.tcp` is a small layer view cached in one of the packet's
 * user values, and `p.tcp.srcport` is one C __index closure: name → field id (a table
 * built once from fields.c, an upvalue) → switch over the decoded struct.  No byte
 * parsing here, and no registry lookup by name on the way. */
#include "packet.h"
#include "udata.h"
#include "fields.h"
#include "appfields.h"
#include "session.h"
#include "capture.h"
#include "core/escape.h"
#include "core/summary.h"

#include <lauxlib.h>
#include <string.h>
#include <stdlib.h>

#define LAYER_MT "pcaphunt.layer"
#define PACKET_MAGIC 0x706b7431u   /* "pkt1": a block that is a struct lpacket */
#define LAYER_MAGIC 0x6c797231u    /* "lyr1": a block that is a struct llayer */

/* Registry keys (addresses): the two metatables, and the sentinel that empties the pool
 * when the state closes. */
static const char packet_mt_key = 'P', layer_mt_key = 'L', pool_key = 'A';

/* Made by the million, packets and views find their metatables at integer keys of the registry too
 * (luaL_ref: a read of its array part, where the keys above are a hashed lookup).  The two keys are
 * in each thread's extra space (lua_getextraspace, used by nothing else in the program; a thread
 * copies its main thread's), behind a tag: a thread made before packet_open looks them up by address. */
#define MT_REFS_TAG 0x706d7431u   /* "pmt1" */
struct mt_refs { uint32_t tag; uint16_t packet, layer; };
_Static_assert(sizeof(struct mt_refs) <= LUA_EXTRASPACE, "the extra space holds the metatables' keys");

static void push_metatable(lua_State *L, bool layer)
{
    struct mt_refs r;
    memcpy(&r, lua_getextraspace(L), sizeof r);
    if (r.tag == MT_REFS_TAG && lua_rawgeti(L, LUA_REGISTRYINDEX, layer ? r.layer : r.packet) == LUA_TTABLE) return;
    if (r.tag == MT_REFS_TAG) lua_pop(L, 1);   /* not ours after all (a thread's extra space never set) */
    lua_rawgetp(L, LUA_REGISTRYINDEX, layer ? &layer_mt_key : &packet_mt_key);
}

/* A packet's caches: cache ly (LY_FRAME..LY_GTP) holds its layer view, then the others.  The
 * application layers (one per packet at most) share cache U_APP_LAYER; U_APP holds their decoding.
 * User value 1 is the replay of a packet whose conversation is left for later (lua/capture.c);
 * a cache gets user value 2, 3 ... UV_DIRECT + 1 in the order first used (pk->uv_of says which),
 * and past those a slot of the table in user value UV_SPILL: a packet is made with UV_SPILL user
 * values, as most scripts read a layer or two, never the 29 a packet could cache. */
enum { U_APP_LAYER = LY_DNS, U_APP, U_OPTIONS, U_RESET, U_INNER, U_LAYERS, U_VLAN_IDS, U_OUTER, U_MPLS_LABELS, U_COUNT = U_MPLS_LABELS };
enum { UV_REPLAY = 1, UV_DIRECT = 4, UV_SPILL = UV_DIRECT + 2 };
_Static_assert(U_COUNT < PACKET_CACHES, "struct lpacket's uv_of is too short");

/* A layer view: its packet is its user value 1, which keeps it alive; pk is that packet's block and
 * id its id, used only once user value 1 is found to be that very block still holding that very
 * packet (a script's debug.setuservalue may have put something else there, and once the packet is
 * collected another packet's block may be at its address). */
struct llayer {
    uint32_t magic;
    int layer;
    struct lpacket *pk;
    uint64_t id;
};

/* Field names: name → small name index (the names table, an upvalue of both __index
 * closures, filled once by packet_open), then field_of[name index][layer] → field id.
 * name_cache skips the table: it maps a key string's object (lua_topointer) to its field ids.
 * Field names are short strings, which Lua interns, and the names table keeps each alive as
 * long as the state: a string equal to a field name is that very object, and no other object
 * can be at its address while the state lives.  The cache holds only addresses of strings found
 * in the table, and is emptied when the state closes (pool_close), so an address that hits is
 * the name. */
#define NAMES_MAX F_LAST
#define NAME_CACHE 256
static uint16_t field_of[NAMES_MAX][LY_COUNT];
/* A hit reads one cache line: the key's address and its field id in every layer. */
static struct name_entry { const void *key; uint16_t id[LY_COUNT]; } __attribute__((aligned(64))) name_cache[NAME_CACHE];

/* The packet at idx, or NULL: a full userdata whose size and magic say it is one, so no
 * debug.setmetatable or debug.setuservalue can make us read another block as a packet. */
static struct lpacket *to_packet(lua_State *L, int idx)
{
    struct lpacket *pk = lua_touserdata(L, idx);
    if (!pk) return NULL;
    size_t n = lua_rawlen(L, idx);      /* 0 for a light userdata */
    if (n < sizeof *pk || pk->magic != PACKET_MAGIC || n - sizeof *pk != (size_t)pk->hdr.caplen + pk->comment_len) return NULL;
    return pk;
}

static struct llayer *to_layer(lua_State *L, int idx)
{
    struct llayer *v = lua_touserdata(L, idx);
    if (!v || lua_rawlen(L, idx) != sizeof *v || v->magic != LAYER_MAGIC ||
        v->layer <= LY_PACKET || v->layer >= LY_COUNT)
        return NULL;
    return v;
}

/* True when the value at idx has the metatable stored under key (as luaL_testudata asks). */
static bool has_metatable(lua_State *L, int idx, const char *key)
{
    if (!lua_getmetatable(L, idx)) return false;
    lua_rawgetp(L, LUA_REGISTRYINDEX, key);
    bool same = lua_rawequal(L, -1, -2);
    lua_pop(L, 2);
    return same;
}

struct lpacket *packet_test(lua_State *L, int idx)
{
    struct lpacket *pk = to_packet(L, idx);
    return pk && has_metatable(L, idx, &packet_mt_key) ? pk : NULL;
}

struct lpacket *packet_check(lua_State *L, int idx)
{
    struct lpacket *pk = packet_test(L, idx);
    if (!pk) luaL_typeerror(L, idx, PACKET_MT);
    return pk;
}

int packet_layer_test(lua_State *L, int idx)
{
    struct llayer *v = to_layer(L, idx);
    return v && has_metatable(L, idx, &layer_mt_key) ? v->layer : -1;
}

/* The decoded-layer bit of each layer (0 for the frame and the application layers, which
 * appfields.c decodes on demand). */
static const uint32_t layer_bits[LY_COUNT] = {
    0, 0, L_ETH, L_VLAN, L_SLL, L_IPV4, L_IPV6, L_TCP, L_UDP, L_ICMP, L_ICMPV6,
    L_NULL, L_MPLS, L_PPPOE, L_PPP, L_GRE, L_ERSPAN, L_VXLAN, L_GENEVE, L_NFLOG, L_IPNET, L_GTP
};

/* The packet of the layer view at idx, pushed; raises if a script swapped it out.  The block in
 * user value 1 is the one the view was made for (its address, kept alive by that user value), or
 * it is checked as any block. */
static struct lpacket *layer_packet(lua_State *L, int idx, const struct llayer *v)
{
    lua_getiuservalue(L, idx, 1);
    if (v->pk && lua_touserdata(L, -1) == v->pk && v->pk->id == v->id) return v->pk;
    struct lpacket *pk = to_packet(L, -1);
    if (!pk) luaL_error(L, "%s layer view has no packet", layer_names[v->layer]);
    if (v->layer != LY_FRAME && v->layer < LY_DNS && !(pk->d.layers & layer_bits[v->layer]))   /* another packet put there */
        luaL_error(L, "%s layer view's packet has no %s layer", layer_names[v->layer], layer_names[v->layer]);
    return pk;
}

/* The state's allocator: realloc/free as lauxlib's, plus a free list per exact block size
 * up to POOL_MAX bytes, so the packets and views the collector frees by the thousand are
 * handed straight back to the next ones (glibc's own caches stop at 1 KB).  A list of size
 * n holds only blocks malloc gave for at least n bytes, whoever asked first, so it can be
 * installed on a state that already has blocks.  Lists keep at most POOL_KEEP bytes.  One
 * pool per process (the program is single-threaded; states may share it safely). */
#define POOL_MAX 16384
#define POOL_KEEP ((size_t)32 << 20)
static struct {
    void *free[POOL_MAX + 1];   /* by exact size; a free block's first word links the next */
    size_t kept;                /* bytes on the lists */
    bool closing;               /* the state is closing: free at once */
} pool;

/* Under AddressSanitizer the pool keeps nothing: every block goes back to malloc/free at
 * once, so a read past a packet's bytes or of a freed view is reported, not hidden. */
#if defined(__SANITIZE_ADDRESS__)
#define POOL_OFF 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define POOL_OFF 1
#endif
#endif
#ifndef POOL_OFF
#define POOL_OFF 0
#endif

static void *pool_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
    (void)ud;
    if (POOL_OFF) {
        if (nsize == 0) { free(ptr); return NULL; }
        return realloc(ptr, nsize);
    }
    if (nsize == 0) {
        if (ptr && osize >= sizeof(void *) && osize <= POOL_MAX && !pool.closing && pool.kept + osize <= POOL_KEEP) {
            *(void **)ptr = pool.free[osize];
            pool.free[osize] = ptr;
            pool.kept += osize;
        } else {
            free(ptr);
        }
        return NULL;
    }
    if (ptr) return nsize == osize ? ptr : realloc(ptr, nsize);
    if (nsize <= POOL_MAX && pool.free[nsize]) {
        void *p = pool.free[nsize];
        pool.free[nsize] = *(void **)p;
        pool.kept -= nsize;
        if (pool.free[nsize]) __builtin_prefetch(pool.free[nsize], 1);   /* the next block of this size: read to pop it */
        return p;
    }
    return malloc(nsize);
}

static int pool_close(lua_State *L)
{
    (void)L;
    pool.closing = true;
    memset(name_cache, 0, sizeof name_cache);   /* its addresses were this state's strings */
    for (size_t n = 0; n <= POOL_MAX; n++)
        while (pool.free[n]) {
            void *p = pool.free[n];
            pool.free[n] = *(void **)p;
            free(p);
        }
    pool.kept = 0;
    return 0;
}

static struct lpacket *packet_alloc(lua_State *L, const struct frame *f)
{
    uint32_t clen = f->comment ? f->comment_len : 0;
    static uint64_t ids;   /* an odd multiplier: every id differs, none is a small number another block may hold */
    struct lpacket *pk = lua_newuserdatauv(L, sizeof *pk + f->hdr.caplen + clen, UV_SPILL);
    pk->id = ++ids * 0x9E3779B97F4A7C15ull;
    pk->magic = PACKET_MAGIC;
    pk->number = f->number;
    pk->capture = 0;
    memset(&pk->conv, 0, sizeof pk->conv);
    pk->conv.index = -1;
    pk->conv_ord = 0;
    pk->conv_inner = false;
    pk->hunt_packet = false;
    pk->uv_next = 0;
    memset(pk->uv_of, 0, sizeof pk->uv_of);
    pk->hdr = f->hdr;
    pk->nano = f->nano;
    memcpy(pk->bytes, f->bytes, f->hdr.caplen);
    pk->comment_len = clen;
    if (clen) memcpy(pk->bytes + f->hdr.caplen, f->comment, clen);
    push_metatable(L, false);
    lua_setmetatable(L, -2);
    return pk;
}

struct lpacket *packet_push(lua_State *L, const struct frame *f, const struct reset_table *t)
{
    struct lpacket *pk = packet_alloc(L, f);
    decode_frame(&pk->d, f->linktype, pk->bytes, f->hdr.caplen, f->hdr.len, t);
    return pk;
}

/* A packet's copy of a decoding: offsets are relative to the frame start, so they hold for the copy;
 * the encapsulations' structs are read only under their layer bits (decode.h), so without one only
 * the rest is copied. */
static void copy_decoded(struct decoded *to, const struct decoded *d)
{
    if (d->layers & DECODE_ENCAP_LAYERS) *to = *d;
    else {
        memcpy(to, d, offsetof(struct decoded, mpls));
        memcpy(to->stack, d->stack, sizeof d->stack);
    }
}

struct lpacket *packet_push_decoded(lua_State *L, const struct frame *f, const struct decoded *d)
{
    struct lpacket *pk = packet_alloc(L, f);
    copy_decoded(&pk->d, d);
    return pk;
}

static bool fresh_tables;   /* packet_fresh_tables() */

void packet_fresh_tables(bool on) { fresh_tables = on; }
bool packet_tables_fresh(void) { return fresh_tables; }

/* If the packet at pidx (absolute) caches a value of this type in slot, push it, true. */
static bool cache_get(lua_State *L, int pidx, const struct lpacket *pk, int slot, int type)
{
    int uv = pk->uv_of[slot];
    if (!uv || (type == LUA_TTABLE && fresh_tables)) return false;
    if (uv == UV_SPILL) {
        if (lua_getiuservalue(L, pidx, UV_SPILL) != LUA_TTABLE) { lua_pop(L, 1); return false; }
        int t = lua_rawgeti(L, -1, slot);
        lua_remove(L, -2);
        if (t == type) return true;
    } else if (lua_getiuservalue(L, pidx, uv) == type) {
        return true;
    }
    lua_pop(L, 1);
    return false;
}

/* Stores the value on top in the packet's slot, leaving it on the stack. */
static void cache_put(lua_State *L, int pidx, struct lpacket *pk, int slot)
{
    if (fresh_tables && lua_type(L, -1) == LUA_TTABLE) return;
    int uv = pk->uv_of[slot];
    if (!uv) pk->uv_of[slot] = (uint8_t)(uv = pk->uv_next < UV_DIRECT ? UV_REPLAY + 1 + pk->uv_next++ : UV_SPILL);
    lua_pushvalue(L, -1);
    if (uv != UV_SPILL) {
        lua_setiuservalue(L, pidx, uv);
        return;
    }
    if (lua_getiuservalue(L, pidx, UV_SPILL) != LUA_TTABLE) {
        lua_pop(L, 1);
        lua_createtable(L, U_COUNT, 0);
        lua_pushvalue(L, -1);
        lua_setiuservalue(L, pidx, UV_SPILL);
    }
    lua_insert(L, -2);
    lua_rawseti(L, -2, slot);
    lua_pop(L, 1);
}

const struct conversation *packet_conv(lua_State *L, int pidx, struct lpacket *pk)
{
    if (!pk->conv_ord) return &pk->conv;
    static struct conversation none = {.index = -1};
    struct conversation c;
    uint8_t dcid[20];
    size_t dl;
    lua_getiuservalue(L, pidx, UV_REPLAY);
    int rc = lreplay_conversation(L, -1, pk->conv_ord, pk->number, &c, dcid, &dl);
    lua_pop(L, 1);
    if (rc < 0) return &none;   /* interrupted: the hook raises; asked again, it reads on */
    pk->conv_ord = 0;
    bool mine = rc > 0 && (!pk->conv_inner || c.quoted);
    if (mine && dl) lua_pushlstring(L, (const char *)dcid, dl);   /* a QUIC client's DCID takes the replay's place */
    else lua_pushnil(L);
    lua_setiuservalue(L, pidx, UV_REPLAY);   /* the replay may go when no other packet waits on it */
    if (mine) pk->conv = c;
    return &pk->conv;
}

/* The UDP payload of a QUIC long header (fixed bit set), or NULL. */
static const uint8_t *quic_long_payload(const struct lpacket *pk)
{
    const struct decoded *d = &pk->d;
    if (!(d->layers & L_UDP) || d->fragment || d->payload_caplen < 7) return NULL;
    const uint8_t *p = pk->bytes + d->payload_off;
    return (p[0] & 0xc0) == 0xc0 ? p : NULL;
}

void packet_note_quic(lua_State *L, int pidx, struct lpacket *pk, const struct stream_table *t)
{
    uint8_t dcid[20];
    size_t n;
    if (!t || !pk->conv.quic || pk->conv_ord || !quic_long_payload(pk)) return;
    if (!stream_quic_dcid(t, pk->conv.index, UINT64_MAX, dcid, &n)) return;   /* t stands at this packet */
    packet_set_quic_dcid(L, pidx, pk, dcid, n);
}

void packet_set_quic_dcid(lua_State *L, int pidx, struct lpacket *pk, const uint8_t *dcid, size_t n)
{
    if (!n || !pk->conv.quic || pk->conv_ord || !quic_long_payload(pk)) return;
    lua_pushlstring(L, (const char *)dcid, n);   /* user value 1 holds no replay: the conversation is known */
    lua_setiuservalue(L, pidx, UV_REPLAY);
}

bool packet_quic_dcid(lua_State *L, int pidx, struct lpacket *pk, uint8_t dcid[20], size_t *len)
{
    const struct conversation *c = packet_conv(L, pidx, pk);
    if (!c->quic || pk->conv_ord) return false;
    size_t n = 0;
    bool ok = lua_getiuservalue(L, pidx, UV_REPLAY) == LUA_TSTRING;
    const char *s = ok ? lua_tolstring(L, -1, &n) : NULL;
    ok = ok && n <= 20;
    if (ok) { memcpy(dcid, s, n); *len = n; }
    lua_pop(L, 1);
    return ok;
}

void packet_set_replay(lua_State *L, int pidx, struct lpacket *pk, uint64_t ord)
{
    lua_setiuservalue(L, pidx, UV_REPLAY);
    pk->conv_ord = ord;
}

/* Pushes the layer view for layer `ly` of the packet at pidx (absolute), or nil when absent.
 * Application layers are present when the caller (appfields.c) says so. */
static void push_layer(lua_State *L, int pidx, struct lpacket *pk, int ly)
{
    int slot = ly >= LY_DNS ? U_APP_LAYER : ly;
    if (ly != LY_FRAME && ly < LY_DNS && !(pk->d.layers & layer_bits[ly])) {
        lua_pushnil(L);
        return;
    }
    if (cache_get(L, pidx, pk, slot, LUA_TUSERDATA)) {
        struct llayer *v = to_layer(L, -1);
        if (v && v->layer == ly) return;
        lua_pop(L, 1);                   /* not a view of ours: a script's debug.setuservalue */
    }
    struct llayer *v = lua_newuserdatauv(L, sizeof *v, 1);
    v->magic = LAYER_MAGIC;
    v->layer = ly;
    v->pk = pk;
    v->id = pk->id;
    lua_pushvalue(L, pidx);
    lua_setiuservalue(L, -2, 1);     /* the view keeps its packet alive */
    push_metatable(L, true);
    lua_setmetatable(L, -2);
    cache_put(L, pidx, pk, slot);
}

void packet_push_layer(lua_State *L, int pidx, struct lpacket *pk, int ly)
{
    push_layer(L, pidx, pk, ly);
}

struct app_info *packet_app(lua_State *L, int pidx, struct lpacket *pk)
{
    if (cache_get(L, pidx, pk, U_APP, LUA_TUSERDATA)) return appfields_cache(L, -1, NULL);
    /* a QUIC long header: room in the cache for its decrypted payload and CRYPTO data */
    size_t cap = quic_long_payload(pk) ? pk->d.payload_caplen : 0;
    struct app_info *a = appfields_new_cache(L, cap);
    if (!cap) {
        app_decode(&pk->d, pk->bytes, a);
    } else {
        uint8_t *buf, dcid[20];
        size_t n;
        appfields_cache(L, -1, &buf);
        struct app_quic_in in = {NULL, 0, buf, buf + cap, cap};
        app_decode_quic(&pk->d, pk->bytes, a, &in);
        /* not opened with its own DCID: a server's Initial, keys from its client's (conversation state) */
        if (a->proto == APP_QUIC && a->quic.opened == QI_NO_KEY && packet_quic_dcid(L, pidx, pk, dcid, &n)) {
            in.client_dcid = dcid;
            in.client_dcid_len = n;
            app_decode_quic(&pk->d, pk->bytes, a, &in);
        }
    }
    cache_put(L, pidx, pk, U_APP);
    return a;
}

/* The layer id of a layer bit number, or -1. */
static int layer_of_bit(unsigned bit)
{
    for (int ly = LY_ETH; ly < LY_COUNT; ly++)
        if (layer_bits[ly] == 1u << bit) return ly;
    return -1;
}

static void push_addr(lua_State *L, int version, const uint8_t *a)
{
    char s[ADDR_STR_MAX];
    addr_format(version, a, s);
    lua_pushstring(L, s);
}

static void push_mac(lua_State *L, const uint8_t *m)
{
    char s[18];
    mac_format(m, s);
    lua_pushstring(L, s);
}

void reset_cause_push(lua_State *L, const struct reset_cause *rc, const uint8_t *text, size_t len)
{
    lua_createtable(L, 0, 10);
    const struct reset_code *row = rc->row;
    if (rc->kind != RC_NO_CAUSE && rc->kind != RC_CUT) {
        lua_pushlstring(L, rc->code, rc->code_len);
        lua_setfield(L, -2, "code");
    }
    lua_pushboolean(L, rc->kind == RC_KNOWN);
    lua_setfield(L, -2, "known");
    lua_pushstring(L, reset_form_name(rc->form));
    lua_setfield(L, -2, "form");
    lua_pushlstring(L, (const char *)text, len);
    lua_setfield(L, -2, "text");
    if (row) {
        lua_pushstring(L, row->vendor); lua_setfield(L, -2, "vendor");
        if (row->product[0]) { lua_pushstring(L, row->product); lua_setfield(L, -2, "product"); }   /* IETF's: none */
        lua_pushstring(L, row->category); lua_setfield(L, -2, "category");
        lua_pushstring(L, row->meaning); lua_setfield(L, -2, "meaning");
        lua_pushstring(L, row->source); lua_setfield(L, -2, "source");
        lua_pushstring(L, row->confidence); lua_setfield(L, -2, "confidence");
    } else if (rc->kind == RC_CUT) {
        lua_pushstring(L, reset_kind_name(rc->kind)); lua_setfield(L, -2, "category");
        lua_pushstring(L, "the capture kept only the start of the RST's payload (its snap length): too little to tell a cause");
        lua_setfield(L, -2, "meaning");
    } else if (rc->kind == RC_NO_CAUSE) {
        lua_pushstring(L, "RST data, no cause"); lua_setfield(L, -2, "category");
        lua_pushstring(L, "binary bytes on a RST segment (old stacks leak stale buffer data); no reset cause");
        lua_setfield(L, -2, "meaning");
    } else {
        lua_pushstring(L, "unknown"); lua_setfield(L, -2, "category");
        lua_pushstring(L, "reset cause not in the table"); lua_setfield(L, -2, "meaning");
    }
    if (rc->peer) { lua_pushboolean(L, 1); lua_setfield(L, -2, "peer"); }
    if (rc->cut) { lua_pushboolean(L, 1); lua_setfield(L, -2, "cut"); }
    if (rc->form == RF_IETF && rc->kind != RC_CUT) {
        lua_pushinteger(L, rc->ietf_reason); lua_setfield(L, -2, "reason");
        if (rc->pen_seen) { lua_pushinteger(L, rc->ietf_pen); lua_setfield(L, -2, "pen"); }
    }
}

static void push_tcp_options(lua_State *L, const struct tcp_info *t)
{
    lua_createtable(L, 0, 5);
    if (t->opts & TOPT_MSS) { lua_pushinteger(L, t->mss); lua_setfield(L, -2, "mss"); }
    if (t->opts & TOPT_WSCALE) { lua_pushinteger(L, t->wscale); lua_setfield(L, -2, "wscale"); }
    if (t->opts & TOPT_SACK_PERM) { lua_pushboolean(L, 1); lua_setfield(L, -2, "sack_perm"); }
    if (t->opts & TOPT_SACK) {
        lua_createtable(L, t->sack_count, 0);
        for (int i = 0; i < t->sack_count; i++) {
            lua_createtable(L, 2, 0);
            lua_pushinteger(L, t->sack[i][0]); lua_rawseti(L, -2, 1);
            lua_pushinteger(L, t->sack[i][1]); lua_rawseti(L, -2, 2);
            lua_rawseti(L, -2, i + 1);
        }
        lua_setfield(L, -2, "sack");
    }
    if (t->opts & TOPT_TS) {
        lua_createtable(L, 0, 2);
        lua_pushinteger(L, t->ts_val); lua_setfield(L, -2, "val");
        lua_pushinteger(L, t->ts_ecr); lua_setfield(L, -2, "ecr");
        lua_setfield(L, -2, "ts");
    }
}

static void push_layer_list(lua_State *L, const struct lpacket *pk)
{
    lua_createtable(L, pk->d.nstack + 1, 0);
    lua_pushstring(L, "frame");
    lua_rawseti(L, -2, 1);
    for (int i = 0; i < pk->d.nstack; i++) {
        lua_pushstring(L, decode_layer_name(pk->d.stack[i]));
        lua_rawseti(L, -2, i + 2);
    }
}

/* p.outer: the same bytes decoded one tunnel less deep (a packet of its own, cached). */
static void push_outer(lua_State *L, int pidx, struct lpacket *pk)
{
    if (pk->d.depth == 0) { lua_pushnil(L); return; }
    if (cache_get(L, pidx, pk, U_OUTER, LUA_TUSERDATA)) return;
    struct frame f = {0};
    struct decoded outer;
    struct session *s = session_get(L);
    decode_frame_depth(&outer, pk->d.linktype, pk->bytes, pk->hdr.caplen, pk->hdr.len, s ? &s->resets : NULL,
                       pk->d.depth - 1u);
    f.number = pk->number;
    f.hdr = pk->hdr;
    f.nano = pk->nano;
    f.linktype = pk->d.linktype;
    f.bytes = pk->bytes;
    struct lpacket *o = packet_push_decoded(L, &f, &outer);
    o->capture = pk->capture;
    cache_put(L, pidx, pk, U_OUTER);
}

static void push_inner(lua_State *L, int pidx, struct lpacket *pk)
{
    if (!pk->d.icmp.has_inner) { lua_pushnil(L); return; }
    if (cache_get(L, pidx, pk, U_INNER, LUA_TUSERDATA)) return;
    struct frame f = {0};
    struct decoded inner;
    struct session *s = session_get(L);
    decode_icmp_inner(&pk->d, pk->bytes, &inner, s ? &s->resets : NULL);
    f.number = pk->number;
    f.hdr = pk->hdr;
    f.hdr.caplen = pk->d.icmp.inner_len;
    f.hdr.len = pk->d.icmp.inner_len;
    f.nano = pk->nano;
    f.linktype = LT_RAW;
    f.bytes = pk->bytes + pk->d.icmp.inner_off;
    struct lpacket *in = packet_push_decoded(L, &f, &inner);
    if (pk->conv_ord) {   /* found with the ICMP packet's, when first asked */
        lua_getiuservalue(L, pidx, UV_REPLAY);
        packet_set_replay(L, lua_absindex(L, -2), in, pk->conv_ord);
        in->conv_inner = true;
    } else if (pk->conv.quoted) {
        in->conv = pk->conv;   /* the quoted packet's tcp.stream / udp.stream */
        in->hunt_packet = pk->hunt_packet;
    }
    cache_put(L, pidx, pk, U_INNER);
}

static int packet_summary(lua_State *L);
static int packet_show(lua_State *L);
static int packet_hex(lua_State *L);

#define PUSH_INT(v) (lua_pushinteger(L, (lua_Integer)(v)), 1)
#define PUSH_BOOL(v) (lua_pushboolean(L, (v) ? 1 : 0), 1)

/* Pushes field `id` of the packet at pidx; returns the number of values pushed. */
static int push_field(lua_State *L, int pidx, struct lpacket *pk, int id)
{
    const struct decoded *d = &pk->d;
    char buf[ADDR_STR_MAX];
    if (id >= F_APP_FIRST) return appfields_push(L, pidx, pk, id);
    switch (id) {
    case F_SRC: if (!d->ip_version) break; addr_src(d, buf); lua_pushstring(L, buf); return 1;
    case F_DST: if (!d->ip_version) break; addr_dst(d, buf); lua_pushstring(L, buf); return 1;
    case F_TTL:
        if (d->layers & L_IPV4) return PUSH_INT(d->ip4.ttl);
        if (d->layers & L_IPV6) return PUSH_INT(d->ip6.hlim);
        break;
    case F_SPORT:
        if (d->layers & L_TCP) return PUSH_INT(d->tcp.sport);
        if (d->layers & L_UDP) return PUSH_INT(d->udp.sport);
        break;
    case F_DPORT:
        if (d->layers & L_TCP) return PUSH_INT(d->tcp.dport);
        if (d->layers & L_UDP) return PUSH_INT(d->udp.dport);
        break;
    case F_PROTO: lua_pushstring(L, decoded_proto_name(d)); return 1;
    case F_PAYLOAD:
        if (!(d->layers & (L_TCP | L_UDP | L_ICMP | L_ICMPV6))) break;
        lua_pushlstring(L, (const char *)pk->bytes + d->payload_off, d->payload_caplen);
        return 1;
    case F_DATA: lua_pushlstring(L, (const char *)pk->bytes, pk->hdr.caplen); return 1;
    case F_RESET_CAUSE:
        if (!d->has_reset_cause) break;
        if (cache_get(L, pidx, pk, U_RESET, LUA_TTABLE)) return 1;
        reset_cause_push(L, &d->reset_cause, pk->bytes + d->payload_off, d->payload_caplen);
        cache_put(L, pidx, pk, U_RESET);
        return 1;
    case F_TRUNCATED: if (!d->truncated) break; lua_pushstring(L, d->truncated); return 1;
    case F_MALFORMED: if (!d->malformed) break; lua_pushstring(L, d->malformed); return 1;
    case F_FRAGMENT_CUT: {
        uint8_t pr = d->l4_proto;
        switch (d->frag_cut) {
        case FRAG_CUT_HEADER:
            lua_pushfstring(L, "first fragment holds %d of the %d bytes of the %s header", (int)d->frag_held,
                            (int)d->frag_need, pr == 6 ? "TCP" : pr == 17 ? "UDP" : pr == 1 ? "ICMP" : "ICMPv6");
            return 1;
        case FRAG_CUT_SMALL:
            lua_pushfstring(L, "first fragment holds %d bytes, fewer than a 68-byte MTU leaves (%d)", (int)d->frag_held,
                            (int)d->frag_need);
            return 1;
        case FRAG_CUT_INSIDE:
            lua_pushfstring(L, "fragment at offset %d starts inside the TCP header",
                            (int)(d->ip_version == 4 ? d->ip4.frag_offset : d->ip6.frag_offset));
            return 1;
        case FRAG_CUT_CHAIN: lua_pushliteral(L, "first fragment ends inside the IPv6 extension headers"); return 1;
        default: break;
        }
        break;
    }
    case F_LAYERS:
        if (cache_get(L, pidx, pk, U_LAYERS, LUA_TTABLE)) return 1;
        push_layer_list(L, pk);
        cache_put(L, pidx, pk, U_LAYERS);
        return 1;
    case F_L_FRAME: push_layer(L, pidx, pk, LY_FRAME); return 1;
    case F_L_ETH: push_layer(L, pidx, pk, LY_ETH); return 1;
    case F_L_VLAN: push_layer(L, pidx, pk, LY_VLAN); return 1;
    case F_L_SLL: push_layer(L, pidx, pk, LY_SLL); return 1;
    case F_L_IP: push_layer(L, pidx, pk, LY_IP); return 1;
    case F_L_IPV6: push_layer(L, pidx, pk, LY_IPV6); return 1;
    case F_L_TCP: push_layer(L, pidx, pk, LY_TCP); return 1;
    case F_L_UDP: push_layer(L, pidx, pk, LY_UDP); return 1;
    case F_L_ICMP: push_layer(L, pidx, pk, LY_ICMP); return 1;
    case F_L_ICMPV6: push_layer(L, pidx, pk, LY_ICMPV6); return 1;
    case F_L_NULL: push_layer(L, pidx, pk, LY_NULL); return 1;
    case F_L_MPLS: push_layer(L, pidx, pk, LY_MPLS); return 1;
    case F_L_PPPOES: push_layer(L, pidx, pk, LY_PPPOES); return 1;
    case F_L_PPP: push_layer(L, pidx, pk, LY_PPP); return 1;
    case F_L_GRE: push_layer(L, pidx, pk, LY_GRE); return 1;
    case F_L_ERSPAN: push_layer(L, pidx, pk, LY_ERSPAN); return 1;
    case F_L_VXLAN: push_layer(L, pidx, pk, LY_VXLAN); return 1;
    case F_L_GENEVE: push_layer(L, pidx, pk, LY_GENEVE); return 1;
    case F_L_NFLOG: push_layer(L, pidx, pk, LY_NFLOG); return 1;
    case F_L_IPNET: push_layer(L, pidx, pk, LY_IPNET); return 1;
    case F_L_GTP: push_layer(L, pidx, pk, LY_GTP); return 1;
    case F_OUTER: push_outer(L, pidx, pk); return 1;
    case F_M_SHOW: lua_pushcfunction(L, packet_show); return 1;
    case F_M_HEX: lua_pushcfunction(L, packet_hex); return 1;
    case F_M_SUMMARY: lua_pushcfunction(L, packet_summary); return 1;

    case F_FRAME_NUMBER: return PUSH_INT(pk->number);
    case F_FRAME_TIME_EPOCH: lua_pushnumber(L, frame_time_epoch(&pk->hdr, pk->nano)); return 1;
    case F_FRAME_TIME: { char ts[32]; frame_time_string(&pk->hdr, pk->nano, ts); lua_pushstring(L, ts); return 1; }
    case F_FRAME_LEN: return PUSH_INT(pk->hdr.len);
    case F_FRAME_CAP_LEN: return PUSH_INT(pk->hdr.caplen);
    case F_FRAME_LINKTYPE: return PUSH_INT(d->linktype);
    case F_FRAME_CAPTURE: return PUSH_INT(pk->capture);
    case F_FRAME_COMMENT:
        if (!pk->comment_len) { lua_pushnil(L); return 1; }
        lua_pushlstring(L, (const char *)pk->bytes + pk->hdr.caplen, pk->comment_len);
        return 1;

    case F_ETH_SRC: push_mac(L, d->eth.src); return 1;
    case F_ETH_DST: push_mac(L, d->eth.dst); return 1;
    case F_ETH_TYPE: return PUSH_INT(d->eth.type);

    case F_VLAN_ID: return PUSH_INT(d->vlan.id[0]);
    case F_VLAN_PCP: return PUSH_INT(d->vlan.pcp[0]);
    case F_VLAN_COUNT: return PUSH_INT(d->vlan.count);
    case F_VLAN_IDS:
        if (cache_get(L, pidx, pk, U_VLAN_IDS, LUA_TTABLE)) return 1;
        lua_createtable(L, d->vlan.count, 0);
        for (int i = 0; i < d->vlan.count; i++) { lua_pushinteger(L, d->vlan.id[i]); lua_rawseti(L, -2, i + 1); }
        cache_put(L, pidx, pk, U_VLAN_IDS);
        return 1;

    case F_SLL_VERSION: return PUSH_INT(d->sll.version);
    case F_SLL_PKTTYPE: return PUSH_INT(d->sll.pkttype);
    case F_SLL_HATYPE: return PUSH_INT(d->sll.hatype);
    case F_SLL_HALEN: return PUSH_INT(d->sll.halen);
    case F_SLL_PROTOCOL: return PUSH_INT(d->sll.protocol);
    /* the protocol field under the name Wireshark gives it (tshark 4.0, every hatype compared):
     * none on netlink (ARPHRD_NETLINK 824), a Linux type up to 1536, past it GRE's on ARPHRD_IPGRE (778) */
    case F_SLL_ETYPE: if (d->sll.hatype == 824 || d->sll.protocol <= 0x0600 || d->sll.hatype == 778) break; return PUSH_INT(d->sll.protocol);
    case F_SLL_LTYPE: if (d->sll.hatype == 824 || d->sll.protocol > 0x0600) break; return PUSH_INT(d->sll.protocol);
    case F_SLL_GRETYPE: if (d->sll.hatype != 778 || d->sll.protocol <= 0x0600) break; return PUSH_INT(d->sll.protocol);
    case F_SLL_IFINDEX: return PUSH_INT(d->sll.ifindex);
    case F_SLL_SRC: {
        char s[3 * 8];
        size_t n = d->sll.halen < 8 ? d->sll.halen : 8, o = 0;
        s[0] = 0;
        for (size_t i = 0; i < n; i++) o += (size_t)snprintf(s + o, sizeof s - o, i ? ":%02x" : "%02x", d->sll.addr[i]);
        lua_pushstring(L, s);
        return 1;
    }

    case F_IP_VERSION: return PUSH_INT(4);
    case F_IP_SRC: push_addr(L, 4, d->ip4.src); return 1;
    case F_IP_DST: push_addr(L, 4, d->ip4.dst); return 1;
    case F_IP_TTL: return PUSH_INT(d->ip4.ttl);
    case F_IP_ID: return PUSH_INT(d->ip4.id);
    case F_IP_PROTO: return PUSH_INT(d->ip4.proto);
    case F_IP_LEN: return PUSH_INT(d->ip4.len);
    case F_IP_HDR_LEN: return PUSH_INT(d->ip4.hlen);
    case F_IP_DSFIELD: return PUSH_INT(d->ip4.tos);
    case F_IP_FLAGS: return PUSH_INT(d->ip4.flags << 5);
    case F_IP_DF: return PUSH_BOOL(d->ip4.flags & 2);
    case F_IP_MF: return PUSH_BOOL(d->ip4.flags & 1);
    case F_IP_RB: return PUSH_BOOL(d->ip4.flags & 4);
    case F_IP_FRAG_OFFSET: return PUSH_INT(d->ip4.frag_offset);
    case F_IP_CHECKSUM: return PUSH_INT(d->ip4.checksum);
    case F_IP_CHECKSUM_OK: return PUSH_BOOL(d->ip4.checksum_ok);

    case F_IPV6_VERSION: return PUSH_INT(6);
    case F_IPV6_SRC: push_addr(L, 6, d->ip6.src); return 1;
    case F_IPV6_DST: push_addr(L, 6, d->ip6.dst); return 1;
    case F_IPV6_HLIM: return PUSH_INT(d->ip6.hlim);
    case F_IPV6_NXT: return PUSH_INT(d->ip6.nxt);
    case F_IPV6_FLOW: return PUSH_INT(d->ip6.flow);
    case F_IPV6_TCLASS: return PUSH_INT(d->ip6.tclass);
    case F_IPV6_PLEN: return PUSH_INT(d->ip6.plen);
    case F_IPV6_FRAG: return PUSH_BOOL(d->ip6.has_frag);
    case F_IPV6_FRAG_OFFSET: if (!d->ip6.has_frag) break; return PUSH_INT(d->ip6.frag_offset);   /* absent without a fragment header */
    case F_IPV6_FRAG_MORE: if (!d->ip6.has_frag) break; return PUSH_BOOL(d->ip6.frag_more);
    case F_IPV6_FRAG_ID: if (!d->ip6.has_frag) break; return PUSH_INT(d->ip6.frag_id);

    case F_TCP_SRCPORT: return PUSH_INT(d->tcp.sport);
    case F_TCP_DSTPORT: return PUSH_INT(d->tcp.dport);
    case F_TCP_SEQ: if (!d->tcp.fixed) break; return PUSH_INT(d->tcp.seq);
    case F_TCP_ACK: if (!d->tcp.fixed) break; return PUSH_INT(d->tcp.ack);
    case F_TCP_FLAGS: if (!d->tcp.fixed) break; return PUSH_INT(d->tcp.flags);
    case F_TCP_FLAGS_STR: {
        if (!d->tcp.fixed) break;
        char fl[16];
        tcp_flags_string(d->tcp.flags, fl);
        lua_pushstring(L, fl);
        return 1;
    }
    case F_TCP_LEN: if (!d->tcp.hlen) break; return PUSH_INT(d->payload_len);
    case F_TCP_HDR_LEN: if (!d->tcp.hlen) break; return PUSH_INT(d->tcp.hlen);
    case F_TCP_WINDOW: if (!d->tcp.fixed) break; return PUSH_INT(d->tcp.window);
    case F_TCP_CHECKSUM: if (!d->tcp.fixed) break; return PUSH_INT(d->tcp.checksum);
    case F_TCP_URGENT: if (!d->tcp.fixed) break; return PUSH_INT(d->tcp.urp);
    case F_TCP_OPTIONS:
        if (cache_get(L, pidx, pk, U_OPTIONS, LUA_TTABLE)) return 1;
        push_tcp_options(L, &d->tcp);
        cache_put(L, pidx, pk, U_OPTIONS);
        return 1;
    case F_TCP_SYN: return PUSH_BOOL(d->tcp.flags & TCP_SYN);
    case F_TCP_FIN: return PUSH_BOOL(d->tcp.flags & TCP_FIN);
    case F_TCP_RST: case F_TCP_RESET: return PUSH_BOOL(d->tcp.flags & TCP_RST);
    case F_TCP_PSH: return PUSH_BOOL(d->tcp.flags & TCP_PSH);
    case F_TCP_ACK_FLAG: return PUSH_BOOL(d->tcp.flags & TCP_ACK);
    case F_TCP_URG: return PUSH_BOOL(d->tcp.flags & TCP_URG);
    case F_TCP_ECE: return PUSH_BOOL(d->tcp.flags & TCP_ECE);
    case F_TCP_CWR: return PUSH_BOOL(d->tcp.flags & TCP_CWR);
    case F_TCP_AE: return PUSH_BOOL(d->tcp.flags & TCP_AE);

    case F_UDP_SRCPORT: return PUSH_INT(d->udp.sport);
    case F_UDP_DSTPORT: return PUSH_INT(d->udp.dport);
    case F_UDP_LENGTH: return PUSH_INT(d->udp.length);
    case F_UDP_CHECKSUM: return PUSH_INT(d->udp.checksum);

    case F_ICMP_TYPE: return PUSH_INT(d->icmp.type);
    case F_ICMP_CODE: return PUSH_INT(d->icmp.code);
    case F_ICMP_CHECKSUM: return PUSH_INT(d->icmp.checksum);
    case F_ICMP_INNER: push_inner(L, pidx, pk); return 1;
    case F_ICMP_IDENT: if (!(d->icmp.idseq & ICMP_IDENT)) break; return PUSH_INT(d->icmp.ident);
    case F_ICMP_SEQ: if (!(d->icmp.idseq & ICMP_SEQ)) break; return PUSH_INT(d->icmp.seq);
    case F_ICMP_IDENT_LE: if (!(d->icmp.idseq & ICMP_IDENT)) break; return PUSH_INT((uint16_t)(d->icmp.ident >> 8 | d->icmp.ident << 8));
    case F_ICMP_SEQ_LE: if (!(d->icmp.idseq & ICMP_SEQ)) break; return PUSH_INT((uint16_t)(d->icmp.seq >> 8 | d->icmp.seq << 8));

    case F_NULL_FAMILY: return PUSH_INT(d->null.family);

    case F_MPLS_LABEL: return PUSH_INT(d->mpls.entry[0] >> 12);
    case F_MPLS_EXP: return PUSH_INT((d->mpls.entry[0] >> 9) & 7);
    case F_MPLS_BOTTOM: return PUSH_INT((d->mpls.entry[0] >> 8) & 1);
    case F_MPLS_TTL: return PUSH_INT(d->mpls.entry[0] & 0xFF);
    case F_MPLS_COUNT: return PUSH_INT(d->mpls.count);
    case F_MPLS_LABELS: {
        if (cache_get(L, pidx, pk, U_MPLS_LABELS, LUA_TTABLE)) return 1;
        int n = d->mpls.count < DECODE_MAX_MPLS ? d->mpls.count : DECODE_MAX_MPLS;
        lua_createtable(L, n, 0);
        for (int i = 0; i < n; i++) { lua_pushinteger(L, d->mpls.entry[i] >> 12); lua_rawseti(L, -2, i + 1); }
        cache_put(L, pidx, pk, U_MPLS_LABELS);
        return 1;
    }

    case F_PPPOE_VERSION: return PUSH_INT(d->pppoe.version);
    case F_PPPOE_TYPE: return PUSH_INT(d->pppoe.type);
    case F_PPPOE_CODE: return PUSH_INT(d->pppoe.code);
    case F_PPPOE_SESSION_ID: return PUSH_INT(d->pppoe.session_id);
    case F_PPPOE_PAYLOAD_LENGTH: return PUSH_INT(d->pppoe.length);

    case F_PPP_ADDRESS: if (!d->ppp.hdlc) break; return PUSH_INT(d->ppp.address);
    case F_PPP_CONTROL: if (!d->ppp.hdlc) break; return PUSH_INT(d->ppp.control);
    case F_PPP_PROTOCOL: return PUSH_INT(d->ppp.protocol);

    case F_GRE_FLAGS_AND_VERSION: return PUSH_INT(d->gre.flags_version);
    case F_GRE_VERSION: return PUSH_INT(d->gre.flags_version & 7);
    case F_GRE_PROTO: return PUSH_INT(d->gre.proto);
    case F_GRE_CHECKSUM: if (!(d->gre.flags_version & 0x8000)) break; return PUSH_INT(d->gre.checksum);
    case F_GRE_KEY: if ((d->gre.flags_version & 0x2007) != 0x2000) break; return PUSH_INT(d->gre.key);
    case F_GRE_PAYLOAD_LENGTH: if ((d->gre.flags_version & 0x2007) != 0x2001) break; return PUSH_INT(d->gre.key >> 16);
    case F_GRE_CALL_ID: if ((d->gre.flags_version & 0x2007) != 0x2001) break; return PUSH_INT(d->gre.key & 0xFFFF);
    case F_GRE_SEQ: if (!(d->gre.flags_version & 0x1000)) break; return PUSH_INT(d->gre.seq);
    case F_GRE_ACK: if ((d->gre.flags_version & 0x0087) != 0x0081) break; return PUSH_INT(d->gre.ack);

    case F_ERSPAN_TYPE: return PUSH_INT(d->erspan.type);
    case F_ERSPAN_VERSION: if (d->erspan.type < 2) break; return PUSH_INT(d->erspan.version);
    case F_ERSPAN_VLAN: if (d->erspan.type < 2) break; return PUSH_INT(d->erspan.vlan);
    case F_ERSPAN_COS: if (d->erspan.type < 2) break; return PUSH_INT(d->erspan.cos);
    case F_ERSPAN_SPANID: if (d->erspan.type < 2) break; return PUSH_INT(d->erspan.spanid);
    case F_ERSPAN_INDEX: if (d->erspan.type != 2) break; return PUSH_INT(d->erspan.index);
    case F_ERSPAN_TIMESTAMP: if (d->erspan.type != 3) break; return PUSH_INT(d->erspan.timestamp);
    case F_ERSPAN_SGT: if (d->erspan.type != 3) break; return PUSH_INT(d->erspan.sgt);
    case F_ERSPAN_FT: if (d->erspan.type != 3) break; return PUSH_INT(d->erspan.ft);
    case F_ERSPAN_HW: if (d->erspan.type != 3) break; return PUSH_INT(d->erspan.hw);
    case F_ERSPAN_DIRECTION: if (d->erspan.type != 3) break; return PUSH_BOOL(d->erspan.direction);

    case F_VXLAN_FLAGS: return PUSH_INT(d->vxlan.flags);
    case F_VXLAN_VNI: return PUSH_INT(d->vxlan.vni);

    case F_GENEVE_VERSION: return PUSH_INT(d->geneve.version);
    case F_GENEVE_FLAGS: return PUSH_INT(d->geneve.flags);
    case F_GENEVE_PROTO_TYPE: return PUSH_INT(d->geneve.proto);
    case F_GENEVE_VNI: return PUSH_INT(d->geneve.vni);

    case F_NFLOG_FAMILY: return PUSH_INT(d->nflog.family);
    case F_NFLOG_VERSION: return PUSH_INT(d->nflog.version);
    case F_NFLOG_RES_ID: return PUSH_INT(d->nflog.res_id);
    case F_NFLOG_HOOK: if (!d->nflog.has_hdr) break; return PUSH_INT(d->nflog.hook);
    case F_NFLOG_PROTOCOL: if (!d->nflog.has_hdr) break; return PUSH_INT(d->nflog.hwproto);

    case F_IPNET_VERSION: return PUSH_INT(d->ipnet.version);
    case F_IPNET_FAMILY: return PUSH_INT(d->ipnet.family);
    case F_IPNET_HTYPE: return PUSH_INT(d->ipnet.htype);
    case F_IPNET_PKTLEN: return PUSH_INT(d->ipnet.pktlen);
    case F_IPNET_IFINDEX: return PUSH_INT(d->ipnet.ifindex);
    case F_IPNET_GRIFINDEX: return PUSH_INT(d->ipnet.grifindex);
    case F_IPNET_ZSRC: return PUSH_INT(d->ipnet.zsrc);
    case F_IPNET_ZDST: return PUSH_INT(d->ipnet.zdst);

    case F_GTP_FLAGS: return PUSH_INT(d->gtp.flags);
    case F_GTP_MESSAGE: return PUSH_INT(d->gtp.message);
    case F_GTP_LENGTH: return PUSH_INT(d->gtp.length);
    case F_GTP_TEID: return PUSH_INT(d->gtp.teid);
    case F_GTP_SEQ: if (!(d->gtp.flags & 0x02)) break; return PUSH_INT(d->gtp.seq);
    }
    lua_pushnil(L);
    return 1;
}

/* Field id of the key at kidx in layer ly, or 0 (always for a key that is not a string).
 * Called only from the __index closures, whose upvalue 1 is the names table. */
static int field_lookup(lua_State *L, int ly, int kidx)
{
    const void *k = lua_topointer(L, kidx);   /* a string's object: one call, the type checked on a miss */
    struct name_entry *e = &name_cache[(uintptr_t)k >> 4 & (NAME_CACHE - 1)];
    if (!k || e->key != k) {
        if (lua_type(L, kidx) != LUA_TSTRING) return 0;
        lua_pushvalue(L, kidx);
        int n = lua_rawget(L, lua_upvalueindex(1)) == LUA_TNUMBER ? (int)lua_tointeger(L, -1) : 0;
        lua_pop(L, 1);
        if (n <= 0 || n >= NAMES_MAX) return 0;   /* k equals a key of the table: it is that key */
        e->key = k;
        memcpy(e->id, field_of[n], sizeof e->id);
    }
    return e->id[ly];
}

/* A miss: a string key that names no field of layer ly raises, with the closest name as a
 * hint, so a misspelled field stops the script instead of reading as an absent value.  The
 * position is that of the Lua code reading the field.  Other keys read nil. */
static int field_miss(lua_State *L, int ly, int kidx)
{
    if (lua_type(L, kidx) != LUA_TSTRING) { lua_pushnil(L); return 1; }
    const char *k = lua_tostring(L, kidx);
    const char *near = field_suggest(ly, k);
    if (!near && ly == LY_PACKET && strchr(k, '.')) near = field_suggest_full(k);   /* p["ip.sr"] */
    char esc[4 * 64 + 1], full[64], msg[256];
    size_t len = lua_rawlen(L, kidx);
    escape_text(esc, sizeof esc, (const uint8_t *)k, len);   /* a long key is cut visibly, ending in "..." */
    luaL_where(L, 1);
    int n = snprintf(full, sizeof full, "%s.%s", layer_names[ly], k);   /* p.ip.addr: Wireshark's ip.addr */
    if (ly != LY_PACKET && n > 0 && (size_t)n < sizeof full && field_either_side(full, (size_t)n, msg, sizeof msg))
        lua_pushstring(L, msg);
    else if (near) lua_pushfstring(L, "no field '%s' in %s (did you mean %s?)", esc, layer_names[ly], near);
    else lua_pushfstring(L, "no field '%s' in %s", esc, layer_names[ly]);
    lua_concat(L, 2);
    return lua_error(L);
}

/* The field of each layer that is the layer itself (p.tcp: F_L_TCP). */
static const int layer_field_id[LY_COUNT] = {
    [LY_FRAME] = F_L_FRAME, [LY_ETH] = F_L_ETH, [LY_VLAN] = F_L_VLAN, [LY_SLL] = F_L_SLL, [LY_IP] = F_L_IP,
    [LY_IPV6] = F_L_IPV6, [LY_TCP] = F_L_TCP, [LY_UDP] = F_L_UDP, [LY_ICMP] = F_L_ICMP, [LY_ICMPV6] = F_L_ICMPV6,
    [LY_NULL] = F_L_NULL, [LY_MPLS] = F_L_MPLS, [LY_PPPOES] = F_L_PPPOES, [LY_PPP] = F_L_PPP, [LY_GRE] = F_L_GRE,
    [LY_ERSPAN] = F_L_ERSPAN, [LY_VXLAN] = F_L_VXLAN, [LY_GENEVE] = F_L_GENEVE, [LY_NFLOG] = F_L_NFLOG,
    [LY_IPNET] = F_L_IPNET, [LY_GTP] = F_L_GTP,
    [LY_DNS] = F_L_DNS, [LY_HTTP] = F_L_HTTP, [LY_TLS] = F_L_TLS, [LY_SSH] = F_L_SSH, [LY_QUIC] = F_L_QUIC
};

/* p["tcp.srcport"], p["tcp.flags.syn"], p["dns.qry.name"]: a field by its Wireshark display-filter
 * name (fields.c: field_by_full_name); nil when the layer is absent.  A name that holds either side
 * (ip.addr, tcp.port) raises, saying what to read instead.  Returns -1 when the key is no such name. */
static int full_name(lua_State *L, int pidx, struct lpacket *pk, int kidx)
{
    size_t len;
    int ly;
    char msg[256];
    if (lua_type(L, kidx) != LUA_TSTRING) return -1;
    const char *k = lua_tolstring(L, kidx, &len);
    const struct field_def *f = field_by_full_name(k, len, &ly);
    if (!f) {
        if (!field_either_side(k, len, msg, sizeof msg)) return -1;
        luaL_where(L, 1);
        lua_pushstring(L, msg);
        lua_concat(L, 2);
        return lua_error(L);
    }
    int lid = f->id;
    push_field(L, pidx, pk, layer_field_id[ly]);
    if (lua_isnil(L, -1)) return 1;
    lua_pop(L, 1);
    return push_field(L, pidx, pk, lid);
}

/* ---- field lists: packets{"ip.ttl", "tcp.srcport", ...} (lua/capture.c) ---- */


/* Fields push_field reads only from the decoded struct and the frame's header: no frame bytes, no
 * cache in a user value, no view. */
static bool field_is_plain(int id)
{
    if (id >= F_APP_FIRST || (id >= F_L_FRAME && id <= F_OUTER)) return false;
    switch (id) {
    case F_PAYLOAD: case F_DATA: case F_FRAME_COMMENT: case F_RESET_CAUSE: case F_LAYERS: case F_VLAN_IDS:
    case F_TCP_OPTIONS: case F_ICMP_INNER: case F_MPLS_LABELS: case F_M_SHOW: case F_M_HEX: case F_M_SUMMARY:
        return false;
    default:
        return true;
    }
}

bool packet_field_ref(const char *name, struct field_ref *r, char *err, size_t errsz)
{
    char esc[4 * 64 + 1];
    escape_text(esc, sizeof esc, (const uint8_t *)name, strlen(name));
    const struct field_def *f = NULL;
    int ly = LY_PACKET;
    if (!strchr(name, '.')) f = field_find(LY_PACKET, name);
    else f = field_by_full_name(name, strlen(name), &ly);
    if (!f) {
        if (field_either_side(name, strlen(name), err, errsz)) return false;
        /* the closest value's name, as p["tcp.dstprot"] suggests it: a full name, or one of the packet's own */
        const char *near = strchr(name, '.') ? field_suggest_full(name) : field_suggest(LY_PACKET, name);
        const struct field_def *nf = near && !strchr(name, '.') ? field_find(LY_PACKET, near) : NULL;
        if (nf && !field_is_value(nf->id)) near = NULL;   /* a layer or a method is no field to list */
        if (near) snprintf(err, errsz, "no field '%s' (did you mean %s?)", esc, near);
        else snprintf(err, errsz, "no field '%s' (a name as Wireshark writes it: ip.ttl, tcp.srcport, dns.qry.name)", esc);
        return false;
    }
    if ((f->id >= F_L_FRAME && f->id <= F_OUTER) || (f->id >= F_L_DNS && f->id <= F_L_QUIC) || f->id == F_ICMP_INNER) {
        snprintf(err, errsz, "'%s' is a layer or a packet, not a value: name one of its fields", esc);
        return false;
    }
    if (f->id == F_M_SHOW || f->id == F_M_HEX || f->id == F_M_SUMMARY || f->id == F_M_HAS_ADDR) {
        snprintf(err, errsz, "'%s' is a method, not a field", esc);
        return false;
    }
    r->layer = ly;
    r->id = f->id;
    r->layer_id = ly == LY_PACKET ? 0 : layer_field_id[ly];
    r->object = !field_is_plain(f->id) || ly >= LY_DNS;
    return true;
}

void packet_scratch_set(struct lpacket *pk, const struct frame *f, const struct decoded *d, int capture)
{
    pk->magic = 0;   /* never a Lua object: nothing may take it for a packet */
    pk->number = f->number;
    pk->capture = capture;
    pk->hdr = f->hdr;
    pk->nano = f->nano;
    pk->comment_len = 0;
    copy_decoded(&pk->d, d);
}

void packet_push_ref(lua_State *L, struct lpacket *pk, const struct field_ref *r)
{
    if (r->layer != LY_PACKET && r->layer != LY_FRAME && !(pk->d.layers & layer_bits[r->layer])) {
        lua_pushnil(L);
        return;
    }
    push_field(L, 0, pk, r->id);
}

void packet_push_ref_object(lua_State *L, int pidx, struct lpacket *pk, const struct field_ref *r)
{
    if (r->layer_id) {
        push_field(L, pidx, pk, r->layer_id);
        bool absent = lua_isnil(L, -1);
        lua_pop(L, 1);
        if (absent) { lua_pushnil(L); return; }
    }
    push_field(L, pidx, pk, r->id);
}

static int packet_index(lua_State *L)
{
    struct lpacket *pk = to_packet(L, 1);
    if (!pk) return luaL_typeerror(L, 1, PACKET_MT);
    int id = field_lookup(L, LY_PACKET, 2);
    if (!id) {
        int n = full_name(L, 1, pk, 2);
        return n >= 0 ? n : field_miss(L, LY_PACKET, 2);
    }
    return push_field(L, 1, pk, id);
}

static int layer_index(lua_State *L)
{
    struct llayer *v = to_layer(L, 1);
    if (!v) return luaL_typeerror(L, 1, LAYER_MT);
    int id = field_lookup(L, v->layer, 2);
    if (!id) return field_miss(L, v->layer, 2);
    struct lpacket *pk = layer_packet(L, 1, v);
    return push_field(L, lua_gettop(L), pk, id);
}

static int readonly(lua_State *L)
{
    return luaL_error(L, "packet fields are read-only (tried to set '%s')", luaL_tolstring(L, 2, NULL));
}

static int packet_summary(lua_State *L)
{
    struct lpacket *pk = packet_check(L, 1);
    char buf[512];
    size_t n = summary_format(buf, sizeof buf, pk->number, &pk->hdr, pk->nano, &pk->d, pk->bytes);
    lua_pushlstring(L, buf, n);
    return 1;
}

static int layer_tostring(lua_State *L)
{
    struct llayer *v = to_layer(L, 1);
    if (!v) return luaL_typeerror(L, 1, LAYER_MT);
    struct lpacket *pk = layer_packet(L, 1, v);
    lua_pushfstring(L, "%s layer of frame %I", layer_names[v->layer], (lua_Integer)pk->number);
    return 1;
}

/* Appends "name = value" lines for every field of layer ly (help order). */
static void tree_layer(lua_State *L, luaL_Buffer *b, int pidx, struct lpacket *pk, int ly)
{
    luaL_addstring(b, layer_names[ly]);
    luaL_addchar(b, '\n');
    for (const struct field_def *f = field_defs; f->name; f++) {
        if ((int)f->layer != ly || f->id == F_ICMP_INNER || f->id == F_TCP_OPTIONS || f->id == F_MPLS_LABELS) continue;
        if (f->id >= F_TCP_SYN && f->id <= F_TCP_AE) continue;   /* flags_str says it */
        if ((f->id == F_TCP_STREAM || f->id == F_UDP_STREAM) && appfields_conversation_hidden(L, pk)) continue;   /* not this hunt's */
        push_field(L, pidx, pk, f->id);
        if (lua_isnil(L, -1)) { lua_pop(L, 1); continue; }
        if (f->id == F_FRAME_TIME_EPOCH) {   /* every digit the capture has, exact (a float shows 4 decimals) */
            char ts[32];
            frame_time_string(&pk->hdr, pk->nano, ts);
            lua_pop(L, 1);
            lua_pushstring(L, ts);
        }
        packet_tree_value(L, b, ly, f->name);
    }
}

void packet_tree_value(lua_State *L, luaL_Buffer *b, int ly, const char *name)
{
    char esc[512];   /* a long value is shown cut, ending in "..." */
    size_t len;
    const char *s = luaL_tolstring(L, -1, &len);
    escape_text(esc, sizeof esc, (const uint8_t *)s, len);
    lua_pop(L, 2);
    lua_pushfstring(L, "    %s.%s = %s\n", layer_names[ly], name, esc);
    luaL_addvalue(b);
}

static int packet_show(lua_State *L)
{
    struct lpacket *pk = packet_check(L, 1);
    luaL_Buffer b;
    packet_summary(L);
    escape_fwrite(stdout, lua_tostring(L, -1), lua_rawlen(L, -1), ESC_LINE);
    lua_writeline();
    lua_pop(L, 1);
    luaL_buffinit(L, &b);
    /* the layers of this view in frame order: each kind where it last occurs in the frame */
    int order[DECODE_MAX_LAYERS + 1], n = 0;
    order[n++] = LY_FRAME;
    for (int i = 0; i < pk->d.nstack; i++) {
        int ly = layer_of_bit(pk->d.stack[i]);
        if (ly < 0 || !(pk->d.layers & layer_bits[ly])) continue;
        bool later = false;
        for (int j = i + 1; j < pk->d.nstack && !later; j++) later = pk->d.stack[j] == pk->d.stack[i];
        if (!later) order[n++] = ly;
    }
    for (int k = 0; k < n; k++) {
        int ly = order[k];
        tree_layer(L, &b, 1, pk, ly);
        if (ly == LY_FRAME && pk->d.depth) {
            lua_pushfstring(L, "    layers = frame");
            luaL_addvalue(&b);
            for (int i = 0; i < pk->d.nstack; i++) {
                luaL_addchar(&b, ':');
                luaL_addstring(&b, decode_layer_name(pk->d.stack[i]));
            }
            luaL_addstring(&b, " (p.outer: the packet outside the innermost tunnel)\n");
        }
        if (ly == LY_TCP && (pk->d.tcp.opts & (TOPT_MSS | TOPT_WSCALE | TOPT_SACK_PERM | TOPT_SACK | TOPT_TS))) {
            /* the options present, as p.tcp.options holds them */
            const struct tcp_info *t = &pk->d.tcp;
            const char *sep = "";
            luaL_addstring(&b, "    tcp.options = ");
            if (t->opts & TOPT_MSS) { lua_pushfstring(L, "mss %d", (int)t->mss); luaL_addvalue(&b); sep = ", "; }
            if (t->opts & TOPT_WSCALE) { lua_pushfstring(L, "%swscale %d", sep, (int)t->wscale); luaL_addvalue(&b); sep = ", "; }
            if (t->opts & TOPT_SACK_PERM) { lua_pushfstring(L, "%ssack_perm", sep); luaL_addvalue(&b); sep = ", "; }
            if (t->opts & TOPT_SACK) {
                lua_pushfstring(L, "%ssack", sep);
                luaL_addvalue(&b);
                for (int i = 0; i < t->sack_count; i++) {
                    lua_pushfstring(L, " %I-%I", (lua_Integer)t->sack[i][0], (lua_Integer)t->sack[i][1]);
                    luaL_addvalue(&b);
                }
                sep = ", ";
            }
            if (t->opts & TOPT_TS) {
                lua_pushfstring(L, "%sts %I/%I", sep, (lua_Integer)t->ts_val, (lua_Integer)t->ts_ecr);
                luaL_addvalue(&b);
            }
            luaL_addchar(&b, '\n');
        }
    }
    if (pk->d.has_reset_cause) {
        const struct reset_cause *rc = &pk->d.reset_cause;
        char esc[3 * RESET_CODE_MAX + 4];
        escape_text(esc, sizeof esc, (const uint8_t *)rc->code, rc->code_len);
        if (rc->row)
            lua_pushfstring(L, "reset_cause\n    code = %s\n    %s: %s, %s\n", esc, rc->row->vendor, rc->row->category, rc->row->meaning);
        else   /* no device's code: what kind of payload it is */
            lua_pushfstring(L, "reset_cause\n    code = %s\n    %s\n",
                            rc->kind == RC_NO_CAUSE ? "(none)" : rc->kind == RC_CUT ? "(cut by the capture)" : esc,
                            rc->kind == RC_UNKNOWN ? "unknown: no row of the table explains it" : reset_kind_name(rc->kind));
        luaL_addvalue(&b);
    }
    appfields_show(L, &b, 1, pk);
    if (pk->d.truncated) { lua_pushfstring(L, "truncated: %s\n", pk->d.truncated); luaL_addvalue(&b); }
    if (pk->d.malformed) { lua_pushfstring(L, "malformed: %s\n", pk->d.malformed); luaL_addvalue(&b); }
    luaL_pushresult(&b);
    escape_fwrite(stdout, lua_tostring(L, -1), lua_rawlen(L, -1), ESC_TERMINAL);   /* registry texts too */
    lua_pop(L, 1);
    return 0;
}

static int packet_hex(lua_State *L)
{
    struct lpacket *pk = packet_check(L, 1);
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    for (uint32_t off = 0; off < pk->hdr.caplen; off += 16) {
        char line[80];
        int n = snprintf(line, sizeof line, "%04x  ", (unsigned)off);
        for (uint32_t i = 0; i < 16; i++) {
            if (off + i < pk->hdr.caplen) n += snprintf(line + n, sizeof line - (size_t)n, "%02x ", pk->bytes[off + i]);
            else n += snprintf(line + n, sizeof line - (size_t)n, "   ");
            if (i == 7) line[n++] = ' ';
        }
        line[n++] = ' ';
        for (uint32_t i = 0; i < 16 && off + i < pk->hdr.caplen; i++) {
            uint8_t c = pk->bytes[off + i];
            line[n++] = (c >= 0x20 && c < 0x7f) ? (char)c : '.';
        }
        line[n++] = '\n';
        luaL_addlstring(&b, line, (size_t)n);
    }
    luaL_pushresult(&b);
    lua_writestring(lua_tostring(L, -1), lua_rawlen(L, -1));
    lua_pop(L, 1);
    return 0;
}

static int packet_eq(lua_State *L)
{
    struct lpacket *a = packet_check(L, 1), *b = packet_check(L, 2);
    lua_pushboolean(L, a->hdr.caplen == b->hdr.caplen && a->number == b->number &&
                           memcmp(a->bytes, b->bytes, a->hdr.caplen) == 0);
    return 1;
}

static int packet_len(lua_State *L)
{
    lua_pushinteger(L, packet_check(L, 1)->hdr.caplen);
    return 1;
}

void packet_open(lua_State *L)
{
    static const luaL_Reg packet_meta[] = {
        {"__newindex", readonly}, {"__tostring", packet_summary},
        {"__eq", packet_eq}, {"__len", packet_len}, {NULL, NULL}
    };
    static const luaL_Reg layer_meta[] = {
        {"__newindex", readonly}, {"__tostring", layer_tostring}, {NULL, NULL}
    };
    /* the names table: field name → name index (1..), shared by both __index closures */
    int names = 0;
    memset(field_of, 0, sizeof field_of);
    memset(name_cache, 0, sizeof name_cache);
    lua_createtable(L, 0, NAMES_MAX);
    for (const struct field_def *f = field_defs; f->name; f++) {
        int n;
        if (lua_getfield(L, -1, f->name) == LUA_TNUMBER) n = (int)lua_tointeger(L, -1);
        else {
            n = ++names;
            if (n >= NAMES_MAX) luaL_error(L, "too many field names");
            if (strlen(f->name) > 40) luaL_error(L, "field name %s too long to be interned", f->name);   /* LUAI_MAXSHORTLEN */
            lua_pushinteger(L, n);
            lua_setfield(L, -3, f->name);
        }
        lua_pop(L, 1);
        field_of[n][f->layer] = (uint16_t)f->id;
    }

    luaL_newmetatable(L, PACKET_MT);
    metatable_guard(L, -1, PACKET_MT);
    luaL_setfuncs(L, packet_meta, 0);
    lua_pushvalue(L, -2);
    lua_pushcclosure(L, packet_index, 1);
    lua_setfield(L, -2, "__index");
    lua_rawsetp(L, LUA_REGISTRYINDEX, &packet_mt_key);

    luaL_newmetatable(L, LAYER_MT);
    metatable_guard(L, -1, LAYER_MT);
    luaL_setfuncs(L, layer_meta, 0);
    lua_pushvalue(L, -2);
    lua_pushcclosure(L, layer_index, 1);
    lua_setfield(L, -2, "__index");
    lua_rawsetp(L, LUA_REGISTRYINDEX, &layer_mt_key);
    lua_pop(L, 1);
    struct mt_refs refs = {0, 0, 0};
    lua_rawgetp(L, LUA_REGISTRYINDEX, &packet_mt_key);
    int pref = luaL_ref(L, LUA_REGISTRYINDEX);
    lua_rawgetp(L, LUA_REGISTRYINDEX, &layer_mt_key);
    int lref = luaL_ref(L, LUA_REGISTRYINDEX);
    if (pref > 0 && pref <= UINT16_MAX && lref > 0 && lref <= UINT16_MAX)
        refs = (struct mt_refs){MT_REFS_TAG, (uint16_t)pref, (uint16_t)lref};
    memcpy(lua_getextraspace(L), &refs, sizeof refs);
    lua_rawgeti(L, LUA_REGISTRYINDEX, LUA_RIDX_MAINTHREAD);
    lua_State *main = lua_tothread(L, -1);
    if (main) memcpy(lua_getextraspace(main), &refs, sizeof refs);
    lua_pop(L, 1);

    /* at lua_close the lists go back to malloc (finalizers run before the last frees) */
    lua_newuserdatauv(L, 1, 0);
    lua_createtable(L, 0, 1);
    lua_pushcfunction(L, pool_close);
    lua_setfield(L, -2, "__gc");
    lua_setmetatable(L, -2);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &pool_key);
}

/* Packets and views die young by the million: the pooled allocator, and the generational
 * collector, whose minor collections free them without a full mark of what lives on. */
void packet_tune_state(lua_State *L)
{
    pool.closing = false;
    lua_setallocf(L, pool_alloc, NULL);
    /* A major collection that frees less than half of what the heap grew by is a "bad" one, after
       which Lua waits for the heap to grow by the incremental pause (200%: doubling) before the next:
       packets a hunt kept a while (RSTs until their flow ends) are old garbage by then, and a long
       capture's heap kept doubling.  A pause of 120% (set in incremental mode, kept by generational)
       bounds it; costs nothing measurable (valgrind: -0.03% instructions on --hunt all). */
    lua_gc(L, LUA_GCINC, 120, 0, 0);
    /* A major collection when the heap grew by a quarter: old garbage (packets a hunt kept until their
       flow ended) goes soon, so memory stays flat on long captures.  --hunt all over the 5M-frame bench
       capture peaked 3 MiB higher at 50%.  callgrind: the same instructions at 25% as at 50% for a Lua
       loop over 1M frames and --hunt all; at 10-20% that loop ran 9-10% more (majors of a small heap). */
    lua_gc(L, LUA_GCGEN, PACKET_GC_MINOR, PACKET_GC_MAJOR);
}

/* A hunt run keeps what loops rarely do: packets and tables until their flow ends (rst-injection's RSTs,
 * syn-flood's failed connections), and Lua runs for few packets.  Tighter collections there bound the
 * garbage that waits among them: --hunt all's Lua heap peaked at 7.47 -> 9.80 MB over the 1M and 5M-frame
 * bench captures with (20, 25), 6.63 -> 8.88 MB with (10, 15), for +0.24% instructions (callgrind, 1M
 * frames).  A loop over every packet would pay more (a minor collection for half as many packets), so
 * the state's own settings come back after the run.  A state a script put in incremental mode stays so. */
int packet_gc_hunt_begin(lua_State *L)
{
    int was = lua_gc(L, LUA_GCGEN, 0, 0);   /* switches to generational, keeping the parameters */
    if (was == LUA_GCINC) lua_gc(L, LUA_GCINC, 0, 0, 0);
    else lua_gc(L, LUA_GCGEN, HUNT_GC_MINOR, HUNT_GC_MAJOR);
    return was;
}

void packet_gc_hunt_end(lua_State *L, int was)
{
    if (was == LUA_GCGEN) lua_gc(L, LUA_GCGEN, PACKET_GC_MINOR, PACKET_GC_MAJOR);
}
