-- Test hunt file (tests/cli/cases.sh): clobbers globals everyone uses (print, string, table,
-- pairs); only its own environment loses them: other hunts and the -e chunks keep theirs.
print, string, table, pairs, tostring = nil, nil, nil, nil, nil
hunt{name = "clobber", severity = "info", finish = function(h) end}
