"""The rules a parsed delivery must meet; any error rejects the whole delivery."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from functools import cache
from typing import NamedTuple

import pandas as pd

from werkmonitor import regions
from werkmonitor.intake.parsed import Gelezen, Melding
from werkmonitor.intake.template import (
    BLAD_PER_TRAJECT,
    META_BLAD,
    TOELICHTING_BLAD,
    TRAJECT_PER_BLAD,
)
from werkmonitor.periods import Periode
from werkmonitor.register import GELDIGE_NAAM, Register, genormaliseerd
from werkmonitor.vocab import (
    KOLOMMEN,
    REGISTRATIE_VANAF,
    SOMREGELS,
    TOTAAL,
    TRAJECTEN,
    kolommen_voor,
)


@cache
def registratie_schema():
    """The pandera schema of tidy registrations, the store's internal check on what a parser
    delivers. Made on first use: pandera is imported only by a process that validates (the
    intake's read-ahead worker), not by every command that imports the rules."""
    import pandera.pandas as pa

    return pa.DataFrameSchema(
        {
            "periode": pa.Column(str, pa.Check.str_matches(r"^\d{4}Q[1-4]$")),
            "organisatie": pa.Column(str, pa.Check.str_length(min_value=1)),
            "regio": pa.Column(str, pa.Check.isin(list(regions.REGIOS_MET_ONBEKEND))),
            "traject": pa.Column(str, pa.Check.isin(list(TRAJECTEN))),
            "maat": pa.Column(str, pa.Check.isin(sorted({k.maat for k in KOLOMMEN}))),
            "dimensie": pa.Column(str),
            "categorie": pa.Column(str),
            "waarde": pa.Column("int64", pa.Check.ge(0)),
        },
        strict=True,
        unique=["periode", "organisatie", "regio", "traject", "maat", "dimensie", "categorie"],
    )


@dataclass
class Context:
    """What rules may know besides the delivery: the command's expectations, earlier data."""

    organisatie: str | None = None  # --organisatie of the command
    periode: str | None = None  # --periode of the command
    vorige: pd.DataFrame | None = None  # the organisation's previous quarter in the store
    sprong_factor: float = 0.5  # plausibility: relative jump that triggers a warning
    sprong_minimum: int = 20  # ... and absolute jump
    ontvangen_op: datetime | None = None  # when the file arrived (bounds the period)
    register: Register | None = None  # the participating organisations (None: not checked)
    accepteer_sprong: str | None = None  # --reden of --accepteer-sprong: jumps confirmed
    # the sums of the delivery and of `vorige` (`_sommen`), when `controleer` computed them
    # once for all rules; a rule called alone computes them itself
    sommen: dict | None = None
    vorige_sommen: dict | None = None


@dataclass(frozen=True)
class Regel:
    """A named, documented check of a parsed delivery."""

    naam: str
    omschrijving: str
    functie: Callable[[Gelezen, Context], list[Melding]]


# (smaller, larger, wording): per region and traject, smaller may not exceed larger.
ORDEREGELS = [
    ("betaald_werk", "lopend", "meer cliënten met betaald werk dan cliënten in een traject"),
    (
        "duurzaam_betaald_werk",
        "betaald_werk",
        "meer cliënten met duurzaam betaald werk dan met betaald werk",
    ),
    (
        "betaald_werk",
        "ooit_betaald_werk",
        "minder cliënten die ooit betaald werkten dan cliënten die nu betaald werken",
    ),
    ("beeindigd", "lopend", "meer beëindigde trajecten dan trajecten die in het kwartaal liepen"),
    (
        "gestart_betaald_werk",
        "betaald_werk",
        "meer cliënten gestart met betaald werk dan cliënten met betaald werk",
    ),
    ("opleiding", "lopend", "meer cliënten met een opleiding dan cliënten in een traject"),
    (
        "gestart_opleiding",
        "opleiding",
        "meer cliënten gestart met een opleiding dan cliënten met een opleiding",
    ),
]


def _totaalkolom(traject: str, maat: str):
    """The column of the unsplit total of `maat` on a traject's sheet."""
    return next(k for k in kolommen_voor(traject) if k.sleutel == (maat, TOTAAL, TOTAAL))


def _sommen(data: pd.DataFrame) -> dict[tuple[str, str], dict[tuple[str, str], int]]:
    """Sums of a delivery per (maat, dimensie), then per (traject, regio): one grouping for
    all the rules that compare totals, in the sorted order of the keys."""
    uit: dict[tuple[str, str], dict[tuple[str, str], int]] = {}
    if data.empty:
        return uit
    s = data.groupby(["maat", "dimensie", "traject", "regio"])["waarde"].sum()
    for (maat, dim, traject, regio), v in s.items():
        uit.setdefault((maat, dim), {})[(traject, regio)] = int(v)
    return uit


def _sommen_nu(g: Gelezen, ctx: Context) -> dict:
    """The sums of the delivery: those in `ctx` when computed already."""
    return ctx.sommen if ctx.sommen is not None else _sommen(g.data)


def regel_uitsplitsing(g: Gelezen, ctx: Context) -> list[Melding]:
    """Breakdowns (financing, IPS type and stage, outflow, result) add up to their total."""
    uit = []
    sommen = _sommen_nu(g, ctx)
    for maat, dim in SOMREGELS:
        som = sommen.get((maat, dim), {})
        totaal = sommen.get((maat, TOTAAL), {})
        for (traject, regio), s in som.items():
            t = totaal.get((traject, regio))
            if t is not None and s != t:
                kolom = _totaalkolom(traject, maat)
                uit.append(
                    Melding(
                        "uitsplitsing_telt_niet_op",
                        f"de uitsplitsing naar {dim} telt op tot {s}, maar het totaal is {t}.",
                        **g.plek(traject, regio, kolom),
                    )
                )
    duur = sommen.get(("duur_dienstverband", "duur"), {})
    lopend = sommen.get(("lopend", TOTAAL), {})
    for (traject, regio), s in duur.items():
        t = lopend.get((traject, regio))
        if t is not None and s != t:
            uit.append(
                Melding(
                    "uitsplitsing_telt_niet_op",
                    f"de duur van het dienstverband telt op tot {s}, maar er lopen {t} trajecten.",
                    **g.plek(traject, regio),
                )
            )
    return uit


def regel_volgorde(g: Gelezen, ctx: Context) -> list[Melding]:
    """Paid work within running, sustainable within paid, ever-worked at least paid-now, ended
    within running (running counts every client in a traject during the quarter)."""
    uit = []
    sommen = _sommen_nu(g, ctx)
    for klein, groot, tekst in ORDEREGELS:
        a, b = sommen.get((klein, TOTAAL), {}), sommen.get((groot, TOTAAL), {})
        for (traject, regio), v in a.items():
            w = b.get((traject, regio))
            if w is not None and v > w:
                kolom = _totaalkolom(traject, klein)
                uit.append(
                    Melding(
                        "onmogelijke_verhouding",
                        f"{tekst} ({v} tegen {w}).",
                        **g.plek(traject, regio, kolom),
                    )
                )
    duur = sommen.get(("duur_tot_eerste_baan", "duur"), {})
    ooit = sommen.get(("ooit_betaald_werk", TOTAAL), {})
    for (traject, regio), s in duur.items():
        o = ooit.get((traject, regio))
        if o is not None and s > o:
            uit.append(
                Melding(
                    "onmogelijke_verhouding",
                    f"de duur tot de eerste baan is "
                    f"ingevuld voor {s} cliënten, maar er werkten er ooit {o}.",
                    **g.plek(traject, regio),
                )
            )
    return uit


def _zelfde(naam: str) -> str:
    """A name as compared, as the registry compares it ('GGZ  x ' is 'ggz X')."""
    return genormaliseerd(naam)


def regel_meta(g: Gelezen, ctx: Context) -> list[Melding]:
    """Organisation and period agree between '_meta', the instructions sheet and the command."""
    uit = []
    for sleutel, in_bestand in (("organisatie", g.organisatie), ("periode", g.periode)):
        zichtbaar = g.zichtbaar.get(sleutel)
        if zichtbaar and in_bestand and _zelfde(zichtbaar) != _zelfde(in_bestand):
            uit.append(
                Melding(
                    "meta_tegenstrijdig",
                    f"op het blad '{TOELICHTING_BLAD}' staat "
                    f"{sleutel} '{zichtbaar}', maar het sjabloon is gemaakt voor "
                    f"'{in_bestand}'.",
                    bestand=g.bestand,
                    blad=TOELICHTING_BLAD,
                )
            )
        verwacht = getattr(ctx, sleutel)
        if verwacht and in_bestand and _zelfde(verwacht) != _zelfde(in_bestand):
            uit.append(
                Melding(
                    "meta_tegenstrijdig",
                    f"het bestand is voor {sleutel} "
                    f"'{in_bestand}', maar ingelezen als '{verwacht}'.",
                    bestand=g.bestand,
                )
            )
    return uit


_NAAM = GELDIGE_NAAM


def regel_organisatie(g: Gelezen, ctx: Context) -> list[Melding]:
    """The organisation's name is a plain name (no markup, path or formula)."""
    if not g.organisatie or _NAAM.fullmatch(g.organisatie):
        return []
    tekst = (
        f"de organisatienaam '{g.organisatie}' bevat tekens die in een naam niet horen "
        "(zoals < > = @ of een pad); gebruik de naam waarvoor het sjabloon is gemaakt."
    )
    blad = META_BLAD if g.kolomletters else None
    return [Melding("organisatie_ongeldig", tekst, bestand=g.bestand, blad=blad)]


def regel_organisatie_geregistreerd(g: Gelezen, ctx: Context) -> list[Melding]:
    """The organisation is in the registry and takes part in the delivery's quarter."""
    if ctx.register is None or not g.organisatie or not _NAAM.fullmatch(g.organisatie):
        return []
    blad = META_BLAD if g.kolomletters else None
    org = ctx.register.zoek(g.organisatie)
    if org is None:
        tekst = (
            f"organisatie '{g.organisatie}' staat niet in het register van deelnemende "
            f"organisaties.{ctx.register.bedoelt_u(g.organisatie)} Een nieuwe deelnemer "
            "voegt de beheerder toe met 'werkmonitor organisaties --toevoegen NAAM'."
        )
        return [Melding("organisatie_onbekend", tekst, bestand=g.bestand, blad=blad)]
    eerste = Periode.lees(min(REGISTRATIE_VANAF.values()))
    if g.periode and Periode.lees(g.periode) >= eerste and not org.neemt_deel(g.periode):
        tekst = (
            f"organisatie '{org.naam}' neemt volgens het register deel {org.looptijd()}, "
            f"niet in {g.periode}."
        )
        return [Melding("organisatie_neemt_niet_deel", tekst, bestand=g.bestand, blad=blad)]
    return []


def regel_periode(g: Gelezen, ctx: Context) -> list[Melding]:
    """The period lies between the first registered quarter and the quarter of arrival."""
    if not g.periode:
        return []
    p = Periode.lees(g.periode)
    eerste = Periode.lees(min(REGISTRATIE_VANAF.values()))
    if p < eerste:
        tekst = (
            f"de werkmonitor registreert vanaf {eerste.naam()}; een aanlevering over "
            f"{p.naam()} is niet mogelijk. Staat de goede periode in het sjabloon?"
        )
        return [Melding("periode_buiten_bereik", tekst, bestand=g.bestand)]
    if ctx.ontvangen_op is not None:
        d = ctx.ontvangen_op
        nu = Periode.lees(f"{d.year}Q{(d.month - 1) // 3 + 1}")
        if p > nu:
            tekst = (
                f"{p.naam()} is nog niet begonnen op de dag van ontvangst "
                f"({d:%d-%m-%Y}); staat de goede periode in het sjabloon?"
            )
            return [Melding("periode_buiten_bereik", tekst, bestand=g.bestand)]
    return []


def regel_blad_ontbreekt(g: Gelezen, ctx: Context) -> list[Melding]:
    """Every traject named in the template is present as a sheet."""
    aanwezig = set(g.data["traject"]) | {t for (t, _r) in g.rijen}
    return [
        Melding(
            "blad_ontbreekt",
            "dit tabblad ontbreekt; het sjabloon bevatte het wel.",
            bestand=g.bestand,
            blad=BLAD_PER_TRAJECT.get(t, t),
        )
        for t in g.aangekondigd
        if t in TRAJECTEN and t not in aanwezig
    ]


def regel_sprong(g: Gelezen, ctx: Context) -> list[Melding]:
    """Plausibility (warning only): running differs much from the previous quarter."""
    if ctx.vorige is None or ctx.vorige.empty:
        return []
    nu = _sommen_nu(g, ctx).get(("lopend", TOTAAL), {})
    vorige = ctx.vorige_sommen if ctx.vorige_sommen is not None else _sommen(ctx.vorige)
    eerder = vorige.get(("lopend", TOTAAL), {})
    uit = []
    for (traject, regio), v in nu.items():
        e = eerder.get((traject, regio))
        if e is None:
            continue
        if abs(v - e) >= ctx.sprong_minimum and abs(v - e) > ctx.sprong_factor * max(e, 1):
            kolom = next(
                k for k in kolommen_voor(traject) if k.sleutel == ("lopend", TOTAAL, TOTAAL)
            )
            uit.append(
                Melding(
                    "sprong",
                    f"{v} lopende trajecten tegen {e} in het vorige kwartaal; klopt dit?",
                    ernst="waarschuwing",
                    **g.plek(traject, regio, kolom),
                )
            )
    return uit


class _Sprong(NamedTuple):
    """One cell that jumped against the previous quarter."""

    traject: str
    regio: str
    maat: str
    dimensie: str
    categorie: str
    waarde: int
    waarde_vorig: int


SPRONG_FACTOR = 10  # a cell this many times larger or smaller than last quarter is refused
SPRONG_VANAF = 20  # ... when the larger of the two is at least this


def regel_sprong_te_groot(g: Gelezen, ctx: Context) -> list[Melding]:
    """No cell jumps by more than a factor 10 against the organisation's previous quarter
    (for a cell of at least 20), unless the jump is confirmed with --accepteer-sprong."""
    if ctx.vorige is None or ctx.vorige.empty or g.data.empty:
        return []
    sleutel = ["traject", "regio", "maat", "dimensie", "categorie"]
    eerder = dict(
        zip(zip(*(ctx.vorige[k] for k in sleutel), strict=True), ctx.vorige["waarde"], strict=True)
    )
    sprong = []
    for *cel, waarde in zip(*(g.data[k] for k in [*sleutel, "waarde"]), strict=True):
        vorig = eerder.get(tuple(cel))
        if vorig is None:
            continue
        groot, klein = max(waarde, vorig), max(min(waarde, vorig), 1)
        if groot >= SPRONG_VANAF and groot > SPRONG_FACTOR * klein:
            sprong.append(_Sprong(*cel, int(waarde), int(vorig)))
    uit = []
    for r in sprong:
        kolom = next(
            k for k in kolommen_voor(r.traject) if k.sleutel == (r.maat, r.dimensie, r.categorie)
        )
        tekst = (
            f"{r.waarde} tegen {r.waarde_vorig} in het vorige kwartaal, meer dan "
            f"{SPRONG_FACTOR} keer zo {'veel' if r.waarde > r.waarde_vorig else 'weinig'}."
        )
        if ctx.accepteer_sprong:
            melding = Melding(
                "sprong_geaccepteerd",
                f"{tekst} Bevestigd: {ctx.accepteer_sprong}",
                ernst="waarschuwing",
                **g.plek(r.traject, r.regio, kolom),
            )
        else:
            melding = Melding(
                "sprong_te_groot",
                f"{tekst} Klopt dit volgens de contactpersoon van de organisatie, lees het "
                'bestand dan in met --accepteer-sprong --reden "...".',
                **g.plek(r.traject, r.regio, kolom),
            )
        uit.append(melding)
    return uit


REGELS: list[Regel] = [
    Regel(
        "meta_tegenstrijdig",
        "organisatie en periode kloppen met het sjabloon en de opdracht",
        regel_meta,
    ),
    Regel(
        "organisatie_ongeldig",
        "de organisatienaam is een gewone naam (geen opmaak, pad of formule)",
        regel_organisatie,
    ),
    Regel(
        "organisatie_onbekend",
        "de organisatie staat in het register en neemt deel in het kwartaal van de levering",
        regel_organisatie_geregistreerd,
    ),
    Regel(
        "sprong_te_groot",
        "geen cel meer dan 10 keer zo groot of klein als in het vorige kwartaal (vanaf 20)",
        regel_sprong_te_groot,
    ),
    Regel(
        "periode_buiten_bereik",
        "de periode ligt tussen het eerste geregistreerde kwartaal en het kwartaal van ontvangst",
        regel_periode,
    ),
    Regel(
        "blad_ontbreekt", "elk traject uit het sjabloon heeft zijn tabblad", regel_blad_ontbreekt
    ),
    Regel(
        "uitsplitsing_telt_niet_op", "uitsplitsingen tellen op tot hun totaal", regel_uitsplitsing
    ),
    Regel(
        "onmogelijke_verhouding", "deelaantallen zijn niet groter dan hun geheel", regel_volgorde
    ),
    Regel(
        "sprong",
        "waarschuwing bij een grote sprong ten opzichte van het vorige kwartaal",
        regel_sprong,
    ),
]


def controleer(g: Gelezen, ctx: Context | None = None) -> list[Melding]:
    """All messages for a parsed delivery: parsing problems, then every rule.

    When parsing found errors, the content rules still run, but only on the region rows that
    were read without errors, so that every message points at a real cause and not at a
    consequence of an earlier one, and a person sees all problems in one go.
    """
    ctx = ctx or Context()
    meldingen = list(g.meldingen)
    fouten = [m for m in meldingen if m.ernst == "fout"]
    if fouten and g.data.empty:
        return meldingen
    if fouten:
        if any(m.regio is None and m.regel != "regio_onbekend" for m in fouten):
            return meldingen  # a problem with the file as a whole: rules would mislead
        kapot = {(TRAJECT_PER_BLAD.get(m.blad, m.blad), m.regio) for m in fouten}
        heel = [
            (t, r) not in kapot for t, r in zip(g.data["traject"], g.data["regio"], strict=True)
        ]
        g = Gelezen(
            g.bestand,
            g.organisatie,
            g.periode,
            g.data[heel],
            [],
            g.rijen,
            g.kolomletters,
            g.aangekondigd,
            g.zichtbaar,
        )
    ctx = replace(
        ctx,
        sommen=_sommen(g.data),
        vorige_sommen=None if ctx.vorige is None else _sommen(ctx.vorige),
    )
    for regel in REGELS:
        meldingen += regel.functie(g, ctx)
    return meldingen
