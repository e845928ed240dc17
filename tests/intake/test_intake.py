from datetime import datetime

import pandas as pd
import pytest
from openpyxl import load_workbook

from werkmonitor import store
from werkmonitor.intake.receive import inlezen
from werkmonitor.intake.workbook import lees_werkboek
from werkmonitor.vocab import kolommen_voor


def _zet(pad, blad, cel, waarde):
    wb = load_workbook(pad)
    wb[blad][cel] = waarde
    wb.save(pad)
    return pad


def _kolomletter(traject, label_start):
    from openpyxl.utils import get_column_letter

    for j, k in enumerate(kolommen_voor(traject), start=2):
        if k.label.startswith(label_start):
            return get_column_letter(j)
    raise KeyError(label_start)


def test_round_trip_reads_back_what_was_written(werkboek, maak_bladen, tmp_path):
    pad = werkboek()
    g = lees_werkboek(pad)
    assert g.meldingen == []
    assert (g.organisatie, g.periode) == ("Demo-ggz Proef", "2025Q4")
    verwacht = maak_bladen(
        {"ips": {"Twente": (40, 5), "Drenthe": (12, 2)}, "jobcoaching": {"Twente": (9, 1)}}
    )
    for traject, frame in verwacht.items():
        for regio, rij in frame.iterrows():
            for sleutel, v in rij.items():
                sel = g.data[
                    (g.data.traject == traject)
                    & (g.data.regio == regio)
                    & (g.data.maat == sleutel[0])
                    & (g.data.dimensie == sleutel[1])
                    & (g.data.categorie == sleutel[2])
                ]
                assert sel["waarde"].tolist() == [v]
    assert len(g.data) == sum(f.size for f in verwacht.values())


def test_negative_number_is_rejected_with_location(registreer, werkboek, tmp_path):
    kol = _kolomletter("ips", "Aantal cliënten met betaald werk (totaal)")
    pad = _zet(werkboek(), "IPS", f"{kol}2", -3)
    db = tmp_path / "s.duckdb"
    with store.open_store(db) as con:
        registreer(con, "Demo-ggz Proef")
        r = inlezen(pad, con)
    assert r.status == "afgewezen"
    tekst = str(r.meldingen[0])
    assert "blad 'IPS'" in tekst and "regio 'Twente'" in tekst and f"cel {kol}2" in tekst
    assert "verwacht een heel getal van 0 of meer, gevonden het negatieve getal -3" in tekst


def test_unknown_region_gets_a_suggestion(werkboek):
    pad = _zet(werkboek(), "IPS", "A2", "Twenthe")
    g = lees_werkboek(pad)
    assert [m.regel for m in g.meldingen] == ["regio_onbekend"]
    assert "onbekende arbeidsmarktregio 'Twenthe'; bedoelt u 'Twente'?" in str(g.meldingen[0])


def test_alias_is_normalised_silently(werkboek):
    pad = _zet(werkboek(), "IPS", "A2", "Zaanstreek Waterland")
    g = lees_werkboek(pad)
    assert g.meldingen == []
    assert "Zaanstreek/Waterland" in set(g.data.regio)


def test_breakdown_not_adding_up_is_rejected(registreer, werkboek, tmp_path):
    kol = _kolomletter("ips", "Aantal cliënten in een begeleidingstraject: UWV")
    wb_pad = werkboek()
    huidig = load_workbook(wb_pad)["IPS"][f"{kol}2"].value
    pad = _zet(wb_pad, "IPS", f"{kol}2", huidig + 1)
    with store.open_store(tmp_path / "s.duckdb") as con:
        registreer(con, "Demo-ggz Proef")
        r = inlezen(pad, con)
    assert r.status == "afgewezen"
    assert any(
        m.regel == "uitsplitsing_telt_niet_op"
        and "financiering" in m.tekst
        and "maar het totaal is 40." in m.tekst
        and m.kolom == "Aantal cliënten in een begeleidingstraject (totaal)"
        for m in r.meldingen
    )


def test_paid_above_running_is_rejected(registreer, werkboek, tmp_path):
    pad = werkboek(inhoud={"ips": {"Twente": (3, 0)}})
    kol = _kolomletter("ips", "Aantal cliënten met betaald werk (totaal)")
    _zet(pad, "IPS", f"{kol}2", 9)
    with store.open_store(tmp_path / "s.duckdb") as con:
        registreer(con, "Demo-ggz Proef")
        r = inlezen(pad, con)
    assert any(
        "meer cliënten met betaald werk dan cliënten in een traject (9 tegen 3)" in m.tekst
        for m in r.meldingen
    )


def test_not_an_xlsx_and_empty_file(tmp_path):
    tekst = tmp_path / "lijst.xlsx"
    tekst.write_text("regio;aantal\n", encoding="utf-8")
    assert "geen Excel-werkboek" in str(lees_werkboek(tekst).meldingen[0])
    leeg = tmp_path / "leeg.xlsx"
    leeg.write_bytes(b"")
    assert "het bestand is leeg" in str(lees_werkboek(leeg).meldingen[0])


def test_rejection_leaves_the_store_byte_for_byte_unchanged(registreer, werkboek, tmp_path):
    db = tmp_path / "s.duckdb"
    with store.open_store(db) as con:
        registreer(con, "Demo-ggz Proef")
        assert inlezen(werkboek(), con).status == "geaccepteerd"
    voor = db.read_bytes()
    slecht = _zet(werkboek(periode="2025Q3", naam="slecht.xlsx"), "IPS", "B2", "veel")
    with store.open_store(db) as con:
        assert inlezen(slecht, con).status == "afgewezen"
    assert db.read_bytes() == voor


def test_same_file_twice_changes_nothing(registreer, werkboek, tmp_path):
    pad = werkboek()
    with store.open_store(tmp_path / "s.duckdb") as con:
        registreer(con, "Demo-ggz Proef")
        eerste = inlezen(pad, con)
        tweede = inlezen(pad, con)
        assert (eerste.status, tweede.status) == ("geaccepteerd", "al_ingelezen")
        assert tweede.levering_id == eerste.levering_id
        assert len(store.alle_leveringen(con)) == 1


def test_correction_supersedes_and_as_of_date_rebuilds_the_past(registreer, werkboek, tmp_path):
    oud = werkboek(inhoud={"ips": {"Twente": (40, 5)}}, naam="oud.xlsx")
    nieuw = werkboek(inhoud={"ips": {"Twente": (44, 5)}}, naam="nieuw.xlsx", zaad=2)
    with store.open_store(tmp_path / "s.duckdb") as con:
        registreer(con, "Demo-ggz Proef")
        inlezen(oud, con, ontvangen_op=datetime(2026, 1, 20, 9))
        inlezen(nieuw, con, ontvangen_op=datetime(2026, 3, 2, 9))

        def lopend(peildatum=None):
            r = store.registraties(con, peildatum=peildatum)
            return int(r[(r.maat == "lopend") & (r.dimensie == "totaal")]["waarde"].sum())

        assert lopend() == 44
        assert lopend("2026-02-01") == 40
        assert lopend("2026-03-02") == 44  # the as-of day includes deliveries of that day
        assert lopend("2026-01-01") == 0
        assert len(store.alle_leveringen(con)) == 2  # the history keeps both


@pytest.mark.parametrize(
    "waarde,reden",
    [
        (2.5, "gebroken getal 2.5"),
        ("#DIV/0!", "foutwaarde #DIV/0!"),
        (None, "de cel is leeg"),
    ],
)
def test_bad_cell_values(werkboek, waarde, reden):
    pad = _zet(werkboek(), "Jobcoaching", "B2", waarde)
    g = lees_werkboek(pad)
    assert any(reden in str(m) and "blad 'Jobcoaching'" in str(m) for m in g.meldingen)


def test_unknown_sheet_is_named(werkboek):
    wb_pad = werkboek()
    wb = load_workbook(wb_pad)
    wb.create_sheet("Re-integratie")
    wb.save(wb_pad)
    g = lees_werkboek(wb_pad)
    assert any(m.regel == "blad_onbekend" and m.blad == "Re-integratie" for m in g.meldingen)
    assert isinstance(g.data, pd.DataFrame)


def test_big_jump_gives_a_warning_but_is_accepted(registreer, werkboek, tmp_path):
    with store.open_store(tmp_path / "s.duckdb") as con:
        registreer(con, "Demo-ggz Proef")
        inlezen(
            werkboek(periode="2025Q3", inhoud={"ips": {"Twente": (40, 5)}}, naam="q3.xlsx"), con
        )
        r = inlezen(werkboek(periode="2025Q4", inhoud={"ips": {"Twente": (90, 5)}}), con)
    assert r.status == "geaccepteerd"
    assert [m.regel for m in r.meldingen] == ["sprong"]
    assert str(r.meldingen[0]).startswith("Waarschuwing [sprong]")
    assert (
        "90 lopende trajecten tegen 40 in het vorige kwartaal; klopt dit?" in r.meldingen[0].tekst
    )


def test_a_row_without_a_known_region_is_its_own_category(registreer, werkboek, tmp_path):
    from werkmonitor.regions import ONBEKEND

    pad = werkboek(inhoud={"ips": {"Twente": (40, 5), ONBEKEND: (6, 1)}})
    db = tmp_path / "s.duckdb"
    with store.open_store(db) as con:
        registreer(con, "Demo-ggz Proef")
        r = inlezen(pad, con)
        assert r.status == "geaccepteerd", [str(m) for m in r.meldingen]
        reg = store.registraties(con, perioden=["2025Q4"])
    lopend = reg[(reg.maat == "lopend") & (reg.dimensie == "totaal")]
    assert dict(zip(lopend.regio, lopend.waarde, strict=True)) == {"Twente": 40, ONBEKEND: 6}


@pytest.mark.parametrize("geschreven", ["onbekend", "Onbekende regio", "REGIO ONBEKEND"])
def test_the_unknown_region_row_may_be_written_in_several_ways(werkboek, geschreven):
    from werkmonitor.regions import ONBEKEND

    pad = _zet(werkboek(), "IPS", "A3", geschreven)  # the row of Drenthe
    g = lees_werkboek(pad)
    assert g.meldingen == [] and ONBEKEND in set(g.data.regio)


def test_a_misspelled_region_is_not_taken_for_unknown(werkboek):
    pad = _zet(werkboek(), "IPS", "A2", "Twnte")
    g = lees_werkboek(pad)
    assert [m.regel for m in g.meldingen] == ["regio_onbekend"]
    assert "bedoelt u 'Twente'?" in str(g.meldingen[0])
