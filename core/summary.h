/* Text forms of a decoded frame: addresses, tcpdump-style flag strings, and the
 * one-line summary shared by tostring(p), the REPL and `make demo`. */
#ifndef PCAPHUNT_SUMMARY_H
#define PCAPHUNT_SUMMARY_H

#include "decode.h"
#include "capture.h"
#include "flow.h"

#define ADDR_STR_MAX 48

/* Source / destination address of the outermost IP layer, or "" when none. */
void addr_src(const struct decoded *d, char out[ADDR_STR_MAX]);
void addr_dst(const struct decoded *d, char out[ADDR_STR_MAX]);
void addr_format(int version, const uint8_t *a, char out[ADDR_STR_MAX]);
void mac_format(const uint8_t *m, char out[18]);
/* tcpdump's flag notation: "S", "S.", "R.", "P.", "F.", "." (ACK alone) … */
void tcp_flags_string(uint16_t flags, char out[16]);
/* Short protocol name: "tcp", "udp", "icmp", "icmpv6", "ipv4", "ipv6", or the link's. */
const char *decoded_proto_name(const struct decoded *d);
/* Time as seconds.fraction (6 or 9 digits, as the capture's precision). */
void frame_time_string(const struct pcap_pkthdr *h, bool nano, char out[32]);
double frame_time_epoch(const struct pcap_pkthdr *h, bool nano);

/* Where the link-layer header ends, as tcpdump's -x/-X dump begins: Ethernet's 14 bytes and its
 * VLAN tags (and an 802.3 frame's LLC/SNAP header), Linux cooked (16, SLL2 20) and its tags, BSD loopback's 4, IPNET's 24, PPP's address,
 * control and protocol, NFLOG's TLVs up to the payload's; 0 for raw IP and unknown link types.  An
 * encapsulation (MPLS, PPPoE, GRE …) is not link layer: the dump starts at its outermost header.
 * Never more than caplen. */
size_t frame_link_header_len(int linktype, const uint8_t *b, size_t caplen);

/* The one-line summary. Returns the length written (NUL-terminated, cut to outsz). */
size_t summary_format(char *out, size_t outsz, uint64_t number, const struct pcap_pkthdr *h,
                      bool nano, const struct decoded *d, const uint8_t *bytes);

/* What the flow table kept of a flow's first packet, as a decoding and a record header, for
 * summary_format and community_id.  Returns whether its timestamp counts nanoseconds. */
bool flow_first_packet(const struct flow *f, struct decoded *d, struct pcap_pkthdr *h);
/* The summary line of a flow's first packet, rebuilt from what the table kept: its TCP flags, TTL
 * and IP ID, and `len 0` when it carried no payload (a length not kept is not shown). */
size_t flow_first_summary(char *out, size_t outsz, const struct flow *f);

#endif
