-- Wireshark's display-filter names (lua/fields.c: field_aliases): every name a field has besides
-- our layer.name ("tcp.flags.syn" for tcp.syn, "pppoe.session_id" for pppoes.session_id) reads, on
-- every packet of every test capture, what p.layer.name reads (nil where the layer is absent),
-- through p["..."] and through packets{...}; names we cannot serve as one value (ip.addr, tcp.port)
-- raise a message saying what to use instead, wherever they are read.
local T = dofile("tests/lua/lib.lua")
local D = "tests/data/"

local show = T.text

-- alias -> {layer, our name}, from pcaphunt.fields (the same table __index reads)
local aliases, count = {}, 0
for layer, list in pairs(pcaphunt.fields) do
  for _, f in ipairs(list) do
    for name in (f.wireshark or ""):gmatch("%S+") do
      T.eq("alias " .. name .. " is given once", aliases[name], nil)
      aliases[name] = {layer, f.name}
      count = count + 1
    end
  end
end
T.ok("aliases: the flags, ip.flags.*, pppoe.*, gre.key.*", count >= 25, count)
-- the names the newcomer tried, and their fields
local expect = {
  ["tcp.flags.syn"] = "tcp.syn", ["tcp.flags.ack"] = "tcp.ack_flag", ["tcp.flags.fin"] = "tcp.fin",
  ["tcp.flags.reset"] = "tcp.reset", ["tcp.flags.push"] = "tcp.push", ["tcp.flags.urg"] = "tcp.urg",
  ["tcp.flags.ece"] = "tcp.ece", ["tcp.flags.ecn"] = "tcp.ece", ["tcp.flags.cwr"] = "tcp.cwr",
  ["tcp.flags.ae"] = "tcp.ae", ["tcp.flags.ns"] = "tcp.ae", ["ip.flags.df"] = "ip.df", ["ip.flags.mf"] = "ip.mf",
  ["ip.flags.rb"] = "ip.rb", ["tcp.seq_raw"] = "tcp.seq", ["tcp.ack_raw"] = "tcp.ack",
  ["vlan.priority"] = "vlan.pcp", ["pppoe.session_id"] = "pppoes.session_id", ["gre.key.call_id"] = "gre.call_id",
  ["gre.flags.version"] = "gre.version", ["ipv6.fraghdr.more"] = "ipv6.frag_more", ["ipv6.fraghdr.ident"] = "ipv6.frag_id",
}
for name, field in pairs(expect) do
  local a = aliases[name]
  T.eq("alias " .. name, a and (a[1] .. "." .. a[2]), field)
end
-- names that are ours already (layer.name) and need no alias
local own = {"tcp.hdr_len", "tcp.window_size_value", "udp.length", "icmp.code", "frame.cap_len", "ip.dsfield",
  "ip.hdr_len", "tcp.urgent_pointer", "dns.qry.name", "tls.handshake.extensions_server_name"}

local names = {}
for name in pairs(aliases) do names[#names + 1] = name end
table.sort(names)
local files = {}
local ls = assert(io.popen("ls tests/data"))
for f in ls:lines() do
  if (f:match("%.pcap$") or f:match("%.pcapng$")) and f ~= "cut-short.pcap" then files[#files + 1] = f end
end
ls:close()
local compared, present, bad = 0, {}, {}
for _, file in ipairs(files) do
  local cap = pcaphunt.open(D .. file)
  if cap then
    pcaphunt.use(cap)
    local want = {}
    for p in packets() do
      local row = {}
      for _, n in ipairs(names) do
        local layer, field = aliases[n][1], aliases[n][2]
        local view = p[layer]
        local ours = view and view[field]
        local got = p[n]
        compared = compared + 1
        if show(got) ~= show(ours) and #bad < 5 then
          bad[#bad + 1] = string.format("%s frame %d %s: %s, p.%s.%s gives %s", file, p.frame.number, n, show(got), layer, field, show(ours))
        end
        if view then present[n] = true end
        row[n] = show(ours)
      end
      for _, n in ipairs(own) do
        local layer, rest = n:match("^(%w+)%.(.*)$")
        local view = p[layer]
        local ours = view and view[(rest:gsub("%.", "_"))]
        if show(p[n]) ~= show(ours) and #bad < 5 then bad[#bad + 1] = file .. " " .. n end
      end
      want[#want + 1] = row
    end
    local k = 0
    for num, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15, a16, a17, a18, a19, a20,
        a21, a22, a23, a24, a25, a26, a27, a28, a29, a30 in packets(names) do
      k = k + 1
      local got = {a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15, a16, a17, a18, a19, a20,
        a21, a22, a23, a24, a25, a26, a27, a28, a29, a30}
      for i, n in ipairs(names) do
        if show(got[i]) ~= want[k][n] and #bad < 5 then
          bad[#bad + 1] = string.format("%s frame %d packets{%q}: %s, want %s", file, num, n, show(got[i]), want[k][n])
        end
      end
    end
    if k ~= #want and #bad < 5 then bad[#bad + 1] = file .. ": packets{...} read " .. k .. " packets of " .. #want end
    cap:close()
  end
end
T.ok("fewer than 31 aliases (the loop above reads 30 values)", #names <= 30, #names)
T.eq("p[alias] and packets{alias} = p.layer.name on every packet of every test capture (" .. compared .. " values)",
  table.concat(bad, "; "), "")
local missing = {}
for _, n in ipairs(names) do if not present[n] then missing[#missing + 1] = n end end
T.eq("every alias is compared on a packet that has its layer", table.concat(missing, " "), "")

-- names that hold either side's value: a message saying what to use instead
pcaphunt.use(assert(pcaphunt.open(D .. "q-trojan.pcap")))
local p
for q in packets() do p = q break end
local function err(f) local ok, e = pcall(f) return not ok and e or "no error" end
local function here() return "tests/lua/test_wireshark_names.lua:" .. debug.getinfo(2, "l").currentline .. ": " end
local ADDR = "'ip.addr' is Wireshark's source-or-destination address, two values in one name: use p:has_addr(a) (true when either is a), or p.src and p.dst"
local PORT = "'tcp.port' is Wireshark's source-or-destination port, two values in one name: use p.sport and p.dport (p.tcp.srcport, p.tcp.dstport)"
T.eq("p['ip.addr']", err(function() return p["ip.addr"] end), here() .. ADDR)
T.eq("p['tcp.port']", err(function() return p["tcp.port"] end), here() .. PORT)
T.eq("p.ip.addr", err(function() return p.ip.addr end), here() .. ADDR)
T.eq("p.tcp.port", err(function() return p.tcp.port end), here() .. PORT)
T.eq("p['udp.port']", err(function() return p["udp.port"] end), here() ..
  "'udp.port' is Wireshark's source-or-destination port, two values in one name: use p.sport and p.dport (p.udp.srcport, p.udp.dstport)")
T.eq("p['ipv6.addr']", err(function() return p["ipv6.addr"] end), here() ..
  "'ipv6.addr' is Wireshark's source-or-destination address, two values in one name: use p:has_addr(a) (true when either is a), or p.src and p.dst")
T.eq("p['eth.addr']", err(function() return p["eth.addr"] end), here() ..
  "'eth.addr' is Wireshark's source-or-destination address, two values in one name: use p.eth.src and p.eth.dst")
T.eq("packets{'ip.addr'}", err(function() for _ in packets{"ip.addr"} do end end), here() .. "packets{...}: " .. ADDR)
T.eq("packets{'tcp.port'}", err(function() for _ in packets{"ip.ttl", "tcp.port"} do end end), here() .. "packets{...}: " .. PORT)
-- on a UDP packet the absent tcp layer still reads nil by its Wireshark names
local u = T.all(D .. "sample.pcap", "udp")[1]
T.eq("an absent layer's alias is nil", u["tcp.flags.syn"], nil)
T.eq("an unknown name is still no field", err(function() return p["tcp.flags.sin"] end), here() ..
  "no field 'tcp.flags.sin' in packet (did you mean tcp.flags.syn?)")
print("done")
