"""The Quarto path, with a stand-in `quarto` on PATH that records its arguments and writes
what real Quarto writes (the Quarto CLI cannot be installed here)."""

import json
import os
import stat
import sys

import nbformat
import pytest

from werkmonitor.publish import rendering

STAND_IN = """#!{python}
import json, os, sys
args = sys.argv[1:]
with open({log!r}, "a", encoding="utf-8") as f:
    f.write(json.dumps({{"args": args, "cwd": os.getcwd()}}) + "\\n")
if {faalt!r}:
    print("ERROR: de stand-in faalt", file=sys.stderr)
    sys.exit(1)
if {schrijft!r}:
    uit = args[args.index("--output") + 1]
    soort = args[args.index("--to") + 1]
    with open(uit, "w", encoding="utf-8") as f:
        f.write("%PDF-stand-in" if soort == "typst" else "<html>" + " ".join(args) + "</html>")
"""


def _quarto(tmp_path, monkeypatch, faalt=False, schrijft=True):
    bin_ = tmp_path / "bin"
    bin_.mkdir()
    log = tmp_path / "quarto.log"
    script = bin_ / "quarto"
    script.write_text(
        STAND_IN.format(python=sys.executable, log=str(log), faalt=faalt, schrijft=schrijft)
    )
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{bin_}{os.pathsep}{os.environ['PATH']}")
    return log


def _hoofdstukken(map_):
    paden = []
    for i, kop in enumerate(("Eerste", "Tweede"), start=1):
        nb = nbformat.v4.new_notebook()
        nb.cells = [nbformat.v4.new_markdown_cell(f"# {kop}")]
        paden.append(map_ / f"0{i}.ipynb")
        nbformat.write(nb, paden[-1])
    return paden


def test_quarto_renders_the_merged_notebook_once_per_format(tmp_path, monkeypatch):
    log = _quarto(tmp_path, monkeypatch)
    map_ = tmp_path / "rapport"
    map_.mkdir()
    uit = rendering.render(
        _hoofdstukken(map_),
        map_,
        "Landelijk rapport",
        "Kwartaal 4 van 2025",
        "r.pdf",
        meta={"author": "Onderzoeksteam", "date": "februari 2026"},
        omlijsting=("<nav>n</nav><main>", "</main><footer>v</footer>"),
    )
    aanroepen = [json.loads(r) for r in log.read_text(encoding="utf-8").splitlines()]
    assert [a["args"][:6] for a in aanroepen] == [
        ["render", "rapport.ipynb", "--to", "html", "--no-execute", "--output"],
        ["render", "rapport.ipynb", "--to", "typst", "--no-execute", "--output"],
    ]
    assert [a["args"][6] for a in aanroepen] == ["index.html", "r.pdf"]
    assert {a["cwd"] for a in aanroepen} == {str(map_)}
    for a in aanroepen:  # the title page as the default renderer makes it
        velden = [a["args"][i + 1] for i, x in enumerate(a["args"]) if x == "-M"]
        assert velden[:4] == [
            "title:Landelijk rapport",
            "subtitle:Kwartaal 4 van 2025",
            "author:Onderzoeksteam",
            "date:februari 2026",
        ]
        assert "include-before-body:.include-before-body.html" in velden
    assert uit.html == map_ / "index.html" and uit.pdf.read_text() == "%PDF-stand-in"
    # the merged notebook and the included parts are intermediates
    assert sorted(p.name for p in map_.iterdir()) == ["01.ipynb", "02.ipynb", "index.html", "r.pdf"]


@pytest.mark.parametrize(
    "faalt,schrijft,reden",
    [
        (True, True, "ERROR: de stand-in faalt"),
        (False, False, "index.html niet gemaakt"),
    ],
)
def test_a_quarto_that_fails_or_writes_nothing_is_an_error(
    tmp_path, monkeypatch, faalt, schrijft, reden
):
    _quarto(tmp_path, monkeypatch, faalt=faalt, schrijft=schrijft)
    map_ = tmp_path / "rapport"
    map_.mkdir()
    with pytest.raises(RuntimeError) as fout:
        rendering.render(_hoofdstukken(map_), map_, "T", "S", "r.pdf")
    assert str(fout.value) == f"Quarto kon rapport.ipynb niet opmaken (html): {reden}"


def test_a_failing_quarto_fails_each_report_in_dutch_and_the_others_go_on(
    tmp_path, monkeypatch, demo_db, capsys
):
    from werkmonitor.cli import main

    project = tmp_path / "project"
    (project / "notebooks").mkdir(parents=True)
    (project / "params").mkdir()
    (project / "_quarto.yml").write_text("lang: nl\n", encoding="utf-8")
    nb = nbformat.v4.new_notebook()
    cel = nbformat.v4.new_code_cell("periode = '2025Q4'\ndb = None\npeildatum = None")
    cel.metadata["tags"] = ["parameters"]
    nb.cells = [cel, nbformat.v4.new_markdown_cell("# Hoofdstuk")]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "P", "language": "python"}
    for naam in ("01_algemene_resultaten", "90_controle", "20_dashboard"):
        nbformat.write(nb, project / "notebooks" / f"{naam}.ipynb")
    _quarto(tmp_path, monkeypatch, faalt=True)
    args = ["rapport", "--periode", "2025Q4", "--db", str(demo_db), "--project", str(project)]
    assert main(args) == 1
    fout = capsys.readouterr().err
    assert "Mislukt (3); de andere rapporten zijn gemaakt:" in fout
    for naam in ("landelijk", "controle", "dashboard"):
        assert (
            f"  {naam}: Quarto kon rapport.ipynb niet opmaken (html): ERROR: de stand-in faalt"
            in (fout)
        )
    assert "Traceback" not in fout
    assert not list((project / "reports" / "site").glob("2025Q4*"))  # nothing half-written
