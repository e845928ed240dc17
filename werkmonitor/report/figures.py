"""Figures in one house style: seaborn theme, colour-blind-safe palette, Dutch number format."""

from __future__ import annotations

import base64
import contextlib
import functools
import io
import sys
from collections.abc import Callable

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402


def _seaborn_zonder_scipy():
    """Import seaborn without letting it import scipy: at import seaborn loads scipy.stats
    for its kernel density estimates (≈ 38 MB per process; a batch has three), which these
    figures never draw; without scipy it takes the estimator it ships. When scipy is
    already there (the demo's calibration uses it) seaborn uses it, as usual; afterwards
    scipy can be imported as always. The figures are the same bytes either way (tested)."""
    if "scipy" in sys.modules or "seaborn" in sys.modules:
        import seaborn

        return seaborn
    sys.modules["scipy"] = None  # `import scipy...` now raises ImportError
    try:
        import seaborn
    finally:
        del sys.modules["scipy"]
    return seaborn


sns = _seaborn_zonder_scipy()
from matplotlib.ticker import FuncFormatter, MaxNLocator  # noqa: E402

from werkmonitor.report.text import als_zinsdeel, getal, procent  # noqa: E402

PALET = sns.color_palette("colorblind")
# bars in the palette's colours at seaborn's saturation of 75%, as `sns.barplot` draws them
STAAFKLEUREN = [sns.desaturate(kleur, 0.75) for kleur in PALET]


def stijl() -> None:
    """Apply the house style (call once per notebook or process)."""
    sns.set_theme(style="whitegrid", palette=PALET, font_scale=0.95)
    plt.rcParams.update(
        {
            # laid out and drawn at one resolution: `tight_layout` and the PNG then share
            # one renderer and its cache of text sizes (a tenth of a figure's time)
            "figure.dpi": 150,
            "savefig.dpi": 150,
            "axes.titleweight": "bold",
            # the title at a fixed height above the plot: matplotlib otherwise searches for
            # room above it on every draw (a tenth of a figure's time; nothing is ever there)
            "axes.titley": 1.0,
            # the font matplotlib ships, on every machine the same: the same figure gives
            # the same bytes here and elsewhere (seaborn puts Arial first where there is one)
            "font.sans-serif": ["DejaVu Sans"],
            # figures as SVG with their text as text: a third cheaper to draw than a PNG
            # (nothing rasterised, no palette), sharp at every size on screen and on paper,
            # the text selectable; the PDF compiler is given the same font (rendering)
            "svg.fonttype": "none",
            "svg.hashsalt": "werkmonitor",
            "axes.spines.right": False,
            "axes.spines.top": False,
        }
    )


def _met_cijfers(fig, data: pd.DataFrame, kolommen: list[str], pct: bool = False) -> None:
    """Keep the numbers a figure shows with it (`cijfers`), for the download under it: the
    values as drawn (the last of `kolommen`; `pct`: percentages), a hidden (suppressed)
    value empty."""
    fig.werkmonitor_cijfers = data[kolommen].reset_index(drop=True).copy()
    fig.werkmonitor_pct = pct


def weggelaten(bijschrift: str, pct: bool = False, nul: bool = False) -> str:
    """The sentence that stands in a report instead of a figure with nothing to draw, its
    values all hidden for privacy (`nul`: or zero): the figure named by its caption
    ('Figuur 2a. Lopende …')."""
    nummer, _punt, rest = bijschrift.partition(". ")
    # hidden: too small themselves, or hidden beside a small one so that it cannot be worked
    # out (secondary suppression, its percentages with it): 'te klein' would not be true
    soort = "percentages" if pct else "aantallen"
    nul_of = "nul of " if nul else ""
    reden = f"al haar {soort} zijn {nul_of}verborgen om kleine aantallen te beschermen"
    return f"*{nummer} ({als_zinsdeel(rest.rstrip('.'))}) laten we weg: {reden}.*"


def _niets(waarden: pd.Series) -> tuple[bool, bool]:
    """Whether values leave nothing to draw: every one hidden, or hidden and zero (no bar,
    no point); and whether zeros are among them."""
    waarden = pd.to_numeric(waarden, errors="coerce")
    verborgen = waarden.isna()
    nul = bool((waarden[~verborgen] == 0).any())
    return bool(len(waarden) and verborgen.any() and (verborgen | (waarden == 0)).all()), nul


def niets_te_tekenen(fig) -> tuple[bool, bool]:
    """Whether a figure made here has nothing to draw (`_niets` of the values it shows);
    and whether zeros are among them."""
    tabel = cijfers(fig)
    if tabel is None or len(tabel) == 0:
        return False, False
    return _niets(tabel.iloc[:, -1])


class Weggelaten:
    """What the figure functions return instead of a figure when there is nothing to draw
    (`_niets`): its numbers without the drawing, which `als_markdown` turns into one
    sentence. Making the matplotlib figure first would cost ≈ 12 ms for nothing, and five
    or six figures of a small unit's quality report are such."""

    def __init__(self, data: pd.DataFrame, kolommen: list[str], pct: bool):
        _met_cijfers(self, data, kolommen, pct)


def _figuur(data: pd.DataFrame, kolommen: list[str], pct: bool, figsize: tuple):
    """A new figure and its axes, the numbers it shows kept with it (`_met_cijfers`); or
    a `Weggelaten` and None when they leave nothing to draw."""
    if _niets(data[kolommen[-1]])[0]:
        return Weggelaten(data, kolommen, pct), None
    stijl()
    fig, ax = _lege_figuur(figsize)
    _met_cijfers(fig, data, kolommen, pct)
    return fig, ax


_SJABLOON: dict = {}  # the house style's rcParams and an empty figure made in it, pickled


def _lege_figuur(figsize: tuple):
    """A new figure of `figsize` with one empty plot, in the present style: a copy of one
    made once per process (and again when the style changed). Making the plot costs
    matplotlib ≈ 3,5 ms, most of it the first tick of each axis, which these figures never
    draw (`_as_tekenen`); unpickling a made one ≈ 2 ms. Not a pyplot figure: nothing keeps
    it after the figure is drawn. The same drawing to the byte (test)."""
    import pickle

    from matplotlib.figure import Figure

    if "stijl" not in _SJABLOON or not dict.__eq__(plt.rcParams, _SJABLOON["stijl"]):
        sjabloon = Figure()
        leeg = sjabloon.add_subplot()
        for as_ in (leeg.xaxis, leeg.yaxis):
            # the tick matplotlib made for each list: never drawn here, but two thirds of
            # the copy (1,7 -> 0,6 ms); an axis without tick locations makes none again
            as_.majorTicks, as_.minorTicks = [], []
        _SJABLOON.update(stijl=dict(plt.rcParams), figuur=pickle.dumps(sjabloon))
    fig = pickle.loads(_SJABLOON["figuur"])
    fig.set_size_inches(figsize)
    return fig, fig.axes[0]


def cijfers(fig) -> pd.DataFrame | None:
    """The numbers behind a figure made here, or None."""
    return getattr(fig, "werkmonitor_cijfers", None)


PAD = 1.08  # room around a figure's content, in font sizes (as matplotlib's tight_layout)

_MEETLATTEN: dict = {}


def _meetlat(dpi: float):
    """A renderer to measure text with, one per resolution for the process: its cache of
    text sizes is kept from figure to figure (labels such as 'IPS' recur in every one)."""
    if dpi not in _MEETLATTEN:
        from matplotlib.backends.backend_agg import RendererAgg

        meetlat = RendererAgg(1, 1, dpi)
        meetlat._get_font_height_metrics = _regelmaten_bij(lambda: dpi)  # `_tekstmaten_bewaard`
        _MEETLATTEN[dpi] = meetlat
    return _MEETLATTEN[dpi]


def _opgemaakt(fig):
    """`fig` (one plot) with its margins fitted to what is drawn outside the plot: the tick
    labels, the axis labels, the title and the legend, with matplotlib's room around them
    (`PAD`), as `tight_layout` fits them. Measured here from those texts, not by laying the
    whole figure out once before it is drawn (as `tight_layout` does): a third of a
    figure's time. Bars, their value labels and lines stay inside the plot (each figure
    leaves room above its highest value), so they take no room outside it.

    A value axis chooses its ticks by the room the plot has (`_Streepjes`): when the fitted
    plot would have other ticks, the axis is drawn again with them and fitted once more."""
    if len(fig.axes) != 1:  # not a figure of this module: matplotlib's own way
        fig.tight_layout()
        fig.set_layout_engine(None)
        return fig
    ax = fig.axes[0]
    _marges(fig, ax)
    if _assen_opnieuw(ax):  # once: the ticks stay those the margins were measured with
        _marges(fig, ax)
    return fig


def _marges(fig, ax) -> None:
    """Fit `fig`'s margins to the texts outside its plot `ax` (`_opgemaakt`)."""
    from matplotlib.transforms import Bbox

    meetlat = _meetlat(fig.dpi)
    vakken = [ax.bbox]
    for as_, spec in getattr(ax, "werkmonitor_assen", {}).items():
        _aslabel_plaatsen(ax, as_, spec, meetlat)
        vakken += spec["vakken"]
    for label in (ax.xaxis.label, ax.yaxis.label):
        if label.get_text():
            vakken.append(label.get_window_extent(meetlat))
    if ax.title.get_text():
        vakken.append(ax.title.get_window_extent(meetlat))
    legenda = ax.get_legend()
    if legenda is not None:
        vakken.append(legenda.get_window_extent(meetlat))
    alles = fig.transFigure.inverted().transform_bbox(Bbox.union(vakken))
    plek = ax.get_position(original=True)
    breedte, hoogte = fig.get_size_inches()
    rand = PAD * plt.rcParams["font.size"] / 72  # inches
    fig.subplots_adjust(
        left=max(plek.x0 - alles.x0, 0) + rand / breedte,
        right=1 - max(alles.x1 - plek.x1, 0) - rand / breedte,
        bottom=max(plek.y0 - alles.y0, 0) + rand / hoogte,
        top=1 - max(alles.y1 - plek.y1, 0) - rand / hoogte,
    )


def _streepafstand(as_: str) -> float:
    """Points between the plot and an axis's tick labels, as matplotlib sets them: the
    tick's pad and, for ticks pointing out, its length (drawn or not)."""
    rc = plt.rcParams
    richting = {"in": 0.0, "inout": 0.5, "out": 1.0}[rc[f"{as_}tick.direction"]]
    return rc[f"{as_}tick.major.pad"] + rc[f"{as_}tick.major.size"] * richting


def _as_tekenen(ax, as_: str, plekken, labels: list[str], raster: bool, rotatie=0.0) -> dict:
    """An axis's tick labels as plain texts beside the plot and its grid lines as one line
    collection, where matplotlib's own ticks are five artists each (two tick marks, a grid
    line, two labels) made, styled and drawn one by one: two thirds of a figure's drawing
    time went to them. The same places, font, colours and lines as matplotlib's (house
    style: no tick marks). Returns what `_opgemaakt` needs: the texts and their boxes."""
    from matplotlib.collections import LineCollection
    from matplotlib.ticker import NullLocator
    from matplotlib.transforms import ScaledTranslation, blended_transform_factory

    rc = plt.rcParams
    fig = ax.figure
    as_obj = ax.xaxis if as_ == "x" else ax.yaxis
    as_obj.set_major_locator(NullLocator())
    as_obj.set_minor_locator(NullLocator())
    afstand = _streepafstand(as_) / 72
    if as_ == "x":
        basis = blended_transform_factory(ax.transData, ax.transAxes)
        schuif = ScaledTranslation(0, -afstand, fig.dpi_scale_trans)
        plaats, uitlijning = (lambda v: (v, 0.0)), {"ha": "center", "va": "top"}
        lijn = lambda v: [(v, 0.0), (v, 1.0)]  # noqa: E731
    else:
        basis = blended_transform_factory(ax.transAxes, ax.transData)
        schuif = ScaledTranslation(-afstand, 0, fig.dpi_scale_trans)
        plaats, uitlijning = (lambda v: (0.0, v)), {"ha": "right", "va": "center_baseline"}
        lijn = lambda v: [(0.0, v), (1.0, v)]  # noqa: E731
    kleur = rc[f"{as_}tick.labelcolor"]
    kleur = rc[f"{as_}tick.color"] if kleur == "inherit" else kleur
    teksten = [
        ax.text(
            *plaats(v),
            label,
            transform=basis + schuif,
            fontsize=rc[f"{as_}tick.labelsize"],
            color=kleur,
            rotation=rotatie,
            **uitlijning,
        )
        for v, label in zip(plekken, labels, strict=True)
        if label
    ]
    lijnen = None
    if raster and len(plekken):
        lijnen = LineCollection(
            [lijn(v) for v in plekken],
            transform=basis,
            colors=rc["grid.color"],
            linewidths=rc["grid.linewidth"],
            linestyles=rc["grid.linestyle"],
            alpha=rc["grid.alpha"],
            zorder=0.5 if rc["axes.axisbelow"] is True else 2.5,
        )
        ax.add_collection(lijnen, autolim=False)
    return {"teksten": teksten, "lijnen": lijnen, "vakken": []}


def _aslabel_plaatsen(ax, as_: str, spec: dict, meetlat) -> None:
    """Measure an axis's tick labels (`spec`) and put its axis label beside them, where
    matplotlib puts it: `axes.labelpad` points beyond the farthest tick label."""
    from matplotlib.transforms import ScaledTranslation

    spec["vakken"] = [t.get_window_extent(meetlat) for t in spec["teksten"]]
    as_obj = ax.xaxis if as_ == "x" else ax.yaxis
    dpi = ax.figure.dpi
    if as_ == "x":
        diep = max((ax.bbox.y0 - v.y0 for v in spec["vakken"]), default=0.0) / dpi
    else:
        diep = max((ax.bbox.x0 - v.x0 for v in spec["vakken"]), default=0.0) / dpi
    afstand = max(diep, 0.0) + as_obj.labelpad / 72  # inches
    if as_ == "x":
        schuif = ScaledTranslation(0, -afstand, ax.figure.dpi_scale_trans)
        as_obj.set_label_coords(0.5, 0.0, transform=ax.transAxes + schuif)
    else:
        schuif = ScaledTranslation(-afstand, 0, ax.figure.dpi_scale_trans)
        as_obj.set_label_coords(0.0, 0.5, transform=ax.transAxes + schuif)


def _as_weg(ax, spec: dict) -> None:
    """Take an axis drawn by `_as_tekenen` off the plot."""
    for t in spec["teksten"]:
        t.remove()
    if spec["lijnen"] is not None:
        spec["lijnen"].remove()


def _as(ax, as_: str, plekken, labels, raster: bool, rotatie=0.0, waarde=None) -> None:
    """Draw an axis (`_as_tekenen`) and keep it with the plot for `_opgemaakt`; `waarde`:
    (pct, ticks) of a value axis, which may be drawn again (`_assen_opnieuw`)."""
    ax.werkmonitor_assen = getattr(ax, "werkmonitor_assen", {})
    ax.werkmonitor_assen[as_] = {
        **_as_tekenen(ax, as_, list(plekken), list(labels), raster, rotatie),
        "waarde": waarde,
    }


def _categorieas(ax, as_: str, plekken, labels: list[str], raster=False, rotatie=0.0) -> None:
    """A category axis: `labels` at `plekken`, grid lines only with `raster`."""
    _as(ax, as_, plekken, labels, raster, rotatie)


def _waardestreepjes(ax, as_: str, pct: bool) -> tuple[list, list[str]]:
    """The ticks of a value axis for the room its plot has now (`_Streepjes`), within its
    limits, and their labels in Dutch number format (`_nl_formaat`)."""
    as_obj = ax.xaxis if as_ == "x" else ax.yaxis
    locator, formaat = _Streepjes(pct), _nl_formaat(pct)
    locator.set_axis(as_obj)
    formaat.set_axis(as_obj)
    laag, hoog = sorted(as_obj.get_view_interval())
    marge = 1e-9 * max(1.0, hoog - laag)
    plekken = [float(v) for v in locator() if laag - marge <= v <= hoog + marge]
    return plekken, list(formaat.format_ticks(plekken))


def _waardeas(ax, as_: str, pct: bool = False) -> None:
    """A value axis with grid lines, its ticks at round numbers (`_waardestreepjes`); set
    its limits first."""
    plekken, labels = _waardestreepjes(ax, as_, pct)
    _as(ax, as_, plekken, labels, True, waarde=(pct, plekken))


def _assen_opnieuw(ax) -> bool:
    """Draw a value axis again when, in the plot's present size, it would have other
    ticks than it has (`_waardestreepjes`); whether one was drawn again."""
    opnieuw = False
    for as_, spec in list(getattr(ax, "werkmonitor_assen", {}).items()):
        if spec["waarde"] is None:
            continue
        pct, eerder = spec["waarde"]
        plekken, _labels = _waardestreepjes(ax, as_, pct)
        if plekken != eerder:
            _as_weg(ax, spec)
            _waardeas(ax, as_, pct)
            opnieuw = True
    return opnieuw


def asteksten(ax, as_: str) -> list:
    """The tick labels (texts) of an axis drawn here, in order."""
    spec = getattr(ax, "werkmonitor_assen", {}).get(as_)
    return list(spec["teksten"]) if spec else []


def waardelabels(ax) -> list:
    """The texts on a plot other than its tick labels: the values beside the bars."""
    eigen = {
        id(t) for spec in getattr(ax, "werkmonitor_assen", {}).values() for t in spec["teksten"]
    }
    return [t for t in ax.texts if id(t) not in eigen]


class _Streepjes(MaxNLocator):
    """Ticks at whole, round numbers (0, 10, 20 … or 0, 25, 50 …, never 0, 8, 16 or
    0, 15, 30); on a percentage axis none above 100%, however much room the plot leaves
    above its highest value for the value labels."""

    def __init__(self, pct: bool = False):
        super().__init__(integer=True, steps=[1, 2, 2.5, 5, 10])
        self.pct = pct

    def tick_values(self, vmin, vmax):
        """The ticks between `vmin` and `vmax`."""
        waarden = super().tick_values(vmin, vmax)
        return waarden[waarden <= 100 + 1e-9] if self.pct else waarden


def _nl_formaat(pct: bool = False) -> FuncFormatter:
    """Dutch number format for an axis's ticks (thousands separators, or percentages)."""
    return FuncFormatter(lambda v, _pos: procent(v, 0) if pct else getal(v))


@contextlib.contextmanager
def _zonder_datagrenzen(ax):
    """Bars added to `ax` without matplotlib working out, bar by bar, how far the data
    reach (the private `_update_patch_limits`: ≈ 1,8 ms a bar, a tenth of a figure's
    time): it serves only to find the axes' limits, and the bar figures here set both
    limits themselves. The same drawing to the byte (`test_figuren`); should matplotlib
    rename the method, this only costs the time again."""
    ax._update_patch_limits = lambda _patch: None
    try:
        yield ax
    finally:
        del ax._update_patch_limits


MARKERS = ("o", "X", "s", "P", "D", "^", "v", "p")  # one per line, as seaborn's `markers=True`


def _legenda(ax) -> None:
    """The legend beside the plot, top right: never over a bar, a line or a label, and
    without matplotlib's search for the 'best' place (a fifth of a figure's drawing time).
    Nothing drawn with a label: no legend (matplotlib would warn, into the notebook)."""
    if not ax.get_legend_handles_labels()[0]:
        return
    ax.legend(title="", frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))


def _volgorde(waarden: pd.Series) -> list:
    """The distinct values in order of appearance."""
    return list(dict.fromkeys(waarden))


TEKENS_PER_INCH = 11  # tick labels at the theme's size: about this many characters per inch


def _groepslabels(groepen: list, breedte: float) -> list[str]:
    """Group labels that do not run into each other: a label longer than the room under its
    group (the plot is about 70% of the figure's `breedte`, the rest is the axis and the
    legend) is broken over lines between words ('UWV Naar\nWerk')."""
    import textwrap

    ruimte = max(6, int(0.7 * breedte * TEKENS_PER_INCH / max(1, len(groepen))))
    return [textwrap.fill(str(g), ruimte, break_long_words=False) for g in groepen]


def staafdiagram_horizontaal(
    data: pd.DataFrame,
    x: str,
    y: str,
    titel: str,
    xlabel: str,
    labels: list[str] | None = None,
    pct: bool = False,
):
    """Horizontal bars, one per row of `data` (top to bottom); `labels` overrides the value
    labels; `pct`: the values are percentages. Drawn with matplotlib's bars in the seaborn
    theme: `sns.barplot` adds a statistics pass and costs a third of the figure's time for
    one value per bar."""
    fig, ax = _figuur(data, [y, x], pct, (7.5, 0.45 * len(data) + 1.2))
    if ax is None:
        return fig
    labels = labels or [getal(v) for v in data[x]]
    waarden = data[x].astype("float64").fillna(0.0).to_numpy()  # hidden: no bar
    plek = np.arange(len(data))
    with _zonder_datagrenzen(ax):
        staven = ax.barh(plek, waarden, height=0.8, color=STAAFKLEUREN[0])
    ax.set_ylim(len(data) - 0.5, -0.5)  # the first row on top
    _categorieas(ax, "y", plek, [str(c) for c in data[y]])
    ax.bar_label(staven, labels=labels, padding=3, fontsize=8)
    ax.set(title=titel, xlabel=xlabel, ylabel="")
    ax.set_xlim(0, max(1.0, float(waarden.max())) * 1.25 if len(data) else 1)
    _waardeas(ax, "x")
    return _opgemaakt(fig)


def gegroepeerde_staven(
    data: pd.DataFrame,
    x: str,
    y: str,
    hue: str,
    titel: str,
    ylabel: str,
    pct: bool = False,
    teksten: dict | None = None,
):
    """Vertical bars grouped by `x`, one colour per `hue` level (`pct`: values are %), each
    bar with its value; a hidden (missing) value has no bar and the label '–'. `teksten`:
    a label in place of the value for some bars, by (group, colour) (such as 'n.g.' for a
    traject not yet registered in the period).

    With many bars (more than VEEL) the groups lie on top of each other, the bars run
    horizontally and each group's label reads level beside it (`_gegroepeerd_liggend`):
    slanted labels of several lines ran into each other (the annual Figure 2.4)."""
    groepen, kleuren = _volgorde(data[x]), _volgorde(data[hue])
    if len(groepen) * len(kleuren) > VEEL:
        return _gegroepeerd_liggend(data, x, y, hue, titel, ylabel, pct, teksten)
    fig, ax = _figuur(data, [x, hue, y], pct, (7.5, 4.2))
    if ax is None:
        return fig
    _groepsstaven(ax, data, x, y, hue, pct, liggend=False, teksten=teksten)
    ax.set_xlim(-0.5, len(groepen) - 0.5)
    _categorieas(ax, "x", np.arange(len(groepen)), _groepslabels(groepen, 7.5))
    # room above the highest bar for its value label, inside the plot (`_opgemaakt`)
    hoogste = pd.to_numeric(data[y], errors="coerce").max()
    ax.set_ylim(0, max(1.0, 0.0 if pd.isna(hoogste) else float(hoogste)) * 1.15)
    ax.set(title=titel, xlabel="", ylabel=ylabel)
    _waardeas(ax, "y", pct)
    _legenda(ax)
    return _opgemaakt(fig)


def _groepsstaven(
    ax,
    data: pd.DataFrame,
    x: str,
    y: str,
    hue: str,
    pct: bool,
    liggend: bool,
    grootte=8,
    teksten: dict | None = None,
):
    """The bars of a grouped bar figure on `ax`: per group of `x` one bar per `hue` level in
    its colour, each with its value in font size `grootte` (a hidden value: no bar, the
    label '–'; a bar in `teksten`: that label); upright, or lying (`liggend`: groups top to
    bottom)."""
    groepen, kleuren = _volgorde(data[x]), _volgorde(data[hue])
    waarden = {(a, b): v for a, b, v in data[[x, hue, y]].itertuples(index=False)}
    fmt = (lambda v: procent(v)) if pct else getal
    dikte = 0.8 / max(1, len(kleuren))
    for j, kleur in enumerate(kleuren):
        reeks = [waarden.get((a, kleur)) for a in groepen]
        lengte = [0.0 if v is None or pd.isna(v) else float(v) for v in reeks]
        plek = np.arange(len(groepen)) - 0.4 + dikte * (j + 0.5)
        kleur_ = STAAFKLEUREN[j % len(PALET)]
        with _zonder_datagrenzen(ax):
            if liggend:
                staven = ax.barh(plek, lengte, height=dikte, color=kleur_, label=kleur)
            else:
                staven = ax.bar(plek, lengte, width=dikte, color=kleur_, label=kleur)
        eigen = teksten or {}
        labels = [eigen.get((a, kleur)) or fmt(v) for a, v in zip(groepen, reeks, strict=True)]
        ax.bar_label(staven, labels=labels, padding=3 if liggend else 2, fontsize=grootte)


VEEL = 14  # bars in a grouped bar figure beyond which its groups lie on top of each other
LIGGEND_TEKENS = 30  # a group's label beside its bars: lines of at most this many characters
MAX_HOOGTE = 8.6  # inches: a lying figure and its caption fit on one A4 page
RAND_LIGGEND = 1.3  # inches of a lying figure outside its bars: title, value axis, margins


def _gegroepeerd_liggend(
    data: pd.DataFrame,
    x: str,
    y: str,
    hue: str,
    titel: str,
    xlabel: str,
    pct: bool,
    teksten: dict | None = None,
):
    """`gegroepeerde_staven` with its groups top to bottom and horizontal bars: each
    group's label beside its bars, broken between words after LIGGEND_TEKENS characters
    (a label's own line breaks stay), the value at the end of each bar. At most MAX_HOOGTE
    high, so that the figure and its caption share a page (the half-year figures of the
    annual report's Bijlage 2 have up to 48 bars)."""
    import textwrap

    groepen, kleuren = _volgorde(data[x]), _volgorde(data[hue])
    per_groep = 0.2 + 0.14 * max(1, len(kleuren))
    hoogte_fig = min(MAX_HOOGTE, RAND_LIGGEND + per_groep * len(groepen))
    fig, ax = _figuur(data, [x, hue, y], pct, (7.5, hoogte_fig))
    if ax is None:
        return fig
    # each bar's share of the height: its value label in 8 points where there is room
    staaf = (hoogte_fig - RAND_LIGGEND) / max(1, len(groepen)) * 0.8 / max(1, len(kleuren))
    grootte = 8 if staaf >= 0.14 else 6
    _groepsstaven(ax, data, x, y, hue, pct, liggend=True, grootte=grootte, teksten=teksten)
    labels = [
        "\n".join(
            textwrap.fill(regel, LIGGEND_TEKENS, break_long_words=False)
            for regel in str(g).split("\n")
        )
        for g in groepen
    ]
    ax.set_ylim(len(groepen) - 0.5, -0.5)  # the first group on top
    _categorieas(ax, "y", np.arange(len(groepen)), labels)
    # room beyond the longest bar for its value label, inside the plot (`_opgemaakt`)
    langste = pd.to_numeric(data[y], errors="coerce").max()
    ax.set_xlim(0, max(1.0, 0.0 if pd.isna(langste) else float(langste)) * 1.2)
    ax.set(title=titel, xlabel=xlabel, ylabel="")
    _waardeas(ax, "x", pct)
    _legenda(ax)
    return _opgemaakt(fig)


def lijndiagram(
    data: pd.DataFrame, x: str, y: str, hue: str, titel: str, ylabel: str, pct: bool = True
):
    """Lines over periods (`x` in order of appearance), one colour and marker per `hue`
    level; a missing value breaks its line."""
    fig, ax = _figuur(data, [x, hue, y], pct, (7.5, 4.0))
    if ax is None:
        return fig
    punten, reeksen = _volgorde(data[x]), _volgorde(data[hue])
    plek = {a: i for i, a in enumerate(punten)}
    for j, reeks in enumerate(reeksen):
        deel = data[data[hue] == reeks]
        ax.plot(
            [plek[a] for a in deel[x]],
            deel[y].astype("float64").to_numpy(),
            marker=MARKERS[j % len(MARKERS)],
            color=PALET[j % len(PALET)],
            label=reeks,
        )
    _categorieas(
        ax, "x", range(len(punten)), [str(a) for a in punten], True, 45 if len(punten) > 6 else 0
    )
    ax.set(title=titel, xlabel="", ylabel=ylabel)
    ax.set_ylim(0, max(1.0, float(data[y].max())) * 1.2)
    _waardeas(ax, "y", pct)
    _legenda(ax)
    return _opgemaakt(fig)


def svg(fig) -> bytes:
    """The figure as SVG, its text as text in matplotlib's own font (DejaVu Sans): no
    date and no generator in it, so the same figure gives the same bytes. Text is measured
    once per process (`_tekstmaten_bewaard`)."""
    uit = io.BytesIO()
    with _tekstmaten_bewaard(fig):
        fig.savefig(
            uit,
            format="svg",
            metadata={"Date": None, "Creator": None, "Format": None, "Type": None},
        )
    return uit.getvalue()


@functools.lru_cache(maxsize=16384)
def _svg_tekstmaat(tekst: str, lettertype, ismath) -> tuple[float, float, float]:
    """Width, height and descent of a text in points, as matplotlib's SVG renderer measures
    it (`TextToPath`, which depends on the text and its font only)."""
    return _tekstpad().get_text_width_height_descent(tekst, lettertype, ismath)


@functools.cache
def _tekstpad():
    """The process's one `TextToPath` (what matplotlib's SVG renderer measures with)."""
    from matplotlib.textpath import TextToPath

    return TextToPath()


def _svg_tekstmaat_van(_renderer, tekst, lettertype, ismath):
    """`RendererSVG.get_text_width_height_descent` from the process's cache."""
    return _svg_tekstmaat(tekst, lettertype.copy(), ismath)  # a copy: the font may change


@functools.lru_cache(maxsize=256)
def _regelmaten(lettertype, dpi: float) -> tuple:
    """The ascent, descent and line gap of a font at `dpi`, as matplotlib's text layout
    computes them for every text it lays out (`Text._get_layout`: the font looked up and
    its tables read each time), here once per font and resolution: (None, None, None)
    when the font has no such tables, and matplotlib measures instead."""
    from matplotlib.font_manager import fontManager, get_font

    font = get_font(fontManager._find_fonts_by_props(lettertype))
    for tabel, afstand, boven, onder in (
        ("OS/2", "sTypoLineGap", "sTypoAscender", "sTypoDescender"),
        ("hhea", "lineGap", "ascent", "descent"),
    ):
        waarden = font.get_sfnt_table(tabel)
        if waarden is None:
            continue
        schaal = 1 / font.get_sfnt_table("head")["unitsPerEm"] * lettertype.get_size_in_points()
        schaal = schaal * dpi / 72  # in matplotlib's order of operations: the same floats
        return waarden[boven] * schaal, -waarden[onder] * schaal, waarden[afstand] * schaal
    return None, None, None


def _regelmaten_bij(dpi) -> Callable:
    """A renderer's `_get_font_height_metrics` (the hook matplotlib's text layout asks
    for) from `_regelmaten` at the resolution `dpi()` gives: the figure's as the text
    layout reads it (72 while matplotlib draws an SVG)."""
    return lambda *args: _regelmaten(args[-1].copy(), dpi())


@contextlib.contextmanager
def _tekstmaten_bewaard(fig):
    """While `fig` is drawn as SVG, its renderer measures text
    through one cache for the process (`_svg_tekstmaat`, `_regelmaten`): matplotlib keeps
    its cache of text sizes per renderer, and a new renderer draws each figure, so every
    label ('IPS', '0', '20%') was measured again in every figure, and every text looked
    its font up again: ≈ a tenth of a quality report's time. The same sizes, so the same
    bytes (test)."""
    from matplotlib.backends.backend_svg import RendererSVG

    eigen = RendererSVG.get_text_width_height_descent
    RendererSVG.get_text_width_height_descent = _svg_tekstmaat_van
    RendererSVG._get_font_height_metrics = _regelmaten_bij(lambda: fig.dpi)
    try:
        yield
    finally:
        RendererSVG.get_text_width_height_descent = eigen
        del RendererSVG._get_font_height_metrics


def als_markdown(fig, bijschrift: str, alt: str) -> str:
    """The figure as a Markdown image (embedded SVG, see `svg`) with caption and alt text,
    and under it a link to its numbers as CSV (`download`); the renderer writes both to
    files of their own beside the page. A figure whose values are all hidden for privacy is
    one sentence instead (`weggelaten`): a frame without bars or lines says nothing."""
    leeg, nul = niets_te_tekenen(fig)
    if leeg:
        if not isinstance(fig, Weggelaten):
            plt.close(fig)
        return weggelaten(bijschrift, fig.werkmonitor_pct, nul)
    data = base64.b64encode(svg(fig)).decode("ascii")
    tabel = cijfers(fig)
    plt.close(fig)
    alt_tekst = alt.replace('"', "'")
    beeld = f'![{bijschrift}](data:image/svg+xml;base64,{data}){{alt="{alt_tekst}"}}'
    if tabel is None:
        return beeld
    # the figure's number: 'Figuur 1.1' of 'Figuur 1.1. Aantal …' (not the 'Figuur 1' before
    # the first full stop, which every figure of chapter 1 of the annual report shared)
    return beeld + "\n\n" + download(tabel, bijschrift.partition(". ")[0].strip())


def zoals_getoond(tabel: pd.DataFrame) -> pd.DataFrame:
    """The numbers as the report shows them: counts as whole numbers, percentages with one
    decimal, a hidden value empty (a copy)."""
    uit = tabel.copy()
    for kolom in uit.columns:
        waarden = uit[kolom]
        if not pd.api.types.is_float_dtype(waarden):
            continue
        gevuld = waarden.dropna()
        if (gevuld == gevuld.round()).all():
            uit[kolom] = waarden.astype("Int64")
        else:
            uit[kolom] = waarden.round(1)
    return uit


def download(tabel: pd.DataFrame, naam: str) -> str:
    """A Markdown link 'Download de cijfers van <naam> (CSV)' to the table as CSV (UTF-8,
    comma-separated, decimal point: for programs and for Excel's import), embedded until
    the renderer writes it to `cijfers/` beside the page."""
    csv = zoals_getoond(tabel).to_csv(index=False, lineterminator="\n").encode("utf-8")
    return (
        f"[Download de cijfers van {naam} (CSV)]"
        f"(data:text/csv;base64,{base64.b64encode(csv).decode('ascii')}){{.download}}"
    )
