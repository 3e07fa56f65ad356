/* PPP (RFC 1661) with or without the HDLC-like address/control bytes 0xFF 0x03 (RFC 1662) and
 * with a compressed (1-byte) protocol field: LINKTYPE_PPP (9), LINKTYPE_PPP_HDLC (50), and the
 * PPP inside PPPoE sessions and PPTP's GRE.  Carries IPv4, IPv6 and MPLS further. */
#include "decode.h"
#include "bytes.h"

enum { PPP_IP = 0x0021, PPP_IPV6 = 0x0057, PPP_MPLS_UC = 0x0281, PPP_MPLS_MC = 0x0283 };

bool decode_ppp(struct decoded *d, const uint8_t *b, size_t len, size_t off, bool hdlc)
{
    struct ppp_info *p = &d->ppp;
    uint8_t a, c = 0, lo;
    *p = (struct ppp_info){0};
    if (!get_u8(b, len, off, &a)) return decode_truncated(d, "ppp header");
    if (a == 0xFF) {   /* address and control present */
        if (!get_u8(b, len, off + 1, &c)) return decode_truncated(d, "ppp header");
        p->address = a;
        p->control = c;
        p->hdlc = true;
        off += 2;
        if (!get_u8(b, len, off, &a)) return decode_truncated(d, "ppp header");
    } else if (hdlc) {
        return decode_malformed(d, "ppp in hdlc framing without address 0xff");
    }
    if (a & 1) {       /* protocol-field compression: one byte */
        p->protocol = a;
        off += 1;
    } else {
        if (!get_u8(b, len, off + 1, &lo)) return decode_truncated(d, "ppp header");
        p->protocol = (uint16_t)(a << 8 | lo);
        off += 2;
    }
    if (!decode_push(d, L_PPP)) return false;
    switch (p->protocol) {
    case PPP_IP: return decode_ipv4(d, b, len, off);
    case PPP_IPV6: return decode_ipv6(d, b, len, off);
    case PPP_MPLS_UC: case PPP_MPLS_MC: return decode_mpls(d, b, len, off);
    default: return true;   /* LCP, IPCP, CCP …: control traffic, not decoded */
    }
}

/* LINKTYPE_PPP_HDLC: PPP in HDLC-like framing (first byte 0xFF); Cisco HDLC frames
 * (0x0F/0x8F) in the same link type are not decoded. */
bool decode_chdlc_or_ppp(struct decoded *d, const uint8_t *b, size_t len, size_t off)
{
    uint8_t a;
    if (!get_u8(b, len, off, &a)) return decode_truncated(d, "ppp header");
    if (a != 0xFF) return true;
    return decode_ppp(d, b, len, off, true);
}
