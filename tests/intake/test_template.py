"""The delivery template: blank template, filled in by hand, reads back unchanged."""

from openpyxl import load_workbook

from werkmonitor import store
from werkmonitor.cli import main
from werkmonitor.intake.workbook import lees_werkboek
from werkmonitor.vocab import kolommen_voor


def test_blank_template_has_instructions_validation_and_hidden_meta(tmp_path):
    pad = tmp_path / "sjabloon.xlsx"
    code = main(
        [
            "sjabloon",
            "--organisatie",
            "GGZ Proef",
            "--periode",
            "2026Q1",
            "--uitvoer",
            str(pad),
            "--trajecten",
            "ips,jobcoaching",
            "--regios",
            "Twente;Zwolle",
            "--db",
            str(tmp_path / "geen.duckdb"),
        ]
    )
    assert code == 0
    wb = load_workbook(pad)
    assert wb.sheetnames[:3] == ["Toelichting", "IPS", "Jobcoaching"]
    assert wb["_meta"].sheet_state == "hidden"
    meta = {r[0]: r[1] for r in wb["_meta"].iter_rows(values_only=True)}
    assert meta["organisatie"] == "GGZ Proef" and meta["periode"] == "2026Q1"
    ips = wb["IPS"]
    assert [ips["A2"].value, ips["A3"].value] == ["Twente", "Regio Zwolle"]
    kop = [c.value for c in ips[1]][1:]
    assert kop == [k.label for k in kolommen_voor("ips")]
    soorten = {dv.type for dv in ips.data_validations.dataValidation}
    assert soorten == {"whole", "list"}


def test_filled_in_template_reads_back_unchanged(tmp_path):
    pad = tmp_path / "sjabloon.xlsx"
    main(
        [
            "sjabloon",
            "--organisatie",
            "GGZ Proef",
            "--periode",
            "2026Q1",
            "--uitvoer",
            str(pad),
            "--trajecten",
            "jobcoaching",
            "--regios",
            "Twente",
            "--db",
            str(tmp_path / "x.duckdb"),
        ]
    )
    wb = load_workbook(pad)
    ws = wb["Jobcoaching"]
    invul = {"lopend": 10, "beeindigd": 2}
    for j, k in enumerate(kolommen_voor("jobcoaching"), start=2):
        if k.dimensie == "totaal":
            waarde = invul[k.maat]
        elif k.sleutel == ("lopend", "financiering", "uwv") or k.categorie == "meer_dan_12_mnd":
            waarde = 10
        elif k.sleutel == ("beeindigd", "uitstroom", "met_betaald_werk"):
            waarde = 2
        else:
            waarde = 0
        ws.cell(row=2, column=j, value=waarde)
    wb.save(pad)
    g = lees_werkboek(pad)
    assert g.meldingen == []
    d = g.data.set_index(["maat", "dimensie", "categorie"])["waarde"]
    assert d[("lopend", "totaal", "totaal")] == 10
    assert d[("duur_dienstverband", "duur", "meer_dan_12_mnd")] == 10
    assert len(d) == len(kolommen_voor("jobcoaching"))
    assert (g.organisatie, g.periode) == ("GGZ Proef", "2026Q1")


def test_template_defaults_to_the_last_delivery(registreer, werkboek, tmp_path):
    from werkmonitor.intake.receive import inlezen

    db = tmp_path / "s.duckdb"
    with store.open_store(db) as con:
        registreer(con, "Demo-ggz Proef")
        inlezen(werkboek(), con)
    pad = tmp_path / "volgend.xlsx"
    assert (
        main(
            [
                "sjabloon",
                "--organisatie",
                "Demo-ggz Proef",
                "--periode",
                "2026Q1",
                "--uitvoer",
                str(pad),
                "--db",
                str(db),
            ]
        )
        == 0
    )
    wb = load_workbook(pad)
    assert wb.sheetnames[1:3] == ["IPS", "Jobcoaching"]
    assert [c.value for c in wb["IPS"]["A"][1:]] == ["Drenthe", "Twente"]


def test_a_workbook_carries_the_date_after_its_period_not_the_clock(werkboek, tmp_path):
    """Same content, same bytes: the document dates and the zip times are the first day
    after the period, whenever the file is written."""
    import zipfile
    from datetime import datetime

    from openpyxl import load_workbook

    pad = werkboek(periode="2025Q4")
    eigenschappen = load_workbook(pad).properties
    assert eigenschappen.created == eigenschappen.modified == datetime(2026, 1, 1)
    with zipfile.ZipFile(pad) as z:
        assert {i.date_time for i in z.infolist()} == {(2026, 1, 1, 0, 0, 0)}
    q2 = werkboek(periode="2025Q2", naam="q2.xlsx")
    assert load_workbook(q2).properties.created == datetime(2025, 7, 1)
    kopie = werkboek(periode="2025Q4", naam="opnieuw.xlsx")
    assert kopie.read_bytes() == pad.read_bytes()
