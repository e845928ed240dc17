"""Robustness of the intake around the files themselves: folders as input, paths that are not
regular files, a crash in one file, partial archive copies, a failing COMMIT, a locked store."""

import os
import subprocess
import sys
import threading
import time

import pandas as pd
import pytest

from werkmonitor import store
from werkmonitor.cli import main
from werkmonitor.intake import archive, receive
from werkmonitor.intake.receive import bestanden_in, inlezen


def test_a_folder_is_read_file_by_file_and_other_files_are_skipped(
    registreer, werkboek, tmp_path, capsys
):
    map_ = tmp_path / "binnengekomen"
    (map_ / "sub").mkdir(parents=True)
    a = werkboek(org="Demo-ggz Een", naam="een.xlsx")
    b = werkboek(org="Demo-ggz Twee", naam="twee.xlsx")
    c = werkboek(org="Demo-ggz Drie", naam="drie.xlsx")
    os.replace(a, map_ / a.name)
    os.replace(b, map_ / b.name)
    os.replace(c, map_ / "sub" / c.name)
    (map_ / "lees_mij.txt").write_text("notitie")
    (map_ / "~$een.xlsx").write_bytes(b"lock")
    db = str(tmp_path / "s.duckdb")
    registreer(db, "Demo-ggz Drie", "Demo-ggz Een", "Demo-ggz Twee")
    assert main(["inlezen", str(map_), "--db", db]) == 0
    uit = capsys.readouterr().out
    assert uit.count("Geaccepteerd:") == 2 and "drie.xlsx" not in uit
    assert f"Overgeslagen: {map_ / 'lees_mij.txt'} (geen .xlsx of .csv)" in uit
    assert "~$een.xlsx (geen .xlsx of .csv)" in uit
    assert main(["inlezen", str(map_), "--recursief", "--db", db]) == 0
    uit = capsys.readouterr().out
    assert "Geaccepteerd: drie.xlsx" in uit and uit.count("Al ingelezen") == 2


def test_folder_listing_is_sorted_and_not_recursive_by_default(tmp_path):
    (tmp_path / "b.csv").write_text("x")
    (tmp_path / "a.XLSX").write_text("x")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.csv").write_text("x")
    lezen, overgeslagen = bestanden_in([tmp_path])
    assert [p.name for p in lezen] == ["a.XLSX", "b.csv"] and overgeslagen == []
    lezen, _ = bestanden_in([tmp_path], recursief=True)
    assert [p.name for p in lezen] == ["a.XLSX", "b.csv", "c.csv"]


def test_a_symlink_is_refused_and_its_target_never_archived(tmp_path):
    geheim = tmp_path / "passwd"
    geheim.write_text("root:x:0:0")
    link = tmp_path / "levering.xlsx"
    link.symlink_to(geheim)
    with store.open_store(tmp_path / "s.duckdb") as con:
        r = inlezen(link, con)
    assert r.status == "afgewezen"
    assert [m.regel for m in r.meldingen] == ["geen_gewoon_bestand"]
    assert "snelkoppeling" in r.meldingen[0].tekst
    bewaard = [f.name for f in (tmp_path / "aanleveringen").rglob("*") if f.is_file()]
    assert bewaard == ["journaal.jsonl"]  # the decision is journaled, nothing is archived


def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path):
    fifo = tmp_path / "pijp.csv"
    os.mkfifo(fifo)
    uitkomst = {}

    def lees():
        with store.open_store(tmp_path / "s.duckdb") as con:
            uitkomst["r"] = inlezen(fifo, con)

    t = threading.Thread(target=lees, daemon=True)
    t.start()
    t.join(timeout=20)
    assert not t.is_alive(), "inlezen blijft hangen op een FIFO"
    assert [m.regel for m in uitkomst["r"].meldingen] == ["geen_gewoon_bestand"]


def test_missing_path_is_not_called_empty(tmp_path):
    with store.open_store(tmp_path / "s.duckdb") as con:
        r = inlezen(tmp_path / "bestaat_niet.xlsx", con)
    assert [(m.regel, m.tekst) for m in r.meldingen] == [
        ("niet_gevonden", "het bestand bestaat niet.")
    ]


def test_a_crash_in_one_file_refuses_it_archived_and_the_batch_goes_on(
    registreer, werkboek, tmp_path, capsys, monkeypatch
):
    kapot = werkboek(org="Demo-ggz Een", naam="een.xlsx")
    goed = werkboek(org="Demo-ggz Twee", naam="twee.xlsx")
    echte = receive.lees_werkboek

    def lees(pad):
        if pad.name == "een.xlsx":
            raise RuntimeError("kapot in de lezer")
        return echte(pad)

    monkeypatch.setattr(receive, "lees_werkboek", lees)
    db = tmp_path / "s.duckdb"
    registreer(db, "Demo-ggz Een", "Demo-ggz Twee")
    assert main(["inlezen", str(kapot), str(goed), "--db", str(db)]) == 1
    uit = capsys.readouterr().out
    assert "Afgewezen: een.xlsx" in uit
    assert "Fout [onverwerkbaar]" in uit and "(RuntimeError)" in uit
    assert "Geaccepteerd: twee.xlsx" in uit
    fouten = list((tmp_path / "aanleveringen").rglob("*.fouten.txt"))
    assert len(fouten) == 1 and "onverwerkbaar" in fouten[0].read_text(encoding="utf-8")
    with store.open_store(db, alleen_lezen=True) as con:
        assert list(store.alle_leveringen(con)["organisatie"]) == ["Demo-ggz Twee"]


def test_a_partial_archive_copy_is_replaced(werkboek, tmp_path):
    bron = werkboek()
    sha = archive.sha256_van(bron)
    map_ = tmp_path / "archief"
    half = map_ / "2025Q4" / f"{sha}.xlsx"
    half.parent.mkdir(parents=True)
    half.write_bytes(bron.read_bytes()[:100])
    os.chmod(half, 0o444)
    doel = archive.archiveer(bron, sha, "2025Q4", map_)
    assert doel == half and archive.sha256_van(doel) == sha
    assert not os.access(doel, os.W_OK) or os.geteuid() == 0
    assert [p.name for p in half.parent.iterdir()] == [half.name]  # no temporary file left


class _CommitFaalt:
    """A connection whose COMMIT fails as on a full disk; ROLLBACK then has no transaction."""

    def __init__(self, con):
        self.con = con
        self.gecommit = False

    def execute(self, sql, *args):
        if sql == "COMMIT":
            self.gecommit = True
            raise OSError("No space left on device")
        if sql == "ROLLBACK" and self.gecommit:
            self.con.execute("ROLLBACK")
            raise store.duckdb.TransactionException("cannot rollback - no transaction is active")
        return self.con.execute(sql, *args)

    def __getattr__(self, naam):
        return getattr(self.con, naam)


def test_a_failed_commit_shows_its_own_error(tmp_path):
    with store.open_store(tmp_path / "s.duckdb") as con:
        lev = store.Levering("Org", "2025Q4", "f.xlsx", "abc", pd.Timestamp("2026-01-20"))
        data = pd.DataFrame(
            [["2025Q4", "Org", "Twente", "ips", "lopend", "totaal", "totaal", 3]],
            columns=store.REGISTRATIE_KOLOMMEN,
        )
        with pytest.raises(OSError, match="No space left on device"):
            store.sla_levering_op(_CommitFaalt(con), lev, data)
        assert con.execute("SELECT count(*) FROM leveringen").fetchone()[0] == 0


def _schrijver_die_wacht(db, seconden: float) -> subprocess.Popen:
    """Another process that holds the store as a writer for a while (an intake in progress)."""
    code = (
        "import sys, time; from werkmonitor import store\n"
        "with store.open_store(sys.argv[1]) as con:\n"
        "    store.zet_info(con, 'half', 'ja')\n"
        "    print('open', flush=True); time.sleep(float(sys.argv[2]))\n"
    )
    return subprocess.Popen(
        [sys.executable, "-c", code, str(db), str(seconden)], stdout=subprocess.PIPE, text=True
    )


def test_a_second_writer_waits_in_dutch_while_readers_go_on(registreer, werkboek, tmp_path, capsys):
    db = tmp_path / "s.duckdb"
    registreer(db, "Demo-ggz Een", "Demo-ggz Twee")
    assert main(["inlezen", str(werkboek(org="Demo-ggz Een")), "--db", str(db)]) == 0
    capsys.readouterr()
    houder = _schrijver_die_wacht(db, 4)
    try:
        assert houder.stdout.readline().strip() == "open"
        begin = time.monotonic()
        # readers do not wait, and see the state before the writer's work
        assert main(["status", "--periode", "2025Q4", "--db", str(db), "--wacht", "0"]) == 1
        assert "1 geleverd, 1 ontbreken" in capsys.readouterr().out  # Twee is yet to come
        assert main(["cijfers", "--periode", "2025Q4", "--db", str(db), "--wacht", "0"]) == 0
        assert time.monotonic() - begin < 3
        with store.open_store(db, alleen_lezen=True, wacht=0) as con:
            assert store.lees_info(con, "half") is None
        capsys.readouterr()
        # a second writer gives up after --wacht, in Dutch, with nothing changed
        twee = werkboek(org="Demo-ggz Twee")
        assert main(["inlezen", str(twee), "--db", str(db), "--wacht", "0.5"]) == 2
        fout = capsys.readouterr().err
        assert "wordt bijgewerkt door een ander proces" in fout
        assert "--wacht SECONDEN" in fout and "Traceback" not in fout
        # with a longer wait it proceeds once the first is done, on the first one's state
        assert main(["inlezen", str(twee), "--db", str(db), "--wacht", "30"]) == 0
        assert time.monotonic() - begin >= 3
        assert "wordt bijgewerkt door een ander proces; wachten..." in capsys.readouterr().err
        with store.open_store(db, alleen_lezen=True) as con:
            assert store.lees_info(con, "half") == "ja"
            assert store.organisaties(con) == ["Demo-ggz Een", "Demo-ggz Twee"]
    finally:
        houder.kill()
        houder.wait()


def test_readers_during_an_intake_see_whole_states_only(registreer, werkboek, tmp_path):
    """A real intake of eight files in one process, and a reader in another that opens the
    store again and again: every state it sees holds whole deliveries, and the count only
    grows, from none (or some) to all."""
    map_ = tmp_path / "binnengekomen"
    map_.mkdir()
    for i in range(8):
        pad = werkboek(org=f"Demo-ggz Lezer {i}", naam=f"{i}.xlsx", zaad=i + 1)
        os.replace(pad, map_ / pad.name)
    verwacht = len(receive.lees_bestand(map_ / "0.xlsx").data)
    db = registreer(tmp_path / "s.duckdb", *(f"Demo-ggz Lezer {i}" for i in range(8)))
    assert main(["inlezen", str(map_ / "0.xlsx"), "--db", str(db)]) == 0
    intake = subprocess.Popen(
        [sys.executable, "-m", "werkmonitor.cli", "inlezen", str(map_), "--db", str(db)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    gezien = []
    try:
        while intake.poll() is None or not gezien or gezien[-1] < 8:
            with store.open_store(db, alleen_lezen=True, wacht=0) as con:
                per_levering = con.execute(
                    "SELECT count(*) FROM registraties GROUP BY levering_id"
                ).fetchall()
                n = con.execute("SELECT count(*) FROM leveringen").fetchone()[0]
            assert len(per_levering) == n and all(r[0] == verwacht for r in per_levering)
            gezien.append(n)
            if intake.poll() is not None and n < 8:
                break
    finally:
        assert intake.wait(timeout=120) == 0
    assert gezien == sorted(gezien) and gezien[-1] == 8
    assert len(set(gezien)) > 1, "de lezer zag maar een toestand: de test bewijst niets"


def test_a_store_that_is_not_a_werkmonitor_store_is_named(tmp_path, capsys):
    vreemd = tmp_path / "vreemd.duckdb"
    store.duckdb.connect(str(vreemd)).close()
    assert main(["cijfers", "--periode", "2025Q4", "--db", str(vreemd)]) == 2
    assert "mist de tabel(len) leveringen, registraties" in capsys.readouterr().err
    kapot = tmp_path / "kapot.duckdb"
    kapot.write_bytes(b"dit is geen database" * 100)
    assert main(["status", "--periode", "2025Q4", "--db", str(kapot)]) == 2
    assert "kan niet worden geopend" in capsys.readouterr().err


@pytest.mark.parametrize(
    "naam,soort",
    [
        ("<script>alert(1)</script>", "xlsx"),
        ("<b>Vet</b>", "xlsx"),
        ("../../..", "xlsx"),
        ("@SUM(A1)", "xlsx"),
        ('=HYPERLINK("x")', "csv"),
        ("+31 ggz", "csv"),
    ],
)
def test_an_organisation_name_with_markup_path_or_formula_is_refused(
    registreer, werkboek, tmp_path, naam, soort
):
    from werkmonitor.intake.workbook import lees_werkboek

    pad = werkboek(org=naam, naam="x.xlsx")
    if soort == "csv":
        data = lees_werkboek(werkboek(naam="basis.xlsx")).data.assign(organisatie=naam)
        pad = tmp_path / "x.csv"
        data.to_csv(pad, sep=";", index=False)
    db = tmp_path / "s.duckdb"
    with store.open_store(db) as con:
        registreer(con, "Demo-ggz Proef")
        r = inlezen(pad, con)
        assert con.execute("SELECT count(*) FROM leveringen").fetchone()[0] == 0
    assert r.status == "afgewezen"
    assert [m.regel for m in r.meldingen if m.ernst == "fout"] == ["organisatie_ongeldig"]
    assert "tekens die in een naam niet horen" in r.meldingen[0].tekst


def test_ordinary_organisation_names_pass(registreer, werkboek, tmp_path):
    namen = ["'s Heeren Loo", "Pro Persona (GGZ)", "Arkin/Mentrum B.V."]
    with store.open_store(tmp_path / "s.duckdb") as con:
        registreer(con, *namen)
        for i, naam in enumerate(namen):
            r = inlezen(werkboek(org=naam, naam=f"{i}.xlsx"), con)
            assert r.status == "geaccepteerd", [str(m) for m in r.meldingen]


def test_an_organisation_in_other_case_or_spacing_is_the_known_one(registreer, werkboek, tmp_path):
    with store.open_store(tmp_path / "s.duckdb") as con:
        registreer(con, "GGZ Noorderlicht")
        assert inlezen(werkboek(org="GGZ Noorderlicht", periode="2025Q3"), con).status == (
            "geaccepteerd"
        )
        r = inlezen(werkboek(org="ggz  NOORDERLICHT\u00a0", naam="b.xlsx"), con)
        assert r.status == "geaccepteerd"
        assert [(m.regel, m.ernst) for m in r.meldingen] == [
            ("organisatie_schrijfwijze", "waarschuwing")
        ]
        assert "gelezen als 'GGZ Noorderlicht'" in r.meldingen[0].tekst
        assert store.organisaties(con) == ["GGZ Noorderlicht"]
        assert set(store.registraties(con)["organisatie"]) == {"GGZ Noorderlicht"}


def test_the_original_after_a_correction_asks_for_vervang(registreer, werkboek, tmp_path, capsys):
    from datetime import datetime

    oud = werkboek(inhoud={"ips": {"Twente": (40, 5)}}, naam="oud.xlsx")
    nieuw = werkboek(inhoud={"ips": {"Twente": (44, 5)}}, naam="nieuw.xlsx", zaad=2)
    db = tmp_path / "s.duckdb"
    with store.open_store(db) as con:
        registreer(con, "Demo-ggz Proef")
        assert inlezen(oud, con, ontvangen_op=datetime(2026, 1, 20, 9)).status == "geaccepteerd"
        assert inlezen(nieuw, con, ontvangen_op=datetime(2026, 2, 3, 9)).status == "geaccepteerd"
        r = inlezen(oud, con)
        assert r.status == "afgewezen"
        assert [m.regel for m in r.meldingen] == ["oudere_levering"]
        assert r.meldingen[0].tekst == (
            "dit bestand is levering 1 (ontvangen 20-01-2026); sindsdien geldt levering 2 "
            "(ontvangen 03-02-2026). Moet dit oudere bestand weer gelden, lees het dan in met "
            "--vervang."
        )
        assert store.geldende_levering(con, "Demo-ggz Proef", "2025Q4") == 2
    assert main(["inlezen", str(oud), "--vervang", "--db", str(db)]) == 0
    assert "Geaccepteerd: oud.xlsx (levering 3)" in capsys.readouterr().out
    with store.open_store(db, alleen_lezen=True) as con:
        assert store.geldende_levering(con, "Demo-ggz Proef", "2025Q4") == 3
        assert store.registraties_van(con, 3).equals(store.registraties_van(con, 1))


def test_a_resaved_file_with_the_same_numbers_says_so_and_changes_nothing(
    registreer, werkboek, tmp_path, capsys
):
    from openpyxl import load_workbook

    pad = werkboek()
    kopie = tmp_path / "opnieuw_bewaard.xlsx"
    wb = load_workbook(pad)
    wb["IPS"].column_dimensions["B"].width = 31  # saved again: other bytes, same numbers
    wb.save(kopie)
    assert archive.sha256_van(kopie) != archive.sha256_van(pad)
    db = tmp_path / "s.duckdb"
    registreer(db, "Demo-ggz Proef")
    assert main(["inlezen", str(pad), str(kopie), "--db", str(db)]) == 0
    uit = capsys.readouterr().out
    assert "Zelfde cijfers, niets gewijzigd: opnieuw_bewaard.xlsx (levering 1)" in uit
    assert "zelfde cijfers als levering 1; die blijft gelden" in uit
    with store.open_store(db, alleen_lezen=True) as con:
        assert len(store.alle_leveringen(con)) == 1


def test_a_reader_waits_for_a_process_that_writes_in_place(registreer, tmp_path, capsys):
    """A process that opened the store file itself for writing (an older version, or DuckDB
    by hand) holds DuckDB's own lock: a reader waits, then says so in Dutch."""
    db = registreer(tmp_path / "s.duckdb", "Demo-ggz Proef")
    houder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print('open', flush=True);"
            " time.sleep(3)",
            str(db),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert houder.stdout.readline().strip() == "open"
        assert main(["status", "--periode", "2025Q4", "--db", str(db), "--wacht", "0.3"]) == 2
        fout = capsys.readouterr().err
        assert "wordt gebruikt door een ander proces; wachten..." in fout
        assert "na 0.3 seconden wachten gestopt" in fout and "Traceback" not in fout
    finally:
        houder.kill()
        houder.wait()
