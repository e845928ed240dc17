import pandas as pd

from werkmonitor.indicators import privacy
from werkmonitor.indicators.privacy import (
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


def _indicatortabel(rijen):
    """A one-period indicator table from (traject, maat, dimensie, categorie, grootheid,
    waarde, noemer) tuples."""
    t = pd.DataFrame(
        rijen,
        columns=["traject", "maat", "dimensie", "categorie", "grootheid", "waarde", "noemer"],
    )
    return t.assign(periode="2025Q4", niveau="landelijk", eenheid="")


def _reden(uit, traject, maat, dimensie="totaal", categorie="totaal", grootheid="aantal"):
    r = uit[
        (uit.traject == traject)
        & (uit.maat == maat)
        & (uit.dimensie == dimensie)
        & (uit.categorie == categorie)
        & (uit.grootheid == grootheid)
    ]
    return r["onderdrukt"].iloc[0]


def test_indicator_table_suppression_by_hand():
    # running: IPS 40 (gemeente 30, uwv 3, overig 7), WABZ 2, overig 12; total 54
    a = "aantal"
    tabel = _indicatortabel(
        [
            ("ips", "lopend", "totaal", "totaal", a, 40, None),
            ("ips", "lopend", "financiering", "gemeente", a, 30, None),
            ("ips", "lopend", "financiering", "uwv", a, 3, None),
            ("ips", "lopend", "financiering", "overig", a, 7, None),
            ("wabz", "lopend", "totaal", "totaal", a, 2, None),
            ("overig", "lopend", "totaal", "totaal", a, 12, None),
            ("totaal", "lopend", "totaal", "totaal", a, 54, None),
            ("totaal", "aantal_organisaties", "totaal", "totaal", a, 2, None),
            ("ips", "betaald_werk", "totaal", "totaal", a, 14, None),
            ("ips", "betaald_werk", "totaal", "totaal", "procent", 35.0, 40),
            ("wabz", "betaald_werk", "totaal", "totaal", a, 0, None),
            ("wabz", "betaald_werk", "totaal", "totaal", "procent", 0.0, 2),
            ("overig", "betaald_werk", "totaal", "totaal", a, 6, None),
            ("overig", "betaald_werk", "totaal", "totaal", "procent", 50.0, 12),
            ("ips", "lopend", "financiering", "uwv", "procent", 7.5, 40),
        ]
    )
    kopie = tabel.copy()
    uit = privacy.onderdruk_indicatoren(tabel)
    pd.testing.assert_frame_equal(tabel, kopie)  # input unchanged
    assert "noemer" not in uit
    # financing: uwv 3 is small, the smallest other part (overig 7) goes with it
    assert _reden(uit, "ips", "lopend", "financiering", "uwv") == "primair"
    assert _reden(uit, "ips", "lopend", "financiering", "overig") == "secundair"
    assert _reden(uit, "ips", "lopend", "financiering", "gemeente") == ""
    # trajects: WABZ 2 is small; IPS is protected, so the other traject (overig 12) goes
    assert _reden(uit, "wabz", "lopend") == "primair"
    assert _reden(uit, "overig", "lopend") == "secundair"
    assert _reden(uit, "ips", "lopend") == "" and _reden(uit, "totaal", "lopend") == ""
    # percentages: a denominator of 2 is too small; overig's share would reveal its running
    # count (6 of 12); the share of a hidden count is hidden
    assert _reden(uit, "wabz", "betaald_werk", grootheid="procent") == "noemer"
    assert _reden(uit, "overig", "betaald_werk", grootheid="procent") == "afgeleid"
    assert _reden(uit, "ips", "lopend", "financiering", "uwv", "procent") == "afgeleid"
    assert _reden(uit, "ips", "betaald_werk", grootheid="procent") == ""
    # the number of organisations is not a count of clients
    assert _reden(uit, "totaal", "aantal_organisaties") == ""
    verborgen = uit[uit["onderdrukt"] != ""]
    assert verborgen["waarde"].isna().all()
    assert uit[uit["onderdrukt"] == ""]["waarde"].notna().all()


def test_only_ips_left_hides_the_total_instead():
    # WABZ 3 is small and IPS is the only other traject: the all-trajects total is hidden
    a = "aantal"
    tabel = _indicatortabel(
        [
            ("ips", "gestart", "totaal", "totaal", a, 20, None),
            ("wabz", "gestart", "totaal", "totaal", a, 3, None),
            ("totaal", "gestart", "totaal", "totaal", a, 23, None),
        ]
    )
    uit = privacy.onderdruk_indicatoren(tabel)
    assert [_reden(uit, t, "gestart") for t in ("ips", "wabz", "totaal")] == [
        "",
        "primair",
        "secundair",
    ]


def test_empty_indicator_table_stays_empty():
    leeg = _indicatortabel([])
    uit = privacy.onderdruk_indicatoren(leeg)
    assert uit.empty and "onderdrukt" in uit and "noemer" not in uit


def test_a_hidden_total_is_not_revealed_by_a_breakdown_shown_in_full():
    """A region's Werkfit: 13 ended, 3 of them early (voortijdig, small), the rest without
    intended result. The UWV breakdown hides 'voortijdig' and, with it, 'zonder' (10); the
    trajects hide the ended total (the only other traject with ended clients is hidden).
    The plain breakdown 'met' 0 + 'zonder' 13 would show the hidden total: its 13 is hidden
    too (0 is no hiding place). It was shown until 4 December 2026."""
    a = "aantal"
    tabel = _indicatortabel(
        [
            ("werkfit", "beeindigd", "totaal", "totaal", a, 13, None),
            ("werkfit", "beeindigd", "resultaat", "met_beoogd_resultaat", a, 0, None),
            ("werkfit", "beeindigd", "resultaat", "zonder_beoogd_resultaat", a, 13, None),
            ("werkfit", "beeindigd", "resultaat_uwv", "met_beoogd_resultaat", a, 0, None),
            ("werkfit", "beeindigd", "resultaat_uwv", "voortijdig", a, 3, None),
            ("werkfit", "beeindigd", "resultaat_uwv", "zonder_beoogd_resultaat", a, 10, None),
            ("naar_werk", "beeindigd", "totaal", "totaal", a, 2, None),
            ("ips", "beeindigd", "totaal", "totaal", a, 30, None),
            ("totaal", "beeindigd", "totaal", "totaal", a, 45, None),
        ]
    )
    uit = privacy.onderdruk_indicatoren(tabel)
    assert _reden(uit, "naar_werk", "beeindigd") == "primair"
    assert _reden(uit, "werkfit", "beeindigd") == "secundair"  # the smallest other traject
    assert _reden(uit, "werkfit", "beeindigd", "resultaat_uwv", "voortijdig") == "primair"
    assert _reden(uit, "werkfit", "beeindigd", "resultaat_uwv", "zonder_beoogd_resultaat") != ""
    zonder = _reden(uit, "werkfit", "beeindigd", "resultaat", "zonder_beoogd_resultaat")
    assert zonder == "secundair"
    assert _reden(uit, "werkfit", "beeindigd", "resultaat", "met_beoogd_resultaat") == ""
    # every sum of parts and total now has none or at least two hidden cells
    assert _reden(uit, "ips", "beeindigd") == "" and _reden(uit, "totaal", "beeindigd") == ""


def test_a_hidden_cell_follows_from_the_sums_only_when_nothing_else_can_change():
    """`_afleidbaar`: the hidden cells fixed by the sums. Positions 0..4: a total 10 = 3 +
    7 with both parts hidden (free: 3 + 7 or 4 + 6 …); and a total hidden beside its one
    hidden part in a second sum whose other part is shown (fixed: total − shown part)."""
    import numpy as np

    verborgen = np.array([False, True, True, True, True, False])
    vrij = [(np.array([1, 2]), 0, False)]
    assert privacy._afleidbaar(vrij, verborgen) == set()
    # cell 3 = cell 4 + cell 5 and cell 4 = cell 1: still free (one degree of freedom)
    gekoppeld = [*vrij, (np.array([4, 5]), 3, False), (np.array([1]), 4, False)]
    assert privacy._afleidbaar(gekoppeld, verborgen) == set()
    # and cell 1 = cell 5 (shown): cells 1 and 4 follow, then 2 (10 − cell 1) and 3
    vast = [*gekoppeld, (np.array([5]), 1, False)]
    assert privacy._afleidbaar(vast, verborgen) == {1, 2, 3, 4}


def _stroomtabel(lopend, beeindigd, gestart, verloren, traject="jobcoaching"):
    a = "aantal"
    return _indicatortabel(
        [
            (traject, "lopend", "totaal", "totaal", a, lopend, None),
            (traject, "beeindigd", "totaal", "totaal", a, beeindigd, None),
            (traject, "gestart", "totaal", "totaal", a, gestart, None),
            (traject, "verloren", "totaal", "totaal", a, verloren, None),
        ]
    )


def test_a_small_count_is_not_given_away_by_the_flows_of_the_quarter():
    """Jobcoaching of one unit: 15 running last quarter (shown in the trend figure), 12 now,
    3 ended (small), none started and none lost. Running + ended + lost - started is last
    quarter's running count, so with only the 3 hidden a reader finds 15 - 12 = 3. With the
    previous quarter the flow is one of the sums: a second cell is hidden, a zero flow
    (started or lost: computed, and hiding a zero hides as well as any value), not the
    running count. Without it nothing links the quarters, as before."""
    nu = _stroomtabel(lopend=12, beeindigd=3, gestart=0, verloren=0)
    vorige = _stroomtabel(lopend=15, beeindigd=2, gestart=1, verloren=0)
    los = privacy.onderdruk_indicatoren(nu)
    assert [_reden(los, "jobcoaching", m) for m in ("lopend", "beeindigd", "gestart")] == [
        "",
        "primair",
        "",
    ]
    uit = privacy.onderdruk_indicatoren(nu, vorige=vorige)
    assert _reden(uit, "jobcoaching", "beeindigd") == "primair"
    assert _reden(uit, "jobcoaching", "lopend") == ""
    tweede = [m for m in ("gestart", "verloren") if _reden(uit, "jobcoaching", m) == "secundair"]
    assert len(tweede) == 1
    # a previous running count that was small itself ties nothing (it was not shown)
    klein = _stroomtabel(lopend=4, beeindigd=0, gestart=0, verloren=0)
    assert privacy._stromen(nu, nu["waarde"].to_numpy(dtype=float), klein) == []


def test_a_flow_that_does_not_add_up_is_no_sum():
    """Started and lost are NA where the previous quarter is missing for a part of the
    unit; a flow whose numbers do not fit the equation is left out of the audit (it would
    tie cells that are not tied)."""
    nu = _stroomtabel(lopend=12, beeindigd=3, gestart=0, verloren=0)
    vorige = _stroomtabel(lopend=20, beeindigd=2, gestart=1, verloren=0)
    assert privacy._stromen(nu, nu["waarde"].to_numpy(dtype=float), vorige) == []


def test_the_audit_names_a_small_count_that_the_flows_give_away():
    """`afleidbaar`, the audit the checks page runs: suppressed without the quarter before,
    the 3 ended clients follow from 15 running last quarter (as that report showed it), 12
    now and no one started or lost; suppressed with it, nothing follows. A running count
    that last quarter's report hid ties nothing."""
    nu = _stroomtabel(lopend=12, beeindigd=3, gestart=0, verloren=0)
    vorige = _stroomtabel(lopend=15, beeindigd=2, gestart=1, verloren=0)
    getoond = privacy.onderdruk_indicatoren(vorige)
    los = privacy.onderdruk_indicatoren(nu)
    bloot = privacy.afleidbaar(los, nu, getoond)
    assert bloot[["traject", "maat"]].values.tolist() == [["jobcoaching", "beeindigd"]]
    assert privacy.afleidbaar(los, nu).empty  # the sums alone give nothing away
    verborgen_vorige = getoond.assign(onderdrukt="secundair")
    assert privacy.afleidbaar(los, nu, verborgen_vorige).empty
    goed = privacy.onderdruk_indicatoren(nu, vorige=vorige)
    assert privacy.afleidbaar(goed, nu, getoond).empty
