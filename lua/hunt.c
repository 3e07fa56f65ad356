/* Hunts bound to the engine (core/engine.c runs the one packet loop).  A definition's `want`
 * and `filter` become C conditions, its ttl_change / rst_in_flow / data_after_fin / flow_end functions engine
 * events; a packet userdata is made (once, shared) only for a packet some hunt asked for. */
#include "hunt.h"
#include "huntenv.h"
#include "capture.h"
#include "fields.h"
#include "packet.h"
#include "pcaphunt.h"
#include "report.h"
#include "session.h"
#include "udata.h"
#include "core/community_id.h"
#include "core/escape.h"
#include "core/summary.h"

#include <arpa/inet.h>
#include <lauxlib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HUNT_MT "pcaphunt.hunt"
#define FLOWS_MT "pcaphunt.flows"
#define FLOW_MT "pcaphunt.flow"
#define RUNSTATE_MT "pcaphunt.huntrun"

struct hunt_run *hunt_state(lua_State *L)
{
    struct session *s = session_get(L);
    return s ? s->hunts : NULL;
}

/* A hunt's definition as the shell echoes it (hunt{...} returns it): its name and how it runs, not
 * its table with the engine's own "_index". */
static int hunt_tostring(lua_State *L)
{
    const char *name = NULL;
    if (lua_type(L, 1) == LUA_TTABLE && lua_getfield(L, 1, "name") == LUA_TSTRING) name = lua_tostring(L, -1);
    if (!name) { lua_pushliteral(L, "hunt definition"); return 1; }
    lua_pushfstring(L, "hunt %s (defined: hunt(\"%s\") runs it)", name, name);
    return 1;
}

/* The hunt index stored in a hunt table's field "_index" (the run's `h` inherits it). */
static int hunt_index_of(lua_State *L, int idx)
{
    luaL_checktype(L, idx, LUA_TTABLE);
    lua_getfield(L, idx, "_index");
    int i = (int)luaL_optinteger(L, -1, -1);
    lua_pop(L, 1);
    struct hunt_run *r = hunt_state(L);
    if (!r || i < 0 || i >= r->n) luaL_argerror(L, idx, "not a hunt");
    return i;
}

static const char *opt_string(lua_State *L, int t, const char *k)
{
    lua_getfield(L, t, k);
    const char *v = lua_isstring(L, -1) ? lua_tostring(L, -1) : NULL;
    lua_pop(L, 1);
    return v;
}

static int run_named(lua_State *L);
static int list_hunts(lua_State *L);

/* ---- declarations: `want` and `filter` → struct match ---- */

static const struct { const char *name; uint16_t bit; } tcp_flag_names[] = {
    {"fin", TCP_FIN}, {"syn", TCP_SYN}, {"rst", TCP_RST}, {"psh", TCP_PSH}, {"ack", TCP_ACK},
    {"urg", TCP_URG}, {"ece", TCP_ECE}, {"cwr", TCP_CWR}, {"ae", TCP_AE}, {NULL, 0}
};

static const struct { const char *name; uint8_t proto; } proto_names[] = {
    {"tcp", 6}, {"udp", 17}, {"icmp", 1}, {"icmpv6", 58}, {"gre", 47}, {"esp", 50}, {"sctp", 132}, {NULL, 0}
};

/* Calls fn(L, i, value on top) for a value or each item of a list, at t[k]. */
static int each_item(lua_State *L, int vidx, const char *hunt, const char *k, int max)
{
    vidx = lua_absindex(L, vidx);
    if (lua_type(L, vidx) != LUA_TTABLE) { lua_pushvalue(L, vidx); return 1; }
    int n = (int)lua_rawlen(L, vidx);
    if (n == 0) luaL_error(L, "hunt %s: want.%s is an empty list", hunt, k);
    if (n > max) luaL_error(L, "hunt %s: want.%s lists %d items, at most %d", hunt, k, n, max);
    luaL_checkstack(L, n, "want list");
    for (int i = 1; i <= n; i++) lua_rawgeti(L, vidx, i);
    return n;
}

static uint16_t parse_tcp_flags(lua_State *L, int vidx, const char *hunt, const char *k)
{
    int n = each_item(L, vidx, hunt, k, 9);
    uint16_t mask = 0;
    for (int i = 0; i < n; i++) {
        const char *f = lua_tostring(L, -n + i);
        int j = 0;
        while (f && tcp_flag_names[j].name && strcmp(tcp_flag_names[j].name, f) != 0) j++;
        if (!f || !tcp_flag_names[j].name)
            luaL_error(L, "hunt %s: want.%s: '%s' is not a TCP flag (fin syn rst psh ack urg ece cwr ae)", hunt, k,
                       f ? f : luaL_typename(L, -n + i));
        mask |= tcp_flag_names[j].bit;
    }
    lua_pop(L, n);
    return mask;
}

static lua_Integer want_int(lua_State *L, int idx, const char *hunt, const char *k, lua_Integer lo, lua_Integer hi)
{
    int ok;
    lua_Integer v = lua_tointegerx(L, idx, &ok);
    if (!ok || v < lo || v > hi) luaL_error(L, "hunt %s: want.%s must be an integer from %d to %d", hunt, k, (int)lo, (int)hi);
    return v;
}

/* want.K = N or {low, high}: *lo and *hi, each 0..max; an empty range raises. */
static void want_range(lua_State *L, int v, const char *hunt, const char *k, lua_Integer max, lua_Integer *lo, lua_Integer *hi)
{
    if (!lua_istable(L, v)) {
        *lo = *hi = want_int(L, v, hunt, k, 0, max);
        return;
    }
    lua_rawgeti(L, v, 1);
    lua_rawgeti(L, v, 2);
    *lo = want_int(L, -2, hunt, k, 0, max);
    *hi = want_int(L, -1, hunt, k, 0, max);
    if (*lo > *hi)
        luaL_error(L, "hunt %s: want.%s = {%d, %d}: the range is empty (give {low, high})", hunt, k, (int)*lo, (int)*hi);
    lua_pop(L, 2);
}

/* Fills m from the table at t (one alternative of `want`). Raises on an unknown key or bad value. */
static void parse_want(lua_State *L, int t, struct match *m, const char *hunt)
{
    t = lua_absindex(L, t);
    for (lua_pushnil(L); lua_next(L, t); lua_pop(L, 1)) {
        if (lua_type(L, -2) != LUA_TSTRING) luaL_error(L, "hunt %s: want has a key that is not a name", hunt);
        const char *k = lua_tostring(L, -2);
        int v = lua_gettop(L);
        if (strcmp(k, "ip") == 0) {
            lua_Integer x = want_int(L, v, hunt, k, 4, 6);
            if (x != 4 && x != 6) luaL_error(L, "hunt %s: want.ip must be 4 or 6", hunt);
            m->set |= x == 4 ? M_IP4 : M_IP6;
        } else if (strcmp(k, "proto") == 0) {
            if (lua_type(L, v) == LUA_TSTRING) {
                int j = 0;
                while (proto_names[j].name && strcmp(proto_names[j].name, lua_tostring(L, v)) != 0) j++;
                if (!proto_names[j].name)
                    luaL_error(L, "hunt %s: want.proto: '%s' is not tcp, udp, icmp, icmpv6, gre, esp, sctp or a number",
                               hunt, lua_tostring(L, v));
                m->proto = proto_names[j].proto;
            } else {
                m->proto = (uint8_t)want_int(L, v, hunt, k, 0, 255);
            }
            m->set |= M_PROTO;
        } else if (strcmp(k, "tcp_flags") == 0) {
            m->tcp_any = parse_tcp_flags(L, v, hunt, k);
            m->set |= M_TCP_ANY;
        } else if (strcmp(k, "tcp_flags_all") == 0) {
            m->tcp_all = parse_tcp_flags(L, v, hunt, k);
            m->set |= M_TCP_ALL;
        } else if (strcmp(k, "tcp_flags_none") == 0) {
            m->tcp_none = parse_tcp_flags(L, v, hunt, k);
            m->set |= M_TCP_NONE;
        } else if (strcmp(k, "port") == 0) {
            int n = each_item(L, v, hunt, k, MATCH_MAX_PORTS);
            for (int i = 0; i < n; i++) {
                m->ports[i] = (uint16_t)want_int(L, -n + i, hunt, k, 0, 65535);
                m->port_bits |= 1ull << (m->ports[i] & 63);
            }
            m->nports = (uint8_t)n;
            lua_pop(L, n);
            m->set |= M_PORT;
        } else if (strcmp(k, "port_not") == 0) {
            int n = each_item(L, v, hunt, k, MATCH_MAX_PORTS);
            for (int i = 0; i < n; i++) m->ports_not[i] = (uint16_t)want_int(L, -n + i, hunt, k, 0, 65535);
            m->nports_not = (uint8_t)n;
            lua_pop(L, n);
            m->set |= M_PORT_NOT;
        } else if (strcmp(k, "dns_odd") == 0) {
            m->dns_odd = (uint8_t)want_int(L, v, hunt, k, 1, 255);
            m->set |= M_DNS_ODD | M_PAYLOAD;
        } else if (strcmp(k, "dns_txt_reply") == 0) {
            size_t n = 0;
            const char *l = lua_type(L, v) == LUA_TSTRING ? lua_tolstring(L, v, &n) : NULL;
            if (!l || n < 1 || n > 63 || memchr(l, '.', n) || strlen(l) != n)
                luaL_error(L, "hunt %s: want.dns_txt_reply must be one DNS label: a string of 1 to 63 characters without '.'", hunt);
            for (size_t i = 0; i < n; i++)
                m->dns_txt_reply[i] = (char)(l[i] >= 'A' && l[i] <= 'Z' ? l[i] + ('a' - 'A') : l[i]);
            m->dns_txt_reply[n] = 0;
            m->dns_txt_reply_len = (uint8_t)n;
            m->set |= M_DNS_TXT_REPLY | M_PAYLOAD;
        } else if (strcmp(k, "app") == 0 || strcmp(k, "app_not") == 0) {
            bool not = k[3] == '_';
            static const char *const apps[] = {"", "dns", "http", "tls", "ssh", "quic", NULL};
            int n = each_item(L, v, hunt, k, 5);
            for (int i = 0; i < n; i++) {
                const char *a = lua_tostring(L, -n + i);
                int j = 1;
                while (a && apps[j] && strcmp(apps[j], a) != 0) j++;
                if (!a || !apps[j]) luaL_error(L, "hunt %s: want.%s: '%s' is not dns, http, tls, ssh or quic", hunt, k, a ? a : luaL_typename(L, -n + i));
                if (not) m->app_not |= (uint8_t)(1u << j);
                else m->app |= (uint8_t)(1u << j);
            }
            lua_pop(L, n);
            m->set |= (not ? M_APP_NOT : M_APP) | M_PAYLOAD;
        } else if (strcmp(k, "src") == 0 || strcmp(k, "dst") == 0) {
            bool src = k[0] == 's';
            int n = each_item(L, v, hunt, k, MATCH_MAX_PREFIXES);
            for (int i = 0; i < n; i++) {
                const char *p = lua_tostring(L, -n + i);
                if (!p || !prefix_parse(src ? &m->src[i] : &m->dst[i], p))
                    luaL_error(L, "hunt %s: want.%s: '%s' is not an address or prefix (10.0.0.0/8, ff00::/8)", hunt, k,
                               p ? p : luaL_typename(L, -n + i));
            }
            if (src) m->nsrc = (uint8_t)n;
            else m->ndst = (uint8_t)n;
            lua_pop(L, n);
            m->set |= src ? M_SRC : M_DST;
        } else if (strcmp(k, "icmp_type") == 0) {
            int n = each_item(L, v, hunt, k, 256);
            for (int i = 0; i < n; i++) {
                lua_Integer t = want_int(L, -n + i, hunt, k, 0, 255);
                m->icmp_types[t >> 6] |= 1ull << (t & 63);
            }
            lua_pop(L, n);
            m->set |= M_ICMP_TYPE;
        } else if (strcmp(k, "ttl") == 0) {
            lua_Integer lo, hi;
            want_range(L, v, hunt, k, 255, &lo, &hi);
            m->ttl_min = (uint8_t)lo;
            m->ttl_max = (uint8_t)hi;
            m->set |= M_TTL;
        } else if (strcmp(k, "ip_id") == 0) {
            lua_Integer lo, hi;
            want_range(L, v, hunt, k, 65535, &lo, &hi);
            m->ip_id_min = (uint16_t)lo;
            m->ip_id_max = (uint16_t)hi;
            m->set |= M_IP_ID | M_IP4;
        } else if (strcmp(k, "new_flow") == 0 && lua_isboolean(L, v) && !lua_toboolean(L, v)) {
            m->set |= M_OLD_FLOW | M_IP;   /* new_flow = false: the packet's flow was there before it */
        } else if (strcmp(k, "fragment_cut") == 0) {
            if (!lua_toboolean(L, v)) luaL_error(L, "hunt %s: want.%s can only be true", hunt, k);
            m->set |= M_FRAG_CUT | M_IP;
        } else if (strcmp(k, "payload") == 0 || strcmp(k, "reset_cause") == 0 || strcmp(k, "land") == 0 ||
                   strcmp(k, "new_flow") == 0 || strcmp(k, "after_rst") == 0 || strcmp(k, "first_data") == 0) {
            if (!lua_toboolean(L, v)) luaL_error(L, "hunt %s: want.%s can only be true", hunt, k);
            m->set |= k[0] == 'p' ? M_PAYLOAD : k[0] == 'r' ? M_RESET_CAUSE : k[0] == 'l' ? M_SRC_IS_DST
                    : k[0] == 'f' ? (M_FIRST_DATA | M_PAYLOAD | M_IP) : k[0] == 'n' ? (M_NEW_FLOW | M_IP) : (M_AFTER_RST | M_IP);
        } else {
            static const char *const conds[] = {"ip", "proto", "tcp_flags", "tcp_flags_all", "tcp_flags_none", "port",
                "port_not", "src", "dst", "icmp_type", "ttl", "ip_id", "payload", "reset_cause", "land", "new_flow",
                "after_rst", "first_data", "app", "app_not", "dns_odd", "dns_txt_reply", "fragment_cut", NULL};
            char list[256] = " (", near[256];
            for (int i = 0; conds[i]; i++)   /* no misspelling of one: all of them */
                snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s", conds[i], conds[i + 1] ? ", " : ")");
            luaL_error(L, "hunt %s: want has no condition '%s'%s", hunt, k, name_suggest_phrase(k, conds, list, near, sizeof near));
        }
        lua_settop(L, v);
    }
}

static void free_matches(struct hunt *h)
{
    for (int i = 0; i < h->nmatches; i++) match_free(&h->matches[i]);
    h->nmatches = 0;
}

/* Builds h's conditions from the `want` value at w (a table, or a list of alternatives; nil: none)
 * and filter (BPF from the IP header, and-ed into each alternative; NULL: none). */
static void parse_want_value(lua_State *L, int w, const char *filter, struct hunt *h)
{
    if (!lua_isnil(L, w) && !lua_istable(L, w)) luaL_error(L, "hunt %s: want must be a table, or a function of the options returning one", h->name);
    int alts = 0;
    if (lua_istable(L, w)) {
        lua_rawgeti(L, w, 1);
        bool list = lua_istable(L, -1);
        lua_pop(L, 1);
        alts = list ? (int)lua_rawlen(L, w) : 1;
        if (alts > HUNT_MAX_MATCHES) luaL_error(L, "hunt %s: want lists %d alternatives, at most %d", h->name, alts, HUNT_MAX_MATCHES);
        if (list) lua_pushnil(L);
        while (list && lua_next(L, w)) {   /* {port = 9, {proto = "tcp"}}: braces forgotten */
            lua_pop(L, 1);
            if (lua_isinteger(L, -1) && lua_tointeger(L, -1) >= 1 && lua_tointeger(L, -1) <= alts) continue;
            const char *k = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : luaL_typename(L, -1);
            luaL_error(L, "hunt %s: want mixes a condition (%s) with a list of alternatives: a list holds only "
                          "alternatives, so put %s in each of them", h->name, k, k);
        }
        for (int i = 0; i < alts; i++) {
            if (list) {
                lua_rawgeti(L, w, i + 1);
                if (!lua_istable(L, -1)) luaL_error(L, "hunt %s: want[%d] must be a table", h->name, i + 1);
            } else {
                lua_pushvalue(L, w);
            }
            memset(&h->matches[i], 0, sizeof h->matches[i]);
            h->nmatches = i + 1;
            parse_want(L, -1, &h->matches[i], h->name);
            lua_pop(L, 1);
        }
    } else if (filter && *filter) {
        memset(&h->matches[0], 0, sizeof h->matches[0]);
        h->nmatches = alts = 1;
    }
    if (filter && *filter) {
        char err[PCAP_ERRBUF_SIZE + 1100];
        for (int i = 0; i < h->nmatches; i++)
            if (match_compile_bpf(&h->matches[i], filter, err, sizeof err) != 0) {
                free_matches(h);
                luaL_error(L, "hunt %s: %s (a hunt's filter sees each packet from its IP header)", h->name, err);
            }
    }
    for (int i = 0; i < h->nmatches; i++) match_prepare(&h->matches[i]);
}

static void copy_fields(lua_State *L, int dst, int src);

/* Calls the want function at fn with a copy of the options at opts (tables in it copied too: the
 * function must not change them for the run): true with the table of conditions it returned pushed,
 * or false with the message pushed ("hunt NAME: want(options): ..."). */
static bool call_want(lua_State *L, const struct hunt *h, int fn, int opts)
{
    opts = lua_absindex(L, opts);
    lua_pushvalue(L, fn);
    lua_newtable(L);
    if (lua_istable(L, opts)) copy_fields(L, -1, opts);
    if (lua_pcall(L, 1, 1, 0) != LUA_OK) {
        lua_pushfstring(L, "hunt %s: want(options): %s", h->name, lua_isstring(L, -1) ? lua_tostring(L, -1) : "(error object is not a string)");
        lua_remove(L, -2);
        return false;
    }
    if (lua_istable(L, -1)) return true;
    lua_pushfstring(L, "hunt %s: want(options) must return a table of conditions, not %s", h->name, luaL_typename(L, -1));
    lua_remove(L, -2);
    return false;
}

/* Builds h's conditions from the definition at idx: `want` (a table, a list of alternatives, or a
 * function of the options returning one: called here with the defaults, and again by every run) and
 * `filter`. */
static void parse_conditions(lua_State *L, int idx, struct hunt *h)
{
    const char *filter = opt_string(L, idx, "filter");
    lua_getfield(L, idx, "want");
    int w = lua_gettop(L);
    h->want_fn = lua_isfunction(L, w);
    if (h->want_fn) {
        lua_getfield(L, idx, "options");
        if (!call_want(L, h, w, -1)) luaL_error(L, "%s", lua_tostring(L, -1));
        lua_replace(L, w);
        lua_pop(L, 1);
    }
    parse_want_value(L, w, filter, h);
    lua_pop(L, 1);
}

/* A run's want(options) (protected): upvalue-free, arguments the hunt (light userdata), the want
 * function and the run's options; its conditions replace the hunt's. */
static int refresh_want_p(lua_State *L)
{
    struct hunt *h = lua_touserdata(L, 1);
    if (!call_want(L, h, 2, 3)) return lua_error(L);   /* said as at its definition */
    int w = lua_gettop(L);
    lua_rawgeti(L, LUA_REGISTRYINDEX, h->ref);
    lua_pushliteral(L, "filter");
    lua_rawget(L, -2);
    const char *filter = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : NULL;
    free_matches(h);
    parse_want_value(L, w, filter, h);
    return 0;
}

/* The keys of a definition, each with the type of its value. */
static const char *const hunt_keys[] = {
    "name", "description", "severity", "filter", "want", "options", "option_help", "flow_end_want",
    "priority", "conversations", "packet", "ttl_change", "rst_in_flow", "data_after_fin", "flow_end", "connection_failed",
    "finish", NULL
};
static const int hunt_key_types[] = {
    LUA_TSTRING, LUA_TSTRING, LUA_TSTRING, LUA_TSTRING, LUA_TTABLE, LUA_TTABLE, LUA_TTABLE, LUA_TTABLE,
    LUA_TNUMBER, LUA_TBOOLEAN, LUA_TFUNCTION, LUA_TFUNCTION, LUA_TFUNCTION, LUA_TFUNCTION, LUA_TFUNCTION, LUA_TFUNCTION,
    LUA_TFUNCTION
};
_Static_assert(sizeof hunt_key_types / sizeof hunt_key_types[0] == sizeof hunt_keys / sizeof hunt_keys[0] - 1,
               "a type for each key");

/* Raises for a key of the definition at t that is a misspelling of a key of hunt_keys: close to
 * it, with a value of its type (flowend = function …, option = {…}). Other keys are the hunt's
 * own fields, which `h` falls back to (backdoor-ports' `ports`). */
static void hunt_check_keys(lua_State *L, int t, const char *name)
{
    for (lua_pushnil(L); lua_next(L, t); lua_pop(L, 1)) {
        if (lua_type(L, -2) != LUA_TSTRING) continue;
        const char *k = lua_tostring(L, -2);
        int i = 0;
        while (hunt_keys[i] && strcmp(hunt_keys[i], k) != 0) i++;
        if (hunt_keys[i]) continue;
        const char *near = name_suggest(k, hunt_keys);
        if (!near) continue;
        i = 0;
        while (strcmp(hunt_keys[i], near) != 0) i++;
        if (lua_type(L, -1) != hunt_key_types[i]) continue;
        char esc[64];
        escape_text(esc, sizeof esc, (const uint8_t *)k, lua_rawlen(L, -2));
        luaL_error(L, "hunt %s: no key '%s' (did you mean %s?)", name, esc, near);
    }
}

/* hunt{ name=, description=, severity=, want=, filter=, packet=, ttl_change=, rst_in_flow=,
 * data_after_fin=, flow_end=, finish=, options= } defines a hunt; hunt("name" [, options]) runs one on the
 * captures; hunt() lists them. */
static int define_hunt(lua_State *L, uint32_t file_id)
{
    struct hunt_run *r = hunt_state(L);
    if (lua_type(L, 1) == LUA_TSTRING) return run_named(L);
    if (lua_isnoneornil(L, 1)) return list_hunts(L);
    if (!lua_istable(L, 1)) return luaL_typeerror(L, 1, "hunt name or table");
    const char *name = opt_string(L, 1, "name");
    if (!name || !*name) return luaL_error(L, "hunt: 'name' (a string) is required");
    if (strpbrk(name, ", \t\n=")) return luaL_error(L, "hunt: name '%s' has a comma, space or '=': --hunt a,b and --set NAME.option=v could not name it", name);
    if (r->running) return luaL_error(L, "hunt %s: hunts cannot be defined while a hunt runs", name);
    hunt_ensure_loaded(L);   /* the hunt files first: a definition of the user's comes after them, and replaces */
    hunt_check_keys(L, 1, name);
    const char *sev = opt_string(L, 1, "severity");
    int severity = sev ? severity_parse(sev) : SEV_MEDIUM;
    if (severity < 0) return luaL_error(L, "hunt %s: severity must be info, low, medium or high", name);
    static const struct { const char *fn; unsigned ev; } fns[] = {
        {"packet", EV_MATCH}, {"ttl_change", EV_TTL_CHANGE}, {"rst_in_flow", EV_RST_IN_FLOW},
        {"data_after_fin", EV_DATA_AFTER_FIN}, {"flow_end", EV_FLOW_END}, {"connection_failed", EV_CONN_FAILED}, {"finish", 0}, {NULL, 0}
    };
    unsigned events = 0;
    bool any = false;
    for (int j = 0; fns[j].fn; j++) {
        int t = lua_getfield(L, 1, fns[j].fn);
        if (t == LUA_TFUNCTION) { events |= fns[j].ev; any = true; }
        else if (t != LUA_TNIL) return luaL_error(L, "hunt %s: '%s' must be a function", name, fns[j].fn);
        lua_pop(L, 1);
    }
    if (!any) return luaL_error(L, "hunt %s: give a packet, ttl_change, rst_in_flow, data_after_fin, flow_end, connection_failed or finish function", name);
    struct hunt scratch;   /* conditions are parsed before the slot is touched: a bad one changes nothing */
    memset(&scratch, 0, sizeof scratch);
    scratch.name = (char *)name;   /* borrowed from the definition until the end; copied below */
    /* everything that may raise comes before the slot is touched: a bad redefinition changes nothing */
    lua_getfield(L, 1, "priority");
    if (!lua_isnil(L, -1)) {
        int ok;
        lua_Integer pr = lua_tointegerx(L, -1, &ok);
        if (!ok || pr < -1000000 || pr > 1000000)
            return luaL_error(L, "hunt %s: priority must be an integer from -1000000 to 1000000 (lower reports first; default 50), not %s", name,
                              lua_isnumber(L, -1) ? lua_tostring(L, -1) : luaL_typename(L, -1));
        scratch.priority = (int)pr;
    } else {
        scratch.priority = 50;
    }
    lua_pop(L, 1);
    lua_getfield(L, 1, "conversations");
    scratch.conversations = lua_toboolean(L, -1);
    lua_pop(L, 1);
    const char *desc = opt_string(L, 1, "description");
    scratch.description = (char *)(desc ? desc : "");
    lua_getfield(L, 1, "options");
    bool has_options = lua_istable(L, -1);
    if (!has_options && !lua_isnil(L, -1)) return luaL_error(L, "hunt %s: options must be a table", name);
    if (lua_getfield(L, 1, "option_help") != LUA_TNIL) {   /* help for an option the hunt does not have: a slip */
        if (!lua_istable(L, -1)) return luaL_error(L, "hunt %s: option_help must be a table", name);
        lua_pushnil(L);
        while (lua_next(L, -2)) {
            lua_pop(L, 1);
            bool known = false;
            if (lua_type(L, -1) == LUA_TSTRING && has_options) {
                lua_pushvalue(L, -1);
                known = lua_rawget(L, -4) != LUA_TNIL;
                lua_pop(L, 1);
            }
            if (!known)
                return luaL_error(L, "hunt %s: option_help.%s names no option (options = {...} has none of that name)",
                                  name, lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : luaL_typename(L, -1));
        }
    }
    lua_pop(L, 2);
    /* flow_end_want = {rst_seen = true, proto = "tcp", ...}: flow_end only for flows like these */
    if (lua_getfield(L, 1, "flow_end_want") != LUA_TNIL) {
        if (!lua_istable(L, -1)) return luaL_error(L, "hunt %s: flow_end_want must be a table", name);
        if (!(events & EV_FLOW_END)) return luaL_error(L, "hunt %s: flow_end_want chooses flows for a flow_end function, and there is none", name);
        static const struct { const char *k; uint8_t bit; } bits[] = {
            {"syn_seen", FS_SYN}, {"synack_seen", FS_SYNACK}, {"ack_seen", FS_ACK}, {"data_seen", FS_DATA},
            {"fin_seen", FS_FIN}, {"rst_seen", FS_RST}, {NULL, 0}
        };
        for (lua_pushnil(L); lua_next(L, -2); lua_pop(L, 1)) {
            const char *k = lua_type(L, -2) == LUA_TSTRING ? lua_tostring(L, -2) : "?";
            int j = 0;
            while (bits[j].k && strcmp(bits[j].k, k) != 0) j++;
            if (bits[j].k) {   /* true: the flow has the trait; false: it has not */
                if (!lua_isboolean(L, -1))
                    return luaL_error(L, "hunt %s: flow_end_want.%s must be true or false", name, k);
                if (lua_toboolean(L, -1)) scratch.flow_end_want.all |= bits[j].bit;
                else scratch.flow_end_want.none |= bits[j].bit;
            } else if (strcmp(k, "unanswered") == 0) {
                if (lua_toboolean(L, -1) != 1 || !lua_isboolean(L, -1))
                    return luaL_error(L, "hunt %s: flow_end_want.%s can only be true", name, k);
                scratch.flow_end_want.unanswered = true;
            } else if (strcmp(k, "proto") == 0) {
                const char *pn = lua_tostring(L, -1);
                int pr = pn && strcmp(pn, "tcp") == 0 ? 6 : pn && strcmp(pn, "udp") == 0 ? 17 : -1;
                if (pr < 0) return luaL_error(L, "hunt %s: flow_end_want.proto must be \"tcp\" or \"udp\"", name);
                scratch.flow_end_want.proto = (uint8_t)pr;
            } else {
                return luaL_error(L, "hunt %s: flow_end_want has no condition '%s' (proto, syn_seen, synack_seen, "
                                     "ack_seen, data_seen, fin_seen, rst_seen, unanswered)", name, k);
            }
        }
    }
    lua_pop(L, 1);
    parse_conditions(L, 1, &scratch);   /* its BPF programs are compiled last, and freed if one fails */
    if (!(events & EV_MATCH) && scratch.nmatches) {
        free_matches(&scratch);
        return luaL_error(L, "hunt %s: want/filter choose packets for a packet function, and there is none", name);
    }
    int i = 0;
    while (i < r->n && strcmp(r->hunts[i].name, name) != 0) i++;
    if (i < r->n && file_id && r->hunts[i].file_id != file_id) {   /* --sandbox: one hunt file blinding another's hunt */
        free_matches(&scratch);
        return luaL_error(L, "hunt %s: %s defined it: in the sandbox a hunt file cannot replace another's hunt", name,
                          r->hunts[i].file_id ? "another hunt file" : "your own code");
    }
    if (i == r->n && r->n == HUNT_MAX) { free_matches(&scratch); return luaL_error(L, "hunt %s: too many hunts (%d)", name, HUNT_MAX); }
    scratch.name = strdup(name);   /* nothing raises from here on but this */
    scratch.description = strdup(scratch.description);
    if (!scratch.name || !scratch.description) {
        free(scratch.name);
        free(scratch.description);
        free_matches(&scratch);
        return luaL_error(L, "hunt: out of memory");
    }
    if (i == r->n) {
        r->n++;
    } else {   /* a later definition replaces */
        luaL_unref(L, LUA_REGISTRYINDEX, r->hunts[i].ref);
        free_matches(&r->hunts[i]);
        free(r->hunts[i].name);
        free(r->hunts[i].description);
        free(r->hunts[i].error);
        free(r->hunts[i].note);
    }
    struct hunt *h = &r->hunts[i];
    *h = scratch;
    h->all = (events & EV_MATCH) && h->nmatches == 0;
    h->events = events;
    h->run = r;
    h->run_ref = LUA_NOREF;
    h->severity = (enum severity)severity;
    h->selected = true;
    h->code_hash = r->loading_hash;
    h->file_id = file_id;
    r->defined++;
    if (!has_options) { lua_pushliteral(L, "options"); lua_newtable(L); lua_rawset(L, 1); }
    lua_pushliteral(L, "_index");
    lua_pushinteger(L, i);
    lua_rawset(L, 1);
    luaL_setmetatable(L, HUNT_MT);
    lua_pushvalue(L, 1);
    h->ref = luaL_ref(L, LUA_REGISTRYINDEX);
    lua_settop(L, 1);
    return 1;
}

static int l_hunt(lua_State *L)
{
    return define_hunt(L, 0);
}

/* hunt in a sandboxed hunt file's environment: upvalue 1 the file's number. */
static int l_file_hunt(lua_State *L)
{
    return define_hunt(L, (uint32_t)lua_tointeger(L, lua_upvalueindex(1)));
}

void hunt_push_file_definer(lua_State *L, uint32_t file_id)
{
    lua_pushinteger(L, file_id);
    lua_pushcclosure(L, l_file_hunt, 1);
}

/* t[k] as a string, or NULL when absent; raises unless it is a string or a number (a table
 * would become "table: 0x…", a group of its own each time). The string stays on the stack. */
static const char *field_string(lua_State *L, int t, const char *k)
{
    int type = lua_getfield(L, t, k);
    if (type == LUA_TNIL) { lua_pop(L, 1); return NULL; }
    if (type != LUA_TSTRING && type != LUA_TNUMBER)
        luaL_error(L, "report: %s must be a string or a number, not %s", k, luaL_typename(L, -1));
    return lua_tostring(L, -1);   /* a number becomes its text in place */
}

static void free_capture_names(struct hunt_run *r)
{
    for (int i = 0; i < r->ncaptures; i++) free(r->capture_names[i]);
    free(r->capture_names);
    r->capture_names = NULL;
    r->ncaptures = 0;
}

/* The name of capture `source` of this run (1..), or NULL. */
static const char *run_capture_name(const struct hunt_run *r, int source)
{
    return source >= 1 && source <= r->ncaptures ? r->capture_names[source - 1] : NULL;
}

/* True when pk is the packet the engine is handing to hunts right now. */
static bool is_current(const struct hunt_run *r, const struct lpacket *pk)
{
    const struct engine_packet *ep = r->current;
    return ep && pk->number == ep->frame->number && pk->capture == ep->source;
}

struct lflow;
static const struct flow *view_flow(lua_State *L, const struct lflow *v);

static const char *const report_keys[] = {
    "msg", "why", "check", "packet", "flow", "frames", "host", "key", "severity", NULL
};

/* Raises for a key of h:report's table (at t) that is not one of report_keys. */
static void report_check_keys(lua_State *L, int t)
{
    for (lua_pushnil(L); lua_next(L, t); lua_pop(L, 1)) {
        if (lua_type(L, -2) != LUA_TSTRING) luaL_error(L, "report: a key that is not a name (msg, why, check, packet, flow, frames, host, key, severity)");
        const char *k = lua_tostring(L, -2);
        int i = 0;
        while (report_keys[i] && strcmp(report_keys[i], k) != 0) i++;
        if (report_keys[i]) continue;
        char esc[64];
        escape_text(esc, sizeof esc, (const uint8_t *)k, lua_rawlen(L, -2));
        const char *near = name_suggest(k, report_keys);
        if (near) luaL_error(L, "report: no key '%s' (did you mean %s?)", esc, near);
        luaL_error(L, "report: no key '%s' (msg, why, check, packet, flow, frames, host, key, severity)", esc);
    }
}

/* The packet at idx, or a raise naming what it is instead: `what` is "packet" or "frames[2]". */
static struct lpacket *report_packet(lua_State *L, int idx, const char *what)
{
    struct lpacket *p = packet_test(L, idx);
    if (p && (!p->hunt_packet || p->capture < 1 || p->capture > hunt_state(L)->ncaptures))   /* its frame number would name another file's frame */
        luaL_error(L, "report: %s is not a packet of this run (a hunt cites the packets the run hands it)", what);
    if (p) return p;
    if (luaL_testudata(L, idx, FLOW_MT)) luaL_error(L, "report: %s is a flow view: use flow = f", what);
    luaL_error(L, "report: %s must be a packet, not %s", what, luaL_typename(L, idx));
    return NULL;
}

/* A record header's time stamp as a finding keeps it. */
static struct stamp stamp_of(const struct pcap_pkthdr *h, bool nano)
{
    return (struct stamp){(int64_t)h->ts.tv_sec, (uint32_t)h->ts.tv_usec, nano};
}

/* The index of the hunt whose own h (this run's) is argument 1, or raises `misuse`: a table claiming
 * another hunt's _index is not that hunt's h (h:report, h:note). */
static int own_hunt(lua_State *L, const char *misuse)
{
    struct hunt_run *r = hunt_state(L);
    if (lua_type(L, 1) != LUA_TTABLE) luaL_error(L, "%s", misuse);
    lua_getfield(L, 1, "_index");
    bool indexed = lua_isinteger(L, -1);
    lua_pop(L, 1);
    if (!indexed) luaL_error(L, "%s", misuse);
    int hi = hunt_index_of(L, 1);
    lua_rawgeti(L, LUA_REGISTRYINDEX, r->hunts[hi].run_ref);
    bool own = r->hunts[hi].run_ref != LUA_NOREF && lua_rawequal(L, 1, -1);
    lua_pop(L, 1);
    if (!own) luaL_error(L, "%s", misuse);
    return hi;
}

/* h:note(text): what the run's report should say under it about this hunt's own work (a bound it
 * reached, what it could not keep), as the flow table's notes say theirs; the latest text is said, once,
 * after the hunt's name.  h:note(nil) takes it back. */
static int l_note(lua_State *L)
{
    struct hunt_run *r = hunt_state(L);
    int hi = own_hunt(L, "note: call it as h:note(text) with the h your hunt's function was given");
    if (lua_isnoneornil(L, 2)) {
        free(r->hunts[hi].note);
        r->hunts[hi].note = NULL;
        return 0;
    }
    size_t n;
    const char *text = luaL_checklstring(L, 2, &n);
    char esc[512];   /* kept as the report says it: escaped (controls, NULs), at most a line's worth */
    escape_text(esc, sizeof esc, (const uint8_t *)text, n);
    char *copy = strdup(esc);
    if (!copy) return luaL_error(L, "note: out of memory");
    free(r->hunts[hi].note);
    r->hunts[hi].note = copy;
    return 0;
}

/* h:report{ msg=, why=, check=, packet= or flow=, frames=, host=, key=, severity= } */
static int l_report(lua_State *L)
{
    struct hunt_run *r = hunt_state(L);
    struct session *s = session_get(L);
    if (s && s->in_call && s->limit_hit) return session_raise_limit(L, s, 1);   /* past its limit (a pcall caught the raise): nothing added */
    static const char misuse[] = "report: call it as h:report{...} with the h your hunt's function was given";
    if (lua_type(L, 2) != LUA_TTABLE) return luaL_error(L, "%s", misuse);   /* h.report{...}: the finding's table came as h */
    int hi = own_hunt(L, misuse);
    luaL_checktype(L, 2, LUA_TTABLE);
    report_check_keys(L, 2);
    struct finding f;
    memset(&f, 0, sizeof f);
    f.hunt = hi;
    f.sport = f.dport = -1;
    f.severity = r->hunts[hi].severity;
    f.msg = field_string(L, 2, "msg");
    if (!f.msg) return luaL_error(L, "report: 'msg' is required");
    f.why = field_string(L, 2, "why");
    f.check = field_string(L, 2, "check");
    f.key = field_string(L, 2, "key");
    if (!f.key) f.key = f.msg;
    const char *host = field_string(L, 2, "host");
    lua_getfield(L, 2, "frames");   /* packets the finding cites besides (or instead of) `packet` */
    int frames = lua_gettop(L);
    if (!lua_isnil(L, frames) && !lua_istable(L, frames))
        return luaL_error(L, "report: frames must be a list of packets, not %s", luaL_typename(L, frames));
    const char *sev = field_string(L, 2, "severity");
    if (sev) {
        int s = severity_parse(sev);
        if (s < 0) return luaL_error(L, "report: severity must be info, low, medium or high");
        f.severity = (enum severity)s;
    }
    char src[ADDR_STR_MAX], dst[ADDR_STR_MAX], cid[COMMUNITY_ID_MAX], summary[512];
    lua_getfield(L, 2, "packet");
    struct lpacket *p = lua_isnil(L, -1) ? NULL : report_packet(L, -1, "packet");
    lua_Integer nframes = lua_istable(L, frames) ? (lua_Integer)lua_rawlen(L, frames) : 0, from = 1;
    for (lua_Integer i = 1; i <= nframes; i++) {   /* every entry a packet, before anything is added */
        lua_rawgeti(L, frames, i);
        if (!packet_test(L, -1)) {
            char what[32];
            snprintf(what, sizeof what, "frames[%d]", (int)i);
            report_packet(L, -1, what);
        }
        lua_pop(L, 1);
    }
    lua_getfield(L, 2, "flow");
    int flow = lua_gettop(L);
    bool has_flow = !lua_isnil(L, flow);
    if (has_flow && !luaL_testudata(L, flow, FLOW_MT)) {
        if (packet_test(L, flow)) return luaL_error(L, "report: flow is a packet: use packet = p");
        return luaL_error(L, "report: flow must be a flow view (flow_end's f, h:flow(p)), not %s", luaL_typename(L, flow));
    }
    if (!p && !has_flow && nframes > 0) {   /* the first cited packet is the example (with flow=, the flow's) */
        lua_rawgeti(L, frames, 1);
        p = packet_check(L, -1);
        from = 2;
    }
    struct decoded first;       /* report{flow = f}: the flow's first packet, as the table kept it */
    struct pcap_pkthdr first_hdr;
    if (!p && has_flow) {
        const struct flow *fl = view_flow(L, luaL_checkudata(L, flow, FLOW_MT));
        if (!fl) return luaL_error(L, "report: this flow has left the flow table (it ended or the run is over)");
        int ci = (int)fl->source;
        bool nano = flow_first_packet(fl, &first, &first_hdr);
        f.frame = fl->first_number;
        f.capture = ci;
        if (r->ncaptures > 1) f.file = run_capture_name(r, ci);
        f.time = stamp_of(&first_hdr, nano);
        addr_src(&first, src); addr_dst(&first, dst);
        f.src = src; f.dst = dst;
        community_id(&first, 0, cid);
        f.community_id = cid;
        f.proto = decoded_proto_name(&first);
        if (first.layers & L_TCP) { f.sport = first.tcp.sport; f.dport = first.tcp.dport; }
        else if (first.layers & L_UDP) { f.sport = first.udp.sport; f.dport = first.udp.dport; }
        flow_first_summary(summary, sizeof summary, fl);
        f.summary = summary;
    }
    if (!p && !f.frame && host) f.src = host;
    if (p) {
        const struct decoded *d = &p->d;
        f.frame = p->number;
        f.capture = p->capture;
        if (r->ncaptures > 1) f.file = run_capture_name(r, p->capture);   /* one capture: no need */
        f.time = stamp_of(&p->hdr, p->nano);
        if (d->ip_version) {
            addr_src(d, src); addr_dst(d, dst);
            f.src = src; f.dst = dst;
            community_id(d, 0, cid);
            f.community_id = cid;
        }
        f.proto = decoded_proto_name(d);
        if (d->layers & L_TCP) { f.sport = d->tcp.sport; f.dport = d->tcp.dport; }
        else if (d->layers & L_UDP) { f.sport = d->udp.sport; f.dport = d->udp.dport; }
        if (d->has_reset_cause) {
            const struct reset_cause *rc = &d->reset_cause;
            f.reset_code = rc->kind == RC_NO_CAUSE || rc->kind == RC_CUT ? NULL : rc->code;
            f.reset_vendor = rc->row ? rc->row->vendor : NULL;
            f.reset_category = rc->row ? rc->row->category : reset_kind_name(rc->kind);
            f.reset_meaning = rc->row ? rc->row->meaning : NULL;
            f.reset_peer = rc->peer;
        }
        summary_format(summary, sizeof summary, p->number, &p->hdr, p->nano, d, p->bytes);
        f.summary = summary;
        if (is_current(r, p) && r->current->flow_forgotten) r->forgotten++;
    }
    if ((int)f.severity < r->min_severity) return 0;   /* --min-severity: below it, left out of the report and the status */
    struct finding_group *g = findings_add(&r->findings, &f);
    if (!g) return luaL_error(L, "report: out of memory");
    struct finding_group *one = r->sink ? &r->one : NULL;   /* --all-findings: this finding alone, its own frames */
    if (one && findings_group_one(one, &f) != 0) return luaL_error(L, "report: out of memory");
    for (lua_Integer i = from; i <= nframes; i++) {
        lua_rawgeti(L, frames, i);
        struct lpacket *q = packet_check(L, -1);
        struct stamp t = stamp_of(&q->hdr, q->nano);
        const char *file = r->ncaptures > 1 ? run_capture_name(r, q->capture) : NULL;
        if (findings_cite(&r->findings, g, q->capture, q->number, t, file) != 0 ||
            (one && findings_group_cite(one, q->capture, q->number, t, file) != 0))
            return luaL_error(L, "report: out of memory");
        lua_pop(L, 1);
    }
    if (one) r->sink(r, one, r->sink_ctx);
    return 0;
}

/* ---- flow views: (record index, serial, endpoint), read live from the table ---- */

struct lflow {
    uint64_t magic;          /* UDATA_FLOW (lua/udata.h) */
    uint32_t index;
    uint64_t serial;         /* serials go on across runs: a record reused later never matches */
    uint64_t run;            /* the run it belongs to: a view is read only while that run lasts */
    int dir;                 /* the endpoint the view is seen from */
    bool copied;             /* f:copy(): the record is in `copy`, readable for good */
    struct flow copy[];      /* present (one) only when copied */
};

/* A view that holds its own copy of f, readable for good (f:copy(), and every view of a merge). */
static void push_flow_copy(lua_State *L, const struct flow *f, uint64_t run, int dir)
{
    struct lflow *c = lua_newuserdatauv(L, sizeof *c + sizeof(struct flow), 0);
    c->magic = UDATA_FLOW;
    c->index = 0;
    c->serial = f->serial;
    c->run = run;
    c->dir = dir;
    c->copied = true;
    memcpy(c->copy, f, sizeof *f);
    luaL_setmetatable(L, FLOW_MT);
}

static void push_flow_view(lua_State *L, const struct flow_table *t, const struct flow *f, int dir)
{
    struct hunt_run *r = hunt_state(L);
    if (r && r->merge) {   /* a merge holds the flow as the part recorded it: the view is a copy of it */
        push_flow_copy(L, f, r->run_id, dir);
        return;
    }
    struct lflow *v = lua_newuserdatauv(L, sizeof *v, 0);
    v->magic = UDATA_FLOW;
    v->index = (uint32_t)(f - t->flows);
    v->serial = f->serial;
    v->run = r->run_id;
    v->dir = dir;
    v->copied = false;
    lua_rawgeti(L, LUA_REGISTRYINDEX, r->flow_mt_ref);   /* FLOW_MT, without a lookup by name */
    lua_setmetatable(L, -2);
}

/* f:copy() → a view of the flow as it is now that stays readable after the flow has left the
 * table (for keeping a flow from flow_end or connection_failed until finish, to report it). */
static int flow_copy(lua_State *L)
{
    struct lflow *v = luaL_checkudata(L, 1, FLOW_MT);
    const struct flow *f = view_flow(L, v);
    if (!f) return luaL_error(L, "flow: this flow has left the flow table (it ended or the run is over)");
    push_flow_copy(L, f, v->run, v->dir);
    return 1;
}

/* The flow a view shows, or NULL once it has left the table or its run is over. */
static const struct flow *view_flow(lua_State *L, const struct lflow *v)
{
    if (v->copied) return v->copy;
    struct hunt_run *r = hunt_state(L);
    if (!r || !r->running || v->run != r->run_id) return NULL;
    return flow_at(&r->flows, v->index, v->serial);
}

static const char *const flow_field_names[] = {
    "src", "dst", "sport", "dport", "proto", "packets", "packets_sent", "packets_received",
    "ttl_first", "ttl_last", "ttl_changes", "ipid_first", "ipid_last", "first_frame", "last_frame",
    "first_time", "last_time", "initiator", "syn_seen", "synack_seen", "established", "data_seen",
    "fin_seen", "rst_seen", "closed", "syns", "last_sent_time", "last_received_time", "callback", "tcp_beside", "verified", "ack_seen",
    "fin_seq", "fin_ttl", "df_always", "ipid_counting", "cut_fragment", NULL
};

/* The metatable's functions share one upvalue: field name -> its place in flow_field_names, "copy" -> -1. */
static void push_flow_names(lua_State *L)
{
    lua_createtable(L, 0, (int)(sizeof flow_field_names / sizeof *flow_field_names));
    for (int i = 0; flow_field_names[i]; i++) {
        lua_pushinteger(L, i);
        lua_setfield(L, -2, flow_field_names[i]);
    }
    lua_pushinteger(L, -1);
    lua_setfield(L, -2, "copy");
}

static int flow_index(lua_State *L)
{
    struct lflow *v = udata_is(L, 1, sizeof(struct lflow), UDATA_FLOW);   /* the magic says it is ours */
    if (!v) return luaL_typeerror(L, 1, FLOW_MT);
    lua_pushvalue(L, 2);
    int key = lua_rawget(L, lua_upvalueindex(1)) == LUA_TNUMBER ? (int)lua_tointeger(L, -1) : -2;
    lua_pop(L, 1);
    const char *k = key == -2 ? luaL_checkstring(L, 2) : NULL;   /* a name that is none: said below */
    if (key == -1) { lua_pushcfunction(L, flow_copy); return 1; }
    const struct flow *f = view_flow(L, v);
    if (!f) return luaL_error(L, "flow: this flow has left the flow table (it ended or the run is over)");
    int d = v->dir;
    const struct flow_dir *me = &f->dir[d], *peer = &f->dir[!d];
    char a[ADDR_STR_MAX];
    uint8_t st = f->state;
    switch (key) {
    case 0: addr_format(f->version, f->addr[d], a); lua_pushstring(L, a); break;
    case 1: addr_format(f->version, f->addr[!d], a); lua_pushstring(L, a); break;
    case 2: lua_pushinteger(L, f->port[d]); break;
    case 3: lua_pushinteger(L, f->port[!d]); break;
    case 4: lua_pushinteger(L, f->proto); break;
    case 5: lua_pushinteger(L, (lua_Integer)(me->packets + peer->packets)); break;
    case 6: lua_pushinteger(L, (lua_Integer)me->packets); break;
    case 7: lua_pushinteger(L, (lua_Integer)peer->packets); break;
    case 8: if (me->packets) lua_pushinteger(L, me->ttl_first); else lua_pushnil(L); break;
    case 9: if (me->packets) lua_pushinteger(L, me->ttl_last); else lua_pushnil(L); break;
    case 10: lua_pushinteger(L, f->ttl_changes[d]); break;
    case 11: if (me->packets && f->version == 4) lua_pushinteger(L, me->ipid_first); else lua_pushnil(L); break;
    case 12: if (me->packets && f->version == 4) lua_pushinteger(L, me->ipid_last); else lua_pushnil(L); break;
    case 13: lua_pushinteger(L, (lua_Integer)f->first_frame); break;
    case 14: lua_pushinteger(L, (lua_Integer)f->last_frame); break;
    case 15: lua_pushnumber(L, f->first_time); break;
    case 16: lua_pushnumber(L, f->last_time); break;
    case 17: lua_pushboolean(L, f->initiator == d); break;
    case 18: lua_pushboolean(L, st & FS_SYN); break;
    case 19: lua_pushboolean(L, st & FS_SYNACK); break;
    case 20: lua_pushboolean(L, (st & FS_SYN) && flow_established(f)); break;
    case 21: lua_pushboolean(L, st & FS_DATA); break;
    case 22: lua_pushboolean(L, st & FS_FIN); break;
    case 23: lua_pushboolean(L, st & FS_RST); break;
    case 24: lua_pushboolean(L, (st & FS_RST) || (f->dir[0].fin && f->dir[1].fin)); break;
    case 25: lua_pushinteger(L, f->initiator == d ? f->syns : 0); break;
    case 26: if (me->packets) lua_pushnumber(L, f->first_time + f->last_offset[d]); else lua_pushnil(L); break;
    case 27: if (peer->packets) lua_pushnumber(L, f->first_time + f->last_offset[!d]); else lua_pushnil(L); break;
    case 28: lua_pushboolean(L, f->first_flags & FLOW_FIRST_CALLBACK); break;
    case 29: lua_pushboolean(L, f->first_flags & FLOW_FIRST_TCP_BESIDE); break;
    case 30: lua_pushboolean(L, flow_verified(f)); break;
    case 31: lua_pushboolean(L, st & FS_ACK); break;
    case 32: if (me->fin_kept) lua_pushinteger(L, f->fin_seq[d]); else lua_pushnil(L); break;
    case 33: if (me->fin_kept) lua_pushinteger(L, me->fin_ttl); else lua_pushnil(L); break;
    case 34: if (me->packets && f->version == 4) lua_pushboolean(L, !me->df_clear); else lua_pushnil(L); break;
    case 35: if (me->packets >= 2 && f->version == 4) lua_pushboolean(L, !me->ipid_jump); else lua_pushnil(L); break;
    case 36: lua_pushboolean(L, me->cut_first); break;
    default: {   /* a misspelling: the closest name of a field (or of the method copy) */
        static const char *const methods[] = {"copy", NULL};
        char near[96];
        const char *hint = name_suggest_phrase(k, flow_field_names, "", near, sizeof near);
        if (!*hint) hint = name_suggest_phrase(k, methods, "", near, sizeof near);
        return luaL_error(L, "flow has no field '%s'%s", k, hint);
    }
    }
    return 1;
}

static int flow_newindex(lua_State *L)
{
    return luaL_error(L, "flow views are read-only (tried to set '%s'): keep your own table beside it", luaL_tolstring(L, 2, NULL));
}

static int flow_tostring(lua_State *L)
{
    struct lflow *v = udata_check(L, 1, FLOW_MT, sizeof(struct lflow), UDATA_FLOW);
    const struct flow *f = view_flow(L, v);
    if (!f) { lua_pushliteral(L, "flow (ended)"); return 1; }
    char a[ADDR_STR_MAX], b[ADDR_STR_MAX];
    addr_format(f->version, f->addr[v->dir], a);
    addr_format(f->version, f->addr[!v->dir], b);
    lua_pushfstring(L, "flow %s:%d > %s:%d proto %d, %d packets", a, (int)f->port[v->dir], b, (int)f->port[!v->dir],
                    (int)f->proto, (int)(f->dir[0].packets + f->dir[1].packets));
    return 1;
}

/* A merge (-j, --merge) has no flow table: besides the packet in hand's flow it knows the flow of
 * the packet an ICMP error in hand quotes, which its part recorded; any other lookup raises. */
static const struct flow *quoted_flow(lua_State *L, struct hunt_run *r, const struct lpacket *p, int *dir)
{
    struct flow_key k;
    if (!flow_key_of(&p->d, &k)) return NULL;
    for (int i = 0; r->current && i < r->nquoted; i++) {
        const struct replay_record *q = &r->quoted[i];
        if (q->qkey.version == k.version && q->qkey.proto == k.proto && q->qkey.port[0] == k.port[0] &&
            q->qkey.port[1] == k.port[1] && memcmp(q->qkey.addr, k.addr, sizeof k.addr) == 0) {
            *dir = k.dir;
            return q->has_flow ? &q->flow : NULL;
        }
    }
    luaL_error(L, "h:flow: a run split into parts (-j, --merge) looks up only the flow of the packet in hand "
                  "and of the packet an ICMP error in hand quotes");
    return NULL;
}

static void refuse_in_merge(lua_State *L, const struct hunt_run *r, const char *what)
{
    if (!r || !r->merge) return;
    if (strcmp(what, "h.flows") == 0)
        luaL_error(L, "h.flows: a run split into parts (-j, --merge) has no flow table to walk (each part kept its "
                      "own); h:flow(p) gives the packet in hand's flow");
    if (!r->tables_merged)
        luaL_error(L, "%s: a run split into parts (-j, --merge) knows the hosts, UDP answers and established connections only in finish", what);
}

/* h:flow(p) → p's flow seen from its sender; inside packet() it shows the state before p (nil
 * when p is the first packet of its flow); elsewhere the state now. */
static int l_flow(lua_State *L)
{
    struct hunt_run *r = hunt_state(L);
    struct lpacket *p = packet_check(L, 2);
    if (!r) return 0;
    int dir;
    const struct flow *f;
    if (is_current(r, p)) { f = r->current->flow; dir = r->current->dir; }
    else if (r->merge) f = quoted_flow(L, r, p, &dir);
    else f = r->flows.flows ? flow_find(&r->flows, &p->d, &dir) : NULL;
    if (!f) return 0;
    push_flow_view(L, &r->flows, f, dir);
    return 1;
}

/* h.flows: h.flows[p] is h:flow(p); #h.flows counts the flows in the table; pairs(h.flows)
 * walks them (each seen from its initiator), e.g. in finish. */
static int flows_index(lua_State *L)
{
    if (!packet_test(L, 2)) return 0;
    return l_flow(L);
}

static int flows_len(lua_State *L)
{
    struct hunt_run *r = hunt_state(L);
    refuse_in_merge(L, r, "h.flows");
    lua_pushinteger(L, r && r->running ? (lua_Integer)r->flows.used : 0);   /* after the run no view reads them */
    return 1;
}

static int flows_next(lua_State *L)
{
    struct hunt_run *r = hunt_state(L);
    size_t i = (size_t)lua_tointeger(L, lua_upvalueindex(1));
    for (; r && r->flows.flows && i < r->flows.cap; i++) {
        const struct flow *f = &r->flows.flows[i];
        if (!f->serial) continue;
        lua_pushinteger(L, (lua_Integer)i + 1);
        lua_replace(L, lua_upvalueindex(1));
        lua_pushinteger(L, (lua_Integer)i + 1);
        push_flow_view(L, &r->flows, f, f->initiator > 0 ? 1 : 0);
        return 2;
    }
    return 0;
}

/* Pushes a stateful iterator over table slots: `next` keeps its slot index in upvalue 1. */
static int push_slot_iterator(lua_State *L, lua_CFunction next)
{
    lua_pushinteger(L, 0);
    lua_pushcclosure(L, next, 1);
    return 1;
}

static int flows_pairs(lua_State *L)
{
    struct hunt_run *r = hunt_state(L);
    refuse_in_merge(L, r, "h.flows");
    return push_slot_iterator(L, flows_next);
}

/* Pushes the statistics table of one source host. */
static void push_host(lua_State *L, const struct host *h)
{
    lua_createtable(L, 0, 8);
    lua_pushinteger(L, (lua_Integer)h->packets); lua_setfield(L, -2, "packets");
    lua_createtable(L, 0, HOST_TTL_SLOTS);
    int distinct = 0;
    for (int i = 0; i < HOST_TTL_SLOTS; i++)
        if (h->ttl_count[i]) { lua_pushinteger(L, h->ttl_count[i]); lua_rawseti(L, -2, h->ttl_value[i]); distinct++; }
    lua_setfield(L, -2, "ttl");
    lua_pushinteger(L, distinct + (h->ttl_other ? 1 : 0)); lua_setfield(L, -2, "ttl_distinct");
    lua_pushinteger(L, (lua_Integer)h->ipid_zero); lua_setfield(L, -2, "ipid_zero");
    lua_pushinteger(L, (lua_Integer)h->ipid_changes); lua_setfield(L, -2, "ipid_changes");
    lua_pushinteger(L, (lua_Integer)h->ipv4_packets); lua_setfield(L, -2, "ipv4_packets");
    lua_pushinteger(L, (lua_Integer)(host_destinations(h) + 0.5)); lua_setfield(L, -2, "destinations");
}

/* pcaphunt.host(addr) → statistics of a source seen in the current hunt run (before the packet
 * being handed to hunts), or nil. */
static int l_host(lua_State *L)
{
    struct hunt_run *r = hunt_state(L);
    const char *a = luaL_checkstring(L, 1);
    uint8_t buf[16];
    int version = inet_pton(AF_INET, a, buf) == 1 ? 4 : inet_pton(AF_INET6, a, buf) == 1 ? 6 : 0;
    if (!version) return luaL_argerror(L, 1, "not an IPv4 or IPv6 address");
    refuse_in_merge(L, r, "pcaphunt.host");
    const struct host *h = r ? host_find(&r->flows, version, buf) : NULL;
    if (!h) { lua_pushnil(L); return 1; }
    push_host(L, h);
    return 1;
}

/* The hops a TTL is below the initial TTL it most likely started from (32, 64, 128 or 255, the
 * next at or above it, as p0f infers it). */
static int ttl_hops(int ttl)
{
    return (ttl <= 32 ? 32 : ttl <= 64 ? 64 : ttl <= 128 ? 128 : 255) - ttl;
}

/* pcaphunt.hosts([{min_hops = N}]) → iterator over (address, stats) of every source in the run, in the
 * order the run first saw them; with min_hops only the sources with a TTL more than N hops below its
 * initial TTL (upvalue 2).  Upvalue 3 holds their slots in that order (struct host_order), made when
 * the loop starts; upvalue 1 is the next position in it.  A slot the table no longer holds (a loop kept
 * while packets came) is passed over. */
struct host_order {
    uint64_t magic;   /* UDATA_HOSTS */
    size_t n;
    uint32_t slot[];
};

/* The sources with a TTL more than min_hops hops below its initial TTL (min_hops < 0: every one). */
static bool host_far(const struct host *h, lua_Integer min_hops)
{
    if (min_hops < 0) return true;
    for (int k = 0; k < HOST_TTL_SLOTS; k++)
        if (h->ttl_count[k] && ttl_hops(h->ttl_value[k]) > min_hops) return true;
    return false;
}

/* Pushes the hosts the iterator yields (min_hops < 0: every one), in first-seen order: every host's
 * order is sorted once while the table does not change (a hunt may ask at every packet). */
static void push_host_order(lua_State *L, struct hunt_run *r, lua_Integer min_hops)
{
    size_t n = 0;
    bool cached = r && r->host_order && r->host_order_at == r->flows.host_changes;
    if (r && !cached && min_hops < 0) {
        free(r->host_order);
        r->host_order_n = r->flows.hused;
        r->host_order = malloc((r->host_order_n ? r->host_order_n : 1) * sizeof *r->host_order);
        if (!r->host_order) luaL_error(L, "pcaphunt.hosts: out of memory");
        flow_hosts_in_order(&r->flows, r->host_order);
        r->host_order_at = r->flows.host_changes;
        cached = true;
    }
    if (cached && min_hops < 0) n = r->host_order_n;
    else if (r) for (size_t i = 0; i < r->flows.hcap; i++) n += r->flows.hosts[i].used && host_far(&r->flows.hosts[i], min_hops);
    struct host_order *o = lua_newuserdatauv(L, sizeof *o + n * sizeof o->slot[0], 0);
    o->magic = UDATA_HOSTS;
    o->n = 0;
    if (cached && min_hops < 0) {
        if (n) memcpy(o->slot, r->host_order, n * sizeof o->slot[0]);
        o->n = n;
    } else {
        for (size_t i = 0; r && i < r->flows.hcap && o->n < n; i++)   /* the hosts it yields, those alone sorted */
            if (r->flows.hosts[i].used && host_far(&r->flows.hosts[i], min_hops)) o->slot[o->n++] = (uint32_t)i;
        if (o->n) flow_hosts_sort(&r->flows, o->slot, o->n);
    }
}

static int hosts_next(lua_State *L)
{
    struct hunt_run *r = hunt_state(L);
    lua_Integer min_hops = lua_tointeger(L, lua_upvalueindex(2));   /* -1: every host */
    if (lua_type(L, lua_upvalueindex(3)) == LUA_TBOOLEAN && !lua_toboolean(L, lua_upvalueindex(3))) {
        push_host_order(L, r, min_hops);
        lua_replace(L, lua_upvalueindex(3));
    }
    struct host_order *o = udata_is(L, lua_upvalueindex(3), sizeof *o, UDATA_HOSTS);
    if (!o || lua_rawlen(L, lua_upvalueindex(3)) < sizeof *o + o->n * sizeof o->slot[0])
        return luaL_error(L, "pcaphunt.hosts: the iterator's state was replaced");
    size_t i = (size_t)lua_tointeger(L, lua_upvalueindex(1));
    for (; r && i < o->n; i++) {
        if (o->slot[i] >= r->flows.hcap) continue;
        const struct host *h = &r->flows.hosts[o->slot[i]];
        if (!h->used || !host_far(h, min_hops)) continue;
        char a[ADDR_STR_MAX];
        addr_format(h->version, h->addr, a);
        lua_pushinteger(L, (lua_Integer)i + 1);
        lua_replace(L, lua_upvalueindex(1));
        lua_pushstring(L, a);
        push_host(L, h);
        return 2;
    }
    return 0;
}

/* pcaphunt.udp_answered(src, dst) / (src, port) → UDP flows from src that got an answer and have
 * ended, to host dst or to that port (an estimate: never fewer, rarely more). */
static int l_udp_answered(lua_State *L)
{
    struct hunt_run *r = hunt_state(L);
    const char *a = luaL_checkstring(L, 1);
    uint8_t src[16], dst[16];
    int version = inet_pton(AF_INET, a, src) == 1 ? 4 : inet_pton(AF_INET6, a, src) == 1 ? 6 : 0;
    if (!version) return luaL_argerror(L, 1, "not an IPv4 or IPv6 address");
    uint16_t port = 0;
    const uint8_t *to = NULL;
    if (lua_type(L, 2) == LUA_TNUMBER) {
        lua_Integer p = luaL_checkinteger(L, 2);
        if (p < 0 || p > 65535) return luaL_argerror(L, 2, "a port is 0 to 65535");
        port = (uint16_t)p;
    } else {
        const char *b = luaL_checkstring(L, 2);
        if (inet_pton(version == 4 ? AF_INET : AF_INET6, b, dst) != 1)
            return luaL_argerror(L, 2, version == 4 ? "not an IPv4 address (as the source)" : "not an IPv6 address (as the source)");
        to = dst;
    }
    refuse_in_merge(L, r, "pcaphunt.udp_answered");
    lua_pushinteger(L, r ? (lua_Integer)flow_udp_answered(&r->flows, version, src, to, port) : 0);
    return 1;
}

/* pcaphunt.tcp_established(src, dst, port) → true when src opened a TCP connection to dst, port `port`,
 * that was established, in the run so far (a Bloom filter: never false for one that was). */
static int l_tcp_established(lua_State *L)
{
    struct hunt_run *r = hunt_state(L);
    const char *a = luaL_checkstring(L, 1), *b = luaL_checkstring(L, 2);
    uint8_t src[16], dst[16];
    int version = inet_pton(AF_INET, a, src) == 1 ? 4 : inet_pton(AF_INET6, a, src) == 1 ? 6 : 0;
    if (!version) return luaL_argerror(L, 1, "not an IPv4 or IPv6 address");
    if (inet_pton(version == 4 ? AF_INET : AF_INET6, b, dst) != 1)
        return luaL_argerror(L, 2, version == 4 ? "not an IPv4 address (as the source)" : "not an IPv6 address (as the source)");
    lua_Integer p = luaL_checkinteger(L, 3);
    if (p < 0 || p > 65535) return luaL_argerror(L, 3, "a port is 0 to 65535");
    refuse_in_merge(L, r, "pcaphunt.tcp_established");
    lua_pushboolean(L, r && flow_tcp_established(&r->flows, version, src, dst, (uint16_t)p));
    return 1;
}

static int l_hosts(lua_State *L)
{
    lua_Integer min_hops = -1;
    if (!lua_isnoneornil(L, 1)) {
        luaL_checktype(L, 1, LUA_TTABLE);
        lua_pushnil(L);
        while (lua_next(L, 1)) {   /* one condition for now; an unknown one is a slip */
            lua_pop(L, 1);
            if (lua_type(L, -1) != LUA_TSTRING || strcmp(lua_tostring(L, -1), "min_hops") != 0)
                return luaL_error(L, "pcaphunt.hosts: no condition '%s' (min_hops)", luaL_tolstring(L, -1, NULL));
        }
        lua_getfield(L, 1, "min_hops");
        int ok;
        min_hops = lua_tointegerx(L, -1, &ok);
        if (!ok || min_hops < 0 || min_hops > 255) return luaL_error(L, "pcaphunt.hosts: min_hops must be an integer from 0 to 255");
        lua_pop(L, 1);
    }
    struct hunt_run *r = hunt_state(L);
    refuse_in_merge(L, r, "pcaphunt.hosts");
    lua_pushinteger(L, 0);
    lua_pushinteger(L, min_hops);
    lua_pushboolean(L, 0);   /* the order, made when the loop first asks (an iterator made and not run costs nothing) */
    lua_pushcclosure(L, hosts_next, 3);
    return 1;
}

static int hunt_gc_state(lua_State *L)
{
    hunt_close(L);
    return 0;
}

void hunt_open(lua_State *L)
{
    struct session *s = session_get(L);
    struct hunt_run *r = lua_newuserdatauv(L, sizeof *r, 0);   /* owned by the registry: freed at close */
    memset(r, 0, sizeof *r);
    r->L = L;
    lua_newtable(L);
    lua_pushcfunction(L, hunt_gc_state);
    lua_setfield(L, -2, "__gc");
    lua_setmetatable(L, -2);
    luaL_ref(L, LUA_REGISTRYINDEX);
    findings_init(&r->findings);
    flow_table_init(&r->flows, 0);
    s->hunts = r;
    static const luaL_Reg methods[] = {{"report", l_report}, {"note", l_note}, {"flow", l_flow}, {NULL, NULL}};
    static const luaL_Reg flows_meta[] = {{"__index", flows_index}, {"__len", flows_len}, {"__pairs", flows_pairs}, {NULL, NULL}};
    static const luaL_Reg flow_meta[] = {{"__index", flow_index}, {"__newindex", flow_newindex}, {"__tostring", flow_tostring}, {NULL, NULL}};
    luaL_newmetatable(L, FLOW_MT);
    metatable_guard(L, -1, FLOW_MT);
    push_flow_names(L);
    luaL_setfuncs(L, flow_meta, 1);
    r->flow_mt_ref = luaL_ref(L, LUA_REGISTRYINDEX);
    luaL_newmetatable(L, HUNT_MT);
    metatable_guard(L, -1, HUNT_MT);
    lua_pushcfunction(L, hunt_tostring);
    lua_setfield(L, -2, "__tostring");
    luaL_newlib(L, methods);
    lua_newuserdatauv(L, 1, 0);
    luaL_newmetatable(L, FLOWS_MT);
    metatable_guard(L, -1, FLOWS_MT);
    luaL_setfuncs(L, flows_meta, 0);
    lua_setmetatable(L, -2);
    lua_setfield(L, -2, "flows");
    lua_setfield(L, -2, "__index");
    lua_pop(L, 1);
    lua_pushcfunction(L, l_hunt);
    lua_setglobal(L, "hunt");
    lua_getglobal(L, "pcaphunt");
    lua_pushcfunction(L, l_host);
    lua_setfield(L, -2, "host");
    lua_pushcfunction(L, l_udp_answered);
    lua_setfield(L, -2, "udp_answered");
    lua_pushcfunction(L, l_tcp_established);
    lua_setfield(L, -2, "tcp_established");
    lua_pushcfunction(L, l_hosts);
    lua_setfield(L, -2, "hosts");
    lua_pop(L, 1);
}

void hunt_close(lua_State *L)
{
    struct session *s = session_get(L);
    if (!s || !s->hunts) return;
    for (int i = 0; i < s->hunts->n; i++) {
        free_matches(&s->hunts->hunts[i]);
        free(s->hunts->hunts[i].name);
        free(s->hunts->hunts[i].description);
        free(s->hunts->hunts[i].error);
        free(s->hunts->hunts[i].note);
    }
    flow_table_free(&s->hunts->flows);
    stream_table_free(&s->hunts->streams);
    findings_free(&s->hunts->findings);
    free(s->hunts->host_order);
    s->hunts->host_order = NULL;
    free_capture_names(s->hunts);
    findings_group_free(&s->hunts->one);
    s->hunts = NULL;
}

void hunt_ensure_loaded(lua_State *L)
{
    struct session *s = session_get(L);
    struct hunt_run *r = hunt_state(L);
    if (r->loaded || !s->load_hunts) return;
    r->loaded = true;
    lua_pushcfunction(L, s->load_hunts);
    lua_pushlightuserdata(L, s->load_hunts_ctx);
    lua_call(L, 1, 0);
}

/* A hash of a hunt file's text (FNV-1a, 64 bits, never 0): a merge tells the code the parts ran from
 * other code.  fnv_more goes on from h over n more bytes. */
#define FNV_START 0xcbf29ce484222325ull
static uint64_t fnv_more(uint64_t h, const void *p, size_t n)
{
    for (size_t i = 0; i < n; i++) h = (h ^ ((const uint8_t *)p)[i]) * 0x100000001b3ull;
    return h;
}

static uint64_t text_hash(const char *text, size_t len)
{
    uint64_t h = fnv_more(FNV_START, text, len);
    return h ? h : 1;
}

static uint64_t file_hash(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) return 0;
    uint64_t h = FNV_START;
    char buf[8192];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0) h = fnv_more(h, buf, n);
    fclose(f);
    return h ? h : 1;
}

/* Runs the hunt file's chunk on top in an environment of its own (lua/huntenv.c).  A file of the
 * user's (name not NULL) runs inside the limits a hunt call has (the instruction budget, the memory
 * ceiling): a hostile file's top level, or a want function it calls at a definition, cannot hang the
 * run; the bundled hunts are ours, and load whatever the limits.  Raises with the file's error. */
static void run_hunt_file(lua_State *L, struct hunt_run *r, uint64_t hash, const char *name)
{
    huntenv_set(L, ++r->files);
    r->loading_hash = hash;
    if (!name) {
        lua_call(L, 0, 0);   /* on an error it stays set: nothing defined afterwards is merged (headless, the run stops) */
        r->loading_hash = 0;
        return;
    }
    struct session *s = session_get(L);
    lua_pushcfunction(L, session_msghandler);   /* -v: the traceback of the file's own frames */
    lua_insert(L, -2);
    int base = lua_gettop(L) - 1;
    struct session_limits_saved saved = session_limits_enter(L, s);
    int status = lua_pcall(L, 0, 0, base);
    int hit = session_limits_leave(L, s, saved);
    lua_remove(L, base);
    if (status != LUA_OK || hit) {   /* a ceiling hit the file caught (pcall) fails it too, as a hunt call */
        if (hit && (status == LUA_OK || (hit == LIMIT_MEMORY && !s->interrupted))) {
            char limit[96];
            if (status != LUA_OK) lua_pop(L, 1);
            lua_pushfstring(L, "%s: %s", name, session_limit_message(s, hit, limit, sizeof limit));
        }
        lua_error(L);
    }
    r->loading_hash = 0;
}

void hunt_load_embedded(lua_State *L, const struct embedded_script *e)
{
    struct hunt_run *r = hunt_state(L);
    if (embedded_load(L, e) != LUA_OK) lua_error(L);
    run_hunt_file(L, r, text_hash(e->text, e->len), NULL);   /* the text's hash, as its text would give */
}

void hunt_load_file(lua_State *L, const char *path, bool must_define)
{
    struct hunt_run *r = hunt_state(L);
    uint64_t defined = r->defined;
    if (luaL_loadfilex(L, path, "t") != LUA_OK) lua_error(L);
    run_hunt_file(L, r, file_hash(path), path);
    if (must_define && r->defined == defined) {
        char esc[512];
        escape_text(esc, sizeof esc, (const uint8_t *)path, strlen(path));
        luaL_error(L, "%s: defines no hunt (a hunt file calls hunt{name = ..., ...})", esc);
    }
}

/* After an unknown hunt name (len bytes): " (did you mean NAME?)" when a loaded hunt's name is a
 * misspelling of it, else " (see --list-hunts)". */
static const char *hunt_near(const struct hunt_run *r, const char *name, size_t len, char *out, size_t outsz)
{
    const char *names[HUNT_MAX + 1];
    char key[128];
    int n = 0;
    if (len < sizeof key) {   /* a longer one is no misspelling of ours */
        snprintf(key, sizeof key, "%.*s", (int)len, name);
        for (; n < r->n; n++) names[n] = r->hunts[n].name;
    } else key[0] = '\0';
    names[n] = NULL;
    return name_suggest_phrase(key, names, " (see --list-hunts)", out, outsz);
}

/* " (did you mean OPTION?)" when a key of the options table at idx is a misspelling of opt, else "". */
static const char *option_near(lua_State *L, int idx, const char *opt, char *out, size_t outsz)
{
    const char *names[65];
    int n = 0;
    idx = lua_absindex(L, idx);
    for (lua_pushnil(L); lua_next(L, idx); lua_pop(L, 1))
        if (n < 64 && lua_type(L, -2) == LUA_TSTRING) names[n++] = lua_tostring(L, -2);   /* the table keeps them */
    names[n] = NULL;
    return name_suggest_phrase(opt, names, "", out, outsz);
}

bool hunt_select(lua_State *L, const char *spec)
{
    struct hunt_run *r = hunt_state(L);
    bool all = strcmp(spec, "all") == 0;
    for (int i = 0; i < r->n; i++) r->hunts[i].selected = all;
    if (all) return true;
    char *buf = strdup(spec);
    if (!buf) { lua_pushliteral(L, "out of memory"); return false; }
    for (char *save = NULL, *t = strtok_r(buf, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
        int i = 0;
        if (strcmp(t, "all") == 0) { lua_pushliteral(L, "'all' runs every hunt: give it alone, not in a list of names"); free(buf); return false; }
        while (i < r->n && strcmp(r->hunts[i].name, t) != 0) i++;
        if (i == r->n) {
            char near[160];
            lua_pushfstring(L, "unknown hunt '%s'%s", t, hunt_near(r, t, strlen(t), near, sizeof near));
            free(buf);
            return false;
        }
        r->hunts[i].selected = true;
    }
    free(buf);
    return true;
}

/* Pushes the options table of hunt i's definition. */
static void push_default_options(lua_State *L, struct hunt *h)
{
    lua_rawgeti(L, LUA_REGISTRYINDEX, h->ref);
    lua_pushliteral(L, "options");
    lua_rawget(L, -2);   /* raw: no metamethod of the hunt's runs here (see call_hunt) */
    lua_remove(L, -2);
}

/* Option types come from the default's Lua type.  Pushes "NAME wants a number (default 16)" for
 * the default at idx (a long string default is shown cut, ending in "..."). */
static const char *option_want(lua_State *L, int idx, const char *name)
{
    idx = lua_absindex(L, idx);
    const char *what;
    switch (lua_type(L, idx)) {
    case LUA_TNUMBER: what = "a number"; break;
    case LUA_TBOOLEAN: what = "true or false"; break;
    case LUA_TSTRING: what = "a string"; break;
    case LUA_TTABLE: what = "a table"; break;
    default: what = luaL_typename(L, idx); break;
    }
    char def[64];
    size_t len = 0;
    const char *d = lua_type(L, idx) == LUA_TNUMBER || lua_type(L, idx) == LUA_TBOOLEAN ||
                    lua_type(L, idx) == LUA_TSTRING ? luaL_tolstring(L, idx, &len) : NULL;
    if (d) {
        char esc[48];
        escape_text(esc, sizeof esc, (const uint8_t *)d, len);
        snprintf(def, sizeof def, lua_type(L, idx) == LUA_TSTRING ? " (default \"%s\")" : " (default %s)", esc);
        lua_pop(L, 1);
    } else {
        def[0] = 0;
    }
    return lua_pushfstring(L, "%s wants %s%s%s", name, what, def,
                           lua_type(L, idx) == LUA_TTABLE ? ": a table option is set from Lua (hunt(\"NAME\", {OPTION = {...}}))" : "");
}

/* Pushes the --set text v as a value of the default's type (at idx), or returns false: a
 * number for a number, true/false for a boolean, the text for a string. */
static bool option_from_text(lua_State *L, int idx, const char *v)
{
    switch (lua_type(L, idx)) {
    case LUA_TNUMBER:   /* a number, and a finite one (1e400 reads as inf) */
        if (lua_stringtonumber(L, v) == 0) return false;
        if (lua_isinteger(L, -1) || (lua_tonumber(L, -1) - lua_tonumber(L, -1) == 0)) return true;
        lua_pop(L, 1);
        return false;
    case LUA_TBOOLEAN:
        if (strcmp(v, "true") != 0 && strcmp(v, "false") != 0) return false;
        lua_pushboolean(L, v[0] == 't');
        return true;
    case LUA_TSTRING: lua_pushstring(L, v); return true;
    default: return false;
    }
}

/* Checks "hunt.option=value" against the loaded hunts (the value is applied by every run). */
bool hunt_set_option(lua_State *L, const char *a)
{
    struct hunt_run *r = hunt_state(L);
    const char *dot = strchr(a, '.'), *eq = strchr(a, '=');
    if (!dot || !eq || eq < dot) { lua_pushfstring(L, "--set wants HUNT.OPTION=VALUE, not '%s'", a); return false; }
    int i = 0;
    while (i < r->n && (strlen(r->hunts[i].name) != (size_t)(dot - a) || strncmp(r->hunts[i].name, a, (size_t)(dot - a)) != 0)) i++;
    if (i == r->n) {
        char near[160];
        hunt_near(r, a, (size_t)(dot - a), near, sizeof near);
        lua_pushlstring(L, a, (size_t)(dot - a));
        lua_pushfstring(L, "--set %s: unknown hunt '%s'%s", a, lua_tostring(L, -1), near);
        lua_remove(L, -2);
        return false;
    }
    struct hunt *h = &r->hunts[i];
    push_default_options(L, h);
    lua_pushlstring(L, dot + 1, (size_t)(eq - dot - 1));
    if (lua_rawget(L, -2) == LUA_TNIL) {
        char near[160];
        lua_pop(L, 1);
        lua_pushlstring(L, dot + 1, (size_t)(eq - dot - 1));
        option_near(L, -2, lua_tostring(L, -1), near, sizeof near);
        lua_pushfstring(L, "--set %s: hunt %s has no option '%s'%s", a, h->name, lua_tostring(L, -1), near);
        lua_remove(L, -2);
        lua_remove(L, -2);
        return false;
    }
    if (!option_from_text(L, -1, eq + 1)) {
        lua_pushlstring(L, dot + 1, (size_t)(eq - dot - 1));
        const char *want = option_want(L, -2, lua_tostring(L, -1));
        lua_pushfstring(L, "--set %s: %s", a, want);
        lua_replace(L, -5);   /* over the options table; the rest goes */
        lua_pop(L, 3);
        return false;
    }
    lua_pop(L, 3);
    return true;
}

/* Prints the hunts, one line each; with `verbose`, each option below its hunt as
 * "--set hunt.option=default  meaning" (the meaning from the definition's option_help). */
static void print_hunt(lua_State *L, FILE *out, const struct hunt *h, bool verbose);

void hunt_print_list(lua_State *L, FILE *out, bool verbose)
{
    struct hunt_run *r = hunt_state(L);
    for (int i = 0; i < r->n; i++) print_hunt(L, out, &r->hunts[i], verbose);
}

bool hunt_print_one(lua_State *L, FILE *out, const char *name)
{
    struct hunt_run *r = hunt_state(L);
    for (int i = 0; r && i < r->n; i++)
        if (strcmp(r->hunts[i].name, name) == 0) {
            print_hunt(L, out, &r->hunts[i], true);
            return true;
        }
    return false;
}

static void print_hunt(lua_State *L, FILE *out, const struct hunt *h, bool verbose)
{
    /* "NAME             SEVERITY description", names and descriptions escaped, any length */
    size_t w = escape_width(h->name, strlen(h->name), ESC_LINE);
    escape_fwrite(out, h->name, strlen(h->name), ESC_LINE);
    fprintf(out, "%*s %-7s ", w < 16 ? (int)(16 - w) : 0, "", severity_name(h->severity));
    escape_fwrite(out, h->description, strlen(h->description), ESC_LINE);
    fputc('\n', out);
    if (!verbose) return;
    int top = lua_gettop(L);
    lua_rawgeti(L, LUA_REGISTRYINDEX, h->ref);
    int def = lua_gettop(L);
    lua_pushliteral(L, "options");
    lua_rawget(L, def);   /* raw, as call_hunt reads a definition */
    int opts = lua_gettop(L);
    lua_pushliteral(L, "option_help");
    lua_rawget(L, def);
    int help = lua_gettop(L);
    lua_newtable(L);   /* the option names, sorted */
    int names = lua_gettop(L);
    int n = 0;
    if (lua_istable(L, opts))
        for (lua_pushnil(L); lua_next(L, opts); lua_pop(L, 1))
            if (lua_type(L, -2) == LUA_TSTRING) { lua_pushvalue(L, -2); lua_rawseti(L, names, ++n); }
    lua_getglobal(L, "table");
    lua_getfield(L, -1, "sort");
    lua_pushvalue(L, names);
    lua_call(L, 1, 0);
    lua_pop(L, 1);
    for (int k = 1; k <= n; k++) {
        lua_rawgeti(L, names, k);
        const char *name = lua_tostring(L, -1);
        lua_pushvalue(L, -1);
        lua_rawget(L, opts);
        int t = lua_type(L, -1);
        const char *set;
        if (t == LUA_TNUMBER || t == LUA_TBOOLEAN || t == LUA_TSTRING) {
            const char *value = luaL_tolstring(L, -1, NULL);
            set = lua_pushfstring(L, "--set %s.%s=%s", h->name, name, value);
        } else {   /* no --set makes one: say what it is, not its address */
            set = lua_pushfstring(L, "%s.%s: a %s, set from Lua", h->name, name, lua_typename(L, t));
        }
        size_t setlen = escape_width(set, strlen(set), ESC_LINE);
        const char *meaning = NULL;
        if (lua_istable(L, help)) { lua_getfield(L, help, name); meaning = lua_tostring(L, -1); }
        fputs("    ", out);
        escape_fwrite(out, set, strlen(set), ESC_LINE);
        if (setlen < 40) fprintf(out, "%*s ", (int)(40 - setlen), "");
        else fprintf(out, "\n%45s", "");   /* a long one: its meaning under the others', not run into its value */
        if (meaning) escape_fwrite(out, meaning, strlen(meaning), ESC_LINE);
        fputc('\n', out);
        lua_settop(L, names);
    }
    lua_settop(L, top);
}

/* ---- the run ---- */

/* Applies "name.option=value" to the options table at o when it names hunt h (numbers, true and
 * false converted); raises for an option the hunt does not have. */
static void apply_set(lua_State *L, struct hunt *h, int o, const char *a)
{
    size_t n = strlen(h->name);
    const char *eq = strchr(a, '=');
    if (strncmp(a, h->name, n) != 0 || a[n] != '.' || !eq || eq < a + n) return;
    const char *opt = a + n + 1;
    lua_pushlstring(L, opt, (size_t)(eq - opt));
    lua_pushvalue(L, -1);
    if (lua_rawget(L, o) == LUA_TNIL) luaL_error(L, "--set %s: hunt %s has no option '%s'", a, h->name, lua_tostring(L, -2));
    if (!option_from_text(L, -1, eq + 1)) {
        const char *want = option_want(L, -1, lua_tostring(L, -2));
        luaL_error(L, "--set %s: %s", a, want);
    }
    lua_remove(L, -2);
    lua_rawset(L, o);
}

/* Makes hunt h's `h` for this run: a fresh table whose fields fall back to the definition,
 * with `options` a fresh copy of the defaults, the --set values, then `opts` (at index, or 0). */
/* Copies the fields of the table at src into the one at dst, tables among them copied too (down to
 * OPTION_COPY_DEPTH levels; deeper ones, and a table met twice, are the copy already made or shared),
 * so a run that changes an option table (table.insert(h.options.ports, …)) changes it for itself only.
 * seen (absolute) maps each table copied to its copy. */
#define OPTION_COPY_DEPTH 16
static void copy_fields_deep(lua_State *L, int dst, int src, int seen, int depth)
{
    luaL_checkstack(L, 6, "options nested too deep");
    for (lua_pushnil(L); lua_next(L, src); lua_pop(L, 1)) {
        lua_pushvalue(L, -2);
        if (lua_type(L, -2) != LUA_TTABLE || depth >= OPTION_COPY_DEPTH) {
            lua_pushvalue(L, -2);
        } else {
            lua_pushvalue(L, -2);
            if (lua_rawget(L, seen) == LUA_TNIL) {   /* not copied yet */
                lua_pop(L, 1);
                lua_newtable(L);
                lua_pushvalue(L, -3);
                lua_pushvalue(L, -2);
                lua_rawset(L, seen);
                copy_fields_deep(L, lua_gettop(L), lua_absindex(L, -3), seen, depth + 1);
            }
        }
        lua_rawset(L, dst);
    }
}

static void copy_fields(lua_State *L, int dst, int src)
{
    dst = lua_absindex(L, dst);
    src = lua_absindex(L, src);
    lua_newtable(L);
    copy_fields_deep(L, dst, src, lua_gettop(L), 0);
    lua_pop(L, 1);
}

static void make_run_state(lua_State *L, struct hunt *h, int opts)
{
    lua_createtable(L, 0, 2);
    lua_createtable(L, 0, 4);
    int o = lua_gettop(L);
    push_default_options(L, h);
    copy_fields(L, o, lua_gettop(L));
    lua_pop(L, 1);
    struct session *s = session_get(L);
    for (int i = 0; s && i < s->nsets; i++) apply_set(L, h, o, s->sets[i]);
    if (opts) copy_fields(L, o, opts);
    lua_setfield(L, -2, "options");
    lua_createtable(L, 0, 1);
    lua_rawgeti(L, LUA_REGISTRYINDEX, h->ref);
    lua_setfield(L, -2, "__index");
    lua_setmetatable(L, -2);
    luaL_unref(L, LUA_REGISTRYINDEX, h->run_ref);
    h->run_ref = luaL_ref(L, LUA_REGISTRYINDEX);
}

/* What a hunt call that failed says: err, or the limit it hit; past the instruction budget, err when
 * the hook's raise in it names the line the budget ran out at. */
static const char *failure_text(struct session *s, int hit, const char *err, char *limit, size_t size)
{
    if (!hit) return err ? err : "(error object is not a string)";
    const char *msg = session_limit_message(s, hit, limit, size);
    size_t n = err ? strlen(err) : 0, m = strlen(msg);
    return hit == LIMIT_STEPS && n > m && strcmp(err + n - m, msg) == 0 ? err : msg;
}

/* Hunt h stopped for the run in its function fn at frame (0: none), saying msg. */
static void hunt_stopped(struct hunt *h, const char *fn, uint64_t frame, const char *msg)
{
    free(h->error);
    h->error = strdup(msg);   /* NULL when out of memory: error_in still says it stopped */
    h->error_in = fn;
    h->error_frame = frame;
    h->disabled = true;
    h->consumer.active = false;
}

/* Calls hunt h's function `fn` with (arg at aidx or nothing, h) inside the limits (instruction
 * budget, memory ceiling); disables the hunt on error, with the frame being read (0: none). */
static void call_hunt(lua_State *L, struct hunt *h, const char *fn, int aidx, uint64_t frame)
{
    lua_rawgeti(L, LUA_REGISTRYINDEX, h->run_ref);
    /* h's field, else the definition's, read raw: a metamethod the hunt set would run here outside
       its budget and outside any pcall (a loop would hang the run, a raise end it) */
    lua_pushstring(L, fn);
    if (lua_rawget(L, -2) == LUA_TNIL) {
        lua_pop(L, 1);
        lua_rawgeti(L, LUA_REGISTRYINDEX, h->ref);
        lua_pushstring(L, fn);
        lua_rawget(L, -2);
        lua_remove(L, -2);
    }
    if (!lua_isfunction(L, -1)) { lua_pop(L, 2); return; }
    int nargs = 1;
    if (aidx) { lua_pushvalue(L, aidx); nargs++; }
    lua_pushvalue(L, -2 - (nargs - 1));
    int base = lua_gettop(L) - nargs;   /* the function */
    lua_pushcfunction(L, session_msghandler);
    lua_insert(L, base);
    struct session *s = session_get(L);
    struct hunt_run *r = h->run;
    const struct hunt *calling = r->calling;
    r->calling = h;   /* what its packets show (conversations) depends on the hunt reading them */
    struct session_limits_saved saved = session_limits_enter(L, s);
    int status = lua_pcall(L, nargs, 0, base);
    int hit = session_limits_leave(L, s, saved);
    r->calling = calling;
    lua_remove(L, base);
    if (status != LUA_OK && s->interrupted) {   /* Ctrl-C is not the hunt's fault: no hunt's line in the message */
        lua_pop(L, 1);
        lua_pushliteral(L, "interrupted");
        if (!r->engine.in_run) lua_error(L);
        /* not through the engine's loop (its read-ahead thread must stop matching first): the loop
           ends at this frame, and run_captures raises it */
        if (!r->raise_pending) {
            r->raise_ref = luaL_ref(L, LUA_REGISTRYINDEX);
            r->raise_pending = true;
        } else {
            lua_pop(L, 1);
        }
        r->engine.halted = true;
        lua_pop(L, 1);
        return;
    }
    if (status != LUA_OK || hit) {
        char limit[96];
        const char *err = status != LUA_OK ? lua_tostring(L, -1) : NULL;
        const char *msg = failure_text(s, hit, err, limit, sizeof limit);
        if (frame) session_warn(L, "hunt %s: frame %llu: %s", h->name, (unsigned long long)frame, msg);
        else session_warn(L, "hunt %s: %s", h->name, msg);
        hunt_stopped(h, fn, frame, msg);
        if (status != LUA_OK) lua_pop(L, 1);
        if (hit == LIMIT_MEMORY) {   /* what the hunt kept goes, so the others go on */
            luaL_unref(L, LUA_REGISTRYINDEX, h->run_ref);
            h->run_ref = LUA_NOREF;
            lua_pop(L, 1);
            lua_gc(L, LUA_GCCOLLECT);
            return;
        }
    }
    lua_pop(L, 1);
}

/* A run's conditions for a hunt whose want is a function of the options, inside the limits (the
 * instruction budget, the memory ceiling) as its other functions: false, the hunt disabled for the
 * run and said once as a hunt that raised, when the call or the table it returns fails. */
static bool refresh_want(lua_State *L, struct hunt *h)
{
    struct session *s = session_get(L);
    lua_pushcfunction(L, session_msghandler);
    int base = lua_gettop(L);
    lua_pushcfunction(L, refresh_want_p);
    lua_pushlightuserdata(L, h);
    lua_rawgeti(L, LUA_REGISTRYINDEX, h->ref);
    lua_pushliteral(L, "want");
    lua_rawget(L, -2);   /* raw, as call_hunt reads a hunt's functions */
    lua_remove(L, -2);
    lua_rawgeti(L, LUA_REGISTRYINDEX, h->run_ref);
    lua_pushliteral(L, "options");
    lua_rawget(L, -2);
    lua_remove(L, -2);
    struct session_limits_saved saved = session_limits_enter(L, s);
    int status = lua_pcall(L, 3, 0, base);
    int hit = session_limits_leave(L, s, saved);
    if (status != LUA_OK && s->interrupted) {   /* Ctrl-C is not the hunt's fault: no hunt's line in the message */
        lua_pop(L, 1);
        lua_pushliteral(L, "interrupted");
        lua_error(L);
    }
    if (status == LUA_OK && !hit) {
        lua_settop(L, base - 1);
        return true;
    }
    char limit[96];
    const char *err = status != LUA_OK ? lua_tostring(L, -1) : NULL;   /* "hunt NAME: ..." (refresh_want_p) */
    const char *msg = failure_text(s, hit, err, limit, sizeof limit);
    if (msg != err) msg = lua_pushfstring(L, "hunt %s: want(options): %s", h->name, msg);   /* the limit alone */
    if (!h->run->recorder) session_warn(L, "%s", msg);   /* -j: the merge says it */
    hunt_stopped(h, "want", 0, msg);
    free_matches(h);
    lua_settop(L, base - 1);
    return false;
}

static void hunt_on_packet(void *ctx, const struct engine_packet *ep, unsigned events)
{
    struct hunt *h = ctx;
    struct hunt_run *r = h->run;
    lua_State *L = r->L;
    r->entered = true;
    if (r->current != ep || !r->current_pidx) {
        r->current = ep;
        struct lpacket *pk = packet_push_decoded(L, ep->frame, ep->d);
        pk->capture = ep->source;
        pk->hunt_packet = true;
        r->current_pidx = lua_gettop(L);
        if (ep->conversation) {
            pk->conv = *ep->conversation;
            if (r->merge) packet_set_quic_dcid(L, r->current_pidx, pk, r->merge_dcid, r->merge_dcid_len);
            else packet_note_quic(L, r->current_pidx, pk, r->engine.streams);
        }
    }
    uint64_t frame = ep->frame->number;
    if (events & EV_MATCH) call_hunt(L, h, "packet", r->current_pidx, frame);
    if ((events & EV_TTL_CHANGE) && !h->disabled) call_hunt(L, h, "ttl_change", r->current_pidx, frame);
    if ((events & EV_RST_IN_FLOW) && !h->disabled) call_hunt(L, h, "rst_in_flow", r->current_pidx, frame);
    if ((events & EV_DATA_AFTER_FIN) && !h->disabled) call_hunt(L, h, "data_after_fin", r->current_pidx, frame);
}

static void hunt_on_flow_end(void *ctx, const struct flow *f, uint32_t index, unsigned events)
{
    struct hunt *h = ctx;
    struct hunt_run *r = h->run;
    lua_State *L = r->L;
    (void)index;
    r->entered = true;
    push_flow_view(L, &r->flows, f, f->initiator > 0 ? 1 : 0);
    uint64_t frame = r->finishing ? 0 : r->engine.frame.number;
    if (events & EV_FLOW_END) call_hunt(L, h, "flow_end", lua_gettop(L), frame);
    if ((events & EV_CONN_FAILED) && !h->disabled) call_hunt(L, h, "connection_failed", lua_gettop(L), frame);
    lua_pop(L, 1);
}

/* After each packet: the packet userdata made for the hunts leaves the stack. */
static void after_packet(void *ctx)
{
    struct hunt_run *r = ctx;
    if (!r->entered) return;   /* no hunt was handed anything: nothing pushed, no Lua ran */
    r->entered = false;
    r->current = NULL;
    r->current_pidx = 0;
    lua_settop(r->L, r->base);
    if (r->cursor && !lcursor_open(r->cursor)) r->engine.halted = true;   /* a hunt closed a capture */
}

/* A part of a split run: what the frame's consumers were handed is recorded; then as for any run. */
static void part_after_packet(void *ctx)
{
    struct hunt_run *r = ctx;
    replay_after_frame(r->recorder);
    after_packet(r);
}

/* A split run's part 0: each damaged capture's line, for the merge to say. */
static void record_damaged(void *ctx, const char *name, const char *reason)
{
    char msg[1024];
    snprintf(msg, sizeof msg, "%s: %s", name, reason);
    replay_write_warning(ctx, msg);
}

/* Runs over the captures of the list at listidx, as one stream in time-stamp order, through a
 * cursor of its own. */
static void run_captures(lua_State *L, struct hunt_run *r, int listidx)
{
    struct session *s = session_get(L);
    struct lcursor *c = lcursor_push_all(L, listidx);
    struct engine *e = &r->engine;
    r->base = lua_gettop(L);
    r->entered = false;
    r->cursor = c;
    if (e->streams) {   /* numbered per capture, as tshark numbers each file */
        stream_table_free(e->streams);
        stream_table_init(e->streams, 0);
    }
    e->halted = false;
    e->after = r->recorder ? part_after_packet : after_packet;
    e->after_ctx = r;
    e->frame_filter = c->frame_bpf_set ? &c->frame_bpf : NULL;
    e->progress = r->recorder && r->part_quiet ? NULL : s->progress;   /* of -j's parts, the first shows it */
    e->progress_ctx = s->progress_ctx;
    if (e->progress) s->progress(s->progress_ctx, c->stream, e->packets);
    int rc = engine_run(e, c->stream, 1);
    if (r->raise_pending) {   /* call_hunt's Ctrl-C, now that the loop is over */
        r->raise_pending = false;
        r->cursor = NULL;
        lcursor_close(c);
        lua_rawgeti(L, LUA_REGISTRYINDEX, r->raise_ref);
        luaL_unref(L, LUA_REGISTRYINDEX, r->raise_ref);
        lua_error(L);
    }
    if (r->recorder) replay_after_frame(r->recorder);
    after_packet(r);
    r->cursor = NULL;
    r->packets = e->packets;
    if (e->progress) s->progress(s->progress_ctx, NULL, e->packets);
    if (rc == -1) r->damaged = true;
    if (rc == -1 && !s->interrupted && !s->read_ended) {
        if (!r->recorder) session_warn_damaged(L, c->stream);
        else {   /* every part reads every capture: the first records it, the merge says it; a saved
                    part (--state-out, maybe on another machine) also says it itself */
            if (r->part == 0) capture_each_damaged(c->stream, record_damaged, r->recorder);
            if (!r->part_says_nothing) session_warn_damaged(L, c->stream);
            s->status = 2;
        }
    }
    lcursor_close(c);
    lua_pop(L, 1);
    if (rc == -3) luaL_error(L, "capture is closed");
}

/* A merge: the parts' records in the sequential run's order, handed to the hunts as the engine
 * would have (by_consumer: the hunt of each consumer index, as the parts numbered them). */
static void run_merge(lua_State *L, struct hunt_run *r, struct hunt *const *by_consumer, int nconsumers)
{
    struct session *s = session_get(L);
    struct decoded *d = lua_newuserdatauv(L, sizeof *d, 0);   /* freed with the stack */
    r->base = lua_gettop(L);
    r->entered = false;
    const struct replay_record *rec;
    int rc = 0;
    /* the first Ctrl-C: -j's parts end their reading and their records (r->merge_parts); a merge of
       saved states stops where it is, as a run over files stops reading */
    while (!s->interrupted && (r->merge_parts || !s->read_ended) && (rc = replay_next(r->merge, &rec)) == 1) {
        if (rec->ordinal != r->quoted_ordinal) { r->nquoted = 0; r->quoted_ordinal = rec->ordinal; }
        if (rec->ordinal == REPLAY_END_ORDINAL) r->finishing = true;
        if (rec->kind == R_WARNING) {
            session_warn(L, "%s", (const char *)rec->bytes);
            continue;
        }
        if (rec->kind == R_QUOTED) {
            if (r->nquoted < (int)(sizeof r->quoted / sizeof r->quoted[0])) {
                struct replay_record *q = &r->quoted[r->nquoted++];
                q->qkey = rec->qkey;
                q->has_flow = rec->has_flow;
                q->flow = rec->flow;
            }
            continue;
        }
        if (rec->kind == R_PACKET) {
            decode_frame(d, rec->frame.linktype, rec->frame.bytes, rec->frame.hdr.caplen, rec->frame.hdr.len, &s->resets);
            struct engine_packet ep = {.frame = &rec->frame, .d = d, .flow = rec->has_flow ? &rec->flow : NULL,
                                       .dir = rec->dir, .source = rec->source,
                                       .flow_forgotten = !rec->has_flow && flow_maybe_forgotten(&r->flows, d),
                                       .conversation = rec->has_conv ? &rec->conv : NULL};
            r->merge_dcid = rec->dcid;
            r->merge_dcid_len = rec->dcid_len;
            r->engine.frame = rec->frame;
            r->packets = rec->ordinal;
            for (int i = 0; i < rec->ncalls; i++) {
                int c = rec->calls[i].consumer;
                struct hunt *h = c < nconsumers ? by_consumer[c] : NULL;
                if (h && h->consumer.active) hunt_on_packet(h, &ep, rec->calls[i].events);
            }
            after_packet(r);
        } else if (rec->kind == R_FLOW_END) {
            r->engine.frame.number = rec->frame_number;
            for (int i = 0; i < rec->ncalls; i++) {
                int c = rec->calls[i].consumer;
                struct hunt *h = c < nconsumers ? by_consumer[c] : NULL;
                if (h && h->consumer.active) hunt_on_flow_end(h, &rec->flow, 0, rec->calls[i].events);
            }
        }
    }
    if (rc < 0 && (r->merge->hosts_cut || r->merge->answers_cut))   /* a part cut after its frames */
        session_warn(L, "%s (the report covers the %llu frame%s merged before it, without %s: what hunts find "
                     "from them at the end may be missing)", r->merge->err, (unsigned long long)r->packets,
                     r->packets == 1 ? "" : "s", r->merge->hosts_cut ? "that part's host statistics and UDP answers"
                                                                     : "some of that part's UDP answers");
    else if (rc < 0)   /* what was merged is still reported */
        session_warn(L, "%s (the report covers the %llu frame%s merged before it)", r->merge->err,
                     (unsigned long long)r->packets, r->packets == 1 ? "" : "s");
    r->nquoted = 0;
    bool damaged = false;
    uint64_t packets = 0;
    if (!replay_merge_tables(r->merge, &r->flows, &packets, &damaged, &r->engine.filter_inner) && rc >= 0 && !s->read_ended)
        session_warn(L, "%s", r->merge->err);   /* the report is not the whole run's */
    if (packets > r->packets) r->packets = packets;
    if (damaged) { r->damaged = true; s->status = 2; }
    r->tables_merged = true;
    lua_pop(L, 1);
}

/* The body of a run, called protected by hunt_run so `running` and the engine are always reset. */
static int run_protected(lua_State *L)
{
    struct hunt_run *r = hunt_state(L);
    struct session *s = session_get(L);
    int opts = lua_istable(L, 1) ? 1 : 0;
    uint64_t serial = r->flows.serial;
    flow_table_free(&r->flows);
    flow_table_init(&r->flows, s->flow_memory);
    free(r->host_order);   /* the last run's order: this run's table counts its changes from 0 again */
    r->host_order = NULL;
    r->flows.serial = serial;
    engine_init(&r->engine, &s->resets, &r->flows);
    r->engine.read_ahead = !r->part_single;   /* hunts take time per packet: reading and decoding go to a thread */
    r->engine.count_inner = true;   /* what the command line's filter hides from hunts, for a note (lua/report.c) */
    stream_table_free(&r->streams);
    stream_table_init(&r->streams, 0);
    for (int i = 0; i < r->n; i++)
        if (r->hunts[i].selected && r->hunts[i].conversations) r->engine.streams = &r->streams;
    r->engine.stop = &s->interrupted;
    r->engine.end = &s->read_ended;   /* the first Ctrl-C of a headless run (cli/interrupt.c) */
    r->engine.limit = s->packet_limit;
    r->damaged = r->tables_merged = false;
    r->nquoted = 0;
    r->quoted_ordinal = 0;
    if (r->recorder) {   /* one part of a split run */
        r->engine.part = r->part;
        r->engine.parts = r->parts;
        r->engine.on_quoted = replay_record_quoted;
        r->engine.on_removed = replay_record_removed;
        r->engine.quoted_ctx = r->recorder;
        r->flows.host_part = r->part;
        r->flows.host_parts = r->parts;
    }
    struct hunt *by_consumer[ENGINE_MAX_CONSUMERS];
    int nconsumers = 0;
    for (int i = 0; i < r->n; i++) {
        struct hunt *h = &r->hunts[i];
        h->disabled = false;
        free(h->error);
        h->error = NULL;
        h->error_in = NULL;
        h->error_frame = 0;
        free(h->note);
        h->note = NULL;
        if (!h->selected) continue;
        make_run_state(L, h, opts);
        bool wanted = !h->want_fn || refresh_want(L, h);   /* want(options): this run's conditions */
        struct engine_consumer *k = &h->consumer;
        memset(k, 0, sizeof *k);
        k->matches = h->matches;
        k->nmatches = h->nmatches;
        k->all = h->all;
        k->events = h->events & ~(unsigned)EV_MATCH;
        k->flow_end = h->flow_end_want;
        k->active = true;
        k->on_packet = hunt_on_packet;
        k->on_flow_end = hunt_on_flow_end;
        k->ctx = h;
        if (!(h->events & ~(unsigned)EV_MATCH) && !h->nmatches && !h->all) k->active = false;   /* finish only */
        if (!wanted) k->active = false;
        if (r->recorder) {
            r->slots[nconsumers] = (struct replay_slot){r->recorder, (uint8_t)nconsumers};
            k->on_packet = replay_record_packet;
            k->on_flow_end = replay_record_flow_end;
            k->ctx = &r->slots[nconsumers];
        }
        if (engine_add(&r->engine, k)) by_consumer[nconsumers++] = h;
    }
    if (r->merge) {   /* the captures are the parts': their names come with the records */
        const struct replay_header *hd = &r->merge->src[0].header;
        r->capture_names = calloc(hd->ncaptures + 1, sizeof *r->capture_names);
        if (!r->capture_names) return luaL_error(L, "hunt: out of memory");
        r->ncaptures = (int)hd->ncaptures;
        for (uint32_t i = 0; i < hd->ncaptures; i++) r->capture_names[i] = strdup(hd->captures[i]);
        r->merge->removed = &r->flows;   /* the flows that left the parts' tables, as the whole run's filter */
        run_merge(L, r, by_consumer, nconsumers);
        if (s->interrupted) return luaL_error(L, "interrupted");
        r->finishing = true;
        s->read_end_armed = 0;
        for (int i = 0; i < r->n; i++)
            if (r->hunts[i].selected && !r->hunts[i].disabled) call_hunt(L, &r->hunts[i], "finish", 0, 0);
        return 0;
    }
    lcaptures_push(L);
    int caps = lua_gettop(L);
    lua_Integer n = (lua_Integer)lua_rawlen(L, caps);
    if (n == 0) return luaL_error(L, "hunt: %s", LCAPTURE_NONE);   /* as packets() says: not a clean run over nothing */
    r->capture_names = calloc((size_t)n, sizeof *r->capture_names);
    if (!r->capture_names) return luaL_error(L, "hunt: out of memory");
    r->ncaptures = (int)n;
    for (lua_Integer i = 1; i <= n; i++) {   /* the names findings give their frames */
        lua_rawgeti(L, caps, i);
        struct lcapture *cap = lcapture_check(L, -1);
        r->capture_names[i - 1] = strdup(cap->open ? capture_name(&cap->cap) : "(closed capture)");
        lua_pop(L, 1);
    }
    if (!s->interrupted) run_captures(L, r, caps);
    lua_pop(L, 1);
    if (s->interrupted) return luaL_error(L, "interrupted");
    r->finishing = true;   /* flow_end and finish now come after the last frame: no frame number */
    s->read_end_armed = 0;   /* a Ctrl-C from now on ends the run */
    engine_finish(&r->engine);   /* flow_end for the flows still open */
    if (r->recorder) {   /* a part: the merge calls finish */
        if (s->read_ended && !r->part_says_nothing) {   /* a saved part cut by Ctrl-C: no end, so a merge says it is cut */
            replay_flush(r->recorder);
            return 0;
        }
        if (!replay_write_end(r->recorder, &r->flows, r->packets, r->damaged, s->read_ended != 0, r->engine.filter_inner))
            return luaL_error(L, "%s: %s", r->recorder->name, r->recorder->err > 0 ? strerror(r->recorder->err) : "out of memory");
        return 0;
    }
    for (int i = 0; i < r->n; i++)
        if (r->hunts[i].selected && !r->hunts[i].disabled) call_hunt(L, &r->hunts[i], "finish", 0, 0);
    return 0;
}

/* Runs the selected hunts; the options table for this run may be on top (or nothing). */
static void run_with(lua_State *L, int opts)
{
    struct hunt_run *r = hunt_state(L);
    if (r->running) luaL_error(L, "hunt: a hunt is running; hunt() cannot start another from inside it");
    session_interrupt_settled(L, session_get(L));
    findings_free(&r->findings);
    findings_init(&r->findings);
    free_capture_names(r);
    r->packets = r->forgotten = 0;
    r->running = true;
    r->finishing = false;
    r->run_id++;
    int gc_was = packet_gc_hunt_begin(L);
    lua_pushcfunction(L, run_protected);
    if (opts) lua_pushvalue(L, opts); else lua_pushnil(L);
    int status = lua_pcall(L, 1, 0, 0);
    packet_gc_hunt_end(L, gc_was);
    engine_release(&r->engine);   /* however the run ended */
    struct session *s = session_get(L);
    s->read_end_armed = 0;
    if (s->progress) s->progress(s->progress_ctx, NULL, r->packets);   /* however the run ended: the line erased, the next starts afresh */
    r->running = false;
    r->calling = NULL;
    r->current = NULL;
    r->current_pidx = 0;
    r->flows.on_end = NULL;   /* the engine's callbacks end with the run */
    for (int i = 0; i < r->n; i++) {
        luaL_unref(L, LUA_REGISTRYINDEX, r->hunts[i].run_ref);
        r->hunts[i].run_ref = LUA_NOREF;
    }
    if (status != LUA_OK) lua_error(L);
}

void hunt_run(lua_State *L)
{
    run_with(L, 0);
}

int hunt_run_cfunction(lua_State *L)
{
    run_with(L, 0);
    return 0;
}

/* __tostring of hunt() and hunt("name") results: the text kept as upvalue 1. */
static int text_tostring(lua_State *L)
{
    lua_pushvalue(L, lua_upvalueindex(1));
    return 1;
}

/* Gives the table at t a metatable whose __tostring returns the string on top (popped). */
static void set_text_tostring(lua_State *L, int t)
{
    lua_createtable(L, 0, 1);
    lua_insert(L, -2);
    lua_pushcclosure(L, text_tostring, 1);
    lua_setfield(L, -2, "__tostring");
    lua_setmetatable(L, t);
}

/* hunt() → list of {name, severity, description}; prints as one line per hunt. */
static int list_hunts(lua_State *L)
{
    struct hunt_run *r = hunt_state(L);
    hunt_ensure_loaded(L);
    lua_createtable(L, r->n, 0);
    int t = lua_gettop(L);
    for (int i = 0; i < r->n; i++) {
        const struct hunt *h = &r->hunts[i];
        lua_createtable(L, 0, 3);
        lua_pushstring(L, h->name); lua_setfield(L, -2, "name");
        lua_pushstring(L, severity_name(h->severity)); lua_setfield(L, -2, "severity");
        lua_pushstring(L, h->description); lua_setfield(L, -2, "description");
        lua_rawseti(L, t, i + 1);
    }
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    for (int i = 0; i < r->n; i++) {
        const struct hunt *h = &r->hunts[i];
        size_t n = strlen(h->name);
        lua_pushfstring(L, "%s%s%s %s%s %s", i ? "\n" : "", h->name, n < 16 ? "                " + n : "",
                        severity_name(h->severity), "       " + strlen(severity_name(h->severity)), h->description);
        luaL_addvalue(&b);
    }
    luaL_pushresult(&b);
    set_text_tostring(L, t);
    return 1;
}

static void set_str(lua_State *L, const char *k, const char *v)
{
    if (!v) return;
    lua_pushstring(L, v);
    lua_setfield(L, -2, k);
}

static void set_int(lua_State *L, const char *k, lua_Integer v)
{
    lua_pushinteger(L, v);
    lua_setfield(L, -2, k);
}

/* Pushes one finding group as a table with the JSON output's keys. */
static void push_group(lua_State *L, const struct hunt_run *r, const struct finding_group *g)
{
    const struct finding *f = &g->first;
    lua_createtable(L, 0, 16);
    set_str(L, "hunt", r->hunts[f->hunt].name);
    set_str(L, "severity", severity_name(f->severity));
    set_str(L, "key", f->key);
    set_str(L, "msg", f->msg);
    set_str(L, "why", f->why);
    set_str(L, "check", f->check);
    set_int(L, "count", (lua_Integer)g->count);
    if (r->findings.incidents && r->findings.incidents[g->incident].number)
        set_int(L, "incident", (lua_Integer)r->findings.incidents[g->incident].number);
    lua_createtable(L, g->nlisted, 0);
    for (int k = 0; k < g->nlisted; k++) { lua_pushinteger(L, (lua_Integer)g->listed[k]); lua_rawseti(L, -2, k + 1); }
    lua_setfield(L, -2, "frames");
    if (r->ncaptures > 1 && g->nlisted) {   /* each listed frame's capture, when the run read several */
        lua_createtable(L, g->nlisted, 0);
        for (int k = 0; k < g->nlisted; k++) {
            const char *name = run_capture_name(r, g->listed_capture[k]);
            if (name) lua_pushstring(L, name); else lua_pushboolean(L, 0);
            lua_rawseti(L, -2, k + 1);
        }
        lua_setfield(L, -2, "files");
    }
    set_int(L, "frame_count", (lua_Integer)g->frames);
    if (g->first_frame) {
        set_int(L, "first_frame", (lua_Integer)g->first_frame);
        set_int(L, "last_frame", (lua_Integer)g->last_frame);
        lua_pushnumber(L, stamp_seconds(&g->first_time)); lua_setfield(L, -2, "first_time");
        lua_pushnumber(L, stamp_seconds(&g->last_time)); lua_setfield(L, -2, "last_time");
        char iso[REPORT_TIME_MAX];
        report_time(&g->first_time, true, iso); set_str(L, "first_time_iso", iso);
        report_time(&g->last_time, true, iso); set_str(L, "last_time_iso", iso);
        set_str(L, "file", g->first_file);
        if (g->first_file && g->last_file && strcmp(g->first_file, g->last_file) != 0) set_str(L, "last_file", g->last_file);
    }
    set_str(L, "src", f->src);
    set_str(L, "dst", f->dst);
    if (f->sport >= 0) set_int(L, "sport", f->sport);
    if (f->dport >= 0) set_int(L, "dport", f->dport);
    set_str(L, "community_id", f->community_id);
    set_str(L, "reset_code", f->reset_code);
    set_str(L, "example", f->summary);
}

/* The run of hunt("name"), with the options table (or nil) as argument 1. */
static int run_named_body(lua_State *L)
{
    run_with(L, lua_istable(L, 1) ? 1 : 0);
    return 0;
}

/* hunt("name" [, options]): runs one loaded hunt over every capture from its start, with fresh
 * state (flows, findings, `h`, options); returns the finding groups, a list that prints as the
 * human report. */
static int run_named(lua_State *L)
{
    struct hunt_run *r = hunt_state(L);
    const char *name = luaL_checkstring(L, 1);
    if (!lua_isnoneornil(L, 2)) luaL_checktype(L, 2, LUA_TTABLE);
    if (r->running) return luaL_error(L, "hunt: a hunt is running; hunt() cannot start another from inside it");
    hunt_ensure_loaded(L);
    int i = 0;
    while (i < r->n && strcmp(r->hunts[i].name, name) != 0) i++;
    if (i == r->n) return luaL_error(L, "hunt: no hunt named '%s' (hunt() lists them)", name);
    if (!lua_isnoneornil(L, 2)) {   /* the rule --set follows: only options the hunt has */
        push_default_options(L, &r->hunts[i]);
        for (lua_pushnil(L); lua_next(L, 2); lua_pop(L, 1)) {
            lua_pushvalue(L, -2);
            if (lua_rawget(L, -4) == LUA_TNIL) {
                char near[160] = "";
                if (lua_type(L, -3) == LUA_TSTRING) option_near(L, -4, lua_tostring(L, -3), near, sizeof near);
                const char *key = luaL_tolstring(L, -3, NULL);
                return luaL_error(L, "hunt %s has no option '%s'%s", name, key, near);
            }
            int want_type = lua_type(L, -1);
            if ((want_type == LUA_TNUMBER || want_type == LUA_TBOOLEAN || want_type == LUA_TSTRING ||
                 want_type == LUA_TTABLE) && lua_type(L, -2) != want_type) {
                int top = lua_gettop(L);   /* ..., key, value, default */
                const char *given;
                if (lua_type(L, top - 1) == LUA_TNUMBER || lua_type(L, top - 1) == LUA_TBOOLEAN) {
                    given = luaL_tolstring(L, top - 1, NULL);
                } else if (lua_type(L, top - 1) == LUA_TSTRING) {
                    char esc[48];   /* a value shown cut, ending in "..." */
                    size_t len;
                    const char *v = lua_tolstring(L, top - 1, &len);
                    escape_text(esc, sizeof esc, (const uint8_t *)v, len);
                    given = lua_pushfstring(L, "\"%s\"", esc);
                } else {
                    given = luaL_typename(L, top - 1);
                }
                const char *opt = luaL_tolstring(L, top - 2, NULL);
                const char *want = option_want(L, top, opt);
                return luaL_error(L, "hunt %s: %s, not %s", name, want, given);
            }
            lua_pop(L, 1);
        }
        lua_pop(L, 1);
    }
    bool selected[HUNT_MAX];
    for (int k = 0; k < r->n; k++) { selected[k] = r->hunts[k].selected; r->hunts[k].selected = k == i; }
    lua_settop(L, 2);
    lua_pushcfunction(L, run_named_body);   /* protected, so the selection is restored whatever happens */
    lua_pushvalue(L, 2);
    int status = lua_pcall(L, 1, 0, 0);
    for (int k = 0; k < r->n; k++) r->hunts[k].selected = selected[k];
    if (status != LUA_OK) {
        /* the run's own errors (a closed capture, captures that cannot be read as one stream) are the
         * caller's, at its line as luaL_error puts them; a hunt's own errors were warnings already,
         * and an interrupt stays as it is */
        if (lua_type(L, -1) == LUA_TSTRING && !session_get(L)->interrupted) {
            luaL_where(L, 1);
            lua_insert(L, -2);
            lua_concat(L, 2);
        }
        return lua_error(L);
    }
    if (report_correlate(r) != 0) return luaL_error(L, "hunt: out of memory");
    const struct hunt *h = &r->hunts[i];
    lua_createtable(L, (int)r->findings.n, 2);
    int t = lua_gettop(L);
    for (size_t k = 0; k < r->findings.n; k++) {
        push_group(L, r, &r->findings.groups[k]);
        lua_rawseti(L, t, (lua_Integer)k + 1);
    }
    if (h->error_in) {   /* stopped by an error: said in the result, never as a clean run */
        set_str(L, "error", h->error ? h->error : "(out of memory)");
        if (h->error_frame) set_int(L, "error_frame", (lua_Integer)h->error_frame);
    }
    if (h->note) set_str(L, "note", h->note);   /* what h:note said (a bound it reached) */
    char *text = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&text, &len);
    if (!mem) return luaL_error(L, "hunt: out of memory");
    size_t shown = report_groups(mem, r, REPORT_HUMAN);
    if (shown == 0 || h->error_in) {
        fputs("hunt ", mem);
        escape_fwrite(mem, name, strlen(name), ESC_LINE);
        if (!h->error_in) fprintf(mem, ": nothing found in %llu packet%s\n", (unsigned long long)r->packets, r->packets == 1 ? "" : "s");
        else if (strcmp(h->error_in, "want") == 0) fputs(": stopped by an error in its want function before the first frame\n", mem);
        else if (h->error_frame) fprintf(mem, ": stopped by an error in its %s function at frame %llu (%s)\n", h->error_in,
                                         (unsigned long long)h->error_frame, shown ? "the findings above are from before it" : "no findings before it");
        else fprintf(mem, ": stopped by an error in its %s function after the last frame (%s)\n", h->error_in,
                     shown ? "the findings above are from before it" : "no findings before it");
    }
    fclose(mem);
    lua_pushlstring(L, text, len && text[len - 1] == '\n' ? len - 1 : len);
    free(text);
    set_text_tostring(L, t);
    return 1;
}
