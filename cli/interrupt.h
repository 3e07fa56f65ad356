/* Ctrl-C: the SIGINT handler only sets a flag and a Lua hook; the hook raises
 * "interrupted" inside Lua at the next instruction (lua.c's way). */
#ifndef PCAPHUNT_INTERRUPT_H
#define PCAPHUNT_INTERRUPT_H

#include "lua/session.h"

void interrupt_install(struct session *s);
void interrupt_remove(void);
/* Clears a pending interrupt (the REPL does so before each prompt). */
void interrupt_clear(struct session *s);

#endif
