"""The default renderer takes its settings from _quarto.yml, the file Quarto reads."""

from __future__ import annotations

import re

import nbformat

from werkmonitor.paths import PROJECT
from werkmonitor.publish import rendering


def _notebook(map_):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "language": "python", "display_name": "P"}
    nb.cells = [
        nbformat.v4.new_markdown_cell("## Eerste hoofdstuk\n\nTekst."),
        nbformat.v4.new_markdown_cell("## Tweede hoofdstuk\n\nMeer tekst."),
    ]
    pad = map_ / "h.ipynb"
    nbformat.write(nb, pad)
    return pad


def test_the_projects_quarto_settings_are_read():
    opmaak = rendering.opmaak(PROJECT)
    assert opmaak["lang"] == "nl"
    assert opmaak["html"]["toc"] is True and opmaak["typst"]["papersize"] == "a4"
    assert opmaak["typst"]["region"] == "NL" and opmaak["typst"]["lang"] == "nl"


def test_a_table_of_contents_switched_off_in_quarto_yml_is_off_in_the_html(tmp_path):
    aan, uit = tmp_path / "aan", tmp_path / "uit"
    for map_, toc in ((aan, "true"), (uit, "false")):
        map_.mkdir()
        (map_ / "_quarto.yml").write_text(
            f"lang: nl\nformat:\n  html:\n    toc: {toc}\n  typst:\n    papersize: a5\n"
            f"    toc: {toc}\n"
        )
        u = rendering.render([_notebook(map_)], map_, "Proef", "K4 2025", "p.pdf", root=map_)
        assert u.pdf.read_bytes().startswith(b"%PDF-")
    assert 'id="TOC"' in (aan / "index.html").read_text(encoding="utf-8")
    assert 'id="TOC"' not in (uit / "index.html").read_text(encoding="utf-8")


def test_paper_size_and_language_come_from_quarto_yml(tmp_path):
    (tmp_path / "_quarto.yml").write_text("lang: nl\nformat:\n  typst:\n    papersize: a5\n")
    u = rendering.render(
        [_notebook(tmp_path)], tmp_path, "Proef", "K4 2025", "p.pdf", root=tmp_path
    )
    kader = re.search(rb"/MediaBox\s*\[([^\]]*)\]", u.pdf.read_bytes()).group(1).split()
    breedte, hoogte = (float(x) for x in kader[2:4])
    assert (round(breedte), round(hoogte)) == (420, 595)  # A5 in points
    assert 'lang="nl"' in (tmp_path / "index.html").read_text(encoding="utf-8")
