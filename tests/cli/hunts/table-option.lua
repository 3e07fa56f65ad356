-- Test hunt file (tests/cli/cases.sh): a table option, which --list-hunts -v shows as set from Lua
-- (no --set line for it: --set makes numbers, booleans and strings only).
hunt{name = "table-option", severity = "info", options = {ports = {22, 23}, min = 3},
  option_help = {ports = "ports to watch", min = "packets before a finding"},
  packet = function(p, h) end}
