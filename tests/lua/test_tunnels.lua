-- Tunnels and the link layers decoded to the inner packet (issue 11): the seed's packet (frame 3
-- of each q-trojan-*.pcap) inside each encapsulation, with exact tunnel fields, p.outer and
-- p.layers; hostile nesting; the claimed length checked before the captured one.
local T = dofile("tests/lua/lib.lua")

local function seed(name)
  local list = T.all("tests/data/q-trojan-" .. name .. ".pcap")
  T.eq(name .. ": 8 frames", #list, 8)
  local p = list[3]
  T.eq(name .. ": inner ip.src", p.ip and p.ip.src, "255.255.255.255")
  T.eq(name .. ": inner ip.ttl", p.ip and p.ip.ttl, 14)
  T.eq(name .. ": inner tcp.srcport", p.tcp and p.tcp.srcport, 31337)
  T.eq(name .. ": reset cause", p.reset_cause and p.reset_cause.code, "cko")
  T.eq(name .. ": p.src/p.sport", tostring(p.src) .. ":" .. tostring(p.sport), "255.255.255.255:31337")
  T.eq(name .. ": summary", tostring(p), '3 1101200005.123456 255.255.255.255:31337 > 10.0.0.5:515 TCP [R.] len 16 ttl 14 id 0 "Reset cause: cko"')
  T.eq(name .. ": well formed", tostring(p.truncated) .. " " .. tostring(p.malformed), "nil nil")
  return p
end
local function layers(p) return table.concat(p.layers, ",") end

local p = seed("mpls")
T.eq("mpls: layers", layers(p), "frame,eth,mpls,ip,tcp")
T.eq("mpls.label (top)", p.mpls.label, 16001)
T.eq("mpls.exp", p.mpls.exp, 5)
T.eq("mpls.bottom (top entry)", p.mpls.bottom, 0)
T.eq("mpls.ttl", p.mpls.ttl, 64)
T.eq("mpls.labels", table.concat(p.mpls.labels, ","), "16001,299")
T.eq("mpls.count", p.mpls.count, 2)
T.eq("mpls: eth.type", p.eth.type, 0x8847)
T.eq("mpls: no tunnel crossed, no p.outer", p.outer, nil)

p = seed("pppoe")
T.eq("pppoe: layers", layers(p), "frame,eth,pppoes,ppp,ip,tcp")
T.eq("pppoes.session_id", p.pppoes.session_id, 0x2a2a)
T.eq("pppoes.version/type/code", p.pppoes.version .. p.pppoes.type .. p.pppoes.code, "110")
T.eq("pppoes.payload_length", p.pppoes.payload_length, 58)
T.eq("ppp.protocol", p.ppp.protocol, 0x0021)
T.eq("ppp.address absent in PPPoE", p.ppp.address, nil)

p = seed("gre")
T.eq("gre: layers", layers(p), "frame,eth,ip,gre,ip,tcp")
T.eq("gre.proto", p.gre.proto, 0x0800)
T.eq("gre.key", p.gre.key, 0x00010203)
T.eq("gre.sequence_number", p.gre.sequence_number, 7)
T.eq("gre.flags_and_version", p.gre.flags_and_version, 0x3000)
T.eq("gre.checksum absent (C clear)", p.gre.checksum, nil)
T.eq("gre.ack_number absent", p.gre.ack_number, nil)
T.eq("gre: p.eth is the innermost (none inside)", p.eth, nil)
local o = p.outer
T.eq("gre: p.outer.ip.src", o.ip.src, "192.0.2.1")
T.eq("gre: p.outer.ip.dst", o.ip.dst, "192.0.2.2")
T.eq("gre: p.outer.ip.proto", o.ip.proto, 47)
T.eq("gre: p.outer.ip.ttl", o.ip.ttl, 200)
T.eq("gre: p.outer.eth.type", o.eth.type, 0x0800)
T.eq("gre: p.outer.gre.key", o.gre.key, 0x00010203)
T.eq("gre: p.outer has no tcp", o.tcp, nil)
T.eq("gre: p.outer.layers", layers(o), "frame,eth,ip,gre")
T.eq("gre: p.outer.proto", o.proto, "gre")
T.eq("gre: p.outer.outer", o.outer, nil)
T.ok("gre: p.outer is cached", rawequal(p.outer, o))
T.eq("gre: p.outer keeps the frame", o.frame.number .. " " .. #o.data, "3 " .. #p.data)
T.raises("gre: unknown field", function() return p.gre.keyy end, "no field 'keyy' in gre (did you mean key?)")
T.eq("gre: absent tunnel layer is nil", p.vxlan, nil)

p = seed("vxlan")
T.eq("vxlan: layers", layers(p), "frame,eth,ip,udp,vxlan,eth,ip,tcp")
T.eq("vxlan.vni", p.vxlan.vni, 5001)
T.eq("vxlan.flags", p.vxlan.flags, 0x0800)
T.eq("vxlan: inner eth.src", p.eth.src, "00:11:22:33:44:55")
T.eq("vxlan: p.udp is the innermost (none)", p.udp, nil)
T.eq("vxlan: p.outer.udp.dstport", p.outer.udp.dstport, 4789)
T.eq("vxlan: p.outer.udp.srcport", p.outer.udp.srcport, 49152)
T.eq("vxlan: p.outer.proto", p.outer.proto, "udp")

p = seed("geneve")
T.eq("geneve: layers", layers(p), "frame,eth,ip,udp,geneve,eth,ip,tcp")
T.eq("geneve.vni", p.geneve.vni, 7001)
T.eq("geneve.proto_type", p.geneve.proto_type, 0x6558)
T.eq("geneve.version/flags", p.geneve.version .. "/" .. p.geneve.flags, "0/0")
T.eq("geneve: p.outer.udp.dstport", p.outer.udp.dstport, 6081)

p = seed("ipip")
T.eq("ipip: layers", layers(p), "frame,eth,ip,ip,tcp")
T.eq("ipip: p.outer.ip.proto", p.outer.ip.proto, 4)
T.eq("ipip: p.outer.ttl", p.outer.ttl, 200)

p = seed("erspan")
T.eq("erspan: layers", layers(p), "frame,eth,ip,gre,erspan,eth,ip,tcp")
T.eq("erspan.type", p.erspan.type, 2)
T.eq("erspan.version", p.erspan.version, 1)
T.eq("erspan.vlan", p.erspan.vlan, 10)
T.eq("erspan.spanid", p.erspan.spanid, 42)
T.eq("erspan.index", p.erspan.index, 0x12345)
T.eq("erspan.timestamp (type III only)", p.erspan.timestamp, nil)
T.eq("erspan: gre.sequence_number", p.gre.sequence_number, 9)
T.eq("erspan: gre.proto", p.gre.proto, 0x88be)

p = seed("erspan3")
T.eq("erspan3.type", p.erspan.type, 3)
T.eq("erspan3.version", p.erspan.version, 2)
T.eq("erspan3.vlan", p.erspan.vlan, 20)
T.eq("erspan3.cos", p.erspan.cos, 3)
T.eq("erspan3.spanid", p.erspan.spanid, 99)
T.eq("erspan3.timestamp", p.erspan.timestamp, 0xabcdef01)
T.eq("erspan3.sgt", p.erspan.sgt, 0x77)
T.eq("erspan3.hw", p.erspan.hw, 5)
T.eq("erspan3.direction", p.erspan.direction, true)
T.eq("erspan3.ft", p.erspan.ft, 0)
T.eq("erspan3.index (type II only)", p.erspan.index, nil)

p = seed("4in6")
T.eq("4in6: layers", layers(p), "frame,eth,ipv6,ip,tcp")
T.eq("4in6: p.ipv6 is the innermost (none)", p.ipv6, nil)
T.eq("4in6: p.outer.ipv6.src", p.outer.ipv6.src, "2001:db8::1")
T.eq("4in6: p.outer.ipv6.nxt", p.outer.ipv6.nxt, 4)
T.eq("4in6: p.outer.ip", p.outer.ip, nil)

p = seed("ppp")
T.eq("ppp: layers", layers(p), "frame,ppp,ip,tcp")
T.eq("ppp: linktype", p.frame.linktype, 9)
T.eq("ppp.address/control/protocol", p.ppp.address .. " " .. p.ppp.control .. " " .. p.ppp.protocol, "255 3 33")

p = seed("ipnet")
T.eq("ipnet: layers", layers(p), "frame,ipnet,ip,tcp")
T.eq("ipnet.version/family/htype", p.ipnet.version .. " " .. p.ipnet.family .. " " .. p.ipnet.htype, "2 2 64")
T.eq("ipnet.pktlen/ifindex", p.ipnet.pktlen .. " " .. p.ipnet.ifindex, "56 3")

p = seed("nflog")
T.eq("nflog: layers", layers(p), "frame,nflog,ip,tcp")
T.eq("nflog.family/version/res_id", p.nflog.family .. " " .. p.nflog.version .. " " .. p.nflog.res_id, "2 0 5")
T.eq("nflog.hook/protocol", p.nflog.hook .. " " .. p.nflog.protocol, "3 2048")

p = seed("gtp")
T.eq("gtp: layers", layers(p), "frame,eth,ip,udp,gtp,ip,tcp")
T.eq("gtp.teid", p.gtp.teid, 0x11223344)
T.eq("gtp.message", p.gtp.message, 255)
T.eq("gtp.flags", p.gtp.flags, 0x32)
T.eq("gtp.seq_number", p.gtp.seq_number, 77)
T.eq("gtp.length", p.gtp.length, 60)
T.eq("gtp: p.outer.udp.dstport", p.outer.udp.dstport, 2152)

-- Raw-IP captures built here: nesting, cut tunnel headers, claimed lengths.
local function raw_capture(recs)
  local path = os.tmpname()
  local out = {string.pack("<I4I2I2i4I4I4I4", 0xa1b2c3d4, 2, 4, 0, 0, 65535, 101)}
  for i, r in ipairs(recs) do
    local data, wire = r, #r
    if type(r) == "table" then data, wire = r[1], r[2] end
    out[#out + 1] = string.pack("<I4I4I4I4", 1101200000 + i, 0, #data, wire) .. data
  end
  local fh = assert(io.open(path, "wb")); fh:write(table.concat(out)); fh:close()
  local ps = T.all(path)
  os.remove(path)
  return ps
end
local function ip4(proto, l4, total)
  return string.pack(">BBI2I2I2BBI2", 0x45, 0, total or 20 + #l4, 1, 0, 64, proto, 0) ..
    string.char(10, 0, 0, 1, 10, 0, 0, 2) .. l4
end
local tcp20 = string.pack(">I2I2I4I4BBI2I2I2", 1234, 80, 1, 0, 0x50, 0x02, 1024, 0, 0)
local function nest(n) local pk = ip4(6, tcp20) for _ = 1, n do pk = ip4(4, pk) end return pk end

local ps = raw_capture({nest(8), nest(9), ip4(47, string.pack(">I2I2", 0x2000, 0x0800) .. "\1\2"),
  ip4(17, string.pack(">I2I2I2I2", 1, 4789, 12, 0) .. "\8\0\0\0"),
  string.pack(">BBI2I2I2BBI2", 0x45, 0, 30, 1, 0, 64, 6, 0) .. string.char(10, 0, 0, 1, 10, 0, 0, 2) .. tcp20,
  ip4(6, string.pack(">I2I2I4I4BBI2I2I2", 1234, 80, 1, 0, 0x5e, 0x14, 1024, 0, 0)),
  ip4(47, string.pack(">I2I2", 0, 0x0800) .. ip4(6, tcp20), 20 + 4 + 20),
  ip4(17, string.pack(">I2I2I2I2", 9, 9, 8, 0), 24),
  string.pack(">BBI2I2I2BBI2", 0x45, 0, 32, 1, 0x2000, 64, 17, 0) .. string.char(10, 0, 0, 1, 10, 0, 0, 2) ..
    string.pack(">I2I2I2I2", 53, 53, 100, 0) .. "abcd"})
local depth, v = 0, ps[1]
while v.outer do depth = depth + 1; v = v.outer end
T.eq("8 nested IP-in-IP: decoded to the TCP inside", ps[1].tcp and ps[1].tcp.srcport, 1234)
T.eq("8 nested IP-in-IP: p.outer 8 deep", depth, 8)
T.eq("8 nested IP-in-IP: well formed", ps[1].malformed, nil)
T.eq("9 nested IP-in-IP: malformed, not decoded further", ps[2].malformed, "more than 8 nested tunnels")
T.eq("9 nested IP-in-IP: no tcp", ps[2].tcp, nil)
T.eq("GRE key cut short: truncated", ps[3].truncated, "gre header")
T.eq("GRE key cut short: the gre layer", ps[3].gre and ps[3].gre.proto, 0x0800)
T.eq("VXLAN header cut short: truncated", ps[4].truncated, "vxlan header")
T.eq("IP length leaves 10 bytes for a captured 20-byte TCP header: malformed", ps[5].malformed, "ip payload shorter than a tcp header")
T.eq("... not truncated", ps[5].truncated, nil)
T.eq("... the ports are read", ps[5].tcp and ps[5].tcp.srcport, 1234)
T.eq("tcp.flags with AE and the reserved bits (as tshark)", ps[6].tcp.flags, 0xe14)
T.eq("tcp.flags_str ignores the reserved bits", ps[6].tcp.flags_str, "R.")
T.eq("inner IP longer than the GRE payload: malformed", ps[7].malformed, "ipv4 total length exceeds tunnel payload")
T.eq("IP length leaves 4 bytes for a UDP header: malformed", ps[8].malformed, "ip payload shorter than a udp header")

T.eq("first fragment: a UDP length beyond it is not malformed", ps[9].malformed, nil)
T.eq("first fragment: udp.length as claimed", ps[9].udp.length, 100)
T.eq("first fragment: the payload it holds", ps[9].payload, "abcd")

print("done")
