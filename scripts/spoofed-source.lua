-- spoofed-source: sources no honest host can have.
local function classify(p)
  local s = p.src
  if s == "255.255.255.255" then return "limited broadcast source" end
  if s == "0.0.0.0" then
    if p.udp and p.udp.srcport == 68 and p.udp.dstport == 67 then return nil end  -- DHCP discovery
    return "unspecified source"
  end
  if s == "::" then
    if p.icmpv6 then return nil end  -- duplicate address detection
    return "unspecified source"
  end
  local a = tonumber(s:match("^(%d+)%."))
  if a then
    if a >= 224 and a <= 239 then return "multicast source" end
    if a >= 240 then return "class E (reserved) source" end
    if a == 127 then return "loopback source on the wire" end
  elseif s:lower():match("^ff") then return "multicast source"
  elseif s == "::1" then return "loopback source on the wire" end
  if s == p.dst and (p.sport == nil or p.sport == p.dport) then return "LAND: source equals destination" end
  return nil
end

hunt{
  name = "spoofed-source",
  description = "impossible sources: 255.255.255.255, 0.0.0.0 (DHCP excepted), multicast, class E, loopback, LAND",
  severity = "high",
  priority = 10,
  want = {{src = {"224.0.0.0/3", "127.0.0.0/8", "0.0.0.0", "ff00::/8", "::1", "::"}}, {land = true}},
  packet = function(p, h)
    local why = classify(p)
    if why then
      h:report{packet = p, key = why .. " " .. p.src,
        msg = string.format("%s: %s > %s (%s)", why, p.src, p.dst, p.proto)}
    end
  end,
}
