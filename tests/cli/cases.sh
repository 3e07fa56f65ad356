# Command-line tests, sourced by tests/run.sh: each case runs the real binary and
# compares exit status, stdout and stderr exactly.  Sets cli_passed / cli_failed.
cli_passed=0
cli_failed=0
D=tests/data
O=tests/out/cli
mkdir -p "$O"

# case NAME STATUS EXPECTED_STDOUT EXPECTED_STDERR -- COMMAND...
case_() {
    name=$1 want_rc=$2 want_out=$3 want_err=$4
    shift 5
    "$@" > "$O/out" 2> "$O/err" < /dev/null
    rc=$?
    got_out=$(cat "$O/out"); got_err=$(cat "$O/err")
    if [ "$rc" = "$want_rc" ] && [ "$got_out" = "$want_out" ] && [ "$got_err" = "$want_err" ]; then
        cli_passed=$((cli_passed + 1))
    else
        cli_failed=$((cli_failed + 1))
        echo "FAIL: cli $name"
        echo "  status $rc (want $want_rc)"
        [ "$got_out" = "$want_out" ] || printf '  stdout:\n%s\n  want:\n%s\n' "$got_out" "$want_out"
        [ "$got_err" = "$want_err" ] || printf '  stderr:\n%s\n  want:\n%s\n' "$got_err" "$want_err"
    fi
}

SEED='for p in packets() do print(p.ip.ttl, p.ip.id, p.tcp.srcport, p.reset_cause.meaning) end'
T="$(printf '\t')"
case_ "seed packet from the issue" 0 "64${T}14849${T}80${T}TCP reset sent to the initiator (connection cache cleanup)
64${T}14850${T}40001${T}TCP reset sent to the responder (connection cache cleanup)
14${T}0${T}31337${T}TCP reset sent to the responder (connection cache cleanup)
64${T}14851${T}443${T}TCP reset sent to the initiator (connection cache cleanup)
64${T}14852${T}40110${T}TCP reset sent to the responder (connection cache cleanup)
64${T}14853${T}23${T}access rule violation; reset sent to an untrusted source (only when Stealth Mode is off)
14${T}0${T}31337${T}TCP reset sent to the responder (connection cache cleanup)
64${T}14854${T}8080${T}inbound packet with no connection cache entry (never sent in reply to a RST, to avoid RST storms)" "" \
    -- ./pcaphunt -r $D/q-trojan.pcap -e "$SEED"

case_ "trailing bpf restricts packets()" 0 "12 1101200005.123456 255.255.255.255:31337 > 10.0.0.5:515 TCP [R.] len 16 ttl 14 id 0 \"Reset cause: cko\"
14 1101200007.370368 255.255.255.255:31337 > 10.0.0.5:515 TCP [R.] len 16 ttl 14 id 0 \"Reset cause: cko\"" "" \
    -- ./pcaphunt -r $D/sample.pcap -e 'for p in packets() do print(p) end' tcp port 515

case_ "bpf and-ed with packets(filter)" 0 "1" "" \
    -- ./pcaphunt -r $D/sample.pcap -e 'local n = 0 for p in packets("udp") do n = n + 1 end print(n)' src host 10.0.0.5

case_ "stdin capture with -r -" 0 "8" "" \
    -- sh -c "./pcaphunt -r - -e 'local n = 0 for p in packets() do n = n + 1 end print(n)' < $D/q-trojan.pcap"

case_ "script with arg, as lua does" 0 "$O/s.lua a b 2 a b" "" \
    -- sh -c "printf 'print(arg[0], arg[1], arg[2], select(\"#\", ...), ...)' > $O/s.lua && ./pcaphunt $O/s.lua a b | tr '\t' ' '"

case_ "script reads captures itself" 0 "8" "" \
    -- sh -c "printf 'local n = 0 for p in pcaphunt.open(arg[1]):packets() do n = n + 1 end print(n)' > $O/c.lua && ./pcaphunt $O/c.lua $D/q-trojan.pcap"

case_ "script from stdin" 0 "2" "" \
    -- sh -c "echo 'local n = 0 for p in packets(\"tcp port 515\") do n = n + 1 end print(n)' | ./pcaphunt -r $D/sample.pcap -"

case_ "missing file" 2 "" "pcaphunt: $D/nope.pcap: No such file or directory" \
    -- ./pcaphunt -r $D/nope.pcap -e 'print(1)'

case_ "not a capture" 2 "" "pcaphunt: $D/not-a-capture.txt: not a capture file" \
    -- ./pcaphunt -r $D/not-a-capture.txt -e 'print(1)'

case_ "unreadable file" 2 "" "pcaphunt: tests: Is a directory" \
    -- ./pcaphunt -r tests -e 'print(1)'

case_ "bad trailing filter" 2 "" 'pcaphunt: bad filter "tcp port banana": unknown port '"'"'banana'"'" \
    -- ./pcaphunt -r $D/sample.pcap -e 'print(1)' tcp port banana

case_ "bad filter in a script" 2 "" 'pcaphunt: (command line):1: bad filter "udp port": can'"'"'t parse filter expression: syntax error' \
    -- ./pcaphunt -r $D/sample.pcap -e 'for p in packets("udp port") do end'

case_ "script syntax error" 2 "" "pcaphunt: (command line):1: 'end' expected near <eof>" \
    -- ./pcaphunt -r $D/sample.pcap -e 'for p in packets() do'

case_ "script error mid-capture keeps what was printed" 2 "1 1101199994.000000 00:11:22:33:44:55 > 00:66:77:88:99:aa ARP len 42" \
    "pcaphunt: (command line):1: attempt to index a nil value (field 'ip')" \
    -- ./pcaphunt -r $D/sample.pcap -e 'for p in packets() do print(p) print(p.ip.ttl) end'

case_ "script file error names file and line" 2 "" "pcaphunt: $O/bad.lua:2: attempt to index a nil value (field 'tcp')" \
    -- sh -c "printf 'local p = {}\nprint(p.tcp.srcport)\n' > $O/bad.lua && ./pcaphunt $O/bad.lua"

case_ "cut-short capture: warning, code after the loop runs" 2 "2 frames" \
    "pcaphunt: $D/cut-short.pcap: cut short in the middle of frame 3 (truncated dump file; tried to read 70 captured bytes, only got 50)" \
    -- ./pcaphunt -r $D/cut-short.pcap -e 'local n = 0 for p in packets() do n = n + 1 end print(n .. " frames")'

case_ "mixed-linktype pcapng" 2 "0 frames" \
    "pcaphunt: $D/mixed-linktypes.pcapng: pcapng interfaces differ in link type or snapshot length, which libpcap cannot read in one pass (an interface has a type 101 different from the type of the first interface)" \
    -- ./pcaphunt -r $D/mixed-linktypes.pcapng -e 'local n = 0 for p in packets() do n = n + 1 end print(n .. " frames")'

case_ "no -r: packets() explains" 2 "" "pcaphunt: (command line):1: no capture: give one with -r FILE, or use pcaphunt.open(path)" \
    -- ./pcaphunt -e 'for p in packets() do end'

case_ "unknown option" 2 "" "pcaphunt: unknown option --frobnicate
(pcaphunt -h for help)" -- ./pcaphunt --frobnicate

case_ "version" 0 "pcaphunt 0.1.0" "" -- ./pcaphunt --version

case_ "help fits one screen" 0 "ok" "" -- sh -c '[ $(./pcaphunt -h | wc -l) -le 24 ] && ./pcaphunt -h | grep -q "^usage: pcaphunt" && echo ok'

case_ "stdout flushed before the error line" 2 "a
b" "pcaphunt: (command line):1: boom" -- ./pcaphunt -e 'print("a") io.write("b\n") error("boom")'

case_ "traceback with -v" 0 "ok" "" -- sh -c "./pcaphunt -v -e 'error(\"boom\")' 2>&1 | grep -q 'stack traceback' && echo ok"
