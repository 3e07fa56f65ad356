/* luafloor: what Lua itself costs for what loop (1) of make bench asks of it, with no capture read
 * and nothing decoded: per packet a full userdata of a packet's size (its frame copied in) from a
 * C iterator, the views p.ip and p.tcp (a userdata each, holding its packet, cached in it) and five
 * C __index calls.  The same liblua, allocator scheme and collector settings as pcaphunt (lua/packet.c).
 * The heap starts as large as pcaphunt's (its collector paces itself by the heap's size).
 * Usage: luafloor FRAMES MEAN_CAPLEN IP_PERCENT TCP_PERCENT HEAP_KIB; prints the loop's count. */
#include "lua/packet.h"

#include <lua.h>
#include <lauxlib.h>
#include <lualib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* As pcaphunt's pool_alloc: a free list per exact block size, so packets reuse freed blocks. */
#define POOL_MAX 16384
static void *pool_free[POOL_MAX + 1];

static void *pool_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
    (void)ud;
    if (nsize == 0) {
        if (ptr && osize >= sizeof(void *) && osize <= POOL_MAX) {
            *(void **)ptr = pool_free[osize];
            pool_free[osize] = ptr;
        } else {
            free(ptr);
        }
        return NULL;
    }
    if (ptr) return nsize == osize ? ptr : realloc(ptr, nsize);
    if (nsize <= POOL_MAX && pool_free[nsize]) {
        void *p = pool_free[nsize];
        pool_free[nsize] = *(void **)p;
        return p;
    }
    return malloc(nsize);
}

struct fview { int layer; void *pk; };

static long frames, caplen, ip_pct, tcp_pct, made, ip_acc, tcp_acc;
static unsigned char frame[65536];

/* upvalue 1: the packet metatable */
static int iter(lua_State *L)
{
    if (made == frames) return 0;
    made++;
    struct lpacket *pk = lua_newuserdatauv(L, sizeof *pk + (size_t)caplen, 6);
    memset(pk, 0, sizeof *pk);
    memcpy(pk->bytes, frame, (size_t)caplen);
    /* the layers present, spread evenly at the given shares */
    ip_acc += ip_pct;
    tcp_acc += tcp_pct;
    pk->d.layers = 0;
    if (ip_acc >= 100) { ip_acc -= 100; pk->d.layers |= 1; }
    if (tcp_acc >= 100) { tcp_acc -= 100; pk->d.layers |= 2; }
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_setmetatable(L, -2);
    return 1;
}

/* p.ip / p.tcp: the view cached in user value 2 or 3, else made; upvalue 1: the view metatable */
static int packet_index(lua_State *L)
{
    struct lpacket *pk = lua_touserdata(L, 1);
    const char *k = lua_tostring(L, 2);
    int bit = k[0] == 'i' ? 1 : 2;
    if (!(pk->d.layers & bit)) { lua_pushnil(L); return 1; }
    if (lua_getiuservalue(L, 1, 1 + bit) == LUA_TUSERDATA) return 1;
    lua_pop(L, 1);
    struct fview *v = lua_newuserdatauv(L, sizeof *v, 1);
    v->layer = bit;
    v->pk = pk;
    lua_pushvalue(L, 1);
    lua_setiuservalue(L, -2, 1);
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_setmetatable(L, -2);
    lua_pushvalue(L, -1);
    lua_setiuservalue(L, 1, 1 + bit);
    return 1;
}

/* ip.ttl, ip.id, t.srcport: an integer (never the loop's match, as in the bench capture mostly) */
static int view_index(lua_State *L)
{
    struct fview *v = lua_touserdata(L, 1);
    lua_pushinteger(L, v->layer + 64);
    return 1;
}

int main(int argc, char **argv)
{
    if (argc != 6) { fprintf(stderr, "usage: luafloor FRAMES MEAN_CAPLEN IP_PERCENT TCP_PERCENT HEAP_KIB\n"); return 2; }
    frames = atol(argv[1]);
    caplen = atol(argv[2]);
    ip_pct = atol(argv[3]);
    tcp_pct = atol(argv[4]);
    long heap_kib = atol(argv[5]);
    if (frames < 0 || caplen < 0 || caplen > (long)sizeof frame) { fprintf(stderr, "luafloor: bad arguments\n"); return 2; }
    lua_State *L = luaL_newstate();
    lua_setallocf(L, pool_alloc, NULL);
    lua_gc(L, LUA_GCINC, 120, 0, 0);
    lua_gc(L, LUA_GCGEN, 0, 25);
    luaL_openlibs(L);
    lua_newtable(L);                          /* the view metatable */
    lua_pushcfunction(L, view_index);
    lua_setfield(L, -2, "__index");
    lua_newtable(L);                          /* the packet metatable */
    lua_pushvalue(L, -2);
    lua_pushcclosure(L, packet_index, 1);
    lua_setfield(L, -2, "__index");
    lua_pushcclosure(L, iter, 1);
    lua_setglobal(L, "next_packet");
    lua_pop(L, 1);
    /* ballast: strings of 1 KiB kept to the end, up to the heap pcaphunt starts with */
    lua_newtable(L);
    for (long i = 1; i * 1024 < heap_kib * 1024 - (long)lua_gc(L, LUA_GCCOUNT, 0) * 1024; i++) {
        char b[1000];
        memset(b, 'a', sizeof b);
        memcpy(b, &i, sizeof i);
        lua_pushlstring(L, b, sizeof b);
        lua_rawseti(L, -2, i);
    }
    lua_setglobal(L, "ballast");
    const char *loop = "local n = 0 for p in next_packet do local ip, t = p.ip, p.tcp "
                       "local ttl, id, sport = ip and ip.ttl, ip and ip.id, t and t.srcport "
                       "if ttl == 14 and id == 0 and sport == 31337 then n = n + 1 end end print(n)";
    if (luaL_dostring(L, loop)) { fprintf(stderr, "luafloor: %s\n", lua_tostring(L, -1)); return 2; }
    lua_close(L);
    return 0;
}
