-- icmp-backscatter: ICMP errors for packets never seen, sent by one host to many destinations: its
-- answers to a flood whose sources were spoofed (the ICMP side of what unsolicited-rst finds in RSTs and
-- SYN-ACKs).  Two kinds of error are counted, by two rules.
-- Refusals, which a flooded host or the router or firewall in front of it sends about the packet
-- itself: host, protocol and port unreachable and administratively prohibited (ICMP type 3 codes 1, 2,
-- 3, 9, 10, 13; ICMPv6 type 1 codes 1 and its policy subsets 5 and 6, 3 address and 4 port
-- unreachable), and source quench (ICMP type 4, which RFC 6633 forbids hosts and routers to send: only
-- an old stack dropping a flood still does).  An error quoting a packet whose flow is in the table is
-- an answer to real traffic (a refused port) and is not counted; one error for a packet not seen is
-- normal too (sent before the capture, or its flow expired), so a sender is reported by breadth:
-- refusals to min_destinations distinct addresses.
-- Route errors, which every router sends about whatever real traffic crosses it: net unreachable
-- (ICMP type 3 code 0, ICMPv6 type 1 code 0, no route: a black-holed route, RTBH, answering) and time
-- exceeded (ICMP type 11, ICMPv6 type 3: a flood whose TTL runs out on the way, or in a routing loop).
-- A traceroute's probes, a routing loop's and a dead route's packets come from real clients, so these
-- need more: counted per sender AND quoted destination (a flood's target), to min_destinations
-- distinct addresses that sent nothing at all in the capture (checked at its end: a client whose
-- probe's flow was missed -- the capture began after it, its quote was cut by the snap length -- still
-- sent something), none of which got route errors quoting the same target from another sender too (a
-- traceroute's client hears from every hop; a flood's spoofed source from the one router where it died).
-- Fragmentation needed (ICMP code 4) is path-MTU discovery, as ICMPv6 Packet Too Big (type 2, never
-- taken): a router telling a sender its path's MTU, often about a tunnel's outer packet (IP-in-IP,
-- GRE, VXLAN) whose flow is not in the table (the table tracks the inner packets): not counted.
local refusals = {icmp = {[3] = {[1] = true, [2] = true, [3] = true, [9] = true, [10] = true, [13] = true},
  [4] = {[0] = true}}, icmpv6 = {[1] = {[1] = true, [3] = true, [4] = true, [5] = true, [6] = true}}}
local route_errors = {icmp = {[3] = {[0] = "ICMP net unreachables"}, [11] = {[0] = "ICMP time-exceeded errors",
  [1] = "ICMP time-exceeded errors"}}, icmpv6 = {[1] = {[0] = "ICMPv6 no-route unreachables"},
  [3] = {[0] = "ICMPv6 time-exceeded errors", [1] = "ICMPv6 time-exceeded errors"}}}
-- Route errors' memory: at most MAX_SOURCES (sender, target, quoted source) entries at once (each keeps
-- the address and its first error: which sources sent nothing is known at the end only, so any may be
-- the one to cite; KEEP of the silent ones are cited).
-- At the bound the pairs with one source are let go (at most once a tenth of the bound's new entries),
-- and while that frees too little, new entries are not followed; a note says so.
local MAX_SOURCES, KEEP = 40000, 16
-- the quoted packet's protocol as an analyst writes it, with its article
local proto_names = {tcp = "a TCP", udp = "a UDP", icmp = "an ICMP", icmpv6 = "an ICMPv6", sctp = "an SCTP",
  gre = "a GRE", esp = "an ESP", ah = "an AH", igmp = "an IGMP", ospf = "an OSPF", pim = "a PIM", vrrp = "a VRRP",
  rsvp = "an RSVP", udplite = "a UDP-Lite", ipv4 = "an IPv4", ipv6 = "an IPv6"}
local function proto_name(q) return proto_names[q.proto] or ("a " .. tostring(q.proto)) end

-- the finding about refusal k (its own quoted packet's protocol, destination and port)
local function msg_of(k, min)
  local ic = k.icmp or k.icmpv6
  local q = ic.inner
  return string.format("%s sent %s to %d or more destinations, each quoting %s packet from " ..
    "that destination that was never seen (to %s%s): backscatter of a flood whose sources were spoofed. Check " ..
    "what %s received in the quoted packets (protocol, ports) and whether it was under attack",
    k.src, k.icmp and ic.type == 4 and "ICMP source quenches" or "ICMP unreachables", min, proto_name(q), q.dst,
    q.dport and (" port " .. q.dport) or "", k.src)
end

-- a route error p (quoting q, whose flow was not seen) for pair (p.src, q.dst)
local function route_error(p, q, h)
  local bysender = h.route[p.src]
  local pair = bysender and bysender[q.dst]
  if pair and pair.src[q.src] then return end          -- this source is counted already
  if h.nsources >= MAX_SOURCES and h.new_sources >= h.sweep_after then
    local list = {}
    for _, e in ipairs(h.pairs) do
      if e.n <= 1 then
        local by = h.route[e.sender]
        by[e.target] = nil
        if next(by) == nil then h.route[e.sender] = nil end   -- no empty table per sender left behind
        h.nsources = h.nsources - e.n
        h.let_go = h.let_go + 1
      else list[#list + 1] = e end
    end
    h.pairs = list
    h.sweep_after = h.new_sources + MAX_SOURCES // 10
    bysender = h.route[p.src]
    pair = bysender and bysender[q.dst]
  end
  h.new_sources = h.new_sources + 1
  if h.nsources >= MAX_SOURCES then h.unfollowed = h.unfollowed + 1 return end
  if not pair then
    if not bysender then bysender = {} h.route[p.src] = bysender end
    pair = {sender = p.src, target = q.dst, src = {}, n = 0, kept = {}}
    bysender[q.dst] = pair
    h.pairs[#h.pairs + 1] = pair
  end
  pair.src[q.src] = true
  pair.n = pair.n + 1
  h.nsources = h.nsources + 1
  pair.kept[#pair.kept + 1] = p
end

-- The route errors' findings, judged at the run's end (pcaphunt.host answers there in a split run too),
-- and their note, added to notes.
local function route_findings(h, notes)
  local min = h.options.min_destinations
  -- a quoted source that got route errors about one target from two senders is a traceroute's client
  local heard = {}   -- [target][source] = the first sender, or true once a second one was met
  for _, e in ipairs(h.pairs) do
    local t = heard[e.target]
    if not t then t = {} heard[e.target] = t end
    for s in pairs(e.src) do
      local first = t[s]
      if first == nil then t[s] = e.sender elseif first ~= e.sender then t[s] = true end
    end
  end
  for _, e in ipairs(h.pairs) do
    if e.n >= min then
      local t, n, silent = heard[e.target], 0, {}
      for s in pairs(e.src) do
        if t[s] ~= true and not pcaphunt.host(s) then n = n + 1 silent[s] = true end
      end
      if n >= min then
        local cited = 0
        for _, k in ipairs(e.kept) do
          local ic = k.icmp or k.icmpv6
          local q = ic.inner
          if silent[q.src] and cited < KEEP then
            cited = cited + 1
            local kind = route_errors[k.icmp and "icmp" or "icmpv6"][ic.type][ic.code]
            h:report{packet = k, key = e.sender .. " " .. e.target, msg = string.format("%s sent %s to %d " ..
              "destinations that sent nothing in the capture, each quoting %s packet from that destination to %s " ..
              "that was never seen (this one%s): backscatter of a flood at %s whose sources were spoofed, its route " ..
              "black-holed or its TTL running out on the way. Check whether %s was under attack (the quoted " ..
              "packets' protocol and port say with what)", e.sender, kind, n, proto_name(q), e.target,
              q.dport and (" to port " .. q.dport) or "", e.target, e.target),
              why = "a router's net unreachables and time-exceeded errors answer real clients, who send other packets and " ..
                "trace through several hops; many addresses that never sent anything, each told once by one router " ..
                "about packets to one target, were spoofed by whoever flooded it",
              check = "the quoted packets (one target, what port), and whether the capture sees both sides of " ..
                e.sender .. " (a one-way capture misses real clients' packets)"}
          end
        end
      end
    end
  end
  if h.let_go > 0 or h.unfollowed > 0 then
    notes[#notes + 1] = string.format("route errors quoted more (router, target, source) entries than the %d followed: %d " ..
      "(router, target) pairs that had one source were let go%s; a flood's backscatter among them may be missed", MAX_SOURCES, h.let_go,
      h.unfollowed > 0 and string.format(" and %d errors not followed while it was full", h.unfollowed) or "")
  end
end

hunt{
  name = "icmp-backscatter",
  description = "backscatter: ICMP errors quoting packets never seen, from one host to many destinations",
  severity = "medium",
  priority = 45,
  options = {min_destinations = 10},
  option_help = {min_destinations = "distinct destinations of one sender's errors for unseen packets before it is reported"},
  -- destination unreachable, source quench, time exceeded
  want = {{proto = "icmp", icmp_type = {3, 4, 11}}, {proto = "icmpv6", icmp_type = {1, 3}}},
  packet = function(p, h)
    local ic = p.icmp or p.icmpv6
    if not ic then return end
    local fam = p.icmp and "icmp" or "icmpv6"
    local refusal = refusals[fam][ic.type]
    refusal = refusal and refusal[ic.code]
    local route = not refusal and route_errors[fam][ic.type]
    route = route and route[ic.code]
    if not (refusal or route) then return end
    local q = ic.inner
    if not q or not q.src or q.src ~= p.dst then return end   -- not an answer to the address it goes to
    if h:flow(q) then return end                               -- the quoted packet's flow was seen
    if route then
      if not q.dst then return end
      if not h.route then
        h.route, h.pairs, h.nsources, h.new_sources, h.sweep_after, h.let_go, h.unfollowed = {}, {}, 0, 0, 0, 0, 0
      end
      return route_error(p, q, h)
    end
    h.src = h.src or {}
    local report = pcaphunt.breadth(h.src, p, h.options.min_destinations)   -- nil: not (yet) broad
    if not report then return end
    for _, k in ipairs(report) do
      h:report{packet = k, key = p.src, msg = msg_of(k, h.options.min_destinations),
        why = "a host answering packets nobody in the capture sent, to many addresses, is answering traffic spoofed in their names",
        check = "the quoted packets' protocol and port (what was flooded), and whether the capture sees both sides of the router"}
    end
  end,
  finish = function(h)
    local let_go, unfollowed = pcaphunt.breadth_bound(h.src or {})
    local notes = {}   -- one note for all (h:note says the latest text)
    if let_go > 0 or unfollowed > 0 then notes[1] = pcaphunt.breadth_note("refusals", let_go, unfollowed) end
    if h.route then route_findings(h, notes) end
    if #notes > 0 then h:note(table.concat(notes, "; ")) end
  end,
}
