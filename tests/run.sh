#!/bin/sh
# Runs every test suite and ends with one line "N passed, N failed".
# Suites: C unit tests, generated captures up to date, Lua API tests, command-line tests,
# shell tests on a pseudo-terminal, live capture in a network namespace (SKIP without root).
cd "$(dirname "$0")/.." || exit 2
passed=0
failed=0
out=tests/out
mkdir -p "$out"

count() { # count PASSED FAILED from a suite's summary line "...: N passed, N failed"
    passed=$((passed + $1)); failed=$((failed + $2))
}

# 1. C unit tests
line=$(./tests/unit/run_unit | tee "$out/unit.log" | tail -n 1)
grep '^FAIL' "$out/unit.log"
set -- $(echo "$line" | sed -n 's/.* \([0-9][0-9]*\) passed, \([0-9][0-9]*\) failed/\1 \2/p')
if [ $# -eq 2 ]; then count "$1" "$2"; else echo "FAIL: unit tests did not finish"; count 0 1; fi

# 2. the checked-in captures are exactly what the generator makes
rm -rf "$out/gen" && mkdir -p "$out/gen"
./tests/gen/gencap "$out/gen"
for f in "$out"/gen/*; do
    name=$(basename "$f")
    if cmp -s "$f" "tests/data/$name"; then count 1 0
    else echo "FAIL: tests/data/$name is not what tests/gen/gencap makes (run: make regen)"; count 0 1; fi
done

# 2b. the field reference in docs/lua-api.md is what lua/fields.c says (make docs)
./pcaphunt tests/gen/fields_doc.lua > "$out/fields.md"
awk '/^<!-- generated from lua\/fields.c/ { on = 1; next } /^<!-- end of field reference -->/ { on = 0 } on' docs/lua-api.md > "$out/fields.doc"
if cmp -s "$out/fields.md" "$out/fields.doc"; then count 1 0
else echo "FAIL: docs/lua-api.md's field reference is not what lua/fields.c says (run: make docs)"; count 0 1; fi

# 3. Lua API tests, run through the real binary
for t in tests/lua/test_*.lua; do
    ./pcaphunt "$t" > "$out/lua.log" 2>&1
    rc=$?
    grep '^FAIL' "$out/lua.log"
    p=$(grep -c '^ok ' "$out/lua.log")
    f=$(grep -c '^FAIL' "$out/lua.log")
    count "$p" "$f"
    if [ "$rc" -ne 0 ] || ! grep -q '^done$' "$out/lua.log"; then
        echo "FAIL: $t stopped early (status $rc):"; tail -n 3 "$out/lua.log"; count 0 1
    fi
done

# 4. command-line behaviour: exit status, stdout, stderr
. tests/cli/cases.sh
count "$cli_passed" "$cli_failed"

# 5. the interactive shell, through a pseudo-terminal
. tests/pty/run.sh
count "$pty_passed" "$pty_failed"

# 6. live capture on a veth pair in a network namespace of its own (root; else SKIP, counted nowhere)
. tests/live/run.sh
count "$live_passed" "$live_failed"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
