"""Consistent example values of one delivery unit (organisation x region x traject).

Used for test fixtures and the examples in docs/aanleveren.md: given running and ended, every
other measure of Tabel B3.1 is drawn so that it agrees with its totals and passes the intake
(multinomial and hypergeometric splits). The demo data themselves are calibrated nationally
(`werkmonitor.calibration`, `werkmonitor.demo`).
"""

from __future__ import annotations

import numpy as np

from werkmonitor.vocab import (
    DUUR_DIENSTVERBAND,
    DUUR_EERSTE_BAAN,
    FINANCIERING,
    RESULTAAT_UWV,
    SOORT,
    STADIUM,
    TOTAAL,
    TYPE,
    UITSTROOM_CATEGORIEEN,
)

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


def _splits(rng, n: int, kansen) -> np.ndarray:
    """Split a count `n` over categories with probabilities `kansen` (sum 1)."""
    p = np.asarray(kansen, dtype=float)
    return rng.multinomial(n, p / p.sum()) if n > 0 else np.zeros(len(p), dtype=int)


def binnen(rng, groepen: np.ndarray, n: int) -> np.ndarray:
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
        betaald = binnen(rng, fin, rng.binomial(lopend, _BETAALD[traject]))
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
            betaald_type = binnen(rng, typ, int(betaald.sum()))
            duurzaam_type = binnen(rng, betaald_type, int(duurzaam.sum()))
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
