/* Field names follow Wireshark's display-filter names (ip.ttl, tcp.srcport …) so
 * analysts carry their habits over; each has one line of help. */
#include "fields.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

const char *const layer_names[LY_COUNT] = {
    "packet", "frame", "eth", "vlan", "sll", "ip", "ipv6", "tcp", "udp", "icmp", "icmpv6",
    "null", "mpls", "pppoes", "ppp", "gre", "erspan", "vxlan", "geneve", "nflog", "ipnet", "gtp",
    "dns", "http", "tls", "ssh", "quic"
};

const struct field_def field_defs[] = {
    {LY_PACKET, "src", F_SRC, "source address of the (innermost) IP layer, IPv4 or IPv6, as a string"},
    {LY_PACKET, "dst", F_DST, "destination address of the IP layer, as a string"},
    {LY_PACKET, "ttl", F_TTL, "IPv4 TTL or IPv6 hop limit"},
    {LY_PACKET, "sport", F_SPORT, "TCP or UDP source port"},
    {LY_PACKET, "dport", F_DPORT, "TCP or UDP destination port"},
    {LY_PACKET, "proto", F_PROTO, "the transport: \"tcp\", \"udp\", \"icmp\", \"icmpv6\", \"sctp\", \"gre\", \"esp\", \"ah\", \"igmp\", \"ospf\", \"pim\", \"vrrp\", \"rsvp\", \"udplite\"; \"ipv4\" or \"ipv6\" for another (or a non-first fragment); \"arp\", \"ethertype\" or \"unknown\""},
    {LY_PACKET, "payload", F_PAYLOAD, "captured L4 payload bytes, as a Lua string"},
    {LY_PACKET, "data", F_DATA, "the whole captured frame, as a Lua string"},
    {LY_PACKET, "reset_cause", F_RESET_CAUSE, "nil, or {code, vendor, product, category, meaning, known, text, form, source, confidence, cut, peer} for a RST with payload"},
    {LY_PACKET, "truncated", F_TRUNCATED, "nil, or which layer the capture cut off"},
    {LY_PACKET, "malformed", F_MALFORMED, "nil, or which length field lies"},
    {LY_PACKET, "fragment_cut", F_FRAGMENT_CUT, "nil, or how an IP fragment cuts its datagram as no stack does (RFC 791, 1858, 7112): \"first fragment holds 8 of the 20 bytes of the TCP header\", \"first fragment holds 16 bytes, fewer than a 68-byte MTU leaves (48)\" (IPv4), \"fragment at offset 8 starts inside the TCP header\" (TCP at offset 8 or 16), \"first fragment ends inside the IPv6 extension headers\""},
    {LY_PACKET, "layers", F_LAYERS, "list of every layer in the frame, outermost first, tunnels included (like tshark's frame.protocols): \"frame\", \"eth\", \"ip\", \"gre\", \"ip\", \"tcp\" …"},
    {LY_PACKET, "frame", F_L_FRAME, "capture record: number, time_epoch, len, cap_len"},
    {LY_PACKET, "eth", F_L_ETH, "Ethernet layer (the innermost: inside a tunnel, the tunnelled frame's) or nil"},
    {LY_PACKET, "vlan", F_L_VLAN, "802.1Q/802.1ad tags (and the old QinQ types 0x9100, 0x9200) or nil"},
    {LY_PACKET, "sll", F_L_SLL, "Linux cooked header (SLL or SLL2) or nil"},
    {LY_PACKET, "ip", F_L_IP, "IPv4 layer (the innermost: inside a tunnel, the tunnelled packet's; p.outer.ip is the outer one) or nil"},
    {LY_PACKET, "ipv6", F_L_IPV6, "IPv6 layer (the innermost) or nil"},
    {LY_PACKET, "tcp", F_L_TCP, "TCP layer (the innermost) or nil"},
    {LY_PACKET, "udp", F_L_UDP, "UDP layer (the innermost: a VXLAN packet's own UDP is p.outer.udp) or nil"},
    {LY_PACKET, "icmp", F_L_ICMP, "ICMP layer or nil"},
    {LY_PACKET, "icmpv6", F_L_ICMPV6, "ICMPv6 layer or nil"},
    {LY_PACKET, "null", F_L_NULL, "BSD loopback header (linktypes 0 and 108) or nil"},
    {LY_PACKET, "mpls", F_L_MPLS, "MPLS label stack or nil"},
    {LY_PACKET, "pppoes", F_L_PPPOES, "PPPoE session header or nil"},
    {LY_PACKET, "ppp", F_L_PPP, "PPP header (linktype 9 or 50, PPPoE, PPTP's GRE) or nil"},
    {LY_PACKET, "gre", F_L_GRE, "GRE header or nil"},
    {LY_PACKET, "erspan", F_L_ERSPAN, "ERSPAN header (inside GRE) or nil"},
    {LY_PACKET, "vxlan", F_L_VXLAN, "VXLAN header (UDP port 4789, or 8472 when the header is VXLAN's: Linux's default) or nil"},
    {LY_PACKET, "geneve", F_L_GENEVE, "GENEVE header (UDP port 6081) or nil"},
    {LY_PACKET, "nflog", F_L_NFLOG, "Linux NFLOG header (linktype 239) or nil"},
    {LY_PACKET, "ipnet", F_L_IPNET, "Solaris IPNET header (linktype 226) or nil"},
    {LY_PACKET, "gtp", F_L_GTP, "GTP-U header (UDP port 2152) or nil"},
    {LY_PACKET, "outer", F_OUTER, "inside a tunnel: the packet as seen outside the innermost tunnel (its ip, udp, eth … are the outer ones); else nil"},
    {LY_PACKET, "show", F_M_SHOW, "p:show() prints the layer tree"},
    {LY_PACKET, "hex", F_M_HEX, "p:hex() prints a hex dump of the captured bytes"},
    {LY_PACKET, "summary", F_M_SUMMARY, "p:summary() returns the one-line summary (same as tostring(p))"},
    /* application layers and conversations (lua/appfields.c) */
    {LY_PACKET, "dns", F_L_DNS, "DNS message (UDP or the first over TCP; ports 53, 5353, 5355, or any UDP port when it parses strictly as DNS) or nil"},
    {LY_PACKET, "http", F_L_HTTP, "HTTP/1.x request or response starting this segment, or nil"},
    {LY_PACKET, "tls", F_L_TLS, "TLS record starting this segment (hello fields when a whole ClientHello/ServerHello is in it), or the hello in a QUIC Initial's CRYPTO frames, or nil"},
    {LY_PACKET, "ssh", F_L_SSH, "SSH identification string starting this segment, or nil"},
    {LY_PACKET, "quic", F_L_QUIC, "QUIC long header (UDP 443, or a known version elsewhere), or nil"},
    {LY_PACKET, "conversation", F_CONVERSATION, "nil, or the TCP/UDP conversation with this packet counted: stream, proto, packets, packets_sent, packets_received, bytes, bytes_sent, bytes_received (payload bytes), from_initiator, first_frame, first_time, duration; TCP: established, fin_seen, rst_seen"},
    {LY_PACKET, "has_addr", F_M_HAS_ADDR, "p:has_addr(a) is true when the IP source or destination is address a or lies in prefix a (Wireshark's ip.addr == a)"},

    {LY_FRAME, "number", F_FRAME_NUMBER, "frame number in its capture, from 1"},
    {LY_FRAME, "time_epoch", F_FRAME_TIME_EPOCH, "seconds since 1970 as a float (rounded; frame.time is exact)"},
    {LY_FRAME, "time", F_FRAME_TIME, "seconds.fraction as a string, exact: 6 digits (a microsecond or coarser resolution) or 9 (finer)"},
    {LY_FRAME, "len", F_FRAME_LEN, "length on the wire"},
    {LY_FRAME, "cap_len", F_FRAME_CAP_LEN, "bytes captured"},
    {LY_FRAME, "linktype", F_FRAME_LINKTYPE, "LINKTYPE_ value of the capture"},
    {LY_FRAME, "capture", F_FRAME_CAPTURE, "its capture: i of captures[i] (0 from cap:packets())"},
    {LY_FRAME, "comment", F_FRAME_COMMENT, "the frame's comment in a pcapng file (its first opt_comment), or nil"},

    {LY_ETH, "src", F_ETH_SRC, "source MAC address"},
    {LY_ETH, "dst", F_ETH_DST, "destination MAC address"},
    {LY_ETH, "type", F_ETH_TYPE, "EtherType after any VLAN tags (a length for 802.3 frames)"},

    {LY_VLAN, "id", F_VLAN_ID, "outer VLAN ID"},
    {LY_VLAN, "ids", F_VLAN_IDS, "all VLAN IDs, outer first, as a list"},
    {LY_VLAN, "pcp", F_VLAN_PCP, "outer tag's priority code point"},
    {LY_VLAN, "count", F_VLAN_COUNT, "number of tags"},

    {LY_SLL, "version", F_SLL_VERSION, "1 for SLL, 2 for SLL2"},
    {LY_SLL, "pkttype", F_SLL_PKTTYPE, "packet type (0 to us, 4 outgoing …)"},
    {LY_SLL, "hatype", F_SLL_HATYPE, "ARPHRD_ type of the interface"},
    {LY_SLL, "halen", F_SLL_HALEN, "link-layer address length"},
    {LY_SLL, "src", F_SLL_SRC, "link-layer source address, as hex pairs"},
    {LY_SLL, "protocol", F_SLL_PROTOCOL, "protocol type field, whatever it holds (sll.etype, sll.ltype, sll.gretype: the one Wireshark names it by)"},
    {LY_SLL, "etype", F_SLL_ETYPE, "protocol type when it is an EtherType, as Wireshark's sll.etype: above 0x0600, the interface neither IP-over-GRE (hatype 778) nor netlink (824); else nil"},
    {LY_SLL, "ltype", F_SLL_LTYPE, "protocol type when it is a Linux protocol type (0x0600 or below: 0x0004 802.2 LLC, 0x000c CAN …), as Wireshark's sll.ltype; nil on netlink (hatype 824) or above 0x0600"},
    {LY_SLL, "gretype", F_SLL_GRETYPE, "protocol type on an IP-over-GRE interface (hatype 778) above 0x0600, as Wireshark's sll.gretype; else nil"},
    {LY_SLL, "ifindex", F_SLL_IFINDEX, "interface index (SLL2 only, else 0)"},

    {LY_IP, "version", F_IP_VERSION, "4"},
    {LY_IP, "src", F_IP_SRC, "source address"},
    {LY_IP, "dst", F_IP_DST, "destination address"},
    {LY_IP, "ttl", F_IP_TTL, "time to live"},
    {LY_IP, "id", F_IP_ID, "identification"},
    {LY_IP, "proto", F_IP_PROTO, "protocol number"},
    {LY_IP, "len", F_IP_LEN, "total length field"},
    {LY_IP, "hdr_len", F_IP_HDR_LEN, "header length in bytes"},
    {LY_IP, "dsfield", F_IP_DSFIELD, "DS field (TOS byte)"},
    {LY_IP, "flags", F_IP_FLAGS, "the flag bits in their byte: 0x80 reserved, 0x40 DF, 0x20 MF (tshark 4 shows them shifted, DF as 0x2: ip.df, ip.mf, ip.rb are the flags one by one)"},
    {LY_IP, "rb", F_IP_RB, "reserved bit, boolean"},
    {LY_IP, "df", F_IP_DF, "don't fragment, boolean"},
    {LY_IP, "mf", F_IP_MF, "more fragments, boolean"},
    {LY_IP, "frag_offset", F_IP_FRAG_OFFSET, "fragment offset in bytes"},
    {LY_IP, "checksum", F_IP_CHECKSUM, "header checksum field"},
    {LY_IP, "checksum_ok", F_IP_CHECKSUM_OK, "true when the header checksum verifies"},

    {LY_IPV6, "version", F_IPV6_VERSION, "6"},
    {LY_IPV6, "src", F_IPV6_SRC, "source address"},
    {LY_IPV6, "dst", F_IPV6_DST, "destination address"},
    {LY_IPV6, "hlim", F_IPV6_HLIM, "hop limit"},
    {LY_IPV6, "nxt", F_IPV6_NXT, "next header of the fixed header"},
    {LY_IPV6, "flow", F_IPV6_FLOW, "flow label"},
    {LY_IPV6, "tclass", F_IPV6_TCLASS, "traffic class"},
    {LY_IPV6, "plen", F_IPV6_PLEN, "payload length field"},
    {LY_IPV6, "frag", F_IPV6_FRAG, "true when a fragment header is present"},
    {LY_IPV6, "frag_offset", F_IPV6_FRAG_OFFSET, "fragment offset in bytes (nil without a fragment header)"},
    {LY_IPV6, "frag_more", F_IPV6_FRAG_MORE, "more fragments follow, boolean (nil without a fragment header)"},
    {LY_IPV6, "frag_id", F_IPV6_FRAG_ID, "fragment identification (nil without a fragment header)"},

    {LY_TCP, "srcport", F_TCP_SRCPORT, "source port"},
    {LY_TCP, "dstport", F_TCP_DSTPORT, "destination port"},
    {LY_TCP, "seq", F_TCP_SEQ, "sequence number (raw, not relative: tshark's tcp.seq counts from the conversation's first)"},
    {LY_TCP, "ack", F_TCP_ACK, "acknowledgment NUMBER (raw, not relative: tshark's tcp.ack counts from the conversation's first); the ACK flag is tcp.ack_flag"},
    {LY_TCP, "flags", F_TCP_FLAGS, "flags as a number: FIN 0x01 SYN 0x02 RST 0x04 PSH 0x08 ACK 0x10 URG 0x20 ECE 0x40 CWR 0x80 AE 0x100, reserved 0xe00 (as tshark's tcp.flags)"},
    {LY_TCP, "flags_str", F_TCP_FLAGS_STR, "flags in tcpdump notation and order (F S R P . U E W e): \"S\", \"S.\", \"R.\", \"P.\", \"F.\", \".\", \"S.E\"; \"none\""},
    {LY_TCP, "len", F_TCP_LEN, "payload length the headers claim"},
    {LY_TCP, "hdr_len", F_TCP_HDR_LEN, "header length in bytes"},
    {LY_TCP, "window_size_value", F_TCP_WINDOW, "window field, unscaled"},
    {LY_TCP, "checksum", F_TCP_CHECKSUM, "checksum field"},
    {LY_TCP, "urgent_pointer", F_TCP_URGENT, "urgent pointer"},
    {LY_TCP, "options", F_TCP_OPTIONS, "table: mss, wscale, sack_perm, sack (list of {left, right}), ts ({val, ecr})"},
    {LY_TCP, "syn", F_TCP_SYN, "SYN flag, boolean"},
    {LY_TCP, "fin", F_TCP_FIN, "FIN flag, boolean"},
    {LY_TCP, "rst", F_TCP_RST, "RST flag, boolean (the same as tcp.reset)"},
    {LY_TCP, "reset", F_TCP_RESET, "RST flag, boolean"},
    {LY_TCP, "push", F_TCP_PSH, "PSH flag, boolean"},
    {LY_TCP, "ack_flag", F_TCP_ACK_FLAG, "ACK flag, boolean (tcp.ack is the acknowledgment number)"},
    {LY_TCP, "urg", F_TCP_URG, "URG flag, boolean"},
    {LY_TCP, "ece", F_TCP_ECE, "ECE (ECN-Echo) flag, boolean"},
    {LY_TCP, "cwr", F_TCP_CWR, "CWR flag, boolean"},
    {LY_TCP, "ae", F_TCP_AE, "AE (formerly NS) flag, boolean"},
    {LY_TCP, "stream", F_TCP_STREAM, "conversation index as Wireshark numbers it (from 0, in order of first appearance; a new SYN on reused ports starts a new one); raises in hunts without conversations = true"},

    {LY_UDP, "srcport", F_UDP_SRCPORT, "source port"},
    {LY_UDP, "dstport", F_UDP_DSTPORT, "destination port"},
    {LY_UDP, "length", F_UDP_LENGTH, "length field (header + payload)"},
    {LY_UDP, "checksum", F_UDP_CHECKSUM, "checksum field"},
    {LY_UDP, "stream", F_UDP_STREAM, "conversation index as Wireshark numbers it (from 0, in order of first appearance); raises in hunts without conversations = true"},

    {LY_ICMP, "type", F_ICMP_TYPE, "message type"},
    {LY_ICMP, "code", F_ICMP_CODE, "message code"},
    {LY_ICMP, "checksum", F_ICMP_CHECKSUM, "checksum field"},
    {LY_ICMP, "inner", F_ICMP_INNER, "for error messages, the quoted packet as a packet; else nil"},
    {LY_ICMP, "ident", F_ICMP_IDENT, "identifier (bytes 4-5, big-endian) of an echo request or reply, timestamp, information or address mask message (types 0, 8, 13-18) or an extended echo (42, 43); nil for other types or when cut off"},
    {LY_ICMP, "seq", F_ICMP_SEQ, "sequence number (bytes 6-7, big-endian) of the types icmp.ident names but 42, 43; nil for other types or when cut off"},
    {LY_ICMP, "ident_le", F_ICMP_IDENT_LE, "icmp.ident read little-endian (for stacks that write it in host order), nil where icmp.ident is"},
    {LY_ICMP, "seq_le", F_ICMP_SEQ_LE, "icmp.seq read little-endian, nil where icmp.seq is"},
    {LY_ICMPV6, "type", F_ICMP_TYPE, "message type"},
    {LY_ICMPV6, "code", F_ICMP_CODE, "message code"},
    {LY_ICMPV6, "checksum", F_ICMP_CHECKSUM, "checksum field"},
    {LY_ICMPV6, "inner", F_ICMP_INNER, "for error messages, the quoted packet as a packet; else nil"},
    {LY_ICMPV6, "echo_identifier", F_ICMP_IDENT, "identifier of an echo request or reply (types 128, 129) or an extended echo (160, 161); nil for other types or when cut off"},
    {LY_ICMPV6, "echo_sequence_number", F_ICMP_SEQ, "sequence number of an echo request or reply (types 128, 129); nil for other types or when cut off"},

    {LY_NULL, "family", F_NULL_FAMILY, "address family (2 IPv4; 10, 24, 28 or 30 IPv6)"},

    {LY_MPLS, "label", F_MPLS_LABEL, "label of the top (outermost) entry"},
    {LY_MPLS, "exp", F_MPLS_EXP, "traffic class (experimental) bits of the top entry"},
    {LY_MPLS, "bottom", F_MPLS_BOTTOM, "bottom-of-stack bit of the top entry (1 when it is the only one)"},
    {LY_MPLS, "ttl", F_MPLS_TTL, "TTL of the top entry"},
    {LY_MPLS, "labels", F_MPLS_LABELS, "every label, top first, as a list (the first 8)"},
    {LY_MPLS, "count", F_MPLS_COUNT, "number of label stack entries"},

    {LY_PPPOES, "version", F_PPPOE_VERSION, "PPPoE version (1)"},
    {LY_PPPOES, "type", F_PPPOE_TYPE, "PPPoE type (1)"},
    {LY_PPPOES, "code", F_PPPOE_CODE, "code (0 in the session stage)"},
    {LY_PPPOES, "session_id", F_PPPOE_SESSION_ID, "session ID"},
    {LY_PPPOES, "payload_length", F_PPPOE_PAYLOAD_LENGTH, "payload length field"},

    {LY_PPP, "address", F_PPP_ADDRESS, "HDLC address byte (0xff) or nil when absent"},
    {LY_PPP, "control", F_PPP_CONTROL, "HDLC control byte (0x03) or nil when absent"},
    {LY_PPP, "protocol", F_PPP_PROTOCOL, "PPP protocol (0x0021 IPv4, 0x0057 IPv6, 0x0281 MPLS, 0xc021 LCP …)"},

    {LY_GRE, "flags_and_version", F_GRE_FLAGS_AND_VERSION, "the first 16 bits: C 0x8000, R 0x4000, K 0x2000, S 0x1000, A 0x0080, version in the low 3 bits"},
    {LY_GRE, "version", F_GRE_VERSION, "0, or 1 for PPTP's enhanced GRE"},
    {LY_GRE, "proto", F_GRE_PROTO, "protocol type (an EtherType: 0x0800, 0x86dd, 0x6558 bridged Ethernet, 0x88be ERSPAN …)"},
    {LY_GRE, "checksum", F_GRE_CHECKSUM, "checksum field, or nil when the C bit is clear"},
    {LY_GRE, "key", F_GRE_KEY, "key, or nil when the K bit is clear or in version 1 (PPTP)"},
    {LY_GRE, "payload_length", F_GRE_PAYLOAD_LENGTH, "version 1 (PPTP) key's payload length, else nil"},
    {LY_GRE, "call_id", F_GRE_CALL_ID, "version 1 (PPTP) key's call ID, else nil"},
    {LY_GRE, "sequence_number", F_GRE_SEQ, "sequence number, or nil when the S bit is clear"},
    {LY_GRE, "ack_number", F_GRE_ACK, "acknowledgment number (version 1 with the A bit), or nil"},

    {LY_ERSPAN, "type", F_ERSPAN_TYPE, "ERSPAN type: 1 (no header), 2 or 3"},
    {LY_ERSPAN, "version", F_ERSPAN_VERSION, "version field (1 for type II, 2 for type III), nil for type I"},
    {LY_ERSPAN, "vlan", F_ERSPAN_VLAN, "VLAN of the mirrored frame, nil for type I"},
    {LY_ERSPAN, "cos", F_ERSPAN_COS, "class of service, nil for type I"},
    {LY_ERSPAN, "spanid", F_ERSPAN_SPANID, "session ID, nil for type I"},
    {LY_ERSPAN, "index", F_ERSPAN_INDEX, "port index (type II), else nil"},
    {LY_ERSPAN, "timestamp", F_ERSPAN_TIMESTAMP, "timestamp (type III), else nil"},
    {LY_ERSPAN, "sgt", F_ERSPAN_SGT, "security group tag (type III), else nil"},
    {LY_ERSPAN, "ft", F_ERSPAN_FT, "frame type (type III; 0 Ethernet), else nil"},
    {LY_ERSPAN, "hw", F_ERSPAN_HW, "hardware ID (type III), else nil"},
    {LY_ERSPAN, "direction", F_ERSPAN_DIRECTION, "true for egress traffic (type III), else nil"},

    {LY_VXLAN, "flags", F_VXLAN_FLAGS, "the first 16 bits (0x0800: VNI valid)"},
    {LY_VXLAN, "vni", F_VXLAN_VNI, "VXLAN network identifier (24 bits)"},

    {LY_GENEVE, "version", F_GENEVE_VERSION, "version (0)"},
    {LY_GENEVE, "flags", F_GENEVE_FLAGS, "flags byte: 0x80 OAM, 0x40 critical options"},
    {LY_GENEVE, "proto_type", F_GENEVE_PROTO_TYPE, "protocol type of the payload (0x6558 Ethernet …)"},
    {LY_GENEVE, "vni", F_GENEVE_VNI, "virtual network identifier (24 bits)"},

    {LY_NFLOG, "family", F_NFLOG_FAMILY, "address family (2 IPv4, 10 IPv6)"},
    {LY_NFLOG, "version", F_NFLOG_VERSION, "version (0)"},
    {LY_NFLOG, "res_id", F_NFLOG_RES_ID, "resource ID: the nflog group"},
    {LY_NFLOG, "hook", F_NFLOG_HOOK, "netfilter hook (from the packet header TLV), or nil"},
    {LY_NFLOG, "protocol", F_NFLOG_PROTOCOL, "hardware protocol, an EtherType (from the packet header TLV), or nil"},

    {LY_IPNET, "version", F_IPNET_VERSION, "header version"},
    {LY_IPNET, "family", F_IPNET_FAMILY, "address family (2 IPv4, 26 IPv6)"},
    {LY_IPNET, "htype", F_IPNET_HTYPE, "hook type"},
    {LY_IPNET, "pktlen", F_IPNET_PKTLEN, "data length"},
    {LY_IPNET, "ifindex", F_IPNET_IFINDEX, "interface index"},
    {LY_IPNET, "grifindex", F_IPNET_GRIFINDEX, "group interface index"},
    {LY_IPNET, "zsrc", F_IPNET_ZSRC, "source zone ID"},
    {LY_IPNET, "zdst", F_IPNET_ZDST, "destination zone ID"},

    {LY_GTP, "flags", F_GTP_FLAGS, "flags byte: version 1 in the top 3 bits, E 0x04, S 0x02, PN 0x01"},
    {LY_GTP, "message", F_GTP_MESSAGE, "message type (255: G-PDU, a user packet follows)"},
    {LY_GTP, "length", F_GTP_LENGTH, "length field (bytes after the first 8)"},
    {LY_GTP, "teid", F_GTP_TEID, "tunnel endpoint identifier"},
    {LY_GTP, "seq_number", F_GTP_SEQ, "sequence number, or nil when the S flag is clear"},

    {LY_DNS, "id", F_DNS_ID, "transaction ID"},
    {LY_DNS, "flags", F_DNS_FLAGS, "the flags word, a number (0x8000 response, opcode 0x7800, 0x0400 AA, 0x0200 TC, 0x0100 RD, 0x0080 RA, rcode 0x000f …)"},
    {LY_DNS, "flags_response", F_DNS_RESPONSE, "true for a response, false for a query (dns.flags.response)"},
    {LY_DNS, "flags_opcode", F_DNS_OPCODE, "opcode (0 query, 4 notify, 5 update)"},
    {LY_DNS, "flags_rcode", F_DNS_RCODE, "response code of a response (0 no error, 2 server failure, 3 no such name); nil for a query, as Wireshark"},
    {LY_DNS, "qry_name", F_DNS_QRY_NAME, "first question's name, a string (\"<Root>\" for the root; space and bytes outside printable ASCII as \\xNN); nil without a question or when the name lies (see malformed)"},
    {LY_DNS, "qry_type", F_DNS_QRY_TYPE, "first question's type (1 A, 28 AAAA, 16 TXT, 255 ANY …); nil without a question"},
    {LY_DNS, "qry_class", F_DNS_QRY_CLASS, "first question's class (1 IN; mDNS sets 0x8000 for unicast replies); nil without a question"},
    {LY_DNS, "count_queries", F_DNS_COUNT_QUERIES, "question count field"},
    {LY_DNS, "count_answers", F_DNS_COUNT_ANSWERS, "answer count field (nil for an UPDATE, whose field counts prerequisites)"},
    {LY_DNS, "count_auth_rr", F_DNS_COUNT_AUTH, "authority record count field (nil for an UPDATE)"},
    {LY_DNS, "count_add_rr", F_DNS_COUNT_ADD, "additional record count field"},
    {LY_DNS, "resp_name", F_DNS_RESP_NAME, "list of strings: each record's name (answers, authority, additional, in order; \"<Root>\" for OPT), a name that lies left out; {} when there are no records"},
    {LY_DNS, "resp_type", F_DNS_RESP_TYPE, "list of numbers: each record's type (41 for OPT), in order"},
    {LY_DNS, "resp_ttl", F_DNS_RESP_TTL, "list of numbers: each record's TTL, in order (OPT records have none)"},
    {LY_DNS, "a", F_DNS_A, "list of strings: IPv4 addresses of A records, every section, in order; {} when there are none"},
    {LY_DNS, "aaaa", F_DNS_AAAA, "list of strings: IPv6 addresses of AAAA records, every section"},
    {LY_DNS, "cname", F_DNS_CNAME, "list of strings: CNAME targets, every section"},
    {LY_DNS, "ptr_domain_name", F_DNS_PTR, "list of strings: PTR targets, every section"},
    {LY_DNS, "ns", F_DNS_NS, "list of strings: NS names, every section"},
    {LY_DNS, "txt", F_DNS_TXT, "list of strings: TXT contents, one entry per character-string, raw bytes"},
    {LY_DNS, "heuristic", F_DNS_HEURISTIC, "boolean: true when taken for DNS on a UDP port that is not DNS's (53, 5353, 5355) because the message passed the strict checks"},
    {LY_DNS, "truncated", F_APP_TRUNCATED, "nil, or why the message is not whole in this packet: \"dns message continues in later segments\" (over TCP), \"the message continues in the next IP fragment\" (the first fragment of a larger message: no reassembly), or what malformed would say when the capture cut the packet short"},
    {LY_DNS, "malformed", F_APP_MALFORMED, "nil, or what lies: \"dns record runs past the message\", \"dns name pointer loops or runs past the message\", "
     "\"dns header impossible in a message cut short (not DNS?)\" (cut by the capture or by IP fragmentation, with such a header), "
     "\"dns header impossible in a message said to continue (not DNS?)\" (over TCP, a message longer than the segment whose "
     "header has an opcode not in use, the Z bit set or more than one question: the \"length\" was two bytes of something "
     "else, a shell's text on port 53)"},

    {LY_HTTP, "request", F_HTTP_REQUEST, "true for a request, false for a response"},
    {LY_HTTP, "response", F_HTTP_RESPONSE, "true for a response, false for a request"},
    {LY_HTTP, "request_method", F_HTTP_METHOD, "request method, a string (GET, POST, M-SEARCH …); nil for a response"},
    {LY_HTTP, "request_uri", F_HTTP_URI, "request target as sent, a string (as far as this segment goes when the request line continues); nil for a response"},
    {LY_HTTP, "request_version", F_HTTP_REQ_VERSION, "\"HTTP/1.0\" or \"HTTP/1.1\" of a request; nil for a response or a request line cut by the segment"},
    {LY_HTTP, "response_code", F_HTTP_CODE, "status code of a response (200, 404 …); nil for a request"},
    {LY_HTTP, "response_version", F_HTTP_RESP_VERSION, "\"HTTP/1.0\" or \"HTTP/1.1\" of a response; nil for a request"},
    {LY_HTTP, "host", F_HTTP_HOST, "the first Host header's value, a string; nil when none is in this segment"},
    {LY_HTTP, "user_agent", F_HTTP_USER_AGENT, "the first User-Agent header's value, a string; nil when none is in this segment"},
    {LY_HTTP, "server", F_HTTP_SERVER, "the first Server header's value, a string; nil when none is in this segment"},
    {LY_HTTP, "content_type", F_HTTP_CONTENT_TYPE, "the first Content-Type header's value, a string; nil when none is in this segment"},
    {LY_HTTP, "truncated", F_APP_TRUNCATED, "nil, or \"http request line continues in later segments\" or \"http headers continue in later segments\" (no empty line ends them in this segment), or \"http user_agent is cut by the segment: only its start is here\" (host, server, content_type alike: that field holds the start of its value)"},

    {LY_TLS, "record_content_type", F_TLS_CONTENT_TYPE, "first record's type (20 change cipher spec, 21 alert, 22 handshake, 23 application data); nil inside QUIC (no records)"},
    {LY_TLS, "record_version", F_TLS_RECORD_VERSION, "first record's version (0x0301 …)"},
    {LY_TLS, "handshake_type", F_TLS_HS_TYPE, "first handshake message's type (1 ClientHello, 2 ServerHello, 11 Certificate …); nil when the record is not a handshake, continues in later segments or is encrypted"},
    {LY_TLS, "handshake_version", F_TLS_HS_VERSION, "legacy version of a whole ClientHello or ServerHello (0x0303 also for TLS 1.3); else nil"},
    {LY_TLS, "handshake_extensions_supported_version", F_TLS_SUPPORTED_VERSION, "supported_versions of a hello: the highest a ClientHello offers (GREASE left out), the one a ServerHello chose (0x0304 for TLS 1.3); nil without the extension"},
    {LY_TLS, "handshake_extensions_server_name", F_TLS_SNI, "SNI host name of a ClientHello, a string (raw bytes); else nil"},
    {LY_TLS, "handshake_extensions_alpn_str", F_TLS_ALPN, "list of strings: ALPN protocols (\"h2\", \"http/1.1\") offered (ClientHello) or chosen (ServerHello), the first 16; nil without a whole hello"},
    {LY_TLS, "handshake_ciphersuite", F_TLS_CIPHERS, "list of numbers: cipher suites offered (ClientHello, GREASE included) or chosen (ServerHello), the first 128; nil without a whole hello"},
    {LY_TLS, "handshake_extension_type", F_TLS_EXT_TYPES, "list of numbers: extension types in order, GREASE included, the first 128; nil without a whole hello"},
    {LY_TLS, "handshake_ja3", F_TLS_JA3, "JA3 of a whole ClientHello: MD5 of ja3_full, 32 hex digits; else nil"},
    {LY_TLS, "handshake_ja3_full", F_TLS_JA3_FULL, "JA3 string of a whole ClientHello: version,ciphers,extensions,groups,point formats (GREASE left out); else nil"},
    {LY_TLS, "handshake_ja3s", F_TLS_JA3S, "JA3S of a whole ServerHello: MD5 of ja3s_full, 32 hex digits; else nil"},
    {LY_TLS, "handshake_ja3s_full", F_TLS_JA3S_FULL, "JA3S string of a whole ServerHello: version,cipher,extensions (GREASE left out); else nil"},
    {LY_TLS, "handshake_ja4", F_TLS_JA4, "JA4 (FoxIO) of a whole ClientHello, a string: t13d1516h2_8daaf6152771_e5627efa2ab1 over TCP, q… inside a QUIC Initial; else nil"},
    {LY_TLS, "truncated", F_APP_TRUNCATED, "nil, or why the record is not whole in this segment: \"tls record continues in later segments\", \"tls handshake header\", \"tls record\""},
    {LY_TLS, "malformed", F_APP_MALFORMED, "nil, or \"tls hello length lies\""},

    {LY_SSH, "protocol", F_SSH_PROTOCOL, "identification string without its CR LF, a string (SSH-2.0-OpenSSH_9.2); as far as this segment goes when it continues"},
    {LY_SSH, "truncated", F_APP_TRUNCATED, "nil, or \"ssh identification string continues\" when the line does not end in this segment or within 255 bytes"},

    {LY_QUIC, "version", F_QUIC_VERSION, "version (1, 0x6b3343cf for v2, 0xff00001d … 0xff000022 for drafts 29 to 34, 0 for version negotiation)"},
    {LY_QUIC, "dcid", F_QUIC_DCID, "destination connection ID as hex digits, a string; nil when empty"},
    {LY_QUIC, "scid", F_QUIC_SCID, "source connection ID as hex digits, a string; nil when empty or cut off"},
    {LY_QUIC, "truncated", F_APP_TRUNCATED, "nil, or why not all is here: \"quic long header\", \"quic initial cut short by the capture: not decrypted\", \"tls handshake continues in a later quic packet\""},
    {LY_QUIC, "malformed", F_APP_MALFORMED, "nil, or which length of an Initial lies (its token, its Length, a frame in its decrypted payload)"},
    {0, NULL, 0, NULL},
};

/* The field of layer ly with id id, or NULL. */
static const struct field_def *field_find_id(int ly, int id)
{
    for (const struct field_def *f = field_defs; f->name; f++)
        if ((int)f->layer == ly && (int)f->id == id) return f;
    return NULL;
}

/* Wireshark's display-filter names of the fields whose names are not the layer and ours with its
 * underscores read as dots (space-separated; the current name first, then former ones). */
static const struct { enum layer_id layer; enum field_id id; const char *names; } field_aliases[] = {
    {LY_VLAN, F_VLAN_PCP, "vlan.priority"},
    {LY_IP, F_IP_RB, "ip.flags.rb"},
    {LY_IP, F_IP_DF, "ip.flags.df"},
    {LY_IP, F_IP_MF, "ip.flags.mf"},
    {LY_IPV6, F_IPV6_FRAG_MORE, "ipv6.fraghdr.more"},
    {LY_IPV6, F_IPV6_FRAG_ID, "ipv6.fraghdr.ident"},
    {LY_TCP, F_TCP_SEQ, "tcp.seq_raw"},
    {LY_TCP, F_TCP_ACK, "tcp.ack_raw"},
    {LY_TCP, F_TCP_SYN, "tcp.flags.syn"},
    {LY_TCP, F_TCP_FIN, "tcp.flags.fin"},
    {LY_TCP, F_TCP_RESET, "tcp.flags.reset"},
    {LY_TCP, F_TCP_PSH, "tcp.flags.push"},
    {LY_TCP, F_TCP_ACK_FLAG, "tcp.flags.ack"},
    {LY_TCP, F_TCP_URG, "tcp.flags.urg"},
    {LY_TCP, F_TCP_ECE, "tcp.flags.ece tcp.flags.ecn"},
    {LY_TCP, F_TCP_CWR, "tcp.flags.cwr"},
    {LY_TCP, F_TCP_AE, "tcp.flags.ae tcp.flags.ns"},
    {LY_PPPOES, F_PPPOE_VERSION, "pppoe.version"},
    {LY_PPPOES, F_PPPOE_TYPE, "pppoe.type"},
    {LY_PPPOES, F_PPPOE_CODE, "pppoe.code"},
    {LY_PPPOES, F_PPPOE_SESSION_ID, "pppoe.session_id"},
    {LY_PPPOES, F_PPPOE_PAYLOAD_LENGTH, "pppoe.payload_length"},
    {LY_GRE, F_GRE_VERSION, "gre.flags.version"},
    {LY_GRE, F_GRE_PAYLOAD_LENGTH, "gre.key.payload_length"},
    {LY_GRE, F_GRE_CALL_ID, "gre.key.call_id"},
    {0, 0, NULL},
};

const char *field_wireshark_names(const struct field_def *f)
{
    for (int i = 0; field_aliases[i].names; i++)
        if (field_aliases[i].layer == f->layer && field_aliases[i].id == f->id) return field_aliases[i].names;
    return NULL;
}

/* Wireshark names that hold the source's and the destination's value at once (a filter
 * `tcp.port == 80` matches either side): no one value of ours is them. */
static const struct { const char *name, *what, *use; } either_side[] = {
    {"ip.addr", "address", "p:has_addr(a) (true when either is a), or p.src and p.dst"},
    {"ip.host", "address", "p:has_addr(a) (true when either is a), or p.src and p.dst"},
    {"ipv6.addr", "address", "p:has_addr(a) (true when either is a), or p.src and p.dst"},
    {"ipv6.host", "address", "p:has_addr(a) (true when either is a), or p.src and p.dst"},
    {"tcp.port", "port", "p.sport and p.dport (p.tcp.srcport, p.tcp.dstport)"},
    {"udp.port", "port", "p.sport and p.dport (p.udp.srcport, p.udp.dstport)"},
    {"eth.addr", "address", "p.eth.src and p.eth.dst"},
    {NULL, NULL, NULL},
};

bool field_either_side(const char *name, size_t len, char *msg, size_t msgsz)
{
    for (int i = 0; either_side[i].name; i++)
        if (strlen(either_side[i].name) == len && memcmp(either_side[i].name, name, len) == 0) {
            snprintf(msg, msgsz, "'%s' is Wireshark's source-or-destination %s, two values in one name: use %s",
                     either_side[i].name, either_side[i].what, either_side[i].use);
            return true;
        }
    return false;
}

bool field_is_value(int id)
{
    return !((id >= F_L_FRAME && id <= F_OUTER) || (id >= F_L_DNS && id <= F_L_QUIC) || id == F_ICMP_INNER ||
             id == F_M_SHOW || id == F_M_HEX || id == F_M_SUMMARY || id == F_M_HAS_ADDR);
}

/* True when the space-separated list names holds name[0, len). */
static bool in_list(const char *names, const char *name, size_t len)
{
    for (const char *p = names; p && *p;) {
        size_t n = strcspn(p, " ");
        if (n == len && memcmp(p, name, len) == 0) return true;
        p += n;
        while (*p == ' ') p++;
    }
    return false;
}

const struct field_def *field_by_full_name(const char *name, size_t len, int *ly)
{
    for (int i = 0; field_aliases[i].names; i++)
        if (in_list(field_aliases[i].names, name, len)) {
            *ly = (int)field_aliases[i].layer;
            return field_find_id(*ly, field_aliases[i].id);
        }
    const char *dot = memchr(name, '.', len);
    char rest[64];
    if (!dot || memchr(name, 0, len) || len - (size_t)(dot - name) > sizeof rest) return NULL;
    size_t n = (size_t)(dot - name), r = 0;
    for (const char *c = dot + 1; c < name + len; c++) rest[r++] = *c == '.' ? '_' : *c;   /* Wireshark's dots */
    rest[r] = 0;
    for (int l = LY_FRAME; l < LY_COUNT; l++) {
        if (strlen(layer_names[l]) != n || memcmp(name, layer_names[l], n) != 0) continue;
        const struct field_def *f = field_find(l, rest);
        if (f) *ly = l;
        return f;
    }
    return NULL;
}

void field_each_full_name(void (*fn)(void *ctx, int ly, const char *name, const struct field_def *f), void *ctx)
{
    char buf[96];
    for (const struct field_def *f = field_defs; f->name; f++) {
        if (f->layer == LY_PACKET || !field_is_value(f->id)) continue;
        snprintf(buf, sizeof buf, "%s.%s", layer_names[f->layer], f->name);
        fn(ctx, (int)f->layer, buf, f);
        for (const char *p = field_wireshark_names(f); p && *p;) {
            size_t n = strcspn(p, " ");
            snprintf(buf, sizeof buf, "%.*s", (int)n, p);
            fn(ctx, (int)f->layer, buf, f);
            p += n;
            while (*p == ' ') p++;
        }
    }
}

const struct field_def *field_find(int ly, const char *name)
{
    for (const struct field_def *f = field_defs; f->name; f++)
        if ((int)f->layer == ly && strcmp(f->name, name) == 0) return f;
    return NULL;
}

/* Edit distance between a and b (insert, delete, substitute, swap two neighbours), or a
 * number above cap when it is larger than cap or a name is too long to compare. */
#define NAME_MAX_LEN 32
static int distance(const char *a, const char *b, int cap)
{
    size_t n = strlen(a), m = strlen(b);
    if (n > NAME_MAX_LEN || m > NAME_MAX_LEN) return cap + 1;
    int d[NAME_MAX_LEN + 1][NAME_MAX_LEN + 1];
    for (size_t i = 0; i <= n; i++) d[i][0] = (int)i;
    for (size_t j = 0; j <= m; j++) d[0][j] = (int)j;
    for (size_t i = 1; i <= n; i++)
        for (size_t j = 1; j <= m; j++) {
            int best = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
            if (d[i - 1][j] + 1 < best) best = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < best) best = d[i][j - 1] + 1;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < best)
                best = d[i - 2][j - 2] + 1;
            d[i][j] = best;
        }
    return d[n][m];
}

/* How far a slip may be from the name meant: one edit for a short name, up to three for a long one. */
static int suggest_cap(const char *name)
{
    size_t len = strlen(name);
    return len < 6 ? 1 : len < 9 ? 2 : 3;
}

const char *field_suggest(int ly, const char *name)
{
    int cap = suggest_cap(name);
    const char *best = NULL;
    int best_d = cap + 1;
    for (const struct field_def *f = field_defs; f->name; f++) {
        if ((int)f->layer != ly) continue;
        int d = distance(name, f->name, cap);
        if (d < best_d) { best_d = d; best = f->name; }
    }
    return best;
}

struct full_suggest { const char *name; int cap, best_d; char best[96]; };

static void full_suggest_one(void *ctx, int ly, const char *name, const struct field_def *f)
{
    struct full_suggest *s = ctx;
    (void)f;
    int d = distance(s->name, name, s->cap);
    if (d < s->best_d) {
        s->best_d = d;
        snprintf(s->best, sizeof s->best, "%s", name);
    }
    /* "icmpv6.echo_identifier" also as Wireshark writes it, "icmpv6.echo.identifier" (read alike) */
    size_t n = strlen(layer_names[ly]);
    if (strncmp(name, layer_names[ly], n) != 0 || name[n] != '.' || !strchr(name + n + 1, '_')) return;
    char dotted[96];
    snprintf(dotted, sizeof dotted, "%s", name);
    for (char *c = dotted + n + 1; *c; c++) if (*c == '_') *c = '.';
    d = distance(s->name, dotted, s->cap);
    if (d < s->best_d) {
        s->best_d = d;
        snprintf(s->best, sizeof s->best, "%s", dotted);
    }
}

const char *field_suggest_full(const char *name)
{
    static struct full_suggest s;
    s.name = name;
    s.cap = suggest_cap(name);
    s.best_d = s.cap + 1;
    s.best[0] = 0;
    field_each_full_name(full_suggest_one, &s);
    return s.best[0] ? s.best : NULL;
}

const char *name_suggest(const char *name, const char *const *names)
{
    int cap = suggest_cap(name);
    const char *best = NULL;
    int best_d = cap + 1;
    for (; *names; names++) {
        int d = distance(name, *names, cap);
        if (d < best_d) { best_d = d; best = *names; }
    }
    return best;
}

const char *name_suggest_phrase(const char *name, const char *const *names, const char *otherwise, char *out, size_t outsz)
{
    const char *near = name_suggest(name, names);
    if (near) snprintf(out, outsz, " (did you mean %s?)", near);
    else snprintf(out, outsz, "%s", otherwise);
    return out;
}
