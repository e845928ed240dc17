import pandas as pd

from werkmonitor.indicators.methods import beoogd_resultaat, gestart_en_verloren, som_per_regio

KOLOMMEN = ["organisatie", "regio", "traject", "periode", "lopend", "beeindigd"]


def _stand(rijen):
    return pd.DataFrame(rijen, columns=KOLOMMEN)


def _rij(df, org, regio, traject, periode):
    sel = df[
        (df.organisatie == org)
        & (df.regio == regio)
        & (df.traject == traject)
        & (df.periode == periode)
    ]
    assert len(sel) == 1
    return sel.iloc[0]


def test_started_and_lost_by_hand():
    stand = _stand(
        [
            # org A in Twente: 10 -> 12 with 3 ended: started 12 - (10 - 3) = 5
            ("A", "Twente", "ips", "2024Q1", 10, 2),
            ("A", "Twente", "ips", "2024Q2", 12, 3),
            # then 12 -> 6 with 1 ended: 6 - (12 - 1) = -5: started 0, lost 5
            ("A", "Twente", "ips", "2024Q3", 6, 1),
            # org B in Twente: 20 -> 18 with 4 ended: 18 - 16 = 2
            ("B", "Twente", "ips", "2024Q1", 20, 0),
            ("B", "Twente", "ips", "2024Q2", 18, 4),
            # org C delivers Q1 and Q2, but starts working in Drenthe in Q2: all 3 are new
            ("C", "Groningen", "ips", "2024Q1", 7, 1),
            ("C", "Groningen", "ips", "2024Q2", 7, 0),
            ("C", "Drenthe", "ips", "2024Q2", 3, 0),
        ]
    )
    uit = gestart_en_verloren(stand)
    a2, a3 = _rij(uit, "A", "Twente", "ips", "2024Q2"), _rij(uit, "A", "Twente", "ips", "2024Q3")
    assert (a2.gestart, a2.verloren) == (5, 0)
    assert (a3.gestart, a3.verloren) == (0, 5)
    b2 = _rij(uit, "B", "Twente", "ips", "2024Q2")
    assert (b2.gestart, b2.verloren) == (2, 0)
    c = _rij(uit, "C", "Drenthe", "ips", "2024Q2")
    assert (c.lopend_vorig, c.gestart, c.verloren) == (0, 3, 0)
    # region sum of started in Twente in Q2: 5 + 2 (method point 2 on the computed rows)
    q2 = uit[uit.periode == "2024Q2"]
    assert q2.groupby("regio")["gestart"].sum()["Twente"] == 7
    # started is never negative, and lost is what clipping removed
    assert (uit["gestart"].dropna() >= 0).all()


def test_first_quarter_and_skipped_quarter_are_not_computable():
    stand = _stand(
        [
            ("A", "Twente", "ips", "2024Q1", 10, 2),
            ("A", "Twente", "ips", "2024Q3", 9, 1),  # A did not deliver 2024Q2
            ("A", "Twente", "wabz", "2023Q3", 4, 0),  # WABZ not registered in 2023Q2
        ]
    )
    uit = gestart_en_verloren(stand)
    for periode, traject in (("2024Q1", "ips"), ("2024Q3", "ips"), ("2023Q3", "wabz")):
        r = _rij(uit, "A", "Twente", traject, periode)
        assert pd.isna(r.gestart) and pd.isna(r.verloren)


def test_unit_that_disappears_is_counted_as_lost():
    stand = _stand(
        [
            ("A", "Twente", "ips", "2024Q1", 5, 0),
            ("A", "Drenthe", "ips", "2024Q1", 2, 0),
            ("A", "Drenthe", "ips", "2024Q2", 2, 0),  # A delivers Q2, but no Twente row
        ]
    )
    uit = gestart_en_verloren(stand)
    t2 = _rij(uit, "A", "Twente", "ips", "2024Q2")
    assert (t2.lopend, t2.gestart, t2.verloren) == (0, 0, 5)


def test_input_is_not_changed():
    stand = _stand(
        [("A", "Twente", "ips", "2024Q1", 10, 2), ("A", "Twente", "ips", "2024Q2", 12, 3)]
    )
    kopie = stand.copy()
    gestart_en_verloren(stand)
    pd.testing.assert_frame_equal(stand, kopie)


def test_outflow_with_and_without_intended_result():
    rijen = pd.DataFrame(
        [
            ("ips", "beeindigd", "uitstroom", "met_betaald_werk", 206),
            ("ips", "beeindigd", "uitstroom", "zonder_betaald_werk_ooit_gewerkt", 102),
            ("ips", "beeindigd", "uitstroom", "nooit_gewerkt", 241),
            ("werkfit", "beeindigd", "resultaat", "met_beoogd_resultaat", 47),
            ("werkfit", "beeindigd", "resultaat", "zonder_beoogd_resultaat", 13),
            ("werkfit", "beeindigd", "resultaat", "voortijdig", 5),
            ("ips", "lopend", "totaal", "totaal", 4285),
        ],
        columns=["traject", "maat", "dimensie", "categorie", "waarde"],
    )
    uit = beoogd_resultaat(rijen).set_index(["traject", "categorie"])["waarde"]
    assert uit[("ips", "met_beoogd_resultaat")] == 308  # 206 + 102 (seed 001: 56,1% of 549)
    assert uit[("ips", "zonder_beoogd_resultaat")] == 241
    assert uit[("werkfit", "met_beoogd_resultaat")] == 47
    assert uit[("werkfit", "zonder_beoogd_resultaat")] == 18  # without + premature
    assert len(uit) == 4


def test_region_sum():
    d = pd.DataFrame(
        {"regio": ["Twente", "Twente", "Drenthe"], "traject": ["ips"] * 3, "waarde": [4, 6, 1]}
    )
    uit = som_per_regio(d, ["traject"]).set_index("regio")["waarde"]
    assert uit.to_dict() == {"Drenthe": 1, "Twente": 10}


def test_shares_of_all_trajects_divide_by_the_trajects_that_register_them():
    """Bijlage 3 points 7 and the breakdowns, for all trajects together (decision 9): unit A
    runs 10 IPS and 5 WABZ clients, unit B 8 IPS; only IPS registers its running clients by
    type, IPS and WABZ register paid work. A's 4 EPA clients are 40% of its 10 IPS clients
    (not of 15), its 6 workers 40% of 15; B's 2 EPA 25% of 8, its 2 workers 25% of 8. The
    shares per traject divide by the traject's own count."""
    from werkmonitor.indicators.methods import percentages

    kolommen = ["eenheid", "traject", "maat", "dimensie", "categorie", "waarde"]
    rijen = [
        ("A", "ips", "lopend", "totaal", "totaal", 10),
        ("A", "wabz", "lopend", "totaal", "totaal", 5),
        ("A", "totaal", "lopend", "totaal", "totaal", 15),
        ("A", "ips", "lopend", "type", "epa", 4),
        ("A", "totaal", "lopend", "type", "epa", 4),
        ("A", "ips", "betaald_werk", "totaal", "totaal", 5),
        ("A", "wabz", "betaald_werk", "totaal", "totaal", 1),
        ("A", "totaal", "betaald_werk", "totaal", "totaal", 6),
        ("B", "ips", "lopend", "totaal", "totaal", 8),
        ("B", "totaal", "lopend", "totaal", "totaal", 8),
        ("B", "ips", "lopend", "type", "epa", 2),
        ("B", "totaal", "lopend", "type", "epa", 2),
        ("B", "ips", "betaald_werk", "totaal", "totaal", 2),
        ("B", "totaal", "betaald_werk", "totaal", "totaal", 2),
    ]
    tabel = pd.DataFrame(rijen, columns=kolommen)
    tabel["waarde"] = tabel["waarde"].astype("Int64")
    geregistreerd = {
        ("ips", "lopend", "type"),
        ("ips", "betaald_werk", None),
        ("wabz", "betaald_werk", None),
    }

    def registreert(traject, maat, dimensie):
        return (traject, maat, dimensie) in geregistreerd

    pct = percentages(tabel, registreert)
    gezien = {
        (r.eenheid, r.traject, r.maat, r.dimensie): (round(r.waarde, 6), r.noemer)
        for r in pct.itertuples(index=False)
    }
    assert gezien[("A", "totaal", "lopend", "type")] == (40.0, 10.0)
    assert gezien[("B", "totaal", "lopend", "type")] == (25.0, 8.0)
    assert gezien[("A", "totaal", "betaald_werk", "totaal")] == (40.0, 15.0)
    assert gezien[("B", "totaal", "betaald_werk", "totaal")] == (25.0, 8.0)
    assert gezien[("A", "wabz", "betaald_werk", "totaal")] == (20.0, 5.0)
    assert gezien[("A", "ips", "lopend", "type")] == (40.0, 10.0)
    assert tabel["waarde"].tolist()[:3] == [10, 5, 15]  # the input unchanged
