-- q-trojan: the seed's signature. src 255.255.255.255, sport 31337, dport 515,
-- RST+ACK, IP ID 0, TTL 14, reset cause cko. All seven traits: high; five or six: a variant.
-- The seed concluded what these packets are: not a trojan's traffic but RSTs a SonicWALL firewall
-- sent ("Reset cause: cko": connection-cache cleanup, reset to the responder) for a flow whose source
-- was spoofed as 255.255.255.255:31337; the finding says so, and stays high (someone spoofed a flow
-- to the host, and a firewall had it in its cache).
local ep = pcaphunt.endpoint
local traits = {
  {"src 255.255.255.255", function(p) return p.src == "255.255.255.255" end},
  {"sport 31337", function(p) return p.tcp.srcport == 31337 end},
  {"dport 515", function(p) return p.tcp.dstport == 515 end},
  {"RST+ACK", function(p) return p.tcp.flags ~= nil and (p.tcp.flags & 0x14) == 0x14 end},
  {"IP ID 0", function(p) return p.ip ~= nil and p.ip.id == 0 end},
  {"TTL 14", function(p) return p.ttl == 14 end},
  {"reset cause cko", function(p)   -- nil: the capture cut the payload before the cause
    local c = p.reset_cause
    if c and c.cut and not c.known then return nil end
    return c ~= nil and c.code ~= nil and c.code:lower() == "cko"
  end},
}

local IPID = 5   -- the trait an IPv6 packet cannot carry

hunt{
  name = "q-trojan",
  description = "the Q Trojan packet of the seed: 255.255.255.255:31337 > :515 RST+ACK, IP ID 0, TTL 14, \"Reset cause: cko\"",
  severity = "high",
  priority = 1,
  -- with min_traits of 5 or more a packet has the source, the source port or the destination port (the
  -- other traits are four), so only those packets enter Lua; with 3 or 4, any RST may be a variant too
  -- (a segment without RST has at most IP ID 0 and TTL 14 besides); with 2 or fewer, any TCP segment
  want = function(o)
    if not (o.min_traits > 2) then return {proto = "tcp"} end
    local w = {{proto = "tcp", src = "255.255.255.255"}, {proto = "tcp", port = {31337, 515}}}
    if not (o.min_traits >= 5) then w[#w + 1] = {tcp_flags = "rst"} end
    return w
  end,
  options = {min_traits = 5},
  option_help = {min_traits = "traits of the seven a packet needs to be reported as a variant (medium)"},
  packet = function(p, h)
    if not p.tcp then return end
    -- IPv6 has no IP ID: that trait is not held against a packet that cannot carry it, and it needs one
    -- trait fewer (the same crafted RST sent over IPv6 is the same variant)
    local na = p.ip == nil and IPID or nil
    local count = #traits - (na and 1 or 0)
    -- give up as soon as too few traits are left to reach min_traits
    local hits, need = 0, math.min(h.options.min_traits, #traits) - (na and 1 or 0)   -- all seven are reported whatever min_traits says
    local left = count
    for i = 1, #traits do
      if i ~= na then
        if traits[i][2](p) then hits = hits + 1 end
        left = left - 1
        if hits + left < need then return end
      end
    end
    local hit, miss, unseen = {}, {}, {}
    for i, t in ipairs(traits) do
      local has = i ~= na and t[2](p)
      if i == na then -- not applicable
      elseif has then hit[#hit + 1] = t[1] elseif has == nil then unseen[#unseen + 1] = t[1] else miss[#miss + 1] = t[1] end
    end
    if #hit == #traits then
      h:report{packet = p, key = p.src .. " > " .. p.dst .. ":515",
        msg = string.format("packets once taken for the Q Trojan (all %d traits: %s > %s RST+ACK, IP ID 0, TTL 14): " ..
          "their payload 'Reset cause: cko' tells that a SonicWALL firewall sent them, a connection-cache cleanup " ..
          "reset to the responder of a flow spoofed from %s", #traits, ep(p.src, p.sport), ep(p.dst, p.dport), ep(p.src, p.sport)),
        why = "a limited-broadcast source, the Back Orifice port 31337 and TTL 14 are what the Q Trojan signature " ..
          "matched, but the reset cause is SonicWALL's: the firewall held a cache entry for this impossible flow",
        check = string.format("the SonicWALL's connection cache and logs for %s > %s, and where packets " ..
          "spoofed from %s reached the firewall", ep(p.src, p.sport), ep(p.dst, p.dport), p.src)}
    elseif #hit >= h.options.min_traits - (na and 1 or 0) then
      local parts = {"matched " .. table.concat(hit, ", ")}
      if #miss > 0 then parts[#parts + 1] = "differs in " .. table.concat(miss, ", ") end
      if #unseen > 0 then
        parts[#parts + 1] = "cannot tell " .. table.concat(unseen, ", ") .. ": the capture cut the payload before it"
      end
      h:report{packet = p, severity = "medium",
        key = "variant " .. table.concat(miss, ",") .. (#unseen > 0 and "; unseen " .. table.concat(unseen, ",") or ""),
        msg = string.format("Q Trojan variant (%d of %d traits%s): %s", #hit, count,
          na and ", IPv6 having no IP ID" or "", table.concat(parts, "; ")),
        why = "most traits of the seed's packets (a firewall reset for a spoofed 255.255.255.255:31337 flow) on one RST",
        check = "the reset cause and the TTL against the flow (rst-origin, fixed-ttl); who could spoof this source"}
    end
  end,
}
