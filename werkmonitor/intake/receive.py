"""Receiving a delivery: read it, check it rule by rule, archive it, store it whole or not at all.

A delivery (an Excel workbook made from the template, or the same content as a long CSV) is
parsed into a tidy frame while structural problems are collected as messages; then every rule
in `rules.REGELS` checks the frame. Any error rejects the whole delivery: nothing is written to
the store. Every received file is archived read-only by its sha256; a rejected one gets its
error report and an annotated copy beside it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from werkmonitor import store
from werkmonitor.intake.archive import archiefmap, archiveer, schrijf_foutrapport, sha256_van
from werkmonitor.intake.csv_file import lees_csv
from werkmonitor.intake.parsed import Gelezen, Melding, onleesbaar
from werkmonitor.intake.rules import REGISTRATIE_SCHEMA, Context, controleer
from werkmonitor.intake.workbook import lees_werkboek
from werkmonitor.periods import Periode


def lees_bestand(pad: str | Path) -> Gelezen:
    """Parse a delivery file, Excel or CSV; problems become messages, never exceptions."""
    pad = Path(pad)
    if not pad.exists() or pad.stat().st_size == 0:
        return onleesbaar(pad.name, "leeg_bestand", "het bestand is leeg.")
    if pad.suffix.lower() == ".csv":
        return lees_csv(pad)
    return lees_werkboek(pad)


@dataclass
class Resultaat:
    """Outcome of reading one file."""

    bestand: str
    status: str  # 'geaccepteerd', 'al_ingelezen' or 'afgewezen'
    levering_id: int | None
    meldingen: list[Melding]
    foutrapport: list[Path] = field(default_factory=list)


def _vorige_van(con, g: Gelezen) -> pd.DataFrame | None:
    """The organisation's registrations of the previous quarter, for plausibility."""
    if not g.organisatie or not g.periode:
        return None
    vorige = Periode.lees(g.periode).vorige().code
    r = store.registraties(con, perioden=[vorige])
    return r[r["organisatie"] == g.organisatie]


def inlezen(
    pad: str | Path,
    con,
    ontvangen_op: datetime | None = None,
    organisatie: str | None = None,
    periode: str | None = None,
    archief: Path | None = None,
) -> Resultaat:
    """Validate one delivery file and store it whole, or reject it whole.

    The file is first archived read-only. Reading a file that is already stored changes
    nothing (status 'al_ingelezen'). A rejected file gets an error report beside it.
    """
    pad = Path(pad)
    sha = sha256_van(pad) if pad.exists() else ""
    bestaand = store.al_ingelezen(con, sha) if sha else None
    if bestaand is not None:
        return Resultaat(pad.name, "al_ingelezen", bestaand, [])
    g = lees_bestand(pad)
    moment = ontvangen_op or datetime.now().replace(microsecond=0)
    ctx = Context(
        organisatie=organisatie, periode=periode, vorige=_vorige_van(con, g), ontvangen_op=moment
    )
    meldingen = controleer(g, ctx)
    if not any(m.ernst == "fout" for m in meldingen):
        try:
            REGISTRATIE_SCHEMA.validate(g.data, lazy=True)
        except pa.errors.SchemaErrors as exc:
            meldingen.append(
                Melding("schema", f"interne controle faalde: {exc.failure_cases}", bestand=pad.name)
            )
    map_ = archief or archiefmap(con)
    bewaard = archiveer(pad, sha, g.periode, map_) if sha else None
    if any(m.ernst == "fout" for m in meldingen):
        rapport = schrijf_foutrapport(bewaard, g, meldingen) if bewaard else []
        return Resultaat(pad.name, "afgewezen", None, meldingen, rapport)
    lev = store.Levering(
        g.organisatie,
        g.periode,
        str(bewaard or pad),
        sha,
        moment,
    )
    lid = store.sla_levering_op(con, lev, g.data)
    return Resultaat(pad.name, "geaccepteerd", lid, meldingen)
