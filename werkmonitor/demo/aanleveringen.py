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
from werkmonitor.demo import calibration
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
    """42 fictitious organisations; each region gets exactly its number of providers."""
    orgs = [DemoOrganisatie(f"Demo-ggz {n}") for n in _NAMEN]
    nodig = aanbieders_per_regio()
    # big regions first; each takes the organisations with the fewest regions so far
    for regio in sorted(nodig, key=lambda r: (-nodig[r], r)):
        kandidaten = sorted(orgs, key=lambda o: (len(o.regios), rng.random()))
        for o in kandidaten[: nodig[regio]]:
            o.regios.append(regio)
    volgorde = list(rng.permutation(len(orgs)))
    for traject, n in _AANTAL_AANBIEDERS.items():
        start = {
            "ips": 0,
            "wabz": 5,
            "jobcoaching": 9,
            "werkfit": 20,
            "naar_werk": 24,
            "overig": 28,
        }[traject]
        for i in range(n):
            orgs[volgorde[(start + i) % len(orgs)]].trajecten.append(traject)
    for o in orgs:
        o.trajecten = [t for t in TRAJECTEN if t in o.trajecten]
    return orgs


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


MAX_VERLIES = 0.2  # the largest share of its clients a unit loses between two quarters


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


def _werk_uit(rij, prev: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Stopped and lost paid work (or education) in a later quarter, per unit."""
    e = verdeel(rij["E"], prev + 1, prev)
    o = verdeel(rij["O"], prev - e + 1, prev - e)
    return e, o


def _werk_in(rij, basis: np.ndarray, n: np.ndarray, aandeel: float) -> np.ndarray:
    """Started paid work (or education), towards the typical share of each unit's clients."""
    return verdeel(rij["G"], np.maximum(0, aandeel * n - basis) + 0.1, n - basis)


def _gespreide_verliezers(rng, prev, vrij, groepen: np.ndarray) -> np.ndarray:
    """How many clients each unit may lose this quarter when losses are spread: in every
    region (`groepen`) about half of its units, chosen at random, may lose up to
    `MAX_VERLIES` of their clients (and no more than half of those without work); a region
    with one unit loses in about half of the quarters. The others lose nobody."""
    kans = rng.uniform(size=len(prev))
    kandidaat = np.zeros(len(prev), dtype=bool)
    for g in np.unique(groepen):
        leden = np.flatnonzero(groepen == g)
        if len(leden) == 1:
            kandidaat[leden] = kans[leden] < 0.5
        else:
            kandidaat[leden[np.argsort(kans[leden])][: len(leden) // 2]] = True
    if kandidaat.all():  # some unit must be able to take the starts
        kandidaat[np.argmax(kans)] = False
    ruimte = np.minimum(vrij // 2, np.floor(MAX_VERLIES * prev).astype(np.int64))
    return np.where(kandidaat, ruimte, 0)


def verdeel_trajecten(
    rng,
    plan: pd.DataFrame,
    gewicht: np.ndarray,
    werk: list[tuple[pd.DataFrame, float]],
    groepen: np.ndarray | None = None,
) -> tuple[Stroom, list[Stroom]]:
    """Distribute a traject's national running, ended, started and lost clients over units,
    together with its paid work and education (`werk`: plan and typical share).

    Every quarter the lost clients go to a few units that start nobody that quarter, and the
    starts to the others, so that Bijlage 3 point 1 on each unit gives back exactly the
    national started and lost clients. Ended never exceeds running in a unit, and clients
    who leave (ended or lost) are clients without paid work or education, so a unit never
    has more workers than clients.
    """
    uit = Stroom()
    werkuit = [Stroom() for _ in werk]
    vorige = None
    for q, rij in plan.iterrows():
        if vorige is None:
            s = verdeel(rij["S"], gewicht)
            uit.S[q], uit.E[q] = s, verdeel(rij["E"], s, s // 2 + s % 2)
            for (wplan, _a), w in zip(werk, werkuit, strict=True):
                w.S[q], w.G[q], w.E[q] = _werk_eerste(wplan.loc[q], s)
            vorige = q
            continue
        prev = uit.S[vorige]
        werkstroom = [
            _werk_uit(wplan.loc[q], w.S[vorige])
            for (wplan, _a), w in zip(werk, werkuit, strict=True)
        ]
        houd = np.zeros(len(prev), dtype=np.int64)
        for w, (e_w, o_w) in zip(werkuit, werkstroom, strict=True):
            houd = np.maximum(houd, w.S[vorige] - e_w - o_w)
        vrij = prev - houd  # clients that may leave: without paid work or education left
        o = np.zeros(len(prev), dtype=np.int64)
        verliezers = np.zeros(len(prev), dtype=bool)
        gespreid = (
            None
            if groepen is None or len(prev) < 6  # a small traject: losses as they come
            else _gespreide_verliezers(rng, prev, vrij, groepen)
        )
        if rij["O"] > 0 and gespreid is not None and gespreid.sum() >= rij["O"]:
            # about half of the units of every region lose at most MAX_VERLIES of their
            # clients, the others take the starts: no region drops by a third in a quarter
            verliezers = gespreid > 0
            o = verdeel(rij["O"], gespreid, gespreid)
        elif rij["O"] > 0:
            ruimte = vrij // 2
            if ruimte.sum() < 2 * rij["O"]:
                ruimte = vrij  # a small traject: a unit may lose all its clients without work
            # larger units are likelier to lose clients; the order has some chance in it
            kans = ruimte * rng.uniform(0.3, 1.7, len(prev))
            volgorde = [i for i in np.argsort(-kans, kind="stable") if ruimte[i] > 0]
            # keep at least one unit that can take the starts
            for i in volgorde[: max(1, len(prev) - 1) if rij["G"] > 0 else len(prev)]:
                verliezers[i] = True
                if ruimte[verliezers].sum() >= 2 * rij["O"]:
                    break
            if ruimte[verliezers].sum() < rij["O"]:
                ruimte = vrij
            cap = np.where(verliezers, ruimte, 0)
            o = verdeel(rij["O"], cap, cap)
        # ended: free clients, at most half of what remains; beyond that only where starts
        # make up for it (clients can start and end in the same quarter)
        helft = np.minimum(vrij - o, (prev - o) // 2)
        e = verdeel(min(rij["E"], helft.sum()), prev + 1, helft)
        e = e + verdeel(
            rij["E"] - e.sum(), np.where(verliezers, 0, prev + 1), np.where(verliezers, 0, np.inf)
        )
        # starts needed so that ended <= running and the workers keep fitting
        nodig = np.maximum.reduce(
            [np.zeros(len(prev), dtype=np.int64), 2 * e - (prev - o), e + o - vrij]
        )
        if nodig.sum() > rij["G"]:
            raise DemoFout(f"{q}: te weinig starts om de beëindigde trajecten te dragen")
        doel = gewicht / gewicht.sum() * rij["S"]
        trek = np.maximum(0, doel - prev) + gewicht / gewicht.sum() * (rij["G"] + 1)
        open_ = np.where(verliezers, 0, np.inf)
        g = nodig + verdeel(rij["G"] - nodig.sum(), np.where(verliezers, 0, trek), open_)
        uit.S[q], uit.E[q], uit.G[q], uit.O[q] = prev - e + g - o, e, g, o
        for (wplan, aandeel), w, (e_w, o_w) in zip(werk, werkuit, werkstroom, strict=True):
            basis = w.S[vorige] - e_w - o_w
            g_w = _werk_in(wplan.loc[q], basis, uit.S[q], aandeel)
            w.S[q], w.E[q], w.G[q], w.O[q] = basis + g_w, e_w, g_w, o_w
        vorige = q
    return uit, werkuit


# Small trajects are offered by an organisation in its first region only.
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


def _eenheidsgewichten(rng, orgs, traject: str) -> tuple[list[tuple[str, str]], np.ndarray]:
    """The units (organisation, region) of a traject and their relative size (Tabel 3.1);
    for the trajects of `ZONDER_REGIO` also units without a known region
    (`regions.ONBEKEND`), together the share `aandeel_zonder_regio` of the traject."""
    gewichten = regiogewichten()
    kol = "lopend_ips" if traject == "ips" else "lopend_niet_ips"
    aanbieders = [o for o in orgs if traject in o.trajecten]
    eenheden = [
        (o.naam, r)
        for o in aanbieders
        for r in (o.regios[:1] if traject in ALLEEN_HOOFDREGIO else o.regios)
    ]
    # a region's size (Tabel 3.1) is shared by the organisations that work there
    per_regio = pd.Series([r for _, r in eenheden]).value_counts()
    w = np.array(
        [gewichten.loc[r, kol] / per_regio[r] * rng.uniform(0.5, 1.5) for _, r in eenheden]
    )
    if traject in ZONDER_REGIO:
        zonder = [(o.naam, regions.ONBEKEND) for o in aanbieders[::3]]
        aandeel = aandeel_zonder_regio()
        extra = rng.uniform(0.5, 1.5, len(zonder))
        w = np.concatenate([w, extra / extra.sum() * w.sum() * aandeel / (1 - aandeel)])
        eenheden += zonder
    return eenheden, w / w.sum()


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


def _kwartaalwaarden(rng, traject, q, st, werk, opl, nat) -> dict[tuple, np.ndarray]:
    """Every registered value of every unit of a traject in one quarter (arrays over units),
    consistent with the unit totals and adding up to the national counts `nat`."""

    def kol(maat, dim, cats):
        return np.array([nat[(traject, q, maat, dim, c)] for c in cats], dtype=np.int64)

    def zet(maat, dim, cats, tabel):
        for j, c in enumerate(cats):
            w[(maat, dim, c)] = tabel[:, j]

    lopend, eind = st.S[q], st.E[q]
    w: dict[tuple, np.ndarray] = {("lopend", TOTAAL, TOTAAL): lopend}
    fin = verdeel_tabel(rng, lopend, kol("lopend", "financiering", FINANCIERING))
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
    if traject in ("werkfit", "naar_werk"):
        res = verdeel_tabel(rng, eind, kol("beeindigd", "resultaat", RESULTAAT_UWV))
        zet("beeindigd", "resultaat", RESULTAAT_UWV, res)
    else:
        uit = verdeel_tabel(rng, eind, kol("beeindigd", "uitstroom", UITSTROOM_CATEGORIEEN))
        zet("beeindigd", "uitstroom", UITSTROOM_CATEGORIEEN, uit)
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


def _verdeel(ij: calibration.Ijking, orgs, zaad: int) -> pd.DataFrame:
    """Distribute a calibration over the organisations' units: tidy registrations."""
    rng = np.random.default_rng(zaad + 1)
    nat = ij.uitsplitsingen.set_index(["traject", "periode", "maat", "dimensie", "categorie"])
    nat = nat["waarde"].to_dict()
    rijen = []
    for traject in TRAJECTEN:
        eenheden, gewicht = _eenheidsgewichten(rng, orgs, traject)
        plannen = []
        if traject in AANDEEL_WERK:
            plannen.append((_plan_reeks(ij.werk, f"betaald_werk:{traject}"), AANDEEL_WERK[traject]))
        if traject == "ips":
            plannen.append((_plan_reeks(ij.werk, "opleiding:ips"), AANDEEL_OPLEIDING))
        groepen = pd.factorize(pd.Series([r for _o, r in eenheden]))[0]
        st, werkstromen = verdeel_trajecten(
            rng, _plan_reeks(ij.trajecten, traject), gewicht, plannen, groepen
        )
        werk = werkstromen[0] if werkstromen else None
        opl = werkstromen[1] if len(werkstromen) > 1 else None
        for q in st.S:
            waarden = _kwartaalwaarden(rng, traject, q, st, werk, opl, nat)
            for i, (org, regio) in enumerate(eenheden):
                for (maat, dim, cat), arr in waarden.items():
                    rijen.append((q, org, regio, traject, maat, dim, cat, int(arr[i])))
    cols = ["periode", "organisatie", "regio", "traject", "maat", "dimensie", "categorie", "waarde"]
    return pd.DataFrame(rijen, columns=cols)


def simuleer(zaad: int = ZAAD) -> tuple[list[DemoOrganisatie], pd.DataFrame]:
    """Distribute the calibrated national plans (`werkmonitor.calibration`) over the
    fictitious organisations and regions, with one correction step for the yearly
    proportion estimates. Returns the organisations and a tidy frame
    (periode, organisatie, regio, traject, maat, dimensie, categorie, waarde)."""
    from werkmonitor.indicators.table import periodetabel

    orgs = organisaties(np.random.default_rng(zaad))
    ij = calibration.ijk()
    eerste = _verdeel(ij, orgs, zaad)
    jaren = {j: periodetabel(eerste, j) for j in ("2023", "2024")}
    return orgs, _verdeel(calibration.bijgesteld(ij, jaren), orgs, zaad)


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
