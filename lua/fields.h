/* The one table of packet field names: used by __index, by completion and by
 * help(), so a name exists in all three places or in none. */
#ifndef PCAPHUNT_FIELDS_H
#define PCAPHUNT_FIELDS_H

#include <stdbool.h>
#include <stddef.h>

enum layer_id {
    LY_PACKET, LY_FRAME, LY_ETH, LY_VLAN, LY_SLL, LY_IP, LY_IPV6, LY_TCP, LY_UDP, LY_ICMP, LY_ICMPV6,
    LY_NULL, LY_MPLS, LY_PPPOES, LY_PPP, LY_GRE, LY_ERSPAN, LY_VXLAN, LY_GENEVE, LY_NFLOG, LY_IPNET, LY_GTP,
    /* application layers (lua/appfields.c): decoded when first asked for */
    LY_DNS, LY_HTTP, LY_TLS, LY_SSH, LY_QUIC,
    LY_COUNT
};

enum field_id {
    /* packet */
    F_SRC = 1, F_DST, F_TTL, F_SPORT, F_DPORT, F_PROTO, F_PAYLOAD, F_DATA, F_RESET_CAUSE,
    F_TRUNCATED, F_MALFORMED, F_FRAGMENT_CUT, F_LAYERS,
    F_L_FRAME, F_L_ETH, F_L_VLAN, F_L_SLL, F_L_IP, F_L_IPV6, F_L_TCP, F_L_UDP, F_L_ICMP, F_L_ICMPV6,
    F_L_NULL, F_L_MPLS, F_L_PPPOES, F_L_PPP, F_L_GRE, F_L_ERSPAN, F_L_VXLAN, F_L_GENEVE, F_L_NFLOG, F_L_IPNET, F_L_GTP,
    F_OUTER,
    /* frame */
    F_FRAME_NUMBER, F_FRAME_TIME_EPOCH, F_FRAME_TIME, F_FRAME_LEN, F_FRAME_CAP_LEN, F_FRAME_LINKTYPE, F_FRAME_CAPTURE, F_FRAME_COMMENT,
    /* eth */
    F_ETH_SRC, F_ETH_DST, F_ETH_TYPE,
    /* vlan */
    F_VLAN_ID, F_VLAN_IDS, F_VLAN_PCP, F_VLAN_COUNT,
    /* sll */
    F_SLL_VERSION, F_SLL_PKTTYPE, F_SLL_HATYPE, F_SLL_HALEN, F_SLL_SRC, F_SLL_PROTOCOL, F_SLL_IFINDEX,
    F_SLL_ETYPE, F_SLL_LTYPE, F_SLL_GRETYPE,
    /* ip */
    F_IP_VERSION, F_IP_SRC, F_IP_DST, F_IP_TTL, F_IP_ID, F_IP_PROTO, F_IP_LEN, F_IP_HDR_LEN,
    F_IP_DSFIELD, F_IP_FLAGS, F_IP_RB, F_IP_DF, F_IP_MF, F_IP_FRAG_OFFSET, F_IP_CHECKSUM, F_IP_CHECKSUM_OK,
    /* ipv6 */
    F_IPV6_VERSION, F_IPV6_SRC, F_IPV6_DST, F_IPV6_HLIM, F_IPV6_NXT, F_IPV6_FLOW, F_IPV6_TCLASS,
    F_IPV6_PLEN, F_IPV6_FRAG, F_IPV6_FRAG_OFFSET, F_IPV6_FRAG_MORE, F_IPV6_FRAG_ID,
    /* tcp */
    F_TCP_SRCPORT, F_TCP_DSTPORT, F_TCP_SEQ, F_TCP_ACK, F_TCP_FLAGS, F_TCP_FLAGS_STR, F_TCP_LEN,
    F_TCP_HDR_LEN, F_TCP_WINDOW, F_TCP_CHECKSUM, F_TCP_URGENT, F_TCP_OPTIONS,
    F_TCP_SYN, F_TCP_FIN, F_TCP_RST, F_TCP_RESET, F_TCP_PSH, F_TCP_ACK_FLAG, F_TCP_URG, F_TCP_ECE,
    F_TCP_CWR, F_TCP_AE,
    /* udp */
    F_UDP_SRCPORT, F_UDP_DSTPORT, F_UDP_LENGTH, F_UDP_CHECKSUM,
    /* icmp / icmpv6 */
    F_ICMP_TYPE, F_ICMP_CODE, F_ICMP_CHECKSUM, F_ICMP_INNER, F_ICMP_IDENT, F_ICMP_SEQ, F_ICMP_IDENT_LE, F_ICMP_SEQ_LE,
    /* encapsulations */
    F_NULL_FAMILY,
    F_MPLS_LABEL, F_MPLS_EXP, F_MPLS_BOTTOM, F_MPLS_TTL, F_MPLS_LABELS, F_MPLS_COUNT,
    F_PPPOE_VERSION, F_PPPOE_TYPE, F_PPPOE_CODE, F_PPPOE_SESSION_ID, F_PPPOE_PAYLOAD_LENGTH,
    F_PPP_ADDRESS, F_PPP_CONTROL, F_PPP_PROTOCOL,
    F_GRE_FLAGS_AND_VERSION, F_GRE_VERSION, F_GRE_PROTO, F_GRE_CHECKSUM, F_GRE_KEY, F_GRE_PAYLOAD_LENGTH, F_GRE_CALL_ID, F_GRE_SEQ, F_GRE_ACK,
    F_ERSPAN_TYPE, F_ERSPAN_VERSION, F_ERSPAN_VLAN, F_ERSPAN_COS, F_ERSPAN_SPANID, F_ERSPAN_INDEX,
    F_ERSPAN_TIMESTAMP, F_ERSPAN_SGT, F_ERSPAN_FT, F_ERSPAN_HW, F_ERSPAN_DIRECTION,
    F_VXLAN_FLAGS, F_VXLAN_VNI,
    F_GENEVE_VERSION, F_GENEVE_FLAGS, F_GENEVE_PROTO_TYPE, F_GENEVE_VNI,
    F_NFLOG_FAMILY, F_NFLOG_VERSION, F_NFLOG_RES_ID, F_NFLOG_HOOK, F_NFLOG_PROTOCOL,
    F_IPNET_VERSION, F_IPNET_FAMILY, F_IPNET_HTYPE, F_IPNET_PKTLEN, F_IPNET_IFINDEX, F_IPNET_GRIFINDEX,
    F_IPNET_ZSRC, F_IPNET_ZDST,
    F_GTP_FLAGS, F_GTP_MESSAGE, F_GTP_LENGTH, F_GTP_TEID, F_GTP_SEQ,
    /* methods of a packet */
    F_M_SHOW, F_M_HEX, F_M_SUMMARY,
    /* application fields, conversations (lua/appfields.c): ids from F_APP_FIRST on */
    F_APP_FIRST,
    F_L_DNS = F_APP_FIRST, F_L_HTTP, F_L_TLS, F_L_SSH, F_L_QUIC, F_CONVERSATION, F_M_HAS_ADDR,
    F_TCP_STREAM, F_UDP_STREAM,
    F_DNS_ID, F_DNS_FLAGS, F_DNS_RESPONSE, F_DNS_OPCODE, F_DNS_RCODE, F_DNS_QRY_NAME, F_DNS_QRY_TYPE,
    F_DNS_QRY_CLASS, F_DNS_COUNT_QUERIES, F_DNS_COUNT_ANSWERS, F_DNS_COUNT_AUTH, F_DNS_COUNT_ADD,
    F_DNS_RESP_NAME, F_DNS_RESP_TYPE, F_DNS_RESP_TTL, F_DNS_A, F_DNS_AAAA, F_DNS_CNAME, F_DNS_PTR,
    F_DNS_NS, F_DNS_TXT, F_DNS_HEURISTIC,
    F_HTTP_REQUEST, F_HTTP_RESPONSE, F_HTTP_METHOD, F_HTTP_URI, F_HTTP_REQ_VERSION, F_HTTP_CODE,
    F_HTTP_RESP_VERSION, F_HTTP_HOST, F_HTTP_USER_AGENT, F_HTTP_SERVER, F_HTTP_CONTENT_TYPE,
    F_TLS_CONTENT_TYPE, F_TLS_RECORD_VERSION, F_TLS_HS_TYPE, F_TLS_HS_VERSION, F_TLS_SNI, F_TLS_ALPN,
    F_TLS_CIPHERS, F_TLS_EXT_TYPES, F_TLS_SUPPORTED_VERSION, F_TLS_JA3, F_TLS_JA3_FULL, F_TLS_JA3S,
    F_TLS_JA3S_FULL, F_TLS_JA4,
    F_SSH_PROTOCOL,
    F_QUIC_VERSION, F_QUIC_DCID, F_QUIC_SCID,
    F_APP_TRUNCATED, F_APP_MALFORMED,
    F_LAST
};

struct field_def {
    enum layer_id layer;
    const char *name;
    enum field_id id;
    const char *help;
};

extern const struct field_def field_defs[];   /* ends with {0, NULL, 0, NULL} */
extern const char *const layer_names[LY_COUNT];

/* Wireshark's display-filter names of f that are not its layer and its name with the underscores
 * read as dots ("tcp.flags.syn" for tcp.syn; space-separated, the current name first), or NULL. */
const char *field_wireshark_names(const struct field_def *f);
/* A field named as Wireshark's display filters name it: one of field_wireshark_names
 * ("tcp.flags.syn", "pppoe.session_id"), else the layer and our name, whose underscores may be
 * written as dots ("dns.qry.name", "tcp.srcport").  The field and its layer (*ly), or NULL. */
const struct field_def *field_by_full_name(const char *name, size_t len, int *ly);
/* For a Wireshark name that holds either side's value (ip.addr, tcp.port, eth.addr: what we
 * cannot give as one value), writes the one-line error naming what to use instead and returns
 * true; else false. */
bool field_either_side(const char *name, size_t len, char *msg, size_t msgsz);
/* Calls fn(ctx, layer, full name, f) for every full name a value field can be read by: "tcp.srcport"
 * (the layer and our name) and each of field_wireshark_names(f), in the table's order.  Fields of the
 * packet itself ("src") and layers, methods and packets ("tcp", "show", "icmp.inner") are left out. */
void field_each_full_name(void (*fn)(void *ctx, int ly, const char *name, const struct field_def *f), void *ctx);

/* False for the entries that are no value: a layer (p.tcp), a packet (p.outer, icmp.inner), a method. */
bool field_is_value(int id);
/* The field of layer ly named name, or NULL. */
const struct field_def *field_find(int ly, const char *name);
/* The field name of layer ly closest to name (edit distance, a transposition counting one),
 * or NULL when none is close enough to be a likely misspelling. */
const char *field_suggest(int ly, const char *name);
/* The name of the NULL-ended list names closest to `name` (a misspelling of it, by field_suggest's
 * rule), or NULL when none is close. */
const char *name_suggest(const char *name, const char *const *names);
/* " (did you mean NAME?)" in out when name_suggest finds one, else `otherwise`; returns out. */
const char *name_suggest_phrase(const char *name, const char *const *names, const char *otherwise, char *out, size_t outsz);
/* The full or Wireshark name closest to name ("ip.sr" -> "ip.src"), or NULL; valid until the next call. */
const char *field_suggest_full(const char *name);

#endif
