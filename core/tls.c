/* TLS (RFC 8446, RFC 5246): the record at a segment's start and, for a handshake record, its
 * first message (or, from a QUIC Initial, the first message of its CRYPTO data: RFC 9001 4); a
 * ClientHello or ServerHello in one record is parsed whole (cipher suites,
 * extensions, SNI, ALPN, groups, point formats, signature algorithms, supported versions) for
 * JA3/JA3S (Salesforce) and JA4 (FoxIO).  MD5 and SHA-256 through libcrypto's EVP. */
#include "app.h"
#include "bytes.h"

#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool tls_grease(uint16_t v)
{
    return (v & 0x0f0f) == 0x0a0a && (v >> 8) == (v & 0xff);
}

static void add16(uint16_t *list, uint16_t *n, uint16_t v, bool *cut)
{
    if (*n < TLS_MAX_LIST) list[(*n)++] = v;
    else *cut = true;
}

/* Adds the big-endian 16-bit values of the n bytes at p (a list its caller has bounds-checked). */
static void add16_list(uint16_t *list, uint16_t *count, const uint8_t *p, size_t n, bool *cut)
{
    for (size_t i = 0; i + 1 < n; i += 2) add16(list, count, (uint16_t)(p[i] << 8 | p[i + 1]), cut);
}

/* The extensions block at [pos, end) of a hello of bytes b (whole frame, bounds len). */
static bool tls_extensions(struct tls_hello *t, const uint8_t *b, size_t len, size_t pos, size_t end, bool client)
{
    while (pos < end) {
        uint16_t type, elen;
        if (!get_be16(b, end, pos, &type) || !get_be16(b, end, pos + 2, &elen)) return false;
        size_t d = pos + 4, e = d + elen;
        if (e > end) return false;
        add16(t->exts, &t->nexts, type, &t->list_cut);
        uint16_t l16;
        uint8_t l8;
        switch (type) {
        case 0:     /* server_name: list of (type, name); the first host_name */
            if (client && get_be16(b, e, d, &l16) && l16 >= 3) {
                uint8_t nt;
                uint16_t nl;
                if (get_u8(b, e, d + 2, &nt) && nt == 0 && get_be16(b, e, d + 3, &nl) && bytes_fit(e, d + 5, nl))
                    t->sni = (struct span){(uint32_t)(d + 5), nl};
            }
            break;
        case 10:    /* supported_groups */
            if (get_be16(b, e, d, &l16) && bytes_fit(e, d + 2, l16))
                add16_list(t->groups, &t->ngroups, b + d + 2, l16, &t->list_cut);
            break;
        case 11:    /* ec_point_formats */
            if (get_u8(b, e, d, &l8) && bytes_fit(e, d + 1, l8))
                for (size_t i = 0; i < l8; i++) {
                    if (t->npoints < TLS_MAX_LIST) t->points[t->npoints++] = b[d + 1 + i];
                    else t->list_cut = true;
                }
            break;
        case 13:    /* signature_algorithms */
            if (get_be16(b, e, d, &l16) && bytes_fit(e, d + 2, l16))
                add16_list(t->sigalgs, &t->nsigalgs, b + d + 2, l16, &t->list_cut);
            break;
        case 16:    /* application_layer_protocol_negotiation */
            if (get_be16(b, e, d, &l16) && bytes_fit(e, d + 2, l16)) {
                size_t p = d + 2, q = d + 2 + l16;
                while (p < q && get_u8(b, q, p, &l8) && bytes_fit(q, p + 1, l8)) {
                    if (t->nalpn < 16) t->alpn[t->nalpn++] = (struct span){(uint32_t)(p + 1), l8};
                    p += 1 + (size_t)l8;
                }
            }
            break;
        case 43:    /* supported_versions: a list in a ClientHello, one in a ServerHello */
            if (!client) {
                if (get_be16(b, e, d, &l16)) t->supported_version = l16;
            } else if (get_u8(b, e, d, &l8) && bytes_fit(e, d + 1, l8)) {
                for (size_t i = 0; i + 1 < l8; i += 2) {
                    uint16_t v = (uint16_t)(b[d + 1 + i] << 8 | b[d + 2 + i]);
                    if (!tls_grease(v) && v > t->supported_version) t->supported_version = v;
                }
            }
            break;
        }
        pos = e;
    }
    (void)len;
    return true;
}

/* The hello body at [pos, end). */
static bool tls_hello_body(struct tls_hello *t, const uint8_t *b, size_t pos, size_t end, bool client)
{
    uint8_t l8;
    uint16_t l16;
    if (!get_be16(b, end, pos, &t->version)) return false;
    pos += 2 + 32;                                       /* version, random */
    if (!get_u8(b, end, pos, &l8)) return false;         /* session id */
    pos += 1 + (size_t)l8;
    if (client) {
        if (!get_be16(b, end, pos, &l16) || !bytes_fit(end, pos + 2, l16)) return false;
        add16_list(t->ciphers, &t->nciphers, b + pos + 2, l16, &t->list_cut);
        pos += 2 + (size_t)l16;
        if (!get_u8(b, end, pos, &l8) || !bytes_fit(end, pos + 1, l8)) return false;
        pos += 1 + (size_t)l8;
    } else {
        if (!get_be16(b, end, pos, &l16)) return false;
        add16(t->ciphers, &t->nciphers, l16, &t->list_cut);
        pos += 3;                                        /* cipher suite, compression method */
        if (pos > end) return false;
    }
    if (pos == end) return true;                         /* no extensions */
    if (!get_be16(b, end, pos, &l16) || !bytes_fit(end, pos + 2, l16)) return false;
    return tls_extensions(t, b, end, pos + 2, pos + 2 + l16, client);
}

/* The lists are read only up to their counts: the scalars are cleared, not the whole struct. */
static void tls_clear(struct tls_hello *t)
{
    t->hs_type = 0;
    t->hello = t->list_cut = t->quic = false;
    t->version = t->supported_version = 0;
    t->nciphers = t->nexts = t->ngroups = t->npoints = t->nsigalgs = 0;
    t->nalpn = 0;
    t->sni = (struct span){0, 0};
}

/* The body [pos, end) of the handshake message of type t->hs_type: parsed when a hello. */
static void tls_hello(struct app_info *a, const uint8_t *b, size_t pos, size_t end)
{
    struct tls_hello *t = &a->u.tls;
    if (t->hs_type != 1 && t->hs_type != 2) return;
    if (!tls_hello_body(t, b, pos, end, t->hs_type == 1)) {
        a->malformed = "tls hello length lies";
        return;
    }
    t->hello = true;
}

bool tls_decode(struct app_info *a, const uint8_t *b, uint32_t off, uint32_t len)
{
    struct tls_hello *t = &a->u.tls;
    uint8_t type;
    uint16_t ver, rlen;
    if (!get_u8(b + off, len, 0, &type) || !get_be16(b + off, len, 1, &ver) || !get_be16(b + off, len, 3, &rlen))
        return false;
    if (type < 20 || type > 23 || (ver >> 8) != 3 || (ver & 0xff) > 4 || rlen == 0 || rlen > 16384 + 2048) return false;
    tls_clear(t);
    a->proto = APP_TLS;
    t->record_type = type;
    t->record_version = ver;
    if (type != 22) return true;
    size_t rec = off + 5, rend = rec + rlen, cap = (size_t)off + len;
    uint32_t hlen;
    if (!get_u8(b, cap, rec, &t->hs_type)) { a->truncated = "tls record"; return true; }
    if (!bytes_fit(cap, rec, 4)) { a->truncated = "tls handshake header"; return true; }
    hlen = (uint32_t)b[rec + 1] << 16 | (uint32_t)b[rec + 2] << 8 | b[rec + 3];
    /* a record cut by the segment is not read (no reassembly; tshark shows none of it either),
     * and a message longer than its record is an encrypted one (a Finished) or a fragment */
    if (rend > cap) { t->hs_type = 0; a->truncated = "tls record continues in later segments"; return true; }
    if (rlen < 4 || hlen > (uint32_t)rlen - 4u) { t->hs_type = 0; return true; }
    tls_hello(a, b, rec + 4, rec + 4 + hlen);
    return true;
}

bool tls_decode_handshake(struct app_info *a, const uint8_t *c, size_t len)
{
    struct tls_hello *t = &a->u.tls;
    tls_clear(t);
    t->quic = true;
    t->record_type = 0;
    t->record_version = 0;
    if (len < 4) return false;
    uint32_t hlen = (uint32_t)c[1] << 16 | (uint32_t)c[2] << 8 | c[3];
    if (hlen > len - 4) return false;
    t->hs_type = c[0];
    tls_hello(a, c, 4, 4 + (size_t)hlen);
    return true;
}

/* Appends "-"-joined decimal values (GREASE left out). */
static size_t join16(char *out, size_t o, size_t outsz, const uint16_t *v, size_t n)
{
    bool first = true;
    for (size_t i = 0; i < n && o < outsz; i++) {
        if (tls_grease(v[i])) continue;
        int w = snprintf(out + o, outsz - o, first ? "%u" : "-%u", v[i]);
        if (w < 0) break;
        o += (size_t)w;
        first = false;
    }
    return o;
}

bool tls_ja3_string(const struct tls_hello *t, char *out, size_t outsz)
{
    if (!t->hello || outsz < 16) return false;
    size_t o = (size_t)snprintf(out, outsz, "%u,", t->version);
    if (t->hs_type == 1) {
        o = join16(out, o, outsz, t->ciphers, t->nciphers);
        if (o < outsz) out[o++] = ',';
        o = join16(out, o, outsz, t->exts, t->nexts);
        if (o < outsz) out[o++] = ',';
        o = join16(out, o, outsz, t->groups, t->ngroups);
        if (o < outsz) out[o++] = ',';
        for (size_t i = 0; i < t->npoints && o < outsz; i++) {
            int w = snprintf(out + o, outsz - o, i ? "-%u" : "%u", t->points[i]);
            if (w < 0) break;
            o += (size_t)w;
        }
    } else {
        o += (size_t)snprintf(out + o, outsz - o, "%u,", t->ciphers[0]);
        if (o < outsz) o = join16(out, o, outsz, t->exts, t->nexts);
    }
    if (o >= outsz) return false;
    out[o] = 0;
    return true;
}

static bool digest_hex(const EVP_MD *md, const void *data, size_t n, char *out, size_t hexlen)
{
    unsigned char h[EVP_MAX_MD_SIZE];
    unsigned hl = 0;
    if (!EVP_Digest(data, n, h, &hl, md, NULL)) return false;
    for (size_t i = 0; i < hexlen / 2 && i < hl; i++) snprintf(out + 2 * i, 3, "%02x", h[i]);
    out[hexlen] = 0;
    return true;
}

bool tls_ja3_hash(const char *full, char out[33])
{
    return digest_hex(EVP_md5(), full, strlen(full), out, 32);
}

static int cmp16(const void *a, const void *b)
{
    return (int)*(const uint16_t *)a - (int)*(const uint16_t *)b;
}

/* First 12 hex digits of SHA-256 over the text, or twelve zeros for an empty list. */
static void ja4_part(const char *text, bool empty, char out[13])
{
    if (empty || !digest_hex(EVP_sha256(), text, strlen(text), out, 12)) memcpy(out, "000000000000", 13);
}

static bool alnum(uint8_t c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool tls_ja4(const struct tls_hello *t, const uint8_t *b, char proto, char out[40])
{
    if (!t->hello || t->hs_type != 1) return false;
    uint16_t v = t->supported_version ? t->supported_version : t->version;
    const char *ver = v == 0x0304 ? "13" : v == 0x0303 ? "12" : v == 0x0302 ? "11" : v == 0x0301 ? "10" :
                      v == 0x0300 ? "s3" : v == 0x0002 ? "s2" : v == 0xfeff ? "d1" : v == 0xfefd ? "d2" :
                      v == 0xfefc ? "d3" : "00";
    uint16_t c[TLS_MAX_LIST], e[TLS_MAX_LIST];
    size_t nc = 0, ne = 0, ne_all = 0;
    for (size_t i = 0; i < t->nciphers; i++) if (!tls_grease(t->ciphers[i])) c[nc++] = t->ciphers[i];
    for (size_t i = 0; i < t->nexts; i++) {
        if (tls_grease(t->exts[i])) continue;
        ne_all++;
        if (t->exts[i] != 0 && t->exts[i] != 16) e[ne++] = t->exts[i];
    }
    char alpn[3] = "00";
    if (t->nalpn && t->alpn[0].len) {
        const uint8_t *s = b + t->alpn[0].off;
        uint8_t f = s[0], l = s[t->alpn[0].len - 1];
        if (alnum(f) && alnum(l)) { alpn[0] = (char)f; alpn[1] = (char)l; }
        else { static const char hx[] = "0123456789abcdef"; alpn[0] = hx[f >> 4]; alpn[1] = hx[l & 15]; }
    }
    bool sni = false;
    for (size_t i = 0; i < t->nexts; i++) if (t->exts[i] == 0) sni = true;
    qsort(c, nc, sizeof c[0], cmp16);
    qsort(e, ne, sizeof e[0], cmp16);
    char text[TLS_MAX_LIST * 5 * 2 + 8], pb[13], pc[13];
    size_t o = 0;
    for (size_t i = 0; i < nc; i++) o += (size_t)snprintf(text + o, sizeof text - o, i ? ",%04x" : "%04x", c[i]);
    text[o] = 0;
    ja4_part(text, nc == 0, pb);
    o = 0;
    for (size_t i = 0; i < ne; i++) o += (size_t)snprintf(text + o, sizeof text - o, i ? ",%04x" : "%04x", e[i]);
    if (t->nsigalgs) {
        o += (size_t)snprintf(text + o, sizeof text - o, "_");
        for (size_t i = 0; i < t->nsigalgs; i++) o += (size_t)snprintf(text + o, sizeof text - o, i ? ",%04x" : "%04x", t->sigalgs[i]);
    }
    text[o] = 0;
    ja4_part(text, ne == 0, pc);
    snprintf(out, 40, "%c%s%c%02zu%02zu%s_%s_%s", proto, ver, sni ? 'd' : 'i', nc > 99 ? 99 : nc,
             ne_all > 99 ? 99 : ne_all, alpn, pb, pc);
    return true;
}
