"""The shared report object: load a period's figures (national, or a region's or
organisation's with privacy), and the small helpers every chapter uses.

Notebooks hold a parameters cell, prose and one or two calls into the report modules per
section; every number they show is computed from the store.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from IPython.display import Markdown, display

from werkmonitor import store
from werkmonitor.indicators import privacy
from werkmonitor.indicators.comparison import verandering
from werkmonitor.indicators.kubus import Kubus
from werkmonitor.indicators.table import (
    als_getal,
    met_vergelijkingen,
    vergelijkingen,
    waarde,
)
from werkmonitor.periods import Periode
from werkmonitor.report.text import aandeel, getal, niet_te_tonen, procent, verandering_tekst

SYNTHETISCH_TEKST = (
    "**Let op: synthetische gegevens.** Dit rapport is gemaakt met fictieve "
    "demonstratiegegevens van verzonnen organisaties. De cijfers zeggen niets over echte "
    "cliënten of aanbieders."
)


VOETNOOT_STER = (
    "\\* Dit traject wordt pas sinds kwartaal 3 van 2023 geregistreerd; een vergelijking met "
    "een eerdere periode valt daardoor te laag uit."
)


ONDERDRUKT = float("nan")  # a suppressed value: shown as '–', and any sum with it is unknown


class MetPrivacy:
    """Shares as the reports show them, for report objects with a `soort`: national, or a
    region's or organisation's with privacy rules."""

    soort: str

    @property
    def privacy(self) -> bool:
        """Whether this is a quality report of a unit (a region or an organisation)."""
        return self.soort != "landelijk"

    @property
    def onderdrukt(self) -> bool:
        """Whether small counts and percentages are hidden: in a region's report, not in an
        organisation's own (`privacy.onderdrukt_voor`)."""
        return privacy.onderdrukt_voor(self.soort)

    def aandeel(self, deel, geheel):
        """`deel` as a percentage of `geheel`; with privacy None when the denominator is
        under the minimum (or either is suppressed)."""
        if self.onderdrukt and not privacy.toon_percentage(geheel):
            return None
        return aandeel(deel, geheel)

    def vet_aandeel(self, deel, geheel) -> str:
        """`met_aandeel` in bold for running text, or 'een niet getoond aantal' when `deel`
        is hidden."""
        return NIET_GETOOND if verborgen(deel) else f"**{self.met_aandeel(deel, geheel)}**"

    def met_aandeel(self, deel, geheel) -> str:
        """'4.285 (85,3%)', the share shown only when it may be: '22' when it may not (a
        hidden share is left out of running text, not written as '(–)')."""
        deel_pct = self.aandeel(deel, geheel)
        if deel_pct is None or (self.onderdrukt and (verborgen(deel) or verborgen(geheel))):
            return getal(deel)  # no '(–)': a share of nothing, or one that may not be shown
        return f"{getal(deel)} ({procent(deel_pct)})"


def verborgen(x) -> bool:
    """Whether a value from a unit's table is hidden for privacy (ONDERDRUKT, NaN)."""
    return isinstance(x, float) and math.isnan(x)


NIET_GETOOND = "een niet getoond aantal"  # a hidden count in running text, never a dash
NIET_GETOOND_DEEL = "een niet getoond deel"  # and a hidden (or not computable) share


def vet(x) -> str:
    """A count in running text: '**1.047**', or 'een niet getoond aantal' when it is hidden
    for privacy (a dash in the middle of a sentence reads as a typo)."""
    return NIET_GETOOND if verborgen(x) else f"**{getal(x)}**"


def vet_pct(x) -> str:
    """A percentage in running text: '**13,2%**', or 'een niet getoond deel' when it is
    hidden or cannot be shown (`Kwartaal.aandeel` gives None under a small denominator)."""
    return NIET_GETOOND_DEEL if x is None or verborgen(x) else f"**{procent(x)}**"


def met_pct(n, pct, woord: str = "", na: str = "") -> str:
    """'**25** cliënten (**45,5%**<na>)': a count with the noun `woord` and its share in
    brackets; without the brackets when the share is hidden or absent; 'een niet getoond
    aantal cliënten' when the count itself is hidden."""
    zelfst = f" {woord}" if woord else ""
    if verborgen(n):
        return f"{NIET_GETOOND}{zelfst}"
    if pct is None or verborgen(pct):
        return f"**{getal(n)}**{zelfst}"
    return f"**{getal(n)}**{zelfst} (**{procent(pct)}**{na})"


def hoofdletter(tekst: str) -> str:
    """`tekst` with a capital first letter, for a phrase that begins a sentence ('Een niet
    getoond aantal …'); Markdown ('**25**') is left as it is."""
    return tekst[:1].upper() + tekst[1:]


@dataclass
class Kwartaal(MetPrivacy):
    """The figures of one period (quarter, half year or year), with its comparison periods:
    national, or of one region or organisation (`soort`, `naam`) with privacy suppression,
    beside the national figures (`landelijk`) and, for an organisation, per region
    (`regios`, eenheid = region)."""

    periode: Periode
    tabel: pd.DataFrame
    synthetisch: bool
    trend: dict[str, pd.DataFrame] = field(default_factory=dict)  # earlier quarters, in order
    soort: str = "landelijk"  # 'landelijk', 'regio' or 'organisatie'
    naam: str = ""
    landelijk: pd.DataFrame | None = None
    regios: pd.DataFrame | None = None

    def w(
        self,
        traject="totaal",
        maat="lopend",
        dimensie="totaal",
        categorie="totaal",
        kolom="waarde",
        grootheid="aantal",
    ):
        """One value from the indicator table: None when absent, ONDERDRUKT (NaN) when
        suppressed for privacy."""
        if "grootheid" not in self.tabel:  # as `rij`: a table without it has counts only
            grootheid = "aantal"
        plekken, kolommen = self._rijen()
        plek = plekken.get((traject, maat, dimensie, categorie, grootheid))
        if plek is None:
            return None
        reden = kolommen.get(kolom.replace("waarde", "onderdrukt", 1))
        if self.onderdrukt and reden is not None:
            r = reden[plek]
            if isinstance(r, str) and r:
                return ONDERDRUKT
        return als_getal(kolommen[kolom][plek])

    def _rijen(self) -> tuple[dict[tuple, int], dict[str, np.ndarray]]:
        """Where each row (eenheid '') of the table is, by (traject, maat, dimensie,
        categorie, grootheid), the first of equal keys as `rij` finds it, and the table's
        columns as arrays: built once per table, so that the hundreds of values a report
        reads are each a lookup, not a scan of the table."""
        gebouwd = self.__dict__.get("_rijen_van")
        if gebouwd is not None and gebouwd[0] is self.tabel:
            return gebouwd[1]
        tabel = self.tabel
        plekken: dict[tuple, int] = {}
        kolommen: dict[str, np.ndarray] = {}
        if not tabel.empty:
            eigen = tabel[tabel["eenheid"].to_numpy() == ""]
            grootheden = eigen["grootheid"] if "grootheid" in eigen else ["aantal"] * len(eigen)
            sleutels = zip(
                eigen["traject"],
                eigen["maat"],
                eigen["dimensie"],
                eigen["categorie"],
                grootheden,
                strict=True,
            )
            for i, sleutel in enumerate(sleutels):
                plekken.setdefault(sleutel, i)
            kolommen = {str(k): eigen[k].to_numpy() for k in eigen.columns}
        self.__dict__["_rijen_van"] = (tabel, (plekken, kolommen))
        return plekken, kolommen

    def land(
        self,
        traject="totaal",
        maat="lopend",
        dimensie="totaal",
        categorie="totaal",
        grootheid="aantal",
    ):
        """One national value (for a region or organisation: the comparison)."""
        tabel = self.tabel if self.landelijk is None else self.landelijk
        return waarde(tabel, traject, maat, dimensie, categorie, grootheid=grootheid)

    def pct(
        self, traject="totaal", maat="lopend", dimensie="totaal", categorie="totaal", kolom="waarde"
    ):
        """One percentage (points 7 and 8, shares of breakdowns) from the indicator table."""
        return self.w(traject, maat, dimensie, categorie, kolom, "procent")

    def v(
        self, traject="totaal", maat="lopend", dimensie="totaal", categorie="totaal", tov="vorige"
    ):
        """The change of one value against 'vorige' or 'jaar_eerder'."""
        return verandering(
            self.w(traject, maat, dimensie, categorie),
            self.w(traject, maat, dimensie, categorie, f"waarde_{tov}"),
        )

    @property
    def vorige(self) -> Periode:
        return self.periode.vorige()

    @property
    def jaar_eerder(self) -> Periode:
        return self.periode.jaar_eerder()


TRENDKWARTALEN = 5  # quarters shown in trend figures (this one and the four before)


def laad(periode: str, db=None, peildatum=None, regio=None, organisatie=None) -> Kwartaal:
    """The figures of `periode` from the indicator cube of the store (`indicators.kubus`),
    and for a quarter also those of the quarters before it (trend figures).

    National by default; with `regio` or `organisatie` the figures of that unit, with privacy
    suppression, beside the national table: slices of the cube's tables, which are computed
    once per store state for every unit and kept, so no report computes its own.
    """
    if regio and organisatie:
        raise ValueError("Geef een regio of een organisatie, niet allebei.")
    kubus = Kubus.van(db, peildatum)
    sleutel = (kubus.sleutel, Periode.lees(periode).code, regio, organisatie)
    if sleutel not in _GELADEN:
        if len(_GELADEN) > 64:
            _GELADEN.clear()
        _GELADEN[sleutel] = _laad(kubus, periode, db, peildatum, regio, organisatie)
    return _GELADEN[sleutel]


_GELADEN: dict[tuple, Kwartaal] = {}  # kept for the life of the process, per store state


def _trend(p: Periode) -> list[Periode]:
    """The quarters before a quarter that its trend figures show, oldest first."""
    trend = []
    if p.soort == "kwartaal":
        q = p
        for _ in range(TRENDKWARTALEN - 1):
            q = q.vorige()
            trend.insert(0, q)
    return trend


def perioden(periode: str) -> list[str]:
    """The periods whose figures the report of `periode` reads: itself, those it is
    compared with and, for a quarter, the quarters of its trend figures."""
    p = Periode.lees(periode)
    eerder = [e.code for _n, e in vergelijkingen(p.code)]
    return list(dict.fromkeys([p.code, *eerder, *(q.code for q in _trend(p))]))


def _laad(kubus: Kubus, periode: str, db, peildatum, regio, organisatie) -> Kwartaal:
    """`laad` without the process's memory."""
    p = Periode.lees(periode)
    if not kubus.heeft(p.code):
        raise store.StoreFout(f"De database bevat geen aanleveringen voor {p.naam()}.")
    soort = "regio" if regio else "organisatie" if organisatie else ""
    naam = regio or organisatie or ""
    trend = _trend(p)
    eerder = dict(vergelijkingen(p.code))
    codes = perioden(p.code)

    def tabel(code: str) -> pd.DataFrame:
        if not soort:
            return kubus.tabel(code).drop(columns="noemer")
        return eenheidstabel(kubus, code, soort, naam)

    per = {c: tabel(c) for c in codes}
    if soort and per[p.code].empty:
        wat = "arbeidsmarktregio" if soort == "regio" else "organisatie"
        raise store.StoreFout(
            f"De database bevat geen gegevens van {wat} '{naam}' over {p.naam()}."
        )
    tabel_p = met_vergelijkingen(per[p.code], p.code, {n: per[e.code] for n, e in eerder.items()})
    tabellen = {q.code: per[q.code] for q in trend}
    tabellen[p.code] = tabel_p
    trend_tabellen = {c: t for c, t in tabellen.items() if not t.empty}
    if not soort:
        return Kwartaal(p, tabel_p, kubus.synthetisch, trend_tabellen)
    regios = (
        kubus.regios_van(p.code, naam, onderdrukt=False).drop(columns="noemer")
        if soort == "organisatie"
        else None
    )
    landelijk = laad(p.code, db, peildatum).tabel
    return Kwartaal(p, tabel_p, kubus.synthetisch, trend_tabellen, soort, naam, landelijk, regios)


def eenheidstabel(kubus: Kubus, periode: str, soort: str, naam: str) -> pd.DataFrame:
    """A region's table suppressed (column `onderdrukt`), an organisation's own table as it
    is (`privacy.onderdrukt_voor`); without the cube's `noemer` column."""
    verbergen = privacy.onderdrukt_voor(soort)
    t = kubus.eenheid(periode, soort, naam, onderdrukt=verbergen)
    return t.drop(columns="noemer", errors="ignore")


def toon(markdown: str) -> None:
    """Show Markdown as notebook output (rendered into the report)."""
    display(Markdown(markdown))


def wie(k: Kwartaal) -> str:
    """'arbeidsmarktregio Zeeland', 'Demo-ggz Aalsveld', or '' for the national report."""
    if k.soort == "regio":
        return f"arbeidsmarktregio {k.naam}"
    return k.naam if k.soort == "organisatie" else ""


def waar(k: Kwartaal) -> str:
    """' in arbeidsmarktregio Zeeland', ' bij Demo-ggz Aalsveld', or '' (national)."""
    if k.soort == "regio":
        return f" in {wie(k)}"
    return f" bij {k.naam}" if k.soort == "organisatie" else ""


def kop(k: Kwartaal) -> str:
    """Opening lines: what the report covers, the synthetic-data notice when relevant, and
    for a region or organisation who it is for and how small numbers are hidden."""
    if k.privacy:
        soort = "arbeidsmarktregio" if k.soort == "regio" else "organisatie"
        regels = [f"**Kwaliteitsrapport {soort} {k.naam} over {k.periode.naam()}**"]
    else:
        regels = [f"**Landelijke resultaten over {k.periode.naam()}**"]
    if k.synthetisch:
        regels.append(f"> {SYNTHETISCH_TEKST}")
    if k.privacy and not k.onderdrukt:
        regels.append(
            "Dit kwaliteitsrapport is bestemd voor de organisatie zelf en wordt niet "
            "gepubliceerd. Het toont de eigen cijfers van de organisatie volledig, ook kleine "
            "aantallen: het verbergen van kleine aantallen beschermt cliënten en andere "
            "aanbieders in de rapporten die anderen lezen (het regiorapport en het landelijke "
            "rapport), niet een organisatie tegen haar eigen cijfers. Deel dit rapport daarom "
            "niet buiten de organisatie."
        )
    elif k.privacy:
        regels.append(
            f"Dit kwaliteitsrapport is bestemd voor de {soort} zelf en wordt niet gepubliceerd. "
            "Om cliënten en aanbieders te beschermen tonen we aantallen van 1 tot en met "
            f"{privacy.DREMPEL - 1} niet, en ook andere getallen waaruit een verborgen getal "
            "anders uit te rekenen zou zijn: uit een totaal en zijn delen, of uit de lopende "
            "aantallen van dit en het vorige kwartaal met de gestarte, beëindigde en verloren "
            "cliënten (zo'n getal kan ook een 0 zijn). Percentages tonen we alleen als ze op "
            "minstens "
            f"{privacy.NOEMER_MINIMUM} cliënten berusten. In de tekst heet een verborgen getal "
            "'een niet getoond aantal', in een tabel staat er '–' en in een figuur ontbreekt "
            "de staaf."
        )
    return "\n\n".join(regels)


def verandering_zin(
    nu, eerder, eenheid: str, ten_opzichte_van: str, enkelvoud=None, zien: bool = False
) -> str:
    """`verandering_tekst`, or that the change is not shown because a value is hidden
    (`zien`: as a noun phrase, see `verandering_tekst`)."""
    if any(isinstance(x, float) and math.isnan(x) for x in (nu, eerder)):
        return niet_te_tonen(ten_opzichte_van, zien)
    return verandering_tekst(verandering(nu, eerder), eenheid, ten_opzichte_van, enkelvoud, zien)


def eerdere_perioden(k: Kwartaal) -> list[tuple[str, Periode]]:
    """The periods this one is compared with: ('vorige', …) and, for a quarter or half year,
    ('jaar_eerder', …)."""
    return vergelijkingen(k.periode.code)


def wijzigingen(
    k: Kwartaal,
    traject: str = "totaal",
    maat: str = "lopend",
    dimensie: str = "totaal",
    categorie: str = "totaal",
    eenheid: str = "cliënten",
    enkelvoud: str = "cliënt",
    zien: bool = False,
) -> str:
    """'een daling van 68 cliënten (1,6%) ten opzichte van … en een stijging van … ten
    opzichte van …', for each earlier period the period is compared with (`zien`: noun
    phrases only, for 'het aantal … laat … zien'). When no change may be shown, one phrase
    for all periods ('geen te tonen verandering ten opzichte van … en … (kleine
    aantallen)') instead of the same words for each."""
    delen, verborgen_ = [], []
    nu = k.w(traject, maat, dimensie, categorie)
    for naam, p in eerdere_perioden(k):
        eerder = k.w(traject, maat, dimensie, categorie, f"waarde_{naam}")
        delen.append(verandering_zin(nu, eerder, eenheid, p.naam(), enkelvoud, zien))
        verborgen_.append(verborgen(nu) or verborgen(eerder))
    if len(delen) > 1 and all(verborgen_):
        namen = " en ".join(p.naam() for _naam, p in eerdere_perioden(k))
        return verandering_zin(ONDERDRUKT, ONDERDRUKT, eenheid, namen, enkelvoud, zien)
    return " en ".join(delen)
