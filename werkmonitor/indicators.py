"""Indicators (kengetallen) per period and level, computed from tidy registrations.

Levels: 'landelijk' (eenheid empty), 'regio' (eenheid = region), 'organisatie'
(eenheid = organisation). Output columns follow DESIGN.md:
periode, niveau, eenheid, traject, maat, dimensie, categorie, waarde.
"""

from __future__ import annotations

import pandas as pd

from . import methods
from .comparison import vergelijk
from .periods import Periode
from .vocab import TOTAAL, TRAJECTEN

NIVEAUS = ("landelijk", "regio", "organisatie")
KOLOMMEN = ["periode", "niveau", "eenheid", "traject", "maat", "dimensie", "categorie", "waarde"]
SLEUTELS = ["niveau", "eenheid", "traject", "maat", "dimensie", "categorie"]
_EENHEID_KOLOM = {"landelijk": None, "regio": "regio", "organisatie": "organisatie"}


class IndicatorFout(ValueError):
    """An indicator table that cannot be computed as asked."""


def stand_per_eenheid(reg: pd.DataFrame) -> pd.DataFrame:
    """Running and ended totals per organisation x region x traject x quarter."""
    t = reg[(reg["dimensie"] == TOTAAL) & reg["maat"].isin(["lopend", "beeindigd"])]
    wide = t.pivot_table(
        index=["organisatie", "regio", "traject", "periode"],
        columns="maat",
        values="waarde",
        aggfunc="sum",
        fill_value=0,
    ).reset_index()
    wide.columns.name = None
    for maat in ("lopend", "beeindigd"):
        if maat not in wide:
            wide[maat] = 0
    return wide


def stromen(reg: pd.DataFrame, periode: str) -> pd.DataFrame:
    """Tidy rows of `gestart` and `verloren` for the quarter `periode` (point 1)."""
    p = Periode.lees(periode)
    nodig = reg[reg["periode"].isin([p.code, p.vorige().code])]
    if nodig.empty:
        return pd.DataFrame(columns=[*KOLOMMEN[3:], "organisatie", "regio", "periode"])
    g = methods.gestart_en_verloren(stand_per_eenheid(nodig))
    g = g[g["periode"] == p.code]
    lang = g.melt(
        id_vars=["organisatie", "regio", "traject", "periode"],
        value_vars=["gestart", "verloren"],
        var_name="maat",
        value_name="waarde",
    )
    return lang.assign(dimensie=TOTAAL, categorie=TOTAAL)


def _eenheidsrijen(reg: pd.DataFrame, periode: str) -> pd.DataFrame:
    """All per-unit rows for one quarter: registered, outflow by result, started and lost.

    The registered three-way UWV outflow split is kept as dimensie 'resultaat_uwv', so that
    dimensie 'resultaat' means the same for every traject (Bijlage 3, point 6).
    """
    r = reg[reg["periode"] == periode].copy()
    uwv = (r["maat"] == "beeindigd") & (r["dimensie"] == "resultaat")
    resultaat = methods.beoogd_resultaat(r)
    r.loc[uwv, "dimensie"] = "resultaat_uwv"
    s = stromen(reg, periode)
    delen = [x for x in (r, resultaat, s) if not x.empty]
    uit = pd.concat(delen, ignore_index=True)
    uit["waarde"] = uit["waarde"].astype("Int64")
    return uit


def _aggregeer(rijen: pd.DataFrame, niveau: str) -> pd.DataFrame:
    """Sum unit rows to a level, per traject and for all trajects together ('totaal')."""
    kol = _EENHEID_KOLOM[niveau]
    rijen = rijen.assign(eenheid="" if kol is None else rijen[kol])
    keys = ["eenheid", "traject", "maat", "dimensie", "categorie"]
    per_traject = rijen.groupby(keys, as_index=False)["waarde"].sum(min_count=1)
    totaal = (
        per_traject.groupby(["eenheid", "maat", "dimensie", "categorie"], as_index=False)["waarde"]
        .sum(min_count=1)
        .assign(traject=TOTAAL)
    )
    return pd.concat([per_traject, totaal], ignore_index=True)


def _organisaties(reg_q: pd.DataFrame, niveau: str) -> pd.DataFrame:
    """Number of organisations that delivered, per traject and in total, per unit."""
    kol = _EENHEID_KOLOM[niveau]
    r = reg_q.assign(eenheid="" if kol is None else reg_q[kol])
    per = r.groupby(["eenheid", "traject"], as_index=False)["organisatie"].nunique()
    tot = r.groupby("eenheid", as_index=False)["organisatie"].nunique().assign(traject=TOTAAL)
    df = pd.concat([per, tot], ignore_index=True).rename(columns={"organisatie": "waarde"})
    return df.assign(maat="aantal_organisaties", dimensie=TOTAAL, categorie=TOTAAL)


def kwartaalindicatoren(reg: pd.DataFrame, periode: str, niveau: str = "landelijk"):
    """The indicator table of one quarter at one level (no comparisons)."""
    if niveau not in NIVEAUS:
        raise IndicatorFout(f"Onbekend niveau '{niveau}': kies uit {', '.join(NIVEAUS)}.")
    p = Periode.lees(periode)
    if p.soort != "kwartaal":
        raise IndicatorFout(
            f"Periode {p.code}: deze versie berekent kengetallen per kwartaal "
            "(half- en kalenderjaren volgen met de jaarmethoden van Bijlage 3)."
        )
    reg_q = reg[reg["periode"] == p.code]
    if reg_q.empty:
        return pd.DataFrame(columns=KOLOMMEN)
    df = pd.concat(
        [_aggregeer(_eenheidsrijen(reg, p.code), niveau), _organisaties(reg_q, niveau)],
        ignore_index=True,
    )
    df = df.assign(periode=p.code, niveau=niveau)[KOLOMMEN]
    volgorde = {t: i for i, t in enumerate((*TRAJECTEN, TOTAAL))}
    df = df.sort_values(
        ["eenheid", "traject", "maat", "dimensie", "categorie"],
        key=lambda s: s.map(volgorde) if s.name == "traject" else s,
        ignore_index=True,
    )
    df["waarde"] = df["waarde"].astype("Int64")
    return df


def indicatoren(reg: pd.DataFrame, periode: str, niveau: str = "landelijk") -> pd.DataFrame:
    """The indicator table of a quarter, with the change against the previous quarter
    ('vorige') and the same quarter a year earlier ('jaar_eerder')."""
    p = Periode.lees(periode)
    nu = kwartaalindicatoren(reg, p.code, niveau)
    for naam, eerder in (("vorige", p.vorige()), ("jaar_eerder", p.jaar_eerder())):
        e = kwartaalindicatoren(reg, eerder.code, niveau)
        nu = vergelijk(nu, e if not e.empty else pd.DataFrame(columns=KOLOMMEN), SLEUTELS, naam)
        nu.insert(len(nu.columns) - 3, f"periode_{naam}", eerder.code)
    return nu


def waarde(
    tabel: pd.DataFrame,
    traject: str,
    maat: str,
    dimensie: str = TOTAAL,
    categorie: str = TOTAAL,
    kolom: str = "waarde",
    eenheid: str = "",
):
    """Look up one value in an indicator table (None when absent)."""
    t = tabel[
        (tabel["traject"] == traject)
        & (tabel["maat"] == maat)
        & (tabel["dimensie"] == dimensie)
        & (tabel["categorie"] == categorie)
        & (tabel["eenheid"] == eenheid)
    ]
    if t.empty or pd.isna(t[kolom].iloc[0]):
        return None
    v = t[kolom].iloc[0]
    return int(v) if kolom == "waarde" or kolom.startswith(("waarde_", "verschil_")) else v
