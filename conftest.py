"""Shared test set-up: one demo store per test session, also for the notebooks under nbval.

WERKMONITOR_DB points at a session store in a temporary folder, so notebooks run with their
default parameters (db = None) on demo data, exactly as a researcher's JupyterLab would.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

_SESSIE: dict[str, Path] = {}


def pytest_configure(config):
    """Reserve a session folder; point WERKMONITOR_DB at its store and keep the indicator
    cubes of the session's stores there too."""
    map_ = Path(tempfile.mkdtemp(prefix="werkmonitor-test-"))
    _SESSIE["map"] = map_
    _SESSIE["db"] = map_ / "demo.duckdb"
    os.environ["WERKMONITOR_DB"] = str(_SESSIE["db"])
    os.environ["WERKMONITOR_KUBUS"] = str(map_ / "kubus")  # the session's indicator cubes


def pytest_unconfigure(config):
    """Remove the session folder."""
    shutil.rmtree(_SESSIE.get("map", ""), ignore_errors=True)


def _huidige_demo() -> Path | None:
    """The project's own demo store (data/werkmonitor.duckdb, made by `make demo`) when it was
    built from exactly this package and these reference figures; otherwise None."""
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


def demo_store() -> Path:
    """The demo store of this session: a copy of the project's demo store when that one is
    current (so that `pytest notebooks/X.ipynb` after `make demo` starts at once), else built
    once through the real intake."""
    db = _SESSIE["db"]
    if not db.exists():
        eigen = _huidige_demo()
        if eigen is not None:
            shutil.copyfile(eigen, db)
        else:
            from werkmonitor.demo import aanleveringen

            aanleveringen.bouw_demo_store(db, _SESSIE["map"] / "aanleveringen")
    return db


def pytest_runtest_setup(item):
    """Notebooks (nbval) need the demo store before their kernel starts reading."""
    if str(item.fspath).endswith(".ipynb"):
        demo_store()


@pytest.fixture(scope="session")
def demo_db() -> Path:
    """Path of the session's demo store (built on first use)."""
    return demo_store()
