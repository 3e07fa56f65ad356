-- tiny-fragment: IP fragments no stack makes (RFC 791, RFC 1858's tiny and overlapping fragments, RFC 3128;
-- RFC 7112 for IPv6).  Hosts and routers fragment at the next hop's MTU, 68 bytes or more for IPv4 and 1280
-- for IPv6, so a first fragment holds the transport header (and, over IPv4, at least (68 - IP header) & ~7
-- bytes) and the next one starts past it.  A first fragment holding 8 or 16 bytes of a TCP header (nmap -f,
-- --mtu 16, fragroute) hides its flags from filters that judge first fragments; a TCP fragment at offset 8
-- or 16 over bytes its datagram's first fragment held rewrites them (its flags) after a filter passed them.
-- The decoder judges each fragment (p.fragment_cut); the hunt remembers which datagrams' first fragments it
-- saw, to tell the rest of a tiny datagram from an overlap.
local ep = pcaphunt.endpoint
local report, note_folded = pcaphunt.group_report, pcaphunt.group_note
local KEPT = 4096   -- datagrams whose first fragment was seen, in each of two generations

-- A datagram: its addresses, protocol and identification (RFC 791's reassembly key; IPv6's 32-bit one)
local function datagram(p)
  local ip = p.ip
  if ip then return p.src .. " " .. p.dst .. " " .. ip.proto .. " " .. ip.id end
  return p.src .. " " .. p.dst .. " 6 " .. p.ipv6.frag_id
end

-- The bytes of its datagram a first fragment holds (IPv6: after the fragment header, taking no other
-- extension header before it)
local function held(p)
  local ip = p.ip
  if ip then return ip.len - ip.hdr_len end
  return p.ipv6.plen - 8
end

local function remember(h, d, n)
  if h.kept == KEPT then h.older, h.first, h.kept = h.first, {}, 0 end
  h.first[d], h.kept = n, h.kept + 1
end

hunt{
  name = "tiny-fragment",
  description = "IP fragments no stack makes: a first fragment too short for its transport header or any MTU (nmap -f), a TCP fragment overlapping the header",
  severity = "medium",
  priority = 26,
  want = {fragment_cut = true},
  packet = function(p, h)
    local cut = p.fragment_cut
    if not cut then return end
    if not h.first then h.first, h.older, h.kept = {}, {}, 0 end
    local d = datagram(p)
    local seen = h.first[d] or h.older[d]
    local offset = p.ip and p.ip.frag_offset or p.ipv6.frag_offset
    if offset == 0 then   -- a first fragment: its transport header or its size cut
      if seen then return end   -- the same datagram's first fragment again: counted once
      remember(h, d, held(p))
      report(h, "tiny fragments", {packet = p, key = p.src .. " tiny",
        msg = string.format("%s sent datagrams in fragments no stack makes: the %s (the first such datagram to %s)",
          p.src, cut, p.dport and ep(p.dst, p.dport) or p.dst),
        why = "hosts and routers fragment at the next hop's MTU (68 bytes or more; 1280 over IPv6), never inside a " ..
          "transport header: a first fragment this short hides the transport header or the start of the data from " ..
          "filters that judge first fragments (RFC 1858's tiny fragment); nmap -f and --mtu send their probes so",
        check = string.format("what %s answered (a scan draws SYN-ACKs, RSTs or ICMP unreachables), the datagrams' " ..
          "other fragments (same IP ID), and whether a firewall between them reassembles before it filters", p.dst)})
      return
    end
    if seen and offset >= seen then return end   -- the rest of a tiny datagram, reported with its first fragment
    if seen then
      report(h, "overlapping fragments", {packet = p, key = p.src .. " overlap",
        msg = string.format("%s sent a TCP fragment that rewrites the TCP header: at offset %d, over the %d bytes its " ..
          "datagram's first fragment held (to %s)", p.src, offset, seen, p.dst),
        why = "a fragment over header bytes an earlier fragment carried lets the receiver reassemble other flags than " ..
          "a filter read in the first fragment: RFC 1858's overlapping fragment attack (IPv6 receivers drop such " ..
          "datagrams, RFC 5722)",
        check = string.format("which flags %s took (what it answered), and whether a firewall between them " ..
          "reassembles before it filters", p.dst)})
    else
      report(h, "fragments inside the TCP header", {packet = p, key = p.src .. " inside",
        msg = string.format("%s sent a TCP fragment at offset %d, inside the TCP header, with no tiny first fragment of " ..
          "its datagram before it (to %s)", p.src, offset, p.dst),
        why = "no stack starts a fragment inside the TCP header: it overwrites header bytes a first fragment carried " ..
          "(RFC 1858's overlapping fragment attack), or belongs to a tiny datagram sent last fragment first",
        check = string.format("the datagram's other fragments (same IP ID) and what %s answered", p.dst)})
    end
  end,
  finish = function(h)
    note_folded(h)
  end,
}
