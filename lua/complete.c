/* Completion: parse the word into a chain (p.tcp.sr), resolve all but its last
 * part from the globals, list the keys the value has, keep those starting with
 * the last part.  A chain whose root is a local of the statement being typed (the
 * p of `for p in packets() do`, of `function(p)`) is taken to be a packet.  A packet
 * offers every layer, present or not (an absent one reads nil), as a loop's p does.
 * In a string, field names as Wireshark writes them: p["tcp.flags.s, packets{"ip.t,
 * help("dns.q (and help's other topics). */
#include "complete.h"
#include "capture.h"
#include "fields.h"
#include "help.h"
#include "hunt.h"
#include "packet.h"

#include <ctype.h>
#include <lauxlib.h>
#include <stdlib.h>
#include <stdbool.h>
#include <string.h>

#define CHAIN_MAX 8

static const char *const keywords[] = {
    "and", "break", "do", "else", "elseif", "end", "false", "for", "function", "goto", "if", "in",
    "local", "nil", "not", "or", "repeat", "return", "then", "true", "until", "while", NULL
};

struct chain {
    char part[CHAIN_MAX][64];
    int n;                  /* parts before the one being typed */
    char sep;               /* '.' or ':' before the typed part, or 0 for a bare name */
    const char *partial;    /* the typed part */
    size_t partial_len;
    size_t prefix_len;      /* length of the word up to and including sep */
};

static bool is_ident_char(char c) { return isalnum((unsigned char)c) || c == '_'; }

static bool parse_chain(const char *w, size_t len, struct chain *c)
{
    memset(c, 0, sizeof *c);
    size_t i = 0;
    for (;;) {
        size_t s = i;
        while (i < len && is_ident_char(w[i])) i++;
        if (i > s && isdigit((unsigned char)w[s])) return false;
        if (i == len) {
            c->partial = w + s;
            c->partial_len = i - s;
            c->prefix_len = s;
            return true;
        }
        if ((w[i] != '.' && w[i] != ':') || i == s || c->n == CHAIN_MAX || i - s >= sizeof c->part[0]) return false;
        if (c->sep == ':') return false;   /* a method name ends the chain */
        memcpy(c->part[c->n], w + s, i - s);
        c->part[c->n][i - s] = '\0';
        c->n++;
        c->sep = w[i++];
    }
}

/* Candidate collection: the list on the stack at `list`, filtered by the typed part. */
struct out {
    lua_State *L;
    int list;
    const struct chain *c;
    const char *word;
    bool dots_as_underscores;   /* field names: "dns.qry.n" may start "dns.qry_name" */
    const char *const *hide;    /* keys not offered, or NULL */
};

/* Keys of the pcaphunt table that are the prelude's own, not API: docs/lua-api.md tells none of
 * them (hunts.md names them only as tables a sandboxed hunt file gets copies of), help() has none. */
static const char *const pcaphunt_internal[] = {"filters", "PacketList", NULL};

static void add(struct out *o, const char *key, bool is_function)
{
    if (strncmp(key, o->c->partial, o->c->partial_len) != 0) return;
    for (const char *const *h = o->hide; h && *h; h++)
        if (strcmp(*h, key) == 0) return;
    lua_pushlstring(o->L, o->word, o->c->prefix_len);
    lua_pushstring(o->L, key);
    lua_pushstring(o->L, is_function ? "(" : "");
    lua_concat(o->L, 3);
    lua_rawseti(o->L, o->list, (lua_Integer)lua_rawlen(o->L, o->list) + 1);
}

static void add_list(struct out *o, const char *const *names, bool functions)
{
    for (; *names; names++) add(o, *names, functions);
}

static bool is_identifier(const char *s)
{
    if (!*s || isdigit((unsigned char)*s)) return false;
    for (; *s; s++)
        if (!is_ident_char(*s)) return false;
    for (const char *const *k = keywords; *k; k++)
        if (strcmp(*k, s) == 0) return false;
    return true;
}

/* The identifier keys of the value at idx: its own (raw, for a table) and its metatable's
 * __index table's (a writer's methods, a packet list's). */
static void add_table_keys(struct out *o, int idx, bool methods_only)
{
    lua_State *L = o->L;
    idx = lua_absindex(L, idx);
    for (int pass = lua_istable(L, idx) ? 0 : 1; pass < 2; pass++) {
        int t = idx;
        if (pass == 1) {
            if (!lua_getmetatable(L, idx)) return;
            lua_pushstring(L, "__index");
            lua_rawget(L, -2);
            if (!lua_istable(L, -1)) { lua_pop(L, 2); return; }
            t = lua_gettop(L);
        }
        lua_pushnil(L);
        while (lua_next(L, t)) {
            if (lua_type(L, -2) == LUA_TSTRING && is_identifier(lua_tostring(L, -2))) {
                bool fn = lua_isfunction(L, -1);
                if (fn || !methods_only) add(o, lua_tostring(L, -2), fn);
            }
            lua_pop(L, 1);
        }
        if (pass == 1) lua_pop(L, 2);
    }
}

/* Keys of a packet: every layer (an absent one reads nil), shortcut and method, the same for a
 * packet in hand and a loop's p. */
static void add_packet_keys(struct out *o, bool methods)
{
    for (const struct field_def *f = field_defs; f->name; f++) {
        if (f->layer != LY_PACKET) continue;
        bool is_method = (f->id >= F_M_SHOW && f->id <= F_M_SUMMARY) || f->id == F_M_HAS_ADDR;
        if (is_method == methods) add(o, f->name, is_method);
    }
}

static int layer_by_name(const char *name)
{
    for (int i = 1; i < LY_COUNT; i++)
        if (strcmp(layer_names[i], name) == 0) return i;
    return -1;
}

static void add_layer_fields(struct out *o, int layer)
{
    for (const struct field_def *f = field_defs; f->name; f++)
        if ((int)f->layer == layer) add(o, f->name, false);
}

/* Does text declare name as a local: `local a, name`, `for name, x in`, `function(a, name)`?
 * Scopes are not tracked: a name declared anywhere in the statement counts. */
static bool declares_local(const char *text, size_t len, const char *name)
{
    enum { NONE, LIST, PARAMS } state = NONE;
    bool want_name = false;
    size_t i = 0, nlen = strlen(name);
    while (i < len) {
        char ch = text[i];
        if (is_ident_char(ch)) {
            size_t s = i;
            while (i < len && is_ident_char(text[i])) i++;
            size_t n = i - s;
            if (n == 5 && memcmp(text + s, "local", 5) == 0) { state = LIST; want_name = true; }
            else if (n == 3 && memcmp(text + s, "for", 3) == 0) { state = LIST; want_name = true; }
            else if (n == 8 && memcmp(text + s, "function", 8) == 0) { if (state != PARAMS) state = NONE; want_name = false; }
            else if (state != NONE && want_name) {
                if (n == nlen && memcmp(text + s, name, n) == 0) return true;
                want_name = false;
            } else if (state == LIST) state = NONE;
            continue;
        }
        if (ch == '(' && state == NONE) {   /* a parameter list after function [name] */
            size_t j = i;
            while (j > 0 && (isspace((unsigned char)text[j - 1]) || is_ident_char(text[j - 1]) || text[j - 1] == '.' || text[j - 1] == ':')) j--;
            if (i - j >= 8 && strncmp(text + j, "function", 8) == 0) { state = PARAMS; want_name = true; }
        } else if (ch == ',' && state != NONE) want_name = true;
        else if (ch == ')' && state == PARAMS) state = NONE;
        else if (!isspace((unsigned char)ch)) state = NONE;
        i++;
    }
    return false;
}

enum root { ROOT_GLOBAL, ROOT_LOCAL, ROOT_UNKNOWN };

/* Resolves the chain's parts; leaves the value on the stack (nil when unknown).  Says whether
 * the root was a global, a local declared in the statement, or neither.  When the value is nil
 * because its packet lacks the layer the last part names (p.dns of a TCP packet), *absent is that
 * layer, else 0. */
static enum root resolve(lua_State *L, const struct chain *c, const char *context, size_t context_len, int *absent)
{
    *absent = 0;
    if (declares_local(context, context_len, c->part[0])) {
        lua_pushnil(L);
        return ROOT_LOCAL;
    }
    lua_pushglobaltable(L);
    lua_pushstring(L, c->part[0]);
    lua_rawget(L, -2);
    lua_remove(L, -2);
    if (lua_isnil(L, -1)) return ROOT_UNKNOWN;
    for (int i = 1; i < c->n; i++) {
        int t = lua_gettop(L);
        if (lua_istable(L, t)) {
            lua_pushstring(L, c->part[i]);
            lua_rawget(L, t);
        } else if (packet_test(L, t) || packet_layer_test(L, t) >= 0) {
            int ly = packet_test(L, t) ? LY_PACKET : packet_layer_test(L, t);
            if (field_find(ly, c->part[i])) lua_getfield(L, t, c->part[i]);   /* our own C __index: no user code */
            else lua_pushnil(L);                                              /* (which raises for unknown names) */
            if (ly == LY_PACKET && i == c->n - 1 && lua_isnil(L, -1)) *absent = layer_by_name(c->part[i]);
        } else if (lcapture_test(L, t)) {
            lua_getfield(L, t, c->part[i]);   /* our own C __index: no user code */
        } else {
            lua_pushnil(L);
        }
        lua_remove(L, t);
    }
    return ROOT_GLOBAL;
}

/* What the value on top offers after the separator. */
static void add_value_keys(struct out *o)
{
    lua_State *L = o->L;
    int v = lua_gettop(L);
    bool methods = o->c->sep == ':';
    int layer;
    if (lua_istable(L, v)) {
        lua_pushglobaltable(L);
        lua_pushliteral(L, "pcaphunt");
        lua_rawget(L, -2);
        o->hide = lua_rawequal(L, -1, v) ? pcaphunt_internal : NULL;   /* the module, however reached */
        lua_pop(L, 2);
        add_table_keys(o, v, methods);
        o->hide = NULL;
    } else if (packet_test(L, v)) add_packet_keys(o, methods);
    else if ((layer = packet_layer_test(L, v)) >= 0) { if (!methods) add_layer_fields(o, layer); }
    else if (lcapture_test(L, v)) add_list(o, methods ? capture_method_names : capture_field_names, methods);
    else if (luaL_testudata(L, v, WRITER_MT)) { if (methods) add_table_keys(o, v, true); }
    else if (lua_type(L, v) == LUA_TSTRING && methods) {
        lua_getglobal(L, "string");
        if (lua_istable(L, -1)) add_table_keys(o, -1, true);
        lua_pop(L, 1);
    }
}

/* The root is a local such as a loop's p: offer what a packet would have. */
static void add_guessed_keys(struct out *o)
{
    const struct chain *c = o->c;
    if (c->n == 1) { add_packet_keys(o, c->sep == ':'); return; }
    int layer = layer_by_name(c->part[1]);
    if (c->n == 2 && c->sep == '.' && layer > 0) add_layer_fields(o, layer);
}

/* A field name typed as partial: the same, or with dots where the name has underscores
 * ("dns.qry.n" is the start of "dns.qry_name", as p["dns.qry.name"] reads it). */
static bool field_prefix(const char *name, const char *partial, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (name[i] != partial[i] && !(partial[i] == '.' && name[i] == '_')) return false;
    return true;
}

static void add_full_name(void *ctx, int ly, const char *name, const struct field_def *f)
{
    struct out *o = ctx;
    (void)ly;
    (void)f;
    size_t n = o->c->partial_len;
    if (strlen(name) >= n && (o->dots_as_underscores ? field_prefix(name, o->c->partial, n)
                                                      : strncmp(name, o->c->partial, n) == 0)) {
        if (o->dots_as_underscores) {   /* the text as typed, then the name's rest: readline keeps the dots */
            lua_pushlstring(o->L, o->c->partial, n);
            lua_pushstring(o->L, name + n);
            lua_concat(o->L, 2);
        } else {
            lua_pushstring(o->L, name);
        }
        lua_rawseti(o->L, o->list, (lua_Integer)lua_rawlen(o->L, o->list) + 1);
    }
}

/* Every value field by a name p["..."] and packets{...} read: the packet's own ("src"), then the
 * layers' ("tcp.srcport") and Wireshark's names of them ("tcp.flags.syn").  Names that start with
 * the text as typed come first; only when there are none does a dot match an underscore, so the
 * common start readline puts in never drops what was typed ("tcp.flags.s" is not cut back to
 * "tcp.flags" for tcp.flags_str's sake). */
static void add_full_names(struct out *o)
{
    int before = (int)lua_rawlen(o->L, o->list);
    for (const struct field_def *f = field_defs; f->name; f++)
        if (f->layer == LY_PACKET && field_is_value(f->id)) add(o, f->name, false);
    o->dots_as_underscores = false;
    field_each_full_name(add_full_name, o);
    if ((int)lua_rawlen(o->L, o->list) > before) return;
    o->dots_as_underscores = true;
    field_each_full_name(add_full_name, o);
    o->dots_as_underscores = false;
}

/* Where the string literal the cursor is in begins, at line[*open]: false when the cursor
 * (at start) is not in a string. */
static bool string_open(const char *line, size_t start, size_t *open)
{
    char quote = 0;
    for (size_t i = 0; i < start; i++) {
        char ch = line[i];
        if (quote) {
            if (ch == '\\' && i + 1 < start) i++;
            else if (ch == quote) quote = 0;
        } else if (ch == '"' || ch == '\'') {
            quote = ch;
            *open = i;
        } else if (ch == '-' && line[i + 1] == '-') {
            return false;   /* a comment */
        }
    }
    return quote != 0;
}

/* Is the string the cursor is in (opened at line[open]) a key of an index (p["...) or an item of
 * a table given to packets (packets{"ip.src", "...)? */
static bool field_string(const char *line, size_t open)
{
    size_t j = open;
    while (j > 0 && isspace((unsigned char)line[j - 1])) j--;
    if (j > 0 && line[j - 1] == '[') return true;
    int depth = 0;   /* back to the unclosed { this item is in, past other items' strings */
    char quote = 0;
    for (; j > 0; j--) {
        char ch = line[j - 1];
        if (quote) { if (ch == quote) quote = 0; continue; }
        if (ch == '"' || ch == '\'') quote = ch;
        else if (ch == '}' || ch == ')') depth++;
        else if ((ch == '(' || ch == '[') && depth-- == 0) return false;
        else if (ch == '{' && depth-- == 0) break;
    }
    if (j == 0) return false;
    j--;
    while (j > 0 && isspace((unsigned char)line[j - 1])) j--;
    return j >= 7 && strncmp(line + j - 7, "packets", 7) == 0 && (j == 7 || !is_ident_char(line[j - 8]));
}

/* Is position `start` inside a string literal that is the first argument of a call?
 * Returns the called name (in fn) when it is. */
static bool string_argument(const char *line, size_t start, char *fn, size_t fnsz)
{
    size_t open = 0;
    if (!string_open(line, start, &open)) return false;
    size_t j = open;
    while (j > 0 && isspace((unsigned char)line[j - 1])) j--;
    if (j == 0 || line[j - 1] != '(') return false;
    j--;
    while (j > 0 && isspace((unsigned char)line[j - 1])) j--;
    size_t e = j;
    while (j > 0 && (is_ident_char(line[j - 1]) || line[j - 1] == '.' || line[j - 1] == ':')) j--;
    if (e == j || e - j >= fnsz) return false;
    memcpy(fn, line + j, e - j);
    fn[e - j] = '\0';
    return true;
}

static bool ends_with_name(const char *fn, const char *name)
{
    size_t n = strlen(fn), m = strlen(name);
    return n >= m && strcmp(fn + n - m, name) == 0 && (n == m || fn[n - m - 1] == '.' || fn[n - m - 1] == ':');
}

static int compare_strings(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Sorts the list on top and drops duplicates (in C: table.sort may be the user's). */
static void sort_unique(lua_State *L)
{
    int t = lua_gettop(L);
    size_t n = lua_rawlen(L, t), k = 0;
    if (n < 2) return;
    const char **v = lua_newuserdatauv(L, n * sizeof *v, 0);
    lua_newtable(L);   /* keeps the strings alive while the list is rewritten */
    for (size_t i = 0; i < n; i++) {
        lua_rawgeti(L, t, (lua_Integer)i + 1);
        v[i] = lua_tostring(L, -1);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    qsort(v, n, sizeof *v, compare_strings);
    for (size_t i = 0; i < n; i++) {
        if (k > 0 && strcmp(v[i], v[k - 1]) == 0) continue;
        v[k++] = v[i];
    }
    for (size_t i = 0; i < n; i++) {
        if (i < k) lua_pushstring(L, v[i]);
        else lua_pushnil(L);
        lua_rawseti(L, t, (lua_Integer)i + 1);
    }
    lua_pop(L, 2);
}

enum complete_kind complete_collect(lua_State *L, const char *before, const char *line, size_t start, size_t end)
{
    char fn[128];
    struct chain c;
    size_t open;
    if (string_argument(line, start, fn, sizeof fn)) {
        if (ends_with_name(fn, "open") || ends_with_name(fn, "writer") || ends_with_name(fn, "write") ||
            ends_with_name(fn, "dofile") || ends_with_name(fn, "loadfile"))
            return COMPLETE_FILES;
        if (strcmp(fn, "hunt") != 0 && strcmp(fn, "help") != 0) return COMPLETE_NONE;
        c = (struct chain){.partial = line + start, .partial_len = end - start};
        lua_newtable(L);
        struct out o = {L, lua_gettop(L), &c, line + start, false, NULL};
        if (strcmp(fn, "help") == 0) {   /* topics: the documents' names, layers, fields */
            help_push_names(L);
            for (lua_Integer i = 1, n = (lua_Integer)lua_rawlen(L, -1); i <= n; i++) {
                lua_rawgeti(L, -1, i);
                add(&o, lua_tostring(L, -1), false);
                lua_pop(L, 1);
            }
            lua_pop(L, 1);
            for (int ly = LY_FRAME; ly < LY_COUNT; ly++) add(&o, layer_names[ly], false);
            add_full_names(&o);
        } else {
            struct hunt_run *r = hunt_state(L);   /* the shell loaded them before its first prompt */
            for (int i = 0; r && i < r->n; i++) add(&o, r->hunts[i].name, false);
        }
        sort_unique(L);
        return COMPLETE_WORDS;
    }
    if (string_open(line, start, &open)) {
        if (!field_string(line, open)) return COMPLETE_NONE;
        c = (struct chain){.partial = line + start, .partial_len = end - start};
        lua_newtable(L);
        struct out o = {L, lua_gettop(L), &c, line + start, false, NULL};
        add_full_names(&o);
        sort_unique(L);
        return COMPLETE_WORDS;
    }
    if (!parse_chain(line + start, end - start, &c)) return COMPLETE_NONE;
    lua_newtable(L);
    struct out o = {L, lua_gettop(L), &c, line + start, false, NULL};
    if (c.n == 0) {
        lua_pushglobaltable(L);
        add_table_keys(&o, -1, false);
        lua_pop(L, 1);
        add_list(&o, keywords, false);
    } else {
        lua_pushfstring(L, "%s\n", before ? before : "");
        lua_pushlstring(L, line, start);
        lua_concat(L, 2);   /* the statement up to the word: where locals are declared */
        size_t clen;
        const char *context = lua_tolstring(L, -1, &clen);
        int absent;
        enum root root = resolve(L, &c, context, clen, &absent);
        lua_remove(L, -2);
        if (root == ROOT_GLOBAL && absent > 0 && c.sep == '.') add_layer_fields(&o, absent);
        else if (root == ROOT_GLOBAL) add_value_keys(&o);
        lua_pop(L, 1);
        if (root == ROOT_LOCAL) add_guessed_keys(&o);
    }
    sort_unique(L);
    return COMPLETE_WORDS;
}

static int complete_protected(lua_State *L)
{
    const char *before = lua_touserdata(L, 1), *line = lua_touserdata(L, 2);
    size_t start = (size_t)lua_tointeger(L, 3), end = (size_t)lua_tointeger(L, 4);
    lua_settop(L, 0);
    enum complete_kind k = complete_collect(L, before, line, start, end);
    lua_pushinteger(L, k);
    return lua_gettop(L);
}

enum complete_kind complete_call(lua_State *L, const char *before, const char *line, size_t start, size_t end)
{
    lua_pushcfunction(L, complete_protected);
    lua_pushlightuserdata(L, (void *)before);
    lua_pushlightuserdata(L, (void *)line);
    lua_pushinteger(L, (lua_Integer)start);
    lua_pushinteger(L, (lua_Integer)end);
    int base = lua_gettop(L) - 5;
    if (lua_pcall(L, 4, LUA_MULTRET, 0) != LUA_OK) { lua_settop(L, base); return COMPLETE_NONE; }
    enum complete_kind k = (enum complete_kind)lua_tointeger(L, -1);
    lua_pop(L, 1);
    return k;
}
