-- The hunt API's checks and the findings it makes: misspelt hunt{} keys and h:report keys raise
-- with the closest key, text fields must be text, flow views and packets are not mixed up, a
-- group's frames are its distinct frames, a flow's rebuilt first packet keeps its TCP flags.
local T = dofile("tests/lua/lib.lua")
local D = "tests/data/"

local errmsg = T.errmsg

-- 1. hunt{}: a misspelling of a key (close to it, a value of its type) raises with the key meant
T.eq("hunt{}: flowend", errmsg(hunt, {name = "api-bad", flowend = function() end, finish = function() end}),
  "hunt api-bad: no key 'flowend' (did you mean flow_end?)")
T.eq("hunt{}: option", errmsg(hunt, {name = "api-bad", option = {a = 1}, finish = function() end}),
  "hunt api-bad: no key 'option' (did you mean options?)")
T.eq("hunt{}: sevrity", errmsg(hunt, {name = "api-bad", sevrity = "high", finish = function() end}),
  "hunt api-bad: no key 'sevrity' (did you mean severity?)")
T.eq("hunt{}: pakcet", errmsg(hunt, {name = "api-bad", pakcet = function() end, finish = function() end}),
  "hunt api-bad: no key 'pakcet' (did you mean packet?)")
T.eq("hunt{}: nothing was defined by the bad ones", (tostring(hunt()):find("api-bad", 1, true)), nil)
-- the hunt's own fields, which h falls back to, are kept: far from every key, or of another type
hunt{name = "api-own", ports = {[22] = "ssh"}, packets = 3, names = {"a"},
  finish = function(h) h:report{msg = h.ports[22] .. " " .. h.packets .. " " .. h.names[1]} end}
pcaphunt.use(assert(pcaphunt.open(D .. "clean.pcap")))
T.eq("hunt{}: own fields read through h", hunt("api-own")[1].msg, "ssh 3 a")

-- 2. h:report's keys and values
local function report_err(args)
  local got
  hunt{name = "api-report", severity = "low", packet = function(p, h)
    if got == nil then
      local ok, e = pcall(h.report, h, args(p, h))
      got = ok and "no error" or tostring(e)
    end
  end}
  hunt("api-report")
  return got
end
T.eq("report: sevrity", report_err(function(p) return {packet = p, msg = "m", sevrity = "high"} end),
  "report: no key 'sevrity' (did you mean severity?)")
T.eq("report: frame", report_err(function(p) return {frame = p, msg = "m"} end),
  "report: no key 'frame' (did you mean frames?)")
T.eq("report: a key far from every one", report_err(function(p) return {packet = p, msg = "m", colour = "red"} end),
  "report: no key 'colour' (msg, why, check, packet, flow, frames, host, key, severity)")
T.eq("report: a key that is not a name", report_err(function(p) return {p, msg = "m"} end),
  "report: a key that is not a name (msg, why, check, packet, flow, frames, host, key, severity)")
T.eq("report: key = {}", report_err(function(p) return {packet = p, msg = "m", key = {}} end),
  "report: key must be a string or a number, not table")
T.eq("report: msg = true", report_err(function(p) return {packet = p, msg = true} end),
  "report: msg must be a string or a number, not boolean")
T.eq("report: packet = 5", report_err(function(p) return {packet = 5, msg = "m"} end),
  "report: packet must be a packet, not number")
T.eq("report: flow = a packet", report_err(function(p) return {flow = p, msg = "m"} end),
  "report: flow is a packet: use packet = p")
T.eq("report: frames = 'x'", report_err(function(p) return {frames = "x", msg = "m"} end),
  "report: frames must be a list of packets, not string")
local function flow_err(args)
  local got
  hunt{name = "api-flow", severity = "low", flow_end = function(f, h)
    if got == nil then
      local ok, e = pcall(h.report, h, args(f))
      got = ok and "no error" or tostring(e)
    end
  end}
  hunt("api-flow")
  return got
end
T.eq("report: packet = a flow view", flow_err(function(f) return {packet = f, msg = "m"} end),
  "report: packet is a flow view: use flow = f")
T.eq("report: a flow view in frames", flow_err(function(f) return {flow = f, frames = {f}, msg = "m"} end),
  "report: frames[1] is a flow view: use flow = f")
-- a number is text: key = 5 is the group "5"
hunt{name = "api-numkey", packet = function(p, h) h:report{packet = p, msg = 42, key = 5} end}
local g = hunt("api-numkey")
T.eq("report: numbers as text", #g .. " " .. g[1].key .. " " .. g[1].msg .. " " .. g[1].count, "1 5 42 17")

-- 3. a group's frames: the distinct frames cited, the first 10 in the order cited
hunt{name = "api-pairs", want = {proto = "tcp"}, packet = function(p, h)
  if not h.first then h.first = p return end
  h:report{frames = {h.first, p, h.first}, key = "k", msg = "pair"}
end}
g = hunt("api-pairs")[1]
T.eq("distinct frames: count, frames, frame_count", g.count .. " " .. table.concat(g.frames, ",") .. " " .. g.frame_count,
  "13 2,3,4,5,6,7,8,11,12,13 14")
T.eq("distinct frames: first and last", g.first_frame .. " " .. g.last_frame, "2 17")
T.eq("distinct frames: the human report", tostring(hunt("api-pairs")),
  "[medium] api-pairs: pair\n    13 findings, frames 2, 3, 4, 5, 6, 7, 8, 11, 12, 13 and 4 more, 2004-11-23 08:53:21.123456 .. 2004-11-23 08:53:36.975296 UTC\n" ..
  "    e.g. 2 1101200001.123456 10.0.0.5:40001 > 192.168.1.10:80 TCP [S] len 0 ttl 64 id 8704")
-- cited out of order: first and last by time, the list in the order cited
hunt{name = "api-late", want = {proto = "tcp"}, packet = function(p, h) h.kept = h.kept or {} h.kept[#h.kept + 1] = p end,
  finish = function(h)
    for i = #h.kept, 1, -1 do h:report{frames = {h.kept[i], h.kept[1]}, key = "k", msg = "late"} end
  end}
g = hunt("api-late")[1]
T.eq("cited in reverse: first/last by time, listed as cited", g.first_frame .. " " .. g.last_frame .. " " ..
  table.concat(g.frames, ",") .. " " .. g.frame_count, "2 17 17,2,16,15,14,13,12,11,8,7 14")

-- 4. a flow's first packet rebuilt: its TCP flags, len 0 only when it carried nothing
pcaphunt.use(assert(pcaphunt.open(D .. "app-fields.pcap")))
hunt{name = "api-flowex", flow_end = function(f, h) if f.proto == 6 then h:report{flow = f, key = f.first_frame, msg = "m"} end end}
local ex = {}
for _, grp in ipairs(hunt("api-flowex")) do ex[#ex + 1] = grp.example end
table.sort(ex)
T.eq("flow examples: a SYN (flow with data) keeps [S] len 0; a data packet [P.] without its length", table.concat(ex, "\n"),
  "11 1101200010.234560 10.0.0.5:40011 > 10.0.0.44:443 TCP [P.] ttl 64 id 512\n" ..
  "13 1101200012.481472 10.0.0.22:22 > 10.0.0.5:40012 TCP [P.] ttl 64 id 512\n" ..
  "7 1101200006.740736 10.0.0.5:40010 > 10.0.0.80:80 TCP [S] len 0 ttl 64 id 768")
print("done")
