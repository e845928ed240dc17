"""A corpus of bad deliveries, one per rule and per kind of broken file.

Each case starts from a valid delivery made from the template, breaks one thing, and asserts
the rule that fires with its Dutch message; the store must be byte-for-byte unchanged after.
"""

import csv
import shutil
import zipfile

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from werkmonitor import store
from werkmonitor.intake.csv_file import CSV_KOLOMMEN
from werkmonitor.intake.receive import inlezen
from werkmonitor.intake.template import ORGANISATIE_RIJ
from werkmonitor.intake.workbook import lees_werkboek
from werkmonitor.vocab import kolommen_voor


def kol(traject, maat, dimensie="totaal", categorie="totaal"):
    """Column letter of a measure on a traject's sheet."""
    for j, k in enumerate(kolommen_voor(traject), start=2):
        if k.sleutel == (maat, dimensie, categorie):
            return get_column_letter(j)
    raise KeyError((traject, maat, dimensie, categorie))


def cel(blad, adres, waarde):
    def wijzig(wb):
        wb[blad][adres] = waarde

    return wijzig


def plus(blad, adres, n):
    def wijzig(wb):
        wb[blad][adres] = wb[blad][adres].value + n

    return wijzig


def verwijder_blad(blad):
    def wijzig(wb):
        del wb[blad]

    return wijzig


def leeg_rij(blad, rij):
    def wijzig(wb):
        for c in wb[blad][rij][1:]:
            c.value = None

    return wijzig


def reeks(*stappen):
    def wijzig(wb):
        for s in stappen:
            s(wb)

    return wijzig


def kopieer_rij(blad, van, naar):
    def wijzig(wb):
        for c in wb[blad][van]:
            wb[blad].cell(row=naar, column=c.column, value=c.value)

    return wijzig


def nieuw_blad(naam):
    def wijzig(wb):
        wb.create_sheet(naam)["A1"] = "Arbeidsmarktregio"

    return wijzig


def extra_kolom(blad, kop):
    def wijzig(wb):
        ws = wb[blad]
        ws.cell(row=1, column=ws.max_column + 1, value=kop)
        ws.cell(row=2, column=ws.max_column, value=1)

    return wijzig


def verwijder_kolom(blad, letter):
    def wijzig(wb):
        ws = wb[blad]
        ws.delete_cols(ws[f"{letter}1"].column)

    return wijzig


B, L = kol("ips", "betaald_werk"), kol("ips", "lopend")

# (name, change to the workbook, rule, fragment of the message)
WERKBOEK_GEVALLEN = [
    ("tekst", cel("IPS", f"{L}2", "veel"), "geen_getal", "gevonden 'veel'"),
    ("tekst_met_woord", cel("IPS", f"{L}2", "12 cliënten"), "geen_getal", "'12 cliënten'"),
    ("waar_onwaar", cel("IPS", f"{L}2", True), "geen_getal", "gevonden 'True'"),
    ("negatief", cel("IPS", f"{L}2", -3), "negatief_getal", "het negatieve getal -3"),
    ("gebroken", cel("IPS", f"{L}2", 2.5), "gebroken_getal", "gebroken getal 2.5"),
    ("decimale_komma_tekst", cel("IPS", f"{L}2", "3,5"), "geen_getal", "gevonden '3,5'"),
    ("exponent", cel("IPS", f"{L}2", "1e0"), "geen_getal", "'1e0'; schrijf alleen de cijfers"),
    ("laag_streepje", cel("IPS", f"{L}2", "0_1"), "geen_getal", "gevonden '0_1'"),
    (
        "arabisch_indisch",
        cel("IPS", f"{L}2", "\u0661\u0662"),
        "geen_getal",
        "cijfers 0 tot en met 9",
    ),
    (
        "duizendtal_punt",
        cel("IPS", f"{L}2", "1.047"),
        "duizendtallen",
        "zonder punt of spatie (1047)",
    ),
    ("duizendtal_spatie", cel("IPS", f"{L}2", "1\u00a0047"), "duizendtallen", "(1047)"),
    ("te_groot", cel("IPS", f"{L}2", 10**6), "te_groot", "boven 100.000 in één cel"),
    ("te_groot_1e20", cel("IPS", f"{L}2", 1e20), "te_groot", "boven 100.000"),
    ("overloop_2_70", cel("IPS", f"{L}2", 2**70), "te_groot", "boven 100.000"),
    ("deling_door_nul", cel("IPS", f"{L}2", "#DIV/0!"), "formulefout", "foutwaarde #DIV/0!"),
    ("niet_beschikbaar", cel("IPS", f"{L}2", "#N/A"), "formulefout", "foutwaarde #N/A"),
    ("lege_cel", cel("IPS", f"{B}2", None), "cel_leeg", "vul 0 in"),
    ("lege_rij", leeg_rij("IPS", 3), "cel_leeg", "alle aantallen in deze rij zijn leeg"),
    ("regio_typfout", cel("IPS", "A2", "Twenthe"), "regio_onbekend", "bedoelt u 'Twente'?"),
    ("regio_onzin", cel("IPS", "A2", "Xyzzy"), "regio_onbekend", "gebruik de officiële naam"),
    ("regio_leeg", cel("IPS", "A2", None), "regio_onbekend", "de regionaam ontbreekt"),
    ("regio_dubbel", kopieer_rij("IPS", 2, 4), "regio_dubbel", "staat ook al in rij 2"),
    ("blad_onbekend", nieuw_blad("Re-integratie"), "blad_onbekend", "onbekend tabblad"),
    ("blad_ontbreekt", verwijder_blad("Jobcoaching"), "blad_ontbreekt", "dit tabblad ontbreekt"),
    (
        "geen_trajectblad",
        reeks(verwijder_blad("Jobcoaching"), verwijder_blad("IPS")),
        "geen_trajectblad",
        "geen enkel trajectblad",
    ),
    ("kop_a1", cel("IPS", "A1", "Regio"), "kop_ontbreekt", "moet 'Arbeidsmarktregio' zijn"),
    ("kolom_onbekend", extra_kolom("IPS", "Aantal koffie"), "kolom_onbekend", "onbekende kolom"),
    (
        "kolom_ontbreekt",
        verwijder_kolom("IPS", kol("ips", "opleiding")),
        "kolom_ontbreekt",
        "deze kolom ontbreekt",
    ),
    (
        "maat_niet_voor_traject",
        extra_kolom("Jobcoaching", "Aantal cliënten met betaald werk (totaal)"),
        "maat_niet_voor_traject",
        "wordt bij Jobcoaching niet geregistreerd",
    ),
    (
        "som_financiering",
        plus("IPS", f"{kol('ips', 'lopend', 'financiering', 'uwv')}2", 1),
        "uitsplitsing_telt_niet_op",
        "uitsplitsing naar financiering telt op tot 41",
    ),
    (
        "som_type",
        plus("IPS", f"{kol('ips', 'lopend', 'type', 'epa')}2", 2),
        "uitsplitsing_telt_niet_op",
        "uitsplitsing naar type telt op tot 42",
    ),
    (
        "som_stadium",
        plus("IPS", f"{kol('ips', 'lopend', 'stadium', 'goedgekeurd')}2", -1),
        "uitsplitsing_telt_niet_op",
        "uitsplitsing naar stadium telt op tot 39",
    ),
    (
        "som_uitstroom",
        plus("IPS", f"{kol('ips', 'beeindigd', 'uitstroom', 'nooit_gewerkt')}2", 1),
        "uitsplitsing_telt_niet_op",
        "uitsplitsing naar uitstroom telt op tot 6",
    ),
    (
        "som_beeindigd_stadium",
        plus("IPS", f"{kol('ips', 'beeindigd', 'stadium', 'aangevraagd')}2", 1),
        "uitsplitsing_telt_niet_op",
        "naar stadium telt op tot 6, maar het totaal is 5",
    ),
    (
        "som_betaald_financiering",
        plus("IPS", f"{kol('ips', 'betaald_werk', 'financiering', 'gemeente')}2", 1),
        "uitsplitsing_telt_niet_op",
        "naar financiering telt op tot",
    ),
    (
        "som_dienstverband",
        plus(
            "Jobcoaching",
            f"{kol('jobcoaching', 'duur_dienstverband', 'duur', 'meer_dan_12_mnd')}2",
            1,
        ),
        "uitsplitsing_telt_niet_op",
        "duur van het dienstverband telt op tot 10",
    ),
    (
        "betaald_boven_lopend",
        cel("IPS", f"{B}2", 41),
        "onmogelijke_verhouding",
        "meer cliënten met betaald werk dan cliënten in een traject (41 tegen 40)",
    ),
    (
        "duurzaam_boven_betaald",
        cel("IPS", f"{kol('ips', 'duurzaam_betaald_werk')}2", 39),
        "onmogelijke_verhouding",
        "meer cliënten met duurzaam betaald werk dan met betaald werk",
    ),
    (
        "ooit_onder_betaald",
        cel("IPS", f"{kol('ips', 'ooit_betaald_werk')}2", 0),
        "onmogelijke_verhouding",
        "minder cliënten die ooit betaald werkten",
    ),
    (
        "beeindigd_boven_lopend",
        cel("IPS", f"{kol('ips', 'beeindigd')}2", 41),
        "onmogelijke_verhouding",
        "meer beëindigde trajecten dan trajecten die in het kwartaal",
    ),
    (
        "duur_eerste_baan_boven_ooit",
        plus("IPS", f"{kol('ips', 'duur_tot_eerste_baan', 'duur', 'meer_dan_9_mnd')}2", 50),
        "onmogelijke_verhouding",
        "de duur tot de eerste baan is ingevuld voor",
    ),
    (
        "periode_zichtbaar",
        cel("Toelichting", f"B{ORGANISATIE_RIJ + 1}", "2026Q1"),
        "meta_tegenstrijdig",
        "staat periode '2026Q1', maar het sjabloon is gemaakt voor '2025Q4'",
    ),
    (
        "organisatie_zichtbaar",
        cel("Toelichting", f"B{ORGANISATIE_RIJ}", "Andere ggz"),
        "meta_tegenstrijdig",
        "staat organisatie 'Andere ggz'",
    ),
    ("meta_weg", verwijder_blad("_meta"), "meta_ontbreekt", "het verborgen blad '_meta'"),
    (
        "meta_periode_onzin",
        cel("_meta", "B3", "2025Q5"),
        "periode_onbekend",
        "Onbekende periode '2025Q5'",
    ),
    (
        "meta_periode_jaar",
        cel("_meta", "B3", "2025"),
        "periode_onbekend",
        "'2025' is geen kwartaal",
    ),
    ("meta_organisatie_leeg", cel("_meta", "B2", None), "meta_ontbreekt", "mist 'organisatie'"),
]


@pytest.fixture(scope="module")
def _basis(tmp_path_factory, werkboek_map, registreer):
    """Made once per module: a valid delivery, and a store (with its archive beside it) that
    already holds another valid delivery."""
    map_ = tmp_path_factory.mktemp("basis")
    with store.open_store(map_ / "s.duckdb") as con:
        registreer(con, "Demo-ggz Proef")
        q3 = werkboek_map(map_, periode="2025Q3", naam="q3.xlsx")
        assert inlezen(q3, con).status == "geaccepteerd"
    werkboek_map(map_)
    return map_


@pytest.fixture
def basis(_basis, tmp_path):
    """A test's own copy of `_basis`: (the valid delivery, the store)."""
    map_ = shutil.copytree(_basis, tmp_path / "basis")
    return map_ / "Demo-ggz_Proef_2025Q4.xlsx", map_ / "s.duckdb"


def _afgewezen(pad, db, **kw):
    voor = db.read_bytes()
    with store.open_store(db) as con:
        r = inlezen(pad, con, **kw)
    assert db.read_bytes() == voor, "de database is veranderd na een afwijzing"
    assert r.status == "afgewezen"
    return r


@pytest.mark.parametrize(
    "naam,wijzig,regel,tekst", WERKBOEK_GEVALLEN, ids=[g[0] for g in WERKBOEK_GEVALLEN]
)
def test_bad_workbook(basis, naam, wijzig, regel, tekst):
    pad, db = basis
    wb = load_workbook(pad)
    wijzig(wb)
    wb.save(pad)
    r = _afgewezen(pad, db)
    treffers = [m for m in r.meldingen if m.regel == regel and tekst in str(m)]
    assert treffers, "\n".join(str(m) for m in r.meldingen)
    assert all(m.bestand == pad.name for m in r.meldingen)
    assert r.foutrapport and r.foutrapport[0].read_text(encoding="utf-8").count(regel) >= 1


@pytest.mark.parametrize(
    "optie,waarde,tekst",
    [
        ("periode", "2026Q1", "het bestand is voor periode '2025Q4', maar ingelezen als '2026Q1'"),
        ("organisatie", "Demo-ggz Ander", "voor organisatie 'Demo-ggz Proef', maar ingelezen als"),
    ],
)
def test_command_expectation_mismatch(basis, optie, waarde, tekst):
    pad, db = basis
    r = _afgewezen(pad, db, **{optie: waarde})
    assert any(m.regel == "meta_tegenstrijdig" and tekst in m.tekst for m in r.meldingen)


def _bestand_geval(tmp_path, soort, geldig):
    pad = tmp_path / f"{soort}.xlsx"
    if soort == "leeg":
        pad.write_bytes(b"")
    elif soort == "tekst":
        pad.write_text("regio;aantal\nTwente;4\n", encoding="utf-8")
    elif soort == "afgebroken":
        data = geldig.read_bytes()
        pad.write_bytes(data[: len(data) // 2])
    elif soort == "wachtwoord":
        from msoffcrypto.format.ooxml import OOXMLFile

        with open(geldig, "rb") as f, open(pad, "wb") as uit:
            OOXMLFile(f).encrypt("geheim", uit)
    elif soort == "andere_zip":
        with zipfile.ZipFile(pad, "w") as z:
            z.writestr("lees_mij.txt", "geen werkboek")
    return pad


@pytest.mark.parametrize(
    "soort,regel,tekst",
    [
        ("leeg", "leeg_bestand", "het bestand is leeg"),
        ("tekst", "geen_xlsx", "dit is geen Excel-werkboek (.xlsx)"),
        ("afgebroken", "afgebroken", "onvolledig of beschadigd"),
        ("wachtwoord", "wachtwoord", "beveiligd met een wachtwoord"),
        ("andere_zip", "onleesbaar", "kan niet worden geopend"),
    ],
)
def test_broken_file(basis, tmp_path, soort, regel, tekst):
    geldig, db = basis
    pad = _bestand_geval(tmp_path, soort, geldig)
    r = _afgewezen(pad, db)
    assert [m.regel for m in r.meldingen] == [regel]
    assert tekst in r.meldingen[0].tekst


def schrijf_csv(g, pad, scheiding=";", codering="utf-8", aanpassen=None):
    rijen = g.data.to_dict("records")
    if aanpassen:
        rijen = aanpassen(rijen)
    with open(pad, "w", encoding=codering, newline="") as f:
        w = csv.writer(f, delimiter=scheiding, quoting=csv.QUOTE_MINIMAL)
        w.writerow(CSV_KOLOMMEN)
        for r in rijen:
            w.writerow([r[k] for k in CSV_KOLOMMEN])
    return pad


def _eerste_waarde(waarde):
    def aanpassen(rijen):
        rijen[0] = {**rijen[0], "waarde": waarde}
        return rijen

    return aanpassen


CSV_GEVALLEN = [
    ("decimale_komma", ";", _eerste_waarde("3,5"), "decimale_komma", "decimale komma"),
    ("komma_scheiding", ",", _eerste_waarde("3,5"), "decimale_komma", "decimale komma"),
    (
        "onbekend_traject",
        ";",
        lambda r: [{**r[0], "traject": "reintegratie"}, *r[1:]],
        "traject_onbekend",
        "onbekend traject 'reintegratie'",
    ),
    (
        "twee_organisaties",
        ";",
        lambda r: [{**r[0], "organisatie": "Andere"}, *r[1:]],
        "meerdere_leveringen",
        "meer dan één organisatie",
    ),
    (
        "maat_niet_voor_traject",
        ";",
        lambda r: [
            *r,
            {
                **r[0],
                "traject": "jobcoaching",
                "maat": "betaald_werk",
                "dimensie": "totaal",
                "categorie": "totaal",
            },
        ],
        "maat_niet_voor_traject",
        "wordt bij jobcoaching niet geregistreerd",
    ),
    (
        "ontbrekende_maat",
        ";",
        lambda r: [x for x in r if x["maat"] != "opleiding"],
        "kolom_ontbreekt",
        "deze uitkomstmaat ontbreekt",
    ),
    ("negatief", ";", _eerste_waarde("-2"), "negatief_getal", "negatieve getal -2"),
    ("exponent", ";", _eerste_waarde("1e0"), "geen_getal", "gevonden '1e0'"),
    ("overloop_2_57", ";", _eerste_waarde(str(2**57)), "te_groot", "boven 100.000"),
    ("duizendtal_punt", ";", _eerste_waarde("1.047"), "duizendtallen", "(1047)"),
    ("arabisch_indisch", ";", _eerste_waarde("\u0663"), "geen_getal", "cijfers 0 tot en met 9"),
]


@pytest.mark.parametrize(
    "naam,scheiding,aanpassen,regel,tekst", CSV_GEVALLEN, ids=[g[0] for g in CSV_GEVALLEN]
)
def test_bad_csv(basis, tmp_path, naam, scheiding, aanpassen, regel, tekst):
    geldig, db = basis
    pad = schrijf_csv(
        lees_werkboek(geldig), tmp_path / f"{naam}.csv", scheiding, aanpassen=aanpassen
    )
    r = _afgewezen(pad, db)
    assert any(m.regel == regel and tekst in str(m) for m in r.meldingen), [
        str(m) for m in r.meldingen
    ]


@pytest.mark.parametrize(
    "scheiding,codering", [(";", "utf-8"), (",", "utf-8-sig"), (";", "cp1252")]
)
def test_valid_csv_gives_the_same_data_as_the_workbook(
    registreer, basis, tmp_path, scheiding, codering
):
    geldig, db = basis
    g = lees_werkboek(geldig)
    pad = schrijf_csv(g, tmp_path / "goed.csv", scheiding, codering)
    with store.open_store(db) as con:
        registreer(con, "Demo-ggz Proef")
        r = inlezen(pad, con)
        assert r.status == "geaccepteerd", [str(m) for m in r.meldingen]
        opgeslagen = store.registraties(con, perioden=["2025Q4"])
    sleutel = ["regio", "traject", "maat", "dimensie", "categorie"]
    a = opgeslagen.sort_values(sleutel).reset_index(drop=True)[[*sleutel, "waarde"]]
    b = g.data.sort_values(sleutel).reset_index(drop=True)[[*sleutel, "waarde"]]
    assert a.equals(b.astype(a.dtypes.to_dict()))


def test_unquoted_decimal_comma_in_a_comma_csv(basis, tmp_path):
    geldig, db = basis
    pad = schrijf_csv(lees_werkboek(geldig), tmp_path / "rauw.csv", ",")
    regels = pad.read_text(encoding="utf-8").splitlines()
    regels[1] = regels[1].rsplit(",", 1)[0] + ",3,5"
    pad.write_text("\n".join(regels) + "\n", encoding="utf-8")
    r = _afgewezen(pad, db)
    assert any(
        m.regel == "kolommen_per_regel"
        and m.regelnummer == 2
        and "9 velden in plaats van 8" in m.tekst
        for m in r.meldingen
    )


def test_annotated_copy_marks_the_bad_cell(basis):
    pad, db = basis
    wb = load_workbook(pad)
    wb["IPS"][f"{L}2"] = -3
    wb.save(pad)
    r = _afgewezen(pad, db)
    kopie = next(p for p in r.foutrapport if p.suffix == ".xlsx")
    ws = load_workbook(kopie)["IPS"]
    assert ws[f"{L}2"].comment is not None and "negatieve getal -3" in ws[f"{L}2"].comment.text
    assert ws[f"{L}2"].fill.fgColor.rgb.endswith("FFC7CE")


def test_corpus_has_at_least_forty_cases():
    assert len(WERKBOEK_GEVALLEN) + 2 + 5 + len(CSV_GEVALLEN) + 1 >= 40


def test_a_refused_csv_value_is_not_also_reported_missing(basis, tmp_path):
    geldig, db = basis
    pad = schrijf_csv(lees_werkboek(geldig), tmp_path / "d.csv", aanpassen=_eerste_waarde("1.047"))
    r = _afgewezen(pad, db)
    assert [m.regel for m in r.meldingen if m.ernst == "fout"] == ["duizendtallen"]


def _verouderde_dimensie(pad, tmp_path):
    """A copy of a workbook whose stored <dimension> says fewer rows than the sheets hold,
    as some software writes it: Excel shows every row, a trusting reader drops some."""
    import re

    uit = tmp_path / f"oud_{pad.name}"
    with zipfile.ZipFile(pad) as z, zipfile.ZipFile(uit, "w", zipfile.ZIP_DEFLATED) as w:
        for item in z.infolist():
            data = z.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                tekst = data.decode("utf-8")
                tekst = re.sub(r'<dimension ref="[^"]*" ?/>', '<dimension ref="A1:B2"/>', tekst)
                data = tekst.encode("utf-8")
            w.writestr(item, data)
    return uit


def test_a_stale_dimension_drops_no_row(basis, tmp_path):
    geldig, _db = basis
    oud = _verouderde_dimensie(geldig, tmp_path)
    with zipfile.ZipFile(oud) as z:
        assert any(b'<dimension ref="A1:B2"/>' in z.read(n) for n in z.namelist())
    verwacht, gelezen = lees_werkboek(geldig), lees_werkboek(oud)
    assert gelezen.meldingen == []
    assert sorted(set(gelezen.data["regio"])) == ["Drenthe", "Twente"]
    assert len(gelezen.data) == len(verwacht.data) > 0
    assert gelezen.data.reset_index(drop=True).equals(verwacht.data.reset_index(drop=True))


@pytest.mark.parametrize(
    "periode,tekst",
    [
        ("2022Q4", "de werkmonitor registreert vanaf kwartaal 1 van 2023"),
        ("2030Q1", "kwartaal 1 van 2030 is nog niet begonnen op de dag van ontvangst (02-12-2026)"),
        ("2027Q1", "kwartaal 1 van 2027 is nog niet begonnen"),
    ],
)
def test_a_period_outside_the_registration_is_refused(
    werkboek, tmp_path, registreer, periode, tekst
):
    from datetime import datetime

    db = registreer(tmp_path / "s.duckdb", "Demo-ggz Proef")
    r = _afgewezen(werkboek(periode=periode), db, ontvangen_op=datetime(2026, 12, 2, 9))
    assert [(m.regel, tekst in m.tekst) for m in r.meldingen] == [("periode_buiten_bereik", True)]


def test_the_quarter_of_arrival_itself_is_accepted(werkboek, tmp_path, registreer):
    from datetime import datetime

    with store.open_store(tmp_path / "s.duckdb") as con:
        registreer(con, "Demo-ggz Proef")
        r = inlezen(werkboek(periode="2026Q4"), con, ontvangen_op=datetime(2026, 12, 2, 9))
    assert r.status == "geaccepteerd", [str(m) for m in r.meldingen]


def test_a_formula_without_a_stored_result_is_named(basis):
    pad, db = basis
    wb = load_workbook(pad)
    wb["IPS"][f"{L}2"] = "=1+1"  # openpyxl stores the formula, not its result
    wb.save(pad)
    r = _afgewezen(pad, db)
    fout = [m for m in r.meldingen if m.ernst == "fout"]
    assert [(m.regel, m.cel) for m in fout] == [("formule_zonder_uitkomst", f"{L}2")]
    assert "de formule =1+1 zonder bewaarde uitkomst" in fout[0].tekst
    assert "leeg" not in fout[0].tekst
