/* Capture input: classic pcap files are read here, record by record, from a 1 MiB
 * buffer that read(2) or a decompressor (core/compressed.c) fills; pcapng is read by
 * core/pcapng.c from the same buffer; older pcap versions go to libpcap.  Errors become
 * short sentences that name the frame where a damaged file stops. */
#define _GNU_SOURCE   /* fopencookie */
#include "reader.h"
#include "readahead.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#define PCAP_FILE_HEADER_LEN 24
#define PCAP_RECORD_HEADER_LEN 16
#define CAPTURE_FIRST_READ ((size_t)64 << 10)
#define PCAP_RECORD_MAX ((size_t)CAPTURE_MAX_BLOCK)   /* the largest buffer */

const char *capture_name(const struct capture *c)
{
    if (!c->path) return "(closed capture)";
    if (c->merge) return merge_name(c);
    return strcmp(c->path, "-") == 0 ? "(stdin)" : c->path;
}

/* libpcap's wording → ours; unknown messages pass through as they are. */
static void translate_open_error(struct capture *c, const char *msg)
{
    if (strstr(msg, "unknown file format") || strstr(msg, "bad dump file format") ||
        strstr(msg, "file is empty") || (strstr(msg, "truncated dump file") && strstr(msg, "file header")))
        snprintf(c->error, sizeof c->error, "not a capture file");
    else if (strstr(msg, "different from the type of the first interface") ||
             (strstr(msg, "snapshot length") && strstr(msg, "different")))
        snprintf(c->error, sizeof c->error,
                 "pcapng interfaces differ in link type or snapshot length, which libpcap cannot "
                 "read in one pass (%s)", msg);
    else if (strncmp(msg, "error reading dump file: ", 25) == 0)
        snprintf(c->error, sizeof c->error, "%s", msg + 25);
    else
        snprintf(c->error, sizeof c->error, "%s", msg);
}

static void filter_forget(struct capture_filter *k);
static int open_capture(struct capture *c, const char *path, const struct capture *was);
static int begin_input(struct capture *c);

/* Up to n bytes of the input: read(2), or the decompressor.  The count, 0 at the end, or -1
 * with c->error. */
static ssize_t source_read(struct capture *c, uint8_t *out, size_t n)
{
    if (c->z) return inflater_read(c, out, n);
    if (capture_wait(c) != 0) return -1;
    ssize_t got = read(c->fd, out, n);
    if (got < 0) snprintf(c->error, sizeof c->error, "%s", errno == EINTR ? "interrupted" : strerror(errno));
    return got;
}

volatile sig_atomic_t capture_interrupted;

int capture_wait(struct capture *c)
{
    /* Signal handlers restart what they interrupt (a write to a slow pipe must not lose output), but
     * ppoll is never restarted: Ctrl-C still stops a read that waits on a pipe; nothing is lost.  The
     * signals are blocked until ppoll lets them in, so one that came just before the wait (its handler
     * set capture_interrupted) ends it too, instead of leaving it waiting for input that never comes. */
    if (c->regular) return 0;
    struct pollfd p = {.fd = c->fd, .events = POLLIN};
    sigset_t stops, old;
    sigemptyset(&stops);
    sigaddset(&stops, SIGINT);
    sigaddset(&stops, SIGTERM);
    sigaddset(&stops, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &stops, &old);
    int r = -1, e = EINTR;
    if (!capture_interrupted) {
        r = ppoll(&p, 1, NULL, &old);
        e = errno;
    }
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (r >= 0 || e != EINTR) return 0;   /* readable, or let read say what is wrong */
    snprintf(c->error, sizeof c->error, "interrupted");
    return -1;
}

/* Appends to the copy of standard input.  0, or -1 with c->error. */
static int spool_write(struct capture *c, const uint8_t *p, size_t n)
{
    while (n > 0) {
        ssize_t w = write(c->spool_fd, p, n);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) {
            snprintf(c->error, sizeof c->error, "cannot keep a copy of %s for a second pass (%s)",
                     strcmp(c->path, "-") != 0 ? "the pipe" : "standard input", w < 0 ? strerror(errno) : "short write");
            return -1;
        }
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

/* Makes `need` unread bytes sit at buf + pos if the input still has them: the unread
 * tail moves to the front, the buffer grows for a record larger than it, source_read fills
 * the rest.  0 (fewer bytes at the end of the input), or -1 with c->error. */
static int fill(struct capture *c, size_t need)
{
    if (c->end - c->pos >= need || c->eof) return 0;
    if (c->keep_start && c->pos + need > PCAP_RECORD_MAX) {
        c->keep_start = false;   /* capture_spool will refuse */
        c->spool_lost = true;
    }
    size_t from = c->keep_start ? 0 : c->pos;
    memmove(c->buf, c->buf + from, c->end - from);
    c->end -= from;
    c->pos -= from;
    need += c->pos;   /* from the start of buf */
    if (need > c->bufsize) {   /* need <= PCAP_RECORD_MAX: the callers check caplen first */
        size_t size = c->bufsize;
        while (size < need) size = size < PCAP_RECORD_MAX / 2 ? size * 2 : PCAP_RECORD_MAX;
        uint8_t *b = realloc(c->buf, size);
        if (!b) {
            snprintf(c->error, sizeof c->error, "out of memory for a %zu-byte record", need);
            return -1;
        }
        c->buf = b;
        c->bufsize = size;
    }
    while (c->end < need) {
        ssize_t n = source_read(c, c->buf + c->end, c->bufsize - c->end);
        if (n > 0 && c->spool_fd >= 0 && !c->spool_replay && spool_write(c, c->buf + c->end, (size_t)n) != 0) return -1;
        if (n > 0) {
            c->end += (size_t)n;
            c->read_total += (uint64_t)n;
        } else if (n == 0) {
            c->eof = true;
            break;
        } else {
            return -1;
        }
    }
    return 0;
}

int capture_fill(struct capture *c, size_t need) { return fill(c, need); }

int capture_skip(struct capture *c, uint64_t n)
{
    while (n > 0) {
        if (c->pos == c->end) {
            if (fill(c, 1) != 0) return -1;
            if (c->pos == c->end) return 0;
        }
        size_t k = c->end - c->pos < n ? c->end - c->pos : (size_t)n;
        c->pos += k;
        n -= k;
    }
    return 1;
}

#define field32 rd32
#define field16 rd16

/* Bytes of the input past buf[pos]: what our reader consumed, or what libpcap's stream
 * has been handed. */
static uint64_t bytes_taken(const struct capture *c)
{
    return c->read_total - (c->end - c->pos);
}

/* libpcap's stream for the formats it reads: first the bytes we already read
 * (buf[pos, end)), then the rest of fd.  Works for pipes, as nothing seeks. */
static ssize_t replay_read(void *cookie, char *out, size_t n)
{
    struct capture *c = cookie;
    if (c->pos < c->end) {
        size_t k = c->end - c->pos < n ? c->end - c->pos : n;
        memcpy(out, c->buf + c->pos, k);
        c->pos += k;
        return (ssize_t)k;
    }
    ssize_t got = source_read(c, (uint8_t *)out, n);
    if (got > 0 && c->spool_fd < 0 && !c->regular) c->spool_lost = true;   /* past buf, copied nowhere: capture_spool refuses */
    if (got > 0 && c->spool_fd >= 0 && !c->spool_replay && spool_write(c, (uint8_t *)out, (size_t)got) != 0) return -1;
    if (got > 0) c->read_total += (uint64_t)got;
    return got;
}

/* Answers ftell (where are we?) and refuses to move. */
static int replay_seek(void *cookie, off64_t *off, int whence)
{
    struct capture *c = cookie;
    if (*off != 0 || whence != SEEK_CUR) {
        errno = ESPIPE;
        return -1;
    }
    *off = (off64_t)bytes_taken(c);
    return 0;
}

static int replay_close(void *cookie)
{
    (void)cookie;   /* capture_close closes fd */
    return 0;
}

/* Hands the input to libpcap; 0 or -1 with c->error. */
static int open_libpcap(struct capture *c)
{
    char errbuf[PCAP_ERRBUF_SIZE] = "";
    cookie_io_functions_t io = {.read = replay_read, .seek = replay_seek, .close = replay_close};
    c->fp = fopencookie(c, "rb", io);
    if (!c->fp) {
        snprintf(c->error, sizeof c->error, "%s", strerror(errno));
        return -1;
    }
    c->iobuf = malloc(CAPTURE_BUFFER_SIZE);
    if (c->iobuf) setvbuf(c->fp, c->iobuf, _IOFBF, CAPTURE_BUFFER_SIZE);
    c->pcap = pcap_fopen_offline_with_tstamp_precision(
        c->fp, c->nano ? PCAP_TSTAMP_PRECISION_NANO : PCAP_TSTAMP_PRECISION_MICRO, errbuf);
    if (!c->pcap) {
        translate_open_error(c, errbuf);
        fclose(c->fp);
        c->fp = NULL;
        return -1;
    }
    c->linktype = pcap_datalink(c->pcap);
    c->snaplen = pcap_snapshot(c->pcap);
    return 0;
}

/* A classic pcap 2.4 file header to link type and snapshot length.  libpcap reads the 24
 * bytes, so that both come out exactly as it would give them: the link type's lower 16 bits
 * mapped to the DLT_ value BPF and the writer expect, a zero or oversized snapshot length
 * replaced by the link type's maximum. */
static int header_info(struct capture *c, const uint8_t *file_header, int *dlt, int *snap)
{
    char errbuf[PCAP_ERRBUF_SIZE] = "";
    uint8_t header[PCAP_FILE_HEADER_LEN];
    memcpy(header, file_header, sizeof header);
    FILE *mem = fmemopen(header, sizeof header, "rb");
    if (!mem) {
        snprintf(c->error, sizeof c->error, "%s", strerror(errno));
        return -1;
    }
    pcap_t *p = pcap_fopen_offline_with_tstamp_precision(
        mem, c->nano ? PCAP_TSTAMP_PRECISION_NANO : PCAP_TSTAMP_PRECISION_MICRO, errbuf);
    if (!p) {
        fclose(mem);
        translate_open_error(c, errbuf);
        return -1;
    }
    *dlt = pcap_datalink(p);
    *snap = pcap_snapshot(p);
    pcap_close(p);   /* closes mem */
    return 0;
}

static int open_classic(struct capture *c)
{
    if (header_info(c, c->buf + c->pos, &c->linktype, &c->snaplen) != 0) return -1;
    c->format = CAPTURE_CLASSIC;
    c->pos += PCAP_FILE_HEADER_LEN;
    return 0;
}

/* For a pcapng interface: the same mapping, through a classic header made for it. */
int capture_linktype(struct capture *c, uint32_t linktype, uint32_t snaplen, int *dlt, int *snap)
{
    uint8_t h[PCAP_FILE_HEADER_LEN] = {0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0};
    for (int i = 0; i < 4; i++) {
        h[16 + i] = (uint8_t)(snaplen >> (8 * i));
        h[20 + i] = (uint8_t)(linktype >> (8 * i));
    }
    bool be = c->big_endian;
    c->big_endian = false;
    int rc = header_info(c, h, dlt, snap);
    c->big_endian = be;
    return rc;
}

/* Reads the first bytes and picks the reader by the magic number. */
static int open_input(struct capture *c)
{
    c->buf = malloc(CAPTURE_BUFFER_SIZE);
    if (!c->buf) {
        snprintf(c->error, sizeof c->error, "out of memory");
        return -1;
    }
    /* the first read takes 64 KiB (the header, the first frames), not the whole buffer: a capture
       opened to wait (capture_release) or among thousands touches no more memory than that */
    c->bufsize = CAPTURE_FIRST_READ;
    int rc = fill(c, PCAP_FILE_HEADER_LEN);
    c->bufsize = CAPTURE_BUFFER_SIZE;
    if (rc != 0) return -1;
    size_t have = c->end - c->pos;
    int kind = inflater_kind(c->buf + c->pos, have);
    if (kind) {   /* compressed: the same again on what the decompressor gives */
        if (inflater_start(c, kind) != 0 || fill(c, PCAP_FILE_HEADER_LEN) != 0) return -1;
        have = c->end - c->pos;
    }
    if (have < 4 || (have < PCAP_FILE_HEADER_LEN && c->z && inflater_cut(c))) {
        if (capture_end(c) == 0)   /* else cut before its first frame */
            snprintf(c->error, sizeof c->error, have || kind ? "not a capture file" : "empty (no capture file header)");
        return -1;
    }
    uint32_t magic = (uint32_t)c->buf[0] << 24 | (uint32_t)c->buf[1] << 16 | (uint32_t)c->buf[2] << 8 | c->buf[3];
    bool classic = true;
    switch (magic) {
    case 0xa1b2c3d4u: c->big_endian = true; c->nano = false; break;
    case 0xd4c3b2a1u: c->big_endian = false; c->nano = false; break;
    case 0xa1b23c4du: c->big_endian = true; c->nano = true; break;
    case 0x4d3cb2a1u: c->big_endian = false; c->nano = true; break;
    case 0x0a0d0d0au: c->nano = false; return pcapng_open(c);   /* per interface (core/pcapng.c) */
    case 0xa1b2cd34u: case 0x34cdb2a1u: classic = false; c->nano = false; break;   /* Kuznetzov's modified pcap: µs, libpcap's */
    default: classic = false; c->nano = true; break;
    }
    if (classic && have < PCAP_FILE_HEADER_LEN) {
        snprintf(c->error, sizeof c->error, "cut short in its pcap file header (%zu of %d bytes)", have, PCAP_FILE_HEADER_LEN);
        return -1;
    }
    /* Versions before 2.4 may have caplen and len swapped: libpcap knows those. */
    if (classic && field16(c, c->buf + 4) == 2 && field16(c, c->buf + 6) == 4) return open_classic(c);
    c->format = CAPTURE_LIBPCAP;
    return open_libpcap(c);
}

/* Descriptors parked captures hold, process-wide (nested loops and loops left unfinished each park
 * their files; a read-ahead thread unparks them): capture_set_aside parks within capture_fd_budget. */
static _Atomic int parked_fds;
static void free_input(struct capture *c, bool close_fd);
static void release_input(struct capture *c) { free_input(c, true); }

/* Everything capture_open made but the path (and, unless close_fd, the descriptor). */
static void free_input(struct capture *c, bool close_fd)
{
    merge_close(c);
    if (c->pcap) pcap_close(c->pcap); /* closes c->fp too */
    else if (c->fp) fclose(c->fp);
    c->pcap = NULL;
    c->fp = NULL;
    inflater_end(c);
    free(c->ifs);
    c->ifs = NULL;
    c->nifs = c->ifs_size = 0;
    if (close_fd) {
        if (c->own_fd && c->fd >= 0) close(c->fd);
        c->fd = -1;
        if (c->parked) parked_fds--;
        c->parked = false;
    }
    free(c->iobuf);
    c->iobuf = NULL;
    free(c->buf);
    c->buf = NULL;
}

int capture_open(struct capture *c, const char *path)
{
    return open_capture(c, path, NULL);
}

/* capture_open; with `was` (a released capture), only when path still names the file it was. */
static int open_capture(struct capture *c, const char *path, const struct capture *was)
{
    memset(c, 0, sizeof *c);
    c->fd = -1;
    c->spool_fd = -1;
    c->path = strdup(path);
    if (!c->path) {
        snprintf(c->error, sizeof c->error, "out of memory");
        return -1;
    }
    c->own_fd = strcmp(path, "-") != 0;
    struct stat pre;
    bool fifo = c->own_fd && (was || (stat(path, &pre) == 0 && S_ISFIFO(pre.st_mode)));   /* was: whatever is there, no wait */
    /* a FIFO opens at once (no wait for a writer in open(), which a signal handler restarts); the
       wait is capture_wait's poll before the first read, which Ctrl-C and SIGTERM end */
    c->fd = c->own_fd ? open(path, O_RDONLY | O_CLOEXEC | (fifo ? O_NONBLOCK : 0)) : STDIN_FILENO;
    if (c->fd >= 0 && fifo) fcntl(c->fd, F_SETFL, fcntl(c->fd, F_GETFL) & ~O_NONBLOCK);
    if (c->fd < 0) {
        snprintf(c->error, sizeof c->error, "%s", strerror(errno));
        return -1;
    }
    struct stat st;
    c->regular = c->own_fd && fstat(c->fd, &st) == 0 && S_ISREG(st.st_mode);   /* stdin: never reopened */
    if (was) {
        bool same = c->regular && (uint64_t)st.st_dev == was->released_dev && (uint64_t)st.st_ino == was->released_ino;
        if (!same || (int64_t)st.st_size < was->released_size) {
            snprintf(c->error, sizeof c->error, "%s", !same ? "another file is at its path since it was first read"
                                                            : "the file shrank since it was first read");
            release_input(c);
            return -1;
        }
    }
    return begin_input(c);
}

/* An input whose descriptor is open (fd, own_fd, regular set): its header read, at its first frame. */
static int begin_input(struct capture *c)
{
    c->keep_start = !c->regular;   /* capture_spool copies a pipe from its first byte */
    int rc = open_input(c);
    c->keep_start = false;
    if (rc != 0) {
        release_input(c);   /* the path stays for capture_name; capture_close frees it */
        return -1;
    }
    c->at_start = true;
    return 0;
}

int capture_end(struct capture *c)
{
    const char *cut = c->z ? inflater_cut(c) : NULL;
    if (!cut) return 0;
    if (c->frame_no == 0) snprintf(c->error, sizeof c->error, "cut short before its first frame: %s", cut);
    else snprintf(c->error, sizeof c->error, "cut short after frame %llu (%s)", (unsigned long long)c->frame_no, cut);
    return -1;
}

/* The next record of a classic pcap file. */
static int next_classic(struct capture *c, struct frame *f)
{
    unsigned long long n = (unsigned long long)c->frame_no + 1;
    if (c->end - c->pos < PCAP_RECORD_HEADER_LEN) {
        if (fill(c, PCAP_RECORD_HEADER_LEN) != 0) return -1;
        size_t have = c->end - c->pos;
        if (have == 0) return capture_end(c);
        if (have < PCAP_RECORD_HEADER_LEN) {
            snprintf(c->error, sizeof c->error,
                     "cut short in the middle of frame %llu (truncated dump file; tried to read %d header "
                     "bytes, only got %zu)", n, PCAP_RECORD_HEADER_LEN, have);
            return -1;
        }
    }
    const uint8_t *h = c->buf + c->pos;
    uint32_t caplen = field32(c, h + 8);
    if (caplen > CAPTURE_MAX_CAPLEN) {
        snprintf(c->error, sizeof c->error, "frame %llu: record claims %lu captured bytes, more than any "
                 "capture holds", n, (unsigned long)caplen);
        return -1;
    }
    size_t need = PCAP_RECORD_HEADER_LEN + (size_t)caplen;
    if (c->end - c->pos < need) {
        if (fill(c, need) != 0) return -1;
        h = c->buf + c->pos;   /* fill may have moved the record */
        size_t have = c->end - c->pos;
        if (have < need) {
            snprintf(c->error, sizeof c->error,
                     "cut short in the middle of frame %llu (truncated dump file; tried to read %lu captured "
                     "bytes, only got %zu)", n, (unsigned long)caplen, have - PCAP_RECORD_HEADER_LEN);
            return -1;
        }
    }
    c->at_start = false;
    f->number = ++c->frame_no;
    f->hdr.ts.tv_sec = (time_t)field32(c, h);
    f->hdr.ts.tv_usec = (suseconds_t)field32(c, h + 4);
    f->hdr.caplen = caplen;
    f->hdr.len = field32(c, h + 12);
    f->nano = c->nano;
    f->linktype = c->linktype;
    f->bytes = h + PCAP_RECORD_HEADER_LEN;
    f->filter_of = NULL;
    c->pos += need;
    return 1;
}

void capture_take_libpcap(struct capture *c, struct frame *f, const struct pcap_pkthdr *hdr, const uint8_t *data)
{
    c->at_start = false;
    f->number = ++c->frame_no;
    f->hdr = *hdr;
    f->nano = c->nano;
    f->linktype = c->linktype;
    f->bytes = data;
    f->filter_of = NULL;
}

/* The next frame from libpcap, its errors translated. */
static int next_libpcap(struct capture *c, struct frame *f)
{
    struct pcap_pkthdr *hdr;
    const u_char *data;
    int rc = pcap_next_ex(c->pcap, &hdr, &data);
    if (rc == 1) {
        capture_take_libpcap(c, f, hdr, data);
        return 1;
    }
    if (rc == PCAP_ERROR_BREAK) return capture_end(c);   /* a compressed stream cut between frames too */
    const char *msg = pcap_geterr(c->pcap);
    if (strstr(msg, "different from the type of the first interface") ||
        (strstr(msg, "snapshot length") && strstr(msg, "different")))
        translate_open_error(c, msg);
    else if (strstr(msg, "truncated"))
        snprintf(c->error, sizeof c->error, "cut short in the middle of frame %llu (%s)",
                 (unsigned long long)c->frame_no + 1, msg);
    else if (strncmp(msg, "error reading dump file: ", 25) == 0)
        snprintf(c->error, sizeof c->error, "%s", msg + 25);
    else
        snprintf(c->error, sizeof c->error, "frame %llu: %s", (unsigned long long)c->frame_no + 1, msg);
    return -1;
}

int capture_next(struct capture *c, struct frame *f)
{
    if (c->ahead) {
        const struct ra_frame *fr;
        int rc = readahead_take(c, &fr);
        if (rc == 1) *f = fr->f;
        return rc;
    }
    return capture_read_next(c, f);
}

/* A regular file of its own, open, that can be read again from its start: one that may wait. */
static bool can_wait(const struct capture *c)
{
    return c->regular && !c->live && !c->merge && c->spool_fd < 0 && c->fd >= 0 && c->path;
}

void capture_release(struct capture *c)
{
    if (!can_wait(c)) return;
    readahead_detach(c);
    struct stat st;
    if (fstat(c->fd, &st) != 0) return;   /* keep it open: its identity is unknown */
    c->released_size = (int64_t)st.st_size;
    c->released_dev = (uint64_t)st.st_dev;
    c->released_ino = (uint64_t)st.st_ino;
    release_input(c);
    c->released = true;
}

void capture_park(struct capture *c)
{
    if (!can_wait(c) || !c->own_fd || c->pcap || c->fp) return;   /* kept open only for our own reader */
    readahead_detach(c);
    free_input(c, false);
    c->parked = true;
    parked_fds++;
}

void capture_set_aside(struct capture *c)
{
    if (parked_fds < capture_fd_budget()) capture_park(c);
    if (!c->parked) capture_release(c);
}

/* A parked capture read again from its first byte, through the descriptor it kept: the file it was
 * opened as, whatever its path names now. */
static int unpark(struct capture *c)
{
    parked_fds--;
    int fd = c->fd;
    char *path = c->path;
    struct capture_filter k = c->filter;
    memset(c, 0, sizeof *c);
    c->fd = fd;
    c->own_fd = true;
    c->regular = true;
    c->spool_fd = -1;
    c->path = path;
    c->filter = k;
    if (lseek(fd, 0, SEEK_SET) != 0) {
        snprintf(c->error, sizeof c->error, "cannot read it again: %s", strerror(errno));
        release_input(c);
        return -1;
    }
    return begin_input(c);
}

int capture_fd_budget(void)
{
    struct rlimit r;
    if (getrlimit(RLIMIT_NOFILE, &r) != 0 || r.rlim_cur == RLIM_INFINITY) return 1 << 20;
    return r.rlim_cur > 128 ? (int)((r.rlim_cur - 64) / 2) : 0;
}

/* A released capture opened again, from its start, keeping its filter: only the file it was (the same
 * device and inode, a regular file no shorter than it was), never what now stands at its path (another
 * capture, a FIFO that would wait for a writer, an emptied file), which is an error. */
static int reopen(struct capture *c)
{
    struct capture was = *c;   /* its identity, path and filter (the struct is made anew) */
    memset(&c->filter, 0, sizeof c->filter);
    c->path = NULL;
    int rc = open_capture(c, was.path, &was);
    free(was.path);
    filter_forget(&c->filter);
    c->filter = was.filter;
    if (rc != 0) {
        char e[sizeof c->error];
        snprintf(e, sizeof e, "%s", c->error);
        snprintf(c->error, sizeof c->error, "cannot read it again: %.400s", e);
        c->reopen_failed = true;
    }
    return rc;
}

int capture_read_next(struct capture *c, struct frame *f)
{
    if (c->parked && unpark(c) != 0) return -1;
    if (c->released && reopen(c) != 0) return -1;
    if (c->merge) return merge_next(c, f);
    f->source = 0;
    f->comment = NULL;
    f->comment_len = 0;
    if (c->live && c->pcap) return live_next(c, f);
    if (c->pcap) return next_libpcap(c, f);
    if (c->fd >= 0 && c->buf) return c->format == CAPTURE_PCAPNG ? pcapng_next(c, f) : next_classic(c, f);
    snprintf(c->error, sizeof c->error, "capture is closed");
    return -1;
}

bool capture_peek(const struct capture *c, const uint8_t **bytes, uint32_t *caplen)
{
    if (c->ahead) return false;   /* the engine looks into the ring instead */
    /* only the classic reader keeps the next record in its own buffer */
    if (c->merge || c->pcap || c->fd < 0 || !c->buf || c->format == CAPTURE_PCAPNG) return false;
    if (c->end - c->pos < PCAP_RECORD_HEADER_LEN) return false;
    const uint8_t *h = c->buf + c->pos;
    uint32_t n = field32(c, h + 8);
    if (n > c->end - c->pos - PCAP_RECORD_HEADER_LEN) return false;   /* not all in the buffer yet */
    *bytes = h + PCAP_RECORD_HEADER_LEN;
    *caplen = n;
    return true;
}

uint64_t capture_offset(const struct capture *c)
{
    return c->ahead ? readahead_offset(c) : capture_read_offset(c);
}

uint64_t capture_read_offset(const struct capture *c)
{
    if (c->merge) return merge_offset(c);
    if (c->released || c->parked) return 0;
    if (c->z) return inflater_offset(c);
    if (c->pcap && c->fp) {
        long pos = ftell(c->fp);   /* bytes_taken less what stdio holds unread */
        if (pos >= 0) return (uint64_t)pos;
    }
    return bytes_taken(c);
}

int64_t capture_size(const struct capture *c)
{
    struct stat st;
    if (c->merge) return merge_size(c);
    if (c->released) return c->released_size;
    if (c->fd < 0 || fstat(c->fd, &st) != 0 || !S_ISREG(st.st_mode)) return -1;
    return (int64_t)st.st_size;
}

void capture_close(struct capture *c)
{
    readahead_detach(c);   /* first: its thread reads c */
    release_input(c);
    filter_forget(&c->filter);
    if (c->spool_fd >= 0) close(c->spool_fd);
    c->spool_fd = -1;
    free(c->path);
    c->path = NULL;
}

int capture_spool(struct capture *c)
{
    if (c->regular || c->spool_fd >= 0) return 0;
    if (!c->buf || !c->at_start || c->spool_lost) {   /* libpcap's formats: what it read is buf's, if no more yet */
        snprintf(c->error, sizeof c->error, "%s can be read only once", strcmp(c->path, "-") != 0 ? "a pipe" : "standard input");
        return -1;
    }
    const char *dir = getenv("TMPDIR");
    if (!dir || !*dir) dir = "/tmp";
    size_t n = strlen(dir) + sizeof "/pcaphunt-stdin-XXXXXX";
    char *path = malloc(n);
    if (!path) {
        snprintf(c->error, sizeof c->error, "out of memory");
        return -1;
    }
    snprintf(path, n, "%s/pcaphunt-stdin-XXXXXX", dir);
    int fd = mkostemp(path, O_CLOEXEC);
    if (fd < 0) free(path);
    if (fd < 0) {
        snprintf(c->error, sizeof c->error, "cannot keep a copy of %s for a second pass (%s)",
                 strcmp(c->path, "-") != 0 ? "the pipe" : "standard input", strerror(errno));
        return -1;
    }
    unlink(path);
    free(path);
    c->spool_fd = fd;
    return spool_write(c, c->buf, c->end);   /* everything read so far, from the first byte */
}

/* Standard input or a pipe again, from its copy: the capture is opened anew on it, named as before. */
static int rewind_spool(struct capture *c)
{
    char *name = strdup(c->path);
    if (!name) {
        snprintf(c->error, sizeof c->error, "out of memory");
        return -1;
    }
    int spool = c->spool_fd;
    c->spool_fd = -1;
    struct capture_filter k = c->filter;
    memset(&c->filter, 0, sizeof c->filter);
    capture_close(c);
    char proc[64];
    snprintf(proc, sizeof proc, "/proc/self/fd/%d", spool);
    int rc = capture_open(c, proc);
    c->filter = k;
    c->spool_fd = spool;
    c->spool_replay = true;
    free(c->path);
    c->path = name;
    return rc;
}

int capture_rewind(struct capture *c)
{
    readahead_detach(c);   /* what it read ahead goes: reading starts again anyway */
    if (c->merge) return merge_rewind(c);
    if (c->at_start || c->released || c->parked) return 0;   /* released, parked: read again from its start when read */
    if (c->spool_fd >= 0) return rewind_spool(c);
    if (!c->regular || c->live) {   /* reopening a FIFO would wait for a writer that never comes */
        if (c->live) snprintf(c->error, sizeof c->error, "a live capture cannot be read again");
        else snprintf(c->error, sizeof c->error, "%s can be read only once", strcmp(c->path, "-") != 0 ? "a pipe" : "standard input");
        return -1;
    }
    char *path = strdup(c->path);
    if (!path) return -1;
    struct capture_filter k = c->filter;   /* the filter stays the capture's */
    memset(&c->filter, 0, sizeof c->filter);
    capture_close(c);
    int rc = capture_open(c, path);
    free(path);
    c->filter = k;
    return rc;
}

/* A handle libpcap compiles for as for a capture file of this byte order: for BSD loopback
 * (DLT_NULL, DLT_ENC) its filters then test the AF_ value of every BSD (AF_INET6 is 24, 28 or 30)
 * in the file's byte order, as tcpdump -r does; a dead handle tests this host's AF_INET6 (10) alone.
 * The file is a pcap header and no record, in memory.  NULL when it cannot be made. */
static pcap_t *file_handle(int linktype, bool big_endian)
{
    /* magic, version 2.4, time zone, sigfigs, snapshot length, link type */
    const uint32_t field[] = {0xa1b2c3d4u, 0, 0, 0, 262144, (uint32_t)linktype};
    uint8_t h[24];
    for (int i = 0; i < 6; i++)
        for (int k = 0; k < 4; k++) h[i * 4 + k] = (uint8_t)(big_endian ? field[i] >> (24 - 8 * k) : field[i] >> (8 * k));
    const uint16_t version[2] = {2, 4};
    for (int i = 0; i < 2; i++) {
        h[4 + 2 * i] = (uint8_t)(big_endian ? version[i] >> 8 : version[i]);
        h[5 + 2 * i] = (uint8_t)(big_endian ? version[i] : version[i] >> 8);
    }
    FILE *fp = fmemopen(NULL, sizeof h, "w+b");   /* its own buffer, freed by fclose (pcap_close) */
    if (!fp) return NULL;
    if (fwrite(h, 1, sizeof h, fp) != sizeof h) { fclose(fp); return NULL; }
    rewind(fp);
    char errbuf[PCAP_ERRBUF_SIZE];
    pcap_t *p = pcap_fopen_offline(fp, errbuf);   /* reads the header now; owns fp */
    if (!p) fclose(fp);
    return p;
}

/* Compiles expr with handle dead, which it closes (NULL: out of memory); 0, or -1 with err. */
static int compile_with(pcap_t *dead, const char *expr, struct bpf_program *prog, char *err, size_t errsz)
{
    if (!dead) {
        snprintf(err, errsz, "out of memory");
        return -1;
    }
    int rc = pcap_compile(dead, prog, expr, 1, PCAP_NETMASK_UNKNOWN);
    /* the error names the expression; a long one by its start and its length, so libpcap's reason fits */
    size_t n = strlen(expr);
    if (rc != 0 && n <= 200) snprintf(err, errsz, "bad filter \"%s\": %s", expr, pcap_geterr(dead));
    else if (rc != 0) snprintf(err, errsz, "bad filter \"%.120s...\" (%zu bytes): %s", expr, n, pcap_geterr(dead));
    pcap_close(dead);
    return rc == 0 ? 0 : -1;
}

int bpf_compile_for(int linktype, const char *expr, struct bpf_program *prog, char *err, size_t errsz)
{
    pcap_t *dead = pcap_open_dead(linktype, 262144);
    return compile_with(dead, expr, prog, err, errsz);
}

bool capture_filter_order(int linktype)
{
    return linktype == DLT_NULL || linktype == DLT_LOOP || linktype == DLT_ENC;
}

/* For frames of a capture file of this byte order: as tcpdump -r compiles for it (file_handle); a
 * live capture's as for its host. */
static int bpf_compile_for_file(const struct capture *c, int linktype, bool big_endian, const char *expr,
                                struct bpf_program *prog, char *err, size_t errsz)
{
    pcap_t *h = !c->live && capture_filter_order(linktype) ? file_handle(linktype, big_endian) : NULL;
    return compile_with(h ? h : pcap_open_dead(linktype, 262144), expr, prog, err, errsz);
}

static void filter_forget(struct capture_filter *k)
{
    for (int i = 0; i < k->nalt; i++) {
        if (k->alt[i]->ok) pcap_freecode(&k->alt[i]->prog);
        free(k->alt[i]);
    }
    free(k->alt);
    free(k->expr);
    memset(k, 0, sizeof *k);
}

int capture_compile(struct capture *c, const char *expr, struct bpf_program *prog)
{
    if (bpf_compile_for_file(c, c->linktype, c->big_endian, expr, prog, c->error, sizeof c->error) != 0) return -1;
    filter_forget(&c->filter);
    c->filter.big_endian = c->big_endian;
    c->filter.expr = strdup(expr);   /* without it, frames of other link types run prog as before */
    c->filter.prog = c->filter.expr ? prog : NULL;
    return 0;
}

const struct bpf_program *capture_filter_for(struct capture *c, int linktype, bool big_endian)
{
    struct capture_filter *k = &c->filter;
    if (!capture_filter_order(linktype)) big_endian = false;   /* one program for both orders */
    for (int i = 0; i < k->nalt; i++)
        if (k->alt[i]->linktype == linktype && k->alt[i]->big_endian == big_endian) return k->alt[i]->ok ? &k->alt[i]->prog : NULL;
    struct capture_filter_alt **alt = realloc(k->alt, (size_t)(k->nalt + 1) * sizeof *alt);
    if (!alt) return NULL;
    k->alt = alt;
    struct capture_filter_alt *a = calloc(1, sizeof *a);
    if (!a) return NULL;
    alt[k->nalt++] = a;
    char err[PCAP_ERRBUF_SIZE + 64];
    a->linktype = linktype;
    a->big_endian = big_endian;
    a->ok = bpf_compile_for_file(c, linktype, big_endian, k->expr, &a->prog, err, sizeof err) == 0;
    return a->ok ? &a->prog : NULL;
}

bool capture_filter_match(const struct bpf_program *prog, const struct frame *f)
{
    if (f->filter_of && f->filter_of == prog) {
        if (!f->filter_alt) return false;
        prog = f->filter_alt;
    }
    return pcap_offline_filter(prog, &f->hdr, f->bytes) != 0;
}
