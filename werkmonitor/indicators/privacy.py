"""Privacy of regional and organisation reports (docs/rapporten.md, Privacy).

Counts under a threshold (default 5, zero excepted) are not shown (primary suppression). When
a shown total would reveal a single suppressed part, the smallest other part is suppressed too
(secondary suppression). Percentages on a denominator under 10 are not shown. Suppressed values
become missing; the reports print them as '–' and say why. Functions return new objects.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from werkmonitor.indicators.methods import VAN_LOPEND

DREMPEL = 5  # counts 1..DREMPEL-1 are suppressed
NOEMER_MINIMUM = 10  # percentages need at least this many in the denominator
PRIMAIR, SECUNDAIR, NOEMER, AFGELEID = "primair", "secundair", "noemer", "afgeleid"


def onderdrukt_voor(soort: str) -> bool:
    """Whether the report on a unit of `soort` hides small numbers. A region's report shows
    the clients of several organisations: suppressed. An organisation's own report shows only
    its own clients, and suppression protects others, not an organisation from its own
    figures: unsuppressed. National figures are never suppressed."""
    return soort == "regio"


def primair(waarden: pd.Series, drempel: int = DREMPEL) -> pd.Series:
    """True for counts that are suppressed in their own right: 0 < n < drempel."""
    w = waarden.astype("float64")
    return (w > 0) & (w < drempel)


def onderdruk_delen(delen: pd.Series, drempel: int = DREMPEL) -> pd.Series:
    """The suppression reason per part of a total that is shown (sum of the parts).

    Primary for small counts; if exactly one part is suppressed, the smallest other part that
    is not zero is suppressed as well, so the total cannot reveal it. Returns a Series of
    'primair', 'secundair' or '' with the index of `delen`.
    """
    reden = pd.Series("", index=delen.index, dtype="object")
    p = primair(delen, drempel)
    reden[p] = PRIMAIR
    if p.sum() == 1:
        over = delen[~p & (delen.astype("float64") > 0)]
        if not over.empty:
            reden[over.astype("float64").idxmin()] = SECUNDAIR
    return reden


def toon_percentage(noemer, minimum: int = NOEMER_MINIMUM) -> bool:
    """Whether a percentage on this denominator may be shown."""
    return noemer is not None and not pd.isna(noemer) and float(noemer) >= minimum


def onderdruk_tabel(
    tabel: pd.DataFrame, kolommen: list[str], totaalrij, drempel: int = DREMPEL
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Suppress count columns of a table whose row `totaalrij` is the sum of the other rows.

    Per column: primary and secondary suppression of the parts (`onderdruk_delen`), and the
    total itself when it is small. Returns (table with suppressed cells missing, table of
    reasons).
    """
    uit = tabel.copy()
    redenen = pd.DataFrame("", index=tabel.index, columns=kolommen)
    delen = [i for i in tabel.index if i != totaalrij]
    for k in kolommen:
        r = onderdruk_delen(tabel.loc[delen, k], drempel)
        redenen.loc[delen, k] = r
        if totaalrij in tabel.index and primair(tabel.loc[[totaalrij], k], drempel).iloc[0]:
            redenen.loc[totaalrij, k] = PRIMAIR
        uit[k] = uit[k].astype("float64").where(redenen[k] == "")
    return uit, redenen


# --- Indicator tables of one region or organisation ----------------------------------------

_GROEP = ["eenheid", "traject", "maat", "dimensie", "categorie"]


def _groepen(tel: pd.DataFrame) -> list[tuple[np.ndarray, int, bool]]:
    """(parts, total, over_trajecten) of the count rows whose parts add up to a shown total:
    the categories of a breakdown within its traject and measure, and the trajects within
    'totaal' for every measure and category. Rows by position (`tel`'s index)."""
    sleutels = list(zip(*(tel[k].tolist() for k in _GROEP), strict=True))
    index = dict(zip(sleutels, tel.index, strict=True))
    labels = tel.index.to_numpy(dtype=np.int64)
    uit = []
    # groups as arrays of positions (`indices`), in the order of their keys as `groups`
    # gives them, without an Index object per group (a third of the time)
    for (e, t, m, d), pos in tel.groupby(
        ["eenheid", "traject", "maat", "dimensie"]
    ).indices.items():
        tot = index.get((e, t, m, "totaal", "totaal"))
        if d != "totaal" and tot is not None:
            uit.append((labels[pos], int(tot), False))
    for (e, m, d, c), pos in tel.groupby(
        ["eenheid", "maat", "dimensie", "categorie"]
    ).indices.items():
        tot = index.get((e, "totaal", m, d, c))
        if tot is None:
            continue
        delen = labels[pos]
        delen = delen[delen != tot]
        if delen.size:
            uit.append((delen, int(tot), True))
    return uit


def _tweede_cel(trajecten, w, verborgen, delen, totaal, over_trajecten, beschermd) -> int | None:
    """The cell to suppress so that a total does not reveal its single hidden part: the
    smallest other part above zero (the first of equals); across trajects never a protected
    traject (IPS), the total itself instead when no other traject is left. Arrays by row
    position; `verborgen` marks the rows suppressed so far."""
    over = delen[~verborgen[delen] & (w[delen] > 0)]
    if over_trajecten:
        over = over[~np.isin(trajecten[over], beschermd)]
        if over.size == 0:
            return totaal
    return None if over.size == 0 else int(over[np.argmin(w[over])])


def _secundair(t: pd.DataFrame, w: pd.Series, reden: pd.Series, tel, beschermd) -> pd.Series:
    """A copy of `reden` with the secondary suppressions added, repeated until nothing
    changes (at most ten rounds)."""
    reden = reden.copy()
    verborgen = (reden != "").to_numpy(copy=True)
    w_a = w.to_numpy(dtype="float64", na_value=np.nan)
    trajecten = t["traject"].to_numpy(dtype=object)
    groepen = _groepen(tel)
    for _ in range(10):
        veranderd = False
        for delen, totaal, over_trajecten in groepen:
            if verborgen[totaal] or verborgen[delen].sum() != 1:
                continue
            cel = _tweede_cel(trajecten, w_a, verborgen, delen, totaal, over_trajecten, beschermd)
            if cel is not None:
                reden.iloc[cel] = SECUNDAIR
                verborgen[cel] = True
                veranderd = True
        if not veranderd:
            break
    return reden


def _sleutel(t: pd.DataFrame, kolommen: list[str]) -> pd.Series:
    """The values of `kolommen` joined into one string per row."""
    uit = t[kolommen[0]].astype(str)
    for k in kolommen[1:]:
        uit = uit + "\x1f" + t[k].astype(str)
    return uit


def onderdruk_indicatoren(
    tabel: pd.DataFrame,
    drempel: int = DREMPEL,
    minimum: int = NOEMER_MINIMUM,
    beschermd: tuple[str, ...] = ("ips",),
) -> pd.DataFrame:
    """Suppress the small counts and small-denominator percentages of an indicator table of
    one period (with its `noemer` column, `periodetabel(..., met_noemer=True)`).

    Counts 1..drempel-1 are suppressed (primair); where a shown total would reveal a single
    suppressed part (categories of a breakdown, trajects within 'totaal'), a second cell is
    suppressed too (secundair, `_tweede_cel`), repeated until nothing changes. A percentage is
    suppressed when its denominator is under `minimum` ('noemer'), and when its own count, the
    total it is a share of, or (point 7) the running count it is a percentage of is
    suppressed ('afgeleid'). The number of
    organisations is not a count of clients and stays. Returns a new table with suppressed
    values missing and the reason in column `onderdrukt` ('' when shown); without `noemer`.
    """
    t = tabel.reset_index(drop=True)
    if t.empty:
        return t.drop(columns="noemer", errors="ignore").assign(onderdrukt=pd.Series(dtype=object))
    reden = pd.Series("", index=t.index, dtype="object")
    w = t["waarde"].astype("float64")
    tel = t[(t["grootheid"] == "aantal") & (t["maat"] != "aantal_organisaties")]
    reden[primair(w[tel.index], drempel).reindex(t.index, fill_value=False)] = PRIMAIR
    reden = _secundair(t, w, reden, tel, beschermd)
    sleutel = _sleutel(t, _GROEP)
    verborgen_aantal = set(sleutel[tel.index][reden[tel.index] != ""])
    totaal_sleutel = _sleutel(t, ["eenheid", "traject", "maat"]) + "\x1ftotaal\x1ftotaal"
    pct = t["grootheid"] == "procent"
    noemer = pd.to_numeric(t.get("noemer", pd.Series(pd.NA, t.index)), errors="coerce")
    te_klein = pct & (noemer.isna() | (noemer < minimum))
    reden[te_klein] = NOEMER
    lopend_sleutel = _sleutel(t, ["eenheid", "traject"]) + "\x1flopend\x1ftotaal\x1ftotaal"
    van_lopend = t["maat"].isin(VAN_LOPEND) & lopend_sleutel.isin(verborgen_aantal)
    afgeleid = (
        pct
        & ~te_klein
        & (sleutel.isin(verborgen_aantal) | totaal_sleutel.isin(verborgen_aantal) | van_lopend)
    )
    reden[afgeleid] = AFGELEID
    uit = t.drop(columns="noemer", errors="ignore").assign(onderdrukt=reden)
    uit["waarde"] = uit["waarde"].astype("Float64").where(reden == "")
    return uit
