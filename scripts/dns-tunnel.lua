-- dns-tunnel: DNS used as a carrier (iodine, dnscat2, dns2tcp, DNSExfiltrator …).  Per source host
-- and registered domain (the last two labels, three under a two-letter country code's short second
-- level such as co.uk), over the distinct names it asks: data rides in the part of a name that
-- varies between queries -- a label the host already asked under the domain (in any earlier name)
-- carries nothing new, so only the labels new to it count.  Those are cut into runs at '.', '-' and
-- '_' (host names join words and numbers with hyphens; encoders fill labels with one run), and a
-- run is data when it carries more than `id_bits` bits: its length times the bits a character of
-- its alphabet carries (hex 4, base32 5, letters and digits 5.17, anything else 6).  Random
-- identifiers in host names (UUIDs, MD5 hashes, Kubernetes' 32-hex-digit ELB names) carry 128 bits;
-- tunnel tools fill labels of 50 to 63 characters, 200 bits and more.  `min_names` distinct names
-- with a data run make a tunnel.  TXT queries carry data downstream whatever their
-- names; `min_names` distinct TXT names whose new part comes in as many distinct shapes
-- (letters as a, digits as 9: `a12-34` and `a99-99` are one shape) make one too: encoded nonces and
-- data change shape from query to query, host names checked for SPF (a48-108.smtp-out...) keep a
-- few; below `_report._dmarc` (a DMARC report destination check, RFC 7489 7.1: ordinary domain names),
-- in a DKIM key's name (`<selector>._domainkey.<domain>`, RFC 6376), below `_acme-challenge` (RFC 8555
-- 8.4) and in a name holding an IPv4 address (a blocklist's or SPF
-- macro's lookup about it: the address's four labels carry nothing new) a run of letters is one `a`.  Under the domains of hash-lookup reputation services (Spamhaus,
-- SURBL, URIBL, Team Cymru, CIRCL, abuse.ch) a run of exactly a digest's length (MD5, SHA-1, SHA-256
-- in hex, base32 or z-base-32) is not data, nor under Sophos' sophosxl.net a run of its shifted hex
-- (digits and n-s): only the services' own name servers get those names; nor
-- is, under amazonses.com, an Amazon SES DKIM key name `<32-character token>.dkim[.<region>]` (the
-- target of a signer's `<token>._domainkey` CNAME, which a mail server's resolver follows).
-- The counts have no time window: they cover the whole run (every capture read), since a tunnel that
-- sends a query a minute still carries data; MAX_NAMES bounds what is kept.
-- In C (want.dns_odd), only queries that could count reach Lua: TXT, or a label or a name
-- part below the last two labels of 24 characters or more; so a run counts from 24 characters.  Of the
-- responses, only those to `_acme-challenge` TXT questions (want.dns_txt_reply: ACME checks, below).
local MAX_NAMES = 10000   -- distinct names kept per (host, domain); beyond, counted only
local MAX_LABELS = 40000  -- labels remembered per (host, domain); beyond, new ones count as new
-- (host, domain) pairs followed at once.  A resolver's capture, or a flood of random names, asks under
-- more domains than memory holds: at the bound, the pairs that asked one name alone (a one-off
-- lookup, most of them) are let go, and while that frees too little, new pairs are not followed; both
-- are said in a note (a tunnel among them may be missed).  A sweep runs at most once a tenth of the
-- bound's new pairs.
local MAX_PAIRS = 50000
local MIN_RUN = 24        -- the C condition's floor
-- ACME DNS-01 checks (RFC 8555 8.4): an ACME client checks its `_acme-challenge.<host>` TXT record until it
-- is there, again and again (cert-manager every 10 s, lego every 2 s) and of every authoritative name
-- server of the zone (lego and cert-manager after a recursive check): each name is asked several times
-- within seconds.  A TXT name below `_acme-challenge` waits RECHECK seconds before it is judged (its
-- shape counted, the query cited): asked again by the host in that time, in a query with another ID
-- (not the same datagram seen twice, as on a trunk, or sent again with its ID), it is a check of a
-- record and never counts.  A poller's names are new each time: each counts RECHECK s late (at the
-- pair's next query after that, or at the end).  At most MAX_PENDING names wait at once (each keeps
-- its packet, to be cited); past that, they are judged at once.  The data-run count is not delayed.
local RECHECK = 60
local MAX_PENDING = 10000
-- A check whose record is there at once is asked once (cert-manager through one resolver renewing a
-- SaaS's tenants one after another).  Its answer tells it apart: the record ACME puts there is one TXT
-- string of 43 base64url characters (RFC 8555 8.4: base64url of a SHA-256 digest, no padding), and so a
-- name asked once is a check when the answer to that query (same ID, from the server asked, to the port
-- asked from) is that and nothing else: no error, whole, CNAMEs (a delegated challenge) and at most
-- DIGESTS such TXT records (a name and its wildcard in one order hold two), no other TXT anywhere.  Only
-- at an ACME client's pace and size: the name is at most the ONCE_RATE-th new `_acme-challenge` name the
-- host asked under the domain in RECHECK s, class IN, the labels it adds (`_acme-challenge` aside) carry
-- at most id_bits, and at most ONCE_MAX names of a pair are excused so in the run.  A channel that looks
-- like that carries at most 256 bits down and id_bits up per name, ONCE_RATE names a minute, ONCE_MAX names.
-- The answers reach Lua only for `_acme-challenge` TXT questions (want.dns_txt_reply, in C).
local ONCE_RATE = 6
local ONCE_MAX = 100
local DIGESTS = 2

-- The bits a run carries: its length times its alphabet's bits per character.
local function run_bits(r)
  local per
  if not r:find("[^0-9a-f]") then per = 4
  elseif not r:find("[^a-z2-7]") then per = 5
  elseif not r:find("[^a-z0-9]") then per = 5.17
  else per = 6 end
  return #r * per
end

-- The labels of sub this (host, domain) had not asked before, remembered from now on.
local function new_part(s, sub)
  local parts = {}
  for l in sub:gmatch("[^.]+") do
    if not s.labels[l] then
      parts[#parts + 1] = l
      if s.nlabels < MAX_LABELS then s.labels[l] = true s.nlabels = s.nlabels + 1 end
    end
  end
  return table.concat(parts, ".")
end

-- Reputation services that look up hash digests by name (Spamhaus' HBL: `<SHA-1 base32>._email.<key>.hbl.dq.
-- spamhaus.net`, `<SHA-256 hex>._file...`; Team Cymru's hash.cymru.com, CIRCL's hashlookup, abuse.ch,
-- SURBL, URIBL; rspamd's default RBLs: `<blake2 digest, z-base-32, 32 characters>.email.rspamd.com` and
-- `.uribl.rspamd.com`, `<SHA-1 hex>.ebl.msbl.org`): a mail filter or antivirus asks one name per message,
-- address or file.  Only the services' own name servers get those queries, so a tunnel cannot use these
-- domains; and under them only a run of exactly a digest's length is let go: MD5, SHA-1 or SHA-256 in
-- hex (32, 40, 64), or in base32 or z-base-32 (26, 32, 52: rspamd cuts its digests to 32 characters).
-- Sophos' SXL (Sophos eXtensible Lists, sophosxl.net): its endpoints' Live Protection and its anti-spam
-- engines ask about files, messages and addresses by DNS, the file's hash and attributes written in hex
-- whose a-f are shifted to n-s (SANS ISC diary 24844: `3.<63>.<63>.<18>.<40>.i.01.mac.sophosxl.net`, 184
-- such characters a name, beside `0.0.0.2.0.0…sfi_unknown.b.f.01.mac.sophosxl.net`), one name per file
-- looked up, to Sophos' own name servers (Sophos KB 111334).  Under sophosxl.net a run written only in
-- that alphabet, digits and n-s, is not data; any other run there (base32, hex with a-f, other letters)
-- is judged as anywhere.
local HASH_ZONES = {["spamhaus.org"] = true, ["spamhaus.net"] = true, ["surbl.org"] = true, ["uribl.com"] = true,
  ["cymru.com"] = true, ["circl.lu"] = true, ["abuse.ch"] = true, ["rspamd.com"] = true, ["msbl.org"] = true,
  ["sophosxl.net"] = "sxl"}
local HEX_DIGEST = {[32] = true, [40] = true, [64] = true}
local B32_DIGEST = {[26] = true, [32] = true, [52] = true}
local function digest(r, zone)
  if zone == "sxl" then return not r:find("[^0-9n-s]") end
  if HEX_DIGEST[#r] and not r:find("[^0-9a-f]") then return true end
  -- base32 (RFC 4648: a-z 2-7) or z-base-32 (ybndrfg8ejkmcpqxot1uwisza345h769: no 0, 2, l, v)
  return B32_DIGEST[#r] and (not r:find("[^a-z2-7]") or not r:find("[^a-km-uw-z13-9]"))
end

-- Amazon SES signs its customers' mail with Easy DKIM: the customer publishes `<token>._domainkey.<domain>`
-- CNAME `<token>.dkim.amazonses.com` (`.dkim.<region>.amazonses.com` in the newer regions), the token 32
-- base32 characters, so a mail server's resolver asks one such name per signing customer.  Only Amazon's
-- name servers get them.  A name below amazonses.com of exactly that shape is no data; any other name
-- there (a longer token, another alphabet, more labels) is judged as any.
local function ses_dkim(sub)
  local token = sub:match("^([^.]+)%.dkim$") or sub:match("^([^.]+)%.dkim%.%l+%-[%l%-]*%l%-%d$")   -- af-south-1, us-gov-west-1
  return token ~= nil and #token == 32 and not token:find("[^a-z2-7]")
end

-- Data: one run above id_bits, or runs above twice id_bits together (a tool that cuts its data into
-- labels just under id_bits each: 4 x 25 letters, 500 bits; or into shorter labels, as DNSExfiltrator's
-- -b or iodine's -M let it: 5 x 20 base32 characters, 480 bits).  Together count runs of 24 characters
-- or more, and runs of MIN_SPLIT to 23 that mix letters and digits (an encoding's output does; words and
-- the names built of them, `analyticsreporting`, do not).
local MIN_SPLIT = 16
local function data_run(part, o, hashes)
  local sum = 0
  for r in part:gmatch("[^.%-_]+") do
    if #r >= MIN_RUN and not (hashes and digest(r, hashes)) then
      local b = run_bits(r)
      if b > o.id_bits then return true end
      sum = sum + b
    elseif #r >= MIN_SPLIT and r:find("%a") and r:find("%d") and not (hashes and digest(r, hashes)) then
      sum = sum + run_bits(r)
    end
  end
  return sum > 2 * o.id_bits
end

-- An IPv4 address written in a name, four decimal labels 0-255 in a row (reversed for a DNS blocklist,
-- RFC 5782 2.1, and for an SPF macro's %{ir}; in order for %{i}, RFC 7208 7.3): the name is a lookup
-- about that address, 32 bits of a host's address and no more.  Returns the name without those four
-- labels, or nil when it holds none.
local function without_address(sub)
  local labels = {}
  for l in sub:gmatch("[^.]+") do labels[#labels + 1] = l end
  local function octet(l) return l and l:match("^%d%d?%d?$") and (#l == 1 or l:sub(1, 1) ~= "0") and tonumber(l) <= 255 end
  for i = 1, #labels - 3 do
    if octet(labels[i]) and octet(labels[i + 1]) and octet(labels[i + 2]) and octet(labels[i + 3]) then
      local rest = {}
      for k = 1, #labels do if k < i or k > i + 3 then rest[#rest + 1] = labels[k] end end
      return table.concat(rest, ".")
    end
  end
  return nil
end

-- TXT names whose varying part is an ordinary domain name, the shapes of which differ by length only:
-- a DMARC report destination check, `<domain>._report._dmarc.<rua host>` (RFC 7489 7.1, one per domain
-- the host sends reports for); a DKIM key, `<selector>._domainkey.<domain>` (RFC 6376 3.6.2.1: a mail
-- server's resolver asks one per signer, and follows its CNAME: Microsoft 365's
-- `selector1-<domain with dashes>._domainkey.<tenant>.onmicrosoft.com`, one per tenant whose mail
-- arrives); an ACME DNS-01 challenge, `_acme-challenge.<host name>` (RFC 8555 8.4: an ACME client
-- checking its record for each name it certifies); and a lookup about an address (above: a
-- blocklist's reason text, an SPF macro's `%{ir}.%{v}.%{d}` with the sender's domain as %{d}).
local function names_a_domain(sub, addressed)
  local dotted = "." .. sub .. "."
  return addressed or sub:sub(1, 16) == "_acme-challenge." or dotted:find("._report._dmarc.", 1, true) ~= nil
    or dotted:find("._domainkey.", 1, true) ~= nil
end

-- The bits the labels a name adds below `_acme-challenge` carry: the runs of its new part but that label.
local function host_bits(part)
  local bits = 0
  for r in (part:gsub("^_acme%-challenge%.?", "")):gmatch("[^.%-_]+") do bits = bits + run_bits(r) end
  return bits
end

-- An answer (DNS message d) holding an ACME DNS-01 record and nothing else: no error, not cut, the answer
-- section CNAMEs and 1 to DIGESTS TXT records, each one string of 43 base64url characters, no TXT elsewhere.
local function digest_answer(d)
  if d.truncated or d.malformed or d.flags_rcode ~= 0 or d.flags & 0x0200 ~= 0 then return false end
  local an, n = d.count_answers or 0, 0
  for i, t in ipairs(d.resp_type) do
    if t == 16 then
      if i > an then return false end
      n = n + 1
    elseif i <= an and t ~= 5 then return false end
  end
  local txt = d.txt
  if n < 1 or n > DIGESTS or #txt ~= n then return false end
  for _, v in ipairs(txt) do
    if #v ~= 43 or v:find("[^%w_%-]") then return false end
  end
  return true
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

-- A finding for query packet p of pair s (key "host domain") once a count reached min_names.
local function report(h, p, key, domain, s)
  local o, why = h.options
  if s.odd >= o.min_names then
    why = string.format("%d distinct names carrying encoded data", s.odd)
  elseif s.txt >= o.min_names then
    why = string.format("%d distinct names of distinct shapes asked for TXT", s.txt)
  end
  if not why then return end
  h:report{packet = p, key = key,
    msg = string.format("DNS tunnelling? %s queries under %s: %s", p.src, domain, why),
    why = "a host's own lookups repeat a few names, or vary them by a host number or a word; names whose " ..
      "new part is a long run of encoded characters, or TXT names that change shape each time, carry data " ..
      "to and from that domain's name server",
    check = string.format("who registered %s and runs its name servers, the size of the answers (TXT, NULL, CNAME), " ..
      "the rate of the queries, and the process on %s that makes them", domain, p.src)}
end

-- A response to an `_acme-challenge` TXT question (want.dns_txt_reply): the answer to a waiting name's
-- query, if its ID, server and port are that query's (the first such answer; a client takes no later one).
local function answered(p, h, d)
  local name = h.seen and d.qry_type == 16 and d.qry_name
  if not name then return end
  local sub, domain = split(name:lower())
  local s = sub and h.seen[p.dst .. " " .. domain]
  local e = s and s.names[sub]
  if type(e) == "table" and e.server == p.src and e.port == p.dport and e.id == d.id and e.digest == nil then
    e.digest = digest_answer(d)
  end
end

-- The `_acme-challenge` names of pair s waiting since RECHECK s before now (all of them when now is nil):
-- a name not asked again counts its shape, and is cited once a count reached min_names.
local function mature(h, s, key, domain, now)
  while s.ph <= s.pt do
    local e = s.pend[s.ph]
    if now and now - e.t < RECHECK then return end
    s.pend[s.ph] = nil
    s.ph = s.ph + 1
    h.npend = h.npend - 1
    s.names[e.name] = true
    if e.rechecked then                          -- a check: asked again
    elseif e.digest and s.once < ONCE_MAX then   -- a check: asked once, answered with its record
      s.once = s.once + 1
    else
      if not s.shapes[e.shape] then s.shapes[e.shape] = true s.txt = s.txt + 1 end
      report(h, e.p, key, domain, s)
    end
  end
end

hunt{
  name = "dns-tunnel",
  description = "DNS tunnelling / exfiltration: one host asking many distinct names under one domain whose new parts carry encoded data, or many distinct TXT names of changing shapes",
  severity = "high",
  priority = 40,
  want = {{port = 53, dns_odd = MIN_RUN}, {port = 53, dns_txt_reply = "_acme-challenge"}},
  options = {min_names = 30, id_bits = 128},
  option_help = {
    min_names = "distinct names with a data run (or distinct TXT names of distinct shapes) under one domain from one host before it is called a tunnel",
    id_bits = "a run of characters (24 at least) in the new part of a name carrying more bits than this is data (random identifiers in host names carry 128)",
  },
  packet = function(p, h)
    local d = p.dns
    if not d or d.flags_opcode ~= 0 then return end
    if d.flags_response then answered(p, h, d) return end
    local name = d.qry_name
    if not name then return end
    local sub, domain = split(name:lower())
    if not sub then return end
    local o = h.options
    h.seen = h.seen or {}
    local key = p.src .. " " .. domain
    local s = h.seen[key]
    if not s then
      h.npairs = h.npairs or 0
      h.new_pairs = (h.new_pairs or 0) + 1   -- new pairs met (a sweep at most once a tenth of the bound of them)
      if h.npairs >= MAX_PAIRS and h.new_pairs >= (h.sweep_after or 0) then
        for k, e in pairs(h.seen) do
          if e.distinct <= 1 then
            h.seen[k] = nil h.npairs = h.npairs - 1 h.let_go = (h.let_go or 0) + 1
            h.npend = (h.npend or 0) - (e.pt - e.ph + 1)
          end
        end
        h.sweep_after = h.new_pairs + MAX_PAIRS // 10
      end
      if h.npairs >= MAX_PAIRS then h.unfollowed = (h.unfollowed or 0) + 1 return end
      s = {names = {}, labels = {}, nlabels = 0, shapes = {}, distinct = 0, odd = 0, txt = 0, ph = 1, pt = 0, once = 0}
      h.seen[key] = s
      h.npairs = h.npairs + 1
    end
    local acme = sub:byte(1) == 95 and sub:sub(1, 16) == "_acme-challenge."   -- '_'
    local now = (acme or s.ph <= s.pt) and p.frame.time_epoch   -- only where it serves
    if s.ph <= s.pt then mature(h, s, key, domain, now) end
    local seen, waits = s.names[sub], false
    if seen == nil and s.distinct < MAX_NAMES then
      s.names[sub] = true
      s.distinct = s.distinct + 1
      local rest = without_address(sub)          -- an address's labels carry nothing new
      local part = new_part(s, rest or sub)
      local dkim = domain == "amazonses.com" and ses_dkim(sub)   -- a DKIM key lookup: neither count
      if not dkim and data_run(part, o, HASH_ZONES[domain]) then s.odd = s.odd + 1 end
      if d.qry_type == 16 and not dkim then
        -- a DMARC report destination check, a DKIM key, an ACME challenge, a lookup about an address: ordinary
        -- domain names, whose shapes differ by length only; there a run of letters is one `a` (digits
        -- still one `9` each)
        local shape
        if names_a_domain(sub, rest ~= nil) then
          shape = part:gsub("%a+", "a"):gsub("%d", "9")
        else
          shape = part:gsub("%a", "a"):gsub("%d", "9")
        end
        h.npend = h.npend or 0
        if acme and h.npend < MAX_PENDING then
          -- an ACME check's name is judged only if not asked again within RECHECK s (mature)
          local e = {name = sub, t = now, id = d.id, shape = shape, p = p}
          if s.pt - s.ph + 1 < ONCE_RATE and d.qry_class == 1 and host_bits(part) <= o.id_bits then
            e.server, e.port = p.dst, p.sport    -- its answer may show it a check (answered)
          end
          s.pend = s.pend or {}
          s.pt = s.pt + 1
          s.pend[s.pt] = e
          s.names[sub] = e
          h.npend = h.npend + 1
          waits = true
        elseif not s.shapes[shape] then
          s.shapes[shape] = true
          s.txt = s.txt + 1
        end
      end
    elseif type(seen) == "table" and d.qry_type == 16 and d.id ~= seen.id then
      seen.rechecked = true                      -- the same `_acme-challenge` name asked again: a check
    end
    if not waits then report(h, p, key, domain, s) end
  end,
  finish = function(h)
    if h.npend and h.npend > 0 then             -- the names still waiting count now, pair by pair
      local keys = {}
      for k, s in pairs(h.seen) do if s.ph <= s.pt then keys[#keys + 1] = k end end
      table.sort(keys)
      for _, k in ipairs(keys) do mature(h, h.seen[k], k, k:match(" (.*)$"), nil) end
    end
    if not (h.let_go or h.unfollowed) then return end
    h:note(string.format("more than %d (host, domain) pairs asked names with data runs: %d pairs that had asked one " ..
      "such name were let go%s; a tunnel among them may be missed", MAX_PAIRS, h.let_go or 0,
      h.unfollowed and string.format(" and %d queries of new pairs not followed while it was full", h.unfollowed) or ""))
  end,
}
