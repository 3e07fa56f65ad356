/* Read-ahead: a thread that reads and decodes a capture's frames ahead of the engine into a ring of
 * slots, so that reading (and decompressing) and decoding run on another core while the engine
 * keeps flows, matches and calls hunts.  Once attached to a capture it serves every capture_next
 * on it, in order, until capture_close; only for inputs that are regular files. */
#ifndef PCAPHUNT_READAHEAD_H
#define PCAPHUNT_READAHEAD_H

#include <stdbool.h>
#include <stdint.h>
#include "capture.h"
#include "decode.h"
#include "engine.h"
#include "flow.h"

struct readahead;

/* A frame read ahead: as capture_next gave it (its bytes and comment copied into the slot), decoded
 * without the reset-cause classification (the engine makes that with the session's table), with
 * its flow key when it has one.  Valid until the next readahead_take or capture_next. */
struct ra_frame {
    struct frame f;
    struct decoded d;
    struct flow_key key;
    bool keyed;
    uint32_t feat;               /* packet_features before the reset cause is known */
    struct engine_prematch pre;  /* the conditions, tested by the thread's work (made: false when it did not) */
};

/* Work the thread does on each frame after decoding it (the engine's matching of the conditions
 * that need no flow), so that it is off the engine's thread; it must read nothing the engine's
 * thread changes while the thread runs. */
typedef void (*readahead_work_fn)(void *ctx, struct ra_frame *fr);

/* True when c can be read ahead (a regular file, or merged regular files; not live, not a pipe,
 * and the PCAPHUNT_READAHEAD environment variable is not "0"; "match": the thread does its work on
 * every frame, as when the engine is behind, so tests see that path whatever the timing). */
bool readahead_possible(const struct capture *c);
/* Starts the thread on c (c->ahead), doing work(ctx, frame) on each frame when work is not NULL.
 * False (c unchanged, read as before) when it cannot. */
bool readahead_attach(struct capture *c, readahead_work_fn work, void *ctx);
/* No more work from now on: when it returns, the thread is not in work and will not call it again
 * (frames read later come with pre.made false). */
void readahead_stop_work(struct capture *c);
/* The next frame: 1 with *out, or capture_next's 0 / -1 (c->error) at the end, again on later calls. */
int readahead_take(struct capture *c, const struct ra_frame **out);
/* The frame after the one taken, when the thread has it ready (for prefetching); else NULL. */
const struct ra_frame *readahead_peek(const struct capture *c);
/* capture_offset as of the last frame taken (refreshed every 1024 frames, and at the end). */
uint64_t readahead_offset(const struct capture *c);
/* Stops and joins the thread, frees the ring (capture_close calls it). */
void readahead_detach(struct capture *c);

#endif
