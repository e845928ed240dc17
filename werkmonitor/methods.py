"""Bijlage 3 methods of the annual report, as pure functions on data frames.

No file, database or rendering here: every function takes frames and returns new frames.
"""

from __future__ import annotations

import pandas as pd

from .periods import Periode, geregistreerd_in
from .vocab import TOTAAL

EENHEID = ["organisatie", "regio", "traject"]


def _vorige_code(code: str) -> str:
    """The code of the quarter before `code`."""
    return Periode.lees(code).vorige().code


def gestart_en_verloren(stand: pd.DataFrame) -> pd.DataFrame:
    """Bijlage 3, point 1: started = A - (B - C) = L(t) - (L(t-1) - E(t)).

    "Het aantal gestarte begeleidingstrajecten naar werk wordt niet geregistreerd. We
    berekenen deze dus per kwartaal ... A-(B-C)." Computed per organisation x region x
    traject. A negative result means clients vanished without being registered as ended:
    `gestart` is then 0 and the missing number is kept as `verloren` (never dropped).

    `stand` has columns organisatie, regio, traject, periode (quarters), lopend, beeindigd.
    The previous quarter's running count is taken from `stand` itself:
    - a unit absent in t-1 while its organisation delivered in t-1 counts as 0 running;
    - a unit present in t-1 but absent in t, while the organisation delivered in t, gets a
      row with 0 running and 0 ended (its clients are lost, not silently dropped);
    - when the organisation did not deliver in t-1, or the traject was not yet registered
      then, `lopend_vorig`, `gestart` and `verloren` are missing (NA): not computable.
    Returns a new frame with `lopend_vorig`, `gestart` and `verloren` added.
    """
    basis = stand[[*EENHEID, "periode", "lopend", "beeindigd"]].copy()
    geleverd = set(zip(basis["organisatie"], basis["periode"], strict=True))
    sleutels = set(basis[[*EENHEID, "periode"]].itertuples(index=False, name=None))
    verdwenen = basis.assign(
        periode=basis["periode"].map(lambda p: Periode.lees(p).volgende().code)
    )
    houden = [
        (o, p) in geleverd and (o, r, t, p) not in sleutels
        for o, r, t, p in verdwenen[[*EENHEID, "periode"]].itertuples(index=False, name=None)
    ]
    verdwenen = verdwenen[houden].assign(lopend=0, beeindigd=0)
    df = pd.concat([basis, verdwenen], ignore_index=True)

    df["_vorige"] = df["periode"].map(_vorige_code)
    vorig = basis[[*EENHEID, "periode", "lopend"]].rename(
        columns={"periode": "_vorige", "lopend": "lopend_vorig"}
    )
    df = df.merge(vorig, on=[*EENHEID, "_vorige"], how="left")
    org_leverde = pd.Series(
        [(o, p) in geleverd for o, p in zip(df["organisatie"], df["_vorige"], strict=True)],
        index=df.index,
    )
    bestond = pd.Series(
        [geregistreerd_in(t, p) for t, p in zip(df["traject"], df["_vorige"], strict=True)],
        index=df.index,
    )
    df["lopend_vorig"] = df["lopend_vorig"].astype("Int64")
    df.loc[df["lopend_vorig"].isna() & org_leverde & bestond, "lopend_vorig"] = 0
    df.loc[~bestond, "lopend_vorig"] = pd.NA
    ruw = df["lopend"].astype("Int64") - (df["lopend_vorig"] - df["beeindigd"].astype("Int64"))
    df["gestart"] = ruw.clip(lower=0)
    df["verloren"] = (-ruw).clip(lower=0)
    return df.drop(columns="_vorige").sort_values([*EENHEID, "periode"], ignore_index=True)


def som_per_regio(data: pd.DataFrame, sleutels: list[str]) -> pd.DataFrame:
    """Bijlage 3, point 2: region figures are sums over the organisations' rows for a region.

    "De aantallen per arbeidsmarktregio kunnen op deze manier worden opgeteld door de som te
    berekenen van alle cliënten die in de verschillende ggz-organisaties zijn geregistreerd in
    iedere arbeidsmarktregio." `sleutels` are the columns to keep besides `regio`.
    """
    return data.groupby(["regio", *sleutels], as_index=False, dropna=False)["waarde"].sum(
        min_count=1
    )


UITSTROOM_MET = ("met_betaald_werk", "zonder_betaald_werk_ooit_gewerkt")
UITSTROOM_ZONDER = ("nooit_gewerkt",)
UWV_MET = ("met_beoogd_resultaat",)
UWV_ZONDER = ("zonder_beoogd_resultaat", "voortijdig")


def beoogd_resultaat(data: pd.DataFrame) -> pd.DataFrame:
    """Bijlage 3, point 6: ended with and without the intended result.

    "... tellen we hierboven genoemde redenen 1 en 2 bij elkaar op om uitstroom met beoogd
    resultaat weer te geven en labelen we reden 3 als beëindigd zonder beoogd resultaat."
    For Werkfit and Naar Werk: with result versus without result plus premature.

    `data` holds tidy `beeindigd` rows (dimensie 'uitstroom' or 'resultaat'); returns new rows
    with dimensie 'resultaat' and categorie 'met_beoogd_resultaat' / 'zonder_beoogd_resultaat',
    keeping every other column of the input as grouping keys.
    """
    b = data[data["maat"] == "beeindigd"]
    indeling = {("uitstroom", c): "met_beoogd_resultaat" for c in UITSTROOM_MET} | {
        ("uitstroom", c): "zonder_beoogd_resultaat" for c in UITSTROOM_ZONDER
    }
    indeling |= {("resultaat", c): "met_beoogd_resultaat" for c in UWV_MET}
    indeling |= {("resultaat", c): "zonder_beoogd_resultaat" for c in UWV_ZONDER}
    klasse = [indeling.get((d, c)) for d, c in zip(b["dimensie"], b["categorie"], strict=True)]
    b = b.assign(categorie=klasse, dimensie="resultaat").dropna(subset=["categorie"])
    sleutels = [c for c in b.columns if c != "waarde"]
    return b.groupby(sleutels, as_index=False)["waarde"].sum()


def is_totaal(data: pd.DataFrame) -> pd.Series:
    """Rows that are the unsplit total of their measure."""
    return data["dimensie"] == TOTAAL
