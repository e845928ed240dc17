"""Directions (indicators.richtingen): the rules by hand, the reference file's shape, and every
published statement of direction held against the demo store: a statement marked as
reproduced must stay reproduced, and one marked as not must say why and still not hold."""

import pytest

from werkmonitor.indicators import richtingen as rt
from werkmonitor.indicators.kubus import Kubus
from werkmonitor.indicators.table import waarde


@pytest.mark.parametrize(
    ("nu", "eerder", "eenheid", "verwacht"),
    [
        (105, 100, "aantal", "gelijk"),  # 5% of 100: about equal
        (106, 100, "aantal", "hoger"),
        (94, 100, "aantal", "lager"),
        (3, 1, "aantal", "gelijk"),  # 2 clients: about equal however small the base
        (4, 1, "aantal", "hoger"),
        (0, 0, "aantal", "gelijk"),
        (35.0, 34.1, "procent", "gelijk"),  # less than 1 procentpunt
        (36.5, 34.8, "procent", "hoger"),
        (None, 10, "aantal", None),
        (float("nan"), 10, "aantal", None),
    ],
)
def test_the_direction_of_a_change(nu, eerder, eenheid, verwacht):
    assert rt.richting(nu, eerder, eenheid) == verwacht


def test_a_published_rise_or_fall_agrees_with_any_change_that_way_equal_only_with_equal():
    assert rt.klopt("lager", 5023, 5112, "aantal")  # -1,7%: 'licht gedaald'
    assert not rt.klopt("hoger", 5023, 5112, "aantal")
    assert not rt.klopt("lager", 0, 0, "aantal")  # nothing changed is no fall
    assert rt.klopt("gelijk", 9, 7, "aantal")
    assert not rt.klopt("gelijk", 15, 26, "aantal")
    assert not rt.klopt("hoger", None, 26, "aantal")


def test_the_reference_file_is_well_formed():
    ref = rt.lees_richtingen()
    assert len(ref) >= 70
    assert set(ref["richting"]) <= set(rt.RICHTINGEN)
    assert set(ref["eenheid"]) <= {"aantal", "procent"}
    assert set(ref["demo"]) == {"ja", "nee"}
    for rij in ref.itertuples(index=False):
        rt.vergeleken(rij)  # raises on an unknown comparison
    zonder = ref[(ref["demo"] == "nee") & (ref["reden"].str.len() < 20)]
    assert zonder.empty, "elke uitspraak die de demo niet volgt, zegt waarom"
    assert ref["bron"].str.match(r"^00[01] ").all()


def test_every_published_direction_is_as_the_reference_says_on_the_demo(demo_db):
    k = Kubus.van(demo_db)
    ref = rt.lees_richtingen()
    v = rt.vergelijk_richtingen({p: k.tabel(p) for p in rt.perioden(ref)}, ref)
    anders = v[v["klopt"] != (v["demo"] == "ja")]
    lijst = "\n".join(
        f"{r.periode} {r.traject} {r.maat} {r.categorie} t.o.v. {r.ten_opzichte_van}: "
        f"gepubliceerd {r.richting}, berekend {r.berekend} ({r.nu} tegen {r.eerder}); "
        f"referentie zegt demo={r.demo} [{r.bron}]"
        for r in anders.itertuples()
    )
    assert anders.empty, "Richtingen die niet meer zijn zoals de referentie zegt:\n" + lijst
    assert int(v["klopt"].sum()) == 69 and len(v) == 73


def test_a_percentage_is_of_the_running_trajects_of_the_same_category(demo_db):
    tabel = Kubus.van(demo_db).tabel("2025Q4")
    epa = waarde(tabel, "ips", "betaald_werk", "type", "epa")
    lopend = waarde(tabel, "ips", "lopend", "type", "epa")
    berekend = rt.figuur({"2025Q4": tabel}, "2025Q4", "ips", "betaald_werk", "type", "epa", True)
    assert berekend == pytest.approx(100 * epa / lopend)
    assert rt.figuur({}, "2025Q4", "ips", "lopend") is None


def test_the_checks_page_lists_what_the_figures_do_not_follow_with_the_reason(demo_db):
    from werkmonitor.report import controle

    v = controle.richtingen(Kubus.van(demo_db))
    tekst = controle.richtingen_tekst(v, synthetisch=True)
    assert tekst.startswith(
        "Van de **73** uitspraken over een richting (gestegen, gedaald, gelijk gebleven, hoger "
        "of lager dan) in de gepubliceerde rapporten komen er **69** overeen met de berekende "
        "cijfers; **4** niet."
    )
    rijen = [r for r in tekst.splitlines() if r.startswith("| ") and not r.startswith("| Nr")]
    redenen = [r for r in tekst.splitlines() if r.startswith("- Nr. ")]
    assert len(rijen) == len(redenen) == 4
    # real data: the same table, without the reference's reasons for the demo
    assert "- Nr. " not in controle.richtingen_tekst(v, synthetisch=False)
