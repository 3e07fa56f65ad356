-- Issue 15: application fields (dns, http, tls, ssh, quic), tcp.stream / udp.stream numbered as
-- tshark numbers them, p.conversation, p:has_addr, Wireshark names through p["dns.qry.name"], and
-- the dns-tunnel and wrong-port hunts on their generated captures.  The JA3/JA3S values are
-- tshark 4.0's on tests/data/app-fields.pcap; JA4 is FoxIO's algorithm (tshark 4.0 has none).
local T = dofile("tests/lua/lib.lua")
local D = "tests/data/"
pcaphunt.use(assert(pcaphunt.open(D .. "app-fields.pcap")))
local P = {}
for p in packets() do P[p.frame.number] = p end
local function list(t) return t and table.concat(t, ",") end

-- DNS: query, answer with compressed names in every section
local q, r = P[1].dns, P[2].dns
T.eq("dns.id", q.id, 0x1234)
T.eq("dns.flags_response query", q.flags_response, false)
T.eq("dns.flags_rcode nil on a query (as Wireshark)", q.flags_rcode, nil)
T.eq("dns.qry_name", q.qry_name, "www.example.com")
T.eq("dns.qry_type", q.qry_type, 1)
T.eq("dns.heuristic on 53", q.heuristic, false)
T.eq("dns.flags_response answer", r.flags_response, true)
T.eq("dns.flags_rcode", r.flags_rcode, 0)
T.eq("dns.count_answers", r.count_answers, 3)
T.eq("dns.count_add_rr", r.count_add_rr, 2)
T.eq("dns.cname", list(r.cname), "web.example.com")
T.eq("dns.a", list(r.a), "93.184.216.34,93.184.216.35")
T.eq("dns.aaaa (additional section)", list(r.aaaa), "2001:db8::1")
T.eq("dns.txt: one entry per string", list(r.txt), "v=spf1 -all,hello")
T.eq("dns.resp_ttl unsigned", list(r.resp_ttl), "300,60,60,4000000000,3600")
T.eq("dns.resp_name", list(r.resp_name), "www.example.com,web.example.com,web.example.com,web.example.com,example.com")
T.eq("dns.resp_type", list(r.resp_type), "5,1,1,28,16")
T.ok("dns lists are cached", r.a == r.a)
T.eq("dns: a whole message is neither truncated nor malformed", r.malformed or r.truncated, nil)
-- a question name pointing at itself
T.eq("dns: pointer loop gives no name", P[3].dns.qry_name, nil)
T.eq("dns: pointer loop flagged", P[3].dns.malformed, "dns name pointer loops or runs past the message")
-- port heuristic
T.eq("dns on 5300 found by content", P[4].dns and P[4].dns.qry_name, "files.example.org")
T.eq("dns on 5300 marked heuristic", P[4].dns.heuristic, true)
T.eq("noise on 9999 is not DNS", P[5].dns, nil)
T.eq("noise on 53 is DNS by port, malformed", P[6].dns and P[6].dns.malformed, "dns record runs past the message")

-- HTTP
local hq, hr = P[9].http, P[10].http
T.eq("http.request", hq.request, true)
T.eq("http.request_method", hq.request_method, "GET")
T.eq("http.request_uri", hq.request_uri, "/index.html?q=1")
T.eq("http.request_version", hq.request_version, "HTTP/1.1")
T.eq("http.host", hq.host, "www.example.com")
T.eq("http.user_agent", hq.user_agent, "curl/8.0")
T.eq("http.response_code on a request", hq.response_code, nil)
T.eq("http.response_code", hr.response_code, 404)
T.eq("http.server", hr.server, "nginx/1.24")
T.eq("http.content_type", hr.content_type, "text/html; charset=utf-8")
T.eq("http: a SYN has none", P[7].http, nil)

-- TLS
local ch, sh = P[11].tls, P[12].tls
T.eq("tls.handshake_type ClientHello", ch.handshake_type, 1)
T.eq("tls.handshake_version", ch.handshake_version, 0x0303)
T.eq("tls.record_version", ch.record_version, 0x0301)
T.eq("tls supported_version", ch.handshake_extensions_supported_version, 0x0304)
T.eq("tls SNI", ch.handshake_extensions_server_name, "secure.example.com")
T.eq("tls ALPN", list(ch.handshake_extensions_alpn_str), "h2,http/1.1")
T.eq("tls ciphers (GREASE kept in the list)", list(ch.handshake_ciphersuite), "14906,4865,4866,4867,49195,49199,156")
T.eq("tls.handshake_ja3_full (tshark's)", ch.handshake_ja3_full, "771,4865-4866-4867-49195-49199-156,0-23-10-11-16-13-43,29-23,0")
T.eq("tls.handshake_ja3 (tshark's)", ch.handshake_ja3, "ddae641d0371db6db7ded15394e20857")
T.eq("tls.handshake_ja4", ch.handshake_ja4, "t13d0607h2_db2546af4a66_38dbf9c86be1")
T.eq("tls: no JA3S on a ClientHello", ch.handshake_ja3s, nil)
T.eq("tls.handshake_type ServerHello", sh.handshake_type, 2)
T.eq("tls.handshake_ja3s_full (tshark's)", sh.handshake_ja3s_full, "771,4865,43-51")
T.eq("tls.handshake_ja3s (tshark's)", sh.handshake_ja3s, "f4febc55ea12b31ae17cfb7e614afda8")
T.eq("tls: no JA3 or JA4 on a ServerHello", (sh.handshake_ja3 or sh.handshake_ja4), nil)

-- SSH, QUIC
T.eq("ssh.protocol", P[13].ssh.protocol, "SSH-2.0-OpenSSH_9.2p1 Debian-2")
T.eq("quic.version", P[14].quic.version, 1)
T.eq("quic.dcid", P[14].quic.dcid, "0102030405060708")
T.eq("quic.scid empty is nil", P[14].quic.scid, nil)

-- Wireshark names
T.eq('p["dns.qry.name"]', P[1]["dns.qry.name"], "www.example.com")
T.eq('p["tls.handshake.ja3"]', P[11]["tls.handshake.ja3"], "ddae641d0371db6db7ded15394e20857")
T.eq('p["http.response.code"]', P[10]["http.response.code"], 404)
T.eq('p["tcp.srcport"]', P[9]["tcp.srcport"], 40010)
T.eq('p["dns.qry.name"] on an HTTP packet is nil', P[9]["dns.qry.name"], nil)
T.raises("an unknown full name still raises", function() return P[1]["dns.qry.nmae"] end, "no field 'dns.qry.nmae' in packet")

-- conversations, numbered as tshark numbers them
local function streams(proto)
  local out = {}
  for i = 1, #P do local l = P[i][proto] if l then out[#out + 1] = i .. ":" .. l.stream end end
  return table.concat(out, " ")
end
T.eq("udp.stream in order of first appearance", streams("udp"), "1:0 2:0 3:1 4:2 5:3 6:4 14:5")
T.eq("tcp.stream: a repeated SYN stays, a new ISN on the same ports starts anew", streams("tcp"),
  "7:0 8:0 9:0 10:0 11:1 12:1 13:2 15:0 16:3 17:3")
local c = P[10].conversation
T.eq("conversation.stream", c.stream, 0)
T.eq("conversation.packets so far", c.packets, 4)
T.eq("conversation.packets_sent by the server", c.packets_sent, 2)
T.eq("conversation.bytes_received by the server", c.bytes_received, 90)
T.eq("conversation.from_initiator", c.from_initiator, false)
T.eq("conversation.established", c.established, true)
T.eq("conversation of a UDP packet", P[2].conversation.proto, "udp")
T.eq("a kept packet keeps its conversation as it was", P[9].conversation.packets, 3)

-- a loop over files keeps no conversation index until a script asks (a replay reads the files
-- again then): the numbers and totals are the same whenever and in whatever order they are asked
local function conv_of(p)
  local c, l = p.conversation, p.tcp or p.udp
  return p.frame.capture .. "." .. p.frame.number .. "=" .. (l and l.stream or "-") ..
         (c and "/" .. c.packets .. "/" .. c.bytes .. "/" .. tostring(c.from_initiator) or "")
end
local function asked(from, order, ...)   -- asks in the loop from the from-th packet on, then the rest in order
  local kept, out, i = {}, {}, 0
  for p in packets(...) do
    i = i + 1
    if i >= from then out[i] = conv_of(p) else kept[#kept + 1] = {i, p} end
  end
  if order == "reverse" then for j = #kept, 1, -1 do out[kept[j][1]] = conv_of(kept[j][2]) end
  elseif order == "odd-even" then
    for j = 1, #kept, 2 do out[kept[j][1]] = conv_of(kept[j][2]) end
    for j = 2, #kept, 2 do out[kept[j][1]] = conv_of(kept[j][2]) end
  else for j = 1, #kept do out[kept[j][1]] = conv_of(kept[j][2]) end end
  return table.concat(out, " ")
end
local all = asked(1)
T.eq("conversations asked from the first packet", all:sub(1, 40), "1.1=0/1/33/true 1.2=0/2/174/false 1.3=1/")
for _, from in ipairs{1, 5, 11, 18} do
  for _, order in ipairs{"forward", "reverse", "odd-even"} do
    T.eq("conversations asked from packet " .. from .. " on, the earlier ones " .. order .. ": the same", asked(from, order), all)
  end
end
local icmp = assert(pcaphunt.open(D .. "icmp-backscatter.pcap"))
pcaphunt.use(icmp, assert(pcaphunt.open(D .. "ipv6-flows.pcap")), assert(pcaphunt.open(D .. "app-fields.pcap")))
local merged = asked(1)
T.ok("three captures as one stream: conversations numbered", #merged > 200 and merged:find("3.17=", 1, true) ~= nil)
for _, from in ipairs{2, 40, 1000} do
  T.eq("three captures, asked from packet " .. from .. " on, the earlier ones in reverse: the same", asked(from, "reverse"), merged)
end
T.eq("three captures, packets(\"udp\"): the same late as early", asked(30, "reverse", "udp"), asked(1, "forward", "udp"))
local inner = {}
for p in icmp:packets() do inner[#inner + 1] = p.icmp and p.icmp.inner or false end
local quoted = {}
for j = #inner, 1, -1 do
  local q = inner[j]
  quoted[j] = q and tostring(q.udp and q.udp.stream or q.tcp and q.tcp.stream) .. "/" .. tostring(q.conversation) or "-"
end
local quoted_early = {}
for p in icmp:packets() do
  local q = p.icmp and p.icmp.inner
  quoted_early[#quoted_early + 1] = q and tostring(q.udp and q.udp.stream or q.tcp and q.tcp.stream) .. "/" .. tostring(q.conversation) or "-"
end
T.eq("an ICMP error's quoted packet, asked after the loop in reverse: its own conversation as asked in the loop",
     table.concat(quoted, " "), table.concat(quoted_early, " "))
T.ok("... which is numbered", table.concat(quoted, " "):find("^%-? ?%d+/nil") ~= nil or table.concat(quoted, " "):find(" %d+/nil") ~= nil)
pcaphunt.use(assert(pcaphunt.open(D .. "app-fields.pcap")))
T.eq("p:has_addr address", P[9]:has_addr("10.0.0.80"), true)
T.eq("p:has_addr prefix", P[9]:has_addr("10.0.0.0/24"), true)
T.eq("p:has_addr other", P[9]:has_addr("10.0.1.0/24"), false)
T.eq("p:has_addr other version", P[9]:has_addr("::1"), false)
T.raises("p:has_addr bad", function() return P[9]:has_addr("nope") end, "not an address or prefix: nope")
T.eq("find() with a predicate over app fields", #find(function(p) return p.dns and p.dns.flags_response end), 2)

-- hunts: conversations are numbered for a hunt only when it asks
hunt{name = "streams-on", conversations = true, packet = function(p, h)
  if p.frame.number == 17 then h:report{msg = "stream " .. p.tcp.stream .. " packets " .. p.conversation.packets} end end}
-- (a hunt without conversations = true that reads them stops with an error: tests/cli/cases.sh)
T.eq("hunt with conversations = true", hunt("streams-on")[1].msg, "stream 3 packets 2")

-- the bundled hunts
local function keys(file, name, opts)
  pcaphunt.use(assert(pcaphunt.open(D .. file)))
  local out = {}
  for _, g in ipairs(hunt(name, opts)) do out[#out + 1] = g.key .. "=" .. g.count end
  table.sort(out)
  return table.concat(out, ";")
end
T.eq("dns-tunnel: both tunnels", keys("dns-tunnel.pcap", "dns-tunnel"),
  "10.0.0.66 tunnel-example.net=11;10.0.0.67 exfil-example.org=11")
T.eq("dns-tunnel: TXT share alone finds the TXT tunnel", keys("dns-tunnel.pcap", "dns-tunnel", {id_bits = 10000}),
  "10.0.0.66 tunnel-example.net=11")
T.eq("dns-tunnel: normal lookups stay quiet", keys("dns-normal.pcap", "dns-tunnel"), "")
T.eq("dns-tunnel: app-fields stays quiet", keys("app-fields.pcap", "dns-tunnel"), "")
T.eq("wrong-port: each protocol off its port, and noise on 53", keys("wrong-port.pcap", "wrong-port"),
  "10.0.0.5 10.0.0.53 not-dns 53=2;10.0.0.5 dns 8053=1;10.0.0.5 http 6666=1;10.0.0.5 ssh 443=1;" ..
  "10.0.0.5 tls 8081=1;10.0.0.53 10.0.0.54 not-dns 53=2")
T.eq("wrong-port: services on their ports stay quiet", keys("right-port.pcap", "wrong-port"), "")
print("done")
