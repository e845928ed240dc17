"""The DuckDB store: deliveries, tidy registrations with supersession history, regions."""

from __future__ import annotations

import fcntl
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

import duckdb
import pandas as pd

from werkmonitor import register
from werkmonitor.periods import Periode
from werkmonitor.regions import ALIASSEN, REGIOS_MET_ONBEKEND, slug
from werkmonitor.vocab import WACHT_STANDAARD

REGISTRATIE_KOLOMMEN = [
    "periode",
    "organisatie",
    "regio",
    "traject",
    "maat",
    "dimensie",
    "categorie",
    "waarde",
]

_SCHEMA = """
CREATE SEQUENCE IF NOT EXISTS levering_id_seq START 1;
CREATE TABLE IF NOT EXISTS leveringen (
    levering_id  INTEGER PRIMARY KEY,
    organisatie  VARCHAR NOT NULL,
    periode      VARCHAR NOT NULL,
    bronbestand  VARCHAR NOT NULL,
    sha256       VARCHAR NOT NULL,
    ontvangen_op TIMESTAMP NOT NULL,
    status       VARCHAR NOT NULL
);
CREATE TABLE IF NOT EXISTS registraties (
    levering_id INTEGER NOT NULL,
    periode     VARCHAR NOT NULL,
    organisatie VARCHAR NOT NULL,
    regio       VARCHAR NOT NULL,
    traject     VARCHAR NOT NULL,
    maat        VARCHAR NOT NULL,
    dimensie    VARCHAR NOT NULL,
    categorie   VARCHAR NOT NULL,
    waarde      BIGINT NOT NULL CHECK (waarde >= 0)
);
CREATE TABLE IF NOT EXISTS regios (naam VARCHAR PRIMARY KEY, slug VARCHAR NOT NULL);
CREATE TABLE IF NOT EXISTS regio_aliassen (alias VARCHAR PRIMARY KEY, naam VARCHAR NOT NULL);
CREATE TABLE IF NOT EXISTS store_info (sleutel VARCHAR PRIMARY KEY, waarde VARCHAR NOT NULL);
CREATE TABLE IF NOT EXISTS publicaties (
    periode      VARCHAR NOT NULL,
    datum        DATE NOT NULL,     -- the figures as known at the end of this day
    vingerafdruk VARCHAR NOT NULL,  -- of the registrations the published report shows
    versie       VARCHAR NOT NULL,  -- the commit (or package version) that built it
    PRIMARY KEY (periode, datum)
);
"""


def projectmap(start: Path | None = None) -> Path:
    """The project folder: the nearest folder at or above `start` holding `_quarto.yml`."""
    here = (start or Path.cwd()).resolve()
    for p in (here, *here.parents):
        if (p / "_quarto.yml").exists() and (p / "params").is_dir():
            return p
    return here


def standaard_db() -> Path:
    """The store to use: $WERKMONITOR_DB, else data/werkmonitor.duckdb in the project folder."""
    env = os.environ.get("WERKMONITOR_DB")
    if env:
        return Path(env)
    return projectmap() / "data" / "werkmonitor.duckdb"


class StoreFout(RuntimeError):
    """The store cannot be opened or does not hold what is asked."""


def maak_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create the tables (idempotent) and fill the region and alias tables.

    A store from before the registry of organisations gets one, holding the organisations it
    has deliveries of."""
    tabellen = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    con.execute(_SCHEMA)
    con.execute(register.SCHEMA)
    if "organisaties" not in tabellen and "leveringen" in tabellen:
        register.registreer_geleverde(con)
    if con.execute("SELECT count(*) FROM regios").fetchone()[0] == 0:
        regios = [(r, slug(r)) for r in REGIOS_MET_ONBEKEND]
        con.executemany("INSERT INTO regios VALUES (?, ?)", regios)
        con.executemany("INSERT INTO regio_aliassen VALUES (?, ?)", list(ALIASSEN.items()))


def _is_slot(exc: Exception) -> bool:
    """Whether DuckDB refused the file because another process holds its lock."""
    return isinstance(exc, duckdb.IOException) and "lock" in str(exc).lower()


def _onleesbaar(pad: Path, exc: Exception) -> StoreFout:
    """The one Dutch sentence for a store file that DuckDB cannot open."""
    eerste = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return StoreFout(
        f"De database {pad} kan niet worden geopend ({type(exc).__name__}: {eerste[:160]}). "
        "Is het bestand beschadigd? Bouw de database dan opnieuw op met 'werkmonitor "
        "herbouw', of zet een reservekopie terug."
    )


class _Bezet(Exception):
    """Another process holds what `_met_wachten` tries to take."""


def _met_wachten(poging, pad: Path, wacht: float, meld, bezig: str):
    """`poging()` until it does not raise `_Bezet`, waiting up to `wacht` seconds and saying
    once, through `meld`, that another process is `bezig` (e.g. 'in gebruik') with the store."""
    einde = time.monotonic() + max(wacht, 0.0)
    gemeld = False
    while True:
        try:
            return poging()
        except _Bezet:
            if time.monotonic() >= einde:
                raise StoreFout(
                    f"De database {pad} wordt {bezig} door een ander proces (bijvoorbeeld een "
                    f"lopende 'werkmonitor inlezen'); na {wacht:g} seconden wachten gestopt. "
                    "Probeer het later opnieuw, of wacht langer met --wacht SECONDEN."
                ) from None
            if not gemeld and meld is not None:
                meld(f"De database {pad} wordt {bezig} door een ander proces; wachten...")
                gemeld = True
            time.sleep(0.1)


def _verbind(pad: Path, alleen_lezen: bool, wacht: float, meld) -> duckdb.DuckDBPyConnection:
    """Connect, waiting up to `wacht` seconds while another process holds DuckDB's own lock
    (a process of an older version that writes in place)."""

    def poging():
        try:
            return duckdb.connect(str(pad), read_only=alleen_lezen)
        except duckdb.Error as exc:
            if _is_slot(exc):
                raise _Bezet from exc
            raise _onleesbaar(pad, exc) from exc

    return _met_wachten(poging, pad, wacht, meld, "gebruikt")


def _slotbestand(pad: Path) -> Path:
    """The lock file of a store: one writer at a time holds it."""
    return pad.with_name(f".{pad.name}.slot")


def _werkkopie(pad: Path) -> Path:
    """The private copy a writer works in, beside the store (same file system: rename works)."""
    return pad.with_name(f".{pad.name}.werk")


@contextmanager
def schrijfslot(pad: Path, wacht: float = WACHT_STANDAARD, meld=None) -> Iterator[None]:
    """Hold the store's writer lock (an flock on a lock file beside it) for the block.

    A second writer waits up to `wacht` seconds, saying once that it waits, then ends in a
    `StoreFout`. The kernel releases the lock when the process ends, also on SIGKILL."""
    pad.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(_slotbestand(pad), os.O_RDWR | os.O_CREAT, 0o644)
    try:

        def poging():
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise _Bezet from None

        _met_wachten(poging, pad, wacht, meld, "bijgewerkt")
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock


_WERKKOPIEEN: dict[int, tuple[Path, Path]] = {}


def vastleggen(con: duckdb.DuckDBPyConnection) -> None:
    """Make what a writer has committed so far the store's published state.

    The writer works in a private copy; this checkpoints it, copies it beside the store, syncs
    it to disk and renames it over the store in one step. A reader therefore always opens a
    complete state: the one before or the one after, never half of an intake. A connection
    that is not a writer's (a read-only one) is left alone."""
    paden = _WERKKOPIEEN.get(id(con))
    if paden is None:
        return
    werk, pad = paden
    wal = werk.with_name(werk.name + ".wal")
    if pad.exists() and (not wal.exists() or wal.stat().st_size == 0):
        return  # nothing written since the last publication: the store stays byte for byte
    con.execute("CHECKPOINT")
    nieuw = pad.with_name(f".{pad.name}.nieuw")
    try:
        shutil.copyfile(werk, nieuw)
        with open(nieuw, "rb+") as f:
            os.fsync(f.fileno())
        os.replace(nieuw, pad)
    finally:
        nieuw.unlink(missing_ok=True)
    map_fd = os.open(pad.parent, os.O_RDONLY)
    try:
        os.fsync(map_fd)
    finally:
        os.close(map_fd)


def _schrijver(pad: Path) -> duckdb.DuckDBPyConnection:
    """A connection to a fresh working copy of the store (an empty one when there is none)."""
    werk = _werkkopie(pad)
    for rest in (werk, werk.with_name(werk.name + ".wal")):
        rest.unlink(missing_ok=True)  # left by a writer that was killed: never replayed
    if pad.exists():
        shutil.copyfile(pad, werk)
        wal = pad.with_name(pad.name + ".wal")  # a store written in place by an older version
        if wal.exists():
            shutil.copyfile(wal, werk.with_name(werk.name + ".wal"))
    try:
        con = duckdb.connect(str(werk))
    except duckdb.Error as exc:
        raise _onleesbaar(pad, exc) from exc
    # every change stays in the WAL until `vastleggen` checkpoints: an empty WAL then means
    # that nothing was written since the last publication
    con.execute("SET wal_autocheckpoint = '1TB'")
    return con


@contextmanager
def open_store(
    db: str | Path | None = None,
    alleen_lezen: bool = False,
    wacht: float = WACHT_STANDAARD,
    meld=None,
) -> Iterator:
    """Open the store; yields a DuckDB connection.

    Read-only, the connection reads the store file as it is: readers never wait for an
    intake, because a writer never opens that file. A writer (`alleen_lezen=False`) takes the
    writer lock (waiting up to `wacht` seconds, saying so once through `meld`), works in a
    private copy, and publishes it with `vastleggen`: at the end of the block, and wherever
    the caller calls it (the intake does after every delivery). An exception in the block
    publishes nothing more. A store that cannot be opened, or that lacks the werkmonitor's
    tables, ends in a `StoreFout` with one Dutch sentence.
    """
    pad = Path(db) if db else standaard_db()
    if pad.is_dir():
        raise StoreFout(f"{pad} is een map; geef het pad van het databasebestand (.duckdb).")
    if alleen_lezen and not pad.exists():
        raise StoreFout(
            f"De database {pad} bestaat niet. Lees eerst aanleveringen in "
            "(werkmonitor inlezen) of bouw de demo (werkmonitor demo)."
        )
    if alleen_lezen:
        con = _verbind(pad, True, wacht, meld)
        try:
            _controleer_tabellen(con, pad)
            yield con
        finally:
            con.close()
        return
    with schrijfslot(pad, wacht, meld):
        con = _schrijver(pad)
        werk = _werkkopie(pad)
        _WERKKOPIEEN[id(con)] = (werk, pad)
        try:
            maak_schema(con)
            yield con
            vastleggen(con)
        finally:
            _WERKKOPIEEN.pop(id(con), None)
            con.close()
            for rest in (werk, werk.with_name(werk.name + ".wal")):
                rest.unlink(missing_ok=True)


def _controleer_tabellen(con, pad: Path) -> None:
    """A `StoreFout` when the store lacks the werkmonitor's tables."""
    tabellen = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    ontbreekt = sorted({"leveringen", "registraties"} - tabellen)
    if ontbreekt:
        raise StoreFout(
            f"De database {pad} mist de tabel(len) {', '.join(ontbreekt)}; is dit een "
            "database van de werkmonitor? Is ze beschadigd, bouw haar dan opnieuw op met "
            "'werkmonitor herbouw'."
        )
    if "organisaties" not in tabellen:  # a store from before the registry, read as it is
        con.execute(register.SCHEMA.replace("CREATE TABLE", "CREATE TEMP TABLE"))
        register.registreer_geleverde(con)


_GELEZEN: dict[tuple, object] = {}  # (store file, mtime, size, inode, key) -> what was read


def vergeet() -> None:
    """Let go of what `gelezen` keeps in this process."""
    _GELEZEN.clear()


def gelezen(db: str | Path, sleutel: tuple, lees: Callable):
    """`lees(con)` on the store `db` as it is now, read once per state of the file: while
    the file is unchanged (an intake replaces it as a whole) the same result is given again,
    without opening the store (the quality reports of a batch each read the same
    publications and provisional status of one snapshot). `sleutel` names what `lees`
    reads; the result is shared, so it is not to be changed."""
    pad = Path(db)
    st = pad.stat()
    bestand = (str(pad.resolve()), st.st_mtime_ns, st.st_size, st.st_ino, sleutel)
    if bestand not in _GELEZEN:
        if len(_GELEZEN) > 256:
            _GELEZEN.clear()
        with open_store(pad, alleen_lezen=True) as con:
            _GELEZEN[bestand] = lees(con)
    return _GELEZEN[bestand]


@contextmanager
def momentopname(
    db: str | Path | None = None, wacht: float = WACHT_STANDAARD, meld=None
) -> Iterator[Path]:
    """A private copy of the store as it is now, for one report build; removed afterwards.

    The store file is always one complete state (an intake publishes by renaming a finished
    copy over it), so a plain copy is consistent; the build then reads only the copy, and
    every notebook of a report sees the same state even when an intake commits meanwhile."""
    pad = Path(db) if db else standaard_db()
    with tempfile.TemporaryDirectory(prefix="werkmonitor-momentopname-") as map_:
        kopie = Path(map_) / pad.name
        with open_store(pad, alleen_lezen=True, wacht=wacht, meld=meld):
            shutil.copyfile(pad, kopie)
            wal = pad.with_name(pad.name + ".wal")
            if wal.exists():
                shutil.copyfile(wal, kopie.with_name(kopie.name + ".wal"))
        duckdb.connect(str(kopie)).close()  # replays a WAL, if any, into the copy
        yield kopie


@dataclass(frozen=True)
class Levering:
    """What identifies one delivery: who, which quarter, which file, when received."""

    organisatie: str
    periode: str
    bronbestand: str
    sha256: str
    ontvangen_op: datetime


def al_ingelezen(con: duckdb.DuckDBPyConnection, sha256: str) -> int | None:
    """The id of an accepted delivery with this file hash, if any."""
    row = con.execute(
        "SELECT levering_id FROM leveringen WHERE sha256 = ? AND status = 'geaccepteerd'",
        [sha256],
    ).fetchone()
    return row[0] if row else None


def sla_levering_op(con: duckdb.DuckDBPyConnection, lev: Levering, data: pd.DataFrame) -> int:
    """Store one accepted delivery and its registrations in a single transaction.

    Either everything is written or nothing: on any error the transaction is rolled back.
    Returns the new delivery id.
    """
    frame = data[REGISTRATIE_KOLOMMEN].copy()
    con.execute("BEGIN TRANSACTION")
    try:
        lid = con.execute("SELECT nextval('levering_id_seq')").fetchone()[0]
        con.execute(
            "INSERT INTO leveringen VALUES (?, ?, ?, ?, ?, ?, 'geaccepteerd')",
            [lid, lev.organisatie, lev.periode, lev.bronbestand, lev.sha256, lev.ontvangen_op],
        )
        frame.insert(0, "levering_id", lid)
        con.register("_nieuw", frame)
        con.execute("INSERT INTO registraties SELECT * FROM _nieuw")
        con.unregister("_nieuw")
        con.execute("COMMIT")
    except Exception:
        # a failed COMMIT may already have ended the transaction: then ROLLBACK fails too,
        # and that second error must not hide the first
        with suppress(duckdb.Error):
            con.execute("ROLLBACK")
        raise
    return int(lid)


def levering(con, levering_id: int) -> dict:
    """One delivery's row (organisatie, periode, ontvangen_op, ...) as a dict."""
    df = con.execute("SELECT * FROM leveringen WHERE levering_id = ?", [levering_id]).df()
    return df.iloc[0].to_dict()


def geldende_levering(con, organisatie: str, periode: str, reg=None) -> int | None:
    """The id of the delivery in force for an organisation (any of its names) and quarter:
    the latest received, as `geldige_leveringen` decides, for one organisation and quarter.
    `reg`: the registry when the caller has read it already."""
    org = (reg if reg is not None else register.lees_register(con)).zoek(organisatie)
    naam = org.naam if org is not None else organisatie
    rij = con.execute(
        f"""SELECT levering_id FROM leveringen
            LEFT JOIN organisatie_aliassen a ON a.alias = leveringen.organisatie
            WHERE status = 'geaccepteerd' AND periode = ? AND {_OFFICIEEL} = ?
            ORDER BY ontvangen_op DESC, levering_id DESC LIMIT 1""",
        [periode, naam],
    ).fetchone()
    return int(rij[0]) if rij else None


def registraties_van(con, levering_id: int) -> pd.DataFrame:
    """The tidy registrations of one delivery, sorted on every key column."""
    sleutel = ", ".join(REGISTRATIE_KOLOMMEN[:-1])
    df = con.execute(
        "SELECT * EXCLUDE (levering_id) FROM registraties WHERE levering_id = ? "
        f"ORDER BY {sleutel}",
        [levering_id],
    ).df()
    df["waarde"] = df["waarde"].astype("int64")
    return df


def _grens(peildatum: date | str | None) -> datetime | None:
    """End of the as-of day (exclusive), or None for 'now'."""
    if peildatum is None:
        return None
    d = date.fromisoformat(str(peildatum)) if not isinstance(peildatum, date) else peildatum
    return datetime(d.year, d.month, d.day) + timedelta(days=1)


def geldige_leveringen(
    con,
    peildatum: date | str | None = None,
    organisatie: str | None = None,
    perioden: list[str] | None = None,
) -> pd.DataFrame:
    """Per organisation and quarter the delivery in force (the latest received) at `peildatum`,
    under the organisation's official name (a former name is an alias); optionally of one
    organisation (official name) or some quarters only."""
    grens = _grens(peildatum)
    sql = f"""
        WITH l AS (
            SELECT * REPLACE ({_OFFICIEEL} AS organisatie) FROM leveringen
            LEFT JOIN organisatie_aliassen a ON a.alias = leveringen.organisatie
            WHERE status = 'geaccepteerd' AND (? IS NULL OR ontvangen_op < ?)
                AND (? IS NULL OR {_OFFICIEEL} = ?)
                AND (? IS NULL OR list_contains(?, periode))
        )
        SELECT levering_id, organisatie, periode, bronbestand, sha256, ontvangen_op, status
        FROM l
        QUALIFY row_number() OVER (
            PARTITION BY organisatie, periode ORDER BY ontvangen_op DESC, levering_id DESC) = 1
        ORDER BY periode, organisatie
    """
    lijst = None if perioden is None else list(perioden)
    return con.execute(sql, [grens, grens, organisatie, organisatie, lijst, lijst]).df()


_OFFICIEEL = "COALESCE(a.naam, leveringen.organisatie)"


def registraties(
    con, perioden: list[str] | None = None, peildatum=None, organisatie: str | None = None
) -> pd.DataFrame:
    """Tidy registrations of the deliveries in force, optionally for some quarters or one
    organisation (its official name) only."""
    geldig = geldige_leveringen(con, peildatum, organisatie, perioden)
    con.register("_geldig", geldig[["levering_id", "organisatie"]])
    df = con.execute(
        "SELECT r.* EXCLUDE (levering_id) REPLACE (g.organisatie AS organisatie) "
        "FROM registraties r JOIN _geldig g USING (levering_id) "
        "ORDER BY periode, organisatie, regio, traject, maat, dimensie, categorie"
    ).df()
    con.unregister("_geldig")
    df["waarde"] = df["waarde"].astype("int64")
    return df


def organisaties(con) -> list[str]:
    """The organisations with an accepted delivery, under their official names."""
    sql = (
        f"SELECT DISTINCT {_OFFICIEEL} FROM leveringen LEFT JOIN organisatie_aliassen a "
        "ON a.alias = leveringen.organisatie WHERE status = 'geaccepteerd' ORDER BY 1"
    )
    return [r[0] for r in con.execute(sql).fetchall()]


def alle_leveringen(con) -> pd.DataFrame:
    """Every accepted delivery, including superseded ones (the history)."""
    return con.execute("SELECT * FROM leveringen ORDER BY periode, organisatie, levering_id").df()


def zet_info(con, sleutel: str, waarde: str) -> None:
    """Set a key in the store's info table (e.g. 'synthetisch' for demo data)."""
    con.execute("INSERT OR REPLACE INTO store_info VALUES (?, ?)", [sleutel, waarde])


def lees_info(con, sleutel: str, standaard: str | None = None) -> str | None:
    """Read a key from the store's info table."""
    try:
        row = con.execute("SELECT waarde FROM store_info WHERE sleutel = ?", [sleutel]).fetchone()
    except duckdb.CatalogException:
        return standaard
    return row[0] if row else standaard


PUBLICATIEKOLOMMEN = ["periode", "datum", "vingerafdruk", "versie"]


def publicaties(con, peildatum: date | str | None = None) -> pd.DataFrame:
    """The recorded publications (`werkmonitor publiceer`), oldest first; with `peildatum`
    only those of before that day (a report rebuilt as of a day knows only what was
    published before it). Empty for a store from before publications were recorded."""
    tabellen = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    if "publicaties" not in tabellen:
        return pd.DataFrame(columns=PUBLICATIEKOLOMMEN)
    grens = None if peildatum is None else _grens(peildatum) - timedelta(days=1)
    df = con.execute(
        "SELECT * FROM publicaties WHERE (? IS NULL OR datum < ?) ORDER BY datum, periode",
        [grens, grens],
    ).df()
    df["datum"] = pd.to_datetime(df["datum"]).dt.date
    return df[PUBLICATIEKOLOMMEN]


def leg_publicatie_vast(con, periode: str, datum: date, vingerafdruk: str, versie: str) -> None:
    """Record that the report of `periode` was published with the figures as known on
    `datum`; a `StoreFout` when that publication is recorded already."""
    bestaand = con.execute(
        "SELECT vingerafdruk FROM publicaties WHERE periode = ? AND datum = ?", [periode, datum]
    ).fetchone()
    if bestaand is not None:
        raise StoreFout(
            f"{Periode.lees(periode).naam().capitalize()} is al gepubliceerd met de cijfers "
            f"van {datum:%d-%m-%Y}."
        )
    con.execute(
        "INSERT INTO publicaties VALUES (?, ?, ?, ?)", [periode, datum, vingerafdruk, versie]
    )


def moment(con, peildatum: date | str | None = None) -> date | None:
    """The day a report is built as of: `peildatum`, or else the day of the latest delivery
    in the store (never the clock, so that a rebuild says the same); None in an empty store."""
    if peildatum is not None:
        return date.fromisoformat(str(peildatum)) if not isinstance(peildatum, date) else peildatum
    laatste = con.execute(
        "SELECT max(ontvangen_op) FROM leveringen WHERE status = 'geaccepteerd'"
    ).fetchone()[0]
    return laatste.date() if laatste is not None else None


def inhoud(con, leveringen: pd.DataFrame) -> tuple[int, int]:
    """The number of registrations of `leveringen` (levering_id, organisatie) and one hash
    of their content, whatever the order of rows: the XOR of a hash per row over one string
    of all its fields. (DuckDB combines the hashes of several arguments linearly: with
    `hash(a, b, ...)` two rows whose value changes alike, lopend 3 -> 4 for IPS and for
    overig in one region, cancelled out.)"""
    con.register("_inhoud_leveringen", leveringen[["levering_id", "organisatie"]])
    try:
        aantal, waarde = con.execute(
            "SELECT count(*), bit_xor(hash(concat_ws(chr(31), g.organisatie, r.periode, "
            "r.regio, r.traject, r.maat, r.dimensie, r.categorie, "
            "coalesce(CAST(r.waarde AS VARCHAR), '-')))) "
            "FROM registraties r JOIN _inhoud_leveringen g USING (levering_id)"
        ).fetchall()[0]
    finally:
        con.unregister("_inhoud_leveringen")
    return int(aantal), int(waarde or 0)
