"""An intake killed at a random moment (SIGKILL) leaves every delivery all-or-nothing and the
archive without partial copies; running it again completes the batch."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from werkmonitor import store
from werkmonitor.intake.archive import sha256_van
from werkmonitor.intake.workbook import lees_werkboek

ORGANISATIES = [f"Demo-ggz Kill {i}" for i in range(8)]


@pytest.fixture
def binnengekomen(werkboek, tmp_path):
    map_ = tmp_path / "binnengekomen"
    map_.mkdir()
    for i, org in enumerate(ORGANISATIES):
        pad = werkboek(org=org, naam=f"{i}.xlsx", zaad=i + 1)
        os.replace(pad, map_ / pad.name)
    return map_


def _inlezen(map_, db):
    return subprocess.Popen(
        [sys.executable, "-m", "werkmonitor.cli", "inlezen", str(map_), "--db", str(db)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _wacht_op_eerste_besluit(journaal, proces, tot=90.0):
    """Wait until the intake has decided on its first file: the kill then falls mid-batch."""
    einde = time.monotonic() + tot
    while time.monotonic() < einde and proces.poll() is None:
        if journaal.exists() and journaal.read_text(encoding="utf-8").strip():
            return
        time.sleep(0.02)


def _processen_over(map_, tot=5.0) -> list[int]:
    """The processes still reading `map_` (the intake's read-ahead worker), after waiting up
    to `tot` seconds for them to end."""
    einde = time.monotonic() + tot
    while True:
        over = []
        for cmd in Path("/proc").glob("[0-9]*/cmdline"):
            try:
                if str(map_).encode() in cmd.read_bytes():
                    over.append(int(cmd.parent.name))
            except OSError:
                continue
        if not over or time.monotonic() > einde:
            return over
        time.sleep(0.05)


@pytest.mark.parametrize("na", [0.0, 0.15])
def test_a_killed_intake_leaves_whole_deliveries_and_a_rerun_completes(
    registreer, binnengekomen, tmp_path, na
):
    db = registreer(tmp_path / "s.duckdb", *ORGANISATIES)
    archief = tmp_path / "aanleveringen"
    proces = _inlezen(binnengekomen, db)
    _wacht_op_eerste_besluit(archief / "journaal.jsonl", proces)
    time.sleep(na)
    proces.send_signal(signal.SIGKILL)
    assert proces.wait() == -signal.SIGKILL, "het inlezen was al klaar: de test bewijst niets"
    assert _processen_over(binnengekomen) == [], "een vooruitlezer leeft nog na het inlezen"
    with store.open_store(db) as con:
        for lev in store.alle_leveringen(con).itertuples():
            bestand = archief / "2025Q4" / f"{lev.sha256}.xlsx"
            assert sha256_van(bestand) == lev.sha256
            verwacht = len(lees_werkboek(bestand).data)
            assert len(store.registraties_van(con, lev.levering_id)) == verwacht
    for f in archief.rglob("*.xlsx") if archief.exists() else []:
        assert f.stem == sha256_van(f), f"gedeeltelijke kopie in het archief: {f.name}"
    opnieuw = _inlezen(binnengekomen, db)
    assert opnieuw.wait(timeout=120) == 0
    with store.open_store(db, alleen_lezen=True) as con:
        assert store.organisaties(con) == sorted(ORGANISATIES)
        assert len(store.alle_leveringen(con)) == len(ORGANISATIES)
