"""Figures in one house style: seaborn theme, colour-blind-safe palette, Dutch number format."""

from __future__ import annotations

import base64
import io

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import seaborn as sns  # noqa: E402
from matplotlib.ticker import FuncFormatter, MaxNLocator  # noqa: E402

from werkmonitor.report.text import getal, procent

PALET = sns.color_palette("colorblind")


def stijl() -> None:
    """Apply the house style (call once per notebook or process)."""
    sns.set_theme(style="whitegrid", palette=PALET, font_scale=0.95)
    plt.rcParams.update(
        {
            "figure.dpi": 110,
            "savefig.dpi": 150,
            "axes.titleweight": "bold",
            "svg.hashsalt": "werkmonitor",
            "axes.spines.right": False,
            "axes.spines.top": False,
        }
    )


def _opgemaakt(fig):
    """`fig` with its margins fitted to its labels, once: `tight_layout` leaves a
    placeholder layout engine behind, which makes `savefig` lay the figure out and draw it a
    second time; without an engine the figure is drawn once."""
    fig.tight_layout()
    fig.set_layout_engine(None)
    return fig


def _as_nl(ax, as_: str = "x", pct: bool = False) -> None:
    """Dutch number format on an axis (thousands separators, or percentages)."""
    fmt = FuncFormatter(lambda v, _pos: procent(v, 0) if pct else getal(v))
    as_obj = ax.xaxis if as_ == "x" else ax.yaxis
    as_obj.set_major_locator(MaxNLocator(integer=True))  # labels are whole numbers: no 0, 0, 1
    as_obj.set_major_formatter(fmt)


def _labels_op_balken(
    ax, data: pd.DataFrame, x: str, y: str, hue: str, fmt=getal, grootte: int = 8
) -> None:
    """Write each bar's value on it, in Dutch format; a hidden (missing) value as '–'.

    seaborn draws one container per `hue` level, with one bar per `x` level, both in order
    of appearance; the labels come from `data`, so a missing value is not shown as 0.
    """
    xs, hues = list(dict.fromkeys(data[x])), list(dict.fromkeys(data[hue]))
    waarden = {(a, b): v for a, b, v in data[[x, hue, y]].itertuples(index=False)}
    for container, h in zip(ax.containers, hues, strict=False):
        ax.bar_label(
            container, labels=[fmt(waarden.get((a, h))) for a in xs], padding=2, fontsize=grootte
        )


def staafdiagram_horizontaal(
    data: pd.DataFrame, x: str, y: str, titel: str, xlabel: str, labels: list[str] | None = None
):
    """Horizontal bars, one per row of `data`; `labels` overrides the value labels."""
    stijl()
    fig, ax = plt.subplots(figsize=(7.5, 0.45 * len(data) + 1.2))
    labels = labels or [getal(v) for v in data[x]]
    getekend = data.assign(**{x: data[x].astype("float64").fillna(0.0)})  # hidden: no bar
    sns.barplot(data=getekend, x=x, y=y, ax=ax, color=PALET[0], orient="h")
    ax.bar_label(ax.containers[0], labels=labels, padding=3, fontsize=8)
    ax.set(title=titel, xlabel=xlabel, ylabel="")
    _as_nl(ax, "x")
    ax.set_xlim(0, max(1.0, float(getekend[x].max())) * 1.25 if len(data) else 1)
    return _opgemaakt(fig)


def gegroepeerde_staven(
    data: pd.DataFrame, x: str, y: str, hue: str, titel: str, ylabel: str, pct: bool = False
):
    """Vertical bars grouped by `x`, one colour per `hue` level (`pct`: values are %).

    With many groups the figure is wider, the group labels are slanted and the value labels
    smaller, so that nothing overlaps."""
    stijl()
    groepen = data[x].nunique()
    veel = groepen * data[hue].nunique() > 14
    fig, ax = plt.subplots(figsize=(9.0 if veel else 7.5, 4.8 if veel else 4.2))
    getekend = data.assign(**{y: data[y].astype("float64").fillna(0.0)})  # hidden: no bar
    sns.barplot(data=getekend, x=x, y=y, hue=hue, ax=ax, palette=PALET[: data[hue].nunique()])
    _labels_op_balken(
        ax, data, x, y, hue, (lambda v: procent(v)) if pct else getal, 6 if veel else 8
    )
    ax.set(title=titel, xlabel="", ylabel=ylabel)
    if veel:
        plt.setp(ax.get_xticklabels(), rotation=40, ha="right", rotation_mode="anchor", fontsize=8)
    _as_nl(ax, "y", pct)
    ax.legend(title="", frameon=False)
    return _opgemaakt(fig)


def lijndiagram(
    data: pd.DataFrame, x: str, y: str, hue: str, titel: str, ylabel: str, pct: bool = True
):
    """Lines over periods (`x` in order of appearance), one colour per `hue` level."""
    stijl()
    fig, ax = plt.subplots(figsize=(7.5, 4.0))
    sns.lineplot(
        data=data,
        x=x,
        y=y,
        hue=hue,
        style=hue,
        markers=True,
        dashes=False,
        ax=ax,
        palette=PALET[: data[hue].nunique()],
        sort=False,
    )
    ax.set(title=titel, xlabel="", ylabel=ylabel)
    ax.set_ylim(0, max(1.0, float(data[y].max())) * 1.2)
    if data[x].nunique() > 6:
        ax.tick_params(axis="x", rotation=45)
    _as_nl(ax, "y", pct)
    ax.legend(title="", frameon=False)
    return _opgemaakt(fig)


KLEUREN = 64  # a figure's palette: the house colours, greys and the anti-aliasing between


def png(fig) -> bytes:
    """The figure as a PNG with a palette of `KLEUREN` colours, drawn once at savefig.dpi:
    a third of the size of a full-colour PNG (the site, the PDF and the notebooks carry
    each figure), with the same look. The same figure gives the same bytes."""
    from PIL import Image

    fig.set_dpi(plt.rcParams["savefig.dpi"])
    fig.canvas.draw()
    beeld = Image.frombuffer(
        "RGBA", fig.canvas.get_width_height(physical=True), fig.canvas.buffer_rgba()
    )
    uit = io.BytesIO()
    beeld.convert("RGB").quantize(KLEUREN, method=Image.Quantize.FASTOCTREE).save(uit, "PNG")
    return uit.getvalue()


def als_markdown(fig, bijschrift: str, alt: str) -> str:
    """The figure as a Markdown image (embedded PNG, see `png`) with caption and alt text;
    the renderer writes it to a file of its own beside the page."""
    data = base64.b64encode(png(fig)).decode("ascii")
    plt.close(fig)
    alt_tekst = alt.replace('"', "'")
    return f'![{bijschrift}](data:image/png;base64,{data}){{alt="{alt_tekst}"}}'
