# Time-stamp resolution, sourced by tests/cli/cases.sh: a frame prints the digits its capture has
# (six for a microsecond-or-coarser pcapng interface or pcap, nine for finer), in summary lines, -tttt,
# p.frame.time, the report, JSON and EVE; -w writes a microsecond pcap for microsecond frames and a
# nanosecond one when the input is finer.  Captures: tests/gen/gencap.c gen_tsresol.
MAG='od -An -tx4 -N4'   # a pcap's magic as this machine reads it: a1b2c3d4 (us) or a1b23c4d (ns)
case_ "tsresol: pcapng without if_tsresol (microseconds): six digits, as tshark and tcpdump" 0 "1 1101200005.123456 255.255.255.255:31337 > 10.0.0.5:515 TCP [R.] len 16 ttl 14 id 0 \"Reset cause: cko\"
2 1101200006.000007 10.0.0.5:53002 > 10.0.0.1:9 UDP len 1 ttl 64 id 7" "" -- $H -r $D/tsresol-default.pcapng -c 2
case_ "tsresol: pcapng without if_tsresol: -tttt" 0 "1 2004-11-23 08:53:25.123456 255.255.255.255:31337 > 10.0.0.5:515 TCP [R.] len 16 ttl 14 id 0 \"Reset cause: cko\"
2 2004-11-23 08:53:26.000007 10.0.0.5:53002 > 10.0.0.1:9 UDP len 1 ttl 64 id 7" "" -- $H -r $D/tsresol-default.pcapng -c 2 -tttt
case_ "tsresol: if_tsresol 9: nine digits" 0 "1 1101200005.123456789 255.255.255.255:31337 > 10.0.0.5:515 TCP [R.] len 16 ttl 14 id 0 \"Reset cause: cko\"
2 1101200006.000000005 10.0.0.5:53002 > 10.0.0.1:9 UDP len 1 ttl 64 id 7" "" -- $H -r $D/tsresol-nano.pcapng -c 2
case_ "tsresol: if_tsresol 9: -tttt" 0 "1 2004-11-23 08:53:25.123456789 255.255.255.255:31337 > 10.0.0.5:515 TCP [R.] len 16 ttl 14 id 0 \"Reset cause: cko\"
2 2004-11-23 08:53:26.000000005 10.0.0.5:53002 > 10.0.0.1:9 UDP len 1 ttl 64 id 7" "" -- $H -r $D/tsresol-nano.pcapng -c 2 -tttt
case_ "tsresol: if_tsresol 3 (milliseconds): six digits, as tcpdump (tshark prints three)" 0 "1 1101200005.123000 255.255.255.255:31337 > 10.0.0.5:515 TCP [R.] len 16 ttl 14 id 0 \"Reset cause: cko\"
2 1101200006.007000 10.0.0.5:53002 > 10.0.0.1:9 UDP len 1 ttl 64 id 7" "" -- $H -r $D/tsresol-milli.pcapng -c 2
TSMIXED="1 1101200005.123456 10.0.0.5:53002 > 10.0.0.1:9 UDP len 1 ttl 64 id 7
2 1101200006.123456789 10.0.0.5:53002 > 10.0.0.1:9 UDP len 1 ttl 64 id 7
3 1101200007.005000 10.0.0.5:53002 > 10.0.0.1:9 UDP len 1 ttl 64 id 7
4 1101200008.500000953 10.0.0.5:53002 > 10.0.0.1:9 UDP len 1 ttl 64 id 7
5 1101200009.123456700 10.0.0.5:53002 > 10.0.0.1:9 UDP len 1 ttl 64 id 7
6 1101200010.002929 10.0.0.5:53002 > 10.0.0.1:9 UDP len 1 ttl 64 id 7
7 1101200011.000007 10.0.0.5:53002 > 10.0.0.1:9 UDP len 1 ttl 64 id 7"
case_ "tsresol: six interfaces (10^-6, 10^-9, 10^-3, 2^-20, 10^-7, 2^-10): each frame at its own" 0 "$TSMIXED" "" \
    -- $H -r $D/tsresol-mixed.pcapng -c 10
case_ "tsresol: the same through tostring(p), and p.frame.time" 0 "$TSMIXED
1101200005.123456 1101200006.123456789 1101200007.005000 1101200008.500000953 1101200009.123456700 1101200010.002929 1101200011.000007" "" \
    -- $H -r $D/tsresol-mixed.pcapng -e 'local t = {} for p in packets() do print(p) t[#t + 1] = p.frame.time end print(table.concat(t, " "))'
case_ "tsresol: -V: frame.time_epoch and frame.time with the frame's digits" 0 "    frame.time_epoch = 1101200005.123456789
    frame.time = 1101200005.123456789" "" -- sh -c "$H -r $D/tsresol-nano.pcapng -c 1 -V | grep 'frame.time'"

# -w: the input's precision; a finer frame later makes the microsecond file nanosecond
for f in default:a1b2c3d4 milli:a1b2c3d4 nano:a1b23c4d mixed:a1b23c4d late:a1b23c4d; do
    case_ "tsresol: -w from tsresol-${f%%:*}.pcapng: magic ${f#*:}" 0 " ${f#*:}" "" \
        -- sh -c "$H -r $D/tsresol-${f%%:*}.pcapng -w $O/ts-${f%%:*}.pcap && $MAG $O/ts-${f%%:*}.pcap"
done
case_ "tsresol: -w of a microsecond pcapng: read back at microseconds" 0 "1 1101200005.123456 255.255.255.255:31337 > 10.0.0.5:515 TCP [R.] len 16 ttl 14 id 0 \"Reset cause: cko\"
2 1101200006.000007 10.0.0.5:53002 > 10.0.0.1:9 UDP len 1 ttl 64 id 7" "" -- $H -r $O/ts-default.pcap -c 2
case_ "tsresol: -w of a nanosecond pcapng: read back at nanoseconds" 0 "1 1101200005.123456789 255.255.255.255:31337 > 10.0.0.5:515 TCP [R.] len 16 ttl 14 id 0 \"Reset cause: cko\"
2 1101200006.000000005 10.0.0.5:53002 > 10.0.0.1:9 UDP len 1 ttl 64 id 7" "" -- $H -r $O/ts-nano.pcap -c 2
case_ "tsresol: -w of a 10^-9 interface described after the first frame: the file made nanosecond, every time exact" 0 "1 1101200005.123456000 255.255.255.255:31337 > 10.0.0.5:515 TCP [R.] len 16 ttl 14 id 0 \"Reset cause: cko\"
2 1101200006.123456789 10.0.0.5:53002 > 10.0.0.1:9 UDP len 1 ttl 64 id 7
3 1101200007.000007000 10.0.0.5:53002 > 10.0.0.1:9 UDP len 1 ttl 64 id 7" "" -- $H -r $O/ts-late.pcap -c 3
case_ "tsresol: -w - (written as it goes) of that capture: microseconds, and a warning" 2 " a1b2c3d4
3" "pcaphunt: -w -: 1 frames with nanosecond time stamps written to the microsecond (written as it goes, not to a regular file, the pcap began at microseconds)" \
    -- sh -c "$H -r $D/tsresol-late.pcapng -w - > $O/ts-late-out.pcap; rc=\$?; $MAG $O/ts-late-out.pcap; $H -r $O/ts-late-out.pcap -c 9 | wc -l; exit \$rc"
case_ "tsresol: -w of a microsecond and a nanosecond pcap (merged): nanoseconds, nothing lost" 0 " a1b23c4d
1 1101200000.123456789 255.255.255.255:31337 > 10.0.0.5:515 TCP [R.] len 16 ttl 14 id 0 \"Reset cause: cko\"
2 1101200000.250000000 255.255.255.255:31337 > 10.0.0.5:515 TCP [R.] len 16 ttl 14 id 0 \"Reset cause: cko\"
3 1101200001.000000005 10.0.0.5:53002 > 10.0.0.1:9 UDP len 1 ttl 64 id 7" "" \
    -- sh -c "$H -r $D/nanosecond.pcap -r $D/q-trojan.pcapng -w $O/ts-merged.pcap && $MAG $O/ts-merged.pcap && $H -r $O/ts-merged.pcap -c 3"
case_ "tsresol: -w of two microsecond captures (pcap and pcapng): microseconds" 0 " a1b2c3d4" "" \
    -- sh -c "$H -r $D/big-endian.pcap -r $D/tsresol-default.pcapng -w $O/ts-us.pcap && $MAG $O/ts-us.pcap"
case_ "tsresol: hunt evidence (-w, second pass) keeps the precision: microseconds, nanoseconds" 1 " a1b2c3d4
 a1b23c4d" "" \
    -- sh -c "$H -r $D/tsresol-default.pcapng --hunt q-trojan -w $O/ts-ev-us.pcap > /dev/null; $H -r $D/tsresol-nano.pcapng --hunt q-trojan -w $O/ts-ev-ns.pcap > /dev/null; rc=\$?; $MAG $O/ts-ev-us.pcap; $MAG $O/ts-ev-ns.pcap; exit \$rc"
case_ "tsresol: -w from two link types: pcapng, an interface per link type and resolution, times exact" 0 "1${T}1101200000.123456789${T}1
2${T}1101200000.250000000${T}1
3${T}1101200001.000000005${T}1
4${T}1101200001.250000${T}12" "" \
    -- sh -c "$H -r $D/nanosecond.pcap -r $D/mixed-linktypes.pcapng -w $O/ts-ng.pcap && $H -r $O/ts-ng.pcap -e 'for p in packets() do print(p.frame.number, p.frame.time, p.frame.linktype) end'"
if command -v tcpdump > /dev/null; then
    case_ "tsresol: tcpdump reads the -w files back with the same times" 0 "1101200005.123456 1101200006.000007
1101200005.123456789 1101200006.000000005
1101200005.123456000 1101200006.123456789 1101200007.005000000 1101200008.500000953 1101200009.123456700 1101200010.002929000 1101200011.000007000" "" \
        -- sh -c "for f in ts-default ts-nano ts-mixed; do case \$f in ts-default) p=micro;; *) p=nano;; esac; tcpdump -r $O/\$f.pcap -n -tt --time-stamp-precision=\$p 2> /dev/null | cut -d' ' -f1 | tr '\n' ' ' | sed 's/ \$//'; echo; done"
else
    echo "cli: tcpdump is not installed; skipping the -w read-back through tcpdump (apt-get install tcpdump)"
fi
if command -v tshark > /dev/null; then
    case_ "tsresol: tshark's frame.time_epoch agrees where our digits stop (2^-10: tcpdump's six)" 0 "1101200005.123456000 1101200005.123456
1101200006.123456789 1101200006.123456789
1101200007.005000000 1101200007.005000
1101200008.500000953 1101200008.500000953
1101200009.123456700 1101200009.123456700
1101200010.002929687 1101200010.002929
1101200011.000007000 1101200011.000007" "" \
        -- sh -c "tshark -r $D/tsresol-mixed.pcapng -T fields -e frame.time_epoch 2> /dev/null > $O/ts-tshark; $H -r $D/tsresol-mixed.pcapng -e 'for p in packets() do print(p.frame.time) end' | paste -d' ' $O/ts-tshark -"
else
    echo "cli: tshark is not installed; skipping the tsresol check through tshark (apt-get install tshark)"
fi

# the report: the digits of the frames it cites
printf 'hunt{name = "every-frame", severity = "info",\n     packet = function(p, h) h:report{packet = p, key = "k", msg = "frame"} end}\n' > "$O/every-frame.lua"
case_ "tsresol: the human report's times: six digits for microseconds" 1 "    2 findings, frames 1, 2, 2004-11-23 08:53:25.123456 .. 2004-11-23 08:53:26.000007 UTC" "" \
    -- sh -c "$H -r $D/tsresol-default.pcapng --hunt-file $O/every-frame.lua --hunt every-frame > $O/ts-r.out; rc=\$?; grep findings $O/ts-r.out; exit \$rc"
case_ "tsresol: the human report's times: nine for nanoseconds" 1 "    2 findings, frames 1, 2, 2004-11-23 08:53:25.123456789 .. 2004-11-23 08:53:26.000000005 UTC" "" \
    -- sh -c "$H -r $D/tsresol-nano.pcapng --hunt-file $O/every-frame.lua --hunt every-frame > $O/ts-r.out; rc=\$?; grep findings $O/ts-r.out; exit \$rc"
case_ "tsresol: --json first_time, last_time and their ISO forms: microseconds" 1 '"first_time":1101200005.123456,"last_time":1101200006.000007,"first_time_iso":"2004-11-23T08:53:25.123456Z","last_time_iso":"2004-11-23T08:53:26.000007Z"' "" \
    -- sh -c "$H -r $D/tsresol-default.pcapng --hunt-file $O/every-frame.lua --hunt every-frame --json > $O/ts-r.out; rc=\$?; grep -o '\"first_time\":.*Z\"' $O/ts-r.out; exit \$rc"
case_ "tsresol: --json: nanoseconds" 1 '"first_time":1101200005.123456789,"last_time":1101200006.000000005,"first_time_iso":"2004-11-23T08:53:25.123456789Z","last_time_iso":"2004-11-23T08:53:26.000000005Z"' "" \
    -- sh -c "$H -r $D/tsresol-nano.pcapng --hunt-file $O/every-frame.lua --hunt every-frame --json > $O/ts-r.out; rc=\$?; grep -o '\"first_time\":.*Z\"' $O/ts-r.out; exit \$rc"
case_ "tsresol: --json over interfaces of several resolutions: first and last each with its own" 1 '"first_time":1101200005.123456,"last_time":1101200011.000007,"first_time_iso":"2004-11-23T08:53:25.123456Z","last_time_iso":"2004-11-23T08:53:31.000007Z"' "" \
    -- sh -c "$H -r $D/tsresol-mixed.pcapng --hunt-file $O/every-frame.lua --hunt every-frame --json > $O/ts-r.out; rc=\$?; grep -o '\"first_time\":.*Z\"' $O/ts-r.out; exit \$rc"
case_ "tsresol: --all-findings --json: each frame's own digits" 1 '"first_time":1101200005.123456
"first_time":1101200006.123456789
"first_time":1101200007.005000
"first_time":1101200008.500000953
"first_time":1101200009.123456700
"first_time":1101200010.002929
"first_time":1101200011.000007' "" \
    -- sh -c "$H -r $D/tsresol-mixed.pcapng --hunt-file $O/every-frame.lua --hunt every-frame --json --all-findings > $O/ts-r.out; rc=\$?; grep -o '\"first_time\":[0-9.]*' $O/ts-r.out; exit \$rc"
case_ "tsresol: EVE: the timestamp in Suricata's six digits, the exact time in pcaphunt.first_time" 1 '"timestamp":"2004-11-23T08:53:25.123456+0000"
"first_time":1101200005.123456789' "" \
    -- sh -c "$H -r $D/tsresol-nano.pcapng --hunt-file $O/every-frame.lua --hunt every-frame --format eve > $O/ts-r.out; rc=\$?; grep -o -e '\"timestamp\":\"[^\"]*\"' -e '\"first_time\":[0-9.]*' $O/ts-r.out; exit \$rc"
case_ "tsresol: summary(): the first and last frame's digits" 0 "2 packets, 113 bytes on the wire, 2004-11-23 08:53:25.123456789 .. 2004-11-23 08:53:26.000000005 UTC (0.877 s)
7 packets, 301 bytes on the wire, 2004-11-23 08:53:25.123456 .. 2004-11-23 08:53:31.000007 UTC (5.877 s)" "" \
    -- sh -c "$H -r $D/tsresol-nano.pcapng -e 'print((tostring(summary()):match(\"[^\\n]*\")))'; $H -r $D/tsresol-mixed.pcapng -e 'print((tostring(summary()):match(\"[^\\n]*\")))'"
case_ "tsresol: a split run (--part, --state-out, --merge) reports the same times" 1 "same" "" \
    -- sh -c "$H -r $D/tsresol-mixed.pcapng --hunt-file $O/every-frame.lua --hunt every-frame --json > $O/ts-one.json; for k in 1 2; do $H -r $D/tsresol-mixed.pcapng --hunt-file $O/every-frame.lua --hunt every-frame --part \$k/2 --state-out $O/ts-p\$k.state || exit 2; done; $H --merge $O/ts-p1.state $O/ts-p2.state --hunt-file $O/every-frame.lua --json > $O/ts-merged.json; rc=\$?; cmp $O/ts-one.json $O/ts-merged.json && echo same; exit \$rc"

# a hostile microsecond field of a second or more: written into a nanosecond file it is carried into the
# seconds, as the in-place conversion does (it wrapped to 300.4294966296 when written after it)
python3 -c '
import struct, sys
f = bytes.fromhex("0011223344550066778899aa08004500001d00010000401166cd0a0000010a00000203e807d00009000078")
open(sys.argv[1], "wb").write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1) +
                              struct.pack("<IIII", 300, 0xFFFFFFFF, len(f), len(f)) + f)' $O/usbig.pcap
case_ "tsresol: -w to nanoseconds carries microseconds of a second or more into the seconds" 0 "1 4594.967295000 10.0.0.1:1000 > 10.0.0.2:2000 UDP len 1 ttl 64 id 1" "" \
    -- sh -c "$H -r $O/usbig.pcap -r $D/tsresol-nano.pcapng -w $O/usbig-ns.pcap && $H -r $O/usbig-ns.pcap -c 1"

# Kuznetzov's modified pcap (read by libpcap) counts microseconds: six digits, and -w writes a
# microsecond pcap (it printed nine and wrote nanoseconds)
case_ "tsresol: a modified (Kuznetzov) pcap: six digits" 0 "1 1101200005.123456 10.0.0.5:53002 > 10.0.0.1:9 UDP len 1 ttl 64 id 1792
2 1101200006.123463 10.0.0.5:53002 > 10.0.0.1:9 UDP len 1 ttl 64 id 1793" "" -- $H -r $D/kuznetzov.pcap -c 2
rm -rf $O/kzdir; mkdir -p $O/kzdir; cp $D/kuznetzov.pcap $O/kzdir/
case_ "tsresol: a modified (Kuznetzov) pcap in a directory is a capture of it (it was passed over)" 0 "1 1101200005.123456 10.0.0.5:53002 > 10.0.0.1:9 UDP len 1 ttl 64 id 1792" "" \
    -- $H -r $O/kzdir -c 1
case_ "tsresol: a modified (Kuznetzov) pcap: -w writes microseconds" 0 " a1b2c3d4" "" \
    -- sh -c "$H -r $D/kuznetzov.pcap -w $O/kz.pcap && $MAG $O/kz.pcap"

# Frames dated before 1970 or past 2106 (pcapng input: 64-bit stamps, if_tsoffset): a pcap's 32-bit
# seconds cannot hold them, so -w makes pcapng with an if_tsoffset interface; written as it goes,
# they are left out and counted.  Capture: gencap.c gen_tsfar (2004, 2200, 1843, 2004).
TSFAR="1 2004-11-23 08:53:25.123456 255.255.255.255:31337 > 10.0.0.5:515 TCP [R.] len 16 ttl 14 id 0 \"Reset cause: cko\"
2 2200-01-01 00:00:00.000001 10.0.0.5:53002 > 10.0.0.1:9 UDP len 1 ttl 64 id 7
3 1843-03-31 16:53:25.000002 10.0.0.5:53002 > 10.0.0.1:9 UDP len 1 ttl 64 id 7
4 2004-11-23 08:53:26.000007 10.0.0.5:53002 > 10.0.0.1:9 UDP len 1 ttl 64 id 7"
case_ "tsresol: frames in 2200 and 1843 read as dated" 0 "$TSFAR" "" -- $H -r $D/tsfar.pcapng -tttt
case_ "tsresol: -w x.pcap of frames in 2200 and 1843: pcapng (a pcap's seconds end in 2106), every time exact" 0 " 0a0d0d0a
$TSFAR" "" -- sh -c "$H -r $D/tsfar.pcapng -w $O/ts-far.pcap && $MAG $O/ts-far.pcap && $H -r $O/ts-far.pcap -tttt"
case_ "tsresol: -w x.pcapng of them: every time exact; epoch seconds (before 1970 the one negative value, as time_epoch gives it)" 0 "1101200005.123456 7258118400.000001 -3999999994.999998 1101200006.000007" "" \
    -- sh -c "$H -r $D/tsfar.pcapng -w $O/ts-far.pcapng && $H -r $O/ts-far.pcapng -e 'local t = {} for p in packets() do t[#t + 1] = p.frame.time end print(table.concat(t, \" \"))'"
case_ "tsresol: -w x.pcap of the 2004 frame only (tcp): a pcap still" 0 " a1b2c3d4" "" \
    -- sh -c "$H -r $D/tsfar.pcapng -w $O/ts-far-tcp.pcap tcp && $MAG $O/ts-far-tcp.pcap"
case_ "tsresol: -w - (written as it goes): those frames left out, and a warning" 2 " a1b2c3d4
2" "pcaphunt: -w -: 2 frames dated before 1970 or past 2106 left out (written as it goes, not to a regular file, a pcap's time stamps hold 1970 to 2106)" \
    -- sh -c "$H -r $D/tsfar.pcapng -w - > $O/ts-far-out.pcap; rc=\$?; $MAG $O/ts-far-out.pcap; $H -r $O/ts-far-out.pcap -c 9 | wc -l; exit \$rc"
case_ "tsresol: pcaphunt.writer(\"-\"): a packet of 2200 raises, the others are written" 0 "true
false	-: packet is dated before 1970 or past 2106, file (a pcap written as it goes) holds 1970 to 2106
false	-: packet is dated before 1970 or past 2106, file (a pcap written as it goes) holds 1970 to 2106
true" "" \
    -- sh -c "$H -r $D/tsfar.pcapng -e 'local w = pcaphunt.writer(\"-\") for p in packets() do local ok, e = pcall(w.write, w, p) io.stderr:write(tostring(ok), e and \"\t\" .. e or \"\", \"\n\") end' 2>&1 >/dev/null"
case_ "tsresol: that pcapng has two interfaces: 2200 fits a 64-bit count of microseconds, 1843 needs an if_tsoffset" 0 "2" "" \
    -- python3 -c "
import struct, sys
b = open('$O/ts-far.pcap', 'rb').read(); i = n = 0
while i + 8 <= len(b):
    t, l = struct.unpack_from('<II', b, i); n += t == 1; i += l
print(n)"
