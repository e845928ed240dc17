"""Periods: quarters (2025Q4), half years (2025H2) and calendar years (2025)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache, total_ordering

from werkmonitor.vocab import REGISTRATIE_VANAF

_PATROON = re.compile(r"^(\d{4})(?:([QH])([1-4]))?$")
# the Dutch forms the reports write: 'K4 2025' and 'H2 2025', and '2025K4' (K for kwartaal)
_LABEL = re.compile(r"^([KQH])([1-4])[\s-]*(\d{4})$")


class PeriodeFout(ValueError):
    """A period code that cannot be read."""


@total_ordering
@dataclass(frozen=True)
class Periode:
    """A reporting period: soort 'kwartaal', 'halfjaar' or 'jaar'."""

    jaar: int
    soort: str
    nummer: int  # quarter 1-4, half 1-2, or 1 for a year

    @classmethod
    def lees(cls, code: str | Periode) -> Periode:
        """Parse a period code such as '2025Q4', '2025H2' or '2025'; a quarter may also be
        written the Dutch way ('2025K4', 'K4 2025'), a half year as 'H2 2025'."""
        if isinstance(code, Periode):
            return code
        return _lees(str(code))

    @property
    def code(self) -> str:
        """The period code, e.g. '2025Q4'."""
        if self.soort == "jaar":
            return str(self.jaar)
        return f"{self.jaar}{'Q' if self.soort == 'kwartaal' else 'H'}{self.nummer}"

    def __str__(self) -> str:
        return self.code

    def _rang(self) -> tuple[int, int]:
        eerste = self.kwartalen()[0]
        return (eerste.jaar * 4 + eerste.nummer, len(self.kwartalen()))

    def __lt__(self, other: Periode) -> bool:
        return self._rang() < other._rang()

    def kwartalen(self) -> tuple[Periode, ...]:
        """The quarters that make up this period, in order."""
        if self.soort == "kwartaal":
            return (self,)
        if self.soort == "halfjaar":
            start = 1 if self.nummer == 1 else 3
            return tuple(Periode(self.jaar, "kwartaal", q) for q in (start, start + 1))
        return tuple(Periode(self.jaar, "kwartaal", q) for q in (1, 2, 3, 4))

    def vorige(self) -> Periode:
        """The period directly before this one, of the same kind."""
        if self.soort == "jaar":
            return Periode(self.jaar - 1, "jaar", 1)
        per_jaar = 4 if self.soort == "kwartaal" else 2
        if self.nummer == 1:
            return Periode(self.jaar - 1, self.soort, per_jaar)
        return Periode(self.jaar, self.soort, self.nummer - 1)

    def volgende(self) -> Periode:
        """The period directly after this one, of the same kind."""
        if self.soort == "jaar":
            return Periode(self.jaar + 1, "jaar", 1)
        per_jaar = 4 if self.soort == "kwartaal" else 2
        if self.nummer == per_jaar:
            return Periode(self.jaar + 1, self.soort, 1)
        return Periode(self.jaar, self.soort, self.nummer + 1)

    def jaar_eerder(self) -> Periode:
        """The same period one year earlier."""
        return Periode(self.jaar - 1, self.soort, self.nummer)

    def naam(self) -> str:
        """Dutch name as used in running text: 'kwartaal 4 van 2025', '2024'."""
        if self.soort == "kwartaal":
            return f"kwartaal {self.nummer} van {self.jaar}"
        if self.soort == "halfjaar":
            return f"{'eerste' if self.nummer == 1 else 'tweede'} helft van {self.jaar}"
        return str(self.jaar)

    def kort(self) -> str:
        """Short Dutch label for axes and tables: 'K4 2025', 'H2 2025', '2025'."""
        if self.soort == "kwartaal":
            return f"K{self.nummer} {self.jaar}"
        if self.soort == "halfjaar":
            return f"H{self.nummer} {self.jaar}"
        return str(self.jaar)


def kwartalen_tussen(eerste: str | Periode, laatste: str | Periode) -> list[Periode]:
    """All quarters from `eerste` up to and including `laatste`."""
    a, b = Periode.lees(eerste).kwartalen()[0], Periode.lees(laatste).kwartalen()[-1]
    uit, q = [], a
    while q <= b:
        uit.append(q)
        q = q.volgende()
    return uit


@lru_cache(maxsize=4096)
def _lees(code: str) -> Periode:
    """`Periode.lees` of a text, kept per text (the methods parse the same few codes tens of
    thousands of times); an unknown code raises a PeriodeFout each time."""
    tekst = code.strip().upper()
    label = _LABEL.match(tekst)
    if label:
        tekst = f"{label.group(3)}{label.group(1)}{label.group(2)}"
    m = _PATROON.match(tekst.replace("K", "Q"))
    if not m:
        raise PeriodeFout(
            f"Onbekende periode '{code}': gebruik bijvoorbeeld 2025Q4 (of 2025K4), 2025H2 of 2025."
        )
    jaar, letter, nummer = int(m.group(1)), m.group(2), m.group(3)
    if letter is None:
        return Periode(jaar, "jaar", 1)
    n = int(nummer)
    if letter == "H" and n > 2:
        raise PeriodeFout(f"Onbekende periode '{code}': een halfjaar is H1 of H2.")
    return Periode(jaar, "kwartaal" if letter == "Q" else "halfjaar", n)


@lru_cache(maxsize=4096)
def geregistreerd_in(traject: str, periode: str | Periode) -> bool:
    """True when `traject` was registered during the whole of `periode` (kept per pair: the
    methods ask it for every row, tens of thousands of times for a year)."""
    p = Periode.lees(periode)
    return p.kwartalen()[0] >= Periode.lees(REGISTRATIE_VANAF[traject])


def nooit_geregistreerd(traject: str, periode: str | Periode) -> bool:
    """True when `traject` was not registered in any quarter of `periode` (WABZ, jobcoaching
    and overig in the first half of 2023): it has no figure there, not a figure of none.
    False for a key that is no traject (the total)."""
    if traject not in REGISTRATIE_VANAF:
        return False
    return Periode.lees(periode).kwartalen()[-1] < Periode.lees(REGISTRATIE_VANAF[traject])


def kwartalen_met_starts(traject: str, periode: str | Periode) -> int:
    """The quarters of `periode` whose started clients of `traject` can be computed: the
    traject was registered in the quarter and in the one before it (Bijlage 3, point 1
    needs the previous quarter)."""
    vanaf = Periode.lees(REGISTRATIE_VANAF[traject])
    return sum(q >= vanaf and q.vorige() >= vanaf for q in Periode.lees(periode).kwartalen())


def onvolledig_vergeleken(traject: str, *perioden: str | Periode) -> bool:
    """True when a comparison over `perioden` includes time before `traject` was registered.

    Used for the '*' footnote: WABZ, jobcoaching and overig were registered from 2023Q3.
    """
    return any(not geregistreerd_in(traject, p) for p in perioden)
