/* Capture and writer userdata.  Packets that do not match a capture's BPF are
 * dropped in C by pcap_offline_filter and never reach Lua.  A damaged file ends
 * the iteration with one warning line, so code after the loop still runs. */
#include "capture.h"
#include "packet.h"
#include "session.h"

#include <lauxlib.h>
#include <stdlib.h>
#include <string.h>

#define BPF_MT "pcaphunt.bpf"

struct lbpf {
    struct bpf_program prog;
    bool set;
};

struct lwriter {
    struct capture_writer w;
    bool open, closed;
    int linktype, snaplen;
    bool nano;
    char path[];
};

struct lcapture *lcapture_check(lua_State *L, int idx) { return luaL_checkudata(L, idx, CAPTURE_MT); }

struct lcapture *lcapture_open(lua_State *L, const char *path, const char *filter, char *err, size_t errsz)
{
    struct lcapture *c = lua_newuserdatauv(L, sizeof *c, 0);
    memset(c, 0, sizeof *c);
    luaL_setmetatable(L, CAPTURE_MT);
    if (capture_open(&c->cap, path) != 0) {
        snprintf(err, errsz, "%s", c->cap.error);
        capture_close(&c->cap);
        lua_pop(L, 1);
        return NULL;
    }
    c->open = true;
    snprintf(c->filter, sizeof c->filter, "%s", filter ? filter : "");
    return c;
}

static int bpf_gc(lua_State *L)
{
    struct lbpf *b = luaL_checkudata(L, 1, BPF_MT);
    if (b->set) pcap_freecode(&b->prog);
    b->set = false;
    return 0;
}

struct bpf_program *lbpf_push(lua_State *L, struct lcapture *c, const char *expr)
{
    struct lbpf *b = lua_newuserdatauv(L, sizeof *b, 0);
    b->set = false;
    luaL_setmetatable(L, BPF_MT);
    if (capture_compile(&c->cap, expr, &b->prog) != 0)
        luaL_error(L, "%s", c->cap.error);
    b->set = true;
    return &b->prog;
}

static int packets_iter(lua_State *L)
{
    struct lcapture *c = lcapture_check(L, lua_upvalueindex(1));
    struct lbpf *b = lua_touserdata(L, lua_upvalueindex(2));
    struct session *s = session_get(L);
    struct frame f;
    if (!c->open || c->failed) return 0;
    for (;;) {
        if (s && s->interrupted) return 0;   /* the hook raises the interrupt in Lua */
        int rc = capture_next(&c->cap, &f);
        if (rc == 0) return 0;
        if (rc < 0) {
            c->failed = true;
            session_warn(L, "%s: %s", capture_name(&c->cap), c->cap.error);
            return 0;
        }
        if (b && b->set && !capture_filter_match(&b->prog, &f)) continue;
        packet_push(L, &f, s ? &s->resets : NULL);
        return 1;
    }
}

/* Pushes an iterator over the capture at idx; its default filter (from -r) is and-ed in.
 * Raises (at the Lua caller's line) for a closed capture or a bad filter. */
static void push_iterator(lua_State *L, int idx, const char *expr)
{
    struct lcapture *c = lcapture_check(L, idx);
    if (!c->open) luaL_error(L, "capture is closed");
    if (capture_rewind(&c->cap) != 0)
        luaL_error(L, "%s: %s", capture_name(&c->cap), c->cap.error);
    c->failed = false;
    lua_pushvalue(L, idx);
    if (expr && *expr && c->filter[0]) {
        lua_pushfstring(L, "(%s) and (%s)", c->filter, expr);
        lbpf_push(L, c, lua_tostring(L, -1));
        lua_remove(L, -2);
    } else if ((expr && *expr) || c->filter[0]) {
        lbpf_push(L, c, expr && *expr ? expr : c->filter);
    } else {
        lua_pushnil(L);
    }
    lua_pushcclosure(L, packets_iter, 2);
}

/* cap:packets([bpf]) → iterator */
static int capture_packets(lua_State *L)
{
    push_iterator(L, 1, luaL_optstring(L, 2, NULL));
    return 1;
}

/* Iterator over several captures: upvalue 1 is the list of per-capture iterators,
 * upvalue 2 the index of the current one. */
static int packets_all_iter(lua_State *L)
{
    lua_Integer i = lua_tointeger(L, lua_upvalueindex(2));
    for (;;) {
        if (lua_rawgeti(L, lua_upvalueindex(1), i) == LUA_TNIL) return 0;
        lua_call(L, 0, 1);
        if (!lua_isnil(L, -1)) return 1;
        lua_pop(L, 1);
        lua_pushinteger(L, ++i);
        lua_replace(L, lua_upvalueindex(2));
    }
}

/* packets([bpf]): every packet of the global `captures` (the -r files), in order.
 * Filters are compiled here, so a bad one raises at the caller's line. */
static int packets_all(lua_State *L)
{
    const char *expr = luaL_optstring(L, 1, NULL);
    if (lua_getglobal(L, "captures") != LUA_TTABLE || lua_rawlen(L, -1) == 0)
        return luaL_error(L, "no capture: give one with -r FILE, or use pcaphunt.open(path)");
    int caps = lua_gettop(L);
    lua_Integer n = (lua_Integer)lua_rawlen(L, caps);
    lua_createtable(L, (int)n, 0);
    for (lua_Integer i = 1; i <= n; i++) {
        lua_rawgeti(L, caps, i);
        push_iterator(L, lua_gettop(L), expr);
        lua_rawseti(L, caps + 1, i);
        lua_pop(L, 1);
    }
    lua_pushinteger(L, 1);
    lua_pushcclosure(L, packets_all_iter, 2);
    return 1;
}

static int capture_close_lua(lua_State *L)
{
    struct lcapture *c = lcapture_check(L, 1);
    if (c->open) capture_close(&c->cap);
    c->open = false;
    return 0;
}

/* A capture's keys, in capture_index's order: the fields, then the methods (NULL-ended lists,
 * also read by tab completion). */
enum { K_LINKTYPE, K_LINKTYPE_NAME, K_PATH, K_NAME, K_SNAPLEN, K_NANOSECOND, K_FILTER, K_PACKETS, K_CLOSE };
const char *const capture_field_names[] = {"linktype", "linktype_name", "path", "name", "snaplen", "nanosecond", "filter", NULL};
const char *const capture_method_names[] = {"packets", "close", NULL};

static int key_index(const char *const *names, const char *k)
{
    for (int i = 0; names[i]; i++)
        if (strcmp(names[i], k) == 0) return i;
    return -1;
}

static int capture_index(lua_State *L)
{
    struct lcapture *c = lcapture_check(L, 1);
    const char *k = luaL_checkstring(L, 2);
    int key = key_index(capture_field_names, k);
    if (key < 0 && (key = key_index(capture_method_names, k)) >= 0) key += K_PACKETS;
    switch (key) {
    case K_LINKTYPE: lua_pushinteger(L, c->cap.linktype); break;
    case K_LINKTYPE_NAME: lua_pushstring(L, pcap_datalink_val_to_name(c->cap.linktype)); break;
    case K_PATH: lua_pushstring(L, c->open ? c->cap.path : NULL); break;
    case K_NAME: if (c->open) lua_pushstring(L, capture_name(&c->cap)); else lua_pushnil(L); break;
    case K_SNAPLEN: lua_pushinteger(L, c->cap.snaplen); break;
    case K_NANOSECOND: lua_pushboolean(L, c->cap.nano); break;
    case K_FILTER: if (c->filter[0]) lua_pushstring(L, c->filter); else lua_pushnil(L); break;
    case K_PACKETS: lua_pushcfunction(L, capture_packets); break;
    case K_CLOSE: lua_pushcfunction(L, capture_close_lua); break;
    default: lua_pushnil(L);
    }
    return 1;
}

static int capture_tostring(lua_State *L)
{
    struct lcapture *c = lcapture_check(L, 1);
    if (c->open) lua_pushfstring(L, "capture %s (linktype %d)", capture_name(&c->cap), c->cap.linktype);
    else lua_pushstring(L, "capture (closed)");
    return 1;
}

/* ---- writer ---- */

static struct lwriter *lwriter_check(lua_State *L, int idx) { return luaL_checkudata(L, idx, WRITER_MT); }

static int lwriter_start(lua_State *L, struct lwriter *w)
{
    char err[PCAP_ERRBUF_SIZE + 64];
    if (writer_open(&w->w, w->path, w->linktype, w->snaplen, w->nano, err, sizeof err) != 0)
        return luaL_error(L, "%s: %s", w->path, err);
    w->open = true;
    return 0;
}

/* pcaphunt.writer(path [, like]) — like: a capture or a packet giving link type and precision. */
int lwriter_new(lua_State *L)
{
    size_t n;
    const char *path = luaL_checklstring(L, 1, &n);
    lua_settop(L, 2);   /* the writer goes to index 3; `like` stays at 2 */
    struct lwriter *w = lua_newuserdatauv(L, sizeof *w + n + 1, 0);
    memset(w, 0, sizeof *w);
    memcpy(w->path, path, n + 1);
    luaL_setmetatable(L, WRITER_MT);
    w->linktype = -1;
    w->snaplen = 262144;
    if (!lua_isnoneornil(L, 2)) {
        struct lcapture *c = luaL_testudata(L, 2, CAPTURE_MT);
        struct lpacket *p = packet_test(L, 2);
        if (c && c->open) { w->linktype = c->cap.linktype; w->snaplen = c->cap.snaplen; w->nano = c->cap.nano; }
        else if (p) { w->linktype = p->d.linktype; w->nano = p->nano; }
        else return luaL_argerror(L, 2, "expected an open capture or a packet");
        lwriter_start(L, w);
    }
    return 1;
}

static int lwriter_write(lua_State *L)
{
    struct lwriter *w = lwriter_check(L, 1);
    struct lpacket *p = packet_check(L, 2);
    if (w->closed) return luaL_error(L, "%s: writer is closed", w->path);
    if (!w->open) {
        w->linktype = p->d.linktype;
        w->nano = p->nano;
        lwriter_start(L, w);
    }
    if (p->d.linktype != w->linktype)
        return luaL_error(L, "%s: packet has link type %d, file has %d", w->path, p->d.linktype, w->linktype);
    writer_write(&w->w, &p->hdr, p->nano, p->bytes);
    return 0;
}

static int lwriter_close(lua_State *L)
{
    struct lwriter *w = lwriter_check(L, 1);
    int rc = 0;
    if (w->open && !w->closed) rc = writer_close(&w->w);
    w->closed = true;
    if (rc != 0) return luaL_error(L, "%s: write failed", w->path);
    lua_pushinteger(L, (lua_Integer)w->w.written);
    return 1;
}

static int lwriter_gc(lua_State *L)
{
    struct lwriter *w = lwriter_check(L, 1);
    if (w->open && !w->closed) writer_close(&w->w);
    w->closed = true;
    return 0;
}

static int capture_gc(lua_State *L)
{
    return capture_close_lua(L);
}

void capture_lua_open(lua_State *L)
{
    lua_pushcfunction(L, packets_all);
    lua_setglobal(L, "packets");
    static const luaL_Reg cap_meta[] = {
        {"__index", capture_index}, {"__gc", capture_gc}, {"__close", capture_gc},
        {"__tostring", capture_tostring}, {NULL, NULL}
    };
    static const luaL_Reg writer_methods[] = {
        {"write", lwriter_write}, {"close", lwriter_close}, {NULL, NULL}
    };
    luaL_newmetatable(L, CAPTURE_MT);
    luaL_setfuncs(L, cap_meta, 0);
    lua_pop(L, 1);
    luaL_newmetatable(L, BPF_MT);
    lua_pushcfunction(L, bpf_gc);
    lua_setfield(L, -2, "__gc");
    lua_pop(L, 1);
    luaL_newmetatable(L, WRITER_MT);
    luaL_newlib(L, writer_methods);
    lua_setfield(L, -2, "__index");
    lua_pushcfunction(L, lwriter_gc);
    lua_setfield(L, -2, "__gc");
    lua_pushcfunction(L, lwriter_gc);
    lua_setfield(L, -2, "__close");
    lua_pop(L, 1);
}
