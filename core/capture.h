/* Capture input: classic pcap (either byte order and precision) and pcapng (every
 * interface with its own link type, snapshot length and time stamp resolution) through our
 * own buffered readers, older pcap versions through libpcap; from a path, a pipe or standard
 * input, plain or gzip/zstd/lz4-compressed (known by the magic); one frame at a time, with
 * errors as one clear sentence; plus the evidence writer. */
#ifndef PCAPHUNT_CAPTURE_H
#define PCAPHUNT_CAPTURE_H

#include <pcap/pcap.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

/* One frame; `bytes` is valid until the next capture_next(). */
struct frame {
    uint64_t number;          /* 1-based, per capture */
    struct pcap_pkthdr hdr;   /* ts.tv_usec holds nanoseconds when `nano`, else microseconds */
    bool nano;                /* the time stamp's resolution is finer than a microsecond (pcap magic a1b23c4d,
                                 a pcapng interface of more than 10^6 units a second, a live nanosecond clock) */
    int linktype;
    const uint8_t *bytes;
    int source;               /* a merged capture's part (1-based) the frame is from; 0: not merged */
    const uint8_t *comment;   /* pcapng: the frame's first opt_comment (UTF-8, not NUL-ended), or NULL */
    uint32_t comment_len;
    /* A pcapng frame whose interface's link type is not the capture's: the capture's filter
     * (capture_compile) and the same expression compiled for this frame's link type, which
     * capture_filter_match runs instead (NULL: the expression cannot hold there, no match). */
    const struct bpf_program *filter_of, *filter_alt;
};

/* A pcapng interface: link type as libpcap's DLT_ value, snapshot length as the file says it
 * (0: none), time stamp units per second (if_tsresol 10^-n or 2^-n; 10^6 without it) and offset in
 * seconds. */
struct pcapng_if {
    int linktype;
    uint32_t file_linktype;   /* as the block says it */
    uint32_t snaplen;
    uint64_t units;
    int64_t offset;
    bool nano;                /* units > 10^6: its frames carry nanoseconds, else microseconds */
};

struct inflater;              /* core/compressed.c */
struct capture_merge;         /* core/merge.c */
struct capture_writer;

/* The expression of the capture's filter, and its programs for the other link types met (and, for
 * BSD loopback, whose AF values are in the writer's byte order, for the other byte order). */
struct capture_filter {
    char *expr;
    const struct bpf_program *prog;    /* the caller's, for c->linktype (identity only) */
    bool big_endian;                   /* the byte order prog was compiled for (capture_filter_order) */
    /* each its own allocation: a frame read ahead keeps pointing at its program (readahead.h) */
    struct capture_filter_alt { int linktype; bool big_endian, ok; struct bpf_program prog; } **alt;
    int nalt;
};

enum capture_format { CAPTURE_CLASSIC, CAPTURE_PCAPNG, CAPTURE_LIBPCAP, CAPTURE_LIVE };

struct capture {
    int fd;                   /* the input (0 for standard input); -1 when closed */
    bool own_fd;              /* fd is ours to close (not standard input) */
    bool regular;             /* a regular file: it can be opened again; else a pipe, FIFO, terminal... */
    uint8_t *buf;             /* read(2) buffer: unread bytes are buf[pos, end) */
    size_t bufsize, pos, end;
    uint64_t read_total;      /* bytes put into buf so far (decompressed when compressed) */
    bool eof;
    enum capture_format format;
    bool big_endian;          /* classic pcap record fields, or the pcapng section's byte order */
    struct inflater *z;       /* the input is compressed: fill() reads through this */
    struct capture_merge *merge;   /* several captures read as one (capture_open_merge) */
    struct pcapng_if *ifs;    /* pcapng: the current section's interfaces */
    uint32_t nifs, ifs_size;
    pcap_t *pcap;             /* libpcap reads the file (old pcap versions) */
    FILE *fp;                 /* libpcap's stream: first buf's bytes, then fd */
    char *iobuf;
    char *path;               /* as given; "-" is standard input */
    int linktype;             /* pcapng: the first interface's (frames carry their own) */
    int snaplen;
    bool nano;                /* frames finer than microseconds: classic pcap's magic, libpcap's, a live
                                 clock's; pcapng: an interface described before the first packet */
    bool live;                /* an interface (core/live.c): pcap is the live handle */
    volatile sig_atomic_t *stop;   /* live: when set, capture_next returns -2 (stopped) */
    volatile sig_atomic_t *end_flag;   /* live: when set, capture_next returns 0 (the capture ends) */
    double deadline;          /* live: CLOCK_MONOTONIC seconds at which the capture ends; 0: none */
    struct capture_writer *tee;    /* live: every packet read is also written here, or NULL */
    bool at_start;
    bool parked;              /* a regular file's buffers let go, its descriptor kept (capture_park): read again from
                                 its first byte when next read */
    bool released;            /* a regular file let go (capture_release): read again from its start when next read */
    bool reopen_failed;       /* ... and opening it again failed (gone, changed, no descriptor): error says why */
    int64_t released_size;    /* its size then */
    uint64_t released_dev, released_ino;   /* the file it was: opened again only if the path still names it */
    uint64_t frame_no;
    bool keep_start;          /* while opening standard input: buf keeps every byte from the first */
    bool spool_lost;          /* ... which was too much to keep */
    int spool_fd;             /* standard input is copied here for a second pass; -1: not */
    bool spool_replay;        /* reading the copy back */
    struct readahead *ahead;  /* core/readahead.c: a thread reads this capture ahead; NULL: none */
    struct capture_filter filter;
    char error[512];          /* last error, "PATH: REASON" style without the path */
};

#define CAPTURE_BUFFER_SIZE (1u << 20)
/* A record claiming more captured bytes than this (64 of libpcap's largest snapshot
 * length) is damage, not a frame. */
#define CAPTURE_MAX_CAPLEN (262144u * 64)
/* The largest pcapng block we hold in memory (a packet block of that caplen with room for
 * options); larger blocks of other types are skipped. */
#define CAPTURE_MAX_BLOCK (CAPTURE_MAX_CAPLEN + 65536u)

/* Returns 0, or -1 with a reason in c->error (the path is not repeated in it). */
int capture_open(struct capture *c, const char *path);
/* Several open captures read as one stream in time-stamp order (mergecap's: the earliest first,
 * ties to the earlier part); frames keep their numbers within their part and carry its index in
 * `source`.  owned[i]: parts[i] (malloc'ed) is closed and freed with c; the others stay the
 * caller's and must outlive c.  The link type is the first part's.  0, or -1 (out of memory, the
 * owned parts already closed). */
int capture_open_merge(struct capture *c, struct capture **parts, const bool *owned, int n);
/* 1: a frame; 0: end of capture; -1: error, reason in c->error; -2: a live capture's
 * c->stop was set. */
int capture_next(struct capture *c, struct frame *f);
/* The bytes of the frame capture_next will return next, when the classic reader already holds
 * them all (for a look ahead: they stay valid only until capture_next); false otherwise. */
bool capture_peek(const struct capture *c, const uint8_t **bytes, uint32_t *caplen);
/* Start again from the first frame (regular files, and pipes, FIFOs and standard input after
 * capture_spool; never reopens a FIFO, which would wait for a writer).  0 or -1 with c->error. */
int capture_rewind(struct capture *c);
/* Lets go of a regular file's descriptor and buffers, keeping what was learnt at open (link type,
 * precision, filter, path): a capture that waits costs no descriptor and no memory, so thousands can
 * wait to be read.  The next capture_next opens it again and reads from its first frame;
 * capture_rewind leaves it so.  No-op for other inputs (pipes, standard input, live, merged). */
void capture_release(struct capture *c);
/* As capture_release, keeping the descriptor: the capture read later is the file opened, whatever its
 * path names by then (a ring of rotated files being overwritten); costs a descriptor and no memory. */
void capture_park(struct capture *c);
/* How many captures may wait parked (holding a descriptor) at once: half of what the process may open. */
int capture_fd_budget(void);
/* A capture that waits to be read: parked while the process's parked captures stay within the budget
 * (and it can be: a regular file read by our own reader), else released. */
void capture_set_aside(struct capture *c);
/* Right after capture_open of an input that cannot be read twice (standard input, a pipe, a
 * FIFO): keep a copy of what is read (an unlinked temporary file in $TMPDIR or /tmp) so that
 * capture_rewind can read it again.  No-op for regular files; 0 or -1 with c->error. */
int capture_spool(struct capture *c);
void capture_close(struct capture *c);
/* Display name for messages: the path, or "(stdin)". */
const char *capture_name(const struct capture *c);
/* After capture_next gave -1: each capture whose reading stopped on damage, fn(ctx, name, reason),
 * in the order they stopped (every damaged part of a merged capture, each with its own reason;
 * else c itself with c->error). */
void capture_each_damaged(const struct capture *c, void (*fn)(void *ctx, const char *name, const char *reason), void *ctx);
/* Bytes of the input consumed so far (for progress; best effort when libpcap reads). */
uint64_t capture_offset(const struct capture *c);
/* Size of the input when it is a regular file, else -1. */
int64_t capture_size(const struct capture *c);

/* Compile a BPF expression for this capture's link type. 0 or -1 with c->error.  The latest
 * program compiled so stays the capture's filter: on frames of a pcapng interface with another
 * link type, capture_filter_match runs the expression compiled for that link type instead
 * (made once per link type; where it does not compile, such frames do not match).  Programs
 * from bpf_compile_for know no capture: they are run as they are on every frame. */
int capture_compile(struct capture *c, const char *expr, struct bpf_program *prog);
bool capture_filter_match(const struct bpf_program *prog, const struct frame *f);
/* The program for a frame of this link type (pcapng readers); NULL: the expression cannot hold. */
const struct bpf_program *capture_filter_for(struct capture *c, int linktype, bool big_endian);
/* True when a filter for frames of this link type depends on the file's byte order and its being a
 * file (BSD loopback: DLT_NULL, DLT_LOOP, DLT_ENC, whose programs test every BSD's AF values). */
bool capture_filter_order(int linktype);
/* True when frame f of a file of byte order big_endian needs another program than c's filter. */
static inline bool capture_filter_other(const struct capture *c, int linktype, bool big_endian)
{
    return c->filter.prog && (linktype != c->linktype || (capture_filter_order(linktype) && big_endian != c->filter.big_endian));
}
/* Compile for a link type alone (no open capture), e.g. for a writer. */
int bpf_compile_for(int linktype, const char *expr, struct bpf_program *prog, char *err, size_t errsz);

/* Live capture (core/live.c).  snaplen 0: 262144; duration 0: until stopped. */
struct live_options {
    int snaplen;
    bool promisc;
    double duration;          /* seconds */
};
/* Opens and activates an interface (nonblocking, immediate delivery, nanosecond time stamps
 * where the kernel gives them).  0, or -1 with c->error (the device is not repeated in it);
 * a warning from activation (e.g. no promiscuous mode) goes to `warning` ("" for none). */
int live_open(struct capture *c, const char *device, const struct live_options *o, char *warning, size_t warnsz);
/* The capture filter, compiled for the device and run in the kernel.  0 or -1 with c->error. */
int live_set_filter(struct capture *c, const char *expr);
/* "N packets captured, N received by filter, N dropped by kernel, N dropped by interface";
 * -1 when the capture is not live or libpcap cannot tell. */
int live_stats(const struct capture *c, char *out, size_t outsz);
/* -D: one line per interface, "1.eth0 (description) [Up, Running]".  0, or -1 with err. */
int live_list_devices(FILE *out, char *err, size_t errsz);
/* One -D line, as tcpdump prints it: "N.name (description) [Up, Running, ...]", [none] without flags. */
void live_device_line(FILE *out, int number, const pcap_if_t *d);
/* -Z USER: when root, becomes USER (its groups, group and user id) for good.  0, or -1 with err. */
int live_drop_privileges(const char *user, char *err, size_t errsz);

/* Evidence writer (core/writer.c): classic pcap (libpcap writes it) while every frame has the
 * link type the writer was opened with; from the first frame of another link type, or dated before
 * 1970 or past 2106 (a pcap's 32-bit seconds), on, pcapng with one interface per link type,
 * resolution and time offset (if_tsoffset: 0, or for a time a 64-bit count of the units cannot hold,
 * the frame's seconds rounded down to a multiple of 2^32) (the frames so far are carried over).  The classic
 * file starts at the precision writer_open is given (microseconds, or nanoseconds when the input is
 * finer); the first nanosecond frame written to a microsecond file makes it a nanosecond one (the
 * stamps so far times 1000, exact).  A path is written under a
 * temporary name in its directory (".NAME.pcaphunt-XXXXXX") and renamed over NAME by
 * writer_close, so NAME is either the complete file or untouched; "-" (standard output) and
 * existing non-regular files (a FIFO, /dev/null) are written directly, and there a frame of another
 * link type cannot be written (writer_write returns 1), nor a frame outside 1970 to 2106 unless the
 * output began as pcapng (returns 2), and a nanosecond frame in a microsecond file is written to the
 * microsecond (counted in `coarsened`). */
struct capture_writer {
    pcap_t *dead;             /* classic pcap: libpcap's dumper */
    pcap_dumper_t *dumper;
    FILE *fp;                 /* pcapng: our blocks */
    bool pcapng;
    int linktype;             /* the first frame's link type (the classic file's) */
    int snaplen;
    bool nano;
    struct writer_if { int linktype; bool nano; int64_t offset; } *ifs;   /* pcapng: each interface's link
                                 type, resolution (10^-9 or 10^-6) and if_tsoffset (seconds), in order */
    uint32_t nifs, ifs_cap;
    uint32_t *if_slots;       /* an index of ifs (core/writer.c find_interface); if_slots_cap: a power of two or 0 */
    uint32_t if_slots_cap;
    mode_t mode;              /* permissions of the file made */
    char *path;               /* the name to rename to (symbolic links resolved); NULL: written directly */
    char *tmp;                /* the temporary file being written, or NULL */
    char *tmp2;               /* while carrying frames over to pcapng: the pcapng file */
    struct capture_writer *next;   /* the writers with a temporary file, for writer_remove_temps */
    uint64_t written;
    uint64_t skipped;         /* frames of another link type that could not be written (direct output) */
    uint64_t coarsened;       /* nanosecond frames written to the microsecond (direct output begun at microseconds) */
    uint64_t out_of_time;     /* frames before 1970 or past 2106 that a pcap written directly could not hold */
    bool flush_each;          /* set after writer_open: direct output (-w -, a FIFO) is flushed after every
                                 frame, as tcpdump -U does (a live capture piped to another tool) */
    char error[256];          /* the reason of the last failure (without the path) */
};

/* A file that is not a capture written as -w writes one: "-" is standard output; a new or regular
 * file is written under a temporary name beside it (a symbolic link followed, a replaced file's
 * permissions kept) and renamed when complete, removed if the process ends by a signal; a FIFO or
 * device is written directly.  file_out_open: the fd to write to, or -1 with the reason in err
 * (no path in it).  file_out_close: done = keep what was written (rename); 0, or -1 with err. */
int file_out_open(struct capture_writer *w, const char *path, char *err, size_t errsz);
/* Counted by the signal handlers: a wait for a FIFO's reader (-w, --state-out) ends at one. */
extern volatile sig_atomic_t writer_signals;
/* Set by the program's SIGINT/SIGTERM/SIGHUP handler while an interrupt is pending (cleared once it is
 * dealt with): a wait for input (capture_wait) or for a FIFO's reader that begins then ends at once. */
extern volatile sig_atomic_t capture_interrupted;
int file_out_close(struct capture_writer *w, int fd, bool done, char *err, size_t errsz);
/* 0, or -1 with the reason in err. */
int writer_open(struct capture_writer *w, const char *path, int linktype, int snaplen, bool nano,
                char *err, size_t errsz);
/* Writes one frame of this link type and precision (nano: hdr's fraction counts nanoseconds).
 * 0 written, 1 not written (another link type on direct output: counted in w->skipped), 2 not
 * written (a time a direct pcap output cannot hold: counted in w->out_of_time), -1 w->error. */
int writer_write(struct capture_writer *w, const struct pcap_pkthdr *hdr, bool nano, int linktype,
                 const uint8_t *bytes);
/* Completes the file: flushed, synced and renamed to its name.  0, or -1 with w->error (then no
 * file is left but what was there before). */
int writer_close(struct capture_writer *w);
/* Gives up: the temporary file is removed, the name keeps what it had. */
void writer_abort(struct capture_writer *w);
/* For a fatal signal's handler (async-signal-safe): removes every open writer's temporary files. */
void writer_remove_temps(void);

#endif
