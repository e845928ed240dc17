"""Whole clients of the regional plan that keep Tabel 3.1: a controlled rounding.

The regional plan's LP (`demo.regioplan`) keeps every cell of Tabel 3.1 within its
tolerance but the few it must give up (`regioplan.VRIJE_CELLEN`). Rounded to whole clients
quarter by quarter (`regioplan._afgerond`) and moved client by client
(`demo.regioherstel`) it still missed about two dozen: a region's yearly count is the sum
of many rounded values, and a move of single clients that keeps every stock cannot reach
a running count of the year (its stock at the start of the year does not move).

This step changes the whole-client plan by a few clients per value, as one small integer
programme (HiGHS), so that as few cells as possible lie beyond their tolerance:

- per traject, region and quarter the ended E, started G, lost O, ended with intended
  result R and the stock S change by at most MAX_STAP clients each, the stock following
  S(q) = S(q-1) - E + G - O, the first quarter's stock moving between regions;
- every national total stays (the changes of a traject and quarter add up to zero);
- what the units can carry stays: a region ends at most its stock at the end of the quarter
  less one client per unit (as `regioherstel`), unless it already ended more, then no more
  than before; R at most E; O at most the stock at the start of the quarter (who is lost
  was there); a region of one unit that only starts or only loses clients in
  a quarter keeps doing so (Bijlage 3 point 1);
- a region's running count does not change between two quarters by more than GLAD (or
  GLAD_MIN clients) where it did not before, nor by more than it did;
- the objective: KOSTEN_CEL per cell of Tabel 3.1 beyond its tolerance, KOSTEN_SPRONG per
  step of a region beyond the checks page's rule (SPRONG), then each client changed (a
  stock change counts double: it changes the series).

The quarters after the last year of Tabel 3.1 keep their flows; their stock moves with
the last stock of that year. HiGHS stops when the solution is within KLOOF of the best
bound (with a few cells missed that proves their number; deterministic, never on time).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from werkmonitor.demo import regioplan, tabel31
from werkmonitor.demo.calibration import Programma, som
from werkmonitor.regions import ONBEKEND

MAX_STAP = 3  # the most one value may change, in clients
KOSTEN_CEL = 1000.0  # per cell of Tabel 3.1 beyond its tolerance
KOSTEN = {"E": 1.0, "G": 1.0, "O": 1.0, "R": 0.5, "S": 2.0}  # per client changed
KLOOF = 0.2  # below KOSTEN_CEL over the objective while few cells are missed
# the checks page's rule for a region's step (`report.controle.SPRONG`, which the demo may
# not import; a test holds them equal): beyond the nation's change by 15% and 2 clients
SPRONG = (0.15, 2)
KOSTEN_SPRONG = 300.0  # less than a missed cell of Tabel 3.1, which may demand the step
LAATSTE_JAAR = max(regioplan.JAREN)


def gestuurd(tabel: pd.DataFrame, doelen: pd.DataFrame, aantal: dict) -> pd.DataFrame:
    """`tabel` (traject, regio, periode, S, E, G, O, R; `regioplan._afgerond`) changed by
    a few clients per value (see the module) so that it misses as few cells of Tabel 3.1
    (`doelen`) as it can; `aantal`: the units per (traject, region). A new frame in the
    order of `tabel`; every national total as it was."""
    tabel = tabel.reset_index(drop=True)
    t = tabel.sort_values(["traject", "regio", "periode"]).reset_index()
    p = Programma()
    d = _veranderingen(p, t, aantal)
    _samen_nul(p, t, d)
    _glad(p, t, d)
    _cellen(p, t, d, doelen)
    res = p._los(p.kosten, [], geheel=True, kloof=KLOOF)
    x = {n: round(res.x[i]) for n, i in p.namen.items()}
    uit = tabel.copy()
    for k in "SEGOR":
        delta = np.zeros(len(tabel), dtype=int)
        delta[t["index"].to_numpy()] = [sum(c * x[v] for v, c in e.items()) for e in d[k]]
        nieuw = pd.array(tabel[k].to_numpy(dtype=float, na_value=np.nan) + delta, dtype="Int64")
        uit[k] = pd.array(np.where(tabel[k].isna(), pd.NA, nieuw), dtype=tabel[k].dtype)
    return uit


def _getallen(t: pd.DataFrame, k: str) -> np.ndarray:
    """Column `k` of the plan as floats (NaN where not computable)."""
    return t[k].to_numpy(dtype=float, na_value=np.nan)


def _vorige(t: pd.DataFrame) -> list[int | None]:
    """Per row of the sorted plan the row of the same series' previous quarter."""
    reeks = list(zip(t["traject"], t["regio"], strict=True))
    return [i - 1 if i and reeks[i - 1] == reeks[i] else None for i in range(len(t))]


def _maal(expr: dict[str, float], factor: float) -> dict[str, float]:
    """A linear expression times a number."""
    return {v: factor * c for v, c in expr.items()}


def _veranderingen(p: Programma, t: pd.DataFrame, aantal: dict) -> dict[str, list[dict]]:
    """The change of each value of each row (by kind: an expression of an increase and a
    decrease, each at the kind's cost), the stock equation and what the units can carry
    (see the module)."""
    s, e, g, o, r = (_getallen(t, k) for k in "SEGOR")
    vorige = _vorige(t)
    d: dict[str, list[dict]] = {k: [] for k in "SEGOR"}
    for i in range(len(t)):
        naam = f"{t.at[i, 'traject']}@{t.at[i, 'regio']},{t.at[i, 'periode']}"
        een = aantal[(t.at[i, "traject"], t.at[i, "regio"])] == 1
        vast = t.at[i, "periode"][:4] > LAATSTE_JAAR
        m = 0 if vast else MAX_STAP

        def var(k: str, onder: float, boven: float, naam=naam) -> None:
            expr = {}
            if boven > 0:
                expr[p.var(f"d{k}+[{naam}]", boven=boven, kosten=KOSTEN[k])] = 1.0
            if onder < 0:
                expr[p.var(f"d{k}-[{naam}]", boven=-onder, kosten=KOSTEN[k])] = -1.0
            d[k].append(expr)

        var("E", max(-e[i], -m), m)
        if np.isnan(g[i]):
            var("G", 0, 0)
            var("O", 0, 0)
        else:
            # a region of one unit that only starts (or only loses) in a quarter keeps to it
            alleen_g = een and (o[i] == 0)
            alleen_o = een and (g[i] == 0) and o[i] > 0
            var("G", max(-g[i], -m), 0 if alleen_o else m)
            var("O", max(-o[i], -m), 0 if alleen_g else m)
        var("R", max(-r[i], -m), m)
        var("S", -s[i] if vast else max(-s[i], -MAX_STAP), np.inf if vast else MAX_STAP)
        eenheden = float(aantal[(t.at[i, "traject"], t.at[i, "regio"])])
        j = vorige[i]
        if j is not None:  # S(q) = S(q-1) - E + G - O, in changes
            voorraad = som(d["S"][i], _maal(d["S"][j], -1), d["E"][i], _maal(d["G"][i], -1))
            p.gelijk(som(voorraad, d["O"][i]), 0.0)
            # lost clients were there: O <= S(q-1), or no more above it than before
            p.rij(som(d["O"][i], _maal(d["S"][j], -1)), -np.inf, max(0.0, s[j] - o[i]))
        p.rij(som(d["R"][i], _maal(d["E"][i], -1)), -np.inf, e[i] - r[i])  # R <= E
        # E <= S - units, or no more above it than before
        p.rij(som(d["E"][i], _maal(d["S"][i], -1)), -np.inf, max(0.0, s[i] - eenheden - e[i]))
    return d


def _samen_nul(p: Programma, t: pd.DataFrame, d: dict[str, list[dict]]) -> None:
    """The changes of a traject and quarter add up to zero: every national total stays."""
    for _sleutel, rijen in t.groupby(["traject", "periode"], sort=False).indices.items():
        for k in "SEGOR":
            p.gelijk(som(*(d[k][i] for i in rijen)), 0.0)


def _glad(p: Programma, t: pd.DataFrame, d: dict[str, list[dict]]) -> None:
    """A region's running count (of the trajects registered in both quarters) changes
    between two quarters by at most GLAD or GLAD_MIN clients, or, where it changed more,
    by no more than it did (`regioplan._glad`)."""
    s = _getallen(t, "S")
    rij = {k: i for i, k in enumerate(zip(t["traject"], t["regio"], t["periode"], strict=True))}
    for regio, deel in t.groupby("regio", sort=False):
        kwartalen = sorted(deel["periode"].unique())
        for vorige, q in zip(kwartalen, kwartalen[1:], strict=False):
            trajecten = [tr for tr in deel["traject"].unique() if (tr, regio, vorige) in rij]
            nu = [rij[(tr, regio, q)] for tr in trajecten if (tr, regio, q) in rij]
            toen = [rij[(tr, regio, vorige)] for tr in trajecten if (tr, regio, q) in rij]
            sn, st = s[nu].sum(), s[toen].sum()
            omhoog = sn - (1 + regioplan.GLAD) * st
            omlaag = (1 - regioplan.GLAD) * st - sn
            na = som(*(d["S"][i] for i in nu))
            voor = som(*(d["S"][i] for i in toen))
            hoger = som(na, _maal(voor, -(1 + regioplan.GLAD)))
            lager = som(_maal(na, -1), _maal(voor, 1 - regioplan.GLAD))
            p.rij(hoger, -np.inf, max(regioplan.GLAD_MIN, omhoog) - omhoog)
            p.rij(lager, -np.inf, max(regioplan.GLAD_MIN, omlaag) - omlaag)
    _met_het_land(p, t, d)


def _met_het_land(p: Programma, t: pd.DataFrame, d: dict[str, list[dict]]) -> None:
    """A region's running count, all its trajects together, moves between two quarters by
    at most SPRONG beyond the nation's change (the checks page's rule), or it costs
    KOSTEN_SPRONG (a step costs less than a missed cell of Tabel 3.1, which may demand
    it). Registrations without a region have no such rule."""
    s = _getallen(t, "S")
    land = pd.Series(s).groupby(t["periode"].to_numpy()).sum()
    deel, minimum = SPRONG
    for regio, rijen in t.groupby("regio", sort=False).indices.items():
        if regio == ONBEKEND:
            continue
        per_q: dict[str, list[int]] = {}
        for i in rijen:
            per_q.setdefault(t.at[i, "periode"], []).append(i)
        kwartalen = sorted(per_q)
        for vorige, q in zip(kwartalen, kwartalen[1:], strict=False):
            if not land[vorige]:
                continue
            f = land[q] / land[vorige]
            sn, st = s[per_q[q]].sum(), s[per_q[vorige]].sum()
            na = som(*(d["S"][i] for i in per_q[q]))
            voor = som(*(d["S"][i] for i in per_q[vorige]))
            sprong = p.var(f"_sprong[{regio},{q}]", onder=0, boven=1, kosten=KOSTEN_SPRONG)
            for teken in (1.0, -1.0):  # ±(n - f v) - deel v <= minimum, in changes
                expr = som(_maal(na, teken), _maal(voor, -teken * f - deel))
                _mag_missen(p, expr, minimum - (teken * (sn - f * st) - deel * st), sprong)


def _uitdrukkingen(t: pd.DataFrame, d: dict[str, list[dict]]) -> dict[tuple[str, str], dict]:
    """Per (region, year) how each sum of `regioplan.jaarsommen` changes, as expressions of
    the changes: running (the stock and ended of a series' first quarter in the year, and
    every start and lost client), started, ended (`e`) and ended with result (`r`)."""
    eerste = t.groupby(["traject", "regio", t["periode"].str[:4]])["periode"].transform("min")
    uit: dict[tuple[str, str], dict] = {}
    sleutels = ("lopend_ips", "lopend_niet_ips", "gestart_ips", "gestart_niet_ips", "e", "r")
    for i, (tr, regio, q) in enumerate(zip(t["traject"], t["regio"], t["periode"], strict=True)):
        x = uit.setdefault((regio, q[:4]), {k: {} for k in sleutels})
        soort = "ips" if tr == "ips" else "niet_ips"
        termen = [d["G"][i], d["O"][i]] + ([d["S"][i], d["E"][i]] if eerste[i] == q else [])
        for kolom, delen in (
            (f"lopend_{soort}", termen),
            (f"gestart_{soort}", [d["G"][i]]),
            ("e", [d["E"][i]]),
            ("r", [d["R"][i]]),
        ):
            x[kolom] = som(x[kolom], *delen)
    return uit


def _cellen(p: Programma, t: pd.DataFrame, d: dict[str, list[dict]], doelen) -> None:
    """A 0/1 per cell of Tabel 3.1 (`doelen`) that, at KOSTEN_CEL, lets it lie beyond its
    tolerance (`tabel31.doelcellen`); else its sum stays within it (a % with intended
    result: of at least one ended client)."""
    stand = regioplan.jaarsommen(t)
    x = _uitdrukkingen(t, d)
    for rij in doelen.itertuples(index=False):
        sleutel = (rij.regio, rij.jaar)
        if sleutel not in stand:
            continue
        nu = stand[sleutel]
        for kolom, waarde, marge in tabel31.doelcellen(rij._asdict()):
            mis = p.var(
                f"_mis[{rij.jaar} {rij.regio} {kolom}]", onder=0, boven=1, kosten=KOSTEN_CEL
            )
            if kolom == tabel31.PCT:
                for teken in (1.0, -1.0):  # r - (p ± marge) e on the right side of 0
                    aandeel = (waarde + teken * marge) / 100
                    expr = {**x[sleutel]["r"]}
                    for v, c in x[sleutel]["e"].items():
                        expr[v] = expr.get(v, 0.0) - aandeel * c
                    grens = aandeel * nu["e"] - nu["r"]
                    _mag_missen(p, {k: teken * c for k, c in expr.items()}, teken * grens, mis)
                _mag_missen(p, {v: -c for v, c in x[sleutel]["e"].items()}, nu["e"] - 1, mis)
                continue
            expr = x[sleutel][kolom]
            _mag_missen(p, expr, waarde + marge - nu[kolom], mis)
            _mag_missen(p, {v: -c for v, c in expr.items()}, nu[kolom] - (waarde - marge), mis)


def _mag_missen(p: Programma, expr: dict[str, float], grens: float, mis: str) -> None:
    """expr <= grens unless `mis` is 1: then by as much as the changes can reach (the
    smallest such bound keeps the programme's relaxation tight)."""
    bereik = sum(abs(c) for c in expr.values()) * MAX_STAP
    p.rij({**expr, mis: -(max(0.0, bereik - grens) + 1.0)}, -np.inf, grens)
