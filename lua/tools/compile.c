/* Build-time tool: compiles a bundled script to Lua bytecode (debug information kept, so errors
 * and tracebacks name the same file and lines), which lua/embed.sh puts beside its text: the
 * program then loads its hunts without parsing them (about half of a small capture's run).
 *   compile CHUNKNAME SCRIPT.lua OUT   (CHUNKNAME as the program loads it: =scripts/NAME.lua) */
#include <lauxlib.h>
#include <lua.h>
#include <stdio.h>

static int write_out(lua_State *L, const void *p, size_t n, void *ud)
{
    (void)L;
    return fwrite(p, 1, n, ud) == n ? 0 : 1;
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: compile CHUNKNAME SCRIPT.lua OUT\n");
        return 2;
    }
    lua_State *L = luaL_newstate();
    if (!L) {
        fprintf(stderr, "compile: out of memory\n");
        return 2;
    }
    FILE *in = fopen(argv[2], "rb");
    if (!in) {
        perror(argv[2]);
        return 2;
    }
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    size_t n;
    char chunk[4096];
    while ((n = fread(chunk, 1, sizeof chunk, in)) > 0) luaL_addlstring(&b, chunk, n);
    fclose(in);
    luaL_pushresult(&b);
    size_t len;
    const char *text = lua_tolstring(L, -1, &len);
    if (luaL_loadbufferx(L, text, len, argv[1], "t") != LUA_OK) {
        fprintf(stderr, "compile: %s\n", lua_tostring(L, -1));
        return 1;
    }
    FILE *out = fopen(argv[3], "wb");
    if (!out) {
        perror(argv[3]);
        return 2;
    }
    int rc = lua_dump(L, write_out, out, 0);
    if (fclose(out) != 0 || rc != 0) {
        fprintf(stderr, "compile: cannot write %s\n", argv[3]);
        return 2;
    }
    lua_close(L);
    return 0;
}
