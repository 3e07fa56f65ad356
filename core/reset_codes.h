/* The registry of firewall / middlebox TCP reset-cause codes, and the classifier
 * that turns a RST segment's payload into one of its rows (or says why not).
 * One table, consulted by decoders, Lua and reports alike. */
#ifndef PCAPHUNT_RESET_CODES_H
#define PCAPHUNT_RESET_CODES_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

enum reset_match { RM_CODE, RM_PREFIX, RM_IETF };

struct reset_code {
    const char *code;        /* the code as sent ("cko"), prefix text, or "ietf:N" */
    const char *vendor;
    const char *product;     /* product variant the code applies to, or "" */
    const char *category;
    const char *meaning;
    const char *source;
    const char *confidence;  /* "documented" (vendor text), "reported" (field reports), "site" */
    enum reset_match match;
    uint16_t number;         /* IETF reason code for RM_IETF rows */
};

enum reset_kind {
    RC_KNOWN,     /* a row of the table matched */
    RC_UNKNOWN,   /* printable text that no row explains */
    RC_NO_CAUSE,  /* binary data (stale buffer leaks): "RST data, no cause" */
    RC_CUT        /* the capture cut the payload before anything could be told: no code, no text judged */
};

enum reset_form { RF_RESET_CAUSE, RF_BARE, RF_IETF, RF_PREFIX, RF_TEXT, RF_BINARY };

#define RESET_CODE_MAX 64

struct reset_cause {
    enum reset_kind kind;
    enum reset_form form;
    const struct reset_code *row;   /* set when kind == RC_KNOWN */
    uint16_t ietf_reason;           /* form RF_IETF */
    uint32_t ietf_pen;
    bool peer;                      /* F5 "{peer}": the cause was on the proxy's other-side connection */
    bool cut;                       /* the capture kept only a prefix of the payload (snap length) */
    bool pen_seen;                  /* form RF_IETF: the PEN was captured (ietf_pen is 0 otherwise) */
    uint8_t code_len;
    char code[RESET_CODE_MAX];      /* raw extracted code/text: hostile, escape to print */
};

/* Site-specific rows added at run time; built-in rows are static. */
struct reset_table {
    struct reset_code **rows;
    size_t n, cap;
};

void reset_table_init(struct reset_table *t);
void reset_table_free(struct reset_table *t);
/* Copies the strings. Returns false on allocation failure. A later row wins over earlier ones. */
bool reset_table_add(struct reset_table *t, const char *code, const char *vendor,
                     const char *category, const char *meaning);

/* Look a code up (case-insensitive), user rows first, then built-in ones. */
const struct reset_code *reset_code_lookup(const struct reset_table *t, const char *code, size_t len);

/* Classify a RST payload: the len bytes captured, `cut` when the capture kept only these of a longer
 * payload.  A cut payload is matched only as far as it goes: a row its captured bytes already name
 * (an F5 text, an IETF reason) is known, anything else is RC_CUT, never RC_UNKNOWN: a text cut
 * short ("Reset caus") is no evidence of an unknown device.  Returns false when there is no payload. */
bool reset_classify(const struct reset_table *t, const uint8_t *p, size_t len, bool cut,
                    struct reset_cause *out);

/* Built-in rows, for listing: *n gets the count. */
const struct reset_code *reset_builtin_rows(size_t *n);

const char *reset_kind_name(enum reset_kind k);
const char *reset_form_name(enum reset_form f);

#endif
