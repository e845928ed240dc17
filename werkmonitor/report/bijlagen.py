"""Appendices that come from the project's documentation and vocabulary."""

from __future__ import annotations

from pathlib import Path

from werkmonitor.paths import DOCS
from werkmonitor.vocab import (
    ALLE,
    CATEGORIE_LABELS,
    KOLOMMEN,
    MAAT_LABELS,
    TOTAAL,
    TRAJECT_LABELS,
    TRAJECTEN,
)

DIMENSIE_LABELS = {
    "financiering": "financieringsvorm",
    "type": "type IPS-traject",
    "stadium": "stadium van het traject",
    "uitstroom": "situatie bij beëindiging",
    "resultaat": "resultaat bij beëindiging",
    "soort": "soort onbetaald werk",
    "duur": "duur",
}


def tabel_b3_1() -> str:
    """Tabel B3.1: every outcome the organisations deliver, with its breakdown and the
    trajects that register it, from the delivery columns (`vocab.KOLOMMEN`)."""
    groepen: dict[tuple[str, str], tuple[list[str], frozenset[str]]] = {}
    for k in KOLOMMEN:
        categorieen, _t = groepen.setdefault((k.maat, k.dimensie), ([], k.trajecten))
        if k.categorie != TOTAAL:
            categorieen.append(CATEGORIE_LABELS[k.categorie])
    regels = ["| Uitkomst | Uitgesplitst naar | Aangeleverd voor |", "|---|---|---|"]
    for (maat, dimensie), (categorieen, trajecten) in groepen.items():
        uitsplitsing = (
            "totaal"
            if dimensie == TOTAAL
            else f"{DIMENSIE_LABELS[dimensie]}: {'; '.join(categorieen)}"
        )
        voor = (
            "alle trajecten"
            if trajecten == ALLE
            else ", ".join(TRAJECT_LABELS[t] for t in TRAJECTEN if t in trajecten)
        )
        regels.append(f"| {MAAT_LABELS[maat]} | {uitsplitsing} | {voor} |")
    return (
        "\n".join(regels)
        + "\n\n: Tabel B3.1. De uitkomsten die de organisaties elk kwartaal per traject en per "
        "arbeidsmarktregio aanleveren. Gestarte trajecten en verloren cliënten worden niet "
        "aangeleverd maar berekend (regel 1)."
    )


def bijlage_methoden(pad: Path | None = None) -> str:
    """Bijlage 3 of an annual report, written for readers: each method point in words
    (docs/bijlage_3.md) and Tabel B3.1. Which function carries out each point and which test
    guards it is in docs/methoden.md, for the people who maintain the code."""
    tekst = (pad or DOCS / "bijlage_3.md").read_text(encoding="utf-8").strip()
    if tekst.startswith("# "):
        tekst = "#" + tekst  # a chapter of the report, not a document of its own
    return tekst + "\n\n" + tabel_b3_1()
