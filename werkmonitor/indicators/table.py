"""Indicators (kengetallen) per period and level, computed from tidy registrations.

Levels: 'landelijk' (eenheid empty), 'regio' (eenheid = region), 'organisatie'
(eenheid = organisation). Output columns (docs/methoden.md):
periode, niveau, eenheid, traject, maat, dimensie, categorie, waarde.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from werkmonitor.indicators import methods
from werkmonitor.indicators.comparison import vergelijk
from werkmonitor.periods import Periode
from werkmonitor.vocab import NIVEAUS, TOTAAL, TRAJECTEN, registreert, registreert_uitsplitsing

KOLOMMEN = [
    "periode",
    "niveau",
    "eenheid",
    "traject",
    "maat",
    "dimensie",
    "categorie",
    "grootheid",
    "waarde",
]
SLEUTELS = ["niveau", "eenheid", "traject", "maat", "dimensie", "categorie", "grootheid"]
# the columns of an indicator table that hold numbers (value, and each comparison's change)
GETALKOLOMMEN = ("waarde", "verschil_", "procent_")
SCHEIDING = " | "  # eenheid on level organisatie_regio: "organisation | region"


class IndicatorFout(ValueError):
    """An indicator table that cannot be computed as asked."""


def stand_per_eenheid(reg: pd.DataFrame) -> pd.DataFrame:
    """Running and ended totals per organisation x region x traject x quarter."""
    return _breed(reg, ["lopend", "beeindigd"])


_STROOMEENHEID = ["organisatie", "regio", "traject", "periode"]


def stromen(reg: pd.DataFrame, periode: str) -> pd.DataFrame:
    """Tidy per-unit rows of `gestart` and `verloren` for the quarter `periode` (point 1),
    and of the clients lost from paid work and education (point 4)."""
    p = Periode.lees(periode)
    nodig = reg[reg["periode"].isin([p.code, p.vorige().code])]
    if nodig.empty:
        return pd.DataFrame(columns=[*_STROOMEENHEID, "maat", "dimensie", "categorie", "waarde"])
    return _stromen_van(_stroomdelen(nodig), p)


def stromen_per_kwartaal(reg: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """`stromen` of every quarter with registrations in `reg`, computed in one pass over
    all quarters instead of once per quarter over it and the one before: a quarter's
    flows depend on that quarter and the one before only (`methods._met_vorige`)."""
    if reg.empty:
        return {}
    delen = _stroomdelen(reg)
    return {
        code: _stromen_van(delen, Periode.lees(code)) for code in sorted(reg["periode"].unique())
    }


def _stroomdelen(reg: pd.DataFrame) -> list[tuple[str, pd.DataFrame, set]]:
    """Started and lost per unit and quarter of `reg`, and the clients lost from paid
    work and from education: (what, per unit x quarter, the quarters with such rows)."""
    g = methods.gestart_en_verloren(stand_per_eenheid(reg))
    delen = [("stand", g, set(g["periode"].unique()))]
    for voorraad in ("betaald_werk", "opleiding"):
        start, stop, _ = methods.VOORRADEN[voorraad]
        st = _breed(reg, [voorraad, start, stop])
        st = st[st["traject"].isin([t for t in TRAJECTEN if registreert(t, voorraad)])]
        if st.empty:
            continue
        v = methods.verloren_uit_voorraad(st, voorraad, start, stop)
        delen.append((voorraad, v, set(st["periode"].unique())))
    return delen


def _stromen_van(delen: list[tuple[str, pd.DataFrame, set]], p: Periode) -> pd.DataFrame:
    """The rows of quarter `p` of `_stroomdelen`, in the long form of `stromen`. A stock
    counts when it has rows in `p` or the quarter before (as when only those two quarters
    are computed)."""
    (_naam, g, _q), *voorraden = delen
    lang = [
        g[g["periode"] == p.code].melt(
            id_vars=_STROOMEENHEID,
            value_vars=["gestart", "verloren"],
            var_name="maat",
            value_name="waarde",
        )
    ]
    for voorraad, v, kwartalen in voorraden:
        if p.code not in kwartalen and p.vorige().code not in kwartalen:
            continue
        v = v[v["periode"] == p.code].assign(maat=f"verloren_{voorraad}")
        lang.append(v[[*_STROOMEENHEID, "maat"]].assign(waarde=v["verloren"]))
    return pd.concat(lang, ignore_index=True).assign(dimensie=TOTAAL, categorie=TOTAAL)


def _breed(reg: pd.DataFrame, maten: list[str]) -> pd.DataFrame:
    """Unsplit totals of `maten` per organisation x region x traject x quarter, as columns."""
    t = reg[(reg["dimensie"] == TOTAAL) & reg["maat"].isin(maten)]
    wide = t.pivot_table(
        index=["organisatie", "regio", "traject", "periode"],
        columns="maat",
        values="waarde",
        aggfunc="sum",
        fill_value=0,
    ).reset_index()
    wide.columns.name = None
    for maat in maten:
        if maat not in wide:
            wide[maat] = 0
    return wide


def _kwartaalrijen(reg: pd.DataFrame, periode: str, stromen_van=None) -> pd.DataFrame:
    """All per-unit rows for one quarter: registered, outflow by result, started and lost
    (`stromen`, or `stromen_van(periode)` when given).

    The registered three-way UWV outflow split is kept as dimensie 'resultaat_uwv', so that
    dimensie 'resultaat' means the same for every traject (Bijlage 3, point 6).
    """
    r = reg[reg["periode"] == periode].copy()
    uwv = (r["maat"] == "beeindigd") & (r["dimensie"] == "resultaat")
    resultaat = methods.beoogd_resultaat(r)
    r.loc[uwv, "dimensie"] = "resultaat_uwv"
    s = stromen(reg, periode) if stromen_van is None else stromen_van(periode)
    delen = [x for x in (r, resultaat, s) if not x.empty]
    uit = pd.concat(delen, ignore_index=True)
    uit["waarde"] = uit["waarde"].astype("Int64")
    return uit


def eenheidsrijen(
    reg: pd.DataFrame,
    periode: str,
    methode: str = "gepubliceerd",
    kwartaalrijen=None,
    stromen_van=None,
):
    """Per-unit rows (organisation x region x traject) for a quarter, half year or year.

    A quarter: the registrations plus the computed flows (points 1 and 6). A half year or
    year: the quarters combined with points 3, 4 and 5 (`methods.over_periode`); point 6 is
    applied per quarter first, so 'resultaat' is a sum of the quarters. `kwartaalrijen`
    (quarter code -> its rows, as this function gives them) lets a caller that has the
    quarters' rows already hand them over instead of their being computed again;
    `stromen_van` (quarter code -> its `stromen`) likewise the flows of a quarter.
    """
    p = Periode.lees(periode)
    if p.soort == "kwartaal":
        return _kwartaalrijen(reg, p.code, stromen_van)
    codes = [q.code for q in p.kwartalen()]
    rijen_van = kwartaalrijen or (lambda q: _kwartaalrijen(reg, q))
    kwartalen = [rijen_van(q) for q in codes if (reg["periode"] == q).any()]
    if not kwartalen:
        return pd.DataFrame(columns=["organisatie", "regio", "traject", "periode", "waarde"])
    return methods.over_periode(pd.concat(kwartalen, ignore_index=True), codes, methode)


def _eenheid(rijen: pd.DataFrame, niveau: str | None) -> pd.Series:
    """The `eenheid` of each row on a level (None: the rows have theirs already)."""
    if niveau is None:
        return rijen["eenheid"]
    if niveau == "landelijk":
        return pd.Series("", index=rijen.index)
    if niveau == "organisatie_regio":
        return rijen["organisatie"] + SCHEIDING + rijen["regio"]
    return rijen[niveau]


def _aggregeer(rijen: pd.DataFrame, niveau: str) -> pd.DataFrame:
    """Sum unit rows to a level, per traject and for all trajects together ('totaal')."""
    rijen = rijen.assign(eenheid=_eenheid(rijen, niveau))
    keys = ["eenheid", "traject", "maat", "dimensie", "categorie"]
    per_traject = rijen.groupby(keys, as_index=False)["waarde"].sum(min_count=1)
    totaal = (
        per_traject.groupby(["eenheid", "maat", "dimensie", "categorie"], as_index=False)["waarde"]
        .sum(min_count=1)
        .assign(traject=TOTAAL)
    )
    return pd.concat([per_traject, totaal], ignore_index=True)


def _organisaties(reg_p: pd.DataFrame, niveau: str) -> pd.DataFrame:
    """Number of organisations that delivered in the period, per traject and in total."""
    r = reg_p.assign(eenheid=_eenheid(reg_p, niveau))
    per = r.groupby(["eenheid", "traject"], as_index=False)["organisatie"].nunique()
    tot = r.groupby("eenheid", as_index=False)["organisatie"].nunique().assign(traject=TOTAAL)
    df = pd.concat([per, tot], ignore_index=True).rename(columns={"organisatie": "waarde"})
    return df.assign(maat="aantal_organisaties", dimensie=TOTAAL, categorie=TOTAAL)


def _registreert(traject: str, maat: str, dimensie: str | None) -> bool:
    """Whether `traject` registers `maat` (split by `dimensie` when given)."""
    if dimensie is None:
        return registreert(traject, maat)
    return registreert_uitsplitsing(traject, maat, dimensie)


def periodetabel(
    reg: pd.DataFrame,
    periode: str,
    niveau: str = "landelijk",
    methode: str = "gepubliceerd",
    met_noemer: bool = False,
) -> pd.DataFrame:
    """The indicator table of one period at one level (no comparisons).

    Counts (`grootheid` 'aantal') per traject and for all trajects, on the level; then the
    percentages of points 7 and 8 and the shares of the breakdowns (`grootheid` 'procent'),
    computed on the level's own counts. Quarterly counts are whole numbers; half-year and
    year counts of points 3-5 may be estimates with decimals (rounded when shown).
    `met_noemer` keeps the denominator of each percentage in an extra column `noemer`.
    """
    p = Periode.lees(periode)
    reg_p = reg[reg["periode"].isin([q.code for q in p.kwartalen()])]
    rijen = None if reg_p.empty else eenheidsrijen(reg, p.code, methode)
    return tabel_uit_rijen(rijen, reg_p, p.code, niveau, met_noemer)


def tabel_uit_rijen(
    rijen: pd.DataFrame | None,
    reg_p: pd.DataFrame,
    periode: str,
    niveau: str = "landelijk",
    met_noemer: bool = False,
) -> pd.DataFrame:
    """`periodetabel` from the period's unit rows (`eenheidsrijen`, None when there are
    no registrations) and its registrations `reg_p`: the rows do not depend on the level,
    so a caller that needs several levels computes them once."""
    return tabellen_uit_rijen([(rijen, reg_p, periode, niveau)], met_noemer)[0]


def tabellen_uit_rijen(
    taken: list[tuple[pd.DataFrame | None, pd.DataFrame, str, str]], met_noemer: bool = False
) -> list[pd.DataFrame]:
    """`tabel_uit_rijen` of each (rijen, reg_p, periode, niveau) of `taken`, computed as one
    table: every unit of every task is a unit of its own, numbered in the order of the tasks
    and of the units' names within a task, so the sums and percentages run once over all
    of them instead of once per period and level (most of their time is pandas' work per
    call, not per row; and grouping by a number is cheaper than by a name). Each table is
    the same as `tabel_uit_rijen` of its task alone: each unit keeps its own rows, in their
    order, and each table is sorted as that function sorts it (tested)."""
    for _r, _reg, _p, niveau in taken:
        if niveau not in NIVEAUS:
            raise IndicatorFout(f"Onbekend niveau '{niveau}': kies uit {', '.join(NIVEAUS)}.")
    kolommen = [*KOLOMMEN, "noemer"] if met_noemer else KOLOMMEN
    uit: list[pd.DataFrame | None] = [None] * len(taken)
    soorten: dict[bool, list[int]] = {}
    for i, (rijen, reg_p, periode, _n) in enumerate(taken):
        if rijen is None or reg_p.empty:
            uit[i] = pd.DataFrame(columns=kolommen)
        else:  # quarters and longer periods have other percentages (`methods.percentages`)
            soorten.setdefault(Periode.lees(periode).soort == "kwartaal", []).append(i)
    for kwartaal, nummers in soorten.items():
        tabellen = _samen_berekend([taken[i] for i in nummers], kwartaal, kolommen)
        for i, t in zip(nummers, tabellen, strict=True):
            uit[i] = t
    return uit


def _samen_berekend(taken: list, kwartaal: bool, kolommen: list[str]) -> list[pd.DataFrame]:
    """The tables of `taken` (all with rows; all quarters, or none) computed as one."""
    namen, rijen, reg_p, grenzen = [], [], [], [0]
    for r, reg, _p, niveau in taken:
        eenheden = (_eenheid(r, niveau), _eenheid(reg, niveau))
        # the names in the order `sort_values` gives them
        eigen = pd.Index(sorted(pd.unique(pd.concat(eenheden, ignore_index=True))))
        for frame, e, doel in ((r, eenheden[0], rijen), (reg, eenheden[1], reg_p)):
            doel.append(frame.assign(eenheid=eigen.get_indexer(e) + grenzen[-1]))
        namen += list(eigen)
        grenzen.append(grenzen[-1] + len(eigen))
    rijen = pd.concat(rijen, ignore_index=True)
    reg_p = pd.concat(reg_p, ignore_index=True)
    aantallen = pd.concat([_aggregeer(rijen, None), _organisaties(reg_p, None)], ignore_index=True)
    aantallen["waarde"] = aantallen["waarde"].astype("Float64")
    pct = methods.percentages(aantallen, _registreert, kwartaal)
    df = pd.concat(
        [aantallen.assign(grootheid="aantal"), pct.assign(grootheid="procent")],
        ignore_index=True,
    )
    df["noemer"] = pd.to_numeric(df["noemer"], errors="coerce") if "noemer" in df else np.nan
    volgorde = {t: i for i, t in enumerate((*TRAJECTEN, TOTAAL))}
    df = df.sort_values(
        ["eenheid", "traject", "grootheid", "maat", "dimensie", "categorie"],
        key=lambda s: s.map(volgorde) if s.name == "traject" else s,
        ignore_index=True,
    )  # each task's units together, in the task's order (their numbers)
    plekken = np.searchsorted(df["eenheid"].to_numpy(), grenzen)
    naam = pd.array(namen, dtype=str) if namen else pd.array([], dtype=str)
    uit = []
    for i, (_r, _reg, periode, niveau) in enumerate(taken):
        t = df.iloc[plekken[i] : plekken[i + 1]].reset_index(drop=True)
        t = t.assign(
            eenheid=naam.take(t["eenheid"].to_numpy()),
            periode=Periode.lees(periode).code,
            niveau=niveau,
        )[kolommen]
        t["waarde"] = t["waarde"].astype("Float64")
        uit.append(t)
    return uit


def kwartaalindicatoren(reg: pd.DataFrame, periode: str, niveau: str = "landelijk"):
    """The indicator table of one quarter (kept for callers that ask for a quarter only)."""
    p = Periode.lees(periode)
    if p.soort != "kwartaal":
        raise IndicatorFout(f"Periode {p.code} is geen kwartaal.")
    return periodetabel(reg, p.code, niveau)


def vergelijkingen(periode: str) -> list[tuple[str, Periode]]:
    """The earlier periods a period is compared with: the previous one and, for quarters and
    half years, the same period a year earlier (for a year these are the same)."""
    p = Periode.lees(periode)
    uit = [("vorige", p.vorige())]
    if p.soort != "jaar":
        uit.append(("jaar_eerder", p.jaar_eerder()))
    return uit


def indicatoren(
    reg: pd.DataFrame,
    periode: str,
    niveau: str = "landelijk",
    methode: str = "gepubliceerd",
    bewerking=None,
) -> pd.DataFrame:
    """The indicator table of a period with the change against earlier periods.

    Adds per comparison `periode_<naam>`, `waarde_<naam>`, `verschil_<naam>` and
    `procent_<naam>`. For percentages the difference is in percentage points and
    `procent_<naam>` is empty (a percentage of a percentage is not shown).
    `bewerking`, when given, is applied to each period's table (with its `noemer` column)
    before the comparison, e.g. privacy suppression; its extra columns are carried along.
    """

    def tabel(code: str) -> pd.DataFrame:
        if bewerking is None:
            return periodetabel(reg, code, niveau, methode)
        return bewerking(periodetabel(reg, code, niveau, methode, met_noemer=True))

    p = Periode.lees(periode)
    eerder = {naam: tabel(e.code) for naam, e in vergelijkingen(p.code)}
    return met_vergelijkingen(tabel(p.code), p.code, eerder)


def met_vergelijkingen(nu: pd.DataFrame, periode: str, eerder: dict[str, pd.DataFrame]):
    """Join the tables of the comparison periods of `periode` (name -> table, names as in
    `vergelijkingen`) onto the table of the period; see `indicatoren`."""
    for naam, e in vergelijkingen(periode):
        t = eerder[naam]
        nu = vergelijk(nu, t if not t.empty else pd.DataFrame(columns=nu.columns), SLEUTELS, naam)
        nu.loc[nu["grootheid"] == "procent", f"procent_{naam}"] = pd.NA
        nu.insert(nu.columns.get_loc(f"waarde_{naam}"), f"periode_{naam}", e.code)
    return nu


def rij(
    tabel: pd.DataFrame,
    traject: str,
    maat: str,
    dimensie: str = TOTAAL,
    categorie: str = TOTAAL,
    eenheid: str = "",
    grootheid: str = "aantal",
) -> pd.Series | None:
    """The row of one indicator (None when absent; the first when there are several)."""
    if tabel.empty:
        return None
    gezocht = {"traject": traject, "maat": maat, "dimensie": dimensie, "categorie": categorie}
    gezocht["eenheid"] = eenheid
    if "grootheid" in tabel:
        gezocht["grootheid"] = grootheid
    past = np.ones(len(tabel), dtype=bool)
    for kolom, waarde_ in gezocht.items():
        past &= tabel[kolom].to_numpy() == waarde_
    plek = np.flatnonzero(past)
    return None if plek.size == 0 else tabel.iloc[plek[0]]


def totaalrijen(tabel: pd.DataFrame, eenheid: str = "") -> dict[tuple[str, str], dict]:
    """The rows `rij(tabel, traject, maat)` finds (dimensie and categorie TOTAAL, counts),
    as dicts by (traject, maat), found in one pass: for looking up many headline figures
    of one table."""
    if tabel.empty:
        return {}
    past = (
        (tabel["eenheid"].to_numpy() == eenheid)
        & (tabel["dimensie"].to_numpy() == TOTAAL)
        & (tabel["categorie"].to_numpy() == TOTAAL)
    )
    if "grootheid" in tabel:
        past &= tabel["grootheid"].to_numpy() == "aantal"
    uit: dict[tuple[str, str], dict] = {}
    for r in tabel[past].to_dict("records"):
        uit.setdefault((r["traject"], r["maat"]), r)  # the first, as `rij`
    return uit


def als_getal(x):
    """A table value as a Python number: None when missing, whole numbers as int."""
    if x is None or pd.isna(x):
        return None
    v = float(x)
    return int(v) if v.is_integer() else v


def waarde(
    tabel: pd.DataFrame,
    traject: str,
    maat: str,
    dimensie: str = TOTAAL,
    categorie: str = TOTAAL,
    kolom: str = "waarde",
    eenheid: str = "",
    grootheid: str = "aantal",
):
    """Look up one value in an indicator table (None when absent); whole numbers as int."""
    r = rij(tabel, traject, maat, dimensie, categorie, eenheid, grootheid)
    return None if r is None else als_getal(r[kolom])


def voor_export(tabel: pd.DataFrame, decimalen: int = 4) -> pd.DataFrame:
    """A copy for CSV: whole numbers without '.0', other values to `decimalen` decimals."""

    def tekst(x) -> str:
        if pd.isna(x):
            return ""
        v = round(float(x), decimalen)
        return str(int(v)) if v.is_integer() else f"{v:.{decimalen}f}".rstrip("0")

    uit = tabel.copy()
    for kolom in uit.columns:
        if kolom.startswith(GETALKOLOMMEN):
            uit[kolom] = uit[kolom].map(tekst)
        elif not pd.api.types.is_numeric_dtype(uit[kolom]):
            uit[kolom] = uit[kolom].map(veilige_cel)
    return uit


def veilige_cel(x):
    """A text cell that a spreadsheet will not run as a formula: a leading = + - @ (or tab,
    carriage return) gets an apostrophe before it, as OWASP advises for CSV exports."""
    if isinstance(x, str) and x[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + x
    return x
