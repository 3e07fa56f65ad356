/* Capture input: libpcap does the file formats (pcap, pcapng); we give it a
 * FILE* with a 1 MiB buffer and translate its errors into short sentences that
 * name the frame where a damaged file stops. */
#include "capture.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

const char *capture_name(const struct capture *c)
{
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

/* Classic pcap files say their time stamp precision in the magic number; keep
 * it so that records written back are byte-identical.  Peek only where we can seek
 * back; pcapng and pipes get nanoseconds, which lose nothing. */
static bool stream_is_micro(FILE *fp)
{
    unsigned char m[4];
    long pos = ftell(fp);
    if (pos < 0) return false;
    size_t n = fread(m, 1, 4, fp);
    if (fseek(fp, pos, SEEK_SET) != 0) return false;
    if (n != 4) return false;
    uint32_t be = (uint32_t)m[0] << 24 | (uint32_t)m[1] << 16 | (uint32_t)m[2] << 8 | m[3];
    return be == 0xa1b2c3d4u || be == 0xd4c3b2a1u;
}

static void open_stream(struct capture *c, FILE *fp)
{
    char errbuf[PCAP_ERRBUF_SIZE] = "";
    c->fp = fp;
    c->iobuf = malloc(CAPTURE_BUFFER_SIZE);
    if (c->iobuf) setvbuf(fp, c->iobuf, _IOFBF, CAPTURE_BUFFER_SIZE);
    c->nano = !stream_is_micro(fp);
    c->pcap = pcap_fopen_offline_with_tstamp_precision(
        fp, c->nano ? PCAP_TSTAMP_PRECISION_NANO : PCAP_TSTAMP_PRECISION_MICRO, errbuf);
    if (!c->pcap) {
        translate_open_error(c, errbuf);
        return;
    }
    c->linktype = pcap_datalink(c->pcap);
    c->snaplen = pcap_snapshot(c->pcap);
}

int capture_open(struct capture *c, const char *path)
{
    memset(c, 0, sizeof *c);
    c->path = strdup(path);
    if (!c->path) {
        snprintf(c->error, sizeof c->error, "out of memory");
        return -1;
    }
    FILE *fp = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!fp) {
        snprintf(c->error, sizeof c->error, "%s", strerror(errno));
        return -1;
    }
    open_stream(c, fp);
    if (!c->pcap) {
        if (fp != stdin) fclose(fp);
        c->fp = NULL;
        free(c->iobuf);
        c->iobuf = NULL;
        return -1;
    }
    c->at_start = true;
    return 0;
}

int capture_next(struct capture *c, struct frame *f)
{
    struct pcap_pkthdr *hdr;
    const u_char *data;
    if (!c->pcap) {
        snprintf(c->error, sizeof c->error, "capture is closed");
        return -1;
    }
    int rc = pcap_next_ex(c->pcap, &hdr, &data);
    if (rc == 1) {
        c->at_start = false;
        f->number = ++c->frame_no;
        f->hdr = *hdr;
        f->nano = c->nano;
        f->linktype = c->linktype;
        f->bytes = data;
        return 1;
    }
    if (rc == PCAP_ERROR_BREAK) return 0;
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

void capture_close(struct capture *c)
{
    if (c->pcap) pcap_close(c->pcap); /* closes c->fp too */
    else if (c->fp && c->fp != stdin) fclose(c->fp);
    c->pcap = NULL;
    c->fp = NULL;
    free(c->iobuf);
    c->iobuf = NULL;
    free(c->path);
    c->path = NULL;
}

int capture_rewind(struct capture *c)
{
    if (c->at_start) return 0;
    if (strcmp(c->path, "-") == 0 || c->live) {
        snprintf(c->error, sizeof c->error, "standard input can be read only once");
        return -1;
    }
    char *path = strdup(c->path);
    if (!path) return -1;
    capture_close(c);
    int rc = capture_open(c, path);
    free(path);
    return rc;
}

int bpf_compile_for(int linktype, const char *expr, struct bpf_program *prog, char *err, size_t errsz)
{
    pcap_t *dead = pcap_open_dead(linktype, 262144);
    if (!dead) {
        snprintf(err, errsz, "out of memory");
        return -1;
    }
    int rc = pcap_compile(dead, prog, expr, 1, PCAP_NETMASK_UNKNOWN);
    if (rc != 0) snprintf(err, errsz, "bad filter \"%s\": %s", expr, pcap_geterr(dead));
    pcap_close(dead);
    return rc == 0 ? 0 : -1;
}

int capture_compile(struct capture *c, const char *expr, struct bpf_program *prog)
{
    return bpf_compile_for(c->linktype, expr, prog, c->error, sizeof c->error);
}

bool capture_filter_match(const struct bpf_program *prog, const struct frame *f)
{
    return pcap_offline_filter(prog, &f->hdr, f->bytes) != 0;
}

int writer_open(struct capture_writer *w, const char *path, int linktype, int snaplen, bool nano,
                char *err, size_t errsz)
{
    memset(w, 0, sizeof *w);
    w->dead = pcap_open_dead_with_tstamp_precision(linktype, snaplen > 0 ? snaplen : 262144,
                                                   nano ? PCAP_TSTAMP_PRECISION_NANO
                                                        : PCAP_TSTAMP_PRECISION_MICRO);
    if (!w->dead) {
        snprintf(err, errsz, "out of memory");
        return -1;
    }
    w->dumper = pcap_dump_open(w->dead, path);
    if (!w->dumper) {
        snprintf(err, errsz, "%s", pcap_geterr(w->dead));
        pcap_close(w->dead);
        w->dead = NULL;
        return -1;
    }
    w->linktype = linktype;
    w->nano = nano;
    return 0;
}

int writer_write(struct capture_writer *w, const struct pcap_pkthdr *hdr, bool nano, const uint8_t *bytes)
{
    if (!w->dumper) return -1;
    struct pcap_pkthdr h = *hdr;
    if (nano && !w->nano) h.ts.tv_usec /= 1000;
    else if (!nano && w->nano) h.ts.tv_usec *= 1000;
    pcap_dump((u_char *)w->dumper, &h, bytes);
    w->written++;
    return 0;
}

int writer_close(struct capture_writer *w)
{
    int rc = 0;
    if (w->dumper) {
        if (pcap_dump_flush(w->dumper) != 0) rc = -1;
        pcap_dump_close(w->dumper);
    }
    if (w->dead) pcap_close(w->dead);
    w->dumper = NULL;
    w->dead = NULL;
    return rc;
}
