"""Whole clients of the regional plan moved towards Tabel 3.1 (werkmonitor.demo.regioherstel),
by hand: two regions of IPS over two quarters."""

import pandas as pd

from werkmonitor.demo import regioherstel, regioplan


def _tabel(rijen) -> pd.DataFrame:
    """A plan table (traject, regio, periode, S, E, G, O, R) with nullable integers."""
    t = pd.DataFrame(rijen, columns=["traject", "regio", "periode", "S", "E", "G", "O", "R"])
    for k in "SEGOR":
        t[k] = t[k].astype("Int64")
    return t


def _doelen(*rijen) -> pd.DataFrame:
    return pd.DataFrame(list(rijen), columns=regioplan.tabel_3_1().columns)


def _kolom(t: pd.DataFrame, regio: str, k: str) -> list:
    return t[t["regio"] == regio][k].tolist()


def test_starts_move_to_the_region_that_needs_them_and_the_stock_stays():
    """A started 2 and ran 12 in 2023 (10 + 2); Tabel 3.1 asks 6 and 14 (tolerance 2
    clients): two clients who came and went in 2023Q2 move from B, the second with its
    intended result (B's only ended client had it). Every stock, lost client and national
    total stays; B has no target."""
    na = pd.NA
    t = _tabel(
        [
            ("ips", "A", "2023Q1", 10, 0, na, na, 0),
            ("ips", "A", "2023Q2", 10, 2, 2, 0, 1),
            ("ips", "B", "2023Q1", 10, 0, na, na, 0),
            ("ips", "B", "2023Q2", 10, 2, 2, 0, 1),
        ]
    )
    doel = {"regio": "A", "jaar": "2023", "lopend_ips": 14.0, "gestart_ips": 6.0}
    uit = regioherstel.naar_tabel(t, _doelen(doel), {("ips", "A"): 2, ("ips", "B"): 2})
    assert _kolom(uit, "A", "G") == [na, 4] and _kolom(uit, "B", "G") == [na, 0]
    assert _kolom(uit, "A", "E") == [0, 4] and _kolom(uit, "B", "E") == [0, 0]
    assert _kolom(uit, "A", "R") == [0, 2] and _kolom(uit, "B", "R") == [0, 0]
    for k in "SO":
        pd.testing.assert_series_equal(uit[k], t[k])
    plan = regioplan.per_regio(uit).set_index("regio")
    assert plan.loc["A", "gestart_ips"] == 4 and plan.loc["A", "lopend_ips"] == 14
    assert _kolom(t, "A", "G") == [na, 2]  # the input is left as it was


def test_an_ended_client_with_result_swaps_regions_for_the_percentage():
    """A ended 4 clients of whom 1 with the intended result (25%), Tabel 3.1 says 75%: two
    with the result come from B in exchange for two without. No starts to move (none)."""
    t = _tabel(
        [
            ("ips", "A", "2023Q1", 10, 0, pd.NA, pd.NA, 0),
            ("ips", "A", "2023Q2", 6, 4, 0, 0, 1),
            ("ips", "B", "2023Q1", 10, 0, pd.NA, pd.NA, 0),
            ("ips", "B", "2023Q2", 6, 4, 0, 0, 4),
        ]
    )
    doel = {"regio": "A", "jaar": "2023", "pct_beeindigd_met_resultaat": 75.0}
    uit = regioherstel.naar_tabel(t, _doelen(doel), {("ips", "A"): 1, ("ips", "B"): 1})
    assert _kolom(uit, "A", "R") == [0, 3] and _kolom(uit, "B", "R") == [0, 2]
    for k in "SEGO":
        pd.testing.assert_series_equal(uit[k], t[k])


def test_no_start_goes_to_a_region_of_one_unit_that_loses_clients_or_has_none():
    """A needs starts, but in 2023Q2 its one unit loses a client (a unit cannot start and
    lose clients in one quarter); C has no clients at all: nothing moves."""
    t = _tabel(
        [
            ("ips", "A", "2023Q1", 10, 0, pd.NA, pd.NA, 0),
            ("ips", "A", "2023Q2", 7, 2, 0, 1, 1),
            ("ips", "B", "2023Q1", 10, 0, pd.NA, pd.NA, 0),
            ("ips", "B", "2023Q2", 10, 2, 2, 0, 1),
            ("ips", "C", "2023Q1", 0, 0, pd.NA, pd.NA, 0),
            ("ips", "C", "2023Q2", 0, 0, 0, 0, 0),
        ]
    )
    doelen = _doelen(
        {"regio": "A", "jaar": "2023", "gestart_ips": 6.0},
        {"regio": "C", "jaar": "2023", "gestart_ips": 5.0},
    )
    eenheden = {("ips", "A"): 1, ("ips", "B"): 2, ("ips", "C"): 1}
    uit = regioherstel.naar_tabel(t, doelen, eenheden)
    pd.testing.assert_frame_equal(uit, t)


def test_the_plans_risers_become_those_of_the_table_with_one_client():
    """Four regions of IPS, two units each: Tabel 3.1 has D (+30,0%) before C (+27,5%) as
    third riser after A (+100%) and B (+50%), the plan the other way round, every cell
    within its tolerance. One client who came and went moves between C and D: the risers are
    those of the table, every cell stays met, and stocks and national totals stay."""
    na = pd.NA
    rijen, doelen = [], []
    for regio, g in (("A", 44), ("B", 24), ("C", 16), ("D", 15)):
        rijen += [
            ("ips", regio, "2023Q1", 36, 0, na, na, 0),
            ("ips", regio, "2023Q2", 36, 4, 4, 0, 2),
            ("ips", regio, "2024Q1", 36, 0, 0, 0, 0),
            ("ips", regio, "2024Q2", 32 + g, 4, g, 0, 1),
        ]
        gepubliceerd = {"C": 15, "D": 16}.get(regio, g)  # the table: C 51, D 52 running
        doelen += [
            {"regio": regio, "jaar": "2023", "lopend_ips": 40.0, "gestart_ips": 4.0},
            {"regio": regio, "jaar": "2024", "lopend_ips": 36.0 + gepubliceerd,
             "gestart_ips": float(gepubliceerd)},
        ]  # fmt: skip
    t = _tabel(rijen)
    tabel = _doelen(*doelen)
    eenheden = {("ips", r): 2 for r in "ABCD"}
    vooraf = regioherstel.uitspraken(regioherstel.jaarcijfers_van_tabel(regioplan.per_regio(t)))
    assert vooraf["stijgers"] == "A;B;C"
    uit = regioherstel.naar_tabel(t, tabel, eenheden)
    plan = regioplan.per_regio(uit)
    assert regioherstel.uitspraken(regioherstel.jaarcijfers_van_tabel(plan))["stijgers"] == "A;B;D"
    assert regioherstel.uitspraken(regioherstel.jaarcijfers_van_tabel(tabel))["stijgers"] == "A;B;D"
    # one client of 2023Q2 (C's gain there weighs more than D's in 2024Q2): C 41 -> 52
    # running (+26,8%), D 39 -> 51 (+30,8%)
    verschil = (uit["G"].astype(float) - t["G"].astype(float)).fillna(0)
    assert verschil.abs().sum() == 2
    assert _kolom(uit, "C", "G")[1] == 5 and _kolom(uit, "D", "G")[1] == 3
    assert _kolom(uit, "C", "E")[1] == 5 and _kolom(uit, "D", "E")[1] == 3
    from werkmonitor.demo import tabel31

    gepland = plan.set_index(["regio", "jaar"])
    for x in tabel.itertuples(index=False):  # every cell within its tolerance, as before
        for k in ("lopend_ips", "gestart_ips"):
            assert tabel31.gereproduceerd(getattr(x, k), gepland.loc[(x.regio, x.jaar), k], k)
    for k in "SO":
        pd.testing.assert_series_equal(uit[k], t[k])
    for k in "GER":
        assert uit[k].sum() == t[k].sum()


def test_the_statements_of_chapter_3_in_plain_python_are_those_of_hoofdstuk3():
    """`regioherstel.uitspraken` (for the thousands of moves the last pass weighs) gives the
    statements of `hoofdstuk3.uitspraken` on the published Tabel 3.1, and on it with a
    region made too small to rank, one's result changed and a tie."""
    from werkmonitor.indicators import hoofdstuk3

    tabel = regioplan.tabel_3_1()
    anders = tabel.copy()
    anders.loc[anders["regio"] == "Twente", ["lopend_ips", "lopend_niet_ips"]] = [5.0, 4.0]
    anders.loc[anders["regio"] == "Flevoland", "pct_beeindigd_met_resultaat"] = 99.0
    anders.loc[anders["regio"] == "Achterhoek", ["lopend_ips", "lopend_niet_ips"]] = anders.loc[
        anders["regio"] == "Groningen", ["lopend_ips", "lopend_niet_ips"]
    ].to_numpy()
    for t in (tabel, anders):
        eigen = regioherstel.uitspraken(regioherstel.jaarcijfers_van_tabel(t))
        rapport = hoofdstuk3.uitspraken_van_tabel(t, "2024")
        assert eigen == {k: rapport[k] for k in eigen}
    assert "Twente" in eigen["te_klein"]
