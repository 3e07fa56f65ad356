/* The environment each hunt file's chunk runs in (lua/huntenv.c): its own globals, falling back to
 * the shared ones; under --sandbox its own copies of the libraries and of pcaphunt too. */
#ifndef PCAPHUNT_LUA_HUNTENV_H
#define PCAPHUNT_LUA_HUNTENV_H

#include <lua.h>
#include <stdint.h>

/* Gives the loaded main chunk on top of the stack a new environment (its _ENV upvalue) for hunt
 * file number file_id (1, 2, … in load order). */
void huntenv_set(lua_State *L, uint32_t file_id);
/* Pushes the arguments the prelude (scripts/prelude.lua) is called with: whether the session is
 * sandboxed, and a function(v, key) reading v's own metatable field key as C does (never the
 * __metatable guard a script sees).  Returns how many. */
int huntenv_prelude_args(lua_State *L);

#endif
