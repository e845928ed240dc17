"""Chapter 1, general results: the introduction, the totals per traject and Figuur 1a/1b."""

from __future__ import annotations

import pandas as pd

from werkmonitor.indicators.methods import GEMIDDELD
from werkmonitor.periods import onvolledig_vergeleken
from werkmonitor.report import figures
from werkmonitor.report.kwartaal import (
    VOETNOOT_STER,
    Kwartaal,
    eerdere_perioden,
    verandering_zin,
    verborgen,
    waar,
    wie,
    wijzigingen,
)
from werkmonitor.report.text import getal, meervoud, procent
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
            f"vergeleken met {eerder}. "
            + (
                "Hoofdstuk 3 vergelijkt de arbeidsmarktregio's; cijfers per organisatie staan "
                "niet in dit rapport."
                if k.periode.soort != "kwartaal"
                else "Cijfers per regio en per organisatie staan niet in dit rapport."
            )
            + " Bijlage 1 beschrijft hoe de trajecten van elkaar verschillen."
        )
    return (
        f"Dit rapport beschrijft de resultaten van {wie(k)} over **{k.periode.naam()}**, "
        f"vergeleken met {eerder}. De paragraaf 'Vergelijking met de landelijke cijfers' zet "
        "de belangrijkste uitkomsten naast die van heel Nederland."
    )


# the marked note where the series of paid work of all trajects together breaks (its mark
# is numbered with the other notes of the section, in the order they appear)
BREUK_BETAALD_WERK = (
    "**Breuk in de reeks.** Het percentage betaald werk van alle trajecten samen is een "
    "deel van de cliënten in de trajecten die betaald werk registreren (IPS, WABZ en de "
    "overige trajecten). Eerdere rapporten deelden door alle lopende trajecten, ook die van "
    "jobcoaching en UWV; vergelijk het percentage daarom niet met die rapporten."
)


# the notes' marks while the section is written, numbered at its end (`algemene_resultaten`)
BREUK, DUURZAAM = "\x00breuk\x00", "\x00duurzaam\x00"
VOETNOOT = ("¹", "²")
DUURZAAM_BETAALD_WERK = (
    "Duurzaam betaald werk: een reguliere betaalde baan van minstens 12 uur per week, met een "
    "loonwaarde van minstens 35% en een contract van minstens 3 maanden."
)


def leeswijzer(k: Kwartaal) -> str:
    """What the report covers and what to keep in mind when reading it. The line that
    regional results go to the regional process directors separately belongs in the national
    report only: a region's or organisation's own report is that separate result."""
    regels = [
        "Het rapport behandelt alle trajecten naar werk die de ggz zelf uitvoert:",
        "",
        "- Individuele Plaatsing en Steun (IPS);",
        "- Werk als Beste Zorg (WABZ);",
        "- jobcoaching;",
        "- de trajecten UWV Werkfit en UWV Naar Werk;",
        "- overige trajecten naar werk.",
        "",
        "Houd bij het lezen rekening met het volgende:",
        "",
        "- Jobcoaching, Werkfit en Naar Werk worden ook buiten de ggz aangeboden. Dit rapport "
        "toont alleen de trajecten die ggz-organisaties zelf uitvoeren, en geeft van die "
        "trajecten dus een gedeeltelijk beeld.",
        "- De trajecten verschillen in doelgroep, werkwijze en beoogd resultaat. Hun uitkomsten "
        "zijn daarom maar beperkt onderling te vergelijken.",
        "- Organisaties kunnen hun cijfers na publicatie nog corrigeren. De paragraaf "
        "'Voorlopige en herziene cijfers' hieronder noemt wat daardoor sinds een publicatie "
        "veranderde; latere overzichten, zoals het IPS-dashboard, kunnen iets afwijken van dit "
        "rapport.",
    ]
    if not k.privacy:
        regels.append(
            "- De kwaliteitsrapporten per regio en per organisatie gaan apart naar de regionale "
            "procesregisseurs en de organisaties."
            if k.periode.soort != "kwartaal"
            else "- Regionale uitkomsten gaan apart naar de regionale procesregisseurs."
        )
    return "\n".join(regels)


def _ster(traject: str, k: Kwartaal) -> str:
    """'*' when a comparison of this traject reaches back before its registration began."""
    eerder = [p for _n, p in eerdere_perioden(k)]
    return "*" if onvolledig_vergeleken(traject, k.periode, *eerder) else ""


def algemene_resultaten(k: Kwartaal) -> str:
    """Section 'Algemene resultaten': running, started, paid work and outflow in numbers."""
    lop, ips = k.w(), k.w("ips")
    nu, vq = k.periode.naam(), k.vorige.naam()
    if verborgen(lop):  # a region's or organisation's total, hidden to protect small counts
        aanhef = (
            f"In {nu} werden{waar(k)} mensen met psychische problemen begeleid in een traject "
            "naar betaald werk; hun totaal tonen we niet, omdat het kleine aantallen zou "
            "verraden."
        )
    else:
        aanhef = (
            f"In {nu} werden{waar(k)} **{getal(lop)}** mensen met psychische problemen "
            "begeleid in een traject naar betaald werk."
        )
    if verborgen(ips):
        ips_zin = "Hoeveel van hen een IPS-traject volgden, tonen we niet (kleine aantallen)."
    elif not ips:  # no IPS row at all: the unit offers no IPS
        ips_zin = "Geen van hen volgde een IPS-traject."
    else:
        ips_zin = f"Van hen volgden er **{k.met_aandeel(ips, lop)}** een IPS-traject."
    orgs, gestart = k.w(maat="aantal_organisaties"), k.w(maat="gestart")
    vergeleken = (
        ""  # without the total, its change says nothing either
        if verborgen(lop)
        else " Het totaal laat "
        f"**{wijzigingen(k, eenheid='trajecten', enkelvoud='traject', zien=True)}** zien."
    )
    delen = [
        _vooraf(k),
        "",
        f"{aanhef} {ips_zin}{vergeleken}",
        "",
        "Over alle trajecten samen:",
        "",
        _regel(
            orgs,
            f"**{getal(orgs)}** "
            f"{meervoud(orgs, 'ggz-organisatie leverde', 'ggz-organisaties leverden')} "
            "gegevens aan.",
            "hoeveel ggz-organisaties gegevens aanleverden",
        ),
        _regel(
            gestart,
            f"**{getal(gestart)}** cliënten begonnen in {nu} aan een traject.",
            f"hoeveel cliënten in {nu} aan een traject begonnen",
        ),
    ]
    if k.soort == "organisatie":
        delen.pop(-2)
    betaald_basis = sum(k.w(t) or 0 for t in BETAALD)
    gebroken = False
    trajecten_betaald = "IPS, WABZ en de overige trajecten"
    for maat, omschrijving, onderwerp in (
        (
            "betaald_werk",
            "hadden een reguliere betaalde baan",
            "een reguliere betaalde baan hadden",
        ),
        (
            "duurzaam_betaald_werk",
            f"hadden duurzaam betaald werk{DUURZAAM}",
            f"duurzaam betaald werk{DUURZAAM} hadden",
        ),
        (
            "ooit_betaald_werk",
            "hadden tijdens hun lopende traject ooit betaald gewerkt",
            "tijdens het lopende traject ooit betaald werkten",
        ),
    ):
        n = k.w(maat=maat)
        gemiddeld = maat in GEMIDDELD and k.periode.soort != "kwartaal"
        aandeel_ = (
            None  # an average per quarter is no share of the period's total (decision 12)
            if verborgen(betaald_basis) or gemiddeld
            else k.aandeel(n, betaald_basis)
        )
        merk = BREUK if maat == "betaald_werk" else ""  # the series break of the note below
        basis = (
            f" ({procent(aandeel_)}{merk} van de {getal(betaald_basis)} cliënten in "
            f"{trajecten_betaald})"
            if aandeel_ is not None
            else ""
        )
        gebroken = gebroken or bool(basis and merk)
        zin = f"**{getal(n)}** cliënten{basis} {omschrijving}"
        if gemiddeld:  # 'Gemiddeld per kwartaal hadden 1.883 cliënten … gewerkt'
            werkwoord, rest = omschrijving.split(" ", 1)
            zin = f"Gemiddeld per kwartaal {werkwoord} **{getal(n)}** cliënten {rest}"
        if maat == "betaald_werk" and not verborgen(n):
            eerder = k.w(maat=maat, kolom="waarde_vorige")
            zin += f"; dat is {verandering_zin(n, eerder, 'cliënten', vq, 'cliënt')}"
        delen.append(_regel(n, zin + ".", f"hoeveel cliënten {onderwerp}"))
    eind = k.w(maat="beeindigd")
    met = k.w(maat="beeindigd", dimensie="resultaat", categorie="met_beoogd_resultaat")
    zonder = k.w(maat="beeindigd", dimensie="resultaat", categorie="zonder_beoogd_resultaat")
    delen += [
        _regel(
            eind,
            f"**{getal(eind)}** cliënten beëindigden hun traject; hoeveel met en hoeveel zonder "
            "het beoogde resultaat, tonen we niet (kleine aantallen)."
            if verborgen(met) or verborgen(zonder)
            else "Geen enkele cliënt beëindigde zijn traject."
            if not verborgen(eind) and eind == 0
            else f"**{getal(eind)}** cliënten beëindigden hun traject: "
            f"**{k.met_aandeel(met, eind)}** met en **{k.met_aandeel(zonder, eind)}** zonder "
            "het beoogde resultaat.",
            "hoeveel cliënten hun traject beëindigden",
        ),
    ]
    noten = [(BREUK, BREUK_BETAALD_WERK)] if gebroken else []
    noten.append((DUURZAAM, DUURZAAM_BETAALD_WERK))
    tekst = "\n".join(delen)
    for nummer, (merk, noot) in enumerate(noten):  # numbered in the order they appear
        tekst = tekst.replace(merk, VOETNOOT[nummer])
        tekst += f"\n\n{VOETNOOT[nummer]} {noot}"
    return tekst


VERGELEKEN_MET = {  # what a period's figures are compared with (`kwartaal.eerdere_perioden`)
    "kwartaal": "het kwartaal ervoor en met hetzelfde kwartaal een jaar eerder",
    "halfjaar": "het half jaar ervoor en met hetzelfde half jaar een jaar eerder",
    "jaar": "het jaar ervoor",
}


def _vooraf(k: Kwartaal) -> str:
    """The section's first sentence: what it shows, and compared with what."""
    return (
        "Hieronder staan het aantal lopende, gestarte en beëindigde trajecten, vergeleken met "
        f"{VERGELEKEN_MET[k.periode.soort]}."
    )


def _regel(x, tekst: str, onderwerp: str) -> str:
    """A bullet: `tekst`, or when `x` is hidden for privacy a sentence that says so about
    `onderwerp` ('hoeveel cliënten ...'), instead of a '–' in the middle of a sentence."""
    if verborgen(x):
        return f"- {onderwerp[0].upper()}{onderwerp[1:]}, tonen we niet (kleine aantallen)."
    return f"- {tekst}"


def _lopend_per_traject(k: Kwartaal) -> pd.DataFrame:
    """Running per traject in the quarter, with share of the total."""
    rijen = [(TRAJECT_LABELS[t] + _ster(t, k), k.w(t) or 0) for t in TRAJECTEN]
    return pd.DataFrame(rijen, columns=["traject", "lopend"])


def figuur_1a(k: Kwartaal) -> str:
    """Figuur 1a: distribution of running trajects over the trajects, each a share of all
    running trajects as the text gives it (`k.w()`): not of the bars shown, which in a
    region's report leave out the trajects hidden for privacy (Groot Amsterdam 2025Q4: IPS
    97,2% of the bars beside 95,3% in the text). No shares when that total is hidden."""
    d = _lopend_per_traject(k)
    totaal = k.w()
    if totaal is None:  # a table without the total (not met): the bars are all there is
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
