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
    """Reserve a session folder and point WERKMONITOR_DB at its store."""
    map_ = Path(tempfile.mkdtemp(prefix="werkmonitor-test-"))
    _SESSIE["map"] = map_
    _SESSIE["db"] = map_ / "demo.duckdb"
    os.environ["WERKMONITOR_DB"] = str(_SESSIE["db"])


def pytest_unconfigure(config):
    """Remove the session folder."""
    shutil.rmtree(_SESSIE.get("map", ""), ignore_errors=True)


def demo_store() -> Path:
    """Build the demo store of this session once, through the real intake."""
    db = _SESSIE["db"]
    if not db.exists():
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


@pytest.fixture(scope="session")
def demo_aanleveringen(demo_db) -> Path:
    """Folder with the session's demo delivery workbooks."""
    return _SESSIE["map"] / "aanleveringen"
