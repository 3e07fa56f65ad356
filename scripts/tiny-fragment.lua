-- tiny-fragment: IP fragments that cut the transport header (RFC 1858's tiny and overlapping fragments;
-- RFC 3128; RFC 7112 for IPv6).  Stacks fragment at the path's MTU, 68 bytes or more for IPv4 and 1280 for
-- IPv6, so a first fragment always holds the TCP, UDP or ICMP fixed header and the next starts past it.  A
-- first fragment holding 8 or 16 bytes of a TCP header (nmap -f, --mtu 16, fragroute) hides the flags from
-- filters that judge first fragments; a TCP fragment at offset 8 or 16 after a first fragment that held the
-- whole header rewrites bytes a filter already passed (its flags).  The decoder judges it (p.fragment_cut).
local ep = pcaphunt.endpoint
local KEPT = 4096   -- datagrams whose tiny first fragment was seen, in each of two generations

local function datagram(p)
  local ip = p.ip
  return p.src .. " " .. p.dst .. " " .. (ip and ip.id or p.ipv6.frag_id) .. " " .. p.ttl
end

hunt{
  name = "tiny-fragment",
  description = "IP fragments that cut the transport header: a first fragment too short for it (nmap -f), a TCP fragment overlapping it",
  severity = "medium",
  priority = 26,
  want = {fragment_cut = true},
  packet = function(p, h)
    local cut = p.fragment_cut
    if not cut then return end
    local d = datagram(p)
    if not h.tiny then h.tiny, h.older, h.kept = {}, {}, 0 end
    if cut:sub(1, 5) == "first" then
      if h.kept == KEPT then h.older, h.tiny, h.kept = h.tiny, {}, 0 end
      if not h.tiny[d] then h.tiny[d], h.kept = true, h.kept + 1 end
      h:report{packet = p, key = p.src .. " tiny",
        msg = string.format("%s sent datagrams in fragments no stack makes: the %s (the first to %s)", p.src, cut,
          p.dport and ep(p.dst, p.dport) or p.dst),
        why = "stacks fragment at the path's MTU, never inside a transport header: a first fragment this short hides " ..
          "the flags (or the ports) from filters that judge the first fragment: RFC 1858's tiny fragment, as nmap -f " ..
          "and --mtu send their probes",
        check = string.format("what %s answered (a scan draws SYN-ACKs and RSTs), the other fragments of these " ..
          "datagrams (same IP ID), and whether a firewall between them reassembles", p.dst)}
    elseif not (h.tiny[d] or h.older[d]) then   -- the rest of a tiny first fragment's datagram: reported with it
      h:report{packet = p, key = p.src .. " overlap",
        msg = string.format("%s sent a TCP fragment that rewrites the TCP header: the %s, after a first fragment " ..
          "that held it whole (or was not captured) (to %s)", p.src, cut, p.dst),
        why = "no stack starts a fragment inside the TCP header; after a first fragment that held the whole header it " ..
          "rewrites bytes a filter already passed (its flags): RFC 1858's overlapping fragment attack",
        check = string.format("the datagram's first fragment (same IP ID) and what %s did with it: which flags a " ..
          "reassembling host saw", p.dst)}
    end
  end,
}
