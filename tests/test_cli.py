"""The command line: Dutch usage and errors, exit codes, --version, --debug, a fast --help."""

import subprocess
import sys

import pytest

from werkmonitor import __version__
from werkmonitor.cli import main


def test_help_loads_no_heavy_library():
    code = (
        "import sys\n"
        "from werkmonitor import cli\n"
        "try:\n    cli.main(['--help'])\nexcept SystemExit:\n    pass\n"
        "zwaar = ('pandas', 'duckdb', 'papermill', 'openpyxl')\n"
        "print(sorted(m for m in zwaar if m in sys.modules))"
    )
    uit = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert uit.stdout.strip().splitlines()[-1] == "[]"
    assert "gebruik: werkmonitor" in uit.stdout and "Afsluitcodes: 0 klaar" in uit.stdout


@pytest.mark.parametrize(
    "argv,tekst",
    [
        (["rapport"], "werkmonitor rapport: fout: deze argumenten ontbreken: --periode"),
        (["bla"], "werkmonitor: fout: argument opdracht: onbekende keuze 'bla' (kies uit"),
        (["cijfers", "--periode", "2025Q4", "--niveau", "x"], "onbekende keuze 'x'"),
        (["status", "--periode", "2025Q4", "--wacht", "x"], "argument --wacht: ongeldige waarde"),
        (["status", "--periode", "2025Q4", "--kleur"], "onbekende argumenten: --kleur"),
        (["status", "--periode"], "argument --periode: hier hoort een waarde bij"),
        (["organisaties", "--hernoemen", "A"], "argument --hernoemen: hier horen 2 waarden bij"),
    ],
)
def test_a_wrong_command_line_gets_usage_and_one_dutch_line(argv, tekst, capsys):
    with pytest.raises(SystemExit) as e:
        main(argv)
    assert e.value.code == 2
    fout = capsys.readouterr().err
    assert fout.startswith("gebruik: werkmonitor") and tekst in fout
    assert "usage" not in fout and "error" not in fout


def test_version(capsys):
    with pytest.raises(SystemExit) as e:
        main(["--version"])
    assert e.value.code == 0 and capsys.readouterr().out.strip() == f"werkmonitor {__version__}"


@pytest.mark.parametrize("soort", ["map", "geen_map"])
def test_an_output_path_that_cannot_be_written_is_named_before_any_work(tmp_path, capsys, soort):
    uitvoer = tmp_path if soort == "map" else tmp_path / "bestaat" / "niet" / "x.csv"
    args = ["cijfers", "--periode", "2025Q4", "--db", str(tmp_path / "geen.duckdb")]
    assert main([*args, "--uitvoer", str(uitvoer)]) == 2
    fout = capsys.readouterr().err.strip()
    verwacht = "is een map; geef de naam van een bestand" if soort == "map" else "bestaat niet"
    assert fout.startswith("Fout: ") and verwacht in fout and len(fout.splitlines()) == 1


def test_an_unexpected_error_is_two_dutch_lines_and_debug_shows_it(tmp_path, capsys, monkeypatch):
    from werkmonitor.intake import receive

    def kapot(*_a, **_k):
        raise RuntimeError("iets onverwachts")

    monkeypatch.setattr(receive, "bestanden_in", kapot)
    args = ["inlezen", str(tmp_path), "--db", str(tmp_path / "s.duckdb")]
    assert main(args) == 1
    fout = capsys.readouterr().err.strip().splitlines()
    assert fout == [
        "Onverwachte fout (RuntimeError): iets onverwachts",
        "Draai de opdracht opnieuw met --debug voor de volledige foutmelding.",
    ]
    with pytest.raises(RuntimeError, match="iets onverwachts"):
        main(["--debug", *args])


def test_a_report_outside_a_project_says_where_to_run(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["rapport", "--periode", "2025Q4", "--db", str(tmp_path / "s.duckdb")]) == 2
    fout = capsys.readouterr().err.strip()
    assert fout == (
        f"Fout: geen werkmonitorproject in {tmp_path} (een map met _quarto.yml en notebooks/); "
        "draai de opdracht in de projectmap of geef --project MAP."
    )


def test_a_file_where_the_site_folder_belongs_is_named_in_dutch(tmp_path, capsys):
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "_quarto.yml").write_text("lang: nl\n", encoding="utf-8")
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "site").write_text("geen map", encoding="utf-8")
    args = ["rapport", "--periode", "2025Q4", "--db", str(tmp_path / "s.duckdb")]
    assert main([*args, "--project", str(tmp_path)]) == 2
    assert capsys.readouterr().err.strip() == (
        f"Fout: {tmp_path / 'reports' / 'site'} is een bestand, maar hoort een map te zijn "
        "(de site of de interne pagina's); verplaats of verwijder het bestand."
    )


def test_the_command_runs_linear_algebra_on_one_thread_unless_told_otherwise(monkeypatch):
    """Set before numpy loads OpenBLAS (the command line imports no numpy itself), and
    inherited by the worker processes; a user's own setting stays."""
    import os

    from werkmonitor import cli

    monkeypatch.delenv("OPENBLAS_NUM_THREADS", raising=False)
    cli.een_blas_draad()
    assert os.environ["OPENBLAS_NUM_THREADS"] == "1"
    monkeypatch.setenv("OPENBLAS_NUM_THREADS", "2")
    cli.een_blas_draad()
    assert os.environ["OPENBLAS_NUM_THREADS"] == "2"
    code = "import sys, werkmonitor.cli; print('numpy' in sys.modules)"
    uit = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert uit.stdout.strip() == "False"
