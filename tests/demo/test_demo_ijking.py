"""The demo as the strongest end-to-end test: run through the real intake and methods, the
national output of `werkmonitor cijfers` gives back the published figures (issue 5).

Every published figure is compared at once; the ones that cannot agree are the documented
items of docs/methoden.md (section "Demodata"), each with its explanation. A new mismatch,
or a documented one that disappears, fails the test with the full list.
"""

import numpy as np
import pandas as pd
import pytest

from werkmonitor import store
from werkmonitor.cli import main
from werkmonitor.demo import aanleveringen
from werkmonitor.indicators.reference import (
    vergelijk_aandelen,
    vergelijk_met_referentie,
    vergelijk_veranderingen,
)
from werkmonitor.paths import PROJECT

METHODEN = (PROJECT / "docs" / "methoden.md").read_text(encoding="utf-8")
PERIODEN = ["2023", "2024", "2023H2", "2024H2", "2024Q4", "2025Q3", "2025Q4"]

# (periode, traject, maat, categorie, eenheid) -> documented item in docs/methoden.md
BEKEND = {
    ("2025Q4", "totaal", "betaald_werk", "totaal", "aantal"): "A1",
    ("2025Q4", "totaal", "ooit_betaald_werk", "totaal", "aantal"): "A2",
    ("2025Q4", "totaal", "duurzaam_betaald_werk", "totaal", "aantal"): "A3",
    ("2025Q3", "totaal", "betaald_werk", "totaal", "aantal"): "A4",
    ("2025Q4", "ips", "gestart_sinds_jaarstart", "gemeentelijke_ips_regeling", "aantal"): "A5",
    ("2025Q4", "naar_werk", "beeindigd", "zonder_of_voortijdig", "procent"): "A6",
    ("2025Q4", "totaal", "betaald_werk", "totaal", "procent"): "A7",
    ("2025Q4", "totaal", "ooit_betaald_werk", "totaal", "procent"): "A7",
    ("2025Q4", "totaal", "duurzaam_betaald_werk", "totaal", "procent"): "A7",
    ("2024", "totaal", "beeindigd", "met_beoogd_resultaat", "aantal"): "A8",
    ("2024", "totaal", "beeindigd", "met_beoogd_resultaat", "procent"): "A8",
    ("2024", "ips", "betaald_werk", "totaal", "procent"): "A9",
    ("2024", "wabz", "betaald_werk", "totaal", "procent"): "A9",
    ("2024", "overig", "betaald_werk", "totaal", "procent"): "A9",
    ("2023", "overig", "lopend", "totaal", "aantal"): "D1",
    ("2024", "overig", "gestart", "totaal", "aantal"): "D1",
    ("2023", "wabz", "gestart", "totaal", "aantal"): "D2",
    ("2024", "wabz", "gestart", "totaal", "aantal"): "D2",
    ("2023", "totaal", "betaald_werk", "totaal", "procent"): "D3",
}


@pytest.fixture(scope="module")
def cijfers(demo_db, tmp_path_factory):
    """The national tables of the calibrated periods, written by the CLI and read back."""
    map_ = tmp_path_factory.mktemp("cijfers")
    tabellen = {}
    for periode in PERIODEN:
        uit = map_ / f"{periode}.csv"
        assert (
            main(["cijfers", "--periode", periode, "--db", str(demo_db), "--uitvoer", str(uit)])
            == 0
        )
        t = pd.read_csv(uit, keep_default_na=False, dtype={"periode": str})
        t["waarde"] = pd.to_numeric(t["waarde"])
        tabellen[periode] = t
    return tabellen


def test_demo_gives_back_the_published_figures(cijfers):
    v = vergelijk_met_referentie(cijfers)
    mis = v[~v["klopt"]]
    gevonden = {(r.periode, r.traject, r.maat, r.categorie, r.eenheid) for r in mis.itertuples()}
    lijst = mis[
        ["periode", "traject", "maat", "dimensie", "categorie", "eenheid", "waarde", "berekend"]
    ]
    assert gevonden == set(BEKEND), "\n" + lijst.to_string()
    # the exact ones really are exact, also every count of the three quarters
    exact = v[(v["regel"] == "exact") & v["klopt"]]
    assert (exact["berekend"] == exact["waarde"]).all()
    assert len(v[v["klopt"]]) >= 210


def test_demo_follows_the_printed_changes_it_says_it_does(cijfers):
    """Each printed change between two periods (gepubliceerde_veranderingen.csv) says whether
    the demo gives it (`demo`), and why not (`reden`); a change that stops or starts agreeing
    fails with the whole list."""
    v = vergelijk_veranderingen(cijfers)
    anders = v[v["klopt"] != (v["demo"] == "ja")]
    kolommen = ["code", "periode", "eerder", "traject", "maat", "categorie", "verschil"]
    assert anders.empty, "\n" + anders[[*kolommen, "berekend_verschil", "demo"]].to_string()
    assert (v.loc[v["demo"] == "nee", "reden"].str.len() > 10).all()
    assert v["klopt"].sum() == 44 and len(v) == 50


def test_demo_gives_the_printed_shares_it_says_it_does(cijfers):
    """The printed shares with their own denominator (gepubliceerde_aandelen.csv)."""
    v = vergelijk_aandelen(cijfers)
    anders = v[v["klopt"] != (v["demo"] == "ja")]
    assert anders.empty, "\n" + anders[["code", "periode", "procent", "berekend"]].to_string()
    assert v["klopt"].tolist() == [True] * 6


def test_every_known_item_is_documented():
    for code in set(BEKEND.values()):
        assert f"| {code} |" in METHODEN, code


def test_time_to_first_job_percentages_as_printed(cijfers):
    t = cijfers["2025Q4"]
    pct = t[(t.maat == "duur_tot_eerste_baan") & (t.grootheid == "procent") & (t.traject == "ips")]
    pct = pct.set_index("categorie")["waarde"].astype(float)
    assert round(pct["minder_dan_3_mnd"], 1) == 34.1 and round(pct["meer_dan_9_mnd"], 1) == 40.2


def test_untidiness_is_in_the_store(demo_db):
    # the organisations of the demo's seed (without simulating the data again)
    orgs = aanleveringen.organisaties(np.random.default_rng(aanleveringen.ZAAD))
    ander = aanleveringen.onregelmatigheden(orgs)
    with store.open_store(demo_db, alleen_lezen=True) as con:
        alle = store.alle_leveringen(con)
        geldig = store.geldige_leveringen(con)
        reg = store.registraties(con, perioden=["2025Q4"])
    # a quarter missed
    org, periode = ander.overslaan
    assert alle[(alle.organisatie == org) & (alle.periode == periode)].empty
    # a correction: two deliveries, the later one in force
    org, periode = ander.correctie
    twee = alle[(alle.organisatie == org) & (alle.periode == periode)].sort_values("ontvangen_op")
    assert len(twee) == 2
    in_kracht = geldig[(geldig.organisatie == org) & (geldig.periode == periode)]
    assert in_kracht["levering_id"].tolist() == [twee["levering_id"].iloc[1]]
    # a late delivery: received weeks after the others of its quarter
    org, periode = ander.laat
    kwartaal = alle[alle.periode == periode]
    laat = kwartaal[kwartaal.organisatie == org]["ontvangen_op"].iloc[0]
    assert (laat - kwartaal["ontvangen_op"].median()).days >= 50
    # organisations per traject as seed 001 says
    per_traject = reg.groupby("traject")["organisatie"].nunique()
    assert per_traject["jobcoaching"] == 13 and per_traject["wabz"] == 2
    assert reg["organisatie"].nunique() == 42


def test_clients_are_lost_so_that_started_is_clipped(cijfers):
    t = cijfers["2025Q4"]
    verloren = t[(t.maat == "verloren") & (t.traject == "totaal") & (t.grootheid == "aantal")]
    # published: 5.023 = 5.112 - 695 + 1.017 - lost, so 411 clients were lost
    assert float(verloren["waarde"].iloc[0]) == 5112 - 695 + 1017 - 5023


def test_the_national_ips_series_never_stand_still(demo_db):
    """No identical IPS count quarter after quarter (issue 15: 666, 666, 666): the
    calibration smooths towards a season (`calibration.SEIZOEN_*`), not towards no change."""
    from werkmonitor.indicators.kubus import Kubus
    from werkmonitor.indicators.table import waarde

    k = Kubus.van(demo_db)
    kwartalen = [f"{j}Q{i}" for j in (2023, 2024, 2025) for i in (1, 2, 3, 4)]
    for maat in ("lopend", "gestart", "beeindigd"):
        reeks = [waarde(k.tabel(q), "ips", maat) for q in kwartalen]
        reeks = [x for x in reeks if x is not None and not pd.isna(x)]
        assert len(reeks) >= 10, maat
        gelijk = [(a, b) for a, b in zip(reeks, reeks[1:], strict=False) if a == b]
        assert not gelijk, f"IPS {maat}: {reeks}"
