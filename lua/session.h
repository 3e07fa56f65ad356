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
    bool escape_errors;                 /* standard error is a terminal */
    bool print_stderr;                  /* print() writes to standard error (while hunts load and run
                                           with --json: standard output holds the JSON alone) */
    /* Loads the hunt files (bundled, $PCAPHUNT_PATH, --hunt-file) the first time a
     * script or the shell calls hunt("name"); set by the command line. */
    int (*load_hunts)(lua_State *L);
    void *load_hunts_ctx;
    volatile sig_atomic_t interrupted;  /* set by SIGINT, raised as an error by the hook */
    volatile sig_atomic_t sigints;      /* Ctrl-Cs since the statement began: from the second on, the
                                           hook raises at every call until C code settles it */
    volatile sig_atomic_t raised;       /* the first Ctrl-C's "interrupted" has been raised once */
    volatile sig_atomic_t live_readers; /* loops reading a live capture now (lua/capture.c cursors) */
    volatile sig_atomic_t live_end;     /* set by the first Ctrl-C (or SIGTERM) while one reads: the
                                           live capture ends there as a file would, nothing raises */
    volatile sig_atomic_t read_end_armed;   /* a headless hunt run is reading files: the first Ctrl-C ends
                                           the reading as the end of the captures would (read_ended) */
    volatile sig_atomic_t read_ended;   /* the signal that ended it (SIGINT, SIGTERM, SIGHUP), or 0 */
    lua_State *volatile running;        /* the coroutine being resumed, or NULL (session_open_limits) */
    /* Limits (lua/session.c): per hunt call by default, for -e and scripts too when given. */
    long long step_limit;               /* instructions per hunt call (per chunk with script_limits) */
    size_t memory_limit;                /* bytes of the interpreter's memory */
    bool script_limits;                 /* --script-steps / --script-memory given */
    bool sandbox;                       /* --sandbox */
    bool in_call;                       /* a limited call is running: the count hook counts */
    long long steps_left;
    int limit_hit;                      /* LIMIT_STEPS or LIMIT_MEMORY during the limited call */
    int step_period;                    /* the count hook's period: min(1000, step_limit) */
    lua_Alloc inner_alloc;              /* the allocator the counting one wraps (lua/packet.c's pool) */
    void *inner_ud;
    size_t memory_used;                 /* bytes the interpreter holds */
    const char *const *sets;            /* --set HUNT.OPTION=VALUE, applied to every run of HUNT */
    int nsets;
    char *unopened[64];                 /* "NAME: REASON" of each -r capture that could not be opened (a split
                                           run's parts carry them to the merge, which says them) */
    int nunopened;
    uint64_t packet_limit;              /* -c COUNT: each loop and hunt run reads at most this many packets
                                           (after the command line's filter), over all its captures; 0: all */
    size_t flow_memory;                 /* bound of the hunts' flow/host tables in bytes (0: default) */
    /* Progress of a hunt run, set by the command line: called with the capture being read
     * (packets so far) every 1024 packets, and with NULL when a capture is done. */
    void (*progress)(void *ctx, const struct capture *c, uint64_t packets);
    void *progress_ctx;
};

enum { LIMIT_NONE, LIMIT_STEPS, LIMIT_MEMORY };
#define SESSION_DEFAULT_STEPS 1000000000LL   /* per hunt call */
#define SESSION_DEFAULT_MEMORY_MIB 1024      /* while hunts run */

/* Stores the session pointer in L's registry. */
void session_attach(lua_State *L, struct session *s);
struct session *session_get(lua_State *L);
/* Before a new loop or run: a Ctrl-C whose "interrupted" error has already been raised (the hook
 * removes itself when it raises) and was caught by a pcall is over; the new work reads normally. */
void session_interrupt_settled(lua_State *L, struct session *s);
/* The one hook of every thread: Ctrl-C (raised once; from the second Ctrl-C on, at every hook call
 * so no pcall can hold it) and the instruction budget.  Signal-safe to install. */
void session_hook(lua_State *L, lua_Debug *ar);
/* Gives thread L the hook it should have now: the budget's count hook inside a limited call, or none. */
void session_hook_reset(lua_State *L, struct session *s);
/* Installs the counting allocator and wraps coroutine.resume / coroutine.wrap so Ctrl-C and the
 * budget reach the coroutine being run; call after the libraries are open. */
void session_open_limits(lua_State *L, struct session *s);
/* --sandbox (lua/sandbox.c): blocked functions of os, io, package, load, debug raise
 * "NAME is not available in the sandbox". */
void session_sandbox(lua_State *L);
/* A limited call: the budget starts afresh, the memory ceiling holds; returns the previous state
 * for session_limits_leave. */
struct session_limits_saved { bool in_call; long long steps_left; int limit_hit; };
struct session_limits_saved session_limits_enter(lua_State *L, struct session *s);
/* Ends it; returns LIMIT_NONE or the limit that was hit during the call. */
int session_limits_leave(lua_State *L, struct session *s, struct session_limits_saved saved);
/* "instruction budget of N steps exceeded" / "memory ceiling of N MiB exceeded" */
const char *session_limit_message(struct session *s, int which, char *buf, size_t size);
/* Raises the message of the limit s->limit_hit at the line of stack level `level` (0: the running
 * function, as the hook does; 1: the Lua code that called a C function). */
int session_raise_limit(lua_State *L, struct session *s, int level);
/* Message handler for lua_pcall: keeps error objects as strings, adds a traceback with -v. */
int session_msghandler(lua_State *L);

/* One warning line on stderr at once ("pcaphunt: ..."), and the run's status becomes 2. */
void session_warn(lua_State *L, const char *fmt, ...);
/* After a read stopped on damage (capture_next's -1): one warning line per damaged capture,
 * "NAME: reason" (each part of a merged capture that stopped says so in its own line). */
struct capture;
void session_warn_damaged(lua_State *L, const struct capture *c);
/* setmetatable(v, mt) as Lua's (debug.setmetatable's with any_type), raising refuse_gc when it is not
 * NULL and mt has a __gc field (Lua marks an object for finalization only at that moment). */
int session_setmetatable(lua_State *L, bool any_type, const char *refuse_gc);

#endif
