import pandas as pd

from werkmonitor.privacy import (
    onderdruk_delen,
    onderdruk_tabel,
    primair,
    toon_percentage,
)


def test_primary_suppression_keeps_zero_and_five():
    assert primair(pd.Series([0, 1, 4, 5, 12])).tolist() == [False, True, True, False, False]


def test_one_small_part_takes_the_smallest_other_part_with_it():
    # total 40 = 3 + 7 + 30: showing 40, 7 and 30 would reveal the 3
    r = onderdruk_delen(pd.Series([3, 7, 30], index=["uwv", "gemeente", "overig"]))
    assert r.to_dict() == {"uwv": "primair", "gemeente": "secundair", "overig": ""}


def test_two_small_parts_protect_each_other():
    r = onderdruk_delen(pd.Series([2, 4, 30], index=["a", "b", "c"]))
    assert r.tolist() == ["primair", "primair", ""]


def test_zero_is_not_a_hiding_place():
    # 0 is not suppressed and cannot serve as the secondary cell
    r = onderdruk_delen(pd.Series([3, 0, 20], index=["a", "b", "c"]))
    assert r.tolist() == ["primair", "", "secundair"]


def test_table_with_total_row():
    t = pd.DataFrame(
        {"lopend": [40, 3, 12, 55], "gestart": [2, 1, 0, 3]},
        index=["ips", "wabz", "overig", "totaal"],
    )
    kopie = t.copy()
    uit, reden = onderdruk_tabel(t, ["lopend", "gestart"], "totaal")
    pd.testing.assert_frame_equal(t, kopie)
    assert reden["lopend"].tolist() == ["", "primair", "secundair", ""]
    assert uit["lopend"].isna().tolist() == [False, True, True, False]
    # started: 2 and 1 are small (protect each other); the total 3 is small too
    assert reden["gestart"].tolist() == ["primair", "primair", "", "primair"]


def test_percentages_need_a_denominator_of_ten():
    assert toon_percentage(10) and not toon_percentage(9) and not toon_percentage(None)
