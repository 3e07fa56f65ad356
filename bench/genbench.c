/* genbench: writes a large classic pcap for `make bench`: N frames of ordinary TCP, UDP and ICMP
 * traffic over many hosts and flows, with the seed's Q Trojan RST every 10,000th frame.
 * Usage: genbench FILE [N]   (N defaults to 1,000,000) */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void le32(uint8_t *p, uint32_t v) { p[0] = (uint8_t)v; p[1] = (uint8_t)(v >> 8); p[2] = (uint8_t)(v >> 16); p[3] = (uint8_t)(v >> 24); }
static void be16(uint8_t *p, unsigned v) { p[0] = (uint8_t)(v >> 8); p[1] = (uint8_t)v; }
static void be32(uint8_t *p, uint32_t v) { be16(p, v >> 16); be16(p + 2, v & 0xffff); }

static unsigned ip_checksum(const uint8_t *h)
{
    uint32_t s = 0;
    for (int i = 0; i < 20; i += 2) s += (unsigned)(h[i] << 8 | h[i + 1]);
    while (s >> 16) s = (s & 0xffff) + (s >> 16);
    return ~s & 0xffff;
}

/* Ethernet + IPv4 + L4 header + payload into f; returns the frame length. */
static size_t frame(uint8_t *f, uint32_t src, uint32_t dst, unsigned proto, unsigned ttl, unsigned id,
                    unsigned sport, unsigned dport, unsigned flags, const char *payload)
{
    static const uint8_t macs[12] = {0, 0x66, 0x77, 0x88, 0x99, 0xaa, 0, 0x11, 0x22, 0x33, 0x44, 0x55};
    size_t plen = strlen(payload), l4 = proto == 6 ? 20 : 8;
    memcpy(f, macs, 12);
    be16(f + 12, 0x0800);
    uint8_t *ip = f + 14;
    memset(ip, 0, 20);
    ip[0] = 0x45;
    be16(ip + 2, (unsigned)(20 + l4 + plen));
    be16(ip + 4, id);
    ip[6] = 0x40;
    ip[8] = (uint8_t)ttl;
    ip[9] = (uint8_t)proto;
    be32(ip + 12, src);
    be32(ip + 16, dst);
    be16(ip + 10, ip_checksum(ip));
    uint8_t *t = ip + 20;
    memset(t, 0, l4);
    be16(t, sport);
    be16(t + 2, dport);
    if (proto == 6) {
        be32(t + 4, id * 1000u);
        be32(t + 8, 0x00c0ffee);
        t[12] = 0x50;
        t[13] = (uint8_t)flags;
        be16(t + 14, flags & 0x04 ? 0 : 64240);
    } else if (proto == 17) {
        be16(t + 4, (unsigned)(8 + plen));
    } else {
        t[0] = 8;   /* ICMP echo request: type, code, checksum, id, seq */
    }
    memcpy(t + l4, payload, plen);
    return 14 + 20 + l4 + plen;
}

int main(int argc, char **argv)
{
    if (argc < 2) { fprintf(stderr, "usage: genbench FILE [N]\n"); return 2; }
    long n = argc > 2 ? atol(argv[2]) : 1000000;
    FILE *out = fopen(argv[1], "wb");
    if (!out) { perror(argv[1]); return 2; }
    uint8_t gh[24] = {0};
    le32(gh, 0xa1b2c3d4); gh[4] = 2; gh[6] = 4; le32(gh + 16, 65535); le32(gh + 20, 1);
    fwrite(gh, 1, sizeof gh, out);
    uint8_t rec[16], f[256];
    uint32_t sec = 1101200000, usec = 0, seed = 12345;
    for (long i = 0; i < n; i++) {
        seed = seed * 1103515245u + 12345u;
        uint32_t client = 0x0a000000u | ((seed >> 8) & 0xfff), server = 0xc0a80100u | ((seed >> 20) & 0x3f);
        unsigned cport = 32768 + (unsigned)((seed >> 4) % 20000);
        size_t len;
        if (i % 10000 == 9999)
            len = frame(f, 0xffffffffu, 0x0a000005u, 6, 14, 0, 31337, 515, 0x14, "Reset cause: cko");
        else if (i % 10 < 7)
            len = frame(f, i & 1 ? server : client, i & 1 ? client : server, 6, i & 1 ? 57 : 64, (unsigned)(i & 0xffff),
                        i & 1 ? 443 : cport, i & 1 ? cport : 443, 0x18, "GET / HTTP/1.1\r\nHost: example\r\n\r\n");
        else if (i % 10 < 9)
            len = frame(f, client, 0x0a000001u, 17, 64, (unsigned)(i & 0xffff), cport, 53, 0, "\x12\x34\x01\x00\x00\x01");
        else
            len = frame(f, client, server, 1, 64, (unsigned)(i & 0xffff), 0, 0, 0, "pcaphunt-ping");
        usec += 137;
        if (usec >= 1000000) { usec -= 1000000; sec++; }
        le32(rec, sec); le32(rec + 4, usec); le32(rec + 8, (uint32_t)len); le32(rec + 12, (uint32_t)len);
        fwrite(rec, 1, sizeof rec, out);
        fwrite(f, 1, len, out);
    }
    return fclose(out) == 0 ? 0 : 2;
}
