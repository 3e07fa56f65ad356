/* Session lookup through a registry key that is the address of a static variable. */
#include "session.h"

#include <lauxlib.h>
#include <stdarg.h>
#include <stdio.h>

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

void session_interrupt_settled(lua_State *L, struct session *s)
{
    if (s && s->interrupted && !lua_gethook(L)) s->interrupted = 0;
}

void session_warn(lua_State *L, const char *fmt, ...)
{
    va_list ap;
    struct session *s = session_get(L);
    fflush(stdout);
    fputs("pcaphunt: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    fflush(stderr);
    if (s) s->status = 2;
}
