/* Tab completion that knows the API: global names, table keys, a packet's layers,
 * a layer's fields, capture methods, hunt names.  Reads tables raw and only our
 * own userdata through their C __index, so no user code ever runs. */
#ifndef PCAPHUNT_LUA_COMPLETE_H
#define PCAPHUNT_LUA_COMPLETE_H

#include <lua.h>
#include <stddef.h>

enum complete_kind { COMPLETE_NONE, COMPLETE_WORDS, COMPLETE_FILES };

/* The word to complete is line[start, end) (it keeps '.' and ':'; a string's
 * opening quote is before start); before holds the statement's earlier lines
 * (NULL or "" on its first), where `for p in` may have made p a local.  Pushes a sorted list of whole replacement
 * words and returns COMPLETE_WORDS; or pushes nothing and returns
 * COMPLETE_FILES (a file name in open("...")) or COMPLETE_NONE.  Call it
 * under lua_pcall (complete_call does). */
enum complete_kind complete_collect(lua_State *L, const char *before, const char *line, size_t start, size_t end);
/* Protected complete_collect: on error pushes nothing and returns COMPLETE_NONE. */
enum complete_kind complete_call(lua_State *L, const char *before, const char *line, size_t start, size_t end);

#endif
