"""A parsed delivery and its findings: what the readers produce and the rules check."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time

import pandas as pd

from werkmonitor import regions, store
from werkmonitor.intake.template import BLAD_PER_TRAJECT
from werkmonitor.periods import Periode, PeriodeFout


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


MAX_AANTAL = 100_000  # plausible bound for one cell: no organisation has more clients

_CIJFERS = re.compile(r"-?[0-9]+")  # a count is written with the plain digits 0-9 only
_DUIZENDTALLEN = re.compile(r"[0-9]{1,3}(?:[.\s\u00a0\u202f][0-9]{3})+")
_DECIMALE_KOMMA = re.compile(r"-?[0-9]+,[0-9]+")
_DECIMALE_PUNT = re.compile(r"-?[0-9]+\.[0-9]+")


def als_aantal(waarde, csv_tekst: bool = False) -> tuple[int | None, str | None, str | None]:
    """Read a count from a cell or CSV field: (value, None, None) or (None, rule, reason).

    Text counts must be plain decimal digits: thousands separators, exponents (`1e0`),
    underscores (`0_1`) and digits of other scripts are refused, never guessed. A count above
    `MAX_AANTAL` is refused as implausible (and can never overflow the store).
    """
    if waarde is None or (isinstance(waarde, str) and not waarde.strip()):
        return None, "cel_leeg", "de cel is leeg; vul 0 in als er geen cliënten zijn."
    if isinstance(waarde, bool):
        return None, "geen_getal", f"verwacht een heel getal van 0 of meer, gevonden '{waarde}'."
    if isinstance(waarde, (datetime, date, time)):
        gelezen = f"de datum {waarde:%d-%m-%Y}" if isinstance(waarde, date) else f"de tijd {waarde}"
        return (
            None,
            "datumnotatie",
            f"de cel heeft een datum- of tijdnotatie en wordt gelezen als {gelezen}; geef de cel "
            "de notatie 'Getal' (of 'Standaard') en vul het aantal opnieuw in.",
        )
    if isinstance(waarde, str):
        tekst = waarde.strip().replace("\u00a0", " ").strip()
        if tekst.startswith("#"):
            return None, "formulefout", f"de formule in deze cel geeft de foutwaarde {tekst}."
        if csv_tekst and _DECIMALE_KOMMA.fullmatch(tekst):
            return (
                None,
                "decimale_komma",
                (f"'{tekst}' is een getal met een decimale komma; een aantal is een heel getal."),
            )
        if _DUIZENDTALLEN.fullmatch(tekst):
            return (
                None,
                "duizendtallen",
                f"'{tekst}' bevat een scheidingsteken voor duizendtallen; schrijf een aantal "
                f"als gewone cijfers zonder punt of spatie ({re.sub(r'[^0-9]', '', tekst)}).",
            )
        if _CIJFERS.fullmatch(tekst):
            waarde = int(tekst)
        elif _DECIMALE_PUNT.fullmatch(tekst):
            waarde = float(tekst)
        else:
            return (
                None,
                "geen_getal",
                f"verwacht een heel getal van 0 of meer, gevonden '{tekst}'; "
                "schrijf alleen de cijfers 0 tot en met 9.",
            )
    if isinstance(waarde, float):
        if waarde != waarde or not waarde.is_integer():
            return (
                None,
                "gebroken_getal",
                (f"verwacht een heel getal, gevonden het gebroken getal {waarde}."),
            )
        if abs(waarde) > MAX_AANTAL:
            waarde = int(math.copysign(MAX_AANTAL + 1, waarde))  # no int of 1e300 digits
        else:
            waarde = int(waarde)
    if not isinstance(waarde, int):
        return None, "geen_getal", f"verwacht een heel getal van 0 of meer, gevonden '{waarde}'."
    if waarde < 0:
        return (
            None,
            "negatief_getal",
            (f"verwacht een heel getal van 0 of meer, gevonden het negatieve getal {waarde}."),
        )
    if waarde > MAX_AANTAL:
        return (
            None,
            "te_groot",
            f"een aantal boven {MAX_AANTAL:_}".replace("_", ".")
            + " in één cel is niet aannemelijk; controleer het getal.",
        )
    return waarde, None, None


def samengevat(meldingen: list[Melding], hoogstens: int = 3) -> list[Melding]:
    """The messages as a person reads them: one mistake repeated in many cells becomes one
    message with the count and the first places (the error report keeps every one)."""
    groepen: dict[tuple[str, str], list[Melding]] = {}
    for m in meldingen:
        groepen.setdefault((m.regel, m.ernst), []).append(m)
    uit = []
    for (regel, ernst), ms in groepen.items():
        if len(ms) <= hoogstens:
            uit += ms
            continue
        plekken = "; ".join(_plek(m) for m in ms[:hoogstens])
        tekst = f"{len(ms)} keer, onder meer {plekken}. De eerste: {ms[0].tekst}"
        uit.append(Melding(regel, tekst, bestand=ms[0].bestand, ernst=ernst))
    return uit


def _plek(m: Melding) -> str:
    """Where a message points, briefly: 'blad IPS cel B3' or 'regel 2'."""
    delen = [f"regel {m.regelnummer}"] if m.regelnummer else []
    if m.blad:
        delen.append(f"blad {m.blad}")
    if m.cel:
        delen.append(f"cel {m.cel}")
    elif m.regio:
        delen.append(f"regio {m.regio}")
    return " ".join(delen) or "het bestand"


def onleesbaar(naam: str, regel: str, tekst: str) -> Gelezen:
    """A delivery that could not be opened at all."""
    return Gelezen(
        naam,
        None,
        None,
        pd.DataFrame(columns=store.REGISTRATIE_KOLOMMEN),
        [Melding(regel, tekst, bestand=naam)],
    )


def lees_kwartaal(tekst: str) -> tuple[str | None, str | None]:
    """A quarter code from text, or (None, Dutch reason)."""
    try:
        p = Periode.lees(tekst)
    except PeriodeFout as exc:
        return None, str(exc)
    if p.soort != "kwartaal":
        return None, f"'{tekst}' is geen kwartaal; een aanlevering geldt voor één kwartaal."
    return p.code, None


def als_frame(rijen: list[dict], organisatie, periode) -> pd.DataFrame:
    """The tidy registration frame of a delivery."""
    data = pd.DataFrame(
        rijen, columns=["regio", "traject", "maat", "dimensie", "categorie", "waarde"]
    )
    data.insert(0, "organisatie", organisatie or "")
    data.insert(0, "periode", periode or "")
    data["waarde"] = data["waarde"].astype("int64")
    return data[store.REGISTRATIE_KOLOMMEN]


def lees_regio(ruw: str) -> tuple[str | None, str | None]:
    """The official region for a cell, or (None, Dutch reason with a suggestion)."""
    regio = regions.officiele_naam(ruw) if ruw else None
    if regio:
        return regio, None
    hint = regions.suggestie(ruw) if ruw else None
    tekst = f"onbekende arbeidsmarktregio '{ruw}'" if ruw else "de regionaam ontbreekt"
    return None, tekst + (f"; bedoelt u '{hint}'?" if hint else "; gebruik de officiële naam.")
