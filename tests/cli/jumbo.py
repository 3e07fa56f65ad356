#!/usr/bin/env python3
# Writes a classic pcap of N Ethernet/IPv4 frames for the read-ahead cases (tests/cli/cases.sh): TCP
# flows with data, every 7th frame a jumbo UDP datagram (9000 bytes, larger than a ring slot holds),
# every 50th a RST carrying "Reset cause: cko"; with HUGE, every 9th frame past the 4100th is a
# 100,000-byte frame (Ethernet type 0x88b5, a local experiment).  Usage: jumbo.py FILE N [HUGE]
import struct, sys

def csum(b):
    if len(b) % 2: b += b"\0"
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    while s >> 16: s = (s & 0xffff) + (s >> 16)
    return ~s & 0xffff

def ipv4(src, dst, proto, payload, ident):
    h = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(payload), ident & 0xffff, 0x4000, 64, proto, 0,
                    bytes(src), bytes(dst))
    return h[:10] + struct.pack("!H", csum(h)) + h[12:] + payload

def frame(ip):
    return b"\x02\0\0\0\0\x02" + b"\x02\0\0\0\0\x01" + b"\x08\x00" + ip

out = open(sys.argv[1], "wb")
n = int(sys.argv[2])
huge = len(sys.argv) > 3
out.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
for i in range(n):
    host = [10, 0, (i // 40) % 250, 1 + i % 40]
    srv = [192, 0, 2, 1 + i % 7]
    if i % 7 == 3:
        payload = bytes((i + k) & 0xff for k in range(9000 - 28))
        ip = ipv4(host, srv, 17, struct.pack("!HHHH", 40000 + i % 500, 9999, 8 + len(payload), 0) + payload, i)
    elif i % 50 == 49:
        data = b"Reset cause: cko"
        ip = ipv4(srv, host, 6, struct.pack("!HHIIBBHHH", 443, 40000 + i % 500, i, 0, 0x50, 0x14, 0, 0, 0) + data, 0)
    else:
        data = bytes(100 + i % 900)
        ip = ipv4(host, srv, 6, struct.pack("!HHIIBBHHH", 40000 + i % 500, 443, i * 1000, 1, 0x50, 0x18, 65535, 0, 0) + data, i)
    f = frame(ip)
    if huge and i > 4100 and i % 9 == 0:
        f = b"\x02\0\0\0\0\x02" + b"\x02\0\0\0\0\x01" + b"\x88\xb5" + bytes((i * k) & 0xff for k in range(100000 - 14))
    out.write(struct.pack("<IIII", 1101200000 + i // 1000, (i % 1000) * 1000, len(f), len(f)) + f)
