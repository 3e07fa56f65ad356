/* libFuzzer harness (make fuzz): one frame through every decoder.  The first input byte picks
 * the link type (each one we decode, and one we do not), the second how much longer the wire
 * length claims the frame was; the rest is the frame, in a block of exactly its size so
 * AddressSanitizer sees any read past it.  The decoded frame then goes through what reads a
 * decoded struct: the quoted packet of an ICMP error, the summary line, the Community ID, the
 * escaping of its payload. */
#include "core/community_id.h"
#include "core/decode.h"
#include "core/escape.h"
#include "core/reset_codes.h"
#include "core/summary.h"

#include <stdlib.h>
#include <string.h>

static const int linktypes[] = {
    LT_ETHERNET, LT_LINUX_SLL, LT_LINUX_SLL2, LT_NULL, LT_LOOP, LT_RAW, LT_DLT_RAW_ALT1,
    LT_DLT_RAW_ALT2, LT_IPV4, LT_IPV6, 147 /* a link type we do not decode */
};

/* Everything that reads a decoded frame d over bytes b. */
static void consume(const struct decoded *d, const uint8_t *b, const struct pcap_pkthdr *h)
{
    char line[512], addr[ADDR_STR_MAX], cid[COMMUNITY_ID_MAX], flags[16], text[256];
    summary_format(line, sizeof line, 1, h, h->ts.tv_usec & 1, d, b);
    addr_src(d, addr);
    addr_dst(d, addr);
    community_id(d, (uint16_t)h->len, cid);
    tcp_flags_string(d->tcp.flags, flags);
    (void)decoded_proto_name(d);
    if (d->payload_caplen) {
        size_t used;
        escape_text(text, sizeof text, b + d->payload_off, d->payload_caplen);
        escape_terminal(text, sizeof text, b + d->payload_off, d->payload_caplen, &used);
    }
    if (d->has_reset_cause) escape_text(text, sizeof text, (const uint8_t *)d->reset_cause.code, d->reset_cause.code_len);
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
    struct decoded d, inner;
    decode_frame(&d, linktype, b, (uint32_t)caplen, h.len, &table);
    consume(&d, b, &h);
    if (decode_icmp_inner(&d, b, &inner, &table)) consume(&inner, b + d.icmp.inner_off, &h);
    free(b);
    return 0;
}
