-- rst-injection: a connection that goes on after a RST in one side's name.  A stack that sent a RST
-- has forgotten the connection: it sends nothing on it afterwards but more RSTs (answering whatever
-- still arrives).  So when the side a RST claims to come from sends other segments after it (data,
-- ACKs), the RST was not its own: a middlebox or an attacker forged it (RST injection: censors, IPSs,
-- off-path attackers).  What the peer did after the RST says whether the forgery worked: it went on
-- (ACKs, data: it ignored the RST, e.g. out of window) or it answered the real sender's next segments
-- with RSTs of its own / went silent (it acted on the RST: the connection was killed).
-- A SYN after the RST opens a new connection on the same ports (a client retrying after its RST
-- answered a stale ACK): the watch ends there.
-- Lua sees only RSTs (rst_in_flow) and SYNs; the counting after them is the flow table's, read at
-- flow_end.  Limits: a capture point that reorders a sender's last data behind its RST; a RST that a
-- load balancer sends for a server that still talks (both are resets in the server's name, and worth
-- a look).  Cannot see: an injected RST that the real sender never contradicts (it had nothing more to
-- send), nor one in a flow whose later packets fall outside the capture.
local function key(src, sport, dst, dport) return src .. "|" .. sport .. "|" .. dst .. "|" .. dport end
local ep = pcaphunt.endpoint

hunt{
  name = "rst-injection",
  description = "a connection that goes on after a RST in one side's name: the RST was forged (injected)",
  severity = "medium",
  priority = 6,
  options = {min_after = 1},
  option_help = {min_after = "segments other than RSTs the RST's supposed sender must send after it"},
  -- in C: SYNs in a flow that saw a RST; flows that saw one, when they end
  want = {tcp_flags = "syn", tcp_flags_none = {"ack", "rst", "fin"}, after_rst = true},
  flow_end_want = {proto = "tcp", rst_seen = true},
  packet = function(p, h)            -- a new connection on the same ports ends the watch
    local r = h.rsts
    if not r or not p.sport then return end
    local src, sport, dst, dport = p.src, p.sport, p.dst, p.dport
    r[key(src, sport, dst, dport)] = nil
    r[key(dst, dport, src, sport)] = nil
  end,
  rst_in_flow = function(p, h)
    if not p.tcp or not p.sport then return end
    local f = h:flow(p)                       -- as it was before the RST, seen from its sender
    local rsts = h.rsts or {}
    h.rsts = rsts
    local src, sport, dst, dport = p.src, p.sport, p.dst, p.dport
    local k = key(src, sport, dst, dport)
    local r = rsts[k]
    if not r then
      rsts[k] = {p = p, sent = f.packets_sent, received = f.packets_received, own_rsts = 0, peer_rsts = 0}
    else
      r.own_rsts = r.own_rsts + 1
    end
    local back = rsts[key(dst, dport, src, sport)]
    if back then back.peer_rsts = back.peer_rsts + 1 end   -- recorded at an earlier packet of the run
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
        -- the RST itself and the sender's later RSTs are not "going on"
        local after = (d == 1 and sent or received) - r.sent - 1 - r.own_rsts
        local peer_after = (d == 1 and received or sent) - r.received - r.peer_rsts
        if after >= h.options.min_after then
          local p = r.p
          local peer = r.peer_rsts > 0 and string.format("%s answered with %d RST%s of its own: it acted on the forged RST " ..
              "(the connection was killed)", p.dst, r.peer_rsts, r.peer_rsts == 1 and "" or "s")
            or peer_after > 0 and string.format("%s went on too (%d segment%s): it ignored the RST", p.dst, peer_after,
              peer_after == 1 and "" or "s")
            or string.format("%s sent nothing more: it may have acted on the RST", p.dst)
          h:report{packet = p, key = "rst " .. p.src .. " " .. p.sport .. " > " .. p.dst .. " " .. p.dport,
            severity = r.peer_rsts > 0 and "high" or "medium",
            msg = string.format("RST %s > %s, then %s sent %d more segment%s on the connection; %s",
              ep(p.src, p.sport), ep(p.dst, p.dport), p.src, after, after == 1 and "" or "s", peer),
            why = "a stack that sent a RST has forgotten the connection and sends nothing on it but RSTs: this RST was " ..
              "forged in " .. p.src .. "'s name (RST injection)",
            check = "the RST's TTL and IP ID against " .. p.src .. "'s other packets (rst-origin, fixed-ttl), its sequence " ..
              "number, and which device on the path injects resets (IPS, censor, firewall)"}
        end
      end
    end
  end,
}
