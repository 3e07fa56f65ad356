/* Live capture (-i) through libpcap behind the same reader interface as files: a capture
 * whose frames come from pcap_create/pcap_activate, with the filter run in the kernel
 * (pcap_setfilter, as tcpdump), ended by a stop/end flag (signals) or a deadline; plus the
 * interface list (-D), libpcap's statistics and dropping root after the device is open (-Z). */
#define _GNU_SOURCE   /* initgroups */
#include "reader.h"

#include <errno.h>
#include <grp.h>
#include <poll.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* The longest wait in poll: a signal that comes between the flag checks and poll is seen
 * this late at most. */
#define LIVE_POLL_MS 200
#define LIVE_SNAPLEN_MAX 262144

static double monotonic_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* libpcap's activation errors as one sentence (the device is named by the caller). */
static void activate_error(struct capture *c, int rc)
{
    const char *msg = pcap_geterr(c->pcap);
    switch (rc) {
    case PCAP_ERROR_NO_SUCH_DEVICE:
        snprintf(c->error, sizeof c->error, "no such interface (pcaphunt -D lists them)");
        break;
    case PCAP_ERROR_PERM_DENIED:
        snprintf(c->error, sizeof c->error, "permission denied: live capture needs root or CAP_NET_RAW (%s)", msg);
        break;
    case PCAP_ERROR_IFACE_NOT_UP:
        snprintf(c->error, sizeof c->error, "the interface is not up");
        break;
    default:
        snprintf(c->error, sizeof c->error, "%s%s%s", pcap_statustostr(rc), *msg ? ": " : "", msg);
    }
}

/* tcpdump's -i N: a number that names no interface is the N-th one -D lists (1-based); its name,
 * malloc'd, or NULL. */
static char *device_by_index(const char *device)
{
    size_t n = strlen(device);
    if (n == 0 || n > 6 || strspn(device, "0123456789") != n) return NULL;
    long want = strtol(device, NULL, 10);
    pcap_if_t *all = NULL;
    char errbuf[PCAP_ERRBUF_SIZE] = "";
    if (want < 1 || pcap_findalldevs(&all, errbuf) != 0) return NULL;
    char *name = NULL;
    long i = 0;
    for (pcap_if_t *d = all; d; d = d->next)
        if (strcmp(d->name, device) == 0) { name = NULL; break; }   /* an interface is called so */
        else if (++i == want && !name) name = d->name;
    name = name ? strdup(name) : NULL;
    pcap_freealldevs(all);
    return name;
}

int live_open(struct capture *c, const char *device, const struct live_options *o, char *warning, size_t warnsz)
{
    char errbuf[PCAP_ERRBUF_SIZE] = "";
    memset(c, 0, sizeof *c);
    c->fd = -1;
    c->spool_fd = -1;
    if (warning && warnsz) warning[0] = 0;
    char *by_index = device_by_index(device);
    if (by_index) device = by_index;
    c->path = by_index ? by_index : strdup(device);
    if (!c->path) {
        snprintf(c->error, sizeof c->error, "out of memory");
        return -1;
    }
    c->pcap = pcap_create(device, errbuf);
    if (!c->pcap) {
        snprintf(c->error, sizeof c->error, "%s", errbuf);
        return -1;
    }
    int snaplen = o->snaplen > 0 ? o->snaplen : LIVE_SNAPLEN_MAX;
    pcap_set_snaplen(c->pcap, snaplen);
    pcap_set_promisc(c->pcap, o->promisc ? 1 : 0);
    pcap_set_timeout(c->pcap, 100);
    pcap_set_immediate_mode(c->pcap, 1);   /* findings as packets come, not when a buffer fills */
    c->nano = pcap_set_tstamp_precision(c->pcap, PCAP_TSTAMP_PRECISION_NANO) == 0;
    int rc = pcap_activate(c->pcap);
    if (rc < 0) {
        activate_error(c, rc);
        pcap_close(c->pcap);
        c->pcap = NULL;
        return -1;
    }
    if (rc > 0 && warning && warnsz)   /* e.g. promiscuous mode not supported */
        snprintf(warning, warnsz, "%s%s%s", pcap_statustostr(rc), *pcap_geterr(c->pcap) ? ": " : "",
                 pcap_geterr(c->pcap));
    c->nano = pcap_get_tstamp_precision(c->pcap) == PCAP_TSTAMP_PRECISION_NANO;
    if (pcap_setnonblock(c->pcap, 1, errbuf) != 0) {
        snprintf(c->error, sizeof c->error, "%s", errbuf);
        pcap_close(c->pcap);
        c->pcap = NULL;
        return -1;
    }
    c->fd = pcap_get_selectable_fd(c->pcap);   /* libpcap's: never closed by us (own_fd false) */
    c->linktype = pcap_datalink(c->pcap);
    c->snaplen = pcap_snapshot(c->pcap);
    c->live = true;
    c->format = CAPTURE_LIVE;
    c->at_start = true;
    if (o->duration > 0) c->deadline = monotonic_now() + o->duration;
    return 0;
}

int live_set_filter(struct capture *c, const char *expr)
{
    bpf_u_int32 net = 0, mask = 0;
    char errbuf[PCAP_ERRBUF_SIZE];
    if (pcap_lookupnet(c->path, &net, &mask, errbuf) != 0) mask = PCAP_NETMASK_UNKNOWN;
    struct bpf_program prog;
    if (pcap_compile(c->pcap, &prog, expr, 1, mask) != 0) {
        snprintf(c->error, sizeof c->error, "bad filter \"%s\": %s", expr, pcap_geterr(c->pcap));
        return -1;
    }
    int rc = pcap_setfilter(c->pcap, &prog);
    pcap_freecode(&prog);
    if (rc != 0) {
        snprintf(c->error, sizeof c->error, "cannot set the filter \"%s\": %s", expr, pcap_geterr(c->pcap));
        return -1;
    }
    return 0;
}

int live_next(struct capture *c, struct frame *f)
{
    for (;;) {
        if (c->stop && *c->stop) return -2;
        if (c->end_flag && *c->end_flag) return 0;
        double left = 0;
        if (c->deadline > 0 && (left = c->deadline - monotonic_now()) <= 0) return 0;
        struct pcap_pkthdr *hdr;
        const u_char *data;
        int rc = pcap_next_ex(c->pcap, &hdr, &data);
        if (rc == 1) {
            capture_take_libpcap(c, f, hdr, data);
            if (c->tee) writer_write(c->tee, &f->hdr, f->nano, f->linktype, f->bytes);
            return 1;
        }
        if (rc == 0 || rc == PCAP_ERROR_BREAK) {   /* nothing yet: wait (a signal ends the wait early) */
            int ms = LIVE_POLL_MS;
            if (c->deadline > 0 && left * 1000 < ms) ms = (int)(left * 1000) + 1;
            struct pollfd pfd = {.fd = c->fd, .events = POLLIN};
            if (c->fd >= 0) poll(&pfd, 1, ms);
            else {
                struct timespec ts = {0, (long)ms * 1000000L};
                nanosleep(&ts, NULL);
            }
            continue;
        }
        snprintf(c->error, sizeof c->error, "%s", pcap_geterr(c->pcap));
        return -1;
    }
}

int live_stats(const struct capture *c, char *out, size_t outsz)
{
    struct pcap_stat st;
    if (!c->live || !c->pcap || pcap_stats(c->pcap, &st) != 0) return -1;
    snprintf(out, outsz, "%llu packet%s captured, %u received by filter, %u dropped by kernel, %u dropped by interface",
             (unsigned long long)c->frame_no, c->frame_no == 1 ? "" : "s", st.ps_recv, st.ps_drop, st.ps_ifdrop);
    return 0;
}

/* "Up, Running, Loopback ..." for -D, in tcpdump's words. */
static void device_flags(const pcap_if_t *d, char *out, size_t outsz)
{
    size_t n = 0;
    out[0] = 0;
#define FLAG(cond, text) \
    if ((cond) && n < outsz) n += (size_t)snprintf(out + n, outsz - n, "%s%s", n ? ", " : "", text)
    FLAG(d->flags & PCAP_IF_UP, "Up");
    FLAG(d->flags & PCAP_IF_RUNNING, "Running");
    FLAG(d->flags & PCAP_IF_WIRELESS, "Wireless");
    FLAG(d->flags & PCAP_IF_LOOPBACK, "Loopback");
    unsigned st = d->flags & PCAP_IF_CONNECTION_STATUS;
    FLAG(st == PCAP_IF_CONNECTION_STATUS_CONNECTED, "Connected");
    FLAG(st == PCAP_IF_CONNECTION_STATUS_DISCONNECTED, "Disconnected");
#undef FLAG
}

void live_device_line(FILE *out, int number, const pcap_if_t *d)
{
    char flags[128];
    device_flags(d, flags, sizeof flags);
    fprintf(out, "%d.%s", number, d->name);
    if (d->description) fprintf(out, " (%s)", d->description);
    fprintf(out, " [%s]\n", flags[0] ? flags : "none");   /* as tcpdump: [none] when no flag holds */
}

int live_list_devices(FILE *out, char *err, size_t errsz)
{
    pcap_if_t *all = NULL;
    char errbuf[PCAP_ERRBUF_SIZE] = "";
    if (pcap_findalldevs(&all, errbuf) != 0) {
        snprintf(err, errsz, "%s", errbuf);
        return -1;
    }
    int i = 0;
    for (pcap_if_t *d = all; d; d = d->next) live_device_line(out, ++i, d);
    pcap_freealldevs(all);
    if (i == 0) {
        snprintf(err, errsz, "no interfaces to capture on (live capture needs root or CAP_NET_RAW)");
        return -1;
    }
    return 0;
}

int live_drop_privileges(const char *user, char *err, size_t errsz)
{
    if (getuid() != 0 && geteuid() != 0) return 0;   /* as tcpdump: only root has anything to drop */
    errno = 0;
    struct passwd *pw = getpwnam(user);
    if (!pw) {
        snprintf(err, errsz, "-Z %s: %s", user, errno ? strerror(errno) : "no such user");
        return -1;
    }
    uid_t uid = pw->pw_uid;   /* initgroups may reuse getpwnam's buffer */
    gid_t gid = pw->pw_gid;
    if (initgroups(user, gid) != 0 || setgid(gid) != 0 || setuid(uid) != 0) {
        snprintf(err, errsz, "-Z %s: cannot become that user: %s", user, strerror(errno));
        return -1;
    }
    if (uid != 0 && (setuid(0) == 0 || seteuid(0) == 0)) {   /* the drop must not be undoable */
        snprintf(err, errsz, "-Z %s: root could be regained after the drop", user);
        return -1;
    }
    return 0;
}
