/* The evidence writer (see capture.h): classic pcap through libpcap, made a nanosecond file in
 * place when a finer frame comes, our own pcapng once frames of a second link type come, and the
 * file made under a temporary name and renamed at the end so no interrupted run leaves a
 * half-written file. */
#define _GNU_SOURCE   /* mkostemp */
#include "capture.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static struct capture_writer *volatile live;   /* writers with temporary files, for signal handlers */

/* The list is changed with every signal blocked: a handler never sees it half-linked. */
static void live_link(struct capture_writer *w, bool add)
{
    sigset_t all, old;
    sigfillset(&all);
    sigprocmask(SIG_BLOCK, &all, &old);
    if (add) {
        w->next = live;
        live = w;
    } else {
        for (struct capture_writer *volatile *p = &live; *p; p = &(*p)->next)
            if (*p == w) { *p = w->next; break; }
        w->next = NULL;
    }
    sigprocmask(SIG_SETMASK, &old, NULL);
}

void writer_remove_temps(void)
{
    for (struct capture_writer *w = live; w; w = w->next) {
        if (w->tmp) unlink(w->tmp);
        if (w->tmp2) unlink(w->tmp2);
    }
}

/* A new empty file beside w->path: ".NAME.pcaphunt-XXXXXX" in NAME's directory, with the
 * permissions the file will have.  The fd, or -1 with w->error; *out the name (malloc'd). */
static int make_temp(struct capture_writer *w, char **out)
{
    const char *slash = strrchr(w->path, '/');
    size_t dirlen = slash ? (size_t)(slash - w->path) + 1 : 0;
    const char *base = w->path + dirlen;
    size_t n = dirlen + 1 + strlen(base) + sizeof ".pcaphunt-XXXXXX";
    char *t = malloc(n);
    if (!t) {
        snprintf(w->error, sizeof w->error, "out of memory");
        return -1;
    }
    snprintf(t, n, "%.*s.%s.pcaphunt-XXXXXX", (int)dirlen, w->path, base);
    int fd = mkostemp(t, O_CLOEXEC);
    if (fd < 0) {
        snprintf(w->error, sizeof w->error, "%s", strerror(errno));
        free(t);
        return -1;
    }
    fchmod(fd, w->mode);
    *out = t;
    return fd;
}

/* Decides where the file goes: a new or regular file is made under a temporary name (a symbolic
 * link is followed to the file it names); "-" and other existing files are written directly. */
static int choose_target(struct capture_writer *w, const char *path)
{
    struct stat st;
    mode_t mask = umask(0);
    umask(mask);
    w->mode = 0666 & ~mask;
    if (strcmp(path, "-") == 0) return 0;
    char *real = NULL;
    if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode)) {
        real = realpath(path, NULL);
        if (!real) return 0;   /* a dangling link: libpcap's open says what is wrong */
        path = real;
    }
    if (stat(path, &st) == 0) {
        if (!S_ISREG(st.st_mode)) { free(real); return 0; }
        w->mode = st.st_mode & 07777;   /* a file replaced keeps its permissions */
    }
    w->path = real ? real : strdup(path);
    if (!w->path) {
        snprintf(w->error, sizeof w->error, "out of memory");
        return -1;
    }
    return 1;
}

static void writer_free(struct capture_writer *w)
{
    if (w->tmp || w->tmp2) live_link(w, false);
    free(w->tmp);
    free(w->tmp2);
    free(w->path);
    free(w->ifs);
    free(w->if_slots);
    w->tmp = w->tmp2 = w->path = NULL;
    w->ifs = NULL;
    w->if_slots = NULL;
}

volatile sig_atomic_t writer_signals;

/* A FIFO opened for writing: open() would wait for a reader, and a signal handler that restarts what
 * it interrupts would leave Ctrl-C and SIGTERM unheard there; so it is tried without waiting, in
 * steps of 50 ms that a signal (writer_signals) ends.  The fd (blocking), or -1 with errno. */
static int open_fifo_writer(const char *path)
{
    sig_atomic_t seen = writer_signals;
    for (;;) {
        int fd = open(path, O_WRONLY | O_NONBLOCK | O_CLOEXEC);
        if (fd >= 0) {
            fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
            return fd;
        }
        if (errno != ENXIO) return -1;
        if (writer_signals != seen || capture_interrupted) { errno = EINTR; return -1; }
        poll(NULL, 0, 50);
    }
}

/* open_fifo_writer, with w->error said when it fails. */
static int open_fifo_out(struct capture_writer *w, const char *path)
{
    int fd = open_fifo_writer(path);
    if (fd < 0) snprintf(w->error, sizeof w->error, "%s", errno == EINTR ? "interrupted while waiting for the FIFO's reader" : strerror(errno));
    return fd;
}

static bool is_fifo(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISFIFO(st.st_mode);
}

int file_out_open(struct capture_writer *w, const char *path, char *err, size_t errsz)
{
    memset(w, 0, sizeof *w);
    int target = choose_target(w, path), fd = -1;
    if (target == 1) {
        fd = make_temp(w, &w->tmp);
        if (fd >= 0) live_link(w, true);
    } else if (target == 0) {
        struct stat st;
        if (strcmp(path, "-") == 0) fd = dup(STDOUT_FILENO);
        else if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) snprintf(w->error, sizeof w->error, "%s", strerror(EISDIR));
        else if (is_fifo(path)) fd = open_fifo_out(w, path);
        else fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0666);   /* a device (or a dangling link) */
        if (fd < 0 && !w->error[0]) snprintf(w->error, sizeof w->error, "%s", strerror(errno));
    }
    if (fd >= 0) return fd;
    snprintf(err, errsz, "%s", w->error);
    writer_free(w);
    return -1;
}

int file_out_close(struct capture_writer *w, int fd, bool done, char *err, size_t errsz)
{
    int rc = 0;
    if (close(fd) != 0 && done) { snprintf(err, errsz, "%s", strerror(errno)); rc = -1; }
    if (w->tmp && done && rc == 0 && rename(w->tmp, w->path) != 0) { snprintf(err, errsz, "%s", strerror(errno)); rc = -1; }
    if (w->tmp && (!done || rc != 0)) unlink(w->tmp);
    writer_free(w);
    return rc;
}

static int upgrade(struct capture_writer *w);

/* True when path names a pcapng file (ends in ".pcapng"): written as pcapng from its first frame. */
static bool pcapng_name(const char *path)
{
    size_t n = strlen(path);
    return n > 7 && strcmp(path + n - 7, ".pcapng") == 0;
}

int writer_open(struct capture_writer *w, const char *path, int linktype, int snaplen, bool nano,
                char *err, size_t errsz)
{
    memset(w, 0, sizeof *w);
    w->linktype = linktype;
    w->snaplen = snaplen > 0 ? snaplen : 262144;
    w->nano = nano;
    w->dead = pcap_open_dead_with_tstamp_precision(linktype, w->snaplen,
                                                   nano ? PCAP_TSTAMP_PRECISION_NANO : PCAP_TSTAMP_PRECISION_MICRO);
    int target = w->dead ? choose_target(w, path) : -1;
    if (!w->dead) snprintf(w->error, sizeof w->error, "out of memory");
    int fd = -1;   /* a temporary file or a FIFO; "-" and devices go to libpcap by name */
    if (target == 1) {
        fd = make_temp(w, &w->tmp);
        if (fd >= 0) live_link(w, true);
    } else if (target == 0 && strcmp(path, "-") != 0 && is_fifo(path)) {
        fd = open_fifo_out(w, path);
    } else if (target == 0) {
        w->dumper = pcap_dump_open(w->dead, path);
        if (!w->dumper) snprintf(w->error, sizeof w->error, "%s", pcap_geterr(w->dead));
    }
    if (fd >= 0) {
        FILE *fp = fdopen(fd, "wb");
        if (!fp) {
            snprintf(w->error, sizeof w->error, "%s", strerror(errno));
            close(fd);
        } else if (!(w->dumper = pcap_dump_fopen(w->dead, fp))) {
            snprintf(w->error, sizeof w->error, "%s", pcap_geterr(w->dead));
            fclose(fp);
        }
    }
    if (w->dumper && w->tmp && pcapng_name(path) && upgrade(w) != 0) {   /* x.pcapng: pcapng, as its name says */
        pcap_dump_close(w->dumper);   /* failed: the temporary file goes below, with upgrade's reason */
        w->dumper = NULL;
    }
    if (w->dumper || w->pcapng) return 0;
    snprintf(err, errsz, "%s", w->error);
    if (w->tmp) unlink(w->tmp);
    if (w->dead) pcap_close(w->dead);
    w->dead = NULL;
    writer_free(w);
    return -1;
}

/* ---- pcapng: section header, one interface description per link type, enhanced packet blocks,
 * in this machine's byte order (the section header's magic tells readers which) ---- */

static void put32(uint8_t *p, uint32_t v) { memcpy(p, &v, 4); }
static void put16(uint8_t *p, uint16_t v) { memcpy(p, &v, 2); }

/* The LINKTYPE_ value a file carries for libpcap's DLT_ value: libpcap writes a classic header
 * for it into memory, and the header says. */
static int file_linktype(int dlt, uint32_t *out)
{
    char *buf = NULL;
    size_t n = 0;
    pcap_t *p = pcap_open_dead(dlt, 65535);
    if (!p) return -1;
    FILE *mem = open_memstream(&buf, &n);
    pcap_dumper_t *d = mem ? pcap_dump_fopen(p, mem) : NULL;
    if (d) pcap_dump_close(d);   /* closes mem: buf holds the header */
    else if (mem) fclose(mem);
    pcap_close(p);
    int rc = -1;
    if (d && buf && n >= 24) {
        uint32_t v;
        memcpy(&v, buf + 20, 4);   /* libpcap writes the header in this machine's order */
        *out = v & 0xffff;
        rc = 0;
    }
    free(buf);
    return rc;
}

static int put_block(struct capture_writer *w, FILE *fp, const uint8_t *b, size_t n)
{
    if (fwrite(b, 1, n, fp) == n) return 0;
    snprintf(w->error, sizeof w->error, "%s", strerror(errno));
    return -1;
}

static int put_section(struct capture_writer *w, FILE *fp)
{
    uint8_t b[28];
    put32(b, 0x0a0d0d0a);
    put32(b + 4, sizeof b);
    put32(b + 8, 0x1a2b3c4d);
    put16(b + 12, 1);
    put16(b + 14, 0);
    memset(b + 16, 0xff, 8);   /* section length unknown */
    put32(b + 24, sizeof b);
    return put_block(w, fp, b, sizeof b);
}

/* An interface for libpcap link type dlt counting micro or nanoseconds: appended to w->ifs.  Its
 * index, or -1 with w->error. */
static int put_interface(struct capture_writer *w, FILE *fp, int dlt, bool nano, int64_t offset)
{
    uint32_t lt;
    if (file_linktype(dlt, &lt) != 0) {
        snprintf(w->error, sizeof w->error, "link type %d cannot be written", dlt);
        return -1;
    }
    if (w->nifs == w->ifs_cap) {   /* doubled: a hostile capture may need an interface a frame (time offsets) */
        uint32_t cap = w->ifs_cap ? 2 * w->ifs_cap : 4;
        struct writer_if *ifs = cap > w->ifs_cap ? realloc(w->ifs, (size_t)cap * sizeof *ifs) : NULL;
        if (!ifs) {
            snprintf(w->error, sizeof w->error, "out of memory");
            return -1;
        }
        w->ifs = ifs;
        w->ifs_cap = cap;
    }
    uint8_t b[48];
    size_t n = 16;
    put32(b, 1);
    put16(b + 8, (uint16_t)lt);
    put16(b + 10, 0);
    put32(b + 12, (uint32_t)w->snaplen);
    if (nano) {   /* if_tsresol 10^-9 */
        put16(b + n, 9);
        put16(b + n + 2, 1);
        put32(b + n + 4, 9);
        n += 8;
    }
    if (offset) {   /* if_tsoffset: seconds added to every time stamp of the interface */
        put16(b + n, 14);
        put16(b + n + 2, 8);
        uint64_t v = (uint64_t)offset;   /* a 64-bit value in the section's (this machine's) order */
        memcpy(b + n + 4, &v, 8);
        n += 12;
    }
    if (n > 16) { put32(b + n, 0); n += 4; }   /* the end of the options */
    n += 4;
    put32(b + 4, (uint32_t)n);
    put32(b + n - 4, (uint32_t)n);
    if (put_block(w, fp, b, n) != 0) return -1;
    w->ifs[w->nifs] = (struct writer_if){dlt, nano, offset};
    return (int)w->nifs++;
}

/* The interfaces by (link type, resolution, time offset): open addressing over w->if_slots (interface
 * index + 1, 0: empty), at most half full, so a capture whose every frame needs an interface of its
 * own (hostile time offsets) costs no search through all of them. */
static uint32_t interface_hash(int linktype, bool nano, int64_t offset)
{
    uint64_t h = ((uint64_t)offset ^ (uint64_t)(uint32_t)linktype << 1 ^ (uint64_t)nano) * 0x9e3779b97f4a7c15ull;
    return (uint32_t)(h >> 32);
}

/* Puts interface k (ifs[k]) into the first free slot of its probe sequence in slots (cap: a power of two). */
static void slot_put(uint32_t *slots, uint32_t cap, const struct writer_if *f, uint32_t k)
{
    uint32_t i = interface_hash(f->linktype, f->nano, f->offset) & (cap - 1);
    while (slots[i]) i = (i + 1) & (cap - 1);
    slots[i] = k + 1;
}

static int find_interface(const struct capture_writer *w, int linktype, bool nano, int64_t offset)
{
    if (!w->if_slots_cap) return -1;
    for (uint32_t i = interface_hash(linktype, nano, offset) & (w->if_slots_cap - 1);; i = (i + 1) & (w->if_slots_cap - 1)) {
        uint32_t e = w->if_slots[i];
        if (!e) return -1;
        const struct writer_if *f = &w->ifs[e - 1];
        if (f->linktype == linktype && f->nano == nano && f->offset == offset) return (int)(e - 1);
    }
}

/* Puts interface ifc into the index (grown to keep it half full); 0, or -1 with w->error. */
static int index_interface(struct capture_writer *w, uint32_t ifc)
{
    if (2 * (size_t)w->nifs > w->if_slots_cap) {
        uint32_t cap = w->if_slots_cap ? 2 * w->if_slots_cap : 16;
        uint32_t *slots = cap > w->if_slots_cap ? calloc(cap, sizeof *slots) : NULL;
        if (!slots) {
            snprintf(w->error, sizeof w->error, "out of memory");
            return -1;
        }
        free(w->if_slots);
        w->if_slots = slots;
        w->if_slots_cap = cap;
        for (uint32_t k = 0; k < w->nifs; k++) slot_put(slots, cap, &w->ifs[k], k);   /* every one again, ifc among them */
        return 0;
    }
    slot_put(w->if_slots, w->if_slots_cap, &w->ifs[ifc], ifc);
    return 0;
}

/* An enhanced packet block; the time stamp in the writer's units (micro or nanoseconds). */
static int put_packet(struct capture_writer *w, FILE *fp, uint32_t ifc, uint64_t ts, uint32_t caplen,
                      uint32_t len, const uint8_t *bytes)
{
    static const uint8_t zero[4];
    size_t pad = (4 - caplen % 4) % 4, total = 32 + (size_t)caplen + pad;
    uint8_t h[28], t[4];
    put32(h, 6);
    put32(h + 4, (uint32_t)total);
    put32(h + 8, ifc);
    put32(h + 12, (uint32_t)(ts >> 32));
    put32(h + 16, (uint32_t)ts);
    put32(h + 20, caplen);
    put32(h + 24, len);
    put32(t, (uint32_t)total);
    if (put_block(w, fp, h, sizeof h) != 0 || put_block(w, fp, bytes, caplen) != 0 ||
        put_block(w, fp, zero, pad) != 0 || put_block(w, fp, t, 4) != 0)
        return -1;
    return 0;
}

/* The frame's time in an interface's units (the interface's resolution is the frame's or finer; its
 * if_tsoffset is the frame's time_offset, so the count fits 64 bits). */
static uint64_t stamp(const struct pcap_pkthdr *hdr, bool nano, bool if_nano, int64_t offset)
{
    uint64_t frac = (uint64_t)hdr->ts.tv_usec;
    if (!nano && if_nano) frac *= 1000;
    return (uint64_t)((int64_t)hdr->ts.tv_sec - offset) * (if_nano ? 1000000000u : 1000000u) + frac;
}

/* True when a classic pcap holds these seconds (32 bits, unsigned: 1970 to 2106). */
static bool classic_time(time_t sec)
{
    return sec >= 0 && (uint64_t)sec <= UINT32_MAX;
}

/* The if_tsoffset a pcapng interface needs for a frame at these seconds: 0 while a 64-bit count of its
 * units from 1970 holds them (to 2554 in nanoseconds, far beyond in microseconds), else (before 1970,
 * or later) the seconds rounded down to a multiple of 2^32, so that the time stamp counts fewer than
 * 2^32 seconds (2^32 * 10^9 < 2^64).  Few offsets, few interfaces: libpcap 1.10 reads no second
 * LINKTYPE_RAW interface (it compares the file's link type with its own DLT_RAW), tshark does. */
static int64_t time_offset(time_t sec, bool nano)
{
    int64_t s = (int64_t)sec;
    uint64_t most = UINT64_MAX / (nano ? 1000000000u : 1000000u) - 1;
    return s >= 0 && (uint64_t)s <= most ? 0 : (int64_t)((uint64_t)s & ~(uint64_t)UINT32_MAX);   /* two's complement: rounds down */
}

/* A classic record's (seconds, microseconds) as (seconds, nanoseconds). Microseconds of a second or
 * more (a hostile input's) are carried into the seconds, which stop at their largest value. */
static void usec_to_nsec(uint32_t *sec, uint32_t *frac)
{
    uint64_t s = *sec + (uint64_t)*frac / 1000000;
    *sec = s > UINT32_MAX ? UINT32_MAX : (uint32_t)s;
    *frac = *frac % 1000000 * 1000;
}

/* The classic microsecond file written so far (w->tmp) becomes a nanosecond one in place: the magic,
 * and every record's fraction times 1000 (same sizes, nothing moves); the writer goes on in
 * nanoseconds.  0, or -1 with w->error (the file is then not to be kept). */
static int refine(struct capture_writer *w)
{
    if (pcap_dump_flush(w->dumper) != 0) {
        snprintf(w->error, sizeof w->error, "%s", strerror(errno));
        return -1;
    }
    int fd = fileno(pcap_dump_file(w->dumper));
    off_t end = lseek(fd, 0, SEEK_END), at = 24;
    uint32_t magic = 0xa1b23c4d;   /* libpcap wrote the header and records in this machine's order */
    if (end < 24 || pwrite(fd, &magic, 4, 0) != 4) goto failed;
    while (end - at >= 16) {
        uint8_t h[16];
        uint32_t sec, frac, caplen;
        if (pread(fd, h, 16, at) != 16) goto failed;
        memcpy(&sec, h, 4);
        memcpy(&frac, h + 4, 4);
        memcpy(&caplen, h + 8, 4);
        if (caplen > end - at - 16) goto short_read;   /* never what we wrote */
        usec_to_nsec(&sec, &frac);
        memcpy(h, &sec, 4);
        memcpy(h + 4, &frac, 4);
        if (pwrite(fd, h, 8, at) != 8) goto failed;
        at += 16 + (off_t)caplen;
    }
    if (at != end) goto short_read;
    w->nano = true;
    return 0;
failed:
    snprintf(w->error, sizeof w->error, "%s", strerror(errno));
    return -1;
short_read:
    snprintf(w->error, sizeof w->error, "cannot read back the frames written so far");
    return -1;
}

/* The classic file written so far becomes a pcapng file (w->tmp2) with its frames on interface 0;
 * the writer goes on in pcapng.  0, or -1 with w->error (the classic file is left as it was). */
static int upgrade(struct capture_writer *w)
{
    if (pcap_dump_flush(w->dumper) != 0) {
        snprintf(w->error, sizeof w->error, "%s", strerror(errno));
        return -1;
    }
    int fd = make_temp(w, &w->tmp2);
    if (fd < 0) return -1;
    FILE *out = fdopen(fd, "wb");
    FILE *in = fopen(w->tmp, "rb");
    uint8_t *buf = NULL;
    int rc = -1;
    if (!out || !in) {
        snprintf(w->error, sizeof w->error, "%s", strerror(errno));
        goto done;
    }
    uint8_t h[24];
    if (fread(h, 1, 24, in) != 24) goto short_read;
    if (put_section(w, out) != 0 || put_interface(w, out, w->linktype, w->nano, 0) != 0 || index_interface(w, 0) != 0) goto done;
    while (fread(h, 1, 16, in) == 16) {   /* records as libpcap wrote them: this machine's order */
        uint32_t sec, frac, caplen, len;
        memcpy(&sec, h, 4);
        memcpy(&frac, h + 4, 4);
        memcpy(&caplen, h + 8, 4);
        memcpy(&len, h + 12, 4);
        if (caplen > CAPTURE_MAX_CAPLEN) goto short_read;
        uint8_t *b = realloc(buf, caplen ? caplen : 1);
        if (!b) {
            snprintf(w->error, sizeof w->error, "out of memory");
            goto done;
        }
        buf = b;
        if (fread(buf, 1, caplen, in) != caplen) goto short_read;
        uint64_t ts = (uint64_t)sec * (w->nano ? 1000000000u : 1000000u) + frac;
        if (put_packet(w, out, 0, ts, caplen, len, buf) != 0) goto done;
    }
    if (ferror(in)) goto short_read;
    rc = 0;
    goto done;
short_read:
    snprintf(w->error, sizeof w->error, "cannot read back the frames written so far");
done:
    free(buf);
    if (in) fclose(in);
    if (rc != 0) {
        if (out) fclose(out);
        else close(fd);
        unlink(w->tmp2);
        free(w->tmp2);
        w->tmp2 = NULL;
        return -1;
    }
    pcap_dump_close(w->dumper);
    pcap_close(w->dead);
    w->dumper = NULL;
    w->dead = NULL;
    unlink(w->tmp);
    sigset_t all, old;   /* tmp2 becomes tmp with no moment a handler could miss either */
    sigfillset(&all);
    sigprocmask(SIG_BLOCK, &all, &old);
    free(w->tmp);
    w->tmp = w->tmp2;
    w->tmp2 = NULL;
    sigprocmask(SIG_SETMASK, &old, NULL);
    w->fp = out;
    w->pcapng = true;
    return 0;
}

/* The stream frames go to: our pcapng blocks, or libpcap's dumper's. */
static FILE *out_stream(const struct capture_writer *w)
{
    return w->fp ? w->fp : w->dumper ? pcap_dump_file(w->dumper) : NULL;
}

/* A frame was written: counted, and out at once on direct output when flush_each says so. */
static int written(struct capture_writer *w)
{
    w->written++;
    if (w->flush_each && !w->path && fflush(out_stream(w)) != 0) {
        snprintf(w->error, sizeof w->error, "%s", strerror(errno));
        return -1;
    }
    return 0;
}

int writer_write(struct capture_writer *w, const struct pcap_pkthdr *hdr, bool nano, int linktype,
                 const uint8_t *bytes)
{
    if (!w->dumper && !w->fp) {
        snprintf(w->error, sizeof w->error, "writer is closed");
        return -1;
    }
    if (!w->pcapng && linktype == w->linktype && classic_time(hdr->ts.tv_sec)) {
        if (nano && !w->nano && w->tmp && refine(w) != 0) return -1;
        struct pcap_pkthdr h = *hdr;
        if (nano && !w->nano) {   /* direct output begun at microseconds: it cannot change now */
            h.ts.tv_usec /= 1000;
            w->coarsened++;
        } else if (!nano && w->nano) {   /* as refine() converts the records written before */
            uint32_t sec = (uint32_t)h.ts.tv_sec, frac = (uint32_t)h.ts.tv_usec;
            usec_to_nsec(&sec, &frac);
            h.ts.tv_sec = (time_t)sec;
            h.ts.tv_usec = (suseconds_t)frac;
        }
        pcap_dump((u_char *)w->dumper, &h, bytes);
        return written(w);
    }
    if (!w->pcapng && !w->tmp) {   /* written as it goes: it cannot become a pcapng now */
        if (linktype != w->linktype) {
            w->skipped++;
            return 1;
        }
        w->out_of_time++;
        return 2;
    }
    if (!w->pcapng && upgrade(w) != 0) return -1;
    int64_t offset = time_offset(hdr->ts.tv_sec, nano);
    int ifc = find_interface(w, linktype, nano, offset);   /* the frame's link type, resolution and time offset */
    if (ifc < 0 && ((ifc = put_interface(w, w->fp, linktype, nano, offset)) < 0 || index_interface(w, (uint32_t)ifc) != 0))
        return -1;
    if (put_packet(w, w->fp, (uint32_t)ifc, stamp(hdr, nano, w->ifs[ifc].nano, offset), hdr->caplen, hdr->len, bytes) != 0)
        return -1;
    return written(w);
}

/* Closes the streams; 0, or -1 with w->error when something did not reach the file. */
static int close_streams(struct capture_writer *w, bool sync)
{
    int rc = 0;
    FILE *fp = out_stream(w);
    if (fp && (fflush(fp) != 0 || ferror(fp))) rc = -1;
    if (fp && rc == 0 && sync && w->tmp && fsync(fileno(fp)) != 0) rc = -1;
    if (rc != 0) snprintf(w->error, sizeof w->error, "%s", strerror(errno));
    if (w->dumper) pcap_dump_close(w->dumper);
    else if (w->fp && fclose(w->fp) != 0 && rc == 0) {
        snprintf(w->error, sizeof w->error, "%s", strerror(errno));
        rc = -1;
    }
    if (w->dead) pcap_close(w->dead);
    w->dumper = NULL;
    w->dead = NULL;
    w->fp = NULL;
    return rc;
}

int writer_close(struct capture_writer *w)
{
    if (!w->dumper && !w->fp) return 0;
    int rc = close_streams(w, true);
    if (w->tmp && rc == 0 && rename(w->tmp, w->path) != 0) {
        snprintf(w->error, sizeof w->error, "%s", strerror(errno));
        rc = -1;
    }
    if (w->tmp && rc != 0) unlink(w->tmp);
    writer_free(w);
    return rc;
}

void writer_abort(struct capture_writer *w)
{
    if (!w->dumper && !w->fp) return;
    close_streams(w, false);
    if (w->tmp) unlink(w->tmp);
    writer_free(w);
}
