"""Synthetic demo deliveries: fictitious organisations, all measures, internally consistent.

Deterministic (fixed seed). Each organisation works in one or more regions; per
organisation x region x traject a stock of clients is simulated quarter by quarter
(running = previous - ended - lost + started), and every breakdown of Tabel B3.1 is drawn
so that it is consistent with its total (multinomial and hypergeometric splits).
The numbers of providers per region follow Tabel 3.1 of the annual report
(data/referentie/tabel_3_1_regio_2023_2024.csv); national sizes follow the published
quarterly figures in shape. Exact calibration is documented in docs/methoden.md.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np
import pandas as pd

from . import regions, store
from .intake import inlezen
from .periods import Periode, geregistreerd_in, kwartalen_tussen
from .template import schrijf_werkboek
from .vocab import (
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
REFERENTIE = Path(__file__).resolve().parent.parent / "data" / "referentie"

# Invented place names: every demo organisation is visibly fictitious ("Demo-ggz ...").
_NAMEN = (
    "Aalsveld Beekhoven Dorrewijk Elzendam Fijnaart-Oost Gravenlaan Heidebroek Ijsselhoek "
    "Kampervaart Lindeloo Meerstede Noordwaard Oosterzand Polderhof Ravensdal Schoonbeek "
    "Tienhoven-Zuid Uitwierde Valkenveen Westerbrug Zonnehoeve Akkerstede Blauwmeer Dijkzicht "
    "Eikenrode Goudplaat Hazelburg Kreekrand Langeveen Molenwaard Nieuwkade Oudeland Rietvoort "
    "Steenwijkerveld Terpstede Vlietzoom Wilgenhof Zeggeland Bosrand Duinhoek Heuvelstee Veenhaven"
).split()

# Shape of the national running counts per quarter (anchors; linear in between).
_PAD = {
    "ips": {"2023Q1": 3350, "2024Q1": 3800, "2024Q4": 4130, "2025Q3": 4353, "2025Q4": 4285},
    "wabz": {"2023Q3": 70, "2024Q4": 170, "2025Q3": 165, "2025Q4": 159},
    "jobcoaching": {"2023Q3": 260, "2024Q4": 147, "2025Q3": 208, "2025Q4": 199},
    "werkfit": {"2023Q1": 150, "2024Q4": 140, "2025Q3": 150, "2025Q4": 130},
    "naar_werk": {"2023Q1": 60, "2024Q4": 30, "2025Q3": 29, "2025Q4": 24},
    "overig": {"2023Q3": 110, "2024Q4": 123, "2025Q3": 207, "2025Q4": 226},
}
_UITSTROOMKANS = {
    "ips": 0.13,
    "wabz": 0.05,
    "jobcoaching": 0.12,
    "werkfit": 0.45,
    "naar_werk": 0.35,
    "overig": 0.19,
}
_FINANCIERING = {
    "ips": (0.35, 0.46, 0.19),
    "wabz": (0.31, 0.64, 0.05),
    "jobcoaching": (0.30, 0.49, 0.21),
    "werkfit": (1.0, 0.0, 0.0),
    "naar_werk": (1.0, 0.0, 0.0),
    "overig": (0.25, 0.24, 0.51),
}
_UITSTROOM = {
    "ips": (0.375, 0.186, 0.439),
    "wabz": (0.4, 0.0, 0.6),
    "jobcoaching": (0.92, 0.0, 0.08),
    "overig": (0.35, 0.0, 0.65),
}
_RESULTAAT = {"werkfit": (0.72, 0.2, 0.08), "naar_werk": (0.22, 0.6, 0.18)}
_BETAALD = {"ips": 0.357, "wabz": 0.19, "overig": 0.30}
_DUURZAAM = {"ips": 0.757, "wabz": 0.57, "overig": 0.54}
_OOIT_EXTRA = {"ips": 0.128, "wabz": 0.03, "overig": 0.025}
_ONBETAALD = {
    "ips": (0.03, 0.156, 0.045),
    "wabz": (0.006, 0.164, 0.038),
    "overig": (0.053, 0.288, 0.204),
}
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


def _doelpad(traject: str, kwartalen: list[Periode]) -> dict[str, float]:
    """National running count per quarter, interpolated between the anchors."""
    ankers = {Periode.lees(k): v for k, v in _PAD[traject].items()}
    punten = sorted(ankers)
    uit = {}
    for q in kwartalen:
        if not geregistreerd_in(traject, q):
            continue
        voor = max((p for p in punten if p <= q), default=punten[0])
        na = min((p for p in punten if p >= q), default=punten[-1])
        idx = kwartalen.index
        if voor == na:
            uit[q.code] = ankers[voor]
        else:
            f = (idx(q) - idx(voor)) / (idx(na) - idx(voor))
            uit[q.code] = ankers[voor] + f * (ankers[na] - ankers[voor])
    return uit


def _splits(rng, n: int, kansen) -> np.ndarray:
    """Split a count `n` over categories with probabilities `kansen` (sum 1)."""
    p = np.asarray(kansen, dtype=float)
    return rng.multinomial(n, p / p.sum()) if n > 0 else np.zeros(len(p), dtype=int)


def _binnen(rng, groepen: np.ndarray, n: int) -> np.ndarray:
    """Choose `n` clients from the groups without replacement (never above a group)."""
    n = min(int(n), int(groepen.sum()))
    if n <= 0:
        return np.zeros(len(groepen), dtype=int)
    return rng.multivariate_hypergeometric(groepen.astype(np.int64), n)


def waarden_eenheid(rng, traject: str, lopend: int, beeindigd: int) -> dict:
    """Every registered value of one unit in one quarter, consistent with its totals."""
    w: dict[tuple[str, str, str], int] = {}
    w[("lopend", TOTAAL, TOTAAL)] = lopend
    fin = _splits(rng, lopend, _FINANCIERING[traject])
    for c, v in zip(FINANCIERING, fin, strict=True):
        w[("lopend", "financiering", c)] = int(v)
    w[("beeindigd", TOTAAL, TOTAAL)] = beeindigd
    if traject == "ips":
        typ = _splits(rng, lopend, (0.70, 0.18, 0.12))
        for c, v in zip(TYPE, typ, strict=True):
            w[("lopend", "type", c)] = int(v)
        for c, v in zip(STADIUM, _splits(rng, lopend, (0.08, 0.92)), strict=True):
            w[("lopend", "stadium", c)] = int(v)
        for c, v in zip(STADIUM, _splits(rng, beeindigd, (0.1, 0.9)), strict=True):
            w[("beeindigd", "stadium", c)] = int(v)
    if traject in _UITSTROOM:
        for c, v in zip(
            UITSTROOM_CATEGORIEEN, _splits(rng, beeindigd, _UITSTROOM[traject]), strict=True
        ):
            w[("beeindigd", "uitstroom", c)] = int(v)
    if traject in _RESULTAAT:
        for c, v in zip(RESULTAAT_UWV, _splits(rng, beeindigd, _RESULTAAT[traject]), strict=True):
            w[("beeindigd", "resultaat", c)] = int(v)
    if traject in _BETAALD:
        betaald = _binnen(rng, fin, rng.binomial(lopend, _BETAALD[traject]))
        duurzaam = np.array([rng.binomial(b, _DUURZAAM[traject]) for b in betaald])
        ooit = betaald + np.array(
            [rng.binomial(f - b, _OOIT_EXTRA[traject]) for f, b in zip(fin, betaald, strict=True)]
        )
        for naam, arr in (
            ("betaald_werk", betaald),
            ("duurzaam_betaald_werk", duurzaam),
            ("ooit_betaald_werk", ooit),
        ):
            w[(naam, TOTAAL, TOTAAL)] = int(arr.sum())
            for c, v in zip(FINANCIERING, arr, strict=True):
                w[(naam, "financiering", c)] = int(v)
        w[("gestart_betaald_werk", TOTAAL, TOTAAL)] = int(rng.binomial(int(betaald.sum()), 0.16))
        w[("gestopt_betaald_werk", TOTAAL, TOTAAL)] = int(rng.binomial(lopend, 0.017))
        for c, v in zip(SOORT, [rng.binomial(lopend, p) for p in _ONBETAALD[traject]], strict=True):
            w[("onbetaald_werk", "soort", c)] = int(v)
        if traject == "ips":
            betaald_type = _binnen(rng, typ, int(betaald.sum()))
            duurzaam_type = _binnen(rng, betaald_type, int(duurzaam.sum()))
            for c, b, d in zip(TYPE, betaald_type, duurzaam_type, strict=True):
                w[("betaald_werk", "type", c)] = int(b)
                w[("duurzaam_betaald_werk", "type", c)] = int(d)
            for c, v in zip(
                DUUR_EERSTE_BAAN, _splits(rng, int(ooit.sum()), (0.341, 0.257, 0.402)), strict=True
            ):
                w[("duur_tot_eerste_baan", "duur", c)] = int(v)
            opl = int(rng.binomial(lopend, 0.084))
            w[("opleiding", TOTAAL, TOTAAL)] = opl
            w[("gestart_opleiding", TOTAAL, TOTAAL)] = int(rng.binomial(opl, 0.05))
            w[("gestopt_opleiding", TOTAAL, TOTAAL)] = int(rng.binomial(opl, 0.028))
    if traject == "jobcoaching":
        for c, v in zip(
            DUUR_DIENSTVERBAND, _splits(rng, lopend, (0.126, 0.06, 0.814)), strict=True
        ):
            w[("duur_dienstverband", "duur", c)] = int(v)
    return w


def simuleer(zaad: int = ZAAD) -> tuple[list[DemoOrganisatie], pd.DataFrame]:
    """Simulate every unit and quarter. Returns the organisations and a tidy frame
    (periode, organisatie, regio, traject, maat, dimensie, categorie, waarde)."""
    rng = np.random.default_rng(zaad)
    orgs = organisaties(rng)
    kwartalen = kwartalen_tussen(EERSTE, LAATSTE)
    gewichten = regiogewichten()
    rijen = []
    for traject in TRAJECTEN:
        kol = "lopend_ips" if traject == "ips" else "lopend_niet_ips"
        eenheden = [(o, r) for o in orgs if traject in o.trajecten for r in o.regios]
        w = np.array([gewichten.loc[r, kol] * rng.uniform(0.5, 1.5) for _, r in eenheden])
        w = w / w.sum()
        pad = _doelpad(traject, kwartalen)
        for (org, regio), aandeel in zip(eenheden, w, strict=True):
            lopend = None
            for q in kwartalen:
                if q.code not in pad:
                    continue
                doel = max(0, round(aandeel * pad[q.code] * rng.uniform(0.95, 1.05)))
                if lopend is None:
                    lopend = doel
                    beeindigd = int(rng.binomial(doel, _UITSTROOMKANS[traject]))
                else:
                    beeindigd = int(rng.binomial(lopend, _UITSTROOMKANS[traject]))
                    blijft = lopend - beeindigd
                    verloren = int(rng.binomial(blijft, 0.03)) if rng.random() < 0.1 else 0
                    blijft -= verloren
                    # running counts every client of the quarter, so never below the ended
                    lopend = blijft + max(0, doel - blijft, beeindigd - blijft)
                for (maat, dim, cat), v in waarden_eenheid(rng, traject, lopend, beeindigd).items():
                    rijen.append((q.code, org.naam, regio, traject, maat, dim, cat, v))
    cols = ["periode", "organisatie", "regio", "traject", "maat", "dimensie", "categorie", "waarde"]
    return orgs, pd.DataFrame(rijen, columns=cols)


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


def schrijf_aanleveringen(
    map_: Path, zaad: int = ZAAD, voortgang: Callable[[str], None] | None = None
) -> list[Path]:
    """Write every demo delivery as an Excel workbook under `map_/<periode>/`."""
    orgs, data = simuleer(zaad)
    paden = []
    groepen = data.groupby(["periode", "organisatie"], sort=True)
    for i, ((periode, org), deel) in enumerate(groepen, start=1):
        pad = Path(map_) / periode / f"{regions.slug(org)}_{periode}.xlsx"
        schrijf_werkboek(pad, org, periode, werkboekbladen(deel))
        paden.append(pad)
        if voortgang and i % 50 == 0:
            voortgang(f"{i} van {groepen.ngroups} demo-aanleveringen geschreven")
    return paden


class DemoFout(RuntimeError):
    """A demo delivery that the intake rejects: a defect of the generator."""


def bouw_demo_store(
    db: Path, map_: Path, zaad: int = ZAAD, meld: Callable[[str], None] = lambda _t: None
) -> list[Path]:
    """Write the demo deliveries to `map_` and read them into the store `db` through the
    intake, exactly as real deliveries. The store is marked as holding synthetic data."""
    meld("Demo-aanleveringen schrijven...")
    paden = schrijf_aanleveringen(map_, zaad, voortgang=meld)
    meld(f"{len(paden)} aanleveringen inlezen in {db}...")
    with store.open_store(db) as con:
        store.zet_info(con, "synthetisch", "ja")
        for i, pad in enumerate(paden, start=1):
            r = inlezen(pad, con, ontvangen_op=ontvangstmoment(pad.parent.name))
            if r.status == "afgewezen":
                raise DemoFout(
                    f"Demo-aanlevering {pad} afgewezen:\n" + "\n".join(str(m) for m in r.meldingen)
                )
            if i % 100 == 0:
                meld(f"{i} van {len(paden)} ingelezen")
    return paden
