"""Papermill's in-process engine (`publish.binnen`) and the figures written as files."""

import base64
import io
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import papermill as pm
import pytest
from PIL import Image

from werkmonitor.publish import binnen, rendering


def _notebook(pad, *bronnen, parameters="x = 1"):
    """A notebook with a tagged parameters cell and then one code cell per source."""
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "language": "python", "display_name": "P"}
    nb.metadata["language_info"] = {"name": "python"}
    nb.cells = [nbformat.v4.new_code_cell(parameters, metadata={"tags": ["parameters"]})]
    nb.cells += [nbformat.v4.new_code_cell(b) for b in bronnen]
    nbformat.write(nb, pad)
    return pad


def _uitvoeren(bron, doel, **parameters):
    pm.execute_notebook(
        str(bron),
        str(doel),
        parameters=parameters,
        progress_bar=False,
        kernel_name="python3",
        engine_name=binnen.NAAM,
    )
    return nbformat.read(doel, as_version=4)


def test_cells_run_in_order_with_their_outputs_collected(tmp_path):
    nb = _notebook(
        tmp_path / "a.ipynb",
        "from IPython.display import Markdown, display\ndisplay(Markdown(f'**x is {x}**'))",
        "print('regel'); x * 10",
        "y = x + 1",
    )
    uit = _uitvoeren(nb, tmp_path / "uit.ipynb", x=4)
    code = [c for c in uit.cells if c.cell_type == "code"]
    # papermill's own parameter cell follows the tagged one, as with a kernel
    assert code[1].source.startswith("# Parameters") and "x = 4" in code[1].source
    assert code[2].outputs[0]["output_type"] == "display_data"
    assert code[2].outputs[0]["data"]["text/markdown"] == "**x is 4**"
    soorten = [(o["output_type"], o.get("text", o.get("data"))) for o in code[3].outputs]
    assert soorten == [("execute_result", {"text/plain": "40"}), ("stream", "regel\n")]
    assert code[4].outputs == []
    assert [c.execution_count for c in code] == [1, 2, 3, 4, 5]


def test_a_failing_cell_stops_the_notebook_and_names_cell_and_error(tmp_path):
    nb = _notebook(tmp_path / "a.ipynb", "z = 1", "raise ValueError('kapot')", "z = 2")
    with pytest.raises(pm.PapermillExecutionError) as fout:
        _uitvoeren(nb, tmp_path / "uit.ipynb")
    assert (fout.value.ename, fout.value.evalue, fout.value.cell_index) == (
        "ValueError",
        "kapot",
        2,
    )
    uit = nbformat.read(tmp_path / "uit.ipynb", as_version=4)
    na = [c for c in uit.cells if c.source == "z = 2"]
    assert na[0].outputs == [] and na[0].execution_count is None  # it did not run
    # the same through the renderer: notebook, cell as the researcher counts it, error
    with pytest.raises(rendering.NotebookFout) as nbfout:
        rendering.voer_uit(nb, tmp_path / "uit2.ipynb", {})
    assert str(nbfout.value) == "a.ipynb, cel 3: ValueError: kapot"


def test_every_notebook_starts_with_an_empty_namespace(tmp_path):
    a = _notebook(tmp_path / "a.ipynb", "geheim = 42")
    b = _notebook(tmp_path / "b.ipynb", "geheim")
    _uitvoeren(a, tmp_path / "a_uit.ipynb")
    with pytest.raises(pm.PapermillExecutionError) as fout:
        _uitvoeren(b, tmp_path / "b_uit.ipynb")
    assert fout.value.ename == "NameError"


def test_the_process_main_module_is_left_alone(tmp_path):
    # multiprocessing's spawn reads sys.modules["__main__"]; IPython would replace it
    hoofd = sys.modules["__main__"]
    _uitvoeren(_notebook(tmp_path / "a.ipynb", "print(__name__)"), tmp_path / "uit.ipynb")
    assert sys.modules["__main__"] is hoofd


def _png(kleur) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (4, 3), kleur).save(buf, format="PNG")
    return buf.getvalue()


def test_embedded_figures_become_files_once_each(tmp_path):
    rood, blauw = _png("red"), _png("blue")
    uri = "data:image/png;base64," + base64.b64encode(rood).decode()
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell(
            outputs=[
                nbformat.v4.new_output(
                    "display_data", data={"text/markdown": f'![Figuur 1.]({uri}){{alt="a"}}'}
                ),
                nbformat.v4.new_output(
                    "display_data", data={"text/markdown": f"![Nog eens.]({uri})"}
                ),
                nbformat.v4.new_output(
                    "display_data",
                    data={
                        "image/png": base64.b64encode(blauw).decode(),
                        "text/plain": "<Figure>",
                    },
                ),
            ]
        )
    ]
    uit = rendering.figuren_los(nb, tmp_path)
    md = [o["data"]["text/markdown"] for o in uit.cells[0].outputs]
    bestanden = sorted(p.name for p in (tmp_path / "figuren").iterdir())
    assert len(bestanden) == 2  # the same figure twice is one file
    rood_naam = f"figuren/{rendering.hashlib.sha256(rood).hexdigest()[:16]}.png"
    assert (
        md[0] == f'![Figuur 1.]({rood_naam}){{alt="a"}}' and md[1] == f"![Nog eens.]({rood_naam})"
    )
    assert md[2].startswith("![](figuren/") and "image/png" not in uit.cells[0].outputs[2]["data"]
    assert (tmp_path / rood_naam).read_bytes() == rood
    assert (tmp_path / md[2][4:-1]).read_bytes() == blauw


def test_a_notebook_executed_elsewhere_renders_with_its_figures_as_files(tmp_path):
    # e.g. by papermill's command line (the naive way of the benchmark): still base64
    uri = "data:image/png;base64," + base64.b64encode(_png("green")).decode()
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("# Hoofdstuk"),
        nbformat.v4.new_code_cell(
            outputs=[
                nbformat.v4.new_output(
                    "display_data", data={"text/markdown": f'![Figuur 1.]({uri}){{alt="groen"}}'}
                )
            ]
        ),
    ]
    nbformat.write(nb, tmp_path / "01.ipynb")
    uit = rendering.render([tmp_path / "01.ipynb"], tmp_path, "Titel", "Sub", "r.pdf")
    html = uit.html.read_text(encoding="utf-8")
    naam = f"figuren/{rendering.hashlib.sha256(_png('green')).hexdigest()[:16]}.png"
    assert f'src="{naam}"' in html and "data:image" not in html
    assert uit.pdf.read_bytes()[:5] == b"%PDF-" and (tmp_path / naam).is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "01.ipynb",
        "figuren",
        "index.html",
        "r.pdf",
    ]


def _rapporttekst(pad):
    """A small executed notebook as the batch makes them: a Markdown cell with a table, a
    code cell that printed Markdown (a heading, a list, a figure, a download link), a
    stream to leave out."""
    nb = nbformat.v4.new_notebook()
    md = (
        "## Betaald werk\n\nIn **2025** hadden *24* cliënten (43,6%) werk:\n\n- één\n- twee\n\n"
        '![Figuur 1. Iets.](figuren/a.svg){alt="Staafdiagram"}\n\n'
        "[Download de cijfers van Figuur 1 (CSV)](cijfers/a.csv){.download}\n\n"
        "# Bijlage 1. Methoden\n\nTekst."
    )
    nb.cells = [
        nbformat.v4.new_markdown_cell(
            "# Hoofdstuk\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n: Tabel 1."
        ),
        nbformat.v4.new_code_cell(
            "toon(x)",
            outputs=[
                nbformat.v4.new_output("display_data", data={"text/markdown": md}),
                nbformat.v4.new_output("stream", name="stderr", text="waarschuwing\n"),
            ],
        ),
    ]
    nbformat.write(nb, pad)
    return pad


def test_pandoc_converts_in_a_helper_process_as_its_command_line_would(tmp_path, monkeypatch):
    """The helper (omzetten.lua) gives the command line's bytes for each conversion a report
    makes: notebook to report text, report text to HTML and to Typst (the three in one
    task, `pandoc_keten`, the report text passed on in memory), a Markdown page."""
    echt, gedaan = rendering.pandoc, []

    def beide(bronnen, van, naar, doel, args):
        uit = echt(bronnen, van, naar, doel, args)
        cli = doel.with_name(doel.name + ".cli")
        opdracht = [rendering._pandoc_pad(), *map(str, bronnen), "-f", van, "-t", naar]
        subprocess.run([*opdracht, "-o", str(cli), *args], check=True)
        assert doel.read_bytes() == cli.read_bytes(), (van, naar)
        cli.unlink()
        gedaan.append((van, naar))
        return uit

    echte_keten = rendering.pandoc_keten

    def keten(opdrachten):
        # a report's three conversions in one task: each step as its own command line
        echte_keten(opdrachten)
        for opdracht in opdrachten:
            i = opdracht.index("-o")
            doel = Path(opdracht[i + 1])
            cli = doel.with_name(doel.name + ".cli")
            rest = [*opdracht[:i], "-o", str(cli), *opdracht[i + 2 :]]
            subprocess.run([rendering._pandoc_pad(), *rest], check=True)
            van, naar = opdracht[opdracht.index("-f") + 1], opdracht[opdracht.index("-t") + 1]
            assert doel.read_bytes() == cli.read_bytes(), (van, naar)
            cli.unlink()
            gedaan.append((van, naar))

    monkeypatch.setattr(rendering, "pandoc", beide)
    monkeypatch.setattr(rendering, "pandoc_keten", keten)
    (tmp_path / "figuren").mkdir()
    (tmp_path / "figuren" / "a.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>', encoding="utf-8"
    )
    meta = {"author": "Werkmonitor", "date": "1 december 2025"}
    uit = rendering.render(
        [_rapporttekst(tmp_path / "01.ipynb")], tmp_path, "T", "S", "r.pdf", meta
    )
    pagina = tmp_path / "pagina.md"
    pagina.write_text("# Werkmonitor\n\nDe [rapporten](2025Q4/).\n", encoding="utf-8")
    rendering.naar_html([pagina], tmp_path / "pagina.html", "Site", "", None, formaat="markdown")
    assert uit.pdf.read_bytes()[:5] == b"%PDF-"
    assert gedaan == [
        ("ipynb+table_captions", "json"),
        ("json", "html5"),
        ("json", "typst"),
        ("markdown", "html5"),
    ]
    html = uit.html.read_text(encoding="utf-8")
    assert '<p class="date">1 december 2025</p>' in html and "waarschuwing" not in html


def test_pandoc_names_its_error_and_refuses_what_it_does_not_do(tmp_path):
    md = tmp_path / "a.md"
    md.write_text("# Kop\n\nTekst met **nadruk**.\n", encoding="utf-8")
    html = rendering.pandoc([md], "markdown", "html5", tmp_path / "a.html", [])
    assert html.read_text(encoding="utf-8") == (
        '<h1 id="kop">Kop</h1>\n<p>Tekst met <strong>nadruk</strong>.</p>\n'
    )
    with pytest.raises(RuntimeError, match=r"^pandoc \(markdown → html5\) mislukte: .*onbestaand"):
        rendering.pandoc([tmp_path / "onbestaand.md"], "markdown", "html5", tmp_path / "b", [])
    with pytest.raises(RuntimeError, match=r"optie --number-sections wordt hier niet onder"):
        rendering.pandoc([md], "markdown", "html5", tmp_path / "c", ["--number-sections"])
    assert not (tmp_path / "b").exists() and not (tmp_path / "c").exists()
    # the helper starts with a small heap (83 -> 33 MB of its own, measured)
    eerste = rendering._PANDOC._proces
    omgeving = Path(f"/proc/{eerste.pid}/environ").read_bytes().split(b"\0")
    assert b"GHCRTS=-H16m" in omgeving
    # the helper is replaced after PANDOC_PER_PROCES documents, and when it died
    rendering._PANDOC._gedaan = rendering.PANDOC_PER_PROCES
    rendering.pandoc([md], "markdown", "html5", tmp_path / "d.html", [])
    assert rendering._PANDOC._proces is not eerste and rendering._PANDOC._gedaan == 1
    rendering._PANDOC._proces.kill()
    rendering._PANDOC._proces.wait()
    rendering.pandoc([md], "markdown", "html5", tmp_path / "e.html", [])
    assert (tmp_path / "e.html").read_bytes() == html.read_bytes()
    # a process done building ends its helpers (batch._ontlast); a next conversion starts one
    proces = rendering._PANDOC._proces
    rendering.stop_hulpprocessen()
    assert rendering._PANDOC._proces is None and rendering._TYPST._proces is None
    assert proces.poll() is not None
    rendering.pandoc([md], "markdown", "html5", tmp_path / "f.html", [])
    assert (tmp_path / "f.html").read_bytes() == html.read_bytes()


def test_typst_compiles_in_a_helper_process_and_names_its_error(tmp_path):
    goed, fout = tmp_path / "goed.typ", tmp_path / "fout.typ"
    goed.write_text('#set page(paper: "a4")\n= Titel\nTekst.\n', encoding="utf-8")
    fout.write_text("#onbekend()\n", encoding="utf-8")
    pdf = rendering.typst_compileer(goed, tmp_path / "goed.pdf", tmp_path)
    assert pdf.read_bytes()[:5] == b"%PDF-"
    assert rendering.typst_compileer(goed, tmp_path / "twee.pdf", tmp_path).read_bytes() == (
        pdf.read_bytes()
    )  # a fixed timestamp: the same bytes
    with pytest.raises(RuntimeError, match=r"^Typst kon fout.typ niet opmaken: .*onbekend"):
        rendering.typst_compileer(fout, tmp_path / "fout.pdf", tmp_path)
    # the helper survives an error, is replaced after TYPST_PER_PROCES documents, and one
    # that died is replaced too: the same bytes every time
    eerste = rendering._TYPST._proces
    for i in range(rendering.TYPST_PER_PROCES):
        rendering.typst_compileer(goed, tmp_path / f"{i}.pdf", tmp_path)
    assert (
        rendering._TYPST._proces is not eerste
        and rendering._TYPST._gedaan < rendering.TYPST_PER_PROCES
    )
    rendering._TYPST._proces.kill()
    rendering._TYPST._proces.wait()
    derde = rendering.typst_compileer(goed, tmp_path / "derde.pdf", tmp_path)
    assert derde.read_bytes() == pdf.read_bytes()


def test_a_pdf_is_set_in_typsts_and_matplotlibs_fonts_never_the_machines(tmp_path):
    """A font installed on the machine (here Liberation Sans, as Debian's fonts-liberation
    brings it) is not used: the same PDF on every machine. Typst falls back to its own."""
    typ = tmp_path / "f.typ"
    typ.write_text('#set text(font: "Liberation Sans")\nHallo wereld.\n', encoding="utf-8")
    pdf = rendering.typst_compileer(typ, tmp_path / "f.pdf", tmp_path).read_bytes()
    assert b"LiberationSans" not in pdf and b"LibertinusSerif" in pdf


def _drukte(bron: str, markdown: str):
    """A code cell `bron` that printed `markdown` (as the package's `toon` does)."""
    uit = nbformat.v4.new_output("display_data", data={"text/markdown": markdown})
    return nbformat.v4.new_code_cell(bron, outputs=[uit])


def test_a_heading_with_nothing_under_it_is_left_out(tmp_path):
    """The section of a traject a unit does not have: its heading in a Markdown cell, its
    cells printing nothing. Left out of the page, the PDF and the table of contents, with the
    cell that held only that heading; a heading over text, or over a subsection, stays."""
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("## Resultaten WABZ\n\nInleiding.\n\n### Aantal trajecten"),
        _drukte("x", "Geen trajecten."),
        nbformat.v4.new_markdown_cell("### Werk"),
        nbformat.v4.new_code_cell("y", outputs=[]),
        nbformat.v4.new_markdown_cell("### Uitstroom"),
        nbformat.v4.new_markdown_cell("## Resultaten overige trajecten\n\n### Aantal trajecten"),
        _drukte("z", "Acht trajecten."),
        nbformat.v4.new_markdown_cell("### Status"),
    ]
    nbformat.write(nb, tmp_path / "01.ipynb")
    uit = rendering.render([tmp_path / "01.ipynb"], tmp_path, "Titel", "Sub", "r.pdf")
    html = uit.html.read_text(encoding="utf-8")
    koppen = re.findall(r"<h[23][^>]*>(.*?)</h[23]>", html, re.S)
    assert [" ".join(k.split()) for k in koppen] == [
        "Inhoud",
        "Resultaten WABZ",
        "Aantal trajecten",
        "Resultaten overige trajecten",
        "Aantal trajecten",
    ]
    assert html.count('class="cell markdown"') == 2  # the cells of only a left-out heading


def test_the_pdfs_chapters_are_the_headings_that_first_place_the_figures_before_them(tmp_path):
    """kop.typ flushes the floating figures at each chapter, so that none ends up in the
    next chapter: the rule must name the level at which pandoc writes the chapters ('## …'
    in the notebooks). It named level 1 until 3 December 2026 and so never applied."""
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("## Resultaten IPS\n\n### Werk\n\nTekst.")]
    nbformat.write(nb, tmp_path / "01.ipynb")
    tekst = rendering.lees(rendering.samenvoegen([tmp_path / "01.ipynb"], tmp_path / "r.ipynb"))
    rendering.naar_pdf([tekst], tmp_path / "r.pdf", "T", "S")
    typ = (tmp_path / "r.typ").read_text(encoding="utf-8")
    assert "\n== Resultaten IPS\n" in typ and "\n=== Werk\n" in typ
    kop = rendering.bron("kop.typ").read_text(encoding="utf-8")
    assert "#show heading.where(level: 2): it => {\n  place.flush()" in kop
    assert "set figure(placement: auto)" in kop


def test_a_short_table_stays_on_one_page_and_a_long_one_may_break(tmp_path):
    """In the PDF a table of at most KORT rows (typst.lua) is one unbreakable block with its
    caption (Tabel 1.4 of the annual report was split over two pages by a figure); a long
    table such as Tabel 3.1 (35 regions) may break between its rows."""

    def tabel(n: int) -> str:
        rijen = "".join(f"| regio {i} | {i} |\n" for i in range(n))
        return f"| Regio | Lopend |\n|---|---|\n{rijen}\n: Tabel {n}. Iets.\n"

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell(f"## Tabellen\n\n{tabel(6)}\n\n{tabel(35)}")]
    nbformat.write(nb, tmp_path / "01.ipynb")
    tekst = rendering.lees(rendering.samenvoegen([tmp_path / "01.ipynb"], tmp_path / "r.ipynb"))
    rendering.naar_pdf([tekst], tmp_path / "r.pdf", "T", "S")
    typ = (tmp_path / "r.typ").read_text(encoding="utf-8")
    blokken = re.findall(r"#block\(breakable: false\)\[\n(#figure\(.*?\n  \))\n\n\]\n", typ, re.S)
    assert len(blokken) == 1 and "Tabel 6. Iets." in blokken[0]
    assert "regio 5" in blokken[0] and "Tabel 35" not in blokken[0]
    assert "Tabel 35. Iets." in typ


def test_a_figure_keeps_its_caption_on_its_page_in_an_appendix(tmp_path):
    """In an appendix figures do not float (typst.lua): a figure near the foot of a page
    was split from its caption, which opened the next page (Figure B1.3a of the annual
    report). Its image and caption now move to the next page together."""
    import matplotlib.pyplot as plt
    import pandas as pd

    from werkmonitor.report import figures

    bijschrift = "Figuur B9.9. " + "Een bijschrift van drie regels lang. " * 7
    vulling = "\n\n".join(f"Regel {i} van de tekst." for i in range(12))

    def paginas(groepen: int) -> tuple[int, int, int]:
        """The pages of the text's last line, the figure's title and its caption, for a
        figure of `groepen` bars (each makes it 0,45 inch higher) under the text."""
        d = pd.DataFrame({"groep": [f"g{i}" for i in range(groepen)], "n": [10.0] * groepen})
        fig = figures.staafdiagram_horizontaal(d, "n", "groep", "Titel van de figuur", "n")
        beeld = figures.als_markdown(fig, bijschrift.strip(), "alt")
        plt.close("all")
        nb = nbformat.v4.new_notebook()
        nb.cells = [
            nbformat.v4.new_markdown_cell(f"## Bijlage 9. Figuren\n\n{vulling}"),
            _drukte("f", beeld),
        ]
        map_ = tmp_path / str(groepen)
        map_.mkdir()
        nbformat.write(nb, map_ / "01.ipynb")
        pdf = rendering.render([map_ / "01.ipynb"], map_, "Titel", "Sub", "r.pdf").pdf
        tekst = subprocess.run(
            ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        return tuple(
            tekst[: tekst.index(t)].count("\f") + 1
            for t in ("Regel 11 van", "Titel van de figuur", "Figuur B9.9.")
        )

    # an ever higher figure: it fits with its caption, then its caption no longer does
    # (the case), then the figure no longer does either
    gevallen = [paginas(groepen) for groepen in range(8, 17)]
    for _tekst, figuur, bijschrift_ in gevallen:
        assert figuur == bijschrift_, gevallen
    assert gevallen[0] == (3, 3, 3) and gevallen[-1] == (3, 4, 4), gevallen


def test_a_report_renders_from_a_relative_folder(tmp_path, monkeypatch):
    """The chain of conversions (`pandoc_keten`) passes the report text on only when each
    step names the file the first wrote: with a relative report folder the Typst step's
    resolved path differed, and the helper refused the chain. The helper, started before,
    runs in another folder: relative paths would point there."""
    voor = tmp_path / "voor.md"  # the helper started here, before the folder changes
    voor.write_text("# Voor\n", encoding="utf-8")
    rendering.pandoc([voor], "markdown", "html5", tmp_path / "voor.html", [])
    monkeypatch.chdir(tmp_path)
    map_ = Path("rapport")
    (map_ / "figuren").mkdir(parents=True)
    (map_ / "figuren" / "a.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>', encoding="utf-8"
    )
    uit = rendering.render([_rapporttekst(map_ / "01.ipynb")], map_, "T", "S", "r.pdf")
    assert uit.pdf.read_bytes()[:5] == b"%PDF-"
    assert "<h1" in uit.html.read_text(encoding="utf-8")
    assert not (map_ / "rapport.json").exists() and not (map_ / "r.typ").exists()
