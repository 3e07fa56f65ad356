/* flow_peek: the flow key a raw frame probably has, read before it is decoded, for prefetching
 * (see flowpeek.c).  Only a guess: the engine uses flow_key_of on the decoded packet for everything else. */
#ifndef PCAPHUNT_FLOWPEEK_H
#define PCAPHUNT_FLOWPEEK_H

#include <stdbool.h>
#include <stdint.h>
#include "decode.h"
#include "flow.h"

/* False when the frame is not one it reads (other link types, tunnels, IPv6 extension headers …). */
bool flow_peek(int linktype, const uint8_t *b, uint32_t caplen, struct flow_key *k);

#endif
