"""Changes to the registry of participating organisations, each written to the journal.

The registry itself lives in the store (`werkmonitor.register`); a change made here is
published at once and recorded in the archive's journal with who made it, so that
`werkmonitor herbouw` replays it in its place among the deliveries.
"""

from __future__ import annotations

from datetime import datetime

from werkmonitor import register, store
from werkmonitor.intake.archive import archiefmap, gebruiker, schrijf_journaal

ACTIES = ("toevoegen", "alias", "beeindigen", "hernoemen")


def pas_toe(con, regel: dict) -> str:
    """Apply one registry change (a journal line's fields) to the store; a Dutch sentence
    saying what was done. A `register.RegisterFout` when it cannot be made."""
    actie = regel["actie"]
    if actie == "toevoegen":
        org = register.voeg_toe(con, regel["naam"], regel.get("vanaf"), regel.get("tot"))
        return f"'{org.naam}' toegevoegd aan het register (deelname {org.looptijd()})."
    if actie == "alias":
        naam = register.voeg_alias_toe(con, regel["alias"], regel["naam"])
        return f"'{regel['alias']}' staat voortaan voor '{naam}'."
    if actie == "beeindigen":
        org = register.beeindig(con, regel["naam"], regel["tot"])
        return f"Deelname van '{org.naam}' loopt {org.looptijd()}."
    if actie == "hernoemen":
        org = register.hernoem(con, regel["naam"], regel["nieuw"])
        return (
            f"'{regel['naam']}' heet voortaan '{org.naam}'; eerdere leveringen tellen onder de "
            "nieuwe naam."
        )
    raise register.RegisterFout(f"onbekende wijziging van het register: {actie}")


def wijzig(con, regel: dict, reden: str | None = None) -> str:
    """Apply one registry change, publish it and write it to the journal; returns what was
    done, in Dutch."""
    tekst = pas_toe(con, regel)
    store.vastleggen(con)
    schrijf_journaal(
        archiefmap(con),
        {
            "tijd": datetime.now().isoformat(timespec="seconds"),
            "opdracht": "organisaties",
            "gebruiker": gebruiker(),
            **regel,
            **({"reden": reden} if reden else {}),
        },
    )
    return tekst


def als_tekst(reg: register.Register) -> str:
    """The registry in Dutch: one line per organisation, with its participation and aliases."""
    if not reg.organisaties:
        return (
            "Het register van deelnemende organisaties is leeg. Voeg organisaties toe met "
            "'werkmonitor organisaties --toevoegen NAAM'."
        )
    aliassen: dict[str, list[str]] = {}
    for alias, naam in reg.aliassen.items():
        aliassen.setdefault(naam, []).append(alias)
    regels = [f"{len(reg.organisaties)} organisaties in het register:"]
    for naam, org in reg.organisaties.items():
        ook = f"; ook: {', '.join(sorted(aliassen[naam]))}" if naam in aliassen else ""
        regels.append(f"  {naam} ({org.looptijd()}{ook})")
    return "\n".join(regels)
