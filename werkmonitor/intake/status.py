"""Delivery status of a quarter: who delivered, who did not, which files were rejected."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from werkmonitor import store
from werkmonitor.periods import Periode
from werkmonitor.register import lees_register


@dataclass(frozen=True)
class Status:
    """The delivery status of one quarter."""

    periode: str
    geleverd: list[str]
    ontbreekt: list[str]
    afgewezen: list[tuple[str, str, str]]  # (organisation, file, first error)

    @property
    def compleet(self) -> bool:
        """True when every expected organisation delivered and nothing is left rejected."""
        return not self.ontbreekt and not self.afgewezen


def _afwijzingen(map_: Path) -> list[tuple[str, str, str]]:
    """(organisation, original file name, first error) of every error report in `map_`."""
    uit = []
    for rapport in sorted(map_.glob("*.fouten.txt")):
        regels = rapport.read_text(encoding="utf-8").splitlines()
        kop = dict(r.split(": ", 1) for r in regels if ": " in r and not r.startswith("Fout"))
        fout = next((r for r in regels if r.startswith("Fout")), "")
        uit.append((kop.get("organisatie", "onbekend"), kop.get("bestand", rapport.name), fout))
    return uit


def leverstatus(con, periode: Periode, archief: Path) -> Status:
    """Status of `periode`: expected are the organisations that take part in it according to
    the registry; a rejection counts until the organisation delivers a valid file."""
    p = periode
    geldig = store.geldige_leveringen(con)
    geleverd = sorted(set(geldig[geldig["periode"] == p.code]["organisatie"]))
    reg = lees_register(con)
    verwacht = {o.naam for o in reg.organisaties.values() if o.neemt_deel(p.code)}
    afgewezen = [a for a in _afwijzingen(archief / p.code) if a[0] not in geleverd]
    return Status(p.code, geleverd, sorted(verwacht - set(geleverd)), afgewezen)


def als_tekst(s: Status) -> str:
    """The status in Dutch, one line per organisation."""
    naam = Periode.lees(s.periode).naam()
    regels = [
        f"Aanleveringen over {naam}: {len(s.geleverd)} geleverd, "
        f"{len(s.ontbreekt)} ontbreken, {len(s.afgewezen)} afgewezen."
    ]
    regels += [f"geleverd   {o}" for o in s.geleverd]
    regels += [f"ONTBREEKT  {o}" for o in s.ontbreekt]
    regels += [f"AFGEWEZEN  {o} ({b}): {f}" for o, b, f in s.afgewezen]
    return "\n".join(regels)
