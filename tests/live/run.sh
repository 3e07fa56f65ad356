# Live capture tests, sourced by tests/run.sh: a network namespace of our own with a veth pair
# (va <-> vb); pcaphunt captures on vb in the background while tests/live/inject.py sends crafted
# frames on va (the seed's Q Trojan packet among them), then it is stopped by a signal, by -c or
# by --duration.  Needs root, iproute2 and python3: without them the suite says SKIP and why,
# and counts nothing.  Sets live_passed / live_failed.
live_passed=0
live_failed=0
LO=tests/out/live
rm -rf "$LO" && mkdir -p "$LO"
NS=pcaphunt-test-$$
live_skip=
if [ "$(id -u)" != 0 ]; then live_skip="not root (live capture and network namespaces need it)"
elif ! command -v ip > /dev/null 2>&1; then live_skip="ip is not installed (apt-get install iproute2)"
elif ! command -v python3 > /dev/null 2>&1; then live_skip="python3 is not installed"
elif ! ip netns add "$NS" > "$LO/netns.err" 2>&1; then live_skip="cannot make a network namespace: $(head -n 1 "$LO/netns.err")"
elif ! { { ip netns exec "$NS" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1 || true; } &&
         ip netns exec "$NS" ip link add va type veth peer name vb &&
         ip netns exec "$NS" ip link set va up && ip netns exec "$NS" ip link set vb up; } > "$LO/netns.err" 2>&1; then
    live_skip="cannot make a veth pair in a network namespace: $(head -n 1 "$LO/netns.err")"
    ip netns del "$NS" 2> /dev/null
fi

live_ok() { live_passed=$((live_passed + 1)); }
live_fail() { # live_fail NAME WHAT [FILE...]
    live_failed=$((live_failed + 1))
    echo "FAIL: live $1: $2"
    shift 2
    for f in "$@"; do echo "  $f:"; sed 's/^/    /' "$f" | head -n 20; done
}
# live_check NAME GOT WANT: the two strings are equal
live_check() {
    if [ "$2" = "$3" ]; then live_ok; else live_fail "$1" "$(printf 'got:\n%s\nwant:\n%s' "$2" "$3")"; fi
}
in_ns() { ip netns exec "$NS" "$@"; }
# live_start BASE ARGS...: pcaphunt -i vb ARGS in the background (pid in $live_pid) until it listens
live_start() {
    base=$1
    shift
    ip netns exec "$NS" ./pcaphunt -i vb "$@" > "$base.out" 2> "$base.err" < /dev/null &   # ip execs pcaphunt: $! is its pid
    live_pid=$!
    i=0
    while [ $i -lt 100 ] && ! grep -qs 'listening on' "$base.err"; do sleep 0.05; i=$((i + 1)); done
}
# live_settle FILE N: waits (5 s at most) until FILE has N lines: what was sent has been reported
live_settle() {
    i=0
    while [ $i -lt 100 ] && [ "$(wc -l < "$1")" -lt "$2" ]; do sleep 0.05; i=$((i + 1)); done
}
# live_wait [SIGNAL]: signal pcaphunt (if given) and wait for it (10 s at most); its status in $live_rc
live_wait() {
    [ -n "${1:-}" ] && kill -"$1" "$live_pid"
    ( sleep 10; kill -KILL "$live_pid" 2> /dev/null ) &
    watchdog=$!
    wait "$live_pid"
    live_rc=$?
    kill "$watchdog" 2> /dev/null
    wait "$watchdog" 2> /dev/null
}
# The captures below filter on "ip" (or "tcp"): IPv6 is switched off in the namespace where it
# can be, and the kernel's own IPv6 chatter (MLD, router solicitations) never counts where not.
# Findings without their time stamps (the live and file runs see the frames at other times).
untimed() { sed -E 's/"(first|last)_time(_iso)?":[^,]*,//g; s/"example":"([0-9]+) [0-9.]+ /"example":"\1 T /; s/^(    e\.g\. [0-9]+) [0-9.]+ /\1 T /; s/^(    [0-9]+ findings?, frames? [0-9, ]+), .* UTC$/\1, T UTC/' "$1"; }
LISTEN="pcaphunt: listening on vb, link-type EN10MB (Ethernet), snapshot length 262144 bytes"
STATS2="pcaphunt: vb: 2 packets captured, 2 received by filter, 0 dropped by kernel, 0 dropped by interface"

if [ -n "$live_skip" ]; then
    echo "SKIP: live capture tests: $live_skip"
else
    # 1. every hunt, JSON lines, the trailing filter run in the kernel (the UDP frame never
    #    arrives), SIGINT: the findings of the same frames read from a file, the statistics.
    live_start "$LO/hunt" --hunt all --json tcp
    in_ns python3 tests/live/inject.py va "$LO/sent.pcap" udp
    live_settle "$LO/hunt.out" 7
    live_wait INT
    live_check "hunt run: status after SIGINT" "$live_rc" 1
    live_check "hunt run: stderr" "$(cat "$LO/hunt.err")" "$LISTEN
$STATS2"
    live_check "hunt run: findings (hunt, key)" "$(sed -E 's/^\{"hunt":"([^"]*)","severity":"([^"]*)","key":"([^"]*)".*"first_frame":([0-9]+).*/\1 \2 \3 frame \4/' "$LO/hunt.out")" \
"backdoor-ports medium 10.0.0.5 255.255.255.255 31337 frame 1
q-trojan high 255.255.255.255 > 10.0.0.5:515 frame 1
reset-cause low SonicWALL cko 10.0.0.5 255.255.255.255 frame 1
rst-origin medium firewall 255.255.255.255 cko frame 1
spoofed-source high limited broadcast source 255.255.255.255 frame 1
unsolicited-rst medium 255.255.255.255 frame 1
zero-ipid low 255.255.255.255 frame 1"
    live_check "hunt run: the seed's packet" "$(grep '"hunt":"q-trojan"' "$LO/hunt.out" | sed -E 's/.*"msg":"([^"]*)".*"example":"[0-9]+ [0-9.]+ (.*)","frames":\[1\],"frame_count":1\}$/\1 | \2/')" \
        'packets once taken for the Q Trojan (all 7 traits: 255.255.255.255:31337 > 10.0.0.5:515 RST+ACK, IP ID 0, TTL 14): their payload '"'"'Reset cause: cko'"'"' tells that a SonicWALL firewall sent them, a connection-cache cleanup reset to the responder of a flow spoofed from 255.255.255.255:31337 | 255.255.255.255:31337 > 10.0.0.5:515 TCP [R.] len 16 ttl 14 id 0 \"Reset cause: cko\"'
    ./pcaphunt -r "$LO/sent.pcap" --hunt all --json --all-findings > "$LO/file.out" 2>&1
    live_check "hunt run: the same findings as the file of the frames sent" "$(untimed "$LO/hunt.out")" "$(untimed "$LO/file.out")"

    # 2. human findings as they come, -w keeps every packet, -Z drops root before it is opened,
    #    SIGTERM ends it: the file is complete and valid.
    mkdir -p "$LO/z" && chmod 777 "$LO/z"
    live_start "$LO/term" --hunt q-trojan -w "$LO/z/live.pcap" -Z nobody ip
    in_ns python3 tests/live/inject.py va "$LO/sent2.pcap"
    live_settle "$LO/term.out" 2
    sleep 0.2   # the second frame raises no finding
    live_wait TERM
    live_check "SIGTERM: status" "$live_rc" 1
    live_check "SIGTERM: stderr" "$(cat "$LO/term.err")" "$LISTEN
$STATS2"
    live_check "SIGTERM: human finding" "$(untimed "$LO/term.out")" '[high] q-trojan: packets once taken for the Q Trojan (all 7 traits: 255.255.255.255:31337 > 10.0.0.5:515 RST+ACK, IP ID 0, TTL 14): their payload '"'"'Reset cause: cko'"'"' tells that a SonicWALL firewall sent them, a connection-cache cleanup reset to the responder of a flow spoofed from 255.255.255.255:31337
    why: a limited-broadcast source, the Back Orifice port 31337 and TTL 14 are what the Q Trojan signature matched, but the reset cause is SonicWALL'"'"'s: the firewall held a cache entry for this impossible flow
    check: the SonicWALL'"'"'s connection cache and logs for 255.255.255.255:31337 > 10.0.0.5:515, and where packets spoofed from 255.255.255.255 reached the firewall
    1 finding, frame 1, T UTC
    e.g. 1 T 255.255.255.255:31337 > 10.0.0.5:515 TCP [R.] len 16 ttl 14 id 0 "Reset cause: cko"
    reset cause cko: SonicWALL connection-cache cleanup: TCP reset sent to the responder (connection cache cleanup)'
    live_check "-w after SIGTERM: every packet, readable" "$(./pcaphunt -r "$LO/z/live.pcap" -t 2>&1)" "$(./pcaphunt -r "$LO/sent2.pcap" -t 2>&1)"
    live_check "-Z nobody: -w opened as nobody" "$(stat -c %U "$LO/z/live.pcap")" nobody

    # 3. -e on a live capture: Ctrl-C ends the loop as the end of a file, the chunk goes on;
    #    hunts run as nobody after -Z.
    live_start "$LO/chunk" -Z nobody -e 'n = 0 for p in packets() do n = n + 1 end
print("read", n, io.open("/proc/self/status"):read("a"):match("\nUid:%s+(%d+)") == io.popen("id -u nobody"):read("l"))' ip
    in_ns python3 tests/live/inject.py va "$LO/sent3.pcap"
    sleep 0.5
    live_wait INT
    live_check "-e: status" "$live_rc" 0
    live_check "-e: the loop ends at Ctrl-C, the chunk goes on as nobody" "$(cat "$LO/chunk.out")" "read${T}2${T}true"
    live_check "-e: stderr" "$(cat "$LO/chunk.err")" "$LISTEN
$STATS2"

    # 4. -c ends it by itself: summary lines, as tcpdump -c
    live_start "$LO/count" -c 2 -t ip
    in_ns python3 tests/live/inject.py va "$LO/sent4.pcap" udp
    live_wait
    live_check "-c 2: status" "$live_rc" 0
    live_check "-c 2: the first two packets" "$(cat "$LO/count.out")" "1 255.255.255.255:31337 > 10.0.0.5:515 TCP [R.] len 16 ttl 14 id 0 \"Reset cause: cko\"
2 10.0.0.7:5353 > 10.0.0.5:53 UDP len 5 ttl 64 id 4661"

    # 4a. the statistics line counts in words: 1 packet, 2 packets
    live_start "$LO/count1" -c 1 -t ip
    in_ns python3 tests/live/inject.py va "$LO/sent4a.pcap" udp
    live_wait
    live_check "-c 1: the statistics say 1 packet" "$(sed -n 's/, [0-9]* received by filter.*//p' "$LO/count1.err")" "pcaphunt: vb: 1 packet captured"

    # 4b. -w alone, as tcpdump -i -w: SIGINT leaves a complete file
    live_start "$LO/wonly" -w "$LO/wonly.pcap" ip
    in_ns python3 tests/live/inject.py va "$LO/sent6.pcap"
    sleep 0.5
    live_wait INT
    live_check "-w alone: status" "$live_rc" 0
    live_check "-w alone: every packet, readable" "$(./pcaphunt -r "$LO/wonly.pcap" -t 2>&1)" "$(./pcaphunt -r "$LO/sent6.pcap" -t 2>&1)"

    # 4c. -w - streams: each frame reaches the pipe as it comes (tcpdump -U), not when the capture ends
    live_start "$LO/wdash" -w - ip
    in_ns python3 tests/live/inject.py va "$LO/sent7.pcap"
    sleep 0.5
    cp "$LO/wdash.out" "$LO/wdash-mid.pcap"
    live_wait INT
    live_check "-w -: status" "$live_rc" 0
    live_check "-w -: every packet out before the capture ends" "$(./pcaphunt -r "$LO/wdash-mid.pcap" -t 2>&1)" "$(./pcaphunt -r "$LO/sent7.pcap" -t 2>&1)"

    # 4d. a wrong --hunt name is said before the interface is opened: no "listening on", no statistics
    ip netns exec "$NS" ./pcaphunt -i vb --hunt nosuch --duration 1 > "$LO/badhunt.out" 2> "$LO/badhunt.err" < /dev/null
    live_check "unknown hunt: status" "$?" 2
    live_check "unknown hunt: said before listening" "$(cat "$LO/badhunt.err")" "pcaphunt: unknown hunt 'nosuch' (see --list-hunts)"

    # 5. --duration ends a quiet capture; -p and -s are taken
    live_start "$LO/dur" --hunt all --duration 0.5 -p -s 96 ip
    live_wait
    live_check "--duration: status" "$live_rc" 0
    live_check "--duration: output" "$(cat "$LO/dur.out")" ""
    live_check "--duration: stderr" "$(cat "$LO/dur.err")" "pcaphunt: listening on vb, link-type EN10MB (Ethernet), snapshot length 96 bytes
pcaphunt: vb: 0 packets captured, 0 received by filter, 0 dropped by kernel, 0 dropped by interface"

    # 6. -D lists the namespace's interfaces; errors are one line
    live_check "-D" "$(in_ns ./pcaphunt -D 2>&1 | grep -E '^[0-9]+\.v[ab] ')" "1.vb [Up, Running, Connected]
2.va [Up, Running, Connected]"
    live_check "-i unknown" "$(in_ns ./pcaphunt -i nosuch0 --hunt all 2>&1; echo "status $?")" "pcaphunt: nosuch0: no such interface (pcaphunt -D lists them)
status 2"
    live_check "-i with a bad filter" "$(in_ns ./pcaphunt -i vb --hunt all tcp port 2>&1; echo "status $?")" "pcaphunt: vb: bad filter \"tcp port\": can't parse filter expression: syntax error
status 2"
    live_check "-Z unknown user" "$(in_ns ./pcaphunt -i vb --hunt all -Z nosuchuser-ph 2>&1; echo "status $?")" "pcaphunt: -Z nosuchuser-ph: no such user
status 2"
    mkdir -p "$LO/rootonly" && chmod 700 "$LO/rootonly"
    live_check "-Z nobody, -w where nobody cannot write: the line names -w" "$(in_ns ./pcaphunt -i vb --hunt all -Z nobody -w "$LO/rootonly/x.pcap" 2>&1; echo "status $?")" "pcaphunt: -w $LO/rootonly/x.pcap: Permission denied
status 2"

    # 7. the shell: a loop until Ctrl-C keeps its variables, the next loop reads on
    if [ -x tests/pty/ptydrive ]; then
        sed "s|\$LIVE_INJECT|python3 tests/live/inject.py va $LO/sent5.pcap|" tests/live/shell.steps > "$LO/shell.steps"
        if in_ns env -i PATH="$PATH" HOME="$LO" TERM=dumb INPUTRC=/dev/null XDG_STATE_HOME="$PWD/$LO" \
            ./tests/pty/ptydrive "$LO/shell.steps" -- ./pcaphunt -i vb ip > "$LO/shell.log" 2>&1; then live_ok
        else live_fail "shell: loops until Ctrl-C" "transcript" "$LO/shell.log"; fi
    fi
    ip netns del "$NS"
fi
