"""Small hand-computed cases for the calibration helpers."""

import numpy as np
import pandas as pd
import pytest

from werkmonitor.demo import calibration
from werkmonitor.demo.aanleveringen import verdeel_tabel
from werkmonitor.demo.calibration import IJkFout, Programma, Reeks, jaar_voorraad, verdeel


def test_verdeel_largest_remainder_and_caps():
    assert verdeel(10, [1, 1, 1]).tolist() == [4, 3, 3]
    assert verdeel(7, [5, 3, 2]).tolist() == [4, 2, 1]  # 3.5, 2.1, 1.4 -> remainders .5 .1 .4
    assert verdeel(6, [1, 1, 1], [1, 5, 5]).tolist() == [1, 3, 2]
    assert verdeel(0, [1, 2]).tolist() == [0, 0]
    with pytest.raises(IJkFout, match="valt niet te verdelen"):
        verdeel(5, [1, 1], [2, 2])


def test_verdeel_tabel_has_exact_margins():
    rng = np.random.default_rng(1)
    t = verdeel_tabel(rng, np.array([10, 0, 7, 3]), [8, 8, 4])
    assert t.sum(axis=1).tolist() == [10, 0, 7, 3]
    assert t.sum(axis=0).tolist() == [8, 8, 4]
    assert (t >= 0).all()


def test_yearly_running_expression_is_point_3():
    r = Reeks("x", "2023Q3", instroom_eerste=False)
    # 2023: first quarter Q3 (started not computable there): B + C of Q3, D of Q4, O of Q4
    assert jaar_voorraad(r, "2023") == {
        "S[x,2023Q3]": 1.0,
        "E[x,2023Q3]": 1.0,
        "G[x,2023Q4]": 1.0,
        "O[x,2023Q4]": 1.0,
    }
    # 2024: A + B + C of Q1, D2-4, O1-4
    expr = jaar_voorraad(r, "2024")
    assert expr["G[x,2024Q1]"] == 1.0 and expr["S[x,2024Q1]"] == 1.0 and len(expr) == 10


def test_program_misses_an_impossible_soft_target_as_little_as_possible():
    p = Programma()
    x, y = p.var("x", kosten=1.0), p.var("y", kosten=1.0)
    p.gelijk({x: 1.0, y: 1.0}, 10)  # hard
    p.ongeveer({x: 1.0}, 12, 0.0, "x is 12")  # impossible: x <= 10
    w = p.los_op()
    assert (w["x"], w["y"]) == (10.0, 0.0)
    assert w["_plus[x is 12]"] == 0 and w["_min[x is 12]"] == pytest.approx(2.0)


def test_an_earlier_count_is_moved_only_as_far_as_the_direction_needs():
    from werkmonitor.demo.calibration import volgens_richting

    assert volgens_richting(2, 2, "lager", 10) == 4  # later fewer: earlier at least 2 more
    assert volgens_richting(5, 2, "lager", 10) == 5  # already so: unchanged
    assert volgens_richting(2, 2, "lager", 3) == 3  # never above the cap
    assert volgens_richting(3, 3, "hoger", 10) == 1
    assert volgens_richting(1, 1, "hoger", 10) == 0  # never below zero
    assert volgens_richting(7, 3, None, 10) == 7


def test_a_conclusion_that_the_body_text_contradicts_is_not_calibrated_to():
    import pandas as pd

    from werkmonitor.demo.calibration import te_ijken_richtingen

    rij = {
        "periode": "2025Q4",
        "ten_opzichte_van": "jaar_eerder",
        "traject": "wabz",
        "maat": "lopend",
        "dimensie": "totaal",
        "categorie": "totaal",
        "eenheid": "aantal",
    }
    t = pd.DataFrame(
        [
            {**rij, "richting": "lager", "bron": "001 Aantal WABZ-trajecten"},
            {**rij, "richting": "hoger", "bron": "001 Conclusies (alle trajecten gestegen)"},
            {**rij, "traject": "ips", "richting": "hoger", "bron": "001 Conclusies (idem)"},
            {**rij, "maat": "betaald_werk", "richting": "hoger", "bron": "001 Werk"},
        ]
    )
    gekozen = te_ijken_richtingen(richtingen=t)
    assert gekozen[["traject", "richting"]].values.tolist() == [["wabz", "lager"], ["ips", "hoger"]]


def test_a_published_direction_steers_the_programme_after_the_published_counts():
    from werkmonitor.demo import calibration as c

    p = c.Programma()
    r = c.Reeks("x", "2025Q3", instroom_eerste=False)
    c.voeg_reeks_toe(p, r, {"O": 1.0})
    p.gelijk({r.v("S", "2025Q4"): 1.0}, 50)  # published: 50 running in Q4
    p.gelijk({r.v("E", "2025Q4"): 1.0}, 5)
    rij = {"periode": "2025Q4", "ten_opzichte_van": "vorig_kwartaal", "traject": "x"}
    richting = [{**rij, "maat": "lopend", "richting": "lager"}]  # Q4 fewer than Q3

    def expressie(ts, maat, q):
        return c._telling(r, "S", c.Periode.lees(q))

    c._richtingen(p, ("lopend",), expressie, richting)
    w = p.los_op()
    assert w[r.v("S", "2025Q3")] >= 50 + c.RICHTING_STAP  # without it, no change is cheapest


def test_unpaid_work_per_year_from_a_printed_rise_by_hand():
    """'138 cliënten; 30,3%' of 2023 gives both yearly averages (455,4 and 593,4); the
    published 'evenveel proefplaatsingen' keeps 2024 at 2023."""
    v = pd.DataFrame(
        {
            "periode": ["2024", "2024"],
            "eerder": ["2023", "2023"],
            "traject": ["totaal", "ips"],
            "maat": ["onbetaald_werk", "onbetaald_werk"],
            "categorie": ["vrijwilligerswerk_wep", "vrijwilligerswerk_wep"],
            "verschil": [138.0, 5.0],
            "procent": [30.3, 10.0],
        }
    )
    doelen = calibration._onbetaald_jaardoelen(v)
    assert doelen["vrijwilligerswerk_wep"]["2023"] == pytest.approx(455.4455, abs=1e-3)
    assert doelen["vrijwilligerswerk_wep"]["2024"] == pytest.approx(593.4455, abs=1e-3)
    assert doelen["proefplaatsing"] == {"2024": "2023"}
    assert set(doelen) == {"vrijwilligerswerk_wep", "proefplaatsing"}  # only all trajects
