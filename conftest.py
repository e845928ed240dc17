"""Shared test set-up: one demo store per test run, also for the notebooks under nbval, and
for every xdist worker of the run (built by the first that needs it, under a lock).

WERKMONITOR_DB points at a session store in a temporary folder, so notebooks run with their
default parameters (db = None) on demo data, exactly as a researcher's JupyterLab would.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

import pytest

_SESSIE: dict = {}
_GEDEELD = "WERKMONITOR_TEST_SESSIE"  # the session folder, shared with xdist's workers


def pytest_configure(config):
    """Reserve a session folder (or, in an xdist worker, use the one of the run); point
    WERKMONITOR_DB at its store and keep the indicator cubes of the session there too."""
    bestaand = os.environ.get(_GEDEELD)
    map_ = Path(bestaand) if bestaand else Path(tempfile.mkdtemp(prefix="werkmonitor-test-"))
    _SESSIE["eigen"] = not bestaand  # who made it removes it
    _SESSIE["map"] = map_
    _SESSIE["db"] = map_ / "demo.duckdb"
    os.environ[_GEDEELD] = str(map_)
    os.environ["WERKMONITOR_DB"] = str(_SESSIE["db"])
    os.environ["WERKMONITOR_KUBUS"] = str(map_ / "kubus")


def pytest_unconfigure(config):
    """Stop a demo build that is no longer needed; remove the session folder (only the
    process that made it)."""
    bouwer = _SESSIE.get("bouwer")
    if bouwer is not None and bouwer.poll() is None and _SESSIE.get("eigen"):
        bouwer.terminate()
        bouwer.wait()
    if _SESSIE.get("eigen"):
        shutil.rmtree(_SESSIE.get("map", ""), ignore_errors=True)
        os.environ.pop(_GEDEELD, None)


@contextmanager
def eens(naam: str):
    """Hold the session's lock `naam`: what is built under it is built by one test process
    while the others (xdist workers) wait, and then find it made."""
    with open(_SESSIE["map"] / f"{naam}.lock", "w") as slot:
        fcntl.flock(slot, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(slot, fcntl.LOCK_UN)


def _huidige_demo() -> Path | None:
    """The project's own demo store (data/werkmonitor.duckdb, made by `make demo`) when it was
    built from exactly this code and these reference figures (`versie.demo`: the package
    without the reports, the rendering and the command line, which the demo does not use);
    otherwise None."""
    from werkmonitor import store, versie
    from werkmonitor.paths import PROJECT

    eigen = PROJECT / "data" / "werkmonitor.duckdb"
    if not eigen.is_file():
        return None
    try:
        with store.open_store(eigen, alleen_lezen=True, wacht=0) as con:
            huidig = store.lees_info(con, "demo_bron") == versie.demo()
    except store.StoreFout:
        return None
    return eigen if huidig else None


def _zonder_publicaties(db: Path) -> None:
    """The store as `bouw_demo_store` leaves it: `werkmonitor demo` publishes two quarters
    after building it, which the tests of publishing do themselves."""
    import duckdb

    con = duckdb.connect(str(db))
    try:
        con.execute("DELETE FROM publicaties")
        con.execute("CHECKPOINT")
    finally:
        con.close()


def demo_store() -> Path:
    """The demo store of this session: a copy of the project's demo store when that one is
    current (so that `pytest notebooks/X.ipynb` after `make demo` starts at once), else built
    once through the real intake."""
    db = _SESSIE["db"]
    with eens("demo"):
        if not db.exists():
            eigen = _huidige_demo()
            bouw = _SESSIE["map"] / "bouw" / db.name
            bouw.parent.mkdir(exist_ok=True)
            if eigen is not None:
                shutil.copyfile(eigen, bouw)
                _zonder_publicaties(bouw)
            else:
                from werkmonitor.demo import aanleveringen

                aanleveringen.bouw_demo_store(bouw, _SESSIE["map"] / "aanleveringen")
            os.replace(bouw, db)  # whole, or not there
    return db


_BOUW = """
import os, sys
from pathlib import Path
from werkmonitor.demo import aanleveringen
map_ = Path(sys.argv[1])
bouw = map_ / "bouw" / "demo.duckdb"
bouw.parent.mkdir(exist_ok=True)
aanleveringen.bouw_demo_store(bouw, map_ / "aanleveringen")
os.replace(bouw, map_ / "demo.duckdb")
"""


def _heeft_demo_nodig(item) -> bool:
    """Whether a test reads the demo store (directly, through a fixture, or as a notebook)."""
    return str(item.fspath).endswith(".ipynb") or "demo_db" in getattr(item, "fixturenames", ())


def pytest_collection_modifyitems(session, config, items):
    """Tests that need no demo store first, and the demo store built meanwhile in a process
    of its own (by the first test process to get here), so that no core waits idle for it.
    The order is the same in every xdist worker, as xdist requires."""
    items.sort(key=_heeft_demo_nodig)  # stable: within each group the collected order
    if any(_heeft_demo_nodig(i) for i in items):
        _begin_demo()


def _begin_demo() -> None:
    """Start building the demo store in the background, holding the `demo` lock until it is
    done (`demo_store` waits for it); a copy of the project's current demo store instead,
    at once. Only the first caller of the run does anything."""
    map_ = _SESSIE["map"]
    try:
        os.close(os.open(map_ / "demo.begonnen", os.O_CREAT | os.O_EXCL | os.O_WRONLY))
    except FileExistsError:
        return
    if _huidige_demo() is not None:
        return  # demo_store copies it: no build
    slot = open(map_ / "demo.lock", "w")  # noqa: SIM115 - handed over to the builder
    fcntl.flock(slot, fcntl.LOCK_EX)
    if _SESSIE["db"].exists():  # a test process was quicker and built it itself
        slot.close()
        return
    log = open(map_ / "demo.log", "w")  # noqa: SIM115 - the builder's output
    _SESSIE["bouwer"] = subprocess.Popen(
        [sys.executable, "-c", _BOUW, str(map_)],
        pass_fds=(slot.fileno(),),  # the builder holds the lock until it ends
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    slot.close()
    log.close()


def pytest_runtest_setup(item):
    """Notebooks (nbval) need the demo store before their kernel starts reading."""
    if str(item.fspath).endswith(".ipynb"):
        demo_store()


@pytest.fixture(scope="session")
def demo_db() -> Path:
    """Path of the session's demo store (built on first use)."""
    return demo_store()


@pytest.fixture(scope="session")
def gedeeld():
    """The run's folder and its lock (`eens`), shared by every xdist worker: for what is
    built once per run."""
    return _SESSIE["map"], eens
