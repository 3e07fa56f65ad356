/* Frame decoding entry point: dispatches on the link type through a
 * {linktype, decoder} table, then each layer hands over to the next.
 * Fills a caller-owned struct decoded; allocates nothing. */
#include "decode.h"
#include "bytes.h"

#include <stddef.h>
#include <string.h>

bool decode_truncated(struct decoded *d, const char *why)
{
    if (!d->truncated && !d->malformed) d->truncated = why;
    return false;
}

bool decode_malformed(struct decoded *d, const char *why)
{
    if (!d->truncated && !d->malformed) d->malformed = why;
    return false;
}

/* Zeroes d with plain vector stores: memset of a few hundred bytes becomes `rep stos`, whose
 * start-up cost was most of decode_frame's time (the attribute keeps GCC from turning this loop
 * back into memset). */
#if defined(__GNUC__) && !defined(__clang__)
__attribute__((optimize("no-tree-loop-distribute-patterns")))
#endif
static void clear(struct decoded *d)
{
    memset(d, 0, offsetof(struct decoded, mpls));   /* a constant size: a few vector stores, no call */
}

static const char *const layer_name[DECODE_LAYER_KINDS] = {
    "eth", "vlan", "sll", "null", "ip", "ipv6", "tcp", "udp", "icmp", "icmpv6",
    "mpls", "pppoes", "ppp", "gre", "erspan", "vxlan", "geneve", "nflog", "ipnet", "gtp"
};

const char *decode_layer_name(unsigned bit)
{
    return bit < DECODE_LAYER_KINDS ? layer_name[bit] : "?";
}

bool decode_push(struct decoded *d, uint32_t bit)
{
    if (d->nstack >= DECODE_MAX_LAYERS) return decode_malformed(d, "more than 48 layers");
    d->stack[d->nstack++] = (uint8_t)__builtin_ctz(bit);
    d->layers |= bit;
    return true;
}

void decode_tunnel(struct decoded *d, size_t end)
{
    d->pending = true;
    d->pending_end = (uint32_t)(end < d->wire_end ? end : d->wire_end);
}

void decode_stay(struct decoded *d)
{
    d->pending = false;
    d->stayed = true;
}

int decode_cross(struct decoded *d)
{
    if (!d->pending) return 1;
    if (d->depth >= d->max_depth) {
        if (d->max_depth < DECODE_MAX_TUNNELS) return 0;
        decode_malformed(d, "more than 8 nested tunnels");
        return -1;
    }
    d->pending = false;
    d->depth++;
    d->wire_end = d->pending_end;
    d->layers &= ~(uint32_t)L_CROSSED;   /* what came before belongs to p.outer */
    d->vlan.count = 0;
    d->ip_version = 0;
    d->l4_proto = 0;
    d->fragment = false;
    d->frag_cut = d->frag_held = d->frag_need = 0;   /* an outer fragment's is the outer packet's */
    d->l3_off = d->l4_off = 0;
    d->payload_off = d->payload_len = d->payload_caplen = 0;
    d->ip6.has_frag = d->ip6.frag_more = false;   /* an outer fragment header is the outer packet's */
    d->ip6.frag_offset = 0;
    d->ip6.frag_id = 0;
    d->tcp.fixed = false;
    d->tcp.hlen = 0;
    d->tcp.opts = 0;
    d->tcp.sack_count = 0;
    d->sctp.ports = false;
    d->icmp.has_inner = false;
    return 1;
}

void decode_frag_cut(struct decoded *d, const uint8_t *b, size_t len, size_t l4, uint8_t proto, bool first, size_t offset,
                     size_t held, size_t least)
{
    if (!first) {
        if (proto == 6 && offset < 20) d->frag_cut = FRAG_CUT_INSIDE;
        return;
    }
    size_t need = proto == 6 ? 20 : (proto == 17 || proto == 1 || proto == 58) ? 8 : 0;
    uint8_t off_byte;
    if (proto == 6 && held >= 13 && get_u8(b, len, l4 + 12, &off_byte) && (size_t)(off_byte >> 4) * 4 > need)
        need = (size_t)(off_byte >> 4) * 4;   /* the options too */
    if (held < need) {
        d->frag_cut = FRAG_CUT_HEADER;
        d->frag_need = (uint8_t)need;         /* at most 60 */
    } else if (held < least) {
        d->frag_cut = FRAG_CUT_SMALL;
        d->frag_need = (uint8_t)least;        /* at most 48 */
    } else {
        return;
    }
    d->frag_held = (uint8_t)held;             /* below frag_need */
}

/* Raw IP: the version nibble says which (also under MPLS, NFLOG of an unknown family …). */
bool decode_raw(struct decoded *d, const uint8_t *b, size_t len, size_t off)
{
    uint8_t v;
    if (!get_u8(b, len, off, &v)) return decode_truncated(d, "ip");
    if ((v >> 4) == 4) return decode_ipv4(d, b, len, off);
    if ((v >> 4) == 6) return decode_ipv6(d, b, len, off);
    return decode_malformed(d, "raw ip version not 4 or 6");
}

static bool link_eth(struct decoded *d, const uint8_t *b, size_t len) { return decode_eth(d, b, len, 0); }
static bool link_sll(struct decoded *d, const uint8_t *b, size_t len) { return decode_sll(d, b, len, 0); }
static bool link_sll2(struct decoded *d, const uint8_t *b, size_t len) { return decode_sll2(d, b, len, 0); }
static bool link_null(struct decoded *d, const uint8_t *b, size_t len) { return decode_null(d, b, len, 0, false); }
static bool link_loop(struct decoded *d, const uint8_t *b, size_t len) { return decode_null(d, b, len, 0, true); }
static bool link_raw(struct decoded *d, const uint8_t *b, size_t len) { return decode_raw(d, b, len, 0); }
static bool link_ipv4(struct decoded *d, const uint8_t *b, size_t len) { return decode_ipv4(d, b, len, 0); }
static bool link_ipv6(struct decoded *d, const uint8_t *b, size_t len) { return decode_ipv6(d, b, len, 0); }
static bool link_ppp(struct decoded *d, const uint8_t *b, size_t len) { return decode_ppp(d, b, len, 0, false); }
static bool link_ppp_hdlc(struct decoded *d, const uint8_t *b, size_t len) { return decode_chdlc_or_ppp(d, b, len, 0); }
static bool link_ipnet(struct decoded *d, const uint8_t *b, size_t len) { return decode_ipnet(d, b, len, 0); }
static bool link_nflog(struct decoded *d, const uint8_t *b, size_t len) { return decode_nflog(d, b, len, 0); }

static const struct {
    int linktype;
    bool (*decode)(struct decoded *, const uint8_t *, size_t);
} link_table[] = {
    {LT_ETHERNET, link_eth}, {LT_LINUX_SLL, link_sll}, {LT_LINUX_SLL2, link_sll2},
    {LT_NULL, link_null}, {LT_LOOP, link_loop}, {LT_RAW, link_raw},
    {LT_DLT_RAW_ALT1, link_raw}, {LT_DLT_RAW_ALT2, link_raw},
    {LT_IPV4, link_ipv4}, {LT_IPV6, link_ipv6}, {LT_PPP, link_ppp}, {LT_PPP_HDLC, link_ppp_hdlc},
    {LT_IPNET, link_ipnet}, {LT_NFLOG, link_nflog}, {0, NULL}
};

bool decode_linktype_known(int linktype)
{
    for (size_t i = 0; link_table[i].decode; i++)
        if (link_table[i].linktype == linktype) return true;
    return false;
}

void decode_frame(struct decoded *d, int linktype, const uint8_t *b, uint32_t caplen,
                  uint32_t wirelen, const struct reset_table *table)
{
    decode_frame_depth(d, linktype, b, caplen, wirelen, table, DECODE_MAX_TUNNELS);
}

void decode_frame_depth(struct decoded *d, int linktype, const uint8_t *b, uint32_t caplen,
                        uint32_t wirelen, const struct reset_table *table, unsigned max_depth)
{
    clear(d);
    d->linktype = linktype;
    d->caplen = caplen;
    d->wirelen = wirelen < caplen ? caplen : wirelen;
    d->wire_end = d->wirelen;
    d->max_depth = (uint8_t)(max_depth < DECODE_MAX_TUNNELS ? max_depth : DECODE_MAX_TUNNELS);
    for (size_t i = 0; link_table[i].decode; i++) {
        if (link_table[i].linktype == linktype) {
            link_table[i].decode(d, b, caplen);
            break;
        }
    }
    decode_reset_cause(d, b, table);
}

void decode_reset_cause(struct decoded *d, const uint8_t *b, const struct reset_table *table)
{
    d->has_reset_cause = (d->layers & L_TCP) && (d->tcp.flags & TCP_RST) && d->payload_caplen > 0 &&
                         reset_classify(table, b + d->payload_off, d->payload_caplen,
                                        d->payload_caplen < d->payload_len, &d->reset_cause);
}

bool decode_icmp_inner(const struct decoded *outer, const uint8_t *b, struct decoded *inner,
                       const struct reset_table *table)
{
    if (!(outer->layers & (L_ICMP | L_ICMPV6)) || !outer->icmp.has_inner) return false;
    /* The quote is cut short by design: a huge wire length makes that "truncated", not "malformed". */
    decode_frame(inner, LT_RAW, b + outer->icmp.inner_off, outer->icmp.inner_len, UINT32_MAX, table);
    return true;
}
