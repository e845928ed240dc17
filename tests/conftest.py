from pathlib import Path

import pytest

from werkmonitor.paths import PROJECT, REFERENTIE


@pytest.fixture(scope="session")
def referentie() -> Path:
    """The reference figures copied into the project (data/referentie)."""
    return REFERENTIE


def _bladen(regios_per_traject: dict[str, dict[str, tuple[int, int]]], zaad: int = 1):
    """Consistent sheets for a delivery: {traject: {regio: (lopend, beeindigd)}}."""
    import numpy as np
    import pandas as pd

    from werkmonitor.demo.voorbeeld import waarden_eenheid

    rng = np.random.default_rng(zaad)
    bladen = {}
    for traject, per_regio in regios_per_traject.items():
        rijen = {r: waarden_eenheid(rng, traject, lo, be) for r, (lo, be) in per_regio.items()}
        bladen[traject] = pd.DataFrame.from_dict(rijen, orient="index")
    return bladen


@pytest.fixture
def maak_bladen():
    """Factory: consistent sheets for a delivery, {traject: {regio: (lopend, beeindigd)}}."""
    return _bladen


def werkboek_in(map_: Path, org="Demo-ggz Proef", periode="2025Q4", inhoud=None, naam=None, zaad=1):
    """Write a valid delivery workbook into `map_` and return its path."""
    from werkmonitor.intake.template import schrijf_werkboek

    inhoud = inhoud or {
        "ips": {"Twente": (40, 5), "Drenthe": (12, 2)},
        "jobcoaching": {"Twente": (9, 1)},
    }
    pad = map_ / (naam or f"{org}_{periode}.xlsx".replace(" ", "_"))
    return schrijf_werkboek(pad, org, periode, _bladen(inhoud, zaad))


@pytest.fixture
def werkboek(tmp_path):
    """Factory: write a valid delivery workbook and return its path."""

    def maak(org="Demo-ggz Proef", periode="2025Q4", inhoud=None, naam=None, zaad=1):
        return werkboek_in(tmp_path, org, periode, inhoud, naam, zaad)

    return maak


@pytest.fixture(scope="session")
def werkboek_map():
    """Factory for fixtures of a wider scope: `werkboek_in(map_, ...)`."""
    return werkboek_in


@pytest.fixture(scope="session")
def registreer():
    """Factory: put organisations in the registry of a store (a path, created when new, or an
    open writer connection), taking part from 2023Q1, as a manager does before an intake.
    Returns the path, or the connection."""
    from werkmonitor import register, store

    def maak(doel, *namen):
        if isinstance(doel, (str, Path)):
            with store.open_store(doel) as con:
                maak(con, *namen)
            return Path(doel)
        bekend = register.lees_register(doel)
        for naam in namen:
            if bekend.zoek(naam) is None:
                register.voeg_toe(doel, naam)
        return doel

    return maak


def _projectkopie(tmp_path_factory) -> Path:
    """A copy of the project's notebooks, params and _quarto.yml to build reports into."""
    return _kopieer_project(tmp_path_factory.mktemp("project"))


def _kopieer_project(map_: Path) -> Path:
    """Copy the project's notebooks, params and _quarto.yml into `map_`."""
    import shutil

    for sub in ("notebooks", "params"):
        shutil.copytree(PROJECT / sub, map_ / sub)
    (map_ / "_quarto.yml").write_text((PROJECT / "_quarto.yml").read_text())
    return map_


@pytest.fixture(scope="session")
def projectkopie():
    """Factory: copy the project's notebooks, params and _quarto.yml into a folder."""
    return _kopieer_project


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """A copy of the project's notebooks, params and _quarto.yml to build reports into."""
    return _projectkopie(tmp_path_factory)


@pytest.fixture(scope="session")
def kwartaalrapport(demo_db, gedeeld):
    """The national 2025Q4 report of the demo store, built once for the run (the other
    xdist workers find it built, and unchanged)."""
    from werkmonitor.periods import Periode
    from werkmonitor.publish import batch

    map_, eens = gedeeld
    with eens("kwartaalrapport"):
        project = map_ / "kwartaalrapport"
        if not project.exists():
            _kopieer_project(project)
        return batch.rapport_landelijk(
            Periode.lees("2025Q4"), db=demo_db, projectmap=project, meld=lambda _t: None
        )
