"""Calibration of the demo per region: Tabel 3.1 of the annual report in the demo data.

The national plan (`calibration.traject_plan`) fixes each traject's running, ended, started
and lost clients per quarter. This module splits it over the regions where the traject has
units, with a second small integer programme (HiGHS, as the national one):

- per traject, region and quarter a stock S, outflow E, inflow G, lost O and ended with
  intended result R (Bijlage 3 point 6), S(q) = S(q-1) - E + G - O, adding up exactly to the
  national plan and to the national ended with result;
- soft targets (each client missed costs the same as a missed national target): the
  running and started trajects of Tabel 3.1 per region and year (IPS, and the other trajects
  together), with Bijlage 3 point 3 and point 5 as in `calibration`, and the share ended
  with intended result of all trajects;
- a region's running count changes by at most 15% (or 2 clients) from one quarter to the
  next at a lower cost, so that the table wins where it demands a larger step, and each
  region's series follows its traject's national change at a lower cost still (`_volg_land`);
- what a region's units can carry: a unit cannot start and lose clients in the same quarter
  (Bijlage 3 point 1 derives both from one stock change), so a region is steered to do one
  of the two in a quarter (`_starten_of_verliezen`), and ended and lost clients leave room in
  the units for the clients with work.

Registrations without a known region (`regions.ONBEKEND`) have no target: they take the
difference between the national totals and the sum of the regions of Tabel 3.1.

Three cells of Tabel 3.1 no plan can keep with the others (`VRIJE_CELLEN`); they have no
target, and every other cell costs far more beyond its whole tolerance (`_hele_marge`), so
that the LP misses only them. Its optimum is rounded to whole clients (`_afgerond`), kept
from standing still (`_niet_stil`), moved client by client towards the cells the rounding
missed (`demo.regioherstel`), and then changed by a few clients per value so that it misses
as few cells as it can (`demo.regioafronding`, a controlled rounding), and kept from
standing still again; a last pass of `regioherstel` restores chapter 3's risers and fallers.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from werkmonitor.demo.calibration import (
    STRAF,
    UITSTROOMKANS,
    Programma,
    Reeks,
    jaar_som,
    jaar_voorraad,
    som,
    verdeel,
    voeg_reeks_toe,
)
from werkmonitor.indicators.hoofdstuk3 import gepubliceerde_tabel_3_1
from werkmonitor.vocab import REGISTRATIE_VANAF

JAREN = ("2023", "2024")
GLAD = 0.15  # the largest relative change of a region's running count between quarters
GLAD_MIN = 2  # ... or this many clients, for small regions
KOSTEN_SPRONG = 20.0  # per client beyond GLAD: less than a missed target of Tabel 3.1
# Of a region's clients at most this share may leave in a quarter beyond its starts (the
# others have paid work or education: `demo.aanleveringen`), and at most MAX_VERLIES be lost.
VRIJ, MAX_VERLIES = 0.45, 0.3
VRIJ_ZACHT, KOSTEN_KRIMP = 0.25, 10.0  # beyond this share leaving, each client costs this
KOSTEN_BEIDE = 50.0  # per client both started and lost by a region in one quarter
KOSTEN_VOLGEN = 1.0  # per client a region's series moves apart from its traject's nation
KOSTEN_HEEL = 100 * STRAF  # per client of a cell of Tabel 3.1 beyond its whole tolerance
# The fewest cells of the published Tabel 3.1 that a plan of the demo must miss: with these
# three free it can keep every other cell (`minst_gemiste_cellen` found them, ≈ 30 s; the
# test of the demo checks that they suffice and that no two of them do). The plan leaves
# them to carry what the national figures give beyond the table's regions.
VRIJE_CELLEN = (
    "2023 Groot Amsterdam gestart_niet_ips",
    "2023 Twente gestart_niet_ips",
    "2023 West-Brabant lopend_niet_ips",
)
MET_RESULTAAT = {  # Bijlage 3 point 6: the breakdown categories that count as intended result
    "uitstroom": ("met_betaald_werk", "zonder_betaald_werk_ooit_gewerkt"),
    "resultaat": ("met_beoogd_resultaat",),
}


def tabel_3_1() -> pd.DataFrame:
    """Tabel 3.1 as published (data/referentie), with official region names."""
    return gepubliceerde_tabel_3_1()


def met_resultaat(uitsplitsingen: pd.DataFrame) -> dict[tuple[str, str], int]:
    """National ended with intended result per (traject, quarter) from the breakdowns."""
    u = uitsplitsingen[uitsplitsingen["maat"] == "beeindigd"]
    met = [
        c in MET_RESULTAAT.get(d, ()) for d, c in zip(u["dimensie"], u["categorie"], strict=True)
    ]
    s = u[met].groupby(["traject", "periode"])["waarde"].sum()
    return {k: int(v) for k, v in s.items()}


@dataclass(frozen=True)
class RegioPlan:
    """The solved regional plan: traject, regio, periode, S, E, G, O, R (G and O NA where
    not computable), and the targets missed beyond their tolerance (label -> amount)."""

    tabel: pd.DataFrame
    gemist: dict[str, float]

    def reeks(self, traject: str, regio: str) -> pd.DataFrame:
        """One traject's series in one region, indexed by quarter."""
        t = self.tabel
        return t[(t["traject"] == traject) & (t["regio"] == regio)].set_index("periode")


def _reeksen(eenheden: dict[str, list[str]]) -> dict[tuple[str, str], Reeks]:
    """A stock-flow series per traject and region where the traject has units."""
    return {
        (t, r): Reeks(f"{t}@{r}", REGISTRATIE_VANAF[t], instroom_eerste=False)
        for t, regios_ in eenheden.items()
        for r in sorted(set(regios_))
    }


def _draagkracht(p: Programma, r: Reeks, traject: str, n: int) -> None:
    """What the `n` units of one series can carry (see the module docstring), and a typical
    share of the running clients ending each quarter (`UITSTROOMKANS`), so that every
    region has clients who end and a share of them with result. A unit's ended clients
    are at most half of its running ones, rounded down: the region keeps half a client of
    room per unit where it can (a soft bound)."""
    vorige = None
    for q in r.kwartalen():
        e = r.v("E", q)
        p.absoluut({e: 1.0, r.v("S", q): -UITSTROOMKANS[traject]}, 0.5, f"E {r.naam} {q}")
        p.rij({e: 1.0, r.v("S", q): -0.6}, -np.inf, 0.0)  # as in the national plan
        marge = p.var(f"_marge[{r.naam},{q}]", geheel=False, boven=float(n), kosten=5.0)
        if vorige is None:
            p.rij({e: 2.0, r.v("S", q): -1.0, marge: -1.0}, -np.inf, -float(n))
        else:
            g, o = r.v("G", q), r.v("O", q)
            p.rij({e: 2.0, o: 1.0, g: -1.0, r.v("S", vorige): -1.0}, -np.inf, 0.0)
            p.rij(
                {e: 2.0, o: 1.0, g: -1.0, r.v("S", vorige): -1.0, marge: -1.0},
                -np.inf,
                -float(n),
            )
            p.rij({e: 1.0, o: 1.0, g: -1.0, r.v("S", vorige): -VRIJ}, -np.inf, 0.0)
            p.rij({o: 1.0, r.v("S", vorige): -MAX_VERLIES}, -np.inf, 0.0)
            krimp = p.var(f"_krimp[{r.naam},{q}]", geheel=False, kosten=KOSTEN_KRIMP)
            rij = {e: 1.0, o: 1.0, g: -1.0, r.v("S", vorige): -VRIJ_ZACHT, krimp: -1.0}
            p.rij(rij, -np.inf, 0.0)
        vorige = q


def _starten_of_verliezen(
    p: Programma, reeksen, lp: dict[str, float], aantal: dict | None = None
) -> None:
    """A region with one unit of a traject (`aantal`: units per series) mostly starts or
    loses clients in a quarter: whichever the LP optimum `lp` has more of stays, the other
    costs KOSTEN_BEIDE per client (nothing where it has neither); when that would leave a
    traject's started or lost clients of a quarter nowhere to go, the region with the most
    of them keeps them. A region with several units may do both (some units lose, the others
    start: `demo.aanleveringen`); held to one of the two, a large region took a whole
    quarter's lost clients (Groot Amsterdam lost 365 IPS clients in 2025Q4, 22% at once).
    Without `aantal` every region is held to it."""
    for t in dict.fromkeys(t for t, _ in reeksen):
        delen = [(sl, r) for sl, r in reeksen.items() if sl[0] == t]
        if aantal is not None:
            delen = [(sl, r) for sl, r in delen if aantal[sl] == 1]
        if not delen:
            continue
        for q in delen[0][1].kwartalen():
            if not delen[0][1].heeft("O", q):
                continue
            keuze = {
                sl: ("O" if lp[r.v("G", q)] >= lp[r.v("O", q)] else "G")
                for sl, r in delen
                if max(lp[r.v("G", q)], lp[r.v("O", q)]) > 1e-6
            }
            for soort in ("G", "O"):
                open_ = [sl for sl, _r in delen if keuze.get(sl) != soort]
                if not open_ and keuze:
                    beste = max(keuze, key=lambda sl, k=soort: (lp[reeksen[sl].v(k, q)], sl))
                    keuze[beste] = "O" if soort == "G" else "G"
            for sl, weg in sorted(keuze.items()):
                p.kost(reeksen[sl].v(weg, q), KOSTEN_BEIDE)


def regio_plan(
    nationaal: pd.DataFrame,
    resultaat: dict[tuple[str, str], int],
    eenheden: dict[str, list[str]],
    doelen: pd.DataFrame | None = None,
    vrij: tuple[str, ...] = VRIJE_CELLEN,
) -> RegioPlan:
    """Split the national plan (`nationaal`: reeks=traject, periode, S, E, G, O) over the
    regions of each traject's units (`eenheden`: traject -> the region of each unit), with
    `resultaat` the national ended with intended result per (traject, quarter) and `doelen`
    Tabel 3.1 (default: the published one); `vrij`: the cells (labels 'jaar regio kolom')
    the plan may give up first (`_hele_marge`)."""
    doelen = tabel_3_1() if doelen is None else doelen
    p = Programma()
    reeksen, aantal, nat = _verplicht(p, nationaal, resultaat, eenheden)
    _tabel_doelen(p, reeksen, doelen, vrij=vrij)
    _hele_marge(p, reeksen, doelen, vrij)
    _glad(p, reeksen)
    _volg_land(p, reeksen, nat)
    per_reeks = {(t, rg): int(aantal[t][rg]) for (t, rg) in reeksen}
    _starten_of_verliezen(p, reeksen, p.los_lp(binnenpunt=True), per_reeks)
    tabel = _niet_stil(_afgerond(reeksen, p.los_lp(binnenpunt=True), nat, resultaat, per_reeks))
    # here: both read `jaarsommen` and the plan's constants
    from werkmonitor.demo import regioafronding, regioherstel

    tabel = regioherstel.naar_tabel(tabel, doelen, per_reeks)
    tabel = _niet_stil(regioafronding.gestuurd(tabel, doelen, per_reeks))
    tabel = regioherstel.naar_tabel(tabel, doelen, per_reeks)  # chapter 3's risers again
    tabel = _resultaat_na_de_tabel(tabel)  # 2025: no cell of Tabel 3.1 changes
    return RegioPlan(tabel, gemist(tabel, doelen))


# how much of a region's own share with intended result in Tabel 3.1's last year (against
# the nation's) it keeps after that year, and within which factors
EIGEN_AANDEEL, AANDEEL_GRENZEN = 0.5, (0.6, 1.4)


def _resultaat_na_de_tabel(tabel: pd.DataFrame) -> pd.DataFrame:
    """The ended with intended result (R) of the quarters after Tabel 3.1's last year, per
    traject and quarter over the regions in proportion to their ended clients, each region
    weighted by how its share of all trajects in that last year compared with the nation's
    (`EIGEN_AANDEEL` of the difference, within `AANDEEL_GRENZEN`): the national numbers
    stay, a region stays about as good as it was. Nothing else holds R in those quarters
    (Tabel 3.1 has no year for them; R changes no stock), and the LP left it in its
    corners: Groot Amsterdam ended 99 IPS trajects in 2025K4 of which one with result
    (nationally 56%), many regions 100%. A new frame."""
    uit = tabel.copy()
    laatste = max(JAREN)
    jaar = uit[uit["periode"].str[:4] == laatste].groupby("regio")[["E", "R"]].sum()
    land = jaar["R"].sum() / jaar["E"].sum()
    eigen = (jaar["R"] / jaar["E"].where(jaar["E"] > 0) / land).astype(float)
    factor = (1 + EIGEN_AANDEEL * (eigen - 1)).clip(*AANDEEL_GRENZEN).fillna(1.0)
    na = uit[uit["periode"].str[:4] > laatste]
    for _sleutel, idx in na.groupby(["traject", "periode"]).groups.items():
        eind = uit.loc[idx, "E"].to_numpy(dtype=float)
        gewicht = eind * uit.loc[idx, "regio"].map(factor).fillna(1.0).to_numpy(dtype=float)
        uit.loc[idx, "R"] = verdeel(int(uit.loc[idx, "R"].sum()), gewicht, eind)
    return uit


def onvermijdelijk(
    nationaal: pd.DataFrame,
    resultaat: dict[tuple[str, str], int],
    eenheden: dict[str, list[str]],
    doelen: pd.DataFrame | None = None,
    vrij: tuple[str, ...] = (),
) -> dict[str, float]:
    """What no regional plan can avoid: the targets of Tabel 3.1 (`doelen`, default the
    published one) that the LP with only the plan's hard rules (the national plan, the
    regions of the units and what they can carry; no smoothness, no preferences) still
    misses beyond the whole tolerance of `demo.tabel31`, in clients, by label 'jaar regio
    kolom' (a % with result: clients of ended trajects beyond half a client). Their sum is
    the least miss of any plan; which cells carry it is one optimum of several. `vrij`:
    labels of cells left free (no target; not in the result), as `minst_gemiste_cellen`
    gives them: an empty result says a plan can keep every other cell."""
    p, _cellen, _doelen = _harde_doelen(nationaal, resultaat, eenheden, doelen)
    for label in vrij:
        for kant in ("_plus", "_min"):
            p.kosten[p.namen[f"{kant}[{label}]"]] = 0.0
    # only the misses cost: the least miss itself (`los_lp`'s second step may give up half
    # a client of it for the rest of the objective, which is empty here)
    res = p._los(p.kosten, [], geheel=False)
    lp = {n: float(res.x[i]) for n, i in p.namen.items()}
    uit = {}
    for naam in p.namen:
        label = naam[6:-1]
        if naam.startswith("_plus[") and label not in vrij:
            if lp[naam] + lp[f"_min[{label}]"] > 1e-6:
                uit[label] = round(lp[naam] - lp[f"_min[{label}]"], 2)
    return uit


def minst_gemiste_cellen(
    nationaal: pd.DataFrame,
    resultaat: dict[tuple[str, str], int],
    eenheden: dict[str, list[str]],
    doelen: pd.DataFrame | None = None,
) -> list[str]:
    """The fewest cells of Tabel 3.1 (`doelen`, default the published one) that any regional
    plan must take beyond their whole tolerance, with only the plan's hard rules (as
    `onvermijdelijk`): a MILP with one 0/1 per cell that frees it, and their number as the
    objective. One set of several of that size, sorted. On the demo ≈ 30 s: not part of its
    build (docs/methoden.md)."""
    p, cellen, doelen = _harde_doelen(nationaal, resultaat, eenheden, doelen)
    # larger than any miss: twice every running count of the table together
    groot = 2.0 * float(np.nansum(doelen[["lopend_ips", "lopend_niet_ips"]].to_numpy())) + 1000.0
    for label in cellen:
        vrij = p.var(f"_vrij[{label}]", geheel=True, onder=0.0, boven=1.0)
        p.rij({f"_plus[{label}]": 1.0, f"_min[{label}]": 1.0, vrij: -groot}, -np.inf, 0.0)
    # whole numbers only for the switches: the series as in the LP
    p.geheel = [n.startswith("_vrij[") for n in p.namen]
    kosten = [1.0 if n.startswith("_vrij[") else 0.0 for n in p.namen]
    res = p._los(kosten, [], geheel=True)
    return sorted(c for c in cellen if res.x[p.namen[f"_vrij[{c}]"]] > 0.5)


def _harde_doelen(nationaal, resultaat, eenheden, doelen) -> tuple:
    """The LP of `onvermijdelijk`: the plan's hard rules (`_verplicht`, its preferences at
    no cost) and every cell of `doelen` (default the published Tabel 3.1) as a target within
    its whole tolerance, only a miss beyond it costing; with the cells' labels and the
    targets used."""
    doelen = tabel_3_1() if doelen is None else doelen
    p = Programma()
    reeksen, _aantal, _nat = _verplicht(p, nationaal, resultaat, eenheden)
    p.kosten = [0.0] * len(p.kosten)
    _tabel_doelen(p, reeksen, doelen, deel=1.0)
    return p, [n[6:-1] for n in p.namen if n.startswith("_plus[")], doelen


def _verplicht(p: Programma, nationaal: pd.DataFrame, resultaat, eenheden) -> tuple:
    """The hard part of the regional plan in `p` (and the units' own preferences, at their
    costs): a series per traject and region with what its units can carry, adding up to
    the national plan. Returns the series, the units per traject and region, and the
    national plan by (traject, quarter)."""
    reeksen = _reeksen(eenheden)
    aantal = {t: pd.Series(rs).value_counts() for t, rs in eenheden.items()}
    nat = nationaal.set_index(["reeks", "periode"])
    for (t, regio), r in reeksen.items():
        voeg_reeks_toe(p, r, {})
        for q in r.kwartalen():
            e = r.v("E", q)
            p.rij({p.var(f"R[{r.naam},{q}]"): 1.0, e: -1.0}, -np.inf, 0.0)
        _draagkracht(p, r, t, int(aantal[t][regio]))
    # the regions add up to the national plan
    for t in eenheden:
        for q in next(r for (tt, _), r in reeksen.items() if tt == t).kwartalen():
            delen = [r for (tt, _), r in reeksen.items() if tt == t]
            for k in "SEGO":
                if delen[0].heeft(k, q):
                    p.gelijk({r.v(k, q): 1.0 for r in delen}, float(nat.loc[(t, q), k]))
            p.gelijk({f"R[{r.naam},{q}]": 1.0 for r in delen}, float(resultaat.get((t, q), 0)))
    return reeksen, aantal, nat


def _groep(reeksen, regio: str, ips: bool) -> list[Reeks]:
    """The series of a region: IPS, or the other trajects."""
    return [r for (t, rg), r in reeksen.items() if rg == regio and (t == "ips") == ips]


SPELING = 0.35  # of the tolerance of `demo.tabel31`: room left for rounding and the units


def _speling(doel: float, deel: float = SPELING) -> float:
    """How far the plan may miss a count of Tabel 3.1 at no cost: a part (`deel`) of the
    tolerance with which the demo is held against the table (`demo.tabel31`)."""
    from werkmonitor.demo import tabel31  # here: tabel31 imports this module

    return deel * tabel31.marge(doel, "lopend")


def _doelcellen(reeksen, doelen: pd.DataFrame):
    """The target cells of Tabel 3.1 per region and year (a hidden cell is none): (label,
    expression of the plan's variables, published value, the ended clients' terms or None).
    A count is the sum of its series' yearly stock or starts; a % with intended result is
    R - share * E over the region's series, with target 0, and its ended clients' terms
    (coefficient 1) beside it."""
    for rij in doelen.itertuples(index=False):
        j = rij.jaar
        for ips, lopend, gestart in (
            (True, rij.lopend_ips, rij.gestart_ips),
            (False, rij.lopend_niet_ips, rij.gestart_niet_ips),
        ):
            groep = [r for r in _groep(reeksen, rij.regio, ips) if r.kwartalen()[0] <= f"{j}Q4"]
            soort = "ips" if ips else "niet_ips"
            if not pd.isna(lopend):
                expr = som(*(jaar_voorraad(r, j) for r in groep))
                yield f"{j} {rij.regio} lopend_{soort}", expr, float(lopend), None
            if not pd.isna(gestart):
                expr = som(*(jaar_som(r, "G", j) for r in groep))
                yield f"{j} {rij.regio} gestart_{soort}", expr, float(gestart), None
        if pd.isna(rij.pct_beeindigd_met_resultaat):
            continue
        alle = [r for (_t, rg), r in reeksen.items() if rg == rij.regio]
        aandeel = float(rij.pct_beeindigd_met_resultaat) / 100
        expr: dict[str, float] = {}
        for r in alle:
            for q in (q for q in r.kwartalen() if q.startswith(j)):
                expr[f"R[{r.naam},{q}]"] = 1.0
                expr[r.v("E", q)] = expr.get(r.v("E", q), 0.0) - aandeel
        if expr:
            beeindigd = {k: 1.0 for k in expr if k.startswith("E[")}
            yield f"{j} {rij.regio} pct_met_resultaat", expr, 0.0, beeindigd


def _tabel_doelen(
    p: Programma, reeksen, doelen: pd.DataFrame, deel: float = SPELING, vrij: tuple = ()
) -> None:
    """Soft targets of Tabel 3.1 per region and year (`_doelcellen`), each free within
    `deel` of its tolerance (`_speling`; a % with result within half a client); the cells
    in `vrij` are no target."""
    for label, expr, doel, beeindigd in _doelcellen(reeksen, doelen):
        if label in vrij:
            continue
        marge = 0.5 if beeindigd is not None else _speling(doel, deel)
        p.ongeveer(expr, doel, marge, label)


def _hele_marge(p: Programma, reeksen, doelen: pd.DataFrame, vrij: tuple[str, ...]) -> None:
    """Every target cell of Tabel 3.1 but those in `vrij` within its whole tolerance of
    `demo.tabel31` (a % with result: within MARGE_PP of the ended clients), each client
    beyond it at KOSTEN_HEEL: the LP keeps them all where it can, and the unavoidable miss
    goes to the cells in `vrij` instead of spreading over many cells (an L1 miss has no
    preference for few cells: `minst_gemiste_cellen`)."""
    from werkmonitor.demo import tabel31  # here: tabel31 imports this module

    for label, expr, doel, beeindigd in _doelcellen(reeksen, doelen):
        if label in vrij:
            continue
        plus = p.var(f"_heel+[{label}]", geheel=False, kosten=KOSTEN_HEEL)
        min_ = p.var(f"_heel-[{label}]", geheel=False, kosten=KOSTEN_HEEL)
        if beeindigd is None:
            marge = tabel31.marge(doel, "lopend")
            p.rij({**expr, plus: -1.0}, -np.inf, doel + marge)
            p.rij({**expr, min_: 1.0}, doel - marge, np.inf)
            continue
        d = tabel31.MARGE_PP / 100
        p.rij(som(expr, {k: -d for k in beeindigd}, {plus: -1.0}), -np.inf, 0.0)
        p.rij(som(expr, {k: d for k in beeindigd}, {min_: 1.0}), 0.0, np.inf)


def _glad(p: Programma, reeksen) -> None:
    """A region's running count (of the trajects registered in both quarters) changes by at
    most GLAD (or GLAD_MIN clients) between two quarters, beyond that at KOSTEN_SPRONG per
    client; a traject's first quarter of registration is a break in the series, not a
    change."""
    for regio in sorted({rg for _t, rg in reeksen}):
        alle = [r for (_t, rg), r in reeksen.items() if rg == regio]
        kwartalen = sorted({q for r in alle for q in r.kwartalen()})
        for vorige, q in zip(kwartalen, kwartalen[1:], strict=False):
            beide = [r for r in alle if vorige in r.kwartalen()]
            nu = {r.v("S", q): 1.0 for r in beide}
            toen = {r.v("S", vorige): 1.0 for r in beide}
            boven = p.var(f"_sprong+[{regio},{q}]", geheel=False, kosten=KOSTEN_SPRONG)
            onder = p.var(f"_sprong-[{regio},{q}]", geheel=False, kosten=KOSTEN_SPRONG)
            hoger = som(nu, {k: -(1 + GLAD) for k in toen}, {boven: -1.0})
            lager = som({k: 1 - GLAD for k in toen}, {k: -1.0 for k in nu}, {onder: -1.0})
            p.rij(hoger, -np.inf, GLAD_MIN)
            p.rij(lager, -np.inf, GLAD_MIN)


def _volg_land(p: Programma, reeksen, nat: pd.DataFrame) -> None:
    """Each region's series of a traject moves with the traject's national running count:
    every client it is above or below last quarter's count times the national change costs
    KOSTEN_VOLGEN (less than a jump beyond GLAD, and after the targets of Tabel 3.1, which
    the programme meets first). Without it, quarters without a target (2025) leave the
    regions free to drift apart within GLAD, and one region can take a whole quarter's lost
    clients. (A change of each region's own around the nation's, up to 2% or 4%, drawn with
    a fixed seed, left no fewer counts standing still three quarters and missed more of
    Tabel 3.1: tried and left.)"""
    for (t, regio), r in reeksen.items():
        kwartalen = r.kwartalen()
        for vorige, q in zip(kwartalen, kwartalen[1:], strict=False):
            toen = float(nat.loc[(t, vorige), "S"])
            factor = float(nat.loc[(t, q), "S"]) / toen if toen else 1.0
            termen = {r.v("S", q): 1.0, r.v("S", vorige): -factor}
            p.absoluut(termen, KOSTEN_VOLGEN, f"volgen {t}@{regio} {q}")


def _verdeel_vrij(totaal: int, gewicht, *plafonds) -> np.ndarray:
    """`verdeel` within the first caps that allow it (strictest first), else over the
    weights alone."""
    for plafond in plafonds:
        plafond = np.maximum(np.asarray(plafond, dtype=float), 0)
        if totaal <= plafond.sum():
            return verdeel(totaal, np.maximum(gewicht, 0) + 1e-9, plafond)
    return verdeel(totaal, np.maximum(gewicht, 0) + 1e-9)


def _afgerond(reeksen, lp: dict[str, float], nat: pd.DataFrame, resultaat, aantal) -> pd.DataFrame:
    """Whole clients from the LP optimum, adding up exactly to the national plan: per
    traject and quarter the regions' ended, started and ended with result are the LP values
    rounded with the largest remainder (started steered back towards the LP stock where
    rounding let a region drift), lost clients go where the stock allows them (not to a
    region of one unit that starts clients), and the stock follows from S(q) = S(q-1) - E
    + G - O, so it adds up too. Returns traject, regio, periode, S, E, G, O, R."""
    rijen = []
    for t in dict.fromkeys(t for t, _ in reeksen):
        delen = [(rg, r) for (tt, rg), r in reeksen.items() if tt == t]
        een = np.array([aantal[(t, rg)] == 1 for rg, _ in delen])
        units = np.array([aantal[(t, rg)] for rg, _ in delen])
        s_vorig = None
        for q in delen[0][1].kwartalen():
            x = {k: np.array([lp.get(r.v(k, q), 0.0) for _, r in delen]) for k in "SEGO"}
            n = {k: nat.loc[(t, q), k] for k in "SEGO"}
            if s_vorig is None:
                s = verdeel(int(n["S"]), x["S"] + 1e-9)
                e = _verdeel_vrij(int(n["E"]), x["E"], np.maximum(0, s - units) // 2, s // 2)
                g = o = None
            else:
                drift = x["S"] - (s_vorig - x["E"] + x["G"] - x["O"])  # LP stock vs ours
                geen_g = een & (x["O"] > x["G"])  # one unit that loses: it starts nobody
                g = _verdeel_vrij(
                    int(n["G"]), x["G"] + np.maximum(0, drift), np.where(geen_g, 0, np.inf)
                )
                if n["O"] > 0 and een.all() and (g > 0).all() and len(g) > 1:
                    # every region has one unit and starts clients: the one the LP lets
                    # lose most starts nobody, its starts go to the largest other region
                    i = int(np.argmax(x["O"]))
                    j = int(np.argmax(np.where(np.arange(len(g)) == i, -1, s_vorig)))
                    g[j], g[i] = g[j] + g[i], 0
                # lost first (as the LP: at most MAX_VERLIES, at most VRIJ leaving beyond
                # the starts; a region of one unit that starts loses nobody), then ended:
                # within what stays, half a client of room per unit where the total allows
                ruimte = np.where(een & (g > 0), 0, s_vorig + g - 2 * np.floor(x["E"]))
                grens = np.minimum(MAX_VERLIES * s_vorig, VRIJ * s_vorig + g - x["E"])
                krap, ruim = (np.minimum(ruimte, f(grens)) for f in (np.floor, np.ceil))
                gewicht_o = x["O"] + np.maximum(0, -drift)
                o = _verdeel_vrij(int(n["O"]), gewicht_o, krap, ruim, ruimte)
                g, o = _uit_elkaar(g, o, een, s_vorig)
                blijft = s_vorig + g - o
                e = _verdeel_vrij(
                    int(n["E"]), x["E"], np.maximum(0, blijft - units) // 2, blijft // 2, blijft
                )
                s = s_vorig - e + g - o
            r_ = _verdeel_vrij(
                int(resultaat.get((t, q), 0)),
                np.array([lp.get(f"R[{r.naam},{q}]", 0.0) for _, r in delen]),
                e,
            )
            for i, (rg, _r) in enumerate(delen):
                rijen.append(
                    {
                        "traject": t,
                        "regio": rg,
                        "periode": q,
                        "S": int(s[i]),
                        "E": int(e[i]),
                        "G": pd.NA if g is None else int(g[i]),
                        "O": pd.NA if o is None else int(o[i]),
                        "R": int(r_[i]),
                    }
                )
            s_vorig = s
    tabel = pd.DataFrame(rijen)
    for k in ("S", "E", "G", "O", "R"):
        tabel[k] = tabel[k].astype("Int64")
    return tabel


STIL = 10  # a region's stock of at least this many may not stand still three quarters


def _stil(reeks: list) -> int:
    """How often a series (None where it has no value) stands still three quarters in a
    row at `STIL` or more."""
    return sum(
        a is not None and a >= STIL and a == b == c
        for a, b, c in zip(reeks, reeks[1:], reeks[2:], strict=False)
    )


def _niet_stil(tabel: pd.DataFrame) -> pd.DataFrame:
    """`tabel` (see `_afgerond`) where no region's stock, all its trajects together, stands
    still three quarters in a row (25, 25, 25: a region following a nation that moves 1%
    rounds to the same count), as far as moves allow. For such a region one ended client of
    one of its trajects moves in one quarter to another region of that traject, and back in
    the next quarter of the same year (the ended with intended result with it where
    needed): the two regions' stock differs by one in that quarter only, while the national
    figures, every region's started and yearly ended, and every other quarter stay as they
    were. A new copy."""
    t = tabel.copy().set_index(["traject", "regio", "periode"]).sort_index()
    kwartalen = sorted(t.index.get_level_values("periode").unique())
    regios = sorted(t.index.get_level_values("regio").unique())

    def totaal(regio: str) -> list:
        s = t.xs(regio, level="regio")["S"].groupby(level="periode").sum()
        return [int(s[q]) if q in s.index else None for q in kwartalen]

    # each move lowers the number of standstills, so this ends
    while stil := [r for r in regios if _stil(totaal(r))]:
        if not any(_verplaats_een(t, r, kwartalen, regios, totaal) for r in stil):
            break
    uit = tabel.copy()  # in the order of `tabel`
    sleutels = list(zip(tabel["traject"], tabel["regio"], tabel["periode"], strict=True))
    for k in ("S", "E", "R"):
        uit[k] = pd.array(t.loc[sleutels, k].to_numpy(), dtype=tabel[k].dtype)
    return uit


def _verplaats_een(t, regio, kwartalen, regios, totaal) -> bool:
    """One move of `_niet_stil` that makes `regio` stand still less often without making
    the other region stand still more often; False when there is none."""
    reeks = totaal(regio)
    for i in range(len(kwartalen) - 2):
        if not _stil(reeks[i : i + 3]):
            continue
        for q, volgend in zip(kwartalen[i : i + 3], kwartalen[i + 1 : i + 4], strict=False):
            if volgend[:4] != q[:4]:
                continue  # back in the same year: every yearly figure stays
            for tr in sorted({k[0] for k in t.index if k[1] == regio and k[2] == volgend}):
                anderen = [
                    r
                    for r in regios
                    if r != regio and (tr, r, q) in t.index and (tr, r, volgend) in t.index
                ]
                if (tr, regio, q) not in t.index:
                    continue
                for ander in sorted(anderen, key=lambda r: -int(t.loc[(tr, r, q), "S"])):
                    oud = {r: _stil(totaal(r)) for r in (regio, ander)}
                    rijen = [(tr, r, k) for r in (regio, ander) for k in (q, volgend)]
                    for van, naar in ((regio, ander), (ander, regio)):
                        if not _mag(t, tr, van, naar, q, volgend):
                            continue
                        voor = t.loc[rijen, ["S", "E", "R"]].copy()
                        gelukt = _schuif(t, tr, van, naar, q, volgend)
                        minder = _stil(totaal(regio)) < oud[regio]
                        if gelukt and minder and _stil(totaal(ander)) <= oud[ander]:
                            return True
                        t.loc[rijen, ["S", "E", "R"]] = voor  # undo
    return False


def _mag(t, tr, van, naar, q, volgend) -> bool:
    """Whether `van` can end one client fewer in `q` and one more in `volgend`, and `naar`
    the other way round: nobody's stock below zero, and the one who ends one more ends at
    most half of the clients it had (as `_afgerond`)."""

    def ruimte(regio: str, kwartaal: str) -> bool:
        s, e = int(t.loc[(tr, regio, kwartaal), "S"]), int(t.loc[(tr, regio, kwartaal), "E"])
        return s >= 1 and e + 1 <= (s + e) // 2

    return (
        int(t.loc[(tr, van, q), "E"]) >= 1
        and int(t.loc[(tr, naar, volgend), "E"]) >= 1
        and ruimte(naar, q)
        and ruimte(van, volgend)
    )


def _schuif(t, tr, van, naar, q, volgend) -> bool:
    """Move one ended client of traject `tr` in quarter `q` from region `van` to `naar` and
    back in `volgend` (in place, on `_niet_stil`'s own copy). The ended with intended result
    follow where they would exceed the ended, and go back in the other quarter, so that each
    region's yearly number with intended result stays; False when that cannot be (the
    caller undoes the move)."""
    for regio, kwartaal, d in ((van, q, -1), (naar, q, 1), (van, volgend, 1), (naar, volgend, -1)):
        t.loc[(tr, regio, kwartaal), "E"] += d
    t.loc[(tr, van, q), "S"] += 1
    t.loc[(tr, naar, q), "S"] -= 1

    def r(regio, kwartaal) -> int:
        return int(t.loc[(tr, regio, kwartaal), "R"])

    def e(regio, kwartaal) -> int:
        return int(t.loc[(tr, regio, kwartaal), "E"])

    def geef(weg, bij, kwartaal) -> bool:
        if r(weg, kwartaal) < 1 or r(bij, kwartaal) + 1 > e(bij, kwartaal):
            return False
        t.loc[(tr, weg, kwartaal), "R"] -= 1
        t.loc[(tr, bij, kwartaal), "R"] += 1
        return True

    eerst = r(van, q) > e(van, q) and geef(van, naar, q)  # R follows the ended in q
    dan = r(naar, volgend) > e(naar, volgend) and geef(naar, van, volgend)
    if eerst and not dan:
        return geef(naar, van, volgend)  # and goes back in the next quarter
    if dan and not eerst:
        return geef(van, naar, q)
    return r(van, q) <= e(van, q) and r(naar, volgend) <= e(naar, volgend)


def _uit_elkaar(g: np.ndarray, o: np.ndarray, een: np.ndarray, s_vorig) -> tuple:
    """Where a region of one unit still starts and loses clients in the same quarter, the
    overlap moves to the largest region of several units (it starts and loses that many
    more: its stock, and every sum, stay the same)."""
    g, o = g.copy(), o.copy()
    meer = np.flatnonzero(~een)
    for i in np.flatnonzero(een & (g > 0) & (o > 0)):
        if len(meer) == 0:
            break
        j = meer[np.argmax(s_vorig[meer])]
        m = min(g[i], o[i])
        g[i], o[i], g[j], o[j] = g[i] - m, o[i] - m, g[j] + m, o[j] + m
    return g, o


def jaarsommen(tabel: pd.DataFrame) -> dict[tuple[str, str], dict[str, int]]:
    """Per (region, year) of a regional plan the sums behind Tabel 3.1: running and started
    IPS and other trajects (Bijlage 3 points 3 and 5: the running of a year are the stock
    and ended of its first quarter and everyone who started or was lost after), ended (`e`)
    and ended with intended result (`r`)."""
    uit: dict[tuple[str, str], dict[str, int]] = {}
    kolommen = ["lopend_ips", "gestart_ips", "lopend_niet_ips", "gestart_niet_ips", "e", "r"]
    for (t, regio), reeks in tabel.groupby(["traject", "regio"], sort=False):
        reeks = reeks.set_index("periode")
        soort = "ips" if t == "ips" else "niet_ips"
        for jaar in sorted({q[:4] for q in reeks.index}):
            qs = [q for q in reeks.index if q.startswith(jaar)]
            d = uit.setdefault((regio, jaar), dict.fromkeys(kolommen, 0))
            g = int(reeks.loc[qs, "G"].fillna(0).sum())
            d[f"lopend_{soort}"] += int(reeks.loc[qs[0], "S"] + reeks.loc[qs[0], "E"])
            d[f"lopend_{soort}"] += g + int(reeks.loc[qs, "O"].fillna(0).sum())
            d[f"gestart_{soort}"] += g
            d["e"] += int(reeks.loc[qs, "E"].sum())
            d["r"] += int(reeks.loc[qs, "R"].sum())
    return uit


def per_regio(tabel: pd.DataFrame) -> pd.DataFrame:
    """Tabel 3.1 of a regional plan: per region and year running and started IPS and other
    trajects and the % ended with intended result (`jaarsommen`)."""
    rijen = []
    for (regio, jaar), d in sorted(jaarsommen(tabel).items()):
        rij = {"regio": regio, "jaar": jaar, **{k: v for k, v in d.items() if k not in ("e", "r")}}
        rij["pct_beeindigd_met_resultaat"] = 100 * d["r"] / d["e"] if d["e"] else np.nan
        rijen.append(rij)
    return pd.DataFrame(rijen)


def gemist(tabel: pd.DataFrame, doelen: pd.DataFrame) -> dict[str, float]:
    """The cells of Tabel 3.1 (`doelen`) that the plan misses, by label 'jaar regio kolom':
    counts as the difference in clients, the % in procentpunten (rounded to one decimal)."""
    kreeg = per_regio(tabel).set_index(["regio", "jaar"])
    uit = {}
    for rij in doelen.itertuples(index=False):
        if (rij.regio, rij.jaar) not in kreeg.index:
            continue
        k = kreeg.loc[(rij.regio, rij.jaar)]
        for kolom in (
            "lopend_ips",
            "lopend_niet_ips",
            "gestart_ips",
            "gestart_niet_ips",
            "pct_beeindigd_met_resultaat",
        ):
            doel = getattr(rij, kolom)
            if pd.isna(doel) or pd.isna(k[kolom]):
                continue
            verschil = round(float(k[kolom]) - float(doel), 1)
            if verschil:
                uit[f"{rij.jaar} {rij.regio} {kolom}"] = verschil
    return uit
