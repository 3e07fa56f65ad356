/* Packet printing for the summary mode (see print.h): the core's summary line, its time stamp
 * dropped (-t) or as a UTC date (-tttt); then, with -x/-X, the bytes after the link-layer header
 * (frame_link_header_len), as tcpdump prints them; with -A the payload
 * (p.payload) as text (nothing for a packet with no TCP, UDP or ICMP layer); -V: p:show()'s view. */
#include "print.h"
#include "lua/capture.h"
#include "lua/packet.h"
#include "lua/session.h"
#include "core/escape.h"
#include "core/summary.h"

#include <lauxlib.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

/* The summary with its second field (the time stamp) replaced as the options say. */
static void print_summary(const struct options *o, const struct frame *f, const struct decoded *d, const char *file)
{
    char line[1024];
    if (file) {   /* several captures: frame numbers restart in each, so the line names its file first */
        escape_fwrite(stdout, file, strlen(file), ESC_LINE);
        putchar(' ');
    }
    summary_format(line, sizeof line, f->number, &f->hdr, f->nano, d, f->bytes);
    char *t = strchr(line, ' ');
    char *rest = t ? strchr(t + 1, ' ') : NULL;
    if (!rest || o->time_format == 0) { puts(line); return; }
    *t = '\0';
    if (o->time_format == 1) { printf("%s%s\n", line, rest); return; }
    char date[40];
    struct tm tm;
    time_t sec = (time_t)f->hdr.ts.tv_sec;
    if (!gmtime_r(&sec, &tm) || strftime(date, sizeof date, "%Y-%m-%d %H:%M:%S", &tm) == 0) {
        *t = ' ';   /* a time no calendar holds: the seconds as they are */
        puts(line);
        return;
    }
    /* the date of the seconds, then their fraction (not the epoch text's: before 1970 that is the
       one negative value's, -0.999999 for -1 s + 1 us) */
    printf("%s %s.%0*ld%s\n", line, date, f->nano ? 9 : 6, (long)f->hdr.ts.tv_usec, rest);
}

/* -x: hex, -X: hex and ASCII (visible characters; a space and other bytes as '.'), 16 bytes a line, as tcpdump. */
static void print_hex(const uint8_t *b, size_t n, bool ascii)
{
    for (size_t off = 0; off < n; off += 16) {
        size_t k = n - off < 16 ? n - off : 16;
        printf("\t0x%04zx:  ", off);
        for (size_t i = 0; i < 16; i++) {
            if (i < k) printf("%02x", b[off + i]);
            else if (ascii) fputs("  ", stdout);
            if (i % 2 == 1 && (i < k - 1 || ascii)) putchar(' ');
        }
        if (ascii) {
            putchar(' ');
            for (size_t i = 0; i < k; i++) putchar(b[off + i] > 0x20 && b[off + i] < 0x7f ? b[off + i] : '.');   /* a space too, as tcpdump */
        }
        putchar('\n');
    }
}

/* -A: printable ASCII, newline and tab as they are; a backslash doubled; every other byte \xNN. */
static void print_ascii(const uint8_t *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (b[i] == '\\') fputs("\\\\", stdout);
        else if ((b[i] >= 0x20 && b[i] < 0x7f) || b[i] == '\n' || b[i] == '\t') putchar(b[i]);
        else printf("\\x%02x", b[i]);
    }
    if (n && b[n - 1] != '\n') putchar('\n');
}

static void print_one(lua_State *L, const struct options *o, const struct frame *f, const struct decoded *d, int source,
                      const struct conversation *conv, const char *file)
{
    if (o->layers) {
        struct lpacket *pk = packet_push_decoded(L, f, d);
        pk->capture = source;
        if (conv) pk->conv = *conv;   /* tcp.stream / udp.stream, as p:show() prints them from a loop */
        lua_getfield(L, -1, "show");
        lua_insert(L, -2);
        lua_call(L, 1, 0);
    } else {
        print_summary(o, f, d, file);
    }
    if (!o->dump) return;
    size_t off = frame_link_header_len(f->linktype, f->bytes, f->hdr.caplen);
    bool l4 = d->layers & (L_TCP | L_UDP | L_ICMP | L_ICMPV6);
    if (o->dump == 'A' && l4) print_ascii(f->bytes + d->payload_off, d->payload_caplen);
    else if (o->dump != 'A') print_hex(f->bytes + off, f->hdr.caplen - off, o->dump == 'X');
}

void print_packets(lua_State *L, const struct options *o)
{
    struct session *s = session_get(L);
    lcaptures_push(L);
    int list = lua_gettop(L);
    /* several captures: frame numbers restart in each, so a line names its file (the captures stay
       alive in the list, and so do their names) */
    int ncaps = (int)lua_rawlen(L, list);
    const char **names = ncaps > 1 ? lua_newuserdatauv(L, ((size_t)ncaps + 1) * sizeof *names, 0) : NULL;   /* the collector's */
    if (!names) lua_pushnil(L);
    for (int i = 0; names && i < ncaps; i++) {
        lua_rawgeti(L, list, i + 1);
        names[i + 1] = capture_name(&lcapture_check(L, -1)->cap);
        lua_pop(L, 1);
    }
    struct lcursor *c = lcursor_push_all(L, list);   /* several captures: one stream in time order */
    if (o->layers) c->e.streams = &c->streams;    /* -V: the conversation index, numbered as the frames pass */
    int rc;
    while ((rc = engine_step(&c->e, c->stream, c->source)) == 1)
        if (c->got) {
            c->got = false;
            int source = c->e.frame.source ? c->e.frame.source : c->source;
            const char *file = names && source >= 1 && source <= ncaps ? names[source] : NULL;
            print_one(L, o, &c->e.frame, c->e.cur, source, o->layers ? c->conv : NULL, file);
        }
    if (rc == -1) session_warn_damaged(L, c->stream);
    lcursor_close(c);
    lua_pop(L, 3);
    if (s->interrupted) luaL_error(L, "interrupted");
}
