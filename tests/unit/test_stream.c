/* Unit tests of the conversation index (core/stream.c): numbering in order of first appearance per
 * transport, both directions in one conversation, port reuse, growth through many doublings with
 * every conversation still found under its number, and the memory bound (no number past it). */
#include "check.h"
#include "packets.h"
#include "core/stream.h"

#include <stdint.h>
#include <string.h>

void test_stream_table(void);

/* A decoded IPv4 TCP or UDP packet from 10.(i) port 40000 to 192.168.0.1 port 443 (or back),
 * with sequence number seq and 10 bytes of payload. */
static struct decoded packet(uint32_t i, int proto, bool back, uint16_t flags, uint32_t seq)
{
    struct decoded d = unit_packet(i, proto, flags, back);
    if (proto == 6) d.tcp.seq = seq;
    d.payload_len = 10;
    return d;
}

/* A UDP packet of conversation i carrying the QUIC long header first..dcid in b (b is the frame). */
static struct decoded quic_packet(uint32_t i, bool back, uint8_t *b, uint8_t first, uint8_t dcid_last)
{
    struct decoded d = packet(i, 17, back, 0, 0);
    static const uint8_t hdr[6] = {0, 0, 0, 0, 1, 8};
    memcpy(b, hdr, 6);
    b[0] = first;
    memset(b + 6, 0xd0, 8);
    b[13] = dcid_last;
    memset(b + 14, 0, 16);
    d.payload_off = 0;
    d.payload_caplen = 30;
    d.payload_len = 30;
    return d;
}

/* The client DCID of QUIC conversations: the first client Initial's, a server's Initial changing
 * nothing, a Retry making the client's next Initial give a new one, none for other UDP, and the
 * side table found again after growing. */
static void test_stream_quic(void)
{
    struct stream_table t;
    uint8_t b[64], dcid[20];
    size_t n = 0;
    stream_table_init(&t, 0);
    struct decoded d = quic_packet(1, false, b, 0xc3, 0x01);   /* client Initial v1 */
    const struct conversation *c = stream_update(&t, &d, b, 1, 1.0);
    CHECK("quic: a client Initial marks its conversation", c && c->quic);
    CHECK("quic: its DCID kept", stream_quic_dcid(&t, c->index, UINT64_MAX, dcid, &n) && n == 8 && dcid[7] == 0x01);
    CHECK("quic: not before the frame that gave it", !stream_quic_dcid(&t, c->index, 0, dcid, &n));
    d = quic_packet(1, true, b, 0xc1, 0x02);                    /* the server's Initial */
    c = stream_update(&t, &d, b, 2, 1.0);
    CHECK("quic: a server Initial changes nothing", stream_quic_dcid(&t, c->index, UINT64_MAX, dcid, &n) && dcid[7] == 0x01);
    d = quic_packet(1, false, b, 0xc3, 0x03);                   /* the client's next, to the server's DCID */
    c = stream_update(&t, &d, b, 3, 1.0);
    CHECK("quic: nor the client's next Initial", stream_quic_dcid(&t, c->index, UINT64_MAX, dcid, &n) && dcid[7] == 0x01);
    d = quic_packet(1, true, b, 0xf0, 0x04);                    /* a Retry from the server */
    c = stream_update(&t, &d, b, 4, 1.0);
    d = quic_packet(1, false, b, 0xc3, 0x05);                   /* the client's Initial after it */
    c = stream_update(&t, &d, b, 5, 1.0);
    CHECK("quic: after a Retry, the client's next Initial gives the DCID", stream_quic_dcid(&t, c->index, UINT64_MAX, dcid, &n) && dcid[7] == 0x05);
    d = quic_packet(2, false, b, 0xd3, 0x06);                   /* v2: 0xd0 is its Initial */
    b[1] = 0x6b; b[2] = 0x33; b[3] = 0x43; b[4] = 0xcf;
    c = stream_update(&t, &d, b, 6, 1.0);
    CHECK("quic: a v2 Initial", c && c->quic && stream_quic_dcid(&t, c->index, UINT64_MAX, dcid, &n) && dcid[7] == 0x06);
    d = quic_packet(3, false, b, 0xe3, 0x07);                   /* v1 Handshake: not an Initial */
    c = stream_update(&t, &d, b, 7, 1.0);
    CHECK("quic: a Handshake packet gives none", c && !c->quic && !stream_quic_dcid(&t, c->index, UINT64_MAX, dcid, &n));
    d = quic_packet(4, false, b, 0xc3, 0x08);
    b[4] = 0x07;                                                /* an unknown version */
    c = stream_update(&t, &d, b, 8, 1.0);
    CHECK("quic: an unknown version gives none", c && !c->quic);
    bool all = true;
    for (uint32_t i = 10; i < 400; i++) {                       /* the side table grows several times */
        d = quic_packet(i, false, b, 0xc3, (uint8_t)i);
        c = stream_update(&t, &d, b, 100 + i, 1.0);
        all = all && c && c->quic;
    }
    for (uint32_t i = 10; i < 400 && all; i++) {
        d = quic_packet(i, true, b, 0xc1, 0xee);
        c = stream_update(&t, &d, b, 1000 + i, 1.0);
        all = c && stream_quic_dcid(&t, c->index, UINT64_MAX, dcid, &n) && dcid[7] == (uint8_t)i;
    }
    CHECK("quic: 390 conversations' DCIDs found again after growth", all);
    stream_table_free(&t);
}

void test_stream_table(void)
{
    struct stream_table t;
    stream_table_init(&t, 1u << 20);
    size_t max = t.max, n = max + 100;
    CHECK("stream: a 1 MiB bound holds some thousands of conversations", max > 4000 && max < 10000);
    bool numbered = true;
    for (uint32_t i = 0; i < n; i++) {
        struct decoded d = packet(i, 6, false, TCP_SYN, 1000 + i);
        const struct conversation *c = stream_update(&t, &d, NULL, i + 1, 1.0 + i);
        if (i < max) numbered = numbered && c && c->index == (int64_t)i && c->dir == 0 && c->packets[0] == 1;
        else numbered = numbered && !c;
    }
    CHECK("stream: numbered 0, 1, 2 ... in order of first appearance up to the bound, none past it", numbered);
    CHECK("stream: the packets of new conversations past the bound are counted", t.dropped == 100);
    bool found = true;
    for (uint32_t i = 0; i < max; i += 97) {   /* after every doubling of the index: found again, either way */
        struct decoded d = packet(i, 6, true, TCP_SYN | TCP_ACK, 7);
        const struct conversation *c = stream_update(&t, &d, NULL, n + i, 2.0);
        found = found && c && c->index == (int64_t)i && c->dir == 1 && c->packets[0] == 1 && c->packets[1] == 1 &&
                c->bytes[1] == 10 && c->first_frame == i + 1;
    }
    CHECK("stream: the answer is the same conversation, from the other side", found);
    struct decoded d = packet(5, 6, false, TCP_SYN, 1005);
    const struct conversation *c = stream_update(&t, &d, NULL, 0, 3.0);
    CHECK("stream: a repeated SYN (same sequence number) stays in its conversation", c && c->index == 5 && c->packets[0] == 2);
    d = packet(5, 6, false, TCP_SYN, 99);
    c = stream_update(&t, &d, NULL, 0, 4.0);
    CHECK("stream: a SYN with a new sequence number on the same ports starts a new one", c && c->index == (int64_t)max &&
          c->packets[0] == 1 && c->packets[1] == 0);
    d = packet(5, 6, true, TCP_ACK, 100);
    c = stream_update(&t, &d, NULL, 0, 5.0);
    CHECK("stream: ... which its answers then belong to", c && c->index == (int64_t)max && c->dir == 1);
    d = packet(1, 17, false, 0, 0);
    c = stream_update(&t, &d, NULL, 0, 6.0);
    CHECK("stream: UDP is numbered apart from TCP (but at the bound gets no number)", !c && t.dropped == 101);
    stream_table_free(&t);

    stream_table_init(&t, 0);
    d = packet(1, 17, false, 0, 0);
    c = stream_update(&t, &d, NULL, 1, 1.0);
    CHECK("stream: the first UDP conversation is udp.stream 0", c && c->index == 0 && c->proto == 17);
    d = packet(1, 6, false, TCP_SYN, 1);
    c = stream_update(&t, &d, NULL, 2, 1.0);
    CHECK("stream: the first TCP conversation is tcp.stream 0, whatever UDP had", c && c->index == 0 && c->proto == 6);
    d = packet(2, 17, true, 0, 0);
    c = stream_update(&t, &d, NULL, 3, 1.0);
    CHECK("stream: the second UDP conversation is udp.stream 1", c && c->index == 1);
    d = packet(1, 6, false, TCP_SYN, 1);
    d.fragment = true;
    CHECK("stream: a fragment has no conversation", stream_update(&t, &d, NULL, 4, 1.0) == NULL);
    stream_table_free(&t);

    test_stream_quic();
}
