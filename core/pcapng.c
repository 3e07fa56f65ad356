/* pcapng, read from the capture's buffer block by block: section headers in either byte
 * order (a new section forgets the interfaces of the one before), interface descriptions
 * (link type, snapshot length, if_tsresol, if_tsoffset), enhanced, simple and obsolete packet
 * blocks; other blocks are skipped by their length.  Every length is checked against the
 * block that holds it before anything is read under it.  A frame's time stamp keeps its
 * interface's resolution: microseconds for 10^6 units a second or fewer, else nanoseconds. */
#include "reader.h"

#include <stdlib.h>
#include <string.h>

#define BT_SHB 0x0a0d0d0au
#define BT_IDB 1u
#define BT_PB 2u
#define BT_SPB 3u
#define BT_EPB 6u
#define SHB_BOM 0x1a2b3c4du
#define OPT_IF_TSRESOL 9u
#define OPT_IF_TSOFFSET 14u

#define FRAME_NO(c) ((unsigned long long)(c)->frame_no + 1)

/* One line about damage at the next frame; always -1. */
#define DAMAGE(c, ...) (snprintf((c)->error, sizeof (c)->error, __VA_ARGS__), -1)

/* A section header at buf + pos (12 bytes there): the byte order from its magic. */
static int section_order(struct capture *c, const uint8_t *h)
{
    static const uint8_t be[4] = {0x1a, 0x2b, 0x3c, 0x4d}, le[4] = {0x4d, 0x3c, 0x2b, 0x1a};
    if (memcmp(h + 8, be, 4) == 0) c->big_endian = true;
    else if (memcmp(h + 8, le, 4) == 0) c->big_endian = false;
    else return -1;
    return 0;
}

/* The section header block of n bytes at buf + pos, whole. */
static int section(struct capture *c, uint32_t n)
{
    const uint8_t *h = c->buf + c->pos;
    if (n < 28)
        return DAMAGE(c, "frame %llu: pcapng section header of %u bytes, fewer than its fixed fields", FRAME_NO(c), n);
    unsigned major = rd16(c, h + 12), minor = rd16(c, h + 14);
    if (major != 1 || (minor != 0 && minor != 2))   /* 1.2: written by some tools for 1.0, as libpcap reads it */
        return DAMAGE(c, "frame %llu: pcapng version %u.%u, which this reader does not know", FRAME_NO(c), major, minor);
    c->nifs = 0;
    return 0;
}

/* The interface description block of n bytes at buf + pos, whole. */
static int interface(struct capture *c, uint32_t n)
{
    const uint8_t *h = c->buf + c->pos, *p = h + 16, *end = h + n - 4;
    if (n < 20)
        return DAMAGE(c, "frame %llu: pcapng interface description of %u bytes, fewer than its fixed fields",
                      FRAME_NO(c), n);
    struct pcapng_if i = {.snaplen = rd32(c, h + 12), .units = 1000000, .offset = 0};
    uint32_t linktype = rd16(c, h + 8);
    while (end - p >= 4) {
        unsigned code = rd16(c, p), len = rd16(c, p + 2);
        p += 4;
        if (code == 0) break;   /* opt_endofopt */
        if (len > (size_t)(end - p))
            return DAMAGE(c, "frame %llu: pcapng interface %u: option %u of %u bytes runs past its block",
                          FRAME_NO(c), c->nifs, code, len);
        if (code == OPT_IF_TSRESOL && len >= 1) {
            unsigned v = p[0] & 0x7f;
            if (p[0] & 0x80) {
                if (v > 63)
                    return DAMAGE(c, "frame %llu: pcapng interface %u: time stamp resolution 2^-%u is beyond 64 bits",
                                  FRAME_NO(c), c->nifs, v);
                i.units = (uint64_t)1 << v;
            } else {
                if (v > 19)
                    return DAMAGE(c, "frame %llu: pcapng interface %u: time stamp resolution 10^-%u is beyond 64 bits",
                                  FRAME_NO(c), c->nifs, v);
                i.units = 1;
                while (v--) i.units *= 10;
            }
        } else if (code == OPT_IF_TSOFFSET && len >= 8) {
            uint64_t hi = rd32(c, p), lo = rd32(c, p + 4);
            i.offset = (int64_t)(c->big_endian ? hi << 32 | lo : lo << 32 | hi);
        }
        size_t padded = ((size_t)len + 3) & ~(size_t)3;
        p = padded > (size_t)(end - p) ? end : p + padded;
    }
    /* the same link type and snapshot length as the interface before: libpcap's answer again */
    int snap;
    if (c->nifs > 0 && c->ifs[c->nifs - 1].snaplen == i.snaplen && c->ifs[c->nifs - 1].file_linktype == linktype) {
        i.linktype = c->ifs[c->nifs - 1].linktype;
        i.file_linktype = linktype;
    } else if (capture_linktype(c, linktype, i.snaplen, &i.linktype, &snap) != 0) {
        return -1;
    }
    i.file_linktype = linktype;
    if (c->at_start && c->ifs_size == 0) c->snaplen = snap;   /* the first interface of the file */
    if (c->nifs == c->ifs_size) {
        uint32_t size = c->ifs_size ? c->ifs_size * 2 : 8;
        struct pcapng_if *ifs = size > c->ifs_size ? realloc(c->ifs, size * sizeof *ifs) : NULL;
        if (!ifs) return DAMAGE(c, "out of memory for pcapng interface %u", c->nifs);
        c->ifs = ifs;
        c->ifs_size = size;
    }
    i.nano = i.units > 1000000;
    c->ifs[c->nifs++] = i;
    return 0;
}

/* The next block, whole at buf + pos, its type and length in *type and *len; section headers
 * and blocks too large to hold (none we read) are dealt with here.  1, 0 at the end, -1. */
static int next_block(struct capture *c, uint32_t *type, uint32_t *len)
{
    for (;;) {
        if (c->end - c->pos < 12) {
            if (capture_fill(c, 12) != 0) return -1;
            size_t have = c->end - c->pos;
            if (have == 0) return capture_end(c);
            if (have < 12)
                return DAMAGE(c, "cut short in the middle of frame %llu (truncated pcapng block; tried to read 12 "
                              "header bytes, only got %zu)", FRAME_NO(c), have);
        }
        const uint8_t *h = c->buf + c->pos;
        uint32_t t = rd32(c, h);
        if (t == BT_SHB && section_order(c, h) != 0)
            return DAMAGE(c, "frame %llu: pcapng section header with an unknown byte-order magic", FRAME_NO(c));
        uint32_t n = rd32(c, h + 4);
        if (n < 12 || n % 4 != 0)
            return DAMAGE(c, "frame %llu: pcapng block of type 0x%x has a length of %u, not a multiple of 4 from 12",
                          FRAME_NO(c), (unsigned)t, n);
        if (n > CAPTURE_MAX_BLOCK) {
            if (t == BT_SHB || t == BT_IDB || t == BT_PB || t == BT_SPB || t == BT_EPB)
                return DAMAGE(c, "frame %llu: pcapng block of type 0x%x claims %u bytes, more than any capture holds",
                              FRAME_NO(c), (unsigned)t, n);
            int skipped = capture_skip(c, n);
            if (skipped < 0) return -1;
            if (skipped == 0)
                return DAMAGE(c, "cut short in the middle of frame %llu (truncated pcapng block of type 0x%x, "
                              "%u bytes)", FRAME_NO(c), (unsigned)t, n);
            continue;
        }
        if (c->end - c->pos < n) {
            if (capture_fill(c, n) != 0) return -1;
            size_t have = c->end - c->pos;
            if (have < n)
                return DAMAGE(c, "cut short in the middle of frame %llu (truncated pcapng block; tried to read %u "
                              "bytes, only got %zu)", FRAME_NO(c), n, have);
            h = c->buf + c->pos;
        }
        uint32_t trailer = rd32(c, h + n - 4);
        if (trailer != n)
            return DAMAGE(c, "frame %llu: pcapng block of type 0x%x says %u bytes at its start and %u at its end",
                          FRAME_NO(c), (unsigned)t, n, trailer);
        if (t == BT_SHB) {
            if (section(c, n) != 0) return -1;
            c->pos += n;
            continue;
        }
        *type = t;
        *len = n;
        return 1;
    }
}

/* The interface descriptions right after the first: read now, so that the capture's precision
 * (c->nano, what a writer opened before the first frame starts with) counts them.  The block after
 * them stays unread for pcapng_next, which also tells the damage that stops this look. */
static int more_interfaces(struct capture *c)
{
    uint32_t t, n;
    while (next_block(c, &t, &n) == 1 && t == BT_IDB) {
        size_t pos = c->pos;
        uint32_t nifs = c->nifs;
        if (interface(c, n) != 0) {   /* read again, and refused, by pcapng_next */
            c->pos = pos;
            c->nifs = nifs;
            break;
        }
        c->pos += n;
        if (c->ifs[c->nifs - 1].nano) c->nano = true;
    }
    c->error[0] = '\0';
    return 0;
}

int pcapng_open(struct capture *c)
{
    c->format = CAPTURE_PCAPNG;
    c->at_start = true;   /* the first interface sets the capture's link type */
    uint32_t t, n;
    int rc;
    if (c->end - c->pos < 12 || section_order(c, c->buf + c->pos) != 0) {
        snprintf(c->error, sizeof c->error, "not a capture file");
        return -1;
    }
    /* a section with no interface yet: a link type for callers that need one */
    c->linktype = DLT_EN10MB;
    c->snaplen = 262144;
    while ((rc = next_block(c, &t, &n)) == 1) {
        if (t == BT_IDB) {
            if (interface(c, n) != 0) return -1;
            c->pos += n;
            c->linktype = c->ifs[0].linktype;
            c->nano = c->ifs[0].nano;
            return more_interfaces(c);
        }
        if (t == BT_EPB || t == BT_SPB || t == BT_PB)
            return DAMAGE(c, "frame 1: pcapng packet before any interface description");
        c->pos += n;
    }
    return rc;
}

/* Time stamp units of an interface to seconds and a fraction: microseconds for an interface of
 * 10^6 units a second or fewer, else nanoseconds; cut (not rounded) where units do not divide
 * evenly (2^-n), as tshark and tcpdump do. */
static inline void set_time(const struct pcapng_if *i, uint64_t ts, struct frame *f)
{
    uint64_t sec, frac;
    if (i->units == 1000000) {
        sec = ts / 1000000;
        frac = ts % 1000000;
    } else if (i->units == 1000000000) {
        sec = ts / 1000000000;
        frac = ts % 1000000000;
    } else {
        sec = ts / i->units;
        frac = (uint64_t)((unsigned __int128)(ts % i->units) * (i->nano ? 1000000000u : 1000000u) / i->units);
    }
    /* seconds past what a 64-bit time_t holds (2^64-1 whole seconds, an offset of +-2^63) stop at
     * its limit, as no clock reads them: never a wrapped or undefined value */
    int64_t s = sec > (uint64_t)INT64_MAX ? INT64_MAX : (int64_t)sec, t;
    if (__builtin_add_overflow(s, i->offset, &t)) t = i->offset < 0 ? INT64_MIN : INT64_MAX;
    f->hdr.ts.tv_sec = (time_t)t;
    f->hdr.ts.tv_usec = (suseconds_t)frac;
    f->nano = i->nano;
}

int pcapng_next(struct capture *c, struct frame *f)
{
    uint32_t t, n;
    int rc;
    while ((rc = next_block(c, &t, &n)) == 1) {
        const uint8_t *h = c->buf + c->pos, *data;
        uint32_t room = n - 12, ifid, caplen, len;   /* room: the block's body */
        uint64_t ts = 0;
        switch (t) {
        case BT_EPB:
        case BT_PB:
            if (room < 20)
                return DAMAGE(c, "frame %llu: pcapng packet block of %u bytes, fewer than its fixed fields",
                              FRAME_NO(c), n);
            ifid = t == BT_EPB ? rd32(c, h + 8) : rd16(c, h + 8);
            ts = (uint64_t)rd32(c, h + 12) << 32 | rd32(c, h + 16);
            caplen = rd32(c, h + 20);
            len = rd32(c, h + 24);
            if (caplen > room - 20)
                return DAMAGE(c, "frame %llu: pcapng packet block claims %u captured bytes, more than its %u bytes hold",
                              FRAME_NO(c), caplen, room - 20);
            data = h + 28;
            if (t == BT_EPB) {   /* options after the padded data, up to the trailing length */
                uint32_t o = 28 + ((caplen + 3) & ~3u), end = n - 4;
                while (o + 4 <= end) {
                    uint16_t code = rd16(c, h + o), olen = rd16(c, h + o + 2);
                    if (code == 0 || olen > end - o - 4) break;   /* opt_endofopt, or one that runs past */
                    if (code == 1 && !f->comment) { f->comment = h + o + 4; f->comment_len = olen; }
                    o += 4 + ((olen + 3u) & ~3u);
                }
            }
            break;
        case BT_SPB:
            if (room < 4)
                return DAMAGE(c, "frame %llu: pcapng simple packet block of %u bytes, fewer than its fixed fields",
                              FRAME_NO(c), n);
            ifid = 0;
            len = rd32(c, h + 8);
            caplen = room - 4;
            if (caplen > len) caplen = len;
            if (c->nifs > 0 && c->ifs[0].snaplen && caplen > c->ifs[0].snaplen) caplen = c->ifs[0].snaplen;
            data = h + 12;
            break;
        case BT_IDB:
            if (interface(c, n) != 0) return -1;
            c->pos += n;
            continue;
        default:
            c->pos += n;
            continue;
        }
        if (ifid >= c->nifs)
            return DAMAGE(c, "frame %llu: pcapng packet on interface %u, which its section does not describe",
                          FRAME_NO(c), ifid);
        const struct pcapng_if *i = &c->ifs[ifid];
        c->at_start = false;
        f->number = ++c->frame_no;
        set_time(i, ts, f);
        f->hdr.caplen = caplen;
        f->hdr.len = len;
        f->linktype = i->linktype;
        f->bytes = data;
        f->filter_of = NULL;
        if (capture_filter_other(c, i->linktype, c->big_endian)) {   /* mixed link types (or loopback byte orders) under a filter */
            f->filter_of = c->filter.prog;
            f->filter_alt = capture_filter_for(c, i->linktype, c->big_endian);
        }
        c->pos += n;
        return 1;
    }
    return rc;
}
