-- fixed-ttl: sources whose TTL never changes, at a value no common initial TTL minus a
-- plausible hop count explains; and flows whose TTL suddenly differs (injected segments).
local initial = {32, 64, 128, 255}

local function explained(ttl, max_hops)
  for _, i in ipairs(initial) do
    if ttl <= i and i - ttl <= max_hops then return true end
  end
  return false
end

hunt{
  name = "fixed-ttl",
  description = "constant TTL no initial TTL (32/64/128/255) minus a plausible hop count explains; TTL jumps inside a flow",
  severity = "medium",
  priority = 25,
  options = {min_packets = 2, max_hops = 16},
  ttl_change = function(p, h)   -- the engine calls it when a flow direction's TTL changes
    local f = h:flow(p)           -- as it was before p
    if f.ttl_changes == 0 then
      h:report{packet = p, key = "flow " .. p.src .. " " .. (p.sport or "") .. " > " .. p.dst .. " " .. (p.dport or ""),
        msg = string.format("TTL %d differs from this flow direction's %d (%s > %s): an injected or spoofed segment?%s",
          p.ttl, f.ttl_first, p.src, p.dst, (p.tcp and p.tcp.rst) and " (a RST)" or "")}
    end
  end,
  finish = function(h)
    for addr, host in pcaphunt.hosts() do
      if host.packets >= h.options.min_packets and host.ttl_distinct == 1 then
        local ttl = next(host.ttl)
        if not explained(ttl, h.options.max_hops) then
          h:report{key = "source " .. addr,
            msg = string.format("%s sends every packet (%d) with TTL %d, which no initial TTL (32, 64, 128, 255) " ..
              "minus at most %d hops explains: crafted packets", addr, host.packets, ttl, h.options.max_hops)}
        end
      end
    end
  end,
}
