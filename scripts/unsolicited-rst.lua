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
-- A SYN-ACK is judged when its flow ends (flow_end, for the TCP flows with a SYN-ACK and neither a
-- SYN nor data, chosen in C): backscatter's flows hold the reflector's SYN-ACKs (and their
-- retransmissions) and at most the spoofed address's RSTs, which never complete a handshake.  A flow
-- that went on -- a plain ACK or data, from either side -- is a connection seen from one side (a
-- one-way tap, asymmetric routing: the SYN came in elsewhere) or begun before the capture, not
-- backscatter; a flow with data is not even handed to Lua.
local impossible = pcaphunt.impossible_source

local function report_broad(h, src, list)
  local msg = string.format("%s sent RSTs or SYN-ACKs with no connection seen before them to %d or more " ..
    "destinations (backscatter of connections spoofed in its name?)", src, h.options.min_destinations)
  for _, x in ipairs(list) do
    local r = {key = src, msg = msg,
      why = "a host answers SYNs it never saw from many addresses when someone floods a service with its address as the " ..
        "source, or when it is the victim of a spoofed SYN flood and replies to the forged clients",
      check = string.format("whether %s is under a SYN flood (its inbound SYNs), or someone uses its address; "
        .. "the destinations' spread", src)}
    if type(x) == "table" then r.flow = x.kept_flow else r.packet = x end
    h:report(r)
  end
end

hunt{
  name = "unsolicited-rst",
  description = "backscatter: RSTs or SYN-ACKs with no connection seen, to many destinations or from an impossible source",
  severity = "medium",
  priority = 40,
  options = {min_destinations = 10},
  option_help = {min_destinations = "distinct destinations of flowless RSTs or SYN-ACKs before a source is reported"},
  want = {tcp_flags = "rst", new_flow = true},
  -- the SYN-ACKs: flows that had one but no SYN (the connection's opening not seen), and no plain ACK
  -- (nor data, nor FIN+ACK) after it: nothing that goes on with a connection
  flow_end_want = {proto = "tcp", synack_seen = true, syn_seen = false, ack_seen = false, data_seen = false},
  packet = function(p, h)
    if not p.tcp then return end                    -- want.new_flow: no flow before this packet
    if impossible(p.src, p.dst) then
      h:report{packet = p, key = p.src,
        msg = string.format("RST from %s with no connection seen before it (backscatter of a spoofed connection?)", p.src),
        why = "no connection explains a RST from an address no host can have",
        check = "the other findings on this packet; what the RST's destination sent to the spoofed address"}
      return
    end
    -- a RST+ACK whose sequence number is not 0 aborts a connection its sender had (one opened before
    -- the capture): RFC 9293 answers a segment of no connection with sequence 0 and ACK set (to a
    -- SYN), or with no ACK (to a segment that carried one); backscatter is those, or SYN-ACKs
    if p.tcp.ack_flag and p.tcp.seq ~= 0 then return end
    h.src = h.src or {}
    local list = pcaphunt.breadth(h.src, p, h.options.min_destinations)   -- nil: not (yet) broad
    if list then report_broad(h, p.src, list) end
  end,
  flow_end = function(f, h)
    -- f is seen from the side that sent its first packet: the SYN-ACK's sender
    h.src = h.src or {}
    local list = pcaphunt.breadth(h.src, f, h.options.min_destinations, {kept_flow = f:copy()})
    if list then report_broad(h, f.src, list) end
  end,
  finish = function(h)
    local let_go, unfollowed = pcaphunt.breadth_bound(h.src or {})
    if let_go > 0 or unfollowed > 0 then
      h:note(pcaphunt.breadth_note("RSTs and SYN-ACKs", let_go, unfollowed))
    end
  end,
}
