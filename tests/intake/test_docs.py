"""docs/aanleveren.md shows real messages: the example is rebuilt and read in here."""

import re

from openpyxl import load_workbook

from werkmonitor.cli import main
from werkmonitor.intake import rules
from werkmonitor.paths import PROJECT
from werkmonitor.vocab import kolommen_voor

ROOT = PROJECT
GIDS = ROOT / "docs" / "aanleveren.md"

INGEVULD = {
    ("lopend", "totaal", "totaal"): 30,
    ("lopend", "financiering", "uwv"): 10,
    ("lopend", "financiering", "gemeente"): 15,
    ("lopend", "financiering", "overig"): 5,
    ("lopend", "type", "epa"): 20,
    ("lopend", "type", "cmd"): 10,
    ("lopend", "stadium", "goedgekeurd"): 30,
    ("beeindigd", "totaal", "totaal"): 4,
    ("beeindigd", "stadium", "goedgekeurd"): 4,
    ("beeindigd", "uitstroom", "met_betaald_werk"): 2,
    ("beeindigd", "uitstroom", "nooit_gewerkt"): 2,
    ("betaald_werk", "totaal", "totaal"): 12,
    ("betaald_werk", "financiering", "uwv"): 4,
    ("betaald_werk", "financiering", "gemeente"): 6,
    ("betaald_werk", "financiering", "overig"): 2,
    ("betaald_werk", "type", "epa"): 8,
    ("betaald_werk", "type", "cmd"): 4,
    ("duurzaam_betaald_werk", "totaal", "totaal"): 8,
    ("duurzaam_betaald_werk", "financiering", "gemeente"): 8,
    ("duurzaam_betaald_werk", "type", "epa"): 8,
    ("ooit_betaald_werk", "totaal", "totaal"): 14,
    ("ooit_betaald_werk", "financiering", "uwv"): 5,
    ("ooit_betaald_werk", "financiering", "gemeente"): 7,
    ("ooit_betaald_werk", "financiering", "overig"): 2,
    ("gestart_betaald_werk", "totaal", "totaal"): 2,
    ("duur_tot_eerste_baan", "duur", "minder_dan_3_mnd"): 5,
    ("duur_tot_eerste_baan", "duur", "meer_dan_9_mnd"): 9,
    ("opleiding", "totaal", "totaal"): 3,
}


def test_example_messages_in_the_guide_are_what_the_intake_says(registreer, tmp_path, capsys):
    pad = tmp_path / "noorderlicht_2026Q1.xlsx"
    db = str(tmp_path / "s.duckdb")
    main(
        [
            "sjabloon",
            "--organisatie",
            "GGZ Noorderlicht",
            "--periode",
            "2026Q1",
            "--uitvoer",
            str(pad),
            "--trajecten",
            "ips",
            "--regios",
            "Groningen;Drenthe",
            "--db",
            db,
        ]
    )
    wb = load_workbook(pad)
    ws = wb["IPS"]
    kolommen = kolommen_voor("ips")
    for rij in (2, 3):
        for j, k in enumerate(kolommen, start=2):
            ws.cell(row=rij, column=j, value=INGEVULD.get(k.sleutel, 0))
    ws["A4"] = "Fryslan"
    for j in range(2, len(kolommen) + 2):
        ws.cell(row=4, column=j, value=0)
    ws["C2"] = 12
    ws.cell(row=3, column=[k.maat for k in kolommen].index("opleiding") + 2, value=2.5)
    wb.save(pad)
    capsys.readouterr()
    registreer(db, "GGZ Noorderlicht")
    assert main(["inlezen", str(pad), "--db", db]) == 1
    uitvoer = capsys.readouterr().out.splitlines()
    tekst = GIDS.read_text(encoding="utf-8")
    blok = re.search(r"<!-- voorbeeld-begin -->\n```text\n(.*?)```", tekst, re.S).group(1)
    verwacht = blok.strip("\n").splitlines()
    assert [r for r in uitvoer if not r.strip().startswith("Foutrapport")] == verwacht


def test_every_rule_is_documented():
    tekst = GIDS.read_text(encoding="utf-8")
    codes = {r.naam for r in rules.REGELS}
    bron = "".join(
        f.read_text(encoding="utf-8")
        for f in sorted((ROOT / "werkmonitor" / "intake").glob("*.py"))
    )
    codes |= set(re.findall(r'Melding\(\s*"([a-z_]+)"', bron))
    codes |= set(re.findall(r'onleesbaar\(\s*naam,\s*"([a-z_]+)"', bron))
    codes |= set(re.findall(r'None,\s*"([a-z_]+)"', bron))
    ontbreekt = sorted(c for c in codes if f"`{c}`" not in tekst and c != "schema")
    assert ontbreekt == []
