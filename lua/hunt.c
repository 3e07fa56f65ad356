/* The hunt runner.  Each frame is decoded once into a stack struct and fed to the
 * flow table; each selected hunt's BPF runs in C; only on a match is a packet
 * userdata made (once, shared by the hunts) and the hunt's Lua called.  A hunt
 * that raises is reported and disabled; the others go on. */
#include "hunt.h"
#include "capture.h"
#include "packet.h"
#include "report.h"
#include "session.h"
#include "core/community_id.h"
#include "core/summary.h"

#include <arpa/inet.h>
#include <lauxlib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define HUNT_MT "pcaphunt.hunt"
#define FLOWS_MT "pcaphunt.flows"

struct hunt_run *hunt_state(lua_State *L)
{
    struct session *s = session_get(L);
    return s ? s->hunts : NULL;
}

/* The hunt index stored in a hunt table's field "_index". */
static int hunt_index_of(lua_State *L, int idx)
{
    luaL_checktype(L, idx, LUA_TTABLE);
    lua_getfield(L, idx, "_index");
    int i = (int)luaL_optinteger(L, -1, -1);
    lua_pop(L, 1);
    struct hunt_run *r = hunt_state(L);
    if (!r || i < 0 || i >= r->n) luaL_argerror(L, idx, "not a hunt");
    return i;
}

static const char *opt_string(lua_State *L, int t, const char *k)
{
    lua_getfield(L, t, k);
    const char *v = lua_isstring(L, -1) ? lua_tostring(L, -1) : NULL;
    lua_pop(L, 1);
    return v;
}

static int run_named(lua_State *L);
static int list_hunts(lua_State *L);

/* hunt{ name=, description=, severity=, filter=, packet=, finish=, options= } defines a hunt;
 * hunt("name" [, options]) runs one on the captures; hunt() lists them. */
static int l_hunt(lua_State *L)
{
    struct hunt_run *r = hunt_state(L);
    if (lua_type(L, 1) == LUA_TSTRING) return run_named(L);
    if (lua_isnoneornil(L, 1)) return list_hunts(L);
    luaL_checktype(L, 1, LUA_TTABLE);
    const char *name = opt_string(L, 1, "name");
    if (!name || !*name) return luaL_error(L, "hunt: 'name' (a string) is required");
    const char *sev = opt_string(L, 1, "severity");
    int severity = sev ? severity_parse(sev) : SEV_MEDIUM;
    if (severity < 0) return luaL_error(L, "hunt %s: severity must be info, low, medium or high", name);
    lua_getfield(L, 1, "packet");
    lua_getfield(L, 1, "finish");
    if (!lua_isfunction(L, -2) && !lua_isfunction(L, -1))
        return luaL_error(L, "hunt %s: give a packet or finish function", name);
    lua_pop(L, 2);
    int i = 0;
    while (i < r->n && strcmp(r->hunts[i].name, name) != 0) i++;
    if (i == r->n) {
        if (r->n == HUNT_MAX) return luaL_error(L, "hunt %s: too many hunts (%d)", name, HUNT_MAX);
        r->n++;
    } else {
        luaL_unref(L, LUA_REGISTRYINDEX, r->hunts[i].ref);   /* a later definition replaces */
    }
    struct hunt *h = &r->hunts[i];
    memset(h, 0, sizeof *h);
    snprintf(h->name, sizeof h->name, "%s", name);
    const char *desc = opt_string(L, 1, "description");
    snprintf(h->description, sizeof h->description, "%s", desc ? desc : "");
    const char *filter = opt_string(L, 1, "filter");
    snprintf(h->filter, sizeof h->filter, "%s", filter ? filter : "");
    h->severity = (enum severity)severity;
    lua_getfield(L, 1, "priority");
    h->priority = (int)luaL_optinteger(L, -1, 50);
    lua_pop(L, 1);
    h->selected = true;
    lua_getfield(L, 1, "options");
    if (!lua_istable(L, -1)) { lua_newtable(L); lua_setfield(L, 1, "options"); }
    lua_pop(L, 1);
    lua_pushinteger(L, i);
    lua_setfield(L, 1, "_index");
    luaL_setmetatable(L, HUNT_MT);
    lua_pushvalue(L, 1);
    h->ref = luaL_ref(L, LUA_REGISTRYINDEX);
    lua_settop(L, 1);
    return 1;
}

static const char *field_string(lua_State *L, int t, const char *k)
{
    lua_getfield(L, t, k);
    if (lua_isnil(L, -1)) return NULL;
    const char *v = luaL_tolstring(L, -1, NULL);
    lua_replace(L, -2);   /* the string stays on the stack, alive, until l_report returns */
    return v;
}

/* h:report{ msg=, packet=, key=, severity= } */
static int l_report(lua_State *L)
{
    struct hunt_run *r = hunt_state(L);
    int hi = hunt_index_of(L, 1);
    luaL_checktype(L, 2, LUA_TTABLE);
    struct finding f;
    memset(&f, 0, sizeof f);
    f.hunt = hi;
    f.sport = f.dport = -1;
    f.severity = r->hunts[hi].severity;
    f.msg = field_string(L, 2, "msg");
    if (!f.msg) return luaL_error(L, "report: 'msg' is required");
    f.key = field_string(L, 2, "key");
    if (!f.key) f.key = f.msg;
    const char *sev = field_string(L, 2, "severity");
    if (sev) {
        int s = severity_parse(sev);
        if (s < 0) return luaL_error(L, "report: severity must be info, low, medium or high");
        f.severity = (enum severity)s;
    }
    char src[ADDR_STR_MAX], dst[ADDR_STR_MAX], cid[COMMUNITY_ID_MAX], summary[512];
    lua_getfield(L, 2, "packet");
    struct lpacket *p = lua_isnil(L, -1) ? NULL : packet_check(L, -1);
    if (p) {
        const struct decoded *d = &p->d;
        f.frame = p->number;
        f.capture = p->capture;
        f.time = frame_time_epoch(&p->hdr, p->nano);
        if (d->ip_version) {
            addr_src(d, src); addr_dst(d, dst);
            f.src = src; f.dst = dst;
            community_id(d, 0, cid);
            f.community_id = cid;
        }
        f.proto = decoded_proto_name(d);
        if (d->layers & L_TCP) { f.sport = d->tcp.sport; f.dport = d->tcp.dport; }
        else if (d->layers & L_UDP) { f.sport = d->udp.sport; f.dport = d->udp.dport; }
        if (d->has_reset_cause) {
            const struct reset_cause *rc = &d->reset_cause;
            f.reset_code = rc->kind == RC_NO_CAUSE ? NULL : rc->code;
            f.reset_vendor = rc->row ? rc->row->vendor : NULL;
            f.reset_category = rc->row ? rc->row->category : reset_kind_name(rc->kind);
            f.reset_meaning = rc->row ? rc->row->meaning : NULL;
        }
        summary_format(summary, sizeof summary, p->number, &p->hdr, p->nano, d, p->bytes);
        f.summary = summary;
    }
    if (r->sink) r->sink(&f, r->hunts[hi].name, r->sink_ctx);
    if (!findings_add(&r->findings, &f)) return luaL_error(L, "report: out of memory");
    return 0;
}

/* Pushes flow f as seen by endpoint dir; st is the handshake state to show. */
static void push_flow(lua_State *L, const struct flow *f, int dir, uint8_t st)
{
    char a[ADDR_STR_MAX];
    lua_createtable(L, 0, 16);
    addr_format(f->version, f->addr[dir], a); lua_pushstring(L, a); lua_setfield(L, -2, "src");
    addr_format(f->version, f->addr[!dir], a); lua_pushstring(L, a); lua_setfield(L, -2, "dst");
    lua_pushinteger(L, f->port[dir]); lua_setfield(L, -2, "sport");
    lua_pushinteger(L, f->port[!dir]); lua_setfield(L, -2, "dport");
    lua_pushinteger(L, f->proto); lua_setfield(L, -2, "proto");
    lua_pushinteger(L, (lua_Integer)(f->dir[0].packets + f->dir[1].packets)); lua_setfield(L, -2, "packets");
    lua_pushinteger(L, (lua_Integer)f->dir[dir].packets); lua_setfield(L, -2, "packets_sent");
    lua_pushinteger(L, (lua_Integer)f->dir[!dir].packets); lua_setfield(L, -2, "packets_received");
    lua_pushinteger(L, f->dir[dir].ttl_first); lua_setfield(L, -2, "ttl_first");
    lua_pushinteger(L, f->dir[dir].ttl_last); lua_setfield(L, -2, "ttl_last");
    lua_pushinteger(L, f->dir[dir].ttl_changes); lua_setfield(L, -2, "ttl_changes");
    lua_pushinteger(L, f->dir[dir].ipid_first); lua_setfield(L, -2, "ipid_first");
    lua_pushinteger(L, (lua_Integer)f->first_frame); lua_setfield(L, -2, "first_frame");
    lua_pushinteger(L, (lua_Integer)f->last_frame); lua_setfield(L, -2, "last_frame");
    lua_pushnumber(L, f->first_time); lua_setfield(L, -2, "first_time");
    lua_pushboolean(L, f->initiator == dir); lua_setfield(L, -2, "initiator");
    lua_pushboolean(L, st & FS_SYN); lua_setfield(L, -2, "syn_seen");
    lua_pushboolean(L, st & FS_SYNACK); lua_setfield(L, -2, "synack_seen");
    lua_pushboolean(L, (st & FS_SYN) && (st & FS_SYNACK) && (st & FS_ACK)); lua_setfield(L, -2, "established");
    lua_pushboolean(L, st & FS_DATA); lua_setfield(L, -2, "data_seen");
    lua_pushboolean(L, st & FS_RST); lua_setfield(L, -2, "rst_seen");
}

/* h:flow(p) → the packet's flow as seen from its sender, with the state before p; or nil. */
static int l_flow(lua_State *L)
{
    struct hunt_run *r = hunt_state(L);
    struct lpacket *p = packet_check(L, 2);
    int dir;
    const struct flow *f = r && r->flows.flows ? flow_find(&r->flows, &p->d, &dir) : NULL;
    if (!f) return 0;
    push_flow(L, f, dir, f->prev_state);   /* what was seen before the current packet */
    return 1;
}

/* h.flows: h.flows[p] is h:flow(p); #h.flows counts the flows; pairs(h.flows) walks
 * them all (each seen from its initiator, with its state so far), e.g. in finish. */
static int flows_index(lua_State *L)
{
    if (!packet_test(L, 2)) return 0;
    return l_flow(L);
}

static int flows_len(lua_State *L)
{
    struct hunt_run *r = hunt_state(L);
    lua_pushinteger(L, r ? (lua_Integer)r->flows.used : 0);
    return 1;
}

static int flows_next(lua_State *L)
{
    struct hunt_run *r = hunt_state(L);
    size_t i = (size_t)lua_tointeger(L, lua_upvalueindex(1));
    for (; r && r->flows.flows && i < r->flows.cap; i++) {
        const struct flow *f = &r->flows.flows[i];
        if (!f->used) continue;
        lua_pushinteger(L, (lua_Integer)i + 1);
        lua_replace(L, lua_upvalueindex(1));
        lua_pushinteger(L, (lua_Integer)i + 1);
        push_flow(L, f, f->initiator > 0 ? 1 : 0, f->state);
        return 2;
    }
    return 0;
}

/* Pushes a stateful iterator over table slots: `next` keeps its slot index in upvalue 1. */
static int push_slot_iterator(lua_State *L, lua_CFunction next)
{
    lua_pushinteger(L, 0);
    lua_pushcclosure(L, next, 1);
    return 1;
}

static int flows_pairs(lua_State *L)
{
    return push_slot_iterator(L, flows_next);
}

/* Pushes the statistics table of one source host. */
static void push_host(lua_State *L, const struct host *h)
{
    lua_createtable(L, 0, 8);
    lua_pushinteger(L, (lua_Integer)h->packets); lua_setfield(L, -2, "packets");
    lua_createtable(L, 0, HOST_TTL_SLOTS);
    int distinct = 0;
    for (int i = 0; i < HOST_TTL_SLOTS; i++)
        if (h->ttl_count[i]) { lua_pushinteger(L, h->ttl_count[i]); lua_rawseti(L, -2, h->ttl_value[i]); distinct++; }
    lua_setfield(L, -2, "ttl");
    lua_pushinteger(L, distinct + (h->ttl_other ? 1 : 0)); lua_setfield(L, -2, "ttl_distinct");
    lua_pushinteger(L, (lua_Integer)h->ipid_zero); lua_setfield(L, -2, "ipid_zero");
    lua_pushinteger(L, (lua_Integer)h->ipid_changes); lua_setfield(L, -2, "ipid_changes");
    lua_pushinteger(L, (lua_Integer)h->ipv4_packets); lua_setfield(L, -2, "ipv4_packets");
    lua_pushinteger(L, (lua_Integer)(host_destinations(h) + 0.5)); lua_setfield(L, -2, "destinations");
}

/* pcaphunt.host(addr) → statistics of a source seen in the current hunt run, or nil. */
static int l_host(lua_State *L)
{
    struct hunt_run *r = hunt_state(L);
    const char *a = luaL_checkstring(L, 1);
    uint8_t buf[16];
    int version = inet_pton(AF_INET, a, buf) == 1 ? 4 : inet_pton(AF_INET6, a, buf) == 1 ? 6 : 0;
    if (!version) return luaL_argerror(L, 1, "not an IPv4 or IPv6 address");
    const struct host *h = r && r->flows.hosts ? host_find(&r->flows, version, buf) : NULL;
    if (!h) return 0;
    push_host(L, h);
    return 1;
}

/* pcaphunt.hosts() → iterator over (address, stats) of every source in the run. */
static int hosts_next(lua_State *L)
{
    struct hunt_run *r = hunt_state(L);
    size_t i = (size_t)lua_tointeger(L, lua_upvalueindex(1));
    for (; r && i < r->flows.hcap; i++) {
        const struct host *h = &r->flows.hosts[i];
        if (!h->used) continue;
        char a[ADDR_STR_MAX];
        addr_format(h->version, h->addr, a);
        lua_pushinteger(L, (lua_Integer)i + 1);
        lua_replace(L, lua_upvalueindex(1));
        lua_pushstring(L, a);
        push_host(L, h);
        return 2;
    }
    return 0;
}

static int l_hosts(lua_State *L)
{
    return push_slot_iterator(L, hosts_next);
}

static int hunt_gc_state(lua_State *L)
{
    hunt_close(L);
    return 0;
}

void hunt_open(lua_State *L)
{
    struct session *s = session_get(L);
    struct hunt_run *r = lua_newuserdatauv(L, sizeof *r, 0);   /* owned by the registry: freed at close */
    memset(r, 0, sizeof *r);
    lua_newtable(L);
    lua_pushcfunction(L, hunt_gc_state);
    lua_setfield(L, -2, "__gc");
    lua_setmetatable(L, -2);
    luaL_ref(L, LUA_REGISTRYINDEX);
    findings_init(&r->findings);
    s->hunts = r;
    static const luaL_Reg methods[] = {{"report", l_report}, {"flow", l_flow}, {NULL, NULL}};
    static const luaL_Reg flows_meta[] = {{"__index", flows_index}, {"__len", flows_len}, {"__pairs", flows_pairs}, {NULL, NULL}};
    luaL_newmetatable(L, HUNT_MT);
    luaL_newlib(L, methods);
    lua_newuserdatauv(L, 1, 0);
    luaL_newmetatable(L, FLOWS_MT);
    luaL_setfuncs(L, flows_meta, 0);
    lua_setmetatable(L, -2);
    lua_setfield(L, -2, "flows");
    lua_setfield(L, -2, "__index");
    lua_pop(L, 1);
    lua_pushcfunction(L, l_hunt);
    lua_setglobal(L, "hunt");
    lua_getglobal(L, "pcaphunt");
    lua_pushcfunction(L, l_host);
    lua_setfield(L, -2, "host");
    lua_pushcfunction(L, l_hosts);
    lua_setfield(L, -2, "hosts");
    lua_pop(L, 1);
}

void hunt_close(lua_State *L)
{
    struct session *s = session_get(L);
    if (!s || !s->hunts) return;
    flow_table_free(&s->hunts->flows);
    findings_free(&s->hunts->findings);
    s->hunts = NULL;
}

void hunt_ensure_loaded(lua_State *L)
{
    struct session *s = session_get(L);
    struct hunt_run *r = hunt_state(L);
    if (r->loaded || !s->load_hunts) return;
    r->loaded = true;
    lua_pushcfunction(L, s->load_hunts);
    lua_pushlightuserdata(L, s->load_hunts_ctx);
    lua_call(L, 1, 0);
}

void hunt_load_buffer(lua_State *L, const char *text, size_t len, const char *name)
{
    if (luaL_loadbufferx(L, text, len, name, "t") != LUA_OK) lua_error(L);
    lua_call(L, 0, 0);
}

void hunt_load_file(lua_State *L, const char *path)
{
    if (luaL_loadfilex(L, path, "t") != LUA_OK) lua_error(L);
    lua_call(L, 0, 0);
}

bool hunt_select(lua_State *L, const char *spec, char *err, size_t errsz)
{
    struct hunt_run *r = hunt_state(L);
    bool all = strcmp(spec, "all") == 0;
    for (int i = 0; i < r->n; i++) r->hunts[i].selected = all;
    if (all) return true;
    char buf[1024];
    snprintf(buf, sizeof buf, "%s", spec);
    for (char *save = NULL, *t = strtok_r(buf, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
        int i = 0;
        while (i < r->n && strcmp(r->hunts[i].name, t) != 0) i++;
        if (i == r->n) { snprintf(err, errsz, "unknown hunt '%s' (see --list-hunts)", t); return false; }
        r->hunts[i].selected = true;
    }
    return true;
}

bool hunt_set_option(lua_State *L, const char *a, char *err, size_t errsz)
{
    struct hunt_run *r = hunt_state(L);
    const char *dot = strchr(a, '.'), *eq = strchr(a, '=');
    if (!dot || !eq || eq < dot) { snprintf(err, errsz, "--set wants HUNT.OPTION=VALUE, not '%s'", a); return false; }
    int i = 0;
    while (i < r->n && (strlen(r->hunts[i].name) != (size_t)(dot - a) || strncmp(r->hunts[i].name, a, (size_t)(dot - a)) != 0)) i++;
    if (i == r->n) { snprintf(err, errsz, "--set %s: unknown hunt", a); return false; }
    lua_rawgeti(L, LUA_REGISTRYINDEX, r->hunts[i].ref);
    lua_getfield(L, -1, "options");
    lua_pushlstring(L, dot + 1, (size_t)(eq - dot - 1));
    lua_pushvalue(L, -1);
    if (lua_rawget(L, -3) == LUA_TNIL) {
        lua_pop(L, 4);
        snprintf(err, errsz, "--set %s: hunt %s has no option '%.*s'", a, r->hunts[i].name, (int)(eq - dot - 1), dot + 1);
        return false;
    }
    lua_pop(L, 1);
    const char *v = eq + 1;
    if (lua_stringtonumber(L, v) == 0) {
        if (strcmp(v, "true") == 0) lua_pushboolean(L, 1);
        else if (strcmp(v, "false") == 0) lua_pushboolean(L, 0);
        else lua_pushstring(L, v);
    }
    lua_rawset(L, -3);
    lua_pop(L, 2);
    return true;
}

/* Calls hunt i's function `fn` with (p or nothing, h); disables the hunt on error. */
static void call_hunt(lua_State *L, struct hunt_run *r, int i, const char *fn, int pidx)
{
    struct hunt *h = &r->hunts[i];
    lua_rawgeti(L, LUA_REGISTRYINDEX, h->ref);
    lua_getfield(L, -1, fn);
    if (!lua_isfunction(L, -1)) { lua_pop(L, 2); return; }
    int nargs = 1;
    if (pidx) { lua_pushvalue(L, pidx); nargs++; }
    lua_pushvalue(L, -2 - (nargs - 1));
    if (lua_pcall(L, nargs, 0, 0) != LUA_OK) {
        const char *msg = lua_tostring(L, -1);
        struct session *s = session_get(L);
        if (s && s->interrupted) lua_error(L);   /* Ctrl-C is not the hunt's fault */
        session_warn(L, "hunt %s: %s", h->name, msg ? msg : "(error object is not a string)");
        h->disabled = true;
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
}

/* Progress on a terminal: percent of the file, packets/s, time left; shown once a capture has
 * taken `after` seconds (1, or $PCAPHUNT_PROGRESS_AFTER), redrawn at most 4 times a second. */
struct progress { bool on, shown; double after; struct timespec start, last; off_t size; };

static double elapsed(const struct timespec *a, const struct timespec *b)
{
    return (double)(b->tv_sec - a->tv_sec) + (double)(b->tv_nsec - a->tv_nsec) / 1e9;
}

static void progress_start(struct progress *pg, struct lcapture *c)
{
    memset(pg, 0, sizeof *pg);
    pg->on = isatty(STDERR_FILENO);
    if (!pg->on) return;
    const char *after = getenv("PCAPHUNT_PROGRESS_AFTER");
    pg->after = after && *after ? atof(after) : 1.0;
    clock_gettime(CLOCK_MONOTONIC, &pg->start);
    pg->size = capture_size(&c->cap);
}

static void progress_tick(struct progress *pg, struct lcapture *c, uint64_t packets)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    double t = elapsed(&pg->start, &now);
    if (t < pg->after || (pg->shown && elapsed(&pg->last, &now) < 0.25)) return;
    pg->last = now;
    double rate = t > 0 ? (double)packets / t : 0;
    if (pg->size > 0) {
        double frac = (double)capture_offset(&c->cap) / (double)pg->size;
        fprintf(stderr, "\r%s: %3.0f%%  %.0f packets/s  %.0fs left ", capture_name(&c->cap), frac * 100, rate,
                frac > 0 ? t / frac - t : 0);
    } else {
        fprintf(stderr, "\r%s: %llu packets  %.0f packets/s ", capture_name(&c->cap), (unsigned long long)packets, rate);
    }
    fflush(stderr);
    pg->shown = true;
}

static void run_capture(lua_State *L, struct hunt_run *r, struct lcapture *c, int cap_index)
{
    struct session *s = session_get(L);
    struct bpf_program progs[HUNT_MAX];
    bool has_prog[HUNT_MAX] = {0};
    for (int i = 0; i < r->n; i++) {
        if (!r->hunts[i].selected || r->hunts[i].disabled || !r->hunts[i].filter[0]) continue;
        if (capture_compile(&c->cap, r->hunts[i].filter, &progs[i]) != 0) {
            session_warn(L, "hunt %s: %s", r->hunts[i].name, c->cap.error);
            r->hunts[i].disabled = true;
            continue;
        }
        has_prog[i] = true;
    }
    struct progress pg;
    progress_start(&pg, c);
    uint64_t tick_mask = pg.after > 0 ? 1023 : 0;   /* the clock is read every 1024 packets */
    struct frame f;
    struct decoded d;
    r->capture = cap_index;
    int base = lua_gettop(L);
    for (;;) {
        if (s->interrupted) break;
        int rc = capture_next(&c->cap, &f);
        if (rc == 0) break;
        if (rc < 0) { session_warn(L, "%s: %s", capture_name(&c->cap), c->cap.error); break; }
        r->packets++;
        decode_frame(&d, f.linktype, f.bytes, f.hdr.caplen, f.hdr.len, &s->resets);
        int dir;
        flow_update(&r->flows, &d, f.number, frame_time_epoch(&f.hdr, f.nano), &dir);
        int pidx = 0;
        for (int i = 0; i < r->n; i++) {
            struct hunt *h = &r->hunts[i];
            if (!h->selected || h->disabled) continue;
            if (has_prog[i] && !capture_filter_match(&progs[i], &f)) continue;
            if (!pidx) {
                struct lpacket *pk = packet_push_decoded(L, &f, &d);
                pk->capture = cap_index;
                pidx = lua_gettop(L);
            }
            call_hunt(L, r, i, "packet", pidx);
        }
        lua_settop(L, base);
        if (pg.on && (r->packets & tick_mask) == 0) progress_tick(&pg, c, r->packets);
    }
    if (pg.shown) { fprintf(stderr, "\r\033[K"); fflush(stderr); }
    for (int i = 0; i < r->n; i++)
        if (has_prog[i]) pcap_freecode(&progs[i]);
}

void hunt_run(lua_State *L)
{
    struct hunt_run *r = hunt_state(L);
    if (!r->flows.flows && flow_table_init(&r->flows, 1u << 18) != 0) luaL_error(L, "out of memory for the flow table");
    lua_getglobal(L, "captures");
    int caps = lua_gettop(L);
    lua_Integer n = lua_istable(L, caps) ? (lua_Integer)lua_rawlen(L, caps) : 0;
    for (lua_Integer i = 1; i <= n; i++) {
        lua_rawgeti(L, caps, i);
        struct lcapture *c = lcapture_check(L, -1);
        if (c->open && capture_rewind(&c->cap) == 0) run_capture(L, r, c, (int)i);
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
    for (int i = 0; i < r->n; i++)
        if (r->hunts[i].selected && !r->hunts[i].disabled) call_hunt(L, r, i, "finish", 0);
}

/* __tostring of hunt() and hunt("name") results: the text kept as upvalue 1. */
static int text_tostring(lua_State *L)
{
    lua_pushvalue(L, lua_upvalueindex(1));
    return 1;
}

/* Gives the table at t a metatable whose __tostring returns the string on top (popped). */
static void set_text_tostring(lua_State *L, int t)
{
    lua_createtable(L, 0, 1);
    lua_insert(L, -2);
    lua_pushcclosure(L, text_tostring, 1);
    lua_setfield(L, -2, "__tostring");
    lua_setmetatable(L, t);
}

/* hunt() → list of {name, severity, description}; prints as one line per hunt. */
static int list_hunts(lua_State *L)
{
    struct hunt_run *r = hunt_state(L);
    hunt_ensure_loaded(L);
    lua_createtable(L, r->n, 0);
    int t = lua_gettop(L);
    for (int i = 0; i < r->n; i++) {
        const struct hunt *h = &r->hunts[i];
        lua_createtable(L, 0, 3);
        lua_pushstring(L, h->name); lua_setfield(L, -2, "name");
        lua_pushstring(L, severity_name(h->severity)); lua_setfield(L, -2, "severity");
        lua_pushstring(L, h->description); lua_setfield(L, -2, "description");
        lua_rawseti(L, t, i + 1);
    }
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    for (int i = 0; i < r->n; i++) {
        const struct hunt *h = &r->hunts[i];
        char line[400];
        snprintf(line, sizeof line, "%s%-16s %-7s %s", i ? "\n" : "", h->name, severity_name(h->severity), h->description);
        luaL_addstring(&b, line);
    }
    luaL_pushresult(&b);
    set_text_tostring(L, t);
    return 1;
}

static void set_str(lua_State *L, const char *k, const char *v)
{
    if (!v) return;
    lua_pushstring(L, v);
    lua_setfield(L, -2, k);
}

static void set_int(lua_State *L, const char *k, lua_Integer v)
{
    lua_pushinteger(L, v);
    lua_setfield(L, -2, k);
}

/* Pushes one finding group as a table with the JSON output's keys. */
static void push_group(lua_State *L, const struct hunt_run *r, const struct finding_group *g)
{
    const struct finding *f = &g->first;
    lua_createtable(L, 0, 16);
    set_str(L, "hunt", r->hunts[f->hunt].name);
    set_str(L, "severity", severity_name(f->severity));
    set_str(L, "key", f->key);
    set_str(L, "msg", f->msg);
    set_int(L, "count", (lua_Integer)g->count);
    if (g->first_frame) {
        set_int(L, "first_frame", (lua_Integer)g->first_frame);
        set_int(L, "last_frame", (lua_Integer)g->last_frame);
        lua_pushnumber(L, g->first_time); lua_setfield(L, -2, "first_time");
        lua_pushnumber(L, g->last_time); lua_setfield(L, -2, "last_time");
    }
    set_str(L, "src", f->src);
    set_str(L, "dst", f->dst);
    if (f->sport >= 0) set_int(L, "sport", f->sport);
    if (f->dport >= 0) set_int(L, "dport", f->dport);
    set_str(L, "community_id", f->community_id);
    set_str(L, "reset_code", f->reset_code);
    set_str(L, "example", f->summary);
}

/* Starts a fresh run: empty flow/host and finding tables, no hunt disabled. */
static void hunt_reset(struct hunt_run *r)
{
    flow_table_free(&r->flows);
    memset(&r->flows, 0, sizeof r->flows);
    findings_free(&r->findings);
    findings_init(&r->findings);
    r->packets = 0;
    r->sink = NULL;
    for (int i = 0; i < r->n; i++) r->hunts[i].disabled = false;
}

/* hunt("name" [, options]): runs one loaded hunt over every capture from its start, with fresh
 * flow and finding tables; returns the finding groups, a list that prints as the human report. */
static int run_named(lua_State *L)
{
    struct hunt_run *r = hunt_state(L);
    struct session *s = session_get(L);
    const char *name = luaL_checkstring(L, 1);
    if (!lua_isnoneornil(L, 2)) luaL_checktype(L, 2, LUA_TTABLE);
    hunt_ensure_loaded(L);
    int i = 0;
    while (i < r->n && strcmp(r->hunts[i].name, name) != 0) i++;
    if (i == r->n) return luaL_error(L, "hunt: no hunt named '%s' (hunt() lists them)", name);
    if (!lua_isnoneornil(L, 2)) {   /* options for this run and the next ones, as --set does */
        lua_rawgeti(L, LUA_REGISTRYINDEX, r->hunts[i].ref);
        lua_getfield(L, -1, "options");
        for (lua_pushnil(L); lua_next(L, 2); lua_pop(L, 1)) {
            lua_pushvalue(L, -2);
            if (lua_rawget(L, -4) == LUA_TNIL)   /* the rule --set follows: only options the hunt has */
                return luaL_error(L, "hunt %s has no option '%s'", name, luaL_tolstring(L, -3, NULL));
            lua_pop(L, 1);
            lua_pushvalue(L, -2);
            lua_pushvalue(L, -2);
            lua_rawset(L, -5);
        }
        lua_pop(L, 2);
    }
    for (int k = 0; k < r->n; k++) r->hunts[k].selected = k == i;
    hunt_reset(r);
    hunt_run(L);
    if (s->interrupted) return luaL_error(L, "interrupted");
    lua_createtable(L, (int)r->findings.n, 0);
    int t = lua_gettop(L);
    for (size_t k = 0; k < r->findings.n; k++) {
        push_group(L, r, &r->findings.groups[k]);
        lua_rawseti(L, t, (lua_Integer)k + 1);
    }
    char *text = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&text, &len);
    if (!mem) return luaL_error(L, "hunt: out of memory");
    if (report_groups(mem, r, false) == 0)
        fprintf(mem, "hunt %s: nothing found in %llu packets\n", name, (unsigned long long)r->packets);
    fclose(mem);
    lua_pushlstring(L, text, len && text[len - 1] == '\n' ? len - 1 : len);
    free(text);
    set_text_tostring(L, t);
    return 1;
}
