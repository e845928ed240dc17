"""The archive of received files (read-only, by sha256) and the error reports of rejected ones."""

from __future__ import annotations

import getpass
import hashlib
import json
import os
import shutil
import stat
from datetime import datetime
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.comments import Comment
from openpyxl.styles import PatternFill

from werkmonitor.intake.parsed import Gelezen, Melding


def sha256_van(pad: Path) -> str:
    """Hex sha256 of a file's bytes."""
    return hashlib.sha256(Path(pad).read_bytes()).hexdigest()


def archiefmap(con) -> Path:
    """Where received files are kept: 'aanleveringen' beside the store's database file."""
    db = con.execute(
        "SELECT path FROM duckdb_databases() WHERE database_name = current_database()"
    ).fetchone()[0]
    return Path(db).resolve().parent / "aanleveringen"


def archiveer(pad: Path, sha: str, periode: str | None, map_: Path) -> Path:
    """Keep a received file read-only under <map_>/<periode>/<sha256><ext>.

    Written under a temporary name, checked against `sha` and renamed into place, so that the
    archive never holds a partial copy; a copy left by an interrupted run (whose bytes do not
    match its name) is replaced. A file that changed while it was read is refused (OSError).
    """
    doel = map_ / (periode or "onbekend") / f"{sha}{pad.suffix.lower()}"
    if doel.exists() and sha256_van(doel) == sha:
        return doel
    doel.parent.mkdir(parents=True, exist_ok=True)
    tijdelijk = doel.with_name(f".{doel.name}.{os.getpid()}.tmp")
    try:
        shutil.copyfile(pad, tijdelijk)
        if sha256_van(tijdelijk) != sha:
            raise OSError(f"{pad.name} veranderde tijdens het inlezen; lees het opnieuw in.")
        os.chmod(tijdelijk, stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
        os.replace(tijdelijk, doel)
    finally:
        tijdelijk.unlink(missing_ok=True)
    return doel


def schrijf_foutrapport(archief: Path, g: Gelezen, meldingen: list[Melding]) -> list[Path]:
    """Beside a rejected file: a text report and, for a workbook, a copy with marked cells."""
    tekst = archief.with_name(archief.stem + ".fouten.txt")
    regels = [
        f"bestand: {g.bestand}",
        f"organisatie: {g.organisatie or 'onbekend'}",
        f"periode: {g.periode or 'onbekend'}",
        f"afgewezen op: {datetime.now().isoformat(timespec='seconds')}",
        f"aantal fouten: {sum(m.ernst == 'fout' for m in meldingen)}",
        "",
    ]
    regels += [str(m) for m in meldingen]
    if not tekst.exists():
        tekst.write_text("\n".join(regels) + "\n", encoding="utf-8")
    gemaakt = [tekst]
    if archief.suffix == ".xlsx":
        kopie = archief.with_name(archief.stem + ".fouten.xlsx")
        if not kopie.exists() and _markeer(archief, kopie, meldingen):
            gemaakt.append(kopie)
    return gemaakt


def _markeer(bron: Path, doel: Path, meldingen: list[Melding]) -> bool:
    """Copy a workbook with every cell that has an error marked red and commented."""
    try:
        wb = load_workbook(bron)
    except Exception:
        return False
    rood = PatternFill("solid", fgColor="FFC7CE")
    for m in meldingen:
        if m.blad in wb.sheetnames and m.cel and m.cel[0].isalpha() and " " not in m.cel:
            cel = wb[m.blad][m.cel]
            cel.fill = rood
            cel.comment = Comment(m.tekst, "werkmonitor")
    wb.save(doel)
    return True


JOURNAAL = "journaal.jsonl"  # beside the archived files: every decision, in order


def gebruiker() -> str:
    """Who ran the command, for the journal."""
    try:
        return getpass.getuser()
    except Exception:  # no user name in this environment
        return "onbekend"


def schrijf_journaal(map_: Path, regel: dict) -> None:
    """Append one decision to the archive's journal (one JSON object per line, synced).

    The journal is append-only: with the archived files it is enough to rebuild the store
    (`werkmonitor herbouw`)."""
    map_.mkdir(parents=True, exist_ok=True)
    with open(map_ / JOURNAAL, "a", encoding="utf-8") as f:
        f.write(json.dumps(regel, ensure_ascii=False, default=str) + "\n")
        f.flush()
        os.fsync(f.fileno())


def lees_journaal(map_: Path) -> list[dict]:
    """Every decision in the archive's journal, in order ([] when there is none)."""
    pad = map_ / JOURNAAL
    if not pad.exists():
        return []
    return [json.loads(r) for r in pad.read_text(encoding="utf-8").splitlines() if r.strip()]
