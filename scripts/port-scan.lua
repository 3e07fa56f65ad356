-- port-scan: one source probing many ports of a host (vertical) or one port on many hosts
-- (horizontal), judged on the probes that never became a connection: the engine decides in C which
-- flows opened by a SYN were never established and carried no data (refused with a RST, unanswered,
-- or half-open: SYN, SYN-ACK, RST) and calls connection_failed for those only.  At the end,
-- per source, a sliding window of `window` seconds over its failed probes: `min_ports` distinct ports
-- of one host, or `min_hosts` distinct hosts on one port, make a scan.  A browser opening forty
-- connections to forty servers is not one: its connections complete.
-- Probes no stack sends to open a connection -- no SYN, ACK or RST (NULL, FIN alone, Xmas FIN+PSH+URG
-- ...) with no flow before them -- are scans by themselves once a source sent `min_probes` of them.
-- SYN+FIN and SYN+RST are tcp-flags' (invalid whatever their breadth).
local WHY_SCAN = "connections that fail on many ports or hosts in a short time are a scanner mapping services, not a client using them"
local WHY_STEALTH = "no TCP stack sends a segment without SYN, ACK and RST to open a connection: a scanner's probe (nmap -sN/-sF/-sX)"
local CHECK_SCAN = "which ports answered (open), what the source did next with them, and whether the source is an authorised scanner"
local function stealth_kind(t)
  if t.flags & 0xff == 0 then return "NULL" end
  if t.fin and t.push and t.urg then return "Xmas" end
  if t.flags & 0x3f == 0x01 then return "FIN" end
  return "other"
end
local MAX_KEPT = 100000   -- failed probes kept per source (beyond, counted only)

local function count_distinct(list, field)
  local seen, n = {}, 0
  for _, e in ipairs(list) do if not seen[e[field]] then seen[e[field]] = true n = n + 1 end end
  return n
end

-- The sliding window over one source's failed SYN probes: the hosts with >= min_ports distinct ports
-- and the ports with >= min_hosts distinct hosts inside some window, each with its largest count.
local function breadth(list, o)
  table.sort(list, function(a, b) return a.t < b.t or (a.t == b.t and a.frame < b.frame) end)
  local ports_of, nports, hosts_of, nhosts = {}, {}, {}, {}
  local vert, horiz = {}, {}
  local function add(e, d)
    local pm = ports_of[e.dst] or {} ports_of[e.dst] = pm
    local c = (pm[e.dport] or 0) + d
    if c == 0 then pm[e.dport] = nil nports[e.dst] = nports[e.dst] - 1
    elseif c == 1 and d == 1 then pm[e.dport] = 1 nports[e.dst] = (nports[e.dst] or 0) + 1
    else pm[e.dport] = c end
    local hm = hosts_of[e.dport] or {} hosts_of[e.dport] = hm
    c = (hm[e.dst] or 0) + d
    if c == 0 then hm[e.dst] = nil nhosts[e.dport] = nhosts[e.dport] - 1
    elseif c == 1 and d == 1 then hm[e.dst] = 1 nhosts[e.dport] = (nhosts[e.dport] or 0) + 1
    else hm[e.dst] = c end
  end
  local lo = 1
  for hi = 1, #list do
    local e = list[hi]
    add(e, 1)
    while e.t - list[lo].t > o.window do add(list[lo], -1) lo = lo + 1 end
    if nports[e.dst] >= o.min_ports and nports[e.dst] > (vert[e.dst] or 0) then vert[e.dst] = nports[e.dst] end
    if nhosts[e.dport] >= o.min_hosts and nhosts[e.dport] > (horiz[e.dport] or 0) then horiz[e.dport] = nhosts[e.dport] end
  end
  return vert, horiz
end

local function most(t)
  local best, bn, n = nil, -1, 0
  for k, v in pairs(t) do n = n + 1 if v > bn or (v == bn and tostring(k) < tostring(best)) then best, bn = k, v end end
  return best, bn, n
end

hunt{
  name = "port-scan",
  description = "port scans: a source's failed SYNs to many ports of a host or many hosts on a port within a window; NULL, FIN and Xmas probes",
  severity = "medium",
  priority = 20,
  options = {min_ports = 20, min_hosts = 20, window = 60, min_probes = 3},
  option_help = {
    min_ports = "distinct ports of one host a source's failed SYNs reach within the window: a vertical scan",
    min_hosts = "distinct hosts on one port a source's failed SYNs reach within the window: a horizontal scan",
    window = "seconds of the sliding window over a source's failed SYN probes",
    min_probes = "NULL, FIN-only, Xmas (or other no-SYN/ACK/RST) packets with no flow before them before a source is reported",
  },
  want = {tcp_flags_none = {"syn", "ack", "rst"}, new_flow = true},
  packet = function(p, h)
    local t = p.tcp                                 -- want.new_flow: no flow before this packet
    if not t then return end
    h.stealth = h.stealth or {}
    local s = h.stealth[p.src]
    if not s then s = {n = 0, kinds = {NULL = 0, FIN = 0, Xmas = 0, other = 0}, kept = {}} h.stealth[p.src] = s end
    s.n = s.n + 1
    local k = stealth_kind(t)
    s.kinds[k] = s.kinds[k] + 1
    if #s.kept < MAX_KEPT then s.kept[#s.kept + 1] = {p = p, dst = p.dst, dport = p.dport} end
  end,
  connection_failed = function(f, h)                -- seen from the side that sent the SYN
    h.failed = h.failed or {}
    local l = h.failed[f.src]
    if not l then l = {n = 0} h.failed[f.src] = l end
    l.n = l.n + 1
    if #l < MAX_KEPT then
      l[#l + 1] = {t = f.first_time, frame = f.first_frame, dst = f.dst, dport = f.dport, f = f:copy(),
                   answered = f.synack_seen}
    end
  end,
  finish = function(h)
    local o = h.options
    local srcs = {}
    for src in pairs(h.failed or {}) do srcs[#srcs + 1] = src end
    table.sort(srcs)
    for _, src in ipairs(srcs) do
      local list = h.failed[src]
      local vert, horiz = breadth(list, o)
      local vdst, vn, nv = most(vert)
      local done = {}
      if vdst then
        local n, open, ports = 0, 0, {}
        for _, e in ipairs(list) do
          if vert[e.dst] then n = n + 1 if e.answered then open = open + 1 end ports[e.dport] = true end
        end
        local np = 0 for _ in pairs(ports) do np = np + 1 end
        local msg = string.format("%s probed %d ports of %s within %d s%s: %d SYNs that never became a connection " ..
          "(%d answered with a SYN-ACK: open ports; the rest refused or unanswered), %d ports in all. A vertical port " ..
          "scan (threshold %d ports); check which ports answered and whether %s then connected to them",
          src, vn, vdst, o.window, nv > 1 and string.format(" (and %d ports or more of %d other hosts)", o.min_ports, nv - 1) or "",
          n, open, np, o.min_ports, src)
        for _, e in ipairs(list) do
          if vert[e.dst] then done[e] = true h:report{flow = e.f, key = src .. " vertical", msg = msg, why = WHY_SCAN, check = CHECK_SCAN} end
        end
      end
      local hport, hn, nh = most(horiz)
      if hport then
        local n, open = 0, 0
        for _, e in ipairs(list) do
          if horiz[e.dport] and not done[e] then n = n + 1 if e.answered then open = open + 1 end end
        end
        if n > 0 then
          local msg = string.format("%s probed port %d on %d hosts within %d s%s: %d SYNs that never became a " ..
            "connection (%d answered with a SYN-ACK). A horizontal scan (threshold %d hosts), as a worm or a sweep " ..
            "for one service does; check the hosts that answered and what %s did next",
            src, hport, hn, o.window, nh > 1 and string.format(" (and %d other ports as broadly)", nh - 1) or "",
            n, open, o.min_hosts, src)
          for _, e in ipairs(list) do
            if horiz[e.dport] and not done[e] then h:report{flow = e.f, key = src .. " horizontal", msg = msg, why = WHY_SCAN, check = CHECK_SCAN} end
          end
        end
      end
    end
    srcs = {}
    for src, s in pairs(h.stealth or {}) do if s.n >= o.min_probes then srcs[#srcs + 1] = src end end
    table.sort(srcs)
    for _, src in ipairs(srcs) do
      local s = h.stealth[src]
      local k = s.kinds
      local msg = string.format("%s sent %d TCP probes with no SYN, ACK or RST and no connection before them " ..
        "(NULL %d, FIN %d, Xmas %d, other %d) to %d host(s), %d port(s): no TCP stack sends these to open or use a " ..
        "connection; they are stealth scans (a closed port answers with a RST, an open one stays silent). Check which " ..
        "ports did not answer and what %s did next", src, s.n, k.NULL, k.FIN, k.Xmas, k.other,
        count_distinct(s.kept, "dst"), count_distinct(s.kept, "dport"), src)
      for _, e in ipairs(s.kept) do h:report{packet = e.p, key = src .. " stealth", msg = msg, why = WHY_STEALTH, check = CHECK_SCAN} end
    end
  end,
}
