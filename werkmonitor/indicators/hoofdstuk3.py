"""The statements of chapter 3 of the annual report (rankings of the arbeidsmarktregio's)
held against Tabel 3.1: the published table itself, and the store.

The published chapter names the top three regions by running and started trajects and by %
ended with intended result, the lowest three, the largest risers and fallers, the regions
too small to rank, how many regions ended more than half their trajects with result, and
the running trajects of the largest and the smallest region (among those with any).
`data/referentie/gepubliceerde_ranglijsten.csv` holds each statement (`uitspraak`) as
printed. `uitspraken` computes the same statements with the ranking rules of the reports
(`indicators.rankings`) from any Tabel 3.1 of two years: from the published table (which
shows where the published text does not follow its own table) and from the store.
Lists of regions are compared as sets (the order within a top three is not checked);
the number of regions exactly, a region's count within `AANTAL_MARGE`, a percentage within
`MARGE_PP`.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from werkmonitor import regions
from werkmonitor.indicators import rankings
from werkmonitor.paths import REFERENTIE

MARGE_PP = 0.05  # a published percentage (one decimal) against a computed one
# a region's count against a printed one: within 2 clients or 5%, as the demo follows the
# cells of Tabel 3.1 (demo/tabel31.py)
AANTAL_MARGE = (2.0, 0.05)
PCT = "pct_beeindigd_met_resultaat"
UITSPRAKEN = (
    "meeste_lopend",
    "meeste_gestart",
    "hoogste_resultaat",
    "laagste_resultaat",
    "stijgers",
    "dalers",
    "te_klein",
    "boven_helft",
    "grootste_aanbod",
    "kleinste_aanbod",
)
# statements whose value is a number (compared exactly), not a list of regions
GETALLEN = ("boven_helft", "grootste_aanbod", "kleinste_aanbod")


def gepubliceerde_tabel_3_1(pad: Path | None = None) -> pd.DataFrame:
    """Tabel 3.1 as published (data/referentie), with official region names, jaar as text."""
    t = pd.read_csv(pad or REFERENTIE / "tabel_3_1_regio_2023_2024.csv")
    return t.assign(regio=t["regio"].map(regions.officiele_naam), jaar=t["jaar"].astype(str))


def met_totalen(tabel: pd.DataFrame) -> pd.DataFrame:
    """A Tabel 3.1 (IPS and other trajects apart) with running and started of all trajects."""
    return tabel.assign(
        lopend=tabel["lopend_ips"].fillna(0) + tabel["lopend_niet_ips"].fillna(0),
        gestart=tabel["gestart_ips"].fillna(0) + tabel["gestart_niet_ips"].fillna(0),
    )


def uitspraken(
    nu: pd.DataFrame, eerder: pd.DataFrame, minimum: int = rankings.STANDAARD_MINIMUM
) -> dict[str, str]:
    """Every statement of chapter 3 from Tabel 3.1 of a year (`nu`) and the year before
    (`eerder`), both with columns regio, lopend, gestart and PCT, by the rules of the
    reports: top three by running and started of all regions; highest and lowest % with
    result, risers and fallers among the regions with at least `minimum` running trajects
    in both years. Lists as 'regio;regio;regio', counts and percentages as text."""
    samen = nu.merge(eerder[["regio", "lopend"]], on="regio", suffixes=("", "_eerder"))
    groot = ["lopend", "lopend_eerder"]
    stijgers, dalers = rankings.stijgers_en_dalers(nu, eerder, "lopend", 3, minimum)
    hoogste = rankings.ranglijst(samen, PCT, 3, True, groot, minimum)
    uit = {
        "meeste_lopend": rankings.ranglijst(nu, "lopend", 3),
        "meeste_gestart": rankings.ranglijst(nu, "gestart", 3),
        "hoogste_resultaat": hoogste,
        "laagste_resultaat": rankings.ranglijst(samen, PCT, 3, False, groot, minimum),
        "stijgers": stijgers,
        "dalers": dalers,
    }
    tekst = {k: ";".join(v["regio"]) for k, v in uit.items()}
    tekst["te_klein"] = ";".join(rankings.te_klein(samen, groot, minimum))
    boven = samen.loc[rankings.groot_genoeg(samen, groot, minimum), PCT] > 50
    tekst["boven_helft"] = str(int(boven.sum()))
    # the offer of the largest and the smallest region ('1.343 tegenover één cliënt'):
    # running trajects of all kinds, the smallest among the regions with any
    met_aanbod = nu.loc[nu["lopend"] > 0, "lopend"]
    if not met_aanbod.empty:
        tekst["grootste_aanbod"] = str(int(met_aanbod.max()))
        tekst["kleinste_aanbod"] = str(int(met_aanbod.min()))
    for rij in samen.itertuples(index=False):
        if pd.notna(getattr(rij, PCT)):
            tekst[f"pct_resultaat:{rij.regio}"] = f"{float(getattr(rij, PCT)):.1f}"
    return tekst


def uitspraken_van_tabel(tabel: pd.DataFrame, jaar: str) -> dict[str, str]:
    """`uitspraken` of a Tabel 3.1 of several years (column jaar) for `jaar`."""
    t = met_totalen(tabel)
    vorig = str(int(jaar) - 1)
    return uitspraken(t[t["jaar"] == jaar], t[t["jaar"] == vorig])


def lees_ranglijsten(pad: Path | None = None) -> pd.DataFrame:
    """The published statements of chapter 3, with official region names."""
    t = pd.read_csv(
        pad or REFERENTIE / "gepubliceerde_ranglijsten.csv", dtype=str, keep_default_na=False
    )

    def officieel(rij) -> str:
        if rij.uitspraak in GETALLEN or rij.uitspraak.startswith("pct_"):
            return rij.gepubliceerd
        return ";".join(regions.officiele_naam(r) for r in rij.gepubliceerd.split(";"))

    return t.assign(
        gepubliceerd=[officieel(r) for r in t.itertuples(index=False)],
        uitspraak=[
            u.split(":", 1)[0] + ":" + regions.officiele_naam(u.split(":", 1)[1]) if ":" in u else u
            for u in t["uitspraak"]
        ],
    )


def klopt(uitspraak: str, gepubliceerd: str, berekend: str | None) -> bool:
    """Whether a computed statement agrees with the published one (see the module)."""
    if berekend is None:
        return False
    if uitspraak.startswith("pct_resultaat:"):
        return abs(float(gepubliceerd) - float(berekend)) <= MARGE_PP
    if uitspraak in ("grootste_aanbod", "kleinste_aanbod"):  # a cell of Tabel 3.1
        minimum, deel = AANTAL_MARGE
        verschil = abs(float(gepubliceerd) - float(berekend))
        return verschil <= max(minimum, deel * float(gepubliceerd))
    if uitspraak in GETALLEN:
        return gepubliceerd == berekend
    return set(gepubliceerd.split(";")) == set(filter(None, berekend.split(";")))


def vergelijk(
    ref: pd.DataFrame, volgens_tabel: dict[str, dict[str, str]], berekend: dict[str, dict]
) -> pd.DataFrame:
    """Each published statement beside what the published Tabel 3.1 gives
    (`volgens_tabel`: jaar -> `uitspraken`) and what the store gives (`berekend`, alike;
    a year missing there gives None): columns of `ref` plus volgens_tabel, berekend,
    klopt_tabel and klopt."""
    rijen = []
    for rij in ref.itertuples(index=False):
        tabel = volgens_tabel.get(rij.jaar, {}).get(rij.uitspraak)
        uit = berekend.get(rij.jaar, {}).get(rij.uitspraak) if rij.jaar in berekend else None
        rijen.append(
            {
                **rij._asdict(),
                "volgens_tabel": tabel,
                "berekend": uit,
                "klopt_tabel": klopt(rij.uitspraak, rij.gepubliceerd, tabel),
                "klopt": klopt(rij.uitspraak, rij.gepubliceerd, uit),
            }
        )
    return pd.DataFrame(rijen)
