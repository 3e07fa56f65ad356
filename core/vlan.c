/* IEEE 802.1Q tags and 802.1ad / legacy 0x9100 and 0x9200 QinQ stacks (the tag types tcpdump and
 * libpcap's `vlan` take): each tag is a TCI (PCP, DEI, 12-bit VLAN ID) and the EtherType that follows it. */
#include "vlan.h"
#include "bytes.h"

bool vlan_is_tpid(uint16_t type)
{
    return type == 0x8100 || type == 0x88A8 || type == 0x9100 || type == 0x9200;
}

bool decode_vlan(struct decoded *d, const uint8_t *b, size_t len, size_t off, uint16_t tpid)
{
    for (;;) {
        uint16_t tci, type;
        if (!get_be16(b, len, off, &tci) || !get_be16(b, len, off + 2, &type))
            return decode_truncated(d, "vlan tag");
        if (!(d->layers & L_VLAN) && !decode_push(d, L_VLAN)) return false;
        if (d->vlan.count < DECODE_MAX_VLAN) {
            d->vlan.id[d->vlan.count] = tci & 0x0FFF;
            d->vlan.pcp[d->vlan.count] = (uint8_t)(tci >> 13);
            d->vlan.tpid[d->vlan.count] = tpid;
            d->vlan.count++;
        }
        d->eth.type = type;
        off += 4;
        if (!vlan_is_tpid(type)) break;
        if (d->vlan.count >= DECODE_MAX_VLAN) return decode_malformed(d, "more than 4 stacked vlan tags");
        tpid = type;
    }
    if (d->eth.type <= 1500) return true;
    return decode_ethertype(d, b, len, off, d->eth.type);
}
