"""The built reports: key sentences with their numbers (computed from the store, never copied
from the seeds), every figure with caption and alt text, the checks page, the annual chapters."""

import re

import pytest

from werkmonitor import store
from werkmonitor.getallen import afronden
from werkmonitor.indicators.table import indicatoren, waarde
from werkmonitor.paths import PROJECT
from werkmonitor.periods import Periode
from werkmonitor.publish import batch
from werkmonitor.report import algemeen, bijlagen, duiding, kwartaal
from werkmonitor.report import regios as rr
from werkmonitor.report import trajecten as rt
from werkmonitor.report.text import aandeel, getal, getal_met_aandeel, procent

ROOT = PROJECT


def _tekst(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))


@pytest.fixture(scope="module")
def kwartaalpagina(kwartaalrapport):
    return kwartaalrapport, kwartaalrapport.html.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def land(demo_db):
    with store.open_store(demo_db, alleen_lezen=True) as con:
        reg = store.registraties(con)
    return indicatoren(reg, "2025Q4")


def test_quarterly_report_has_every_figure_with_caption_and_alt_text(kwartaalpagina):
    uit, html = kwartaalpagina
    tekst = _tekst(html)
    for nummer in (
        "1a",
        "1b",
        "2a",
        "2b",
        "3a",
        "3b",
        "4",
        "5a",
        "5b",
        "6",
        "7",
        "8",
        "9",
        "10",
        "11",
        "12",
    ):
        assert f"Figuur {nummer}." in tekst, nummer
    # each figure is a file beside the page, referred to, not inlined as base64
    bronnen = re.findall(r'<img src="([^"]+)"', html)
    assert len(bronnen) == 16 and "data:image" not in html
    for src in bronnen:
        assert src.startswith("figuren/") and src.endswith(".svg"), src
        assert b"<svg" in (uit.html.parent / src).read_bytes()[:1000], src
    alts = re.findall(r'<img src="[^"]+"\s+alt="([^"]*)"', html)
    assert len(alts) == 16 and all(len(a) > 20 for a in alts), alts
    # abbreviations and quarters as the text writes them: IPS, UWV, K4 2025
    assert not [a for a in alts if re.search(r"\b(ips|uwv|k[1-4] 20\d\d)\b", a)], alts
    assert any("IPS" in a for a in alts) and any("K4 2025" in a for a in alts)
    assert "<IPython" not in html and "import " not in tekst
    assert uit.pdf.read_bytes()[:5] == b"%PDF-"
    for kop in (
        "Resultaten IPS-trajecten",
        "Resultaten jobcoaching",
        "Resultaten UWV Werkfit en Naar Werk",
        "Resultaten Werk als Beste Zorg",
        "Resultaten overige trajecten naar werk",
        "Conclusies en aanbevelingen",
        "Bijlage 1. Verschillen tussen de trajecten",
    ):
        assert kop in tekst, kop


def test_key_sentences_carry_the_computed_numbers(kwartaalpagina, land):
    tekst = _tekst(kwartaalpagina[1])

    def w(*a, **k):
        return waarde(land, *a, **k)

    lopend = w("totaal", "lopend")
    assert f"In kwartaal 4 van 2025 werden {getal(lopend)} mensen" in tekst
    bw = w("ips", "betaald_werk")
    pct = w("ips", "betaald_werk", grootheid="procent")
    assert (
        f"hadden {getal(bw)} cliënten ({procent(pct)} van de lopende IPS-trajecten) betaald"
        in tekst
    )
    eind, behoud = (
        w("jobcoaching", "beeindigd"),
        w("jobcoaching", "beeindigd", "uitstroom", "met_betaald_werk"),
    )
    assert f"eindigden {getal_met_aandeel(behoud, eind)} met behoud van werk" in tekst
    met = w("werkfit", "beeindigd", "resultaat", "met_beoogd_resultaat")
    zonder = w("werkfit", "beeindigd", "resultaat", "zonder_beoogd_resultaat")
    assert f"UWV Werkfit: {getal_met_aandeel(met, met + zonder)} met beoogd resultaat" in tekst
    v = w("ips", "lopend") - w("ips", "lopend", kolom="waarde_vorige")
    richting = "daling" if v < 0 else "stijging"
    assert f"een {richting} van {getal(abs(v))} cliënten" in tekst
    gedaan = "gedaald" if v < 0 else "gestegen"
    assert f"Het aantal lopende IPS-trajecten is dus {gedaan} ten opzichte van kwartaal 3" in tekst
    onbetaald = sum(
        w("ips", "onbetaald_werk", "soort", c)
        for c in ("proefplaatsing", "vrijwilligerswerk_wep", "arbeidsmatige_dagbesteding")
    )
    assert f"samen {procent(aandeel(onbetaald, w('ips', 'lopend')))} van de lopende IPS" in tekst
    kort = ("ips", "duur_tot_eerste_baan", "duur", "minder_dan_3_mnd")
    pp = afronden(w(*kort, grootheid="procent"), 1) - afronden(
        w(*kort, grootheid="procent", kolom="waarde_vorige"), 1
    )
    richting = "daling" if pp < 0 else "stijging"
    assert (
        f"Het aandeel binnen 3 maanden laat een {richting} van {getal(abs(pp), 1)} procentpunt "
        "ten opzichte van kwartaal 3 van 2025 zien." in tekst
    )


def test_researchers_text_appears_in_its_place(kwartaalpagina):
    tekst = _tekst(kwartaalpagina[1])
    secties = duiding.lees("2025Q4", ROOT)
    assert "aanbevelingen" in secties
    eerste = re.sub(r"\s+", " ", secties["aanbevelingen"].splitlines()[0].lstrip("- "))
    assert eerste[:60] in tekst
    assert "Duiding door de onderzoekers:" in tekst


def test_without_duiding_file_conclusions_are_generated(demo_db):
    k = kwartaal.laad("2025Q3", db=demo_db)
    assert duiding.lees("2025Q3", ROOT) == {}
    tekst = duiding.conclusies(k)
    assert f"volgden **{getal(k.w())}** cliënten een traject naar werk" in tekst


def test_checks_page_shows_reconciliations_and_every_published_difference(demo_db, project):
    uit = batch.rapport_controle(
        Periode.lees("2025Q4"), db=demo_db, projectmap=project, meld=lambda _t: None
    )
    tekst = _tekst(uit.html.read_text(encoding="utf-8"))
    assert "Delen en totalen" in tekst and "Vergelijking met de gepubliceerde cijfers" in tekst
    m = re.search(
        r"Van de (\S+) gepubliceerde getallen .*? komen er (\S+) overeen .*? (\S+) wijken af", tekst
    )
    assert m is not None
    assert m.group(3) == "19"  # the documented items of docs/methoden.md (test_demo_ijking)
    assert "A1-A4" in tekst and "Let op: synthetische gegevens." in tekst
    # the printed changes between two periods (gepubliceerde_veranderingen.csv)
    m = re.search(r"Van de (\S+) veranderingen .*? geven de berekende cijfers er (\S+):", tekst)
    assert m is not None and m.groups() == ("50", "44")
    assert "J13: D5: niet mogelijk naast Tabel 3.1" in tekst
    assert re.search(r"Van de 6 gedrukte aandelen met een eigen noemer .*? er 6 ", tekst)
    # chapter 3's statements: the printed text against its own table and the store
    assert re.search(r"Uitspraken over de regio.s \(hoofdstuk 3 van het jaarrapport\)", tekst)
    assert re.search(r"Van de 13 uitspraken over de regio.s .*? volgen er 7 uit de eigen", tekst)


def test_checks_page_audits_the_privacy_of_the_regional_reports(demo_db):
    """The checks page says how many numbers the regional reports show and hide, and that
    no hidden small count follows from what they show: for a quarter also through its
    flows; the counts are those of the cube's suppressed table."""
    from werkmonitor.indicators.kubus import Kubus
    from werkmonitor.report import controle

    k = Kubus.van(demo_db)
    uit = k.tabel("2025Q4", "regio", onderdrukt=True)
    tel = uit[(uit["grootheid"] == "aantal") & (uit["maat"] != "aantal_organisaties")]
    tekst = controle.privacy_tekst(k, "2025Q4")
    assert tekst.startswith(
        f"De regiorapporten tonen **{getal((tel['onderdrukt'] == '').sum())}** aantallen en "
        f"verbergen er **{getal((tel['onderdrukt'] == 'primair').sum())}** omdat ze klein "
        f"zijn en **{getal((tel['onderdrukt'] == 'secundair').sum())}** om die te beschermen."
    )
    assert "Geen verborgen klein aantal volgt exact uit de optellingen van delen tot hun " in (
        tekst
    )
    assert "en de stromen van het kwartaal" in tekst
    jaar = controle.privacy_tekst(k, "2024")
    assert "Geen verborgen klein aantal" in jaar and "stromen" not in jaar


def test_annual_chapters_for_a_year(demo_db):
    k = kwartaal.laad("2024", db=demo_db)
    assert [n for n, _p in kwartaal.eerdere_perioden(k)] == ["vorige"]
    assert "ten opzichte van 2023" in algemeen.algemene_resultaten(k)
    assert "2023" in rt.aantallen(k, "wabz") and "*" in rt.aantallen(k, "wabz")  # from 2023Q3
    assert "Bijlage 3. Toelichting op de berekeningen" in bijlagen.bijlage_methoden()
    r = rr.laad("2024", db=demo_db)
    top = r.nu.sort_values(["lopend", "regio"], ascending=[False, True]).iloc[0]
    lijsten = rr.ranglijsten(r)
    assert f"Meeste lopende trajecten in 2024: {top.regio} ({getal(top.lopend)})" in lijsten
    assert "Tabel 3.1. Resultaten per arbeidsmarktregio, 2023 en 2024." in rr.tabel(r)


def test_annual_overview_chapters(demo_db):
    from werkmonitor.report import jaar as rj
    from werkmonitor.report import jaar_tekst as jt

    pp = rj.laad("2024", db=demo_db)
    ph = rj.laad("2024", db=demo_db, halfjaren=True)
    a, b = pp.perioden
    tekst = jt.lopend(pp, ph)
    assert (
        f"In totaal hadden in 2024 **{getal(pp.w(b))}** cliënten een lopend traject, tegen "
        f"**{getal(pp.w(a))}** in 2023" in tekst
    )
    assert "Per half jaar (Figuur B1.1 in Bijlage 2)" in tekst
    eind = pp.w(b, maat="beeindigd")
    met = pp.w(b, maat="beeindigd", dimensie="resultaat", categorie="met_beoogd_resultaat")
    assert f"in 2024 **{getal(eind)}**, van wie **{getal_met_aandeel(met, eind)}**" in (
        jt.afronding(pp)
    )
    assert "Tabel 1.4." in rj.tabel_resultaat(pp)
    assert "Figuur 1.1." in rj.figuur_lopend(pp) and "*" in rj.figuur_lopend(pp)
    assert [p.code for p in ph.perioden] == ["2023H1", "2023H2", "2024H1", "2024H2"]
    assert "Figuur B1.1." in rj.bijlage_2(ph)


def test_rising_level_and_falling_trajects_by_hand():
    """Three trajects over two years: +10%, +1% (level: under 2%) and -20%."""
    import pandas as pd

    from werkmonitor.periods import Periode
    from werkmonitor.report import jaar as rj
    from werkmonitor.report import jaar_tekst as jt

    def tabel(ips, werkfit, naar_werk):
        rijen = [("ips", ips), ("werkfit", werkfit), ("naar_werk", naar_werk)]
        return pd.DataFrame(
            [(t, "lopend", "totaal", "totaal", "aantal", w, "") for t, w in rijen],
            columns=["traject", "maat", "dimensie", "categorie", "grootheid", "waarde", "eenheid"],
        )

    pp = rj.Perioden(
        [Periode.lees("2023"), Periode.lees("2024")],
        {"2023": tabel(100, 200, 50), "2024": tabel(110, 202, 40)},
        synthetisch=False,
    )
    groepen = jt.indeling(pp, ("ips", "werkfit", "naar_werk"))
    assert groepen == {
        "gestegen": ["IPS (10; 10,0%)"],
        "gelijk": ["UWV Werkfit"],
        "gedaald": ["UWV Naar Werk (10; 20,0%)"],
    }
    assert jt.indeling_zin(groepen, "het aantal lopende trajecten", "2023") == (
        "Ten opzichte van 2023 is het aantal lopende trajecten gestegen bij IPS (10; 10,0%), "
        "nagenoeg gelijk gebleven bij UWV Werkfit en gedaald bij UWV Naar Werk (10; 20,0%)."
    )


def test_course_over_half_years_by_hand():
    """Rising every half year, falling from its registration on (2023H2), and up and down."""
    import pandas as pd

    from werkmonitor.periods import Periode
    from werkmonitor.report import jaar as rj
    from werkmonitor.report import jaar_tekst as jt

    reeksen = {"ips": [10, 12, 15, 20], "jobcoaching": [0, 30, 25, 20], "werkfit": [5, 7, 6, 8]}
    codes = ["2023H1", "2023H2", "2024H1", "2024H2"]
    tabellen = {
        code: pd.DataFrame(
            [(t, "lopend", "totaal", "totaal", "aantal", w[i], "") for t, w in reeksen.items()],
            columns=["traject", "maat", "dimensie", "categorie", "grootheid", "waarde", "eenheid"],
        )
        for i, code in enumerate(codes)
    }
    ph = rj.Perioden([Periode.lees(c) for c in codes], tabellen, synthetisch=False)
    assert [jt.verloop(ph, t) for t in reeksen] == ["gestegen", "gedaald", "wisselend"]
    assert jt.verloop_zin(ph, "Figuur B1.1", trajecten=tuple(reeksen)) == (
        "Per half jaar (Figuur B1.1 in Bijlage 2) steeg het aantal elk half jaar bij IPS, daalde "
        "het elk half jaar bij jobcoaching en ging het op en neer bij UWV Werkfit."
    )


def test_the_public_regional_table_hides_what_privacy_hides(demo_db):
    import base64

    from werkmonitor.indicators import privacy

    r = rr.laad("2024", db=demo_db)
    # the data have small counts per region (the rankings still use them) ...
    klein = {
        (regio, k)
        for k in ("lopend_ips", "lopend_niet_ips", "gestart_ips", "gestart_niet_ips")
        for regio in r.nu.loc[privacy.primair(r.nu[k]), "regio"]
    }
    assert len(klein) >= 5
    # ... which neither the table nor its download shows
    tekst = rr.tabel(r)
    csv = base64.b64decode(re.search(r"data:text/csv;base64,([^)]+)\)", tekst).group(1)).decode()
    rijen = {(x.split(",")[0], x.split(",")[1]): x.split(",") for x in csv.splitlines()[1:]}
    kop = csv.splitlines()[0].split(",")
    for regio, k in klein:
        assert rijen[(regio, "2024")][kop.index(k)] == "", (regio, k)
    for regel in tekst.splitlines():
        if regel.startswith("| ") and not regel.startswith("| Arbeidsmarktregio"):
            cellen = [c.strip() for c in regel.strip("|").split("|")[1:7]]
            getallen = [g.strip() for c in cellen for g in c.split("/")]
            assert not [g for g in getallen if g in ("1", "2", "3", "4")], regel


def test_bijlage_3_is_written_for_readers_with_table_b3_1():
    from werkmonitor.vocab import KOLOMMEN

    tekst = bijlagen.bijlage_methoden()
    assert tekst.startswith("## Bijlage 3. Toelichting op de berekeningen")
    for punt in range(1, 9):
        assert f"**{punt}. " in tekst  # each point of the published Bijlage 3, in words
    # no code, functions or tests in the report's appendix (those are in docs/methoden.md)
    assert "methods." not in tekst and "tests/" not in tekst and "`" not in tekst
    rijen = [r for r in tekst.splitlines() if r.startswith("| ") and "Uitkomst" not in r]
    assert len(rijen) == len({(k.maat, k.dimensie) for k in KOLOMMEN})  # one per breakdown
    assert (
        "| Duur van het huidige dienstverband | duur: minder dan 6 maanden; 6 tot 12 maanden; "
        "meer dan 12 maanden | Jobcoaching |" in rijen
    )
    assert "| Aantal cliënten in een begeleidingstraject | totaal | alle trajecten |" in rijen
    assert tekst.rstrip().endswith("worden niet aangeleverd maar berekend (regel 1).")


def test_annual_conclusions_say_each_thing_once_and_hide_what_tabel_3_1_hides(demo_db):
    tekst = duiding.conclusiesectie("2024", db=demo_db)
    punten = [r for r in tekst.splitlines() if r.startswith("- ")]
    assert len(punten) == len(set(punten)) >= 10
    # the share ended with the intended result and the share with paid work: once each
    assert sum("beoogde resultaat" in p for p in punten) == 1
    assert sum("had betaald werk" in p for p in punten) == 1
    r = rr.laad("2024", db=demo_db)
    _eerder, getoond = r.tabelrijen()
    regio, n = re.search(r"in ([^,]+?) (\d[\d.]*)\.$", punten[-1]).groups()
    rij = getoond[getoond["regio"] == regio].iloc[0]
    assert getal(rij.lopend_ips + rij.lopend_niet_ips) == n  # a count the table shows
    verborgen = getoond[getoond["lopend_ips"].isna() | getoond["lopend_niet_ips"].isna()]
    assert not verborgen.empty and regio not in set(verborgen["regio"])


def test_series_breaks_are_marked(demo_db):
    from werkmonitor.report import jaar, jaar_tekst

    pp = jaar.laad("2024", db=demo_db)
    noot = jaar_tekst.breuk_gestart(pp)
    assert noot.startswith(
        "**Breuk in de reeks:** gestart in 2023 telt bij IPS, UWV Werkfit en UWV Naar Werk drie "
        "kwartalen en bij WABZ, jobcoaching en de overige trajecten één kwartaal."
    )
    assert noot in jaar_tekst.gestart(pp)
    assert "(een breuk in de reeks: zie paragraaf 1.2)." in "\n".join(jaar_tekst.conclusies(pp))
    assert jaar_tekst.breuk_gestart(jaar.laad("2025", db=demo_db)) == ""  # 2024 and 2025 whole
    # paid work of all trajects together: the marked note on its base, in every report
    for periode in ("2024", "2025Q4"):
        tekst = algemeen.algemene_resultaten(kwartaal.laad(periode, db=demo_db))
        assert "%¹ van de" in tekst and f"¹ {algemeen.BREUK_BETAALD_WERK}" in tekst
        # the notes are numbered in the order their marks appear: durable work second
        assert "duurzaam betaald werk²." in tekst
        assert f"² {algemeen.DUURZAAM_BETAALD_WERK}" in tekst
        assert tekst.index("¹") < tekst.index("²") and "\x00" not in tekst
    # ever worked over a year is an average per quarter: no share of the year's total
    jaartekst = algemeen.algemene_resultaten(kwartaal.laad("2024", db=demo_db))
    regel = next(r for r in jaartekst.splitlines() if "ooit betaald gewerkt" in r)
    assert regel.startswith("- Gemiddeld per kwartaal hadden **") and "%" not in regel


def test_annual_introduction_announces_chapter_3(demo_db):
    k = kwartaal.laad("2024", db=demo_db)
    tekst = algemeen.inleiding(k) + algemeen.leeswijzer(k)
    assert "Hoofdstuk 3 vergelijkt de arbeidsmarktregio's" in tekst
    assert "Cijfers per regio" not in tekst and "Regionale uitkomsten gaan apart" not in tekst
    kwartaaltekst = algemeen.inleiding(kwartaal.laad("2025Q4", db=demo_db))
    assert "Cijfers per regio en per organisatie staan niet in dit rapport." in kwartaaltekst


def test_tabel_3_1_shows_the_unknown_region_last_and_never_ranks_it(demo_db):
    from werkmonitor.regions import ONBEKEND

    r = rr.laad("2024", db=demo_db)
    assert ONBEKEND not in set(r.nu["regio"]) and len(r.nu) == 35
    tabel = rr.tabel(r)
    rijen = [x for x in tabel.splitlines() if x.startswith("| ") and "Arbeidsmarktregio" not in x]
    assert len(rijen) == 36 and rijen[-1].startswith(f"| *{ONBEKEND}* |")
    onbekend = r.onbekend[1].iloc[0]
    n = onbekend.lopend_ips + onbekend.lopend_niet_ips
    assert f"In 2024 ging het om **{getal(n)}** lopende trajecten." in tabel
    assert ONBEKEND not in rr.ranglijsten(r)
    # with the regions it makes the national number of running trajects of the year
    land = kwartaal.laad("2024", db=demo_db).w()
    assert float(r.nu["lopend"].sum() + n) == pytest.approx(land)


def test_each_report_has_one_section_on_provisional_and_revised_figures(project):
    """The annual report had the section twice (chapters 01 and 05 both printed it)."""
    import nbformat

    from werkmonitor.periods import Periode
    from werkmonitor.publish.batch import hoofdstukken

    for code in ("2025Q4", "2025H2", "2025"):
        namen = hoofdstukken(Periode.lees(code), project)
        bronnen = [
            cel.source
            for n in namen
            for cel in nbformat.read(project / "notebooks" / n, as_version=4).cells
        ]
        assert sum("herzien.sectie(" in b for b in bronnen) == 1, code


def test_an_annual_report_says_its_year_is_final_not_its_last_quarter(demo_db):
    """The annual report's 'Voorlopige en herziene cijfers' names the year, and why it is
    final: its last quarter, whose deadline is the last (it said 'De cijfers over kwartaal
    4 van 2024 zijn definitief' in the report over 2024)."""
    from werkmonitor.report import herzien

    tekst = herzien.sectie("2024", demo_db)
    assert (
        "De cijfers over 2024 zijn definitief: ook over het laatste kwartaal, kwartaal 4 van "
        "2024, hebben alle deelnemende organisaties aangeleverd." in tekst
    )
    assert "De cijfers over kwartaal 4 van 2025 zijn definitief: alle deelnemende" in (
        herzien.sectie("2025Q4", demo_db)
    )


def test_the_conclusions_list_trajects_as_a_sentence(demo_db):
    """'meer lopende trajecten bij IPS, WABZ, jobcoaching en de overige trajecten': a list in
    running text ends with 'en', and the common nouns have no capital (it read 'bij IPS,
    WABZ, Jobcoaching, Overige trajecten')."""
    gezien = 0
    for k in [kwartaal.laad("2025Q4", db=demo_db), kwartaal.laad("2024", db=demo_db)]:
        for regel in duiding.conclusies(k).splitlines():
            if regel.startswith("- Ten opzichte van"):
                for deel in re.findall(r"bij ([^;.]+)", regel):
                    gezien += 1
                    assert "," not in deel or " en " in deel, regel
                    assert "Jobcoaching" not in deel and "Overige" not in deel, regel
    assert gezien >= 2


def test_the_general_results_say_what_they_are_compared_with(demo_db):
    """A quarter is compared with the quarter before and the same quarter a year earlier,
    a year only with the year before (the notebook said 'en, bij een kwartaal, …' in every
    report)."""
    kw = algemeen.algemene_resultaten(kwartaal.laad("2025Q4", db=demo_db)).splitlines()[0]
    jaar = algemeen.algemene_resultaten(kwartaal.laad("2024", db=demo_db)).splitlines()[0]
    assert kw.endswith(
        "vergeleken met het kwartaal ervoor en met hetzelfde kwartaal een jaar eerder."
    )
    assert jaar.endswith("vergeleken met het jaar ervoor.")


def test_the_annual_conclusions_say_the_change_of_education_as_a_sentence(demo_db):
    """'Het aantal IPS-cliënten met een opleiding laat een stijging van … zien.' (it read
    'Het aantal IPS-cliënten met een opleiding: een stijging van …')."""
    from werkmonitor.report import jaar, jaar_tekst

    regels = jaar_tekst.conclusies(jaar.laad("2024", db=demo_db))
    opleiding = [r for r in regels if "opleiding" in r]
    assert len(opleiding) == 1
    assert re.fullmatch(
        r"- Het aantal IPS-cliënten met een opleiding laat een (stijging|daling) van [\d.]+ "
        r"cliënten? \(\d+,\d%\) ten opzichte van 2023 zien\.",
        opleiding[0],
    ), opleiding
