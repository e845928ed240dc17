"""The controlled rounding of the regional plan (werkmonitor.demo.regioafronding) by hand:
two regions of one traject, two quarters, and Tabel 3.1's started trajects per region."""

import pandas as pd

from werkmonitor.demo import regioafronding, regioplan, tabel31
from werkmonitor.report import controle

AANTAL = {("ips", "A"): 2, ("ips", "B"): 2}


def _plan(g_a: int, g_b: int) -> pd.DataFrame:
    """A and B each hold 40 clients in 2023Q1 and end 4 a quarter; in 2023Q2 A starts `g_a`
    and B `g_b` clients."""
    rijen = [
        ("ips", "A", "2023Q1", 40, 4, pd.NA, pd.NA, 2),
        ("ips", "B", "2023Q1", 40, 4, pd.NA, pd.NA, 2),
        ("ips", "A", "2023Q2", 36 + g_a, 4, g_a, 0, 2),
        ("ips", "B", "2023Q2", 36 + g_b, 4, g_b, 0, 2),
    ]
    t = pd.DataFrame(rijen, columns=["traject", "regio", "periode", "S", "E", "G", "O", "R"])
    for k in "SEGOR":
        t[k] = t[k].astype("Int64")
    return t


def _doelen(a: float, b: float) -> pd.DataFrame:
    kolommen = regioplan.tabel_3_1().columns
    return pd.DataFrame(
        [
            {"regio": "A", "jaar": "2023", "gestart_ips": a},
            {"regio": "B", "jaar": "2023", "gestart_ips": b},
        ],
        columns=kolommen,
    )


def test_starts_move_to_the_region_tabel_3_1_asks_for_and_every_total_stays():
    plan = _plan(6, 8)
    voor = plan.copy()
    doelen = _doelen(10.0, 4.0)  # A misses by 4 (tolerance 2 clients), B by 4
    assert len(regioplan.gemist(plan, doelen)) == 2
    uit = regioafronding.gestuurd(plan, doelen, AANTAL)
    pd.testing.assert_frame_equal(plan, voor)  # the input is not changed
    per_regio = regioplan.per_regio(uit).set_index("regio")
    # the least change that meets both: two starts from B to A (A 8, B 6)
    assert per_regio.loc["A", "gestart_ips"] == 8 and per_regio.loc["B", "gestart_ips"] == 6
    for regio, doel in (("A", 10.0), ("B", 4.0)):
        assert tabel31.gereproduceerd(doel, per_regio.loc[regio, "gestart_ips"], "gestart_ips")
    # every national total of every quarter as it was, and S(q) = S(q-1) - E + G - O
    for k in "SEGOR":
        assert uit.groupby("periode")[k].sum().equals(plan.groupby("periode")[k].sum())
    a = uit[uit["regio"] == "A"].set_index("periode")
    b = uit[uit["regio"] == "B"].set_index("periode")
    for r in (a, b):
        q1, q2 = r.loc["2023Q1"], r.loc["2023Q2"]
        assert q2["S"] == q1["S"] - q2["E"] + q2["G"] - q2["O"]
        assert q2["R"] <= q2["E"] and q2["E"] <= q2["S"] - 2  # what two units can carry


def test_a_plan_that_meets_the_table_stays_as_it_is():
    plan = _plan(6, 8)
    uit = regioafronding.gestuurd(plan, _doelen(6.0, 8.0), AANTAL)
    pd.testing.assert_frame_equal(uit, plan)


def test_a_cell_beyond_reach_stays_missed_and_the_rest_is_met():
    """A asks for 30 starts, 24 more than it has: more than MAX_STAP clients per value can
    bring in one quarter; the programme gives up that cell, not B's."""
    uit = regioafronding.gestuurd(_plan(6, 8), _doelen(30.0, 8.0), AANTAL)
    assert set(regioplan.gemist(uit, _doelen(30.0, 8.0))) <= {"2023 A gestart_ips"}
    per_regio = regioplan.per_regio(uit).set_index("regio")
    assert tabel31.gereproduceerd(8.0, per_regio.loc["B", "gestart_ips"], "gestart_ips")


def test_the_step_rule_is_that_of_the_checks_page():
    assert regioafronding.SPRONG == controle.SPRONG


def test_lost_clients_were_there_at_the_start_of_the_quarter():
    """A has nobody in 2023Q1 and starts 6 in 2023Q2; B, one unit, loses 5 of its 40. Tabel
    3.1 asks one more running in A: the cheapest way, a lost client taken from B, would have
    A lose a client it did not have (Midden-Brabant 2023K4: 17 starts, 1 lost, nobody
    before); A's stock at the start has to come along."""
    rijen = [
        ("ips", "A", "2023Q1", 0, 0, pd.NA, pd.NA, 0),
        ("ips", "B", "2023Q1", 40, 0, pd.NA, pd.NA, 0),
        ("ips", "A", "2023Q2", 6, 0, 6, 0, 0),
        ("ips", "B", "2023Q2", 35, 0, 0, 5, 0),
    ]
    plan = pd.DataFrame(rijen, columns=["traject", "regio", "periode", "S", "E", "G", "O", "R"])
    for k in "SEGOR":
        plan[k] = plan[k].astype("Int64")
    doelen = pd.DataFrame(
        [{"regio": "A", "jaar": "2023", "lopend_ips": 9.0}], columns=regioplan.tabel_3_1().columns
    )
    aantal = {("ips", "A"): 2, ("ips", "B"): 1}
    uit = regioafronding.gestuurd(plan, doelen, aantal).set_index(["regio", "periode"])
    a1, a2 = uit.loc[("A", "2023Q1")], uit.loc[("A", "2023Q2")]
    assert a1["S"] >= 1 and a2["O"] <= a1["S"]
    assert a1["S"] + a1["E"] + a2["G"] + a2["O"] >= 7  # the cell is met (tolerance 2)
    assert uit.groupby("periode")["O"].sum().to_dict() == {"2023Q1": 0, "2023Q2": 5}
