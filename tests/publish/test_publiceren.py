"""Publishing as a step of its own: `werkmonitor publiceer` freezes the national report as
known on the day and records it in the store; `werkmonitor rapport --peildatum` rebuilds it
byte for byte; the site lists it with its date; the current report names what it revised."""

import hashlib
import re
import shutil
from datetime import date

import pandas as pd
import pytest

from werkmonitor import store
from werkmonitor.cli import main
from werkmonitor.demo.aanleveringen import LAAT, publicatiedagen
from werkmonitor.indicators import herzieningen as hz
from werkmonitor.periods import Periode
from werkmonitor.publish import batch, publiceren, site
from werkmonitor.report import herzien
from werkmonitor.report.text import getal

DAG = dict(publicatiedagen())[LAAT]  # 2025Q4, published before its late delivery


def _sha(pad) -> str:
    return hashlib.sha256(pad.read_bytes()).hexdigest()


def _tekst(pad) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", pad.read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def gepubliceerd(demo_db, tmp_path_factory, projectkopie):
    """A copy of the demo store with 2025Q4 published on DAG, in a project of its own."""
    map_ = tmp_path_factory.mktemp("publiceren")
    db = map_ / "demo.duckdb"
    shutil.copyfile(demo_db, db)
    project = projectkopie(map_ / "project")
    stil = lambda _t: None  # noqa: E731
    uitvoer = publiceren.publiceer(Periode.lees(LAAT), DAG, db=db, root=project, meld=stil)
    return db, project, uitvoer


def test_the_publication_is_recorded_with_the_figures_fingerprint(gepubliceerd):
    db, project, uitvoer = gepubliceerd
    assert uitvoer.html.parent == project / "reports" / "site" / f"{LAAT}_{DAG.isoformat()}"
    with store.open_store(db, alleen_lezen=True) as con:
        pub = store.publicaties(con)
    assert pub[["periode", "datum"]].values.tolist() == [[LAAT, DAG]]
    voet = site.voet_van(site._manifest(uitvoer.html.parent))
    assert pub["vingerafdruk"].iloc[0] == voet.vingerafdruk != ""


def test_the_frozen_report_says_its_figures_were_provisional(gepubliceerd):
    _db, _project, uitvoer = gepubliceerd
    tekst = _tekst(uitvoer.html)
    assert "De cijfers over kwartaal 4 van 2025 zijn voorlopig" in tekst
    assert "had 1 van de 42 deelnemende organisaties nog niet aangeleverd" in tekst


def test_a_rebuild_as_of_the_day_is_byte_identical(gepubliceerd, tmp_path, projectkopie):
    db, _project, uitvoer = gepubliceerd
    ander = projectkopie(tmp_path / "ander")
    opnieuw = batch.rapport_landelijk(
        Periode.lees(LAAT), db=db, projectmap=ander, meld=lambda _t: None, peildatum=str(DAG)
    )
    assert opnieuw.html.parent != uitvoer.html.parent
    for naam in ("index.html", f"werkmonitor_{LAAT}_landelijk.pdf"):
        assert _sha(opnieuw.html.parent / naam) == _sha(uitvoer.html.parent / naam), naam


def test_the_current_figures_name_the_revision_and_the_site_lists_the_version(gepubliceerd):
    db, project, _uitvoer = gepubliceerd
    tekst = herzien.sectie(LAAT, db)  # what the current national report shows
    assert "De cijfers over kwartaal 4 van 2025 zijn definitief" in tekst
    assert "door een late aanlevering (ontvangen op 19 maart 2026)" in tekst
    assert "Demo-ggz" not in tekst  # the public report names no organisation
    # the late organisation's IPS clients were missing from the published national figure
    pub = pd.DataFrame({"periode": [LAAT], "gepubliceerd": [DAG]})
    with store.open_store(db, alleen_lezen=True) as con:
        [laat] = hz.oorzaken(con, pub)["organisatie"]
        reg = store.registraties(con, perioden=[LAAT])
    ips = reg[(reg.traject == "ips") & (reg.maat == "lopend") & (reg.dimensie == "totaal")]
    n, land = int(ips[ips.organisatie == laat]["waarde"].sum()), int(ips["waarde"].sum())
    assert n > 0
    assert (
        f"| K4 2025 | IPS | lopende trajecten | {getal(land - n)} | {getal(land)} | +{getal(n)} |"
        in tekst
    )
    landing = _tekst(site.bouw_indexen(project))
    assert "Kwartaalrapport kwartaal 4 van 2025 ( PDF , cijfers in Excel ), gepubliceerd op " in (
        landing
    )
    html = (project / "reports" / "site" / "index.html").read_text(encoding="utf-8")
    assert f'href="{LAAT}_{DAG.isoformat()}/index.html"' in html


def test_the_late_organisations_own_report_shows_its_figures_as_revised(gepubliceerd):
    db, _project, _uitvoer = gepubliceerd
    pub = pd.DataFrame({"periode": [LAAT], "gepubliceerd": [DAG]})
    with store.open_store(db, alleen_lezen=True) as con:
        [laat] = hz.oorzaken(con, pub)["organisatie"]
    tekst = herzien.sectie(LAAT, db, organisatie=laat)
    assert "gewijzigd door een late aanlevering (ontvangen op 19 maart 2026)" in tekst
    assert laat not in tekst
    assert "| K4 2025 | IPS | lopende trajecten | 0 |" in tekst  # nothing of it was published


def test_publishing_twice_or_without_data_ends_in_one_dutch_line(gepubliceerd, capsys):
    db, project, _uitvoer = gepubliceerd
    args = ["publiceer", "--periode", LAAT, "--db", str(db), "--project", str(project)]
    assert main([*args, "--datum", DAG.isoformat()]) == 2
    fout = capsys.readouterr().err.strip()
    assert fout == "Fout: Kwartaal 4 van 2025 is al gepubliceerd met de cijfers van 25-01-2026."
    assert main([*args, "--datum", "2026-01-02"]) == 2
    assert capsys.readouterr().err.strip() == (
        "Fout: Op 02-01-2026 waren er nog geen aanleveringen over kwartaal 4 van 2025; er is "
        "niets te publiceren."
    )
    with pytest.raises(SystemExit) as stop:
        main([*args, "--datum", "25-01-2026"])
    assert stop.value.code == 2
    assert "'25-01-2026' is geen datum; schrijf bijvoorbeeld 2026-01-25" in capsys.readouterr().err


def test_a_rebuild_as_of_a_day_without_the_quarter_ends_in_one_dutch_line(gepubliceerd, capsys):
    db, project, _uitvoer = gepubliceerd
    args = ["rapport", "--periode", LAAT, "--peildatum", "2025-12-01", "--db", str(db)]
    assert main([*args, "--project", str(project)]) == 2
    assert capsys.readouterr().err.strip() == (
        "Op 2025-12-01 bevatte de database geen aanleveringen over kwartaal 4 van 2025; wel over "
        "kwartaal 1 van 2023 tot en met kwartaal 3 van 2025."
    )


def test_the_demo_publishes_before_its_correction_and_late_delivery():
    assert publicatiedagen() == [("2025Q3", date(2025, 11, 1)), ("2025Q4", date(2026, 1, 25))]
