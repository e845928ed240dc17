"""Comparison of computed national figures with the published ones (data/referentie).

For every row of `gepubliceerd_landelijk.csv` the computed value at the national level, the
difference, and whether it agrees by the rule that applies to it:
- counts of a quarter, the yearly totals of all trajects (running, started, ended) and the
  yearly ended with/without intended result per traject (Figuur 1.4): exactly;
- other yearly counts: within 2%;
- printed percentages of a quarter: the computed percentage rounded to one decimal is the
  printed one; yearly percentages within 2% of the printed value.
Used by the calibration test of the demo and by the checks page of the reports.
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pandas as pd

from werkmonitor.getallen import afronden
from werkmonitor.indicators.table import waarde
from werkmonitor.paths import REFERENTIE
from werkmonitor.periods import Periode
from werkmonitor.vocab import TRAJECTEN

TOLERANTIE = 0.02  # yearly reference counts other than the exact ones: within 2%
# reference trajects that stand for several trajects of the store
GECOMBINEERD = {
    "totaal": TRAJECTEN,
    "werkfit_en_naar_werk": ("werkfit", "naar_werk"),
    "ips_wabz_overig": ("ips", "wabz", "overig"),
}
EXACTE_JAARMATEN = {("totaal", "lopend"), ("totaal", "gestart"), ("totaal", "beeindigd")}


def lees_referentie(pad: Path | None = None) -> pd.DataFrame:
    """The published national figures, with categorie 'totaal' for unsplit totals."""
    t = pd.read_csv(pad or REFERENTIE / "gepubliceerd_landelijk.csv", dtype={"periode": str})
    t["categorie"] = t["categorie"].fillna("")
    t.loc[t["categorie"] == "", "categorie"] = "totaal"
    return t


def _berekend(tabel: pd.DataFrame, rij) -> float | None:
    """The computed national value for one reference row (None when not computable)."""
    grootheid = "procent" if rij.eenheid == "procent" else "aantal"
    dimensie, categorie = rij.dimensie, rij.categorie
    if categorie == "zonder_of_voortijdig":
        categorie = "zonder_beoogd_resultaat"  # point 6: without + premature
    if rij.traject in GECOMBINEERD and rij.traject != "totaal":
        if grootheid == "procent":
            return None
        delen = [
            waarde(tabel, t, rij.maat, dimensie, categorie, grootheid=grootheid)
            for t in GECOMBINEERD[rij.traject]
        ]
        delen = [d for d in delen if d is not None]
        return float(sum(delen)) if delen else None
    w = waarde(tabel, rij.traject, rij.maat, dimensie, categorie, grootheid=grootheid)
    return None if w is None else float(w)


def regel(rij) -> str:
    """Which agreement rule applies: 'exact', 'marge' (2%) or 'procent' (one decimal)."""
    kwartaal = Periode.lees(rij.periode).soort == "kwartaal"
    if rij.eenheid == "procent":
        return "procent" if kwartaal else "marge"
    if kwartaal:
        return "exact"
    if (rij.traject, rij.maat) in EXACTE_JAARMATEN and rij.dimensie == "totaal":
        return "exact"
    if rij.maat == "beeindigd" and rij.dimensie == "resultaat":
        return "exact"
    return "marge"


def klopt(gepubliceerd: float, berekend: float | None, soort: str) -> bool:
    """Whether a computed value agrees with the published one under rule `soort`."""
    if berekend is None:
        return False
    if soort == "procent":
        return afronden(berekend, 1) == afronden(gepubliceerd, 1)
    if soort == "marge":
        return abs(berekend - gepubliceerd) <= TOLERANTIE * abs(gepubliceerd)
    return round(berekend, 6) == gepubliceerd


def vergelijk_met_referentie(tabellen: dict[str, pd.DataFrame], ref=None) -> pd.DataFrame:
    """Every published figure beside the computed one.

    `tabellen` maps a period code to its national indicator table. Returns the reference
    columns plus berekend, verschil, regel and klopt.
    """
    ref = lees_referentie() if ref is None else ref
    rijen = []
    for rij in ref.itertuples():
        tabel = tabellen.get(rij.periode)
        berekend = None if tabel is None else _berekend(tabel, rij)
        soort = regel(rij)
        rijen.append(
            {
                **rij._asdict(),
                "berekend": berekend,
                "verschil": None if berekend is None else berekend - rij.waarde,
                "regel": soort,
                "klopt": klopt(rij.waarde, berekend, soort),
            }
        )
    return pd.DataFrame(rijen).drop(columns="Index")


# --- printed changes between two periods (gepubliceerde_veranderingen.csv) ----------------

# A change between years or half years agrees when it goes the same way and lies within
# this many clients or this share of the printed change; a change between quarters exactly.
VERANDERING_MARGE = (2.0, 0.10)


def lees_veranderingen(pad: Path | None = None) -> pd.DataFrame:
    """The changes the reports print between two periods, with categorie 'totaal' for
    unsplit totals."""
    t = pd.read_csv(
        pad or REFERENTIE / "gepubliceerde_veranderingen.csv",
        dtype={"periode": str, "eerder": str},
    )
    t["categorie"] = t["categorie"].fillna("")
    t.loc[t["categorie"] == "", "categorie"] = "totaal"
    return t


def _telling(tabel: pd.DataFrame | None, rij) -> float | None:
    """The computed national count of a change's figure in one period's table."""
    return _aantal(tabel, rij.traject, rij.maat, rij.dimensie, rij.categorie)


def _aantal(tabel: pd.DataFrame | None, traject, maat, dimensie, categorie) -> float | None:
    """The computed national count of one figure (a combined traject summed), as
    `_berekend` finds it for a reference row."""
    if tabel is None:
        return None
    figuur = SimpleNamespace(
        traject=traject, maat=maat, dimensie=dimensie, categorie=categorie, eenheid="aantal"
    )
    return _berekend(tabel, figuur)


def verandering_klopt(rij, verschil: float | None, pct: float | None) -> bool:
    """Whether a computed change (`verschil`, `pct` of the earlier count) agrees with the
    printed one: between quarters the same difference (or, where only a percentage is
    printed, the same percentage to one decimal); between years or half years the same
    direction within `VERANDERING_MARGE` (or within 1 procentpunt of the printed
    percentage)."""
    if verschil is None:
        return False
    kwartalen = all(Periode.lees(p).soort == "kwartaal" for p in (rij.periode, rij.eerder))
    if pd.isna(rij.verschil):  # only a percentage printed, with its direction in `richting`
        if pct is None or pd.isna(rij.procent):
            return False
        gedrukt = abs(float(rij.procent)) * (1 if rij.richting == "hoger" else -1)
        if kwartalen:
            return afronden(pct, 1) == afronden(gedrukt, 1)
        return abs(pct - gedrukt) <= 1.0
    if kwartalen:
        return round(verschil, 6) == rij.verschil
    if (verschil > 0) != (rij.verschil > 0):
        return False
    minimum, deel = VERANDERING_MARGE
    return abs(verschil - rij.verschil) <= max(minimum, deel * abs(rij.verschil))


def vergelijk_veranderingen(tabellen: dict[str, pd.DataFrame], ref=None) -> pd.DataFrame:
    """Every printed change beside the computed one.

    `tabellen` maps a period code to its national indicator table. Returns the reference
    columns plus berekend_verschil, berekend_procent (of the earlier period) and klopt."""
    ref = lees_veranderingen() if ref is None else ref
    rijen = []
    for rij in ref.itertuples(index=False):
        nu = _telling(tabellen.get(rij.periode), rij)
        eerder = _telling(tabellen.get(rij.eerder), rij)
        verschil = None if nu is None or eerder is None else nu - eerder
        pct = None if verschil is None or not eerder else verschil * 100 / eerder
        rijen.append(
            {
                **rij._asdict(),
                "berekend_verschil": verschil,
                "berekend_procent": pct,
                "klopt": verandering_klopt(rij, verschil, pct),
            }
        )
    return pd.DataFrame(rijen)


# --- printed shares with another denominator (gepubliceerde_aandelen.csv) ------------------


def lees_aandelen(pad: Path | None = None) -> pd.DataFrame:
    """The shares the reports print whose denominator is not the method's own ('4.285
    (85,3%) met IPS'): numerator and denominator as sums of figures."""
    return pd.read_csv(
        pad or REFERENTIE / "gepubliceerde_aandelen.csv", dtype={"periode": str, "eerder": str}
    )


def som_van(tabel: pd.DataFrame | None, expressie: str) -> float | None:
    """The national count of a sum of figures written as 'traject.maat' or
    'traject.maat.dimensie.categorie', joined by '+' (None when a term is unknown)."""
    if tabel is None:
        return None
    totaal = 0.0
    for term in expressie.split("+"):
        delen = term.strip().split(".")
        traject, maat = delen[0], delen[1]
        dimensie, categorie = (delen[2], delen[3]) if len(delen) == 4 else ("totaal", "totaal")
        w = _aantal(tabel, traject, maat, dimensie, categorie)
        if w is None:
            return None
        totaal += w
    return totaal


def aandeel(tabel: pd.DataFrame | None, teller: str, noemer: str) -> float | None:
    """`teller` as a percentage of `noemer` in one period's table."""
    t, n = som_van(tabel, teller), som_van(tabel, noemer)
    return None if t is None or not n else t * 100 / n


def aandeel_klopt(rij, berekend: float | None) -> bool:
    """A computed share against the printed one: a quarter's to one decimal, a year's within
    2% of the printed value; a change of a share (`eerder` given) in procentpunten, to one
    decimal between quarters and within 1 procentpunt between years."""
    if berekend is None:
        return False
    kwartaal = Periode.lees(rij.periode).soort == "kwartaal"
    if kwartaal:
        return afronden(berekend, 1) == afronden(float(rij.procent), 1)
    if isinstance(rij.eerder, str) and rij.eerder:
        return abs(berekend - float(rij.procent)) <= 1.0
    return abs(berekend - float(rij.procent)) <= TOLERANTIE * abs(float(rij.procent))


def vergelijk_aandelen(tabellen: dict[str, pd.DataFrame], ref=None) -> pd.DataFrame:
    """Every printed share beside the computed one (with `eerder`: the change of the share
    in procentpunten, signed as `procent`)."""
    ref = lees_aandelen() if ref is None else ref
    rijen = []
    for rij in ref.itertuples(index=False):
        berekend = aandeel(tabellen.get(rij.periode), rij.teller, rij.noemer)
        if isinstance(rij.eerder, str) and rij.eerder and berekend is not None:
            vorig = aandeel(tabellen.get(rij.eerder), rij.teller, rij.noemer)
            berekend = None if vorig is None else berekend - vorig
        rijen.append({**rij._asdict(), "berekend": berekend, "klopt": aandeel_klopt(rij, berekend)})
    return pd.DataFrame(rijen)
