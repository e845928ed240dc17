"""Revisions and provisional figures on a small store, computed by hand: two organisations
deliver 2025Q3 (IPS running 40 in Twente and 12 in Drenthe), the quarter is published on
1 November, then one organisation corrects its delivery (40 -> 45), a third is late, and the
second sends its file again, re-saved, with the same numbers (which changes nothing)."""

from datetime import date, datetime

import pytest
from openpyxl import load_workbook

from werkmonitor import store
from werkmonitor.indicators import herzieningen as hz
from werkmonitor.intake.receive import inlezen
from werkmonitor.report import herzien

EEN, TWEE, DRIE = "Demo-ggz Een", "Demo-ggz Twee", "Demo-ggz Drie"
GEPUBLICEERD = date(2025, 11, 1)


def _lever(con, werkboek, org, lopend, regio, dag, naam):
    pad = werkboek(org=org, periode="2025Q3", inhoud={"ips": {regio: (lopend, 5)}}, naam=naam)
    r = inlezen(pad, con, ontvangen_op=datetime.combine(dag, datetime.min.time()))
    assert r.status == "geaccepteerd", r.meldingen


@pytest.fixture(scope="module")
def winkel(registreer, werkboek_map, tmp_path_factory):
    """The small store, made once for the module (no test writes to it)."""
    map_ = tmp_path_factory.mktemp("herzieningen")

    def werkboek(**kw):
        return werkboek_map(map_, **kw)

    db = registreer(map_ / "s.duckdb", EEN, TWEE, DRIE)
    with store.open_store(db) as con:
        _lever(con, werkboek, EEN, 40, "Twente", date(2025, 10, 20), "een.xlsx")
        _lever(con, werkboek, TWEE, 12, "Drenthe", date(2025, 10, 21), "twee.xlsx")
        store.leg_publicatie_vast(con, "2025Q3", GEPUBLICEERD, "vingerafdruk", "test")
        _lever(con, werkboek, EEN, 45, "Twente", date(2025, 11, 20), "een_correctie.xlsx")
        _lever(con, werkboek, DRIE, 7, "Zeeland", date(2025, 11, 25), "drie_laat.xlsx")
        opnieuw = map_ / "twee_opnieuw.xlsx"
        load_workbook(map_ / "twee.xlsx").save(opnieuw)  # other bytes, the same numbers
        r = inlezen(opnieuw, con, ontvangen_op=datetime(2025, 11, 22), vervang=True)
        assert r.status == "geaccepteerd", r.meldingen
    return db


def _lopend(df, traject):
    r = df[(df["traject"] == traject) & (df["maat"] == "lopend")]
    return list(zip(r["oud"], r["nieuw"], strict=True))


def test_a_revision_gives_the_published_and_the_current_figure(winkel):
    df = hz.herzieningen(winkel, ["2025Q3"])
    assert _lopend(df, "ips") == [(52, 64)]  # 40 + 12 published; 45 + 12 + 7 now
    assert _lopend(df, "totaal") == [(52, 64)]
    assert set(df["periode"]) == {"2025Q3"} and set(df["gepubliceerd"]) == {GEPUBLICEERD}


def test_the_deliveries_after_the_publication_are_the_cause(winkel):
    with store.open_store(winkel, alleen_lezen=True) as con:
        pub = hz.herzieningen(winkel, ["2025Q3"])[["periode", "gepubliceerd"]]
        o = hz.oorzaken(con, pub.drop_duplicates())
    assert list(zip(o["organisatie"], o["soort"], strict=True)) == [
        (EEN, "correctie"),
        (DRIE, "late aanlevering"),
    ]


def test_as_of_the_publication_day_nothing_is_revised(winkel):
    assert hz.herzieningen(winkel, ["2025Q3"], peildatum="2025-11-01").empty
    # a quarter never published has no revisions, whatever changed
    assert hz.herzieningen(winkel, ["2025Q2"]).empty


def test_organisations_are_named_on_internal_pages_only(winkel):
    openbaar = herzien.sectie("2025Q3", winkel, openbaar=True)
    intern = herzien.sectie("2025Q3", winkel, openbaar=False)
    assert "een correctie (ontvangen op 20 november 2025)" in openbaar
    assert "een late aanlevering (ontvangen op 25 november 2025)" in openbaar
    assert EEN not in openbaar and DRIE not in openbaar
    assert f"een correctie van {EEN} (ontvangen op 20 november 2025)" in intern
    assert "| K3 2025 | IPS | lopende trajecten | 52 | 64 | +12 |" in openbaar


def test_figures_are_provisional_while_deliveries_are_expected_before_the_deadline(winkel):
    with store.open_store(winkel, alleen_lezen=True) as con:
        toen = hz.status(con, "2025Q3", peildatum="2025-10-25")
        na_deadline = hz.status(con, "2025Q3", peildatum="2025-11-01")
        nu = hz.status(con, "2025Q3")
        eerder = hz.status(con, "2025Q3", peildatum="2025-10-25", aanleveren_tot="2025-10-24")
    assert toen.voorlopig and toen.ontbrekend == [DRIE] and toen.deelnemers == 3
    assert toen.deadline == date(2025, 10, 31)
    assert not na_deadline.voorlopig and na_deadline.ontbrekend == [DRIE]  # final, late
    assert not nu.voorlopig and nu.ontbrekend == [] and nu.moment == date(2025, 11, 25)
    assert not eerder.voorlopig  # the params file's deadline goes before the default
    assert "had 1 van de 3 deelnemende organisaties nog niet aangeleverd" in (
        herzien.voorlopig_tekst(toen)
    )
    assert DRIE not in herzien.voorlopig_tekst(toen)
    assert DRIE in herzien.voorlopig_tekst(toen, openbaar=False)


@pytest.mark.parametrize(
    ("periode", "deadline"),
    [("2025Q4", date(2026, 1, 31)), ("2025Q3", date(2025, 10, 31)), ("2025Q1", date(2025, 4, 30))],
)
def test_the_default_deadline_is_the_end_of_the_month_after_the_quarter(periode, deadline):
    assert hz.standaard_deadline(periode) == deadline


def test_a_publication_is_recorded_once(winkel):
    with store.open_store(winkel) as con, pytest.raises(store.StoreFout) as fout:
        store.leg_publicatie_vast(con, "2025Q3", GEPUBLICEERD, "x", "y")
    assert (
        str(fout.value) == "Kwartaal 3 van 2025 is al gepubliceerd met de cijfers van 01-11-2025."
    )
    with store.open_store(winkel, alleen_lezen=True) as con:
        assert len(store.publicaties(con)) == 1
        assert store.publicaties(con, peildatum="2025-11-01").empty  # not before its own day


def test_a_units_own_figures_are_revised_with_its_own_causes(winkel):
    for soort, naam in (("regio", "Twente"), ("organisatie", EEN)):
        df = hz.herzieningen(winkel, ["2025Q3"], soort=soort, naam=naam)
        assert _lopend(df, "ips") == [(40, 45)], (soort, naam)
        with store.open_store(winkel, alleen_lezen=True) as con:
            o = hz.oorzaken(
                con, df[["periode", "gepubliceerd"]].drop_duplicates(), None, soort, naam
            )
        assert list(zip(o["organisatie"], o["soort"], strict=True)) == [(EEN, "correctie")]
    # the causes of every unit are read once (a batch's quality reports each take their
    # own): EEN's correction has registrations in Twente only
    with store.open_store(winkel, alleen_lezen=True) as con:
        alle = hz.alle_oorzaken(con, df[["periode", "gepubliceerd"]].drop_duplicates())
    correctie = alle[alle["soort"] == "correctie"]
    assert list(zip(correctie["organisatie"], correctie["regios"], strict=True)) == [
        (EEN, ("Twente",))
    ]
    assert hz.van_eenheid(alle, "regio", "Drenthe")["soort"].tolist() == []
    assert hz.van_eenheid(alle, "regio", "Twente")["organisatie"].tolist() == [EEN]
    assert list(hz.van_eenheid(alle).columns) == hz.OORZAAKKOLOMMEN
    geen = hz.van_eenheid(alle.iloc[:0], "regio", "Twente")  # no causes at all: no rows
    assert geen.empty and list(geen.columns) == hz.OORZAAKKOLOMMEN
    # Drenthe: only the same numbers sent again; Zeeland had nothing when it was published
    assert hz.herzieningen(winkel, ["2025Q3"], soort="regio", naam="Drenthe").empty
    zeeland = hz.herzieningen(winkel, ["2025Q3"], soort="regio", naam="Zeeland")
    assert _lopend(zeeland, "ips") == [(0, 7)]


def test_a_quality_report_names_no_organisation_in_its_revisions(winkel):
    tekst = herzien.sectie("2025Q3", winkel, openbaar=False, regio="Twente")
    assert "een correctie (ontvangen op 20 november 2025)" in tekst and EEN not in tekst
    assert "| K3 2025 | IPS | lopende trajecten | 40 | 45 | +5 |" in tekst
