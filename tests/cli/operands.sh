# Command-line operands after the options (sourced by tests/cli/cases.sh): which words are
# captures (a shell glob after -r), the script, or the filter, and options after a filter.
R=$O/rotated-glob
rm -rf $R && mkdir -p $R
cp $D/q-trojan.pcap $R/cap-001.pcap
cp $D/q-trojan-vlan.pcap $R/cap-002.pcap
: > $R/cap-003.pcap   # the file tcpdump -G has just opened

# an empty file in a glob is one of its captures (it says so; the others are read, status 2),
# never the script the words after it would be given to (that ran no hunt and exited 0)
case_ "a glob with an empty capture: the others read, one line, status 2" 2 "$QT" \
    "pcaphunt: $R/cap-003.pcap: empty (no capture file header)" \
    -- $H -r $R/cap-001.pcap $R/cap-002.pcap $R/cap-003.pcap --hunt q-trojan -q
$H -r $R/cap-001.pcap $R/cap-002.pcap --json > $O/glob-two.json 2> /dev/null
case_ "a glob with an empty capture, --json: the findings of the two others" 2 "$(cat $O/glob-two.json)" \
    "pcaphunt: $R/cap-003.pcap: empty (no capture file header)" \
    -- $H -r $R/cap-001.pcap $R/cap-002.pcap $R/cap-003.pcap --json
# a name captures go by is a capture whatever it holds: text, or nothing at all
echo 'this is not a capture' > $R/cap-004.pcap
case_ "a text file named .pcap in a glob: not a capture, the others read" 2 "$QT" \
    "pcaphunt: $R/cap-004.pcap: not a capture file" \
    -- $H -r $R/cap-001.pcap $R/cap-004.pcap --hunt q-trojan -q
case_ "a missing capture after -r's first: no such file, not a bad filter" 2 "$QT" \
    "pcaphunt: $O/nosuch.pcap: No such file or directory" \
    -- $H -r $D/q-trojan.pcap $O/nosuch.pcap --hunt q-trojan -q
case_ "tcpdump -C's numbered names (x.pcap1) and compressed ones are captures" 2 "$QT" \
    "pcaphunt: $O/rot.pcap1: No such file or directory
pcaphunt: $O/rot.PCAPNG.gz: No such file or directory" \
    -- $H -r $D/q-trojan.pcap $O/rot.pcap1 $O/rot.PCAPNG.gz --hunt q-trojan -q
ln -sf $O/gone.pcap $R/dangling.pcap
case_ "a dangling link in a glob: no such file, the others read" 2 "$QT" \
    "pcaphunt: $R/dangling.pcap: No such file or directory" \
    -- $H -r $R/cap-001.pcap $R/dangling.pcap --hunt q-trojan -q
rm -f $R/dangling.pcap $R/cap-004.pcap
case_ "a file cut in its pcap header says so" 2 "" \
    "pcaphunt: $O/header20.pcap: cut short in its pcap file header (20 of 24 bytes)" \
    -- sh -c "head -c 20 $D/q-trojan.pcap > $O/header20.pcap && exec $H -r $O/header20.pcap --hunt all"

: > $O/empty-script.lua
case_ "an empty .lua after -r is still the script (it does nothing)" 0 "" "" -- $H -r $D/q-trojan.pcap $O/empty-script.lua
case_ "--merge after filter words takes the states" 2 "" "pcaphunt: --merge reports from the parts' saved states: it takes no -r (the parts read the captures)" \
    -- $H -r $D/q-trojan.pcap tcp --merge $O/none.state

# options after a filter, as tcpdump takes them (getopt permutes); "-" and negative numbers stay
# the filter's words, and a script still takes every word after it
case_ "-c after the filter" 0 '3 1101200005.123456 255.255.255.255:31337 > 10.0.0.5:515 TCP [R.] len 16 ttl 14 id 0 "Reset cause: cko"' "" \
    -- $H -r $D/q-trojan.pcap tcp port 515 -c 1
case_ "--hunt after the filter" 1 "$QT" "" \
    -- $H -r $D/q-trojan.pcap tcp port 515 --hunt q-trojan -q
case_ "a filter's minus sign stays a filter word" 0 '3 1101200005.123456 255.255.255.255:31337 > 10.0.0.5:515 TCP [R.] len 16 ttl 14 id 0 "Reset cause: cko"
7 1101200009.617280 255.255.255.255:31337 > 10.0.0.5:515 TCP [R.] len 16 ttl 14 id 0 "Reset cause: cko"' "" \
    -- $H -r $D/q-trojan.pcap 'ip[8]' - 1 = 13 -c 5
case_ "an unknown option after the filter" 2 "" "pcaphunt: unknown option --bogus
(pcaphunt -h for help)" \
    -- $H -r $D/q-trojan.pcap tcp --bogus
printf 'print(#arg, arg[1], arg[2])\n' > $O/args.lua
case_ "a script still takes the words after it, options too" 0 "2${T}-c${T}x" "" \
    -- $H -r $D/q-trojan.pcap $O/args.lua -c x
case_ "after --, every word is the filter's" 2 "" 'pcaphunt: bad filter "tcp -c 1": can'"'"'t parse filter expression: syntax error' \
    -- $H -r $D/q-trojan.pcap -- tcp -c 1

# the trailing filter keeps tcpdump's meaning (frames from their link layer): VLAN-tagged packets
# it matches from their IP header are passed over, and the report says how many, in every form of
# run, so an empty result is not read as a clean capture
NOTE="the command line's filter keeps tcpdump's meaning and passed over 2 frames inside VLAN, MPLS or PPPoE headers that it matches from their IP header, so no hunt saw them (tcpdump's 'vlan and ...' takes tagged ones; a hunt's own filter sees through them)"
case_ "a trailing filter over VLAN-tagged packets: the report says what it passed over" 0 "note: $NOTE" "" \
    -- $H -r $D/q-trojan-vlan.pcap --hunt q-trojan 'tcp port 515'
case_ "... with --json, on stderr" 0 "" "pcaphunt: note: $NOTE" \
    -- $H -r $D/q-trojan-vlan.pcap --hunt q-trojan --json 'tcp port 515'
case_ "... with -j 2" 0 "note: $NOTE" "" \
    -- $H -r $D/q-trojan-vlan.pcap -j 2 --hunt q-trojan 'tcp port 515'
$H -r $D/q-trojan-vlan.pcap --hunt q-trojan --part 1/2 --state-out $O/vlan.1 'tcp port 515'
$H -r $D/q-trojan-vlan.pcap --hunt q-trojan --part 2/2 --state-out $O/vlan.2 'tcp port 515'
case_ "... from saved parts (--merge)" 0 "note: $NOTE" "" -- $H --merge $O/vlan.1 $O/vlan.2
case_ "'vlan and ...' takes them: findings, no note" 1 "$QT" "" \
    -- $H -r $D/q-trojan-vlan.pcap --hunt q-trojan -q 'vlan and tcp port 515'
case_ "a filter of link-layer words is about frames: no note" 0 "" "" \
    -- $H -r $D/q-trojan-vlan.pcap --hunt q-trojan -q 'ether host 00:11:22:33:44:56'
case_ "untagged packets the filter takes: no note" 1 "$QT" "" \
    -- $H -r $D/q-trojan.pcap --hunt q-trojan -q 'tcp port 515'
