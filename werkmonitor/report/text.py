"""Dutch wording and number format (babel): 1.047; 13,2%; 'een daling van 89 trajecten'."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd

from werkmonitor.getallen import afronden, getal
from werkmonitor.indicators.comparison import Verandering


def opsomming(namen: list[str]) -> str:
    """'a', 'a en b', 'a, b en c'."""
    return namen[0] if len(namen) == 1 else ", ".join(namen[:-1]) + " en " + namen[-1]


def procent(x, decimalen: int = 1) -> str:
    """A percentage (already in percent units) in Dutch format: 13.2 -> '13,2%'."""
    if x is None or pd.isna(x):
        return "–"
    return f"{getal(x, decimalen)}%"


def aandeel(deel, geheel) -> Decimal | None:
    """`deel` as an exact percentage of `geheel`; None when `geheel` is 0 or missing."""
    if deel is None or geheel is None or pd.isna(deel) or pd.isna(geheel) or geheel == 0:
        return None
    return Decimal(str(deel)) * 100 / Decimal(str(geheel))


def getal_met_aandeel(deel, geheel) -> str:
    """'4.285 (85,3%)'."""
    return f"{getal(deel)} ({procent(aandeel(deel, geheel))})"


def geen_gegevens(ten_opzichte_van: str, zien: bool = False) -> str:
    """A change that cannot be computed (a value missing): 'niet te vergelijken met …
    (geen gegevens)', or with `zien` the noun phrase 'geen vergelijking met …'."""
    if zien:
        return f"geen vergelijking met {ten_opzichte_van} (geen gegevens)"
    return f"niet te vergelijken met {ten_opzichte_van} (geen gegevens)"


def niet_te_tonen(ten_opzichte_van: str, zien: bool = False) -> str:
    """A change that may not be shown (a value hidden for privacy): 'niet te tonen ten
    opzichte van … (kleine aantallen)', or with `zien` 'geen te tonen verandering …'."""
    if zien:
        return f"geen te tonen verandering ten opzichte van {ten_opzichte_van} (kleine aantallen)"
    return f"niet te tonen ten opzichte van {ten_opzichte_van} (kleine aantallen)"


def verandering_tekst(
    v: Verandering | None,
    eenheid: str,
    ten_opzichte_van: str,
    enkelvoud: str | None = None,
    zien: bool = False,
) -> str:
    """Dutch phrase for a change, e.g. 'een daling van 89 trajecten (1,7%) ten opzichte van
    kwartaal 3 van 2025'. `eenheid` is the plural noun, `enkelvoud` the singular. With
    `zien` every phrase is a noun phrase, for 'het aantal … laat … zien': 'geen
    verandering ten opzichte van …' where the phrase for a sentence with 'is' says
    'gelijk gebleven ten opzichte van …'."""
    if v is None:
        return geen_gegevens(ten_opzichte_van, zien)
    if v.richting == "gelijk":
        if zien:
            return f"geen verandering ten opzichte van {ten_opzichte_van}"
        return f"gelijk gebleven ten opzichte van {ten_opzichte_van}"
    n = abs(v.verschil)
    if getal(n) == "0":  # an average that moved less than half a client: no 'daling van 0'
        if zien:
            return f"nagenoeg geen verandering ten opzichte van {ten_opzichte_van}"
        return f"nagenoeg gelijk gebleven ten opzichte van {ten_opzichte_van}"
    woord = (enkelvoud or eenheid) if getal(n) == "1" else eenheid  # as it is printed
    pct = f" ({procent(abs(v.procent))})" if v.procent is not None else ""
    return f"een {v.richting} van {getal(n)} {woord}{pct} ten opzichte van {ten_opzichte_van}"


def procentpunten_tekst(nu_pct, eerder_pct, ten_opzichte_van: str, zien: bool = False) -> str:
    """Dutch phrase for the change of a percentage, in percentage points:
    'een stijging van 1,9 procentpunt ten opzichte van kwartaal 3 van 2025' (`zien`: noun
    phrases only, see `verandering_tekst`). A percentage hidden for privacy (NaN, as a
    unit's table gives it) is a change not shown, not one without data."""
    if nu_pct is None or eerder_pct is None:
        return geen_gegevens(ten_opzichte_van, zien)
    if pd.isna(nu_pct) or pd.isna(eerder_pct):
        return niet_te_tonen(ten_opzichte_van, zien)
    verschil = afronden(nu_pct, 1) - afronden(eerder_pct, 1)
    if verschil == 0:
        if zien:
            return f"geen verandering ten opzichte van {ten_opzichte_van}"
        return f"gelijk gebleven ten opzichte van {ten_opzichte_van}"
    richting = "stijging" if verschil > 0 else "daling"
    pp = getal(abs(verschil), 1)
    return f"een {richting} van {pp} procentpunt ten opzichte van {ten_opzichte_van}"


def meervoud(n, enkelvoud: str, meervoudsvorm: str) -> str:
    """`enkelvoud` for exactly one ('1 ggz-organisatie leverde'), else `meervoudsvorm`."""
    return enkelvoud if n == 1 else meervoudsvorm


def als_zinsdeel(tekst: str) -> str:
    """A title used inside a sentence: the first letter lower-case ('Lopende trajecten' ->
    'lopende trajecten'), but an abbreviation or label at the start stays as written
    ('IPS-trajecten', 'K3 2025', 'UWV Werkfit')."""
    eerste = tekst.split(" ", 1)[0]
    if len(eerste) > 1 and eerste[0].isupper() and eerste[1:].islower():
        return tekst[0].lower() + tekst[1:]
    return tekst
