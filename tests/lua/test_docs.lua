-- Documents that restate a table must say what the code says: the backdoor-ports list in
-- docs/hunts.md against the `ports` table of scripts/backdoor-ports.lua.
local T = dofile("tests/lua/lib.lua")
local documented = {}
for port, name in io.open("docs/hunts.md"):read("a"):gmatch("\n| (%d+) | ([^|\n]-) |") do
  documented[tonumber(port)] = name
end
local ports, n = {}, 0
for port, name in io.open("scripts/backdoor-ports.lua"):read("a"):gmatch('%[(%d+)%] = "([^"]+)"') do
  ports[tonumber(port)] = name
  n = n + 1
end
T.ok("the hunt's table has its ports", n >= 20, tostring(n))
for port, name in pairs(ports) do T.eq("docs/hunts.md lists port " .. port, documented[port], name) end
for port in pairs(documented) do T.ok("docs/hunts.md's port " .. port .. " is in the hunt", ports[port] ~= nil) end
print("done")
