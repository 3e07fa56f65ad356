#!/bin/sh
# make test-corpus: every capture in ../shared/corpus is read without a crash, and
# well-formed packets agree with tshark on the oracle fields (tests/corpus/oracle.lua).
cd "$(dirname "$0")/../.." || exit 2
corpus=${PCAPHUNT_CORPUS:-../shared/corpus}
if [ ! -d "$corpus" ]; then
    echo "corpus: $corpus is absent; skipping the oracle test"
    echo "0 passed, 0 failed, 1 skipped"
    exit 0
fi
if ! command -v tshark > /dev/null; then
    echo "corpus: tshark is not installed; skipping the oracle test (apt-get install tshark)"
    echo "0 passed, 0 failed, 1 skipped"
    exit 0
fi
out=tests/out/corpus
mkdir -p "$out"
passed=0 failed=0 agree=0 disagree=0 explained=0
for f in $(find "$corpus" -type f \( -name '*.pcap' -o -name '*.pcapng' -o -name '*.cap' -o -name '*.trace' \) | sort); do
    # 1. no crash, whatever the file holds
    ./pcaphunt -r "$f" -e 'for p in packets() do local _ = tostring(p), p.payload, p.reset_cause, p.layers
        if p.icmp and p.icmp.inner then local _ = tostring(p.icmp.inner) end
        if p.icmpv6 and p.icmpv6.inner then local _ = tostring(p.icmpv6.inner) end end' > /dev/null 2> "$out/err"
    rc=$?
    if [ $rc -ge 128 ]; then
        echo "FAIL: $f: crashed (status $rc)"; failed=$((failed + 1)); continue
    fi
    # 2. agreement with tshark
    ./pcaphunt tests/corpus/oracle.lua "$f" > "$out/oracle" 2> "$out/oerr"
    rc=$?
    if [ $rc -ge 128 ]; then
        echo "FAIL: $f: oracle crashed (status $rc)"; failed=$((failed + 1)); continue
    fi
    grep '^DISAGREE' "$out/oracle" | head -5
    set -- $(sed -n 's/^RESULT agree \([0-9]*\) disagree \([0-9]*\) explained \([0-9]*\).*/\1 \2 \3/p' "$out/oracle")
    if [ $# -eq 3 ]; then
        agree=$((agree + $1)); disagree=$((disagree + $2)); explained=$((explained + $3))
        if [ "$2" -eq 0 ]; then passed=$((passed + 1)); else echo "FAIL: $f: $2 packets disagree with tshark"; failed=$((failed + 1)); fi
    else
        passed=$((passed + 1))   # opened by neither tool, or refused with a clear error: nothing to compare
    fi
done
echo "corpus: $agree packets agree with tshark, $explained differ for a listed reason, $disagree disagree"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
