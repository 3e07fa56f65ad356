-- Reads every field that pcaphunt.fields (lua/fields.c) names, on every layer of a packet, calls
-- its methods, and follows the packet quoted in an ICMP error.  The fuzz_fields harness calls
-- walk(p) on packets made from fuzzed frames; `make test-asan` runs this file as a script over the
-- corpus (`pcaphunt -r FILE tests/fuzz/walk.lua`: every packet of the captures).
local order = {"packet", "frame", "eth", "vlan", "sll", "ip", "ipv6", "tcp", "udp", "icmp", "icmpv6"}
local names = {}
for _, layer in ipairs(order) do
  names[layer] = {}
  for _, f in ipairs(pcaphunt.fields[layer]) do names[layer][#names[layer] + 1] = f.name end
end

-- Makes a value's text, and goes into tables (layers, options, VLAN ids, the reset cause).
local function touch(v)
  if type(v) == "table" then
    local n = 0
    for k, x in pairs(v) do n = n + touch(k) + touch(x) end
    return n
  end
  return #tostring(v)
end

function walk(p, depth)
  depth = depth or 0
  local n = #tostring(p)
  for _, layer in ipairs(order) do
    local view = layer == "packet" and p or p[layer]
    if view ~= nil then
      n = n + #tostring(view)
      for _, name in ipairs(names[layer]) do
        local v = view[name]
        if type(v) == "function" then
          if name ~= "show" then v = v(view) end   -- show() prints what tostring and the fields give
        end
        if name == "inner" and v ~= nil and depth < 2 then n = n + walk(v, depth + 1)   -- the quoted packet
        else n = n + touch(v) end
      end
    end
  end
  return n
end

if arg and arg[0] then   -- run as a script: every packet of the -r captures
  local n = 0
  for p in packets() do n = n + walk(p) end
  print(n)
end
