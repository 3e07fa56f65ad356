#!/bin/sh
# Leak and memory-error check, not part of `make test` (it builds a second binary, about a
# minute): builds pcaphunt with AddressSanitizer + LeakSanitizer into tests/out/asan, then runs
# complete hunts, runs that a hunt error ends, and runs interrupted by SIGINT (Ctrl-C) in the
# middle of a hunt, of nested packet loops and of hunt() called from a script.  Each run must end
# with its expected status and message and without any sanitizer report.
# Usage: sh tests/leak.sh [CC]          Ends with "N passed, N failed"; skips (status 0) when the
# compiler has no LeakSanitizer.  With LEAK_BIN=PATH the cases run on that (sanitized) binary instead,
# with the caller's ASAN_OPTIONS: `make test-asan` (tests/asan.sh) does that.
cd "$(dirname "$0")/.." || exit 2
CC=${1:-${CC:-cc}}
B=tests/out/asan
mkdir -p "$B"
if [ -n "$LEAK_BIN" ]; then
    P=$LEAK_BIN
else
rm -rf "$B/obj"; mkdir -p "$B/obj"

# 0. LeakSanitizer present and working here?  (It needs ptrace-free /proc access.)
printf '#include <stdlib.h>\nint main(void){ void *p = malloc(10); p = 0; return p != 0; }\n' > "$B/probe.c"
if ! "$CC" -fsanitize=address -g -o "$B/probe" "$B/probe.c" 2>/dev/null ||
   ASAN_OPTIONS=detect_leaks=1 "$B/probe" 2>&1 | grep -q 'ERROR: LeakSanitizer' ; [ $? -ne 0 ]; then
    echo "leak: skipped: $CC has no working LeakSanitizer (-fsanitize=address)"
    echo "0 passed, 0 failed"
    exit 0
fi

# 1. The ASan build, objects apart from the normal build's
PKGS="lua5.4 libpcap readline libcrypto zlib libzstd liblz4"
CFLAGS="-O1 -g -fno-omit-frame-pointer -fsanitize=address -Wall -std=c11 -D_DEFAULT_SOURCE -D_POSIX_C_SOURCE=200809L -I. -Ilua $(pkg-config --cflags $PKGS)"
LIBS="$(pkg-config --libs $PKGS) -lm"
"$CC" -O1 $(pkg-config --cflags lua5.4) -o "$B/compile" lua/tools/compile.c $(pkg-config --libs lua5.4) || exit 2
sh lua/embed.sh "$B/compile" docs/lua-api.md docs/hunts.md $(ls scripts/*.lua | LC_ALL=C sort) > "$B/embedded.c" || exit 2
for f in core/*.c lua/*.c cli/*.c "$B/embedded.c"; do
    case $f in lua/embedded.c) continue ;; esac
    echo "$f"
done | xargs -P "$(nproc 2>/dev/null || echo 2)" -I{} sh -c \
    'o='"$B"'/obj/$(echo {} | tr / _).o; '"$CC $CFLAGS"' -c -o "$o" {} || echo FAILED > '"$B"'/build.failed'
if [ -e "$B/build.failed" ]; then rm -f "$B/build.failed"; echo "leak: the ASan build failed"; exit 2; fi
"$CC" $CFLAGS -o "$B/pcaphunt" "$B"/obj/*.o $LIBS || exit 2
P=$B/pcaphunt
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:exitcode=86
fi
D=tests/data
export LSAN_OPTIONS=report_objects=0

passed=0
failed=0
# check NAME WANT_STATUS WANT_STDERR_LINE_REGEX: judges $B/run.err and $rc of the last run
check() {
    if grep -q 'Sanitizer' "$B/run.err"; then
        failed=$((failed + 1)); echo "FAIL leak $1: sanitizer report"; sed -n '1,40p' "$B/run.err"
    elif [ "$rc" != "$2" ]; then
        failed=$((failed + 1)); echo "FAIL leak $1: status $rc, want $2"; tail -n 5 "$B/run.err"
    elif [ -n "$3" ] && ! grep -Eq "$3" "$B/run.err"; then
        failed=$((failed + 1)); echo "FAIL leak $1: stderr lacks /$3/:"; tail -n 5 "$B/run.err"
    else
        passed=$((passed + 1)); echo "ok leak $1"
    fi
}
run() { "$@" > "$B/run.out" 2> "$B/run.err" < /dev/null; rc=$?; }
# interrupt AFTER_SECONDS CMD...: runs CMD, sends it SIGINT after a while, waits
interrupt() {
    after=$1; shift
    "$@" > "$B/run.out" 2> "$B/run.err" < /dev/null &
    pid=$!
    sleep "$after"
    kill -INT "$pid" 2>/dev/null
    wait "$pid"; rc=$?
}

# 2. Complete runs: every capture, every hunt
for f in $D/*.pcap $D/*.pcapng; do
    run "$P" -r "$f" --hunt all --json -w "$B/ev.pcap"
    case $f in
        */cut-short.pcap) want=2 ;;
        *) want=$(./pcaphunt -r "$f" --hunt all > /dev/null 2>&1; echo $?) ;;
    esac
    check "--hunt all on $(basename "$f")" "$want" ""
done
run "$P" -r $D/sample.pcap -e 'pcaphunt.use(pcaphunt.open("tests/data/sample.pcap"), pcaphunt.open("tests/data/q-trojan.pcap"))
  local n = 0 for p in packets() do for q in packets() do n = n + 1 end local s = summary() local f = find("tcp") end
  local c = pcaphunt.open("tests/data/sample.pcap")
  print(pcall(function() for p in c:packets() do c:close() end end))
  hunt{name = "k", flow_end = function(f, h) kept = f end, packet = function(p, h) local v = h:flow(p) end}
  hunt("k") hunt("k", {}) print(n, pcall(function() return kept.packets end))'
check "nested cursors, close in a loop, flow views" 0 ""

# 3. A hunt error ends a run (the hunt is disabled, the run goes on)
printf 'hunt{name="boom", packet=function(p, h) if p.frame.number == 5 then error("kaboom") end end}\n' > "$B/boom.lua"
printf 'hunt{name="nest", packet=function(p, h) hunt("q-trojan") end}\n' > "$B/nest.lua"
run "$P" -r $D/sample.pcap --hunt-file "$B/boom.lua" --hunt-file "$B/nest.lua" --hunt boom,nest,q-trojan
check "hunt errors (error(), hunt() inside a hunt)" 2 "hunt boom: .*kaboom"
"$P" -r - -e 'for p in packets() do end for p in packets() do end' < $D/sample.pcap > "$B/run.out" 2> "$B/run.err"; rc=$?
check "stdin read twice" 2 "standard input can be read only once"
# issue 11: compressed standard input kept for the -w pass; a filter on mixed link types
gzip -c < $D/q-trojan.pcapng | "$P" -r - --hunt all -w "$B/ev.pcap" > "$B/run.out" 2> "$B/run.err"; rc=$?
check "gzip stdin, hunts and -w" "$(./pcaphunt -r $D/q-trojan.pcapng --hunt all > /dev/null 2>&1; echo $?)" ""
run "$P" -r $D/mixed-linktypes.pcapng -e 'for p in packets() do end for p in packets("tcp") do end' udp
check "mixed link types under a filter" 0 ""
# issue 14: captures merged by time (a directory, stdin among files, a damaged part), hunts and -w
"$P" -r - -r $D/split-1.pcap -r $D/split-3.pcap -r $D/cut-short.pcap --hunt all -w "$B/ev.pcap" tcp < $D/split-2.pcap > "$B/run.out" 2> "$B/run.err"; rc=$?
check "merged captures: stdin, a damaged part, hunts and -w" 2 "cut short"
run "$P" -r $D/split-1.pcap -r $D/split-2.pcap -e 'for p in packets() do for q in packets("udp") do end end
  print(pcall(function() for p in packets() do captures[2]:close() end end))'
check "merged cursors, nested, a capture closed in a loop" 0 ""

# 4. Interrupted runs.  CTRLC sends SIGINT to pcaphunt itself from inside Lua (the shell's parent
# is pcaphunt), so the interrupt lands exactly there; one run is interrupted from outside too.
CTRLC='io.popen("kill -INT $PPID"):close()'
printf 'hunt{name="slow", severity="info", want={ip=4}, packet=function(p, h) h.n = (h.n or 0) + 1 local f = h:flow(p) local t = os.clock() + 0.05 while os.clock() < t do end end,\n  flow_end=function(f, h) end, finish=function(h) h:report{msg="finished"} end}\n' > "$B/slow.lua"
printf 'hunt{name="ctrlc", severity="info", want={ip=4}, packet=function(p, h) local f = h:flow(p) if p.frame.number == 9 then %s end end}\n' "$CTRLC" > "$B/ctrlc.lua"
printf 'hunt{name="ctrlc-end", severity="info", flow_end=function(f, h) if f.proto == 1 then %s end end}\n' "$CTRLC" > "$B/ctrlc-end.lua"
printf 'hunt{name="ctrlc-finish", severity="info", packet=function(p, h) h:report{msg="x", packet=p} end, finish=function(h) %s end}\n' "$CTRLC" > "$B/ctrlc-finish.lua"
interrupt 0.5 "$P" -r $D/sample.pcap --hunt-file "$B/slow.lua" --hunt slow,q-trojan,rst-origin,fixed-ttl --json
check "SIGINT from outside in a slow hunt: the reading ends, the report covers what was read" 2 "^pcaphunt: interrupted: the report covers the [0-9]+ frames? read before Ctrl-C$"
grep -q '"msg":"finished"' "$B/run.out" || { failed=$((failed + 1)); echo "FAIL leak: the interrupted run's finish did not report"; }
run "$P" -r $D/sample.pcap --hunt-file "$B/ctrlc.lua" --hunt all
check "SIGINT in a hunt's packet function, among all hunts" 2 "^pcaphunt: interrupted: the report covers the 9 frames read before Ctrl-C$"
run "$P" -r $D/sample.pcap --hunt-file "$B/ctrlc-end.lua" --hunt all -w "$B/ev.pcap"
check "SIGINT in flow_end at the end of the run" 2 "interrupted$"
run "$P" -r $D/sample.pcap --hunt-file "$B/ctrlc-finish.lua" --hunt all --all-findings
check "SIGINT in finish, with findings held" 2 "interrupted$"
run "$P" -r $D/sample.pcap -e "pcaphunt.use(captures[1], pcaphunt.open('tests/data/q-trojan.pcap'))
  for p in packets() do for q in captures[2]:packets('tcp') do local l = find('udp') if p.frame.number == 7 and q.frame.number == 3 then $CTRLC end end end"
check "SIGINT in nested packet loops with find() inside" 2 "^pcaphunt: \(command line\):2: interrupted$"
run "$P" -r $D/sample.pcap --hunt-file "$B/ctrlc.lua" -e 'for p in packets() do local s = summary() hunt("ctrlc") end'
check "SIGINT in hunt() called inside a packets() loop" 2 "interrupted$"
run "$P" -r $D/sample.pcap --hunt-file "$B/ctrlc.lua" -e 'print(pcall(hunt, "ctrlc")) for p in packets() do end print(pcall(hunt, "q-trojan"))'
check "SIGINT caught by pcall, later runs" 0 ""

# a hunt() run interrupted past the read-ahead thread's start (4096 frames), the thread matching:
# it stops matching before the run unwinds (nothing it holds leaks, nothing it reads goes)
if "$CC" -O2 -o "$B/genbench" bench/genbench.c 2> /dev/null && "$B/genbench" "$B/big.pcap" 6000 > /dev/null 2>&1; then
    printf 'hunt{name="ctrlc-late", severity="info", want={ip=4}, packet=function(p, h) if p.frame.number == 5000 then %s end end}\n' "$CTRLC" > "$B/ctrlc-late.lua"
    run env PCAPHUNT_READAHEAD=match "$P" -r "$B/big.pcap" --hunt-file "$B/ctrlc-late.lua" -e 'print(pcall(hunt, "ctrlc-late")) print(#hunt("q-trojan"))'
    check "SIGINT in hunt() past the read-ahead thread's start, caught by pcall, a later run" 0 ""
    grep -q '^false.*interrupted' "$B/run.out" || { failed=$((failed + 1)); echo "FAIL leak: the interrupted hunt() did not raise 'interrupted'"; cat "$B/run.out"; }
else
    echo "skip: leak: the read-ahead interrupt case (cannot build bench/genbench.c)"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
