/* Printing findings: the human report (grouped, severity first, a handful of
 * lines per hunt) and JSON lines; all packet text escaped through escape_text. */
#ifndef PCAPHUNT_REPORT_H
#define PCAPHUNT_REPORT_H

#include <stdbool.h>
#include <stdio.h>
#include "hunt.h"

/* t (UTC) as "2004-11-23T08:53:25.123456Z" (iso) or "2004-11-23 08:53:25.123456": six digits for a
 * microsecond time stamp, nine for a nanosecond one; beyond the calendar, seconds as report_seconds. */
#define REPORT_TIME_MAX 48
void report_time(const struct stamp *t, bool iso, char out[REPORT_TIME_MAX]);
/* t as a number of seconds since 1970, "1101200005.123456" (six or nine digits, exact). */
void report_seconds(const struct stamp *t, char out[REPORT_TIME_MAX]);
/* What --json prints: our JSON lines, or (--format eve) Suricata EVE alert records. */
/* How findings are printed: the human report, JSON lines (--json), Suricata EVE alerts (--format eve). */
enum report_format { REPORT_HUMAN, REPORT_JSON, REPORT_EVE };
/* Correlates the run's finding groups into incidents (findings_correlate) numbered in report order:
 * by severity, then the hunt's priority, then the first frame of each incident's lead. 0, or -1
 * when out of memory. */
int report_correlate(struct hunt_run *r);
/* Prints every incident and group; returns the number of groups printed. */
size_t report_groups(FILE *out, const struct hunt_run *r, enum report_format fmt);
/* When findings concern packets whose flow may have left the flow table (expired or evicted), one
 * line saying so: in the report, or on stderr beside JSON. */
void report_flow_note(FILE *out, const struct hunt_run *r, enum report_format fmt);
/* One finding as it happens (--all-findings, live runs): g is the finding alone, with the frames it
 * cites.  ctx is a `struct report_stream *`: with quiet, a human finding is its headline alone (-q). */
struct report_stream { enum report_format format; bool quiet; };
void report_finding(const struct hunt_run *r, const struct finding_group *g, void *ctx);

#endif
