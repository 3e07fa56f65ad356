/* Unit tests of core/: accessors, every layer decoder on hand-made bytes (good,
 * truncated and malformed), the reset-cause classifier, escaping and summaries,
 * and the capture reader against libpcap on the same files. */
#include "check.h"
#include "core/app.h"
#include "core/bytes.h"
#include "core/capture.h"
#include "core/community_id.h"
#include "core/decode.h"
#include "core/escape.h"
#include "core/findings.h"
#include "core/reset_codes.h"
#include "core/summary.h"

#include <lz4frame.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <zlib.h>
#include <zstd.h>
#include <unistd.h>

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
    /* a smaller buffer holds what fits of the line, terminated, as snprintf leaves it */
    size_t full = strlen(line);
    int cut_ok = 0;
    for (size_t n = 1; n <= full + 1; n++) {
        char small[256];
        memset(small, 'x', sizeof small);
        size_t k = summary_format(small, n, 12, &h, false, &d, qtrojan);
        if (k == n - 1 && small[k] == '\0' && memcmp(small, line, k) == 0 && small[n] == 'x') cut_ok++;
    }
    CHECK("q: summary cut to every buffer size", cut_ok == (int)full + 1);
    struct pcap_pkthdr odd = {.ts = {-5, -42}, .caplen = sizeof qtrojan, .len = sizeof qtrojan};
    summary_format(line, sizeof line, 0, &odd, true, &d, qtrojan);
    CHECK("q: summary of a negative time stamp as printf's %lld.%09ld", strncmp(line, "0 -5.-00000042 ", 15) == 0);
    struct pcap_pkthdr big = {.ts = {4294967295, 4294967295}, .caplen = sizeof qtrojan, .len = sizeof qtrojan};
    summary_format(line, sizeof line, UINT64_MAX, &big, false, &d, qtrojan);
    CHECK("q: summary of the largest numbers", strncmp(line, "18446744073709551615 4294967295.4294967295 255", 46) == 0);
}

/* An HTTP header cut by the segment: its value so far, and truncated says which field is cut. */
static void test_http_cut_value(void)
{
    static const char msg[] = "GET / HTTP/1.1\r\nHost: a.example\r\nUser-Agent: Mozilla/5.0 (Win";
    struct app_info a;
    memset(&a, 0, sizeof a);
    CHECK("http cut: decodes", http_decode(&a, (const uint8_t *)msg, 0, (uint32_t)strlen(msg)));
    CHECK("http cut: the user agent so far", a.u.http.user_agent.len == 16 &&
          memcmp(msg + a.u.http.user_agent.off, "Mozilla/5.0 (Win", 16) == 0);
    CHECK_STR("http cut: truncated names the field", a.truncated, "http user_agent is cut by the segment: only its start is here");
    static const char whole[] = "GET / HTTP/1.1\r\nHost: a.example\r\nAccept: */";
    memset(&a, 0, sizeof a);
    CHECK("http cut elsewhere: decodes", http_decode(&a, (const uint8_t *)whole, 0, (uint32_t)strlen(whole)));
    CHECK_STR("http cut in a header we do not read: the headers continue", a.truncated, "http headers continue in later segments");
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
    CHECK("cut in payload: reset cause from captured bytes, marked cut", d.has_reset_cause && d.payload_caplen == 6 &&
          d.payload_len == 16 && d.reset_cause.kind == RC_CUT && d.reset_cause.cut && d.reset_cause.form == RF_RESET_CAUSE);
    decode_frame(&d, LT_ETHERNET, qtrojan, sizeof qtrojan, sizeof qtrojan, NULL);
    CHECK("whole payload: known, not cut", d.has_reset_cause && d.reset_cause.kind == RC_KNOWN && !d.reset_cause.cut);
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

/* A tunnel whose first inner header is cut short or not one is not crossed: the packet stays the
 * outer one, its layers and addresses kept, flagged (as tshark shows the outer layers and data). */
static void test_tunnel_unsound_inner(void)
{
    /* raw IPv4, protocol 4 (IP in IP), 10.1.1.1 > 10.1.1.2; the inner header follows */
    uint8_t b[60] = {0x45, 0, 0, 60, 0, 1, 0x40, 0, 64, 4, 0, 0, 10, 1, 1, 1, 10, 1, 1, 2};
    memset(b + 20, 0, 40);
    b[20] = 0x55;   /* version 5 */
    struct decoded d;
    decode_frame(&d, LT_RAW, b, sizeof b, sizeof b, NULL);
    CHECK_STR("tunnel, inner not ipv4: malformed", d.malformed, "tunnelled ipv4 version is not 4");
    CHECK("tunnel, inner not ipv4: the outer packet stays", d.depth == 0 && (d.layers & L_IPV4) && d.ip_version == 4 &&
          d.ip4.src[3] == 1 && d.ip4.dst[3] == 2 && d.l4_proto == 4);
    decode_frame(&d, LT_RAW, b, 30, 60, NULL);   /* 10 bytes of the inner header captured */
    CHECK_STR("tunnel, inner header cut: truncated", d.truncated, "tunnelled ipv4 header");
    CHECK("tunnel, inner header cut: the outer packet stays", d.depth == 0 && (d.layers & L_IPV4) && d.ip4.src[3] == 1);
    b[9] = 41; b[20] = 0x45;   /* IPv6 in IPv4 whose inner is an IPv4 header */
    decode_frame(&d, LT_RAW, b, sizeof b, sizeof b, NULL);
    CHECK_STR("tunnel, inner not ipv6: malformed", d.malformed, "tunnelled ipv6 version is not 6");
    CHECK("tunnel, inner not ipv6: the outer packet stays", d.depth == 0 && d.ip_version == 4 && d.ip4.src[3] == 1);
    CHECK("tunnel not crossed: its payload goes to no application decoder", d.stayed);
    b[9] = 4;   /* a sound inner header: crossed */
    b[22] = 0; b[23] = 40; b[29] = 17;
    decode_frame(&d, LT_RAW, b, sizeof b, sizeof b, NULL);
    CHECK("tunnel, sound inner: crossed", d.depth == 1 && d.ip_version == 4 && !d.stayed);
    /* 6in6 whose outer header has a fragment header (a whole fragment, id 0x1234): the inner packet has none */
    uint8_t v6[88];
    memset(v6, 0, sizeof v6);
    v6[0] = 0x60; v6[5] = 48; v6[6] = 44; v6[7] = 64; v6[23] = 1; v6[39] = 2;     /* outer: ::1 > ::2, fragment header next */
    v6[40] = 41; v6[46] = 0x12; v6[47] = 0x34;                                      /* fragment header: IPv6 next, id 0x1234 */
    v6[48] = 0x60; v6[54] = 59; v6[55] = 64; v6[71] = 3; v6[87] = 4;               /* inner: ::3 > ::4, no next header */
    decode_frame(&d, LT_RAW, v6, sizeof v6, sizeof v6, NULL);
    CHECK("6in6 under an outer fragment header: crossed, the inner has no fragment header",
          d.depth == 1 && d.ip6.src[15] == 3 && !d.ip6.has_frag && d.ip6.frag_id == 0);
}

/* tcpdump's notation, in its table's order (print-tcp.c tcp_flag_values: F S R P . U E W e). */
static void test_tcp_flags_string(void)
{
    static const struct { uint16_t flags; const char *want; } cases[] = {
        {0x000, "none"}, {0x002, "S"}, {0x012, "S."}, {0x014, "R."}, {0x018, "P."}, {0x011, "F."},
        {0x010, "."}, {0x04c, "RPE"}, {0x02f, "FSRPU"}, {0x052, "S.E"}, {0x030, ".U"},
        {0x0c2, "SEW"}, {0x019, "FP."}, {0x100, "e"}, {0x1ff, "FSRP.UEWe"}
    };
    char out[16];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        tcp_flags_string(cases[i].flags, out);
        CHECK_STR("tcp flags string in tcpdump's order", out, cases[i].want);
    }
}

/* Where -x/-X start: after the link-layer header, as tcpdump's printers say it ends. */
static void test_link_header_len(void)
{
    uint8_t b[96];
    memset(b, 0, sizeof b);
    b[12] = 0x08; b[13] = 0x00;
    CHECK("link hdr: ethernet", frame_link_header_len(LT_ETHERNET, b, 60) == 14);
    b[12] = 0x81; b[13] = 0x00; b[16] = 0x88; b[17] = 0xa8; b[20] = 0x08; b[21] = 0x00;
    CHECK("link hdr: two tags", frame_link_header_len(LT_ETHERNET, b, 60) == 22);
    CHECK("link hdr: a tag cut short is dumped", frame_link_header_len(LT_ETHERNET, b, 17) == 14);
    b[12] = 0x00; b[13] = 0x26; b[14] = 0x42; b[15] = 0x42; b[16] = 0x03;
    CHECK("link hdr: 802.3 LLC, unnumbered", frame_link_header_len(LT_ETHERNET, b, 60) == 17);
    b[16] = 0x00;
    CHECK("link hdr: 802.3 LLC, information frame", frame_link_header_len(LT_ETHERNET, b, 60) == 18);
    b[14] = 0xaa; b[15] = 0xaa; b[16] = 0x03;
    CHECK("link hdr: 802.3 SNAP", frame_link_header_len(LT_ETHERNET, b, 60) == 22);
    b[14] = 0xff; b[15] = 0xff;
    CHECK("link hdr: Novell raw 802.3", frame_link_header_len(LT_ETHERNET, b, 60) == 14);
    CHECK("link hdr: shorter than ethernet", frame_link_header_len(LT_ETHERNET, b, 10) == 10);
    memset(b, 0, sizeof b);
    b[14] = 0x08;
    CHECK("link hdr: linux cooked", frame_link_header_len(LT_LINUX_SLL, b, 60) == 16);
    b[14] = 0x00; b[15] = 0x04; b[16] = 0x42; b[17] = 0x42; b[18] = 0x03;
    CHECK("link hdr: linux cooked, 802.2", frame_link_header_len(LT_LINUX_SLL, b, 60) == 19);
    memset(b, 0, sizeof b);
    b[0] = 0x86; b[1] = 0xdd;
    CHECK("link hdr: linux cooked v2", frame_link_header_len(LT_LINUX_SLL2, b, 60) == 20);
    CHECK("link hdr: bsd loopback", frame_link_header_len(LT_NULL, b, 60) == 4);
    CHECK("link hdr: raw ip", frame_link_header_len(LT_RAW, b, 60) == 0);
    CHECK("link hdr: ipnet", frame_link_header_len(LT_IPNET, b, 60) == 24);
    b[0] = 0xff; b[1] = 0x03; b[2] = 0x00; b[3] = 0x21;
    CHECK("link hdr: ppp with address and control", frame_link_header_len(LT_PPP, b, 60) == 4);
    b[0] = 0x57;
    CHECK("link hdr: ppp, compressed protocol", frame_link_header_len(LT_PPP, b, 60) == 1);
    b[0] = 0x0f; b[1] = 0x00; b[2] = 0x08; b[3] = 0x00;
    CHECK("link hdr: ppp serial in cisco hdlc framing", frame_link_header_len(LT_PPP_HDLC, b, 60) == 4);
    /* NFLOG: family, version, resource ID; a 8-byte hardware-header TLV, then the payload TLV */
    memset(b, 0, sizeof b);
    b[0] = 2; b[4] = 8; b[6] = 1; b[12] = 24; b[14] = 9;
    CHECK("link hdr: nflog, up to the payload tlv's value", frame_link_header_len(LT_NFLOG, b, 60) == 16);
    CHECK("link hdr: unknown link type", frame_link_header_len(147, b, 60) == 0);
}

/* -D lines as tcpdump's. */
static void test_device_line(void)
{
    char buf[256] = "";
    FILE *m = fmemopen(buf, sizeof buf - 1, "w");
    pcap_if_t ifb = {.name = "ifb0"}, lo = {.name = "lo", .flags = PCAP_IF_UP | PCAP_IF_RUNNING | PCAP_IF_LOOPBACK},
              any = {.name = "any", .description = "Pseudo-device that captures on all interfaces", .flags = PCAP_IF_UP | PCAP_IF_RUNNING},
              eth = {.name = "eth0", .flags = PCAP_IF_UP | PCAP_IF_RUNNING | PCAP_IF_CONNECTION_STATUS_CONNECTED};
    live_device_line(m, 1, &eth);
    live_device_line(m, 2, &any);
    live_device_line(m, 3, &lo);
    live_device_line(m, 4, &ifb);
    fclose(m);
    CHECK_STR("-D lines", buf, "1.eth0 [Up, Running, Connected]\n2.any (Pseudo-device that captures on all interfaces) [Up, Running]\n"
                               "3.lo [Up, Running, Loopback]\n4.ifb0 [none]\n");
}

/* Times before 1970 with a fraction: the seconds and fraction of the one negative value, as
 * p.frame.time_epoch and the JSON give it (-1 s + 1 us is -0.999999, not -1.000001). */
static void test_negative_times(void)
{
    char out[32];
    struct pcap_pkthdr h = {.ts = {.tv_sec = -1, .tv_usec = 1}};
    frame_time_string(&h, false, out);
    CHECK_STR("-1 s + 1 us", out, "-0.999999");
    h.ts.tv_sec = -2; h.ts.tv_usec = 500000;
    frame_time_string(&h, false, out);
    CHECK_STR("-2 s + 0.5 s", out, "-1.500000");
    h.ts.tv_sec = -1; h.ts.tv_usec = 0;
    frame_time_string(&h, false, out);
    CHECK_STR("-1 s", out, "-1.000000");
    h.ts.tv_sec = -1; h.ts.tv_usec = 1;
    frame_time_string(&h, true, out);
    CHECK_STR("-1 s + 1 ns", out, "-0.999999999");
    h.ts.tv_sec = 5; h.ts.tv_usec = 1;
    frame_time_string(&h, false, out);
    CHECK_STR("5 s + 1 us", out, "5.000001");
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
    /* the old QinQ types tcpdump and libpcap's `vlan` take: 0x9200 outside 0x9100 */
    b[12] = 0x92; b[13] = 0x00; b[16] = 0x91; b[17] = 0x00;
    decode_frame(&d, LT_ETHERNET, b, (uint32_t)n, (uint32_t)n, NULL);
    CHECK("qinq 9200/9100: two tags", d.vlan.count == 2 && d.vlan.tpid[0] == 0x9200 && d.vlan.tpid[1] == 0x9100 && d.vlan.id[1] == 300);
    CHECK("qinq 9200/9100: ip and tcp", (d.layers & L_IPV4) && (d.layers & L_TCP) && d.tcp.dport == 515);
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

    /* 20 destination-options headers, then UDP: no count of headers hides the transport layer */
    uint8_t m[40 + 20 * 8 + 8] = {0x60, 0, 0, 0, 0, 20 * 8 + 8, 60, 64};
    m[23] = 1; m[39] = 2;
    for (int i = 0; i < 20; i++) {
        m[40 + 8 * i] = i == 19 ? 17 : 60;
        m[40 + 8 * i + 2] = 1;   /* a PadN option over the rest */
        m[40 + 8 * i + 3] = 4;
    }
    uint8_t *mu = m + 40 + 20 * 8;
    mu[0] = 0x30; mu[1] = 0x39; mu[2] = 0x02; mu[3] = 0x03; mu[4] = 0; mu[5] = 8;
    decode_frame(&d, LT_RAW, m, sizeof m, sizeof m, NULL);
    CHECK("ipv6: 20 extension headers, then udp", (d.layers & L_UDP) && d.udp.sport == 12345 && d.udp.dport == 515 &&
          d.l4_proto == 17 && d.l4_off == 40 + 20 * 8 && !d.malformed && !d.truncated);
}

/* VXLAN on Linux's default port 8472: decoded when the header is VXLAN's, else the datagram stays UDP */
static void test_vxlan_8472(void)
{
    uint8_t b[14 + 20 + 8 + 8 + 14 + 20 + 20] = {0};
    b[12] = 0x08;                                                     /* outer Ethernet: IPv4 */
    uint8_t *ip = b + 14;
    ip[0] = 0x45; ip[3] = sizeof b - 14; ip[8] = 64; ip[9] = 17;
    ip[12] = 10; ip[15] = 1; ip[16] = 10; ip[19] = 2;
    uint8_t *u = ip + 20;
    u[0] = 0xc3; u[1] = 0x50; u[2] = 0x21; u[3] = 0x18; u[5] = sizeof b - 34;   /* 50000 > 8472 */
    uint8_t *vx = u + 8;
    vx[0] = 0x08; vx[4] = 0; vx[5] = 0x13; vx[6] = 0x89;              /* I flag, VNI 5001 */
    uint8_t *ie = vx + 8;
    ie[12] = 0x08;                                                    /* inner Ethernet: IPv4 */
    uint8_t *iip = ie + 14;
    iip[0] = 0x45; iip[3] = 40; iip[8] = 14; iip[9] = 6;
    iip[12] = 10; iip[13] = 244; iip[15] = 5; iip[16] = 10; iip[17] = 244; iip[18] = 1; iip[19] = 7;
    uint8_t *t = iip + 20;
    t[0] = 0x7a; t[1] = 0x69; t[2] = 0x02; t[3] = 0x03; t[12] = 0x50; t[13] = 0x14;   /* 31337 > 515 RST+ACK */
    struct decoded d;
    decode_frame(&d, LT_ETHERNET, b, sizeof b, sizeof b, NULL);
    CHECK("vxlan on 8472: inner tcp decoded", (d.layers & L_VXLAN) && (d.layers & L_TCP) && d.vxlan.vni == 5001 &&
          d.tcp.sport == 31337 && d.tcp.dport == 515 && d.ip4.ttl == 14 && !d.malformed && !d.truncated);
    vx[1] = 0x40;                                                     /* a reserved bit: not VXLAN */
    decode_frame(&d, LT_ETHERNET, b, sizeof b, sizeof b, NULL);
    CHECK("8472 without a vxlan header: plain udp", !(d.layers & L_VXLAN) && (d.layers & L_UDP) && !(d.layers & L_TCP) &&
          d.udp.dport == 8472 && !d.malformed);
    vx[1] = 0;
    u[2] = 0x12; u[3] = 0xb5;                                         /* port 4789: VXLAN whatever the header */
    decode_frame(&d, LT_ETHERNET, b, sizeof b, sizeof b, NULL);
    CHECK("vxlan on 4789", (d.layers & L_VXLAN) && (d.layers & L_TCP));
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

/* Groups by (hunt, key), frames cited and listed, incidents over unordered host pairs. */
#define SEC(x) ((struct stamp){(int64_t)(x), 0, false})

static void test_findings(void)
{
    struct findings f;
    struct stamp us = {5, 1, false}, ns = {5, 999, true}, ns2 = {5, 1000, true};
    CHECK("stamps: compared exactly over precisions", stamp_cmp(&ns, &us) < 0 && stamp_cmp(&us, &ns2) == 0 &&
          stamp_cmp(&ns2, &us) == 0 && stamp_cmp(&us, &(struct stamp){4, 999999, false}) > 0);
    findings_init(&f);
    struct finding a = {.hunt = 0, .key = "k", .msg = "m", .severity = SEV_LOW, .frame = 3, .capture = 1, .time = SEC(3),
                        .src = "10.0.0.1", .dst = "10.0.0.2", .sport = -1, .dport = -1};
    struct finding_group *g = findings_add(&f, &a);
    a.frame = 3; a.time = SEC(3);
    findings_add(&f, &a);                       /* the same frame again: cited once in the list */
    a.frame = 7; a.time = SEC(7);
    findings_add(&f, &a);
    g = &f.groups[0];
    CHECK("findings: one group, three findings", f.n == 1 && g->count == 3);
    CHECK("findings: frames listed once each", g->frames == 2 && g->nlisted == 2 && g->listed[0] == 3 && g->listed[1] == 7);
    struct finding b = {.hunt = 1, .key = "x", .msg = "n", .severity = SEV_HIGH, .frame = 5, .capture = 1, .time = SEC(5),
                        .src = "10.0.0.2", .dst = "10.0.0.1", .sport = -1, .dport = -1};
    findings_add(&f, &b);                       /* the same pair, the other way round */
    struct finding c = {.hunt = 1, .key = "y", .msg = "o", .severity = SEV_MEDIUM, .frame = 9, .capture = 1, .time = SEC(9),
                        .src = "10.0.0.3", .dst = "10.0.0.1", .sport = -1, .dport = -1};
    findings_add(&f, &c);
    struct finding d = {.hunt = 2, .key = "z", .msg = "p", .severity = SEV_INFO, .sport = -1, .dport = -1};
    findings_add(&f, &d);                       /* no host: an incident of its own */
    CHECK("findings: cite more frames", findings_cite(&f, &f.groups[3], 1, 11, SEC(11), NULL) == 0 &&
          f.groups[3].first_frame == 11 && f.groups[3].count == 1 && f.groups[3].frames == 1);
    CHECK("correlate", findings_correlate(&f) == 0 && f.nincidents == 3);
    CHECK("correlate: a pair either way is one incident, severity the highest",
          f.groups[0].incident == f.groups[1].incident && f.incidents[f.groups[0].incident].n == 2 &&
          f.incidents[f.groups[0].incident].severity == SEV_HIGH);
    CHECK("correlate: another pair, and no host, stand alone", f.groups[2].incident != f.groups[0].incident &&
          f.groups[3].incident != f.groups[0].incident && f.groups[3].incident != f.groups[2].incident);
    findings_add(&f, &d);
    CHECK("correlate: adding drops the incidents until asked again", f.incidents == NULL && f.nincidents == 0 &&
          findings_correlate(&f) == 0 && f.nincidents == 3);
    findings_free(&f);

    /* distinct frames: frame 1 cited between every other, frames of two captures apart, 5000 of them */
    findings_init(&f);
    struct finding e = {.hunt = 0, .key = "k", .msg = "m", .frame = 1, .capture = 1, .time = SEC(1), .sport = -1, .dport = -1};
    g = findings_add(&f, &e);
    bool ok = g != NULL;
    for (uint64_t n = 2; ok && n <= 5000; n++)
        ok = findings_cite(&f, &f.groups[0], 1, 1, SEC(1), NULL) == 0 && findings_cite(&f, &f.groups[0], 1, n, SEC(n), NULL) == 0 &&
             findings_cite(&f, &f.groups[0], 2, n % 7 + 1, ((struct stamp){0, 500000, false}), NULL) == 0;
    g = &f.groups[0];
    CHECK("findings: distinct frames counted once each, over two captures",
          ok && g->frames == 5000 + 7 && g->nlisted == GROUP_FRAMES_LISTED && g->listed[0] == 1 && g->listed[1] == 2 &&
          g->listed_capture[2] == 2 && g->listed[2] == 3 && g->listed[3] == 3 && g->listed_capture[3] == 1);
    CHECK("findings: first and last by time", g->first_frame == 3 && g->first_time.sec == 0 && g->first_time.frac == 500000 && g->last_frame == 5000);
    struct cited *all = malloc((size_t)g->frames * sizeof *all);
    uint64_t sum = 0, in2 = 0;
    if (all) {
        findings_group_frames(g, all);
        for (uint64_t i = 0; i < g->frames; i++) { sum += all[i].frame; in2 += all[i].capture == 2; }
    }
    CHECK("findings: every distinct frame once", all && sum == 5000ull * 5001 / 2 + 28 && in2 == 7);
    free(all);
    findings_free(&f);

    /* one finding as a group of its own, made again for each */
    struct finding_group one;
    memset(&one, 0, sizeof one);
    for (int round = 0; round < 2; round++) {
        e.frame = 40 + (uint64_t)round;
        e.time = SEC(40 + round);
        ok = findings_group_one(&one, &e) == 0;
        for (uint64_t n = 1; ok && n <= 30; n++) ok = findings_group_cite(&one, 1, n, SEC(n), NULL) == 0;
        ok = ok && findings_group_cite(&one, 1, e.frame, e.time, NULL) == 0;
        CHECK(round ? "findings: one finding again: its own frames only" : "findings: one finding: its frames",
              ok && one.count == 1 && one.frames == 31 && one.nlisted == GROUP_FRAMES_LISTED && one.listed[0] == e.frame &&
              one.listed[1] == 1 && one.first_frame == 1 && one.last_frame == e.frame && one.incident == (size_t)-1);
    }
    findings_group_free(&one);
}

static void test_reset_classify(void)
{
    struct reset_cause rc;
    struct reset_table t;
    reset_table_init(&t);
#define CLASSIFY(s) reset_classify(&t, (const uint8_t *)(s), sizeof(s) - 1, false, &rc)
    CHECK("rc: reset cause form", CLASSIFY("Reset cause: cko") && rc.kind == RC_KNOWN && rc.form == RF_RESET_CAUSE);
    CHECK("rc: any case, spaces, CRLF", CLASSIFY("  RESET CAUSE : EHNC\r\n") && rc.kind == RC_KNOWN &&
          strcmp(rc.row->code, "ehnc") == 0);
    CHECK("rc: trailing NUL", CLASSIFY("rctcpo\0") && rc.kind == RC_KNOWN && rc.form == RF_BARE);
    CHECK("rc: unknown code kept", CLASSIFY("Reset cause: zzz") && rc.kind == RC_UNKNOWN && strcmp(rc.code, "zzz") == 0);
    CHECK("rc: ietf", CLASSIFY("\x33\xaa\x00\x0e\x00\x00\x00\x00") && rc.kind == RC_KNOWN && rc.ietf_reason == 14 &&
          rc.ietf_pen == 0 && rc.pen_seen && strcmp(rc.row->meaning, "connection timeout") == 0);
    CHECK("rc: ietf with a PEN: the enterprise's own reason, not the registry's",
          CLASSIFY("\x33\xaa\x00\x0e\x00\x00\x30\x39") && rc.kind == RC_UNKNOWN && rc.form == RF_IETF &&
          rc.ietf_reason == 14 && rc.ietf_pen == 12345 && !rc.row && strcmp(rc.code, "ietf:14") == 0);
    CHECK("rc: ietf unknown reason", CLASSIFY("\x33\xaa\x00\x63") && rc.kind == RC_UNKNOWN && strcmp(rc.code, "ietf:99") == 0);
    CHECK("rc: f5 with suffix", CLASSIFY("No server selected [vip]") && rc.kind == RC_KNOWN && strcmp(rc.row->vendor, "F5") == 0);
    CHECK("rc: f5 wrapped", CLASSIFY("[F5RST: Flow expired (sweeper)]") && rc.kind == RC_KNOWN && rc.form == RF_PREFIX);
    CHECK("rc: f5 wrapped code", strcmp(rc.code, "Flow expired (sweeper)") == 0 && !rc.peer);
    CHECK("rc: BIG-IP lead, {peer}", CLASSIFY("BIG-IP: [0x11c5672:3045] {peer} TCP RST from remote system") &&
          rc.kind == RC_KNOWN && rc.form == RF_PREFIX && rc.peer && strcmp(rc.code, "TCP RST from remote system") == 0 &&
          strcmp(rc.row->vendor, "F5") == 0 && strcmp(rc.row->category, "relayed reset") == 0);
    CHECK("rc: BIG-IP lead, no peer", CLASSIFY("BIG-IP: [0x2a2fa7c:4432] No server selected") && rc.kind == RC_KNOWN &&
          !rc.peer && strcmp(rc.code, "No server selected") == 0 && strcmp(rc.row->category, "load balancing") == 0);
    CHECK("rc: address lead only", CLASSIFY("[0x1f0c3a1:662] Flow expired (sweeper)") && rc.kind == RC_KNOWN &&
          strcmp(rc.row->category, "idle timeout") == 0 && strcmp(rc.code, "Flow expired (sweeper)") == 0);
    CHECK("rc: f5 port denied", CLASSIFY("BIG-IP: [0x1:2] Port denied") && rc.kind == RC_KNOWN &&
          strcmp(rc.row->meaning, "port lockdown on the self IP denies this port") == 0);
    CHECK("rc: BIG-IP lead, unknown text", CLASSIFY("BIG-IP: [0x1:2] {peer} Frobnicated") && rc.kind == RC_UNKNOWN &&
          rc.form == RF_TEXT && strcmp(rc.code, "BIG-IP: [0x1:2] {peer} Frobnicated") == 0);
    CHECK("rc: unclosed lead", CLASSIFY("BIG-IP: [0x1:2 No server selected") && rc.kind == RC_UNKNOWN);
    CHECK("rc: unclosed brace", CLASSIFY("BIG-IP: [0x1:2] {peer TCP RST from remote system") && rc.kind == RC_UNKNOWN);
    CHECK("rc: access denied", CLASSIFY("Access Denied") && rc.kind == RC_KNOWN && strcmp(rc.row->vendor, "generic") == 0 &&
          strcmp(rc.row->category, "policy") == 0);
    CHECK("rc: binary junk", CLASSIFY("\x00\x8f\x13\xfe") && rc.kind == RC_NO_CAUSE);
    CHECK("rc: all NUL", CLASSIFY("\0\0\0") && rc.kind == RC_NO_CAUSE);
    CHECK("rc: escape bytes are junk", CLASSIFY("Reset cause: \x1b[2J") && rc.kind == RC_NO_CAUSE);
    CHECK("rc: plain text unknown", CLASSIFY("hello") && rc.kind == RC_UNKNOWN && rc.form == RF_TEXT);
    CHECK("rc: empty", !reset_classify(&t, (const uint8_t *)"", 0, false, &rc));
    CHECK("rc: whole payload not cut", CLASSIFY("Reset cause: cko") && !rc.cut);
    /* cut by the capture: judged only as far as the bytes go */
#define CLASSIFY_CUT(s) reset_classify(&t, (const uint8_t *)(s), sizeof(s) - 1, true, &rc)
    CHECK("rc cut: inside 'Reset cause'", CLASSIFY_CUT("Reset caus") && rc.kind == RC_CUT && rc.cut &&
          rc.form == RF_RESET_CAUSE && rc.code_len == 0 && !rc.row);
    CHECK("rc cut: after the colon", CLASSIFY_CUT("Reset cause: ") && rc.kind == RC_CUT && rc.form == RF_RESET_CAUSE);
    CHECK("rc cut: inside the code", CLASSIFY_CUT("Reset cause: ck") && rc.kind == RC_CUT && rc.code_len == 0);
    CHECK("rc cut: a whole code, then cut", CLASSIFY_CUT("Reset cause: cko") && rc.kind == RC_KNOWN && rc.cut &&
          strcmp(rc.row->code, "cko") == 0);
    CHECK("rc cut: text no row names", CLASSIFY_CUT("Reset by the fire") && rc.kind == RC_CUT && rc.form == RF_TEXT &&
          rc.code_len == 0);
    CHECK("rc not cut: the same text is unknown", CLASSIFY("Reset by the fire") && rc.kind == RC_UNKNOWN && !rc.cut &&
          strcmp(rc.code, "Reset by the fire") == 0);
    CHECK("rc cut: an F5 text its bytes already name", CLASSIFY_CUT("BIG-IP: [0x1:2] No server selected [vi") &&
          rc.kind == RC_KNOWN && rc.cut && strcmp(rc.row->vendor, "F5") == 0);
    CHECK("rc cut: an F5 text cut inside its name", CLASSIFY_CUT("BIG-IP: [0x1:2] No serv") && rc.kind == RC_CUT);
    CHECK("rc cut: IETF reason, PEN cut", CLASSIFY_CUT("\x33\xaa\x00\x01\x00\x00") && rc.kind == RC_KNOWN && rc.cut &&
          rc.form == RF_IETF && rc.ietf_reason == 1 && !rc.pen_seen);
    CHECK("rc cut: IETF PEN seen", CLASSIFY("\x33\xaa\x00\x01\x00\x00\x00\x00") && rc.pen_seen);
    CHECK("rc cut: IETF magic cut", CLASSIFY_CUT("\x33\xaa") && rc.kind == RC_CUT && rc.form == RF_IETF);
    CHECK("rc cut: IETF magic's first byte", CLASSIFY_CUT("\x33") && rc.kind == RC_CUT && rc.form == RF_IETF);
    CHECK("rc cut: padding so far", CLASSIFY_CUT("\0\0") && rc.kind == RC_CUT && rc.form == RF_BINARY);
    CHECK("rc cut: binary bytes stay binary", CLASSIFY_CUT("\x00\x8f\x13") && rc.kind == RC_NO_CAUSE && rc.cut);
    CHECK("rc: kind name", strcmp(reset_kind_name(RC_CUT), "cut by the capture") == 0);
    CHECK("rc: every seed code known", reset_code_lookup(&t, "cki", 3) && reset_code_lookup(&t, "ehfp", 4) &&
          reset_code_lookup(&t, "ehih", 4) && reset_code_lookup(&t, "fpts", 4) && reset_code_lookup(&t, "nboop", 5) &&
          reset_code_lookup(&t, "rctcpi", 6) && reset_code_lookup(&t, "rlc", 3) && reset_code_lookup(&t, "wlb", 3));
    CHECK("rc: site code", reset_table_add(&t, "zzz", "Acme", "site", "our proxy's idle reset") &&
          CLASSIFY("Reset cause: zzz") && rc.kind == RC_KNOWN && strcmp(rc.row->vendor, "Acme") == 0);
    reset_table_free(&t);
#undef CLASSIFY
#undef CLASSIFY_CUT
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

/* One string through one mode of escape_unit (via escape_fwrite into memory). */
static const char *esc_mode(const char *s, size_t len, enum escape_mode mode)
{
    static char buf[512];
    FILE *f = fmemopen(buf, sizeof buf, "w");
    escape_fwrite(f, s, len, mode);
    fputc(0, f);
    fclose(f);
    return buf;
}
#define ESC(s, mode) esc_mode(s, sizeof(s) - 1, mode)

/* Issue 12: the terminal and JSON forms: C0, DEL, C1 (UTF-8 and raw), bidirectional and invisible
 * format characters, broken UTF-8; printable UTF-8 passes. */
static void test_escape_modes(void)
{
    CHECK_STR("esc terminal: ESC, OSC 52, BEL", ESC("a\x1b[2J\x1b]52;c;eA==\x07", ESC_TERMINAL), "a\\x1b[2J\\x1b]52;c;eA==\\x07");
    CHECK_STR("esc terminal: newline and tab pass", ESC("a\nb\tc\r", ESC_TERMINAL), "a\nb\tc\\x0d");
    CHECK_STR("esc line: newline and tab named", ESC("a\nb\tc", ESC_LINE), "a\\nb\\tc");
    CHECK_STR("esc terminal: DEL, raw C1, UTF-8 C1", ESC("\x7f\x9b\xc2\x9b\xc2\x85", ESC_TERMINAL), "\\x7f\\x9b\\u009b\\u0085");
    CHECK_STR("esc terminal: RLO LRE RLE PDF LRO", ESC("\xe2\x80\xae\xe2\x80\xaa\xe2\x80\xab\xe2\x80\xac\xe2\x80\xad", ESC_TERMINAL),
              "\\u202e\\u202a\\u202b\\u202c\\u202d");
    CHECK_STR("esc terminal: isolates LRI..PDI", ESC("\xe2\x81\xa6\xe2\x81\xa7\xe2\x81\xa8\xe2\x81\xa9", ESC_TERMINAL),
              "\\u2066\\u2067\\u2068\\u2069");
    CHECK_STR("esc terminal: LRM RLM ALM ZWSP BOM", ESC("\xe2\x80\x8e\xe2\x80\x8f\xd8\x9c\xe2\x80\x8b\xef\xbb\xbf", ESC_TERMINAL),
              "\\u200e\\u200f\\u061c\\u200b\\ufeff");
    CHECK_STR("esc terminal: a tag character", ESC("\xf3\xa0\x80\x81", ESC_TERMINAL), "\\U000e0001");
    CHECK_STR("esc terminal: printable UTF-8 passes", ESC("caf\xc3\xa9 \xe2\x86\x92 \xf0\x9f\x90\x9f", ESC_TERMINAL), "caf\xc3\xa9 \xe2\x86\x92 \xf0\x9f\x90\x9f");
    CHECK_STR("esc terminal: broken UTF-8 byte by byte", ESC("\xff\xc3(\xe2\x80\xed\xa0\x80\xc0\xaf\xe2\x80", ESC_TERMINAL),
              "\\xff\\xc3(\\xe2\\x80\\xed\\xa0\\x80\\xc0\\xaf\\xe2\\x80");
    CHECK_STR("esc json: quotes, controls, DEL", ESC("\"\\\x1b\x01\n\b\f\x7f", ESC_JSON), "\\\"\\\\\\u001b\\u0001\\n\\b\\f\\u007f");
    CHECK_STR("esc json: RLO, C1, a tag as a surrogate pair", ESC("\xe2\x80\xae\xc2\x9b\xf3\xa0\x80\x81", ESC_JSON),
              "\\u202e\\u009b\\udb40\\udc01");
    CHECK_STR("esc json: broken bytes as text, UTF-8 passes", ESC("\xff\xc3\xa9", ESC_JSON), "\\\\xff\xc3\xa9");
    CHECK("esc width: escaped columns", escape_width("a\x1b\xe2\x80\xae\xc3\xa9", 7, ESC_LINE) == 1 + 4 + 6 + 1);
    char out[8];
    size_t used;
    size_t n = escape_terminal(out, 7, (const uint8_t *)"ab\xe2\x80\xae" "cd", 7, &used);
    CHECK("esc terminal in pieces: never half an escape", n == 2 && used == 2);
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

/* An IPv4 packet (raw) from s to t with protocol proto and the given L4 bytes. */
static size_t ip4_packet(uint8_t *b, const uint8_t s[4], const uint8_t t[4], uint8_t proto, const uint8_t *l4, size_t n)
{
    uint8_t h[20] = {0x45, 0, 0, 0, 0, 1, 0, 0, 64, 0, 0, 0};
    h[2] = (uint8_t)((20 + n) >> 8); h[3] = (uint8_t)(20 + n);
    h[9] = proto;
    memcpy(h + 12, s, 4); memcpy(h + 16, t, 4);
    memcpy(b, h, 20);
    memcpy(b + 20, l4, n);
    return 20 + n;
}

/* The spec's baseline (baseline/baseline_deflt.json of the Community ID specification): SCTP
 * hashes its ports as TCP and UDP do; a protocol without ports (RSVP) hashes none. */
static void test_community_id_baseline(void)
{
    static const uint8_t a[4] = {192, 168, 170, 8}, b[4] = {192, 168, 170, 56};
    static const uint8_t sctp[12] = {0, 7, 0, 7, 0, 0, 0, 0, 0, 0, 0, 0};   /* ports 7 > 7, tag, checksum */
    uint8_t f[64];
    struct decoded d;
    char id[COMMUNITY_ID_MAX];
    size_t n = ip4_packet(f, a, b, 132, sctp, sizeof sctp);
    decode_frame(&d, LT_RAW, f, n, n, NULL);
    community_id(&d, 0, id);
    CHECK_STR("community id: sctp (spec baseline)", id, "1:MP2EtRCAUIZvTw6MxJHLV7N7JDs=");
    CHECK_STR("proto: sctp", decoded_proto_name(&d), "sctp");
    n = ip4_packet(f, b, a, 132, sctp, sizeof sctp);
    decode_frame(&d, LT_RAW, f, n, n, NULL);
    community_id(&d, 0, id);
    CHECK_STR("community id: sctp, reverse direction", id, "1:MP2EtRCAUIZvTw6MxJHLV7N7JDs=");
    static const uint8_t r1[4] = {10, 1, 12, 1}, r2[4] = {10, 1, 12, 2};
    static const uint8_t rsvp[8] = {0x10, 1, 0, 0, 64, 0, 0, 8};
    n = ip4_packet(f, r1, r2, 46, rsvp, sizeof rsvp);
    decode_frame(&d, LT_RAW, f, n, n, NULL);
    community_id(&d, 0, id);
    CHECK_STR("community id: rsvp, no ports (spec baseline)", id, "1:KHlLkgoJW7ifUTyTSgyVfkFHzKw=");
    CHECK_STR("proto: rsvp", decoded_proto_name(&d), "rsvp");
    n = ip4_packet(f, r1, r2, 253, rsvp, sizeof rsvp);   /* an experimental number: no name */
    decode_frame(&d, LT_RAW, f, n, n, NULL);
    CHECK_STR("proto: an unnamed protocol stays ipv4", decoded_proto_name(&d), "ipv4");
}

/* icmp.ident / icmp.seq and icmpv6.echo.identifier / .sequence_number on every type, and on messages
 * cut short, as tshark 4.0 reads them (a capture of all 256 types of each, and of echoes 4 to 7 bytes
 * long or cut by the capture at 6 and 7, compared value by value): ICMP 0, 8, 13-18 carry both, 42
 * and 43 the identifier only; ICMPv6 128, 129 both, 160, 161 the identifier only; each when its two
 * bytes are in the message and captured. */
static void test_icmp_idseq(void)
{
    static const uint8_t s[4] = {10, 0, 0, 1}, t[4] = {10, 0, 0, 2};
    uint8_t f[128], ic[16] = {0, 0, 0, 0, 0x12, 0x34, 0x01, 0x02, 'A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'};
    struct decoded d;
    char both[256 + 1], one[256 + 1];
    for (int ty = 0; ty < 256; ty++) {
        ic[0] = (uint8_t)ty;
        size_t n = ip4_packet(f, s, t, 1, ic, sizeof ic);
        decode_frame(&d, LT_RAW, f, n, n, NULL);
        both[ty] = d.icmp.idseq == (ICMP_IDENT | ICMP_SEQ) ? 'b' : d.icmp.idseq == ICMP_IDENT ? 'i' : d.icmp.idseq ? '?' : '.';
        if (d.icmp.idseq & ICMP_IDENT) CHECK("icmp idseq: ident big-endian", d.icmp.ident == 0x1234);
        if (d.icmp.idseq & ICMP_SEQ) CHECK("icmp idseq: seq big-endian", d.icmp.seq == 0x0102);
    }
    both[256] = 0;
    char want[257];
    memset(want, '.', 256);
    want[256] = 0;
    want[0] = want[8] = 'b';
    for (int ty = 13; ty <= 18; ty++) want[ty] = 'b';
    want[42] = want[43] = 'i';
    CHECK_STR("icmp idseq: which types carry ident (i) and seq (b), as tshark", both, want);

    uint8_t g[40 + 16] = {0x60, 0, 0, 0, 0, 16, 58, 64};
    g[8] = 0xfe; g[9] = 0x80; g[23] = 1; g[24] = 0xfe; g[25] = 0x80; g[39] = 2;
    memcpy(g + 40, ic, 16);
    g[44] = 0xab; g[45] = 0xcd;
    for (int ty = 0; ty < 256; ty++) {
        g[40] = (uint8_t)ty;
        decode_frame(&d, LT_RAW, g, sizeof g, sizeof g, NULL);
        one[ty] = d.icmp.idseq == (ICMP_IDENT | ICMP_SEQ) ? 'b' : d.icmp.idseq == ICMP_IDENT ? 'i' : d.icmp.idseq ? '?' : '.';
        if (d.icmp.idseq & ICMP_IDENT) CHECK("icmpv6 idseq: identifier", d.icmp.ident == 0xabcd);
        if (d.icmp.idseq & ICMP_SEQ) CHECK("icmpv6 idseq: sequence number", d.icmp.seq == 0x0102);
    }
    one[256] = 0;
    memset(want, '.', 256);
    want[128] = want[129] = 'b';
    want[160] = want[161] = 'i';
    CHECK_STR("icmpv6 idseq: which types carry identifier (i) and sequence (b), as tshark", one, want);

    /* an echo request 4 to 8 bytes long (the IP length says so): ident from 6, seq from 8 */
    ic[0] = 8;
    char lens[6] = {0};
    for (int len = 4; len <= 8; len++) {
        size_t n = ip4_packet(f, s, t, 1, ic, (size_t)len);
        decode_frame(&d, LT_RAW, f, n, n, NULL);
        lens[len - 4] = d.icmp.idseq == (ICMP_IDENT | ICMP_SEQ) ? 'b' : d.icmp.idseq == ICMP_IDENT ? 'i' : '.';
    }
    CHECK_STR("icmp idseq: short echo of 4, 5, 6, 7, 8 bytes", lens, "..iib");
    /* cut by the capture after 6 and 7 bytes of a 16-byte echo: ident only, as tshark */
    size_t n = ip4_packet(f, s, t, 1, ic, sizeof ic);
    decode_frame(&d, LT_RAW, f, 26, (uint32_t)n, NULL);
    CHECK("icmp idseq: cut after 6 bytes: ident only", d.icmp.idseq == ICMP_IDENT && d.icmp.ident == 0x1234 && d.truncated);
    decode_frame(&d, LT_RAW, f, 27, (uint32_t)n, NULL);
    CHECK("icmp idseq: cut after 7 bytes: ident only", d.icmp.idseq == ICMP_IDENT && d.truncated);
    decode_frame(&d, LT_RAW, f, 25, (uint32_t)n, NULL);
    CHECK("icmp idseq: cut after 5 bytes: none", d.icmp.idseq == 0 && (d.layers & L_ICMP));
    /* padding after a short message is not its bytes: a 6-byte echo in a 60-byte frame */
    memset(f, 0, sizeof f);
    n = ip4_packet(f, s, t, 1, ic, 6);
    decode_frame(&d, LT_RAW, f, 60, 60, NULL);
    CHECK("icmp idseq: a 6-byte echo, padded: no seq from the padding", d.icmp.idseq == ICMP_IDENT);
    g[40] = 128;
    g[5] = 6;
    decode_frame(&d, LT_RAW, g, sizeof g, sizeof g, NULL);
    CHECK("icmpv6 idseq: a 6-byte echo: identifier only", d.icmp.idseq == ICMP_IDENT && d.icmp.ident == 0xabcd);
}

/* --- The capture reader --- */

/* A classic pcap file written by hand, in either byte order, so that tests can make
 * what libpcap's writer never would: big-endian, damaged, oversized records. */
struct pcapfile { FILE *fp; bool be; };

static void pf_put32(struct pcapfile *w, uint32_t v)
{
    uint8_t b[4];
    for (int i = 0; i < 4; i++) b[w->be ? 3 - i : i] = (uint8_t)(v >> (8 * i));
    fwrite(b, 1, 4, w->fp);
}

/* Creates a temporary file (its name in path) with the file header. */
static void pf_open(struct pcapfile *w, char *path, bool be, bool nano, uint32_t linktype)
{
    strcpy(path, "/tmp/pcaphunt-unit-XXXXXX");
    int fd = mkstemp(path);
    w->fp = fd >= 0 ? fdopen(fd, "wb") : NULL;
    if (!w->fp) { perror("pcaphunt unit test temp file"); exit(2); }
    w->be = be;
    pf_put32(w, nano ? 0xa1b23c4du : 0xa1b2c3d4u);
    uint8_t version[4] = {0, 2, 0, 4};                 /* 2.4, big-endian */
    if (!be) { version[0] = 2; version[1] = 0; version[2] = 4; version[3] = 0; }
    fwrite(version, 1, 4, w->fp);
    pf_put32(w, 0);                                     /* thiszone */
    pf_put32(w, 0);                                     /* sigfigs */
    pf_put32(w, 65535);                                 /* snaplen */
    pf_put32(w, linktype);
}

/* Record i's bytes: a pattern that differs with the record and the offset. */
static uint8_t pattern(uint32_t i, uint32_t j) { return (uint8_t)(i * 31 + j * 7 + (j >> 8)); }

static void pf_record(struct pcapfile *w, uint32_t i, uint32_t caplen, uint32_t len)
{
    pf_put32(w, 1700000000 + i);
    pf_put32(w, i % 1000000);
    pf_put32(w, caplen);
    pf_put32(w, len);
    for (uint32_t j = 0; j < caplen; j++) fputc(pattern(i, j), w->fp);
}

/* FNV-1a over every frame's time stamp, lengths and bytes. */
struct digest { uint64_t frames, hash; };

static void digest_add(struct digest *d, const void *p, size_t n)
{
    const uint8_t *b = p;
    for (size_t i = 0; i < n; i++) d->hash = (d->hash ^ b[i]) * 0x100000001b3ull;
}

static void digest_frame(struct digest *d, const struct pcap_pkthdr *h, const uint8_t *bytes)
{
    uint64_t fields[4] = {(uint64_t)h->ts.tv_sec, (uint64_t)h->ts.tv_usec, h->caplen, h->len};
    d->frames++;
    digest_add(d, fields, sizeof fields);
    digest_add(d, bytes, h->caplen);
}

/* Reads a whole capture with our reader; -1 on an error. */
static int digest_ours(struct capture *c, struct digest *d)
{
    struct frame f;
    int rc;
    d->frames = 0;
    d->hash = 0xcbf29ce484222325ull;
    while ((rc = capture_next(c, &f)) == 1) digest_frame(d, &f.hdr, f.bytes);
    return rc;
}

static void digest_libpcap(const char *path, bool nano, struct digest *d)
{
    char err[PCAP_ERRBUF_SIZE];
    struct pcap_pkthdr *h;
    const u_char *bytes;
    d->frames = 0;
    d->hash = 0xcbf29ce484222325ull;
    pcap_t *p = pcap_open_offline_with_tstamp_precision(
        path, nano ? PCAP_TSTAMP_PRECISION_NANO : PCAP_TSTAMP_PRECISION_MICRO, err);
    if (!p) return;
    while (pcap_next_ex(p, &h, &bytes) == 1) digest_frame(d, h, bytes);
    pcap_close(p);
}

/* Our reader and libpcap agree on a file: frames, time stamps, lengths, bytes. */
static void check_same_as_libpcap(const char *name, const char *path, uint64_t frames)
{
    struct capture c;
    struct digest ours, theirs;
    char what[160];
    snprintf(what, sizeof what, "%s: opens", name);
    CHECK(what, capture_open(&c, path) == 0);
    snprintf(what, sizeof what, "%s: reads to the end", name);
    CHECK(what, digest_ours(&c, &ours) == 0);
    digest_libpcap(path, c.nano, &theirs);
    snprintf(what, sizeof what, "%s: %llu frames", name, (unsigned long long)frames);
    CHECK(what, ours.frames == frames && theirs.frames == frames);
    snprintf(what, sizeof what, "%s: same bytes as libpcap", name);
    CHECK(what, ours.hash == theirs.hash);
    snprintf(what, sizeof what, "%s: offset at the end is the file size", name);
    CHECK(what, capture_size(&c) > 0 && capture_offset(&c) == (uint64_t)capture_size(&c));
    capture_close(&c);
}

static void test_capture_formats(void)
{
    struct capture c;
    struct frame f;
    CHECK("big-endian: opens", capture_open(&c, "tests/data/big-endian.pcap") == 0);
    CHECK("big-endian: linktype, snaplen, micro", c.linktype == 1 && c.snaplen == 65535 && !c.nano);
    CHECK("big-endian: offset after the file header", capture_offset(&c) == 24);
    CHECK("big-endian: frame 1", capture_next(&c, &f) == 1 && f.number == 1);
    CHECK("big-endian: time", f.hdr.ts.tv_sec == 1101200000 && f.hdr.ts.tv_usec == 654321 && !f.nano);
    CHECK("big-endian: lengths", f.hdr.caplen == 70 && f.hdr.len == 70 && f.linktype == 1);
    CHECK("big-endian: bytes (ttl 14)", f.bytes[0] == 0x00 && f.bytes[1] == 0x66 && f.bytes[22] == 14);
    CHECK("big-endian: offset after frame 1", capture_offset(&c) == 24 + 16 + 70);
    CHECK("big-endian: frame 2, then the end", capture_next(&c, &f) == 1 && capture_next(&c, &f) == 0);
    CHECK("big-endian: end stays the end", capture_next(&c, &f) == 0);
    capture_close(&c);

    CHECK("nanosecond: opens", capture_open(&c, "tests/data/nanosecond.pcap") == 0 && c.nano);
    CHECK("nanosecond: time", capture_next(&c, &f) == 1 && f.nano && f.hdr.ts.tv_sec == 1101200000 &&
                              f.hdr.ts.tv_usec == 123456789);
    capture_close(&c);

    CHECK("raw: DLT_RAW as libpcap maps LINKTYPE_RAW", capture_open(&c, "tests/data/raw.pcap") == 0 &&
                                                       c.linktype == DLT_RAW);
    capture_close(&c);

    CHECK("pcapng: opens with our reader", capture_open(&c, "tests/data/q-trojan.pcapng") == 0 && !c.pcap && !c.nano);
    CHECK("pcapng: offset before a frame is small", capture_offset(&c) < 228);
    capture_close(&c);

    check_same_as_libpcap("sample.pcap", "tests/data/sample.pcap", 21);
    check_same_as_libpcap("big-endian.pcap", "tests/data/big-endian.pcap", 2);
    check_same_as_libpcap("nanosecond.pcap", "tests/data/nanosecond.pcap", 2);
    check_same_as_libpcap("q-trojan.pcapng", "tests/data/q-trojan.pcapng", 2);

    /* FCS information in the link type's upper bits: 4-byte FCS on Ethernet */
    char path[64];
    struct pcapfile w;
    pf_open(&w, path, false, false, 0x24000001u);
    pf_record(&w, 0, 60, 60);
    fclose(w.fp);
    CHECK("fcs bits: linktype is the lower 16 bits", capture_open(&c, path) == 0 && c.linktype == 1);
    CHECK("fcs bits: frame", capture_next(&c, &f) == 1 && f.hdr.caplen == 60 && f.linktype == 1);
    capture_close(&c);
    unlink(path);
}

/* Records of many sizes past two buffer refills, in both byte orders; then one
 * record larger than the buffer, and one whose caplen exceeds its wire length. */
static void test_capture_refill(void)
{
    char path[64];
    struct pcapfile w;
    enum { FRAMES = 3000 };
    pf_open(&w, path, true, true, 1);
    uint64_t total = 24;
    for (uint32_t i = 0; i < FRAMES; i++) {
        uint32_t caplen = 1 + i * 7919 % 1514;
        pf_record(&w, i, caplen, caplen + i % 3);
        total += 16 + caplen;
    }
    fclose(w.fp);
    CHECK("refill: the file spans two buffers", total > 2 * CAPTURE_BUFFER_SIZE);
    check_same_as_libpcap("refill, big-endian nanoseconds", path, FRAMES);
    unlink(path);

    pf_open(&w, path, false, false, 1);
    uint32_t big = 3u << 20;                      /* more than the 1 MiB buffer, beyond the snaplen */
    pf_record(&w, 0, 100, 100);
    pf_record(&w, 1, big, big);
    pf_record(&w, 2, 100, 60);                    /* caplen > wire length: kept as written */
    pf_record(&w, 3, 0, 0);
    fclose(w.fp);
    struct capture c;
    struct frame f;
    CHECK("big record: opens", capture_open(&c, path) == 0);
    CHECK("big record: frame 1", capture_next(&c, &f) == 1 && f.hdr.caplen == 100 && f.bytes[99] == pattern(0, 99));
    CHECK("big record: frame 2", capture_next(&c, &f) == 1 && f.number == 2 && f.hdr.caplen == big && f.hdr.len == big);
    bool same = true;
    for (uint32_t j = 0; j < big && same; j++) same = f.bytes[j] == pattern(1, j);
    CHECK("big record: every byte", same);
    CHECK("caplen > len: frame 3", capture_next(&c, &f) == 1 && f.hdr.caplen == 100 && f.hdr.len == 60 &&
                                   f.bytes[0] == pattern(2, 0) && f.bytes[99] == pattern(2, 99));
    CHECK("empty record: frame 4", capture_next(&c, &f) == 1 && f.hdr.caplen == 0 && f.hdr.ts.tv_sec == 1700000003);
    CHECK("big record: end", capture_next(&c, &f) == 0 && capture_offset(&c) == (uint64_t)capture_size(&c));
    CHECK("rewind", capture_rewind(&c) == 0 && capture_next(&c, &f) == 1 && f.number == 1 && f.hdr.caplen == 100);
    capture_close(&c);
    unlink(path);
}

/* Copies the first `keep` bytes of a file to a new temporary file (its name in `to`). */
static void copy_cut(const char *from, char *to, long keep)
{
    FILE *in = fopen(from, "rb");
    strcpy(to, "/tmp/pcaphunt-unit-XXXXXX");
    int fd = mkstemp(to);
    FILE *out = fd >= 0 ? fdopen(fd, "wb") : NULL;
    if (!in || !out) { perror("pcaphunt unit test temp file"); exit(2); }
    for (long i = 0; i < keep; i++) {
        int ch = fgetc(in);
        if (ch == EOF) break;
        fputc(ch, out);
    }
    fclose(in);
    fclose(out);
}

static void test_capture_damage(void)
{
    char path[64];
    struct capture c;
    struct frame f;
    /* big-endian.pcap: header 24, then records of 16 + 70 */
    copy_cut("tests/data/big-endian.pcap", path, 24 + 86 + 10);
    CHECK("cut header: opens", capture_open(&c, path) == 0);
    CHECK("cut header: frame 1", capture_next(&c, &f) == 1);
    CHECK("cut header: error", capture_next(&c, &f) == -1);
    CHECK_STR("cut header: message", c.error,
              "cut short in the middle of frame 2 (truncated dump file; tried to read 16 header bytes, only got 10)");
    capture_close(&c);
    unlink(path);

    copy_cut("tests/data/big-endian.pcap", path, 24 + 86 + 16 + 20);   /* frame 2 has 43 */
    CHECK("cut body: opens", capture_open(&c, path) == 0);
    CHECK("cut body: frame 1, then an error", capture_next(&c, &f) == 1 && capture_next(&c, &f) == -1);
    CHECK_STR("cut body: message", c.error,
              "cut short in the middle of frame 2 (truncated dump file; tried to read 43 captured bytes, only got 20)");
    capture_close(&c);
    unlink(path);

    for (long keep = 0; keep < 24; keep += 3) {
        copy_cut("tests/data/big-endian.pcap", path, keep);
        CHECK("short file: refused", capture_open(&c, path) == -1);
        char want[80];
        if (keep == 0) snprintf(want, sizeof want, "empty (no capture file header)");
        else if (keep < 4) snprintf(want, sizeof want, "not a capture file");
        else snprintf(want, sizeof want, "cut short in its pcap file header (%ld of 24 bytes)", keep);
        CHECK_STR("short file: message", c.error, want);
        capture_close(&c);
        unlink(path);
    }

    struct pcapfile w;
    pf_open(&w, path, false, false, 1);
    pf_record(&w, 0, 10, 10);
    pf_put32(&w, 1);
    pf_put32(&w, 2);
    pf_put32(&w, CAPTURE_MAX_CAPLEN + 1);
    pf_put32(&w, 60);
    fclose(w.fp);
    CHECK("caplen beyond bound: frame 1, then an error", capture_open(&c, path) == 0 && capture_next(&c, &f) == 1 &&
                                                          capture_next(&c, &f) == -1);
    CHECK_STR("caplen beyond bound: message", c.error,
              "frame 2: record claims 16777217 captured bytes, more than any capture holds");
    capture_close(&c);
    unlink(path);

    CHECK("missing file", capture_open(&c, "tests/data/nope.pcap") == -1);
    CHECK_STR("missing file: message", c.error, "No such file or directory");
    capture_close(&c);
    CHECK("not a capture", capture_open(&c, "tests/data/not-a-capture.txt") == -1);
    CHECK_STR("not a capture: message", c.error, "not a capture file");
    capture_close(&c);
}

/* Standard input is a pipe that a child fills with the file (so that reads come in
 * pieces); then path is read as "-". */
static pid_t stdin_from(const char *path, int *saved)
{
    int p[2];
    fflush(stdout);
    if (pipe(p) != 0) return -1;
    pid_t pid = fork();
    if (pid == 0) {
        close(p[0]);
        FILE *in = fopen(path, "rb");
        char buf[4096];
        size_t n;
        while (in && (n = fread(buf, 1, sizeof buf, in)) > 0)
            if (write(p[1], buf, n) != (ssize_t)n) break;
        _exit(0);
    }
    close(p[1]);
    *saved = dup(STDIN_FILENO);
    dup2(p[0], STDIN_FILENO);
    close(p[0]);
    return pid;
}

static void stdin_restore(pid_t pid, int saved)
{
    dup2(saved, STDIN_FILENO);
    close(saved);
    waitpid(pid, NULL, 0);
}

static void test_capture_stdin(void)
{
    char path[64];
    struct pcapfile w;
    enum { FRAMES = 2000 };
    pf_open(&w, path, false, false, 1);
    for (uint32_t i = 0; i < FRAMES; i++) pf_record(&w, i, 1 + i * 104729 % 1514, 1514);
    fclose(w.fp);

    struct capture c;
    struct digest ours, theirs;
    int saved;
    digest_libpcap(path, false, &theirs);
    pid_t pid = stdin_from(path, &saved);
    CHECK("stdin: opens", pid > 0 && capture_open(&c, "-") == 0);
    CHECK("stdin: microseconds, as the magic says", !c.nano && c.pcap == NULL);
    CHECK("stdin: size unknown", capture_size(&c) == -1);
    CHECK_STR("stdin: name", capture_name(&c), "(stdin)");
    CHECK("stdin: reads to the end", digest_ours(&c, &ours) == 0);
    CHECK("stdin: frames", ours.frames == FRAMES && theirs.frames == FRAMES);
    CHECK("stdin: same bytes as libpcap", ours.hash == theirs.hash);
    CHECK("stdin: no rewind", capture_rewind(&c) == -1);
    CHECK_STR("stdin: rewind message", c.error, "standard input can be read only once");
    capture_close(&c);
    stdin_restore(pid, saved);
    unlink(path);

    /* pcapng: read by our reader from the same buffer that saw the magic */
    digest_libpcap("tests/data/q-trojan.pcapng", false, &theirs);   /* no if_tsresol: microseconds */
    pid = stdin_from("tests/data/q-trojan.pcapng", &saved);
    CHECK("stdin pcapng: opens", pid > 0 && capture_open(&c, "-") == 0);
    CHECK("stdin pcapng: our reader reads it", c.pcap == NULL && !c.nano && c.linktype == 1);
    CHECK("stdin pcapng: reads to the end", digest_ours(&c, &ours) == 0);
    CHECK("stdin pcapng: same frames as libpcap", ours.frames == 2 && theirs.frames == 2 && ours.hash == theirs.hash);
    CHECK("stdin pcapng: offset is the file size", capture_offset(&c) == 228);
    capture_close(&c);
    stdin_restore(pid, saved);

    pid = stdin_from("/dev/null", &saved);
    CHECK("stdin empty: refused", pid > 0 && capture_open(&c, "-") == -1);
    CHECK_STR("stdin empty: message", c.error, "empty (no capture file header)");
    capture_close(&c);
    stdin_restore(pid, saved);
}

/* --- pcapng, written by hand in either byte order --- */

struct ng { uint8_t *b; size_t n, size; bool be; };

static void ng_bytes(struct ng *g, const void *p, size_t n)
{
    if (g->n + n > g->size) {
        g->size = (g->n + n) * 2;
        g->b = realloc(g->b, g->size);
        if (!g->b) { perror("pcaphunt unit test"); exit(2); }
    }
    memcpy(g->b + g->n, p, n);
    g->n += n;
}

static void ng32(struct ng *g, uint32_t v)
{
    uint8_t b[4];
    for (int i = 0; i < 4; i++) b[g->be ? 3 - i : i] = (uint8_t)(v >> (8 * i));
    ng_bytes(g, b, 4);
}

static void ng16(struct ng *g, unsigned v)
{
    uint8_t b[2] = {(uint8_t)(g->be ? v >> 8 : v), (uint8_t)(g->be ? v : v >> 8)};
    ng_bytes(g, b, 2);
}

static void ng_pad(struct ng *g) { while (g->n % 4) ng_bytes(g, "", 1); }

/* Starts a block; ng_end writes its length at both ends. */
static size_t ng_begin(struct ng *g, uint32_t type) { size_t at = g->n; ng32(g, type); ng32(g, 0); return at; }

static void ng_end(struct ng *g, size_t at)
{
    ng_pad(g);
    uint32_t len = (uint32_t)(g->n - at + 4);
    ng32(g, len);
    size_t keep = g->n;
    g->n = at + 4;
    ng32(g, len);
    g->n = keep;
}

static void ng_section(struct ng *g, bool be)
{
    g->be = be;
    size_t at = ng_begin(g, 0x0a0d0d0a);
    ng32(g, 0x1a2b3c4d); ng16(g, 1); ng16(g, 0); ng32(g, 0xffffffff); ng32(g, 0xffffffff);
    ng_end(g, at);
}

/* An interface; tsresol < 0: no if_tsresol option; tsoffset != 0: an if_tsoffset option. */
static void ng_interface(struct ng *g, unsigned linktype, uint32_t snaplen, int tsresol, int64_t tsoffset)
{
    size_t at = ng_begin(g, 1);
    ng16(g, linktype); ng16(g, 0); ng32(g, snaplen);
    ng16(g, 2); ng16(g, 3); ng_bytes(g, "eth", 3); ng_pad(g);          /* if_name, padded */
    if (tsresol >= 0) { ng16(g, 9); ng16(g, 1); uint8_t r = (uint8_t)tsresol; ng_bytes(g, &r, 1); ng_pad(g); }
    if (tsoffset) {
        ng16(g, 14); ng16(g, 8);
        uint64_t v = (uint64_t)tsoffset;
        if (g->be) { ng32(g, (uint32_t)(v >> 32)); ng32(g, (uint32_t)v); }
        else { ng32(g, (uint32_t)v); ng32(g, (uint32_t)(v >> 32)); }
    }
    ng16(g, 0); ng16(g, 0);
    ng_end(g, at);
}

/* An enhanced packet block with record i's pattern; a comment option after the data. */
static void ng_epb(struct ng *g, uint32_t ifid, uint64_t ts, uint32_t i, uint32_t caplen, uint32_t len)
{
    size_t at = ng_begin(g, 6);
    ng32(g, ifid); ng32(g, (uint32_t)(ts >> 32)); ng32(g, (uint32_t)ts); ng32(g, caplen); ng32(g, len);
    for (uint32_t j = 0; j < caplen; j++) { uint8_t b = pattern(i, j); ng_bytes(g, &b, 1); }
    ng_pad(g);
    ng16(g, 1); ng16(g, 5); ng_bytes(g, "hello", 5); ng_pad(g); ng16(g, 0); ng16(g, 0);
    ng_end(g, at);
}

static void ng_spb(struct ng *g, uint32_t i, uint32_t stored, uint32_t len)
{
    size_t at = ng_begin(g, 3);
    ng32(g, len);
    for (uint32_t j = 0; j < stored; j++) { uint8_t b = pattern(i, j); ng_bytes(g, &b, 1); }
    ng_end(g, at);
}

static void ng_pb(struct ng *g, unsigned ifid, uint64_t ts, uint32_t i, uint32_t caplen, uint32_t len)
{
    size_t at = ng_begin(g, 2);
    ng16(g, ifid); ng16(g, 0); ng32(g, (uint32_t)(ts >> 32)); ng32(g, (uint32_t)ts); ng32(g, caplen); ng32(g, len);
    for (uint32_t j = 0; j < caplen; j++) { uint8_t b = pattern(i, j); ng_bytes(g, &b, 1); }
    ng_end(g, at);
}

static void ng_other(struct ng *g, uint32_t type, size_t body)
{
    size_t at = ng_begin(g, type);
    for (size_t j = 0; j < body; j++) ng_bytes(g, "\x55", 1);
    ng_end(g, at);
}

static void write_temp(char *path, const void *b, size_t n)
{
    strcpy(path, "/tmp/pcaphunt-unit-XXXXXX");
    int fd = mkstemp(path);
    if (fd < 0 || write(fd, b, n) != (ssize_t)n) { perror("pcaphunt unit test temp file"); exit(2); }
    close(fd);
}

static bool same_pattern(const struct frame *f, uint32_t i)
{
    for (uint32_t j = 0; j < f->hdr.caplen; j++)
        if (f->bytes[j] != pattern(i, j)) return false;
    return true;
}

/* Two sections (little-, then big-endian), interfaces that differ in link type, snapshot length,
 * resolution and offset; every packet block kind; blocks we do not read. */
static struct ng ng_mixed(void)
{
    struct ng g = {0};
    ng_section(&g, false);
    ng_other(&g, 0x0bad, 10 * 4);                        /* unknown: skipped */
    ng_interface(&g, 1, 65535, -1, 0);                   /* 0: Ethernet, microseconds */
    ng_interface(&g, 101, 128, 9, 0);                    /* 1: LINKTYPE_RAW, nanoseconds */
    ng_interface(&g, 113, 0, 0x80 | 20, 1000);           /* 2: SLL, 2^-20 s, +1000 s */
    ng_epb(&g, 0, 1700000000ull * 1000000 + 654321, 0, 60, 60);
    ng_epb(&g, 1, 1700000001ull * 1000000000 + 123456789, 1, 41, 41);
    ng_other(&g, 4, 8);                                  /* name resolution block: skipped */
    ng_epb(&g, 2, (1700000002ull << 20) | (1u << 19), 2, 30, 100);
    ng_spb(&g, 3, 80, 70);                               /* caplen: the original length, 70 */
    ng_pb(&g, 1, 1700000003ull * 1000000000, 4, 20, 20);
    ng_section(&g, true);                                /* a new section forgets the interfaces */
    ng_interface(&g, 101, 16, 3, -5);                    /* milliseconds, -5 s */
    ng_spb(&g, 5, 40, 40);                               /* caplen: the snapshot length, 16 */
    ng_epb(&g, 0, 1700000004123ull, 6, 0, 0);
    ng_other(&g, 0x40000bad, 0);                         /* custom block: skipped */
    return g;
}

static void test_pcapng(void)
{
    struct ng g = ng_mixed();
    char path[64];
    write_temp(path, g.b, g.n);
    struct capture c;
    struct frame f;
    CHECK("pcapng mixed: opens", capture_open(&c, path) == 0 && c.format == CAPTURE_PCAPNG && !c.pcap);
    CHECK("pcapng mixed: the first interface's link type and snapshot length", c.linktype == 1 && c.snaplen == 65535);
    CHECK("pcapng mixed: nanoseconds, as interfaces 1 and 2 before the first frame count", c.nano);
    CHECK("pcapng mixed: frame 1, Ethernet", capture_next(&c, &f) == 1 && f.number == 1 && f.linktype == 1 &&
                                             f.hdr.caplen == 60 && f.hdr.len == 60 && same_pattern(&f, 0));
    CHECK("pcapng mixed: frame 1, microseconds", !f.nano && f.hdr.ts.tv_sec == 1700000000 && f.hdr.ts.tv_usec == 654321);
    CHECK("pcapng mixed: frame 2, raw IP as DLT_RAW", capture_next(&c, &f) == 1 && f.linktype == DLT_RAW &&
                                                      f.hdr.caplen == 41 && same_pattern(&f, 1));
    CHECK("pcapng mixed: frame 2, nanoseconds", f.nano && f.hdr.ts.tv_sec == 1700000001 && f.hdr.ts.tv_usec == 123456789);
    CHECK("pcapng mixed: frame 3, SLL", capture_next(&c, &f) == 1 && f.linktype == 113 && f.hdr.caplen == 30 &&
                                        f.hdr.len == 100 && same_pattern(&f, 2));
    CHECK("pcapng mixed: frame 3, 2^-20 resolution and offset", f.nano && f.hdr.ts.tv_sec == 1700001002 &&
                                                                f.hdr.ts.tv_usec == 500000000);
    CHECK("pcapng mixed: frame 4, simple packet block", capture_next(&c, &f) == 1 && f.linktype == 1 &&
                                                        f.hdr.caplen == 70 && f.hdr.len == 70 && same_pattern(&f, 3));
    CHECK("pcapng mixed: frame 5, obsolete packet block", capture_next(&c, &f) == 1 && f.linktype == DLT_RAW &&
                                                          f.hdr.caplen == 20 && f.hdr.ts.tv_sec == 1700000003 && same_pattern(&f, 4));
    CHECK("pcapng mixed: frame 6, big-endian section, snapshot length", capture_next(&c, &f) == 1 && f.number == 6 &&
                                                                         f.linktype == DLT_RAW && f.hdr.caplen == 16 &&
                                                                         f.hdr.len == 40 && same_pattern(&f, 5));
    CHECK("pcapng mixed: frame 7, milliseconds and a negative offset", capture_next(&c, &f) == 1 && f.hdr.caplen == 0 &&
                                                                       f.hdr.ts.tv_sec == 1700000004 - 5 && !f.nano &&
                                                                       f.hdr.ts.tv_usec == 123000);
    CHECK("pcapng mixed: end", capture_next(&c, &f) == 0 && capture_next(&c, &f) == 0);
    CHECK("pcapng mixed: offset at the end is the file size", capture_offset(&c) == (uint64_t)capture_size(&c));
    CHECK("pcapng mixed: rewind", capture_rewind(&c) == 0 && capture_next(&c, &f) == 1 && f.number == 1 && same_pattern(&f, 0));
    capture_close(&c);

    /* every prefix of the file: refused, or frames then the end or one error; never a crash */
    bool clean = true;
    int ends = 0;
    for (size_t keep = 0; keep < g.n; keep++) {
        char cut[64];
        write_temp(cut, g.b, keep);
        if (capture_open(&c, cut) == 0) {
            int rc;
            while ((rc = capture_next(&c, &f)) == 1) {}
            if (rc == -1 && strncmp(c.error, "cut short in the middle of frame ", 33) != 0) clean = false;
            if (rc == 0) ends++;
        }
        capture_close(&c);
        unlink(cut);
    }
    CHECK("pcapng prefixes: every damage is 'cut short'", clean);
    CHECK("pcapng prefixes: some end cleanly between blocks", ends > 0);
    unlink(path);
    free(g.b);
}

/* One damaged pcapng: opens (when `opens`), then the first capture_next gives -1 with `msg`. */
static void pcapng_damage(const char *name, struct ng *g, bool opens, const char *msg)
{
    char path[64], what[160];
    struct capture c;
    struct frame f;
    write_temp(path, g->b, g->n);
    int rc = capture_open(&c, path);
    if (opens) {
        snprintf(what, sizeof what, "%s: opens, then an error", name);
        CHECK(what, rc == 0 && capture_next(&c, &f) == -1);
    } else {
        snprintf(what, sizeof what, "%s: refused", name);
        CHECK(what, rc == -1);
    }
    snprintf(what, sizeof what, "%s: message", name);
    CHECK_STR(what, c.error, msg);
    capture_close(&c);
    unlink(path);
    free(g->b);
    memset(g, 0, sizeof *g);
}

static void test_pcapng_damage(void)
{
    struct ng g = {0};
    size_t at;
    ng_section(&g, false); ng_interface(&g, 1, 0, -1, 0);
    at = ng_begin(&g, 6); ng32(&g, 0); ng32(&g, 0); ng32(&g, 0); ng32(&g, 100); ng32(&g, 100); ng32(&g, 0); ng_end(&g, at);
    pcapng_damage("caplen past the block", &g, true,
                  "frame 1: pcapng packet block claims 100 captured bytes, more than its 4 bytes hold");

    ng_section(&g, false); ng_interface(&g, 1, 0, -1, 0);
    ng_epb(&g, 1, 0, 0, 10, 10);
    pcapng_damage("undescribed interface", &g, true,
                  "frame 1: pcapng packet on interface 1, which its section does not describe");

    ng_section(&g, false); ng_interface(&g, 1, 0, -1, 0); ng_epb(&g, 0, 0, 0, 10, 10);
    g.b[g.n - 1] ^= 0x01;                                /* the trailing length */
    pcapng_damage("lengths differ", &g, true,
                  "frame 1: pcapng block of type 0x6 says 60 bytes at its start and 16777276 at its end");

    ng_section(&g, false); ng_interface(&g, 1, 0, -1, 0); ng32(&g, 6); ng32(&g, 13); ng32(&g, 0); ng32(&g, 0);
    pcapng_damage("length not a multiple of 4", &g, true,
                  "frame 1: pcapng block of type 0x6 has a length of 13, not a multiple of 4 from 12");

    ng_section(&g, false); ng_interface(&g, 1, 0, -1, 0); ng32(&g, 6); ng32(&g, CAPTURE_MAX_BLOCK + 4); ng32(&g, 0);
    pcapng_damage("block beyond bound", &g, true,
                  "frame 1: pcapng block of type 0x6 claims 16842756 bytes, more than any capture holds");

    ng_section(&g, false); ng_interface(&g, 1, 0, -1, 0); ng_epb(&g, 0, 0, 0, 10, 10);
    g.n -= 8;
    pcapng_damage("cut block", &g, true,
                  "cut short in the middle of frame 1 (truncated pcapng block; tried to read 60 bytes, only got 52)");

    ng_section(&g, false);
    at = ng_begin(&g, 1); ng16(&g, 1); ng16(&g, 0); ng32(&g, 0); ng16(&g, 2); ng16(&g, 200); ng32(&g, 0); ng_end(&g, at);
    pcapng_damage("option past the block", &g, false,
                  "frame 1: pcapng interface 0: option 2 of 200 bytes runs past its block");

    ng_section(&g, false); ng_interface(&g, 1, 0, 0x80 | 64, 0);
    pcapng_damage("resolution beyond 64 bits", &g, false,
                  "frame 1: pcapng interface 0: time stamp resolution 2^-64 is beyond 64 bits");

    ng_section(&g, false); ng_epb(&g, 0, 0, 0, 10, 10);
    pcapng_damage("packet before any interface", &g, false, "frame 1: pcapng packet before any interface description");

    ng_section(&g, false); g.b[12] = 2;
    pcapng_damage("unknown version", &g, false, "frame 1: pcapng version 2.0, which this reader does not know");

    ng_section(&g, false); g.b[9] = 0;
    pcapng_damage("bad byte-order magic", &g, false, "not a capture file");

    /* a section with no interface at all: no frames, no error */
    struct capture c;
    struct frame f;
    char path[64];
    ng_section(&g, true);
    write_temp(path, g.b, g.n);
    CHECK("pcapng without interfaces: opens, no frames", capture_open(&c, path) == 0 && capture_next(&c, &f) == 0);
    capture_close(&c);
    unlink(path);
    free(g.b);
}

/* Many frames past two buffer refills, one frame larger than the buffer, and a huge block of
 * an unknown type skipped without being held: the same as libpcap where libpcap reads it. */
static void test_pcapng_refill(void)
{
    struct ng g = {0};
    char path[64];
    enum { FRAMES = 3000 };
    ng_section(&g, true);
    ng_interface(&g, 1, 0, 9, 0);
    for (uint32_t i = 0; i < FRAMES; i++) {
        uint32_t caplen = 1 + i * 7919 % 1514;
        ng_epb(&g, 0, 1700000000000000000ull + i * 1234567ull, i, caplen, caplen + i % 3);
    }
    CHECK("pcapng refill: the file spans two buffers", g.n > 2 * CAPTURE_BUFFER_SIZE);
    write_temp(path, g.b, g.n);
    check_same_as_libpcap("pcapng refill, big-endian nanoseconds", path, FRAMES);
    unlink(path);
    free(g.b);

    memset(&g, 0, sizeof g);
    ng_section(&g, false);
    ng_interface(&g, 1, 0, -1, 0);
    ng_other(&g, 0x0bad, CAPTURE_MAX_BLOCK + 1000);
    ng_epb(&g, 0, 5, 0, 3u << 20, 3u << 20);
    ng_epb(&g, 0, 6, 1, 100, 100);
    write_temp(path, g.b, g.n);
    struct capture c;
    struct frame f;
    CHECK("pcapng big: opens", capture_open(&c, path) == 0);
    CHECK("pcapng big: a frame larger than the buffer", capture_next(&c, &f) == 1 && f.hdr.caplen == 3u << 20 &&
                                                        same_pattern(&f, 0));
    CHECK("pcapng big: the next frame", capture_next(&c, &f) == 1 && f.number == 2 && same_pattern(&f, 1));
    CHECK("pcapng big: end", capture_next(&c, &f) == 0);
    capture_close(&c);
    unlink(path);
    /* the huge block last: the end, not damage; cut in it: damage */
    ng_other(&g, 0x0bad, CAPTURE_MAX_BLOCK + 1000);
    write_temp(path, g.b, g.n);
    CHECK("pcapng big block last: opens", capture_open(&c, path) == 0);
    CHECK("pcapng big block last: frames, then the end", capture_next(&c, &f) == 1 && capture_next(&c, &f) == 1 &&
                                                         capture_next(&c, &f) == 0);
    capture_close(&c);
    unlink(path);
    write_temp(path, g.b, g.n - 100);
    CHECK("pcapng big block cut: frames, then an error", capture_open(&c, path) == 0 && capture_next(&c, &f) == 1 &&
                                                         capture_next(&c, &f) == 1 && capture_next(&c, &f) == -1);
    CHECK_STR("pcapng big block cut: message", c.error,
              "cut short in the middle of frame 3 (truncated pcapng block of type 0xbad, 16843764 bytes)");
    capture_close(&c);
    unlink(path);
    free(g.b);
}

/* --- compressed input, compressed here with the same libraries --- */

static void *read_all(const char *path, size_t *n)
{
    FILE *in = fopen(path, "rb");
    if (!in) { perror(path); exit(2); }
    fseek(in, 0, SEEK_END);
    *n = (size_t)ftell(in);
    rewind(in);
    void *b = malloc(*n ? *n : 1);
    if (!b || fread(b, 1, *n, in) != *n) { perror(path); exit(2); }
    fclose(in);
    return b;
}

/* kind: 0 gzip, 1 zstd, 2 lz4.  Returns a malloc'd compressed copy. */
static uint8_t *compress_as(int kind, const uint8_t *b, size_t n, size_t *out)
{
    size_t cap = n + n / 2 + 4096;
    if (kind == 1) cap = ZSTD_compressBound(n);
    if (kind == 2) cap = LZ4F_compressFrameBound(n, NULL);
    uint8_t *o = malloc(cap);
    if (!o) exit(2);
    if (kind == 0) {
        z_stream z = {0};
        deflateInit2(&z, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
        z.next_in = (uint8_t *)b; z.avail_in = (uInt)n; z.next_out = o; z.avail_out = (uInt)cap;
        deflate(&z, Z_FINISH);
        *out = z.total_out;
        deflateEnd(&z);
    } else if (kind == 1) {
        *out = ZSTD_compress(o, cap, b, n, 3);
    } else {
        *out = LZ4F_compressFrame(o, cap, b, n, NULL);
    }
    return o;
}

static void test_compressed(void)
{
    static const char *const kinds[] = {"gzip", "zstd", "lz4"};
    static const char *const files[] = {"tests/data/sample.pcap", "tests/data/big-endian.pcap",
                                        "tests/data/nanosecond.pcap", "tests/data/mixed-linktypes.pcapng", NULL};
    static const char *const damaged[] = {"gzip data is damaged (", "zstd data is damaged (", "lz4 data is damaged ("};
    char what[200], path[64];
    struct capture c;
    struct frame f;
    /* a pcapng of many frames too, to cross buffers */
    struct ng g = {0};
    char big[64];
    ng_section(&g, false);
    ng_interface(&g, 1, 0, -1, 0);
    for (uint32_t i = 0; i < 3000; i++) ng_epb(&g, 0, i, i, 1 + i * 7919 % 1514, 1514);
    write_temp(big, g.b, g.n);
    free(g.b);
    const char *all[6] = {files[0], files[1], files[2], files[3], big, NULL};
    for (int k = 0; k < 3; k++) {
        for (int i = 0; all[i]; i++) {
            size_t n, zn;
            uint8_t *plain = read_all(all[i], &n), *z = compress_as(k, plain, n, &zn);
            struct digest want, got;
            CHECK("compressed: the original opens", capture_open(&c, all[i]) == 0 && digest_ours(&c, &want) == 0);
            capture_close(&c);
            write_temp(path, z, zn);
            snprintf(what, sizeof what, "%s %s: the same frames as uncompressed", kinds[k], all[i]);
            CHECK(what, capture_open(&c, path) == 0 && digest_ours(&c, &got) == 0 && got.frames == want.frames &&
                        got.hash == want.hash && want.frames > 0);
            snprintf(what, sizeof what, "%s %s: offset at the end is the compressed size", kinds[k], all[i]);
            CHECK(what, capture_offset(&c) == zn && capture_size(&c) == (int64_t)zn);
            snprintf(what, sizeof what, "%s %s: rewind", kinds[k], all[i]);
            CHECK(what, capture_rewind(&c) == 0 && capture_next(&c, &f) == 1 && f.number == 1);
            capture_close(&c);

            int saved;
            pid_t pid = stdin_from(path, &saved);
            snprintf(what, sizeof what, "%s %s: from standard input", kinds[k], all[i]);
            CHECK(what, pid > 0 && capture_open(&c, "-") == 0 && digest_ours(&c, &got) == 0 &&
                        got.frames == want.frames && got.hash == want.hash);
            capture_close(&c);
            stdin_restore(pid, saved);
            unlink(path);

            /* cut short: frames, then "cut short" wherever the cut falls (inside a frame, between
             * frames, before the first: the compressed stream says it ended early); damaged: one
             * line naming the format */
            write_temp(path, z, zn * 2 / 3);
            int rc = capture_open(&c, path);
            if (rc == 0) while ((rc = capture_next(&c, &f)) == 1) {}
            snprintf(what, sizeof what, "%s %s: cut short", kinds[k], all[i]);
            CHECK(what, rc == -1 && (strncmp(c.error, "cut short in the middle of frame ", 33) == 0 ||
                                     strncmp(c.error, "cut short after frame ", 22) == 0 ||
                                     strncmp(c.error, "cut short before its first frame: ", 34) == 0));
            capture_close(&c);
            unlink(path);
            if (zn > 40) {
                for (size_t j = zn / 2; j < zn / 2 + 16 && j < zn - 8; j++) z[j] ^= 0x5a;
                write_temp(path, z, zn);
                rc = capture_open(&c, path);
                if (rc == 0) while ((rc = capture_next(&c, &f)) == 1) {}
                /* gzip has a CRC of the data; zstd and lz4 frames as made here have none, so
                 * damage there may pass unseen into the frames (which the reader bounds-checks) */
                snprintf(what, sizeof what, "%s %s: damaged data, one line", kinds[k], all[i]);
                CHECK(what, (k > 0 && rc == 0) || (rc == -1 && (strncmp(c.error, damaged[k], strlen(damaged[k])) == 0 ||
                                         strncmp(c.error, "cut short in the middle of frame ", 33) == 0 ||
                                         strncmp(c.error, "frame ", 6) == 0 ||
                                         strcmp(c.error, "not a capture file") == 0)));
                capture_close(&c);
                unlink(path);
            }
            free(plain);
            free(z);
        }
    }
    unlink(big);

    /* a gzip file of two members: one stream, as gzip -d gives it */
    size_t n, zn;
    uint8_t *plain = read_all("tests/data/q-trojan.pcapng", &n), *z = compress_as(0, plain, n, &zn);
    uint8_t *two = malloc(2 * zn);
    memcpy(two, z, zn);
    memcpy(two + zn, z, zn);
    write_temp(path, two, 2 * zn);
    struct digest got;
    CHECK("gzip members: two sections, four frames", capture_open(&c, path) == 0 && digest_ours(&c, &got) == 0 &&
                                                     got.frames == 4);
    capture_close(&c);
    unlink(path);
    free(two);
    free(plain);
    free(z);
}

/* Standard input kept for a second pass (-w after a hunt run): plain, pcapng and compressed. */
static void test_capture_spool(void)
{
    static const char *const files[] = {"tests/data/sample.pcap", "tests/data/mixed-linktypes.pcapng", NULL};
    char what[160], path[64];
    for (int i = 0; files[i]; i++) {
        for (int z = 0; z < 2; z++) {
            const char *from = files[i];
            if (z) {
                size_t n, zn;
                uint8_t *plain = read_all(files[i], &n), *cz = compress_as(1, plain, n, &zn);
                write_temp(path, cz, zn);
                free(plain);
                free(cz);
                from = path;
            }
            struct capture c;
            struct digest first, second, want;
            int saved;
            CHECK("spool: the original", capture_open(&c, files[i]) == 0 && digest_ours(&c, &want) == 0);
            capture_close(&c);
            pid_t pid = stdin_from(from, &saved);
            snprintf(what, sizeof what, "spool %s%s: opens and keeps a copy", files[i], z ? " (zstd)" : "");
            CHECK(what, pid > 0 && capture_open(&c, "-") == 0 && capture_spool(&c) == 0);
            snprintf(what, sizeof what, "spool %s%s: first pass", files[i], z ? " (zstd)" : "");
            CHECK(what, digest_ours(&c, &first) == 0 && first.frames == want.frames && first.hash == want.hash);
            for (int pass = 2; pass <= 3; pass++) {
                snprintf(what, sizeof what, "spool %s%s: pass %d, the same frames, still (stdin)", files[i],
                         z ? " (zstd)" : "", pass);
                CHECK(what, capture_rewind(&c) == 0 && digest_ours(&c, &second) == 0 && second.frames == want.frames &&
                            second.hash == want.hash && strcmp(capture_name(&c), "(stdin)") == 0);
            }
            capture_close(&c);
            stdin_restore(pid, saved);
            if (z) unlink(path);
        }
    }
    struct capture c;
    struct frame f;
    int saved;
    pid_t pid = stdin_from("tests/data/sample.pcap", &saved);
    CHECK("spool after a frame: refused", pid > 0 && capture_open(&c, "-") == 0 && capture_next(&c, &f) == 1 &&
                                          capture_spool(&c) == -1);
    CHECK_STR("spool after a frame: message", c.error, "standard input can be read only once");
    capture_close(&c);
    stdin_restore(pid, saved);
    CHECK("spool of a file: nothing to do", capture_open(&c, "tests/data/sample.pcap") == 0 && capture_spool(&c) == 0 &&
                                            c.spool_fd == -1);
    capture_close(&c);
}

/* The capture's filter on a pcapng whose interfaces differ in link type (Ethernet, raw IP):
 * each frame runs the expression compiled for its own link type. */
static void test_filter_mixed(void)
{
    static const struct { const char *expr; bool m1, m2; } cases[] = {
        {"udp", false, true}, {"tcp", true, false}, {"ip", true, true}, {"ip src 10.0.0.5", false, true},
        {"ether dst 00:66:77:88:99:aa", true, false},   /* does not compile for raw IP: frame 2 cannot match */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct capture c;
        struct frame f;
        struct bpf_program prog;
        char what[160];
        snprintf(what, sizeof what, "mixed filter \"%s\": frames 1 and 2", cases[i].expr);
        bool ok = capture_open(&c, "tests/data/mixed-linktypes.pcapng") == 0 && capture_compile(&c, cases[i].expr, &prog) == 0;
        bool m1 = ok && capture_next(&c, &f) == 1 && f.linktype == 1 && capture_filter_match(&prog, &f) == cases[i].m1;
        bool m2 = ok && capture_next(&c, &f) == 1 && f.linktype == DLT_RAW && capture_filter_match(&prog, &f) == cases[i].m2;
        CHECK(what, m1 && m2);
        snprintf(what, sizeof what, "mixed filter \"%s\": the same after a rewind", cases[i].expr);
        CHECK(what, capture_rewind(&c) == 0 && capture_next(&c, &f) == 1 && capture_next(&c, &f) == 1 &&
                    capture_filter_match(&prog, &f) == cases[i].m2);
        if (ok) pcap_freecode(&prog);
        capture_close(&c);
    }
}

void test_flow_table(void);   /* tests/unit/test_flow.c */
void test_engine_dispatch(void);   /* tests/unit/test_engine.c */
void test_flow_peek(void);   /* tests/unit/test_engine.c */
void test_engine_data_after_fin(void);   /* tests/unit/test_engine.c */
void test_engine_random(void);   /* tests/unit/test_random.c */
void test_wheel_random(void);   /* tests/unit/test_random.c */
void test_addr_format_random(void);   /* tests/unit/test_random.c */
void test_ipv4_checksum_random(void);   /* tests/unit/test_random.c */
void test_stream_table(void); /* tests/unit/test_stream.c */
void test_quic_initial(void); /* tests/unit/test_quic.c */

int main(void)
{
    test_community_id();
    test_community_id_baseline();
    test_icmp_idseq();
    test_bytes();
    test_qtrojan();
    test_every_truncation();
    test_malformed();
    test_tcp_options();
    test_tcp_flags_string();
    test_tunnel_unsound_inner();
    test_link_header_len();
    test_device_line();
    test_links();
    test_negative_times();
    test_ipv6();
    test_vxlan_8472();
    test_icmp();
    test_reset_classify();
    test_findings();
    test_escape();
    test_escape_modes();
    test_capture_formats();
    test_capture_refill();
    test_capture_damage();
    test_capture_stdin();
    test_pcapng();
    test_pcapng_damage();
    test_pcapng_refill();
    test_compressed();
    test_capture_spool();
    test_filter_mixed();
    test_flow_table();
    test_engine_dispatch();
    test_engine_random();
    test_wheel_random();
    test_addr_format_random();
    test_ipv4_checksum_random();
    test_http_cut_value();
    test_flow_peek();
    test_engine_data_after_fin();
    test_stream_table();
    test_quic_initial();
    printf("unit: %d passed, %d failed\n", tally.passed, tally.failed);
    return tally.failed ? 1 : 0;
}
