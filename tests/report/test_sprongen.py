"""Regions whose running count jumps beyond the nation's (report.controle.sprongen): by hand
on a tiny cube, and on the demo store, where the organisation that skips 2025Q1 shows."""

import numpy as np
import pandas as pd

from werkmonitor.demo import aanleveringen
from werkmonitor.indicators.kubus import Kubus
from werkmonitor.report import controle


class _Kubus:
    """Only what `sprongen` reads: periods, and the national and regional running counts."""

    def __init__(self, land: dict[str, int], regios: dict[str, dict[str, int]]):
        self.perioden = set(land)
        self.land, self.regios = land, regios

    def tabel(self, periode: str, niveau: str = "landelijk") -> pd.DataFrame:
        if niveau == "landelijk":
            rijen = {"": self.land[periode]}  # the national table: no unit
        else:
            rijen = {r: n[periode] for r, n in self.regios.items()}
        return pd.DataFrame(
            {
                "eenheid": list(rijen),
                "niveau": niveau,
                "traject": "totaal",
                "maat": "lopend",
                "dimensie": "totaal",
                "categorie": "totaal",
                "grootheid": "aantal",
                "waarde": list(rijen.values()),
            }
        )


def test_a_jump_beyond_the_nation_by_hand():
    k = _Kubus(
        {"2025Q3": 100, "2025Q4": 110},  # the nation +10%
        {
            "A": {"2025Q3": 50, "2025Q4": 55},  # as the nation
            "B": {"2025Q3": 20, "2025Q4": 30},  # 22 expected: 8 more than 15% + 2 (5)
            "C": {"2025Q3": 4, "2025Q4": 7},  # 4,4 expected: 2,6 is exactly 15% + 2
            "Regio onbekend": {"2025Q3": 10, "2025Q4": 30},  # no region: never listed
        },
    )
    s = controle.sprongen(k, "2025Q4")
    assert s[["regio", "periode", "vorig", "lopend"]].values.tolist() == [
        ["B", "2025Q4", 20.0, 30.0]
    ]
    assert s["verandering"].iloc[0] == 50.0 and round(s["landelijk"].iloc[0], 6) == 10.0
    assert controle.sprongen(k, "2025Q3").empty  # no quarter before it
    assert controle.sprongen_tekst(k, "2025Q3").startswith("Geen regio veranderde")
    assert "| B | K4 2025 | 20 | 30 | +50,0% | +10,0% |" in controle.sprongen_tekst(k, "2025Q4")


def test_the_quarter_an_organisation_skips_shows_in_its_regions(demo_db):
    org, periode = aanleveringen.onregelmatigheden(
        aanleveringen.organisaties(np.random.default_rng(aanleveringen.ZAAD))
    ).overslaan
    k = Kubus.van(demo_db)
    regios = set(k.eenheidsrijen("2024Q4").query("organisatie == @org")["regio"])
    s = controle.sprongen(k, periode)
    gevallen = s[s["regio"].isin(regios) & (s["verandering"] < s["landelijk"])]
    assert not gevallen.empty, s
    # the demo's regions follow the nation where nothing else moves them (issue 15): in
    # 2025Q4 none moves apart (nine did before); all quarters: tests/demo/test_regioplan.py
    assert controle.sprongen(k, "2025Q4").empty
