-- reset-cause: every TCP RST that carries a payload, with its decoded cause.
hunt{
  name = "reset-cause",
  description = "TCP RST segments carrying a payload: firewall/middlebox reset codes decoded",
  severity = "low",
  priority = 20,
  want = {reset_cause = true},
  packet = function(p, h)
    local c = p.reset_cause
    if not c then return end
    if c.known then
      h:report{packet = p, key = (c.vendor or "?") .. " " .. c.code,
        msg = string.format("%s reset cause %s (%s): %s", c.vendor, c.code, c.category, c.meaning)}
    elseif c.code then
      h:report{packet = p, severity = "medium", key = "unknown " .. c.code,
        msg = string.format("unknown reset cause '%s'", c.code)}
    else
      h:report{packet = p, severity = "info", key = "no cause " .. p.src,
        msg = "RST data, no cause: binary bytes on a RST from " .. p.src .. " (stale buffer leak)"}
    end
  end,
}
