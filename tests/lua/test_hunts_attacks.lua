-- Issue 10: the attack hunts (port-scan, syn-flood, tcp-flags, spoofed-source's LAND over IPv6) find
-- their generated attack captures at medium or above, each finding once, and leave busy normal
-- hosts (many completed connections) quiet.
local T = dofile("tests/lua/lib.lua")
local D = "tests/data/"
local rank = {info = 0, low = 1, medium = 2, high = 3}
local function run(file, name, opts)
  pcaphunt.use(assert(pcaphunt.open(D .. file)))
  return hunt(name, opts)
end
local function keys(groups)
  local out = {}
  for _, g in ipairs(groups) do
    T.ok(g.key .. " at medium or above", rank[g.severity] >= 2, g.severity)
    out[#out + 1] = g.key
  end
  table.sort(out)
  return table.concat(out, ",")
end
local function find(groups, key)
  for _, g in ipairs(groups) do if g.key == key then return g end end
end

-- port-scan: a vertical SYN scan, a horizontal sweep, NULL/FIN/Xmas probes
local g = run("port-scan.pcap", "port-scan")
T.eq("port-scan: three scanners", keys(g), "10.0.0.66 vertical,10.0.0.67 horizontal,10.0.0.68 stealth")
T.eq("port-scan: every vertical probe cited", find(g, "10.0.0.66 vertical").count, 30)
T.eq("port-scan: every horizontal probe cited", find(g, "10.0.0.67 horizontal").count, 25)
T.eq("port-scan: every stealth probe cited", find(g, "10.0.0.68 stealth").count, 15)
T.ok("port-scan: says which kinds", find(g, "10.0.0.68 stealth").msg:find("(NULL 5, FIN 5, Xmas 5, other 0)", 1, true))
T.eq("port-scan: min_ports above the scan's breadth quiets the vertical one",
  #run("port-scan.pcap", "port-scan", {min_ports = 31, min_hosts = 26, min_probes = 16, slow_min_ports = 31}), 0)
T.eq("port-scan: a 1 s window is too short for 30 ports in 6 s", #run("port-scan.pcap", "port-scan",
  {window = 1, min_hosts = 26, min_probes = 16, slow_min_ports = 31}), 0)
T.eq("port-scan: ... and the whole capture's 30 ports are a slow scan", keys(run("port-scan.pcap", "port-scan",
  {window = 1, min_hosts = 26, min_probes = 16})), "10.0.0.66 slow vertical")
T.eq("port-scan: other hunts do not repeat the stealth probes", #run("port-scan.pcap", "tcp-flags"), 0)

-- syn-flood: spoofed sources to one service; one source alone to another
g = run("syn-flood.pcap", "syn-flood")
T.eq("syn-flood: both floods", keys(g), "10.0.0.10 443,10.0.0.9 80")
T.eq("syn-flood: the spoofed one's SYNs cited", find(g, "10.0.0.9 80").count, 150)
T.ok("syn-flood: spoofed sources named", find(g, "10.0.0.9 80").msg:find("150 distinct sources", 1, true))
T.ok("syn-flood: single source named", find(g, "10.0.0.10 443").msg:find("from one source, 10.0.0.70", 1, true))
T.eq("syn-flood: min_syns above the flood's quiets it", #run("syn-flood.pcap", "syn-flood", {min_syns = 151}), 0)
T.eq("syn-flood: not a port scan", #run("syn-flood.pcap", "port-scan"), 0)
-- syn-flood (trial fp6 FP-10): SYNs refused by the server's own RSTs are said as refused, and sources that sent
-- other packets in the capture too (their connections before and after a restart) are not called spoofed: a
-- service restart (clients refused for 6 s, each trying again 1-2 s later) and a spoofed flood at a closed
-- port (150 sources sending nothing else), both still found
g = run("syn-refused.pcap", "syn-flood")
T.eq("syn-refused: both found", keys(g), "10.0.0.99 8443,203.0.113.80 443")
T.eq("syn-refused: the restart, said as what it shows", find(g, "203.0.113.80 443").msg, "203.0.113.80 port 443 " ..
  "received 262 SYNs within 10 s (26/s) that never became connections (each refused by a RST from 203.0.113.80), " ..
  "from 150 distinct sources, most sending one connection, 38 of which sent other packets in the capture too " ..
  "(hosts that are there, not made-up addresses); 262 incomplete connections in all, 262 SYNs, 0 answered with a " ..
  "SYN-ACK, 262 refused with a RST. Refused SYNs fill no backlog: the port was closed, as while a service is down " ..
  "or restarting and its clients retry, or under a flood aimed at a closed port (threshold 100 SYNs in 10 s); check " ..
  "whether the service on 203.0.113.80 was down then and whether these sources connected before or after")
T.eq("syn-refused: the restart's why", find(g, "203.0.113.80 443").why, "many SYNs to one service that never became " ..
  "connections: the server refused each with a RST, as a closed port does (a service down or restarting while its " ..
  "clients retry, or a flood)")
T.eq("syn-refused: the closed port's spoofed flood", find(g, "10.0.0.99 8443").msg, "10.0.0.99 port 8443 received " ..
  "150 SYNs within 10 s (15/s) that never became connections (each refused by a RST from 10.0.0.99), from 150 " ..
  "distinct sources, most sending one connection (spoofed addresses, or clients that sent nothing else); 150 " ..
  "incomplete connections in all, 150 SYNs, 0 answered with a SYN-ACK, 150 refused with a RST. Refused SYNs fill no " ..
  "backlog: the port was closed, as while a service is down or restarting and its clients retry, or under a flood " ..
  "aimed at a closed port (threshold 100 SYNs in 10 s); check whether the service on 10.0.0.99 was down then and " ..
  "whether these sources connected before or after")
T.eq("syn-flood: a flood answered by SYN-ACKs is still said as spoofed", find(run("syn-flood.pcap", "syn-flood"),
  "10.0.0.9 80").msg, "10.0.0.9 port 80 received 150 SYNs within 10 s (15/s) that never became connections (no ACK " ..
  "after the SYN-ACK, no data), from 150 distinct sources, most sending one connection: spoofed addresses; 150 " ..
  "incomplete connections in all, 150 SYNs, 150 answered with a SYN-ACK. A SYN flood (threshold 100 SYNs in 10 s) " ..
  "fills the server's backlog; check whether real clients' connections to 10.0.0.9 failed meanwhile and whether it " ..
  "uses SYN cookies")
-- each SYN counts at its own time, retransmissions included: 30 connections resending their SYNs every
-- 11 s make at most 30 in 10 s (quiet: test_hunts_normal), a flood resending every 0.5 s on 20 port
-- pairs 401 of its 800
g = run("syn-retry.pcap", "syn-flood", {min_syns = 30})
T.ok("syn-retry: 30 SYNs in the busiest 10 s, not the 300 of all retries", #g == 1 and
  g[1].msg:find("192.168.0.1 port 80 received 30 SYNs within 10 s (3/s)", 1, true), g[1] and g[1].msg)
T.eq("syn-retry: min_syns=31 quiets it", #run("syn-retry.pcap", "syn-flood", {min_syns = 31}), 0)
g = run("syn-retry-flood.pcap", "syn-flood")
T.eq("syn-retry-flood: the flood on fixed port pairs", keys(g), "10.0.0.11 8080")
T.ok("syn-retry-flood: its SYNs counted at their times", g[1].msg:find("10.0.0.11 port 8080 received 401 SYNs within " ..
  "10 s (40/s) that never became connections (no ACK after the SYN-ACK, no data), from one source, 10.0.0.77; 20 " ..
  "incomplete connections in all, 800 SYNs, 0 answered with a SYN-ACK", 1, true), g[1].msg)
T.eq("syn-retry-flood: every connection cited", g[1].count, 20)

-- tcp-flags: NULL, FIN and Xmas inside a connection; SYN+FIN, SYN+RST
g = run("tcp-flags.pcap", "tcp-flags")
T.eq("tcp-flags: each combination", keys(g), "10.0.0.71 FIN without ACK,10.0.0.71 FIN+PSH+URG (Xmas) without ACK," ..
  "10.0.0.71 no flags (NULL),10.0.0.72 SYN+FIN,10.0.0.72 SYN+RST")
T.eq("tcp-flags: not a port scan", #run("tcp-flags.pcap", "port-scan"), 0)

-- LAND over IPv6 (IPv4's is in spoofed-sources.pcap)
g = run("land6.pcap", "spoofed-source")
T.eq("land6: spoofed-source finds LAND over IPv6", keys(g), "LAND: source equals destination 2001:db8::9")
T.eq("land6: both packets", g[1].count, 2)
-- spoofed-source (trial fp6 FP-1): BFD's echo packets (UDP 3785 to 3785 from a router's own address to itself,
-- TTL 255 out and 254 looped back, 24 bytes; over IPv4 and IPv6) are no LAND: bfd-echo.pcap quiet, info
-- included; LAND packets of any other shape are found, high: UDP 3785 at TTL 64, at 253, or carrying 1400
-- bytes, a TCP SYN 3785 to 3785 at TTL 255, UDP 139 to 139 at TTL 255
T.eq("bfd-echo: spoofed-source quiet", #run("bfd-echo.pcap", "spoofed-source"), 0)
g = run("bfd-land.pcap", "spoofed-source")
T.eq("bfd-land: every other shape found", keys(g), "LAND: source equals destination 10.66.0.1," ..
  "LAND: source equals destination 10.66.0.2,LAND: source equals destination 10.66.0.3," ..
  "LAND: source equals destination 10.66.0.4,LAND: source equals destination 10.66.0.6")
T.eq("bfd-land: high, as LAND", g[1].severity .. " " .. g[#g].severity, "high high")
T.eq("bfd-land: TCP on BFD's echo port", find(g, "LAND: source equals destination 10.66.0.3").msg,
  "LAND: source equals destination: 10.66.0.3 > 10.66.0.3 (tcp)")
T.eq("bfd-land: UDP 3785 with 1400 bytes", find(g, "LAND: source equals destination 10.66.0.2").msg,
  "LAND: source equals destination: 10.66.0.2 > 10.66.0.2 (udp)")

-- icmp-backscatter: port unreachables for queries never seen, to 12 spoofed addresses
g = run("icmp-backscatter.pcap", "icmp-backscatter")
T.eq("icmp-backscatter: the reflector", keys(g), "198.51.100.1")
T.eq("icmp-backscatter: every unreachable cited", g[1].count, 12)
T.eq("icmp-backscatter: min_destinations=13 quiets it", #run("icmp-backscatter.pcap", "icmp-backscatter", {min_destinations = 13}), 0)
T.eq("icmp-backscatter: a traceroute's answers quote packets seen", #run("normal-ttl.pcap", "icmp-backscatter", {min_destinations = 1}), 0)

-- port-scan over UDP: a vertical scan drawing ICMP port unreachables, an SNMP sweep, an IPv6 scan
-- drawing ICMPv6 port unreachables; each probe that got no UDP answer cited, with its unreachable
g = run("udp-scan.pcap", "port-scan")
T.eq("udp-scan: three scanners", keys(g), "10.0.0.80 udp vertical,10.0.0.81 udp horizontal,2001:db8::80 udp vertical")
local v = find(g, "10.0.0.80 udp vertical")
T.eq("udp-scan: every unanswered probe (not the echo port's) cited", v.count, 29)
T.eq("udp-scan: the probes and their 27 unreachables", v.frame_count, 56)
T.eq("udp-scan: the first probe and its unreachable", table.concat(v.frames, " ", 1, 4), "1 2 3 4")
T.ok("udp-scan: says what answered", v.msg:find("29 probes to 29 ports in all, 27 of them answered by an ICMP port " ..
  "unreachable (closed), 1 UDP flow to 10.0.0.9 answered (open). A vertical UDP port scan (threshold 20 ports)", 1, true), v.msg)
T.ok("udp-scan: why and check", v.why:find("no UDP answer", 1, true) and v.check:find("authorised scanner", 1, true))
local hz = find(g, "10.0.0.81 udp horizontal")
T.eq("udp-scan: the SNMP sweep's unanswered probes", hz.count, 23)
T.ok("udp-scan: the sweep's message", hz.msg:find("to port 161 on 23 hosts within 60 s that got no UDP answer", 1, true), hz.msg)
T.ok("udp-scan: the sweep's open hosts", hz.msg:find("2 hosts answered (open)", 1, true), hz.msg)
local v6 = find(g, "2001:db8::80 udp vertical")
T.eq("udp-scan: IPv6 probes and ICMPv6 port unreachables", v6.count .. " " .. v6.frame_count, "25 50")
T.eq("udp-scan: the example is the first probe", v6.example, "88 1101400020.000000 [2001:db8::80]:46000 > [2001:db8::9]:100 UDP hlim 58")
T.eq("udp-scan: min_ports=30, min_hosts=24 quiet it", #run("udp-scan.pcap", "port-scan", {min_ports = 30, min_hosts = 24}), 0)
T.eq("udp-scan: a probe sent twice is a stream with udp_max_packets=1", find(run("udp-scan.pcap", "port-scan",
  {udp_max_packets = 1}), "10.0.0.80 udp vertical").count, 27)
T.eq("udp-scan: a 1 s window is too short", #run("udp-scan.pcap", "port-scan", {window = 1}), 0)
T.eq("udp-scan: icmp-backscatter leaves answers to probes seen alone", #run("udp-scan.pcap", "icmp-backscatter"), 0)
-- the UDP that looks like it: even at thresholds of 2, each rule keeps it quiet (a resolver's servers
-- answered more than not, a traceroute, multicast and broadcast, DNS answers whose queries came
-- before the capture, one-way RTP); one-way RTP is a scan only when streams count as probes
T.eq("udp-normal: quiet at min_ports=2, min_hosts=2",
  #run("udp-normal.pcap", "port-scan", {min_ports = 2, min_hosts = 2}), 0)
T.eq("udp-normal: one-way RTP counted when udp_max_packets=100", keys(run("udp-normal.pcap", "port-scan",
  {min_ports = 2, min_hosts = 2, udp_max_packets = 100})), "10.0.0.5 udp vertical")
T.eq("udp-normal: the resolver's dead servers are 8 of 40", #run("udp-normal.pcap", "port-scan", {min_hosts = 8}), 0)
-- probes of a path are not port probes: tracepath (ports 44444.., TTL rising, two silent hops),
-- tracepath to a firewalled host (only 5 hops answer: the rising TTLs tell), probes in a shuffled TTL
-- order each answered by a time exceeded; nmap's random TTLs (37..59) do not hide its scan
g = run("udp-paths.pcap", "port-scan")
T.eq("udp-paths: only the scan", keys(g), "10.0.0.90 udp vertical")
T.eq("udp-paths: every probe of the scan and its unreachable", g[1].count .. " " .. g[1].frame_count, "25 50")
T.ok("udp-paths: the scan's message", g[1].msg:find("10.0.0.90 sent UDP datagrams to 25 ports of 10.0.0.9 within 60 s " ..
  "that got no UDP answer: 25 probes to 25 ports in all, 25 of them answered by an ICMP port unreachable", 1, true), g[1].msg)
T.eq("udp-paths: the path probes stay quiet at min_ports=2, min_hosts=2",
  keys(run("udp-paths.pcap", "port-scan", {min_ports = 2, min_hosts = 2})), "10.0.0.90 udp vertical")

-- dns-tunnel judges the part of a name that varies: Kubernetes ELB names (a 32-hex-digit identifier:
-- 128 bits), ALB and S3 names (words joined by hyphens), Spamhaus DQS lookups (the long account key
-- repeats; only the reversed IP varies) and SPF TXT checks of SES hosts (one shape) stay quiet; a
-- tunnel of 60-hex-digit labels under a repeated key label, and TXT polls of random base32, are found
g = run("dns-busy.pcap", "dns-tunnel")
T.eq("dns-busy: only the two tunnels", keys(g), "10.0.0.70 tun-example.com,10.0.0.71 c2-example.com")
T.eq("dns-busy: the data tunnel's message", find(g, "10.0.0.70 tun-example.com").msg,
  "DNS tunnelling? 10.0.0.70 queries under tun-example.com: 30 distinct names carrying encoded data")
T.eq("dns-busy: the TXT poller's message", find(g, "10.0.0.71 c2-example.com").msg,
  "DNS tunnelling? 10.0.0.71 queries under c2-example.com: 30 distinct names of distinct shapes asked for TXT")
T.eq("dns-busy: from the 30th name on", find(g, "10.0.0.70 tun-example.com").count, 11)
T.eq("dns-busy: the ELB identifiers count when id_bits is below their 128 bits",
  keys(run("dns-busy.pcap", "dns-tunnel", {id_bits = 127})), "10.0.0.53 amazonaws.com,10.0.0.70 tun-example.com,10.0.0.71 c2-example.com")
T.eq("dns-busy: the SES hosts' shapes are few", #run("dns-busy.pcap", "dns-tunnel", {min_names = 12}), 2)
-- dns-tunnel: a mail filter's Spamhaus HBL lookups (a SHA-1 digest in base32 a name, under a
-- hash-lookup service's domain) and DMARC report destination checks (ordinary domains below
-- _report._dmarc, asked for TXT) are quiet; the same digest names under another domain, and TXT
-- polls of random base32 dressed as DMARC checks, are found
g = run("dns-mail.pcap", "dns-tunnel")
T.eq("dns-mail: only the two tunnels", keys(g), "10.0.0.72 mx-filter-example.net,10.0.0.73 c2-example.org")
T.eq("dns-mail: digests under a domain of no hash-lookup service", find(g, "10.0.0.72 mx-filter-example.net").msg,
  "DNS tunnelling? 10.0.0.72 queries under mx-filter-example.net: 30 distinct names carrying encoded data")
T.eq("dns-mail: from the 30th digest name on", find(g, "10.0.0.72 mx-filter-example.net").count, 11)
T.eq("dns-mail: polls below _report._dmarc", find(g, "10.0.0.73 c2-example.org").msg,
  "DNS tunnelling? 10.0.0.73 queries under c2-example.org: 30 distinct names of distinct shapes asked for TXT")
T.eq("dns-mail: the polls from the 30th shape on", find(g, "10.0.0.73 c2-example.org").count, 48)
T.eq("dns-mail: the DMARC checks' shapes are few", keys(run("dns-mail.pcap", "dns-tunnel", {min_names = 12})),
  "10.0.0.72 mx-filter-example.net,10.0.0.73 c2-example.org")
-- dns-tunnel: rspamd's default RBLs (blake2 digests in z-base-32, 32 characters, under email.rspamd.com
-- and uribl.rspamd.com; SHA-1 hex under ebl.msbl.org) and a resolver following Amazon SES DKIM CNAMEs
-- (`<32-character token>.dkim.amazonses.com`, TXT) are quiet; 60-character labels under rspamd.com and
-- 40-character tokens under dkim.amazonses.com (no digest, no DKIM token) are found
g = run("dns-mx.pcap", "dns-tunnel")
T.eq("dns-mx: only the two dressed-up tunnels", keys(g), "10.0.0.74 rspamd.com,10.0.0.75 amazonses.com")
T.eq("dns-mx: long labels under a hash-lookup zone", find(g, "10.0.0.74 rspamd.com").msg,
  "DNS tunnelling? 10.0.0.74 queries under rspamd.com: 30 distinct names carrying encoded data")
T.eq("dns-mx: tokens longer than SES's", find(g, "10.0.0.75 amazonses.com").msg,
  "DNS tunnelling? 10.0.0.75 queries under amazonses.com: 30 distinct names carrying encoded data")
T.eq("dns-mx: from the 30th name on", find(g, "10.0.0.74 rspamd.com").count .. " " .. find(g, "10.0.0.75 amazonses.com").count, "11 11")
-- dns-tunnel (trial fp6 FP-2): Sophos Live Protection's SXL lookups (184 characters of hex written with n-s
-- for a-f, in four labels, under i.01.mac.sophosxl.net; the sfi_unknown names), from a Mac and from the
-- resolver that forwards them, are quiet; 60-character base32 labels under sophosxl.net (not Sophos'
-- alphabet) and the SXL shape under another domain are found
g = run("dns-sophos.pcap", "dns-tunnel")
T.eq("dns-sophos: only the two dressed-up tunnels", keys(g), "10.10.4.90 sophosxl.net,10.10.4.91 sophos-lookup.example")
T.eq("dns-sophos: base32 under sophosxl.net", find(g, "10.10.4.90 sophosxl.net").msg,
  "DNS tunnelling? 10.10.4.90 queries under sophosxl.net: 30 distinct names carrying encoded data")
T.eq("dns-sophos: Sophos' shape under another domain", find(g, "10.10.4.91 sophos-lookup.example").msg,
  "DNS tunnelling? 10.10.4.91 queries under sophos-lookup.example: 30 distinct names carrying encoded data")
T.eq("dns-sophos: from the 30th name on", find(g, "10.10.4.90 sophosxl.net").count .. " " ..
  find(g, "10.10.4.91 sophos-lookup.example").count, "11 11")

-- dns-tunnel (trial fp4): TXT names that carry an address (Proofpoint's hosted SPF macro
-- `%{ir}.%{v}.%{d}.spf.has.pphosted.com`, a blocklist's reason text under bl.spamcop.net), name a host
-- below `_acme-challenge` (an ACME client's DNS-01 checks for 60 customers) or are DKIM keys (40
-- Microsoft 365 tenants' `selector1-<domain>._domainkey.<tenant>.onmicrosoft.com`) are quiet; random
-- base32 polls behind an address, `_acme-challenge` or as a DKIM selector are found (from a later poll:
-- letter runs collapse there)
g = run("dns-names.pcap", "dns-tunnel")
T.eq("dns-names: only the three dressed-up pollers", keys(g),
  "10.0.0.76 c2-example.org,10.0.0.77 c2-example.net,10.0.0.78 c2-example.info")
T.eq("dns-names: polls as DKIM selectors", find(g, "10.0.0.78 c2-example.info").msg,
  "DNS tunnelling? 10.0.0.78 queries under c2-example.info: 30 distinct names of distinct shapes asked for TXT")
T.eq("dns-names: polls behind an address", find(g, "10.0.0.76 c2-example.org").msg,
  "DNS tunnelling? 10.0.0.76 queries under c2-example.org: 30 distinct names of distinct shapes asked for TXT")
T.eq("dns-names: polls behind _acme-challenge", find(g, "10.0.0.77 c2-example.net").msg,
  "DNS tunnelling? 10.0.0.77 queries under c2-example.net: 30 distinct names of distinct shapes asked for TXT")
T.eq("dns-names: from the 30th shape on", find(g, "10.0.0.76 c2-example.org").count .. " " .. find(g, "10.0.0.77 c2-example.net").count
  .. " " .. find(g, "10.0.0.78 c2-example.info").count, "56 59 59")
-- dns-tunnel (trial fp4 h05b): ACME DNS-01 checks of hosts named by random ids (cert-manager asking each
-- `_acme-challenge.t<10 hex>` of two servers, three rounds; lego asking its resolver and two servers at
-- once) are quiet: each name is asked again within 60 s.  Random hex or base32 labels under
-- `_acme-challenge`, each name asked once (10.0.0.80's frames captured twice, same query ID), are found
g = run("acme-tunnel.pcap", "dns-tunnel")
T.eq("acme-tunnel: only the names asked once", keys(g), "10.0.0.79 c2-example.com,10.0.0.80 c2-example.biz")
T.eq("acme-tunnel: high", find(g, "10.0.0.79 c2-example.com").severity .. " " .. find(g, "10.0.0.80 c2-example.biz").severity, "high high")
T.eq("acme-tunnel: hex labels under _acme-challenge", find(g, "10.0.0.79 c2-example.com").msg,
  "DNS tunnelling? 10.0.0.79 queries under c2-example.com: 30 distinct names of distinct shapes asked for TXT")
T.eq("acme-tunnel: base32 labels, every frame twice", find(g, "10.0.0.80 c2-example.biz").msg,
  "DNS tunnelling? 10.0.0.80 queries under c2-example.biz: 30 distinct names of distinct shapes asked for TXT")
-- dns-tunnel (trial fp5, FP-4): ACME checks asked once, their record there at once, answered by one or two
-- 43-character base64url strings (cert-manager renewing 40 tenants 20 s apart through one resolver; lego with
-- a challenge delegated by CNAME, names in 0x20 mixed case) are quiet (acme-once.pcap, test_hunts_normal.lua).
-- Found, each name asked once: the same at one name every 2 s (the first 6 of a minute excused), answers of
-- 120 base64 characters, 180 bits of labels under `_acme-challenge`, 150 names (the first 100 excused),
-- answers from a server that was not asked, and a label before `_acme-challenge` (no ACME name)
g = run("acme-once-tunnel.pcap", "dns-tunnel")
T.eq("acme-once-tunnel: only the dressed-up pollers", keys(g), "10.0.0.81 c2-example.com,10.0.0.82 c2-example.net," ..
  "10.0.0.83 c2-example.org,10.0.0.84 c2-example.biz,10.0.0.85 c2-example.info,10.0.0.86 c2-example.dev")
T.eq("acme-once-tunnel: a check's answers too fast", find(g, "10.0.0.81 c2-example.com").msg,
  "DNS tunnelling? 10.0.0.81 queries under c2-example.com: 30 distinct names of distinct shapes asked for TXT")
T.eq("acme-once-tunnel: findings from the 30th shape on", find(g, "10.0.0.81 c2-example.com").count
  .. " " .. find(g, "10.0.0.82 c2-example.net").count .. " " .. find(g, "10.0.0.83 c2-example.org").count .. " " ..
  find(g, "10.0.0.84 c2-example.biz").count .. " " .. find(g, "10.0.0.85 c2-example.info").count .. " " ..
  find(g, "10.0.0.86 c2-example.dev").count, "19 10 10 19 11 8")
T.eq("acme-once-tunnel: first frames", find(g, "10.0.0.81 c2-example.com").first_frame .. " " ..
  find(g, "10.0.0.82 c2-example.net").first_frame .. " " .. find(g, "10.0.0.83 c2-example.org").first_frame .. " " ..
  find(g, "10.0.0.84 c2-example.biz").first_frame .. " " .. find(g, "10.0.0.85 c2-example.info").first_frame .. " " ..
  find(g, "10.0.0.86 c2-example.dev").first_frame, "223 563 565 863 557 595")
-- backdoor-ports (trial fp4): RTP and RTCP of SIP calls on PBX ports their SDP named (12345, 20034) are
-- quiet, to the phone and to the carrier's media server; the PBX's 12345 answering a host that is no
-- party of the call, and 31337 named by an offer that got no answer with SDP, are found
g = run("sip-media.pcap", "backdoor-ports")
T.eq("sip-media: only the answers outside a negotiated call", keys(g), "10.0.0.30 10.0.0.31 31337,10.0.0.5 10.0.0.66 12345")
T.eq("sip-media: the stray answer", find(g, "10.0.0.5 10.0.0.66 12345").msg, "port 12345 (NetBus) between 10.0.0.5 and 10.0.0.66")

-- backdoor-ports (trial fp6, FP-8): SIP is read on the ports SIP servers use by default (5060, 5068, 5080, 5160),
-- over UDP or TCP, each message of a segment by its Content-Length (sip-ports.pcap: quiet); found: SIP on 5099,
-- which is not read; an offer over TCP to 5080 answered without SDP; a "200 OK" that is the body of a "100 Trying"
g = run("sip-ports-backdoor.pcap", "backdoor-ports")
T.eq("sip-ports-backdoor: every variant", keys(g), "10.0.1.10 10.0.1.20 20034,10.0.2.10 10.0.2.20 27374,10.0.3.10 10.0.3.20 30100")
T.eq("sip-ports-backdoor: each port's answers, from the first", find(g, "10.0.1.10 10.0.1.20 20034").count .. " " ..
  find(g, "10.0.1.10 10.0.1.20 20034").first_frame .. " " .. find(g, "10.0.2.10 10.0.2.20 27374").count .. " " ..
  find(g, "10.0.2.10 10.0.2.20 27374").first_frame .. " " .. find(g, "10.0.3.10 10.0.3.20 30100").count .. " " ..
  find(g, "10.0.3.10 10.0.3.20 30100").first_frame, "5 4 5 20 5 36")
T.eq("sip-ports-backdoor: the message", find(g, "10.0.3.10 10.0.3.20 30100").msg,
  "port 30100 (NetSphere) between 10.0.3.20 and 10.0.3.10")

-- backdoor-ports (trial fp6, FP-9): a Windows RPC server on a port the endpoint mapper (TCP 135) named to the client
-- in an ept_map answer is quiet (epm-dynamic.pcap); found: a connection without a lookup, to a port the answer did not
-- name, from another client than the one answered, after an answer whose tower's length lies, after an answer to a
-- call not asked, after opnum 3 on another interface than EPM's, 200 s after the answer
g = run("epm-backdoor.pcap", "backdoor-ports")
T.eq("epm-backdoor: every variant", keys(g), "10.1.0.10 10.1.6.20 54321,10.1.0.10 10.1.6.21 54321,10.1.0.10 10.1.6.23 54321," ..
  "10.1.0.10 10.1.6.24 54321,10.1.0.10 10.1.6.25 54321,10.1.0.10 10.1.6.26 54321,10.1.0.10 10.1.6.27 54321")
local epm_seen = {}
for _, x in ipairs(g) do epm_seen[#epm_seen + 1] = x.count .. "@" .. x.first_frame end
table.sort(epm_seen)
T.eq("epm-backdoor: each listener's SYN-ACK and answers, from the SYN-ACK", table.concat(epm_seen, " "),
  "4@122 4@146 4@2 4@26 4@50 4@74 4@98")
T.eq("epm-backdoor: the message", find(g, "10.1.0.10 10.1.6.23 54321").msg,
  "port 54321 (Back Orifice 2000) between 10.1.0.10 and 10.1.6.23")

-- backdoor-ports (trial fp4): ICE agents (a WebRTC SFU on 54320, a TURN relay on 65000) answering
-- their peers' connectivity checks, media while consent is fresh (30 s) quiet; an answer to a check
-- with a wrong FINGERPRINT, media 35 s after the last answered check, and media after a check the
-- port did not answer found
g = run("ice-media.pcap", "backdoor-ports")
T.eq("ice-media: only the three that are no ICE agent's", keys(g),
  "10.0.0.42 198.51.100.74 31337,10.0.0.43 198.51.100.75 54321,10.0.0.44 198.51.100.76 12345")
T.eq("ice-media: the forged check's answer and media", find(g, "10.0.0.42 198.51.100.74 31337").count, 2)

-- backdoor-ports (trial fp4, h12): SQL Server named instances on the TCP ports their SQL Browser (UDP 1434)
-- named are quiet (ssrp-instance.pcap); found: a listener with no Browser answer, a Browser naming another
-- port, a listener at another address than the server that answered, an answer nobody asked for, one whose
-- length lies, a connection 700 s after the answer, and a bare "tcp;54321;;" with no instance record
g = run("ssrp-backdoor.pcap", "backdoor-ports")
T.eq("ssrp-backdoor: every variant", keys(g), "10.40.0.20 10.40.1.20 54321,10.40.0.21 10.40.1.21 54321," ..
  "10.40.0.23 10.40.1.22 54321,10.40.0.24 10.40.1.24 54321,10.40.0.25 10.40.1.25 54321,10.40.0.26 10.40.1.26 54321," ..
  "10.40.0.27 10.40.1.27 54321")
T.eq("ssrp-backdoor: the listener's SYN-ACK and answers", find(g, "10.40.0.20 10.40.1.20 54321").count .. " " ..
  find(g, "10.40.0.20 10.40.1.20 54321").severity, "3 medium")
T.eq("ssrp-backdoor: the message", find(g, "10.40.0.21 10.40.1.21 54321").msg,
  "port 54321 (Back Orifice 2000) between 10.40.0.21 and 10.40.1.21")
-- backdoor-ports (trial fp5, FP-5): an answer from another address than the one asked counts for the address
-- asked only when it reaches the request's port at once (ssrp-cluster.pcap, quiet); found: such an answer 3 s
-- late, one to another port of the client, and a connection to the answering address instead of the one asked
g = run("ssrp-cluster-backdoor.pcap", "backdoor-ports")
T.eq("ssrp-cluster-backdoor: every variant (an answer from the Internet for a private server's address too)", keys(g),
  "10.41.0.30 10.41.3.2 54321,10.41.0.40 10.41.3.3 54321,10.41.0.51 10.41.3.4 54321,10.41.0.60 10.41.3.5 54321")
T.eq("ssrp-cluster-backdoor: each listener's SYN-ACK and answers", find(g, "10.41.0.30 10.41.3.2 54321").count .. " " ..
  find(g, "10.41.0.40 10.41.3.3 54321").count .. " " .. find(g, "10.41.0.51 10.41.3.4 54321").count, "3 3 3")
T.eq("ssrp-cluster-backdoor: the answering address's listener", find(g, "10.41.0.51 10.41.3.4 54321").msg,
  "port 54321 (Back Orifice 2000) between 10.41.0.51 and 10.41.3.4")

-- port-scan (trial red n11b): UDP scans sent from a service's port to ports >= 1024 (nmap -sU -g 53 / 123) are
-- no answers: empty datagrams, or DNS queries from 53; a service's answers whose requests were not seen
-- (lowport-answers.pcap: a resolver's, an NTP server's, a KDC's) stay quiet
g = run("scan-lowport.pcap", "port-scan")
T.eq("scan-lowport: the three scans", keys(g), "10.0.0.90 udp vertical,10.0.0.91 udp vertical,10.0.0.92 udp vertical")
T.eq("scan-lowport: every probe from 53 cited, medium", find(g, "10.0.0.90 udp vertical").count .. " " ..
  find(g, "10.0.0.90 udp vertical").severity, "30 medium")
T.eq("scan-lowport: from 53, empty", find(g, "10.0.0.90 udp vertical").msg, "10.0.0.90 sent UDP datagrams to 30 ports of " ..
  "10.0.0.9 within 60 s that got no UDP answer: 30 probes to 30 ports in all, 6 of them answered by an ICMP port " ..
  "unreachable (closed), 0 UDP flows to 10.0.0.9 answered (open). A vertical UDP port scan (threshold 20 ports); check " ..
  "which ports answered and what 10.0.0.90 sent to them next")
T.eq("scan-lowport: from 123, empty; from 53, DNS queries", find(g, "10.0.0.91 udp vertical").count .. " " ..
  find(g, "10.0.0.92 udp vertical").count, "30 30")
T.eq("lowport-answers: port-scan says nothing", #run("lowport-answers.pcap", "port-scan"), 0)

-- port-scan (trial fp4): DHCP and DHCPv6 servers' unicast answers (67 > 68, 547 > 546) to broadcast and
-- multicast requests are no probes; an SNMP sweep sent from port 67 is still one
g = run("dhcp-answers.pcap", "port-scan")
T.eq("dhcp-answers: only the sweep from port 67", keys(g), "10.0.9.66 udp horizontal")
T.eq("dhcp-answers: every probe of the sweep cited", find(g, "10.0.9.66 udp horizontal").count, 25)
-- port-scan (trial fp4): Wake-on-LAN magic packets to port 9 of sleeping machines and /25 broadcasts are
-- no probes; magic packets that draw port unreachables, and empty datagrams to 9, are still a sweep
g = run("wol.pcap", "port-scan")
T.eq("wol: only the two sweeps of port 9", keys(g), "10.0.0.51 udp horizontal,10.0.0.52 udp horizontal")
T.ok("wol: the magic packets' unreachables counted", find(g, "10.0.0.51 udp horizontal").msg:find("25 of them answered by an ICMP port unreachable (closed)", 1, true))
-- port-scan (trial fp4): unicast answers to questions asked of a group (mDNS QU over IPv4 and IPv6,
-- NetBIOS name queries broadcast) are no probes; unicast mDNS queries to hosts that asked nothing, or
-- a minute after they asked, are a sweep
g = run("group-answers.pcap", "port-scan")
T.eq("group-answers: only the two sweeps of 5353", keys(g), "10.8.0.98 udp horizontal,10.8.0.99 udp horizontal")
T.eq("group-answers: every probe cited", find(g, "10.8.0.98 udp horizontal").count .. " " .. find(g, "10.8.0.99 udp horizontal").count, "25 25")

-- two captures with the same frame numbers: a group's frames say which capture each is in
pcaphunt.use(assert(pcaphunt.open(D .. "q-trojan.pcap")), assert(pcaphunt.open(D .. "q-trojan-vlan.pcap")))
g = hunt("q-trojan")
T.eq("two captures: the frames", table.concat(g[1].frames, " "), "3 3 7 7")
T.eq("two captures: each frame's capture", table.concat(g[1].files, " "),
  D .. "q-trojan.pcap " .. D .. "q-trojan-vlan.pcap " .. D .. "q-trojan.pcap " .. D .. "q-trojan-vlan.pcap")
T.eq("one capture: no files", run("q-trojan.pcap", "q-trojan")[1].files, nil)

-- rst-injection: the forged RST's sender goes on, and the client acts on it (answers with a RST): high;
-- a server's real reset, and a RST then a new SYN on the same ports, stay quiet
g = run("rst-injection.pcap", "rst-injection")
T.eq("rst-injection: the forged RST only", keys(g), "rst 198.51.100.80 80 > 10.3.3.20 41000")
T.eq("rst-injection: high, the peer acted on it", g[1].severity, "high")
T.eq("rst-injection: cites the RST", g[1].first_frame, 5)
T.ok("rst-injection: says what happened after", g[1].msg:find("then 198.51.100.80 sent 1 more segment on the connection; " ..
  "10.3.3.20 answered with 1 RST of its own", 1, true), g[1].msg)
T.ok("rst-injection: why and check", g[1].why:find("RST injection", 1, true) and g[1].check:find("rst-origin", 1, true))
T.eq("rst-injection: min_after=2 quiets it", #run("rst-injection.pcap", "rst-injection", {min_after = 2}), 0)
T.eq("rst-injection: the injected-RST capture too", keys(run("injected-rst.pcap", "rst-injection")),
  "rst 203.0.113.80 80 > 192.168.7.20 51000")
-- beside the rules for copies and idle-timeout resets (rst-idle-copies.pcap is quiet): a forged RST the
-- real server's data follows 200 us later; one with the server's TTL and numbers followed 300 us later by
-- the server's window update with the same numbers but its next IP ID (not a copy); one 2 s after the
-- server's last packet (not idle_timeout)
g = run("rst-copy-inject.pcap", "rst-injection")
T.eq("rst-copy-inject: the three forged RSTs", keys(g),
  "rst 198.51.100.60 80 > 10.9.9.21 50001,rst 198.51.100.61 80 > 10.9.9.22 50002,rst 198.51.100.62 80 > 10.9.9.23 50003")
T.eq("rst-copy-inject: the window update is no copy", find(g, "rst 198.51.100.61 80 > 10.9.9.22 50002").msg,
  "RST 198.51.100.61:80 > 10.9.9.22:50002, then 198.51.100.61 sent 1 more segment on the connection; 10.9.9.22 sent " ..
  "nothing more: it may have acted on the RST")
T.eq("rst-copy-inject: high when the client acted on it", find(g, "rst 198.51.100.60 80 > 10.9.9.21 50001").severity, "high")
-- two capture points: a RST forged outside a router in the server's name, the server's window update
-- 20 us later, both copied inside a hop on (IPv4, IPv6): the window update's inside copy follows every
-- copy of what the server sent before the RST, so it still counts; one capture point, IPv6: the window
-- update 300 us after the forged RST is no copy (no copy of the RST follows it)
g = run("rst-two-hops-inject.pcap", "rst-injection")
T.eq("rst-two-hops-inject: the three forged RSTs", keys(g),
  "rst 198.51.100.80 80 > 10.9.0.30 49800,rst 2001:db8:80::80 80 > 2001:db8:9::30 49810,rst 2001:db8:81::81 80 > 2001:db8:9::31 49820")
T.eq("rst-two-hops-inject: IPv4, the client acted on it", find(g, "rst 198.51.100.80 80 > 10.9.0.30 49800").severity .. " " ..
  find(g, "rst 198.51.100.80 80 > 10.9.0.30 49800").msg, "high RST 198.51.100.80:80 > 10.9.0.30:49800, then 198.51.100.80 " ..
  "sent 1 more segment on the connection; 10.9.0.30 answered with 2 RSTs of its own: it acted on the forged RST (the " ..
  "connection was killed)")
T.eq("rst-two-hops-inject: IPv6 at two points", find(g, "rst 2001:db8:80::80 80 > 2001:db8:9::30 49810").severity .. " " ..
  find(g, "rst 2001:db8:80::80 80 > 2001:db8:9::30 49810").msg, "high RST [2001:db8:80::80]:80 > [2001:db8:9::30]:49810, " ..
  "then 2001:db8:80::80 sent 1 more segment on the connection; 2001:db8:9::30 answered with 2 RSTs of its own: it acted " ..
  "on the forged RST (the connection was killed)")
T.eq("rst-two-hops-inject: IPv6 at one point, a window update 300 us on", find(g, "rst 2001:db8:81::81 80 > 2001:db8:9::31 49820").msg,
  "RST [2001:db8:81::81]:80 > [2001:db8:9::31]:49820, then 2001:db8:81::81 sent 1 more segment on the connection; " ..
  "2001:db8:9::31 sent nothing more: it may have acted on the RST")
-- rst-injection, FINs (trial red g05): a FIN or FIN+ACK forged in one side's name, that side then sending
-- data past the FIN's sequence number (decided in C: data_after_fin), once a side; IPv4 both ways (the
-- client's at its own TTL), IPv6, in a VLAN (a block page with FIN, the real answer from the same number)
g = run("fin-inject.pcap", "rst-injection")
T.eq("fin-inject: the four forged FINs", keys(g),
  "fin 10.5.5.21 43001 > 198.51.100.91 80,fin 198.51.100.90 443 > 10.5.5.20 43000,fin 198.51.100.92 80 > 10.5.5.22 43003," ..
  "fin 2001:db8:90::90 443 > 2001:db8:5::20 43002")
local fins = {}
for _, x in ipairs(g) do fins[#fins + 1] = string.format("%s %d/%d %s", x.severity, x.first_frame, x.count, x.msg) end
table.sort(fins)
T.eq("fin-inject: each at medium, once, citing the data past the FIN, exact", table.concat(fins, "\n"),
  "medium 17/1 FIN 10.5.5.21:43001 > 198.51.100.91:80, then 10.5.5.21 sent data past it: 1000 bytes from the FIN's own " ..
  "sequence number (2201)\n" ..
  "medium 27/1 FIN [2001:db8:90::90]:443 > [2001:db8:5::20]:43002, then 2001:db8:90::90 sent data past it: 500 bytes " ..
  "from 500 past the FIN's sequence number (11001); the FIN came at TTL 40, 2001:db8:90::90's data at 55\n" ..
  "medium 34/1 FIN 198.51.100.92:80 > 10.5.5.22:43003, then 198.51.100.92 sent data past it: 200 bytes from 45 before " ..
  "the FIN's sequence number (13046) to 155 past it; the FIN came at TTL 60, 198.51.100.92's data at 52\n" ..
  "medium 7/1 FIN 198.51.100.90:443 > 10.5.5.20:43000, then 198.51.100.90 sent data past it: 1400 bytes from the FIN's " ..
  "own sequence number (7001); the FIN came at TTL 250, 198.51.100.90's data at 52")
local f1 = find(g, "fin 198.51.100.90 443 > 10.5.5.20 43000")
T.eq("fin-inject: why", f1.why, "a FIN takes the sequence number after its sender's last byte, and a stack that sent one " ..
  "sends no data at or past it: this FIN was forged in 198.51.100.90's name (FIN injection, a connection torn down as with a RST)")
T.eq("fin-inject: check", f1.check, "the FIN's TTL and IP ID against 198.51.100.90's other packets (fixed-ttl), whether " ..
  "10.5.5.20 closed the connection on it, and which device on the path injects (censor, IPS, firewall)")
local named = 0
for _, x in ipairs(run("fin-inject.pcap", "rst-injection", {route_change = 200})) do
  if x.msg:find("; the FIN came at TTL", 1, true) then named = named + 1 end
end
T.eq("fin-inject: route_change=200 names no FIN's TTL", named, 0)
-- the forged FINs are not RSTs: min_after, for RSTs, changes nothing
T.eq("fin-inject: min_after=5 leaves the FINs", #run("fin-inject.pcap", "rst-injection", {min_after = 5}), 4)
-- each hunt run alone: its finding, and no incident (one hunt is no agreement; the three together
-- make one incident: tests/cli/cases.sh)
pcaphunt.use(assert(pcaphunt.open(D .. "rst-injection.pcap")))
local incidents = {}
for _, name in ipairs({"rst-injection", "rst-origin", "fixed-ttl"}) do
  for _, x in ipairs(hunt(name)) do incidents[#incidents + 1] = x.severity .. " " .. x.hunt .. " " .. tostring(x.incident) end
end
T.eq("rst-injection.pcap: each hunt's finding, no incident in a run of one hunt", table.concat(incidents, ","),
  "high rst-injection nil,medium rst-origin nil,medium fixed-ttl nil")

-- fixed-ttl: a data segment between the server's own at another TTL (they come back 2 ms later) is
-- injected; a SYN proxy's handshake at 236 and the server's data at 43 (the proxy's keep-alive 10 s
-- later) is normal
g = run("ttl-inject.pcap", "fixed-ttl")
T.eq("ttl-inject: the injected segment only", keys(g), "flow 198.51.100.90 80 > 10.4.4.20 42000")
T.eq("ttl-inject: cites the injected segment and the real one", table.concat(g[1].frames, " "), "5 6")
T.eq("ttl-inject: inject_window=0.001 leaves it out", #run("ttl-inject.pcap", "fixed-ttl", {inject_window = 0.001}), 0)
T.eq("ttl-inject: the SYN proxy stays quiet even with a long window (its keep-alive covers no data of the server's)",
  keys(run("ttl-inject.pcap", "fixed-ttl", {inject_window = 60})), "flow 198.51.100.90 80 > 10.4.4.20 42000")
T.ok("ttl-inject: says the sequence numbers overlap", g[1].msg:find("came back 0.002 s after it (frame 6) with a segment " ..
  "for the same sequence numbers: an injected segment", 1, true), g[1].msg)

-- device-resets: a RST whose payload names the device that sent it (SonicWALL, F5, a NAT's IETF
-- diagnostic payload) comes with the device's own TTL: fixed-ttl and rst-origin say so at info; the RST
-- with a TTL jump and no payload stays medium; an injected RST carrying a forged "Reset cause: cko" is
-- still rst-injection's (its sender goes on), and (trial-red) fixed-ttl's and rst-origin's at medium: cko
-- resets the responder, and this one goes from the responder to the initiator, a SonicWALL's code sent
-- the wrong way
local function sev_keys(groups)
  local out = {}
  for _, x in ipairs(groups) do out[#out + 1] = x.severity .. " " .. x.key end
  table.sort(out)
  return table.concat(out, ",")
end
T.eq("device-resets: fixed-ttl: the devices' resets at info, the injected RST at medium",
  sev_keys(run("device-resets.pcap", "fixed-ttl")), "info flow 198.51.100.30 80 > 10.6.6.21 43002," ..
  "info flow 2001:db8:11e:e::12 34987 > 2001:db8:2001::1e9 443," ..
  "info flow 203.0.113.10 80 > 10.6.6.20 43001,medium flow 198.51.100.32 80 > 10.6.6.23 43004," ..
  "medium flow 198.51.100.33 80 > 10.6.6.24 43005")
g = run("device-resets.pcap", "fixed-ttl")
T.eq("device-resets: fixed-ttl names the SonicWALL (the bench's firewall reset)",
  find(g, "flow 2001:db8:11e:e::12 34987 > 2001:db8:2001::1e9 443").msg, "TTL 64 differs from this flow direction's " ..
  "127 (2001:db8:11e:e::12 > 2001:db8:2001::1e9) on a RST whose payload says who sent it: SonicWALL reset cause cko " ..
  "(connection-cache cleanup), a device's own reset")
T.eq("device-resets: fixed-ttl names the NAT's IETF payload", find(g, "flow 198.51.100.30 80 > 10.6.6.21 43002").msg,
  "TTL 254 differs from this flow direction's 50 (198.51.100.30 > 10.6.6.21) on a RST whose payload says who sent it: " ..
  "an IETF diagnostic payload, reason 14 (connection timeout), a device's own reset")
T.eq("device-resets: fixed-ttl: no payload, an injected RST", find(g, "flow 198.51.100.32 80 > 10.6.6.23 43004").msg,
  "TTL 61 differs from this flow direction's 52 (198.51.100.32 > 10.6.6.23): an injected or spoofed segment? (a RST)")
g = run("device-resets.pcap", "rst-origin")
T.eq("device-resets: rst-origin: every device's reset at info, the injected RST at medium", sev_keys(g),
  "info diagnostic 198.51.100.30,info diagnostic 198.51.100.31," ..
  "info firewall 2001:db8:11e:e::12 cko,info middlebox 203.0.113.10,medium injected 198.51.100.32 > 10.6.6.23," ..
  "medium injected 198.51.100.33 > 10.6.6.24")
T.eq("device-resets: rst-origin: the forged cko sent the wrong way", find(g, "injected 198.51.100.33 > 10.6.6.24").msg,
  "RST 198.51.100.33 > 10.6.6.24 likely from a middlebox or injector: TTL 61, earlier 52; IP ID 0 unlike earlier " ..
  "packets; a SonicWALL payload sent the wrong way, cko (a reset to the responder) sent by the responder")
T.eq("device-resets: fixed-ttl: the forged cko is no device's reset", find(run("device-resets.pcap", "fixed-ttl"),
  "flow 198.51.100.33 80 > 10.6.6.24 43005").msg, "TTL 61 differs from this flow direction's 52 (198.51.100.33 > " ..
  "10.6.6.24): an injected or spoofed segment? (a RST)")
T.eq("device-resets: rst-origin: the F5 at its own TTL", find(g, "middlebox 203.0.113.10").msg, "middlebox reset, F5 Flow " ..
  "expired (sweeper) (idle timeout: the connection was idle past its timeout and was swept): TTL 255, earlier 60")
T.eq("device-resets: rst-origin: an IETF payload from another hop: a device on the path, not called a middlebox by its payload",
  find(g, "diagnostic 198.51.100.30").msg, "RST with an IETF diagnostic payload, reason 14 (connection timeout), from a " ..
  "device on the path (NAT, firewall, proxy) in 198.51.100.30's name: TTL 254, earlier 50; DF clear and IP ID 1911 off " ..
  "198.51.100.30's counter (DF set on its 2 packets before, IDs 24832 to 24833)")
T.eq("device-resets: rst-origin: an IETF payload from the endpoint's own stack", find(g, "diagnostic 198.51.100.31").msg,
  "RST with an IETF diagnostic payload, reason 4 (abort), from 198.51.100.31's own TCP stack (or a device at its side): " ..
  "its TTL and IP ID match its earlier packets")
T.eq("device-resets: rst-injection: a forged payload hides no injection", keys(run("device-resets.pcap", "rst-injection")),
  "rst 198.51.100.33 80 > 10.6.6.24 43005")

-- the trial's false positives, each beside the attack its hunt must still find:
-- spoofed-source: IGMP from 0.0.0.0 to any group of 224.0.0.0/4 is a host joining before it has an
-- address (239.255.255.250 was reported: the rule took 224-229 for multicast); to a unicast address it is crafted
g = run("igmp-join.pcap", "spoofed-source")
T.eq("igmp-join: only the report to a unicast address", sev_keys(g), "high unspecified source 0.0.0.0")
T.eq("igmp-join: one packet, the last", g[1].count .. " " .. g[1].first_frame, "1 6")
T.eq("igmp-join: its message", g[1].msg, "unspecified source: 0.0.0.0 > 10.0.0.5 (igmp)")
-- q-trojan (trial-red): over IPv6 the seed's RST has no IP ID to carry; four of the six traits it can
-- carry are the variant its IPv4 twin is; an LPD client's ephemeral 31337 resetting at hop limit 64 is not
g = run("q-trojan-v6.pcap", "q-trojan")
T.eq("q-trojan-v6: the variant, both RSTs", #g .. " " .. g[1].count .. " " .. table.concat(g[1].frames, " "), "1 2 1 2")
T.eq("q-trojan-v6: its message", g[1].msg, "Q Trojan variant (4 of 6 traits, IPv6 having no IP ID): matched sport 31337, " ..
  "dport 515, RST+ACK, TTL 14; differs in src 255.255.255.255, reset cause cko")
T.eq("q-trojan-v6: medium", g[1].severity, "medium")
-- backdoor-ports (trial-red): a ticket first does not make a conversation krb524's: the answers to the
-- commands that follow it on 4444 are a backdoor's (the answer to the ticket stays quiet)
g = run("krb524-shell.pcap", "backdoor-ports")
T.eq("krb524-shell: the shell's answers", keys(g) .. " " .. g[1].count .. " " .. table.concat(g[1].frames, " "),
  "10.0.0.5 10.0.0.9 4444 2 4 6")
T.eq("krb524-shell: its message", g[1].msg, "port 4444 (Metasploit default / Blaster shell) between 10.0.0.9 and 10.0.0.5")
-- port-scan (trial-red): ACK probes (nmap -sA; -sM's FIN+ACK) that hosts answer with RSTs, by the same window and
-- thresholds as failed SYNs; bare ACKs inside connections begun before the capture, and a rebooted server's
-- RSTs to 25 clients' stale connections (one probe a source), are quiet
g = run("scan-ack.pcap", "port-scan")
T.eq("scan-ack: the two ACK scans only", keys(g), "10.9.9.66 ack vertical,10.9.9.67 ack horizontal")
T.eq("scan-ack: every -sA probe and its RST cited", find(g, "10.9.9.66 ack vertical").count .. " " ..
  find(g, "10.9.9.66 ack vertical").frame_count, "25 50")
T.eq("scan-ack: every -sM probe and its RST cited", find(g, "10.9.9.67 ack horizontal").count .. " " ..
  find(g, "10.9.9.67 ack horizontal").frame_count, "22 44")
T.eq("scan-ack: the vertical message", find(g, "10.9.9.66 ack vertical").msg, "10.9.9.66 sent ACK probes to 25 ports of " ..
  "10.9.0.20 within 60 s: 25 segments with ACK and no SYN or data (0 of them FIN+ACK) opening no connection, each " ..
  "answered by a RST. An ACK scan (nmap -sA, -sW; -sM with FIN+ACK) mapping which ports a firewall lets through (threshold 20 ports)")
T.eq("scan-ack: the horizontal message", find(g, "10.9.9.67 ack horizontal").msg, "10.9.9.67 sent ACK probes to port 80 on 22 " ..
  "hosts within 60 s: 22 segments with ACK and no SYN or data (22 of them FIN+ACK) opening no connection, each answered " ..
  "by a RST. An ACK sweep (nmap -sA) mapping which hosts a firewall lets through (threshold 20 hosts)")
-- dns-tunnel (trial-red): data cut into labels under 24 characters (five base32 labels of 20 and 16, A
-- queries) is data together; VPC endpoint names (17 hex digits and 8 letters) and names of words and a
-- number stay quiet
g = run("dns-split-short.pcap", "dns-tunnel")
T.eq("dns-split-short: the short-label tunnel only", sev_keys(g), "high 10.0.0.66 exfil-example.org")
T.eq("dns-split-short: its message", g[1].msg, "DNS tunnelling? 10.0.0.66 queries under exfil-example.org: 30 distinct names carrying encoded data")
T.eq("dns-split-short: from the 30th name on", g[1].count .. " " .. g[1].first_frame, "11 88")
-- spoofed-source (trial-red): the unspecified sources are normal only for what a host sends before it has
-- an address: BOOTP requests from 0.0.0.0:68 to 67, and from :: router and neighbour solicitations and MLD
-- reports to a group; garbage in DHCP's ports to a server and echo requests or errors from :: are crafted
g = run("spoofed-unspec.pcap", "spoofed-source")
T.eq("spoofed-unspec: 0.0.0.0 and :: past their exemptions", sev_keys(g), "high unspecified source 0.0.0.0,high unspecified source ::")
T.eq("spoofed-unspec: the non-BOOTP datagrams only", table.concat(find(g, "unspecified source 0.0.0.0").frames, " "), "6 7 8")
T.eq("spoofed-unspec: the echo requests and the error from ::", table.concat(find(g, "unspecified source ::").frames, " "), "9 10 11 12")
T.eq("spoofed-unspec: its message", find(g, "unspecified source 0.0.0.0").msg, "unspecified source: 0.0.0.0 > 10.0.0.67 (udp)")
T.eq("spoofed-unspec: its message (::)", find(g, "unspecified source ::").msg, "unspecified source: :: > 2001:db8::5 (icmpv6)")
-- spoofed-source (trial-red): IPv4-mapped IPv6 sources never cross a wire; NAT64's 64:ff9b::/96 does
g = run("spoofed-mapped.pcap", "spoofed-source")
T.eq("spoofed-mapped: the two mapped sources", sev_keys(g),
  "high IPv4-mapped source on the wire ::ffff:10.0.0.5,high IPv4-mapped source on the wire ::ffff:127.0.0.1")
T.eq("spoofed-mapped: its message", find(g, "IPv4-mapped source on the wire ::ffff:127.0.0.1").msg,
  "IPv4-mapped source on the wire: ::ffff:127.0.0.1 > 2001:db8::5 (tcp)")
-- zero-ipid: ISC dhcpd's ID 0 beside its kernel's counted IDs, and a Windows host-wide counter wrapping
-- to 0 on a query that opens a new flow, are quiet; an ID 0 amid low IDs after a wrap, or between IDs near
-- 65535 that go on without wrapping, is another sender's
g = run("ipid-wrap.pcap", "zero-ipid")
T.eq("ipid-wrap: the three injected IDs 0 only", sev_keys(g), "low 10.2.2.60,low 10.2.2.61,low 10.2.2.62")
T.eq("ipid-wrap: from port 68 but no DHCP message", find(g, "10.2.2.62").msg,
  "IP ID 0 with DF clear from 10.2.2.62 (1 packet) amid 8 packets whose IDs count")
T.eq("ipid-wrap: after the wrap, counter at 9", find(g, "10.2.2.60").msg,
  "IP ID 0 with DF clear from 10.2.2.60 (1 packet) amid 18 packets whose IDs count")
T.eq("ipid-wrap: cites the injected one, not the wrap", table.concat(find(g, "10.2.2.60").frames, " "), "95")
T.eq("ipid-wrap: between 0xff7f and 0xff80", find(g, "10.2.2.61").msg,
  "IP ID 0 with DF clear from 10.2.2.61 (1 packet) amid 7 packets whose IDs count")
T.eq("ipid-wrap: cites it", table.concat(find(g, "10.2.2.61").frames, " "), "103")
-- zero-ipid (trial fp3): a resolver whose DF-clear IDs come from Linux's hashed counters sends one ID 0
-- in 2500 answers, as chance gives (its IDs near 0 many and scattered); an lwIP sensor's counter starts again at 0, 1, 2, 3 after a reboot:
-- quiet.  Found: 4 forged answers with ID 0 in a resolver's name (more than chance); an ID-0 query in
-- the name of a web server whose own packets are all DF set (its DF-clear IDs never come near 0: none
-- by chance, though 120 counted packets would give 0.0018); an ID 0 amid a sensor's counter at 20, 21
g = run("ipid-chance.pcap", "zero-ipid")
T.eq("ipid-chance: the IDs 0 of other senders only", sev_keys(g), "low 10.40.0.55,low 10.40.1.10,low 192.168.1.62")
T.eq("ipid-chance: forged answers", find(g, "10.40.0.55").msg,
  "IP ID 0 with DF clear from 10.40.0.55 (4 packets) amid 200 packets whose IDs count")
T.eq("ipid-chance: forged answers cited", table.concat(find(g, "10.40.0.55").frames, " "), "5053 5154 5255 5356")
T.eq("ipid-chance: the spoofed query", find(g, "10.40.1.10").msg,
  "IP ID 0 with DF clear from 10.40.1.10 (1 packet) amid 120 packets whose IDs count")
T.eq("ipid-chance: the spoofed query cited", table.concat(find(g, "10.40.1.10").frames, " "), "5653")
T.eq("ipid-chance: amid the sensor's counter", find(g, "192.168.1.62").msg,
  "IP ID 0 with DF clear from 192.168.1.62 (1 packet) amid 25 packets whose IDs count")
T.eq("ipid-chance: amid the sensor's counter cited", table.concat(find(g, "192.168.1.62").frames, " "), "5807")
T.eq("ipid-chance: chance = 1 reports the resolver's one ID 0 too (no other rule explains it)",
  sev_keys(run("ipid-chance.pcap", "zero-ipid", {chance = 1})), "low 10.40.0.53,low 10.40.0.55,low 10.40.1.10,low 192.168.1.62")
-- zero-ipid (review 15): forged IDs 0 the chance and start rules must not explain: one between a syslog
-- sender's 200 and 201 (a counter's: never chance); one after a forged ID 5 (one ID near 0 is no
-- evidence of random IDs); a forged start 0, 1, 2, 3 while the sender's own counter goes on (140, 0, 1, 2, 3, 141);
-- and, with the table of IDs near 0 full (near_hosts = 8, 9 other sources first), a host it did not keep
g = run("ipid-forged.pcap", "zero-ipid")
T.eq("ipid-forged: the four forged", sev_keys(g), "low 10.50.0.11,low 10.50.0.12,low 10.50.0.13,low 10.50.0.14")
for _, c in ipairs({{"10.50.0.11", 1, 301, "111"}, {"10.50.0.12", 1, 302, "464"}, {"10.50.0.13", 1, 204, "716"},
    {"10.50.0.14", 1, 301, "971"}}) do
  T.eq("ipid-forged: " .. c[1], find(g, c[1]).msg, string.format(
    "IP ID 0 with DF clear from %s (%d packet) amid %d packets whose IDs count", c[1], c[2], c[3]))
  T.eq("ipid-forged: " .. c[1] .. " cited", table.concat(find(g, c[1]).frames, " "), c[4])
end
T.eq("ipid-forged: amid a counter, never chance", find(g, "10.50.0.11").why:match("%((.-)%)"),
  "it came between two IDs of the host's counter")
T.eq("ipid-forged: one ID near 0 is too few", find(g, "10.50.0.12").why:match("%((.-)%)"),
  "1 of its DF-clear IDs came near 0, too few (fewer than 8")
g = run("ipid-forged.pcap", "zero-ipid", {near_hosts = 8})
T.eq("ipid-forged: past near_hosts, reported", sev_keys(g), "low 10.50.0.11,low 10.50.0.12,low 10.50.0.13,low 10.50.0.14")
T.eq("ipid-forged: past near_hosts, why", find(g, "10.50.0.14").why:match("%((.-)%)"),
  "the hunt's table of hosts' IDs near 0 was full")
-- backdoor-ports: FTP data connections on the ports PASV (227), EPSV (229), PORT and EPRT negotiated,
-- and a resolver's query from 31337 in a capture that begins with the answer, are quiet; Back Orifice
-- answering on UDP 31337 (also to a client on port 53), a host no party to the FTP session served on
-- the negotiated port, and a port no command named, are found
g = run("ftp-data.pcap", "backdoor-ports")
T.eq("ftp-data: the backdoors only", sev_keys(g), "medium 10.6.6.20 10.6.6.66 31337,medium 10.6.6.21 10.6.6.67 31337," ..
  "medium 10.7.7.10 10.7.8.1 12346,medium 10.7.7.99 10.7.8.1 31337")
T.eq("ftp-data: Back Orifice answering a client on port 53", find(g, "10.6.6.21 10.6.6.67 31337").msg,
  "port 31337 (Back Orifice (eleet)) between 10.6.6.21 and 10.6.6.67")
T.eq("ftp-data: the negotiated port served to another host", find(g, "10.7.7.99 10.7.8.1 31337").msg,
  "port 31337 (Back Orifice (eleet)) between 10.7.8.1 and 10.7.7.99")
T.eq("ftp-data: a port no command named", find(g, "10.7.7.10 10.7.8.1 12346").msg,
  "port 12346 (NetBus) between 10.7.8.1 and 10.7.7.10")
-- backdoor-ports (trial fp3): a client's random port that is a backdoor's, answering in a conversation it
-- opened itself from that port (a WireGuard client whose server re-handshakes after the UDP flow timed
-- out; a TCP simultaneous open) is quiet; the same port answering a stranger's SYN, and a Back Orifice
-- server answering another client than the one it had sent to, are found
g = run("backdoor-peers.pcap", "backdoor-ports")
T.eq("backdoor-peers: the listeners only", sev_keys(g), "medium 10.72.2.20 10.72.3.30 54321,medium 10.9.9.51 10.9.9.9 54321")
T.eq("backdoor-peers: a stranger's SYN answered", find(g, "10.72.2.20 10.72.3.30 54321").msg,
  "port 54321 (Back Orifice 2000) between 10.72.2.20 and 10.72.3.30")
T.eq("backdoor-peers: from the SYN-ACK", find(g, "10.72.2.20 10.72.3.30 54321").first_frame .. " " ..
  find(g, "10.72.2.20 10.72.3.30 54321").count, "43 2")
T.eq("backdoor-peers: Back Orifice answering another client", find(g, "10.9.9.51 10.9.9.9 54321").msg,
  "port 54321 (Back Orifice 2000) between 10.9.9.9 and 10.9.9.51")
-- backdoor-ports (trial fp6, FP-4): on a port of the table that a product uses by default (4444: Selenium Grid's hub,
-- Sophos UTM's WebAdmin; 54321: H2O-3), a conversation in the product's API answered as the product does is quiet
-- (web-products.pcap); other HTTP and TLS are low, the protocol named (web-services.pcap: Sophos's TLS, the hub's
-- and H2O's web UIs, a model downloaded from H2O's API, and a Meterpreter reverse_https session: TLS hides it);
-- found at medium: a PE served over HTTP (Meterpreter's stage), a shell after a first request answered in JSON, an
-- HTTP request answered by a shell, a server that speaks first, a connection closed or left silent before the client
-- spoke, "id" after a TLS handshake, raw bytes after a WebSocket upgrade, a request only after 30 s
g = run("web-backdoor.pcap", "backdoor-ports")
T.eq("web-backdoor: every variant", sev_keys(g), "low 10.20.9.26 10.20.9.9 4444 tls,medium 10.20.9.20 10.20.9.9 4444 stage," ..
  "medium 10.20.9.21 10.20.9.9 4444,medium 10.20.9.22 10.20.9.9 4444,medium 10.20.9.24 10.20.9.9 4444," ..
  "medium 10.20.9.25 10.20.9.9 4444,medium 10.20.9.26 10.20.9.9 4444,medium 10.20.9.27 10.20.9.9 4444," ..
  "medium 10.20.9.29 10.20.9.9 4444,medium 10.40.9.23 10.40.9.9 54321")
local web_frames = {}
for _, x in ipairs(g) do web_frames[#web_frames + 1] = x.key:match("^(%S+)") .. (x.key:match(" (%a+)$") or "") .. "=" ..
  table.concat(x.frames, "/") end
table.sort(web_frames)
T.eq("web-backdoor: the frames each cites (held SYN-ACKs first)", table.concat(web_frames, " "),
  "10.20.9.20stage=2/5 10.20.9.21=17 10.20.9.22=22/25 10.20.9.24=39 10.20.9.25=75 10.20.9.26=50 10.20.9.26tls=45/48 " ..
  "10.20.9.27=61 10.20.9.29=66/69 10.40.9.23=31/33")
T.eq("web-backdoor: the stage's message", find(g, "10.20.9.20 10.20.9.9 4444 stage").msg, "port 4444 (Metasploit default / " ..
  "Blaster shell) between 10.20.9.9 and 10.20.9.20: HTTP serving application/octet-stream or a Windows executable (a stage?)")
T.eq("web-backdoor: a shell's answer, as before", find(g, "10.20.9.21 10.20.9.9 4444").msg,
  "port 4444 (Metasploit default / Blaster shell) between 10.20.9.9 and 10.20.9.21")
g = run("web-services.pcap", "backdoor-ports")
T.eq("web-services: low, the protocol named", sev_keys(g), "low 10.20.1.50 10.20.5.20 4444 http,low 10.20.9.30 10.20.9.9 4444 tls," ..
  "low 10.40.0.21 10.40.2.16 54321 http,low 10.40.0.21 10.40.2.17 54321 http,low 192.168.10.1 192.168.10.23 4444 tls")
T.eq("web-services: the TLS service, every answer", find(g, "192.168.10.1 192.168.10.23 4444 tls").msg .. " | " ..
  table.concat(find(g, "192.168.10.1 192.168.10.23 4444 tls").frames, " "), "port 4444 (Metasploit default / Blaster shell) " ..
  "between 192.168.10.1 and 192.168.10.23: a TLS service | 2 6 8")
T.eq("web-services: why TLS is low", find(g, "192.168.10.1 192.168.10.23 4444 tls").why, "the client's ClientHello was " ..
  "answered with a ServerHello: a TLS service, such as Sophos UTM's WebAdmin (4444 is its default port), which neither " ..
  "Blaster's shell nor a Metasploit bind shell speaks; but what TLS carries is not read, and Metasploit's reverse_https and " ..
  "reverse_tcp_ssl handlers answer TLS too (4444 is reverse_tcp_ssl's default)")
T.eq("web-services: H2O's UI", find(g, "10.40.0.21 10.40.2.17 54321 http").msg,
  "port 54321 (Back Orifice 2000) between 10.40.0.21 and 10.40.2.17: an HTTP service")

-- backdoor-ports (review 15): one packet from the backdoor's port to its controller long before (a bare
-- SYN 1000 s earlier: no simultaneous open; a datagram 1000 s earlier: no live UDP conversation) does not
-- hide the controller's session
g = run("backdoor-evade.pcap", "backdoor-ports")
T.eq("backdoor-evade: both found", sev_keys(g), "medium 10.0.0.5 198.51.100.7 31337,medium 10.0.0.6 198.51.100.8 31337")
T.eq("backdoor-evade: TCP, from the SYN-ACK", find(g, "10.0.0.5 198.51.100.7 31337").msg .. " " ..
  find(g, "10.0.0.5 198.51.100.7 31337").first_frame .. " " .. find(g, "10.0.0.5 198.51.100.7 31337").count,
  "port 31337 (Back Orifice (eleet)) between 10.0.0.5 and 198.51.100.7 4 2")
T.eq("backdoor-evade: UDP, each answer", find(g, "10.0.0.6 198.51.100.8 31337").msg .. " " ..
  find(g, "10.0.0.6 198.51.100.8 31337").count, "port 31337 (Back Orifice (eleet)) between 10.0.0.6 and 198.51.100.8 3")
-- wrong-port: protocols on ports registered for them (IPP's HTTP on 631, WinRM's TLS on 5986, 6443,
-- 9443, WSDAPI's HTTP on 5357) and SSH on 2222 are quiet; HTTP on loopback's 3000 is info; SSH on 8022
-- (Termux's sshd's default) quiet since trial fp6 (it was medium); Elasticsearch's GET /_cluster/health
-- on 9200 is its own API on its port: quiet (trial 18; it was low, HTTP on an unassigned port, before:
-- http-apis.pcap keeps other requests there low)
g = run("ports-registered.pcap", "wrong-port")
T.eq("ports-registered: what is still off its port", sev_keys(g), "info 127.0.0.1 http 3000")
T.eq("ports-registered: loopback development server", find(g, "127.0.0.1 http 3000").msg,
  "HTTP on port 3000: 127.0.0.1 > 127.0.0.1:3000")
-- wrong-port: TLS on amqps 5671, syslog-tls 6514, radsec 2083, stuns 5349, ntske 4460, opcua-tls 4843
-- and Google's push service's 5228, SSH on netconf-ssh 830, Bitbucket's 7999 and Gerrit's 29418 are
-- quiet, and SSH on 2022 (SFTPGo's default) since trial fp6 (it was medium); TLS on 8081 stays low, SSH
-- on 4843 medium as TLS's port
g = run("ports-services.pcap", "wrong-port")
T.eq("ports-services: what is still off its port", sev_keys(g), "low 10.6.0.10 tls 8081," ..
  "medium 10.6.0.10 ssh 4843")
T.eq("ports-services: SSH on TLS's 4843", find(g, "10.6.0.10 ssh 4843").msg,
  "SSH on port 4843: 10.6.0.10 > 10.6.2.14:4843 (TLS's port)")
T.eq("ports-services: TLS on 8081", find(g, "10.6.0.10 tls 8081").msg, "TLS on port 8081: 10.6.0.10 > 10.6.1.17:8081")
-- wrong-port (trial fp6 FP-5, FP-6, FP-13): SSH on the default ports of SSH servers (SFTPGo 2022, Termux 8022,
-- Teleport 3022-3024) and TLS on the ports of protocols that begin with TLS (SQL Server 1433, PostgreSQL
-- 5432, MongoDB 27017, NRPE 5666, Zabbix 10050/10051, etcd 2379/2380, Redis 6379, kubelet 10250, Kafka
-- 9093, Elasticsearch 9200/9300, Puppet 8140) are quiet; TLS on HTTP's alternates that no registry gives HTTP (8000,
-- 8888, 8088) is low, info on loopback; TLS on 8080 (http-alt) and 80 stays medium, SSH on 2223 and on
-- 8000 medium, HTTP on Teleport's 3023 now medium as SSH's port, TLS on 27018 low
g = run("ports-defaults.pcap", "wrong-port")
T.eq("ports-defaults: what is still off its port", sev_keys(g), "info 127.0.0.1 tls 8000," ..
  "low 10.9.3.41 tls 8000,low 10.9.3.41 tls 8088,low 10.9.3.41 tls 8888,low 10.9.3.42 tls 27018," ..
  "medium 10.9.0.6 ssh 2223,medium 10.9.0.6 ssh 8000,medium 10.9.0.7 http 3023,medium 10.9.3.42 tls 80," ..
  "medium 10.9.3.42 tls 8080")
T.eq("ports-defaults: TLS on Splunk Web's 8000", find(g, "10.9.3.41 tls 8000").msg,
  "TLS on port 8000: 10.9.3.41 > 10.9.1.24:8000 (an alternate HTTP port)")
T.eq("ports-defaults: TLS on http-alt 8080", find(g, "10.9.3.42 tls 8080").msg,
  "TLS on port 8080: 10.9.3.42 > 10.9.1.28:8080 (HTTP's port)")
T.eq("ports-defaults: HTTP on Teleport's proxy port", find(g, "10.9.0.7 http 3023").msg,
  "HTTP on port 3023: 10.9.0.7 > 10.9.2.99:3023 (SSH's port)")
T.eq("ports-defaults: SSH on an alternate no SSH server defaults to", find(g, "10.9.0.6 ssh 2223").msg,
  "SSH on port 2223: 10.9.0.6 > 10.9.2.15:2223")

-- wrong-port (trial real19 FP-2): traceroute -U's probes to port 53 carry its filler and nothing else, quiet
-- (32 bytes, and 100 wrapping at 64); the filler with a byte changed, or with bytes after it, carries data
g = run("traceroute-dns.pcap", "wrong-port")
T.eq("traceroute-dns: only the altered fillers", keys(g), "10.9.0.6 198.51.100.54 not-dns 53")
T.eq("traceroute-dns: both altered datagrams, none of the 27 probes", g[1].count, 2)
-- iodine's raw mode (trial atk19 M2): sound DNS first on the socket, then raw frames: every UDP datagram on 53 is
-- judged, not the flow's first payload only; a client's 20 sound queries and its 8-byte probe stay quiet
g = run("dns-raw.pcap", "wrong-port")
T.eq("dns-raw: the raw frames after a sound handshake", keys(g), "10.9.1.66 10.9.1.53 not-dns 53")
T.eq("dns-raw: all 12, both ways", g[1].count, 12)
T.eq("dns-raw: the first raw frame", g[1].first_frame, 5)
-- a capture that starts inside a DNS-over-TCP answer (no handshake seen): its first payload is not judged (trial fp
-- s05d); shell-53.pcap's shell, whose handshake was captured, still is
T.eq("dns-midstream: quiet", #run("dns-midstream.pcap", "wrong-port"), 0)
T.eq("shell-53: still found", #run("shell-53.pcap", "wrong-port"), 1)
-- the same captured with a 68-byte snapshot length: a datagram cut short is judged on its header (review 21b)
g = run("dns-raw-68.pcap", "wrong-port")
T.eq("dns-raw-68: the raw frames cut short still found, the sound queries cut short quiet", keys(g), "10.9.1.66 10.9.1.53 not-dns 53")
T.eq("dns-raw-68: all 12 (not the query with two questions, legal, cut short)", g[1].count, 12)
T.eq("dns-raw-68: said so", g[1].msg, "not DNS on port 53: 10.9.1.66:46661 > 10.9.1.53:53 (dns header impossible in a " ..
  "message cut short (not DNS?))")

-- wrong-port (trial atk19 M4): cmd.exe's banner on TCP 53, whose first two bytes once read as the length of a DNS
-- message continuing in later segments, is not DNS; a zone transfer's first segment of a longer answer is
g = run("shell-53.pcap", "wrong-port")
T.eq("shell-53: the banner only", keys(g), "10.22.0.66 10.22.0.10 not-dns 53")
T.eq("shell-53: says why", g[1].msg, "not DNS on port 53: 10.22.0.10:53 > 10.22.0.66:47000 (dns header impossible in " ..
  "a message said to continue (not DNS?))")

-- wrong-port: the client is who sent the DNS query (the QR bit), on equal ports too and when the capture
-- begins with the answer, or who sent the first packet: DNS from 8600 to 8600, query first; DNS on equal
-- ports, the answer first; DNS answered from 8600 to 41000, the answer first; HTTP from 7000 to 7000
-- caught mid-connection
g = run("wrong-port-sides.pcap", "wrong-port")
T.eq("wrong-port-sides: client and server", sev_keys(g), "low 10.7.0.20 http 7000," ..
  "medium 10.7.0.10 dns 8600,medium 10.7.0.12 dns 8600,medium 10.7.0.15 dns 8600")
T.eq("wrong-port-sides: equal ports, the query's sender is the client", find(g, "10.7.0.10 dns 8600").msg,
  "DNS on port 8600: 10.7.0.10 > 10.7.0.11:8600")
T.eq("wrong-port-sides: check names the server and the client", find(g, "10.7.0.10 dns 8600").check,
  "what listens on port 8600 of 10.7.0.11 and of any other server this group's frames reach, whether they are " ..
  "known servers, and the process on 10.7.0.10 that connected")
T.eq("wrong-port-sides: equal ports, the answer's receiver is the client", find(g, "10.7.0.12 dns 8600").msg,
  "DNS on port 8600: 10.7.0.12 > 10.7.0.13:8600")
T.eq("wrong-port-sides: an answer from the service's port", find(g, "10.7.0.15 dns 8600").msg,
  "DNS on port 8600: 10.7.0.15 > 10.7.0.14:8600")
T.eq("wrong-port-sides: equal ports, the first packet's sender is the client", find(g, "10.7.0.20 http 7000").msg,
  "HTTP on port 7000: 10.7.0.20 > 10.7.0.21:7000")
-- wrong-port: a local resolver chain on loopback (Pi-hole to unbound on 5335, a stub to dnscrypt-proxy on
-- [::1]:5053) is info, as HTTP and TLS on loopback's unassigned ports are; DNS to 5335 across the LAN
-- stays medium
g = run("dns-loopback.pcap", "wrong-port")
T.eq("dns-loopback: loopback info, the LAN's medium", sev_keys(g), "info 127.0.0.1 dns 5335," ..
  "info ::1 dns 5053,medium 10.8.0.5 dns 5335")
T.eq("dns-loopback: every query cited", find(g, "127.0.0.1 dns 5335").count, 3)
T.eq("dns-loopback: over IPv6", find(g, "::1 dns 5053").msg, "DNS on port 5053: ::1 > [::1]:5053")
T.eq("dns-loopback: across the LAN", find(g, "10.8.0.5 dns 5335").msg, "DNS on port 5335: 10.8.0.5 > 10.8.0.53:5335")
-- wrong-port: DNS is DNS on port 137 too unless NetBIOS-shaped (the 32-letter encoded name): queries naming
-- hosts under a C2's domain sent to a server's 137, and DNS from port 137 to a server on 8053, are found;
-- the NBSTAT query and answer beside them are NBNS, quiet
g = run("nbns-dns.pcap", "wrong-port")
T.eq("nbns-dns: DNS to and from 137 found, NBSTAT quiet", sev_keys(g),
  "medium 10.40.0.30 dns 137,medium 10.40.0.31 dns 8053,medium 10.40.0.32 dns 137")
T.eq("nbns-dns: NetBIOS-looking labels under a domain, asked for TXT at 137: DNS", find(g, "10.40.0.32 dns 137").msg ..
  " / " .. find(g, "10.40.0.32 dns 137").count, "DNS on port 137: 10.40.0.32 > 203.0.113.11:137 / 2")
T.eq("nbns-dns: DNS to a server's 137", find(g, "10.40.0.30 dns 137").msg,
  "DNS on port 137: 10.40.0.30 > 203.0.113.9:137")
T.eq("nbns-dns: both queries", find(g, "10.40.0.30 dns 137").count, 2)
T.eq("nbns-dns: DNS from 137", find(g, "10.40.0.31 dns 8053").msg,
  "DNS on port 8053: 10.40.0.31 > 203.0.113.10:8053")
-- wrong-port: one client speaking a protocol to one port of many servers is one group keyed CLIENT PROTO PORT
-- (a poller asking 12 agents on 7070; two servers on 8444 from a workstation), each connection a finding
-- reported when seen, naming its own server (the group shows the first's); a single server is a group of
-- its own the same way.  A Prometheus server scraping 12 node exporters' /metrics on 9100 and a blackbox
-- exporter on 9115 is the exporters' own API on their ports: quiet (trial 18)
g = run("metrics-scrape.pcap", "wrong-port")
T.eq("metrics-scrape: the scrapes quiet, the workstation's TLS found", sev_keys(g), "low 10.30.9.9 tls 8444")
local c2 = find(g, "10.30.9.9 tls 8444")
T.eq("metrics-scrape: two servers, one group", c2.msg .. " " .. c2.count .. " " .. table.concat(c2.frames, " "),
  "TLS on port 8444: 10.30.9.9 > 198.51.100.7:8444 2 74 78")
-- wrong-port (trial 18): HTTP APIs of common services on their default ports, told by the request
-- (Elasticsearch on 9200, Kibana, a registry, Consul, Vault, etcd, InfluxDB, Grafana, RabbitMQ, Prometheus,
-- an exporter's /metrics) are quiet; GET / on 5000 and POST /gate.php on 9200 are not those APIs
g = run("http-apis.pcap", "wrong-port")
T.eq("http-apis: only what no service's API explains", sev_keys(g), "low 10.31.0.66 http 5000,low 10.31.0.66 http 9200," ..
  "low 10.31.0.70 http 7070")
local poll = find(g, "10.31.0.70 http 7070")
T.eq("http-apis: the first finding's server", poll.msg, "HTTP on port 7070: 10.31.0.70 > 10.31.3.10:7070")
T.eq("http-apis: every connection cited", poll.count .. " " .. poll.frame_count, "12 12")
T.eq("http-apis: check", poll.check, "what listens on port 7070 of 10.31.3.10 and of any other server this " ..
  "group's frames reach, whether they are known servers, and the process on 10.31.0.70 that connected")
T.eq("http-apis: a request no API explains on 9200", find(g, "10.31.0.66 http 9200").msg,
  "HTTP on port 9200: 10.31.0.66 > 10.31.2.2:9200")

-- rst-forged: what rst-normal's rules (a route change's tolerance, the TTL before an odd RST, TCP
-- traceroute, idle-timeout resets) must not hide: a censor's two RSTs after a route change of a hop,
-- a RST in the client's name during the handshake, a RST after 30 s idle
g = run("rst-forged.pcap", "rst-origin")
T.eq("rst-forged: rst-origin: the three forged RSTs", sev_keys(g), "medium injected 10.8.0.21 > 198.51.100.61," ..
  "medium injected 198.51.100.60 > 10.8.0.20,medium injected 198.51.100.62 > 10.8.0.22")
T.eq("rst-forged: rst-origin: against the TTL after the route change", find(g, "injected 198.51.100.60 > 10.8.0.20").msg,
  "RST 198.51.100.60 > 10.8.0.20 likely from a middlebox or injector: TTL 58, earlier 49")
T.eq("rst-forged: rst-origin: the censor's second RST too (its first is no baseline)",
  find(g, "injected 198.51.100.60 > 10.8.0.20").count, 2)
T.eq("rst-forged: rst-origin: a handshake's RST in the client's name", find(g, "injected 10.8.0.21 > 198.51.100.61").msg,
  "RST 10.8.0.21 > 198.51.100.61 likely from a middlebox or injector: TTL 47, earlier 64")
T.eq("rst-forged: rst-origin: idle_timeout=30 takes the third for a device's idle timeout",
  sev_keys(run("rst-forged.pcap", "rst-origin", {idle_timeout = 30})), "info idle timeout 198.51.100.62 > 10.8.0.22," ..
  "medium injected 10.8.0.21 > 198.51.100.61,medium injected 198.51.100.60 > 10.8.0.20")
g = run("rst-forged.pcap", "fixed-ttl")
T.eq("rst-forged: fixed-ttl: the three forged RSTs", sev_keys(g), "medium flow 10.8.0.21 45001 > 198.51.100.61 80," ..
  "medium flow 198.51.100.60 443 > 10.8.0.20 45000,medium flow 198.51.100.62 443 > 10.8.0.22 45002")
T.eq("rst-forged: fixed-ttl: against the TTL after the route change", find(g, "flow 198.51.100.60 443 > 10.8.0.20 45000").msg,
  "TTL 58 differs from this flow direction's 49 (198.51.100.60 > 10.8.0.20): an injected or spoofed segment? (a RST)")
-- rst-origin and fixed-ttl (trial atk19 M2, nmap -sS): a SYN scanner's kernel refusing the SYN-ACKs of the open
-- ports (RST without ACK at TTL 64 after raw SYNs at 47, or at hop limit 255 over IPv6) is the scanner's own: only
-- port-scan finds the scan;
-- a RST in a client's name during its handshake below its SYN's TTL is still forged (three hunts)
g = run("syn-scan-kernel.pcap", "rst-origin")
T.eq("syn-scan-kernel: rst-origin: only the forged handshake RST", sev_keys(g), "medium injected 10.20.0.67 > 10.20.0.10")
T.eq("syn-scan-kernel: fixed-ttl: only the forged handshake RST", sev_keys(run("syn-scan-kernel.pcap", "fixed-ttl")),
  "medium flow 10.20.0.67 45100 > 10.20.0.10 80")
T.eq("syn-scan-kernel: port-scan: the scans (IPv4, and IPv6 at hop limit 255)", sev_keys(run("syn-scan-kernel.pcap", "port-scan")),
  "medium 10.20.0.66 vertical,medium 2001:db8:20::66 vertical")
T.eq("syn-scan-kernel: rst-injection: the client went on after the forged RST",
  sev_keys(run("syn-scan-kernel.pcap", "rst-injection")), "medium rst 10.20.0.67 45100 > 10.20.0.10 80")
-- rst-origin (trial atk19 M3, tcpkill): a RST at the sender's TTL but with DF clear and an IP ID off its counter,
-- from a sender whose packets had DF set and counting IDs; a stack that clears DF on its RSTs with its counter's
-- next ID, Linux's RST (DF, ID 0) and a random-ID stack's RST are quiet
g = run("tcpkill.pcap", "rst-origin")
T.eq("tcpkill: rst-origin: the RST forged in the client's name", sev_keys(g), "medium injected 10.21.0.20 > 10.21.0.10")
T.eq("tcpkill: rst-origin: says why", g[1].msg, "RST 10.21.0.20 > 10.21.0.10 likely from a middlebox or injector: " ..
  "DF clear and IP ID 56864 off 10.21.0.20's counter (DF set on its 8 packets before, IDs 16940 to 16947)")
T.eq("tcpkill: fixed-ttl and rst-injection quiet (the same TTL; both sides silent after)",
  #run("tcpkill.pcap", "fixed-ttl") + #run("tcpkill.pcap", "rst-injection"), 0)
-- rst-origin and fixed-ttl (trial fp6 FP-12): an anycast prefix moved to a farther site, whose server answers
-- each client's next segment with a RST without ACK at its own TTL, is still another machine's RST (medium),
-- but said as what it may be: an injector's, or another server's answering for the address without the
-- connection; a RST+ACK after the server's own answer (10.30.0.30's) is said as before
g = run("rst-anycast.pcap", "rst-origin")
T.eq("rst-anycast: rst-origin: every RST still found", sev_keys(g), "medium injected 10.30.0.31 > 192.0.2.30," ..
  "medium injected 192.0.2.10 > 10.30.0.20," ..
  "medium injected 192.0.2.10 > 10.30.0.21,medium injected 192.0.2.10 > 10.30.0.22,medium injected 192.0.2.10 > 10.30.0.23," ..
  "medium injected 192.0.2.10 > 10.30.0.24,medium injected 192.0.2.10 > 10.30.0.25,medium injected 192.0.2.20 > 10.30.0.30," ..
  "medium injected 192.0.2.30 > 10.30.0.31")
T.eq("rst-anycast: rst-origin: a stateless RST allows another server", find(g, "injected 192.0.2.10 > 10.30.0.20").msg,
  "RST 192.0.2.10 > 10.30.0.20 likely from a middlebox or injector, or from another server answering for 192.0.2.10 " ..
  "without the connection (an anycast site after a route change): TTL 50, earlier 57; IP ID 0 unlike earlier packets; " ..
  "a RST without ACK answering 10.30.0.20's segment, as a host with no such connection sends")
T.eq("rst-anycast: rst-origin: why", find(g, "injected 192.0.2.10 > 10.30.0.20").why, "the RST does not look like the " ..
  "sender's earlier packets in this flow: another device sent it in the sender's name -- an injector, or another server " ..
  "holding the address with no state for the connection (anycast), which the RST alone cannot tell apart")
T.eq("rst-anycast: rst-origin: check", find(g, "injected 192.0.2.10 > 10.30.0.20").check, "whether other clients' " ..
  "connections to 192.0.2.10 were reset at once at the same new TTL (the address moved to another site), whether " ..
  "192.0.2.10 went on in this connection after it (then it was forged: rst-injection), and which device between the " ..
  "hosts resets connections (IPS, censor, firewall)")
T.eq("rst-anycast: rst-origin: a RST+ACK after the server's answer, as before", find(g, "injected 192.0.2.20 > 10.30.0.30").msg,
  "RST 192.0.2.20 > 10.30.0.30 likely from a middlebox or injector: TTL 50, earlier 57; IP ID 0 unlike earlier packets")
T.eq("rst-anycast: rst-origin: a device resetting both sides: the server's RST answers no segment, as before",
  find(g, "injected 192.0.2.30 > 10.30.0.31").msg, "RST 192.0.2.30 > 10.30.0.31 likely from a middlebox or injector: TTL 58, earlier 50")
g = run("rst-anycast.pcap", "fixed-ttl")
T.eq("rst-anycast: fixed-ttl: every RST still found", #g .. " " .. g[1].severity .. " " .. g[#g].severity, "9 medium medium")
T.eq("rst-anycast: fixed-ttl: a stateless RST allows another server", find(g, "flow 192.0.2.10 443 > 10.30.0.25 46005").msg,
  "TTL 50 differs from this flow direction's 57 (192.0.2.10 > 10.30.0.25): an injected or spoofed segment, or another " ..
  "server answering for 192.0.2.10 without the connection (an anycast site after a route change)? (a RST without ACK " ..
  "answering 10.30.0.25's segment)")
T.eq("rst-anycast: fixed-ttl: a RST+ACK after the server's answer, as before", find(g, "flow 192.0.2.20 443 > 10.30.0.30 47000").msg,
  "TTL 50 differs from this flow direction's 57 (192.0.2.20 > 10.30.0.30): an injected or spoofed segment? (a RST)")
T.eq("rst-anycast: fixed-ttl: a device resetting both sides, as before", find(g, "flow 192.0.2.30 443 > 10.30.0.31 47001").msg,
  "TTL 58 differs from this flow direction's 50 (192.0.2.30 > 10.30.0.31): an injected or spoofed segment? (a RST)")
-- and a RST in the initiator's name during its handshake (rst-forged's 10.8.0.21), though without ACK and
-- answering the SYN-ACK, is no server's: said as before (above)

-- port-scan: UDP scans dressed as paths (a TTL climb starting at 28; each port first at TTL 1, then
-- again at 64) are found
g = run("udp-ttl-scan.pcap", "port-scan")
T.eq("udp-ttl-scan: both scans", sev_keys(g), "medium 10.0.0.91 udp vertical,medium 10.0.0.92 udp vertical")

-- dns-tunnel: data cut into labels just under id_bits each (4 x 25 letters) is found by the runs'
-- sum; two long readable labels a name (24 letters, no hyphen) stay quiet
g = run("dns-split.pcap", "dns-tunnel")
T.eq("dns-split: the split labels only", sev_keys(g), "high 10.0.0.66 evil-example.net")
T.eq("dns-split: its message", g[1].msg, "DNS tunnelling? 10.0.0.66 queries under evil-example.net: 30 distinct names carrying encoded data")

-- rst-origin: an injector's harmless ACK at its own TTL just before its RST makes no baseline
g = run("rst-after-ack.pcap", "rst-origin")
T.eq("rst-after-ack: the RST after the injector's ACK", sev_keys(g), "medium injected 93.184.216.34 > 10.0.0.5")
T.eq("rst-after-ack: against the server's TTL", g[1].msg,
  "RST 93.184.216.34 > 10.0.0.5 likely from a middlebox or injector: TTL 240, earlier 50")

-- unsolicited-rst: a server's RSTs on its 12 connections idle past the flow table's TCP timeout are
-- theirs (idle-reset.pcap: quiet, test_hunts_normal); the same server's backscatter after them (RSTs
-- answering spoofed SYNs, SYN-ACKs to spoofed clients) is still found, every one of its 24 answers
g = run("idle-backscatter.pcap", "unsolicited-rst")
T.eq("idle-backscatter: the backscatter only", keys(g), "10.9.0.10")
T.eq("idle-backscatter: its 24 answers, none of the idle connections' RSTs", g[1].count, 24)
T.eq("idle-backscatter: from the first backscatter RST", g[1].first_frame, 85)
-- a server's RST+ACKs at their next sequence numbers (aborts of connections opened before the
-- capture) are quiet; another server's RSTs without ACK to 12 addresses (answers to spoofed ACKs) are found
g = run("abort-midstream.pcap", "unsolicited-rst")
T.eq("abort-midstream: only the answers to spoofed ACKs", keys(g), "10.6.9.9")
T.eq("abort-midstream: all 12 of them, from the first", g[1].count .. " " .. g[1].first_frame, "12 16")

-- port-scan: the scans the callback, SMB-race and TCP-fallback rules must not hide (scan-answers.pcap
-- is quiet: test_hunts_normal), and what the ICMP rejections of probes say
-- port-scan (review 15): a connection from each target forged without a request (SYN, ACK) excuses no probe
-- as a callback: the 30-host sweep is found
g = run("scan-forged-callback.pcap", "port-scan")
T.eq("scan-forged-callback: the sweep", sev_keys(g), "medium 10.0.0.66 horizontal")
T.eq("scan-forged-callback: its finding", find(g, "10.0.0.66 horizontal").msg .. " " .. find(g, "10.0.0.66 horizontal").count,
  "10.0.0.66 probed port 22 on 30 hosts within 60 s (and 1 other port as broadly): 60 SYNs that never became a " ..
  "connection (0 answered with a SYN-ACK). A horizontal scan (threshold 20 hosts), as a worm or a sweep for one " ..
  "service does; check the hosts that answered and what 10.0.0.66 did next 60")
-- a SYN scan padded with data (nmap --data-length): data on a SYN proves no connection; a TCP Fast
-- Open connection and two refused TFO SYNs beside it are no scan
g = run("scan-syndata.pcap", "port-scan")
T.eq("scan-syndata: the padded sweeps, nothing else", sev_keys(g), "medium 10.70.0.66 horizontal,medium 10.70.0.67 horizontal")
T.ok("scan-syndata: a byte after the SYN, refused", find(g, "10.70.0.67 horizontal").msg:find(
  "10.70.0.67 probed port 23 on 25 hosts within 60 s: 25 SYNs that never became a connection", 1, true))
T.eq("scan-syndata: msg", g[1].msg, "10.70.0.66 probed port 22 on 25 hosts within 60 s: 25 SYNs that never became " ..
  "a connection (0 answered with a SYN-ACK). A horizontal scan (threshold 20 hosts), as a worm or a sweep for one " ..
  "service does; check the hosts that answered and what 10.70.0.66 did next")
g = run("scan-answers-attack.pcap", "port-scan")
T.eq("scan-answers-attack: every scan", sev_keys(g), "medium 10.66.0.5 horizontal,medium 10.66.0.6 udp horizontal," ..
  "medium 10.66.0.7 udp horizontal,medium 10.66.0.8 horizontal,medium 198.18.9.10 vertical,medium 198.18.9.9 horizontal")
-- one host that connected first excuses its own probe only
T.eq("scan-answers-attack: a sweep after one inbound connection", find(g, "198.18.9.9 horizontal").msg,
  "198.18.9.9 probed port 113 on 24 hosts within 60 s: 24 SYNs that never became a connection (0 answered with a " ..
  "SYN-ACK). A horizontal scan (threshold 20 hosts), as a worm or a sweep for one service does; check the hosts " ..
  "that answered and what 198.18.9.9 did next")
T.eq("scan-answers-attack: the sweep from its second host on", find(g, "198.18.9.9 horizontal").first_frame, 8)
-- visitors scanned right after they connected: more than 3 ports of a host are no callback
T.eq("scan-answers-attack: visitors scanned", find(g, "198.18.9.10 vertical").msg,
  "198.18.9.10 probed 25 ports of 203.0.115.1 within 60 s (and 20 ports or more of 1 other host): 50 SYNs that " ..
  "never became a connection (0 answered with a SYN-ACK: open ports; the rest refused or unanswered), 25 ports in " ..
  "all. A vertical port scan (threshold 20 ports); check which ports answered and whether 198.18.9.10 then " ..
  "connected to them")
-- a SYN scan of 445 and 139: its 445 attempts failed too (half-open), so 139 is no race
T.eq("scan-answers-attack: 445 and 139 swept", find(g, "10.66.0.5 horizontal").msg,
  "10.66.0.5 probed port 139 on 25 hosts within 60 s (and 1 other port as broadly): 50 SYNs that never became a " ..
  "connection (13 answered with a SYN-ACK). A horizontal scan (threshold 20 hosts), as a worm or a sweep for one " ..
  "service does; check the hosts that answered and what 10.66.0.5 did next")
-- a firewall's administratively prohibited is said as such (UDP and TCP), each cited with its probe
local fw = find(g, "10.66.0.6 udp horizontal")
T.eq("scan-answers-attack: a UDP sweep a firewall rejected", fw.msg,
  "10.66.0.6 sent UDP datagrams to port 161 on 25 hosts within 60 s that got no UDP answer: 25 probes to 25 hosts " ..
  "in all, 0 of them answered by an ICMP port unreachable (closed), 25 by an ICMP administratively prohibited " ..
  "(filtered: a firewall rejected them), 0 hosts answered (open). A horizontal UDP scan (threshold 20 hosts), a " ..
  "sweep for one service; check the hosts that answered and what 10.66.0.6 did next")
T.eq("scan-answers-attack: the UDP probes and their rejections", fw.count .. " " .. fw.frame_count, "25 50")
local fw2 = find(g, "10.66.0.8 horizontal")
T.eq("scan-answers-attack: a SYN sweep a firewall rejected", fw2.msg,
  "10.66.0.8 probed port 3389 on 25 hosts within 60 s: 25 SYNs that never became a connection (0 answered with a " ..
  "SYN-ACK; 25 by an ICMP administratively prohibited (filtered: a firewall rejected them)). A horizontal scan " ..
  "(threshold 20 hosts), as a worm or a sweep for one service does; check the hosts that answered and what " ..
  "10.66.0.8 did next")
T.eq("scan-answers-attack: the SYNs and their rejections", fw2.count .. " " .. fw2.frame_count, "25 50")
-- a QUIC sweep with TCP to 3 of its hosts: those 3 only are left out
T.ok("scan-answers-attack: the QUIC sweep", find(g, "10.66.0.7 udp horizontal").msg:find(
  "10.66.0.7 sent UDP datagrams to port 443 on 22 hosts within 60 s that got no UDP answer: 22 probes", 1, true))
-- unsolicited-rst on a one-way tap: the server's connections (oneway-server.pcap, quiet) beside its
-- SYN-ACKs to 12 spoofed addresses, each resent twice and followed by nothing: the backscatter, every flow
g = run("oneway-backscatter.pcap", "unsolicited-rst")
T.eq("oneway-backscatter: the backscatter", keys(g), "198.18.81.81")
T.eq("oneway-backscatter: its 12 flows, from the first SYN-ACK", g[1].count .. " " .. g[1].first_frame, "12 73")
T.eq("oneway-backscatter: msg", g[1].msg, "198.18.81.81 sent RSTs or SYN-ACKs with no connection seen before them to 10 or " ..
  "more destinations (backscatter of connections spoofed in its name?)")
-- icmp-backscatter: the router's path-MTU messages to 12 tunnel nodes (ipip-pmtud.pcap, quiet) beside its
-- host unreachables for a UDP flood from spoofed sources, and an IPv6 firewall's administratively
-- prohibited for spoofed SYNs; each message names the example's own quoted packet
g = run("ipip-pmtud-flood.pcap", "icmp-backscatter")
T.eq("ipip-pmtud-flood: the two reflectors", keys(g), "10.90.255.1,2001:db8:90::fe")
T.eq("ipip-pmtud-flood: the host unreachables only, from the first", find(g, "10.90.255.1").count .. " " ..
  find(g, "10.90.255.1").first_frame, "12 289")
T.eq("ipip-pmtud-flood: the example's quoted packet", find(g, "10.90.255.1").msg, "10.90.255.1 sent ICMP unreachables to 10 " ..
  "or more destinations, each quoting a UDP packet from that destination that was never seen (to 10.90.50.1 port 161): " ..
  "backscatter of a flood whose sources were spoofed. Check what 10.90.255.1 received in the quoted packets (protocol, " ..
  "ports) and whether it was under attack")
T.ok("ipip-pmtud-flood: ICMPv6 administratively prohibited, a TCP packet", find(g, "2001:db8:90::fe").count == 12 and
  find(g, "2001:db8:90::fe").msg:find("each quoting a TCP packet from that destination that was never seen (to " ..
  "2001:db8:90::22 port 22)", 1, true), find(g, "2001:db8:90::fe").msg)

-- blind ACKs: 150 spoofed SYNs to 10.0.0.30:80, each followed by an ACK with a guessed ack number
-- (every other one with a request) that the server resets, were connections by their flags; a decoy
-- (203.0.113.9) scanning 25 ports of 10.0.0.31 with a SYN and a blind ACK each.  The real client's
-- connection in the flood is not counted.  Every hunt: these two findings, nothing else.
local all_hunts = {"backdoor-ports", "dns-tunnel", "fixed-ttl", "icmp-backscatter", "port-scan", "q-trojan", "reset-cause",
  "rst-injection", "rst-origin", "spoofed-source", "syn-flood", "tcp-flags", "tiny-fragment", "unsolicited-rst", "wrong-port",
  "zero-ipid"}
local found = {}
for _, name in ipairs(all_hunts) do
  for _, gr in ipairs(run("syn-flood-blind.pcap", name)) do
    found[#found + 1] = string.format("%s %s %s %d", name, gr.severity, gr.key, gr.count)
  end
end
T.eq("syn-flood-blind: every hunt's findings", table.concat(found, ","),
  "port-scan medium 203.0.113.9 vertical 25,syn-flood medium 10.0.0.30 80 150")
g = run("syn-flood-blind.pcap", "syn-flood")
T.eq("syn-flood-blind: the flood's message", g[1].msg, "10.0.0.30 port 80 received 150 SYNs within 10 s (15/s) that " ..
  "never became connections (no ACK of the SYN-ACK), from 150 distinct sources, most sending one connection: spoofed " ..
  "addresses; 150 incomplete connections in all, 150 SYNs, 150 answered with a SYN-ACK, 150 of them followed by an ACK " ..
  "that did not acknowledge it (blind: its sender never saw the SYN-ACK). A SYN flood (threshold 100 SYNs in 10 s) " ..
  "fills the server's backlog; check whether real clients' connections to 10.0.0.30 failed meanwhile and whether it " ..
  "uses SYN cookies")
T.eq("syn-flood-blind: the first blind connection's SYN first", g[1].first_frame, 1)
g = run("syn-flood-blind.pcap", "port-scan")
T.eq("syn-flood-blind: the decoy's scan", g[1].msg, "203.0.113.9 probed 25 ports of 10.0.0.31 within 60 s: 25 SYNs " ..
  "that never became a connection (25 answered with a SYN-ACK: open ports; the rest refused or unanswered), 25 ports " ..
  "in all. A vertical port scan (threshold 20 ports); check which ports answered and whether 203.0.113.9 then " ..
  "connected to them")
-- the flow view: the blind connections neither established nor verified, the real client's both
pcaphunt.use(assert(pcaphunt.open(D .. "syn-flood-blind.pcap")))
local seen = {}
hunt{name = "blind-view", description = "flow views of syn-flood-blind.pcap", flow_end_want = {proto = "tcp"},
  flow_end = function(f, h)
    local k = string.format("%s synack=%s ack=%s established=%s verified=%s", f.initiator and (f.src == "10.0.0.5"
      and "client" or f.src == "203.0.113.9" and "decoy" or "spoofed") or "responder", tostring(f.synack_seen),
      tostring(f.ack_seen), tostring(f.established), tostring(f.verified))
    seen[k] = (seen[k] or 0) + 1
  end}
hunt("blind-view")
local views = {}
for k, n in pairs(seen) do views[#views + 1] = k .. " " .. n end
table.sort(views)
T.eq("syn-flood-blind: flow views", table.concat(views, ","), "client synack=true ack=true established=true " ..
  "verified=true 1,decoy synack=true ack=true established=false verified=false 25,spoofed synack=true ack=true " ..
  "established=false verified=false 150")

-- blind ACKs after two SYN-ACKs: 150 spoofed sources each send 10.12.2.1:443 two SYNs with two ISNs on one
-- 4-tuple, both answered, then an ACK acknowledging neither SYN-ACK (a guess; every other one with data)
-- that the server resets; a decoy (203.0.113.9) scans 25 ports of 10.12.2.2 alike.  Keeping the earlier
-- SYN-ACK too gives a blind sender nothing: both found as with one SYN-ACK; the real client amid them (its
-- SYN sent again, the first's SYN-ACK last, its ACK of the second's) is not counted.  Every hunt: these two
found = {}
for _, name in ipairs(all_hunts) do
  for _, gr in ipairs(run("resyn-blind.pcap", name)) do
    found[#found + 1] = string.format("%s %s %s %d", name, gr.severity, gr.key, gr.count)
  end
end
T.eq("resyn-blind: every hunt's findings", table.concat(found, ","),
  "port-scan medium 203.0.113.9 vertical 25,syn-flood medium 10.12.2.1 443 150")
g = run("resyn-blind.pcap", "syn-flood")
T.eq("resyn-blind: the flood's message", g[1].msg, "10.12.2.1 port 443 received 300 SYNs within 10 s (30/s) that " ..
  "never became connections (no ACK of the SYN-ACK), from 150 distinct sources, most sending one connection: spoofed " ..
  "addresses; 150 incomplete connections in all, 300 SYNs, 150 answered with a SYN-ACK, 150 of them followed by an ACK " ..
  "that did not acknowledge it (blind: its sender never saw the SYN-ACK). A SYN flood (threshold 100 SYNs in 10 s) " ..
  "fills the server's backlog; check whether real clients' connections to 10.12.2.1 failed meanwhile and whether it " ..
  "uses SYN cookies")
g = run("resyn-blind.pcap", "port-scan")
T.eq("resyn-blind: the decoy's scan", g[1].msg, "203.0.113.9 probed 25 ports of 10.12.2.2 within 60 s: 25 SYNs " ..
  "that never became a connection (25 answered with a SYN-ACK: open ports; the rest refused or unanswered), 25 ports " ..
  "in all. A vertical port scan (threshold 20 ports); check which ports answered and whether 203.0.113.9 then " ..
  "connected to them")
pcaphunt.use(assert(pcaphunt.open(D .. "resyn-blind.pcap")))
seen = {}
hunt{name = "resyn-blind-view", description = "flow views of resyn-blind.pcap", flow_end_want = {proto = "tcp"},
  flow_end = function(f, h)
    local k = string.format("%s syns=%d established=%s verified=%s", f.initiator and (f.src == "10.12.3.5"
      and "client" or f.src == "203.0.113.9" and "decoy" or "spoofed") or "responder", f.syns,
      tostring(f.established), tostring(f.verified))
    seen[k] = (seen[k] or 0) + 1
  end}
hunt("resyn-blind-view")
views = {}
for k, n in pairs(seen) do views[#views + 1] = k .. " " .. n end
table.sort(views)
T.eq("resyn-blind: flow views", table.concat(views, ","), "client syns=2 established=true verified=true 1," ..
  "decoy syns=2 established=false verified=false 25,spoofed syns=2 established=false verified=false 150")

-- class E: a blind spoofer's SYNs and ACKs from 240.1.2.3 (the server resets each ACK) and datagrams
-- from 250.9.9.9 are impossible sources; the VPC host 240.10.0.2 amid them completes a handshake and
-- is not (spoofed-source holds a class-E source's packets until a flow of it is verified)
found = {}
for _, name in ipairs(all_hunts) do
  for _, gr in ipairs(run("classe-spoofed.pcap", name)) do
    found[#found + 1] = string.format("%s %s %s %d %d", name, gr.severity, gr.key, gr.count, gr.first_frame)
  end
end
T.eq("classe-spoofed: every hunt's findings", table.concat(found, ","),
  "spoofed-source high class E (reserved) source 240.1.2.3 10 1,spoofed-source high class E (reserved) source 250.9.9.9 3 29")
g = run("classe-spoofed.pcap", "spoofed-source")
T.eq("classe-spoofed: the message", find(g, "class E (reserved) source 240.1.2.3").msg,
  "class E (reserved) source: 240.1.2.3 > 10.0.0.80 (tcp)")

-- icmp-backscatter: route errors (net unreachable, ICMPv6 no route, time exceeded) counted per router and
-- quoted target, for sources that sent nothing; source quench as a refusal (icmp-route-backscatter.pcap)
g = run("icmp-route-backscatter.pcap", "icmp-backscatter")
T.eq("icmp-route-backscatter: each flood's router (not 198.51.100.4: 3 of its 12 sources sent queries)", keys(g),
  "198.51.100.1 198.51.100.50,198.51.100.2 198.51.100.60,198.51.100.3,2001:db8:ffff::1 2001:db8:ffff::50," ..
  "2001:db8:ffff::2 2001:db8:ffff::60")
for _, k in ipairs({"198.51.100.1 198.51.100.50", "198.51.100.2 198.51.100.60", "198.51.100.3",
    "2001:db8:ffff::1 2001:db8:ffff::50", "2001:db8:ffff::2 2001:db8:ffff::60"}) do
  T.eq("icmp-route-backscatter: " .. k .. ": 12 errors, medium", find(g, k).count .. " " .. find(g, k).severity, "12 medium")
end
T.eq("icmp-route-backscatter: net unreachable (RTBH)", find(g, "198.51.100.1 198.51.100.50").msg, "198.51.100.1 sent ICMP " ..
  "net unreachables to 12 destinations that sent nothing in the capture, each quoting a UDP packet from that destination " ..
  "to 198.51.100.50 that was never seen (this one to port 53): backscatter of a flood at 198.51.100.50 whose sources " ..
  "were spoofed, its route black-holed or its TTL running out on the way. Check whether 198.51.100.50 was under attack " ..
  "(the quoted packets' protocol and port say with what)")
T.eq("icmp-route-backscatter: time exceeded", find(g, "198.51.100.2 198.51.100.60").msg, "198.51.100.2 sent ICMP " ..
  "time-exceeded errors to 12 destinations that sent nothing in the capture, each quoting a TCP packet from that " ..
  "destination to 198.51.100.60 that was never seen (this one to port 80): backscatter of a flood at 198.51.100.60 " ..
  "whose sources were spoofed, its route black-holed or its TTL running out on the way. Check whether 198.51.100.60 " ..
  "was under attack (the quoted packets' protocol and port say with what)")
T.ok("icmp-route-backscatter: ICMPv6 no route", find(g, "2001:db8:ffff::1 2001:db8:ffff::50").msg:find("2001:db8:ffff::1 " ..
  "sent ICMPv6 no-route unreachables to 12 destinations that sent nothing in the capture, each quoting a TCP packet " ..
  "from that destination to 2001:db8:ffff::50 that was never seen (this one to port 443)", 1, true))
T.ok("icmp-route-backscatter: ICMPv6 time exceeded", find(g, "2001:db8:ffff::2 2001:db8:ffff::60").msg:find(
  "2001:db8:ffff::2 sent ICMPv6 time-exceeded errors to 12 destinations that sent nothing in the capture, each " ..
  "quoting a UDP packet from that destination to 2001:db8:ffff::60 that was never seen (this one to port 123)", 1, true))
T.eq("icmp-route-backscatter: source quench", find(g, "198.51.100.3").msg, "198.51.100.3 sent ICMP source quenches to " ..
  "10 or more destinations, each quoting a UDP packet from that destination that was never seen (to 198.51.100.70 port " ..
  "123): backscatter of a flood whose sources were spoofed. Check what 198.51.100.3 received in the quoted packets " ..
  "(protocol, ports) and whether it was under attack")
T.eq("icmp-route-backscatter: the router whose sources sent queries, at 9 silent ones",
  find(run("icmp-route-backscatter.pcap", "icmp-backscatter", {min_destinations = 9}), "198.51.100.4 198.51.100.80").count, 9)
T.eq("icmp-route-backscatter: min_destinations=13 quiets it", #run("icmp-route-backscatter.pcap", "icmp-backscatter",
  {min_destinations = 13}), 0)

-- icmp-backscatter: a black-holed target's router answers 20 real clients first (they sent other packets),
-- then 12 spoofed sources: the silent ones are cited, however late they came (icmp-route-rtbh.pcap)
found = {}
for _, name in ipairs(all_hunts) do
  for _, gr in ipairs(run("icmp-route-rtbh.pcap", name)) do
    found[#found + 1] = string.format("%s %s %s %d %s", name, gr.severity, gr.key, gr.count, table.concat(gr.frames, " "))
  end
end
T.eq("icmp-route-rtbh: every hunt's findings", table.concat(found, ","),
  "icmp-backscatter medium 198.51.100.5 198.51.100.90 12 41 42 43 44 45 46 47 48 49 50")   -- frames: the first 10

-- normal: a busy client and a busy server stay quiet, every hunt
pcaphunt.use(assert(pcaphunt.open(D .. "busy-hosts.pcap")))
for _, name in ipairs({"port-scan", "syn-flood", "tcp-flags", "backdoor-ports", "fixed-ttl", "q-trojan",
    "reset-cause", "rst-origin", "spoofed-source", "unsolicited-rst", "zero-ipid", "icmp-backscatter", "rst-injection"}) do
  T.eq("busy-hosts: " .. name .. " quiet", #hunt(name), 0)
end
-- port-scan (trial fp4 h03): two F5s' half-open checks of 40 backends every 5 s, 8 s captured (each
-- backend checked once or twice, three down), are quiet; an nmap -sS sweep of a /24 with most hosts open,
-- a sweep done twice 3 s apart (most open: reported whole), a sweep of open hosts with five probed
-- again 5 s later, and zmap -P 2's probes 10 ms apart are found
g = run("halfopen-scan.pcap", "port-scan")
T.eq("halfopen-scan: only the scanners", sev_keys(g), "medium 10.0.6.66 horizontal,medium 10.0.6.67 horizontal," ..
  "medium 10.0.6.68 horizontal,medium 10.0.6.69 horizontal")
local function halfopen_msg(src, hosts, syns, synacks)
  return string.format("%s probed port 8080 on %d hosts within 60 s: %d SYNs that never became a connection (%d answered " ..
    "with a SYN-ACK). A horizontal scan (threshold 20 hosts), as a worm or a sweep for one service does; check the hosts " ..
    "that answered and what %s did next", src, hosts, syns, synacks, src)
end
T.eq("halfopen-scan: nmap -sS over a /24", find(g, "10.0.6.66 horizontal").msg, halfopen_msg("10.0.6.66", 254, 304, 204))
T.eq("halfopen-scan: a /24 swept twice, 3 s apart", find(g, "10.0.6.67 horizontal").msg, halfopen_msg("10.0.6.67", 254, 508, 458))
T.eq("halfopen-scan: five of 60 probed again", find(g, "10.0.6.68 horizontal").msg, halfopen_msg("10.0.6.68", 60, 65, 65))
T.eq("halfopen-scan: two probes 10 ms apart", find(g, "10.0.6.69 horizontal").msg, halfopen_msg("10.0.6.69", 40, 80, 80))
-- port-scan (trial red n07, n08): vertical scans paced under any window (nmap -T1, -T0) are found over
-- the whole capture; a monitor checking 12 services of a down host, a passive-FTP client refused on 40
-- ephemeral ports and a client retrying a down domain controller's 10 ports stay quiet
g = run("slow-scan.pcap", "port-scan")
T.eq("slow-scan: only the scanners", sev_keys(g), "medium 10.0.12.66 slow vertical,medium 10.0.12.67 slow vertical," ..
  "medium 10.0.12.68 slow vertical")
local function slow_msg(src, n, dst, span, most, syns, synacks, low)
  return string.format("%s probed %d ports of %s over %d s, never more than %d in 60 s: %d SYNs that never became a " ..
    "connection (%d answered with a SYN-ACK: open ports; the rest refused or unanswered), %d of them below 1024 or well-known services'. A slow " ..
    "vertical port scan (nmap -T0/-T1 paces its probes to stay under rate thresholds; threshold 20 ports of one host over " ..
    "the capture, 10 of them services'); check which ports answered and whether %s then connected to them",
    src, n, dst, span, most, syns, synacks, low, src)
end
T.eq("slow-scan: nmap -T1, 40 ports 15 s apart", find(g, "10.0.12.66 slow vertical").msg,
  slow_msg("10.0.12.66", 40, "10.0.13.20", 585, 5, 40, 3, 38))
T.eq("slow-scan: nmap -T1 cites every probe", find(g, "10.0.12.66 slow vertical").count, 40)
T.eq("slow-scan: nmap -T0, 22 ports 300 s apart", find(g, "10.0.12.67 slow vertical").msg,
  slow_msg("10.0.12.67", 22, "10.0.13.21", 6300, 1, 22, 0, 22))
T.eq("slow-scan: 25 high services' ports 30 s apart", find(g, "10.0.12.68 slow vertical").msg,
  slow_msg("10.0.12.68", 25, "10.0.13.22", 720, 3, 25, 0, 25))
T.eq("slow-scan: the why", find(g, "10.0.12.67 slow vertical").why, "a client fails on the few services of a host it " ..
  "uses, or on ephemeral ports a server handed out; failures on tens of a host's service ports, paced too slowly for any " ..
  "short window, are a scanner mapping them under rate thresholds")
T.eq("slow-scan: slow_min_services = 0 counts the FTP client's ephemeral ports", sev_keys(run("slow-scan.pcap", "port-scan",
  {slow_min_services = 0})), "medium 10.0.12.11 slow vertical,medium 10.0.12.66 slow vertical,medium 10.0.12.67 slow vertical," ..
  "medium 10.0.12.68 slow vertical")
T.eq("slow-scan: slow_min_ports = 23 leaves the -T0 scan's 22", sev_keys(run("slow-scan.pcap", "port-scan",
  {slow_min_ports = 23})), "medium 10.0.12.66 slow vertical,medium 10.0.12.68 slow vertical")
T.eq("slow-scan: slow_min_ports = 12 counts the monitor's 12 services", sev_keys(run("slow-scan.pcap",
  "port-scan", {slow_min_ports = 12})), "medium 10.0.12.10 slow vertical,medium 10.0.12.66 slow vertical,medium 10.0.12.67 slow vertical," ..
  "medium 10.0.12.68 slow vertical")
-- port-scan (trial fp6 FP-3): checks of services that are down.  Quiet: kubelet probing 28 starting pods every
-- 5 s (refused, then served), kubelet's readiness and liveness probes of 24 pods on one port (two schedules of
-- 10 s), a monitor whose 22 hosts served it, then went silent.  Found: a one-off sweep of the 28 pods, a sweep
-- repeated every 5 s that no pod ever served, sweeps served later but not on a schedule (1, 8, 19.5 s) or
-- closer than a checker's period (1 s apart).  Every hunt: these four findings, nothing else.
local function sweep_msg(src, port, hosts, syns, synacks)
  return string.format("%s probed port %d on %d hosts within 60 s: %d SYNs that never became a connection (%d answered " ..
    "with a SYN-ACK). A horizontal scan (threshold 20 hosts), as a worm or a sweep for one service does; check the hosts " ..
    "that answered and what %s did next", src, port, hosts, syns, synacks, src)
end
local function every_hunt(file)
  local out = {}
  for _, name in ipairs(all_hunts) do
    for _, gr in ipairs(run(file, name)) do out[#out + 1] = string.format("%s %s %s %d", name, gr.severity, gr.key, gr.count) end
  end
  return table.concat(out, ",")
end
T.eq("probes-down-scan: every hunt's findings", every_hunt("probes-down-scan.pcap"),
  "port-scan medium 10.244.9.66 horizontal 28,port-scan medium 10.244.9.67 horizontal 112," ..
  "port-scan medium 10.244.9.68 horizontal 84,port-scan medium 10.244.9.69 horizontal 84")
g = run("probes-down-scan.pcap", "port-scan")
T.eq("probes-down-scan: a one-off sweep of the starting pods", find(g, "10.244.9.66 horizontal").msg,
  sweep_msg("10.244.9.66", 8080, 28, 28, 0))
T.eq("probes-down-scan: a sweep every 5 s no pod served", find(g, "10.244.9.67 horizontal").msg,
  sweep_msg("10.244.9.67", 8080, 28, 112, 0))
T.eq("probes-down-scan: three sweeps off any schedule, then served", find(g, "10.244.9.68 horizontal").msg,
  sweep_msg("10.244.9.68", 8080, 28, 84, 0))
T.eq("probes-down-scan: three sweeps 1 s apart, then served", find(g, "10.244.9.69 horizontal").msg,
  sweep_msg("10.244.9.69", 8080, 28, 84, 0))
T.eq("probes-down: the checkers at thresholds of 2 hosts and ports: nothing", #run("probes-down.pcap", "port-scan",
  {min_hosts = 2, min_ports = 2, slow_min_ports = 2, slow_min_services = 0}), 0)
-- port-scan (trial fp6 FP-11): Windows Delivery Optimization's peers.  Quiet: a DO client over IPv4 and one over IPv6
-- whose peers are mostly asleep.  Found, 25 hosts each: a sweep of 7680 that speaks no DO; a DO peer's sweep of 445;
-- a DO peer's sweep of 7680 200 s after its DO; a sweep of 7680 by a BitTorrent speaker; by a host peers fetch from
T.eq("do-peers-scan: every hunt's findings", every_hunt("do-peers-scan.pcap"),
  "port-scan medium 10.1.30.66 horizontal 25,port-scan medium 10.1.30.67 horizontal 25," ..
  "port-scan medium 10.1.30.68 horizontal 25,port-scan medium 10.1.30.69 horizontal 25,port-scan medium 10.1.30.70 horizontal 25")
g = run("do-peers-scan.pcap", "port-scan")
T.eq("do-peers-scan: a sweep of 7680 without DO", find(g, "10.1.30.66 horizontal").msg, sweep_msg("10.1.30.66", 7680, 25, 25, 0))
T.eq("do-peers-scan: a DO peer's sweep of 445", find(g, "10.1.30.67 horizontal").msg, sweep_msg("10.1.30.67", 445, 25, 25, 0))
T.eq("do-peers-scan: a DO peer's sweep of 7680 minutes later", find(g, "10.1.30.68 horizontal").msg,
  sweep_msg("10.1.30.68", 7680, 25, 25, 0))
T.eq("do-peers-scan: BitTorrent is not DO", find(g, "10.1.30.69 horizontal").msg, sweep_msg("10.1.30.69", 7680, 25, 25, 0))
T.eq("do-peers-scan: peers' handshakes to it are not its own", find(g, "10.1.30.70 horizontal").msg,
  sweep_msg("10.1.30.70", 7680, 25, 25, 0))
T.eq("do-peers: the DO clients at thresholds of 2 hosts and ports: nothing", #run("do-peers.pcap",
  "port-scan", {min_hosts = 2, min_ports = 2}), 0)

-- tiny-fragment (trial atk19 M5): nmap -f's SYNs in 8-byte fragments, --mtu 16's, the same over IPv6, a UDP first
-- fragment of 4 bytes, a 24-byte first fragment and an overlap rewriting its flags, nmap -f's datagram sent last
-- fragment first, nmap -sU -f's 8-byte UDP fragments, an IPv6 first fragment ending inside its extension headers;
-- nmap -f behind a 60-byte IP header; honest fragmentation (EDNS, IPv6 UDP at 1280, big pings) and a whole packet
-- too short for TCP quiet.  The scanner kernel's RSTs to the SYN-ACKs the fragmented SYNs
-- drew are not an injector's (pcaphunt.syn_scan_reset, f.cut_fragment): every hunt's findings are these.
T.eq("tiny-fragment: every hunt's findings", every_hunt("tiny-fragment.pcap"),
  "tiny-fragment medium 10.0.0.90 tiny 30,tiny-fragment medium 10.0.0.91 tiny 5,tiny-fragment medium 2001:db8::91 tiny 1," ..
  "tiny-fragment medium 10.0.0.92 tiny 1,tiny-fragment medium 10.0.0.92 overlap 1,tiny-fragment medium 10.0.0.93 tiny 1," ..
  "tiny-fragment medium 10.0.0.95 inside 2,tiny-fragment medium 10.0.0.95 tiny 1,tiny-fragment medium 10.0.0.96 tiny 1," ..
  "tiny-fragment medium 2001:db8::96 tiny 1,tiny-fragment medium 10.0.0.97 tiny 1")
g = run("tiny-fragment.pcap", "tiny-fragment")
local function tiny_msg(src, what, to)
  return src .. " sent datagrams in fragments no stack makes: the " .. what .. " (the first such datagram to " .. to .. ")"
end
T.eq("tiny-fragment: nmap -f", find(g, "10.0.0.90 tiny").msg,
  tiny_msg("10.0.0.90", "first fragment holds 8 of the 20 bytes of the TCP header", "10.0.0.20:20"))
T.eq("tiny-fragment: nmap -f cites each datagram's first fragment", find(g, "10.0.0.90 tiny").frames[2], 5)
T.eq("tiny-fragment: --mtu 16", find(g, "10.0.0.91 tiny").msg,
  tiny_msg("10.0.0.91", "first fragment holds 16 of the 20 bytes of the TCP header", "10.0.0.21:1"))
T.eq("tiny-fragment: IPv6", find(g, "2001:db8::91 tiny").msg,
  tiny_msg("2001:db8::91", "first fragment holds 8 of the 20 bytes of the TCP header", "[2001:db8::21]:443"))
T.eq("tiny-fragment: a first fragment smaller than any MTU gives", find(g, "10.0.0.92 tiny").msg,
  tiny_msg("10.0.0.92", "first fragment holds 24 bytes, fewer than a 68-byte MTU leaves (48)", "10.0.0.22:80"))
T.eq("tiny-fragment: the overlap", find(g, "10.0.0.92 overlap").msg, "10.0.0.92 sent a TCP fragment that rewrites " ..
  "the TCP header: at offset 8, over the 24 bytes its datagram's first fragment held (to 10.0.0.22)")
T.eq("tiny-fragment: the overlap's frame", find(g, "10.0.0.92 overlap").first_frame, 136)
T.eq("tiny-fragment: UDP", find(g, "10.0.0.93 tiny").msg,
  tiny_msg("10.0.0.93", "first fragment holds 4 of the 8 bytes of the UDP header", "10.0.0.23:53"))
T.eq("tiny-fragment: last fragment first", find(g, "10.0.0.95 inside").msg, "10.0.0.95 sent a TCP fragment at offset " ..
  "16, inside the TCP header, with no tiny first fragment of its datagram before it (to 10.0.0.25)")
T.eq("tiny-fragment: nmap -f behind IP options (a 60-byte header)", find(g, "10.0.0.97 tiny").msg,
  tiny_msg("10.0.0.97", "first fragment holds 8 of the 20 bytes of the TCP header", "10.0.0.27:22"))
T.eq("tiny-fragment: nmap -sU -f", find(g, "10.0.0.96 tiny").msg,
  tiny_msg("10.0.0.96", "first fragment holds 8 bytes, fewer than a 68-byte MTU leaves (48)", "10.0.0.26:161"))
T.eq("tiny-fragment: IPv6 header chain cut", find(g, "2001:db8::96 tiny").msg,
  tiny_msg("2001:db8::96", "first fragment ends inside the IPv6 extension headers", "2001:db8::26"))
local cuts = {}
for _, p in ipairs(T.all(D .. "tiny-fragment.pcap")) do
  if p.fragment_cut then cuts[p.fragment_cut] = (cuts[p.fragment_cut] or 0) + 1 end
end
T.eq("tiny-fragment: p.fragment_cut of every frame", pcaphunt.repr(cuts), pcaphunt.repr({
  ["first fragment holds 8 of the 20 bytes of the TCP header"] = 33, ["first fragment holds 16 of the 20 bytes of the TCP header"] = 5,
  ["first fragment holds 4 of the 8 bytes of the UDP header"] = 1, ["fragment at offset 8 starts inside the TCP header"] = 34,
  ["fragment at offset 16 starts inside the TCP header"] = 37, ["first fragment holds 24 bytes, fewer than a 68-byte MTU leaves (48)"] = 1,
  ["first fragment holds 8 bytes, fewer than a 68-byte MTU leaves (48)"] = 1,
  ["first fragment ends inside the IPv6 extension headers"] = 1}))
-- the flow view: the scanner's side of a fragmented SYN's flow sent a cut first fragment, the target's did not
local cf, target = {}, nil
hunt{name = "cut-view", want = {tcp_flags = "rst"}, packet = function(p, h)
  local f = h:flow(p)
  if f and p.src == "10.0.0.90" then cf[#cf + 1] = tostring(f.cut_fragment) end
  if f and p.src == "10.0.0.20" and target == nil then target = f.cut_fragment end
end}
run("tiny-fragment.pcap", "cut-view")
T.eq("tiny-fragment: f.cut_fragment of the scanner's RSTs (to its open ports 22, 25)", table.concat(cf, " "), "true true")
T.eq("tiny-fragment: f.cut_fragment of the target's first RST", target, false)

-- syn-flood at an overloaded listener (trial real19 s11): two clients that completed connections retry their
-- SYNs with backoff (the same sequence number at 1, 3, 7 s) while the server takes one in five; beside it, hosts
-- that completed a connection flood other ports with fresh SYNs, one from new ports, one from 50 ports that come
-- round with new sequence numbers (hping3): all found, each said as what it shows
T.eq("syn-queued: every hunt's findings", every_hunt("syn-queued.pcap"),
  "syn-flood medium 10.0.0.30 8080 96,syn-flood medium 10.0.0.31 80 150,syn-flood medium 10.0.0.32 80 50," ..
  "syn-flood medium 10.0.0.33 80 120")
g = run("syn-queued.pcap", "syn-flood")
T.eq("syn-queued: the overloaded listener, said as clients retrying", find(g, "10.0.0.30 8080").msg,
  "10.0.0.30 port 8080 received 337 SYNs within 10 s (34/s) that never became connections (no SYN-ACK), from 2 " ..
  "sources, each of which sent other packets in the capture too; 96 incomplete connections in all, 384 SYNs (288 of " ..
  "them the same connections' SYNs again, with backoff), 0 answered with a SYN-ACK. Stacks retrying their SYNs with backoff at a " ..
  "listener that stopped taking connections (its accept queue full: Linux drops SYNs then, unanswered): an overload, " ..
  "by a crowd of real clients or by these hosts' own connections, not a spoofed SYN flood, which sends fresh SYNs " ..
  "(threshold 100 SYNs in 10 s); check the server's listen queue (ss -lnt: Recv-Q at the backlog; ListenOverflows in " ..
  "nstat) and whether these clients' other connections to 10.0.0.30 completed meanwhile")
T.eq("syn-queued: fresh SYNs from a host that is there are still a flood", find(g, "10.0.0.31 80").msg,
  "10.0.0.31 port 80 received 150 SYNs within 10 s (15/s) that never became connections (no ACK after the SYN-ACK, " ..
  "no data), from one source, 10.0.0.43; 150 incomplete connections in all, 150 SYNs, 0 answered with a SYN-ACK. A " ..
  "SYN flood (threshold 100 SYNs in 10 s) fills the server's backlog; check whether real clients' connections to " ..
  "10.0.0.31 failed meanwhile and whether it uses SYN cookies")
T.eq("syn-queued: a flood whose source ports come round (new sequence numbers) is a flood", find(g, "10.0.0.32 80").msg,
  "10.0.0.32 port 80 received 200 SYNs within 10 s (20/s) that never became connections (no ACK after the SYN-ACK, " ..
  "no data), from one source, 10.0.0.44; 50 incomplete connections in all, 200 SYNs, 0 answered with a SYN-ACK. A " ..
  "SYN flood (threshold 100 SYNs in 10 s) fills the server's backlog; check whether real clients' connections to " ..
  "10.0.0.32 failed meanwhile and whether it uses SYN cookies")
T.eq("syn-queued: ports that came round once (one repeat each, at a retransmission's interval) are a flood",
  find(g, "10.0.0.33 80").msg:match("^.-%. A SYN flood") ~= nil, true)
-- GTSM sessions (trial real19 FP-3): a restarted speaker's kernel answers its peer's keepalives with RSTs at its
-- default TTL 64 where the session ran at 255: info, said so (over IPv4 and IPv6); a RST forged 7 hops off a
-- session at 254 stays medium; at 64 then at 128 in one session: the first info, the second medium
T.eq("gtsm-restart: every hunt's findings", every_hunt("gtsm-restart.pcap"),
  "fixed-ttl info flow 10.0.9.2 179 > 10.0.9.1 35570 1,fixed-ttl info flow 2001:db8:9::2 179 > 2001:db8:9::1 35571 1," ..
  "fixed-ttl medium flow 10.0.9.4 179 > 10.0.9.3 35572 1,fixed-ttl info flow 10.0.9.6 179 > 10.0.9.5 35573 1," ..
  "rst-origin info gtsm restart 10.0.9.2 > 10.0.9.1 3,rst-origin info gtsm restart 2001:db8:9::2 > 2001:db8:9::1 3," ..
  "rst-origin medium injected 10.0.9.4 > 10.0.9.3 1,rst-origin info gtsm restart 10.0.9.6 > 10.0.9.5 1," ..
  "rst-origin medium injected 10.0.9.6 > 10.0.9.5 1")
g = run("gtsm-restart.pcap", "rst-origin")
T.eq("gtsm-restart: said as the peer's kernel", find(g, "gtsm restart 10.0.9.2 > 10.0.9.1").msg, "RST 10.0.9.2 > " ..
  "10.0.9.1 at TTL 64 where 10.0.9.2's packets in the session came at 255 (GTSM, RFC 5082): 10.0.9.2's own kernel " ..
  "answering at its default TTL after its application lost the connection (a restart), as many hops away; 10.0.9.1's " ..
  "GTSM socket drops it (below its minimum TTL)")
T.eq("dns-raw: every hunt's findings", every_hunt("dns-raw.pcap"), "wrong-port medium 10.9.1.66 10.9.1.53 not-dns 53 12")
print("done")
