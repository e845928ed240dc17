"""Fingerprints: the demo store is current while what it is built from is unchanged."""

import hashlib
from pathlib import Path

import werkmonitor
from werkmonitor import versie
from werkmonitor.paths import PROJECT, REFERENTIE

PAKKET = Path(werkmonitor.__file__).resolve().parent


def test_the_demo_is_built_from_everything_but_reports_rendering_and_command_line():
    namen = {str(p.relative_to(PAKKET)) for p in versie.demobestanden()}
    for nodig in (
        "demo/aanleveringen.py",
        "demo/calibration.py",
        "intake/rules.py",
        "indicators/table.py",
        "store.py",
        "vocab.py",
        "regions.py",
    ):
        assert nodig in namen, nodig
    assert not [n for n in namen if n.startswith(("report/", "publish/")) or n == "cli.py"]
    assert not [n for n in namen if "__pycache__" in n or n.endswith(".pyc")]
    # and the package's own fingerprint still counts every file
    alles = {str(p.relative_to(PAKKET)) for p in versie._pakketbestanden()}
    assert "report/trajecten.py" in alles and "cli.py" in alles and namen < alles


def test_the_demo_fingerprint_is_those_files_and_the_reference_figures():
    code = versie.bestanden(versie.demobestanden(), PAKKET)
    referentie = versie.bestanden(list(REFERENTIE.glob("*")), PROJECT)
    verwacht = hashlib.sha256(f"{code}|{referentie}".encode()).hexdigest()
    assert versie.demo() == verwacht
    assert versie.demo() != versie.pakket()


def test_a_file_hash_covers_path_and_bytes(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("1")
    b.write_text("1")
    een = versie.bestanden([a], tmp_path)
    assert een != versie.bestanden([b], tmp_path)  # same bytes, other path
    a.write_text("2")
    assert versie.bestanden([a], tmp_path) != een
    assert versie.bestanden([tmp_path / "weg.txt"], tmp_path) == versie.bestanden([], tmp_path)
