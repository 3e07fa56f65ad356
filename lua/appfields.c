/* Application fields (see appfields.h).  Values are read from the core's decoding (core/app.h):
 * spans of the packet's own bytes, DNS records read on demand; lists are built on first use and
 * kept in the decoding cache's user values, so p.dns.a is the same table every time. */
#include "appfields.h"
#include "fields.h"
#include "hunt.h"
#include "core/engine.h"
#include "core/summary.h"
#include "core/escape.h"

#include <arpa/inet.h>
#include <string.h>

#define CACHE_MAGIC 0x61707031u   /* "app1" */

/* The cache's user values: one list each. */
enum { C_A = 1, C_AAAA, C_CNAME, C_PTR, C_NS, C_TXT, C_TTL, C_RNAME, C_RTYPE, C_ALPN, C_CIPHERS, C_EXTS, C_COUNT = C_EXTS };

struct appcache {
    uint32_t magic;
    uint32_t cap;                   /* a QUIC long header's: buf holds 2 * cap bytes (payload, CRYPTO data) */
    struct app_info a;
    uint8_t buf[];
};

struct app_info *appfields_new_cache(lua_State *L, size_t cap)
{
    struct appcache *c = lua_newuserdatauv(L, sizeof *c + 2 * cap, C_COUNT);
    memset(c, 0, sizeof *c);
    c->magic = CACHE_MAGIC;
    c->cap = (uint32_t)cap;
    return &c->a;
}

static struct appcache *cache_of(lua_State *L, int idx)
{
    struct appcache *c = lua_touserdata(L, idx);
    if (!c || lua_rawlen(L, idx) < sizeof *c || c->magic != CACHE_MAGIC || lua_rawlen(L, idx) != sizeof *c + 2 * (size_t)c->cap)
        luaL_error(L, "packet's application cache was replaced");
    return c;
}

struct app_info *appfields_cache(lua_State *L, int idx, uint8_t **buf)
{
    struct appcache *c = cache_of(L, idx);
    if (buf) *buf = c->buf;
    return &c->a;
}

/* The bytes a TLS hello's spans index: the frame's, or inside QUIC the cache's CRYPTO data. */
static const uint8_t *tls_bytes(lua_State *L, int cidx, const struct lpacket *pk, const struct app_info *a)
{
    if (!a->quic_tls) return pk->bytes;
    struct appcache *c = cache_of(L, cidx);
    return c->buf + c->cap;
}

static void push_bytes(lua_State *L, const uint8_t *b, struct span s)
{
    if (!s.off) { lua_pushnil(L); return; }
    lua_pushlstring(L, (const char *)b + s.off, s.len);
}

static void push_span(lua_State *L, const struct lpacket *pk, struct span s)
{
    push_bytes(L, pk->bytes, s);
}

static void push_hex(lua_State *L, const struct lpacket *pk, struct span s)
{
    char h[2 * 255 + 1];
    for (uint32_t i = 0; i < s.len; i++) snprintf(h + 2 * i, 3, "%02x", pk->bytes[s.off + i]);
    h[2 * s.len] = 0;
    lua_pushstring(L, h);
}

static bool push_dns_name(lua_State *L, const struct dns_msg *m, const uint8_t *msg, size_t off)
{
    char name[DNS_NAME_MAX];
    size_t next;
    if (!dns_name(msg, m->len, off, name, sizeof name, &next)) return false;
    lua_pushstring(L, name);
    return true;
}

/* Pushes the list for `id` over every record of every section, in order (as Wireshark lists
 * dns.a and the others: answers, then authority, then additional records). */
static void push_dns_list(lua_State *L, const struct lpacket *pk, const struct dns_msg *m, int id)
{
    const uint8_t *msg = pk->bytes + m->off;
    unsigned rrs = (unsigned)m->ancount + m->nscount + m->arcount;
    size_t pos = m->rr;
    int n = 0;
    lua_newtable(L);
    for (unsigned i = 0; m->rr && i < rrs; i++) {
        struct dns_rr rr;
        if (!dns_rr_read(msg, m->len, &pos, &rr)) break;
        bool pushed = false;
        switch (id) {
        case F_DNS_A:
            if (rr.type == 1 && rr.class != 0 && rr.rdlength == 4) {
                char a[ADDR_STR_MAX];
                addr_format(4, msg + rr.rdata, a);
                lua_pushstring(L, a);
                pushed = true;
            }
            break;
        case F_DNS_AAAA:
            if (rr.type == 28 && rr.rdlength == 16) {
                char a[ADDR_STR_MAX];
                addr_format(6, msg + rr.rdata, a);
                lua_pushstring(L, a);
                pushed = true;
            }
            break;
        case F_DNS_CNAME: if (rr.type == 5) pushed = push_dns_name(L, m, msg, rr.rdata); break;
        case F_DNS_PTR: if (rr.type == 12) pushed = push_dns_name(L, m, msg, rr.rdata); break;
        case F_DNS_NS: if (rr.type == 2) pushed = push_dns_name(L, m, msg, rr.rdata); break;
        case F_DNS_TXT:
            if (rr.type == 16)
                for (size_t p = rr.rdata, end = rr.rdata + (size_t)rr.rdlength; p < end;) {
                    size_t l = msg[p];
                    if (l > end - p - 1) break;
                    lua_pushlstring(L, (const char *)msg + p + 1, l);
                    lua_rawseti(L, -2, ++n);
                    p += 1 + l;
                }
            break;
        case F_DNS_RESP_TTL:
            if (rr.type != 41) { lua_pushinteger(L, (lua_Integer)rr.ttl); pushed = true; }
            break;
        case F_DNS_RESP_NAME: pushed = push_dns_name(L, m, msg, rr.name); break;
        case F_DNS_RESP_TYPE: lua_pushinteger(L, rr.type); pushed = true; break;
        }
        if (pushed) lua_rawseti(L, -2, ++n);
    }
}

static int list_slot(int id)
{
    switch (id) {
    case F_DNS_A: return C_A;
    case F_DNS_AAAA: return C_AAAA;
    case F_DNS_CNAME: return C_CNAME;
    case F_DNS_PTR: return C_PTR;
    case F_DNS_NS: return C_NS;
    case F_DNS_TXT: return C_TXT;
    case F_DNS_RESP_TTL: return C_TTL;
    case F_DNS_RESP_NAME: return C_RNAME;
    case F_DNS_RESP_TYPE: return C_RTYPE;
    case F_TLS_ALPN: return C_ALPN;
    case F_TLS_CIPHERS: return C_CIPHERS;
    case F_TLS_EXT_TYPES: return C_EXTS;
    }
    return 0;
}

static void push_list16(lua_State *L, const uint16_t *v, size_t n)
{
    lua_createtable(L, (int)n, 0);
    for (size_t i = 0; i < n; i++) { lua_pushinteger(L, v[i]); lua_rawseti(L, -2, (lua_Integer)i + 1); }
}

/* A list field: from the cache at cidx, or built and kept there. */
static void push_list(lua_State *L, int cidx, const struct lpacket *pk, const struct app_info *a, int id)
{
    int slot = list_slot(id);
    bool fresh = packet_tables_fresh();   /* --sandbox: not kept where another hunt reads it */
    if (!fresh && lua_getiuservalue(L, cidx, slot) == LUA_TTABLE) return;
    if (!fresh) lua_pop(L, 1);
    const struct tls_hello *t = &a->u.tls;
    if (id == F_TLS_ALPN) {
        lua_createtable(L, t->nalpn, 0);
        const uint8_t *tb = tls_bytes(L, cidx, pk, a);
        for (int i = 0; i < t->nalpn; i++) { push_bytes(L, tb, t->alpn[i]); lua_rawseti(L, -2, i + 1); }
    } else if (id == F_TLS_CIPHERS) {
        push_list16(L, t->ciphers, t->nciphers);
    } else if (id == F_TLS_EXT_TYPES) {
        push_list16(L, t->exts, t->nexts);
    } else {
        push_dns_list(L, pk, &a->u.dns, id);
    }
    if (fresh) return;
    lua_pushvalue(L, -1);
    lua_setiuservalue(L, cidx, slot);
}

/* p.conversation: the conversation with this packet counted, seen from its sender. */
static void push_conversation(lua_State *L, const struct conversation *c)
{
    int me = c->dir, peer = !c->dir;
    lua_createtable(L, 0, 12);
    lua_pushinteger(L, c->index); lua_setfield(L, -2, "stream");
    lua_pushstring(L, c->proto == 6 ? "tcp" : "udp"); lua_setfield(L, -2, "proto");
    lua_pushinteger(L, (lua_Integer)(c->packets[0] + c->packets[1])); lua_setfield(L, -2, "packets");
    lua_pushinteger(L, (lua_Integer)c->packets[me]); lua_setfield(L, -2, "packets_sent");
    lua_pushinteger(L, (lua_Integer)c->packets[peer]); lua_setfield(L, -2, "packets_received");
    lua_pushinteger(L, (lua_Integer)(c->bytes[0] + c->bytes[1])); lua_setfield(L, -2, "bytes");
    lua_pushinteger(L, (lua_Integer)c->bytes[me]); lua_setfield(L, -2, "bytes_sent");
    lua_pushinteger(L, (lua_Integer)c->bytes[peer]); lua_setfield(L, -2, "bytes_received");
    lua_pushboolean(L, c->dir == 0); lua_setfield(L, -2, "from_initiator");
    lua_pushinteger(L, (lua_Integer)c->first_frame); lua_setfield(L, -2, "first_frame");
    lua_pushnumber(L, c->first_time); lua_setfield(L, -2, "first_time");
    lua_pushnumber(L, c->last_time - c->first_time); lua_setfield(L, -2, "duration");
    if (c->proto == 6) {
        uint16_t both = c->flags[0] | c->flags[1];
        lua_pushboolean(L, (c->flags[0] & TCP_SYN) && (c->flags[1] & TCP_SYN) && (c->flags[1] & TCP_ACK));
        lua_setfield(L, -2, "established");
        lua_pushboolean(L, both & TCP_FIN); lua_setfield(L, -2, "fin_seen");
        lua_pushboolean(L, both & TCP_RST); lua_setfield(L, -2, "rst_seen");
    }
}

/* p:has_addr(a): true when the packet's IP source or destination is a, or lies in the prefix a. */
static int has_addr(lua_State *L)
{
    struct lpacket *pk = packet_check(L, 1);
    const char *s = luaL_checkstring(L, 2);
    struct prefix p;
    if (!prefix_parse(&p, s)) return luaL_argerror(L, 2, lua_pushfstring(L, "not an address or prefix: %s", s));
    const struct decoded *d = &pk->d;
    const uint8_t *src = NULL, *dst = NULL;
    if (d->layers & L_IPV4) { src = d->ip4.src; dst = d->ip4.dst; }
    else if (d->layers & L_IPV6) { src = d->ip6.src; dst = d->ip6.dst; }
    if (!src || p.version != d->ip_version) { lua_pushboolean(L, 0); return 1; }
    bool hit = false;
    for (int k = 0; k < 2 && !hit; k++) {
        const uint8_t *a = k ? dst : src;
        unsigned full = p.len / 8, rest = p.len % 8;
        hit = memcmp(p.addr, a, full) == 0 &&
              (!rest || ((p.addr[full] ^ a[full]) & (uint8_t)(0xff << (8 - rest))) == 0);
    }
    lua_pushboolean(L, hit);
    return 1;
}

/* Whether the application layer of field id (F_L_DNS …) is present: TLS also inside a QUIC Initial. */
static bool has_layer(const struct app_info *a, int id)
{
    switch (id) {
    case F_L_DNS: return a->proto == APP_DNS;
    case F_L_HTTP: return a->proto == APP_HTTP;
    case F_L_TLS: return a->proto == APP_TLS || (a->proto == APP_QUIC && a->quic_tls);
    case F_L_SSH: return a->proto == APP_SSH;
    default: return a->proto == APP_QUIC;
    }
}

/* Pushes field id with the decoding cache at cidx. */
static void push_app(lua_State *L, int pidx, int cidx, struct lpacket *pk, const struct app_info *a, int id)
{
    const struct dns_msg *m = &a->u.dns;
    const struct http_msg *h = &a->u.http;
    const struct tls_hello *t = &a->u.tls;
    char ja[TLS_JA3_MAX], md5[33], ja4[40];
    switch (id) {
    case F_L_DNS: case F_L_HTTP: case F_L_TLS: case F_L_SSH: case F_L_QUIC:
        if (!has_layer(a, id)) break;
        packet_push_layer(L, pidx, pk, LY_DNS + (id - F_L_DNS));
        return;
    case F_APP_TRUNCATED: if (!a->truncated) break; lua_pushstring(L, a->truncated); return;
    case F_APP_MALFORMED: if (!a->malformed) break; lua_pushstring(L, a->malformed); return;

    case F_DNS_ID: lua_pushinteger(L, m->id); return;
    case F_DNS_FLAGS: lua_pushinteger(L, m->flags); return;
    case F_DNS_RESPONSE: lua_pushboolean(L, m->flags & 0x8000); return;
    case F_DNS_OPCODE: lua_pushinteger(L, (m->flags >> 11) & 0xf); return;
    case F_DNS_RCODE: if (!(m->flags & 0x8000)) break; lua_pushinteger(L, m->flags & 0xf); return;
    case F_DNS_QRY_NAME: if (!m->has_qry || !push_dns_name(L, m, pk->bytes + m->off, m->qname)) break; return;
    case F_DNS_QRY_TYPE: if (!m->has_qry) break; lua_pushinteger(L, m->qtype); return;
    case F_DNS_QRY_CLASS: if (!m->has_qry) break; lua_pushinteger(L, m->qclass); return;
    case F_DNS_COUNT_QUERIES: lua_pushinteger(L, m->qdcount); return;
    case F_DNS_COUNT_ANSWERS: if (((m->flags >> 11) & 0xf) == 5) break; lua_pushinteger(L, m->ancount); return;   /* UPDATE: prerequisites */
    case F_DNS_COUNT_AUTH: if (((m->flags >> 11) & 0xf) == 5) break; lua_pushinteger(L, m->nscount); return;   /* UPDATE: updates */
    case F_DNS_COUNT_ADD: lua_pushinteger(L, m->arcount); return;
    case F_DNS_HEURISTIC: lua_pushboolean(L, m->heuristic); return;
    case F_DNS_A: case F_DNS_AAAA: case F_DNS_CNAME: case F_DNS_PTR: case F_DNS_NS: case F_DNS_TXT:
    case F_DNS_RESP_TTL: case F_DNS_RESP_NAME: case F_DNS_RESP_TYPE:
    case F_TLS_ALPN: case F_TLS_CIPHERS: case F_TLS_EXT_TYPES:
        if (id >= F_TLS_ALPN && !t->hello) break;
        push_list(L, cidx, pk, a, id);
        return;

    case F_HTTP_REQUEST: lua_pushboolean(L, h->request); return;
    case F_HTTP_RESPONSE: lua_pushboolean(L, !h->request); return;
    case F_HTTP_METHOD: push_span(L, pk, h->method); return;
    case F_HTTP_URI: push_span(L, pk, h->uri); return;
    case F_HTTP_REQ_VERSION: if (!h->request) break; push_span(L, pk, h->version); return;
    case F_HTTP_RESP_VERSION: if (h->request) break; push_span(L, pk, h->version); return;
    case F_HTTP_CODE: if (h->request) break; lua_pushinteger(L, h->code); return;
    case F_HTTP_HOST: push_span(L, pk, h->host); return;
    case F_HTTP_USER_AGENT: push_span(L, pk, h->user_agent); return;
    case F_HTTP_SERVER: push_span(L, pk, h->server); return;
    case F_HTTP_CONTENT_TYPE: push_span(L, pk, h->content_type); return;

    case F_TLS_CONTENT_TYPE: if (t->quic) break; lua_pushinteger(L, t->record_type); return;   /* QUIC: no records */
    case F_TLS_RECORD_VERSION: if (t->quic) break; lua_pushinteger(L, t->record_version); return;
    case F_TLS_HS_TYPE: if ((!t->quic && t->record_type != 22) || !t->hs_type) break; lua_pushinteger(L, t->hs_type); return;
    case F_TLS_HS_VERSION: if (!t->hello) break; lua_pushinteger(L, t->version); return;
    case F_TLS_SUPPORTED_VERSION: if (!t->hello || !t->supported_version) break; lua_pushinteger(L, t->supported_version); return;
    case F_TLS_SNI: push_bytes(L, tls_bytes(L, cidx, pk, a), t->sni); return;
    case F_TLS_JA3: case F_TLS_JA3_FULL: case F_TLS_JA3S: case F_TLS_JA3S_FULL: {
        bool server = id == F_TLS_JA3S || id == F_TLS_JA3S_FULL;   /* JA3S: of a ServerHello, else a ClientHello */
        if (t->hs_type != (server ? 2 : 1) || !tls_ja3_string(t, ja, sizeof ja)) break;
        if (id == F_TLS_JA3_FULL || id == F_TLS_JA3S_FULL) { lua_pushstring(L, ja); return; }
        if (!tls_ja3_hash(ja, md5)) break;
        lua_pushstring(L, md5);
        return;
    }
    case F_TLS_JA4:
        if (!tls_ja4(t, tls_bytes(L, cidx, pk, a), t->quic ? 'q' : 't', ja4)) break;
        lua_pushstring(L, ja4);
        return;

    case F_SSH_PROTOCOL: push_span(L, pk, a->u.ssh.protocol); return;

    case F_QUIC_VERSION: lua_pushinteger(L, a->quic.version); return;
    case F_QUIC_DCID: if (!a->quic.dcid.len) break; push_hex(L, pk, a->quic.dcid); return;
    case F_QUIC_SCID: if (!a->quic.scid.len) break; push_hex(L, pk, a->quic.scid); return;
    }
    lua_pushnil(L);
}

/* A packet made for a run's hunts, read inside a hunt without conversations = true: its
 * conversation is not this hunt's to see, even when another hunt's asking numbered it. */
bool appfields_conversation_hidden(lua_State *L, const struct lpacket *pk)
{
    if (!pk->hunt_packet) return false;
    const struct hunt_run *r = hunt_state(L);
    return r && r->calling && !r->calling->conversations;
}

int appfields_push(lua_State *L, int pidx, struct lpacket *pk, int id)
{
    switch (id) {
    case F_M_HAS_ADDR: lua_pushcfunction(L, has_addr); return 1;
    case F_CONVERSATION: case F_TCP_STREAM: case F_UDP_STREAM:
        if (!appfields_conversation_hidden(L, pk)) break;
        /* nil would read as "no conversation" and the hunt would find nothing without a word */
        return luaL_error(L, "%s: hunt '%s' keeps no conversation index: add conversations = true to its table",
                          id == F_CONVERSATION ? "p.conversation" : id == F_TCP_STREAM ? "tcp.stream" : "udp.stream",
                          hunt_state(L)->calling->name);
    }
    switch (id) {
    case F_CONVERSATION: {
        const struct conversation *c = packet_conv(L, pidx, pk);
        if (c->index < 0 || c->quoted) lua_pushnil(L);
        else push_conversation(L, c);
        return 1;
    }
    case F_TCP_STREAM: case F_UDP_STREAM: {
        const struct conversation *c = packet_conv(L, pidx, pk);
        if (c->index < 0 || c->proto != (id == F_TCP_STREAM ? 6 : 17)) lua_pushnil(L);
        else lua_pushinteger(L, c->index);
        return 1;
    }
    }
    struct app_info *a = packet_app(L, pidx, pk);
    int cidx = lua_gettop(L);
    push_app(L, pidx, cidx, pk, a, id);
    lua_remove(L, cidx);
    return 1;
}

/* Appends one application layer's "name = value" lines. */
static void show_layer(lua_State *L, luaL_Buffer *b, int pidx, struct lpacket *pk, int ly)
{
    lua_pushfstring(L, "%s\n", layer_names[ly]);
    luaL_addvalue(b);
    for (const struct field_def *f = field_defs; f->name; f++) {
        if ((int)f->layer != ly) continue;
        appfields_push(L, pidx, pk, f->id);
        if (lua_isnil(L, -1)) { lua_pop(L, 1); continue; }
        if (lua_istable(L, -1)) {   /* a list: its values joined */
            lua_Integer n = luaL_len(L, -1);
            if (n == 0) { lua_pop(L, 1); continue; }
            luaL_Buffer lb;
            int t = lua_gettop(L);
            luaL_buffinit(L, &lb);
            for (lua_Integer i = 1; i <= n && i <= 32; i++) {
                if (i > 1) luaL_addstring(&lb, ", ");
                lua_rawgeti(L, t, i);
                luaL_tolstring(L, -1, NULL);
                lua_remove(L, -2);
                luaL_addvalue(&lb);
            }
            if (n > 32) luaL_addstring(&lb, ", …");
            luaL_pushresult(&lb);
            lua_remove(L, t);
        }
        packet_tree_value(L, b, ly, f->name);
    }
}

void appfields_show(lua_State *L, luaL_Buffer *b, int pidx, struct lpacket *pk)
{
    struct app_info *a = packet_app(L, pidx, pk);
    enum app_proto proto = a->proto;
    bool quic_tls = a->quic_tls;
    lua_pop(L, 1);
    if (proto == APP_NONE) return;
    show_layer(L, b, pidx, pk, LY_DNS + (int)proto - APP_DNS);
    if (proto == APP_QUIC && quic_tls) show_layer(L, b, pidx, pk, LY_TLS);   /* the Initial's hello */
}
