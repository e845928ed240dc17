"""Quality reports per region and organisation: the chapter notebooks run with a `regio` or
`organisatie` parameter, suppression, comparison with national, and the national pages naming
no organisation."""

import math
import re

import pytest

from werkmonitor import store
from werkmonitor.cli import main
from werkmonitor.indicators import privacy
from werkmonitor.periods import Periode
from werkmonitor.publish import batch
from werkmonitor.regions import REGIOS, slug
from werkmonitor.report import eenheid, kwartaal
from werkmonitor.report.text import getal


@pytest.fixture(scope="module")
def registraties(demo_db):
    with store.open_store(demo_db, alleen_lezen=True) as con:
        return store.registraties(con, perioden=["2025Q3", "2025Q4"])


def _lopend(reg, **filter_):
    """Running clients in 2025Q4 straight from the registrations (all trajects)."""
    r = reg[(reg.periode == "2025Q4") & (reg.maat == "lopend") & (reg.dimensie == "totaal")]
    for kolom, waarde in filter_.items():
        r = r[r[kolom] == waarde]
    return int(r["waarde"].sum())


def _kleinste_organisatie(reg):
    r = reg[(reg.periode == "2025Q4") & (reg.maat == "lopend") & (reg.dimensie == "totaal")]
    per = r.groupby("organisatie")["waarde"].sum()
    per = per[per > 0]
    return per.sort_values(kind="stable").index[0]


def _tekst(pad):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", pad.read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def eenheden(demo_db, project, registraties):
    org = _kleinste_organisatie(registraties)
    uit = batch.rapporten_eenheden(
        Periode.lees("2025Q4"),
        ["Zeeland", "Groot Amsterdam"],
        [org],
        demo_db,
        project,
        lambda _t: None,
    )
    return org, uit


def test_reports_go_to_their_own_folders(eenheden, project):
    org, uit = eenheden
    assert [
        u.html.parent.relative_to(project / "reports" / "intern" / "2025Q4").as_posix() for u in uit
    ] == [
        "regio/zeeland",
        "regio/groot-amsterdam",
        f"organisatie/{slug(org)}",
    ]
    for u in uit:
        # the national chapter notebooks, run with the unit's parameter
        assert [n.name for n in u.notebooks] == [
            "01_algemene_resultaten.ipynb",
            "02_specifieke_resultaten.ipynb",
            "04_conclusies.ipynb",
            "09_bijlagen.ipynb",
        ]
        tekst = _tekst(u.html)
        assert "niet gepubliceerd" in tekst and "Let op: synthetische gegevens." in tekst
        assert "Vergelijking met de landelijke cijfers" in tekst
        assert u.pdf.read_bytes()[:5] == b"%PDF-"


def test_region_report_states_its_running_count(eenheden, registraties):
    _org, uit = eenheden
    n = _lopend(registraties, regio="Groot Amsterdam")
    assert n >= privacy.DREMPEL
    tekst = _tekst(uit[1].html)
    verwacht = f"In kwartaal 4 van 2025 werden in arbeidsmarktregio Groot Amsterdam {n:,}".replace(
        ",", "."
    )
    assert verwacht in tekst


def test_organisation_report_lists_its_regions(eenheden, registraties):
    org, uit = eenheden
    tekst = _tekst(uit[2].html)
    assert f"Kwaliteitsrapport organisatie {org}" in tekst
    regios = sorted(set(registraties[registraties.organisatie == org]["regio"]))
    assert "Per arbeidsmarktregio" in tekst
    for regio in regios:
        assert f"| {regio} " in tekst or f" {regio} " in tekst


def test_region_figures_hide_small_counts(demo_db):
    for regio in ("Zeeland", "Groot Amsterdam"):
        k = kwartaal.laad("2025Q4", db=demo_db, regio=regio)
        assert k.onderdrukt
        aantallen = k.tabel[
            (k.tabel.grootheid == "aantal") & (k.tabel.maat != "aantal_organisaties")
        ]
        getoond = aantallen["waarde"].dropna().astype(float)
        assert ((getoond == 0) | (getoond >= privacy.DREMPEL)).all(), regio
        verborgen = aantallen[aantallen["onderdrukt"] != ""]
        assert verborgen["waarde"].isna().all()
        # a hidden value reads as NaN, an absent one as None
        if not verborgen.empty:
            r = verborgen.iloc[0]
            assert math.isnan(k.w(r.traject, r.maat, r.dimensie, r.categorie))
        df = eenheid.kerncijfers_frame(k)
        getoond = df[["lopend", "gestart", "beeindigd"]].stack().dropna()
        assert ((getoond == 0) | (getoond >= privacy.DREMPEL)).all()


def _klein(reg) -> tuple[str, str, int]:
    """An organisation with a traject of 1-4 running clients in 2025Q4, and that count."""
    r = reg[(reg.periode == "2025Q4") & (reg.maat == "lopend") & (reg.dimensie == "totaal")]
    per = r.groupby(["organisatie", "traject"])["waarde"].sum()
    klein = per[(per > 0) & (per < privacy.DREMPEL)].sort_index()
    (org, traject), n = klein.index[0], int(klein.iloc[0])
    return org, traject, n


def test_an_organisation_sees_its_own_small_counts(demo_db, registraties):
    org, traject, n = _klein(registraties)
    k = kwartaal.laad("2025Q4", db=demo_db, organisatie=org)
    assert k.privacy and not k.onderdrukt  # its own quality report, nothing hidden
    assert k.w(traject) == n  # 1-4 clients: hidden in a region's report, shown here
    aantallen = k.tabel[k.tabel.grootheid == "aantal"]
    assert not aantallen["waarde"].isna().any()
    assert eenheid.kerncijfers_frame(k).loc[traject, "lopend"] == n
    assert "Het toont de eigen cijfers van de organisatie volledig" in kwartaal.kop(k)
    assert "'–'" not in kwartaal.kop(k)
    # its percentages on few clients too
    assert float(k.aandeel(1, 3)) == pytest.approx(100 / 3)


def test_an_organisation_sees_all_its_regions_adding_up_to_its_total(demo_db, registraties):
    gezien = 0
    for org in sorted(set(registraties["organisatie"]))[:12]:
        k = kwartaal.laad("2025Q4", db=demo_db, organisatie=org)
        df = eenheid.per_regio_frame(k)
        if len(df) < 3:
            continue
        gezien += 1
        assert not df.isna().any().any(), org
        for m in ("lopend", "gestart", "beeindigd"):
            assert df[m].drop("totaal").sum() == df.loc["totaal", m], (org, m)
    assert gezien > 0


def test_national_figures_are_the_comparison(demo_db):
    k = kwartaal.laad("2025Q4", db=demo_db, regio="Groot Amsterdam")
    landelijk = kwartaal.laad("2025Q4", db=demo_db)
    assert k.land() == landelijk.w() and k.w() != landelijk.w()
    assert kwartaal.laad("2025Q4", db=demo_db) is landelijk  # kept for the kernel's life


def test_the_comparison_figure_is_numbered_like_every_figure(demo_db):
    from werkmonitor.report import eenheid

    tekst = eenheid.figuur(kwartaal.laad("2025Q4", db=demo_db, regio="Groot Amsterdam"))
    assert "![Figuur 1c. Percentage beëindigd met beoogd resultaat, Groot Amsterdam en " in tekst
    assert "Download de cijfers van Figuur 1c (CSV)" in tekst


def test_unit_without_a_traject_says_so(demo_db, registraties):
    from werkmonitor.report import trajecten as rt

    reg = registraties[(registraties.periode == "2025Q4") & (registraties.maat == "lopend")]
    zonder_wabz = sorted(set(reg.organisatie) - set(reg[reg.traject == "wabz"].organisatie))[0]
    k = kwartaal.laad("2025Q4", db=demo_db, organisatie=zonder_wabz)
    assert rt.wabz(k) == f"{zonder_wabz} had in kwartaal 4 van 2025 geen WABZ-trajecten."
    assert rt.figuur_aantallen(k, "wabz", "9") == ""


def test_national_pages_name_no_organisation(kwartaalrapport):
    html = kwartaalrapport.html.read_text(encoding="utf-8")
    assert "Demo-ggz" not in html  # names no organisation
    assert "regio/" not in html and "organisatie/" not in html  # links to no quality report


def test_unknown_region_is_refused_in_dutch(demo_db, capsys):
    assert (
        main(["rapport", "--periode", "2025Q4", "--db", str(demo_db), "--regio", "Atlantis"]) == 2
    )
    assert "Onbekende arbeidsmarktregio: Atlantis." in capsys.readouterr().err


def test_no_quality_report_for_the_unknown_region(demo_db, capsys):
    from werkmonitor.cli import eenheden_in
    from werkmonitor.regions import ONBEKEND

    regios, _orgs = eenheden_in(Periode.lees("2025Q4"), demo_db)
    assert len(regios) == 35 and ONBEKEND not in regios  # --alle-regios: the 35 regions
    args = ["rapport", "--periode", "2025Q4", "--db", str(demo_db), "--regio", ONBEKEND]
    assert main(args) == 2
    fout = capsys.readouterr().err
    assert "Voor 'Regio onbekend' bestaat geen kwaliteitsrapport" in fout
    assert "Traceback" not in fout


def test_unit_without_data_is_refused_in_dutch(demo_db):
    with pytest.raises(store.StoreFout, match="geen gegevens van organisatie 'Demo-ggz Nergens'"):
        kwartaal.laad("2025Q4", db=demo_db, organisatie="Demo-ggz Nergens")


def test_unknown_organisation_is_refused_in_dutch(demo_db, capsys):
    args = ["rapport", "--periode", "2025Q4", "--db", str(demo_db), "--organisatie", "Ggz X"]
    assert main(args) == 2
    assert "Geen gegevens over kwartaal 4 van 2025 van organisatie Ggz X." in (
        capsys.readouterr().err
    )


def test_region_year_report_parts(demo_db):
    from werkmonitor.report import jaar as rj
    from werkmonitor.report import jaar_tekst as jt
    from werkmonitor.report import regios as rr

    r = rr.laad("2024", db=demo_db, regio="Twente")
    assert list(r.nu["regio"]) == ["Twente"]
    for kolom in ("lopend_ips", "lopend_niet_ips", "gestart_ips", "gestart_niet_ips"):
        w = r.nu[kolom].dropna()
        assert ((w == 0) | (w >= privacy.DREMPEL)).all()
    volgorde = r.alle.sort_values(["lopend", "regio"], ascending=[False, True])["regio"].tolist()
    plaats = volgorde.index("Twente") + 1
    assert f"staat Twente in 2024 op plaats **{plaats}** van de 35" in rr.ranglijsten(r)
    pp = rj.laad("2024", db=demo_db, regio="Twente")
    assert pp.privacy and "Per half jaar" not in jt.lopend(pp)  # no half years passed
    assert "In totaal hadden in 2024" in jt.lopend(pp)
    # Bijlage 2 of the region's year report shows the region's own half years
    ph = rj.laad("2024", db=demo_db, halfjaren=True, regio="Twente")
    ips = ph.w(ph.perioden[0], "ips")
    landelijk = rj.laad("2024", db=demo_db, halfjaren=True)
    assert ips != landelijk.w(landelijk.perioden[0], "ips")
    assert f"lopende trajecten: IPS H1 2023 {getal(ips)};" in rj.bijlage_2(ph)


def test_hidden_totals_read_as_sentences_not_as_dashes(demo_db):
    from werkmonitor.report import algemeen

    with store.open_store(demo_db, alleen_lezen=True) as con:
        orgs = store.organisaties(con)
    verborgen = 0
    for kw in [{"regio": r} for r in sorted(REGIOS)] + [{"organisatie": o} for o in orgs]:
        k = kwartaal.laad("2025Q4", db=demo_db, **kw)
        tekst = algemeen.algemene_resultaten(k)
        assert "**–**" not in tekst and "(–)" not in tekst and "– mensen" not in tekst, kw
        # notes numbered in the order they appear: ¹ always (durable work), ² only after it
        assert "¹" in tekst and ("²" not in tekst or tekst.index("¹") < tekst.index("²")), kw
        if kwartaal.verborgen(k.w()):
            verborgen += 1
            assert "hun totaal tonen we niet, omdat het kleine aantallen zou verraden" in tekst
            assert "Het totaal laat" not in tekst  # no change of a total that is not shown
            # no share of a hidden base, so no mark of its series break: durable work is ¹
            assert "²" not in tekst and f"¹ {algemeen.DUURZAAM_BETAALD_WERK}" in tekst
    assert verborgen > 0  # the demo has regions whose total is hidden


def _hoofdstuk_2_tekst(k) -> str:
    """The running text of chapter 2 (no figures, no tables) of `k`'s report."""
    from werkmonitor.report import trajecten as rt

    delen = [
        rt.ips_aantallen(k),
        rt.ips_werk(k),
        rt.uitstroom(k, "ips"),
        rt.jobcoaching(k),
        rt.dienstverband(k),
        rt.uwv(k),
        rt.uwv_resultaat(k),
        rt.wabz(k),
        rt.werkresultaten(k, "wabz"),
        rt.uitstroom_kort(k, "wabz"),
        rt.overig(k),
        rt.werkresultaten(k, "overig"),
        rt.uitstroom_kort(k, "overig"),
    ]
    return "\n\n".join(d for d in delen if d)


def test_hidden_numbers_in_chapter_2_read_as_words_not_as_dashes(demo_db):
    import re

    with store.open_store(demo_db, alleen_lezen=True) as con:
        orgs = store.organisaties(con)
    gezien = {"aantal": 0, "uitstroom": 0, "beide": 0}
    for kw in [{"regio": r} for r in sorted(REGIOS)] + [{"organisatie": o} for o in orgs]:
        k = kwartaal.laad("2025Q4", db=demo_db, **kw)
        tekst = _hoofdstuk_2_tekst(k)
        assert "**–**" not in tekst and "(–)" not in tekst, kw
        # and a region's report says so at its start (an organisation sees its own numbers)
        kop = kwartaal.kop(k)
        assert ("In de tekst heet een verborgen getal 'een niet getoond aantal'" in kop) == (
            "regio" in kw
        ), kw
        # and that it hides what the flows of the quarter would give away too (privacy._stromen)
        assert ("de lopende aantallen van dit en het vorige kwartaal" in kop) == ("regio" in kw)
        # no dash where a number belongs: '– cliënten', '- – met betaald werk', 'werden – door'
        assert not re.search(r"(^|[\s(])–[ \n]+(cliënten|met|zonder|werkt|door|van)\b", tekst), (
            kw,
            re.search(r".{60}–[ \n]+(cliënten|met|zonder|werkt|door|van)\b.{20}", tekst),
        )
        # a change that may not be shown is said once for both comparisons, not twice
        assert "(kleine aantallen) en geen te tonen" not in tekst, kw
        assert "(kleine aantallen) en niet te tonen" not in tekst, kw
        gezien["beide"] += (
            "geen te tonen verandering ten opzichte van kwartaal 3 van 2025 en kwartaal 4 van "
            "2024 (kleine aantallen)" in tekst
        )
        gezien["aantal"] += "een niet getoond aantal" in tekst
        gezien["uitstroom"] += "beëindigden en met welk resultaat, tonen we niet" in tekst
    assert min(gezien.values()) > 0, gezien  # the demo hides some of each


def test_a_figure_whose_bars_are_all_hidden_is_a_sentence(demo_db):
    """Figuur 2a and 2b (IPS by financing, by type) of a region whose counts are all hidden,
    or hidden and zero (no bar to draw): one sentence that says so, no empty figure; with a
    count to show, the figure."""
    from werkmonitor.report import trajecten as rt
    from werkmonitor.vocab import FINANCIERING, TYPE

    def leeg(k, dim, cats) -> bool:
        w = [k.w("ips", "lopend", dim, c) for c in cats]
        verborgen = [kwartaal.verborgen(x) for x in w]
        return any(verborgen) and all(v or not x for v, x in zip(verborgen, w, strict=True))

    weg = 0
    for regio in sorted(REGIOS):
        k = kwartaal.laad("2025Q4", db=demo_db, regio=regio)
        if not rt.heeft(k, "ips"):
            continue
        tekst = rt.figuur_2(k)
        per_fin, per_type = leeg(k, "financiering", FINANCIERING), leeg(k, "type", TYPE)
        zin = "*Figuur 2a (lopende IPS-trajecten naar financiering, kwartaal 4 van 2025) laten"
        assert (zin in tekst) == per_fin, regio
        assert ("*Figuur 2b (lopende IPS-trajecten naar type" in tekst) == per_type, regio
        assert tekst.count("![") == 2 - per_fin - per_type, regio
        weg += per_fin + per_type
    assert weg > 0  # the demo has such a region


def test_figure_3a_of_a_region_whose_percentages_are_all_hidden_is_a_sentence(demo_db, monkeypatch):
    """Figuur 3a (IPS paid work over the quarters): a hidden percentage is a gap in its line,
    never a quarter left out; all hidden is one sentence. Drechtsteden in the demo: before,
    an empty frame, an empty alt text and matplotlib's warning in the notebook."""
    from werkmonitor.report import trajecten as rt

    k = kwartaal.laad("2025Q4", db=demo_db, regio="Drechtsteden")
    maten = ("betaald_werk", "duurzaam_betaald_werk")
    pcts = [kwartaal.Kwartaal(Periode.lees(q), t, k.synthetisch) for q, t in k.trend.items()]
    assert len(pcts) == 5 and all(kk.pct("ips", m) is None for kk in pcts for m in maten)
    tekst = rt.figuur_3(k)
    assert tekst.startswith(
        "*Figuur 3a (percentage IPS-cliënten met (duurzaam) betaald werk, kwartaal 4 van 2024 "
        "tot en met kwartaal 4 van 2025) laten we weg: al haar percentages zijn verborgen om "
        "kleine aantallen te beschermen.*"
    )
    # some hidden (the first quarter's, made so here): every quarter on the axis, the
    # hidden one empty, its line broken there
    k = kwartaal.laad("2025Q4", db=demo_db, regio="Twente")
    eerste = Periode.lees(next(iter(k.trend)))
    echt_pct, echt_lijn, gevangen = kwartaal.Kwartaal.pct, rt.figures.lijndiagram, {}

    def pct(self, *args, **kwargs):
        return None if self.periode == eerste else echt_pct(self, *args, **kwargs)

    def lijn(d, *args, **kwargs):
        gevangen["d"] = d
        return echt_lijn(d, *args, **kwargs)

    monkeypatch.setattr(kwartaal.Kwartaal, "pct", pct)
    monkeypatch.setattr(rt.figures, "lijndiagram", lijn)
    assert rt.figuur_3(k).startswith("![Figuur 3a.")
    d = gevangen["d"]
    assert list(dict.fromkeys(d["kwartaal"])) == [Periode.lees(q).kort() for q in k.trend]
    assert list(d["procent"].isna()) == [True, True] + [False] * (len(d) - 2)


def test_a_hidden_count_is_a_phrase_and_a_sentence_starts_with_a_capital():
    from werkmonitor.report.kwartaal import ONDERDRUKT, hoofdletter, met_pct, vet, vet_pct

    assert vet(1047) == "**1.047**" and vet(ONDERDRUKT) == "een niet getoond aantal"
    assert vet_pct(13.25) == "**13,3%**" and vet_pct(None) == "een niet getoond deel"
    assert met_pct(25, 45.45, "cliënten", " van de lopende trajecten") == (
        "**25** cliënten (**45,5%** van de lopende trajecten)"
    )
    assert met_pct(25, ONDERDRUKT, "cliënten") == "**25** cliënten"
    assert met_pct(ONDERDRUKT, 12.0, "cliënten") == "een niet getoond aantal cliënten"
    assert hoofdletter(met_pct(ONDERDRUKT, None, "cliënten")).startswith("Een niet getoond")
    assert hoofdletter("**25** cliënten") == "**25** cliënten"


def test_only_the_national_report_says_regional_results_go_separately(demo_db):
    from werkmonitor.report import algemeen

    regel = "Regionale uitkomsten gaan apart naar de regionale procesregisseurs."
    assert regel in algemeen.leeswijzer(kwartaal.laad("2025Q4", db=demo_db))
    for kw in ({"regio": "Zeeland"}, {"organisatie": "Demo-ggz Elzendam"}):
        assert regel not in algemeen.leeswijzer(kwartaal.laad("2025Q4", db=demo_db, **kw))


def test_conclusions_of_a_small_region_say_in_words_what_they_hide(demo_db):
    """Issue 15, item 6: the generated conclusions of a region whose numbers are hidden read
    as sentences ('tonen we niet'), never '– cliënten' or '– van de cliënten'; 'minder bij'
    only after 'meer lopende trajecten bij', else with its subject."""
    from werkmonitor.report import duiding

    verborgen, klein = [], []
    for regio in sorted(REGIOS):
        tekst = duiding.conclusies(kwartaal.laad("2025Q4", db=demo_db, regio=regio))
        assert "–" not in tekst, (regio, tekst)
        for regel in tekst.splitlines():
            if "minder bij" in regel:
                assert "meer lopende trajecten bij" in regel, (regio, regel)
        regels = tekst.splitlines()
        if regels[0].startswith("- Hoeveel"):  # the total hidden
            verborgen.append(regio)
            assert regels[0] == (
                f"- Hoeveel cliënten in arbeidsmarktregio {regio} in kwartaal 4 van 2025 een "
                "traject naar werk volgden, tonen we niet (kleine aantallen)."
            )
            assert regels[1] == (
                "- Welk deel van de cliënten in de trajecten die betaald werk registreren (IPS, "
                "WABZ en overige trajecten) betaald werk had, tonen we niet (kleine aantallen)."
            )
        elif "hoeveel van hen een IPS-traject volgden" in regels[0]:  # the IPS share hidden
            klein.append(regio)
            assert re.match(
                rf"- In kwartaal 4 van 2025 volgden in arbeidsmarktregio {re.escape(regio)} "
                r"\*\*\d+\*\* cliënten een traject naar werk; hoeveel van hen een IPS-traject "
                r"volgden, tonen we niet \(kleine aantallen\)\. Dat is ",
                regels[0],
            ), regels[0]
    # which regions these are follows the demo's numbers (privacy's secondary suppression
    # can hide the total of a larger region too, to protect one small traject)
    assert verborgen == ["Drechtsteden", "Helmond-De Peel", "Zeeland"], verborgen
    assert klein == ["Gorinchem", "Noord-Limburg"], klein
    drecht = duiding.conclusies(kwartaal.laad("2025Q4", db=demo_db, regio="Drechtsteden"))
    assert drecht.splitlines()[2] == (
        "- Welk deel van de beëindigde trajecten met het beoogde resultaat eindigde, tonen we "
        "niet (kleine aantallen)."
    )


def test_annual_conclusions_of_a_small_region_say_in_words_what_they_hide(demo_db):
    from werkmonitor.report import jaar as rj
    from werkmonitor.report import jaar_tekst as jt

    for regio in ("Drechtsteden", "Gorinchem"):
        regels = jt.conclusies(rj.laad("2025", db=demo_db, regio=regio))
        assert regels[0] == (
            "- Hoeveel cliënten in 2025 aan een traject begonnen, tonen we niet (kleine aantallen)."
        )
        assert not [r for r in regels if "–" in r], regels


def test_figure_1a_shares_are_those_of_the_text(demo_db):
    """The share of each traject in Figure 1a is of all running trajects, as the sentence
    above it says ('703 (95,3%) een IPS-traject'), also where a traject is hidden for
    privacy (then the bars shown add up to less than the total)."""
    import base64

    from werkmonitor.report import algemeen
    from werkmonitor.report.text import procent

    gezien = 0
    for regio in sorted(REGIOS):
        k = kwartaal.laad("2025Q4", db=demo_db, regio=regio)
        totaal, ips = k.w(), k.w("ips")
        if kwartaal.verborgen(totaal) or kwartaal.verborgen(ips) or not ips:
            continue
        svg = base64.b64decode(
            re.search(r"base64,([^)]+)\)", algemeen.figuur_1a(k)).group(1)
        ).decode()
        label = f"{getal(ips)} ({procent(100 * ips / totaal)})"
        assert label in svg, (regio, label)
        assert f"**{getal(ips)} ({procent(100 * ips / totaal)})**" in (
            algemeen.algemene_resultaten(k)
        ), regio
        delen = [k.w(t) for t in ("ips", "wabz", "jobcoaching", "werkfit", "naar_werk", "overig")]
        if any(kwartaal.verborgen(x) for x in delen):
            gezien += 1
    assert gezien > 0  # Groot Amsterdam among them: jobcoaching and overige hidden


def test_hidden_counts_of_the_general_results_are_said_in_a_whole_sentence(demo_db):
    """A count of the general results that is hidden for privacy becomes a sentence of its
    own that reads as Dutch ('Hoeveel cliënten … hadden, tonen we niet'), not a noun with a
    comma before its verb ('Het aantal cliënten met een reguliere betaalde baan, tonen we
    niet'). Gorinchem 2025Q4 hides its paid work."""
    from werkmonitor.report import algemeen

    tekst = algemeen.algemene_resultaten(kwartaal.laad("2025Q4", db=demo_db, regio="Gorinchem"))
    assert (
        "- Hoeveel cliënten een reguliere betaalde baan hadden, tonen we niet (kleine aantallen)."
        in tekst.splitlines()
    )
    assert "- Het aantal" not in tekst


def test_a_region_without_two_trajects_says_neither():
    """'geen Werkfit-trajecten of Naar Werk-trajecten': neither of the two (with 'en' it
    read as if the pair were missing). A hand-made region without either."""
    import pandas as pd

    from werkmonitor.periods import Periode
    from werkmonitor.report import trajecten as rt

    tabel = pd.DataFrame(
        [("totaal", "lopend", "totaal", "totaal", "aantal", 12.0, "")],
        columns=["traject", "maat", "dimensie", "categorie", "grootheid", "waarde", "eenheid"],
    )
    k = kwartaal.Kwartaal(Periode.lees("2025Q4"), tabel, True, soort="regio", naam="Gorinchem")
    assert rt.uwv(k) == (
        "Arbeidsmarktregio Gorinchem had in kwartaal 4 van 2025 geen Werkfit-trajecten of "
        "Naar Werk-trajecten."
    )
