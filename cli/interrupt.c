/* SIGINT handling.  A signal handler can reach nothing but a static: this file
 * holds the one pointer to the running session, set while a run is active. */
#include "interrupt.h"

#include <lauxlib.h>
#include <signal.h>
#include <string.h>

static struct session *active;   /* the session the handler interrupts */

static void interrupt_hook(lua_State *L, lua_Debug *ar)
{
    (void)ar;
    lua_sethook(L, NULL, 0, 0);
    luaL_error(L, "interrupted");
}

static void on_sigint(int sig)
{
    (void)sig;
    if (!active) return;
    active->interrupted = 1;
    lua_sethook(active->L, interrupt_hook, LUA_MASKCALL | LUA_MASKRET | LUA_MASKLINE | LUA_MASKCOUNT, 1);
}

void interrupt_install(struct session *s)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sigint;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0;   /* no SA_RESTART: a blocking read returns EINTR */
    active = s;
    sigaction(SIGINT, &sa, NULL);
}

void interrupt_remove(void)
{
    signal(SIGINT, SIG_DFL);
    active = NULL;
}

void interrupt_clear(struct session *s)
{
    s->interrupted = 0;
    if (s->L) lua_sethook(s->L, NULL, 0, 0);
}
