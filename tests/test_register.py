"""The registry of participating organisations: the intake accepts registered organisations
only, in the quarters they take part in; aliases and a new name keep one history."""

import json

import pytest

from werkmonitor import register, store
from werkmonitor.cli import main
from werkmonitor.intake.herbouw import herbouw
from werkmonitor.intake.receive import inlezen


def test_names_are_compared_without_case_spaces_or_unicode_form():
    reg = register.Register(
        {"GGZ Noorderlicht": register.Organisatie("GGZ Noorderlicht", "2023Q1", None)},
        {"Noorderlicht ggz": "GGZ Noorderlicht"},
    )
    for naam in ("ggz  NOORDERLICHT\u00a0", "GGZ Noorderlicht", " noorderlicht GGZ "):
        assert reg.zoek(naam).naam == "GGZ Noorderlicht"
    assert reg.zoek("GGZ Zuiderlicht") is None
    assert reg.lijkt_op("GGZ Noorderlich") == ["GGZ Noorderlicht"]
    assert register.genormaliseerd("Cafe\u0301") == register.genormaliseerd("Café")


def test_participation_is_inclusive_at_both_ends():
    org = register.Organisatie("A", "2024Q2", "2025Q1")
    assert [org.neemt_deel(p) for p in ("2024Q1", "2024Q2", "2025Q1", "2025Q2")] == [
        False,
        True,
        True,
        False,
    ]
    assert org.looptijd() == "2024Q2 tot en met 2025Q1"


def test_an_unknown_organisation_is_refused_with_the_closest_names(registreer, werkboek, tmp_path):
    db = registreer(tmp_path / "s.duckdb", "Demo-ggz Proef", "Demo-ggz Anders")
    with store.open_store(db) as con:
        r = inlezen(werkboek(org="Demo-ggz Proeff"), con)
        assert len(store.alle_leveringen(con)) == 0
    assert r.status == "afgewezen"
    fouten = [m for m in r.meldingen if m.ernst == "fout"]
    assert [m.regel for m in fouten] == ["organisatie_onbekend"]
    assert fouten[0].tekst == (
        "organisatie 'Demo-ggz Proeff' staat niet in het register van deelnemende organisaties. "
        "Bedoelt u 'Demo-ggz Proef' of 'Demo-ggz Anders'? Een nieuwe deelnemer voegt de "
        "beheerder toe met 'werkmonitor organisaties --toevoegen NAAM'."
    )


def test_an_empty_registry_refuses_every_delivery(werkboek, tmp_path):
    with store.open_store(tmp_path / "s.duckdb") as con:
        r = inlezen(werkboek(), con)
    assert [m.regel for m in r.meldingen] == ["organisatie_onbekend"]


def test_a_quarter_outside_the_participation_is_refused(werkboek, tmp_path):
    with store.open_store(tmp_path / "s.duckdb") as con:
        register.voeg_toe(con, "Demo-ggz Proef", vanaf="2024Q1", tot="2025Q3")
        assert inlezen(werkboek(periode="2025Q3", naam="q3.xlsx"), con).status == "geaccepteerd"
        r = inlezen(werkboek(periode="2025Q4"), con)
    assert [(m.regel, m.tekst) for m in r.meldingen] == [
        (
            "organisatie_neemt_niet_deel",
            "organisatie 'Demo-ggz Proef' neemt volgens het register deel 2024Q1 tot en met "
            "2025Q3, niet in 2025Q4.",
        )
    ]


def test_an_alias_is_stored_under_the_official_name(werkboek, tmp_path):
    with store.open_store(tmp_path / "s.duckdb") as con:
        register.voeg_toe(con, "GGZ Noorderlicht")
        register.voeg_alias_toe(con, "Demo-ggz Proef", "ggz noorderlicht")
        r = inlezen(werkboek(), con)
        assert r.status == "geaccepteerd"
        assert [m.tekst for m in r.meldingen] == [
            "organisatie 'Demo-ggz Proef' gelezen als 'GGZ Noorderlicht'."
        ]
        assert store.organisaties(con) == ["GGZ Noorderlicht"]


def test_a_new_name_keeps_the_history_in_one_line(registreer, werkboek, tmp_path):
    db = registreer(tmp_path / "s.duckdb", "Demo-ggz Proef")
    with store.open_store(db) as con:
        assert inlezen(werkboek(periode="2025Q3", naam="q3.xlsx"), con).status == "geaccepteerd"
        register.hernoem(con, "Demo-ggz Proef", "GGZ Proef Nieuw")
        # the old name in a new file still arrives, under the new name
        assert inlezen(werkboek(periode="2025Q4"), con).status == "geaccepteerd"
        assert store.organisaties(con) == ["GGZ Proef Nieuw"]
        reg = store.registraties(con)
        assert set(reg["organisatie"]) == {"GGZ Proef Nieuw"}
        assert sorted(set(reg["periode"])) == ["2025Q3", "2025Q4"]
        # the history keeps each delivery under the name it was stored with
        assert list(store.alle_leveringen(con)["organisatie"]) == [
            "Demo-ggz Proef",
            "GGZ Proef Nieuw",
        ]


@pytest.mark.parametrize(
    "wijziging,tekst",
    [
        (lambda c: register.voeg_toe(c, "demo-ggz  proef"), "staat al in het register"),
        (lambda c: register.voeg_toe(c, "=1+1"), "is geen gewone naam"),
        (lambda c: register.voeg_toe(c, "Nieuw", vanaf="2025"), "is geen kwartaal"),
        (lambda c: register.voeg_toe(c, "Nieuw", "2025Q2", "2025Q1"), "ligt vóór --vanaf"),
        (lambda c: register.voeg_alias_toe(c, "X", "Demo-ggz Proe"), "Bedoelt u 'Demo-ggz Proef'"),
        (lambda c: register.beeindig(c, "Demo-ggz Proef", "2022Q4"), "ligt vóór het begin"),
    ],
)
def test_a_wrong_registry_change_is_refused_in_dutch(registreer, tmp_path, wijziging, tekst):
    with store.open_store(registreer(tmp_path / "s.duckdb", "Demo-ggz Proef")) as con:
        with pytest.raises(register.RegisterFout, match=tekst):
            wijziging(con)


def test_the_command_lists_changes_and_journals_the_registry(tmp_path, capsys):
    db = str(tmp_path / "s.duckdb")
    assert main(["organisaties", "--db", db, "--toevoegen", "GGZ Oost", "--vanaf", "2024q1"]) == 0
    assert main(["organisaties", "--db", db, "--alias", "Oost GGZ", "--voor", "ggz oost"]) == 0
    assert main(["organisaties", "--db", db, "--beeindigen", "GGZ Oost", "--tot", "2025Q4"]) == 0
    assert main(["organisaties", "--db", db, "--hernoemen", "GGZ Oost", "GGZ Oost-Nederland"]) == 0
    capsys.readouterr()
    assert main(["organisaties", "--db", db]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "1 organisaties in het register:",
        "  GGZ Oost-Nederland (2024Q1 tot en met 2025Q4; ook: GGZ Oost, Oost GGZ)",
    ]
    assert main(["organisaties", "--db", db, "--toevoegen", "GGZ Oost"]) == 2
    assert capsys.readouterr().err.strip() == (
        "Fout: 'GGZ Oost' staat al in het register, als 'GGZ Oost-Nederland'."
    )
    assert main(["organisaties", "--db", db, "--alias", "X"]) == 2
    assert "geef bij --alias ook --voor NAAM" in capsys.readouterr().err
    journaal = (tmp_path / "aanleveringen" / "journaal.jsonl").read_text(encoding="utf-8")
    acties = [json.loads(r)["actie"] for r in journaal.splitlines()]
    assert acties == ["toevoegen", "alias", "beeindigen", "hernoemen"]


def test_a_rebuild_replays_the_registry_in_its_place(werkboek, tmp_path, capsys):
    db = tmp_path / "s.duckdb"
    assert main(["organisaties", "--db", str(db), "--toevoegen", "Demo-ggz Proef"]) == 0
    assert main(["inlezen", str(werkboek()), "--db", str(db)]) == 0
    assert main(["organisaties", "--db", str(db), "--hernoemen", "Demo-ggz Proef", "GGZ P"]) == 0
    with store.open_store(db, alleen_lezen=True) as con:
        voor = (register.lees_register(con), store.registraties(con))
    herbouw(db, meld=lambda _t: None)
    with store.open_store(db, alleen_lezen=True) as con:
        assert register.lees_register(con) == voor[0]
        assert store.registraties(con).equals(voor[1])
        assert store.organisaties(con) == ["GGZ P"]


def test_a_store_from_before_the_registry_registers_what_it_holds(tmp_path):
    db = tmp_path / "oud.duckdb"
    con = store.duckdb.connect(str(db))
    con.execute(store._SCHEMA)
    con.execute(
        "INSERT INTO leveringen VALUES (1, 'Oude ggz', '2024Q2', 'f.xlsx', 'abc', "
        "TIMESTAMP '2024-07-20 09:00', 'geaccepteerd')"
    )
    con.close()
    with store.open_store(db, alleen_lezen=True) as lezer:  # read as it is, nothing written
        assert register.lees_register(lezer).zoek("oude GGZ").geldig_van == "2024Q2"
    with store.open_store(db) as schrijver:
        assert list(register.lees_register(schrijver).organisaties) == ["Oude ggz"]
