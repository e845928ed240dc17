"""What the chapter notebooks call: load a period's figures, and Dutch text and figures.

Notebooks hold a parameters cell, prose and one or two calls into this module per section;
every number they show is computed here from the store.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from IPython.display import Markdown, display

from . import figures, privacy, store
from .comparison import verandering
from .indicators import als_getal, met_vergelijkingen, periodetabel, rij, vergelijkingen, waarde
from .paths import DOCS
from .periods import Periode, onvolledig_vergeleken
from .text import aandeel, getal, procent, verandering_tekst
from .vocab import BETAALD, TRAJECT_LABELS, TRAJECTEN

SYNTHETISCH_TEKST = (
    "**Let op: synthetische gegevens.** Dit rapport is gemaakt met fictieve "
    "demonstratiegegevens van verzonnen organisaties. De cijfers zeggen niets over echte "
    "cliënten of aanbieders."
)
VOETNOOT_STER = (
    "\\* Dit traject wordt pas sinds kwartaal 3 van 2023 geregistreerd; een vergelijking met "
    "een eerdere periode valt daardoor te laag uit."
)


ONDERDRUKT = float("nan")  # a suppressed value: shown as '–', and any sum with it is unknown


class MetPrivacy:
    """Shares as the reports show them, for report objects with a `soort`: national, or a
    region's or organisation's with privacy rules."""

    soort: str

    @property
    def privacy(self) -> bool:
        """Whether small counts and percentages are suppressed (regions and organisations)."""
        return self.soort != "landelijk"

    def aandeel(self, deel, geheel):
        """`deel` as a percentage of `geheel`; with privacy None when the denominator is
        under the minimum (or either is suppressed)."""
        if self.privacy and not privacy.toon_percentage(geheel):
            return None
        return aandeel(deel, geheel)

    def met_aandeel(self, deel, geheel) -> str:
        """'4.285 (85,3%)', the share shown only when it may be."""
        return f"{getal(deel)} ({procent(self.aandeel(deel, geheel))})"


@dataclass
class Kwartaal(MetPrivacy):
    """The figures of one period (quarter, half year or year), with its comparison periods:
    national, or of one region or organisation (`soort`, `naam`) with privacy suppression,
    beside the national figures (`landelijk`) and, for an organisation, per region
    (`regios`, eenheid = region)."""

    periode: Periode
    tabel: pd.DataFrame
    synthetisch: bool
    trend: dict[str, pd.DataFrame] = field(default_factory=dict)  # earlier quarters, in order
    soort: str = "landelijk"  # 'landelijk', 'regio' or 'organisatie'
    naam: str = ""
    landelijk: pd.DataFrame | None = None
    regios: pd.DataFrame | None = None

    def w(
        self,
        traject="totaal",
        maat="lopend",
        dimensie="totaal",
        categorie="totaal",
        kolom="waarde",
        grootheid="aantal",
    ):
        """One value from the indicator table: None when absent, ONDERDRUKT (NaN) when
        suppressed for privacy."""
        r = rij(self.tabel, traject, maat, dimensie, categorie, grootheid=grootheid)
        if r is None:
            return None
        reden = kolom.replace("waarde", "onderdrukt", 1)
        if self.privacy and isinstance(r.get(reden), str) and r.get(reden):
            return ONDERDRUKT
        return als_getal(r[kolom])

    def land(
        self,
        traject="totaal",
        maat="lopend",
        dimensie="totaal",
        categorie="totaal",
        grootheid="aantal",
    ):
        """One national value (for a region or organisation: the comparison)."""
        tabel = self.tabel if self.landelijk is None else self.landelijk
        return waarde(tabel, traject, maat, dimensie, categorie, grootheid=grootheid)

    def pct(
        self, traject="totaal", maat="lopend", dimensie="totaal", categorie="totaal", kolom="waarde"
    ):
        """One percentage (points 7 and 8, shares of breakdowns) from the indicator table."""
        return self.w(traject, maat, dimensie, categorie, kolom, "procent")

    def v(
        self, traject="totaal", maat="lopend", dimensie="totaal", categorie="totaal", tov="vorige"
    ):
        """The change of one value against 'vorige' or 'jaar_eerder'."""
        return verandering(
            self.w(traject, maat, dimensie, categorie),
            self.w(traject, maat, dimensie, categorie, f"waarde_{tov}"),
        )

    @property
    def vorige(self) -> Periode:
        return self.periode.vorige()

    @property
    def jaar_eerder(self) -> Periode:
        return self.periode.jaar_eerder()


TRENDKWARTALEN = 5  # quarters shown in trend figures (this one and the four before)


def laad(periode: str, db=None, peildatum=None, regio=None, organisatie=None) -> Kwartaal:
    """Read the store and compute the indicator table for `periode`, and for a quarter also
    the tables of the quarters before it (trend figures).

    National by default; with `regio` or `organisatie` the figures of that unit, with privacy
    suppression (`privacy.onderdruk_indicatoren`), beside the national table. Results are
    kept for the life of the process (one kernel builds many reports), keyed on the
    database file and its modification time.
    """
    if regio and organisatie:
        raise ValueError("Geef een regio of een organisatie, niet allebei.")
    db_pad = Path(db) if db else store.standaard_db()
    sleutel = (periode, str(db_pad), _mtime(db_pad), peildatum, regio, organisatie)
    if sleutel not in _GELADEN:
        if len(_GELADEN) > 64:
            _GELADEN.clear()
        _GELADEN[sleutel] = _laad(periode, db, peildatum, regio, organisatie)
    return _GELADEN[sleutel]


_GELADEN: dict[tuple, Kwartaal] = {}


def _mtime(pad: Path) -> float | None:
    """Modification time of the database file (None when it does not exist)."""
    return pad.stat().st_mtime if pad.exists() else None


def _laad(periode: str, db, peildatum, regio, organisatie) -> Kwartaal:
    """`laad` without the process cache."""
    p = Periode.lees(periode)
    trend = []
    if p.soort == "kwartaal":
        q = p
        for _ in range(TRENDKWARTALEN - 1):
            q = q.vorige()
            trend.insert(0, q)
    nodig = sorted(
        {
            q.code
            for x in (p, p.vorige(), p.jaar_eerder(), *trend)
            for y in (x, x.vorige())
            for q in y.kwartalen()
        }
    )
    with store.open_store(db, alleen_lezen=True) as con:
        reg = store.registraties(con, perioden=nodig, peildatum=peildatum)
        synthetisch = store.lees_info(con, "synthetisch") == "ja"
    if not reg["periode"].isin([q.code for q in p.kwartalen()]).any():
        raise store.StoreFout(f"De database bevat geen aanleveringen voor {p.naam()}.")
    soort = "regio" if regio else "organisatie" if organisatie else ""
    naam = regio or organisatie or ""
    if soort:
        reg = reg[reg[soort] == naam]
        if not reg["periode"].isin([q.code for q in p.kwartalen()]).any():
            wat = "arbeidsmarktregio" if soort == "regio" else "organisatie"
            raise store.StoreFout(
                f"De database bevat geen gegevens van {wat} '{naam}' over {p.naam()}."
            )
    eerder = dict(vergelijkingen(p.code))
    codes = dict.fromkeys([p.code, *(e.code for e in eerder.values()), *(q.code for q in trend)])
    per = {c: _periodetabel(reg, c, bool(soort)) for c in codes}
    tabel = met_vergelijkingen(per[p.code], p.code, {n: per[e.code] for n, e in eerder.items()})
    tabellen = {q.code: per[q.code] for q in trend}
    tabellen[p.code] = tabel
    trend_tabellen = {c: t for c, t in tabellen.items() if not t.empty}
    if not soort:
        return Kwartaal(p, tabel, synthetisch, trend_tabellen)
    regios = None
    if soort == "organisatie":
        regios = privacy.onderdruk_indicatoren(periodetabel(reg, p.code, "regio", met_noemer=True))
    landelijk = laad(p.code, db, peildatum).tabel
    return Kwartaal(p, tabel, synthetisch, trend_tabellen, soort, naam, landelijk, regios)


def _periodetabel(reg: pd.DataFrame, code: str, onderdrukken: bool) -> pd.DataFrame:
    """The indicator table of one period, with privacy suppression when asked."""
    if not onderdrukken:
        return periodetabel(reg, code)
    return privacy.onderdruk_indicatoren(periodetabel(reg, code, met_noemer=True))


def toon(markdown: str) -> None:
    """Show Markdown as notebook output (rendered into the report)."""
    display(Markdown(markdown))


def wie(k: Kwartaal) -> str:
    """'arbeidsmarktregio Zeeland', 'Demo-ggz Aalsveld', or '' for the national report."""
    if k.soort == "regio":
        return f"arbeidsmarktregio {k.naam}"
    return k.naam if k.soort == "organisatie" else ""


def waar(k: Kwartaal) -> str:
    """' in arbeidsmarktregio Zeeland', ' bij Demo-ggz Aalsveld', or '' (national)."""
    if k.soort == "regio":
        return f" in {wie(k)}"
    return f" bij {k.naam}" if k.soort == "organisatie" else ""


def kop(k: Kwartaal) -> str:
    """Opening lines: what the report covers, the synthetic-data notice when relevant, and
    for a region or organisation who it is for and how small numbers are hidden."""
    if k.privacy:
        soort = "arbeidsmarktregio" if k.soort == "regio" else "organisatie"
        regels = [f"**Kwaliteitsrapport {soort} {k.naam} over {k.periode.naam()}**"]
    else:
        regels = [f"**Landelijke resultaten over {k.periode.naam()}**"]
    if k.synthetisch:
        regels.append(f"> {SYNTHETISCH_TEKST}")
    if k.privacy:
        regels.append(
            f"Dit kwaliteitsrapport is bestemd voor de {soort} zelf en wordt niet gepubliceerd. "
            "Om cliënten en aanbieders te beschermen tonen we aantallen van 1 tot en met "
            f"{privacy.DREMPEL - 1} niet, en ook een tweede getal als een totaal anders zou "
            "verraden wat er verborgen is. Percentages tonen we alleen als ze op minstens "
            f"{privacy.NOEMER_MINIMUM} cliënten berusten. Een verborgen getal staat er als "
            "'–'; in een figuur ontbreekt dan de staaf."
        )
    return "\n\n".join(regels)


def verandering_zin(nu, eerder, eenheid: str, ten_opzichte_van: str, enkelvoud=None) -> str:
    """`verandering_tekst`, or that the change is not shown because a value is hidden."""
    if any(isinstance(x, float) and math.isnan(x) for x in (nu, eerder)):
        return f"niet te tonen ten opzichte van {ten_opzichte_van} (kleine aantallen)"
    return verandering_tekst(verandering(nu, eerder), eenheid, ten_opzichte_van, enkelvoud)


def eerdere_perioden(k: Kwartaal) -> list[tuple[str, Periode]]:
    """The periods this one is compared with: ('vorige', …) and, for a quarter or half year,
    ('jaar_eerder', …)."""
    return vergelijkingen(k.periode.code)


def wijzigingen(
    k: Kwartaal,
    traject: str = "totaal",
    maat: str = "lopend",
    dimensie: str = "totaal",
    categorie: str = "totaal",
    eenheid: str = "cliënten",
    enkelvoud: str = "cliënt",
) -> str:
    """'een daling van 68 cliënten (1,6%) ten opzichte van … en een stijging van … ten
    opzichte van …', for each earlier period the period is compared with."""
    delen = []
    for naam, p in eerdere_perioden(k):
        nu = k.w(traject, maat, dimensie, categorie)
        eerder = k.w(traject, maat, dimensie, categorie, f"waarde_{naam}")
        delen.append(verandering_zin(nu, eerder, eenheid, p.naam(), enkelvoud))
    return " en ".join(delen)


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


def bijlage_methoden(pad: Path | None = None) -> str:
    """Bijlage 3 of an annual report: the methods section of docs/methoden.md."""
    pad = pad or DOCS / "methoden.md"
    tekst = pad.read_text(encoding="utf-8")
    begin = tekst.index("## Bijlage 3, punt voor punt")
    einde = tekst.index("\n## ", begin + 5)
    deel = tekst[begin:einde].replace("## Bijlage 3, punt voor punt", "", 1).strip()
    keuzes_begin = tekst.index("## Keuzes waar Bijlage 3 niet eenduidig is")
    keuzes_einde = tekst.index("\n## ", keuzes_begin + 5)
    keuzes = tekst[keuzes_begin:keuzes_einde].replace("## ", "### ", 1)
    return "## Bijlage 3. Toelichting op de berekeningen\n\n" + deel + "\n\n" + keuzes
