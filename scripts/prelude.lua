-- The shared Lua prelude: loaded into every session before user code.
-- Globals for the captures given with -r: `capture` (the first), `captures`
-- (all, in order) and `packets([bpf])`, which walks them all.

captures = captures or {}
capture = captures[1]

--- packets([bpf]) iterates every packet of the -r captures, in order.
function packets(filter)
  local caps, i, it = captures, 0, nil
  if #caps == 0 then
    error("no capture: give one with -r FILE, or use pcaphunt.open(path)", 2)
  end
  return function()
    while true do
      if it then
        local p = it()
        if p then return p end
      end
      i = i + 1
      local c = caps[i]
      if not c then return nil end
      it = c:packets(filter)
    end
  end
end
