"""Quality reports for one arbeidsmarktregio or one organisation, compared with the national
figures (and, for an organisation, per region it works in), with privacy suppression.

The tables of all regions and organisations of a period are computed once (`tabellen`) and
can be cached as CSV, so that a batch of reports does not recompute them for every report.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from . import figures, privacy, store
from .comparison import verandering
from .indicators import KOLOMMEN, SCHEIDING, periodetabel, waarde
from .periods import Periode
from .report import SYNTHETISCH_TEKST
from .text import getal, procent, verandering_tekst
from .vocab import TOTAAL, TRAJECT_LABELS, TRAJECTEN

NIVEAUS = ("landelijk", "regio", "organisatie", "organisatie_regio")
SYNTHETISCH = SYNTHETISCH_TEKST


def tabellen(periode: str, db=None, peildatum=None) -> dict[str, pd.DataFrame]:
    """The indicator tables of a quarter and the quarter before, on every level, in one frame
    per level (column `periode` tells them apart); plus 'info' with the synthetic flag."""
    p = Periode.lees(periode)
    kwartalen = sorted(
        {q.code for x in (p, p.vorige(), p.vorige().vorige()) for q in x.kwartalen()}
    )
    with store.open_store(db, alleen_lezen=True) as con:
        reg = store.registraties(con, perioden=kwartalen, peildatum=peildatum)
        synthetisch = store.lees_info(con, "synthetisch") == "ja"
    uit = {
        n: pd.concat([periodetabel(reg, p.code, n), periodetabel(reg, p.vorige().code, n)])
        for n in NIVEAUS
    }
    uit["info"] = pd.DataFrame({"synthetisch": [synthetisch]})
    return uit


def bewaar(tab: dict[str, pd.DataFrame], map_: Path) -> Path:
    """Write the tables as CSV files into `map_` (the cache of a batch)."""
    map_.mkdir(parents=True, exist_ok=True)
    for naam, t in tab.items():
        t.to_csv(map_ / f"{naam}.csv", index=False)
    return map_


def lees(map_: Path) -> dict[str, pd.DataFrame]:
    """Read tables written by `bewaar`."""
    uit = {}
    for pad in Path(map_).glob("*.csv"):
        t = pd.read_csv(pad, keep_default_na=False, na_values=[""], dtype={"periode": str})
        if "eenheid" in t:
            t["eenheid"] = t["eenheid"].fillna("")
        uit[pad.stem] = t
    return uit


@dataclass
class Eenheid:
    """One region or organisation in one quarter, beside the national figures."""

    periode: Periode
    soort: str  # 'regio' or 'organisatie'
    naam: str
    tabel: pd.DataFrame  # the unit's rows, eenheid set to '' so `waarde` finds them
    landelijk: pd.DataFrame
    regios: pd.DataFrame  # organisation x region rows (organisations only)
    synthetisch: bool


def laad(periode: str, db=None, regio=None, organisatie=None, cache=None, peildatum=None):
    """The unit's figures, from the cache folder when given."""
    if (regio is None) == (organisatie is None):
        raise ValueError("Geef een regio of een organisatie.")
    tab = lees(Path(cache)) if cache else tabellen(periode, db, peildatum)
    soort, naam = ("regio", regio) if regio else ("organisatie", organisatie)
    t = tab[soort]
    eigen = t[t["eenheid"] == naam].assign(eenheid="")
    if eigen.empty:
        raise store.StoreFout(
            f"Geen gegevens voor {soort} '{naam}' in {Periode.lees(periode).naam()}."
        )
    regios = pd.DataFrame(columns=KOLOMMEN)
    if soort == "organisatie":
        r = tab["organisatie_regio"]
        regios = r[r["eenheid"].str.startswith(naam + SCHEIDING)]
    synthetisch = bool(tab["info"]["synthetisch"].iloc[0])
    return Eenheid(Periode.lees(periode), soort, naam, eigen, tab["landelijk"], regios, synthetisch)


def _w(
    tabel, periode, traject, maat, dimensie=TOTAAL, categorie=TOTAAL, grootheid="aantal", eenheid=""
):
    t = tabel[tabel["periode"] == periode]
    return waarde(t, traject, maat, dimensie, categorie, eenheid=eenheid, grootheid=grootheid)


def kop(e: Eenheid) -> str:
    """Title lines, the synthetic-data notice and the privacy rule."""
    wat = "arbeidsmarktregio" if e.soort == "regio" else "organisatie"
    regels = [f"**Kwaliteitsrapport {wat} {e.naam}, {e.periode.naam()}**"]
    if e.synthetisch:
        regels.append(f"> {SYNTHETISCH}")
    regels.append(
        f"Dit rapport is bestemd voor de {wat} zelf en wordt niet gepubliceerd. Om cliënten en "
        f"aanbieders te beschermen tonen we aantallen van 1 tot en met {privacy.DREMPEL - 1} niet, "
        "en ook een tweede getal als een totaal anders zou verraden wat er verborgen is. "
        f"Percentages tonen we alleen als ze op minstens {privacy.NOEMER_MINIMUM} cliënten "
        "berusten. Een verborgen getal staat er als '–'."
    )
    return "\n\n".join(regels)


def _pct(teller, noemer) -> float | None:
    """A percentage that may be shown: denominator large enough, numerator not small."""
    if not privacy.toon_percentage(noemer) or teller is None:
        return None
    if 0 < teller < privacy.DREMPEL:
        return None
    return teller * 100 / noemer


def kerncijfers_frame(e: Eenheid) -> pd.DataFrame:
    """Per traject (and all together): counts with suppression, the unit's percentages and the
    national ones."""
    p = e.periode.code
    trajecten = [t for t in TRAJECTEN if _w(e.tabel, p, t, "lopend") is not None]
    rijen = {}
    for t in [*trajecten, TOTAAL]:
        lop = _w(e.tabel, p, t, "lopend")
        bw = _w(e.tabel, p, t, "betaald_werk")
        met = _w(e.tabel, p, t, "beeindigd", "resultaat", "met_beoogd_resultaat")
        zonder = _w(e.tabel, p, t, "beeindigd", "resultaat", "zonder_beoogd_resultaat")
        eind = (met or 0) + (zonder or 0)
        rijen[t] = {
            "lopend": lop,
            "gestart": _w(e.tabel, p, t, "gestart"),
            "beeindigd": _w(e.tabel, p, t, "beeindigd"),
            "pct_betaald": _pct(bw, lop) if bw is not None else None,
            "pct_resultaat": _pct(met, eind),
            "land_betaald": _w(e.landelijk, p, t, "betaald_werk", grootheid="procent"),
            "land_resultaat": _w(
                e.landelijk, p, t, "beeindigd", "resultaat", "met_beoogd_resultaat", "procent"
            ),
        }
    df = pd.DataFrame.from_dict(rijen, orient="index")
    uit, _ = privacy.onderdruk_tabel(df, ["lopend", "gestart", "beeindigd"], TOTAAL)
    return uit


def kerncijfers(e: Eenheid) -> str:
    """The key figures as a Markdown table."""
    df = kerncijfers_frame(e)
    wie = "regio" if e.soort == "regio" else "organisatie"
    regels = [
        f"| Traject | Lopend | Gestart | Beëindigd | % betaald werk ({wie}) | % betaald werk "
        f"(landelijk) | % met beoogd resultaat ({wie}) | % met beoogd resultaat (landelijk) |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for t, r in df.iterrows():
        regels.append(
            f"| {TRAJECT_LABELS[t]} | {getal(r.lopend)} | {getal(r.gestart)} | "
            f"{getal(r.beeindigd)} | {procent(r.pct_betaald)} | {procent(r.land_betaald)} | "
            f"{procent(r.pct_resultaat)} | {procent(r.land_resultaat)} |"
        )
    return "\n".join(regels) + f"\n\n: Kerncijfers {e.naam}, {e.periode.naam()}, naast landelijk."


def ontwikkeling(e: Eenheid) -> str:
    """The change in running trajects against the previous quarter (when both are shown)."""
    nu = _w(e.tabel, e.periode.code, TOTAAL, "lopend")
    eerder = _w(e.tabel, e.periode.vorige().code, TOTAAL, "lopend")
    if nu is None or eerder is None or privacy.primair(pd.Series([nu, eerder])).any():
        return "De ontwikkeling ten opzichte van het vorige kwartaal is niet te tonen."
    v = verandering(nu, eerder)
    return (
        f"In {e.periode.naam()} liepen **{getal(nu)}** trajecten: "
        f"{verandering_tekst(v, 'trajecten', e.periode.vorige().naam(), 'traject')}."
    )


def per_regio(e: Eenheid) -> str:
    """For an organisation: running, started and ended per region it works in."""
    if e.soort != "organisatie" or e.regios.empty:
        return ""
    p = e.periode.code
    rijen = {}
    for eenheid in sorted(set(e.regios["eenheid"])):
        regio = eenheid.split(SCHEIDING, 1)[1]
        rijen[regio] = {
            m: _w(e.regios, p, TOTAAL, m, eenheid=eenheid)
            for m in ("lopend", "gestart", "beeindigd")
        }
    rijen[TOTAAL] = {m: _w(e.tabel, p, TOTAAL, m) for m in ("lopend", "gestart", "beeindigd")}
    df, _ = privacy.onderdruk_tabel(
        pd.DataFrame.from_dict(rijen, orient="index"), ["lopend", "gestart", "beeindigd"], TOTAAL
    )
    regels = ["| Arbeidsmarktregio | Lopend | Gestart | Beëindigd |", "|---|---|---|---|"]
    for r, rij in df.iterrows():
        label = "Alle regio's" if r == TOTAAL else r
        regels.append(
            f"| {label} | {getal(rij.lopend)} | {getal(rij.gestart)} | {getal(rij.beeindigd)} |"
        )
    return (
        "\n".join(regels)
        + f"\n\n: Trajecten van {e.naam} per arbeidsmarktregio, {e.periode.naam()}."
    )


def figuur(e: Eenheid) -> str:
    """% ended with intended result per traject, the unit beside the national figure (only
    the percentages that may be shown)."""
    df = kerncijfers_frame(e)
    rijen = []
    for t, r in df.iterrows():
        if r.pct_resultaat is not None and not pd.isna(r.pct_resultaat):
            rijen += [
                (TRAJECT_LABELS[t], e.naam, r.pct_resultaat),
                (TRAJECT_LABELS[t], "Landelijk", r.land_resultaat),
            ]
    if not rijen:
        return "Er zijn te weinig beëindigde trajecten om percentages te tonen."
    d = pd.DataFrame(rijen, columns=["traject", "wie", "procent"])
    fig = figures.gegroepeerde_staven(
        d,
        "traject",
        "procent",
        "wie",
        "Beëindigd met beoogd resultaat",
        "% van de beëindigde trajecten",
        pct=True,
    )
    alt = (
        "Staafdiagram van het percentage met beoogd resultaat, eenheid naast landelijk: "
        + "; ".join(f"{t} {w} {procent(v)}" for t, w, v in d.itertuples(index=False))
    )
    return figures.als_markdown(
        fig,
        f"Figuur 1. Percentage beëindigd met beoogd resultaat, {e.naam} en landelijk, "
        f"{e.periode.naam()}.",
        alt,
    )
