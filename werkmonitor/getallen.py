"""Numbers as the reports and the command line print them: rounded half away from zero
(docs/methoden.md) and in Dutch format from babel (1.047; 13,2). A ground module, so that
the intake's messages and the reports write numbers the same way."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

import pandas as pd
from babel.numbers import format_decimal

LOCALE = "nl_NL"


def afronden(x, decimalen: int = 0) -> Decimal:
    """Round half away from zero (docs/methoden.md), at presentation time only."""
    d = x if isinstance(x, Decimal) else Decimal(str(x))
    return d.quantize(Decimal(1).scaleb(-decimalen), rounding=ROUND_HALF_UP)


def getal(x, decimalen: int = 0) -> str:
    """A number in Dutch format: 1047 -> '1.047'; 2.5 with 1 decimal -> '2,5'; a missing
    value (None or NaN) -> '–'."""
    if x is None or pd.isna(x):
        return "–"
    return _nl(str(afronden(x, decimalen)), decimalen)


@lru_cache(maxsize=8192)
def _nl(afgerond: str, decimalen: int) -> str:
    """A rounded number (as the text of a Decimal) in Dutch format, each once: a report
    writes a few thousand numbers, most of them more than once, and babel takes ~0,1 ms."""
    patroon = "#,##0" + ("." + "0" * decimalen if decimalen else "")
    return format_decimal(Decimal(afgerond), format=patroon, locale=LOCALE)
