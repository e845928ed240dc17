-- pandoc as a helper process (`pandoc lua omzetten.lua`, rendering._Pandoc): converts one
-- document per line on its input, each given as the arguments of the pandoc command line
-- (a JSON list), and answers each with one line ({"fout": null} or the error). One process
-- for many documents: starting pandoc costs about as much as converting a report.
--
-- What the command line does is done here with pandoc's own parts, for the options the
-- project uses (one input file; -f, -t, -o, -M, -V, --standalone, --toc, --toc-depth,
-- --include-in-header/-before-body/-after-body, --lua-filter, --ipynb-output=all): the
-- same bytes (tests/publish/test_binnen.py). Any other option is refused, not ignored.

local function lees(pad)
  local f = assert(io.open(pad, "rb"))
  local tekst = f:read("a")
  f:close()
  return tekst
end

local function schrijf(pad, tekst)
  local f = assert(io.open(pad, "wb"))
  f:write(tekst)
  f:close()
end

-- options that take part in the conversion, and the values this script supports
local STANDAARD = {
  ["bibliography"] = "[]", ["css"] = "[]", ["metadata-files"] = "[]",
  ["embed-resources"] = "false", ["self-contained"] = "false", ["number-sections"] = "false",
  ["section-divs"] = "false", ["shift-heading-level-by"] = "0", ["columns"] = "72",
  ["wrap"] = "wrap-auto", ["tab-stop"] = "4", ["html-math-method"] = "plain",
  ["email-obfuscation"] = "none", ["identifier-prefix"] = "", ["strip-comments"] = "false",
  ["eol"] = "native", ["list-of-figures"] = "false", ["list-of-tables"] = "false",
}

local function gewoon(o)
  for naam, waarde in pairs(STANDAARD) do
    local v = o[naam]
    local tekst = type(v) == "table" and pandoc.json.encode(v)
      or (math.type(v) == "float" and v == math.floor(v)) and tostring(math.tointeger(v))
      or tostring(v)
    if tekst ~= waarde then error("optie --" .. naam .. " wordt hier niet ondersteund") end
  end
  if o.template then error("optie --template wordt hier niet ondersteund") end
  if o["ipynb-output"] ~= "IpynbOutputAll" and o.from:match("^ipynb") then
    error("alleen --ipynb-output=all wordt hier ondersteund")
  end
  if #o["input-files"] ~= 1 or not o["output-file"] then
    error("precies één invoerbestand en een uitvoerbestand (-o) nodig")
  end
end

local function metawaarde(naam, v)
  if v.t == "MetaString" or v.t == "MetaBool" then return v.c end
  error("metadata " .. naam .. " van soort " .. v.t .. " wordt hier niet ondersteund")
end

-- a conversion's metadata (-M) and Lua filters applied to `doc`
local function bewerk(doc, o)
  for naam, v in pairs(o.metadata) do doc.meta[naam] = metawaarde(naam, v) end
  for _, filter in ipairs(o.filters) do
    if filter.type ~= "lua" then error("alleen Lua-filters worden hier ondersteund") end
    doc = pandoc.utils.run_lua_filter(doc, filter.path)
  end
  return doc
end

-- the default template of each output format, compiled once per helper (≈ 5 ms each)
local sjablonen = {}

local function sjabloon(formaat)
  if not sjablonen[formaat] then
    sjablonen[formaat] = pandoc.template.compile(pandoc.template.default(formaat))
  end
  return sjablonen[formaat]
end

-- `doc` written as conversion `o` writes it
local function schrijf_doc(doc, o)
  local opties = {
    table_of_contents = o["table-of-contents"],
    toc_depth = math.tointeger(o["toc-depth"]),
  }
  if o.standalone then
    local variabelen = {}
    for naam, v in pairs(o.variables) do variabelen[naam] = v end
    -- as the command line: the included files' text as template variables (only when
    -- there are any: an empty list would print as 'true')
    for naam, optie in pairs {
      ["header-includes"] = "include-in-header",
      ["include-before"] = "include-before-body",
      ["include-after"] = "include-after-body",
    } do
      if #o[optie] > 0 then
        variabelen[naam] = pandoc.List(o[optie]):map(lees)
      end
    end
    opties.variables = variabelen
    opties.template = sjabloon(o.to)
  end
  local uit = pandoc.write(doc, o.to, opties)
  -- the command line ends a fragment (not a standalone document) with a newline
  schrijf(o["output-file"], o.standalone and uit or uit .. "\n")
  pandoc.mediabag.empty()  -- nothing of one document stays for the next
end

local function omzetten(args)
  local o = pandoc.cli.parse_options(args)
  gewoon(o)
  schrijf_doc(bewerk(pandoc.read(lees(o["input-files"][1]), o.from), o), o)
end

-- A chain of conversions (a list of argument lists): the first reads its input and writes
-- its output (a report text as pandoc's JSON), each next one takes that output as its
-- input, here the same document in memory instead of reading the file back (the same
-- bytes: JSON keeps the whole document). One report's HTML and Typst, ≈ 25 ms less.
local function keten(lijst)
  local eerste = pandoc.cli.parse_options(lijst[1])
  gewoon(eerste)
  local doc = bewerk(pandoc.read(lees(eerste["input-files"][1]), eerste.from), eerste)
  schrijf_doc(doc, eerste)
  for k = 2, #lijst do
    local o = pandoc.cli.parse_options(lijst[k])
    gewoon(o)
    if o["input-files"][1] ~= eerste["output-file"] or o.from ~= eerste.to then
      error("een volgende omzetting leest de uitvoer van de eerste")
    end
    schrijf_doc(bewerk(doc:clone(), o), o)
  end
end

if #arg > 0 then
  omzetten(arg)
else
  for regel in io.lines() do
    local taak = pandoc.json.decode(regel, false)
    local gelukt, fout = pcall(type(taak[1]) == "table" and keten or omzetten, taak)
    local antwoord = { fout = gelukt and pandoc.json.null or tostring(fout) }
    io.write(pandoc.json.encode(antwoord), "\n")
    io.flush()
  end
end
