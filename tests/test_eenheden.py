"""Quality reports per region and organisation: suppression, comparison with national, and
the national pages naming no organisation."""

import re

import pandas as pd
import pytest

from werkmonitor import batch, privacy, report_eenheid
from werkmonitor.cli import main
from werkmonitor.regions import slug


@pytest.fixture(scope="module")
def tabellen(demo_db):
    return report_eenheid.tabellen("2025Q4", demo_db)


def _kleinste_organisatie(tabellen):
    t = tabellen["organisatie"]
    t = t[
        (t.periode == "2025Q4")
        & (t.traject == "totaal")
        & (t.maat == "lopend")
        & (t.grootheid == "aantal")
    ]
    return t.sort_values(["waarde", "eenheid"]).iloc[0]["eenheid"]


def test_reports_go_to_their_own_folders_and_hide_small_counts(demo_db, project, tabellen):
    org = _kleinste_organisatie(tabellen)
    uit = batch.rapporten_eenheden(
        "2025Q4", ["Zeeland", "Groot Amsterdam"], [org], demo_db, project, lambda _t: None
    )
    assert not (project / "reports" / "2025Q4" / "_cache").exists()  # no unsuppressed data left
    assert [u.html.parent.relative_to(project / "reports" / "2025Q4").as_posix() for u in uit] == [
        "regio/zeeland",
        "regio/groot-amsterdam",
        f"organisatie/{slug(org)}",
    ]
    for u in uit:
        tekst = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", u.html.read_text(encoding="utf-8")))
        assert "niet gepubliceerd" in tekst and "Let op: synthetische gegevens." in tekst
        assert u.pdf.read_bytes()[:5] == b"%PDF-"
    # every count shown in a unit report is 0 or at least the threshold
    for soort, naam in (("regio", "Zeeland"), ("organisatie", org)):
        kw = {soort: naam}
        e = report_eenheid.laad("2025Q4", db=demo_db, **kw)
        df = report_eenheid.kerncijfers_frame(e)
        getoond = df[["lopend", "gestart", "beeindigd"]].stack().dropna()
        assert ((getoond == 0) | (getoond >= privacy.DREMPEL)).all()


def test_a_single_hidden_part_is_protected_by_a_second(demo_db, tabellen):
    # find a region where exactly one traject's running count is small
    t = tabellen["regio"]
    t = t[
        (t.periode == "2025Q4")
        & (t.maat == "lopend")
        & (t.dimensie == "totaal")
        & (t.grootheid == "aantal")
    ]
    for regio, deel in t[t.traject != "totaal"].groupby("eenheid"):
        klein = deel["waarde"].between(1, privacy.DREMPEL - 1)
        if klein.sum() == 1 and (deel["waarde"] > 0).sum() >= 2:
            df = report_eenheid.kerncijfers_frame(
                report_eenheid.laad("2025Q4", db=demo_db, regio=regio)
            )
            assert df["lopend"].iloc[:-1].isna().sum() == 2, regio
            assert not pd.isna(df.loc["totaal", "lopend"])
            return
    pytest.fail("geen regio met precies één klein traject in de demodata")


def test_national_pages_name_no_organisation(demo_db, project):
    uit = batch.rapport_landelijk("2025Q4", db=demo_db, projectmap=project, meld=lambda _t: None)
    assert "Demo-ggz" not in uit.html.read_text(encoding="utf-8")


def test_unknown_region_is_refused_in_dutch(demo_db, capsys):
    assert (
        main(["rapport", "--periode", "2025Q4", "--db", str(demo_db), "--regio", "Atlantis"]) == 2
    )
    assert "Onbekende arbeidsmarktregio: Atlantis." in capsys.readouterr().err
