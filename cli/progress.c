/* The progress line (see progress.h): shown once a capture has taken `after` seconds, redrawn
 * at most 4 times a second, erased when the capture is done. */
#include "progress.h"
#include "core/escape.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void progress_init(struct progress *p)
{
    const char *after = getenv("PCAPHUNT_PROGRESS_AFTER");
    p->on = isatty(STDERR_FILENO);
    p->shown = p->started = false;
    p->after = after && *after ? atof(after) : 1.0;
}

static double elapsed(const struct timespec *a, const struct timespec *b)
{
    return (double)(b->tv_sec - a->tv_sec) + (double)(b->tv_nsec - a->tv_nsec) / 1e9;
}

void progress_update(void *ctx, const struct capture *c, uint64_t packets)
{
    struct progress *p = ctx;
    if (!p->on) return;
    if (!c) {   /* the capture is done */
        if (p->shown) { fprintf(stderr, "\r\033[K"); fflush(stderr); }
        p->shown = p->started = false;
        return;
    }
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    if (!p->started) {
        p->started = true;
        p->start = now;
        p->base = packets;
        if (p->after > 0) return;
    }
    double t = elapsed(&p->start, &now);
    if (t < p->after || (p->shown && elapsed(&p->last, &now) < 0.25)) return;
    p->last = now;
    uint64_t n = packets - p->base;
    double rate = t > 0 ? (double)n / t : 0;
    int64_t size = capture_size(c);
    if (size > 0) {
        double frac = (double)capture_offset(c) / (double)size;
        fputc('\r', stderr);
        escape_fwrite(stderr, capture_name(c), strlen(capture_name(c)), ESC_LINE);
        fprintf(stderr, ": %3.0f%%  %.0f packets/s  %.0fs left ", frac * 100, rate, frac > 0 ? t / frac - t : 0);
    } else {
        fputc('\r', stderr);
        escape_fwrite(stderr, capture_name(c), strlen(capture_name(c)), ESC_LINE);
        fprintf(stderr, ": %llu packets  %.0f packets/s ", (unsigned long long)n, rate);
    }
    fflush(stderr);
    p->shown = true;
}
