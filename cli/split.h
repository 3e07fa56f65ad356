/* Hunt runs split into parts: -j N, --part K/N --state-out FILE, --merge FILE... (cli/split.c). */
#ifndef PCAPHUNT_SPLIT_H
#define PCAPHUNT_SPLIT_H

#include <lua.h>
#include <stdbool.h>
#include <sys/types.h>
#include "core/replay.h"

struct split {
    pid_t pids[REPLAY_MAX_PARTS];
    int fds[REPLAY_MAX_PARTS];
    char names[REPLAY_MAX_PARTS][32];
    int n;
    struct replay_merge merge;
    bool merging;
};

/* "K/N" with 1 <= K <= N <= REPLAY_MAX_PARTS. */
bool split_parse_part(const char *arg, int *part, int *parts);
/* run: what decides the frames read (the filter, -c) as text, which every part of a run must share.
 * Runs part `part` (1-based) of `parts` of the selected hunts over the session's captures into a
 * state file (path, or "-" for standard output); the exit status (0, or 2 after saying why). */
int split_state_out(lua_State *L, const char *path, const char *run, int part, int parts);
/* -j: forks `jobs` parts of the selected hunts' run and makes the next hunt_run merge them;
 * false after saying why.  split_end after the run. */
bool split_jobs_start(lua_State *L, struct split *sp, const char *run, int jobs);
/* --merge: the saved parts' states; selects the hunts and options they ran; false after saying why. */
bool split_merge_start(lua_State *L, struct split *sp, const char *const *files, int n);
/* After the run (or a failed start): the parts reaped (a part that failed makes the status 2). */
void split_end(lua_State *L, struct split *sp);

#endif
