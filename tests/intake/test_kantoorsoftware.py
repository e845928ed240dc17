"""Deliveries written by real office software (LibreOffice Calc 7.4; tests/data/kantoorsoftware,
README there): each is stored as the sender meant it, or refused with a clear Dutch message."""

from datetime import datetime

import pandas as pd
import pytest

from werkmonitor import store
from werkmonitor.intake.parsed import samengevat
from werkmonitor.intake.receive import inlezen, lees_bestand
from werkmonitor.paths import PROJECT

MAP = PROJECT / "tests" / "data" / "kantoorsoftware"
SLEUTEL = ["periode", "organisatie", "regio", "traject", "maat", "dimensie", "categorie"]


def _gesorteerd(df: pd.DataFrame) -> pd.DataFrame:
    return df[[*SLEUTEL, "waarde"]].sort_values(SLEUTEL).reset_index(drop=True)


@pytest.fixture
def con(tmp_path, registreer):
    with store.open_store(tmp_path / "s.duckdb") as c:
        yield registreer(c, "Demo-ggz Aalsveld")


def _lees(pad, con):
    return inlezen(pad, con, ontvangen_op=datetime(2026, 6, 1, 9))


@pytest.mark.parametrize(
    "bestand",
    [
        "cellen/a_apostrof_tekst.xlsx",
        "cellen/d_spatie_achter.xlsx",
        "cellen/e1_procentnotatie_heel.xlsx",
        "cellen/g_verborgen_rij.xlsx",
        "cellen/h_filter_aan.xlsx",
        "cellen/j_bladen_verschoven.xlsx",
        "cellen/l_formules.xlsx",
        "cellen/m_regio_kleine_letters.xlsx",
        "xlsx/getypt_in_calc_nl_2026Q1.xlsx",
        "xlsx/sjabloon_ingevuld_2026Q1.xlsx",
    ],
)
def test_stored_as_the_sender_meant(bestand, con):
    r = _lees(MAP / bestand, con)
    assert r.status == "geaccepteerd", [str(m) for m in r.meldingen]
    bedoeld = pd.read_csv(MAP / bestand.replace(".xlsx", ".bedoeld.csv"), dtype={"periode": str})
    opgeslagen = store.registraties_van(con, r.levering_id)
    pd.testing.assert_frame_equal(_gesorteerd(opgeslagen), _gesorteerd(bedoeld), check_dtype=False)


@pytest.mark.parametrize(
    "bestand,regel,tekst",
    [
        ("cellen/b_tekst_1.047.xlsx", "duizendtallen", "scheidingsteken voor duizendtallen"),
        ("cellen/n_tekst_1_047_spatie.xlsx", "duizendtallen", "zonder punt of spatie"),
        ("cellen/f_datumnotatie.xlsx", "datumnotatie", "de notatie 'Getal'"),
        ("cellen/e2_procent_getypt.xlsx", "procentnotatie", "procentnotatie ('0%') en bevat 0.12"),
        ("xlsx/getypt_1-3_wordt_datum_2026Q1.xlsx", "datumnotatie", "gelezen als de datum"),
        ("cellen/i_extra_blad.xlsx", "blad_onbekend", "onbekend tabblad"),
        ("cellen/k_blad_hernoemd.xlsx", "blad_onbekend", "onbekend tabblad"),
        ("andere_formaten/opgeslagen_als_xls_2025Q4.xls", "geen_xlsx", "oud Excel-bestand"),
        ("csv/calc_export_een_blad_2025Q4.csv", "csv_van_een_blad", "Lever het hele werkboek"),
    ],
)
def test_refused_with_what_to_do(bestand, regel, tekst, con):
    r = _lees(MAP / bestand, con)
    assert r.status == "afgewezen"
    fouten = [m for m in r.meldingen if m.ernst == "fout"]
    assert {m.regel for m in fouten} == {regel}, [str(m) for m in fouten]
    assert tekst in fouten[0].tekst
    assert con.execute("SELECT count(*) FROM leveringen").fetchone()[0] == 0


def test_ods_and_csv_exports_read_as_the_workbook(con):
    werkboek = lees_bestand(MAP / "xlsx/herbewaard_2025Q4.xlsx")
    assert werkboek.meldingen == [] and len(werkboek.data) == 165
    for bestand in (
        "andere_formaten/opgeslagen_als_ods_2025Q4.ods",
        "andere_formaten/ods_hernoemd_naar_xlsx_2025Q4.xlsx",
        "csv/lang_puntkomma_cp1252_crlf_2025Q4.csv",
        "csv/lang_puntkomma_utf8bom_crlf_2025Q4.csv",
    ):
        g = lees_bestand(MAP / bestand)
        assert [m.ernst for m in g.meldingen] in ([], ["waarschuwing"]), bestand
        pd.testing.assert_frame_equal(_gesorteerd(g.data), _gesorteerd(werkboek.data))
    hernoemd = lees_bestand(MAP / "andere_formaten/ods_hernoemd_naar_xlsx_2025Q4.xlsx")
    assert [m.regel for m in hernoemd.meldingen] == ["opendocument"]


def test_the_same_delivery_resaved_or_in_other_case_changes_nothing(con):
    eerste = _lees(MAP / "andere_formaten/opgeslagen_als_ods_2025Q4.ods", con)
    assert eerste.status == "geaccepteerd"
    for bestand in (
        "xlsx/herbewaard_2025Q4.xlsx",
        "csv/organisatie_andere_hoofdletters_2025Q4.csv",
    ):
        r = _lees(MAP / bestand, con)
        assert r.status == "zelfde_cijfers", [str(m) for m in r.meldingen]
    assert store.organisaties(con) == ["Demo-ggz Aalsveld"]
    assert len(store.alle_leveringen(con)) == 1


def test_one_mistake_in_every_cell_is_one_message(con):
    r = _lees(MAP / "csv/decimale_komma_2026Q1.csv", con)
    assert r.status == "afgewezen" and len(r.meldingen) == 165
    kort = samengevat(r.meldingen)
    assert len(kort) == 1 and kort[0].regel == "decimale_komma"
    assert str(kort[0]).startswith(
        "Fout [decimale_komma] bestand decimale_komma_2026Q1.csv: 165 keer"
    )
    assert "onder meer regel 2" in kort[0].tekst and "decimale komma" in kort[0].tekst


@pytest.mark.parametrize(
    "bestand,noten",
    [
        ("cellen/g_verborgen_rij.xlsx", ["rij 2 is verborgen; die is wel meegeteld."]),
        (
            "cellen/h_filter_aan.xlsx",
            [
                "rij 3 is verborgen; die is wel meegeteld.",
                "er staat een filter aan; ook de rijen die het verbergt zijn gelezen.",
            ],
        ),
    ],
)
def test_hidden_rows_and_filters_are_read_and_noted_in_the_receipt(bestand, noten, con):
    r = _lees(MAP / bestand, con)
    assert r.status == "geaccepteerd"
    assert [m.tekst for m in r.meldingen] == noten
    assert all(m.ernst == "waarschuwing" and m.blad == "IPS" for m in r.meldingen)
    bon = r.bewaard.with_name(r.bewaard.name.split(".")[0] + ".ontvangst.txt").read_text()
    assert f"besluit: opgeslagen als levering {r.levering_id}" in bon
    assert all(n in bon for n in noten)


@pytest.mark.parametrize(
    "zicht,noten",
    [
        ("collapsed", ["rij 3 is verborgen; die is wel meegeteld."]),
        (
            "filter",
            [
                "rij 3 is verborgen; die is wel meegeteld.",
                "er staat een filter aan; ook de rijen die het verbergt zijn gelezen.",
            ],
        ),
    ],
)
def test_hidden_rows_in_an_ods_are_noted_too(zicht, noten, con, tmp_path):
    """The .ods that LibreOffice saved, with its third IPS row hidden the way LibreOffice marks
    it (table:visibility on the row), by hand or by a filter."""
    import re
    import zipfile

    bron = MAP / "andere_formaten/opgeslagen_als_ods_2025Q4.ods"
    pad = tmp_path / f"verborgen_{zicht}.ods"
    with zipfile.ZipFile(bron) as z, zipfile.ZipFile(pad, "w") as uit:
        for info in z.infolist():
            data = z.read(info)
            if info.filename == "content.xml":
                tekst = data.decode()
                begin = tekst.index('table:name="IPS"')
                rijen = [m.start() for m in re.finditer("<table:table-row ", tekst[begin:])]
                plek = begin + rijen[2] + len("<table:table-row ")
                tekst = tekst[:plek] + f'table:visibility="{zicht}" ' + tekst[plek:]
                data = tekst.encode()
            uit.writestr(info, data)
    r = _lees(pad, con)
    assert r.status == "geaccepteerd", [str(m) for m in r.meldingen]
    assert [m.tekst for m in r.meldingen if m.regel != "zelfde_cijfers"] == noten
    assert all(m.blad == "IPS" for m in r.meldingen if m.regel != "zelfde_cijfers")
