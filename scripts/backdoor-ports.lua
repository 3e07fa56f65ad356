-- backdoor-ports: a service answering on a port that well-known backdoors and trojans use.
-- A client's ephemeral source port that happens to be 31337 or 54321 is not a backdoor: the port is
-- reported only when its side is the responder -- it answers a SYN with a SYN-ACK, or sends data in a
-- flow whose handshake the other side opened -- or when the packet comes from a source that cannot
-- be real (broadcast, multicast, class E, unspecified, loopback to a non-loopback address): crafted.
-- Not a backdoor either:
--   * an FTP data connection on a port the control connection (port 21, in the capture) negotiated:
--     the server's 227 (PASV) or 229 (EPSV) reply, or the client's PORT or EPRT command, names the
--     port, and the data connection joins the two ends of that control connection;
--   * a DNS query sent from the port to a DNS port (53, 5353, 5355): resolvers and stub resolvers
--     pick random source ports over 1024-65535 (RFC 5452), and a capture that begins with the
--     server's answer to that port would otherwise make the client look like the one answering;
--   * a TCP simultaneous open (hole punching: both sides send a SYN, then both a SYN-ACK): the port's
--     side's SYN-ACK, and its data in that connection, when its own bare SYN on the same four-tuple came
--     at most SIMULTANEOUS (5) s before the SYN-ACK (and of the connection's first packet): the two SYNs
--     cross in flight, so the answer follows the own SYN by an RTT or a SYN retransmission (1 s, 3 s);
--   * a UDP conversation the port's side keeps alive from that port with the same address and port: it
--     answers there while its own latest datagram to that peer (of a flow it opened, or an answer so
--     excused) is at most UDP_ALIVE (300) s old -- a WireGuard client on a random port 54321 whose server,
--     after the flow timed out, speaks first with a new handshake (sessions expire at 180 s, and a
--     NAT's UDP mapping, which the server's packet needs, lasts 2 to 5 minutes: RFC 4787 REQ-5).
--   * media of a SIP call (SIP on 5060, 5068, 5080 or 5160, UDP or TCP, in the capture) on a UDP port the sender's SDP named, to an address
--     of that call, once SDP came from both ends (an offer and its answer): a PBX's RTP range holds
--     ports of the table (RTP on 12346 or 20034, RTCP on 12345).
--   * an ICE agent (a WebRTC media server, a TURN relay) on a UDP port: it answered its peer's
--     connectivity check (a STUN Binding request with ICE's attributes and a right FINGERPRINT) with a
--     Binding success of that transaction, at most 30 s (RFC 7675's consent) before.
--   * a SQL Server named instance on a TCP port its SQL Browser (UDP 1434, MC-SQLR) named: the
--     server's answer (SVR_RESP) to a client's request, from that address (or, within SSRP_PROMPT s,
--     from another of the server's: a cluster node's, another interface's), names the port in a
--     well-formed instance record, and the connection (any client's) began at most SSRP_WINDOW (600) s
--     after such an answer; it stays excused for its life.
--   * a Windows RPC server on a TCP port the endpoint mapper (TCP 135) named to the client: its answer to
--     that client's ept_map call on a context bound to EPM's interface names the port in a tower, and
--     the client's connection began at most EPM_WINDOW (120) s after; it stays excused for its life.
--   * on 4444 and 54321, products' default ports (a Selenium Grid hub, Sophos UTM's WebAdmin, H2O-3), a
--     TCP conversation in the product's API answered in JSON: its SYN-ACKs are held until the client's
--     first bytes and the server's answer show it; other HTTP and TLS there are reported low, the
--     protocol named, and binary served over HTTP (a Meterpreter stage?) on its own (products, below).
--   A listener answers; it does not open conversations from its port to its clients'.  An older
--   datagram or SYN (one packet from a backdoor to its controller, then the controller's commands
--   any time later) excuses nothing.
local ports = {
  [31337] = "Back Orifice (eleet)", [31338] = "Back Orifice / DeepBO", [54320] = "Back Orifice 2000",
  [54321] = "Back Orifice 2000", [12345] = "NetBus", [12346] = "NetBus", [20034] = "NetBus Pro",
  [27374] = "SubSeven", [1243] = "SubSeven", [6711] = "SubSeven", [6776] = "SubSeven",
  [1524] = "ingreslock backdoor shell", [2140] = "Deep Throat", [3150] = "Deep Throat",
  [7597] = "QAZ worm", [65000] = "Devil", [30100] = "NetSphere", [3127] = "MyDoom",
  [4444] = "Metasploit default / Blaster shell", [5554] = "Sasser FTP", [9996] = "Sasser shell",
}
local list = {}
for port in pairs(ports) do list[#list + 1] = port end
table.sort(list)

local impossible = pcaphunt.impossible_source

-- A DER-encoded value tagged [APPLICATION 1] (a Kerberos 5 ticket) that is the whole payload.
local function der_ticket(s)
  if #s < 2 or s:byte(1) ~= 0x61 then return false end
  local len, at = s:byte(2), 3
  if len >= 0x80 then   -- long form: 1 or 2 length bytes
    local n = len - 0x80
    if n < 1 or n > 2 or #s < 2 + n then return false end
    len = 0
    for i = 1, n do len = len * 256 + s:byte(2 + i) end
    at = 3 + n
  end
  return at - 1 + len == #s
end

-- Registered services that share a backdoor port, known by what the client sends: their answers are
-- not a backdoor's, as long as every request the client sent on that conversation is the service's.  krb524 (Kerberos 5-to-4 ticket conversion, AFS sites) takes a Kerberos 5
-- ticket on 4444, Metasploit's default port.
local registered = {[4444] = der_ticket}

-- FTP (RFC 959, RFC 2428): the data ports a control connection negotiates.  PASV's answer
-- "227 Entering Passive Mode (h1,h2,h3,h4,p1,p2)" and EPSV's "229 ... (|||port|)" from the server,
-- PORT h1,h2,h3,h4,p1,p2 and EPRT |af|addr|port| from the client.  Returns the address named (nil
-- for EPSV: the server's own) and the port, for each such line of the payload.
local function ftp_ports(payload, from_server)
  local out = {}
  for line in payload:gmatch("[^\r\n]+") do
    local addr, port
    if from_server then
      -- six numbers of at most three digits, each starting after a non-digit (%f[%d]): a pattern of
      -- %d+ groups after .- tried every start against every digit, a crafted line of digits then took
      -- time quadratic in its length (0.35 s for 3,900 bytes); this one is linear
      local a, b, c, d, p1, p2 = line:match("^227[ -].-%f[%d](%d%d?%d?),(%d%d?%d?),(%d%d?%d?),(%d%d?%d?),(%d%d?%d?),(%d%d?%d?)%f[%D]")
      if a then addr, port = a .. "." .. b .. "." .. c .. "." .. d, tonumber(p1) * 256 + tonumber(p2)
      else
        local delim, n = line:match("^229[ -].-%(([!-~])%1%1(%d+)%1%)")
        port = delim and tonumber(n)
      end
    else
      local verb, rest = line:match("^(%a%a%a%a) (.*)$")
      verb = verb and verb:upper()
      if verb == "PORT" then
        local a, b, c, d, p1, p2 = rest:match("^%s*(%d+),(%d+),(%d+),(%d+),(%d+),(%d+)")
        if a then addr, port = a .. "." .. b .. "." .. c .. "." .. d, tonumber(p1) * 256 + tonumber(p2) end
      elseif verb == "EPRT" and #rest > 1 then
        local delim = rest:sub(1, 1)
        local f = {}
        for field in rest:sub(2):gmatch("([^" .. delim:gsub("%p", "%%%0") .. "]*)") do f[#f + 1] = field end
        if f[2] and f[3] then addr, port = f[2], tonumber(f[3]) end
      end
    end
    if port and ports[port] then out[#out + 1] = {addr = addr, port = port} end
  end
  return out
end

-- h[name]'s table (at most `kept` entries, counted in h[name .. "_n"]), where key may go; nil: full, the key not followed, counted in
-- h[unfollowed], which the note at the end reports.  A full table is swept of the entries age says expired;
-- (age(value, now, key): expired) a sweep that leaves it over three quarters full is not run again before kept / 4 more keys were refused
-- or window / 8 s of capture time went by (a flood of new keys would sweep it at every packet: 40,000 SIP
-- INVITEs with new Call-IDs took 12 s, 150,000 SYNs from port 31337 in 1.5 s more than two minutes).
-- The FTP, ICE, SIP, SQL Browser and opened-conversation tables all go through it.
local function room(h, name, key, now, age, window, kept, unfollowed)
  local t = h[name] or {}
  h[name] = t
  local n, wait, at = name .. "_n", name .. "_wait", name .. "_at"
  if not t[key] and (h[n] or 0) >= kept then
    if (h[wait] or 0) > 0 and now < h[at] then
      h[wait] = h[wait] - 1
    else
      for k, v in pairs(t) do if age(v, now, k) then t[k] = nil h[n] = h[n] - 1 end end
      if h[n] > kept * 3 // 4 then h[wait], h[at] = kept // 4, now + window / 8 else h[wait] = 0 end
    end
    if h[n] >= kept then h[unfollowed] = (h[unfollowed] or 0) + 1 return nil end
  end
  return t, n
end
-- Sets h[name][key] to v (room permitting), counting the key when it is new.
local function remember(h, name, key, v, now, age, window, kept, unfollowed)
  local t, n = room(h, name, key, now, age, window, kept, unfollowed)
  if not t then return end
  if t[key] == nil then h[n] = (h[n] or 0) + 1 end
  t[key] = v
end

-- Remembers, for FTP_WINDOW seconds, the data ports an established control connection's packet names:
-- h.ftp["LISTENER PORT PEER"] = time, for the listener's address as the control connection shows it,
-- and as the command names it when that is a private address (a server or client behind NAT names its
-- own).  A lone crafted segment (no handshake) names nothing, nor may a command vouch for a public
-- address it is not sent from; at most FTP_KEPT at once (the expired go first).
local FTP_WINDOW, FTP_KEPT = 120, 4096
local function private(a)
  return a:match("^10%.") or a:match("^192%.168%.") or a:match("^172%.") and
    (tonumber(a:match("^172%.(%d+)%.")) or 0) >= 16 and (tonumber(a:match("^172%.(%d+)%.")) or 0) <= 31
end
local function ftp_expired(v, now) return now - v > FTP_WINDOW end
local function ftp_remember(h, key, now)
  remember(h, "ftp", key, now, now, ftp_expired, FTP_WINDOW, FTP_KEPT, "ftp_unfollowed")
end
local function ftp_control(p, h)
  local f = h:flow(p)
  if not (f and f.established) then return end
  local from_server = p.sport == 21
  local listener, peer = p.src, p.dst   -- PASV/EPSV: the server listens; PORT/EPRT: the client
  local now = p.frame.time_epoch
  for _, x in ipairs(ftp_ports(p.payload, from_server)) do
    ftp_remember(h, listener .. " " .. x.port .. " " .. peer, now)
    if x.addr and x.addr ~= listener and private(x.addr) then ftp_remember(h, x.addr .. " " .. x.port .. " " .. peer, now) end
  end
end

local dns_ports = {[53] = true, [5353] = true, [5355] = true}

-- SIP (RFC 3261) carries SDP offers and answers (RFC 3264) that name each party's media
-- address and ports: `c=IN IP4 <address>` (session or media level) and `m=audio <port> RTP/AVP ...`,
-- RTCP on the next port up unless `a=rtcp:<port>` names another (RFC 3605).  A PBX, media gateway or
-- conference server picks its RTP ports from a range (Asterisk 10000-20000, FreeSWITCH 16384-32768)
-- that holds ports of the table, and the phone's media may arrive before its own.  Read on the ports
-- SIP servers listen on by default (SIP_PORTS, over UDP or TCP, either side): 5060 (IANA's), 5068
-- (Skype for Business / Lync Mediation Server's gateway side, TCP), 5080 (FreeSWITCH's external
-- profile) and 5160 (FreePBX's chan_sip beside PJSIP on 5060); SIP on other ports is not read.  Each
-- message of the payload (a TCP segment may carry several, one after another by their Content-Length;
-- at most SIP_MESSAGES) whose start line is SIP's ("METHOD sip:URI SIP/2.0" or "SIP/2.0 CODE") and
-- that has a Call-ID is read; a message the segment cuts is read as far as it goes.  Remembered, per
-- Call-ID, the addresses of the call (the SIP messages' ends and the SDP addresses) and whether SDP
-- came from two senders (an offer and its answer); and, for a port of the table an SDP names,
-- h.media["ADDRESS PORT"] = {call, time}.  At most SIP_KEPT of each (the expired, SIP_WINDOW s
-- without a message or media packet, go first).
local SIP_WINDOW, SIP_KEPT, SIP_MESSAGES = 300, 4096, 8
local SIP_PORTS = {5060, 5068, 5080, 5160}
local sip_port = {}
for _, port in ipairs(SIP_PORTS) do sip_port[port] = true end
local function sip_expired(v, now) return now - v.t > SIP_WINDOW end
local function bounded(h, name, key, value, now)
  local t, n = room(h, name, key, now, sip_expired, SIP_WINDOW, SIP_KEPT, "sip_unfollowed")
  if not t then return nil end
  if not t[key] then h[n] = (h[n] or 0) + 1 t[key] = value end
  return t[key]
end
-- One SIP message of payload pl beginning at `at`: its call noted, its SDP read; returns where the next
-- message begins (nil: none follows, or this was no SIP message).
local function sip_message(p, h, pl, at)
  if not (pl:find("^%u+ sips?:[^\r\n ]+ SIP/2%.0\r\n", at) or pl:find("^SIP/2%.0 %d%d%d ", at)) then return nil end
  local body = pl:find("\r\n\r\n", at, true)
  if not body then return nil end
  local head = pl:sub(at, body + 1)   -- the start line and headers, each ending in CRLF
  local callid = head:match("\r\n[Cc][Aa][Ll][Ll]%-[Ii][Dd]:%s*([^\r\n]+)") or head:match("\r\ni:%s*([^\r\n]+)")
  if not callid then return nil end
  local length = tonumber(head:match("\r\n[Cc][Oo][Nn][Tt][Ee][Nn][Tt]%-[Ll][Ee][Nn][Gg][Tt][Hh]:%s*(%d+)%s*\r\n") or
                          head:match("\r\nl:%s*(%d+)%s*\r\n"))
  local next_at = length and body + 4 + length or nil
  local now = p.frame.time_epoch
  local call = bounded(h, "calls", callid, {t = now, parties = {}, senders = {}, n = 0}, now)
  if not call then return next_at end
  call.t = now
  call.parties[p.src], call.parties[p.dst] = true, true
  local sdp = pl:sub(body + 4, next_at and next_at - 1 or #pl)
  if not sdp:find("^v=0") then return next_at end
  if not call.senders[p.src] then call.senders[p.src] = true call.n = call.n + 1 end
  local addr, named = nil, {}
  for line in sdp:gmatch("[^\r\n]+") do
    local c = line:match("^c=IN IP[46] ([%x%.:]+)")
    if c then
      addr = c
      if named[#named] and not named[#named].addr then named[#named].addr = c end   -- media-level c=
      call.parties[c] = true
    end
    local port = tonumber(line:match("^m=%a+ (%d+) "))
    if port then named[#named + 1] = {port = port, rtcp = port + 1} end
    local rtcp = tonumber(line:match("^a=rtcp:(%d+)"))
    if rtcp and named[#named] then named[#named].rtcp = rtcp end
  end
  for _, m in ipairs(named) do
    local a = m.addr or addr or p.src
    for _, port in ipairs({m.port, m.rtcp}) do
      if ports[port] then
        local e = bounded(h, "media", a .. " " .. port, {t = now, call = callid}, now)
        if e then e.t, e.call = now, callid end
      end
    end
  end
  return next_at
end
local function sip_sdp(p, h)
  local pl, at = p.payload, 1
  for _ = 1, SIP_MESSAGES do
    at = sip_message(p, h, pl, at)
    if not at or at > #pl then return end
  end
end
-- ICE (RFC 8445): WebRTC endpoints, media servers (SFUs, whose UDP port ranges hold the table's ports)
-- and TURN relays (49152-65535: 54320, 54321, 65000) get media on a port announced in signalling the
-- capture does not show (HTTPS, TURN over TLS), each conversation opened by the peer's connectivity
-- check: a STUN Binding request (RFC 8489: type 0x0001, magic cookie 0x2112A442) with USERNAME,
-- MESSAGE-INTEGRITY and, last, FINGERPRINT (CRC-32 of the message xor 0x5354554e), which ICE requires
-- (RFC 8445 7.1.1, 7.2.2).  The port's side answering it with a Binding success (0x0101) of the same
-- transaction, with its own FINGERPRINT, is an ICE agent, and may send on that conversation while its
-- consent is fresh: RFC 7675 has an agent stop sending 30 s after its last answered check (peers
-- check every 5 s or so).  h.ice_wait["KEY TXID"] = time of a check, h.ice["KEY"] = time of its
-- answer, KEY = the port's side and its peer (address and port each); at most ICE_KEPT of each.
local CONSENT, ICE_KEPT = 30, 65536
local crc_table = {}
for i = 0, 255 do
  local c = i
  for _ = 1, 8 do c = (c & 1) == 1 and (0xEDB88320 ~ (c >> 1)) or (c >> 1) end
  crc_table[i] = c
end
local function crc32(s, n)
  local c = 0xFFFFFFFF
  for i = 1, n do c = crc_table[(c ~ s:byte(i)) & 0xFF] ~ (c >> 8) end
  return c ~ 0xFFFFFFFF
end
-- The transaction id of a STUN message of type `want` carrying the attributes ICE requires (USERNAME
-- and PRIORITY in a request, MESSAGE-INTEGRITY, and FINGERPRINT last and right), or nil.
local function ice_stun(s, want)
  if #s < 28 or #s > 1500 or s:byte(1) >= 0x40 then return nil end
  local typ, len, cookie = string.unpack(">I2I2I4", s)
  if typ ~= want or cookie ~= 0x2112A442 or len ~= #s - 20 or len % 4 ~= 0 then return nil end
  local at, seen = 21, {}
  while at + 3 <= #s do
    local t, l = string.unpack(">I2I2", s, at)
    if t == 0x8028 then
      if l ~= 4 or at + 8 ~= #s + 1 then return nil end
      if string.unpack(">I4", s, at + 4) ~= crc32(s, at - 1) ~ 0x5354554E then return nil end
      if not seen[0x0008] or want == 0x0001 and not (seen[0x0006] and seen[0x0024]) then return nil end
      return s:sub(9, 20)
    end
    seen[t] = true
    at = at + 4 + l + (4 - l % 4) % 4
  end
  return nil
end
local function ice_expired(v, now) return now - v > CONSENT end
local function ice_note(h, name, key, now)
  remember(h, name, key, now, now, ice_expired, CONSENT, ICE_KEPT, "ice_unfollowed")
end
-- A datagram to a port of the table: an ICE check is noted, waiting for its answer.
local function ice_check(h, p)
  local tx = ice_stun(p.payload, 0x0001)
  if tx then ice_note(h, "ice_wait", p.dst .. " " .. p.dport .. " " .. p.src .. " " .. p.sport .. " " .. tx, p.frame.time_epoch) end
end
-- p (UDP, from a port of the table) is an ICE agent's: it answers a check of its peer now, or its peer's
-- last check it answered is at most CONSENT s old.
local function ice_agent(h, p)
  local key, now = p.src .. " " .. p.sport .. " " .. p.dst .. " " .. p.dport, p.frame.time_epoch
  local tx = h.ice_wait and ice_stun(p.payload, 0x0101)
  local asked = tx and h.ice_wait[key .. " " .. tx]
  if asked and now - asked <= CONSENT then
    ice_note(h, "ice", key, now)
    return true
  end
  local t = h.ice and h.ice[key]
  return t ~= nil and now - t <= CONSENT
end

-- p (UDP, from a port of the table) is media its call negotiated: the port named by the sender's SDP
-- in a call whose SDP came from two senders, to an address of that call, the call or the media seen
-- within SIP_WINDOW s; the media going on keeps it so.
local function negotiated_media(h, p)
  local e = h.media and h.media[p.src .. " " .. p.sport]
  local call = e and h.calls and h.calls[e.call]
  local now = p.frame.time_epoch
  if not (call and call.n >= 2 and call.parties[p.dst] and now - math.max(e.t, call.t) <= SIP_WINDOW) then return false end
  e.t = now
  return true
end

-- A port some negotiation named, as spans of time: h[name]["ADDRESS PORT ..."] = {{first, last}, ...}, a naming at
-- most `window` s after a span's last extending it, else a new span (SPANS kept, the newest); the table bounded
-- by room() (expired(spans, now): no connection may begin under them any more).  A connection that began within
-- `window` s of a span (from its first naming to `window` s after its last) is the negotiated one.
local SPANS = 8
local function spans_note(h, name, key, now, window, expired, kept, unfollowed)
  local t, n = room(h, name, key, now, expired, window, kept, unfollowed)
  if not t then return end
  local spans = t[key]
  if not spans then spans = {} t[key] = spans h[n] = (h[n] or 0) + 1 end
  local last = spans[#spans]
  if last and now - last.last <= window then last.last = now
  else
    if #spans == SPANS then table.remove(spans, 1) end
    spans[#spans + 1] = {first = now, last = now}
  end
end
local function spans_cover(spans, began, window)
  if not spans then return false end
  for _, s in ipairs(spans) do
    if began >= s.first and began <= s.last + window then return true end
  end
  return false
end

-- SQL Server Resolution Protocol (MC-SQLR, [MS-SQLR]): a client asks SQL Browser on UDP 1434 where
-- instances listen -- CLNT_BCAST_EX (0x02, to a broadcast address), CLNT_UCAST_EX (0x03) or
-- CLNT_UCAST_INST (0x04 and an instance name) -- and the server answers SVR_RESP: 0x05, RESP_SIZE
-- (2 bytes, little-endian: the length of the rest), then one record per instance, "ServerName;S;
-- InstanceName;I;IsClustered;No;Version;V;" and its protocols' pairs ("np;PIPE;", "tcp;PORT;", "via;...;",
-- "rpc;NAME;", "spx;...;", "adsp;...;", and "bv;..." last), ending with an empty token (";;").  A named
-- instance's dynamic TCP port is often one of the table's (49152-65535: 54320, 54321, 65000).
-- h.ssrp_ask["CLIENT PORT"] = {time, destination} of a request (answered within SSRP_ASK s, from
-- the server it went to, or any when it went to a broadcast or multicast address: that server's instances);
-- h.ssrp["SERVER PORT"] = the spans of time its answers named PORT: {first, last} answers at most
-- SSRP_WINDOW s apart (SPANS kept, the newest).  At most SSRP_KEPT of each (the expired go
-- first; then no more: a connection is judged as any, and a note says so: room).
-- An answer to a request sent to one address may come from another of the same server: SQL Browser
-- binds 0.0.0.0, and its reply leaves from the address of the interface its route takes, so a failover
-- cluster's Browser answers a request to the cluster's address from the active node's own, a multi-homed
-- server's from its other interface (clients' SSRP sockets take it: they are not connected).  Such an
-- answer counts for the address asked -- where the client connects -- when it reaches the port the
-- request came from within SSRP_PROMPT s (the Browser answers in milliseconds; a client waits 1 s:
-- Microsoft.Data.SqlClient's SSRP receive timeout).  Forging one takes the client's port and moment (on
-- the path, or a guess of both), and buys silence for a listener at the address asked, on a port the
-- answer names, whose host an attacker must hold already to run it there -- and such a host can answer
-- 1434 itself (a limit before this too).
local SSRP_ASK, SSRP_WINDOW, SSRP_KEPT, SSRP_PROMPT = 10, 600, 4096, 1
local ssrp_requests = {[2] = true, [3] = true, [4] = true}
local ssrp_heads = {"ServerName", "InstanceName", "IsClustered", "Version"}
-- The table's TCP ports the SVR_RESP s names (a list, maybe empty), or nil when s is not one: its size
-- must be the rest's, and every record must begin with the four pairs above; a "bv" pair (last) ends
-- its record's reading.
local function ssrp_ports(s)
  local n = #s
  if n < 4 or s:byte(1) ~= 5 or (s:byte(2) | s:byte(3) << 8) ~= n - 3 then return nil end
  local out, at, pair, key, skip = {}, 4, 0, nil, false
  while at <= n do
    local semi = s:find(";", at, true)
    if not semi then return nil end                 -- a token without its ';'
    local len = semi - at
    if skip then                                    -- inside "bv": to the record's end
      if len == 0 then skip, pair = false, 0 end
    elseif key == nil then
      if len == 0 then
        if pair < 4 then return nil end               -- an empty token ends a whole record only
        pair = 0
      elseif pair < 4 then
        if s:sub(at, semi - 1) ~= ssrp_heads[pair + 1] then return nil end
        key = pair
      elseif len == 2 and s:sub(at, semi - 1) == "bv" then skip = true
      else key = len == 3 and s:sub(at, semi - 1) == "tcp" and "tcp" or pair end
    else
      if key == "tcp" then
        local port = len >= 1 and len <= 5 and tonumber(s:sub(at, semi - 1):match("^%d+$"))
        if not port then return nil end
        if ports[port] then out[#out + 1] = port end
      end
      key, pair = nil, pair + 1
    end
    at = semi + 1
  end
  if key ~= nil or pair ~= 0 or skip then return nil end   -- the last record did not end
  return out
end
-- An answer from another address counts only from the asked server's own network: both addresses
-- private (RFC 1918, CGNAT's 100.64/10, link-local, IPv6 ULA: a cluster's nodes and its virtual
-- address, a server's interfaces), or both in one IPv4 /24; an answer from the Internet for a private
-- server, or from another public network, does not.
local function private_addr(a)
  if a:find(":", 1, true) then local l = a:lower() return l:match("^f[cd]") ~= nil or l:match("^fe[89ab]") ~= nil end
  local x, y = a:match("^(%d+)%.(%d+)%.")
  x, y = tonumber(x), tonumber(y)
  if not x then return false end
  return x == 10 or (x == 172 and y >= 16 and y <= 31) or (x == 192 and y == 168) or (x == 100 and y >= 64 and y <= 127) or
    (x == 169 and y == 254)
end
local function same_site(a, b)
  if private_addr(a) and private_addr(b) then return true end
  local na, nb = a:match("^(%d+%.%d+%.%d+)%.%d+$"), b:match("^(%d+%.%d+%.%d+)%.%d+$")
  return na ~= nil and na == nb
end
local function ask_expired(v, now) return now - v.t > SSRP_ASK end
local function spans_expired(v, now) return now - v[#v].last > SSRP_WINDOW end   -- no connection may begin under it
local function ssrp_packet(p, h)
  local pl, now = p.payload, p.frame.time_epoch
  if p.dport == 1434 and #pl >= 1 and #pl <= 64 and ssrp_requests[pl:byte(1)] then
    remember(h, "ssrp_ask", p.src .. " " .. p.sport, {t = now, dst = p.dst}, now, ask_expired, SSRP_ASK, SSRP_KEPT,
             "ssrp_unfollowed")
  elseif p.sport == 1434 and #pl >= 4 and pl:byte(1) == 5 then
    local ask = h.ssrp_ask and h.ssrp_ask[p.dst .. " " .. p.dport]
    if not (ask and now - ask.t <= SSRP_ASK) then return end
    local server                                    -- whose instances the answer names
    if ask.dst == p.src or ask.dst == "255.255.255.255" or pcaphunt.multicast(ask.dst) or ask.dst:find("%.255$") then
      server = p.src                                -- the server asked, or one that heard a broadcast
    elseif now - ask.t <= SSRP_PROMPT and not impossible(p.src, p.dst) and same_site(p.src, ask.dst) then
      server = ask.dst                              -- another address of the server asked (a cluster node, another NIC)
    else return end
    local named = ssrp_ports(pl)
    if not named then return end
    for _, port in ipairs(named) do
      spans_note(h, "ssrp", server .. " " .. port, now, SSRP_WINDOW, spans_expired, SSRP_KEPT, "ssrp_unfollowed")
    end
  end
end
-- p (TCP, from a port of the table) is a SQL Server instance's: its connection (f) began at most
-- SSRP_WINDOW s after an answer of the server's SQL Browser that named the port.
local function ssrp_instance(h, p, f)
  return spans_cover(h.ssrp and h.ssrp[p.src .. " " .. p.sport], f and f.first_time or p.frame.time_epoch, SSRP_WINDOW)
end

-- Windows RPC (DCE/RPC connection-oriented, C706 chapter 12, [MS-RPCE]): a server's interfaces (LSA,
-- Netlogon, DRSUAPI, DFSR ...) listen on dynamic TCP ports (49152-65535: 54320, 54321, 65000), which a
-- client asks the endpoint mapper on TCP 135 for: it binds the EPM interface (e1af8308-5d1f-11c9-91a4-
-- 08002b14a0fa, version 3) -- a bind or alter_context PDU naming it as a presentation context's abstract
-- syntax -- and calls ept_map (opnum 3) on that context; the response of that call (its call_id) carries
-- towers, each a list of floors (C706 appendix L): the interface, the transfer syntax, RPC
-- connection-oriented (0x0b), TCP (0x07, the port big-endian) and IP (0x09).  Read here: whole PDUs in
-- one segment of an established connection (at most EPM_PDUS a segment), little-endian data
-- representation, a response unfragmented and without authentication (as EPM's are); the response's
-- stub parsed to its end as ept_map's -- the context handle, num_towers, the conformant varying array of
-- tower pointers, each tower (its conformance equal to its length, its floors filling it exactly), the
-- status 0 -- in NDR or, when that fails, NDR64 (which 64-bit Windows peers negotiate: 8-byte counts
-- and pointers); at most EPM_TOWERS towers.  h.epm_conn["CLIENT PORT SERVER"] = {t, ctx = the EPM
-- contexts bound, calls = the ept_map calls waiting}; h.epm["SERVER PORT CLIENT"] = the spans of time
-- answers named PORT to CLIENT (spans_note, EPM_WINDOW).  At most EPM_KEPT of each.
local EPM_WINDOW, EPM_KEPT, EPM_PDUS, EPM_TOWERS = 120, 4096, 8, 16
local EPM_UUID = "\x08\x83\xaf\xe1\x1f\x5d\xc9\x11\x91\xa4\x08\x00\x2b\x14\xa0\xfa"
-- The TCP port of an ncacn_ip_tcp tower (floors in s[a..e], little-endian counts), false for a tower of
-- another protocol, nil when the floors do not fill it exactly.
local function tower_port(s, a, e)
  if e - a + 1 < 2 then return nil end
  local floors = string.unpack("<I2", s, a)
  if floors < 1 or floors > 8 then return nil end
  local at, port, co = a + 2, false, false
  for _ = 1, floors do
    if at + 1 > e then return nil end
    local lhs = string.unpack("<I2", s, at)
    if lhs < 1 or at + 2 + lhs + 1 > e then return nil end
    local id = s:byte(at + 2)
    local rhs = string.unpack("<I2", s, at + 2 + lhs)
    local r = at + 4 + lhs                          -- the right-hand side's first byte
    if r + rhs - 1 > e then return nil end
    if lhs == 1 and id == 0x0b then co = true end
    if lhs == 1 and id == 0x07 and rhs == 2 then port = string.unpack(">I2", s, r) end
    at = r + rhs
  end
  if at ~= e + 1 then return nil end
  return co and port
end
-- The table's ports the ept_map response stub s[a..e] names (a list, maybe empty), or nil when it is not
-- one; wide: NDR64.
local function epm_towers(s, a, e, wide)
  local w = wide and 8 or 4
  local fmt = wide and "<I8" or "<I4"
  local function align(at, n) return a + ((at - a + n - 1) // n) * n end
  if e - a + 1 < 24 then return nil end
  local num = string.unpack("<I4", s, a + 20)
  local at = align(a + 24, w)
  if at + 3 * w - 1 > e then return nil end
  local max, off, actual = string.unpack(fmt, s, at), string.unpack(fmt, s, at + w), string.unpack(fmt, s, at + 2 * w)
  if off ~= 0 or actual ~= num or num > max or num > EPM_TOWERS then return nil end
  at = at + 3 * w
  if at + num * w - 1 > e then return nil end
  local refs = {}
  for i = 1, num do refs[i] = string.unpack(fmt, s, at) at = at + w end
  local out = {}
  for i = 1, num do
    if refs[i] ~= 0 then
      at = align(at, w)
      if at + w + 3 > e then return nil end
      local conf, len = string.unpack(fmt, s, at), string.unpack("<I4", s, at + w)
      at = at + w + 4
      if conf ~= len or at + len - 1 > e then return nil end
      local port = tower_port(s, at, at + len - 1)
      if port == nil then return nil end
      if port and ports[port] then out[#out + 1] = port end
      at = at + len
    end
  end
  at = align(at, 4)
  if at + 3 ~= e or string.unpack("<I4", s, at) ~= 0 then return nil end   -- the status, 0, ends the stub
  return out
end
local function epm_expired(v, now) return now - v.t > EPM_WINDOW end
local function epm_spans_expired(v, now) return now - v[#v].last > EPM_WINDOW end
-- A segment of an established connection to or from TCP 135: its PDUs read.
local function epm_packet(p, h)
  local f = h:flow(p)
  if not (f and f.established) then return end
  local to_server = p.dport == 135
  local client, cport, server = to_server and p.src or p.dst, to_server and p.sport or p.dport, to_server and p.dst or p.src
  local key, now, s = client .. " " .. cport .. " " .. server, p.frame.time_epoch, p.payload
  local at = 1
  for _ = 1, EPM_PDUS do
    if at + 15 > #s then return end
    local vers, minor, ptype, flags, drep = s:byte(at, at + 4)
    if vers ~= 5 or minor > 1 or drep & 0xf0 ~= 0x10 then return end
    local len, auth, call = string.unpack("<I2I2I4", s, at + 8)
    if len < 16 or at + len - 1 > #s then return end
    local e = at + len - 1
    if to_server and (ptype == 11 or ptype == 14) and e >= at + 27 then           -- bind, alter_context
      local conn = h.epm_conn and h.epm_conn[key]
      local n, c = s:byte(at + 24), at + 28
      for _ = 1, math.min(n, 8) do
        if c + 23 > e then break end
        local id, nts = string.unpack("<I2B", s, c)
        if s:sub(c + 4, c + 19) == EPM_UUID and string.unpack("<I2", s, c + 20) == 3 then
          if not conn then
            remember(h, "epm_conn", key, {t = now, ctx = {}, calls = {}, n = 0}, now, epm_expired, EPM_WINDOW, EPM_KEPT,
                     "epm_unfollowed")
            conn = h.epm_conn[key]
            if not conn then break end
          end
          conn.ctx[id], conn.t = true, now
        end
        c = c + 24 + 20 * nts
      end
    elseif to_server and ptype == 0 and e >= at + 23 then                        -- request
      local conn = h.epm_conn and h.epm_conn[key]
      local ctx, opnum = string.unpack("<I2I2", s, at + 20)
      if conn and conn.ctx[ctx] and opnum == 3 and flags & 1 == 1 and conn.n < 16 and not conn.calls[call] then
        conn.calls[call], conn.n, conn.t = true, conn.n + 1, now
      end
    elseif not to_server and ptype == 2 and flags & 3 == 3 and auth == 0 and e >= at + 23 then   -- response
      local conn = h.epm_conn and h.epm_conn[key]
      if conn and conn.calls[call] then
        conn.calls[call], conn.n, conn.t = nil, conn.n - 1, now
        local named = epm_towers(s, at + 24, e, false) or epm_towers(s, at + 24, e, true)
        for _, port in ipairs(named or {}) do
          spans_note(h, "epm", server .. " " .. port .. " " .. client, now, EPM_WINDOW, epm_spans_expired, EPM_KEPT,
                     "epm_unfollowed")
        end
      end
    end
    at = e + 1
  end
end
-- p (TCP, from a port of the table) is a Windows RPC server's endpoint: its connection (f) began at most
-- EPM_WINDOW s after the endpoint mapper named the port to that client.
local function epm_endpoint(h, p, f)
  return spans_cover(h.epm and h.epm[p.src .. " " .. p.sport .. " " .. p.dst], f and f.first_time or p.frame.time_epoch,
                     EPM_WINDOW)
end

-- The conversations a backdoor port's side opened itself: h.opened["PROTO SRC SPORT DST DPORT"] = the
-- time of its latest bare SYN (TCP), or of its latest datagram in a UDP flow it opened or an answer so
-- excused, sent from a port of the table; at most OPENED_KEPT (the expired go first; then no more are
-- remembered: their answers are judged as any).
local OPENED_KEPT, SIMULTANEOUS, UDP_ALIVE = 65536, 5, 300
local function opened_key(p) return (p.tcp and "t " or "u ") .. p.src .. " " .. p.sport .. " " .. p.dst .. " " .. p.dport end
local function opened_expired(v, now, k) return now - v > (k:sub(1, 1) == "t" and SIMULTANEOUS or UDP_ALIVE) end
local function opened(h, p, set)
  local key, now = opened_key(p), p.frame.time_epoch
  if not set then return h.opened and h.opened[key] end
  remember(h, "opened", key, now, now, opened_expired, SIMULTANEOUS, OPENED_KEPT, "opened_unfollowed")
end
-- The port's side answers (p: its SYN-ACK, data or datagram) in a conversation it opened itself: a
-- simultaneous open (its SYN at most SIMULTANEOUS s before this SYN-ACK, and of the connection's first
-- packet), a UDP conversation its own datagrams keep alive (the latest at most UDP_ALIVE s before).
local function own_conversation(h, p, f)
  local t = opened(h, p)
  if not t then return false end
  local now = p.frame.time_epoch
  if p.udp then return now - t <= UDP_ALIVE end
  if p.tcp.syn then return now >= t and now - t <= SIMULTANEOUS end
  return f ~= nil and math.abs(t - f.first_time) <= SIMULTANEOUS
end

-- Products whose default port is one of the table's and that speak HTTP or TLS there (trial fp6 FP-4):
-- Selenium Grid's hub (WebDriver, HTTP) and Sophos UTM's WebAdmin (HTTPS) on 4444, H2O-3's REST API on
-- 54321 (HTTP; HTTPS with -jks).  Neither Blaster's shell, a Metasploit bind shell nor Back Orifice 2000
-- speaks HTTP or TLS; but Metasploit's reverse_http(s) and reverse_tcp_ssl handlers do, on whatever LPORT
-- they are given (4444 is reverse_tcp_ssl's default), so speaking HTTP or TLS alone excuses nothing.
-- What is read, per TCP conversation to such a port (h.web["SERVER PORT CLIENT CPORT"]): the port's
-- SYN-ACKs are held (at most WEB_HELD) until the conversation says what it is -- the client's first
-- payload and the server's first answer -- and then judged with it:
--   * quiet: every request the client sent is the product's API (WebDriver's /session, /status,
--     /wd/hub/..., Grid's /se/..., /graphql; H2O's /3/..., /4/..., /99/...) and the server's first
--     answer is an HTTP response in JSON, as the product answers its API (or 101 to the API's WebSocket
--     upgrade: Selenium's CDP and BiDi); a request outside the API later makes it an HTTP service (below);
--   * medium, as before: the client's first payload is neither a well-formed HTTP/1.x request nor a
--     TLS ClientHello (whole, or its record going on); or the server speaks first, or answers otherwise (no HTTP response, no
--     ServerHello); or the client's later bytes are not the protocol's (a request, the body its
--     Content-Length declares, TLS records, masked WebSocket frames after an upgrade to one): a shell
--     behind a first request; or, over HTTP outside the API, an answer of application/octet-stream or a
--     Windows executable (MZ), as Meterpreter's HTTP handler serves its stage and session (a finding of
--     its own, "a stage?");
--   * low, the protocol named: any other HTTP exchange (a product's web UI, or a handler whose
--     traffic is not told apart), and TLS (a ClientHello answered with a ServerHello): what TLS
--     carries cannot be read, and the certificate, which tells Sophos's from a generated one, is not
--     decoded.
-- A conversation whose client sends nothing within WEB_HOLD s of its first held SYN-ACK, or that
-- closes before the client spoke (or before the server answered), is judged medium, as before; one
-- whose client spoke waits for the server's answer, to the capture's end.  At most WEB_KEPT conversations (the
-- idle for WEB_IDLE s go first, those judged medium are let go at once); past them a SYN-ACK is judged
-- at once, as any, and a note says how many were not followed.
local function selenium_api(uri)
  return uri == "/session" or uri:find("^/session/") ~= nil or uri == "/status" or uri:find("^/wd/hub/") ~= nil or
    uri:find("^/se/") ~= nil or uri == "/graphql"
end
local function h2o_api(uri)
  return uri:find("^/3/%u") ~= nil or uri:find("^/4/%u") ~= nil or uri:find("^/99/%u") ~= nil
end
local products = {
  [4444] = {api = selenium_api, http = "a Selenium Grid hub", api_name = "WebDriver's", tls = "Sophos UTM's WebAdmin",
            neither = "neither Blaster's shell nor a Metasploit bind shell speaks"},
  [54321] = {api = h2o_api, http = "H2O-3's REST API", api_name = "H2O-3's REST", tls = "H2O-3 with TLS (-jks)",
             neither = "Back Orifice 2000 does not speak"},
}
local WEB_IDLE, WEB_KEPT, WEB_HOLD, WEB_HELD, WEB_HEAD = 660, 4096, 30, 8, 16384
local METHODS = {GET = true, POST = true, PUT = true, DELETE = true, HEAD = true, OPTIONS = true, PATCH = true}
-- The URI of a well-formed HTTP/1.x request line at pl[at], or nil.
local function request_at(pl, at)
  local m, uri = pl:match("^(%u+) (%S+) HTTP/1%.[01]\r\n", at)
  return m and METHODS[m] and uri or nil
end
-- The client's bytes pl in an HTTP conversation: requests (conv.api: every one the product's API so far;
-- conv.last_api: the latest one), the bodies their Content-Length declares, headers a segment cut;
-- false when pl holds anything else.  A chunked body is not followed: what follows it is taken until
-- a segment begins with a request, and the conversation is no longer the product's API.
local function http_next(conv, pl, api)
  if conv.head then pl, conv.head = conv.head .. pl, nil end
  local at = 1
  for _ = 1, 64 do
    if conv.rest > 0 then
      local left = #pl - at + 1
      if left <= conv.rest then conv.rest = conv.rest - left return true end
      at, conv.rest = at + conv.rest, 0
    end
    if at > #pl then return true end
    local uri = request_at(pl, at)
    if not uri then return conv.chunked and at == 1 end
    conv.chunked = false
    local e = pl:find("\r\n\r\n", at, true)
    if not e then                                   -- its headers go on in the next segment
      conv.head = pl:sub(at)
      return #conv.head <= WEB_HEAD
    end
    conv.last_api = api(uri)
    conv.api = conv.api ~= false and conv.last_api
    local head = pl:sub(at, e + 1):lower()
    conv.upgrade = head:find("\r\nupgrade:%s*websocket") ~= nil
    if head:find("\r\ntransfer%-encoding:[^\r\n]*chunked") then conv.chunked, conv.api = true, false return true end
    conv.rest = tonumber(head:match("\r\ncontent%-length:%s*(%d+)")) or 0
    at = e + 4
  end
  return true
end
-- A TLS record's length from its header at s[at] (false: the header is cut; nil: no TLS record).
local function tls_record(s, at)
  local ct, major, minor = s:byte(at, at + 2)       -- what a cut header holds must be a record's too
  if ct < 20 or ct > 24 or major and major ~= 3 or minor and minor > 4 then return nil end
  if #s - at + 1 < 5 then return false end
  local len = string.unpack(">I2", s, at + 3)
  if len > 18432 then return nil end
  return 5 + len
end
-- A client's WebSocket frame's length (RFC 6455: masked, a known opcode; control frames of 125 bytes at most).
local function ws_frame(s, at)
  local b1, b2 = s:byte(at, at + 1)
  local op = b1 & 0x0f
  if not (op <= 2 or op >= 8 and op <= 10) then return nil end
  if not b2 then return false end
  local len, hdr = b2 & 0x7f, 2
  if b2 & 0x80 == 0 or op >= 8 and len > 125 then return nil end
  if len == 126 then
    if #s - at + 1 < 4 then return false end
    len, hdr = string.unpack(">I2", s, at + 2), 4
  elseif len == 127 then
    if #s - at + 1 < 10 then return false end
    len, hdr = string.unpack(">I8", s, at + 2), 10
    if len < 0 or len > 1 << 40 then return nil end
  end
  return hdr + 4 + len
end
-- The client's bytes pl continue records (TLS) or frames (WebSocket): frame_len(s, at) gives each one's length.
local function walk(conv, pl, frame_len)
  local s = (conv.carry or "") .. pl
  conv.carry = nil
  local at, n = 1, #s
  if conv.rest > 0 then
    if conv.rest >= n then conv.rest = conv.rest - n return true end
    at, conv.rest = conv.rest + 1, 0
  end
  while at <= n do
    local len = frame_len(s, at)
    if len == nil then return false end
    if len == false then conv.carry = s:sub(at) return true end   -- a header the segment cut
    if at + len - 1 > n then conv.rest = at + len - 1 - n return true end
    at = at + len
  end
  return true
end
-- p's payload begins with a TLS handshake record whose first message is of type typ (1 ClientHello, 2
-- ServerHello): whole and sound (decoded), or its record going on past the segment (a ClientHello with a
-- post-quantum key share is larger than a segment), its header and the message's length agreeing.
local function hello(p, typ)
  local pl = p.payload
  if #pl < 9 or pl:byte(1) ~= 22 or pl:byte(2) ~= 3 or pl:byte(6) ~= typ then return false end
  local rec, msg = string.unpack(">I2", pl, 4), string.unpack(">I3", pl, 7)
  if msg + 4 > rec or rec > 18432 then return false end
  if 5 + rec > #pl then return true end
  local t = p.tls
  return t ~= nil and t.handshake_type == typ and t.handshake_version ~= nil and not t.malformed
end
local function web_expired(v, now) return v.held == nil and now - v.t > WEB_IDLE end
local function web_key(server, sport, client, cport) return server .. " " .. sport .. " " .. client .. " " .. cport end
local function lower(s) return s and s:lower() or "" end

-- The finding about p, from a port of the table: as any (how nil or "medium"), or as what the conversation
-- showed (a conversation on a product's port: "http", "tls" low, "stage").
local function tell(h, p, port, name, how)
  local a, b = p.src, p.dst
  if b < a then a, b = b, a end
  local msg = string.format("port %d (%s) between %s and %s", port, name, p.src, p.dst)
  local prod = products[port]
  if how == "http" then
    h:report{packet = p, key = a .. " " .. b .. " " .. port .. " http", severity = "low", msg = msg .. ": an HTTP service",
      why = string.format("the client spoke HTTP first and was answered in HTTP: a web service, such as %s (%d is its " ..
        "default port), which %s; but not %s API answered in JSON, and Metasploit's reverse_http handler serves HTTP on " ..
        "any port it is given", prod.http, port, prod.neither, prod.api_name),
      check = string.format("which process listens on %d on the answering host (ss -tlnp / netstat -ano) and what it " ..
        "served: %s, or a handler (random URIs, application/octet-stream)", port, prod.http)}
  elseif how == "tls" then
    h:report{packet = p, key = a .. " " .. b .. " " .. port .. " tls", severity = "low", msg = msg .. ": a TLS service",
      why = string.format("the client's ClientHello was answered with a ServerHello: a TLS service, such as %s (%d is its " ..
        "default port), which %s; but what TLS carries is not read, and Metasploit's reverse_https and reverse_tcp_ssl " ..
        "handlers answer TLS too (4444 is reverse_tcp_ssl's default)", prod.tls, port, prod.neither),
      check = string.format("the certificate the answering host sent (%s's, or a generated one) and which process listens " ..
        "on %d (ss -tlnp / netstat -ano)", prod.tls, port)}
  elseif how == "stage" then
    h:report{packet = p, key = a .. " " .. b .. " " .. port .. " stage",
      msg = msg .. ": HTTP serving application/octet-stream or a Windows executable (a stage?)",
      why = string.format("the port's side answers HTTP requests outside %s API with binary data, as Metasploit's " ..
        "reverse_http(s) handler serves Meterpreter's stage and session", prod.api_name),
      check = string.format("which process listens on %d on the answering host (ss -tlnp / netstat -ano), the URIs asked " ..
        "and what was served (a PE: MZ)", port)}
  else
    h:report{packet = p, key = a .. " " .. b .. " " .. port, msg = msg,
      why = impossible(p.src, p.dst) and "a crafted packet from an impossible source uses a port well-known backdoors listen on"
        or "a service answers on a port well-known backdoors and trojans listen on",
      check = string.format("which process listens on %d on the answering host (ss -tlnp / netstat -ano), and the " ..
        "data it exchanged", port)}
  end
end
-- p, the port's side's SYN-ACK or data in conversation conv, judged as conv.verdict says.
local function web_tell(h, p, conv)
  local v = conv.verdict
  if v ~= "quiet" then tell(h, p, conv.port, ports[conv.port], v ~= "medium" and v or nil) end
end
-- conv judged: its held SYN-ACKs are reported as the verdict says; one judged medium is let go (its later
-- answers are judged as any: medium).
local function web_decide(h, conv, verdict)
  conv.verdict = verdict
  local held = conv.held
  conv.held = nil
  if h.web_held then h.web_held[conv.key] = nil end
  for _, q in ipairs(held or {}) do web_tell(h, q, conv) end
  if verdict == "medium" and h.web[conv.key] == conv then h.web[conv.key] = nil h.web_n = h.web_n - 1 end
end
-- The conversations whose client has not spoken WEB_HOLD s after their first SYN-ACK (at the end, all
-- still held: their server had not answered), judged medium, in the order they began.  One whose client
-- spoke waits for its server's answer (a Selenium hub queues a new session's request up to 300 s).
local function web_settle(h, now)
  local due = {}
  for _, conv in pairs(h.web_held or {}) do
    if not now or not conv.proto and now - conv.since > WEB_HOLD then due[#due + 1] = conv end
  end
  table.sort(due, function(x, y) return x.seq < y.seq end)
  for _, conv in ipairs(due) do web_decide(h, conv, "medium") end
end
-- A TCP packet of a conversation to a product's port (either side): the client's bytes read, a close noted.
local function web_event(h, p)
  local now = p.frame.time_epoch
  if h.web_held and now >= (h.web_due or 0) then web_settle(h, now) h.web_due = now + 1 end
  local to_server = products[p.dport] ~= nil and not products[p.sport]
  local key = to_server and web_key(p.dst, p.dport, p.src, p.sport) or web_key(p.src, p.sport, p.dst, p.dport)
  local conv = h.web and h.web[key]
  if not conv then return end
  conv.t = now
  local pl = p.payload or ""
  if (p.tcp.fin or p.tcp.rst) and #pl == 0 and not conv.verdict and not (to_server and conv.proto) then
    web_decide(h, conv, "medium")   -- closed before the client spoke, or the server closes without an answer
    return
  end
  if not to_server or #pl == 0 or conv.verdict == "medium" or conv.verdict == "stage" then return end
  local ok, api = false, products[conv.port].api
  if not conv.proto then
    if request_at(pl, 1) then conv.proto, conv.rest = "http", 0 ok = http_next(conv, pl, api)
    elseif hello(p, 1) then conv.proto, conv.rest = "tls", 0 ok = walk(conv, pl, tls_record)
    end
  elseif conv.proto == "http" then ok = http_next(conv, pl, api)
  elseif conv.proto == "tls" then ok = walk(conv, pl, tls_record)
  elseif conv.proto == "ws" then ok = walk(conv, pl, ws_frame)
  end
  if not ok then
    conv.proto = "other"
    if conv.verdict then conv.verdict = "medium" else web_decide(h, conv, "medium") end
  elseif conv.verdict == "quiet" and not conv.api then conv.verdict = "http"
  end
end
-- p (TCP, from a product's port: a SYN-ACK, or data in a connection its peer opened): held, judged or told;
-- false when its conversation is not followed (judged as any).
local function web_server(h, p)
  local key, now = web_key(p.src, p.sport, p.dst, p.dport), p.frame.time_epoch
  local conv = h.web and h.web[key]
  if not conv then
    if not p.tcp.syn then return false end
    local t, n = room(h, "web", key, now, web_expired, WEB_IDLE, WEB_KEPT, "web_unfollowed")
    if not t then return false end
    h.web_seq = (h.web_seq or 0) + 1
    conv = {key = key, port = p.sport, t = now, since = now, seq = h.web_seq, held = {}}
    t[key], h[n] = conv, (h[n] or 0) + 1
    h.web_held = h.web_held or {}
    h.web_held[key] = conv
  end
  conv.t = now
  if not conv.verdict then
    if p.tcp.syn and #conv.held < WEB_HELD then conv.held[#conv.held + 1] = p return true end
    local verdict = "medium"                        -- the server speaks first, or not as the client's protocol
    local r = p.http
    if p.tcp.syn then                                -- SYN-ACKs past WEB_HELD: no client that speaks first
    elseif conv.proto == "http" and r and r.response and r.response_version then
      local ct = lower(r.content_type)
      local e = p.payload:find("\r\n\r\n", 1, true)
      if conv.api and (ct:find("^application/[%w.+-]*json") or r.response_code == 101 and conv.upgrade) then
        verdict = "quiet"                           -- the product's API, answered as the product does
      elseif not conv.last_api and (ct:find("^application/octet%-stream") or e and p.payload:sub(e + 4, e + 5) == "MZ") then
        verdict = "stage"
      else verdict = "http" end
      if r.response_code == 101 and conv.upgrade then conv.proto, conv.rest, conv.carry = "ws", 0, nil end
    elseif conv.proto == "tls" and hello(p, 2) then verdict = "tls"
    end
    local keep = verdict ~= "medium"
    web_decide(h, conv, verdict)
    if not keep then return false end               -- let go: this answer and the later ones as any
  elseif conv.verdict == "medium" then return false
  elseif conv.proto ~= "tls" and p.http and p.http.response then   -- a later response of an HTTP conversation
    local ct, e = lower(p.http.content_type), p.payload:find("\r\n\r\n", 1, true)
    if conv.verdict ~= "stage" and not conv.last_api and
        (ct:find("^application/octet%-stream") or e and p.payload:sub(e + 4, e + 5) == "MZ") then conv.verdict = "stage" end
    if p.http.response_code == 101 and conv.upgrade then conv.proto, conv.rest, conv.carry = "ws", 0, nil end
  end
  web_tell(h, p, conv)
  return true
end

hunt{
  name = "backdoor-ports",
  description = "a service answering on a well-known backdoor/trojan port (31337 Back Orifice, 12345 NetBus …)",
  severity = "medium",
  priority = 30,
  want = {{port = list}, {port = 21, payload = true}, {port = SIP_PORTS, payload = true},   -- and FTP's, SIP's signalling,
    {proto = "udp", port = 1434, payload = true}, {proto = "tcp", port = 135, payload = true}},   -- SQL Browser's, EPM's
  ports = ports,
  packet = function(p, h)
    if not p.src then return end
    if (p.sport == 21 or p.dport == 21) and p.tcp and p.payload and #p.payload > 0 then ftp_control(p, h) end
    if (sip_port[p.sport] or sip_port[p.dport]) and p.payload and #p.payload > 0 then sip_sdp(p, h) end
    if (p.sport == 1434 or p.dport == 1434) and p.udp and p.payload then ssrp_packet(p, h) end
    if (p.sport == 135) ~= (p.dport == 135) and p.tcp and p.payload and #p.payload > 0 then epm_packet(p, h) end
    if not (ports[p.sport] or ports[p.dport]) then return end
    if p.udp and ports[p.dport] and p.payload and not impossible(p.src, p.dst) then ice_check(h, p) end
    local served = registered[p.dport]
    if served and p.payload and #p.payload > 0 then
      local key = p.src .. " " .. p.sport .. " > " .. p.dst .. " " .. p.dport
      h.served = h.served or {}
      if served(p.payload) then   -- a request to the registered service
        h.served[key] = true
        return
      end
      -- anything else the client sends there is no request of that service (a krb524 client sends
      -- tickets): a ticket first does not excuse the answers to what follows it
      h.served[key] = nil
    end
    if p.tcp and (products[p.sport] or products[p.dport]) and not impossible(p.src, p.dst) then web_event(h, p) end
    local port, name
    if impossible(p.src, p.dst) then                -- crafted: either port counts
      port = ports[p.sport] and p.sport or p.dport
    elseif ports[p.sport] and p.tcp then            -- the sender's own port: is it the responder's?
      local t, f = p.tcp, h:flow(p)
      if t.syn and not t.ack_flag then opened(h, p, true)                -- it opens a connection from the port
      elseif t.syn and t.ack_flag then port = p.sport                    -- answers a SYN
      elseif p.payload and #p.payload > 0 and f and f.syn_seen and not f.initiator then port = p.sport end
    elseif ports[p.sport] and p.udp then            -- UDP: answers a datagram sent to the port
      local f = h:flow(p)
      if not f or f.initiator then opened(h, p, true)   -- a datagram of a flow it opened, from the port
      elseif not f.initiator and p.payload and #p.payload > 0 and
          not (dns_ports[p.dport] and p.dns and not p.dns.malformed and not p.dns.flags_response) then   -- a DNS query: a client
        port = p.sport
      end
    end
    name = port and ports[port]
    if not name then return end
    if port == p.sport and h.served and h.served[p.dst .. " " .. p.dport .. " > " .. p.src .. " " .. p.sport] and
        not impossible(p.src, p.dst) then return end   -- it answers the registered service's request
    if port == p.sport and not impossible(p.src, p.dst) and own_conversation(h, p, h:flow(p)) then
      if p.udp then opened(h, p, true) end   -- the conversation goes on
      return   -- answers in a conversation it opened itself from the port (a simultaneous open, a UDP peer)
    end
    if port == p.sport and p.udp and not impossible(p.src, p.dst) and (negotiated_media(h, p) or ice_agent(h, p)) then
      return   -- RTP/RTCP on a port its SIP call's SDP named; an ICE agent answering its peer's checks
    end
    if port == p.sport and p.tcp and not impossible(p.src, p.dst) and ssrp_instance(h, p, h:flow(p)) then
      return   -- a SQL Server instance on the port its SQL Browser named
    end
    if port == p.sport and p.tcp and not impossible(p.src, p.dst) and epm_endpoint(h, p, h:flow(p)) then
      return   -- a Windows RPC server on the port the endpoint mapper named to this client
    end
    local negotiated = port == p.sport and h.ftp and h.ftp[p.src .. " " .. port .. " " .. p.dst]
    if negotiated and p.frame.time_epoch - negotiated <= FTP_WINDOW and not impossible(p.src, p.dst) then
      return   -- an FTP data connection its control connection negotiated
    end
    if port == p.sport and p.tcp and products[port] and not impossible(p.src, p.dst) and web_server(h, p) then
      return   -- held until its conversation shows what it is, or judged by it (a product's port)
    end
    tell(h, p, port, name)
  end,
  finish = function(h)
    web_settle(h)   -- the SYN-ACKs still held: their clients never spoke
    local notes = {}   -- one note for all (h:note says the latest text): each bounded table's, in this order
    for _, t in ipairs{
      {"opened_unfollowed", OPENED_KEPT, "conversations opened from a port of the table past the %d followed at once were " ..
        "not followed: %d (a flood from such a port?); answers in them are judged as any"},
      {"ftp_unfollowed", FTP_KEPT, "FTP data ports past the %d followed at once were not followed: %d; connections to " ..
        "them are judged as any"},
      {"ice_unfollowed", ICE_KEPT, "ICE checks or consents past the %d followed at once were not followed: %d; media " ..
        "under them is judged as any"},
      {"sip_unfollowed", SIP_KEPT, "SIP calls or media ports past the %d followed at once were not followed: %d; media " ..
        "on a port their SDP named is judged as any service"},
      {"ssrp_unfollowed", SSRP_KEPT, "SQL Browser (UDP 1434) requests or answers past the %d followed at once were not " ..
        "followed: %d; a SQL Server instance on a port its Browser named in them is judged as any service"},
      {"web_unfollowed", WEB_KEPT, "conversations to a product's port of the table (4444, 54321) past the %d followed " ..
        "at once were not followed: %d; their answers are judged as any"},
      {"epm_unfollowed", EPM_KEPT, "endpoint mapper (TCP 135) connections or answers past the %d followed at once were " ..
        "not followed: %d; a Windows RPC server on a port the endpoint mapper named in them is judged as any service"},
    } do
      if h[t[1]] then notes[#notes + 1] = string.format(t[3], t[2], h[t[1]]) end
    end
    if #notes > 0 then h:note(table.concat(notes, "; ")) end
  end,
}
