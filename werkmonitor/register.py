"""The registry of participating organisations: official names, aliases and validity.

An organisation takes part from one quarter (`geldig_van`) and, after a merger or an exit, up to
another (`geldig_tot`). An alias is another spelling, or a former name, that stands for the
official one. The intake accepts a delivery only from a registered organisation that takes part
in its quarter; the store reads every delivery under the official name, so that a renamed
organisation keeps its history in one line.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass

from werkmonitor.periods import Periode

EERSTE_PERIODE = "2023Q1"

SCHEMA = """
CREATE TABLE IF NOT EXISTS organisaties (
    naam       VARCHAR PRIMARY KEY,
    geldig_van VARCHAR NOT NULL,
    geldig_tot VARCHAR
);
CREATE TABLE IF NOT EXISTS organisatie_aliassen (alias VARCHAR PRIMARY KEY, naam VARCHAR NOT NULL);
"""

# An organisation name: letters and digits with ordinary punctuation; never markup, a path or
# a spreadsheet formula (=, +, -, @ at the start), which would travel into reports and CSVs.
GELDIGE_NAAM = re.compile(r"(?:'|[^\W_])[\w .,'&()/+-]{0,119}")


class RegisterFout(ValueError):
    """A registry change that cannot be made; the message is one Dutch sentence."""


def genormaliseerd(naam: str) -> str:
    """A name as compared: Unicode NFC, spaces (also no-break spaces) collapsed, case ignored."""
    return " ".join(unicodedata.normalize("NFC", str(naam)).split()).casefold()


@dataclass(frozen=True)
class Organisatie:
    """One participating organisation."""

    naam: str
    geldig_van: str
    geldig_tot: str | None

    def neemt_deel(self, periode: str) -> bool:
        """Whether the organisation takes part in `periode`."""
        p = Periode.lees(periode)
        van = Periode.lees(self.geldig_van)
        return van <= p and (self.geldig_tot is None or p <= Periode.lees(self.geldig_tot))

    def looptijd(self) -> str:
        """'vanaf 2023Q1' or '2023Q1 tot en met 2024Q4'."""
        if self.geldig_tot is None:
            return f"vanaf {self.geldig_van}"
        return f"{self.geldig_van} tot en met {self.geldig_tot}"


@dataclass(frozen=True)
class Register:
    """The registry as read from the store."""

    organisaties: dict[str, Organisatie]
    aliassen: dict[str, str]  # alias -> official name

    def zoek(self, naam: str) -> Organisatie | None:
        """The organisation a name stands for (official name or alias, as compared by
        `genormaliseerd`), or None."""
        sleutel = genormaliseerd(naam)
        for officieel, org in self.organisaties.items():
            if genormaliseerd(officieel) == sleutel:
                return org
        for alias, officieel in self.aliassen.items():
            if genormaliseerd(alias) == sleutel:
                return self.organisaties.get(officieel)
        return None

    def lijkt_op(self, naam: str, n: int = 3) -> list[str]:
        """The official names closest to `naam` (at most `n`)."""
        kandidaten = {genormaliseerd(o): o for o in self.organisaties}
        kandidaten |= {genormaliseerd(a): o for a, o in self.aliassen.items()}
        dichtbij = difflib.get_close_matches(genormaliseerd(naam), kandidaten, n=n, cutoff=0.6)
        return list(dict.fromkeys(kandidaten[k] for k in dichtbij))

    def bedoelt_u(self, naam: str) -> str:
        """' Bedoelt u 'A' of 'B'?' with the closest official names, or '' when none is close."""
        dichtbij = self.lijkt_op(naam)
        return f" Bedoelt u {' of '.join(repr(d) for d in dichtbij)}?" if dichtbij else ""


def lees_register(con) -> Register:
    """The registry in the store (empty in a store without one)."""
    try:
        rijen = con.execute(
            "SELECT naam, geldig_van, geldig_tot FROM organisaties ORDER BY naam"
        ).fetchall()
        aliassen = dict(
            con.execute("SELECT alias, naam FROM organisatie_aliassen ORDER BY alias").fetchall()
        )
    except Exception as exc:  # an older store without the tables
        if "organisati" not in str(exc):
            raise
        return Register({}, {})
    return Register({r[0]: Organisatie(*r) for r in rijen}, aliassen)


def _periode(code: str | None, wat: str) -> str | None:
    """A period code checked and written as 2025Q1 (None stays None)."""
    if code is None:
        return None
    try:
        p = Periode.lees(code)
    except ValueError:
        p = None
    if p is None or len(p.kwartalen()) != 1:
        raise RegisterFout(f"{wat} '{code}' is geen kwartaal zoals 2025Q1.")
    return p.code


def _controleer_naam(naam: str) -> str:
    """The name with its spaces collapsed; a `RegisterFout` when it is not a plain name."""
    schoon = " ".join(unicodedata.normalize("NFC", naam).split())
    if not GELDIGE_NAAM.fullmatch(schoon):
        raise RegisterFout(
            f"'{naam}' is geen gewone naam: gebruik letters, cijfers en gewone leestekens, "
            "zonder < > = @ aan het begin of een pad."
        )
    return schoon


def voeg_toe(con, naam: str, vanaf: str | None = None, tot: str | None = None) -> Organisatie:
    """Register an organisation, taking part from `vanaf` (default 2023Q1) up to `tot`."""
    naam = _controleer_naam(naam)
    van = _periode(vanaf or EERSTE_PERIODE, "--vanaf")
    eind = _periode(tot, "--tot")
    if eind is not None and Periode.lees(eind) < Periode.lees(van):
        raise RegisterFout(f"--tot {eind} ligt vóór --vanaf {van}.")
    bestaand = lees_register(con).zoek(naam)
    if bestaand is not None:
        raise RegisterFout(f"'{naam}' staat al in het register, als '{bestaand.naam}'.")
    con.execute("INSERT INTO organisaties VALUES (?, ?, ?)", [naam, van, eind])
    return Organisatie(naam, van, eind)


def _officieel(con, naam: str) -> Organisatie:
    """The registered organisation `naam` stands for; a `RegisterFout` with the closest names
    when there is none."""
    reg = lees_register(con)
    org = reg.zoek(naam)
    if org is None:
        raise RegisterFout(f"'{naam}' staat niet in het register.{reg.bedoelt_u(naam)}")
    return org


def voeg_alias_toe(con, alias: str, naam: str) -> str:
    """Let `alias` stand for the registered organisation `naam`; returns the official name."""
    alias = _controleer_naam(alias)
    org = _officieel(con, naam)
    bestaand = lees_register(con).zoek(alias)
    if bestaand is not None:
        raise RegisterFout(f"'{alias}' staat al in het register, voor '{bestaand.naam}'.")
    con.execute("INSERT INTO organisatie_aliassen VALUES (?, ?)", [alias, org.naam])
    return org.naam


def beeindig(con, naam: str, tot: str) -> Organisatie:
    """End an organisation's participation after quarter `tot` (a merger, an exit)."""
    org = _officieel(con, naam)
    eind = _periode(tot, "--tot")
    if Periode.lees(eind) < Periode.lees(org.geldig_van):
        raise RegisterFout(f"--tot {eind} ligt vóór het begin van '{org.naam}' ({org.geldig_van}).")
    con.execute("UPDATE organisaties SET geldig_tot = ? WHERE naam = ?", [eind, org.naam])
    return Organisatie(org.naam, org.geldig_van, eind)


def hernoem(con, oud: str, nieuw: str) -> Organisatie:
    """Give a registered organisation a new official name; the old one becomes an alias, so
    that its earlier deliveries are read under the new name."""
    org = _officieel(con, oud)
    nieuw = _controleer_naam(nieuw)
    ander = lees_register(con).zoek(nieuw)
    if ander is not None and ander.naam != org.naam:
        raise RegisterFout(f"'{nieuw}' staat al in het register, als '{ander.naam}'.")
    con.execute("UPDATE organisaties SET naam = ? WHERE naam = ?", [nieuw, org.naam])
    con.execute("UPDATE organisatie_aliassen SET naam = ? WHERE naam = ?", [nieuw, org.naam])
    if genormaliseerd(org.naam) != genormaliseerd(nieuw):
        con.execute("INSERT INTO organisatie_aliassen VALUES (?, ?)", [org.naam, nieuw])
    return Organisatie(nieuw, org.geldig_van, org.geldig_tot)


def registreer_geleverde(con) -> list[str]:
    """Register every organisation of a stored delivery that the registry does not know (a
    store from before the registry, or an old journal replayed), from its first quarter."""
    rijen = con.execute(
        "SELECT organisatie, min(periode) FROM leveringen WHERE status = 'geaccepteerd' "
        "GROUP BY organisatie ORDER BY organisatie"
    ).fetchall()
    reg = lees_register(con)
    nieuw = [(o, p) for o, p in rijen if reg.zoek(o) is None]
    for naam, van in nieuw:
        con.execute("INSERT INTO organisaties VALUES (?, ?, NULL)", [naam, van])
    return [o for o, _ in nieuw]
