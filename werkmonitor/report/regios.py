"""The chapter 'regional results': Tabel 3.1 for a period and the one before, top-3 lists,
risers and fallers, the lowest, and the regions too small to rank."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from werkmonitor.indicators import privacy, rankings
from werkmonitor.indicators.kubus import Kubus
from werkmonitor.periods import Periode
from werkmonitor.regions import ONBEKEND
from werkmonitor.report import figures
from werkmonitor.report.text import getal, procent


@dataclass
class Regiocijfers:
    """Tabel 3.1 (one row per region) of a period and of the period before: of all regions,
    or for a region's or organisation's report (`soort`, `naam`) only its own rows, with
    small numbers hidden, beside the table of all regions (`alle`, for its ranking)."""

    periode: Periode
    nu: pd.DataFrame
    eerder: pd.DataFrame
    minimum: int = rankings.STANDAARD_MINIMUM
    soort: str = "landelijk"
    naam: str = ""
    alle: pd.DataFrame | None = None
    # the rows as the table shows them: counts 1-4 hidden, a percentage only on enough
    # ended trajects (`_eigen_rijen`); None: `nu` and `eerder` as they are
    getoond: tuple[pd.DataFrame, pd.DataFrame] | None = None
    # the registrations without a known region (earlier, now), as the table shows them:
    # shown below the regions, never ranked; empty frames when there are none
    onbekend: tuple[pd.DataFrame, pd.DataFrame] | None = None

    def tabelrijen(self) -> tuple[pd.DataFrame, pd.DataFrame]:
        """(earlier, now) as Tabel 3.1 and its download show them."""
        return self.getoond if self.getoond is not None else (self.eerder, self.nu)


def _met_totalen(t: pd.DataFrame) -> pd.DataFrame:
    """Add running and started of all trajects together."""
    return t.assign(
        lopend=t["lopend_ips"] + t["lopend_niet_ips"],
        gestart=t["gestart_ips"] + t["gestart_niet_ips"],
    )


def laad(
    periode: str,
    db=None,
    peildatum=None,
    minimum: int = rankings.STANDAARD_MINIMUM,
    regio=None,
    organisatie=None,
):
    """Region tables of `periode` and the period before it, from the store; with `regio` or
    `organisatie` only that unit's rows (suppressed), beside all regions."""
    p = Periode.lees(periode)
    kubus = Kubus.van(db, peildatum)
    alle = {x.code: kubus.tabel(x.code, "regio") for x in (p, p.vorige())}
    nu, nu_onbekend = _zonder_onbekend(
        _met_totalen(rankings.tabel_3_1(alle[p.code].drop(columns="noemer")))
    )
    eerder, _e = _zonder_onbekend(
        _met_totalen(rankings.tabel_3_1(alle[p.vorige().code].drop(columns="noemer")))
    )
    soort = "regio" if regio else "organisatie" if organisatie else ""
    if not soort:
        # the public table hides what the privacy rules hide below the national level
        getoond_e, onbekend_e = _zonder_onbekend(_eigen_rijen(alle[p.vorige().code]))
        getoond_n, onbekend_n = _zonder_onbekend(_eigen_rijen(alle[p.code]))
        return Regiocijfers(
            p,
            nu,
            eerder,
            minimum,
            getoond=(getoond_e, getoond_n),
            onbekend=(onbekend_e, onbekend_n),
        )

    def eigen(code: str) -> pd.DataFrame:
        if soort == "regio":
            t = alle[code]
            return _eigen_rijen(t[t["eenheid"] == regio].reset_index(drop=True))
        # an organisation's own clients per region: shown as they are
        return _eigen_rijen(kubus.regios_van(code, organisatie, onderdrukt=False), False)

    return Regiocijfers(
        p, eigen(p.code), eigen(p.vorige().code), minimum, soort, regio or organisatie, nu
    )


def _zonder_onbekend(t: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(the rows of the 35 regions, the row of registrations without a known region)."""
    onbekend = t["regio"] == ONBEKEND
    return t[~onbekend].reset_index(drop=True), t[onbekend].reset_index(drop=True)


def _eigen_rijen(t: pd.DataFrame, verbergen: bool = True) -> pd.DataFrame:
    """Tabel 3.1 rows of one unit's table per region (with `noemer`): with `verbergen`
    counts 1-4 hidden and the percentage only on at least NOEMER_MINIMUM ended trajects."""
    t31 = rankings.tabel_3_1(t.drop(columns="noemer"))
    if not verbergen:
        return t31
    for kolom in ("lopend_ips", "lopend_niet_ips", "gestart_ips", "gestart_niet_ips"):
        t31[kolom] = t31[kolom].astype("float64").where(~privacy.primair(t31[kolom]))
    noemer = {
        r.eenheid: r.noemer
        for r in t[
            (t.traject == "totaal")
            & (t.maat == "beeindigd")
            & (t.categorie == "met_beoogd_resultaat")
            & (t.grootheid == "procent")
        ].itertuples()
    }
    tonen = [privacy.toon_percentage(noemer.get(r)) for r in t31["regio"]]
    pct = "pct_beeindigd_met_resultaat"
    t31[pct] = t31[pct].astype("float64").where(tonen)
    return t31


def tabel(r: Regiocijfers) -> str:
    """Tabel 3.1 as a Markdown table in Dutch number format."""
    eerder, nu = r.tabelrijen()
    a, b = eerder.set_index("regio"), nu.set_index("regio")
    ve, vn = r.periode.vorige().kort(), r.periode.kort()
    kop = (
        f"| Arbeidsmarktregio | Lopend {ve} (IPS / niet-IPS) | Lopend {vn} (IPS / niet-IPS) | "
        f"Gestart {ve} (IPS / niet-IPS) | Gestart {vn} (IPS / niet-IPS) | % met resultaat {ve} | "
        f"% met resultaat {vn} | Aanbieders |"
    )
    regels = [kop, "|" + "---|" * 8]
    if r.onbekend is not None and not r.onbekend[1].empty:  # below the regions, in italics
        a = pd.concat([a, r.onbekend[0].set_index("regio")])
        b = pd.concat([b, r.onbekend[1].set_index("regio")])
    namen = sorted((set(a.index) | set(b.index)) - {ONBEKEND})
    for regio in namen + ([ONBEKEND] if ONBEKEND in set(a.index) | set(b.index) else []):

        def w(t, k, regio=regio):
            return t.loc[regio, k] if regio in t.index else None

        def paar(t, maat):
            return f"{getal(w(t, maat + '_ips'))} / {getal(w(t, maat + '_niet_ips'))}"

        cellen = [
            paar(a, "lopend"),
            paar(b, "lopend"),
            paar(a, "gestart"),
            paar(b, "gestart"),
            procent(w(a, "pct_beeindigd_met_resultaat")),
            procent(w(b, "pct_beeindigd_met_resultaat")),
            getal(w(b, "aantal_aanbieders")),
        ]
        naam = f"*{regio}*" if regio == ONBEKEND else regio
        regels.append(f"| {naam} | " + " | ".join(cellen) + " |")
    bijschrift = (
        f"Tabel 3.1. Resultaten per arbeidsmarktregio, {r.periode.vorige().naam()} en "
        f"{r.periode.naam()}."
    )
    return (
        "\n".join(regels)
        + f"\n\n: {bijschrift}\n\n"
        + onbekend_tekst(r)
        + figures.download(tabel_cijfers(r), "Tabel 3.1")
    )


def onbekend_tekst(r: Regiocijfers) -> str:
    """What the row 'Regio onbekend' of Tabel 3.1 is, with its running trajects ('' without
    such registrations)."""
    if r.onbekend is None or r.onbekend[1].empty:
        return ""
    rij = r.onbekend[1].iloc[0]
    lopend = rij["lopend_ips"] + rij["lopend_niet_ips"]
    aantal = (
        f"In {r.periode.naam()} ging het om **{getal(lopend)}** lopende trajecten. "
        if pd.notna(lopend)
        else ""
    )
    return (
        f"De rij *{ONBEKEND}* telt de cliënten die organisaties zonder arbeidsmarktregio "
        f"registreerden. {aantal}Ze tellen mee in de landelijke cijfers en in de som van de "
        "regio's, maar worden niet gerangschikt.\n\n"
    )


def tabel_cijfers(r: Regiocijfers) -> pd.DataFrame:
    """The numbers of Tabel 3.1, one row per region and year, hidden cells empty."""
    kolommen = rankings.TABEL_3_1[1:]  # after 'regio'
    eerder, nu = r.tabelrijen()
    if r.onbekend is not None:
        eerder, nu = pd.concat([eerder, r.onbekend[0]]), pd.concat([nu, r.onbekend[1]])
    delen = [
        t.assign(periode=p.kort())[["regio", "periode", *[k for k in kolommen if k in t]]]
        for t, p in ((eerder, r.periode.vorige()), (nu, r.periode))
    ]
    return pd.concat(delen, ignore_index=True).sort_values(["regio", "periode"], kind="stable")


def _opsomming(lijst: pd.DataFrame, fmt=getal) -> str:
    """'Groot Amsterdam (1.343), …'; 'geen' for an empty list."""
    if lijst.empty:
        return "geen"
    return ", ".join(f"{rij.regio} ({fmt(rij.waarde)})" for rij in lijst.itertuples())


def plaats(r: Regiocijfers) -> str:
    """For a region's report: where it stands among all regions in running and started
    trajects (public figures of Tabel 3.1); for an organisation: a pointer to its regions."""
    if r.soort == "organisatie":
        return (
            f"De tabel toont alleen de regio's waarin {r.naam} werkt, en alleen de trajecten van "
            f"{r.naam} zelf. De ranglijsten van alle regio's staan in het landelijke jaarrapport."
        )
    zinnen = []
    for maat, wat in (("lopend", "lopende"), ("gestart", "gestarte")):
        volgorde = r.alle.sort_values([maat, "regio"], ascending=[False, True], kind="stable")
        regios = list(volgorde["regio"])
        if r.naam in regios:
            zinnen.append(
                f"Naar het aantal {wat} trajecten staat {r.naam} in {r.periode.naam()} op "
                f"plaats **{regios.index(r.naam) + 1}** van de {len(regios)} "
                "arbeidsmarktregio's."
            )
    return " ".join(zinnen)


def ranglijsten(r: Regiocijfers) -> str:
    """Top-3 lists, risers and fallers, the lowest, and the regions too small to rank (for a
    region's or organisation's report: its place, `plaats`)."""
    if r.soort != "landelijk":
        return "### Plaats tussen de regio's\n\n" + plaats(r)
    m = r.minimum
    samen = r.nu.merge(r.eerder[["regio", "lopend"]], on="regio", suffixes=("", "_eerder"))
    groot = ["lopend", "lopend_eerder"]  # big enough in both periods
    pct = "pct_beeindigd_met_resultaat"
    top_lopend = rankings.ranglijst(r.nu, "lopend", 3)
    top_gestart = rankings.ranglijst(r.nu, "gestart", 3)
    top_pct = rankings.ranglijst(samen, pct, 3, True, groot, m)
    laag_pct = rankings.ranglijst(samen, pct, 3, False, groot, m)
    stijgers, dalers = rankings.stijgers_en_dalers(r.nu, r.eerder, "lopend", 3, m)
    klein = rankings.te_klein(samen, groot, m)
    boven = int((samen.loc[rankings.groot_genoeg(samen, groot, m), pct] > 50).sum())
    nu, eerder = r.periode.naam(), r.periode.vorige().naam()
    regels = [
        "### Ranglijsten",
        "",
        "De lijsten hieronder noemen per onderwerp de drie regio's met de hoogste (of laagste) "
        "waarde. Een regio met te weinig lopende trajecten wordt niet gerangschikt, omdat een "
        "percentage over een handvol trajecten vooral toeval laat zien.",
        "",
        f"- Meeste lopende trajecten in {nu}: {_opsomming(top_lopend)}.",
        f"- Meeste gestarte trajecten: {_opsomming(top_gestart)}.",
        f"- Hoogste percentage beëindigd met beoogd resultaat: {_opsomming(top_pct, procent)}; "
        f"laagste: {_opsomming(laag_pct, procent)}.",
        f"- Grootste stijgers in lopende trajecten ten opzichte van {eerder}: "
        f"{_opsomming(stijgers, procent)}; grootste dalers: {_opsomming(dalers, procent)}.",
        f"- In **{getal(boven)}** van de regio's die groot genoeg zijn, eindigde meer dan de "
        "helft van de trajecten met het beoogde resultaat.",
    ]
    if klein:
        regels.append(
            f"- Te klein om te rangschikken (minder dan {getal(m)} lopende trajecten in "
            f"{eerder} of {nu}): {', '.join(klein)}. Een percentage over zo weinig trajecten "
            "zegt nog weinig."
        )
    return "\n".join(regels)
