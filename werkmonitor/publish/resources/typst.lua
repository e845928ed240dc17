-- The PDF's own rules, applied when the report text (notebook.lua) is written as Typst.

local function is_code_cell(div)
  return div.classes:includes("cell") and div.classes:includes("code")
end

-- A paragraph that is only a link to the numbers (cijfers/*.csv): on the page, not in the PDF.
local function is_download(blok)
  return #blok.content == 1 and blok.content[1].t == "Link"
    and blok.content[1].target:match("^cijfers/") ~= nil
end

function Para(blok)
  if is_download(blok) then return {} end
end

-- In the PDF a Markdown cell is no box of its own: its headings may start a page.
function Div(div)
  if div.classes:includes("cell") and not is_code_cell(div) then
    return div.content
  end
end

-- In the PDF each appendix starts on a page of its own, after the figures of what came
-- before it (figures float: kop.typ).
function Header(h)
  if pandoc.utils.stringify(h):match("^Bijlage") then
    -- the appendices are mostly figures: they follow each other in the text, not floating
    local typst = "#place.flush()\n#pagebreak(weak: true)\n"
      .. "#show figure.where(kind: image): set figure(placement: none)"
    return { pandoc.RawBlock("typst", typst), h }
  end
end

-- The report's first figure does not float: it follows the text before it, on this page or
-- the next. Floating, it went to the top of its page, above the report's first heading and
-- the note that the data are synthetic (the dashboard's Figure D1 above 'IPS-dashboard').
-- Every other figure floats to the top or the foot, whichever is nearer (kop.typ). (Keeping
-- it to the foot instead put a region's Figure 1a under the next chapter's heading, and
-- keeping every chapter's first figure to the foot left a third of a page empty above
-- Figure 7 of the quarterly report, whose chapter had started on the page before.)
local function eerste_figuur_onderaan(blocks)
  local uit, eerste = pandoc.List(), true
  for _, b in ipairs(blocks) do
    if b.t == "Figure" and eerste then
      eerste = false
      uit:insert(pandoc.RawBlock("typst",
        "#[#show figure.where(kind: image): set figure(placement: none)"))
      uit:insert(b)
      uit:insert(pandoc.RawBlock("typst", "]"))
    else
      uit:insert(b)
    end
  end
  return uit
end

-- In the PDF the title page holds the title, the colophon and the table of contents: the
-- report itself starts on the next page.
function Pandoc(doc)
  doc.blocks = eerste_figuur_onderaan(doc.blocks)
  doc.blocks:insert(1, pandoc.RawBlock("typst", "#pagebreak(weak: true)"))
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

local KORT = 15  -- rows (header included) of a table that is never split over two pages

function Table(tbl)
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
  -- a short table stays on one page with its caption (a long one, such as Tabel 3.1 with
  -- its 35 regions, may break between rows)
  if #rijen(tbl) <= KORT then
    return {
      pandoc.RawBlock("typst", "#block(breakable: false)["),
      tbl,
      pandoc.RawBlock("typst", "]"),
    }
  end
  return tbl
end

return { { Div = Div, Para = Para }, { Header = Header, Table = Table }, { Pandoc = Pandoc } }
