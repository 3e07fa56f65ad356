-- spoofed-source: sources no honest host can have.  A loopback source is normal on a loopback
-- interface (127.0.0.1 > 127.0.0.1, ::1 > ::1, whatever the link type: null, loop, raw, Linux
-- cooked or Ethernet): it is reported only towards a non-loopback destination.  LAND (source equals
-- destination) needs equal ports (a host talking to its own address over ICMP is not an attack),
-- and is not judged on a loopback interface (BSD null/loop link types, or Linux lo's all-zero MACs),
-- where a host's traffic to its own address shows src == dst, nor on BFD's echo packets (UDP 3785 at
-- TTL 255 or 254: bfd_echo, below).  An IPv4 header whose checksum does not
-- verify is damage (a fuzzed or corrupted capture, or bytes that are not an IP header): its source
-- proves nothing, and the first router would have dropped it; it is reported at info.  The unspecified
-- sources are normal only for what a host sends before it has an address: 0.0.0.0's BOOTP requests
-- (magic cookie and all) from 68 to 67 and IGMP reports to a group; ::'s router and neighbour
-- solicitations and MLD reports to a multicast group.  Anything else from them is crafted.  Class E
-- (240.0.0.0/4) is reserved, yet Google Cloud lets VPC subnets use it and Linux routes it: a class-E
-- address that took part in a TCP handshake the flow table verified (f.verified: the initiator
-- acknowledged the SYN-ACK's sequence number, which a blind spoofer never sees, or the responder went
-- on as in a connection) receives what is sent to it: a host's, not a spoof.  So a class-E source's
-- packets are held (PEND_KEPT of a source, PEND_SOURCES sources at once, PEND_WAIT s of capture time)
-- until a flow of that address, seen at a later packet from it, is verified -- then dropped, and the
-- address's packets pass -- or the wait ends: then reported as every impossible source is (later than
-- the packet, in the report's order; the JSON lines are sorted by frame).
local function loopback(a) return a == "::1" or a:match("^127%.") ~= nil end
local multicast = pcaphunt.multicast   -- 224.0.0.0/4, ff00::/8
local function on_loopback(p)
  local lt = p.frame.linktype
  if lt == 0 or lt == 108 then return true end
  return p.eth ~= nil and p.eth.src == "00:00:00:00:00:00" and p.eth.dst == "00:00:00:00:00:00"
end
-- A client's BOOTP request (op 1, the magic cookie at 236): DHCP discovery before it has an address.
local function bootp_request(p)
  local pl = p.payload
  return pl ~= nil and #pl >= 240 and pl:byte(1) == 1 and pl:sub(237, 240) == "\99\130\83\99"
end
-- What a host sends from :: before it has an address, to a multicast group (RFC 4861 6.3.7, 7.2.2;
-- RFC 4862 5.4.2; RFC 3810 5.2.13): router solicitation, neighbour solicitation (duplicate address
-- detection), MLD reports (v1 131, v2 143).
local from_unspecified = {[133] = true, [135] = true, [131] = true, [143] = true}
-- BFD's echo function (RFC 5880 6.4, RFC 5881 4): a router sends UDP to port 3785 addressed so that its
-- neighbour's forwarding plane sends it straight back, which FRR, Cisco IOS/IOS-XR and others do with
-- source = destination = the sender's own address and 3785 as the source port too: a LAND packet's shape,
-- on every link that runs BFD in echo mode, 3 to 20 times a second each way.  It goes out at TTL 255 (RFC
-- 5881 5, GTSM: no packet from off the link arrives with it) and comes back at 254 (FRR's receiver checks
-- 254); its payload is the sender's own, an echo packet (FRR's 24 bytes) or a control packet's format (24
-- bytes, to 52 with authentication).  Exactly that is excused: UDP, both ports 3785, TTL 255 or 254, 8 to
-- BFD_ECHO_MAX bytes.  A TCP or other-port LAND, one at another TTL, or a bulkier one is judged as before.
local BFD_ECHO_MAX = 64
local function bfd_echo(p)
  local u = p.udp
  if not (u and u.srcport == 3785 and u.dstport == 3785 and (p.ttl == 255 or p.ttl == 254)) then return false end
  local n = p.payload and #p.payload or 0
  return n >= 8 and n <= BFD_ECHO_MAX
end
local PEND_KEPT, PEND_SOURCES, PEND_WAIT, HOSTS_KEPT = 32, 500, 10, 65536
local function class_e(a)
  local o = tonumber(a:match("^(%d+)%.%d+%.%d+%.%d+$"))
  return o ~= nil and o >= 240 and a ~= "255.255.255.255"
end
local function classify(p)
  local s = p.src
  if s == "255.255.255.255" then return "limited broadcast source" end
  if s == "0.0.0.0" then
    if p.udp and p.udp.srcport == 68 and p.udp.dstport == 67 and bootp_request(p) then return nil end  -- DHCP discovery
    if p.proto == "igmp" and multicast(p.dst) then return nil end                  -- IGMP report before an address (RFC 3376 4.2.13)
    return "unspecified source"
  end
  if s == "::" then
    if p.icmpv6 and from_unspecified[p.icmpv6.type] and multicast(p.dst) then return nil end  -- DAD, RS, MLD
    return "unspecified source"
  end
  local a = tonumber(s:match("^(%d+)%."))
  if a then
    if a >= 224 and a <= 239 then return "multicast source" end
    if a >= 240 then return "class E (reserved) source" end
    if a == 127 then return not loopback(p.dst) and "loopback source on the wire" or nil end
  elseif s:match("^::ffff:%d+%.%d+%.%d+%.%d+$") then
    -- an IPv4-mapped address stands for an IPv4 peer inside a dual-stack socket API (RFC 4291 2.5.5.2);
    -- on the wire it is crafted, to slip past filters written for IPv4 (RFC 4942 2.2)
    return "IPv4-mapped source on the wire"
  elseif multicast(s) then return "multicast source"
  elseif s == "::1" then return not loopback(p.dst) and "loopback source on the wire" or nil end
  if s == p.dst and p.sport ~= nil and p.sport == p.dport and not on_loopback(p) and not bfd_echo(p) then
    return "LAND: source equals destination"
  end
  return nil
end

local function report(h, p, why)
  local land = why:match("^LAND")
  h:report{packet = p, key = why .. " " .. p.src,
    msg = string.format("%s: %s > %s (%s)", why, p.src, p.dst, p.proto),
    why = land and "a packet from a host to itself with equal ports crashes or hangs some stacks (the LAND attack); no stack sends it on the wire (BFD's echo packets, UDP 3785 at TTL 255 or 254, aside)"
      or "no honest host sends from this address: the packet was crafted, or a reply to it is meant to land on someone else",
    check = land and "whether the target stack stalled after it; where the packet entered (the MAC address it came from)"
      or "the MAC address and TTL the packets came with (which segment injected them) and what answered them"}
end

-- A verified TCP flow's class-E addresses are hosts': their held packets are dropped.
local function note_hosts(h, f)
  for _, a in ipairs({f.src, f.dst}) do
    if class_e(a) and not h.hosts[a] then
      if h.nhosts < HOSTS_KEPT then
        h.hosts[a] = true
        h.nhosts = h.nhosts + 1
        local e = h.pend[a]
        if e then   -- its queue entry stays until the queue's head reaches it: it keeps no packet
          for i = #e, 1, -1 do e[i] = nil end
          h.pend[a] = nil
          h.npend = h.npend - 1
        end
      elseif not h.hosts_full then
        h.hosts_full = true
        h:note(string.format("more than %d class-E addresses completed verified handshakes; the packets of the others " ..
          "are reported as impossible sources", HOSTS_KEPT))
      end
    end
  end
end

-- Reports the held packets of the sources whose wait is over (all of them when now is nil), and of the
-- oldest while too many are held.
local function release(h, now)
  local q = h.queue
  while q.head <= q.tail do
    local e = q[q.head]
    if h.pend[e.src] == e then
      if now and e.t + PEND_WAIT >= now and h.npend <= PEND_SOURCES then return end
      h.pend[e.src] = nil
      h.npend = h.npend - 1
      for _, kp in ipairs(e) do report(h, kp, "class E (reserved) source") end   -- none once e.done
    end
    q[q.head] = nil
    q.head = q.head + 1
  end
end

-- Holds a class-E source's packet; a source's 32nd held packet sends them all to the report, and its
-- packets after them go to the report at once until its wait ends (e.done: its entry, still in the queue,
-- keeps no packet, and the source adds no entry to the queue meanwhile).
local function hold(h, p)
  local e = h.pend[p.src]
  if e and e.done then return report(h, p, "class E (reserved) source") end
  if not e then
    e = {src = p.src, t = p.frame.time_epoch}
    h.pend[p.src] = e
    h.npend = h.npend + 1
    h.queue.tail = h.queue.tail + 1
    h.queue[h.queue.tail] = e
  end
  e[#e + 1] = p
  if #e >= PEND_KEPT then
    e.done = true
    for _, kp in ipairs(e) do report(h, kp, "class E (reserved) source") end
    for i = #e, 1, -1 do e[i] = nil end
  end
end

hunt{
  name = "spoofed-source",
  description = "impossible sources: 255.255.255.255, 0.0.0.0 (DHCP and IGMP excepted), multicast, class E, loopback to a non-loopback address, IPv4-mapped IPv6, LAND",
  severity = "high",
  priority = 10,
  want = {{src = {"224.0.0.0/3", "127.0.0.0/8", "0.0.0.0", "ff00::/8", "::1", "::", "::ffff:0:0/96"}}, {land = true}},
  packet = function(p, h)
    if h.npend and h.npend > 0 then release(h, p.frame.time_epoch) end
    local why = classify(p)
    if not why then return end
    local class_e_src = why == "class E (reserved) source"
    if class_e_src then
      if not h.pend then h.pend, h.npend, h.queue, h.hosts, h.nhosts = {}, 0, {head = 1, tail = 0}, {}, 0 end
      local f = h:flow(p)                            -- as it was before p: verified by then?
      if f and f.verified then note_hosts(h, f) end
    end
    if p.ip and not p.ip.checksum_ok then
      h:report{packet = p, key = "damaged " .. why .. " " .. p.src, severity = "info",
        msg = string.format("%s in a damaged header: %s > %s (%s), IPv4 header checksum wrong", why, p.src, p.dst, p.proto),
        why = "a header whose checksum fails is corruption or fuzzing, not a packet a router forwards; its source proves nothing",
        check = "whether the capture is a fuzzing or corruption sample; the frame's bytes in Wireshark"}
      return
    end
    if class_e_src then
      if not h.hosts[p.src] then hold(h, p) end
      return
    end
    report(h, p, why)
  end,
  finish = function(h)
    if h.pend then release(h, nil) end
  end,
}
