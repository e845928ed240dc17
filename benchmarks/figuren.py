"""Where a figure's time goes: build, margins (`figures._opgemaakt`; until 3 December 2026
matplotlib's `tight_layout`) and drawing as SVG of the three kinds of figure of the reports
(`werkmonitor.report.figures`), on made-up data of a region's size, and for comparison
drawing the same figure as a PNG (Agg at 150 dpi, as the reports did until 3 December 2026).
Run with `python benchmarks/figuren.py`; prints seconds per step (of the fastest of five
rounds). In a report a figure is built, laid out and drawn once."""

from __future__ import annotations

import io
import time

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from werkmonitor.report import figures

TRAJECTEN = ["IPS", "WABZ", "Jobcoaching", "UWV Werkfit", "UWV Naar Werk", "Overige trajecten"]
KWARTALEN = [f"{j}Q{k}" for j in (2024, 2025) for k in range(1, 5)]


def _figuren(rng) -> dict:
    """A builder per kind of figure (without its layout step)."""
    staven = pd.DataFrame(
        [(t, w, float(rng.integers(5, 300))) for t in TRAJECTEN for w in ("Regio", "Landelijk")],
        columns=["traject", "wie", "n"],
    )
    lijnen = pd.DataFrame(
        [(q, w, float(rng.random() * 40)) for q in KWARTALEN for w in ("EPA", "CMD", "Landelijk")],
        columns=["kwartaal", "wie", "pct"],
    )
    liggend = pd.DataFrame(
        {"org": [f"Organisatie {i}" for i in range(8)], "n": rng.integers(1, 200, 8).astype(float)}
    )
    return {
        "gegroepeerde staven": lambda: figures.gegroepeerde_staven(
            staven, "traject", "n", "wie", "Titel", "Aantal"
        ),
        "lijnen": lambda: figures.lijndiagram(lijnen, "kwartaal", "pct", "wie", "Titel", "Procent"),
        "liggende staven": lambda: figures.staafdiagram_horizontaal(
            liggend, "n", "org", "Titel", "Aantal"
        ),
    }


def meet(rondes: int = 5) -> dict[str, dict[str, float]]:
    """Seconds per step and kind of figure, from the round with the smallest total of
    `rondes` (the steps of one round together, so that they add up); with it, not in the
    total, the time to draw the same figure as a PNG instead (`png, ter vergelijking`)."""
    origineel = figures._opgemaakt
    figures._opgemaakt = lambda fig: fig  # the layout is timed on its own below
    beste: dict[str, dict[str, float]] = {}
    try:
        for _ in range(rondes):
            for soort, bouw in _figuren(np.random.default_rng(1)).items():
                t0 = time.perf_counter()
                fig = bouw()
                t1 = time.perf_counter()
                origineel(fig)
                t2 = time.perf_counter()
                figures.svg(fig)  # as the reports
                t3 = time.perf_counter()
                fig.savefig(io.BytesIO(), format="png")
                t4 = time.perf_counter()
                plt.close(fig)
                stappen = {"opbouwen": t1 - t0, "marges": t2 - t1, "svg": t3 - t2}
                if soort not in beste or sum(stappen.values()) < _som(beste[soort]):
                    beste[soort] = {**stappen, "png, ter vergelijking": t4 - t3}
    finally:
        figures._opgemaakt = origineel
    return beste


def _som(stappen: dict[str, float]) -> float:
    """The seconds of the steps a report takes (the PNG for comparison left out)."""
    return sum(v for k, v in stappen.items() if k != "png, ter vergelijking")


if __name__ == "__main__":
    for soort, stappen in meet().items():
        regel = ", ".join(f"{k} {v:.3f} s" for k, v in stappen.items())
        print(f"{soort}: {regel}; samen {_som(stappen):.3f} s")
