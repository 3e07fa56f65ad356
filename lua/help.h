/* help(): the API reference in the shell, read from docs/lua-api.md as compiled
 * into the binary, so the document and help() can never disagree. */
#ifndef PCAPHUNT_LUA_HELP_H
#define PCAPHUNT_LUA_HELP_H

#include <lua.h>

/* Registers the global help([topic]). */
void help_open(lua_State *L);

#endif
