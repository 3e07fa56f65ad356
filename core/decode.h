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
    LT_IPV4 = 228, LT_IPV6 = 229, LT_LINUX_SLL2 = 276, LT_PPP = 9, LT_PPP_HDLC = 50,
    LT_IPNET = 226, LT_NFLOG = 239,
    LT_DLT_RAW_ALT1 = 12, LT_DLT_RAW_ALT2 = 14 /* DLT_RAW on some BSDs, as libpcap maps them */
};

enum layer_bit {
    L_ETH = 1u << 0, L_VLAN = 1u << 1, L_SLL = 1u << 2, L_NULL = 1u << 3,
    L_IPV4 = 1u << 4, L_IPV6 = 1u << 5, L_TCP = 1u << 6, L_UDP = 1u << 7,
    L_ICMP = 1u << 8, L_ICMPV6 = 1u << 9,
    /* encapsulation headers: the innermost of each kind, kept when a tunnel is crossed */
    L_MPLS = 1u << 10, L_PPPOE = 1u << 11, L_PPP = 1u << 12, L_GRE = 1u << 13, L_ERSPAN = 1u << 14,
    L_VXLAN = 1u << 15, L_GENEVE = 1u << 16, L_NFLOG = 1u << 17, L_IPNET = 1u << 18, L_GTP = 1u << 19
};
/* The encapsulation layers, whose structs follow `mpls` in struct decoded (see there). */
#define DECODE_ENCAP_LAYERS (L_MPLS | L_PPPOE | L_PPP | L_GRE | L_ERSPAN | L_VXLAN | L_GENEVE | L_NFLOG | L_IPNET | L_GTP)

#define DECODE_LAYER_KINDS 20
/* The layers a tunnel crossing hands to the outer view (p.outer): link, network and transport. */
#define L_CROSSED (L_ETH | L_VLAN | L_SLL | L_NULL | L_IPV4 | L_IPV6 | L_TCP | L_UDP | L_ICMP | L_ICMPV6)

enum tcp_flag {
    TCP_FIN = 0x01, TCP_SYN = 0x02, TCP_RST = 0x04, TCP_PSH = 0x08,
    TCP_ACK = 0x10, TCP_URG = 0x20, TCP_ECE = 0x40, TCP_CWR = 0x80, TCP_AE = 0x100,
    TCP_RESERVED = 0xE00                    /* the 3 reserved bits, in tcp.flags as tshark has them */
};

enum tcp_opt_bit { TOPT_MSS = 1, TOPT_WSCALE = 2, TOPT_SACK_PERM = 4, TOPT_SACK = 8, TOPT_TS = 16 };

#define DECODE_MAX_VLAN 4
#define DECODE_MAX_SACK 4
#define DECODE_MAX_MPLS 8        /* labels kept; deeper stacks are decoded but not kept */
#define DECODE_MAX_TUNNELS 8     /* nested tunnels decoded; one more is malformed */
#define DECODE_MAX_LAYERS 48     /* entries of the layer list (p.layers) */

struct eth_info  { uint8_t src[6], dst[6]; uint16_t type; };
struct vlan_info { uint8_t count; uint16_t id[DECODE_MAX_VLAN]; uint8_t pcp[DECODE_MAX_VLAN];
                   uint16_t tpid[DECODE_MAX_VLAN]; };
struct sll_info  { uint8_t version; uint16_t pkttype, hatype, halen, protocol;
                   uint32_t ifindex; uint8_t addr[8]; };
struct null_info { uint32_t family; };

/* Encapsulations: each decoder writes its whole struct before setting its layer bit. */
struct mpls_info { uint8_t count; uint32_t entry[DECODE_MAX_MPLS]; };   /* label<<12 | exp<<9 | s<<8 | ttl */
struct pppoe_info { uint8_t version, type, code; uint16_t session_id, length; };
struct ppp_info { uint8_t address, control; uint16_t protocol; bool hdlc; };
struct gre_info {
    uint16_t flags_version, proto, checksum, offset;
    uint32_t key, seq, ack;                 /* valid when their flag is set */
};
struct erspan_info {
    uint8_t type;                           /* 1, 2 or 3 (ERSPAN type; no header for type 1) */
    uint8_t version, cos, encap, truncated, direction, ft;
    uint16_t vlan, spanid, sgt, hw;
    uint32_t index, timestamp;
};
struct vxlan_info { uint16_t flags; uint32_t vni; };
struct geneve_info { uint8_t version, opt_len, flags; uint16_t proto; uint32_t vni; };
struct gtp_info { uint8_t flags, message; uint16_t length, seq; uint32_t teid; };
struct nflog_info { uint8_t family, version, hook; uint16_t res_id, hwproto; bool has_hdr; };
struct ipnet_info { uint8_t version, family; uint16_t htype; uint32_t pktlen, ifindex, grifindex, zsrc, zdst; };

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
    uint8_t idseq;                          /* ICMP_IDENT | ICMP_SEQ: which of ident, seq the message has */
    uint16_t ident;                         /* bytes 4..5 of an echo (timestamp, information, mask) message */
    uint32_t inner_off, inner_len;
    uint16_t seq;                           /* bytes 6..7 of the same */
};
/* icmp_info.idseq, as Wireshark reads them: ICMP types 0, 8, 13-18 and ICMPv6 128, 129 carry both,
 * the extended echo (RFC 8335: ICMP 42, 43, ICMPv6 160, 161) the identifier only; each when its
 * bytes are in the message (the IP payload) and captured. */
enum { ICMP_IDENT = 1, ICMP_SEQ = 2 };

/* decoded.frag_cut: an IP fragment no stack makes (RFC 791, RFC 1858, RFC 3128; RFC 7112 for IPv6).  Hosts and
 * routers fragment at the next hop's MTU, 68 bytes or more for IPv4 (so a first fragment behind a 20-byte
 * header holds at least 48 bytes of its datagram: taken so behind options too) and 1280 for IPv6 (whose
 * first fragment must hold the whole header chain and the transport header), so a first fragment holds its
 * transport header and the next one starts past it.  frag_held: the bytes of its datagram a first fragment holds; frag_need: what it should
 * have held (FRAG_CUT_HEADER: the transport header's length, with TCP's options when their length was read;
 * FRAG_CUT_SMALL: the least a 68-byte MTU gives).  A FRAG_CUT_INSIDE fragment's offset is its IP layer's. */
enum frag_cut {
    FRAG_CUT_NONE = 0,
    FRAG_CUT_HEADER = 1,    /* a first fragment (more follow) holding less than its TCP, UDP, ICMP or ICMPv6 header */
    FRAG_CUT_SMALL = 2,     /* an IPv4 first fragment with its transport header whole, smaller than a 68-byte MTU gives */
    FRAG_CUT_INSIDE = 3,    /* a TCP fragment at offset 8 or 16: it starts inside the TCP header (the rest of a
                               tiny first fragment, or an overlap rewriting what a longer one held) */
    FRAG_CUT_CHAIN = 4      /* an IPv6 first fragment that ends inside its extension header chain */
};

/* What the engine reads of most frames comes first (an IPv4 TCP segment's in its first 136 bytes: three
 * or four cache lines, was six or seven): a read-ahead thread writes it and the engine's thread reads
 * it, and each line crosses between cores. */
struct decoded {
    uint32_t layers;                        /* enum layer_bit */
    int linktype;
    uint32_t caplen, wirelen;
    uint8_t ip_version;                     /* 0, 4 or 6 */
    uint8_t l4_proto;                       /* final protocol after extension headers */
    bool fragment;                          /* a non-first fragment: no L4 decoded */
    uint8_t frag_cut;                       /* enum frag_cut: a fragment that cuts or overlaps its transport header */
    uint8_t frag_held, frag_need;           /* a first fragment's bytes, and what it should have held (enum frag_cut) */
    bool has_reset_cause;
    uint8_t depth;                          /* tunnels crossed: p.outer is the frame decoded to depth-1 */
    uint8_t max_depth;                      /* decode no tunnel deeper than this (silently) */
    bool pending;                           /* a tunnel header was read: the next eth/IP layer crosses it */
    bool stayed;                            /* decode_stay: a tunnel not crossed (its payload is no application's) */
    uint8_t nstack;                         /* entries in stack */
    uint32_t l3_off, l4_off;
    uint32_t payload_off;                   /* L4 payload start */
    uint32_t payload_len;                   /* payload length as the headers claim it */
    uint32_t payload_caplen;                /* payload bytes actually captured */
    struct ipv4_info ip4;
    struct tcp_info tcp;
    struct udp_info udp;
    struct icmp_info icmp;
    struct ipv6_info ip6;
    const char *truncated;                  /* static text naming the cut layer, or NULL */
    const char *malformed;                  /* static text naming the lie, or NULL */
    struct eth_info eth;
    struct vlan_info vlan;
    struct sll_info sll;
    struct null_info null;
    struct sctp_info sctp;
    struct reset_cause reset_cause;
    uint32_t wire_end;                      /* end on the wire of the enclosing payload (tunnels) */
    uint32_t pending_end;                   /* wire end of the pending tunnel's payload */
    /* Not cleared per frame (decode_frame zeroes only what is above): each encapsulation decoder
     * writes its struct whole before it sets its bit, and stack[0..nstack) is written before use. */
    _Alignas(8) struct mpls_info mpls;
    struct pppoe_info pppoe;
    struct ppp_info ppp;
    struct gre_info gre;
    struct erspan_info erspan;
    struct vxlan_info vxlan;
    struct geneve_info geneve;
    struct nflog_info nflog;
    struct gtp_info gtp;
    struct ipnet_info ipnet;
    uint8_t stack[DECODE_MAX_LAYERS];       /* bit numbers of enum layer_bit, outermost first */
};

/* Decode a frame.  `table` may be NULL (built-in reset codes only). */
void decode_frame(struct decoded *d, int linktype, const uint8_t *b, uint32_t caplen,
                  uint32_t wirelen, const struct reset_table *table);
/* The reset cause of a decoded frame (b its bytes) by `table`, as decode_frame ends: again when the
 * table may have changed since the frame was decoded (a read-ahead thread decodes with none). */
void decode_reset_cause(struct decoded *d, const uint8_t *b, const struct reset_table *table);
/* The same, crossing at most max_depth tunnels: the frame as seen from outside the others. */
void decode_frame_depth(struct decoded *d, int linktype, const uint8_t *b, uint32_t caplen,
                        uint32_t wirelen, const struct reset_table *table, unsigned max_depth);

/* Name of a layer bit number (0 .. DECODE_LAYER_KINDS-1) as tshark's frame.protocols says it. */
const char *decode_layer_name(unsigned bit);

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
bool decode_raw(struct decoded *d, const uint8_t *b, size_t len, size_t off);
bool decode_ipv4(struct decoded *d, const uint8_t *b, size_t len, size_t off);
bool decode_ipv6(struct decoded *d, const uint8_t *b, size_t len, size_t off);
bool decode_l4(struct decoded *d, const uint8_t *b, size_t len, size_t off, size_t end);
bool decode_tcp(struct decoded *d, const uint8_t *b, size_t len, size_t off, size_t end);
bool decode_udp(struct decoded *d, const uint8_t *b, size_t len, size_t off, size_t end);
bool decode_icmp(struct decoded *d, const uint8_t *b, size_t len, size_t off, size_t end, bool v6);

bool decode_mpls(struct decoded *d, const uint8_t *b, size_t len, size_t off);
bool decode_pppoe(struct decoded *d, const uint8_t *b, size_t len, size_t off);
bool decode_ppp(struct decoded *d, const uint8_t *b, size_t len, size_t off, bool hdlc);
bool decode_chdlc_or_ppp(struct decoded *d, const uint8_t *b, size_t len, size_t off);
bool decode_ipnet(struct decoded *d, const uint8_t *b, size_t len, size_t off);
bool decode_nflog(struct decoded *d, const uint8_t *b, size_t len, size_t off);
bool decode_gre(struct decoded *d, const uint8_t *b, size_t len, size_t off, size_t end);
bool decode_erspan(struct decoded *d, const uint8_t *b, size_t len, size_t off, size_t end, uint16_t proto);
/* The payload of a tunnel header by EtherType-style protocol type (GRE, GENEVE). */
bool decode_encapsulated(struct decoded *d, const uint8_t *b, size_t len, size_t off, size_t end, uint16_t type);
bool decode_vxlan(struct decoded *d, const uint8_t *b, size_t len, size_t off, size_t end);
bool decode_gtp(struct decoded *d, const uint8_t *b, size_t len, size_t off, size_t end);
bool decode_geneve(struct decoded *d, const uint8_t *b, size_t len, size_t off, size_t end);

/* Records a layer (bit: enum layer_bit) in d->layers and the layer list; false (malformed)
 * when the list is full. */
bool decode_push(struct decoded *d, uint32_t bit);
/* A tunnel header ends at payload offset `end` on the wire: the next link or IP layer is inside. */
void decode_tunnel(struct decoded *d, size_t end);
/* Called by the link and IP decoders before they fill their layer: crosses a pending tunnel.
 * 1: go on; 0: stop quietly (max_depth reached); -1: stop, malformed (too deep). */
int decode_cross(struct decoded *d);
/* Instead of decode_cross, when the tunnel's first header is cut short or not one: the tunnel is not
 * crossed, the packet stays the outer one (its layers, addresses and ports), flagged by the caller. */
void decode_stay(struct decoded *d);

/* Called by the IP decoders for a fragment (first: offset 0 with more to come; offset: the fragment offset in
 * bytes; held: the bytes the IP length gives it, from l4 (b[l4..len) captured); least: the fewest bytes an
 * honest first fragment holds (IPv4: 48, a 68-byte MTU behind a 20-byte header), 0 for no such bound (IPv6)):
 * sets frag_cut, frag_held and frag_need (enum frag_cut). */
void decode_frag_cut(struct decoded *d, const uint8_t *b, size_t len, size_t l4, uint8_t proto, bool first, size_t offset,
                     size_t held, size_t least);

/* Mark the frame truncated/malformed (first reason wins); always returns false. */
bool decode_truncated(struct decoded *d, const char *why);
bool decode_malformed(struct decoded *d, const char *why);

#endif
