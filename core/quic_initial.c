/* QUIC Initial packets opened (RFC 9001 section 5, QUIC v2 RFC 9369): keys from the client's
 * original Destination Connection ID (HKDF-SHA256), header protection removed (AES-128-ECB mask),
 * payload decrypted (AES-128-GCM), then the CRYPTO frames from offset 0 of this one packet put
 * together and their TLS hello handed to core/tls.c.  No reassembly across packets.  libcrypto's
 * EVP and HMAC; the only memory is EVP's cipher context and the caller's buffers. */
#include "app.h"
#include "bytes.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <string.h>

static const uint8_t salt_v1[20] = {0x38, 0x76, 0x2c, 0xf7, 0xf5, 0x59, 0x34, 0xb3, 0x4d, 0x17,
                                    0x9a, 0xe6, 0xa4, 0xc8, 0x0c, 0xad, 0xcc, 0xbb, 0x7f, 0x0a};
static const uint8_t salt_v2[20] = {0x0d, 0xed, 0xe3, 0xde, 0xf7, 0x00, 0xa6, 0xdb, 0x81, 0x93,
                                    0x81, 0xbe, 0x6e, 0x26, 0x9d, 0xcb, 0xf9, 0xbd, 0x2e, 0xd9};
static const uint8_t salt_d29[20] = {0xaf, 0xbf, 0xec, 0x28, 0x99, 0x93, 0xd2, 0x4c, 0x9e, 0x97,
                                     0x86, 0xf1, 0x9c, 0x61, 0x11, 0xe0, 0x43, 0x90, 0xa8, 0x99};

/* HKDF-Expand-Label (RFC 8446 7.1) with an empty context, out_len <= 32: one HMAC block. */
static bool expand_label(const uint8_t secret[32], const char *label, uint8_t *out, size_t out_len)
{
    uint8_t info[2 + 1 + 6 + 32 + 1 + 1], h[EVP_MAX_MD_SIZE];
    size_t ll = strlen(label), n = 0;
    unsigned hl = 0;
    if (out_len > 32 || ll > 32) return false;
    info[n++] = 0;
    info[n++] = (uint8_t)out_len;
    info[n++] = (uint8_t)(6 + ll);
    memcpy(info + n, "tls13 ", 6);
    n += 6;
    memcpy(info + n, label, ll);
    n += ll;
    info[n++] = 0;                                       /* context: empty */
    info[n++] = 1;                                       /* T(1) */
    if (!HMAC(EVP_sha256(), secret, 32, info, n, h, &hl) || hl < out_len) return false;
    memcpy(out, h, out_len);
    return true;
}

bool quic_initial_keys(uint32_t v, const uint8_t *dcid, size_t dcid_len, bool server, struct quic_keys *k)
{
    const uint8_t *salt;
    bool v2 = v == 0x6b3343cf;
    if (!quic_version_known(v) || dcid_len > 20) return false;
    salt = v2 ? salt_v2 : (v >= 0xff00001d && v <= 0xff000020) ? salt_d29 : salt_v1;   /* drafts 33, 34: v1's */
    uint8_t initial[EVP_MAX_MD_SIZE], secret[32];
    unsigned il = 0;
    static const uint8_t none = 0;
    if (!HMAC(EVP_sha256(), salt, 20, dcid_len ? dcid : &none, dcid_len, initial, &il) || il != 32) return false;
    if (!expand_label(initial, server ? "server in" : "client in", secret, 32)) return false;
    return expand_label(secret, v2 ? "quicv2 key" : "quic key", k->key, 16) &&
           expand_label(secret, v2 ? "quicv2 iv" : "quic iv", k->iv, 12) &&
           expand_label(secret, v2 ? "quicv2 hp" : "quic hp", k->hp, 16);
}

enum quic_opened quic_initial_open(const uint8_t *p, size_t len, const struct quic_long *q, const struct quic_keys *k,
                                   uint8_t *plain, size_t cap, size_t *plain_len, uint64_t *pn)
{
    size_t pn_off = q->pn_off;
    /* the Length covers the packet number (1-4 bytes) and the payload with its 16-byte tag; the
     * header-protection sample starts 4 bytes after the packet number's start */
    if (pn_off == 0 || pn_off > len) return QI_LIES;
    if (q->length < 4 + 16 || q->length > 65535) return QI_LIES;
    if (q->length > len - pn_off) return QI_CUT;
    size_t end = pn_off + (size_t)q->length;
    uint8_t mask[32];
    int ml = 0, ok = 0;
    EVP_CIPHER_CTX *c = EVP_CIPHER_CTX_new();
    if (!c) return QI_NO_KEY;
    if (!EVP_EncryptInit_ex(c, EVP_aes_128_ecb(), NULL, k->hp, NULL) || !EVP_CIPHER_CTX_set_padding(c, 0) ||
        !EVP_EncryptUpdate(c, mask, &ml, p + pn_off + 4, 16) || ml != 16) {
        EVP_CIPHER_CTX_free(c);
        return QI_NO_KEY;
    }
    uint8_t first = p[0] ^ (mask[0] & 0x0f);             /* long header: the low 4 bits are protected */
    size_t pn_len = (size_t)(first & 3) + 1;
    uint8_t pnb[4];
    uint64_t truncated = 0;
    for (size_t i = 0; i < pn_len; i++) {
        pnb[i] = p[pn_off + i] ^ mask[1 + i];
        truncated = truncated << 8 | pnb[i];
    }
    /* the full packet number (RFC 9000 A.3) with none received before: the truncated value */
    *pn = truncated;
    size_t ct = pn_off + pn_len, ct_len = end - 16 - ct;
    if (ct_len > cap) { EVP_CIPHER_CTX_free(c); return QI_LIES; }
    uint8_t nonce[12];
    memcpy(nonce, k->iv, 12);
    for (int i = 0; i < 8; i++) nonce[11 - i] ^= (uint8_t)(truncated >> (8 * i));
    int n = 0, fl = 0;
    /* the associated data is the header as sent before protection: first byte and packet number
     * unmasked, in three pieces (GCM takes its AAD in parts before the ciphertext) */
    if (EVP_CIPHER_CTX_reset(c) && EVP_DecryptInit_ex(c, EVP_aes_128_gcm(), NULL, k->key, nonce) &&
        EVP_DecryptUpdate(c, NULL, &n, &first, 1) &&
        EVP_DecryptUpdate(c, NULL, &n, p + 1, (int)(pn_off - 1)) &&
        EVP_DecryptUpdate(c, NULL, &n, pnb, (int)pn_len) &&
        (ct_len == 0 || EVP_DecryptUpdate(c, plain, &n, p + ct, (int)ct_len)) &&
        EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_GCM_SET_TAG, 16, (void *)(p + end - 16)) &&
        EVP_DecryptFinal_ex(c, plain + (ct_len ? (size_t)n : 0), &fl) > 0)
        ok = 1;
    EVP_CIPHER_CTX_free(c);
    if (!ok) return QI_NO_KEY;
    *plain_len = ct_len;
    return QI_OPENED;
}


#define CRYPTO_MAX 64   /* CRYPTO frames kept from one packet (browsers split a hello into a few) */

size_t quic_crypto_frames(const uint8_t *pl, size_t plen, uint8_t *crypto, size_t cap, const char **bad)
{
    struct { uint64_t off, len; } seen[CRYPTO_MAX];
    size_t nseen = 0, pos = 0;
    while (pos < plen) {
        uint64_t type, x, count, off, len;
        size_t at = pos;
        if (!quic_varint(pl, plen, &pos, &type)) { *bad = "quic frame type past the payload"; break; }
        if (type == 0x00 || type == 0x01) continue;     /* PADDING, PING */
        if (type == 0x02 || type == 0x03) {             /* ACK: largest, delay, range count, first range, ranges */
            bool okf = quic_varint(pl, plen, &pos, &x) && quic_varint(pl, plen, &pos, &x) && quic_varint(pl, plen, &pos, &count) &&
                       quic_varint(pl, plen, &pos, &x);
            for (uint64_t i = 0; okf && i < count; i++) okf = quic_varint(pl, plen, &pos, &x) && quic_varint(pl, plen, &pos, &x);
            for (int i = 0; okf && type == 0x03 && i < 3; i++) okf = quic_varint(pl, plen, &pos, &x);   /* ECN counts */
            if (!okf) { *bad = "quic ACK frame past the payload"; break; }
            continue;
        }
        if (type == 0x06) {                             /* CRYPTO: offset, length, data */
            if (!quic_varint(pl, plen, &pos, &off) || !quic_varint(pl, plen, &pos, &len) || len > plen - pos) {
                *bad = "quic CRYPTO frame length past the payload";
                break;
            }
            if (off <= cap && len <= cap - off) {
                memcpy(crypto + off, pl + pos, (size_t)len);
                if (nseen < CRYPTO_MAX) { seen[nseen].off = off; seen[nseen].len = len; nseen++; }
            }
            pos += (size_t)len;
            continue;
        }
        if (type == 0x1c) {                             /* CONNECTION_CLOSE: code, frame type, reason */
            if (!quic_varint(pl, plen, &pos, &x) || !quic_varint(pl, plen, &pos, &x) || !quic_varint(pl, plen, &pos, &len) ||
                len > plen - pos) {
                *bad = "quic CONNECTION_CLOSE frame past the payload";
                break;
            }
            pos += (size_t)len;
            continue;
        }
        (void)at;
        *bad = "quic frame type not allowed in an Initial";
        break;
    }
    /* the prefix from 0 the frames cover, whatever order they came in */
    uint64_t have = 0;
    for (bool grew = true; grew;) {
        grew = false;
        for (size_t i = 0; i < nseen; i++)
            if (seen[i].off <= have && seen[i].off + seen[i].len > have) { have = seen[i].off + seen[i].len; grew = true; }
    }
    return (size_t)have;
}

void quic_initial_tls(struct app_info *a, const uint8_t *b, uint32_t off, uint32_t len, uint32_t wire,
                      const struct app_quic_in *in)
{
    struct quic_long *q = &a->quic;
    const uint8_t *p = b + off;
    if (q->type != 0 || q->opened == QI_LIES || !q->pn_off || !in || in->cap < len) return;
    /* the Length must fit in the datagram as sent; what the capture cut cannot be opened */
    if (q->length > (uint64_t)wire - q->pn_off || q->length < 4 + 16) {
        q->opened = QI_LIES;
        a->malformed = "quic initial Length past the datagram";
        return;
    }
    if (q->length > (uint64_t)len - q->pn_off) {
        q->opened = QI_CUT;
        a->truncated = "quic initial cut short by the capture: not decrypted";
        return;
    }
    /* keys to try: from the client's DCID that conversation state gave (a server's Initial, or a
     * client's after the server chose its DCID), then from the packet's own DCID (a client's first) */
    struct try { const uint8_t *dcid; size_t len; bool server; } tries[3];
    int nt = 0;
    const uint8_t *own = b + q->dcid.off;
    if (in->client_dcid && in->client_dcid_len <= 20) {
        tries[nt++] = (struct try){in->client_dcid, in->client_dcid_len, true};
        tries[nt++] = (struct try){in->client_dcid, in->client_dcid_len, false};
    }
    if (!(in->client_dcid && in->client_dcid_len == q->dcid_len && memcmp(in->client_dcid, own, q->dcid_len) == 0))
        tries[nt++] = (struct try){own, q->dcid_len, false};
    size_t plen = 0;
    uint64_t pn;
    enum quic_opened r = QI_NO_KEY;
    for (int i = 0; i < nt && r != QI_OPENED; i++) {
        struct quic_keys k;
        if (!quic_initial_keys(q->version, tries[i].dcid, tries[i].len, tries[i].server, &k)) continue;
        r = quic_initial_open(p, len, q, &k, in->plain, in->cap, &plen, &pn);
        if (r == QI_LIES || r == QI_CUT) break;
    }
    q->opened = (uint8_t)r;
    if (r != QI_OPENED) {
        if (r == QI_LIES) a->malformed = "quic initial Length past the datagram";
        return;
    }
    const char *bad = NULL;
    size_t have = quic_crypto_frames(in->plain, plen, in->crypto, in->cap, &bad);
    if (bad) a->malformed = bad;
    if (have == 0) return;
    if (!tls_decode_handshake(a, in->crypto, have)) {
        a->truncated = "tls handshake continues in a later quic packet";
        return;
    }
    a->quic_tls = true;
}
