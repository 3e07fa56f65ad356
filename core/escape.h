/* The one function that makes hostile bytes safe to print: every printer
 * (summaries, reports, JSON, the REPL) escapes packet text through it. */
#ifndef PCAPHUNT_ESCAPE_H
#define PCAPHUNT_ESCAPE_H

#include <stddef.h>
#include <stdint.h>

/* Printable ASCII passes, except `\` and `"`, which are backslashed; \n \r \t
 * are written as such, every other byte as \xNN.  Output is NUL-terminated and
 * ends in "..." when it did not fit.  Returns the length written. */
size_t escape_text(char *out, size_t outsz, const uint8_t *s, size_t len);

/* For showing text on a terminal (the REPL's print): newline, tab, printable
 * ASCII and well-formed UTF-8 pass as they are; every other byte -- ESC, CR,
 * other C0 controls, DEL, C1 controls (raw or UTF-8 encoded), broken UTF-8 --
 * is written as \xNN, so no string can move the cursor or recolour the screen.
 * Writes at most outsz bytes and returns the number written (no NUL). */
size_t escape_terminal(char *out, size_t outsz, const uint8_t *s, size_t len, size_t *consumed);

#endif
