/* Capture, cursor and writer userdata.  Each iterator reads through a cursor of its own
 * (the engine with one consumer), so packets that do not match never reach Lua and nested
 * loops do not disturb each other.  A damaged file ends the loop with one warning line. */
#include "capture.h"
#include "core/escape.h"
#include "packet.h"
#include "session.h"
#include "hunt.h"
#include "udata.h"

#include <ctype.h>
#include <lauxlib.h>
#include <stdlib.h>
#include <string.h>

#include <sys/stat.h>
#include <errno.h>
#include <limits.h>
#include <unistd.h>

#define CURSOR_MT "pcaphunt.cursor"

static const char captures_key = 'C';   /* registry: the session's list of captures */

struct lwriter {
    uint64_t magic;             /* UDATA_WRITER */
    struct capture_writer w;
    bool open, closed;
    int linktype, snaplen;
    bool nano;
    bool flush_each;            /* the tee of a live capture: direct output flushed per frame */
    char path[];
};

struct lcapture *lcapture_check(lua_State *L, int idx) { return udata_check(L, idx, CAPTURE_MT, sizeof(struct lcapture), UDATA_CAPTURE); }
struct lcapture *lcapture_test(lua_State *L, int idx) { return udata_test(L, idx, CAPTURE_MT, sizeof(struct lcapture), UDATA_CAPTURE); }

static struct lcursor *lcursor_test(lua_State *L, int idx) { return udata_test(L, idx, CURSOR_MT, sizeof(struct lcursor), UDATA_CURSOR); }

/* ---- conversations left for later ----
 * A packets() loop over files numbers conversations (tcp.stream, p.conversation) only once a
 * script asks for one: until then the cursor keeps no index, and each packet it yields carries
 * its frame's ordinal in the cursor's stream and the cursor's replay.  Asked, the replay reads
 * the same files again through an engine of the same setup (frame filter, merge) with the index
 * kept, up to that frame: the same frames counted in the same order, so the same numbers and
 * totals.  When it has caught up with its cursor, the cursor takes its index over and numbers
 * every later packet as it reads it.  A packet from before the replay's position, asked later,
 * makes it start again from the first frame, and from then on it also logs each frame's
 * conversation as it reads (72 bytes a frame): packets asked in any order cost one more reading
 * at most, not one each.  Standard input, pipes and live captures cannot be read again:
 * their cursors keep the index from the start. */
#define REPLAY_MT "pcaphunt.replay"

struct lreplay {
    uint64_t magic;             /* UDATA_REPLAY */
    int nparts;
    char **paths;               /* the files, as the cursor opened them (malloc'ed) */
    char *expr;                 /* the frame filter, or NULL */
    const struct reset_table *resets;
    volatile sig_atomic_t *stop;       /* the session's Ctrl-C: a long reading again is interrupted too */
    struct lcursor *cursor;     /* the reading it follows; NULL once that is closed */
    bool open, bpf_set, got;
    struct capture own;
    struct bpf_program bpf;
    struct engine e;
    struct engine_consumer k;
    struct stream_table streams;
    const struct conversation *conv;   /* the frame just read, when it passed the filter */
    bool logging;               /* restarted once: keeps log[i], the conversation at frame i + 1 */
    struct conversation *log;
    size_t log_len, log_cap;
};

static void replay_stop(struct lreplay *r)
{
    if (!r->open) return;
    r->open = false;
    capture_close(&r->own);
    if (r->bpf_set) pcap_freecode(&r->bpf);
    r->bpf_set = false;
    stream_table_free(&r->streams);
}

static int replay_gc(lua_State *L)
{
    struct lreplay *r = udata_test(L, 1, REPLAY_MT, sizeof(struct lreplay), UDATA_REPLAY);
    if (!r) return 0;
    replay_stop(r);
    if (r->cursor) r->cursor->replay = NULL;
    r->cursor = NULL;
    for (int i = 0; i < r->nparts; i++) free(r->paths[i]);
    free(r->log);
    r->log = NULL;
    r->log_len = r->log_cap = 0;
    free(r->paths);
    free(r->expr);
    r->paths = NULL;
    r->expr = NULL;
    r->nparts = 0;
    return 0;
}

static void replay_on_packet(void *ctx, const struct engine_packet *p, unsigned events)
{
    (void)events;
    ((struct lreplay *)ctx)->got = true;
    ((struct lreplay *)ctx)->conv = p->conversation;
}

/* Opens the files again as the cursor did; false when they cannot be (moved, unreadable). */
static bool replay_start(struct lreplay *r)
{
    if (r->nparts < 1) return false;
    memset(&r->own, 0, sizeof r->own);
    if (r->nparts == 1) {
        if (capture_open(&r->own, r->paths[0]) != 0) { capture_close(&r->own); return false; }
    } else {
        struct capture **parts = calloc((size_t)r->nparts, sizeof *parts);
        bool *owned = calloc((size_t)r->nparts, sizeof *owned);
        bool ok = parts && owned;
        for (int i = 0; ok && i < r->nparts; i++) {
            if (!(parts[i] = calloc(1, sizeof **parts))) { ok = false; break; }
            owned[i] = true;
            if (capture_open(parts[i], r->paths[i]) != 0) ok = false;
            else capture_set_aside(parts[i]);
        }
        if (ok) ok = capture_open_merge(&r->own, parts, owned, r->nparts) == 0;   /* closes the parts on failure */
        else
            for (int i = 0; i < r->nparts && parts; i++)
                if (parts[i]) { capture_close(parts[i]); free(parts[i]); }
        free(parts);
        free(owned);
        if (!ok) return false;
    }
    if (r->expr) {
        if (capture_compile(&r->own, r->expr, &r->bpf) != 0) { capture_close(&r->own); return false; }
        r->bpf_set = true;
    }
    engine_init(&r->e, r->resets, NULL);
    stream_table_init(&r->streams, 0);
    r->e.streams = &r->streams;
    r->e.stop = r->stop;
    r->e.frame_filter = r->bpf_set ? &r->bpf : NULL;
    memset(&r->k, 0, sizeof r->k);
    r->k.all = true;
    r->k.active = true;
    r->k.on_packet = replay_on_packet;
    r->k.ctx = r;
    engine_add(&r->e, &r->k);
    r->open = true;
    return true;
}

/* A QUIC conversation's client DCID from the index of the replay, or of its cursor once handed over;
 * frame: the packet's number when that index has read past it (UINT64_MAX: it stands at the packet). */
static void replay_dcid(const struct lreplay *r, const struct conversation *c, uint64_t frame, uint8_t dcid[20], size_t *len)
{
    const struct stream_table *t = r->open ? &r->streams : r->cursor && r->cursor->e.streams ? r->cursor->e.streams : NULL;
    if (!c->quic || !t || !stream_quic_dcid(t, c->index, frame, dcid, len)) *len = 0;
}

int lreplay_conversation(lua_State *L, int idx, uint64_t ord, uint64_t frame, struct conversation *out,
                         uint8_t dcid[20], size_t *dcid_len)
{
    struct lreplay *r = udata_is(L, idx, sizeof(struct lreplay), UDATA_REPLAY);
    memset(out, 0, sizeof *out);
    out->index = -1;
    *dcid_len = 0;
    if (!r || !ord) return 0;
    if (r->logging && ord <= r->log_len) {
        *out = r->log[ord - 1];
        replay_dcid(r, out, frame, dcid, dcid_len);   /* the index has read on: given by then */
        return 1;
    }
    session_interrupt_settled(L, session_get(L));   /* a Ctrl-C already raised and caught: read, as loops do */
    if (r->open && r->e.packets >= ord) {   /* a packet from before: from the start again, logging */
        replay_stop(r);
        r->logging = true;
    }
    if (!r->open) {
        r->log_len = 0;
        if (!replay_start(r)) return 0;
    }
    while (r->e.packets < ord) {
        r->got = false;
        int rc = engine_step(&r->e, &r->own, 0);
        if (rc == -2) return -1;   /* Ctrl-C: where it is, for the next time */
        if (rc != 1) {   /* the file changed under us */
            replay_stop(r);
            return 0;
        }
        if (!r->logging) continue;
        if (r->log_len == r->log_cap) {
            size_t cap = r->log_cap ? r->log_cap * 2 : 4096;
            struct conversation *n = realloc(r->log, cap * sizeof *n);
            if (!n) {   /* no log: later packets from before cost a reading each */
                free(r->log);
                r->log = NULL;
                r->log_len = r->log_cap = 0;
                r->logging = false;
                continue;
            }
            r->log = n;
            r->log_cap = cap;
        }
        struct conversation *l = &r->log[r->log_len++];
        if (r->got && r->conv) *l = *r->conv;
        else { memset(l, 0, sizeof *l); l->index = -1; }
    }
    if (r->got && r->conv) *out = *r->conv;
    replay_dcid(r, out, UINT64_MAX, dcid, dcid_len);
    struct lcursor *c = r->cursor;
    if (c && c->active && !c->e.streams && c->e.packets == ord) {   /* caught up: the cursor numbers on */
        stream_table_free(&c->streams);
        c->streams = r->streams;
        c->e.streams = &c->streams;
        stream_table_init(&r->streams, 0);
        replay_stop(r);
    }
    return 1;
}

/* Gives the cursor at cidx a replay (its user value 2) when every file it reads can be read again:
 * paths[0..n) and the frame filter expr (NULL: none).  Else the cursor keeps the index itself. */
static void replay_attach(lua_State *L, int cidx, struct lcursor *c, const char *const *paths, int n, const char *expr)
{
    struct session *s = session_get(L);
    struct lreplay *r = lua_newuserdatauv(L, sizeof *r, 0);
    memset(r, 0, sizeof *r);
    r->magic = UDATA_REPLAY;
    luaL_setmetatable(L, REPLAY_MT);
    lua_setiuservalue(L, cidx, 2);   /* the collector frees what follows */
    r->paths = calloc((size_t)n, sizeof *r->paths);
    r->expr = expr ? strdup(expr) : NULL;
    if (!r->paths || (expr && !r->expr)) return;
    for (; r->nparts < n; r->nparts++)
        if (!(r->paths[r->nparts] = strdup(paths[r->nparts]))) return;
    r->resets = s ? &s->resets : NULL;
    r->stop = s ? &s->interrupted : NULL;
    r->cursor = c;
    c->replay = r;
}

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
    if (c->rereadable) capture_release(&c->cap);   /* every cursor opens it anew: it keeps what open learnt, no descriptor */
    c->open = true;
    if (filter && *filter) {
        lua_pushstring(L, filter);
        lua_setiuservalue(L, -2, 1);
    }
    return c;
}

struct lcapture *lcapture_open_live(lua_State *L, const char *device, const struct live_options *o,
                                    const char *filter, char *err, size_t errsz)
{
    char warning[PCAP_ERRBUF_SIZE + 64];
    struct lcapture *c = lua_newuserdatauv(L, sizeof *c, 2);   /* 2: the tee writer (lcapture_tee) */
    memset(c, 0, sizeof *c);
    c->magic = UDATA_CAPTURE;
    luaL_setmetatable(L, CAPTURE_MT);
    if (live_open(&c->cap, device, o, warning, sizeof warning) != 0 ||
        (filter && *filter && live_set_filter(&c->cap, filter) != 0)) {
        snprintf(err, errsz, "%s", c->cap.error);
        capture_close(&c->cap);
        lua_pop(L, 1);
        return NULL;
    }
    if (warning[0]) escape_warn("warning: %s: %s", device, warning);
    c->open = true;
    c->live = true;
    if (filter && *filter) {   /* cap.filter says it; the kernel runs it, cursors do not again */
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
    if (c->live) c->live->live_readers--;
    c->live = NULL;
    if (c->stream == &c->own) capture_close(&c->own);
    if (c->frame_bpf_set) pcap_freecode(&c->frame_bpf);
    c->frame_bpf_set = false;
    stream_table_free(&c->streams);
    c->stream = NULL;
    if (c->replay) c->replay->cursor = NULL;
    c->replay = NULL;
    if (c->owner) c->owner->cursors--;
    for (int i = 0; i < c->nparts; i++) c->parts[i]->cursors--;
    free(c->parts);
    c->parts = NULL;
    c->nparts = 0;
}

static int cursor_gc(lua_State *L)
{
    struct lcursor *c = lcursor_test(L, 1);   /* __gc: the metatable may sit on another block */
    if (c) lcursor_close(c);
    return 0;
}

static void on_match(void *ctx, const struct engine_packet *p, unsigned events)
{
    (void)events;
    ((struct lcursor *)ctx)->got = true;
    ((struct lcursor *)ctx)->conv = p->conversation;
}

static void cursor_start(lua_State *L, struct lcursor *c, bool live);

struct lcursor *lcursor_push(lua_State *L, int idx, int source)
{
    idx = lua_absindex(L, idx);
    struct lcapture *cap = lcapture_check(L, idx);
    if (!cap->open) luaL_error(L, "capture is closed");
    struct lcursor *c = lua_newuserdatauv(L, sizeof *c, 2);
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
    } else if (cap->live) {   /* one loop at a time; an interrupted one's cursor may wait for the collector */
        if (cap->cursors > 0) lua_gc(L, LUA_GCCOLLECT);
        if (cap->cursors > 0) luaL_error(L, "%s: the live capture is being read by another loop", capture_name(&cap->cap));
        c->stream = &cap->cap;
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
    if (lua_getiuservalue(L, idx, 1) == LUA_TSTRING && !cap->live) {
        if (capture_compile(c->stream, lua_tostring(L, -1), &c->frame_bpf) != 0) {
            lua_pushstring(L, c->stream->error);
            lcursor_close(c);
            lua_error(L);
        }
        c->frame_bpf_set = true;
    }
    if (c->stream == &c->own) {
        const char *path = c->own.path;
        replay_attach(L, lua_gettop(L) - 1, c, &path, 1, c->frame_bpf_set ? lua_tostring(L, -1) : NULL);
    }
    lua_pop(L, 1);
    cursor_start(L, c, cap->live);
    return c;
}

/* What every cursor does last: the session's interrupt, live end and -c, its engine with the one
 * consumer for packets(). */
static void cursor_start(lua_State *L, struct lcursor *c, bool live)
{
    struct session *s = session_get(L);
    session_interrupt_settled(L, s);
    if (live && s) {   /* Ctrl-C ends this loop's reading; a new loop reads on */
        if (s->live_readers == 0) s->live_end = 0;
        s->live_readers++;
        c->live = s;
        c->stream->stop = &s->interrupted;
        c->stream->end_flag = &s->live_end;
    }
    engine_init(&c->e, s ? &s->resets : NULL, NULL);
    stream_table_init(&c->streams, 0);
    c->e.streams = c->replay ? NULL : &c->streams;   /* with a replay: when first asked */
    c->e.frame_filter = c->frame_bpf_set ? &c->frame_bpf : NULL;
    c->e.stop = s ? &s->interrupted : NULL;
    c->e.limit = s ? s->packet_limit : 0;
    c->k.all = true;
    c->k.active = true;
    c->k.on_packet = on_match;
    c->k.ctx = c;
    engine_add(&c->e, &c->k);
}

struct lcursor *lcursor_push_all(lua_State *L, int listidx)
{
    listidx = lua_absindex(L, listidx);
    int n = (int)lua_rawlen(L, listidx);
    if (n == 1) {
        lua_rawgeti(L, listidx, 1);
        struct lcursor *c = lcursor_push(L, -1, 1);
        lua_remove(L, -2);
        return c;
    }
    struct lcursor *c = lua_newuserdatauv(L, sizeof *c, 2);
    memset(c, 0, sizeof *c);
    c->magic = UDATA_CURSOR;
    luaL_setmetatable(L, CURSOR_MT);
    lua_createtable(L, n, 0);   /* the captures as they are now, kept alive by the cursor */
    for (int i = 1; i <= n; i++) {
        lua_rawgeti(L, listidx, i);
        lua_rawseti(L, -2, i);
    }
    c->list = lua_topointer(L, -1);
    lua_setiuservalue(L, -2, 1);
    c->own.fd = c->own.spool_fd = -1;   /* nothing to close until the merge is made */
    int cidx = lua_gettop(L);
    c->parts = calloc((size_t)(n > 0 ? n : 1), sizeof *c->parts);
    struct capture **streams = calloc((size_t)(n > 0 ? n : 1), sizeof *streams);
    bool *owned = calloc((size_t)(n > 0 ? n : 1), sizeof *owned);
    const char **paths = calloc((size_t)(n > 0 ? n : 1), sizeof *paths);   /* all reopened: a replay reads them */
    bool reopened = n > 0;
    const char *expr = NULL;
    char *fail = NULL;
    if (!c->parts || !streams || !owned || !paths) fail = "out of memory";
    for (int i = 0; i < n && !fail; i++) {   /* no Lua error while streams are half made */
        lua_getiuservalue(L, cidx, 1);
        lua_rawgeti(L, -1, i + 1);
        struct lcapture *cap = luaL_testudata(L, -1, CAPTURE_MT);
        int t = cap ? lua_getiuservalue(L, -1, 1) : LUA_TNIL;
        const char *e = t == LUA_TSTRING ? lua_tostring(L, -1) : NULL;   /* kept alive by the capture */
        lua_pop(L, cap ? 3 : 2);
        if (!cap || !cap->open) { fail = "capture is closed"; break; }
        if (cap->live) { fail = "a live capture cannot be read together with other captures"; break; }
        if (i == 0) expr = e;
        else if ((expr == NULL) != (e == NULL) || (expr && strcmp(expr, e) != 0)) {
            fail = "captures with different filters cannot be read as one stream";
            break;
        }
        if (cap->rereadable) {
            streams[i] = calloc(1, sizeof **streams);
            if (!streams[i]) { fail = "out of memory"; break; }
            owned[i] = true;
            paths[i] = cap->cap.path;
            if (capture_open(streams[i], cap->cap.path) != 0) {
                snprintf(c->own.error, sizeof c->own.error, "%.200s: %.300s", capture_name(&cap->cap), streams[i]->error);
                fail = c->own.error;
                capture_close(streams[i]);
                free(streams[i]);
                streams[i] = NULL;
                owned[i] = false;
                break;
            }
            capture_set_aside(streams[i]);   /* read again when the merge reaches it (core/merge.c) */
        } else {
            if (cap->stream_taken || cap->cursors > 0) {
                snprintf(c->own.error, sizeof c->own.error, "%s: %s can be read only once", capture_name(&cap->cap),
                         strcmp(cap->cap.path, "-") == 0 ? "standard input" : "a pipe");
                fail = c->own.error;
                break;
            }
            cap->stream_taken = true;
            streams[i] = &cap->cap;
            reopened = false;
        }
        cap->cursors++;
        c->parts[c->nparts++] = cap;
    }
    if (!fail && capture_open_merge(&c->own, streams, owned, n) != 0) fail = "out of memory";
    else if (fail)
        for (int i = 0; i < n; i++)
            if (owned[i]) { capture_close(streams[i]); free(streams[i]); }
    free(streams);
    free(owned);
    if (fail || !reopened) free(paths), paths = NULL;
    c->active = true;   /* lcursor_close gives the parts back */
    c->stream = &c->own;
    if (fail) {   /* at the caller's line, as luaL_error would put it */
        luaL_where(L, 1);
        lua_pushstring(L, fail);
        lua_concat(L, 2);
        lcursor_close(c);
        lua_error(L);
    }
    if (expr) {
        lua_pushstring(L, expr);   /* compiled once for the merge's link type, once per other type met */
        int rc = capture_compile(c->stream, lua_tostring(L, -1), &c->frame_bpf);
        lua_pop(L, 1);
        if (rc != 0) {
            luaL_where(L, 1);
            lua_pushstring(L, c->stream->error);
            lua_concat(L, 2);
            lcursor_close(c);
            lua_error(L);
        }
        c->frame_bpf_set = true;
    }
    if (paths) {   /* the captures stay alive (user value 1): their paths too */
        replay_attach(L, cidx, c, paths, n, expr);
        free(paths);
    }
    cursor_start(L, c, false);
    return c;
}

bool lcursor_open(const struct lcursor *c)
{
    if (!c->active) return false;
    if (c->owner) return c->owner->open;
    for (int i = 0; i < c->nparts; i++)
        if (!c->parts[i]->open) return false;
    return true;
}

/* Pushes the cursor's current packet (the one cursor_advance stopped at) as a Lua packet. */
static struct lpacket *cursor_push_packet(lua_State *L, int cidx, struct lcursor *c)
{
    struct lpacket *pk = packet_push_decoded(L, &c->e.frame, c->e.cur);
    pk->capture = c->e.frame.source ? c->e.frame.source : c->source;
    if (!c->e.streams) {
        lua_getiuservalue(L, cidx, 2);
        packet_set_replay(L, lua_gettop(L) - 1, pk, c->e.packets);
    } else if (c->conv) {
        pk->conv = *c->conv;
        packet_note_quic(L, lua_gettop(L), pk, c->e.streams);
    }
    return pk;
}

/* Reads on until a packet meets the cursor's condition: true, or false at the end (a damaged
 * file warns once; an interrupt leaves the raising to the hook). The cursor is at cidx; its
 * capture must still be its user value (debug.setuservalue could have dropped it). */
static bool cursor_advance(lua_State *L, int cidx, struct lcursor *c)
{
    if (!c->active) return false;
    lua_getiuservalue(L, cidx, 1);
    bool same = c->list ? lua_topointer(L, -1) == c->list   /* a block at the owner's address is a capture */
                        : lua_touserdata(L, -1) == c->owner && udata_is(L, -1, sizeof(struct lcapture), UDATA_CAPTURE);
    lua_pop(L, 1);
    if (!same) {
        c->owner = NULL;   /* the captures may be gone: never touch them again */
        c->nparts = 0;
        lcursor_close(c);
        return luaL_error(L, "packets: the iterator's capture was replaced");
    }
    if (!lcursor_open(c)) {
        lcursor_close(c);
        luaL_error(L, "capture is closed");
    }
    c->got = false;
    int rc;
    while ((rc = engine_step(&c->e, c->stream, c->source)) == 1)
        if (c->got) return true;
    struct session *s = session_get(L);
    if (rc == -1 && !(s && s->interrupted)) session_warn_damaged(L, c->stream);   /* a read Ctrl-C cut: the one line is the raise's */
    if (rc != -2 || !s || !s->interrupted || c->live) lcursor_close(c);
    return false;
}

/* Reads on to the next packet that meets the cursor's condition and pushes it; false at the end. */
static bool cursor_next(lua_State *L, int cidx, struct lcursor *c)
{
    if (!cursor_advance(L, cidx, c)) return false;
    cursor_push_packet(L, cidx, c);
    return true;
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
    /* size and magic: only a cursor has them (no metatable lookup by name for every packet) */
    struct lcursor *c = udata_is(L, lua_upvalueindex(1), sizeof(struct lcursor), UDATA_CURSOR);
    if (!c) return luaL_error(L, "packets: the iterator's cursor was replaced");
    return cursor_next(L, lua_upvalueindex(1), c) ? 1 : 0;
}

/* packets{"ip.ttl", "tcp.srcport", ...}: the field list, compiled once (upvalue 2 of its iterator),
 * with a packet block the plain fields are read from (the frame's header and decoding copied in;
 * no Lua object per packet). */
#define FIELDS_MAX 64
struct lfields {
    uint64_t magic;            /* UDATA_FIELDS */
    int n;
    struct field_ref f[FIELDS_MAX];
};

/* The packet block the plain fields are read from: in the same userdata, right after the list. */
static struct lpacket *fields_scratch(struct lfields *fl)
{
    return (struct lpacket *)(void *)((char *)fl + sizeof *fl);
}

/* Reads the field list of the table at idx ({"ip.ttl", ...; filter = "bpf"}) and pushes it; returns
 * the filter (or NULL).  Raises at the caller's line on a name that is no field. */
static const char *fields_push(lua_State *L, int idx)
{
    idx = lua_absindex(L, idx);
    lua_Integer n = (lua_Integer)lua_rawlen(L, idx);
    if (n < 1) return luaL_error(L, "packets{...}: name the fields to read, e.g. packets{\"ip.src\", \"tcp.dstport\"}"), NULL;
    if (n > FIELDS_MAX) return luaL_error(L, "packets{...}: at most %d fields", FIELDS_MAX), NULL;
    struct lfields *fl = lua_newuserdatauv(L, sizeof *fl + sizeof(struct lpacket), 0);
    memset(fl, 0, sizeof *fl + sizeof(struct lpacket));
    fl->magic = UDATA_FIELDS;
    for (lua_Integer i = 1; i <= n; i++) {
        if (lua_rawgeti(L, idx, i) != LUA_TSTRING) return luaL_error(L, "packets{...}: field %d is not a name", (int)i), NULL;
        char err[400];
        if (!packet_field_ref(lua_tostring(L, -1), &fl->f[i - 1], err, sizeof err)) return luaL_error(L, "packets{...}: %s", err), NULL;
        lua_pop(L, 1);
    }
    fl->n = (int)n;
    lua_pushnil(L);   /* besides the names 1..n, only filter: a misspelt key or a gap is a slip */
    while (lua_next(L, idx)) {
        lua_pop(L, 1);
        if (lua_type(L, -1) == LUA_TSTRING && strcmp(lua_tostring(L, -1), "filter") == 0) continue;
        if (lua_isinteger(L, -1) && lua_tointeger(L, -1) >= 1 && lua_tointeger(L, -1) <= n) continue;
        if (lua_type(L, -1) == LUA_TSTRING) {
            const char *k = lua_tostring(L, -1);
            return luaL_error(L, "packets{...}: no key '%s'%s (the fields, then filter = \"bpf\")", k,
                              strlen(k) >= 4 && strlen(k) <= 7 && strncmp(k, "fil", 3) == 0 ? " (did you mean filter?)" : ""), NULL;
        }
        return luaL_error(L, "packets{...}: %s is not one of the fields 1..%d (a list without gaps)", luaL_tolstring(L, -1, NULL), (int)n), NULL;
    }
    lua_getfield(L, idx, "filter");
    const char *expr = lua_isnil(L, -1) ? NULL : luaL_checkstring(L, -1);
    lua_pop(L, 1);
    return expr;
}

/* The field list's iterator: upvalue 1 the cursor, 2 the list.  Returns the frame number (never nil,
 * so a field missing from the first place cannot end the loop) and the fields, nil where absent. */
static int fields_iter(lua_State *L)
{
    struct lcursor *c = udata_is(L, lua_upvalueindex(1), sizeof(struct lcursor), UDATA_CURSOR);
    struct lfields *fl = udata_is(L, lua_upvalueindex(2), sizeof(struct lfields), UDATA_FIELDS);
    if (!c || !fl) return luaL_error(L, "packets: the iterator's cursor was replaced");
    struct lpacket *scratch = fields_scratch(fl);
    if (!cursor_advance(L, lua_upvalueindex(1), c)) return 0;
    luaL_checkstack(L, fl->n + 3, "packets{...}");
    int capture = c->e.frame.source ? c->e.frame.source : c->source;
    lua_pushinteger(L, (lua_Integer)c->e.frame.number);
    int pidx = 0;
    struct lpacket *pk = NULL;
    packet_scratch_set(scratch, &c->e.frame, c->e.cur, capture);
    for (int i = 0; i < fl->n; i++) {
        if (!fl->f[i].object) { packet_push_ref(L, scratch, &fl->f[i]); continue; }
        if (!pidx) {   /* this packet as an object, made once for the fields that need it */
            pk = cursor_push_packet(L, lua_upvalueindex(1), c);
            pidx = lua_gettop(L);
        }
        packet_push_ref_object(L, pidx, pk, &fl->f[i]);
    }
    if (pidx) lua_remove(L, pidx);
    return fl->n + 1;
}

/* The iterator for packets(arg) on the cursor on top: arg a filter (or nil), or the field list
 * packets_arg compiled (at fidx, 0: none). */
static void push_iterator(lua_State *L, struct lcursor *c, int fidx, const char *expr)
{
    if (expr && *expr) cursor_set_match(L, c, expr);
    if (!fidx) { lua_pushcclosure(L, packets_iter, 1); return; }
    lua_pushvalue(L, fidx);
    lua_pushcclosure(L, fields_iter, 2);
}

/* The filter of packets(arg): arg itself, or a field list's `filter`.  A field list is compiled here,
 * at the caller's line, before any cursor is made, and left on the stack (*fidx, else 0). */
static const char *packets_arg(lua_State *L, int idx, int *fidx)
{
    *fidx = 0;
    if (!lua_istable(L, idx)) return luaL_optstring(L, idx, NULL);
    const char *expr = fields_push(L, idx);   /* the string stays alive in the table at idx */
    *fidx = lua_gettop(L);
    return expr;
}

static int capture_packets(lua_State *L)
{
    int fidx;
    const char *expr = packets_arg(L, 2, &fidx);
    struct lcapture *cap = lcapture_check(L, 1);
    if (!cap->open) return luaL_error(L, "capture is closed");
    struct lcursor *c = lcursor_push(L, 1, 0);
    push_iterator(L, c, fidx, expr);
    return 1;
}

/* packets([bpf]): every packet of the session's captures (the -r files), as one stream in
 * time-stamp order when there are several.  The filter is compiled here, so a bad one raises at
 * the caller's line. */
static int packets_all(lua_State *L)
{
    int fidx;
    const char *expr = packets_arg(L, 1, &fidx);
    session_interrupt_settled(L, session_get(L));
    lcaptures_push(L);
    int caps = lua_gettop(L);
    lua_Integer n = (lua_Integer)lua_rawlen(L, caps);
    if (n == 0) return luaL_error(L, "%s", LCAPTURE_NONE);
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
    }
    struct lcursor *c = lcursor_push_all(L, caps);   /* the list as it is now: pcaphunt.use changes nothing here */
    push_iterator(L, c, fidx, expr);
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
    lua_rawgeti(L, -1, 1);   /* `capture` is the first capture (nil for none), whoever sets them */
    lua_setglobal(L, "capture");
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
        struct lcapture *cap = lcapture_test(L, -1);
        if (!cap) return luaL_error(L, "pcaphunt.use: item %d is not a capture", (int)i);
        if (!cap->open) return luaL_error(L, "pcaphunt.use: item %d is a closed capture", (int)i);
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

/* pairs(captures): i, capture in order (an iterator of its own: the list itself stays in C). */
static int view_next(lua_State *L)
{
    lua_Integer i = luaL_checkinteger(L, 2) + 1;
    lcaptures_push(L);
    if (lua_rawgeti(L, -1, i) == LUA_TNIL) return 0;
    lua_pushinteger(L, i);
    lua_insert(L, -2);
    return 2;
}

static int view_pairs(lua_State *L)
{
    lua_pushcfunction(L, view_next);
    lua_pushvalue(L, 1);
    lua_pushinteger(L, 0);
    return 3;
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
    struct session *s = session_get(L);
    if (c->open && s && s->hunts && s->hunts->running && s->hunts->cursor) {   /* a hunt closing the run's input */
        lcaptures_push(L);
        for (lua_Integer i = 1; i <= (lua_Integer)lua_rawlen(L, -1); i++) {
            lua_rawgeti(L, -1, i);
            bool reading = lua_touserdata(L, -1) == (void *)c;
            lua_pop(L, 1);
            if (reading) return luaL_error(L, "capture:close: the hunt run is reading %s (close it after the run)", capture_name(&c->cap));
        }
        lua_pop(L, 1);
    }
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
    w->w.flush_each = w->flush_each;
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
    } else if (!*path) {
        return luaL_error(L, "pcaphunt.writer: the file name is empty");
    } else if (strcmp(path, "-") != 0) {   /* the file is made at the first packet: say now what would stop it */
        struct stat st;
        char dir[PATH_MAX];
        const char *slash = strrchr(path, '/');
        if (!slash) strcpy(dir, ".");
        else if (slash == path) strcpy(dir, "/");
        else {
            size_t dn = (size_t)(slash - path) < sizeof dir ? (size_t)(slash - path) : sizeof dir - 1;
            memcpy(dir, path, dn);
            dir[dn] = 0;
        }
        if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) return luaL_error(L, "%s: is a directory", path);
        if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) return luaL_error(L, "%s: no such directory", path);
        if (access(dir, W_OK) != 0) return luaL_error(L, "%s: %s", path, strerror(errno));
    }
    return 1;
}

/* w:write(p): a packet of another link type than the first turns the file into pcapng, a nanosecond
 * packet a microsecond file into a nanosecond one (on standard output, where that cannot be, it raises). */
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
    if (p->nano && !w->w.nano && !w->w.pcapng && !w->w.tmp && p->d.linktype == w->linktype)
        return luaL_error(L, "%s: packet has a nanosecond time stamp, file (written as it goes) has microseconds",
                          w->path);
    int rc = writer_write(&w->w, &p->hdr, p->nano, p->d.linktype, p->bytes);
    if (rc == 1) {
        w->w.skipped = 0;
        return luaL_error(L, "%s: packet has link type %d, file has %d", w->path, p->d.linktype, w->linktype);
    }
    if (rc == 2) {
        w->w.out_of_time = 0;
        return luaL_error(L, "%s: packet is dated before 1970 or past 2106, file (a pcap written as it goes) holds 1970 to 2106",
                          w->path);
    }
    if (rc < 0) return luaL_error(L, "%s: write failed: %s", w->path, w->w.error);
    return 0;
}

int lcapture_tee(lua_State *L, int idx, const char *path)
{
    idx = lua_absindex(L, idx);
    struct lcapture *c = lcapture_check(L, idx);
    lua_pushcfunction(L, lwriter_new);
    lua_pushstring(L, path);
    lua_pushvalue(L, idx);
    if (lua_pcall(L, 2, 1, 0) != LUA_OK) {   /* the line names -w: after -Z, the file is opened as that user */
        const char *m = lua_tostring(L, -1);
        return luaL_error(L, "-w %s", m ? m : "cannot be opened");
    }
    struct lwriter *w = lwriter_check(L, -1);
    w->flush_each = c->live;
    if (w->open) w->w.flush_each = c->live;
    c->cap.tee = &w->w;
    lua_setiuservalue(L, idx, 2);
    return 0;
}

int lcapture_tee_close(lua_State *L, int idx)
{
    struct lcapture *c = lcapture_check(L, idx);
    if (!c->cap.tee) return 0;
    c->cap.tee = NULL;
    if (lua_getiuservalue(L, idx, 2) != LUA_TUSERDATA) { lua_pop(L, 1); return 0; }
    struct lwriter *w = lwriter_check(L, -1);
    int rc = 0;
    if (w->open && !w->closed) rc = writer_close(&w->w);
    w->closed = true;
    lua_pop(L, 1);
    return rc;
}

/* w:close(): the file complete under its name (written under a temporary one until now). */
static int lwriter_close(lua_State *L)
{
    struct lwriter *w = lwriter_check(L, 1);
    int rc = 0;
    if (!w->open && !w->closed) {   /* nothing written and no `like`: an empty capture all the same (Ethernet) */
        w->linktype = 1;
        lwriter_start(L, w);
    }
    if (w->open && !w->closed) rc = writer_close(&w->w);
    w->closed = true;
    if (rc != 0) return luaL_error(L, "%s: write failed: %s", w->path, w->w.error);
    lua_pushinteger(L, (lua_Integer)w->w.written);
    return 1;
}

/* A writer never closed is completed when collected, unless the run was interrupted: then the file
 * is not made. */
static int lwriter_gc(lua_State *L)
{
    struct lwriter *w = udata_test(L, 1, WRITER_MT, sizeof(struct lwriter) + 1, UDATA_WRITER);
    if (!w) return 0;   /* the metatable moved onto another block (debug.setmetatable) */
    struct session *s = session_get(L);
    if (w->open && !w->closed) {
        if (s && s->interrupted) writer_abort(&w->w);
        else writer_close(&w->w);
    }
    w->closed = true;
    return 0;
}

#define WRITER_GUARD_MT "pcaphunt.writer_guard"

static int guard_gc(lua_State *L)
{
    writer_abort(luaL_checkudata(L, 1, WRITER_GUARD_MT));   /* nothing when closed already */
    return 0;
}

struct capture_writer *lwriter_guard(lua_State *L)
{
    struct capture_writer *w = lua_newuserdatauv(L, sizeof *w, 0);
    memset(w, 0, sizeof *w);
    if (luaL_newmetatable(L, WRITER_GUARD_MT)) {
        lua_pushcfunction(L, guard_gc);
        lua_setfield(L, -2, "__gc");
    }
    lua_setmetatable(L, -2);
    return w;
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
        {"__tostring", view_tostring}, {"__pairs", view_pairs}, {NULL, NULL}
    };
    lua_newuserdatauv(L, 1, 0);   /* a userdata, not a table: rawset cannot write into the view */
    lua_newtable(L);
    luaL_setfuncs(L, view_meta, 0);
    lua_pushliteral(L, "captures");
    lua_setfield(L, -2, "__name");
    metatable_guard(L, -1, "captures");
    lua_setmetatable(L, -2);
    lua_setglobal(L, "captures");
    luaL_newmetatable(L, REPLAY_MT);
    metatable_guard(L, -1, REPLAY_MT);
    lua_pushcfunction(L, replay_gc);
    lua_setfield(L, -2, "__gc");
    lua_pop(L, 1);
    luaL_newmetatable(L, CURSOR_MT);
    metatable_guard(L, -1, CURSOR_MT);
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
    metatable_guard(L, -1, CAPTURE_MT);
    luaL_setfuncs(L, cap_meta, 0);
    lua_pop(L, 1);
    luaL_newmetatable(L, WRITER_MT);
    metatable_guard(L, -1, WRITER_MT);
    luaL_newlib(L, writer_methods);
    lua_setfield(L, -2, "__index");
    lua_pushcfunction(L, lwriter_gc);
    lua_setfield(L, -2, "__gc");
    lua_pushcfunction(L, lwriter_gc);
    lua_setfield(L, -2, "__close");
    lua_pop(L, 1);
}
