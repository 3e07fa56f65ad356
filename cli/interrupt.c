/* SIGINT handling.  A signal handler can reach nothing but a static: this file
 * holds the one pointer to the running session, set while a run is active.
 * The handler sets flags and installs lua/session.c's hook (lua_sethook is signal-safe) on
 * the main thread and on the coroutine being resumed; the hook raises "interrupted".  The first
 * Ctrl-C raises once (a pcall may catch it); from the second on the hook raises at every call
 * until the top level clears it, and headless a third Ctrl-C ends the process.  A signal that ends
 * the process (SIGTERM or SIGHUP in the shell, a second one headless, that third Ctrl-C) first
 * removes the temporary files of the -w and pcaphunt.writer files being written (core/writer.c),
 * so no half-written file is left.  Headless, the first SIGTERM or SIGHUP stops the run as a second
 * Ctrl-C does (or, in a hunt run over files, as the first: the report covers what was read), so
 * what was printed is flushed and the status is 2.
 * While a loop or hunt run reads a live capture, the first Ctrl-C (or SIGTERM) only ends that
 * capture, as the end of a file would: nothing raises, the run reports what it found.  So does the
 * first Ctrl-C while a headless hunt run reads files (the report then covers the frames read). */
#include "interrupt.h"

#include "core/capture.h"

#include <lauxlib.h>
#include <signal.h>
#include <sys/types.h>
#include <string.h>

static struct session *active;   /* the session the handler interrupts */
static bool headless;
static volatile sig_atomic_t stops;   /* SIGTERM and SIGHUP received headless */
static const pid_t *volatile parts;    /* a split run's parts (interrupt_forward) */
static volatile sig_atomic_t nparts;

static void forward(void)
{
    for (int i = 0; i < nparts; i++) if (parts[i] > 0) kill(parts[i], SIGUSR1);
}

void interrupt_forward(const pid_t *pids, int n)
{
    nparts = 0;
    parts = pids;
    nparts = pids ? n : 0;
}

static void on_sigint(int sig);

void interrupt_part(void)
{
    interrupt_forward(NULL, 0);
    signal(SIGINT, SIG_IGN);
    signal(SIGTERM, SIG_IGN);
    signal(SIGHUP, SIG_IGN);
    signal(SIGPIPE, SIG_DFL);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sigint;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    sigaction(SIGUSR1, &sa, NULL);
}

/* The process ends by this signal, as its default action would end it, without temporary files. */
static void on_fatal(int sig)
{
    writer_signals++;
    forward();
    writer_remove_temps();
    signal(sig, SIG_DFL);
    raise(sig);
}

static void on_sigint(int sig)
{
    writer_signals++;   /* ends a wait for a FIFO's reader (core/writer.c) */
    forward();
    if (active && active->live_readers > 0 && !active->live_end) {
        active->live_end = 1;
        return;
    }
    if (active && active->read_end_armed && !active->read_ended) {   /* a headless hunt run reading files */
        active->read_ended = sig;
        if (sig != SIGINT) stops++;   /* a second SIGTERM or SIGHUP ends the process */
        return;
    }
    if (sig != SIGINT) {   /* SIGTERM, SIGHUP: headless, the run stops as at a second Ctrl-C (its output
                              flushed, -w removed, status 2); a second one, or in the shell, ends the process */
        if (!active || !headless || stops++) { on_fatal(sig); return; }
        active->sigints = 1;   /* raised at every instruction from now on (below) */
    }
    if (!active) return;
    active->interrupted = 1;
    capture_interrupted = 1;   /* a wait for input about to begin ends too (core/capture.c) */
    if (active->sigints < 2) active->sigints++;
    lua_sethook(active->L, session_hook, LUA_MASKCALL | LUA_MASKRET | LUA_MASKLINE | LUA_MASKCOUNT, 1);
    lua_State *co = active->running;
    if (co) lua_sethook(co, session_hook, LUA_MASKCALL | LUA_MASKRET | LUA_MASKLINE | LUA_MASKCOUNT, 1);
    if (headless && active->sigints >= 2) signal(SIGINT, on_fatal);
}

void interrupt_install(struct session *s, bool shell, bool live)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sigint;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;   /* a write to a slow pipe goes on (no output lost); reads of pipes wait
                                   in poll first, which a signal always ends (core/capture.c) */
    active = s;
    headless = !shell;
    sigaction(SIGINT, &sa, NULL);
    struct sigaction old;
    for (int i = 0; i < 2; i++) {   /* a signal ignored from the start (nohup) stays ignored */
        int sig = i == 0 ? SIGTERM : SIGHUP;
        if (sigaction(sig, NULL, &old) != 0 || old.sa_handler == SIG_IGN) continue;
        sa.sa_handler = !shell || (sig == SIGTERM && live) ? on_sigint : on_fatal;
        sigaction(sig, &sa, NULL);
    }
}

void interrupt_remove(void)
{
    signal(SIGINT, SIG_DFL);
    for (int i = 0; i < 2; i++) {
        int sig = i == 0 ? SIGTERM : SIGHUP;
        struct sigaction cur;
        if (sigaction(sig, NULL, &cur) == 0 && (cur.sa_handler == on_fatal || cur.sa_handler == on_sigint))
            signal(sig, SIG_DFL);
    }
    active = NULL;
}

void interrupt_clear(struct session *s)
{
    s->interrupted = 0;
    capture_interrupted = 0;
    s->sigints = 0;
    s->raised = 0;
    if (s->L) session_hook_reset(s->L, s);
    if (s->live_readers > 0 && s->L) lua_gc(s->L, LUA_GCCOLLECT);   /* an interrupted loop's cursor */
}
