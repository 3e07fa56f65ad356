-- tcp-flags: TCP flag combinations no stack sends.  SYN+FIN and SYN+RST are contradictory wherever
-- they appear (scanners and firewall-evasion tools craft them).  After a connection's SYN, every
-- segment carries ACK (RFC 9293 3.10.7): a segment with none of SYN, ACK, RST -- no flags at all
-- (NULL), FIN alone, FIN+PSH+URG (Xmas) -- inside a flow that began with a SYN is crafted.  The same
-- segments with no flow before them are port-scan's (stealth probes, judged by count).  A segment
-- whose TCP header is malformed (header length below 20 ...) is corrupted, not crafted: left out.
local ep = pcaphunt.endpoint

local function kind(t, f)
  if t.syn and t.fin then return "SYN+FIN" end
  if t.syn and t.rst then return "SYN+RST" end
  if not (f and f.syn_seen) then return nil end  -- no connection: port-scan judges it
  if t.flags & 0xff == 0 then return "no flags (NULL)" end
  if t.fin and t.push and t.urg then return "FIN+PSH+URG (Xmas) without ACK" end
  if t.fin then return "FIN without ACK" end
  return "flags " .. t.flags_str .. " without ACK"
end
hunt{
  name = "tcp-flags",
  description = "invalid TCP flags: SYN+FIN, SYN+RST; NULL, FIN or Xmas without ACK inside a connection",
  severity = "medium",
  priority = 25,
  want = {{tcp_flags_all = {"syn", "fin"}}, {tcp_flags_all = {"syn", "rst"}}, {tcp_flags_none = {"syn", "ack", "rst"}}},
  packet = function(p, h)
    local t = p.tcp
    if not t then return end
    local bad = p.malformed
    if bad and bad:find("tcp", 1, true) then return end   -- a corrupted header, not a crafted one
    local f = (not t.syn) and h:flow(p) or nil
    local k = kind(t, f)
    if not k then return end
    local where = f and string.format(" inside the connection %s > %s (after its SYN, every segment carries ACK)",
      ep(p.src, p.sport), ep(p.dst, p.dport)) or ""
    h:report{packet = p, key = p.src .. " " .. k,
      msg = string.format("%s sent TCP segments with %s%s", p.src, k, where),
      why = "no TCP stack sends this combination; it is crafted (a scanner probing how ports and firewalls answer, or an evasion attempt)",
      check = string.format("what %s answered, and what else %s sent", p.dst, p.src)}
  end,
}
