-- icmp-backscatter: ICMP destination-unreachable errors (ICMPv6 type 1) for packets never seen, sent by
-- one host to many destinations: its answers to a flood whose sources were spoofed (the ICMP side of
-- what unsolicited-rst finds in RSTs and SYN-ACKs).  Counted are the refusals a flooded host or its
-- router sends: host, protocol and port unreachable and administratively prohibited (ICMP codes 1, 2,
-- 3, 9, 10, 13; ICMPv6 codes 1 and its policy subsets 5 and 6, 3 address and 4 port unreachable).
-- Fragmentation needed (ICMP code 4) is path-MTU discovery, as ICMPv6 Packet Too Big (type 2, never
-- taken): a router telling a sender its path's MTU, often about a tunnel's outer packet (IP-in-IP,
-- GRE, VXLAN) whose flow is not in the table (the table tracks the inner packets): not counted.
-- An error quoting a packet whose flow is in the table is an answer to real traffic (a refused port,
-- a traceroute's last hop) and is not counted; one error for a packet not seen is normal too (sent
-- before the capture, or its flow expired), so a sender is reported only by breadth: errors to
-- min_destinations distinct addresses.
local counted = {icmp = {[1] = true, [2] = true, [3] = true, [9] = true, [10] = true, [13] = true},
  icmpv6 = {[1] = true, [3] = true, [4] = true, [5] = true, [6] = true}}
-- the quoted packet's protocol as an analyst writes it, with its article
local proto_names = {tcp = "a TCP", udp = "a UDP", icmp = "an ICMP", icmpv6 = "an ICMPv6", sctp = "an SCTP",
  gre = "a GRE", esp = "an ESP", ah = "an AH", igmp = "an IGMP", ospf = "an OSPF", pim = "a PIM", vrrp = "a VRRP",
  rsvp = "an RSVP", udplite = "a UDP-Lite", ipv4 = "an IPv4", ipv6 = "an IPv6"}

-- the finding about unreachable k (its own quoted packet's protocol, destination and port)
local function msg_of(k, min)
  local q = (k.icmp or k.icmpv6).inner
  return string.format("%s sent ICMP unreachables to %d or more destinations, each quoting %s packet from " ..
    "that destination that was never seen (to %s%s): backscatter of a flood whose sources were spoofed. Check " ..
    "what %s received in the quoted packets (protocol, ports) and whether it was under attack",
    k.src, min, proto_names[q.proto] or ("a " .. tostring(q.proto)), q.dst, q.dport and (" port " .. q.dport) or "", k.src)
end

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
    if not ic or ic.type ~= (p.icmp and 3 or 1) or not counted[p.icmp and "icmp" or "icmpv6"][ic.code] then return end
    local q = ic.inner
    if not q or not q.src or q.src ~= p.dst then return end   -- not an answer to the address it goes to
    if h:flow(q) then return end                               -- the quoted packet's flow was seen
    h.src = h.src or {}
    local report = pcaphunt.breadth(h.src, p, h.options.min_destinations)   -- nil: not (yet) broad
    if not report then return end
    for _, k in ipairs(report) do
      h:report{packet = k, key = p.src, msg = msg_of(k, h.options.min_destinations),
        why = "a host answering packets nobody in the capture sent, to many addresses, is answering traffic spoofed in their names",
        check = "the quoted packets' protocol and port (what was flooded), and whether the capture sees both sides of the router"}
    end
  end,
}
