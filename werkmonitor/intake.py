"""Intake: read a delivery, check it rule by rule, store it whole or not at all.

A delivery (an Excel workbook made from the template, or the same content as a long CSV) is
parsed into a tidy frame while structural problems are collected as messages; then every rule
in `REGELS` checks the frame. Any error rejects the whole delivery: nothing is written to the
store. Every received file is archived read-only by its sha256; a rejected one gets its error
report and an annotated copy beside it.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import shutil
import stat
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import msoffcrypto
import pandas as pd
import pandera.pandas as pa
from openpyxl import load_workbook
from openpyxl.comments import Comment
from openpyxl.styles import PatternFill
from openpyxl.utils import get_column_letter

from . import regions, store
from .periods import Periode, PeriodeFout
from .template import (
    BLAD_PER_TRAJECT,
    META_BLAD,
    ORGANISATIE_LABEL,
    PERIODE_LABEL,
    REGIO_KOP,
    REGIOLIJST_BLAD,
    TOELICHTING_BLAD,
    TRAJECT_PER_BLAD,
)
from .vocab import KOLOMMEN, SOMREGELS, TOTAAL, TRAJECTEN, kolom_per_label, kolommen_voor

CSV_KOLOMMEN = store.REGISTRATIE_KOLOMMEN  # a CSV delivery has the tidy columns


@dataclass(frozen=True)
class Melding:
    """One finding about a delivery, in Dutch, with where it is."""

    regel: str
    tekst: str
    bestand: str = ""
    blad: str | None = None
    cel: str | None = None
    regio: str | None = None
    kolom: str | None = None
    ernst: str = "fout"  # 'fout' rejects the delivery, 'waarschuwing' does not
    regelnummer: int | None = None  # line in a CSV file

    def __str__(self) -> str:
        plaats = [f"bestand {self.bestand}"] if self.bestand else []
        if self.regelnummer:
            plaats.append(f"regel {self.regelnummer}")
        if self.blad:
            plaats.append(f"blad '{self.blad}'")
        if self.regio:
            plaats.append(f"regio '{self.regio}'")
        if self.kolom:
            plaats.append(f"kolom '{self.kolom}'")
        if self.cel:
            plaats.append(f"cel {self.cel}")
        soort = "Fout" if self.ernst == "fout" else "Waarschuwing"
        return f"{soort} [{self.regel}] {', '.join(plaats)}: {self.tekst}"


@dataclass
class Gelezen:
    """A parsed delivery: metadata, tidy registrations and the messages found while parsing."""

    bestand: str
    organisatie: str | None
    periode: str | None
    data: pd.DataFrame
    meldingen: list[Melding] = field(default_factory=list)
    rijen: dict[tuple[str, str], int] = field(default_factory=dict)  # (traject, regio) -> row
    kolomletters: dict[tuple[str, str, str, str], str] = field(default_factory=dict)
    aangekondigd: list[str] = field(default_factory=list)  # trajects named in '_meta'
    zichtbaar: dict[str, str] = field(default_factory=dict)  # organisation/period on sheet 1

    def plek(self, traject: str, regio: str, kolom=None) -> dict:
        """Location fields for a message about one region row (and column) of a traject."""
        rij = self.rijen.get((traject, regio))
        cel = None
        if rij and kolom is not None:
            letter = self.kolomletters.get((traject, *kolom.sleutel))
            cel = f"{letter}{rij}" if letter else None
        elif rij:
            cel = f"A{rij}" if self.kolomletters else None
        uit = {
            "bestand": self.bestand,
            "regio": regio,
            "cel": cel,
            "kolom": kolom.label if kolom is not None else None,
        }
        if self.kolomletters:
            uit["blad"] = BLAD_PER_TRAJECT[traject]
        else:
            uit["regelnummer"] = rij
            uit["blad"] = None
        return uit


REGISTRATIE_SCHEMA = pa.DataFrameSchema(
    {
        "periode": pa.Column(str, pa.Check.str_matches(r"^\d{4}Q[1-4]$")),
        "organisatie": pa.Column(str, pa.Check.str_length(min_value=1)),
        "regio": pa.Column(str, pa.Check.isin(list(regions.REGIOS))),
        "traject": pa.Column(str, pa.Check.isin(list(TRAJECTEN))),
        "maat": pa.Column(str, pa.Check.isin(sorted({k.maat for k in KOLOMMEN}))),
        "dimensie": pa.Column(str),
        "categorie": pa.Column(str),
        "waarde": pa.Column("int64", pa.Check.ge(0)),
    },
    strict=True,
    unique=["periode", "organisatie", "regio", "traject", "maat", "dimensie", "categorie"],
)


def sha256_van(pad: Path) -> str:
    """Hex sha256 of a file's bytes."""
    return hashlib.sha256(Path(pad).read_bytes()).hexdigest()


def als_aantal(waarde, csv_tekst: bool = False) -> tuple[int | None, str | None, str | None]:
    """Read a count from a cell or CSV field: (value, None, None) or (None, rule, reason)."""
    if waarde is None or (isinstance(waarde, str) and not waarde.strip()):
        return None, "cel_leeg", "de cel is leeg; vul 0 in als er geen cliënten zijn."
    if isinstance(waarde, bool):
        return None, "geen_getal", f"verwacht een heel getal van 0 of meer, gevonden '{waarde}'."
    if isinstance(waarde, str):
        tekst = waarde.strip()
        if tekst.startswith("#"):
            return None, "formulefout", f"de formule in deze cel geeft de foutwaarde {tekst}."
        if csv_tekst and "," in tekst and tekst.replace(",", "", 1).lstrip("-").isdigit():
            return (
                None,
                "decimale_komma",
                (f"'{tekst}' is een getal met een decimale komma; een aantal is een heel getal."),
            )
        try:
            waarde = int(tekst) if tekst.lstrip("-").isdigit() else float(tekst)
        except ValueError:
            return None, "geen_getal", f"verwacht een heel getal van 0 of meer, gevonden '{tekst}'."
    if isinstance(waarde, float):
        if waarde != waarde or not waarde.is_integer():
            return (
                None,
                "gebroken_getal",
                (f"verwacht een heel getal, gevonden het gebroken getal {waarde}."),
            )
        waarde = int(waarde)
    if not isinstance(waarde, int):
        return None, "geen_getal", f"verwacht een heel getal van 0 of meer, gevonden '{waarde}'."
    if waarde < 0:
        return (
            None,
            "negatief_getal",
            (f"verwacht een heel getal van 0 of meer, gevonden het negatieve getal {waarde}."),
        )
    return waarde, None, None


def _leeg(naam: str, regel: str, tekst: str) -> Gelezen:
    """A delivery that could not be opened at all."""
    return Gelezen(
        naam,
        None,
        None,
        pd.DataFrame(columns=store.REGISTRATIE_KOLOMMEN),
        [Melding(regel, tekst, bestand=naam)],
    )


def lees_bestand(pad: str | Path) -> Gelezen:
    """Parse a delivery file, Excel or CSV; problems become messages, never exceptions."""
    pad = Path(pad)
    if not pad.exists() or pad.stat().st_size == 0:
        return _leeg(pad.name, "leeg_bestand", "het bestand is leeg.")
    if pad.suffix.lower() == ".csv":
        return lees_csv(pad)
    return lees_werkboek(pad)


def lees_werkboek(pad: str | Path) -> Gelezen:
    """Parse a delivery workbook."""
    pad = Path(pad)
    naam = pad.name
    if not pad.exists() or pad.stat().st_size == 0:
        return _leeg(naam, "leeg_bestand", "het bestand is leeg.")
    with open(pad, "rb") as f:
        kop = f.read(8)
    if kop.startswith(b"\xd0\xcf\x11\xe0"):
        with open(pad, "rb") as f:
            try:
                versleuteld = msoffcrypto.OfficeFile(f).is_encrypted()
            except Exception:
                versleuteld = False
        if versleuteld:
            return _leeg(
                naam,
                "wachtwoord",
                "het werkboek is beveiligd met een wachtwoord; "
                "sla het op zonder wachtwoord en lever het opnieuw aan.",
            )
        return _leeg(
            naam,
            "geen_xlsx",
            "dit is een oud Excel-bestand (.xls); gebruik het sjabloon van de werkmonitor (.xlsx).",
        )
    if not zipfile.is_zipfile(pad):
        if kop.startswith(b"PK"):
            return _leeg(
                naam,
                "afgebroken",
                "het werkboek is onvolledig of beschadigd "
                "(afgebroken bestand); sla het opnieuw op en lever het opnieuw aan.",
            )
        return _leeg(
            naam,
            "geen_xlsx",
            "dit is geen Excel-werkboek (.xlsx); gebruik het sjabloon van de werkmonitor.",
        )
    try:
        wb = load_workbook(pad, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for damaged files
        return _leeg(
            naam,
            "onleesbaar",
            f"het werkboek kan niet worden geopend ({type(exc).__name__}); is het beschadigd?",
        )
    try:
        return _lees_open_werkboek(wb, naam)
    except (zipfile.BadZipFile, KeyError, OSError, EOFError) as exc:
        return _leeg(
            naam,
            "afgebroken",
            f"het werkboek is onvolledig of beschadigd "
            f"({type(exc).__name__}); sla het opnieuw op en lever het opnieuw aan.",
        )
    finally:
        wb.close()


def _lees_meta(wb, naam: str) -> tuple[dict[str, str], list[Melding]]:
    """Read the hidden '_meta' sheet into a dict."""
    if META_BLAD not in wb.sheetnames:
        return {}, [
            Melding(
                "meta_ontbreekt",
                "het verborgen blad '_meta' ontbreekt; gebruik het sjabloon van de werkmonitor.",
                bestand=naam,
            )
        ]
    meta = {}
    for rij in wb[META_BLAD].iter_rows(values_only=True):
        if rij and rij[0]:
            meta[str(rij[0]).strip()] = "" if len(rij) < 2 or rij[1] is None else str(rij[1])
    meldingen = [
        Melding("meta_ontbreekt", f"het blad '_meta' mist '{s}'.", bestand=naam)
        for s in ("organisatie", "periode")
        if not meta.get(s)
    ]
    if meta.get("periode"):
        meta["periode"], fout = _kwartaal(meta["periode"])
        if fout:
            meldingen.append(Melding("periode_onbekend", fout, bestand=naam, blad=META_BLAD))
    return meta, meldingen


def _kwartaal(tekst: str) -> tuple[str | None, str | None]:
    """A quarter code from text, or (None, Dutch reason)."""
    try:
        p = Periode.lees(tekst)
    except PeriodeFout as exc:
        return None, str(exc)
    if p.soort != "kwartaal":
        return None, f"'{tekst}' is geen kwartaal; een aanlevering geldt voor één kwartaal."
    return p.code, None


def _lees_zichtbaar(wb) -> dict[str, str]:
    """Organisation and period as shown on the instructions sheet."""
    if TOELICHTING_BLAD not in wb.sheetnames:
        return {}
    uit = {}
    for rij in wb[TOELICHTING_BLAD].iter_rows(values_only=True, max_col=2):
        if rij and rij[0] in (ORGANISATIE_LABEL, PERIODE_LABEL) and len(rij) > 1:
            uit[str(rij[0]).lower()] = "" if rij[1] is None else str(rij[1]).strip()
    return uit


def _lees_open_werkboek(wb, naam: str) -> Gelezen:
    """Parse an opened workbook: metadata, then every traject sheet."""
    meta, meldingen = _lees_meta(wb, naam)
    g = Gelezen(naam, meta.get("organisatie"), meta.get("periode"), pd.DataFrame())
    g.aangekondigd = [t for t in meta.get("trajecten", "").split(",") if t]
    g.zichtbaar = _lees_zichtbaar(wb)
    rijen: list[dict] = []
    bladen = [b for b in wb.sheetnames if b not in (META_BLAD, TOELICHTING_BLAD, REGIOLIJST_BLAD)]
    if not any(b in TRAJECT_PER_BLAD for b in bladen):
        meldingen.append(
            Melding(
                "geen_trajectblad",
                f"het werkboek bevat geen enkel trajectblad ({', '.join(TRAJECT_PER_BLAD)}).",
                bestand=naam,
            )
        )
    for blad in bladen:
        if blad not in TRAJECT_PER_BLAD:
            meldingen.append(
                Melding(
                    "blad_onbekend",
                    f"onbekend tabblad; verwacht een van: {', '.join(TRAJECT_PER_BLAD)}.",
                    bestand=naam,
                    blad=blad,
                )
            )
            continue
        meldingen += _lees_blad(wb[blad], blad, TRAJECT_PER_BLAD[blad], rijen, g)
    g.meldingen = meldingen
    g.data = _als_frame(rijen, g.organisatie, g.periode)
    return g


def _als_frame(rijen: list[dict], organisatie, periode) -> pd.DataFrame:
    """The tidy registration frame of a delivery."""
    data = pd.DataFrame(
        rijen, columns=["regio", "traject", "maat", "dimensie", "categorie", "waarde"]
    )
    data.insert(0, "organisatie", organisatie or "")
    data.insert(0, "periode", periode or "")
    data["waarde"] = data["waarde"].astype("int64")
    return data[store.REGISTRATIE_KOLOMMEN]


def _kolom_elders(label: str, traject: str) -> str | None:
    """The name of another traject that registers a column with this header, if any."""
    for t in TRAJECTEN:
        if t != traject and label in kolom_per_label(t):
            return BLAD_PER_TRAJECT[t]
    return None


def _lees_blad(ws, blad: str, traject: str, rijen: list[dict], g: Gelezen) -> list[Melding]:
    """Parse one traject sheet into `rijen`; returns the messages."""
    naam = g.bestand
    meldingen: list[Melding] = []
    waarden = list(ws.iter_rows(values_only=True))
    if not waarden or not waarden[0] or str(waarden[0][0] or "").strip() != REGIO_KOP:
        return [
            Melding(
                "kop_ontbreekt",
                f"de eerste cel (A1) moet '{REGIO_KOP}' zijn.",
                bestand=naam,
                blad=blad,
                cel="A1",
            )
        ]
    kop = [str(c).strip() if c is not None else "" for c in waarden[0]]
    bekend = kolom_per_label(traject)
    kolommen = {}
    for j, label in enumerate(kop[1:], start=1):
        if not label:
            continue
        letter = get_column_letter(j + 1)
        if label in bekend:
            kolommen[j] = bekend[label]
            g.kolomletters[(traject, *bekend[label].sleutel)] = letter
        elif elders := _kolom_elders(label, traject):
            meldingen.append(
                Melding(
                    "maat_niet_voor_traject",
                    f"deze uitkomstmaat wordt bij {blad} niet geregistreerd "
                    f"(Tabel B3.1; wel bij {elders}); verwijder de kolom.",
                    bestand=naam,
                    blad=blad,
                    kolom=label,
                    cel=f"{letter}1",
                )
            )
        else:
            meldingen.append(
                Melding(
                    "kolom_onbekend",
                    "onbekende kolom; gebruik de kolomkoppen van het sjabloon.",
                    bestand=naam,
                    blad=blad,
                    kolom=label,
                    cel=f"{letter}1",
                )
            )
    for label in bekend:
        if label not in kop:
            meldingen.append(
                Melding(
                    "kolom_ontbreekt", "deze kolom ontbreekt.", bestand=naam, blad=blad, kolom=label
                )
            )
    for i, rij in enumerate(waarden[1:], start=2):
        if not rij or all(c is None or str(c).strip() == "" for c in rij):
            continue
        meldingen += _lees_rij(rij, i, blad, traject, kolommen, rijen, g)
    return meldingen


def _regio(ruw: str) -> tuple[str | None, str | None]:
    """The official region for a cell, or (None, Dutch reason with a suggestion)."""
    regio = regions.officiele_naam(ruw) if ruw else None
    if regio:
        return regio, None
    hint = regions.suggestie(ruw) if ruw else None
    tekst = f"onbekende arbeidsmarktregio '{ruw}'" if ruw else "de regionaam ontbreekt"
    return None, tekst + (f"; bedoelt u '{hint}'?" if hint else "; gebruik de officiële naam.")


def _lees_rij(rij, i, blad, traject, kolommen, rijen, g: Gelezen) -> list[Melding]:
    """Parse one region row of a traject sheet."""
    naam = g.bestand
    regio, reden = _regio(str(rij[0] or "").strip())
    if regio is None:
        return [Melding("regio_onbekend", reden, bestand=naam, blad=blad, cel=f"A{i}")]
    if (traject, regio) in g.rijen:
        return [
            Melding(
                "regio_dubbel",
                f"deze regio staat ook al in rij {g.rijen[(traject, regio)]}.",
                bestand=naam,
                blad=blad,
                regio=regio,
                cel=f"A{i}",
            )
        ]
    g.rijen[(traject, regio)] = i
    if kolommen and all(rij[j] is None if j < len(rij) else True for j in kolommen):
        return [
            Melding(
                "cel_leeg",
                "alle aantallen in deze rij zijn leeg; vul ze in (0 als er "
                "geen cliënten zijn) of verwijder de rij.",
                bestand=naam,
                blad=blad,
                regio=regio,
                cel=f"A{i}",
            )
        ]
    meldingen = []
    for j, kolom in kolommen.items():
        waarde, code, reden = als_aantal(rij[j] if j < len(rij) else None)
        if code:
            meldingen.append(
                Melding(
                    code,
                    reden,
                    bestand=naam,
                    blad=blad,
                    regio=regio,
                    kolom=kolom.label,
                    cel=f"{get_column_letter(j + 1)}{i}",
                )
            )
            continue
        rijen.append(
            {
                "regio": regio,
                "traject": traject,
                "maat": kolom.maat,
                "dimensie": kolom.dimensie,
                "categorie": kolom.categorie,
                "waarde": waarde,
            }
        )
    return meldingen


# --- CSV ----------------------------------------------------------------------------------


def _decodeer(ruw: bytes) -> str:
    """Text of a CSV file: UTF-8 with or without BOM, else Windows-1252."""
    if ruw.startswith(b"\xef\xbb\xbf"):
        return ruw[3:].decode("utf-8")
    try:
        return ruw.decode("utf-8")
    except UnicodeDecodeError:
        return ruw.decode("cp1252")


def lees_csv(pad: str | Path) -> Gelezen:
    """Parse a long CSV delivery: one row per organisation, region, traject, measure."""
    pad = Path(pad)
    naam = pad.name
    tekst = _decodeer(pad.read_bytes())
    eerste = tekst.splitlines()[0] if tekst.strip() else ""
    scheiding = ";" if eerste.count(";") >= eerste.count(",") else ","
    lezer = csv.reader(io.StringIO(tekst), delimiter=scheiding)
    regels = [r for r in lezer]
    if not regels:
        return _leeg(naam, "leeg_bestand", "het bestand is leeg.")
    kop = [k.strip().lower() for k in regels[0]]
    ontbreekt = [k for k in CSV_KOLOMMEN if k not in kop]
    if ontbreekt:
        return _leeg(
            naam,
            "kolom_ontbreekt",
            f"de kolom(men) {', '.join(ontbreekt)} "
            f"ontbreken; verwacht: {scheiding.join(CSV_KOLOMMEN)}.",
        )
    idx = {k: kop.index(k) for k in CSV_KOLOMMEN}
    g = Gelezen(naam, None, None, pd.DataFrame())
    meldingen: list[Melding] = []
    rijen: list[dict] = []
    orgs, perioden = set(), set()
    gezien: dict[tuple, int] = {}
    for n, r in enumerate(regels[1:], start=2):
        if not any(c.strip() for c in r):
            continue
        if len(r) != len(kop):
            meldingen.append(
                Melding(
                    "kolommen_per_regel",
                    f"deze regel heeft {len(r)} velden in "
                    f"plaats van {len(kop)}; staat er een decimale komma of een "
                    "scheidingsteken in een waarde?",
                    bestand=naam,
                    regelnummer=n,
                )
            )
            continue
        veld = {k: r[i].strip() for k, i in idx.items()}
        orgs.add(veld["organisatie"])
        perioden.add(veld["periode"])
        m = _csv_regel(veld, n, naam, rijen, gezien, g)
        meldingen += m
    if len(orgs) > 1 or len(perioden) > 1:
        meldingen.append(
            Melding(
                "meerdere_leveringen",
                "het bestand bevat meer dan één "
                f"organisatie of periode ({', '.join(sorted(orgs))}; "
                f"{', '.join(sorted(perioden))}); lever per organisatie en "
                "kwartaal één bestand aan.",
                bestand=naam,
            )
        )
    g.organisatie = next(iter(orgs)) if len(orgs) == 1 else None
    periode = next(iter(perioden)) if len(perioden) == 1 else None
    if periode is not None:
        g.periode, fout = _kwartaal(periode)
        if fout:
            meldingen.append(Melding("periode_onbekend", fout, bestand=naam))
    meldingen += _csv_volledig(rijen, naam)
    g.meldingen = meldingen
    g.data = _als_frame(rijen, g.organisatie, g.periode)
    return g


def _csv_regel(veld, n, naam, rijen, gezien, g: Gelezen) -> list[Melding]:
    """Check and collect one CSV row."""
    traject = veld["traject"].lower()
    traject = TRAJECT_PER_BLAD.get(veld["traject"], traject)
    if traject not in TRAJECTEN:
        return [
            Melding(
                "traject_onbekend",
                f"onbekend traject '{veld['traject']}'; kies uit {', '.join(TRAJECTEN)}.",
                bestand=naam,
                regelnummer=n,
            )
        ]
    regio, reden = _regio(veld["regio"])
    if regio is None:
        return [Melding("regio_onbekend", reden, bestand=naam, regelnummer=n)]
    sleutel = (veld["maat"], veld["dimensie"] or TOTAAL, veld["categorie"] or TOTAAL)
    kolom = next((k for k in kolommen_voor(traject) if k.sleutel == sleutel), None)
    if kolom is None:
        bestaat = any(k.sleutel == sleutel for k in KOLOMMEN)
        regel = "maat_niet_voor_traject" if bestaat else "kolom_onbekend"
        tekst = (
            f"de uitkomstmaat {'/'.join(sleutel)} wordt bij {traject} niet geregistreerd "
            "(Tabel B3.1)."
            if bestaat
            else f"onbekende uitkomstmaat {'/'.join(sleutel)}."
        )
        return [Melding(regel, tekst, bestand=naam, regelnummer=n, regio=regio)]
    k = (traject, regio, *sleutel)
    if k in gezien:
        return [
            Melding(
                "regio_dubbel",
                f"deze combinatie staat ook al op regel {gezien[k]}.",
                bestand=naam,
                regelnummer=n,
                regio=regio,
                kolom=kolom.label,
            )
        ]
    gezien[k] = n
    g.rijen.setdefault((traject, regio), n)
    waarde, code, reden = als_aantal(veld["waarde"], csv_tekst=True)
    if code:
        return [Melding(code, reden, bestand=naam, regelnummer=n, regio=regio, kolom=kolom.label)]
    rijen.append(
        {
            "regio": regio,
            "traject": traject,
            "maat": kolom.maat,
            "dimensie": kolom.dimensie,
            "categorie": kolom.categorie,
            "waarde": waarde,
        }
    )
    return []


def _csv_volledig(rijen: list[dict], naam: str) -> list[Melding]:
    """Every measure of a traject must be present for each region that the CSV names."""
    aanwezig: dict[tuple[str, str], set] = {}
    for r in rijen:
        aanwezig.setdefault((r["traject"], r["regio"]), set()).add(
            (r["maat"], r["dimensie"], r["categorie"])
        )
    uit = []
    for (traject, regio), sleutels in sorted(aanwezig.items()):
        for kolom in kolommen_voor(traject):
            if kolom.sleutel not in sleutels:
                uit.append(
                    Melding(
                        "kolom_ontbreekt",
                        "deze uitkomstmaat ontbreekt voor deze regio.",
                        bestand=naam,
                        regio=regio,
                        kolom=kolom.label,
                    )
                )
    return uit


# --- rules on the parsed frame ------------------------------------------------------------


@dataclass
class Context:
    """What rules may know besides the delivery: the command's expectations, earlier data."""

    organisatie: str | None = None  # --organisatie of the command
    periode: str | None = None  # --periode of the command
    vorige: pd.DataFrame | None = None  # the organisation's previous quarter in the store
    sprong_factor: float = 0.5  # plausibility: relative jump that triggers a warning
    sprong_minimum: int = 20  # ... and absolute jump


@dataclass(frozen=True)
class Regel:
    """A named, documented check of a parsed delivery."""

    naam: str
    omschrijving: str
    functie: Callable[[Gelezen, Context], list[Melding]]


# (smaller, larger, wording): per region and traject, smaller may not exceed larger.
ORDEREGELS = [
    ("betaald_werk", "lopend", "meer cliënten met betaald werk dan cliënten in een traject"),
    (
        "duurzaam_betaald_werk",
        "betaald_werk",
        "meer cliënten met duurzaam betaald werk dan met betaald werk",
    ),
    (
        "betaald_werk",
        "ooit_betaald_werk",
        "minder cliënten die ooit betaald werkten dan cliënten die nu betaald werken",
    ),
    ("beeindigd", "lopend", "meer beëindigde trajecten dan trajecten die in het kwartaal liepen"),
    (
        "gestart_betaald_werk",
        "betaald_werk",
        "meer cliënten gestart met betaald werk dan cliënten met betaald werk",
    ),
    ("opleiding", "lopend", "meer cliënten met een opleiding dan cliënten in een traject"),
    (
        "gestart_opleiding",
        "opleiding",
        "meer cliënten gestart met een opleiding dan cliënten met een opleiding",
    ),
]


def _totaalkolom(traject: str, maat: str):
    """The column of the unsplit total of `maat` on a traject's sheet."""
    return next(k for k in kolommen_voor(traject) if k.sleutel == (maat, TOTAAL, TOTAAL))


def _per_eenheid(data: pd.DataFrame, maat: str, dimensie: str) -> pd.Series:
    """Sum per (traject, regio) of one measure and breakdown."""
    d = data[(data["maat"] == maat) & (data["dimensie"] == dimensie)]
    return d.groupby(["traject", "regio"])["waarde"].sum()


def regel_uitsplitsing(g: Gelezen, ctx: Context) -> list[Melding]:
    """Breakdowns (financing, IPS type and stage, outflow, result) add up to their total."""
    uit = []
    for maat, dim in SOMREGELS:
        som = _per_eenheid(g.data, maat, dim)
        totaal = _per_eenheid(g.data, maat, TOTAAL)
        for (traject, regio), s in som.items():
            t = totaal.get((traject, regio))
            if t is not None and s != t:
                kolom = _totaalkolom(traject, maat)
                uit.append(
                    Melding(
                        "uitsplitsing_telt_niet_op",
                        f"de uitsplitsing naar {dim} telt op tot {s}, maar het totaal is {t}.",
                        **g.plek(traject, regio, kolom),
                    )
                )
    duur = _per_eenheid(g.data, "duur_dienstverband", "duur")
    lopend = _per_eenheid(g.data, "lopend", TOTAAL)
    for (traject, regio), s in duur.items():
        t = lopend.get((traject, regio))
        if t is not None and s != t:
            uit.append(
                Melding(
                    "uitsplitsing_telt_niet_op",
                    f"de duur van het dienstverband telt op tot {s}, maar er lopen {t} trajecten.",
                    **g.plek(traject, regio),
                )
            )
    return uit


def regel_volgorde(g: Gelezen, ctx: Context) -> list[Melding]:
    """Paid work within running, sustainable within paid, ever-worked at least paid-now, ended
    within running (running counts every client in a traject during the quarter)."""
    uit = []
    for klein, groot, tekst in ORDEREGELS:
        a, b = _per_eenheid(g.data, klein, TOTAAL), _per_eenheid(g.data, groot, TOTAAL)
        for (traject, regio), v in a.items():
            w = b.get((traject, regio))
            if w is not None and v > w:
                kolom = _totaalkolom(traject, klein)
                uit.append(
                    Melding(
                        "onmogelijke_verhouding",
                        f"{tekst} ({v} tegen {w}).",
                        **g.plek(traject, regio, kolom),
                    )
                )
    duur = _per_eenheid(g.data, "duur_tot_eerste_baan", "duur")
    ooit = _per_eenheid(g.data, "ooit_betaald_werk", TOTAAL)
    for (traject, regio), s in duur.items():
        o = ooit.get((traject, regio))
        if o is not None and s > o:
            uit.append(
                Melding(
                    "onmogelijke_verhouding",
                    f"de duur tot de eerste baan is "
                    f"ingevuld voor {s} cliënten, maar er werkten er ooit {o}.",
                    **g.plek(traject, regio),
                )
            )
    return uit


def regel_meta(g: Gelezen, ctx: Context) -> list[Melding]:
    """Organisation and period agree between '_meta', the instructions sheet and the command."""
    uit = []
    for sleutel, in_bestand in (("organisatie", g.organisatie), ("periode", g.periode)):
        zichtbaar = g.zichtbaar.get(sleutel)
        if zichtbaar and in_bestand and zichtbaar != in_bestand:
            uit.append(
                Melding(
                    "meta_tegenstrijdig",
                    f"op het blad '{TOELICHTING_BLAD}' staat "
                    f"{sleutel} '{zichtbaar}', maar het sjabloon is gemaakt voor "
                    f"'{in_bestand}'.",
                    bestand=g.bestand,
                    blad=TOELICHTING_BLAD,
                )
            )
        verwacht = getattr(ctx, sleutel)
        if verwacht and in_bestand and verwacht != in_bestand:
            uit.append(
                Melding(
                    "meta_tegenstrijdig",
                    f"het bestand is voor {sleutel} "
                    f"'{in_bestand}', maar ingelezen als '{verwacht}'.",
                    bestand=g.bestand,
                )
            )
    return uit


def regel_blad_ontbreekt(g: Gelezen, ctx: Context) -> list[Melding]:
    """Every traject named in the template is present as a sheet."""
    aanwezig = set(g.data["traject"]) | {t for (t, _r) in g.rijen}
    return [
        Melding(
            "blad_ontbreekt",
            "dit tabblad ontbreekt; het sjabloon bevatte het wel.",
            bestand=g.bestand,
            blad=BLAD_PER_TRAJECT.get(t, t),
        )
        for t in g.aangekondigd
        if t in TRAJECTEN and t not in aanwezig
    ]


def regel_sprong(g: Gelezen, ctx: Context) -> list[Melding]:
    """Plausibility (warning only): running differs much from the previous quarter."""
    if ctx.vorige is None or ctx.vorige.empty:
        return []
    nu = _per_eenheid(g.data, "lopend", TOTAAL)
    eerder = _per_eenheid(ctx.vorige, "lopend", TOTAAL)
    uit = []
    for (traject, regio), v in nu.items():
        e = eerder.get((traject, regio))
        if e is None:
            continue
        if abs(v - e) >= ctx.sprong_minimum and abs(v - e) > ctx.sprong_factor * max(e, 1):
            kolom = next(
                k for k in kolommen_voor(traject) if k.sleutel == ("lopend", TOTAAL, TOTAAL)
            )
            uit.append(
                Melding(
                    "sprong",
                    f"{v} lopende trajecten tegen {e} in het vorige kwartaal; klopt dit?",
                    ernst="waarschuwing",
                    **g.plek(traject, regio, kolom),
                )
            )
    return uit


REGELS: list[Regel] = [
    Regel(
        "meta_tegenstrijdig",
        "organisatie en periode kloppen met het sjabloon en de opdracht",
        regel_meta,
    ),
    Regel(
        "blad_ontbreekt", "elk traject uit het sjabloon heeft zijn tabblad", regel_blad_ontbreekt
    ),
    Regel(
        "uitsplitsing_telt_niet_op", "uitsplitsingen tellen op tot hun totaal", regel_uitsplitsing
    ),
    Regel(
        "onmogelijke_verhouding", "deelaantallen zijn niet groter dan hun geheel", regel_volgorde
    ),
    Regel(
        "sprong",
        "waarschuwing bij een grote sprong ten opzichte van het vorige kwartaal",
        regel_sprong,
    ),
]


def controleer(g: Gelezen, ctx: Context | None = None) -> list[Melding]:
    """All messages for a parsed delivery: parsing problems, then every rule.

    When parsing found errors, the content rules still run, but only on the region rows that
    were read without errors, so that every message points at a real cause and not at a
    consequence of an earlier one, and a person sees all problems in one go.
    """
    ctx = ctx or Context()
    meldingen = list(g.meldingen)
    fouten = [m for m in meldingen if m.ernst == "fout"]
    if fouten and g.data.empty:
        return meldingen
    if fouten:
        if any(m.regio is None and m.regel != "regio_onbekend" for m in fouten):
            return meldingen  # a problem with the file as a whole: rules would mislead
        kapot = {(TRAJECT_PER_BLAD.get(m.blad, m.blad), m.regio) for m in fouten}
        heel = [
            (t, r) not in kapot for t, r in zip(g.data["traject"], g.data["regio"], strict=True)
        ]
        g = Gelezen(
            g.bestand,
            g.organisatie,
            g.periode,
            g.data[heel],
            [],
            g.rijen,
            g.kolomletters,
            g.aangekondigd,
            g.zichtbaar,
        )
    for regel in REGELS:
        meldingen += regel.functie(g, ctx)
    return meldingen


# --- archive and reports ------------------------------------------------------------------


def archiefmap(con) -> Path:
    """Where received files are kept: 'aanleveringen' beside the store's database file."""
    db = con.execute(
        "SELECT path FROM duckdb_databases() WHERE database_name = current_database()"
    ).fetchone()[0]
    return Path(db).resolve().parent / "aanleveringen"


def archiveer(pad: Path, sha: str, periode: str | None, map_: Path) -> Path:
    """Keep a received file read-only under <map_>/<periode>/<sha256><ext>; never overwrite."""
    doel = map_ / (periode or "onbekend") / f"{sha}{pad.suffix.lower()}"
    if not doel.exists():
        doel.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(pad, doel)
        os.chmod(doel, stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
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


@dataclass
class Resultaat:
    """Outcome of reading one file."""

    bestand: str
    status: str  # 'geaccepteerd', 'al_ingelezen' or 'afgewezen'
    levering_id: int | None
    meldingen: list[Melding]
    foutrapport: list[Path] = field(default_factory=list)


def _vorige_van(con, g: Gelezen) -> pd.DataFrame | None:
    """The organisation's registrations of the previous quarter, for plausibility."""
    if not g.organisatie or not g.periode:
        return None
    vorige = Periode.lees(g.periode).vorige().code
    r = store.registraties(con, perioden=[vorige])
    return r[r["organisatie"] == g.organisatie]


def inlezen(
    pad: str | Path,
    con,
    ontvangen_op: datetime | None = None,
    organisatie: str | None = None,
    periode: str | None = None,
    archief: Path | None = None,
) -> Resultaat:
    """Validate one delivery file and store it whole, or reject it whole.

    The file is first archived read-only. Reading a file that is already stored changes
    nothing (status 'al_ingelezen'). A rejected file gets an error report beside it.
    """
    pad = Path(pad)
    sha = sha256_van(pad) if pad.exists() else ""
    bestaand = store.al_ingelezen(con, sha) if sha else None
    if bestaand is not None:
        return Resultaat(pad.name, "al_ingelezen", bestaand, [])
    g = lees_bestand(pad)
    ctx = Context(organisatie=organisatie, periode=periode, vorige=_vorige_van(con, g))
    meldingen = controleer(g, ctx)
    if not any(m.ernst == "fout" for m in meldingen):
        try:
            REGISTRATIE_SCHEMA.validate(g.data, lazy=True)
        except pa.errors.SchemaErrors as exc:
            meldingen.append(
                Melding("schema", f"interne controle faalde: {exc.failure_cases}", bestand=pad.name)
            )
    map_ = archief or archiefmap(con)
    bewaard = archiveer(pad, sha, g.periode, map_) if sha else None
    if any(m.ernst == "fout" for m in meldingen):
        rapport = schrijf_foutrapport(bewaard, g, meldingen) if bewaard else []
        return Resultaat(pad.name, "afgewezen", None, meldingen, rapport)
    lev = store.Levering(
        g.organisatie,
        g.periode,
        str(bewaard or pad),
        sha,
        ontvangen_op or datetime.now().replace(microsecond=0),
    )
    lid = store.sla_levering_op(con, lev, g.data)
    return Resultaat(pad.name, "geaccepteerd", lid, meldingen)
