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

-- In the PDF a column is as wide as its content needs: words are never hyphenated (kop.typ),
-- so the longest word of a column (a region name, a header word) sets its least width. A
-- table whose text fits on a line keeps Typst's own column widths; a wider one gets widths
-- in proportion to what each column needs, instead of the equal shares of a Markdown
-- table's separator line that let long names run into the next column.
local function rijen(tbl)
  local uit = {}
  for _, rij in ipairs(tbl.head.rows) do table.insert(uit, rij) end
  for _, body in ipairs(tbl.bodies) do
    for _, rij in ipairs(body.body) do table.insert(uit, rij) end
  end
  return uit
end

function Table(tbl)
  if not FORMAT:match("typst") then return nil end
  local n = #tbl.colspecs
  local woord, lengte = {}, {}
  for j = 1, n do woord[j], lengte[j] = 1, 1 end
  for _, rij in ipairs(rijen(tbl)) do
    for j, cel in ipairs(rij.cells) do
      if j <= n then
        local tekst = pandoc.utils.stringify(cel.contents)
        lengte[j] = math.max(lengte[j], utf8.len(tekst) or #tekst)
        for w in tekst:gmatch("%S+") do
          woord[j] = math.max(woord[j], utf8.len(w) or #w)
        end
      end
    end
  end
  local totaal, nodig, som = 0, {}, 0
  for j = 1, n do
    totaal = totaal + lengte[j]
    nodig[j] = math.max(woord[j] + 2, 0.3 * lengte[j])
    som = som + nodig[j]
  end
  for j, spec in ipairs(tbl.colspecs) do
    local breedte = pandoc.ColWidthDefault
    if totaal > 90 then breedte = nodig[j] / som end
    tbl.colspecs[j] = { spec[1], breedte }
  end
  return tbl
end

-- First the notebook's cells become report text, then the headings in it are seen.
return { { Div = Div }, { Header = Header, Table = Table }, { Pandoc = Pandoc } }
