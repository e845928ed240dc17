"""Privacy of regional and organisation reports (DESIGN.md, Privacy).

Counts under a threshold (default 5, zero excepted) are not shown (primary suppression). When
a shown total would reveal a single suppressed part, the smallest other part is suppressed too
(secondary suppression). Percentages on a denominator under 10 are not shown. Suppressed values
become missing; the reports print them as '–' and say why. Functions return new objects.
"""

from __future__ import annotations

import pandas as pd

DREMPEL = 5  # counts 1..DREMPEL-1 are suppressed
NOEMER_MINIMUM = 10  # percentages need at least this many in the denominator
PRIMAIR, SECUNDAIR, NOEMER = "primair", "secundair", "noemer"


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
