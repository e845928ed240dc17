-- Turn an executed notebook into report text: drop code, parse Markdown outputs,
-- and drop the plain-text twin of every rich output (<IPython.core.display.Markdown object>).
-- Code cells and their outputs are unwrapped (their blocks replace the divs), so headings
-- written by the package are top-level headings and appear in the table of contents.
local function is_code_cell(div)
  return div.classes:includes("cell") and div.classes:includes("code")
end

-- A paragraph that is only a link to the numbers (cijfers/*.csv): on the page, not in the PDF.
local function is_download(blok)
  return blok.t == "Para" and #blok.content == 1 and blok.content[1].t == "Link"
    and blok.content[1].target:match("^cijfers/") ~= nil
end

function Div(div)
  -- in the PDF a Markdown cell is no box of its own: its headings may start a page
  if FORMAT:match("typst") and div.classes:includes("cell") and not is_code_cell(div) then
    return div.content
  end
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
        for _, blok in ipairs(pandoc.read(b.text, "markdown").blocks) do
          if not (FORMAT:match("typst") and is_download(blok)) then kept:insert(blok) end
        end
      elseif not (rich and b.t == "CodeBlock") then
        kept:insert(b)
      end
    end
    return kept
  end
end

-- In the PDF each appendix starts on a page of its own, after the figures of what came
-- before it (figures float: kop.typ).
function Header(h)
  if FORMAT:match("typst") and pandoc.utils.stringify(h):match("^Bijlage") then
    -- the appendices are mostly figures: they follow each other in the text, not floating
    local typst = "#place.flush()\n#pagebreak(weak: true)\n"
      .. "#show figure.where(kind: image): set figure(placement: none)"
    return { pandoc.RawBlock("typst", typst), h }
  end
end

-- In the PDF the title page holds the title, the colophon and the table of contents: the
-- report itself starts on the next page.
function Pandoc(doc)
  if FORMAT:match("typst") then
    doc.blocks:insert(1, pandoc.RawBlock("typst", "#pagebreak(weak: true)"))
  end
  return doc
end

-- First the notebook's cells become report text, then the headings in it are seen.
return { { Div = Div }, { Header = Header }, { Pandoc = Pandoc } }
