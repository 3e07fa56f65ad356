/* The reset-cause registry: SonicWALL SonicOS codes, the IETF RST diagnostic
 * payload reasons, F5 BIG-IP RST-cause texts, plus site rows added at run time;
 * and reset_classify(), which recognises each payload form on a RST. */
#include "reset_codes.h"
#include "bytes.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define SW_SRC "SonicWALL technote \"SonicOS TCP RST\" (SonicOS_TCP_RST.pdf)"
#define IETF_SRC "draft-ietf-tcpm-rst-diagnostic-payload"
#define F5_SRC "F5 BIG-IP K13223 (tm.rstcause.pkt reset cause text)"
#define F5_SEEN "F5 BIG-IP RST cause text as seen in captures and support threads (tm.rstcause.pkt)"
#define SEEN "RST payload text seen from policy devices (not tied to one vendor)"
#define CACHE "connection-cache cleanup"
#define RESP "responsive"

static const struct reset_code builtin[] = {
    {"cki", "SonicWALL", "SonicOS", CACHE, "TCP reset sent to the initiator (connection cache cleanup)", SW_SRC, "documented", RM_CODE, 0},
    {"cko", "SonicWALL", "SonicOS", CACHE, "TCP reset sent to the responder (connection cache cleanup)", SW_SRC, "documented", RM_CODE, 0},
    {"ehfp", "SonicWALL", "SonicOS Enhanced", RESP, "non-standard FTP DATA port encountered while such ports are disallowed; the command channel is kept open", SW_SRC, "documented", RM_CODE, 0},
    {"ehih", "SonicWALL", "SonicOS", RESP, "TCP handshake enforcement violation: an invalid flag was received during the 3-way handshake", SW_SRC, "documented", RM_CODE, 0},
    {"ehnc", "SonicWALL", "SonicOS", RESP, "inbound packet with no connection cache entry (never sent in reply to a RST, to avoid RST storms)", SW_SRC, "documented", RM_CODE, 0},
    {"fpts", "SonicWALL", "SonicOS Standard and pre-SonicOS", RESP, "non-standard FTP DATA port encountered while such ports are disallowed; the command channel is kept open", SW_SRC, "documented", RM_CODE, 0},
    {"nboop", "SonicWALL", "SonicOS", RESP, "stateful NNTP code saw out-of-order data", SW_SRC, "documented", RM_CODE, 0},
    {"rctcpi", "SonicWALL", "SonicOS", RESP, "access rule violation; reset sent to a trusted source", SW_SRC, "documented", RM_CODE, 0},
    {"rctcpo", "SonicWALL", "SonicOS", RESP, "access rule violation; reset sent to an untrusted source (only when Stealth Mode is off)", SW_SRC, "documented", RM_CODE, 0},
    {"rlc", "SonicWALL", "SonicOS", RESP, "licensing restriction enforced: connection limit exceeded", SW_SRC, "documented", RM_CODE, 0},
    {"wlb", "SonicWALL", "SonicOS Enhanced", RESP, "WAN Load Balancing TCP probe", SW_SRC, "documented", RM_CODE, 0},

    {"ietf:1", "IETF", "", "RST diagnostic payload", "illegal option length", IETF_SRC, "documented", RM_IETF, 1},
    {"ietf:2", "IETF", "", "RST diagnostic payload", "desynchronized state", IETF_SRC, "documented", RM_IETF, 2},
    {"ietf:3", "IETF", "", "RST diagnostic payload", "new data is received after CLOSE is called", IETF_SRC, "documented", RM_IETF, 3},
    {"ietf:4", "IETF", "", "RST diagnostic payload", "abort", IETF_SRC, "documented", RM_IETF, 4},
    {"ietf:5", "IETF", "", "RST diagnostic payload", "unexpected ACK while not synchronized", IETF_SRC, "documented", RM_IETF, 5},
    {"ietf:6", "IETF", "", "RST diagnostic payload", "unexpected SYN in the window", IETF_SRC, "documented", RM_IETF, 6},
    {"ietf:7", "IETF", "", "RST diagnostic payload", "security compartment", IETF_SRC, "documented", RM_IETF, 7},
    {"ietf:8", "IETF", "", "RST diagnostic payload", "malformed message", IETF_SRC, "documented", RM_IETF, 8},
    {"ietf:9", "IETF", "", "RST diagnostic payload", "not authorized", IETF_SRC, "documented", RM_IETF, 9},
    {"ietf:10", "IETF", "", "RST diagnostic payload", "resource exceeded", IETF_SRC, "documented", RM_IETF, 10},
    {"ietf:11", "IETF", "", "RST diagnostic payload", "network failure", IETF_SRC, "documented", RM_IETF, 11},
    {"ietf:12", "IETF", "", "RST diagnostic payload", "reset received from the peer", IETF_SRC, "documented", RM_IETF, 12},
    {"ietf:13", "IETF", "", "RST diagnostic payload", "destination unreachable", IETF_SRC, "documented", RM_IETF, 13},
    {"ietf:14", "IETF", "", "RST diagnostic payload", "connection timeout", IETF_SRC, "documented", RM_IETF, 14},
    {"ietf:15", "IETF", "", "RST diagnostic payload", "too much outstanding data", IETF_SRC, "documented", RM_IETF, 15},
    {"ietf:16", "IETF", "", "RST diagnostic payload", "unacceptable performance", IETF_SRC, "documented", RM_IETF, 16},
    {"ietf:17", "IETF", "", "RST diagnostic payload", "middlebox interference", IETF_SRC, "documented", RM_IETF, 17},

    {"No server selected", "F5", "BIG-IP", "load balancing", "the virtual server could not select a pool member", F5_SRC, "documented", RM_PREFIX, 0},
    {"No pool member available", "F5", "BIG-IP", "load balancing", "no pool member is available to take the connection", F5_SRC, "documented", RM_PREFIX, 0},
    {"Connection limit exceeded", "F5", "BIG-IP", "resource limit", "a connection limit on the virtual server, pool member or node was reached", F5_SRC, "documented", RM_PREFIX, 0},
    {"Flow expired (sweeper)", "F5", "BIG-IP", "idle timeout", "the connection was idle past its timeout and was swept", F5_SRC, "documented", RM_PREFIX, 0},
    {"No local listener", "F5", "BIG-IP", "no listener", "no virtual server or self IP listens on this address and port", F5_SRC, "documented", RM_PREFIX, 0},
    {"Port denied", "F5", "BIG-IP", "policy", "port lockdown on the self IP denies this port", F5_SRC, "documented", RM_PREFIX, 0},
    {"TCP 3WHS rejected", "F5", "BIG-IP", "handshake", "the TCP three-way handshake was rejected", F5_SRC, "documented", RM_PREFIX, 0},
    {"No flow found for ACK", "F5", "BIG-IP", "no connection", "an ACK arrived for a connection the system does not know", F5_SRC, "documented", RM_PREFIX, 0},
    {"handshake timeout", "F5", "BIG-IP", "handshake", "the handshake did not complete in time", F5_SRC, "documented", RM_PREFIX, 0},
    {"TCP retransmit timeout", "F5", "BIG-IP", "timeout", "the maximum number of retransmissions was reached", F5_SRC, "documented", RM_PREFIX, 0},
    {"Unable to select local port", "F5", "BIG-IP", "resource limit", "no ephemeral port was free for the server-side connection (SNAT exhaustion)", F5_SRC, "documented", RM_PREFIX, 0},
    {"HA disconnect", "F5", "BIG-IP", "high availability", "the high-availability peer connection was lost", F5_SRC, "documented", RM_PREFIX, 0},
    {"No route to host", "F5", "BIG-IP", "routing", "the system has no route to the destination", F5_SRC, "documented", RM_PREFIX, 0},
    {"TCP RST from remote system", "F5", "BIG-IP", "relayed reset", "the system on the other side of the proxy (server or client) reset its connection, and the BIG-IP reset this side in turn", F5_SEEN, "reported", RM_PREFIX, 0},
    {"RST from BIG-IP internal Linux host", "F5", "BIG-IP", "management plane", "the BIG-IP's own Linux host (not the traffic path) reset the connection, e.g. a port nothing listens on", F5_SEEN, "reported", RM_PREFIX, 0},
    {"Maintenance mode", "F5", "BIG-IP", "administrative", "the system or the virtual server is in maintenance mode and refuses new connections", F5_SEEN, "reported", RM_PREFIX, 0},
    {"SSL handshake failed", "F5", "BIG-IP", "handshake", "the SSL/TLS handshake with the client or the server failed", F5_SEEN, "reported", RM_PREFIX, 0},
    {"Idle timeout", "F5", "BIG-IP", "idle timeout", "the connection was idle past the profile's idle timeout", F5_SEEN, "reported", RM_PREFIX, 0},
    {"Access Denied", "generic", "", "policy", "a firewall, proxy or IPS refused the connection by policy and said so in the RST", SEEN, "reported", RM_PREFIX, 0},
};

#define N_BUILTIN (sizeof builtin / sizeof builtin[0])

const struct reset_code *reset_builtin_rows(size_t *n)
{
    *n = N_BUILTIN;
    return builtin;
}

void reset_table_init(struct reset_table *t)
{
    t->rows = NULL;
    t->n = t->cap = 0;
}

static void row_free(struct reset_code *r)
{
    free((char *)r->code); free((char *)r->vendor); free((char *)r->category);
    free((char *)r->meaning);
    free(r);
}

void reset_table_free(struct reset_table *t)
{
    for (size_t i = 0; i < t->n; i++) row_free(t->rows[i]);
    free(t->rows);
    reset_table_init(t);
}

static char *dup_or_empty(const char *s)
{
    return strdup(s ? s : "");
}

bool reset_table_add(struct reset_table *t, const char *code, const char *vendor,
                     const char *category, const char *meaning)
{
    if (t->n == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 8;
        struct reset_code **rows = realloc(t->rows, cap * sizeof *rows);
        if (!rows) return false;
        t->rows = rows;
        t->cap = cap;
    }
    struct reset_code *r = calloc(1, sizeof *r);
    if (!r) return false;
    r->code = dup_or_empty(code);
    r->vendor = dup_or_empty(vendor ? vendor : "site");
    r->category = dup_or_empty(category);
    r->meaning = dup_or_empty(meaning);
    r->product = "";
    r->source = "site (pcaphunt.add_reset_code)";
    r->confidence = "site";
    r->match = RM_CODE;
    if (!r->code || !r->vendor || !r->category || !r->meaning) { row_free(r); return false; }
    t->rows[t->n++] = r;
    return true;
}

static bool code_equal(const char *row, const char *s, size_t len)
{
    return strlen(row) == len && strncasecmp(row, s, len) == 0;
}

const struct reset_code *reset_code_lookup(const struct reset_table *t, const char *code, size_t len)
{
    if (t)
        for (size_t i = t->n; i-- > 0;)
            if (code_equal(t->rows[i]->code, code, len)) return t->rows[i];
    for (size_t i = 0; i < N_BUILTIN; i++)
        if (builtin[i].match != RM_PREFIX && code_equal(builtin[i].code, code, len)) return &builtin[i];
    return NULL;
}

static const struct reset_code *prefix_lookup(const char *s, size_t len)
{
    for (size_t i = 0; i < N_BUILTIN; i++) {
        size_t n = strlen(builtin[i].code);
        if (builtin[i].match == RM_PREFIX && n <= len && strncasecmp(builtin[i].code, s, n) == 0)
            return &builtin[i];
    }
    return NULL;
}

static const struct reset_code *ietf_lookup(uint16_t reason)
{
    for (size_t i = 0; i < N_BUILTIN; i++)
        if (builtin[i].match == RM_IETF && builtin[i].number == reason) return &builtin[i];
    return NULL;
}

static bool is_trim_byte(uint8_t c)
{
    return c == 0 || c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static bool all_printable(const uint8_t *p, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if ((p[i] < 0x20 && p[i] != '\t') || p[i] > 0x7e) return false;
    return true;
}

static void keep_code(struct reset_cause *out, const uint8_t *p, size_t len)
{
    if (len >= RESET_CODE_MAX) len = RESET_CODE_MAX - 1;
    memcpy(out->code, p, len);
    out->code[len] = '\0';
    out->code_len = (uint8_t)len;
}

/* "Reset cause: CODE" (any case, optional colon): returns the offset of CODE, or 0. */
static size_t reset_cause_prefix(const uint8_t *p, size_t len)
{
    static const char word[] = "reset cause";
    size_t n = sizeof word - 1;
    if (len < n || strncasecmp((const char *)p, word, n) != 0) return 0;
    while (n < len && (p[n] == ' ' || p[n] == '\t')) n++;
    if (n < len && p[n] == ':') n++;
    while (n < len && (p[n] == ' ' || p[n] == '\t')) n++;
    return n;
}

/* F5 leads the text with "BIG-IP: " (newer versions), "[0xADDR:LINE] " (where in the code the reset
 * was made) or wraps it as "[F5RST: text]", and may add "{peer} " (the cause was on the proxy's
 * other-side connection).  Returns the offset of the text; *peer and *wrapped say what was seen. */
static size_t f5_lead(const uint8_t *p, size_t len, bool *peer, bool *wrapped)
{
    size_t i = 0;
    *peer = *wrapped = false;
    if (len >= 7 && strncasecmp((const char *)p, "BIG-IP:", 7) == 0) {
        i = 7;
        while (i < len && p[i] == ' ') i++;
    }
    if (len - i > 7 && strncasecmp((const char *)p + i, "[F5RST:", 7) == 0) {
        i += 7;
        *wrapped = true;
    } else if (i < len && p[i] == '[') {
        size_t j = i;
        while (j < len && p[j] != ']') j++;
        if (j == len) return 0;
        i = j + 1;
    }
    while (i < len && p[i] == ' ') i++;
    if (i < len && p[i] == '{') {
        size_t j = i;
        while (j < len && p[j] != '}') j++;
        if (j < len) {
            *peer = j - i - 1 == 4 && strncasecmp((const char *)p + i + 1, "peer", 4) == 0;
            i = j + 1;
            while (i < len && p[i] == ' ') i++;
        }
    }
    return i;
}

static bool classify_ietf(const uint8_t *p, size_t len, struct reset_cause *out)
{
    uint16_t magic, reason;
    if (!get_be16(p, len, 0, &magic) || magic != 0x33AA || !get_be16(p, len, 2, &reason))
        return false;
    uint32_t pen = 0;
    out->pen_seen = get_be32(p, len, 4, &pen);
    out->form = RF_IETF;
    out->ietf_reason = reason;
    out->ietf_pen = pen;
    /* the table holds the IANA registry's reasons; with a PEN the reason is that enterprise's own */
    out->row = out->pen_seen && pen != 0 ? NULL : ietf_lookup(reason);
    out->kind = out->row ? RC_KNOWN : out->cut ? RC_CUT : RC_UNKNOWN;
    int n = 0;
    char buf[24];
    n = snprintf(buf, sizeof buf, "ietf:%u", (unsigned)reason);
    keep_code(out, (const uint8_t *)buf, (size_t)n);
    return true;
}

/* The captured bytes are the start of what `whole` begins with (any case): a form cut inside its lead. */
static bool cut_inside(const uint8_t *p, size_t len, const char *whole, size_t wlen)
{
    return len < wlen && strncasecmp((const char *)p, whole, len) == 0;
}

bool reset_classify(const struct reset_table *t, const uint8_t *p, size_t len, bool cut,
                    struct reset_cause *out)
{
    memset(out, 0, sizeof *out);
    if (len == 0) return false;
    out->cut = cut;
    if (classify_ietf(p, len, out)) return true;
    if (cut && (len == 1 ? p[0] == 0x33 : p[0] == 0x33 && p[1] == 0xAA)) {   /* the IETF magic, cut */
        out->kind = RC_CUT;
        out->form = RF_IETF;
        return true;
    }

    size_t start = 0, end = len;
    while (start < end && is_trim_byte(p[start])) start++;
    while (end > start && is_trim_byte(p[end - 1])) end--;
    const uint8_t *s = p + start;
    size_t n = end - start;
    if (n == 0 || !all_printable(s, n)) {
        out->kind = n == 0 && cut ? RC_CUT : RC_NO_CAUSE;   /* padding so far: what followed is unknown */
        out->form = RF_BINARY;
        return true;
    }

    size_t at = reset_cause_prefix(s, n);
    if (at > 0 || (cut && cut_inside(s, n, "reset cause:", 12))) {
        out->form = RF_RESET_CAUSE;
        if (at > 0) {
            keep_code(out, s + at, n - at);
            out->row = reset_code_lookup(t, (const char *)s + at, n - at);
        }
        out->kind = out->row ? RC_KNOWN : cut ? RC_CUT : RC_UNKNOWN;
        if (out->kind == RC_CUT) out->code_len = 0, out->code[0] = '\0';   /* a prefix of a code is no code */
        return true;
    }
    keep_code(out, s, n);
    if ((out->row = reset_code_lookup(t, (const char *)s, n))) {
        out->form = RF_BARE;
        out->kind = RC_KNOWN;
        return true;
    }
    bool peer, wrapped;
    size_t lead = f5_lead(s, n, &peer, &wrapped);
    if ((out->row = prefix_lookup((const char *)s + lead, n - lead))) {
        size_t end = n;
        if (wrapped && end > lead && s[end - 1] == ']') end--;
        keep_code(out, s + lead, end - lead);   /* the text without F5's lead: "TCP RST from remote system" */
        out->form = RF_PREFIX;
        out->kind = RC_KNOWN;
        out->peer = peer;
        return true;
    }
    out->form = RF_TEXT;
    out->kind = cut ? RC_CUT : RC_UNKNOWN;
    if (cut) out->code_len = 0, out->code[0] = '\0';
    return true;
}

const char *reset_kind_name(enum reset_kind k)
{
    switch (k) {
    case RC_KNOWN: return "known";
    case RC_UNKNOWN: return "unknown";
    case RC_NO_CAUSE: return "RST data, no cause";
    case RC_CUT: return "cut by the capture";
    }
    return "?";
}

const char *reset_form_name(enum reset_form f)
{
    static const char *names[] = {"reset-cause", "bare", "ietf", "prefix", "text", "binary"};
    return (unsigned)f < sizeof names / sizeof names[0] ? names[f] : "?";
}
