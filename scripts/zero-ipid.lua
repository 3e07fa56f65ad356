-- zero-ipid: IPv4 packets with IP ID 0 where that is abnormal, aggregated per source.
-- IP ID 0 with DF set is normal (RFC 6864: the ID of an atomic datagram means nothing): Linux sends
-- it on SYN-ACKs, RSTs and TIME-WAIT ACKs, and some stacks on every DF packet.  Reported:
--   * ID 0 with DF clear (a datagram that may be fragmented needs a unique ID), unless the flow's
--     previous ID was near 65535 (a counter wrapping);
--   * ID 0 on a RST or bare SYN from a source that cannot be real (broadcast, multicast, class E,
--     unspecified, loopback to a non-loopback address): a crafted packet, DF or not.
local impossible = pcaphunt.impossible_source

hunt{
  name = "zero-ipid",
  description = "IPv4 IP ID 0 with DF clear, or on a RST/SYN from an impossible source (ID 0 with DF is normal, RFC 6864)",
  severity = "low",
  priority = 35,
  want = {ip_id = 0},
  packet = function(p, h)
    local ip = p.ip
    if not ip or ip.id ~= 0 or ip.mf or ip.frag_offset > 0 then return end
    if impossible(p.src, p.dst) and p.tcp and (p.tcp.rst or (p.tcp.syn and not p.tcp.ack_flag)) then
      h:report{packet = p, key = p.src,
        msg = string.format("IP ID 0 from %s (%s)", p.src, p.tcp.rst and "on a RST" or "on a SYN")}
      return
    end
    if ip.df then return end
    local f = h:flow(p)
    if f and f.ipid_last and f.ipid_last >= 0xff00 then return end   -- a counter wrapping to 0
    h:report{packet = p, key = p.src, msg = string.format("IP ID 0 from %s (DF clear)", p.src)}
  end,
}
