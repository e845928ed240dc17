"""The IPS dashboard: national IPS trends over every quarter in the store."""

from __future__ import annotations

import pandas as pd

from werkmonitor.indicators.kubus import Kubus
from werkmonitor.indicators.table import waarde
from werkmonitor.periods import Periode, kwartalen_tussen
from werkmonitor.report import figures
from werkmonitor.report.text import als_zinsdeel, getal, procent
from werkmonitor.vocab import CATEGORIE_LABELS, FINANCIERING, TYPE


def reeksen(db=None, peildatum=None) -> pd.DataFrame:
    """Per quarter: IPS running, started, ended, % paid and sustainable work, running and % paid
    work per financing and type. One row per quarter, oldest first."""
    kubus = Kubus.van(db, peildatum)
    codes = sorted(kubus.perioden, key=Periode.lees)
    rijen = []
    for q in kwartalen_tussen(codes[0], codes[-1]):
        t = kubus.tabel(q.code)
        if t.empty:
            continue

        def w(maat, dim="totaal", cat="totaal", grootheid="aantal", t=t):
            return waarde(t, "ips", maat, dim, cat, grootheid=grootheid)

        rij = {
            "kwartaal": q.kort(),
            "lopend": w("lopend"),
            "gestart": w("gestart"),
            "beeindigd": w("beeindigd"),
            "pct_betaald": w("betaald_werk", grootheid="procent"),
            "pct_duurzaam": w("duurzaam_betaald_werk", grootheid="procent"),
        }
        for dim, cats in (("financiering", FINANCIERING), ("type", TYPE)):
            for c in cats:
                lop, bw = w("lopend", dim, c), w("betaald_werk", dim, c)
                rij[f"lopend_{c}_{dim}"] = lop
                rij[f"pct_{c}_{dim}"] = bw * 100 / lop if lop else None
        rijen.append(rij)
    return pd.DataFrame(rijen)


def _lijnen(
    r: pd.DataFrame, kolommen: dict[str, str], titel: str, ylabel: str, pct: bool, bijschrift: str
) -> str:
    """Lines of some series over the quarters."""
    d = r.melt(id_vars="kwartaal", value_vars=list(kolommen), var_name="reeks", value_name="waarde")
    d = d.dropna().assign(reeks=lambda x: x["reeks"].map(kolommen))
    fig = figures.lijndiagram(d, "kwartaal", "waarde", "reeks", titel, ylabel, pct)
    fmt = procent if pct else getal
    alt = f"Lijndiagram, {als_zinsdeel(titel)}: " + "; ".join(
        f"{s} {k} {fmt(v)}"
        for k, s, v in d[["kwartaal", "reeks", "waarde"]].itertuples(index=False)
    )
    return figures.als_markdown(fig, bijschrift, alt)


def figuren(r: pd.DataFrame) -> str:
    """All dashboard figures as Markdown."""
    eerste, laatste = r["kwartaal"].iloc[0], r["kwartaal"].iloc[-1]
    periode = f"{eerste} tot en met {laatste}"
    fin = {f"lopend_{c}_financiering": CATEGORIE_LABELS[c] for c in FINANCIERING}
    typ = {f"lopend_{c}_type": CATEGORIE_LABELS[c] for c in TYPE}
    pct_fin = {f"pct_{c}_financiering": CATEGORIE_LABELS[c] for c in FINANCIERING}
    pct_typ = {f"pct_{c}_type": CATEGORIE_LABELS[c] for c in TYPE}
    delen = [
        _lijnen(
            r,
            {"lopend": "Lopend", "gestart": "Gestart", "beeindigd": "Beëindigd"},
            "IPS-trajecten",
            "Aantal cliënten",
            False,
            f"Figuur D1. Lopende, gestarte en beëindigde IPS-trajecten, {periode}.",
        ),
        _lijnen(
            r,
            {"pct_betaald": "Betaald werk", "pct_duurzaam": "Duurzaam betaald werk"},
            "IPS: (duurzaam) betaald werk",
            "% van de lopende trajecten",
            True,
            f"Figuur D2. Percentage IPS-cliënten met (duurzaam) betaald werk, {periode}.",
        ),
        _lijnen(
            r,
            fin,
            "IPS naar financiering",
            "Aantal cliënten",
            False,
            f"Figuur D3. Lopende IPS-trajecten naar financiering, {periode}.",
        ),
        _lijnen(
            r,
            pct_fin,
            "Betaald werk naar financiering",
            "% met betaald werk",
            True,
            f"Figuur D4. Percentage met betaald werk naar financiering, {periode}.",
        ),
        _lijnen(
            r,
            typ,
            "IPS naar type",
            "Aantal cliënten",
            False,
            f"Figuur D5. Lopende IPS-trajecten naar type traject, {periode}.",
        ),
        _lijnen(
            r,
            pct_typ,
            "Betaald werk naar type",
            "% met betaald werk",
            True,
            f"Figuur D6. Percentage met betaald werk naar type IPS-traject, {periode}.",
        ),
    ]
    return "\n\n".join(delen)


def tabel(r: pd.DataFrame) -> str:
    """The main series as a Markdown table."""
    regels = [
        "| Kwartaal | Lopend | Gestart | Beëindigd | % betaald werk | % duurzaam |",
        "|---|---|---|---|---|---|",
    ]
    for x in r.itertuples():
        regels.append(
            f"| {x.kwartaal} | {getal(x.lopend)} | {getal(x.gestart)} | "
            f"{getal(x.beeindigd)} | {procent(x.pct_betaald)} | {procent(x.pct_duurzaam)} |"
        )
    return (
        "\n".join(regels)
        + "\n\n: IPS per kwartaal (gestart is in het eerste kwartaal niet te berekenen)."
    )


def herzieningen(db=None, peildatum=None, aanleveren_tot=None) -> str:
    """Section 'Voorlopige en herziene cijfers' of the dashboard: whether the latest quarter
    is provisional, and the IPS figures of every quarter that changed since its publication."""
    from werkmonitor.report import herzien

    kubus = Kubus.van(db, peildatum)
    codes = sorted(kubus.perioden, key=Periode.lees)
    alle = [q.code for q in kwartalen_tussen(codes[0], codes[-1])]
    return herzien.sectie(
        alle[-1], db, peildatum, aanleveren_tot, kwartalen=alle, trajecten=("ips",)
    )
