/* A C module as Debian's lua-* packages build them (not linked against liblua: the host program
 * provides the API), for the test that `require` loads one outside --sandbox. */
#include <lua.h>
#include <lauxlib.h>

static int twice(lua_State *L)
{
    lua_pushinteger(L, 2 * luaL_checkinteger(L, 1));
    return 1;
}

int luaopen_phmod(lua_State *L)
{
    lua_newtable(L);
    lua_pushcfunction(L, twice);
    lua_setfield(L, -2, "twice");
    lua_pushstring(L, LUA_RELEASE);
    lua_setfield(L, -2, "release");
    return 1;
}
