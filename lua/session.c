/* Session lookup through a registry key that is the address of a static variable; the one hook
 * of the state (Ctrl-C and the instruction budget), the counting allocator (the memory ceiling). */
#include "session.h"
#include "fields.h"
#include "core/capture.h"
#include "core/escape.h"

#include <lauxlib.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static const char session_key = 'S';

void session_attach(lua_State *L, struct session *s)
{
    s->L = L;
    lua_pushlightuserdata(L, s);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &session_key);
}

struct session *session_get(lua_State *L)
{
    lua_rawgetp(L, LUA_REGISTRYINDEX, &session_key);
    struct session *s = lua_touserdata(L, -1);
    lua_pop(L, 1);
    return s;
}

/* A first Ctrl-C that has been raised once (and caught by a pcall) is over: loops read again.
 * From the second Ctrl-C of a statement on, nothing settles it but the top level (interrupt_clear). */
void session_interrupt_settled(lua_State *L, struct session *s)
{
    (void)L;
    if (s && s->interrupted && s->raised && s->sigints < 2) {
        s->interrupted = 0;
        capture_interrupted = 0;
        s->raised = 0;
    }
}

#define ALL_EVENTS (LUA_MASKCALL | LUA_MASKRET | LUA_MASKLINE | LUA_MASKCOUNT)

/* True while the hook must raise at every Lua instruction: from the second Ctrl-C, or once a
 * limited call has hit its limit.  Only instructions then (a count of 1): a C function, such as
 * the message handler that writes the error, runs to its end. */
static bool raising(struct session *s)
{
    return (s->interrupted && s->sigints >= 2) || (s->in_call && s->limit_hit);
}

void session_hook_reset(lua_State *L, struct session *s)
{
    if (raising(s))
        lua_sethook(L, session_hook, LUA_MASKCOUNT, 1);
    else if (s->interrupted && !s->raised)
        lua_sethook(L, session_hook, ALL_EVENTS, 1);   /* raise at the next instruction */
    else if (s->in_call && s->step_limit > 0)
        lua_sethook(L, session_hook, LUA_MASKCOUNT, s->step_period);
    else
        lua_sethook(L, NULL, 0, 0);
}

const char *session_limit_message(struct session *s, int which, char *buf, size_t size)
{
    if (which == LIMIT_STEPS) snprintf(buf, size, "instruction budget of %lld steps exceeded", s->step_limit);
    else snprintf(buf, size, "memory ceiling of %zu MiB exceeded", s->memory_limit >> 20);
    return buf;
}

int session_raise_limit(lua_State *L, struct session *s, int level)
{
    char msg[96];
    session_limit_message(s, s->limit_hit, msg, sizeof msg);
    luaL_where(L, level);
    lua_pushstring(L, msg);
    lua_concat(L, 2);
    return lua_error(L);
}

void session_hook(lua_State *L, lua_Debug *ar)
{
    struct session *s = session_get(L);
    if (!s) { lua_sethook(L, NULL, 0, 0); return; }
    if (raising(s) && ar->event != LUA_HOOKCOUNT) {   /* armed by the signal handler for every event */
        session_hook_reset(L, s);
        return;
    }
    if (s->interrupted && (s->sigints >= 2 || !s->raised)) {
        if (s->sigints < 2) s->raised = 1;   /* the first Ctrl-C raises once: a pcall may catch it */
        session_hook_reset(L, s);
        if (s->L != L) session_hook_reset(s->L, s);
        /* at an instruction, the line is the running function's; at a call, its caller's */
        luaL_where(L, ar->event == LUA_HOOKCOUNT || ar->event == LUA_HOOKLINE ? 0 : 1);
        lua_pushliteral(L, "interrupted");
        lua_concat(L, 2);
        lua_error(L);
    }
    if (s->in_call && s->limit_hit) session_raise_limit(L, s, 0);   /* no pcall inside the call holds it */
    if (ar->event == LUA_HOOKCOUNT && s->in_call && s->step_limit > 0) {
        s->steps_left -= s->step_period;
        if (s->steps_left > 0) return;
        s->limit_hit = LIMIT_STEPS;
        session_hook_reset(L, s);
        session_raise_limit(L, s, 0);
    }
    session_hook_reset(L, s);   /* a hook left from a call or a Ctrl-C that is over */
}

struct session_limits_saved session_limits_enter(lua_State *L, struct session *s)
{
    struct session_limits_saved saved = {s->in_call, s->steps_left, s->limit_hit};
    s->in_call = true;
    s->steps_left = s->step_limit;
    s->limit_hit = LIMIT_NONE;
    s->step_period = s->step_limit > 0 && s->step_limit < 1000 ? (int)s->step_limit : 1000;
    session_hook_reset(L, s);
    return saved;
}

int session_limits_leave(lua_State *L, struct session *s, struct session_limits_saved saved)
{
    int hit = s->limit_hit;
    s->in_call = saved.in_call;
    s->steps_left = saved.steps_left;
    s->limit_hit = saved.limit_hit;
    session_hook_reset(L, s);
    return hit;
}

/* The state's allocator: the one it had (ud is the session), counting bytes, and refusing to
 * grow past the ceiling inside a limited call (Lua then collects, and raises "not enough memory"). */
static void *counting_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
    struct session *s = ud;
    size_t old = ptr ? osize : 0;
    if (nsize > old && s->in_call && s->memory_limit && s->memory_used - old + nsize > s->memory_limit) {
        s->limit_hit = LIMIT_MEMORY;
        return NULL;
    }
    void *p = s->inner_alloc(s->inner_ud, ptr, osize, nsize);
    if (p || nsize == 0) s->memory_used = s->memory_used - old + nsize;
    return p;
}

/* coroutine.resume(co, ...) and the functions coroutine.wrap returns: upvalue 1 the original,
 * upvalue 2 the thread (wrap) or none (resume: argument 1).  The thread gets the hook the state
 * should have, and the SIGINT handler finds it in s->running while it runs. */
static int co_call(lua_State *L)
{
    struct session *s = session_get(L);
    lua_State *co = lua_tothread(L, lua_upvalueindex(2));
    if (!co) co = lua_tothread(L, 1);
    lua_State *prev = s->running;
    if (co) {
        session_hook_reset(co, s);
        s->running = co;
    }
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    int status = lua_pcall(L, lua_gettop(L) - 1, LUA_MULTRET, 0);
    s->running = prev;
    if (status != LUA_OK) return lua_error(L);
    if (s->in_call && s->limit_hit) {   /* the coroutine used up the call's budget or memory: so did its resumer */
        session_hook_reset(L, s);   /* raising again at every instruction, whatever pcall catches this */
        return session_raise_limit(L, s, 1);
    }
    return lua_gettop(L);
}

static int co_wrap(lua_State *L)
{
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_pushvalue(L, 1);
    lua_call(L, 1, 1);
    if (!lua_getupvalue(L, -1, 1)) return 1;
    if (!lua_isthread(L, -1)) { lua_pop(L, 1); return 1; }
    lua_pushcclosure(L, co_call, 2);
    return 1;
}

/* setmetatable and debug.setmetatable as Lua's, refusing a metatable with __gc inside a limited call
 * (a hunt's, a hunt file's top level, a chunk or script under --script-steps or --script-memory): Lua
 * runs finalizers with hooks stopped, so a finalizer that loops would run past the budget.  Our own
 * functions, not wrappers: no upvalue hands the unguarded one out. */
#define LIMITED_GC_REFUSAL "setmetatable: a __gc finalizer runs outside the instruction budget (Lua stops hooks " \
                           "while finalizers run): not available to hunts, nor under --script-steps or --script-memory"

static const char *limited_gc_refusal(lua_State *L)
{
    struct session *s = session_get(L);
    return s && s->in_call ? LIMITED_GC_REFUSAL : NULL;
}

int session_setmetatable(lua_State *L, bool any_type, const char *refuse_gc)
{
    int t = lua_type(L, 2);
    if (!any_type) luaL_checktype(L, 1, LUA_TTABLE);
    luaL_argexpected(L, t == LUA_TNIL || t == LUA_TTABLE, 2, "nil or table");
    if (refuse_gc && t == LUA_TTABLE && (lua_pushliteral(L, "__gc"), lua_rawget(L, 2)) != LUA_TNIL)   /* as Lua marks finalizers: raw */
        return luaL_error(L, "%s", refuse_gc);
    if (!any_type && luaL_getmetafield(L, 1, "__metatable") != LUA_TNIL) return luaL_error(L, "cannot change a protected metatable");
    lua_settop(L, 2);
    lua_setmetatable(L, 1);
    return 1;
}

static int guarded_setmetatable(lua_State *L) { return session_setmetatable(L, false, limited_gc_refusal(L)); }
static int guarded_debug_setmetatable(lua_State *L) { return session_setmetatable(L, true, limited_gc_refusal(L)); }

static void guard_setmetatable(lua_State *L, const char *table, lua_CFunction f)
{
    if (!table) lua_pushglobaltable(L);
    else if (lua_getglobal(L, table) != LUA_TTABLE) { lua_pop(L, 1); return; }
    lua_pushcfunction(L, f);
    lua_setfield(L, -2, "setmetatable");
    lua_pop(L, 1);
}

/* The message handler xpcall is given, behind a guard (upvalue 1: the script's handler).  A limit
 * hit or a Ctrl-C raises from inside the hook, where Lua runs no hook until the error is thrown, and
 * Lua calls the message handler before it throws: a handler that looped would run past the budget,
 * Ctrl-C and the first SIGTERM.  For such an error the guard gives the error back untouched and
 * calls no script code; for any other, the script's handler runs (with the hook, counted). */
static int xpcall_handler_guard(lua_State *L)
{
    struct session *s = session_get(L);
    if (s && (s->interrupted || (s->in_call && s->limit_hit))) return 1;
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, 1);
    return 1;
}

static int xpcall_done(lua_State *L, int status, lua_KContext ctx)
{
    (void)status;
    return lua_gettop(L) - (int)ctx;
}

/* xpcall(f, msgh, ...): Lua's own (upvalue 1), its handler behind xpcall_handler_guard. */
static int guarded_xpcall(lua_State *L)
{
    luaL_checktype(L, 2, LUA_TFUNCTION);
    lua_pushvalue(L, 2);
    lua_pushcclosure(L, xpcall_handler_guard, 1);
    lua_replace(L, 2);
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_callk(L, lua_gettop(L) - 1, LUA_MULTRET, 0, xpcall_done);   /* a coroutine may yield inside */
    return xpcall_done(L, LUA_OK, 0);
}

void session_open_limits(lua_State *L, struct session *s)
{
    if (lua_getglobal(L, "xpcall") == LUA_TFUNCTION) {
        lua_pushcclosure(L, guarded_xpcall, 1);
        lua_setglobal(L, "xpcall");
    } else {
        lua_pop(L, 1);
    }
    guard_setmetatable(L, NULL, guarded_setmetatable);
    guard_setmetatable(L, "debug", guarded_debug_setmetatable);
    s->inner_alloc = lua_getallocf(L, &s->inner_ud);
    s->memory_used = (size_t)lua_gc(L, LUA_GCCOUNT, 0) * 1024 + (size_t)lua_gc(L, LUA_GCCOUNTB, 0);
    lua_setallocf(L, counting_alloc, s);
    if (lua_getglobal(L, "coroutine") == LUA_TTABLE) {
        lua_getfield(L, -1, "resume");
        lua_pushcclosure(L, co_call, 1);
        lua_setfield(L, -2, "resume");
        lua_getfield(L, -1, "wrap");
        lua_pushcclosure(L, co_wrap, 1);
        lua_setfield(L, -2, "wrap");
    }
    lua_pop(L, 1);
}

/* "attempt to index a nil value (field 'tcp')": a layer the packet does not have, read without a test
 * (p.tcp.srcport on an ARP frame), most likely; the message cannot tell a packet from a script's own
 * table with a field of that name, so the hint says "if".  The message with the hint pushed, else msg. */
static const char *layer_hint(lua_State *L, const char *msg)
{
    static const char pat[] = "attempt to index a nil value (field '";
    const char *at = strstr(msg, pat);
    if (!at || strstr(msg, "test it first")) return msg;
    const char *name = at + sizeof pat - 1, *end = strchr(name, '\'');
    if (!end || end[1] != ')') return msg;
    for (int ly = LY_ETH; ly < LY_COUNT; ly++) {
        size_t n = strlen(layer_names[ly]);
        if ((size_t)(end - name) == n && memcmp(name, layer_names[ly], n) == 0)
            return lua_pushfstring(L, "%s (if it is a packet's: p.%s is nil for packets without %s: test it first, as in "
                                   "`p.%s and p.%s.…`)", msg, layer_names[ly], layer_names[ly], layer_names[ly], layer_names[ly]);
    }
    return msg;
}

int session_msghandler(lua_State *L)
{
    const char *msg = lua_tostring(L, 1);
    if (!msg) {   /* its __tostring, protected: one that raises must not take the error's place */
        if (luaL_getmetafield(L, 1, "__tostring") != LUA_TNIL) {
            lua_pushvalue(L, 1);
            if (lua_pcall(L, 1, 1, 0) == LUA_OK && lua_type(L, -1) == LUA_TSTRING) return 1;
            lua_settop(L, 1);
        }
        msg = lua_pushfstring(L, "(error object is a %s value)", luaL_typename(L, 1));
    }
    msg = layer_hint(L, msg);
    struct session *s = session_get(L);
    if (s && s->verbose && !strstr(msg, "\nstack traceback:")) luaL_traceback(L, L, msg, 1);   /* not twice (a hunt file's, raised on) */
    return 1;
}

void session_warn(lua_State *L, const char *fmt, ...)
{
    va_list ap;
    struct session *s = session_get(L);
    fflush(stdout);
    va_start(ap, fmt);
    escape_vwarn(s && s->verbose, fmt, ap);   /* names, paths and hunt errors: escaped, no length limit */
    va_end(ap);
    fflush(stderr);
    if (s) s->status = 2;
}

static void warn_damaged(void *ctx, const char *name, const char *reason)
{
    session_warn(ctx, "%s: %s", name, reason);
}

void session_warn_damaged(lua_State *L, const struct capture *c)
{
    capture_each_damaged(c, warn_damaged, L);
}
