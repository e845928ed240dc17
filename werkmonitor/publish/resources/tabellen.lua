-- Tables of the reports (after notebook.lua) and of the site's pages, in the HTML and the PDF.
-- A column the Markdown gives no alignment is set to the right when every cell that holds
-- something is a number (4.358; −5; 45,7%; 499 / 107; a hidden '–'), else to the left: in
-- the HTML and the PDF alike. Until 4 December 2026 the site's style set every column but
-- the first to the right, the text of Tabel B1.1 included, and the PDF every column left.
-- (A change with its percentage, '+194 (+72,7%)', is a number too.)
local function getal(tekst)
  local t = tekst:gsub("\u{2212}", "-"):gsub("\u{2013}", "-"):gsub("\u{a0}", " ")
  return t:match("^[%d%.,%%%s/%+%-%(%)]+$") ~= nil
end

local function uitlijning(tbl)
  local soort = {}  -- per column: "getal" while every filled cell is a number, else "tekst"
  for _, body in ipairs(tbl.bodies) do
    for _, rij in ipairs(body.body) do
      for j, cel in ipairs(rij.cells) do
        local tekst = pandoc.utils.stringify(cel.contents)
        if tekst:match("%S") and soort[j] ~= "tekst" then
          soort[j] = getal(tekst) and "getal" or "tekst"
        end
      end
    end
  end
  for j, spec in ipairs(tbl.colspecs) do
    if spec[1] == "AlignDefault" then
      tbl.colspecs[j] = { soort[j] == "getal" and "AlignRight" or "AlignLeft", spec[2] }
    end
  end
  -- pandoc splits a wide pipe table equally over its columns ('|---|---|---|'): in the
  -- HTML the browser sets the columns by their content instead (Tabel M1's text got a
  -- quarter of the page, its test names more than theirs; the PDF sets its own: typst.lua)
  local eerste, gelijk = tbl.colspecs[1] and tbl.colspecs[1][2], true
  for _, spec in ipairs(tbl.colspecs) do
    gelijk = gelijk and type(spec[2]) == "number" and math.abs(spec[2] - eerste) < 1e-9
  end
  if gelijk then
    for j, spec in ipairs(tbl.colspecs) do
      tbl.colspecs[j] = { spec[1], pandoc.ColWidthDefault }
    end
  end
  -- a number with parts (Tabel 3.1's '1.154 / 133') stays on one line
  for _, body in ipairs(tbl.bodies) do
    for _, rij in ipairs(body.body) do
      for j, cel in ipairs(rij.cells) do
        if soort[j] == "getal" then
          cel.contents = cel.contents:walk({ Space = function() return pandoc.Str("\u{a0}") end })
        end
      end
    end
  end
  return tbl
end

return { { Table = uitlijning } }
