/* help([topic]) prints entries of the embedded docs/lua-api.md and docs/hunts.md: "# " and "## "
 * headings are chapters, "### " headings are entries named by the `code` spans in them, and a list
 * item or table row that starts with a `code` span defines that name ("- `connection_failed = …`",
 * "| `dns_odd` | …").  A topic is a name ("find", "pcaphunt.open", "tcp", "tcp.srcport",
 * "tcp.flags.syn", "connection_failed"), a chapter title, or a value (a function, a packet, a
 * layer, a capture). */
#include "help.h"
#include "capture.h"
#include "fields.h"
#include "hunt.h"
#include "output.h"
#include "packet.h"
#include "pcaphunt.h"
#include "session.h"

#include <ctype.h>
#include <lauxlib.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#define NAME_MAX_LEN 64
#define ENTRY_NAMES 12

/* One heading of the document and the text up to the next heading of its level or above. */
struct entry {
    const struct embedded_script *doc;
    int level;                       /* 2 chapter, 3 entry */
    const char *title, *body, *end;  /* title line (after the #s), body start, end of section */
    size_t title_len;
    char names[ENTRY_NAMES][NAME_MAX_LEN];
    int nnames;
    int chapter;                     /* index of the enclosing chapter entry, -1 before any */
};

struct doc {
    struct entry e[256];
    int n;
};

/* The documents help() reads, in the order it searches them. */
static const struct embedded_script *const documents[] = {&embedded_api_doc, &embedded_hunts_doc};
#define NDOCS (sizeof documents / sizeof documents[0])

static const char *line_end(const char *p, const char *end)
{
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    return nl ? nl : end;
}

/* Names in a heading: the identifier chain at the start of each `code` span. */
static void entry_names(struct entry *e)
{
    const char *p = e->title, *end = e->title + e->title_len;
    while (p < end && e->nnames < ENTRY_NAMES) {
        const char *tick = memchr(p, '`', (size_t)(end - p));
        if (!tick) break;
        const char *q = tick + 1;
        size_t n = 0;
        char *out = e->names[e->nnames];
        while (q < end && n + 1 < NAME_MAX_LEN && (isalnum((unsigned char)*q) || *q == '_' || *q == '.' || *q == ':'))
            out[n++] = *q++;
        out[n] = '\0';
        if (n > 0) e->nnames++;
        const char *close = memchr(tick + 1, '`', (size_t)(end - tick - 1));
        p = close ? close + 1 : end;
    }
}

static void doc_parse(struct doc *d)
{
    d->n = 0;
    for (size_t k = 0; k < NDOCS; k++) {
    const char *p = documents[k]->text, *end = p + documents[k]->len;
    int chapter = -1, first = d->n;
    bool fence = false;
    while (p < end) {
        const char *le = line_end(p, end);
        if ((size_t)(le - p) >= 3 && memcmp(p, "```", 3) == 0) fence = !fence;
        int level = 0, marks = 0;
        if (!fence && le - p > 2 && memcmp(p, "# ", 2) == 0) level = 2, marks = 1;   /* the title: a chapter */
        if (!fence && le - p > 3 && memcmp(p, "## ", 3) == 0) level = 2, marks = 2;
        if (!fence && le - p > 4 && memcmp(p, "### ", 4) == 0) level = 3, marks = 3;
        if (level && d->n < (int)(sizeof d->e / sizeof d->e[0])) {
            struct entry *e = &d->e[d->n];
            memset(e, 0, sizeof *e);
            e->doc = documents[k];
            e->level = level;
            e->title = p + marks + 1;
            e->title_len = (size_t)(le - e->title);
            e->body = le < end ? le + 1 : le;
            if (level == 3) entry_names(e);
            else chapter = d->n;
            e->chapter = level == 2 ? -1 : chapter;
            for (int i = d->n - 1; i >= first; i--)   /* close the sections this heading ends */
                if (!d->e[i].end && d->e[i].level >= level) d->e[i].end = p;
            d->n++;
        }
        p = le < end ? le + 1 : le;
    }
    for (int i = first; i < d->n; i++)
        if (!d->e[i].end) d->e[i].end = end;
    }
}

/* Writes markdown as plain text: no `, no **, no heading marks, no runs of blank lines. */
static void print_text(lua_State *L, const char *p, const char *end)
{
    struct session *s = session_get(L);
    bool tty = s && s->escape_output, blank = true;
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    while (p < end) {
        const char *le = line_end(p, end);
        bool is_blank = le == p;
        if (!(is_blank && blank) && !(le - p >= 2 && memcmp(p, "<!", 2) == 0)) {
            const char *q = p;
            while (*q == '#' && q < le) q++;
            if (q > p && q < le && *q == ' ') q++;
            else q = p;
            for (; q < le; q++) {
                if (*q == '`') continue;
                if (*q == '*' && q + 1 < le && q[1] == '*') { q++; continue; }
                luaL_addchar(&b, *q);
            }
            luaL_addchar(&b, '\n');
        }
        blank = is_blank;
        p = le < end ? le + 1 : le;
    }
    luaL_pushresult(&b);
    size_t len;
    const char *text = lua_tolstring(L, -1, &len);
    while (len > 0 && text[len - 1] == '\n' && len > 1 && text[len - 2] == '\n') len--;
    output_write(stdout, text, len, tty);
    fflush(stdout);
    lua_pop(L, 1);
}

/* Case-insensitive substring test (strcasestr is a GNU extension). */
static bool contains_nocase(const char *hay, const char *needle)
{
    size_t n = strlen(needle);
    for (; *hay; hay++)
        if (strncasecmp(hay, needle, n) == 0) return true;
    return false;
}

static void print_entry(lua_State *L, const struct entry *e)
{
    const char *start = e->title;
    while (start > e->doc->text && start[-1] != '\n') start--;   /* the heading's line */
    print_text(L, start, e->end);
}

static bool has_name(const struct entry *e, const char *name, bool nocase)
{
    for (int i = 0; i < e->nnames; i++)
        if (nocase ? strcasecmp(e->names[i], name) == 0 : strcmp(e->names[i], name) == 0) return true;
    return false;
}

/* True when some name of e ends in ".name" or ":name". */
static bool has_suffix(const struct entry *e, const char *name)
{
    size_t n = strlen(name);
    for (int i = 0; i < e->nnames; i++) {
        size_t m = strlen(e->names[i]);
        if (m > n && strcmp(e->names[i] + m - n, name) == 0 && (e->names[i][m - n - 1] == '.' || e->names[i][m - n - 1] == ':'))
            return true;
    }
    return false;
}

/* Prints the field-reference row `p.X` for topic "X" or "p.X"; true if there was one. */
static bool print_field_row(const char *topic)
{
    char want[160];
    if (strlen(topic) > 100) return false;   /* longer than any field name: no row */
    snprintf(want, sizeof want, "| `%s%s` |", strncmp(topic, "p.", 2) == 0 ? "" : "p.", topic);
    const char *text = embedded_api_doc.text, *end = text + embedded_api_doc.len;
    size_t wl = strlen(want);
    for (const char *p = text; p < end;) {
        const char *le = line_end(p, end);
        if ((size_t)(le - p) > wl && memcmp(p, want, wl) == 0) {
            const char *help = p + wl;
            while (help < le && *help == ' ') help++;
            const char *he = le;
            while (he > help && (he[-1] == '|' || he[-1] == ' ')) he--;
            char line[512];
            snprintf(line, sizeof line, "%.*s  %.*s\n", (int)(wl - 6), want + 3, (int)(he - help), help);
            output_write(stdout, line, strlen(line), false);
            return true;
        }
        p = le < end ? le + 1 : le;
    }
    return false;
}

/* A Wireshark display-filter name ("dns.qry.name", "tcp.flags.syn", "p.tls.handshake.ja3") as our
 * field name ("dns.qry_name", "tcp.syn"), as p["tcp.flags.syn"] reads it (fields.c).  False when
 * that names no field. */
static bool field_name_of(const char *topic, char *out, size_t outsz)
{
    if (strncmp(topic, "p.", 2) == 0) topic += 2;
    int ly;
    const struct field_def *f = field_by_full_name(topic, strlen(topic), &ly);
    if (!f) return false;
    snprintf(out, outsz, "%s.%s", layer_names[ly], f->name);
    return true;
}

/* The name a list item ("- `name…`") or table row ("| `name` |") at p defines, in out; false when
 * the line is neither or its code span starts with no name. */
static bool definition_name(const char *p, const char *le, char *out, size_t outsz)
{
    if (le - p < 4 || (memcmp(p, "- `", 3) != 0 && memcmp(p, "| `", 3) != 0)) return false;
    size_t n = 0;
    for (const char *q = p + 3; q < le && n + 1 < outsz && (isalnum((unsigned char)*q) || (*q && strchr("_.:-", *q))); q++)
        out[n++] = *q;
    out[n] = '\0';
    return n > 0 && out[0] != '-';
}

/* Prints the list item or table row of the documents that defines topic, then the chapter it is
 * in as a topic; true if there was one.  A table row prints as "column: cell" lines.  With
 * chapter >= 0, only that chapter's definitions count. */
static bool print_definition(lua_State *L, const struct doc *d, const char *topic, int chapter)
{
    for (int e = 0; e < d->n; e++) {
        if (d->e[e].level != 2 || (chapter >= 0 && e != chapter)) continue;   /* each chapter's own text, before its next chapter */
        const char *p = d->e[e].body, *end = d->e[e].end, *table = NULL;
        bool fence = false;
        while (p < end) {
            const char *le = line_end(p, end);
            char name[NAME_MAX_LEN];
            if ((size_t)(le - p) >= 3 && memcmp(p, "```", 3) == 0) fence = !fence;
            if (*p != '|') table = NULL;
            else if (!table) table = p;   /* a table's first row is its header */
            if (fence || !definition_name(p, le, name, sizeof name) || strcmp(name, topic) != 0) {
                p = le < end ? le + 1 : le;
                continue;
            }
            luaL_Buffer b;
            luaL_buffinit(L, &b);
            if (*p == '-') {   /* the item, its continuation lines unindented */
                luaL_addlstring(&b, p + 2, (size_t)(le - p - 2));
                luaL_addchar(&b, '\n');
                for (const char *q = le < end ? le + 1 : le; q < end && q + 2 <= end && memcmp(q, "  ", 2) == 0;) {
                    const char *qe = line_end(q, end);
                    luaL_addlstring(&b, q + 2, (size_t)(qe - q - 2));
                    luaL_addchar(&b, '\n');
                    q = qe < end ? qe + 1 : qe;
                }
            } else {
                const char *h = table ? table : p, *he = line_end(h, end);
                for (const char *c = p + 1, *hc = h + 1; c < le;) {
                    const char *ce = memchr(c, '|', (size_t)(le - c)), *hce = hc < he ? memchr(hc, '|', (size_t)(he - hc)) : NULL;
                    if (!ce) break;
                    if (h != p && hce) {
                        while (hc < hce && *hc == ' ') hc++;
                        const char *x = hce;
                        while (x > hc && x[-1] == ' ') x--;
                        luaL_addlstring(&b, hc, (size_t)(x - hc));
                        luaL_addstring(&b, ": ");
                    }
                    while (c < ce && *c == ' ') c++;
                    const char *x = ce;
                    while (x > c && x[-1] == ' ') x--;
                    luaL_addlstring(&b, c, (size_t)(x - c));
                    luaL_addchar(&b, '\n');
                    c = ce + 1;
                    hc = hce ? hce + 1 : he;
                }
            }
            char title[128], *o = title;
            const struct entry *c = &d->e[e];
            for (size_t i = 0; i < c->title_len && o < title + sizeof title - 1; i++)
                if (c->title[i] != '`') *o++ = (char)tolower((unsigned char)c->title[i]);
            *o = '\0';
            luaL_addstring(&b, "(from help(\"");
            luaL_addstring(&b, title);
            luaL_addstring(&b, "\"))\n");
            luaL_pushresult(&b);
            size_t len;
            const char *text = lua_tolstring(L, -1, &len);
            print_text(L, text, text + len);
            lua_pop(L, 1);
            return true;
        }
    }
    return false;
}

/* Names the documents tell in prose rather than as entries, items or rows, answered from here:
 * a flow view's fields (docs/hunts.md, "Flows and hosts"; lua/hunt.c flow_field_names),
 * flow_end_want's traits (docs/hunts.md, "Engine events"; lua/hunt.c) and a capture's filter. */
struct extra {
    const char *name, *help;
};

static const struct extra flow_fields[] = {
    {"src", "the sender's address, a string"},
    {"dst", "the peer's address, a string"},
    {"sport", "the sender's port, a number"},
    {"dport", "the peer's port, a number"},
    {"proto", "the IP protocol, a number (6 TCP, 17 UDP ...)"},
    {"packets", "packets both ways, a number"},
    {"packets_sent", "packets the sender sent, a number"},
    {"packets_received", "packets the peer sent, a number"},
    {"ttl_first", "TTL (hop limit) of the sender's first packet, a number; nil before it sent any"},
    {"ttl_last", "TTL (hop limit) of the sender's latest packet, a number; nil before it sent any"},
    {"ttl_changes", "how often the sender's TTL differed from its previous packet's, a number (at most 65535)"},
    {"ipid_first", "IP ID of the sender's first packet, a number (IPv4; else nil, and nil before it sent any)"},
    {"ipid_last", "IP ID of the sender's latest packet, a number (IPv4; else nil, and nil before it sent any)"},
    {"first_frame", "frame number of the flow's first packet (over several captures, its place in the run's merged stream)"},
    {"last_frame", "frame number of the flow's latest packet (over several captures, its place in the run's merged stream)"},
    {"first_time", "time of the flow's first packet, seconds since 1970"},
    {"last_time", "time of the flow's latest packet, seconds since 1970"},
    {"last_sent_time", "time of the sender's latest packet, seconds since 1970; nil before it sent any"},
    {"last_received_time", "time of the peer's latest packet, seconds since 1970; nil before it sent any"},
    {"initiator", "boolean: the sender sent the flow's first packet"},
    {"syn_seen", "boolean: a SYN (without ACK) was seen, either way"},
    {"synack_seen", "boolean: a SYN-ACK was seen, either way"},
    {"established", "boolean: SYN, SYN-ACK and a plain ACK seen, and, when the responder's SYN-ACK was read, the initiator shown to have got it (see verified)"},
    {"data_seen", "boolean: data seen, either way (TCP: a segment with payload, not a RST; any packet of another protocol)"},
    {"fin_seen", "boolean: a FIN was seen, either way"},
    {"rst_seen", "boolean: a RST was seen, either way"},
    {"closed", "boolean: a RST, or FINs both ways"},
    {"syns", "SYNs without ACK, RST or FIN the sender sent when it is the initiator (retransmissions included; else 0), a number"},
    {"callback", "boolean: a TCP flow opened by a SYN at most 5 s after its responder had opened an established TCP connection to its initiator that carried data from it, before the SYN or at most 10 s after (a server checking back on a client that just connected and asked for something, as ident does)"},
    {"tcp_beside", "boolean: a UDP flow whose initiator established a TCP connection to the same address and port within 2 s of it, before or after (QUIC blocked, the browser on TCP)"},
    {"verified", "boolean: a TCP flow opened by a SYN whose responder's SYN-ACK was read and shown to have reached the initiator: a segment of the initiator acknowledged its sequence number, or that of the responder's SYN-ACK before it when it had another (which a blind spoofer never sees), or the responder went on as in a connection (data, a FIN, acknowledging the initiator's data); false without a SYN-ACK read (a capture begun mid-connection)"},
    {"ack_seen", "boolean: a TCP segment with ACK and neither SYN nor RST was seen, either way (a plain ACK, data, a FIN+ACK; a blind ACK too: see verified)"},
    {"fin_seq", "the sequence number of the sender's first FIN (its sequence number + its payload's length: the number the FIN takes), a number; nil when none is kept (no FIN, a SYN since, or the handshake still waiting for proof; see data_after_fin)"},
    {"fin_ttl", "TTL (hop limit) of the sender's FIN whose sequence number fin_seq keeps, a number; nil when fin_seq is"},
    {"df_always", "boolean: every packet the sender sent had DF (don't fragment) set (IPv4; else nil, and nil before it sent any)"},
    {"ipid_counting", "boolean: every step between the sender's consecutive IP IDs in the flow was 0 to 64, as a counter's (IPv4; else nil, and nil before it sent two packets)"},
    {"cut_fragment", "boolean: the sender sent a first fragment too short for its transport header (p.fragment_cut: its TCP flags, or its ports, unread; nmap -f)"},
    {NULL, NULL}
};
#define FLOW_FIELDS_FROM "(a field of a flow view: h:flow(p), h.flows[p], the f of flow_end and connection_failed; help(\"flows and hosts\"))\n"

static const struct extra flow_traits[] = {
    {"proto", "= \"tcp\" or \"udp\"  flow_end only for the flows of that protocol"},
    {"syn_seen", "= true  flow_end only for the flows that saw a SYN (without ACK)"},
    {"synack_seen", "= true  flow_end only for the flows that saw a SYN-ACK"},
    {"ack_seen", "= true  flow_end only for the TCP flows that saw a segment with ACK and neither SYN nor RST (a plain ACK, data, a FIN+ACK); = false only for those that saw none (unsolicited-rst's backscatter)"},
    {"data_seen", "= true  flow_end only for the flows that carried data (as f.data_seen)"},
    {"fin_seen", "= true  flow_end only for the flows that saw a FIN"},
    {"rst_seen", "= true  flow_end only for the flows that saw a RST"},
    {"unanswered", "= true  flow_end only for the flows whose responder sent nothing (port-scan's UDP probes: {proto = \"udp\", unanswered = true})"},
    {NULL, NULL}
};
#define FLOW_TRAITS_FROM "(a condition of flow_end_want: flow_end is called for the flows that meet them all; a trait set = false asks for the flows without it; help(\"flow_end_want\"))\n"

static const struct extra capture_extra[] = {
    {"cap.filter", "the BPF expression the capture was opened with (the command line's trailing filter, -F), a string; nil without one"},
    {NULL, NULL}
};

static const struct extra *extra_find(const struct extra *t, const char *name)
{
    for (; t->name; t++)
        if (strcmp(t->name, name) == 0) return t;
    return NULL;
}

static void write_line(lua_State *L, const char *a, const char *b, const char *c)
{
    lua_pushfstring(L, "%s%s%s\n", a, b, c);
    output_write(stdout, lua_tostring(L, -1), lua_rawlen(L, -1), false);
    lua_pop(L, 1);
}

static int layer_index(const char *name)
{
    for (int i = LY_PACKET + 1; i < LY_COUNT; i++)
        if (strcmp(layer_names[i], name) == 0) return i;
    return -1;
}

/* The chapter that defines want's conditions (docs/hunts.md), or -1. */
static int want_chapter(const struct doc *d)
{
    for (int i = 0; i < d->n; i++) {
        const struct entry *e = &d->e[i];
        if (e->level != 2) continue;
        for (size_t k = 0; k + 6 <= e->title_len; k++)
            if (memcmp(e->title + k, "`want`", 6) == 0) return i;
    }
    return -1;
}

/* The packet's own field or method p.NAME (its row of the field reference), a flow view's field
 * f.NAME and flow_end_want.NAME, each that NAME is; true if any. */
static bool print_named_fields(lua_State *L, const char *name, bool packet, bool flow, bool trait)
{
    bool any = false;
    char row[NAME_MAX_LEN + 8];
    const struct extra *x;
    if (packet && strlen(name) < NAME_MAX_LEN && !strpbrk(name, ".:")) {
        snprintf(row, sizeof row, "p.%s", name);
        any |= print_field_row(row);
    }
    if (flow && (x = extra_find(flow_fields, name))) {
        lua_pushfstring(L, "f.%s  %s\n" FLOW_FIELDS_FROM, name, x->help);
        output_write(stdout, lua_tostring(L, -1), lua_rawlen(L, -1), false);
        lua_pop(L, 1);
        any = true;
    }
    if (trait && (x = extra_find(flow_traits, name))) {
        lua_pushfstring(L, "flow_end_want.%s %s\n" FLOW_TRAITS_FROM, name, x->help);
        output_write(stdout, lua_tostring(L, -1), lua_rawlen(L, -1), false);
        lua_pop(L, 1);
        any = true;
    }
    return any;
}

static bool prefixed(const char *topic, const char *prefix, const char **rest)
{
    size_t n = strlen(prefix);
    if (strncmp(topic, prefix, n) != 0 || !topic[n]) return false;
    *rest = topic + n;
    return true;
}

/* help(string): entries named so, else entries whose names end so, else chapters titled so.  A
 * prefix says which of the names alike is meant: p.X is the packet's field or method (p.tcp its
 * layer), f.X a flow view's field, want.X and flow_end_want.X conditions, cap.X (capture.X) the
 * capture's, pcaphunt.X and list:X what the entries of those names tell. */
static bool help_topic(lua_State *L, const struct doc *d, const char *topic)
{
    const char *rest;
    char buf[NAME_MAX_LEN + 8];
    if ((prefixed(topic, "p.", &rest) || prefixed(topic, "p:", &rest)) && !strpbrk(rest, ".:")) {
        if (layer_index(rest) > 0) return help_topic(L, d, rest);   /* "p.tcp" is the layer */
        return print_named_fields(L, rest, true, false, false);
    }
    if ((prefixed(topic, "f.", &rest) || prefixed(topic, "f:", &rest)) && !strpbrk(rest, ".:")) {
        if (strcmp(rest, "copy") != 0) return print_named_fields(L, rest, false, true, false);
        topic = "f:copy";   /* its entry */
    }
    if (prefixed(topic, "flow_end_want.", &rest)) return print_named_fields(L, rest, false, false, true);
    if (prefixed(topic, "want.", &rest)) return want_chapter(d) >= 0 && print_definition(L, d, rest, want_chapter(d));
    if ((prefixed(topic, "capture.", &rest) || prefixed(topic, "capture:", &rest) || prefixed(topic, "cap.", &rest)) &&
        strlen(rest) < NAME_MAX_LEN) {   /* the documents' cap.X, and cap:X for a method */
        bool method = false;
        for (int i = 0; capture_method_names[i]; i++) method |= strcmp(capture_method_names[i], rest) == 0;
        snprintf(buf, sizeof buf, "cap%c%s", method ? ':' : '.', rest);
        if (strcmp(buf, topic) != 0) return help_topic(L, d, buf);
    }
    const struct extra *x = extra_find(capture_extra, topic);
    if (x) {
        write_line(L, x->name, "  ", x->help);
        return true;
    }
    int found = 0;
    for (int pass = 0; pass < 3 && !found; pass++) {
        if (pass == 2 && want_chapter(d) >= 0 && print_definition(L, d, topic, want_chapter(d)))
            return true;   /* a want condition before a name that merely ends so (pcaphunt.reset_cause) */
        for (int i = 0; i < d->n; i++)
            if (d->e[i].level == 3 && (pass == 2 ? has_suffix(&d->e[i], topic) : has_name(&d->e[i], topic, pass == 1))) {
                if (found++) fputc('\n', stdout);
                print_entry(L, &d->e[i]);
            }
    }
    if (found) return true;
    char field[128];
    if (strchr(topic, '.') && print_field_row(topic)) return true;
    if (field_name_of(topic, field, sizeof field) && print_field_row(field)) return true;
    char msg[256];
    if (field_either_side(topic, strlen(topic), msg, sizeof msg)) {   /* ip.addr, tcp.port */
        lua_pushfstring(L, "%s\n", msg);
        output_write(stdout, lua_tostring(L, -1), lua_rawlen(L, -1), true);
        lua_pop(L, 1);
        return true;
    }
    if (print_definition(L, d, topic, -1)) return true;
    if (print_named_fields(L, topic, true, true, true)) return true;   /* "layers", "ttl_first", "unanswered" */
    for (int pass = 0; pass < 3; pass++)   /* a title that is the topic, then a chapter's, an entry's that holds it */
        for (int i = 0; i < d->n; i++) {
            const struct entry *e = &d->e[i];
            char title[128], *o = title;
            for (size_t k = 0; k < e->title_len && o < title + sizeof title - 1; k++)
                if (e->title[k] != '`') *o++ = e->title[k];
            *o = '\0';
            if (pass == 0 ? strcasecmp(title, topic) == 0
                          : e->level == (pass == 1 ? 2 : 3) && strlen(topic) >= 3 && contains_nocase(title, topic)) {
                print_entry(L, e);
                return true;
            }
        }
    return false;
}

/* Resolves a documented name ("pcaphunt.open", "cap:packets") to its value, reading tables raw
 * and only our own userdata through __index; pushes it or nil. */
static int resolve_name(lua_State *L)
{
    const char *name = lua_tostring(L, 1);
    char part[NAME_MAX_LEN];
    const char *p = name;
    bool first = true;
    while (*p) {
        size_t n = strcspn(p, ".:");
        snprintf(part, sizeof part, "%.*s", (int)n, p);
        if (first) {   /* the document's "cap:" is the capture global, "list:" a packet list */
            lua_pushglobaltable(L);
            if (strcmp(part, "list") == 0) {
                lua_pushstring(L, "pcaphunt");
                lua_rawget(L, -2);
                lua_pushstring(L, "PacketList");
                if (lua_istable(L, -2)) lua_rawget(L, -2);
                else lua_pushnil(L);
            } else {
                lua_pushstring(L, strcmp(part, "cap") == 0 ? "capture" : part);
                lua_rawget(L, -2);
            }
            first = false;
        } else if (lua_istable(L, -1)) {
            lua_pushstring(L, part);
            lua_rawget(L, -2);
        } else if (lcapture_test(L, -1) || packet_test(L, -1)) {
            lua_getfield(L, -1, part);
        } else {
            lua_pushnil(L);
        }
        p += n;
        if (*p) p++;
    }
    return 1;
}

/* The first entry documenting value v (at idx), or -1. */
static int entry_for_value(lua_State *L, const struct doc *d, int idx)
{
    for (int i = 0; i < d->n; i++)
        for (int k = 0; k < d->e[i].nnames; k++) {
            lua_pushcfunction(L, resolve_name);
            lua_pushstring(L, d->e[i].names[k]);
            if (lua_pcall(L, 1, 1, 0) != LUA_OK) { lua_pop(L, 1); continue; }
            bool same = !lua_isnil(L, -1) && lua_rawequal(L, -1, idx);
            lua_pop(L, 1);
            if (same) return i;
        }
    return -1;
}

/* Adds ` help("title")` for a heading whose topic is its title (lower case, no "The ", no `). */
static size_t add_title_topic(luaL_Buffer *b, const struct entry *e, size_t col)
{
    char title[128];
    snprintf(title, sizeof title, "%.*s", (int)e->title_len, e->title);
    char *t = title, *o = title;
    if (strncmp(t, "The ", 4) == 0) t += 4;
    for (; *t; t++)
        if (*t != '`') *o++ = (char)tolower((unsigned char)*t);
    *o = '\0';
    size_t n = strlen(title) + 9;
    if (col + n > 96 && col > 3) { luaL_addstring(b, "\n   "); n += 3 - col; }   /* the caller's col + n: 3 + the topic */
    luaL_addstring(b, " help(\"");
    luaL_addstring(b, title);
    luaL_addstring(b, "\")");
    return n;
}

/* True when a chapter has text of its own before its first entry. */
static bool has_prose(const struct entry *c, const struct entry *next)
{
    const char *end = next && next->level == 3 ? next->title - 4 : c->end;
    for (const char *p = c->body; p < end; p++)
        if (!isspace((unsigned char)*p)) return true;
    return false;
}

/* Was name already listed among the entries first..e (names before index k of e)? */
static bool listed_before(const struct doc *d, int first, int j, int k)
{
    for (int j2 = first; j2 <= j; j2++)
        for (int k2 = 0; k2 < (j2 == j ? k : d->e[j2].nnames); k2++)
            if (strcmp(d->e[j2].names[k2], d->e[j].names[k]) == 0) return true;
    return false;
}

static void help_overview(lua_State *L, const struct doc *d)
{
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    luaL_addstring(&b, "pcaphunt " PCAPHUNT_VERSION " help.  help(\"name\") or help(value) shows one entry: help(\"find\"),\n"
                       "help(pcaphunt.open), help(\"tcp\") for a layer's fields, help(\"tcp.srcport\"), help(\"shell\").\n");
    for (int i = 0; i < d->n; i++) {
        const struct entry *c = &d->e[i];
        if (c->level != 2) continue;
        luaL_addchar(&b, '\n');
        for (const char *t = c->title; t < c->title + c->title_len; t++)
            if (*t != '`') luaL_addchar(&b, *t);
        luaL_addchar(&b, ':');
        size_t col = c->title_len + 1;
        if (has_prose(c, i + 1 < d->n ? &d->e[i + 1] : NULL)) col += add_title_topic(&b, c, col);
        for (int j = i + 1; j < d->n && d->e[j].level == 3; j++) {
            const struct entry *e = &d->e[j];
            if (e->nnames == 0) { col += add_title_topic(&b, e, col); continue; }
            for (int k = 0; k < e->nnames; k++) {
                if (listed_before(d, i + 1, j, k)) continue;   /* hunt("name") and hunt() are one name */
                size_t n = strlen(e->names[k]) + 1;
                if (col + n > 96) { luaL_addstring(&b, "\n   "); col = 3; }
                luaL_addchar(&b, ' ');
                luaL_addstring(&b, e->names[k]);
                col += n;
            }
        }
    }
    luaL_addchar(&b, '\n');
    luaL_pushresult(&b);
    size_t len;
    const char *text = lua_tolstring(L, -1, &len);
    output_write(stdout, text, len, false);
    fflush(stdout);
    lua_pop(L, 1);
}

/* help(cap): what a capture has (lua/capture.c's names, as completion offers them), then the
 * entries that tell them. */
static void help_capture(lua_State *L, const struct doc *d)
{
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    luaL_addstring(&b, "a capture: the capture global, captures[i], what pcaphunt.open(path) returns\nmethods:");
    for (int i = 0; capture_method_names[i]; i++) {
        luaL_addstring(&b, i ? ", cap:" : " cap:");
        luaL_addstring(&b, capture_method_names[i]);
    }
    luaL_addstring(&b, "\nfields:");
    for (int i = 0; capture_field_names[i]; i++) {
        luaL_addstring(&b, i ? ", cap." : " cap.");
        luaL_addstring(&b, capture_field_names[i]);
    }
    luaL_addstring(&b, "\n");
    luaL_pushresult(&b);
    output_write(stdout, lua_tostring(L, -1), lua_rawlen(L, -1), false);
    lua_pop(L, 1);
    for (int i = 0; i < d->n; i++)
        if (d->e[i].level == 3 && (has_name(&d->e[i], "cap:packets", false) || has_name(&d->e[i], "cap:close", false))) {
            fputc('\n', stdout);
            print_entry(L, &d->e[i]);
        }
    fflush(stdout);
}

/* help(topic): see the top of this file. */
static int l_help(lua_State *L)
{
    lua_settop(L, 1);
    struct doc *d = lua_newuserdatauv(L, sizeof *d, 0);   /* large: on the Lua heap, not the C stack */
    doc_parse(d);
    if (lua_isnoneornil(L, 1)) { help_overview(L, d); return 0; }
    const char *topic = NULL;
    int layer;
    if (lua_type(L, 1) == LUA_TSTRING) topic = lua_tostring(L, 1);
    else if (packet_test(L, 1)) topic = "packet";
    else if (lcapture_test(L, 1)) { help_capture(L, d); return 0; }
    else if ((layer = packet_layer_test(L, 1)) >= 0) topic = layer_names[layer];
    else if (lua_istable(L, 1) && lua_getmetatable(L, 1)) {   /* what find(), summary() and p.reset_cause give */
        lua_getfield(L, -1, "__name");
        const char *mt = lua_tostring(L, -1);
        if (mt && strcmp(mt, "packet list") == 0) topic = "find";
        else if (mt && strcmp(mt, "summary") == 0) topic = "summary";
        lua_pop(L, 2);
    }
    if (!topic && lua_istable(L, 1)) {   /* a reset cause (p.reset_cause): known and text, raw fields */
        lua_pushliteral(L, "known");
        int known = lua_rawget(L, 1);
        lua_pushliteral(L, "text");
        int text = lua_rawget(L, 1);
        if (known == LUA_TBOOLEAN && text == LUA_TSTRING) topic = "pcaphunt.reset_cause";   /* what it returns */
        lua_pop(L, 2);
    }
    if (topic) {
        if (strcmp(topic, "p") == 0) topic = "packet";   /* the shell's p */
        if (strcmp(topic, "--set") == 0 || strcmp(topic, "set") == 0) topic = "h.options";   /* where --set is told */
        if (strcmp(topic, "option_help") == 0) topic = "options";   /* told in the options entry */
        if (!help_topic(L, d, topic) && !hunt_print_one(L, stdout, topic)) {   /* a hunt of a --hunt-file too */
            const char *line = lua_pushfstring(L, "no help for \"%s\": help() lists the topics\n", topic);
            output_write(stdout, line, strlen(line), true);   /* the topic escaped, whole */
        }
        return 0;
    }
    int e = entry_for_value(L, d, 1);
    if (e >= 0) print_entry(L, &d->e[e]);
    else printf("no help for this %s: help() lists the topics\n", luaL_typename(L, 1));
    fflush(stdout);
    return 0;
}

void help_push_names(lua_State *L)
{
    struct doc *d = lua_newuserdatauv(L, sizeof *d, 0);
    doc_parse(d);
    lua_newtable(L);
    lua_Integer n = 0;
    for (const struct extra *x = flow_fields; x->name; x++) {   /* the names answered from here */
        lua_pushfstring(L, "f.%s", x->name);
        lua_rawseti(L, -2, ++n);
    }
    for (const struct extra *x = flow_traits; x->name; x++) {
        lua_pushfstring(L, "flow_end_want.%s", x->name);
        lua_rawseti(L, -2, ++n);
    }
    for (const struct extra *x = capture_extra; x->name; x++) {
        lua_pushstring(L, x->name);
        lua_rawseti(L, -2, ++n);
    }
    for (int i = 0; i < d->n; i++) {
        for (int k = 0; k < d->e[i].nnames; k++) {
            lua_pushstring(L, d->e[i].names[k]);
            lua_rawseti(L, -2, ++n);
        }
        if (d->e[i].level != 2) continue;
        for (const char *p = d->e[i].body, *end = d->e[i].end; p < end;) {
            const char *le = line_end(p, end);
            char name[NAME_MAX_LEN];
            if (definition_name(p, le, name, sizeof name)) {
                lua_pushstring(L, name);
                lua_rawseti(L, -2, ++n);
            }
            p = le < end ? le + 1 : le;
        }
    }
    lua_remove(L, -2);
}

void help_open(lua_State *L)
{
    lua_pushcfunction(L, l_help);
    lua_setglobal(L, "help");
}
