/* Command-line options, parsed once by options_parse() in cli/main.c. */
#ifndef PCAPHUNT_OPTIONS_H
#define PCAPHUNT_OPTIONS_H

#include <stdbool.h>

#define OPT_MAX_LIST 64

struct options {
    const char *reads[OPT_MAX_LIST];      /* -r FILE, in order */
    int nreads;
    const char *chunks[OPT_MAX_LIST];     /* -e LUA, in order */
    int nchunks;
    const char *hunt_files[OPT_MAX_LIST]; /* --hunt-file FILE */
    int nhunt_files;
    const char *sets[OPT_MAX_LIST];       /* --set NAME.OPTION=VALUE */
    int nsets;
    const char *script;                   /* script path, "-" for stdin, or NULL */
    char **script_argv;                   /* argv from the script name on */
    int script_argc;
    char *bpf;                            /* trailing filter expression, or NULL */
    const char *hunts;                    /* --hunt all|a,b, or NULL */
    const char *write;                    /* -w FILE */
    const char *iface;                    /* -i IFACE */
    int jobs;                             /* -j N */
    long flow_memory_mib;                 /* --flow-memory MIB, 0: the default */
    bool verbose, repl, json, all_findings, list_hunts;
    int format;                           /* enum report_format (lua/report.h): --json, --format */
};

#endif
