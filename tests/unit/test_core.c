/* Unit tests of core/: accessors, every layer decoder on hand-made bytes (good,
 * truncated and malformed), the reset-cause classifier, escaping and summaries. */
#include "check.h"
#include "core/bytes.h"
#include "core/community_id.h"
#include "core/decode.h"
#include "core/escape.h"
#include "core/reset_codes.h"
#include "core/summary.h"

#include <stdlib.h>

struct tally tally;

/* Ethernet + IPv4 + TCP RST+ACK from 255.255.255.255:31337 to 10.0.0.5:515, "Reset cause: cko". */
static const uint8_t qtrojan[] = {
    0x00, 0x66, 0x77, 0x88, 0x99, 0xaa, 0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x08, 0x00,
    0x45, 0x00, 0x00, 0x38, 0x00, 0x00, 0x40, 0x00, 0x0e, 0x06, 0x62, 0xbc, 0xff, 0xff, 0xff, 0xff,
    0x0a, 0x00, 0x00, 0x05,
    0x7a, 0x69, 0x02, 0x03, 0x5a, 0x5a, 0x00, 0x01, 0x00, 0xc0, 0xff, 0xee, 0x50, 0x14, 0x00, 0x00,
    0xca, 0x78, 0x00, 0x00,
    'R', 'e', 's', 'e', 't', ' ', 'c', 'a', 'u', 's', 'e', ':', ' ', 'c', 'k', 'o'
};

static void test_bytes(void)
{
    uint8_t b[4] = {1, 2, 3, 4};
    uint16_t v16;
    uint32_t v32;
    CHECK("bytes_fit exact", bytes_fit(4, 0, 4));
    CHECK("bytes_fit past end", !bytes_fit(4, 1, 4));
    CHECK("bytes_fit offset overflow", !bytes_fit(4, (size_t)-1, 2));
    CHECK("bytes_fit length overflow", !bytes_fit(4, 2, (size_t)-1));
    CHECK("get_be16", get_be16(b, 4, 2, &v16) && v16 == 0x0304);
    CHECK("get_be16 out of range", !get_be16(b, 4, 3, &v16));
    CHECK("get_le32", get_le32(b, 4, 0, &v32) && v32 == 0x04030201);
    CHECK("get_be32 out of range", !get_be32(b, 3, 0, &v32));
}

static void test_qtrojan(void)
{
    struct decoded d;
    decode_frame(&d, LT_ETHERNET, qtrojan, sizeof qtrojan, sizeof qtrojan, NULL);
    CHECK("q: layers", d.layers == (L_ETH | L_IPV4 | L_TCP));
    CHECK("q: not truncated", !d.truncated && !d.malformed);
    CHECK("q: ttl 14", d.ip4.ttl == 14);
    CHECK("q: id 0", d.ip4.id == 0);
    CHECK("q: checksum ok", d.ip4.checksum_ok);
    CHECK("q: df", d.ip4.flags == 2);
    CHECK("q: sport", d.tcp.sport == 31337);
    CHECK("q: dport", d.tcp.dport == 515);
    CHECK("q: flags RA", d.tcp.flags == (TCP_RST | TCP_ACK));
    CHECK("q: payload", d.payload_len == 16 && d.payload_caplen == 16 && d.payload_off == 54);
    CHECK("q: reset cause", d.has_reset_cause && d.reset_cause.kind == RC_KNOWN);
    CHECK_STR("q: reset code", d.reset_cause.code, "cko");
    CHECK_STR("q: vendor", d.reset_cause.row->vendor, "SonicWALL");
    CHECK_STR("q: category", d.reset_cause.row->category, "connection-cache cleanup");
    char line[256];
    struct pcap_pkthdr h = {.ts = {1101200005, 123456}, .caplen = sizeof qtrojan, .len = sizeof qtrojan};
    summary_format(line, sizeof line, 12, &h, false, &d, qtrojan);
    CHECK_STR("q: summary", line,
              "12 1101200005.123456 255.255.255.255:31337 > 10.0.0.5:515 TCP [R.] len 16 ttl 14 id 0 \"Reset cause: cko\"");
}

/* Every cut of the Q Trojan frame decodes without reading past the cut. */
static void test_every_truncation(void)
{
    struct decoded d0;
    int bad = 0;
    for (size_t cut = 0; cut < sizeof qtrojan; cut++) {
        uint8_t *copy = malloc(cut ? cut : 1);   /* exact-size heap copy: valgrind/ASan see overreads */
        memcpy(copy, qtrojan, cut);
        struct decoded d;
        decode_frame(&d, LT_ETHERNET, copy, (uint32_t)cut, sizeof qtrojan, NULL);
        if (!d.truncated || d.malformed) bad++;
        free(copy);
    }
    CHECK("every cut of the frame is flagged truncated", bad == 0);
    decode_frame(&d0, LT_ETHERNET, qtrojan, sizeof qtrojan, sizeof qtrojan, NULL);
    CHECK("the whole frame is not", !d0.truncated && !d0.malformed);
    struct decoded d;
    decode_frame(&d, LT_ETHERNET, qtrojan, 40, sizeof qtrojan, NULL);
    CHECK_STR("cut in tcp: reason", d.truncated, "tcp header");
    CHECK("cut in tcp: ports known", (d.layers & L_TCP) && d.tcp.sport == 31337 && !d.tcp.fixed);
    decode_frame(&d, LT_ETHERNET, qtrojan, 20, sizeof qtrojan, NULL);
    CHECK_STR("cut in ip: reason", d.truncated, "ipv4 header");
    decode_frame(&d, LT_ETHERNET, qtrojan, 10, sizeof qtrojan, NULL);
    CHECK_STR("cut in eth: reason", d.truncated, "ethernet header");
    decode_frame(&d, LT_ETHERNET, qtrojan, 60, sizeof qtrojan, NULL);
    CHECK_STR("cut in payload: reason", d.truncated, "ipv4 payload");
    CHECK("cut in payload: reset cause from captured bytes", d.has_reset_cause && d.payload_caplen == 6 &&
          d.payload_len == 16 && d.reset_cause.kind == RC_UNKNOWN);
}

static void test_malformed(void)
{
    uint8_t b[sizeof qtrojan];
    struct decoded d;
    memcpy(b, qtrojan, sizeof b); b[14] = 0x44;
    decode_frame(&d, LT_ETHERNET, b, sizeof b, sizeof b, NULL);
    CHECK_STR("ihl 4", d.malformed, "ipv4 header length below 20");
    memcpy(b, qtrojan, sizeof b); b[16] = 0x05;  /* total length 0x0538 */
    decode_frame(&d, LT_ETHERNET, b, sizeof b, sizeof b, NULL);
    CHECK_STR("ip total length lie", d.malformed, "ipv4 total length exceeds frame");
    CHECK("ip total length lie: tcp still decoded", (d.layers & L_TCP) && d.tcp.dport == 515);
    memcpy(b, qtrojan, sizeof b); b[17] = 0x10;  /* total length 16 */
    decode_frame(&d, LT_ETHERNET, b, sizeof b, sizeof b, NULL);
    CHECK_STR("ip total length below header", d.malformed, "ipv4 total length below header length");
    memcpy(b, qtrojan, sizeof b); b[46] = 0x30;
    decode_frame(&d, LT_ETHERNET, b, sizeof b, sizeof b, NULL);
    CHECK_STR("tcp offset 3", d.malformed, "tcp header length below 20");
    memcpy(b, qtrojan, sizeof b); b[46] = 0xf0;
    decode_frame(&d, LT_ETHERNET, b, sizeof b, sizeof b, NULL);
    CHECK_STR("tcp offset past segment", d.malformed, "tcp header length exceeds segment");
    memcpy(b, qtrojan, sizeof b); b[24] ^= 0xff;
    decode_frame(&d, LT_ETHERNET, b, sizeof b, sizeof b, NULL);
    CHECK("bad ip checksum flagged, still decoded", !d.ip4.checksum_ok && (d.layers & L_TCP) && !d.malformed);
    memcpy(b, qtrojan, sizeof b); b[14] = 0x65;
    decode_frame(&d, LT_ETHERNET, b, sizeof b, sizeof b, NULL);
    CHECK_STR("ip version 6 behind 0x0800", d.malformed, "ipv4 version is not 4");
}

static void test_tcp_options(void)
{
    /* raw IPv4 + TCP with MSS 1460, SACK-permitted, TS 12345/0, NOP, WS 7 */
    uint8_t b[60] = {0x45, 0, 0, 60, 0, 1, 0x40, 0, 64, 6, 0, 0, 10, 1, 1, 1, 10, 1, 1, 2,
                     0x9c, 0x40, 0, 22, 0, 0, 0, 100, 0, 0, 0, 0, 0xa0, 0x02, 0x72, 0x10, 0, 0, 0, 0,
                     2, 4, 0x05, 0xb4, 4, 2, 8, 10, 0, 0, 0x30, 0x39, 0, 0, 0, 0, 1, 3, 3, 7};
    struct decoded d;
    decode_frame(&d, LT_RAW, b, sizeof b, sizeof b, NULL);
    CHECK("opts: all present", d.tcp.opts == (TOPT_MSS | TOPT_SACK_PERM | TOPT_TS | TOPT_WSCALE));
    CHECK("opts: values", d.tcp.mss == 1460 && d.tcp.ts_val == 12345 && d.tcp.ts_ecr == 0 && d.tcp.wscale == 7);
    CHECK("opts: syn", d.tcp.flags == TCP_SYN && d.tcp.hlen == 40 && d.payload_len == 0);
    b[41] = 0;   /* MSS option length 0 */
    decode_frame(&d, LT_RAW, b, sizeof b, sizeof b, NULL);
    CHECK_STR("opts: length 0", d.malformed, "tcp option length below 2");
    b[41] = 40;  /* runs past the header */
    decode_frame(&d, LT_RAW, b, sizeof b, sizeof b, NULL);
    CHECK_STR("opts: past header", d.malformed, "tcp option runs past header");
}

static void test_links(void)
{
    uint8_t b[200];
    struct decoded d;
    /* QinQ: 88a8 tag 200, 8100 tag 300, then IPv4 */
    memcpy(b, qtrojan, 12);
    const uint8_t tags[] = {0x88, 0xa8, 0x00, 0xc8, 0x81, 0x00, 0x61, 0x2c, 0x08, 0x00};
    memcpy(b + 12, tags, sizeof tags);
    memcpy(b + 22, qtrojan + 14, sizeof qtrojan - 14);
    size_t n = 22 + sizeof qtrojan - 14;
    decode_frame(&d, LT_ETHERNET, b, (uint32_t)n, (uint32_t)n, NULL);
    CHECK("qinq: two tags", d.vlan.count == 2 && d.vlan.id[0] == 200 && d.vlan.id[1] == 300 && d.vlan.pcp[1] == 3);
    CHECK("qinq: ip and tcp", (d.layers & L_IPV4) && (d.layers & L_TCP) && d.tcp.dport == 515);
    decode_frame(&d, LT_ETHERNET, b, 18, (uint32_t)n, NULL);
    CHECK_STR("qinq: cut in second tag", d.truncated, "vlan tag");
    /* SLL */
    const uint8_t sll[16] = {0, 0, 0, 1, 0, 6, 0, 0x11, 0x22, 0x33, 0x44, 0x55, 0, 0, 0x08, 0x00};
    memcpy(b, sll, 16);
    memcpy(b + 16, qtrojan + 14, sizeof qtrojan - 14);
    n = 16 + sizeof qtrojan - 14;
    decode_frame(&d, LT_LINUX_SLL, b, (uint32_t)n, (uint32_t)n, NULL);
    CHECK("sll: decoded", (d.layers & L_SLL) && d.sll.version == 1 && d.sll.protocol == 0x0800 && d.tcp.sport == 31337);
    /* SLL2 */
    const uint8_t sll2[20] = {0x08, 0x00, 0, 0, 0, 0, 0, 3, 0, 1, 4, 6, 0, 0x11, 0x22, 0x33, 0x44, 0x55, 0, 0};
    memcpy(b, sll2, 20);
    memcpy(b + 20, qtrojan + 14, sizeof qtrojan - 14);
    n = 20 + sizeof qtrojan - 14;
    decode_frame(&d, LT_LINUX_SLL2, b, (uint32_t)n, (uint32_t)n, NULL);
    CHECK("sll2: decoded", (d.layers & L_SLL) && d.sll.version == 2 && d.sll.ifindex == 3 && d.sll.pkttype == 4 && d.ip4.ttl == 14);
    decode_frame(&d, LT_LINUX_SLL2, b, 19, (uint32_t)n, NULL);
    CHECK_STR("sll2: truncated", d.truncated, "sll2 header");
    /* NULL, both byte orders, and LOOP */
    const uint8_t le[4] = {2, 0, 0, 0}, be[4] = {0, 0, 0, 2};
    memcpy(b, le, 4); memcpy(b + 4, qtrojan + 14, sizeof qtrojan - 14);
    n = 4 + sizeof qtrojan - 14;
    decode_frame(&d, LT_NULL, b, (uint32_t)n, (uint32_t)n, NULL);
    CHECK("null little-endian", (d.layers & L_NULL) && (d.layers & L_TCP) && d.null.family == 2);
    memcpy(b, be, 4);
    decode_frame(&d, LT_NULL, b, (uint32_t)n, (uint32_t)n, NULL);
    CHECK("null big-endian", (d.layers & L_TCP) && d.null.family == 2);
    decode_frame(&d, LT_LOOP, b, (uint32_t)n, (uint32_t)n, NULL);
    CHECK("loop", (d.layers & L_TCP));
    /* unknown link type: kept, nothing decoded, no flag */
    decode_frame(&d, 147, qtrojan, sizeof qtrojan, sizeof qtrojan, NULL);
    CHECK("unknown linktype", d.layers == 0 && !d.truncated && !d.malformed);
    CHECK("linktype known", decode_linktype_known(LT_LINUX_SLL2) && !decode_linktype_known(147));
}

static void test_ipv6(void)
{
    /* IPv6, HBH(8) → fragment(8, offset 0, M) → UDP 8 bytes + 4 payload */
    uint8_t b[40 + 16 + 12] = {0x60, 0, 0, 0, 0, 28, 0, 64};
    b[8] = 0x20; b[9] = 0x01; b[10] = 0x0d; b[11] = 0xb8; b[23] = 1;
    b[24] = 0x20; b[25] = 0x01; b[26] = 0x0d; b[27] = 0xb8; b[39] = 2;
    uint8_t *e = b + 40;
    e[0] = 44; e[1] = 0; e[2] = 1; e[3] = 4;                                     /* HBH → fragment */
    e[8] = 17; e[10] = 0; e[11] = 1; e[12] = 0xde; e[13] = 0xad; e[14] = 0xbe; e[15] = 0xef; /* offset 0, M */
    uint8_t *u = b + 56;
    u[0] = 0x14; u[1] = 0xe9; u[2] = 0x14; u[3] = 0xe9; u[4] = 0; u[5] = 12;
    struct decoded d;
    decode_frame(&d, LT_RAW, b, sizeof b, sizeof b, NULL);
    CHECK("ipv6: first fragment decodes udp", (d.layers & L_UDP) && d.udp.sport == 5353 && d.ip6.has_frag && d.ip6.frag_more);
    CHECK("ipv6: fields", d.ip6.hlim == 64 && d.ip6.nxt == 0 && d.l4_proto == 17 && d.ip6.frag_id == 0xdeadbeef);
    e[11] = 0x19;  /* offset 24, M */
    decode_frame(&d, LT_RAW, b, sizeof b, sizeof b, NULL);
    CHECK("ipv6: non-first fragment not decoded as L4", d.fragment && !(d.layers & L_UDP));
    e[11] = 1;
    e[1] = 200;    /* HBH length past the payload */
    decode_frame(&d, LT_RAW, b, sizeof b, sizeof b, NULL);
    CHECK_STR("ipv6: ext header past payload", d.malformed, "ipv6 extension header past payload length");
    e[1] = 0;
    decode_frame(&d, LT_RAW, b, 44, sizeof b, NULL);
    CHECK_STR("ipv6: cut in ext header", d.truncated, "ipv6 extension header");
}

static void test_icmp(void)
{
    /* IPv4 ICMP port unreachable quoting IPv4/UDP (28 bytes) */
    uint8_t b[20 + 8 + 28] = {0x45, 0, 0, 56, 0, 9, 0, 0, 255, 1, 0, 0, 10, 1, 1, 9, 10, 1, 1, 1, 3, 3};
    uint8_t *q = b + 28;
    const uint8_t quoted[28] = {0x45, 0, 0, 33, 2, 0x2b, 0, 0, 1, 17, 0, 0, 10, 1, 1, 1, 10, 1, 1, 9,
                                0x82, 0x9a, 0, 161, 0, 13, 0, 0};
    memcpy(q, quoted, 28);
    struct decoded d, in;
    decode_frame(&d, LT_RAW, b, sizeof b, sizeof b, NULL);
    CHECK("icmp: error with inner", (d.layers & L_ICMP) && d.icmp.type == 3 && d.icmp.code == 3 && d.icmp.has_inner);
    CHECK("icmp: inner decodes", decode_icmp_inner(&d, b, &in, NULL) && (in.layers & L_UDP) && in.udp.dport == 161 &&
          in.ip4.ttl == 1);
    CHECK_STR("icmp: inner flagged truncated, not malformed", in.truncated, "ipv4 payload");
    CHECK("icmp: inner not malformed", !in.malformed);
}

static void test_reset_classify(void)
{
    struct reset_cause rc;
    struct reset_table t;
    reset_table_init(&t);
#define CLASSIFY(s) reset_classify(&t, (const uint8_t *)(s), sizeof(s) - 1, &rc)
    CHECK("rc: reset cause form", CLASSIFY("Reset cause: cko") && rc.kind == RC_KNOWN && rc.form == RF_RESET_CAUSE);
    CHECK("rc: any case, spaces, CRLF", CLASSIFY("  RESET CAUSE : EHNC\r\n") && rc.kind == RC_KNOWN &&
          strcmp(rc.row->code, "ehnc") == 0);
    CHECK("rc: trailing NUL", CLASSIFY("rctcpo\0") && rc.kind == RC_KNOWN && rc.form == RF_BARE);
    CHECK("rc: unknown code kept", CLASSIFY("Reset cause: zzz") && rc.kind == RC_UNKNOWN && strcmp(rc.code, "zzz") == 0);
    CHECK("rc: ietf", CLASSIFY("\x33\xaa\x00\x0e\x00\x00\x30\x39") && rc.kind == RC_KNOWN && rc.ietf_reason == 14 &&
          rc.ietf_pen == 12345 && strcmp(rc.row->meaning, "connection timeout") == 0);
    CHECK("rc: ietf unknown reason", CLASSIFY("\x33\xaa\x00\x63") && rc.kind == RC_UNKNOWN && strcmp(rc.code, "ietf:99") == 0);
    CHECK("rc: f5 with suffix", CLASSIFY("No server selected [vip]") && rc.kind == RC_KNOWN && strcmp(rc.row->vendor, "F5") == 0);
    CHECK("rc: f5 wrapped", CLASSIFY("[F5RST: Flow expired (sweeper)]") && rc.kind == RC_KNOWN && rc.form == RF_PREFIX);
    CHECK("rc: binary junk", CLASSIFY("\x00\x8f\x13\xfe") && rc.kind == RC_NO_CAUSE);
    CHECK("rc: all NUL", CLASSIFY("\0\0\0") && rc.kind == RC_NO_CAUSE);
    CHECK("rc: escape bytes are junk", CLASSIFY("Reset cause: \x1b[2J") && rc.kind == RC_NO_CAUSE);
    CHECK("rc: plain text unknown", CLASSIFY("hello") && rc.kind == RC_UNKNOWN && rc.form == RF_TEXT);
    CHECK("rc: empty", !reset_classify(&t, (const uint8_t *)"", 0, &rc));
    CHECK("rc: every seed code known", reset_code_lookup(&t, "cki", 3) && reset_code_lookup(&t, "ehfp", 4) &&
          reset_code_lookup(&t, "ehih", 4) && reset_code_lookup(&t, "fpts", 4) && reset_code_lookup(&t, "nboop", 5) &&
          reset_code_lookup(&t, "rctcpi", 6) && reset_code_lookup(&t, "rlc", 3) && reset_code_lookup(&t, "wlb", 3));
    CHECK("rc: site code", reset_table_add(&t, "zzz", "Acme", "site", "our proxy's idle reset") &&
          CLASSIFY("Reset cause: zzz") && rc.kind == RC_KNOWN && strcmp(rc.row->vendor, "Acme") == 0);
    reset_table_free(&t);
#undef CLASSIFY
}

static void test_escape(void)
{
    char out[64];
    escape_text(out, sizeof out, (const uint8_t *)"a\x1b[2J\"\\\n", 8);
    CHECK_STR("escape: control and quotes", out, "a\\x1b[2J\\\"\\\\\\n");
    escape_text(out, 8, (const uint8_t *)"abcdefghijkl", 12);
    CHECK_STR("escape: cut with ellipsis", out, "abcd...");
    escape_text(out, 4, (const uint8_t *)"abc", 3);
    CHECK_STR("escape: exact fit", out, "abc");
}

/* The Community ID specification's TCP example: 128.232.110.120:34855 > 66.35.250.204:80, seed 0. */
static void test_community_id(void)
{
    uint8_t b[40] = {0x45, 0, 0, 40, 0, 1, 0x40, 0, 64, 6, 0, 0, 128, 232, 110, 120, 66, 35, 250, 204,
                     0x88, 0x27, 0, 80, 0, 0, 0, 1, 0, 0, 0, 0, 0x50, 0x02, 0x20, 0, 0, 0, 0, 0};
    struct decoded d;
    char id[COMMUNITY_ID_MAX];
    decode_frame(&d, LT_RAW, b, sizeof b, sizeof b, NULL);
    community_id(&d, 0, id);
    CHECK_STR("community id: spec example", id, "1:LQU9qZlK+B5F3KDmev6m5PMibrg=");
    uint8_t r[40];   /* the reverse direction hashes the same */
    memcpy(r, b, sizeof r);
    memcpy(r + 12, b + 16, 4); memcpy(r + 16, b + 12, 4);
    memcpy(r + 20, b + 22, 2); memcpy(r + 22, b + 20, 2);
    decode_frame(&d, LT_RAW, r, sizeof r, sizeof r, NULL);
    community_id(&d, 0, id);
    CHECK_STR("community id: reverse direction", id, "1:LQU9qZlK+B5F3KDmev6m5PMibrg=");
}

int main(void)
{
    test_community_id();
    test_bytes();
    test_qtrojan();
    test_every_truncation();
    test_malformed();
    test_tcp_options();
    test_links();
    test_ipv6();
    test_icmp();
    test_reset_classify();
    test_escape();
    printf("unit: %d passed, %d failed\n", tally.passed, tally.failed);
    return tally.failed ? 1 : 0;
}
