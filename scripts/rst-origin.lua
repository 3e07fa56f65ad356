-- rst-origin: who sent a RST? The endpoint, or a middlebox/injector: judged from its TTL
-- and IP ID against the same direction's earlier packets, its flags and its reset cause.  IP ID 0
-- with DF set (Linux RSTs) is a reason only beside another one; with DF clear it counts alone.
-- A payload that says who reset and why explains a TTL or IP ID unlike the sender's (a firewall, load
-- balancer or NAT sends its RST from its own stack): such a RST is info, never "injected".  A vendor's
-- reset code (SonicWALL, F5, a policy text, a site's row) names a middlebox; an IETF RST diagnostic
-- payload (draft-ietf-tcpm-rst-diagnostic-payload) is sent by an endpoint's own TCP stack as well as
-- by an on-path service function, so it names no device: the TTL and IP ID tell which.  Forging such a
-- payload hides nothing from rst-injection, which judges what the sender did after the RST.
--
-- The TTL is judged against what the sender's packets in the flow came with: its first TTL or its
-- latest, give or take `route_change` hops (2, as fixed-ttl: a path that changes by a hop or two under
-- a long flow is normal).  A RST at the TTL of an earlier RST this hunt found unlike the sender is
-- judged against the first TTL only (that RST's TTL is no baseline).  Two cases are not another sender:
--   * TTL-limited probing: a sender that opened the flow with SYNs only, sent at several TTLs or at
--     one of 32 or less, and nothing else (traceroute -T, tcptraceroute send their SYNs from a raw
--     socket at the hop's TTL; the kernel resets the SYN-ACK of the one that reached the target at
--     its default TTL): the SYNs' TTL is the tool's, not the stack's.  Quiet.
--   * an idle-timeout reset: a RST after the connection was idle `idle_timeout` seconds (60) or more
--     (a load balancer, firewall or NAT dropping the idle connection resets it in the endpoint's name
--     from its own stack: F5 300 s, AWS NLB 350 s, Azure 240 s).  An injector reacts to traffic within
--     milliseconds; a device that times the connection out comes minutes after its last packet.  Info,
--     and a RST in the other direction within a second of it is part of the same reset.
-- A RST in the responder's name without ACK, answering the peer's latest segment (pcaphunt.stateless_reset),
-- is what another server sends that took the address over without the connection (an anycast site after a
-- route change) as much as an injector's: still medium, its message says both.
local ep = pcaphunt.endpoint

-- A finding, its key folded past pcaphunt.group_key's bounds (a key names a source or a host pair, which a
-- flood of spoofed sources chooses) into one group of its kind, said so; and the note when that happened.
local report, note_folded = pcaphunt.group_report, pcaphunt.group_note


-- Who may send an IETF diagnostic payload with this cause: the draft's reasons 1-7 and 15-17 are a TCP
-- stack's (RFC 9293 and MPTCP states), 8-14 also an on-path service function's; others are not known.
local function ietf_senders(c)
  if c.known and (c.reason <= 7 or c.reason >= 15) then
    return "a TCP stack: the endpoint's own, or a proxy's that terminates the connection"
  end
  return "an endpoint's TCP stack or an on-path service function (NAT, firewall, proxy)"
end

-- What the RST's payload says: the cause's words and whether it names a middlebox; nil when it says nothing.
local function payload_says(c)
  if not c or (c.cut and not c.known) then return nil end
  if c.form == "ietf" then
    if c.known then return string.format("IETF diagnostic payload, reason %d (%s)", c.reason, c.meaning), false end
    return string.format("IETF diagnostic payload, reason %d%s (not in the table)", c.reason,
      (c.pen or 0) ~= 0 and string.format(" of enterprise %d's registry", c.pen) or ""), false
  end
  if c.known then return string.format("%s %s (%s: %s)", c.vendor, c.code, c.category, c.meaning), true end
end

-- A RST its payload explains.  seen: nil (no earlier packet of the sender to compare), "" (its TTL and
-- IP ID match them) or the differences ("TTL 254, earlier 50").

local function explained(p, h, said, middlebox, seen)
  local other = seen and seen ~= ""
  if middlebox then
    report(h, "middlebox", {packet = p, key = "middlebox " .. p.src, msg = "middlebox reset, " .. said .. (other and ": " .. seen or ""),
      why = not seen and "the RST names the device that sent it; the endpoint's own stack did not" or
        other and "the RST names the device that sent it, and its TTL / IP ID are not the sender's: the device, on " ..
          "another hop, reset the connection in the sender's name" or
        "the RST names the device that sent it; its TTL and IP ID match the flow, so the device sits at the sender's side",
      check = "the device's policy or logs for this connection"})
    return
  end
  local c = p.reset_cause
  report(h, "diagnostic", {packet = p, key = "diagnostic " .. p.src,
    msg = string.format("RST with an %s, from %s", said,
      not seen and ietf_senders(c) or
      other and string.format("a device on the path (NAT, firewall, proxy) in %s's name: %s", p.src, seen) or
      string.format("%s's own TCP stack (or a device at its side): its TTL and IP ID match its earlier packets", p.src)),
    why = "the IETF diagnostic payload explains a reset; the draft defines it for an endpoint's stack and for on-path " ..
      "service functions alike, so the TTL and IP ID against the sender's earlier packets tell which sent it",
    check = "the reason against the connection's last moments (the application, or the NAT / firewall logs)"})
end

-- One key per flow, whichever the direction.
local function flow_key(p)
  local a, b = p.src .. " " .. p.sport, p.dst .. " " .. p.dport
  if a > b then a, b = b, a end
  return a .. " " .. b
end

-- a TCP traceroute's SYNs, or a SYN scanner's (answered with a SYN-ACK), then the sender's kernel's RST
local function probing(p, f) return pcaphunt.tcp_traceroute(p, f) or pcaphunt.syn_scan_reset(p, f) end

local MEMO_MAX = 10000   -- flows whose odd RSTs are remembered (their baseline)

-- An IPv4 RST with DF clear whose IP ID is not its sender's next, from a sender whose packets in the flow all had
-- DF set and whose IDs there count (trial atk19 M3: tcpkill's RSTs, DF clear, random IDs, in the names of two Linux
-- hosts): said as a phrase, else nil.  The sender's IDs count when every step between two of its packets in the flow
-- was 0 to 64 (the flow view's ipid_counting: Linux gives a connection's DF-set segments a counter of its own, one a
-- packet; a host with one counter for all its traffic counts so while it is quiet; random IDs do not); the RST's ID
-- is the counter's when it is 1 to COUNTER_AHEAD past the sender's latest (a stack that clears DF on its RSTs, as one
-- in the corpus does, still counts them), and it is judged only within COUNTER_IDLE s of the sender's latest packet
-- (an injector reacts to traffic; a busy host's counter moves on with its other traffic while this flow idles).
-- ID 0 is left to the IP ID 0 rule (Linux's RSTs: DF set, ID 0).
local COUNTER_AHEAD, COUNTER_IDLE = 1024, 1
local function off_counter(p, f)
  local ip = p.ip
  if not (ip and not ip.df and ip.id ~= 0 and f.df_always and f.ipid_counting) then return nil end
  if (f.ipid_last - f.ipid_first) % 65536 == 0 then return nil end   -- one ID throughout: no counter seen
  if not f.last_sent_time or p.frame.time_epoch - f.last_sent_time > COUNTER_IDLE then return nil end
  local ahead = (ip.id - f.ipid_last) % 65536
  if ahead >= 1 and ahead <= COUNTER_AHEAD then return nil end
  return string.format("DF clear and IP ID %d off %s's counter (DF set on its %d packets before, IDs %d to %d)", ip.id,
    p.src, f.packets_sent, f.ipid_first, f.ipid_last)
end

hunt{
  name = "rst-origin",
  description = "judges whether each RST came from the endpoint or from a middlebox or injector",
  severity = "info",
  priority = 5,
  options = {route_change = 2, idle_timeout = 60},
  option_help = {
    route_change = "hops the sender's TTL may differ from its first or latest one before a RST is called another device's",
    idle_timeout = "seconds of idle before a RST from another device is taken for a device's idle-timeout reset (info)",
  },
  want = {tcp_flags = "rst"},
  packet = function(p, h)
    if not (p.tcp and p.tcp.rst) then return end
    local c, f = p.reset_cause, h:flow(p)
    local forged = pcaphunt.reset_wrong_way(c, f)
    if forged then c = nil end   -- the payload explains nothing: judged as a RST without one
    local said, middlebox = payload_says(c)
    if c and c.known and c.vendor == "SonicWALL" and c.code:lower():match("^ck") then
      local spoofed = p.src == "255.255.255.255" or p.sport == 31337
      report(h, "firewall " .. c.code:lower() .. (spoofed and " spoofed" or ""), {packet = p, key = "firewall " .. p.src .. " " .. c.code:lower(),
        severity = spoofed and "medium" or "info",
        msg = spoofed and string.format("firewall reset for a spoofed %d flow, not the trojan's own traffic: %s sent by " ..
            "the SonicWALL that had a cache entry for %s > %s", p.sport, said, ep(p.src, p.sport), ep(p.dst, p.dport))
          or string.format("firewall reset: %s, from the SonicWALL between %s and %s", said, p.src, p.dst),
        why = spoofed and "the firewall cleaned up a flow whose source no host can have: someone spoofed it"
          or "a firewall, not the endpoint, ended the connection (its cache entry was cleaned up)",
        check = spoofed and "the firewall's cache and logs for the spoofed flow, and where the spoofed packets entered"
          or "the firewall's connection-cache timeouts and logs if the connection should have lived"})
      return
    end
    if not f or f.packets_sent == 0 then
      if said then explained(p, h, said, middlebox, nil) end
      return
    end
    local reasons, o = {}, h.options
    local key = flow_key(p)
    h.seen = h.seen or {}
    local memo = h.seen[key]
    -- the sender's TTLs that are a baseline: its first, and its latest -- or, once a RST this hunt found
    -- unlike the sender came, its latest before that RST
    local dk = p.src .. " " .. p.sport
    local function near(t) return math.abs(p.ttl - t) <= o.route_change end
    -- the latest counts only as a drift from the first (a route a hop or two longer or shorter): a
    -- segment at a TTL of its own just before the RST (an injector's harmless ACK) makes no baseline
    local latest = math.abs(f.ttl_last - f.ttl_first) <= o.route_change and f.ttl_last or f.ttl_first
    local baseline = memo and memo[dk] or latest
    if not (near(f.ttl_first) or near(baseline)) and not probing(p, f) then
      reasons[#reasons + 1] = string.format("TTL %d, earlier %d", p.ttl, baseline)
    end
    local off = off_counter(p, f)
    if off then reasons[#reasons + 1] = off end
    -- IP ID 0 on a RST is what Linux sends (with DF set): it supports other evidence, never alone
    local support = p.ip and p.ip.id == 0 and f.ipid_first ~= 0 and (p.ip.df and 0 or 1)
    if support then reasons[#reasons + 1] = "IP ID 0 unlike earlier packets" end
    if forged then reasons[#reasons + 1] = "a SonicWALL payload sent the wrong way, " .. forged end
    local alone = #reasons <= (support == 0 and 1 or 0)   -- nothing, or Linux's IP ID 0 alone
    if not alone then   -- remembered: this direction's latest TTL is now this RST's, not the sender's
      if not memo and (h.nseen or 0) < MEMO_MAX then
        memo = {} h.seen[key] = memo
        h.nseen = (h.nseen or 0) + 1
      end
      if memo then memo[dk] = baseline end
    end
    -- a payload that says who reset explains a TTL / IP ID unlike the sender's: not evidence of injection
    if said then
      explained(p, h, said, middlebox, alone and "" or table.concat(reasons, "; "))
      return
    end
    if alone then return end
    -- a GTSM session's peer that lost the connection: its kernel answers at its default TTL, the same hops away
    if pcaphunt.gtsm_restart_reset(p, f) then
      report(h, "gtsm restart", {packet = p, severity = "info", key = "gtsm restart " .. p.src .. " > " .. p.dst,
        msg = string.format("RST %s > %s at TTL %d where %s's packets in the session came at %d (GTSM, RFC 5082): %s's own " ..
          "kernel answering at its default TTL after its application lost the connection (a restart), as many hops away; " ..
          "%s's GTSM socket drops it (below its minimum TTL)", p.src, p.dst, p.ttl, p.src, f.ttl_first, p.src, p.dst),
        why = "a BGP, LDP or MSDP speaker with TTL security sends at 255 from its socket; the kernel's RST for a connection " ..
          "no socket holds goes at the stack's default TTL",
        check = string.format("whether the routing daemon on %s restarted then (its logs), and the session on %s: it " ..
          "retransmits until its hold timer expires", p.src, p.dst)})
      return
    end
    -- idle long before it (or the other half of such a reset, within a second): a device's idle timeout
    h.idle = h.idle or {}
    local idle = pcaphunt.idle_reset(h.idle, p, f, o.idle_timeout)
    if idle then
      report(h, "idle timeout", {packet = p, key = "idle timeout " .. p.src .. " > " .. p.dst,
        msg = string.format("RST %s > %s from a device on the path after the connection was idle %s: an idle-timeout " ..
          "reset (load balancer, firewall, NAT) in %s's name: %s", p.src, p.dst, idle, p.src, table.concat(reasons, "; ")),
        why = "a load balancer, firewall or NAT that drops a connection idle past its timeout resets it from its own stack, " ..
          "with its own TTL and IP ID, minutes after the last packet; an injector reacts to traffic within milliseconds",
        check = "the idle timeouts of the devices between the hosts; whether the sender went on after the RST (rst-injection)"})
      return
    end
    -- a RST without ACK answering the peer's segment in the responder's name: what a server that took over the
    -- address without the connection sends (anycast after a route change), as much as an injector's: both said
    if pcaphunt.stateless_reset(p, f) then
      report(h, "injected", {packet = p, severity = "medium", key = "injected " .. p.src .. " > " .. p.dst,
        msg = string.format("RST %s > %s likely from a middlebox or injector, or from another server answering for %s " ..
          "without the connection (an anycast site after a route change): %s; a RST without ACK answering %s's segment, " ..
          "as a host with no such connection sends", p.src, p.dst, p.src, table.concat(reasons, "; "), p.dst),
        why = "the RST does not look like the sender's earlier packets in this flow: another device sent it in the sender's " ..
          "name -- an injector, or another server holding the address with no state for the connection (anycast), which " ..
          "the RST alone cannot tell apart",
        check = string.format("whether other clients' connections to %s were reset at once at the same new TTL (the " ..
          "address moved to another site), whether %s went on in this connection after it (then it was forged: " ..
          "rst-injection), and which device between the hosts resets connections (IPS, censor, firewall)", p.src, p.src)})
      return
    end
    report(h, "injected", {packet = p, severity = "medium", key = "injected " .. p.src .. " > " .. p.dst,
      msg = string.format("RST %s > %s likely from a middlebox or injector: %s", p.src, p.dst, table.concat(reasons, "; ")),
      why = "the RST does not look like the sender's earlier packets in this flow: another device sent it in the sender's name",
      check = "the RST's sequence number against the flow, whether the peer acted on it (rst-injection), and which " ..
        "device between the hosts resets connections (IPS, censor, firewall)"})
  end,
  finish = note_folded,
}
