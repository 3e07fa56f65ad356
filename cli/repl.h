/* The interactive shell (`pcaphunt -r FILE` on a terminal, or --repl): readline
 * editing, completion, multi-line input, printed results, Ctrl-C, history. */
#ifndef PCAPHUNT_REPL_H
#define PCAPHUNT_REPL_H

#include <lua.h>

/* Runs the shell on L (set up by the runner) until Ctrl-D or exit(); returns the exit status. */
int repl_run(lua_State *L);

#endif
