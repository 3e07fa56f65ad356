/* libFuzzer harness (make fuzz): the Lua field accessors on fuzzed frames.  The first input
 * byte picks the link type, the second the precision and how much longer the wire length
 * claims the frame was; the rest becomes a packet userdata (packet_push, as packets() makes
 * them), on which tests/fuzz/walk.lua reads every field pcaphunt.fields names (application
 * layers included: p.tls, p.quic open QUIC Initials), calls the methods and follows the packet
 * quoted by an ICMP error.  The same frame decoded into a struct full of stale bytes and copied
 * as the engine's packets are (packet_push_decoded copies only the per-frame part when there is
 * no encapsulation) must read the same texts.  One Lua state for the whole run. */
#include "core/decode.h"
#include "lua/packet.h"
#include "lua/pcaphunt.h"
#include "lua/session.h"

#include <lauxlib.h>
#include <lualib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const int linktypes[] = {
    LT_ETHERNET, LT_LINUX_SLL, LT_LINUX_SLL2, LT_NULL, LT_LOOP, LT_RAW, LT_DLT_RAW_ALT1,
    LT_DLT_RAW_ALT2, LT_IPV4, LT_IPV6, 147 /* a link type we do not decode */
};

static struct session session;
static lua_State *L;
static uint64_t runs;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc; (void)argv;
    const char *script = getenv("FUZZ_WALK");
    if (!script) script = "tests/fuzz/walk.lua";
    reset_table_init(&session.resets);
    session.step_limit = SESSION_DEFAULT_STEPS;
    session.memory_limit = (size_t)SESSION_DEFAULT_MEMORY_MIB << 20;
    L = luaL_newstate();
    if (!L) exit(2);
    packet_tune_state(L);
    session_attach(L, &session);
    luaL_openlibs(L);
    luaL_requiref(L, "pcaphunt", luaopen_pcaphunt, 1);
    lua_pop(L, 1);
    session_open_limits(L, &session);
    if (luaL_dofile(L, script) != LUA_OK) {
        fprintf(stderr, "fuzz_fields: %s\n", lua_tostring(L, -1));
        exit(2);
    }
    lua_settop(L, 0);
    /* what the input made is freed now: libFuzzer looks for leaks only in inputs that
     * malloc more than they free, and a scan per input would be most of the run */
    lua_gc(L, LUA_GCCOLLECT);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2) return 0;
    struct frame f;
    memset(&f, 0, sizeof f);
    f.number = ++runs;
    f.linktype = linktypes[data[0] % (sizeof linktypes / sizeof linktypes[0])];
    f.nano = data[1] & 1;
    f.hdr.ts.tv_sec = (time_t)(runs * 7919);
    f.hdr.ts.tv_usec = (suseconds_t)(f.nano ? 999999999 : 999999) - data[1];
    f.hdr.caplen = (bpf_u_int32)(size - 2);
    f.hdr.len = f.hdr.caplen + (data[1] & 0x80 ? (bpf_u_int32)(data[1] & 0x7e) << 8 : 0);
    f.bytes = data + 2;
    /* walk(p, 0, texts) on the packet as packets() makes it, then on a copy of a decoding made
     * over stale bytes; their texts joined must be equal */
    static struct decoded stale;
    memset(&stale, 0xa5, sizeof stale);
    decode_frame(&stale, f.linktype, f.bytes, f.hdr.caplen, f.hdr.len, &session.resets);
    for (int copy = 0; copy < 2; copy++) {
        lua_getglobal(L, "walk");
        if (copy) packet_push_decoded(L, &f, &stale);
        else packet_push(L, &f, &session.resets);
        lua_pushinteger(L, 0);
        lua_newtable(L);
        lua_pushvalue(L, -1);
        lua_insert(L, -5);            /* texts below walk's arguments */
        if (lua_pcall(L, 3, 0, 0) != LUA_OK) {
            /* the fields of any frame are readable: an error is a defect like a crash */
            fprintf(stderr, "fuzz_fields: walk raised: %s\n", lua_tostring(L, -1));
            abort();
        }
        lua_getglobal(L, "table");
        lua_getfield(L, -1, "concat");
        lua_remove(L, -2);
        lua_insert(L, -2);
        lua_pushliteral(L, "\n");
        lua_call(L, 2, 1);            /* the texts joined, in place of the table */
    }
    if (lua_rawlen(L, -1) != lua_rawlen(L, -2) || strcmp(lua_tostring(L, -1), lua_tostring(L, -2)) != 0) {
        fprintf(stderr, "fuzz_fields: a copy of a decoding over stale bytes reads differently:\n%s\n----\n%s\n",
                lua_tostring(L, -2), lua_tostring(L, -1));
        abort();
    }
    lua_settop(L, 0);
    /* what the input made is freed now: libFuzzer looks for leaks only in inputs that
     * malloc more than they free, and a scan per input would be most of the run */
    lua_gc(L, LUA_GCCOLLECT);
    return 0;
}
