"""A report whose inputs are unchanged is not rebuilt; the inputs are the numbers it can show
(by content), the project's files, the package and the tools."""

import json
import shutil
from datetime import date

from openpyxl import load_workbook

from werkmonitor import store
from werkmonitor.intake.receive import inlezen
from werkmonitor.periods import Periode
from werkmonitor.publish import batch, invoer
from werkmonitor.publish.rendering import Uitvoer, schrijf_manifest


def test_an_unchanged_report_is_skipped_and_left_as_it_is(kwartaalrapport, demo_db):
    map_ = kwartaalrapport.html.parent
    project = map_.parent.parent.parent
    voor = {p.name: p.stat().st_mtime_ns for p in map_.iterdir()}
    meldingen = []
    uit = batch.rapport_landelijk(
        Periode.lees("2025Q4"), db=demo_db, projectmap=project, meld=meldingen.append
    )
    assert uit == kwartaalrapport
    assert f"Ongewijzigd, overgeslagen: {map_}" in meldingen
    assert not any(m.startswith("[1/") for m in meldingen)  # no notebook ran
    assert {p.name: p.stat().st_mtime_ns for p in map_.iterdir()} == voor
    manifest = json.loads((map_ / "manifest.json").read_text(encoding="utf-8"))
    assert set(manifest["invoer"]) == {
        "cijfers",
        "parameters",
        "notebooks",
        "params",
        "quarto",
        "pakket",
        "documentatie",
        "gereedschap",
        "sleutel",
    }


def _nep_rapport(map_, sleutel):
    map_.mkdir(parents=True)
    for naam in ("01.ipynb", "index.html", "r.pdf"):
        (map_ / naam).write_text(naam)
    u = Uitvoer([map_ / "01.ipynb"], map_ / "index.html", map_ / "r.pdf")
    schrijf_manifest(map_, u, {}, {}, {"sleutel": sleutel})
    return u


def test_other_inputs_or_an_edited_file_mean_a_rebuild(tmp_path):
    u = _nep_rapport(tmp_path / "r", "abc")
    assert invoer.ongewijzigd(tmp_path / "r", "abc") == u
    assert invoer.ongewijzigd(tmp_path / "r", "def") is None
    (tmp_path / "r" / "index.html").write_text("met de hand veranderd")
    assert invoer.ongewijzigd(tmp_path / "r", "abc") is None
    assert invoer.ongewijzigd(tmp_path / "bestaat_niet", "abc") is None


def test_the_numbers_count_by_content_and_only_up_to_the_period(demo_db, tmp_path):
    db = tmp_path / "s.duckdb"
    shutil.copyfile(demo_db, db)
    kwartaal, jaar = Periode.lees("2025Q4"), Periode.lees("2024")
    voor = invoer.cijfers(db, kwartaal), invoer.cijfers(db, jaar)
    with store.open_store(db) as con:
        lev = store.geldige_leveringen(con)
        een = lev[lev["periode"] == "2025Q4"].iloc[0]
        # the same numbers in a re-saved file, forced to be the delivery in force
        opnieuw = tmp_path / "opnieuw_opgeslagen.xlsx"
        load_workbook(een["bronbestand"]).save(opnieuw)
        r = inlezen(
            opnieuw,
            con,
            vervang=True,
            archief=tmp_path / "archief",
            accepteer_sprong=True,
            reden="test",
        )
        assert r.status == "geaccepteerd"
        assert store.geldende_levering(con, een["organisatie"], "2025Q4") == r.levering_id
    assert (invoer.cijfers(db, kwartaal), invoer.cijfers(db, jaar)) == voor
    with store.open_store(db) as con:  # one number changed in 2025Q4
        con.execute(
            "UPDATE registraties SET waarde = waarde + 1 WHERE levering_id = ? AND maat = "
            "'lopend' AND dimensie = 'totaal' AND regio = (SELECT min(regio) FROM "
            "registraties WHERE levering_id = ?)",
            [r.levering_id, r.levering_id],
        )
    assert invoer.cijfers(db, kwartaal) != voor[0]
    assert invoer.cijfers(db, jaar) == voor[1]  # 2025Q4 is not shown in the 2024 report
    # a quarterly report shows its own quarter, the ones it is compared with and its trend,
    # and reads the quarter before each (their started clients)
    assert invoer.gelezen_kwartalen(kwartaal) == [
        *("2024Q3", "2024Q4"),
        *("2025Q1", "2025Q2", "2025Q3", "2025Q4"),
    ]
    # an annual report shows its year and the one before, and reads the quarter before them
    assert invoer.gelezen_kwartalen(Periode.lees("2025")) == [
        "2023Q4",
        *(f"{j}Q{k}" for j in (2024, 2025) for k in range(1, 5)),
    ]
    assert invoer.gelezen_kwartalen(Periode.lees("2025H1")) == invoer.gelezen_kwartalen(
        Periode.lees("2025")
    )

    def verbeter(periode: str) -> None:
        """One number of a delivery in force for `periode` one higher."""
        oud = int(lev[lev["periode"] == periode].iloc[0]["levering_id"])
        with store.open_store(db) as con:
            con.execute(
                "UPDATE registraties SET waarde = waarde + 1 WHERE levering_id = ? AND maat = "
                "'lopend' AND dimensie = 'totaal' AND regio = (SELECT min(regio) FROM "
                "registraties WHERE levering_id = ?)",
                [oud, oud],
            )

    def hashes() -> tuple[str, ...]:
        return (
            invoer.cijfers(db, kwartaal),
            invoer.cijfers(db, jaar),
            invoer.cijfers(db, kwartaal, exact=False),
            invoer.cijfers(db, Periode.lees("2025")),
        )

    na = hashes()
    verbeter("2023Q1")  # a correction of 2023Q1, which 2025Q4 and 2025 do not read
    nu = hashes()
    assert nu[0] == na[0]  # nothing of the quarter's reports changes
    assert nu[1] != na[1]  # the annual report over 2024 shows 2023
    assert nu[2] != na[2]  # the checks page compares 2023
    assert nu[3] == na[3]  # the annual report over 2025 shows 2024 and 2025
    verbeter("2024Q3")  # not shown by 2025Q4, but its stock makes 2024Q4's started clients
    na, nu = nu, hashes()
    assert nu[0] != na[0] and nu[3] != na[3]
    verbeter("2023Q4")  # the quarter before 2024, whose started clients the 2025 report shows
    na, nu = nu, hashes()
    assert nu[0] == na[0] and nu[3] != na[3]


def test_the_revision_state_changes_with_a_publication_not_with_an_unshown_correction(
    demo_db, tmp_path
):
    db = tmp_path / "s.duckdb"
    shutil.copyfile(demo_db, db)
    kwartaal = Periode.lees("2025Q4")
    voor = invoer.herzieningsstaat(db, kwartaal)
    with store.open_store(db) as con:  # a correction of 2023Q1, received today: K4 stays final
        lev = store.geldige_leveringen(con)
        oud = lev[lev["periode"] == "2023Q1"].iloc[0]
        opnieuw = tmp_path / "2023Q1_opnieuw.xlsx"
        load_workbook(oud["bronbestand"]).save(opnieuw)
        r = inlezen(opnieuw, con, vervang=True, archief=tmp_path / "archief")
        assert r.status == "geaccepteerd"
    assert invoer.herzieningsstaat(db, kwartaal) == voor
    with store.open_store(db) as con:
        store.leg_publicatie_vast(con, "2025Q3", date(2025, 11, 1), "x", "y")
    assert invoer.herzieningsstaat(db, kwartaal) != voor  # the report now names a revision
