#!/bin/sh
# make test-corpus: every capture in ../shared/corpus is read without a crash, and its packets
# agree with tshark on the oracle fields (tests/corpus/oracle.lua): field values counted, the
# agreement percentage printed (in all and per field), explained differences listed by reason,
# unexplained ones fail; and on
# the application fields and conversation indexes (tests/corpus/app_oracle.lua).
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
: > "$out/explained"
rm -f "$out/app-all"
: > "$out/fieldstat"
passed=0 failed=0 agree=0 disagree=0 explained=0 values=0 vagree=0 vexplained=0 vdisagree=0
for f in $(find "$corpus" -type f \( -name '*.pcap' -o -name '*.pcapng' -o -name '*.cap' -o -name '*.trace' \) | sort); do
    # 1. no crash, whatever the file holds
    ./pcaphunt -r "$f" -e 'for p in packets() do local _ = tostring(p), p.payload, p.reset_cause, p.layers
        local o = p.outer while o do local _ = tostring(o), o.layers o = o.outer end
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
    sed -n "s|^EXPLAINED \([0-9]*\) × \(.*\)|\1\t\2|p" "$out/oracle" >> "$out/explained"
    grep '^FIELDSTAT' "$out/oracle" >> "$out/fieldstat"
    set -- $(sed -n 's/^RESULT agree \([0-9]*\) disagree \([0-9]*\) explained \([0-9]*\) skipped [0-9]* values \([0-9]*\) vagree \([0-9]*\) vexplained \([0-9]*\) vdisagree \([0-9]*\)/\1 \2 \3 \4 \5 \6 \7/p' "$out/oracle")
    if [ $# -eq 7 ]; then
        agree=$((agree + $1)); disagree=$((disagree + $2)); explained=$((explained + $3))
        values=$((values + $4)); vagree=$((vagree + $5)); vexplained=$((vexplained + $6)); vdisagree=$((vdisagree + $7))
        if [ "$2" -eq 0 ]; then passed=$((passed + 1)); else echo "FAIL: $f: $2 packets disagree with tshark"; failed=$((failed + 1)); fi
    else
        passed=$((passed + 1))   # opened by neither tool, or refused with a clear error: nothing to compare
    fi
    # 3. application fields and tcp.stream/udp.stream, field by field
    ./pcaphunt tests/corpus/app_oracle.lua "$f" > "$out/app" 2> "$out/aerr"
    rc=$?
    if [ $rc -ge 128 ]; then
        echo "FAIL: $f: app oracle crashed (status $rc)"; failed=$((failed + 1)); continue
    fi
    grep '^DISAGREE' "$out/app" | head -5
    grep -e '^FIELD' -e '^EXPLAINED' "$out/app" >> "$out/app-all"
    n=$(grep '^FIELD' "$out/app" | awk '{d += $6} END {print d + 0}')
    if [ "$n" -ne 0 ]; then echo "FAIL: $f: $n application field values disagree with tshark"; failed=$((failed + 1)); fi
done
if [ -s "$out/app-all" ]; then
    awk '/^FIELD/ { a[$2] += $4; d[$2] += $6; e[$2] += $8; if (!($2 in o)) { o[$2] = ++n; k[n] = $2 } }
         END { for (i = 1; i <= n; i++) { f = k[i]; t = a[f] + d[f]
                 printf "app field %-38s %6d agree, %4d disagree (%s), %4d explained\n", f, a[f], d[f],
                        t ? sprintf("%.2f%% agree", 100 * a[f] / t) : "no values", e[f] } }' "$out/app-all"
    grep '^EXPLAINED' "$out/app-all" | sed 's/^EXPLAINED \([0-9]*\) × /\1\t/' |
        awk -F'\t' '{ c[$2] += $1 } END { for (w in c) printf "app explained %5d × %s\n", c[w], w }' | sort
fi
# per oracle field: FIELDSTAT name values V agree A explained E disagree D
awk '{ v[$2] += $4; a[$2] += $6; e[$2] += $8; d[$2] += $10; if (!($2 in o)) { o[$2] = ++n; k[n] = $2 } }
     END { for (i = 1; i <= n; i++) { f = k[i]
             printf "oracle field %-30s %7d values, %7d agree (%.2f%%; %.2f%% of those not explained), %5d explained, %4d disagree\n",
                    f, v[f], a[f], v[f] ? 100 * a[f] / v[f] : 100, a[f] + d[f] ? 100 * a[f] / (a[f] + d[f]) : 100, e[f], d[f] } }' "$out/fieldstat"
echo "corpus: $agree packets agree with tshark, $explained differ for a listed reason, $disagree disagree"
awk -F '\t' '{ n[$2] += $1 } END { for (k in n) printf "corpus: explained: %d packets: %s\n", n[k], k }' "$out/explained" | sort -t: -k3
awk -v v="$values" -v a="$vagree" -v e="$vexplained" -v d="$vdisagree" 'BEGIN {
    printf "corpus: field values compared %d: %d agree (%.2f%%), %d differ for a listed reason, %d disagree\n", v, a, v ? 100 * a / v : 100, e, d }'
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
