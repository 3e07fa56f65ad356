/* The headless runner: one Lua state per run, everything inside one lua_pcall
 * of pmain (as lua.c does), captures opened before any script runs, errors
 * printed as one "pcaphunt: ..." line (a traceback with -v). */
#include "runner.h"
#include "interrupt.h"
#include "lua/capture.h"
#include "lua/pcaphunt.h"
#include "lua/session.h"

#include <lauxlib.h>
#include <lualib.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* Message handler: keeps error objects as strings, adds a traceback with -v. */
static int msghandler(lua_State *L)
{
    const char *msg = lua_tostring(L, 1);
    if (!msg) {
        if (luaL_callmeta(L, 1, "__tostring") && lua_type(L, -1) == LUA_TSTRING) return 1;
        msg = lua_pushfstring(L, "(error object is a %s value)", luaL_typename(L, 1));
    }
    struct session *s = session_get(L);
    if (s && s->verbose) luaL_traceback(L, L, msg, 1);
    return 1;
}

/* Calls the function below nargs arguments; prints an error as one line. Returns LUA_OK or not. */
static int docall(lua_State *L, int nargs, int nres)
{
    int base = lua_gettop(L) - nargs;
    lua_pushcfunction(L, msghandler);
    lua_insert(L, base);
    int status = lua_pcall(L, nargs, nres, base);
    lua_remove(L, base);
    return status;
}

static int report(lua_State *L, int status)
{
    if (status != LUA_OK) {
        const char *msg = lua_tostring(L, -1);
        fflush(stdout);
        fprintf(stderr, "pcaphunt: %s\n", msg ? msg : "(error object is not a string)");
        fflush(stderr);
        lua_pop(L, 1);
        struct session *s = session_get(L);
        if (s) s->status = 2;
    }
    return status;
}

static int run_chunk(lua_State *L, const char *chunk, const char *name)
{
    int status = luaL_loadbuffer(L, chunk, strlen(chunk), name);
    if (status == LUA_OK) status = docall(L, 0, 0);
    return report(L, status);
}

/* Builds `arg` as lua.c does: arg[0] the script, arg[1..] its arguments. */
static void set_arg_table(lua_State *L, struct options *o)
{
    lua_createtable(L, o->script_argc, 1);
    for (int i = 0; i < o->script_argc; i++) {
        lua_pushstring(L, o->script_argv[i]);
        lua_rawseti(L, -2, i);
    }
    lua_setglobal(L, "arg");
}

static int run_script(lua_State *L, struct options *o)
{
    const char *fname = strcmp(o->script, "-") == 0 ? NULL : o->script;
    int status = luaL_loadfilex(L, fname, "t");
    if (status == LUA_OK) {
        int n = o->script_argc - 1;
        luaL_checkstack(L, n + 3, "too many arguments to script");
        for (int i = 1; i <= n; i++) lua_pushstring(L, o->script_argv[i]);
        status = docall(L, n, 0);
    }
    return report(L, status);
}

static int load_embedded(lua_State *L, const char *name)
{
    const struct embedded_script *e = embedded_find(name);
    if (!e) return luaL_error(L, "missing embedded script %s", name);
    char chunkname[64];
    snprintf(chunkname, sizeof chunkname, "=%s.lua", name);
    if (luaL_loadbuffer(L, e->text, e->len, chunkname) != LUA_OK) return lua_error(L);
    lua_call(L, 0, 0);
    return 0;
}

/* Opens every -r capture into the global `captures`; false after printing why not. */
static bool open_captures(lua_State *L, struct options *o)
{
    char err[600];
    int stdin_uses = (o->script && strcmp(o->script, "-") == 0) ? 1 : 0;
    lua_createtable(L, o->nreads, 0);
    for (int i = 0; i < o->nreads; i++) {
        if (strcmp(o->reads[i], "-") == 0 && ++stdin_uses > 1) {
            fprintf(stderr, "pcaphunt: standard input can feed only one of -r - and the script -\n");
            return false;
        }
        struct lcapture *c = lcapture_open(L, o->reads[i], o->bpf, err, sizeof err);
        if (!c) {
            fprintf(stderr, "pcaphunt: %s: %s\n", o->reads[i], err);
            return false;
        }
        if (o->bpf) {   /* a bad trailing filter is an error before anything runs */
            struct bpf_program prog;
            if (capture_compile(&c->cap, o->bpf, &prog) != 0) {
                fprintf(stderr, "pcaphunt: %s\n", c->cap.error);
                return false;
            }
            pcap_freecode(&prog);
        }
        lua_rawseti(L, -2, i + 1);
    }
    lua_setglobal(L, "captures");
    return true;
}

/* Without a script: one summary line per packet, as tcpdump -r does. */
static int print_summaries(lua_State *L)
{
    return run_chunk(L, "for p in packets() do print(p) end", "=(summaries)");
}

static int pmain(lua_State *L)
{
    struct options *o = lua_touserdata(L, 1);
    struct session *s = session_get(L);
    luaL_openlibs(L);
    luaL_requiref(L, "pcaphunt", luaopen_pcaphunt, 1);
    lua_pop(L, 1);
    if (o->iface) {
        fprintf(stderr, "pcaphunt: -i %s: live capture is not available in this build yet\n", o->iface);
        s->status = 2;
        return 0;
    }
    if (!open_captures(L, o)) {
        s->status = 2;
        return 0;
    }
    load_embedded(L, "prelude");
    if (o->script) set_arg_table(L, o);
    for (int i = 0; i < o->nchunks; i++)
        if (run_chunk(L, o->chunks[i], "=(command line)") != LUA_OK) return 0;
    if (o->script) {
        run_script(L, o);
        return 0;
    }
    if (o->nchunks == 0) {
        if (o->nreads == 0) {
            fprintf(stderr, "pcaphunt: nothing to do: give -r FILE, -e LUA or a script (pcaphunt -h)\n");
            s->status = 2;
            return 0;
        }
        print_summaries(L);
    }
    return 0;
}

int runner_main(struct options *o)
{
    struct session s;
    memset(&s, 0, sizeof s);
    reset_table_init(&s.resets);
    s.verbose = o->verbose;
    lua_State *L = luaL_newstate();
    if (!L) {
        fprintf(stderr, "pcaphunt: cannot create the Lua state: out of memory\n");
        return 2;
    }
    session_attach(L, &s);
    interrupt_install(&s);
    lua_pushcfunction(L, pmain);
    lua_pushlightuserdata(L, o);
    report(L, docall(L, 1, 0));
    interrupt_remove();
    fflush(stdout);
    lua_close(L);
    reset_table_free(&s.resets);
    return s.status;
}
