/* Findings output.  Every text that came from a capture or a hunt goes through core/escape.c:
 * ESC_QUOTED in the human report, ESC_JSON inside JSON strings (valid JSON and UTF-8 whatever the
 * bytes), ESC_LINE for names and registry texts. */
#include "report.h"
#include "core/escape.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

void report_seconds(const struct stamp *t, char out[REPORT_TIME_MAX])
{
    int digits = t->nano ? 9 : 6;
    uint64_t scale = t->nano ? 1000000000u : 1000000u, frac = t->frac, whole;
    bool negative = t->sec < 0;
    /* -5 s and a fraction of .25 is -4.75: the whole part toward zero, the fraction's complement */
    whole = negative ? (uint64_t)-(t->sec + 1) + (frac == 0) : (uint64_t)t->sec;
    if (negative && frac) frac = scale - frac % scale;
    snprintf(out, REPORT_TIME_MAX, "%s%llu.%0*llu", negative ? "-" : "", (unsigned long long)whole, digits,
             (unsigned long long)frac);
}

void report_time(const struct stamp *t, bool iso, char out[REPORT_TIME_MAX])
{
    struct tm tm;
    bool in_range = t->sec > -100000000000000000 && t->sec < 100000000000000000;   /* beyond, no calendar date */
    time_t tt = (time_t)t->sec;
    if (!in_range || !gmtime_r(&tt, &tm)) { report_seconds(t, out); return; }
    size_t n = strftime(out, REPORT_TIME_MAX, iso ? "%Y-%m-%dT%H:%M:%S" : "%Y-%m-%d %H:%M:%S", &tm);
    snprintf(out + n, REPORT_TIME_MAX - n, ".%0*lu%s", t->nano ? 9 : 6, (unsigned long)t->frac, iso ? "Z" : "");
}

/* Writes s as a JSON string (hostile bytes escaped, no length limit). */
static void json_string(FILE *out, const char *s)
{
    fputc('"', out);
    escape_fwrite(out, s, strlen(s), ESC_JSON);
    fputc('"', out);
}

/* Text for the human report: quoted (ESC_QUOTED) or a name/registry text on one line (ESC_LINE). */
static void put_quoted(FILE *out, const char *s) { escape_fwrite(out, s, strlen(s), ESC_QUOTED); }
static void put_line(FILE *out, const char *s) { escape_fwrite(out, s, strlen(s), ESC_LINE); }

/* "[high] hunt: message\n" */
static void human_headline(FILE *out, enum severity sev, const char *hunt, const char *msg)
{
    fprintf(out, "[%s] ", severity_name(sev));
    put_line(out, hunt);
    fputs(": ", out);
    put_quoted(out, msg);
    fputc('\n', out);
}

static void json_kv_str(FILE *out, const char *k, const char *v)
{
    if (!v) return;
    fprintf(out, ",\"%s\":", k);
    json_string(out, v);
}


/* The name of capture `capture` (1-based) when the run read several, else NULL. */
static const char *several_name(const struct hunt_run *r, int capture)
{
    if (r->ncaptures < 2 || capture < 1 || capture > r->ncaptures) return NULL;
    return r->capture_names[capture - 1];
}

/* ,"files":[...]: each listed frame's capture, when the run read several. */
static void json_files(FILE *out, const struct hunt_run *r, const int *captures, int n)
{
    if (r->ncaptures < 2 || n == 0) return;
    fputs(",\"files\":[", out);
    for (int i = 0; i < n; i++) {
        const char *name = several_name(r, captures[i]);
        if (i) fputc(',', out);
        if (name) json_string(out, name);
        else fputs("null", out);
    }
    fputc(']', out);
}

/* A group of a hunt that stopped by an error (its later packets never reached it): what to say of it,
 * true; else false.  "stopped by an error in its packet function at frame 5: findings after it are missing". */
static bool partial_text(const struct hunt_run *r, int hunt, char *buf, size_t size)
{
    const struct hunt *h = &r->hunts[hunt];
    if (!h->error_in) return false;
    if (h->error_frame)
        snprintf(buf, size, "stopped by an error in its %s function at frame %llu: findings after it are missing", h->error_in,
                 (unsigned long long)h->error_frame);
    else snprintf(buf, size, "stopped by an error in its %s function after the last frame: its findings may be incomplete",
                  h->error_in);
    return true;
}

/* One group as a JSON object: g is a group of the run, or one finding alone (--all-findings). */
static void json_object(FILE *out, const struct hunt_run *r, const char *hunt, const struct finding_group *g)
{
    const struct finding *f = &g->first;
    fputs("{\"hunt\":", out);
    json_string(out, hunt);
    fprintf(out, ",\"severity\":\"%s\"", severity_name(f->severity));
    json_kv_str(out, "key", f->key);
    fprintf(out, ",\"count\":%llu", (unsigned long long)g->count);
    if (g->first_frame) {   /* a finding that cites no packet (a host's) has no frames and no times */
        char iso0[REPORT_TIME_MAX], iso1[REPORT_TIME_MAX], t0[REPORT_TIME_MAX], t1[REPORT_TIME_MAX];
        report_time(&g->first_time, true, iso0);
        report_time(&g->last_time, true, iso1);
        report_seconds(&g->first_time, t0);
        report_seconds(&g->last_time, t1);
        fprintf(out, ",\"first_frame\":%llu,\"last_frame\":%llu,\"first_time\":%s,\"last_time\":%s"
                     ",\"first_time_iso\":\"%s\",\"last_time_iso\":\"%s\"",
                (unsigned long long)g->first_frame, (unsigned long long)g->last_frame, t0, t1, iso0, iso1);
        json_kv_str(out, "file", g->first_file);
        if (g->last_file && g->first_file && strcmp(g->first_file, g->last_file) != 0) json_kv_str(out, "last_file", g->last_file);
    }
    if (f->frame) fprintf(out, ",\"capture\":%d", f->capture);
    json_kv_str(out, "src", f->src);
    json_kv_str(out, "dst", f->dst);
    if (f->sport >= 0) fprintf(out, ",\"sport\":%d", f->sport);
    if (f->dport >= 0) fprintf(out, ",\"dport\":%d", f->dport);
    json_kv_str(out, "proto", f->proto);
    json_kv_str(out, "msg", f->msg);
    json_kv_str(out, "why", f->why);
    json_kv_str(out, "check", f->check);
    if (f->reset_category) {
        fputs(",\"reset_cause\":{", out);
        fputs("\"known\":", out);
        fputs(f->reset_vendor ? "true" : "false", out);
        json_kv_str(out, "code", f->reset_code);
        json_kv_str(out, "vendor", f->reset_vendor);
        json_kv_str(out, "category", f->reset_category);
        json_kv_str(out, "meaning", f->reset_meaning);
        if (f->reset_peer) fputs(",\"peer\":true", out);
        fputc('}', out);
    }
    json_kv_str(out, "community_id", f->community_id);
    json_kv_str(out, "example", f->summary);
    if (g->nlisted) {   /* the first distinct frames cited (and their captures, when several), and how many */
        fputs(",\"frames\":[", out);
        for (int i = 0; i < g->nlisted; i++) fprintf(out, "%s%llu", i ? "," : "", (unsigned long long)g->listed[i]);
        fputc(']', out);
        json_files(out, r, g->listed_capture, g->nlisted);
        fprintf(out, ",\"frame_count\":%llu", (unsigned long long)g->frames);
    }
    char partial[160];
    if (partial_text(r, f->hunt, partial, sizeof partial)) json_kv_str(out, "partial", partial);
    if (g->incident < r->findings.nincidents && r->findings.incidents[g->incident].number)   /* a finding alone: none */
        fprintf(out, ",\"incident\":%zu", r->findings.incidents[g->incident].number);
    fputc('}', out);
}

/* Suricata's name for a transport in EVE records ("TCP", "IPv6-ICMP", "SCTP" ...). */
static void eve_proto(const char *proto, char *out, size_t outsz)
{
    if (strcmp(proto, "icmpv6") == 0) { snprintf(out, outsz, "IPv6-ICMP"); return; }
    size_t i = 0;
    for (; proto[i] && i + 1 < outsz; i++) out[i] = (char)(proto[i] >= 'a' && proto[i] <= 'z' ? proto[i] - 32 : proto[i]);
    out[i] = 0;
}

/* One finding (group) as a Suricata EVE alert: the flow's addresses, ports and Community ID,
 * alert.signature (the message), alert.severity (1 high .. 3 low and info), alert.category (the
 * hunt), and our own record under "pcaphunt". */
static void eve_finding(FILE *out, const struct hunt_run *r, const char *hunt, const struct finding_group *g)
{
    const struct finding *f = &g->first;
    fputc('{', out);
    if (g->first_frame) {
        char ts[REPORT_TIME_MAX];
        struct stamp us = g->first_time;   /* Suricata's microseconds (parsers read six digits); the exact
                                               time, nine digits for nanoseconds, is pcaphunt.first_time */
        if (us.nano) us = (struct stamp){us.sec, us.frac / 1000, false};
        report_time(&us, true, ts);
        if (ts[strlen(ts) - 1] == 'Z') ts[strlen(ts) - 1] = 0;   /* "Z" → "+0000", as Suricata writes it */
        fprintf(out, "\"timestamp\":\"%s+0000\",", ts);
    }
    fputs("\"event_type\":\"alert\"", out);
    json_kv_str(out, "src_ip", f->src);
    if (f->sport >= 0) fprintf(out, ",\"src_port\":%d", f->sport);
    json_kv_str(out, "dest_ip", f->dst);
    if (f->dport >= 0) fprintf(out, ",\"dest_port\":%d", f->dport);
    if (f->proto) {
        char p[32];
        eve_proto(f->proto, p, sizeof p);
        json_kv_str(out, "proto", p);
    }
    json_kv_str(out, "community_id", f->community_id);
    int sev = f->severity == SEV_HIGH ? 1 : f->severity == SEV_MEDIUM ? 2 : 3;
    fputs(",\"alert\":{\"signature\":", out);
    json_string(out, f->msg);
    fprintf(out, ",\"severity\":%d,\"category\":", sev);
    json_string(out, hunt);
    fputs("},\"pcaphunt\":", out);
    json_object(out, r, hunt, g);
    fputs("}\n", out);
}

static void json_finding(FILE *out, const struct hunt_run *r, enum report_format fmt, const char *hunt,
                         const struct finding_group *g)
{
    if (fmt == REPORT_EVE) { eve_finding(out, r, hunt, g); return; }
    json_object(out, r, hunt, g);
    fputc('\n', out);
}

/* "    why: …" and "    check: …", when the hunt said them. */
static void human_reasons(FILE *out, const struct finding *f, const char *indent)
{
    if (f->why) { fprintf(out, "%swhy: ", indent); put_quoted(out, f->why); fputc('\n', out); }
    if (f->check) { fprintf(out, "%scheck: ", indent); put_quoted(out, f->check); fputc('\n', out); }
}

static void human_group(FILE *out, const struct hunt_run *r, const struct finding_group *g, bool inner);

void report_finding(const struct hunt_run *r, const struct finding_group *g, void *ctx)
{
    const struct report_stream *rs = ctx;
    if (rs->format != REPORT_HUMAN) json_finding(stdout, r, rs->format, r->hunts[g->first.hunt].name, g);
    else if (rs->quiet) human_headline(stdout, g->first.severity, r->hunts[g->first.hunt].name, g->first.msg);
    else human_group(stdout, r, g, false);
}

/* "frames 3, 7" / "frame 3" / "frames 1, 2, … 10 and 20 more": the frames a group cited. */
static void human_frames(FILE *out, const uint64_t *listed, int nlisted, uint64_t total)
{
    fprintf(out, "frame%s ", total == 1 ? "" : "s");
    for (int i = 0; i < nlisted; i++) fprintf(out, "%s%llu", i ? ", " : "", (unsigned long long)listed[i]);
    if (total > (uint64_t)nlisted) fprintf(out, " and %llu more", (unsigned long long)(total - (uint64_t)nlisted));
}

static void human_times(FILE *out, const struct stamp *t0s, const struct stamp *t1s)
{
    char t0[REPORT_TIME_MAX], t1[REPORT_TIME_MAX];
    report_time(t0s, false, t0);
    report_time(t1s, false, t1);
    if (strcmp(t0, t1) == 0) fprintf(out, ", %s UTC\n", t0);
    else fprintf(out, ", %s .. %s UTC\n", t0, t1);
}

/* "    2 findings, q.pcap frames 3, 7, 2004-11-23 08:53:25.123456 .. 2004-11-23 08:53:27.370368 UTC":
 * the file only when the run read several captures; a group over two files names its first and
 * last frame in each. */
static void human_where(FILE *out, const struct finding_group *g, const char *indent)
{
    fprintf(out, "%s%llu finding%s, ", indent, (unsigned long long)g->count, g->count == 1 ? "" : "s");
    if (g->first_file && g->last_file && strcmp(g->first_file, g->last_file) != 0) {
        put_quoted(out, g->first_file);
        fprintf(out, " frame %llu .. ", (unsigned long long)g->first_frame);
        put_quoted(out, g->last_file);
        fprintf(out, " frame %llu", (unsigned long long)g->last_frame);
    } else {
        if (g->first_file) { put_quoted(out, g->first_file); fputc(' ', out); }
        human_frames(out, g->listed, g->nlisted, g->frames);
    }
    human_times(out, &g->first_time, &g->last_time);
}

static const struct hunt_run *sort_run;

static int group_cmp(const void *a, const void *b)
{
    const struct finding_group *x = *(struct finding_group *const *)a, *y = *(struct finding_group *const *)b;
    if (x->first.severity != y->first.severity) return x->first.severity > y->first.severity ? -1 : 1;
    int px = sort_run->hunts[x->first.hunt].priority, py = sort_run->hunts[y->first.hunt].priority;
    if (px != py) return px < py ? -1 : 1;
    if (x->first.hunt != y->first.hunt) return x->first.hunt < y->first.hunt ? -1 : 1;
    /* over several captures frame numbers restart in each: the stream's order is the time's (files
       merged by time, equal times in the order the files were given), so rotated pieces of a capture
       report as the whole one does */
    if (sort_run->ncaptures >= 2) {
        int by_time = stamp_cmp(&x->first_time, &y->first_time);
        if (by_time != 0) return by_time;
        if (x->first_capture != y->first_capture) return x->first_capture < y->first_capture ? -1 : 1;
    }
    return x->first_frame < y->first_frame ? -1 : x->first_frame > y->first_frame;
}

#define GROUPS_PER_HUNT 5
#define INCIDENTS_SHOWN 10

/* A note under the report, or on stderr when the report is JSON; none when note is empty. */
static void put_note(FILE *out, enum report_format fmt, const char *note)
{
    if (!*note) return;
    if (fmt != REPORT_HUMAN) fprintf(stderr, "pcaphunt: note: %s\n", note);
    else fprintf(out, "note: %s\n", note);
}

void report_flow_note(FILE *out, const struct hunt_run *r, enum report_format fmt)
{
    char note[512];
    const struct flow_table *t = &r->flows;
    if (t->evicted || t->hosts_evicted)   /* any finding, or its absence, may depend on what was evicted */
        snprintf(note, sizeof note,
                 "the flow table reached its memory bound and evicted %llu flows and %llu hosts; findings "
                 "that depend on a flow's or a host's history may differ (--flow-memory raises the bound)",
                 (unsigned long long)t->evicted, (unsigned long long)t->hosts_evicted);
    else if (r->forgotten)
        snprintf(note, sizeof note,
                 "%llu finding%s concern%s packets whose flow may have expired after inactivity before them "
                 "(%llu flows expired)", (unsigned long long)r->forgotten, r->forgotten == 1 ? "" : "s",
                 r->forgotten == 1 ? "s" : "", (unsigned long long)t->expired);
    else
        note[0] = '\0';
    put_note(out, fmt, note);
    if (t->pairs_dropped) {   /* f.callback, f.tcp_beside: what a flow it did not keep would have excused */
        snprintf(note, sizeof note,
                 "the address-pair memory (the latest flows of %u address pairs, for f.callback and f.tcp_beside) "
                 "was full and did not keep %llu flow%s; findings that depend on them (port-scan's callbacks and "
                 "QUIC fallbacks) may differ, as between one process and a split run (-j)",
                 FLOW_PAIR_CAP, (unsigned long long)t->pairs_dropped, t->pairs_dropped == 1 ? "" : "s");
        put_note(out, fmt, note);
    }
    for (int i = 0; i < r->n; i++) {   /* the hunts' own (h:note), escaped: a hunt file's text */
        if (!r->hunts[i].selected || !r->hunts[i].note) continue;
        snprintf(note, sizeof note, "%s: %s", r->hunts[i].name, r->hunts[i].note);   /* escaped by h:note */
        put_note(out, fmt, note);
    }
    if (r->engine.filter_inner) {   /* the filter kept tcpdump's meaning: say what hunts did not see */
        snprintf(note, sizeof note,
                 "the command line's filter keeps tcpdump's meaning and passed over %llu frame%s inside VLAN, "
                 "MPLS or PPPoE headers that it matches from their IP header, so no hunt saw them "
                 "(tcpdump's 'vlan and ...' takes tagged ones; a hunt's own filter sees through them)",
                 (unsigned long long)r->engine.filter_inner, r->engine.filter_inner == 1 ? "" : "s");
        put_note(out, fmt, note);
    }
}

static int member_cmp(const void *a, const void *b)
{
    return group_cmp(a, b);
}

/* One group of the human report; indent "" alone, "  " inside an incident. */
static void human_group(FILE *out, const struct hunt_run *r, const struct finding_group *g, bool inner)
{
    const struct finding *f = &g->first;
    const char *in = inner ? "      " : "    ";
    if (inner) fputs("  ", out);
    human_headline(out, f->severity, r->hunts[f->hunt].name, f->msg);
    human_reasons(out, f, in);
    char partial[160];
    if (partial_text(r, f->hunt, partial, sizeof partial)) fprintf(out, "%spartial: %s\n", in, partial);
    if (g->first_frame)
        human_where(out, g, in);
    else {   /* no packet: the host it names, if any */
        fprintf(out, "%s%llu finding%s", in, (unsigned long long)g->count, g->count == 1 ? "" : "s");
        if (f->src) { fputs(", host ", out); put_line(out, f->src); }
        fputc('\n', out);
    }
    if (f->summary) {   /* over several captures, its file first, as summary lines have it */
        fprintf(out, "%se.g. ", in);
        if (f->file) { put_quoted(out, f->file); fputc(' ', out); }
        put_line(out, f->summary);
        fputc('\n', out);
    }
    if (f->reset_category) {   /* "    reset cause CODE: VENDOR CATEGORY: MEANING" */
        fprintf(out, "%sreset cause ", in);
        if (f->reset_code) put_quoted(out, f->reset_code);
        if (f->reset_vendor) {
            fputs(": ", out);
            put_line(out, f->reset_vendor);
            fputc(' ', out);
            put_line(out, f->reset_category);
            fputs(": ", out);
            put_line(out, f->reset_meaning ? f->reset_meaning : "");
        } else {
            if (f->reset_code) fputs(": ", out);
            put_line(out, f->reset_category);
        }
        fputc('\n', out);
    }
}

/* An incident's members, sorted as the report orders groups; returns how many (0 when out of memory). */
static size_t incident_members(const struct hunt_run *r, const struct incident *in, const struct finding_group **m)
{
    for (size_t k = 0; k < in->n; k++) m[k] = &r->findings.groups[in->groups[k]];
    sort_run = r;
    qsort(m, in->n, sizeof *m, member_cmp);
    return in->n;
}

/* The hunts of an incident's members, each once, in the members' order. */
static int incident_hunts(const struct finding_group **m, size_t n, int *hunts)
{
    int nh = 0;
    for (size_t k = 0; k < n; k++) {
        int h = m[k]->first.hunt, j = 0;
        while (j < nh && hunts[j] != h) j++;
        if (j == nh) hunts[nh++] = h;
    }
    return nh;
}

static int u64_cmp(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

static int cited_cmp(const void *a, const void *b)
{
    const struct cited *x = a, *y = b;
    if (x->capture != y->capture) return x->capture < y->capture ? -1 : 1;
    return u64_cmp(&x->frame, &y->frame);
}

/* The distinct frames the members cited, in capture (the run's order) and frame order: the same
 * frame number in two captures is two frames; the first GROUP_FRAMES_LISTED go to out, *total is
 * how many. Out of memory: those the members listed, and *total the most any member cited. */
static int incident_frames(const struct finding_group **m, size_t n, struct cited *out, uint64_t *total)
{
    size_t na = 0;
    for (size_t k = 0; k < n; k++) na += (size_t)m[k]->frames;
    struct cited listed[64], *all = na ? malloc(na * sizeof *all) : NULL;
    uint64_t most = 0;
    if (all) {
        na = 0;
        for (size_t k = 0; k < n; k++) {
            findings_group_frames(m[k], all + na);
            na += (size_t)m[k]->frames;
        }
    } else {
        all = listed;
        na = 0;
        for (size_t k = 0; k < n; k++) {
            if (m[k]->frames > most) most = m[k]->frames;
            for (int i = 0; i < m[k]->nlisted && na < 64; i++)
                all[na++] = (struct cited){m[k]->listed_capture[i], m[k]->listed[i]};
        }
    }
    qsort(all, na, sizeof *all, cited_cmp);
    size_t nu = 0;
    for (size_t i = 0; i < na; i++)
        if (nu == 0 || all[i].frame != all[nu - 1].frame || all[i].capture != all[nu - 1].capture) all[nu++] = all[i];
    int shown = nu < GROUP_FRAMES_LISTED ? (int)nu : GROUP_FRAMES_LISTED;
    memcpy(out, all, (size_t)shown * sizeof *out);
    *total = most > (uint64_t)nu ? most : (uint64_t)nu;
    if (all != listed) free(all);
    return shown;
}

/* "frames 3, 7 and 2 more", or over several captures "a.pcap frames 3, 7; b.pcap frame 3 and 1 more". */
static void human_cited(FILE *out, const struct hunt_run *r, const struct cited *c, int n, uint64_t total)
{
    if (r->ncaptures < 2) {
        uint64_t frames[GROUP_FRAMES_LISTED];
        for (int i = 0; i < n; i++) frames[i] = c[i].frame;
        human_frames(out, frames, n, total);
        return;
    }
    for (int i = 0; i < n;) {
        int j = i;
        while (j < n && c[j].capture == c[i].capture) j++;
        if (i) fputs("; ", out);
        const char *name = several_name(r, c[i].capture);
        if (name) { put_quoted(out, name); fputc(' ', out); }
        fprintf(out, "frame%s ", j - i == 1 ? "" : "s");
        for (int k = i; k < j; k++) fprintf(out, "%s%llu", k > i ? ", " : "", (unsigned long long)c[k].frame);
        i = j;
    }
    if (total > (uint64_t)n) fprintf(out, " and %llu more", (unsigned long long)(total - (uint64_t)n));
}

static const struct hunt_run *incident_sort_run;

/* Incidents in report order: by the order of their first (most severe) member. */
static int incident_cmp(const void *a, const void *b)
{
    const struct finding_group *x = *(struct finding_group *const *)a, *y = *(struct finding_group *const *)b;
    sort_run = incident_sort_run;
    return group_cmp(&x, &y);
}

static void json_incident(FILE *out, const struct hunt_run *r, const struct incident *in, size_t number,
                          const struct finding_group **m, size_t n)
{
    const struct finding *top = &m[0]->first;
    int hunts[HUNT_MAX];
    int nh = incident_hunts(m, n, hunts);
    fprintf(out, "{\"incident\":%zu,\"severity\":\"%s\",\"hosts\":[", number, severity_name(in->severity));
    bool any = false;
    if (top->src) { json_string(out, top->src); any = true; }
    if (top->dst) { if (any) fputc(',', out); json_string(out, top->dst); }
    fputs("],\"hunts\":[", out);
    for (int i = 0; i < nh; i++) { if (i) fputc(',', out); json_string(out, r->hunts[hunts[i]].name); }
    fprintf(out, "],\"groups\":%zu", n);
    struct cited frames[GROUP_FRAMES_LISTED];
    uint64_t total;
    int nf = incident_frames(m, n, frames, &total);
    if (nf) {
        int captures[GROUP_FRAMES_LISTED];
        fputs(",\"frames\":[", out);
        for (int i = 0; i < nf; i++) {
            fprintf(out, "%s%llu", i ? "," : "", (unsigned long long)frames[i].frame);
            captures[i] = frames[i].capture;
        }
        fputc(']', out);
        json_files(out, r, captures, nf);
        fprintf(out, ",\"frame_count\":%llu", (unsigned long long)total);
    }
    fputs(",\"summary\":", out);
    json_string(out, top->msg);
    fputs("}\n", out);
}

static void human_incident(FILE *out, const struct hunt_run *r, const struct incident *in, size_t number,
                           const struct finding_group **m, size_t n)
{
    const struct finding *top = &m[0]->first;
    int hunts[HUNT_MAX];
    int nh = incident_hunts(m, n, hunts);
    fprintf(out, "[%s] incident %zu: ", severity_name(in->severity), number);
    if (top->src) put_line(out, top->src);
    if (top->dst && *top->dst) { fputs(" and ", out); put_line(out, top->dst); }
    fprintf(out, ": %d hunts agree: ", nh);
    for (int i = 0; i < nh; i++) { if (i) fputs(", ", out); put_line(out, r->hunts[hunts[i]].name); }
    fputs("\n    ", out);
    put_quoted(out, top->msg);
    fputc('\n', out);
    struct cited frames[GROUP_FRAMES_LISTED];
    uint64_t total;
    int nf = incident_frames(m, n, frames, &total);
    if (nf) {
        struct stamp t0 = {0, 0, false}, t1 = t0;
        bool first = true;
        for (size_t k = 0; k < n; k++) {
            if (!m[k]->first_frame) continue;
            if (first || stamp_cmp(&m[k]->first_time, &t0) < 0) t0 = m[k]->first_time;
            if (first || stamp_cmp(&m[k]->last_time, &t1) > 0) t1 = m[k]->last_time;
            first = false;
        }
        fputs("    ", out);
        human_cited(out, r, frames, nf, total);
        human_times(out, &t0, &t1);
    }
}

int report_correlate(struct hunt_run *r)
{
    struct findings *fs = &r->findings;
    if (fs->n == 0 || fs->incidents) return 0;
    if (findings_correlate(fs) != 0) return -1;
    const struct finding_group **members = malloc(fs->n * sizeof *members);
    const struct finding_group **heads = malloc(fs->nincidents * sizeof *heads);
    struct incident *sorted = malloc(fs->nincidents * sizeof *sorted);
    if (!members || !heads || !sorted) { free(members); free(heads); free(sorted); return -1; }
    /* each incident's most severe member leads it; incidents are ordered by their leads */
    for (size_t i = 0; i < fs->nincidents; i++) {
        incident_members(r, &fs->incidents[i], members);
        heads[i] = members[0];
    }
    incident_sort_run = r;
    qsort(heads, fs->nincidents, sizeof *heads, incident_cmp);
    for (size_t i = 0; i < fs->nincidents; i++) sorted[i] = fs->incidents[heads[i]->incident];
    size_t shown = 0;   /* an incident is numbered, and reported, when two or more hunts agree on it */
    for (size_t i = 0; i < fs->nincidents; i++) {
        for (size_t k = 0; k < sorted[i].n; k++) fs->groups[sorted[i].groups[k]].incident = i;
        incident_members(r, &sorted[i], members);
        int hunts[HUNT_MAX];
        sorted[i].number = incident_hunts(members, sorted[i].n, hunts) > 1 ? ++shown : 0;
    }
    free(fs->incidents);
    fs->incidents = sorted;
    free(members);
    free(heads);
    return 0;
}

size_t report_groups(FILE *out, const struct hunt_run *r, enum report_format fmt)
{
    struct findings *fs = (struct findings *)&r->findings;
    bool json = fmt != REPORT_HUMAN;
    if (fs->n == 0) { report_flow_note(out, r, fmt); return 0; }
    const struct finding_group **members = malloc(fs->n * sizeof *members);
    if (!members || report_correlate((struct hunt_run *)r) != 0) {
        free(members);
        fprintf(stderr, "pcaphunt: out of memory for the report\n");
        return 0;
    }
    int shown[HUNT_MAX] = {0}, hidden[HUNT_MAX] = {0};
    enum severity hidden_top[HUNT_MAX] = {SEV_INFO};   /* the highest severity among a hunt's groups not shown */
    size_t incidents_shown = 0, incidents_hidden = 0;
    for (size_t number = 0; number < fs->nincidents; number++) {
        const struct incident *in = &fs->incidents[number];
        size_t n = incident_members(r, in, members);
        bool agree = in->number > 0;   /* one hunt's groups are not an agreement */
        /* human: the first INCIDENTS_SHOWN incidents in report order are shown whole (numbered 1 on, no
           gaps, every group of theirs: a head naming three hunts lists three groups); the rest are
           counted in one line, their groups among those not shown; other groups, GROUPS_PER_HUNT a hunt */
        bool whole = !json && agree && incidents_shown < INCIDENTS_SHOWN;
        if (!json && agree && !whole) incidents_hidden++;
        if (fmt == REPORT_JSON && agree) json_incident(out, r, in, in->number, members, n);
        else if (whole) { human_incident(out, r, in, in->number, members, n); incidents_shown++; }
        int here[HUNT_MAX] = {0};   /* each hunt's groups shown in this incident: GROUPS_PER_HUNT at most */
        for (size_t k = 0; k < n; k++) {
            const struct finding_group *g = members[k];
            const struct finding *f = &g->first;
            if (json) { json_finding(out, r, fmt, r->hunts[f->hunt].name, g); continue; }
            if (whole ? here[f->hunt]++ >= GROUPS_PER_HUNT : (agree || shown[f->hunt] >= GROUPS_PER_HUNT)) {
                if (!hidden[f->hunt]++ || f->severity > hidden_top[f->hunt]) hidden_top[f->hunt] = f->severity;
                continue;
            }
            shown[f->hunt]++;
            human_group(out, r, g, agree);
        }
    }
    if (!json)
        for (int i = 0; i < r->n; i++)
            if (hidden[i]) {
                fprintf(out, "[%s] ", severity_name(hidden_top[i]));   /* theirs, not the hunt's default */
                put_line(out, r->hunts[i].name);
                fprintf(out, ": %d more group%s not shown (--json or --all-findings lists them)\n", hidden[i], hidden[i] == 1 ? "" : "s");
            }
    if (!json && incidents_hidden)
        fprintf(out, "%zu more incident%s (hunts agreeing on a host pair) not shown: their groups are among those counted as not shown\n",
                incidents_hidden, incidents_hidden == 1 ? "" : "s");
    report_flow_note(out, r, fmt);
    free(members);
    return fs->n;
}
