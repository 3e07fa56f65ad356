/* luaopen_pcaphunt: the module table and the reset-code functions; the
 * capture, packet and writer types register themselves from their own files. */
#include "pcaphunt.h"
#include "capture.h"
#include "packet.h"
#include "output.h"
#include "fields.h"
#include "udata.h"
#include "session.h"

#include <lauxlib.h>
#include <string.h>

const struct embedded_script *embedded_find(const char *name)
{
    for (const struct embedded_script *e = embedded_scripts; e->name; e++)
        if (strcmp(e->name, name) == 0) return e;
    return NULL;
}

int embedded_load(lua_State *L, const struct embedded_script *e)
{
    if (luaL_loadbufferx(L, e->code, e->code_len, e->chunk, "b") == LUA_OK) return LUA_OK;
    lua_pop(L, 1);   /* compiled by a Lua this program was not linked with: parsed instead */
    return luaL_loadbufferx(L, e->text, e->len, e->chunk, "t");
}

/* pcaphunt.open(path) → capture, or nil and "path: reason" (io.open's convention). */
static int l_open(lua_State *L)
{
    const char *path = luaL_checkstring(L, 1);
    char err[600];
    if (!lcapture_open(L, path, NULL, err, sizeof err)) {
        lua_pushnil(L);
        lua_pushfstring(L, "%s: %s", path, err);
        return 2;
    }
    return 1;
}

static struct reset_table *resets(lua_State *L)
{
    struct session *s = session_get(L);
    return s ? &s->resets : NULL;
}

/* pcaphunt.reset_cause(text) → cause table, or nil for an empty string. */
static int l_reset_cause(lua_State *L)
{
    size_t n;
    const char *text = luaL_checklstring(L, 1, &n);
    struct reset_cause rc;
    if (!reset_classify(resets(L), (const uint8_t *)text, n, false, &rc)) { lua_pushnil(L); return 1; }
    reset_cause_push(L, &rc, (const uint8_t *)text, n);
    return 1;
}

static const char *opt_field(lua_State *L, const char *key, bool required)
{
    lua_getfield(L, 1, key);
    size_t n = 0;
    const char *v = lua_type(L, -1) == LUA_TSTRING || lua_type(L, -1) == LUA_TNUMBER ? lua_tolstring(L, -1, &n) : NULL;
    if (!lua_isnil(L, -1) && !v) luaL_error(L, "add_reset_code: field '%s' must be a string, not %s", key, luaL_typename(L, -1));
    if (required && (!v || !*v)) luaL_error(L, "add_reset_code: field '%s' (a non-empty string) is required", key);
    if (v && strlen(v) != n) luaL_error(L, "add_reset_code: field '%s' holds a NUL byte", key);
    lua_pop(L, 1);   /* the string stays alive: it is in the argument table */
    return v;
}

/* pcaphunt.add_reset_code{code=, vendor=, category=, meaning=} */
static int l_add_reset_code(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    static const char *const keys[] = {"code", "vendor", "category", "meaning", NULL};
    lua_pushnil(L);
    while (lua_next(L, 1)) {   /* a misspelt key would make a row with the defaults, silently */
        lua_pop(L, 1);
        const char *k = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : NULL;
        int i = 0;
        while (k && keys[i] && strcmp(keys[i], k) != 0) i++;
        if (!k || !keys[i]) {
            const char *near = k ? name_suggest(k, keys) : NULL;
            return luaL_error(L, "add_reset_code: no field '%s'%s%s%s (code, vendor, category, meaning)", k ? k : luaL_typename(L, -1),
                              near ? " (did you mean " : "", near ? near : "", near ? "?)" : "");
        }
    }
    const char *code = opt_field(L, "code", true);
    const char *vendor = opt_field(L, "vendor", false);
    const char *category = opt_field(L, "category", false);
    const char *meaning = opt_field(L, "meaning", true);
    struct reset_table *t = resets(L);
    if (!t || !reset_table_add(t, code, vendor ? vendor : "site", category ? category : "site", meaning))
        return luaL_error(L, "add_reset_code: out of memory");
    return 0;
}

static void push_row(lua_State *L, const struct reset_code *r)
{
    lua_createtable(L, 0, 8);
    lua_pushstring(L, r->code); lua_setfield(L, -2, "code");
    lua_pushstring(L, r->vendor); lua_setfield(L, -2, "vendor");
    if (r->product[0]) { lua_pushstring(L, r->product); lua_setfield(L, -2, "product"); }   /* IETF's: none */
    lua_pushstring(L, r->category); lua_setfield(L, -2, "category");
    lua_pushstring(L, r->meaning); lua_setfield(L, -2, "meaning");
    lua_pushstring(L, r->source); lua_setfield(L, -2, "source");
    lua_pushstring(L, r->confidence); lua_setfield(L, -2, "confidence");
    lua_pushstring(L, r->match == RM_PREFIX ? "prefix" : r->match == RM_IETF ? "ietf" : "code");
    lua_setfield(L, -2, "match");
}

/* reset_codes[code] → row (codes, IETF "ietf:N" names and F5 texts, any case). */
static int codes_index(lua_State *L)
{
    size_t n;
    const char *k = lua_tolstring(L, 2, &n);
    if (!k || lua_type(L, 2) != LUA_TSTRING) return 0;
    const struct reset_code *r = reset_code_lookup(resets(L), k, n);
    if (!r) {
        size_t nb;
        const struct reset_code *rows = reset_builtin_rows(&nb);
        for (size_t i = 0; i < nb && !r; i++)
            if (strlen(rows[i].code) == n && strncasecmp(rows[i].code, k, n) == 0) r = &rows[i];
    }
    if (!r) return 0;
    push_row(L, r);
    return 1;
}

static int codes_newindex(lua_State *L)
{
    return luaL_error(L, "pcaphunt.reset_codes is read-only; use pcaphunt.add_reset_code{...}");
}

/* The next row after index i (built-in rows first, then site rows). */
static const struct reset_code *row_at(lua_State *L, size_t i)
{
    size_t nb;
    const struct reset_code *rows = reset_builtin_rows(&nb);
    if (i < nb) return &rows[i];
    struct reset_table *t = resets(L);
    if (t && i - nb < t->n) return t->rows[i - nb];
    return NULL;
}

static int codes_next(lua_State *L)
{
    lua_Integer i = lua_tointeger(L, lua_upvalueindex(1));
    const struct reset_code *r = row_at(L, (size_t)i);
    if (!r) return 0;
    lua_pushinteger(L, i + 1);
    lua_replace(L, lua_upvalueindex(1));
    lua_pushstring(L, r->code);
    push_row(L, r);
    return 2;
}

static int codes_pairs(lua_State *L)
{
    lua_pushinteger(L, 0);
    lua_pushcclosure(L, codes_next, 1);
    return 1;
}

static int codes_len(lua_State *L)
{
    size_t nb;
    struct reset_table *t = resets(L);
    (void)reset_builtin_rows(&nb);
    lua_pushinteger(L, (lua_Integer)(nb + (t ? t->n : 0)));
    return 1;
}

/* pcaphunt.fields: layer name → list of {name=, help=, wireshark=}, in the order of lua/fields.c
 * (the same table __index, completion and help() read); wireshark is Wireshark's names of the field
 * when they are not the layer and its name with dots for underscores (space-separated), else absent. */
static void push_fields(lua_State *L)
{
    lua_createtable(L, 0, LY_COUNT);
    for (int ly = 0; ly < LY_COUNT; ly++) {
        lua_newtable(L);
        int n = 0;
        for (const struct field_def *f = field_defs; f->name; f++) {
            if ((int)f->layer != ly) continue;
            lua_createtable(L, 0, 3);
            lua_pushstring(L, f->name); lua_setfield(L, -2, "name");
            lua_pushstring(L, f->help); lua_setfield(L, -2, "help");
            const char *ws = field_wireshark_names(f);
            if (ws) { lua_pushstring(L, ws); lua_setfield(L, -2, "wireshark"); }
            lua_rawseti(L, -2, ++n);
        }
        lua_setfield(L, -2, layer_names[ly]);
    }
}

int luaopen_pcaphunt(lua_State *L)
{
    static const luaL_Reg funcs[] = {
        {"open", l_open}, {"use", lcaptures_use}, {"writer", lwriter_new}, {"reset_cause", l_reset_cause},
        {"add_reset_code", l_add_reset_code}, {NULL, NULL}
    };
    static const luaL_Reg codes_meta[] = {
        {"__index", codes_index}, {"__newindex", codes_newindex}, {"__pairs", codes_pairs},
        {"__len", codes_len}, {NULL, NULL}
    };
    packet_open(L);
    capture_lua_open(L);
    luaL_newlib(L, funcs);
    lua_pushstring(L, PCAPHUNT_VERSION);
    lua_setfield(L, -2, "version");
    lua_newuserdatauv(L, 1, 0);   /* a userdata, not a table: rawset cannot write into the view */
    luaL_newlib(L, codes_meta);
    lua_pushliteral(L, "pcaphunt.reset_codes");
    lua_setfield(L, -2, "__name");
    metatable_guard(L, -1, "pcaphunt.reset_codes");
    lua_setmetatable(L, -2);
    lua_setfield(L, -2, "reset_codes");
    push_fields(L);
    lua_setfield(L, -2, "fields");
    output_open(L);
    return 1;
}
