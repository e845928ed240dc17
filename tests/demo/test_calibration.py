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


def _financieringsplan() -> pd.DataFrame:
    """Every traject with 100 running clients, 10 ending and 10 starting each quarter."""
    rijen = [
        (t, q, 100, 10, np.nan if q == calibration.REGISTRATIE_VANAF[t] else 10.0, 0.0)
        for t in calibration.TRAJECTEN
        for q in calibration._kwartalen_van(t)
    ]
    return pd.DataFrame(rijen, columns=["reeks", "periode", "S", "E", "G", "O"])


def test_financing_mixes_meet_the_yearly_totals_and_a_printed_change_by_hand():
    """2024 counts 100 + 10 + 4 x 10 = 150 per traject (Bijlage 3 point 3: the first
    quarter's running and ended, every quarter's inflow); 2023 counts 140 for the trajects
    registered from 2023Q1 (no inflow in their first quarter) and 120 for WABZ, jobcoaching
    and overig (from 2023Q3): 780 in 2023 and 900 in 2024. Werkfit and Naar Werk are UWV's
    own (280 and 300 of UWV's financing); the other trajects start from a mix of 50% UWV,
    30% municipality, 20% other, which would give UWV 530 and 600. Published (uwv,
    gemeente, overig): 2023 (390, 260, 130), 2024 (450, 300, 150), and WABZ's municipal
    financing 30 higher in 2024 than in 2023."""
    mix = {"uwv": 0.5, "gemeente": 0.3, "overig": 0.2}
    ref = []
    for periode, traject, n in [
        ("2025Q4", "wabz", 100),
        ("2025Q4", "jobcoaching", 100),
        ("2025Q4", "overig", 100),
        ("2024Q4", "ips", 100),
        ("2025Q3", "ips", 100),
        ("2025Q4", "ips", 100),
    ]:
        ref += [(periode, traject, "lopend", "financiering", c, a * n) for c, a in mix.items()]
    for jaar, totaal in (("2023", (390, 260, 130)), ("2024", (450, 300, 150))):
        ref += [
            (jaar, "totaal", "lopend", "financiering", c, n)
            for c, n in zip(("uwv", "gemeente", "overig"), totaal, strict=True)
        ]
    ref = pd.DataFrame(
        ref, columns=["periode", "traject", "maat", "dimensie", "categorie", "waarde"]
    )
    ref["eenheid"] = "aantal"
    veranderingen = pd.DataFrame(
        [
            {
                "code": "T1",
                "periode": "2024",
                "eerder": "2023",
                "traject": "wabz",
                "dimensie": "financiering",
                "categorie": "gemeente",
                "verschil": 30.0,
            }
        ]
    )
    tplan = _financieringsplan()
    uit = calibration.financiering_aandelen(ref, tplan, {}, veranderingen)
    uwv, gemeente = (
        calibration.FINANCIERING.index("uwv"),
        calibration.FINANCIERING.index("gemeente"),
    )

    def schatting(traject: str, periode: str, i: int) -> float:
        gewichten = calibration._jaargewichten(tplan, traject, periode)
        return sum(w * uit[(traject, q)][i] for q, w in gewichten.items())

    assert calibration._jaargewichten(tplan, "ips", "2024") == {
        "2024Q1": 120.0,  # 100 running + 10 ended + 10 started
        "2024Q2": 10.0,
        "2024Q3": 10.0,
        "2024Q4": 10.0,
    }
    for jaar, doel in (("2023", 390), ("2024", 450)):
        som_ = sum(schatting(t, jaar, uwv) for t in calibration.TRAJECTEN)
        assert abs(som_ - doel) < 0.5, (jaar, som_)
    verschil = schatting("wabz", "2024", gemeente) - schatting("wabz", "2023", gemeente)
    assert abs(verschil - 30) < 0.5
    for (traject, q), aandelen in uit.items():
        assert abs(aandelen.sum() - 1) < 1e-6, (traject, q)
        if q in calibration.FINANCIERING_BLOKKEN.get(traject, {}):  # a chosen mix
            assert aandelen.min() >= calibration.FINANCIERING_MIN - 1e-9, (traject, q)
    assert np.allclose(uit[("ips", "2024Q4")], [0.5, 0.3, 0.2])  # published: as printed
    assert np.allclose(uit[("werkfit", "2024Q1")], [1.0, 0.0, 0.0])  # UWV's own traject


def test_the_calibration_is_solved_once_per_state_and_kept(tmp_path, monkeypatch):
    """`calibration.ijk` keeps its result per state of the demo's code, reference figures
    and solver: the second call reads it; an unreadable file is solved again and replaced;
    a folder that cannot be written only means solving each time."""
    import pandas as pd

    from werkmonitor.demo import calibration

    opgelost = []

    def oplossen(ref):
        opgelost.append(1)
        return calibration.Ijking(pd.DataFrame({"S": [len(opgelost)]}), None, None, {})

    pad = tmp_path / "ijking" / "staat.pkl"
    monkeypatch.setattr(calibration, "_ijk", oplossen)
    monkeypatch.setattr(calibration, "_ijkbestand", lambda: pad)
    monkeypatch.setattr(calibration, "referentie", lambda: None)
    assert calibration.ijk().trajecten["S"].tolist() == [1]
    assert calibration.ijk().trajecten["S"].tolist() == [1] and len(opgelost) == 1
    pad.write_bytes(b"kapot")
    assert calibration.ijk().trajecten["S"].tolist() == [2]
    assert calibration.ijk().trajecten["S"].tolist() == [2] and len(opgelost) == 2
    assert [p.name for p in pad.parent.iterdir()] == ["staat.pkl"]  # no temporary file left
    # a given reference is always solved (tests that calibrate on their own figures)
    calibration.ijk(ref=pd.DataFrame())
    assert len(opgelost) == 3
    bestand = tmp_path / "een_bestand"  # its 'folder' is a file: nothing can be written
    bestand.write_text("")
    monkeypatch.setattr(calibration, "_ijkbestand", lambda: bestand / "staat.pkl")
    assert calibration.ijk().trajecten["S"].tolist() == [4]
    assert calibration.ijk().trajecten["S"].tolist() == [5]  # solved each time, no error


def test_the_regional_plan_is_kept_per_state_of_its_inputs(tmp_path, monkeypatch):
    """`aanleveringen.regioplan_van` keeps the regional plan beside the calibration, named
    by its inputs too: the same inputs read it, other units solve again."""
    import pandas as pd

    from werkmonitor.demo import aanleveringen, calibration, regioplan

    opgelost = []

    def plan(nationaal, resultaat, eenheden):
        opgelost.append(eenheden)
        return regioplan.RegioPlan(pd.DataFrame({"n": [len(opgelost)]}), {})

    monkeypatch.setattr(regioplan, "regio_plan", plan)
    monkeypatch.setattr(
        calibration,
        "bewaarbestand",
        lambda soort, invoer: tmp_path / f"{soort}{abs(hash(invoer))}.pkl",
    )
    monkeypatch.setattr(aanleveringen, "eenheden", lambda orgs, t: orgs)
    ij = calibration.Ijking(pd.DataFrame({"S": [1]}), None, pd.DataFrame(), {})
    monkeypatch.setattr(regioplan, "met_resultaat", lambda u: {("ips", "2023Q1"): 3})
    een = [("org", "Twente")]
    assert aanleveringen.regioplan_van(ij, een).tabel["n"].tolist() == [1]
    assert aanleveringen.regioplan_van(ij, een).tabel["n"].tolist() == [1]  # read back
    assert aanleveringen.regioplan_van(ij, [("org", "Zeeland")]).tabel["n"].tolist() == [2]
    assert len(opgelost) == 2 and len(list(tmp_path.glob("regio-*.pkl"))) == 2
