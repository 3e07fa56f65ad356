#!/usr/bin/env python3
# Sends crafted Ethernet frames on an interface from an AF_PACKET socket (the live-capture
# tests' traffic: the seed's Q Trojan packet among others) and writes the same frames to a
# classic pcap file, so the file run gives the findings the live run must give.
# usage: inject.py IFACE OUT.pcap [udp]   (root; "udp": also a UDP frame the test's filter drops)
import socket, struct, sys, time

def csum(b):
    if len(b) % 2: b += b"\0"
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    while s >> 16: s = (s & 0xffff) + (s >> 16)
    return ~s & 0xffff

def ip4(a): return socket.inet_aton(a)

def ipv4(src, dst, proto, payload, ttl=64, ident=0x3a01, df=False):
    h = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(payload), ident, 0x4000 if df else 0, ttl, proto, 0, ip4(src), ip4(dst))
    return h[:10] + struct.pack("!H", csum(h)) + h[12:] + payload

def tcp(src, dst, sport, dport, flags, payload=b"", seq=1000, ack=0):
    h = struct.pack("!HHIIBBHHH", sport, dport, seq, ack, 5 << 4, flags, 8192, 0, 0)
    pseudo = ip4(src) + ip4(dst) + struct.pack("!BBH", 0, 6, len(h) + len(payload))
    c = csum(pseudo + h + payload)
    return h[:16] + struct.pack("!H", c) + h[18:] + payload

def udp(src, dst, sport, dport, payload):
    h = struct.pack("!HHHH", sport, dport, 8 + len(payload), 0)
    c = csum(ip4(src) + ip4(dst) + struct.pack("!BBH", 0, 17, len(h) + len(payload)) + h + payload)
    return h[:6] + struct.pack("!H", c or 0xffff) + payload

def eth(payload):
    return bytes.fromhex("020000000005") + bytes.fromhex("020000000001") + b"\x08\x00" + payload

RST, SYN, ACK = 0x04, 0x02, 0x10
frames = [
    # the seed's packet: 255.255.255.255:31337 > :515 RST+ACK, IP ID 0, TTL 14, "Reset cause: cko"
    eth(ipv4("255.255.255.255", "10.0.0.5", 6,
             tcp("255.255.255.255", "10.0.0.5", 31337, 515, RST | ACK, b"Reset cause: cko", seq=0, ack=1), ttl=14, ident=0)),
    # an ordinary connection attempt
    eth(ipv4("10.0.0.7", "10.0.0.5", 6, tcp("10.0.0.7", "10.0.0.5", 40000, 80, SYN), ttl=64, ident=0x1234, df=True)),
]
udp_frame = eth(ipv4("10.0.0.7", "10.0.0.5", 17, udp("10.0.0.7", "10.0.0.5", 5353, 53, b"hello"), ttl=64, ident=0x1235))

iface, out = sys.argv[1], sys.argv[2]
send = list(frames)
if len(sys.argv) > 3 and sys.argv[3] == "udp":
    send.insert(1, udp_frame)
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
s.bind((iface, 0))
with open(out, "wb") as f:
    f.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 262144, 1))
    for fr in frames:   # the file holds what the capture's filter lets through
        t = time.time()
        f.write(struct.pack("<IIII", int(t), int((t % 1) * 1e6), len(fr), len(fr)) + fr)
for fr in send:
    s.send(fr)
    time.sleep(0.05)
