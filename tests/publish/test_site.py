"""The public site and the internal tree: landing page, navigation, footer, and nothing of
the internal tree in the public one."""

import json
import os
import re
import shutil
from pathlib import Path
from urllib.parse import unquote

import pytest
import yaml

from werkmonitor import __version__
from werkmonitor.cli import eenheden_in
from werkmonitor.paths import PROJECT
from werkmonitor.periods import Periode
from werkmonitor.publish import batch, site


@pytest.fixture(scope="module")
def gebouwd(project, demo_db, kwartaalrapport):
    """A project with the national 2025Q4 report (copied from the run's build), the
    dashboard, the checks page, one region's quality report, and the index pages."""
    p = Periode.lees("2025Q4")
    shutil.copytree(kwartaalrapport.html.parent, site.landelijk(project, p))
    stil = lambda _t: None  # noqa: E731
    batch.rapport_dashboard(demo_db, project, stil)
    batch.rapport_controle(p, db=demo_db, projectmap=project, meld=stil)
    batch.rapporten_eenheden(p, ["Twente"], [], demo_db, project, stil, werkers=1)
    return project, site.bouw_indexen(project)


def _links(html: str) -> list[str]:
    return re.findall(r'(?:href|src)="([^"]+)"', html)


def test_landing_page_offers_the_reports_dashboard_and_docs(gebouwd):
    project, index = gebouwd
    assert index == project / "reports" / "site" / "index.html"
    html = index.read_text(encoding="utf-8")
    links = _links(html)
    for doel in (
        "2025Q4/index.html",
        "2025Q4/werkmonitor_2025Q4_landelijk.pdf",
        "2025Q4/werkmonitor_2025Q4_landelijk_cijfers.xlsx",
        "dashboard/index.html",
        "methoden/index.html",
        "aanleveren/index.html",
    ):
        assert doel in links, doel
    assert 'id="kwartaalrapporten"' in html and 'id="jaarrapporten"' in html
    assert "Nog geen jaarrapporten." in html  # only a quarter was built here
    # the docs are rendered pages of the site
    methoden = (project / "reports" / "site" / "methoden" / "index.html").read_text()
    assert "<title>Methoden en definities</title>" in methoden


def _paginas(map_: Path) -> list[Path]:
    return sorted(p for p in map_.rglob("*.html") if not p.name.startswith("."))


def test_every_link_of_the_public_site_resolves_inside_it(gebouwd):
    project, _index = gebouwd
    wortel = (project / "reports" / "site").resolve()
    for pagina in _paginas(wortel):
        for link in _links(pagina.read_text(encoding="utf-8")):
            assert not re.match(r"^[a-z]+:", link), (pagina, link)  # nothing from the internet
            pad = link.split("#")[0]
            if not pad:
                continue
            doel = (pagina.parent / unquote(pad)).resolve()
            assert doel.is_file(), (pagina, link)
            assert doel.is_relative_to(wortel), (pagina, link)  # never into reports/intern


def test_public_site_names_no_organisation(gebouwd, demo_db):
    project, _index = gebouwd
    _regios, organisaties = eenheden_in(Periode.lees("2025Q4"), demo_db)
    assert len(organisaties) == 42
    for pad in (project / "reports" / "site").rglob("*"):
        if pad.suffix not in (".html", ".json", ".ipynb", ".md"):
            continue
        tekst = pad.read_text(encoding="utf-8")
        genoemd = [o for o in organisaties if o in tekst]
        assert not genoemd, (pad, genoemd[:3])
        assert "intern/" not in tekst, pad


def test_every_page_has_navigation_main_and_footer(gebouwd):
    project, _index = gebouwd
    paginas = _paginas(project / "reports" / "site") + _paginas(project / "reports" / "intern")
    assert len(paginas) >= 9
    for pagina in paginas:
        html = pagina.read_text(encoding="utf-8")
        assert 'lang="nl"' in html, pagina
        nav = re.search(r'<nav class="site".*?</nav>', html, re.S).group(0)
        labels = re.findall(r">([^<]+)</a>", nav)
        assert labels[:5] == ["Home", "Kwartaalrapporten", "Jaarrapporten", "Dashboard", "Methoden"]
        assert html.count("<main>") == 1 and html.count("</main>") == 1, pagina
        voet = re.search(r'<footer class="voet">(.*?)</footer>', html, re.S).group(1)
        assert f"werkmonitor {__version__}" in voet and "synthetisch" in voet, pagina


def test_internal_index_lists_checks_page_and_quality_reports(gebouwd):
    project, _index = gebouwd
    intern = project / "reports" / "intern"
    html = (intern / "2025Q4" / "index.html").read_text(encoding="utf-8")
    assert "controle/index.html" in _links(html) and "regio/twente/index.html" in _links(html)
    assert ">Twente</a>" in html and "niet publiceren" in html
    assert "2025Q4/index.html" in _links((intern / "index.html").read_text(encoding="utf-8"))


def test_public_manifest_names_deliveries_by_hash_only(gebouwd):
    project, _index = gebouwd
    manifest = json.loads(
        (project / "reports" / "site" / "2025Q4" / "manifest.json").read_text(encoding="utf-8")
    )
    assert manifest["leveringen"] and all(
        set(r) == {"periode", "sha256"} for r in manifest["leveringen"]
    )
    assert manifest["voet"]["synthetisch"] is True
    # the publication date is the params file's, on the page too
    datum = batch.lees_params(Periode.lees("2025Q4"), project)["datum"]
    assert manifest["voet"]["datum"] == datum == "februari 2026"
    html = (project / "reports" / "site" / "2025Q4" / "index.html").read_text(encoding="utf-8")
    assert f"publicatiedatum: {datum}" in html


def test_navigation_links_are_relative_to_the_page(tmp_path):
    p = Periode.lees("2025Q4")
    nav = site.navigatie(site.landelijk(tmp_path, p), tmp_path)
    assert 'href="../index.html"' in nav and 'href="../dashboard/index.html"' in nav
    assert "Intern" not in nav
    nav = site.navigatie(site.eenheid(tmp_path, p, "regio", "twente"), tmp_path)
    assert 'href="../../../../site/index.html"' in nav
    assert 'href="../../../index.html">Intern overzicht' in nav
    voor, na = site.omlijsting(site.landelijk(tmp_path, p), tmp_path, site.Voet(None, "ab", False))
    assert voor.endswith("<main>\n") and na.startswith("</main>\n")


def test_a_page_of_the_site_sets_text_left_and_numbers_right(tmp_path):
    """The docs' tables (Tabel M1 of the methods page) are text: left, as in the reports
    (tabellen.lua); the style's fallback set every column but the first to the right."""

    def pagina(tekst: str, map_: str) -> str:
        doel = site.sitemap(tmp_path) / map_ / "index.html"
        site._schrijf_pagina(tekst, doel, "T", tmp_path, site.Voet(None, "ab", True))
        return doel.read_text("utf-8")

    tekst = "| Punt | Wat | Aantal |\n|---|---|---|\n| 1 | gestart = A − (B − C) | 1.047 |\n"
    kop = re.findall(r'<th style="text-align: (\w+);">(\w+)</th>', pagina(tekst, "methoden"))
    assert kop == [("right", "Punt"), ("left", "Wat"), ("right", "Aantal")]
    # a row longer than a line: pandoc would split the width equally ('|---|---|'); the
    # browser sets the columns by their content instead
    lang = pagina(tekst + f"| 2 | {'een lange omschrijving van het punt ' * 3} | 5 |\n", "lang")
    assert "<table>" in lang and "<colgroup>" not in lang


def test_footer_takes_the_date_from_the_params_never_the_clock():
    met = site.Voet("januari 2026", "0123456789abcdef", True).html()
    assert "publicatiedatum: januari 2026" in met and "<code>0123456789ab</code>" in met
    assert "synthetisch" in met
    zonder = site.Voet(None, "0123456789abcdef", False).html()
    assert "publicatiedatum: niet opgegeven" in zonder
    assert "aanleveringen van de organisaties" in zonder


def test_the_executed_notebooks_are_valid_notebooks(gebouwd):
    """The report writes and reads its executed notebooks without nbformat's validation
    (`rendering.schrijf_notebook`, `lees_notebook`): they are checked here, each one of a
    national and a quality report, and the same bytes as nbformat's own writer."""
    import nbformat

    project, _index = gebouwd
    mappen = [
        project / "reports" / "site" / "2025Q4",
        project / "reports" / "intern" / "2025Q4" / "regio" / "twente",
    ]
    paden = [pad for m in mappen for pad in sorted(m.glob("*.ipynb"))]
    assert len(paden) >= 6
    for pad in paden:
        nb = nbformat.read(pad, as_version=4)
        nbformat.validate(nb)  # raises on an invalid notebook
        assert nbformat.writes(nb) + "\n" == pad.read_text(encoding="utf-8"), pad


def test_each_figure_links_its_numbers_and_the_workbook_holds_them_all(gebouwd):
    from openpyxl import load_workbook

    project, _index = gebouwd
    map_ = project / "reports" / "site" / "2025Q4"
    html = (map_ / "index.html").read_text(encoding="utf-8")
    figuren = re.findall(r"<figcaption>(Figuur [0-9a-z]+)\.", html)
    downloads = re.findall(
        r'<a href="(cijfers/[0-9a-f]+\.csv)" class="download">Download de\s+cijfers van\s+'
        r"(Figuur [0-9a-z]+) \(CSV\)</a>",
        html,
    )
    # every figure with a download of its own numbers, the file beside the page
    assert len(figuren) == 16 and sorted({f for _c, f in downloads}) == sorted(set(figuren))
    assert all((map_ / csv).is_file() for csv, _f in downloads)
    wb = load_workbook(map_ / "werkmonitor_2025Q4_landelijk_cijfers.xlsx")
    assert wb.sheetnames[0] == "toelichting" and len(wb.sheetnames) == 3  # two chapters
    toelichting = [r[0] for r in wb["toelichting"].iter_rows(values_only=True)]
    assert "Let op: synthetische demodata, geen echte aanleveringen." in toelichting
    namen = [r[0] for b in wb.worksheets[1:] for r in b.iter_rows(values_only=True)]
    assert {f for _c, f in downloads} <= set(namen)
    # Figuur 1a in the workbook holds the numbers of its CSV
    csv = dict((f, c) for c, f in downloads)["Figuur 1a"]
    regels = (map_ / csv).read_text(encoding="utf-8").splitlines()
    blad = wb.worksheets[1]
    rijen = list(blad.iter_rows(values_only=True))
    begin = [r[0] for r in rijen].index("Figuur 1a")
    assert [",".join(str(v) for v in r if v is not None) for r in rijen[begin + 1 : begin + 8]] == (
        regels
    )


def test_report_pages_are_accessible(gebouwd):
    project, _index = gebouwd
    rapporten = [
        m / "index.html"
        for boom in ("site", "intern")
        for m in (project / "reports" / boom).rglob("*")
        if (m / "manifest.json").is_file()
    ]
    assert len(rapporten) == 4  # national, dashboard, checks page, Twente
    docs = [project / "reports" / "site" / m / "index.html" for m in ("methoden", "aanleveren")]
    for pagina in rapporten + docs:
        html = pagina.read_text(encoding="utf-8")
        niveaus = [int(n) for n in re.findall(r"<h([1-6])\b", html)]
        assert niveaus[0] == 1 and all(
            b <= a + 1 for a, b in zip(niveaus, niveaus[1:], strict=False)
        ), pagina
        for tabel in re.findall(r"<table.*?</table>", html, re.S):
            assert "<th" in tabel and "<caption>" in tabel, (pagina, tabel[:200])
        for img in re.findall(r"<img\b[^>]*>", html):
            alt = re.search(r'\salt="([^"]*)"', img)
            assert alt and len(alt.group(1)) > 15, (pagina, img[:120])


def _luminantie(hex_: str) -> float:
    kanalen = [int(hex_[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in kanalen]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def _contrast(a: str, b: str) -> float:
    hoog, laag = sorted((_luminantie(a), _luminantie(b)), reverse=True)
    return (hoog + 0.05) / (laag + 0.05)


def test_house_colours_meet_wcag_aa_contrast():
    from werkmonitor.publish.rendering import bron

    css = bron("werkmonitor.css").read_text(encoding="utf-8")
    kleuren = re.findall(r"(?<!-)color:\s*(#[0-9a-fA-F]{6})", css)
    achtergronden = ["#ffffff", *re.findall(r"background:\s*(#[0-9a-fA-F]{6})", css)]
    assert len(kleuren) >= 8 and len(achtergronden) >= 3
    # every text colour on every background of the style: at least 4.5:1 (WCAG AA)
    for kleur in kleuren:
        for achtergrond in achtergronden:
            assert _contrast(kleur, achtergrond) >= 4.5, (kleur, achtergrond)
    assert round(_contrast("#000000", "#ffffff"), 1) == 21.0  # the formula itself


def _chromium(*args, tmp_path):
    from test_browser import _chromium as chromium  # the same browser, flags and profile

    return chromium(*args, tmp_path=tmp_path)


CONTROLE = (
    "<script>window.__fouten=0;window.addEventListener('error',()=>window.__fouten++,true);"
    "const _e=console.error;console.error=(...a)=>{window.__fouten++;_e(...a)};"
    "window.addEventListener('load',()=>{const b=[...document.images];"
    "const n=b.filter(i=>i.complete&&i.naturalWidth>0).length;"
    "const z=b.filter(i=>!i.getAttribute('alt')).length;"
    "document.title='uitslag:'+n+'/'+b.length+'/'+z+'/'+window.__fouten;});</script>"
)


def test_the_public_site_in_a_real_browser(gebouwd, tmp_path):
    """From the landing page every internal link is followed; each page loads in headless
    Chromium with every image decoded and described, and no error in its console."""
    project, index = gebouwd
    wortel = index.parent.resolve()
    te_doen, gezien = [index.resolve()], set()
    while te_doen:
        pagina = te_doen.pop()
        if pagina in gezien:
            continue
        gezien.add(pagina)
        html = pagina.read_text(encoding="utf-8")
        for link in _links(html):
            doel = (pagina.parent / unquote(link.split("#")[0])).resolve()
            if doel.suffix == ".html" and doel.is_relative_to(wortel):
                te_doen.append(doel)
        # the same page with a script that counts images and errors (beside it: same links)
        proef = pagina.with_name(".proef.html")
        proef.write_text(html.replace("<head>", "<head>" + CONTROLE, 1), encoding="utf-8")
        try:
            dom = _chromium(
                "--virtual-time-budget=5000", "--dump-dom", proef.as_uri(), tmp_path=tmp_path
            ).stdout
        finally:
            proef.unlink()
        n, totaal, zonder_alt, fouten = re.search(
            r"<title>uitslag:(\d+)/(\d+)/(\d+)/(\d+)</title>", dom
        ).groups()
        assert n == totaal and zonder_alt == "0" and fouten == "0", (pagina, n, totaal, fouten)
    namen = {p.relative_to(wortel).as_posix() for p in gezien}
    assert {"index.html", "2025Q4/index.html", "dashboard/index.html"} <= namen
    assert {"methoden/index.html", "aanleveren/index.html"} <= namen
    # screenshots of the landing page and the quarterly report, kept for people to look at
    artefacten = Path(os.environ.get("WERKMONITOR_ARTEFACTEN", PROJECT / "build" / "test"))
    artefacten.mkdir(parents=True, exist_ok=True)
    for naam, pagina in (("startpagina", index), ("kwartaalrapport", wortel / "2025Q4/index.html")):
        png = artefacten / f"{naam}.png"
        _chromium(
            "--window-size=1100,1400", f"--screenshot={png}", pagina.as_uri(), tmp_path=tmp_path
        )
        assert png.stat().st_size > 20_000, png


def test_the_pdf_is_a4_with_title_and_key_numbers(gebouwd, demo_db):
    import subprocess

    from werkmonitor.report import kwartaal
    from werkmonitor.report.text import getal

    project, _index = gebouwd
    pdf = project / "reports" / "site" / "2025Q4" / "werkmonitor_2025Q4_landelijk.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Page size:\s+595(\.\d+)? x 84[12](\.\d+)? pts \(A4\)", info), info
    assert int(re.search(r"Pages:\s+(\d+)", info).group(1)) >= 10
    tekst = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Landelijk rapport werkmonitor Hoofdzaak Werk" in tekst
    assert "Kwartaal 4 van 2025" in tekst
    k = kwartaal.laad("2025Q4", db=demo_db)
    for waarde in (k.w("ips"), k.w("ips", "gestart"), k.w("totaal")):
        assert getal(waarde) in tekst, getal(waarde)  # in Dutch format, e.g. 7.123
    assert "Download de cijfers" not in tekst  # the downloads are the site's, not the PDF's
    assert "\u00ad" not in tekst  # no word is hyphenated at a line end (names, table cells)
    titelpagina = subprocess.run(
        ["pdftotext", "-f", "1", "-l", "1", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    # the title page: title, authors, date, colophon from params/2025Q4.rapport.yml and the
    # table of contents; the report's text starts on the next page
    params = yaml.safe_load((project / "params" / "2025Q4.rapport.yml").read_text("utf-8"))
    for veld in ("auteurs", "datum"):
        assert params[veld] in titelpagina, veld
    zonder_afbreken = " ".join(titelpagina.split())
    assert f"Colofon Uitgegeven door {params['uitgever']}." in zonder_afbreken
    assert f"Contact: {params['contact']}." in zonder_afbreken
    assert "Inhoudsopgave" in titelpagina and "Let op: synthetische gegevens" not in titelpagina
