"""Figures leave hidden values out: no bar, the label '–', and whole-number axis ticks."""

import math

import pandas as pd
import pytest

from werkmonitor.periods import Periode
from werkmonitor.report import figures
from werkmonitor.report import trajecten as rt


def test_a_hidden_value_gets_no_bar_and_a_dash():
    d = pd.DataFrame({"groep": ["UWV", "Gemeente"], "procent": [float("nan"), 12.5]})
    fig = figures.staafdiagram_horizontaal(d, "procent", "groep", "t", "%", ["–", "12,5%"])
    ax = fig.axes[0]
    breedtes = [p.get_width() for p in ax.patches]
    assert breedtes[1] == 12.5 and (breedtes[0] == 0 or math.isnan(breedtes[0]))
    assert [t.get_text() for t in figures.waardelabels(ax)] == ["–", "12,5%"]
    ticks = [t.get_text() for t in figures.asteksten(ax, "x")]
    assert ticks == ["0", "2", "4", "6", "8", "10", "12", "14"]  # whole numbers: no '0, 0, 1, 1'
    assert [t.get_text() for t in figures.asteksten(ax, "y")] == ["UWV", "Gemeente"]


class _Eenheid:
    """A unit whose IPS paid-work percentages are hidden except for 'gemeente'."""

    trend: dict = {}
    privacy = False  # the decorator's check of present trajects is not under test here
    periode = Periode.lees("2025Q4")

    def w(self, traject, maat, dim, cat):
        return 40 if maat == "lopend" else 10

    def aandeel(self, deel, geheel):
        return None if self._cat != "gemeente" else 25.0


def test_figure_3b_leaves_suppressed_percentages_out(monkeypatch):
    gezien = {}
    k = _Eenheid()

    def w(traject, maat, dim, cat):
        k._cat = cat
        return 10

    k.w = w

    echt = figures.staafdiagram_horizontaal

    def vang(d, *args, **kw):
        gezien["d"] = d
        return echt(d, *args, **kw)

    monkeypatch.setattr(rt.figures, "staafdiagram_horizontaal", vang)
    md = rt.figuur_3(k)
    waarden = dict(zip(gezien["d"]["groep"], gezien["d"]["procent"], strict=True))
    assert waarden.pop("gemeente") == 25.0
    assert all(math.isnan(v) for v in waarden.values()), waarden
    assert "0,0%" not in md and "gemeente 25,0%" in md


def test_a_figure_is_an_svg_with_its_text_as_text_and_the_same_bytes_every_time():
    import re

    d = pd.DataFrame({"groep": ["IPS", "WABZ", "Jobcoaching"], "aantal": [1200, 45, 80]})
    een = figures.svg(figures.staafdiagram_horizontaal(d, "aantal", "groep", "t", "aantal"))
    twee = figures.svg(figures.staafdiagram_horizontaal(d, "aantal", "groep", "t", "aantal"))
    assert een == twee  # no date, no random ids in the file
    tekst = een.decode("utf-8")
    assert tekst.startswith("<?xml") and "<svg" in tekst
    assert "<dc:date>" not in tekst and "Matplotlib v" not in tekst
    # 7,5 inch wide (540 pt), the labels as text in matplotlib's own font, Dutch numbers
    assert 'width="540pt"' in tekst
    assert set(re.findall(r"font-family: ([^;\"]+)", tekst)) == {"'DejaVu Sans', sans-serif"}
    labels = re.findall(r">([^<>]+)</text>", tekst)
    assert {"IPS", "WABZ", "Jobcoaching", "1.200", "45", "80"} <= set(labels), labels
    # the bars keep the house colour (seaborn's barplot desaturates it to 75%)
    assert "#176d9c" in tekst


def test_seaborn_comes_without_scipy_and_draws_the_same_figure_with_it():
    """seaborn is imported without scipy (≈ 38 MB per process less); scipy can still be
    imported afterwards, and where it came first (the demo's calibration) the figure has
    the same bytes."""
    import subprocess
    import sys

    teken = (
        "import hashlib, sys; {vooraf}"
        "from werkmonitor.report import figures; import pandas as pd; "
        "zonder = 'scipy' not in sys.modules; import scipy.stats; "
        "d = pd.DataFrame({{'groep': ['IPS', 'WABZ'], 'aantal': [1200, 45]}}); "
        "f = figures.staafdiagram_horizontaal(d, 'aantal', 'groep', 't', 'aantal'); "
        "print(zonder, hashlib.sha256(figures.svg(f)).hexdigest())"
    )
    uit = [
        subprocess.run(
            [sys.executable, "-c", teken.format(vooraf=v)], capture_output=True, text=True
        )
        for v in ("", "import scipy.stats; ")
    ]
    assert [u.returncode for u in uit] == [0, 0], [u.stderr[-500:] for u in uit]
    (zonder, een), (met, twee) = (u.stdout.split() for u in uit)
    assert (zonder, met) == ("True", "False") and een == twee


def test_a_figure_carries_its_numbers_as_shown_for_the_download():
    import base64
    import re

    d = pd.DataFrame(
        {"groep": ["UWV", "gemeente", "overig"], "procent": [28.571428, float("nan"), 12.0]}
    )
    fig = figures.staafdiagram_horizontaal(d, "procent", "groep", "t", "%", ["28,6%", "–", "12,0%"])
    md = figures.als_markdown(fig, "Figuur 7. Iets per groep.", "alt")
    link = re.search(
        r"\[Download de cijfers van Figuur 7 \(CSV\)\]\(data:text/csv;base64,(.*?)\)", md
    )
    csv = base64.b64decode(link.group(1)).decode("utf-8")
    # the category first, one decimal as in the report, the hidden value left empty
    assert csv == "groep,procent\nUWV,28.6\ngemeente,\noverig,12.0\n"
    telling = pd.DataFrame({"traject": ["IPS", "WABZ"], "lopend": [68.0, float("nan")]})
    assert figures.zoals_getoond(telling)["lopend"].tolist()[0] == 68  # a count stays whole
    assert str(figures.zoals_getoond(telling)["lopend"].dtype) == "Int64"


def test_group_labels_are_broken_over_lines_rather_than_overlap():
    trajecten = [
        "IPS",
        "WABZ*",
        "Jobcoaching*",
        "UWV Werkfit",
        "UWV Naar Werk",
        "Overige trajecten*",
    ]
    # 7,5 inch, six groups: room for 9 characters under each group; words stay whole
    assert figures._groepslabels(trajecten, 7.5) == [
        "IPS",
        "WABZ*",
        "Jobcoaching*",
        "UWV\nWerkfit",
        "UWV Naar\nWerk",
        "Overige\ntrajecten*",
    ]
    assert figures._groepslabels(["Lopend", "Gestart", "Beëindigd"], 7.5) == [
        "Lopend",
        "Gestart",
        "Beëindigd",
    ]


def _figuren_van_elke_soort() -> dict:
    """Figures of each kind the reports draw, with long labels and many groups among them."""
    groepen = pd.DataFrame(
        [(t, w, v) for t, v in (("IPS", 1480.0), ("UWV Naar Werk", 3.0)) for w in ("Regio", "NL")],
        columns=["traject", "wie", "n"],
    )
    veel = pd.DataFrame(
        [(f"Groep nummer {g}", w, 11.0 * g + 2) for g in range(8) for w in ("A", "B")],
        columns=["g", "w", "pct"],
    )
    kwartalen = pd.DataFrame(
        [
            (f"{j}Q{k}", w, 9.5 * k)
            for j in (2024, 2025)
            for k in range(1, 5)
            for w in ("EPA", "CMD")
        ],
        columns=["q", "w", "pct"],
    )
    liggend = pd.DataFrame({"org": ["Een heel lange organisatienaam", "Kort"], "n": [1500.0, 3.0]})
    return {
        "gegroepeerd": lambda: figures.gegroepeerde_staven(
            groepen, "traject", "n", "wie", "Lopend", "Aantal"
        ),
        "veel": lambda: figures.gegroepeerde_staven(veel, "g", "pct", "w", "Iets", "%", pct=True),
        "veel, lange labels": lambda: figures.gegroepeerde_staven(
            _onbetaald(), "groep", "waarde", "periode", "Onbetaald werk en opleiding", "Aantal"
        ),
        "veel, vier perioden": lambda: figures.gegroepeerde_staven(
            _per_halfjaar(), "groep", "waarde", "periode", "Beëindigd", "Aantal"
        ),
        "lijnen": lambda: figures.lijndiagram(kwartalen, "q", "pct", "w", "Betaald werk", "%"),
        "liggend": lambda: figures.staafdiagram_horizontaal(liggend, "n", "org", "Titel", "Aantal"),
    }


def _getekend():
    """Each kind of figure (`_figuren_van_elke_soort`) drawn: (kind, its plot); closed
    after."""
    import matplotlib.pyplot as plt

    for soort, bouw in _figuren_van_elke_soort().items():
        fig = bouw()
        fig.canvas.draw()
        yield soort, fig.axes[0]
        plt.close(fig)


def _svgs_van_elke_soort() -> list[bytes]:
    """Each kind of figure as SVG (`figures.svg`)."""
    import matplotlib.pyplot as plt

    uit = []
    for bouw in _figuren_van_elke_soort().values():
        fig = bouw()
        uit.append(figures.svg(fig))
        plt.close(fig)
    return uit


def _onbetaald() -> pd.DataFrame:
    """The annual Figure 2.4's groups: labels of two and three lines, ten groups of two."""
    soorten = (
        "proefplaatsing",
        "vrijwilligerswerk of werkervaringsplaats",
        "arbeidsmatige dagbesteding",
    )
    groepen = [f"{s}\n{t}" for t in ("IPS", "WABZ*", "Overige trajecten*") for s in soorten]
    groepen.append("opleiding\nIPS")
    return pd.DataFrame(
        [
            (g, j, 10.0 * i + k)
            for i, g in enumerate(groepen)
            for k, j in enumerate(("2023", "2024"))
        ],
        columns=["groep", "periode", "waarde"],
    )


def _per_halfjaar() -> pd.DataFrame:
    """The annual Bijlage 2's Figure B1.4: twelve groups (six trajects, with and without
    intended result) of four half years, 48 bars."""
    trajecten = ("IPS", "WABZ*", "Jobcoaching*", "UWV Werkfit", "UWV Naar Werk", "Overige*")
    groepen = [f"{t}\n{m}" for t in trajecten for m in ("met", "zonder")]
    perioden = ("H1 2023", "H2 2023", "H1 2024", "H2 2024")
    return pd.DataFrame(
        [(g, p, 40.0 * i + 7 * k) for i, g in enumerate(groepen) for k, p in enumerate(perioden)],
        columns=["groep", "periode", "waarde"],
    )


def test_a_lying_figure_fits_on_a_page_with_its_caption():
    """Issue 15, item 5: Figure B1.4 of 48 bars was 13,8 inch high, shrunk onto its page
    with its caption pushed to the next; now at most MAX_HOOGTE, its value labels smaller."""
    import matplotlib.pyplot as plt

    fig = figures.gegroepeerde_staven(_per_halfjaar(), "groep", "waarde", "periode", "T", "A")
    assert fig.get_size_inches()[1] == figures.MAX_HOOGTE
    assert {t.get_fontsize() for t in figures.waardelabels(fig.axes[0])} == {6}
    plt.close(fig)
    fig = figures.gegroepeerde_staven(_onbetaald(), "groep", "waarde", "periode", "T", "A")
    assert fig.get_size_inches()[1] < figures.MAX_HOOGTE  # ten groups of two: 6,1 inch
    assert {t.get_fontsize() for t in figures.waardelabels(fig.axes[0])} == {8}
    plt.close(fig)


def test_no_two_labels_of_a_figure_overlap():
    """Issue 15, item 5: the tick labels, value labels, axis labels, title and legend of
    every kind of figure are drawn apart (the annual Figure 2.4's slanted labels of three
    lines ran into each other)."""
    for soort, ax in _getekend():
        teksten = [
            *ax.texts,  # the tick labels and the values
            ax.title,
            ax.xaxis.label,
            ax.yaxis.label,
        ]
        vakken = [(t.get_text(), t.get_window_extent()) for t in teksten if t.get_text()]
        if ax.get_legend() is not None:
            vakken.append(("legenda", ax.get_legend().get_window_extent()))
        for i, (a, va) in enumerate(vakken):
            for b, vb in vakken[i + 1 :]:
                assert not va.overlaps(vb), (soort, a, b)


def test_many_groups_lie_on_top_of_each_other_with_level_labels():
    import matplotlib.pyplot as plt

    fig = figures.gegroepeerde_staven(_onbetaald(), "groep", "waarde", "periode", "T", "Aantal")
    ax = fig.axes[0]
    labels = [t.get_text() for t in figures.asteksten(ax, "y")]
    assert labels[1] == "vrijwilligerswerk of\nwerkervaringsplaats\nIPS"  # 30 characters a line
    assert labels[-1] == "opleiding\nIPS"  # the first group on top, the last at the bottom
    assert all(t.get_rotation() == 0 for t in figures.asteksten(ax, "y"))
    assert ax.get_xlabel() == "Aantal" and ax.get_ylabel() == ""
    plt.close(fig)


def test_the_margins_are_those_of_matplotlibs_tight_layout():
    """The margins `_opgemaakt` measures are those matplotlib's `tight_layout` gives the
    same figure, tick labels and axis labels in their places, to within 5 pixels (of the
    1.125 of a figure's width): the texts are measured before the margins are set, and a
    tick label at the edge of the plot moves with the plot's width."""
    import matplotlib.pyplot as plt

    for soort, bouw in _figuren_van_elke_soort().items():
        fig = bouw()
        sp = fig.subplotpars
        eigen = (sp.left, sp.right, sp.bottom, sp.top)
        fig.tight_layout()
        sp = fig.subplotpars
        breedte, hoogte = fig.bbox.width, fig.bbox.height
        marge = (5 / breedte, 5 / breedte, 5 / hoogte, 5 / hoogte)
        for kreeg, verwacht, m in zip(
            (sp.left, sp.right, sp.bottom, sp.top), eigen, marge, strict=True
        ):
            assert kreeg == pytest.approx(verwacht, abs=m), soort
        plt.close(fig)


def test_an_axis_label_stands_beyond_its_tick_labels():
    for soort, ax in _getekend():
        for as_, label in (("x", ax.xaxis.label), ("y", ax.yaxis.label)):
            if not label.get_text():
                continue
            vak = label.get_window_extent()
            for tekst in figures.asteksten(ax, as_):
                streep = tekst.get_window_extent()
                if as_ == "x":
                    assert vak.y1 < streep.y0, (soort, label.get_text(), tekst.get_text())
                else:
                    assert vak.x1 < streep.x0, (soort, label.get_text(), tekst.get_text())


def test_value_labels_stay_inside_the_plot():
    for soort, ax in _getekend():
        for label in figures.waardelabels(ax):
            vak = label.get_window_extent()
            assert ax.bbox.y0 <= vak.y0 and vak.y1 <= ax.bbox.y1, (soort, label.get_text())
            assert ax.bbox.x0 <= vak.x0 and vak.x1 <= ax.bbox.x1, (soort, label.get_text())


def test_a_figure_whose_values_are_all_hidden_is_one_sentence():
    verborgen = float("nan")
    perioden = pd.DataFrame(
        [(m, p, verborgen) for m in ("Lopend", "Gestart") for p in ("K3 2025", "K4 2025")],
        columns=["maat", "periode", "aantal"],
    )
    import matplotlib.pyplot as plt

    open_figuren = plt.get_fignums()
    fig = figures.gegroepeerde_staven(perioden, "maat", "aantal", "periode", "T", "Aantal")
    # nothing is drawn for it: no matplotlib figure is made, only its numbers kept
    assert isinstance(fig, figures.Weggelaten) and plt.get_fignums() == open_figuren
    assert figures.cijfers(fig)["aantal"].isna().all()
    md = figures.als_markdown(fig, "Figuur 5a. Lopende, gestarte en beëindigde trajecten.", "a")
    assert md == (
        "*Figuur 5a (lopende, gestarte en beëindigde trajecten) laten we weg: al haar aantallen "
        "zijn verborgen om kleine aantallen te beschermen.*"
    )
    lijnen = pd.DataFrame(
        [("K3 2025", "EPA", verborgen), ("K4 2025", "EPA", verborgen)],
        columns=["kwartaal", "maat", "procent"],
    )
    fig = figures.lijndiagram(lijnen, "kwartaal", "procent", "maat", "T", "%")
    assert figures.als_markdown(fig, "Figuur 3a. Percentage IPS-cliënten met werk.", "a") == (
        "*Figuur 3a (percentage IPS-cliënten met werk) laten we weg: al haar percentages "
        "zijn verborgen om kleine aantallen te beschermen.*"
    )
    # hidden and zero: nothing to draw either (no bar, the labels '–' and '0')
    typen = pd.DataFrame({"type": ["EPA", "CMD", "ander"], "aantal": [verborgen, 0.0, verborgen]})
    fig = figures.staafdiagram_horizontaal(typen, "aantal", "type", "T", "Aantal")
    assert figures.als_markdown(fig, "Figuur 2b. Lopende IPS-trajecten naar type.", "a") == (
        "*Figuur 2b (lopende IPS-trajecten naar type) laten we weg: al haar aantallen zijn nul "
        "of verborgen om kleine aantallen te beschermen.*"
    )
    # only zeros, nothing hidden: the figure says 0
    nullen = typen.fillna(0.0)
    fig = figures.staafdiagram_horizontaal(nullen, "aantal", "type", "T", "Aantal")
    assert figures.als_markdown(fig, "Figuur 2b. Iets.", "a").startswith("![Figuur 2b. Iets.]")
    # one value to show is enough for the figure
    perioden.loc[0, "aantal"] = 12.0
    fig = figures.gegroepeerde_staven(perioden, "maat", "aantal", "periode", "T", "Aantal")
    assert figures.als_markdown(fig, "Figuur 5a. Iets.", "a").startswith("![Figuur 5a. Iets.]")


def test_axis_ticks_are_round_numbers_and_a_percentage_axis_ends_at_100():
    assert list(figures._Streepjes().tick_values(0, 64)) == [0, 10, 20, 30, 40, 50, 60, 70]
    assert list(figures._Streepjes().tick_values(0, 7)) == [0, 1, 2, 3, 4, 5, 6, 7]
    # a plot of 100% leaves room above it for the label '100,0%', but no tick of 120%
    assert list(figures._Streepjes(pct=True).tick_values(0, 115)) == [0, 20, 40, 60, 80, 100]


def test_a_figure_without_labelled_lines_has_no_legend_and_no_warning():
    import warnings

    import matplotlib.pyplot as plt

    leeg = pd.DataFrame({"q": pd.Series(dtype=str), "w": pd.Series(dtype=str), "pct": []})
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # matplotlib's 'No artists with labels' would fail
        fig = figures.lijndiagram(leeg, "q", "pct", "w", "T", "%")
    assert fig.axes[0].get_legend() is None
    plt.close(fig)


def test_bars_added_without_matplotlibs_data_limits_draw_the_same(monkeypatch):
    import contextlib

    perioden = pd.DataFrame(
        [
            (m, p, float(i * 7 + j))
            for i, m in enumerate(("Lopend", "Gestart", "Beëindigd"))
            for j, p in enumerate(("K4 2024", "K3 2025", "K4 2025"))
        ],
        columns=["maat", "periode", "aantal"],
    )
    liggend = pd.DataFrame({"org": ["A", "B", "C"], "n": [3.0, 140.0, 27.0]})

    def beide():
        return [
            figures.svg(
                figures.gegroepeerde_staven(perioden, "maat", "aantal", "periode", "T", "n")
            ),
            figures.svg(figures.staafdiagram_horizontaal(liggend, "n", "org", "T", "Aantal")),
        ]

    snel = beide()
    monkeypatch.setattr(figures, "_zonder_datagrenzen", contextlib.nullcontext)
    assert beide() == snel


def test_a_figures_download_link_names_its_whole_number():
    import matplotlib.pyplot as plt

    d = pd.DataFrame({"groep": ["IPS", "WABZ"], "aantal": [7.0, 3.0]})
    for bijschrift, naam in (
        ("Figuur 1.1. Aantal lopende trajecten per traject, 2024 en 2025.", "Figuur 1.1"),
        ("Figuur 3a. Percentage IPS-cliënten met werk.", "Figuur 3a"),
        ("Figuur D1. Lopende IPS-trajecten, K1 2023 tot en met K4 2025.", "Figuur D1"),
    ):
        fig = figures.staafdiagram_horizontaal(d, "aantal", "groep", "T", "Aantal")
        md = figures.als_markdown(fig, bijschrift, "a")
        assert f"[Download de cijfers van {naam} (CSV)]" in md, bijschrift
    plt.close("all")


class _Halfjaren:
    """Half years of 2023 in which IPS has a value only in the second and WABZ, registered
    from 2023Q3, none in the first (an absent row)."""

    perioden = [Periode.lees("2023H1"), Periode.lees("2023H2")]

    def w(self, p, traject="totaal", maat="lopend", **_kw):
        return {("ips", "2023H2"): 12.0, ("wabz", "2023H2"): 5.0}.get((traject, p.code))


def test_a_traject_not_yet_registered_has_no_bar_but_ng_and_a_footnote():
    """Issue 15: Bijlage 2 showed '0' for WABZ, jobcoaching and overige trajecten in the
    first half of 2023, when they were not registered at all; a registered traject without
    a row has none (0)."""
    import base64
    import re

    from werkmonitor.report import jaar

    tekst = jaar.figuur_gestart(_Halfjaren(), "B1.2")
    alt = re.search(r'alt="([^"]*)"', tekst).group(1)
    assert "WABZ* H1 2023 niet geregistreerd" in alt and "WABZ* H2 2023 5" in alt
    assert "IPS H1 2023 0;" in alt and "Overige trajecten* H1 2023 niet geregistreerd" in alt
    assert tekst.rstrip().endswith(jaar.VOETNOOT_NG)
    svg = base64.b64decode(re.search(r"svg\+xml;base64,([^)]*)\)", tekst).group(1)).decode()
    # three trajects not registered, each 'n.g.' beside its missing bar
    assert svg.count(">n.g.<") == 3


def test_a_figure_of_registered_periods_has_no_ng_footnote():
    from werkmonitor.report import jaar

    class _Jaren(_Halfjaren):
        perioden = [Periode.lees("2023"), Periode.lees("2024")]

    assert jaar.VOETNOOT_NG not in jaar.figuur_gestart(_Jaren(), "1.2")


def test_text_measured_once_per_process_draws_the_same_svg(monkeypatch):
    """The caches of text sizes and font metrics (`figures._tekstmaten_bewaard`, the
    measuring renderer's `_get_font_height_metrics`) change nothing in the drawing: the
    same SVG as matplotlib's own measuring, twice in a row and after other figures."""
    import contextlib

    bewaard = _svgs_van_elke_soort()
    assert _svgs_van_elke_soort() == bewaard
    echt = figures._meetlat

    def zonder_regelmaten(dpi):
        meetlat = echt(dpi)
        meetlat.__dict__.pop("_get_font_height_metrics", None)
        return meetlat

    monkeypatch.setattr(figures, "_MEETLATTEN", {})
    monkeypatch.setattr(figures, "_meetlat", zonder_regelmaten)
    monkeypatch.setattr(figures, "_tekstmaten_bewaard", lambda fig: contextlib.nullcontext())
    assert _svgs_van_elke_soort() == bewaard


def test_a_figure_from_the_pickled_empty_figure_is_matplotlibs_own(monkeypatch):
    """`figures._lege_figuur` copies one empty figure per style: the same SVG as a figure
    made by pyplot, and a changed style makes a new one."""
    import matplotlib.pyplot as plt

    gekopieerd = _svgs_van_elke_soort()
    monkeypatch.setattr(figures, "_lege_figuur", lambda figsize: plt.subplots(figsize=figsize))
    assert _svgs_van_elke_soort() == gekopieerd
    monkeypatch.undo()
    figures.stijl()
    with plt.rc_context({"axes.facecolor": "#fafafa"}):
        _fig, ax = figures._lege_figuur((4, 3))
        assert ax.get_facecolor()[:3] == pytest.approx((250 / 255,) * 3)
    _fig, ax = figures._lege_figuur((4, 3))
    assert ax.get_facecolor() == (1.0, 1.0, 1.0, 1.0)  # the house style again


def test_no_figure_makes_matplotlibs_tick_objects():
    """The empty figure is copied without matplotlib's tick objects (`_lege_figuur`): each
    kind of figure draws its axes itself (`_as_tekenen`), so drawing one makes none; a
    figure that did would get ticks that were never clipped to its plot."""
    getekend = list(_getekend())
    assert len(getekend) > 5
    for soort, ax in getekend:
        for as_ in (ax.xaxis, ax.yaxis):
            assert (soort, as_.majorTicks, as_.minorTicks) == (soort, [], [])
