"""The import rule of docs/architectuur.md, checked by import-linter's contracts in
pyproject.toml: on the package as it is, and on a copy with one forbidden import added."""

import shutil
import subprocess
import sys
from pathlib import Path

from werkmonitor.paths import PROJECT

LINT = Path(sys.executable).with_name("lint-imports")


def _lint(map_: Path) -> subprocess.CompletedProcess:
    """Run import-linter with the project's contracts on the package found in `map_`."""
    omgeving = {"PYTHONPATH": str(map_), "PATH": "/usr/bin:/bin"}
    return subprocess.run(
        [str(LINT), "--config", str(PROJECT / "pyproject.toml"), "--no-cache"],
        cwd=map_,
        capture_output=True,
        text=True,
        env=omgeving,
    )


def test_the_package_keeps_every_contract():
    uit = _lint(PROJECT)
    assert uit.returncode == 0, uit.stdout + uit.stderr
    assert "3 kept, 0 broken" in uit.stdout


def test_a_forbidden_import_breaks_the_contracts(tmp_path):
    shutil.copytree(PROJECT / "werkmonitor", tmp_path / "werkmonitor")
    tekst = tmp_path / "werkmonitor" / "report" / "text.py"
    tekst.write_text(
        tekst.read_text() + "\nfrom werkmonitor.intake import template  # noqa: E402\n"
    )
    uit = _lint(tmp_path)
    assert uit.returncode == 1
    assert "Report content never reads deliveries, renders or makes demo data BROKEN" in uit.stdout
    assert "werkmonitor.report.text -> werkmonitor.intake.template" in uit.stdout
