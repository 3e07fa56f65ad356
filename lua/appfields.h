/* Application fields (dns, http, tls, ssh, quic layers), conversations (tcp.stream, udp.stream,
 * p.conversation) and p:has_addr: the part of the packet binding that lua/packet.c hands every
 * field id from F_APP_FIRST on.  The application decoding is made on first use and cached. */
#ifndef PCAPHUNT_LUA_APPFIELDS_H
#define PCAPHUNT_LUA_APPFIELDS_H

#include <lua.h>
#include <lauxlib.h>
#include "packet.h"

/* Pushes field `id` of the packet at pidx (absolute); returns the number of values pushed. */
int appfields_push(lua_State *L, int pidx, struct lpacket *pk, int id);
/* Pushes a new, empty decoding cache with two buffers of cap bytes (a QUIC Initial's decrypted
 * payload and CRYPTO data) and returns its app_info. */
struct app_info *appfields_new_cache(lua_State *L, size_t cap);
/* The app_info of the cache at idx (raises if it is not one); with buf not NULL, *buf: its buffers. */
struct app_info *appfields_cache(lua_State *L, int idx, uint8_t **buf);
/* True inside a hunt without conversations = true for a packet of a hunt run: tcp.stream,
 * udp.stream and p.conversation raise there (p:show() leaves them out). */
bool appfields_conversation_hidden(lua_State *L, const struct lpacket *pk);
/* Appends the application layer's "name = value" lines for p:show(). */
void appfields_show(lua_State *L, luaL_Buffer *b, int pidx, struct lpacket *pk);

#endif
