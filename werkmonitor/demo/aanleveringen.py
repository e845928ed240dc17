"""Synthetic demo deliveries: fictitious organisations, calibrated to the published figures.

Deterministic (fixed seed). The national quarterly plans come from `werkmonitor.calibration`
(a small integer programme on the published figures); this module distributes them over 42
visibly fictitious organisations ("Demo-ggz ...") and their regions, with the numbers of
providers per region of Tabel 3.1, every measure of Tabel B3.1 consistent with its totals,
and the untidiness of real deliveries (a missed quarter, a late delivery, a correction).
The deliveries are written as Excel workbooks and read in through the real intake.
docs/methoden.md (section "Demodata") describes the construction and what it cannot match.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

import numpy as np
import pandas as pd

from werkmonitor import regions, store, versie
from werkmonitor.demo import calibration, eenheidstap, regioplan
from werkmonitor.demo.calibration import verdeel
from werkmonitor.demo.voorbeeld import binnen
from werkmonitor.intake import deelname
from werkmonitor.intake.receive import inlezen, vooraf_gelezen
from werkmonitor.intake.template import schrijf_werkboek
from werkmonitor.paths import REFERENTIE
from werkmonitor.periods import Periode
from werkmonitor.processen import met_ouder_weg
from werkmonitor.vocab import (
    DUUR_DIENSTVERBAND,
    DUUR_EERSTE_BAAN,
    FINANCIERING,
    RESULTAAT_UWV,
    SOORT,
    STADIUM,
    TOTAAL,
    TRAJECTEN,
    TYPE,
    UITSTROOM_CATEGORIEEN,
)

ZAAD = 20251231
# the periods whose estimates the correction step of `simuleer` compares with their targets:
# the years (financing, sustained paid work) and the second half years (printed changes)
JAARTABELLEN = ("2023", "2024", "2023H2", "2024H2")
# how far a unit's financing mix strays from the nation's (`verdeel_tabel`'s noise): with the
# 30% of the other breakdowns the yearly estimates per unit (decision 7) missed the printed
# changes of financing by some 20 clients, more than their margin, and no correction caught it
FINANCIERING_RUIS = 0.1
BIJSTELLINGEN = 1  # correction steps at most; the distribution that misses least is kept
# (a second step missed as many targets: the units' noise between steps is about 20 clients)
EERSTE, LAATSTE = "2023Q1", "2025Q4"
LAATSTE_JAAR = "2024"  # the latest calendar year with published figures (annual report)

# Invented place names: every demo organisation is visibly fictitious ("Demo-ggz ...").
_NAMEN = (
    "Aalsveld Beekhoven Dorrewijk Elzendam Fijnaart-Oost Gravenlaan Heidebroek Ijsselhoek "
    "Kampervaart Lindeloo Meerstede Noordwaard Oosterzand Polderhof Ravensdal Schoonbeek "
    "Tienhoven-Zuid Uitwierde Valkenveen Westerbrug Zonnehoeve Akkerstede Blauwmeer Dijkzicht "
    "Eikenrode Goudplaat Hazelburg Kreekrand Langeveen Molenwaard Nieuwkade Oudeland Rietvoort "
    "Steenwijkerveld Terpstede Vlietzoom Wilgenhof Zeggeland Bosrand Duinhoek Heuvelstee Veenhaven"
).split()

# Number of organisations per traject (seed 001: 13 deliver jobcoaching, 2 WABZ).
_AANTAL_AANBIEDERS = {
    "ips": 40,
    "wabz": 2,
    "jobcoaching": 13,
    "werkfit": 9,
    "naar_werk": 7,
    "overig": 15,
}


@dataclass
class DemoOrganisatie:
    """A fictitious organisation: name, regions and trajects it delivers."""

    naam: str
    regios: list[str] = field(default_factory=list)
    trajecten: list[str] = field(default_factory=list)
    enige_regio: dict[str, str] = field(default_factory=dict)  # traject -> its one region

    def regios_van(self, traject: str) -> list[str]:
        """The regions where the organisation offers `traject`: a traject of
        `ALLEEN_HOOFDREGIO` in one of them only."""
        if traject in ALLEEN_HOOFDREGIO:
            return [self.enige_regio.get(traject, self.regios[0])]
        return list(self.regios)


def aanbieders_per_regio() -> dict[str, int]:
    """Providers per region (2024) from Tabel 3.1, by official region name."""
    t = pd.read_csv(REFERENTIE / "tabel_3_1_regio_2023_2024.csv")
    t = t[t["jaar"] == 2024]
    return {
        regions.officiele_naam(r): int(n)
        for r, n in zip(t["regio"], t["aantal_aanbieders"], strict=True)
    }


def regiogewichten() -> pd.DataFrame:
    """Relative size of each region for IPS and the other trajects (Tabel 3.1, 2024)."""
    t = pd.read_csv(REFERENTIE / "tabel_3_1_regio_2023_2024.csv")
    t = t[t["jaar"] == 2024].assign(regio=lambda d: d["regio"].map(regions.officiele_naam))
    return t.set_index("regio")[["lopend_ips", "lopend_niet_ips"]].fillna(0) + 1


def organisaties(rng: np.random.Generator) -> list[DemoOrganisatie]:
    """42 fictitious organisations; each region gets exactly its number of providers, and
    the trajects other than IPS go to the organisations of the regions where Tabel 3.1 has
    those trajects (`_plaats_trajecten`)."""
    orgs = [DemoOrganisatie(f"Demo-ggz {n}") for n in _NAMEN]
    nodig = aanbieders_per_regio()
    # big regions first; each takes the organisations with the fewest regions so far
    for regio in sorted(nodig, key=lambda r: (-nodig[r], r)):
        kandidaten = sorted(orgs, key=lambda o: (len(o.regios), rng.random()))
        for o in kandidaten[: nodig[regio]]:
            o.regios.append(regio)
    volgorde = list(rng.permutation(len(orgs)))
    for i in range(_AANTAL_AANBIEDERS["ips"]):
        orgs[volgorde[i]].trajecten.append("ips")
    _plaats_trajecten(orgs, rng)
    for o in orgs:
        o.trajecten = [t for t in TRAJECTEN if t in o.trajecten]
    return orgs


# Running trajects per traject in 2024 (the national plan, Bijlage 3 point 3), for placing
# the trajects other than IPS where Tabel 3.1 has them.
GROOTTE_2024 = {"wabz": 230, "werkfit": 555, "jobcoaching": 413, "overig": 537, "naar_werk": 88}


def niet_ips_per_regio() -> dict[str, float]:
    """Running trajects other than IPS per region in Tabel 3.1 (the larger of 2023 and
    2024; a hidden cell as 0)."""
    t = pd.read_csv(REFERENTIE / "tabel_3_1_regio_2023_2024.csv")
    t = t.assign(regio=t["regio"].map(regions.officiele_naam))
    return t.groupby("regio")["lopend_niet_ips"].max().fillna(0).to_dict()


def _plaats_trajecten(orgs: list[DemoOrganisatie], rng) -> None:
    """Give each traject other than IPS its number of providers (`_AANTAL_AANBIEDERS`),
    where Tabel 3.1 has the most of those clients still unplaced: the trajects with the most
    clients per provider first, each provider taken in turn by what its regions still need
    (a traject of `ALLEEN_HOOFDREGIO` counts the organisation's first region only). A
    region of Tabel 3.1 with such clients but no provider of them gets 'overige trajecten'
    from one of its organisations, and so does an organisation that has no traject yet."""
    rest = niet_ips_per_regio()
    volgorde = sorted(GROOTTE_2024, key=lambda t: -GROOTTE_2024[t] / _AANTAL_AANBIEDERS[t])
    toeval = {o.naam: rng.random() for o in orgs}
    for traject in volgorde:
        per_aanbieder = GROOTTE_2024[traject] / _AANTAL_AANBIEDERS[traject]
        for _ in range(_AANTAL_AANBIEDERS[traject]):
            vrij = [o for o in orgs if traject not in o.trajecten]
            enig = traject in ALLEEN_HOOFDREGIO

            def waar(o: DemoOrganisatie, enig=enig) -> list[str]:
                return [max(o.regios, key=rest.__getitem__)] if enig else o.regios

            def score(o: DemoOrganisatie) -> tuple[float, float]:
                return (sum(max(0.0, rest[r]) for r in waar(o)), toeval[o.naam])

            gekozen = max(vrij, key=score)
            gekozen.trajecten.append(traject)
            regios_ = waar(gekozen)
            if enig:
                gekozen.enige_regio[traject] = regios_[0]
            for r in regios_:
                rest[r] -= per_aanbieder / len(regios_)
    for regio, n in sorted(niet_ips_per_regio().items()):
        leden = [o for o in orgs if regio in o.regios]
        gedekt = any(t != "ips" and regio in o.regios_van(t) for o in leden for t in o.trajecten)
        if n > 0 and not gedekt:
            min(leden, key=lambda o: (len(o.trajecten), o.naam)).trajecten.append("overig")
    for o in orgs:  # every organisation delivers something
        if not o.trajecten:
            o.trajecten.append("overig")


def verdeel_tabel(rng, rijen: np.ndarray, kolommen, ruis: float = 0.3) -> np.ndarray:
    """A units x categories table of whole numbers with the given row totals (per unit) and
    column totals (national per category). Columns are filled one by one in proportion to
    what each unit still has room for (with some noise); the last column takes the rest, so
    both margins are exact."""
    rijen = np.asarray(rijen, dtype=np.int64)
    kolommen = np.asarray(kolommen, dtype=np.int64)
    if rijen.sum() != kolommen.sum():
        raise DemoFout(f"rij- en kolomtotalen verschillen: {rijen.sum()} en {kolommen.sum()}")
    rest = rijen.copy()
    uit = np.zeros((len(rijen), len(kolommen)), dtype=np.int64)
    for j, n in enumerate(kolommen[:-1]):
        gewicht = rest * rng.uniform(1 - ruis, 1 + ruis, len(rest))
        uit[:, j] = verdeel(n, gewicht, rest)
        rest = rest - uit[:, j]
    uit[:, -1] = rest
    return uit


@dataclass
class Stroom:
    """Per unit and quarter: stock S, outflow E, inflow G, lost O (G and O None when the
    quarter's flows are not computable)."""

    S: dict[str, np.ndarray] = field(default_factory=dict)
    E: dict[str, np.ndarray] = field(default_factory=dict)
    G: dict[str, np.ndarray] = field(default_factory=dict)
    O: dict[str, np.ndarray] = field(default_factory=dict)  # noqa: E741


def _plan_reeks(plan: pd.DataFrame, reeks: str) -> pd.DataFrame:
    """One solved series, indexed by quarter."""
    return plan[plan["reeks"] == reeks].set_index("periode")


def _werk_eerste(rij, n: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Paid work (or education) in its first quarter: stock, started, stopped per unit."""
    x = verdeel(rij["S"], n + 1e-9, n)
    return x, verdeel(rij["G"], x, x), verdeel(rij["E"], n - x + 1, n - x)


def _werk_uit(rij, prev: np.ndarray, vertrek: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Stopped and lost paid work (or education) in a later quarter, per unit: in
    proportion to the unit's workers, more where the unit is to shrink this quarter
    (`vertrek`, a share per unit), so that the clients who leave can be clients without
    work."""
    e = verdeel(rij["E"], (prev + 1) * (0.05 + vertrek) ** 2, prev)
    o = verdeel(rij["O"], (prev - e + 1) * (0.05 + vertrek) ** 2, prev - e)
    return e, o


def _werk_in(rij, basis: np.ndarray, n: np.ndarray, aandeel: float) -> np.ndarray:
    """Started paid work (or education), towards the typical share of each unit's clients."""
    return verdeel(rij["G"], np.maximum(0, aandeel * n - basis) + 0.1, n - basis)


def verdeel_trajecten(
    rng,
    plan: pd.DataFrame,
    gewicht: np.ndarray,
    werk: list[tuple[pd.DataFrame, float]],
    doelen: dict[str, dict[str, np.ndarray]] | None = None,
) -> tuple[Stroom, list[Stroom]]:
    """Distribute a traject's national running, ended, started and lost clients over units,
    together with its paid work and education (`werk`: plan and typical share).

    Each unit follows a plan of its own (`doelen`: quarter -> S, E, G, O per unit, its share
    of its region's plan in `demo.regioplan`; without, its weight's share of the national
    plan): lost clients go to the units that plan to lose or are furthest above their
    stock, starts to the units that plan to start or fall short, ended clients in
    proportion to the planned ones. Every quarter a unit either starts or loses clients, so
    that Bijlage 3 point 1 on each unit gives back exactly the national started and lost
    clients. Ended never exceeds running in a unit, and clients who leave (ended or lost)
    are clients without paid work or education, so a unit never has more workers than
    clients.
    """
    uit = Stroom()
    werkuit = [Stroom() for _ in werk]
    vorige = None
    for q, rij in plan.iterrows():
        doel = (
            doelen[q]
            if doelen is not None
            else {
                **{k: gewicht / gewicht.sum() * float(rij[k] or 0) for k in "SEGO"},
                "regio": np.zeros(len(gewicht), dtype=np.int64),
            }
        )
        if vorige is None:  # region first, so that rounding per unit does not move regions
            regio = doel["regio"]
            overal = np.full(len(gewicht), float(rij["S"]))
            s = _regio_eerst(rij["S"], doel["S"] + 1e-9, overal, regio, doel["S"])
            cap = s // 2 + s % 2
            e = _regio_eerst(rij["E"], doel["E"] + 1e-3 * s, cap, regio, doel["E"])
            uit.S[q], uit.E[q] = s, e
            for (wplan, _a), w in zip(werk, werkuit, strict=True):
                w.S[q], w.G[q], w.E[q] = _werk_eerste(wplan.loc[q], s)
            vorige = q
            continue
        prev = uit.S[vorige]
        vertrek = np.clip(
            (doel["E"] + doel["O"] + np.maximum(0.0, prev - doel["S"])) / np.maximum(prev, 1),
            0.0,
            1.0,
        )
        werkstroom = [
            _werk_uit(wplan.loc[q], w.S[vorige], vertrek)
            for (wplan, _a), w in zip(werk, werkuit, strict=True)
        ]
        houd = np.zeros(len(prev), dtype=np.int64)
        for w, (e_w, o_w) in zip(werkuit, werkstroom, strict=True):
            houd = np.maximum(houd, w.S[vorige] - e_w - o_w)
        vrij = prev - houd  # clients that may leave: without paid work or education left
        e, g, o = eenheidstap.bijgesteld(prev, vrij, doel, *_stap(rng, rij, prev, vrij, q, doel))
        uit.S[q], uit.E[q], uit.G[q], uit.O[q] = prev - e + g - o, e, g, o
        for (wplan, aandeel), w, (e_w, o_w) in zip(werk, werkuit, werkstroom, strict=True):
            basis = w.S[vorige] - e_w - o_w
            g_w = _werk_in(wplan.loc[q], basis, uit.S[q], aandeel)
            w.S[q], w.E[q], w.G[q], w.O[q] = basis + g_w, e_w, g_w, o_w
        vorige = q
    return uit, werkuit


def _verliezers(rng, rij, prev, vrij, doel) -> tuple[np.ndarray, np.ndarray]:
    """The units that lose clients this quarter and how many at most. In each region that
    plans to lose clients (or is above its planned stock): its units with the most clients
    free to leave (with some chance among equals), enough to carry half as much again as
    the region plans to lose, keeping a unit for the starts when the region also plans
    starts; then, when that cannot carry the quarter's lost clients, other units by room,
    keeping at least one unit for the starts; when the units so chosen still cannot carry
    them, the units with the most free clients. Returns (losers, room)."""
    boven = np.maximum(0.0, prev - doel["S"])
    orde = vrij * rng.uniform(0.8, 1.2, len(prev))
    verliezers = np.zeros(len(prev), dtype=bool)
    for r in np.unique(doel["regio"]):
        idx = np.flatnonzero(doel["regio"] == r)
        verlies = doel["O"][idx].sum() + boven[idx].sum()
        if verlies < 0.5:
            continue
        houd_over = 1 if doel["G"][idx].sum() >= 0.5 and len(idx) > 1 else 0
        for i in idx[np.argsort(-orde[idx], kind="stable")][: len(idx) - houd_over]:
            if vrij[i] <= 0:
                continue
            verliezers[i] = True
            if vrij[idx][verliezers[idx]].sum() >= 1.5 * verlies:
                break
    max_verliezers = len(prev) - 1 if rij["G"] > 0 else len(prev)
    for i in np.argsort(-orde, kind="stable"):
        if vrij[verliezers].sum() >= rij["O"] or verliezers.sum() >= max_verliezers:
            break
        if vrij[i] > 0:
            verliezers[i] = True
    if rij["G"] > 0 and verliezers.all():  # some unit must take the starts
        verliezers[np.argmax(doel["G"] - doel["O"] - boven)] = False
    if vrij[verliezers].sum() < rij["O"]:  # the regions' choice cannot carry the quarter:
        verliezers[:] = False  # the units with the most clients free to leave instead
        for i in np.argsort(-vrij, kind="stable")[:max_verliezers]:
            if vrij[verliezers].sum() >= rij["O"]:
                break
            verliezers[i] = vrij[i] > 0
    return verliezers, np.where(verliezers, vrij, 0)


def _regio_eerst(totaal: int, gewicht, cap, regio, gepland) -> np.ndarray:
    """`totaal` over the units: first each region its planned number (`gepland`: per
    unit, summed per region and rounded) within its units' caps, by `gewicht`; what does
    not fit, over all units with room left, by `gewicht`."""
    cap = np.asarray(cap, dtype=float)
    gewicht = np.asarray(gewicht, dtype=float) + 1e-9
    x = np.zeros(len(cap), dtype=np.int64)
    for r in np.unique(regio):
        idx = np.flatnonzero(regio == r)
        deel = min(int(round(float(np.sum(gepland[idx])))), int(cap[idx].sum()))
        if deel > 0:
            x[idx] = verdeel(deel, gewicht[idx], cap[idx])
    over = min(int(totaal) - int(x.sum()), int(round(float((cap - x).sum()))))
    if over > 0:
        x = x + verdeel(over, gewicht * (cap - x > 0), cap - x)
    elif over < 0:  # the regions planned more than the total: take back by weight
        x = x - verdeel(-over, gewicht * (x > 0), x)
    return x


def _alleen_regio(totaal: int, gewicht, cap, regio, gepland) -> np.ndarray:
    """The regions' own part of `_regio_eerst`: each region its planned number (`gepland`
    per unit, summed and rounded) within its units' caps, at most `totaal` in all, and
    nothing beyond (what the regions cannot take is not handed to other regions here)."""
    cap = np.asarray(cap, dtype=float)
    eigen = 0
    for r in np.unique(regio):
        idx = regio == r
        eigen += max(0, min(int(round(float(np.sum(gepland[idx])))), int(cap[idx].sum())))
    return _regio_eerst(min(int(totaal), eigen), gewicht, cap, regio, gepland)


def _stap(rng, rij, prev, vrij, q, doel) -> tuple[np.ndarray, ...]:
    """Ended, started and lost clients per unit in a quarter after the first (`rij`: the
    national totals; `prev`: the units' stock; `vrij`: their clients without work or
    education, who may leave; `doel`: their plan, see `verdeel_trajecten`). Each region
    gets its planned numbers where its units can carry them (`_regio_eerst`); the rest
    goes where there is room. What a region still has to get after a step is its plan less
    what its units got, summed over the region (a unit that got more than its share, such
    as starts it needs to carry its ended clients, counts against its own region's plan,
    not against the regions that plan the most)."""
    regio = doel["regio"]
    o = np.zeros(len(prev), dtype=np.int64)
    verliezers = np.zeros(len(prev), dtype=bool)
    if rij["O"] > 0:
        verliezers, ruimte = _verliezers(rng, rij, prev, vrij, doel)
        gewicht_o = doel["O"] + np.maximum(0.0, prev - doel["S"]) + 0.01 * ruimte
        o = _regio_eerst(rij["O"], np.where(verliezers, gewicht_o, 0), ruimte, regio, doel["O"])
        if o.sum() != rij["O"]:
            o = verdeel(rij["O"], np.where(verliezers, gewicht_o, 0), ruimte)
        verliezers = o > 0  # a unit chosen to lose but given nobody to lose may start
    # ended, in four steps, so that a region's plan is not given away before its turn: each
    # region its planned number within half of what its units keep (free clients, whom no
    # start has to replace); then what it planned beyond that, in its units that start
    # (clients can start and end in the same quarter); then what is left of the national
    # number where there is room within half; then in units that start
    helft = np.minimum(vrij - o, (prev - o) // 2)
    gewicht_e = doel["E"] + 0.01 * (prev + 1)
    starters = np.where(verliezers, 0, rij["E"])
    e = _alleen_regio(rij["E"], gewicht_e, helft, regio, doel["E"])
    e = e + _alleen_regio(
        rij["E"] - e.sum(),
        np.where(verliezers, 0, gewicht_e),
        starters,
        regio,
        doel["E"] - e,
    )
    ruimte = np.maximum(0, helft - e)
    e = e + verdeel(min(rij["E"] - e.sum(), ruimte.sum()), gewicht_e * (ruimte > 0), ruimte)
    e = e + verdeel(rij["E"] - e.sum(), np.where(verliezers, 0, gewicht_e), starters)
    # starts needed so that ended <= running and the workers keep fitting
    nodig = np.maximum.reduce(
        [np.zeros(len(prev), dtype=np.int64), 2 * e - (prev - o), e + o - vrij]
    )
    if nodig.sum() > rij["G"]:
        raise DemoFout(f"{q}: te weinig starts om de beëindigde trajecten te dragen")
    # starts as planned, and where units fall short of their planned stock
    tekort = np.maximum(0.0, doel["S"] - (prev - e - o + nodig))
    trek = np.maximum(doel["G"], tekort) + 1e-6 * (prev + 1)
    open_ = np.where(verliezers, 0, rij["G"])
    g = nodig + _regio_eerst(
        rij["G"] - nodig.sum(),
        np.where(verliezers, 0, trek),
        open_,
        regio,
        doel["G"] - nodig,
    )
    return e, g, o


def doelen_per_eenheid(
    rp: regioplan.RegioPlan, traject: str, eenheden_: list[tuple[str, str]], gewicht
) -> dict[str, dict[str, np.ndarray]]:
    """Per quarter: each unit's planned stock, ended, started and lost clients (S, E, G,
    O), its weight's share (`gewicht`) of its region's plan (`rp`)."""
    regio = np.array([r for _o, r in eenheden_])
    code = pd.factorize(pd.Series(regio))[0]
    uit: dict[str, dict[str, np.ndarray]] = {}
    for r in np.unique(regio):
        idx = np.flatnonzero(regio == r)
        deel = gewicht[idx] / gewicht[idx].sum()
        for q, rij in rp.reeks(traject, r).iterrows():
            doel = uit.setdefault(q, {**{k: np.zeros(len(regio)) for k in "SEGO"}, "regio": code})
            for k in "SEGO":
                doel[k][idx] = deel * (0.0 if pd.isna(rij[k]) else float(rij[k]))
    return uit


def met_resultaat_per_eenheid(
    rp: regioplan.RegioPlan, traject: str, q: str, regio: np.ndarray, eind, totaal: int
) -> np.ndarray:
    """Per unit: its ended clients with intended result, `totaal` over all units: each
    region its planned share of ended clients with result (`rp`: R / E of the region's
    plan) of the clients its units end, within them (`_regio_eerst`). The share, not the
    planned number: where the units end more or fewer clients than the region's plan,
    Tabel 3.1's percentage stays. (The year's share instead of the quarter's missed more
    of Tabel 3.1: the national number with result of each quarter is fixed.)"""
    t = rp.tabel[(rp.tabel["traject"] == traject) & (rp.tabel["periode"] == q)].set_index("regio")
    r_, e_ = t["R"].astype(float), t["E"].astype(float)
    aandeel = (r_ / e_.where(e_ > 0)).fillna(0.0)
    eind = np.asarray(eind, dtype=float)
    gepland = np.array([aandeel.get(r, 0.0) for r in regio]) * eind
    return _regio_eerst(totaal, eind, eind, regio, gepland)


# Small trajects are offered by an organisation in one of its regions only.
ALLEEN_HOOFDREGIO = frozenset({"wabz", "werkfit", "naar_werk"})
AANDEEL_WERK = {"ips": 0.357, "wabz": 0.19, "overig": 0.30}
AANDEEL_OPLEIDING = 0.084
# relative chance of paid work by IPS type: EPA lower than CMD (seed 001, "Betaald werk")
WERK_PER_TYPE = {"epa": 0.92, "cmd": 1.12, "ander": 1.0}


def aandeel_zonder_regio() -> float:
    """The share of the national running trajects that Tabel 3.1 does not place in a region:
    the region sums of 2023 and 2024 against the national totals of the annual report,
    together. The demo carries it as registrations on a row 'Regio onbekend'."""
    t = pd.read_csv(REFERENTIE / "tabel_3_1_regio_2023_2024.csv")
    regio = (t["lopend_ips"].fillna(0) + t["lopend_niet_ips"].fillna(0)).groupby(t["jaar"]).sum()
    ref = calibration.referentie()
    land = sum(calibration.gepubliceerd(ref, str(j), "totaal", "lopend") for j in regio.index)
    return float(1 - regio.sum() / land)


# the trajects whose organisations register some clients without a known region, and
# which organisations do (every third that offers the traject)
ZONDER_REGIO = frozenset({"ips", "jobcoaching", "overig"})


def eenheden(orgs, traject: str) -> list[tuple[str, str]]:
    """The units (organisation, region) of a traject: each organisation that offers it in
    each of its regions where it does (`DemoOrganisatie.regios_van`), and for the trajects
    of `ZONDER_REGIO` every third such organisation also without a known region
    (`regions.ONBEKEND`)."""
    aanbieders = [o for o in orgs if traject in o.trajecten]
    uit = [(o.naam, r) for o in aanbieders for r in o.regios_van(traject)]
    if traject in ZONDER_REGIO:
        uit += [(o.naam, regions.ONBEKEND) for o in aanbieders[::3]]
    return uit


def _eenheidsgewichten(rng, orgs, traject: str) -> tuple[list[tuple[str, str]], np.ndarray]:
    """The units of a traject (`eenheden`) and their relative size within their region:
    a region's size (Tabel 3.1) shared by the organisations that work there, with chance;
    the units without a known region together the share `aandeel_zonder_regio`. With a
    regional plan (`demo.regioplan`) only the sizes within a region matter."""
    gewichten = regiogewichten()
    kol = "lopend_ips" if traject == "ips" else "lopend_niet_ips"
    alle = eenheden(orgs, traject)
    bekend = [(o, r) for o, r in alle if r != regions.ONBEKEND]
    zonder = [(o, r) for o, r in alle if r == regions.ONBEKEND]
    per_regio = pd.Series([r for _, r in bekend]).value_counts()
    w = np.array([gewichten.loc[r, kol] / per_regio[r] * rng.uniform(0.5, 1.5) for _, r in bekend])
    if zonder:
        aandeel = aandeel_zonder_regio()
        extra = rng.uniform(0.5, 1.5, len(zonder))
        w = np.concatenate([w, extra / extra.sum() * w.sum() * aandeel / (1 - aandeel)])
    return bekend + zonder, w / w.sum()


def _werk_per_type(rng, typ: np.ndarray, n: int) -> np.ndarray:
    """`n` workers drawn from a unit's IPS clients by type (`typ`: EPA, CMD, other), without
    replacement, an EPA client somewhat less likely to work than a CMD client
    (`WERK_PER_TYPE`); never more workers of a type than clients of it."""
    if n <= 0:
        return np.zeros(len(typ), dtype=np.int64)
    soort = np.repeat(np.arange(len(typ)), typ)
    kans = np.array([WERK_PER_TYPE[c] for c in TYPE])[soort]
    gekozen = rng.choice(len(soort), size=int(n), replace=False, p=kans / kans.sum())
    return np.bincount(soort[gekozen], minlength=len(typ)).astype(np.int64)


def _uitstroom_per_eenheid(rng, eind, met, kolommen, cats, dim) -> np.ndarray:
    """Ended per unit and category of `dim` (uitstroom or resultaat): the categories with
    intended result (Bijlage 3 point 6) fill each unit's `met`, the others the rest."""
    is_met = np.array([c in regioplan.MET_RESULTAAT[dim] for c in cats])
    tabel = np.zeros((len(eind), len(cats)), dtype=np.int64)
    tabel[:, is_met] = verdeel_tabel(rng, met, kolommen[is_met])
    tabel[:, ~is_met] = verdeel_tabel(rng, eind - met, kolommen[~is_met])
    return tabel


def _kwartaalwaarden(rng, traject, q, st, werk, opl, nat, met) -> dict[tuple, np.ndarray]:
    """Every registered value of every unit of a traject in one quarter (arrays over units),
    consistent with the unit totals and adding up to the national counts `nat`; `met`: the
    ended with intended result per unit."""

    def kol(maat, dim, cats):
        return np.array([nat[(traject, q, maat, dim, c)] for c in cats], dtype=np.int64)

    def zet(maat, dim, cats, tabel):
        for j, c in enumerate(cats):
            w[(maat, dim, c)] = tabel[:, j]

    lopend, eind = st.S[q], st.E[q]
    w: dict[tuple, np.ndarray] = {("lopend", TOTAAL, TOTAAL): lopend}
    fin = verdeel_tabel(rng, lopend, kol("lopend", "financiering", FINANCIERING), FINANCIERING_RUIS)
    zet("lopend", "financiering", FINANCIERING, fin)
    w[("beeindigd", TOTAAL, TOTAAL)] = eind
    if traject == "ips":
        typ = verdeel_tabel(rng, lopend, kol("lopend", "type", TYPE))
        zet("lopend", "type", TYPE, typ)
        zet(
            "lopend",
            "stadium",
            STADIUM,
            verdeel_tabel(rng, lopend, kol("lopend", "stadium", STADIUM)),
        )
        zet(
            "beeindigd",
            "stadium",
            STADIUM,
            verdeel_tabel(rng, eind, kol("beeindigd", "stadium", STADIUM)),
        )
    dim, cats = (
        ("resultaat", RESULTAAT_UWV)
        if traject in ("werkfit", "naar_werk")
        else ("uitstroom", UITSTROOM_CATEGORIEEN)
    )
    uit = _uitstroom_per_eenheid(rng, eind, met, kol("beeindigd", dim, cats), cats, dim)
    zet("beeindigd", dim, cats, uit)
    if werk is not None:
        bw = werk.S[q]
        bw_fin = np.array([binnen(rng, f, b) for f, b in zip(fin, bw, strict=True)])
        d = verdeel(nat[(traject, q, "duurzaam_betaald_werk", TOTAAL, TOTAAL)], bw, bw)
        d_fin = np.array([binnen(rng, f, n) for f, n in zip(bw_fin, d, strict=True)])
        extra = nat[(traject, q, "ooit_betaald_werk", TOTAAL, TOTAAL)] - bw.sum()
        extra_u = verdeel(extra, lopend - bw + 1, lopend - bw)
        ooit_fin = bw_fin + np.array(
            [binnen(rng, f - b, n) for f, b, n in zip(fin, bw_fin, extra_u, strict=True)]
        )
        for naam, tabel in (
            ("betaald_werk", bw_fin),
            ("duurzaam_betaald_werk", d_fin),
            ("ooit_betaald_werk", ooit_fin),
        ):
            w[(naam, TOTAAL, TOTAAL)] = tabel.sum(axis=1)
            zet(naam, "financiering", FINANCIERING, tabel)
        w[("gestart_betaald_werk", TOTAAL, TOTAAL)] = werk.G[q]
        w[("gestopt_betaald_werk", TOTAAL, TOTAAL)] = werk.E[q]
        for c in SOORT:
            n = nat[(traject, q, "onbetaald_werk", "soort", c)]
            w[("onbetaald_werk", "soort", c)] = verdeel(n, lopend + 1, lopend)
        if traject == "ips":
            bw_typ = np.array([_werk_per_type(rng, t, b) for t, b in zip(typ, bw, strict=True)])
            d_typ = np.array([binnen(rng, t, n) for t, n in zip(bw_typ, d, strict=True)])
            zet("betaald_werk", "type", TYPE, bw_typ)
            zet("duurzaam_betaald_werk", "type", TYPE, d_typ)
            duur = verdeel_tabel(
                rng, ooit_fin.sum(axis=1), kol("duur_tot_eerste_baan", "duur", DUUR_EERSTE_BAAN)
            )
            zet("duur_tot_eerste_baan", "duur", DUUR_EERSTE_BAAN, duur)
            w[("opleiding", TOTAAL, TOTAAL)] = opl.S[q]
            w[("gestart_opleiding", TOTAAL, TOTAAL)] = opl.G[q]
            w[("gestopt_opleiding", TOTAAL, TOTAAL)] = opl.E[q]
    if traject == "jobcoaching":
        duur = verdeel_tabel(rng, lopend, kol("duur_dienstverband", "duur", DUUR_DIENSTVERBAND))
        zet("duur_dienstverband", "duur", DUUR_DIENSTVERBAND, duur)
    return w


def regioplan_van(ij: calibration.Ijking, orgs) -> regioplan.RegioPlan:
    """The national plan split over the regions of the organisations' units, with Tabel
    3.1 as target (`demo.regioplan`); kept in build/ijking/ beside the calibration, per
    state of the demo's code and of these inputs (≈ 14 s to solve)."""
    resultaat = regioplan.met_resultaat(ij.uitsplitsingen)
    regios = {t: [r for _o, r in eenheden(orgs, t)] for t in TRAJECTEN}
    invoer = f"{ij.trajecten.to_csv()}|{sorted(resultaat.items())}|{regios}"
    return calibration.bewaard(
        calibration.bewaarbestand("regio-", invoer),
        lambda: regioplan.regio_plan(ij.trajecten, resultaat, regios),
    )


def _verdeel(ij: calibration.Ijking, orgs, zaad: int, rp: regioplan.RegioPlan) -> pd.DataFrame:
    """Distribute a calibration over the organisations' units, region by region as the
    regional plan `rp` says: tidy registrations."""
    nat = ij.uitsplitsingen.set_index(["traject", "periode", "maat", "dimensie", "categorie"])
    nat = nat["waarde"].to_dict()
    rijen = []
    for k, traject in enumerate(TRAJECTEN):
        # a random stream per traject for its units and flows, and one for its breakdowns:
        # a change in one traject's breakdowns (the correction step of `simuleer`) leaves the
        # flows of every traject, and so Tabel 3.1 and the regions' series, as they were
        rng = np.random.default_rng([zaad + 1, k, 0])
        rng_uitsplitsing = np.random.default_rng([zaad + 1, k, 1])
        eenheden_, gewicht = _eenheidsgewichten(rng, orgs, traject)
        plannen = []
        if traject in AANDEEL_WERK:
            plannen.append((_plan_reeks(ij.werk, f"betaald_werk:{traject}"), AANDEEL_WERK[traject]))
        if traject == "ips":
            plannen.append((_plan_reeks(ij.werk, "opleiding:ips"), AANDEEL_OPLEIDING))
        st, werkstromen = verdeel_trajecten(
            rng,
            _plan_reeks(ij.trajecten, traject),
            gewicht,
            plannen,
            doelen_per_eenheid(rp, traject, eenheden_, gewicht),
        )
        werk = werkstromen[0] if werkstromen else None
        opl = werkstromen[1] if len(werkstromen) > 1 else None
        regios_ = np.array([r for _o, r in eenheden_])
        plan_r = rp.tabel[rp.tabel["traject"] == traject].groupby("periode")["R"].sum()
        for q in st.S:
            met = met_resultaat_per_eenheid(rp, traject, q, regios_, st.E[q], int(plan_r[q]))
            waarden = _kwartaalwaarden(rng_uitsplitsing, traject, q, st, werk, opl, nat, met)
            for i, (org, regio) in enumerate(eenheden_):
                for (maat, dim, cat), arr in waarden.items():
                    rijen.append((q, org, regio, traject, maat, dim, cat, int(arr[i])))
    cols = ["periode", "organisatie", "regio", "traject", "maat", "dimensie", "categorie", "waarde"]
    return pd.DataFrame(rijen, columns=cols)


def simuleer(zaad: int = ZAAD) -> tuple[list[DemoOrganisatie], pd.DataFrame]:
    """Distribute the calibrated national plans (`werkmonitor.calibration`) over the
    regions (`demo.regioplan`, Tabel 3.1) and within them over the fictitious organisations,
    with up to BIJSTELLINGEN correction steps for the yearly proportion estimates (each adds
    what the last distribution missed, `calibration.bijstelling`), keeping the distribution
    that misses the published yearly breakdowns and the printed changes of financing least
    (the units' noise can make a step overshoot; the breakdowns draw from random streams of
    their own, so they are all that differs between the distributions). Returns the
    organisations and a tidy frame (periode, organisatie, regio, traject, maat, dimensie,
    categorie, waarde)."""
    from werkmonitor.indicators.table import periodetabel

    orgs = organisaties(np.random.default_rng(zaad))
    ij = calibration.ijk()
    rp = regioplan_van(ij, orgs)
    verdeling = _verdeel(ij, orgs, zaad, rp)
    jaren = {j: periodetabel(verdeling, j) for j in JAARTABELLEN}
    beste = (calibration.gemist_na_verdeling(jaren), verdeling)
    bijstelling: dict = {}
    for _ in range(BIJSTELLINGEN):
        bijstelling = calibration.bijstelling(jaren, bijstelling)
        verdeling = _verdeel(calibration.bijgesteld(ij, bijstelling), orgs, zaad, rp)
        jaren = {j: periodetabel(verdeling, j) for j in JAARTABELLEN}
        gemist = calibration.gemist_na_verdeling(jaren)
        if gemist <= beste[0]:
            beste = (gemist, verdeling)
        if gemist[0] == 0:  # every corrected target within its tolerance
            break
    return orgs, beste[1]


def werkboekbladen(data: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """One organisation-quarter of tidy data as sheets: traject -> region x column key."""
    bladen = {}
    for traject, deel in data.groupby("traject", sort=False):
        breed = deel.pivot_table(
            index="regio", columns=["maat", "dimensie", "categorie"], values="waarde", aggfunc="sum"
        )
        bladen[traject] = breed
    return {t: bladen[t] for t in TRAJECTEN if t in bladen}


def ontvangstmoment(periode: str) -> datetime:
    """When a demo delivery arrives: three weeks after the end of its quarter."""
    p = Periode.lees(periode)
    volgend = p.volgende()
    return datetime(volgend.jaar, 3 * volgend.nummer - 2, 1, 9, 0) + timedelta(days=21)


@dataclass(frozen=True)
class Onregelmatigheden:
    """The untidiness of real deliveries that the demo shows (docs/methoden.md):
    an organisation that misses a quarter, one that delivers late, one that corrects a
    quarter (the first, wrong version stays in the history)."""

    overslaan: tuple[str, str]  # (organisation, quarter not delivered)
    laat: tuple[str, str]  # (organisation, quarter delivered eight weeks late)
    correctie: tuple[str, str]  # (organisation, quarter delivered twice)


def onregelmatigheden(orgs: list[DemoOrganisatie]) -> Onregelmatigheden:
    """Chosen by rule among the organisations that deliver IPS only (so that the published
    numbers of providers per traject in 2025Q4 are not touched)."""
    alleen_ips = [o.naam for o in orgs if o.trajecten == ["ips"]]
    return Onregelmatigheden(
        overslaan=(alleen_ips[0], "2025Q1"),
        laat=(alleen_ips[1], LAAT),
        correctie=(alleen_ips[2], CORRECTIE),
    )


LAAT = "2025Q4"  # the quarter of the demo's late delivery (eight weeks after the others)
CORRECTIE = "2025Q3"  # the quarter of its correction (thirty days after the first version)


def publicatiedagen() -> list[tuple[str, date]]:
    """The demo's publications (`werkmonitor publiceer`), so that its site shows revisions:
    the quarter with the correction ten days after its deliveries arrived (before the
    correction), and the quarter with the late delivery three days after (before it
    arrives, and before the deadline: its figures are provisional then)."""
    return [
        (CORRECTIE, (ontvangstmoment(CORRECTIE) + timedelta(days=10)).date()),
        (LAAT, (ontvangstmoment(LAAT) + timedelta(days=3)).date()),
    ]


def _met_fout(deel: pd.DataFrame) -> pd.DataFrame:
    """A first version with a mistake that passes every check: five IPS clients too many in
    the first region (total, financing, type and stage all raised alike)."""
    regio = sorted(deel["regio"].unique())[0]
    sleutels = {
        ("lopend", TOTAAL, TOTAAL),
        ("lopend", "financiering", "gemeente"),
        ("lopend", "type", "epa"),
        ("lopend", "stadium", "goedgekeurd"),
    }
    fout = deel.copy()
    raak = (fout["regio"] == regio) & (fout["traject"] == "ips")
    raak &= pd.Series(
        [
            (m, d, c) in sleutels
            for m, d, c in zip(fout["maat"], fout["dimensie"], fout["categorie"], strict=True)
        ],
        index=fout.index,
    )
    fout.loc[raak, "waarde"] += 5
    return fout


def plan_aanleveringen(
    map_: Path, zaad: int = ZAAD
) -> list[tuple[Path, str, str, pd.DataFrame, datetime]]:
    """Every demo delivery, in order of receipt: (file to write under `map_/<periode>/`,
    organisation, quarter, its tidy registrations, moment of receipt), with the untidiness
    of `onregelmatigheden`. Nothing is written; the sheets are made where the file is
    written (`_schrijf`, in a worker process)."""
    orgs, data = simuleer(zaad)
    ander = onregelmatigheden(orgs)
    uit = []
    for (periode, org), deel in data.groupby(["periode", "organisatie"], sort=True):
        if (org, periode) == ander.overslaan:
            continue
        pad = Path(map_) / periode / f"{regions.slug(org)}_{periode}.xlsx"
        moment = ontvangstmoment(periode)
        if (org, periode) == ander.laat:
            moment += timedelta(weeks=8)
        if (org, periode) == ander.correctie:
            eerst = pad.with_name(f"{regions.slug(org)}_{periode}_eerste_versie.xlsx")
            uit.append((eerst, org, periode, _met_fout(deel), moment))
            moment += timedelta(days=30)
        uit.append((pad, org, periode, deel, moment))
    return sorted(uit, key=lambda x: (x[4], str(x[0])))


def schrijf_aanleveringen(
    map_: Path, zaad: int = ZAAD, voortgang: Callable[[str], None] | None = None
) -> list[tuple[Path, datetime]]:
    """Write every demo delivery as an Excel workbook under `map_/<periode>/`
    (`plan_aanleveringen`). Returns (file, moment of receipt), in order of receipt."""
    plan = plan_aanleveringen(map_, zaad)
    # the workbooks are independent: written by as many processes as there are cores
    with _pool() as pool:
        for i, _pad in enumerate(pool.map(_schrijf, plan, chunksize=8), start=1):
            if voortgang and i % 100 == 0:
                voortgang(f"{i} van {len(plan)} demo-aanleveringen geschreven")
    return [(pad, moment) for pad, _o, _p, _b, moment in plan]


def _pool():
    """Worker processes for the demo's independent files (one per core, at most 4); they end
    with the demo, also when it is killed."""
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(
        max_workers=max(1, min(4, os.cpu_count() or 1)),
        initializer=met_ouder_weg,
        initargs=(os.getpid(),),
    )


def _schrijf(taak: tuple) -> Path:
    """Write one demo workbook (in a worker process)."""
    pad, org, periode, deel, _moment = taak
    return schrijf_werkboek(pad, org, periode, werkboekbladen(deel))


def _schrijf_en_lees(taak: tuple):
    """Write one demo workbook and read it back as the intake reads a file (in a worker
    process)."""
    return vooraf_gelezen(_schrijf(taak))


# The demo's calibration is not yet smooth from quarter to quarter: some small cells jump by
# more than a factor 10. The demo confirms them, as a contact person would, and the journal
# records it for each delivery where it was needed; a smooth calibration removes this.
SPRONG_REDEN = "synthetische demodata: de ijking is nog niet glad tussen kwartalen"


class DemoFout(RuntimeError):
    """A demo delivery that the intake rejects: a defect of the generator."""


def bouw_demo_store(
    db: Path, map_: Path, zaad: int = ZAAD, meld: Callable[[str], None] = lambda _t: None
) -> list[Path]:
    """Write the demo deliveries to `map_` and read them into the store `db` through the
    intake, exactly as real deliveries. The store is marked as holding synthetic data."""
    meld("Demodata ijken...")
    plan = plan_aanleveringen(map_, zaad)
    meld(f"{len(plan)} demo-aanleveringen schrijven en inlezen in {db}...")
    with _pool() as pool:
        pool.submit(int).result()  # the workers start (fork) before the store is opened
        _lees_in(db, plan, pool, meld)
    return [pad for pad, *_rest in plan]


def _lees_in(db: Path, plan: list[tuple], pool, meld: Callable[[str], None]) -> None:
    """Take the planned deliveries into the store, as the pool writes and reads them."""
    with store.open_store(db) as con:
        store.zet_info(con, "synthetisch", "ja")
        store.zet_info(con, "demo_bron", versie.demo())  # a store to reuse while it is current
        for naam in sorted(f"Demo-ggz {n}" for n in _NAMEN):  # the registry, as a manager would
            deelname.wijzig(con, {"actie": "toevoegen", "naam": naam}, reden="demo")
        # the workers write and read the workbooks in order of receipt while this process
        # takes them in, one after the other, as they come
        gelezen = pool.map(_schrijf_en_lees, plan, chunksize=4)
        for i, ((pad, _o, _p, _b, moment), g) in enumerate(zip(plan, gelezen, strict=True), 1):
            r = inlezen(
                pad,
                con,
                vooraf=g,
                ontvangen_op=moment,
                vastleggen=False,
                accepteer_sprong=True,
                reden=SPRONG_REDEN,
            )
            if r.status == "afgewezen":
                raise DemoFout(
                    f"Demo-aanlevering {pad} afgewezen:\n" + "\n".join(str(m) for m in r.meldingen)
                )
            if i % 100 == 0:
                meld(f"{i} van {len(plan)} ingelezen")
