/* Ethernet II (IEEE 802.3 framing with an EtherType) and the EtherType dispatch.
 * 802.3 length frames (type <= 1500, LLC follows) are kept undecoded above L2. */
#include "decode.h"
#include "bytes.h"
#include "vlan.h"

enum { ETHERTYPE_IPV4 = 0x0800, ETHERTYPE_IPV6 = 0x86DD, ETHERTYPE_MPLS = 0x8847, ETHERTYPE_MPLS_MC = 0x8848,
       ETHERTYPE_PPPOE_SESSION = 0x8864 };

bool decode_ethertype(struct decoded *d, const uint8_t *b, size_t len, size_t off, uint16_t type)
{
    switch (type) {
    case ETHERTYPE_IPV4: return decode_ipv4(d, b, len, off);
    case ETHERTYPE_IPV6: return decode_ipv6(d, b, len, off);
    case ETHERTYPE_MPLS: case ETHERTYPE_MPLS_MC: return decode_mpls(d, b, len, off);
    case ETHERTYPE_PPPOE_SESSION: return decode_pppoe(d, b, len, off);
    }
    if (vlan_is_tpid(type)) return decode_vlan(d, b, len, off, type);
    return true; /* another protocol: nothing more to decode, not an error */
}

bool decode_eth(struct decoded *d, const uint8_t *b, size_t len, size_t off)
{
    uint16_t type;
    if (d->pending) {   /* rare: the first layer inside a tunnel, crossed only when its header fits:
                           else the packet stays the outer one, flagged */
        if (!bytes_fit(len, off, 14)) return decode_stay(d), decode_truncated(d, "tunnelled ethernet header");
        int go = decode_cross(d);
        if (go <= 0) return go == 0;
    }
    if (!bytes_fit(len, off, 14)) return decode_truncated(d, "ethernet header");
    memcpy(d->eth.dst, b + off, 6);
    memcpy(d->eth.src, b + off + 6, 6);
    type = load_be16(b + off + 12);
    if (!decode_push(d, L_ETH)) return false;
    d->eth.type = type;
    if (type <= 1500) return true; /* 802.3 length field: LLC payload, not decoded */
    return decode_ethertype(d, b, len, off + 14, type);
}
