/* Checked userdata: our metatable is not enough to trust a block, since debug.setmetatable can
 * give it to any userdata (a packet, a file, another type of ours).  Each of our block types
 * starts with its own 64-bit magic; a block is taken as one only when it is at least that
 * type's size and starts with its magic. */
#ifndef PCAPHUNT_LUA_UDATA_H
#define PCAPHUNT_LUA_UDATA_H

#include <lauxlib.h>
#include <stdint.h>
#include <string.h>

#define UDATA_CAPTURE 0x7063617063617031ull   /* "pcapcap1" */
#define UDATA_CURSOR  0x7063617063757231ull   /* "pcapcur1" */
#define UDATA_WRITER  0x7063617077727431ull   /* "pcapwrt1" */
#define UDATA_FLOW    0x70636170666c7731ull   /* "pcapflw1" */
#define UDATA_REPLAY  0x7063617072706c31ull   /* "pcaprpl1" */
#define UDATA_FIELDS  0x7063617066646c31ull   /* "pcapfdl1" */
#define UDATA_HOSTS   0x7063617068737431ull   /* "pcaphst1" */

/* Gives the metatable at idx a __metatable: getmetatable() on our values returns a table of its own
 * ({__name = name}), so a hunt cannot change what other hunts read from packets, captures, flows or
 * h (the shared metatables' __index and methods); debug.getmetatable still reaches the real one. */
static inline void metatable_guard(lua_State *L, int idx, const char *name)
{
    idx = lua_absindex(L, idx);
    lua_createtable(L, 0, 1);
    lua_pushstring(L, name);
    lua_setfield(L, -2, "__name");
    lua_setfield(L, idx, "__metatable");
}

/* The block at idx when it has metatable tname, is at least size bytes and starts with magic; else NULL. */
static inline void *udata_test(lua_State *L, int idx, const char *tname, size_t size, uint64_t magic)
{
    void *p = luaL_testudata(L, idx, tname);
    uint64_t m;
    if (!p || lua_rawlen(L, idx) < size) return NULL;
    memcpy(&m, p, sizeof m);
    return m == magic ? p : NULL;
}

/* The block at idx when it is at least size bytes and starts with magic, whatever its metatable;
 * else NULL.  For the per-packet paths: only our code writes a magic, so it says the type. */
static inline void *udata_is(lua_State *L, int idx, size_t size, uint64_t magic)
{
    void *p = lua_touserdata(L, idx);
    uint64_t m;
    if (!p || lua_rawlen(L, idx) < size) return NULL;
    memcpy(&m, p, sizeof m);
    return m == magic ? p : NULL;
}

/* As udata_test, raising luaL_typeerror when it is not one. */
static inline void *udata_check(lua_State *L, int idx, const char *tname, size_t size, uint64_t magic)
{
    void *p = udata_test(L, idx, tname, size, magic);
    if (!p) luaL_typeerror(L, idx, tname);
    return p;
}

#endif
