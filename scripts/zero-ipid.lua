-- zero-ipid: IPv4 IP ID 0 where the sender's own stack would not put it, judged on the host's whole
-- behaviour.  RFC 6864 allows ID 0 on atomic datagrams (DF set, not a fragment), and Linux sends it on
-- SYN-ACKs, RSTs, TIME-WAIT ACKs; stacks that do not count (embedded stacks, routers that give an ID
-- only to what they fragment) send 0 with DF clear on every datagram.  Neither is evidence.  Nor is:
--   * DHCP (a BOOTP message, with its magic cookie, between UDP ports 67 and 68): ISC dhcpd, dhcrelay
--     and dhclient write their own IP header on a packet socket, with ID 0, beside the kernel's
--     counted IDs on the same address;
--   * the host's counter passing through 0: wrapping in the flow (its last ID near 65535), or,
--     across the host's flows (a host-wide counter, as Windows and lwIP keep), wrapping or starting
--     again (a reboot: lwIP starts at 0): the host's next ID is 1-255 and not above its previous
--     one, if any, among the IDs near either end of the counter (0-255, 65280-65535: the packets the
--     hunt's want chooses in C).  A 0 amid a counter that goes on (9, 0, 10) is not the counter's;
--     nor is one after 65280-65535 when the next ID is not 1-255; a 0 with no next ID is the
--     counter's only after an ID near 65535;
--   * chance: hosts whose IDs are random or hashed (Linux gives datagrams with DF clear IDs from
--     per-destination hashed counters with random jumps) send 0 about once in 65536 packets.  The
--     ID-0 packets are reported only when so many would come by chance with probability below
--     `chance` (1/1000, Poisson): the expected number is the smaller of the host's counted packets /
--     65536 and its packets with DF clear and an ID of 1-255 or 65280-65535 / 511 (the density of its
--     own IDs next to 0).  Only for hosts whose IDs are shown random: MIN_NEAR or more DF-clear IDs
--     near 0, fewer than half in counter order; never for a 0 between two IDs of a counter (200, 0,
--     201), nor a host the full table of IDs near 0 (near_hosts) did not keep.  A counter's start holds
--     unless the old counter goes on after it (140, 0, 1, 2, 3, 141).
-- Reported:
--   * a host whose IDs count (at least min_packets packets with non-zero IDs, the ID changing on at
--     least 3 of 4 of its packets) and that also sent ID 0 with DF clear, fewer times than its counted
--     IDs and more than chance gives: another sender used its address.  Decided at the end of the
--     run, citing the ID-0 packets;
--   * ID 0 on a RST or bare SYN from a source that cannot be real (broadcast, multicast, class E,
--     unspecified, loopback to a non-loopback address): a crafted packet, DF or not, at once.
local impossible = pcaphunt.impossible_source
local MAX_LAST = 65536      -- sources whose last ID near an end of the counter is remembered (beyond: start again)
local MAX_PENDING = 16384   -- ID-0 packets waiting for their host's next ID, and counter starts followed (a packet
                            -- each, about a kilobyte; beyond: decided at once, said in a note)
local NEAR_IDS = 511        -- the ID values 1-255 and 65280-65535
local START_RUN = 3         -- rising IDs of 1-255 after a 0 that make a counter's start (0, 1, 2, 3)
local MIN_NEAR = 8          -- DF-clear IDs near 0 a host must send before they can show its IDs are random
local STEP = 32             -- a counter's step between two IDs the hunt sees one after the other (rising, mod 65536)

-- b follows a in counter order: a rise of 1 to STEP, through 65535 to 0 and on
local function counter_step(a, b)
  local d = (b - a) % 65536
  return d >= 1 and d <= STEP
end

-- A DHCP (BOOTP) message: UDP between ports 67 and 68 whose payload has the magic cookie at 236.
local function bootp(p)
  if not p.udp or not (p.sport == 67 or p.sport == 68) or not (p.dport == 67 or p.dport == 68) then return false end
  local pl = p.payload
  return pl ~= nil and #pl >= 240 and pl:sub(237, 240) == "\99\130\83\99"
end

-- The sources with IDs 0 kept for a finding keep at most ZERO_KEPT packets in all (a packet each, about a
-- kilobyte: 300,000 spoofed sources sending one DF-clear ID 0 each kept every one, 542 MB).  At the bound
-- (at most once in a tenth of the bound's calls) the sources the hunt saw nothing else of are let go first
-- -- one ID 0, no ID near 0, not amid a counter: the least evidence a forger left --, then, while that
-- frees less than a tenth, the ones kept first; while nothing can be let go a new source is not followed.
local ZERO_KEPT = 40000

local function zero_sweep(h, m)
  local order, freed, n = pcaphunt.sweep(h.zero, m.order, ZERO_KEPT // 10,
    function(src, z) return z.n == 1 and not z.amid and not (h.near and h.near[src]) end)
  m.order, m.kept, m.let_go = order, m.kept - freed, m.let_go + n
  m.sweep_after = m.calls + ZERO_KEPT // 10
end

-- an ID 0 with DF clear that no rule explains: kept for the host's finding
local function count(h, src, p, amid)
  h.zero = h.zero or {}
  local m = h.zero_bound
  if not m then m = {kept = 0, order = {}, let_go = 0, unfollowed = 0, calls = 0, sweep_after = 0} h.zero_bound = m end
  m.calls = m.calls + 1
  local z = h.zero[src]
  if not z and m.kept >= ZERO_KEPT and m.calls >= m.sweep_after then zero_sweep(h, m) end
  if not z then
    if m.kept >= ZERO_KEPT then m.unfollowed = m.unfollowed + 1 return end
    z = {n = 0, kept = {}}
    h.zero[src] = z
    m.order[#m.order + 1] = src
  end
  z.n = z.n + 1
  if amid then z.amid = true end   -- between two IDs of a counter: never chance
  if #z.kept < 10 and m.kept < ZERO_KEPT then z.kept[#z.kept + 1] = p m.kept = m.kept + 1 end
end

-- An ID 0 still waiting at the end (or when too many wait): the counter's own only after an ID near
-- 65535 (a wrap whose next packets the capture did not see); a start needs its START_RUN rising IDs.
local function unsettled(h, src, z0)
  if not (z0.prev and z0.prev >= 0xff00) then count(h, src, z0.p) end
end

-- P(X >= k) for X ~ Poisson(lam): how likely k or more IDs 0 are by chance.
local function tail(k, lam)
  if k <= 0 then return 1 end
  if lam <= 0 then return 0 end
  local logf = 0
  for i = 2, k do logf = logf + math.log(i) end
  local term = math.exp(-lam + k * math.log(lam) - logf)   -- P(X = k)
  if k > lam then   -- the terms fall from k on: add them up
    local sum, i = 0, k
    while term > sum * 1e-12 and i < k + 10000 do sum = sum + term i = i + 1 term = term * lam / i end
    return math.min(sum, 1)
  end
  local cdf, t = 0, math.exp(-lam)   -- 1 - P(X < k)
  for i = 0, k - 1 do cdf = cdf + t t = t * lam / (i + 1) end
  return math.max(1 - cdf, 0)
end

hunt{
  name = "zero-ipid",
  description = "IPv4 IP ID 0 with DF clear from a host whose IDs otherwise count, more often than chance, or on a RST/SYN from an impossible source",
  severity = "low",
  priority = 35,
  options = {min_packets = 3, chance = 0.001, near_hosts = 65536},
  option_help = {min_packets = "packets with a non-zero ID a host must send before its IDs are judged to count",
    chance = "a host's ID-0 packets are reported when as many would come by chance (its IDs hitting 0) with a probability below this",
    near_hosts = "sources whose DF-clear IDs near 0 are kept (beyond: a source not kept gets no chance exemption)"},
  -- IPv4 with an ID of 0, or near either end of the counter (1-255, 65280-65535: a wrap's or a start's
  -- neighbours), tested in C on the decoded header
  want = {{ip_id = {0, 255}}, {ip_id = {65280, 65535}}},
  packet = function(p, h)
    local ip = p.ip
    if not ip then return end
    local src, id = p.src, ip.id
    -- the neighbours that judge a DF-clear 0 are the host's DF-clear IDs: the counter those datagrams take
    -- their IDs from (Linux gives a connection's DF-set segments a counter of their own, and 0 to other
    -- DF-set datagrams; Windows and lwIP count every packet with one counter)
    h.last = h.last or {}         -- each source's last DF-clear ID seen here (at most MAX_LAST sources)
    h.pending = h.pending or {}   -- each source's ID 0 waiting for its next DF-clear ID: {p = packet, prev = ID before it}
    h.near = h.near or {}         -- each source's DF-clear packets with an ID of 1-255 or 65280-65535
    h.restart = h.restart or {}   -- each source's accepted counter start, until the capture's end says it held
    local prev = h.last[src]
    local z0 = h.pending[src]
    local rs = h.restart[src]
    -- a start is the counter's only while the old counter does not go on after it (a rebooted stack's
    -- is gone): a later DF-clear ID a few above the one before the 0 that is not the new counter's
    if rs and not ip.df and id ~= 0 then
      if id <= 255 and counter_step(rs.last, id) then rs.last = id   -- the new counter going on
      elseif rs.prev and counter_step(rs.prev, id) then   -- the old one (236, 0, 1, 2, 3, 237)
          h.restart[src] = nil
          h.nrestart = h.nrestart - 1
          count(h, src, rs.p)
      end
    end
    if not ip.df then
      if prev == nil then
        if (h.nlast or 0) >= MAX_LAST then h.last, h.nlast = {}, 0 end   -- a spoofed flood's: start again
        h.nlast = (h.nlast or 0) + 1
      end
      h.last[src] = id
      if z0 then   -- judged by this, one of the host's next IDs
        local wrap = z0.prev and z0.prev >= 0xff00
        if id >= 1 and id <= 255 and id > z0.after and (wrap or z0.after > 0 or not z0.prev or z0.prev >= id) then
          -- the counter going on from 0: after a wrap, its first next ID says so; a start (no ID before,
          -- or one not below the next: 36, 0, 1, 2, 3) takes START_RUN of them, rising; then it holds
          -- unless the old counter goes on
          z0.after, z0.run = id, z0.run + 1
          if wrap or z0.run >= START_RUN then
            h.pending[src] = nil
            h.npending = h.npending - 1
            if not wrap then
              z0.last = id
              if h.restart[src] then h.restart[src] = z0   -- a second start: the first one's counter is gone
              elseif (h.nrestart or 0) < MAX_PENDING then h.restart[src] = z0 h.nrestart = (h.nrestart or 0) + 1
              else h.undecided = (h.undecided or 0) + 1 count(h, src, z0.p) end   -- too many to follow: reported, not let go
            end
          end
        else   -- not the counter's: it did not go on from 0 (9, 0, 10; 0xff7f, 0, 0xff80)
          h.pending[src] = nil
          h.npending = h.npending - 1
          count(h, src, z0.p, z0.prev and id ~= 0 and counter_step(z0.prev, id))
        end
      end
      if id ~= 0 and ip.frag_offset == 0 then
        -- the host's DF-clear IDs near 0, how many, and how many of them followed the one before in
        -- counter order (a table per source, made once)
        local n = h.near[src]
        if n then
          n.n = n.n + 1
          if counter_step(n.last, id) then n.steps = n.steps + 1 end
          n.last = id
        elseif (h.nnear or 0) < h.options.near_hosts then h.near[src] = {n = 1, steps = 0, last = id} h.nnear = (h.nnear or 0) + 1
        else h.near_full = true end
      end
    end
    if id ~= 0 or ip.mf or ip.frag_offset > 0 then return end
    if impossible(src, p.dst) and p.tcp and (p.tcp.rst or (p.tcp.syn and not p.tcp.ack_flag)) then
      h:report{packet = p, key = src,
        msg = string.format("IP ID 0 from %s (%s)", src, p.tcp.rst and "on a RST" or "on a SYN"),
        why = "no host has this source address; a crafted packet whose tool left the ID at 0",
        check = "the other findings on these frames (spoofed-source, q-trojan), and what answered them"}
      return
    end
    if ip.df then return end
    if bootp(p) then return end   -- DHCP's own IP header
    local f = h:flow(p)
    if f and f.ipid_last and f.ipid_last >= 0xff00 then return end   -- the flow's counter wrapping to 0
    z0 = {p = p, prev = prev, after = 0, run = 0}   -- the counter wrapping or starting again?  Its next IDs tell
    if (h.npending or 0) < MAX_PENDING then
      h.pending[src] = z0
      h.npending = (h.npending or 0) + 1
    else
      h.undecided = (h.undecided or 0) + 1
      unsettled(h, src, z0)
    end
  end,
  finish = function(h)
    local waiting = {}   -- in a fixed order: which of them reach the bound first must not change between runs
    for src in pairs(h.pending or {}) do waiting[#waiting + 1] = src end
    table.sort(waiting)
    for _, src in ipairs(waiting) do unsettled(h, src, h.pending[src]) end
    h.pending, h.npending = {}, 0
    local m, notes = h.zero_bound, {}
    if (h.undecided or 0) > 0 then
      notes[#notes + 1] = string.format("more than %d IDs 0 with DF clear waited for their hosts' next IDs: %d were " ..
        "judged at once (a counter's wrap or start among them may be reported)", MAX_PENDING, h.undecided)
    end
    if m and (m.let_go > 0 or m.unfollowed > 0) then
      notes[#notes + 1] = string.format("sources of IDs 0 with DF clear kept more than %d packets in all (a flood from as many " ..
        "spoofed sources?): %d sources were let go (those with one ID 0 and nothing else seen near 0 first, then the " ..
        "first kept)%s; a host among them may be reported with fewer packets, or missed", ZERO_KEPT, m.let_go,
        m.unfollowed > 0 and string.format(", and %d IDs 0 of new sources not followed while it was full", m.unfollowed) or "")
    end
    if #notes > 0 then h:note(table.concat(notes, "; ")) end
    h.restart, h.nrestart = {}, 0
    local srcs = {}   -- in a fixed order: a table's own order may differ between runs (-j, --merge)
    for src in pairs(h.zero or {}) do srcs[#srcs + 1] = src end
    table.sort(srcs)
    for _, src in ipairs(srcs) do
      local z = h.zero[src]
      local host = pcaphunt.host(src)
      if host then
        local counted = host.ipv4_packets - host.ipid_zero
        -- the IDs 0 chance gives: one in 65536 of the host's counted packets, or, fewer, as many as its
        -- DF-clear packets have at each ID next to 0; none unless those IDs show it random: MIN_NEAR or
        -- more, fewer than half of them after the one before in counter order, and no ID 0 of its
        -- between two of a counter (nor when its IDs were not kept: the table was full)
        local near = h.near and h.near[src]
        local expected, because = 0, nil
        if z.amid then because = "it came between two IDs of the host's counter"
        elseif not near and h.near_full then because = "the hunt's table of hosts' IDs near 0 was full"
        elseif not near or near.n < MIN_NEAR then
          because = string.format("%d of its DF-clear IDs came near 0, too few (fewer than %d) to show them random",
            near and near.n or 0, MIN_NEAR)
        elseif near.steps * 2 >= near.n - 1 then because = "its DF-clear IDs near 0 count (each a few above the one before)"
        else expected = math.min(counted / 65536, near.n / NEAR_IDS) end
        if counted >= h.options.min_packets and host.ipid_changes * 4 >= host.ipv4_packets * 3 and z.n < counted and
            tail(z.n, expected) < h.options.chance then
          h:report{frames = z.kept, key = src,
            msg = string.format("IP ID 0 with DF clear from %s (%d packet%s) amid %d packets whose IDs count",
              src, z.n, z.n == 1 and "" or "s", counted),
            why = "a stack that counts IDs does not send 0 on a datagram that may be fragmented, and " ..
              (because and ("chance gives none (" .. because .. ")") or string.format("chance would give this host %.2g " ..
              "IDs 0 (one in 65536 of its packets, fewer when its DF-clear IDs seldom come near 0)", expected)) ..
              ": another sender used this address (a crafted or injected packet, or a program " ..
              "on the host that writes its own IP header)",
            check = "the TTL and MAC address of the ID-0 packets against the host's other packets (fixed-ttl), " ..
              "what the packets carried, and which program on the host (if any) sent them"}
        end
      end
    end
  end,
}
