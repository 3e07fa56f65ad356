-- Issue 10: normal traffic the bundled hunts once called suspicious stays quiet, hunt by hunt, and
-- the attack captures are still found.
local T = dofile("tests/lua/lib.lua")
local D = "tests/data/"
local hunts = {"backdoor-ports", "fixed-ttl", "q-trojan", "reset-cause", "rst-origin", "spoofed-source",
  "unsolicited-rst", "zero-ipid", "port-scan", "syn-flood", "tcp-flags", "icmp-backscatter", "rst-injection"}
for _, file in ipairs({"normal-ttl.pcap", "loopback.pcap", "linux-ipid.pcap", "far-hosts.pcap",
    "ephemeral-ports.pcap", "midstream.pcap", "clean.pcap", "udp-normal.pcap", "rst-normal.pcap",
    "syn-retry.pcap", "idle-reset.pcap", "capture-cut.pcap", "lb-checks.pcap", "rst-idle-copies.pcap",
    "scan-answers.pcap"}) do
  pcaphunt.use(assert(pcaphunt.open(D .. file)))
  for _, name in ipairs(hunts) do
    local above = 0
    for _, g in ipairs(hunt(name)) do if g.severity ~= "info" then above = above + 1 end end
    T.eq(file .. ": " .. name .. " quiet above info", above, 0)
  end
end
-- the trial's captures: every hunt but the one each tests (whose findings are exact in
-- test_hunts_attacks.lua) quiet above info
local all = {"dns-tunnel", "wrong-port"}
for _, name in ipairs(hunts) do all[#all + 1] = name end
for file, tested in pairs({["igmp-join.pcap"] = {["spoofed-source"] = true}, ["spoofed-unspec.pcap"] = {["spoofed-source"] = true}, ["spoofed-mapped.pcap"] = {["spoofed-source"] = true}, ["ipid-wrap.pcap"] = {["zero-ipid"] = true},
    ["ftp-data.pcap"] = {["backdoor-ports"] = true, ["wrong-port"] = true}, ["ports-registered.pcap"] = {["wrong-port"] = true},
    ["ports-services.pcap"] = {["wrong-port"] = true}, ["dns-mail.pcap"] = {["dns-tunnel"] = true},
    ["dns-mx.pcap"] = {["dns-tunnel"] = true}, ["dns-split-short.pcap"] = {["dns-tunnel"] = true}, ["ipid-chance.pcap"] = {["zero-ipid"] = true}, ["ipid-forged.pcap"] = {["zero-ipid"] = true},
    ["backdoor-peers.pcap"] = {["backdoor-ports"] = true}, ["krb524-shell.pcap"] = {["backdoor-ports"] = true},
    ["nbns.pcap"] = {}, ["wrong-port-sides.pcap"] = {["wrong-port"] = true}, ["dns-loopback.pcap"] = {["wrong-port"] = true},
    ["metrics-scrape.pcap"] = {["wrong-port"] = true},
    ["rst-two-hops.pcap"] = {}, ["scan-syndata.pcap"] = {["port-scan"] = true}, ["scan-ack.pcap"] = {["port-scan"] = true}, ["oneway-server.pcap"] = {}, ["ipip-pmtud.pcap"] = {},
    ["icmp-route-normal.pcap"] = {}, ["icmp-route-snap.pcap"] = {},
    ["ssrp-instance.pcap"] = {}, ["ssrp-backdoor.pcap"] = {["backdoor-ports"] = true},
    ["lowport-answers.pcap"] = {}, ["scan-lowport.pcap"] = {["port-scan"] = true},
    ["dhcp-answers.pcap"] = {["port-scan"] = true}, ["dns-names.pcap"] = {["dns-tunnel"] = true},
    ["sip-media.pcap"] = {["backdoor-ports"] = true}, ["ice-media.pcap"] = {["backdoor-ports"] = true},
    ["wol.pcap"] = {["port-scan"] = true}, ["group-answers.pcap"] = {["port-scan"] = true}, ["handshakes.pcap"] = {}, ["classe-vpc.pcap"] = {},
    ["acme-checks.pcap"] = {}, ["halfopen-checks.pcap"] = {}, ["slow-scan.pcap"] = {["port-scan"] = true},
    ["acme-once.pcap"] = {}, ["ssrp-cluster.pcap"] = {}, ["http-apis.pcap"] = {["wrong-port"] = true},
    ["resyn-stale-last.pcap"] = {}, ["resyn-stale-first.pcap"] = {}, ["tfo-resent.pcap"] = {},
    ["sip-ports.pcap"] = {}, ["sip-ports-backdoor.pcap"] = {["backdoor-ports"] = true},
    ["epm-dynamic.pcap"] = {}, ["epm-backdoor.pcap"] = {["backdoor-ports"] = true},
    ["web-products.pcap"] = {["wrong-port"] = true}, ["web-services.pcap"] = {["backdoor-ports"] = true, ["wrong-port"] = true},
    ["web-backdoor.pcap"] = {["backdoor-ports"] = true, ["wrong-port"] = true},
    ["bfd-echo.pcap"] = {}, ["dns-sophos.pcap"] = {["dns-tunnel"] = true},
    ["ports-defaults.pcap"] = {["wrong-port"] = true}, ["fin-normal.pcap"] = {}, ["late-close.pcap"] = {}, ["late-close6.pcap"] = {}, ["traceroute-dns.pcap"] = {["wrong-port"] = true}, ["tcpkill.pcap"] = {["rst-origin"] = true}, ["late-abort.pcap"] = {["rst-injection"] = true}, ["shell-53.pcap"] = {["wrong-port"] = true},
    ["probes-down.pcap"] = {}, ["do-peers.pcap"] = {}}) do
  pcaphunt.use(assert(pcaphunt.open(D .. file)))
  for _, name in ipairs(all) do
    if not tested[name] then
      local above = 0
      for _, g in ipairs(hunt(name)) do if g.severity ~= "info" then above = above + 1 end end
      T.eq(file .. ": " .. name .. " quiet above info", above, 0)
    end
  end
end
local function groups_opts(file, name, opts)
  pcaphunt.use(assert(pcaphunt.open(D .. file)))
  return hunt(name, opts)
end
-- handshakes.pcap: every handshake whose ACK is not the plain one after the SYN-ACK (the server first and
-- the ACK lost, the SYN-ACK sent again with its ISN or another, TCP Fast Open taken and refused,
-- simultaneous open) is a connection: nothing failed, even at thresholds below each kind's count (30
-- connections of each kind to 10.0.0.40:25 and 10.0.0.41:80, 12 or 13 of each to 25 ports of 10.0.0.42)
T.eq("handshakes: syn-flood at 10 SYNs: nothing", #groups_opts("handshakes.pcap", "syn-flood", {min_syns = 10}), 0)
T.eq("handshakes: port-scan at 5 ports or hosts: nothing",
  #groups_opts("handshakes.pcap", "port-scan", {min_ports = 5, min_hosts = 5}), 0)
local verified, established = 0, 0
hunt{name = "handshake-views", description = "flow views of handshakes.pcap", flow_end_want = {proto = "tcp"},
  flow_end = function(f)
    if f.established then established = established + 1 end
    if f.verified then verified = verified + 1 end
  end}
pcaphunt.use(assert(pcaphunt.open(D .. "handshakes.pcap")))
hunt("handshake-views")
T.eq("handshakes: every connection opened by a SYN verified (the one begun before the capture: neither)",
  established .. " " .. verified, "176 176")
-- trial fp5 FP-2, FP-2b: the ACK of a SYN-ACK that is not the latest read.  resyn-stale-last.pcap: 150
-- clients of 10.12.1.1:443 and a checker of 30 hosts' port 80 each send the SYN again with another ISN
-- after 1 s, both answered, the first's SYN-ACK read last, the client ACKing the second's; resyn-stale-first:
-- the same in the other order; tfo-resent.pcap: 150 TFO clients whose SYN with data is sent again without
-- it, the first SYN-ACK acknowledging the data, the client ACKing that one.  Every attempt is a
-- connection, verified: nothing failed, even at thresholds of 10 SYNs and 5 ports or hosts
local function tcp_views(file)
  local established, verified, flows = 0, 0, 0
  hunt{name = "resyn-views", description = "flow views", flow_end_want = {proto = "tcp"},
    flow_end = function(f)
      flows = flows + 1
      if f.established then established = established + 1 end
      if f.verified then verified = verified + 1 end
    end}
  pcaphunt.use(assert(pcaphunt.open(D .. file)))
  hunt("resyn-views")
  return flows .. " " .. established .. " " .. verified
end
for file, want in pairs({["resyn-stale-last.pcap"] = "180 180 180", ["resyn-stale-first.pcap"] = "180 180 180",
    ["tfo-resent.pcap"] = "150 150 150"}) do
  T.eq(file .. ": flows, established, verified", tcp_views(file), want)
  T.eq(file .. ": syn-flood at 10 SYNs: nothing", #groups_opts(file, "syn-flood", {min_syns = 10}), 0)
  T.eq(file .. ": port-scan at 5 ports or hosts: nothing", #groups_opts(file, "port-scan", {min_ports = 5, min_hosts = 5}), 0)
end
-- classe-vpc.pcap: a class-E VPC (trial fp4 h13): its hosts' handshakes are verified, so their addresses
-- are hosts', not spoofs: spoofed-source says nothing, not even info (the first host's DNS query,
-- before its first connection, was held and let go)
T.eq("classe-vpc: spoofed-source says nothing", #groups_opts("classe-vpc.pcap", "spoofed-source"), 0)
-- ftp-data: the evasive Back Orifice client on port 53 is not DNS there, all that wrong-port says
pcaphunt.use(assert(pcaphunt.open(D .. "ftp-data.pcap")))
local wp = {}
for _, g in ipairs(hunt("wrong-port")) do wp[#wp + 1] = g.severity .. " " .. g.key end
T.eq("ftp-data: wrong-port: only the Back Orifice datagrams on 53", table.concat(wp, ","), "medium 10.6.6.21 10.6.6.67 not-dns 53")
-- nbns.pcap: NetBIOS name service (RFC 1002) is written in DNS's format, and its node-status queries
-- (type 0x21, SRV's number, class IN) pass the DNS heuristic; port 137 is NBNS's, as tshark says: no
-- p.dns there, and wrong-port says nothing (not even info).  A resolver's query from port 137 to a
-- server's 53 and its answer are DNS (tshark's dissector of the lower port, 53)
pcaphunt.use(assert(pcaphunt.open(D .. "nbns.pcap")))
T.eq("nbns: wrong-port: nothing", #hunt("wrong-port"), 0)
local dns_frames = {}
for p in packets() do if p.dns then dns_frames[#dns_frames + 1] = p.frame.number .. " " .. p.dns.qry_name .. " " ..
  tostring(p.dns.heuristic) end end
T.eq("nbns: only the DNS on port 53 is DNS", table.concat(dns_frames, ","), "13 www.example.com false,14 www.example.com false")
local function groups(file, name)
  pcaphunt.use(assert(pcaphunt.open(D .. file)))
  return #hunt(name)
end
T.eq("sample: fixed-ttl still finds TTL 14", groups("sample.pcap", "fixed-ttl"), 1)
T.eq("sample: zero-ipid still finds the seed's ID 0", groups("sample.pcap", "zero-ipid"), 1)
T.eq("sample: unsolicited-rst still finds the seed (impossible source)", groups("sample.pcap", "unsolicited-rst"), 1)
T.eq("sample: backdoor-ports still finds 31337", groups("sample.pcap", "backdoor-ports"), 1)
T.eq("injected-rst: rst-origin still finds the forged RST", groups("injected-rst.pcap", "rst-origin"), 1)
T.eq("zero-ipid.pcap: DF clear still found", groups("zero-ipid.pcap", "zero-ipid"), 1)
T.eq("spoofed-sources: 127.0.0.1 > 10.0.0.5 still spoofed", groups("spoofed-sources.pcap", "spoofed-source"), 8)
T.eq("backdoor-listener: the listener found", groups("backdoor-listener.pcap", "backdoor-ports"), 1)
T.eq("multicast: 239.255.255.250, ff02::1; not 240.0.0.1, ff::1, ffe:1::1",
  table.concat({tostring(pcaphunt.multicast("239.255.255.250")), tostring(pcaphunt.multicast("ff02::1")),
    tostring(pcaphunt.multicast("240.0.0.1")), tostring(pcaphunt.multicast("ff::1")), tostring(pcaphunt.multicast("ffe:1::1"))}, " "),
  "true true false false false")
T.eq("impossible_source: multicast ff02::1 is", pcaphunt.impossible_source("ff02::1", "2001:db8::1"), true)
T.eq("impossible_source: ff::1 (00ff::1) is no multicast source", pcaphunt.impossible_source("ff::1", "2001:db8::1"), false)
T.eq("impossible_source: ffe:1::1 (0ffe:1::1) neither", pcaphunt.impossible_source("ffe:1::1", "2001:db8::1"), false)
-- scan-answers: attempts that answer a host, not discover it -- an IRC server's ident callbacks (21
-- failed on port 113), Defender for Identity's name resolution of 30 clients that authenticated (20
-- failed on each of 135 and 3389), the Windows SMB client's 445/139 race (24 failed on 139), a
-- browser's QUIC blocked by a firewall while TCP 443 to the same sites works (24 unanswered UDP
-- flows, half drawing an ICMP administratively prohibited) -- are no scans, even at thresholds of 2
pcaphunt.use(assert(pcaphunt.open(D .. "scan-answers.pcap")))
T.eq("scan-answers: port-scan quiet at min_ports=2, min_hosts=2", #hunt("port-scan", {min_ports = 2, min_hosts = 2}), 0)
-- what the engine tells the hunt: f.callback on the failed callbacks (not on the SMB race's 139),
-- f.tcp_beside on the UDP flows whose source reached the same address and port over TCP at once
local seen = {}
hunt{name = "scan-answers-flows", severity = "info",
  connection_failed = function(f, h)
    local k = "failed " .. f.dport .. (f.callback and " callback" or "") .. (f.tcp_beside and " beside" or "")
    seen[k] = (seen[k] or 0) + 1
  end,
  flow_end_want = {proto = "udp", unanswered = true},
  flow_end = function(f, h)
    local k = "udp " .. f.dport .. (f.callback and " callback" or "") .. (f.tcp_beside and " beside" or "")
    seen[k] = (seen[k] or 0) + 1
  end}
hunt("scan-answers-flows")
local got = {}
for k, n in pairs(seen) do got[#got + 1] = k .. "=" .. n end
table.sort(got)
T.eq("scan-answers: flow views' callback and tcp_beside", table.concat(got, ", "),
  "failed 113 callback=21, failed 135 callback=20, failed 139=24, failed 3389 callback=20, udp 443 beside=24")
-- rst-normal: RSTs after a route change of a hop, a TCP traceroute's kernel RSTs, a load balancer's
-- idle-timeout reset: rst-origin and fixed-ttl say nothing above info, and name the idle-timeout reset
local function sev_msgs(file, name)
  pcaphunt.use(assert(pcaphunt.open(D .. file)))
  local out = {}
  for _, g in ipairs(hunt(name)) do out[#out + 1] = g.severity .. " " .. g.key .. ": " .. g.msg end
  table.sort(out)
  return table.concat(out, "\n")
end
-- capture-cut.pcap (above): handshakes under way at the capture's end are undecided (syn-flood, port-scan quiet);
-- syn-flood.pcap's flood that runs to the end is still found (test_hunts_attacks: both floods)
T.eq("rst-normal: rst-origin: only the load balancer's idle-timeout reset, at info", sev_msgs("rst-normal.pcap", "rst-origin"),
  "info idle timeout 10.7.0.16 > 198.51.100.40: RST 10.7.0.16 > 198.51.100.40 from a device on the path after the " ..
  "connection was idle (the other half of its reset): an idle-timeout reset (load balancer, firewall, NAT) in 10.7.0.16's " ..
  "name: TTL 250, earlier 64\n" ..
  "info idle timeout 198.51.100.40 > 10.7.0.16: RST 198.51.100.40 > 10.7.0.16 from a device on the path after the " ..
  "connection was idle 300 s: an idle-timeout reset (load balancer, firewall, NAT) in 198.51.100.40's name: TTL 250, earlier 52")
T.eq("rst-normal: fixed-ttl: only the load balancer's idle-timeout reset, at info", sev_msgs("rst-normal.pcap", "fixed-ttl"),
  "info flow 10.7.0.16 44000 > 198.51.100.40 443: TTL 250 differs from this flow direction's 64 (10.7.0.16 > " ..
  "198.51.100.40) on a RST after the connection was idle (the other half of its reset): a device's idle-timeout reset " ..
  "(load balancer, firewall, NAT)\n" ..
  "info flow 198.51.100.40 443 > 10.7.0.16 44000: TTL 250 differs from this flow direction's 52 (198.51.100.40 > " ..
  "10.7.0.16) on a RST after the connection was idle 300 s: a device's idle-timeout reset (load balancer, firewall, NAT)")
print("done")

-- rst-injection: a NAT's reset of a connection idle past its mapping's timeout, its client going on 30 s
-- later, is a device's idle-timeout reset (info); a SPAN port's copy of the ACK sent just before a RST,
-- landing after it (IPv4 and IPv6), is no segment sent after the RST: quiet
pcaphunt.use(assert(pcaphunt.open(D .. "rst-idle-copies.pcap")))
local inj = hunt("rst-injection")
T.eq("rst-idle-copies: rst-injection: the NAT's idle-timeout reset only", #inj, 1)
T.eq("rst-idle-copies: info", inj[1].severity, "info")
T.eq("rst-idle-copies: key", inj[1].key, "idle timeout 192.0.2.1 > 198.18.0.10")
T.eq("rst-idle-copies: msg", inj[1].msg, "RST 192.0.2.1:40000 > 198.18.0.10:443 after 192.0.2.1 had sent nothing for " ..
  "400 s, then 192.0.2.1 sent 1 more segment on the connection: an idle-timeout reset (NAT, firewall, load balancer) in " ..
  "192.0.2.1's name, not its own; 198.18.0.10 answered with 1 RST of its own: it acted on the device's RST (the " ..
  "connection was killed)")
T.eq("rst-idle-copies: idle_timeout=500 makes it an injection again", (hunt("rst-injection", {idle_timeout = 500})[1] or {}).severity,
  "high")
T.eq("rst-idle-copies: copy_window=0 counts the copies as going on", #hunt("rst-injection", {copy_window = 0}), 3)
-- rst-injection at two capture points (a router's two interfaces merged, tcpdump -i any on a k8s node):
-- the copies, one or two hops on, of what a client (IPv4, IPv6), a server (three segments) and a pod sent
-- just before their RSTs land after them: no segment at all after the RSTs
pcaphunt.use(assert(pcaphunt.open(D .. "rst-two-hops.pcap")))
T.eq("rst-two-hops: rst-injection says nothing, not even info", #hunt("rst-injection"), 0)
T.eq("rst-two-hops: copy_hops=0 counts the copies a hop on as going on (the pod's same-TTL copy is still one)",
  #hunt("rst-injection", {copy_hops = 0}), 4)
-- rst-injection's FINs: what stacks send after a FIN (a half-close with the peer sending on, a segment
-- sent before the FIN captured after it and sent again, the FIN sent again with data, Linux's and Windows'
-- keep-alives, a simultaneous close, a RST after a FIN, TCP Fast Open, a capture begun mid-connection
-- ending in FINs and a new connection on the same ports whose numbers are past the old FINs') is no data
-- past the FIN: nothing, not even info
pcaphunt.use(assert(pcaphunt.open(D .. "fin-normal.pcap")))
T.eq("fin-normal: rst-injection says nothing, not even info", #hunt("rst-injection"), 0)
-- trial real19 FP-1: a closed connection's late segments (reordered past both FINs), the closed server's RST
-- at its FIN's number + 1, the client's RSTs to the rest: no injection, not even info
pcaphunt.use(assert(pcaphunt.open(D .. "late-close.pcap")))
T.eq("late-close: rst-injection says nothing, not even info", #hunt("rst-injection"), 0)
-- the same over IPv6, where no IP ID tells a late segment: the RST at the FIN's number + 1 after FINs both ways
-- is a closed stack's answer (closed_answer alone; without it, high)
pcaphunt.use(assert(pcaphunt.open(D .. "late-close6.pcap")))
T.eq("late-close6: rst-injection says nothing over IPv6 either", #hunt("rst-injection"), 0)
-- trial real19 FP-2: an aborting server's data delayed past its RST (bytes before the RST's number, IDs before the
-- server's latest ID before it) is no injection; the same when the server's kernel's RST (ID 0) overtook the
-- server's own is still taken for one (a limit: only the server's IDs could tell, and they come after its latest)
pcaphunt.use(assert(pcaphunt.open(D .. "late-abort.pcap")))
local function sk(groups) local o = {} for _, g in ipairs(groups) do o[#o + 1] = g.severity .. " " .. g.key end
  table.sort(o) return table.concat(o, ",") end
T.eq("late-abort: rst-injection: only the overtaken abort (a limit)", sk(hunt("rst-injection")),
  "high rst 198.51.100.112 80 > 10.6.7.22 45002")
local nfin = 0
hunt{name = "fin-normal-events", severity = "info", data_after_fin = function() nfin = nfin + 1 end}
hunt("fin-normal-events")
T.eq("fin-normal: no data_after_fin event", nfin, 0)
-- unsolicited-rst on a one-way tap of a server: its SYN-ACKs are followed by its ACKs and data (12 clients)
pcaphunt.use(assert(pcaphunt.open(D .. "oneway-server.pcap")))
T.eq("oneway-server: unsolicited-rst says nothing", #hunt("unsolicited-rst"), 0)
-- icmp-backscatter: path-MTU discovery (ICMP fragmentation needed, ICMPv6 Packet Too Big) to 12 tunnel
-- nodes, quoting outer packets whose flows the table does not track
pcaphunt.use(assert(pcaphunt.open(D .. "ipip-pmtud.pcap")))
T.eq("ipip-pmtud: icmp-backscatter says nothing", #hunt("icmp-backscatter"), 0)
-- icmp-backscatter: route errors about real clients' packets (icmp-route-normal.pcap: a gateway without a route,
-- traceroutes, a routing loop; on a one-way link, traceroutes' time exceededs from two hops, and a router's about
-- packets to many targets) and quotes the snap length cut before their ports (icmp-route-snap.pcap): nothing
for _, f in ipairs({"icmp-route-normal.pcap", "icmp-route-snap.pcap"}) do
  pcaphunt.use(assert(pcaphunt.open(D .. f)))
  T.eq(f .. ": icmp-backscatter says nothing", #hunt("icmp-backscatter"), 0)
end
-- backdoor-ports: SQL Server named instances on ports SQL Browser named (the client that asked, another
-- within 600 s, one asking by broadcast, a connection going on past 600 s): nothing
pcaphunt.use(assert(pcaphunt.open(D .. "ssrp-instance.pcap")))
T.eq("ssrp-instance: backdoor-ports says nothing", #hunt("backdoor-ports"), 0)
-- backdoor-ports (trial fp5, FP-5): SQL Browser answering from another address of the server asked, at once
-- (a failover cluster's active node for the cluster's address, 10 clients; a multi-homed server's other
-- interface), the clients connecting to the address they asked; another client after them without asking:
-- nothing
pcaphunt.use(assert(pcaphunt.open(D .. "ssrp-cluster.pcap")))
T.eq("ssrp-cluster: backdoor-ports says nothing", #hunt("backdoor-ports"), 0)
-- backdoor-ports (trial fp6, FP-8): media of SIP calls whose signalling is not on 5060: FreeSWITCH's external
-- profile over TCP from an ephemeral port (two messages in one segment) and over UDP 5080 to 5080, FreePBX's
-- chan_sip on 5160, a Mediation Server's 5068 over TCP: nothing
pcaphunt.use(assert(pcaphunt.open(D .. "sip-ports.pcap")))
T.eq("sip-ports: backdoor-ports says nothing", #hunt("backdoor-ports"), 0)
-- backdoor-ports (trial fp6, FP-9): Windows RPC servers on ports of the table the endpoint mapper named (NDR, NDR64,
-- two answers in one segment, a connection 100 s after the answer going on 300 s later): nothing
pcaphunt.use(assert(pcaphunt.open(D .. "epm-dynamic.pcap")))
T.eq("epm-dynamic: backdoor-ports says nothing", #hunt("backdoor-ports"), 0)
-- backdoor-ports (trial fp6, FP-4): a Selenium Grid hub on 4444 and H2O-3 on 54321 answering their APIs in JSON (a body
-- in the next segment, headers a segment cut, a WebSocket upgrade and its frames, a SYN-ACK sent twice, a new session
-- answered 45 s after its request): nothing
pcaphunt.use(assert(pcaphunt.open(D .. "web-products.pcap")))
T.eq("web-products: backdoor-ports says nothing", #hunt("backdoor-ports"), 0)
