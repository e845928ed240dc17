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

return { { Div = Div } }
