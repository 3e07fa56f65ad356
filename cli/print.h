/* The packet-printing mode (no hunt, no script, no -w): tcpdump -r's summary lines. */
#ifndef PCAPHUNT_PRINT_H
#define PCAPHUNT_PRINT_H

#include "options.h"

#include <lua.h>

/* One line per packet of the session's captures that passes the command line's filter (at most
 * o->count), with o's time format, byte dump (-x, -X, -A) or layer view (-V). Raises on an interrupt. */
void print_packets(lua_State *L, const struct options *o);

#endif
