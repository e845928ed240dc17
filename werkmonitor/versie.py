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


@cache
def pakket() -> str:
    """The package's source and resources (every file under werkmonitor/, not caches)."""
    map_ = Path(__file__).resolve().parent
    paden = [p for p in map_.rglob("*") if "__pycache__" not in p.parts and p.suffix != ".pyc"]
    return bestanden(paden, map_)


@cache
def demo() -> str:
    """What the demo data are made from: the package and the reference figures it is
    calibrated to. Equal fingerprints give the same demo store."""
    referentie = bestanden(list(REFERENTIE.glob("*")), PROJECT)
    return hashlib.sha256(f"{pakket()}|{referentie}".encode()).hexdigest()
