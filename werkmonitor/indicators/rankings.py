"""Regional rankings: top-N lists, risers and fallers, with a minimum size.

Chapter 3 of the annual report ranks the arbeidsmarktregio's by running and started
trajects, by % ended with intended result, and by the % change in running trajects; a
region with too few trajects is not ranked but named separately (Zeeland in 2024).
All functions take one row per region and return new frames.
"""

from __future__ import annotations

import pandas as pd

from werkmonitor.indicators.table import waarde
from werkmonitor.vocab import TOTAAL

STANDAARD_MINIMUM = 20  # running trajects a region needs in every year compared to be ranked
TABEL_3_1 = [
    "regio",
    "lopend_ips",
    "lopend_niet_ips",
    "gestart_ips",
    "gestart_niet_ips",
    "pct_beeindigd_met_resultaat",
    "aantal_aanbieders",
]


def groot_genoeg(tabel: pd.DataFrame, grootte: list[str], minimum: float) -> pd.Series:
    """True for the regions whose every `grootte` column is at least `minimum`."""
    ok = pd.Series(True, index=tabel.index)
    for kolom in grootte:
        ok &= tabel[kolom].fillna(0) >= minimum
    return ok


def te_klein(tabel: pd.DataFrame, grootte: list[str], minimum: float) -> list[str]:
    """Regions too small to rank, alphabetically (named separately in the report)."""
    return sorted(tabel.loc[~groot_genoeg(tabel, grootte, minimum), "regio"])


def ranglijst(
    tabel: pd.DataFrame,
    kolom: str,
    n: int = 3,
    hoogste: bool = True,
    grootte: list[str] | None = None,
    minimum: float = 0,
) -> pd.DataFrame:
    """Top `n` regions by `kolom` (highest or lowest first), among regions of enough size.

    Regions without a value are left out; ties are broken by region name. Returns columns
    rang, regio, waarde.
    """
    t = tabel[tabel[kolom].notna()]
    if grootte:
        t = t[groot_genoeg(t, grootte, minimum)]
    t = t.assign(_w=t[kolom].astype("float64"))
    t = t.sort_values(["_w", "regio"], ascending=[not hoogste, True]).head(n)
    return pd.DataFrame(
        {"rang": range(1, len(t) + 1), "regio": t["regio"].tolist(), "waarde": t["_w"].tolist()}
    )


def verandering_per_regio(nu: pd.DataFrame, eerder: pd.DataFrame, kolom: str) -> pd.DataFrame:
    """Per region: `kolom` now and earlier, the difference and % change on the earlier value."""
    m = nu[["regio", kolom]].merge(
        eerder[["regio", kolom]], on="regio", suffixes=("", "_eerder"), how="outer"
    )
    e = m[f"{kolom}_eerder"].astype("float64")
    m["verschil"] = m[kolom].astype("float64") - e
    m["procent"] = (m["verschil"] / e.where(e > 0)) * 100
    return m


def stijgers_en_dalers(
    nu: pd.DataFrame,
    eerder: pd.DataFrame,
    kolom: str = "lopend",
    n: int = 3,
    minimum: float = STANDAARD_MINIMUM,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The `n` largest risers and fallers by % change in `kolom`, for regions that reach
    `minimum` in both periods."""
    v = verandering_per_regio(nu, eerder, kolom)
    grootte = [kolom, f"{kolom}_eerder"]
    stijgers = ranglijst(v[v["verschil"] > 0], "procent", n, True, grootte, minimum)
    dalers = ranglijst(v[v["verschil"] < 0], "procent", n, False, grootte, minimum)
    return stijgers, dalers


def tabel_3_1(regio_tabel: pd.DataFrame) -> pd.DataFrame:
    """Tabel 3.1 of the annual report from a region-level indicator table of one period.

    Running and started trajects split into IPS and the other trajects together, % ended
    with intended result (all trajects, point 8) and the number of providers that delivered.
    """
    rijen = []
    for regio in sorted(set(regio_tabel["eenheid"])):
        t = regio_tabel[regio_tabel["eenheid"] == regio]
        lopend, gestart = (
            waarde(t, TOTAAL, "lopend", eenheid=regio) or 0,
            waarde(t, TOTAAL, "gestart", eenheid=regio) or 0,
        )
        lopend_ips = waarde(t, "ips", "lopend", eenheid=regio) or 0
        gestart_ips = waarde(t, "ips", "gestart", eenheid=regio) or 0
        pct = waarde(
            t,
            TOTAAL,
            "beeindigd",
            "resultaat",
            "met_beoogd_resultaat",
            eenheid=regio,
            grootheid="procent",
        )
        rijen.append(
            {
                "regio": regio,
                "lopend_ips": lopend_ips,
                "lopend_niet_ips": lopend - lopend_ips,
                "gestart_ips": gestart_ips,
                "gestart_niet_ips": gestart - gestart_ips,
                "pct_beeindigd_met_resultaat": pct,
                "aantal_aanbieders": waarde(t, TOTAAL, "aantal_organisaties", eenheid=regio),
            }
        )
    return pd.DataFrame(rijen, columns=TABEL_3_1)


def gemiddelde_van_jaren(tabellen: list[pd.DataFrame], kolom: str) -> pd.DataFrame:
    """Per region: the unweighted mean of `kolom` over several years (missing years skipped).

    The annual report ranks "% beëindigd met beoogd resultaat" by this mean of the two
    yearly percentages (Rivierenland: (53,8% + 81,8%) / 2 = 67,8%), not by a pooled
    percentage; see docs/methoden.md.
    """
    samen = pd.concat([t[["regio", kolom]] for t in tabellen], ignore_index=True)
    return samen.groupby("regio", as_index=False)[kolom].mean()
