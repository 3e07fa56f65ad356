#!/bin/sh
# make release's training run: the instrumented build (BINARY) reads a generated capture and the test
# captures the ways people use it (every hunt, Lua loops over packets and their layers, field lists,
# find and summary), so that GCC lays out the final build by the counts (profile feedback).
#   sh bench/train.sh BINARY WORKDIR
set -u
bin=$1
dir=$2
cc=${CC:-cc}
mkdir -p "$dir" || exit 2
$cc -O2 -o "$dir/genbench" bench/genbench.c || { echo "train: cannot build bench/genbench.c" >&2; exit 2; }
"$dir/genbench" "$dir/train.pcap" 200000 > /dev/null || { echo "train: genbench failed" >&2; exit 2; }
cap=$dir/train.pcap

# run ARGS...: one run; findings give status 1, so only 2 and above (an error) stop the training
run() {
    "$bin" "$@" > /dev/null 2>> "$dir/train.err"
    rc=$?
    if [ "$rc" -ge 2 ]; then echo "train: $bin $* exited with $rc (see $dir/train.err)" >&2; exit 2; fi
}

run -r "$cap" --hunt all
run -r "$cap" --hunt all --json
run -r "$cap" -e 'local n = 0 for p in packets() do local ip, t, u = p.ip, p.tcp, p.udp
  if ip and ip.ttl < 16 and t and t.dstport == 515 then n = n + 1 end
  if u and u.length and p.ipv6 then n = n + 1 end end print(n)'
run -r "$cap" -e 'local c = 0 for p in packets() do if p.ttl == 14 and p.sport == 31337 and p.dport == 515 then c = c + 1 end end print(c)'
run -r "$cap" -e 'local c = {} for _, src, proto, len in packets{"ip.src", "ip.proto", "frame.len"} do
  if src then c[proto] = (c[proto] or 0) + len end end print(c[6])'
run -r "$cap" -e 'print(#find("tcp[tcpflags] & tcp-rst != 0")) print(#find(function(p) return p.dns ~= nil end)) summary()'
for f in tests/data/*.pcap tests/data/*.pcapng; do   # some are damaged on purpose: their status is theirs
    [ -f "$f" ] && "$bin" -r "$f" --hunt all > /dev/null 2>&1
done
exit 0
