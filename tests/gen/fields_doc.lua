-- Prints the field reference of docs/lua-api.md from pcaphunt.fields (lua/fields.c), the one table
-- that packet __index, tab completion and help() also read.  `make docs` splices it into the document;
-- `make test` fails when the document is stale.
local order = {"packet", "frame", "eth", "vlan", "sll", "null", "ip", "ipv6", "tcp", "udp", "icmp", "icmpv6",
               "mpls", "pppoes", "ppp", "gre", "erspan", "vxlan", "geneve", "nflog", "ipnet", "gtp"}
local out = {}
for _, layer in ipairs(order) do
  local prefix = layer == "packet" and "p." or ("p." .. layer .. ".")
  out[#out + 1] = string.format("### `%s`", layer)
  out[#out + 1] = ""
  out[#out + 1] = "| field | meaning |"
  out[#out + 1] = "|---|---|"
  for _, f in ipairs(pcaphunt.fields[layer]) do
    out[#out + 1] = string.format("| `%s%s` | %s |", prefix, f.name, (f.help:gsub("|", "\\|")))
  end
  out[#out + 1] = ""
end
io.write(table.concat(out, "\n"))
