"""Appendices that come from the project's documentation."""

from __future__ import annotations

from pathlib import Path

from werkmonitor.paths import DOCS


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
