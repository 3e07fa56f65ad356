-- zero-ipid: IPv4 IP ID 0 where the sender's own stack would not put it, judged on the host's whole
-- behaviour.  RFC 6864 allows ID 0 on atomic datagrams (DF set, not a fragment), and Linux sends it on
-- SYN-ACKs, RSTs, TIME-WAIT ACKs; stacks that do not count (ISC dhcpd's raw packets, embedded stacks,
-- routers that give an ID only to what they fragment) send 0 with DF clear on every datagram.
-- Neither is evidence.  Reported:
--   * a host whose IDs count (at least min_packets packets with non-zero IDs, the ID changing on at
--     least 3 of 4 of its packets) and that also sent ID 0 with DF clear, fewer times than its counted
--     IDs, other than right after an ID near 65535 (a counter wrapping): another sender used its
--     address.  Decided at the end of the run, citing the ID-0 packets;
--   * ID 0 on a RST or bare SYN from a source that cannot be real (broadcast, multicast, class E,
--     unspecified, loopback to a non-loopback address): a crafted packet, DF or not, at once.
local impossible = pcaphunt.impossible_source

hunt{
  name = "zero-ipid",
  description = "IPv4 IP ID 0 with DF clear from a host whose IDs otherwise count, or on a RST/SYN from an impossible source",
  severity = "low",
  priority = 35,
  options = {min_packets = 3},
  option_help = {min_packets = "packets with a non-zero ID a host must send before its IDs are judged to count"},
  want = {ip_id = 0},
  packet = function(p, h)
    local ip = p.ip
    if not ip or ip.id ~= 0 or ip.mf or ip.frag_offset > 0 then return end
    if impossible(p.src, p.dst) and p.tcp and (p.tcp.rst or (p.tcp.syn and not p.tcp.ack_flag)) then
      h:report{packet = p, key = p.src,
        msg = string.format("IP ID 0 from %s (%s)", p.src, p.tcp.rst and "on a RST" or "on a SYN"),
        why = "no host has this source address; a crafted packet whose tool left the ID at 0",
        check = "the other findings on these frames (spoofed-source, q-trojan), and what answered them"}
      return
    end
    if ip.df then return end
    local f = h:flow(p)
    if f and f.ipid_last and f.ipid_last >= 0xff00 then return end   -- a counter wrapping to 0
    h.zero = h.zero or {}
    local z = h.zero[p.src]
    if not z then z = {n = 0, kept = {}} h.zero[p.src] = z end
    z.n = z.n + 1
    if #z.kept < 10 then z.kept[#z.kept + 1] = p end
  end,
  finish = function(h)
    for src, z in pairs(h.zero or {}) do
      local host = pcaphunt.host(src)
      if host then
        local counted = host.ipv4_packets - host.ipid_zero
        if counted >= h.options.min_packets and host.ipid_changes * 4 >= host.ipv4_packets * 3 and z.n < counted then
          h:report{frames = z.kept, key = src,
            msg = string.format("IP ID 0 with DF clear from %s (%d packet%s) amid %d packets whose IDs count",
              src, z.n, z.n == 1 and "" or "s", counted),
            why = "a stack that counts IDs does not send 0 on a datagram that may be fragmented: another sender " ..
              "(a crafted or injected packet) used this address",
            check = "the TTL and MAC address of the ID-0 packets against the host's other packets (fixed-ttl), " ..
              "and what the packets carried"}
        end
      end
    end
  end,
}
