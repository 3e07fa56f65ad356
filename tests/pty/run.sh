# Shell tests through a pseudo-terminal, sourced by tests/run.sh: each tests/pty/*.steps
# file is one test, driven by tests/pty/ptydrive against the real binary.  Header lines:
#   # cmd: ARGS      pcaphunt's arguments (run from the project root)
#   # state: NAME    history directory shared by the files naming it (else one per file)
#   # env: VAR=VALUE extra environment
#   # pipe: CMD      pcaphunt's standard output goes into CMD (whose output reaches the terminal);
#                    standard input and error stay the terminal
# Files run in name order, so history-1 writes what history-2 reads.  Sets pty_passed / pty_failed.
pty_passed=0
pty_failed=0
PO=tests/out/pty
rm -rf "$PO" && mkdir -p "$PO"
for steps in tests/pty/*.steps; do
    name=$(basename "$steps" .steps)
    args=$(sed -n 's/^# cmd: //p' "$steps")
    state=$(sed -n 's/^# state: //p' "$steps")
    extra=$(sed -n 's/^# env: //p' "$steps")
    pipe=$(sed -n 's/^# pipe: //p' "$steps")
    state_dir="$PO/state-${state:-$name}"
    mkdir -p "$state_dir"
    # shellcheck disable=SC2086  # args and extra are word lists on purpose
    if [ -n "$pipe" ]; then set -- sh -c "./pcaphunt \"\$@\" | $pipe" sh $args; else set -- ./pcaphunt $args; fi
    env -i PATH="$PATH" HOME="$PO/home" TERM=dumb INPUTRC=/dev/null XDG_STATE_HOME="$PWD/$state_dir" $extra \
        ./tests/pty/ptydrive "$steps" -- "$@" > "$PO/$name.log" 2>&1
    rc=$?
    if [ "$rc" -eq 77 ]; then
        echo "SKIP: pty tests: this machine gives no pseudo-terminal ($(head -n 1 "$PO/$name.log"))"
        break
    elif [ "$rc" -eq 0 ]; then
        pty_passed=$((pty_passed + 1))
    else
        pty_failed=$((pty_failed + 1))
        echo "FAIL: pty $name"
        sed 's/^/  /' "$PO/$name.log" | head -n 60
    fi
    # a step file may check what the shell left behind
    check=$(sed -n 's/^# after: //p' "$steps")
    if [ -n "$check" ]; then
        if sh -c "$check" > "$PO/$name.after" 2>&1; then pty_passed=$((pty_passed + 1))
        else pty_failed=$((pty_failed + 1)); echo "FAIL: pty $name (after: $check)"; sed 's/^/  /' "$PO/$name.after"; fi
    fi
done
