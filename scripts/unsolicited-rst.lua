-- unsolicited-rst: RSTs for connections never seen: backscatter of spoofing elsewhere.
hunt{
  name = "unsolicited-rst",
  description = "RST or RST+ACK with no connection seen before it in the capture (backscatter)",
  severity = "medium",
  priority = 40,
  want = {tcp_flags = "rst"},
  packet = function(p, h)
    if not (p.tcp and p.tcp.rst) then return end
    if not h:flow(p) then   -- the flow as it was before this RST: none
      h:report{packet = p, key = p.src,
        msg = string.format("RST from %s with no connection seen before it (backscatter of a spoofed connection?)", p.src)}
    end
  end,
}
