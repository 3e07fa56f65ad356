/* Hunts: `hunt{...}` definitions, the C loop that runs them over captures (BPF
 * prefilter in C, Lua entered only for packets a hunt asked for), h:report and
 * the flow/host tables exposed to them. */
#ifndef PCAPHUNT_LUA_HUNT_H
#define PCAPHUNT_LUA_HUNT_H

#include <lua.h>
#include <stdbool.h>
#include "core/findings.h"
#include "core/flow.h"

#define HUNT_MAX 64

struct hunt {
    char name[64];
    char description[256];
    enum severity severity;
    int priority;            /* report order among equal severities (lower first) */
    char filter[512];
    int ref;                 /* registry reference to the hunt table */
    bool selected, disabled;
};

/* Called for every finding as it is reported (streaming output), may be NULL. */
typedef void (*finding_sink)(const struct finding *f, const char *hunt_name, void *ctx);

struct hunt_run {
    struct hunt hunts[HUNT_MAX];
    int n;
    struct flow_table flows;
    struct findings findings;
    int capture;             /* index of the capture being read */
    finding_sink sink;
    void *sink_ctx;
    uint64_t packets;
    bool loaded;             /* the hunt files have been loaded */
};

/* Registers hunt(), pcaphunt.host(); creates the run state in the session. */
void hunt_open(lua_State *L);
/* Loads the hunt files through the session's loader, once; raises on error. */
void hunt_ensure_loaded(lua_State *L);
/* Loads a hunt file (path) or an embedded script text; raises on error. */
void hunt_load_file(lua_State *L, const char *path);
void hunt_load_buffer(lua_State *L, const char *text, size_t len, const char *name);
/* Selects hunts by "all" or "a,b"; false with a message in err for an unknown name. */
bool hunt_select(lua_State *L, const char *spec, char *err, size_t errsz);
/* Applies "hunt.option=value"; false with a message in err. */
bool hunt_set_option(lua_State *L, const char *assignment, char *err, size_t errsz);
/* Runs the selected hunts over the global `captures`, then their finish functions. */
void hunt_run(lua_State *L);
struct hunt_run *hunt_state(lua_State *L);
void hunt_close(lua_State *L);

#endif
