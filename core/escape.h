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

#endif
