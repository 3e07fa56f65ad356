-- Oracle: compares pcaphunt's fields with tshark's, packet by packet, for one capture.
-- Usage: pcaphunt tests/corpus/oracle.lua FILE
-- Prints "agree N disagree M explained K skipped S" and one line per unexplained disagreement.
-- Explained classes are tshark's choices, not our errors; each is named with its reason.
local path = assert(arg[1], "usage: oracle.lua FILE")

local FIELDS = {"frame.number", "ip.src", "ip.dst", "ip.ttl", "ip.id", "ipv6.src", "ipv6.dst",
                "tcp.srcport", "tcp.dstport", "tcp.flags", "udp.srcport", "udp.dstport"}

local function shell_quote(s) return "'" .. s:gsub("'", "'\\''") .. "'" end

local cmd = "tshark -n -r " .. shell_quote(path) ..
  " -o tcp.desegment_tcp_streams:FALSE -o ip.defragment:FALSE -o ipv6.defragment:FALSE" ..
  " -o ip.check_checksum:FALSE -T fields -E separator=/t -E occurrence=a -E aggregator=,"
for _, f in ipairs(FIELDS) do cmd = cmd .. " -e " .. f end
local h = io.popen(cmd .. " 2>/dev/null")
local ts = {}
for line in h:lines() do
  local row, i = {}, 1
  for v in (line .. "\t"):gmatch("([^\t]*)\t") do row[FIELDS[i]] = v; i = i + 1 end
  ts[tonumber(row["frame.number"])] = row
end
h:close()

local function first(v) if v == nil or v == "" then return nil end return (v:match("^[^,]*")) end
local function count_values(v) if not v or v == "" then return 0 end local _, n = v:gsub(",", ",") return n + 1 end
local function num(v) v = first(v) if not v then return nil end return math.tointeger(tonumber(v)) end

local ours = {}
local cap, err = pcaphunt.open(path)
if not cap then print("open-error " .. err) return end
for p in cap:packets() do
  local r = {bad = p.truncated or p.malformed, proto = p.proto, linktype = p.frame.linktype,
             fragment = (p.ip and (p.ip.mf or p.ip.frag_offset > 0)) or (p.ipv6 and p.ipv6.frag)}
  if p.ip then r.src, r.dst, r.ttl, r.id = p.ip.src, p.ip.dst, p.ip.ttl, p.ip.id end
  if p.ipv6 then r.src6, r.dst6 = p.ipv6.src, p.ipv6.dst end
  if p.tcp then r.sport, r.dport, r.flags = p.tcp.srcport, p.tcp.dstport, p.tcp.flags end
  if p.udp then r.usport, r.udport = p.udp.srcport, p.udp.dstport end
  r.icmp = p.icmp ~= nil or p.icmpv6 ~= nil
  r.has_ip = p.ip ~= nil or p.ipv6 ~= nil
  ours[p.frame.number] = r
end

local agree, disagree, explained, skipped = 0, 0, 0, 0
local classes = {}
local function explain(class) explained = explained + 1; classes[class] = (classes[class] or 0) + 1 end

for n, o in pairs(ours) do
  local t = ts[n]
  if not t then
    skipped = skipped + 1
  elseif o.bad then
    skipped = skipped + 1  -- we flagged the frame truncated/malformed: only well-formed frames are compared
  else
    local diffs = {}
    local function cmp(name, mine, theirs)
      if mine ~= theirs then diffs[#diffs + 1] = name .. " ours=" .. tostring(mine) .. " tshark=" .. tostring(theirs) end
    end
    cmp("ip.src", o.src, first(t["ip.src"]))
    cmp("ip.dst", o.dst, first(t["ip.dst"]))
    cmp("ip.ttl", o.ttl, num(t["ip.ttl"]))
    cmp("ip.id", o.id, num(t["ip.id"]))
    cmp("ipv6.src", o.src6, first(t["ipv6.src"]))
    cmp("ipv6.dst", o.dst6, first(t["ipv6.dst"]))
    cmp("tcp.srcport", o.sport, num(t["tcp.srcport"]))
    cmp("tcp.dstport", o.dport, num(t["tcp.dstport"]))
    cmp("tcp.flags", o.flags, num(t["tcp.flags"]))
    cmp("udp.srcport", o.usport, num(t["udp.srcport"]))
    cmp("udp.dstport", o.udport, num(t["udp.dstport"]))
    if #diffs == 0 then
      agree = agree + 1
    elseif not o.has_ip and (t["ip.src"] ~= "" or t["ipv6.src"] ~= "") then
      explain("link or ethertype we do not decode (tshark finds IP inside)")
    elseif o.icmp then
      explain("ICMP error: tshark lists the quoted packet's ports at top level; we give them as p.icmp.inner")
    elseif count_values(t["ip.src"]) + count_values(t["ipv6.src"]) > 1 or
           (o.src and t["ipv6.src"] ~= "") or (o.src6 and t["ip.src"] ~= "") then
      explain("tunnel (IP in IP, GRE, VXLAN, Teredo …): tshark decodes the inner packet")
    elseif o.usport and not o.sport and t["tcp.srcport"] ~= "" then
      explain("tunnel over UDP: tshark decodes TCP inside")
    elseif o.fragment then
      explain("IP fragment: tshark's choice on first fragments differs")
    else
      disagree = disagree + 1
      print(string.format("DISAGREE %s frame %d: %s", path, n, table.concat(diffs, "; ")))
    end
  end
end
local cl = {}
for k, v in pairs(classes) do cl[#cl + 1] = v .. " × " .. k end
table.sort(cl)
print(string.format("RESULT agree %d disagree %d explained %d skipped %d", agree, disagree, explained, skipped))
for _, c in ipairs(cl) do print("EXPLAINED " .. c) end
