"""The chapter 'specific results per traject': sentences and figures for IPS, jobcoaching,
UWV Werkfit and Naar Werk, WABZ and the other trajects, computed from the indicator table.

Every function takes a `report.Kwartaal` (the national figures of a quarter or a year) and
returns Markdown. Numbers come from the table; wording from `werkmonitor.text`.
"""

from __future__ import annotations

import functools
import math

import pandas as pd

from werkmonitor.indicators.comparison import verandering
from werkmonitor.indicators.table import vergelijkingen
from werkmonitor.periods import Periode, onvolledig_vergeleken
from werkmonitor.report import figures
from werkmonitor.report.kwartaal import (
    ONDERDRUKT,
    VOETNOOT_STER,
    Kwartaal,
    hoofdletter,
    met_pct,
    verborgen,
    vet,
    vet_pct,
    wie,
    wijzigingen,
)
from werkmonitor.report.text import als_zinsdeel, getal, meervoud, procent, procentpunten_tekst
from werkmonitor.vocab import CATEGORIE_LABELS, FINANCIERING, SOORT, TRAJECT_LABELS, TYPE

# How a traject is named in running text: one traject, several trajects.
NAAM = {
    "ips": ("IPS-traject", "IPS-trajecten"),
    "wabz": ("WABZ-traject", "WABZ-trajecten"),
    "jobcoaching": ("jobcoachingtraject", "jobcoachingtrajecten"),
    "werkfit": ("Werkfit-traject", "Werkfit-trajecten"),
    "naar_werk": ("Naar Werk-traject", "Naar Werk-trajecten"),
    "overig": ("overig traject naar werk", "overige trajecten naar werk"),
}
FINANCIERING_ZIN = {"gemeente": "de gemeente", "uwv": "UWV", "overig": "overige financiering"}
FINANCIERING_BIJ = {  # as it reads after 'bij'
    "gemeente": "gemeentelijke financiering",
    "uwv": "financiering door UWV",
    "overig": "overige financiering",
}
FIGUUR_MATEN = (("lopend", "Lopend"), ("gestart", "Gestart"), ("beeindigd", "Beëindigd"))


def heeft(k: Kwartaal, traject: str) -> bool:
    """Whether the report's population has this traject in the period (a hidden small
    number counts as having it)."""
    v = k.w(traject)
    return v is not None and (math.isnan(v) or v > 0)


def _alleen_met(trajecten: tuple[str, ...] | None = None, melding: bool = False):
    """Decorator for a section function of a region's or organisation's report: when the
    unit has none of the trajects (given, or the function's `traject` argument), return one
    sentence saying so (`melding`) or nothing."""

    def deco(f):
        @functools.wraps(f)
        def g(k: Kwartaal, *args, **kwargs):
            ts = trajecten or (kwargs.get("traject") or args[0],)
            if k.privacy and not any(heeft(k, t) for t in ts):
                if not melding:
                    return ""
                namen = " of ".join(NAAM[t][1] for t in ts)  # 'geen A of B': neither
                return f"{wie(k)[0].upper() + wie(k)[1:]} had in {k.periode.naam()} geen {namen}."
            return f(k, *args, **kwargs)

        return g

    return deco


def _perioden(k: Kwartaal) -> list[tuple[Periode, str]]:
    """The period and its comparison periods, oldest first, with the table column of each."""
    eerder = [(p, f"waarde_{naam}") for naam, p in vergelijkingen(k.periode.code)]
    return [*sorted(eerder, key=lambda x: x[0]), (k.periode, "waarde")]


def _ster(k: Kwartaal, traject: str) -> str:
    """'*' when a comparison of this traject reaches back before its registration began."""
    return "*" if onvolledig_vergeleken(traject, *(p for p, _ in _perioden(k))) else ""


def aantallen(k: Kwartaal, traject: str) -> str:
    """Running, started and ended of one traject, with the changes of running."""
    nu = k.periode.naam()
    regels = [f"In {nu}:", ""]
    een, meer = NAAM[traject]
    regels.append(f"- volgden {vet(k.w(traject))} cliënten een {een};")
    gestart = k.w(traject, "gestart")
    if gestart is not None:
        regels.append(f"- begonnen {vet(gestart)} cliënten aan een {een};")
    regels.append(f"- rondden {vet(k.w(traject, 'beeindigd'))} cliënten hun traject af.")
    regels += [
        "",
        f"Het aantal lopende {meer}{_ster(k, traject)} laat "
        f"**{wijzigingen(k, traject, zien=True)}** zien.",
    ]
    return "\n".join(regels)


def financiering(k: Kwartaal, traject: str, met_veranderingen: bool = False) -> str:
    """How the running trajects are financed, optionally with the change per category."""
    lop = k.w(traject)
    waarden = {c: k.w(traject, "lopend", "financiering", c) for c in ("gemeente", "uwv", "overig")}
    if all(verborgen(x) for x in waarden.values()):
        return "Hoe de lopende trajecten gefinancierd werden, tonen we niet (kleine aantallen)."
    delen = [f"{k.vet_aandeel(x, lop)} door {FINANCIERING_ZIN[c]}" for c, x in waarden.items()]
    zin = f"Van de lopende trajecten werden {delen[0]}, {delen[1]} en {delen[2]} gefinancierd."
    if met_veranderingen:
        for c in ("gemeente", "uwv"):
            zin += (
                f" Het aantal trajecten met financiering door {FINANCIERING_ZIN[c]} laat "
                f"{wijzigingen(k, traject, 'lopend', 'financiering', c, zien=True)} zien."
            )
    return zin


def _balk(
    k: Kwartaal, traject: str, maat: str, dimensie: str, categorieen, titel: str, bijschrift: str
) -> str:
    """Horizontal bars of a breakdown, with counts and shares; with nothing to draw, one
    sentence instead (`figures.als_markdown`)."""
    totaal = sum(k.w(traject, maat, dimensie, c) or 0 for c in categorieen)
    d = pd.DataFrame(
        [(CATEGORIE_LABELS[c], k.w(traject, maat, dimensie, c) or 0) for c in categorieen],
        columns=["categorie", "aantal"],
    )
    labels = [f"{getal(v)} ({procent(k.aandeel(v, totaal))})" for v in d["aantal"]]
    fig = figures.staafdiagram_horizontaal(
        d, "aantal", "categorie", titel, "Aantal cliënten", labels
    )
    alt = f"Staafdiagram, {als_zinsdeel(titel)}: " + "; ".join(
        f"{c} {getal(v)}" for c, v in d.itertuples(index=False)
    )
    return figures.als_markdown(fig, bijschrift, alt)


def _perioden_figuur(k: Kwartaal, trajecten, maten, titel: str, bijschrift: str) -> str:
    """Grouped bars: measures (per traject) in the period and its comparison periods."""
    rijen = []
    for t in trajecten:
        for maat, label in maten:
            for p, kolom in _perioden(k):
                groep = label if len(trajecten) == 1 else f"{label}\n{TRAJECT_LABELS[t]}"
                rijen.append((groep, p.kort(), k.w(t, maat, kolom=kolom) or 0))
    d = pd.DataFrame(rijen, columns=["maat", "periode", "aantal"])
    fig = figures.gegroepeerde_staven(d, "maat", "aantal", "periode", titel, "Aantal cliënten")
    alt = f"Gegroepeerd staafdiagram, {als_zinsdeel(titel)}: " + "; ".join(
        f"{m.replace(chr(10), ' ')} {p} {getal(a)}" for m, p, a in d.itertuples(index=False)
    )
    return figures.als_markdown(fig, bijschrift, alt)


def _trend_pct(k: Kwartaal, traject: str, maten, titel: str, bijschrift: str) -> str:
    """Lines of percentages over the quarters up to this one (quarters only)."""
    rijen = []
    for code, tabel in k.trend.items():
        kk = Kwartaal(Periode.lees(code), tabel, k.synthetisch)
        for maat, label in maten:
            w = kk.pct(traject, maat)
            # hidden: a gap in its line (or, all hidden, a sentence instead of the figure)
            rijen.append((Periode.lees(code).kort(), label, ONDERDRUKT if w is None else w))
    d = pd.DataFrame(rijen, columns=["kwartaal", "maat", "procent"])
    fig = figures.lijndiagram(d, "kwartaal", "procent", "maat", titel, "% van de lopende trajecten")
    alt = f"Lijndiagram, {als_zinsdeel(titel)}: " + "; ".join(
        f"{m} {q} {procent(v)}" for q, m, v in d.itertuples(index=False)
    )
    return figures.als_markdown(fig, bijschrift, alt)


# --- IPS ----------------------------------------------------------------------------------


@_alleen_met(("ips",), melding=True)
def ips_aantallen(k: Kwartaal) -> str:
    """IPS: numbers, financing and type, with changes per category."""
    lop = k.w("ips")
    typen = ", ".join(
        f"{k.vet_aandeel(k.w('ips', 'lopend', 'type', c), lop)} {CATEGORIE_LABELS[c]}" for c in TYPE
    )
    return "\n\n".join(
        [
            aantallen(k, "ips"),
            financiering(k, "ips", met_veranderingen=True),
            richting(k, "het aantal lopende IPS-trajecten", "ips"),
            f"Naar type traject: {typen}. Het aantal IPS-EPA-trajecten laat "
            f"{wijzigingen(k, 'ips', 'lopend', 'type', 'epa', zien=True)} zien; het aantal "
            f"IPS-CMD-trajecten {wijzigingen(k, 'ips', 'lopend', 'type', 'cmd', zien=True)}.",
        ]
    )


@_alleen_met(("ips",))
def figuur_2(k: Kwartaal) -> str:
    """Figuur 2: IPS by financing (2a) and by type (2b)."""
    nu = k.periode.naam()
    return "\n\n".join(
        [
            _balk(
                k,
                "ips",
                "lopend",
                "financiering",
                FINANCIERING,
                f"IPS naar financiering, {k.periode.kort()}",
                f"Figuur 2a. Lopende IPS-trajecten naar financiering, {nu}.",
            ),
            _balk(
                k,
                "ips",
                "lopend",
                "type",
                TYPE,
                f"IPS naar type, {k.periode.kort()}",
                f"Figuur 2b. Lopende IPS-trajecten naar type traject, {nu}.",
            ),
        ]
    )


@_alleen_met(("ips",))
def ips_werk(k: Kwartaal) -> str:
    """IPS: paid work, sustainable work, started and stopped, ever worked, time to first job,
    unpaid work and education."""
    bw = k.w("ips", "betaald_werk")
    delen = [
        f"In {k.periode.naam()} hadden "
        f"{met_pct(bw, k.pct('ips', 'betaald_werk'), 'cliënten', ' van de lopende IPS-trajecten')}"
        f" betaald werk: {wijzigingen(k, 'ips', 'betaald_werk', zien=True)}. Van hen hadden "
        + met_pct(
            k.w("ips", "duurzaam_betaald_werk"),
            k.pct("ips", "duurzaam_betaald_werk"),
            "cliënten",
            " van de lopende trajecten",
        )
        + f" duurzaam betaald werk. {hoofdletter(vet(k.w('ips', 'gestart_betaald_werk')))} "
        f"cliënten begonnen aan betaald werk en {vet(k.w('ips', 'gestopt_betaald_werk'))} "
        "stopten ermee. "
        + hoofdletter(
            met_pct(k.w("ips", "ooit_betaald_werk"), k.pct("ips", "ooit_betaald_werk"), "cliënten")
        )
        + " werkten op enig moment tijdens het traject betaald.",
    ]
    kort = k.pct("ips", "duur_tot_eerste_baan", "duur", "minder_dan_3_mnd")
    lang = k.pct("ips", "duur_tot_eerste_baan", "duur", "meer_dan_9_mnd")
    if kort is not None:
        eerder = [
            (p, k.pct("ips", "duur_tot_eerste_baan", "duur", "minder_dan_3_mnd", f"waarde_{n}"))
            for n, p in vergelijkingen(k.periode.code)
        ][:1]
        zin = (
            f"Van de cliënten die ooit werkten, vond {vet_pct(kort)} de eerste betaalde "
            f"baan binnen 3 maanden na de start van IPS en {vet_pct(lang)} na meer dan 9 "
            "maanden."
        )
        if verborgen(kort) and (lang is None or verborgen(lang)):
            zin = (
                "Hoe lang het duurde tot de eerste betaalde baan, tonen we niet (kleine aantallen)."
            )
        elif eerder:
            p, w = eerder[0]
            verschil = procentpunten_tekst(kort, w, p.naam(), zien=True)
            zin += f" Het aandeel binnen 3 maanden laat {verschil} zien."
        delen.append(zin)
    onbetaald = sum(k.w("ips", "onbetaald_werk", "soort", c) or 0 for c in SOORT)
    soorten = ", ".join(
        f"{vet(k.w('ips', 'onbetaald_werk', 'soort', c))} {CATEGORIE_LABELS[c]}" for c in SOORT
    )
    delen.append(
        f"Onbetaald werk: {soorten}; samen {vet_pct(k.aandeel(onbetaald, k.w('ips')))} van de "
        "lopende IPS-trajecten. Wie onbetaald werk heeft, kan daarnaast ook betaald werken of een "
        "opleiding volgen; dat wordt niet apart geregistreerd."
    )
    delen.append(
        hoofdletter(met_pct(k.w("ips", "opleiding"), k.pct("ips", "opleiding"), "cliënten"))
        + f" volgden een opleiding; {vet(k.w('ips', 'gestart_opleiding'))} begonnen eraan en "
        f"{vet(k.w('ips', 'gestopt_opleiding'))} stopten. Het aantal cliënten met een "
        f"opleiding laat {wijzigingen(k, 'ips', 'opleiding', zien=True)} zien."
    )
    delen.append(plaatsing_per_groep(k))
    delen.append(richting(k, "het aantal IPS-cliënten met betaald werk", "ips", "betaald_werk"))
    return "\n\n".join(d for d in delen if d)


def _pct_betaald_per(k: Kwartaal, dimensie: str, categorieen) -> list[tuple[str, float]]:
    """% of running IPS clients with paid work per category that may be shown, with the
    category as it reads after 'bij'."""
    uit = []
    for c in categorieen:
        pct = k.aandeel(k.w("ips", "betaald_werk", dimensie, c), k.w("ips", "lopend", dimensie, c))
        if pct is not None:
            naam = FINANCIERING_BIJ[c] if dimensie == "financiering" else CATEGORIE_LABELS[c]
            uit.append((naam, float(pct)))
    return uit


def plaatsing_per_groep(k: Kwartaal) -> str:
    """Which financing and which type of IPS has the highest and lowest % paid work."""
    zinnen = []
    for dimensie, cats, wat in (
        ("financiering", FINANCIERING, "financieringsvormen"),
        ("type", TYPE, "typen IPS-traject"),
    ):
        pcts = sorted(_pct_betaald_per(k, dimensie, cats), key=lambda x: (-x[1], x[0]))
        if len(pcts) < 2:
            continue
        (hoog, ph), (laag, pl) = pcts[0], pcts[-1]
        zinnen.append(
            f"Tussen de {wat} liep het percentage met betaald werk uiteen van "
            f"**{procent(pl)}** bij {laag} tot **{procent(ph)}** bij {hoog}."
        )
    return " ".join(zinnen)


@_alleen_met(("ips",))
def figuur_3(k: Kwartaal) -> str:
    """Figuur 3: % paid work over the quarters (3a, quarters only) and % paid work per
    financing and type (3b)."""
    delen = []
    if len(k.trend) > 1:
        delen.append(
            _trend_pct(
                k,
                "ips",
                (("betaald_werk", "Betaald werk"), ("duurzaam_betaald_werk", "Duurzaam")),
                "IPS: betaald werk per kwartaal",
                f"Figuur 3a. Percentage IPS-cliënten met (duurzaam) betaald werk, "
                f"{next(iter(k.trend)) and Periode.lees(next(iter(k.trend))).naam()} tot en met "
                f"{k.periode.naam()}.",
            )
        )
    rijen = []
    for dim, cats in (("financiering", FINANCIERING), ("type", TYPE)):
        for c in cats:
            pct = k.aandeel(k.w("ips", "betaald_werk", dim, c), k.w("ips", "lopend", dim, c))
            rijen.append((CATEGORIE_LABELS[c], float(pct) if pct is not None else ONDERDRUKT))
    d = pd.DataFrame(rijen, columns=["groep", "procent"])
    fig = figures.staafdiagram_horizontaal(
        d,
        "procent",
        "groep",
        f"IPS: betaald werk per groep, {k.periode.kort()}",
        "% met betaald werk",
        [procent(v) for v in d["procent"]],
        pct=True,
    )
    alt = (
        "Staafdiagram van het percentage IPS-cliënten met betaald werk per financiering en "
        "type: " + "; ".join(f"{g} {procent(v)}" for g, v in d.itertuples(index=False))
    )
    delen.append(
        figures.als_markdown(
            fig,
            f"Figuur 3b. Percentage met betaald werk per financiering en type IPS-traject, "
            f"{k.periode.naam()}.",
            alt,
        )
    )
    return "\n\n".join(delen)


def _met_resultaat(k: Kwartaal, traject: str):
    """% ended with intended result (point 8)."""
    return k.pct(traject, "beeindigd", "resultaat", "met_beoogd_resultaat")


@_alleen_met()
def uitstroom(k: Kwartaal, traject: str) -> str:
    """Outflow by work status and the share with intended result (point 8)."""
    eind = k.w(traject, "beeindigd")
    if verborgen(eind):  # one sentence instead of a list of hidden numbers
        return (
            f"Hoeveel cliënten in {k.periode.naam()} hun {NAAM[traject][0]} beëindigden en met "
            "welk resultaat, tonen we niet (kleine aantallen)."
        )
    if eind == 0:
        return f"In {k.periode.naam()} beëindigde geen enkele cliënt zijn {NAAM[traject][0]}."
    regels = [
        f"In {k.periode.naam()} beëindigden "
        f"{met_pct(eind, k.aandeel(eind, k.w(traject)), 'cliënten', ' van de lopende trajecten')}"
        f" hun {NAAM[traject][0]}; dat is "
        + wijzigingen(k, traject, "beeindigd", eenheid="trajecten", enkelvoud="traject", zien=True)
        + ".",
        "",
        f"- {vet(k.w(traject, 'beeindigd', 'uitstroom', 'met_betaald_werk'))} met betaald "
        "werk op het moment van beëindigen;",
        f"- {vet(k.w(traject, 'beeindigd', 'uitstroom', 'zonder_betaald_werk_ooit_gewerkt'))}"
        " zonder betaald werk, maar met betaald werk op enig moment tijdens het traject;",
        f"- {vet(k.w(traject, 'beeindigd', 'uitstroom', 'nooit_gewerkt'))} zonder ooit "
        "betaald te hebben gewerkt tijdens het traject.",
        "",
        f"Daarmee eindigde {vet_pct(_met_resultaat(k, traject))}"
        " van de afgeronde trajecten met het beoogde resultaat (uitstroom met betaald werk of "
        "met werk tijdens het traject).",
    ]
    return "\n".join(regels)


@_alleen_met(("ips",))
def figuur_4(k: Kwartaal) -> str:
    """Figuur 4: IPS outflow by work status."""
    from werkmonitor.vocab import UITSTROOM_CATEGORIEEN

    return _balk(
        k,
        "ips",
        "beeindigd",
        "uitstroom",
        UITSTROOM_CATEGORIEEN,
        f"Beëindigde IPS-trajecten, {k.periode.kort()}",
        f"Figuur 4. Beëindigde IPS-trajecten met en zonder betaald werk, {k.periode.naam()}.",
    )


# --- jobcoaching ----------------------------------------------------------------------------


@_alleen_met(("jobcoaching",), melding=True)
def jobcoaching(k: Kwartaal) -> str:
    """Jobcoaching: providers, numbers, financing and outflow with job retention."""
    eind = k.w("jobcoaching", "beeindigd")
    behoud = k.w("jobcoaching", "beeindigd", "uitstroom", "met_betaald_werk")
    return "\n\n".join(
        [
            "Jobcoaching is gericht op werkbehoud. "
            f"{vet(k.w('jobcoaching', 'aantal_organisaties'))} "
            + meervoud(
                k.w("jobcoaching", "aantal_organisaties"),
                "ggz-organisatie leverde",
                "ggz-organisaties leverden",
            )
            + " cijfers over jobcoaching aan.",
            aantallen(k, "jobcoaching"),
            financiering(k, "jobcoaching"),
            f"Van de beëindigde trajecten eindigden {k.vet_aandeel(behoud, eind)} met "
            "behoud van werk."
            if eind != 0
            else "Er werden geen jobcoachingtrajecten beëindigd.",
        ]
    )


@_alleen_met(("jobcoaching",))
def figuur_5(k: Kwartaal) -> str:
    """Figuur 5: jobcoaching numbers (5a) and financing (5b) over the periods."""
    a = _perioden_figuur(
        k,
        ["jobcoaching"],
        FIGUUR_MATEN,
        "Jobcoaching",
        f"Figuur 5a. Lopende, gestarte en beëindigde jobcoaching-trajecten, "
        f"{k.periode.naam()} en eerder.",
    )
    rijen = []
    for c in FINANCIERING:
        for p, kolom in _perioden(k):
            rijen.append(
                (
                    CATEGORIE_LABELS[c],
                    p.kort(),
                    k.w("jobcoaching", "lopend", "financiering", c, kolom) or 0,
                )
            )
    d = pd.DataFrame(rijen, columns=["financiering", "periode", "aantal"])
    fig = figures.gegroepeerde_staven(
        d, "financiering", "aantal", "periode", "Jobcoaching naar financiering", "Aantal cliënten"
    )
    alt = (
        "Gegroepeerd staafdiagram van lopende jobcoaching-trajecten naar financiering: "
        + "; ".join(f"{f} {p} {getal(a)}" for f, p, a in d.itertuples(index=False))
    )
    b = figures.als_markdown(
        fig,
        f"Figuur 5b. Lopende jobcoaching-trajecten naar financiering, "
        f"{k.periode.naam()} en eerder.",
        alt,
    )
    return a + "\n\n" + b


@_alleen_met(("jobcoaching",))
def dienstverband(k: Kwartaal) -> str:
    """Jobcoaching: duration of the current job."""
    from werkmonitor.vocab import DUUR_DIENSTVERBAND

    regels = [
        f"De duur van het huidige dienstverband van cliënten in jobcoaching in {k.periode.naam()}:",
        "",
    ]
    totaal = sum(
        k.w("jobcoaching", "duur_dienstverband", "duur", c) or 0 for c in DUUR_DIENSTVERBAND
    )
    for c in DUUR_DIENSTVERBAND:
        n = k.w("jobcoaching", "duur_dienstverband", "duur", c)
        regels.append(f"- {k.vet_aandeel(n, totaal)} werkt {CATEGORIE_LABELS[c]};")
    regels[-1] = regels[-1].rstrip(";") + "."
    return "\n".join(regels)


@_alleen_met(("jobcoaching",))
def figuur_6(k: Kwartaal) -> str:
    """Figuur 6: jobcoaching duration of employment."""
    from werkmonitor.vocab import DUUR_DIENSTVERBAND

    return _balk(
        k,
        "jobcoaching",
        "duur_dienstverband",
        "duur",
        DUUR_DIENSTVERBAND,
        f"Duur dienstverband, {k.periode.kort()}",
        f"Figuur 6. Duur van het dienstverband bij jobcoaching, {k.periode.naam()}.",
    )


# --- UWV Werkfit and Naar Werk ----------------------------------------------------------------


_MEER = {"stijging": "meer dan", "daling": "minder dan", "gelijk": "evenveel als"}


def vergeleken(k: Kwartaal, traject: str, maat: str, dimensie="totaal", categorie="totaal"):
    """'meer dan in kwartaal 3 van 2025 en in kwartaal 4 van 2024', or 'minder dan in …,
    meer dan in …': a count against each comparison period ('' when it cannot be compared)."""
    delen = []
    for naam, p in vergelijkingen(k.periode.code):
        nu = k.w(traject, maat, dimensie, categorie)
        eerder = k.w(traject, maat, dimensie, categorie, f"waarde_{naam}")
        v = verandering(nu, eerder)
        if v is None:
            return ""
        delen.append((_MEER[v.richting], p.naam()))
    if len(delen) == 2 and delen[0][0] == delen[1][0]:
        return f"{delen[0][0]} in {delen[0][1]} en in {delen[1][1]}"
    return ", ".join(f"{w} in {p}" for w, p in delen)


def _tussen_haakjes(tekst: str) -> str:
    """' (tekst)', or '' for an empty text."""
    return f" ({tekst})" if tekst else ""


@_alleen_met(("werkfit", "naar_werk"), melding=True)
def uwv(k: Kwartaal) -> str:
    """Werkfit and Naar Werk: numbers compared with the previous period, and outflow with and
    without intended result."""
    zinnen = []
    for t in ("werkfit", "naar_werk"):
        if all(k.w(t, m) in (None, 0) for m in ("lopend", "gestart", "beeindigd")):
            zinnen.append(f"Bij {TRAJECT_LABELS[t]} liepen, begonnen en eindigden geen trajecten.")
            continue
        if all(verborgen(k.w(t, m)) for m in ("lopend", "gestart", "beeindigd")):
            zinnen.append(
                f"Hoeveel {TRAJECT_LABELS[t]}-trajecten liepen, begonnen en eindigden, tonen we "
                "niet (kleine aantallen)."
            )
            continue
        zinnen.append(
            f"Bij {TRAJECT_LABELS[t]} liepen {vet(k.w(t))} trajecten"
            f"{_tussen_haakjes(vergeleken(k, t, 'lopend'))}; er begonnen "
            f"{vet(k.w(t, 'gestart'))}{_tussen_haakjes(vergeleken(k, t, 'gestart'))} en er "
            f"eindigden {vet(k.w(t, 'beeindigd'))}"
            f"{_tussen_haakjes(vergeleken(k, t, 'beeindigd'))}."
        )
    return "\n\n".join(zinnen)


@_alleen_met(("werkfit", "naar_werk"))
def uwv_resultaat(k: Kwartaal) -> str:
    """Werkfit and Naar Werk outflow: with result versus without or premature (point 6)."""
    regels = [
        "Bij Werkfit is het beoogde resultaat bereikt als de cliënt werkt of klaar is om "
        "te werken; bij Naar Werk bij een duurzame plaatsing in betaald werk.",
        "",
    ]
    for t in ("werkfit", "naar_werk"):
        met = k.w(t, "beeindigd", "resultaat", "met_beoogd_resultaat")
        zonder = k.w(t, "beeindigd", "resultaat", "zonder_beoogd_resultaat")
        if met in (None, 0) and zonder in (None, 0):
            regels.append(f"- {TRAJECT_LABELS[t]}: geen beëindigde trajecten;")
            continue
        if verborgen(met) and verborgen(zonder):
            regels.append(
                f"- {TRAJECT_LABELS[t]}: hoeveel met en hoeveel zonder beoogd resultaat, tonen "
                "we niet (kleine aantallen);"
            )
            continue
        regels.append(
            f"- {TRAJECT_LABELS[t]}: {k.vet_aandeel(met, (met or 0) + (zonder or 0))} met "
            f"beoogd resultaat, {k.vet_aandeel(zonder, (met or 0) + (zonder or 0))} "
            "zonder beoogd resultaat of voortijdig beëindigd;"
        )
    regels[-1] = regels[-1].rstrip(";") + "."
    vergelijking = [
        f"- {TRAJECT_LABELS[t]}: {v};"
        for t in ("werkfit", "naar_werk")
        if (v := vergeleken(k, t, "beeindigd", "resultaat", "met_beoogd_resultaat"))
    ]
    if vergelijking:
        vergelijking[-1] = vergelijking[-1][:-1] + "."
        regels += ["", "Het aantal trajecten dat met beoogd resultaat eindigde:", ""]
        regels += vergelijking
    return "\n".join(regels)


@_alleen_met(("werkfit", "naar_werk"))
def figuur_7(k: Kwartaal) -> str:
    """Figuur 7: Werkfit and Naar Werk numbers over the periods."""
    return _perioden_figuur(
        k,
        ["werkfit", "naar_werk"],
        FIGUUR_MATEN,
        "UWV Werkfit en Naar Werk",
        f"Figuur 7. Lopende, gestarte en beëindigde Werkfit- en Naar "
        f"Werk-trajecten, {k.periode.naam()} en eerder.",
    )


@_alleen_met(("werkfit", "naar_werk"))
def figuur_8(k: Kwartaal) -> str:
    """Figuur 8: Werkfit and Naar Werk ended with and without intended result."""
    rijen = []
    for t in ("werkfit", "naar_werk"):
        for cat, label in (("met_beoogd_resultaat", "met"), ("zonder_beoogd_resultaat", "zonder")):
            for p, kolom in _perioden(k):
                rijen.append(
                    (
                        f"{TRAJECT_LABELS[t]}\n{label} resultaat",
                        p.kort(),
                        k.w(t, "beeindigd", "resultaat", cat, kolom) or 0,
                    )
                )
    d = pd.DataFrame(rijen, columns=["groep", "periode", "aantal"])
    fig = figures.gegroepeerde_staven(
        d,
        "groep",
        "aantal",
        "periode",
        "Beëindigd met en zonder beoogd resultaat",
        "Aantal cliënten",
    )
    alt = "Gegroepeerd staafdiagram van beëindigde Werkfit- en Naar Werk-trajecten: " + "; ".join(
        f"{g.replace(chr(10), ' ')} {p} {getal(a)}" for g, p, a in d.itertuples(index=False)
    )
    return figures.als_markdown(
        fig,
        f"Figuur 8. Beëindigde Werkfit- en Naar Werk-trajecten met "
        f"en zonder beoogd resultaat, {k.periode.naam()} en eerder.",
        alt,
    )


# --- WABZ and overige trajecten ----------------------------------------------------------------


@_alleen_met()
def werkresultaten(k: Kwartaal, traject: str) -> str:
    """Paid, sustainable, ever and unpaid work of WABZ or the other trajects (point 7)."""
    soorten = ", ".join(
        met_pct(
            k.w(traject, "onbetaald_werk", "soort", c),
            k.pct(traject, "onbetaald_werk", "soort", c),
            CATEGORIE_LABELS[c],
        )
        for c in SOORT
    )
    vq = k.vorige.naam()
    bw_nu = k.pct(traject, "betaald_werk")
    bw_eerder = k.pct(traject, "betaald_werk", kolom="waarde_vorige")
    dz_nu = k.pct(traject, "duurzaam_betaald_werk")
    dz_eerder = k.pct(traject, "duurzaam_betaald_werk", kolom="waarde_vorige")
    tekst = (
        f"{hoofdletter(met_pct(k.w(traject, 'betaald_werk'), bw_nu, 'cliënten'))} hadden betaald "
        f"werk, van wie {met_pct(k.w(traject, 'duurzaam_betaald_werk'), dz_nu)} duurzaam. "
        "Het percentage met betaald werk laat "
        f"{procentpunten_tekst(bw_nu, bw_eerder, vq, zien=True)} zien, het percentage met "
        f"duurzaam betaald werk {procentpunten_tekst(dz_nu, dz_eerder, vq, zien=True)}. "
        + hoofdletter(
            met_pct(
                k.w(traject, "ooit_betaald_werk"), k.pct(traject, "ooit_betaald_werk"), "cliënten"
            )
        )
        + f" werkten ooit betaald tijdens het traject. Onbetaald werk: {soorten}."
    )
    soorten_werk = [("betaald werk", "betaald_werk", "totaal", "totaal")] + [
        (CATEGORIE_LABELS[c], "onbetaald_werk", "soort", c) for c in SOORT
    ]
    delen = [
        f"- {label}: {v};"
        for label, maat, dim, cat in soorten_werk
        if (v := vergeleken(k, traject, maat, dim, cat))
    ]
    if delen:
        delen[-1] = delen[-1][:-1] + "."
        tekst += "\n\nHet aantal cliënten per soort werk, vergeleken met eerder:\n\n" + "\n".join(
            delen
        )
    return tekst


@_alleen_met(("wabz",), melding=True)
def wabz(k: Kwartaal) -> str:
    """WABZ: providers, numbers with financing, results."""
    return "\n\n".join(
        [
            "Over Werk als Beste Zorg (WABZ) "
            + meervoud(k.w("wabz", "aantal_organisaties"), "leverde", "leverden")
            + f" {vet(k.w('wabz', 'aantal_organisaties'))} "
            f"{meervoud(k.w('wabz', 'aantal_organisaties'), 'ggz-organisatie', 'ggz-organisaties')}"
            " cijfers aan. "
            "Bij WABZ "
            "telt elke vorm van werk als resultaat, ook onbetaald werk.",
            aantallen(k, "wabz"),
            financiering(k, "wabz"),
        ]
    )


@_alleen_met()
def figuur_aantallen(k: Kwartaal, traject: str, nummer: str) -> str:
    """Running, started, ended of one traject over the periods (Figuur 9, 11)."""
    return _perioden_figuur(
        k,
        [traject],
        FIGUUR_MATEN,
        TRAJECT_LABELS[traject],
        f"Figuur {nummer}. Lopende, gestarte en beëindigde {NAAM[traject][1]}, "
        f"{k.periode.naam()} en eerder.",
    )


@_alleen_met()
def figuur_werk(k: Kwartaal, traject: str, nummer: str) -> str:
    """Kinds of work in WABZ or the other trajects (Figuur 10, 12)."""
    rijen = [
        ("Betaald werk", k.pct(traject, "betaald_werk")),
        ("Duurzaam betaald werk", k.pct(traject, "duurzaam_betaald_werk")),
        ("Ooit betaald gewerkt", k.pct(traject, "ooit_betaald_werk")),
    ]
    rijen += [
        (CATEGORIE_LABELS[c].capitalize(), k.pct(traject, "onbetaald_werk", "soort", c))
        for c in SOORT
    ]
    d = pd.DataFrame([(a, b or 0.0) for a, b in rijen], columns=["soort", "procent"])
    titel = f"{TRAJECT_LABELS[traject]}: werk, {k.periode.kort()}"
    fig = figures.staafdiagram_horizontaal(
        d,
        "procent",
        "soort",
        titel,
        "% van de lopende trajecten",
        [procent(v) for v in d["procent"]],
        pct=True,
    )
    alt = f"Staafdiagram, {als_zinsdeel(titel)}: " + "; ".join(
        f"{s} {procent(v)}" for s, v in d.itertuples(index=False)
    )
    return figures.als_markdown(
        fig,
        f"Figuur {nummer}. Betaald en onbetaald werk bij {NAAM[traject][1]}, {k.periode.naam()}.",
        alt,
    )


@_alleen_met()
def uitstroom_kort(k: Kwartaal, traject: str) -> str:
    """Outflow of WABZ or the other trajects in one sentence."""
    eind = k.w(traject, "beeindigd")
    met = k.w(traject, "beeindigd", "uitstroom", "met_betaald_werk")
    ooit = k.w(traject, "beeindigd", "uitstroom", "zonder_betaald_werk_ooit_gewerkt")
    nooit = k.w(traject, "beeindigd", "uitstroom", "nooit_gewerkt")
    if verborgen(eind):  # one sentence instead of a list of hidden numbers
        return "Hoeveel cliënten hun traject beëindigden en hoe, tonen we niet (kleine aantallen)."
    if eind == 0:
        return "Geen enkele cliënt beëindigde zijn traject."
    aandeel = k.aandeel(eind, k.w(traject))
    return (
        f"{hoofdletter(met_pct(eind, aandeel, 'cliënten', ' van de lopende trajecten'))} "
        f"beëindigden hun traject: {k.vet_aandeel(met, eind)} met betaald werk, "
        f"{k.vet_aandeel(ooit, eind)} zonder betaald werk maar met werk tijdens het "
        f"traject en {k.vet_aandeel(nooit, eind)} zonder ooit te hebben gewerkt."
    )


@_alleen_met(("overig",), melding=True)
def overig(k: Kwartaal) -> str:
    """The other trajects: numbers with financing."""
    return "\n\n".join([aantallen(k, "overig"), financiering(k, "overig")])


def voetnoot_ster(k: Kwartaal) -> str:
    """The '*' footnote when a comparison in this chapter reaches before 2023Q3."""
    if any(_ster(k, t) for t in ("wabz", "jobcoaching", "overig")):
        return VOETNOOT_STER
    return ""


_RICHTING = {"stijging": "gestegen", "daling": "gedaald", "gelijk": "gelijk gebleven"}


def richting(k: Kwartaal, onderwerp: str, traject: str, maat: str = "lopend") -> str:
    """A summarising sentence on the direction of a count against each comparison period:
    'Het aantal … is dus gedaald ten opzichte van …, maar gestegen ten opzichte van …', or
    with the same direction '… is dus gedaald ten opzichte van … en van …'."""
    delen = []
    for naam, p in vergelijkingen(k.periode.code):
        v = verandering(k.w(traject, maat), k.w(traject, maat, kolom=f"waarde_{naam}"))
        if v is None:
            return ""
        delen.append((_RICHTING[v.richting], p.naam()))
    if not delen:
        return ""
    zin = f"{onderwerp} is dus {delen[0][0]} ten opzichte van {delen[0][1]}"
    if len(delen) > 1 and delen[1][0] == delen[0][0]:  # not '…, en gedaald ten opzichte …'
        zin += f" en van {delen[1][1]}"
    elif len(delen) > 1:
        zin += f", maar {delen[1][0]} ten opzichte van {delen[1][1]}"
    return zin[0].upper() + zin[1:] + "."
