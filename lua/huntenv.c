/* Hunt files' environments.  Every hunt file's main chunk (bundled, $PCAPHUNT_PATH, --hunt-file)
 * runs with an _ENV of its own: the globals it assigns stay there, reads of other names fall back
 * to the shared globals, and _G names it.  Under --sandbox it also holds its own copies of the
 * standard library tables and of pcaphunt, and its load, require and hunt are its own, so nothing a
 * hostile hunt file reaches changes what other hunts, the prelude or the user's code call.  All is
 * made once, when the file loads: a global read inside a hunt stays a table read. */
#include "huntenv.h"
#include "hunt.h"
#include "session.h"

#include <lauxlib.h>
#include <string.h>

/* Calls upvalue 1 (the load or loadfile it wraps: the sandbox's text-only load under --sandbox)
 * with the caller's arguments, and upvalue 2 (the file's environment) as argument envpos when the
 * caller gave none. */
static int call_with_env(lua_State *L, int envpos)
{
    if (lua_gettop(L) < envpos) {
        lua_settop(L, envpos - 1);
        lua_pushvalue(L, lua_upvalueindex(2));
    }
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
    return lua_gettop(L);
}

/* load(chunk [, name [, mode [, env]]]) in a hunt file: without env, the file's environment. */
static int env_load(lua_State *L) { return call_with_env(L, 4); }

/* loadfile([filename [, mode [, env]]]) the same, outside the sandbox (inside, loadfile is blocked). */
static int env_loadfile(lua_State *L) { return call_with_env(L, 3); }

/* dofile([filename]): the file compiled into the hunt file's environment, then run.  Upvalue 1
 * the stock loadfile, 2 the environment. */
static int env_dofile(lua_State *L)
{
    lua_settop(L, 1);
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_pushvalue(L, 1);
    lua_pushnil(L);
    lua_pushvalue(L, lua_upvalueindex(2));
    lua_call(L, 3, 2);
    if (lua_isnil(L, -2)) return lua_error(L);   /* the message, as dofile raises it */
    lua_pop(L, 1);
    lua_call(L, 0, LUA_MULTRET);
    return lua_gettop(L) - 1;
}

/* --sandbox: a name the hunt file's environment does not hold.  Upvalue 2 what the environment
 * was given before the file ran (its copies and its own load, require, setmetatable, hunt): a name
 * it deleted comes back as its own, never as the shared one.  Upvalue 1 the shared globals: a value
 * that is not a table (a function defined later, `capture`, `captures`, a number) is read there as
 * it is now; a shared table (the user's own, `arg`) is not reachable: nil. */
static int env_index(lua_State *L)
{
    lua_pushvalue(L, 2);
    if (lua_rawget(L, lua_upvalueindex(2)) != LUA_TNIL) return 1;
    lua_pop(L, 1);
    lua_pushvalue(L, 2);
    if (lua_rawget(L, lua_upvalueindex(1)) == LUA_TTABLE) lua_pushnil(L);
    return 1;
}

/* --sandbox: require(name) in a hunt file: the file's own copy of package.loaded (upvalue 1),
 * then its package.preload (upvalue 2); the sandbox has no file searchers. */
static int env_require(lua_State *L)
{
    const char *name = luaL_checkstring(L, 1);
    lua_settop(L, 1);
    lua_pushvalue(L, 1);
    lua_rawget(L, lua_upvalueindex(1));
    if (lua_toboolean(L, -1)) return 1;
    lua_pop(L, 1);
    lua_pushvalue(L, 1);
    if (lua_rawget(L, lua_upvalueindex(2)) != LUA_TFUNCTION)
        return luaL_error(L, "module '%s' not found:\n\tno field package.preload['%s']", name, name);
    lua_pushvalue(L, 1);
    lua_pushliteral(L, ":preload:");
    lua_call(L, 2, 1);
    if (!lua_isnil(L, -1)) {
        lua_pushvalue(L, 1);
        lua_pushvalue(L, -2);
        lua_rawset(L, lua_upvalueindex(1));
    }
    lua_pop(L, 1);
    lua_pushvalue(L, 1);
    if (lua_rawget(L, lua_upvalueindex(1)) == LUA_TNIL) {   /* the loader returned nothing: true, as require does */
        lua_pop(L, 1);
        lua_pushvalue(L, 1);
        lua_pushboolean(L, 1);
        lua_rawset(L, lua_upvalueindex(1));
        lua_pushboolean(L, 1);
    }
    lua_pushliteral(L, ":preload:");
    return 2;
}

/* --sandbox: io.write(...) in a hunt file writes as io.write does but returns nothing: not the
 * standard output's file handle, whose seek() would let it rewind over what was reported. */
static int env_io_write(lua_State *L)
{
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, 0);
    return 0;
}

/* --sandbox: setmetatable(t, mt) in a hunt file, refusing a __gc: a finalizer runs when the
 * collector decides, inside another hunt's call, under its budget and ceiling. */
static int env_setmetatable(lua_State *L)
{
    return session_setmetatable(L, false, "setmetatable: __gc is not available to hunt files in the sandbox");
}

/* Pushes the value at idx for a sandboxed hunt file: a table as its copy (its keys, values and
 * metatable copied the same way), anything else as it is.  `memo` maps each shared table to its
 * copy, so a table reached twice (package.loaded.string and string) is one copy and cycles end. */
static void push_copy(lua_State *L, int idx, int memo, int depth)
{
    idx = lua_absindex(L, idx);
    if (lua_type(L, idx) != LUA_TTABLE) { lua_pushvalue(L, idx); return; }
    lua_pushvalue(L, idx);
    if (lua_rawget(L, memo) != LUA_TNIL) return;
    lua_pop(L, 1);
    if (depth > 64) luaL_error(L, "sandbox: a table nested more than 64 deep in the globals a hunt file is given");
    luaL_checkstack(L, 6, "sandbox: copying the globals a hunt file is given");
    lua_newtable(L);
    int copy = lua_gettop(L);
    lua_pushvalue(L, idx);
    lua_pushvalue(L, copy);
    lua_rawset(L, memo);
    for (lua_pushnil(L); lua_next(L, idx); lua_pop(L, 1)) {
        int k = lua_gettop(L) - 1;
        push_copy(L, k, memo, depth + 1);
        push_copy(L, k + 1, memo, depth + 1);
        lua_rawset(L, copy);
    }
    if (lua_getmetatable(L, idx)) {
        push_copy(L, -1, memo, depth + 1);
        lua_setmetatable(L, copy);
        lua_pop(L, 1);
    }
}

static bool is_library(const char *name)
{
    static const char *const libs[] = {
        "string", "table", "math", "utf8", "coroutine", "os", "io", "package", "debug", "pcaphunt", NULL
    };
    for (int i = 0; libs[i]; i++)
        if (strcmp(libs[i], name) == 0) return true;
    return false;
}

/* t[name] = a function raising "NAME is not available to hunt files in the sandbox". */
static int blocked_for_hunts(lua_State *L)
{
    return luaL_error(L, "%s is not available to hunt files in the sandbox", lua_tostring(L, lua_upvalueindex(1)));
}

static void block(lua_State *L, int t, const char *key, const char *name)
{
    lua_pushstring(L, name);
    lua_pushcclosure(L, blocked_for_hunts, 1);
    lua_setfield(L, t, key);
}

/* Fills env (--sandbox) with the shared globals' functions and copies of the library tables. */
static void fill_sandboxed(lua_State *L, int env, int G, uint32_t file_id)
{
    lua_newtable(L);
    int memo = lua_gettop(L);
    lua_pushvalue(L, G);
    lua_pushvalue(L, env);
    lua_rawset(L, memo);   /* package.loaded._G is the environment */
    for (lua_pushnil(L); lua_next(L, G); lua_pop(L, 1)) {
        if (lua_type(L, -2) != LUA_TSTRING) continue;
        int t = lua_type(L, -1);
        if (t == LUA_TFUNCTION) {
            lua_pushvalue(L, -2);
            lua_pushvalue(L, -2);
        } else if (t == LUA_TTABLE && is_library(lua_tostring(L, -2))) {
            lua_pushvalue(L, -2);
            push_copy(L, -2, memo, 0);
        } else {
            continue;
        }
        lua_rawset(L, env);
    }
    /* what changes the session for everyone: the captures everyone reads, the reset-code table */
    if (lua_getfield(L, env, "pcaphunt") == LUA_TTABLE) {
        int p = lua_gettop(L);
        block(L, p, "use", "pcaphunt.use");
        block(L, p, "add_reset_code", "pcaphunt.add_reset_code");
    }
    lua_pop(L, 1);
    if (lua_getfield(L, env, "io") == LUA_TTABLE) {
        if (lua_getfield(L, -1, "write") == LUA_TFUNCTION) {
            lua_pushcclosure(L, env_io_write, 1);
            lua_setfield(L, -2, "write");
        } else {
            lua_pop(L, 1);
        }
    }
    lua_pop(L, 1);
    /* require: the file's copies */
    if (lua_getfield(L, env, "package") != LUA_TTABLE) {
        lua_pop(L, 1);
        lua_newtable(L);
    }
    if (lua_getfield(L, -1, "loaded") != LUA_TTABLE) { lua_pop(L, 1); lua_newtable(L); }
    if (lua_getfield(L, -2, "preload") != LUA_TTABLE) { lua_pop(L, 1); lua_newtable(L); }
    lua_pushcclosure(L, env_require, 2);
    lua_setfield(L, env, "require");
    lua_pop(L, 1);
    lua_pushcfunction(L, env_setmetatable);
    lua_setfield(L, env, "setmetatable");
    /* load compiles into the environment; hunt{} knows which file defines */
    lua_getfield(L, G, "load");
    lua_pushvalue(L, env);
    lua_pushcclosure(L, env_load, 2);
    lua_setfield(L, env, "load");
    hunt_push_file_definer(L, file_id);
    lua_setfield(L, env, "hunt");
    lua_pop(L, 1);   /* memo */
}

/* Outside the sandbox: load, loadfile and dofile compile into the environment by default. */
static void fill_open(lua_State *L, int env, int G)
{
    static const struct { const char *name; lua_CFunction f; const char *inner; } wraps[] = {
        {"load", env_load, "load"}, {"loadfile", env_loadfile, "loadfile"}, {"dofile", env_dofile, "loadfile"}, {NULL, NULL, NULL}
    };
    for (int i = 0; wraps[i].name; i++) {
        lua_getfield(L, G, wraps[i].inner);
        if (!lua_isfunction(L, -1)) { lua_pop(L, 1); continue; }
        lua_pushvalue(L, env);
        lua_pushcclosure(L, wraps[i].f, 2);
        lua_setfield(L, env, wraps[i].name);
    }
}

void huntenv_set(lua_State *L, uint32_t file_id)
{
    struct session *s = session_get(L);
    bool sandbox = s && s->sandbox;
    int chunk = lua_gettop(L);
    luaL_checkstack(L, 16, "hunt file environment");
    lua_newtable(L);
    int env = lua_gettop(L);
    lua_pushglobaltable(L);
    int G = lua_gettop(L);
    if (sandbox) fill_sandboxed(L, env, G, file_id);
    else fill_open(L, env, G);
    lua_pushvalue(L, env);
    lua_setfield(L, env, "_G");
    lua_createtable(L, 0, 2);
    lua_pushvalue(L, G);
    if (sandbox) {
        lua_newtable(L);   /* what the environment holds now, kept apart from it */
        for (lua_pushnil(L); lua_next(L, env);) {   /* own[key] = value, the key left for lua_next */
            lua_pushvalue(L, -2);
            lua_insert(L, -2);
            lua_rawset(L, -4);
        }
        lua_pushcclosure(L, env_index, 2);
        lua_setfield(L, -2, "__index");
        lua_pushboolean(L, 0);   /* getmetatable(_G) is false; setmetatable(_G, …) raises */
        lua_setfield(L, -2, "__metatable");
    } else {
        lua_setfield(L, -2, "__index");
    }
    lua_setmetatable(L, env);
    lua_pushvalue(L, env);
    if (!lua_setupvalue(L, chunk, 1)) lua_pop(L, 1);   /* a main chunk's first upvalue is its _ENV */
    lua_settop(L, chunk);
}

/* The prelude's metafield(v, key): v's own metatable's field key (luaL_getmetafield), as C reads
 * it whatever __metatable getmetatable() shows. */
static int raw_metafield(lua_State *L)
{
    luaL_checkany(L, 1);
    const char *k = luaL_checkstring(L, 2);
    if (luaL_getmetafield(L, 1, k) == LUA_TNIL) lua_pushnil(L);
    return 1;
}

int huntenv_prelude_args(lua_State *L)
{
    struct session *s = session_get(L);
    lua_pushboolean(L, s && s->sandbox);
    lua_pushcfunction(L, raw_metafield);
    return 2;
}
