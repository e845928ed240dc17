"""Changes against an earlier period: difference and percentage on the earlier base."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import pandas as pd


@dataclass(frozen=True)
class Verandering:
    """The change from `eerder` to `nu`: difference, and percent of the earlier value."""

    nu: float
    eerder: float
    verschil: float
    procent: Decimal | None  # None when the earlier value is 0 or unknown

    @property
    def richting(self) -> str:
        """'stijging', 'daling' or 'gelijk'."""
        if self.verschil > 0:
            return "stijging"
        if self.verschil < 0:
            return "daling"
        return "gelijk"


def verandering(nu, eerder) -> Verandering | None:
    """Difference and % change relative to the earlier period (docs/methoden.md: everywhere).

    Returns None when either value is missing. The percentage is exact (Decimal) and is
    rounded only when it is shown.
    """
    if nu is None or eerder is None or pd.isna(nu) or pd.isna(eerder):
        return None
    verschil = nu - eerder
    procent = None if eerder == 0 else Decimal(str(verschil)) * 100 / Decimal(str(eerder))
    return Verandering(nu, eerder, verschil, procent)


def procentpunten(nu_pct, eerder_pct) -> float | None:
    """Change of a percentage, in percentage points."""
    if nu_pct is None or eerder_pct is None or pd.isna(nu_pct) or pd.isna(eerder_pct):
        return None
    return nu_pct - eerder_pct


def vergelijk(nu: pd.DataFrame, eerder: pd.DataFrame, sleutels: list[str], naam: str):
    """Join an earlier indicator table onto `nu`: adds waarde_, verschil_ and procent_<naam>.

    Both frames hold `waarde`; rows are matched on `sleutels`. A column `onderdrukt` (privacy)
    of the earlier frame comes along as `onderdrukt_<naam>`. Returns a new frame.
    """
    mee = ["waarde", *(["onderdrukt"] if "onderdrukt" in eerder else [])]
    e = eerder[[*sleutels, *mee]].rename(
        columns={"waarde": f"waarde_{naam}", "onderdrukt": f"onderdrukt_{naam}"}
    )
    df = nu.merge(e, on=sleutels, how="left")
    nu_w = df["waarde"].astype("Float64")
    eerder_w = df[f"waarde_{naam}"].astype("Float64")
    df[f"verschil_{naam}"] = nu_w - eerder_w
    basis = eerder_w.where(eerder_w != 0)
    df[f"procent_{naam}"] = (nu_w - eerder_w) / basis * 100
    return df
