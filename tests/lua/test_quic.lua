-- TLS inside QUIC Initial packets (tests/data/quic-initial.pcap, encrypted by tests/gen/gencap.c
-- with keys from known DCIDs): p.tls on client and server Initials of v1, v2 and draft 29, the
-- server's keys from its client's DCID through the conversation index (asked first, asked
-- later through the replay, in a hunt), a Retry's new DCID, and the cases that give no TLS.  The
-- JA3/JA3S values are tshark 4.0's on the same file; JA4 is FoxIO's algorithm with 'q'.
local T = dofile("tests/lua/lib.lua")
local D = "tests/data/"
local JA3 = "ddae641d0371db6db7ded15394e20857"
local JA3_FULL = "771,4865-4866-4867-49195-49199-156,0-23-10-11-16-13-43,29-23,0"
local JA3S = "f4febc55ea12b31ae17cfb7e614afda8"
local JA4 = "q13d0607h2_db2546af4a66_38dbf9c86be1"
local function list(t) return t and table.concat(t, ",") end

-- a packets() loop that asks for nothing else: server Initials find their conversation by replay
pcaphunt.use(assert(pcaphunt.open(D .. "quic-initial.pcap")))
local P = {}
for p in packets() do P[p.frame.number] = p end

local c = P[1].tls
T.ok("v1 client Initial: p.tls", c ~= nil)
T.eq("v1 client: p.quic kept", P[1].quic and P[1].quic.dcid, "c1c2c3c4c5c6c7c8")
T.eq("v1 client: quic.scid", P[1].quic.scid, "a1a2a3a4")
T.eq("v1 client: handshake_type", c.handshake_type, 1)
T.eq("v1 client: handshake_version", c.handshake_version, 0x0303)
T.eq("v1 client: supported_version", c.handshake_extensions_supported_version, 0x0304)
T.eq("v1 client: SNI (from two CRYPTO frames out of order)", c.handshake_extensions_server_name, "quic.example.com")
T.eq("v1 client: ALPN", list(c.handshake_extensions_alpn_str), "h2,http/1.1")
T.eq("v1 client: ciphers", list(c.handshake_ciphersuite), "14906,4865,4866,4867,49195,49199,156")
T.eq("v1 client: extension types", list(c.handshake_extension_type), "2570,0,23,10,11,16,13,43")
T.eq("v1 client: ja3_full", c.handshake_ja3_full, JA3_FULL)
T.eq("v1 client: ja3 (tshark's)", c.handshake_ja3, JA3)
T.eq("v1 client: ja4 with q", c.handshake_ja4, JA4)
T.eq("v1 client: no record layer inside QUIC", c.record_content_type, nil)
T.eq("v1 client: no record version", c.record_version, nil)
T.eq("v1 client: not flagged", c.truncated or c.malformed or P[1].quic.truncated or P[1].quic.malformed, nil)
T.eq('v1 client: p["tls.handshake.ja3"]', P[1]["tls.handshake.ja3"], JA3)
T.ok("v1 client: p.tls cached", P[1].tls == P[1].tls)

local s = P[2].tls
T.ok("v1 server Initial (coalesced with a Handshake packet): p.tls", s ~= nil)
T.eq("v1 server: handshake_type", s and s.handshake_type, 2)
T.eq("v1 server: supported_version", s and s.handshake_extensions_supported_version, 0x0304)
T.eq("v1 server: ja3s_full", s and s.handshake_ja3s_full, "771,4865,43-51")
T.eq("v1 server: ja3s (tshark's)", s and s.handshake_ja3s, JA3S)
T.eq("v1 server: no JA3 or JA4", s and (s.handshake_ja3 or s.handshake_ja4), nil)
T.eq("v1 server: its conversation", P[2].udp.stream, 0)
T.eq("v1 client's second Initial (to the server's DCID, ACK only): no TLS", P[3].tls, nil)
T.ok("... but QUIC", P[3].quic ~= nil and P[3].quic.truncated == nil and P[3].quic.malformed == nil)

T.eq("v2 client: SNI", P[4].tls and P[4].tls.handshake_extensions_server_name, "v2.example.net")
T.eq("v2 client: ja3", P[4].tls and P[4].tls.handshake_ja3, JA3)
T.eq("v2 client: ja4", P[4].tls and P[4].tls.handshake_ja4, JA4)
T.eq("v2 client: quic.version", P[4].quic.version, 0x6b3343cf)
T.eq("v2 server: ja3s", P[5].tls and P[5].tls.handshake_ja3s, JA3S)

T.eq("server Initial without its client's: no TLS", P[6].tls, nil)
T.ok("... still QUIC, not flagged", P[6].quic and P[6].quic.version == 1 and not P[6].quic.truncated and not P[6].quic.malformed)
T.eq("client Initial protected with another DCID's keys: no TLS", P[7].tls, nil)
T.eq("... not flagged", P[7].quic.truncated or P[7].quic.malformed, nil)
T.eq("hello continuing in the next Initial: no TLS", P[8].tls, nil)
T.eq("... flagged truncated", P[8].quic.truncated, "tls handshake continues in a later quic packet")
T.eq("its continuation (CRYPTO at offset 600): no TLS (no reassembly)", P[9].tls, nil)
T.eq("... not flagged", P[9].quic.truncated or P[9].quic.malformed, nil)
T.eq("Initial cut by the capture: no TLS", P[10].tls, nil)
T.eq("... flagged truncated", P[10].quic.truncated, "quic initial cut short by the capture: not decrypted")
T.eq("Length past the datagram: malformed", P[11].quic.malformed, "quic initial Length past the datagram")
T.eq("... no TLS", P[11].tls, nil)
T.eq("token length past the datagram: malformed", P[12].quic.malformed, "quic initial token length past the datagram")
T.eq("CRYPTO length past the decrypted payload: malformed", P[13].quic.malformed, "quic CRYPTO frame length past the payload")
T.eq("... no TLS", P[13].tls, nil)
T.eq("draft 29: SNI", P[14].tls and P[14].tls.handshake_extensions_server_name, "draft29.example.com")
T.eq("draft 29: version", P[14].quic.version, 0xff00001d)
T.eq("Retry: the client's first Initial", P[15].tls and P[15].tls.handshake_extensions_server_name, "retry.example.com")
T.eq("Retry: the Retry has no TLS", P[16].tls, nil)
T.eq("Retry: the client's Initial to the new DCID", P[17].tls and P[17].tls.handshake_ja3, JA3)
T.eq("Retry: the server's Initial with keys from the new DCID", P[18].tls and P[18].tls.handshake_ja3s, JA3S)

-- p:show() lists both layers
local shown = T.run("./pcaphunt -r " .. D .. "quic-initial.pcap -e 'for p in packets() do if p.frame.number == 2 then p:show() end end'")
T.ok("p:show() of a server Initial: quic", shown:find("quic\n", 1, true) ~= nil)
T.ok("p:show() of a server Initial: tls.handshake_ja3s", shown:find("tls.handshake_ja3s = " .. JA3S, 1, true) ~= nil)

-- the conversation asked before the app fields: the cursor keeps the index, packets carry the DCID
local got = {}
for p in packets() do
  local _ = p.udp and p.udp.stream
  if p.tls then got[#got + 1] = p.frame.number .. ":" .. p.tls.handshake_type end
end
T.eq("index kept from the first packet: TLS on", table.concat(got, ","), "1:1,2:2,4:1,5:2,14:1,15:1,17:1,18:2")
-- a server packet asked after the loop, the others never: the replay reads up to it
local late
for p in packets() do if p.frame.number == 18 then late = p end end
T.eq("replay after the loop: the Retry's server Initial", late.tls and late.tls.handshake_ja3s, JA3S)
-- a packet from before the replay's position, asked after it: the replay starts again and logs
local first, fifth
for p in packets() do if p.frame.number == 2 then first = p elseif p.frame.number == 5 then fifth = p end end
T.eq("replay: frame 5 first", fifth.tls and fifth.tls.handshake_ja3s, JA3S)
T.eq("replay again from the start: frame 2", first.tls and first.tls.handshake_ja3s, JA3S)

-- hunts: the server's keys need the conversation index (conversations = true)
hunt{name = "quic-tls-conv", conversations = true, packet = function(p, h)
  if p.tls then local k = p.frame.number .. ":" .. (p.tls.handshake_ja3 or p.tls.handshake_ja3s); h:report{key = k, msg = k} end end}
hunt{name = "quic-tls-noconv", packet = function(p, h)
  if p.tls then local k = p.frame.number .. ":" .. (p.tls.handshake_ja3 or p.tls.handshake_ja3s); h:report{key = k, msg = k} end end}
local function keys(name)
  local out = {}
  for _, g in ipairs(hunt(name)) do out[#out + 1] = g.key end
  table.sort(out)
  return table.concat(out, ";")
end
T.eq("hunt with conversations: client and server hellos",
     keys("quic-tls-conv"), "14:" .. JA3 .. ";15:" .. JA3 .. ";17:" .. JA3 .. ";18:" .. JA3S .. ";1:" .. JA3 .. ";2:" .. JA3S .. ";4:" .. JA3 .. ";5:" .. JA3S)
T.eq("hunt without conversations: client hellos only",
     keys("quic-tls-noconv"), "14:" .. JA3 .. ";15:" .. JA3 .. ";17:" .. JA3 .. ";1:" .. JA3 .. ";4:" .. JA3)
print("done")
