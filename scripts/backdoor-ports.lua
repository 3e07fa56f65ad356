-- backdoor-ports: traffic to or from ports that well-known backdoors and trojans use.
local ports = {
  [31337] = "Back Orifice (eleet)", [31338] = "Back Orifice / DeepBO", [54320] = "Back Orifice 2000",
  [54321] = "Back Orifice 2000", [12345] = "NetBus", [12346] = "NetBus", [20034] = "NetBus Pro",
  [27374] = "SubSeven", [1243] = "SubSeven", [6711] = "SubSeven", [6776] = "SubSeven",
  [1524] = "ingreslock backdoor shell", [2140] = "Deep Throat", [3150] = "Deep Throat",
  [7597] = "QAZ worm", [65000] = "Devil", [30100] = "NetSphere", [3127] = "MyDoom",
  [4444] = "Metasploit default / Blaster shell", [5554] = "Sasser FTP", [9996] = "Sasser shell",
}
local list = {}
for port in pairs(ports) do list[#list + 1] = port end
table.sort(list)

hunt{
  name = "backdoor-ports",
  description = "traffic to or from well-known backdoor/trojan ports (31337 Back Orifice, 12345 NetBus …)",
  severity = "medium",
  priority = 30,
  want = {port = list},
  ports = ports,
  packet = function(p, h)
    local port = ports[p.sport] and p.sport or p.dport
    local name = ports[port]
    if not name then return end
    local a, b = p.src, p.dst
    if b < a then a, b = b, a end
    h:report{packet = p, key = a .. " " .. b .. " " .. port,
      msg = string.format("port %d (%s) between %s and %s", port, name, p.src, p.dst)}
  end,
}
