"""Indicator tables for people who take the numbers with them: an Excel workbook with an
explanation sheet, or CSV that Dutch Excel opens without mangling. Files are written whole or
not at all (a temporary file beside the target, then renamed)."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Font

from werkmonitor.indicators.table import GETALKOLOMMEN
from werkmonitor.paths import schrijf_heel

# what each column of an indicator table means (the explanation sheet of a workbook)
UITLEG = {
    "periode": "de periode: kwartaal (2025Q4), halfjaar (2025H2) of jaar (2025)",
    "niveau": "landelijk, regio, organisatie of organisatie_regio",
    "eenheid": "de regio of organisatie (leeg bij landelijk)",
    "traject": "ips, wabz, jobcoaching, uwv_werkfit, uwv_naar_werk, overig, of totaal",
    "maat": "wat er geteld is (lopend, gestart, beeindigd, betaald_werk, ...)",
    "dimensie": "de uitsplitsing (totaal als er niet is uitgesplitst)",
    "categorie": "de categorie binnen de uitsplitsing",
    "grootheid": "aantal (cliënten) of procent",
    "waarde": "het kengetal in deze periode",
    "periode_vorige": "de vorige periode",
    "waarde_vorige": "het kengetal in de vorige periode",
    "verschil_vorige": "waarde min waarde_vorige (bij percentages: procentpunten)",
    "procent_vorige": "het verschil als percentage van waarde_vorige",
    "periode_jaar_eerder": "dezelfde periode een jaar eerder",
    "waarde_jaar_eerder": "het kengetal een jaar eerder",
    "verschil_jaar_eerder": "waarde min waarde_jaar_eerder (bij percentages: procentpunten)",
    "procent_jaar_eerder": "het verschil als percentage van waarde_jaar_eerder",
    "gegevens": "waar de cijfers vandaan komen: aanleveringen, of synthetische demodata",
}


def schrijf_excel(tabel: pd.DataFrame, pad: Path, titel: str, synthetisch: bool) -> Path:
    """An .xlsx workbook: sheet 'kengetallen' (numbers as numbers, text never read as a
    formula) and sheet 'toelichting' (what the file is and what each column means)."""

    def schrijf(doel: Path) -> None:
        wb = Workbook()
        blad = wb.active
        blad.title = "kengetallen"
        blad.append(list(tabel.columns))
        for cel in blad[1]:
            cel.font = Font(bold=True)
        for rij in tabel.itertuples(index=False):
            blad.append([None if pd.isna(v) else v for v in rij])
        for rij in blad.iter_rows(min_row=2):
            for cel in rij:
                if isinstance(cel.value, str):
                    cel.data_type = "s"  # a leading '=' stays text
        blad.freeze_panes = "A2"
        uitleg = wb.create_sheet("toelichting")
        uitleg.append([titel])
        uitleg["A1"].font = Font(bold=True)
        if synthetisch:
            uitleg.append(["Let op: synthetische demodata, geen echte aanleveringen."])
        uitleg.append([])
        uitleg.append(["kolom", "betekenis"])
        for kolom in tabel.columns:
            uitleg.append([kolom, UITLEG.get(kolom, "")])
        wb.save(doel)

    return schrijf_heel(pad, schrijf)


def schrijf_csv(tabel: pd.DataFrame, pad: Path, nl: bool = False) -> Path:
    """CSV: by default comma-separated with a decimal point (for programs); with `nl` for
    Dutch Excel: ';' between fields, a decimal comma and a byte-order mark."""

    def schrijf(doel: Path) -> None:
        if nl:
            met_komma(tabel).to_csv(doel, index=False, sep=";", encoding="utf-8-sig")
        else:
            tabel.to_csv(doel, index=False)

    return schrijf_heel(pad, schrijf)


def met_komma(tabel: pd.DataFrame) -> pd.DataFrame:
    """A copy with a decimal comma in the number columns (waarde, verschil_*, procent_*),
    whether they hold numbers or the text of `table.voor_export`."""
    uit = tabel.copy()
    for kolom in uit.columns:
        if kolom.startswith(GETALKOLOMMEN):
            tekst = uit[kolom].map(lambda x: "" if pd.isna(x) else str(x))
            uit[kolom] = tekst.str.replace(".", ",", regex=False)
    return uit


# what the columns of the numbers behind a report's figures and tables mean
UITLEG_RAPPORT = {
    "traject": "het soort traject naar werk",
    "periode": "de periode (K4 2025: kwartaal 4 van 2025)",
    "groep": "de groep waarover het percentage gaat",
    "categorie": "de categorie van de uitsplitsing",
    "financiering": "wie het traject betaalt",
    "soort": "het soort traject of de uitsplitsing",
    "regio": "de arbeidsmarktregio",
    "aantal": "aantal cliënten",
    "lopend": "aantal lopende trajecten (cliënten) in de periode",
    "gestart": "aantal gestarte trajecten in de periode",
    "beeindigd": "aantal beëindigde trajecten in de periode",
    "procent": "percentage (één decimaal, zoals in het rapport)",
    "waarde": "het getal zoals de figuur het toont",
    "maat": "wat er geteld is: lopend, gestart of beëindigd",
    "kwartaal": "het kwartaal (K4 2025: kwartaal 4 van 2025)",
    "lopend_ips": "lopende IPS-trajecten",
    "lopend_niet_ips": "lopende trajecten anders dan IPS",
    "gestart_ips": "gestarte IPS-trajecten",
    "gestart_niet_ips": "gestarte trajecten anders dan IPS",
    "pct_beeindigd_met_resultaat": "percentage van de beëindigde trajecten met beoogd resultaat",
    "aantal_aanbieders": "aantal organisaties met trajecten in de regio",
    "procent_met_beoogd_resultaat": "percentage van de beëindigde trajecten met beoogd resultaat",
}
_DOWNLOAD = re.compile(r"\[Download de cijfers van ([^\]]+?) \(CSV\)\]\((cijfers/[0-9a-f]+\.csv)\)")


def cijfers_per_hoofdstuk(map_: Path, notebooks: list[Path]) -> list[tuple[str, list]]:
    """Per chapter notebook (in order) the tables whose numbers the report offers for
    download: (chapter title, [(name such as 'Figuur 1a', table), ...])."""
    from werkmonitor.publish.rendering import lees_notebook

    uit = []
    for pad in notebooks:
        nb = lees_notebook(pad)
        tekst = "\n".join(
            o.get("data", {}).get("text/markdown", "")
            for c in nb.cells
            if c.cell_type == "code"
            for o in c.get("outputs", [])
        )
        bronnen = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown") + tekst
        kop = re.search(r"^#{1,2}\s+(.+?)\s*(?:\{.*\})?$", bronnen, re.M)
        tabellen = [
            (naam, pd.read_csv(map_ / csv, keep_default_na=True))
            for naam, csv in dict.fromkeys(_DOWNLOAD.findall(tekst))
        ]
        if tabellen:
            uit.append((kop.group(1).strip() if kop else pad.stem, tabellen))
    return uit


def _bladnaam(titel: str, gebruikt: set[str]) -> str:
    """A sheet name Excel accepts (≤ 31 characters, no []:*?/\\), unique in the workbook."""
    naam = re.sub(r"[\[\]:*?/\\]", " ", titel)[:31].strip() or "blad"
    basis, i = naam, 2
    while naam.lower() in gebruikt:
        naam = f"{basis[:28]} {i}"
        i += 1
    gebruikt.add(naam.lower())
    return naam


def schrijf_rapportcijfers(
    hoofdstukken: list[tuple[str, list]], pad: Path, titel: str, synthetisch: bool
) -> Path:
    """The numbers behind a report's figures and tables as one workbook: a sheet per chapter
    (each table under its name, as in the report: hidden cells empty), and a sheet
    'toelichting' (what the file is, whether the data are synthetic, what each column
    means). The same numbers give the same bytes."""
    from datetime import datetime

    from werkmonitor.intake.template import bewaar_vast

    def schrijf(doel: Path) -> None:
        wb = Workbook()
        uitleg = wb.active
        uitleg.title = "toelichting"
        uitleg.append([titel])
        uitleg["A1"].font = Font(bold=True)
        uitleg.append(["De cijfers achter de figuren en tabellen van het rapport, per hoofdstuk."])
        if synthetisch:
            uitleg.append(["Let op: synthetische demodata, geen echte aanleveringen."])
        uitleg.append([])
        uitleg.append(["kolom", "betekenis"])
        uitleg[uitleg.max_row][0].font = uitleg[uitleg.max_row][1].font = Font(bold=True)
        kolommen: dict[str, None] = {}
        gebruikt = {"toelichting"}
        for kop, tabellen in hoofdstukken:
            blad = wb.create_sheet(_bladnaam(kop, gebruikt))
            for naam, tabel in tabellen:
                blad.append([naam])
                blad[blad.max_row][0].font = Font(bold=True)
                blad.append(list(tabel.columns))
                for rij in tabel.itertuples(index=False):
                    blad.append([None if pd.isna(v) else v for v in rij])
                blad.append([])
                kolommen.update(dict.fromkeys(tabel.columns))
        for kolom in kolommen:
            uitleg.append([kolom, UITLEG_RAPPORT.get(kolom, "zie de figuur of tabel")])
        bewaar_vast(wb, doel, datetime(2000, 1, 1))

    return schrijf_heel(pad, schrijf)
