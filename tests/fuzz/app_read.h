/* For the libFuzzer harnesses (tests/fuzz): reads what an application decoding points at, as
 * lua/appfields.c does for p.dns … p.quic, through buffers of exactly their size, so that a span
 * or an offset past the bytes is an AddressSanitizer report.  Static functions: one copy each. */
#ifndef PCAPHUNT_FUZZ_APP_READ_H
#define PCAPHUNT_FUZZ_APP_READ_H

#include "core/app.h"
#include "core/escape.h"

#include <stdint.h>

/* Reads the bytes of span s of base (exactly sized buffers: a span past them is an ASan report). */
static void span_read(const uint8_t *base, struct span s)
{
    char text[128];
    if (!s.len) return;
    escape_text(text, sizeof text, base + s.off, s.len);
    volatile uint8_t ends = base[s.off] ^ base[s.off + s.len - 1];   /* escape_text may stop at its out size */
    (void)ends;
}

/* What Lua's p.dns … p.quic read of an application decoding a over the frame b (crypto: the
 * CRYPTO data its QUIC hello indexes). */
static void consume_app(const struct app_info *a, const uint8_t *b, const uint8_t *crypto)
{
    char name[DNS_NAME_MAX], ja3[TLS_JA3_MAX], hash[33], ja4[40];
    size_t next;
    if (a->proto == APP_DNS) {
        const struct dns_msg *m = &a->u.dns;
        const uint8_t *msg = b + m->off;
        if (m->has_qry) dns_name(msg, m->len, m->qname, name, sizeof name, &next);
        size_t pos = m->rr;
        struct dns_rr rr;
        for (int i = 0; m->rr && i < 64 && dns_rr_read(msg, m->len, &pos, &rr); i++) {
            dns_name(msg, m->len, rr.name, name, sizeof name, &next);
            if (rr.type == 2 || rr.type == 5 || rr.type == 12) dns_name(msg, m->len, rr.rdata, name, sizeof name, &next);
            if (rr.rdlength) span_read(msg, (struct span){rr.rdata, rr.rdlength});
        }
    } else if (a->proto == APP_HTTP) {
        const struct http_msg *m = &a->u.http;
        const struct span sp[] = {m->method, m->uri, m->version, m->code_text, m->host, m->user_agent, m->server, m->content_type};
        for (size_t i = 0; i < sizeof sp / sizeof sp[0]; i++) span_read(b, sp[i]);
    } else if (a->proto == APP_SSH) {
        span_read(b, a->u.ssh.protocol);
    } else if (a->proto == APP_QUIC) {
        span_read(b, a->quic.dcid);
        span_read(b, a->quic.scid);
    }
    if (a->proto == APP_TLS || (a->proto == APP_QUIC && a->quic_tls)) {
        const struct tls_hello *t = &a->u.tls;
        const uint8_t *base = t->quic ? crypto : b;
        span_read(base, t->sni);
        for (size_t i = 0; i < t->nalpn; i++) span_read(base, t->alpn[i]);
        if (tls_ja3_string(t, ja3, sizeof ja3)) tls_ja3_hash(ja3, hash);
        tls_ja4(t, base, t->quic ? 'q' : 't', ja4);
    }
}

#endif
