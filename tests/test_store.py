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
