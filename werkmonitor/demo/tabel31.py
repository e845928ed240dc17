"""Tabel 3.1 of the demo against the published one: which cells the demo reproduces.

A count is reproduced when it differs by at most `MARGE` of the published count or
`MARGE_MIN` clients, a percentage when it differs by at most `MARGE_PP` procentpunten. A
cell the demo does not reproduce is one of two kinds (`reden`): the regional plan misses it
(`plan`; nearly always its LP already does: the published regional numbers do not fit the
national figures per traject or the units' regions, such as WABZ's 98 starts in 2023
against at most 52 started other trajects in any region), or the plan meets it but the
distribution over the units of the region misses it (`eenheden`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from werkmonitor.demo import regioplan
from werkmonitor.indicators import rankings
from werkmonitor.indicators.table import periodetabel

MARGE, MARGE_MIN, MARGE_PP = 0.05, 2, 2.0
PCT = "pct_beeindigd_met_resultaat"
KOLOMMEN = ("lopend_ips", "lopend_niet_ips", "gestart_ips", "gestart_niet_ips", PCT)


def tabel_van(reg: pd.DataFrame, jaren=regioplan.JAREN) -> pd.DataFrame:
    """Tabel 3.1 of tidy registrations per region and year (columns regio, jaar, ...)."""
    delen = [rankings.tabel_3_1(periodetabel(reg, j, "regio")).assign(jaar=j) for j in jaren]
    return pd.concat(delen, ignore_index=True)


def marge(gepubliceerd: float, kolom: str) -> float:
    """How far the demo may differ from a published cell of Tabel 3.1: `MARGE_PP`
    procentpunten for a percentage, else `MARGE` of the count or `MARGE_MIN` clients."""
    if kolom.startswith("pct"):
        return MARGE_PP
    return max(MARGE_MIN, MARGE * abs(float(gepubliceerd)))


def doelcellen(doel) -> list[tuple[str, float, float]]:
    """The cells of a published row of Tabel 3.1 (`doel`, a mapping by column; None: no
    row) that hold a number: (column, value, tolerance `marge`)."""
    if doel is None:
        return []
    return [(k, float(doel[k]), marge(doel[k], k)) for k in KOLOMMEN if not pd.isna(doel[k])]


def gereproduceerd(gepubliceerd: float, demo: float, kolom: str) -> bool:
    """Whether a demo cell reproduces a published one within the stated tolerance."""
    if pd.isna(gepubliceerd):
        return True  # hidden in the published table: nothing to reproduce
    if pd.isna(demo):
        return False
    return abs(float(demo) - float(gepubliceerd)) <= marge(gepubliceerd, kolom)


def afwijkingen(demo: pd.DataFrame, plan: pd.DataFrame | None = None) -> pd.DataFrame:
    """The published cells of Tabel 3.1 the demo (`demo`, as `tabel_van`) does not
    reproduce: regio, jaar, kolom, gepubliceerd, demo, and with the regional plan's own
    table (`plan`, as `regioplan.per_regio`) the reason."""
    pub = regioplan.tabel_3_1().set_index(["regio", "jaar"])
    d = demo.set_index(["regio", "jaar"])
    p = None if plan is None else plan.set_index(["regio", "jaar"])
    rijen = []
    for sleutel, rij in pub.iterrows():
        for kolom in KOLOMMEN:
            waarde = d[kolom].get(sleutel, np.nan)
            if gereproduceerd(rij[kolom], waarde, kolom):
                continue
            reden = ""
            if p is not None:
                in_plan = p[kolom].get(sleutel, np.nan)
                reden = "eenheden" if gereproduceerd(rij[kolom], in_plan, kolom) else "plan"
            rijen.append(
                {
                    "regio": sleutel[0],
                    "jaar": sleutel[1],
                    "kolom": kolom,
                    "gepubliceerd": rij[kolom],
                    "demo": round(float(waarde), 1),
                    "reden": reden,
                }
            )
    return pd.DataFrame(rijen, columns=["regio", "jaar", "kolom", "gepubliceerd", "demo", "reden"])
