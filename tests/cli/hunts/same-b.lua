-- Test hunt file (tests/cli/cases.sh): assigns the globals `seen` and `classify`, as same-a.lua
-- does; each file keeps its own, so both hunts print their own frames.
seen = {}
function classify(p) return "b" .. p.frame.number end
hunt{name = "same-b", severity = "info", want = {proto = "tcp", port = 515},
  packet = function(p, h) seen[#seen + 1] = classify(p) end,
  finish = function(h) print("same-b", table.concat(seen, " "), _G.seen == seen, _G == _ENV) end}
