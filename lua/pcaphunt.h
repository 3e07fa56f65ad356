/* The `pcaphunt` Lua module: open, writer, reset_codes, reset_cause, add_reset_code,
 * and the embedded Lua sources (prelude, bundled hunts). */
#ifndef PCAPHUNT_LUA_MODULE_H
#define PCAPHUNT_LUA_MODULE_H

#include <lua.h>
#include <stddef.h>

#define PCAPHUNT_VERSION "0.1.3"   /* 0.1.3: the flow table remembers TCP connections it let go open (want.new_flow), the hunts changed (states of 0.1.2 do not merge with these); 0.1.2: a tunnel with an unsound first inner header is not crossed (states of 0.1.1 do not merge with these); 0.1.1: answered DNS flows end after 10 s idle */

int luaopen_pcaphunt(lua_State *L);

/* Scripts compiled into the binary (every scripts/NAME.lua), NULL-terminated. */
/* A bundled script: its text, and its bytecode (lua/tools/compile.c, the same lines), which loads
 * without parsing; chunk, the name it is loaded under (=scripts/NAME.lua, =prelude.lua: lua/embed.sh
 * decides it once for both); code and chunk are NULL for the documents. */
struct embedded_script {
    const char *name;
    const char *text;
    size_t len;
    const char *code;
    size_t code_len;
    const char *chunk;
};
extern const struct embedded_script embedded_scripts[];
const struct embedded_script *embedded_find(const char *name);
/* Pushes the bundled script e as a function named e->chunk: its bytecode, or its text when the
 * bytecode does not load (another Lua build).  A lua_load status. */
int embedded_load(lua_State *L, const struct embedded_script *e);
/* docs/lua-api.md and docs/hunts.md, the text help() shows. */
extern const struct embedded_script embedded_api_doc, embedded_hunts_doc;

#endif
