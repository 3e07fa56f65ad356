#!/bin/sh
# make bench: the engine's speed and memory targets, measured in one run against a stock libpcap
# pcap_next_ex loop (bench/stock.c) over the same generated capture (bench/genbench.c), with what
# pcaphunt counts checked against the generator's truth file.  Speed is measured here, never in the tests.
#
#   BENCH_PACKETS=N   frames in the capture (default 1000000)
#   BENCH_QUICK=1     skip the 5N-frame memory run
#   PCAPHUNT=FILE     the program measured (default ./pcaphunt; make bench: build/release/pcaphunt)
#
# Results go to stdout and bench/out/results.txt; the exit status is 1 when a target or a truth
# check failed (after everything is printed), 2 when the bench itself could not run.
set -u
cd "$(dirname "$0")/.." || exit 2
n=${BENCH_PACKETS:-1000000}
quick=${BENCH_QUICK:-0}
out=bench/out
res=$out/results.txt
cc=${CC:-cc}
mkdir -p "$out"
: > "$res"
failed=0

say() { printf '%s\n' "$*"; printf '%s\n' "$*" >> "$res"; }
die() { echo "bench: $*" >&2; exit 2; }

# ---- tools ----
ph=${PCAPHUNT:-./pcaphunt}   # make bench: build/release/pcaphunt (make release)
[ -x "$ph" ] || die "$ph is not built (run make bench)"
$cc -O2 -o "$out/genbench" bench/genbench.c || die "cannot build bench/genbench.c"
pcap_flags=$(pkg-config --cflags --libs libpcap 2>/dev/null || echo -lpcap)
# shellcheck disable=SC2086 # $pcap_flags is a list of flags
$cc -O2 -o "$out/stock" bench/stock.c $pcap_flags || die "cannot build bench/stock.c"
# bench/luafloor.c: Lua's own cost of loop (1)'s objects and calls, built against the Lua pcaphunt links
lua_a=$($cc -print-file-name=liblua5.4.a 2>/dev/null)
if [ -f "$lua_a" ]; then lua_link="$lua_a -ldl"; else lua_link=$(pkg-config --libs lua5.4 2>/dev/null || echo -llua5.4); fi
# shellcheck disable=SC2086 # lists of flags
$cc -O2 -I. $(pkg-config --cflags lua5.4 libpcap 2>/dev/null) -o "$out/luafloor" bench/luafloor.c $lua_link -lm ||
    die "cannot build bench/luafloor.c"
if /usr/bin/time -f %M true > /dev/null 2>&1; then
    rss_tool="/usr/bin/time -f %M -o"
else
    $cc -O2 -D_DEFAULT_SOURCE -o "$out/maxrss" bench/maxrss.c || die "cannot build bench/maxrss.c"
    rss_tool="$out/maxrss"
fi

# capture FRAMES: makes bench/out/bench-FRAMES.pcap and .truth unless they exist from this genbench.c
capture() {
    stamp=$(cksum < bench/genbench.c)
    if [ ! -s "$out/bench-$1.pcap" ] || [ ! -s "$out/bench-$1.truth" ] ||
       [ "$(cat "$out/bench-$1.stamp" 2>/dev/null)" != "$stamp" ]; then
        echo "bench: generating $out/bench-$1.pcap ($1 frames)" >&2
        "$out/genbench" "$out/bench-$1.pcap" "$1" || die "genbench failed"
        echo "$stamp" > "$out/bench-$1.stamp"
    fi
}
capture "$n"
cap=$out/bench-$n.pcap
truth=$out/bench-$n.truth
tv() { sed -n "s/^$1=//p" "$truth"; }           # a truth value
pct() { awk -v a="$1" -v b="$(tv frames)" 'BEGIN { printf "%.1f%%", 100 * a / b }'; }

# ---- timing ----
now() { t=$(date +%s.%N); case $t in *N) date +%s ;; *) echo "$t" ;; esac; }
# best CMDLINE: best-of-3 wall-clock seconds of a shell command line, after one run that is not timed
# (the capture then comes from the page cache for every path, the first measured too), in $best;
# with hyperfine also the mean CPU seconds (user + system, all threads) in $cpu, else "-"
best() {
    printf '%s\n' "$1" > "$out/cmd.sh"
    best=""
    cpu="-"
    if command -v hyperfine > /dev/null 2>&1; then
        hyperfine -N -i --warmup 1 --runs 3 --style none --export-json "$out/hyperfine.json" "sh $out/cmd.sh" > /dev/null 2>&1
        best=$(sed -n 's/^ *"min": *\([0-9.eE+-]*\),*$/\1/p' "$out/hyperfine.json" | head -n 1)
        u=$(sed -n 's/^ *"user": *\([0-9.eE+-]*\),*$/\1/p' "$out/hyperfine.json" | head -n 1)
        y=$(sed -n 's/^ *"system": *\([0-9.eE+-]*\),*$/\1/p' "$out/hyperfine.json" | head -n 1)
        [ -n "$u" ] && [ -n "$y" ] && cpu=$(awk -v u="$u" -v y="$y" 'BEGIN { printf "%.3f", u + y }')
    fi
    if [ -z "$best" ]; then                     # no hyperfine (or it failed): plain shell
        sh "$out/cmd.sh" > /dev/null 2>&1
        for _ in 1 2 3; do
            t0=$(now); sh "$out/cmd.sh" > /dev/null 2>&1; t1=$(now)
            best=$(awk -v b="$best" -v t0="$t0" -v t1="$t1" 'BEGIN { d = t1 - t0; print (b == "" || d < b) ? d : b }')
        done
    fi
}
# measure NAME CMDLINE [MAXRATIO]: one table line; with MAXRATIO, PASS when seconds <= MAXRATIO x stock
measure() {
    best "$2"
    [ -n "${stock:-}" ] || stock=$best
    line=$(awk -v name="$1" -v t="$best" -v c="$cpu" -v n="$n" -v s="$stock" -v max="${3:-}" 'BEGIN {
        r = t / s
        printf "%-52s %8.3f %8s %12.0f %8.2fx", name, t, c, n / t, r
        if (max != "") printf "  <= %.1fx  %s", max, (r <= max + 0) ? "PASS" : "FAIL"
    }')
    say "$line"
    case $line in *FAIL) failed=1 ;; esac
}
q() { printf "'%s'" "$1"; }                     # single-quoted for cmd.sh (no ' inside)

# (1) reads p.ip, p.tcp, ip.ttl, ip.id and t.srcport of every IPv4 TCP packet (p.ip and p.tcp of all):
# the target's loop.  (2) short-circuits as a hunter would write it: only p.ip and ip.ttl for most.
lua5='local n = 0 for p in packets() do local ip, t = p.ip, p.tcp local ttl, id, sport = ip and ip.ttl, ip and ip.id, t and t.srcport if ttl == 14 and id == 0 and sport == 31337 then n = n + 1 end end print(n)'
lua5short='local n = 0 for p in packets() do local ip = p.ip if ip and ip.ttl == 14 and ip.id == 0 then local t = p.tcp if t and t.srcport == 31337 and t.flags == 20 then n = n + 1 end end end print(n)'
lua5all='local n = 0 for p in packets() do local ip, t, ttl, sport, dport = p.ip, p.tcp, p.ttl, p.sport, p.dport if ttl == 14 and sport == 31337 and dport == 515 and ip and ip.id == 0 and t and t.flags == 20 then n = n + 1 end end print(n)'
lua5list='local n = 0 for _, ttl, id, sport, dport, flags in packets{"ip.ttl", "ip.id", "tcp.srcport", "tcp.dstport", "tcp.flags"} do if ttl == 14 and id == 0 and sport == 31337 and dport == 515 and flags == 20 then n = n + 1 end end print(n)'
count='local n = 0 for p in packets() do n = n + 1 end print(n)'

say "pcaphunt bench: $cap, $(date -u +%Y-%m-%dT%H:%M:%SZ), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?'), best of 3 wall-clock ($(command -v hyperfine > /dev/null 2>&1 && echo hyperfine || echo plain shell))"
[ -r /proc/loadavg ] && say "load average at start: $(cut -d' ' -f1-3 /proc/loadavg) on $(getconf _NPROCESSORS_ONLN 2>/dev/null || echo '?') CPUs (timings are wall-clock: other load slows them)"
say "program: $ph"
say "capture: $(tv frames) frames, $(tv bytes) bytes, $(tv flows) flows; tcp $(pct "$(tv tcp_frames)"), udp $(pct "$(tv udp_frames)") (dns $(pct "$(tv dns_frames)"), ntp $(pct "$(tv ntp_frames)")), icmp $(pct "$(tv icmp_frames)"); ipv6 $(pct "$(tv ipv6_frames)"), vlan $(pct "$(tv vlan_frames)")"
say "anomalies: $(tv q_trojan) Q Trojan packets (1 per $(tv q_trojan_every) frames, $(tv q_trojan_vlan) in a VLAN tag), $(tv sonicwall_cko) SonicWALL cko resets in established flows (1 per $(tv sonicwall_cko_every)); $(tv rst_packets) RSTs, $(tv rst_with_payload) with payload"
say ""
say "$(printf '%-52s %8s %8s %12s %9s  %s' 'speed' 'seconds' 'cpu s' 'packets/s' 'vs stock' 'target')"
say "(seconds: best of 3, wall clock, what the targets compare; cpu s: mean user + system of all threads)"
measure "stock libpcap loop (pcap_next_ex, bench/stock.c)" "$out/stock $cap > $out/stock.out"
measure "pcaphunt --hunt all (flow table included)" "$ph -r $cap --hunt all > $out/hunt-all.out 2> $out/hunt-all.err" 1.0
measure "--hunt all on one thread (PCAPHUNT_READAHEAD=0)" "PCAPHUNT_READAHEAD=0 $ph -r $cap --hunt all > $out/hunt-all1.out 2> $out/hunt-all1.err"
measure "pcaphunt --hunt q-trojan" "$ph -r $cap --hunt q-trojan > $out/hunt-q.out 2> $out/hunt-q.err"
measure "Lua loop reading five fields of every packet (1)" "$ph -r $cap -e $(q "$lua5") > $out/lua5.out 2> $out/lua5.err" 2.5
measure "Lua loop, short-circuit reads (2)" "$ph -r $cap -e $(q "$lua5short") > $out/lua5short.out 2> $out/lua5short.err"
measure "Lua loop, packet shortcuts p.ttl p.sport p.dport (3)" "$ph -r $cap -e $(q "$lua5all") > $out/lua5all.out 2> $out/lua5all.err"
measure "Lua loop over a field list, five fields (4)" "$ph -r $cap -e $(q "$lua5list") > $out/lua5list.out 2> $out/lua5list.err" 2.5
list=$best
heap_kib=$($ph -r "$cap" -e 'print(math.floor(collectgarbage("count")))' 2>/dev/null)
floor_args="$(tv frames) $(($(tv bytes) / $(tv frames))) $(($(tv ipv4_frames) * 100 / $(tv frames))) $(($(tv tcp_frames) * 100 / $(tv frames))) ${heap_kib:-1700}"
measure "Lua alone: loop (1)'s objects and calls, nothing read (5)" "$out/luafloor $floor_args > $out/luafloor.out"
floor=$best
measure "Lua: for p in packets() do end" "$ph -r $cap -e 'for p in packets() do end' > /dev/null 2> $out/empty.err"
measure "Lua: print(p), one summary line per packet" "$ph -r $cap -e 'for p in packets() do print(p) end' > /dev/null 2> $out/print.err"
# the stock loop again, after the paths: when the machine's speed moved during the run (other load, the
# page cache), every ratio above moved with it, and the run says so
stock_start=$stock
measure "stock libpcap loop again, after the paths above" "$out/stock $cap > $out/stock.out"
say "$(awk -v a="$stock_start" -v b="$best" 'BEGIN { d = (b > a ? b - a : a - b) / (a < b ? a : b)
    if (d > 0.10) printf "    the stock loop took %.3f s at the start and %.3f s after (%.0f%% apart): the machine'"'"'s speed changed during\n    the run, so the ratios are not reliable; run make bench again on a quiet machine", a, b, 100 * d
    else printf "    the stock loop took %.3f s at the start and %.3f s after (within 10%%): the ratios above hold for this run", a, b }')"
if command -v tshark > /dev/null 2>&1; then
    measure "tshark -Y, same five fields (comparison)" "tshark -n -r $cap -Y 'ip.ttl == 14 && ip.id == 0 && tcp.srcport == 31337 && tcp.flags == 0x014' > $out/tshark.out 2> /dev/null"
else
    say "tshark -Y (comparison): tshark not installed, skipped"
fi
say "(1) $lua5"
say "    The target's loop: p.ip and p.tcp of every packet, ip.ttl, ip.id and tcp.srcport of every IPv4 TCP one."
say "(2) $lua5short"
say "    Lua's 'and' short-circuits: every packet reads p.ip, every IPv4 packet ip.ttl; the rest only on TTL 14."
say "(3) $lua5all"
say "    reads p.ip, p.tcp, p.ttl, p.sport and p.dport of every packet (the rest only on a match); no target"
say "(4) $lua5list"
say "    five fields of every packet as values (no packet object, no call per field): the target's loop"
say "    written with packets{...}; (1) meets the target only if each field read through p.ip/p.tcp does"
say "(5) bench/luafloor $floor_args: loop (1)'s text run by the same Lua, allocator scheme and collector"
say "    settings, on packets of the capture's mean size made by a C iterator, with no capture read and"
say "    nothing decoded: what Lua itself costs for a packet userdata, two views and five __index calls."
say "$(awk -v f="$floor" -v l="$list" -v s="$stock" 'BEGIN { printf "    (5) + (4) = %.2fx: loop (1) costs at least about this with this Lua API (a userdata per view,\n    a metamethod call per read) if pcaphunt added nothing to reading and decoding (4).", (f + l) / s }')"
say ""

# ---- many files: -j ----
# the capture cut into 4 files of consecutive frames (flows run across them), read as one stream
python3 bench/splitcap.py "$cap" 4 "$out/part" || die "cannot cut $cap into files"
files="-r $out/part-1.pcap -r $out/part-2.pcap -r $out/part-3.pcap -r $out/part-4.pcap"
say "many files: --hunt all over $cap cut into 4 files, one process against -j 2 (target: <= 0.6x, the same findings)"
best "$ph $files --hunt all --json --all-findings > $out/files-seq.out 2> $out/files-seq.err"; t1=$best; c1=$cpu
best "$ph -j 2 $files --hunt all --json --all-findings > $out/files-j2.out 2> $out/files-j2.err"; t2=$best; c2=$cpu
line=$(awk -v a="$t1" -v b="$t2" -v ca="$c1" -v cb="$c2" 'BEGIN {
    printf "  one process %.3f s (cpu %s s), -j 2 %.3f s (cpu %s s): %.2fx  <= 0.6x  %s", a, ca, b, cb, b / a, (b / a <= 0.6) ? "PASS" : "FAIL" }')
say "$line"
case $line in *FAIL) failed=1 ;; esac
if cmp -s "$out/files-seq.out" "$out/files-j2.out" && cmp -s "$out/files-seq.err" "$out/files-j2.err"; then
    say "  PASS  -j 2 findings byte-identical to the one-process run ($(wc -l < "$out/files-seq.out" | tr -d ' ') lines)"
else
    say "  FAIL  -j 2 findings differ from the one-process run ($out/files-seq.out, $out/files-j2.out)"; failed=1
fi
say ""

# ---- memory ----
rss() { # FRAMES: max RSS in KiB of pcaphunt --hunt all over bench-FRAMES.pcap, in $kib
    $rss_tool "$out/rss.txt" $ph -r "$out/bench-$1.pcap" --hunt all > /dev/null 2>&1
    kib=$(tail -n 1 "$out/rss.txt")
}
say "memory: peak RSS of pcaphunt --hunt all (target < 100 MiB, flat when the capture is 5x longer)"
rss "$n"; k1=$kib
say "$(awk -v k="$k1" -v n="$n" 'BEGIN { printf "  %-10d frames  %8d KiB = %6.1f MiB  %s", n, k, k / 1024, k < 102400 ? "PASS" : "FAIL" }')"
[ "$k1" -lt 102400 ] || failed=1
if [ "$quick" = 1 ]; then
    say "  5N run skipped (BENCH_QUICK=1)"
else
    n5=$((n * 5))
    capture "$n5"
    rss "$n5"; k5=$kib
    line=$(awk -v k="$k5" -v k1="$k1" -v n="$n5" 'BEGIN { ok = k < 102400 && k <= k1 * 1.10 + 2048
        printf "  %-10d frames  %8d KiB = %6.1f MiB  %+.1f%% of the N peak (flat: within 10%% + 2 MiB)  %s", n, k, k / 1024, 100 * (k - k1) / k1, ok ? "PASS" : "FAIL" }')
    say "$line"
    case $line in *FAIL) failed=1 ;; esac
fi
say ""

# ---- truth checks ----
say "truth checks against $truth"
check() { # WHAT GOT WANT
    if [ "$2" = "$3" ]; then say "  PASS  $1: $2"; else say "  FAIL  $1: got ${2:-nothing}, truth $3"; failed=1; fi
}
check "stock loop packets" "$(sed -n 's/^packets=\([0-9]*\).*/\1/p' "$out/stock.out")" "$(tv frames)"
check "stock loop bytes (caplen sum)" "$(sed -n 's/.*bytes=\([0-9]*\).*/\1/p' "$out/stock.out")" "$(tv bytes)"
check "pcaphunt -e packet count" "$($ph -r "$cap" -e "$count" 2>&1)" "$(tv frames)"
check "Lua five-field loop (1) count = q_trojan" "$(cat "$out/lua5.out")" "$(tv q_trojan)"
check "Lua short-circuit loop (2) count = q_trojan" "$(cat "$out/lua5short.out")" "$(tv q_trojan)"
check "Lua shortcut loop (3) count = q_trojan" "$(cat "$out/lua5all.out")" "$(tv q_trojan)"
check "Lua field-list loop (4) count = q_trojan" "$(cat "$out/lua5list.out")" "$(tv q_trojan)"
check "Lua alone (5) count (it never matches)" "$(cat "$out/luafloor.out")" "0"
$ph -r "$cap" --hunt q-trojan --json -w "$out/q-evidence.pcap" > "$out/hunt-q.json" 2> "$out/hunt-q-json.err"
check "--hunt q-trojan --json, sum of counts = q_trojan" \
    "$(sed -n 's/.*"hunt":"q-trojan".*"count":\([0-9]*\).*/\1/p' "$out/hunt-q.json" | awk '{ s += $1 } END { print s + 0 }')" "$(tv q_trojan)"
check "--hunt q-trojan finds the VLAN-tagged ones (its -w evidence)" \
    "$($ph -r "$out/q-evidence.pcap" -e 'local n = 0 for p in packets() do if p.vlan then n = n + 1 end end print(n)' 2>&1)" "$(tv q_trojan_vlan)"
if command -v tshark > /dev/null 2>&1; then
    check "tshark -Y lines = q_trojan" "$(wc -l < "$out/tshark.out" | tr -d ' ')" "$(tv q_trojan)"
fi
# one Lua pass that counts what the generator counted
census='local c = {frames = 0, vlan_frames = 0, ipv6_frames = 0, tcp_frames = 0, udp_frames = 0, icmp_frames = 0,
  rst_packets = 0, rst_with_payload = 0, tcp_udp_tuples = 0}
local seen = {}
for p in packets() do
  c.frames = c.frames + 1
  if p.vlan then c.vlan_frames = c.vlan_frames + 1 end
  if p.ipv6 then c.ipv6_frames = c.ipv6_frames + 1 end
  local t, u = p.tcp, p.udp
  if t then
    c.tcp_frames = c.tcp_frames + 1
    if t.rst then c.rst_packets = c.rst_packets + 1 if t.len > 0 then c.rst_with_payload = c.rst_with_payload + 1 end end
  elseif u then c.udp_frames = c.udp_frames + 1
  elseif p.icmp then c.icmp_frames = c.icmp_frames + 1 end
  if t or u then
    local a, b = p.src .. "/" .. p.sport, p.dst .. "/" .. p.dport
    local k = (t and "t " or "u ") .. (a < b and a .. " " .. b or b .. " " .. a)
    if not seen[k] then seen[k] = true c.tcp_udp_tuples = c.tcp_udp_tuples + 1 end
  end
end
for _, k in ipairs{"vlan_frames", "ipv6_frames", "tcp_frames", "udp_frames", "icmp_frames", "rst_packets",
  "rst_with_payload", "tcp_udp_tuples"} do print(k .. "=" .. c[k]) end'
$ph -r "$cap" -e "$census" > "$out/census.out" 2>&1
for k in vlan_frames ipv6_frames tcp_frames udp_frames icmp_frames rst_packets rst_with_payload tcp_udp_tuples; do
    check "pcaphunt -e census $k" "$(sed -n "s/^$k=//p" "$out/census.out")" "$(tv "$k")"
done
say ""
if [ "$failed" = 0 ]; then say "bench: every target and check PASS"; else say "bench: FAIL (see the lines above)"; fi
exit "$failed"
