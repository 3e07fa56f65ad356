/* The one packet loop (see engine.h): read → decode once → conditions and events per
 * consumer → callbacks (which see each flow as it was before the packet) → flow/host update.
 * Allocates nothing per packet. */
#include "engine.h"
#include "summary.h"
#include "app.h"
#include "flowpeek.h"
#include "vlan.h"
#include "readahead.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A flow's service as its initiator sees it, as 64 bits: both addresses and the responder's port (the
 * address pair, not the responder alone: a split run's part holds some address pairs, and must
 * decide as one process does).  Never 0 (an empty slot of the set). */
static uint64_t service_key(const struct flow *f)
{
    int r = f->initiator > 0 ? 0 : 1;
    uint16_t port[2] = {0, 0};
    port[r] = f->port[r];   /* the responder's, on its side: the initiator's ports are one service's */
    return flow_fingerprint(f->addr, port, f->version, f->proto);
}

/* A failed connection still in its handshake (neither refused by a RST nor closed) that began less
 * than ENGINE_UNDECIDED_SYN s before the capture's last packet: its answer may have come after.  One
 * begun earlier had a retransmission timeout's time to be answered. */
static bool undecided(const struct engine *e, const struct flow *f)
{
    return !(f->state & (FS_RST | FS_FIN)) && e->flows->now - f->first_time < ENGINE_UNDECIDED_SYN;
}

/* In the set engine_finish made of the services with a failure decided among the flows left. */
static bool service_failed(const struct engine *e, const struct flow *f)
{
    if (!e->failed_keys) return false;
    uint64_t k = service_key(f);
    for (size_t i = k & (e->failed_cap - 1);; i = (i + 1) & (e->failed_cap - 1)) {
        if (e->failed_keys[i] == k) return true;
        if (!e->failed_keys[i]) return false;
    }
}

bool engine_connection_failed(const struct engine *e, const struct flow *f)
{
    /* At the capture's end a handshake still under way is undecided: a busy server's or NAT's last
       connections whose answers came after the capture are no failures.  It counts only when the same
       initiator's attempts at the same service had a failure decided (a flood from one host's many
       ports, a scan's host and port probed again). */
    if (!flow_failed_connection(f)) return false;
    return !(e->finishing && e->flows && undecided(e, f)) || service_failed(e, f);
}

/* A flow leaving the table: EV_FLOW_END to every consumer that asked for it, EV_CONN_FAILED to
 * those that asked for connections that never were, when it is one (decided here, in C: most
 * flows are connections, and no Lua runs for them). */
static void flow_ended(void *ctx, const struct flow *f, uint32_t index)
{
    struct engine *e = ctx;
    bool failed = engine_connection_failed(e, f);
    unsigned holds = EV_FLOW_END | (failed ? EV_CONN_FAILED : 0);
    for (int i = 0; i < e->nconsumers; i++) {
        struct engine_consumer *k = e->consumers[i];
        unsigned ev = k->events & holds;
        const struct flow_end_want *w = &k->flow_end;
        if ((ev & EV_FLOW_END) && ((f->state & w->all) != w->all || (f->state & w->none) ||
                                   (w->proto && f->proto != w->proto) ||
                                   (w->unanswered && f->dir[f->initiator > 0 ? 0 : 1].packets)))
            ev &= ~(unsigned)EV_FLOW_END;
        if (k->active && ev && k->on_flow_end) k->on_flow_end(k->ctx, f, index, ev);
    }
    if (e->on_removed && !e->finishing) e->on_removed(e->quoted_ctx, f);
}

void engine_init(struct engine *e, const struct reset_table *resets, struct flow_table *flows)
{
    memset(e, 0, sizeof *e);
    e->resets = resets;
    e->flows = flows;
    if (flows) {
        flows->on_end = flow_ended;
        flows->on_end_ctx = e;
    }
}

bool engine_add(struct engine *e, struct engine_consumer *c)
{
    if (e->nconsumers == ENGINE_MAX_CONSUMERS) return false;
    e->consumers[e->nconsumers++] = c;
    engine_replan(e);
    return true;
}

/* The port index of the current consumers (struct engine_ports): a port id for each prepared
 * alternative with a port list, up to ENGINE_PORT_IDS, and the classes of ports they name.  With
 * more ids or classes than it holds, ok stays false and those alternatives test their lists. */
static void ports_build(const struct engine *e, struct engine_matcher *mm)
{
    struct engine_ports *P = &mm->ports;
    P->ready = true;
    P->ok = false;
    memset(P->id, 0, sizeof P->id);
    int n = 0;
    for (int i = 0; i < e->nconsumers; i++) {
        const struct engine_consumer *k = e->consumers[i];
        for (int j = 0; !k->all && j < k->nmatches && j < 31; j++) {
            const struct match *m = &k->matches[j];
            if (!m->q_ready || !(m->q_pre & M_PORT)) continue;
            if (n == ENGINE_PORT_IDS) { memset(P->id, 0, sizeof P->id); return; }
            P->id[i][j] = (uint8_t)++n;
        }
    }
    if (!n) return;
    memset(P->class_of, 0, sizeof P->class_of);
    P->mask[0] = 0;
    int nclass = 1;
    for (int i = 0; i < e->nconsumers; i++)
        for (int j = 0; j < 31; j++) {
            if (!P->id[i][j]) continue;
            const struct match *m = &e->consumers[i]->matches[j];
            uint64_t bit = 1ull << (P->id[i][j] - 1);
            for (int q = 0; q < m->nports; q++) {
                uint16_t port = m->ports[q];
                uint64_t want = P->mask[P->class_of[port]] | bit;
                int c = 0;
                while (c < nclass && P->mask[c] != want) c++;
                if (c == nclass) {
                    if (nclass == 256) { memset(P->id, 0, sizeof P->id); return; }
                    P->mask[nclass++] = want;
                }
                P->class_of[port] = (uint8_t)c;
            }
        }
    P->ok = true;
}

/* The port ids whose lists name the packet's source or destination port (0 without TCP or UDP). */
static inline uint64_t port_hits(const struct engine_ports *P, const struct decoded *d)
{
    uint16_t sp, dp;
    if (d->layers & L_TCP) { sp = d->tcp.sport; dp = d->tcp.dport; }
    else if (d->layers & L_UDP) { sp = d->udp.sport; dp = d->udp.dport; }
    else return 0;
    return P->mask[P->class_of[sp]] | P->mask[P->class_of[dp]];
}

/* Sets bits lo..hi of a plan's 256-bit TTL set. */
static void ttl_set_add(uint64_t set[4], unsigned lo, unsigned hi)
{
    for (unsigned t = lo; t <= hi; t++) set[t >> 6] |= 1ull << (t & 63);
}

/* The plan for feature word feat (see struct engine_plan), made on first use. */
static const struct engine_plan *plan_for(const struct engine *e, struct engine_matcher *mm, uint32_t feat)
{
    struct engine_plan *pl = &mm->plans[(feat * 0x9e3779b1u) >> 24 & (ENGINE_PLAN_SLOTS - 1)];
    if (pl->state && pl->feat == feat) return pl;
    if (!mm->ports.ready) ports_build(e, mm);
    pl->feat = feat;
    pl->state = 1;
    pl->n = 0;
    pl->ports = false;
    pl->yes = 0;
    pl->nttl = 0;
    for (int i = 0; i < e->nconsumers; i++) {
        const struct engine_consumer *k = e->consumers[i];
        int nj = k->all ? 1 : k->nmatches < 31 ? k->nmatches : 31;
        for (int j = 0; j < nj; j++) {
            const struct match *m = k->all ? NULL : &k->matches[j];
            if (m && m->q_ready && !match_quick(m, feat)) continue;
            if (!m || (m->q_ready && !m->q_wait && m->q_full)) {   /* it holds: the consumer matches, whatever else */
                pl->yes |= 1ull << i;
                continue;
            }
            if (m->q_ready && m->q_wait && pl->n && pl->cand[pl->n - 1].consumer == i && pl->cand[pl->n - 1].kind == PK_WAIT) {
                pl->cand[pl->n - 1].waits |= 2u << j;   /* the consumer's previous candidate waits too: one for both */
                continue;
            }
            if (pl->n == ENGINE_PLAN_MAX) { pl->state = 2; return pl; }
            struct plan_cand *c = &pl->cand[pl->n++];
            *c = (struct plan_cand){.consumer = (uint8_t)i, .alt = (uint8_t)j};
            uint8_t pid = mm->ports.ok ? mm->ports.id[i][j] : 0;
            if (!m->q_ready) c->kind = PK_PACKET;
            else if (m->q_wait) { c->kind = PK_WAIT; c->waits = 2u << j; }
            else if (!m->q_more && m->q_pre == M_TTL) {
                struct plan_cand *prev = pl->n >= 2 ? c - 1 : NULL;   /* the consumer's TTL range just before: one test for both */
                if (prev && prev->consumer == i && (prev->kind == PK_TTL_SET || (prev->kind == PK_TTL && pl->nttl < ENGINE_PLAN_TTL_SETS))) {
                    if (prev->kind == PK_TTL) {
                        uint64_t *set = pl->ttl_set[pl->nttl];
                        memset(set, 0, sizeof pl->ttl_set[0]);
                        ttl_set_add(set, prev->lo, prev->hi);
                        prev->kind = PK_TTL_SET;
                        prev->lo = pl->nttl++;
                    }
                    uint64_t *set = pl->ttl_set[prev->lo];
                    ttl_set_add(set, m->ttl_min, m->ttl_max);
                    pl->n--;
                    continue;
                }
                c->kind = PK_TTL; c->lo = m->ttl_min; c->hi = m->ttl_max;
            }
            else if (!m->q_more && m->q_pre == M_IP_ID) { c->kind = PK_IP_ID; c->waits = (uint32_t)m->ip_id_min << 16 | m->ip_id_max; }
            else if (pid) { c->kind = !m->q_more && m->q_pre == M_PORT ? PK_PORT : PK_PORT_REST; c->lo = (uint8_t)(pid - 1); pl->ports = true; }
            else c->kind = PK_REST;
        }
    }
    /* a consumer that matches outright needs none of its candidates: drop them */
    int n = 0;
    for (int c = 0; c < pl->n; c++)
        if (!(pl->yes >> pl->cand[c].consumer & 1)) pl->cand[n++] = pl->cand[c];
    pl->n = (uint8_t)n;
    return pl;
}

/* Byte by byte, no call: most addresses differ from a prefix in their first byte. */
static inline bool prefix_match(const struct prefix *p, int version, const uint8_t *a)
{
    if (p->version != version) return false;
    unsigned len = p->len, i = 0;
    for (; len >= 8; len -= 8, i++)
        if (p->addr[i] != a[i]) return false;
    if (!len) return true;
    uint8_t mask = (uint8_t)(0xff << (8 - len));
    return ((p->addr[i] ^ a[i]) & mask) == 0;
}

/* Source and destination the same address (LAND): fixed-size loads, no call. */
static inline bool same_address(const uint8_t *a, const uint8_t *b, int v)
{
    uint64_t x[2], y[2];
    if (v == 4) { uint32_t p, q; memcpy(&p, a, 4); memcpy(&q, b, 4); return p == q; }
    memcpy(x, a, 16);
    memcpy(y, b, 16);
    return ((x[0] ^ y[0]) | (x[1] ^ y[1])) == 0;
}

/* The conditions match_packet and match_rest share; the packet has the layer each one needs. */
static inline bool ports_match(const struct match *m, uint16_t sp, uint16_t dp)
{
    if (!(m->port_bits >> (sp & 63) & 1) && !(m->port_bits >> (dp & 63) & 1)) return false;
    for (int i = 0; i < m->nports; i++)
        if (m->ports[i] == sp || m->ports[i] == dp) return true;
    return false;
}

static inline bool prefixes_match(const struct prefix *list, int n, int version, const uint8_t *a)
{
    for (int i = 0; i < n; i++)
        if (prefix_match(&list[i], version, a)) return true;
    return false;
}

static inline bool ttl_match(const struct match *m, const struct decoded *d)
{
    uint8_t ttl = d->ip_version == 4 ? d->ip4.ttl : d->ip6.hlim;
    return ttl >= m->ttl_min && ttl <= m->ttl_max;
}

/* A program compiled for raw IP, run on the frame from its (innermost) IP header. */
static bool bpf_from_ip(const struct bpf_program *prog, const struct frame *f, const struct decoded *d)
{
    struct pcap_pkthdr h = f->hdr;
    if (d->l3_off > h.caplen) return false;
    h.caplen -= d->l3_off;
    h.len = h.len > d->l3_off ? h.len - d->l3_off : h.caplen;
    return pcap_offline_filter(prog, &h, f->bytes + d->l3_off) != 0;
}

bool match_packet(const struct match *m, const struct frame *f, const struct decoded *d)
{
    uint32_t set = m->set;
    if (!set) return true;
    /* the most selective tests first: most packets fail one of these */
    if ((set & M_RESET_CAUSE) && !d->has_reset_cause) return false;
    if ((set & M_FRAG_CUT) && !d->frag_cut) return false;
    if ((set & M_IP_ID) && (!(d->layers & L_IPV4) || d->ip4.id < m->ip_id_min || d->ip4.id > m->ip_id_max)) return false;
    if ((set & M_TCP_ANY) && (!(d->layers & L_TCP) || !(d->tcp.flags & m->tcp_any))) return false;
    if (set & M_ICMP_TYPE) {
        if (!(d->layers & (L_ICMP | L_ICMPV6))) return false;
        uint8_t t = d->icmp.type;
        if (!(m->icmp_types[t >> 6] >> (t & 63) & 1)) return false;
    }
    int v = d->ip_version;
    if ((set & (M_IP | M_IP4 | M_IP6 | M_PROTO | M_SRC | M_DST | M_TTL | M_SRC_IS_DST)) && !v) return false;
    if ((set & M_IP4) && v != 4) return false;
    if ((set & M_IP6) && v != 6) return false;
    if (set & M_PROTO) {   /* as p.proto says it: the decoded layer where there is one */
        uint32_t bit = m->proto == 6 ? L_TCP : m->proto == 17 ? L_UDP : m->proto == 1 ? L_ICMP : m->proto == 58 ? L_ICMPV6 : 0;
        if (bit ? !(d->layers & bit) : (d->fragment || d->malformed || d->l4_proto != m->proto)) return false;
    }
    if (set & (M_TCP_ANY | M_TCP_ALL | M_TCP_NONE)) {
        if (!(d->layers & L_TCP) || !d->tcp.fixed) return false;
        uint16_t fl = d->tcp.flags;
        if ((set & M_TCP_ANY) && !(fl & m->tcp_any)) return false;
        if ((set & M_TCP_ALL) && (fl & m->tcp_all) != m->tcp_all) return false;
        if ((set & M_TCP_NONE) && (fl & m->tcp_none)) return false;
    }
    if (set & M_PORT) {
        uint16_t sp, dp;
        if (d->layers & L_TCP) { sp = d->tcp.sport; dp = d->tcp.dport; }
        else if (d->layers & L_UDP) { sp = d->udp.sport; dp = d->udp.dport; }
        else return false;
        if (!ports_match(m, sp, dp)) return false;
    }
    const uint8_t *src = v == 4 ? d->ip4.src : d->ip6.src;
    if ((set & M_SRC) && !prefixes_match(m->src, m->nsrc, v, src)) return false;
    if ((set & M_DST) && !prefixes_match(m->dst, m->ndst, v, v == 4 ? d->ip4.dst : d->ip6.dst)) return false;
    if (set & M_SRC_IS_DST) {
        const uint8_t *dst = v == 4 ? d->ip4.dst : d->ip6.dst;
        if (!same_address(src, dst, v)) return false;
    }
    if ((set & M_TTL) && !ttl_match(m, d)) return false;
    if ((set & M_PAYLOAD) && d->payload_caplen == 0) return false;
    if (set & M_PORT_NOT) {
        uint16_t sp = (d->layers & L_TCP) ? d->tcp.sport : d->udp.sport, dp = (d->layers & L_TCP) ? d->tcp.dport : d->udp.dport;
        if (!(d->layers & (L_TCP | L_UDP))) return false;
        for (int i = 0; i < m->nports_not; i++)
            if (m->ports_not[i] == sp || m->ports_not[i] == dp) return false;
    }
    /* with first_data, the payload is looked at after the flow lookup, for first payloads only */
    if ((set & (M_APP | M_APP_NOT)) && !(set & M_FIRST_DATA)) {
        bool bad;
        enum app_proto a = app_sniff(d, f->bytes, &bad);
        if ((set & M_APP) && !(m->app & (1u << a))) return false;
        if ((set & M_APP_NOT) && !bad && (m->app_not & (1u << a))) return false;   /* malformed counts as not */
    }
    if ((set & M_DNS_ODD) && !app_dns_odd_query(d, f->bytes, m->dns_odd)) return false;
    if ((set & M_DNS_TXT_REPLY) && !app_dns_txt_reply(d, f->bytes, m->dns_txt_reply, m->dns_txt_reply_len)) return false;
    if ((set & M_FRAME_BPF) && !capture_filter_match(&m->bpf, f)) return false;
    if ((set & M_BPF) && !v) return (set & M_FRAME_FALLBACK) && capture_filter_match(&m->frame_bpf, f);
    if ((set & M_BPF) && !bpf_from_ip(&m->bpf, f, d)) return false;
    return true;
}

int match_compile_bpf(struct match *m, const char *expr, char *err, size_t errsz)
{
    pcap_t *dead = pcap_open_dead(DLT_RAW, 262144);
    if (!dead) {
        snprintf(err, errsz, "out of memory");
        return -1;
    }
    int rc = pcap_compile(dead, &m->bpf, expr, 1, PCAP_NETMASK_UNKNOWN);
    if (rc != 0) snprintf(err, errsz, "bad filter \"%s\": %s", expr, pcap_geterr(dead));
    else m->set |= M_BPF;
    pcap_close(dead);
    return rc == 0 ? 0 : -1;
}

int match_compile_frame_bpf(struct match *m, int linktype, const char *expr, char *err, size_t errsz)
{
    if (bpf_compile_for(linktype, expr, &m->bpf, err, errsz) != 0) return -1;
    m->set |= M_FRAME_BPF;
    return 0;
}

void match_compile_frame_fallback(struct match *m, int linktype, const char *expr)
{
    char err[PCAP_ERRBUF_SIZE + 64];
    if (bpf_compile_for(linktype, expr, &m->frame_bpf, err, sizeof err) == 0) m->set |= M_FRAME_FALLBACK;
}

/* bits[version][byte]: the first address bytes one of the prefixes allows. */
static void first_bytes(uint64_t bits[2][4], const struct prefix *list, int n)
{
    memset(bits, 0, 2 * 4 * sizeof bits[0][0]);
    for (int i = 0; i < n; i++)
        for (unsigned b = 0; b < 256; b++) {
            unsigned len = list[i].len < 8 ? list[i].len : 8;
            uint8_t mask = (uint8_t)(0xff00u >> len);
            if (((b ^ list[i].addr[0]) & mask) == 0) bits[list[i].version == 6][b >> 6] |= 1ull << (b & 63);
        }
}

static inline bool first_byte_allowed(const uint64_t bits[2][4], int v, uint8_t b)
{
    return bits[v == 6][b >> 6] >> (b & 63) & 1;
}

void match_prepare(struct match *m)
{
    uint32_t set = m->set, all = 0, none = 0, any1 = 0, any2 = 0;
    uint32_t decided = M_IP4 | M_IP6 | M_IP | M_TCP_ANY | M_TCP_ALL | M_TCP_NONE | M_PAYLOAD | M_RESET_CAUSE | M_NEW_FLOW |
                       M_OLD_FLOW | M_AFTER_RST | M_FRAG_CUT;
    if (set & M_IP4) all |= PF_IP4;
    if (set & M_IP6) all |= PF_IP6;
    if (set & (M_IP | M_SRC | M_DST | M_TTL | M_SRC_IS_DST)) all |= PF_IP;
    if (set & M_PROTO) {
        uint32_t bit = m->proto == 6 ? PF_TCP : m->proto == 17 ? PF_UDP : m->proto == 1 ? PF_ICMP : m->proto == 58 ? PF_ICMPV6 : 0;
        if (bit) { all |= bit; decided |= M_PROTO; }
        else {   /* a decoded TCP, UDP or ICMP layer is the final protocol's (a tunnel crossed clears it) */
            all |= PF_IP;
            none |= PF_TCP | PF_UDP | PF_ICMP | PF_ICMPV6;
        }
    }
    if (set & (M_TCP_ANY | M_TCP_ALL | M_TCP_NONE)) all |= PF_TCP_FIXED;
    if (set & M_TCP_ANY) any1 = m->tcp_any;
    if (set & M_TCP_ALL) all |= m->tcp_all;
    if (set & M_TCP_NONE) none |= m->tcp_none;
    if (set & M_IP_ID) all |= PF_IP4;
    if (set & M_PAYLOAD) all |= PF_PAYLOAD;
    if (set & M_RESET_CAUSE) all |= PF_RESET_CAUSE;
    if (set & M_FRAG_CUT) all |= PF_FRAG_CUT;
    if (set & M_PORT) { if (any1) any2 = PF_TCP | PF_UDP; else any1 = PF_TCP | PF_UDP; }
    if ((set & M_ICMP_TYPE) && !any2) { if (any1) any2 = PF_ICMP | PF_ICMPV6; else any1 = PF_ICMP | PF_ICMPV6; }
    m->q_all = all;
    m->q_none = none;
    m->q_any1 = any1;
    m->q_any2 = any2;
    m->q_full = !(set & ~decided);
    uint32_t rest = set & ~decided & ~(uint32_t)(M_IP4 | M_IP6 | M_IP);
    /* M_PROTO is left only for a protocol without a feature bit (IGMP, OSPF, PIM, VRRP ...) */
    uint32_t inl = M_PORT | M_TTL | M_SRC | M_DST | M_IP_ID | M_ICMP_TYPE | M_SRC_IS_DST | M_PROTO;
    m->q_pre = rest & inl;
    m->q_more = (rest & ~inl & ~(uint32_t)(M_NEW_FLOW | M_OLD_FLOW | M_AFTER_RST | M_FIRST_DATA)) != 0;
    m->q_wait = (set & (M_NEW_FLOW | M_OLD_FLOW | M_AFTER_RST | M_FIRST_DATA)) != 0;
    first_bytes(m->src_first, m->src, m->nsrc);
    first_bytes(m->dst_first, m->dst, m->ndst);
    m->q_ready = true;
}

void match_free(struct match *m)
{
    if (m->set & (M_BPF | M_FRAME_BPF)) pcap_freecode(&m->bpf);
    if (m->set & M_FRAME_FALLBACK) pcap_freecode(&m->frame_bpf);
    m->set &= ~(uint32_t)(M_BPF | M_FRAME_BPF | M_FRAME_FALLBACK);
}

bool prefix_parse(struct prefix *p, const char *s)
{
    char buf[64];
    const char *slash = strchr(s, '/');
    size_t n = slash ? (size_t)(slash - s) : strlen(s);
    if (n >= sizeof buf) return false;
    memcpy(buf, s, n);
    buf[n] = 0;
    memset(p, 0, sizeof *p);
    int max;
    if (inet_pton(AF_INET, buf, p->addr) == 1) { p->version = 4; max = 32; }
    else if (inet_pton(AF_INET6, buf, p->addr) == 1) { p->version = 6; max = 128; }
    else return false;
    long len = max;
    if (slash) {
        char *end;
        len = strtol(slash + 1, &end, 10);
        if (!slash[1] || *end || len < 0 || len > max) return false;
    }
    p->len = (uint8_t)len;
    return true;
}

/* After the quick test passed: the cheap conditions left, inline (each checks its layer; a protocol
 * without a feature bit first, which nearly every packet fails), then match_packet when there are others. */
static inline bool match_rest(const struct match *m, const struct frame *f, const struct decoded *d)
{
    uint32_t pre = m->q_pre;
    int v = d->ip_version;
    if ((pre & M_PROTO) && (d->l4_proto != m->proto || !v || d->fragment || d->malformed)) return false;   /* as match_packet */
    if (pre & M_PORT) {
        if (d->layers & L_TCP) { if (!ports_match(m, d->tcp.sport, d->tcp.dport)) return false; }
        else if (!(d->layers & L_UDP) || !ports_match(m, d->udp.sport, d->udp.dport)) return false;
    }
    if ((pre & M_IP_ID) && (!(d->layers & L_IPV4) || d->ip4.id < m->ip_id_min || d->ip4.id > m->ip_id_max)) return false;
    if (pre & M_ICMP_TYPE) {
        if (!(d->layers & (L_ICMP | L_ICMPV6))) return false;
        uint8_t t = d->icmp.type;
        if (!(m->icmp_types[t >> 6] >> (t & 63) & 1)) return false;
    }
    if (pre & (M_TTL | M_SRC | M_DST | M_SRC_IS_DST)) {
        if (!v) return false;
        if ((pre & M_TTL) && !ttl_match(m, d)) return false;
        const uint8_t *src = v == 4 ? d->ip4.src : d->ip6.src, *dst = v == 4 ? d->ip4.dst : d->ip6.dst;
        if ((pre & M_SRC) && (!first_byte_allowed(m->src_first, v, src[0]) || !prefixes_match(m->src, m->nsrc, v, src)))
            return false;
        if ((pre & M_DST) && (!first_byte_allowed(m->dst_first, v, dst[0]) || !prefixes_match(m->dst, m->ndst, v, dst)))
            return false;
        if ((pre & M_SRC_IS_DST) && !same_address(src, dst, v)) return false;
    }
    return !m->q_more || match_packet(m, f, d);
}

/* What most packets fail on, tested in the dispatch loop before match_rest is called: the first
 * byte of the source or destination address against the prefixes the alternative names. */
static inline bool first_bytes_pass(const struct match *m, const struct decoded *d, uint8_t src0, uint8_t dst0)
{
    uint32_t pre = m->q_pre;
    if (!(pre & (M_SRC | M_DST))) return true;
    int v = d->ip_version;
    if (!v) return false;
    return (!(pre & M_SRC) || first_byte_allowed(m->src_first, v, src0)) &&
           (!(pre & M_DST) || first_byte_allowed(m->dst_first, v, dst0));
}

/* One alternative on a packet before the flow is known: 0 no, 1 it holds, 2 it may hold once the
 * flow is known (a prepared one then still has its rest to test: match_later). */
static inline int match_now(const struct match *m, const struct frame *f, const struct decoded *d)
{
    if (!m->q_ready) return match_packet(m, f, d) ? (m->set & (M_NEW_FLOW | M_OLD_FLOW | M_AFTER_RST | M_FIRST_DATA)) ? 2 : 1 : 0;
    if (m->q_wait) return 2;
    return m->q_full || match_rest(m, f, d);
}

/* The rest of a prepared alternative that waited for the flow (match_now gave 2 without testing it). */
static inline bool match_later(const struct match *m, const struct frame *f, const struct decoded *d)
{
    return !m->q_ready || m->q_full || match_rest(m, f, d);
}

/* A split run: the flow of the packet the ICMP error d quotes, as a hunt would look it up (after
 * this frame's time has ended what it ends), when that flow is this part's. */
static void split_quoted(struct engine *e, const struct frame *f, const struct decoded *d)
{
    if (!((d->layers & (L_ICMP | L_ICMPV6)) && d->icmp.has_inner && e->on_quoted)) return;
    struct decoded inner;
    struct flow_key qk;
    if (decode_icmp_inner(d, f->bytes, &inner, e->resets) && flow_key_of(&inner, &qk) &&
        flow_key_part(&qk, e->parts) == e->part)
        e->on_quoted(e->quoted_ctx, &qk, flow_lookup(e->flows, &qk));
}

/* A split run (e->parts >= 1): true when the frame is this part's.  Either way time moves on first,
 * so flows end at the frame they end at in the whole run; a frame of another part has its quoted
 * flow looked up here (this part's frames after their own flow: engine_step), its conversation
 * numbered, and its host counted if the host is this part's. */
static bool split_mine(struct engine *e, const struct frame *f, const struct decoded *d, const struct flow_key *key)
{
    if (!key) return e->part == 0;
    flow_advance(e->flows, frame_time_epoch(&f->hdr, f->nano));
    if (flow_key_part(key, e->parts) == e->part) return true;   /* its quoted flow once its own is looked up */
    split_quoted(e, f, d);   /* another part's: its own flow is not in this table, and cannot be the quoted one */
    if (e->streams) stream_update(e->streams, d, f->bytes, f->number, frame_time_epoch(&f->hdr, f->nano));   /* numbered as in the whole run */
    flow_host_update(e->flows, d, key, e->packets);
    return false;
}

/* The packet's conditions that need no flow (struct engine_prematch), with the plans of mm: on the
 * engine's thread, or on the read-ahead thread ahead of it (which reads only the consumers' matches,
 * fixed while it runs, and mm, its own). */
static void match_before_flow(const struct engine *e, struct engine_matcher *mm, const struct frame *f,
                              const struct decoded *d, uint32_t feat, struct engine_prematch *out)
{
    uint64_t hit = 0, waiting = 0;
    unsigned *pend = out->pend;
    const struct engine_plan *plan = plan_for(e, mm, feat);
    if (plan->state == 1) {
        hit = plan->yes;
        uint8_t ttl = d->ip_version == 4 ? d->ip4.ttl : d->ip6.hlim;
        uint8_t src0 = d->ip_version == 4 ? d->ip4.src[0] : d->ip6.src[0], dst0 = d->ip_version == 4 ? d->ip4.dst[0] : d->ip6.dst[0];
        uint64_t ports = plan->ports ? port_hits(&mm->ports, d) : 0;
        for (int c = 0; c < plan->n; c++) {
            const struct plan_cand *pc = &plan->cand[c];
            int i = pc->consumer, r;
            uint64_t bit = 1ull << i;
            if (hit & bit) continue;   /* an earlier alternative of this consumer matched */
            switch (pc->kind) {
            case PK_WAIT:
                if (!(waiting & bit)) { waiting |= bit; pend[i] = 0; }
                pend[i] |= pc->waits;
                continue;
            case PK_TTL: r = ttl >= pc->lo && ttl <= pc->hi; break;
            case PK_TTL_SET: r = (int)(plan->ttl_set[pc->lo][ttl >> 6] >> (ttl & 63) & 1); break;
            case PK_IP_ID: r = d->ip4.id >= pc->waits >> 16 && d->ip4.id <= (pc->waits & 0xffff); break;   /* the quick test saw IPv4 */
            case PK_PORT: r = (int)(ports >> pc->lo & 1); break;
            case PK_PORT_REST: r = (ports >> pc->lo & 1) && match_rest(&e->consumers[i]->matches[pc->alt], f, d); break;
            case PK_REST: {
                const struct match *m = &e->consumers[i]->matches[pc->alt];
                r = first_bytes_pass(m, d, src0, dst0) && match_rest(m, f, d);
                break;
            }
            default: r = match_now(&e->consumers[i]->matches[pc->alt], f, d);
            }
            if (r == 2) {
                if (!(waiting & bit)) { waiting |= bit; pend[i] = 0; }
                pend[i] |= 2u << pc->alt;
            } else if (r) hit |= bit;
        }
    } else {   /* more candidates than a plan holds: every alternative of every consumer */
        for (int i = 0; i < e->nconsumers; i++) {
            struct engine_consumer *k = e->consumers[i];
            uint64_t bit = 1ull << i;
            if (k->all) { hit |= bit; continue; }
            for (int j = 0; j < k->nmatches && j < 31; j++) {
                const struct match *m = &k->matches[j];
                int r = m->q_ready && !match_quick(m, feat) ? 0 : match_now(m, f, d);
                if (r == 2) {
                    if (!(waiting & bit)) { waiting |= bit; pend[i] = 0; }
                    pend[i] |= 2u << j;
                } else if (r) { hit |= bit; break; }
            }
        }
    }
    out->made = true;
    out->feat = feat;
    out->hit = hit;
    out->waiting = waiting;
}

/* The read-ahead thread's work (readahead_work_fn): the conditions of a frame it decoded. */
static void match_ahead(void *ctx, struct ra_frame *fr)
{
    struct engine *e = ctx;
    match_before_flow(e, e->ahead_m, &fr->f, &fr->d, fr->feat, &fr->pre);
}

/* Starts the read-ahead thread on c; inside engine_run, with the consumers' matching moved to it. */
static void attach_ahead(struct engine *e, struct capture *c)
{
    if (e->in_run && !e->ahead_m) e->ahead_m = calloc(1, sizeof *e->ahead_m);
    bool work = e->in_run && e->ahead_m;
    if (readahead_attach(c, work ? match_ahead : NULL, e) && work) e->ahead_c = c;
}

/* The read-ahead thread no longer matches (the consumers may change or go once engine_run is over). */
static void stop_ahead(struct engine *e)
{
    if (e->ahead_c && e->ahead_c->ahead) readahead_stop_work(e->ahead_c);
    e->ahead_c = NULL;
    free(e->ahead_m);
    e->ahead_m = NULL;
}

/* count_inner (engine.h): frame f, which the frame filter passed over.  Link-layer encapsulations
 * are read from the Ethernet type alone; the frame is decoded (already, read ahead) only then. */
static void count_inner(struct engine *e, const struct capture *c, const struct frame *f, const struct ra_frame *fr)
{
    if (f->linktype != LT_ETHERNET || f->hdr.caplen < 14) return;
    uint16_t type = (uint16_t)(f->bytes[12] << 8 | f->bytes[13]);
    if (!vlan_is_tpid(type) && type != 0x8847 && type != 0x8848 && type != 0x8864) return;
    if (e->inner_state == 0) {
        char err[PCAP_ERRBUF_SIZE + 64];
        e->inner_state = c->filter.expr && bpf_compile_for(DLT_RAW, c->filter.expr, &e->inner_prog, err, sizeof err) == 0 ? 1 : 2;
    }
    if (e->inner_state != 1) return;   /* link-layer words: the user's filter is about frames */
    const struct decoded *d = fr ? &fr->d : &e->d;
    if (!fr) decode_frame(&e->d, f->linktype, f->bytes, f->hdr.caplen, f->hdr.len, e->resets);
    if (d->ip_version && bpf_from_ip(&e->inner_prog, f, d)) e->filter_inner++;
}

void engine_release(struct engine *e)
{
    if (e->inner_state == 1) pcap_freecode(&e->inner_prog);
    e->inner_state = 0;
    free(e->failed_keys);   /* an end_all whose on_end did not return (a script's error, Ctrl-C) */
    e->failed_keys = NULL;
}

int engine_step(struct engine *e, struct capture *c, int source)
{
    if (e->stop && *e->stop) return -2;
    if (e->end && *e->end) return 0;
    if (e->halted) return -3;
    if (e->limit && e->taken >= e->limit) return 0;
    /* a long read of a regular file goes on with a thread reading and decoding ahead (readahead.h) */
    if (e->read_ahead && e->packets == ENGINE_READAHEAD_AFTER && !c->ahead && readahead_possible(c)) attach_ahead(e, c);
    const struct ra_frame *fr = NULL;
    int rc;
    if (c->ahead) {
        rc = readahead_take(c, &fr);
        if (rc == 1) e->frame = fr->f;
    } else {
        rc = capture_next(c, &e->frame);
    }
    if (rc <= 0) return rc;
    e->packets++;
    if (e->progress && (e->packets & 1023) == 0) e->progress(e->progress_ctx, c, e->packets);
    const struct frame *f = &e->frame;
    if (e->frame_filter && !capture_filter_match(e->frame_filter, f)) {
        if (e->count_inner) count_inner(e, c, f, fr);
        if (e->streams) {   /* conversations are the file's, numbered over every frame as tshark numbers them */
            const struct decoded *sd = fr ? &fr->d : &e->d;
            if (!fr) decode_frame(&e->d, f->linktype, f->bytes, f->hdr.caplen, f->hdr.len, e->resets);
            stream_update(e->streams, sd, f->bytes, f->number, frame_time_epoch(&f->hdr, f->nano));
        }
        return 1;
    }
    e->taken++;
    struct decoded *d = &e->d;
    struct flow_key key;
    bool keyed = false;
    uint32_t feat;
    if (fr) {   /* decoded by the thread; the reset cause with the session's table, which may change */
        d = (struct decoded *)&fr->d;   /* the slot is the engine's until the next step */
        decode_reset_cause(d, f->bytes, e->resets);
        feat = (fr->feat & ~(uint32_t)PF_RESET_CAUSE) | (d->has_reset_cause ? PF_RESET_CAUSE : 0);
        if (e->flows && fr->keyed) { key = fr->key; keyed = true; }
    } else {
        decode_frame(d, f->linktype, f->bytes, f->hdr.caplen, f->hdr.len, e->resets);
        feat = packet_features(d);
        if (e->flows) {   /* the key flow_peek made a frame ago, when it is this packet's */
            if (e->ahead_frame == e->packets && flow_key_is_of(&e->ahead, d)) { key = e->ahead; keyed = true; }
            else keyed = flow_key_of(d, &key);
        }
    }
    e->cur = d;
    e->after_callbacks = false;
    if (e->parts && !split_mine(e, f, d, keyed ? &key : NULL)) return 1;
    struct engine_packet p = {.frame = f, .d = d, .source = f->source ? f->source : source};   /* merged: the part */
    if (e->streams) p.conversation = stream_update(e->streams, d, f->bytes, f->number, frame_time_epoch(&f->hdr, f->nano));
    unsigned ev = 0;
    struct flow *fl = NULL;
    if (keyed) flow_prefetch(e->flows, &key, d);   /* the table is large: start the loads, match meanwhile */
    if (e->flows) {   /* and those of the next frame's index and host lines, a frame ahead */
        e->ahead_frame = 0;
        if (c->ahead) {
            const struct ra_frame *next = readahead_peek(c);
            if (next && next->keyed) flow_prefetch_ahead(e->flows, &next->key);
        } else {
            const uint8_t *nb;
            uint32_t nlen;
            if (capture_peek(c, &nb, &nlen) && flow_peek(f->linktype, nb, nlen, &e->ahead)) {
                flow_prefetch_ahead(e->flows, &e->ahead);
                e->ahead_frame = e->packets + 1;
            }
        }
    }
    /* hit: consumers that matched (bit i: consumer i); waiting: those with alternatives that wait for
     * the flow, pend[i] their bits (2 << alternative), tested after the lookup.  Made by the read-ahead
     * thread when it could (the reset cause, known only here, changes the feature word when found). */
    struct engine_prematch here;
    const struct engine_prematch *pm = fr && fr->pre.made && fr->pre.feat == feat ? &fr->pre : NULL;
    if (!pm) {
        match_before_flow(e, &e->m, f, d, feat, &here);
        pm = &here;
    }
    uint64_t hit = pm->hit, waiting = pm->waiting;
    const unsigned *pend = pm->pend;
    waiting &= ~hit;
    double time = frame_time_epoch(&f->hdr, f->nano);
    if (keyed) {
        flow_advance(e->flows, time);   /* the flows whose deadline's second is over end first, by deadline */
        fl = flow_lookup(e->flows, &key);
        if (fl && flow_expire_idle(e->flows, fl, time)) fl = NULL;   /* idle past its timeout within this second: ends now, after them */
        p.flow = fl;
        p.dir = key.dir;
        if (fl) {
            const struct flow_dir *fd = &fl->dir[p.dir];
            uint8_t ttl = d->ip_version == 4 ? d->ip4.ttl : d->ip6.hlim;
            if (fd->packets && ttl != fd->ttl_last) ev |= EV_TTL_CHANGE;
            if ((d->layers & L_TCP) && d->tcp.fixed) {
                if (d->tcp.flags & TCP_RST) ev |= EV_RST_IN_FLOW;
                else if (__builtin_expect(fd->fin_kept, 0) && flow_data_after_fin(fl, p.dir, d)) ev |= EV_DATA_AFTER_FIN;
            }
        } else {
            p.flow_forgotten = flow_maybe_forgotten(e->flows, d);   /* rare: only when flows have left */
        }
        if (e->parts) split_quoted(e, f, d);   /* after its own flow ended if idle: it may be the quoted one */
    }
    int sniffed = -1;   /* app_sniff of this packet, made once when an alternative needs it */
    bool sniffed_bad = false;   /* ... and whether that decoder found it malformed */
    for (uint64_t w = waiting; w; w &= w - 1) {   /* alternatives that wait for the flow (new_flow, after_rst, first_data): now it is known */
        int i = __builtin_ctzll(w);
        for (unsigned pj = pend[i]; pj; pj &= pj - 1) {   /* bit 2 << j: alternative j, in order */
            int j = __builtin_ctz(pj) - 1;
            uint32_t s = e->consumers[i]->matches[j].set;
            if ((s & M_NEW_FLOW) && (p.flow || (keyed && flow_maybe_left_open(e->flows, &key)))) continue;
            if ((s & M_OLD_FLOW) && !p.flow) continue;
            if ((s & M_AFTER_RST) && !(p.flow && (p.flow->state & FS_RST))) continue;
            if ((s & M_FIRST_DATA) && p.flow && (p.flow->state & FS_DATA)) continue;
            if (!match_later(&e->consumers[i]->matches[j], f, d)) continue;
            if ((s & (M_APP | M_APP_NOT)) && (s & M_FIRST_DATA) && sniffed < 0)
                sniffed = (int)app_sniff(d, f->bytes, &sniffed_bad);
            if ((s & M_APP) && (s & M_FIRST_DATA) && !(e->consumers[i]->matches[j].app & (1u << sniffed))) continue;
            if ((s & M_APP_NOT) && (s & M_FIRST_DATA) && !sniffed_bad &&
                (e->consumers[i]->matches[j].app_not & (1u << sniffed))) continue;
            hit |= 1ull << i;
            break;
        }
    }
    if (ev) {   /* events go to every consumer that asked for them, matched or not */
        for (int i = 0; i < e->nconsumers; i++) {
            struct engine_consumer *k = e->consumers[i];
            if (!k->active) continue;   /* a consumer may have been switched off by an earlier one's error */
            unsigned g = (hit >> i & 1 ? (unsigned)EV_MATCH : 0) | (ev & k->events);
            if (g) k->on_packet(k->ctx, &p, g);
        }
    } else
        for (uint64_t h = hit; h; h &= h - 1) {   /* in consumer order */
            struct engine_consumer *k = e->consumers[__builtin_ctzll(h)];
            if (k->active) k->on_packet(k->ctx, &p, EV_MATCH);
        }
    e->after_callbacks = true;
    if (keyed) {   /* the run's order, also over merged files */
        struct flow *now = flow_count(e->flows, fl, &key, d, e->packets, time);
        if (!fl && now) flow_note_first(now, p.source, f->number, (uint32_t)f->hdr.ts.tv_usec, f->nano);
    }
    return 1;
}

int engine_run(struct engine *e, struct capture *c, int source)
{
    int rc;
    e->in_run = true;
    while ((rc = engine_step(e, c, source)) == 1)
        if (e->after) e->after(e->after_ctx);
    e->in_run = false;
    stop_ahead(e);
    return rc;
}

void engine_finish(struct engine *e)
{
    e->finishing = true;
    if (!e->flows) return;
    /* the services with a failure decided among the flows left, before any ends (the order they end
       in does not matter): an open-addressing set of their keys, at most half full */
    const struct flow_table *t = e->flows;
    size_t n = 0;
    for (size_t i = 0; i < t->cap; i++) {
        const struct flow *f = &t->flows[i];
        if (f->serial && flow_failed_connection(f) && !undecided(e, f)) n++;
    }
    e->failed_cap = 16;
    while (e->failed_cap < 2 * n) e->failed_cap *= 2;
    e->failed_keys = n ? calloc(e->failed_cap, sizeof *e->failed_keys) : NULL;   /* none, or no memory: nothing kept */
    for (size_t i = 0; e->failed_keys && i < t->cap; i++) {
        const struct flow *f = &t->flows[i];
        if (!f->serial || !flow_failed_connection(f) || undecided(e, f)) continue;
        uint64_t k = service_key(f);
        size_t j = k & (e->failed_cap - 1);
        while (e->failed_keys[j] && e->failed_keys[j] != k) j = (j + 1) & (e->failed_cap - 1);
        e->failed_keys[j] = k;
    }
    flow_table_end_all(e->flows);
    free(e->failed_keys);
    e->failed_keys = NULL;
}
