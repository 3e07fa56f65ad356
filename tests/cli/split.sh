# Split hunt runs (cli/split.c, core/replay.c), sourced by tests/cli/cases.sh: -j N, --part K/N
# --state-out, --merge.  The report of a split run must be the sequential run's, byte for byte
# (stdout, stderr, status), on every generated capture; errors are one exact line.

# same_run NAME ARGS...: the sequential run and -j 2, -j 3 (JSON with every finding, and the human
# report) give the same stdout, stderr and status
same_run() {
    sname=$1; shift
    bad=""
    for fmt in "--json --all-findings" ""; do
        ./pcaphunt --hunt all $fmt "$@" > "$O/seq.out" 2> "$O/seq.err"; a=$?
        for j in 2 3; do
            ./pcaphunt -j $j --hunt all $fmt "$@" > "$O/par.out" 2> "$O/par.err"; b=$?
            if [ $a != $b ] || ! cmp -s "$O/seq.out" "$O/par.out" || ! cmp -s "$O/seq.err" "$O/par.err"; then
                bad="$bad -j $j${fmt:+ $fmt} (status $a/$b)"
            fi
        done
        # the whole run as one saved part (1/1), merged
        ./pcaphunt --hunt all --state-out "$O/one.state" "$@" 2> /dev/null
        ./pcaphunt --merge "$O/one.state" $fmt > "$O/par.out" 2> "$O/par.err"; b=$?
        if [ $a != $b ] || ! cmp -s "$O/seq.out" "$O/par.out"; then bad="$bad --state-out/--merge${fmt:+ $fmt} (status $a/$b)"; fi
    done
    if [ -z "$bad" ]; then cli_passed=$((cli_passed + 1))
    else cli_failed=$((cli_failed + 1)); echo "FAIL: cli split: $sname: the split run differs:$bad"; fi
}

for f in $D/*.pcap $D/*.pcapng; do
    same_run "$(basename "$f")" -r "$f"
done
same_run "three files with flows across them" -r $D/split-1.pcap -r $D/split-2.pcap -r $D/split-3.pcap
same_run "a directory of captures" -r $D
same_run "a trailing filter" -r $D/sample.pcap tcp port 515 or udp
same_run "-c 5" -r $D/sample.pcap -c 5

# what the three files give, exactly (a flow spanning files is whole in one part)
case_ "split: -j 2 over three files: the findings" 1 "high q-trojan 255.255.255.255 > 10.0.0.5:515 1
high spoofed-source limited broadcast source 255.255.255.255 2
medium rst-origin firewall 255.255.255.255 cko 2
medium fixed-ttl source 255.255.255.255 1
medium backdoor-ports 10.0.0.5 255.255.255.255 31337 1
medium unsolicited-rst 255.255.255.255 2
low reset-cause SonicWALL cko 10.0.0.5 255.255.255.255 1
low zero-ipid 255.255.255.255 2
high q-trojan 255.255.255.255 > 10.0.0.6:515 1
medium backdoor-ports 10.0.0.6 255.255.255.255 31337 1
low reset-cause SonicWALL cko 10.0.0.6 255.255.255.255 1
medium rst-origin injected 203.0.113.80 > 192.168.7.20 1
medium rst-injection rst 203.0.113.80 80 > 192.168.7.20 51000 1
medium fixed-ttl flow 203.0.113.80 80 > 192.168.7.20 51000 1" "" \
    -- sh -c "./pcaphunt -j 2 -r $D/split-1.pcap -r $D/split-2.pcap -r $D/split-3.pcap --hunt all --json > $O/f3.json; rc=\$?; grep '^{\"hunt\"' $O/f3.json | sed 's/.*\"hunt\":\"\\([^\"]*\\)\",\"severity\":\"\\([^\"]*\\)\",\"key\":\"\\([^\"]*\\)\",\"count\":\\([0-9]*\\).*/\\2 \\1 \\3 \\4/'; exit \$rc"

# --part K/N --state-out, then --merge (in any order): the sequential report
SPLIT3="-r $D/split-1.pcap -r $D/split-2.pcap -r $D/split-3.pcap"
rm -f $O/st.*
for k in 1 2 3; do ./pcaphunt $SPLIT3 --hunt all --part $k/3 --state-out $O/st.$k; done
./pcaphunt $SPLIT3 --hunt all > $O/seq3.out 2>&1
./pcaphunt $SPLIT3 --hunt all --format eve > $O/seq3.eve 2>&1
./pcaphunt $SPLIT3 --hunt all -q > $O/seq3.q 2>&1
case_ "split: --merge of three saved parts: the sequential report (human, EVE, -q), status 1" 0 "same
same
same" "" \
    -- sh -c "./pcaphunt --merge $O/st.2 $O/st.3 $O/st.1 > $O/m.out 2>&1; rc=\$?; cmp -s $O/m.out $O/seq3.out && echo same; ./pcaphunt --merge $O/st.1 $O/st.2 $O/st.3 --format eve > $O/m.eve 2>&1; cmp -s $O/m.eve $O/seq3.eve && echo same; ./pcaphunt --merge $O/st.3 $O/st.2 $O/st.1 -q > $O/m.q 2>&1; cmp -s $O/m.q $O/seq3.q && echo same; [ \$rc = 1 ]"
case_ "split: --state-out - writes the state to standard output" 0 "same" "" \
    -- sh -c "./pcaphunt -r $D/q-trojan.pcap --hunt all --state-out - > $O/st.stdout && ./pcaphunt -r $D/q-trojan.pcap --hunt all --state-out $O/st.file && cmp -s $O/st.stdout $O/st.file && echo same"
case_ "split: one part alone (1/1) merges to the sequential report" 0 "same" "" \
    -- sh -c "./pcaphunt --merge $O/st.file > $O/m1.out 2>&1; ./pcaphunt -r $D/q-trojan.pcap --hunt all > $O/s1.out 2>&1; cmp -s $O/m1.out $O/s1.out && echo same"

# the hunts' options and files travel with the state
printf 'hunt{name = "every-ttl", options = {ttl = 64}, want = {proto = "tcp"}, packet = function(p, h)\n  if p.ip.ttl == h.options.ttl then h:report{packet = p, key = p.src, msg = "ttl " .. p.ip.ttl .. " from " .. p.src} end\nend}\n' > $O/ttl.lua
./pcaphunt -r $D/q-trojan.pcap --hunt-file $O/ttl.lua --hunt every-ttl,q-trojan --set every-ttl.ttl=14 --part 1/2 --state-out $O/st.t1
./pcaphunt -r $D/q-trojan.pcap --hunt-file $O/ttl.lua --hunt every-ttl,q-trojan --set every-ttl.ttl=14 --part 2/2 --state-out $O/st.t2
case_ "split: --merge runs the parts' hunts with their --set options" 1 "[high] incident 1: 255.255.255.255 and 10.0.0.5: 2 hunts agree: q-trojan, every-ttl
  [high] q-trojan: packets once taken for the Q Trojan (all 7 traits: 255.255.255.255:31337 > 10.0.0.5:515 RST+ACK, IP ID 0, TTL 14): their payload 'Reset cause: cko' tells that a SonicWALL firewall sent them, a connection-cache cleanup reset to the responder of a flow spoofed from 255.255.255.255:31337
  [medium] every-ttl: ttl 14 from 255.255.255.255" "" \
    -- ./pcaphunt --merge $O/st.t1 $O/st.t2 --hunt-file $O/ttl.lua -q
case_ "split: --merge without the parts' hunt file" 2 "" "pcaphunt: --merge: the parts ran hunts this run has not loaded (unknown hunt 'every-ttl' (see --list-hunts)): give the same --hunt-file options as they had" \
    -- ./pcaphunt --merge $O/st.t1 $O/st.t2

# errors: one line each, status 2
case_ "split: --merge with a part missing" 2 "" "pcaphunt: --merge: the run has 3 parts and 2 are given: part 3 of 3 missing" \
    -- ./pcaphunt --merge $O/st.1 $O/st.2
case_ "split: --merge with a part twice" 2 "" "pcaphunt: --merge: $O/st.1 and $O/st.1 are both part 1 of 3" \
    -- ./pcaphunt --merge $O/st.1 $O/st.1 $O/st.2
case_ "split: --merge of parts of two runs" 2 "" "pcaphunt: --merge: $O/st.1 and $O/st.t2 are parts of different runs (parts of 3 and of 2)" \
    -- ./pcaphunt --merge $O/st.1 $O/st.t2 $O/st.3
case_ "split: --merge of a capture" 2 "" "pcaphunt: --merge: $D/q-trojan.pcap: not a pcaphunt state (it does not start with its header)" \
    -- ./pcaphunt --merge $D/q-trojan.pcap
case_ "split: --merge of a missing file" 2 "" "pcaphunt: --merge $O/nope.state: No such file or directory" \
    -- ./pcaphunt --merge $O/nope.state
head -c 1000 $O/st.3 > $O/st.cut
case_ "split: --merge of a state cut short: what was merged is reported, status 2" 2 "[high] incident 1: 255.255.255.255 and 10.0.0.5: 7 hunts agree: q-trojan, spoofed-source, rst-origin, backdoor-ports, unsolicited-rst, reset-cause, zero-ipid
  [high] q-trojan: packets once taken for the Q Trojan (all 7 traits: 255.255.255.255:31337 > 10.0.0.5:515 RST+ACK, IP ID 0, TTL 14): their payload 'Reset cause: cko' tells that a SonicWALL firewall sent them, a connection-cache cleanup reset to the responder of a flow spoofed from 255.255.255.255:31337" \
    "pcaphunt: $O/st.cut: cut short at byte 1000: it ends inside a record (the report covers the 5 frames merged before it)" \
    -- sh -c "./pcaphunt --merge $O/st.1 $O/st.2 $O/st.cut -q > $O/cut.out; rc=\$?; head -n 2 $O/cut.out; exit \$rc"
n=$(wc -c < $O/st.3)
head -c $((n - 10)) $O/st.3 > $O/st.hcut
case_ "split: --merge of a state cut in its host records says the hosts are missing" 2 "" \
    "pcaphunt: $O/st.hcut: cut short at byte $((n - 10)): it ends inside a record (the report covers the 9 frames merged before it, without that part's host statistics and UDP answers: what hunts find from them at the end may be missing)" \
    -- sh -c "./pcaphunt --merge $O/st.1 $O/st.2 $O/st.hcut -q > /dev/null"
# the offset of a state's first record of a kind (Z: the end record, u: a UDP answer), its records walked
record_at() { python3 -c 'import struct, sys
b = open(sys.argv[1], "rb").read(); o = 0
while o + 5 <= len(b):
    if b[o] == ord(sys.argv[2]): print(o); break
    o += 5 + struct.unpack("<I", b[o + 1:o + 5])[0]' "$1" "$2"; }
if command -v python3 > /dev/null; then
    z=$(record_at $O/st.3 Z)
    head -c $((z + 10)) $O/st.3 > $O/st.zcut
    case_ "split: --merge of a state cut in its end record says its hosts are missing" 2 "" \
        "pcaphunt: $O/st.zcut: cut short at byte $((z + 10)): it ends inside a record (the report covers the 9 frames merged before it, without that part's host statistics and UDP answers: what hunts find from them at the end may be missing)" \
        -- sh -c "./pcaphunt --merge $O/st.1 $O/st.2 $O/st.zcut -q > /dev/null"
    ./pcaphunt -r $D/udp-normal.pcap --hunt all --part 1/2 --state-out $O/un.1
    ./pcaphunt -r $D/udp-normal.pcap --hunt all --part 2/2 --state-out $O/un.2
    u=$(record_at $O/un.1 u)
    head -c $((u + 6)) $O/un.1 > $O/un.ucut
    ./pcaphunt -r $D/udp-normal.pcap --hunt all -q > $O/un.seq
    case_ "split: --merge of a state cut in its UDP answers: its hosts merged, some answers missing" 2 "$(cat $O/un.seq)" \
        "pcaphunt: $O/un.ucut: cut short at byte $((u + 6)): it ends inside a record (the report covers the 167 frames merged before it, without some of that part's UDP answers: what hunts find from them at the end may be missing)" \
        -- ./pcaphunt --merge $O/un.ucut $O/un.2 -q
fi
case_ "split: -j with standard input" 2 "" "pcaphunt: -j: standard input can be read only once, and every part reads every capture: save it to a file first" \
    -- sh -c "./pcaphunt -j 2 -r - --hunt all < $D/q-trojan.pcap"
ACME='pcaphunt.add_reset_code{code = "cko", vendor = "Acme", category = "proxy", meaning = "site code"} print("chunk")'
./pcaphunt -r $D/q-trojan.pcap -e "$ACME" --hunt all > $O/e1 2>&1
case_ "split: -j after -e chunks (a reset code added): they run first, the report is the one-process run's" 0 "same" "" \
    -- sh -c "./pcaphunt -j 2 -r $D/q-trojan.pcap -e '$ACME' --hunt all > $O/e2 2>&1; cmp -s $O/e1 $O/e2 && grep -q Acme $O/e1 && echo same"
case_ "split: a part's reset codes travel with its state: --merge decodes as the part did" 0 "same" "" \
    -- sh -c "./pcaphunt -r $D/q-trojan.pcap -e '$ACME' --hunt all --state-out $O/st.acme > /dev/null && ./pcaphunt --merge $O/st.acme > $O/e3 2>&1; grep -v '^chunk' $O/e1 | cmp -s - $O/e3 && echo same"
case_ "split: -j alone is a hunt run (--hunt all), as --json is" 0 "same" "" \
    -- sh -c "./pcaphunt -r $D/q-trojan.pcap --hunt all > $O/a1 2>&1; ./pcaphunt -j 2 -r $D/q-trojan.pcap > $O/a2 2>&1; cmp -s $O/a1 $O/a2 && echo same"
case_ "split: -j with the shell" 2 "" "pcaphunt: -j splits a hunt run over capture files: it does not apply with the shell (--repl)" \
    -- ./pcaphunt -j 2 -r $D/q-trojan.pcap --repl
case_ "split: -j with -i" 2 "" "pcaphunt: -j splits a hunt run over capture files: a live capture is read by one process" \
    -- ./pcaphunt -j 2 -i lo --hunt all
case_ "split: -j 0" 2 "" "pcaphunt: -j wants a number of parts from 1 to 256, not '0'
(pcaphunt -h for help)" -- ./pcaphunt -j 0 -r $D/q-trojan.pcap
case_ "split: --part without --state-out" 2 "" "pcaphunt: --part K/N runs one part into a state file: add --state-out FILE (or -j N for parts on this machine)" \
    -- ./pcaphunt --part 1/2 -r $D/q-trojan.pcap --hunt all
case_ "split: --part 3/2" 2 "" "pcaphunt: --part wants K/N, part K of N parts (1 <= K <= N <= 256), not '3/2'
(pcaphunt -h for help)" -- ./pcaphunt --part 3/2 -r $D/q-trojan.pcap --hunt all --state-out $O/x.state
case_ "split: --state-out with --json" 2 "" "pcaphunt: --state-out writes a part's state, not a report: --json applies to the report (give it to --merge)" \
    -- ./pcaphunt --part 1/2 -r $D/q-trojan.pcap --hunt all --state-out $O/x.state --json
case_ "split: --state-out with -w" 2 "" "pcaphunt: --state-out writes a part's state: -w needs the captures, which a merge does not have (give -w to a run that reads them: -j N, or one process)" \
    -- ./pcaphunt --part 1/2 -r $D/q-trojan.pcap --hunt all --state-out $O/x.state -w $O/x.pcap
cp $D/q-trojan.pcap $O/qcopy.pcap
case_ "split: --state-out over the capture being read" 2 "" "pcaphunt: --state-out $O/qcopy.pcap is the capture $O/qcopy.pcap being read: refusing to overwrite it" \
    -- ./pcaphunt -r $O/qcopy.pcap --hunt all --state-out $O/qcopy.pcap
rm -f $O/st.target $O/st.link $O/st.fifo; : > $O/st.target; chmod 600 $O/st.target; ln -s st.target $O/st.link; mkfifo $O/st.fifo
case_ "split: --state-out through a symbolic link writes its file, keeps its permissions; into a FIFO, directly" 1 "link
-rw-------
same" "" \
    -- sh -c "./pcaphunt -r $D/q-trojan.pcap --hunt all --state-out $O/st.link && [ -L $O/st.link ] && echo link; ls -l $O/st.target | cut -c1-10; ./pcaphunt --merge $O/st.fifo > $O/fifo.out 2>&1 & ./pcaphunt -r $D/q-trojan.pcap --hunt all --state-out $O/st.fifo; wait \$!; rc=\$?; ./pcaphunt -r $D/q-trojan.pcap --hunt all > $O/fifo.seq 2>&1; cmp -s $O/fifo.out $O/fifo.seq && echo same; exit \$rc"
printf 'print("loaded")\nhunt{name = "loud", want = {proto = "tcp"}, packet = function(p, h) print("saw", p.frame.number) end}\n' > $O/loud.lua
case_ "split: --state-out - | --merge -: what hunts print goes to standard error, the state alone to standard output" 0 "loaded
saw${T}2" "loaded" \
    -- sh -c "./pcaphunt -r $D/clean.pcap --hunt-file $O/loud.lua --hunt loud -c 2 --state-out - | ./pcaphunt --merge - --hunt-file $O/loud.lua"
./pcaphunt -r $D/q-trojan.pcap --hunt all --part 1/2 --state-out $O/st.f1 tcp
./pcaphunt -r $D/q-trojan.pcap --hunt all --part 2/2 --state-out $O/st.f2
case_ "split: --merge of parts with another filter" 2 "" "pcaphunt: --merge: $O/st.f1 and $O/st.f2 are parts of different runs (the filter, -c or --flow-memory differ: 'filter tcp; count 0; flow-memory 64' and 'filter ; count 0; flow-memory 64')" \
    -- ./pcaphunt --merge $O/st.f1 $O/st.f2
# parts made by another version (0.1.0's flows timed out otherwise): its producer string, of the same
# length, written over this build's
./pcaphunt -r $D/q-trojan.pcap --hunt all --part 1/2 --state-out $O/st.v1
./pcaphunt -r $D/q-trojan.pcap --hunt all --part 2/2 --state-out $O/st.v2
this=$(./pcaphunt --version)
other=$(printf '%s' "$this" | sed 's/[0-9]/9/g')
LC_ALL=C sed "s/$this/$other/" $O/st.v1 > $O/st.o1
LC_ALL=C sed "s/$this/$other/" $O/st.v2 > $O/st.o2
case_ "split: --merge of parts made by two versions" 2 "" "pcaphunt: --merge: $O/st.o1 and $O/st.v2 are parts of different runs (made by $other and $this)" \
    -- ./pcaphunt --merge $O/st.o1 $O/st.v2
case_ "split: --merge of a run made by another version" 2 "" "pcaphunt: --merge: $O/st.o1 was made by $other: this is $this (a merge reads its own version's states)" \
    -- ./pcaphunt --merge $O/st.o1 $O/st.o2
cp $D/q-trojan.pcap $O/grow.pcap
./pcaphunt -r $O/grow.pcap --hunt all --part 1/2 --state-out $O/st.g1
cat $D/q-trojan.pcap | tail -c +25 >> $O/grow.pcap
./pcaphunt -r $O/grow.pcap --hunt all --part 2/2 --state-out $O/st.g2
case_ "split: --merge of parts that read different frames (the capture grew between them)" 2 "" "pcaphunt: $O/st.g1 and $O/st.g2 did not read the same frames (8 and 16 frames): a capture changed between the parts, or was still being written" \
    -- sh -c "./pcaphunt --merge $O/st.g1 $O/st.g2 > /dev/null"
./pcaphunt -r $D/q-trojan.pcap -r $O/nope.pcap --hunt all --part 1/2 --state-out $O/st.u1 2> /dev/null
./pcaphunt -r $D/q-trojan.pcap -r $O/nope.pcap --hunt all --part 2/2 --state-out $O/st.u2 2> /dev/null
case_ "split: a capture the parts could not open is said by the merge, status 2" 2 "same" "pcaphunt: $O/nope.pcap: No such file or directory" \
    -- sh -c "./pcaphunt --merge $O/st.u1 $O/st.u2 > $O/u.out; rc=\$?; ./pcaphunt -r $D/q-trojan.pcap --hunt all > $O/u.seq 2> /dev/null; cmp -s $O/u.out $O/u.seq && echo same; exit \$rc"
cp $O/st.file $O/st.appended; printf 'garbage' >> $O/st.appended
case_ "split: --merge of a state with data after its end" 2 "" "pcaphunt: $O/st.appended: malformed: 7 bytes or more after its end record (another file appended to it?) (the report covers the 8 frames merged before it)" \
    -- sh -c "./pcaphunt --merge $O/st.appended > /dev/null"
printf 'hunt{name = "every-ttl", options = {ttl = 64}, want = {proto = "udp"}, packet = function(p, h) end}\n' > $O/ttl2.lua
case_ "split: --merge with a hunt file changed since the parts ran" 2 "" "pcaphunt: --merge: hunt every-ttl is not the code the parts ran (its file changed since, or another file defines it)" \
    -- ./pcaphunt --merge $O/st.t1 $O/st.t2 --hunt-file $O/ttl2.lua
case_ "split: --merge then other options then more states" 2 "" "pcaphunt: --merge: the run has 3 parts and 2 are given: part 3 of 3 missing" \
    -- ./pcaphunt --merge $O/st.1 -q $O/st.2
case_ "split: --merge with -r" 2 "" "pcaphunt: --merge reports from the parts' saved states: it takes no -r (the parts read the captures)" \
    -- ./pcaphunt --merge $O/st.1 -r $D/q-trojan.pcap
case_ "split: --merge with --hunt" 2 "" "pcaphunt: --merge reports from the parts' saved states: it takes no --hunt (it runs the hunts the parts ran)" \
    -- ./pcaphunt --merge $O/st.1 --hunt q-trojan
case_ "split: --merge without files" 2 "" "pcaphunt: --merge needs the parts' state files (--merge FILE..., - for standard input)" -- ./pcaphunt --merge
case_ "split: --state-out into a directory that is not there: nothing left behind" 2 "" "pcaphunt: --state-out $O/no/such/dir.state: No such file or directory" \
    -- ./pcaphunt -r $D/q-trojan.pcap --hunt all --state-out $O/no/such/dir.state
case_ "split: a capture cut short: said once, where the sequential run says it" 2 "same" "" \
    -- sh -c "./pcaphunt -r $D/cut-short.pcap --hunt all > $O/c1 2>&1; ./pcaphunt -j 3 -r $D/cut-short.pcap --hunt all > $O/c2 2>&1; rc=\$?; cmp -s $O/c1 $O/c2 && echo same; exit \$rc"

# what a merge cannot know mid-run, said by the hunt that asks
cat > $O/ask.lua <<'EOF'
hunt{name = "host-now", want = {proto = "tcp"}, packet = function(p, h) h.x = pcaphunt.host(p.src) end}
hunt{name = "old-flow", want = {proto = "tcp"}, packet = function(p, h) if h.prev then h.f = h:flow(h.prev) end h.prev = p end}
hunt{name = "walk", want = {proto = "tcp"}, packet = function(p, h) h.n = #h.flows end}
hunt{name = "host-finish", want = {proto = "tcp"}, packet = function(p, h) h.src = p.src end,
  finish = function(h) local n = 0 for a in pcaphunt.hosts() do n = n + 1 end
    h:report{key = "fin", msg = h.src .. " " .. pcaphunt.host(h.src).packets .. " packets, " .. n .. " hosts, " .. pcaphunt.udp_answered(h.src, 53) .. " answered"} end}
hunt{name = "est-now", want = {proto = "tcp"}, packet = function(p, h) h.x = pcaphunt.tcp_established(p.src, p.dst, p.dport) end}
hunt{name = "est-finish", want = {proto = "udp", port = 9}, packet = function() end,
  finish = function(h) local k, s = 0, 0 for i = 2, 29 do if pcaphunt.tcp_established("10.244.3.1", "10.244.3." .. i, 8080) then k = k + 1 end
      if pcaphunt.tcp_established("10.244.9.66", "10.244.3." .. i, 8080) then s = s + 1 end end
    h:report{key = "est", msg = k .. " of 28 pods served 10.244.3.1, " .. s .. " served 10.244.9.66"} end}
EOF
case_ "split: pcaphunt.host in packet() under -j: an error naming it" 2 "" "pcaphunt: hunt host-now: frame 2: $O/ask.lua:1: pcaphunt.host: a run split into parts (-j, --merge) knows the hosts, UDP answers and established connections only in finish" \
    -- ./pcaphunt -j 2 -r $D/clean.pcap --hunt-file $O/ask.lua --hunt host-now
case_ "split: pcaphunt.tcp_established in packet() under -j: an error naming it" 2 "" "pcaphunt: hunt est-now: frame 2: $O/ask.lua:7: pcaphunt.tcp_established: a run split into parts (-j, --merge) knows the hosts, UDP answers and established connections only in finish" \
    -- ./pcaphunt -j 2 -r $D/clean.pcap --hunt-file $O/ask.lua --hunt est-now
case_ "split: pcaphunt.tcp_established in finish: as in the sequential run (the parts' filters joined)" 1 "[medium] est-finish: 28 of 28 pods served 10.244.3.1, 0 served 10.244.9.66
[medium] est-finish: 28 of 28 pods served 10.244.3.1, 0 served 10.244.9.66" "" \
    -- sh -c "./pcaphunt -r $D/probes-down-scan.pcap --hunt-file $O/ask.lua --hunt est-finish -q; ./pcaphunt -j 3 -r $D/probes-down-scan.pcap --hunt-file $O/ask.lua --hunt est-finish -q"
case_ "split: h:flow of an earlier packet under -j: an error naming it" 2 "" "pcaphunt: hunt old-flow: frame 3: $O/ask.lua:2: h:flow: a run split into parts (-j, --merge) looks up only the flow of the packet in hand and of the packet an ICMP error in hand quotes" \
    -- ./pcaphunt -j 2 -r $D/clean.pcap --hunt-file $O/ask.lua --hunt old-flow
case_ "split: h.flows under -j: an error naming it" 2 "" "pcaphunt: hunt walk: frame 2: $O/ask.lua:3: h.flows: a run split into parts (-j, --merge) has no flow table to walk (each part kept its own); h:flow(p) gives the packet in hand's flow" \
    -- ./pcaphunt -j 2 -r $D/clean.pcap --hunt-file $O/ask.lua --hunt walk
case_ "split: hosts and UDP answers in finish: as in the sequential run" 1 "[medium] host-finish: 192.168.1.20 3 packets, 5 hosts, 0 answered
[medium] host-finish: 192.168.1.20 3 packets, 5 hosts, 0 answered" "" \
    -- sh -c "./pcaphunt -r $D/clean.pcap --hunt-file $O/ask.lua --hunt host-finish -q; ./pcaphunt -j 3 -r $D/clean.pcap --hunt-file $O/ask.lua --hunt host-finish -q"

# conversations (tcp.stream, udp.stream, QUIC server keys) numbered as in the whole run
cat > $O/convall.lua <<'EOF'
hunt{name = "conv-all", conversations = true, packet = function(p, h)
  local c = p.conversation
  local k = p.frame.number .. " " .. tostring(p.tcp and p.tcp.stream) .. " " .. tostring(p.udp and p.udp.stream) .. " " ..
    tostring(c and c.stream) .. " " .. tostring(c and c.packets) .. " " .. tostring(p.tls and (p.tls.handshake_ja3 or p.tls.handshake_ja3s))
  h:report{packet = p, key = k, msg = k}
end}
EOF
for f in quic-initial app-fields split-all icmp-backscatter; do
    case_ "split: conversations = true over $f.pcap: as in the sequential run" 1 "same" "" \
        -- sh -c "./pcaphunt -r $D/$f.pcap --hunt-file $O/convall.lua --hunt conv-all --json --all-findings > $O/v1 2>&1; ./pcaphunt -j 3 -r $D/$f.pcap --hunt-file $O/convall.lua --hunt conv-all --json --all-findings > $O/v2 2>&1; rc=\$?; cmp -s $O/v1 $O/v2 && echo same; exit \$rc"
done

# the recipe of docs/scale-out.md, with GNU parallel on this machine (-S :)
if command -v parallel > /dev/null 2>&1; then
    rm -f $O/gp.*.state
    case_ "split: GNU parallel -S : runs the parts, --merge gives the sequential report" 0 "same" "" \
        -- sh -c "parallel -S : --will-cite --halt now,fail=1 './pcaphunt $SPLIT3 --hunt all --part {}/3 --state-out $O/gp.{}.state' ::: 1 2 3 && ./pcaphunt --merge $O/gp.*.state > $O/gp.out 2>&1; cmp -s $O/gp.out $O/seq3.out && echo same"
else
    echo "SKIP: split: GNU parallel is not installed (Debian's parallel package): the scale-out recipe is not tried"
fi

# packets whose flow may have expired: the merge asks the filter of every part's flows that left, as
# the one-process run asks its own (a part alone knows only its own: 1 of the 10 here)
./tests/gen/gencap --expired-flows $O
printf 'hunt{name = "new-9999", want = {proto = "udp", port = 9999}, packet = function(p, h) h:report{packet = p, key = "k", msg = "to 9999"} end}\n' > $O/p9999.lua
case_ "split: flows that may have expired, as the one-process run says (-j 1, 2, 3)" 1 "note: 10 findings concern packets whose flow may have expired after inactivity before them (50000 flows expired)
note: 10 findings concern packets whose flow may have expired after inactivity before them (50000 flows expired)
note: 10 findings concern packets whose flow may have expired after inactivity before them (50000 flows expired)" "" \
    -- sh -c "for j in 1 2 3; do ./pcaphunt -j \$j -r $O/expired-flows.pcap --hunt-file $O/p9999.lua --hunt new-9999 -q > $O/exp.out; rc=\$?; tail -n 1 $O/exp.out; done; exit \$rc"

# the address-pair memory full (f.callback, f.tcp_beside): said in one process and in a split run whose
# parts were full (their counts summed: the merge's end record), not in a run whose parts were not; the
# JSON report says it on stderr
./tests/gen/gencap --pairs-full $O
case_ "split: the address-pair memory full, said (-j 1, 2, 3)" 0 "j1 note: the address-pair memory (the latest flows of 16384 address pairs, for f.callback and f.tcp_beside) was full and did not keep 23666 flows; findings that depend on them (port-scan's callbacks and QUIC fallbacks) may differ, as between one process and a split run (-j)
 note: port-scan: more than 40000 failed probes were kept (a flood, or a long busy capture): 20002 of sources without a scan's shape so far, and then of those that came first, were let go; a scan among them may be missed (a split run, -j, may let go others)
j2 note: the address-pair memory (the latest flows of 16384 address pairs, for f.callback and f.tcp_beside) was full and did not keep 7282 flows; findings that depend on them (port-scan's callbacks and QUIC fallbacks) may differ, as between one process and a split run (-j)
 note: port-scan: more than 40000 failed probes were kept (a flood, or a long busy capture): 20002 of sources without a scan's shape so far, and then of those that came first, were let go; a scan among them may be missed (a split run, -j, may let go others)
j3" "" \
    -- sh -c "for j in 1 2 3; do echo \"j\$j\$(./pcaphunt -j \$j -r $O/pairs-full.pcap --hunt port-scan -q | grep '^note' | sed 's/^/ /')\"; done"
case_ "split: the address-pair memory full, said on stderr with --json" 1 "" "pcaphunt: note: the address-pair memory (the latest flows of 16384 address pairs, for f.callback and f.tcp_beside) was full and did not keep 23666 flows; findings that depend on them (port-scan's callbacks and QUIC fallbacks) may differ, as between one process and a split run (-j)
pcaphunt: note: port-scan: more than 40000 failed probes were kept (a flood, or a long busy capture): 20002 of sources without a scan's shape so far, and then of those that came first, were let go; a scan among them may be missed (a split run, -j, may let go others)" \
    -- sh -c "./pcaphunt -r $O/pairs-full.pcap --hunt port-scan --json > /dev/null"

# a part stopped by Ctrl-C says so in its end record: a merge refuses to take it as whole
python3 -c '
import struct, sys
d = bytearray(open(sys.argv[1], "rb").read()); i = 0
while i < len(d):
    k, n = d[i], struct.unpack_from("<I", d, i + 1)[0]
    if k == ord("Z"): d[i + 5 + 8] |= 2
    i += 5 + n
open(sys.argv[2], "wb").write(d)' $O/st.3 $O/st.int
case_ "split: --merge of a part marked interrupted" 2 "" "pcaphunt: $O/st.int: the part was interrupted after 9 frames: its state covers only those" \
    -- sh -c "./pcaphunt --merge $O/st.1 $O/st.2 $O/st.int > /dev/null"

# a state that lies about what it holds: one line naming the record, status 2
python3 -c '
import struct, sys
d = bytearray(open(sys.argv[1], "rb").read()); i = 0
while i < len(d):
    k, n = d[i], struct.unpack_from("<I", d, i + 1)[0]
    if k == ord("P"): d[i + 5 + n - 2] = 99; break
    i += 5 + n
open(sys.argv[2], "wb").write(d)' $O/st.file $O/st.lie
case_ "split: --merge of a state whose call names a hunt its header does not" 2 "" "pcaphunt: $O/st.lie: malformed record (kind 'P') before byte 824: a call of hunt 99 (events 1): the header names no such hunt (the report covers the 0 frames merged before it)" \
    -- sh -c "./pcaphunt --merge $O/st.lie > /dev/null"

# states the fuzzer made (tests/fuzz/fuzz_state.c): a record claiming more calls than hunts can be
# was written past its array before its count was checked (a crash, a free() of any address).
# Their headers carry the bundled hunts' code hashes of when they were made: a merge refuses a state
# whose hunt code differs before it reads a record, so the copies tested get this build's hashes (from
# a state of sample.pcap, which names the same hunts in the same order), put where the old ones were,
# and this build's producer string (a merge reads its own version's states).
# (the states name the 15 hunts bundled when they were made: tiny-fragment came later)
./pcaphunt -r $D/sample.pcap --hunt "$(./pcaphunt --list-hunts | cut -d' ' -f1 | grep -vx tiny-fragment | paste -sd, -)" --part 1/1 --state-out $O/st.fresh > /dev/null 2>&1
for k in packet flowend; do
    python3 -c '
import re, sys
head = open(sys.argv[1], "rb").read()[:2000]
fresh = re.findall(rb"[0-9a-f]{16}", head)
d = open(sys.argv[2], "rb").read()
made, this = re.search(rb"pcaphunt [0-9][0-9A-Za-z.+~-]*", d).group(0), sys.argv[4].encode()
if len(made) != len(this):   # the string is length-prefixed, and the expected offsets below count its bytes
    sys.exit("split.sh: %s is made by %s, this build is %s: make the calls255 states again" % (sys.argv[2], made, this))
d = d.replace(made, this, 1)
old = re.findall(rb"[0-9a-f]{16}", d[:2000])
assert len(old) == len(fresh) == 15, (len(old), len(fresh))
i = 0
for a, b in zip(old, fresh):
    j = d.index(a, i)
    d = d[:j] + b + d[j + 16:]
    i = j + 16
open(sys.argv[3], "wb").write(d)' $O/st.fresh $D/states/calls255-$k.state $O/calls255-$k.state "$(./pcaphunt --version)"
done
case_ "split: --merge of a packet record with 255 calls" 2 "" "pcaphunt: $O/calls255-packet.state: malformed record (kind 'P') before byte 1410 (the report covers the 0 frames merged before it)" \
    -- sh -c "./pcaphunt --merge $O/calls255-packet.state > /dev/null"
case_ "split: --merge of a flow-end record with 255 calls" 2 "" "pcaphunt: $O/calls255-flowend.state: malformed record (kind 'E') before byte 1335 (the report covers the 0 frames merged before it)" \
    -- sh -c "./pcaphunt --merge $O/calls255-flowend.state > /dev/null"

# from a second trial
case_ "split: a saved part says a capture cut short itself (its merge says it too)" 2 "" "pcaphunt: $D/cut-short.pcap: cut short in the middle of frame 3 (truncated dump file; tried to read 70 captured bytes, only got 50)" \
    -- ./pcaphunt -r $D/cut-short.pcap --hunt all --part 2/2 --state-out $O/cs.2
case_ "split: --merge, options, then the states" 1 "[high] incident 1: 255.255.255.255 and 10.0.0.5: 8 hunts agree: q-trojan, spoofed-source, rst-origin, fixed-ttl, backdoor-ports, unsolicited-rst, reset-cause, zero-ipid" "" \
    -- sh -c "./pcaphunt --merge -q $O/st.file | head -n 1; exit \$(./pcaphunt --merge -q $O/st.file > /dev/null; echo \$?)"
case_ "split: --merge without states" 2 "" "pcaphunt: --merge needs the parts' state files (--merge FILE..., - for standard input)" \
    -- ./pcaphunt --merge -q
case_ "split: --state-out of a hunt defined by -e: refused, a merge could not run it" 2 "" "pcaphunt: --state-out: hunt eh is defined by -e or a script: a merge runs hunts from hunt files (put it in one and give it with --hunt-file to the parts and the merge)" \
    -- ./pcaphunt -r $D/q-trojan.pcap -e 'hunt{name = "eh", packet = function(p, h) end}' --hunt eh --state-out $O/eh.state
cp $O/ttl.lua $O/ttl-copy.lua
case_ "split: --state-out over its own hunt file" 2 "" "pcaphunt: --state-out $O/ttl-copy.lua is the hunt file or script $O/ttl-copy.lua: refusing to overwrite it" \
    -- ./pcaphunt -r $D/q-trojan.pcap --hunt-file $O/ttl-copy.lua --hunt every-ttl --state-out $O/ttl-copy.lua
./pcaphunt -r $D/port-scan.pcap --hunt port-scan --set port-scan.min_ports=5 --set port-scan.min_hosts=7 --part 1/2 --state-out $O/so.1
./pcaphunt -r $D/port-scan.pcap --hunt port-scan --set port-scan.min_hosts=7 --set port-scan.min_ports=9 --set port-scan.min_ports=5 --flow-memory 64 --part 2/2 --state-out $O/so.2
case_ "split: parts with the same options given in another order (and the default --flow-memory given) merge" 0 "same" "" \
    -- sh -c "./pcaphunt --merge $O/so.1 $O/so.2 > $O/so.out 2>&1; ./pcaphunt -r $D/port-scan.pcap --hunt port-scan --set port-scan.min_ports=5 --set port-scan.min_hosts=7 > $O/so.seq 2>&1; cmp -s $O/so.out $O/so.seq && echo same"
