/* A guess at a raw frame's flow key before it is decoded (Ethernet with up to two VLAN tags, or
 * raw IP; IPv4 or IPv6 without extension headers; TCP/UDP ports), only so the engine can start
 * loading the flow table lines of the next frame while it works on this one.  Never trusted: a
 * wrong or missing guess costs one useless prefetch.  Every read is bounds-checked. */
#include "flowpeek.h"

/* Callers have checked that both bytes are there. */
static inline unsigned rd16be(const uint8_t *p) { return (unsigned)p[0] << 8 | p[1]; }

bool flow_peek(int linktype, const uint8_t *b, uint32_t caplen, struct flow_key *k)
{
    size_t off = 0;
    unsigned type;
    if (linktype == LT_ETHERNET) {
        if (caplen < 14) return false;
        type = rd16be(b + 12);
        off = 14;
        for (int tags = 0; (type == 0x8100 || type == 0x88a8) && tags < 2; tags++) {
            if (caplen < off + 4) return false;
            type = rd16be(b + off + 2);
            off += 4;
        }
    } else if (linktype == LT_RAW || linktype == LT_DLT_RAW_ALT1 || linktype == LT_DLT_RAW_ALT2 || linktype == LT_IPV4 ||
               linktype == LT_IPV6) {
        if (caplen < 1) return false;
        type = (b[0] >> 4) == 4 ? 0x0800 : 0x86dd;
    } else {
        return false;
    }
    const uint8_t *ip = b + off;
    size_t len = caplen - off, l4;
    uint8_t proto;
    int version;
    const uint8_t *src, *dst;
    bool ports;
    if (type == 0x0800) {
        if (len < 20 || (ip[0] >> 4) != 4 || (ip[0] & 15) < 5) return false;
        l4 = (size_t)(ip[0] & 15) * 4;
        proto = ip[9];
        version = 4;
        src = ip + 12;
        dst = ip + 16;
        ports = (rd16be(ip + 6) & 0x1fff) == 0;   /* not a later fragment */
    } else if (type == 0x86dd) {
        if (len < 40 || (ip[0] >> 4) != 6) return false;
        l4 = 40;
        proto = ip[6];
        if (proto == 0 || proto == 43 || proto == 44 || proto == 60 || proto == 51 || proto == 135)
            return false;   /* extension headers: the decoder finds the transport past them */
        version = 6;
        src = ip + 8;
        dst = ip + 24;
        ports = true;
    } else {
        return false;
    }
    uint16_t sp = 0, dp = 0;   /* the lengths were checked above */
    if (ports && (proto == 6 || proto == 17) && len >= l4 + 4) {   /* as the decoders: the ports are there */
        sp = (uint16_t)rd16be(ip + l4);
        dp = (uint16_t)rd16be(ip + l4 + 2);
    }
    flow_key_make(k, version, proto, src, dst, sp, dp);
    return true;
}
