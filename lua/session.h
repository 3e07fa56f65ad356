/* The per-run state shared by the Lua binding and the command line: one struct,
 * reachable from Lua through the registry, never through globals. */
#ifndef PCAPHUNT_SESSION_H
#define PCAPHUNT_SESSION_H

#include <lua.h>
#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "core/reset_codes.h"

struct hunt_run;
struct capture;

struct session {
    struct hunt_run *hunts;             /* set while hunts are loaded (lua/hunt.c) */
    lua_State *L;
    struct reset_table resets;
    int status;                         /* worst exit status so far: 0, 1 (findings) or 2 (error) */
    bool verbose;
    bool escape_output;                 /* standard output is a terminal: print() escapes */
    /* Loads the hunt files (bundled, $PCAPHUNT_PATH, --hunt-file) the first time a
     * script or the shell calls hunt("name"); set by the command line. */
    int (*load_hunts)(lua_State *L);
    void *load_hunts_ctx;
    volatile sig_atomic_t interrupted;  /* set by SIGINT, raised as an error by the hook */
    const char *const *sets;            /* --set HUNT.OPTION=VALUE, applied to every run of HUNT */
    int nsets;
    uint64_t packet_limit;              /* -c COUNT: each loop and hunt run reads at most this many packets
                                           (after the command line's filter), over all its captures; 0: all */
    size_t flow_memory;                 /* bound of the hunts' flow/host tables in bytes (0: default) */
    /* Progress of a hunt run, set by the command line: called with the capture being read
     * (packets so far) every 1024 packets, and with NULL when a capture is done. */
    void (*progress)(void *ctx, const struct capture *c, uint64_t packets);
    void *progress_ctx;
};

/* Stores the session pointer in L's registry. */
void session_attach(lua_State *L, struct session *s);
struct session *session_get(lua_State *L);
/* Before a new loop or run: a Ctrl-C whose "interrupted" error has already been raised (the hook
 * removes itself when it raises) and was caught by a pcall is over; the new work reads normally. */
void session_interrupt_settled(lua_State *L, struct session *s);
/* One warning line on stderr at once ("pcaphunt: ..."), and the run's status becomes 2. */
void session_warn(lua_State *L, const char *fmt, ...);

#endif
