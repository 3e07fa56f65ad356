/* Community ID flow hashing (version 1), as Zeek and Suricata compute it, so
 * findings can be joined with their logs. SHA-1 comes from libcrypto. */
#ifndef PCAPHUNT_COMMUNITY_ID_H
#define PCAPHUNT_COMMUNITY_ID_H

#include "decode.h"

#define COMMUNITY_ID_MAX 40

/* Writes "1:<base64>" for the packet's flow, or "" when it has no IP layer. */
void community_id(const struct decoded *d, uint16_t seed, char out[COMMUNITY_ID_MAX]);

#endif
