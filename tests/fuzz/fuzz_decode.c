/* libFuzzer harness (make fuzz): one frame through every decoder.  The first input byte picks
 * the link type (each one we decode, and one we do not), the second how much longer the wire
 * length claims the frame was; the rest is the frame, in a block of exactly its size so
 * AddressSanitizer sees any read past it.  The decoded frame then goes through what reads a
 * decoded struct: the quoted packet of an ICMP error, the summary line, the Community ID, the
 * escaping of its payload, the application decoders (as p.dns … p.quic reads them), a QUIC
 * Initial opened with its own DCID, the one the conversation index keeps and a fixed one (the
 * client DCID of tests/data/quic-initial.pcap's first conversation), its spans read through
 * buffers of exactly their size.  Checks: the frame decoded into a struct full of stale bytes
 * reads the same as into a zeroed one (decode clears only its per-frame part), and a RST payload
 * classified as cut differs from the same bytes whole only where reset_codes.h says it may. */
#include "core/app.h"
#include "core/community_id.h"
#include "core/decode.h"
#include "core/escape.h"
#include "core/reset_codes.h"
#include "core/stream.h"
#include "core/summary.h"
#include "tests/fuzz/app_read.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const int linktypes[] = {
    LT_ETHERNET, LT_LINUX_SLL, LT_LINUX_SLL2, LT_NULL, LT_LOOP, LT_RAW, LT_DLT_RAW_ALT1,
    LT_DLT_RAW_ALT2, LT_IPV4, LT_IPV6, 147 /* a link type we do not decode */,
    LT_PPP, LT_PPP_HDLC, LT_NFLOG, LT_IPNET
};

/* What the readers of a decoded frame made of it, to compare two decodings. */
struct seen {
    char line[512], src[ADDR_STR_MAX], dst[ADDR_STR_MAX], cid[COMMUNITY_ID_MAX], flags[16];
    const char *proto, *truncated, *malformed;
    uint32_t layers, payload_off, payload_len, payload_caplen;
    uint8_t nstack, stack[DECODE_MAX_LAYERS];
    int has_reset_cause, reset_kind, reset_form;
    char reset_code[RESET_CODE_MAX];
};

/* Everything that reads a decoded frame d over bytes b. */
static void consume(const struct decoded *d, const uint8_t *b, const struct pcap_pkthdr *h, struct seen *s)
{
    char text[256];
    memset(s, 0, sizeof *s);
    summary_format(s->line, sizeof s->line, 1, h, h->ts.tv_usec & 1, d, b);
    addr_src(d, s->src);
    addr_dst(d, s->dst);
    community_id(d, (uint16_t)h->len, s->cid);
    tcp_flags_string(d->tcp.flags, s->flags);
    s->proto = decoded_proto_name(d);
    s->truncated = d->truncated;
    s->malformed = d->malformed;
    s->layers = d->layers;
    s->payload_off = d->payload_off;
    s->payload_len = d->payload_len;
    s->payload_caplen = d->payload_caplen;
    s->nstack = d->nstack;
    memcpy(s->stack, d->stack, d->nstack);
    if (d->payload_caplen) {
        size_t used;
        escape_text(text, sizeof text, b + d->payload_off, d->payload_caplen);
        escape_terminal(text, sizeof text, b + d->payload_off, d->payload_caplen, &used);
    }
    s->has_reset_cause = d->has_reset_cause;
    if (d->has_reset_cause) {
        escape_text(text, sizeof text, (const uint8_t *)d->reset_cause.code, d->reset_cause.code_len);
        s->reset_kind = d->reset_cause.kind;
        s->reset_form = d->reset_cause.form;
        memcpy(s->reset_code, d->reset_cause.code, d->reset_cause.code_len);
    }
}

static void same(const struct seen *a, const struct seen *b)
{
    if (memcmp(a, b, sizeof *a) != 0) {
        fprintf(stderr, "fuzz_decode: a frame decoded over stale bytes reads differently:\n  %s\n  %s\n", a->line, b->line);
        abort();
    }
}

/* The client DCID of tests/data/quic-initial.pcap's first conversation (tests/gen/gencap.c dA). */
static const uint8_t fixed_dcid[8] = {0xc1, 0xc2, 0xc3, 0xc4, 0xc5, 0xc6, 0xc7, 0xc8};

/* The application layer as lua/packet.c's packet_app decodes it: a QUIC long header with buffers
 * for its decrypted payload, and, not opened with its own DCID, with the conversation's client
 * DCID; here also with the fixed one. */
static void app(const struct decoded *d, const uint8_t *b)
{
    struct app_info a;
    bool malformed;
    app_sniff(d, b, &malformed);
    app_dns_odd_query(d, b, 20);
    app_dns_txt_reply(d, b, "_acme-challenge", 15);
    if (app_decode(d, b, &a) != APP_QUIC) {
        consume_app(&a, b, NULL);
        return;
    }
    size_t cap = d->payload_caplen;
    uint8_t *plain = malloc(cap), *crypto = malloc(cap), dcid[20];
    if (!plain || !crypto) abort();
    struct app_quic_in in = {NULL, 0, plain, crypto, cap};
    app_decode_quic(d, b, &a, &in);
    consume_app(&a, b, crypto);
    struct stream_table t;
    stream_table_init(&t, 0);
    const struct conversation *c = stream_update(&t, d, b, 1, 0.0);
    size_t n;
    if (a.quic.opened == QI_NO_KEY && c && c->quic && stream_quic_dcid(&t, c->index, UINT64_MAX, dcid, &n)) {
        in.client_dcid = dcid;
        in.client_dcid_len = n;
        app_decode_quic(d, b, &a, &in);
        consume_app(&a, b, crypto);
    }
    stream_table_free(&t);
    if (a.quic.opened == QI_NO_KEY) {
        in.client_dcid = fixed_dcid;
        in.client_dcid_len = sizeof fixed_dcid;
        app_decode_quic(d, b, &a, &in);
        consume_app(&a, b, crypto);
    }
    free(plain);
    free(crypto);
}

/* The same bytes classified whole and cut: reset_codes.h's promises. */
static void reset_check(const struct reset_table *table, const uint8_t *p, size_t len)
{
    struct reset_cause whole, cut;
    bool w = reset_classify(table, p, len, false, &whole), c = reset_classify(table, p, len, true, &cut);
    if (w != c || w != (len > 0)) abort();
    if (!w) return;
    if ((whole.kind == RC_KNOWN) != (whole.row != NULL) || (cut.kind == RC_KNOWN) != (cut.row != NULL)) abort();
    if (whole.kind == RC_CUT || cut.kind == RC_UNKNOWN) abort();   /* never CUT when whole, never UNKNOWN when cut */
    if (whole.kind == RC_KNOWN && (cut.kind != RC_KNOWN || cut.row != whole.row)) abort();
    if (cut.kind == RC_KNOWN && whole.kind != RC_KNOWN) abort();
    if (whole.code_len >= RESET_CODE_MAX || whole.code[whole.code_len] || cut.code_len >= RESET_CODE_MAX ||
        cut.code[cut.code_len])
        abort();
    if (cut.kind == RC_CUT && cut.form != RF_IETF && cut.code_len) abort();   /* a prefix of a code is no code */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct reset_table table;   /* built-in rows only */
    if (size < 2) return 0;
    int linktype = linktypes[data[0] % (sizeof linktypes / sizeof linktypes[0])];
    uint32_t extra = data[1] & 0x80 ? (uint32_t)(data[1] & 0x7f) << 8 : 0;
    size_t caplen = size - 2;
    uint8_t *b = malloc(caplen ? caplen : 1);
    if (!b) return 0;
    memcpy(b, data + 2, caplen);
    struct pcap_pkthdr h = { .ts = { .tv_sec = data[1], .tv_usec = (suseconds_t)size }, .caplen = (bpf_u_int32)caplen,
                             .len = (bpf_u_int32)(caplen + extra) };
    static struct decoded d, stale, inner;   /* static: stale keeps what the last input left */
    static struct seen s1, s2;
    memset(&d, 0, sizeof d);
    decode_frame(&d, linktype, b, (uint32_t)caplen, h.len, &table);
    consume(&d, b, &h, &s1);
    if (frame_link_header_len(linktype, b, caplen) > caplen) abort();   /* -x/-X's start: never past the bytes */
    memset(&stale, 0xa5, sizeof stale);
    decode_frame(&stale, linktype, b, (uint32_t)caplen, h.len, &table);
    consume(&stale, b, &h, &s2);
    same(&s1, &s2);
    app(&d, b);
    if (decode_icmp_inner(&d, b, &inner, &table)) {
        consume(&inner, b + d.icmp.inner_off, &h, &s1);
        app(&inner, b + d.icmp.inner_off);
    }
    reset_check(&table, b, caplen);
    if (d.payload_caplen) reset_check(&table, b + d.payload_off, d.payload_caplen);
    free(b);
    return 0;
}
