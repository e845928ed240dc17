"""Fingerprints of the code and the reference data, to know when something built is current."""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

from werkmonitor.paths import PROJECT, REFERENTIE


def bestanden(paden: list[Path], basis: Path) -> str:
    """One hash over files (their paths relative to `basis` and their bytes), in path order;
    a missing file counts as absent."""
    h = hashlib.sha256()
    for pad in sorted(p for p in paden if p.is_file()):
        h.update(str(pad.relative_to(basis)).encode() + b"\0" + pad.read_bytes() + b"\0")
    return h.hexdigest()


def _pakketbestanden() -> list[Path]:
    """Every file of the package's source and resources (not caches)."""
    map_ = Path(__file__).resolve().parent
    return [p for p in map_.rglob("*") if "__pycache__" not in p.parts and p.suffix != ".pyc"]


@cache
def pakket() -> str:
    """The package's source and resources (every file under werkmonitor/, not caches)."""
    return bestanden(_pakketbestanden(), Path(__file__).resolve().parent)


# what the demo data are not made from: the reports, the rendering and the command line,
# which the demo may not import, directly or through others (the import contracts 'demo'
# and 'lagen' in pyproject.toml, checked by lint-imports in the tests)
NIET_VOOR_DEMO = ("report", "publish", "cli.py")


def demobestanden() -> list[Path]:
    """The package files the demo store is built from (`NIET_VOOR_DEMO` left out)."""
    map_ = Path(__file__).resolve().parent
    return [p for p in _pakketbestanden() if p.relative_to(map_).parts[0] not in NIET_VOOR_DEMO]


@cache
def demo() -> str:
    """What the demo data are made from: the package without the reports, the rendering and
    the command line (`demobestanden`), and the reference figures it is calibrated to.
    Equal fingerprints give the same demo store, so that a change of a report's text does
    not make the tests build the demo store again."""
    code = bestanden(demobestanden(), Path(__file__).resolve().parent)
    referentie = bestanden(list(REFERENTIE.glob("*")), PROJECT)
    return hashlib.sha256(f"{code}|{referentie}".encode()).hexdigest()
