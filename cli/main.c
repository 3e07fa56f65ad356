/* pcaphunt's entry point: parses the command line (tcpdump's and lua's habits)
 * and hands the options to the runner.  Nothing else lives here. */
#include "options.h"
#include "runner.h"
#include "lua/pcaphunt.h"
#include "lua/report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char usage_text[] =
    "usage: pcaphunt [options] [script.lua [args...] | -] [bpf expression]\n"
    "  -r FILE          read a capture (pcap or pcapng; - is stdin); repeatable\n"
    "  -i IFACE         capture live from an interface\n"
    "  -e LUA           run a Lua chunk (packets(), capture, pcaphunt.*); repeatable\n"
    "  script.lua ARGS  run a Lua script with arg set, as lua does; - reads it from stdin\n"
    "  bpf expression   trailing words restrict the -r captures, as in tcpdump\n"
    "  --repl           interactive shell (the default for -r on a terminal)\n"
    "  --hunt all|a,b   run bundled hunts (the default headless, no script)\n"
    "  --hunt-file F    load a hunt file; repeatable\n"
    "  --list-hunts     list hunts: name, severity, description\n"
    "  --set H.OPT=VAL  override a hunt option\n"
    "  --flow-memory M  MiB for the hunts' flow and host tables (default 64)\n"
    "  --json           findings as JSON lines;  --all-findings  one line per finding\n"
    "  --format eve     findings as Suricata EVE alert records (JSON lines)\n"
    "  -w FILE          write packets cited by findings to FILE (pcap)\n"
    "  -j N             worker threads for many files\n"
    "  -v               tracebacks on script errors\n"
    "  -h, --help       this text;  --version  the version\n"
    "exit status: 0 clean, 1 findings (hunt runs), 2 error.  See pcaphunt(1).\n";

static int usage_error(const char *fmt, const char *arg)
{
    fputs("pcaphunt: ", stderr);
    fprintf(stderr, fmt, arg);
    fputs("\n(pcaphunt -h for help)\n", stderr);
    return 2;
}

static bool is_script_name(const char *s)
{
    size_t n = strlen(s);
    struct stat st;
    if (strcmp(s, "-") == 0) return true;
    if (n > 4 && strcmp(s + n - 4, ".lua") == 0) return true;
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

/* Returns -1 to go on, or an exit status. */
static int options_parse(struct options *o, int argc, char **argv)
{
    int i = 1;
    for (; i < argc; i++) {
        const char *a = argv[i];
        const char *next = i + 1 < argc ? argv[i + 1] : NULL;
#define NEED_ARG() do { if (!next) return usage_error("option %s needs an argument", a); i++; } while (0)
        if (strcmp(a, "--") == 0) { i++; break; }
        if (a[0] != '-' || strcmp(a, "-") == 0) break;
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) { fputs(usage_text, stdout); return 0; }
        else if (strcmp(a, "--version") == 0) { printf("pcaphunt %s\n", PCAPHUNT_VERSION); return 0; }
        else if (strcmp(a, "-v") == 0) o->verbose = true;
        else if (strcmp(a, "--repl") == 0) o->repl = true;
        else if (strcmp(a, "--json") == 0) { o->json = true; if (o->format != REPORT_EVE) o->format = REPORT_JSON; }
        else if (strcmp(a, "--format") == 0) {   /* --format json|eve: findings as JSON lines (lua/report.c) */
            NEED_ARG();
            if (strcmp(next, "eve") == 0) o->format = REPORT_EVE;
            else if (strcmp(next, "json") == 0) { if (o->format != REPORT_EVE) o->format = REPORT_JSON; }
            else return usage_error("--format wants json or eve, not '%s'", next);
            o->json = true;
        }
        else if (strcmp(a, "--all-findings") == 0) o->all_findings = true;
        else if (strcmp(a, "--list-hunts") == 0) o->list_hunts = true;
        else if (strcmp(a, "-r") == 0) { NEED_ARG(); if (!push_list(o->reads, &o->nreads, next)) return usage_error("too many %s", "-r"); }
        else if (strcmp(a, "-e") == 0) { NEED_ARG(); if (!push_list(o->chunks, &o->nchunks, next)) return usage_error("too many %s", "-e"); }
        else if (strcmp(a, "--hunt-file") == 0) { NEED_ARG(); if (!push_list(o->hunt_files, &o->nhunt_files, next)) return usage_error("too many %s", a); }
        else if (strcmp(a, "--set") == 0) { NEED_ARG(); if (!push_list(o->sets, &o->nsets, next)) return usage_error("too many %s", a); }
        else if (strcmp(a, "--hunt") == 0) { NEED_ARG(); o->hunts = next; }
        else if (strcmp(a, "-w") == 0) { NEED_ARG(); o->write = next; }
        else if (strcmp(a, "-i") == 0) { NEED_ARG(); o->iface = next; }
        else if (strcmp(a, "-j") == 0) {
            NEED_ARG();
            char *end;
            long j = strtol(next, &end, 10);
            if (*end || j < 1 || j > 256) return usage_error("-j wants a number from 1 to 256, not '%s'", next);
            o->jobs = (int)j;
        }
        else if (strcmp(a, "--flow-memory") == 0) {
            NEED_ARG();
            char *end;
            long m = strtol(next, &end, 10);
            if (*end || m < 1 || m > 65536) return usage_error("--flow-memory wants MiB from 1 to 65536, not '%s'", next);
            o->flow_memory_mib = m;
        }
        else return usage_error("unknown option %s", a);
#undef NEED_ARG
    }
    if (i < argc && o->nchunks == 0 && is_script_name(argv[i])) {
        o->script = argv[i];
        o->script_argv = argv + i;
        o->script_argc = argc - i;
        return -1;
    }
    if (i < argc) {
        o->bpf = join_args(argv, i, argc);
        if (!o->bpf) return usage_error("%s", "out of memory");
    }
    return -1;
}

int main(int argc, char **argv)
{
    struct options o;
    memset(&o, 0, sizeof o);
    o.jobs = 1;
    int rc = options_parse(&o, argc, argv);
    if (rc >= 0) return rc;
    if (!isatty(STDOUT_FILENO)) setvbuf(stdout, NULL, _IOFBF, 1 << 16);
    rc = runner_main(&o);
    fflush(stdout);
    free(o.bpf);
    return rc;
}
