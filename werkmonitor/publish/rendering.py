"""Execute chapter notebooks with papermill and render them to HTML and PDF.

With the Quarto CLI on PATH, `quarto render` is used. Otherwise Quarto's own engines are
called directly: pandoc (pypandoc_binary) to HTML, and pandoc to Typst plus the typst
compiler to PDF, with the settings of `_quarto.yml` (lang nl, A4, no code shown).
"""

from __future__ import annotations

import base64
import contextlib
import functools
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib.resources import files
from pathlib import Path

# jsonschema, which nbformat uses, imports `rfc3987_syntax` when it is installed (an extra of
# jupyter's packages) and that builds a grammar for ≈ 1,7 s at import; the notebook schema
# checks no IRI formats, so jsonschema is told the module is absent (it then skips them).
sys.modules.setdefault("rfc3987_syntax", None)

import nbformat  # noqa: E402
import papermill as pm  # noqa: E402
import pypandoc  # noqa: E402

from werkmonitor import __version__  # noqa: E402

VAST_MOMENT = datetime(2000, 1, 1, tzinfo=UTC)  # fixed PDF timestamp: identical bytes per run


@dataclass(frozen=True)
class Uitvoer:
    """The files one rendered report consists of."""

    notebooks: list[Path]
    html: Path
    pdf: Path


@contextmanager
def heel_of_niet(map_: Path, root: Path | None = None) -> Iterator[Path]:
    """A temporary folder to build a report in; moved into place as a whole when the block
    ends normally, removed when it fails (the previous `map_` then stays). With the project
    folder `root` it is under the git-ignored `build/bouw/` (papermill executes there, out
    of the site that Quarto writes), otherwise beside `map_`."""
    if root is not None and map_.resolve().is_relative_to(root.resolve()):
        deel = map_.resolve().relative_to(root.resolve()).as_posix().replace("/", "~")
        bouw = root / "build" / "bouw" / deel
    else:
        bouw = map_.parent / f".{map_.name}.bouw"
    shutil.rmtree(bouw, ignore_errors=True)  # left by an interrupted run
    bouw.mkdir(parents=True)
    try:
        yield bouw
    except BaseException:
        shutil.rmtree(bouw, ignore_errors=True)
        raise
    map_.parent.mkdir(parents=True, exist_ok=True)
    oud = map_.parent / f".{map_.name}.oud"
    shutil.rmtree(oud, ignore_errors=True)
    if map_.exists():
        os.replace(map_, oud)
    os.replace(bouw, map_)
    shutil.rmtree(oud, ignore_errors=True)


def verplaatst(uitvoer: Uitvoer, van: Path, naar: Path) -> Uitvoer:
    """The same report's files after its folder moved from `van` to `naar`."""

    def pad(p: Path) -> Path:
        return naar / p.relative_to(van)

    return Uitvoer([pad(n) for n in uitvoer.notebooks], pad(uitvoer.html), pad(uitvoer.pdf))


def bron(naam: str) -> Path:
    """Path of a packaged resource file (Lua filter, CSS)."""
    return Path(str(files("werkmonitor.publish") / "resources" / naam))


class NotebookFout(RuntimeError):
    """A cell of a chapter notebook failed; the message names notebook, cell and error."""

    def __init__(self, notebook: str, cel: int | None, fout: str):
        self.notebook, self.cel, self.fout = notebook, cel, fout
        plek = f"cel {cel}" if cel is not None else "bij het starten"
        super().__init__(f"{notebook}, {plek}: {fout}")


def voer_uit(notebook: Path, uitvoer: Path, parameters: dict, bewaard: dict | None = None) -> Path:
    """Execute `notebook` with `parameters` into `uitvoer`, then make it reproducible; the
    kept notebook records `bewaard` where it differs from `parameters` (the store itself
    instead of the private snapshot the run read, which is gone afterwards: so that the
    notebook can be run again and two builds keep the same notebook).

    Papermill executes it in this process (`publish.binnen`: no kernel, no messages per
    cell); a batch spreads its reports over processes (`publish.batch`). A failing cell ends
    in a `NotebookFout` naming the notebook, the cell and the first line of the error.
    """
    from werkmonitor.publish import binnen

    uitvoer.parent.mkdir(parents=True, exist_ok=True)
    try:
        # kept in memory while it runs and written once, reproducible, below (papermill
        # would write it when it starts, when it ends and once more: ≈ 10 ms a notebook)
        nb = pm.execute_notebook(
            str(notebook),
            None,
            parameters=parameters,
            request_save_on_cell_execute=False,
            progress_bar=False,
            log_output=False,
            kernel_name="python3",
            engine_name=binnen.NAAM,
        )
    except pm.PapermillExecutionError as exc:
        eerste = (str(exc.evalue).strip().splitlines() or [""])[0]
        cel = _bronnummer(notebook, exc.cell_index, ingevoegd=bool(parameters))
        raise NotebookFout(notebook.name, cel, f"{exc.ename}: {eerste}") from exc
    vervang = {
        str(v): str(bewaard[k])
        for k, v in parameters.items()
        if bewaard is not None and k in bewaard and isinstance(v, str) and bewaard[k] != v
    }
    schrijf_notebook(reproduceerbaar(nb, uitvoer.parent, vervang), uitvoer)
    return uitvoer


# The notebooks a report writes and reads again are its own, executed: they are checked
# against the notebook schema in the tests (test_site), not on every write and read
# here (nbformat's `write` and `read` validate each time, ≈ 1 ms a notebook, 13 times a
# report). The same bytes as nbformat.write.
def schrijf_notebook(nb, pad: Path) -> None:
    """Write notebook `nb` (version 4) to `pad` as nbformat.write does, unvalidated."""
    tekst = nbformat.v4.writes(nb)
    pad.write_text(tekst if tekst.endswith("\n") else tekst + "\n", encoding="utf-8")


def lees_notebook(pad: Path):
    """A notebook written by `schrijf_notebook` (or any version-4 notebook), unvalidated."""
    return nbformat.convert(nbformat.reader.reads(pad.read_text(encoding="utf-8")), 4)


def _bronnummer(notebook: Path, index: int, ingevoegd: bool = True) -> int:
    """The number (from 1) of an executed notebook's cell `index` in the notebook as the
    researcher sees it: papermill adds its parameter cell after the cell tagged
    'parameters' when it was given parameters (`ingevoegd`)."""
    try:
        cellen = nbformat.read(notebook, as_version=4).cells
    except (OSError, ValueError):
        return index + 1
    tags = [c.get("metadata", {}).get("tags", []) for c in cellen]
    parameters = next((i for i, t in enumerate(tags) if "parameters" in t), None)
    verschoven = ingevoegd and parameters is not None and index > parameters
    return index if verschoven else index + 1


FIGUURMAP = "figuren"  # beside each report's pages: its figures, once each, as SVG files
CIJFERMAP = "cijfers"  # and the numbers behind its figures and tables, as CSV files
_DATA_URI = re.compile(r"\(data:(image/svg\+xml|image/png|text/csv);base64,([A-Za-z0-9+/=\s]+)\)")
_SOORT = {
    "image/svg+xml": (FIGUURMAP, ".svg"),
    "image/png": (FIGUURMAP, ".png"),  # a figure a notebook shows itself (plt.show)
    "text/csv": (CIJFERMAP, ".csv"),
}


def _figuur_bestand(data: bytes, map_: Path, soort: str = "image/png") -> str:
    """Write one figure (SVG or PNG) or CSV into `map_/figuren/` (`cijfers/`) under a name
    taken from its content (the same figure twice is one file; the same figure next run is
    the same name); its relative path."""
    submap, ext = _SOORT[soort]
    naam = f"{submap}/{hashlib.sha256(data).hexdigest()[:16]}{ext}"
    doel = map_ / naam
    if not doel.exists():
        doel.parent.mkdir(exist_ok=True)
        doel.write_bytes(data)
    return naam


def figuren_los(nb, map_: Path):
    """The notebook `nb` with every embedded figure (an SVG or PNG data URI in a Markdown
    output, or an image/png output) written once as a file in `map_/figuren/`, and every
    embedded CSV (the numbers behind a figure or table) in `map_/cijfers/`, each referred
    to by its relative path: the pages refer to the files instead of carrying them as
    base64 (the PDF embeds its own copy of the figures), and the executed notebook is small.
    Returns `nb`, changed."""

    def los(m: re.Match) -> str:
        return f"({_figuur_bestand(base64.b64decode(m.group(2)), map_, m.group(1))})"

    for cel in nb.cells:
        for out in cel.get("outputs", []):
            data = out.get("data")
            if not data:
                continue
            if "text/markdown" in data and ";base64," in data["text/markdown"]:
                data["text/markdown"] = _DATA_URI.sub(los, data["text/markdown"])
            if "image/png" in data:
                naam = _figuur_bestand(base64.b64decode(data.pop("image/png")), map_)
                data.pop("text/plain", None)
                data["text/markdown"] = f"![]({naam})"
    return nb


def reproduceerbaar(nb, map_: Path, vervang: dict[str, str] | None = None):
    """The executed notebook `nb` without papermill's timestamps, paths and random cell ids,
    so equal inputs give equal files; its figures put in files of their own in `map_`, the
    notebook's folder (`figuren_los`); each parameter value in `vervang` (old: new) written
    as its new value in the parameter cell papermill added and in the metadata. Returns
    `nb`, changed."""
    nb = figuren_los(nb, map_)
    for oud, nieuw in (vervang or {}).items():
        for cel in nb.cells:
            if "injected-parameters" in cel.get("metadata", {}).get("tags", []):
                cel.source = cel.source.replace(oud, nieuw)
        gegeven = nb.metadata.get("papermill", {}).get("parameters", {})
        for k, v in gegeven.items():
            if v == oud:
                gegeven[k] = nieuw
    nb.metadata.get("papermill", {}).pop("start_time", None)
    nb.metadata.get("papermill", {}).pop("end_time", None)
    nb.metadata.get("papermill", {}).pop("duration", None)
    nb.metadata.get("papermill", {}).pop("input_path", None)
    nb.metadata.get("papermill", {}).pop("output_path", None)
    for i, cel in enumerate(nb.cells):
        cel["id"] = f"cel-{i:03d}"
        cel.metadata.pop("papermill", None)
        cel.metadata.pop("execution", None)
    return nb


# notebooks as pandoc reads them: with captions for the tables of Markdown cells (': Tabel …'),
# which pandoc's ipynb format leaves off by default
BRONFORMAAT = "ipynb+table_captions"

# what the default renderer takes from _quarto.yml when the file does not say it
STANDAARD_OPMAAK = {
    "lang": "nl",
    "html": {"toc": True, "toc-depth": 2, "toc-title": "Inhoud"},
    "typst": {"toc": True, "papersize": "a4", "region": "NL", "toc-title": "Inhoud"},
}


def opmaak(root: Path | None) -> dict:
    """The settings of `root/_quarto.yml` that the default renderer applies (the same file
    Quarto reads): `lang`, and per format `toc`, `toc-depth`, `toc-title`, and for Typst
    `papersize` and `region`; missing ones from STANDAARD_OPMAAK."""
    import yaml

    pad = (root or Path(".")) / "_quarto.yml"
    try:
        inhoud = yaml.safe_load(pad.read_text(encoding="utf-8")) or {}
    except FileNotFoundError:
        inhoud = {}
    except yaml.YAMLError as exc:
        raise ValueError(f"{pad} is geen geldig YAML-bestand.") from exc
    formaten = inhoud.get("format") or {}
    uit = {"lang": inhoud.get("lang", STANDAARD_OPMAAK["lang"])}
    for fmt in ("html", "typst"):
        eigen = formaten.get(fmt) or {}
        uit[fmt] = {k: eigen.get(k, v) for k, v in STANDAARD_OPMAAK[fmt].items()}
        uit[fmt]["lang"] = eigen.get("lang", uit["lang"])
    return uit


@functools.cache
def _pandoc_pad() -> str:
    """The pandoc that pypandoc chooses (its own binary, or a newer one on PATH)."""
    return pypandoc.get_pandoc_path()


def pandoc(bronnen: list[Path], van: str, naar: str, doel: Path, args: list[str]) -> Path:
    """Convert the file `bronnen` (one) from format `van` to `naar` into `doel`, with the
    arguments `args` of pandoc's command line, in the process's pandoc helper (`_PANDOC`,
    omzetten.lua: the same bytes as the command line, ≈ 0,15 s a report less than a pandoc
    process per conversion). A pandoc error ends in a RuntimeError with its first line."""
    # absolute paths: the helper runs in the folder it was started in
    bestanden = [str(Path(b).resolve()) for b in bronnen]
    fout = _PANDOC.vraag(
        [*bestanden, "-f", van, "-t", naar, "-o", str(Path(doel).resolve()), *args]
    )
    if fout is not None:
        regels = [r.strip() for r in fout.splitlines() if r.strip()] or ["?"]
        raise RuntimeError(f"pandoc ({van} → {naar}) mislukte: {regels[0]}")
    return doel


def _omzetting(opdracht: list[str]) -> Path:
    """One conversion given as a whole command line (`_html_opdracht`, `_typst_opdracht`,
    `_lees_opdracht`: input files, -f, -t, -o and the rest), done by `pandoc`."""
    i = opdracht.index("-f")
    van, naar, doel = opdracht[i + 1], opdracht[i + 3], Path(opdracht[i + 5])
    if opdracht[i + 2] != "-t" or opdracht[i + 4] != "-o":
        raise ValueError(f"geen omzetting: {' '.join(opdracht)}")
    return pandoc([Path(b) for b in opdracht[:i]], van, naar, doel, opdracht[i + 6 :])


def pandoc_keten(opdrachten: list[list[str]]) -> None:
    """Several conversions in one task of the pandoc helper (omzetten.lua `keten`): each is
    the arguments of pandoc's command line; the first writes its output, and each next one
    reads that output, which the helper passes on in memory instead of reading the file
    back (the same bytes). A pandoc error ends in a RuntimeError with its first line."""
    fout = _PANDOC.vraag([[str(a) for a in opdracht] for opdracht in opdrachten])
    if fout is not None:
        regels = [r.strip() for r in fout.splitlines() if r.strip()] or ["?"]
        raise RuntimeError(f"pandoc mislukte: {regels[0]}")


def _pandoc_args(
    titel: str, ondertitel: str, meta: dict | None = None, lang: str = "nl"
) -> list[str]:
    """Arguments shared by the HTML and Typst conversions; `meta` adds title-page fields
    such as author and date (empty values are left out)."""
    extra = [x for k, v in (meta or {}).items() if v for x in ("-M", f"{k}={v}")]
    return [
        *extra,
        "--standalone",
        "-M",
        f"title={titel}",
        "-M",
        f"subtitle={ondertitel}",
        "-M",
        f"lang={lang}",
        "-V",
        f"lang={lang}",
    ]


def _inhoudsopgave(opties: dict, diepte: bool) -> list[str]:
    """pandoc's arguments for the table of contents of one format's settings."""
    if not opties.get("toc"):
        return []
    uit = ["--toc", "-M", f"toc-title={opties.get('toc-title', 'Inhoud')}"]
    return uit + ([f"--toc-depth={opties.get('toc-depth', 2)}"] if diepte else [])


@contextlib.contextmanager
def _html_opdracht(
    bronnen: list[Path],
    doel: Path,
    titel: str,
    ondertitel: str,
    meta: dict | None = None,
    opties: dict | None = None,
    omlijsting: tuple[str, str] | None = None,
    formaat: str = "json",
) -> Iterator[list[str]]:
    """pandoc's command line for `naar_html`, while the files it includes exist (every
    path absolute: the helper runs in the folder it was started in)."""
    doel = doel.resolve()
    opties = opties if opties is not None else STANDAARD_OPMAAK["html"]
    voor, na = omlijsting or ("<main>\n", "</main>\n")
    delen = {
        "stijl": f"<style>\n{bron('werkmonitor.css').read_text(encoding='utf-8')}</style>\n",
        "voor": voor,
        "na": na,
    }
    paden = {k: doel.parent / f".{k}.html" for k in delen}  # pandoc includes files only
    for k, tekst in delen.items():
        paden[k].write_text(tekst, encoding="utf-8")
    args = [
        *_pandoc_args(titel, ondertitel, meta, opties.get("lang", "nl")),
        *_inhoudsopgave(opties, diepte=True),
        f"--include-in-header={paden['stijl']}",
        f"--include-before-body={paden['voor']}",
        f"--include-after-body={paden['na']}",
    ]
    if formaat == "markdown":  # a page of the site (a report's text has it from `lees`)
        args.append(f"--lua-filter={bron('tabellen.lua')}")
    try:
        yield [*map(str, bronnen), "-f", formaat, "-t", "html5", "-o", str(doel), *args]
    finally:
        for pad in paden.values():
            pad.unlink(missing_ok=True)


def naar_html(
    notebooks: list[Path],
    doel: Path,
    titel: str,
    ondertitel: str,
    meta: dict | None = None,
    opties: dict | None = None,
    omlijsting: tuple[str, str] | None = None,
    formaat: str = "json",
) -> Path:
    """Render executed notebooks to one HTML file with pandoc, with the HTML settings of
    `_quarto.yml` (`opmaak(...)["html"]`). The style is in the page; the figures are the
    files in `figuren/` beside it (`figuren_los`), referred to by relative paths, so the
    folder works offline and from any web server. `omlijsting`: HTML before and after the
    page's own content (the site's navigation and footer, `publish.site`). `formaat`:
    'json' for the report text `lees` made of the notebooks, or 'markdown' for a page
    written as text (the site's index pages)."""
    with _html_opdracht(
        notebooks, doel, titel, ondertitel, meta, opties, omlijsting, formaat
    ) as opdracht:
        _omzetting(opdracht)
    return doel


def _typst_opdracht(
    bronnen: list[Path],
    typ: Path,
    titel: str,
    ondertitel: str,
    meta: dict | None = None,
    opties: dict | None = None,
) -> list[str]:
    """pandoc's command line for the Typst source of `naar_pdf`."""
    opties = opties if opties is not None else STANDAARD_OPMAAK["typst"]
    args = [
        *_pandoc_args(titel, ondertitel, meta, opties.get("lang", "nl")),
        f"--lua-filter={bron('typst.lua')}",
        f"--include-in-header={bron('kop.typ')}",
        "-V",
        f"papersize={opties.get('papersize', 'a4')}",
        "-V",
        f"region={opties.get('region', 'NL')}",
        "-V",
        "mainfont=Libertinus Serif",
        *_inhoudsopgave(opties, diepte=False),
    ]
    return [
        *(str(b.resolve()) for b in bronnen),
        "-f",
        "json",
        "-t",
        "typst",
        "-o",
        str(typ),
        *args,
    ]


def naar_pdf(
    notebooks: list[Path],
    doel: Path,
    titel: str,
    ondertitel: str,
    meta: dict | None = None,
    opties: dict | None = None,
) -> Path:
    """Render the report text `lees` made of the executed notebooks to PDF: pandoc to
    Typst (with the PDF's own rules, typst.lua), then the typst compiler.

    Nothing depends on the working directory (reports are rendered from several threads,
    and papermill changes the process's working directory while it runs): the figures are
    files in `figuren/` beside the Typst file, which refers to them relative to itself."""
    typ = doel.with_suffix(".typ").resolve()
    opdracht = _typst_opdracht(notebooks, typ, titel, ondertitel, meta, opties)
    _omzetting(opdracht)
    typst_compileer(typ, doel, doel.parent.resolve())
    return doel


# typst-py keeps everything it compiled in its memoisation cache and offers no way to empty
# it (≈ 13 MB per report): the compiler runs in a helper process of its own (`_TYPST`) that
# compiles up to TYPST_PER_PROCES documents and is then replaced, which returns the memory.
# Starting one costs ≈ 0,15 s (Python, typst, the fonts); a compilation in a warm one takes
# ≈ 0,07 s, in a fresh process each ≈ 0,13 s. The fonts are Typst's own (Libertinus Serif)
# and matplotlib's (DejaVu Sans, the figures' font, see report.figures), never the machine's:
# a figure's text is set in the font it was laid out with, and a PDF has the same bytes on
# every machine (a system DejaVu Sans, as Debian's fonts-dejavu, gave other bytes). After 4
# documents a helper holds ≈ 60 MB, after 8 (until 4 December 2026) ≈ 100 MB, after 16
# ≈ 170 MB: a batch's three helpers together 0,1 GB less for ≈ 1,5 CPU-seconds more.
TYPST_PER_PROCES = 4
_TYPST_DIENST = r"""
import json, sys, typst
fonts = {}  # font folder -> its fonts, read once (a compile that reads them: 19 -> 11 ms)
for regel in sys.stdin:
    taak = json.loads(regel)
    try:
        if taak["fonts"] not in fonts:
            fonts[taak["fonts"]] = typst.Fonts(include_system_fonts=False,
                                               font_paths=[taak["fonts"]])
        typst.compile(taak["typ"], output=taak["pdf"], root=taak["root"],
                      timestamp=taak["tijd"], font_paths=fonts[taak["fonts"]],
                      ignore_system_fonts=True)
        antwoord = {"fout": None}
    except Exception as exc:
        antwoord = {"fout": str(exc) or type(exc).__name__}
    sys.stdout.write(json.dumps(antwoord) + "\n")
    sys.stdout.flush()
"""


def _figuurfonts() -> str:
    """The folder of the fonts matplotlib ships (DejaVu Sans among them)."""
    import matplotlib

    return str(Path(matplotlib.get_data_path()) / "fonts" / "ttf")


class _Hulp:
    """A helper process that does one task at a time: a JSON line in (`vraag`), a JSON line
    out ({"fout": null or the error}); replaced after `per_proces` tasks, or when it died.
    It ends when this process ends (its input closes)."""

    def __init__(self, naam: str, opdracht, per_proces: int, omgeving: dict | None = None) -> None:
        import threading

        self.naam, self._opdracht, self.per_proces = naam, opdracht, per_proces
        self._omgeving = omgeving or {}  # environment variables added for the helper
        self._proces: subprocess.Popen | None = None
        self._gedaan = 0
        self._slot = threading.Lock()

    def _stop(self) -> None:
        """End the helper process, if any."""
        if self._proces is not None:
            try:
                self._proces.stdin.close()
                self._proces.wait(timeout=10)
            except (OSError, subprocess.TimeoutExpired):
                self._proces.kill()
                self._proces.wait()
            self._proces.stdout.close()
        self._proces, self._gedaan = None, 0

    def _klaar(self) -> subprocess.Popen:
        """A helper process that can take the next task."""
        if (
            self._proces is None
            or self._proces.poll() is not None
            or self._gedaan >= self.per_proces
        ):
            self._stop()
            self._proces = subprocess.Popen(
                self._opdracht(),
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                text=True,
                encoding="utf-8",
                env={**os.environ, **self._omgeving} if self._omgeving else None,
            )
        return self._proces

    def vraag(self, taak) -> str | None:
        """Have the helper do `taak`; None, or its error message."""
        with self._slot:
            proces = self._klaar()
            self._gedaan += 1
            try:
                proces.stdin.write(json.dumps(taak) + "\n")
                proces.stdin.flush()
                antwoord = proces.stdout.readline()
            except OSError:
                antwoord = ""
            if not antwoord:  # the helper died (memory, a signal)
                code = proces.poll()
                self._stop()
                return f"het {self.naam}-proces stopte onverwacht (code {code})"
            return json.loads(antwoord)["fout"]

    def __del__(self) -> None:
        # at the interpreter's end the helper ends by itself (its input closes)
        with contextlib.suppress(Exception):
            self._stop()


_TYPST = _Hulp("Typst", lambda: [sys.executable, "-c", _TYPST_DIENST], per_proces=TYPST_PER_PROCES)
# pandoc keeps what it read in its own memory as it goes: replaced now and then too. Its
# own memory stays ≈ 33 MB over hundreds of documents (measured) with a heap that starts at
# 16 MB instead of the 64 MB pandoc is built with (83 MB; equally fast): `GHCRTS`, which a
# pandoc that takes no runtime options ignores.
PANDOC_PER_PROCES = 256
_PANDOC = _Hulp(
    "pandoc",
    lambda: [_pandoc_pad(), "lua", str(bron("omzetten.lua"))],
    per_proces=PANDOC_PER_PROCES,
    omgeving={"GHCRTS": "-H16m"},
)


def stop_hulpprocessen() -> None:
    """End this process's pandoc and Typst helpers (a next conversion starts new ones)."""
    for hulp in (_PANDOC, _TYPST):
        with hulp._slot:
            hulp._stop()


def typst_compileer(typ: Path, pdf: Path, root: Path) -> Path:
    """Compile a Typst file to PDF with the typst package, in a helper process (`_Typst`);
    a Typst error ends in a RuntimeError with the first line of Typst's message."""
    fout = _TYPST.vraag(
        {  # absolute: the helper runs in the folder it was started in
            "typ": str(typ.resolve()),
            "pdf": str(pdf.resolve()),
            "root": str(root.resolve()),
            "tijd": int(VAST_MOMENT.timestamp()),
            "fonts": _figuurfonts(),
        }
    )
    if fout is not None:
        regels = [r.strip() for r in fout.splitlines() if r.strip()]
        raise RuntimeError(f"Typst kon {typ.name} niet opmaken: {regels[0] if regels else '?'}")
    return pdf


def met_quarto(
    geheel: Path,
    html: Path,
    pdf: Path,
    titel: str,
    ondertitel: str,
    meta: dict | None = None,
    omlijsting: tuple[str, str] | None = None,
) -> tuple[Path, Path]:
    """Render the executed, merged notebook `geheel` with the Quarto CLI (used when
    `quarto` is on PATH) to `html` and `pdf` beside it: without executing it again
    (`--no-execute`), with the same title page fields as the default renderer, the site's
    navigation and footer in the page, and the other settings from `_quarto.yml`, which
    Quarto reads itself. A Quarto that fails, or makes no file, ends in a RuntimeError."""
    map_ = geheel.parent
    velden = {"title": titel, "subtitle": ondertitel, **(meta or {})}
    args = [x for k, v in velden.items() if v for x in ("-M", f"{k}:{v}")]
    delen = {}
    if omlijsting is not None:
        delen = {"include-before-body": omlijsting[0], "include-after-body": omlijsting[1]}
    for sleutel, tekst in delen.items():
        (map_ / f".{sleutel}.html").write_text(tekst, encoding="utf-8")
        args += ["-M", f"{sleutel}:.{sleutel}.html"]
    try:
        for fmt, doel in (("html", html), ("typst", pdf)):
            uit = subprocess.run(
                ["quarto", "render", geheel.name, "--to", fmt, "--no-execute", "--output",
                 doel.name, *args],
                cwd=map_, capture_output=True, text=True, check=False,
            )  # fmt: skip
            if uit.returncode != 0 or not doel.is_file():
                regels = [r for r in uit.stderr.strip().splitlines() if r.strip()]
                reden = regels[-1] if regels else f"{doel.name} niet gemaakt"
                raise RuntimeError(f"Quarto kon {geheel.name} niet opmaken ({fmt}): {reden}")
    finally:
        for sleutel in delen:
            (map_ / f".{sleutel}.html").unlink(missing_ok=True)
    return html, pdf


def render(
    notebooks: list[Path],
    map_: Path,
    titel: str,
    ondertitel: str,
    pdf_naam: str,
    meta: dict | None = None,
    root: Path | None = None,
    omlijsting: tuple[str, str] | None = None,
) -> Uitvoer:
    """Render executed notebooks in `map_` to index.html and a PDF; `meta`: title-page
    fields (author, date) for pandoc; `root`: the project whose `_quarto.yml` holds the
    settings (table of contents, paper size, language); `omlijsting`: the page's navigation
    and footer (`publish.site.omlijsting`)."""
    html, pdf = map_ / "index.html", map_ / pdf_naam
    geheel = samenvoegen(notebooks, map_ / "rapport.ipynb")
    if shutil.which("quarto"):
        met_quarto(geheel, html, pdf, titel, ondertitel, meta, omlijsting)
        geheel.unlink()
        return Uitvoer(notebooks, html, pdf)
    instellingen = opmaak(root)
    # the report text read once and written twice, in one task of the pandoc helper:
    # notebook -> pandoc's document (JSON) -> HTML and Typst (`pandoc_keten`)
    # every path absolute: the helper runs in the folder it was started in, and each step
    # must name the file the first wrote
    tekst, typ = geheel.with_suffix(".json").resolve(), pdf.with_suffix(".typ").resolve()
    with _html_opdracht(
        [tekst], html.resolve(), titel, ondertitel, meta, instellingen["html"], omlijsting
    ) as html_opdracht:
        pandoc_keten(
            [
                _lees_opdracht(geheel.resolve(), tekst),
                html_opdracht,
                _typst_opdracht([tekst], typ, titel, ondertitel, meta, instellingen["typst"]),
            ]
        )
    typst_compileer(typ, pdf, map_.resolve())
    # intermediates: the merged notebook (each chapter is kept once, as itself), the report
    # text and the Typst source
    geheel.unlink()
    tekst.unlink()
    pdf.with_suffix(".typ").unlink(missing_ok=True)
    return Uitvoer(notebooks, html, pdf)


def lees(geheel: Path) -> Path:
    """The report text of the executed, merged notebook `geheel` as pandoc's document tree
    (JSON, beside it): code left out, the Markdown the cells printed read (notebook.lua).
    Read once, written twice (HTML and Typst): the Markdown is parsed once per report."""
    doel = geheel.with_suffix(".json")
    _omzetting(_lees_opdracht(geheel, doel))
    return doel


def _lees_opdracht(geheel: Path, doel: Path) -> list[str]:
    """pandoc's command line for `lees`: the merged notebook to the report text."""
    return [str(geheel), "-f", BRONFORMAAT, "-t", "json", "-o", str(doel)] + [
        "--ipynb-output=all",
        f"--lua-filter={bron('notebook.lua')}",
        f"--lua-filter={bron('tabellen.lua')}",
    ]


def samenvoegen(notebooks: list[Path], doel: Path) -> Path:
    """One notebook with the cells of all chapters in order (pandoc reads one ipynb at a
    time: several JSON files concatenated are not a notebook), its figures in files."""
    eerste = lees_notebook(notebooks[0])
    for pad in notebooks[1:]:
        eerste.cells.extend(lees_notebook(pad).cells)
    for i, cel in enumerate(eerste.cells):
        cel["id"] = f"cel-{i:03d}"  # unique and fixed, so the file is the same every run
    # figures still embedded (a notebook executed elsewhere, e.g. by papermill's command
    # line) become files too: the pages and the Typst source refer to files only
    schrijf_notebook(figuren_los(eerste, doel.parent), doel)
    return doel


def sha256(pad: Path) -> str:
    """Hex sha256 of a file."""
    return hashlib.sha256(pad.read_bytes()).hexdigest()


def schrijf_manifest(
    map_: Path, uitvoer: Uitvoer, parameters: dict, extra: dict, invoer: dict | None = None
) -> Path:
    """Write manifest.json: what was made, from which parameters and inputs (`invoer`: the
    hash of each input and their key, see `publish.invoer`), with file hashes."""
    figuren = [
        *sorted((map_ / FIGUURMAP).glob("*.svg")),
        *sorted((map_ / FIGUURMAP).glob("*.png")),
        *sorted((map_ / CIJFERMAP).glob("*.csv")),
        *sorted(map_.glob("*.xlsx")),
    ]
    bestanden = [*uitvoer.notebooks, uitvoer.html, uitvoer.pdf, *figuren]
    manifest = {
        "werkmonitor_versie": __version__,
        "gemaakt_op": datetime.now(UTC).isoformat(timespec="seconds"),
        "renderer": "quarto" if shutil.which("quarto") else "pandoc+typst",
        "parameters": parameters,
        **extra,
        **({"invoer": invoer} if invoer else {}),
        "uitvoer": {
            "notebooks": [str(p.relative_to(map_)) for p in uitvoer.notebooks],
            "html": str(uitvoer.html.relative_to(map_)),
            "pdf": str(uitvoer.pdf.relative_to(map_)),
        },
        "bestanden": {str(p.relative_to(map_)): sha256(p) for p in bestanden if p.exists()},
    }
    pad = map_ / "manifest.json"
    pad.write_text(
        json.dumps(manifest, indent=2, ensure_ascii=False, default=str) + "\n", encoding="utf-8"
    )
    return pad
