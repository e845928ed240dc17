"""Chapter 1, general results: the introduction, the totals per traject and Figuur 1a/1b."""

from __future__ import annotations

import pandas as pd

from werkmonitor.periods import onvolledig_vergeleken
from werkmonitor.report import figures
from werkmonitor.report.kwartaal import (
    VOETNOOT_STER,
    Kwartaal,
    eerdere_perioden,
    verandering_zin,
    waar,
    wie,
    wijzigingen,
)
from werkmonitor.report.text import getal, procent
from werkmonitor.vocab import BETAALD, TRAJECT_LABELS, TRAJECTEN


def inleiding(k: Kwartaal) -> str:
    """The period-dependent sentences of the introduction."""
    eerder = " en met ".join(p.naam() for _n, p in eerdere_perioden(k))
    opbouw = ""
    if k.periode.soort != "kwartaal":
        opbouw = (
            " Na de algemene resultaten volgen de uitkomsten die voor alle trajecten worden "
            "geregistreerd (hoofdstuk 1), de uitkomsten die alleen bij een deel van de trajecten "
            "worden bijgehouden (hoofdstuk 2) en de resultaten per arbeidsmarktregio "
            "(hoofdstuk 3)."
        )
    return _inleiding(k, eerder) + opbouw


def _inleiding(k: Kwartaal, eerder: str) -> str:
    """What the report covers and what it is compared with."""
    if not k.privacy:
        return (
            f"Dit rapport beschrijft de landelijke resultaten over **{k.periode.naam()}**, "
            f"vergeleken met {eerder}. Cijfers per regio en per organisatie staan niet in dit "
            "rapport. Bijlage 1 beschrijft hoe de trajecten van elkaar verschillen."
        )
    return (
        f"Dit rapport beschrijft de resultaten van {wie(k)} over **{k.periode.naam()}**, "
        f"vergeleken met {eerder}. De paragraaf 'Vergelijking met de landelijke cijfers' zet "
        "de belangrijkste uitkomsten naast die van heel Nederland."
    )


def _ster(traject: str, k: Kwartaal) -> str:
    """'*' when a comparison of this traject reaches back before its registration began."""
    eerder = [p for _n, p in eerdere_perioden(k)]
    return "*" if onvolledig_vergeleken(traject, k.periode, *eerder) else ""


def algemene_resultaten(k: Kwartaal) -> str:
    """Section 'Algemene resultaten': running, started, paid work and outflow in numbers."""
    lop, ips = k.w(), k.w("ips")
    nu, vq = k.periode.naam(), k.vorige.naam()
    delen = [
        f"In {nu} werden{waar(k)} **{getal(lop)}** mensen met psychische problemen begeleid in een "
        f"traject naar betaald werk. Van hen volgden er **{k.met_aandeel(ips, lop)}** een "
        f"IPS-traject. Het totaal is "
        f"**{wijzigingen(k, eenheid='trajecten', enkelvoud='traject')}**.",
        "",
        "Over alle trajecten samen:",
        "",
        f"- **{getal(k.w(maat='aantal_organisaties'))}** ggz-organisaties leverden gegevens aan.",
        f"- **{getal(k.w(maat='gestart'))}** cliënten begonnen in {nu} aan een traject.",
    ]
    if k.soort == "organisatie":
        delen.pop(-2)
    betaald_basis = sum(k.w(t) or 0 for t in BETAALD)
    trajecten_betaald = "IPS, WABZ en de overige trajecten"
    for maat, omschrijving in (
        ("betaald_werk", "hadden een reguliere betaalde baan"),
        ("duurzaam_betaald_werk", "hadden duurzaam betaald werk¹"),
        ("ooit_betaald_werk", "hadden tijdens hun lopende traject ooit betaald gewerkt"),
    ):
        n = k.w(maat=maat)
        zin = (
            f"- **{getal(n)}** cliënten ({procent(k.aandeel(n, betaald_basis))} van de "
            f"{getal(betaald_basis)} cliënten in {trajecten_betaald}) {omschrijving}"
        )
        if maat == "betaald_werk":
            eerder = k.w(maat=maat, kolom="waarde_vorige")
            zin += f"; dat is {verandering_zin(n, eerder, 'cliënten', vq, 'cliënt')}"
        delen.append(zin + ".")
    eind = k.w(maat="beeindigd")
    met = k.w(maat="beeindigd", dimensie="resultaat", categorie="met_beoogd_resultaat")
    zonder = k.w(maat="beeindigd", dimensie="resultaat", categorie="zonder_beoogd_resultaat")
    delen += [
        f"- **{getal(eind)}** cliënten beëindigden hun traject: **{k.met_aandeel(met, eind)}** "
        f"met en **{k.met_aandeel(zonder, eind)}** zonder het beoogde resultaat.",
        "",
        "¹ Duurzaam betaald werk: een reguliere betaalde baan van minstens 12 uur per week, "
        "met een loonwaarde van minstens 35% en een contract van minstens 3 maanden.",
    ]
    return "\n".join(delen)


def _lopend_per_traject(k: Kwartaal) -> pd.DataFrame:
    """Running per traject in the quarter, with share of the total."""
    rijen = [(TRAJECT_LABELS[t] + _ster(t, k), k.w(t) or 0) for t in TRAJECTEN]
    return pd.DataFrame(rijen, columns=["traject", "lopend"])


def figuur_1a(k: Kwartaal) -> str:
    """Figuur 1a: distribution of running trajects over the trajects."""
    d = _lopend_per_traject(k)
    totaal = d["lopend"].sum()
    labels = [f"{getal(v)} ({procent(k.aandeel(v, totaal))})" for v in d["lopend"]]
    fig = figures.staafdiagram_horizontaal(
        d, "lopend", "traject", f"Lopende trajecten, {k.periode.kort()}", "Aantal cliënten", labels
    )
    alt = "Staafdiagram van het aantal lopende trajecten per soort traject: " + "; ".join(
        f"{t} {getal(v)}" for t, v in zip(d["traject"], d["lopend"], strict=True)
    )
    return figures.als_markdown(
        fig, f"Figuur 1a. Verdeling van de lopende trajecten naar werk in {k.periode.naam()}.", alt
    )


def figuur_1b(k: Kwartaal) -> str:
    """Figuur 1b: running, started and ended, now against the two comparison quarters."""
    rijen = []
    perioden = sorted((p, f"waarde_{n}") for n, p in eerdere_perioden(k))
    for p, kolom in [*perioden, (k.periode, "waarde")]:
        for maat, label in (
            ("lopend", "Lopend"),
            ("gestart", "Gestart"),
            ("beeindigd", "Beëindigd"),
        ):
            rijen.append((label, p.kort(), k.w(maat=maat, kolom=kolom) or 0))
    d = pd.DataFrame(rijen, columns=["maat", "kwartaal", "aantal"])
    fig = figures.gegroepeerde_staven(
        d, "maat", "aantal", "kwartaal", "Alle trajecten samen", "Aantal cliënten"
    )
    alt = "Gegroepeerd staafdiagram van lopende, gestarte en beëindigde trajecten: " + "; ".join(
        f"{m} {q} {getal(a)}" for m, q, a in d.itertuples(index=False)
    )
    return figures.als_markdown(
        fig,
        f"Figuur 1b. Lopende, gestarte en beëindigde trajecten in {k.periode.naam()}, "
        f"vergeleken met {' en '.join(p.naam() for p, _k in perioden)}.",
        alt,
    )


def voetnoot_ster(k: Kwartaal) -> str:
    """The '*' footnote, when a figure carries it."""
    return VOETNOOT_STER if any(_ster(t, k) for t in TRAJECTEN) else ""
