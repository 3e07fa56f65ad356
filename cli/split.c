/* Hunt runs split into parts (core/replay.h): -j N forks N parts of this run and merges their
 * records here; --part K/N --state-out FILE runs one part into a state file; --merge FILE...
 * reports from the saved parts, so the parts can run on other machines (docs/scale-out.md). */
#include "split.h"

#include "core/replay.h"
#include "interrupt.h"
#include "lua/capture.h"
#include "lua/hunt.h"
#include "lua/pcaphunt.h"
#include "lua/session.h"

#include <errno.h>
#include <fcntl.h>
#include <lauxlib.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static const char PRODUCER[] = "pcaphunt " PCAPHUNT_VERSION;

/* How a state names the code of a hunt: the hash of its hunt file's text in hex, "-" for none (-e, a script). */
static void code_text(const struct hunt *h, char hex[17])
{
    if (h->code_hash) snprintf(hex, 17, "%016llx", (unsigned long long)h->code_hash);
    else strcpy(hex, "-");
}

/* Every part reads every capture: each must be a file it can open itself. */
static bool captures_rereadable(lua_State *L, const char *what)
{
    lcaptures_push(L);
    bool ok = true;
    for (lua_Integer i = 1; ok && i <= (lua_Integer)lua_rawlen(L, -1); i++) {
        lua_rawgeti(L, -1, i);
        struct lcapture *c = lcapture_check(L, -1);
        if (!c->rereadable) {
            session_warn(L, "%s: %s can be read only once, and every part reads every capture: save it to a file first",
                         what, c->open && strcmp(capture_name(&c->cap), "(stdin)") != 0 ? "a pipe" : "standard input");
            ok = false;
        }
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
    return ok;
}

/* The header a part writes: the captures, what decides the frames read (run), the selected hunts in
 * the engine's order with a hash of their code, the --set options, the reset codes added. */
static bool make_header(lua_State *L, struct replay_header *h, const char *run, uint32_t part, uint32_t parts)
{
    struct session *s = session_get(L);
    struct hunt_run *r = hunt_state(L);
    memset(h, 0, sizeof *h);
    h->version = REPLAY_VERSION;
    h->producer = (char *)PRODUCER;
    h->run = (char *)run;
    h->part = part + 1;
    h->parts = parts;
    lcaptures_push(L);
    h->ncaptures = (uint32_t)lua_rawlen(L, -1);
    h->captures = calloc(h->ncaptures + 1, sizeof *h->captures);
    h->hunts = calloc((size_t)r->n + 1, sizeof *h->hunts);
    h->hunt_code = calloc((size_t)r->n + 1, sizeof *h->hunt_code);
    h->sets = calloc((size_t)s->nsets + 1, sizeof *h->sets);
    h->nresets = (uint32_t)s->resets.n;
    h->nunopened = (uint32_t)s->nunopened;
    h->unopened = s->unopened;
    h->resets = calloc((size_t)h->nresets * 4 + 1, sizeof *h->resets);
    for (uint32_t i = 0; h->captures && i < h->ncaptures; i++) {
        lua_rawgeti(L, -1, (lua_Integer)i + 1);
        struct lcapture *c = lcapture_check(L, -1);
        h->captures[i] = (char *)(c->open ? capture_name(&c->cap) : "(closed capture)");
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
    for (int i = 0; h->hunts && h->hunt_code && i < r->n; i++) {
        if (!r->hunts[i].selected) continue;
        h->hunts[h->nhunts] = r->hunts[i].name;
        char hex[17];
        code_text(&r->hunts[i], hex);
        h->hunt_code[h->nhunts++] = strdup(hex);
    }
    for (int i = 0; h->sets && i < s->nsets; i++) {   /* the last of each HUNT.OPTION (it holds), sorted: one run, one list */
        const char *eq = strchr(s->sets[i], '=');
        size_t kl = eq ? (size_t)(eq - s->sets[i]) : strlen(s->sets[i]);
        bool later = false;
        for (int j = i + 1; j < s->nsets && !later; j++)
            later = strncmp(s->sets[j], s->sets[i], kl) == 0 && (s->sets[j][kl] == '=' || !s->sets[j][kl]);
        if (later) continue;
        uint32_t at = h->nsets++;
        while (at > 0 && strcmp(h->sets[at - 1], s->sets[i]) > 0) { h->sets[at] = h->sets[at - 1]; at--; }
        h->sets[at] = (char *)s->sets[i];
    }
    for (uint32_t i = 0; h->resets && i < h->nresets; i++) {
        const struct reset_code *c = s->resets.rows[i];
        h->resets[4 * i] = (char *)c->code;
        h->resets[4 * i + 1] = (char *)c->vendor;
        h->resets[4 * i + 2] = (char *)c->category;
        h->resets[4 * i + 3] = (char *)c->meaning;
    }
    bool ok = h->captures && h->hunts && h->hunt_code && h->sets && h->resets;
    for (uint32_t i = 0; ok && i < h->nhunts; i++) ok = h->hunt_code[i] != NULL;
    return ok;
}

static void free_header(struct replay_header *h)   /* its strings are borrowed but the code hashes */
{
    for (uint32_t i = 0; h->hunt_code && i < h->nhunts; i++) free(h->hunt_code[i]);
    free(h->hunt_code);
    free(h->resets);
    free(h->captures);
    free(h->hunts);
    free(h->sets);
}

/* This process runs part `part` (0-based) of `parts`, its records to fd; the exit status.
 * complete: the state was written to its end (a capture cut short still leaves a whole state). */
static int run_part(lua_State *L, int fd, const char *name, const char *run, uint32_t part, uint32_t parts, bool quiet,
                    bool single, bool jobs_part, bool *complete)
{
    *complete = false;
    struct session *s = session_get(L);
    struct hunt_run *r = hunt_state(L);
    struct replay_writer w;
    replay_writer_init(&w, fd, name, &r->engine);
    struct replay_header h;
    bool ok = make_header(L, &h, run, part, parts) && replay_write_header(&w, &h);
    free_header(&h);
    if (!ok) {
        session_warn(L, "%s: %s", name, w.err > 0 ? strerror(w.err) : "out of memory");
        replay_writer_free(&w);
        return 2;
    }
    r->recorder = &w;
    r->part = part;
    r->parts = parts;
    r->part_quiet = quiet;
    r->part_single = single;
    r->part_says_nothing = jobs_part;
    lua_pushcfunction(L, hunt_run_cfunction);
    if (lua_pcall(L, 0, 0, 0) != LUA_OK) {
        const char *msg = lua_tostring(L, -1);
        if (!s->interrupted) session_warn(L, "%s", msg ? msg : "(error object is not a string)");
        s->status = 2;
        lua_pop(L, 1);
    } else *complete = !w.err;
    r->recorder = NULL;
    replay_writer_free(&w);
    return s->status;
}

bool split_parse_part(const char *arg, int *part, int *parts)
{
    char *end;
    long k = strtol(arg, &end, 10);
    if (end == arg || *end != '/') return false;
    const char *b = end + 1;
    long n = strtol(b, &end, 10);
    if (end == b || *end || n < 1 || n > REPLAY_MAX_PARTS || k < 1 || k > n) return false;
    *part = (int)k;
    *parts = (int)n;
    return true;
}

int split_state_out(lua_State *L, const char *path, const char *run, int part, int parts)
{
    if (!captures_rereadable(L, "--state-out")) return 2;
    struct hunt_run *hr = hunt_state(L);
    for (int i = 0; i < hr->n; i++)
        if (hr->hunts[i].selected && !hr->hunts[i].code_hash) {   /* a merge elsewhere could not run it */
            session_warn(L, "--state-out: hunt %s is defined by -e or a script: a merge runs hunts from hunt files "
                            "(put it in one and give it with --hunt-file to the parts and the merge)", hr->hunts[i].name);
            return 2;
        }
    struct session *s = session_get(L);
    struct capture_writer out;
    char err[256];
    int fd = file_out_open(&out, path, err, sizeof err);   /* as -w: renamed when complete, or direct */
    if (fd < 0) {
        session_warn(L, "--state-out %s: %s", path, err);
        return 2;
    }
    fflush(stdout);   /* what was printed before goes before the state, never into it */
    bool complete;
    bool direct = !out.tmp;
    int status = run_part(L, fd, strcmp(path, "-") == 0 ? "--state-out -" : path, run, (uint32_t)part - 1, (uint32_t)parts,
                          false, false, false, &complete);
    if (s->read_ended) complete = false;   /* it stopped before its end record: not a whole state */
    if (file_out_close(&out, fd, complete, err, sizeof err) != 0) {
        session_warn(L, "--state-out %s: %s", path, err);
        complete = false;
    }
    if (s->read_ended)
        session_warn(L, "interrupted: %s", direct ? "the state written stops there, without its end (a merge says it is cut short)"
                                                  : "no state written (a part must read its captures to their end)");
    return complete ? status : 2;
}

static void split_clear(struct split *sp)
{
    memset(sp, 0, sizeof *sp);
    for (int i = 0; i < REPLAY_MAX_PARTS; i++) sp->fds[i] = -1;
}

bool split_jobs_start(lua_State *L, struct split *sp, const char *run, int jobs)
{
    split_clear(sp);
    if (!captures_rereadable(L, "-j")) return false;
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    bool single = cpus > 0 && cpus < 2L * jobs;   /* each part's read-ahead thread only where CPUs are left for it */
    fflush(stdout);
    fflush(stderr);
    for (int k = 0; k < jobs; k++) {
        int p[2];
        snprintf(sp->names[k], sizeof sp->names[k], "-j: part %d of %d", k + 1, jobs);
        if (pipe(p) != 0 || fcntl(p[0], F_SETFD, FD_CLOEXEC) != 0) {   /* a hunt's io.popen never inherits it */
            session_warn(L, "-j: %s", strerror(errno));
            split_end(L, sp);
            return false;
        }
        sigset_t usr1, old;   /* a forwarded stop waits until the new part can take it */
        sigemptyset(&usr1);
        sigaddset(&usr1, SIGUSR1);
        sigprocmask(SIG_BLOCK, &usr1, &old);
        pid_t pid = fork();
        if (pid != 0) sigprocmask(SIG_SETMASK, &old, NULL);
        if (pid < 0) {
            session_warn(L, "-j: %s", strerror(errno));
            close(p[0]);
            close(p[1]);
            split_end(L, sp);
            return false;
        }
        if (pid == 0) {   /* a part: only the parent's signals (forwarded) end its reading */
            interrupt_part();   /* its siblings, and itself, are the parent's to stop */
            sigprocmask(SIG_SETMASK, &old, NULL);
            for (int j = 0; j < k; j++) close(sp->fds[j]);
            close(p[0]);
            bool complete;
            int status = run_part(L, p[1], sp->names[k], run, (uint32_t)k, (uint32_t)jobs, k > 0, single, true, &complete);
            close(p[1]);
            fflush(stderr);
            _exit(status);
        }
        close(p[1]);
        sp->fds[k] = p[0];
        sp->pids[k] = pid;
        sp->n = k + 1;
        interrupt_forward(sp->pids, sp->n);
    }
    char *names[REPLAY_MAX_PARTS];
    for (int k = 0; k < jobs; k++) names[k] = sp->names[k];
    if (!replay_merge_open(&sp->merge, sp->fds, names, jobs)) {
        session_warn(L, "%s", sp->merge.err);
        split_end(L, sp);
        return false;
    }
    sp->merging = true;
    hunt_state(L)->merge = &sp->merge;
    hunt_state(L)->merge_parts = true;
    return true;
}

bool split_merge_start(lua_State *L, struct split *sp, const char *const *files, int n)
{
    split_clear(sp);
    struct session *s = session_get(L);
    char *names[REPLAY_MAX_PARTS];
    for (int i = 0; i < n; i++) {
        names[i] = (char *)files[i];
        int fd = strcmp(files[i], "-") == 0 ? dup(0) : open(files[i], O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
            session_warn(L, "--merge %s: %s", files[i], strerror(errno));
            split_end(L, sp);
            return false;
        }
        sp->fds[sp->n++] = fd;
    }
    if (!replay_merge_open(&sp->merge, sp->fds, names, n)) {
        session_warn(L, "--merge: %s", sp->merge.err);
        split_end(L, sp);
        return false;
    }
    const struct replay_header *h = &sp->merge.src[0].header;
    if (strcmp(h->producer, PRODUCER) != 0) {
        session_warn(L, "--merge: %s was made by %s: this is %s (a merge reads its own version's states)", files[0], h->producer, PRODUCER);
        split_end(L, sp);
        return false;
    }
    /* the hunts and options the parts ran, in the same order (the records name hunts by it) */
    size_t len = 1;
    for (uint32_t i = 0; i < h->nhunts; i++) len += strlen(h->hunts[i]) + 1;
    char *spec = malloc(len);
    if (!spec) { session_warn(L, "--merge: out of memory"); split_end(L, sp); return false; }
    spec[0] = 0;
    for (uint32_t i = 0; i < h->nhunts; i++) { if (i) strcat(spec, ","); strcat(spec, h->hunts[i]); }
    bool ok = h->nhunts > 0 && hunt_select(L, spec);
    if (h->nhunts > 0 && !ok) {
        session_warn(L, "--merge: the parts ran hunts this run has not loaded (%s): give the same --hunt-file options as they had",
                     lua_tostring(L, -1));
        lua_pop(L, 1);
    } else if (!ok) session_warn(L, "--merge: %s: malformed header: no hunt", files[0]);
    free(spec);
    struct hunt_run *r = hunt_state(L);
    uint32_t k = 0;
    for (int i = 0; ok && i < r->n; i++) {
        if (!r->hunts[i].selected) continue;
        if (k >= h->nhunts || strcmp(r->hunts[i].name, h->hunts[k]) != 0) ok = false;
        k++;
    }
    if (ok && k != h->nhunts) ok = false;
    if (!ok && h->nhunts > 0 && k) {
        session_warn(L, "--merge: the hunts load here in another order than in the parts: give the --hunt-file options in the order the parts had them");
    }
    for (uint32_t i = 0; ok && i < h->nsets; i++)
        if (!hunt_set_option(L, h->sets[i])) {
            session_warn(L, "--merge: %s", lua_tostring(L, -1));
            lua_pop(L, 1);
            ok = false;
        }
    for (uint32_t i = 0, k2 = 0; ok && i < (uint32_t)r->n; i++) {   /* the code the parts ran, not a changed file */
        if (!r->hunts[i].selected) continue;
        char hex[17];
        code_text(&r->hunts[i], hex);
        if (strcmp(hex, h->hunt_code[k2]) != 0) {
            session_warn(L, "--merge: hunt %s is not the code the parts ran (%s)", r->hunts[i].name,
                         strcmp(h->hunt_code[k2], "-") == 0 ? "they had it from -e or a script: a merge runs hunt files"
                                                            : "its file changed since, or another file defines it");
            ok = false;
        }
        k2++;
    }
    for (uint32_t i = 0; ok && i < h->nresets; i++)   /* the parts' reset codes: the packets decode as there */
        if (!reset_table_add(&s->resets, h->resets[4 * i], h->resets[4 * i + 1], h->resets[4 * i + 2], h->resets[4 * i + 3])) {
            session_warn(L, "--merge: out of memory");
            ok = false;
        }
    if (!ok) { split_end(L, sp); return false; }
    for (uint32_t i = 0; i < h->nunopened; i++) session_warn(L, "%s", h->unopened[i]);   /* as the run said them */
    const char *fm = strstr(h->run, "; flow-memory ");   /* the parts' bound: hosts past it go as they went there */
    long mib = fm ? strtol(fm + 14, NULL, 10) : 0;
    if (mib > 0 && mib <= 65536) s->flow_memory = (size_t)mib << 20;
    s->sets = (const char **)h->sets;
    s->nsets = (int)h->nsets;
    sp->merging = true;
    r->merge = &sp->merge;
    return true;
}

void split_end(lua_State *L, struct split *sp)
{
    struct session *s = session_get(L);
    struct hunt_run *r = hunt_state(L);
    if (r->merge == &sp->merge) r->merge = NULL;
    r->merge_parts = false;
    for (int k = 0; k < sp->n; k++) if (sp->fds[k] >= 0) close(sp->fds[k]);   /* a part still writing stops (EPIPE) */
    bool stopped = s->interrupted || !sp->merging;
    for (int k = 0; k < sp->n; k++) {
        if (!sp->pids[k]) continue;
        if (s->interrupted) kill(sp->pids[k], SIGKILL);
        int st = 0;
        while (waitpid(sp->pids[k], &st, 0) < 0 && errno == EINTR) {}
        if (WIFEXITED(st) && WEXITSTATUS(st) != 0) s->status = 2;   /* it said why */
        else if (WIFSIGNALED(st) && !stopped && WTERMSIG(st) != SIGPIPE) {
            session_warn(L, "%s: ended by signal %d", sp->names[k], WTERMSIG(st));
        }
    }
    interrupt_forward(NULL, 0);
    if (s->sets != (const char **)NULL && sp->merge.src && s->sets == (const char **)sp->merge.src[0].header.sets) {
        s->sets = NULL;   /* they were the states' */
        s->nsets = 0;
    }
    if (sp->merging || sp->merge.src) replay_merge_close(&sp->merge);
    split_clear(sp);
}
