from decimal import Decimal

import pandas as pd

from werkmonitor.indicators.comparison import procentpunten, verandering, vergelijk


def test_change_on_seed_numbers():
    v = verandering(5023, 5112)
    assert v.verschil == -89
    assert v.richting == "daling"
    assert round(v.procent, 4) == Decimal("-1.7410")  # 89 / 5112, not 89 / 5023
    w = verandering(5023, 4740)
    assert w.verschil == 283
    assert round(w.procent, 4) == Decimal("5.9705")


def test_change_from_zero_has_no_percentage():
    v = verandering(12, 0)
    assert v.verschil == 12 and v.procent is None
    assert verandering(None, 3) is None


def test_percentage_points():
    assert procentpunten(34.1, 32.2) == 34.1 - 32.2
    assert procentpunten(None, 3.0) is None


def test_vergelijk_joins_on_keys_and_leaves_input_alone():
    nu = pd.DataFrame({"k": ["a", "b", "c"], "waarde": [10, 5, 7]})
    eerder = pd.DataFrame({"k": ["a", "b"], "waarde": [8, 0]})
    kopie = nu.copy()
    uit = vergelijk(nu, eerder, ["k"], "vorige")
    pd.testing.assert_frame_equal(nu, kopie)
    assert uit["verschil_vorige"].tolist()[:2] == [2, 5]
    assert uit["procent_vorige"].iloc[0] == 25.0
    assert pd.isna(uit["procent_vorige"].iloc[1])  # earlier value 0
    assert pd.isna(uit["waarde_vorige"].iloc[2])  # no earlier row


def test_csv_export_cells_never_start_a_formula():
    from werkmonitor.indicators.table import veilige_cel, voor_export

    assert [veilige_cel(x) for x in ["=1+1", "+31", "-x", "@SUM", "Twente", 5, None]] == [
        "'=1+1",
        "'+31",
        "'-x",
        "'@SUM",
        "Twente",
        5,
        None,
    ]
    tabel = pd.DataFrame({"eenheid": ["=HYPERLINK(1)", "Twente"], "waarde": [1.0, 2.0]})
    uit = voor_export(tabel)
    assert list(uit["eenheid"]) == ["'=HYPERLINK(1)", "Twente"]
    assert list(uit["waarde"]) == ["1", "2"]
    assert list(tabel["eenheid"]) == ["=HYPERLINK(1)", "Twente"]  # the input is unchanged
