-- Issue 12, hostile scripts: the instruction budget and memory ceiling of hunt calls (and of -e
-- chunks with the flags), frame numbers in hunt errors, coroutines under the hook, --sandbox.
local T = dofile("tests/lua/lib.lua")
local D = "tests/data/"
local O = "tests/out/"

local function write(path, text)
  local f = assert(io.open(path, "w"))
  f:write(text)
  f:close()
end

-- 1. coroutine.resume and coroutine.wrap (wrapped so Ctrl-C and the budget reach coroutines)
-- keep their meaning: values in and out, generators, errors with their position, dead coroutines.
local co = coroutine.create(function(a, b) local c = coroutine.yield(a + b) return c * 2 end)
T.eq("resume passes values in and out", select(2, coroutine.resume(co, 1, 2)), 3)
T.eq("resume returns the function's results", select(2, coroutine.resume(co, 5)), 10)
T.eq("a dead coroutine", select(2, coroutine.resume(co)), "cannot resume dead coroutine")
local gen = coroutine.wrap(function() for i = 1, 3 do coroutine.yield(i) end end)
local got = {}
for v in gen do got[#got + 1] = v end
T.eq("coroutine.wrap as a generator", table.concat(got, ","), "1,2,3")
local ok, err = pcall(coroutine.wrap(function() error("inside") end))
T.eq("coroutine.wrap keeps the error's position", ok == false and err:match("test_limits.lua:%d+: inside$") ~= nil, true)
T.eq("coroutine.resume with a bad argument raises", pcall(coroutine.resume, 42), false)

-- 2. A runaway hunt run by hunt("name") from a chunk: disabled with one line naming the frame,
-- hunt() returns, the chunk goes on; the next run of the hunt starts afresh.
write(O .. "limits-runaway.lua", [[hunt{name = "lim-runaway", severity = "info", want = {proto = "tcp"},
  packet = function(p, h) if p.frame.number == 12 then while true do end end end}
]])
local out, err, status = T.run("./pcaphunt -r " .. D .. "sample.pcap --hunt-file " .. O .. "limits-runaway.lua --script-steps 20000 " ..
  "-e 'print(#hunt(\"lim-runaway\"), #hunt(\"q-trojan\")) print(#hunt(\"lim-runaway\"))'")
T.eq("hunt(name): a runaway hunt returns, the chunk goes on", out, "0\t1\n0\n")
T.eq("hunt(name): one line per run, with the frame", err,
  "pcaphunt: hunt lim-runaway: frame 12: " .. O .. "limits-runaway.lua:2: instruction budget of 20000 steps exceeded\n" ..
  "pcaphunt: hunt lim-runaway: frame 12: " .. O .. "limits-runaway.lua:2: instruction budget of 20000 steps exceeded\n")
T.eq("hunt(name): status 2", status, 2)

-- 3. The budget reaches a coroutine the script made before the hunt ran and the hunt resumes.
write(O .. "limits-co.lua", [[spin = coroutine.create(function() while true do end end)
hunt{name = "lim-co", severity = "info", want = {proto = "tcp"},
  packet = function(p, h) if p.frame.number == 14 then coroutine.resume(spin) end end}
]])
out, err, status = T.run("./pcaphunt -r " .. D .. "sample.pcap --hunt-file " .. O .. "limits-co.lua --hunt lim-co --script-steps 20000")
T.eq("a coroutine resumed by a hunt counts against its budget", err,
  "pcaphunt: hunt lim-co: frame 14: " .. O .. "limits-co.lua:3: instruction budget of 20000 steps exceeded\n")

-- 4. What a memory-hungry hunt held is let go when it is disabled: the script goes on, small.
write(O .. "limits-hungry.lua", [[hunt{name = "lim-hungry", severity = "info", want = {proto = "tcp"},
  packet = function(p, h) h.keep = h.keep or {} if p.frame.number == 5 then
    while true do h.keep[#h.keep + 1] = string.rep("y", 4000) .. #h.keep end end end}
]])
out, err, status = T.run("./pcaphunt -r " .. D .. "sample.pcap --hunt-file " .. O .. "limits-hungry.lua --script-memory 12 " ..
  "-e 'hunt(\"lim-hungry\") collectgarbage() print(collectgarbage(\"count\") < 4096)'")
T.eq("the memory ceiling: the hunt's memory is let go", out, "true\n")
T.eq("the memory ceiling: the message", err, "pcaphunt: hunt lim-hungry: frame 5: memory ceiling of 12 MiB exceeded\n")

-- 5. Hunt errors in finish and in flow_end at the end of the run have no frame to name.
write(O .. "limits-finish.lua", [[hunt{name = "lim-finish", severity = "info", finish = function(h) error("late") end}
]])
out, err, status = T.run("./pcaphunt -r " .. D .. "sample.pcap --hunt-file " .. O .. "limits-finish.lua --hunt lim-finish")
T.eq("an error in finish names no frame", err, "pcaphunt: hunt lim-finish: " .. O .. "limits-finish.lua:1: late\n")

-- 6. --sandbox: hunts still compute and report; blocked functions name themselves.
write(O .. "limits-sandbox.lua", [[hunt{name = "lim-sandbox", severity = "info", want = {proto = "tcp"},
  packet = function(p, h) if p.frame.number == 12 then
    h:report{packet = p, msg = string.format("%s %s", os.date("!%Y", 0), select(2, pcall(io.lines, "/etc/passwd")))}
  end end}
]])
out, err, status = T.run("./pcaphunt -r " .. D .. "sample.pcap --hunt-file " .. O .. "limits-sandbox.lua --hunt lim-sandbox --sandbox -q")
T.eq("a sandboxed hunt reports", out, "[info] lim-sandbox: 1970 io.lines is not available in the sandbox\n")
T.eq("a sandboxed hunt: status 1", status, 1)

print("done")
