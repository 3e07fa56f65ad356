-- rst-injection: a connection that goes on after a RST or a FIN in one side's name (FINs: below).  A
-- stack that sent a RST has forgotten the connection: it sends nothing on it afterwards but more RSTs
-- (answering whatever still arrives).  So when the side a RST claims to come from sends other segments after it (data,
-- ACKs), the RST was not its own: a middlebox or an attacker forged it (RST injection: censors, IPSs,
-- off-path attackers).  What the peer did after the RST says whether the forgery worked: it went on
-- (ACKs, data: it ignored the RST, e.g. out of window) or it answered the real sender's next segments
-- with RSTs of its own / went silent (it acted on the RST: the connection was killed).
-- A SYN after the RST opens a new connection on the same ports (a client retrying after its RST
-- answered a stale ACK): the watch ends there.
-- Four cases are not an injection: the two here, and two below (late(): an aborting sender's data the network
-- delayed past its RST; closed_answer(): a RST after FINs both ways):
--   * an idle-timeout reset: the side the RST is in the name of had sent nothing for `idle_timeout`
--     seconds (60, as rst-origin and fixed-ttl) or more.  A NAT, firewall or load balancer that
--     dropped the connection past its timeout resets it from its own stack, in the endpoint's name,
--     often as it answers the first segment that comes after the idle time (a NAT whose mapping
--     expired resets the server's push); the endpoint never saw that RST and goes on (its NAT maps
--     the next segment anew).  An injector reacts to traffic within milliseconds.  Info, and so is a
--     RST in the other direction within a second of it (the device resets both sides).
--   * a copy: a capture point that sees each frame twice can put the copies of what a stack sent just
--     before its RST behind the RST: a SPAN port mirroring both directions of a switch port (the copy
--     50 us later, same TTL), a router captured on two interfaces or `tcpdump -i any` on a router or
--     k8s node (the copy after the next hop: its TTL one or two lower, the same IP ID).  Such a point
--     records each path in order, so the copies of what the sender sent before its RST all come
--     before the copy of the last segment it sent before it, and before the RST's own copy.  A segment within `copy_window` (1 ms) after the
--     RST that carries nothing past the RST (its sequence number plus length and its acknowledgement
--     go no further than the RST's) and comes at the sender's TTL before the RST or up to `copy_hops`
--     (2) below it is a copy when an anchor follows it within the window: in IPv4, a segment with
--     the IP ID of the sender's last segment before the RST (a stack gives every new datagram a new
--     IP ID: the sender's own later segments never repeat it); in IPv6 (no IP ID), and in IPv4 when
--     that ID is 0, a copy of the RST itself (its sequence and acknowledgement numbers, flags, length
--     and, in IPv4, IP ID, within the window, at its TTL or up to copy_hops below).  The anchor
--     itself is a copy too.  Copies are not counted as going on.  A segment the real sender sends
--     after a forged RST comes after its earlier ones at each capture point, so its copy at the last
--     point follows every anchor, and counts.
-- Lua sees only RSTs (rst_in_flow), SYNs and the segments after a RST in its flow; the counting after
-- them is the flow table's, read at flow_end.  Limits: a capture point that reorders a sender's last
-- data behind its RST by more than copy_window; a RST that a load balancer sends for a server that
-- still talks (both are resets in the server's name, and worth a look); in IPv4, a sender whose last
-- segment before the RST, as the table saw it, was a second point's copy of an earlier one (its later
-- copies find no anchor); an injector that forges an anchor within the millisecond hides the sender's
-- pure ACKs before it (its data, past the RST's sequence number, always counts).  Cannot see: an injected RST
-- that the real sender never contradicts (it had nothing more to send), nor one in a flow whose later
-- packets fall outside the capture; an injection in the name of a side silent idle_timeout s or more
-- is reported at info only.
-- FINs: an injector may close a connection with a FIN (or FIN+ACK) in one side's name instead of a
-- RST.  A FIN takes the sequence number after its sender's last byte of data: a stack that sent it
-- sends no data at or past that number afterwards (retransmissions, and segments sent before the FIN
-- that the capture holds after it, end at or before it; a keep-alive carries no data past it, or
-- Windows' one byte at the FIN's own number).  So when the side a FIN claims to come from later sends
-- data past the FIN's sequence number, the FIN was not its own.  The flow table keeps each side's
-- first FIN's sequence number and TTL and raises data_after_fin at the first such segment (once a
-- side; a SYN, a new connection on the ports, forgets them): Lua runs for those only, not for every
-- FIN.  The peer may go on sending after the other side's FIN (a half-close), and the FIN's sender
-- may send ACKs: neither counts.  The segment cited is the sender's data (the FIN itself is not handed
-- to Lua); a FIN whose TTL is more than route_change hops from that data's is named (fixed-ttl judges
-- the FIN's TTL itself).  Medium, as a RST nobody acted on.  Cannot see: a FIN forged ahead of the
-- sender's sequence numbers that its data never reaches in the capture; a FIN the real sender never
-- contradicts (it had nothing more to send); a FIN while the handshake waits for proof (none kept).
local function key(src, sport, dst, dport) return src .. "|" .. sport .. "|" .. dst .. "|" .. dport end
local ep = pcaphunt.endpoint

local SEQ = 4294967296
-- a is past b in sequence space (RFC 9293's modular comparison)
local function past(a, b) local d = (a - b) % SEQ return d ~= 0 and d < SEQ / 2 end

-- The TTL (IPv6: hop limit) of a copy: the original's, or up to `hops` lower (a capture point further on).
local function ttl_near(ttl, of, hops) return ttl ~= nil and of ~= nil and ttl <= of and ttl >= of - hops end

-- p, a segment after r's RST from its sender, may be a capture point's copy of one it sent before (see
-- above): "anchor" when it repeats the sender's last IPv4 segment before the RST (its IP ID), "candidate"
-- when it could be a copy of an earlier one (counted as a copy once an anchor follows it), else nil.
local function copy_kind(p, r, o)
  local t, q = p.tcp, r.p
  if not t or t.syn or t.rst or p.frame.time_epoch - r.time > o.copy_window then return nil end
  local len = (t.len or 0) + (t.fin and 1 or 0)
  if past((t.seq + len) % SEQ, q.tcp.seq) then return nil end
  if q.tcp.ack_flag and t.ack_flag and past(t.ack, q.tcp.ack) then return nil end
  if not ttl_near(p.ttl, r.ttl, o.copy_hops) then return nil end
  if r.by_id and p.ip and p.ip.id == r.ipid then return "anchor" end
  return "candidate"
end

-- p, a segment after r's RST from its sender, is one the network delayed past it (late): it carries data that
-- ends at or before the RST's sequence number, and, in IPv4, its IP ID comes before that of the sender's latest
-- segment before the RST on the sender's counter (1 to LATE_IDS before it: Linux counts a connection's segments
-- one by one): it was sent before a segment the capture saw before the RST.  An aborting server's last data,
-- reordered over unequal paths, comes so after its RST (trial real19: SO_LINGER 0 closes).  The IDs are the
-- sender's own, which a forger cannot give the real sender's later segments: whatever numbers a forged RST
-- carries, what the real sender sends after it has IDs after its latest, and counts.  Over IPv6, and from a
-- sender whose latest ID was 0, nothing tells, and late data counts as going on (a limit).
local LATE_IDS = 4096
local function late(p, r)
  local t, q = p.tcp, r.p
  local n = t and t.len or 0
  if not t or t.syn or t.rst or n == 0 or past((t.seq + n) % SEQ, q.tcp.seq) then return false end
  if not (p.ip and r.ipid and r.ipid ~= 0) then return false end
  local before = (r.ipid - p.ip.id) % 65536
  return before >= 1 and before <= LATE_IDS
end

-- RSTs watched at once (each keeps its packet, about 1.5 KB, until its flow ends): past WATCH_REFUSALS a RST that
-- is its sender's first packet in the flow (a refused SYN: what a SYN flood at a closed port draws by the
-- hundred thousand) is not watched, past WATCH_MAX none; the run's end says how many were not.
local WATCH_REFUSALS, WATCH_MAX = 10000, 20000

-- p, a later RST from the sender of r's, is a capture point's copy of that RST.
local function rst_copy(p, r, o)
  local t, q = p.tcp, r.p
  if p.frame.time_epoch - r.time > o.copy_window or t.seq ~= q.tcp.seq or t.flags ~= q.tcp.flags then return false end
  if t.ack_flag and t.ack ~= q.tcp.ack or (t.len or 0) ~= (q.tcp.len or 0) then return false end
  if (p.ip == nil) ~= (q.ip == nil) or p.ip and p.ip.id ~= q.ip.id then return false end
  return ttl_near(p.ttl, q.ttl, o.copy_hops)
end

-- RST p (f: its flow before it, seen from its sender) is a closed stack's answer: FINs had gone both ways
-- (no RST before), and p takes the sequence number of its sender's FIN or the one after it -- what a stack
-- whose connection is over answers a late segment with (RFC 9293 3.10.7.1: the acknowledgement number
-- of the segment, the peer's ACK of that FIN).  Segments the sender sent before its FIN that the network
-- delays past it (reordering over unequal paths) then come after the RST, and its peer, its TIME-WAIT
-- ended by the RST (RFC 1337), answers them with RSTs: neither side goes on with the connection.
local function closed_answer(p, f)
  if not (f.closed and not f.rst_seen and f.fin_seq) then return false end
  local d = (p.tcp.seq - f.fin_seq) % SEQ
  return d == 0 or d == 1
end

-- The segment p, data past its sender's FIN (data_after_fin), told: where it starts from the FIN's number.
local function past_fin(p, fin)
  local off = (p.tcp.seq - fin) % SEQ
  if off >= SEQ / 2 then off = off - SEQ end
  local n = p.tcp.len
  local bytes = string.format("%d byte%s", n, n == 1 and "" or "s")
  if off == 0 then return bytes .. " from the FIN's own sequence number (" .. fin .. ")" end
  if off > 0 then return string.format("%s from %d past the FIN's sequence number (%d)", bytes, off, fin) end
  return string.format("%s from %d before the FIN's sequence number (%d) to %d past it", bytes, -off, fin, off + n)
end

hunt{
  name = "rst-injection",
  description = "a connection that goes on after a RST or FIN in one side's name: the RST or FIN was forged (injected)",
  severity = "medium",
  priority = 6,
  options = {min_after = 1, idle_timeout = 60, copy_window = 0.001, copy_hops = 2, route_change = 2},
  option_help = {
    min_after = "segments other than RSTs the RST's supposed sender must send after it",
    idle_timeout = "seconds the RST's supposed sender was silent before it for a device's idle-timeout reset (info)",
    copy_window = "seconds after the RST in which a segment repeating what the sender sent before it is a capture point's copy",
    copy_hops = "hops below the sender's TTL a capture point's copy may come at (a point further along the path)",
    route_change = "hops a sender's TTL may move by with its route: a FIN whose TTL is further from its sender's data is named",
  },
  -- in C: SYNs in a flow that saw a RST, and its other segments after the RST; flows that saw one, when they end
  want = {{tcp_flags = "syn", tcp_flags_none = {"ack", "rst", "fin"}, after_rst = true},
    {proto = "tcp", tcp_flags_none = {"rst", "syn"}, after_rst = true}},
  flow_end_want = {proto = "tcp", rst_seen = true},
  packet = function(p, h)
    local rsts = h.rsts
    if not rsts or not p.sport or not p.tcp then return end
    local src, sport, dst, dport = p.src, p.sport, p.dst, p.dport
    if p.tcp.syn then             -- a new connection on the same ports ends the watch
      for _, k in ipairs({key(src, sport, dst, dport), key(dst, dport, src, sport)}) do
        if rsts[k] then rsts[k], h.watched = nil, h.watched - 1 end
      end
      return
    end
    local r = rsts[key(src, sport, dst, dport)]   -- the RST's sender: a copy of what it sent before?
    if not r then return end
    local kind = copy_kind(p, r, h.options)
    if kind == "anchor" then r.copies, r.pending, r.pending_late = r.copies + r.pending + 1, 0, 0
    elseif kind == "candidate" then   -- a copy once an anchor follows; else going on, unless late
      r.pending = r.pending + 1
      if late(p, r) then r.pending_late = r.pending_late + 1 end
    elseif late(p, r) then r.late = r.late + 1 end
  end,
  rst_in_flow = function(p, h)
    if not p.tcp or not p.sport then return end
    local f = h:flow(p)                       -- as it was before the RST, seen from its sender
    local rsts = h.rsts or {}
    h.rsts = rsts
    local src, sport, dst, dport = p.src, p.sport, p.dst, p.dport
    local k = key(src, sport, dst, dport)
    local r = rsts[k]
    local back = rsts[key(dst, dport, src, sport)]
    if not r and closed_answer(p, f) then return end
    if not r and ((h.watched or 0) >= WATCH_MAX or (h.watched or 0) >= WATCH_REFUSALS and f.packets_sent == 0) then
      h.unwatched = (h.unwatched or 0) + 1   -- past the bound (a flood): not watched, said at the end
      if back then back.peer_rsts = back.peer_rsts + 1 end
      return
    end
    if not r then
      h.watched = (h.watched or 0) + 1
      local now, last = p.frame.time_epoch, f.last_sent_time
      r = {p = p, time = now, sent = f.packets_sent, received = f.packets_received, own_rsts = 0, peer_rsts = 0,
        copies = 0, pending = 0, pending_late = 0, late = 0, ipid = f.ipid_last, ttl = f.ttl_last, idle = last and now - last}
      r.by_id = p.ip ~= nil and r.ipid ~= nil and r.ipid ~= 0   -- the sender's last IP ID tells its copies
      -- silent long before it, or the other half of such a reset (the other way, within a second)
      if r.idle and r.idle >= h.options.idle_timeout then r.idle_reset = true
      elseif back and back.idle_reset and back.idle and back.idle >= h.options.idle_timeout and now - back.time <= 1 then
        r.idle_reset, r.half = true, true
      end
      rsts[k] = r
    else
      r.own_rsts = r.own_rsts + 1
      -- a copy of the RST itself: without an IP ID to tell, the copies before it are copies too
      if not r.by_id and r.pending > 0 and rst_copy(p, r, h.options) then
        r.copies, r.pending, r.pending_late = r.copies + r.pending, 0, 0
      end
    end
    if back then back.peer_rsts = back.peer_rsts + 1 end   -- recorded at an earlier packet of the run
  end,
  -- the FIN's sender sent data past it (decided in C: the flow table keeps each side's first FIN)
  data_after_fin = function(p, h)
    if not p.tcp or not p.sport then return end
    local f = h:flow(p)
    local fin, ttl = f.fin_seq, f.fin_ttl
    if not fin then return end
    local odd = ttl and p.ttl and math.abs(ttl - p.ttl) > h.options.route_change and
      string.format("; the FIN came at TTL %d, %s's data at %d", ttl, p.src, p.ttl) or ""
    h:report{packet = p, key = "fin " .. p.src .. " " .. p.sport .. " > " .. p.dst .. " " .. p.dport,
      msg = string.format("FIN %s > %s, then %s sent data past it: %s%s", ep(p.src, p.sport), ep(p.dst, p.dport), p.src,
        past_fin(p, fin), odd),
      why = "a FIN takes the sequence number after its sender's last byte, and a stack that sent one sends no data at or " ..
        "past it: this FIN was forged in " .. p.src .. "'s name (FIN injection, a connection torn down as with a RST)",
      check = "the FIN's TTL and IP ID against " .. p.src .. "'s other packets (fixed-ttl), whether " .. p.dst ..
        " closed the connection on it, and which device on the path injects (censor, IPS, firewall)"}
  end,
  flow_end = function(f, h)
    local rsts = h.rsts
    if not rsts or f.proto ~= 6 then return end
    local src, sport, dst, dport, sent, received = f.src, f.sport, f.dst, f.dport, f.packets_sent, f.packets_received
    for d = 1, 2 do   -- each side as the RST's sender: its address and port first, then what it sent and got
      local k = d == 1 and key(src, sport, dst, dport) or key(dst, dport, src, sport)
      local r = rsts[k]
      if r then
        rsts[k] = nil
        h.watched = h.watched - 1
        -- the RST itself, the sender's later RSTs and copies of what it sent before are not "going on"
        local after = (d == 1 and sent or received) - r.sent - 1 - r.own_rsts - r.copies - r.late - r.pending_late
        local peer_after = (d == 1 and received or sent) - r.received - r.peer_rsts
        if after >= h.options.min_after then
          local p = r.p
          local peer = r.peer_rsts > 0 and string.format("%s answered with %d RST%s of its own: it acted on the %s RST " ..
              "(the connection was killed)", p.dst, r.peer_rsts, r.peer_rsts == 1 and "" or "s",
              r.idle_reset and "device's" or "forged")
            or peer_after > 0 and string.format("%s went on too (%d segment%s): it ignored the RST", p.dst, peer_after,
              peer_after == 1 and "" or "s")
            or string.format("%s sent nothing more: it may have acted on the RST", p.dst)
          local said = string.format("then %s sent %d more segment%s on the connection", p.src, after,
            after == 1 and "" or "s")
          if r.idle_reset then
            h:report{packet = p, key = "idle timeout " .. p.src .. " > " .. p.dst, severity = "info",
              msg = string.format("RST %s > %s %s, %s: an idle-timeout reset (NAT, firewall, load balancer) in %s's name, " ..
                  "not its own; %s", ep(p.src, p.sport), ep(p.dst, p.dport),
                  r.half and "(the other half of an idle-timeout reset)" or
                    string.format("after %s had sent nothing for %.0f s", p.src, r.idle), said, p.src, peer),
              why = "a NAT, firewall or load balancer that dropped the connection idle past its timeout resets it from its own " ..
                "stack, in the endpoint's name, minutes after the endpoint's last packet (a NAT whose mapping expired answers " ..
                "the next segment that comes); the endpoint never saw the RST and goes on. An injector reacts to traffic " ..
                "within milliseconds",
              check = "the idle timeouts of the devices between the hosts (NAT mappings, firewall sessions, load balancers) " ..
                "against the application's keepalives; rst-origin and fixed-ttl on the RST's TTL and IP ID"}
          else
            h:report{packet = p, key = "rst " .. p.src .. " " .. p.sport .. " > " .. p.dst .. " " .. p.dport,
              severity = r.peer_rsts > 0 and "high" or "medium",
              msg = string.format("RST %s > %s, %s; %s", ep(p.src, p.sport), ep(p.dst, p.dport), said, peer),
              why = "a stack that sent a RST has forgotten the connection and sends nothing on it but RSTs: this RST was " ..
                "forged in " .. p.src .. "'s name (RST injection)",
              check = "the RST's TTL and IP ID against " .. p.src .. "'s other packets (rst-origin, fixed-ttl), its sequence " ..
                "number, and which device on the path injects resets (IPS, censor, firewall)"}
          end
        end
      end
    end
  end,
  finish = function(h)
    if h.unwatched then
      h:note(string.format("RSTs watched at once reached their bound (%d refusals of a connection, %d in all: a flood?): " ..
        "%d RSTs past it were not watched, and an injection among them would not be found", WATCH_REFUSALS, WATCH_MAX,
        h.unwatched))
    end
  end,
}
