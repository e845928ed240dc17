"""Researchers' own text (duiding) and the generated factual conclusions.

A researcher writes the interpretation, conclusions and recommendations of a period in
`params/duiding/<periode>.md`, one section per Markdown heading (`## Conclusies`,
`## Aanbevelingen`, `## IPS`, ...). The report shows each section in its place. Without the
file, or without a section, the report shows the generated factual conclusions instead.
"""

from __future__ import annotations

import re
from pathlib import Path

from werkmonitor.indicators.comparison import verandering
from werkmonitor.indicators.table import vergelijkingen
from werkmonitor.report.kwartaal import Kwartaal, waar, wijzigingen
from werkmonitor.report.text import getal, procent, procentpunten_tekst
from werkmonitor.vocab import TRAJECT_LABELS, TRAJECTEN

_KOP = re.compile(r"^#{1,3}\s+(.+?)\s*$", re.MULTILINE)


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


def sectie(secties: dict[str, str], kop: str) -> str:
    """One researcher's section ('' when absent), introduced as the researchers' reading."""
    tekst = secties.get(kop.lower(), "")
    return (
        f"*Duiding door de onderzoekers:* {tekst}"
        if tekst and kop.lower() not in ("conclusies", "aanbevelingen", "contact")
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
                groepen[v.richting].append(TRAJECT_LABELS[t])
        delen = []
        if groepen["stijging"]:
            delen.append(f"meer lopende trajecten bij {', '.join(groepen['stijging'])}")
        if groepen["daling"]:
            delen.append(f"minder bij {', '.join(groepen['daling'])}")
        if delen:
            regels.append(f"- Ten opzichte van {p.naam()}: {'; '.join(delen)}.")
    return regels


def conclusies(k: Kwartaal) -> str:
    """Generated factual conclusions: size and change, paid work and outflow with their
    change in percentage points, and the trajects that rose or fell against each comparison
    period."""
    lop = k.w()
    met = ("totaal", "beeindigd", "resultaat", "met_beoogd_resultaat")
    regels = [
        f"- In {k.periode.naam()} volgden{waar(k)} **{getal(lop)}** cliënten een traject naar "
        f"werk, van wie **{procent(k.aandeel(k.w('ips'), lop))}** een IPS-traject. Dat is "
        f"{wijzigingen(k, eenheid='trajecten', enkelvoud='traject')}.",
        f"- **{procent(k.pct('totaal', 'betaald_werk'))}** van de cliënten in de trajecten die "
        "betaald werk registreren (IPS, WABZ en overige trajecten) had betaald werk: "
        f"{_procentpunten(k, 'totaal', 'betaald_werk')}.",
        f"- **{procent(k.pct(*met))}** van de beëindigde trajecten eindigde met het beoogde "
        f"resultaat: {_procentpunten(k, *met)}.",
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
