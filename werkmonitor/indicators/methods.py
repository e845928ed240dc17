"""Bijlage 3 methods of the annual report, as pure functions on data frames.

No file, database or rendering here: every function takes frames and returns new frames.
"""

from __future__ import annotations

import pandas as pd

from werkmonitor.periods import Periode, geregistreerd_in
from werkmonitor.vocab import METHODEN, TOTAAL

EENHEID = ["organisatie", "regio", "traject"]


def _vorige_code(code: str) -> str:
    """The code of the quarter before `code`."""
    return Periode.lees(code).vorige().code


def _paren(df: pd.DataFrame, kolommen: list[str]):
    """The values of `kolommen` per row, as tuples: from plain lists (iterating a column of
    pandas' strings goes element by element through pandas, ten times slower)."""
    return zip(*(df[k].tolist() for k in kolommen), strict=True)


def _met_vorige(stand: pd.DataFrame, voorraad: str, extra: list[str]) -> pd.DataFrame:
    """Per unit x quarter: `voorraad` and `extra` columns, plus `<voorraad>_vorig`.

    The previous quarter's stock is taken from `stand` itself:
    - a unit absent in t-1 while its organisation delivered in t-1 counts as 0;
    - a unit present in t-1 but absent in t, while the organisation delivered in t, gets a
      row with all zeros (its clients are lost, not silently dropped);
    - when the organisation did not deliver in t-1, or the traject was not yet registered
      then, the previous stock is missing (NA): nothing that depends on it is computable.
    """
    kolommen = [voorraad, *extra]
    basis = stand[[*EENHEID, "periode", *kolommen]].copy()
    geleverd = set(_paren(basis, ["organisatie", "periode"]))
    sleutels = set(_paren(basis, [*EENHEID, "periode"]))
    verdwenen = basis.assign(
        periode=basis["periode"].map(lambda p: Periode.lees(p).volgende().code)
    )
    houden = [
        (o, p) in geleverd and (o, r, t, p) not in sleutels
        for o, r, t, p in _paren(verdwenen, [*EENHEID, "periode"])
    ]
    verdwenen = verdwenen[houden].assign(**{k: 0 for k in kolommen})
    df = pd.concat([basis, verdwenen], ignore_index=True)

    df["_vorige"] = df["periode"].map(_vorige_code)
    vorig_naam = f"{voorraad}_vorig"
    vorig = basis[[*EENHEID, "periode", voorraad]].rename(
        columns={"periode": "_vorige", voorraad: vorig_naam}
    )
    df = df.merge(vorig, on=[*EENHEID, "_vorige"], how="left")
    org_leverde = pd.Series(
        [(o, p) in geleverd for o, p in _paren(df, ["organisatie", "_vorige"])],
        index=df.index,
    )
    bestond = pd.Series(
        [geregistreerd_in(t, p) for t, p in _paren(df, ["traject", "_vorige"])],
        index=df.index,
    )
    df[vorig_naam] = df[vorig_naam].astype("Int64")
    df.loc[df[vorig_naam].isna() & org_leverde & bestond, vorig_naam] = 0
    df.loc[~bestond, vorig_naam] = pd.NA
    for k in kolommen:
        df[k] = df[k].astype("Int64")
    return df.drop(columns="_vorige").sort_values([*EENHEID, "periode"], ignore_index=True)


def gestart_en_verloren(stand: pd.DataFrame) -> pd.DataFrame:
    """Bijlage 3, point 1: started = A - (B - C) = L(t) - (L(t-1) - E(t)).

    "Het aantal gestarte begeleidingstrajecten naar werk wordt niet geregistreerd. We
    berekenen deze dus per kwartaal ... A-(B-C)." Computed per organisation x region x
    traject. A negative result means clients vanished without being registered as ended:
    `gestart` is then 0 and the missing number is kept as `verloren` (never dropped).

    `stand` has columns organisatie, regio, traject, periode (quarters), lopend, beeindigd.
    See `_met_vorige` for units that appear, disappear, or whose organisation skipped the
    previous quarter (then `lopend_vorig`, `gestart` and `verloren` are NA: not computable).
    Returns a new frame with `lopend_vorig`, `gestart` and `verloren` added.
    """
    df = _met_vorige(stand, "lopend", ["beeindigd"])
    ruw = df["lopend"] - (df["lopend_vorig"] - df["beeindigd"])
    return df.assign(gestart=ruw.clip(lower=0), verloren=(-ruw).clip(lower=0))


def verloren_uit_voorraad(
    stand: pd.DataFrame, voorraad: str, instroom: str, uitstroom: str
) -> pd.DataFrame:
    """Clients lost from a registered stock with registered in- and outflow (points 3-4).

    Bijlage 3, point 4 counts "het mogelijke aantal cliënten dat in de registratie verloren is
    gegaan" for paid work as point 3 does for running trajects. With the stock S, registered
    starts G and stops P: expected S(t) = S(t-1) + G(t) - P(t); what is missing,
    max(0, S(t-1) + G(t) - P(t) - S(t)), is `verloren`; an unexplained surplus is
    `onverklaard` (reported, never used as a start). NA when S(t-1) is not known.
    Used for paid work (gestart_/gestopt_betaald_werk) and education (gestart_/gestopt_opleiding).
    """
    df = _met_vorige(stand, voorraad, [instroom, uitstroom])
    ruw = df[voorraad] - (df[f"{voorraad}_vorig"] + df[instroom] - df[uitstroom])
    return df.assign(verloren=(-ruw).clip(lower=0), onverklaard=ruw.clip(lower=0))


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
    klasse = [indeling.get(dc) for dc in _paren(b, ["dimensie", "categorie"])]
    b = b.assign(categorie=klasse, dimensie="resultaat").dropna(subset=["categorie"])
    sleutels = [c for c in b.columns if c != "waarde"]
    return b.groupby(sleutels, as_index=False)["waarde"].sum()


def is_totaal(data: pd.DataFrame) -> pd.Series:
    """Rows that are the unsplit total of their measure."""
    return data["dimensie"] == TOTAAL


# --- Half years and calendar years (points 3, 4, 5) -------------------------------------

# A stock with its start flow, stop flow and lost clients, per quarter (points 3 and 4).
VOORRADEN: dict[str, tuple[str, str, str]] = {
    "lopend": ("gestart", "beeindigd", "verloren"),
    "betaald_werk": ("gestart_betaald_werk", "gestopt_betaald_werk", "verloren_betaald_werk"),
    "opleiding": ("gestart_opleiding", "gestopt_opleiding", "verloren_opleiding"),
}
# Measures estimated with each quarter's proportion of a stock (point 4: duurzaam).
GEKOPPELD: dict[str, tuple[str, ...]] = {"betaald_werk": ("duurzaam_betaald_werk",)}
# Stocks without registered flows: shown as the average per quarter (point 5, unpaid work).
GEMIDDELD = ("onbetaald_werk", "ooit_betaald_werk", "duur_tot_eerste_baan", "duur_dienstverband")
_RIJ = ["maat", "dimensie", "categorie"]


def eerste_kwartalen(rijen: pd.DataFrame) -> pd.DataFrame:
    """The first quarter with data per organisation x traject (the 'kwartaal 1' of point 3).

    For a traject registered only from 2023Q3 that is 2023Q3 in 2023; for an organisation that
    starts delivering mid-year it is its first delivered quarter.
    """
    e = rijen.groupby(["organisatie", "traject"], as_index=False)["periode"].min()
    return e.rename(columns={"periode": "eerste"})


def _stroomgewicht(w: pd.DataFrame, stromen: tuple[str, str, str], methode: str) -> pd.Series:
    """Per unit x quarter: the flow that point 3/4 adds to the first quarter's stock."""
    start, stop, weg = (w[k] for k in stromen)
    eerste = w["periode"] == w["eerste"]
    if methode == "gepubliceerd":
        # A + C of the first quarter, D of the later ones, O of all (A+B+C+D2-4+O1-4).
        return start + weg + stop.where(eerste, 0)
    # stock at the start of the first quarter + every start: B + C + O1 + D2-4
    return (stop + weg).where(eerste, start)


def voorraad_over_periode(
    rijen: pd.DataFrame, voorraad: str, methode: str = "gepubliceerd"
) -> pd.DataFrame:
    """Bijlage 3, points 3 and 4: a stock over a half year or calendar year, per unit.

    Point 3: "het aantal gestarte (A), lopende (B) en beëindigde (C) begeleidingstrajecten in
    kwartaal 1 ... met het aantal gestarte begeleidingstrajecten in kwartaal 2, 3 en 4 (D2-4)
    ... (O1-4) ... A+B+C+D2-4+O1-4." Point 4 applies the same to paid work (registered starts
    and stops) and estimates `duurzaam_betaald_werk` "op basis van de proportie cliënten met
    duurzaam betaald werk ieder kwartaal".

    Every breakdown of the stock (financing, IPS type, stage) and every linked measure
    (`GEKOPPELD`) is estimated the same way: its value in the first quarter plus each
    quarter's added flow times that quarter's proportion of the breakdown in the stock (the
    previous known proportion when the stock is 0). The breakdowns add up to the total.
    Flows that are not computable (NA) add nothing. `methode='voorraad_stroom'` gives the
    stock at the start of the first quarter plus all starts, as a documented alternative.
    `rijen` are per-unit quarterly rows (organisatie, regio, traject, periode, maat, dimensie,
    categorie, waarde); returns per-unit rows without `periode`, `waarde` as float.
    """
    if methode not in METHODEN:
        raise ValueError(f"Onbekende methode '{methode}': kies uit {', '.join(METHODEN)}.")
    stromen = VOORRADEN[voorraad]
    maten = (voorraad, *GEKOPPELD.get(voorraad, ()))
    r = rijen[rijen["maat"].isin([*maten, *stromen])]
    r = r[~r["maat"].isin(stromen) | (r["dimensie"] == TOTAAL)]
    if r.empty:
        return pd.DataFrame(columns=[*EENHEID, *_RIJ, "waarde"])
    w = r.pivot_table(
        index=[*EENHEID, "periode"], columns=_RIJ, values="waarde", aggfunc="sum"
    ).astype("float64")
    w.columns = ["|".join(c) for c in w.columns]
    w = w.reset_index().merge(eerste_kwartalen(rijen), on=["organisatie", "traject"])
    w = w.sort_values([*EENHEID, "periode"], ignore_index=True)
    totaal = f"{voorraad}|{TOTAAL}|{TOTAAL}"
    for k in (totaal, *(f"{s}|{TOTAAL}|{TOTAAL}" for s in stromen)):
        w[k] = w[k].fillna(0.0) if k in w else 0.0
    gewicht = _stroomgewicht(
        w.rename(columns={f"{s}|{TOTAAL}|{TOTAAL}": s for s in stromen}), stromen, methode
    )
    eerste = w["periode"] == w["eerste"]
    # one group number per unit, computed once: every column below is grouped by it
    eenheid = w.groupby(EENHEID, sort=True).ngroup()
    sleutels = w.groupby(eenheid)[EENHEID].first()
    uit = []
    for kolom in [c for c in w.columns if c.split("|")[0] in maten]:
        x = w[kolom].fillna(0.0)
        if kolom == totaal:
            aandeel = pd.Series(1.0, index=w.index)
        else:
            aandeel = (x / w[totaal]).where(w[totaal] > 0)
            # within a unit: the previous known proportion, else the next one
            aandeel = aandeel.groupby(eenheid).ffill().groupby(eenheid).bfill()
        bijdrage = aandeel.fillna(0.0) * gewicht + x.where(eerste, 0.0)
        som = sleutels.assign(waarde=bijdrage.groupby(eenheid).sum()).reset_index(drop=True)
        maat, dimensie, categorie = kolom.split("|")
        uit.append(som.assign(maat=maat, dimensie=dimensie, categorie=categorie))
    return pd.concat(uit, ignore_index=True)[[*EENHEID, *_RIJ, "waarde"]]


def kwartalen_geregistreerd(traject: str, kwartalen: list[str]) -> int:
    """Number of the quarters in which `traject` was registered (the divisor of averages)."""
    return sum(geregistreerd_in(traject, q) for q in kwartalen)


def overig_over_periode(rijen: pd.DataFrame, kwartalen: list[str]) -> pd.DataFrame:
    """Bijlage 3, point 5: other outcomes over a half year or year, per unit.

    "De andere uitkomsten per kalenderjaar ... zijn berekend door de aantallen per kwartaal
    ... bij elkaar op te tellen." Flows (ended and its breakdowns, started and stopped work or
    education, started, lost) are sums of the quarters. Stocks without registered flows
    (`GEMIDDELD`: unpaid work, ever worked, durations) are "de gemiddelde aantallen per
    kwartaal over het jaar": the sum divided by the number of quarters in which the traject
    was registered, the same divisor for every unit so that levels add up.
    """
    gestuurd = {*VOORRADEN, *(m for ms in GEKOPPELD.values() for m in ms)}
    r = rijen[rijen["periode"].isin(kwartalen) & ~rijen["maat"].isin(gestuurd)]
    som = r.groupby([*EENHEID, *_RIJ], as_index=False)["waarde"].sum(min_count=1)
    som["waarde"] = som["waarde"].astype("float64")
    deler = som["traject"].map(lambda t: kwartalen_geregistreerd(t, kwartalen))
    gem = som["maat"].isin(GEMIDDELD)
    som.loc[gem, "waarde"] = som.loc[gem, "waarde"] / deler[gem]
    return som


def over_periode(
    rijen: pd.DataFrame, kwartalen: list[str], methode: str = "gepubliceerd"
) -> pd.DataFrame:
    """All per-unit rows of a half year or year from per-unit quarterly rows (points 3-5)."""
    r = rijen[rijen["periode"].isin(kwartalen)]
    delen = [voorraad_over_periode(r, v, methode) for v in VOORRADEN]
    delen.append(overig_over_periode(r, kwartalen))
    delen = [d for d in delen if not d.empty]
    if not delen:
        return pd.DataFrame(columns=[*EENHEID, *_RIJ, "waarde"])
    return pd.concat(delen, ignore_index=True)


# --- Percentages (points 7 and 8) -------------------------------------------------------

# Counts shown as a percentage of the running count (point 7).
VAN_LOPEND = (
    "betaald_werk",
    "duurzaam_betaald_werk",
    "ooit_betaald_werk",
    "opleiding",
    "onbetaald_werk",
    "gestart_betaald_werk",
    "gestopt_betaald_werk",
)
# Breakdowns shown as the distribution over their own categories.
VERDELINGEN = ("duur_tot_eerste_baan", "duur_dienstverband")


_SLEUTEL = ["eenheid", "traject"]


def _deel_door(teller: pd.DataFrame, noemer: pd.DataFrame, op: list[str]) -> pd.DataFrame:
    """`teller` rows as a percentage of `noemer` matched on `op`; zero denominators dropped.
    The denominator stays in column `noemer` (privacy rules need it)."""
    n = noemer.rename(columns={"waarde": "noemer"})[[*op, "noemer"]]
    x = teller.drop(columns="noemer", errors="ignore").merge(n, on=op, how="inner")
    x = x[x["noemer"].astype("float64") > 0]
    pct = x["waarde"].astype("float64") * 100 / x["noemer"].astype("float64")
    return x.assign(waarde=pct, noemer=x["noemer"].astype("float64"))


def _noemers_registrerend(
    totalen: pd.DataFrame, noemer: str | None, paren: pd.DataFrame, registreert
) -> pd.DataFrame:
    """Per eenheid and each (maat, dimensie) of `paren`: the sum of the measure `noemer`
    (None: the maat itself) over the trajects that register maat (split by dimensie, or
    unsplit where dimensie is None): the denominators for all trajects together, in one
    pass for all pairs. Columns eenheid, maat, dimensie, waarde."""
    t = totalen[totalen["traject"] != TOTAAL]
    if noemer is None:
        t = t[["eenheid", "traject", "maat", "waarde"]].merge(paren, on="maat")
    else:
        t = t.loc[t["maat"] == noemer, ["eenheid", "traject", "waarde"]].merge(paren, how="cross")
    soorten = t[["traject", "maat", "dimensie"]].drop_duplicates()
    ja = [registreert(tr, m, None if pd.isna(d) else d) for tr, m, d in soorten.itertuples(False)]
    t = t.merge(soorten[ja], on=["traject", "maat", "dimensie"])
    return t.groupby(["eenheid", "maat", "dimensie"], as_index=False, dropna=False)["waarde"].sum()


def percentage_werk(tabel: pd.DataFrame, registreert) -> pd.DataFrame:
    """Bijlage 3, point 7: percentages of paid work, unpaid work and education.

    "De percentages betaald werk, onbetaald werk en opleiding [worden] berekend door het
    totaal aantal cliënten met werk per kalenderjaar ... te delen door het totaal aantal
    lopende begeleidingstrajecten over een kalenderjaar." Also for a quarter. For all trajects
    together the denominator is the running count of the trajects that register the measure
    (`registreert(traject, maat, None)`); see docs/methoden.md, decision 9.
    """
    totalen = tabel[tabel["dimensie"] == TOTAAL]
    lopend = totalen[(totalen["maat"] == "lopend") & (totalen["traject"] != TOTAAL)]
    tel = tabel[tabel["maat"].isin(VAN_LOPEND)]
    tel = tel[(tel["dimensie"] == TOTAAL) | (tel["maat"] == "onbetaald_werk")]
    delen = [_deel_door(tel[tel["traject"] != TOTAAL], lopend[[*_SLEUTEL, "waarde"]], _SLEUTEL)]
    paren = pd.DataFrame({"maat": list(VAN_LOPEND), "dimensie": None})
    noemers = _noemers_registrerend(lopend, "lopend", paren, registreert)
    teller = tel[(tel["traject"] == TOTAAL) & tel["maat"].isin(VAN_LOPEND)]
    alle = _deel_door(teller, noemers.drop(columns="dimensie"), ["eenheid", "maat"])
    plek = {m: i for i, m in enumerate(VAN_LOPEND)}
    delen.append(alle.sort_values("maat", key=lambda m: m.map(plek), kind="stable"))
    return pd.concat(delen, ignore_index=True)


def percentage_beoogd_resultaat(tabel: pd.DataFrame) -> pd.DataFrame:
    """Bijlage 3, point 8: % ended with (and without) intended result.

    "De percentages beëindigde begeleidingstrajecten met beoogd resultaat worden berekend door
    het aantal cliënten dat het begeleidingstraject met beoogd resultaat heeft afgerond te
    delen door het totaal aantal cliënten dat een begeleidingstraject heeft afgerond": with
    / (with + without), from the point-6 rows (dimensie 'resultaat').
    """
    res = tabel[(tabel["maat"] == "beeindigd") & (tabel["dimensie"] == "resultaat")]
    som = res.groupby(_SLEUTEL, as_index=False)["waarde"].sum()
    return _deel_door(res, som, _SLEUTEL)


def aandelen(tabel: pd.DataFrame, registreert) -> pd.DataFrame:
    """Shares of each breakdown in its total (financing, type, stage, outflow, UWV result),
    and the durations as a distribution over their own categories.

    For all trajects together a breakdown is a share of the total of the trajects that
    register that breakdown (`registreert(traject, maat, dimensie)`).
    """
    totalen = tabel[tabel["dimensie"] == TOTAAL]
    splits = tabel[
        (tabel["dimensie"] != TOTAAL) & ~tabel["maat"].isin([*VERDELINGEN, "onbetaald_werk"])
    ]
    splits = splits[splits["dimensie"] != "resultaat"]
    per = splits[splits["traject"] != TOTAAL]
    delen = [_deel_door(per, totalen[[*_SLEUTEL, "maat", "waarde"]], [*_SLEUTEL, "maat"])]
    teller = splits[splits["traject"] == TOTAAL]
    if not teller.empty:
        paren = teller[["maat", "dimensie"]].drop_duplicates()
        noemers = _noemers_registrerend(totalen, None, paren, registreert)
        alle = _deel_door(teller, noemers, ["eenheid", "maat", "dimensie"])
        delen.append(alle.sort_values(["maat", "dimensie"], kind="stable"))  # by breakdown
    verd = tabel[tabel["maat"].isin(VERDELINGEN)]
    som = verd.groupby([*_SLEUTEL, "maat"], as_index=False)["waarde"].sum()
    delen.append(_deel_door(verd, som, [*_SLEUTEL, "maat"]))
    return pd.concat(delen, ignore_index=True)


def percentages(tabel: pd.DataFrame, registreert, kwartaal: bool = True) -> pd.DataFrame:
    """All percentages of one level: points 7 and 8 and the shares of the breakdowns.

    `tabel` has eenheid, traject, maat, dimensie, categorie, waarde (counts, traject 'totaal'
    included); returns new rows with the percentage in `waarde`. A zero or missing
    denominator gives no row. Over a half year or year (`kwartaal` False) unpaid work and
    ever worked get no percentage of the running trajects: they are averages per quarter
    (point 5) and the running count is a total over the period (point 3), so their quotient
    would mix two bases (docs/methoden.md, decision 12).
    """
    t = tabel[tabel["maat"].ne("aantal_organisaties")]
    werk = percentage_werk(t, registreert)
    if not kwartaal:
        werk = werk[~werk["maat"].isin(GEMIDDELD)]
    delen = [
        werk,
        percentage_beoogd_resultaat(t),
        aandelen(t, registreert),
    ]
    delen = [d for d in delen if not d.empty]
    if not delen:
        return tabel.iloc[0:0].copy()
    return pd.concat(delen, ignore_index=True)
