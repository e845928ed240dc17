"""The 35 arbeidsmarktregio's, their aliases and name normalisation, and the category for
registrations whose region the organisation does not know (`ONBEKEND`)."""

from __future__ import annotations

import difflib
import re
import unicodedata

# Official names of the 35 labour-market regions (arbeidsmarktregio's).
REGIOS: tuple[str, ...] = (
    "Achterhoek",
    "Amersfoort",
    "Drechtsteden",
    "Drenthe",
    "Flevoland",
    "Food Valley",
    "Friesland",
    "Gooi en Vechtstreek",
    "Gorinchem",
    "Groningen",
    "Groot Amsterdam",
    "Haaglanden",
    "Helmond-De Peel",
    "Holland Rijnland",
    "Midden-Brabant",
    "Midden-Gelderland",
    "Midden-Holland",
    "Midden-Limburg",
    "Midden-Utrecht",
    "Noord-Holland Noord",
    "Noord-Limburg",
    "Noordoost-Brabant",
    "Regio Zwolle",
    "Rijk van Nijmegen",
    "Rijnmond",
    "Rivierenland",
    "Stedendriehoek en Noordwest Veluwe",
    "Twente",
    "West-Brabant",
    "Zaanstreek/Waterland",
    "Zeeland",
    "Zuid-Holland Centraal",
    "Zuid-Kennemerland en IJmond",
    "Zuid-Limburg",
    "Zuidoost-Brabant",
)

# Clients whose labour-market region the organisation does not know: a category of its own
# (a row "Regio onbekend" in a delivery). They count in the national figures and in the sum
# of the regions, but are no region: never ranked, no quality report. A misspelled region
# name is not this category: it stays refused.
ONBEKEND = "Regio onbekend"
REGIOS_MET_ONBEKEND: tuple[str, ...] = (*REGIOS, ONBEKEND)

# Spellings used by organisations and in the published reports (Tabel 3.1), mapped to the
# official name. Differences in case, hyphens, slashes, '&' versus 'en' are normalised anyway.
ALIASSEN: dict[str, str] = {
    "Groot-Amsterdam": "Groot Amsterdam",
    "Amsterdam": "Groot Amsterdam",
    "Zwolle": "Regio Zwolle",
    "Gooi & Vechtstreek": "Gooi en Vechtstreek",
    "Holland-Rijnland": "Holland Rijnland",
    "Noord Limburg": "Noord-Limburg",
    "Noordoost Brabant": "Noordoost-Brabant",
    "Stedendriehoek & Noordwest Veluwe": "Stedendriehoek en Noordwest Veluwe",
    "Stedendriehoek & Noordwest-Veluwe": "Stedendriehoek en Noordwest Veluwe",
    "Stedendriehoek": "Stedendriehoek en Noordwest Veluwe",
    "West Brabant": "West-Brabant",
    "Zaanstreek Waterland": "Zaanstreek/Waterland",
    "Zaanstreek-Waterland": "Zaanstreek/Waterland",
    "Zuid Holland Centraal": "Zuid-Holland Centraal",
    "Zuid-Kennemerland & IJmond": "Zuid-Kennemerland en IJmond",
    "Zuid Kennemerland en IJmond": "Zuid-Kennemerland en IJmond",
    "Zuid Limburg": "Zuid-Limburg",
    "Zuidoost Brabant": "Zuidoost-Brabant",
    "Foodvalley": "Food Valley",
    "Helmond De Peel": "Helmond-De Peel",
    "Nijmegen": "Rijk van Nijmegen",
    "Onbekend": ONBEKEND,
    "Onbekende regio": ONBEKEND,
    "Regio niet bekend": ONBEKEND,
}


def sleutel(naam: str) -> str:
    """Normalised comparison key of a region name (case, accents, punctuation, '&')."""
    s = unicodedata.normalize("NFKD", str(naam)).encode("ascii", "ignore").decode()
    s = s.lower().replace("&", " en ")
    s = re.sub(r"[-/_.,']", " ", s)
    s = re.sub(r"\s+", " ", s).strip()
    return s.removeprefix("regio ").removeprefix("arbeidsmarktregio ")


def _index() -> dict[str, str]:
    """Map every normalised official name and alias to the official name."""
    idx = {sleutel(r): r for r in REGIOS_MET_ONBEKEND}
    idx.update({sleutel(a): r for a, r in ALIASSEN.items()})
    return idx


_INDEX = _index()


def officiele_naam(naam: str) -> str | None:
    """The official region name for `naam` (an official name or alias), or None if unknown."""
    return _INDEX.get(sleutel(naam))


def suggestie(naam: str) -> str | None:
    """The official region name closest to an unknown `naam`, for error messages."""
    treffers = difflib.get_close_matches(sleutel(naam), list(_INDEX), n=1, cutoff=0.5)
    return _INDEX[treffers[0]] if treffers else None


def is_regio(naam: str) -> bool:
    """Whether `naam` is one of the 35 regions (not the unknown-region category)."""
    return naam in REGIOS


def slug(naam: str) -> str:
    """File-system name of a region or organisation: lower-case ASCII with hyphens."""
    s = unicodedata.normalize("NFKD", naam).encode("ascii", "ignore").decode().lower()
    s = s.replace("&", " en ")
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-")
