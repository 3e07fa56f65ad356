-- syn-flood: many SYNs to one service that never become connections, at a rate.  The engine decides in
-- C which flows opened by a SYN were never established (no plain ACK after the SYN-ACK) and carried no
-- data, and calls connection_failed for those only: no Lua runs for connections.  At the end, per destination address and port, a sliding window of
-- `window` seconds over the incomplete flows' SYNs (retransmissions included): `min_syns` of them make
-- a flood.  The sources are counted: a spoofed flood comes from as many addresses as SYNs.  A scan
-- sends about one SYN per port and is port-scan's; a flood aims at one port.
local MAX_KEPT = 100000   -- incomplete flows kept per destination (beyond, counted only)
hunt{
  name = "syn-flood",
  description = "SYN floods: min_syns SYNs within a window to one service that never complete, from one source or many (spoofed)",
  severity = "medium",
  priority = 15,
  options = {min_syns = 100, window = 10},
  option_help = {
    min_syns = "SYNs of never-completed connections to one address and port within the window before it is reported",
    window = "seconds of the sliding window over a destination's incomplete SYNs",
  },
  connection_failed = function(f, h)                -- seen from the side that sent the SYN
    h.dest = h.dest or {}
    local dk = f.dst .. "|" .. f.dport
    local l = h.dest[dk]
    if not l then l = {dst = f.dst, dport = f.dport, n = 0} h.dest[dk] = l end
    if #l < MAX_KEPT then
      l[#l + 1] = {t = f.first_time, frame = f.first_frame, n = f.syns, f = f:copy(), src = f.src,
                   answered = f.synack_seen}
    end
  end,
  finish = function(h)
    local opt = h.options
    local keys = {}
    for k in pairs(h.dest or {}) do keys[#keys + 1] = k end
    table.sort(keys)
    for _, k in ipairs(keys) do
      local l = h.dest[k]
      table.sort(l, function(a, b) return a.t < b.t or (a.t == b.t and a.frame < b.frame) end)
      local lo, sum, best = 1, 0, 0
      for hi = 1, #l do
        sum = sum + l[hi].n
        while l[hi].t - l[lo].t > opt.window do sum = sum - l[lo].n lo = lo + 1 end
        if sum > best then best = sum end
      end
      if best >= opt.min_syns then
        local srcs, nsrc, syns, answered = {}, 0, 0, 0
        for _, e in ipairs(l) do
          syns = syns + e.n
          if e.answered then answered = answered + 1 end
          if not srcs[e.src] then srcs[e.src] = true nsrc = nsrc + 1 end
        end
        local who = nsrc == 1 and ("from one source, " .. l[1].src)
          or nsrc * 2 >= #l and string.format("from %d distinct sources, most sending one connection: spoofed addresses", nsrc)
          or string.format("from %d sources", nsrc)
        local msg = string.format("%s port %d received %d SYNs within %d s (%.0f/s) that never became connections " ..
          "(no ACK after the SYN-ACK, no data), %s; %d incomplete connections in all, %d SYNs, %d answered with a SYN-ACK. " ..
          "A SYN flood (threshold %d SYNs in %d s) fills the server's backlog; check whether real clients' connections " ..
          "to %s failed meanwhile and whether it uses SYN cookies",
          l.dst, l.dport, best, opt.window, best / opt.window, who, #l, syns, answered, opt.min_syns, opt.window, l.dst)
        for _, e in ipairs(l) do h:report{flow = e.f, key = l.dst .. " " .. l.dport, msg = msg,
          why = "connections opened faster than they complete exhaust the server's half-open queue: a SYN flood (or a server that stopped answering)",
          check = "whether the service stayed reachable, the SYN-ACKs it sent (SYN cookies), and the sources' TTLs (one sender or many)"} end
      end
    end
  end,
}
