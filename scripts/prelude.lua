-- The shared Lua prelude: loaded into every session before user code.
-- The C side has set `captures` (the -r files, in order) and `packets([bpf])`,
-- which walks them all; `capture` is the first of them.

captures = captures or {}
capture = captures[1]
