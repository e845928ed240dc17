"""The whole path on the session's demo store: intake, indicators, CLI, report."""

import pandas as pd
import pytest

from werkmonitor import store
from werkmonitor.cli import main
from werkmonitor.indicators.table import indicatoren


@pytest.fixture(scope="module")
def reg(demo_db):
    with store.open_store(demo_db, alleen_lezen=True) as con:
        return store.registraties(con)


def test_demo_store_is_marked_synthetic(demo_db):
    with store.open_store(demo_db, alleen_lezen=True) as con:
        assert store.lees_info(con, "synthetisch") == "ja"
        assert store.geldige_leveringen(con).groupby("periode").size()["2025Q4"] == 42


def test_cijfers_cli_writes_the_design_columns(demo_db, tmp_path, capsys):
    uit = tmp_path / "cijfers.csv"
    assert (
        main(["cijfers", "--periode", "2025Q4", "--db", str(demo_db), "--uitvoer", str(uit)]) == 0
    )
    t = pd.read_csv(uit, keep_default_na=False)
    assert list(t.columns[:9]) == [
        "periode",
        "niveau",
        "eenheid",
        "traject",
        "maat",
        "dimensie",
        "categorie",
        "grootheid",
        "waarde",
    ]
    assert set(t["grootheid"]) == {"aantal", "procent"}
    assert set(t["gegevens"]) == {"synthetisch (demodata)"}
    assert "synthetische demodata" in capsys.readouterr().err
    assert set(t["niveau"]) == {"landelijk"} and set(t["eenheid"]) == {""}
    org = t[(t.traject == "totaal") & (t.maat == "aantal_organisaties")]["waarde"]
    assert org.astype(int).tolist() == [42]
    per_traject = t[t.maat == "aantal_organisaties"].set_index("traject")["waarde"].astype(int)
    assert per_traject["jobcoaching"] == 13 and per_traject["wabz"] == 2


def test_cijfers_reads_the_cube_and_gives_what_the_methods_give(
    demo_db, reg, tmp_path, monkeypatch
):
    """`werkmonitor cijfers` reads the cube of the store's state (an empty cube here, so
    that its tables are seen being made); its file is byte for byte the one the methods
    give on the registrations (a quarter, a half year and a year; the national, regional
    and organisation-by-region levels)."""
    from werkmonitor.indicators import kubus as kb
    from werkmonitor.indicators.table import voor_export
    from werkmonitor.publish import export

    monkeypatch.setenv("WERKMONITOR_KUBUS", str(tmp_path / "kubus"))
    monkeypatch.setattr(kb, "_GEHEUGEN", {})
    monkeypatch.setattr(kb, "_GEOPEND", {})
    kubus = kb.Kubus.van(demo_db)
    for code, niveau in (
        ("2025Q4", "landelijk"),
        ("2025Q4", "organisatie_regio"),
        ("2024H2", "regio"),
        ("2024", "landelijk"),
    ):
        uit = tmp_path / f"{code}_{niveau}.csv"
        opdracht = ["cijfers", "--periode", code, "--niveau", niveau, "--db", str(demo_db)]
        assert main([*opdracht, "--uitvoer", str(uit)]) == 0
        verwacht = voor_export(indicatoren(reg, code, niveau)).assign(
            gegevens="synthetisch (demodata)"
        )
        export.schrijf_csv(verwacht, tmp_path / "verwacht.csv")
        assert uit.read_bytes() == (tmp_path / "verwacht.csv").read_bytes(), (code, niveau)
        bewaard = tmp_path / "kubus" / kubus.sleutel / f"{code}_{niveau}.pkl"
        assert bewaard.is_file(), bewaard  # made by cijfers, kept for the reports


def test_national_equals_sum_of_regions_and_of_organisations(reg):
    land = indicatoren(reg, "2025Q4", "landelijk")
    regio = indicatoren(reg, "2025Q4", "regio")
    org = indicatoren(reg, "2025Q4", "organisatie")

    def tellingen(t):
        return t[(t.maat != "aantal_organisaties") & (t.grootheid == "aantal")]

    sleutel = ["traject", "maat", "dimensie", "categorie"]
    for andere in (regio, org):
        som = tellingen(andere).groupby(sleutel)["waarde"].sum()
        verschil = tellingen(land).set_index(sleutel)["waarde"] - som
        assert (verschil.dropna() == 0).all(), verschil[verschil != 0]
    # the 35 regions and the registrations without a known region together make the nation
    from werkmonitor.regions import ONBEKEND, REGIOS_MET_ONBEKEND

    assert set(regio["eenheid"]) <= set(REGIOS_MET_ONBEKEND)
    assert ONBEKEND in set(regio["eenheid"])  # the demo has them: the sum above includes them


def test_started_follows_from_running_and_ended(reg):
    land = indicatoren(reg, "2025Q4")
    sel = land[(land.traject == "totaal") & (land.dimensie == "totaal")]
    sel = sel[sel.grootheid == "aantal"].set_index("maat")
    lopend, vorig = sel.loc["lopend", "waarde"], sel.loc["lopend", "waarde_vorige"]
    # national identity: running(t) = running(t-1) - ended + started - lost
    assert (
        lopend
        == vorig
        - sel.loc["beeindigd", "waarde"]
        + sel.loc["gestart", "waarde"]
        - sel.loc["verloren", "waarde"]
    )
    assert sel.loc["gestart", "waarde"] >= 0


def test_inlezen_cli_rejects_with_dutch_message(tmp_path, capsys):
    kapot = tmp_path / "kapot.xlsx"
    kapot.write_text("geen werkboek", encoding="utf-8")
    code = main(["inlezen", str(kapot), "--db", str(tmp_path / "s.duckdb")])
    out = capsys.readouterr()
    assert code == 1
    assert "Afgewezen: kapot.xlsx" in out.out
    assert "dit is geen Excel-werkboek (.xlsx)" in out.out
    assert "niets van die bestanden is opgeslagen" in out.err


def test_a_report_for_a_period_without_deliveries_stops_before_any_notebook(demo_db, capsys):
    assert main(["rapport", "--periode", "2031Q1", "--db", str(demo_db)]) == 2
    fout = capsys.readouterr().err
    assert fout.strip() == (
        "De database bevat geen aanleveringen over kwartaal 1 van 2031; "
        "wel over kwartaal 1 van 2023 tot en met kwartaal 4 van 2025."
    )


def test_an_unknown_organisation_gets_the_closest_names(demo_db, capsys):
    args = ["rapport", "--periode", "2025Q4", "--organisatie", "Demo-ggz Aalsvelt"]
    assert main([*args, "--db", str(demo_db)]) == 2
    fout = capsys.readouterr().err
    assert "van organisatie Demo-ggz Aalsvelt. Bedoelt u: Demo-ggz Aalsveld" in fout


def test_an_unknown_region_gets_the_closest_name(demo_db, capsys):
    args = ["rapport", "--periode", "2025Q4", "--regio", "Twnte", "--db", str(demo_db)]
    assert main(args) == 2
    assert (
        capsys.readouterr().err.strip() == "Onbekende arbeidsmarktregio: Twnte. Bedoelt u Twente?"
    )


def test_cijfers_to_xlsx_writes_a_workbook_with_numbers_and_an_explanation(demo_db, tmp_path):
    from openpyxl import load_workbook

    uit = tmp_path / "kengetallen.xlsx"
    args = ["cijfers", "--periode", "2025Q4", "--db", str(demo_db), "--uitvoer", str(uit)]
    assert main(args) == 0
    wb = load_workbook(uit)
    assert wb.sheetnames == ["kengetallen", "toelichting"]
    blad = wb["kengetallen"]
    kop = [c.value for c in blad[1]]
    rijen = [dict(zip(kop, (c.value for c in r), strict=True)) for r in blad.iter_rows(min_row=2)]
    csv = tmp_path / "k.csv"
    assert main([*args[:-1], str(csv)]) == 0
    t = pd.read_csv(csv, keep_default_na=False)
    assert len(rijen) == len(t)
    org = next(r for r in rijen if r["traject"] == "totaal" and r["maat"] == "aantal_organisaties")
    assert org["waarde"] == 42 and isinstance(org["waarde"], int | float)  # a number, not text
    lopend = t[(t.traject == "ips") & (t.maat == "lopend") & (t.dimensie == "totaal")]
    ips = next(
        r
        for r in rijen
        if (r["traject"], r["maat"], r["dimensie"], r["grootheid"])
        == ("ips", "lopend", "totaal", "aantal")
    )
    assert ips["waarde"] == float(lopend[lopend.grootheid == "aantal"]["waarde"].iloc[0])
    uitleg = [r[0].value for r in wb["toelichting"].iter_rows()]
    assert "Let op: synthetische demodata, geen echte aanleveringen." in uitleg
    assert set(kop) <= set(uitleg)  # every column explained


def test_cijfers_nl_is_for_dutch_excel(demo_db, tmp_path):
    uit = tmp_path / "k.csv"
    assert (
        main(
            ["cijfers", "--periode", "2025Q4", "--db", str(demo_db), "--uitvoer", str(uit), "--nl"]
        )
        == 0
    )
    ruw = uit.read_bytes()
    assert ruw.startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 with a byte-order mark
    t = pd.read_csv(uit, sep=";", decimal=",", encoding="utf-8-sig", keep_default_na=False)
    pct = t[(t.grootheid == "procent") & (t.waarde != "")]["waarde"]
    assert pct.map(lambda x: isinstance(x, float)).all() and (pct > 0).any()
