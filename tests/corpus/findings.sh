#!/bin/sh
# make corpus-findings: runs every bundled hunt over each capture of ../shared/corpus and counts the
# finding groups at severity low or above (one line per group: capture, hunt, severity, key); the
# last line is the total.  The issue-10 target is at most 25; docs/hunts.md explains each one.
cd "$(dirname "$0")/../.." || exit 2
corpus=${PCAPHUNT_CORPUS:-../shared/corpus}
if [ ! -d "$corpus" ]; then
    echo "corpus: $corpus is absent; nothing to count"
    exit 0
fi
total=0
for f in $(find "$corpus" -type f \( -name '*.pcap' -o -name '*.pcapng' -o -name '*.cap' -o -name '*.trace' \
        -o -name '*.pcap.gz' -o -name '*.pcapng.gz' \) | sort); do
    ./pcaphunt -r "$f" --hunt all --json 2> /dev/null |
        sed -n 's/^{"hunt":"\([^"]*\)","severity":"\(low\|medium\|high\)","key":"\(\([^"\\]\|\\.\)*\)".*/\1 \2 \3/p' > tests/out/corpus-groups 2> /dev/null
    while read -r hunt sev key; do
        echo "${f#"$corpus"/}	$hunt	$sev	$key"
        total=$((total + 1))
    done < tests/out/corpus-groups
done
echo "total $total finding groups at low or above"
