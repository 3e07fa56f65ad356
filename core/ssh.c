/* SSH identification string (RFC 4253 section 4.2): "SSH-protoversion-softwareversion" at a
 * segment's start, up to CR LF; ssh.protocol is the line without its end. */
#include "app.h"
#include "bytes.h"

#include <string.h>

bool ssh_decode(struct app_info *a, const uint8_t *b, uint32_t off, uint32_t len)
{
    const uint8_t *p = b + off;
    if (len < 8 || memcmp(p, "SSH-", 4) != 0) return false;
    size_t n = len < 255 ? len : 255, i = 4;
    while (i < n && ((p[i] >= '0' && p[i] <= '9') || p[i] == '.')) i++;
    if (i == 4 || i >= n || p[i] != '-') return false;   /* protoversion, then '-' */
    while (i < n && p[i] != '\r' && p[i] != '\n') {
        if (p[i] < 0x20 || p[i] > 0x7e) return false;   /* printable US-ASCII only */
        i++;
    }
    a->proto = APP_SSH;
    a->u.ssh.protocol = (struct span){off, (uint32_t)i};
    if (i == n) a->truncated = "ssh identification string continues";
    return true;
}
