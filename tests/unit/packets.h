/* Decoded packets for the unit tests of the flow and conversation tables: no bytes, only what a
 * decoder would have filled in for an IPv4 TCP or UDP packet. */
#ifndef PCAPHUNT_TEST_PACKETS_H
#define PCAPHUNT_TEST_PACKETS_H

#include "core/decode.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

/* A TCP (proto 6, with these flags) or UDP packet between 10.(i) port 40000 and 192.168.0.1 port
 * 443, from 10.(i), or back from 192.168.0.1; TTL 64. */
static inline struct decoded unit_packet(uint32_t i, int proto, uint16_t flags, bool back)
{
    struct decoded d;
    memset(&d, 0, sizeof d);
    d.ip_version = 4;
    d.layers = L_IPV4 | (proto == 6 ? L_TCP : L_UDP);
    d.l4_proto = (uint8_t)proto;
    uint8_t a[4] = {10, (uint8_t)(i >> 16), (uint8_t)(i >> 8), (uint8_t)i}, b[4] = {192, 168, 0, 1};
    memcpy(back ? d.ip4.dst : d.ip4.src, a, 4);
    memcpy(back ? d.ip4.src : d.ip4.dst, b, 4);
    d.ip4.ttl = 64;
    uint16_t sp = back ? 443 : 40000, dp = back ? 40000 : 443;
    if (proto == 6) { d.tcp.sport = sp; d.tcp.dport = dp; d.tcp.fixed = true; d.tcp.flags = flags; }
    else { d.udp.sport = sp; d.udp.dport = dp; }
    return d;
}

#endif
