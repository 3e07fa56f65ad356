/* Ethernet II (IEEE 802.3 framing with an EtherType) and the EtherType dispatch.
 * 802.3 length frames (type <= 1500, LLC follows) are kept undecoded above L2. */
#include "decode.h"
#include "bytes.h"
#include "vlan.h"

enum { ETHERTYPE_IPV4 = 0x0800, ETHERTYPE_IPV6 = 0x86DD };

bool decode_ethertype(struct decoded *d, const uint8_t *b, size_t len, size_t off, uint16_t type)
{
    if (vlan_is_tpid(type)) return decode_vlan(d, b, len, off, type);
    if (type == ETHERTYPE_IPV4) return decode_ipv4(d, b, len, off);
    if (type == ETHERTYPE_IPV6) return decode_ipv6(d, b, len, off);
    return true; /* another protocol: nothing more to decode, not an error */
}

bool decode_eth(struct decoded *d, const uint8_t *b, size_t len, size_t off)
{
    uint16_t type;
    if (!get_bytes(b, len, off, 6, d->eth.dst) || !get_bytes(b, len, off + 6, 6, d->eth.src) ||
        !get_be16(b, len, off + 12, &type))
        return decode_truncated(d, "ethernet header");
    d->layers |= L_ETH;
    d->eth.type = type;
    if (type <= 1500) return true; /* 802.3 length field: LLC payload, not decoded */
    return decode_ethertype(d, b, len, off + 14, type);
}
