-- Reads every field that pcaphunt.fields (lua/fields.c) names, on every layer of a packet (the
-- encapsulations and the application layers too: p.tls and p.quic decrypt a QUIC Initial), calls
-- its methods, and follows the packet quoted in an ICMP error.  The fuzz_fields harness calls
-- walk(p, 0, texts) on packets made from fuzzed frames and compares the texts of two copies; `make
-- test-asan` runs this file as a script over the corpus (`pcaphunt -r FILE tests/fuzz/walk.lua`:
-- every packet of the captures).
local order = {"packet", "frame", "eth", "vlan", "sll", "null", "mpls", "pppoes", "ppp", "gre", "erspan",
               "vxlan", "geneve", "nflog", "ipnet", "gtp", "ip", "ipv6", "tcp", "udp", "icmp", "icmpv6",
               "dns", "http", "tls", "ssh", "quic"}
local args = {has_addr = {"10.0.0.5", "2001:db8::/32"}}   -- methods that take an argument: each one tried
local names = {}
for _, layer in ipairs(order) do
  names[layer] = {}
  for _, f in ipairs(assert(pcaphunt.fields[layer], layer)) do names[layer][#names[layer] + 1] = f.name end
end

-- Makes a value's text, and goes into tables (layers, options, VLAN ids, the reset cause), sorted
-- by key so that two equal tables give the same texts.
local function touch(v, texts)
  if type(v) == "table" then
    local keys = {}
    for k in pairs(v) do keys[#keys + 1] = k end
    table.sort(keys, function(a, b) return tostring(a) < tostring(b) end)
    local n = 0
    for _, k in ipairs(keys) do n = n + touch(k, texts) + touch(v[k], texts) end
    return n
  end
  local s = tostring(v)
  if texts then texts[#texts + 1] = s end
  return #s
end

function walk(p, depth, texts)
  depth = depth or 0
  local n = touch(p, texts)
  for _, layer in ipairs(order) do
    local view = layer == "packet" and p or p[layer]
    if view ~= nil then
      n = n + touch(view, texts)
      for _, name in ipairs(names[layer]) do
        local v = view[name]
        if type(v) == "function" and args[name] then
          local r = {}
          for i, a in ipairs(args[name]) do r[i] = v(view, a) end
          v = r
        elseif type(v) == "function" then
          if name ~= "show" then v = v(view) end   -- show() prints what tostring and the fields give
        end
        if name == "inner" and v ~= nil and depth < 2 then n = n + walk(v, depth + 1, texts)   -- the quoted packet
        elseif type(v) ~= "function" and type(v) ~= "userdata" then n = n + touch(v, texts)
        else n = n + #tostring(v) end
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
