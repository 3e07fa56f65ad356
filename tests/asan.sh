#!/bin/sh
# make test-asan: the whole test suite and the corpus under AddressSanitizer, UndefinedBehaviorSanitizer
# and LeakSanitizer.  Builds pcaphunt, the unit runner, the capture generator and the pty driver with
# -fsanitize=address,undefined -fno-sanitize-recover=all into tests/out/asan-full (objects apart from
# the normal build's), then runs in tests/out/asan-full/tree, a copy of the project made of links
# whose ./pcaphunt and test programs are those builds:
#   1. tests/run.sh, the whole suite (its own tests/out there)
#   2. tests/leak.sh's cases (Ctrl-C in hunts, nested loops, hunt errors) on the same binary
#   3. every capture of ../shared/corpus (PCAPHUNT_CORPUS; skipped with a message when absent) and
#      the fuzz regression inputs (tests/data/fuzz/capture) with --hunt all and -w, and with
#      tests/fuzz/walk.lua reading every field of every packet
# Sanitizer reports are written to files (log_path), so a report counts even where a test ignores
# the status or the standard error; any report fails the run.  Ends with "N passed, N failed".
# Usage: sh tests/asan.sh [CC]          (CC defaults to $ASAN_CC, then clang, then cc: GCC's UBSan
# writes its reports to standard error whatever log_path says, so only clang's are all counted)
cd "$(dirname "$0")/.." || exit 2
ROOT=$PWD
CC=${1:-${ASAN_CC:-clang}}
if ! command -v "$CC" > /dev/null; then
    echo "test-asan: $CC is not installed; building with cc, whose UBSan reports only reach standard error (apt-get install clang)"
    CC=cc
fi
B=tests/out/asan-full
T=$B/tree
LOGS=$ROOT/$B/reports
corpus=${PCAPHUNT_CORPUS:-../shared/corpus}
case $corpus in /*) ;; *) corpus=$ROOT/$corpus ;; esac
start=$(date +%s)

# 1. the builds
mkdir -p $B
jobs=$(nproc 2>/dev/null || echo 2)
if ! make --no-print-directory -j"$jobs" -f tests/san.mk OUT=$B CC="$CC" \
        SAN="-fsanitize=address,undefined -fno-sanitize-recover=all" all > $B/build.log 2>&1; then
    tail -n 20 $B/build.log; echo "test-asan: the build failed (log: $B/build.log)"; exit 2
fi

# 2. the tree: the project through links, the sanitized programs in place of the normal ones
rm -rf "$T"; mkdir -p "$T/tests/unit" "$T/tests/gen" "$T/tests/pty"
for f in * .[!.]*; do
    case $f in tests|pcaphunt|.git) continue ;; esac
    ln -s "$ROOT/$f" "$T/$f"
done
for f in tests/*; do
    case $f in tests/out|tests/unit|tests/gen|tests/pty) continue ;; esac
    ln -s "$ROOT/$f" "$T/$f"
done
for d in unit gen pty; do
    for f in tests/$d/*; do ln -s "$ROOT/$f" "$T/$f"; done
done
rm -f "$T/tests/unit/run_unit" "$T/tests/gen/gencap" "$T/tests/pty/ptydrive"
cp $B/pcaphunt "$T/pcaphunt"
cp $B/run_unit "$T/tests/unit/run_unit"
cp $B/gencap "$T/tests/gen/gencap"
cp $B/ptydrive "$T/tests/pty/ptydrive"

# LeakSanitizer needs to stop the process's threads (ptrace); where it cannot, say so and go on.
leaks=1
printf '#include <stdlib.h>\nint main(void){ void *p = malloc(10); p = 0; return p != 0; }\n' > $B/probe.c
if ! "$CC" -fsanitize=address -g -o $B/probe $B/probe.c 2>/dev/null ||
   ! ASAN_OPTIONS=detect_leaks=1 $B/probe 2>&1 | grep -q 'ERROR: LeakSanitizer: detected memory leaks'; then
    leaks=0
    echo "test-asan: LeakSanitizer does not work here: leaks are not checked (ASan and UBSan are)"
fi
rm -rf "$LOGS"; mkdir -p "$LOGS"
export ASAN_OPTIONS="detect_leaks=$leaks:log_path=$LOGS/asan:exitcode=86:strict_string_checks=1:detect_stack_use_after_return=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:log_path=$LOGS/ubsan"
export LSAN_OPTIONS="report_objects=0"

passed=0
failed=0
reports() { ls "$LOGS" | wc -l; }
# stage NAME: fails when the stage left sanitizer reports
stage() {
    now=$(reports)
    if [ "$now" -gt "$seen" ]; then
        failed=$((failed + 1)); echo "FAIL asan $1: $((now - seen)) sanitizer report(s):"
        for r in $(ls -t "$LOGS" | head -n $((now - seen))); do sed -n '1,30p' "$LOGS/$r"; done
    fi
    seen=$now
}
seen=0

# 3. the whole suite
(cd "$T" && sh tests/run.sh) > $B/suite.log 2>&1
line=$(tail -n 1 $B/suite.log)
grep -E '^(FAIL|SKIP)' $B/suite.log | head -n 40
set -- $(echo "$line" | sed -n 's/^\([0-9][0-9]*\) passed, \([0-9][0-9]*\) failed$/\1 \2/p')
if [ $# -eq 2 ]; then
    passed=$((passed + $1)); failed=$((failed + $2))
    echo "test-asan: the suite: $line"
else
    echo "FAIL asan: the suite did not finish (log: $B/suite.log)"; tail -n 5 $B/suite.log; failed=$((failed + 1))
fi
stage "the suite"

# 4. tests/leak.sh's interrupted runs and hunt errors, on this binary
(cd "$T" && LEAK_BIN=./pcaphunt sh tests/leak.sh) > $B/leak.log 2>&1
line=$(tail -n 1 $B/leak.log)
grep '^FAIL' $B/leak.log | head -n 20
set -- $(echo "$line" | sed -n 's/^\([0-9][0-9]*\) passed, \([0-9][0-9]*\) failed$/\1 \2/p')
if [ $# -eq 2 ]; then
    passed=$((passed + $1)); failed=$((failed + $2)); echo "test-asan: leak cases: $line"
else
    echo "FAIL asan: the leak cases did not finish (log: $B/leak.log)"; failed=$((failed + 1))
fi
stage "leak cases"

# 5. the corpus and the fuzz regression inputs: hunts and -w, then every field of every packet
files=$(ls tests/data/fuzz/capture/* 2>/dev/null)
if [ -d "$corpus" ]; then
    files="$files $(find "$corpus" -type f \( -name '*.pcap' -o -name '*.pcapng' -o -name '*.cap' -o -name '*.trace' \) | sort)"
else
    echo "test-asan: $corpus is absent: the corpus runs are skipped"
fi
n=0
for f in $files; do
    case $f in /*) ;; *) f=$ROOT/$f ;; esac
    n=$((n + 1))
    (cd "$T" && ./pcaphunt -r "$f" --hunt all -w "$ROOT/$B/ev.pcap" > /dev/null 2> "$ROOT/$B/run.err"); rc=$?
    if [ $rc -gt 2 ]; then failed=$((failed + 1)); echo "FAIL asan: $f: --hunt all: status $rc"; tail -n 3 $B/run.err
    else passed=$((passed + 1)); fi
    (cd "$T" && ./pcaphunt -r "$f" tests/fuzz/walk.lua > /dev/null 2> "$ROOT/$B/run.err"); rc=$?
    if [ $rc -gt 2 ]; then failed=$((failed + 1)); echo "FAIL asan: $f: walk.lua: status $rc"; tail -n 3 $B/run.err
    else passed=$((passed + 1)); fi
    stage "$f"
done
echo "test-asan: $n captures through --hunt all, -w and every field"

echo "test-asan: $(( $(date +%s) - start )) s"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
