/* Hunts: `hunt{...}` definitions bound to the engine (declared conditions and events become
 * engine consumers; Lua is entered only for what a hunt asked for), h:report, the flow views
 * and host statistics given to them, and hunt("name") runs from scripts and the shell. */
#ifndef PCAPHUNT_LUA_HUNT_H
#define PCAPHUNT_LUA_HUNT_H

#include <lua.h>
#include <stdbool.h>
#include <stdio.h>
#include "core/engine.h"
#include "core/findings.h"
#include "core/flow.h"
#include "core/replay.h"

#define HUNT_MAX 64
#define HUNT_MAX_MATCHES 16

struct hunt_run;
struct lcursor;

struct hunt {
    char *name;              /* malloc'd, any length (the definition's `name`) */
    char *description;       /* malloc'd, any length; "" when none */
    enum severity severity;
    int priority;            /* report order among equal severities (lower first) */
    struct match matches[HUNT_MAX_MATCHES];   /* alternatives from `want` and `filter` */
    int nmatches;
    bool all;                /* a packet function with no conditions: every packet */
    unsigned events;         /* EV_* from the functions it defines */
    struct flow_end_want flow_end_want;     /* the definition's flow_end_want */
    int ref;                 /* registry: the definition table */
    int run_ref;             /* registry: this run's `h`, or LUA_NOREF */
    bool selected, disabled;
    char *error;             /* this run stopped it: the error (or limit) as warned, malloc'd; else NULL */
    const char *error_in;    /* the function that raised ("packet", "finish" …) */
    uint64_t error_frame;    /* the frame being read then, 0 after the last one (finish, the last flow_ends) */
    char *note;              /* h:note(text) of this run: said under the report, malloc'd; else NULL */
    bool conversations;      /* conversations = true: tcp.stream, udp.stream, p.conversation numbered */
    bool want_fn;            /* `want` is a function of the options: every run calls it for its conditions */
    uint64_t code_hash;      /* of the text of the hunt file (or bundled script) that defined it; 0: -e, a script */
    uint32_t file_id;        /* under --sandbox, the hunt file whose hunt{} defined it (1, 2, … in load order); 0: -e, a script, the shell */
    struct engine_consumer consumer;
    struct hunt_run *run;
};

/* Called for every finding as it is reported (streaming output), may be NULL: g is the finding
 * alone as a group (count 1, its own frames: the example and every one it cites). */
typedef void (*finding_sink)(const struct hunt_run *r, const struct finding_group *g, void *ctx);

struct hunt_run {
    struct hunt hunts[HUNT_MAX];
    int n;
    struct flow_table flows;
    uint32_t *host_order;          /* pcaphunt.hosts(): every host's slot in first-seen order, made when */
    size_t host_order_n;           /* flows.host_changes was host_order_at; malloc'd */
    uint64_t host_order_at;
    struct stream_table streams;   /* kept when a selected hunt asks for conversations */
    struct engine engine;
    struct findings findings;
    finding_sink sink;
    void *sink_ctx;
    struct finding_group one;      /* the finding being handed to sink, as a group of its own */
    const struct hunt *calling;    /* the hunt whose function runs now, or NULL */
    uint64_t packets;
    uint64_t forgotten;      /* findings on packets whose flow the table may have let go */
    int min_severity;        /* findings below it (enum severity) are not kept: --min-severity */
    bool raise_pending;      /* a Ctrl-C caught in a hunt call inside the engine's loop: raised (raise_ref) once the loop is over */
    int raise_ref;
    bool loaded;             /* the hunt files have been loaded */
    uint64_t defined;        /* hunt{} definitions so far (a hunt file must make one) */
    uint64_t loading_hash;   /* while a hunt file loads: the hash of its text (struct hunt code_hash) */
    uint32_t files;          /* hunt files loaded so far (each has an environment of its own: lua/huntenv.c) */
    bool running;            /* a run is in progress: hunt() refuses to start another */
    bool finishing;          /* the captures are read: flow_end and finish have no frame */
    uint64_t run_id;         /* counts runs: flow views belong to one */
    lua_State *L;
    int flow_mt_ref;         /* registry: FLOW_MT, for the flow views made by the thousand */
    const struct engine_packet *current;   /* the packet being handed to hunts */
    int current_pidx;        /* its userdata on the stack, 0 until made */
    bool entered;            /* a consumer callback ran for this frame (Lua may have run): after_packet has work */
    int base;                /* the Lua stack's top between packets */
    struct lcursor *cursor;  /* the cursor being read by the run, or NULL */
    char **capture_names;    /* the run's captures' names, by source (1..ncaptures) - 1 */
    int ncaptures;
    /* a split run (core/replay.h, cli/split.c): set before hunt_run, cleared after */
    struct replay_writer *recorder;   /* this process is one part: it records, the merge calls the hunts */
    uint32_t part, parts;             /* with recorder: part (0-based) of parts */
    struct replay_merge *merge;       /* the hunts are called from the parts' records, no capture is read */
    bool merge_parts;                 /* with merge: the records come from -j's parts, which Ctrl-C stops */
    bool part_quiet;
    bool part_says_nothing;           /* with recorder: a part of -j (its parent says what is wrong), not --state-out */
    bool part_single;                 /* with recorder: no read-ahead thread (-j with fewer CPUs than its threads) */                  /* with recorder: no progress line (-j: the first part shows it) */
    bool tables_merged;               /* the merge has put the parts' hosts and UDP answers in `flows` */
    bool damaged;                     /* a part could not read a capture to its end */
    struct replay_slot slots[HUNT_MAX];   /* with recorder: each consumer's */
    struct replay_record quoted[8];   /* with merge: the quoted flows of the frame in hand */
    const uint8_t *merge_dcid;        /* with merge: the QUIC client DCID of the packet in hand's conversation */
    size_t merge_dcid_len;
    int nquoted;
    uint64_t quoted_ordinal;
};

/* Registers hunt(), pcaphunt.host(s); creates the run state in the session. */
void hunt_open(lua_State *L);
/* Loads the hunt files through the session's loader, once; raises on error. */
void hunt_ensure_loaded(lua_State *L);
/* Loads a hunt file (path) or a bundled hunt script (its bytecode, else its text); raises on error,
 * and (must_define) when the file defines no hunt. */
void hunt_load_file(lua_State *L, const char *path, bool must_define);
struct embedded_script;
void hunt_load_embedded(lua_State *L, const struct embedded_script *e);
/* Pushes the `hunt` a sandboxed hunt file's environment holds: hunt() as the global, but a hunt{}
 * it defines belongs to file file_id, and may not replace a hunt another file or the user defined. */
void hunt_push_file_definer(lua_State *L, uint32_t file_id);
/* Selects hunts by "all" or "a,b"; false with the message pushed (a Lua string) for an unknown name. */
bool hunt_select(lua_State *L, const char *spec);
/* Checks "hunt.option=value" (session->sets, applied to every run) names a hunt and an option it
 * has; false with the message pushed (a Lua string, any length). */
bool hunt_set_option(lua_State *L, const char *assignment);
/* Prints the hunts (name, severity, description); verbose: their options, defaults and meanings. */
void hunt_print_list(lua_State *L, FILE *out, bool verbose);
/* The same for the loaded hunt called name, with its options; false when there is none. */
bool hunt_print_one(lua_State *L, FILE *out, const char *name);
/* Runs the selected hunts over the session's captures with fresh state, then their finish
 * functions; raises "interrupted" after cleaning up when stopped. */
void hunt_run(lua_State *L);
/* hunt_run as a lua_CFunction, for a caller that runs it protected (lua_pcall) and cleans up after. */
int hunt_run_cfunction(lua_State *L);
struct hunt_run *hunt_state(lua_State *L);
void hunt_close(lua_State *L);

#endif
