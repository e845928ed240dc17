"""Registrations without a known region on the checks page (report.controle.zonder_regio):
a tiny cube by hand, beside what the published national figures and Tabel 3.1 leave for them
(data/referentie, summed by hand)."""

import pandas as pd

from werkmonitor.periods import Periode
from werkmonitor.regions import ONBEKEND
from werkmonitor.report import controle


class _Kubus:
    """Only what `zonder_regio` reads: its quarters, and per period the national and
    regional running and started counts of all trajects."""

    def __init__(self, regios: dict[str, dict[str, tuple[int, int]]]):
        self.regios = regios  # period -> region -> (running, started)
        self.perioden = {q.code for p in regios for q in Periode.lees(p).kwartalen()}

    def tabel(self, periode: str, niveau: str = "landelijk") -> pd.DataFrame:
        per = self.regios[periode]
        if niveau == "landelijk":  # the nation: the sum of every region, without a unit
            per = {"": tuple(sum(w[i] for w in per.values()) for i in (0, 1))}
        rijen = [
            (eenheid, maat, w[i])
            for eenheid, w in per.items()
            for i, maat in enumerate(("lopend", "gestart"))
        ]
        return pd.DataFrame(
            {
                "eenheid": [r[0] for r in rijen],
                "niveau": niveau,
                "traject": "totaal",
                "maat": [r[1] for r in rijen],
                "dimensie": "totaal",
                "categorie": "totaal",
                "grootheid": "aantal",
                "waarde": [r[2] for r in rijen],
            }
        )


KUBUS = _Kubus(
    {
        "2023": {"Twente": (300, 100), "Drenthe": (200, 50), ONBEKEND: (40, 10)},
        "2024": {"Twente": (320, 90), "Drenthe": (230, 60)},  # none without a region
    }
)


def test_without_a_region_beside_what_the_published_figures_leave():
    z = controle.zonder_regio(KUBUS, "2024").set_index(["periode", "maat"])
    assert list(z.index) == [
        ("2024", "lopend"),
        ("2024", "gestart"),
        ("2023", "lopend"),
        ("2023", "gestart"),
    ]
    assert z.loc[("2023", "lopend"), ["landelijk", "regios", "onbekend"]].tolist() == [540, 500, 40]
    assert round(z.loc[("2023", "lopend"), "aandeel"], 2) == 7.41  # 40 of 540
    assert z.loc[("2024", "gestart"), ["landelijk", "regios", "onbekend"]].tolist() == [150, 150, 0]
    # the published national figures (gepubliceerd_landelijk.csv) minus the sums of the
    # regions of the published Tabel 3.1 (IPS and the other trajects together)
    gedrukt = ["gepubliceerd_landelijk", "gepubliceerd_regios", "gepubliceerd_onbekend"]
    assert z.loc[("2023", "lopend"), gedrukt].tolist() == [7919, 7263, 656]
    assert z.loc[("2023", "gestart"), gedrukt].tolist() == [2817, 2455, 362]
    assert z.loc[("2024", "lopend"), gedrukt].tolist() == [8966, 8810, 156]
    assert z.loc[("2024", "gestart"), gedrukt].tolist() == [3312, 3328, -16]


def test_a_quarter_has_no_published_counterpart_and_the_text_names_each_difference():
    kubus = _Kubus({**KUBUS.regios, "2025Q4": {"Twente": (80, 8), ONBEKEND: (20, 2)}})
    z = controle.zonder_regio(kubus, "2025Q4")
    kwartaal = z[z["periode"] == "2025Q4"]
    assert kwartaal["onbekend"].tolist() == [20, 2]
    assert kwartaal["gepubliceerd_onbekend"].isna().all()
    tekst = controle.zonder_regio_tekst(kubus, "2025Q4")
    assert "| K4 2025 | lopend | 100 | 80 | 20 | 20,0% | – | – | – |" in tekst
    assert "| 2024 | gestart | 150 | 150 | 0 | 0,0% | 3.312 | 3.328 | −16 |" in tekst
    assert (
        "In 2024 telt deze database 0 gestarte trajecten zonder regio; in de gepubliceerde "
        "cijfers tellen de regio's van Tabel 3.1 samen 16 meer dan het landelijke aantal "
        "(3.328 tegen 3.312): daar is geen plaats voor trajecten zonder regio."
    ) in tekst
    assert (
        "In 2023 telt deze database 40 lopende trajecten zonder regio; de gepubliceerde "
        "cijfers laten er 656 over (7.919 landelijk, 7.263 in de regio's van Tabel 3.1)."
    ) in tekst
