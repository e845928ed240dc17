"""Vocabulary of the werkmonitor: trajects, measures, breakdowns and Tabel B3.1.

Codes are Dutch lower-case ASCII as in docs/methoden.md. `KOLOMMEN` is Tabel B3.1 of the annual
report made explicit: every registered measure and breakdown, the Dutch wording used as the
column header in a delivery, and the trajects that register it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

TRAJECTEN: tuple[str, ...] = ("ips", "wabz", "jobcoaching", "werkfit", "naar_werk", "overig")
TOTAAL = "totaal"

TRAJECT_LABELS: dict[str, str] = {
    "ips": "IPS",
    "wabz": "WABZ",
    "jobcoaching": "Jobcoaching",
    "werkfit": "UWV Werkfit",
    "naar_werk": "UWV Naar Werk",
    "overig": "Overige trajecten",
    "totaal": "Alle trajecten",
}
# the same inside a running sentence ('gestegen bij IPS, jobcoaching en de overige
# trajecten'): the names of methods and programmes keep their capitals, the common nouns
# lose theirs
TRAJECT_IN_ZIN: dict[str, str] = {
    **TRAJECT_LABELS,
    "jobcoaching": "jobcoaching",
    "overig": "de overige trajecten",
    "totaal": "alle trajecten",
}

# First quarter in which each traject was registered in the werkmonitor.
REGISTRATIE_VANAF: dict[str, str] = {
    "ips": "2023Q1",
    "werkfit": "2023Q1",
    "naar_werk": "2023Q1",
    "wabz": "2023Q3",
    "jobcoaching": "2023Q3",
    "overig": "2023Q3",
}

ALLE = frozenset(TRAJECTEN)
BETAALD = frozenset({"ips", "wabz", "overig"})  # trajects that register paid and unpaid work
UITSTROOM = frozenset({"ips", "wabz", "jobcoaching", "overig"})  # outflow by work status
UWV = frozenset({"werkfit", "naar_werk"})  # outflow by result
IPS = frozenset({"ips"})
JOBCOACHING = frozenset({"jobcoaching"})

FINANCIERING = ("uwv", "gemeente", "overig")
TYPE = ("epa", "cmd", "ander")
STADIUM = ("aangevraagd", "goedgekeurd")
UITSTROOM_CATEGORIEEN = ("met_betaald_werk", "zonder_betaald_werk_ooit_gewerkt", "nooit_gewerkt")
RESULTAAT_UWV = ("met_beoogd_resultaat", "zonder_beoogd_resultaat", "voortijdig")
SOORT = ("proefplaatsing", "vrijwilligerswerk_wep", "arbeidsmatige_dagbesteding")
DUUR_EERSTE_BAAN = ("minder_dan_3_mnd", "3_tot_9_mnd", "meer_dan_9_mnd")
DUUR_DIENSTVERBAND = ("minder_dan_6_mnd", "6_tot_12_mnd", "meer_dan_12_mnd")

CATEGORIE_LABELS: dict[str, str] = {
    "uwv": "UWV",
    "gemeente": "gemeente",
    "overig": "overige financiering",
    "epa": "IPS-EPA (driejarig)",
    "cmd": "IPS-CMD (tweejarig)",
    "ander": "ander type IPS",
    "aangevraagd": "aangevraagd, nog niet goedgekeurd",
    "goedgekeurd": "goedgekeurd door de financierder",
    "met_betaald_werk": "met betaald werk bij beëindiging",
    "zonder_betaald_werk_ooit_gewerkt": "zonder betaald werk, wel ooit gewerkt tijdens het traject",
    "nooit_gewerkt": "zonder ooit betaald werk tijdens het traject",
    "met_beoogd_resultaat": "met beoogd resultaat",
    "zonder_beoogd_resultaat": "zonder beoogd resultaat",
    "voortijdig": "voortijdig beëindigd",
    "proefplaatsing": "proefplaatsing",
    "vrijwilligerswerk_wep": "vrijwilligerswerk of werkervaringsplaats",
    "arbeidsmatige_dagbesteding": "arbeidsmatige dagbesteding",
    "minder_dan_3_mnd": "minder dan 3 maanden",
    "3_tot_9_mnd": "3 tot 9 maanden",
    "meer_dan_9_mnd": "meer dan 9 maanden",
    "minder_dan_6_mnd": "minder dan 6 maanden",
    "6_tot_12_mnd": "6 tot 12 maanden",
    "meer_dan_12_mnd": "meer dan 12 maanden",
}

MAAT_LABELS: dict[str, str] = {
    "lopend": "Aantal cliënten in een begeleidingstraject",
    "beeindigd": "Aantal cliënten bij wie het traject is beëindigd",
    "betaald_werk": "Aantal cliënten met betaald werk",
    "ooit_betaald_werk": "Aantal cliënten dat op enig moment tijdens het traject betaald werkte",
    "duurzaam_betaald_werk": "Aantal cliënten met duurzaam betaald werk",
    "gestart_betaald_werk": "Aantal cliënten gestart met betaald werk",
    "gestopt_betaald_werk": "Aantal cliënten gestopt met betaald werk",
    "duur_tot_eerste_baan": "Duur tussen start traject en eerste betaalde baan",
    "opleiding": "Aantal cliënten met een opleiding",
    "gestart_opleiding": "Aantal cliënten gestart met een opleiding",
    "gestopt_opleiding": "Aantal cliënten gestopt met een opleiding",
    "onbetaald_werk": "Aantal cliënten met onbetaald werk",
    "duur_dienstverband": "Duur van het huidige dienstverband",
    "gestart": "Aantal gestarte trajecten (berekend)",
    "verloren": "Aantal cliënten verloren tussen kwartalen (berekend)",
    "aantal_organisaties": "Aantal organisaties dat aanleverde",
}


@dataclass(frozen=True)
class Kolom:
    """One registered measure or breakdown (a column in a delivery sheet)."""

    maat: str
    dimensie: str
    categorie: str
    trajecten: frozenset[str]

    @property
    def sleutel(self) -> tuple[str, str, str]:
        """The (maat, dimensie, categorie) key of this column."""
        return (self.maat, self.dimensie, self.categorie)

    @property
    def label(self) -> str:
        """Column header in a delivery: the Tabel B3.1 wording, with the breakdown."""
        basis = MAAT_LABELS[self.maat]
        if self.dimensie == TOTAAL:
            return f"{basis} (totaal)"
        return f"{basis}: {CATEGORIE_LABELS[self.categorie]}"


def _kolommen() -> tuple[Kolom, ...]:
    """Build Tabel B3.1 as a tuple of columns, in delivery order."""
    k: list[Kolom] = []

    def add(maat: str, dimensie: str, categorieen: tuple[str, ...], trajecten: frozenset[str]):
        for cat in categorieen:
            k.append(Kolom(maat, dimensie, cat, trajecten))

    add("lopend", TOTAAL, (TOTAAL,), ALLE)
    add("lopend", "financiering", FINANCIERING, ALLE)
    add("lopend", "type", TYPE, IPS)
    add("lopend", "stadium", STADIUM, IPS)
    add("beeindigd", TOTAAL, (TOTAAL,), ALLE)
    add("beeindigd", "stadium", STADIUM, IPS)
    add("beeindigd", "uitstroom", UITSTROOM_CATEGORIEEN, UITSTROOM)
    add("beeindigd", "resultaat", RESULTAAT_UWV, UWV)
    add("betaald_werk", TOTAAL, (TOTAAL,), BETAALD)
    add("betaald_werk", "financiering", FINANCIERING, BETAALD)
    add("betaald_werk", "type", TYPE, IPS)
    add("duurzaam_betaald_werk", TOTAAL, (TOTAAL,), BETAALD)
    add("duurzaam_betaald_werk", "financiering", FINANCIERING, BETAALD)
    add("duurzaam_betaald_werk", "type", TYPE, IPS)
    add("ooit_betaald_werk", TOTAAL, (TOTAAL,), BETAALD)
    add("ooit_betaald_werk", "financiering", FINANCIERING, BETAALD)
    add("gestart_betaald_werk", TOTAAL, (TOTAAL,), BETAALD)
    add("gestopt_betaald_werk", TOTAAL, (TOTAAL,), BETAALD)
    add("duur_tot_eerste_baan", "duur", DUUR_EERSTE_BAAN, IPS)
    add("opleiding", TOTAAL, (TOTAAL,), IPS)
    add("gestart_opleiding", TOTAAL, (TOTAAL,), IPS)
    add("gestopt_opleiding", TOTAAL, (TOTAAL,), IPS)
    add("onbetaald_werk", "soort", SOORT, BETAALD)
    add("duur_dienstverband", "duur", DUUR_DIENSTVERBAND, JOBCOACHING)
    return tuple(k)


KOLOMMEN: tuple[Kolom, ...] = _kolommen()


@lru_cache(maxsize=64)
def kolommen_voor(traject: str) -> tuple[Kolom, ...]:
    """The columns that `traject` registers, in delivery order (kept per traject: the
    methods and the intake's rules ask it for every row)."""
    return tuple(k for k in KOLOMMEN if traject in k.trajecten)


def kolom_per_label(traject: str) -> dict[str, Kolom]:
    """Map the column headers of a traject's sheet to their columns."""
    return {k.label: k for k in kolommen_voor(traject)}


@lru_cache(maxsize=1024)
def registreert(traject: str, maat: str) -> bool:
    """True when `traject` registers `maat` (any breakdown) according to Tabel B3.1."""
    return any(k.maat == maat for k in kolommen_voor(traject))


@lru_cache(maxsize=4096)
def registreert_uitsplitsing(traject: str, maat: str, dimensie: str) -> bool:
    """True when `traject` registers `maat` split by `dimensie` (Tabel B3.1)."""
    return any(k.maat == maat and k.dimensie == dimensie for k in kolommen_voor(traject))


# (maat, dimensie): breakdowns that must add up to the total of that measure.
SOMREGELS = [
    ("lopend", "financiering"),
    ("lopend", "type"),
    ("lopend", "stadium"),
    ("beeindigd", "stadium"),
    ("beeindigd", "uitstroom"),
    ("beeindigd", "resultaat"),
    ("betaald_werk", "financiering"),
    ("betaald_werk", "type"),
    ("duurzaam_betaald_werk", "financiering"),
    ("duurzaam_betaald_werk", "type"),
    ("ooit_betaald_werk", "financiering"),
]


# Levels of the indicator tables and the two methods for a half year or year (Bijlage 3,
# points 3 and 4); here so that the command line can offer them without loading pandas.
NIVEAUS = ("landelijk", "regio", "organisatie", "organisatie_regio")
METHODEN = ("gepubliceerd", "voorraad_stroom")

# Seconds a command waits while another process holds the store (`--wacht`).
WACHT_STANDAARD = 180.0
