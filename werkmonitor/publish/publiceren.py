"""Publishing is a step of its own: `werkmonitor publiceer --periode P` builds the national
report of P with the figures as known on the publication day, keeps that build frozen in the
site beside the current one (reports/site/<P>_<day>/), and records the publication (day,
fingerprint of the figures, commit) in the store. Later reports compare the figures they
show with the publication (`indicators.herzieningen`); `werkmonitor rapport --periode P
--peildatum <day>` rebuilds the published version byte for byte."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from datetime import date
from pathlib import Path

from werkmonitor import __version__, store
from werkmonitor.periods import Periode
from werkmonitor.publish import batch, rendering, site


def commit(root: Path) -> str:
    """The git commit of the project (with '+wijzigingen' when files differ from it), or
    the package version when the project is not a git checkout."""
    try:
        kop = subprocess.run(
            ["git", "-C", str(root), "rev-parse", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
            timeout=10,
        ).stdout.strip()
        vuil = subprocess.run(
            ["git", "-C", str(root), "status", "--porcelain", "--untracked-files=no"],
            capture_output=True,
            text=True,
            check=True,
            timeout=10,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return f"werkmonitor {__version__}"
    return kop + ("+wijzigingen" if vuil else "")


def _controleer(db, p: Periode, datum: date) -> None:
    """A `StoreFout` (one Dutch sentence) when there is nothing to publish on `datum` or the
    publication is recorded already; checked before any build."""
    with store.open_store(db, alleen_lezen=True) as con:
        geldig = store.geldige_leveringen(con, datum, perioden=[q.code for q in p.kwartalen()])
        al = store.publicaties(con)
    if geldig.empty:
        raise store.StoreFout(
            f"Op {datum:%d-%m-%Y} waren er nog geen aanleveringen over {p.naam()}; "
            "er is niets te publiceren."
        )
    if ((al["periode"] == p.code) & (al["datum"] == datum)).any():
        raise store.StoreFout(
            f"{p.naam().capitalize()} is al gepubliceerd met de cijfers van {datum:%d-%m-%Y}."
        )


def duiding_tegengesproken(db, p: Periode, datum: date, root: Path) -> list[str]:
    """One Dutch warning per sentence of the period's duiding that the figures as known on
    `datum` contradict (see `report.duiding`); the checks page shows them too."""
    from werkmonitor.indicators.kubus import Kubus
    from werkmonitor.report import controle

    getoetst = controle.duiding_toets(p.code, Kubus.van(db, datum.isoformat()), root)
    return [
        f'Let op: de duiding van {p.naam()} zegt "{t["bewering"].zin}", maar de cijfers '
        "spreken dat tegen (zie de controlepagina)."
        for t in getoetst
        if t["klopt"] is False
    ]


def publiceer(
    periode: Periode,
    datum: date,
    db=None,
    root: Path | None = None,
    meld: Callable[[str], None] = print,
) -> rendering.Uitvoer:
    """Publish the national report of `periode` with the figures as known on `datum`: build
    it into its frozen folder, then record the publication. Returns the frozen build."""
    root = root or store.projectmap()
    db = db or store.standaard_db()
    _controleer(db, periode, datum)
    for waarschuwing in duiding_tegengesproken(db, periode, datum, root):
        meld(waarschuwing)
    doel = site.gepubliceerd(root, periode, datum)
    uitvoer = batch.rapport_landelijk(
        periode, db=db, projectmap=root, meld=meld, peildatum=datum.isoformat(), doel=doel
    )
    manifest = json.loads((doel / "manifest.json").read_text(encoding="utf-8"))
    vingerafdruk = site.voet_van(manifest).vingerafdruk
    with store.open_store(db, meld=meld) as con:
        store.leg_publicatie_vast(con, periode.code, datum, vingerafdruk, commit(root))
    return uitvoer
