"""A quarter's ended, started and lost clients per unit where the greedy split misses the
regional plan: the whole numbers closest to the plan that every unit can carry (a small
integer programme, HiGHS).

The regional plan (`demo.regioplan`, `demo.regioafronding`) says per region how many
clients end (E), start (G) and are lost (O) in a quarter and what the stock (S) is at its
end; each unit of a region has its weight's share of that as its own plan
(`aanleveringen.doelen_per_eenheid`). A unit's numbers keep:

- a unit either starts or loses clients, never both (so that Bijlage 3 point 1 on each unit
  gives back exactly the national started and lost clients);
- clients who leave (ended or lost) are clients without paid work or education, or clients
  who started this quarter (`vrij`: the unit's clients free to leave);
- a unit ends at most its stock at the end of the quarter.

`aanleveringen._stap` splits greedily, step by step, and meets the plan of every region in
all but a few quarters of the demo; where it does not (a unit that loses all its free
clients can end none, so that another unit of its region must start more than the region
plans), `bijgesteld` solves the split of those regions again, their sums as the greedy
split had them: as close as it can first to each region's plan (its E, G, O and stock, at
KOSTEN_REGIO a client), then to each unit's own (at KOSTEN_EENHEID a client, its ended
clients, its net flow and its stock). For all units of IPS at once the programme takes
15-60 s in some quarters (the greedy split meets the plan there); for the few regions
where it is needed, milliseconds. With it the demo misses 3 instead of 9 cells of Tabel
3.1: only the three no plan can keep.
"""

from __future__ import annotations

import numpy as np

from werkmonitor.demo.calibration import IJkFout, Programma, som

KOSTEN_REGIO = 100.0  # per client a region's E, G, O or stock differs from its plan
KOSTEN_EENHEID = 1.0  # per client a unit's E, net flow G - O or stock differs from its
# own plan (a region's plan comes first: a unit's share of it is a fraction, the region's
# a whole number Tabel 3.1 counts; the net flow, not G and O apart: a unit does only one)


class StapFout(RuntimeError):
    """No split of a quarter over the units carries its national numbers."""


def stap(rij, prev: np.ndarray, vrij: np.ndarray, doel: dict) -> tuple[np.ndarray, ...]:
    """Ended, started and lost clients per unit (`rij`: the E, G and O of these units
    together; `prev`: the units' stock; `vrij`: their clients free to leave; `doel`: per
    unit its planned S, E, G and O and its region's code). Returns (e, g, o) as whole
    numbers; StapFout when no split carries the sums."""
    n = len(prev)
    p = Programma()
    e = [p.var(f"e{i}") for i in range(n)]
    g = [p.var(f"g{i}") for i in range(n)]
    o = [p.var(f"o{i}") for i in range(n)]
    verliest = [p.var(f"z{i}", boven=1) for i in range(n)]
    starts = float(rij["G"])
    for k, xs in (("E", e), ("G", g), ("O", o)):
        p.gelijk({x: 1.0 for x in xs}, float(rij[k]))
    for i in range(n):
        p.rij({o[i]: 1.0, verliest[i]: -float(vrij[i])}, -np.inf, 0.0)  # loses only if z
        p.rij({g[i]: 1.0, verliest[i]: starts}, -np.inf, starts)  # starts only if not z
        p.rij({e[i]: 1.0, o[i]: 1.0, g[i]: -1.0}, -np.inf, float(vrij[i]))  # leave: free
        p.rij({e[i]: 2.0, o[i]: 1.0, g[i]: -1.0}, -np.inf, float(prev[i]))  # E <= S
        voorraad = {e[i]: -1.0, g[i]: 1.0, o[i]: -1.0}
        for k, expr, plan in (
            ("E", {e[i]: 1.0}, doel["E"][i]),
            ("N", {g[i]: 1.0, o[i]: -1.0}, doel["G"][i] - doel["O"][i]),
            ("S", voorraad, doel["S"][i] - prev[i]),
        ):
            p.absoluut(expr, KOSTEN_EENHEID, f"{k}{i}", doel=float(plan))
    for r in np.unique(doel["regio"]):
        idx = np.flatnonzero(doel["regio"] == r)
        delen = {k: som(*({x[i]: 1.0} for i in idx)) for k, x in (("E", e), ("G", g), ("O", o))}
        delen["S"] = som(delen["G"], {v: -1.0 for v in delen["E"]}, {v: -1.0 for v in delen["O"]})
        for k, expr in delen.items():
            plan = float(doel[k][idx].sum()) - (float(prev[idx].sum()) if k == "S" else 0.0)
            p.absoluut(expr, KOSTEN_REGIO, f"{k}@{r}", doel=round(plan))
    try:
        res = p._los(p.kosten, [], geheel=True)
    except IJkFout as fout:
        raise StapFout(f"Geen verdeling over de eenheden die dit kwartaal draagt: {fout}") from None
    x = np.rint(res.x).astype(np.int64)
    return tuple(np.array([x[p.namen[v]] for v in xs]) for xs in (e, g, o))


def verschil(prev: np.ndarray, doel: dict, e, g, o) -> np.ndarray:
    """Per region (`doel["regio"]`) how many clients its E, G, O and stock at the end of
    the quarter differ from its plan, in all (absolute differences added)."""
    regio = doel["regio"]
    uit = np.zeros(int(regio.max()) + 1 if len(regio) else 0)
    for k, x in (("E", e), ("G", g), ("O", o), ("S", prev - e + g - o)):
        plan = np.rint(np.bincount(regio, doel[k], minlength=len(uit)))
        uit += np.abs(np.bincount(regio, x, minlength=len(uit)) - plan)
    return uit


def bijgesteld(prev, vrij, doel, e, g, o) -> tuple[np.ndarray, ...]:
    """A split (e, g, o) that misses some region's plan (`verschil`), solved again over the
    units of those regions (`stap`, their sums as they were, so that the other regions and
    every national total stay); kept where it misses less. Returns (e, g, o)."""
    mist = verschil(prev, doel, e, g, o)
    if not mist.any():
        return e, g, o
    deel = np.isin(doel["regio"], np.flatnonzero(mist))
    sub = {k: (v[deel] if isinstance(v, np.ndarray) else v) for k, v in doel.items()}
    rij = {"E": e[deel].sum(), "G": g[deel].sum(), "O": o[deel].sum()}
    nieuw = stap(rij, prev[deel], vrij[deel], sub)
    if verschil(prev[deel], sub, *nieuw).sum() >= mist.sum():
        return e, g, o
    uit = [x.copy() for x in (e, g, o)]
    for x, y in zip(uit, nieuw, strict=True):
        x[deel] = y
    return tuple(uit)
