"""The store can be rebuilt from the archive and its journal, with the same history."""

from datetime import datetime

import pandas as pd

from werkmonitor import store
from werkmonitor.cli import main
from werkmonitor.intake.archive import lees_journaal
from werkmonitor.intake.receive import inlezen


def _geschiedenis(db):
    with store.open_store(db, alleen_lezen=True) as con:
        lev = store.alle_leveringen(con)[
            ["levering_id", "organisatie", "periode", "bronbestand", "sha256", "ontvangen_op"]
        ]
        data = {
            dag: store.registraties(con, peildatum=dag)
            for dag in [None, *sorted({d.date() for d in lev["ontvangen_op"]})]
        }
        info = store.lees_info(con, "synthetisch")
    return lev, data, info


def test_rebuild_gives_the_same_history_and_figures_at_every_arrival_date(
    registreer, werkboek, tmp_path, capsys
):
    db = tmp_path / "s.duckdb"
    oud = werkboek(inhoud={"ips": {"Twente": (40, 5)}}, naam="oud.xlsx")
    nieuw = werkboek(inhoud={"ips": {"Twente": (44, 5)}}, naam="nieuw.xlsx", zaad=2)
    ander = werkboek(org="Demo-ggz Ander", periode="2025Q3", naam="ander.xlsx")
    fout = werkboek(org="<b>x</b>", naam="fout.xlsx")
    with store.open_store(db) as con:
        registreer(con, "Demo-ggz Ander", "Demo-ggz Proef")
        store.zet_info(con, "synthetisch", "ja")
        for pad, dag in ((ander, 10), (oud, 20), (fout, 21), (nieuw, 28)):
            inlezen(pad, con, ontvangen_op=datetime(2026, 1, dag, 9))
        inlezen(oud, con, ontvangen_op=datetime(2026, 2, 2, 9), vervang=True)
    besluiten = [(r["bestand"], r["besluit"]) for r in lees_journaal(tmp_path / "aanleveringen")]
    assert besluiten == [
        ("ander.xlsx", "geaccepteerd"),
        ("oud.xlsx", "geaccepteerd"),
        ("fout.xlsx", "afgewezen"),
        ("nieuw.xlsx", "geaccepteerd"),
        ("oud.xlsx", "geaccepteerd"),
    ]
    voor = _geschiedenis(db)
    assert len(voor[0]) == 4
    assert main(["herbouw", "--db", str(db)]) == 0
    uit = capsys.readouterr().out
    assert f"Herbouwd: {db} uit 4 geaccepteerde leveringen in het archief" in uit
    assert f"de vorige database staat in {db}.voor-herbouw" in uit
    na = _geschiedenis(db)
    pd.testing.assert_frame_equal(na[0], voor[0])
    assert voor[1].keys() == na[1].keys() and len(voor[1]) == 5
    for dag in voor[1]:
        pd.testing.assert_frame_equal(na[1][dag], voor[1][dag])
    assert na[2] == "ja"
    assert (tmp_path / "s.duckdb.voor-herbouw").exists()
    assert not list(tmp_path.glob(".s.duckdb.herbouw*"))


def test_a_damaged_store_is_rebuilt_and_a_missing_archive_file_is_named(
    registreer, werkboek, tmp_path, capsys
):
    db = tmp_path / "s.duckdb"
    with store.open_store(db) as con:
        registreer(con, "Demo-ggz Proef")
        inlezen(werkboek(), con, ontvangen_op=datetime(2026, 1, 20, 9))
    voor = _geschiedenis(db)
    db.write_bytes(db.read_bytes()[:5000])  # truncated
    assert main(["status", "--periode", "2025Q4", "--db", str(db)]) == 2
    assert "kan niet worden geopend" in capsys.readouterr().err
    assert main(["herbouw", "--db", str(db)]) == 0
    pd.testing.assert_frame_equal(_geschiedenis(db)[0], voor[0])
    for f in (tmp_path / "aanleveringen").rglob("*.xlsx"):
        f.chmod(0o644)
        f.unlink()
    assert main(["herbouw", "--db", str(db)]) == 2
    assert "Het archief mist" in capsys.readouterr().err


def test_a_backup_copies_store_archive_and_journal_and_checks_every_file(
    registreer, werkboek, tmp_path, capsys
):
    db = tmp_path / "s.duckdb"
    with store.open_store(db) as con:
        registreer(con, "Demo-ggz Proef")
        inlezen(werkboek(), con, ontvangen_op=datetime(2026, 1, 20, 9))
        inlezen(werkboek(org="<x>", naam="fout.xlsx"), con, ontvangen_op=datetime(2026, 1, 21, 9))
    doel = tmp_path / "kopie"
    assert main(["reservekopie", str(doel), "--db", str(db)]) == 0
    assert "Reservekopie in" in capsys.readouterr().out
    bron = sorted(
        p.relative_to(tmp_path / "aanleveringen")
        for p in (tmp_path / "aanleveringen").rglob("*")
        if p.is_file()
    )
    kopie = sorted(
        p.relative_to(doel / "aanleveringen")
        for p in (doel / "aanleveringen").rglob("*")
        if p.is_file()
    )
    # two workbooks, the receipt of one, the error list and marked copy of the other, journal
    assert bron == kopie and len(bron) == 6
    assert _geschiedenis(doel / "s.duckdb")[0].equals(_geschiedenis(db)[0])
    # an archived file whose bytes no longer match its name is reported
    geaccepteerd = next(
        p for p in (tmp_path / "aanleveringen").rglob("*.xlsx") if "." not in p.stem
    )
    geaccepteerd.chmod(0o644)
    geaccepteerd.write_bytes(b"kapot")
    assert main(["reservekopie", str(tmp_path / "kopie2"), "--db", str(db)]) == 1
    assert "de inhoud past niet bij de naam" in capsys.readouterr().out
    assert main(["reservekopie", str(doel), "--db", str(db)]) == 2
    assert "is geen lege map" in capsys.readouterr().err
