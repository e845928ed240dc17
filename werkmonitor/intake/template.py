"""The Excel delivery format: one workbook per organisation per quarter.

Layout: a sheet 'Toelichting' with instructions; one sheet per traject the organisation
delivers (named by `TRAJECT_LABELS`), with a header row ('Arbeidsmarktregio' and the Tabel
B3.1 wording of every measure) and a row per region; a hidden sheet '_meta' with the template
version, organisation and period.
"""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path
from zipfile import ZIP_DEFLATED, ZIP_STORED, ZipFile, ZipInfo

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.writer.excel import ExcelWriter

from werkmonitor.periods import Periode
from werkmonitor.regions import REGIOS_MET_ONBEKEND
from werkmonitor.vocab import TRAJECT_LABELS, TRAJECTEN, kolommen_voor

SJABLOONVERSIE = "1"
META_BLAD = "_meta"
REGIOLIJST_BLAD = "_regios"
ORGANISATIE_LABEL = "Organisatie"
PERIODE_LABEL = "Periode"
TOELICHTING_BLAD = "Toelichting"
REGIO_KOP = "Arbeidsmarktregio"
BLAD_PER_TRAJECT = {t: TRAJECT_LABELS[t] for t in TRAJECT_LABELS if t != "totaal"}
TRAJECT_PER_BLAD = {v: k for k, v in BLAD_PER_TRAJECT.items()}

_TOELICHTING = [
    "Aanlevering landelijke werkmonitor Hoofdzaak Werk",
    "",
    "Vul per traject (elk tabblad) voor iedere arbeidsmarktregio waar uw organisatie actief is",
    "de aantallen cliënten in over het kwartaal van deze aanlevering.",
    "Alleen hele getallen van 0 of meer. Vul 0 in als er geen cliënten zijn; laat geen cel leeg.",
    "Uitsplitsingen (financiering, type, stadium, uitstroom) tellen op tot hun totaal.",
    "Een regio toevoegen: voeg onderaan een rij toe met de officiële naam van de regio.",
    "Cliënten van wie u de arbeidsmarktregio niet weet: zet ze op een rij 'Regio onbekend'.",
    "Wijzig de namen van tabbladen en kolommen niet.",
]
ORGANISATIE_RIJ = len(_TOELICHTING) + 2  # the rows of organisation and period on the sheet


def schrijf_werkboek(
    pad: str | Path,
    organisatie: str,
    periode: str,
    bladen: dict[str, pd.DataFrame],
) -> Path:
    """Write a delivery workbook.

    `bladen` maps a traject code to a frame with one row per region (index: region name)
    and one column per (maat, dimensie, categorie) key of that traject; missing keys or
    NaN values are left as empty input cells (a blank template).
    """
    pad = Path(pad)
    wb = Workbook()
    uitleg = wb.active
    uitleg.title = TOELICHTING_BLAD
    for i, regel in enumerate(_TOELICHTING, start=1):
        uitleg.cell(row=i, column=1, value=regel)
    uitleg["A1"].font = Font(bold=True, size=14)
    uitleg.column_dimensions["A"].width = 100
    uitleg.column_dimensions["B"].width = 40
    for i, (label, waarde) in enumerate(
        [(ORGANISATIE_LABEL, organisatie), (PERIODE_LABEL, periode)], start=ORGANISATIE_RIJ
    ):
        uitleg.cell(row=i, column=1, value=label).font = Font(bold=True)
        uitleg.cell(row=i, column=2, value=waarde)

    for traject, frame in bladen.items():
        _schrijf_blad(wb, traject, frame)

    lijst = wb.create_sheet(REGIOLIJST_BLAD)
    for i, regio in enumerate(REGIOS_MET_ONBEKEND, start=1):
        lijst.cell(row=i, column=1, value=regio)
    lijst.sheet_state = "hidden"

    meta = wb.create_sheet(META_BLAD)
    for i, (k, v) in enumerate(
        [
            ("sjabloonversie", SJABLOONVERSIE),
            ("organisatie", organisatie),
            ("periode", periode),
            ("trajecten", ",".join(bladen)),
        ],
        start=1,
    ):
        meta.cell(row=i, column=1, value=k)
        meta.cell(row=i, column=2, value=v)
    meta.sheet_state = "hidden"
    pad.parent.mkdir(parents=True, exist_ok=True)
    bewaar_vast(wb, pad, _moment(periode))
    return pad


def _moment(periode: str) -> datetime:
    """The date a workbook for `periode` carries: the first day after the period (not the
    clock, so that the same content gives the same file)."""
    laatste = Periode.lees(periode).kwartalen()[-1]
    jaar, maand = (
        (laatste.jaar + 1, 1) if laatste.nummer == 4 else (laatste.jaar, 3 * laatste.nummer + 1)
    )
    return datetime(jaar, maand, 1)


def bewaar_vast(wb: Workbook, pad: Path, moment: datetime) -> None:
    """Save `wb` with `moment` as its creation and modification date and as the time of
    every part of the zip, instead of the clock (openpyxl's `save` stamps both): the same
    content gives the same bytes."""
    wb.properties.created = wb.properties.modified = moment
    buffer = io.BytesIO()
    with ZipFile(buffer, "w", ZIP_STORED) as tijdelijk:  # compressed once, below
        ExcelWriter(wb, tijdelijk).write_data()
    stempel = moment.timetuple()[:6]
    with ZipFile(buffer) as bron, ZipFile(pad, "w", ZIP_DEFLATED) as doel:
        for info in bron.infolist():
            vast = ZipInfo(info.filename, date_time=stempel)
            vast.compress_type = ZIP_DEFLATED
            vast.external_attr = info.external_attr
            doel.writestr(vast, bron.read(info.filename))


def _schrijf_blad(wb: Workbook, traject: str, frame: pd.DataFrame) -> None:
    """Add one traject sheet: header, a row per region, whole-number validation."""
    ws = wb.create_sheet(BLAD_PER_TRAJECT[traject])
    kolommen = kolommen_voor(traject)
    kop_stijl = Font(bold=True)
    vulling = PatternFill("solid", fgColor="DDEBF7")
    ws.cell(row=1, column=1, value=REGIO_KOP).font = kop_stijl
    ws.column_dimensions["A"].width = 34
    for j, kolom in enumerate(kolommen, start=2):
        c = ws.cell(row=1, column=j, value=kolom.label)
        c.font, c.fill = kop_stijl, vulling
        c.alignment = Alignment(wrap_text=True, vertical="top")
        ws.column_dimensions[get_column_letter(j)].width = 22
    ws.row_dimensions[1].height = 90
    ws.freeze_panes = "B2"
    # the frame's values in the sheet's column order, as plain numbers (NaN: left empty)
    sleutels = [k.sleutel for k in kolommen]
    aanwezig = [k for k in sleutels if k in frame.columns]
    waarden = frame.reindex(columns=aanwezig).to_numpy(dtype="float64", na_value=float("nan"))
    plek = {k: i for i, k in enumerate(aanwezig)}
    for i, (regio, rij) in enumerate(zip(frame.index, waarden, strict=True), start=2):
        ws.cell(row=i, column=1, value=regio)
        for j, sleutel in enumerate(sleutels, start=2):
            w = rij[plek[sleutel]] if sleutel in plek else float("nan")
            if w == w:  # not NaN
                ws.cell(row=i, column=j, value=int(w))
    laatste = get_column_letter(len(kolommen) + 1)
    dv = DataValidation(
        type="whole",
        operator="greaterThanOrEqual",
        formula1="0",
        showErrorMessage=True,
        errorTitle="Ongeldige waarde",
        error="Vul een heel getal van 0 of meer in.",
    )
    dv.add(f"B2:{laatste}200")
    ws.add_data_validation(dv)
    regiokeuze = DataValidation(
        type="list",
        formula1=f"={REGIOLIJST_BLAD}!$A$1:$A${len(REGIOS_MET_ONBEKEND)}",
        showErrorMessage=True,
        errorTitle="Onbekende regio",
        error="Kies een arbeidsmarktregio uit de lijst.",
    )
    regiokeuze.add("A2:A200")
    ws.add_data_validation(regiokeuze)


def maak_sjabloon(
    pad: str | Path, organisatie: str, periode: str, trajecten: list[str], regios: list[str]
) -> Path:
    """A blank delivery template: the organisation's trajects, a row per active region."""
    onbekend = [t for t in trajecten if t not in TRAJECTEN]
    if onbekend:
        raise ValueError(
            f"Onbekend traject: {', '.join(onbekend)}; kies uit {', '.join(TRAJECTEN)}."
        )
    leeg = pd.DataFrame(index=pd.Index(list(regios), name="regio"))
    bladen = {t: leeg for t in TRAJECTEN if t in trajecten}
    return schrijf_werkboek(pad, organisatie, periode, bladen)
