"""Reading a delivery workbook (.xlsx made from the template) into a parsed delivery."""

from __future__ import annotations

import io
import zipfile
from dataclasses import replace
from pathlib import Path
from xml.etree import ElementTree

import msoffcrypto
import pandas as pd
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from python_calamine import CalamineWorkbook

from werkmonitor.intake.parsed import (
    Gelezen,
    Melding,
    als_aantal,
    als_frame,
    lees_kwartaal,
    lees_regio,
    onleesbaar,
)
from werkmonitor.intake.template import (
    BLAD_PER_TRAJECT,
    META_BLAD,
    ORGANISATIE_LABEL,
    PERIODE_LABEL,
    REGIO_KOP,
    REGIOLIJST_BLAD,
    TOELICHTING_BLAD,
    TRAJECT_PER_BLAD,
)
from werkmonitor.vocab import TRAJECTEN, kolom_per_label


def lees_werkboek(pad: str | Path) -> Gelezen:
    """Parse a delivery workbook."""
    pad = Path(pad)
    naam = pad.name
    if not pad.exists() or pad.stat().st_size == 0:
        return onleesbaar(naam, "leeg_bestand", "het bestand is leeg.")
    with open(pad, "rb") as f:
        kop = f.read(8)
    if kop.startswith(b"\xd0\xcf\x11\xe0"):
        with open(pad, "rb") as f:
            try:
                versleuteld = msoffcrypto.OfficeFile(f).is_encrypted()
            except Exception:
                versleuteld = False
        if versleuteld:
            return onleesbaar(
                naam,
                "wachtwoord",
                "het werkboek is beveiligd met een wachtwoord; "
                "sla het op zonder wachtwoord en lever het opnieuw aan.",
            )
        return onleesbaar(
            naam,
            "geen_xlsx",
            "dit is een oud Excel-bestand (.xls); gebruik het sjabloon van de werkmonitor (.xlsx).",
        )
    if zipfile.is_zipfile(pad) and _is_opendocument(pad):
        g = lees_ods(pad)
        noot = Melding(
            "opendocument",
            "dit is een OpenDocument-werkblad (.ods, bijvoorbeeld uit LibreOffice) met de "
            "extensie .xlsx; het is gelezen als .ods.",
            bestand=naam,
            ernst="waarschuwing",
        )
        return replace(g, meldingen=[*g.meldingen, noot])
    if not zipfile.is_zipfile(pad):
        if kop.startswith(b"PK"):
            return onleesbaar(
                naam,
                "afgebroken",
                "het werkboek is onvolledig of beschadigd "
                "(afgebroken bestand); sla het opnieuw op en lever het opnieuw aan.",
            )
        return onleesbaar(
            naam,
            "geen_xlsx",
            "dit is geen Excel-werkboek (.xlsx); gebruik het sjabloon van de werkmonitor.",
        )
    try:
        wb = load_workbook(pad, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for damaged files
        return onleesbaar(
            naam,
            "onleesbaar",
            f"het werkboek kan niet worden geopend ({type(exc).__name__}); is het beschadigd?",
        )
    try:
        for ws in wb.worksheets:
            # the stored <dimension> may be stale (fewer rows than Excel shows): read-only
            # worksheets trust it unless it is reset, and would silently drop rows
            if hasattr(ws, "reset_dimensions"):
                ws.reset_dimensions()
        g = _formules_zonder_uitkomst(_lees_open_werkboek(wb, naam), pad)
        return replace(g, meldingen=[*g.meldingen, *_verborgen(pad, naam)])
    except (zipfile.BadZipFile, KeyError, OSError, EOFError) as exc:
        return onleesbaar(
            naam,
            "afgebroken",
            f"het werkboek is onvolledig of beschadigd "
            f"({type(exc).__name__}); sla het opnieuw op en lever het opnieuw aan.",
        )
    finally:
        wb.close()


_NS = {
    "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "p": "http://schemas.openxmlformats.org/package/2006/relationships",
}


def _verborgen(pad: Path, naam: str) -> list[Melding]:
    """Notes for hidden rows and filters on the traject sheets: every row is read all the
    same, but the sender may not know that (read from the sheets' XML)."""
    uit = []
    try:
        with zipfile.ZipFile(pad) as z:
            for blad, bestand in _bladbestanden(z).items():
                if blad not in TRAJECT_PER_BLAD:
                    continue
                xml = ElementTree.fromstring(z.read(bestand))
                verborgen = [
                    r.get("r")
                    for r in xml.iter(f"{{{_NS['m']}}}row")
                    if r.get("hidden") in ("1", "true")
                ]
                if verborgen:
                    tekst = f"rij {', '.join(verborgen)} is verborgen; die is wel meegeteld."
                    uit.append(_noot("verborgen_rijen", tekst, naam, blad))
                if xml.find("m:autoFilter", _NS) is not None:
                    tekst = "er staat een filter aan; ook de rijen die het verbergt zijn gelezen."
                    uit.append(_noot("filter_aan", tekst, naam, blad))
    except (KeyError, ElementTree.ParseError, zipfile.BadZipFile, OSError):
        return []  # the workbook was readable; these notes are a courtesy
    return uit


def _bladbestanden(z: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> the XML file in the package that holds the sheet."""
    boek = ElementTree.fromstring(z.read("xl/workbook.xml"))
    rels = ElementTree.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    doel = {r.get("Id"): r.get("Target") for r in rels.findall("p:Relationship", _NS)}
    uit = {}
    for blad in boek.findall("m:sheets/m:sheet", _NS):
        pad = doel[blad.get(f"{{{_NS['r']}}}id")].lstrip("/")
        uit[blad.get("name")] = pad if pad.startswith("xl/") else "xl/" + pad
    return uit


def _noot(regel: str, tekst: str, naam: str, blad: str) -> Melding:
    """A note (warning) about a sheet."""
    return Melding(regel, tekst, bestand=naam, blad=blad, ernst="waarschuwing")


def _formules_zonder_uitkomst(g: Gelezen, pad: Path) -> Gelezen:
    """Refused cells named by what the sender sees: an 'empty' cell that holds a formula
    without a stored result (a file written by a program that does not calculate) is named as
    that formula, and a fraction in a cell with a percentage format as a percentage."""
    cellen = [
        m
        for m in g.meldingen
        if m.regel in ("cel_leeg", "gebroken_getal") and m.blad and m.cel and " " not in m.cel
    ]
    if not cellen:
        return g
    wb = load_workbook(pad, read_only=True, data_only=False)
    try:
        gezien = {(m.blad, m.cel): wb[m.blad][m.cel] for m in cellen if m.blad in wb.sheetnames}
        inhoud = {k: (c.value, c.number_format) for k, c in gezien.items()}
    finally:
        wb.close()
    meldingen = []
    for m in g.meldingen:
        waarde, notatie = inhoud.get((m.blad, m.cel), (None, ""))
        if m.regel == "cel_leeg" and isinstance(waarde, str) and waarde.startswith("="):
            tekst = (
                f"in deze cel staat de formule {waarde} zonder bewaarde uitkomst; vul het aantal "
                "zelf in, of open het bestand in Excel of LibreOffice en sla het opnieuw op."
            )
            m = replace(m, regel="formule_zonder_uitkomst", tekst=tekst)
        elif m.regel == "gebroken_getal" and "%" in str(notatie):
            tekst = (
                f"de cel heeft een procentnotatie ('{notatie}') en bevat {waarde}; een aantal is "
                "een heel getal zonder %. Geef de cel de notatie 'Getal' en vul het aantal in."
            )
            m = replace(m, regel="procentnotatie", tekst=tekst)
        meldingen.append(m)
    return replace(g, meldingen=meldingen)


def _is_opendocument(pad: Path) -> bool:
    """Whether a zip file is an OpenDocument spreadsheet (its 'mimetype' entry says so)."""
    try:
        with zipfile.ZipFile(pad) as z:
            return z.read("mimetype").startswith(b"application/vnd.oasis.opendocument.spreadsheet")
    except (KeyError, zipfile.BadZipFile, OSError):
        return False


class _OdsBlad:
    """One sheet of an OpenDocument workbook, read the way the xlsx reader reads a sheet."""

    def __init__(self, rijen: list[list]):
        self._rijen = [tuple(None if v == "" else v for v in r) for r in rijen]

    def iter_rows(self, values_only: bool = True, max_col: int | None = None):
        """The rows as tuples of values (empty cells as None)."""
        for r in self._rijen:
            yield r[:max_col] if max_col else r


class _OdsWerkboek:
    """An OpenDocument workbook (read with calamine) with the interface the reader uses."""

    def __init__(self, pad: Path):
        with open(pad, "rb") as f:  # by content, not by extension (a renamed .ods)
            wb = CalamineWorkbook.from_filelike(io.BytesIO(f.read()))
        self.sheetnames = list(wb.sheet_names)
        self._bladen = {n: _OdsBlad(wb.get_sheet_by_name(n).to_python()) for n in self.sheetnames}
        self.worksheets = list(self._bladen.values())

    def __getitem__(self, naam: str) -> _OdsBlad:
        return self._bladen[naam]

    def close(self) -> None:
        """Nothing to close: the file was read whole."""


def lees_ods(pad: str | Path) -> Gelezen:
    """Parse a delivery saved as an OpenDocument spreadsheet (.ods): the same sheets, rules
    and messages as the xlsx template."""
    pad = Path(pad)
    try:
        wb = _OdsWerkboek(pad)
    except Exception as exc:  # calamine raises its own kinds for damaged files
        return onleesbaar(
            pad.name,
            "onleesbaar",
            f"het OpenDocument-werkblad kan niet worden geopend ({type(exc).__name__}); "
            "is het beschadigd? Sla het opnieuw op en lever het opnieuw aan.",
        )
    g = _lees_open_werkboek(wb, pad.name)
    return replace(g, meldingen=[*g.meldingen, *_verborgen_ods(pad, pad.name)])


_ODS = {
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
}


def _verborgen_ods(pad: Path, naam: str) -> list[Melding]:
    """The notes of `_verborgen` for an OpenDocument spreadsheet: rows LibreOffice hides
    (table:visibility 'collapsed', or 'filter' under an active filter) on the traject sheets."""
    tabel, rij_tag = f"{{{_ODS['table']}}}table", f"{{{_ODS['table']}}}table-row"
    naam_attr = f"{{{_ODS['table']}}}name"
    zicht, herhaald = f"{{{_ODS['table']}}}visibility", f"{{{_ODS['table']}}}number-rows-repeated"
    uit = []
    try:
        with zipfile.ZipFile(pad) as z, z.open("content.xml") as f:
            for _gebeurtenis, el in ElementTree.iterparse(f, events=("end",)):
                if el.tag != tabel:
                    continue
                blad = el.get(naam_attr)
                if blad in TRAJECT_PER_BLAD:
                    nummer, verborgen, gefilterd = 0, [], False
                    for rij in el.iter(rij_tag):
                        n = int(rij.get(herhaald, "1"))
                        if rij.get(zicht) in ("collapsed", "filter") and len(rij):
                            verborgen += [str(nummer + i + 1) for i in range(min(n, 50))]
                            gefilterd |= rij.get(zicht) == "filter"
                        nummer += n
                    if verborgen:
                        tekst = f"rij {', '.join(verborgen)} is verborgen; die is wel meegeteld."
                        uit.append(_noot("verborgen_rijen", tekst, naam, blad))
                    if gefilterd:
                        tekst = (
                            "er staat een filter aan; ook de rijen die het verbergt zijn gelezen."
                        )
                        uit.append(_noot("filter_aan", tekst, naam, blad))
                el.clear()
    except (KeyError, ElementTree.ParseError, zipfile.BadZipFile, OSError, ValueError):
        return []  # the workbook was readable; these notes are a courtesy
    return uit


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
        meta["periode"], fout = lees_kwartaal(meta["periode"])
        if fout:
            meldingen.append(Melding("periode_onbekend", fout, bestand=naam, blad=META_BLAD))
    return meta, meldingen


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
    g.data = als_frame(rijen, g.organisatie, g.periode)
    return g


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


def _lees_rij(rij, i, blad, traject, kolommen, rijen, g: Gelezen) -> list[Melding]:
    """Parse one region row of a traject sheet."""
    naam = g.bestand
    regio, reden = lees_regio(str(rij[0] or "").strip())
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
