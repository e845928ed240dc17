"""The checks page (controle): reconciliations of the computed figures and the comparison
with the published ones.

- parts against totals: every breakdown that must add up to its total, nationally;
- regions and organisations against the national figures, for every count;
- the registrations without a known region, against what the published figures leave for
  them (the national figure minus the sum of Tabel 3.1's regions);
- running, started, ended and lost against each other (the stock identity);
- units whose started clients are not computable (first registered quarter, skipped quarter);
- every published figure in data/referentie that differs from the computed one;
- every published statement of direction (data/referentie/gepubliceerde_richtingen.csv)
  that the computed figures do not bear out;
- every checked sentence of the researchers' duiding, with the figures it is about: a
  sentence the figures contradict is flagged before the report is published.
"""

from __future__ import annotations

import pandas as pd

from werkmonitor.indicators import hoofdstuk3 as h3
from werkmonitor.indicators import richtingen as rt
from werkmonitor.indicators.kubus import Kubus
from werkmonitor.indicators.reference import (
    lees_aandelen,
    lees_referentie,
    lees_veranderingen,
    vergelijk_aandelen,
    vergelijk_met_referentie,
    vergelijk_veranderingen,
)
from werkmonitor.indicators.table import vergelijkingen, waarde
from werkmonitor.periods import Periode
from werkmonitor.regions import ONBEKEND
from werkmonitor.report.text import getal, procent
from werkmonitor.vocab import SOMREGELS, TOTAAL, TRAJECT_LABELS, TRAJECTEN, registreert_uitsplitsing

MAAT_KORT = {
    "lopend": "lopend",
    "beeindigd": "beëindigd",
    "betaald_werk": "betaald werk",
    "duurzaam_betaald_werk": "duurzaam betaald werk",
    "ooit_betaald_werk": "ooit betaald werk",
}

# Known differences between the published reports and their own parts or the data, with the
# explanation; the numbers are in docs/methoden.md and in the comparison table itself.
BEKENDE_VERSCHILLEN = {
    "A1-A4": "Het gedrukte totaal van (duurzaam, ooit) betaald werk is groter dan de som van de "
    "gedrukte delen (IPS, WABZ, overige trajecten); de werkmonitor volgt de delen.",
    "A5": "Het aantal IPS-trajecten via de gemeentelijke IPS-regeling wordt niet aangeleverd "
    "(Tabel B3.1 kent geen regeling) en is dus niet te berekenen.",
    "A6": "Een gedrukt percentage is afgekapt in plaats van afgerond (Naar Werk, zonder beoogd "
    "resultaat of voortijdig).",
    "A7": "De gedrukte percentages (duurzaam, ooit) betaald werk van alle trajecten delen door "
    "alle lopende trajecten, ook die van trajecten die geen betaald werk registreren; de "
    "werkmonitor deelt door de trajecten die het registreren.",
    "A8": "Het gedrukte aantal met beoogd resultaat beëindigde trajecten van 2024 is niet de som "
    "van de gedrukte aantallen per traject (twee cijfers verwisseld).",
    "A9": "De gedrukte percentages betaald werk per traject (IPS, WABZ, overige; zonder jaar) "
    "passen niet bij het gedrukte totaal van betaald werk.",
    "K4": "De regio's van de gepubliceerde Tabel 3.1 tellen in 2024 samen meer gestarte "
    "trajecten dan het gepubliceerde landelijke aantal (zie Registraties zonder regio).",
    "D1-D2": "De gepubliceerde jaarcijfers van WABZ en de overige trajecten zijn volgens de "
    "methode van Bijlage 3 niet tegelijk mogelijk; de demodata missen deze zo weinig mogelijk.",
    "D3": "De demodata houden het aantal met betaald werk en het aantal lopende trajecten van "
    "2023 elk binnen 2%, niet hun verhouding.",
}


def _tellingen(t: pd.DataFrame) -> pd.DataFrame:
    """Counts only (no percentages, no number of organisations)."""
    return t[(t["grootheid"] == "aantal") & (t["maat"] != "aantal_organisaties")]


def delen_en_totalen(land: pd.DataFrame) -> pd.DataFrame:
    """Per traject and breakdown that must add up: total, sum of the parts, difference."""
    rijen = []
    t = _tellingen(land)
    for traject in TRAJECTEN:
        for maat, dim in SOMREGELS:
            if not registreert_uitsplitsing(traject, maat, dim):
                continue
            delen = t[(t["traject"] == traject) & (t["maat"] == maat) & (t["dimensie"] == dim)]
            if delen.empty:
                continue
            totaal = waarde(land, traject, maat)
            som = float(delen["waarde"].sum())
            rijen.append(
                (TRAJECT_LABELS[traject], MAAT_KORT[maat], dim, totaal, som, som - (totaal or 0))
            )
    return pd.DataFrame(
        rijen, columns=["traject", "maat", "uitsplitsing", "totaal", "som", "verschil"]
    )


def niveaus(kubus: Kubus, periode: str) -> pd.DataFrame:
    """Largest absolute difference between the national figures and the sum of the regions,
    of the organisations, and of organisation x region, over all counts."""
    land = _tellingen(kubus.tabel(periode)).set_index(["traject", "maat", "dimensie", "categorie"])
    rijen = []
    for niveau in ("regio", "organisatie", "organisatie_regio"):
        som = (
            _tellingen(kubus.tabel(periode, niveau))
            .groupby(["traject", "maat", "dimensie", "categorie"])["waarde"]
            .sum()
        )
        verschil = (land["waarde"] - som).astype("float64").abs()
        rijen.append((niveau, len(land), float(verschil.max()) if len(verschil) else 0.0))
    return pd.DataFrame(rijen, columns=["niveau", "aantal_getallen", "grootste_verschil"])


def _zonder_regio_perioden(kubus: Kubus, periode: str) -> list[str]:
    """`periode` and each year of the published Tabel 3.1 whose quarters are all in the
    store."""
    jaren = sorted(set(h3.gepubliceerde_tabel_3_1()["jaar"]))
    volledig = [
        j for j in jaren if all(q.code in kubus.perioden for q in Periode.lees(j).kwartalen())
    ]
    return list(dict.fromkeys([Periode.lees(periode).code, *volledig]))


def zonder_regio(kubus: Kubus, periode: str) -> pd.DataFrame:
    """The registrations without a known region (`ONBEKEND`), running and started of all
    trajects, in `periode` and in each year of the published Tabel 3.1 wholly in the store:
    the national figure (`landelijk`), the sum of the known regions (`regios`), what is left
    without a region (`onbekend`) and its share of the national figure (`aandeel`, %); for a
    year of Tabel 3.1 also the published national figure, the sum of the table's regions and
    what those leave without a region (`gepubliceerd_*`; NA for other periods)."""
    tabel = h3.met_totalen(h3.gepubliceerde_tabel_3_1())
    ref = lees_referentie()
    rijen = []
    for p in _zonder_regio_perioden(kubus, periode):
        land, regio = kubus.tabel(p), kubus.tabel(p, "regio")
        gedrukt = tabel[tabel["jaar"] == p]
        for maat in ("lopend", "gestart"):
            landelijk = waarde(land, TOTAAL, maat)
            onbekend = waarde(regio, TOTAAL, maat, eenheid=ONBEKEND) or 0
            g_land = ref[
                (ref["periode"] == p)
                & (ref["traject"] == TOTAAL)
                & (ref["maat"] == maat)
                & (ref["dimensie"] == TOTAAL)
                & (ref["categorie"] == TOTAAL)
            ]["waarde"]
            g_land = float(g_land.iloc[0]) if len(g_land) and len(gedrukt) else pd.NA
            g_regios = float(gedrukt[maat].sum()) if len(gedrukt) else pd.NA
            rijen.append(
                {
                    "periode": p,
                    "maat": maat,
                    "landelijk": landelijk,
                    "regios": None if landelijk is None else landelijk - onbekend,
                    "onbekend": onbekend,
                    "aandeel": 100 * onbekend / landelijk if landelijk else pd.NA,
                    "gepubliceerd_landelijk": g_land,
                    "gepubliceerd_regios": g_regios,
                    "gepubliceerd_onbekend": g_land - g_regios
                    if not (pd.isna(g_land) or pd.isna(g_regios))
                    else pd.NA,
                }
            )
    return pd.DataFrame(rijen)


def _negatief(w) -> bool:
    """Whether `w` is a number below zero (False for a missing value)."""
    return not pd.isna(w) and w < 0


def zonder_regio_tekst(kubus: Kubus, periode: str) -> str:
    """Table of `zonder_regio`, and a sentence for each year of Tabel 3.1 whose registrations
    without a region differ from what the published figures leave for them."""
    z = zonder_regio(kubus, periode)
    regels = [
        "| Periode | Maat | Landelijk | Som van de regio's | Zonder regio | Aandeel | "
        "Gepubliceerd landelijk | Som van Tabel 3.1 | Gepubliceerd zonder regio |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    zinnen = []
    for r in z.itertuples(index=False):
        cellen = [
            Periode.lees(r.periode).kort(),
            r.maat,
            _tal(r.landelijk, False),
            _tal(r.regios, False),
            _tal(r.onbekend, False),
            _tal(r.aandeel, True),
            _tal(r.gepubliceerd_landelijk, False),
            _tal(r.gepubliceerd_regios, False),
            # a negative count with a minus sign, not a hyphen
            _tal(r.gepubliceerd_onbekend, False, teken=_negatief(r.gepubliceerd_onbekend)),
        ]
        regels.append("| " + " | ".join(cellen) + " |")
        if pd.isna(r.gepubliceerd_onbekend) or r.onbekend == r.gepubliceerd_onbekend:
            continue
        zin = (
            f"In {r.periode} telt deze database {getal(r.onbekend)} {r.maat}e trajecten "
            "zonder regio"
        )
        if r.gepubliceerd_onbekend < 0:  # the published report contradicts itself
            zin += (
                f"; in de gepubliceerde cijfers tellen de regio's van Tabel 3.1 samen "
                f"{getal(-r.gepubliceerd_onbekend)} meer dan het landelijke aantal "
                f"({getal(r.gepubliceerd_regios)} tegen {getal(r.gepubliceerd_landelijk)}): "
                "daar is geen plaats voor trajecten zonder regio."
            )
        else:
            zin += (
                f"; de gepubliceerde cijfers laten er {getal(r.gepubliceerd_onbekend)} over "
                f"({getal(r.gepubliceerd_landelijk)} landelijk, "
                f"{getal(r.gepubliceerd_regios)} in de regio's van Tabel 3.1)."
            )
        zinnen.append(zin)
    bijschrift = ": Registraties zonder arbeidsmarktregio (Regio onbekend), van alle trajecten."
    tekst = "\n".join(regels) + "\n\n" + bijschrift
    return tekst + ("\n\n" + " ".join(zinnen) if zinnen else "")


def voorraad_en_stromen(land: pd.DataFrame) -> pd.DataFrame:
    """Per traject: running(t) against running(t-1) - ended + started - lost (a quarter; a
    year's running count of Bijlage 3 point 3 is not a stock, so the identity does not apply)."""
    rijen = []
    if Periode.lees(str(land["periode"].iloc[0])).soort != "kwartaal":
        return pd.DataFrame(columns=["traject"])
    for traject in (*TRAJECTEN, TOTAAL):
        nu, vorig = (
            waarde(land, traject, "lopend"),
            waarde(land, traject, "lopend", kolom="waarde_vorige"),
        )
        e, g, o = (waarde(land, traject, m) for m in ("beeindigd", "gestart", "verloren"))
        if None in (nu, vorig, e, g, o):
            continue
        rijen.append((TRAJECT_LABELS[traject], vorig, e, g, o, nu, vorig - e + g - o - nu))
    return pd.DataFrame(
        rijen,
        columns=[
            "traject",
            "lopend_vorig",
            "beeindigd",
            "gestart",
            "verloren",
            "lopend",
            "verschil",
        ],
    )


def niet_berekenbaar(kubus: Kubus, periode: str) -> pd.DataFrame:
    """Units whose started clients cannot be computed in the period (first registered quarter
    of the traject, or the organisation skipped the quarter before)."""
    rijen = []
    for q in Periode.lees(periode).kwartalen():
        r = kubus.eenheidsrijen(q.code)
        g = r[(r["maat"] == "gestart")]
        leeg = g[g["waarde"].isna()]
        for (org, traject), deel in leeg.groupby(["organisatie", "traject"]):
            rijen.append((q.code, org, traject, len(deel)))
    return pd.DataFrame(rijen, columns=["periode", "organisatie", "traject", "regio_regels"])


def referentie(kubus: Kubus) -> pd.DataFrame:
    """Every published figure beside the computed one (only periods wholly in the store)."""
    ref = lees_referentie()
    tabellen = _tabellen(kubus, set(ref["periode"]))
    return vergelijk_met_referentie({p: t.drop(columns="noemer") for p, t in tabellen.items()}, ref)


def als_markdown(df: pd.DataFrame, kolommen: dict[str, str], bijschrift: str) -> str:
    """A frame as a Markdown table with Dutch headers and number format."""
    kop = "| " + " | ".join(kolommen.values()) + " |"
    regels = [kop, "|" + "---|" * len(kolommen)]
    for rij in df.itertuples(index=False):
        cellen = []
        for k in kolommen:
            v = getattr(rij, k)
            if isinstance(v, float | int) and not isinstance(v, bool):
                cellen.append(getal(v, 0 if float(v).is_integer() else 1))
            elif isinstance(v, bool):
                cellen.append("ja" if v else "nee")
            else:
                cellen.append("" if v is None or (isinstance(v, float) and pd.isna(v)) else str(v))
        regels.append("| " + " | ".join(cellen) + " |")
    return "\n".join(regels) + f"\n\n: {bijschrift}"


def vergelijkingsperioden(periode: str) -> list[str]:
    """The period and the periods it is compared with."""
    return [periode, *(p.code for _n, p in vergelijkingen(periode))]


def laad(periode: str, db=None, peildatum=None):
    """The store's indicator cube, the national table of `periode` (with comparisons) and
    whether the store holds synthetic data."""
    from werkmonitor.report import kwartaal

    kubus = Kubus.van(db, peildatum)
    return kubus, kwartaal.laad(periode, db, peildatum).tabel, kubus.synthetisch


# the reference's codes for trajects taken together (data/referentie/README.md)
GECOMBINEERD_LABELS = {
    "werkfit_en_naar_werk": "UWV Werkfit en Naar Werk",
    "ips_wabz_overig": "IPS, WABZ en overige trajecten",
}


def _tal(w, procenten: bool, teken: bool = False) -> str:
    """A reference value in Dutch format: a percentage with one decimal and '%', a count
    whole (or with one decimal when it is not whole); `teken`: with '+' or '−'."""
    if w is None or pd.isna(w):
        return "–"
    tekst = getal(abs(w) if teken else w, 1 if procenten or w != int(w) else 0)
    if teken:
        tekst = ("+" if w > 0 else "−" if w < 0 else "") + tekst
    return tekst + ("%" if procenten else "")


def referentie_tekst(vergelijking: pd.DataFrame) -> str:
    """Summary and table of the published figures that differ from the computed ones."""
    mis = vergelijking[~vergelijking["klopt"]]
    kop = (
        f"Van de **{getal(len(vergelijking))}** gepubliceerde getallen in de referentie komen er "
        f"**{getal(int(vergelijking['klopt'].sum()))}** overeen met de berekening (exact, of "
        f"binnen 2% waar de regel dat toestaat); **{getal(len(mis))}** wijken af:"
    )
    regels = [
        "| Periode | Traject | Maat | Categorie | Gepubliceerd | Berekend | Verschil |",
        "|---|---|---|---|---|---|---|",
    ]
    for rij in mis.itertuples(index=False):
        pct = rij.eenheid == "procent"
        cellen = [
            Periode.lees(rij.periode).kort(),
            {**TRAJECT_LABELS, **GECOMBINEERD_LABELS}.get(rij.traject, rij.traject),
            MAAT_KORT.get(rij.maat, rij.maat.replace("_", " ")) + (" (%)" if pct else ""),
            "" if rij.categorie == TOTAAL else rij.categorie.replace("_", " "),
            _tal(rij.waarde, pct),
            _tal(rij.berekend, pct),
            _tal(rij.verschil, pct, teken=True),
        ]
        regels.append("| " + " | ".join(cellen) + " |")
    bijschrift = ": Gepubliceerde getallen die afwijken van de berekende."
    return kop + "\n\n" + "\n".join(regels) + "\n\n" + bijschrift


def delen_tekst(land: pd.DataFrame) -> str:
    """Table: breakdowns against their totals."""
    kol = {
        "traject": "Traject",
        "maat": "Maat",
        "uitsplitsing": "Uitsplitsing",
        "totaal": "Totaal",
        "som": "Som van de delen",
        "verschil": "Verschil",
    }
    return als_markdown(delen_en_totalen(land), kol, "Uitsplitsingen tegen hun totaal, landelijk.")


SPRONG = (0.15, 2)  # a region's step beyond the nation's: more than 15% of it and 2 clients


def sprongen(kubus: Kubus, periode: str) -> pd.DataFrame:
    """Regions whose running count (all trajects) moved from the quarter before by more
    than the nation did, beyond `SPRONG`: per quarter of `periode` (with the quarter before
    it in the store). A missed or partial delivery shows here first. Columns regio, periode,
    vorig, lopend, verandering (%) and landelijk (%, the nation's change)."""
    rijen = []
    for q in Periode.lees(periode).kwartalen():
        vorige = q.vorige().code
        if q.code not in kubus.perioden or vorige not in kubus.perioden:
            continue
        nu, toen = (_lopend_per_regio(kubus, c) for c in (q.code, vorige))
        land_nu, land_toen = (waarde(kubus.tabel(c), TOTAAL, "lopend") for c in (q.code, vorige))
        if not land_toen:
            continue
        stap = land_nu / land_toen - 1
        for regio, n in nu.items():
            v = toen.get(regio)
            if regio == ONBEKEND or v is None or not v:
                continue
            deel, minimum = SPRONG
            if abs(n - v * (1 + stap)) > deel * v + minimum:
                rijen.append((regio, q.code, v, n, 100 * (n / v - 1), 100 * stap))
    kolommen = ["regio", "periode", "vorig", "lopend", "verandering", "landelijk"]
    return pd.DataFrame(rijen, columns=kolommen)


def _lopend_per_regio(kubus: Kubus, periode: str) -> dict[str, float]:
    """Running trajects of all kinds per region in a quarter."""
    t = kubus.tabel(periode, "regio")
    t = t[
        (t["traject"] == TOTAAL)
        & (t["maat"] == "lopend")
        & (t["dimensie"] == TOTAAL)
        & (t["grootheid"] == "aantal")
    ]
    return dict(zip(t["eenheid"], t["waarde"].astype(float), strict=True))


def sprongen_tekst(kubus: Kubus, periode: str) -> str:
    """The regions with a step beyond the nation's, as a table (or a sentence when none)."""
    s = sprongen(kubus, periode)
    if s.empty:
        return (
            "Geen regio veranderde meer dan 15% (en 2 trajecten) anders dan het landelijke "
            "aantal lopende trajecten."
        )
    regels = [
        "| Regio | Kwartaal | Lopend vorig kwartaal | Lopend | Verandering | Landelijk |",
        "|---|---|---|---|---|---|",
    ]
    for r in s.itertuples(index=False):
        regels.append(
            f"| {r.regio} | {Periode.lees(r.periode).kort()} | {getal(r.vorig)} | "
            f"{getal(r.lopend)} | {_tal(r.verandering, True, teken=True)} | "
            f"{_tal(r.landelijk, True, teken=True)} |"
        )
    kop = (
        f"**{getal(len(s))}** keer veranderde het aantal lopende trajecten van een regio meer "
        "dan 15% (en 2 trajecten) anders dan het landelijke aantal. Een gemiste of onvolledige "
        "aanlevering valt hier het eerst op."
    )
    bijschrift = ": Regio's met een sprong ten opzichte van het vorige kwartaal."
    return kop + "\n\n" + "\n".join(regels) + "\n\n" + bijschrift


def niveaus_tekst(kubus: Kubus, periode: str) -> str:
    """Table: sums of regions and organisations against national."""
    kol = {
        "niveau": "Niveau",
        "aantal_getallen": "Aantal getallen",
        "grootste_verschil": "Grootste verschil",
    }
    return als_markdown(
        niveaus(kubus, periode), kol, "Som van de regio's en organisaties tegen landelijk."
    )


def stromen_tekst(land: pd.DataFrame) -> str:
    """Table: stock and flows (quarters), or why it does not apply (years)."""
    vs = voorraad_en_stromen(land)
    if vs.empty:
        return "Alleen per kwartaal: het aantal lopende trajecten over een jaar is geen voorraad."
    kol = {
        "traject": "Traject",
        "lopend_vorig": "Lopend vorige periode",
        "beeindigd": "Beëindigd",
        "gestart": "Gestart",
        "verloren": "Verloren",
        "lopend": "Lopend",
        "verschil": "Verschil",
    }
    return als_markdown(vs, kol, "Voorraad en stromen, landelijk.")


def niet_berekenbaar_tekst(kubus: Kubus, periode: str) -> str:
    """Table: units without a computed number started, or that there are none."""
    nb = niet_berekenbaar(kubus, periode)
    if nb.empty:
        return "Geen: voor elke eenheid is gestart te berekenen."
    kol = {
        "periode": "Kwartaal",
        "organisatie": "Organisatie",
        "traject": "Traject",
        "regio_regels": "Regioregels",
    }
    return als_markdown(nb, kol, "Eenheden zonder berekend aantal gestart.")


def privacy_controle(kubus: Kubus, periode: str) -> tuple[pd.DataFrame, dict]:
    """The audit of the regional reports of `periode` (`privacy.afleidbaar`): the hidden
    small counts that follow from what they show (none when the suppression holds), and
    how many numbers they hide, primary and secondary, and how many they show."""
    from werkmonitor.indicators import privacy

    p = Periode.lees(periode)
    if not kubus.heeft(p.code):
        return pd.DataFrame(), {}
    uit = kubus.tabel(p.code, "regio", onderdrukt=True)
    ruw = kubus.tabel(p.code, "regio")
    vorige = None
    if p.soort == "kwartaal" and kubus.heeft(p.vorige().code):
        vorige = kubus.tabel(p.vorige().code, "regio", onderdrukt=True)
    tel = (uit["grootheid"] == "aantal") & (uit["maat"] != "aantal_organisaties")
    telling = {
        "primair": int((tel & (uit["onderdrukt"] == privacy.PRIMAIR)).sum()),
        "secundair": int((tel & (uit["onderdrukt"] == privacy.SECUNDAIR)).sum()),
        "getoond": int((tel & (uit["onderdrukt"] == "")).sum()),
        "stromen": vorige is not None,
    }
    return privacy.afleidbaar(uit, ruw, vorige), telling


def privacy_tekst(kubus: Kubus, periode: str) -> str:
    """Whether a hidden small count of a region follows from what its report shows."""
    bloot, telling = privacy_controle(kubus, periode)
    if not telling:
        return "Geen regiocijfers in deze periode."
    waaruit = (
        "de optellingen van delen tot hun totaal en de stromen van het kwartaal (met de "
        "lopende aantallen van het vorige kwartaal zoals de rapporten die toonden)"
        if telling["stromen"]
        else "de optellingen van delen tot hun totaal"
    )
    kop = (
        f"De regiorapporten tonen **{getal(telling['getoond'])}** aantallen en verbergen er "
        f"**{getal(telling['primair'])}** omdat ze klein zijn en **"
        f"{getal(telling['secundair'])}** om die te beschermen. "
    )
    if bloot.empty:
        return kop + f"Geen verborgen klein aantal volgt exact uit {waaruit}."
    kol = {
        "eenheid": "Regio",
        "traject": "Traject",
        "maat": "Maat",
        "dimensie": "Uitsplitsing",
        "categorie": "Categorie",
    }
    return (
        kop
        + f"**{getal(len(bloot))}** verborgen kleine aantallen volgen toch exact uit {waaruit}: "
        "zo mogen de rapporten niet gepubliceerd worden.\n\n"
        + als_markdown(bloot, kol, "Verborgen kleine aantallen die uit het rapport volgen.")
    )


def bekende_tekst() -> str:
    """The known differences as a list."""
    return "\n".join(f"- **{code}**: {tekst}" for code, tekst in BEKENDE_VERSCHILLEN.items())


RICHTING_WOORD = {"hoger": "hoger", "lager": "lager", "gelijk": "ongeveer gelijk"}


def _tabellen(kubus: Kubus, perioden: set[str]) -> dict[str, pd.DataFrame]:
    """The national tables of the periods wholly in the store."""
    return {
        p: kubus.tabel(p)
        for p in perioden
        if all(q.code in kubus.perioden for q in Periode.lees(p).kwartalen())
    }


def richtingen(kubus: Kubus) -> pd.DataFrame:
    """Every published statement of direction beside the computed direction (only the
    statements whose periods are in the store)."""
    ref = rt.lees_richtingen()
    tabellen = _tabellen(kubus, rt.perioden(ref))
    v = rt.vergelijk_richtingen(tabellen, ref)
    return v[v["berekend"].notna() | v["periode"].isin(tabellen)].reset_index(drop=True)


def _vergelijking_tekst(rij) -> str:
    """'K3 2025', '2023' or 'type cmd': what a statement compares with, in words."""
    if rij.ten_opzichte_van.startswith("categorie:"):
        return rij.ten_opzichte_van.split(":", 1)[1]
    return Periode.lees(rt.vergeleken(rij)[0]).kort()


def richtingen_tekst(v: pd.DataFrame, synthetisch: bool) -> str:
    """Summary and table of the published statements of direction the figures do not bear
    out; with the reason the reference gives for the demo data (synthetic store only)."""
    if v.empty:
        return "Geen: de perioden van de gepubliceerde uitspraken zitten niet in de database."
    mis = v[~v["klopt"]]
    kop = (
        f"Van de **{getal(len(v))}** uitspraken over een richting (gestegen, gedaald, gelijk "
        f"gebleven, hoger of lager dan) in de gepubliceerde rapporten komen er "
        f"**{getal(int(v['klopt'].sum()))}** overeen met de berekende cijfers; "
        f"**{getal(len(mis))}** niet."
    )
    if mis.empty:
        return kop
    regels = [
        "| Nr | Periode | Traject | Maat | Categorie | Vergeleken met | Gepubliceerd | Berekend | "
        "Nu | Toen |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    toelichting = []
    for nr, rij in enumerate(mis.itertuples(index=False), start=1):
        decimalen = 1 if rij.eenheid == "procent" else 0
        cellen = [
            str(nr),
            Periode.lees(rij.periode).kort(),
            TRAJECT_LABELS.get(rij.traject, rij.traject),
            MAAT_KORT.get(rij.maat, rij.maat.replace("_", " ")) + ("%" if decimalen else ""),
            "" if rij.categorie == TOTAAL else rij.categorie.replace("_", " "),
            _vergelijking_tekst(rij),
            RICHTING_WOORD[rij.richting],
            RICHTING_WOORD.get(rij.berekend, "niet te berekenen"),
            "" if rij.nu is None or pd.isna(rij.nu) else getal(rij.nu, decimalen),
            "" if rij.eerder is None or pd.isna(rij.eerder) else getal(rij.eerder, decimalen),
        ]
        regels.append("| " + " | ".join(cellen) + " |")
        if synthetisch and rij.reden:
            toelichting.append(f"- Nr. {nr}: {rij.reden}")
    bijschrift = (
        ": Gepubliceerde uitspraken over een richting die de berekende cijfers niet volgen."
    )
    tekst = kop + "\n\n" + "\n".join(regels) + "\n\n" + bijschrift
    if toelichting:  # the reference's reason for each, below the table (demo data only)
        tekst += "\n\nWaarom de demodata deze uitspraken niet volgen:\n\n" + "\n".join(toelichting)
    return tekst


def veranderingen(kubus: Kubus) -> pd.DataFrame:
    """Every printed change between two periods beside the computed one (only the changes
    whose two periods are wholly in the store)."""
    ref = lees_veranderingen()
    tabellen = _tabellen(kubus, set(ref["periode"]) | set(ref["eerder"]))
    v = vergelijk_veranderingen({p: t.drop(columns="noemer") for p, t in tabellen.items()}, ref)
    return v[v["periode"].isin(tabellen) & v["eerder"].isin(tabellen)].reset_index(drop=True)


def _verschil(w, procenten: bool = False) -> str:
    """A signed change in Dutch format ('+747', '−89', '+11,7%'); empty when unknown."""
    return "" if w is None or pd.isna(w) else _tal(w, procenten, teken=True)


def veranderingen_tekst(v: pd.DataFrame, synthetisch: bool) -> str:
    """Summary and table of the printed changes the computed figures do not give; with the
    reason the reference gives for the demo data (synthetic store only)."""
    if v.empty:
        return "Geen: de perioden van de gedrukte veranderingen zitten niet in de database."
    mis = v[~v["klopt"]]
    kop = (
        f"Van de **{getal(len(v))}** veranderingen tussen twee perioden die de gepubliceerde "
        f"rapporten drukken (verschil en percentage), geven de berekende cijfers er "
        f"**{getal(int(v['klopt'].sum()))}**: tussen kwartalen hetzelfde verschil, tussen jaren "
        f"of halfjaren dezelfde kant op en binnen 2 cliënten of 10% van het gedrukte verschil. "
        f"**{getal(len(mis))}** niet."
    )
    if mis.empty:
        return kop
    regels = [
        "| Nr | Periode | Vergeleken met | Traject | Maat | Categorie | Gedrukt | Berekend |",
        "|---|---|---|---|---|---|---|---|",
    ]
    toelichting = []
    for rij in mis.itertuples(index=False):
        gedrukt = _verschil(rij.verschil)
        if not pd.isna(rij.procent):  # printed without sign: the direction gives it
            pct = float(rij.procent) * (1 if rij.richting == "hoger" else -1)
            gedrukt = f"{gedrukt} ({_verschil(pct, procenten=True)})".strip()
        berekend = _verschil(rij.berekend_verschil)
        if rij.berekend_procent is not None and not pd.isna(rij.berekend_procent):
            berekend += f" ({_verschil(rij.berekend_procent, procenten=True)})"
        cellen = [
            rij.code,
            Periode.lees(rij.periode).kort(),
            Periode.lees(rij.eerder).kort(),
            TRAJECT_LABELS.get(rij.traject, rij.traject),
            MAAT_KORT.get(rij.maat, rij.maat.replace("_", " ")),
            "" if rij.categorie == TOTAAL else rij.categorie.replace("_", " "),
            gedrukt,
            berekend or "niet te berekenen",
        ]
        regels.append("| " + " | ".join(cellen) + " |")
        if synthetisch and isinstance(rij.reden, str) and rij.reden:
            toelichting.append(f"- {rij.code}: {rij.reden}")
    bijschrift = ": Gedrukte veranderingen die de berekende cijfers niet geven."
    tekst = kop + "\n\n" + "\n".join(regels) + "\n\n" + bijschrift
    if toelichting:
        tekst += "\n\nWaarom de demodata deze veranderingen niet geven:\n\n"
        tekst += "\n".join(toelichting)
    return tekst


def aandelen(kubus: Kubus) -> pd.DataFrame:
    """Every printed share with another denominator than the method's, beside the computed
    one (only shares whose periods are wholly in the store)."""
    ref = lees_aandelen()
    nodig = set(ref["periode"]) | set(ref["eerder"].dropna())
    tabellen = _tabellen(kubus, nodig)
    v = vergelijk_aandelen({p: t.drop(columns="noemer") for p, t in tabellen.items()}, ref)
    return v[v["periode"].isin(tabellen)].reset_index(drop=True)


def _figuren_tekst(expressie: str) -> str:
    """'ips.onbetaald_werk.soort.proefplaatsing+ips.lopend' in words: 'IPS onbetaald werk
    (proefplaatsing) + IPS lopend'."""
    woorden = []
    for term in expressie.split("+"):
        traject, maat, *rest = term.strip().split(".")
        tekst = f"{TRAJECT_LABELS.get(traject, traject)} {MAAT_KORT.get(maat, maat)}"
        if len(rest) == 2:
            tekst += f" ({rest[1].replace('_', ' ')})"
        woorden.append(tekst.replace("_", " "))
    return " + ".join(woorden)


def aandelen_tekst(v: pd.DataFrame, synthetisch: bool) -> str:
    """The printed shares with another denominator than the method's: each with its
    numerator and denominator, printed and computed (and why the demo misses, if so)."""
    if v.empty:
        return "Geen: de perioden van de gedrukte aandelen zitten niet in de database."
    kop = (
        f"Van de **{getal(len(v))}** gedrukte aandelen met een eigen noemer geven de berekende "
        f"cijfers er **{getal(int(v['klopt'].sum()))}** (een kwartaal op één decimaal, een jaar "
        "binnen 2%, een verandering binnen 1 procentpunt)."
    )
    regels = [
        "| Nr | Periode | Deel | Van | Gedrukt | Berekend | Klopt |",
        "|---|---|---|---|---|---|---|",
    ]
    toelichting = []
    for rij in v.itertuples(index=False):
        verandering = isinstance(rij.eerder, str) and bool(rij.eerder)
        eenheid = " procentpunt" if verandering else "%"
        periode = Periode.lees(rij.periode).kort()
        if verandering:
            periode = f"{periode} t.o.v. {Periode.lees(rij.eerder).kort()}"
        berekend = (
            "niet te berekenen"
            if rij.berekend is None or pd.isna(rij.berekend)
            else getal(rij.berekend, 1) + eenheid
        )
        cellen = [
            rij.code,
            periode,
            _figuren_tekst(rij.teller),
            _figuren_tekst(rij.noemer),
            getal(float(rij.procent), 1) + eenheid,
            berekend,
            "ja" if rij.klopt else "nee",
        ]
        regels.append("| " + " | ".join(cellen) + " |")
        if synthetisch and not rij.klopt and isinstance(rij.reden, str) and rij.reden:
            toelichting.append(f"- {rij.code}: {rij.reden}")
    tekst = kop + "\n\n" + "\n".join(regels) + "\n\n: Gedrukte aandelen met een eigen noemer."
    if toelichting:
        tekst += "\n\nWaarom de demodata deze aandelen niet geven:\n\n" + "\n".join(toelichting)
    return tekst


UITSPRAAK_LABELS = {
    "meeste_lopend": "Meeste lopende trajecten",
    "meeste_gestart": "Meeste gestarte trajecten",
    "hoogste_resultaat": "Hoogste % beëindigd met beoogd resultaat",
    "laagste_resultaat": "Laagste % beëindigd met beoogd resultaat",
    "stijgers": "Grootste stijgers in lopende trajecten",
    "dalers": "Grootste dalers in lopende trajecten",
    "te_klein": "Te klein om te rangschikken",
    "boven_helft": "Regio's met meer dan de helft met beoogd resultaat",
    "grootste_aanbod": "Lopende trajecten in de grootste regio",
    "kleinste_aanbod": "Lopende trajecten in de kleinste regio (met aanbod)",
    "pct_resultaat": "% beëindigd met beoogd resultaat",
}


def ranglijsten(kubus: Kubus, db=None, peildatum=None) -> pd.DataFrame:
    """Chapter 3's published statements beside the published Tabel 3.1 and the store (a
    year only when it and the year before are wholly in the store)."""
    from werkmonitor.report import regios as rr

    ref = h3.lees_ranglijsten()
    jaren = sorted(set(ref["jaar"]))
    tabel = h3.gepubliceerde_tabel_3_1()
    volgens_tabel = {j: h3.uitspraken_van_tabel(tabel, j) for j in jaren}
    berekend = {}
    for j in jaren:
        kwartalen = [*Periode.lees(j).vorige().kwartalen(), *Periode.lees(j).kwartalen()]
        if all(q.code in kubus.perioden for q in kwartalen):
            r = rr.laad(j, db=db, peildatum=peildatum)
            berekend[j] = h3.uitspraken(r.nu, r.eerder, r.minimum)
    return h3.vergelijk(ref, volgens_tabel, berekend)


def _uitspraak_waarde(uitspraak: str, waarde_: str | None) -> str:
    """A statement's value in words: regions separated by commas, a % or a count."""
    if waarde_ is None:
        return "niet te berekenen"
    if uitspraak.startswith("pct_resultaat:"):
        return procent(float(waarde_))
    if uitspraak in h3.GETALLEN:
        return getal(int(waarde_))
    return ", ".join(waarde_.split(";")) or "geen"


def ranglijsten_tekst(v: pd.DataFrame, synthetisch: bool) -> str:
    """Summary and table of chapter 3's statements: as printed, as the published Tabel 3.1
    gives them by the reports' rules, and as the store gives them; with the reference's
    reasons (synthetic store only)."""
    if v.empty:
        return "Geen gepubliceerde uitspraken over de regio's."
    kop = (
        f"Van de **{getal(len(v))}** uitspraken over de regio's in hoofdstuk 3 van het "
        f"jaarrapport volgen er **{getal(int(v['klopt_tabel'].sum()))}** uit de eigen Tabel "
        f"3.1 van dat rapport; met de cijfers van deze database komen er "
        f"**{getal(int(v['klopt'].sum()))}** overeen. Lijsten van regio's zijn vergeleken "
        "zonder op de volgorde te letten."
    )
    regels = [
        "| Nr | Jaar | Uitspraak | Gepubliceerd | Volgens Tabel 3.1 | Berekend |",
        "|---|---|---|---|---|---|",
    ]
    toelichting = []
    for nr, rij in enumerate(v.itertuples(index=False), start=1):
        soort, _, regio = rij.uitspraak.partition(":")
        label = UITSPRAAK_LABELS.get(soort, soort) + (f", {regio}" if regio else "")
        cellen = [
            str(nr),
            rij.jaar,
            label,
            _uitspraak_waarde(rij.uitspraak, rij.gepubliceerd),
            _uitspraak_waarde(rij.uitspraak, rij.volgens_tabel)
            + ("" if rij.klopt_tabel else " (anders)"),
            _uitspraak_waarde(rij.uitspraak, rij.berekend) + ("" if rij.klopt else " (anders)"),
        ]
        regels.append("| " + " | ".join(cellen) + " |")
        if synthetisch and rij.reden:
            toelichting.append(f"- Nr. {nr}: {rij.reden}")
    bijschrift = ": Uitspraken van hoofdstuk 3 naast de gepubliceerde tabel en de database."
    tekst = kop + "\n\n" + "\n".join(regels) + "\n\n" + bijschrift
    if toelichting:
        tekst += "\n\nToelichting:\n\n" + "\n".join(toelichting)
    return tekst


def duiding_toets(periode: str, kubus: Kubus, projectmap=None) -> list[dict]:
    """The checked sentences of the period's duiding with the computed figures."""
    from werkmonitor.report import duiding

    lijst = duiding.beweringen(duiding.lees(periode, projectmap))
    tabellen = _tabellen(kubus, duiding.perioden_van(periode, lijst))
    return duiding.toets(periode, lijst, tabellen)


def _zijde_tekst(z: dict) -> str:
    """A side of a duiding check in words: 'IPS betaald werk (type epa, %)'."""
    delen = [TRAJECT_LABELS.get(z["traject"], z["traject"]), MAAT_KORT.get(z["maat"], z["maat"])]
    extra = []
    if z["categorie"] != TOTAAL:
        extra.append(f"{z['dimensie']} {z['categorie']}")
    if z["procent"]:
        extra.append("als % van de lopende trajecten")
    if z["periode"]:
        extra.append(z["periode"].replace("_", " "))
    return " ".join(delen) + (f" ({', '.join(extra)})" if extra else "")


def _kop_tekst(kop: str) -> str:
    """A duiding heading as written ('IPS', 'Overige trajecten') from its lower-case key."""
    return kop.upper() if kop in ("ips", "wabz", "uwv") else kop.capitalize()


def duiding_tekst(getoetst: list[dict]) -> str:
    """The researchers' checked sentences against the figures; a contradicted one first,
    with a warning to change it before publishing."""
    if not getoetst:
        return (
            "De duiding van deze periode heeft geen zinnen met een controle "
            "(`<!-- controle: … -->`, zie docs/methoden.md)."
        )
    tegen = [t for t in getoetst if t["klopt"] is False]
    n, m = len(getoetst), len(tegen)
    if tegen:
        wie = (
            "de gecontroleerde zin van de duiding wordt"
            if n == 1
            else f"{getal(m)} van de {getal(n)} gecontroleerde zinnen van de duiding "
            + ("wordt" if m == 1 else "worden")
        )
        regels = [
            f"**Let op: {wie} door de cijfers tegengesproken. Pas de duiding aan voordat het "
            "rapport wordt gepubliceerd.**"
        ]
    else:
        wat = "de gecontroleerde zin" if n == 1 else f"alle {getal(n)} gecontroleerde zinnen"
        regels = [f"De cijfers bevestigen {wat} van de duiding."]
    regels.append("")
    for t in sorted(getoetst, key=lambda t: t["klopt"] is not False):
        b = t["bewering"]
        opmaak = procent if t["eenheid"] == "procent" else getal
        waarden = [
            "niet te berekenen" if w is None else opmaak(w) for w in (t["links"], t["rechts"])
        ]
        oordeel = {True: "klopt", False: "**spreekt de cijfers tegen**", None: "niet te toetsen"}
        regels.append(
            f'- {_kop_tekst(b.kop)}: "{b.zin}" — {_zijde_tekst(b.links)} {waarden[0]} is '
            f"volgens de zin {RICHTING_WOORD[b.richting]} dan {_zijde_tekst(b.rechts)} "
            f"{waarden[1]}: {oordeel[t['klopt']]}."
        )
    return "\n".join(regels)
