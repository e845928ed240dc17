"""Researchers' own text (duiding) and the generated factual conclusions.

A researcher writes the interpretation, conclusions and recommendations of a period in
`params/duiding/<periode>.md`, one section per Markdown heading (`## Conclusies`,
`## Aanbevelingen`, `## IPS`, ...). The report shows each section in its place. Without the
file, or without a section, the report shows the generated factual conclusions instead.
"""

from __future__ import annotations

import re
from pathlib import Path

from .comparison import verandering
from .report import Kwartaal, verandering_zin, waar
from .text import getal, procent
from .vocab import TRAJECT_LABELS, TRAJECTEN

_KOP = re.compile(r"^#{1,3}\s+(.+?)\s*$", re.MULTILINE)


def lees(periode: str, projectmap: Path | None = None) -> dict[str, str]:
    """The sections of params/duiding/<periode>.md by heading (lower case); {} without file."""
    from .store import projectmap as vind_projectmap

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
        if tekst and kop.lower() not in ("conclusies", "aanbevelingen")
        else tekst
    )


def conclusies(k: Kwartaal) -> str:
    """Generated factual conclusions: size and change, paid work, outflow, trajects that
    rose or fell against the previous period."""
    vq = k.vorige.naam()
    lop = k.w()
    regels = [
        f"- In {k.periode.naam()} volgden{waar(k)} **{getal(lop)}** cliënten een traject naar "
        f"werk, van wie **{procent(k.aandeel(k.w('ips'), lop))}** een IPS-traject. Dat is "
        f"{verandering_zin(lop, k.w(kolom='waarde_vorige'), 'trajecten', vq, 'traject')}.",
        f"- **{procent(k.pct('totaal', 'betaald_werk'))}** van de cliënten in de trajecten die "
        "betaald werk registreren (IPS, WABZ en overige trajecten) had betaald werk.",
        f"- **{procent(k.pct('totaal', 'beeindigd', 'resultaat', 'met_beoogd_resultaat'))}** van "
        "de beëindigde trajecten eindigde met het beoogde resultaat.",
    ]
    stijgers, dalers = [], []
    for t in TRAJECTEN:
        v = verandering(k.w(t), k.w(t, kolom="waarde_vorige"))
        if v is not None and v.richting == "stijging":
            stijgers.append(TRAJECT_LABELS[t])
        elif v is not None and v.richting == "daling":
            dalers.append(TRAJECT_LABELS[t])
    if stijgers:
        regels.append(f"- Meer lopende trajecten dan in {vq}: {', '.join(stijgers)}.")
    if dalers:
        regels.append(f"- Minder lopende trajecten dan in {vq}: {', '.join(dalers)}.")
    return "\n".join(regels)
