-- Prints the field reference of docs/lua-api.md from pcaphunt.fields (lua/fields.c), the one table
-- that packet __index, tab completion and help() also read.  `make docs` splices it into the document;
-- `make test` fails when the document is stale.  Every layer pcaphunt.fields has is printed: "packet",
-- then the layers in the order the packet's fields name them (p.frame, p.eth … p.quic), then any other
-- layer in name order, so a layer added to lua/fields.c is in the reference without a list to update.
local fields = pcaphunt.fields
local order, seen = {"packet"}, {packet = true}
for _, f in ipairs(fields.packet) do
  if fields[f.name] and not seen[f.name] then order[#order + 1] = f.name; seen[f.name] = true end
end
local rest = {}
for layer in pairs(fields) do if not seen[layer] then rest[#rest + 1] = layer end end
table.sort(rest)
for _, layer in ipairs(rest) do order[#order + 1] = layer end
local out = {}
for _, layer in ipairs(order) do
  local prefix = layer == "packet" and "p." or ("p." .. layer .. ".")
  out[#out + 1] = string.format("### `%s`", layer)
  out[#out + 1] = ""
  out[#out + 1] = "| field | meaning |"
  out[#out + 1] = "|---|---|"
  for _, f in ipairs(fields[layer]) do
    local help = f.help
    if f.wireshark then   -- Wireshark's names when they are not the layer and ours with dots for underscores
      help = help .. " (Wireshark: " .. f.wireshark:gsub(" ", ", ") .. ")"
    end
    out[#out + 1] = string.format("| `%s%s` | %s |", prefix, f.name, (help:gsub("|", "\\|")))
  end
  out[#out + 1] = ""
end
io.write(table.concat(out, "\n"))
