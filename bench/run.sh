#!/bin/sh
# make bench: packets per second for the paths that matter, on a generated capture
# (bench/genbench.c; BENCH_PACKETS frames, default 1,000,000).  Speed is measured here,
# never in the tests.  Results go to stdout and bench/out/results.txt.
set -eu
cd "$(dirname "$0")/.."
n=${BENCH_PACKETS:-1000000}
mkdir -p bench/out
cc -O2 -o bench/out/genbench bench/genbench.c
cap=bench/out/bench-$n.pcap
[ -s "$cap" ] || ./bench/out/genbench "$cap" "$n"
run() { # NAME COMMAND...: best of three wall-clock runs
    name=$1; shift
    best=""
    for _ in 1 2 3; do
        t0=$(date +%s.%N)
        "$@" > /dev/null 2>&1 || [ $? -le 1 ]
        t1=$(date +%s.%N)
        t=$(echo "$t1 - $t0" | bc -l 2>/dev/null || awk "BEGIN { print $t1 - $t0 }")
        best=$(awk -v a="${best:-$t}" -v b="$t" 'BEGIN { print (b < a) ? b : a }')
    done
    awk -v n="$n" -v t="$best" -v name="$name" 'BEGIN { printf "%-44s %8.3f s  %12.0f packets/s\n", name, t, n / t }'
}
{
    echo "pcaphunt bench, $n packets, $(date -u +%Y-%m-%dT%H:%M:%SZ), $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
    run "BPF in C, Lua for 1 packet in 10,000" ./pcaphunt -r "$cap" -e 'local n = 0 for p in packets("tcp port 515") do n = n + 1 end'
    run "every packet to Lua (packets())" ./pcaphunt -r "$cap" -e 'local n = 0 for p in packets() do n = n + 1 end'
    run "every packet, p.ip.ttl read in Lua" ./pcaphunt -r "$cap" -e 'local n = 0 for p in packets() do if p.ip and p.ip.ttl == 14 then n = n + 1 end end'
    run "one summary line per packet (print(p))" ./pcaphunt -r "$cap" -e 'for p in packets() do print(p) end'
    run "--hunt all" ./pcaphunt -r "$cap" --hunt all
    run "--hunt q-trojan" ./pcaphunt -r "$cap" --hunt q-trojan
    if command -v tshark > /dev/null; then
        run "tshark -Y 'ip.ttl == 14' (for comparison)" tshark -r "$cap" -Y 'ip.ttl == 14'
    fi
} | tee bench/out/results.txt
