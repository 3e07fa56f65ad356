-- packets{"ip.ttl", "tcp.srcport", ...}: the field-list loop gives, for every field of every layer
-- pcaphunt.fields names, on every packet of every test capture, what p["layer.field"] gives (the
-- frame number first, nil where a layer is absent), both for the fields read from the decoding
-- and for those that need the packet (payload, reset_cause, tcp.stream, dns.*); errors name the
-- bad field at the caller's line.
local T = dofile("tests/lua/lib.lua")
local D = "tests/data/"

-- value → comparable text (lists and tables of scalars compared whole)
local show = T.text

-- every value field: "layer.name" (packet fields by their bare name); layers, packets, methods left out
local skip = {tcp = true, udp = true, ip = true, ipv6 = true, eth = true, vlan = true, sll = true, icmp = true,
  icmpv6 = true, null = true, mpls = true, pppoes = true, ppp = true, gre = true, erspan = true, vxlan = true,
  geneve = true, nflog = true, ipnet = true, gtp = true, dns = true, http = true, tls = true, ssh = true,
  quic = true, frame = true, outer = true, show = true, hex = true, summary = true, has_addr = true, inner = true}
local names = {}
for ly, list in pairs(pcaphunt.fields) do
  for _, f in ipairs(list) do
    if not skip[f.name] then names[#names + 1] = ly == "packet" and f.name or (ly .. "." .. f.name) end
  end
end
table.sort(names)
T.ok("field list: over 200 fields to compare", #names > 200, #names)

local files = {}   -- every test capture
local ls = assert(io.popen("ls tests/data"))
for f in ls:lines() do   -- (cut-short.pcap warns on every reading: left out)
  if (f:match("%.pcap$") or f:match("%.pcapng$")) and f ~= "cut-short.pcap" then files[#files + 1] = f end
end
ls:close()
T.ok("field list: the test captures found", #files > 40, #files)
local CHUNK = 40   -- fields per loop
for _, file in ipairs(files) do
  local path = D .. file
  local fh = io.open(path, "rb")
  if fh then
    fh:close()
    local cap = pcaphunt.open(path)
    if cap then pcaphunt.use(cap) else goto next end
    local want = {}   -- [frame number] = {[name] = text}
    for p in packets() do
      local row = {}
      for _, n in ipairs(names) do row[n] = show(p[n]) end
      want[#want + 1] = row
    end
    local bad, compared = {}, 0
    for first = 1, #names, CHUNK do
      local part = {}
      for i = first, math.min(first + CHUNK - 1, #names) do part[#part + 1] = names[i] end
      local k = 0
      for n, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15, a16, a17, a18, a19, a20,
          a21, a22, a23, a24, a25, a26, a27, a28, a29, a30, a31, a32, a33, a34, a35, a36, a37, a38, a39, a40 in packets(part) do
        k = k + 1
        local got = {a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15, a16, a17, a18, a19, a20,
          a21, a22, a23, a24, a25, a26, a27, a28, a29, a30, a31, a32, a33, a34, a35, a36, a37, a38, a39, a40}
        if want[k] == nil then bad[#bad + 1] = "extra packet " .. n break end
        for i, name in ipairs(part) do
          compared = compared + 1
          if show(got[i]) ~= want[k][name] and #bad < 5 then
            bad[#bad + 1] = string.format("frame %d %s: %s, p[...] gives %s", n, name, show(got[i]), want[k][name])
          end
        end
      end
      if k ~= #want then bad[#bad + 1] = string.format("%d packets, p loop %d", k, #want) end
    end
    T.eq("field list = p[name] on every packet and field of " .. file .. " (" .. compared .. " values)", table.concat(bad, "; "), "")
  end
  ::next::
end

-- the frame number comes first, so a field absent from the first packets does not end the loop
pcaphunt.use(assert(pcaphunt.open(D .. "app-fields.pcap")))
local n, named = 0, 0
for num, q in packets{"dns.qry.name"} do n = n + 1 if q then named = named + 1 end end
T.eq("a loop over a field most packets lack reads every packet", n .. " " .. named, "17 3")
-- a filter in the list
local got = {}
pcaphunt.use(assert(pcaphunt.open(D .. "q-trojan.pcap")))
for num, src, sport in packets{"ip.src", "tcp.srcport", filter = "tcp port 515"} do got[#got + 1] = num .. "=" .. src .. ":" .. sport end
T.eq("filter = bpf", table.concat(got, " "), "3=255.255.255.255:31337 7=255.255.255.255:31337")
-- cap:packets{...}
local cap = pcaphunt.open(D .. "q-trojan.pcap")
local ttls = {}
for num, ttl in cap:packets{"ip.ttl"} do ttls[#ttls + 1] = ttl end
T.eq("cap:packets{...}", table.concat(ttls, ","), "64,64,14,64,64,64,14,64")
-- errors, at the caller's line
T.raises("an unknown field", function() for _ in packets{"ip.tll"} do end end, "packets{...}: no field 'ip.tll'")
T.raises("a layer is no value", function() for _ in packets{"tcp"} do end end, "'tcp' is a layer or a packet, not a value")
-- a misspelt name: the same hint as p["tcp.dstprot"] gives (the closest value's name), else what names look like
local function listerr(name) return T.errmsg(function() for _ in packets{"ip.ttl", name} do end end) end
T.eq("a misspelt full name: did you mean", listerr("tcp.dstprot"), "packets{...}: no field 'tcp.dstprot' (did you mean tcp.dstport?)")
T.eq("... the same name p[...] suggests", T.errmsg(function() return T.all(D .. "q-trojan.pcap")[1]["tcp.dstprot"] end),
  "no field 'tcp.dstprot' in packet (did you mean tcp.dstport?)")
T.eq("a misspelt Wireshark name: did you mean", listerr("tcp.flags.sin"), "packets{...}: no field 'tcp.flags.sin' (did you mean tcp.flags.syn?)")
T.eq("a misspelt dotted name: suggested dotted", listerr("icmpv6.echo.identifer"),
  "packets{...}: no field 'icmpv6.echo.identifer' (did you mean icmpv6.echo.identifier?)")
T.eq("... and p[...] suggests it dotted too", T.errmsg(function() return T.all(D .. "q-trojan.pcap")[1]["icmpv6.echo.identifer"] end),
  "no field 'icmpv6.echo.identifer' in packet (did you mean icmpv6.echo.identifier?)")
T.eq("a misspelt packet field: did you mean", listerr("dprt"), "packets{...}: no field 'dprt' (did you mean dport?)")
T.eq("a misspelt layer: no layer suggested (no value)", listerr("tpc"),
  "packets{...}: no field 'tpc' (a name as Wireshark writes it: ip.ttl, tcp.srcport, dns.qry.name)")
T.eq("nothing close: what names look like", listerr("xyz.abc"),
  "packets{...}: no field 'xyz.abc' (a name as Wireshark writes it: ip.ttl, tcp.srcport, dns.qry.name)")
T.raises("a method is no field", function() for _ in packets{"summary"} do end end, "'summary' is a method, not a field")
T.raises("an empty list", function() for _ in packets{} do end end, "name the fields to read")
T.raises("a bad filter", function() for _ in packets{"ip.ttl", filter = "tcp port banana"} do end end, "banana")
print("done")
