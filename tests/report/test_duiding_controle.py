"""Checked sentences of the researchers' duiding: read from the comment after a sentence,
never shown to readers, held against the figures on the checks page and at publication."""

import pytest

from werkmonitor.indicators.kubus import Kubus
from werkmonitor.indicators.table import waarde
from werkmonitor.periods import Periode
from werkmonitor.report import controle, duiding

SECTIES = {
    "ips": (
        "Het aantal trajecten groeit. Het aandeel werkenden bij EPA blijft achter bij CMD.\n"
        "<!-- controle: ips.betaald_werk.type.epa% < ips.betaald_werk.type.cmd% -->\n"
        "Meer IPS dan een jaar eerder. <!-- controle: ips.lopend > ips.lopend@jaar_eerder -->"
    )
}


def test_a_check_is_read_with_the_sentence_it_follows():
    a, b = duiding.beweringen(SECTIES)
    assert a.kop == "ips" and a.richting == "lager"
    assert a.zin == "Het aandeel werkenden bij EPA blijft achter bij CMD."
    assert a.links == {
        "traject": "ips",
        "maat": "betaald_werk",
        "dimensie": "type",
        "categorie": "epa",
        "procent": True,
        "periode": None,
    }
    assert a.rechts["categorie"] == "cmd"
    assert b.zin == "Meer IPS dan een jaar eerder." and b.richting == "hoger"
    assert b.rechts == {
        "traject": "ips",
        "maat": "lopend",
        "dimensie": "totaal",
        "categorie": "totaal",
        "procent": False,
        "periode": "jaar_eerder",
    }
    assert duiding.perioden_van("2025Q4", [a, b]) == {"2025Q4", "2024Q4"}


def test_a_checked_list_item_is_read_without_its_marker():
    (b,) = duiding.beweringen(
        {
            "aandachtspunten": "- Minder via UWV.\n"
            "  <!-- controle: totaal.lopend < totaal.lopend@jaar_eerder -->"
        }
    )
    assert b.zin == "Minder via UWV." and b.rechts["periode"] == "jaar_eerder"


def test_the_annual_duiding_of_the_demo_is_borne_out(demo_db):
    uitkomst = controle.duiding_toets("2024", Kubus.van(demo_db))
    assert len(uitkomst) == 3 and all(u["klopt"] for u in uitkomst)
    assert {u["bewering"].kop for u in uitkomst} == {"positieve punten", "aandachtspunten"}


def test_readers_never_see_the_check():
    tekst = duiding.sectie(SECTIES, "IPS")
    assert "controle" not in tekst and "<!--" not in tekst
    assert tekst.endswith("Meer IPS dan een jaar eerder.")


@pytest.mark.parametrize(
    ("controle_tekst", "melding"),
    [
        ("ips.betaald_werk.type.epa%", "heeft niet de vorm 'links < rechts'"),
        ("ips.betaald-werk < ips.lopend", "de controle 'ips.betaald-werk' is niet te lezen"),
        ("ips.lopend@vorig_jaar > ips.lopend", "niet te lezen"),
    ],
)
def test_a_check_that_cannot_be_read_says_so_in_dutch(controle_tekst, melding):
    with pytest.raises(duiding.DuidingFout, match=melding):
        duiding.beweringen({"ips": f"Een zin. <!-- controle: {controle_tekst} -->"})


def _pct(tabel, c):
    return (
        100
        * waarde(tabel, "ips", "betaald_werk", "type", c)
        / waarde(tabel, "ips", "lopend", "type", c)
    )


def test_the_demo_duiding_on_epa_and_cmd_is_borne_out(demo_db):
    k = Kubus.van(demo_db)
    tabel = k.tabel("2025Q4")
    (t,) = controle.duiding_toets("2025Q4", k)
    assert t["links"] == pytest.approx(_pct(tabel, "epa"))
    assert t["rechts"] == pytest.approx(_pct(tabel, "cmd"))
    assert _pct(tabel, "epa") < _pct(tabel, "cmd") and t["klopt"] is True  # EPA lags
    assert controle.duiding_tekst([t]).startswith(
        "De cijfers bevestigen de gecontroleerde zin van de duiding."
    )


TEGEN = {
    "ips": (
        "Bij EPA werken meer cliënten dan bij CMD.\n"
        "<!-- controle: ips.betaald_werk.type.epa% > ips.betaald_werk.type.cmd% -->\n"
        "Meer IPS dan een jaar eerder. <!-- controle: ips.lopend > ips.lopend@jaar_eerder -->"
    )
}


def test_a_sentence_the_figures_contradict_is_flagged(demo_db):
    k = Kubus.van(demo_db)
    lijst = duiding.beweringen(TEGEN)
    tabellen = {p: k.tabel(p) for p in duiding.perioden_van("2025Q4", lijst)}
    uitkomst = duiding.toets("2025Q4", lijst, tabellen)
    assert [u["klopt"] for u in uitkomst] == [False, True]  # 4.285 running against 4.130
    tekst = controle.duiding_tekst(uitkomst)
    assert tekst.startswith(
        "**Let op: 1 van de 2 gecontroleerde zinnen van de duiding wordt door de cijfers "
        "tegengesproken."
    )
    regels = tekst.splitlines()
    assert regels[2].startswith('- IPS: "Bij EPA werken meer cliënten dan bij CMD." — ')
    assert regels[2].endswith("**spreekt de cijfers tegen**.")  # a contradicted one first
    assert controle.duiding_tekst(uitkomst[:1]).startswith(
        "**Let op: de gecontroleerde zin van de duiding wordt door de cijfers tegengesproken."
    )
    assert controle.duiding_tekst(uitkomst[1:]).startswith(
        "De cijfers bevestigen de gecontroleerde zin van de duiding."
    )
    assert "geen zinnen met een controle" in controle.duiding_tekst([])


def test_publishing_warns_about_a_contradicted_sentence(demo_db, tmp_path):
    from datetime import date

    from werkmonitor.paths import PROJECT
    from werkmonitor.publish.publiceren import duiding_tegengesproken

    p, dag = Periode.lees("2025Q4"), date(2026, 3, 31)
    assert duiding_tegengesproken(demo_db, p, dag, PROJECT) == []  # the demo's is borne out
    (tmp_path / "params" / "duiding").mkdir(parents=True)
    tekst = "## IPS\n\n" + TEGEN["ips"]
    (tmp_path / "params" / "duiding" / "2025Q4.md").write_text(tekst, encoding="utf-8")
    (regel,) = duiding_tegengesproken(demo_db, p, dag, tmp_path)
    assert regel == (
        'Let op: de duiding van kwartaal 4 van 2025 zegt "Bij EPA werken meer cliënten dan bij '
        'CMD.", maar de cijfers spreken dat tegen (zie de controlepagina).'
    )
