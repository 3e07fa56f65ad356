/* Inside the capture reader: what capture.c, pcapng.c and compressed.c share. */
#ifndef PCAPHUNT_READER_H
#define PCAPHUNT_READER_H

#include "capture.h"

#include <sys/types.h>

/* Makes `need` unread bytes sit at buf + pos if the input still has them (need is at most
 * CAPTURE_MAX_BLOCK).  0 (fewer bytes at the end of the input), or -1 with c->error. */
int capture_fill(struct capture *c, size_t need);
/* Consumes n bytes of input without keeping them.  1, 0 when the input ended first, or -1
 * with c->error. */
int capture_skip(struct capture *c, uint64_t n);
/* A link type and snapshot length from a file header, as libpcap gives them: the DLT_ value
 * BPF and the writer expect, a zero or oversized snapshot length replaced by the maximum. */
int capture_linktype(struct capture *c, uint32_t linktype, uint32_t snaplen, int *dlt, int *snap);

/* Fields in the byte order of the file (c->big_endian). */
static inline uint32_t rd32(const struct capture *c, const uint8_t *p)
{
    return c->big_endian ? (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3]
                         : (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
}

static inline unsigned rd16(const struct capture *c, const uint8_t *p)
{
    return c->big_endian ? (unsigned)p[0] << 8 | p[1] : (unsigned)p[1] << 8 | p[0];
}

/* capture_next and capture_offset of the reader itself, without a read-ahead thread's ring (the
 * thread calls them). */
int capture_read_next(struct capture *c, struct frame *f);
uint64_t capture_read_offset(const struct capture *c);
/* core/merge.c: every part of a merged capture is a regular file (it can be read ahead). */
bool merge_all_regular(const struct capture *c);

/* core/pcapng.c: the section header is at buf + pos.  0, or -1 with c->error. */
int pcapng_open(struct capture *c);
int pcapng_next(struct capture *c, struct frame *f);

/* A frame from what libpcap's pcap_next_ex gave (the capture's link type and precision). */
void capture_take_libpcap(struct capture *c, struct frame *f, const struct pcap_pkthdr *hdr, const uint8_t *data);

/* core/live.c: the next packet of a live capture (capture_next's contract). */
int live_next(struct capture *c, struct frame *f);

/* core/merge.c: capture_next, capture_name, capture_rewind, capture_offset, capture_size and
 * capture_close of a merged capture. */
int merge_next(struct capture *c, struct frame *f);
const char *merge_name(const struct capture *c);
int merge_rewind(struct capture *c);
uint64_t merge_offset(const struct capture *c);
int64_t merge_size(const struct capture *c);
void merge_close(struct capture *c);

/* core/compressed.c.  The magic at p (n bytes): 0 for none, else a kind for inflater_start. */
int inflater_kind(const uint8_t *p, size_t n);
/* Takes buf[pos, end) as the first compressed bytes and gives the capture a fresh buf that
 * fill() fills with decompressed bytes.  0, or -1 with c->error. */
int inflater_start(struct capture *c, int kind);
/* Up to n decompressed bytes: the count, 0 at the end, -1 with c->error. */
ssize_t inflater_read(struct capture *c, uint8_t *out, size_t n);
/* Compressed bytes consumed so far. */
uint64_t inflater_offset(const struct capture *c);
void inflater_end(struct capture *c);
/* After the end of the input: NULL when the compressed stream ended whole (its last gzip member,
 * zstd or lz4 frame complete), else a sentence saying it was cut short. */
const char *inflater_cut(const struct capture *c);
/* c->error = "cut short after frame N (...)" when the compressed stream c reads was cut at a
 * record's boundary (what was read before is whole): -1; else 0 (the end of the capture). */
int capture_end(struct capture *c);
/* For a pipe, FIFO or terminal: waits until it can be read; -1 with c->error "interrupted" when a
 * signal came (poll is never restarted), else 0. */
int capture_wait(struct capture *c);

#endif
