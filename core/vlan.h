/* IEEE 802.1Q VLAN tags, stacked 802.1ad (QinQ) included. */
#ifndef PCAPHUNT_VLAN_H
#define PCAPHUNT_VLAN_H

#include "decode.h"

bool vlan_is_tpid(uint16_t type);
bool decode_vlan(struct decoded *d, const uint8_t *b, size_t len, size_t off, uint16_t tpid);

#endif
