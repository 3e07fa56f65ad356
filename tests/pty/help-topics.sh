# The after check of tests/pty/help-topics.steps: $1 is what the shell printed, the candidates of
# help("<TAB><TAB> one a line after the prompt that asked; each must have a help() answer.
list=tests/out/pty/help-topics.list
tr -d '\r' < "$1" | awk 'on && /^pcaphunt> / { exit } on { print } /^pcaphunt> help\("$/ { on = 1 }' > "$list"
n=$(wc -l < "$list")
if [ "$n" -lt 400 ]; then echo "only $n candidates listed"; exit 1; fi
./pcaphunt -r tests/data/q-trojan.pcap -e "for t in io.lines('$list') do io.write('@@', t, '\n') io.stdout:flush() help(t) end" \
    > tests/out/pty/help-topics.answers || exit 1
awk '/^@@/ { t = substr($0, 3); n++; getline; if ($0 ~ /^no help/) { print "offered, no help: " t; bad = 1 } }
     END { if (n < 400) { print "only " n " topics asked"; bad = 1 } exit bad }' tests/out/pty/help-topics.answers
