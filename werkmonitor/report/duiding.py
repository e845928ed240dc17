"""Researchers' own text (duiding) and the generated factual conclusions.

A researcher writes the interpretation, conclusions and recommendations of a period in
`params/duiding/<periode>.md`, one section per Markdown heading (`## Conclusies`,
`## Aanbevelingen`, `## IPS`, ...). The report shows each section in its place. Without the
file, or without a section, the report shows the generated factual conclusions instead.

A sentence that states a direction can carry its check, as an HTML comment right after it:

    Het aandeel werkenden bij IPS-EPA blijft achter bij IPS-CMD.
    <!-- controle: ips.betaald_werk.type.epa% < ips.betaald_werk.type.cmd% -->

A side is `traject.maat` or `traject.maat.dimensie.categorie`, with `%` for the share of the
running trajects of that traject and category and `@vorig_kwartaal` or `@jaar_eerder` for a
comparison period; between the sides `<`, `>` or `=` (about equal, by the rules of
`indicators.richtingen`). The checks page evaluates every check against the figures and flags
a sentence the figures contradict (`beweringen`, `toets`); the reports never show the comment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from werkmonitor.indicators import richtingen
from werkmonitor.indicators.comparison import verandering
from werkmonitor.indicators.table import vergelijkingen
from werkmonitor.report.kwartaal import Kwartaal, verborgen, waar, wijzigingen
from werkmonitor.report.text import getal, opsomming, procent, procentpunten_tekst
from werkmonitor.vocab import TRAJECT_IN_ZIN, TRAJECTEN

_KOP = re.compile(r"^#{1,3}\s+(.+?)\s*$", re.MULTILINE)
_CONTROLE = re.compile(r"\s*<!--\s*controle:\s*(.*?)\s*-->", re.DOTALL)
_ZIJDE = re.compile(
    r"^(?P<traject>[a-z_]+)\.(?P<maat>[a-z_]+)(?:\.(?P<dimensie>[a-z_]+)\.(?P<categorie>[a-z0-9_]+))?"
    r"(?P<procent>%)?(?:@(?P<periode>vorig_kwartaal|jaar_eerder))?$"
)
_OP = {"<": "lager", ">": "hoger", "=": "gelijk"}


# sections that are the researchers' own headings in the report, not a comment under a figure
EIGEN_KOPPEN = ("conclusies", "positieve punten", "aandachtspunten", "aanbevelingen", "contact")


class DuidingFout(ValueError):
    """A check in a duiding file that cannot be read (Dutch message)."""


def lees(periode: str, projectmap: Path | None = None) -> dict[str, str]:
    """The sections of params/duiding/<periode>.md by heading (lower case); {} without file."""
    from werkmonitor.store import projectmap as vind_projectmap

    root = projectmap or vind_projectmap()
    pad = Path(root) / "params" / "duiding" / f"{periode}.md"
    if not pad.exists():
        return {}
    tekst = pad.read_text(encoding="utf-8")
    koppen = list(_KOP.finditer(tekst))
    secties = {}
    for i, m in enumerate(koppen):
        einde = koppen[i + 1].start() if i + 1 < len(koppen) else len(tekst)
        secties[m.group(1).strip().lower()] = tekst[m.end() : einde].strip()
    return secties


def voor(k: Kwartaal, projectmap: Path | None = None) -> dict[str, str]:
    """The researchers' sections for this report: those of the national report; a region's
    or organisation's quality report has none (the text is about the national figures)."""
    return {} if k.privacy else lees(k.periode.code, projectmap)


def zonder_controles(tekst: str) -> str:
    """The text without its check comments (readers never see them)."""
    return _CONTROLE.sub("", tekst)


def sectie(secties: dict[str, str], kop: str) -> str:
    """One researcher's section ('' when absent), introduced as the researchers' reading."""
    tekst = zonder_controles(secties.get(kop.lower(), ""))
    return (
        f"*Duiding door de onderzoekers:* {tekst}"
        if tekst and kop.lower() not in EIGEN_KOPPEN
        else tekst
    )


def _procentpunten(k: Kwartaal, *sleutel) -> str:
    """'een stijging van 1,2 procentpunt ten opzichte van … en een daling van …'."""
    return " en ".join(
        procentpunten_tekst(k.pct(*sleutel), k.pct(*sleutel, kolom=f"waarde_{naam}"), p.naam())
        for naam, p in vergelijkingen(k.periode.code)
    )


def _stijgers_en_dalers(k: Kwartaal) -> list[str]:
    """Per comparison period: the trajects with more and with fewer running trajects."""
    regels = []
    for naam, p in vergelijkingen(k.periode.code):
        groepen = {"stijging": [], "daling": []}
        for t in TRAJECTEN:
            v = verandering(k.w(t), k.w(t, kolom=f"waarde_{naam}"))
            if v is not None and v.richting in groepen:
                groepen[v.richting].append(TRAJECT_IN_ZIN[t])
        delen = []
        if groepen["stijging"]:
            delen.append(f"meer lopende trajecten bij {opsomming(groepen['stijging'])}")
        if groepen["daling"]:  # 'minder bij …' after 'meer lopende trajecten bij …'
            wat = "minder" if delen else "minder lopende trajecten"
            delen.append(f"{wat} bij {opsomming(groepen['daling'])}")
        if delen:
            regels.append(f"- Ten opzichte van {p.naam()}: {'; '.join(delen)}.")
    return regels


def _getoond(x) -> bool:
    """A value the report may show: present and not suppressed."""
    return x is not None and not verborgen(x)


def _omvang(k: Kwartaal) -> str:
    """The first conclusion: how many clients, the share in IPS and the change; a hidden
    count or share said in words (a small region), never '– cliënten'."""
    lop = k.w()
    if not _getoond(lop):
        return (
            f"- Hoeveel cliënten{waar(k)} in {k.periode.naam()} een traject naar werk volgden, "
            "tonen we niet (kleine aantallen)."
        )
    ips = k.aandeel(k.w("ips"), lop)
    van_wie = (
        f", van wie **{procent(ips)}** een IPS-traject"
        if _getoond(ips)
        else "; hoeveel van hen een IPS-traject volgden, tonen we niet (kleine aantallen)"
    )
    return (
        f"- In {k.periode.naam()} volgden{waar(k)} **{getal(lop)}** cliënten een traject naar "
        f"werk{van_wie}. Dat is "
        f"{wijzigingen(k, eenheid='trajecten', enkelvoud='traject', zien=True)}."
    )


def conclusies(k: Kwartaal) -> str:
    """Generated factual conclusions: size and change, paid work and outflow with their
    change in percentage points, and the trajects that rose or fell against each comparison
    period."""
    met = ("totaal", "beeindigd", "resultaat", "met_beoogd_resultaat")
    werk = k.pct("totaal", "betaald_werk")
    regels = [
        _omvang(k),
        (
            f"- **{procent(werk)}** van de cliënten in de trajecten die betaald werk "
            "registreren (IPS, WABZ en overige trajecten) had betaald werk: "
            f"{_procentpunten(k, 'totaal', 'betaald_werk')}."
            if _getoond(werk)
            else "- Welk deel van de cliënten in de trajecten die betaald werk registreren "
            "(IPS, WABZ en overige trajecten) betaald werk had, tonen we niet (kleine aantallen)."
        ),
        (
            f"- **{procent(k.pct(*met))}** van de beëindigde trajecten eindigde met het beoogde "
            f"resultaat: {_procentpunten(k, *met)}."
            if k.pct(*met) is not None and not verborgen(k.pct(*met))
            else "- Welk deel van de beëindigde trajecten met het beoogde resultaat eindigde, "
            "tonen we niet (kleine aantallen)."
        ),
        *_stijgers_en_dalers(k),
    ]
    return "\n".join(regels)


def conclusiesectie(
    periode: str, db=None, peildatum=None, regio=None, organisatie=None, projectmap=None
) -> str:
    """The conclusions of a report: the researchers' own section when there is one, else
    the generated ones; for a year with the annual report's extra conclusions."""
    from werkmonitor.report import jaar, jaar_tekst, kwartaal, regios

    k = kwartaal.laad(periode, db=db, peildatum=peildatum, regio=regio, organisatie=organisatie)
    eigen = sectie(voor(k, projectmap), "Conclusies")
    if eigen:
        return eigen
    tekst = conclusies(k)
    if k.periode.soort == "jaar":
        eenheid = {"regio": regio, "organisatie": organisatie}
        pp = jaar.laad(periode, db=db, peildatum=peildatum, **eenheid)
        r = regios.laad(periode, db=db, peildatum=peildatum, **eenheid)
        tekst += "\n" + "\n".join(jaar_tekst.conclusies(pp, r))
    return tekst


@dataclass(frozen=True)
class Bewering:
    """One checked sentence of a duiding file: under heading `kop`, the sentence `zin`, its
    two sides and the direction the sentence claims for the first against the second."""

    kop: str
    zin: str
    links: dict
    rechts: dict
    richting: str  # 'hoger', 'lager' or 'gelijk'
    tekst: str  # the check as written


def _zijde(tekst: str, kop: str) -> dict:
    """One side of a check as a dict (traject, maat, dimensie, categorie, procent, periode)."""
    m = _ZIJDE.match(tekst.strip())
    if m is None:
        raise DuidingFout(
            f"Duiding, kop '{kop}': de controle '{tekst.strip()}' is niet te lezen; schrijf "
            "bijvoorbeeld ips.betaald_werk.type.epa% of ips.lopend@vorig_kwartaal."
        )
    d = m.groupdict()
    return {
        "traject": d["traject"],
        "maat": d["maat"],
        "dimensie": d["dimensie"] or "totaal",
        "categorie": d["categorie"] or "totaal",
        "procent": bool(d["procent"]),
        "periode": d["periode"],
    }


def _zin_voor(tekst: str, eind: int) -> str:
    """The sentence that ends just before position `eind` of `tekst`."""
    voor = zonder_controles(tekst[:eind]).rstrip()
    zinnen = re.split(r"(?<=[.!?])\s+", " ".join(voor.split()))
    zin = zinnen[-1] if zinnen else ""
    return re.sub(r"^(?:[-*+]|\d+[.)])\s+", "", zin)  # without a list item's marker


def beweringen(secties: dict[str, str]) -> list[Bewering]:
    """Every checked sentence in the sections of a duiding file, in order."""
    uit = []
    for kop, tekst in secties.items():
        for m in _CONTROLE.finditer(tekst):
            delen = re.split(r"\s*([<>=])\s*", m.group(1).strip())
            if len(delen) != 3:
                raise DuidingFout(
                    f"Duiding, kop '{kop}': de controle '{m.group(1).strip()}' heeft niet de vorm "
                    "'links < rechts', 'links > rechts' of 'links = rechts'."
                )
            links, op, rechts = delen
            uit.append(
                Bewering(
                    kop,
                    _zin_voor(tekst, m.start()),
                    _zijde(links, kop),
                    _zijde(rechts, kop),
                    _OP[op],
                    m.group(1).strip(),
                )
            )
    return uit


def _periode(periode: str, zijde: dict) -> str:
    """The period a side of a check refers to."""
    return richtingen.eerdere_periode(periode, zijde["periode"])


def perioden_van(periode: str, lijst: list[Bewering]) -> set[str]:
    """The periods whose national tables the checks of `periode` read."""
    return {_periode(periode, z) for b in lijst for z in (b.links, b.rechts)}


def toets(periode: str, lijst: list[Bewering], tabellen: dict) -> list[dict]:
    """Each check with the two computed figures and whether the figures agree with the
    sentence (`klopt`: None when a figure is not in the store)."""
    uit = []
    for b in lijst:
        links, rechts = (
            richtingen.figuur(
                tabellen,
                _periode(periode, z),
                z["traject"],
                z["maat"],
                z["dimensie"],
                z["categorie"],
                z["procent"],
            )
            for z in (b.links, b.rechts)
        )
        eenheid = "procent" if b.links["procent"] else "aantal"
        bekend = links is not None and rechts is not None
        uit.append(
            {
                "bewering": b,
                "links": links,
                "rechts": rechts,
                "eenheid": eenheid,
                "klopt": richtingen.klopt(b.richting, links, rechts, eenheid) if bekend else None,
            }
        )
    return uit
