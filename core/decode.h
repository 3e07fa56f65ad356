/* Decoded view of one frame: a fixed struct of values and offsets filled once
 * by decode_frame(), never allocating.  Layers that were not present, or did
 * not fit, leave their bit clear; `truncated` / `malformed` say why decoding stopped. */
#ifndef PCAPHUNT_DECODE_H
#define PCAPHUNT_DECODE_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include "reset_codes.h"

/* Link types we decode (LINKTYPE_* values, as stored in capture files). */
enum {
    LT_NULL = 0, LT_ETHERNET = 1, LT_RAW = 101, LT_LOOP = 108, LT_LINUX_SLL = 113,
    LT_IPV4 = 228, LT_IPV6 = 229, LT_LINUX_SLL2 = 276,
    LT_DLT_RAW_ALT1 = 12, LT_DLT_RAW_ALT2 = 14 /* DLT_RAW on some BSDs, as libpcap maps them */
};

enum layer_bit {
    L_ETH = 1u << 0, L_VLAN = 1u << 1, L_SLL = 1u << 2, L_NULL = 1u << 3,
    L_IPV4 = 1u << 4, L_IPV6 = 1u << 5, L_TCP = 1u << 6, L_UDP = 1u << 7,
    L_ICMP = 1u << 8, L_ICMPV6 = 1u << 9
};

enum tcp_flag {
    TCP_FIN = 0x01, TCP_SYN = 0x02, TCP_RST = 0x04, TCP_PSH = 0x08,
    TCP_ACK = 0x10, TCP_URG = 0x20, TCP_ECE = 0x40, TCP_CWR = 0x80, TCP_AE = 0x100
};

enum tcp_opt_bit { TOPT_MSS = 1, TOPT_WSCALE = 2, TOPT_SACK_PERM = 4, TOPT_SACK = 8, TOPT_TS = 16 };

#define DECODE_MAX_VLAN 4
#define DECODE_MAX_SACK 4

struct eth_info  { uint8_t src[6], dst[6]; uint16_t type; };
struct vlan_info { uint8_t count; uint16_t id[DECODE_MAX_VLAN]; uint8_t pcp[DECODE_MAX_VLAN];
                   uint16_t tpid[DECODE_MAX_VLAN]; };
struct sll_info  { uint8_t version; uint16_t pkttype, hatype, halen, protocol;
                   uint32_t ifindex; uint8_t addr[8]; };
struct null_info { uint32_t family; };

struct ipv4_info {
    uint8_t src[4], dst[4];
    uint8_t hlen, tos, ttl, proto, flags;   /* flags: 0x4 reserved, 0x2 DF, 0x1 MF */
    uint16_t len, id, frag_offset, checksum; /* frag_offset in bytes, as Wireshark shows it */
    bool checksum_ok;
};

struct ipv6_info {
    uint8_t src[16], dst[16];
    uint8_t hlim, nxt, tclass;              /* nxt: the fixed header's next header */
    uint32_t flow;
    uint16_t plen;
    bool has_frag, frag_more;
    uint16_t frag_offset;
    uint32_t frag_id;
};

struct tcp_info {
    uint16_t sport, dport, flags, window, checksum, urp;
    uint32_t seq, ack;
    bool fixed;                             /* the 20-byte fixed header was captured */
    uint8_t hlen;                           /* 0 until the whole header (options too) is known */
    uint8_t opts, wscale, sack_count;       /* opts: enum tcp_opt_bit */
    uint16_t mss;
    uint32_t sack[DECODE_MAX_SACK][2];
    uint32_t ts_val, ts_ecr;
};

struct udp_info  { uint16_t sport, dport, length, checksum; };

/* SCTP is not decoded, but its common header's ports are read (for the Community ID). */
struct sctp_info { uint16_t sport, dport; bool ports; };

struct icmp_info {
    uint8_t type, code;
    uint16_t checksum;
    uint32_t rest;                          /* bytes 4..7: id/seq, MTU, pointer … */
    bool has_inner;                         /* an error message quoting a packet */
    uint32_t inner_off, inner_len;
};

struct decoded {
    uint32_t layers;                        /* enum layer_bit */
    int linktype;
    uint32_t caplen, wirelen;
    const char *truncated;                  /* static text naming the cut layer, or NULL */
    const char *malformed;                  /* static text naming the lie, or NULL */
    struct eth_info eth;
    struct vlan_info vlan;
    struct sll_info sll;
    struct null_info null;
    uint8_t ip_version;                     /* 0, 4 or 6 */
    uint8_t l4_proto;                       /* final protocol after extension headers */
    bool fragment;                          /* a non-first fragment: no L4 decoded */
    uint32_t l3_off, l4_off;
    struct ipv4_info ip4;
    struct ipv6_info ip6;
    struct tcp_info tcp;
    struct udp_info udp;
    struct sctp_info sctp;
    struct icmp_info icmp;
    uint32_t payload_off;                   /* L4 payload start */
    uint32_t payload_len;                   /* payload length as the headers claim it */
    uint32_t payload_caplen;                /* payload bytes actually captured */
    bool has_reset_cause;
    struct reset_cause reset_cause;
};

/* Decode a frame.  `table` may be NULL (built-in reset codes only). */
void decode_frame(struct decoded *d, int linktype, const uint8_t *b, uint32_t caplen,
                  uint32_t wirelen, const struct reset_table *table);

/* Decode the IP packet quoted inside an ICMP error of `outer` as its own packet. */
bool decode_icmp_inner(const struct decoded *outer, const uint8_t *b, struct decoded *inner,
                       const struct reset_table *table);

/* True when the linktype is one we decode. */
bool decode_linktype_known(int linktype);

/* Layer decoders; each returns false when decoding must stop (reason set in d). */
bool decode_eth(struct decoded *d, const uint8_t *b, size_t len, size_t off);
bool decode_sll(struct decoded *d, const uint8_t *b, size_t len, size_t off);
bool decode_sll2(struct decoded *d, const uint8_t *b, size_t len, size_t off);
bool decode_null(struct decoded *d, const uint8_t *b, size_t len, size_t off, bool loop);
bool decode_ethertype(struct decoded *d, const uint8_t *b, size_t len, size_t off, uint16_t type);
bool decode_ipv4(struct decoded *d, const uint8_t *b, size_t len, size_t off);
bool decode_ipv6(struct decoded *d, const uint8_t *b, size_t len, size_t off);
bool decode_l4(struct decoded *d, const uint8_t *b, size_t len, size_t off, size_t end);
bool decode_tcp(struct decoded *d, const uint8_t *b, size_t len, size_t off, size_t end);
bool decode_udp(struct decoded *d, const uint8_t *b, size_t len, size_t off, size_t end);
bool decode_icmp(struct decoded *d, const uint8_t *b, size_t len, size_t off, size_t end, bool v6);

/* Mark the frame truncated/malformed (first reason wins); always returns false. */
bool decode_truncated(struct decoded *d, const char *why);
bool decode_malformed(struct decoded *d, const char *why);

#endif
