-- Oracle: compares pcaphunt's fields with tshark's, packet by packet, for one capture.
-- Usage: pcaphunt tests/corpus/oracle.lua FILE
-- Compared per frame, each one "field value" (a list when the frame has several occurrences):
--   ip.src ip.dst ip.ttl ip.id ipv6.src ipv6.dst tcp.srcport tcp.dstport tcp.flags udp.srcport
--   udp.dstport icmp.ident icmp.seq icmp.ident_le icmp.seq_le icmpv6.echo.identifier
--   icmpv6.echo.sequence_number: every occurrence in frame order, ours gathered from p.outer … p and
--     the packet an ICMP error quotes (p.icmp.inner), as tshark lists tunnels and quotes;
--   mpls.label (the innermost stack), gre.proto gre.key vxlan.vni geneve.vni pppoe.session_id
--     ppp.protocol erspan.spanid nflog.res_id gtp.teid sll.etype sll.ltype sll.gretype (the innermost
--     of each: tshark's last occurrence);
--   frame.protocols: tshark's list cut at the first protocol we do not decode, against p.layers;
--   frame.time_epoch: tshark's nine digits against p.frame.time (six digits padded with zeros; a
--     pcapng 2^-n resolution coarser than a microsecond is cut to six, as tcpdump prints it).
-- Prints "RESULT agree N disagree M explained K skipped S values V vagree A vexplained E vdisagree D",
-- "EXPLAINED n × reason" per explained class, "DISAGREE" lines for the rest, and per field compared
-- "FIELDSTAT name values V agree A explained E disagree D".
-- Explained classes are tshark's choices or protocols we do not decode, each named with its reason.
local path = assert(arg[1], "usage: oracle.lua FILE")

local LISTS = {"ip.src", "ip.dst", "ip.ttl", "ip.id", "ipv6.src", "ipv6.dst", "tcp.srcport", "tcp.dstport",
               "tcp.flags", "udp.srcport", "udp.dstport", "icmp.ident", "icmp.seq", "icmp.ident_le", "icmp.seq_le",
               "icmpv6.echo.identifier", "icmpv6.echo.sequence_number"}
local LASTS = {"gre.proto", "gre.key", "vxlan.vni", "geneve.vni", "pppoe.session_id", "ppp.protocol",
               "erspan.spanid", "nflog.res_id", "gtp.teid", "sll.etype", "sll.ltype", "sll.gretype"}
local TSHARK = {"frame.number", "frame.protocols", "mpls.label", "frame.time_epoch"}
for _, f in ipairs(LISTS) do TSHARK[#TSHARK + 1] = f end
for _, f in ipairs(LASTS) do TSHARK[#TSHARK + 1] = f end

local function shell_quote(s) return "'" .. s:gsub("'", "'\\''") .. "'" end

local cmd = "tshark -n -r " .. shell_quote(path) ..
  " -o tcp.desegment_tcp_streams:FALSE -o ip.defragment:FALSE -o ipv6.defragment:FALSE" ..
  " -o ip.check_checksum:FALSE -T fields -E separator=/t -E occurrence=a -E aggregator=,"
for _, f in ipairs(TSHARK) do cmd = cmd .. " -e " .. f end
local h = io.popen(cmd .. " 2>/dev/null")
local ts = {}
for line in h:lines() do
  local row, i = {}, 1
  for v in (line .. "\t"):gmatch("([^\t]*)\t") do row[TSHARK[i]] = v; i = i + 1 end
  ts[tonumber(row["frame.number"])] = row
end
h:close()

-- a value as text: numbers (decimal or 0x…) as decimal integers
local function norm(v)
  local n = math.tointeger(tonumber(v))
  return n and tostring(n) or v
end
local function split(v)
  local t = {}
  if v and v ~= "" then for x in v:gmatch("[^,]+") do t[#t + 1] = norm(x) end end
  return t
end

-- the names of p.layers that tshark's frame.protocols uses, in our spelling
local KNOWN = {eth = true, vlan = true, ieee8021ad = "vlan", sll = true, null = true, ip = true, ipv6 = true,
               tcp = true, udp = true, icmp = true, icmpv6 = true, mpls = true, pppoes = true, ppp = true,
               gre = true, erspan = true, vxlan = true, geneve = true, nflog = true, ipnet = true, gtp = true}
local SKIP = {ethertype = true, raw = true, ["ipv6.hopopts"] = true, ["ipv6.routing"] = true, ["ipv6.fraghdr"] = true,
              ["ipv6.dstopts"] = true, ah = true}
-- tshark's frame.protocols cut where our decoding stops: at the first protocol we do not decode
-- (returned as `stop`), after an ICMP message (we give its quote as p.icmp.inner)
local function tshark_layers(protos)
  local out, stop = {}, nil
  for name in (protos or ""):gmatch("[^:]+") do
    if not SKIP[name] then
      local k = KNOWN[name]
      if not k then stop = name break end
      if k ~= true then name = k end
      if not (name == "vlan" and out[#out] == "vlan") then out[#out + 1] = name end
      if name == "icmp" or name == "icmpv6" then break end
    end
  end
  return table.concat(out, ":"), stop
end

local function views(p)
  local vs = {}
  while p do table.insert(vs, 1, p); p = p.outer end
  return vs
end
local function add(acc, k, v) if v ~= nil then acc[k][#acc[k] + 1] = norm(tostring(v)) end end
local function collect(p, acc)
  for _, v in ipairs(views(p)) do
    if v.ip then add(acc, "ip.src", v.ip.src); add(acc, "ip.dst", v.ip.dst); add(acc, "ip.ttl", v.ip.ttl); add(acc, "ip.id", v.ip.id) end
    if v.ipv6 then add(acc, "ipv6.src", v.ipv6.src); add(acc, "ipv6.dst", v.ipv6.dst) end
    if v.tcp then add(acc, "tcp.srcport", v.tcp.srcport); add(acc, "tcp.dstport", v.tcp.dstport); add(acc, "tcp.flags", v.tcp.flags) end
    if v.udp then add(acc, "udp.srcport", v.udp.srcport); add(acc, "udp.dstport", v.udp.dstport) end
    if v.icmp then
      add(acc, "icmp.ident", v.icmp.ident); add(acc, "icmp.seq", v.icmp.seq)
      add(acc, "icmp.ident_le", v.icmp.ident_le); add(acc, "icmp.seq_le", v.icmp.seq_le)
    end
    if v.icmpv6 then
      add(acc, "icmpv6.echo.identifier", v.icmpv6.echo_identifier)
      add(acc, "icmpv6.echo.sequence_number", v.icmpv6.echo_sequence_number)
    end
  end
  local ic = p.icmp or p.icmpv6
  if ic and ic.inner then collect(ic.inner, acc) end
end

local function ours_of(p)
  local acc = {}
  for _, f in ipairs(LISTS) do acc[f] = {} end
  collect(p, acc)
  local r = {lists = {}, bad = p.truncated or p.malformed}
  for _, f in ipairs(LISTS) do r.lists[f] = table.concat(acc[f], ",") end
  local last = {}
  if p.gre then last["gre.proto"] = p.gre.proto; last["gre.key"] = p.gre.key end
  if p.vxlan then last["vxlan.vni"] = p.vxlan.vni end
  if p.geneve then last["geneve.vni"] = p.geneve.vni end
  if p.pppoes then last["pppoe.session_id"] = p.pppoes.session_id end
  if p.ppp then last["ppp.protocol"] = p.ppp.protocol end
  if p.erspan then last["erspan.spanid"] = p.erspan.spanid end
  if p.nflog then last["nflog.res_id"] = p.nflog.res_id end
  if p.gtp then last["gtp.teid"] = p.gtp.teid end
  if p.sll then last["sll.etype"] = p.sll.etype; last["sll.ltype"] = p.sll.ltype; last["sll.gretype"] = p.sll.gretype end
  r.last = last
  r.labels = p.mpls and table.concat(p.mpls.labels, ",") or ""
  local ls = {}
  for i = 2, #p.layers do ls[#ls + 1] = p.layers[i] end
  r.layers = table.concat(ls, ":")
  r.gtp = p.gtp ~= nil
  r.ip_options = p.ip and p.ip.hdr_len > 20
  r.fragment = (p.ip and (p.ip.mf or p.ip.frag_offset > 0)) or (p.ipv6 and p.ipv6.frag)
  r.time = p.frame.time
  return r
end

local ours = {}
local cap, err = pcaphunt.open(path)
if not cap then print("open-error " .. err) return end
for p in cap:packets() do ours[p.frame.number] = ours_of(p) end
local nanosecond = cap.nanosecond

local agree, disagree, explained, skipped = 0, 0, 0, 0
local vagree, vexplained, vdisagree = 0, 0, 0
local classes = {}
local fstat, forder = {}, {}   -- per field: values compared, explained, disagree (the rest agree), in a fixed order
for _, f in ipairs(LISTS) do forder[#forder + 1] = f end
for _, f in ipairs(LASTS) do forder[#forder + 1] = f end
for _, f in ipairs({"mpls.label", "frame.time_epoch", "frame.protocols"}) do forder[#forder + 1] = f end
for _, f in ipairs(forder) do fstat[f] = {values = 0, explained = 0, disagree = 0} end
local function fs(name) return fstat[name] end
local function explain(class, n) explained = explained + 1; vexplained = vexplained + n; classes[class] = (classes[class] or 0) + 1 end

-- the reason tshark's value differs, or nil when there is none we know of
local function reason(o, t, diffs, stop)
  local protos = t["frame.protocols"] or ""
  if not o.gtp and protos:find(":udp:gtp") then
    return "GTP control plane (UDP 2123): only GTP-U (2152), which carries user packets, is decoded"
  end
  if o.bad then return "frame we flag truncated or malformed: tshark shows what it could read (" .. o.bad .. ")" end
  if stop and protos:find(":" .. stop .. ":.*ip") then
    return "tunnel or link protocol we do not decode (" .. stop .. "): tshark lists the packet inside"
  end
  if stop and (protos:match("^" .. stop) or protos:find("^eth:ethertype:" .. stop)) then
    return "link or ethertype we do not decode (" .. stop .. ")"
  end
  if o.fragment then return "IP fragment: tshark's choice on first fragments differs" end
  if #diffs == 1 and diffs[1]:match("^ip%.dst ") and o.ip_options then
    return "IPv4 source-route option: tshark's ip.dst is the route's final address, ours the header's"
  end
  return nil
end

for n, o in pairs(ours) do
  local t = ts[n]
  if not t then
    skipped = skipped + 1
  else
    local diffs, dnames, nv = {}, {}, 0
    local function cmp(name, mine, theirs)
      if (mine or "") == "" and (theirs or "") == "" then return end
      nv = nv + 1
      fs(name).values = fs(name).values + 1
      if mine ~= theirs then
        diffs[#diffs + 1] = name .. " ours=" .. tostring(mine) .. " tshark=" .. tostring(theirs)
        dnames[#dnames + 1] = name
      end
    end
    for _, f in ipairs(LISTS) do cmp(f, o.lists[f], table.concat(split(t[f]), ",")) end
    for _, f in ipairs(LASTS) do
      local all = split(t[f])
      cmp(f, o.last[f] and norm(tostring(o.last[f])) or "", all[#all] or "")
    end
    local labels = split(t["mpls.label"])
    local mine = o.labels
    local _, nmine = mine:gsub("[^,]+", "")
    local tail = {}
    for i = math.max(1, #labels - nmine + 1), #labels do tail[#tail + 1] = labels[i] end
    cmp("mpls.label", mine, table.concat(tail, ","))
    -- the time: exact digits; six of ours are tshark's nine when the last three are zeros
    local time_why
    local theirs_t, six = t["frame.time_epoch"] or "", o.time:match("^-?%d+%.%d%d%d%d%d%d$")
    local mine_t = six and o.time .. "000" or o.time
    if theirs_t ~= "" and mine_t ~= theirs_t then
      local frac = o.time:match("%.(%d+)$") or ""
      if six and theirs_t:sub(1, #o.time) == o.time and theirs_t:match("^-?%d+%.%d%d%d%d%d%d%d%d%d$") then
        time_why = "pcapng 2^-n time stamp resolution coarser than a microsecond: cut to six digits, as tcpdump prints it"
      elseif (#frac ~= 6 and #frac ~= 9) or (#frac == 9 and not nanosecond) then
        time_why = "a record's fraction of a second or more (an invalid time stamp): printed as the file says it, as tcpdump does"
      else
        cmp("frame.time_epoch", mine_t, theirs_t)
      end
    elseif theirs_t ~= "" then
      cmp("frame.time_epoch", mine_t, theirs_t)
    end
    local tl, stop = tshark_layers(t["frame.protocols"])
    local ol = o.layers
    if stop == nil or #ol > #tl then cmp("frame.protocols", ol, tl)
    else cmp("frame.protocols", ol:sub(1, #tl), tl) end   -- ours may go on where tshark's known names stop
    if #diffs == 0 and time_why then
      vagree = vagree + nv
      explain(time_why, 1)
    elseif #diffs == 0 then
      agree = agree + 1
      vagree = vagree + nv
    else
      if time_why then vexplained = vexplained + 1 end
      vagree = vagree + nv - #diffs
      local why = reason(o, t, diffs, stop)
      for _, d in ipairs(dnames) do
        if why then fs(d).explained = fs(d).explained + 1 else fs(d).disagree = fs(d).disagree + 1 end
      end
      if why then explain(why, #diffs)
      else
        disagree = disagree + 1
        vdisagree = vdisagree + #diffs
        print(string.format("DISAGREE %s frame %d: %s [%s]", path, n, table.concat(diffs, "; "), t["frame.protocols"]))
      end
    end
  end
end
local cl = {}
for k, v in pairs(classes) do cl[#cl + 1] = v .. " × " .. k end
table.sort(cl)
print(string.format("RESULT agree %d disagree %d explained %d skipped %d values %d vagree %d vexplained %d vdisagree %d",
  agree, disagree, explained, skipped, vagree + vexplained + vdisagree, vagree, vexplained, vdisagree))
for _, c in ipairs(cl) do print("EXPLAINED " .. c) end
for _, f in ipairs(forder) do
  local st = fstat[f]
  print(string.format("FIELDSTAT %s values %d agree %d explained %d disagree %d", f, st.values,
    st.values - st.explained - st.disagree, st.explained, st.disagree))
end
