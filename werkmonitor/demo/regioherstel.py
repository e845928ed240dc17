"""Whole clients of the regional plan moved towards Tabel 3.1 where rounding missed it.

The regional plan's LP (`demo.regioplan`) meets most cells of Tabel 3.1 within their
tolerance, but its whole-client version (`regioplan._afgerond`: the LP values rounded
quarter by quarter, with the limits of the units) misses about two thirds of the cells the
plan misses: a region's yearly starts are four rounded quarters, a % with intended result
of a few ended clients moves by whole clients. This step moves single clients between two
regions of one traject in one quarter, with two kinds of move that leave every region's
stock S in every quarter as it was (and so the plan's series, steps and standstills; the
split over the units can still come out a client apart) and every national total:

- `start`: a client who started and ended in the quarter (G and E, and R when the ended
  client had the intended result) goes from one region to the other: the started and
  running clients of the year change by one, and the ended;
- `resultaat`: an ended client with intended result and one without swap regions (R).

A start goes only to a region whose ended clients stay within its stock at the end of the
quarter less one per unit (its units end at most half of the clients they keep, less half
a client each, as in `regioplan._afgerond`; so no start goes to a region without
clients), and not to a region of one unit that loses clients in that quarter (a unit cannot
start and lose clients in one quarter, Bijlage 3 point 1). The moves are greedy: each pass
takes, cell by missed cell, the move that lowers the misses most (first the number of
cells missed, then those missed within BINNEN of the tolerance, then how far beyond) without
a region and year missing more cells; it ends when no move helps.

A last pass (`_naar_ranglijsten`) does the same for chapter 3's risers and fallers: cells
that each lie within their tolerance can still turn two regions' growth around (Twente and
Achterhoek in the demo); start moves bring the regions the table names ahead, as long as no
region and year misses a cell more and no other statement of chapter 3 stops agreeing.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from werkmonitor.demo import regioplan, tabel31

KOLOMMEN = ("lopend_ips", "lopend_niet_ips", "gestart_ips", "gestart_niet_ips")
PCT = tabel31.PCT
MAX_RONDES = 20
# aim within this part of the tolerance of `demo.tabel31`, so that the split over the units
# may still differ a little: the demo missed 28 cells with 0,75, 30 with 0,5, 31 with 0,6,
# 49 with 0,9 and 32 with 1 (the greedy moves are not monotone in it; measured once the
# units follow the regional plan, `aanleveringen._stap`, and before the controlled rounding
# after this step, `demo.regioafronding`; before that 45, 53 with 0,5, 52 with 1)
BINNEN = 0.75


# Chapter 3's statements on the regions' change in running trajects (risers and fallers),
# which a last pass steers the plan to where the table's own numbers give them
RANGJAREN = ("2023", "2024")
MAX_RANGZETTEN = 60


def uitspraken(jaarcijfers: dict) -> dict[str, str]:
    """Chapter 3's statements about the regions (`hoofdstuk3.uitspraken`: top three by
    running and started trajects, highest and lowest % with result, risers, fallers, too
    small to rank, more than half with result) about the last of RANGJAREN, from
    `jaarcijfers` (regio, jaar) -> {lopend, gestart, pct}: the same rules in plain Python,
    for the thousands of moves the last pass weighs (test: the same statements)."""
    from werkmonitor.indicators.rankings import STANDAARD_MINIMUM
    from werkmonitor.regions import ONBEKEND

    eerder, nu = RANGJAREN
    regios = sorted({rg for rg, j in jaarcijfers if j == nu and rg != ONBEKEND})

    def w(rg, j, k):
        d = jaarcijfers.get((rg, j))
        return np.nan if d is None else d[k]

    def groot(rg):
        return all(
            (0 if np.isnan(w(rg, j, "lopend")) else w(rg, j, "lopend")) >= STANDAARD_MINIMUM
            for j in (eerder, nu)
        )

    def top(sleutel, kandidaten, hoogste=True):
        paren = [(sleutel(rg), rg) for rg in kandidaten if not np.isnan(sleutel(rg))]
        paren.sort(key=lambda x: (-x[0] if hoogste else x[0], x[1]))
        return ";".join(rg for _v, rg in paren[:3])

    def groei(rg):
        e_, n_ = w(rg, eerder, "lopend"), w(rg, nu, "lopend")
        return 100 * (n_ - e_) / e_ if e_ > 0 else np.nan

    grote = [rg for rg in regios if groot(rg)]
    stijgend = [rg for rg in grote if w(rg, nu, "lopend") > w(rg, eerder, "lopend")]
    dalend = [rg for rg in grote if w(rg, nu, "lopend") < w(rg, eerder, "lopend")]
    return {
        "meeste_lopend": top(lambda rg: w(rg, nu, "lopend"), regios),
        "meeste_gestart": top(lambda rg: w(rg, nu, "gestart"), regios),
        "hoogste_resultaat": top(lambda rg: w(rg, nu, "pct"), grote),
        "laagste_resultaat": top(lambda rg: w(rg, nu, "pct"), grote, False),
        "stijgers": top(groei, stijgend),
        "dalers": top(groei, dalend, False),
        "te_klein": ";".join(rg for rg in regios if not groot(rg)),
        "boven_helft": str(sum(1 for rg in grote if w(rg, nu, "pct") > 50)),
    }


def _jaarcijfers_van_stand(stand: dict) -> dict:
    """The plan's sums per region and year (`regioplan.jaarsommen`) as `uitspraken` reads
    them."""
    return {
        s: {
            "lopend": d["lopend_ips"] + d["lopend_niet_ips"],
            "gestart": d["gestart_ips"] + d["gestart_niet_ips"],
            "pct": 100 * d["r"] / d["e"] if d["e"] else np.nan,
        }
        for s, d in stand.items()
    }


def jaarcijfers_van_tabel(tabel: pd.DataFrame) -> dict:
    """A Tabel 3.1 (regio, jaar, ...) as `uitspraken` reads it."""
    return {
        (x.regio, str(x.jaar)): {
            "lopend": _getal(x.lopend_ips) + _getal(x.lopend_niet_ips),
            "gestart": _getal(x.gestart_ips) + _getal(x.gestart_niet_ips),
            "pct": float(getattr(x, PCT)) if pd.notna(getattr(x, PCT)) else np.nan,
        }
        for x in tabel.itertuples(index=False)
    }


def _getal(x) -> float:
    """A count of Tabel 3.1, an empty cell as 0 (as `hoofdstuk3.met_totalen`)."""
    return 0.0 if pd.isna(x) else float(x)


def _voorsprong(cijfers: dict, uitspraak: str, nu: str, doel: str) -> float:
    """How far the regions a statement should name (`doel`) are ahead of those it names
    instead (`nu`): the least difference in % change of running trajects (risers: the
    regions to name higher; fallers: lower)."""
    eerder, jaar = RANGJAREN
    moeten = [x for x in doel.split(";") if x and x not in nu.split(";")]
    zijn = [x for x in nu.split(";") if x and x not in doel.split(";")]

    def groei(rg):
        e_, n_ = cijfers[(rg, eerder)]["lopend"], cijfers[(rg, jaar)]["lopend"]
        return (n_ - e_) / e_ if e_ else np.nan

    teken = 1.0 if uitspraak == "stijgers" else -1.0
    verschillen = [teken * (groei(a) - groei(b)) for a in moeten for b in zijn]
    verschillen = [v for v in verschillen if not np.isnan(v)]
    return min(verschillen) if verschillen else 0.0


def _naar_ranglijsten(stand, doelen, zetten_voor, mogelijk, effect, probeer, stromen) -> None:
    """The last pass of `naar_tabel`: where the plan's risers or fallers (`uitspraken`) are
    not those of the published table, move started-and-ended clients (a `start` move) that
    bring the regions to name ahead of those named instead, the best move first, as long
    as no region and year misses a cell more and no other statement of chapter 3 that
    agreed stops agreeing. Changes `stand` and the flows `stromen` (G, E, R) in place."""
    g, e, r = stromen
    doel = uitspraken(jaarcijfers_van_tabel(doelen))
    for _ronde in range(MAX_RANGZETTEN):
        cijfers = _jaarcijfers_van_stand(stand)
        nu = uitspraken(cijfers)
        mis = [u for u in ("stijgers", "dalers") if nu[u] != doel[u]]
        if not mis:
            return
        goed = [u for u in doel if nu[u] == doel[u]]
        kandidaten = []
        for u in mis:
            voor = _voorsprong(cijfers, u, nu[u], doel[u])
            regios = set(nu[u].split(";")) ^ set(doel[u].split(";"))
            for regio in sorted(regios - {""}):
                for jaar in RANGJAREN:
                    for zet in zetten_voor(regio, jaar):
                        if zet[0] != "start" or (delen := mogelijk(*zet)) is None:
                            continue
                        _soort, tr, q, van, naar, _r = zet
                        wijziging = [
                            (rg, q[:4], effect(tr, rg, q, dg, de, dr))
                            for (_i, dg, de, dr), rg in zip(delen, (van, naar), strict=True)
                        ]
                        na = _na_zet(cijfers, stand, wijziging)
                        winst = _voorsprong(na, u, nu[u], doel[u]) - voor
                        if winst > 1e-12:
                            kandidaten.append((-winst, zet, delen, wijziging))
        for _w, _zet, delen, wijziging in sorted(kandidaten, key=lambda k: (k[0], k[1])):
            if probeer(wijziging) is None:
                continue  # a region and year would miss a cell more
            na = uitspraken(_na_zet(_jaarcijfers_van_stand(stand), stand, wijziging))
            if any(na[u] != doel[u] for u in goed):
                continue
            for i, dg, de, dr in delen:
                g[i], e[i], r[i] = g[i] + dg, e[i] + de, r[i] + dr
            for rg, j, d in wijziging:
                for k, v in d.items():
                    stand[(rg, j)][k] += v
            break
        else:
            return  # no move brings them closer


def _na_zet(cijfers: dict, stand: dict, wijziging) -> dict:
    """`cijfers` as they would be after the move `wijziging` (region, year, changes)."""
    na = dict(cijfers)
    for rg, j, d in wijziging:
        s = {k: stand[(rg, j)][k] + d.get(k, 0) for k in stand[(rg, j)]}
        na[(rg, j)] = _jaarcijfers_van_stand({(rg, j): s})[(rg, j)]
    return na


def _kosten(d: dict[str, int], cellen, binnen: float = 1.0) -> tuple[int, float]:
    """Cells of one region and year missed, and how far beyond their tolerance (in
    tolerances), against its target cells (`tabel31.doelcellen`), with the tolerance times
    `binnen`."""
    mis, ver = 0, 0.0
    for k, waarde, tolerantie in cellen:
        marge = binnen * tolerantie
        if k == PCT:
            te_ver = (abs(100 * d["r"] / d["e"] - waarde) if d["e"] else 100.0) - marge
        else:
            te_ver = abs(d[k] - waarde) - marge
        if te_ver > 0:
            mis, ver = mis + 1, ver + te_ver / marge
    return mis, ver


def naar_tabel(tabel: pd.DataFrame, doelen: pd.DataFrame, aantal: dict) -> pd.DataFrame:
    """`tabel` (traject, regio, periode, S, E, G, O, R; see `regioplan._afgerond`) with
    single clients moved between regions (see the module) so that it misses fewer cells of
    Tabel 3.1 (`doelen`); `aantal`: the number of units per (traject, region). A new
    frame; S, O and every national total as they were."""
    t = tabel.copy().reset_index(drop=True)
    rij = {
        (a, b, c): i for i, (a, b, c) in enumerate(zip(t.traject, t.regio, t.periode, strict=True))
    }
    g, e, r, o, voorraad = (t[k].to_numpy(dtype=float, na_value=np.nan).copy() for k in "GEROS")
    eerste: dict[tuple[str, str, str], str] = {}  # a series' first quarter in a year
    for tr, rg, q in sorted(rij):
        eerste.setdefault((tr, rg, q[:4]), q)
    doel = {(x.regio, x.jaar): x for x in doelen.itertuples(index=False)}
    stand = regioplan.jaarsommen(t)
    regios_van: dict[str, list[str]] = {}
    for tr, rg in dict.fromkeys((a, b) for a, b, _q in rij):
        regios_van.setdefault(tr, []).append(rg)
    kwartalen: dict[tuple[str, str, str], list[str]] = {}  # (traject, region, year) -> quarters
    for a, b, q in rij:
        kwartalen.setdefault((a, b, q[:4]), []).append(q)

    cellen = {s: tabel31.doelcellen(x._asdict()) for s, x in doel.items()}
    gewogen: dict[tuple, tuple[int, int, float]] = {}  # (region and year, its sums) -> kosten

    def kosten(sleutel) -> tuple[int, int, float]:
        """Cells missed; and missed, and how far, within BINNEN of the tolerance (kept per
        region and year and its sums: the same sums are weighed again and again)."""
        d = stand[sleutel]
        k = (sleutel, *d.values())
        if k not in gewogen:
            c = cellen.get(sleutel, [])
            gewogen[k] = (_kosten(d, c)[0], *_kosten(d, c, BINNEN))
        return gewogen[k]

    def effect(tr, rg, q, dg, de, dr) -> dict[str, int]:
        """How one region's sums of the year of `q` change."""
        soort = "ips" if tr == "ips" else "niet_ips"
        lopend = dg + (de if eerste[(tr, rg, q[:4])] == q else 0)
        return {f"lopend_{soort}": lopend, f"gestart_{soort}": dg, "e": de, "r": dr}

    def probeer(zetten) -> tuple[int, int, float] | None:
        """The change in `kosten` summed if `zetten` (region, year, changes) were made;
        None when a region and year would miss more cells."""
        sleutels = {(rg, j) for rg, j, _d in zetten}
        voor = {s: kosten(s) for s in sleutels}
        oud = {s: dict(stand[s]) for s in sleutels}
        for rg, j, d in zetten:
            for k, v in d.items():
                stand[(rg, j)][k] += v
        na = {s: kosten(s) for s in sleutels}
        for s in sleutels:
            stand[s] = oud[s]
        if any(na[s][0] > voor[s][0] for s in sleutels):
            return None
        return tuple(sum(na[s][i] - voor[s][i] for s in sleutels) for i in range(3))

    def zetten_voor(regio: str, jaar: str):
        """Candidate moves that change `regio` in `jaar`: (kind, traject, quarter, from, to,
        whether the client who moves had the intended result)."""
        for tr, regios in regios_van.items():
            if regio not in regios:
                continue
            for q in kwartalen.get((tr, regio, jaar), []):
                for ander in regios:
                    if ander == regio or (tr, ander, q) not in rij:
                        continue
                    for van, naar in ((ander, regio), (regio, ander)):
                        yield "start", tr, q, van, naar, 0
                        yield "start", tr, q, van, naar, 1
                        yield "resultaat", tr, q, van, naar, 1

    def mogelijk(soort, tr, q, van, naar, met_r):
        """The changes (row, G, E, R) of a move, or None when it cannot be made; `met_r`:
        the client who moves had the intended result."""
        i, j = rij[(tr, van, q)], rij[(tr, naar, q)]
        if soort == "resultaat":  # van gives an ended client with result, naar one without
            if r[i] < 1 or r[j] >= e[j]:
                return None
            return [(i, 0, 0, -1), (j, 0, 0, 1)]
        if np.isnan(g[i]) or g[i] < 1 or e[i] < 1 or r[i] < met_r or e[i] - r[i] < 1 - met_r:
            return None
        eenheden = aantal.get((tr, naar), 1)
        if e[j] + 1 > voorraad[j] - eenheden or (o[j] > 0 and eenheden == 1):
            return None  # the units end at most half of what they keep, less half a client
        return [(i, -1, -1, -met_r), (j, 1, 1, met_r)]

    for _ronde in range(MAX_RONDES):
        bewogen = False
        gemist = sorted(s for s in stand if kosten(s)[1] > 0)
        for regio, jaar in gemist:
            if kosten((regio, jaar))[1] == 0:
                continue
            beste = None
            for zet in zetten_voor(regio, jaar):
                delen = mogelijk(*zet)
                if delen is None:
                    continue
                _soort, tr, q, van, naar, _r = zet
                wijziging = [
                    (rg, q[:4], effect(tr, rg, q, dg, de, dr))
                    for (_i, dg, de, dr), rg in zip(delen, (van, naar), strict=True)
                ]
                winst = probeer(wijziging)
                if (
                    winst is not None
                    and winst < (0, 0, 0.0)
                    and (beste is None or winst < beste[0])
                ):
                    beste = (winst, delen, wijziging)
            if beste is None:
                continue
            _winst, delen, wijziging = beste
            for i, dg, de, dr in delen:
                g[i], e[i], r[i] = g[i] + dg, e[i] + de, r[i] + dr
            for rg, j, d in wijziging:
                for k, v in d.items():
                    stand[(rg, j)][k] += v
            bewogen = True
        if not bewogen:
            break
    _naar_ranglijsten(stand, doelen, zetten_voor, mogelijk, effect, probeer, (g, e, r))
    for k, w in (("G", g), ("E", e), ("R", r)):
        t[k] = pd.array([pd.NA if np.isnan(x) else int(x) for x in w], dtype=tabel[k].dtype)
    return t
