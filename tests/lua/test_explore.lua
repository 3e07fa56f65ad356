-- Exploring helpers: find, packet lists, summary, pcaphunt.repr/escape/fields, hunt("name"),
-- hunt(), h.flows.  packets(), find() and hunt() read the session's captures (pcaphunt.use).
local T = dofile("tests/lua/lib.lua")
pcaphunt.use(assert(pcaphunt.open("tests/data/sample.pcap")))

-- find with BPF (applied in C) and with a function
local l = find("tcp port 515")
T.eq("find bpf: count", #l, 2)
T.eq("find bpf: frames", l[1].frame.number .. "," .. l[2].frame.number, "12,14")
T.eq("find bpf: prints numbered", tostring(l),
  '[1] 12 1101200005.123456 255.255.255.255:31337 > 10.0.0.5:515 TCP [R.] len 16 ttl 14 id 0 "Reset cause: cko"\n' ..
  '[2] 14 1101200007.370368 255.255.255.255:31337 > 10.0.0.5:515 TCP [R.] len 16 ttl 14 id 0 "Reset cause: cko"')
local q = find(function(p) return p.ip and p.ip.ttl == 14 and p.ip.id == 0 end)
T.eq("find fn: the Q Trojan packets", #q, 2)
T.eq("find fn: same packets as bpf", q[2].frame.number, 14)
T.eq("find nothing prints so", tostring(find("port 9")), "(no packets)")
T.eq("find(): every packet", #find(), 21)
T.raises("find fn error names the frame and the nil layer",
  function() find(function(p) return p.tcp.dstport == 515 end) end,
  "find: frame 1: tests/lua/test_explore.lua:19: attempt to index a nil value (field 'tcp') (p.tcp is nil for packets without tcp")
T.raises("find wrong argument", function() find(42) end, "find: give a BPF expression")
T.raises("find bad bpf", function() find("port banana") end, 'bad filter "port banana"')

-- packet lists: find, show, write
local rst = find("tcp"):find(function(p) return p.tcp.rst end)
T.eq("list:find", #rst, 2)
local path = os.tmpname()
T.eq("list:write returns the count", q:write(path), 2)
local back = T.all(path)
T.eq("list:write: packets read back", #back .. " " .. back[1].ip.ttl .. " " .. back[2].tcp.dstport, "2 14 515")
os.remove(path)
T.raises("list:show out of range", function() q:show(5) end, "show: no packet 5 in a list of 2")

-- more than 50 packets: the printout is bounded
local many = setmetatable({}, pcaphunt.PacketList)
for i = 1, 60 do many[i] = q[1] end
local text = tostring(many)
local lines = select(2, text:gsub("\n", "\n")) + 1
T.eq("long list: 50 lines and a tail", lines, 51)
T.ok("long list: tail says how many", text:find("... and 10 more: 60 packets in all", 1, true))

-- summary
local s = summary()
T.eq("summary packets", s.packets, 21)
T.eq("summary bytes", s.bytes, 1354)
T.eq("summary rst", s.rst, 2)
T.eq("summary rst with cause", s.rst_with_cause, 2)
T.eq("summary reset causes", s.reset_causes.cko, 2)
T.eq("summary protocols", s.protocols.tcp .. " " .. s.protocols.udp .. " " .. s.protocols.icmp .. " " .. s.protocols.arp, "16 2 2 1")
T.eq("summary talkers", s.talkers["255.255.255.255"], 2)
T.eq("summary duration", string.format("%.6f", s.duration), "20.234560")
T.eq("summary text", tostring(s), table.concat({
  "21 packets, 1354 bytes on the wire, 2004-11-23 08:53:14.000000 .. 2004-11-23 08:53:34.234560 UTC (20.235 s)",
  "protocols:    tcp 16, icmp 2, udp 2, arp 1",
  "top talkers:  10.0.0.5 10, 192.168.1.10 3, 192.168.1.20 3, 10.0.0.1 2, 255.255.255.255 2  (packets sent)",
  "TCP resets:   2, 2 of them with a reset cause",
  "reset causes: cko 2 (SonicWALL: TCP reset sent to the responder (connection cache cleanup))"}, "\n"))
T.eq("summary of one capture", summary(assert(pcaphunt.open("tests/data/q-trojan.pcap"))).rst, 8)

-- repr: what the shell prints
local repr = pcaphunt.repr
T.eq("repr string escaped", repr("a\27[2J\"\\"), '"a\\x1b[2J\\"\\\\"')
T.eq("repr table sorted, flat", repr({ttl = 14, src = "255.255.255.255", 1, 2}), '{1, 2, src = "255.255.255.255", ttl = 14}')
T.eq("repr odd keys", repr({["not id"] = true, [10] = 1, ["end"] = 2}), '{[10] = 1, ["end"] = 2, ["not id"] = true}')
T.eq("repr depth bounded", repr({a = {b = {c = {d = 1}}}}), "{a = {b = {c = {...}}}}")
local cyc = {}
cyc.self = cyc
T.eq("repr cycle", repr(cyc), "{self = {...} (a cycle)}")
T.eq("repr packet is its summary", repr(q[1]), tostring(q[1]))
T.eq("repr layer", repr(q[1].udp), "nil")
T.ok("repr layer fields", repr(q[1].ip):find('^ip {version = 4, src = "255.255.255.255", dst = "10.0.0.5", ttl = 14, id = 0,') ~= nil, repr(q[1].ip))
local long = {}
for i = 1, 100 do long[i] = i end
local r = repr(long)
T.ok("repr long list bounded", r:find("... (50 more)", 1, true) ~= nil and not r:find("51", 1, true), r)
T.ok("repr __pairs proxy walks it", repr(pcaphunt.reset_codes):find('cko = {', 1, true) ~= nil)
T.eq("repr long string", repr(string.rep("x", 500)), '"' .. string.rep("x", 400) .. '"... (500 bytes)')

-- escape and fields
T.eq("escape", pcaphunt.escape("Reset cause: cko\0\r\n\t\255\"\\"), 'Reset cause: cko\\x00\\r\\n\\t\\xff\\"\\\\')
T.eq("fields: tcp srcport help", pcaphunt.fields.tcp[1].name .. " = " .. pcaphunt.fields.tcp[1].help, "srcport = source port")
T.eq("fields: every layer", #pcaphunt.fields.frame .. " " .. #pcaphunt.fields.icmpv6, "8 6")

-- hunt(): the list; hunt("name"): one hunt over the captures, fresh each time
local hs = hunt()
T.eq("hunt() lists the bundled hunts", #hs, 16)
T.eq("hunt() first", hs[1].name .. " " .. hs[1].severity, "backdoor-ports medium")
T.ok("hunt() prints a line per hunt", select(2, tostring(hs):gsub("\n", "")) == 15)
local f = hunt("q-trojan")
T.eq("hunt q-trojan: one group", #f, 1)
T.eq("hunt q-trojan: group", f[1].hunt .. " " .. f[1].severity .. " " .. f[1].count .. " " .. f[1].first_frame .. " " .. f[1].last_frame,
  "q-trojan high 2 12 14")
T.eq("hunt q-trojan: endpoints", f[1].src .. ":" .. f[1].sport .. " > " .. f[1].dst .. ":" .. f[1].dport, "255.255.255.255:31337 > 10.0.0.5:515")
T.eq("hunt q-trojan: reset code", f[1].reset_code, "cko")
T.ok("hunt q-trojan: prints the report", tostring(f):find("^%[high%] q%-trojan: packets once taken for the Q Trojan %(all 7 traits") ~= nil, tostring(f))
T.eq("hunt group: first_time_iso", f[1].first_time_iso, "2004-11-23T08:53:25.123456Z")
T.eq("hunt group: last_time_iso", f[1].last_time_iso, "2004-11-23T08:53:27.370368Z")
T.eq("hunt group: epoch time kept", f[1].first_time, 1101200005.123456)
T.eq("hunt group: one capture, no file", f[1].file, nil)
local again = hunt("q-trojan")
T.eq("hunt again: fresh findings, same count", again[1].count, 2)
pcaphunt.use(assert(pcaphunt.open("tests/data/clean.pcap")))
T.eq("hunt nothing found", tostring(hunt("unsolicited-rst")), "hunt unsolicited-rst: nothing found in " .. #find() .. " packets")
T.eq("hunt nothing found: empty list", #hunt("q-trojan"), 0)
pcaphunt.use(assert(pcaphunt.open("tests/data/sample.pcap")))
T.raises("hunt unknown", function() hunt("nope") end, "hunt: no hunt named 'nope' (hunt() lists them)")
T.raises("hunt with an option the hunt lacks", function() hunt("fixed-ttl", {max_hop = 0}) end,
  "hunt fixed-ttl has no option 'max_hop' (did you mean max_hops?)")
local function err(f)
  local ok, e = pcall(f)
  return ok and "no error" or (tostring(e):gsub("^[^:]*:%d+: ", ""))
end
T.eq("hunt option of the wrong type", err(function() hunt("fixed-ttl", {max_hops = "abc"}) end),
  'hunt fixed-ttl: max_hops wants a number (default 16), not "abc"')
T.eq("hunt option: a numeric string is not a number", err(function() hunt("fixed-ttl", {max_hops = "8"}) end),
  'hunt fixed-ttl: max_hops wants a number (default 16), not "8"')
T.eq("hunt option: boolean for a number", err(function() hunt("fixed-ttl", {min_packets = true}) end),
  'hunt fixed-ttl: min_packets wants a number (default 2), not true')
local ft = hunt("fixed-ttl", {max_hops = 0})
T.ok("hunt with options: max_hops 0 explains fewer TTLs", #ft > #hunt("fixed-ttl", {max_hops = 16}))

-- h.flows: [p], #, pairs
local seen = {}
hunt{
  name = "flows-probe", severity = "info", filter = "tcp port 515",
  packet = function(p, h)
    local fl = h.flows[p]
    seen.index = fl and (fl.src .. " " .. fl.sport .. " " .. fl.packets_sent)
  end,
  finish = function(h)
    seen.len = #h.flows
    local n, initiators = 0, 0
    for _, fl in pairs(h.flows) do
      n = n + 1
      if fl.initiator then initiators = initiators + 1 end
    end
    seen.pairs, seen.initiators = n, initiators
    seen.nonpacket = h.flows[42]
  end,
}
hunt("flows-probe")
T.eq("h.flows[p]: the flow before this packet (the second of two)", seen.index, "255.255.255.255 31337 1")
T.eq("#h.flows counts the flows", seen.len, seen.pairs)
T.eq("pairs(h.flows) walks them: two web, ping, Q Trojan (DNS ended 10 s after its answer)", seen.pairs, 4)
T.eq("pairs(h.flows) from the initiator", seen.initiators, seen.pairs)
T.eq("h.flows[not a packet]", seen.nonpacket, nil)
print("done")
