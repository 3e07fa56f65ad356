-- dns-tunnel: DNS used as a carrier (iodine, dnscat2, DNSExfiltrator …).  Per source host and
-- registered domain (the last two labels, three under a two-letter country code's short second
-- level such as co.uk), over the queries it sends: `min_names` distinct odd names -- a label of
-- `long_label` characters or more, or a name part above `min_entropy` bits per character (Shannon,
-- over `entropy_chars` characters or more) -- or `min_names` distinct names asked for TXT.
-- Resolvers' own names are short and repeat; CDN names carry digits but are short.  In C
-- (want.dns_odd), only queries that could count reach Lua: TXT, or a label or a name part below the
-- last two labels of 24 characters or more (so long_label and entropy_chars below 24 act as 24).
local MAX_NAMES = 10000   -- distinct names kept per (host, domain); beyond, counted only

local function entropy(s)
  local n, count, e = #s, {}, 0
  for i = 1, n do local c = s:byte(i) count[c] = (count[c] or 0) + 1 end
  for _, k in pairs(count) do local q = k / n e = e - q * math.log(q, 2) end
  return e
end

-- "a.b.example.co.uk" → "a.b", "example.co.uk"; nil for a name with no part below its domain.
local function split(name)
  local sub, domain = name:match("^(.+)%.([^.]+%.[^.]+)$")
  if not sub then return nil end
  local sld, tld = domain:match("^([^.]+)%.([^.]+)$")
  if #tld == 2 and #sld <= 3 then                  -- a country code's second level: one label more
    local sub2, label = sub:match("^(.+)%.([^.]+)$")
    if not sub2 then return nil end
    return sub2, label .. "." .. domain
  end
  return sub, domain
end

hunt{
  name = "dns-tunnel",
  description = "DNS tunnelling / exfiltration: one host querying many distinct long or high-entropy names under one domain, or mostly TXT",
  severity = "high",
  priority = 40,
  want = {port = 53, dns_odd = 24},
  options = {min_names = 30, long_label = 40, min_entropy = 3.8, entropy_chars = 24},
  option_help = {
    min_names = "distinct odd names (or distinct TXT names) under one domain from one host before it is called a tunnel",
    long_label = "a label this long (characters) is odd (24 at least)",
    min_entropy = "a name part above this many bits per character is odd",
    entropy_chars = "the name part must be this long for its entropy to count (24 at least)",
  },
  packet = function(p, h)
    local d = p.dns
    if not d or d.flags_response or d.flags_opcode ~= 0 then return end
    local name = d.qry_name
    if not name then return end
    local sub, domain = split(name:lower())
    if not sub then return end
    local o = h.options
    h.seen = h.seen or {}
    local key = p.src .. " " .. domain
    local s = h.seen[key]
    if not s then s = {names = {}, txt_names = {}, distinct = 0, odd = 0, txt = 0} h.seen[key] = s end
    if d.qry_type == 16 and not s.txt_names[sub] and s.txt < MAX_NAMES then
      s.txt_names[sub] = true
      s.txt = s.txt + 1
    end
    if not s.names[sub] and s.distinct < MAX_NAMES then
      s.names[sub] = true
      s.distinct = s.distinct + 1
      local long = false
      for l in sub:gmatch("[^.]+") do if #l >= o.long_label then long = true end end
      local flat = sub:gsub("%.", "")
      if long or (#flat >= o.entropy_chars and entropy(flat) >= o.min_entropy) then s.odd = s.odd + 1 end
    end
    local why
    if s.odd >= o.min_names then
      why = string.format("%d distinct long or high-entropy names", s.odd)
    elseif s.txt >= o.min_names then
      why = string.format("%d distinct names asked for TXT", s.txt)
    end
    if not why then return end
    h:report{packet = p, key = key,
      msg = string.format("DNS tunnelling? %s queries under %s: %s", p.src, domain, why),
      why = "a host's own lookups are short names that repeat; many distinct long, random-looking or TXT names under " ..
        "one domain carry data to and from that domain's name server",
      check = string.format("who registered %s and runs its name servers, the size of the answers (TXT, NULL, CNAME), " ..
        "the rate of the queries, and the process on %s that makes them", domain, p.src)}
  end,
}
