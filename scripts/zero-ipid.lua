-- zero-ipid: IPv4 packets with IP ID 0 where that is abnormal, aggregated per source.
hunt{
  name = "zero-ipid",
  description = "IPv4 IP ID 0 with DF clear, from a source that otherwise varies its IDs, or on crafted RST/SYN",
  severity = "low",
  priority = 35,
  want = {ip_id = 0},
  packet = function(p, h)
    local ip = p.ip
    if not ip or ip.id ~= 0 or ip.mf or ip.frag_offset > 0 then return end
    local why
    if not ip.df then
      why = "DF clear"
    elseif p.tcp and (p.tcp.rst or (p.tcp.syn and not p.tcp.ack_flag)) then
      why = p.tcp.rst and "on a RST" or "on a SYN"
    else
      local host = pcaphunt.host(p.src)
      if host and host.ipid_changes >= 2 then why = "source otherwise varies its IP IDs" end
    end
    if why then
      h:report{packet = p, key = p.src, msg = string.format("IP ID 0 from %s (%s)", p.src, why)}
    end
  end,
}
