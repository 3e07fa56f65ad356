/* The interactive shell, lua.c's way: a line is tried as `return line` first (so an
 * expression prints its values), an error ending in <eof> means "more to come" on a
 * >> prompt.  GNU readline's callback interface waits in pselect, so Ctrl-C at the
 * prompt clears the line and Ctrl-C in a loop reaches the Lua hook (interrupt.c). */
#include "repl.h"
#include "interrupt.h"
#include "runner.h"
#include "lua/capture.h"
#include "lua/complete.h"
#include "lua/output.h"
#include "lua/pcaphunt.h"
#include "lua/session.h"

#include <errno.h>
#include <lauxlib.h>
#include <limits.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <unistd.h>

#include <readline/history.h>
#include <readline/readline.h>

#define PROMPT "pcaphunt> "
#define PROMPT_MORE ">> "
#define HISTORY_ENTRIES 1000

struct repl {
    lua_State *L;
    struct session *s;
    bool tty;                    /* standard input is a terminal: readline, prompts */
    char history[PATH_MAX + 16];  /* the history file, "" when history is off */
    char *line;                  /* what readline handed to on_line */
    const char *pending;         /* earlier lines of an incomplete statement, for completion */
    bool got_line;
    bool exit_requested;
    int exit_status;
};

/* readline's callbacks carry no context: the one shell of this process. */
static struct repl *current;

/* ---- history ---- */

static bool make_dirs(char *path)
{
    for (char *p = path + 1; *p; p++) {
        if (*p != '/') continue;
        *p = '\0';
        bool ok = mkdir(path, 0700) == 0 || errno == EEXIST;
        *p = '/';
        if (!ok) return false;
    }
    return mkdir(path, 0700) == 0 || errno == EEXIST;
}

/* $XDG_STATE_HOME/pcaphunt/history, else ~/.local/state/pcaphunt/history; none when off. */
static void history_open(struct repl *r)
{
    r->history[0] = '\0';
    const char *off = getenv("PCAPHUNT_HISTORY");
    if (off && strcmp(off, "off") == 0) return;
    const char *state = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
    char dir[PATH_MAX];
    int n;
    if (state && state[0] == '/') n = snprintf(dir, sizeof dir, "%s/pcaphunt", state);
    else if (home && *home) n = snprintf(dir, sizeof dir, "%s/.local/state/pcaphunt", home);
    else return;
    if (n < 0 || (size_t)n >= sizeof dir - 16 || !make_dirs(dir)) return;
    snprintf(r->history, sizeof r->history, "%s/history", dir);
    history_comment_char = '#';       /* "#<time>" lines delimit entries, so a multi-line for loop stays one */
    history_write_timestamps = 1;
    history_multiline_entries = 1;
    stifle_history(HISTORY_ENTRIES);
    if (access(r->history, F_OK) != 0) {
        FILE *f = fopen(r->history, "w");
        if (f) fclose(f);
        chmod(r->history, 0600);
    }
    read_history(r->history);
}

static void history_add(struct repl *r, const char *entry)
{
    if (!r->tty || !*entry) return;
    HIST_ENTRY *last = history_length > 0 ? history_get(history_base + history_length - 1) : NULL;
    if (last && strcmp(last->line, entry) == 0) return;
    add_history(entry);
    if (r->history[0]) append_history(1, r->history);
}

static void history_close(struct repl *r)
{
    if (r->tty && r->history[0]) history_truncate_file(r->history, HISTORY_ENTRIES);
}

/* ---- completion ---- */

static char *common_prefix(char **m, size_t n)
{
    size_t len = strlen(m[0]);
    for (size_t i = 1; i < n; i++) {
        size_t k = 0;
        while (k < len && m[i][k] == m[0][k]) k++;
        len = k;
    }
    return strndup(m[0], len);
}

static char **repl_complete(const char *text, int start, int end)
{
    lua_State *L = current->L;
    rl_attempted_completion_over = 1;   /* never fall back to file names by surprise */
    rl_completion_append_character = '\0';
    int top = lua_gettop(L);
    enum complete_kind k = complete_call(L, current->pending, rl_line_buffer, (size_t)start, (size_t)end);
    if (k == COMPLETE_FILES) {
        lua_settop(L, top);
        return rl_completion_matches(text, rl_filename_completion_function);
    }
    size_t n = k == COMPLETE_WORDS ? lua_rawlen(L, -1) : 0;
    char **m = n ? calloc(n + 2, sizeof *m) : NULL;
    for (size_t i = 0; m && i < n; i++) {
        lua_rawgeti(L, -1, (lua_Integer)i + 1);
        m[i + 1] = strdup(lua_tostring(L, -1));
        lua_pop(L, 1);
    }
    if (m) m[0] = common_prefix(m + 1, n);
    lua_settop(L, top);
    return m;
}

/* ---- reading lines ---- */

static void on_line(char *line)
{
    current->line = line;
    current->got_line = true;
    rl_callback_handler_remove();
}

/* One line from the terminal: 1 and *out (malloc'd), 0 at end of input, -1 on Ctrl-C. */
static int read_line_tty(struct repl *r, const char *prompt, char **out)
{
    sigset_t block, orig;
    sigemptyset(&block);
    sigaddset(&block, SIGINT);
    sigprocmask(SIG_BLOCK, &block, &orig);   /* SIGINT arrives only inside pselect */
    r->got_line = false;
    r->line = NULL;
    rl_callback_handler_install(prompt, on_line);
    int result = 1;
    int fd = fileno(rl_instream ? rl_instream : stdin);
    while (!r->got_line) {
        if (r->s->interrupted) {
            interrupt_clear(r->s);
            rl_free_line_state();
            rl_callback_sigcleanup();
            rl_callback_handler_remove();
            fputs("^C\n", stdout);
            fflush(stdout);
            result = -1;
            break;
        }
        fd_set fds;
        FD_ZERO(&fds);
        FD_SET(fd, &fds);
        if (pselect(fd + 1, &fds, NULL, NULL, NULL, &orig) < 0) {
            if (errno == EINTR) continue;
            rl_callback_handler_remove();
            result = 0;
            break;
        }
        rl_callback_read_char();
    }
    sigprocmask(SIG_SETMASK, &orig, NULL);
    if (result == 1) {
        if (!r->line) {
            fputc('\n', stdout);   /* Ctrl-D: leave the terminal on a fresh line */
            return 0;
        }
        *out = r->line;
    }
    return result;
}

/* One line from a pipe or file (--repl without a terminal): no prompt, no editing. */
static int read_line_plain(char **out)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t n = getline(&line, &cap, stdin);
    if (n < 0) { free(line); return 0; }
    if (n > 0 && line[n - 1] == '\n') line[n - 1] = '\0';
    *out = line;
    return 1;
}

static int read_line(struct repl *r, const char *prompt, char **out)
{
    return r->tty ? read_line_tty(r, prompt, out) : read_line_plain(out);
}

/* ---- evaluating ---- */

static bool incomplete(lua_State *L, int status)
{
    size_t len;
    const char *msg = lua_tolstring(L, -1, &len);
    return status == LUA_ERRSYNTAX && msg && len >= 5 && strcmp(msg + len - 5, "<eof>") == 0;
}

/* Compiles code: first as `return code` (an expression prints), else as statements.
 * Pushes the function or the error message. */
static int compile(lua_State *L, const char *code)
{
    if (code[0] == '=') code++;   /* lua 5.1's "=expr" habit */
    const char *ret = lua_pushfstring(L, "return %s;", code);
    int status = luaL_loadbuffer(L, ret, strlen(ret), "=stdin");
    lua_remove(L, -2);
    if (status == LUA_OK) return status;
    lua_pop(L, 1);
    return luaL_loadbuffer(L, code, strlen(code), "=stdin");
}

/* Writes an error message, always escaped (it may hold packet bytes); "interrupted" for Ctrl-C. */
static void print_error(struct repl *r, const char *msg)
{
    if (r->s->interrupted) msg = "interrupted";
    if (!msg) msg = "(error object is not a string)";
    fflush(stdout);
    output_write(stderr, msg, strlen(msg), true);
    fputc('\n', stderr);
    fflush(stderr);
}

/* Prints the n values on top through pcaphunt.repr, tab-separated, as lua.c prints them. */
static void print_results(struct repl *r, int n)
{
    lua_State *L = r->L;
    int first = lua_gettop(L) - n + 1;
    luaL_getsubtable(L, LUA_REGISTRYINDEX, LUA_LOADED_TABLE);
    lua_getfield(L, -1, "pcaphunt");
    lua_getfield(L, -1, "repr");
    int repr = lua_gettop(L);
    for (int i = 0; i < n; i++) {
        size_t len;
        const char *s = NULL;
        if (lua_isfunction(L, repr)) {
            lua_pushvalue(L, repr);
            lua_pushvalue(L, first + i);
            if (lua_pcall(L, 1, 1, 0) == LUA_OK && lua_type(L, -1) == LUA_TSTRING) s = lua_tolstring(L, -1, &len);
            else lua_pop(L, 1);
        }
        if (!s) s = luaL_tolstring(L, first + i, &len);
        if (i > 0) fputc('\t', stdout);
        output_write(stdout, s, len, r->s->escape_output);
        lua_pop(L, 1);
    }
    fputc('\n', stdout);
    fflush(stdout);
    lua_settop(L, first - 1);
}

/* Reads one statement (more lines while it is incomplete), runs it, prints the outcome.
 * Returns false at end of input. */
static bool repl_step(struct repl *r)
{
    lua_State *L = r->L;
    char *line = NULL;
    interrupt_clear(r->s);
    int rc = read_line(r, PROMPT, &line);
    if (rc <= 0) return rc < 0;
    lua_pushstring(L, line);   /* the statement so far */
    free(line);
    int status;
    for (;;) {
        status = compile(L, lua_tostring(L, -1));
        if (!incomplete(L, status)) break;
        lua_pop(L, 1);
        r->pending = lua_tostring(L, -1);   /* stays on the stack while the next line is read */
        rc = read_line(r, PROMPT_MORE, &line);
        r->pending = NULL;
        if (rc <= 0) {   /* Ctrl-C abandons the statement; end of input ends the shell, saying what was cut (as lua -i) */
            if (rc == 0 && compile(L, lua_tostring(L, -1)) != LUA_OK) {
                print_error(r, lua_tostring(L, -1));
                lua_pop(L, 1);
            }
            lua_pop(L, 1);
            return rc < 0;
        }
        lua_pushfstring(L, "\n%s", line);
        free(line);
        lua_concat(L, 2);
    }
    history_add(r, lua_tostring(L, -2));
    lua_remove(L, -2);
    int base = lua_gettop(L) - 1;
    if (status == LUA_OK) {
        interrupt_clear(r->s);
        status = runner_docall(L, 0, LUA_MULTRET);
    }
    if (r->exit_requested) return false;
    if (status != LUA_OK) print_error(r, lua_tostring(L, -1));
    else if (lua_gettop(L) > base) print_results(r, lua_gettop(L) - base);
    lua_settop(L, base);
    return true;
}

/* exit([status]): leaves the shell (history saved) with status, 0 by default. */
static int l_exit(lua_State *L)
{
    current->exit_status = (int)luaL_optinteger(L, 1, 0);
    current->exit_requested = true;
    return luaL_error(L, "exit");
}

/* `p` = the first packet, so p.tcp.<TAB> works from the first prompt. */
static void banner(struct repl *r)
{
    lua_State *L = r->L;
    lua_getglobal(L, "capture");
    bool have = !lua_isnil(L, -1);
    struct lcapture *lc = have ? luaL_testudata(L, -1, CAPTURE_MT) : NULL;
    bool live = lc && lc->live;   /* no first packet to wait for */
    const char *name = NULL, *link = NULL;
    if (have) {
        lua_getfield(L, -1, "name");
        lua_getfield(L, -2, "linktype_name");
        name = lua_tostring(L, -2);
        link = lua_tostring(L, -1);
    }
    if (r->tty) {
        printf("pcaphunt %s, %s.  ", PCAPHUNT_VERSION, LUA_RELEASE);
        if (have) {
            output_write(stdout, name ? name : "?", strlen(name ? name : "?"), true);
            if (live) {
                printf(" (%s) is `capture`, live: a loop over it runs until Ctrl-C.\n", link ? link : "?");
                printf("Try for p in packets() do print(p) end, hunt(\"q-trojan\"), help().  Ctrl-D leaves.\n");
            } else {
                printf(" (%s) is `capture`, its first packet `p`.\n", link ? link : "?");
                printf("Try summary(), find(\"tcp port 515\"), hunt(\"q-trojan\"), p.<TAB>, help().  Ctrl-D leaves.\n");
            }
        } else {
            printf("No capture: pcaphunt.use(pcaphunt.open(\"f.pcap\")) gives packets(), find() and hunt() one.\n");
            printf("help() lists the API.  Ctrl-D leaves.\n");
        }
        fflush(stdout);
    }
    lua_settop(L, 0);
    if (have && !live && luaL_loadstring(L, "for q in packets() do p = q break end") == LUA_OK && runner_docall(L, 0, 0) != LUA_OK)
        print_error(r, lua_tostring(L, -1));
    lua_settop(L, 0);
}

int repl_run(lua_State *L)
{
    struct repl r;
    memset(&r, 0, sizeof r);
    r.L = L;
    r.s = session_get(L);
    r.tty = isatty(STDIN_FILENO);
    current = &r;
    lua_pushcfunction(L, l_exit);
    lua_setglobal(L, "exit");
    if (r.tty) {
        rl_readline_name = "pcaphunt";
        rl_catch_signals = 0;      /* SIGINT stays ours: the handler in interrupt.c */
        rl_attempted_completion_function = repl_complete;
        rl_completer_word_break_characters = " \t\n\"'`@$><=;|&{(,+-*/%^~#[]}";
        rl_completer_quote_characters = "\"'";
        history_open(&r);
    }
    banner(&r);
    while (repl_step(&r)) {}
    history_close(&r);
    current = NULL;
    return r.exit_requested ? r.exit_status : 0;
}
