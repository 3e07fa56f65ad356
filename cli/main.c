/* pcaphunt's entry point: parses the command line (tcpdump's and lua's habits)
 * and hands the options to the runner.  Nothing else lives here. */
#include "options.h"
#include "split.h"
#include "runner.h"
#include "lua/pcaphunt.h"
#include "lua/report.h"
#include "core/capture.h"
#include "core/escape.h"
#include "core/findings.h"

#include <dirent.h>
#include <ctype.h>
#include <errno.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

static const char usage_text[] =
    "usage: pcaphunt [options] [script.lua [args...] | -] [bpf expression]\n"
    "  -r FILE|DIR ...   captures (pcap, pcapng; - is stdin), repeatable, globs: one stream in time order\n"
    "  -i IFACE          capture live (Ctrl-C or SIGTERM ends it): -s SNAPLEN, -p (not promiscuous)\n"
    "  --duration SECS   live: end after SECS seconds;  -Z USER  drop root;  -D  list interfaces\n"
    "  -e LUA            run a Lua chunk (packets(), capture, pcaphunt.*); repeatable\n"
    "  script.lua ARGS   run a Lua script with arg set, as lua does; - reads it from stdin\n"
    "  bpf expression    trailing words filter the captures, as in tcpdump;  -F FILE  from a file\n"
    "  --hunt all|a,b    run hunts and report (the default headless, stdin not a terminal)\n"
    "  --json            findings as JSON lines (alone: --hunt all);  --all-findings  each finding alone\n"
    "  --format eve      findings as Suricata EVE alert records (JSON lines)\n"
    "  -w FILE           with hunts: the packets findings cite; alone: the packets that pass, as tcpdump\n"
    "  -c COUNT          read COUNT packets; alone: print their summary lines\n"
    "  -t | -tt | -tttt  summary lines without time stamp | in epoch seconds (the default) | in UTC\n"
    "  -x | -X | -A | -V after each summary: hex | hex and ASCII | payload text | p:show()\n"
    "  --repl            the shell (the default for -r alone on a terminal)\n"
    "  --hunt-file F     load a hunt file; repeatable;  --list-hunts  list the hunts\n"
    "  -j N              a hunt run in N processes;  --part K/N --state-out F, --merge F...: over hosts\n"
    "  --set H.OPT=VAL   override a hunt option;  --flow-memory M  MiB for flow tables (64)\n"
    "  --script-steps N  instructions per hunt call and hunt file (default 1000000000); per -e, script\n"
    "  --script-memory M MiB for the interpreter in a hunt call or file (default 1024); also -e, scripts\n"
    "  --sandbox         hunts and scripts without files, processes, C modules, binary chunks, debug\n"
    "  -q                hunt report: no details, no progress;  --min-severity low|medium|high  only those up\n"
    "  -v                tracebacks on script errors;  -n, -nn  accepted (names are never resolved)\n"
    "  -h, --help        this text;  --version.  Exit status: 0 clean, 1 findings, 2 error.  pcaphunt(1)\n";

static int usage_error(const char *fmt, const char *arg)
{
    escape_warn(fmt, arg);   /* the argument may be anything: escaped */
    fputs("(pcaphunt -h for help)\n", stderr);
    return 2;
}

/* The first bytes of a regular file (up to 4); how many were read, 0 when it is no regular file. */
static size_t file_head(const char *path, unsigned char head[4])
{
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) return 0;
    FILE *f = fopen(path, "rb");
    if (!f) return 0;
    size_t n = fread(head, 1, 4, f);
    fclose(f);
    return n;
}

/* A regular file that starts with a pcap (either byte order, micro or nanosecond, Kuznetzov's) or pcapng magic,
 * or (compressed) with a gzip, zstd or lz4 one. */
static bool starts_like_capture(const char *path, bool compressed)
{
    static const unsigned char magics[][4] = {
        {0xa1, 0xb2, 0xc3, 0xd4}, {0xd4, 0xc3, 0xb2, 0xa1}, {0xa1, 0xb2, 0x3c, 0x4d}, {0x4d, 0x3c, 0xb2, 0xa1},
        {0xa1, 0xb2, 0xcd, 0x34}, {0x34, 0xcd, 0xb2, 0xa1},   /* Kuznetzov's modified pcap (libpcap reads it) */
        {0x0a, 0x0d, 0x0d, 0x0a}, {0x1f, 0x8b, 0, 0}, {0x28, 0xb5, 0x2f, 0xfd}, {0x04, 0x22, 0x4d, 0x18}};
    static const size_t lens[] = {4, 4, 4, 4, 4, 4, 4, 2, 4, 4};
    unsigned char head[4];
    size_t n = file_head(path, head), kinds = compressed ? 10 : 7;
    for (size_t i = 0; i < kinds; i++)
        if (n >= lens[i] && memcmp(head, magics[i], lens[i]) == 0) return true;
    return false;
}

static bool is_capture_or_compressed(const char *s) { return starts_like_capture(s, true); }

/* A name a capture goes by: .pcap, .pcapng, .cap or .ntar (tcpdump -C numbers its files on:
 * x.pcap1, x.pcap2 ...), compressed or not (.gz, .zst, .lz4), in any case.  Such a word is a
 * capture whatever it holds (missing, empty, damaged: then it says so), never a script or filter. */
static bool names_capture(const char *s)
{
    size_t n = strlen(s);
    static const char *const packed[] = {".gz", ".zst", ".zstd", ".lz4"};
    for (size_t i = 0; i < sizeof packed / sizeof *packed; i++) {
        size_t k = strlen(packed[i]);
        if (n > k && strcasecmp(s + n - k, packed[i]) == 0) { n -= k; break; }
    }
    while (n > 0 && s[n - 1] >= '0' && s[n - 1] <= '9') n--;
    static const char *const exts[] = {".pcap", ".pcapng", ".cap", ".ntar"};
    for (size_t i = 0; i < sizeof exts / sizeof *exts; i++) {
        size_t k = strlen(exts[i]);
        if (n > k && strncasecmp(s + n - k, exts[i], k) == 0 && s[n - k - 1] != '/') return true;
    }
    return false;
}

static bool named_lua(const char *s)
{
    size_t n = strlen(s);
    return n > 4 && strcmp(s + n - 4, ".lua") == 0;
}

/* An empty regular file: after -r it is a capture of a glob (a rotation just begun), not a script
 * (but an empty x.lua is still one). */
static bool is_empty_file(const char *s)
{
    struct stat st;
    return !named_lua(s) && stat(s, &st) == 0 && S_ISREG(st.st_mode) && st.st_size == 0;
}

/* A word that starts an option (tcpdump's getopt takes options after the filter too); "-" alone
 * and negative numbers are a filter's words. */
static bool option_word(const char *a) { return a[0] == '-' && a[1] && !(a[1] >= '0' && a[1] <= '9'); }

static bool is_script_name(const char *s)
{
    struct stat st;
    if (strcmp(s, "-") == 0 || named_lua(s)) return true;
    return stat(s, &st) == 0 && S_ISREG(st.st_mode);
}

/* Joins argv[i..argc) with spaces into a new string. */
static char *join_args(char **argv, int i, int argc)
{
    size_t n = 1;
    for (int k = i; k < argc; k++) n += strlen(argv[k]) + 1;
    char *s = malloc(n);
    if (!s) return NULL;
    s[0] = '\0';
    for (int k = i; k < argc; k++) {
        if (k > i) strcat(s, " ");
        strcat(s, argv[k]);
    }
    return s;
}

static bool push_list(const char **list, int *n, const char *v)
{
    if (*n >= OPT_MAX_LIST) return false;
    list[(*n)++] = v;
    return true;
}

/* -F FILE: the filter expression is the file's text ('#' starts a comment to the end of the line). */
static int read_filter_file(struct options *o)
{
    FILE *f = fopen(o->filter_file, "r");
    if (!f) {
        escape_warn("-F %s: %s", o->filter_file, strerror(errno));
        return 2;
    }
    size_t cap = 256, n = 0;
    char *s = malloc(cap);
    int ch;
    bool comment = false;
    while (s && (ch = getc(f)) != EOF) {
        if (ch == '#') comment = true;
        if (ch == '\n') comment = false;
        if (comment) continue;
        if (n + 2 > cap) {
            char *t = realloc(s, cap *= 2);
            if (!t) { free(s); s = NULL; break; }
            s = t;
        }
        s[n++] = ch == '\n' || ch == '\r' || ch == '\t' ? ' ' : (char)ch;
    }
    bool err = ferror(f);
    fclose(f);
    if (!s) return usage_error("%s", "out of memory");
    while (n > 0 && s[n - 1] == ' ') n--;
    s[n] = '\0';
    if (err) {
        free(s);
        escape_warn("-F %s: read error", o->filter_file);
        return 2;
    }
    if (strspn(s, " ") == n) {
        free(s);
        escape_warn("-F %s: the file holds no filter expression", o->filter_file);
        return 2;
    }
    o->bpf = s;
    return -1;
}

/* tcpdump's (getopt's) habit: short options bundled in one word are split as getopt splits them,
 * flags one by one and an option that takes an argument last, with the rest of the word as its
 * argument: -nr FILE, -c1, -rFILE, -nX, -tx.  A word with a letter that is no such option stays as
 * it is (and is refused as before), and so does one with 'e' (pcaphunt's -e takes Lua, tcpdump's is
 * a flag) or with x or X twice (tcpdump's -xx and -XX dump the link-layer header: not ours). */
static const char bundle_flags[] = "ntxXAVqvpD", bundle_args[] = "crFwiZsj";
static const char *const long_with_arg[] = {"--format", "--hunt", "--hunt-file", "--set", "--duration", "--part",
                                            "--state-out", "--flow-memory", "--script-steps", "--script-memory", "--min-severity", NULL};

/* One of our long options, exactly ("--json", "--hunt"): not a Lua comment a chunk starts with. */
static bool is_long_option(const char *a)
{
    static const char *const flags[] = {"--json", "--repl", "--all-findings", "--list-hunts", "--merge", "--sandbox",
                                        "--help", "--version", NULL};
    for (int k = 0; flags[k]; k++)
        if (strcmp(a, flags[k]) == 0) return true;
    for (int k = 0; long_with_arg[k]; k++)
        if (strcmp(a, long_with_arg[k]) == 0) return true;
    return false;
}

static bool takes_arg(const char *a)
{
    if (a[0] == '-' && a[1] && !a[2]) return strchr(bundle_args, a[1]) || a[1] == 'e';
    for (int k = 0; long_with_arg[k]; k++)
        if (strcmp(a, long_with_arg[k]) == 0) return true;
    return false;
}

/* True when a (after its '-') is a bundle split_bundles splits. */
static bool is_bundle(const char *a)
{
    if (a[0] != '-' || a[1] == '-' || !a[1] || !a[2]) return false;
    if (strcmp(a, "-nn") == 0 || strcmp(a, "-tt") == 0 || strcmp(a, "-tttt") == 0) return false;   /* words of their own */
    int x = 0;
    for (const char *c = a + 1; *c; c++) {
        if (*c == 'x' || *c == 'X') x++;
        if (strchr(bundle_args, *c)) return x < 2;   /* the rest is its argument */
        if (!strchr(bundle_flags, *c)) return false;
    }
    return x < 2;
}

/* A word read as one more capture where a script or filter would be (-r *.pcap: the glob's other
 * files; an empty one only once a -r came, as a rotation just begun). */
static bool is_loose_capture(const char *a, bool reads)
{
    return a[0] != '-' && (is_capture_or_compressed(a) || names_capture(a) || (reads && is_empty_file(a)));
}

/* argv with its bundles split (a new array of the same strings and of parts of them); NULL when out of memory. */
static char **split_bundles(int argc, char **argv, int *outc)
{
    size_t most = 1;
    for (int i = 1; i < argc; i++) most += strlen(argv[i]) + 1;
    char **out = calloc(most + 1, sizeof *out);
    if (!out) return NULL;
    static const char *const one[128] = {
        ['n'] = "-n", ['t'] = "-t", ['x'] = "-x", ['X'] = "-X", ['A'] = "-A", ['V'] = "-V", ['q'] = "-q", ['v'] = "-v",
        ['p'] = "-p", ['D'] = "-D", ['c'] = "-c", ['r'] = "-r", ['F'] = "-F", ['w'] = "-w", ['i'] = "-i", ['Z'] = "-Z",
        ['s'] = "-s", ['j'] = "-j"};
    /* the words are told apart as options_parse tells them: states after --merge, the filter's words
       once one came, captures, then the script (the rest is its arguments) or the filter's first word */
    int n = 0, i = 0, nwords = 0;
    bool merge = false, reads = false;
    out[n++] = argv[i++];
    while (i < argc) {
        char *a = argv[i++];
        bool operand = a[0] != '-' || !a[1];
        bool capture = operand && is_loose_capture(a, reads);
        if (strcmp(a, "--") == 0 || (operand && !nwords && !merge && !capture && is_script_name(a))) {
            out[n++] = a;   /* the rest is the filter's, or the script's */
            while (i < argc) out[n++] = argv[i++];
            break;
        }
        if (operand) {
            if (nwords || !(merge || capture)) nwords++;
            out[n++] = a;
            continue;
        }
        if (strcmp(a, "--merge") == 0) merge = true;
        if (strcmp(a, "-r") == 0) reads = true;
        if (takes_arg(a)) {
            out[n++] = a;
            if (i < argc) out[n++] = argv[i++];
            continue;
        }
        if (!is_bundle(a)) { out[n++] = a; continue; }
        for (char *c = a + 1; *c; c++) {
            out[n++] = (char *)one[(unsigned char)*c];
            if (!strchr(bundle_args, *c)) continue;
            if (*c == 'r') reads = true;
            if (c[1]) out[n++] = c + 1;                    /* -c1, -rFILE */
            else if (i < argc) out[n++] = argv[i++];       /* -nr FILE */
            break;
        }
    }
    out[n] = NULL;
    *outc = n;
    return out;
}

/* Returns -1 to go on, or an exit status. */
static int misuse(const char *fmt, const char *arg);

static int options_parse(struct options *o, int argc, char **argv)
{
    int i = 1;
    /* the filter's words: from the first operand that is not a script, up to an option (main frees them) */
    char **words = o->filter_words = calloc((size_t)argc, sizeof *words);
    int nwords = 0;
    if (!words) return usage_error("%s", "out of memory");
    for (; i < argc; i++) {
        const char *a = argv[i];
        const char *next = i + 1 < argc ? argv[i + 1] : NULL;
#define NEED_ARG() do { if (!next) return usage_error("option %s needs an argument", a); i++; } while (0)
    /* an option that takes one value, given again: an error, never the last one silently (tcpdump's habit) */
#define ONCE(given) do { if (given) return usage_error("%s given twice: give it once", a); } while (0)
        if (strcmp(a, "--") == 0) { i++; break; }
        if (o->merge && (a[0] != '-' || !a[1])) {   /* after --merge every word that is not an option is a state */
            if (o->nmerges == (int)(sizeof o->merges / sizeof o->merges[0])) return usage_error("too many %s files (256)", "--merge");
            o->merges[o->nmerges++] = a;
            continue;
        }
        if (nwords && !option_word(a)) { words[nwords++] = (char *)a; continue; }
        if (is_loose_capture(a, o->nreads > 0)) {
            /* -r *.pcap: the glob's other files, read too (one that is empty, missing or damaged says so) */
            if (!push_list(o->read_args, &o->nreads, a)) return usage_error("too many %s", "-r");
            continue;
        }
        if (a[0] != '-' || strcmp(a, "-") == 0) {
            if (!nwords && is_script_name(a)) break;   /* the script: the words after it are its arguments */
            words[nwords++] = (char *)a;
            continue;
        }
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) { fputs(usage_text, stdout); return 0; }
        else if (strcmp(a, "--version") == 0) { printf("pcaphunt %s\n", PCAPHUNT_VERSION); return 0; }
        else if (strcmp(a, "-v") == 0) o->verbose = true;
        else if (strcmp(a, "--repl") == 0) o->repl = true;
        else if (strcmp(a, "--json") == 0 || strcmp(a, "--format") == 0) {   /* --json, --format json|eve: findings as JSON lines (lua/report.c) */
            int format = REPORT_JSON;
            const char *by = "--json";
            if (strcmp(a, "--format") == 0) {
                NEED_ARG();
                if (strcmp(next, "eve") == 0) { format = REPORT_EVE; by = "--format eve"; }
                else if (strcmp(next, "json") == 0) by = "--format json";
                else return usage_error("--format wants json or eve, not '%s'", next);
            }
            if (o->json && o->format != format) {   /* never one settled silently */
                char msg[96];
                snprintf(msg, sizeof msg, "%s and %s", o->json_by, by);
                return usage_error("%s ask for different output formats: give one", msg);
            }
            o->json = true;
            o->format = format;
            if (!o->json_by) o->json_by = by;
        }
        else if (strcmp(a, "--all-findings") == 0) o->all_findings = true;
        else if (strcmp(a, "--min-severity") == 0) {
            NEED_ARG();
            ONCE(o->min_severity_by);
            int sev = severity_parse(next);
            if (sev < 0) return usage_error("--min-severity wants info, low, medium or high, not '%s'", next);
            o->min_severity = sev;
            o->min_severity_by = next;
        }
        else if (strcmp(a, "--list-hunts") == 0) o->list_hunts = true;
        else if (strcmp(a, "-n") == 0 || strcmp(a, "-nn") == 0) { /* names are never resolved */ }
        else if (strcmp(a, "-q") == 0) o->quiet = true;
        else if (strcmp(a, "-t") == 0 || strcmp(a, "-tt") == 0 || strcmp(a, "-tttt") == 0) {
            o->t_count += (int)strlen(a) - 1;   /* each t counts, as in tcpdump: -t -t is -tt */
            if (!o->format_flag) o->format_flag = a;
        }
        else if (strcmp(a, "-x") == 0 || strcmp(a, "-X") == 0 || strcmp(a, "-A") == 0) {
            o->dump = a[1];
            if (!o->format_flag) o->format_flag = a;
        }
        else if (strcmp(a, "-V") == 0) { o->layers = true; if (!o->format_flag) o->format_flag = a; }
        else if (strcmp(a, "-F") == 0) { NEED_ARG(); ONCE(o->filter_file); o->filter_file = next; }
        else if (strcmp(a, "-c") == 0) {
            NEED_ARG();
            char *end;
            unsigned long long c = strtoull(next, &end, 10);
            if (!*next || *end || next[0] == '-' || c < 1) return usage_error("-c wants a packet count of 1 or more, not '%s'", next);
            ONCE(o->count);
            o->count = c;
        }
        else if (strcmp(a, "-r") == 0) { NEED_ARG(); if (!push_list(o->read_args, &o->nreads, next)) return usage_error("too many %s", "-r"); }
        else if (strcmp(a, "-e") == 0) {
            NEED_ARG();
            /* -e -r FILE: tcpdump's -e (a flag) typed by habit.  No Lua chunk starts with "-x" (a syntax error);
               one that starts with "--" is a comment, so only our own long options are taken for options there */
            if (next[0] == '-' && (isalpha((unsigned char)next[1]) || (next[1] == '-' && is_long_option(next))))
                return usage_error("-e takes a Lua chunk, not the option '%s' (tcpdump's -e, link-level addresses: the summary "
                                   "lines show them already)", next);
            if (!push_list(o->chunks, &o->nchunks, next)) return usage_error("too many %s", "-e");
        }
        else if (a[1] == 'e' && a[2]) {   /* -eCHUNK, as lua takes it */
            if (!push_list(o->chunks, &o->nchunks, a + 2)) return usage_error("too many %s", "-e");
        }
        else if (strcmp(a, "--hunt-file") == 0) { NEED_ARG(); if (!push_list(o->hunt_files, &o->nhunt_files, next)) return usage_error("too many %s", a); }
        else if (strcmp(a, "--set") == 0) { NEED_ARG(); if (!push_list(o->sets, &o->nsets, next)) return usage_error("too many %s", a); }
        else if (strcmp(a, "--hunt") == 0) {   /* repeated: the hunts of each, as one list */
            NEED_ARG();
            if (!next[strspn(next, ", ")])
                return misuse("--hunt wants hunt names: all, or a list such as q-trojan,port-scan (see --list-hunts), not '%s'", next);
            static char joined[4096];
            if (!o->hunts) o->hunts = next;
            else {
                size_t have = strlen(o->hunts), more = strlen(next);
                if (o->hunts != joined) { if (have >= sizeof joined) return usage_error("%s lists too many hunts", a); memcpy(joined, o->hunts, have + 1); }
                if (have + 1 + more >= sizeof joined) return usage_error("%s lists too many hunts", a);
                joined[have] = ',';
                memcpy(joined + have + 1, next, more + 1);
                o->hunts = joined;
            }
        }
        else if (strcmp(a, "-w") == 0) { NEED_ARG(); ONCE(o->write); o->write = next; }
        else if (strcmp(a, "-i") == 0) {
            NEED_ARG();
            if (o->iface) return usage_error("-i %s: one live interface at a time", next);
            o->iface = next;
        }
        else if (strcmp(a, "-D") == 0) o->list_devices = true;
        else if (strcmp(a, "-p") == 0) o->no_promisc = true;
        else if (strcmp(a, "-Z") == 0) { NEED_ARG(); ONCE(o->drop_user); o->drop_user = next; }
        else if (strcmp(a, "-s") == 0) {
            NEED_ARG();
            char *end;
            long n = strtol(next, &end, 10);
            if (!*next || *end || n < 0 || n > 262144) return usage_error("-s wants a snapshot length from 0 to 262144 bytes, not '%s'", next);
            ONCE(o->snaplen_given);
            o->snaplen = (int)n;
            o->snaplen_given = true;
        }
        else if (strcmp(a, "--duration") == 0) {
            NEED_ARG();
            char *end;
            double d = strtod(next, &end);
            if (!*next || *end || !(d > 0) || d > 1e9) return usage_error("--duration wants a number of seconds above 0, not '%s'", next);
            ONCE(o->duration);
            o->duration = d;
        }
        else if (strcmp(a, "-j") == 0) {
            NEED_ARG();
            char *end;
            long j = strtol(next, &end, 10);
            if (!*next || *end || j < 1 || j > 256) return usage_error("-j wants a number of parts from 1 to 256, not '%s'", next);
            ONCE(o->jobs_given);
            o->jobs = (int)j;
            o->jobs_given = true;
        }
        else if (strcmp(a, "--part") == 0) {
            NEED_ARG();
            ONCE(o->parts);
            if (!split_parse_part(next, &o->part, &o->parts)) return usage_error("--part wants K/N, part K of N parts (1 <= K <= N <= 256), not '%s'", next);
        }
        else if (strcmp(a, "--state-out") == 0) { NEED_ARG(); ONCE(o->state_out); o->state_out = next; }
        else if (strcmp(a, "--merge") == 0) o->merge = true;   /* the words after it that are not options: states */
        else if (strcmp(a, "--flow-memory") == 0) {
            NEED_ARG();
            char *end;
            long m = strtol(next, &end, 10);
            if (*end || m < 1 || m > 65536) return usage_error("--flow-memory wants MiB from 1 to 65536, not '%s'", next);
            ONCE(o->flow_memory_mib);
            o->flow_memory_mib = m;
        }
        else if (strcmp(a, "--script-steps") == 0) {
            NEED_ARG();
            char *end;
            long long n = strtoll(next, &end, 10);
            if (!*next || *end || n < 1 || n > 1000000000000000LL)
                return usage_error("--script-steps wants a number of instructions from 1 to 10^15, not '%s'", next);
            ONCE(o->script_steps);
            o->script_steps = n;
        }
        else if (strcmp(a, "--script-memory") == 0) {
            NEED_ARG();
            char *end;
            long m = strtol(next, &end, 10);
            if (!*next || *end || m < 1 || m > 65536) return usage_error("--script-memory wants MiB from 1 to 65536, not '%s'", next);
            ONCE(o->script_memory_mib);
            o->script_memory_mib = m;
        }
        else if (strcmp(a, "--sandbox") == 0) o->sandbox = true;
        else if (a[0] == '-' && a[1] != '-' && strlen(a) > 2 && strchr(a + 1, 'e') && strspn(a + 1, bundle_flags) == strcspn(a + 1, "e"))
            return usage_error("unknown option %s (-e is not bundled with other options: write it apart, as -n -e CHUNK)", a);
        else return usage_error("unknown option %s", a);
#undef NEED_ARG
#undef ONCE
    }
    if (o->t_count == 3 || o->t_count > 4)
        return usage_error("-%s (times between packets) is not supported: -t, -tt and -tttt are", o->t_count == 3 ? "ttt" : "ttttt");
    o->time_format = o->t_count == 1 ? 1 : o->t_count == 4 ? 4 : 0;
    if (nwords || (i < argc && !is_script_name(argv[i]))) {   /* the filter: its words, and all after "--" */
        if (o->filter_file) return usage_error("-F %s and a filter on the command line: give one or the other", o->filter_file);
        while (i < argc) words[nwords++] = argv[i++];
        o->bpf = join_args(words, 0, nwords);
        if (!o->bpf) return usage_error("%s", "out of memory");
        return -1;
    }
    if (i < argc) {   /* also after -e chunks: lua -e 'X=1' script.lua */
        o->script = argv[i];
        o->script_argv = argv + i;
        o->script_argc = argc - i;
        o->script_at = i;
        return o->filter_file ? read_filter_file(o) : -1;
    }
    if (o->filter_file) return read_filter_file(o);
    return -1;
}

/* Exits the mode checks with one line. */
static int misuse(const char *fmt, const char *arg)
{
    escape_warn(fmt, arg);
    return 2;
}

/* Decides the mode from what was asked: an explicit action (--hunt, --json, --hunt-file, -w, -e, a
 * script, -c or a summary format) always decides; the shell opens for --repl, or with nothing asked
 * on a terminal; headless with nothing asked, a hunt run (stdin not a terminal) or summaries.
 * An option that does not apply to the mode is an error.  Returns -1 to go on, or 2. */
static int options_resolve(struct options *o)
{
    bool script = o->script || o->nchunks;
    bool summary_flag = o->count || o->format_flag;
    if (o->list_devices) {
        const char *extra = o->iface ? "-i" : o->nreads ? "-r" : script ? "-e or a script" : o->hunts ? "--hunt"
                          : o->json ? o->json_by : o->write ? "-w" : o->repl ? "--repl" : o->list_hunts ? "--list-hunts"
                          : o->count ? "-c" : o->bpf ? "filter expression" : o->snaplen_given ? "-s" : o->no_promisc ? "-p"
                          : o->duration ? "--duration" : o->drop_user ? "-Z" : o->format_flag ? o->format_flag : NULL;
        if (extra) return misuse("-D lists the interfaces and ends: it takes no %s", extra);
        return -1;
    }
    if (o->iface && o->nreads)
        return misuse("-i %s and -r: read a live interface or capture files, not both", o->iface);
    if (!o->iface && (o->snaplen_given || o->no_promisc || o->duration || o->drop_user))
        return misuse("%s applies to a live capture: add -i IFACE", o->snaplen_given ? "-s" : o->no_promisc ? "-p"
                      : o->duration ? "--duration" : "-Z");
    if (o->list_hunts) {
        const char *extra = o->hunts ? "--hunt" : o->json ? o->json_by : o->write ? "-w" : script ? "-e or a script"
                          : o->repl ? "--repl" : o->all_findings ? "--all-findings" : o->count ? "-c" : o->format_flag ? o->format_flag
                          : o->nreads ? "-r" : o->iface ? "-i" : o->bpf ? "filter expression" : NULL;
        if (extra) return misuse("--list-hunts lists the hunts and ends: it takes no %s", extra);
        return -1;
    }
    if (o->bpf && !o->nreads && !o->iface)   /* never ignored: it would read as "nothing matched" */
        return misuse("the filter expression '%s' applies to captures: add -r FILE or -i IFACE", o->bpf);
    if (o->hunts && !o->hunts[strspn(o->hunts, ", ")])
        return misuse("--hunt wants hunt names: all, or a list such as q-trojan,port-scan (see --list-hunts), not '%s'", o->hunts);
    if (o->merge && !o->nmerges) return misuse("--merge needs the parts' state files (--merge FILE..., - for standard input)%s", "");
    if (o->nmerges) {   /* a report from saved parts: nothing is read but the states */
        const char *extra = o->nreads ? "-r (the parts read the captures)" : o->iface ? "-i" : o->bpf ? "filter expression"
                          : o->hunts ? "--hunt (it runs the hunts the parts ran)" : o->nsets ? "--set (the parts' options hold)"
                          : script ? "-e or a script" : o->repl ? "--repl" : o->write ? "-w" : o->count ? "-c"
                          : o->state_out ? "--state-out" : o->part ? "--part" : o->jobs > 1 ? "-j" : o->format_flag ? o->format_flag
                          : o->list_hunts ? "--list-hunts" : o->flow_memory_mib ? "--flow-memory (the parts' holds)" : NULL;
        if (extra) return misuse("--merge reports from the parts' saved states: it takes no %s", extra);
        o->hunt_run = true;
        return -1;
    }
    bool split = o->jobs > 1 || o->state_out;   /* a hunt run split into parts, as --json is a hunt run */
    bool asked = script || o->hunts || o->json || o->nhunt_files || o->write || summary_flag || split;
    o->shell = o->repl || (!asked && isatty(STDIN_FILENO) && isatty(STDOUT_FILENO));
    o->hunt_run = o->hunts || o->json || split || (!script && !o->shell && (o->nhunt_files || (!asked && !isatty(STDIN_FILENO))));
    o->write_only = o->write && !o->hunt_run && !script && !o->shell;
    o->summaries = !o->hunt_run && !script && !o->write_only && !o->shell;
    if (o->json && !o->hunts && (script || o->shell))
    {
        char msg[160];
        snprintf(msg, sizeof msg, "%s prints a hunt run's findings: add --hunt NAMES (%s print their own output)",
                 o->json_by, script ? "-e and scripts" : "the shell's results");
        return misuse("%s", msg);
    }
    if (split && !o->hunts && script)   /* as --json: -e and scripts run for themselves unless hunts are named */
        return misuse("%s splits a hunt run: add --hunt NAMES (-e and scripts alone run in one process)",
                      o->state_out ? "--state-out" : "-j N");
    if (o->all_findings && !o->hunt_run) return misuse("--all-findings applies to a hunt run: add --hunt NAMES or --json%s", "");
    if (o->quiet && !o->hunt_run) return misuse("-q applies to a hunt run: add --hunt NAMES or --json%s", "");
    if (o->min_severity_by && !o->hunt_run) return misuse("--min-severity applies to a hunt run: add --hunt NAMES or --json%s", "");
    if (o->write && script && !o->hunt_run) return misuse("-w with %s: the script writes with pcaphunt.writer(path)", o->script ? "a script" : "-e");
    if (o->write && o->shell && !o->hunt_run) return misuse("-w with the shell: write from it with list:write(path) or pcaphunt.writer(path)%s", "");
    if (o->count && o->shell) return misuse("-c does not apply to the shell: loops there read whole captures%s", "");
    if ((o->nsets || o->flow_memory_mib) && (o->summaries || o->write_only))
        return misuse("%s applies to hunts (--hunt, or hunt() from -e, a script or the shell): here no hunt runs",
                      o->nsets ? "--set" : "--flow-memory");
    if ((o->script_steps || o->script_memory_mib || o->sandbox) && (o->summaries || o->write_only))
        return misuse("%s applies to hunts and scripts (--hunt, -e, a script or the shell): here no Lua runs",
                      o->script_steps ? "--script-steps" : o->script_memory_mib ? "--script-memory" : "--sandbox");
    if (o->layers && o->time_format)
        return misuse("-V prints p:show()'s view, whose first line is the plain summary: %s does not apply to it", o->time_format == 1 ? "-t" : "-tttt");
    if (o->format_flag && !o->summaries)
        return misuse("%s formats packet summaries: it does not apply with --hunt, --json, -w, -e, a script or the shell", o->format_flag);
    if (o->part && !o->state_out)
        return misuse("--part %s runs one part into a state file: add --state-out FILE (or -j N for parts on this machine)", "K/N");
    if ((o->state_out || o->jobs > 1) && o->shell)
        return misuse("%s splits a hunt run over capture files: it does not apply with the shell (--repl)", o->state_out ? "--state-out" : "-j");
    if ((o->state_out || o->jobs > 1) && o->iface)
        return misuse("%s splits a hunt run over capture files: a live capture is read by one process", o->state_out ? "--state-out" : "-j");
    if (o->state_out && o->jobs > 1) return misuse("--state-out writes one part: -j %s does not apply (run each part with --part K/N)", "N");
    if (o->state_out && o->write)
        return misuse("--state-out writes a part's state: -w needs the captures, which a merge does not have (give -w to a run that reads them: -j N, or one process)%s", "");
    if (o->state_out) {
        const char *extra = o->json ? o->json_by : o->quiet ? "-q" : o->all_findings ? "--all-findings" : o->min_severity_by ? "--min-severity" : NULL;
        if (extra) return misuse("--state-out writes a part's state, not a report: %s applies to the report (give it to --merge)", extra);
    }
    if (o->state_out && strcmp(o->state_out, "-") == 0 && isatty(STDOUT_FILENO))
        return misuse("--state-out -: standard output is a terminal: give a file, or pipe it%s", "");
    if (o->iface && o->hunt_run) o->all_findings = true;   /* live: each finding printed as it is reported */
    return -1;
}

static bool add_read(struct options *o, const char ***list, int *n, int *cap, const char *path, bool own)
{
    if (*n == *cap) {
        int c = *cap ? *cap * 2 : 16;
        const char **l = realloc(*list, (size_t)c * sizeof *l);
        if (!l) return false;
        *list = l;
        *cap = c;
    }
    char *copy = NULL;
    if (own) {
        char **e = realloc(o->expanded, (size_t)(o->nexpanded + 1) * sizeof *e);
        if (!e) return false;
        o->expanded = e;
        if (!(copy = strdup(path))) return false;
        o->expanded[o->nexpanded++] = copy;
    }
    (*list)[(*n)++] = own ? copy : path;
    return true;
}

/* -r DIR reads every capture in the directory (files that start like a pcap, pcapng or a
 * compressed file), in name order; -r 'PATTERN' (a quoted glob naming no file) reads what it
 * matches.  All of them are read as one stream in time-stamp order.  -1 to go on, or 2. */
static int expand_reads(struct options *o)
{
    const char **list = NULL;
    int n = 0, cap = 0;
    for (int i = 0; i < o->nreads; i++) {
        const char *a = o->read_args[i];
        struct stat st;
        bool ok = true;
        if (strcmp(a, "-") != 0 && stat(a, &st) == 0 && S_ISDIR(st.st_mode)) {
            struct dirent **names;
            int k = scandir(a, &names, NULL, alphasort);
            if (k < 0) { escape_warn("%s: %s", a, strerror(errno)); free(list); return 2; }
            int found = 0;
            for (int j = 0; j < k; j++) {
                char path[4096];
                size_t al = strlen(a);
                bool slash = al && a[al - 1] == '/';   /* rotated/ names rotated/x.pcap, not rotated//x.pcap */
                if (names[j]->d_name[0] != '.' && (size_t)snprintf(path, sizeof path, "%s%s%s", a, slash ? "" : "/", names[j]->d_name) < sizeof path &&
                    stat(path, &st) == 0 && S_ISREG(st.st_mode) && is_capture_or_compressed(path)) {
                    ok = ok && add_read(o, &list, &n, &cap, path, true);
                    found++;
                }
                free(names[j]);
            }
            free(names);
            if (ok && !found) { escape_warn("%s: no capture files in this directory", a); free(list); return 2; }
        } else if (strcmp(a, "-") != 0 && stat(a, &st) != 0 && strpbrk(a, "*?[")) {
            glob_t g;
            int rc = glob(a, 0, NULL, &g);
            if (rc == GLOB_NOMATCH && !strpbrk(a, "*?")) {   /* a name with a '[' in it: the name itself */
                ok = add_read(o, &list, &n, &cap, a, false);
                if (!ok) { fprintf(stderr, "pcaphunt: out of memory\n"); free(list); return 2; }
                continue;
            }
            if (rc == GLOB_NOMATCH) { escape_warn("-r %s: no file matches", a); free(list); return 2; }
            for (size_t j = 0; rc == 0 && j < g.gl_pathc; j++) ok = ok && add_read(o, &list, &n, &cap, g.gl_pathv[j], true);
            if (rc == 0) globfree(&g);
            else ok = false;
        } else {
            ok = add_read(o, &list, &n, &cap, a, false);
        }
        if (!ok) { fprintf(stderr, "pcaphunt: out of memory\n"); free(list); return 2; }
    }
    /* the same file twice (a glob and its name, a directory and a file in it): read once, said, as
       reading it twice would count every frame twice */
    struct { dev_t dev; ino_t ino; } *ids = n > 1 ? calloc((size_t)n, sizeof *ids) : NULL;
    int kept = 0;
    for (int i = 0; i < n; i++) {
        struct stat st;
        /* a file, or a FIFO (given twice, the second would wait for a writer that is gone); standard input
           too, when it is one of them (-r - < a.pcap beside -r a.pcap) */
        bool std = strcmp(list[i], "-") == 0;
        bool known = ids && (std ? fstat(STDIN_FILENO, &st) == 0 : stat(list[i], &st) == 0) &&
                     (S_ISREG(st.st_mode) || S_ISFIFO(st.st_mode));
        int j = 0;
        if (known)
            for (; j < kept; j++)
                if (ids[j].ino == st.st_ino && ids[j].dev == st.st_dev && ids[j].ino) break;
        if (known && j < kept) {
            if (strcmp(list[i], list[j]) == 0) escape_warn("-r %s: given twice: read once", list[i]);
            else escape_warn("-r %s: the same file as %s: read once", list[i], strcmp(list[j], "-") == 0 ? "standard input" : list[j]);
            continue;
        }
        if (ids) { ids[kept].dev = known ? st.st_dev : 0; ids[kept].ino = known ? st.st_ino : 0; }
        list[kept++] = list[i];
    }
    free(ids);
    o->reads = list;
    o->nreads = kept;
    return -1;
}

static void free_reads(struct options *o)
{
    if (o->reads != o->read_args) free(o->reads);
    for (int i = 0; i < o->nexpanded; i++) free(o->expanded[i]);
    free(o->expanded);
}

/* -w FILE must not be one of the captures being read: it would be emptied before it is read;
 * -w - (standard output) must not be a terminal or share it with a report. */
/* The file of list[0..n) that `out` is (same device and inode), or NULL; "-" and NULL are no file. */
static const char *same_file_in(const char *out, const char *const *list, int n)
{
    struct stat w, r;
    if (!out || strcmp(out, "-") == 0 || stat(out, &w) != 0) return NULL;
    for (int i = 0; i < n; i++)
        if (list[i] && strcmp(list[i], "-") != 0 && stat(list[i], &r) == 0 && r.st_dev == w.st_dev && r.st_ino == w.st_ino)
            return list[i];
    return NULL;
}

static int check_write_target(const struct options *o)
{
    const char *in = same_file_in(o->state_out, o->reads, o->nreads);
    if (in) {
        escape_warn("--state-out %s is the capture %s being read: refusing to overwrite it", o->state_out, in);
        return 2;
    }
    if ((in = same_file_in(o->state_out, o->hunt_files, o->nhunt_files)) || (in = same_file_in(o->state_out, &o->script, 1))) {
        escape_warn("--state-out %s is the hunt file or script %s: refusing to overwrite it", o->state_out, in);   /* the merge needs it */
        return 2;
    }
    if (o->write && strcmp(o->write, "-") == 0) {   /* a pcap on standard output, as tcpdump -w - */
        if (o->hunt_run) return misuse("-w - with a hunt run: the report goes to standard output%s", "");
        if (isatty(STDOUT_FILENO)) return misuse("-w -: standard output is a terminal: give a file, or pipe it%s", "");
        return -1;
    }
    if ((in = same_file_in(o->write, o->reads, o->nreads))) {
        escape_warn("-w %s is the capture %s being read: refusing to overwrite it", o->write, in);
        return 2;
    }
    return -1;
}

/* At exit, however it comes (main's return, os.exit): standard output that could not all be written
 * is an error, status 2.  Not when -w - gave standard output to libpcap, which closes it and says
 * its own write errors. */
static void check_stdout(void)
{
    int flushed = fflush(stdout) == 0 ? 0 : errno;
    if (!flushed && !ferror(stdout)) return;   /* a full disk, a closed descriptor: the output is not all there */
    escape_warn("standard output: write failed%s%s: the output is incomplete", flushed ? ": " : "",
                flushed ? strerror(flushed) : "");
    _exit(2);
}

/* Captures waiting in a merge keep their descriptors (core/capture.c capture_set_aside, within half of
 * the limit): the descriptors a process may hold raised to what the system allows it. */
static void raise_file_limit(void)
{
    struct rlimit r;
    if (getrlimit(RLIMIT_NOFILE, &r) != 0 || r.rlim_cur >= r.rlim_max) return;
    r.rlim_cur = r.rlim_max;
    setrlimit(RLIMIT_NOFILE, &r);
}

int main(int argc, char **argv)
{
    raise_file_limit();
    struct options o;
    memset(&o, 0, sizeof o);
    o.jobs = 1;
    o.reads = o.read_args;
    static char **args;   /* argv with its bundles split: the options and the script's arguments point into it */
    int nargs = argc;
    args = split_bundles(argc, argv, &nargs);
    if (!args) {
        escape_warn("out of memory");
        return 2;
    }
    int rc = options_parse(&o, nargs, args);
    if (rc < 0 && o.script)   /* arg as lua builds it: the command line as typed, not as split */
        for (int k = argc - 1; k > 0; k--)
            if (argv[k] == o.script_argv[0]) { o.script_argv = argv + k; o.script_at = k; break; }
    free(o.filter_words);
    o.filter_words = NULL;
    if (rc < 0) rc = options_resolve(&o);
    if (rc < 0) rc = expand_reads(&o);
    if (rc < 0) rc = check_write_target(&o);
    if (rc >= 0) {
        free(o.bpf);
        free_reads(&o);
        return rc;
    }
    if (o.list_devices) {
        char err[PCAP_ERRBUF_SIZE + 128];
        free(o.bpf);
        if (live_list_devices(stdout, err, sizeof err) == 0) return 0;
        escape_warn("-D: %s", err);
        return 2;
    }
    if (o.iface) setvbuf(stdout, NULL, _IOLBF, 1 << 16);   /* live: every line out as it is made */
    else if (!isatty(STDOUT_FILENO)) setvbuf(stdout, NULL, _IOFBF, 1 << 16);
    if (!(o.write && strcmp(o.write, "-") == 0)) atexit(check_stdout);
    rc = runner_main(&o);
    free(o.bpf);
    free_reads(&o);
    return rc;
}
