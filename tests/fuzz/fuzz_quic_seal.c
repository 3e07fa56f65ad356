/* libFuzzer harness (make fuzz): QUIC Initial packets sealed here around a fuzzed plaintext, so the
 * fuzzer explores the frame walker and the TLS hello decoder behind tags that hold (a tag it
 * cannot forge stops tests/fuzz/fuzz_quic_open.c at the AEAD).  Input: a flags byte (bits 0-1 the
 * version: v1, v2, draft 29, draft 34; bits 2-3 the packet number length - 1; bit 4 a server's
 * Initial, keys from the client's DCID; bits 5-6 the client DCID: 8 bytes, none, 20 bytes, 1 byte;
 * bit 7 a 24-byte token), the packet number's low byte, then the plaintext (padded with PADDING to
 * the 4 bytes header protection needs).  The Initial is protected as RFC 9001 5 says (our own
 * sealing, as tests/gen/gencap.c's), framed as Ethernet/IPv4/UDP port 443, decoded by
 * decode_frame and app_decode_quic as lua/packet.c does, and read as lua/appfields.c reads it.
 * Checks: the packet opens, its plaintext is the input's, and the walk's verdict (malformed
 * reason, hello or not) is what app decoding reports. */
#include "core/app.h"
#include "core/decode.h"
#include "tests/fuzz/app_read.h"

#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PLAIN_MAX 1400

static const uint32_t versions[4] = {1, 0x6b3343cf, 0xff00001d, 0xff000022};
static const uint8_t dcid8[8] = {0xc1, 0xc2, 0xc3, 0xc4, 0xc5, 0xc6, 0xc7, 0xc8},
                     dcid20[20] = {0xd0, 0xd1, 0xd2, 0xd3, 0xd4, 0xd5, 0xd6, 0xd7, 0xd8, 0xd9,
                                   0xda, 0xdb, 0xdc, 0xdd, 0xde, 0xdf, 0xe0, 0xe1, 0xe2, 0xe3},
                     dcid1[1] = {0x42}, cscid[4] = {0xa1, 0xa2, 0xa3, 0xa4}, sscid[8] = {0x5e, 0x5e, 0x5e, 0x5e, 0x5e, 0x5e, 0x5e, 0x01},
                     token[24] = "retry-token-from-server";

static void fail(const char *what)
{
    fprintf(stderr, "fuzz_quic_seal: %s\n", what);
    abort();
}

/* Protects p[start, n) in place: an Initial header ending at pn_off + pn_len, plen bytes of
 * plaintext after it, room for the tag. */
static size_t seal(uint8_t *p, size_t pn_off, size_t pn_len, uint64_t pn, size_t plen, const struct quic_keys *k)
{
    uint8_t nonce[12], mask[16];
    int n;
    memcpy(nonce, k->iv, 12);
    for (int i = 0; i < 8; i++) nonce[11 - i] ^= (uint8_t)(pn >> (8 * i));
    size_t ct = pn_off + pn_len;
    EVP_CIPHER_CTX *c = EVP_CIPHER_CTX_new();
    if (!c || !EVP_EncryptInit_ex(c, EVP_aes_128_gcm(), NULL, k->key, nonce) ||
        !EVP_EncryptUpdate(c, NULL, &n, p, (int)ct) ||
        (plen && !EVP_EncryptUpdate(c, p + ct, &n, p + ct, (int)plen)) ||
        !EVP_EncryptFinal_ex(c, p + ct + plen, &n) ||
        !EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_GCM_GET_TAG, 16, p + ct + plen) ||
        !EVP_CIPHER_CTX_reset(c) || !EVP_EncryptInit_ex(c, EVP_aes_128_ecb(), NULL, k->hp, NULL) ||
        !EVP_CIPHER_CTX_set_padding(c, 0) || !EVP_EncryptUpdate(c, mask, &n, p + pn_off + 4, 16))
        fail("libcrypto failed");
    EVP_CIPHER_CTX_free(c);
    p[0] ^= mask[0] & 0x0f;
    for (size_t i = 0; i < pn_len; i++) p[pn_off + i] ^= mask[1 + i];
    return ct + plen + 16;
}

static void put16(uint8_t *p, unsigned v) { p[0] = (uint8_t)(v >> 8); p[1] = (uint8_t)v; }

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2 || size - 2 > PLAIN_MAX) return 0;
    uint8_t flags = data[0];
    uint32_t v = versions[flags & 3];
    size_t pn_len = ((flags >> 2) & 3) + 1;
    bool server = flags & 0x10;
    static const uint8_t *const dcids[4] = {dcid8, NULL, dcid20, dcid1};
    static const size_t dls[4] = {8, 0, 20, 1};
    const uint8_t *cdcid = dcids[(flags >> 5) & 3];
    size_t cdl = dls[(flags >> 5) & 3], tl = flags & 0x80 ? sizeof token : 0;
    uint64_t pn = data[1] | (uint64_t)data[1] << 16;   /* what pn_len bytes keep of it */
    pn &= pn_len == 4 ? 0xffffffffu : ((uint64_t)1 << (8 * pn_len)) - 1;
    size_t plen = size - 2;
    uint8_t plain[PLAIN_MAX + 4];
    memcpy(plain, data + 2, plen);
    while (pn_len + plen < 4) plain[plen++] = 0;         /* PADDING: the sample needs 4 bytes after the number */

    /* the datagram: a client's Initial to its chosen DCID, or the server's to the client's SCID */
    uint8_t dg[1 + 4 + 1 + 20 + 1 + 8 + 1 + 24 + 2 + 4 + PLAIN_MAX + 4 + 16];
    size_t n = 0;
    const uint8_t *hd = server ? cscid : cdcid, *hs = server ? sscid : cscid;
    size_t hdl = server ? sizeof cscid : cdl, hsl = server ? sizeof sscid : sizeof cscid;
    dg[n++] = (uint8_t)(0xc0 | (v == 0x6b3343cf ? 0x10 : 0) | (pn_len - 1));
    dg[n++] = (uint8_t)(v >> 24); dg[n++] = (uint8_t)(v >> 16); dg[n++] = (uint8_t)(v >> 8); dg[n++] = (uint8_t)v;
    dg[n++] = (uint8_t)hdl;
    if (hdl) memcpy(dg + n, hd, hdl);
    n += hdl;
    dg[n++] = (uint8_t)hsl;
    memcpy(dg + n, hs, hsl);
    n += hsl;
    dg[n++] = (uint8_t)tl;
    if (tl) memcpy(dg + n, token, tl);
    n += tl;
    put16(dg + n, 0x4000 | (unsigned)(pn_len + plen + 16));
    n += 2;
    size_t pn_off = n;
    for (size_t i = 0; i < pn_len; i++) dg[n++] = (uint8_t)(pn >> (8 * (pn_len - 1 - i)));
    memcpy(dg + n, plain, plen);
    struct quic_keys k;
    if (!quic_initial_keys(v, cdcid ? cdcid : dcid1, cdl, server, &k)) fail("no keys");
    size_t dlen = seal(dg, pn_off, pn_len, pn, plen, &k);

    /* Ethernet, IPv4, UDP 50001 <-> 443 around it, in a block of exactly its size */
    size_t flen = 14 + 20 + 8 + dlen;
    uint8_t *f = malloc(flen);
    if (!f) abort();
    static const uint8_t eth[14] = {2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1, 0x08, 0x00};
    memcpy(f, eth, 14);
    uint8_t *ip = f + 14, *udp = ip + 20;
    memset(ip, 0, 20);
    ip[0] = 0x45;
    put16(ip + 2, (unsigned)(20 + 8 + dlen));
    ip[8] = 64;
    ip[9] = 17;
    static const uint8_t ca[4] = {10, 0, 0, 5}, sa[4] = {10, 0, 0, 44};
    memcpy(ip + 12, server ? sa : ca, 4);
    memcpy(ip + 16, server ? ca : sa, 4);
    put16(udp, server ? 443 : 50001);
    put16(udp + 2, server ? 50001 : 443);
    put16(udp + 4, (unsigned)(8 + dlen));
    put16(udp + 6, 0);
    memcpy(udp + 8, dg, dlen);

    static struct reset_table table;
    struct decoded d;
    memset(&d, 0, sizeof d);
    decode_frame(&d, LT_ETHERNET, f, (uint32_t)flen, (uint32_t)flen, &table);
    if (!(d.layers & L_UDP) || d.payload_caplen != dlen) fail("the frame did not decode to its datagram");
    uint8_t *pbuf = malloc(dlen), *cbuf = malloc(dlen);
    if (!pbuf || !cbuf) abort();
    struct app_quic_in in = {server ? cdcid : NULL, server ? cdl : 0, pbuf, cbuf, dlen};
    if (server && !cdl) in.client_dcid = dcid1;             /* a zero-length DCID, given */
    struct app_info a;
    if (app_decode_quic(&d, f, &a, &in) != APP_QUIC || a.quic.type != 0) fail("not read as a QUIC Initial");
    if (a.quic.opened != QI_OPENED) fail("a sealed Initial did not open");
    if (memcmp(pbuf, plain, plen) != 0) fail("the plaintext is not what was sealed");
    consume_app(&a, f, cbuf);

    /* the walk again over the plaintext: app decoding's verdict */
    const char *bad = NULL;
    uint8_t *again = malloc(dlen);
    if (!again) abort();
    size_t have = quic_crypto_frames(plain, plen, again, dlen, &bad);
    if (have > dlen) fail("CRYPTO data past its buffer");
    struct app_info h;
    memset(&h, 0, sizeof h);
    bool hello = have && tls_decode_handshake(&h, again, have);
    if (hello != a.quic_tls) fail("the hello differs from the walk's");
    if (a.malformed != (h.malformed ? h.malformed : bad)) fail("malformed is not the walk's or the hello's reason");
    if (hello && (memcmp(again, cbuf, have) != 0 || h.u.tls.hs_type != a.u.tls.hs_type || h.u.tls.hello != a.u.tls.hello))
        fail("the CRYPTO data differs from the walk's");
    free(again);
    free(pbuf);
    free(cbuf);
    free(f);
    return 0;
}
