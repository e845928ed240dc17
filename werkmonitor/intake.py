"""Intake: read a delivery workbook, check it rule by rule, store it whole or not at all.

A delivery is parsed into a tidy frame (one row per region, traject, measure, breakdown) while
structural problems are collected as messages; then each rule in `REGELS` checks the frame.
Any error rejects the whole delivery: nothing is written to the store.
"""

from __future__ import annotations

import hashlib
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import pandas as pd
import pandera.pandas as pa
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from . import regions, store
from .periods import Periode, PeriodeFout
from .template import META_BLAD, REGIO_KOP, TOELICHTING_BLAD, TRAJECT_PER_BLAD
from .vocab import KOLOMMEN, TOTAAL, kolom_per_label


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

    def __str__(self) -> str:
        plaats = [f"bestand {self.bestand}"] if self.bestand else []
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
    rijen: dict[tuple[str, str], int] = field(default_factory=dict)  # (blad, regio) -> row


REGISTRATIE_SCHEMA = pa.DataFrameSchema(
    {
        "periode": pa.Column(str, pa.Check.str_matches(r"^\d{4}Q[1-4]$")),
        "organisatie": pa.Column(str, pa.Check.str_length(min_value=1)),
        "regio": pa.Column(str, pa.Check.isin(list(regions.REGIOS))),
        "traject": pa.Column(str, pa.Check.isin(list(TRAJECT_PER_BLAD.values()))),
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


def _als_geheel_getal(waarde) -> tuple[int | None, str | None]:
    """Read a count from a cell; returns (value, None) or (None, Dutch reason)."""
    if waarde is None or (isinstance(waarde, str) and not waarde.strip()):
        return None, "de cel is leeg; vul 0 in als er geen cliënten zijn"
    if isinstance(waarde, bool):
        return None, f"verwacht een heel getal van 0 of meer, gevonden '{waarde}'"
    if isinstance(waarde, str):
        tekst = waarde.strip()
        if tekst.startswith("#"):
            return None, f"de formule in deze cel geeft de foutwaarde {tekst}"
        if tekst.lstrip("-").isdigit():
            waarde = int(tekst)
        else:
            return None, f"verwacht een heel getal van 0 of meer, gevonden '{tekst}'"
    if isinstance(waarde, float):
        if not waarde.is_integer():
            return None, f"verwacht een heel getal, gevonden het gebroken getal {waarde}"
        waarde = int(waarde)
    if not isinstance(waarde, int):
        return None, f"verwacht een heel getal van 0 of meer, gevonden '{waarde}'"
    if waarde < 0:
        return None, f"verwacht een heel getal van 0 of meer, gevonden het negatieve getal {waarde}"
    return waarde, None


def lees_werkboek(pad: str | Path) -> Gelezen:
    """Parse a delivery workbook; structural problems become messages, never exceptions."""
    pad = Path(pad)
    naam = pad.name
    leeg = pd.DataFrame(columns=store.REGISTRATIE_KOLOMMEN)

    def fout(regel: str, tekst: str, **kw) -> Melding:
        return Melding(regel, tekst, bestand=naam, **kw)

    if not pad.exists() or pad.stat().st_size == 0:
        return Gelezen(naam, None, None, leeg, [fout("leeg_bestand", "het bestand is leeg.")])
    if not zipfile.is_zipfile(pad):
        tekst = "dit is geen Excel-werkboek (.xlsx); gebruik het sjabloon van de werkmonitor."
        return Gelezen(naam, None, None, leeg, [fout("geen_xlsx", tekst)])
    try:
        wb = load_workbook(pad, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for damaged files
        tekst = f"het werkboek kan niet worden geopend ({type(exc).__name__}); is het beschadigd?"
        return Gelezen(naam, None, None, leeg, [fout("onleesbaar", tekst)])
    try:
        return _lees_open_werkboek(wb, naam, fout)
    finally:
        wb.close()


def _lees_meta(wb, fout) -> tuple[dict[str, str], list[Melding]]:
    """Read the hidden '_meta' sheet into a dict."""
    if META_BLAD not in wb.sheetnames:
        return {}, [
            fout(
                "meta_ontbreekt",
                "het verborgen blad '_meta' ontbreekt; gebruik het sjabloon van de werkmonitor.",
            )
        ]
    meta = {}
    for rij in wb[META_BLAD].iter_rows(values_only=True):
        if rij and rij[0]:
            meta[str(rij[0]).strip()] = "" if len(rij) < 2 or rij[1] is None else str(rij[1])
    meldingen = []
    for sleutel in ("organisatie", "periode"):
        if not meta.get(sleutel):
            meldingen.append(fout("meta_ontbreekt", f"het blad '_meta' mist '{sleutel}'."))
    if meta.get("periode"):
        try:
            p = Periode.lees(meta["periode"])
            if p.soort != "kwartaal":
                raise PeriodeFout(f"'{meta['periode']}' is geen kwartaal")
            meta["periode"] = p.code
        except PeriodeFout as exc:
            meldingen.append(fout("periode_onbekend", str(exc)))
    return meta, meldingen


def _lees_open_werkboek(wb, naam: str, fout) -> Gelezen:
    """Parse an opened workbook: metadata, then every traject sheet."""
    meta, meldingen = _lees_meta(wb, fout)
    org, periode = meta.get("organisatie"), meta.get("periode")
    rijen: list[dict] = []
    rijnummers: dict[tuple[str, str], int] = {}
    bladen = [b for b in wb.sheetnames if b not in (META_BLAD, TOELICHTING_BLAD)]
    if not any(b in TRAJECT_PER_BLAD for b in bladen):
        meldingen.append(
            fout(
                "geen_trajectblad",
                f"het werkboek bevat geen enkel trajectblad ({', '.join(TRAJECT_PER_BLAD)}).",
            )
        )
    for blad in bladen:
        if blad not in TRAJECT_PER_BLAD:
            meldingen.append(
                fout(
                    "blad_onbekend",
                    f"onbekend tabblad; verwacht een van: {', '.join(TRAJECT_PER_BLAD)}.",
                    blad=blad,
                )
            )
            continue
        meldingen += _lees_blad(wb[blad], blad, TRAJECT_PER_BLAD[blad], rijen, rijnummers, fout)
    data = pd.DataFrame(rijen, columns=[c for c in store.REGISTRATIE_KOLOMMEN if c != "periode"])
    data.insert(0, "periode", periode or "")
    data["organisatie"] = org or ""
    data["waarde"] = data["waarde"].astype("int64")
    return Gelezen(naam, org, periode, data[store.REGISTRATIE_KOLOMMEN], meldingen, rijnummers)


def _lees_blad(ws, blad, traject, rijen, rijnummers, fout) -> list[Melding]:
    """Parse one traject sheet into `rijen`; returns the messages."""
    meldingen: list[Melding] = []
    waarden = list(ws.iter_rows(values_only=True))
    if not waarden or not waarden[0] or str(waarden[0][0] or "").strip() != REGIO_KOP:
        return [fout("kop_ontbreekt", f"de eerste cel (A1) moet '{REGIO_KOP}' zijn.", blad=blad)]
    kop = [str(c).strip() if c is not None else "" for c in waarden[0]]
    bekend = kolom_per_label(traject)
    kolommen = {}
    for j, label in enumerate(kop[1:], start=1):
        if not label:
            continue
        if label in bekend:
            kolommen[j] = bekend[label]
        else:
            meldingen.append(
                fout(
                    "kolom_onbekend",
                    "deze kolom hoort niet bij dit traject.",
                    blad=blad,
                    kolom=label,
                    cel=f"{get_column_letter(j + 1)}1",
                )
            )
    for label in bekend:
        if label not in kop:
            meldingen.append(
                fout("kolom_ontbreekt", "deze kolom ontbreekt.", blad=blad, kolom=label)
            )
    for i, rij in enumerate(waarden[1:], start=2):
        if not rij or all(c is None or str(c).strip() == "" for c in rij):
            continue
        ruw = str(rij[0] or "").strip()
        regio = regions.officiele_naam(ruw) if ruw else None
        if regio is None:
            hint = regions.suggestie(ruw) if ruw else None
            tekst = f"onbekende arbeidsmarktregio '{ruw}'" if ruw else "de regionaam ontbreekt"
            tekst += f"; bedoelt u '{hint}'?" if hint else "; gebruik de officiële naam."
            meldingen.append(fout("regio_onbekend", tekst, blad=blad, cel=f"A{i}"))
            continue
        if (blad, regio) in rijnummers:
            meldingen.append(
                fout(
                    "regio_dubbel",
                    f"deze regio staat ook al in rij {rijnummers[(blad, regio)]}.",
                    blad=blad,
                    regio=regio,
                    cel=f"A{i}",
                )
            )
            continue
        rijnummers[(blad, regio)] = i
        for j, kolom in kolommen.items():
            waarde, reden = _als_geheel_getal(rij[j] if j < len(rij) else None)
            if reden:
                meldingen.append(
                    fout(
                        "geen_geldig_aantal",
                        reden,
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
                    "organisatie": "",
                    "waarde": waarde,
                }
            )
    return meldingen


# --- rules on the parsed frame ------------------------------------------------------------

Regel = Callable[[Gelezen], list[Melding]]

# (maat of the total, dimensie of its breakdown): breakdowns that must add up to the total.
SOMREGELS = [
    ("lopend", "financiering"),
    ("lopend", "type"),
    ("lopend", "stadium"),
    ("beeindigd", "stadium"),
    ("beeindigd", "uitstroom"),
    ("beeindigd", "resultaat"),
]

# (smaller, larger, Dutch wording): per region and traject, smaller may not exceed larger.
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
]


def _totalen(g: Gelezen) -> pd.DataFrame:
    """Per region and traject the unsplit totals of every measure, as columns."""
    t = g.data[g.data["dimensie"] == TOTAAL]
    return t.pivot_table(index=["traject", "regio"], columns="maat", values="waarde", aggfunc="sum")


def regel_uitsplitsing_telt_op(g: Gelezen) -> list[Melding]:
    """Breakdowns (financing, IPS type and stage, outflow) add up to their total."""
    uit = []
    d = g.data
    for maat, dim in SOMREGELS:
        deel = d[(d["maat"] == maat) & (d["dimensie"] == dim)]
        if deel.empty:
            continue
        som = deel.groupby(["traject", "regio"])["waarde"].sum()
        totaal = d[(d["maat"] == maat) & (d["dimensie"] == TOTAAL)].set_index(["traject", "regio"])[
            "waarde"
        ]
        for (traject, regio), s in som.items():
            t = totaal.get((traject, regio))
            if t is not None and s != t:
                uit.append(
                    Melding(
                        "uitsplitsing_telt_niet_op",
                        f"de uitsplitsing naar {dim} telt op tot {s}, "
                        f"maar het totaal '{maat}' is {t}.",
                        bestand=g.bestand,
                        blad=_blad(traject),
                        regio=regio,
                        cel=f"rij {g.rijen.get((_blad(traject), regio), '?')}",
                    )
                )
    return uit


def regel_volgorde(g: Gelezen) -> list[Melding]:
    """Paid work within running, sustainable within paid, ever-worked at least paid-now."""
    uit = []
    tot = _totalen(g)
    for klein, groot, tekst in ORDEREGELS:
        if klein not in tot or groot not in tot:
            continue
        te_groot = tot[tot[klein] > tot[groot]]
        for (traject, regio), r in te_groot.iterrows():
            uit.append(
                Melding(
                    "onmogelijke_verhouding",
                    f"{tekst} ({int(r[klein])} tegen {int(r[groot])}).",
                    bestand=g.bestand,
                    blad=_blad(traject),
                    regio=regio,
                    cel=f"rij {g.rijen.get((_blad(traject), regio), '?')}",
                )
            )
    return uit


def _blad(traject: str) -> str:
    """Sheet name of a traject."""
    return {v: k for k, v in TRAJECT_PER_BLAD.items()}[traject]


REGELS: list[Regel] = [regel_uitsplitsing_telt_op, regel_volgorde]


def controleer(g: Gelezen) -> list[Melding]:
    """All messages for a parsed delivery: parsing problems first, then every rule."""
    if any(m.ernst == "fout" for m in g.meldingen):
        return list(g.meldingen)
    meldingen = list(g.meldingen)
    for regel in REGELS:
        meldingen += regel(g)
    return meldingen


@dataclass
class Resultaat:
    """Outcome of reading one file."""

    bestand: str
    status: str  # 'geaccepteerd', 'al_ingelezen' or 'afgewezen'
    levering_id: int | None
    meldingen: list[Melding]


def inlezen(
    pad: str | Path,
    con,
    ontvangen_op: datetime | None = None,
) -> Resultaat:
    """Validate one delivery file and store it whole, or reject it whole.

    Reading a file that is already stored changes nothing (status 'al_ingelezen').
    """
    pad = Path(pad)
    sha = sha256_van(pad) if pad.exists() else ""
    bestaand = store.al_ingelezen(con, sha) if sha else None
    if bestaand is not None:
        return Resultaat(pad.name, "al_ingelezen", bestaand, [])
    gelezen = lees_werkboek(pad)
    meldingen = controleer(gelezen)
    if not any(m.ernst == "fout" for m in meldingen):
        try:
            REGISTRATIE_SCHEMA.validate(gelezen.data, lazy=True)
        except pa.errors.SchemaErrors as exc:
            meldingen.append(
                Melding("schema", f"interne controle faalde: {exc.failure_cases}", bestand=pad.name)
            )
    if any(m.ernst == "fout" for m in meldingen):
        return Resultaat(pad.name, "afgewezen", None, meldingen)
    lev = store.Levering(
        gelezen.organisatie,
        gelezen.periode,
        str(pad),
        sha,
        ontvangen_op or datetime.now().replace(microsecond=0),
    )
    lid = store.sla_levering_op(con, lev, gelezen.data)
    return Resultaat(pad.name, "geaccepteerd", lid, meldingen)
