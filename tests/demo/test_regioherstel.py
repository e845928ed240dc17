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
