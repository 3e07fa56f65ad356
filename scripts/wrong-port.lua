-- wrong-port: a protocol on a port that is not its own -- DNS, HTTP, TLS or SSH spoken where
-- another service lives (C2 and tunnels hide on ports firewalls let through, or move off their
-- own) -- and bytes that are not DNS on port 53 (a VPN or covert channel through the DNS hole): a payload
-- of a DNS header's 12 bytes or more that does not parse as DNS, or parses as one of the others
-- (a shorter one carries nothing worth a channel, and test probes send such).
-- Judged on the first payload of each flow (want.first_data), in C: only those packets enter Lua,
-- and only when the payload parses as one of the four off its ports, or is on port 53 and not
-- sound DNS (want.app_not); on UDP port 53 every datagram is judged so (each is a whole message: iodine's
-- raw mode sends its frames on the socket its sound DNS handshake used; trial atk19 M2), over TCP only the
-- flow's first payload (a long answer's later segments begin inside its message).  (NetBIOS name service on UDP 137 is in DNS's format but is not DNS: the
-- decoder leaves it: a message whose first name is a 32-letter encoded NetBIOS name.)  Each finding is
-- reported when its packet is seen, keyed per client, protocol and port (one group however many
-- servers: a Prometheus server scraping node exporters), its message naming its own server; nothing
-- is kept across the run.
-- A protocol's own ports: those IANA registered for it, and the alternates its own software uses by
-- default (8080 and kin for HTTP, 2222 for SSH: Vagrant's forwarded port, the SSH servers of the
-- common container images).  Registered to HTTP: ipp 631 (IPP is HTTP, RFC 8010), docker 2375,
-- wsdapi 5357 (Windows' Web Services on Devices), wsman 5985; to TLS: ipps 631 (RFC 7472),
-- docker-s 2376, wsdapi-s 5358, wsmans 5986 (WinRM over HTTPS), sun-sr-https 6443 (Kubernetes'
-- API server), tungsten-https 9443, radsec 2083 (RFC 6614), ntske 4460 (RFC 8915), opcua-tls 4843,
-- stuns 5349 (TURN over TLS, RFC 7350), amqps 5671, syslog-tls 6514 (RFC 5425); and, as Apple's push
-- service's 5223, Google's push service's 5228-5230 (Firebase Cloud Messaging: every Android phone
-- and Chrome holds one open); to SSH: netconf-ssh 830 (RFC 6242), and the default ports of widely
-- deployed SSH servers: the git hosts Bitbucket Server/Data Center (7999) and Gerrit (29418), SFTPGo's
-- SFTP service (2022), Termux's sshd on Android (8022), Teleport's node SSH service, proxy SSH listener and
-- reverse tunnels (3022, 3023, 3024: a bastion whose every session lands there).
local usual = {
  dns = {53, 5353, 5355},
  http = {80, 8080, 8000, 8008, 8888, 3128, 3132, 5985, 8088, 11371, 1900, 2869, 2710, 631, 2375, 5357},
  tls = {443, 8443, 465, 563, 585, 614, 636, 853, 989, 990, 992, 993, 994, 995, 3269, 4433, 5061, 5223, 6679, 6697, 8883,
    631, 2376, 5358, 5986, 6443, 9443, 2083, 4460, 4843, 5349, 5671, 6514, 5228, 5229, 5230},
  ssh = {22, 2222, 830, 7999, 29418, 2022, 8022, 3022, 3023, 3024},
}
-- Ports of protocols whose connections begin with a TLS handshake (no plaintext before it, or a mode
-- that sends none: PostgreSQL 17's sslnegotiation=direct, SQL Server 2022's TDS 8.0 strict encryption):
-- TLS there is that protocol on its own port, not TLS on the wrong one.  IANA registered to them:
-- ms-sql-s 1433, postgresql 5432, mongodb 27017, zabbix-agent 10050, zabbix-trapper 10051, etcd-client
-- 2379, etcd-server 2380, redis 6379, puppet 8140 (the agents' HTTPS to the Puppet server); and the fixed defaults of their software: NRPE 5666 (check_nrpe
-- speaks TLS from the first byte), the kubelet's API 10250 (HTTPS only, as the API server's 6443),
-- Kafka's SSL listener 9093 (Kafka's documentation), Elasticsearch 9200 and 9300 (TLS on by default
-- since 8.0).  Only TLS is excused there: another protocol on them is judged as before.
local tls_service = {[1433] = true, [5432] = true, [27017] = true, [10050] = true, [10051] = true, [2379] = true,
  [2380] = true, [6379] = true, [8140] = true, [5666] = true, [10250] = true, [9093] = true, [9200] = true, [9300] = true}
-- HTTP's alternates that IANA gives to no HTTP service (8000 irdmi, 8888 ddi-tcp-1; 8088 radan-http, a
-- product's): HTTP's only because HTTP servers default to them (Django and python -m http.server, Splunk
-- Web on 8000, Jupyter on 8888, Hadoop YARN on 8088), and the same servers keep the port when TLS is turned
-- on (Splunk Web with enableSplunkWebSSL, Jupyter with a certfile, Splunk's HTTP Event Collector, HTTPS
-- on 8088 by default).  TLS there is no other protocol's port taken: low, as TLS on an unassigned port.
local http_alternate = {[8000] = true, [8888] = true, [8088] = true}
-- A path probe to port 53: traceroute -U (Debian's traceroute, and its `-U -p PORT`) sends its UDP
-- probes to port 53 by default, where firewalls let DNS through, each payload traceroute's fixed
-- filler (byte i is 0x40 + i mod 64, 32 bytes unless told otherwise): no data rides on it, so no
-- channel can (trial real19 FP-2: 87 probes of `traceroute -U` reported as not DNS).
local function traceroute_filler(pl)
  for i = 1, #pl do
    if pl:byte(i) ~= 0x40 + (i - 1) % 64 then return false end
  end
  return true
end
local ep = pcaphunt.endpoint
local name = {dns = "DNS", http = "HTTP", tls = "TLS", ssh = "SSH"}
local owned = {}   -- port → the protocol it belongs to (631: HTTP's, the first named)
local own = {}     -- proto → set of its ports
-- want.port_not holds at most 32 ports (the C matcher's limit): the first 32 of a list are left out
-- in C, the rest (rarer ports at the end of the list) in Lua, on the first payload of a flow only
local want_not = {}
for _, proto in ipairs({"dns", "http", "tls", "ssh"}) do
  own[proto], want_not[proto] = {}, {}
  for i, port in ipairs(usual[proto]) do
    owned[port] = owned[port] or proto
    own[proto][port] = true
    if i <= 32 then want_not[proto][i] = port end
  end
end
local function loopback(a) return a == "::1" or a:match("^127%.") ~= nil end

-- HTTP APIs that widely run services serve on their own default ports, which IANA gives to no one or
-- to something long gone: a request that speaks the service's API there is that service, the right
-- protocol on its port (trial 18: Elasticsearch's REST API on 9200 was a finding).  Told by the
-- request, not the port alone (a command-and-control server on 5000 answering GET / stays low): the
-- request target's start, as the service's clients send it.  Prometheus and its exporters (9090-9999,
-- the project's default port allocations): a GET of /metrics, or of a blackbox exporter's /probe.
local API = {
  [9200] = {"/_", "^/[^/?]+/_"},                                 -- Elasticsearch, OpenSearch (/_search, /index/_doc)
  [5601] = {"/api/", "/app/", "/internal/", "/bundles/", "/login", "/translations/", "/ui/"},   -- Kibana
  [5000] = {"/v2/", "/webapi/", "/webman/"},                     -- a Docker (OCI) registry; Synology DSM
  [8500] = {"/v1/"},                                             -- Consul
  [8200] = {"/v1/"},                                             -- Vault
  [2379] = {"/v2/", "/v3/", "/health", "/version"},              -- etcd
  [8086] = {"/write", "/query", "/ping", "/api/v2/", "/health"}, -- InfluxDB
  [5984] = {"/_"},                                               -- CouchDB
  [8983] = {"/solr/"},                                           -- Solr
  [3000] = {"/api/", "/public/", "/avatar/"},                    -- Grafana
  [15672] = {"/api/"},                                           -- RabbitMQ's management API
  [9090] = {"/api/v1/", "/-/healthy", "/-/ready", "/federate"},  -- Prometheus' own API
}
local function known_api(port, http)
  local uri = http.request_uri
  if not uri then return false end
  if port >= 9090 and port <= 9999 and http.request_method == "GET" and
     (uri == "/metrics" or uri:match("^/metrics%?") or uri:match("^/probe%?")) then
    return true
  end
  -- Elasticsearch's clients (Beats, Logstash, the language clients) open each connection with GET / (the
  -- product and version check): the root of 9200 is the service's too
  if port == 9200 and (uri == "/" or uri:match("^/%?")) and (http.request_method == "GET" or http.request_method == "HEAD") then
    return true
  end
  for _, pre in ipairs(API[port] or {}) do
    if pre:sub(1, 1) == "^" then if uri:match(pre) then return true end
    elseif uri:sub(1, #pre) == pre then return true end
  end
  return false
end

-- medium: the port belongs to another protocol, is a system port (below 1024), or the protocol is
-- DNS or SSH (rarely moved for a good reason); low: HTTP or TLS on an unassigned high port, or TLS on
-- one of HTTP's alternates that no registry gives HTTP (http_alternate), which
-- development servers, appliances and alternate web ports use every day; info when HTTP, TLS or DNS
-- on such a port is between loopback addresses: a local development server or admin interface, or a
-- local resolver chain (Pi-hole or dnsmasq forwarding to unbound on 5335, dnscrypt-proxy on 5053,
-- a stub to a local cache): nothing on a network path to hide from, and the resolver's own queries
-- leave on port 53, where they are seen
local function severity(proto, port, a, b)
  if (owned[port] and not (proto == "tls" and http_alternate[port])) or port < 1024 then return "medium" end
  if proto ~= "ssh" and loopback(a) and loopback(b) then return "info" end
  if proto == "dns" or proto == "ssh" then return "medium" end
  return "low"
end

local WHY = "%s has ports of its own; spoken on another port it hides from rules and logs that look for it " ..
  "there (command-and-control, tunnels, unsanctioned services)"

hunt{
  name = "wrong-port",
  description = "DNS, HTTP, TLS or SSH on a port that is not theirs, and non-DNS traffic on port 53",
  severity = "medium",
  priority = 45,
  want = {
    {app = "dns", port_not = want_not.dns, first_data = true},
    {app = "http", port_not = want_not.http, first_data = true},
    {app = "tls", port_not = want_not.tls, first_data = true},
    {app = "ssh", port_not = want_not.ssh, first_data = true},
    {proto = "tcp", port = 53, first_data = true, app_not = "dns"},   -- on 53: only what is not sound DNS, over TCP
    {proto = "udp", port = 53, app_not = "dns"},       -- the first payload of a flow; every UDP datagram (a whole message)
  },
  usual = usual,
  packet = function(p, h)
    local proto = (p.dns and "dns") or (p.http and "http") or (p.tls and "tls") or (p.ssh and "ssh")
    if p.sport == 53 or p.dport == 53 then
      if (proto == "dns" and not p.dns.malformed) or #p.payload < 12 then return end
      -- over TCP, a flow whose handshake the capture missed may begin inside a long message (a zone transfer's
      -- later segment): its first payload is not judged (trial fp s05d: a capture that starts mid-stream)
      if p.tcp then
        local f = h:flow(p)
        if not (f and f.syn_seen) then return end
      end
      if p.udp and p.dport == 53 and traceroute_filler(p.payload) then return end
      local what = (p.dns and p.dns.malformed) or (proto and name[proto]) or "neither DNS nor a protocol we know"
      -- one group per client and server whoever spoke first (a flow that idled out and came back
      -- from the server's side is the same channel); 53 to 53 (server to server): the two in one order
      local client, server = p.src, p.dst
      if (p.sport == 53 and p.dport ~= 53) or (p.sport == p.dport and p.src > p.dst) then client, server = p.dst, p.src end
      local check = p.sport == p.dport
        and string.format("what %s and %s run on port 53 (port 53 to port 53: two servers, or a client that sends from 53 " ..
          "to get through), the flow's volume and duration", client, server)
        or string.format("what %s runs on port 53, the flow's volume and duration, and the process on %s that opened it", server, client)
      h:report{packet = p, key = client .. " " .. server .. " not-dns 53",
        msg = string.format("not DNS on port 53: %s > %s (%s)", ep(p.src, p.sport), ep(p.dst, p.dport), what),
        why = "port 53 is let through most firewalls for DNS; other bytes there are a VPN, a tunnel or a covert channel",
        check = check}
      return
    end
    if not proto then return end
    -- who serves: for DNS, the receiver of a query and the sender of a response (the QR bit says,
    -- also on equal ports: 8600 to 8600); else the flow's responder when the flow is known (a capture
    -- may begin with the server's data); else the destination of a client's first words (on equal
    -- ports too: the first packet's sender is the client), or the source of an SSH banner or of data
    -- from a port below 1024 to a higher one
    local f, to_server = h:flow(p), true
    if proto == "dns" then to_server = not p.dns.flags_response
    elseif f then to_server = f.initiator
    elseif (proto == "ssh" or p.sport < 1024) and p.sport < p.dport then to_server = false end
    local port, client, server = p.dport, p.src, p.dst
    if not to_server then port, client, server = p.sport, p.dst, p.src end
    if own[proto][port] or (proto == "tls" and tls_service[port]) then return end
    if proto == "http" and to_server and p.http.request and known_api(port, p.http) then return end
    -- reported now, keyed CLIENT PROTO PORT: a client speaking the protocol to that port on several
    -- servers (a Prometheus server scraping node exporters on 9100, a monitor polling agents, a bot
    -- calling two command-and-control servers) is one group, each connection a finding naming its server
    h:report{packet = p, key = client .. " " .. proto .. " " .. port, severity = severity(proto, port, client, server),
      msg = string.format("%s on port %d: %s > %s%s", name[proto], port, client, ep(server, port),
        proto == "tls" and http_alternate[port] and " (an alternate HTTP port)" or
        owned[port] and string.format(" (%s's port)", name[owned[port]]) or ""),
      why = string.format(WHY, name[proto]),
      check = string.format("what listens on port %d of %s and of any other server this group's frames reach, " ..
        "whether they are known servers, and the process on %s that connected", port, server, client)}
  end,
}
