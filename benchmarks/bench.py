"""`make bench`: how long the 2025Q4 batch takes, against the naive way, in one run.

On the demo store (data/werkmonitor.duckdb when it holds the demo, else built first), in a
temporary copy of the project:

  naief      one region's quality report the naive way (the papermill command line, a fresh
             kernel per chapter notebook, then rendering), times the number of reports
  batch      `werkmonitor rapport --periode 2025Q4 --alles` (national, checks, dashboard and
             every region and organisation)
  opnieuw    the same command again, nothing changed
  zelfde     after replacing one organisation's delivery by a re-saved file with the same
             numbers (`inlezen --vervang`)
  gewijzigd  after changing one number of that delivery
  inlezen    the intake of the 42 deliveries of 2025Q4 into the store without them

The naive report and the batch are each timed three times, interleaved, and their medians
compared (`HERHALINGEN`): on this shared machine one run of either moved 10-20% from one
`make bench` to the next, and the ratio of two single runs with it. It prints each time, the
ratio naive/project, peak memory (the largest process, and the batch
as a whole: every process and helper together; measured in one more run of the whole batch,
since sampling it slows the batch it measures) and disk use, and appends a row to
benchmarks/resultaten.csv. Not part of `make test`: timings belong here, not in tests.
"""

from __future__ import annotations

import csv
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PERIODE = "2025Q4"
REGIO = "Twente"
HERHALINGEN = 3  # runs of the naive report and of the batch, whose medians are compared


def _tijd(opdracht: list[str], **kw) -> float:
    """Seconds a command takes (it must succeed)."""
    begin = time.perf_counter()
    subprocess.run(opdracht, check=True, **kw)
    return time.perf_counter() - begin


def _project(map_: Path) -> Path:
    """A copy of the project's notebooks, params and _quarto.yml."""
    for sub in ("notebooks", "params"):
        shutil.copytree(ROOT / sub, map_ / sub)
    shutil.copyfile(ROOT / "_quarto.yml", map_ / "_quarto.yml")
    (map_ / "data").mkdir()
    return map_


def _demo_store(doel: Path) -> float:
    """Copy the project's demo store to `doel` (built first when there is none); the seconds
    a build took, or 0."""
    from werkmonitor import store

    eigen = ROOT / "data" / "werkmonitor.duckdb"
    duur = 0.0
    demo = False
    if eigen.exists():
        with store.open_store(eigen, alleen_lezen=True) as con:
            demo = store.lees_info(con, "synthetisch") == "ja"
    if not demo:
        print("Demodatabase bouwen (eenmalig)...", flush=True)
        duur = _tijd([str(BIN / "werkmonitor"), "demo", "--geen-rapport", "--db", str(eigen)])
    shutil.copyfile(eigen, doel)
    shutil.copytree(ROOT / "data" / "aanleveringen", doel.parent / "aanleveringen")
    return duur


def naief(project: Path, db: Path, uit: Path) -> float:
    """One region's report into the new folder `uit`: papermill's command line per
    chapter, then rendering."""
    from werkmonitor.periods import Periode
    from werkmonitor.publish import batch, rendering

    namen = batch.hoofdstukken(Periode.lees(PERIODE), project)
    uit.mkdir()
    begin = time.perf_counter()
    for naam in namen:
        subprocess.run(
            [
                str(BIN / "papermill"),
                str(project / "notebooks" / naam),
                str(uit / naam),
                "-p", "periode", PERIODE,
                "-p", "db", str(db),
                "-p", "regio", REGIO,
                "--no-progress-bar",
            ],
            check=True,
            capture_output=True,
        )  # fmt: skip
    rendering.render([uit / n for n in namen], uit, f"Kwaliteitsrapport {REGIO}", PERIODE, "r.pdf")
    return time.perf_counter() - begin


# runs a command and prints its seconds and the largest resident size of any process of
# it in KB (Linux's ru_maxrss of the waited-for children: the batch, its workers and their
# helpers, nothing of the naive run before it)
WIKKEL = (
    "import resource, subprocess, sys, time; b = time.perf_counter(); "
    "r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); "
    "print(time.perf_counter() - b, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); "
    "sys.exit(r.returncode)"
)


def _rapport(project: Path, db: Path, geheugen: dict | None = None, opnieuw: bool = False) -> float:
    """The whole batch of the period (`opnieuw`: every report built again); with
    `geheugen`, its peak memory is put in it (`samen`: MB, the sum over the batch's
    processes and their helpers, `_samen`; `grootste`: MB, the largest resident size of
    one of them). Sampling the memory costs ≈ 2 CPU-seconds a batch (≈ 45 ms a sample of
    ten processes): a batch timed is not the one measured for memory."""
    opdracht = [str(BIN / "werkmonitor"), "rapport", "--periode", PERIODE, "--alles"]
    opdracht += ["--project", str(project), "--db", str(db)]
    opdracht += ["--opnieuw"] if opnieuw else []
    if geheugen is None:
        return _tijd(opdracht, cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    proces = subprocess.Popen(
        [sys.executable, "-c", WIKKEL, *opdracht], cwd=project, stdout=subprocess.PIPE, text=True
    )
    piek = 0.0
    while proces.poll() is None:
        piek = max(piek, _samen(proces.pid, zelf=False))
        time.sleep(0.5)
    uit = proces.stdout.read()
    if proces.returncode != 0:
        raise subprocess.CalledProcessError(proces.returncode, opdracht)
    duur, maxrss = uit.split()
    geheugen["samen"] = piek
    geheugen["grootste"] = int(maxrss) / 1024
    return float(duur)


def _samen(pid: int, zelf: bool = True) -> float:
    """MB the process `pid` (unless not `zelf`) and all its descendants use together now:
    their proportional set sizes (PSS: memory shared between them counted once; Linux's
    smaps_rollup, cheap enough not to slow the batch it measures), or the resident sizes
    elsewhere."""
    import psutil

    try:
        ouder = psutil.Process(pid)
        processen = [*([ouder] if zelf else []), *ouder.children(recursive=True)]
    except psutil.Error:
        return 0.0
    som = 0
    for p in processen:
        try:
            som += _pss(p.pid)
        except (OSError, ValueError):
            try:
                som += p.memory_info().rss
            except psutil.Error:
                continue  # ended meanwhile
    return som / 2**20


def _pss(pid: int) -> int:
    """Bytes of a process's PSS (Linux), from /proc/<pid>/smaps_rollup."""
    for regel in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        if regel.startswith("Pss:"):
            return int(regel.split()[1]) * 1024
    raise ValueError("geen Pss")


def _vervang_zelfde(db: Path, werk: Path) -> str:
    """Replace one organisation's 2025Q4 delivery by a re-saved file with the same numbers;
    returns the organisation."""
    from openpyxl import load_workbook

    from werkmonitor import store

    with store.open_store(db, alleen_lezen=True) as con:
        lev = store.geldige_leveringen(con)
    een = lev[lev["periode"] == PERIODE].iloc[0]
    nieuw = werk / "opnieuw_opgeslagen.xlsx"
    load_workbook(een["bronbestand"]).save(nieuw)
    subprocess.run(
        [str(BIN / "werkmonitor"), "inlezen", str(nieuw), "--db", str(db), "--vervang",
         "--accepteer-sprong", "--reden", "benchmark"],
        check=True,
        stdout=subprocess.DEVNULL,
    )  # fmt: skip
    return een["organisatie"]


def _wijzig_een_getal(db: Path, organisatie: str) -> None:
    """Add one client with education to the organisation's delivery in force (a number
    without breakdowns, so every rule still holds)."""
    from werkmonitor import store

    with store.open_store(db) as con:
        lid = store.geldende_levering(con, organisatie, PERIODE)
        con.execute(
            "UPDATE registraties SET waarde = waarde + 1 WHERE levering_id = ? AND "
            "maat = 'opleiding' AND regio = (SELECT min(regio) FROM registraties "
            "WHERE levering_id = ? AND maat = 'opleiding')",
            [lid, lid],
        )


def _inlezen(db: Path, werk: Path) -> float:
    """The intake of the 42 deliveries of the period into the store without them."""
    from werkmonitor import store

    kopie = werk / "inlezen" / "s.duckdb"
    kopie.parent.mkdir()
    shutil.copyfile(db, kopie)
    with store.open_store(kopie) as con:
        lev = store.geldige_leveringen(con)
        bestanden = sorted(lev[lev["periode"] == PERIODE]["bronbestand"])
        ids = ",".join(str(i) for i in lev[lev["periode"] == PERIODE]["levering_id"])
        con.execute(f"DELETE FROM registraties WHERE levering_id IN ({ids})")
        con.execute(f"DELETE FROM leveringen WHERE levering_id IN ({ids})")
    map_ = werk / "inlezen" / "binnengekomen"
    map_.mkdir()
    for i, b in enumerate(bestanden):
        shutil.copyfile(b, map_ / f"{i:02d}.xlsx")
    return _tijd(
        [str(BIN / "werkmonitor"), "inlezen", str(map_), "--db", str(kopie),
         "--accepteer-sprong", "--reden", "benchmark"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip


def _grootte(map_: Path) -> float:
    """Megabytes in a folder."""
    return sum(p.stat().st_size for p in map_.rglob("*") if p.is_file()) / 1e6


def main() -> int:
    """Run every measurement once and report them."""
    from werkmonitor.cli import eenheden_in
    from werkmonitor.periods import Periode

    with tempfile.TemporaryDirectory(prefix="werkmonitor-bench-") as tmp:
        werk = Path(tmp)
        # the indicator cube of this run only, so that every measurement pays for what it reads
        os.environ["WERKMONITOR_KUBUS"] = str(werk / "kubus")
        project = _project(werk / "project")
        db = project / "data" / "werkmonitor.duckdb"
        opbouw = _demo_store(db)
        regios, organisaties = eenheden_in(Periode.lees(PERIODE), db)
        n = len(regios) + len(organisaties) + 3
        naieve, batches = [], []
        for i in range(HERHALINGEN):  # interleaved: a slow spell of the machine hits both
            print(f"Naïef: één kwaliteitsrapport ({REGIO}), keer {n} rapporten...", flush=True)
            shutil.rmtree(werk / "kubus", ignore_errors=True)  # each run pays for its tables
            naieve.append(naief(project, db, werk / f"naief{i}") * n)
            print("Hele batch...", flush=True)
            shutil.rmtree(werk / "kubus", ignore_errors=True)  # cold, as after a new delivery
            batches.append(_rapport(project, db, opnieuw=i > 0))
        t = {"naief": statistics.median(naieve), "batch": statistics.median(batches)}
        # the memory of the same batch in a run of its own: sampling it slowed the batch
        # it timed by 1-2,5 s (4 December 2026, alternating with and without)
        print("Geheugen van de hele batch (een eigen run)...", flush=True)
        shutil.rmtree(werk / "kubus", ignore_errors=True)
        samen: dict = {}
        _rapport(project, db, samen, opnieuw=True)
        geheugen = samen["grootste"]
        t["opnieuw"] = _rapport(project, db)
        organisatie = _vervang_zelfde(db, werk)
        t["zelfde"] = _rapport(project, db)
        _wijzig_een_getal(db, organisatie)
        t["gewijzigd"] = _rapport(project, db)
        t["inlezen"] = _inlezen(db, werk)
        # the period's whole output: its public report, its internal pages, the dashboard
        uit = project / "reports"
        schijf = sum(
            _grootte(m)
            for m in (uit / "site" / PERIODE, uit / "intern" / PERIODE, uit / "site" / "dashboard")
        )
    print()
    for naam, reeks in (("naief", naieve), ("batch", batches)):
        los = " / ".join(f"{v:.1f}" for v in reeks)
        print(f"{naam}: {los} s (mediaan {statistics.median(reeks):.1f})")
    print(f"{'meting':<12}{'seconden':>10}{'naief/dit':>12}")
    for k, v in t.items():
        ratio = f"{t['naief'] / v:>11.1f}x" if k not in ("naief", "inlezen") else ""
        print(f"{k:<12}{v:>10.1f}{ratio:>12}")
    print(
        f"piekgeheugen: grootste proces {geheugen:.0f} MB, de batch als geheel "
        f"{samen['samen']:.0f} MB (alle processen en hulpprocessen samen, PSS); "
        f"uitvoer {PERIODE}: {schijf:.0f} MB"
    )
    if opbouw:
        print(f"(de demodatabase bouwen duurde {opbouw:.0f} s)")
    regel = {
        "datum": date.today().isoformat(),
        "commit": subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT
        ).stdout.strip(),
        "kernen": os.cpu_count(),
        **{k: round(v, 1) for k, v in t.items()},
        "piekgeheugen_mb": round(geheugen),
        "piekgeheugen_samen_mb": round(samen["samen"]),
        "uitvoer_mb": round(schijf),
    }
    pad = ROOT / "benchmarks" / "resultaten.csv"
    eerder: list[dict] = []
    if pad.exists():
        with open(pad, newline="", encoding="utf-8") as f:
            eerder = list(csv.DictReader(f))
    # a column added later (piekgeheugen_samen_mb): the earlier rows keep it empty
    velden = list(dict.fromkeys([*(eerder[0].keys() if eerder else []), *regel]))
    with open(pad, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=velden, restval="")
        w.writeheader()
        w.writerows([*eerder, regel])
    print(f"Toegevoegd aan {pad}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
