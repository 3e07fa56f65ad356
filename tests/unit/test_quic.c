/* Unit tests of QUIC Initial protection (core/quic_initial.c) with RFC 9001 Appendix A's vectors:
 * the keys from DCID 8394c8f03e515708, the client Initial of A.2 (header protection, its
 * ClientHello) and the server Initial of A.3 (its ServerHello); every cut and every changed byte
 * of the server's packet opened without a crash and never taken for the original. */
#include "check.h"
#include "core/app.h"

#include <stdlib.h>
#include <string.h>

void test_quic_initial(void);

static size_t unhex(const char *h, uint8_t *out, size_t cap)
{
    size_t n = 0;
    for (; h[0] && h[1] && n < cap; h += 2) {
        unsigned v;
        sscanf(h, "%2x", &v);
        out[n++] = (uint8_t)v;
    }
    return n;
}

static const char *hex(const uint8_t *b, size_t n)
{
    static char s[512];
    for (size_t i = 0; i < n && i < 255; i++) snprintf(s + 2 * i, 3, "%02x", b[i]);
    s[2 * (n < 255 ? n : 255)] = 0;
    return s;
}

/* RFC 9001 A.2: the client Initial (1200 bytes), protected. */
static const char a2[] =
    "c000000001088394c8f03e5157080000449e7b9aec34d1b1c98dd7689fb8ec11"
    "d242b123dc9bd8bab936b47d92ec356c0bab7df5976d27cd449f63300099f399"
    "1c260ec4c60d17b31f8429157bb35a1282a643a8d2262cad67500cadb8e7378c"
    "8eb7539ec4d4905fed1bee1fc8aafba17c750e2c7ace01e6005f80fcb7df6212"
    "30c83711b39343fa028cea7f7fb5ff89eac2308249a02252155e2347b63d58c5"
    "457afd84d05dfffdb20392844ae812154682e9cf012f9021a6f0be17ddd0c208"
    "4dce25ff9b06cde535d0f920a2db1bf362c23e596d11a4f5a6cf3948838a3aec"
    "4e15daf8500a6ef69ec4e3feb6b1d98e610ac8b7ec3faf6ad760b7bad1db4ba3"
    "485e8a94dc250ae3fdb41ed15fb6a8e5eba0fc3dd60bc8e30c5c4287e53805db"
    "059ae0648db2f64264ed5e39be2e20d82df566da8dd5998ccabdae053060ae6c"
    "7b4378e846d29f37ed7b4ea9ec5d82e7961b7f25a9323851f681d582363aa5f8"
    "9937f5a67258bf63ad6f1a0b1d96dbd4faddfcefc5266ba6611722395c906556"
    "be52afe3f565636ad1b17d508b73d8743eeb524be22b3dcbc2c7468d54119c74"
    "68449a13d8e3b95811a198f3491de3e7fe942b330407abf82a4ed7c1b311663a"
    "c69890f4157015853d91e923037c227a33cdd5ec281ca3f79c44546b9d90ca00"
    "f064c99e3dd97911d39fe9c5d0b23a229a234cb36186c4819e8b9c5927726632"
    "291d6a418211cc2962e20fe47feb3edf330f2c603a9d48c0fcb5699dbfe58964"
    "25c5bac4aee82e57a85aaf4e2513e4f05796b07ba2ee47d80506f8d2c25e50fd"
    "14de71e6c418559302f939b0e1abd576f279c4b2e0feb85c1f28ff18f58891ff"
    "ef132eef2fa09346aee33c28eb130ff28f5b766953334113211996d20011a198"
    "e3fc433f9f2541010ae17c1bf202580f6047472fb36857fe843b19f5984009dd"
    "c324044e847a4f4a0ab34f719595de37252d6235365e9b84392b061085349d73"
    "203a4a13e96f5432ec0fd4a1ee65accdd5e3904df54c1da510b0ff20dcc0c77f"
    "cb2c0e0eb605cb0504db87632cf3d8b4dae6e705769d1de354270123cb11450e"
    "fc60ac47683d7b8d0f811365565fd98c4c8eb936bcab8d069fc33bd801b03ade"
    "a2e1fbc5aa463d08ca19896d2bf59a071b851e6c239052172f296bfb5e724047"
    "90a2181014f3b94a4e97d117b438130368cc39dbb2d198065ae3986547926cd2"
    "162f40a29f0c3c8745c0f50fba3852e566d44575c29d39a03f0cda721984b6f4"
    "40591f355e12d439ff150aab7613499dbd49adabc8676eef023b15b65bfc5ca0"
    "6948109f23f350db82123535eb8a7433bdabcb909271a6ecbcb58b936a88cd4e"
    "8f2e6ff5800175f113253d8fa9ca8885c2f552e657dc603f252e1a8e308f76f0"
    "be79e2fb8f5d5fbbe2e30ecadd220723c8c0aea8078cdfcb3868263ff8f09400"
    "54da48781893a7e49ad5aff4af300cd804a6b6279ab3ff3afb64491c85194aab"
    "760d58a606654f9f4400e8b38591356fbf6425aca26dc85244259ff2b19c41b9"
    "f96f3ca9ec1dde434da7d2d392b905ddf3d1f9af93d1af5950bd493f5aa731b4"
    "056df31bd267b6b90a079831aaf579be0a39013137aac6d404f518cfd4684064"
    "7e78bfe706ca4cf5e9c5453e9f7cfd2b8b4c8d169a44e55c88d4a9a7f9474241"
    "e221af44860018ab0856972e194cd934";
/* RFC 9001 A.3: the server Initial, protected; and its payload (ACK, CRYPTO ServerHello). */
static const char a3[] =
    "cf000000010008f067a5502a4262b5004075c0d95a482cd0991cd25b0aac406a"
    "5816b6394100f37a1c69797554780bb38cc5a99f5ede4cf73c3ec2493a1839b3"
    "dbcba3f6ea46c5b7684df3548e7ddeb9c3bf9c73cc3f3bded74b562bfb19fb84"
    "022f8ef4cdd93795d77d06edbb7aaf2f58891850abbdca3d20398c276456cbc4"
    "2158407dd074ee";
static const char a3_plain[] =
    "02000000000600405a020000560303eefce7f7b37ba1d1632e96677825ddf739"
    "88cfc79825df566dc5430b9a045a1200130100002e00330024001d00209d3c94"
    "0d89690b84d08a60993c144eca684d1081287c834d5311bcf32bb9da1a002b00"
    "020304";

/* A decoded UDP packet whose payload is the n bytes at b (the frame is the payload alone). */
static struct decoded udp_of(size_t n, size_t wire, uint16_t sport, uint16_t dport)
{
    struct decoded d;
    memset(&d, 0, sizeof d);
    d.layers = L_IPV4 | L_UDP;
    d.ip_version = 4;
    d.udp.sport = sport;
    d.udp.dport = dport;
    d.payload_off = 0;
    d.payload_caplen = (uint32_t)n;
    d.payload_len = (uint32_t)wire;
    return d;
}

static const uint8_t dcid[8] = {0x83, 0x94, 0xc8, 0xf0, 0x3e, 0x51, 0x57, 0x08};

static void test_keys(void)
{
    struct quic_keys k;
    CHECK("client keys derive", quic_initial_keys(1, dcid, 8, false, &k));
    CHECK_STR("A.1 client key", hex(k.key, 16), "1f369613dd76d5467730efcbe3b1a22d");
    CHECK_STR("A.1 client iv", hex(k.iv, 12), "fa044b2f42a3fd3b46fb255c");
    CHECK_STR("A.1 client hp", hex(k.hp, 16), "9f50449e04a0e810283a1e9933adedd2");
    CHECK("server keys derive", quic_initial_keys(1, dcid, 8, true, &k));
    CHECK_STR("A.1 server key", hex(k.key, 16), "cf3a5331653c364c88f0f379b6067e37");
    CHECK_STR("A.1 server iv", hex(k.iv, 12), "0ac1493ca1905853b0bba03e");
    CHECK_STR("A.1 server hp", hex(k.hp, 16), "c206b8d9b9f0f37644430b490eeaa314");
    /* RFC 9369 A.1: QUIC v2's client keys from the same DCID */
    CHECK("v2 client keys derive", quic_initial_keys(0x6b3343cf, dcid, 8, false, &k));
    CHECK_STR("RFC 9369 A.1 client key", hex(k.key, 16), "8b1a0bc121284290a29e0971b5cd045d");
    CHECK_STR("RFC 9369 A.1 client iv", hex(k.iv, 12), "91f73e2351d8fa91660e909f");
    CHECK_STR("RFC 9369 A.1 client hp", hex(k.hp, 16), "45b95e15235d6f45a6b19cbcb0294ba9");
    CHECK("no keys for an unknown version", !quic_initial_keys(0xff00001c, dcid, 8, false, &k));
    CHECK("no keys for a 21-byte DCID", !quic_initial_keys(1, dcid, 21, false, &k));
    CHECK("v2 long types", quic_long_type(0x6b3343cf, 0xd0) == 0 && quic_long_type(0x6b3343cf, 0xc0) == 3 &&
                           quic_long_type(0x6b3343cf, 0xf0) == 2 && quic_long_type(1, 0xc0) == 0 && quic_long_type(1, 0xf0) == 3);
}

static void test_client_initial(void)
{
    static uint8_t pkt[1200], plain[1200], crypto[1200];
    size_t n = unhex(a2, pkt, sizeof pkt);
    CHECK("A.2 is 1200 bytes", n == 1200);
    struct decoded d = udp_of(n, n, 51000, 443);
    struct app_info a;
    CHECK("A.2 is QUIC", app_decode(&d, pkt, &a) == APP_QUIC);
    CHECK("A.2 is an Initial with its packet number at 18", a.quic.type == 0 && a.quic.pn_off == 18 && a.quic.length == 0x049e);
    struct quic_keys k;
    quic_initial_keys(1, dcid, 8, false, &k);
    size_t plen = 0;
    uint64_t pn = 0;
    CHECK("A.2 opens", quic_initial_open(pkt, n, &a.quic, &k, plain, sizeof plain, &plen, &pn) == QI_OPENED);
    CHECK("A.2 packet number 2", pn == 2);
    CHECK("A.2 payload 1162 bytes", plen == 1200 - 18 - 4 - 16);
    CHECK_STR("A.2 CRYPTO frame starts", hex(plain, 10), "060040f1010000ed0303");
    /* the whole path: app_decode_quic with buffers, keys from the packet's own DCID */
    struct app_quic_in in = {NULL, 0, plain, crypto, sizeof plain};
    CHECK("A.2 decodes as QUIC", app_decode_quic(&d, pkt, &a, &in) == APP_QUIC);
    CHECK("A.2 opened", a.quic.opened == QI_OPENED);
    CHECK("A.2 has TLS", a.quic_tls && a.u.tls.quic && a.u.tls.hello && a.u.tls.hs_type == 1);
    CHECK("A.2 not flagged", !a.truncated && !a.malformed);
    const struct tls_hello *t = &a.u.tls;
    CHECK("A.2 SNI example.com", t->sni.len == 11 && memcmp(crypto + t->sni.off, "example.com", 11) == 0);
    CHECK("A.2 ALPN alpn", t->nalpn == 1 && t->alpn[0].len == 4 && memcmp(crypto + t->alpn[0].off, "alpn", 4) == 0);
    CHECK("A.2 ciphers", t->nciphers == 2 && t->ciphers[0] == 0x1301 && t->ciphers[1] == 0x1302);
    char ja[TLS_JA3_MAX], j4[40];
    CHECK("A.2 JA3", tls_ja3_string(t, ja, sizeof ja));
    CHECK_STR("A.2 JA3 string", ja, "771,4865-4866,0-65281-10-16-5-51-43-13-45-28-57,29-23-24,");
    CHECK("A.2 JA4", tls_ja4(t, crypto, 'q', j4));
    CHECK("A.2 JA4 starts q13d0211an (2 ciphers, 11 extensions, ALPN a…n)", strncmp(j4, "q13d0211an_", 11) == 0);
    /* A.2's header protection: the first byte and packet number unmasked with the sample's mask */
    CHECK("A.2 protected first byte", pkt[0] == 0xc0 && pkt[18] == 0x7b);
    /* a wrong DCID: not opened, no TLS, no flag */
    uint8_t other[8] = {1, 2, 3, 4, 5, 6, 7, 8};
    quic_initial_keys(1, other, 8, false, &k);
    CHECK("A.2 does not open with other keys", quic_initial_open(pkt, n, &a.quic, &k, plain, sizeof plain, &plen, &pn) == QI_NO_KEY);
    /* cut by the capture: not opened, flagged truncated */
    d = udp_of(256, n, 51000, 443);
    CHECK("A.2 cut is QUIC", app_decode_quic(&d, pkt, &a, &in) == APP_QUIC);
    CHECK("A.2 cut: not opened", a.quic.opened == QI_CUT && !a.quic_tls);
    CHECK_STR("A.2 cut: truncated", a.truncated, "quic initial cut short by the capture: not decrypted");
}

static void test_server_initial(void)
{
    static uint8_t pkt[256], plain[256], crypto[256], want[256];
    size_t n = unhex(a3, pkt, sizeof pkt), wn = unhex(a3_plain, want, sizeof want);
    struct decoded d = udp_of(n, n, 443, 51000);
    struct app_info a;
    struct app_quic_in none = {NULL, 0, plain, crypto, sizeof plain};
    CHECK("A.3 without the client DCID: QUIC", app_decode_quic(&d, pkt, &a, &none) == APP_QUIC);
    CHECK("A.3 without the client DCID: not opened", a.quic.opened == QI_NO_KEY && !a.quic_tls && !a.truncated && !a.malformed);
    struct app_quic_in in = {dcid, 8, plain, crypto, sizeof plain};
    CHECK("A.3 with the client DCID: QUIC", app_decode_quic(&d, pkt, &a, &in) == APP_QUIC);
    CHECK("A.3 opened", a.quic.opened == QI_OPENED);
    CHECK("A.3 plaintext", memcmp(plain, want, wn) == 0);
    CHECK("A.3 ServerHello", a.quic_tls && a.u.tls.hello && a.u.tls.hs_type == 2 && a.u.tls.supported_version == 0x0304);
    char ja[TLS_JA3_MAX], md5[33];
    CHECK("A.3 JA3S", tls_ja3_string(&a.u.tls, ja, sizeof ja) && tls_ja3_hash(ja, md5));
    CHECK_STR("A.3 JA3S string", ja, "771,4865,51-43");
    CHECK_STR("A.3 JA3S md5", md5, "eb1d94daa7e0344597e756a1fb6e7054");
    /* every cut and every flipped byte: no crash (ASan watches the exact-size copies), never the ServerHello */
    int opened = 0;
    for (size_t cut = 0; cut <= n; cut++) {
        uint8_t *c = malloc(cut ? cut : 1);
        memcpy(c, pkt, cut);
        d = udp_of(cut, n, 443, 51000);
        app_decode_quic(&d, c, &a, &in);
        if (a.quic_tls) opened++;
        free(c);
    }
    CHECK("A.3 opened only whole", opened == 1);
    opened = 0;
    for (size_t i = 0; i < n; i++) {
        uint8_t *c = malloc(n);
        memcpy(c, pkt, n);
        c[i] ^= 0x40;
        d = udp_of(n, n, 443, 51000);
        app_decode_quic(&d, c, &a, &in);
        if (a.quic_tls) opened++;
        free(c);
    }
    CHECK("A.3 no changed byte opens", opened == 0);
}

/* The frame walk over hostile plaintext: every prefix of a payload of every allowed frame kind, in
 * an exact-size block; then lies one by one. */
static void test_frames(void)
{
    static const uint8_t pl[] = {
        0x01, 0x00,                                         /* PING, PADDING */
        0x03, 0x05, 0x00, 0x01, 0x00, 0x01, 0x02, 0x07, 0x08, 0x09,   /* ACK with ECN, one range */
        0x06, 0x04, 0x03, 'd', 'e', 'f',                    /* CRYPTO at 4: "def" */
        0x1c, 0x00, 0x06, 0x02, 'n', 'o',                   /* CONNECTION_CLOSE, reason "no" */
        0x06, 0x00, 0x04, 'a', 'b', 'c', 'x',               /* CRYPTO at 0: "abcx" */
        0x00, 0x00,
    };
    uint8_t crypto[64];
    const char *bad = NULL;
    size_t have = quic_crypto_frames(pl, sizeof pl, crypto, sizeof crypto, &bad);
    CHECK("frames: CRYPTO put together out of order", have == 7 && memcmp(crypto, "abcxdef", 7) == 0);
    CHECK("frames: nothing lies", bad == NULL);
    int lies = 0;
    for (size_t n = 0; n < sizeof pl; n++) {
        uint8_t *c = malloc(n ? n : 1);
        memcpy(c, pl, n);
        bad = NULL;
        have = quic_crypto_frames(c, n, crypto, sizeof crypto, &bad);
        if (bad) lies++;
        free(c);
    }
    CHECK("frames: cut inside a frame: flagged, no crash", lies > 10);
    static const uint8_t lie1[] = {0x06, 0x00, 0x40, 0x20, 'a'};          /* CRYPTO length 32, 1 byte there */
    static const uint8_t lie2[] = {0x02, 0x00, 0x00, 0x3f, 0x00, 0x00};    /* ACK claiming 63 ranges */
    static const uint8_t lie3[] = {0x08, 0x00};                            /* STREAM: not in an Initial */
    static const uint8_t lie4[] = {0x06, 0x80, 0x00, 0x00, 0x30, 0x01, 'a'};   /* CRYPTO far past the buffer */
    bad = NULL;
    quic_crypto_frames(lie1, sizeof lie1, crypto, sizeof crypto, &bad);
    CHECK_STR("frames: CRYPTO length lies", bad, "quic CRYPTO frame length past the payload");
    bad = NULL;
    quic_crypto_frames(lie2, sizeof lie2, crypto, sizeof crypto, &bad);
    CHECK_STR("frames: ACK range count lies", bad, "quic ACK frame past the payload");
    bad = NULL;
    quic_crypto_frames(lie3, sizeof lie3, crypto, sizeof crypto, &bad);
    CHECK_STR("frames: STREAM in an Initial", bad, "quic frame type not allowed in an Initial");
    bad = NULL;
    have = quic_crypto_frames(lie4, sizeof lie4, crypto, sizeof crypto, &bad);
    CHECK("frames: CRYPTO at an offset past the buffer: ignored", have == 0 && bad == NULL);
}

void test_quic_initial(void)
{
    test_frames();
    test_keys();
    test_client_initial();
    test_server_initial();
}
