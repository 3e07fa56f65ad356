/* libFuzzer harness (make fuzz): the reader of split-run states (core/replay.c, docs/scale-out.md "The state
 * format"), as `pcaphunt --merge F1 F2 F3` reads them: up to three parts opened as one merge, their
 * records replayed in order, their hosts and UDP answers merged into a flow table.  Input: a mode
 * byte, then the parts separated by SEP (at most three; more separators stay in the third part).
 * Mode 0: each part is a memory file (memfd) read in one go; otherwise the part comes through a
 * SOCK_SEQPACKET socket in messages of lengths drawn from the mode byte (each read() returns one
 * message), so records arrive cut at every place.  Each record is then read as the merge reads it
 * (lua/hunt.c run_merge): a packet's bytes decoded and summarised, a flow's first packet
 * summarised, a warning's text.  Checks: what the reader hands over keeps its bounds (calls of
 * hunts the header names, captures it names, DCID length, flows of IP version 4 or 6), and open,
 * replay and the tables' merge fail only with a message. */
#define _GNU_SOURCE
#include "core/decode.h"
#include "core/replay.h"
#include "core/reset_codes.h"
#include "core/summary.h"
#include "tests/fuzz/memfile.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <unistd.h>

#define MAX_PARTS 3
#define SOCKET_MAX (96 * 1024)   /* larger parts go by memfd: a socket holds this much with its messages' overhead */
static const uint8_t SEP[8] = {0xfe, 0xfd, 'P', 'A', 'R', 'T', 0xfd, 0xfe};

static struct reset_table resets;
static struct flow_table table;   /* its UDP answer counts are 256 KiB: not on the stack */

static void fail(const char *what)
{
    fprintf(stderr, "fuzz_state: %s\n", what);
    abort();
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc; (void)argv;
    reset_table_init(&resets);
    return 0;
}

/* The part's bytes in messages of drawn lengths (1 to about n / 16), then the end: the reading
 * end of the socket pair. */
static int message_file(const uint8_t *b, size_t n, uint32_t seed)
{
    int sv[2];
    if (socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sv) != 0) { perror("socketpair"); exit(2); }
    int big = 4 * SOCKET_MAX;
    setsockopt(sv[1], SOL_SOCKET, SO_SNDBUF, &big, sizeof big);
    setsockopt(sv[0], SOL_SOCKET, SO_RCVBUF, &big, sizeof big);
    size_t most = n / 16 + 1;
    uint32_t x = seed * 2654435761u + 1;
    for (size_t done = 0; done < n;) {
        x ^= x << 13; x ^= x >> 17; x ^= x << 5;
        size_t len = 1 + x % most;
        if (len > n - done) len = n - done;
        ssize_t k = send(sv[1], b + done, len, MSG_DONTWAIT);
        if (k != (ssize_t)len) { perror("send"); exit(2); }
        done += len;
    }
    close(sv[1]);
    return sv[0];
}

/* A record as the merge reads it: the bounds the reader promises, and its contents read. */
static uint64_t consume(const struct replay_record *rec, const struct replay_merge *m)
{
    static struct decoded d;
    char line[512];
    uint64_t sum = 0;
    if (m->last < 0 || m->last >= m->n) fail("the record's source is out of range");
    const struct replay_header *h = &m->src[m->last].header;
    if (rec->ncalls < 0 || rec->ncalls > REPLAY_MAX_CALLS) fail("more calls than consumers");
    for (int i = 0; i < rec->ncalls; i++) {
        if (rec->calls[i].consumer >= h->nhunts) fail("a call of a hunt the header does not name");
        sum += rec->calls[i].consumer + rec->calls[i].events;
    }
    if (rec->has_flow) {
        if (rec->flow.source < 1 || rec->flow.source > h->ncaptures) fail("a flow of a capture the header does not name");
        if (rec->flow.version != 4 && rec->flow.version != 6) fail("a flow of another IP version than 4 or 6");
        if (rec->flow.initiator < 0 || rec->flow.initiator > 1) fail("a flow's initiator is neither endpoint");
        sum += flow_first_summary(line, sizeof line, &rec->flow);
    }
    switch (rec->kind) {
    case R_PACKET: {
        const struct frame *f = &rec->frame;
        if (rec->source < 1 || (uint32_t)rec->source > h->ncaptures) fail("a packet of a capture the header does not name");
        if (rec->dcid_len > sizeof rec->dcid) fail("a DCID longer than 20 bytes");
        if (rec->has_conv && (rec->conv.dir < 0 || rec->conv.dir > 1)) fail("a conversation's direction is neither");
        /* its bytes, in a block of exactly their size so AddressSanitizer sees a read past them */
        uint8_t *b = malloc(f->hdr.caplen ? f->hdr.caplen : 1);
        if (!b) fail("out of memory");
        if (f->hdr.caplen) memcpy(b, f->bytes, f->hdr.caplen);
        decode_frame(&d, f->linktype, b, f->hdr.caplen, f->hdr.len, &resets);
        sum += summary_format(line, sizeof line, f->number, &f->hdr, f->nano, &d, b);
        free(b);
        break;
    }
    case R_WARNING:
        sum += strlen((const char *)rec->bytes);
        break;
    case R_FLOW_END:
    case R_QUOTED:
        break;
    default:
        fail("a record of a kind the merge does not hand over");
    }
    return sum;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) return 0;
    uint8_t mode = data[0];
    const uint8_t *p = data + 1, *end = data + size;
    int fds[MAX_PARTS], n = 0;
    char name[MAX_PARTS][16], *names[MAX_PARTS];
    while (n < MAX_PARTS) {
        const uint8_t *cut = n < MAX_PARTS - 1 ? memmem(p, (size_t)(end - p), SEP, sizeof SEP) : NULL;
        size_t len = cut ? (size_t)(cut - p) : (size_t)(end - p);
        fds[n] = mode && len <= SOCKET_MAX ? message_file(p, len, mode + 977u * (unsigned)n) : fuzz_memory_file("state", p, len);
        snprintf(name[n], sizeof name[n], "part-%d.state", n + 1);
        names[n] = name[n];
        n++;
        if (!cut) break;
        p = cut + sizeof SEP;
    }

    struct replay_merge m;
    volatile uint64_t sum = 0;
    if (replay_merge_open(&m, fds, names, n)) {
        const struct replay_record *rec;
        int rc;
        uint64_t records = 0;
        flow_table_init(&table, 0);
        m.removed = &table;   /* as lua/hunt.c: the flows that left the parts' tables go to the run's table */
        while ((rc = replay_next(&m, &rec)) == 1) {
            sum += consume(rec, &m);
            if (++records > (uint64_t)size / 5 + 1) fail("more records than the input holds");
        }
        if (rc < 0 && !m.err[0]) fail("replay_next failed without a message");
        if (rc != 0 && rc != -1) fail("replay_next returned another value");
        /* as run_merge does, also after a failure: what was merged is still reported */
        uint64_t packets = 0;
        bool damaged = false;
        uint64_t inner;
        if (!replay_merge_tables(&m, &table, &packets, &damaged, &inner) && !m.err[0]) fail("replay_merge_tables failed without a message");
        sum += packets + damaged + table.hused + table.expired + table.total;
        flow_table_free(&table);
    } else if (!m.err[0]) fail("replay_merge_open failed without a message");
    replay_merge_close(&m);
    for (int i = 0; i < n; i++) close(fds[i]);
    (void)sum;
    return 0;
}
