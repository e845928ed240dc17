"""House rules checked on every run: ruff clean, notebooks stored without outputs."""

import json
import re
import subprocess
import sys
from pathlib import Path

from werkmonitor.paths import PROJECT

ROOT = PROJECT
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def test_ruff_clean():
    doelen = ["werkmonitor", "tests", "notebooks", "benchmarks", "conftest.py"]
    check = subprocess.run(
        [sys.executable, "-m", "ruff", "check", *doelen], cwd=ROOT, capture_output=True, text=True
    )
    assert check.returncode == 0, check.stdout
    fmt = subprocess.run(
        [sys.executable, "-m", "ruff", "format", "--check", *doelen],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert fmt.returncode == 0, fmt.stdout


def test_notebooks_are_stored_without_outputs_and_with_a_parameters_cell():
    assert NOTEBOOKS
    for pad in NOTEBOOKS:
        nb = json.loads(pad.read_text(encoding="utf-8"))
        assert all(not c.get("outputs") for c in nb["cells"]), pad.name
        assert all(c.get("execution_count") is None for c in nb["cells"] if "execution_count" in c)
        assert "parameters" in nb["cells"][0]["metadata"].get("tags", []), pad.name


def _nbstripout_verify(*paden) -> subprocess.CompletedProcess:
    """nbstripout's own check (the pinned version of pyproject.toml) on notebook files."""
    nbstripout = Path(sys.executable).with_name("nbstripout")
    return subprocess.run(
        [str(nbstripout), "--verify", *map(str, paden)], capture_output=True, text=True
    )


def test_committed_notebooks_are_stored_stripped(tmp_path):
    uit = _nbstripout_verify(*NOTEBOOKS)
    assert uit.returncode == 0, uit.stdout + uit.stderr
    # the check can fail: a notebook with a random cell id and an output is not stripped
    nb = json.loads(NOTEBOOKS[0].read_text(encoding="utf-8"))
    nb["cells"][0]["id"] = "43726def"
    nb["cells"][0]["outputs"] = [{"output_type": "stream", "name": "stdout", "text": ["1\n"]}]
    vuil = tmp_path / NOTEBOOKS[0].name
    vuil.write_text(json.dumps(nb), encoding="utf-8")
    assert _nbstripout_verify(vuil).returncode == 1


def test_no_numbers_typed_into_notebook_prose():
    patroon = re.compile(r"\b\d{1,3}(?:\.\d{3})+\b|\b\d+,\d+ ?%|\b\d{2,}\s+(?:cliënten|trajecten)")
    for pad in NOTEBOOKS:
        nb = json.loads(pad.read_text(encoding="utf-8"))
        proza = "".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
        assert patroon.findall(proza) == [], pad.name


# conda-forge names of packages that PyPI spells otherwise
CONDA_NAAM = {"duckdb": "python-duckdb"}


def _naam(eis: str) -> str:
    """The package name of a requirement such as 'pandas>=2.2' or 'nbstripout==0.9.1'."""
    return re.split(r"[<>=!~\[; ]", eis.strip(), maxsplit=1)[0].lower().replace("_", "-")


def test_the_conda_environment_has_every_package_of_pyproject():
    import tomllib

    import yaml

    project = tomllib.loads((PROJECT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    nodig = [*project["dependencies"], *project["optional-dependencies"]["test"]]
    omgeving = yaml.safe_load((PROJECT / "environment.yml").read_text(encoding="utf-8"))
    conda = {_naam(d) for d in omgeving["dependencies"] if isinstance(d, str)}
    pip = {
        _naam(d)
        for d in next(d["pip"] for d in omgeving["dependencies"] if isinstance(d, dict))
        if not d.startswith("-")
    }
    ontbreekt = [
        e for e in nodig if CONDA_NAAM.get(_naam(e), _naam(e)) not in conda and _naam(e) not in pip
    ]
    assert not ontbreekt, f"environment.yml mist: {ontbreekt}"


def test_the_project_stands_alone_no_reference_to_files_outside_it():
    """A user's clone has no DESIGN.md or seeds: docs, code and notebooks do not point there."""
    verwijzingen, eigen = [], Path(__file__).resolve()
    for map_ in ("docs", "werkmonitor", "notebooks", "tests", "benchmarks", "params"):
        for pad in (PROJECT / map_).rglob("*"):
            if pad.suffix in {".md", ".py", ".ipynb", ".yml"} and pad.is_file() and pad != eigen:
                tekst = pad.read_text(encoding="utf-8")
                if "DESIGN.md" in tekst or "../shared" in tekst:
                    verwijzingen.append(str(pad.relative_to(PROJECT)))
    assert "DESIGN.md" not in (PROJECT / "README.md").read_text(encoding="utf-8")
    assert not verwijzingen, verwijzingen


def test_papermill_documents_every_parameter_of_every_notebook():
    """`papermill --help-notebook` shows a type and a Dutch explanation for each parameter."""
    from papermill.inspection import inspect_notebook

    for pad in sorted((PROJECT / "notebooks").glob("*.ipynb")):
        parameters = inspect_notebook(str(pad))
        assert "db" in parameters, pad.name
        for naam, p in parameters.items():
            assert p["inferred_type_name"] not in ("None", ""), (pad.name, naam, p)
            assert p["help"].strip(), (pad.name, naam)
