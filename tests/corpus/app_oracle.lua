-- Oracle for the application fields and conversation indexes (issue 15): compares pcaphunt's
-- values with tshark's, field by field, for one capture (no reassembly on either side).
-- Usage: pcaphunt tests/corpus/app_oracle.lua FILE
-- Prints "FIELD name agree N disagree M explained K" per field and one DISAGREE line per
-- unexplained difference.  Scalars compare tshark's first occurrence; the DNS record lists
-- compare whole.  An ICMP error is compared through the packet it quotes (p.icmp.inner), whose
-- fields tshark lists at top level.  Explained differences, each counted under its reason:
-- tshark did not dissect the protocol there (a port it does not decode it on) while we found it
-- by content; a link type or tunnel we do not decode (tshark finds TCP/UDP inside); a QUIC short
-- header (tshark knows the DCID length from the handshake); a packet we flagged truncated/malformed.
-- TLS inside QUIC Initials is compared like any other: both sides decrypt them.
local path = assert(arg[1], "usage: app_oracle.lua FILE")

local AGG = "\30"
local function num(v) return v and math.tointeger(tonumber(v)) end
local function b01(v) if v == nil then return nil end return v and 1 or 0 end
local function first_of(l) return l and l[1] end

-- name, proto (for frame.protocols; nil: always dissected), list?, ours(p), theirs(text) → value
local FIELDS = {
  {"tcp.stream", nil, false, function(p) return p.tcp and p.tcp.stream end, num},
  {"udp.stream", nil, false, function(p) return p.udp and p.udp.stream end, num},
  {"dns.id", "dns", false, function(p) return p.dns and p.dns.id end, num},
  {"dns.flags.response", "dns", false, function(p) return p.dns and b01(p.dns.flags_response) end, num},
  {"dns.flags.rcode", "dns", false, function(p) return p.dns and p.dns.flags_rcode end, num},
  {"dns.qry.name", "dns", false, function(p) return p.dns and p.dns.qry_name end},
  {"dns.qry.type", "dns", false, function(p) return p.dns and p.dns.qry_type end, num},
  {"dns.count.answers", "dns", false, function(p) return p.dns and p.dns.count_answers end, num},
  {"dns.a", "dns", true, function(p) return p.dns and p.dns.a end},
  {"dns.aaaa", "dns", true, function(p) return p.dns and p.dns.aaaa end},
  {"dns.cname", "dns", true, function(p) return p.dns and p.dns.cname end},
  {"dns.txt", "dns", true, function(p) return p.dns and p.dns.txt end},
  {"dns.resp.ttl", "dns", true, function(p) return p.dns and p.dns.resp_ttl end, num},
  {"http.request.method", "http", false, function(p) return p.http and p.http.request_method end},
  {"http.request.uri", "http", false, function(p) return p.http and p.http.request_uri end},
  {"http.host", "http", false, function(p) return p.http and p.http.host end},
  {"http.user_agent", "http", false, function(p) return p.http and p.http.user_agent end},
  {"http.response.code", "http", false, function(p) return p.http and p.http.response_code end, num},
  {"http.server", "http", false, function(p) return p.http and p.http.server end},
  {"http.content_type", "http", false, function(p) return p.http and p.http.content_type end},
  {"tls.handshake.type", "tls", false, function(p) return p.tls and p.tls.handshake_type end, num},
  {"tls.handshake.version", "tls", false, function(p) return p.tls and p.tls.handshake_version end, num},
  {"tls.handshake.extensions_server_name", "tls", false, function(p) return p.tls and p.tls.handshake_extensions_server_name end},
  {"tls.handshake.ja3_full", "tls", false, function(p) return p.tls and p.tls.handshake_ja3_full end},
  {"tls.handshake.ja3", "tls", false, function(p) return p.tls and p.tls.handshake_ja3 end},
  {"tls.handshake.ja3s_full", "tls", false, function(p) return p.tls and p.tls.handshake_ja3s_full end},
  {"tls.handshake.ja3s", "tls", false, function(p) return p.tls and p.tls.handshake_ja3s end},
  {"ssh.protocol", "ssh", false, function(p) return p.ssh and p.ssh.protocol end},
  {"quic.version", "quic", false, function(p) return p.quic and p.quic.version end, num},
  {"quic.dcid", "quic", false, function(p) return p.quic and p.quic.dcid end},
}
local PROTO_NAMES = {dns = {"dns", "mdns", "llmnr"}, http = {"http", "ssdp"}, tls = {"tls", "ssl"}, ssh = {"ssh"}, quic = {"quic"}}

local function shell_quote(s) return "'" .. s:gsub("'", "'\\''") .. "'" end
local cmd = "tshark -n -r " .. shell_quote(path) ..
  " -o tcp.desegment_tcp_streams:FALSE -o ip.defragment:FALSE -o ipv6.defragment:FALSE" ..
  " -T fields -E separator=/t -E occurrence=a -E aggregator=" .. shell_quote(AGG) ..
  " -e frame.number -e frame.protocols"
for _, f in ipairs(FIELDS) do cmd = cmd .. " -e " .. f[1] end
local h = io.popen(cmd .. " 2>/dev/null")
local ts = {}
for line in h:lines() do
  local row, i = {}, 1
  for v in (line .. "\t"):gmatch("([^\t]*)\t") do row[i] = v; i = i + 1 end
  ts[tonumber(row[1])] = row
end
h:close()

local function split(v)
  if v == nil or v == "" then return nil end
  local l = {}
  for x in (v .. AGG):gmatch("([^" .. AGG .. "]*)" .. AGG) do l[#l + 1] = x end
  return l
end

local function dissected(protocols, proto)
  for _, n in ipairs(PROTO_NAMES[proto]) do
    if (":" .. protocols .. ":"):find(":" .. n .. ":", 1, true) then return true end
  end
  return false
end

local function show(v)
  if type(v) == "table" then
    local t = {}
    for i, x in ipairs(v) do t[i] = tostring(x) end
    return "{" .. table.concat(t, ",") .. "}"
  end
  return pcaphunt.escape(tostring(v))
end

local function same(a, b)
  if type(a) ~= "table" or type(b) ~= "table" then return a == b end
  if #a ~= #b then return false end
  for i = 1, #a do if a[i] ~= b[i] then return false end end
  return true
end

local stats, classes, shifted = {}, {}, {}
local function explain(s, why)
  s.explained = s.explained + 1
  classes[why] = (classes[why] or 0) + 1
end
for _, f in ipairs(FIELDS) do stats[f[1]] = {agree = 0, disagree = 0, explained = 0} end
local shown = 0
local cap, err = pcaphunt.open(path)
if not cap then print("open-error " .. err) return end
for p in cap:packets() do
  local row = ts[p.frame.number]
  local outer = p
  local q = (p.icmp and p.icmp.inner) or (p.icmpv6 and p.icmpv6.inner)
  if q then p = q end
  if row then   -- tshark found several conversations in one frame (a tunnel, an sFlow sample): later numbers shift
    if (row[3] or ""):find(AGG, 1, true) or ((row[3] or "") ~= "" and not p.tcp) then shifted.tcp = true end
    if (row[4] or ""):find(AGG, 1, true) or ((row[4] or "") ~= "" and not p.udp) then shifted.udp = true end
  end
  local ips = select(2, (":" .. (row and row[2] or "") .. ":"):gsub(":ipv?6?:", ""))
  if row then
    for i, f in ipairs(FIELDS) do
      local name, proto, list, ours, conv = f[1], f[2], f[3], f[4], f[5] or function(x) return x end
      local mine = ours(p)
      if mine == false then mine = nil end
      local theirs = split(row[i + 2])
      if theirs then for k, v in ipairs(theirs) do theirs[k] = conv(v) end end
      if not list then theirs = first_of(theirs) elseif mine and #mine == 0 then mine = nil end
      local s = stats[name]
      if mine == nil and theirs == nil then
        -- neither: nothing to compare
      elseif same(mine, theirs) then
        s.agree = s.agree + 1
      elseif proto and theirs == nil and not dissected(row[2], proto) then
        explain(s, "found by content where tshark does not look (its port table)")
      elseif (name == "tcp.stream" and shifted.tcp) or (name == "udp.stream" and shifted.udp) then
        explain(s, "numbering shifted: tshark counted conversations inside an earlier tunnel or sFlow sample")
      elseif mine == nil and proto == "http" and not p.http and name ~= "http.request.method" and
             name ~= "http.request.uri" and name ~= "http.response.code" then
        explain(s, "HTTP headers continuing an earlier segment: tshark keeps per-conversation HTTP state")
      elseif mine == nil and not p.tcp and not p.udp then
        explain(s, "no TCP/UDP decoded by us (link type or tunnel we do not decode)")
      elseif mine == nil and ips > 1 then
        explain(s, "tunnel: tshark decodes the inner packet")
      elseif mine == nil and proto == "quic" and p.udp and #p.payload > 0 and p.payload:byte(1) < 0x80 then
        explain(s, "QUIC short header: tshark knows the DCID length from the handshake")
      elseif p.truncated or p.malformed or outer.truncated or outer.malformed or
             (proto and p[proto] and (p[proto].truncated or ((proto == "dns" or proto == "tls") and p[proto].malformed))) then
        explain(s, "packet flagged truncated or malformed")
      else
        s.disagree = s.disagree + 1
        if shown < 20 then
          shown = shown + 1
          print(string.format("DISAGREE %s frame %d: %s ours=%s tshark=%s", path, p.frame.number, name, show(mine), show(theirs)))
        end
      end
    end
  end
end
for why, n in pairs(classes) do print(string.format("EXPLAINED %d × %s", n, why)) end
for _, f in ipairs(FIELDS) do
  local s = stats[f[1]]
  print(string.format("FIELD %s agree %d disagree %d explained %d", f[1], s.agree, s.disagree, s.explained))
end
