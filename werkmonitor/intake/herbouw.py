"""Rebuild the store from the archive: replay the journal's accepted deliveries in order.

The archive holds every file ever received and the journal every decision. Replaying the
accepted deliveries, with their original arrival times, into a new store gives back the
same history and so the same figures at every as-of date. The decisions are kept: a
delivery that today's rules would refuse is stored as it was and listed. The new store
replaces the old one only when it is complete; the old file is kept beside it.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from werkmonitor import store
from werkmonitor.intake.archive import lees_journaal, sha256_van
from werkmonitor.intake.deelname import pas_toe
from werkmonitor.intake.receive import lees_bestand, zoals_geregistreerd
from werkmonitor.intake.rules import Context, controleer
from werkmonitor.register import lees_register, registreer_geleverde
from werkmonitor.vocab import WACHT_STANDAARD


class HerbouwFout(RuntimeError):
    """The store cannot be rebuilt (no journal, or an archived file is missing or changed)."""


@dataclass
class Herbouwd:
    """What a rebuild did."""

    db: Path
    vorige: Path | None  # the old store, kept beside the new one
    leveringen: int
    afwijkend: list[str] = field(default_factory=list)  # accepted then, refused by today's rules


def herbouw(
    db: str | Path, meld: Callable[[str], None] = print, wacht: float = WACHT_STANDAARD
) -> Herbouwd:
    """Rebuild the store `db` from the archive beside it (`aanleveringen/` and its journal)."""
    db = Path(db)
    archief = db.resolve().parent / "aanleveringen"
    journaal = lees_journaal(archief)
    geaccepteerd = [r for r in journaal if r.get("besluit") == "geaccepteerd"]
    opnieuw = [  # in the journal's order: a registry change in its place among the deliveries
        r
        for r in journaal
        if r.get("besluit") == "geaccepteerd" or r.get("opdracht") == "organisaties"
    ]
    if not geaccepteerd:
        raise HerbouwFout(
            f"Geen journaal met geaccepteerde leveringen in {archief}; er valt niets te herbouwen."
        )
    for r in geaccepteerd:
        pad = archief / r["archief"]
        if not pad.is_file() or sha256_van(pad) != r["sha256"]:
            raise HerbouwFout(
                f"Het archief mist {r['archief']} (levering {r['levering_id']}) of het bestand is "
                "veranderd; zet het archief terug uit een reservekopie."
            )
    with ExitStack() as slot:
        info = {}
        # hold the writer lock while rebuilding, so that no intake writes meanwhile
        slot.enter_context(store.schrijfslot(db, wacht, meld))
        if db.exists():
            try:
                with store.open_store(db, alleen_lezen=True) as oud:
                    info = dict(oud.execute("SELECT sleutel, waarde FROM store_info").fetchall())
            except (store.StoreFout, store.duckdb.Error):
                meld("De huidige database is niet te lezen; ze wordt vervangen.")
        nieuw, afwijkend = _bouw_nieuw(db, archief, opnieuw, info, meld)
        vorige = None
        if db.exists():
            vorige = db.with_name(db.name + ".voor-herbouw")
            os.replace(db, vorige)
        os.replace(nieuw, db)
    return Herbouwd(db, vorige, len(geaccepteerd), afwijkend)


def _bouw_nieuw(
    db: Path, archief: Path, regels: list[dict], info: dict, meld
) -> tuple[Path, list[str]]:
    """Replay the accepted deliveries and the registry changes, in the journal's order, into a
    new store file beside `db`; returns its path and what today's rules say of the deliveries
    they would refuse. Organisations of deliveries from before the registry are registered."""
    geaccepteerd = [r for r in regels if r.get("besluit") == "geaccepteerd"]
    nieuw = db.with_name(f".{db.name}.herbouw")
    for rest in (nieuw, nieuw.with_name(nieuw.name + ".wal")):
        rest.unlink(missing_ok=True)
    afwijkend: list[str] = []
    try:
        with store.open_store(nieuw) as con:
            i = 0
            for r in regels:
                if r.get("opdracht") == "organisaties":
                    pas_toe(con, r)
                    continue
                i += 1
                if i % 100 == 0 or i == len(geaccepteerd):
                    meld(f"{i} van {len(geaccepteerd)} leveringen opnieuw opgeslagen")
                afwijkend += _sla_op(con, archief / r["archief"], r)
            registreer_geleverde(con)
            for sleutel, waarde in info.items():
                store.zet_info(con, sleutel, waarde)
    except BaseException:
        nieuw.unlink(missing_ok=True)
        raise
    finally:
        nieuw.with_name(f".{nieuw.name}.slot").unlink(missing_ok=True)
    return nieuw, afwijkend


def _sla_op(con, pad: Path, r: dict) -> list[str]:
    """Store one accepted delivery again as it was; the findings of today's rules, if any."""
    ontvangen = datetime.fromisoformat(r["ontvangen_op"])
    g = zoals_geregistreerd(lees_bestand(pad), lees_register(con))
    fouten = [m for m in controleer(g, Context(ontvangen_op=ontvangen)) if m.ernst == "fout"]
    lev = store.Levering(r["organisatie"], r["periode"], str(pad), r["sha256"], ontvangen)
    store.sla_levering_op(con, lev, g.data.assign(organisatie=r["organisatie"]))
    if not fouten:
        return []
    return [f"levering {r['levering_id']} ({r['bestand']}): {fouten[0]}"]


@dataclass
class Reservekopie:
    """What a backup copied, and every file whose bytes did not check out."""

    map_: Path
    bestanden: int
    fouten: list[str] = field(default_factory=list)


def reservekopie(
    db: str | Path, doel: str | Path, meld: Callable[[str], None] = print
) -> Reservekopie:
    """Copy the store (a consistent snapshot), the archive and its journal to `doel`, and
    verify every copied file by its sha256 (and every archived file against its name)."""
    db, doel = Path(db), Path(doel)
    archief = db.resolve().parent / "aanleveringen"
    if doel.exists() and (not doel.is_dir() or any(doel.iterdir())):
        raise HerbouwFout(f"{doel} is geen lege map; kies een nieuwe of lege map.")
    doel.mkdir(parents=True, exist_ok=True)
    with store.momentopname(db, meld=meld) as kopie:
        shutil.copyfile(kopie, doel / db.name)
    fouten, n = [], 0
    for bron in sorted(p for p in archief.rglob("*") if p.is_file()):
        rel = bron.relative_to(archief)
        naar = doel / "aanleveringen" / rel
        naar.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(bron, naar)
        sha = sha256_van(bron)
        if sha256_van(naar) != sha:
            fouten.append(f"{rel}: de kopie verschilt van het origineel")
        if re.fullmatch(r"[0-9a-f]{64}", bron.stem) and bron.stem != sha:
            fouten.append(f"{rel}: de inhoud past niet bij de naam (het archief is beschadigd)")
        n += 1
    meld(f"{n} bestanden uit het archief gekopieerd en gecontroleerd")
    return Reservekopie(doel, n, fouten)
