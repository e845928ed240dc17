"""Property tests of the methods on simulated client-level data.

Clients are simulated one by one per organisation x region x traject, so every delivery is
internally consistent; units sometimes vanish for a quarter (lost clients) and organisations
sometimes skip a quarter. Then for a quarter, a half year and a year:
national = sum of regions = sum of organisations for every count, every percentage lies in
0-100, and started is never negative.
"""

import hypothesis.strategies as st
import numpy as np
import pandas as pd
from hypothesis import given, settings

from werkmonitor.indicators.table import (
    NIVEAUS,
    eenheidsrijen,
    stromen,
    stromen_per_kwartaal,
    tabel_uit_rijen,
    tabellen_uit_rijen,
)
from werkmonitor.periods import Periode, kwartalen_tussen

T = "totaal"
KWARTALEN = [q.code for q in kwartalen_tussen("2023Q2", "2024Q4")]
FIN = ("uwv", "gemeente", "overig")


def simuleer(zaad: int) -> pd.DataFrame:
    """Tidy registrations of a few organisations, simulated client by client."""
    rng = np.random.default_rng(zaad)
    rijen = []
    for o in range(rng.integers(1, 4)):
        org = f"Org {o}"
        regios = rng.choice(
            ["Twente", "Drenthe", "Zeeland"], size=rng.integers(1, 3), replace=False
        )
        overslaan = KWARTALEN[rng.integers(1, len(KWARTALEN))] if rng.random() < 0.3 else None
        for regio in regios:
            for traject in ("ips", "wabz", "werkfit"):
                # client: [financing, working, sustainable]
                clienten = [[rng.integers(3), False, False] for _ in range(rng.integers(0, 15))]
                for q in KWARTALEN:
                    nieuw = [[rng.integers(3), False, False] for _ in range(rng.poisson(3))]
                    clienten += nieuw
                    eindigt = rng.random(len(clienten)) < 0.2
                    start_werk = stop_werk = 0
                    for c in clienten:
                        if not c[1] and rng.random() < 0.08:
                            c[1], c[2], start_werk = True, rng.random() < 0.5, start_werk + 1
                        elif c[1] and rng.random() < 0.05:
                            c[1], c[2], stop_werk = False, False, stop_werk + 1
                    verdwijnt = rng.random() < 0.1
                    if q != overslaan and not verdwijnt:
                        w = {
                            ("lopend", T, T): len(clienten),
                            ("beeindigd", T, T): int(eindigt.sum()),
                        }
                        for i, f in enumerate(FIN):
                            w[("lopend", "financiering", f)] = sum(c[0] == i for c in clienten)
                        if traject != "werkfit":
                            w[("betaald_werk", T, T)] = sum(c[1] for c in clienten)
                            w[("duurzaam_betaald_werk", T, T)] = sum(c[2] for c in clienten)
                            w[("gestart_betaald_werk", T, T)] = start_werk
                            w[("gestopt_betaald_werk", T, T)] = stop_werk
                            met = sum(c[1] for c, e in zip(clienten, eindigt, strict=True) if e)
                            w[("beeindigd", "uitstroom", "met_betaald_werk")] = met
                            w[("beeindigd", "uitstroom", "zonder_betaald_werk_ooit_gewerkt")] = 0
                            w[("beeindigd", "uitstroom", "nooit_gewerkt")] = (
                                int(eindigt.sum()) - met
                            )
                        if traject == "wabz" and q < "2023Q3":
                            continue
                        for (maat, dim, cat), n in w.items():
                            rijen.append((q, org, regio, traject, maat, dim, cat, int(n)))
                    clienten = [c for c, e in zip(clienten, eindigt, strict=True) if not e]
    kol = ["periode", "organisatie", "regio", "traject", "maat", "dimensie", "categorie", "waarde"]
    return pd.DataFrame(rijen, columns=kol)


def _tellingen(t: pd.DataFrame) -> pd.DataFrame:
    return t[(t["grootheid"] == "aantal") & (t["maat"] != "aantal_organisaties")]


def _per_niveau(reg: pd.DataFrame, periode: str) -> dict[str, pd.DataFrame]:
    """`periodetabel` of every level, from one computation of the unit rows (as the cube
    does; tests/indicators/test_kubus.py shows that this equals `periodetabel`)."""
    p = Periode.lees(periode)
    reg_p = reg[reg["periode"].isin([q.code for q in p.kwartalen()])]
    rijen = eenheidsrijen(reg, p.code) if not reg_p.empty else None
    return {n: tabel_uit_rijen(rijen, reg_p, p.code, n) for n in NIVEAUS}


@settings(max_examples=8, deadline=None)
@given(zaad=st.integers(0, 10**6), periode=st.sampled_from(["2024Q2", "2024H1", "2024"]))
def test_levels_add_up_percentages_in_range_started_not_negative(zaad, periode):
    reg = simuleer(zaad)
    if reg.empty:
        return
    tabellen = _per_niveau(reg, periode)
    land = _tellingen(tabellen["landelijk"])
    sleutel = ["traject", "maat", "dimensie", "categorie"]
    for niveau in ("regio", "organisatie", "organisatie_regio"):
        som = _tellingen(tabellen[niveau]).groupby(sleutel)["waarde"].sum()
        verschil = (land.set_index(sleutel)["waarde"] - som).astype("float64").abs()
        assert (verschil.dropna() < 1e-9).all(), verschil[verschil > 1e-9]
    for niveau in ("landelijk", "regio", "organisatie_regio"):
        t = tabellen[niveau]
        pct = t[t["grootheid"] == "procent"]["waarde"].astype("float64")
        assert ((pct >= 0) & (pct <= 100 + 1e-9)).all(), t[t["grootheid"] == "procent"][pct > 100]
        gestart = t[(t["maat"] == "gestart") & (t["grootheid"] == "aantal")]["waarde"]
        assert (gestart.dropna() >= 0).all()


@settings(max_examples=6, deadline=None)
@given(zaad=st.integers(0, 10**6))
def test_tables_computed_together_equal_each_computed_alone(zaad):
    """The cube computes the tables of many periods and levels as one table
    (`tabellen_uit_rijen`): no unit of one period or level may reach into another's."""
    reg = simuleer(zaad)
    taken = []
    for code in ("2024Q2", "2024Q3", "2024H1", "2024", "2022Q1"):  # 2022Q1: no registrations
        p = Periode.lees(code)
        reg_p = reg[reg["periode"].isin([q.code for q in p.kwartalen()])]
        rijen = eenheidsrijen(reg, p.code) if not reg_p.empty else None
        taken += [(rijen, reg_p, p.code, n) for n in NIVEAUS]
    samen = tabellen_uit_rijen(taken, met_noemer=True)
    assert len(samen) == len(taken)
    for taak, tabel in zip(taken, samen, strict=True):
        pd.testing.assert_frame_equal(tabel, tabel_uit_rijen(*taak, met_noemer=True))
    # a period without registrations (2022Q1; in some examples another) has no rows
    assert samen[-1].empty
    assert [t.empty for t in samen] == [reg_p.empty for _r, reg_p, _c, _n in taken]


@settings(max_examples=6, deadline=None)
@given(zaad=st.integers(0, 10**6))
def test_flows_of_all_quarters_at_once_equal_those_of_each_quarter(zaad):
    """`stromen_per_kwartaal` (one pass, as the cube computes them) against `stromen` of
    each quarter from that quarter and the one before alone; units that vanish and
    organisations that skip a quarter are in the simulation."""
    reg = simuleer(zaad)
    alle = stromen_per_kwartaal(reg)
    assert sorted(alle) == sorted(set(reg["periode"]))
    for code, tabel in alle.items():
        pd.testing.assert_frame_equal(tabel, stromen(reg, code))
