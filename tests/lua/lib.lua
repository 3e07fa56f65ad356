-- Tiny assertion helpers for Lua tests: each check prints "ok NAME" or "FAIL NAME: why".
local T = {}

local function show(v)
  if type(v) == "string" then return string.format("%q", v) end
  return tostring(v)
end

-- A value as comparable text: tables (lists, records of scalars) whole, keys sorted.
function T.text(v)
  if type(v) ~= "table" then return tostring(v) end
  local keys = {}
  for k in pairs(v) do keys[#keys + 1] = k end
  table.sort(keys, function(a, b) return tostring(a) < tostring(b) end)
  local out = {}
  for _, k in ipairs(keys) do out[#out + 1] = tostring(k) .. "=" .. T.text(v[k]) end
  return "{" .. table.concat(out, ",") .. "}"
end

-- The error f(...) raises, without its "file:line: " position; nil when it raises none.
function T.errmsg(f, ...)
  local ok, err = pcall(f, ...)
  if ok then return nil end
  return (tostring(err):gsub("^[^:]*:%d+: ", ""))
end

function T.eq(name, got, want)
  if got == want then
    print("ok " .. name)
  else
    print("FAIL " .. name .. ": got " .. show(got) .. ", want " .. show(want))
  end
end

function T.ok(name, cond, why)
  if cond then print("ok " .. name) else print("FAIL " .. name .. (why and (": " .. why) or "")) end
end

-- Runs f, expecting it to raise an error whose message contains `want` (plain text).
function T.raises(name, f, want)
  local ok, err = pcall(f)
  if ok then print("FAIL " .. name .. ": no error raised") return end
  err = tostring(err)
  if err:find(want, 1, true) then print("ok " .. name)
  else print("FAIL " .. name .. ": error " .. show(err) .. " lacks " .. show(want)) end
end

-- Runs a shell command; returns its stdout, stderr and exit status.
function T.run(cmd)
  local errfile = os.tmpname()
  local h = io.popen(cmd .. " 2>" .. errfile)
  local out = h:read("a")
  local _, _, status = h:close()
  local f = io.open(errfile)
  local err = f:read("a")
  f:close()
  os.remove(errfile)
  return out, err, status
end

-- All packets of a capture as a list.
function T.all(path, filter)
  local cap = assert(pcaphunt.open(path))
  local list = {}
  for p in cap:packets(filter) do list[#list + 1] = p end
  cap:close()
  return list
end

return T
