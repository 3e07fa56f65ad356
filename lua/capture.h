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
    bool live;              /* an interface: loops one after the other read on from where it is */
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
    struct session *live;       /* reading a live capture: counted in its live_readers */
    struct lcapture **parts;    /* a merged cursor (lcursor_push_all): its captures (malloc'ed), */
    int nparts;                 /* kept alive through user value 1, a list whose address is `list` */
    const void *list;
    bool got;
    struct stream_table streams;              /* tcp.stream / udp.stream of this reading (e.streams: kept) */
    struct lreplay *replay;   /* files: the index is left to this (user value 2) until asked (capture.c) */
    const struct conversation *conv;          /* the matched packet's, until the next step */
};

/* The conversation of the frame at ordinal ord (engine.packets) of the reading whose replay is at
 * idx (a packet's, lua/packet.c), in out (index -1: none): 1; 0 when the files cannot be read
 * again (out says none); -1 when a Ctrl-C stopped the reading (ask again later).  For a QUIC
 * conversation (out->quic), also its client DCID in dcid (*dcid_len 0: none), as known at the
 * packet (frame: its number). */
int lreplay_conversation(lua_State *L, int idx, uint64_t ord, uint64_t frame, struct conversation *out,
                         uint8_t dcid[20], size_t *dcid_len);

/* Opens path and pushes a capture; on failure pushes nothing and returns NULL with the reason in err. */
struct lcapture *lcapture_open(lua_State *L, const char *path, const char *filter, char *err, size_t errsz);
/* The same for a live capture on device (core/live.c), its filter run in the kernel. */
struct lcapture *lcapture_open_live(lua_State *L, const char *device, const struct live_options *o,
                                    const char *filter, char *err, size_t errsz);
struct lcapture *lcapture_check(lua_State *L, int idx);
/* The capture at idx, or NULL when it is not one (whatever its metatable says). */
struct lcapture *lcapture_test(lua_State *L, int idx);
/* Pushes a new cursor over the capture at idx (raises when it cannot be read again). */
struct lcursor *lcursor_push(lua_State *L, int idx, int source);
/* Pushes one cursor over every capture of the list at idx, read as one stream in time-stamp order
 * (core/merge.c; one capture: lcursor_push with source 1).  Frames say their capture in
 * frame.source.  Raises when a capture cannot be read (again), is live among others, or the
 * captures' filters differ. */
struct lcursor *lcursor_push_all(lua_State *L, int listidx);
/* The cursor's captures are all still open. */
bool lcursor_open(const struct lcursor *c);
/* Ends a cursor's reading (also done by its collector). */
void lcursor_close(struct lcursor *c);
/* The session's captures: pushes the list (a plain table, owned by the registry). */
void lcaptures_push(lua_State *L);
/* Replaces the session's captures with the list at idx; the global `capture` becomes the first. */
void lcaptures_set(lua_State *L, int idx);
/* What packets(), find() and hunt() say when the session has no capture. */
#define LCAPTURE_NONE "no capture: give one with -r FILE, or pcaphunt.use(pcaphunt.open(path))"
/* The names a capture answers to (cap.name, cap:packets), NULL-ended. */
extern const char *const capture_field_names[];
extern const char *const capture_method_names[];
int lwriter_new(lua_State *L);
/* -w with hunts on a live capture: every packet the capture at idx reads is also written to path
 * (a writer kept by the capture; raises when it cannot be opened).  lcapture_tee_close closes it:
 * 0, or -1 when the file could not be written out. */
int lcapture_tee(lua_State *L, int idx, const char *path);
int lcapture_tee_close(lua_State *L, int idx);
/* Pushes a zeroed evidence writer owned by Lua for C code (-w): if an error unwinds past it, its
 * collector removes the temporary file instead of leaving it (and a dangling writer). */
struct capture_writer *lwriter_guard(lua_State *L);
/* pcaphunt.use(cap, ...) */
int lcaptures_use(lua_State *L);
void capture_lua_open(lua_State *L);

#endif
