"""The parts of a chapter that only a region's or organisation's quality report has: the
privacy notice, the key figures beside the national ones, and (for an organisation) the
figures per region it works in.

The chapter notebooks call these for every report; for the national report they return ''.
A region's figures come suppressed from `report.laad` (`privacy.onderdruk_indicatoren`); an
organisation sees its own figures as they are (`privacy.onderdrukt_voor`).
"""

from __future__ import annotations

import pandas as pd

from werkmonitor.indicators.table import als_getal, rij
from werkmonitor.report import figures
from werkmonitor.report.kwartaal import Kwartaal
from werkmonitor.report.text import getal, procent
from werkmonitor.vocab import TOTAAL, TRAJECT_LABELS, TRAJECTEN


def wat(k: Kwartaal) -> str:
    """'arbeidsmarktregio' or 'organisatie'."""
    return "arbeidsmarktregio" if k.soort == "regio" else "organisatie"


def _pct_resultaat(k: Kwartaal, traject: str, landelijk: bool = False):
    """% ended with intended result (point 8), the unit's or the national one."""
    args = (traject, "beeindigd", "resultaat", "met_beoogd_resultaat")
    return k.land(*args, grootheid="procent") if landelijk else k.pct(*args)


def _pct_werk(k: Kwartaal, traject: str, landelijk: bool = False):
    """% with paid work of the running (point 7), the unit's or the national one."""
    args = (traject, "betaald_werk")
    return k.land(*args, grootheid="procent") if landelijk else k.pct(*args)


def kerncijfers_frame(k: Kwartaal) -> pd.DataFrame:
    """Per traject the unit has (and all together): running, started and ended (suppressed
    where needed), and the unit's percentages beside the national ones."""
    trajecten = [t for t in TRAJECTEN if k.w(t) is not None]
    rijen = {}
    for t in [*trajecten, TOTAAL]:
        rijen[t] = {
            "lopend": k.w(t),
            "gestart": k.w(t, "gestart"),
            "beeindigd": k.w(t, "beeindigd"),
            "pct_betaald": _pct_werk(k, t),
            "land_betaald": _pct_werk(k, t, landelijk=True),
            "pct_resultaat": _pct_resultaat(k, t),
            "land_resultaat": _pct_resultaat(k, t, landelijk=True),
        }
    return pd.DataFrame.from_dict(rijen, orient="index").astype("float64")


def vergelijking(k: Kwartaal) -> str:
    """Section 'Vergelijking met landelijk': the key figures beside the national ones, and
    for an organisation its regions ('' for the national report)."""
    if not k.privacy:
        return ""
    df = kerncijfers_frame(k)
    wie = "regio" if k.soort == "regio" else "organisatie"
    regels = [
        "## Vergelijking met de landelijke cijfers",
        "",
        "De tabel zet de cijfers van deze "
        + wat(k)
        + " naast de landelijke. Verschillen hebben vaak andere oorzaken dan de kwaliteit van "
        "de begeleiding, zoals de samenstelling van de doelgroep of hoe lang de trajecten al "
        "worden aangeboden.",
        "",
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
    regels += ["", f": Kerncijfers {k.naam}, {k.periode.naam()}, naast landelijk.", ""]
    regels.append(figuur(k))
    regios = per_regio(k)
    if regios:
        regels += ["", "### Per arbeidsmarktregio", "", regios]
    return "\n".join(regels)


def per_regio_frame(k: Kwartaal) -> pd.DataFrame:
    """For an organisation: running, started and ended per region it works in, and all its
    regions together. The region figures come suppressed per region; where one hidden region
    could be read off the organisation's total, the smallest other region is hidden too."""
    maten = ["lopend", "gestart", "beeindigd"]
    regios = sorted(set(k.regios["eenheid"]))
    tabel = pd.DataFrame(index=[*regios, TOTAAL], columns=maten, dtype="float64")
    verborgen = pd.DataFrame(False, index=regios, columns=maten)
    for regio in regios:
        for m in maten:
            r = rij(k.regios, TOTAAL, m, eenheid=regio)
            if r is not None:
                tabel.loc[regio, m] = als_getal(r["waarde"])
                verborgen.loc[regio, m] = bool(r.get("onderdrukt"))
    for m in maten:
        tabel.loc[TOTAAL, m] = k.w(TOTAAL, m)
        if verborgen[m].sum() == 1 and not pd.isna(tabel.loc[TOTAAL, m]):
            over = tabel.loc[regios, m][~verborgen[m] & (tabel.loc[regios, m] > 0)]
            if not over.empty:
                tabel.loc[over.idxmin(), m] = float("nan")
    return tabel


def per_regio(k: Kwartaal) -> str:
    """For an organisation: the per-region table as Markdown ('' otherwise)."""
    if k.soort != "organisatie" or k.regios is None or k.regios.empty:
        return ""
    df = per_regio_frame(k)
    regels = ["| Arbeidsmarktregio | Lopend | Gestart | Beëindigd |", "|---|---|---|---|"]
    for r, x in df.iterrows():
        label = "Alle regio's" if r == TOTAAL else r
        regels.append(
            f"| {label} | {getal(x.lopend)} | {getal(x.gestart)} | {getal(x.beeindigd)} |"
        )
    return "\n".join(regels) + f"\n\n: Trajecten van {k.naam} per arbeidsmarktregio."


def figuur(k: Kwartaal) -> str:
    """Figuur 1c: % ended with intended result per traject, the unit beside the national
    figure (only the percentages that may be shown). Numbered after Figures 1a and 1b of
    the general results, like every figure of the reports (its numbers' download and its
    sheet of the workbook are named by it)."""
    df = kerncijfers_frame(k)
    rijen = []
    for t, r in df.iterrows():
        if not pd.isna(r.pct_resultaat):
            rijen += [
                (TRAJECT_LABELS[t], k.naam, r.pct_resultaat),
                (TRAJECT_LABELS[t], "Landelijk", r.land_resultaat),
            ]
    if not rijen:
        return "Er zijn te weinig beëindigde trajecten om percentages met resultaat te tonen."
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
        f"Staafdiagram van het percentage met beoogd resultaat, {k.naam} naast landelijk: "
        + "; ".join(f"{t} {w} {procent(v)}" for t, w, v in d.itertuples(index=False))
    )
    return figures.als_markdown(
        fig,
        f"Figuur 1c. Percentage beëindigd met beoogd resultaat, {k.naam} en landelijk, "
        f"{k.periode.naam()}.",
        alt,
    )
