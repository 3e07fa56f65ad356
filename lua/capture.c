/* Capture, cursor and writer userdata.  Each iterator reads through a cursor of its own
 * (the engine with one consumer), so packets that do not match never reach Lua and nested
 * loops do not disturb each other.  A damaged file ends the loop with one warning line. */
#include "capture.h"
#include "packet.h"
#include "session.h"
#include "udata.h"

#include <ctype.h>
#include <lauxlib.h>
#include <stdlib.h>
#include <string.h>

#include <sys/stat.h>

#define CURSOR_MT "pcaphunt.cursor"

static const char captures_key = 'C';   /* registry: the session's list of captures */

struct lwriter {
    uint64_t magic;             /* UDATA_WRITER */
    struct capture_writer w;
    bool open, closed;
    int linktype, snaplen;
    bool nano;
    char path[];
};

struct lcapture *lcapture_check(lua_State *L, int idx) { return udata_check(L, idx, CAPTURE_MT, sizeof(struct lcapture), UDATA_CAPTURE); }
struct lcapture *lcapture_test(lua_State *L, int idx) { return udata_test(L, idx, CAPTURE_MT, sizeof(struct lcapture), UDATA_CAPTURE); }

static struct lcursor *lcursor_test(lua_State *L, int idx) { return udata_test(L, idx, CURSOR_MT, sizeof(struct lcursor), UDATA_CURSOR); }

struct lcapture *lcapture_open(lua_State *L, const char *path, const char *filter, char *err, size_t errsz)
{
    struct lcapture *c = lua_newuserdatauv(L, sizeof *c, 1);
    memset(c, 0, sizeof *c);
    c->magic = UDATA_CAPTURE;
    luaL_setmetatable(L, CAPTURE_MT);
    if (capture_open(&c->cap, path) != 0) {
        snprintf(err, errsz, "%s", c->cap.error);
        capture_close(&c->cap);
        lua_pop(L, 1);
        return NULL;
    }
    struct stat st;
    c->rereadable = strcmp(path, "-") != 0 && stat(path, &st) == 0 && S_ISREG(st.st_mode);
    c->open = true;
    if (filter && *filter) {
        lua_pushstring(L, filter);
        lua_setiuservalue(L, -2, 1);
    }
    return c;
}

/* ---- conditions (packets(bpf)) ---- */

/* True when a BPF expression uses a word about the link layer (ether, vlan, arp …): compiled for
 * raw IP, such words would compile to something else (vlan shifts the offsets of what follows). */
static bool names_link_layer(const char *expr)
{
    static const char *const words[] = {
        "ether", "vlan", "mpls", "pppoes", "pppoed", "llc", "arp", "rarp", "link", "ppp", "slip", "fddi",
        "tr", "wlan", "type", "subtype", "dir", "ra", "ta", "addr1", "addr2", "addr3", "addr4", "stp",
        "ipx", "netbeui", "atalk", "aarp", "decnet", "lat", "sca", "moprc", "mopdl", "iso", "esis", "isis",
        "clnp", "ifname", "on", "rnr", "rulenum", "reason", "rset", "srnr", "subrulenum", "action",
        "inbound", "outbound", "multicast", "broadcast", NULL
    };
    for (const char *p = expr; *p;) {
        while (*p && !isalnum((unsigned char)*p)) p++;
        const char *start = p;
        while (isalnum((unsigned char)*p) || *p == '_') p++;
        size_t n = (size_t)(p - start);
        for (int i = 0; n && words[i]; i++)
            if (strlen(words[i]) == n && strncmp(words[i], start, n) == 0) return true;
    }
    return false;
}

/* Compiles the condition of packets(expr) for a capture of this link type: BPF from the IP header
 * for frames with an IP layer when the expression says nothing of the link layer (VLAN tags, SLL,
 * loopback all alike), and BPF on the whole frame, as tcpdump runs it, for the other frames (ARP …)
 * or when the expression needs the link layer. 0, or -1 with libpcap's message in err. */
static int compile_match(struct match *m, const char *expr, int linktype, char *err, size_t errsz)
{
    memset(m, 0, sizeof *m);
    if (!names_link_layer(expr) && match_compile_bpf(m, expr, err, errsz) == 0) {
        match_compile_frame_fallback(m, linktype, expr);
        return 0;
    }
    return match_compile_frame_bpf(m, linktype, expr, err, errsz);
}

/* ---- cursors ---- */

void lcursor_close(struct lcursor *c)
{
    match_free(&c->m);
    c->k.nmatches = 0;
    if (!c->active) return;
    c->active = false;
    if (c->stream == &c->own) capture_close(&c->own);
    if (c->frame_bpf_set) pcap_freecode(&c->frame_bpf);
    c->frame_bpf_set = false;
    c->stream = NULL;
    if (c->owner) c->owner->cursors--;
}

static int cursor_gc(lua_State *L)
{
    struct lcursor *c = lcursor_test(L, 1);   /* __gc: the metatable may sit on another block */
    if (c) lcursor_close(c);
    return 0;
}

static void on_match(void *ctx, const struct engine_packet *p, unsigned events)
{
    (void)p; (void)events;
    ((struct lcursor *)ctx)->got = true;
}

struct lcursor *lcursor_push(lua_State *L, int idx, int source)
{
    idx = lua_absindex(L, idx);
    struct lcapture *cap = lcapture_check(L, idx);
    if (!cap->open) luaL_error(L, "capture is closed");
    struct lcursor *c = lua_newuserdatauv(L, sizeof *c, 1);
    memset(c, 0, sizeof *c);
    c->magic = UDATA_CURSOR;
    luaL_setmetatable(L, CURSOR_MT);
    lua_pushvalue(L, idx);
    lua_setiuservalue(L, -2, 1);
    if (cap->rereadable) {
        if (capture_open(&c->own, cap->cap.path) != 0) {
            lua_pushfstring(L, "%s: %s", capture_name(&cap->cap), c->own.error);
            capture_close(&c->own);
            lua_error(L);
        }
        c->stream = &c->own;
    } else {
        if (cap->stream_taken || cap->cursors > 0)
            luaL_error(L, "%s: %s can be read only once", capture_name(&cap->cap),
                       strcmp(cap->cap.path, "-") == 0 ? "standard input" : "a pipe");
        cap->stream_taken = true;
        c->stream = &cap->cap;
    }
    c->owner = cap;
    c->source = source;
    c->active = true;
    cap->cursors++;
    if (lua_getiuservalue(L, idx, 1) == LUA_TSTRING) {
        if (capture_compile(c->stream, lua_tostring(L, -1), &c->frame_bpf) != 0) {
            lua_pushstring(L, c->stream->error);
            lcursor_close(c);
            lua_error(L);
        }
        c->frame_bpf_set = true;
    }
    lua_pop(L, 1);
    struct session *s = session_get(L);
    session_interrupt_settled(L, s);
    engine_init(&c->e, s ? &s->resets : NULL, NULL);
    c->e.frame_filter = c->frame_bpf_set ? &c->frame_bpf : NULL;
    c->e.stop = s ? &s->interrupted : NULL;
    c->e.limit = s ? s->packet_limit : 0;
    c->k.all = true;
    c->k.active = true;
    c->k.on_packet = on_match;
    c->k.ctx = c;
    engine_add(&c->e, &c->k);
    return c;
}

/* Reads on until a packet meets the cursor's condition; pushes it, or returns false at the end
 * (a damaged file warns once; an interrupt leaves the raising to the hook). The cursor is at
 * cidx; its capture must still be its user value (debug.setuservalue could have dropped it). */
static bool cursor_next(lua_State *L, int cidx, struct lcursor *c)
{
    if (!c->active) return false;
    lua_getiuservalue(L, cidx, 1);
    bool same = lua_touserdata(L, -1) == c->owner && lcapture_test(L, -1);
    lua_pop(L, 1);
    if (!same) {
        c->owner = NULL;   /* the capture may be gone: never touch it again */
        lcursor_close(c);
        return luaL_error(L, "packets: the iterator's capture was replaced");
    }
    if (!c->owner->open) {
        lcursor_close(c);
        luaL_error(L, "capture is closed");
    }
    struct session *s = session_get(L);
    c->got = false;
    int rc;
    while ((rc = engine_step(&c->e, c->stream, c->source)) == 1)
        if (c->got) {
            struct lpacket *pk = packet_push_decoded(L, &c->e.frame, &c->e.d);
            pk->capture = c->source;
            return true;
        }
    if (rc == -1) session_warn(L, "%s: %s", capture_name(c->stream), c->stream->error);
    if (rc != -2 || !s || !s->interrupted) lcursor_close(c);
    return false;
}

/* Gives the cursor the condition of packets(expr), compiled for its capture; raises on a bad one. */
static void cursor_set_match(lua_State *L, struct lcursor *c, const char *expr)
{
    char err[PCAP_ERRBUF_SIZE + 1100];
    if (compile_match(&c->m, expr, c->stream->linktype, err, sizeof err) != 0) luaL_error(L, "%s", err);
    c->k.all = false;
    c->k.matches = &c->m;
    c->k.nmatches = 1;
}

/* cap:packets([bpf]) → iterator; upvalue 1 the cursor. */
static int packets_iter(lua_State *L)
{
    struct lcursor *c = lcursor_test(L, lua_upvalueindex(1));
    if (!c) return luaL_error(L, "packets: the iterator's cursor was replaced");
    return cursor_next(L, lua_upvalueindex(1), c) ? 1 : 0;
}

static int capture_packets(lua_State *L)
{
    const char *expr = luaL_optstring(L, 2, NULL);
    struct lcapture *cap = lcapture_check(L, 1);
    if (!cap->open) return luaL_error(L, "capture is closed");
    struct lcursor *c = lcursor_push(L, 1, 0);
    if (expr && *expr) cursor_set_match(L, c, expr);
    lua_pushcclosure(L, packets_iter, 1);
    return 1;
}

/* packets([bpf]) over the session's captures, one after the other: upvalues are the list (as
 * it was when the loop began), the expression (or nil), the index, and the current cursor. */
static int packets_all_iter(lua_State *L)
{
    /* debug.setupvalue can put anything in the upvalues: the list must still be a table */
    if (!lua_istable(L, lua_upvalueindex(1))) return luaL_error(L, "packets: the iterator's capture list was replaced");
    for (;;) {
        struct lcursor *c = lcursor_test(L, lua_upvalueindex(4));
        if (c && cursor_next(L, lua_upvalueindex(4), c)) return 1;
        struct session *s = session_get(L);
        if (s && s->interrupted) return 0;
        uint64_t left = c && c->e.limit ? c->e.limit - c->e.taken : 0;   /* -c counts over the whole loop */
        if (c && c->e.limit && left == 0) return 0;
        lua_Integer i = lua_tointeger(L, lua_upvalueindex(3));   /* the index of the current capture */
        if (i < 0 || i >= (lua_Integer)lua_rawlen(L, lua_upvalueindex(1))) return 0;   /* no +1 overflow */
        i++;
        if (lua_rawgeti(L, lua_upvalueindex(1), i) == LUA_TNIL) return 0;
        int capidx = lua_gettop(L);
        c = lcursor_push(L, capidx, (int)i);
        if (left) c->e.limit = left;
        if (lua_type(L, lua_upvalueindex(2)) == LUA_TSTRING) cursor_set_match(L, c, lua_tostring(L, lua_upvalueindex(2)));
        lua_replace(L, lua_upvalueindex(4));
        lua_pop(L, 1);
        lua_pushinteger(L, i);
        lua_replace(L, lua_upvalueindex(3));
    }
}

/* packets([bpf]): every packet of the session's captures (the -r files), in order.
 * The filter is compiled here, so a bad one raises at the caller's line. */
static int packets_all(lua_State *L)
{
    const char *expr = luaL_optstring(L, 1, NULL);
    session_interrupt_settled(L, session_get(L));
    lcaptures_push(L);
    int caps = lua_gettop(L);
    lua_Integer n = (lua_Integer)lua_rawlen(L, caps);
    if (n == 0) return luaL_error(L, "no capture: give one with -r FILE, or pcaphunt.use(pcaphunt.open(path))");
    lua_createtable(L, (int)n, 0);   /* the list as it is now: pcaphunt.use during the loop changes nothing here */
    for (lua_Integer i = 1; i <= n; i++) {
        lua_rawgeti(L, caps, i);
        lua_rawseti(L, -2, i);
    }
    if (expr && *expr) {   /* compiled here once per capture, so a bad filter raises at the caller's line */
        char err[PCAP_ERRBUF_SIZE + 1100];
        for (lua_Integer i = 1; i <= n; i++) {
            lua_rawgeti(L, caps, i);
            struct lcapture *cap = lcapture_check(L, -1);
            lua_pop(L, 1);
            struct match m;
            if (compile_match(&m, expr, cap->cap.linktype, err, sizeof err) != 0) return luaL_error(L, "%s", err);
            match_free(&m);
        }
        lua_pushstring(L, expr);
    } else {
        lua_pushnil(L);
    }
    lua_pushinteger(L, 0);
    lua_pushnil(L);
    lua_pushcclosure(L, packets_all_iter, 4);
    return 1;
}

void lcaptures_push(lua_State *L)
{
    if (lua_rawgetp(L, LUA_REGISTRYINDEX, &captures_key) != LUA_TTABLE) {
        lua_pop(L, 1);
        lua_newtable(L);
        lua_pushvalue(L, -1);
        lua_rawsetp(L, LUA_REGISTRYINDEX, &captures_key);
    }
}

void lcaptures_set(lua_State *L, int idx)
{
    idx = lua_absindex(L, idx);
    lua_Integer n = (lua_Integer)lua_rawlen(L, idx);
    lua_createtable(L, (int)n, 0);
    for (lua_Integer i = 1; i <= n; i++) {
        lua_rawgeti(L, idx, i);
        lcapture_check(L, -1);
        lua_rawseti(L, -2, i);
    }
    lua_rawsetp(L, LUA_REGISTRYINDEX, &captures_key);
}

/* pcaphunt.use(cap, ...) or pcaphunt.use{cap, ...}: the captures packets(), find(), summary()
 * and hunt() read from now on. Returns how many. */
int lcaptures_use(lua_State *L)
{
    if (lua_istable(L, 1)) lua_settop(L, 1);
    else {
        int n = lua_gettop(L);
        lua_createtable(L, n, 0);
        for (int i = 1; i <= n; i++) {
            lcapture_check(L, i);
            lua_pushvalue(L, i);
            lua_rawseti(L, -2, i);
        }
    }
    for (lua_Integer i = 1; i <= (lua_Integer)lua_rawlen(L, -1); i++) {
        lua_rawgeti(L, -1, i);
        if (!lcapture_test(L, -1)) return luaL_error(L, "pcaphunt.use: item %d is not a capture", (int)i);
        lua_pop(L, 1);
    }
    lcaptures_set(L, -1);
    lua_pushinteger(L, (lua_Integer)lua_rawlen(L, -1));
    return 1;
}

/* The read-only `captures` view: captures[i], #captures, ipairs; assignment raises. */
static int view_index(lua_State *L)
{
    lcaptures_push(L);
    lua_pushvalue(L, 2);
    lua_rawget(L, -2);
    return 1;
}

static int view_len(lua_State *L)
{
    lcaptures_push(L);
    lua_pushinteger(L, (lua_Integer)lua_rawlen(L, -1));
    return 1;
}

static int view_newindex(lua_State *L)
{
    return luaL_error(L, "captures is read-only: pcaphunt.use(cap, ...) sets the captures");
}

static int view_tostring(lua_State *L)
{
    lcaptures_push(L);
    lua_pushfstring(L, "captures (%d)", (int)lua_rawlen(L, -1));
    return 1;
}

static int capture_close_lua(lua_State *L)
{
    struct lcapture *c = lcapture_check(L, 1);
    if (c->open) capture_close(&c->cap);   /* a cursor borrowing this stream sees `open` false first */
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
    case K_FILTER: lua_getiuservalue(L, 1, 1); break;
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

static struct lwriter *lwriter_check(lua_State *L, int idx) { return udata_check(L, idx, WRITER_MT, sizeof(struct lwriter) + 1, UDATA_WRITER); }

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
    w->magic = UDATA_WRITER;
    memcpy(w->path, path, n + 1);
    luaL_setmetatable(L, WRITER_MT);
    w->linktype = -1;
    w->snaplen = 262144;
    if (!lua_isnoneornil(L, 2)) {
        struct lcapture *c = lcapture_test(L, 2);
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
    struct lwriter *w = udata_test(L, 1, WRITER_MT, sizeof(struct lwriter) + 1, UDATA_WRITER);
    if (!w) return 0;   /* the metatable moved onto another block (debug.setmetatable) */
    if (w->open && !w->closed) writer_close(&w->w);
    w->closed = true;
    return 0;
}

static int capture_gc(lua_State *L)
{
    if (!lcapture_test(L, 1)) return 0;   /* the metatable moved onto another block */
    return capture_close_lua(L);
}

void capture_lua_open(lua_State *L)
{
    lua_pushcfunction(L, packets_all);
    lua_setglobal(L, "packets");
    static const luaL_Reg view_meta[] = {
        {"__index", view_index}, {"__len", view_len}, {"__newindex", view_newindex},
        {"__tostring", view_tostring}, {NULL, NULL}
    };
    lua_newtable(L);
    lua_newtable(L);
    luaL_setfuncs(L, view_meta, 0);
    lua_pushliteral(L, "captures");
    lua_setfield(L, -2, "__name");
    lua_setmetatable(L, -2);
    lua_setglobal(L, "captures");
    luaL_newmetatable(L, CURSOR_MT);
    lua_pushcfunction(L, cursor_gc);
    lua_setfield(L, -2, "__gc");
    lua_pushcfunction(L, cursor_gc);
    lua_setfield(L, -2, "__close");
    lua_pop(L, 1);
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
    luaL_newmetatable(L, WRITER_MT);
    luaL_newlib(L, writer_methods);
    lua_setfield(L, -2, "__index");
    lua_pushcfunction(L, lwriter_gc);
    lua_setfield(L, -2, "__gc");
    lua_pushcfunction(L, lwriter_gc);
    lua_setfield(L, -2, "__close");
    lua_pop(L, 1);
}
