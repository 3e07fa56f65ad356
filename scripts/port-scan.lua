-- port-scan: one source probing many ports of a host (vertical) or one port on many hosts
-- (horizontal), over TCP and UDP.  TCP: judged on the probes that never became a connection: the engine decides in C which
-- flows opened by a SYN were never established and carried no data (refused with a RST, unanswered,
-- half-open: SYN, SYN-ACK, RST, or followed by blind ACKs that do not acknowledge the SYN-ACK) and
-- calls connection_failed for those only.  At the end,
-- per source, a sliding window of `window` seconds over its failed probes: `min_ports` distinct ports
-- of one host, or `min_hosts` distinct hosts on one port, make a scan.  A browser opening forty
-- connections to forty servers is not one: its connections complete.  Slow vertical scans (nmap -T1,
-- -T0), which no window holds: failed SYNs on slow_min_ports ports of one host over the whole capture,
-- slow_min_services of them below 1024 or well-known services' (see slow_vertical).
-- Probes no stack sends to open a connection -- no SYN, ACK or RST (NULL, FIN alone, Xmas FIN+PSH+URG
-- ...) with no flow before them -- are scans by themselves once a source sent `min_probes` of them.
-- SYN+FIN and SYN+RST are tcp-flags' (invalid whatever their breadth).
-- ACK probes (nmap -sA, -sW; -sM's FIN+ACK): a segment with ACK, no SYN and no data opening a flow, whose
-- other side answers with a RST without ACK having sent nothing before (the host has no such connection):
-- judged by the same window and thresholds as failed SYNs, from the RSTs (Lua sees RSTs without ACK in a
-- flow already in the table).  A probe no RST answered (filtered) is not counted: a capture that begins
-- inside a connection, or sees one direction, shows bare ACKs no one answers.
-- UDP: a probe is a UDP flow that got no UDP answer (f.packets_received == 0 at flow_end), its
-- initiator having sent at most `udp_max_packets` datagrams (RTP, games, one-way streams send many),
-- to a unicast address, not from a service port below 1024 to a port above (an answer whose request
-- was not seen; unless an ICMP unreachable showed its source sent an empty datagram, or from 53 a DNS
-- query, from that port: a scan sent from a port firewalls let answers in from), nor a DHCP server's answer (67 to 68, 547 to 546: its request was broadcast), nor a
-- Wake-on-LAN magic packet to 0, 7 or 9 that drew no ICMP answer.  The same window and thresholds judge them; probes of a path (answered by an ICMP
-- time exceeded, or sent with TTLs rising hop by hop: traceroute, tracepath) are left out, and a host or port the source got more UDP answers
-- from than it had unanswered probes (a resolver querying many servers, a few of them dead) is not
-- scanned.  ICMP port unreachables (ICMPv6 type 1 code 4) quoting a probe are cited: closed ports; other
-- destination unreachables quoting a probe (administratively prohibited: a firewall's reject; host or
-- network unreachable) are cited and counted as what they are.
-- Attempts that answer the target, not discover it, are left out: a SYN to a host that had opened an
-- established TCP connection to the source at most 5 s before, carrying the host's request (f.callback:
-- ident and name-resolution callbacks), when the source tried at most CALLBACK_PORTS ports of that host; a SYN to port 139 beside
-- a connection to 445 of the same host that was not refused, opened within 1 s (the Windows SMB
-- client's race); a UDP flow whose source established TCP to the same address and port within 2 s
-- (f.tcp_beside: QUIC blocked, the browser on TCP).  Checks, not discovery: a target probed again and again
-- on a schedule that served the source in the run (a service that was down: without_down_checks), a
-- Delivery Optimization peer's failures on 7680 near its own DO handshakes (without_do_peers).
local WHY_SCAN = "connections that fail on many ports or hosts in a short time are a scanner mapping services, not a client using them"
local WHY_SLOW = "a client fails on the few services of a host it uses, or on ephemeral ports a server handed out; failures " ..
  "on tens of a host's service ports, paced too slowly for any short window, are a scanner mapping them under rate thresholds"
local WHY_ACK = "a segment with ACK is sent inside a connection; bare ACKs to many ports or hosts with no connection, each " ..
  "reset by a host that has none, are a scanner probing a firewall's rules, not a client using them"
local CHECK_ACK = "which probes drew a RST (unfiltered) and which ports the source then tried to connect to"
local WHY_STEALTH = "no TCP stack sends a segment without SYN, ACK and RST to open a connection: a scanner's probe (nmap -sN/-sF/-sX)"
local CHECK_SCAN = "which ports answered (open), what the source did next with them, and whether the source is an authorised scanner"
local function stealth_kind(t)
  if t.flags & 0xff == 0 then return "NULL" end
  if t.fin and t.push and t.urg then return "Xmas" end
  if t.flags & 0x3f == 0x01 then return "FIN" end
  return "other"
end
local MAX_KEPT = 100000   -- failed probes kept per source (beyond, counted only)
local UNQUOTED_NOTE = 10000   -- ICMP errors quoting what no flow sent, from which on a note says how many
-- Failed probes (SYNs, unanswered UDP, ACK probes) kept in all: a spoofed flood comes from as many
-- sources as packets, a long capture of a busy peer-to-peer node holds hundreds of thousands of
-- unanswered pings, and every one was kept to the end (300,000 spoofed SYNs: 441 MB; about 1.2 KB a
-- probe with its flow view).  Past the bound, first the sources whose probes so far have no scan's shape
-- (fewer distinct ports of any host than min_ports and fewer distinct hosts on any port than min_hosts: a
-- spoofed flood's, a client retrying a dead server) are let go; if more than half of it is still kept,
-- the probes that came first too, until half is left (the newest, where a scan under way is).  A note says
-- how many (a scan among them may be missed; a split run (-j) hands them over in another order, so it
-- may let go others).
local KEEP_PROBES = 40000
local STEALTH_CITED, STEALTH_KEPT = 1000, 20000
local DISTINCT_MAX = 65536   -- hosts counted a stealth source (its ports are at most 65536 anyway)

-- Whether a source's probes so far reach min_ports distinct ports of one host or min_hosts distinct
-- hosts on one port (in any time span): the shape of a scan, kept by a sweep.
local function scan_shaped(l, o)
  if #l < math.min(o.min_ports, o.min_hosts, o.slow_min_ports) then return false end
  local ports, hosts, np, nh = {}, {}, {}, {}
  for _, e in ipairs(l) do
    local pm = ports[e.dst] or {} ports[e.dst] = pm
    if not pm[e.dport] then pm[e.dport] = true np[e.dst] = (np[e.dst] or 0) + 1 if np[e.dst] >= math.min(o.min_ports, o.slow_min_ports) then return true end end
    local hm = hosts[e.dport] or {} hosts[e.dport] = hm
    if not hm[e.dst] then hm[e.dst] = true nh[e.dport] = (nh[e.dport] or 0) + 1 if nh[e.dport] >= o.min_hosts then return true end end
  end
  return false
end

local function sweep_probes(h)
  local o = h.options
  for _, t in ipairs{h.failed or {}, h.udp or {}, h.ackp or {}} do
    for src, l in pairs(t) do
      if not scan_shaped(l, o) then t[src] = nil h.kept = h.kept - #l h.let_go = (h.let_go or 0) + #l end
    end
  end
  if h.kept <= KEEP_PROBES // 2 then return end
  local cutoff = h.seq - KEEP_PROBES // 2
  for _, t in ipairs{h.failed or {}, h.udp or {}, h.ackp or {}} do
    for src, l in pairs(t) do
      local k, n = 0, #l
      while k < n and l[k + 1].seq <= cutoff do k = k + 1 end
      if k == n then
        t[src] = nil
      elseif k > 0 then
        table.move(l, k + 1, n, 1)
        for i = n - k + 1, n do l[i] = nil end
      end
      h.kept = h.kept - k
      h.let_go = (h.let_go or 0) + k
    end
  end
end

-- Keeps probe e of source src in lists (h.failed, h.udp or h.ackp), within the bound.
local function keep_probe(h, lists, src, e)
  local l = lists[src]
  if not l then l = {n = 0} lists[src] = l end
  l.n = l.n + 1
  if #l >= MAX_KEPT then return end
  h.seq = (h.seq or 0) + 1
  e.seq = h.seq
  l[#l + 1] = e
  h.kept = (h.kept or 0) + 1
  if h.kept > KEEP_PROBES then sweep_probes(h) end
end
local WHY_UDP = "UDP datagrams to many ports or hosts in a short time that get no UDP answer are a scanner looking " ..
  "for services (a closed port answers with an ICMP port unreachable, an open or filtered one often not at all), " ..
  "not a client using them"
local CHECK_UDP = "which ports answered (UDP replies: open), what the source sent to them next, and whether it is an " ..
  "authorised scanner"

-- A destination no scan probe goes to: multicast, class E, limited broadcast, a /24's broadcast
-- (NetBIOS, DHCP and discovery protocols send there), IPv6 multicast.
local function group_address(a)
  if a:find(":", 1, true) then return pcaphunt.multicast(a) end
  local o1, o4 = a:match("^(%d+)%.%d+%.%d+%.(%d+)$")
  return o1 ~= nil and (tonumber(o1) >= 224 or o4 == "255")
end
-- DHCP's and DHCPv6's clients ask by broadcast or multicast (to 255.255.255.255:67, RFC 2131 4.1; to
-- ff02::1:2 port 547, RFC 8415 7.1) and the server answers by unicast from its port to the client's
-- own, bootpc 68 and dhcpv6-client 546 (an ISC dhcpd offer to the address offered, a DHCPv6 Advertise
-- or Reply to the client's link-local address): a flow of its own the request's flow cannot answer.
-- Nothing serves on those two client ports; a sweep of them from the server ports finds nothing.
local DHCP_ANSWER = {[67] = 68, [547] = 546}
-- Wake-on-LAN (AMD's Magic Packet): 6 bytes 0xff, then the target's MAC address 16 times (a 4- or
-- 6-byte SecureOn password may follow), sent by management software (Configuration Manager, a
-- NAS or router's wake-up) to UDP 9 (discard), 7 or 0 of a sleeping machine's last address or its
-- subnet's broadcast (x.x.x.127 for a /25).  A sleeping machine answers nothing, and 9 is a
-- service that never answers (RFC 863): a wake-up run over 40 machines was a sweep of port 9.  A
-- magic packet that drew no ICMP answer is no probe (a scanner learns nothing from it); one a
-- closed port answered with an unreachable still counts.
local WOL_PORTS = {0, 7, 9}
local wol_ports = {[0] = true, [7] = true, [9] = true}
local function magic_packet(s)
  if not s or #s < 102 or s:sub(1, 6) ~= "\xff\xff\xff\xff\xff\xff" then return false end
  local mac = s:sub(7, 12)
  if mac == "\xff\xff\xff\xff\xff\xff" or mac == "\0\0\0\0\0\0" then return false end
  return s:sub(7, 102) == mac:rep(16) and (#s == 102 or #s == 106 or #s == 108)
end
local function udp_key(src, sport, dst, dport) return src .. "|" .. sport .. "|" .. dst .. "|" .. dport end

-- A UDP flow from a port below 1024 to one at or above is taken for a service's answer whose request the
-- capture did not see.  A scanner sends from such a port to pass firewalls that let answers in (nmap -sU
-- -g 53, 123, 88 ...).  A service's answer carries its message, so an ICMP destination unreachable
-- quoting an empty datagram from that port (the quoted UDP length 8), or from 53 one whose quoted
-- payload is a DNS header without the response bit, shows its source is no service there but a prober:
-- h.lowport_probers["SRC|PORT"] (at most LOWPORT_KEPT; past them a note); its flows from that port count as probes.
local LOWPORT_KEPT = 20000
local ICMP_CITED = 20000   -- ICMP errors kept as packets to cite (past them, what each says; a note)
local function lowport_prober(h, q)
  local u = q.udp
  if not u or q.sport >= 1024 or q.dport < 1024 then return end
  local pl = u.length ~= 8 and q.sport == 53 and q.payload
  if u.length == 8 or pl and #pl >= 12 and pl:byte(3) < 0x80 then
    local k = q.src .. "|" .. q.sport
    h.lowport_probers, h.lowport_n = h.lowport_probers or {}, h.lowport_n or 0
    if not h.lowport_probers[k] then
      if h.lowport_n < LOWPORT_KEPT then h.lowport_probers[k] = true h.lowport_n = h.lowport_n + 1
      else h.lowport_unfollowed = (h.lowport_unfollowed or 0) + 1 end   -- said in the note
    end
  end
end

-- What an ICMP destination unreachable quoting a probe says (ICMP type 3 / ICMPv6 type 1, by code): the
-- port is closed (port unreachable), a firewall rejected it (administratively prohibited: 9, 10, 13;
-- ICMPv6 1, 5, 6), or no host or route (net, host unreachable or unknown; ICMPv6 0, 2, 3).  Others
-- (fragmentation needed, source route failed, precedence) are no answer to a probe.
local ICMP4_KIND = {[3] = "closed", [9] = "filtered", [10] = "filtered", [13] = "filtered",
  [0] = "nohost", [1] = "nohost", [6] = "nohost", [7] = "nohost", [11] = "nohost", [12] = "nohost"}
local ICMP6_KIND = {[4] = "closed", [1] = "filtered", [5] = "filtered", [6] = "filtered",
  [0] = "nohost", [2] = "nohost", [3] = "nohost"}
local function plural(n, one, many) return n == 1 and one or many end

-- The ICMP rejections other than port unreachables among a scan's UDP probes, said after the closed ones.
local function udp_rejections(filtered, nohost)
  local s = ""
  if filtered > 0 then s = s .. string.format(", %d by an ICMP administratively prohibited (filtered: a firewall rejected them)", filtered) end
  if nohost > 0 then s = s .. string.format(", %d by an ICMP host or network unreachable (no host there)", nohost) end
  return s
end
-- ... and among its failed SYNs (a closed TCP port answers with a RST: an ICMP port unreachable is a
-- firewall's reject too, iptables' default).
local function tcp_rejections(k)
  local parts = {}
  if k.filtered > 0 then parts[#parts + 1] = string.format("%d by an ICMP administratively prohibited", k.filtered) end
  if k.closed > 0 then parts[#parts + 1] = string.format("%d by an ICMP port unreachable", k.closed) end
  local s = ""
  if #parts > 0 then s = "; " .. table.concat(parts, ", ") .. " (filtered: a firewall rejected them)" end
  if k.nohost > 0 then s = s .. string.format("; %d by an ICMP host or network unreachable (no host there)", k.nohost) end
  return s
end


-- The sliding window over one source's failed SYN probes: the hosts with >= min_ports distinct ports
-- and the ports with >= min_hosts distinct hosts inside some window, each with its largest count.
local function breadth(list, o)
  table.sort(list, function(a, b) return a.t < b.t or (a.t == b.t and a.f.first_frame < b.f.first_frame) end)
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

-- Well-known services' ports above 1023 that scanners try (databases, remote desktops, proxies, caches,
-- brokers, container and cluster APIs, web alternates): a client's failures there are its own few
-- services, as below 1024; the ephemeral ports servers hand out (passive FTP, RPC's 49152-65535) are
-- none of them.
local SERVICE_PORTS = {}
for _, p in ipairs{1080, 1194, 1433, 1434, 1521, 1723, 1883, 2049, 2375, 2376, 2379, 3000, 3128, 3268, 3269, 3306, 3389,
                   5000, 5060, 5432, 5601, 5672, 5900, 5984, 5985, 5986, 6379, 6443, 6667, 7001, 8000, 8008, 8080, 8081,
                   8443, 8888, 9000, 9042, 9090, 9092, 9200, 9300, 10000, 11211, 15672, 27017} do SERVICE_PORTS[p] = true end
local function service_port(p) return p < 1024 or SERVICE_PORTS[p] == true end

-- Slow vertical scans (nmap -T1: a probe every 15 s; -T0: every 5 minutes), which no window of `window`
-- seconds holds enough of: over the whole capture, the hosts (without a vertical scan by the window) on
-- which a source's failed SYNs reach slow_min_ports distinct ports, slow_min_services of them below 1024
-- or well-known services' (SERVICE_PORTS),
-- spread over more than one window (probes that fit in one are the window's to judge: a min_ports
-- raised above a fast scan's breadth leaves it out).
-- Clients fail on a handful of a host's services (a domain controller that is down: 53, 88, 135,
-- 139, 389, 445, 464, 636), and on ephemeral ports a server handed out (passive FTP, RPC's dynamic
-- ports): never on ten or more services.  Returns the host with the most ports, that count, the
-- hosts found (host -> its ports, with .count) and the most distinct ports of that host within one window.
local function slow_vertical(list, vert, o)
  local by = {}
  for _, e in ipairs(list) do
    if not vert[e.dst] then
      local s = by[e.dst] or {ports = {}, n = 0, low = 0, t0 = e.t} by[e.dst] = s
      s.t1 = e.t
      if not s.ports[e.dport] then
        s.ports[e.dport] = true s.n = s.n + 1
        if service_port(e.dport) then s.low = s.low + 1 end
      end
    end
  end
  local found = {}
  for dst, s in pairs(by) do
    if s.n >= o.slow_min_ports and s.low >= o.slow_min_services and s.t1 - s.t0 > o.window then found[dst] = s.n end
  end
  local best, bn, count = most(found)
  if not best then return nil end
  found.count = count
  local l = {}   -- the most distinct ports of best within one window: the sliding window's count for it
  for _, e in ipairs(list) do if e.dst == best then l[#l + 1] = e end end
  return best, bn, found, breadth(l, {window = o.window, min_ports = 1, min_hosts = math.huge})[best]
end

-- Probes of a path, not of ports (traceroute, tracepath, mtr -u): a probe an ICMP time exceeded
-- quoted died on the way (its TTL ran out: it reached no port); and probes to one host sent with a
-- TTL (hop limit) of at most MAX_HOPS rising one hop at a time (each probe's TTL equal to the
-- previous one's or one more) through three TTLs or more, as the tools raise it hop by hop
-- whatever ports they use (traceroute 33434 and up, tracepath 44444 and up, one port per probe),
-- even where the routers stay silent.  Scanners send at one TTL (64, 128, 255) or a random one
-- (nmap: 37 to 59 per probe), which does not climb hop by hop.
local MAX_HOPS = 30   -- traceroute's, tracepath's and mtr's default maximum
local PATH_FIRST_TTL = 3   -- the tools start at TTL 1 (traceroute -f, tracepath and mtr's first); a climb starting higher is no path
local PATH_MAX_REACHED = 5 -- probes of a path the destination itself answers: the last hop's few (traceroute -q 3)
local function without_traceroute(list, expired, unreach)
  local by_dst, path = {}, {}
  for _, e in ipairs(list) do
    if e.ttl and e.ttl <= MAX_HOPS then
      local l = by_dst[e.dst] or {} by_dst[e.dst] = l
      l[#l + 1] = e
    end
  end
  for _, l in pairs(by_dst) do
    table.sort(l, function(a, b) return a.t < b.t or (a.t == b.t and a.f.first_frame < b.f.first_frame) end)
    local i = 1
    while i <= #l do
      local j, ttls = i, 1
      while j < #l and (l[j + 1].ttl == l[j].ttl or l[j + 1].ttl == l[j].ttl + 1) do
        if l[j + 1].ttl ~= l[j].ttl then ttls = ttls + 1 end
        j = j + 1
      end
      local reached = 0   -- probes of the climb the destination answered (port unreachables quoting them)
      for k = i, j do if unreach[l[k].key] then reached = reached + 1 end end
      if ttls >= 3 and l[i].ttl <= PATH_FIRST_TTL and reached <= PATH_MAX_REACHED then
        for k = i, j do path[l[k]] = true end
      end
      i = j + 1
    end
  end
  local out = {n = list.n}
  for _, e in ipairs(list) do
    -- a time exceeded quoting the flow: its TTL ran out, unless the destination answered it too
    -- (a probe sent again at a TTL that reaches, on the same ports: a port probe)
    if not path[e] and not (expired[e.key] and not unreach[e.key]) then out[#out + 1] = e end
  end
  return out
end

-- A target (host and port) that answered SYN-ACK to CHECKED or more of the source's failed SYNs is one
-- it checks again and again (a load balancer's or a monitor's half-open health checks: SYN, SYN-ACK,
-- RST every few seconds), not one it discovers: a scanner needs one answer from an open port.
local CHECKED = 3
-- A capture shorter than three of a checker's intervals (F5's tcp_half_open every 5 s, 8 s captured)
-- shows each target once or twice.  Per port, the targets every probe of which drew a SYN-ACK are a
-- checker's when its schedule shows: at least PERIOD_TARGETS of them and at least half of them probed
-- again, every gap between a target's probes within PERIOD_TOL of one period of PERIOD_MIN s or more,
-- and each target probed once placed where its next and previous probes fall outside the source's
-- first and last probe on the port (the capture held one of its probes).  Scanners that probe twice do
-- so sooner (zmap -P back to back, masscan's retries 1 s apart, nmap's retransmissions after its RTT
-- timeout, unanswered probes only); targets that refused or did not answer are never excused, and when
-- min_hosts or more of them are left on the port (a sweep done twice, most hosts open) none is: the
-- scan is reported whole.
local PERIOD_MIN, PERIOD_TOL, PERIOD_TARGETS = 2, 0.1, 3
-- The period of a schedule the gaps (sorted in place) keep to -- their median, PERIOD_MIN s or more, every
-- gap within PERIOD_TOL of it -- and that tolerance; nil when they keep to none.
local function schedule_period(gaps)
  table.sort(gaps)
  local period = gaps[(#gaps + 1) // 2]
  local tol = period * PERIOD_TOL
  if period >= PERIOD_MIN and gaps[1] >= period - tol and gaps[#gaps] <= period + tol then return period, tol end
end
local function periodic_checks(list, answered, min_hosts)
  local ports = {}
  for _, e in ipairs(list) do
    local pt = ports[e.dport]
    if not pt then pt = {first = e.t, last = e.t, targets = {}} ports[e.dport] = pt end
    if e.t < pt.first then pt.first = e.t elseif e.t > pt.last then pt.last = e.t end
    local r = pt.targets[e.dst]
    if not r then r = {ok = true} pt.targets[e.dst] = r end
    r[#r + 1] = e.t
    if not e.f.synack_seen then r.ok = false end
  end
  for port, pt in pairs(ports) do
    local gaps, open, again, failed = {}, 0, 0, 0
    for _, r in pairs(pt.targets) do
      if not r.ok then
        failed = failed + 1
      else
        open = open + 1
        if #r >= 2 then
          again = again + 1
          table.sort(r)
          for i = 2, #r do gaps[#gaps + 1] = r[i] - r[i - 1] end
        end
      end
    end
    if again >= PERIOD_TARGETS and 2 * again >= open and failed < min_hosts then
      local period, tol = schedule_period(gaps)
      if period then
        for dst, r in pairs(pt.targets) do
          if r.ok and (#r >= 2 or r[1] + period > pt.last - tol and r[1] - period < pt.first + tol) then
            answered[dst .. "|" .. port] = CHECKED
          end
        end
      end
    end
  end
end
local function without_checks(list, min_hosts)
  local answered, n = {}, 0
  for _, e in ipairs(list) do
    if e.f.synack_seen then local k = e.dst .. "|" .. e.dport answered[k] = (answered[k] or 0) + 1 n = n + 1 end
  end
  -- a schedule needs PERIOD_TARGETS targets answered twice; a port min_hosts probes
  if n >= 2 * PERIOD_TARGETS and #list >= min_hosts then periodic_checks(list, answered, min_hosts) end
  local out = {n = list.n}
  for _, e in ipairs(list) do
    if (answered[e.dst .. "|" .. e.dport] or 0) < CHECKED then out[#out + 1] = e end
  end
  return out
end

-- Checks of a service that is down (trial fp6 FP-3): kubelet's startup, readiness and liveness probes of
-- pods still starting after a node's reboot or a rollout (or crashed), a load balancer's or a monitor's
-- checks of a service restarting, are refused (or go unanswered) at the checker's period until the
-- service is up, and then served.  A target (host and port) the source's failed SYNs reached DOWN_CHECKS
-- times or more on one schedule -- every gap between them within PERIOD_TOL of one period of PERIOD_MIN s
-- or more; or every second gap, for two checks of one period sharing the port (kubelet's readiness and
-- liveness probes of a container) -- and that accepted a connection from the source on that port in the
-- run (pcaphunt.tcp_established, decided in C: the handshake seen through) is one the source checks, not
-- one it discovers.  A scanner probes a target once or twice; one that sweeps again and again on a
-- schedule is not served by the targets it fails on (a SYN scan completes no connection), and its
-- failures on them all count.
local DOWN_CHECKS = 3
local function on_schedule(r, lag)   -- r: the times, sorted
  local gaps = {}
  for i = 1 + lag, #r do gaps[#gaps + 1] = r[i] - r[i - lag] end
  return #gaps >= 2 and schedule_period(gaps) ~= nil
end
local function without_down_checks(list, src)
  local by, down = {}, nil
  for _, e in ipairs(list) do
    local k = e.dst .. "|" .. e.dport
    local r = by[k]
    if not r then r = {dst = e.dst, port = e.dport} by[k] = r end
    r[#r + 1] = e.t
  end
  for k, r in pairs(by) do
    if #r >= DOWN_CHECKS then
      table.sort(r)
      if (on_schedule(r, 1) or on_schedule(r, 2)) and pcaphunt.tcp_established(src, r.dst, r.port) then
        down = down or {}
        down[k] = true
      end
    end
  end
  if not down then return list end
  local out = {n = list.n}
  for _, e in ipairs(list) do if not down[e.dst .. "|" .. e.dport] then out[#out + 1] = e end end
  return out
end

-- Windows Delivery Optimization (trial fp6 FP-11), on by default in Windows 10 and 11: a machine fetching
-- an update asks DO's cloud service for peers (devices don't discover each other: Microsoft's DO
-- documentation) and connects to each on TCP 7680, speaking DO's peer protocol, whose first message is
-- its handshake: the name "Swarm protocol" after its length (14), then the swarm's hash and the peer's
-- id, 75 bytes (Wireshark's ms-do dissector).  Peers asleep, gone or behind a firewall do not answer: a
-- download's failures on 7680 reached 20 hosts in a minute.  The first payload of a connection to 7680
-- (want: port 7680, first_data), when it is that handshake and the connection was established, shows
-- its source a DO peer at that time: its failed SYNs to 7680 within `window` s of such a handshake are
-- peers the service listed.  Only 7680, only then: the source's failures on any other port, and a sweep
-- of 7680 by a host that spoke no DO, count.  At most DO_KEPT sources and DO_SPANS spans of handshakes in
-- all are kept (past them a handshake is not followed, and a note says how many).
local DO_PORT, DO_HELLO, DO_HELLO_LEN = 7680, "\x0eSwarm protocol", 75
local DO_KEPT, DO_SPANS = 20000, 100000
local function do_handshake(p, h)
  local s = p.dport == DO_PORT and p.tcp.ack_flag and p.payload
  if not s or #s < DO_HELLO_LEN or s:sub(1, #DO_HELLO) ~= DO_HELLO then return end
  local f = h:flow(p)
  if not (f and f.initiator and f.established) then return end
  local t, w = p.frame.time_epoch, h.options.window
  h.do_peers = h.do_peers or {}
  local l = h.do_peers[p.src]   -- spans {first, last} of handshakes each within `window` s of the one before
  local n = l and #l or 0
  if n > 0 and t >= l[n - 1] and t <= l[n] + w then
    if t > l[n] then l[n] = t end
  elseif (h.do_spans or 0) >= DO_SPANS or not l and (h.do_n or 0) >= DO_KEPT then
    h.do_unfollowed = (h.do_unfollowed or 0) + 1   -- said in the note
  else
    if not l then l = {} h.do_peers[p.src], h.do_n = l, (h.do_n or 0) + 1 end
    l[n + 1], l[n + 2] = t, t
    h.do_spans = (h.do_spans or 0) + 1
  end
end
local function without_do_peers(list, spans, w)
  if not spans then return list end
  local iv = {}   -- the spans widened by the window, sorted and joined (times may come out of order)
  for i = 1, #spans, 2 do iv[#iv + 1] = {spans[i] - w, spans[i + 1] + w} end
  table.sort(iv, function(a, b) return a[1] < b[1] end)
  local j = {}
  for _, v in ipairs(iv) do
    local last = j[#j]
    if last and v[1] <= last[2] then if v[2] > last[2] then last[2] = v[2] end else j[#j + 1] = v end
  end
  local out = {n = list.n}
  for _, e in ipairs(list) do
    local peer = false
    if e.dport == DO_PORT then   -- the last joined span starting at or before e.t: does it reach e.t?
      local lo, hi = 1, #j
      while lo < hi do
        local mid = (lo + hi + 1) // 2
        if j[mid][1] <= e.t then lo = mid else hi = mid - 1 end
      end
      peer = j[lo][1] <= e.t and e.t <= j[lo][2]
    end
    if not peer then out[#out + 1] = e end
  end
  return out
end

-- Attempts that answer the target rather than discover it.
-- Callbacks: a server that checks back on a client which just connected to it -- an IRC server's or
-- an MTA's ident query (RFC 1413, port 113), Defender for Identity's name resolution (135, 3389) on a
-- client that authenticated to the DC -- sends a SYN to a host that had opened a TCP connection to it,
-- established, at most 5 s before, that carried the client's request (data from it before the SYN or
-- at most 10 s after: f.callback, in C; a connection forged without one excuses nothing); where the client's firewall drops or refuses it,
-- it fails, on as many hosts as connected.  A scanner's targets do not connect to it first: each
-- exempt SYN needs its own target's connection, and a host the source tried on more than
-- CALLBACK_PORTS ports (a vertical scan of a visitor) is judged whole.
-- The SMB race (KB 204279): a Windows client opens 445 and 139 at once and drops 139 (RST, or no
-- retransmission) when 445 answers; a failed SYN to 139 of a host with a SYN to 445 of it within
-- RACE s that did not fail is that, each 445 connection excusing one 139 attempt.
local CALLBACK_PORTS = 3
local RACE = 1
local function without_answers(list, all, smb)
  local ports, nports, failed445 = {}, {}, {}
  for _, e in ipairs(all) do
    local m = ports[e.dst] or {} ports[e.dst] = m
    if not m[e.dport] then m[e.dport] = true nports[e.dst] = (nports[e.dst] or 0) + 1 end
    if e.dport == 445 then failed445[e.dst .. "|" .. e.sport] = true end
  end
  local used, out = {}, {n = list.n}
  for _, e in ipairs(list) do
    local answer = e.f.callback and nports[e.dst] <= CALLBACK_PORTS
    if not answer and e.dport == 139 then
      for _, r in ipairs(smb and smb[e.dst] or {}) do
        if not used[r] and math.abs(r.t - e.t) <= RACE and not failed445[e.dst .. "|" .. r.sport] then
          used[r], answer = true, true
          break
        end
      end
    end
    if not answer then out[#out + 1] = e end
  end
  return out
end

-- UDP scans, per source: the sliding window over its probes, as for failed SYNs; a host (or port)
-- counts only when the source's unanswered probes to it outnumber its answered UDP flows.
-- Answers to questions asked of a group: mDNS with the QU bit (RFC 6762 5.4: a responder answers a
-- querier's 5353 by unicast), NetBIOS name queries broadcast to 137 (answered 137 to 137), a DHCPv6
-- Solicit to ff02::1:2 (answered to the client's link-local 546): the question went to a multicast or
-- broadcast address, so its flow is not the answer's, which gets nothing back.  A datagram from port P
-- to a host's port Q is such an answer when that host sent from Q to a group address on port P
-- (h.asks, from the unanswered group flows' flow_end) from 1 s before it to ASK_WINDOW s after that
-- flow's last question.  A scanner's probes answer no question its targets asked.
local ASK_WINDOW = 10
local function without_group_answers(list, asks)
  if not asks then return list end
  local out = {}
  for _, e in ipairs(list) do
    local a = asks[e.dst .. "|" .. e.dport .. "|" .. (e.sport or "")]
    if not (a and e.t >= a.first - 1 and e.t <= a.last + ASK_WINDOW) then out[#out + 1] = e end
  end
  return out
end

local function udp_scans(h)
  local o, unreach, refused = h.options, h.unreach or {}, h.refused or {}
  local srcs = {}
  for src in pairs(h.udp or {}) do srcs[#srcs + 1] = src end
  table.sort(srcs)
  for _, src in ipairs(srcs) do
    local list = without_traceroute(without_group_answers(h.udp[src], h.asks), h.expired or {}, unreach)
    local by_host, by_port = {}, {}
    for _, e in ipairs(list) do
      by_host[e.dst] = (by_host[e.dst] or 0) + 1
      by_port[e.dport] = (by_port[e.dport] or 0) + 1
    end
    local vert, horiz = breadth(list, o)
    for d in pairs(vert) do if pcaphunt.udp_answered(src, d) >= by_host[d] then vert[d] = nil end end
    for port in pairs(horiz) do if pcaphunt.udp_answered(src, port) >= by_port[port] then horiz[port] = nil end end
    local done = {}
    local function cite(key, msg, pick)
      for _, e in ipairs(list) do
        if pick(e) and not done[e] then
          done[e] = true
          local u = unreach[e.key] or refused[e.key] and refused[e.key].p
          h:report{flow = e.f, frames = u and u ~= true and {u} or nil, key = key, msg = msg, why = WHY_UDP, check = CHECK_UDP}
        end
      end
    end
    local function tally(pick)   -- probes, distinct ports and hosts, ICMP answers among them
      local n, ports, hosts, np, nh, k = 0, {}, {}, 0, 0, {closed = 0, filtered = 0, nohost = 0}
      for _, e in ipairs(list) do
        if pick(e) and not done[e] then
          n = n + 1
          if unreach[e.key] then k.closed = k.closed + 1 elseif refused[e.key] then k[refused[e.key].kind] = k[refused[e.key].kind] + 1 end
          if not ports[e.dport] then ports[e.dport] = true np = np + 1 end
          if not hosts[e.dst] then hosts[e.dst] = true nh = nh + 1 end
        end
      end
      return n, k, np, nh
    end
    local vdst, vn, nv = most(vert)
    if vdst then
      local pick = function(e) return vert[e.dst] end
      local n, k, np = tally(pick)
      local ok = 0 for d in pairs(vert) do ok = ok + pcaphunt.udp_answered(src, d) end
      cite(src .. " udp vertical", string.format("%s sent UDP datagrams to %d ports of %s within %d s%s that got no UDP " ..
        "answer: %d probes to %d ports in all, %d of them answered by an ICMP port unreachable (closed)%s, %d UDP " ..
        "flow%s to %s answered (open). A vertical UDP port scan (threshold %d ports); check which ports answered and " ..
        "what %s sent to them next", src, vn, vdst, o.window,
        nv > 1 and string.format(" (and %d ports or more of %d other %s)", o.min_ports, nv - 1, plural(nv - 1, "host", "hosts")) or "",
        n, np, k.closed, udp_rejections(k.filtered, k.nohost), ok, ok == 1 and "" or "s", nv > 1 and "them" or vdst, o.min_ports, src), pick)
    end
    local hport, hn, nh = most(horiz)
    if hport then
      local pick = function(e) return horiz[e.dport] end
      local n, k, _, hosts = tally(pick)
      if n > 0 then
        local ok = 0 for port in pairs(horiz) do ok = ok + pcaphunt.udp_answered(src, port) end
        cite(src .. " udp horizontal", string.format("%s sent UDP datagrams to port %d on %d hosts within %d s%s that " ..
          "got no UDP answer: %d probes to %d hosts in all, %d of them answered by an ICMP port unreachable (closed)%s, " ..
          "%d host%s answered (open). A horizontal UDP scan (threshold %d hosts), a sweep for one service; check the " ..
          "hosts that answered and what %s did next", src, hport, hn, o.window,
          nh > 1 and string.format(" (and %d other %s as broadly)", nh - 1, plural(nh - 1, "port", "ports")) or "", n, hosts,
          k.closed, udp_rejections(k.filtered, k.nohost), ok,
          ok == 1 and "" or "s", o.min_hosts, src), pick)
      end
    end
  end
end

hunt{
  name = "port-scan",
  description = "port scans: a source's failed SYNs or unanswered UDP datagrams to many ports of a host or many hosts on a port within a window, or SYNs to many ports of a host over the capture (slow scans); NULL, FIN and Xmas probes",
  severity = "medium",
  priority = 20,
  options = {min_ports = 20, min_hosts = 20, window = 60, min_probes = 3, udp_max_packets = 3, slow_min_ports = 20,
             slow_min_services = 10},
  option_help = {
    min_ports = "distinct ports of one host a source's failed probes (SYNs, unanswered UDP) reach within the window: a vertical scan",
    min_hosts = "distinct hosts on one port a source's failed probes (SYNs, unanswered UDP) reach within the window: a horizontal scan",
    window = "seconds of the sliding window over a source's failed probes",
    slow_min_ports = "distinct ports of one host a source's failed SYNs reach over the whole capture, slower than the window: a slow vertical scan",
    slow_min_services = "how many of a slow scan's ports (slow_min_ports) must be below 1024 or well-known services' (clients fail on ephemeral ports servers hand out, not on many services)",
    min_probes = "NULL, FIN-only, Xmas (or other no-SYN/ACK/RST) packets with no flow before them before a source is reported",
    udp_max_packets = "datagrams an unanswered UDP flow's initiator may send and still count as a probe (not a stream)",
  },
  want = {{tcp_flags_none = {"syn", "ack", "rst"}, new_flow = true},       -- destination unreachable, time exceeded
          {proto = "icmp", icmp_type = {3, 11}}, {proto = "icmpv6", icmp_type = {1, 3}},
          {tcp_flags = "syn", tcp_flags_none = {"ack", "rst", "fin"}, port = 445, new_flow = true},   -- SMB's race
          {tcp_flags = "rst", tcp_flags_none = {"ack", "syn"}, new_flow = false},   -- a RST answering an ACK probe
          {proto = "udp", port = WOL_PORTS, new_flow = true, payload = true},   -- Wake-on-LAN
          {proto = "tcp", port = DO_PORT, first_data = true}},   -- Delivery Optimization's handshake
  packet = function(p, h)
    local ic = p.icmp or p.icmpv6
    if ic then      -- a port unreachable quoting a UDP probe: a closed port; a time exceeded: a path probe
      local kind = ic.type == (p.icmp and 3 or 1) and (p.icmp and ICMP4_KIND or ICMP6_KIND)[ic.code]
      if not kind and not (ic.code == 0 and ic.type == (p.icmp and 11 or 3)) then return end
      local q = ic.inner
      if not q or not (q.udp or q.tcp) or q.src ~= p.dst or not q.sport then return end
      -- port unreachables and time exceededs of UDP probes (the path rules read them), the other
      -- rejections of UDP probes, those of TCP SYNs
      local t = q.tcp and "tcp_icmp" or kind == "closed" and "unreach" or kind and "refused" or "expired"
      if t == "tcp_icmp" and not kind then return end
      -- a quote of a datagram or SYN no flow of the capture sent answers no probe: not kept (300,000 port
      -- unreachables from spoofed sources quoting 10.0.0.5:53 kept 100,000 packets: 308 MB)
      if not h:flow(q) then h.unquoted = (h.unquoted or 0) + 1 return end
      h[t] = h[t] or {n = 0}
      local kept, k = h[t], udp_key(q.src, q.sport, q.dst, q.dport)
      if kind then lowport_prober(h, q) end   -- a destination unreachable quoting a datagram from a low port
      if not kept[k] and kept.n < MAX_KEPT then
        -- the error itself is kept to cite for the first ICMP_CITED of them in all (a packet each, about a
        -- kilobyte: 100,000 port unreachables answering as many datagrams held 400 MB); past them, what it says
        local cite
        if t ~= "expired" then
          cite = (h.icmp_cited or 0) < ICMP_CITED and p or nil
          if cite then h.icmp_cited = (h.icmp_cited or 0) + 1 else h.icmp_uncited = (h.icmp_uncited or 0) + 1 end
        end
        kept[k] = t == "unreach" and (cite or true) or t == "expired" or {p = cite, kind = kind}
        kept.n = kept.n + 1
      end
      return
    end
    if p.udp then                                   -- a magic packet opening a flow to 0, 7 or 9
      if wol_ports[p.dport] and magic_packet(p.payload) then
        h.wol, h.wol_n = h.wol or {}, (h.wol_n or 0) + 1
        if h.wol_n <= MAX_KEPT then h.wol[udp_key(p.src, p.sport, p.dst, p.dport)] = true end
      end
      return
    end
    local t = p.tcp                                 -- want.new_flow: no flow before this packet
    if not t then return end
    if t.rst then   -- a RST (no ACK) answering an ACK probe: a flow the other side opened with a bare ACK or
      -- FIN+ACK (no SYN, no data) and the RST's sender had sent nothing on (nmap -sA, -sW, -sM)
      local f = h:flow(p)
      if not f or f.initiator or f.syn_seen or f.synack_seen or f.data_seen or f.rst_seen or f.packets_sent > 0 or
          f.packets_received > 2 or not f.sport then return end
      h.ackp = h.ackp or {}
      keep_probe(h, h.ackp, p.dst, {t = f.first_time, dst = p.src, dport = p.sport, f = f:copy(), rst = p, fin = f.fin_seen})
      return
    end
    if t.syn then                                   -- a SYN to 445: the SMB client's race (finish)
      if p.dport ~= 445 then return end
      h.smb, h.smb_n = h.smb or {}, (h.smb_n or 0) + 1
      if h.smb_n > MAX_KEPT then return end
      local by = h.smb[p.src] or {} h.smb[p.src] = by
      local l = by[p.dst] or {} by[p.dst] = l
      l[#l + 1] = {t = p.frame.time_epoch, sport = p.sport}
      return
    end
    -- a stealth probe opens its flow without ACK; the rest is the first payload of a connection on 7680
    if t.ack_flag or h:flow(p) then do_handshake(p, h) return end
    h.stealth = h.stealth or {}
    local s = h.stealth[p.src]
    if not s then
      h.nstealth = h.nstealth or 0
      h.stealth_new = (h.stealth_new or 0) + 1   -- new sources met (a sweep at most once a tenth of the bound of them)
      if h.nstealth >= KEEP_PROBES and h.stealth_new >= (h.stealth_sweep_at or 0) then   -- sources that cannot be reported yet
        for src, e in pairs(h.stealth) do
          if e.n < h.options.min_probes then h.stealth[src] = nil h.nstealth = h.nstealth - 1 h.stealth_let_go = (h.stealth_let_go or 0) + e.n end
        end
        h.stealth_sweep_at = h.stealth_new + KEEP_PROBES // 10
      end
      if h.nstealth >= KEEP_PROBES then h.stealth_unfollowed = (h.stealth_unfollowed or 0) + 1 return end
      s = {n = 0, kinds = {NULL = 0, FIN = 0, Xmas = 0, other = 0}, kept = {}}
      h.stealth[p.src] = s
      h.nstealth = h.nstealth + 1
    end
    s.n = s.n + 1
    local k = stealth_kind(t)
    s.kinds[k] = s.kinds[k] + 1
    -- the hosts and ports it reached, counted for every probe (the cited ones are a few of them)
    s.hosts, s.ports = s.hosts or {}, s.ports or {}
    if not s.hosts[p.dst] and (s.nhosts or 0) < DISTINCT_MAX then s.hosts[p.dst] = true s.nhosts = (s.nhosts or 0) + 1 end
    if not s.ports[p.dport] then s.ports[p.dport] = true s.nports = (s.nports or 0) + 1 end
    -- the packets cited: STEALTH_CITED a source, STEALTH_KEPT in all (a FIN flood from a few hosts kept every one)
    if #s.kept < STEALTH_CITED and (h.stealth_kept or 0) < STEALTH_KEPT then
      s.kept[#s.kept + 1] = {p = p, dst = p.dst, dport = p.dport}
      h.stealth_kept = (h.stealth_kept or 0) + 1
    end
  end,
  connection_failed = function(f, h)                -- seen from the side that sent the SYN
    h.failed = h.failed or {}
    keep_probe(h, h.failed, f.src, {t = f.first_time, dst = f.dst, dport = f.dport, sport = f.sport, f = f:copy(),
                                    key = udp_key(f.src, f.sport, f.dst, f.dport)})
  end,
  -- in C: only UDP flows that got no answer (the answered ones are counted in C: pcaphunt.udp_answered)
  flow_end_want = {proto = "udp", unanswered = true},
  flow_end = function(f, h)                         -- a UDP flow that got no answer: a probe?
    if f.proto ~= 17 or f.packets_received > 0 then return end
    local src, dst, dport = f.src, f.dst, f.dport
    if not f.sport then return end
    if group_address(dst) then                      -- a question to a group: remember who asked, from which port
      h.asks, h.asks_n = h.asks or {}, h.asks_n or 0
      local k = src .. "|" .. f.sport .. "|" .. dport
      local a = h.asks[k]
      if a then a.first, a.last = math.min(a.first, f.first_time), math.max(a.last, f.last_time)
      elseif h.asks_n < MAX_KEPT then h.asks[k] = {first = f.first_time, last = f.last_time} h.asks_n = h.asks_n + 1 end
      return
    end
    if f.packets_sent > h.options.udp_max_packets then return end
    if f.sport < 1024 and dport >= 1024 and not (h.lowport_probers and h.lowport_probers[src .. "|" .. f.sport]) then
      return   -- a service's answer whose request was not seen
    end
    if DHCP_ANSWER[f.sport] == dport then return end      -- a DHCP server's answer to a broadcast request
    if f.tcp_beside then return end   -- the source reached the service over TCP at once: a client falling back
    if h.wol and h.wol[udp_key(src, f.sport, dst, dport)] then       -- a wake-up, unless an ICMP error answered it
      local k = udp_key(src, f.sport, dst, dport)
      if not (h.unreach and h.unreach[k] or h.refused and h.refused[k]) then return end
    end
    h.udp = h.udp or {}
    keep_probe(h, h.udp, src, {t = f.first_time, dst = dst, dport = dport, sport = f.sport,
                               ttl = f.ttl_first, key = udp_key(src, f.sport, dst, dport), f = f:copy()})
  end,
  finish = function(h)
    local o = h.options
    local notes = {}   -- one note for all (h:note says the latest text)
    if (h.unquoted or 0) >= UNQUOTED_NOTE then
      notes[#notes + 1] = (string.format("%d ICMP errors quoted datagrams or SYNs no flow of the capture sent (backscatter of " ..
        "traffic spoofed in a host's name?): not kept, as they answer no probe", h.unquoted))
    end
    if h.let_go then
      notes[#notes + 1] = (string.format("more than %d failed probes were kept (a flood, or a long busy capture): %d of sources " ..
        "without a scan's shape so far, and then of those that came first, were let go; a scan among them may be " ..
        "missed (a split run, -j, may let go others)", KEEP_PROBES, h.let_go))
    end
    if h.stealth_let_go or h.stealth_unfollowed then
      notes[#notes + 1] = (string.format("more than %d sources sent NULL, FIN or Xmas segments: %d segments of sources with fewer " ..
        "than %d let go, %d of new sources not followed; a stealth scan among them may be missed", KEEP_PROBES,
        h.stealth_let_go or 0, o.min_probes, h.stealth_unfollowed or 0))
    end
    if h.icmp_uncited then
      notes[#notes + 1] = (string.format("more than %d ICMP errors answered probes: %d more were counted but not kept " ..
        "to cite (findings name fewer of them)", ICMP_CITED, h.icmp_uncited))
    end
    if h.lowport_unfollowed then
      notes[#notes + 1] = (string.format("more than %d (source, low port) pairs were shown to be probers by ICMP " ..
        "unreachables: %d more not followed; UDP scans from their ports are taken for a service's answers", LOWPORT_KEPT,
        h.lowport_unfollowed))
    end
    if h.do_unfollowed then
      notes[#notes + 1] = (string.format("more than %d sources (or %d spans of a minute) spoke Delivery Optimization's " ..
        "handshake on %d: %d more handshakes not followed; failed connections to %d near them count as probes", DO_KEPT,
        DO_SPANS, DO_PORT, h.do_unfollowed, DO_PORT))
    end
    if #notes > 0 then h:note(table.concat(notes, "; ")) end
    local srcs = {}
    for src in pairs(h.failed or {}) do srcs[#srcs + 1] = src end
    table.sort(srcs)
    for _, src in ipairs(srcs) do
      local list = without_answers(without_down_checks(without_checks(h.failed[src], o.min_hosts), src), h.failed[src],
                                   h.smb and h.smb[src])
      list = without_do_peers(list, h.do_peers and h.do_peers[src], o.window)
      local vert, horiz = breadth(list, o)
      local vdst, vn, nv = most(vert)
      local done, icmp = {}, h.tcp_icmp or {}
      local function tally(pick)   -- SYNs, SYN-ACKs among them, ICMP rejections by kind, distinct ports (services'), span
        local n, open, k, ports, np, low, t0, t1 = 0, 0, {closed = 0, filtered = 0, nohost = 0}, {}, 0, 0, nil, nil
        for _, e in ipairs(list) do
          if pick(e) and not done[e] then
            n = n + 1
            if e.f.synack_seen then open = open + 1 end
            local r = icmp[e.key]
            if r then k[r.kind] = k[r.kind] + 1 end
            if not ports[e.dport] then ports[e.dport] = true np = np + 1 if service_port(e.dport) then low = low + 1 end end
            t0 = t0 and math.min(t0, e.t) or e.t
            t1 = t1 and math.max(t1, e.t) or e.t
          end
        end
        return n, open, k, np, low, n > 0 and t1 - t0 or 0
      end
      local function cite(pick, key, msg, why)
        for _, e in ipairs(list) do
          if pick(e) and not done[e] then
            done[e] = true
            local r = icmp[e.key]
            h:report{flow = e.f, frames = r and r.p and {r.p} or nil, key = key, msg = msg, why = why or WHY_SCAN, check = CHECK_SCAN}
          end
        end
      end
      if vdst then
        local pick = function(e) return vert[e.dst] end
        local n, open, k, np = tally(pick)
        local msg = string.format("%s probed %d ports of %s within %d s%s: %d SYNs that never became a connection " ..
          "(%d answered with a SYN-ACK: open ports%s; the rest refused or unanswered), %d ports in all. A vertical port " ..
          "scan (threshold %d ports); check which ports answered and whether %s then connected to them",
          src, vn, vdst, o.window, nv > 1 and string.format(" (and %d ports or more of %d other %s)", o.min_ports, nv - 1,
          plural(nv - 1, "host", "hosts")) or "", n, open, tcp_rejections(k), np, o.min_ports, src)
        cite(pick, src .. " vertical", msg)
      end
      local sdst, sn, ns, smax = slow_vertical(list, vert, o)
      if sdst then
        local pick = function(e) return ns[e.dst] end
        local n, open, k, np, low, span = tally(pick)
        local msg = string.format("%s probed %d ports of %s over %d s, never more than %d in %d s%s: %d SYNs that never became " ..
          "a connection (%d answered with a SYN-ACK: open ports%s; the rest refused or unanswered), %d of them below 1024 or well-known services'. " ..
          "A slow vertical port scan (nmap -T0/-T1 paces its probes to stay under rate thresholds; threshold %d ports of one " ..
          "host over the capture, %d of them services'); check which ports answered and whether %s then connected to them",
          src, sn, sdst, math.floor(span + 0.5), smax, o.window,
          ns.count > 1 and string.format(" (and %d ports or more of %d other %s)", o.slow_min_ports, ns.count - 1,
          plural(ns.count - 1, "host", "hosts")) or "", n, open, tcp_rejections(k), low, o.slow_min_ports, o.slow_min_services, src)
        cite(pick, src .. " slow vertical", msg, WHY_SLOW)
      end
      local hport, hn, nh = most(horiz)
      if hport then
        local pick = function(e) return horiz[e.dport] end
        local n, open, k = tally(pick)
        if n > 0 then
          local msg = string.format("%s probed port %d on %d hosts within %d s%s: %d SYNs that never became a " ..
            "connection (%d answered with a SYN-ACK%s). A horizontal scan (threshold %d hosts), as a worm or a sweep " ..
            "for one service does; check the hosts that answered and what %s did next",
            src, hport, hn, o.window, nh > 1 and string.format(" (and %d other %s as broadly)", nh - 1,
            plural(nh - 1, "port", "ports")) or "", n, open, tcp_rejections(k), o.min_hosts, src)
          cite(pick, src .. " horizontal", msg)
        end
      end
    end
    -- ACK probes answered by RSTs: the same window and thresholds as failed SYNs (a stack sends bare ACKs
    -- inside its connections, so one alone, or a few, prove nothing: breadth does)
    srcs = {}
    for src in pairs(h.ackp or {}) do srcs[#srcs + 1] = src end
    table.sort(srcs)
    for _, src in ipairs(srcs) do
      local list = h.ackp[src]
      local vert, horiz = breadth(list, o)
      local done = {}
      local function cite(pick, key, msg)
        for _, e in ipairs(list) do
          if pick(e) and not done[e] then
            done[e] = true
            h:report{flow = e.f, frames = {e.rst}, key = key, msg = msg, why = WHY_ACK, check = CHECK_ACK}
          end
        end
      end
      local function tally(pick)
        local n, fin = 0, 0
        for _, e in ipairs(list) do if pick(e) and not done[e] then n = n + 1 if e.fin then fin = fin + 1 end end end
        return n, fin
      end
      local vdst, vn, nv = most(vert)
      if vdst then
        local pick = function(e) return vert[e.dst] end
        local n, fin = tally(pick)
        cite(pick, src .. " ack vertical", string.format("%s sent ACK probes to %d ports of %s within %d s%s: %d segments " ..
          "with ACK and no SYN or data (%d of them FIN+ACK) opening no connection, each answered by a RST. An ACK scan " ..
          "(nmap -sA, -sW; -sM with FIN+ACK) mapping which ports a firewall lets through (threshold %d ports)", src, vn,
          vdst, o.window, nv > 1 and string.format(" (and %d ports or more of %d other %s)", o.min_ports, nv - 1,
          plural(nv - 1, "host", "hosts")) or "", n, fin, o.min_ports))
      end
      local hport, hn, nh = most(horiz)
      if hport then
        local pick = function(e) return horiz[e.dport] end
        local n, fin = tally(pick)
        if n > 0 then
          cite(pick, src .. " ack horizontal", string.format("%s sent ACK probes to port %d on %d hosts within %d s%s: " ..
            "%d segments with ACK and no SYN or data (%d of them FIN+ACK) opening no connection, each answered by a RST. " ..
            "An ACK sweep (nmap -sA) mapping which hosts a firewall lets through (threshold %d hosts)", src, hport, hn,
            o.window, nh > 1 and string.format(" (and %d other %s as broadly)", nh - 1, plural(nh - 1, "port", "ports")) or "",
            n, fin, o.min_hosts))
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
        s.nhosts or 0, s.nports or 0, src)
      for _, e in ipairs(s.kept) do h:report{packet = e.p, key = src .. " stealth", msg = msg, why = WHY_STEALTH, check = CHECK_SCAN} end
    end
    udp_scans(h)
  end,
}
