"""The store: a report reads one snapshot, while an intake can go on beside it."""

from werkmonitor import store
from werkmonitor.intake.receive import inlezen


def test_a_snapshot_keeps_one_state_and_holds_no_lock(registreer, werkboek, tmp_path):
    db = tmp_path / "s.duckdb"
    with store.open_store(db) as con:
        registreer(con, "Demo-ggz Een", "Demo-ggz Twee")
        assert inlezen(werkboek(org="Demo-ggz Een", naam="een.xlsx"), con).status == "geaccepteerd"
    with store.momentopname(db) as kopie:
        # an intake during the build: the store is free, and it commits
        with store.open_store(db, wacht=0) as con:
            r = inlezen(werkboek(org="Demo-ggz Twee", naam="twee.xlsx"), con)
            assert r.status == "geaccepteerd"
        with store.open_store(kopie, alleen_lezen=True) as con:
            assert store.organisaties(con) == ["Demo-ggz Een"]
        with store.open_store(db, alleen_lezen=True) as con:
            assert store.organisaties(con) == ["Demo-ggz Een", "Demo-ggz Twee"]
    assert not kopie.exists() and not kopie.parent.exists()


def test_content_hash_sees_two_rows_changing_alike_and_ignores_row_order(
    registreer, werkboek, tmp_path
):
    import pandas as pd

    db = tmp_path / "s.duckdb"
    with store.open_store(db) as con:
        registreer(con, "Demo-ggz Een")
        assert inlezen(werkboek(org="Demo-ggz Een", naam="een.xlsx"), con).status == "geaccepteerd"
        lev = store.geldige_leveringen(con)
        voor = store.inhoud(con, lev)
        # the same rows in another order give the same hash
        con.execute("CREATE TABLE kopie AS SELECT * FROM registraties ORDER BY random()")
        con.execute("DELETE FROM registraties")
        con.execute("INSERT INTO registraties SELECT * FROM kopie")
        assert store.inhoud(con, lev) == voor
        # two rows of one region whose value changes alike (IPS and another traject, 3 -> 4):
        # with DuckDB's hash(a, b, ...) these changes cancelled out in the XOR
        twee = con.execute(
            "SELECT regio, traject FROM registraties WHERE maat = 'lopend' AND "
            "dimensie = 'totaal' AND regio = 'Twente' ORDER BY traject"
        ).fetchall()  # IPS and jobcoaching in Twente (the fixture's workbook)
        assert len(twee) == 2 and twee[0][1] != twee[1][1]

        def beide(waarde: int) -> tuple[int, int]:
            for regio, traject in twee:
                con.execute(
                    "UPDATE registraties SET waarde = ? WHERE maat = 'lopend' AND dimensie = "
                    "'totaal' AND regio = ? AND traject = ?",
                    [waarde, regio, traject],
                )
            return store.inhoud(con, lev)

        drie, vier = beide(3), beide(4)
        assert drie != vier and drie[0] == vier[0]
        assert store.inhoud(con, pd.DataFrame(columns=["levering_id", "organisatie"])) == (0, 0)


def test_what_is_read_once_per_state_of_the_store_is_read_again_after_a_change(
    registreer, werkboek, tmp_path
):
    from datetime import date

    db = registreer(tmp_path / "s.duckdb", "Demo-ggz Een")
    gelezen = []

    def lees(con):
        gelezen.append(1)
        return store.organisaties(con)

    assert store.gelezen(db, ("organisaties",), lees) == []
    assert store.gelezen(db, ("organisaties",), lees) == []
    assert len(gelezen) == 1  # the second time without opening the store
    with store.open_store(db) as con:
        assert inlezen(werkboek(org="Demo-ggz Een", naam="een.xlsx"), con).status == "geaccepteerd"
        store.leg_publicatie_vast(con, "2025Q4", date(2026, 1, 25), "abc", "v")
    assert store.gelezen(db, ("organisaties",), lees) == ["Demo-ggz Een"]
    assert len(gelezen) == 2
    # another key is another reading of the same state
    pub = store.gelezen(db, ("publicaties",), lambda con: store.publicaties(con))
    assert pub["periode"].tolist() == ["2025Q4"]
