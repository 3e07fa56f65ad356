/* libFuzzer harness (make fuzz): the QUIC Initial decryptor on a fuzzed datagram (core/quic.c,
 * core/quic_initial.c, core/tls.c).  Input: a flags byte (bit 0: a client DCID is given, as the
 * conversation index gives one; bit 1: the datagram was longer on the wire than captured), a
 * DCID length (mod 21) and its bytes, then the UDP payload, in a block of exactly its size.  The
 * long header is decoded, the Initial opened (keys from the given DCID, then its own) and its
 * CRYPTO frames and TLS hello read as lua/appfields.c reads them; the same payload bytes also go
 * through the frame walker and the TLS handshake decoder as if decrypted, so both are fuzzed
 * without a tag to forge.  Checks: the contiguous CRYPTO prefix fits its buffer. */
#include "core/app.h"
#include "tests/fuzz/app_read.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2) return 0;
    uint8_t flags = data[0];
    size_t dl = data[1] % 21;
    if (size < 2 + dl) return 0;
    const uint8_t *dcid = data + 2;
    size_t len = size - 2 - dl;
    uint8_t *b = malloc(len ? len : 1), *plain = malloc(len ? len : 1), *crypto = malloc(len ? len : 1);
    if (!b || !plain || !crypto) abort();
    memcpy(b, data + 2 + dl, len);
    uint32_t wire = (uint32_t)len + (flags & 2 ? (uint32_t)flags : 0);

    /* 1. as app decoding does: the long header, then the Initial opened */
    struct app_info a;
    memset(&a, 0, sizeof a);
    if (quic_decode(&a, b, 0, (uint32_t)len, true)) {
        struct app_quic_in in = {flags & 1 ? dcid : NULL, dl, plain, crypto, len};
        quic_initial_tls(&a, b, 0, (uint32_t)len, wire, &in);
        consume_app(&a, b, crypto);
    }

    /* 2. the payload bytes as a decrypted payload: the frame walk and the hello behind it */
    const char *bad = NULL;
    size_t have = quic_crypto_frames(b, len, crypto, len, &bad);
    if (have > len) abort();
    struct app_info h;
    memset(&h, 0, sizeof h);
    h.proto = APP_QUIC;
    if (have && tls_decode_handshake(&h, crypto, have)) {
        h.quic_tls = true;
        consume_app(&h, b, crypto);
    }
    /* 3. the payload as CRYPTO data itself */
    memset(&h, 0, sizeof h);
    h.proto = APP_QUIC;
    if (tls_decode_handshake(&h, b, len)) {
        h.quic_tls = true;
        consume_app(&h, b, b);
    }
    free(b);
    free(plain);
    free(crypto);
    return 0;
}
