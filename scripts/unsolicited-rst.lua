-- unsolicited-rst: RSTs for connections never seen: backscatter of spoofing elsewhere.
hunt{
  name = "unsolicited-rst",
  description = "RST or RST+ACK with no connection seen before it in the capture (backscatter)",
  severity = "medium",
  priority = 40,
  filter = pcaphunt.filters.rst,
  packet = function(p, h)
    if not (p.tcp and p.tcp.rst) then return end
    local f = h:flow(p)
    if f and f.packets == 1 then
      h:report{packet = p, key = p.src,
        msg = string.format("RST from %s with no connection seen before it (backscatter of a spoofed connection?)", p.src)}
    end
  end,
}
