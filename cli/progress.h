/* The progress line of a hunt run on a terminal: percent of the file, packets/s, time left.
 * The engine calls progress_update every 1024 packets; NULL capture: erase the line. */
#ifndef PCAPHUNT_CLI_PROGRESS_H
#define PCAPHUNT_CLI_PROGRESS_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>
#include "core/capture.h"

struct progress {
    bool on, shown, started;
    double after;                 /* seconds before the line appears: 1, or $PCAPHUNT_PROGRESS_AFTER */
    struct timespec start, last;
    uint64_t base;                /* packets read before this capture */
};

/* Sets p up: on only when standard error is a terminal. */
void progress_init(struct progress *p);
/* The session's progress callback (ctx: struct progress *). */
void progress_update(void *ctx, const struct capture *c, uint64_t packets);

#endif
