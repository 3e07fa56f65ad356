-- icmp-backscatter: ICMP destination-unreachable errors (ICMPv6 type 1) for packets never seen, sent by
-- one host to many destinations: its answers to a flood whose sources were spoofed (the ICMP side of
-- what unsolicited-rst finds in RSTs and SYN-ACKs).  An error quoting a packet whose flow is in the
-- table is an answer to real traffic (a refused port, a traceroute's last hop) and is not counted;
-- one error for a packet not seen is normal too (sent before the capture, or its flow expired), so a
-- sender is reported only by breadth: errors to min_destinations distinct addresses.
hunt{
  name = "icmp-backscatter",
  description = "backscatter: ICMP unreachables quoting packets never seen, from one host to many destinations",
  severity = "medium",
  priority = 45,
  options = {min_destinations = 10},
  option_help = {min_destinations = "distinct destinations of one sender's unreachables for unseen packets before it is reported"},
  want = {{proto = "icmp", icmp_type = 3}, {proto = "icmpv6", icmp_type = 1}},   -- destination unreachable
  packet = function(p, h)
    local ic = p.icmp or p.icmpv6
    if not ic or ic.type ~= (p.icmp and 3 or 1) then return end
    local q = ic.inner
    if not q or not q.src or q.src ~= p.dst then return end   -- not an answer to the address it goes to
    if h:flow(q) then return end                               -- the quoted packet's flow was seen
    h.src = h.src or {}
    local report = pcaphunt.breadth(h.src, p, h.options.min_destinations)   -- nil: not (yet) broad
    if not report then return end
    local msg = string.format("%s sent ICMP unreachables to %d or more destinations, each quoting a %s packet from " ..
      "that destination that was never seen (to %s%s): backscatter of a flood whose sources were spoofed. Check " ..
      "what %s received in the quoted packets (protocol, ports) and whether it was under attack",
      p.src, h.options.min_destinations, q.proto, q.dst, q.dport and (" port " .. q.dport) or "", p.src)
    for _, k in ipairs(report) do
      h:report{packet = k, key = p.src, msg = msg,
        why = "a host answering packets nobody in the capture sent, to many addresses, is answering traffic spoofed in their names",
        check = "the quoted packets' protocol and port (what was flooded), and whether the capture sees both sides of the router"}
    end
  end,
}
