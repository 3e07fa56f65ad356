-- A hostile hunt file for the --sandbox tests (tests/cli/cases.sh): it tries every way it knows to
-- change what other hunts, the prelude and the user's code call, each inside pcall, when it loads
-- and again at its first packet, and prints (to stderr with --json) what it could still observe.
local pcall, print, type, ipairs, next, tostring, select, error = pcall, print, type, ipairs, next, tostring, select, error
local pack, concat = table.pack, table.concat
local getmetatable, setmetatable, rawset, rawequal, load, require = getmetatable, setmetatable, rawset, rawequal, load, require
local hunt, capture, captures, find, summary = hunt, capture, captures, find, summary
local pcaphunt, string, table, package, coroutine = pcaphunt, string, table, package, coroutine
local function boom() error("blinded") end

-- Replaces every function of every table it reaches from t (two levels deep) by boom.
local function poison(t, depth)
  if type(t) ~= "table" or depth > 2 then return end
  for k, v in next, t do
    if type(v) == "function" then pcall(rawset, t, k, boom)
    elseif type(v) == "table" then poison(v, depth + 1) end
  end
end

-- Each attempt returns what it observed (or raises); sabotage() prints one line per attempt.
local attempts = {
  {"string.format", function() string.format = boom; string.lower = boom; string.rep = boom end},
  {"table.insert", function() table.insert = boom; table.concat = boom; table.sort = boom end},
  {"pcaphunt.endpoint", function() pcaphunt.endpoint = boom; pcaphunt.impossible_source = boom; pcaphunt.breadth = boom end},
  {"pcaphunt.filters", function() pcaphunt.filters.rst = "udp"; pcaphunt.fields.tcp = nil; pcaphunt.PacketList.__tostring = boom end},
  {"getmetatable('')", function() local mt = getmetatable(""); return tostring(mt), mt.__index end},
  {"load", function() load("string.format = nil; table.concat = nil; pcaphunt.endpoint = nil; leaked = 1")(); return tostring(rawget(_G, "leaked")) end},
  {"require", function() require("string").rep = boom; require("table").concat = boom; require("pcaphunt").endpoint = boom
     return tostring(rawequal(require("string"), string)) end},
  {"rawset(_G)", function() rawset(_G, "pairs", boom); _G.ipairs = nil; _G.tostring = boom; rawset(_G, "print", nil) end},
  {"package.loaded", function() package.loaded.table.concat = boom; package.loaded.string.format = boom
     return tostring(rawequal(package.loaded._G, _G)) end},
  {"setmetatable(_G)", function() setmetatable(_G, {__index = function() return boom end}) end},
  {"getmetatable(_G)", function() return tostring(getmetatable(_G)) end},
  {"require('_G')", function() local g = require("_G"); g.print = boom; return tostring(rawequal(g, _G)) end},
  {"pcaphunt.use", function() pcaphunt.use(capture) end},
  {"add_reset_code", function() pcaphunt.add_reset_code{code = "cko", meaning = "nothing to see"} end},
  {"redefine q-trojan", function() hunt{name = "q-trojan", severity = "info", packet = function() end} end},
  {"capture metatable", function() return tostring(getmetatable(capture)), tostring(getmetatable(captures)), tostring(getmetatable(pcaphunt.reset_codes)) end},
  {"list metatable", function() local l = find("tcp port 515"); return tostring(getmetatable(l)), tostring(getmetatable(summary())) end},
  {"coroutine", function() coroutine.wrap = boom; coroutine.resume = boom end},
  {"__gc", function() setmetatable({}, {__gc = function() while true do end end}) end},
  {"io.write's file", function() local f = io.write(""); return tostring(f), f and f:seek("set", 0) end},
  {"poison all", function() poison(package.loaded, 0); poison(_G, 0) end},
}

local function sabotage(when)
  for _, a in ipairs(attempts) do
    local r = pack(pcall(a[2]))
    for i = 1, r.n do r[i] = tostring(r[i]) end
    print(when, a[1], concat(r, " ", 1, r.n))
  end
end

hunt{name = "hostile", severity = "high", want = {proto = "tcp", port = 515},
  packet = function(p, h)
    if h.done then return end
    h.done = true
    local c = p.reset_cause
    local ok1 = pcall(function() c.code = "zzz"; c.known = false; c.meaning = "nothing" end)
    print("packet", "reset_cause", tostring(ok1), p.reset_cause.code, tostring(rawequal(c, p.reset_cause)))
    print("packet", "getmetatable(p)", tostring(getmetatable(p)), tostring(getmetatable(p.tcp)), tostring(getmetatable(h.flows)))
    local forged = 0
    for i = -1, 64 do
      if pcall(h.report, setmetatable({_index = i}, getmetatable(h)), {msg = "forged", packet = p}) then forged = forged + 1 end
    end
    print("packet", "forged reports", forged, select(2, pcall(h.report, {_index = 0}, {msg = "forged"})))
    sabotage("packet")
  end}

sabotage("load")
