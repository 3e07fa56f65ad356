/* Output that no capture can hijack: on a terminal, print() writes packet text
 * through escape_terminal, so an ESC sequence in a payload shows as \x1b[2J
 * instead of clearing the analyst's screen.  Into a pipe or file, bytes pass. */
#include "output.h"
#include "session.h"
#include "core/escape.h"

#include <lauxlib.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void output_write(FILE *out, const char *s, size_t len, bool to_terminal)
{
    if (!to_terminal) {
        fwrite(s, 1, len, out);
        return;
    }
    char buf[4096];
    while (len > 0) {
        size_t used;
        size_t n = escape_terminal(buf, sizeof buf, (const uint8_t *)s, len, &used);
        fwrite(buf, 1, n, out);
        s += used;
        len -= used;
    }
}

/* print(...) as Lua's own (tostring of each argument, tabs between, a newline), escaped on a
 * terminal; to standard error when the session says so (s->print_stderr). */
static int l_print(lua_State *L)
{
    const struct session *s = lua_touserdata(L, lua_upvalueindex(1));   /* no registry lookup per line */
    bool err = s && s->print_stderr;
    FILE *out = err ? stderr : stdout;
    bool tty = s && (err ? s->escape_errors : s->escape_output);
    int n = lua_gettop(L);
    for (int i = 1; i <= n; i++) {
        size_t len;
        const char *str = luaL_tolstring(L, i, &len);
        if (i > 1) fputc('\t', out);
        output_write(out, str, len, tty);
        lua_pop(L, 1);
    }
    fputc('\n', out);
    if (tty) fflush(out);   /* into a pipe or file, stdout's buffer is flushed on every exit path */
    return 0;
}

/* pcaphunt.escape(s) → s with every byte outside printable ASCII as \xNN, \n \r \t named,
 * and " and \ backslashed: safe to print anywhere and unambiguous. */
static int l_escape(lua_State *L)
{
    size_t len;
    const char *s = luaL_checklstring(L, 1, &len);
    if (len > ((size_t)-1) / 4 - 1) return luaL_error(L, "escape: string too long");
    size_t cap = len * 4 + 1;
    luaL_Buffer b;
    char *out = luaL_buffinitsize(L, &b, cap);
    size_t n = escape_text(out, cap, (const uint8_t *)s, len);
    luaL_pushresultsize(&b, n);
    return 1;
}

void output_open(lua_State *L)
{
    struct session *s = session_get(L);
    if (s) {
        s->escape_output = isatty(STDOUT_FILENO);
        s->escape_errors = isatty(STDERR_FILENO);
    }
    lua_pushcfunction(L, l_escape);
    lua_setfield(L, -2, "escape");
    lua_pushlightuserdata(L, s);
    lua_pushcclosure(L, l_print, 1);
    lua_setglobal(L, "print");
}
