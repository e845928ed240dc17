"""Receiving a delivery: read it, check it rule by rule, archive it, store it whole or not at all.

A delivery (an Excel workbook made from the template, or the same content as a long CSV) is
parsed into a tidy frame while structural problems are collected as messages; then every rule
in `rules.REGELS` checks the frame. Any error rejects the whole delivery: nothing is written to
the store. Every received file is archived read-only by its sha256; a rejected one gets its
error report and an annotated copy beside it.
"""

from __future__ import annotations

import multiprocessing
import os
import stat as statmod
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

import pandas as pd

from werkmonitor import store
from werkmonitor.intake.archive import (
    archiefmap,
    archiveer,
    gebruiker,
    schrijf_foutrapport,
    schrijf_journaal,
    sha256_van,
)
from werkmonitor.intake.csv_file import lees_csv
from werkmonitor.intake.parsed import Gelezen, Melding, onleesbaar, samengevat
from werkmonitor.intake.rules import Context, controleer, registratie_schema
from werkmonitor.intake.workbook import lees_ods, lees_werkboek
from werkmonitor.periods import Periode
from werkmonitor.processen import met_ouder_weg
from werkmonitor.register import Register, lees_register

MAX_BYTES = 50 * 1024 * 1024  # a delivery is a few hundred kB; anything this large is not one


def geen_gewoon_bestand(pad: Path) -> Melding | None:
    """A refusal for a path that is not a regular file of a sensible size, else None.

    Looked at with lstat, before the file is opened: a symbolic link, a folder, a FIFO or a
    device is refused as it is (a FIFO would block a reader, a device never ends).
    """
    try:
        st = os.lstat(pad)
    except FileNotFoundError:
        return Melding("niet_gevonden", "het bestand bestaat niet.", bestand=pad.name)
    except OSError as exc:
        return Melding(
            "niet_leesbaar",
            f"het bestand kan niet worden gelezen ({exc.strerror}).",
            bestand=pad.name,
        )
    if statmod.S_ISLNK(st.st_mode):
        return Melding(
            "geen_gewoon_bestand",
            "dit is een snelkoppeling (symbolische link); lees het bestand zelf in.",
            bestand=pad.name,
        )
    if statmod.S_ISDIR(st.st_mode):
        return Melding(
            "geen_gewoon_bestand",
            "dit is een map; 'werkmonitor inlezen MAP' leest alle bestanden in een map.",
            bestand=pad.name,
        )
    if not statmod.S_ISREG(st.st_mode):
        return Melding(
            "geen_gewoon_bestand",
            "dit is geen gewoon bestand (maar bijvoorbeeld een pipe of apparaat).",
            bestand=pad.name,
        )
    if st.st_size > MAX_BYTES:
        return Melding(
            "te_groot_bestand",
            f"het bestand is {st.st_size // (1024 * 1024)} MB; een aanlevering is veel kleiner. "
            "Is dit het goede bestand?",
            bestand=pad.name,
        )
    return None


AANLEVERSOORTEN = (".xlsx", ".ods", ".csv")


def bestanden_in(paden: list[Path], recursief: bool = False) -> tuple[list[Path], list[Path]]:
    """The files to read for the given paths, and the files skipped.

    A folder stands for the delivery files in it (sorted; with `recursief` also in its
    subfolders); other files there, hidden files and Excel's lock files (~$…) are skipped.
    A path that is not a folder is passed on as it is: `inlezen` says what is wrong with it.
    """
    lezen: list[Path] = []
    overgeslagen: list[Path] = []
    for pad in map(Path, paden):
        if not pad.is_dir() or pad.is_symlink():
            lezen.append(pad)
            continue
        inhoud = sorted(pad.rglob("*") if recursief else pad.glob("*"))
        for f in inhoud:
            if f.is_dir() and not f.is_symlink():
                continue
            verborgen = f.name.startswith((".", "~$"))
            if f.suffix.lower() in AANLEVERSOORTEN and not verborgen:
                lezen.append(f)
            else:
                overgeslagen.append(f)
    return lezen, overgeslagen


def lees_bestand(pad: str | Path) -> Gelezen:
    """Parse a delivery file, Excel or CSV; problems become messages, never exceptions."""
    pad = Path(pad)
    if not pad.exists() or pad.stat().st_size == 0:
        return onleesbaar(pad.name, "leeg_bestand", "het bestand is leeg.")
    if pad.suffix.lower() == ".csv":
        return lees_csv(pad)
    if pad.suffix.lower() == ".ods":
        return lees_ods(pad)
    return lees_werkboek(pad)


@dataclass(frozen=True)
class Vooraf:
    """A file read ahead, by a worker process while the intake stores the files before it."""

    sha256: str  # of the bytes that were parsed
    gelezen: Gelezen
    schema: list[Melding]  # the schema check of the parsed data (`schema_meldingen`)


def vooraf_gelezen(pad: Path) -> Vooraf | None:
    """Read a file ahead: the hash of its bytes, its parse and the schema check of the parsed
    data; None when it is not a plain file, the reader failed, or the file changed while it
    was read (the intake then reads it itself, as without)."""
    if geen_gewoon_bestand(pad) is not None:
        return None
    try:
        voor = sha256_van(pad)
        g = lees_bestand(pad)
        na = sha256_van(pad)
        schema = schema_meldingen(g.data, pad.name) if not _fout(g.meldingen) else []
    except Exception:
        return None
    return Vooraf(voor, g, schema) if voor == na else None


def _fout(meldingen: list[Melding]) -> bool:
    """Whether any of the messages is an error."""
    return any(m.ernst == "fout" for m in meldingen)


def schema_meldingen(data: pd.DataFrame, bestand: str) -> list[Melding]:
    """The internal check of parsed registrations against `registratie_schema` (pandera): a
    message when the parser let something through that the store must not hold."""
    import pandera.errors

    try:
        registratie_schema().validate(data, lazy=True)
    except pandera.errors.SchemaErrors as exc:
        return [Melding("schema", f"interne controle faalde: {exc.failure_cases}", bestand=bestand)]
    return []


VOORUIT_VANAF = 4  # from this many files on, a worker process reads ahead


@contextmanager
def vooruit_lezen(bestanden: list[Path]) -> Iterator[Iterator[Vooraf | None]]:
    """Per file, in order, what a worker process read ahead (`vooraf_gelezen`) while the
    intake checks and stores the files before it; None where it read nothing. With few files
    or one core, nothing is read ahead. Called before the store is opened: the worker is
    forked from a process without open database connections."""
    if (
        len(bestanden) < VOORUIT_VANAF
        or (os.cpu_count() or 1) < 2
        or "fork" not in multiprocessing.get_all_start_methods()
    ):
        yield iter([None] * len(bestanden))
        return
    with ProcessPoolExecutor(
        1,
        mp_context=multiprocessing.get_context("fork"),
        initializer=met_ouder_weg,
        initargs=(os.getpid(),),
    ) as pool:
        yield _zonder_breuk(pool.map(vooraf_gelezen, bestanden), len(bestanden))


def _zonder_breuk(uitkomsten: Iterator, aantal: int) -> Iterator:
    """The read-ahead results; when the worker died, None for the rest (read in place)."""
    gegeven = 0
    try:
        for u in uitkomsten:
            gegeven += 1
            yield u
    except Exception:  # a broken worker (killed, out of memory): nothing is lost
        pass
    yield from [None] * (aantal - gegeven)


@dataclass
class Resultaat:
    """Outcome of reading one file."""

    bestand: str
    status: str  # 'geaccepteerd', 'al_ingelezen', 'zelfde_cijfers' or 'afgewezen'
    levering_id: int | None
    meldingen: list[Melding]
    foutrapport: list[Path] = field(default_factory=list)
    bewaard: Path | None = None  # the archived copy, when the file was archived


def zoals_geregistreerd(g: Gelezen, reg: Register) -> Gelezen:
    """The delivery with its organisation under the registry's official name.

    A name that differs from a registered one only in spaces or case, or that is a registered
    alias, becomes the official name, with a note: 'GGZ  noorderlicht ' is never a new
    organisation beside 'GGZ Noorderlicht'. A name the registry does not know is left as it
    is; the rule `organisatie_onbekend` refuses it."""
    if not g.organisatie:
        return g
    org = reg.zoek(g.organisatie)
    if org is None or org.naam == g.organisatie:
        return g
    noot = Melding(
        "organisatie_schrijfwijze",
        f"organisatie '{g.organisatie}' gelezen als '{org.naam}'.",
        bestand=g.bestand,
        ernst="waarschuwing",
    )
    zichtbaar = dict(g.zichtbaar)
    if zichtbaar.get("organisatie") and reg.zoek(zichtbaar["organisatie"]) == org:
        zichtbaar["organisatie"] = org.naam  # the same organisation, also on the visible sheet
    return replace(
        g,
        organisatie=org.naam,
        data=g.data.assign(organisatie=org.naam),
        meldingen=[*g.meldingen, noot],
        zichtbaar=zichtbaar,
    )


def _zelfde_cijfers(con, levering_id: int, data: pd.DataFrame) -> bool:
    """Whether a parsed delivery holds exactly the registrations of a stored delivery."""
    nu = data[store.REGISTRATIE_KOLOMMEN].sort_values(store.REGISTRATIE_KOLOMMEN[:-1])
    return nu.reset_index(drop=True).equals(store.registraties_van(con, levering_id))


def _vorige_van(con, g: Gelezen, reg: Register) -> pd.DataFrame | None:
    """The organisation's registrations of the previous quarter (the delivery in force),
    for plausibility; an empty frame when there is none."""
    if not g.organisatie or not g.periode:
        return None
    vorige = Periode.lees(g.periode).vorige().code
    lid = store.geldende_levering(con, g.organisatie, vorige, reg)
    if lid is None:
        return pd.DataFrame(columns=store.REGISTRATIE_KOLOMMEN)
    return store.registraties_van(con, lid)


def inlezen(
    pad: str | Path,
    con,
    ontvangen_op: datetime | None = None,
    organisatie: str | None = None,
    periode: str | None = None,
    archief: Path | None = None,
    vervang: bool = False,
    vastleggen: bool = True,
    accepteer_sprong: bool = False,
    reden: str | None = None,
    vooraf: Vooraf | None = None,
) -> Resultaat:
    """Validate one delivery file and store it whole, or reject it whole (`_inlezen`), and
    write the decision to the archive's journal.

    An accepted delivery is published at once (`store.vastleggen`), so that readers see it
    and a later crash cannot lose it; a bulk load into a new store (the demo) may leave that
    to the end of its block with `vastleggen=False`, and pass the file as already parsed
    (`vooraf`, from `vooraf_gelezen`), read side by side beforehand: it is used only when the
    file still has the hash of the bytes that were parsed; otherwise it is read again."""
    map_ = archief or archiefmap(con)
    if accepteer_sprong and not (reden or "").strip():
        raise ValueError("geef bij --accepteer-sprong ook --reden: wie bevestigde de sprong?")
    bevestigd = reden.strip() if accepteer_sprong else None
    r = _inlezen(
        Path(pad),
        con,
        ontvangen_op,
        organisatie,
        periode,
        map_,
        vervang,
        bevestigd,
        vooraf,
    )
    if r.status == "geaccepteerd" and vastleggen:
        store.vastleggen(con)  # published before the journal says it is stored
    sprong = any(m.regel == "sprong_geaccepteerd" for m in r.meldingen)
    regel = {
        "tijd": datetime.now().isoformat(timespec="seconds"),
        "opdracht": "inlezen",
        "gebruiker": gebruiker(),
        "bestand": r.bestand,
        "besluit": r.status,
        "levering_id": r.levering_id,
        "vervang": vervang,
        **({"accepteer_sprong": True} if sprong else {}),
        **({"reden": reden.strip()} if (reden or "").strip() and (sprong or vervang) else {}),
        "fouten": sorted({m.regel for m in r.meldingen if m.ernst == "fout"}),
    }
    if r.status == "geaccepteerd":
        lev = store.levering(con, r.levering_id)
        regel |= {
            "sha256": lev["sha256"],
            "archief": Path(lev["bronbestand"]).relative_to(map_.resolve()).as_posix(),
            "organisatie": lev["organisatie"],
            "periode": lev["periode"],
            "ontvangen_op": lev["ontvangen_op"].isoformat(),
        }
    schrijf_journaal(map_, regel)
    if r.bewaard is not None and r.status != "afgewezen":  # a refusal has its error report
        schrijf_ontvangst(r.bewaard, r, regel["tijd"])
    return r


def schrijf_ontvangst(bewaard: Path, r: Resultaat, tijd: str) -> Path:
    """Beside the archived file: the receipt, as `inlezen` printed it, to send back to the
    organisation (what was stored or not, and every note)."""
    besluit = {
        "geaccepteerd": f"opgeslagen als levering {r.levering_id}",
        "zelfde_cijfers": f"niet opnieuw opgeslagen: zelfde cijfers als levering {r.levering_id}",
    }[r.status]
    regels = [f"bestand: {r.bestand}", f"ontvangen: {tijd}", f"besluit: {besluit}", ""]
    regels += [str(m) for m in samengevat(r.meldingen)] or ["geen opmerkingen"]
    pad = bewaard.with_name(bewaard.name.split(".")[0] + ".ontvangst.txt")
    pad.write_text("\n".join(regels) + "\n", encoding="utf-8")
    return pad


def _inlezen(
    pad: Path,
    con,
    ontvangen_op: datetime | None,
    organisatie: str | None,
    periode: str | None,
    map_: Path,
    vervang: bool,
    bevestigd: str | None = None,
    vooraf: Vooraf | None = None,
) -> Resultaat:
    """Validate one delivery file and store it whole, or reject it whole.

    The file is first archived read-only. Reading a file that is already stored changes
    nothing (status 'al_ingelezen'); a file whose numbers equal the delivery in force is not
    stored again (status 'zelfde_cijfers'). An older file that a correction has replaced is
    stored again only with `vervang`. A rejected file gets an error report beside it.
    """
    pad = Path(pad)
    ongeschikt = geen_gewoon_bestand(pad)
    if ongeschikt is not None:  # never opened: no hang on a FIFO, nothing odd in the archive
        return Resultaat(pad.name, "afgewezen", None, [ongeschikt])
    sha = sha256_van(pad) if pad.exists() else ""
    if vooraf is not None and vooraf.sha256 != sha:
        vooraf = None  # the file changed after it was read ahead: read what is there now
    bestaand = store.al_ingelezen(con, sha) if sha else None
    if bestaand is not None:
        oud = store.levering(con, bestaand)
        geldend = store.geldende_levering(con, oud["organisatie"], oud["periode"])
        if geldend == bestaand:
            return Resultaat(pad.name, "al_ingelezen", bestaand, [])
        if not vervang:
            nu = store.levering(con, geldend)
            tekst = (
                f"dit bestand is levering {bestaand} (ontvangen {oud['ontvangen_op']:%d-%m-%Y}); "
                f"sindsdien geldt levering {geldend} (ontvangen {nu['ontvangen_op']:%d-%m-%Y}). "
                "Moet dit oudere bestand weer gelden, lees het dan in met --vervang."
            )
            return Resultaat(
                pad.name, "afgewezen", None, [Melding("oudere_levering", tekst, bestand=pad.name)]
            )
    moment = ontvangen_op or datetime.now().replace(microsecond=0)
    try:
        reg = lees_register(con)
        g = zoals_geregistreerd(vooraf.gelezen if vooraf else lees_bestand(pad), reg)
        ctx = Context(
            register=reg,
            organisatie=organisatie,
            periode=periode,
            vorige=_vorige_van(con, g, reg),
            ontvangen_op=moment,
            accepteer_sprong=bevestigd,
        )
        meldingen = controleer(g, ctx)
    except Exception as exc:  # a reader or rule crashed: refuse this file, keep the batch going
        g = onleesbaar(
            pad.name,
            "onverwerkbaar",
            f"het bestand kan niet worden verwerkt ({type(exc).__name__}); is het een "
            "aanlevering volgens het sjabloon? De fout is bewaard voor de beheerder.",
        )
        meldingen = list(g.meldingen)
    if not _fout(meldingen):  # read ahead: checked before the official name was set
        meldingen += vooraf.schema if vooraf else schema_meldingen(g.data, pad.name)
    bewaard = archiveer(pad, sha, g.periode, map_) if sha else None
    if any(m.ernst == "fout" for m in meldingen):
        rapport = schrijf_foutrapport(bewaard, g, meldingen) if bewaard else []
        return Resultaat(pad.name, "afgewezen", None, meldingen, rapport, bewaard)
    geldend = store.geldende_levering(con, g.organisatie, g.periode, reg)
    if geldend is not None and not vervang and _zelfde_cijfers(con, geldend, g.data):
        noot = Melding(
            "zelfde_cijfers",
            f"zelfde cijfers als levering {geldend}; die blijft gelden, er is niets gewijzigd.",
            bestand=pad.name,
            ernst="waarschuwing",
        )
        return Resultaat(pad.name, "zelfde_cijfers", geldend, [*meldingen, noot], [], bewaard)
    lev = store.Levering(
        g.organisatie,
        g.periode,
        str(bewaard.resolve() if bewaard else pad),
        sha,
        moment,
    )
    lid = store.sla_levering_op(con, lev, g.data)
    return Resultaat(pad.name, "geaccepteerd", lid, meldingen, [], bewaard)
