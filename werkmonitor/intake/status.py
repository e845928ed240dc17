"""Delivery status of a quarter: who delivered, who did not, which files were rejected, and
how many running trajects the deliveries register without a known region."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from werkmonitor import store
from werkmonitor.getallen import getal
from werkmonitor.periods import Periode
from werkmonitor.regions import ONBEKEND
from werkmonitor.register import lees_register
from werkmonitor.vocab import TOTAAL


@dataclass(frozen=True)
class Status:
    """The delivery status of one quarter."""

    periode: str
    geleverd: list[str]
    ontbreekt: list[str]
    afgewezen: list[tuple[str, str, str]]  # (organisation, file, first error)
    lopend: int = 0  # running trajects of the quarter, every delivery and traject
    zonder_regio: dict[str, int] = field(default_factory=dict)  # organisation -> without region

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
    rijen = store.registraties(con, perioden=[p.code])
    lopend = rijen[(rijen["maat"] == "lopend") & (rijen["dimensie"] == TOTAAL)]
    zonder = lopend[lopend["regio"] == ONBEKEND].groupby("organisatie")["waarde"].sum()
    return Status(
        p.code,
        geleverd,
        sorted(verwacht - set(geleverd)),
        afgewezen,
        int(lopend["waarde"].sum()),
        {o: int(n) for o, n in zonder.items() if n},
    )


def _zonder_regio(n: int) -> str:
    """'12 lopende trajecten zonder regio' (one: 'lopend traject')."""
    return f"{getal(n)} {'lopend traject' if n == 1 else 'lopende trajecten'} zonder regio"


def als_tekst(s: Status) -> str:
    """The status in Dutch, one line per organisation."""
    naam = Periode.lees(s.periode).naam()
    regels = [
        f"Aanleveringen over {naam}: {len(s.geleverd)} geleverd, "
        f"{len(s.ontbreekt)} ontbreken, {len(s.afgewezen)} afgewezen."
    ]
    if s.zonder_regio:  # counted in the national figures, in no region (Regio onbekend)
        n = sum(s.zonder_regio.values())
        orgs = len(s.zonder_regio)
        regels.append(
            f"Zonder arbeidsmarktregio ({ONBEKEND}): {getal(n)} van de {getal(s.lopend)} "
            f"lopende trajecten ({getal(100 * n / s.lopend, 1)}%), bij {orgs} "
            f"{'organisatie' if orgs == 1 else 'organisaties'}."
        )
    regels += [
        f"geleverd   {o}"
        + (f" ({_zonder_regio(s.zonder_regio[o])})" if o in s.zonder_regio else "")
        for o in s.geleverd
    ]
    regels += [f"ONTBREEKT  {o}" for o in s.ontbreekt]
    regels += [f"AFGEWEZEN  {o} ({b}): {f}" for o, b, f in s.afgewezen]
    return "\n".join(regels)
