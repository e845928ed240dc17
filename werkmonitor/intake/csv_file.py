"""Reading a delivery as a long CSV file (the tidy columns) into a parsed delivery."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd

from werkmonitor import store
from werkmonitor.intake.parsed import (
    Gelezen,
    Melding,
    als_aantal,
    als_frame,
    lees_kwartaal,
    lees_regio,
    onleesbaar,
)
from werkmonitor.intake.template import REGIO_KOP, TRAJECT_PER_BLAD
from werkmonitor.vocab import KOLOMMEN, TOTAAL, TRAJECTEN, kolommen_voor

CSV_KOLOMMEN = store.REGISTRATIE_KOLOMMEN  # a CSV delivery has the tidy columns


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
        return onleesbaar(naam, "leeg_bestand", "het bestand is leeg.")
    kop = [k.strip().lower() for k in regels[0]]
    ontbreekt = [k for k in CSV_KOLOMMEN if k not in kop]
    if ontbreekt and kop and kop[0] == REGIO_KOP.lower():
        return onleesbaar(
            naam,
            "csv_van_een_blad",
            "dit lijkt een CSV-export van één tabblad van het werkboek; daarin ontbreken "
            "organisatie, periode en de andere trajecten. Lever het hele werkboek (.xlsx) aan.",
        )
    if ontbreekt:
        return onleesbaar(
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
        g.periode, fout = lees_kwartaal(periode)
        if fout:
            meldingen.append(Melding("periode_onbekend", fout, bestand=naam))
    meldingen += _csv_volledig(rijen, naam, gezien)
    g.meldingen = meldingen
    g.data = als_frame(rijen, g.organisatie, g.periode)
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
    regio, reden = lees_regio(veld["regio"])
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


def _csv_volledig(rijen: list[dict], naam: str, gezien: dict[tuple, int]) -> list[Melding]:
    """Every measure of a traject must be present for each region that the CSV names.

    A measure whose line is there but whose value was refused (`gezien`) is not missing: its
    own message says what is wrong, and a second one would mislead."""
    aanwezig: dict[tuple[str, str], set] = {}
    for r in rijen:
        aanwezig.setdefault((r["traject"], r["regio"]), set()).add(
            (r["maat"], r["dimensie"], r["categorie"])
        )
    for traject, regio, *sleutel in gezien:
        if (traject, regio) in aanwezig:
            aanwezig[(traject, regio)].add(tuple(sleutel))
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
