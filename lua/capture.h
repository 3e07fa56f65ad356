/* Captures in Lua: pcaphunt.open(path) → capture userdata with cap:packets([bpf]),
 * a C-closure iterator that filters in C; and pcaphunt.writer(path [, like]). */
#ifndef PCAPHUNT_LUA_CAPTURE_H
#define PCAPHUNT_LUA_CAPTURE_H

#include <lua.h>
#include "core/capture.h"

#define CAPTURE_MT "pcaphunt.capture"
#define WRITER_MT "pcaphunt.writer"

struct lcapture {
    struct capture cap;
    bool open;
    bool failed;            /* iteration ended on damage: warned once already */
    char filter[1024];      /* default BPF (trailing expression of -r), or "" */
};

/* Opens path and pushes a capture; on failure pushes nothing and returns NULL with c->error style
 * text in err. */
struct lcapture *lcapture_open(lua_State *L, const char *path, const char *filter, char *err, size_t errsz);
struct lcapture *lcapture_check(lua_State *L, int idx);
/* The names a capture answers to (cap.name, cap:packets), NULL-ended. */
extern const char *const capture_field_names[];
extern const char *const capture_method_names[];
/* Compiles expr for the capture's link type into a new bpf userdata (pushed); raises on error. */
struct bpf_program *lbpf_push(lua_State *L, struct lcapture *c, const char *expr);
int lwriter_new(lua_State *L);
void capture_lua_open(lua_State *L);

#endif
