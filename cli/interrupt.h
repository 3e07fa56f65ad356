/* Ctrl-C: the SIGINT handler only sets a flag and a Lua hook; the hook raises
 * "interrupted" inside Lua at the next instruction (lua.c's way). */
#ifndef PCAPHUNT_INTERRUPT_H
#define PCAPHUNT_INTERRUPT_H

#include "lua/session.h"

#include <stdbool.h>
#include <sys/types.h>

/* shell: the shell runs (a second Ctrl-C gets back to its prompt); else headless, where a
 * third Ctrl-C ends the process as SIGINT's default does.  live: SIGTERM too ends a live
 * capture being read (else it keeps its default). */
void interrupt_install(struct session *s, bool shell, bool live);
void interrupt_remove(void);
/* Clears a pending interrupt (the REPL does so before each prompt). */
void interrupt_clear(struct session *s);
/* The parts of a split run (cli/split.c): every signal the handler takes is passed on to them as
 * SIGUSR1, which ends their reading (a second one ends them).  NULL, 0: none. */
void interrupt_forward(const pid_t *pids, int n);
/* In a part just forked: only its parent stops it (SIGUSR1, as above); Ctrl-C, SIGTERM and SIGHUP,
 * which a terminal or a service manager sends to the whole group, are the parent's to pass on. */
void interrupt_part(void);

#endif
