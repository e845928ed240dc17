"""What a report is made from, as hashes: a report whose inputs are unchanged is not rebuilt.

A report's inputs are the registrations in force that it can read (content, not delivery ids:
a delivery replaced by one with the same numbers changes nothing), the notebooks, the project's
params and `_quarto.yml`, the package's source and resources, the docs and reference data it
prints, and the versions of the renderer and of the libraries that draw and compute. Their
hashes go into the report's `manifest.json`; the key over all of them decides.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
from functools import cache
from importlib import metadata
from pathlib import Path

from werkmonitor import __version__, store
from werkmonitor.paths import DOCS, PROJECT, REFERENTIE
from werkmonitor.periods import Periode
from werkmonitor.versie import bestanden, pakket

# libraries whose version can change a figure, a number or a page
BIBLIOTHEKEN = (
    "pandas",
    "numpy",
    "matplotlib",
    "seaborn",
    "babel",
    "duckdb",
    "papermill",
    "nbformat",
    "pypandoc_binary",
    "typst",
)


def _sha(data: bytes) -> str:
    """Hex sha256 of bytes."""
    return hashlib.sha256(data).hexdigest()


@cache
def gereedschap() -> str:
    """The renderer and the libraries that compute and draw, with their versions."""
    versies = {"werkmonitor": __version__}
    for naam in BIBLIOTHEKEN:
        try:
            versies[naam] = metadata.version(naam)
        except metadata.PackageNotFoundError:
            versies[naam] = "ontbreekt"
    if shutil.which("quarto"):
        uit = subprocess.run(["quarto", "--version"], capture_output=True, text=True, check=False)
        versies["quarto"] = uit.stdout.strip()
    return json.dumps(versies, sort_keys=True)


def gelezen_kwartalen(p: Periode) -> list[str]:
    """The quarters whose registrations the figures of a report of `p` are computed from:
    those of the periods it shows, and the quarter before each (a quarter's started and
    lost clients compare its stock with the one before, Bijlage 3 point 1). For a quarter
    the periods it shows are itself, those it is compared with and its trend quarters
    (`kwartaal.perioden`); for a half year or year, the years it falls in and the year
    before (`jaar.laad`)."""
    from werkmonitor.report import kwartaal

    if p.soort == "kwartaal":
        getoond = [Periode.lees(c) for c in kwartaal.perioden(p.code)]
    else:
        jaar = Periode.lees(str(p.kwartalen()[-1].jaar))
        getoond = [*jaar.vorige().kwartalen(), *jaar.kwartalen()]
    return sorted({x.code for q in getoond for x in (q, q.vorige())})


def cijfers(kopie: Path, tot: Periode | None, peildatum=None, exact: bool = True) -> str:
    """The registrations in force (as of `peildatum`) that the figures of a report of `tot`
    are computed from, by content: exactly the quarters it reads (`gelezen_kwartalen`: a
    correction of a quarter it does not read rebuilds nothing); all quarters when `tot` is
    None. One DuckDB hash over every registration with its organisation (the order of rows
    does not matter; a delivery replaced by one with the same numbers gives the same hash);
    the data status (synthetic or not) counts too. `exact=False`: every quarter up to the
    end of `tot` (the checks page also compares the published years)."""
    with store.open_store(kopie, alleen_lezen=True) as con:
        geldig = store.geldige_leveringen(con, peildatum)
        if tot is not None and exact:
            geldig = geldig[geldig["periode"].isin(gelezen_kwartalen(tot))]
        elif tot is not None:
            laatste = tot.kwartalen()[-1]
            geldig = geldig[[Periode.lees(p) <= laatste for p in geldig["periode"]]]
        aantal, inhoud = store.inhoud(con, geldig)
        synthetisch = store.lees_info(con, "synthetisch") or ""
    return _sha(f"{aantal}|{inhoud}|{synthetisch}".encode())


def gemeen(root: Path, notebooks: list[str], cijferhash: str) -> dict:
    """The hashes of the inputs that the reports of one batch share: the figures, the
    notebooks, params, `_quarto.yml`, the package, docs and reference data, the tools."""
    return {
        "cijfers": cijferhash,
        "notebooks": bestanden([root / "notebooks" / n for n in notebooks], root),
        "params": bestanden(list((root / "params").rglob("*")), root),
        "quarto": bestanden([root / "_quarto.yml"], root),
        "pakket": pakket(),
        "documentatie": bestanden([*DOCS.glob("*.md"), *REFERENTIE.glob("*")], PROJECT),
        "gereedschap": _sha(gereedschap().encode()),
    }


def met_parameters(gedeeld: dict, parameters: dict) -> dict:
    """`gedeeld` (see `gemeen`) with the hash of one report's parameters, and `sleutel`:
    one hash over all of them."""
    delen = {
        **gedeeld,
        "parameters": _sha(json.dumps(parameters, sort_keys=True, default=str).encode()),
    }
    delen["sleutel"] = _sha(json.dumps(delen, sort_keys=True).encode())
    return delen


def herzieningsstaat(kopie: Path, tot: Periode, peildatum=None, aanleveren_tot=None) -> str:
    """What a report's section on provisional and revised figures depends on besides the
    registrations it shows: the publications known on its day, the deliveries with other
    numbers received after them (they name the cause of a revision) and the provisional status
    of its last quarter. A new publication or a late delivery rebuilds the national report;
    nothing else changes this hash."""
    from werkmonitor.indicators import herzieningen

    with store.open_store(kopie, alleen_lezen=True) as con:
        pub = store.publicaties(con, peildatum)
        status = herzieningen.status(con, tot.code, peildatum, aanleveren_tot)
        laatste = pub.groupby("periode").tail(1).rename(columns={"datum": "gepubliceerd"})
        oorzaken = herzieningen.oorzaken(con, laatste, peildatum)
    delen = [
        pub.to_csv(index=False),
        oorzaken.to_csv(index=False),
        # the report's day is printed only while the figures are provisional: a delivery for
        # another quarter moves it, and rebuilds nothing once they are final
        repr((status.voorlopig, status.voorlopig and status.moment, status.deadline)),
        repr(status.ontbrekend),
    ]
    return _sha("\n".join(delen).encode())


def invoer(root: Path, notebooks: list[str], cijferhash: str, parameters: dict) -> dict:
    """The hash of every input of a report, and `sleutel`: one hash over all of them."""
    return met_parameters(gemeen(root, notebooks, cijferhash), parameters)


def ongewijzigd(map_: Path, sleutel: str):
    """The report in `map_` when it was built from exactly these inputs and its files are as
    its manifest says (an edited or missing file is rebuilt); otherwise None."""
    from werkmonitor.publish.rendering import Uitvoer, sha256

    pad = map_ / "manifest.json"
    try:
        manifest = json.loads(pad.read_text(encoding="utf-8"))
        if manifest.get("invoer", {}).get("sleutel") != sleutel:
            return None
        for naam, sha in manifest["bestanden"].items():
            if sha256(map_ / naam) != sha:
                return None
        u = manifest["uitvoer"]
        return Uitvoer([map_ / n for n in u["notebooks"]], map_ / u["html"], map_ / u["pdf"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
