-- The shared Lua prelude: loaded into every session before user code.
-- The C side has set `captures` (a read-only view of the session's captures: the -r files,
-- in order, or what pcaphunt.use chose) and `packets([bpf])`, which walks them all;
-- `capture` is the first of them (set by C whenever the captures are).  It passes two arguments:
-- whether the session runs --sandbox, and metafield(v, key), v's own metatable's field as C reads it
-- (under --sandbox getmetatable() shows false for every shared metatable: lua/huntenv.c).
local SANDBOX, metafield = ...

-- Errors of the functions below point at the code that called them, as a C function's luaL_error
-- and luaL_argerror do: a bad argument or a closed capture is the caller's line, never a line of
-- this file.  HERE is this file's name as its errors carry it ("prelude.lua").
local pcall, error, type, rawget, pack, unpack = pcall, error, type, rawget, table.pack, table.unpack
local HERE = select(2, pcall(error, "", 2)):match("^(.*):%d+: $")

-- The type name of v as Lua's own "bad argument" messages give it: the __name of a userdata's or
-- table's metatable ("pcaphunt.packet"), else type(v).
local function typename(v)
  local name = metafield(v, "__name")
  return type(name) == "string" and name or type(v)
end

-- Raises "bad argument #n to 'fname' (want expected, got T)" at the caller of the prelude function
-- that calls this (luaL_typeerror's text and position).
local function arg_error(n, fname, want, v)
  error(string.format("bad argument #%d to '%s' (%s expected, got %s)", n, fname, want, typename(v)), 3)
end

local function is_capture(v) return typename(v) == "pcaphunt.capture" end

-- Calls f(...) on behalf of the caller of the prelude function that calls this, and returns what f
-- returns.  An error raised at a line of this file (packets() or cap:packets() on a closed capture,
-- a bad filter, pcaphunt.writer on a path it cannot write) is raised again with the same text at the
-- caller's line; any other error (the caller's own function's, an interrupt) goes on unchanged.
local function for_caller(f, ...)
  local r = pack(pcall(f, ...))
  if r[1] then return unpack(r, 2, r.n) end
  local msg = r[2]
  local text = type(msg) == "string" and msg:sub(1, #HERE + 1) == HERE .. ":" and msg:sub(#HERE + 2):match("^%d+: (.*)$")
  if text then error(text, 3) end
  error(msg, 0)
end

-- BPF shared by hunts (kept for hunt files written before `want`; want = {tcp_flags = "rst"}
-- says the same, for IPv6 too, and is cheaper).
pcaphunt.filters = {
  rst = "(ip and tcp[tcpflags] & tcp-rst != 0) or (ip6 and tcp)",
}

-- pcaphunt.multicast(addr): true for a multicast address: IPv4 224.0.0.0/4 (224-239 in the first
-- octet), IPv6 ff00::/8 (a first group of four hex digits beginning "ff": "ff::1" is 00ff::1, not
-- multicast).  The one test the hunts that leave group traffic out, or call a group source impossible, share.
function pcaphunt.multicast(a)
  if type(a) ~= "string" then arg_error(1, "multicast", "string", a) end
  local o = tonumber(a:match("^(%d+)%.%d+%.%d+%.%d+$"))
  if o then return o >= 224 and o <= 239 end
  return a:lower():match("^ff%x%x:") ~= nil
end

-- pcaphunt.initial_ttl(ttl): the initial TTL (hop limit) a packet seen at ttl was most likely sent with,
-- inferred as p0f does: the next of 32, 64, 128, 255 at or above it.
local initial_ttls = {32, 64, 128, 255}
function pcaphunt.initial_ttl(ttl)
  if type(ttl) ~= "number" then arg_error(1, "initial_ttl", "number", ttl) end
  for _, i in ipairs(initial_ttls) do if ttl <= i then return i end end
  return 255
end

-- The flow f (seen from a RST's sender) was opened by that sender with SYNs, and it sent no ACK and no data
-- on it: what a tool sending SYNs from a raw socket leaves (a TCP traceroute, a SYN scanner).
-- SYNs a fragmentation cut before their flags (nmap -f: the first fragment holds 8 of the TCP header's 20
-- bytes) are counted as packets without flags (f.cut_fragment: the sender sent such a first fragment); a
-- SYN-ACK answering nothing but such packets tells they were SYNs.
local function headerless_syns(f)
  return f.syns == 0 and f.cut_fragment and f.synack_seen and not f.ack_seen
end
local function syns_only(f)
  return f.initiator and (f.syns > 0 or headerless_syns(f)) and not f.established and not f.data_seen
end

-- pcaphunt.tcp_traceroute(p, f): true when RST p ends a flow f (seen from p's sender) that its sender
-- opened with SYNs and nothing else (no ACK, no data) at several TTLs or at one of 32 or less, p's TTL
-- above them: a TCP traceroute's SYNs (traceroute -T, tcptraceroute), then the kernel's RST.  The TTL
-- hunts (rst-origin, fixed-ttl) judge no such RST by its TTL.
function pcaphunt.tcp_traceroute(p, f)
  return syns_only(f) and (f.ttl_changes > 0 or f.ttl_first <= 32) and p.ttl > f.ttl_first
end

-- pcaphunt.syn_scan_reset(p, f): true when RST p, without ACK, comes from the initiator of a flow f (seen from
-- p's sender) that it opened with SYNs and nothing else (no ACK, no data), which the responder answered with a
-- SYN-ACK, p's TTL above the SYNs', or as many hops from a common initial TTL (32, 64, 128, 255) below
-- another than theirs: a SYN scanner's probe (nmap -sS, masscan: SYNs from a raw socket, at a TTL of the
-- tool's own: nmap's 37 to 59 over IPv4, hop limit 255 over IPv6; SYNs in tiny fragments, nmap -f, whose
-- flags the flow table could not read, count when the SYN-ACK answered them) and the sender's kernel refusing the
-- SYN-ACK it has no socket for (RFC 9293 3.10.7.1: a RST at the SYN-ACK's acknowledgement number, no
-- ACK, the kernel's own TTL, from the same host: as many hops away).  The TTL hunts (rst-origin,
-- fixed-ttl) judge no such RST by its TTL: the scan is port-scan's.  A RST forged in the initiator's name
-- during its handshake at a TTL above its SYNs' is left to rst-injection (the initiator goes on: its ACK,
-- its data); one below them from another distance (the usual forger's, further away) is still judged.
function pcaphunt.syn_scan_reset(p, f)
  local t = p.tcp
  if not (t ~= nil and t.rst and not t.ack_flag and syns_only(f) and (f.packets_sent == f.syns or headerless_syns(f))
      and f.synack_seen) then
    return false
  end
  if p.ttl > f.ttl_first then return true end
  local i1, i2 = pcaphunt.initial_ttl(p.ttl), pcaphunt.initial_ttl(f.ttl_first)
  return i1 ~= i2 and i1 - p.ttl == i2 - f.ttl_first
end

-- pcaphunt.gtsm_restart_reset(p, f): true when RST p, without ACK, comes from a sender whose every earlier packet in
-- flow f (seen from p's sender) came at TTL 255 or 254 -- GTSM (RFC 5082): BGP, LDP and MSDP speakers set 255 on
-- their sockets, and their peers are directly connected -- and p at a stack's default initial TTL (64 or 128) as
-- many hops below it: the sender's own kernel answering a segment for a connection its application no longer
-- has (a daemon restarted), from the same host; a GTSM receiver drops it (below its minimum TTL), so the peer
-- retransmits and the kernel answers again: the sender's TTL may have changed once before, to p's.  rst-origin and
-- fixed-ttl report it at info, not as an injector's (trial real19 FP-3).  An injector arriving at exactly 64 or
-- 128 would have to be on the capture point's link, and the session's receiver drops its RST all the same.
function pcaphunt.gtsm_restart_reset(p, f)
  local t = p.tcp
  if not (t ~= nil and t.rst and not t.ack_flag and f.ttl_first and f.ttl_first >= 254 and
      (f.ttl_changes == 0 or f.ttl_changes == 1 and f.ttl_last == p.ttl)) then
    return false
  end
  local i = pcaphunt.initial_ttl(p.ttl)
  return (i == 64 or i == 128) and i - p.ttl == 255 - f.ttl_first
end

-- pcaphunt.idle_reset(state, p, f, timeout): for RST p ending flow f (seen from p's sender): how long
-- the connection had been idle ("300 s") when that is `timeout` seconds or more -- a load balancer's,
-- firewall's or NAT's idle-timeout reset, sent from its own stack -- or "(the other half of its reset)"
-- for a RST on the same connection within a second of one so found; else nil.  `state` is a table the
-- hunt keeps on h (the connections whose reset was found: 10000 at most).  rst-origin and fixed-ttl
-- judge no such RST by its TTL or IP ID.
local IDLE_KEPT = 10000
function pcaphunt.idle_reset(state, p, f, timeout)
  local a, b = p.src .. " " .. p.sport, p.dst .. " " .. p.dport
  local k = a < b and a .. " " .. b or b .. " " .. a
  local at, idle = state[k], p.frame.time_epoch - f.last_time
  if idle >= timeout then
    if not at and (state.n or 0) < IDLE_KEPT then state[k] = p.frame.time_epoch state.n = (state.n or 0) + 1 end
    return string.format("%.0f s", idle)
  end
  if at and p.frame.time_epoch - at <= 1 then return "(the other half of its reset)" end
end

-- pcaphunt.stateless_reset(p, f): for RST p on flow f (h:flow(p), seen from p's sender, as it was before p):
-- true when p has the shape of the answer a host sends to a segment of a connection it does not have (RFC
-- 9293 3.10.7.1: a RST without ACK, to a segment that carried one): sent in the flow's responder's name,
-- without ACK, within a second of the peer's latest packet, which the sender had not answered (the
-- peer's latest came after the sender's), in a flow that saw no RST before (a host never answers a RST,
-- and a device that resets both sides at once sends one in each name).  Another server that took over the responder's address (an
-- anycast site after a route change, another node behind a load balancer) sends exactly that; so does an
-- injector racing the answer to the peer's segment: the RST alone cannot tell them apart, and the TTL
-- hunts (rst-origin, fixed-ttl) say both.
function pcaphunt.stateless_reset(p, f)
  local t = p.tcp
  if not (t and t.rst and not t.ack_flag and f and not f.initiator and not f.rst_seen) then return false end
  local sent, got = f.last_sent_time, f.last_received_time
  if not got or (sent and sent > got) then return false end
  return p.frame.time_epoch - got <= 1
end

-- pcaphunt.reset_wrong_way(c, f): for a RST's reset cause c (p.reset_cause) on flow f (h:flow(p), seen
-- from the RST's sender): a SonicWALL connection-cache code sent the wrong way -- cki resets the
-- initiator, cko the responder (SonicOS's own meaning), so a cki RST in the initiator's name or a cko
-- one in the responder's is no SonicWALL's: a forged payload -- said as a phrase; else nil.  Judged only
-- on a flow whose SYN was seen, where the initiator is known.  rst-origin and fixed-ttl take no such
-- payload as the device's word.
function pcaphunt.reset_wrong_way(c, f)
  if not (c and c.known and c.vendor == "SonicWALL" and f and f.syn_seen) then return nil end
  local code = c.code:lower()
  if code == "cki" and f.initiator then return "cki (a reset to the initiator) sent by the initiator" end
  if code == "cko" and not f.initiator then return "cko (a reset to the responder) sent by the responder" end
end

-- pcaphunt.impossible_source(src, dst): true for a source no honest host can have: limited broadcast,
-- unspecified, multicast or class E, or loopback towards a non-loopback destination (on a loopback
-- interface 127.0.0.1 > 127.0.0.1 is normal).  Shared by the hunts that weigh "impossible" as evidence.
function pcaphunt.impossible_source(src, dst)
  if type(src) ~= "string" then arg_error(1, "impossible_source", "string", src) end
  if dst ~= nil and type(dst) ~= "string" then arg_error(2, "impossible_source", "string or nil", dst) end
  dst = dst or ""
  if src == "255.255.255.255" or src == "0.0.0.0" or src == "::" then return true end
  local a = tonumber(src:match("^(%d+)%."))
  if a then
    if a >= 224 then return true end
    return a == 127 and not dst:match("^127%.")
  end
  if pcaphunt.multicast(src) then return true end
  return src == "::1" and dst ~= "::1"
end

-- pcaphunt.breadth(state, p, min [, item]): for the hunts that judge a source by how many destinations
-- its odd packets reach (backscatter).  Counts the destination of p (a packet, or a flow view: its
-- sender and peer) for its source in `state` (a table the hunt keeps on h); while the source has
-- reached fewer than `min` distinct destinations, item (p when not given) is kept (64 at most) and nil
-- is returned; from then on the items to report are returned: the kept ones and this one.
-- Memory: the sources still below `min` keep at most BREADTH_ITEMS items in all (a packet each, about
-- a kilobyte: a flood of odd packets from as many spoofed sources would keep every one).  At the bound
-- the sources with one destination are let go (at most once in a tenth of the bound's calls), then,
-- while that frees less than a tenth, the ones seen first; while nothing can be let go, a new source is
-- not followed.  pcaphunt.breadth_bound(state) says how many were let go and not followed (for h:note).
local BREADTH_ITEMS = 40000
local breadth_meta = setmetatable({}, {__mode = "k"})   -- state -> {items, sources (in order), let_go, unfollowed}

-- pcaphunt.sweep(tbl, order, quota, first): the sweep of a hunt's bounded table tbl (key -> an entry with a
-- `kept` list), its keys in `order`, oldest first: lets go the entries for which first(key, entry) is true,
-- then, while fewer than `quota` kept items were freed, the oldest others.  An entry with no `kept` (done
-- with, as a source past pcaphunt.breadth's min) stays in tbl and leaves the order.  Returns the new order,
-- the kept items freed and the entries let go.
function pcaphunt.sweep(tbl, order, quota, first)
  if type(tbl) ~= "table" then arg_error(1, "sweep", "table", tbl) end
  if type(order) ~= "table" then arg_error(2, "sweep", "table", order) end
  if type(quota) ~= "number" then arg_error(3, "sweep", "number", quota) end
  if type(first) ~= "function" then arg_error(4, "sweep", "function", first) end
  local keep, freed, n = {}, 0, 0
  for _, k in ipairs(order) do
    local e = tbl[k]
    if e and e.kept then
      if first(k, e) then freed = freed + #e.kept tbl[k] = nil n = n + 1 else keep[#keep + 1] = k end
    end
  end
  local i = 1
  while freed < quota and i <= #keep do
    freed = freed + #tbl[keep[i]].kept
    tbl[keep[i]] = nil
    n = n + 1
    i = i + 1
  end
  return table.move(keep, i, #keep, 1, {}), freed, n
end

-- sources with one destination first, then the ones seen first
local function breadth_sweep(m, state)
  local order, freed, n = pcaphunt.sweep(state, m.sources, BREADTH_ITEMS // 10, function(_, s) return s.n <= 1 end)
  m.sources, m.items, m.let_go = order, m.items - freed, m.let_go + n
  m.sweep_after = m.new_items + BREADTH_ITEMS // 10
end

function pcaphunt.breadth(state, p, min, item)
  if type(state) ~= "table" then arg_error(1, "breadth", "table", state) end
  local kind = typename(p)
  if kind ~= "pcaphunt.packet" and kind ~= "pcaphunt.flow" then arg_error(2, "breadth", "packet or flow view", p) end
  if type(min) ~= "number" then arg_error(3, "breadth", "number", min) end
  if p.src == nil then error("breadth: the packet has no IP source (test p.src first)", 2) end
  if item == nil then item = p end
  local src = p.src
  local s = state[src]
  if s and s.broad then return {item} end
  local m = breadth_meta[state]
  if not m then m = {items = 0, sources = {}, let_go = 0, unfollowed = 0, new_items = 0, sweep_after = 0} breadth_meta[state] = m end
  m.new_items = m.new_items + 1   -- calls counted, kept or not: a full state sweeps again after a tenth of the bound
  if m.items >= BREADTH_ITEMS and m.new_items >= m.sweep_after then breadth_sweep(m, state) s = state[src] end
  if not s then
    if m.items >= BREADTH_ITEMS then m.unfollowed = m.unfollowed + 1 return nil end
    s = {dsts = {}, n = 0, kept = {}}
    state[src] = s
    m.sources[#m.sources + 1] = src
  end
  if not s.dsts[p.dst] then s.dsts[p.dst] = true s.n = s.n + 1 end
  if s.n < min then
    if #s.kept < 64 and m.items < BREADTH_ITEMS then
      s.kept[#s.kept + 1] = item
      m.items = m.items + 1
    end
    return nil
  end
  local out = s.kept
  m.items = m.items - #out
  state[src] = {broad = true}   -- its destinations and items are no longer needed: every later one is reported
  out[#out + 1] = item
  return out
end

-- pcaphunt.breadth_note(what, let_go, unfollowed): the note a hunt gives when pcaphunt.breadth's bound was hit.
function pcaphunt.breadth_note(what, let_go, unfollowed)
  return string.format("sources of %s not yet at min_destinations kept more than %d packets in all (a flood from " ..
    "as many spoofed sources?): %d sources were let go (those with one destination first, then the first seen)%s; " ..
    "a source among them may be reported later with fewer packets, or missed", what, BREADTH_ITEMS, let_go,
    unfollowed > 0 and string.format(", and %d packets of new sources not followed while it was full", unfollowed) or "")
end

-- pcaphunt.breadth_bound(state): how many sources pcaphunt.breadth let go at its bound, and how many new
-- ones it did not follow (0, 0: none; a hunt says so with h:note).
function pcaphunt.breadth_bound(state)
  if type(state) ~= "table" then arg_error(1, "breadth_bound", "table", state) end
  local m = breadth_meta[state]
  if not m then return 0, 0 end
  return m.let_go, m.unfollowed
end

-- pcaphunt.group_key(state, key, folded): for the hunts whose finding keys name a source or a host pair,
-- which a flood from spoofed sources chooses: a finding group costs about a kilobyte (its texts, its
-- example), one per source of 300,000 spoofed ones held 300 MB.  Returns key while it is one of the first
-- GROUP_KEYS distinct keys given in `state` (a table the hunt keeps on h) and one of the first KIND_KEYS
-- of its kind (`folded`: a key naming the kind of finding, not the hosts); past them a new key is replaced
-- by `folded` (its findings are one group), counted.  A flood of one kind so leaves room for the others'
-- groups.  pcaphunt.group_bound(state) says how many findings were folded (for h:note).
local GROUP_KEYS, KIND_KEYS = 10000, 5000
local group_meta = setmetatable({}, {__mode = "k"})   -- state -> {keys = n, kinds = {[folded] = n}, folded = n}

function pcaphunt.group_key(state, key, folded)
  if type(state) ~= "table" then arg_error(1, "group_key", "table", state) end
  if type(key) ~= "string" then arg_error(2, "group_key", "string", key) end
  if type(folded) ~= "string" then arg_error(3, "group_key", "string", folded) end
  if state[key] then return key end
  local m = group_meta[state]
  if not m then m = {keys = 0, kinds = {}, folded = 0} group_meta[state] = m end
  local k = m.kinds[folded] or 0
  if m.keys < GROUP_KEYS and k < KIND_KEYS then
    state[key] = true
    m.keys = m.keys + 1
    m.kinds[folded] = k + 1
    return key
  end
  m.folded = m.folded + 1
  return folded
end

-- pcaphunt.group_bound(state): how many findings pcaphunt.group_key folded; the bounds (GROUP_KEYS, KIND_KEYS).
function pcaphunt.group_bound(state)
  if type(state) ~= "table" then arg_error(1, "group_bound", "table", state) end
  local m = group_meta[state]
  return m and m.folded or 0, GROUP_KEYS, KIND_KEYS
end

-- pcaphunt.group_report(h, kind, t): h:report(t) with t.key through pcaphunt.group_key (in h.keys, with
-- `kind` naming the folded group), its message saying so when folded; pcaphunt.group_note(h): h:note
-- when findings were folded.  For the hunts whose keys name a source or a host pair (reset-cause, rst-origin).
function pcaphunt.group_report(h, kind, t)
  if type(t) ~= "table" or type(t.key) ~= "string" or type(t.msg) ~= "string" then
    arg_error(3, "group_report", "finding table with key and msg", t)
  end
  h.keys = h.keys or {}
  local key = pcaphunt.group_key(h.keys, t.key, "past the groups' bound: " .. kind)
  if key ~= t.key then
    t.key = key
    t.msg = t.msg .. " (one group for the findings of its kind past the hunt's bound on groups)"
  end
  h:report(t)
end

function pcaphunt.group_note(h)
  local n, max, kind = pcaphunt.group_bound(h.keys or {})
  if n > 0 then
    h:note(string.format("more than %d finding groups, or %d of a kind (a group per source or host pair: a flood from " ..
      "as many spoofed sources?): %d findings past them were put in one group per kind, not per host", max, kind, n))
  end
end

-- Exploring helpers, for the shell and for scripts alike: find, summary, and
-- pcaphunt.repr, which the shell uses to print results.
local escape, fmt, concat = pcaphunt.escape, string.format, table.concat
local LIST_SHOWN, TABLE_ITEMS, TABLE_DEPTH, STRING_SHOWN = 50, 50, 3, 400

-- A packet list (what find returns): a plain Lua list of packets that prints as a
-- numbered table.
local PacketList = {__name = "packet list"}
PacketList.__index = PacketList
pcaphunt.PacketList = PacketList
if SANDBOX then PacketList.__metatable = false end   -- a hunt cannot reach the lists' shared metatable

function PacketList.__tostring(list)
  local n = #list
  if n == 0 then return "(no packets)" end
  local lines, width = {}, #tostring(n)
  for i = 1, math.min(n, LIST_SHOWN) do
    lines[i] = fmt("[%" .. width .. "d] %s", i, tostring(list[i]))
  end
  if n > LIST_SHOWN then
    lines[#lines + 1] = fmt("... and %d more: %d packets in all (list[i] is one, list:show(i) its tree)", n - LIST_SHOWN, n)
  end
  return concat(lines, "\n")
end

-- list:show(i): the layer tree of the i-th packet.
function PacketList:show(i)
  if type(self) ~= "table" then arg_error(1, "show", "packet list", self) end
  local p = self[i or 1]
  if not p then error(fmt("show: no packet %s in a list of %d", tostring(i), #self), 2) end
  return p:show()
end

-- list:find(fn): the packets of this list for which fn(p) is true.
function PacketList:find(fn)
  if type(self) ~= "table" then arg_error(1, "find", "packet list", self) end
  if type(fn) ~= "function" then error("find: give a function(p) returning true for the packets wanted", 2) end
  local out = setmetatable({}, PacketList)
  for _, p in ipairs(self) do if fn(p) then out[#out + 1] = p end end
  return out
end

-- list:write(path): the packets as a pcap file, for Wireshark; returns how many.
local function write_list(list, path)
  local w = pcaphunt.writer(path, list[1])
  for _, p in ipairs(list) do w:write(p) end
  return w:close()
end

function PacketList:write(path)
  if type(self) ~= "table" then error("calling 'write' on bad self (packet list expected, got " .. typename(self) .. ")", 2) end
  if type(path) ~= "string" and type(path) ~= "number" then arg_error(1, "write", "string", path) end   -- a method: #1 is the path, as Lua counts
  return (for_caller(write_list, self, path))
end

local function layer_hint(msg)
  local field = msg:match("attempt to index a nil value %(field '([%w_]+)'%)")
  if field and pcaphunt.fields[field] then
    return fmt(" (p.%s is nil for packets without %s: test it first, as in `p.%s and p.%s.…`)", field, field, field, field)
  end
  return ""
end

-- find(bpf) or find(function(p) ... end): the matching packets of the -r captures, as a list.
-- A BPF expression is applied in C; a function is called for every packet.
local function find_in(what)
  local list = setmetatable({}, PacketList)
  if what == nil or type(what) == "string" then
    for p in packets(what) do list[#list + 1] = p end
  else
    for p in packets() do
      local ok, hit = pcall(what, p)
      if not ok then
        hit = tostring(hit)
        if hit:match("interrupted$") then error(hit, 0) end
        error(fmt("find: frame %d: %s%s", p.frame.number, hit, layer_hint(hit)), 0)
      end
      if hit then list[#list + 1] = p end
    end
  end
  return list
end

function find(what)
  if what ~= nil and type(what) ~= "string" and type(what) ~= "function" then
    error("find: give a BPF expression (\"tcp port 515\") or a function(p) returning true for the packets wanted", 2)
  end
  return (for_caller(find_in, what))
end

-- p.frame.time ("1101200005.123456", the capture's digits) as a UTC date with those digits; a time no
-- calendar holds (a damaged or hostile pcapng time stamp) as it is.
local function utc(text)
  local sec, frac = text:match("^(-?%d+)%.(%d+)$")
  sec = sec and math.tointeger(tonumber(sec))
  local ok, date = pcall(os.date, "!%Y-%m-%d %H:%M:%S", sec or 0)
  if not sec or not ok or not date then return text end
  return date .. "." .. frac
end

local function counted(map, limit)
  local list = {}
  for k, n in pairs(map) do list[#list + 1] = {k, n} end
  table.sort(list, function(a, b) if a[2] ~= b[2] then return a[2] > b[2] end return tostring(a[1]) < tostring(b[1]) end)
  local parts = {}
  for i = 1, math.min(#list, limit) do parts[i] = fmt("%s %d", escape(tostring(list[i][1])), list[i][2]) end
  if #list > limit then parts[#parts + 1] = fmt("(%d more)", #list - limit) end
  return concat(parts, ", ")
end

local Summary = {__name = "summary"}
if SANDBOX then Summary.__metatable = false end
function Summary.__tostring(s)
  if s.packets == 0 then return "no packets" end
  local lines = {
    fmt("%d packets, %d bytes on the wire, %s .. %s UTC (%.3f s)", s.packets, s.bytes, utc(s.first_text),
      utc(s.last_text), s.duration),
    "protocols:    " .. counted(s.protocols, 10),
    "top talkers:  " .. counted(s.talkers, 5) .. "  (packets sent)",
    fmt("TCP resets:   %d, %d of them with a reset cause", s.rst, s.rst_with_cause),
  }
  if next(s.reset_causes) then
    local parts = {}
    for code, n in pairs(s.reset_causes) do
      local row = pcaphunt.reset_codes[code]
      parts[#parts + 1] = fmt("%s %d%s", escape(code), n, row and (" (" .. row.vendor .. ": " .. row.meaning .. ")") or "")
    end
    table.sort(parts)
    lines[#lines + 1] = "reset causes: " .. concat(parts, ", ")
  end
  return concat(lines, "\n")
end

-- The seconds between two frames' times as their texts give them ("1101199994.123456"), exact to the
-- finer one's digits: the difference of two epoch doubles carries their rounding (20.234560012817).
local function span(a, b)
  local sa, fa = a:match("^(%d+)%.?(%d*)$")
  local sb, fb = b:match("^(%d+)%.?(%d*)$")
  if not sa or not sb then return tonumber(b) - tonumber(a) end
  local digits = math.max(#fa, #fb)
  local scale = 10 ^ digits
  local d = (tonumber(sb) - tonumber(sa)) + ((tonumber(fb ~= "" and fb or "0") / 10 ^ #fb) - (tonumber(fa ~= "" and fa or "0") / 10 ^ #fa))
  return math.floor(d * scale + 0.5) / scale
end

-- summary([cap]): packet count, time span, protocol mix, top talkers, RSTs and reset causes of the
-- -r captures (or of cap).
local function summarise(cap)
  local s = {packets = 0, bytes = 0, protocols = {}, talkers = {}, rst = 0, rst_with_cause = 0, reset_causes = {}}
  for p in (cap and cap:packets() or packets()) do
    local fr = p.frame
    s.packets, s.bytes = s.packets + 1, s.bytes + fr.len
    local t = fr.time_epoch
    if not s.first_time or t < s.first_time then s.first_time, s.first_text = t, fr.time end
    if not s.last_time or t > s.last_time then s.last_time, s.last_text = t, fr.time end
    local proto = p.proto
    s.protocols[proto] = (s.protocols[proto] or 0) + 1
    local src = p.src
    if src then s.talkers[src] = (s.talkers[src] or 0) + 1 end
    local tcp = p.tcp
    if tcp and tcp.rst then
      s.rst = s.rst + 1
      local c = p.reset_cause
      if c then
        s.rst_with_cause = s.rst_with_cause + 1
        local code = c.code or c.category
        s.reset_causes[code] = (s.reset_causes[code] or 0) + 1
      end
    end
  end
  s.duration = s.packets > 0 and span(s.first_text, s.last_text) or 0
  return setmetatable(s, Summary)
end

function summary(cap)
  if cap ~= nil and not is_capture(cap) then arg_error(1, "summary", "capture", cap) end
  return (for_caller(summarise, cap))
end

-- pcaphunt.repr(v): v as the shell shows it; strings quoted and escaped, tables pretty-printed
-- with bounded depth and length, packets as their one-line summary.
local keywords = {}
for w in ("and break do else elseif end false for function goto if in local nil not or repeat return then true until while"):gmatch("%a+") do
  keywords[w] = true
end

local repr

local function repr_key(k, seen)
  if type(k) == "string" and k:match("^[%a_][%w_]*$") and not keywords[k] then return k end
  return "[" .. repr(k, TABLE_DEPTH, seen, "") .. "]"
end

local function repr_string(s)
  if #s > STRING_SHOWN then
    return '"' .. escape(s:sub(1, STRING_SHOWN)) .. fmt('"... (%d bytes)', #s)
  end
  return '"' .. escape(s) .. '"'
end

local function repr_layer(v, name)
  local parts = {}
  for _, f in ipairs(pcaphunt.fields[name]) do
    local ok, x = pcall(function() return v[f.name] end)
    if ok and x ~= nil and type(x) ~= "userdata" and type(x) ~= "table" then
      parts[#parts + 1] = f.name .. " = " .. repr(x, TABLE_DEPTH, {}, "")
    end
  end
  return name .. " {" .. concat(parts, ", ") .. "}"
end

-- The entries of t: its sequence 1..n (raw), then the other keys sorted.  A table with a
-- __pairs metamethod (pcaphunt.reset_codes) is walked through it; at most TABLE_ITEMS + 1 entries.
local function entries(t)
  local n = 0
  while n < TABLE_ITEMS + 1 and rawget(t, n + 1) ~= nil do n = n + 1 end
  local keys, vals = {}, {}
  local iter, state, init = next, t, nil
  if metafield(t, "__pairs") then iter, state, init = pairs(t) end
  for k, v in iter, state, init do
    if not (math.type(k) == "integer" and k >= 1 and k <= n) then
      keys[#keys + 1] = k
      vals[k] = v
      if #keys > 10 * TABLE_ITEMS then break end
    end
  end
  table.sort(keys, function(a, b)
    local ta, tb = type(a), type(b)
    if ta ~= tb then return ta < tb end
    if ta == "number" or ta == "string" then return a < b end
    return tostring(a) < tostring(b)
  end)
  return n, keys, vals
end

function repr(v, depth, seen, indent)
  local t = type(v)
  if t == "string" then return repr_string(v) end
  if t == "userdata" and rawequal(v, pcaphunt.reset_codes) then   -- a read-only view: its rows, as a table's
    local rows = {}
    for k, row in pairs(v) do rows[k] = row end
    return repr(rows, depth, seen, indent)
  end
  if t == "userdata" then
    local ok, s = pcall(tostring, v)
    s = ok and s or "userdata"
    local layer = s:match("^(%w+) layer of frame %d+$")
    if layer and pcaphunt.fields[layer] then return repr_layer(v, layer) end
    return s
  end
  if t ~= "table" then return tostring(v) end
  if metafield(v, "__tostring") then
    local ok, s = pcall(tostring, v)
    return ok and s or "(table whose __tostring failed)"
  end
  if seen[v] then return "{...} (a cycle)" end
  if depth >= TABLE_DEPTH then return "{...}" end
  seen[v] = true
  local n, keys, vals = entries(v)
  local items, inner = {}, indent .. "  "
  for i = 1, math.min(n, TABLE_ITEMS) do items[#items + 1] = repr(rawget(v, i), depth + 1, seen, inner) end
  local positional = #items
  for _, k in ipairs(keys) do
    if #items >= TABLE_ITEMS then break end
    items[#items + 1] = repr_key(k, seen) .. " = " .. repr(vals[k], depth + 1, seen, inner)
  end
  local more = n + #keys - #items
  if more > 0 then items[#items + 1] = fmt("... (%d more)", more) end
  seen[v] = nil
  if #items == 0 then return "{}" end
  local flat = "{" .. concat(items, ", ") .. "}"
  if #flat + #indent <= 100 and not flat:find("\n", 1, true) then return flat end
  -- list items share lines; a key = value, or a multi-line item, has a line to itself
  local lines, cur = {}, nil
  for i, it in ipairs(items) do
    local piece = it .. (i < #items and "," or "")
    if i > positional or it:find("\n", 1, true) then
      if cur then lines[#lines + 1], cur = cur, nil end
      lines[#lines + 1] = piece
    elseif cur and #inner + #cur + 1 + #piece <= 100 then
      cur = cur .. " " .. piece
    else
      if cur then lines[#lines + 1] = cur end
      cur = piece
    end
  end
  if cur then lines[#lines + 1] = cur end
  return "{\n" .. inner .. concat(lines, "\n" .. inner) .. "\n" .. indent .. "}"
end

function pcaphunt.repr(v)
  return repr(v, 0, {}, "")
end

-- pcaphunt.endpoint(addr, port): "addr:port", an IPv6 address in brackets ("[2001:db8::5]:515"), as the
-- summary lines write them.  Every bundled hunt joins an address and a port through it.
function pcaphunt.endpoint(addr, port)
  if type(addr) ~= "string" then arg_error(1, "endpoint", "string", addr) end
  if type(port) ~= "number" then arg_error(2, "endpoint", "number", port) end
  local n = math.tointeger(port)
  if not n or n < 0 or n > 65535 then
    error(string.format("bad argument #2 to 'endpoint' (a port is an integer from 0 to 65535, not %s)", tostring(port)), 2)
  end
  port = n
  if addr:find(":", 1, true) then return "[" .. addr .. "]:" .. port end
  return addr .. ":" .. port
end
