/* The one function that makes hostile text safe to print: every printer (summaries, reports, JSON,
 * warnings and errors on stderr, the REPL) escapes what came from a capture, a file name or a script
 * through escape_unit, in one of three forms. */
#ifndef PCAPHUNT_ESCAPE_H
#define PCAPHUNT_ESCAPE_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

enum escape_mode {
    /* Quoted text (reports, pcaphunt.escape, payload in summaries): printable ASCII passes, except
     * `\` and `"`, which are backslashed; \n \r \t are named; every other byte is \xNN. */
    ESC_QUOTED,
    /* A terminal or a log: printable ASCII and well-formed UTF-8 pass (backslashes too); tab and
     * newline pass.  Escaped: every other C0 control, DEL and broken UTF-8 as \xNN (\x1b); C1
     * controls, bidirectional and other invisible format characters (U+202E, U+2066..U+2069,
     * U+200E, U+200F, U+061C, U+200B..U+200D, U+2028..U+202E, U+2060..U+206F, U+FEFF, U+FFF9..U+FFFB,
     * tags U+E0000..U+E007F) as \uXXXX (\u202e) or \UXXXXXXXX. */
    ESC_TERMINAL,
    /* The same, for one line: newline and tab are \n and \t too. */
    ESC_LINE,
    /* The inside of a JSON string: `"` and `\` backslashed, controls \n \r \t \b \f or \u00XX, DEL
     * and the characters ESC_TERMINAL escapes as \uXXXX (surrogate pairs above U+FFFF), other
     * UTF-8 as it is, a broken UTF-8 byte as the text \xNN (written "\\xNN"): valid JSON, valid UTF-8. */
    ESC_JSON
};

/* The escaped form of the text at s (len > 0 bytes): writes the form of its first character or
 * byte to out (at most ESCAPE_UNIT_MAX bytes, not NUL-terminated), sets *outn, and returns how many
 * bytes of s it stands for. */
#define ESCAPE_UNIT_MAX 16
size_t escape_unit(const uint8_t *s, size_t len, enum escape_mode mode, char out[ESCAPE_UNIT_MAX], size_t *outn);

/* ESC_QUOTED into a buffer: NUL-terminated, ending in "..." when it did not fit.  Returns the
 * length written. */
size_t escape_text(char *out, size_t outsz, const uint8_t *s, size_t len);

/* ESC_TERMINAL in pieces: writes at most outsz bytes (no NUL), returns the number written, and
 * sets *consumed to the bytes of s they stand for (never half a character). */
size_t escape_terminal(char *out, size_t outsz, const uint8_t *s, size_t len, size_t *consumed);

/* The columns escape_fwrite takes for s (its output's characters). */
size_t escape_width(const char *s, size_t len, enum escape_mode mode);

/* Writes len bytes of s escaped in mode to f. */
void escape_fwrite(FILE *f, const char *s, size_t len, enum escape_mode mode);

/* "pcaphunt: " and the formatted message, escaped as one line (ESC_LINE; ESC_TERMINAL when
 * multiline, for tracebacks), then a newline, to stderr.  The format is ours; the arguments may be
 * anything.  No length limit. */
void escape_vwarn(int multiline, const char *fmt, va_list ap);
void escape_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
