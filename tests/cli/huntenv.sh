# Hunt files' environments (lua/huntenv.c), sourced by tests/cli/cases.sh: each hunt file's globals
# stay its own, and under --sandbox a hostile hunt file cannot change what the other hunts, the
# prelude or the user's code call (tests/cli/hunts/ holds the hunt files).
HF=tests/cli/hunts
ENVCHUNK='print(seen, classify, string.format("%d", 5), table.concat({1, 2}, ","), tostring(pairs) ~= nil)'
for sb in "" --sandbox; do
    case_ "hunt files: two files assigning the same globals each keep theirs; one clobbering print, string, table, pairs breaks nothing else${sb:+ ($sb)}" 1 "nil${T}nil${T}5${T}1,2${T}true
same-a${T}a3 a7${T}true${T}true
same-b${T}b3 b7${T}true${T}true
$QT" "" -- $H -r $D/q-trojan.pcap --hunt-file $HF/same-a.lua --hunt-file $HF/same-b.lua --hunt-file $HF/clobber.lua \
        --hunt same-a,same-b,clobber,q-trojan -q $sb -e "$ENVCHUNK"
done
case_ "hunt files loaded by hunt() after a chunk leave the chunk's globals alone; a hunt's function keeps its file's" 0 "same-a${T}a3 a7${T}true${T}true
0
mine${T}1" "" -- $H -r $D/q-trojan.pcap --hunt-file $HF/same-a.lua -e 'seen = "mine" classify = 1 print(#hunt("same-a")) print(seen, classify)'
printf -- '-- a hunt file whose load() chunks assign a global\nload("leak = 1")()\nlocal f = load("return leak")\nhunt{name = "loader", severity = "info", finish = function(h) print("loader", leak, f(), _G.leak, rawget(_G, "leak")) end}\n' > $O/loader.lua
for sb in "" --sandbox; do
    case_ "hunt files: load() compiles into the file's environment${sb:+ ($sb)}" 0 "nil
loader${T}1${T}1${T}1${T}1" "" -- $H -r $D/q-trojan.pcap --hunt-file $O/loader.lua --hunt loader $sb -e 'print(leak)'
done
printf 'hunt{name = "q-trojan", severity = "info", finish = function(h) print("mine") end}\n' > $O/mine.lua
case_ "hunt files: a --hunt-file replaces a bundled hunt of the same name" 0 "mine" "" \
    -- $H -r $D/q-trojan.pcap --hunt-file $O/mine.lua --hunt q-trojan
case_ "--sandbox: a hunt file cannot replace another file's hunt" 2 "" "pcaphunt: $O/mine.lua:1: hunt q-trojan: another hunt file defined it: in the sandbox a hunt file cannot replace another's hunt" \
    -- $H -r $D/q-trojan.pcap --hunt-file $O/mine.lua --hunt q-trojan --sandbox
case_ "--sandbox: the user's own hunt{} still replaces a bundled one (the hunt files load first)" 0 "mine
0" "" -- $H -r $D/q-trojan.pcap --sandbox -e 'hunt{name = "q-trojan", severity = "info", finish = function(h) print("mine") end} print(#hunt("q-trojan"))'
printf -- '-- reports as another hunt through a table claiming its index\nhunt{name = "forger", packet = function(p, h) if h.done then return end h.done = true local n = 0 for i = -1, 20 do if pcall(h.report, {_index = i}, {msg = "forged", packet = p}) then n = n + 1 end end print(n, select(2, pcall(h.report, setmetatable({_index = 0}, getmetatable(h)), {msg = "x"}))) end}\n' > $O/forger.lua
case_ "h:report: a table claiming another hunt's index reports nothing (no --sandbox either)" 1 "0${T}report: call it as h:report{...} with the h your hunt's function was given
$($H -r $D/q-trojan.pcap --hunt spoofed-source -q)" "" \
    -- $H -r $D/q-trojan.pcap --hunt-file $O/forger.lua --hunt forger,spoofed-source -q

# A hostile hunt file under --sandbox: what it tries (tests/cli/hunts/hostile.lua) leaves every other
# hunt's findings as they are without it, byte for byte; what it could still observe is harmless.
HOSTILE_SEEN=$(for when in load packet; do
    if [ $when = packet ]; then
        printf 'packet\treset_cause\ttrue\tcko\tfalse\n'
        printf 'packet\tgetmetatable(p)\tfalse\tfalse\tfalse\n'
        printf "packet\tforged reports\t0\treport: call it as h:report{...} with the h your hunt's function was given\n"
    fi
    printf '%s\tstring.format\ttrue\n%s\ttable.insert\ttrue\n%s\tpcaphunt.endpoint\ttrue\n%s\tpcaphunt.filters\ttrue\n' $when $when $when $when
    printf "%s\tgetmetatable('')\tfalse $HF/hostile.lua:26: attempt to index a boolean value (local 'mt')\n" $when
    if [ $when = load ]; then printf 'load\tload\ttrue 1\n'   # the chunk's global stays in the file's environment
    else printf "packet\tload\tfalse $HF/hostile.lua:9: blinded\n"; fi   # its own rawget was poisoned at load
    printf '%s\trequire\ttrue true\n%s\trawset(_G)\ttrue\n%s\tpackage.loaded\ttrue true\n' $when $when $when
    printf "%s\tsetmetatable(_G)\tfalse $HF/hostile.lua:33: cannot change a protected metatable\n" $when
    printf "%s\tgetmetatable(_G)\ttrue false\n%s\trequire('_G')\ttrue true\n" $when $when
    if [ $when = load ]; then
        printf "load\tpcaphunt.use\tfalse $HF/hostile.lua:36: pcaphunt.use is not available to hunt files in the sandbox\n"
        printf "load\tadd_reset_code\tfalse $HF/hostile.lua:37: pcaphunt.add_reset_code is not available to hunt files in the sandbox\n"
        printf "load\tredefine q-trojan\tfalse $HF/hostile.lua:38: hunt q-trojan: another hunt file defined it: in the sandbox a hunt file cannot replace another's hunt\n"
    else   # its own copies were poisoned at load: what it calls raises; hunt{} is refused during a run
        printf "packet\tpcaphunt.use\tfalse $HF/hostile.lua:9: blinded\npacket\tadd_reset_code\tfalse $HF/hostile.lua:9: blinded\n"
        printf "packet\tredefine q-trojan\tfalse $HF/hostile.lua:38: hunt q-trojan: hunts cannot be defined while a hunt runs\n"
    fi
    printf '%s\tcapture metatable\ttrue false false false\n%s\tlist metatable\ttrue false false\n' $when $when
    printf '%s\tcoroutine\ttrue\n' $when
    printf "%s\t__gc\tfalse $HF/hostile.lua:42: setmetatable: __gc is not available to hunt files in the sandbox\n" $when
    if [ $when = load ]; then printf "load\tio.write's file\ttrue nil nil\n"   # not the standard output's handle
    else printf "packet\tio.write's file\tfalse $HF/hostile.lua:9: blinded\n"; fi
    printf '%s\tpoison all\ttrue\n' $when
done)
for c in q-trojan q-trojan-vlan; do
    for hunts in hostile,q-trojan all; do
        want=q-trojan; [ $hunts = all ] && want=all
        $H -r $D/$c.pcap --hunt $want --sandbox --json --all-findings > "$O/clean.out" 2> "$O/clean.err"
        case_ "--sandbox: a hostile hunt file changes nothing the others find ($c, --hunt $hunts)" 1 "$(cat "$O/clean.out")" "$HOSTILE_SEEN" \
            -- $H -r $D/$c.pcap --hunt-file $HF/hostile.lua --hunt $hunts --sandbox --json --all-findings
    done
    case_ "--sandbox: ... the human report too ($c)" 1 "$($H -r $D/$c.pcap --hunt q-trojan --sandbox)" "" \
        -- sh -c "$H -r $D/$c.pcap --hunt-file $HF/hostile.lua --hunt hostile,q-trojan --sandbox > $O/hr.out; rc=\$?; grep -v '^load\|^packet' $O/hr.out; exit \$rc"
done

# a hunt that sets a metatable on its own h: the engine reads a hunt's functions raw, so the
# metamethod never runs outside the hunt's budget (a looping __index hung the run, SIGTERM too)
printf 'hunt{name = "meta", description = "a hostile metatable on its own h", severity = "info",\n  packet = function(p, h) setmetatable(h, {__index = function() while true do end end}) end,\n  flow_end = function(f, h) end}\n' > $O/meta.lua
for sb in "" --sandbox; do
    case_ "a hunt's metatable on its own h runs nowhere but in its calls${sb:+ ($sb)}" 1 "$QT" "" \
        -- timeout -s KILL 60 $H -r $D/q-trojan.pcap --hunt-file $O/meta.lua --hunt meta,q-trojan -q --script-steps 100000 $sb
done
# --sandbox: a hunt file that deletes its own hunt, require, setmetatable and load reads its own
# again, never the shared ones (with the shared hunt it replaced q-trojan; with the shared require
# it changed string.format for every hunt and the user's code)
printf '_G.hunt = nil\nprint("hunt", pcall(hunt, {name = "q-trojan", description = "x", severity = "info", want = {proto = "tcp"}, packet = function() end}))\n_G.require = nil\nrequire("string").format = function() return "PWNED" end\n_G.setmetatable = nil\nprint("gc", pcall(setmetatable, {}, {__gc = function() end}))\n_G.load = nil\nprint("load", load("return string.format(\\"%%%%d\\", 5)")())\nhunt{name = "deleter", description = "x", severity = "info", packet = function() end}\n' > $O/deleter.lua
case_ "--sandbox: a hunt file deleting its own overrides gets them back" 1 "hunt${T}false${T}hunt q-trojan: another hunt file defined it: in the sandbox a hunt file cannot replace another's hunt
gc${T}false${T}setmetatable: __gc is not available to hunt files in the sandbox
load${T}PWNED
5
$QT" "" -- $H -r $D/q-trojan.pcap --hunt-file $O/deleter.lua --hunt deleter,q-trojan --sandbox -q -e 'print(string.format("%d", 5))'
