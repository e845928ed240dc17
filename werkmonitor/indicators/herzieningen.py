"""Revisions and provisional figures, as a statistics office publishes them.

A late delivery or a correction changes the figures of a quarter after its report was
published (`werkmonitor publiceer`, recorded in the store's `publicaties`). A report lists,
for every quarter whose figures it shows, each headline figure that differs from the one in
that quarter's latest publication (the store as it stood at the end of the publication day,
`peildatum`), with the deliveries that arrived after it. The figures of a quarter are
provisional while participating organisations have not delivered and its delivery deadline
has not passed; the day that counts is the report's own (its `peildatum`, or the day of the
latest delivery in the store), never the clock.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from werkmonitor import register, store
from werkmonitor.indicators import privacy
from werkmonitor.indicators.kubus import Kubus
from werkmonitor.indicators.table import als_getal, totaalrijen
from werkmonitor.periods import Periode
from werkmonitor.vocab import TOTAAL, TRAJECTEN

# The headline figures compared with a publication: (maat, its Dutch name). Every traject
# and the total of all trajects.
KERNCIJFERS: list[tuple[str, str]] = [
    ("lopend", "lopende trajecten"),
    ("gestart", "gestarte trajecten"),
    ("beeindigd", "beëindigde trajecten"),
    ("betaald_werk", "cliënten met betaald werk"),
]

HERZIENINGKOLOMMEN = [
    "periode",
    "gepubliceerd",
    "traject",
    "maat",
    "oud",
    "nieuw",
]


def standaard_deadline(periode: str | Periode) -> date:
    """The default delivery deadline of a quarter: the last day of the month after it
    (docs/methoden.md); params/<periode>.yml may set another (`aanleveren_tot`)."""
    p = Periode.lees(periode).kwartalen()[-1]
    jaar, maand = (p.jaar + 1, 1) if p.nummer == 4 else (p.jaar, 3 * p.nummer + 1)
    return date(jaar, maand, calendar.monthrange(jaar, maand)[1])


@dataclass(frozen=True)
class Status:
    """Whether the figures of a quarter are provisional on the report's day."""

    periode: str
    moment: date | None  # the report's day (peildatum, or the latest delivery)
    deadline: date
    deelnemers: int  # organisations taking part in the quarter
    ontbrekend: list[str] = field(default_factory=list)  # of them, not delivered (intern)

    @property
    def voorlopig(self) -> bool:
        """Provisional: deliveries still expected, and the deadline not yet passed."""
        return bool(self.ontbrekend) and (self.moment is None or self.moment <= self.deadline)


def status(con, periode: str, peildatum=None, aanleveren_tot=None) -> Status:
    """The provisional status of the quarter `periode` (for a half year or year: its last
    quarter) in the store `con`, as of `peildatum`."""
    p = Periode.lees(periode).kwartalen()[-1]
    deadline = date.fromisoformat(str(aanleveren_tot)) if aanleveren_tot else standaard_deadline(p)
    reg = register.lees_register(con)
    deel = sorted(n for n, o in reg.organisaties.items() if o.neemt_deel(p.code))
    geleverd = set(store.geldige_leveringen(con, peildatum, perioden=[p.code])["organisatie"])
    ontbrekend = [n for n in deel if n not in geleverd]
    return Status(p.code, store.moment(con, peildatum), deadline, len(deel), ontbrekend)


def kerncijfers(tabel: pd.DataFrame) -> dict[tuple[str, str], int | None]:
    """The headline figures of a national indicator table: (traject, maat) -> count."""
    rijen = totaalrijen(tabel)
    return {
        (t, m): None if (t, m) not in rijen else als_getal(rijen[(t, m)]["waarde"])
        for t in (*TRAJECTEN, TOTAAL)
        for m, _naam in KERNCIJFERS
    }


def kerncijfers_eenheid(tabel: pd.DataFrame) -> dict[tuple[str, str], int | None]:
    """The headline figures of a unit's suppressed table: a count (0 when the unit had no
    such row: nothing delivered), or None when the figure is hidden."""
    uit = {}
    rijen = totaalrijen(tabel)
    for t in (*TRAJECTEN, TOTAAL):
        for m, _naam in KERNCIJFERS:
            r = rijen.get((t, m))
            if r is None:
                uit[(t, m)] = 0
            elif isinstance(r.get("onderdrukt"), str) and r.get("onderdrukt"):
                uit[(t, m)] = None
            else:
                uit[(t, m)] = als_getal(r["waarde"]) or 0
    return uit


def herzieningen(
    db, kwartalen: list[str], peildatum=None, soort: str | None = None, naam: str | None = None
) -> pd.DataFrame:
    """Every headline figure of the quarters `kwartalen` that differs from the one in that
    quarter's latest publication before the report's day: periode, gepubliceerd (the day of
    the publication), traject, maat, oud, nieuw. Quarters never published give no rows.

    With `soort` ('regio' or 'organisatie') and `naam`: the figures of that unit, with its
    privacy suppression; a figure hidden then or now is left out (its change would show it),
    a figure the unit did not have then counts as 0."""
    pub = store.gelezen(
        db, ("publicaties", str(peildatum)), lambda con: store.publicaties(con, peildatum)
    )
    pub = pub[pub["periode"].isin(kwartalen)].groupby("periode").tail(1)
    nu = Kubus.van(db, None if peildatum is None else str(peildatum))
    rijen = []
    for r in pub.itertuples(index=False):
        toen = Kubus.van(db, r.datum.isoformat())
        oud, nieuw = (
            _kerncijfers(toen, r.periode, soort, naam),
            _kerncijfers(nu, r.periode, soort, naam),
        )
        for (traject, maat), w in nieuw.items():
            o = oud.get((traject, maat))
            if soort and (w is None or o is None):
                continue
            if w != o and not (w in (None, 0) and o in (None, 0)):
                rijen.append((r.periode, r.datum, traject, maat, o or 0, w or 0))
    return pd.DataFrame(rijen, columns=HERZIENINGKOLOMMEN)


def _kerncijfers(kubus: Kubus, periode: str, soort: str | None, naam: str | None) -> dict:
    """The headline figures of a quarter in a cube: national, or of one unit (a region's
    suppressed, an organisation's own as they are)."""
    if not kubus.heeft(periode):
        return {} if not soort else kerncijfers_eenheid(pd.DataFrame())
    if soort:
        verbergen = privacy.onderdrukt_voor(soort)
        return kerncijfers_eenheid(kubus.eenheid(periode, soort, naam, onderdrukt=verbergen))
    return kerncijfers(kubus.tabel(periode))


def oorzaken(
    con,
    publicaties: pd.DataFrame,
    peildatum=None,
    soort: str | None = None,
    naam: str | None = None,
) -> pd.DataFrame:
    """The deliveries in force on the report's day that arrived after each publication in
    `publicaties` (periode, gepubliceerd) for its quarter and hold other numbers than the
    organisation's delivery at the publication, in order of receipt: periode, organisatie,
    ontvangen_op and soort ('late aanlevering' when the organisation had not delivered the
    quarter before the publication, else 'correctie'). A delivery with the same numbers as
    before changed nothing and is no cause. With `soort` and `naam`: only the deliveries of
    that organisation, or those with registrations in that region."""
    return van_eenheid(alle_oorzaken(con, publicaties, peildatum), soort, naam)


def alle_oorzaken(con, publicaties: pd.DataFrame, peildatum=None) -> pd.DataFrame:
    """`oorzaken` of every unit, with two more columns to find a unit's among them
    (`van_eenheid`): levering_id and regios (the regions the delivery has registrations
    in). Read once for a batch's quality reports, each taking its own."""
    geldig = store.geldige_leveringen(con, peildatum)
    rijen = []
    for r in publicaties.drop_duplicates(["periode", "gepubliceerd"]).itertuples(index=False):
        toen = store.geldige_leveringen(con, r.gepubliceerd, perioden=[r.periode])
        toen = dict(zip(toen["organisatie"], toen["levering_id"], strict=True))
        na = geldig[
            (geldig["periode"] == r.periode) & (geldig["ontvangen_op"].dt.date > r.gepubliceerd)
        ].sort_values(["ontvangen_op", "organisatie"])
        for lev in na.itertuples(index=False):
            eerder = toen.get(lev.organisatie)
            if eerder is not None and _zelfde_cijfers(con, eerder, lev.levering_id):
                continue
            soort_ = "correctie" if eerder is not None else "late aanlevering"
            rijen.append(
                (
                    r.periode,
                    r.gepubliceerd,
                    lev.organisatie,
                    lev.ontvangen_op,
                    soort_,
                    lev.levering_id,
                )
            )
    uit = pd.DataFrame(rijen, columns=[*OORZAAKKOLOMMEN, "levering_id"])
    regios: dict[int, list[str]] = {}
    if not uit.empty:
        ids = sorted({int(i) for i in uit["levering_id"]})
        for lev_id, regio in con.execute(
            "SELECT DISTINCT levering_id, regio FROM registraties "
            f"WHERE levering_id IN ({', '.join('?' * len(ids))}) ORDER BY regio",
            ids,
        ).fetchall():
            regios.setdefault(int(lev_id), []).append(regio)
    return uit.assign(regios=[tuple(regios.get(int(i), ())) for i in uit["levering_id"]])


OORZAAKKOLOMMEN = ["periode", "gepubliceerd", "organisatie", "ontvangen_op", "soort"]


def van_eenheid(alle: pd.DataFrame, soort: str | None = None, naam: str | None = None):
    """The causes in `alle_oorzaken` of one unit (`soort` 'organisatie' or 'regio', and
    its `naam`), or of all without `soort`: the columns of `oorzaken`."""
    if soort == "organisatie":
        alle = alle[alle["organisatie"] == naam]
    elif soort == "regio":
        alle = alle[alle["regios"].map(lambda r: naam in r).astype(bool)]
    return alle[OORZAAKKOLOMMEN].reset_index(drop=True)


def _zelfde_cijfers(con, a: int, b: int) -> bool:
    """Whether two deliveries hold the same registrations (the organisation's name aside:
    a delivery under a former name is the same organisation)."""
    kolommen = [k for k in store.REGISTRATIE_KOLOMMEN if k != "organisatie"]
    return (
        store.registraties_van(con, a)[kolommen]
        .reset_index(drop=True)
        .equals(store.registraties_van(con, b)[kolommen].reset_index(drop=True))
    )
