/* Printing to the analyst: a `print` that escapes hostile bytes on a terminal,
 * pcaphunt.escape(s), and output_write() for the shell's own output. */
#ifndef PCAPHUNT_LUA_OUTPUT_H
#define PCAPHUNT_LUA_OUTPUT_H

#include <lua.h>
#include <stdbool.h>
#include <stdio.h>

/* Writes len bytes of s to out; escaped (escape_terminal) when to_terminal. */
void output_write(FILE *out, const char *s, size_t len, bool to_terminal);
/* Replaces the global print (escaping when standard output is a terminal) and adds
 * pcaphunt.escape; the module table must be on top of the stack. */
void output_open(lua_State *L);

#endif
