"""The chapters of the annual report: deployment (chapter 1) and results (chapter 2) per traject
over calendar years, and Bijlage 2 with the same figures per half year."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from werkmonitor.indicators.kubus import Kubus
from werkmonitor.indicators.table import als_getal, rij
from werkmonitor.periods import Periode, nooit_geregistreerd, onvolledig_vergeleken
from werkmonitor.report import figures
from werkmonitor.report.kwartaal import (
    ONDERDRUKT,
    VOETNOOT_STER,
    MetPrivacy,
    eenheidstabel,
    verandering_zin,
)
from werkmonitor.report.text import als_zinsdeel, getal, procent
from werkmonitor.vocab import (
    CATEGORIE_LABELS,
    DUUR_DIENSTVERBAND,
    FINANCIERING,
    SOORT,
    TOTAAL,
    TRAJECT_LABELS,
    TRAJECTEN,
)

WERK = ("ips", "wabz", "overig")  # the trajects that register paid work
STER = VOETNOOT_STER
NIET_GEREGISTREERD = "n.g."  # the label of a bar of a traject not registered in its period
VOETNOOT_NG = (
    "n.g.: niet geregistreerd. WABZ, jobcoaching en overige trajecten worden pas sinds "
    "kwartaal 3 van 2023 geregistreerd; over de perioden daarvoor is er geen cijfer."
)


@dataclass
class Perioden(MetPrivacy):
    """The tables of several periods (oldest first) and the synthetic flag: national, or of
    one region or organisation (`soort`, `naam`) with privacy suppression."""

    perioden: list[Periode]
    tabellen: dict[str, pd.DataFrame]
    synthetisch: bool
    soort: str = "landelijk"
    naam: str = ""

    def w(
        self,
        p: Periode,
        traject=TOTAAL,
        maat="lopend",
        dimensie=TOTAAL,
        categorie=TOTAAL,
        grootheid="aantal",
    ):
        """One value of period p: None when absent, NaN when suppressed for privacy."""
        r = rij(self.tabellen[p.code], traject, maat, dimensie, categorie, grootheid=grootheid)
        if r is None:
            return None
        if self.onderdrukt and r.get("onderdrukt"):
            return ONDERDRUKT
        return als_getal(r["waarde"])


def laad(
    periode: str,
    db=None,
    halfjaren: bool = False,
    peildatum=None,
    regio=None,
    organisatie=None,
) -> Perioden:
    """The year (or its half years) and the one before: the periods of the annual report;
    national, or of one region or organisation with privacy suppression."""
    p = Periode.lees(periode)
    jaren = [p.vorige(), p] if p.soort == "jaar" else [p.jaar_eerder(), p]
    perioden = (
        [Periode.lees(f"{j.jaar}H{h}") for j in jaren for h in (1, 2)] if halfjaren else jaren
    )
    kubus = Kubus.van(db, peildatum)
    soort = "regio" if regio else "organisatie" if organisatie else ""
    if not soort:
        tabellen = {x.code: kubus.tabel(x.code).drop(columns="noemer") for x in perioden}
        return Perioden(perioden, tabellen, kubus.synthetisch)
    naam = regio or organisatie
    tabellen = {x.code: eenheidstabel(kubus, x.code, soort, naam) for x in perioden}
    return Perioden(perioden, tabellen, kubus.synthetisch, soort, regio or organisatie)


def _label(traject: str, pp: Perioden) -> str:
    """Traject label with '*' when a period lies before the traject was registered."""
    return TRAJECT_LABELS[traject] + ("*" if onvolledig_vergeleken(traject, *pp.perioden) else "")


def _staven(
    pp: Perioden,
    groepen: list[tuple[str, dict]],
    titel: str,
    ylabel: str,
    bijschrift: str,
    pct: bool = False,
) -> str:
    """Grouped bars: one group per (label, lookup kwargs), one colour per period. A traject
    not registered in a period (`nooit_geregistreerd`) has no bar there but the label
    'n.g.', explained under the figure; an absent value of a registered one is none (0)."""
    rijen, ng = [], {}
    for label, kw in groepen:
        for p in pp.perioden:
            if nooit_geregistreerd(kw.get("traject", TOTAAL), p):
                ng[(label, p.kort())] = NIET_GEREGISTREERD
                rijen.append((label, p.kort(), None))
            else:
                rijen.append((label, p.kort(), pp.w(p, **kw) or 0.0))
    d = pd.DataFrame(rijen, columns=["groep", "periode", "waarde"])
    fig = figures.gegroepeerde_staven(d, "groep", "waarde", "periode", titel, ylabel, pct, ng)
    fmt = procent if pct else getal
    alt = f"Gegroepeerd staafdiagram, {als_zinsdeel(titel)}: " + "; ".join(
        f"{g.replace(chr(10), ' ')} {p} " + ("niet geregistreerd" if (g, p) in ng else fmt(v))
        for g, p, v in d.itertuples(index=False)
    )
    beeld = figures.als_markdown(fig, bijschrift, alt)
    return beeld + ("\n\n" + VOETNOOT_NG if ng else "")


def _ster_nodig(pp: Perioden, trajecten) -> str:
    return STER if any(onvolledig_vergeleken(t, *pp.perioden) for t in trajecten) else ""


def _naam(pp: Perioden, nummer: str, jaar: str) -> str:
    """'Figuur 1.1' for years, 'Figuur B1.1' for half years."""
    return f"Figuur {'B' if pp.perioden[0].soort == 'halfjaar' else ''}{nummer}"


def _over(pp: Perioden) -> str:
    return (
        " en ".join(p.naam() for p in pp.perioden)
        if len(pp.perioden) == 2
        else (f"{pp.perioden[0].naam()} tot en met {pp.perioden[-1].naam()}")
    )


def _verschil(
    pp: Perioden,
    traject=TOTAAL,
    maat="lopend",
    dimensie=TOTAAL,
    categorie=TOTAAL,
    eenheid="cliënten",
) -> str:
    a, b = pp.perioden[-2], pp.perioden[-1]
    nu = pp.w(b, traject, maat, dimensie, categorie)
    return verandering_zin(
        nu, pp.w(a, traject, maat, dimensie, categorie), eenheid, a.naam(), "cliënt"
    )


def figuur_lopend(pp: Perioden, nummer="1.1") -> str:
    """Running trajects per traject."""
    groepen = [(_label(t, pp), {"traject": t}) for t in TRAJECTEN]
    return (
        _staven(
            pp,
            groepen,
            "Lopende trajecten",
            "Aantal cliënten",
            f"{_naam(pp, nummer, '')}. Aantal lopende trajecten per traject, {_over(pp)}.",
        )
        + "\n\n"
        + _ster_nodig(pp, TRAJECTEN)
    )


def figuur_gestart(pp: Perioden, nummer="1.2") -> str:
    """Started trajects per traject."""
    groepen = [(_label(t, pp), {"traject": t, "maat": "gestart"}) for t in TRAJECTEN]
    return _staven(
        pp,
        groepen,
        "Gestarte trajecten",
        "Aantal cliënten",
        f"{_naam(pp, nummer, '')}. Aantal gestarte trajecten per traject, {_over(pp)}.",
    )


def figuur_financiering(pp: Perioden, nummer="1.3") -> str:
    """Running trajects by financing: IPS (a) and the other trajects with a financing
    breakdown (b)."""
    delen = []
    for deel, trajecten, wat in (
        ("a", ("ips",), "IPS"),
        ("b", ("wabz", "jobcoaching", "overig"), "WABZ, jobcoaching en overige trajecten"),
    ):
        groepen = [
            (
                CATEGORIE_LABELS[c]
                if len(trajecten) == 1
                else f"{_label(t, pp)}\n{CATEGORIE_LABELS[c]}",
                {"traject": t, "dimensie": "financiering", "categorie": c},
            )
            for t in trajecten
            for c in FINANCIERING
        ]
        delen.append(
            _staven(
                pp,
                groepen,
                f"Lopende trajecten naar financiering: {wat}",
                "Aantal cliënten",
                f"{_naam(pp, nummer, '')}{deel}. Lopende trajecten naar financiering, {wat}, "
                f"{_over(pp)}.",
            )
        )
    return "\n\n".join(delen)


def figuur_resultaat(pp: Perioden, nummer="1.4") -> str:
    """Ended with and without intended result per traject."""
    groepen = []
    for t in TRAJECTEN:
        for cat, label in (("met_beoogd_resultaat", "met"), ("zonder_beoogd_resultaat", "zonder")):
            groepen.append(
                (
                    f"{_label(t, pp)}\n{label}",
                    {"traject": t, "maat": "beeindigd", "dimensie": "resultaat", "categorie": cat},
                )
            )
    return _staven(
        pp,
        groepen,
        "Beëindigd met en zonder beoogd resultaat",
        "Aantal cliënten",
        f"{_naam(pp, nummer, '')}. Beëindigde trajecten met en zonder beoogd resultaat, "
        f"{_over(pp)}.",
    )


def tabel_resultaat(pp: Perioden) -> str:
    """Tabel 1.4: % ended with intended result per traject per period."""
    kop = "| Traject | " + " | ".join(p.kort() for p in pp.perioden) + " |"
    regels = [kop, "|---|" + "---|" * len(pp.perioden)]
    cijfers = []
    for t in (*TRAJECTEN, TOTAAL):
        waarden = [
            pp.w(p, t, "beeindigd", "resultaat", "met_beoogd_resultaat", "procent")
            for p in pp.perioden
        ]
        regels.append(f"| {TRAJECT_LABELS[t]} | " + " | ".join(map(procent, waarden)) + " |")
        cijfers += [
            (TRAJECT_LABELS[t], p.kort(), als_getal(w))
            for p, w in zip(pp.perioden, waarden, strict=True)
        ]
    tabel = pd.DataFrame(cijfers, columns=["traject", "periode", "procent_met_beoogd_resultaat"])
    return (
        "\n".join(regels)
        + f"\n\n: Tabel 1.4. Percentage beëindigd met beoogd resultaat, {_over(pp)}.\n\n"
        + figures.download(tabel.astype({"procent_met_beoogd_resultaat": "float64"}), "Tabel 1.4")
    )


def figuur_werk(pp: Perioden, nummer="2.1") -> str:
    """Paid and sustainable paid work per traject."""
    groepen = [
        (f"{_label(t, pp)}\n{lab}", {"traject": t, "maat": m})
        for t in WERK
        for m, lab in (("betaald_werk", "betaald"), ("duurzaam_betaald_werk", "duurzaam"))
    ]
    return _staven(
        pp,
        groepen,
        "(Duurzaam) betaald werk",
        "Aantal cliënten",
        f"{_naam(pp, nummer, '')}. Aantal cliënten met (duurzaam) betaald werk, {_over(pp)}.",
    )


def figuur_start_stop(pp: Perioden, nummer="2.2") -> str:
    """Started and stopped paid work per traject."""
    groepen = [
        (f"{_label(t, pp)}\n{lab}", {"traject": t, "maat": m})
        for t in WERK
        for m, lab in (("gestart_betaald_werk", "gestart"), ("gestopt_betaald_werk", "gestopt"))
    ]
    return _staven(
        pp,
        groepen,
        "Gestart en gestopt met betaald werk",
        "Aantal cliënten",
        f"{_naam(pp, nummer, '')}. Cliënten gestart en gestopt met betaald werk, {_over(pp)}.",
    )


def figuur_dienstverband(pp: Perioden, nummer="2.3") -> str:
    """Jobcoaching: distribution of the duration of the current job."""
    groepen = [
        (
            CATEGORIE_LABELS[c],
            {
                "traject": "jobcoaching",
                "maat": "duur_dienstverband",
                "dimensie": "duur",
                "categorie": c,
                "grootheid": "procent",
            },
        )
        for c in DUUR_DIENSTVERBAND
    ]
    return _staven(
        pp,
        groepen,
        "Jobcoaching: duur dienstverband",
        "% van de cliënten",
        f"{_naam(pp, nummer, '')}. Verdeling van de duur van het dienstverband bij jobcoaching, "
        f"{_over(pp)}.",
        pct=True,
    )


def figuur_onbetaald(pp: Perioden, nummer="2.4") -> str:
    """Unpaid work (average per quarter) per traject and kind, and IPS education."""
    groepen = [
        (
            f"{CATEGORIE_LABELS[c]}\n{_label(t, pp)}",
            {"traject": t, "maat": "onbetaald_werk", "dimensie": "soort", "categorie": c},
        )
        for t in WERK
        for c in SOORT
    ]
    groepen.append(("opleiding\nIPS", {"traject": "ips", "maat": "opleiding"}))
    return _staven(
        pp,
        groepen,
        "Onbetaald werk en opleiding",
        "Aantal cliënten",
        f"{_naam(pp, nummer, '')}. Onbetaald werk (gemiddeld per kwartaal) en opleiding, "
        f"{_over(pp)}.",
    )


def bijlage_2(pp: Perioden) -> str:
    """Bijlage 2: the figures of chapters 1 and 2 per half year."""
    delen = [
        "## Bijlage 2. Resultaten per half jaar",
        figuur_lopend(pp, "1.1"),
        figuur_gestart(pp, "1.2"),
        figuur_financiering(pp, "1.3"),
        figuur_resultaat(pp, "1.4"),
        figuur_werk(pp, "2.1"),
        figuur_start_stop(pp, "2.2"),
    ]
    return "\n\n".join(delen)
