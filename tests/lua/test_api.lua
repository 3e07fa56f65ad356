-- Captures, BPF filtering, kept packets, the writer and the reset table in Lua.
local T = dofile("tests/lua/lib.lua")

-- BPF filtering happens in C; a bad filter raises libpcap's message
local cap = assert(pcaphunt.open("tests/data/sample.pcap"))
T.eq("cap.linktype", cap.linktype, 1)
T.eq("cap.linktype_name", cap.linktype_name, "EN10MB")
T.eq("cap.name", cap.name, "tests/data/sample.pcap")
local n = 0
for p in cap:packets("tcp port 515") do n = n + 1; T.eq("filter: only port 515 (" .. n .. ")", p.tcp.dstport, 515) end
T.eq("filter: two Q Trojan packets", n, 2)
n = 0
for _ in cap:packets() do n = n + 1 end
T.eq("second iteration starts again", n, 21)
n = 0
for _ in cap:packets("udp") do n = n + 1 end
T.eq("filter udp", n, 2)
T.raises("bad filter raises libpcap's message", function() cap:packets("tcp port banana") end,
  'bad filter "tcp port banana": ')
cap:close()
T.raises("closed capture", function() cap:packets() end, "capture is closed")
local none, err = pcaphunt.open("tests/data/does-not-exist.pcap")
T.eq("open missing: nil", none, nil)
T.eq("open missing: message", err, "tests/data/does-not-exist.pcap: No such file or directory")
none, err = pcaphunt.open("tests/data/not-a-capture.txt")
T.eq("open non-capture: message", err, "tests/data/not-a-capture.txt: not a capture file")

-- Packets kept in a table stay valid and correct after the iteration moved on
local kept = {}
for p in assert(pcaphunt.open("tests/data/sample.pcap")):packets() do kept[#kept + 1] = p end
collectgarbage()
local good = 0
for i, p in ipairs(kept) do
  if p.frame.number == i and #p.data == p.frame.cap_len then good = good + 1 end
end
T.eq("kept: all 21 intact", good, 21)
T.eq("kept: frame 12 still the seed packet", tostring(kept[12]),
  '12 1101200005.123456 255.255.255.255:31337 > 10.0.0.5:515 TCP [R.] len 16 ttl 14 id 0 "Reset cause: cko"')
T.eq("kept: frame 7 payload", kept[7].payload, "GET / HTTP/1.0\r\n\r\n")
local ip_of_12 = kept[12].ip
kept[12] = nil
collectgarbage()
T.eq("layer view keeps its packet alive", ip_of_12.ttl, 14)

-- Writer round trip: records byte-identical
local out = os.tmpname()
local w = pcaphunt.writer(out)
local src = T.all("tests/data/sample.pcap", "tcp")
for _, p in ipairs(src) do w:write(p) end
T.eq("writer: count", w:close(), #src)
local back = T.all(out)
T.eq("writer: re-read count", #back, #src)
local same = 0
for i = 1, #src do
  if back[i].data == src[i].data and back[i].frame.time == src[i].frame.time and back[i].frame.len == src[i].frame.len then
    same = same + 1
  end
end
T.eq("writer: identical bytes and times", same, #src)
local f = io.open(out, "rb"); local bytes = f:read("a"); f:close()
local f2 = io.open("tests/data/sample.pcap", "rb"); local orig = f2:read("a"); f2:close()
T.eq("writer: first record byte-identical to the input's", bytes:sub(25, 24 + 16 + 74), orig:sub(25 + 16 + 42 + 16 + 71 + 16 + 71, 24 + 16 + 42 + 16 + 71 + 16 + 71 + 16 + 74))
os.remove(out)
local ns = T.all("tests/data/nanosecond.pcap")
local w2 = pcaphunt.writer(out, assert(pcaphunt.open("tests/data/nanosecond.pcap")))
w2:write(ns[1]); w2:close()
T.eq("writer: nanosecond precision kept", T.all(out)[1].frame.time, "1101200000.123456789")
os.remove(out)
local w3 = pcaphunt.writer(out)
w3:write(T.all("tests/data/raw.pcap")[1])
w3:write(src[1])
T.eq("writer: a second link type makes pcapng", w3:close(), 2)
local mixed = T.all(out)
T.eq("writer: pcapng frames keep their link types", mixed[1].frame.linktype .. " " .. mixed[2].frame.linktype, "12 1")
T.eq("writer: pcapng frames keep their bytes", mixed[2].data, src[1].data)
T.eq("writer: pcapng frames keep their times", mixed[2].frame.time, src[1].frame.time)
T.raises("writer: closed", function() w3:write(src[1]) end, "writer is closed")
os.remove(out)
-- time-stamp resolution: a microsecond file becomes a nanosecond one at the first finer packet
local late = T.all("tests/data/tsresol-late.pcapng")
T.eq("writer: pcapng frames at their interface's resolution", late[1].frame.time .. " " .. late[2].frame.time,
  "1101200005.123456 1101200006.123456789")
local w4 = pcaphunt.writer(out)
w4:write(late[1]); w4:write(late[2])
T.eq("writer: a nanosecond packet makes the microsecond file nanosecond", w4:close(), 2)
local back = T.all(out)
T.eq("writer: times kept exactly", back[1].frame.time .. " " .. back[2].frame.time, "1101200005.123456000 1101200006.123456789")
f = io.open(out, "rb"); T.eq("writer: nanosecond magic", f:read(4), "\x4d\x3c\xb2\xa1"); f:close()
os.remove(out)
local w5 = pcaphunt.writer(out)
w5:write(late[1]); w5:write(late[3]); w5:close()
f = io.open(out, "rb"); T.eq("writer: microsecond packets, microsecond magic", f:read(4), "\xd4\xc3\xb2\xa1"); f:close()
os.remove(out)
T.raises("writer: bad path", function() pcaphunt.writer("/nonexistent-dir/x.pcap"):write(src[1]) end,
  "/nonexistent-dir/x.pcap: ")

-- Reset table
local row = pcaphunt.reset_codes.cko
T.eq("reset_codes.cko.vendor", row.vendor, "SonicWALL")
T.eq("reset_codes.cko.category", row.category, "connection-cache cleanup")
T.eq("reset_codes.ehfp.product", pcaphunt.reset_codes.ehfp.product, "SonicOS Enhanced")
T.eq("reset_codes.fpts.product", pcaphunt.reset_codes.fpts.product, "SonicOS Standard and pre-SonicOS")
T.eq("reset_codes any case", pcaphunt.reset_codes.CKO.code, "cko")
T.eq("reset_codes ietf:17", pcaphunt.reset_codes["ietf:17"].meaning, "middlebox interference")
T.eq("reset_codes F5 text", pcaphunt.reset_codes["No server selected"].vendor, "F5")
T.eq("reset_codes unknown", pcaphunt.reset_codes.zzz, nil)
T.raises("reset_codes read-only", function() pcaphunt.reset_codes.x = 1 end, "read-only")
local codes = 0
for code, r in pairs(pcaphunt.reset_codes) do if r.vendor == "SonicWALL" then codes = codes + 1 end end
T.eq("pairs: all 11 SonicWALL codes", codes, 11)
local c = pcaphunt.reset_cause("Reset cause: rlc")
T.eq("reset_cause(text).meaning", c.meaning, "licensing restriction enforced: connection limit exceeded")
T.eq("reset_cause(binary).known", pcaphunt.reset_cause("\x33\xaa\x00\x04").meaning, "abort")
T.eq("reset_cause(junk).category", pcaphunt.reset_cause("\1\2\255").category, "RST data, no cause")
T.eq("reset_cause('') is nil", pcaphunt.reset_cause(""), nil)
T.eq("reset_cause('') returns one value, nil (not none)", select("#", pcaphunt.reset_cause("")), 1)
T.eq("reset_codes ietf:4 names no product (absent, not an empty string)", pcaphunt.reset_codes["ietf:4"].product, nil)
T.eq("reset_cause of an IETF payload: no product", pcaphunt.reset_cause("\x33\xaa\x00\x04").product, nil)
T.eq("reset_cause of a SonicWALL code: its product", pcaphunt.reset_cause("Reset cause: ehfp").product, "SonicOS Enhanced")

-- Every payload form on the wire
local r = T.all("tests/data/reset-causes.pcap")
local want = {
  {"cko", true, "reset-cause"}, {"EHNC", true, "reset-cause"}, {"rctcpo", true, "bare"},
  {"zzz", false, "reset-cause"}, {"ietf:14", false, "ietf"}, {"No server selected [vip 10.1.1.1:443]", true, "prefix"},
  {"Flow expired (sweeper)", true, "prefix"}, {nil, false, "binary"}, {nil, false, "binary"},
  {"ietf:99", false, "ietf"},
}
for i, wv in ipairs(want) do
  local rc = r[i].reset_cause
  T.eq("wire form " .. i .. " code", rc and rc.code, wv[1])
  T.eq("wire form " .. i .. " known", rc and rc.known, wv[2])
  T.eq("wire form " .. i .. " form", rc and rc.form, wv[3])
end
T.eq("ietf pen", r[5].reset_cause.pen, 12345)
T.eq("ietf pen: the enterprise's reason, not the registry's", r[5].reset_cause.meaning, "reset cause not in the table")
T.eq("junk category", r[8].reset_cause.category, "RST data, no cause")
T.eq("hostile text kept raw in .text", r[9].reset_cause.text, "Reset cause: \27[2J")
T.ok("hostile text escaped in tostring", tostring(r[9]):find('"Reset cause: \\x1b[2J"', 1, true) ~= nil, tostring(r[9]))
T.eq("RST without payload: no cause", r[11].reset_cause, nil)
T.eq("cause-like text without RST: no cause", r[12].reset_cause, nil)
-- Site codes apply to packets decoded afterwards
pcaphunt.add_reset_code{code = "zzz", vendor = "Acme", category = "proxy", meaning = "idle timeout at the Acme proxy"}
T.eq("site code via reset_cause()", pcaphunt.reset_cause("Reset cause: zzz").vendor, "Acme")
T.eq("site code on packets", T.all("tests/data/reset-causes.pcap")[4].reset_cause.meaning, "idle timeout at the Acme proxy")
T.eq("site code in reset_codes", pcaphunt.reset_codes.zzz.category, "proxy")
T.raises("add_reset_code needs code", function() pcaphunt.add_reset_code{meaning = "x"} end, "field 'code'")

-- pcaphunt.endpoint: address and port as the summary lines write them; an IPv6 address in brackets
T.eq("endpoint ipv4", pcaphunt.endpoint("10.0.0.5", 515), "10.0.0.5:515")
T.eq("endpoint ipv6", pcaphunt.endpoint("2001:db8::5", 515), "[2001:db8::5]:515")
T.eq("endpoint ipv6 loopback", pcaphunt.endpoint("::1", 31337), "[::1]:31337")
-- and no bundled hunt joins an address and a port by hand (an IPv6 address would run into its port)
for _, name in ipairs({"backdoor-ports", "dns-tunnel", "fixed-ttl", "icmp-backscatter", "port-scan", "q-trojan",
    "reset-cause", "rst-injection", "rst-origin", "spoofed-source", "syn-flood", "tcp-flags", "unsolicited-rst",
    "wrong-port", "zero-ipid"}) do
  local src = assert(io.open("scripts/" .. name .. ".lua")):read("a")
  T.ok(name .. ": no address:port joined by hand", not src:find("%s:%d", 1, true) and not src:find("%s:%s", 1, true) and
    not src:find('.. ":" ..', 1, true))
end

print("done")
