/* Compressed input, known by its magic: gzip (zlib, concatenated members too), zstd (libzstd)
 * and the lz4 frame format (liblz4), decompressed as the reader asks for bytes, from the same
 * file descriptor for files, pipes and standard input alike.  A stream that ends early ends
 * the input: the reader then says which frame it cut short. */
#include "reader.h"

#include <errno.h>
#include <lz4frame.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

enum { Z_GZIP = 1, Z_ZSTD, Z_LZ4 };

struct inflater {
    int kind;
    uint8_t *in;              /* compressed bytes: in[pos, end) are unread */
    size_t pos, end, size;
    bool in_eof;
    uint64_t raw_total;       /* compressed bytes read from fd */
    bool member_end;          /* gzip: a member ended; another may follow */
    bool frame_done;          /* zstd, lz4: the last call ended a frame (nothing of one is pending) */
    bool cut;                 /* the input ended inside a member or frame */
    z_stream gz;
    ZSTD_DStream *zs;
    LZ4F_dctx *lz;
};

int inflater_kind(const uint8_t *p, size_t n)
{
    if (n >= 2 && p[0] == 0x1f && p[1] == 0x8b) return Z_GZIP;
    if (n >= 4 && p[0] == 0x28 && p[1] == 0xb5 && p[2] == 0x2f && p[3] == 0xfd) return Z_ZSTD;
    if (n >= 4 && p[0] == 0x04 && p[1] == 0x22 && p[2] == 0x4d && p[3] == 0x18) return Z_LZ4;
    return 0;
}

static const char *const kind_name[] = {"", "gzip", "zstd", "lz4"};

int inflater_start(struct capture *c, int kind)
{
    struct inflater *z = calloc(1, sizeof *z);
    uint8_t *buf = malloc(CAPTURE_BUFFER_SIZE);
    if (!z || !buf) {
        free(z);
        free(buf);
        snprintf(c->error, sizeof c->error, "out of memory");
        return -1;
    }
    z->kind = kind;
    bool ok = false;
    if (kind == Z_GZIP) ok = inflateInit2(&z->gz, 16 + MAX_WBITS) == Z_OK;
    else if (kind == Z_ZSTD) ok = (z->zs = ZSTD_createDStream()) != NULL && !ZSTD_isError(ZSTD_initDStream(z->zs));
    else if (kind == Z_LZ4) ok = !LZ4F_isError(LZ4F_createDecompressionContext(&z->lz, LZ4F_VERSION));
    /* what was read so far becomes the compressed input; the capture gets a fresh buffer */
    z->in = c->buf;
    z->pos = c->pos;
    z->end = c->end;
    z->size = c->bufsize;
    z->in_eof = c->eof;
    z->raw_total = c->read_total;
    c->z = z;
    c->buf = buf;
    c->bufsize = CAPTURE_BUFFER_SIZE;
    c->pos = c->end = 0;
    c->read_total = 0;
    c->eof = false;
    if (!ok) {
        snprintf(c->error, sizeof c->error, "cannot start the %s decompressor", kind_name[kind]);
        return -1;
    }
    return 0;
}

/* One decompression step from in[pos, end) to out: bytes made, or -1 with c->error. */
static ssize_t step(struct capture *c, struct inflater *z, uint8_t *out, size_t n)
{
    size_t avail = z->end - z->pos;
    if (z->kind == Z_GZIP) {
        if (z->member_end) {
            /* another member, or what follows the last one: zeros (padding to a block) are passed
               over, as gzip does; other bytes are no member, and said so, as zstd and lz4 say it */
            if (z->in[z->pos] != 0x1f) {
                while (z->pos < z->end && z->in[z->pos] == 0) z->pos++;
                if (z->pos == z->end) return 0;
                snprintf(c->error, sizeof c->error, "gzip data is damaged (bytes after the last member are no gzip member)");
                return -1;
            }
            if (inflateReset(&z->gz) != Z_OK) goto damaged;
            z->member_end = false;
        }
        z->gz.next_in = z->in + z->pos;
        z->gz.avail_in = avail > UINT32_MAX ? UINT32_MAX : (uInt)avail;
        z->gz.next_out = out;
        z->gz.avail_out = n > UINT32_MAX ? UINT32_MAX : (uInt)n;
        uInt before_out = z->gz.avail_out, before_in = z->gz.avail_in;
        int rc = inflate(&z->gz, Z_NO_FLUSH);
        z->pos += before_in - z->gz.avail_in;
        if (rc == Z_STREAM_END) z->member_end = true;
        else if (rc != Z_OK && rc != Z_BUF_ERROR) goto damaged;
        return (ssize_t)(before_out - z->gz.avail_out);
    }
    if (z->kind == Z_ZSTD) {
        ZSTD_inBuffer in = {z->in, z->end, z->pos};
        ZSTD_outBuffer o = {out, n, 0};
        size_t rc = ZSTD_decompressStream(z->zs, &o, &in);
        if (ZSTD_isError(rc)) {
            snprintf(c->error, sizeof c->error, "zstd data is damaged (%s)", ZSTD_getErrorName(rc));
            return -1;
        }
        z->frame_done = rc == 0;
        z->pos = in.pos;
        return (ssize_t)o.pos;
    }
    size_t dst = n, src = avail;
    size_t rc = LZ4F_decompress(z->lz, out, &dst, z->in + z->pos, &src, NULL);
    if (LZ4F_isError(rc)) {
        snprintf(c->error, sizeof c->error, "lz4 data is damaged (%s)", LZ4F_getErrorName(rc));
        return -1;
    }
    z->frame_done = rc == 0;
    z->pos += src;
    return (ssize_t)dst;
damaged:
    snprintf(c->error, sizeof c->error, "gzip data is damaged (%s)", z->gz.msg ? z->gz.msg : "bad stream");
    return -1;
}

ssize_t inflater_read(struct capture *c, uint8_t *out, size_t n)
{
    struct inflater *z = c->z;
    for (;;) {
        if (z->pos == z->end) {
            if (z->in_eof) {
                z->cut = z->kind == Z_GZIP ? !z->member_end : !z->frame_done;
                return 0;
            }
            if (capture_wait(c) != 0) return -1;
            ssize_t got = read(c->fd, z->in, z->size);
            if (got < 0) {
                snprintf(c->error, sizeof c->error, "%s", errno == EINTR ? "interrupted" : strerror(errno));
                return -1;
            }
            z->pos = 0;
            z->end = (size_t)got;
            z->raw_total += (uint64_t)got;
            if (got == 0) {   /* a stream that stops in the middle ends here too; capture_end says so */
                z->in_eof = true;
                continue;
            }
        }
        size_t before = z->pos;
        ssize_t made = step(c, z, out, n);
        if (made != 0) return made;
        if (z->pos == before && z->pos < z->end && !z->member_end) {
            snprintf(c->error, sizeof c->error, "%s data is damaged (no progress)", kind_name[z->kind]);
            return -1;
        }
    }
}

const char *inflater_cut(const struct capture *c)
{
    static const char *const cut[] = {"", "the gzip stream ends inside a member: its end and checksum are missing",
                                      "the zstd stream ends inside a frame", "the lz4 stream ends inside a frame"};
    const struct inflater *z = c->z;
    return z && z->cut ? cut[z->kind] : NULL;
}

uint64_t inflater_offset(const struct capture *c)
{
    return c->z->raw_total - (c->z->end - c->z->pos);
}

void inflater_end(struct capture *c)
{
    struct inflater *z = c->z;
    if (!z) return;
    if (z->kind == Z_GZIP) inflateEnd(&z->gz);
    if (z->zs) ZSTD_freeDStream(z->zs);
    if (z->lz) LZ4F_freeDecompressionContext(z->lz);
    free(z->in);
    free(z);
    c->z = NULL;
}
