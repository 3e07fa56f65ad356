#!/usr/bin/env python3
# bench/splitcap.py CAPTURE N PREFIX: a classic pcap cut into N files of consecutive frames
# (PREFIX-1.pcap ... PREFIX-N.pcap), as a rotating capture leaves them; flows run across them.
import struct, sys

src, n, prefix = sys.argv[1], int(sys.argv[2]), sys.argv[3]
with open(src, "rb") as f:
    data = f.read()
magic = data[:4]
end = "<" if magic in (b"\xd4\xc3\xb2\xa1", b"\x4d\x3c\xb2\xa1") else ">"
header, off, starts = data[:24], 24, []
while off + 16 <= len(data):
    starts.append(off)
    caplen = struct.unpack(end + "I", data[off + 8:off + 12])[0]
    off += 16 + caplen
per = (len(starts) + n - 1) // n
for i in range(n):
    part = starts[i * per:(i + 1) * per]
    with open("%s-%d.pcap" % (prefix, i + 1), "wb") as out:
        out.write(header)
        if part:
            last = starts[(i + 1) * per] if (i + 1) * per < len(starts) else off
            out.write(data[part[0]:last])
