"""The comparison, percentage and ranking layers tested on the published reference figures.

Every change the quarterly report (seed 001) and the annual report (seed 000) print between
two periods (data/referentie/gepubliceerde_veranderingen.csv) whose two counts are printed too
(gepubliceerd_landelijk.csv) must follow from those counts; where the printed percentage
differs from the rule in docs/methoden.md (change relative to the earlier period), the test
asserts the rule's value and docs/methoden.md must list the case.
"""

from types import SimpleNamespace

import pandas as pd
import pytest

from werkmonitor.getallen import afronden
from werkmonitor.indicators.comparison import procentpunten, verandering
from werkmonitor.indicators.rankings import (
    STANDAARD_MINIMUM,
    gemiddelde_van_jaren,
    ranglijst,
    stijgers_en_dalers,
    te_klein,
)
from werkmonitor.indicators.reference import (
    aandeel,
    aandeel_klopt,
    lees_aandelen,
    lees_veranderingen,
    som_van,
    verandering_klopt,
)
from werkmonitor.paths import PROJECT, REFERENTIE
from werkmonitor.regions import officiele_naam
from werkmonitor.report.text import procent, verandering_tekst

METHODEN = (PROJECT / "docs" / "methoden.md").read_text(encoding="utf-8")

# Every printed change whose two counts are printed too (data/referentie): the R rows of the
# quarterly report and J1-J11 and J20-J24 of the annual report; the others print only the
# change (J12-J19, J25, J26) or only its percentage (R24).
VERANDERINGEN = lees_veranderingen()
_TELLINGEN = pd.read_csv(REFERENTIE / "gepubliceerd_landelijk.csv", dtype={"periode": str})
_GEDRUKT = {
    (r.periode, r.traject, r.maat, r.dimensie, r.categorie if isinstance(r.categorie, str) else "")
    for r in _TELLINGEN[_TELLINGEN["eenheid"] == "aantal"].itertuples()
}


def _beide_gedrukt(r) -> bool:
    cat = "" if r.categorie == "totaal" else r.categorie
    return all((p, r.traject, r.maat, r.dimensie, cat) in _GEDRUKT for p in (r.periode, r.eerder))


GEDRUKT = [
    r
    for r in VERANDERINGEN.itertuples(index=False)
    if not pd.isna(r.verschil) and _beide_gedrukt(r)
]
# Cases where the printed % is the change relative to the *current* period.
AFWIJKEND = {
    *("R1", "R6", "R7", "R8", "R10", "R12", "R13", "R14", "R16", "R17", "R20", "R22", "R23"),
    *("J7", "J8", "J9"),
}


@pytest.fixture(scope="module")
def gepubliceerd(referentie):
    t = pd.read_csv(referentie / "gepubliceerd_landelijk.csv", dtype={"periode": str})
    return t.fillna({"categorie": ""})


def _telling(tabel, traject, maat, dimensie, categorie, periode):
    sel = tabel[
        (tabel.traject == traject)
        & (tabel.maat == maat)
        & (tabel.dimensie == dimensie)
        & (tabel.categorie == categorie)
        & (tabel.periode == periode)
        & (tabel.eenheid == "aantal")
    ]
    assert len(sel) == 1, (traject, maat, dimensie, categorie, periode)
    return int(sel.waarde.iloc[0])


@pytest.mark.parametrize("geval", GEDRUKT, ids=[g.code for g in GEDRUKT])
def test_printed_change_follows_from_the_counts(gepubliceerd, geval):
    g = geval
    cat = "" if g.categorie == "totaal" else g.categorie
    v = verandering(
        _telling(gepubliceerd, g.traject, g.maat, g.dimensie, cat, g.periode),
        _telling(gepubliceerd, g.traject, g.maat, g.dimensie, cat, g.eerder),
    )
    assert v.verschil == g.verschil
    assert g.richting == ("hoger" if g.verschil > 0 else "lager")
    if pd.isna(g.procent):
        return
    pct = procent(float(g.procent)).rstrip("%")
    regel = procent(abs(v.procent)).rstrip("%")
    if g.code in AFWIJKEND:
        assert regel != pct
        # the printed value is the change on the current period's count
        assert procent(abs(g.verschil) * 100 / v.nu).rstrip("%") == pct
        regels = [r for r in METHODEN.splitlines() if r.startswith(f"| {g.code} ")]
        assert regels and f"{pct}%" in regels[0] and f"{regel}%" in regels[0], g.code
    else:
        assert regel == pct


def test_every_printed_change_with_both_counts_is_checked():
    assert len(GEDRUKT) == 23 + 11 + 5
    codes = {g.code for g in GEDRUKT}
    jaar = {f"J{n}" for n in (*range(1, 12), *range(20, 25))}
    assert codes == {f"R{n}" for n in range(1, 24)} | jaar


def test_a_printed_change_agrees_by_its_rule():
    """Hand cases of `verandering_klopt`: quarters exactly, years within 2 clients or 10%
    of the printed change and the same way, a printed percentage alone to one decimal."""

    def rij(periode, eerder, verschil, pct=None, richting="hoger"):
        return SimpleNamespace(
            periode=periode, eerder=eerder, verschil=verschil, procent=pct, richting=richting
        )

    assert verandering_klopt(rij("2025Q4", "2025Q3", -89), -89, -1.7)
    assert not verandering_klopt(rij("2025Q4", "2025Q3", -89), -88, -1.7)
    assert verandering_klopt(rij("2024", "2023", 747), 747 + 74, 12.8)  # 10% of 747 is 74,7
    assert not verandering_klopt(rij("2024", "2023", 747), 747 + 75, 12.8)
    assert verandering_klopt(rij("2024", "2023", -14), -12, -33.3)  # within 2 clients
    assert not verandering_klopt(rij("2024", "2023", 2), -1, -3.0)  # the other way
    assert not verandering_klopt(rij("2024", "2023", 99), None, None)
    # only a percentage printed, 'a fall of 14,0%'
    alleen = rij("2025Q4", "2025Q3", float("nan"), 14.0, "lager")
    assert verandering_klopt(alleen, -89, -13.96)
    assert not verandering_klopt(alleen, -89, -13.949843)  # 13,9% to one decimal
    assert not verandering_klopt(rij("2024", "2023", float("nan"), 14.0, "hoger"), -9, -14.0)


def test_dutch_wording_of_a_change():
    v = verandering(5023, 5112)
    assert (
        verandering_tekst(v, "trajecten", "kwartaal 3 van 2025", "traject")
        == "een daling van 89 trajecten (1,7%) ten opzichte van kwartaal 3 van 2025"
    )
    assert (
        verandering_tekst(verandering(5023, 4740), "trajecten", "kwartaal 4 van 2024")
        == "een stijging van 283 trajecten (6,0%) ten opzichte van kwartaal 4 van 2024"
    )


def test_time_to_first_job_in_percentage_points(gepubliceerd):
    nu = gepubliceerd[
        (gepubliceerd.maat == "duur_tot_eerste_baan") & (gepubliceerd.periode == "2025Q4")
    ]
    eerder = gepubliceerd[
        (gepubliceerd.maat == "duur_tot_eerste_baan") & (gepubliceerd.periode == "2025Q3")
    ]
    kort_nu = nu[nu.categorie == "minder_dan_3_mnd"].waarde.iloc[0]
    kort_eerder = eerder[eerder.categorie == "minder_dan_3_mnd"].waarde.iloc[0]
    assert afronden(procentpunten(kort_nu, kort_eerder), 1) == afronden(1.9, 1)


def test_seed_percentages_of_a_total(gepubliceerd):
    # 549 of 4.285 IPS clients ended (12,8%): ended as a share of running
    assert procent(549 * 100 / 4285) == "12,8%"
    # 308 of 549 with intended result (uitstroom 1 + 2), point 8
    assert procent((206 + 102) * 100 / 549) == "56,1%"


# --- Chapter 3: regional rankings on Tabel 3.1 --------------------------------------------


@pytest.fixture(scope="module")
def regios(referentie):
    t = pd.read_csv(referentie / "tabel_3_1_regio_2023_2024.csv")
    t["regio"] = t["regio"].map(officiele_naam)
    t["lopend"] = t["lopend_ips"] + t["lopend_niet_ips"].fillna(0)
    t["gestart"] = t["gestart_ips"] + t["gestart_niet_ips"].fillna(0)
    return {jaar: t[t.jaar == jaar].reset_index(drop=True) for jaar in (2023, 2024)}


def test_top3_running_follows_from_the_table(regios):
    top = ranglijst(regios[2024], "lopend", 3)
    assert top.regio.tolist() == [
        "Groot Amsterdam",
        "Zuid-Kennemerland en IJmond",
        "Stedendriehoek en Noordwest Veluwe",
    ]
    assert top.waarde.tolist() == [1343, 685, 608]


def test_top3_started_as_the_table_gives_it(regios):
    # the report prints Groot-Amsterdam, Zuid-Limburg (88), Stedendriehoek; the table gives
    # Midden-Utrecht (236) third and Zuid-Limburg far lower: listed in docs/methoden.md (K1)
    top = ranglijst(regios[2024], "gestart", 3)
    assert top.regio.tolist() == [
        "Groot Amsterdam",
        "Stedendriehoek en Noordwest Veluwe",
        "Midden-Utrecht",
    ]
    assert top.waarde.tolist() == [531, 264, 236]
    assert "| K1 " in METHODEN


def test_result_percentage_ranking_is_the_mean_of_both_years(regios):
    gem = gemiddelde_van_jaren([regios[2023], regios[2024]], "pct_beeindigd_met_resultaat")
    gem = gem.merge(regios[2023][["regio", "lopend"]], on="regio")
    gem = gem.merge(regios[2024][["regio", "lopend"]], on="regio", suffixes=("_2023", "_2024"))
    grootte = ["lopend_2023", "lopend_2024"]
    top = ranglijst(gem, "pct_beeindigd_met_resultaat", 3, True, grootte, STANDAARD_MINIMUM)
    assert top.regio.tolist() == ["Rivierenland", "Rijnmond", "Midden-Utrecht"]
    assert [procent(w) for w in top.waarde] == ["67,8%", "65,7%", "64,8%"]  # report: 65,6%
    laag = ranglijst(gem, "pct_beeindigd_met_resultaat", 3, False, grootte, STANDAARD_MINIMUM)
    assert laag.regio.tolist() == ["Midden-Limburg", "Zaanstreek/Waterland", "Holland Rijnland"]
    klein = te_klein(gem, grootte, STANDAARD_MINIMUM)
    assert klein == ["Drechtsteden", "Gorinchem", "Noord-Limburg", "Zeeland"]
    # Zeeland would top the list: the report names it separately as too small
    assert gem.set_index("regio").loc["Zeeland", "pct_beeindigd_met_resultaat"] == 75
    # "twintig regio's hoger met dan zonder": 19 above 50%, 20 when 50,0% counts (K2)
    assert (gem.pct_beeindigd_met_resultaat > 50).sum() == 19
    assert (gem.pct_beeindigd_met_resultaat >= 50).sum() == 20
    assert "| K2 " in METHODEN and "| K3 " in METHODEN


def test_risers_and_fallers_in_running(regios):
    stijgers, dalers = stijgers_en_dalers(regios[2024], regios[2023], "lopend")
    assert stijgers.regio.tolist() == ["Midden-Limburg", "Zaanstreek/Waterland", "Twente"]
    # the report lists the same three fallers, from the smallest fall to the largest
    assert dalers.regio.tolist() == ["Amersfoort", "Drenthe", "Groningen"]
    assert [procent(w) for w in dalers.waarde] == ["-28,3%", "-20,8%", "-19,8%"]


def _tabel(rijen) -> pd.DataFrame:
    """A tiny national table: (traject, maat, dimensie, categorie, waarde) counts."""
    t = pd.DataFrame(rijen, columns=["traject", "maat", "dimensie", "categorie", "waarde"])
    return t.assign(grootheid="aantal", periode="2025Q4", niveau="landelijk", eenheid="")


def test_a_share_with_its_own_denominator_by_hand():
    t = _tabel(
        [
            ("ips", "lopend", "totaal", "totaal", 40),
            ("wabz", "lopend", "totaal", "totaal", 10),
            ("totaal", "lopend", "totaal", "totaal", 50),
            ("ips", "onbetaald_werk", "soort", "proefplaatsing", 3),
            ("ips", "onbetaald_werk", "soort", "vrijwilligerswerk_wep", 5),
        ]
    )
    assert som_van(t, "ips.onbetaald_werk.soort.proefplaatsing + ips.lopend") == 43
    assert som_van(t, "ips.opleiding") is None
    assert aandeel(t, "ips.lopend", "totaal.lopend") == 80
    soort = "ips.onbetaald_werk.soort"
    teller = f"{soort}.proefplaatsing+{soort}.vrijwilligerswerk_wep"
    assert aandeel(t, teller, "ips.lopend") == 20
    assert aandeel(t, "ips.lopend", "naar_werk.lopend") is None
    kwartaal = SimpleNamespace(periode="2025Q4", eerder=float("nan"), procent=85.3)
    assert aandeel_klopt(kwartaal, 85.3076) and not aandeel_klopt(kwartaal, 85.36)
    jaar = SimpleNamespace(periode="2024", eerder=float("nan"), procent=83.8)
    assert aandeel_klopt(jaar, 83.8 * 1.019) and not aandeel_klopt(jaar, 81.9)
    verschil = SimpleNamespace(periode="2024", eerder="2023", procent=-10.3)
    assert aandeel_klopt(verschil, -11.2) and not aandeel_klopt(verschil, -13.8)


def test_printed_shares_follow_from_the_printed_counts():
    """The shares of gepubliceerde_aandelen.csv from the counts the reports print beside
    them (4.285 of 5.023, ...)."""
    gedrukt = {
        "S1": (4285, 5023),
        "S2": (127 + 667 + 194, 4285),
        "S3": (549, 4285),
        "S4": (2120, 2254),
        "S5": (2183, 2605),
    }
    aandelen = lees_aandelen().set_index("code")
    for code, (teller, noemer) in gedrukt.items():
        assert procent(teller * 100 / noemer) == procent(aandelen.loc[code, "procent"]), code
    assert procent(2183 * 100 / 2605 - 2120 * 100 / 2254) == procent(aandelen.loc["S6", "procent"])
