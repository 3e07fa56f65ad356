/* Packet and layer userdata.  `p.tcp` is a small layer view cached in the packet's
 * user value, and `p.tcp.srcport` is one C __index: name → field id (a table
 * built once from fields.c) → switch over the decoded struct.  No byte parsing here. */
#include "packet.h"
#include "fields.h"
#include "session.h"
#include "core/escape.h"
#include "core/summary.h"

#include <lauxlib.h>
#include <string.h>

#define LAYER_MT "pcaphunt.layer"

static const char fields_key = 'F';   /* registry: { [layer_id] = { name = field_id } } */

/* Cache slots in a packet's user-value table (negative: never clash with layer ids). */
enum { C_OPTIONS = -1, C_RESET = -2, C_INNER = -3, C_LAYERS = -4, C_VLAN_IDS = -5 };

struct llayer {
    struct lpacket *pk;
    int layer;
};

struct lpacket *packet_check(lua_State *L, int idx) { return luaL_checkudata(L, idx, PACKET_MT); }
struct lpacket *packet_test(lua_State *L, int idx) { return luaL_testudata(L, idx, PACKET_MT); }

int packet_layer_test(lua_State *L, int idx)
{
    struct llayer *v = luaL_testudata(L, idx, LAYER_MT);
    return v ? v->layer : -1;
}

static struct lpacket *packet_alloc(lua_State *L, const struct frame *f)
{
    struct lpacket *pk = lua_newuserdatauv(L, sizeof *pk + f->hdr.caplen, 1);
    pk->number = f->number;
    pk->capture = 0;
    pk->hdr = f->hdr;
    pk->nano = f->nano;
    memcpy(pk->bytes, f->bytes, f->hdr.caplen);
    luaL_setmetatable(L, PACKET_MT);
    return pk;
}

struct lpacket *packet_push(lua_State *L, const struct frame *f, const struct reset_table *t)
{
    struct lpacket *pk = packet_alloc(L, f);
    decode_frame(&pk->d, f->linktype, pk->bytes, f->hdr.caplen, f->hdr.len, t);
    return pk;
}

struct lpacket *packet_push_decoded(lua_State *L, const struct frame *f, const struct decoded *d)
{
    struct lpacket *pk = packet_alloc(L, f);
    pk->d = *d;   /* offsets are relative to the frame start, so they hold for the copy */
    return pk;
}

/* Pushes the packet's cache table (creating it on first use). */
static void push_cache(lua_State *L, int pidx)
{
    pidx = lua_absindex(L, pidx);
    if (lua_getiuservalue(L, pidx, 1) != LUA_TTABLE) {
        lua_pop(L, 1);
        lua_createtable(L, 0, 4);
        lua_pushvalue(L, -1);
        lua_setiuservalue(L, pidx, 1);
    }
}

/* If cache[slot] exists push it and return true; else leave the cache table on the stack. */
static bool cache_get(lua_State *L, int pidx, int slot)
{
    push_cache(L, pidx);
    if (lua_rawgeti(L, -1, slot) != LUA_TNIL) {
        lua_remove(L, -2);
        return true;
    }
    lua_pop(L, 1);
    return false;
}

/* With the cache table below the new value: store it, leave only the value. */
static void cache_put(lua_State *L, int slot)
{
    lua_pushvalue(L, -1);
    lua_rawseti(L, -3, slot);
    lua_remove(L, -2);
}

static const uint32_t layer_bits[LY_COUNT] = {
    0, 0, L_ETH, L_VLAN, L_SLL, L_IPV4, L_IPV6, L_TCP, L_UDP, L_ICMP, L_ICMPV6
};

/* Pushes the layer view for layer `ly` of the packet at pidx, or nil when absent. */
static void push_layer(lua_State *L, int pidx, struct lpacket *pk, int ly)
{
    if (ly != LY_FRAME && !(pk->d.layers & layer_bits[ly])) {
        lua_pushnil(L);
        return;
    }
    if (cache_get(L, pidx, ly)) return;
    struct llayer *v = lua_newuserdatauv(L, sizeof *v, 1);
    v->pk = pk;
    v->layer = ly;
    lua_pushvalue(L, pidx);
    lua_setiuservalue(L, -2, 1);     /* the view keeps its packet alive */
    luaL_setmetatable(L, LAYER_MT);
    cache_put(L, ly);
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
    if (rc->kind != RC_NO_CAUSE) {
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
        lua_pushstring(L, row->product); lua_setfield(L, -2, "product");
        lua_pushstring(L, row->category); lua_setfield(L, -2, "category");
        lua_pushstring(L, row->meaning); lua_setfield(L, -2, "meaning");
        lua_pushstring(L, row->source); lua_setfield(L, -2, "source");
        lua_pushstring(L, row->confidence); lua_setfield(L, -2, "confidence");
    } else if (rc->kind == RC_NO_CAUSE) {
        lua_pushstring(L, "RST data, no cause"); lua_setfield(L, -2, "category");
        lua_pushstring(L, "binary bytes on a RST segment (old stacks leak stale buffer data); no reset cause");
        lua_setfield(L, -2, "meaning");
    } else {
        lua_pushstring(L, "unknown"); lua_setfield(L, -2, "category");
        lua_pushstring(L, "reset cause not in the table"); lua_setfield(L, -2, "meaning");
    }
    if (rc->form == RF_IETF) {
        lua_pushinteger(L, rc->ietf_reason); lua_setfield(L, -2, "reason");
        lua_pushinteger(L, rc->ietf_pen); lua_setfield(L, -2, "pen");
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
    int n = 0;
    lua_createtable(L, 6, 0);
    lua_pushstring(L, "frame");
    lua_rawseti(L, -2, ++n);
    for (int ly = LY_ETH; ly < LY_COUNT; ly++)
        if (pk->d.layers & layer_bits[ly]) {
            lua_pushstring(L, layer_names[ly]);
            lua_rawseti(L, -2, ++n);
        }
}

static void push_inner(lua_State *L, int pidx, struct lpacket *pk)
{
    if (!pk->d.icmp.has_inner) { lua_pushnil(L); return; }
    if (cache_get(L, pidx, C_INNER)) return;
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
    packet_push_decoded(L, &f, &inner);
    cache_put(L, C_INNER);
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
        if (cache_get(L, pidx, C_RESET)) return 1;
        reset_cause_push(L, &d->reset_cause, pk->bytes + d->payload_off, d->payload_caplen);
        cache_put(L, C_RESET);
        return 1;
    case F_TRUNCATED: if (!d->truncated) break; lua_pushstring(L, d->truncated); return 1;
    case F_MALFORMED: if (!d->malformed) break; lua_pushstring(L, d->malformed); return 1;
    case F_LAYERS:
        if (cache_get(L, pidx, C_LAYERS)) return 1;
        push_layer_list(L, pk);
        cache_put(L, C_LAYERS);
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
    case F_M_SHOW: lua_pushcfunction(L, packet_show); return 1;
    case F_M_HEX: lua_pushcfunction(L, packet_hex); return 1;
    case F_M_SUMMARY: lua_pushcfunction(L, packet_summary); return 1;

    case F_FRAME_NUMBER: return PUSH_INT(pk->number);
    case F_FRAME_TIME_EPOCH: lua_pushnumber(L, frame_time_epoch(&pk->hdr, pk->nano)); return 1;
    case F_FRAME_TIME: { char ts[32]; frame_time_string(&pk->hdr, pk->nano, ts); lua_pushstring(L, ts); return 1; }
    case F_FRAME_LEN: return PUSH_INT(pk->hdr.len);
    case F_FRAME_CAP_LEN: return PUSH_INT(pk->hdr.caplen);
    case F_FRAME_LINKTYPE: return PUSH_INT(d->linktype);

    case F_ETH_SRC: push_mac(L, d->eth.src); return 1;
    case F_ETH_DST: push_mac(L, d->eth.dst); return 1;
    case F_ETH_TYPE: return PUSH_INT(d->eth.type);

    case F_VLAN_ID: return PUSH_INT(d->vlan.id[0]);
    case F_VLAN_PCP: return PUSH_INT(d->vlan.pcp[0]);
    case F_VLAN_COUNT: return PUSH_INT(d->vlan.count);
    case F_VLAN_IDS:
        if (cache_get(L, pidx, C_VLAN_IDS)) return 1;
        lua_createtable(L, d->vlan.count, 0);
        for (int i = 0; i < d->vlan.count; i++) { lua_pushinteger(L, d->vlan.id[i]); lua_rawseti(L, -2, i + 1); }
        cache_put(L, C_VLAN_IDS);
        return 1;

    case F_SLL_VERSION: return PUSH_INT(d->sll.version);
    case F_SLL_PKTTYPE: return PUSH_INT(d->sll.pkttype);
    case F_SLL_HATYPE: return PUSH_INT(d->sll.hatype);
    case F_SLL_HALEN: return PUSH_INT(d->sll.halen);
    case F_SLL_PROTOCOL: return PUSH_INT(d->sll.protocol);
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
    case F_IPV6_FRAG_OFFSET: return PUSH_INT(d->ip6.frag_offset);
    case F_IPV6_FRAG_MORE: return PUSH_BOOL(d->ip6.frag_more);
    case F_IPV6_FRAG_ID: return PUSH_INT(d->ip6.frag_id);

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
        if (cache_get(L, pidx, C_OPTIONS)) return 1;
        push_tcp_options(L, &d->tcp);
        cache_put(L, C_OPTIONS);
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
    }
    lua_pushnil(L);
    return 1;
}

/* Looks key (at kidx) up in layer ly's name table: field id, or 0. */
static int field_lookup(lua_State *L, int ly, int kidx)
{
    if (lua_type(L, kidx) != LUA_TSTRING) return 0;
    lua_rawgetp(L, LUA_REGISTRYINDEX, &fields_key);
    lua_rawgeti(L, -1, ly);
    lua_pushvalue(L, kidx);
    lua_rawget(L, -2);
    int id = (int)lua_tointeger(L, -1);
    lua_pop(L, 3);
    return id;
}

static int packet_index(lua_State *L)
{
    struct lpacket *pk = packet_check(L, 1);
    int id = field_lookup(L, LY_PACKET, 2);
    if (!id) { lua_pushnil(L); return 1; }
    return push_field(L, 1, pk, id);
}

static int layer_index(lua_State *L)
{
    struct llayer *v = luaL_checkudata(L, 1, LAYER_MT);
    int id = field_lookup(L, v->layer, 2);
    if (!id) { lua_pushnil(L); return 1; }
    lua_getiuservalue(L, 1, 1);         /* the packet */
    int n = push_field(L, lua_gettop(L), v->pk, id);
    lua_remove(L, -1 - n);
    return n;
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
    struct llayer *v = luaL_checkudata(L, 1, LAYER_MT);
    lua_pushfstring(L, "%s layer of frame %I", layer_names[v->layer], (lua_Integer)v->pk->number);
    return 1;
}

/* Appends "name = value" lines for every field of layer ly (help order). */
static void tree_layer(lua_State *L, luaL_Buffer *b, int pidx, struct lpacket *pk, int ly)
{
    luaL_addstring(b, layer_names[ly]);
    luaL_addchar(b, '\n');
    for (const struct field_def *f = field_defs; f->name; f++) {
        if ((int)f->layer != ly || f->id == F_ICMP_INNER || f->id == F_TCP_OPTIONS) continue;
        if (f->id >= F_TCP_SYN && f->id <= F_TCP_AE) continue;   /* flags_str says it */
        push_field(L, pidx, pk, f->id);
        if (lua_isnil(L, -1)) { lua_pop(L, 1); continue; }
        char esc[256];
        size_t len;
        const char *s = luaL_tolstring(L, -1, &len);
        escape_text(esc, sizeof esc, (const uint8_t *)s, len);
        lua_pop(L, 2);
        lua_pushfstring(L, "    %s.%s = %s\n", layer_names[ly], f->name, esc);
        luaL_addvalue(b);
    }
}

static int packet_show(lua_State *L)
{
    struct lpacket *pk = packet_check(L, 1);
    luaL_Buffer b;
    packet_summary(L);
    lua_writestring(lua_tostring(L, -1), lua_rawlen(L, -1));
    lua_writeline();
    lua_pop(L, 1);
    luaL_buffinit(L, &b);
    for (int ly = LY_FRAME; ly < LY_COUNT; ly++) {
        if (ly != LY_FRAME && !(pk->d.layers & layer_bits[ly])) continue;
        tree_layer(L, &b, 1, pk, ly);
        if (ly == LY_TCP && pk->d.tcp.opts) {
            const struct tcp_info *t = &pk->d.tcp;
            lua_pushfstring(L, "    tcp.options = mss %d, wscale %d, sack_perm %s, sack blocks %d, ts %I/%I\n",
                            (t->opts & TOPT_MSS) ? t->mss : -1, (t->opts & TOPT_WSCALE) ? t->wscale : -1,
                            (t->opts & TOPT_SACK_PERM) ? "yes" : "no", t->sack_count,
                            (lua_Integer)t->ts_val, (lua_Integer)t->ts_ecr);
            luaL_addvalue(&b);
        }
    }
    if (pk->d.has_reset_cause) {
        const struct reset_cause *rc = &pk->d.reset_cause;
        char esc[3 * RESET_CODE_MAX + 4];
        escape_text(esc, sizeof esc, (const uint8_t *)rc->code, rc->code_len);
        lua_pushfstring(L, "reset_cause\n    code = %s\n    %s: %s%s%s\n", rc->kind == RC_NO_CAUSE ? "(none)" : esc,
                        rc->row ? rc->row->vendor : reset_kind_name(rc->kind),
                        rc->row ? rc->row->category : "",
                        rc->row ? ", " : "", rc->row ? rc->row->meaning : "");
        luaL_addvalue(&b);
    }
    if (pk->d.truncated) { lua_pushfstring(L, "truncated: %s\n", pk->d.truncated); luaL_addvalue(&b); }
    if (pk->d.malformed) { lua_pushfstring(L, "malformed: %s\n", pk->d.malformed); luaL_addvalue(&b); }
    luaL_pushresult(&b);
    lua_writestring(lua_tostring(L, -1), lua_rawlen(L, -1));
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
        {"__index", packet_index}, {"__newindex", readonly}, {"__tostring", packet_summary},
        {"__eq", packet_eq}, {"__len", packet_len}, {NULL, NULL}
    };
    static const luaL_Reg layer_meta[] = {
        {"__index", layer_index}, {"__newindex", readonly}, {"__tostring", layer_tostring}, {NULL, NULL}
    };
    luaL_newmetatable(L, PACKET_MT);
    luaL_setfuncs(L, packet_meta, 0);
    lua_pop(L, 1);
    luaL_newmetatable(L, LAYER_MT);
    luaL_setfuncs(L, layer_meta, 0);
    lua_pop(L, 1);

    lua_createtable(L, LY_COUNT, 0);
    for (int ly = 0; ly < LY_COUNT; ly++) {
        lua_newtable(L);
        lua_rawseti(L, -2, ly);
    }
    for (const struct field_def *f = field_defs; f->name; f++) {
        lua_rawgeti(L, -1, (lua_Integer)f->layer);
        lua_pushinteger(L, f->id);
        lua_setfield(L, -2, f->name);
        lua_pop(L, 1);
    }
    lua_rawsetp(L, LUA_REGISTRYINDEX, &fields_key);
}
