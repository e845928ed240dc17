"""Section 'Voorlopige en herziene cijfers': whether the quarter's figures are provisional,
and which figures of the quarters a report shows changed since their publication, with the
deliveries that changed them (by organisation on internal pages only)."""

from __future__ import annotations

from datetime import date

import pandas as pd
from babel.dates import format_date

from werkmonitor import store
from werkmonitor.indicators import herzieningen as hz
from werkmonitor.periods import Periode
from werkmonitor.report.kwartaal import perioden
from werkmonitor.report.text import getal
from werkmonitor.vocab import TRAJECT_LABELS

MAATNAMEN = dict(hz.KERNCIJFERS)


def datum(d: date) -> str:
    """'1 november 2025' (babel, Dutch)."""
    return format_date(d, "d MMMM y", locale="nl_NL")


def getoonde_kwartalen(periode: str) -> list[str]:
    """The quarters whose figures a report of `periode` shows, oldest first: for a quarter
    itself, its comparisons and trend quarters; for a half year or year its quarters."""
    p = Periode.lees(periode)
    if p.soort != "kwartaal":
        return [q.code for q in p.kwartalen()]
    codes = {Periode.lees(c) for c in perioden(p.code)}
    return [q.code for q in sorted(codes)]


def voorlopig_tekst(s: hz.Status, openbaar: bool = True) -> str:
    """The provisional notice of a quarter ('' when its figures are final)."""
    if not s.voorlopig:
        return ""
    q = Periode.lees(s.periode)
    n = len(s.ontbrekend)
    zin = (
        f"**Voorlopige cijfers.** De cijfers over {q.naam()} zijn voorlopig: op "
        f"{datum(s.moment)} {'had' if n == 1 else 'hadden'} {getal(n)} van de "
        f"{getal(s.deelnemers)} deelnemende organisaties nog niet aangeleverd, en de uiterste "
        f"aanleverdatum, {datum(s.deadline)}, was nog niet voorbij. Wat daarna binnenkomt, "
        "verwerkt de volgende uitgave als herziening."
    )
    if not openbaar:
        zin += f" Nog niet aangeleverd: {', '.join(s.ontbrekend)}."
    return zin


def _oorzaak(rijen: pd.DataFrame, openbaar: bool) -> str:
    """'een correctie (ontvangen op 21 november 2025)', per delivery, joined."""
    delen = []
    for r in rijen.itertuples(index=False):
        wie = "" if openbaar else f" van {r.organisatie}"
        delen.append(f"een {r.soort}{wie} (ontvangen op {datum(r.ontvangen_op.date())})")
    if not delen:
        return "een herberekening"
    return delen[0] if len(delen) == 1 else ", ".join(delen[:-1]) + " en " + delen[-1]


def herzieningen_tekst(
    db,
    periode: str,
    peildatum=None,
    openbaar: bool = True,
    kwartalen: list[str] | None = None,
    eenheid: tuple[str, str] | None = None,
    trajecten: tuple[str, ...] | None = None,
) -> tuple[str, pd.DataFrame]:
    """The revision part of the section and the table of revised figures (periode, traject,
    cijfer, gepubliceerd, oud, nieuw, verschil): of the quarters the report of `periode`
    shows (or `kwartalen`), nationally or of one unit (`eenheid`: soort, naam), of every
    traject or of `trajecten` only."""
    kwartalen = kwartalen or getoonde_kwartalen(periode)
    soort, naam = eenheid or (None, None)
    df = hz.herzieningen(db, kwartalen, peildatum, soort, naam)
    if trajecten is not None:
        df = df[df["traject"].isin(trajecten)].reset_index(drop=True)
    pub = store.gelezen(
        db, ("publicaties", str(peildatum)), lambda con: store.publicaties(con, peildatum)
    )
    pub = pub[pub["periode"].isin(kwartalen)].groupby("periode").tail(1)
    if pub.empty:
        return (
            "Van de kwartalen in dit rapport is nog geen uitgave gepubliceerd; er zijn dus nog "
            "geen herzieningen.",
            df,
        )
    genoemd = ", ".join(
        f"{Periode.lees(r.periode).kort()} op {datum(r.datum)}" for r in pub.itertuples()
    )
    if df.empty:
        return (
            f"Gepubliceerd: {genoemd}. Geen van de kerncijfers van die kwartalen is sindsdien "
            "gewijzigd.",
            df,
        )
    # the causes of every unit read once per state of the store (a batch's quality reports
    # each take their own), of the publications `df` compares with
    paren = pub[["periode", "datum"]].rename(columns={"datum": "gepubliceerd"})
    alle = store.gelezen(
        db,
        ("oorzaken", tuple(paren.itertuples(index=False, name=None)), str(peildatum)),
        lambda con: hz.alle_oorzaken(con, paren, peildatum),
    )
    oorzaken = hz.van_eenheid(alle, soort, naam)
    regels = [f"Gepubliceerd: {genoemd}. Sindsdien zijn kerncijfers herzien:", ""]
    for (code, dag), deel in df.groupby(["periode", "gepubliceerd"], sort=True):
        o = oorzaken[(oorzaken["periode"] == code) & (oorzaken["gepubliceerd"] == dag)]
        regels.append(
            f"- {Periode.lees(code).naam().capitalize()} (gepubliceerd op {datum(dag)}): "
            f"{getal(len(deel))} kerncijfers gewijzigd door {_oorzaak(o, openbaar)}."
        )
    return "\n".join(regels), df


def tabel(df: pd.DataFrame) -> str:
    """The revised figures as a Markdown table with caption."""
    regels = [
        "| Kwartaal | Traject | Cijfer | Gepubliceerd | Nu | Verschil |",
        "|---|---|---|---:|---:|---:|",
    ]
    for r in df.itertuples(index=False):
        verschil = r.nieuw - r.oud
        teken = "+" if verschil > 0 else "−" if verschil < 0 else ""
        regels.append(
            f"| {Periode.lees(r.periode).kort()} | {TRAJECT_LABELS[r.traject]} | "
            f"{MAATNAMEN[r.maat]} | {getal(r.oud)} | {getal(r.nieuw)} | "
            f"{teken}{getal(abs(verschil))} |"
        )
    regels += [
        "",
        ": Kerncijfers die sinds hun publicatie zijn herzien, per kwartaal.",
        "",
    ]
    return "\n".join(regels)


def _definitief(p: Periode, s) -> str:
    """The sentence that the figures of `p` are final, with why (status `s` of its last
    quarter): a year or half year names that quarter, whose deadline is the last."""
    laatste = Periode.lees(s.periode).naam()
    if p.soort == "kwartaal":
        return f"De cijfers over {laatste} zijn definitief: " + (
            "alle deelnemende organisaties hebben aangeleverd."
            if not s.ontbrekend
            else f"de uiterste aanleverdatum, {datum(s.deadline)}, is voorbij."
        )
    return f"De cijfers over {p.naam()} zijn definitief: " + (
        f"ook over het laatste kwartaal, {laatste}, hebben alle deelnemende organisaties "
        "aangeleverd."
        if not s.ontbrekend
        else f"ook de uiterste aanleverdatum van het laatste kwartaal, {laatste}, "
        f"{datum(s.deadline)}, is voorbij."
    )


def sectie(
    periode: str,
    db=None,
    peildatum=None,
    aanleveren_tot=None,
    openbaar: bool = True,
    kwartalen: list[str] | None = None,
    regio: str | None = None,
    organisatie: str | None = None,
    trajecten: tuple[str, ...] | None = None,
) -> str:
    """Section 'Voorlopige en herziene cijfers' of the report of `periode` (the quarters it
    shows, or `kwartalen`): national, or of a region's or organisation's quality report (its
    own figures, suppressed as in the report; no organisation named)."""
    db = db or store.standaard_db()
    s = store.gelezen(
        db,
        ("status", periode, str(peildatum), str(aanleveren_tot)),
        lambda con: hz.status(con, periode, peildatum, aanleveren_tot),
    )
    eenheid = ("regio", regio) if regio else ("organisatie", organisatie) if organisatie else None
    openbaar = openbaar or eenheid is not None
    tekst, df = herzieningen_tekst(db, periode, peildatum, openbaar, kwartalen, eenheid, trajecten)
    delen = ["## Voorlopige en herziene cijfers", ""]
    voorlopig = voorlopig_tekst(s, openbaar)
    if voorlopig:
        delen += [voorlopig, ""]
    elif s.moment is not None:
        delen += [_definitief(Periode.lees(periode), s), ""]
    delen += [tekst, ""]
    if not df.empty:
        delen.append(tabel(df))
    return "\n".join(delen)
