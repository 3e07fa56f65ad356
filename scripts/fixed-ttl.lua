-- fixed-ttl: sources whose TTL never changes, at a value no plausible path from a common initial
-- TTL explains; and flows whose TTL suddenly differs (injected segments).
--
-- The initial TTL is inferred as p0f does: the next of 32, 64, 128, 255 at or above the TTL seen;
-- the hop count is the difference. Internet paths of 20-30 hops are normal (TTL 46 from 64, 233
-- from 255), so a hop count above max_hops alone proves nothing. A source is reported when
--   * its hop count is above far_factor * max_hops (40 by default): no real path is that long; or
--   * its TTL is at most 32 (initial 32 is rare today), more than max_hops below 32, and other
--     evidence says the packets are crafted: the source cannot be real (broadcast, multicast,
--     class E, unspecified, loopback towards a non-loopback address) or it sent nothing but RSTs.
-- Packets whose TTL a protocol fixes are left out of a source's TTLs: anything to a multicast or
-- broadcast address (IGMP, MLD, OSPF, PIM, VRRP, HSRP at 1 or 255), mDNS/LLMNR/SSDP/HSRP by port
-- (1, 2, 4 or 255 even when unicast), IPv6 neighbour discovery (133-137, 255), traceroute probes
-- (UDP 33434-33534, ICMP echo requests at TTL <= 32) and ICMP time-exceeded answers.
-- A TTL jump inside a flow is reported for flows with ports only, and only when it is larger than
-- route_change hops (2): a path changing by a hop or two is normal; another sender is not.  And the
-- jump must look like a second sender inside the flow, not the flow moving to another one: the odd
-- packet is a RST or FIN (a forged end, the real sender never heard from again), or the sender's
-- TTL comes back within inject_window seconds (1) after it (a segment slipped in between the real
-- sender's: an injector races the real answer by milliseconds) -- over TCP, with a segment for the same
-- sequence numbers as the odd one (two different segments for one range: one of them forged; a
-- proxy's pure ACK or keep-alive in between its server's data is not).  A change that persists
-- is a SYN proxy or load balancer answering the handshake for a server (TTL 236 from 255, then 43
-- from 64, the front's TTL coming back only for keep-alives or the final RST, seconds or minutes
-- later), or a route change: not reported.  A RST whose payload says who sent it (a reset code the
-- table knows: SonicWALL, F5, a policy text, a site's row; or an IETF diagnostic payload) is a device's
-- own reset: a firewall, load balancer or NAT resets in the endpoint's name from its own stack, so with
-- its own TTL.  That jump is expected, not a spoofed segment: info, naming the device (rst-origin and
-- reset-cause report the same RST).  A forged payload hides nothing from rst-injection, which judges
-- what the sender did after the RST; a payload the capture cut before its cause explains nothing.
-- A RST at another TTL after the connection was idle idle_timeout seconds (60) is a load balancer's,
-- firewall's or NAT's idle-timeout reset (F5 300 s, AWS NLB 350 s): info; an injector reacts to traffic
-- within milliseconds.  And a RST from a sender that opened the flow with SYNs only, at several TTLs or at
-- one of 32 or less (traceroute -T, tcptraceroute: the tool sets the SYNs' TTL, the kernel resets the
-- SYN-ACK at its own), is not judged: the SYNs' TTL was the tool's, not the stack's.
-- Host findings cite the source's packets (the first 9 Lua saw at the TTL ranges that can be far, and
-- the last: the group's first and last frame and time are the source's), and say so when there were more.
-- What a host finding says of the packets it cites when it counted more.
local function cited(kept, n)
  local k = kept and #kept or 0
  if k >= n then return "" end
  if k == 10 then return string.format(" (cited: the first 9 and the last of the %d)", n) end
  return string.format(" (cited: %d of the %d)", k, n)
end
local KEPT_MAX = 2000   -- sources whose packets are kept to be cited

local fixed_ports = {[5353] = true, [5355] = true, [1900] = true, [1985] = true}   -- mDNS LLMNR SSDP HSRP
local fixed_protos = {[2] = true, [89] = true, [103] = true, [112] = true}          -- IGMP OSPF PIM VRRP

local function multicast_or_broadcast(a) return a == "255.255.255.255" or pcaphunt.multicast(a) end

-- What a RST's payload says of the device that sent it, or nil.
local function device_of(c)
  if not c or (c.cut and not c.known) then return nil end
  if c.form == "ietf" then
    return string.format("an IETF diagnostic payload, reason %d%s", c.reason, c.known and " (" .. c.meaning .. ")" or "")
  end
  if c.known then return string.format("%s reset cause %s (%s)", c.vendor, c.code, c.category) end
end


local function is_probe(p)   -- a traceroute probe, or a router's answer to one
  if p.udp and p.udp.dstport >= 33434 and p.udp.dstport <= 33534 and p.ttl <= 32 then return true end
  if p.icmp then
    local t = p.icmp.type
    return t == 11 or (t == 8 and p.ttl <= 32)
  end
  if p.icmpv6 then
    local t = p.icmpv6.type
    return t == 3 or (t == 128 and p.ttl <= 32)
  end
  return false
end

-- nil, or why the packet's TTL is set by its protocol rather than by the sender's stack
local function mandated(p)
  if not p.dst then return nil end
  if multicast_or_broadcast(p.dst) then return "multicast" end
  local proto = p.ip and p.ip.proto or p.ipv6 and p.ipv6.nxt
  if fixed_protos[proto] then return "protocol" end
  if p.udp and (fixed_ports[p.udp.srcport] or fixed_ports[p.udp.dstport]) then return "port" end
  if p.icmpv6 and p.icmpv6.type >= 130 and p.icmpv6.type <= 143 then return "nd/mld" end
  if is_probe(p) then return "traceroute" end
  return nil
end

local impossible = pcaphunt.impossible_source

-- hops below its initial TTL a source's packets must be for a host finding to be possible: more than
-- max_hops, or than far_factor * max_hops when that is less (the packets kept to cite, and the hosts
-- finish looks at)
local function report_hops(o) return math.floor(math.min(o.max_hops, o.max_hops * o.far_factor)) end

-- over TCP: does q carry data for sequence numbers the segment p already covered?
local function overlaps(p, q)
  if not (p.tcp and q.tcp) then return true end   -- UDP: the answer coming back is the evidence
  local n, m = p.payload and #p.payload or 0, q.payload and #q.payload or 0
  if n == 0 or m == 0 then return false end
  local d = (q.tcp.seq - p.tcp.seq) % 4294967296
  return d < n or d > 4294967296 - m
end

-- a TCP traceroute's SYNs, or a SYN scanner's (answered with a SYN-ACK), then the sender's kernel's RST
local function probing(p, f) return pcaphunt.tcp_traceroute(p, f) or pcaphunt.syn_scan_reset(p, f) end

-- A RST after the connection was idle idle_timeout seconds or more (or the other half of such a
-- reset, in the other direction within a second): how long it was idle ("300 s"), else nil.
local function idle_reset(p, f, h)
  h.idle = h.idle or {}
  return pcaphunt.idle_reset(h.idle, p, f, h.options.idle_timeout)
end

hunt{
  name = "fixed-ttl",
  description = "constant TTL no plausible path from an initial TTL (32/64/128/255) explains; TTL jumps inside a flow",
  severity = "medium",
  priority = 25,
  options = {min_packets = 2, max_hops = 16, far_factor = 2.5, route_change = 2, inject_window = 1, idle_timeout = 60},
  option_help = {
    min_packets = "packets a source must send before its constant TTL is judged",
    max_hops = "hops a path may plausibly have below a low initial TTL (32)",
    far_factor = "a source is called crafted when its hop count exceeds far_factor * max_hops",
    route_change = "a TTL change inside a flow of at most this many hops is a route change, not reported",
    inject_window = "seconds within which a flow's TTL must come back after an odd segment for it to be called injected",
    idle_timeout = "seconds of idle before a RST at another TTL is taken for a device's idle-timeout reset (info)",
  },
  -- the packets whose TTL a protocol may fix (IGMP, OSPF, PIM at TTL 1; VRRP at 255 …; anything to a
  -- multicast or broadcast address), the ICMP answers to traceroute and ND/MLD, and the TTLs a host
  -- finding can be about, whose packets it cites: at most 32, and more than far_factor * max_hops hops
  -- (40) below an initial 64, 128 or 255.  The RSTs a source sent count only for a source whose one
  -- TTL is at most 32: they come with that range, so RSTs at other TTLs need not enter Lua (a RST
  -- mandated by its multicast destination comes with `dst`).
  want = function(o)
    if not (o.max_hops >= 0 and o.far_factor > 0) then
      error(string.format("max_hops must be 0 or more and far_factor above 0 (they are %s and %s)", o.max_hops, o.far_factor), 0)
    end
    local far = math.floor(o.max_hops * o.far_factor)   -- hops above it: TTLs up to initial - far - 1
    local function upto(init) return math.max(-1, math.min(255, init - far - 1)) end
    local w = {{ttl = {0, math.max(32, upto(64))}}, {ttl = 255}}
    if upto(128) >= 65 then w[#w + 1] = {ttl = {65, upto(128)}} end
    if upto(255) >= 129 then w[#w + 1] = {ttl = {129, upto(255)}} end
    -- every packet mandated() leaves out, whatever its TTL (or a host would show its TTL beside the
    -- source's own): the protocols that fix it, also sent unicast (IGMP, OSPF, PIM, VRRP), and ND/MLD
    for _, alt in ipairs{{port = {5353, 5355, 1900, 1985}}, {dst = {"224.0.0.0/4", "255.255.255.255", "ff00::/8"}},
        {proto = 2}, {proto = 89}, {proto = 103}, {proto = 112}, {proto = "icmp", icmp_type = 11},
        {proto = "icmpv6", icmp_type = {3, 130, 131, 132, 133, 134, 135, 136, 137, 138, 139, 140, 141, 142, 143}}} do
      w[#w + 1] = alt
    end
    return w
  end,
  packet = function(p, h)
    if not p.src or not p.ttl then return end
    h.skip = h.skip or {}
    h.rsts = h.rsts or {}
    h.bad = h.bad or {}
    if mandated(p) then
      local s = h.skip[p.src]
      if not s then s = {} h.skip[p.src] = s end
      s[p.ttl] = (s[p.ttl] or 0) + 1
      return
    end
    if p.tcp and p.tcp.rst then h.rsts[p.src] = (h.rsts[p.src] or 0) + 1 end
    if impossible(p.src, p.dst) then h.bad[p.src] = true end
    -- the packets a host finding would cite: only at a TTL that could make one (more than max_hops, or
    -- far_factor * max_hops when that is less, below its initial TTL), ten per source, KEPT_MAX in all:
    -- memory stays bounded on long captures
    local o = h.options
    if pcaphunt.initial_ttl(p.ttl) - p.ttl <= report_hops(o) then return end
    h.kept = h.kept or {}
    local k = h.kept[p.src]
    if not k then
      if (h.nkept or 0) >= KEPT_MAX then return end
      k = {} h.kept[p.src] = k
      h.nkept = (h.nkept or 0) + 1
    end
    if #k < 10 then k[#k + 1] = p else k[10] = p end   -- the first nine and the latest: the group spans them all
  end,
  ttl_change = function(p, h)   -- the engine calls it when a flow direction's TTL changes
    if mandated(p) then return end
    -- A flow without ports (ICMP, ICMPv6, other protocols) mixes message kinds that stacks send at
    -- different TTLs (neighbour discovery at 255, echo at 64): not one sender's stream.
    if not p.sport then return end
    local f = h:flow(p)           -- as it was before p
    -- A change of a hop or two is a route changing under the flow, not another sender.
    if math.abs(p.ttl - f.ttl_last) <= h.options.route_change then return end
    -- TTL-limited probing (traceroute -T, tcptraceroute): the SYNs' TTLs were the tool's, the RST is the kernel's
    if p.tcp and p.tcp.rst and probing(p, f) then return end
    local key = "flow " .. p.src .. " " .. p.sport .. " > " .. p.dst .. " " .. p.dport
    h.changed = h.changed or {}
    local c = h.changed[key]
    if not c then
      local ending = p.tcp and (p.tcp.rst or p.tcp.fin)
      local device = ending and p.tcp.rst and not pcaphunt.reset_wrong_way(p.reset_cause, f) and device_of(p.reset_cause)
      local idle = ending and p.tcp.rst and idle_reset(p, f, h)
      if device then
        h:report{packet = p, key = key, severity = "info",
          msg = string.format("TTL %d differs from this flow direction's %d (%s > %s) on a RST whose payload says who " ..
            "sent it: %s, a device's own reset", p.ttl, f.ttl_first, p.src, p.dst, device),
          why = "a firewall, load balancer or NAT that resets a connection sends the RST from its own stack, with its " ..
            "own TTL, in the endpoint's name: a TTL unlike the endpoint's is expected, not a spoofed segment",
          check = "the device's logs for this connection (rst-origin, reset-cause); if no such device sits between the " ..
            "hosts, whether the sender went on after the RST (rst-injection)"}
        h.changed[key] = {reported = true}
      elseif idle then
        h:report{packet = p, key = key, severity = "info",
          msg = string.format("TTL %d differs from this flow direction's %d (%s > %s) on a RST after the connection was " ..
            "idle %s: a device's idle-timeout reset (load balancer, firewall, NAT)", p.ttl, f.ttl_last, p.src, p.dst, idle),
          why = "a load balancer, firewall or NAT that drops a connection idle past its timeout resets it from its own stack, " ..
            "with its own TTL, minutes after the last packet; an injector reacts to traffic within milliseconds",
          check = "the idle timeouts of the devices between the hosts (rst-origin); whether the sender went on after the RST " ..
            "(rst-injection)"}
        h.changed[key] = {reported = true}
      elseif ending and pcaphunt.gtsm_restart_reset(p, f) then
        h:report{packet = p, key = key, severity = "info",
          msg = string.format("TTL %d differs from this flow direction's %d (%s > %s) on a RST at a stack's default TTL, " ..
            "as many hops away as the GTSM session's 255 (RFC 5082): %s's own kernel after its application lost the " ..
            "connection (a restart)", p.ttl, f.ttl_last, p.src, p.dst, p.src),
          why = "a BGP, LDP or MSDP speaker with TTL security sends at 255 from its socket; the kernel's RST for a " ..
            "connection no socket holds goes at the stack's default TTL, and the peer's GTSM socket drops it",
          check = string.format("whether the routing daemon on %s restarted then (rst-origin)", p.src)}
        h.changed[key] = {reported = true}
      elseif ending and p.tcp.rst and pcaphunt.stateless_reset(p, f) then
        -- a RST without ACK answering the peer's segment in the responder's name: another server that took the
        -- address over without the connection (anycast after a route change) sends that, as an injector may
        h:report{packet = p, key = key,
          msg = string.format("TTL %d differs from this flow direction's %d (%s > %s): an injected or spoofed segment, " ..
            "or another server answering for %s without the connection (an anycast site after a route change)? (a RST " ..
            "without ACK answering %s's segment)", p.ttl, f.ttl_last, p.src, p.dst, p.src, p.dst),
          why = "the segment that ends the connection came with another TTL than every earlier packet of its sender: " ..
            "another device, on another path, sent it -- an injector, or another server holding the address with no " ..
            "state for the connection (anycast), which the RST alone cannot tell apart",
          check = string.format("whether other clients' connections to %s were reset at once at the same new TTL (the " ..
            "address moved to another site), whether %s went on in this connection after it (then it was forged: " ..
            "rst-injection), and which device between the hosts resets connections (rst-origin)", p.src, p.src)}
        h.changed[key] = {reported = true}
      elseif ending then
        h:report{packet = p, key = key,
          msg = string.format("TTL %d differs from this flow direction's %d (%s > %s): an injected or spoofed segment?%s",
            p.ttl, f.ttl_last, p.src, p.dst, p.tcp.rst and " (a RST)" or " (a FIN)"),
          why = "the segment that ends the connection came with another TTL than every earlier packet of its sender: " ..
            "another device, on another path, forged it",
          check = "the segment's sequence number against the flow, whether the peer acted on it, and which device between " ..
            "the hosts resets connections (rst-origin)"}
        h.changed[key] = {reported = true}
      else
        h.changed[key] = {p = p, ttl = f.ttl_last}   -- wait: does the sender's TTL come back?
      end
    elseif not c.reported and math.abs(p.ttl - c.ttl) <= h.options.route_change and
        p.frame.time - c.p.frame.time <= h.options.inject_window and overlaps(c.p, p) then
      c.reported = true
      h:report{packet = c.p, frames = {c.p, p}, key = key,
        msg = string.format("TTL %d differs from this flow direction's %d (%s > %s), and the sender's TTL came back %.3f s " ..
          "after it (frame %d)%s: an injected segment", c.p.ttl, c.ttl, p.src, p.dst, p.frame.time - c.p.frame.time, p.frame.number,
          p.tcp and " with a segment for the same sequence numbers" or ""),
        why = "one sender's packets share one path and one TTL; a segment between them at another TTL came from another device",
        check = "what the odd segment carried and whether the receiver took it (its ACKs), against the real sender's " ..
          "segment at the same sequence number"}
    end
  end,
  finish = function(h)
    local o = h.options
    local skip, rsts, bad, kept = h.skip or {}, h.rsts or {}, h.bad or {}, h.kept or {}
    -- only sources with a TTL far enough below its initial one can be reported: C leaves out the rest
    local near = report_hops(o)
    for addr, host in pcaphunt.hosts(near >= 0 and {min_hops = math.min(near, 255)} or nil) do
      -- the source's TTLs without the packets whose TTL a protocol fixed
      local left, n, ttl = 0, 0, nil
      local s = skip[addr] or {}
      for t, c in pairs(host.ttl) do
        local k = c - (s[t] or 0)
        if k > 0 then left = left + 1 n = n + k ttl = t end
      end
      if left == 1 and n >= o.min_packets then
        local init = pcaphunt.initial_ttl(ttl)
        local hops = init - ttl
        if hops > o.max_hops * o.far_factor then
          h:report{key = "source " .. addr, frames = kept[addr], host = addr,
            msg = string.format("%s sends every packet (%d) with TTL %d: %d hops below its initial TTL %d, more than any " ..
              "real path (%g): crafted packets%s", addr, n, ttl, hops, init, o.max_hops * o.far_factor, cited(kept[addr], n)),
            why = "a TTL that far below every common initial TTL means the sender chose it, not the path",
            check = "the tool or device that sets this TTL, and the other findings on these packets"}
        elseif init == 32 and hops > o.max_hops and (bad[addr] or rsts[addr] == n) then
          h:report{key = "source " .. addr, frames = kept[addr], host = addr,
            msg = string.format("%s sends every packet (%d) with TTL %d, which no initial TTL (32, 64, 128, 255) " ..
              "minus at most %d hops explains: crafted packets%s", addr, n, ttl, o.max_hops, cited(kept[addr], n)),
            why = "the source cannot be real or sent nothing but RSTs, and its TTL is below what any common stack and path give",
            check = "who forged these packets (the MAC address they came from), and the other findings on them"}
        end
      end
    end
  end,
}
