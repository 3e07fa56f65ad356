/* help(): the API reference in the shell, read from docs/lua-api.md and docs/hunts.md as
 * compiled into the binary, so the documents and help() can never disagree. */
#ifndef PCAPHUNT_LUA_HELP_H
#define PCAPHUNT_LUA_HELP_H

#include <lua.h>

/* Registers the global help([topic]). */
void help_open(lua_State *L);
/* Pushes a list of the names help() knows as entries and definitions ("find", "cap:packets",
 * "connection_failed", "dns_odd", the packet's fields as "p.src", the flow view's as "f.ttl_first",
 * flow_end_want's conditions, "cap.filter"), for completion; raises only on memory. */
void help_push_names(lua_State *L);

#endif
