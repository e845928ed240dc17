"""A batch of quality reports survives a failing report: the others are built, and the failure
is named with its report, notebook, cell and error; unchanged reports are skipped next time."""

import nbformat
import pytest

from werkmonitor.periods import Periode
from werkmonitor.publish import batch


@pytest.fixture
def klein_project(tmp_path):
    """A project with one small chapter notebook that fails for organisation 'Kapot'."""
    nb = nbformat.v4.new_notebook()
    parameters = nbformat.v4.new_code_cell(
        "periode = '2025Q4'\ndb = None\nregio = None\norganisatie = None\npeildatum = None"
    )
    parameters.metadata["tags"] = ["parameters"]
    nb.cells = [
        parameters,
        nbformat.v4.new_code_cell(
            "if organisatie == 'Kapot':\n    raise ValueError('deze cel faalt')\nprint(organisatie)"
        ),
        nbformat.v4.new_markdown_cell("Een hoofdstuk."),
    ]
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "params").mkdir()
    nbformat.write(nb, tmp_path / "notebooks" / "01_algemene_resultaten.ipynb")
    (tmp_path / "_quarto.yml").write_text("project:\n  type: default\n", encoding="utf-8")
    return tmp_path


def test_a_failing_report_does_not_stop_the_others(klein_project, demo_db):
    p = Periode.lees("2025Q4")
    meldingen = []
    with pytest.raises(batch.BatchFout) as fout:
        batch.rapporten_eenheden(
            p, [], ["Heel", "Kapot"], demo_db, klein_project, meldingen.append, werkers=1
        )
    assert fout.value.mislukt == [
        (
            "organisatie Kapot",
            "01_algemene_resultaten.ipynb, cel 2: ValueError: deze cel faalt",
        )
    ]
    assert str(fout.value).splitlines()[0] == "1 van 2 rapporten mislukt:"
    uit = klein_project / "reports" / "intern" / "2025Q4" / "organisatie"
    assert (uit / "heel" / "index.html").is_file()
    assert sorted(p.name for p in uit.iterdir()) == ["heel"]  # nothing half-written
    assert meldingen[-1] == (
        "Kwaliteitsrapporten: 1 gebouwd, 0 ongewijzigd overgeslagen, 1 mislukt."
    )
    # the next run skips the report that was built and tries the failed one again
    meldingen.clear()
    with pytest.raises(batch.BatchFout):
        batch.rapporten_eenheden(
            p, [], ["Heel", "Kapot"], demo_db, klein_project, meldingen.append, werkers=1
        )
    assert meldingen[-1] == (
        "Kwaliteitsrapporten: 0 gebouwd, 1 ongewijzigd overgeslagen, 1 mislukt."
    )


def test_a_batch_with_nothing_to_build_starts_no_worker_processes(
    klein_project, demo_db, monkeypatch
):
    """Everything unchanged (also with the national report beside it): no forkserver is
    started for workers that would have nothing to do (it imports for ≈ 1,5 s)."""
    p = Periode.lees("2025Q4")
    batch.rapporten_eenheden(p, [], ["Heel"], demo_db, klein_project, lambda _t: None, werkers=1)

    def verboden():
        raise AssertionError("forkserver gestart")

    monkeypatch.setattr(batch, "_forkserver_vooruit", verboden)
    meldingen = []
    gedaan = []
    batch.rapporten_eenheden(
        p,
        [],
        ["Heel"],
        demo_db,
        klein_project,
        meldingen.append,
        daarnaast=lambda: gedaan.append(1),
    )
    assert gedaan == [1]
    assert meldingen[-1] == "Kwaliteitsrapporten: 0 gebouwd, 1 ongewijzigd overgeslagen, 0 mislukt."


@pytest.mark.parametrize(
    "inhoud,tekst",
    [
        (
            "periode: 2025Q4\ntitel: [kapot\n",
            "is geen geldig YAML-bestand; controleer rond regel 3 (haakjes, aanhalingstekens, "
            "inspringing).",
        ),
        ("- a\n- b\n", "moet sleutels met waarden bevatten (zoals 'titel: ...')."),
    ],
)
def test_a_broken_params_file_is_named_before_any_work(klein_project, inhoud, tekst, capsys):
    from werkmonitor.cli import main

    pad = klein_project / "params" / "2025Q4.yml"
    pad.write_text(inhoud, encoding="utf-8")
    args = ["rapport", "--periode", "2025Q4", "--project", str(klein_project)]
    assert main([*args, "--db", str(klein_project / "geen.duckdb")]) == 2
    assert capsys.readouterr().err.strip() == f"Fout: {pad} {tekst}"  # one line, the file named


def test_the_worker_processes_collect_garbage_less_often_and_end_with_the_batch():
    import gc

    from werkmonitor.processen import GC_DREMPEL

    with batch._pool(1) as pool:
        drempel = pool.submit(gc.get_threshold).result()
    assert drempel[0] == GC_DREMPEL == 50_000 and drempel[1:] == gc.get_threshold()[1:]
    assert gc.get_threshold()[0] != GC_DREMPEL  # this process keeps Python's own


def _leeft(pid: int) -> bool:
    """Whether process `pid` runs (a zombie, ended but not yet reaped, does not)."""
    from pathlib import Path

    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False
    return "\nState:\tZ" not in status


def test_a_worker_ends_when_its_run_is_killed():
    """The workers are forked from the forkserver, not from the run, and the forkserver
    lives on while a worker does: a worker watches the run itself (`processen._bewaak`).
    Without that, a killed run left its worker and the forkserver running."""
    import subprocess
    import sys
    import textwrap
    import time

    code = textwrap.dedent(
        """
        import os, time
        from werkmonitor.publish import batch
        with batch._pool(1) as pool:
            print(pool.submit(os.getpid).result(), flush=True)
            time.sleep(120)
        """
    )
    run = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    werker = int(run.stdout.readline())
    assert _leeft(werker)
    run.kill()
    run.wait()
    run.stdout.close()
    for _ in range(100):
        if not _leeft(werker):
            break
        time.sleep(0.1)
    assert not _leeft(werker)


def test_a_worker_has_the_environment_and_folder_of_its_run(monkeypatch, tmp_path):
    """A worker forked from a forkserver started earlier sees the run's environment and
    working folder as they are now, as a freshly started process would."""
    import os

    with batch._pool(1) as pool:
        pool.submit(os.getpid).result()  # the forkserver runs from here on
    monkeypatch.setenv("WERKMONITOR_PROEF", "ja")
    monkeypatch.chdir(tmp_path)
    with batch._pool(1) as pool:
        omgeving = pool.submit(os.getenv, "WERKMONITOR_PROEF").result()
        map_ = pool.submit(os.getcwd).result()
    assert omgeving == "ja" and map_ == str(tmp_path)
