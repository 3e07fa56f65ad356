-- The Linux cooked header's protocol field under Wireshark's names: sll.etype (an EtherType), sll.ltype
-- (a Linux protocol type, 0x0600 or below), sll.gretype (on an IP-over-GRE interface), each nil where
-- tshark has none; sll.protocol stays the raw field.  Expected values are tshark 4.0's on the same
-- frames (and on every hatype 0-1099 with protocols 0x0800, 0x0004, 0x0600: only 778 and 824 differ).
local T = dofile("tests/lua/lib.lua")
local D = "tests/data/"
local function v(x) return x == nil and "-" or tostring(x) end
local function names(p)
  return table.concat({v(p["sll.etype"]), v(p["sll.ltype"]), v(p["sll.gretype"]), v(p.sll.protocol)}, " ")
end

-- the generated captures (tshark: sll.etype 0x0800, 0x86dd; no ltype, no gretype)
for _, f in ipairs({"sll.pcap", "sll2.pcap"}) do
  local ps = T.all(D .. f)
  T.eq(f .. ": sll.etype, ltype, gretype, protocol (tshark's)", names(ps[1]) .. "; " .. names(ps[2]),
    "2048 - - 2048; 34525 - - 34525")
  T.eq(f .. ": p.sll.etype", ps[1].sll.etype, 0x0800)
end
pcaphunt.use(assert(pcaphunt.open(D .. "sll.pcap")))
local got = {}
for n, e in packets{"sll.etype"} do got[#got + 1] = n .. "=" .. v(e) end
T.eq("packets{'sll.etype'}", table.concat(got, " "), "1=2048 2=34525")
pcaphunt.use(assert(pcaphunt.open(D .. "sample.pcap")))
for _, e in packets{"sll.etype"} do got = e break end
T.eq("Ethernet: sll.etype nil", got, nil)

-- every case, on SLL frames written here: {hatype, protocol, tshark's etype ltype gretype}
local cases = {
  {1, 0x0800, "2048 - -"}, {1, 0x0601, "1537 - -"}, {1, 0x0600, "- 1536 -"}, {1, 0x0004, "- 4 -"},
  {280, 0x000c, "- 12 -"},   -- CAN
  {778, 0x0800, "- - 2048"}, {778, 0x0004, "- 4 -"},   -- IP over GRE
  {824, 0x0800, "- - -"}, {824, 0x0004, "- - -"},   -- netlink
  {803, 0x0800, "2048 - -"}, {65534, 0x86dd, "34525 - -"},
}
local udp = string.pack(">I1I1I2I2I2I1I1I2c4c4I2I2I2I2", 0x45, 0, 28, 1, 0, 64, 17, 0, "\10\0\0\1", "\10\0\0\2", 1, 2, 8, 0)
os.execute("mkdir -p tests/out")
for _, link in ipairs({{113, "sll"}, {276, "sll2"}}) do
  local path = "tests/out/sll-names-" .. link[2] .. ".pcap"
  local fh = assert(io.open(path, "wb"))
  fh:write(string.pack("<I4I2I2i4I4I4I4", 0xa1b2c3d4, 2, 4, 0, 0, 65535, link[1]))
  for i, c in ipairs(cases) do
    local hdr
    if link[1] == 113 then hdr = string.pack(">I2I2I2c8I2", 0, c[1], 6, "\0\17\34\51\68\85\0\0", c[2])
    else hdr = string.pack(">I2I2I4I2I1I1c8", c[2], 0, 2, c[1], 0, 6, "\0\17\34\51\68\85\0\0") end
    local frame = hdr .. udp
    fh:write(string.pack("<I4I4I4I4", 1000 + i, 0, #frame, #frame), frame)
  end
  fh:close()
  local ps = T.all(path)
  local out, want = {}, {}
  for i, c in ipairs(cases) do
    local p = ps[i]
    out[#out + 1] = c[1] .. "/" .. c[2] .. ": " .. v(p["sll.etype"]) .. " " .. v(p["sll.ltype"]) .. " " .. v(p["sll.gretype"])
    want[#want + 1] = c[1] .. "/" .. c[2] .. ": " .. c[3]
  end
  T.eq(link[2] .. ": etype, ltype, gretype by hatype and protocol (tshark's)", table.concat(out, "; "), table.concat(want, "; "))
  os.remove(path)
end
print("done")
