-- rst-origin: who sent a RST? The endpoint, or a middlebox/injector: judged from its TTL
-- and IP ID against the same direction's earlier packets, its flags and its reset cause.  IP ID 0
-- with DF set (Linux RSTs) is a reason only beside another one; with DF clear it counts alone.

local ep = pcaphunt.endpoint

-- A RST whose decoded cause names the device that sent it, and nothing says it was injected.
local function middlebox(p, h, cause, why)
  h:report{packet = p, key = "middlebox " .. p.src, msg = "middlebox reset, " .. cause, why = why,
    check = "the device's policy or logs for this connection"}
end

hunt{
  name = "rst-origin",
  description = "judges whether each RST came from the endpoint or from a middlebox or injector",
  severity = "info",
  priority = 5,
  want = {tcp_flags = "rst"},
  packet = function(p, h)
    if not (p.tcp and p.tcp.rst) then return end
    local c, f = p.reset_cause, h:flow(p)
    local cause = c and c.known and string.format("%s %s (%s: %s)", c.vendor, c.code, c.category, c.meaning)
    if c and c.known and c.vendor == "SonicWALL" and c.code:lower():match("^ck") then
      local spoofed = p.src == "255.255.255.255" or p.sport == 31337
      h:report{packet = p, key = "firewall " .. p.src .. " " .. c.code:lower(),
        severity = spoofed and "medium" or "info",
        msg = spoofed and string.format("firewall reset for a spoofed %d flow, not the trojan's own traffic: %s sent by " ..
            "the SonicWALL that had a cache entry for %s > %s", p.sport, cause, ep(p.src, p.sport), ep(p.dst, p.dport))
          or string.format("firewall reset: %s, from the SonicWALL between %s and %s", cause, p.src, p.dst),
        why = spoofed and "the firewall cleaned up a flow whose source no host can have: someone spoofed it"
          or "a firewall, not the endpoint, ended the connection (its cache entry was cleaned up)",
        check = spoofed and "the firewall's cache and logs for the spoofed flow, and where the spoofed packets entered"
          or "the firewall's connection-cache timeouts and logs if the connection should have lived"}
      return
    end
    if not f or f.packets_sent == 0 then
      if cause then middlebox(p, h, cause, "the RST names the device that sent it; the endpoint's own stack did not") end
      return
    end
    local reasons = {}
    if p.ttl ~= f.ttl_first then reasons[#reasons + 1] = string.format("TTL %d, earlier %d", p.ttl, f.ttl_first) end
    -- IP ID 0 on a RST is what Linux sends (with DF set): it supports other evidence, never alone
    local support = p.ip and p.ip.id == 0 and f.ipid_first ~= 0 and (p.ip.df and 0 or 1)
    if support then reasons[#reasons + 1] = "IP ID 0 unlike earlier packets" end
    -- a decoded cause names the device that reset: an explanation, not evidence of injection by itself
    if #reasons <= (support == 0 and 1 or 0) then
      if cause then
        middlebox(p, h, cause, "the RST names the device that sent it; its TTL and IP ID match the flow, " ..
          "so the device sits at the sender's side")
      end
      return
    end
    if cause then reasons[#reasons + 1] = "reset cause " .. cause end
    do
      h:report{packet = p, severity = "medium", key = "injected " .. p.src .. " > " .. p.dst,
        msg = string.format("RST %s > %s likely from a middlebox or injector: %s", p.src, p.dst, table.concat(reasons, "; ")),
        why = "the RST does not look like the sender's earlier packets in this flow: another device sent it in the sender's name",
        check = "the RST's sequence number against the flow, whether the peer acted on it (rst-injection), and which " ..
          "device between the hosts resets connections (IPS, censor, firewall)"}
    end
  end,
}
