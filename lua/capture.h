/* Captures in Lua: pcaphunt.open(path) → capture userdata; cursors (each iterator owns its
 * own read position through the engine); the session's capture list (pcaphunt.use, the
 * read-only `captures` view); and pcaphunt.writer(path [, like]). */
#ifndef PCAPHUNT_LUA_CAPTURE_H
#define PCAPHUNT_LUA_CAPTURE_H

#include <lua.h>
#include "core/capture.h"
#include "core/engine.h"

#define CAPTURE_MT "pcaphunt.capture"
#define WRITER_MT "pcaphunt.writer"

struct lcapture {
    uint64_t magic;         /* UDATA_CAPTURE (lua/udata.h) */
    struct capture cap;     /* opened at pcaphunt.open: its header says link type and precision */
    bool open;
    bool rereadable;        /* a regular file: every cursor opens it anew */
    bool stream_taken;      /* not rereadable, and a cursor has used the stream */
    int cursors;            /* cursors reading it now */
    /* user value 1: the default BPF (the command line's trailing expression) or nil */
};

/* A read position over one capture, owned by whoever iterates (a packets() iterator or a
 * hunt run): its own stream, the capture's default filter compiled for its link type, and
 * an engine with one consumer for packets(). Freed by the collector (and __close). */
struct lcursor {
    uint64_t magic;             /* UDATA_CURSOR */
    struct capture own;
    struct capture *stream;     /* &own, or the capture's own stream when it cannot be reopened */
    struct lcapture *owner;     /* kept alive through user value 1 */
    int source;                 /* the capture's index in the session list (0 outside it) */
    bool frame_bpf_set, active;
    struct bpf_program frame_bpf;
    struct engine e;
    struct engine_consumer k;
    struct match m;             /* packets(bpf): the condition, compiled for this cursor */
    bool got;
};

/* Opens path and pushes a capture; on failure pushes nothing and returns NULL with the reason in err. */
struct lcapture *lcapture_open(lua_State *L, const char *path, const char *filter, char *err, size_t errsz);
struct lcapture *lcapture_check(lua_State *L, int idx);
/* The capture at idx, or NULL when it is not one (whatever its metatable says). */
struct lcapture *lcapture_test(lua_State *L, int idx);
/* Pushes a new cursor over the capture at idx (raises when it cannot be read again). */
struct lcursor *lcursor_push(lua_State *L, int idx, int source);
/* Ends a cursor's reading (also done by its collector). */
void lcursor_close(struct lcursor *c);
/* The session's captures: pushes the list (a plain table, owned by the registry). */
void lcaptures_push(lua_State *L);
/* Replaces the session's captures with the list at idx. */
void lcaptures_set(lua_State *L, int idx);
/* The names a capture answers to (cap.name, cap:packets), NULL-ended. */
extern const char *const capture_field_names[];
extern const char *const capture_method_names[];
int lwriter_new(lua_State *L);
/* pcaphunt.use(cap, ...) */
int lcaptures_use(lua_State *L);
void capture_lua_open(lua_State *L);

#endif
