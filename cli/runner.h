/* Headless runs: set up the Lua session, open the -r captures, run -e chunks
 * and scripts inside one protected call, and report errors as one line. */
#ifndef PCAPHUNT_RUNNER_H
#define PCAPHUNT_RUNNER_H

#include "options.h"

#include <lua.h>

/* Calls the function below nargs arguments under a message handler (a traceback with -v);
 * returns lua_pcall's status, the error message on top when not LUA_OK. */
int runner_docall(lua_State *L, int nargs, int nres);

/* Runs everything the options ask for; returns the exit status (0, 1 or 2). */
int runner_main(struct options *o);

#endif
