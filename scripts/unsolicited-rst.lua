-- unsolicited-rst: backscatter -- RSTs and SYN-ACKs for connections never seen, sent by one source to
-- many destinations (the replies of a host whose address someone else spoofed).  One RST with no
-- flow seen is normal (a connection opened before the capture started, or idle past its timeout),
-- so a source is reported only by breadth: unsolicited RSTs or SYN-ACKs to at least
-- min_destinations distinct addresses (its earlier ones are reported when it gets there).  A RST with no flow from a
-- source that cannot be real (broadcast, multicast, class E, unspecified, loopback to a non-loopback
-- address) is reported at once: no connection opened before the capture explains it.  A RST on a
-- connection the flow table saw established and let go open (idle past TCP's 600 s timeout, or
-- evicted) is that connection's: the engine does not count it as opening a flow (want.new_flow), so
-- a server resetting clients idle for 15 minutes is not taken for backscatter.  Nor is a RST+ACK
-- whose sequence number is not 0: a stack sends one to abort a connection it had (a capture that
-- begins as a server resets connections opened before it); to a segment of no connection RFC 9293
-- answers with sequence 0 and ACK (to a SYN), or with no ACK.
local impossible = pcaphunt.impossible_source
hunt{
  name = "unsolicited-rst",
  description = "backscatter: RSTs or SYN-ACKs with no connection seen, to many destinations or from an impossible source",
  severity = "medium",
  priority = 40,
  options = {min_destinations = 10},
  option_help = {min_destinations = "distinct destinations of flowless RSTs or SYN-ACKs before a source is reported"},
  want = {{tcp_flags = "rst", new_flow = true}, {tcp_flags_all = {"syn", "ack"}, new_flow = true}},
  packet = function(p, h)
    if not p.tcp then return end                    -- want.new_flow: no flow before this packet
    if p.tcp.rst and impossible(p.src, p.dst) then
      h:report{packet = p, key = p.src,
        msg = string.format("RST from %s with no connection seen before it (backscatter of a spoofed connection?)", p.src),
        why = "no connection explains a RST from an address no host can have",
        check = "the other findings on this packet; what the RST's destination sent to the spoofed address"}
      return
    end
    -- a RST+ACK whose sequence number is not 0 aborts a connection its sender had (one opened before
    -- the capture): RFC 9293 answers a segment of no connection with sequence 0 and ACK set (to a
    -- SYN), or with no ACK (to a segment that carried one); backscatter is those, or SYN-ACKs
    if p.tcp.rst and p.tcp.ack_flag and p.tcp.seq ~= 0 then return end
    h.src = h.src or {}
    local report = pcaphunt.breadth(h.src, p, h.options.min_destinations)   -- nil: not (yet) broad
    if not report then return end
    local msg = string.format("%s sent RSTs or SYN-ACKs with no connection seen before them to %d or more " ..
      "destinations (backscatter of connections spoofed in its name?)", p.src, h.options.min_destinations)
    for _, k in ipairs(report) do
      h:report{packet = k, key = p.src, msg = msg,
        why = "a host answers SYNs it never saw from many addresses when someone floods a service with its address as the " ..
          "source, or when it is the victim of a spoofed SYN flood and replies to the forged clients",
        check = string.format("whether %s is under a SYN flood (its inbound SYNs), or someone uses its address; "
          .. "the destinations' spread", p.src)}
    end
  end,
}
