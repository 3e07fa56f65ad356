/* Community ID v1: SHA-1 over seed, ordered addresses, protocol, padding and
 * ordered ports (TCP, UDP and SCTP ports; ICMP type/code mapped to ports with the
 * spec's pairing table; none for other protocols),
 * base64-encoded behind "1:". */
#include "community_id.h"

#include <openssl/evp.h>
#include <pthread.h>
#include <string.h>

/* SHA-1 fetched from the provider once: EVP_sha1() in EVP_Digest fetches it again on every call
 * (about 50,000 instructions, most of a finding's cost). */
static EVP_MD *sha1_fetched;
static void sha1_fetch(void) { sha1_fetched = EVP_MD_fetch(NULL, "SHA1", NULL); }
static const EVP_MD *sha1(void)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, sha1_fetch);
    return sha1_fetched ? sha1_fetched : EVP_sha1();
}

/* ICMP request/reply pairs make a two-way flow; others are one-way. */
static bool icmp_pair(bool v6, uint8_t type, uint8_t *other)
{
    static const uint8_t v4[][2] = {{8, 0}, {0, 8}, {13, 14}, {14, 13}, {15, 16}, {16, 15},
                                    {10, 9}, {9, 10}, {17, 18}, {18, 17}};
    static const uint8_t v6t[][2] = {{128, 129}, {129, 128}, {133, 134}, {134, 133}, {135, 136},
                                     {136, 135}, {130, 131}, {131, 130}, {144, 145}, {145, 144}};
    const uint8_t (*tab)[2] = v6 ? v6t : v4;
    for (size_t i = 0; i < 10; i++)
        if (tab[i][0] == type) { *other = tab[i][1]; return true; }
    return false;
}

void community_id(const struct decoded *d, uint16_t seed, char out[COMMUNITY_ID_MAX])
{
    const uint8_t *sa, *da;
    size_t alen;
    out[0] = '\0';
    if (d->layers & L_IPV4) { sa = d->ip4.src; da = d->ip4.dst; alen = 4; }
    else if (d->layers & L_IPV6) { sa = d->ip6.src; da = d->ip6.dst; alen = 16; }
    else return;
    uint16_t sp = 0, dp = 0;
    bool one_way = false;
    if (d->layers & L_TCP) { sp = d->tcp.sport; dp = d->tcp.dport; }
    else if (d->layers & L_UDP) { sp = d->udp.sport; dp = d->udp.dport; }
    else if (d->l4_proto == 132 && d->sctp.ports) { sp = d->sctp.sport; dp = d->sctp.dport; }   /* SCTP has ports */
    else if (d->layers & (L_ICMP | L_ICMPV6)) {
        uint8_t other;
        sp = d->icmp.type;
        if (icmp_pair(d->layers & L_ICMPV6, d->icmp.type, &other)) dp = other;
        else { dp = d->icmp.code; one_way = true; }
    }
    int c = memcmp(sa, da, alen);
    bool swap = !one_way && (c > 0 || (c == 0 && sp > dp));
    uint8_t buf[2 + 16 + 16 + 2 + 4], *p = buf;
    *p++ = (uint8_t)(seed >> 8); *p++ = (uint8_t)seed;
    memcpy(p, swap ? da : sa, alen); p += alen;
    memcpy(p, swap ? sa : da, alen); p += alen;
    *p++ = d->l4_proto; *p++ = 0;
    bool ports = ((d->layers & (L_TCP | L_UDP | L_ICMP | L_ICMPV6)) || (d->l4_proto == 132 && d->sctp.ports)) &&
                 !d->fragment;
    if (ports) {
        uint16_t a = swap ? dp : sp, b = swap ? sp : dp;
        *p++ = (uint8_t)(a >> 8); *p++ = (uint8_t)a; *p++ = (uint8_t)(b >> 8); *p++ = (uint8_t)b;
    }
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int mdlen = 0;
    if (!EVP_Digest(buf, (size_t)(p - buf), md, &mdlen, sha1(), NULL)) return;
    memcpy(out, "1:", 2);
    EVP_EncodeBlock((unsigned char *)out + 2, md, (int)mdlen);
}
