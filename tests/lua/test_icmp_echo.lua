-- ICMP echo identifier and sequence number under Wireshark's names: icmp.ident, icmp.seq (big-endian),
-- icmp.ident_le, icmp.seq_le, icmpv6.echo.identifier, icmpv6.echo.sequence_number; nil on the types
-- that carry none.  Every expected value is tshark 4.0's on the same generated capture:
--   tshark -n -r F -T fields -E occurrence=a -e frame.number -e icmp.type -e icmp.ident -e icmp.seq ...
-- (the other types and cut-short messages are in tests/unit/test_core.c: test_icmp_idseq).
local T = dofile("tests/lua/lib.lua")
local D = "tests/data/"

local function v(x) return x == nil and "-" or tostring(x) end

-- sample.pcap: frame 11 an echo request, frame 13 its reply (tshark: 4660 1 13330 256)
local s = T.all(D .. "sample.pcap")
for _, n in ipairs({11, 13}) do
  local p = s[n]
  T.eq("sample frame " .. n .. ": icmp.ident, seq, ident_le, seq_le (tshark's)",
    table.concat({v(p.icmp.ident), v(p.icmp.seq), v(p.icmp.ident_le), v(p.icmp.seq_le)}, " "), "4660 1 13330 256")
  T.eq("sample frame " .. n .. ": p['icmp.ident'], p['icmp.seq']", v(p["icmp.ident"]) .. " " .. v(p["icmp.seq"]), "4660 1")
  T.eq("sample frame " .. n .. ": no icmpv6 name on ICMP", v(p["icmpv6.echo.identifier"]), "-")
end
T.eq("a TCP packet: icmp.ident nil", s[12]["icmp.ident"], nil)

-- ipid-wrap.pcap: echo requests and replies, identifier 85, sequence counting up (tshark's, every frame)
pcaphunt.use(assert(pcaphunt.open(D .. "ipid-wrap.pcap")))
local got = {}
for num, ty, id, sq, idle, sqle in packets{"icmp.type", "icmp.ident", "icmp.seq", "icmp.ident_le", "icmp.seq_le"} do
  if ty then got[#got + 1] = table.concat({num, ty, v(id), v(sq), v(idle), v(sqle)}, " ") end
end
T.eq("ipid-wrap: packets{icmp.ident, icmp.seq, _le} on every ICMP frame (tshark's)", table.concat(got, "; "),
  "1 8 85 0 21760 0; 2 0 85 0 21760 0; 3 8 85 1 21760 256; 4 0 85 1 21760 256; 5 8 85 2 21760 512; " ..
  "6 0 85 2 21760 512; 7 8 85 3 21760 768; 8 0 85 3 21760 768; 9 8 85 4 21760 1024; 10 0 85 4 21760 1024; " ..
  "11 8 85 5 21760 1280; 12 0 85 5 21760 1280; 17 8 85 6 21760 1536; 18 0 85 6 21760 1536; " ..
  "19 8 85 7 21760 1792; 20 0 85 7 21760 1792; 21 8 85 8 21760 2048; 22 0 85 8 21760 2048; " ..
  "23 8 85 9 21760 2304; 24 0 85 9 21760 2304; 25 8 85 10 21760 2560; 26 0 85 10 21760 2560; " ..
  "27 8 85 11 21760 2816; 28 0 85 11 21760 2816")

-- icmp-idle.pcap: frames 13-24 are port unreachables quoting an echo request: the error has no
-- identifier, the quoted echo has tshark's (its second icmp.ident occurrence is the only one)
local idle = T.all(D .. "icmp-idle.pcap")
local e = idle[13]
T.eq("unreachable: type 3", e.icmp.type, 3)
T.eq("unreachable: icmp.ident nil, icmp.seq nil", v(e.icmp.ident) .. " " .. v(e.icmp.seq) .. " " .. v(e["icmp.ident_le"]), "- - -")
T.eq("unreachable: the quoted echo's ident and seq (tshark's)",
  e.icmp.inner and (v(e.icmp.inner.icmp.ident) .. " " .. v(e.icmp.inner["icmp.seq"])), "4660 1")

-- layers.pcap: frame 9 an ICMPv6 echo request (tshark: identifier 0x0001, sequence 2), frame 12 a
-- destination unreachable (none), frames 10, 11 ICMP errors (none)
local y = T.all(D .. "layers.pcap")
T.eq("icmpv6 echo: echo.identifier, echo.sequence_number (tshark's)",
  v(y[9].icmpv6.echo_identifier) .. " " .. v(y[9].icmpv6.echo_sequence_number), "1 2")
T.eq("icmpv6 echo: by Wireshark's names",
  v(y[9]["icmpv6.echo.identifier"]) .. " " .. v(y[9]["icmpv6.echo.sequence_number"]), "1 2")
T.eq("icmpv6 echo: no icmp.ident (ICMP's name)", y[9]["icmp.ident"], nil)
T.eq("icmpv6 unreachable: nil", v(y[12]["icmpv6.echo.identifier"]) .. " " .. v(y[12]["icmpv6.echo.sequence_number"]), "- -")
T.eq("icmp unreachable, time exceeded: nil", v(y[10]["icmp.ident"]) .. " " .. v(y[11]["icmp.seq"]), "- -")
pcaphunt.use(assert(pcaphunt.open(D .. "route-change.pcap")))
got = {}
for num, id, sq in packets{"icmpv6.echo.identifier", "icmpv6.echo.sequence_number"} do
  if id or sq then got[#got + 1] = num .. " " .. v(id) .. " " .. v(sq) end
end
T.eq("route-change: packets{icmpv6.echo.*} (tshark's: echo replies 11, 13)", table.concat(got, "; "), "11 7 0; 13 7 1")

-- the help a script reads names them
local names = {}
for _, f in ipairs(pcaphunt.fields.icmp) do names[#names + 1] = f.name end
for _, f in ipairs(pcaphunt.fields.icmpv6) do names[#names + 1] = "v6:" .. f.name end
T.eq("pcaphunt.fields: the icmp and icmpv6 fields", table.concat(names, " "),
  "type code checksum inner ident seq ident_le seq_le v6:type v6:code v6:checksum v6:inner v6:echo_identifier v6:echo_sequence_number")
print("done")
