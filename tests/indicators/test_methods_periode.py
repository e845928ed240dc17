"""Hand-computed cases for the half-year and year methods (Bijlage 3, points 3-8)."""

import pandas as pd
import pytest

from werkmonitor.indicators.methods import voorraad_over_periode
from werkmonitor.indicators.table import eenheidsrijen, periodetabel, waarde

T = "totaal"


def registraties(rijen):
    """Tidy registrations from (org, regio, traject, periode, {maat or (maat,dim,cat): n})."""
    uit = []
    for org, regio, traject, periode, waarden in rijen:
        for sleutel, n in waarden.items():
            maat, dim, cat = (sleutel, T, T) if isinstance(sleutel, str) else sleutel
            uit.append((periode, org, regio, traject, maat, dim, cat, n))
    kol = ["periode", "organisatie", "regio", "traject", "maat", "dimensie", "categorie"]
    return pd.DataFrame(uit, columns=[*kol, "waarde"])


def fin(uwv, gemeente):
    return {
        ("lopend", "financiering", "uwv"): uwv,
        ("lopend", "financiering", "gemeente"): gemeente,
    }


def werk(bw, gestart, gestopt, duurzaam):
    return {
        "betaald_werk": bw,
        "gestart_betaald_werk": gestart,
        "gestopt_betaald_werk": gestopt,
        "duurzaam_betaald_werk": duurzaam,
    }


def vrijwillig(n):
    return {("onbetaald_werk", "soort", "vrijwilligerswerk_wep"): n}


# One IPS unit through 2024, with the quarter before it (2023Q4) for the first flows.
# started: Q1 10-(8-2)=4; Q2 12-(10-3)=5; Q3 6-(12-1)=-5 -> 0, lost 5; Q4 9-(6-0)=3
# paid work lost: Q1 4+1-1-4=0; Q2 4+2-0-5=1; Q3 0; Q4 5+1-1-4=1
JAAR = registraties(
    [
        (
            "A",
            "Twente",
            "ips",
            "2023Q4",
            {"lopend": 8, "beeindigd": 0, **fin(4, 4), **werk(4, 0, 0, 2), **vrijwillig(1)},
        ),
        (
            "A",
            "Twente",
            "ips",
            "2024Q1",
            {"lopend": 10, "beeindigd": 2, **fin(5, 5), **werk(4, 1, 1, 2), **vrijwillig(2)},
        ),
        (
            "A",
            "Twente",
            "ips",
            "2024Q2",
            {"lopend": 12, "beeindigd": 3, **fin(12, 0), **werk(5, 2, 0, 5), **vrijwillig(4)},
        ),
        (
            "A",
            "Twente",
            "ips",
            "2024Q3",
            {"lopend": 6, "beeindigd": 1, **fin(3, 3), **werk(5, 0, 0, 0), **vrijwillig(0)},
        ),
        (
            "A",
            "Twente",
            "ips",
            "2024Q4",
            {"lopend": 9, "beeindigd": 0, **fin(9, 0), **werk(4, 1, 1, 2), **vrijwillig(6)},
        ),
    ]
)


def _w(tabel, *args, **kw):
    return waarde(tabel, *args, **kw)


def test_running_over_a_year_is_the_published_sum():
    t = periodetabel(JAAR, "2024")
    # A + B + C of Q1 (4 + 10 + 2) + D2-4 (5 + 0 + 3) + O1-4 (0 + 0 + 5 + 0) = 29
    assert _w(t, "ips", "lopend") == 29
    assert _w(t, "ips", "gestart") == 12  # point 5: sum of the quarters
    assert _w(t, "ips", "beeindigd") == 6
    assert _w(t, "ips", "verloren") == 5


def test_stock_flow_alternative_is_stock_at_start_plus_all_starts():
    t = periodetabel(JAAR, "2024", methode="voorraad_stroom")
    assert _w(t, "ips", "lopend") == 8 + 12  # running in 2023Q4 + every start in 2024


def test_breakdown_of_running_uses_each_quarters_proportion():
    t = periodetabel(JAAR, "2024")
    # flows added: Q1 4+0+2=6 (half uwv), Q2 5 (all uwv), Q3 0+5=5 (half), Q4 3 (all uwv)
    assert _w(t, "ips", "lopend", "financiering", "uwv") == pytest.approx(5 + 3 + 5 + 2.5 + 3)
    assert _w(t, "ips", "lopend", "financiering", "gemeente") == pytest.approx(5 + 3 + 2.5)
    pct = _w(t, "ips", "lopend", "financiering", "uwv", grootheid="procent")
    assert pct == pytest.approx(18.5 / 29 * 100)


def test_paid_work_and_sustainable_work_over_a_year():
    t = periodetabel(JAAR, "2024")
    # Q1 4 + started and stopped in Q1 (1 + 1) + started Q2-4 (2 + 0 + 1) + lost (0+1+0+1)
    assert _w(t, "ips", "betaald_werk") == 11
    # duurzaam: 2 in Q1 + proportion x added flow: 0.5 x 2 + 1 x 3 + 0 x 0 + 0.5 x 2
    assert _w(t, "ips", "duurzaam_betaald_werk") == pytest.approx(7)
    assert _w(t, "ips", "verloren_betaald_werk") == 2
    # point 7: yearly count / yearly running
    assert _w(t, "ips", "betaald_werk", grootheid="procent") == pytest.approx(11 / 29 * 100)


def test_unpaid_work_is_the_average_per_quarter():
    t = periodetabel(JAAR, "2024")
    assert _w(t, "ips", "onbetaald_werk", "soort", "vrijwilligerswerk_wep") == 3  # (2+4+0+6)/4


def test_half_year_uses_its_own_first_quarter():
    t = periodetabel(JAAR, "2024H2")
    # Q3 is the first quarter: A 0 + B 6 + C 1 + D4 3 + O3 5 = 15
    assert _w(t, "ips", "lopend") == 15


def test_traject_that_starts_mid_year():
    reg = registraties(
        [
            ("A", "Twente", "wabz", "2023Q3", {"lopend": 4, "beeindigd": 1, **vrijwillig(2)}),
            ("A", "Twente", "wabz", "2023Q4", {"lopend": 6, "beeindigd": 1, **vrijwillig(4)}),
        ]
    )
    t = periodetabel(reg, "2023")
    # first quarter is 2023Q3 (started there not computable): 4 + 1 + started in Q4 (3)
    assert _w(t, "wabz", "lopend") == 8
    assert _w(t, "wabz", "gestart") == 3
    # average over the 2 quarters in which WABZ was registered, not over 4
    assert _w(t, "wabz", "onbetaald_werk", "soort", "vrijwilligerswerk_wep") == 3


def test_organisation_that_skips_a_quarter():
    reg = registraties(
        [
            ("B", "Drenthe", "ips", "2023Q4", {"lopend": 5, "beeindigd": 0}),
            ("B", "Drenthe", "ips", "2024Q1", {"lopend": 5, "beeindigd": 0}),
            # no delivery in 2024Q2: started in Q3 is not computable
            ("B", "Drenthe", "ips", "2024Q3", {"lopend": 7, "beeindigd": 1}),
            ("B", "Drenthe", "ips", "2024Q4", {"lopend": 7, "beeindigd": 0}),
        ]
    )
    rijen = eenheidsrijen(reg, "2024Q3")
    assert rijen[rijen.maat == "gestart"]["waarde"].isna().all()
    t = periodetabel(reg, "2024")
    assert _w(t, "ips", "lopend") == 5  # 0 + 5 + 0 + (NA -> 0) + 0: the gap hides starts
    assert _w(t, "ips", "gestart") == 0


def test_negative_flow_is_lost_not_negative_started():
    t = periodetabel(JAAR, "2024Q3")
    assert _w(t, "ips", "gestart") == 0 and _w(t, "ips", "verloren") == 5


def test_zero_denominator_gives_no_percentage():
    reg = registraties(
        [
            ("A", "Twente", "ips", "2024Q1", {"lopend": 0, "beeindigd": 0, "betaald_werk": 0}),
            ("A", "Twente", "werkfit", "2024Q1", {"lopend": 3, "beeindigd": 0}),
        ]
    )
    t = periodetabel(reg, "2024Q1")
    assert _w(t, "ips", "betaald_werk", grootheid="procent") is None
    assert _w(t, T, "beeindigd", "resultaat", "met_beoogd_resultaat", grootheid="procent") is None


def test_paid_work_percentage_of_all_trajects_uses_registering_trajects():
    reg = registraties(
        [
            ("A", "Twente", "ips", "2024Q1", {"lopend": 10, "beeindigd": 0, "betaald_werk": 4}),
            ("A", "Twente", "werkfit", "2024Q1", {"lopend": 10, "beeindigd": 0}),
        ]
    )
    t = periodetabel(reg, "2024Q1")
    assert _w(t, T, "betaald_werk", grootheid="procent") == 40  # 4 / 10, not 4 / 20


def test_percentage_ended_with_intended_result():
    u = "uitstroom"
    reg = registraties(
        [
            (
                "A",
                "Twente",
                "ips",
                "2024Q1",
                {
                    "lopend": 20,
                    "beeindigd": 8,
                    ("beeindigd", u, "met_betaald_werk"): 3,
                    ("beeindigd", u, "zonder_betaald_werk_ooit_gewerkt"): 1,
                    ("beeindigd", u, "nooit_gewerkt"): 4,
                },
            ),
            (
                "A",
                "Twente",
                "werkfit",
                "2024Q1",
                {
                    "lopend": 9,
                    "beeindigd": 4,
                    ("beeindigd", "resultaat", "met_beoogd_resultaat"): 1,
                    ("beeindigd", "resultaat", "voortijdig"): 3,
                },
            ),
        ]
    )
    t = periodetabel(reg, "2024Q1")
    assert _w(t, "ips", "beeindigd", "resultaat", "met_beoogd_resultaat", grootheid="procent") == 50
    assert (
        _w(t, "werkfit", "beeindigd", "resultaat", "met_beoogd_resultaat", grootheid="procent")
        == 25
    )
    # all trajects: (3 + 1 + 1) / 12
    pct = _w(t, T, "beeindigd", "resultaat", "met_beoogd_resultaat", grootheid="procent")
    assert pct == pytest.approx(5 / 12 * 100)


def test_year_methods_leave_their_input_alone():
    kopie = JAAR.copy()
    periodetabel(JAAR, "2024")
    pd.testing.assert_frame_equal(JAAR, kopie)
    rijen = eenheidsrijen(JAAR, "2024Q2")
    kopie = rijen.copy()
    voorraad_over_periode(rijen, "lopend")
    pd.testing.assert_frame_equal(rijen, kopie)


def test_unknown_method_is_refused_in_dutch():
    with pytest.raises(ValueError, match="Onbekende methode 'x': kies uit gepubliceerd"):
        periodetabel(JAAR, "2024", methode="x")


def test_no_share_of_a_quarterly_average_in_an_annual_total():
    def pct(t, maat, dimensie="totaal", categorie="totaal"):
        r = t[
            (t["traject"] == "ips")
            & (t["maat"] == maat)
            & (t["dimensie"] == dimensie)
            & (t["categorie"] == categorie)
            & (t["grootheid"] == "procent")
        ]
        return None if r.empty else float(r["waarde"].iloc[0])

    jaar = periodetabel(JAAR, "2024")
    # unpaid work over the year is an average per quarter: no % of the year's running count
    assert pct(jaar, "onbetaald_werk", "soort", "vrijwilligerswerk_wep") is None
    # ever worked likewise (checked on the method itself: 6 of 12 running)
    from werkmonitor.indicators import methods
    from werkmonitor.indicators.table import _registreert

    tellingen = pd.DataFrame(
        [
            ("", "ips", m, "totaal", "totaal", w)
            for m, w in (("lopend", 12), ("ooit_betaald_werk", 6))
        ],
        columns=["eenheid", "traject", "maat", "dimensie", "categorie", "waarde"],
    )
    per_kwartaal = methods.percentages(tellingen, _registreert, kwartaal=True)
    ooit = per_kwartaal[per_kwartaal["maat"] == "ooit_betaald_werk"]
    assert ooit["waarde"].tolist() == [50.0]
    per_jaar = methods.percentages(tellingen, _registreert, kwartaal=False)
    assert "ooit_betaald_werk" not in set(per_jaar["maat"])
    # paid work is a count over the year like running (point 4): its % stays
    assert pct(jaar, "betaald_werk") is not None
    # in a quarter both are counts at the same moment: the % is there
    kwartaal = periodetabel(JAAR, "2024Q2")
    assert pct(kwartaal, "onbetaald_werk", "soort", "vrijwilligerswerk_wep") == pytest.approx(
        100
        * _w(kwartaal, "ips", "onbetaald_werk", "soort", "vrijwilligerswerk_wep")
        / _w(kwartaal, "ips", "lopend")
    )
