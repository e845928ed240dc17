"""The sentences of the annual report's chapters 1 and 2 (and its extra conclusions): totals of
both years, which trajects rose, stayed level or fell, how the half years went, financing,
outflow, paid work, job retention, unpaid work and education.

Every function takes the years (`report_jaar.Perioden`, oldest first) and, where the text
describes the course per half year, the half years (`ph`, optional). Numbers come from the
tables; a change under GELIJK_GRENS percent reads as 'nagenoeg gelijk' (docs/rapporten.md).
"""

from __future__ import annotations

import math
from decimal import Decimal

from werkmonitor.indicators.comparison import verandering
from werkmonitor.periods import geregistreerd_in, kwartalen_met_starts
from werkmonitor.report.jaar import WERK, Perioden
from werkmonitor.report.kwartaal import verandering_zin
from werkmonitor.report.text import getal, opsomming, procent
from werkmonitor.vocab import (
    CATEGORIE_LABELS,
    DUUR_DIENSTVERBAND,
    FINANCIERING,
    SOORT,
    TOTAAL,
    TRAJECT_IN_ZIN,
    TRAJECTEN,
)

GELIJK_GRENS = Decimal(2)  # |% change| below this is 'nagenoeg gelijk gebleven'
FINANCIERING_ZIN = {"gemeente": "de gemeente", "uwv": "UWV", "overig": "overige financiering"}


def _jaren(pp: Perioden):
    """(earlier year, this year)."""
    return pp.perioden[-2], pp.perioden[-1]


def _label(traject: str, pp: Perioden) -> str:
    """Traject label with '*' when the earlier year lies partly before its registration."""
    a, _b = _jaren(pp)
    if traject == TOTAAL:
        return TRAJECT_IN_ZIN[traject]
    return TRAJECT_IN_ZIN[traject] + ("" if geregistreerd_in(traject, a) else "*")


def _bekend(x) -> bool:
    return x is not None and not (isinstance(x, float) and math.isnan(x))


def indeling(
    pp: Perioden, trajecten=TRAJECTEN, maat="lopend", dimensie=TOTAAL, categorie=TOTAAL
) -> dict[str, list[str]]:
    """The trajects whose count rose, stayed level (|%| < GELIJK_GRENS) or fell from the
    earlier year to this one, each as 'IPS (747; 11,7%)'."""
    a, b = _jaren(pp)
    groepen = {"gestegen": [], "gelijk": [], "gedaald": []}
    for t in trajecten:
        nu, eerder = pp.w(b, t, maat, dimensie, categorie), pp.w(a, t, maat, dimensie, categorie)
        if not (_bekend(nu) and _bekend(eerder)) or (nu == 0 and eerder == 0):
            continue
        v = verandering(nu, eerder)
        label = _label(t, pp)
        if v.procent is not None and abs(v.procent) < GELIJK_GRENS:
            groepen["gelijk"].append(label)
        elif v.verschil > 0:
            pct = f"; {procent(v.procent)}" if v.procent is not None else ""
            groepen["gestegen"].append(f"{label} ({getal(v.verschil)}{pct})")
        elif v.verschil < 0:
            groepen["gedaald"].append(f"{label} ({getal(-v.verschil)}; {procent(-v.procent)})")
        else:
            groepen["gelijk"].append(label)
    return groepen


def _groepen_tekst(groepen: dict[str, list[str]], woorden: dict[str, str]) -> str:
    """'gestegen bij a en b, nagenoeg gelijk gebleven bij c en gedaald bij d', with the words
    for each group given ('' when every group is empty)."""
    delen = [f"{woorden[r]} bij {opsomming(groepen[r])}" for r in woorden if groepen[r]]
    return opsomming(delen) if delen else ""


def indeling_zin(groepen: dict[str, list[str]], onderwerp: str, eerder: str) -> str:
    """'Ten opzichte van 2023 is het aantal … gestegen bij …, nagenoeg gelijk gebleven bij …
    en gedaald bij …' ('' when nothing can be compared)."""
    woorden = {
        "gestegen": "gestegen",
        "gelijk": "nagenoeg gelijk gebleven",
        "gedaald": "gedaald",
    }
    tekst = _groepen_tekst(groepen, woorden)
    return f"Ten opzichte van {eerder} is {onderwerp} {tekst}." if tekst else ""


def verloop(ph: Perioden, traject: str, maat="lopend", dimensie=TOTAAL, categorie=TOTAAL):
    """'gestegen', 'gedaald' or 'wisselend' over the half years in which the traject was
    registered the whole half year; None with fewer than three such half years or a hidden
    value."""
    waarden = [
        ph.w(p, traject, maat, dimensie, categorie)
        for p in ph.perioden
        if geregistreerd_in(traject, p)
    ]
    if len(waarden) < 3 or not all(_bekend(w) for w in waarden):
        return None
    stappen = [b - a for a, b in zip(waarden, waarden[1:], strict=False)]
    if all(s > 0 for s in stappen):
        return "gestegen"
    if all(s < 0 for s in stappen):
        return "gedaald"
    return "wisselend"


def verloop_zin(ph: Perioden | None, figuur: str, maat="lopend", trajecten=TRAJECTEN) -> str:
    """'Per half jaar (Figuur B1.1 in Bijlage 2) steeg het aantal elk half jaar bij …, daalde
    het … en wisselde het …'."""
    if ph is None:
        return ""
    groepen = {"gestegen": [], "gedaald": [], "wisselend": []}
    for t in trajecten:
        r = verloop(ph, t, maat)
        if r is not None:
            groepen[r].append(TRAJECT_IN_ZIN[t])
    woorden = {
        "gestegen": "steeg het aantal elk half jaar bij",
        "gedaald": "daalde het elk half jaar bij",
        "wisselend": "ging het op en neer bij",
    }
    delen = [f"{woorden[r]} {opsomming(n)}" for r, n in groepen.items() if n]
    if not delen:
        return ""
    return f"Per half jaar ({figuur} in Bijlage 2) {opsomming(delen)}."


def _kop(pp: Perioden, maat: str, werkwoord: str, aanvulling: str) -> str:
    """'In totaal hadden in 2024 **8.966** cliënten een lopend traject, tegen **7.919** in
    2023: een stijging van …'."""
    a, b = _jaren(pp)
    nu, eerder = pp.w(b, maat=maat), pp.w(a, maat=maat)
    return (
        f"In totaal {werkwoord} in {b.naam()} **{getal(nu)}** cliënten {aanvulling}, tegen "
        f"**{getal(eerder)}** in {a.naam()}: "
        f"{verandering_zin(nu, eerder, 'cliënten', a.naam(), 'cliënt')}."
    )


def lopend(pp: Perioden, ph: Perioden | None = None) -> str:
    """§1.1: running trajects, per traject, and the course per half year."""
    a, _b = _jaren(pp)
    delen = [
        _kop(pp, "lopend", "hadden", "een lopend traject")
        + " Een lopend traject is een traject waarin een cliënt op enig moment in het jaar "
        "begeleiding kreeg; Bijlage 3 beschrijft hoe het jaartotaal wordt berekend.",
        indeling_zin(indeling(pp), "het aantal lopende trajecten", a.naam()),
        verloop_zin(ph, "Figuur B1.1"),
    ]
    return "\n\n".join(x for x in delen if x)


AANTAL_KWARTALEN = {0: "geen kwartaal", 1: "één kwartaal", 2: "twee kwartalen", 3: "drie kwartalen"}


def breuk_gestart(pp: Perioden) -> str:
    """A marked note when the started trajects of a year of the report cover fewer quarters
    than the year has: for the first quarter in which a traject was registered the starts
    cannot be computed (Bijlage 3, point 1), so a rise against that year is partly the
    registration's. '' when every year is complete."""
    zinnen = []
    for p in _jaren(pp):
        groepen: dict[int, list[str]] = {}
        for t in TRAJECTEN:
            n = kwartalen_met_starts(t, p)
            if n < len(p.kwartalen()):
                groepen.setdefault(n, []).append(TRAJECT_IN_ZIN[t])
        if groepen:
            delen = [
                f"bij {opsomming(namen)} {AANTAL_KWARTALEN[n]}"
                for n, namen in sorted(groepen.items(), reverse=True)
            ]
            zinnen.append(f"gestart in {p.naam()} telt {opsomming(delen)}")
    if not zinnen:
        return ""
    return (
        f"**Breuk in de reeks:** {opsomming(zinnen)}. Voor het eerste kwartaal waarin een "
        "traject werd geregistreerd, is het aantal starts niet te berekenen (Bijlage 3, regel 1); "
        "een stijging ten opzichte van dat jaar komt daardoor deels door de registratie."
    )


def gestart(pp: Perioden, ph: Perioden | None = None) -> str:
    """§1.2: started trajects, per traject, and the course per half year, with the note
    where the series of started trajects breaks."""
    a, _b = _jaren(pp)
    delen = [
        _kop(pp, "gestart", "begonnen", "aan een traject"),
        indeling_zin(indeling(pp, maat="gestart"), "het aantal gestarte trajecten", a.naam()),
        verloop_zin(ph, "Figuur B1.2", "gestart"),
        breuk_gestart(pp),
    ]
    return "\n\n".join(x for x in delen if x)


def _verandering_kort(pp: Perioden, traject: str, dimensie: str, categorie: str) -> str:
    """'gestegen (1.266; 43,9%)', 'gedaald (155; 5,6%)', 'nagenoeg gelijk gebleven', or ''."""
    g = indeling(pp, [traject], dimensie=dimensie, categorie=categorie)
    if g["gelijk"]:
        return "nagenoeg gelijk gebleven"
    for richting in ("gestegen", "gedaald"):
        if g[richting]:
            return f"{richting} ({g[richting][0].split(' (', 1)[1]}"
    return ""


def financiering(pp: Perioden) -> str:
    """§1.3: running trajects per kind of financing, all trajects and per traject."""
    a, b = _jaren(pp)

    def per_jaar(p):
        return ", ".join(
            f"**{getal(pp.w(p, dimensie='financiering', categorie=c))}** via {FINANCIERING_ZIN[c]}"
            for c in FINANCIERING
        )

    veranderingen = [
        f"via {FINANCIERING_ZIN[c]} {x}"
        for c in FINANCIERING
        if (x := _verandering_kort(pp, TOTAAL, "financiering", c))
    ]
    regels = [
        f"In {a.naam()} werden van alle lopende trajecten {per_jaar(a)} gefinancierd; in "
        f"{b.naam()} {per_jaar(b)}."
        + (
            f" Ten opzichte van {a.naam()} is het aantal trajecten {opsomming(veranderingen)}."
            if veranderingen
            else ""
        ),
    ]
    for t in ("ips", "wabz", "jobcoaching", "overig"):
        delen = [
            f"via {FINANCIERING_ZIN[c]} {x}"
            for c in FINANCIERING
            if (x := _verandering_kort(pp, t, "financiering", c))
        ]
        if delen:
            regels.append(f"- {_label(t, pp)}: {opsomming(delen)}.")
    regels.append(
        "- UWV Werkfit en UWV Naar Werk worden altijd door UWV gefinancierd; hun aantallen staan "
        "in paragraaf 1.1."
    )
    return "\n".join([regels[0], "", *regels[1:]])


def afronding(pp: Perioden) -> str:
    """§1.4: ended with and without intended result, in total and per traject."""
    a, b = _jaren(pp)
    met = ("beeindigd", "resultaat", "met_beoogd_resultaat")

    def jaar(p):
        eind = pp.w(p, maat="beeindigd")
        return (
            f"in {p.naam()} **{getal(eind)}**, van wie "
            f"**{pp.met_aandeel(pp.w(p, TOTAAL, *met), eind)}** met het beoogde resultaat"
        )

    regels = [f"In totaal rondden cliënten een traject af: {jaar(a)}; {jaar(b)}."]
    pct_a = pp.w(a, TOTAAL, *met, "procent")
    pct_b = pp.w(b, TOTAAL, *met, "procent")
    if _bekend(pct_a) and _bekend(pct_b):
        meer = "meer" if pct_b > 50 else "minder"
        regels[0] += (
            f" In {b.naam()} behaalde dus {meer} dan de helft van wie een traject afrondde het "
            f"beoogde resultaat (in {a.naam()}: {procent(pct_a)})."
        )
    zin = indeling_zin(
        indeling(pp, maat="beeindigd", dimensie="resultaat", categorie="met_beoogd_resultaat"),
        "het aantal trajecten dat met het beoogde resultaat eindigde",
        a.naam(),
    )
    if zin:
        regels.append(zin)
    boven, onder = [], []
    for t in TRAJECTEN:
        pct = pp.w(b, t, *met, "procent")
        if _bekend(pct):
            (boven if pct > 50 else onder).append(TRAJECT_IN_ZIN[t])
    if boven:
        zin = (
            f"In {b.naam()} eindigde bij {opsomming(boven)} meer dan de helft van de "
            "afgeronde trajecten met het beoogde resultaat"
        )
        if onder:
            zin += f", bij {opsomming(onder)} de helft of minder"
        regels.append(zin + ".")
    return "\n\n".join(regels)


def _som(pp: Perioden, p, maat: str):
    """A count summed over the trajects that register paid work (NaN when one is hidden)."""
    return sum(pp.w(p, t, maat) or 0 for t in WERK)


def betaald_werk(pp: Perioden, ph: Perioden | None = None) -> str:
    """§2.1: paid and sustainable paid work in both years, the share sustainable, and the %
    paid work per traject."""
    a, b = _jaren(pp)

    def jaar(p):
        bw, dz = _som(pp, p, "betaald_werk"), _som(pp, p, "duurzaam_betaald_werk")
        lop = _som(pp, p, "lopend")
        return (
            f"in {p.naam()} **{pp.met_aandeel(bw, lop)}**, van wie "
            f"**{pp.met_aandeel(dz, bw)}** duurzaam"
        )

    regels = [
        f"Betaald werk hadden, opgeteld over IPS, WABZ en de overige trajecten: {jaar(a)}; "
        f"{jaar(b)}."
    ]
    aandelen = []
    for t in WERK:
        nu = pp.aandeel(pp.w(b, t, "duurzaam_betaald_werk"), pp.w(b, t, "betaald_werk"))
        eerder = pp.aandeel(pp.w(a, t, "duurzaam_betaald_werk"), pp.w(a, t, "betaald_werk"))
        if nu is not None and eerder is not None and procent(nu) != procent(eerder):
            woord = "groter" if nu > eerder else "kleiner"
            aandelen.append(f"bij {TRAJECT_IN_ZIN[t]} {woord} ({procent(eerder)} → {procent(nu)})")
    if aandelen:
        regels.append(
            f"Het deel van het betaalde werk dat duurzaam is, werd {opsomming(aandelen)}."
        )
    pcts = [(TRAJECT_IN_ZIN[t], pp.w(b, t, "betaald_werk", grootheid="procent")) for t in WERK]
    pcts = [(n, v) for n, v in pcts if _bekend(v)]
    if pcts:
        regels.append(
            f"Het percentage met betaald werk in {b.naam()} was "
            + opsomming([f"{procent(v)} bij {n}" for n, v in pcts])
            + "; bij kleine aantallen zegt een percentage weinig."
        )
    zin = verloop_zin(ph, "Figuur B2.1", "betaald_werk", WERK)
    if zin:
        regels.append(zin.replace("het aantal", "het aantal cliënten met betaald werk", 1))
    return "\n\n".join(regels)


def start_stop(pp: Perioden) -> str:
    """§2.2: started and stopped paid work in both years, and the balance per traject."""
    a, b = _jaren(pp)
    jaren = []
    for p in (a, b):
        gs, gp = _som(pp, p, "gestart_betaald_werk"), _som(pp, p, "gestopt_betaald_werk")
        jaren.append(
            f"in {p.naam()} begonnen **{getal(gs)}** cliënten aan betaald werk en stopten er "
            f"**{getal(gp)}**"
        )
    zin = "; ".join(jaren)
    regels = [zin[0].upper() + zin[1:] + "."]
    positief = [
        TRAJECT_IN_ZIN[t]
        for t in WERK
        if _bekend(pp.w(b, t, "gestart_betaald_werk"))
        and _bekend(pp.w(b, t, "gestopt_betaald_werk"))
        and pp.w(b, t, "gestart_betaald_werk") > pp.w(b, t, "gestopt_betaald_werk")
    ]
    if positief:
        regels.append(
            f"In {b.naam()} begonnen bij {opsomming(positief)} meer cliënten aan betaald werk "
            "dan ermee stopten."
        )
    return "\n\n".join(regels)


def werkbehoud(pp: Perioden) -> str:
    """§2.3: jobcoaching, the distribution of the duration of the current job in both
    years and the largest group."""
    regels = []
    for p in _jaren(pp):
        pcts = [
            (c, pp.w(p, "jobcoaching", "duur_dienstverband", "duur", c, "procent"))
            for c in DUUR_DIENSTVERBAND
        ]
        pcts = [(c, v) for c, v in pcts if _bekend(v)]
        if not pcts:
            continue
        grootste = max(pcts, key=lambda x: x[1])[0]
        regels.append(
            f"In {p.naam()}: "
            + ", ".join(f"**{procent(v)}** {CATEGORIE_LABELS[c]}" for c, v in pcts)
            + f"; de grootste groep werkte {CATEGORIE_LABELS[grootste]}."
        )
    return "\n\n".join(regels)


def onbetaald(pp: Perioden) -> str:
    """§2.4: unpaid work (average per quarter) per kind, and IPS education in both years."""
    a, b = _jaren(pp)
    soorten = []
    for c in SOORT:
        nu = sum(pp.w(b, t, "onbetaald_werk", "soort", c) or 0 for t in WERK)
        eerder = sum(pp.w(a, t, "onbetaald_werk", "soort", c) or 0 for t in WERK)
        soorten.append(
            f"{CATEGORIE_LABELS[c]} **{getal(nu)}** "
            f"({verandering_zin(nu, eerder, 'cliënten', a.naam(), 'cliënt')})"
        )
    opl = [
        f"in {p.naam()} **{getal(pp.w(p, 'ips', 'opleiding'))}** met een opleiding, "
        f"**{getal(pp.w(p, 'ips', 'gestart_opleiding'))}** begonnen en "
        f"**{getal(pp.w(p, 'ips', 'gestopt_opleiding'))}** gestopt"
        for p in (a, b)
    ]
    return (
        f"Gemiddeld per kwartaal in {b.naam()}, opgeteld over IPS, WABZ en de overige trajecten: "
        + "; ".join(soorten)
        + f".\n\nBij IPS: {opsomming(opl)}; "
        + verandering_zin(
            pp.w(b, "ips", "opleiding"), pp.w(a, "ips", "opleiding"), "cliënten", a.naam(), "cliënt"
        )
        + "."
    )


def conclusies(pp: Perioden, regios=None) -> list[str]:
    """Extra factual conclusions of an annual report, as Markdown list items: started, the
    trajects that rose or fell, financing, paid and sustainable work, job retention, IPS
    education and (national report) the range between regions."""
    a, b = _jaren(pp)
    regels = []
    nu, eerder = pp.w(b, maat="gestart"), pp.w(a, maat="gestart")
    if _bekend(nu):
        regels.append(
            f"- **{getal(nu)}** cliënten begonnen in {b.naam()} aan een traject: "
            f"{verandering_zin(nu, eerder, 'cliënten', a.naam(), 'cliënt')}"
            + (" (een breuk in de reeks: zie paragraaf 1.2)." if breuk_gestart(pp) else ".")
        )
    else:  # a small unit: said in words, never '– cliënten'
        regels.append(
            f"- Hoeveel cliënten in {b.naam()} aan een traject begonnen, tonen we niet "
            "(kleine aantallen)."
        )
    namen = {
        r: [x.split(" (", 1)[0] for x in lijst] for r, lijst in indeling(pp, maat="gestart").items()
    }
    tekst = _groepen_tekst(
        namen, {"gestegen": "steeg", "gelijk": "bleef nagenoeg gelijk", "gedaald": "daalde"}
    )
    if tekst:
        regels.append(f"- Het aantal gestarte trajecten {tekst}.")
    fin = [
        f"via {FINANCIERING_ZIN[c]} {x}"
        for c in FINANCIERING
        if (x := _verandering_kort(pp, TOTAAL, "financiering", c))
    ]
    if fin:
        regels.append(f"- Het aantal lopende trajecten is {opsomming(fin)}.")
    # (the share ended with the intended result and the share with paid work of all trajects
    # together are in the general conclusions above these: not repeated here)
    werk = [(t, pp.w(b, t, "betaald_werk", grootheid="procent")) for t in WERK]
    werk = [(t, v) for t, v in werk if _bekend(v)]
    if werk:
        hoog, pct = max(werk, key=lambda x: x[1])
        had = "hadden" if hoog == "overig" else "had"  # 'de overige trajecten hadden'
        regels.append(
            f"- Van de trajecten die betaald werk registreren {had} {TRAJECT_IN_ZIN[hoog]} in "
            f"{b.naam()} het hoogste percentage cliënten met betaald werk ({procent(pct)})."
        )
        dz = [
            pp.aandeel(_som(pp, p, "duurzaam_betaald_werk"), _som(pp, p, "betaald_werk"))
            for p in (a, b)
        ]
        if all(_bekend(x) for x in dz):
            regels.append(
                f"- Van het betaalde werk was {procent(dz[0])} duurzaam in {a.naam()} en "
                f"{procent(dz[1])} in {b.naam()}."
            )
    lang = [
        pp.w(p, "jobcoaching", "duur_dienstverband", "duur", "meer_dan_12_mnd", "procent")
        for p in (a, b)
    ]
    if all(_bekend(x) for x in lang):
        regels.append(
            f"- Bij jobcoaching werkte {procent(lang[0])} van de cliënten in {a.naam()} en "
            f"{procent(lang[1])} in {b.naam()} al meer dan 12 maanden in de huidige baan."
        )
    opl_nu, opl_eerder = pp.w(b, "ips", "opleiding"), pp.w(a, "ips", "opleiding")
    if _bekend(opl_nu) and _bekend(opl_eerder):
        regels.append(
            f"- Het aantal IPS-cliënten met een opleiding laat "
            f"{verandering_zin(opl_nu, opl_eerder, 'cliënten', a.naam(), 'cliënt', zien=True)} "
            "zien."
        )
    if regios is not None and regios.soort == "landelijk" and not regios.nu.empty:
        # the numbers as Tabel 3.1 shows them: a region whose count is hidden there is not
        # named with its count here either
        _eerder, getoond = regios.tabelrijen()
        t = getoond.assign(lopend=getoond["lopend_ips"] + getoond["lopend_niet_ips"])
        t = t[t["lopend"].notna() & (t["lopend"] > 0)]
        t = t.sort_values(["lopend", "regio"], ascending=[False, True])
        groot, klein = t.iloc[0], t.iloc[-1]
        regels.append(
            f"- De verschillen tussen regio's zijn groot: in {groot.regio} hadden "
            f"{getal(groot.lopend)} cliënten een lopend traject, in {klein.regio} "
            f"{getal(klein.lopend)}."
        )
    return regels
