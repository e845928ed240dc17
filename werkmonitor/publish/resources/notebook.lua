-- Read once per report (to pandoc's JSON), then written as HTML and as Typst (typst.lua).
-- Turn an executed notebook into report text: drop code, parse Markdown outputs,
-- and drop the plain-text twin of every rich output (<IPython.core.display.Markdown object>).
-- Code cells and their outputs are unwrapped (their blocks replace the divs), so headings
-- written by the package are top-level headings and appear in the table of contents.
local function is_code_cell(div)
  return div.classes:includes("cell") and div.classes:includes("code")
end

function Div(div)
  if is_code_cell(div) then
    local kept = pandoc.List()
    for _, b in ipairs(div.content) do
      if not (b.t == "CodeBlock" and b.classes:includes("python")) then kept:insert(b) end
    end
    return kept
  end
  if div.classes:includes("output") then
    if div.classes:includes("stream") or div.classes:includes("error") then
      return {}
    end
    local rich = false
    for _, b in ipairs(div.content) do
      if b.t ~= "CodeBlock" then rich = true end
    end
    local kept = pandoc.List()
    for _, b in ipairs(div.content) do
      if b.t == "RawBlock" and b.format == "markdown" then
        kept:extend(pandoc.read(b.text, "markdown").blocks)
      elseif not (rich and b.t == "CodeBlock") then
        kept:insert(b)
      end
    end
    return kept
  end
end

-- A heading with nothing under it before the next heading of its level or higher (the
-- section of a traject a unit does not have: its cells printed nothing) is left out, and
-- with it a Markdown cell that held only that heading.
local function leeg(blok, volgende)
  return blok.t == "Header"
    and (volgende == nil or (volgende.t == "Header" and volgende.level <= blok.level))
end

local function is_markdown_cell(blok)
  return blok.t == "Div" and blok.classes:includes("cell") and blok.classes:includes("markdown")
end

local function zonder_lege_koppen(doc)
  local reeks = {}  -- the blocks in reading order, a Markdown cell's own blocks included
  for _, b in ipairs(doc.blocks) do
    if is_markdown_cell(b) then
      for _, c in ipairs(b.content) do reeks[#reeks + 1] = c end
    else
      reeks[#reeks + 1] = b
    end
  end
  local weg, n = {}, 0
  for k, b in ipairs(reeks) do weg[k] = leeg(b, reeks[k + 1]) end
  local function gehouden(blok)
    n = n + 1
    return not weg[n]
  end
  local uit = pandoc.List()
  for _, b in ipairs(doc.blocks) do
    if is_markdown_cell(b) then
      local inhoud = pandoc.List()
      for _, c in ipairs(b.content) do
        if gehouden(c) then inhoud:insert(c) end
      end
      if #inhoud > 0 then
        b.content = inhoud
        uit:insert(b)
      end
    elseif gehouden(b) then
      uit:insert(b)
    end
  end
  doc.blocks = uit
  return doc
end

return { { Div = Div }, { Pandoc = zonder_lege_koppen } }
