/* Application-layer views of one packet (DNS, HTTP/1.x, TLS hellos, SSH banners, QUIC long
 * headers and the TLS hello inside a QUIC Initial), decoded on demand from a decoded frame's L4
 * payload: what one packet holds, no reassembly.  Values are offsets into the frame's bytes (a
 * hello inside QUIC: into the caller's CRYPTO buffer); nothing is allocated. */
#ifndef PCAPHUNT_APP_H
#define PCAPHUNT_APP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "decode.h"

enum app_proto { APP_NONE, APP_DNS, APP_HTTP, APP_TLS, APP_SSH, APP_QUIC };

/* DNS's ports: 53, mDNS 5353, LLMNR 5355 (the DNS decoder's own; the flow table's DNS timeout). */
static inline bool app_dns_port(uint16_t p) { return p == 53 || p == 5353 || p == 5355; }

/* A span of the frame's bytes: off from the frame start, len bytes (len 0 with off 0: absent). */
struct span { uint32_t off, len; };

/* DNS (RFC 1035): the header, the first question, and where the resource records start. */
struct dns_msg {
    uint32_t off, len;              /* the message (after TCP's length prefix), captured bytes */
    uint16_t id, flags, qdcount, ancount, nscount, arcount;
    bool has_qry;
    uint16_t qtype, qclass;
    uint32_t qname;                 /* offset of the question name inside the message */
    uint32_t rr;                    /* offset of the first resource record inside the message, 0: none */
    bool heuristic;                 /* on a port that is not DNS's: the strict checks passed */
};

/* One resource record; offsets inside the message. */
struct dns_rr {
    uint32_t name, rdata;
    uint16_t type, class, rdlength;
    uint32_t ttl;
};

#define DNS_NAME_MAX 1024           /* a decoded name's text, escaped bytes included */

/* HTTP/1.x: a request or status line and the headers hunters read. */
struct http_msg {
    bool request;
    struct span method, uri, version, code_text, host, user_agent, server, content_type;
    uint16_t code;
    bool headers_complete;          /* the empty line ending the headers was in this segment */
};

#define TLS_MAX_LIST 128

/* TLS (RFC 8446, 5246): the first handshake record's messages; a ClientHello or ServerHello
 * fully parsed. Lists keep at most TLS_MAX_LIST entries. */
struct tls_hello {
    uint8_t record_type;
    uint16_t record_version;
    uint8_t hs_type;                /* the first handshake message's type */
    bool hello;                     /* a whole ClientHello (1) or ServerHello (2) was parsed */
    uint16_t version;               /* legacy_version of the hello */
    uint16_t supported_version;     /* highest of supported_versions (no GREASE), or 0 */
    uint16_t ciphers[TLS_MAX_LIST], nciphers;
    uint16_t exts[TLS_MAX_LIST], nexts;
    uint16_t groups[TLS_MAX_LIST], ngroups;
    uint8_t points[TLS_MAX_LIST], npoints;
    uint16_t sigalgs[TLS_MAX_LIST], nsigalgs;
    struct span sni;
    struct span alpn[16];
    uint8_t nalpn;
    bool list_cut;                  /* a list held more than TLS_MAX_LIST entries */
    bool quic;                      /* from a QUIC Initial's CRYPTO data: no record layer, and the
                                     * spans index the CRYPTO buffer, not the frame */
};

struct ssh_ident { struct span protocol; };

/* What became of a QUIC Initial's protection (quic_initial.c). */
enum quic_opened {
    QI_NONE,                        /* not an Initial of a version we know, or not tried */
    QI_OPENED,                      /* decrypted: its CRYPTO frames were read */
    QI_NO_KEY,                      /* no key we had opened it (a server's Initial whose client DCID we lack,
                                     * or bytes changed on the way) */
    QI_CUT,                         /* not all captured (the tag is needed) */
    QI_LIES,                        /* a length in its header lies */
};

/* QUIC long header (RFC 9000 17.2); for an Initial of a known version also where its packet
 * number and Length lie. */
struct quic_long {
    uint32_t version;
    uint8_t dcid_len, scid_len;
    struct span dcid, scid;
    uint8_t first;
    int8_t type;                    /* 0 Initial, 1 0-RTT, 2 Handshake, 3 Retry (v2's bits mapped); -1 unknown */
    uint8_t opened;                 /* enum quic_opened */
    uint32_t pn_off;                /* an Initial: its packet number's offset from the payload start */
    uint64_t length;                /* an Initial: its Length field (packet number and protected payload) */
};

struct app_info {
    enum app_proto proto;
    const char *truncated;          /* the message continues past the captured bytes */
    const char *malformed;          /* a length or structure that lies */
    union {
        struct dns_msg dns;
        struct http_msg http;
        struct tls_hello tls;
        struct ssh_ident ssh;
    } u;
    struct quic_long quic;          /* proto APP_QUIC */
    bool quic_tls;                  /* with APP_QUIC: u.tls holds the hello of the Initial's CRYPTO data */
};

/* For TLS inside QUIC Initial packets: the client's original Destination Connection ID when
 * conversation state knows it (a server's Initials are protected with keys from it), and two
 * buffers of cap bytes each, at least the UDP payload's captured length: plain for the decrypted
 * payload, crypto for the CRYPTO data from offset 0 (the hello's spans index it). */
struct app_quic_in {
    const uint8_t *client_dcid;     /* NULL: unknown */
    size_t client_dcid_len;
    uint8_t *plain, *crypto;
    size_t cap;
};

/* Decodes the application layer of a decoded frame over its bytes b.  Returns the protocol found
 * (APP_NONE when the payload is none of these). */
enum app_proto app_decode(const struct decoded *d, const uint8_t *b, struct app_info *a);
/* app_decode, and with q not NULL a QUIC Initial is decrypted (keys from q's client DCID, then
 * from its own DCID) and the ClientHello or ServerHello in its CRYPTO frames decoded into u.tls. */
enum app_proto app_decode_quic(const struct decoded *d, const uint8_t *b, struct app_info *a, const struct app_quic_in *q);

/* The protocol app_decode would find, without keeping the decoding (for conditions in C); with
 * malformed not NULL, also whether the decoder that took the payload found it malformed. */
enum app_proto app_sniff(const struct decoded *d, const uint8_t *b, bool *malformed);
/* A DNS query (QR 0, opcode 0) a tunnel would send: its first question asks for TXT, or its name
 * has a label of min characters or more, or min characters or more (dots not counted) before its
 * last two labels.  For want.dns_odd. */
bool app_dns_odd_query(const struct decoded *d, const uint8_t *b, unsigned min);
/* A sound DNS response (QR 1, opcode 0) whose first question asks for TXT and whose name's first
 * label is label (n bytes, lower case; the name's compared without ASCII case).  For want.dns_txt_reply. */
bool app_dns_txt_reply(const struct decoded *d, const uint8_t *b, const char *label, unsigned n);

/* Per protocol, over the payload at b[off, off+len) of a frame; true when it is that protocol. */
bool dns_decode(struct app_info *a, const uint8_t *b, uint32_t off, uint32_t len, bool tcp, bool heuristic);
/* A DNS header no message has: an opcode not in use or the Z bit set; with `questions`, also more than one
 * question, or one that did not parse from 256 bytes or more (a TCP message said to continue: trial atk19 M4).
 * Judged on a message that is not whole (cut short, or said to continue). */
bool dns_header_impossible(const struct dns_msg *d, uint32_t len, bool questions);
bool http_decode(struct app_info *a, const uint8_t *b, uint32_t off, uint32_t len);
bool tls_decode(struct app_info *a, const uint8_t *b, uint32_t off, uint32_t len);
bool ssh_decode(struct app_info *a, const uint8_t *b, uint32_t off, uint32_t len);
/* A variable-length integer (RFC 9000 16) at p[*pos, len); advances *pos.  False when it runs past len. */
bool quic_varint(const uint8_t *p, size_t len, size_t *pos, uint64_t *v);
bool quic_decode(struct app_info *a, const uint8_t *b, uint32_t off, uint32_t len, bool port);
/* The TLS handshake message at the start of CRYPTO data c[0, len) (no record layer): its type and,
 * whole, a ClientHello or ServerHello.  False when its header or body continues past len. */
bool tls_decode_handshake(struct app_info *a, const uint8_t *c, size_t len);

/* QUIC versions whose Initial packets we can open: v1, v2 (RFC 9369), drafts 29 to 34. */
bool quic_version_known(uint32_t v);
/* The long-header packet type (0 Initial, 1 0-RTT, 2 Handshake, 3 Retry) of first byte `first`
 * of version v (QUIC v2 numbers them differently). */
int quic_long_type(uint32_t v, uint8_t first);
/* Initial packet protection keys (RFC 9001 5.2): AEAD key, IV, header-protection key. */
struct quic_keys { uint8_t key[16], iv[12], hp[16]; };
/* The keys of the client's (server false) or server's Initial packets of version v from the
 * client's original DCID; false for a version we do not know or a libcrypto failure. */
bool quic_initial_keys(uint32_t v, const uint8_t *dcid, size_t dcid_len, bool server, struct quic_keys *k);
/* Removes the header protection of the Initial at p[0, len) (q: its header as quic_decode read it,
 * offsets relative to p) and decrypts its payload into plain (cap bytes).  QI_OPENED with
 * *plain_len and *pn set, QI_NO_KEY when the tag does not match, QI_LIES / QI_CUT when the
 * packet's Length runs past the bytes. */
enum quic_opened quic_initial_open(const uint8_t *p, size_t len, const struct quic_long *q, const struct quic_keys *k,
                                   uint8_t *plain, size_t cap, size_t *plain_len, uint64_t *pn);
/* The frames of a decrypted Initial payload pl[0, plen) (RFC 9000 12.4: PADDING, PING, ACK, CRYPTO
 * and CONNECTION_CLOSE are allowed; another type stops the walk): the CRYPTO data copied to crypto
 * (cap bytes) at its offsets.  Returns the length of the data contiguous from offset 0, whatever
 * order its frames came in; *bad: why a frame lies (left alone when none does). */
size_t quic_crypto_frames(const uint8_t *pl, size_t plen, uint8_t *crypto, size_t cap, const char **bad);
/* Decrypts the Initial already decoded into a (quic_decode, over b[off, off+len), wire bytes on
 * the wire) and decodes the hello of its CRYPTO frames (see app_decode_quic). */
void quic_initial_tls(struct app_info *a, const uint8_t *b, uint32_t off, uint32_t len, uint32_t wire,
                      const struct app_quic_in *q);

/* The name at offset off of the DNS message m (mlen bytes), decompressed with loop protection,
 * as text in out (NUL-terminated; "<Root>" for the root; bytes outside letters, digits and
 * -_ written \xNN).  *next: the offset after the name where it sits.  false when it lies. */
bool dns_name(const uint8_t *m, size_t mlen, size_t off, char *out, size_t outsz, size_t *next);
/* Reads the resource record at *pos of message m, advancing *pos; false at a lie or the end. */
bool dns_rr_read(const uint8_t *m, size_t mlen, size_t *pos, struct dns_rr *rr);

/* JA3 / JA3S strings (tls.handshake.ja3_full / ja3s_full) and their MD5 (32 hex digits);
 * JA4 (FoxIO) for a ClientHello over b, the bytes its spans index.  'proto' is 't' for TCP, 'q'
 * for QUIC. */
#define TLS_JA3_MAX 4096
bool tls_ja3_string(const struct tls_hello *t, char *out, size_t outsz);
bool tls_ja3_hash(const char *full, char out[33]);
bool tls_ja4(const struct tls_hello *t, const uint8_t *b, char proto, char out[40]);
/* True for a GREASE value (RFC 8701): 0x0a0a, 0x1a1a, … 0xfafa. */
bool tls_grease(uint16_t v);

#endif
