/* Command-line options, parsed once by options_parse() in cli/main.c. */
#ifndef PCAPHUNT_OPTIONS_H
#define PCAPHUNT_OPTIONS_H

#include <stdbool.h>

#define OPT_MAX_LIST 64

struct options {
    const char *read_args[OPT_MAX_LIST];  /* -r FILE as given, in order */
    const char **reads;                   /* the captures to read: read_args with directories and
                                             quoted globs expanded (expand_reads in cli/main.c) */
    int nreads;
    char **expanded;                      /* the paths expand_reads made (freed at exit) */
    int nexpanded;
    char **filter_words;                  /* options_parse's: the filter's words before they are joined */
    const char *chunks[OPT_MAX_LIST];     /* -e LUA, in order */
    int nchunks;
    const char *hunt_files[OPT_MAX_LIST]; /* --hunt-file FILE */
    int nhunt_files;
    const char *sets[OPT_MAX_LIST];       /* --set NAME.OPTION=VALUE */
    int nsets;
    const char *script;                   /* script path, "-" for stdin, or NULL */
    char **script_argv;                   /* argv from the script name on */
    int script_argc;
    int script_at;                        /* argv's index of the script name: arg[-1] .. arg[-script_at] */
    char *bpf;                            /* trailing filter expression, or NULL */
    const char *hunts;                    /* --hunt all|a,b, or NULL */
    const char *write;                    /* -w FILE */
    const char *iface;                    /* -i IFACE: a live capture */
    int snaplen;                          /* -s SNAPLEN (live), 0: 262144 */
    bool snaplen_given;                   /* -s given (-s 0 too) */
    bool no_promisc;                      /* -p (live) */
    double duration;                      /* --duration SECONDS (live), 0: until stopped */
    const char *drop_user;                /* -Z USER (live) */
    bool list_devices;                    /* -D */
    int jobs;                             /* -j N */
    bool jobs_given;
    int part, parts;                      /* --part K/N (0: none) */
    const char *state_out;                /* --state-out FILE */
    const char *merges[256];              /* --merge FILE... */
    int nmerges;
    bool merge;                           /* --merge: the words that are not options are states */
    long flow_memory_mib;                 /* --flow-memory MIB, 0: the default */
    long long script_steps;               /* --script-steps N, 0: the default (hunt calls only) */
    long script_memory_mib;               /* --script-memory MIB, 0: the default (hunt calls only) */
    bool sandbox;                         /* --sandbox */
    unsigned long long count;             /* -c COUNT, 0: every packet */
    const char *filter_file;              /* -F FILE */
    const char *format_flag;              /* the first summary-format option given (-t, -x, ...), or NULL */
    int time_format;                      /* 0 epoch (-tt), 1 none (-t), 4 date and time (-tttt) */
    int t_count;                          /* the t's of -t, -tt and -tttt given, each counting as in tcpdump */
    char dump;                            /* 0, 'x', 'X' or 'A' */
    bool verbose, repl, json, all_findings, list_hunts, quiet, layers;
    int min_severity;                     /* --min-severity: enum severity (core/findings.h), SEV_INFO: all */
    const char *min_severity_by;          /* its word as given, or NULL */
    /* the mode, decided by options_resolve() from what was asked (and the terminals) */
    bool shell;                           /* the shell, after any chunks, script and hunt run */
    bool hunt_run;                        /* a --hunt run with its report */
    bool write_only;                      /* -w without hunts or script: the packets that pass the filter */
    bool summaries;                       /* one summary line per packet */
    int format;                           /* enum report_format (lua/report.h): --json, --format */
    const char *json_by;                  /* the option that asked for JSON lines: "--json", "--format json" or "--format eve" */
};

#endif
