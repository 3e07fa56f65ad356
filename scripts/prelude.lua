-- The shared Lua prelude: loaded into every session before user code.
-- The C side has set `captures` (the -r files, in order) and `packets([bpf])`,
-- which walks them all; `capture` is the first of them.

captures = captures or {}
capture = captures[1]

-- BPF shared by hunts: TCP segments with RST set (IPv6 cannot test TCP flags in BPF,
-- so every IPv6 TCP segment passes and the hunt checks p.tcp.rst itself).
pcaphunt.filters = {
  rst = "(ip and tcp[tcpflags] & tcp-rst != 0) or (ip6 and tcp)",
}
