-- syn-flood: many SYNs to one service that never become connections, at a rate.  The engine decides in
-- C which flows opened by a SYN were never established (no ACK of the SYN-ACK: a spoofed source's blind
-- ACKs, which guess its sequence number, with or without data, do not count) and carried no data, and
-- calls connection_failed for those only: no Lua runs for connections.  Each SYN counts at its
-- own time: the flow table keeps a connection's first SYN time and how many SYNs it sent, and Lua sees
-- the SYNs that come on a flow already in the table (want.new_flow = false: retransmissions, rare in
-- normal traffic), whose times it keeps until the flow ends (RETRIES_KEPT a connection, MAX_RETRYING
-- connections at once, the oldest let go when a connection idle past TCP's timeout can no longer fail).
-- At the end, per destination address and port, a sliding window of `window` seconds over the
-- incomplete flows' SYNs (retransmissions included, each at its time stamp): `min_syns` of them make
-- a flood.  The sources are counted: a spoofed flood comes from as many addresses as SYNs.  A scan
-- sends about one SYN per port and is port-scan's; a flood aims at one port.
local MAX_KEPT = 100000       -- incomplete flows kept per destination (beyond, counted only)
local RETRIES_KEPT = 1000     -- retransmitted SYN times kept per connection (beyond: spread, below)
local MAX_RETRYING = 100000   -- connections whose retransmitted SYNs are kept at once
local MAX_TIMES = 2000000     -- SYN times kept per destination (beyond, counted only)
local FORGET_AFTER = 700      -- seconds after its last SYN a connection has ended (TCP's idle timeout, 600)

-- True when a connection's SYNs came as a stack retransmits one (RFC 6298: the same SYN, the first again after 1 s,
-- 3 s on older Windows, then at growing or equal intervals); false when they did not (new sequence numbers: a
-- flood whose source ports came round; a first repeat too soon or too late), or cannot be told: the hunt sees a
-- connection's repeats only (its first SYN opens the flow), so a sequence number is compared from the third SYN
-- on, and fewer than two repeats kept (or their times let go) tell nothing; nil for a connection of one SYN.
local function backoff(f, kept)
  if f.syns <= 1 then return nil end
  if not kept or #kept < 2 or kept.fresh then return false end
  local last, prev = f.first_time, nil
  for i = 1, #kept do
    local d = kept[i] - last
    if (i == 1 and (d < 0.2 or d > 3.5)) or (prev and d < prev * 0.9) then return false end
    last, prev = kept[i], d
  end
  return true
end

-- A connection's SYN times: its first, the retransmissions seen, and any it sent beyond those kept
-- (or whose times were let go) spread evenly between the last one kept and its last packet.
local function syn_times(f, kept, out, room)
  local n = math.max(f.syns, 1)
  out[#out + 1] = f.first_time
  local last = f.first_time
  for i = 1, math.min(#kept, n - 1) do
    if #out >= room then return end
    out[#out + 1] = kept[i]
    last = kept[i]
  end
  local rest = n - 1 - math.min(#kept, n - 1)
  for i = 1, rest do
    if #out >= room then return end
    out[#out + 1] = last + (f.last_time - last) * i / rest
  end
end

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
  -- a SYN (no ACK, RST, FIN) on a flow already in the table: a retransmission, kept with its time
  want = {tcp_flags_all = {"syn"}, tcp_flags_none = {"ack", "rst", "fin"}, new_flow = false},
  packet = function(p, h)
    local f = h:flow(p)
    if not (f and f.initiator) then return end      -- the flow counts the initiator's SYNs only
    h.retry = h.retry or {}
    local k = f.first_frame                          -- one flow's, whatever the ports' reuse
    local r = h.retry[k]
    if not r then
      if (h.nretry or 0) >= MAX_RETRYING then       -- let go of connections that can no longer fail
        local now = p.frame.time_epoch                -- (one sweep a tenth of FORGET_AFTER at most: a flood
        if not h.swept or now - h.swept >= FORGET_AFTER / 10 then   -- fills the table faster than it ages)
          h.swept = now
          for key, e in pairs(h.retry) do
            if now - e.last > FORGET_AFTER then h.retry[key] = nil h.nretry = h.nretry - 1 end
          end
        end
        if h.nretry >= MAX_RETRYING then return end  -- still full: this one's SYNs are spread (syn_times)
      end
      r = {last = p.frame.time_epoch}
      h.retry[k] = r
      h.nretry = (h.nretry or 0) + 1
    end
    if #r < RETRIES_KEPT then r[#r + 1] = p.frame.time_epoch end
    r.last = p.frame.time_epoch
    local seq = p.tcp.seq                             -- a stack sends its one SYN again; a flood whose source ports
    if r.seq == nil then r.seq = seq elseif seq ~= r.seq then r.fresh = true end   -- come round sends new ones
  end,
  connection_failed = function(f, h)                -- seen from the side that sent the SYN
    h.dest = h.dest or {}
    local dk = f.dst .. "|" .. f.dport
    local l = h.dest[dk]
    if not l then l = {dst = f.dst, dport = f.dport, n = 0, syns = 0, times = {}, repeated = 0, backoff = 0} h.dest[dk] = l end
    l.n = l.n + 1
    local kept = h.retry and h.retry[f.first_frame]
    local b = backoff(f, kept)
    if b ~= nil then l.repeated = l.repeated + 1 end   -- every connection whose SYN came again, told or not
    if b then l.backoff = l.backoff + 1 end
    if kept then h.retry[f.first_frame] = nil h.nretry = h.nretry - 1 end
    syn_times(f, kept or {}, l.times, MAX_TIMES)
    l.syns = l.syns + math.max(f.syns, 1)
    -- the flow as it ended, read again in finish (a copy: 200 bytes, where a table of its traits took 500 more)
    if #l < MAX_KEPT then l[#l + 1] = f:copy() end
  end,
  finish = function(h)
    local opt = h.options
    local keys = {}
    for k in pairs(h.dest or {}) do keys[#keys + 1] = k end
    table.sort(keys)
    for _, k in ipairs(keys) do
      local l = h.dest[k]
      local times = l.times
      table.sort(times)
      local lo, best = 1, 0
      for hi = 1, #times do
        while times[hi] - times[lo] > opt.window do lo = lo + 1 end
        if hi - lo + 1 > best then best = hi - lo + 1 end
      end
      l.times = nil
      if best >= opt.min_syns then
        for i, f in ipairs(l) do
          l[i] = {t = f.first_time, frame = f.first_frame, f = f, src = f.src, answered = f.synack_seen,
            blind = f.synack_seen and f.ack_seen,    -- an ACK after the SYN-ACK that did not acknowledge it
            -- refused: no SYN-ACK, a RST, and the responder sent something (its RST): a closed port's answer
            refused = not f.synack_seen and f.rst_seen and f.packets_received > 0, sent = f.packets_sent}
        end
        table.sort(l, function(a, b) return a.t < b.t or (a.t == b.t and a.frame < b.frame) end)
        local srcs, nsrc, answered, blind, refused = {}, 0, 0, 0, 0
        for _, e in ipairs(l) do
          if e.answered then answered = answered + 1 end
          if e.blind then blind = blind + 1 end
          if e.refused then refused = refused + 1 end
          local before = srcs[e.src]                 -- the packets the source sent in these attempts
          if not before then nsrc = nsrc + 1 end
          srcs[e.src] = (before or 0) + e.sent
        end
        -- sources that sent packets besides these attempts (their own connections, before or after): hosts that
        -- are there, not addresses made up for the flood.  Told from the host table (in finish it answers in a
        -- split run too), only when every failed attempt was kept (their packets counted)
        local others = 0
        if #l == l.n then
          for src, n in pairs(srcs) do
            local hs = pcaphunt.host(src)
            if hs and hs.packets > n then others = others + 1 end
          end
        end
        local all_refused = refused == #l
        -- clients queuing at a listener that stopped taking connections (trial real19 s11: an accept queue full,
        -- Linux dropping SYNs): few sources, each there besides these attempts, hardly an answer, every SYN sent
        -- again as a stack retransmits it (backoff: the same sequence number, at 1 s, then growing intervals, three
        -- SYNs or more) on 9 in 10 of the connections whose SYN came again.  A flood sends fresh SYNs (new ports,
        -- new sequence numbers)
        local retried = l.syns - #l
        local queued = not all_refused and answered * 10 <= #l and nsrc * 2 < #l and others == nsrc and retried >= #l
          and l.repeated > 0 and l.backoff * 10 >= l.repeated * 9
        local who = queued and (nsrc == 1 and string.format("from one source, %s, that sent other packets in the capture " ..
              "too", l[1].src) or string.format("from %d sources, each of which sent other packets in the capture too", nsrc))
          or nsrc == 1 and ("from one source, " .. l[1].src)
          or nsrc * 2 >= #l and (others > 0 and string.format("from %d distinct sources, most sending one connection, %d " ..
              "of which sent other packets in the capture too (hosts that are there, not made-up addresses)", nsrc, others)
            or all_refused and string.format("from %d distinct sources, most sending one connection (spoofed addresses, " ..
              "or clients that sent nothing else)", nsrc)
            or string.format("from %d distinct sources, most sending one connection: spoofed addresses", nsrc))
          or string.format("from %d sources", nsrc)
        local msg = string.format("%s port %d received %d SYNs within %d s (%.0f/s) that never became connections " ..
          "(%s), %s; %d incomplete connections in all, %d SYNs%s, %d answered with a SYN-ACK%s%s. %s",
          l.dst, l.dport, best, opt.window, best / opt.window,
          blind > 0 and "no ACK of the SYN-ACK" or all_refused and "each refused by a RST from " .. l.dst
            or queued and "no SYN-ACK" or "no ACK after the SYN-ACK, no data", who, #l, l.syns,
          queued and string.format(" (%d of them the same connections' SYNs again, with backoff)", retried) or "", answered,
          blind > 0 and string.format(", %d of them followed by an ACK that did not acknowledge it (blind: its sender " ..
            "never saw the SYN-ACK)", blind) or "",
          refused > 0 and string.format(", %d refused with a RST", refused) or "",
          all_refused and string.format("Refused SYNs fill no backlog: the port was closed, as while a service is down or " ..
            "restarting and its clients retry, or under a flood aimed at a closed port (threshold %d SYNs in %d s); check " ..
            "whether the service on %s was down then and whether these sources connected before or after",
            opt.min_syns, opt.window, l.dst)
          or queued and string.format("Stacks retrying their SYNs with backoff at a listener that stopped taking " ..
            "connections (its accept queue full: Linux drops SYNs then, unanswered): an overload, by a crowd of real " ..
            "clients or by these hosts' own connections, not a spoofed SYN flood, which sends fresh SYNs (threshold %d " ..
            "SYNs in %d s); check the server's listen queue (ss -lnt: Recv-Q at the backlog; " ..
            "ListenOverflows in nstat) and whether these clients' other connections to %s completed meanwhile",
            opt.min_syns, opt.window, l.dst)
          or string.format("A SYN flood (threshold %d SYNs in %d s) fills the server's backlog; check whether real clients' " ..
            "connections to %s failed meanwhile and whether it uses SYN cookies", opt.min_syns, opt.window, l.dst))
        local why = all_refused and "many SYNs to one service that never became connections: the server refused each with " ..
            "a RST, as a closed port does (a service down or restarting while its clients retry, or a flood)"
          or queued and "connections that never completed, retried by clients that are there: a service unavailable to " ..
            "them, as when a server stops accepting connections; a flood would send fresh SYNs"
          or "connections opened faster than they complete exhaust the server's half-open queue: a SYN flood (or a server that stopped answering)"
        local check = all_refused and "whether the service was down or restarting then (its logs), whether the sources " ..
            "connected to it before or after, and the sources' TTLs (one sender or many)"
          or queued and "the server's accept queue and load then (ss -lnt, nstat ListenOverflows), and whether these " ..
            "clients' other connections completed"
          or "whether the service stayed reachable, the SYN-ACKs it sent (SYN cookies), and the sources' TTLs (one sender or many)"
        for _, e in ipairs(l) do h:report{flow = e.f, key = l.dst .. " " .. l.dport, msg = msg, why = why, check = check} end
      end
    end
  end,
}
