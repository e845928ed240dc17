"""Property-based: any combination of valid and invalid arguments ends in exit code 0, 1 or 2
without a traceback, and the store is unchanged unless the command succeeded in writing."""

import hashlib
import shutil

import hypothesis.strategies as st
import pytest
from hypothesis import HealthCheck, given, settings

from werkmonitor import store
from werkmonitor.cli import main
from werkmonitor.intake.receive import inlezen

PERIODEN = ["2025Q4", "2025q4", "2031Q1", "1900Q1", "2025X9", "", "2025", "2025H2", "Q4"]
REGIOS = ["Twenthe", "Xyzzy", "", "../..", "<b>"]  # never a real one: no report gets built
ORGANISATIES = ["Demo-ggz Proef", "demo-ggz proef", "Onbekend", "", "=1+1"]
NIVEAUS = ["landelijk", "regio", "organisatie", "organisatie_regio", "land", ""]


@pytest.fixture(scope="module")
def kleine_store(registreer, tmp_path_factory, werkboek_module):
    map_ = tmp_path_factory.mktemp("cli")
    db = map_ / "s.duckdb"
    with store.open_store(db) as con:
        registreer(con, "Demo-ggz Proef")
        assert inlezen(werkboek_module(map_), con).status == "geaccepteerd"
    return db


@pytest.fixture(scope="module")
def werkboek_module():
    from werkmonitor.intake.template import schrijf_werkboek
    from werkmonitor.intake.workbook import lees_werkboek  # noqa: F401 (warm import)

    def maak(map_):
        import numpy as np
        import pandas as pd

        from werkmonitor.demo.voorbeeld import waarden_eenheid

        rng = np.random.default_rng(1)
        rij = waarden_eenheid(rng, "ips", 40, 5)
        bladen = {"ips": pd.DataFrame.from_dict({"Twente": rij}, orient="index")}
        return schrijf_werkboek(map_ / "proef.xlsx", "Demo-ggz Proef", "2025Q4", bladen)

    return maak


def _sha(pad):
    return hashlib.sha256(pad.read_bytes()).hexdigest() if pad.exists() else None


paden = st.sampled_from(["bestand", "map", "ontbreekt", "leeg"])


@st.composite
def opdrachten(draw):
    soort = draw(st.sampled_from(["status", "cijfers", "rapport", "sjabloon", "inlezen"]))
    periode = draw(st.sampled_from(PERIODEN))
    if soort == "status":
        return ["status", "--periode", periode]
    if soort == "cijfers":
        argv = ["cijfers", "--periode", periode, "--niveau", draw(st.sampled_from(NIVEAUS))]
        return argv + (["--uitvoer", draw(paden)] if draw(st.booleans()) else [])
    if soort == "rapport":
        keuze = draw(st.sampled_from(["regio", "organisatie", "geen"]))
        if keuze == "regio":
            return ["rapport", "--periode", periode, "--regio", draw(st.sampled_from(REGIOS))]
        if keuze == "organisatie":
            org = draw(st.sampled_from(ORGANISATIES[2:]))
            return ["rapport", "--periode", periode, "--organisatie", org]
        return ["rapport", "--periode", draw(st.sampled_from(["2031Q1", "1900Q1", "x"]))]
    if soort == "sjabloon":
        org = draw(st.sampled_from(ORGANISATIES))
        return ["sjabloon", "--organisatie", org, "--periode", periode, "--uitvoer", draw(paden)]
    argv = ["inlezen", draw(paden)]
    return argv + (["--periode", periode] if draw(st.booleans()) else [])


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(argv=opdrachten())
def test_any_command_line_ends_cleanly(argv, kleine_store, tmp_path, capsys):
    db = tmp_path / "s.duckdb"
    shutil.copyfile(kleine_store, db)
    (tmp_path / "map").mkdir(exist_ok=True)
    (tmp_path / "leeg").write_bytes(b"")
    shutil.copyfile(kleine_store.parent / "proef.xlsx", tmp_path / "bestand")
    argv = [str(tmp_path / a) if a in ("bestand", "map", "ontbreekt", "leeg") else a for a in argv]
    voor = _sha(db)
    try:
        code = main([*argv, "--db", str(db), "--wacht", "0"])
    except SystemExit as e:  # argparse: a wrong command line
        code = e.code
    uit = capsys.readouterr()
    assert code in (0, 1, 2), (argv, code)
    assert "Traceback" not in uit.out + uit.err, argv
    if code != 0 or argv[0] not in ("inlezen", "sjabloon"):
        assert _sha(db) == voor, argv  # nothing written unless an intake succeeded
    if code != 0:
        assert uit.err.strip(), argv  # a failure always says why
