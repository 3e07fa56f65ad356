-- The debug library against the userdata (issue 12): debug.setuservalue on packets and layer views,
-- debug.setupvalue on packets() iterators, debug.setmetatable on other values.  Whatever a script
-- puts there, the C code reads only what it checked: a clear error or the right value.  `make
-- test-asan` runs this file under AddressSanitizer and UndefinedBehaviorSanitizer, where a read of
-- the wrong block is a report.
local T = dofile("tests/lua/lib.lua")
local D = "tests/data/"

local function errmsg(f, ...) return T.errmsg(f, ...) or "no error" end

local cap = assert(pcaphunt.open(D .. "sample.pcap"))
local function first(filter)
  for p in cap:packets(filter) do return p end
end

-- What a script reads of a packet: every layer, the cached tables, the summary.
local function snapshot(p)
  local t = {tostring(p), p.src, p.dst, p.ttl, p.sport, p.dport, p.proto, #p.payload, #p.data,
             table.concat(p.layers, ","), tostring(p.frame), p.frame.number, p.eth.src, p.ip.ttl, p.ip.id,
             p.tcp.srcport, p.tcp.seq, p.tcp.flags_str, tostring(p.tcp.options.mss), tostring(p.tcp)}
  for i = 1, #t do t[i] = tostring(t[i]) end
  return table.concat(t, "|")
end

-- 1. A packet's user values (its layer views and caches) overwritten: read back as if never made.
local syn = first("tcp[tcpflags] == tcp-syn")
local udp = first("udp")
local NSLOTS = 0   -- how many user values a packet has (its layer views and caches)
while select(2, debug.getuservalue(syn, NSLOTS + 1)) do NSLOTS = NSLOTS + 1 end
local want = snapshot(first("tcp[tcpflags] == tcp-syn"))
local others = {{"a string", "junk"}, {"another packet", udp}, {"another packet's view", udp.udp},
                {"a file", io.stdout}, {"a number", 42}}
for _, o in ipairs(others) do
  local p = first("tcp[tcpflags] == tcp-syn")
  local _ = snapshot(p)                              -- the caches filled first
  for slot = 1, NSLOTS do debug.setuservalue(p, o[2], slot) end
  T.eq("packet user values replaced by " .. o[1] .. ": the fields read the same", snapshot(p), want)
end
-- a table in a cache's user value is a table: it is what p.layers (cached in the first one handed
-- out, user value 2) then gives; p.tcp.options (in the spill table, user value 6, now `mine`) is made
-- anew; nothing else is read
local p = first("tcp[tcpflags] == tcp-syn")
local _ = p.layers, p.frame, p.eth, p.ip, p.tcp, p.tcp.options
local mine = {"mine"}
for slot = 1, NSLOTS do debug.setuservalue(p, mine, slot) end
T.eq("a table put in the cache user values: p.layers is that table", p.layers, mine)
T.eq("a table put in the cache user values: p.tcp.options is made anew", p.tcp.options ~= mine and p.tcp.options.mss, 1460)
T.eq("a table put in the cache user values: the other fields read the same", p.tcp.seq .. " " .. tostring(p.tcp) .. " " .. p.ip.src, "1000 tcp layer of frame 4 10.0.0.5")
T.eq("a table put in the cache user values: no conversation (user value 1 is no replay)", tostring(p.tcp.stream) .. " " .. tostring(p.conversation), "nil nil")
T.ok("a packet has its 6 user values (a replay, 4 caches, the spill table), no more", NSLOTS == 6 and select(2, debug.setuservalue(syn, 1, NSLOTS + 1)) == nil)

-- 2. A layer view's packet replaced: a clear error, never another block read as a packet.
for _, o in ipairs{{"a string", "junk"}, {"a file", io.stdout}, {"a layer view", syn.ip}, {"nil", nil}} do
  local t = first("tcp").tcp
  debug.setuservalue(t, o[2], 1)
  collectgarbage()
  T.eq("tcp view whose packet became " .. o[1] .. ": srcport raises", errmsg(function() return t.srcport end),
       "tcp layer view has no packet")
  T.eq("tcp view whose packet became " .. o[1] .. ": tostring raises", errmsg(tostring, t), "tcp layer view has no packet")
end
local t = syn.tcp
debug.setuservalue(t, udp, 1)
T.eq("tcp view moved onto a UDP packet: raises", errmsg(function() return t.srcport end),
     "tcp layer view's packet has no tcp layer")
local f = syn.frame
debug.setuservalue(f, udp, 1)
T.eq("frame view moved onto another packet: that packet's frame", f.number, udp.frame.number)

-- A view checks its packet (user value 1) at every read, so no copy of the debug library can make it
-- read a freed block: a view whose packet was collected and replaced reads the new one.
local syn2 = first("tcp[tcpflags] == tcp-syn")
local other = first("tcp[tcpflags] & tcp-ack != 0")
t = first("tcp[tcpflags] == tcp-syn").tcp
debug.setuservalue(t, "junk", 1)
collectgarbage() collectgarbage()                  -- the packet it was made for is gone
debug.setuservalue(t, other, 1)
T.eq("tcp view whose packet was collected, then given another TCP packet: that packet's fields",
     t.srcport .. " " .. t.flags .. " " .. tostring(t), other.tcp.srcport .. " " .. other.tcp.flags .. " tcp layer of frame " .. other.frame.number)
t = syn2.tcp
debug.setuservalue(t, other, 1)
debug.setuservalue(t, syn2, 1)
T.eq("tcp view set back onto its own packet: its fields", t.srcport .. " " .. t.flags, syn2.tcp.srcport .. " 2")
-- a second debug library (the program exports the Lua API, so loadlib finds luaopen_debug in it when
-- Lua is linked in; from liblua5.4.so otherwise): the same checks hold
local open_debug = package.loadlib("", "luaopen_debug")
if type(open_debug) ~= "function" then open_debug = package.loadlib("liblua5.4.so.0", "luaopen_debug") end
if type(open_debug) == "function" then
  local dbg = open_debug()
  local views = {}
  for i = 1, 50 do views[i] = first("tcp").tcp dbg.setuservalue(views[i], "junk", 1) end
  collectgarbage() collectgarbage()
  local junk = {} for i = 1, 200 do junk[i] = string.rep(string.char(17), 1400 + i) end
  local said = {}
  for _, v in ipairs(views) do said[errmsg(function() return v.srcport end)] = true end
  local keys = {} for k in pairs(said) do keys[#keys + 1] = k end
  T.eq("views whose packet a second debug library replaced, the packets collected: every read raises",
       table.concat(keys, "|"), "tcp layer view has no packet")
else
  print("skip: no second debug library to load (package.loadlib found no luaopen_debug)")
end

-- 3. packets() and cap:packets() iterators with their upvalues replaced: upvalue 1 is the loop's
-- cursor, whose user value 1 is its capture (or, over several captures, their list).
pcaphunt.use(cap)
local function loop(it) local n = 0 for _ in it do n = n + 1 end return n end
local it = packets("tcp") it()
debug.setupvalue(it, 1, "not a cursor")
T.eq("packets(): the cursor replaced by a string raises", errmsg(it), "packets: the iterator's cursor was replaced")
it = packets("tcp") it()
debug.setupvalue(it, 1, syn)
T.eq("packets(): the cursor replaced by a packet raises", errmsg(it), "packets: the iterator's cursor was replaced")
it = packets("tcp") it()
local other_it = packets("udp")
debug.setupvalue(it, 1, select(2, debug.getupvalue(other_it, 1)))
T.eq("packets(): another loop's cursor: that loop's packets", loop(it), 2)
it = packets("tcp") it()
debug.setuservalue(select(2, debug.getupvalue(it, 1)), "junk", 1)
T.eq("packets(): the cursor's capture replaced raises", errmsg(it), "packets: the iterator's capture was replaced")
pcaphunt.use(cap, assert(pcaphunt.open(D .. "q-trojan.pcap")))
it = packets("tcp") it()
debug.setuservalue(select(2, debug.getupvalue(it, 1)), {cap}, 1)
T.eq("packets() over two captures: their list replaced raises", errmsg(it), "packets: the iterator's capture was replaced")
pcaphunt.use(cap)
local c = cap:packets() c()
debug.setupvalue(c, 1, syn)
T.eq("cap:packets(): the cursor replaced by a packet raises", errmsg(c), "packets: the iterator's cursor was replaced")
c = cap:packets() c()
debug.setupvalue(c, 1, io.stdout)
T.eq("cap:packets(): the cursor replaced by a file raises", errmsg(c), "packets: the iterator's cursor was replaced")

-- 4. Metatables moved onto other values: the methods check the block, not the metatable.
local pmt, lmt, cmt = debug.getmetatable(syn), debug.getmetatable(syn.tcp), debug.getmetatable(cap)
local fmt = debug.getmetatable(io.stdout)
debug.setmetatable(io.stdout, pmt)
local s1 = errmsg(tostring, io.stdout)
local s2 = errmsg(function() return io.stdout.tcp end)
debug.setmetatable(io.stdout, lmt)
local s3 = errmsg(function() return io.stdout.srcport end)
debug.setmetatable(io.stdout, fmt)
T.eq("a file with the packet metatable: tostring raises", s1, "bad argument #1 to '?' (pcaphunt.packet expected, got pcaphunt.packet)")
T.eq("a file with the packet metatable: a field raises", s2, "bad argument #1 to 'index' (pcaphunt.packet expected, got pcaphunt.packet)")
T.eq("a file with the layer metatable: a field raises", s3, "bad argument #1 to 'index' (pcaphunt.layer expected, got pcaphunt.layer)")
local other = first("udp")
debug.setmetatable(other, cmt)
T.eq("a packet with the capture metatable: packets() raises", errmsg(function() return other:packets() end),
     "bad argument #1 to 'index' (pcaphunt.capture expected, got pcaphunt.capture)")
T.eq("a packet with the capture metatable: __index raises", errmsg(function() return debug.getmetatable(other).__index(other, "close") end),
     "bad argument #1 to '__index' (pcaphunt.capture expected, got pcaphunt.capture)")
local w = pcaphunt.writer(os.tmpname())
local wmt = debug.getmetatable(w)
local c2 = assert(pcaphunt.open(D .. "sample.pcap"))
debug.setmetatable(c2, wmt)
T.eq("a capture with the writer metatable: write raises", errmsg(function() return c2:write(syn) end),
     "calling 'write' on bad self (pcaphunt.writer expected, got pcaphunt.writer)")
debug.setmetatable(c2, cmt)
T.eq("and back: a capture again", c2:close(), nil)
debug.setmetatable(other, pmt)
local view = syn.ip
debug.setmetatable(view, pmt)
T.eq("a layer view with the packet metatable: tostring raises", errmsg(tostring, view),
     "bad argument #1 to '?' (pcaphunt.packet expected, got pcaphunt.packet)")
debug.setmetatable(view, lmt)
T.eq("and back: a view again", view.ttl, 64)
T.ok("no address printed anywhere", not (s1 .. s2 .. s3):find("0x"))

-- 5. A view whose packet was replaced, then collected, and another packet of the same size put back in
-- its user value: that packet's block is at the collected one's address (the allocator hands a freed
-- block of a size to the next one), yet it is another packet, checked as any (it has no TCP layer).
local dns = assert(pcaphunt.open(D .. "dns-normal.pcap"))
local function tcp_view() for p in cap:packets() do if p.frame.number == 4 then return p.tcp end end end
local tv = tcp_view()
T.eq("the view of frame 4's TCP layer (74 bytes)", tv.srcport, 40001)
debug.setuservalue(tv, "junk", 1)
collectgarbage() collectgarbage()
local same_size
for p in dns:packets("udp") do if #p.data == 74 then same_size = p break end end
debug.setuservalue(tv, same_size, 1)
T.eq("a TCP view given a UDP packet of the collected one's size: raises", errmsg(function() return tv.srcport end),
     "tcp layer view's packet has no tcp layer")
print("done")
