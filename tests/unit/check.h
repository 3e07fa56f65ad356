/* A minimal test harness: CHECK records a pass or a failure with its line. */
#ifndef PCAPHUNT_CHECK_H
#define PCAPHUNT_CHECK_H

#include <stdio.h>
#include <string.h>

struct tally { int passed, failed; };
extern struct tally tally;

#define CHECK(name, cond) do { \
        if (cond) { tally.passed++; } \
        else { tally.failed++; printf("FAIL: %s (%s:%d: %s)\n", name, __FILE__, __LINE__, #cond); } \
    } while (0)
#define CHECK_STR(name, got, want) do { \
        const char *g_ = (got), *w_ = (want); \
        if (g_ && w_ && strcmp(g_, w_) == 0) { tally.passed++; } \
        else { tally.failed++; printf("FAIL: %s (%s:%d: got \"%s\", want \"%s\")\n", name, __FILE__, __LINE__, \
                                      g_ ? g_ : "(null)", w_ ? w_ : "(null)"); } \
    } while (0)

#endif
