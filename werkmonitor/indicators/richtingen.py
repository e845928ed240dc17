"""Directions: whether a figure went up, down or stayed about the same, and the published
statements of direction held against the computed figures.

A published report says more than its numbers: "het aantal … is gestegen", "meer
Werkfit-trajecten gestart", "redelijk gelijk gebleven", "lager dan bij IPS-CMD". Each such
statement is a row of `data/referentie/gepubliceerde_richtingen.csv`: a figure of a period,
what it is compared with (`vorig_kwartaal`, `jaar_eerder`, or `categorie:<code>`, another
category of the same breakdown in the same period) and the direction the text gives
(`hoger`, `lager`, `gelijk`). The computed direction follows these rules:

- counts: `gelijk` when the change is at most `GELIJK_RELATIEF` (5%) of the earlier value or
  at most `GELIJK_ABSOLUUT` (2) clients; otherwise `hoger` or `lager`;
- percentages (`eenheid` `procent`: the count as a share of the running trajects of the
  same traject and category): `gelijk` when the difference is below `GELIJK_PROCENTPUNT`
  (1 procentpunt).

A published `hoger` or `lager` agrees with any change in that direction, also one that
these rules call `gelijk` ("licht gedaald"); a published `gelijk` agrees only with `gelijk`.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from werkmonitor.indicators.table import waarde
from werkmonitor.paths import REFERENTIE
from werkmonitor.periods import Periode

GELIJK_RELATIEF = 0.05
GELIJK_ABSOLUUT = 2
GELIJK_PROCENTPUNT = 1.0
RICHTINGEN = ("hoger", "lager", "gelijk")


def lees_richtingen(pad: Path | None = None) -> pd.DataFrame:
    """The published statements of direction, with categorie 'totaal' for unsplit totals."""
    t = pd.read_csv(pad or REFERENTIE / "gepubliceerde_richtingen.csv", dtype={"periode": str})
    t["categorie"] = t["categorie"].fillna("")
    t.loc[t["categorie"] == "", "categorie"] = "totaal"
    t["reden"] = t["reden"].fillna("")
    return t


def richting(nu: float | None, eerder: float | None, eenheid: str = "aantal") -> str | None:
    """'hoger', 'lager' or 'gelijk' by the module's rules; None when either is unknown."""
    if nu is None or eerder is None or pd.isna(nu) or pd.isna(eerder):
        return None
    verschil = float(nu) - float(eerder)
    if eenheid == "procent":
        klein = abs(verschil) < GELIJK_PROCENTPUNT
    else:
        klein = abs(verschil) <= max(GELIJK_ABSOLUUT, GELIJK_RELATIEF * abs(float(eerder)))
    if klein:
        return "gelijk"
    return "hoger" if verschil > 0 else "lager"


def klopt(gepubliceerd: str, nu: float | None, eerder: float | None, eenheid: str) -> bool:
    """Whether a published direction agrees with the computed change (see the module)."""
    berekend = richting(nu, eerder, eenheid)
    if berekend is None:
        return False
    if gepubliceerd == "gelijk":
        return berekend == "gelijk"
    teken = float(nu) - float(eerder)
    return teken > 0 if gepubliceerd == "hoger" else teken < 0


def figuur(
    tabellen: dict[str, pd.DataFrame],
    periode: str,
    traject: str,
    maat: str,
    dimensie: str = "totaal",
    categorie: str = "totaal",
    procent: bool = False,
) -> float | None:
    """A count from the national tables, or (`procent`) that count as a % of the running
    trajects of the same traject and category; None when not in the tables."""
    tabel = tabellen.get(periode)
    if tabel is None:
        return None
    aantal = waarde(tabel, traject, maat, dimensie, categorie)
    if not procent or aantal is None:
        return aantal
    lopend = waarde(tabel, traject, "lopend", dimensie, categorie)
    return None if not lopend else 100.0 * aantal / lopend


def _waarde(tabellen: dict[str, pd.DataFrame], periode: str, rij, categorie: str):
    """The figure of a statement's row in `periode`, for `categorie`."""
    return figuur(
        tabellen, periode, rij.traject, rij.maat, rij.dimensie, categorie, rij.eenheid == "procent"
    )


EERDER = ("vorig_kwartaal", "jaar_eerder")  # the earlier periods a figure is compared with


def eerdere_periode(periode: str, wanneer: str | None) -> str:
    """The code of the period `wanneer` ('vorig_kwartaal', 'jaar_eerder') before `periode`;
    `periode` itself for None."""
    p = Periode.lees(periode)
    if wanneer is None:
        return p.code
    if wanneer == "vorig_kwartaal":
        return p.vorige().code
    if wanneer == "jaar_eerder":
        return p.jaar_eerder().code
    raise ValueError(f"Onbekende vergelijking '{wanneer}'.")


def vergeleken(rij) -> tuple[str, str]:
    """The period and category a statement compares its figure with."""
    if rij.ten_opzichte_van in EERDER:
        return eerdere_periode(rij.periode, rij.ten_opzichte_van), rij.categorie
    soort, _, categorie = rij.ten_opzichte_van.partition(":")
    if soort != "categorie" or not categorie:
        raise ValueError(f"Onbekende vergelijking '{rij.ten_opzichte_van}' in de richtingen.")
    return Periode.lees(rij.periode).code, categorie


def perioden(ref: pd.DataFrame | None = None) -> set[str]:
    """Every period the statements need a table of."""
    ref = lees_richtingen() if ref is None else ref
    return {p for rij in ref.itertuples() for p in (rij.periode, vergeleken(rij)[0])}


def vergelijk_richtingen(
    tabellen: dict[str, pd.DataFrame], ref: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Every published statement of direction beside the computed one.

    `tabellen` maps a period code to its national indicator table. Returns the reference
    columns plus nu, eerder, berekend (the computed direction) and klopt."""
    ref = lees_richtingen() if ref is None else ref
    rijen = []
    for rij in ref.itertuples(index=False):
        periode_eerder, categorie_eerder = vergeleken(rij)
        nu = _waarde(tabellen, rij.periode, rij, rij.categorie)
        eerder = _waarde(tabellen, periode_eerder, rij, categorie_eerder)
        rijen.append(
            {
                **rij._asdict(),
                "nu": nu,
                "eerder": eerder,
                "berekend": richting(nu, eerder, rij.eenheid),
                "klopt": klopt(rij.richting, nu, eerder, rij.eenheid),
            }
        )
    return pd.DataFrame(rijen)
