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


def _met_cijfers(fig, data: pd.DataFrame, kolommen: list[str]) -> None:
    """Keep the numbers a figure shows with it (`cijfers`), for the download under it: the
    values as drawn, a hidden (suppressed) value empty."""
    fig.werkmonitor_cijfers = data[kolommen].reset_index(drop=True).copy()


def cijfers(fig) -> pd.DataFrame | None:
    """The numbers behind a figure made here, or None."""
    return getattr(fig, "werkmonitor_cijfers", None)


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
    _met_cijfers(fig, data, [y, x])
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
    _met_cijfers(fig, data, [x, hue, y])
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
    _met_cijfers(fig, data, [x, hue, y])
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
    palet = beeld.convert("RGB").quantize(KLEUREN, method=Image.Quantize.FASTOCTREE)
    # the octree averages white with its neighbours into (254, 254, 254): the background is
    # white again, so that it is the page's white on screen and on paper
    kleuren = palet.getpalette()
    for i in range(0, len(kleuren) - 2, 3):
        if min(kleuren[i : i + 3]) >= 250:
            kleuren[i : i + 3] = [255, 255, 255]
    palet.putpalette(kleuren)
    uit = io.BytesIO()
    palet.save(uit, "PNG")
    return uit.getvalue()


def als_markdown(fig, bijschrift: str, alt: str) -> str:
    """The figure as a Markdown image (embedded PNG, see `png`) with caption and alt text,
    and under it a link to its numbers as CSV (`download`); the renderer writes both to
    files of their own beside the page."""
    data = base64.b64encode(png(fig)).decode("ascii")
    tabel = cijfers(fig)
    plt.close(fig)
    alt_tekst = alt.replace('"', "'")
    beeld = f'![{bijschrift}](data:image/png;base64,{data}){{alt="{alt_tekst}"}}'
    if tabel is None:
        return beeld
    return beeld + "\n\n" + download(tabel, bijschrift.split(".")[0].strip())


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
