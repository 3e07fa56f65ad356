/* The headless runner: one Lua state per run, everything inside one lua_pcall
 * of pmain (as lua.c does), captures opened before any script runs, errors
 * printed as one "pcaphunt: ..." line (a traceback with -v). */
#include "runner.h"
#include "split.h"
#include "interrupt.h"
#include "print.h"
#include "progress.h"
#include "repl.h"
#include "lua/capture.h"
#include "lua/help.h"
#include "lua/hunt.h"
#include "lua/huntenv.h"
#include "lua/packet.h"
#include "lua/report.h"
#include "lua/fields.h"
#include "lua/pcaphunt.h"
#include "lua/session.h"
#include "core/escape.h"

#include <lauxlib.h>
#include <lualib.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Calls the function below nargs arguments; prints an error as one line. Returns LUA_OK or not. */
int runner_docall(lua_State *L, int nargs, int nres)
{
    int base = lua_gettop(L) - nargs;
    lua_pushcfunction(L, session_msghandler);
    lua_insert(L, base);
    int status = lua_pcall(L, nargs, nres, base);
    lua_remove(L, base);
    return status;
}

static int report(lua_State *L, int status)
{
    if (status != LUA_OK) {
        size_t len = 0;
        const char *msg = lua_tolstring(L, -1, &len);
        struct session *s = session_get(L);
        fflush(stdout);
        fputs("pcaphunt: ", stderr);   /* the message may hold packet bytes: escaped, one line unless -v */
        if (msg) escape_fwrite(stderr, msg, len, s && s->verbose ? ESC_TERMINAL : ESC_LINE);
        else fputs("(error object is not a string)", stderr);
        fputc('\n', stderr);
        fflush(stderr);
        lua_pop(L, 1);
        if (s) s->status = 2;
    }
    return status;
}

/* runner_docall for a -e chunk or the script: inside the limits when --script-steps or
 * --script-memory was given. */
static int limited_docall(lua_State *L, int nargs)
{
    struct session *s = session_get(L);
    if (!s->script_limits) return runner_docall(L, nargs, 0);
    struct session_limits_saved saved = session_limits_enter(L, s);
    int status = runner_docall(L, nargs, 0);
    int hit = session_limits_leave(L, s, saved);
    if (status != LUA_OK && hit == LIMIT_MEMORY && !s->interrupted) {
        char msg[96];
        lua_pop(L, 1);
        lua_pushstring(L, session_limit_message(s, hit, msg, sizeof msg));
    }
    return status;
}

static int run_chunk(lua_State *L, const char *chunk, const char *name)
{
    int status = luaL_loadbuffer(L, chunk, strlen(chunk), name);
    if (status == LUA_OK) status = limited_docall(L, 0);
    return report(L, status);
}

/* Builds `arg` as lua.c does: arg[0] the script, arg[1..] its arguments. */
static void set_arg_table(lua_State *L, struct options *o)
{
    lua_createtable(L, o->script_argc, o->script_at + 1);
    for (int i = -o->script_at; i < o->script_argc; i++) {   /* as lua: the program and its options below 0 */
        lua_pushstring(L, o->script_argv[i]);
        lua_rawseti(L, -2, i);
    }
    lua_setglobal(L, "arg");
}

/* -Z: the interface opens before the hunt files load (they are read as the user -Z names).  When
 * only the bundled hunts can run (no --hunt-file, PCAPHUNT_PATH, -e or script), --hunt's names are
 * checked against them first.  False after saying which name is wrong. */
static bool bundled_names_known(const struct options *o)
{
    if (!o->hunt_run || !o->hunts || o->nhunt_files || o->nchunks || o->script || o->shell || getenv("PCAPHUNT_PATH"))
        return true;
    const char *names[128];
    int n = 0;
    for (const struct embedded_script *e = embedded_scripts; e->name && n < 127; e++)
        if (strcmp(e->name, "prelude") != 0) names[n++] = e->name;
    names[n] = NULL;
    char *buf = strdup(o->hunts);
    if (!buf) return true;   /* checked later, as without -Z */
    bool ok = true;
    for (char *save = NULL, *t = strtok_r(buf, ",", &save); ok && t; t = strtok_r(NULL, ",", &save)) {
        if (strcmp(t, "all") == 0) continue;
        int i = 0;
        while (names[i] && strcmp(names[i], t) != 0) i++;
        if (names[i]) continue;
        char near[160];
        escape_warn("unknown hunt '%s'%s", t, name_suggest_phrase(t, names, " (see --list-hunts)", near, sizeof near));
        ok = false;
    }
    free(buf);
    return ok;
}

/* A script or -e chunk that defined hunts and ran none (a hunt file given as the script, most
 * likely): one note, so that an empty result is not read as a clean capture. */
static void note_unrun_hunts(const struct hunt_run *r, const struct options *o)
{
    char names[512] = "";
    size_t len = 0;
    const char *one = NULL;
    for (int i = 0; i < r->n; i++) {
        if (r->hunts[i].code_hash || r->hunts[i].file_id) continue;   /* a hunt file's, not this code's */
        if (!one) one = r->hunts[i].name;
        int k = snprintf(names + len, sizeof names - len, "%s%s", len ? "," : "", r->hunts[i].name);
        if (k < 0 || (size_t)k >= sizeof names - len) break;
        len += (size_t)k;
    }
    if (!one) return;
    if (!len) snprintf(names, sizeof names, "%.200s...", one);   /* a name too long for the list */
    if (o->script && strcmp(o->script, "-") != 0)
        escape_warn("note: %s defined hunts and ran none (--hunt-file %s --hunt %s runs them)", o->script, o->script, names);
    else
        escape_warn("note: %s defined hunts and ran none (hunt(\"%s\") runs one)", o->script ? "the script" : "-e", one);
}

static int run_script(lua_State *L, struct options *o)
{
    const char *fname = strcmp(o->script, "-") == 0 ? NULL : o->script;
    int status = luaL_loadfilex(L, fname, "t");
    if (status == LUA_OK) {
        int n = o->script_argc - 1;
        luaL_checkstack(L, n + 3, "too many arguments to script");
        for (int i = 1; i <= n; i++) lua_pushstring(L, o->script_argv[i]);
        status = limited_docall(L, n);
    }
    return report(L, status);
}

static int load_embedded(lua_State *L, const char *name)
{
    const struct embedded_script *e = embedded_find(name);
    if (!e) return luaL_error(L, "missing embedded script %s", name);
    if (embedded_load(L, e) != LUA_OK) return lua_error(L);
    lua_call(L, strcmp(name, "prelude") == 0 ? huntenv_prelude_args(L) : 0, 0);
    return 0;
}

/* -i: the live capture is the session's one capture, its filter in the kernel; then root is
 * dropped (-Z), and -w with hunts keeps every packet read.  False after printing why not. */
static bool open_live(lua_State *L, struct options *o)
{
    char err[600];
    struct live_options lo = {.snaplen = o->snaplen, .promisc = !o->no_promisc, .duration = o->duration};
    lua_createtable(L, 1, 0);
    struct lcapture *c = lcapture_open_live(L, o->iface, &lo, o->bpf, err, sizeof err);
    if (!c) {
        escape_warn("%s: %s", o->iface, err);
        return false;
    }
    if (o->drop_user && live_drop_privileges(o->drop_user, err, sizeof err) != 0) {
        escape_warn("%s", err);
        return false;
    }
    if (o->write && o->hunt_run) lcapture_tee(L, -1, o->write);   /* opened as -Z's user, as tcpdump */
    lua_rawseti(L, -2, 1);
    lcaptures_set(L, -1);
    lua_pop(L, 1);
    if (!o->quiet) {
        const char *name = pcap_datalink_val_to_name(c->cap.linktype);
        const char *desc = pcap_datalink_val_to_description(c->cap.linktype);
        escape_warn("listening on %s, link-type %s (%s), snapshot length %d bytes", c->cap.path,   /* -i 3: its name */
                    name ? name : "?", desc ? desc : "?", c->cap.snaplen);
        fflush(stderr);
    }
    return true;
}

/* Opens every -r capture into the session's capture list; false after printing why not.  Among
 * several, one that cannot be opened (missing, empty, not a capture, a damaged header) stops alone,
 * as a file damaged further on does: one line, the others are read, status 2. */
static bool open_captures(lua_State *L, struct options *o)
{
    char err[600];
    if (o->iface) return open_live(L, o);
    int stdin_uses = (o->script && strcmp(o->script, "-") == 0) ? 1 : 0;
    int opened = 0;
    lua_createtable(L, o->nreads, 0);
    for (int i = 0; i < o->nreads; i++) {
        if (strcmp(o->reads[i], "-") == 0 && ++stdin_uses > 1) {
            escape_warn("standard input can feed only one of -r - and the script -");
            return false;
        }
        struct lcapture *c = lcapture_open(L, o->reads[i], o->bpf, err, sizeof err);
        if (!c) {
            escape_warn("%s: %s", o->reads[i], err);
            if (o->nreads == 1) return false;
            struct session *s = session_get(L);
            s->status = 2;
            size_t n = strlen(o->reads[i]) + strlen(err) + 3;
            char *line = s->nunopened < (int)(sizeof s->unopened / sizeof s->unopened[0]) ? malloc(n) : NULL;
            if (line) { snprintf(line, n, "%s: %s", o->reads[i], err); s->unopened[s->nunopened++] = line; }
            continue;
        }
        /* -w after a hunt run reads the cited frames again: standard input is kept for that */
        if (o->write && !o->write_only && capture_spool(&c->cap) != 0) {
            escape_warn("%s: %s", capture_name(&c->cap), c->cap.error);
            return false;
        }
        if (o->bpf) {   /* a bad trailing filter is an error before anything runs */
            struct bpf_program prog;
            if (capture_compile(&c->cap, o->bpf, &prog) != 0) {
                escape_warn("%s", c->cap.error);
                return false;
            }
            pcap_freecode(&prog);
        }
        lua_rawseti(L, -2, ++opened);
    }
    if (!opened && o->nreads > 0) {
        escape_warn("no capture could be read");
        return false;
    }
    lcaptures_set(L, -1);
    lua_pop(L, 1);
    return true;
}

/* Pushes a list of the *.lua files of every $PCAPHUNT_PATH directory, in order (C memory is
 * freed before any of them is loaded, so a raising hunt file leaks nothing). */
static void push_path_files(lua_State *L)
{
    lua_newtable(L);
    const char *path = getenv("PCAPHUNT_PATH");
    if (!path || !*path) return;
    char *dirs = strdup(path);
    if (!dirs) luaL_error(L, "out of memory");
    for (char *save = NULL, *d = strtok_r(dirs, ":", &save); d; d = strtok_r(NULL, ":", &save)) {
        struct dirent **names;
        int n = scandir(d, &names, NULL, alphasort);
        for (int k = 0; k < n; k++) {
            size_t len = strlen(names[k]->d_name);
            if (len > 4 && strcmp(names[k]->d_name + len - 4, ".lua") == 0) {
                lua_pushfstring(L, "%s/%s", d, names[k]->d_name);   /* raises only when out of memory */
                lua_rawseti(L, -2, (lua_Integer)lua_rawlen(L, -2) + 1);
            }
            free(names[k]);
        }
        if (n >= 0) free(names);
    }
    free(dirs);
}

/* Loads bundled hunts, then $PCAPHUNT_PATH directories, then --hunt-file files. */
static int load_hunts(lua_State *L)
{
    struct options *o = lua_touserdata(L, 1);
    for (const struct embedded_script *e = embedded_scripts; e->name; e++) {
        if (strcmp(e->name, "prelude") == 0) continue;
        hunt_load_embedded(L, e);
    }
    push_path_files(L);
    for (lua_Integer i = 1; i <= (lua_Integer)lua_rawlen(L, -1); i++) {
        lua_rawgeti(L, -1, i);
        hunt_load_file(L, lua_tostring(L, -1), false);
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
    for (int i = 0; i < o->nhunt_files; i++) hunt_load_file(L, o->hunt_files[i], true);
    return 0;
}

static void list_hunts(lua_State *L, bool verbose)
{
    hunt_print_list(L, stdout, verbose);
}

#define NANOSECONDS_CUT "-w %s: %llu frames with nanosecond time stamps written to the microsecond (written as it goes, not to a regular file, the pcap began at microseconds)"
#define OUT_OF_TIME_LEFT_OUT "-w %s: %llu frames dated before 1970 or past 2106 left out (written as it goes, not to a regular file, a pcap's time stamps hold 1970 to 2106)"
#define OTHER_LINKTYPE_LEFT_OUT "-w %s: %llu frames of other link types left out (written as it goes, not to a regular file, a pcap holds one link type, here %d)"

/* True when (capture, frame) is one a finding cited (the list is sorted). */
static bool is_cited(const struct findings *fs, int capture, uint64_t frame)
{
    size_t lo = 0, hi = fs->ncited;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const struct cited *x = &fs->cited[mid];
        if (x->capture == capture && x->frame == frame) return true;
        if (x->capture < capture || (x->capture == capture && x->frame < frame)) lo = mid + 1;
        else hi = mid;
    }
    return false;
}

/* Ends a -w file: complete and renamed to its name, or (interrupted) removed, with one line saying so. */
static void finish_write(lua_State *L, struct capture_writer *w, const char *path)
{
    struct session *s = session_get(L);
    if (s->interrupted) {
        writer_abort(w);
        session_warn(L, "-w %s: not written (interrupted)", path);
        return;
    }
    if (w->skipped) session_warn(L, OTHER_LINKTYPE_LEFT_OUT, path, (unsigned long long)w->skipped, w->linktype);
    if (w->coarsened) session_warn(L, NANOSECONDS_CUT, path, (unsigned long long)w->coarsened);
    if (w->out_of_time) session_warn(L, OUT_OF_TIME_LEFT_OUT, path, (unsigned long long)w->out_of_time);
    if (writer_close(w) != 0) session_warn(L, "-w %s: write failed: %s", path, w->error);
}

/* Writes every frame a finding cited, once, in the order the run read them (a second pass over
 * the captures, merged by time as the run read them); frames of several link types make a pcapng
 * file (core/writer.c).  No frame cited: an empty capture of the first one's link type, no second pass. */
static void write_evidence(lua_State *L, const char *path)
{
    struct session *s = session_get(L);
    struct hunt_run *r = hunt_state(L);
    struct capture_writer *w = lwriter_guard(L);   /* Lua owns it: an error unwinding past removes the temporary file */
    char err[PCAP_ERRBUF_SIZE + 64];
    findings_sort_cited(&r->findings);
    bool none = r->findings.ncited == 0;   /* an empty file all the same: never an earlier run's evidence left in place */
    lcaptures_push(L);
    int caps = lua_gettop(L);
    int n = (int)lua_rawlen(L, caps);
    struct capture **parts = lua_newuserdatauv(L, (size_t)n * sizeof *parts + 1, 0);   /* the collector's */
    bool *owned = lua_newuserdatauv(L, (size_t)n * sizeof *owned + 1, 0);
    memset(owned, 0, (size_t)n * sizeof *owned);
    for (int i = 0; i < n; i++) {
        lua_rawgeti(L, caps, i + 1);
        struct lcapture *c = lcapture_check(L, -1);
        lua_pop(L, 1);
        parts[i] = &c->cap;
        if (!none && capture_rewind(&c->cap) != 0) {
            session_warn(L, "-w %s: %s: %s", path, capture_name(&c->cap), c->cap.error);
            lua_settop(L, caps - 1);
            return;
        }
    }
    struct capture m;
    if (capture_open_merge(&m, parts, owned, n) != 0) { session_warn(L, "-w %s: %s", path, m.error); lua_settop(L, caps - 1); return; }
    if (writer_open(w, path, m.linktype, m.snaplen, m.nano, err, sizeof err) != 0) {
        session_warn(L, "-w %s: %s", path, err);
        capture_close(&m);
        lua_settop(L, caps - 1);
        return;
    }
    struct frame f;
    bool failed = false;
    while (!none && !s->interrupted && capture_next(&m, &f) == 1) {
        if (!is_cited(&r->findings, n > 1 ? f.source : 1, f.number)) continue;
        if (writer_write(w, &f.hdr, f.nano, f.linktype, f.bytes) < 0) {
            session_warn(L, "-w %s: write failed: %s", path, w->error);
            failed = true;
            break;
        }
    }
    capture_close(&m);
    lua_settop(L, caps - 1);
    if (failed) writer_abort(w);
    else finish_write(L, w, path);
}

/* One -q line; a line several groups in a row share is said once, with their number. */
static void put_headline(const char *line, size_t len, unsigned times)
{
    if (!line) return;
    fwrite(line, 1, len, stdout);
    if (times > 1) printf(" (%u groups: their details tell them apart)", times);
    putchar('\n');
}

/* -q: the group report without its indented detail lines (counts, frames, examples). */
static void report_headlines(struct hunt_run *r)
{
    char *text = NULL;
    size_t n = 0;
    FILE *mem = open_memstream(&text, &n);
    if (!mem) { report_groups(stdout, r, false); return; }
    report_groups(mem, r, false);
    fclose(mem);
    const char *prev = NULL;   /* the last line kept and how many times in a row: groups that differ */
    size_t prev_len = 0;       /* only in their detail lines (a host pair) show as one line and a count */
    unsigned times = 0;
    for (char *line = text, *end; line && *line; line = end ? end + 1 : NULL) {
        end = strchr(line, '\n');
        size_t len = end ? (size_t)(end - line) : strlen(line);
        if (line[0] == ' ' && strncmp(line, "  [", 3) != 0) continue;   /* detail lines; incidents' members stay */
        if (prev && len == prev_len && memcmp(line, prev, len) == 0) { times++; continue; }
        put_headline(prev, prev_len, times);
        prev = line;
        prev_len = len;
        times = 1;
    }
    put_headline(prev, prev_len, times);
    free(text);
}

/* --hunt and --set: false after saying which name or option is wrong. */
static bool select_hunts(lua_State *L, struct options *o)
{
    bool ok = hunt_select(L, o->hunts ? o->hunts : "all");
    for (int i = 0; ok && i < o->nsets; i++) ok = hunt_set_option(L, o->sets[i]);
    struct hunt_run *r = hunt_state(L);
    for (int i = 0; ok && i < o->nsets; i++) {   /* an option of a hunt --hunt left out would be ignored: said */
        size_t len = strcspn(o->sets[i], ".");
        for (int j = 0; j < r->n; j++)
            if (strlen(r->hunts[j].name) == len && strncmp(r->hunts[j].name, o->sets[i], len) == 0 && !r->hunts[j].selected) {
                lua_pushfstring(L, "--set %s: hunt %s does not run (--hunt %s): add it to --hunt or leave the --set out", o->sets[i],
                                r->hunts[j].name, o->hunts ? o->hunts : "all");
                ok = false;
                break;
            }
    }
    if (!ok) {
        session_warn(L, "%s", lua_tostring(L, -1));
        lua_pop(L, 1);
    }
    return ok;
}

/* The hunt run: select, set options, run, report; exit status 1 when something was found. */
static void run_hunts(lua_State *L, struct options *o)
{
    struct session *s = session_get(L);
    struct hunt_run *r = hunt_state(L);
    static struct split split;   /* its part ids stay where the signal handler reads them */
    r->min_severity = o->min_severity;   /* the report's: a merge's too */
    if (o->nmerges) {
        if (!split_merge_start(L, &split, o->merges, o->nmerges)) return;
    } else if (!select_hunts(L, o)) return;
    /* what decides the frames a part reads (every part of a run must have the same): whole, however long the
       filter (a buffer cut it, and two filters alike in their first 4000 bytes read as one) */
    const char *run = lua_pushfstring(L, "filter %s; count %I; flow-memory %I", o->bpf ? o->bpf : "", (lua_Integer)o->count,
                                      (lua_Integer)(o->flow_memory_mib ? o->flow_memory_mib : (long)(FLOW_MEMORY_DEFAULT >> 20)));
    if (o->state_out) {
        s->read_ended = 0;
        s->read_end_armed = 1;
        s->print_stderr = strcmp(o->state_out, "-") == 0;   /* standard output holds the state alone */
        int status = split_state_out(L, o->state_out, run, o->part ? o->part : 1, o->parts ? o->parts : 1);
        s->print_stderr = false;
        s->read_end_armed = 0;
        if (status > s->status) s->status = status;
        return;
    }
    static struct report_stream stream;
    stream.format = (enum report_format)o->format;
    stream.quiet = o->quiet;
    if (o->all_findings) { r->sink = report_finding; r->sink_ctx = &stream; }
    s->print_stderr = o->json;   /* a hunt's print() leaves standard output to the JSON */
    s->read_ended = 0;
    s->read_end_armed = !o->shell && !o->iface;   /* live: the first Ctrl-C ends the capture already */
    if (o->jobs > 1 && !split_jobs_start(L, &split, run, o->jobs)) {
        s->read_end_armed = 0;
        return;
    }
    if (o->jobs > 1 || o->nmerges) {   /* the parts are reaped however the run ends */
        lua_pushcfunction(L, hunt_run_cfunction);
        int rc = lua_pcall(L, 0, 0, 0);
        split_end(L, &split);
        if (rc != LUA_OK) lua_error(L);
    } else hunt_run(L);
    s->read_end_armed = 0;
    s->print_stderr = false;
    if (!o->all_findings && o->quiet && !o->json) report_headlines(r);
    else if (!o->all_findings) report_groups(stdout, r, (enum report_format)o->format);
    else report_flow_note(stdout, r, (enum report_format)o->format);
    if (s->read_ended)
        session_warn(L, "interrupted: the report covers the %llu frame%s read before %s", (unsigned long long)r->packets,
                     r->packets == 1 ? "" : "s", s->read_ended == SIGTERM ? "SIGTERM" : s->read_ended == SIGHUP ? "SIGHUP" : "Ctrl-C");
    if (o->write && !o->iface) write_evidence(L, o->write);   /* live: the tee wrote every packet */
    if (r->findings.n && s->status < 1) s->status = 1;
    r->min_severity = SEV_INFO;   /* the command line's run only: hunt() in the shell after it reports everything */
}

static int ensure_hunts_loaded(lua_State *L);

/* --set without a hunt run: the names are checked once the chunks and script (which may define
 * hunts) have run; the values reached every hunt("name") run already. */
static void check_sets(lua_State *L, struct options *o)
{
    lua_pushcfunction(L, ensure_hunts_loaded);
    if (report(L, runner_docall(L, 0, 0)) != LUA_OK) return;
    for (int i = 0; i < o->nsets; i++)
        if (!hunt_set_option(L, o->sets[i])) { session_warn(L, "%s", lua_tostring(L, -1)); lua_pop(L, 1); return; }
}

/* -w without hunts or script: the packets that pass the filter (at most -c of them), as
 * tcpdump -r IN -w OUT does, several captures merged by time as mergecap does: classic pcap with the
 * first capture's link type, pcapng once frames of another come (core/writer.c).  Raises on an
 * interrupt, the file not written. */
static void write_packets(lua_State *L, const char *path)
{
    struct session *s = session_get(L);
    struct capture_writer *w = lwriter_guard(L);   /* Lua owns it: an error unwinding past removes the temporary file */
    char err[PCAP_ERRBUF_SIZE + 64];
    lcaptures_push(L);
    struct lcursor *c = lcursor_push_all(L, -1);
    if (writer_open(w, path, c->stream->linktype, c->stream->snaplen, c->stream->nano, err, sizeof err) != 0) {
        session_warn(L, "-w %s: %s", path, err);
        lcursor_close(c);
        lua_pop(L, 2);
        return;
    }
    w->flush_each = c->stream->live;   /* -i ... -w -: each frame out as it comes */
    int rc;
    bool failed = false;
    while ((rc = engine_step(&c->e, c->stream, c->source)) == 1)
        if (c->got) {
            c->got = false;
            if (writer_write(w, &c->e.frame.hdr, c->e.frame.nano, c->e.frame.linktype, c->e.frame.bytes) < 0) {
                session_warn(L, "-w %s: write failed: %s", path, w->error);
                failed = true;
                break;
            }
        }
    if (rc == -1 && !s->interrupted) session_warn_damaged(L, c->stream);
    lcursor_close(c);
    lua_pop(L, 2);
    if (failed) writer_abort(w);
    else finish_write(L, w, path);
    if (s->interrupted) luaL_error(L, "interrupted");
}

static int ensure_hunts_loaded(lua_State *L)
{
    hunt_ensure_loaded(L);
    return 0;
}

static bool uses_stdin(const struct options *o)
{
    for (int i = 0; i < o->nreads; i++)
        if (strcmp(o->reads[i], "-") == 0) return true;
    return false;
}

static int pmain(lua_State *L)
{
    struct options *o = lua_touserdata(L, 1);
    struct session *s = session_get(L);
    luaL_openlibs(L);
    luaL_requiref(L, "pcaphunt", luaopen_pcaphunt, 1);
    lua_pop(L, 1);
    session_open_limits(L, s);
    /* a live hunt run: the hunts are loaded and chosen before the interface is opened, so a wrong
     * --hunt or --set is said before "listening on" (no chunk or script can define hunts there).
     * Not with -Z: hunt files run only once root is dropped, after the device is opened. */
    bool live_hunts = o->iface && o->hunt_run && !o->nchunks && !o->script && !o->shell && !o->drop_user;
    if (o->iface && o->drop_user && !bundled_names_known(o)) {   /* -Z opens first: a wrong name is told before */
        s->status = 2;
        return 0;
    }
    if (!live_hunts && !open_captures(L, o)) {
        s->status = 2;
        return 0;
    }
    load_embedded(L, "prelude");
    hunt_open(L);
    help_open(L);
    if (s->sandbox) session_sandbox(L);
    s->load_hunts = load_hunts;
    s->load_hunts_ctx = o;
    s->flow_memory = (size_t)o->flow_memory_mib << 20;
    s->sets = o->sets;
    s->nsets = o->nsets;
    static struct progress progress;
    progress_init(&progress);
    if (o->quiet || o->iface) progress.on = false;   /* live: findings stream on the terminal */
    s->packet_limit = o->count;
    s->progress = progress_update;
    s->progress_ctx = &progress;
    bool shell = o->shell;   /* the mode: options_resolve() in cli/main.c */
    bool hunting = o->hunt_run || o->list_hunts || o->nhunt_files;
    if (shell && o->nreads > 0 && uses_stdin(o)) {
        fprintf(stderr, "pcaphunt: the shell reads standard input: it cannot also be the capture (-r -)\n");
        s->status = 2;
        return 0;
    }
    if (hunting || shell) {   /* the shell loads them up front: completion must never run hunt files */
        s->print_stderr = (o->json || (o->state_out && strcmp(o->state_out, "-") == 0)) && o->hunt_run;   /* a hunt's
                                                       print() leaves standard output to the JSON or the state */
        lua_pushcfunction(L, ensure_hunts_loaded);
        int rc = report(L, runner_docall(L, 0, 0));
        s->print_stderr = false;
        if (rc != LUA_OK && !shell) return 0;   /* a broken hunt file still leaves the shell */
    }
    if (o->list_hunts) { list_hunts(L, o->verbose); return 0; }
    if (live_hunts) {
        if (!select_hunts(L, o)) return 0;
        if (!open_captures(L, o)) {
            s->status = 2;
            return 0;
        }
    }
    bool hunt_now = o->hunt_run;
    bool summaries = o->summaries;
    if ((hunt_now || summaries || o->write_only) && o->nreads == 0 && !o->iface && !o->nmerges) {   /* before anything runs */
        fprintf(stderr, o->hunts ? "pcaphunt: --hunt needs a capture: give -r FILE or -i IFACE\n"
                        : o->json ? "pcaphunt: --json needs a capture: give -r FILE or -i IFACE\n"
                        : o->write ? "pcaphunt: -w needs a capture: give -r FILE or -i IFACE\n"
                        : o->count ? "pcaphunt: -c needs a capture: give -r FILE or -i IFACE\n"
                                 : "pcaphunt: nothing to do: give -r FILE, -i IFACE, -e LUA or a script (pcaphunt -h)\n");
        s->status = 2;
        return 0;
    }
    if (o->script) set_arg_table(L, o);
    struct hunt_run *hr = hunt_state(L);
    uint64_t defined = hr->defined, runs = hr->run_id;
    for (int i = 0; i < o->nchunks; i++)
        if (run_chunk(L, o->chunks[i], "=(command line)") != LUA_OK) return 0;
    if (o->script && run_script(L, o) != LUA_OK) return 0;
    if (!shell && !hunt_now && hr->defined != defined && hr->run_id == runs) note_unrun_hunts(hr, o);
    if (hunt_now) run_hunts(L, o);
    else if (o->nsets) check_sets(L, o);
    else if (o->write_only) write_packets(L, o->write);
    else if (summaries) print_packets(L, o);
    if (shell) {
        lua_settop(L, 0);
        hr->min_severity = SEV_INFO;   /* --min-severity was the command line's run's, however it ended */
        s->status = repl_run(L);
    }
    return 0;
}

/* After a live run: the -w copy closed (a valid file however the run ended) and libpcap's
 * statistics on stderr, as tcpdump prints them. */
static int end_live(lua_State *L)
{
    struct options *o = lua_touserdata(L, 1);
    lcaptures_push(L);
    for (lua_Integer i = 1; i <= (lua_Integer)lua_rawlen(L, -1); i++) {
        lua_rawgeti(L, -1, i);
        struct lcapture *c = lcapture_check(L, -1);
        if (c->live && lcapture_tee_close(L, -1) != 0) session_warn(L, "%s: write failed", o->write);
        char stats[256];
        if (c->live && c->open && live_stats(&c->cap, stats, sizeof stats) == 0) {
            fflush(stdout);
            escape_warn("%s: %s", capture_name(&c->cap), stats);
        }
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
    return 0;
}

int runner_main(struct options *o)
{
    struct session s;
    memset(&s, 0, sizeof s);
    reset_table_init(&s.resets);
    s.verbose = o->verbose;
    s.step_limit = o->script_steps ? o->script_steps : SESSION_DEFAULT_STEPS;
    s.memory_limit = (size_t)(o->script_memory_mib ? o->script_memory_mib : SESSION_DEFAULT_MEMORY_MIB) << 20;
    s.script_limits = o->script_steps || o->script_memory_mib;
    s.sandbox = o->sandbox;
    lua_State *L = luaL_newstate();
    if (!L) {
        fprintf(stderr, "pcaphunt: cannot create the Lua state: out of memory\n");
        return 2;
    }
    packet_tune_state(L);
    session_attach(L, &s);
    interrupt_install(&s, o->shell, o->iface != NULL);
    lua_pushcfunction(L, pmain);
    lua_pushlightuserdata(L, o);
    report(L, runner_docall(L, 1, 0));
    interrupt_remove();
    if (o->iface) {   /* however the run ended: -w closed, libpcap's counts */
        lua_pushcfunction(L, end_live);
        lua_pushlightuserdata(L, o);
        report(L, runner_docall(L, 1, 0));
    }
    fflush(stdout);
    lua_close(L);
    reset_table_free(&s.resets);
    for (int i = 0; i < s.nunopened; i++) free(s.unopened[i]);
    return s.status;
}
