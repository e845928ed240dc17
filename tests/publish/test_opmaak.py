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


# What _quarto.yml may say: the options Quarto documents for a website project and for the
# html and typst formats (quarto.org reference pages, Quarto 1.6). An option outside this list
# is either a typo or one that only one of the two renderers would know.
QUARTO_VERSIE = "1.6"
GEDOCUMENTEERD = {
    "": {"project", "website", "lang", "execute", "format"},
    "project": {"type", "output-dir", "render", "resources"},
    "website": {"title", "navbar", "page-footer", "site-url", "description"},
    "website.navbar": {"left", "right", "title", "background"},
    "website.navbar.left": {"text", "href"},
    "execute": {"echo", "warning"},
    "format": {"html", "typst"},
    "format.html": {"embed-resources", "toc", "toc-depth", "toc-title", "lang", "css"},
    "format.typst": {"papersize", "lang", "region", "toc", "toc-title"},
}


def _sleutels(inhoud, pad=""):
    """(parent path, key) for every key of a YAML tree; list items count as their parent."""
    if isinstance(inhoud, list):
        for x in inhoud:
            yield from _sleutels(x, pad)
    elif isinstance(inhoud, dict):
        for k, v in inhoud.items():
            yield pad, k
            yield from _sleutels(v, f"{pad}.{k}".lstrip("."))


def test_quarto_yml_is_a_website_with_documented_options_only():
    import yaml

    inhoud = yaml.safe_load((PROJECT / "_quarto.yml").read_text(encoding="utf-8"))
    assert inhoud["project"]["type"] == "website"
    assert inhoud["project"]["output-dir"] == "reports/site"
    onbekend = [f"{p}.{k}".lstrip(".") for p, k in _sleutels(inhoud) if k not in GEDOCUMENTEERD[p]]
    assert not onbekend, f"niet in de documentatie van Quarto {QUARTO_VERSIE}: {onbekend}"


def test_both_renderers_show_the_navigation_of_quarto_yml(tmp_path):
    import yaml

    from werkmonitor.publish import site

    inhoud = yaml.safe_load((PROJECT / "_quarto.yml").read_text(encoding="utf-8"))
    navbar = [(x["text"], x["href"]) for x in inhoud["website"]["navbar"]["left"]]
    assert site.navigatie_van(PROJECT) == navbar
    # the bar a national report gets from the default renderer: the same entries, relative
    balk = site.navigatie(site.sitemap(PROJECT) / "2025Q4", PROJECT)
    gevonden = re.findall(r'<a href="([^"]+)">([^<]+)</a>', balk)
    assert [(t, h.removeprefix("../")) for h, t in gevonden] == navbar
    # a project whose _quarto.yml names another bar gets that bar
    (tmp_path / "_quarto.yml").write_text(
        "website:\n  navbar:\n    left:\n      - text: Start\n        href: index.html\n"
    )
    assert site.navigatie_van(tmp_path) == [("Start", "index.html")]


def test_columns_of_numbers_are_set_right_and_columns_of_text_left(tmp_path):
    """A column without its own alignment: right when every filled cell is a number (a
    hidden '–', a pair '1.154 / 133', a change '+194 (+72,7%)'), else left; a column that
    gives its alignment keeps it. A number with parts stays on one line."""
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "language": "python", "display_name": "P"}
    nb.cells = [
        nbformat.v4.new_markdown_cell(
            "## Tabel\n\n"
            "| Regio | Lopend | Verschil | Toelichting | Eigen |\n"
            "|---|---|---|---|---:|\n"
            "| Twente | 1.154 / 133 | +194 (+72,7%) | een lange zin | 5 |\n"
            "| Zeeland | – |  | kort | x |\n"
        )
    ]
    nbformat.write(nb, tmp_path / "t.ipynb")
    rendering.render([tmp_path / "t.ipynb"], tmp_path, "Proef", "K4 2025", "p.pdf", root=PROJECT)
    html = (tmp_path / "index.html").read_text(encoding="utf-8")
    kop = re.findall(r'<th style="text-align: (\w+);">([^<]*)</th>', html)
    assert kop == [
        ("left", "Regio"),
        ("right", "Lopend"),
        ("right", "Verschil"),
        ("left", "Toelichting"),
        ("right", "Eigen"),
    ]
    assert '<td style="text-align: right;">1.154\xa0/\xa0133</td>' in html
    assert '<td style="text-align: left;">een lange zin</td>' in html


def test_the_first_figure_of_a_pdf_does_not_float_above_the_first_heading(tmp_path):
    """The first figure keeps its place after the text before it (floating, the dashboard's
    Figure D1 went to the top of the page, above its heading and the note on synthetic
    data); the others float (kop.typ)."""
    import subprocess

    bron = tmp_path / "t.md"
    bron.write_text(
        "> Let op: synthetische gegevens.\n\n## IPS-dashboard\n\nKorte inleiding.\n\n"
        "![Figuur D1. Een.](a.png)\n\n![Figuur D2. Twee.](b.png)\n",
        encoding="utf-8",
    )
    typst = subprocess.run(
        [
            rendering._pandoc_pad(),
            str(bron),
            "-t",
            "typst",
            f"--lua-filter={rendering.bron('typst.lua')}",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    vast = "#[#show figure.where(kind: image): set figure(placement: none)"
    assert typst.count(vast) == 1
    begin = typst.index(vast)
    binnen = typst[begin : typst.index("\n]\n", begin)]  # the block the rule holds for
    assert typst.index("IPS-dashboard") < begin
    assert "Figuur D1" in binnen and "Figuur D2" not in binnen
