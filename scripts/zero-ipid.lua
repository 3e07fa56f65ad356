-- zero-ipid: IPv4 IP ID 0 where the sender's own stack would not put it, judged on the host's whole
-- behaviour.  RFC 6864 allows ID 0 on atomic datagrams (DF set, not a fragment), and Linux sends it on
-- SYN-ACKs, RSTs, TIME-WAIT ACKs; stacks that do not count (embedded stacks, routers that give an ID
-- only to what they fragment) send 0 with DF clear on every datagram.  Neither is evidence.  Nor is:
--   * DHCP (a BOOTP message, with its magic cookie, between UDP ports 67 and 68): ISC dhcpd, dhcrelay
--     and dhclient write their own IP header on a packet socket, with ID 0, beside the kernel's
--     counted IDs on the same address;
--   * a counter wrapping to 0: in the flow (its last ID near 65535), or across the host's flows (a
--     host-wide counter, as Windows keeps: the host's previous packet with an ID near either end,
--     0-255 or 65280-65535, chosen in C by the hunt's want, was near 65535, and its next one, if
--     any, is 1-255: the counter going on).
-- Reported:
--   * a host whose IDs count (at least min_packets packets with non-zero IDs, the ID changing on at
--     least 3 of 4 of its packets) and that also sent ID 0 with DF clear, fewer times than its counted
--     IDs: another sender used its address.  Decided at the end of the run, citing the ID-0 packets;
--   * ID 0 on a RST or bare SYN from a source that cannot be real (broadcast, multicast, class E,
--     unspecified, loopback to a non-loopback address): a crafted packet, DF or not, at once.
local impossible = pcaphunt.impossible_source
local MAX_HIGH = 65536   -- sources remembered as having sent an ID near 65535

-- A DHCP (BOOTP) message: UDP between ports 67 and 68 whose payload has the magic cookie at 236.
local function bootp(p)
  if not p.udp or not (p.sport == 67 or p.sport == 68) or not (p.dport == 67 or p.dport == 68) then return false end
  local pl = p.payload
  return pl ~= nil and #pl >= 240 and pl:sub(237, 240) == "\99\130\83\99"
end

-- an ID 0 with DF clear that no rule explains: kept for the host's finding
local function count(h, src, p)
  h.zero = h.zero or {}
  local z = h.zero[src]
  if not z then z = {n = 0, kept = {}} h.zero[src] = z end
  z.n = z.n + 1
  if #z.kept < 10 then z.kept[#z.kept + 1] = p end
end

hunt{
  name = "zero-ipid",
  description = "IPv4 IP ID 0 with DF clear from a host whose IDs otherwise count, or on a RST/SYN from an impossible source",
  severity = "low",
  priority = 35,
  options = {min_packets = 3},
  option_help = {min_packets = "packets with a non-zero ID a host must send before its IDs are judged to count"},
  -- IPv4 with an ID of 0, or near either end of the counter (1-255, 65280-65535: a wrap's neighbours),
  -- tested in C on the decoded header
  want = {{ip_id = {0, 255}}, {ip_id = {65280, 65535}}},
  packet = function(p, h)
    local ip = p.ip
    if not ip then return end
    local src, id = p.src, ip.id
    h.last = h.last or {}       -- the sources whose last ID seen here was near 65535 (at most MAX_HIGH)
    h.pending = h.pending or {}
    local prev = h.last[src]
    if id >= 0xff00 and not prev then
      if (h.nlast or 0) >= MAX_HIGH then h.last, h.nlast = {}, 0 end   -- a spoofed flood's: start again
      h.nlast = (h.nlast or 0) + 1
    elseif id < 0xff00 and prev then
      h.nlast = h.nlast - 1
    end
    h.last[src] = id >= 0xff00 or nil
    local wrap = h.pending[src]   -- an ID 0 after an ID near 65535: settled by this host's next one
    if wrap then
      h.pending[src] = nil
      if id < 1 or id > 255 then count(h, src, wrap) end   -- not a counter going on from 0
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
    if prev then h.pending[src] = p return end     -- the host's counter wrapping?
    count(h, src, p)
  end,
  finish = function(h)
    local srcs = {}   -- in a fixed order: a table's own order may differ between runs (-j, --merge)
    for src in pairs(h.zero or {}) do srcs[#srcs + 1] = src end
    table.sort(srcs)
    for _, src in ipairs(srcs) do
      local z = h.zero[src]
      local host = pcaphunt.host(src)
      if host then
        local counted = host.ipv4_packets - host.ipid_zero
        if counted >= h.options.min_packets and host.ipid_changes * 4 >= host.ipv4_packets * 3 and z.n < counted then
          h:report{frames = z.kept, key = src,
            msg = string.format("IP ID 0 with DF clear from %s (%d packet%s) amid %d packets whose IDs count",
              src, z.n, z.n == 1 and "" or "s", counted),
            why = "a stack that counts IDs does not send 0 on a datagram that may be fragmented: another sender " ..
              "used this address (a crafted or injected packet, or a program on the host that writes its own IP header)",
            check = "the TTL and MAC address of the ID-0 packets against the host's other packets (fixed-ttl), " ..
              "what the packets carried, and which program on the host (if any) sent them"}
        end
      end
    end
  end,
}
