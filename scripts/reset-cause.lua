-- reset-cause: every TCP RST that carries a payload, with its decoded cause, one group per cause and
-- host pair.  A cause that explains a reset the way its sender is meant to (an IETF diagnostic
-- payload, its reason in the table or not -- a later registration, or a vendor's own under its PEN --,
-- an F5 BIG-IP's load-balancing, timeout or relayed reset) is info: it says who reset the
-- connection and why, nothing more.  Firewall resets (SonicWALL), policy refusals (F5 "Port denied",
-- "Access Denied") and site rows are low; printable text no row explains is medium; binary bytes on
-- a RST (old stacks leaking a stale buffer), and text in several lines (a stale buffer, or a block
-- page), are info.  A payload the capture's snap length cut before
-- anything could be told (`Reset caus`) is info too, and says so: a cut text is neither a known cause
-- nor evidence of an unknown one.  A cause its captured bytes already name is judged as a whole one,
-- and the message says the payload was cut.

-- A finding, its key folded past pcaphunt.group_key's bounds (a key names a source or a host pair, which a
-- flood of spoofed sources chooses) into one group of its kind, said so; and the note when that happened.
local report, note_folded = pcaphunt.group_report, pcaphunt.group_note

local function pair(p)
  local a, b = p.src, p.dst
  if b < a then a, b = b, a end
  return a .. " " .. b
end

local function severity_of(c)
  if c.vendor == "IETF" then return "info" end
  if c.vendor == "F5" and c.category ~= "policy" then return "info" end
  return "low"
end

hunt{
  name = "reset-cause",
  description = "TCP RST segments carrying a payload: firewall/middlebox reset codes decoded",
  severity = "low",
  priority = 20,
  want = {reset_cause = true},
  packet = function(p, h)
    local c = p.reset_cause
    if not c then return end
    local kept = c.cut and string.format("the capture kept %d of its %d bytes", #p.payload, p.tcp.len)
    if c.known then
      report(h, (c.vendor or "?") .. " " .. c.code, {packet = p, severity = severity_of(c), key = (c.vendor or "?") .. " " .. c.code .. " " .. pair(p),
        msg = string.format("%s reset cause %s (%s)%s: %s%s", c.vendor, c.code, c.category,
          c.peer and " {peer}" or "", c.meaning, kept and " (" .. kept .. ")" or ""),
        why = "a RST carries no data from an ordinary stack; this text is a middlebox or stack saying why it reset the connection" ..
          (c.peer and " (the cause was on the proxy's connection to the other side)" or ""),
        check = string.format("the %s device's logs for %s > %s at this time; whether the reset was wanted",
          c.vendor, p.src, pcaphunt.endpoint(p.dst, p.dport))})
    elseif c.cut then
      report(h, "cut", {packet = p, severity = "info", key = "cut " .. pair(p),
        msg = string.format("%s cut by the capture before a cause could be read (%s)",
          c.form == "reset-cause" and "a 'Reset cause:' payload" or c.form == "ietf" and "an IETF RST diagnostic payload" or
          "a RST payload", kept),
        why = "the capture's snap length kept only the start of the payload: too little to name a device, " ..
          "and a text cut short is no evidence of anything",
        check = "a capture of this link with a larger snap length (tcpdump -s 0) if the cause matters"})
    elseif c.form == "ietf" then
      report(h, "IETF", {packet = p, severity = "info", key = "IETF " .. c.code .. " " .. (c.pen or 0) .. " " .. pair(p),
        msg = string.format("IETF RST diagnostic payload, reason %d%s: not in the table", c.reason,
          (c.pen or 0) ~= 0 and string.format(" of enterprise %d's own registry", c.pen) or ""),
        why = "a stack or device explaining its reset in the draft's format; the IANA registry grows, and with a PEN " ..
          "(Private Enterprise Number) set the reason is that vendor's own code",
        check = (c.pen or 0) ~= 0 and string.format("which vendor holds enterprise number %d (IANA's list) and what its " ..
          "reason %d means", c.pen, c.reason) or "IANA's TCP Failure Causes registry for this reason"})
    elseif c.code then
      report(h, "unknown", {packet = p, severity = "medium", key = "unknown " .. c.code .. " " .. pair(p),
        msg = string.format("unknown reset cause '%s'", c.code),
        why = "printable text on a RST that no known device sends: an unlisted middlebox, or data smuggled in resets",
        check = "which device sits between the hosts (its TTL and MAC), and whether the text repeats; " ..
          "pcaphunt.add_reset_code names a site's own device"})
    elseif c.text:find("[^\t\r\n\32-\126]") or not c.text:find("[\33-\126]") then
      report(h, "no cause", {packet = p, severity = "info", key = "no cause " .. p.src,
        msg = "RST data, no cause: binary bytes on a RST from " .. p.src .. " (stale buffer leak)",
        why = "old stacks send bytes of a stale buffer on their RSTs; nothing tells a reason",
        check = "whether the bytes hold anything sensitive (memory disclosure)"})
    else   -- printable lines (a reset cause is one short line): data, not a cause
      report(h, "no cause, text", {packet = p, severity = "info", key = "no cause, text " .. p.src,
        msg = string.format("RST data, no cause: %d bytes of text in several lines on a RST from %s " ..
          "(an earlier segment's data, or a page sent with the reset)", #c.text, p.src),
        why = "a reset cause is one short line; lines of text on a RST are data: old stacks send a stale " ..
          "buffer (an earlier segment's bytes) on their RSTs, and some filters send a block page with theirs",
        check = "what the text is (p.payload): a copy of an earlier segment of the connection, or a page the sender wrote"})
    end
  end,
  finish = note_folded,
}
