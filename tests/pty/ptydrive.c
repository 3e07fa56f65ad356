/* ptydrive: runs a command on a pseudo-terminal and drives it from a steps file,
 * expect-style, so the shell's tests type real keys (Tab, Ctrl-C, Ctrl-D) into
 * the real binary.  Usage: ptydrive STEPS -- command [args...]
 *
 * Steps, one per line (TEXT takes \n \r \t \e \\ and \xNN escapes):
 *   send TEXT     write TEXT to the terminal
 *   expect TEXT   wait (5 s at most) until the output after the last match holds TEXT
 *   absent TEXT   the output so far does not hold TEXT
 *   sleep MS      wait
 *   exit N        wait for the command to end; its exit status must be N
 *   # ...         a comment
 * On failure: "FAIL: STEPS:LINE: what" and the escaped transcript; exit status 1.  Exit
 * status 77 when the machine has no pseudo-terminal to give. */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define TIMEOUT_MS 5000

struct drive {
    int fd;
    pid_t pid;
    char *out;           /* everything the command wrote */
    size_t len, cap, mark;
    bool exited;
    int status;
};

static long now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* Decodes escapes in s (in place); returns the length. */
static size_t unescape(char *s)
{
    char *o = s;
    for (char *p = s; *p; p++) {
        if (*p != '\\' || !p[1]) { *o++ = *p; continue; }
        p++;
        switch (*p) {
        case 'n': *o++ = '\n'; break;
        case 'r': *o++ = '\r'; break;
        case 't': *o++ = '\t'; break;
        case 'e': *o++ = 27; break;
        case 'x': {
            char hex[3] = {p[1], p[1] ? p[2] : 0, 0};
            *o++ = (char)strtol(hex, NULL, 16);
            p += 2;
            break;
        }
        default: *o++ = *p;
        }
    }
    return (size_t)(o - s);
}

/* Reads what is there, waiting at most ms; false once the terminal is closed. */
static bool pump(struct drive *d, int ms)
{
    struct pollfd pf = {d->fd, POLLIN, 0};
    int n = poll(&pf, 1, ms);
    if (n <= 0) return n == 0 || errno == EINTR;
    if (d->len + 4096 > d->cap) {
        d->cap = d->cap * 2 + 8192;
        d->out = realloc(d->out, d->cap);
        if (!d->out) { perror("ptydrive"); exit(2); }
    }
    ssize_t r = read(d->fd, d->out + d->len, 4096);
    if (r <= 0) return false;   /* EIO: the command closed the terminal */
    d->len += (size_t)r;
    return true;
}

static bool find(const struct drive *d, size_t from, const char *text, size_t tlen, size_t *at)
{
    if (tlen == 0) { *at = from; return true; }
    for (size_t i = from; i + tlen <= d->len; i++)
        if (memcmp(d->out + i, text, tlen) == 0) { *at = i; return true; }
    return false;
}

static void transcript(const struct drive *d)
{
    printf("---- transcript (%zu bytes) ----\n", d->len);
    for (size_t i = 0; i < d->len; i++) {
        unsigned char c = (unsigned char)d->out[i];
        if (c == '\n') fputs("\\n\n", stdout);
        else if (c == '\r') fputs("\\r", stdout);
        else if (c < 0x20 || c >= 0x7f) printf("\\x%02x", c);
        else putchar(c);
    }
    printf("\n---- end ----\n");
}

int main(int argc, char **argv)
{
    if (argc < 4 || strcmp(argv[2], "--") != 0) {
        fprintf(stderr, "usage: ptydrive STEPS -- command [args...]\n");
        return 2;
    }
    FILE *steps = fopen(argv[1], "r");
    if (!steps) { perror(argv[1]); return 2; }
    struct winsize ws = {.ws_row = 40, .ws_col = 200};
    struct drive d = {0};
    d.pid = forkpty(&d.fd, NULL, NULL, &ws);
    if (d.pid < 0) { perror("forkpty"); return 77; }   /* no pseudo-terminals here: the caller skips */
    if (d.pid == 0) {
        execvp(argv[3], argv + 3);
        perror(argv[3]);
        _exit(127);
    }
    char line[4096];
    int lineno = 0;
    const char *fail = NULL;
    char why[8300];
    while (!fail && fgets(line, sizeof line, steps)) {
        lineno++;
        line[strcspn(line, "\n")] = '\0';
        char *arg = strchr(line, ' ');
        if (arg) *arg++ = '\0';
        else arg = line + strlen(line);
        if (line[0] == '#' || line[0] == '\0') continue;
        size_t alen = unescape(arg);
        if (strcmp(line, "send") == 0) {
            /* let the command finish what it is printing (30 ms of quiet, at most 1 s): a key sent
               while readline is between lines meets the terminal in canonical mode */
            long end = now_ms() + 1000;
            size_t before;
            do { before = d.len; } while (pump(&d, 30) && d.len != before && now_ms() < end);
            if (write(d.fd, arg, alen) != (ssize_t)alen) fail = "could not write to the terminal";
        } else if (strcmp(line, "expect") == 0) {
            long end = now_ms() + TIMEOUT_MS;
            size_t at;
            while (!find(&d, d.mark, arg, alen, &at)) {
                if (now_ms() >= end || !pump(&d, 50)) {
                    if (find(&d, d.mark, arg, alen, &at)) break;
                    snprintf(why, sizeof why, "never saw \"%s\"", arg);
                    fail = why;
                    break;
                }
            }
            if (!fail) d.mark = at + alen;
        } else if (strcmp(line, "absent") == 0) {
            size_t at;
            pump(&d, 100);
            if (find(&d, 0, arg, alen, &at)) { snprintf(why, sizeof why, "saw \"%s\" at byte %zu", arg, at); fail = why; }
        } else if (strcmp(line, "sleep") == 0) {
            long end = now_ms() + atol(arg);
            while (now_ms() < end) pump(&d, (int)(end - now_ms()));
        } else if (strcmp(line, "exit") == 0) {
            long end = now_ms() + TIMEOUT_MS;
            int st = 0;
            pid_t w = 0;
            while ((w = waitpid(d.pid, &st, WNOHANG)) == 0 && now_ms() < end) pump(&d, 50);
            for (size_t before = (size_t)-1; before != d.len && d.len < (1u << 26);) {   /* drain what is there */
                before = d.len;
                if (!pump(&d, 0)) break;
            }
            if (w != d.pid) { fail = "the command did not exit"; kill(d.pid, SIGKILL); }
            else {
                d.exited = true;
                int code = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
                if (code != atoi(arg)) { snprintf(why, sizeof why, "exit status %d, wanted %s", code, arg); fail = why; }
            }
        } else {
            snprintf(why, sizeof why, "unknown step '%s'", line);
            fail = why;
        }
    }
    fclose(steps);
    if (!d.exited) {
        kill(d.pid, SIGKILL);
        waitpid(d.pid, NULL, 0);
    }
    int rc = 0;
    if (fail) {
        printf("FAIL: %s:%d: %s\n", argv[1], lineno, fail);
        transcript(&d);
        rc = 1;
    }
    free(d.out);
    return rc;
}
