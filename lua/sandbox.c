/* --sandbox: hunts and scripts keep computing but reach no files, processes or C code.  Stock
 * Lua 5.4 has no per-library switch, so the globals are edited in place: what is blocked is
 * replaced by a function that raises "NAME is not available in the sandbox", and load() compiles
 * text only (a binary chunk can crash the virtual machine).  Every shared metatable (strings',
 * packets', captures' …) shows false to getmetatable(): a hunt cannot change what others call
 * through it (each hunt file's own copies of the libraries are lua/huntenv.c's). */
#include "session.h"
#include "packet.h"

#include <lauxlib.h>
#include <string.h>

static int blocked(lua_State *L)
{
    return luaL_error(L, "%s is not available in the sandbox", lua_tostring(L, lua_upvalueindex(1)));
}

static void push_blocked(lua_State *L, const char *name)
{
    lua_pushstring(L, name);
    lua_pushcclosure(L, blocked, 1);
}

static bool kept(const char *name, const char *const *keep)
{
    for (; keep && *keep; keep++)
        if (strcmp(*keep, name) == 0) return true;
    return false;
}

/* Replaces library `lib` (global and package.loaded) by a table where the functions named in
 * keep stay and every other function of the library is blocked. */
static void fence_library(lua_State *L, const char *lib, const char *const *keep)
{
    if (lua_getglobal(L, lib) != LUA_TTABLE) { lua_pop(L, 1); return; }
    int orig = lua_gettop(L);
    lua_newtable(L);
    int fenced = lua_gettop(L);
    for (lua_pushnil(L); lua_next(L, orig); lua_pop(L, 1)) {
        if (lua_type(L, -2) != LUA_TSTRING) continue;
        const char *k = lua_tostring(L, -2);
        lua_pushvalue(L, -2);
        if (kept(k, keep)) lua_pushvalue(L, -2);
        else if (lua_type(L, -2) == LUA_TFUNCTION) {
            lua_pushfstring(L, "%s.%s", lib, k);
            lua_pushcclosure(L, blocked, 1);
        } else { lua_pop(L, 1); continue; }   /* io.stdout and friends, package.path: not there */
        lua_rawset(L, fenced);
    }
    lua_pushvalue(L, -1);
    lua_setglobal(L, lib);
    if (lua_getglobal(L, "package") == LUA_TTABLE && lua_getfield(L, -1, "loaded") == LUA_TTABLE) {
        lua_pushvalue(L, -3);
        lua_setfield(L, -2, lib);
    }
    lua_settop(L, orig - 1);
}

/* load(chunk [, name [, mode [, env]]]) with mode always "t". */
static int load_text(lua_State *L)
{
    int n = lua_gettop(L) > 4 ? 4 : lua_gettop(L);   /* an env given (even nil) is passed, else none: the global one */
    lua_settop(L, n < 3 ? 3 : n);
    const char *mode = luaL_optstring(L, 3, "t");
    if (!strchr(mode, 't')) return luaL_error(L, "load: binary chunks are not available in the sandbox");
    lua_pushliteral(L, "t");
    lua_replace(L, 3);
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
    return lua_gettop(L);
}

/* collectgarbage without the options that change the collector for everyone: "stop" (and the
 * mode and tuning options) would let one hunt's garbage pile up until the memory ceiling stops
 * another hunt. */
static int collect_kept(lua_State *L)
{
    const char *opt = luaL_optstring(L, 1, "collect");
    static const char *const ok[] = {"collect", "count", "step", "isrunning", "restart", NULL};
    for (int i = 0; ok[i]; i++)
        if (strcmp(opt, ok[i]) == 0) {
            lua_pushvalue(L, lua_upvalueindex(1));
            lua_insert(L, 1);
            lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
            return lua_gettop(L);
        }
    return luaL_error(L, "collectgarbage(\"%s\") is not available in the sandbox", opt);
}

/* Sets the metatable's __metatable field (it is on top) to false: getmetatable() shows false and
 * setmetatable() raises, for everyone. */
static void seal_metatable(lua_State *L)
{
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable");
}

/* Seals the shared metatables: strings', every type's made by luaL_newmetatable (in the registry
 * under its __name: packets, layers, captures, flows, hunts, files …) and the captures and
 * reset_codes views'.  The prelude seals its own (packet lists, summaries). */
static void seal_shared_metatables(lua_State *L)
{
    lua_pushliteral(L, "");
    if (lua_getmetatable(L, -1)) { seal_metatable(L); lua_pop(L, 1); }
    lua_pop(L, 1);
    for (lua_pushnil(L); lua_next(L, LUA_REGISTRYINDEX); lua_pop(L, 1)) {
        if (lua_type(L, -2) != LUA_TSTRING || lua_type(L, -1) != LUA_TTABLE) continue;
        lua_getfield(L, -1, "__name");
        bool named = lua_type(L, -1) == LUA_TSTRING && lua_rawequal(L, -1, -3);
        lua_pop(L, 1);
        if (named) seal_metatable(L);
    }
    if (lua_getglobal(L, "captures") == LUA_TUSERDATA && lua_getmetatable(L, -1)) { seal_metatable(L); lua_pop(L, 1); }
    lua_pop(L, 1);
    if (lua_getglobal(L, "pcaphunt") == LUA_TTABLE && lua_getfield(L, -1, "reset_codes") == LUA_TUSERDATA &&
        lua_getmetatable(L, -1)) { seal_metatable(L); lua_pop(L, 1); }
}

void session_sandbox(lua_State *L)
{
    int top = lua_gettop(L);
    seal_shared_metatables(L);
    lua_settop(L, top);
    packet_fresh_tables(true);
    static const char *const os_keep[] = {"time", "clock", "date", "difftime", NULL};
    static const char *const io_keep[] = {"write", NULL};
    static const char *const debug_keep[] = {NULL};
    fence_library(L, "os", os_keep);
    fence_library(L, "io", io_keep);
    fence_library(L, "debug", debug_keep);
    /* require finds only what package.loaded and package.preload hold: the file searchers
     * (Lua files load binary chunks too, C libraries run anything) are gone */
    if (lua_getglobal(L, "package") == LUA_TTABLE) {
        lua_getfield(L, -1, "searchers");
        lua_createtable(L, 1, 0);
        lua_rawgeti(L, -2, 1);
        lua_rawseti(L, -2, 1);
        lua_setfield(L, -3, "searchers");
        lua_pop(L, 1);
        push_blocked(L, "package.loadlib");
        lua_setfield(L, -2, "loadlib");
        push_blocked(L, "package.searchpath");
        lua_setfield(L, -2, "searchpath");
    }
    lua_pop(L, 1);
    for (const char *const *g = (const char *const[]){"dofile", "loadfile", NULL}; *g; g++) {
        push_blocked(L, *g);
        lua_setglobal(L, *g);
    }
    lua_getglobal(L, "load");
    lua_pushcclosure(L, load_text, 1);
    lua_setglobal(L, "load");
    lua_getglobal(L, "collectgarbage");
    lua_pushcclosure(L, collect_kept, 1);
    lua_setglobal(L, "collectgarbage");
    if (lua_getglobal(L, "pcaphunt") == LUA_TTABLE) {   /* reading captures stays; writing files goes */
        push_blocked(L, "pcaphunt.writer");
        lua_setfield(L, -2, "writer");
    }
    lua_pop(L, 1);
}
