"""A cell more than ten times larger or smaller than last quarter (at least 20) is refused,
unless the organisation's contact confirms it (--accepteer-sprong --reden), which the journal
records."""

import json

import pandas as pd
import pytest

from werkmonitor import store
from werkmonitor.cli import main
from werkmonitor.intake.parsed import Gelezen
from werkmonitor.intake.rules import Context, regel_sprong_te_groot

SLEUTEL = ["traject", "regio", "maat", "dimensie", "categorie"]


def _gelezen(waarden: dict[tuple, int]) -> Gelezen:
    rijen = [[*k, v] for k, v in waarden.items()]
    data = pd.DataFrame(rijen, columns=[*SLEUTEL, "waarde"]).assign(
        periode="2025Q4", organisatie="Demo-ggz Proef"
    )
    return Gelezen("x.csv", "Demo-ggz Proef", "2025Q4", data, [], {}, {}, [], {})


LOPEND = ("ips", "Twente", "lopend", "totaal", "totaal")
BETAALD = ("ips", "Twente", "betaald_werk", "totaal", "totaal")


@pytest.mark.parametrize(
    "vorig,nu,geweigerd",
    [
        (2, 21, True),  # up, more than ten times, at least 20
        (2, 20, False),  # exactly ten times: allowed
        (0, 20, True),  # from nothing: counted as from 1
        (1, 19, False),  # both under 20
        (40, 3, True),  # down, more than ten times
        (40, 0, True),  # down to nothing
        (40, 4, False),  # exactly a tenth
        (3, 3_000_000, True),  # the x10^6 sender
    ],
)
def test_a_jump_by_more_than_ten_times_is_refused(vorig, nu, geweigerd):
    ctx = Context(vorige=_gelezen({LOPEND: vorig, BETAALD: 1}).data)
    meldingen = regel_sprong_te_groot(_gelezen({LOPEND: nu, BETAALD: 1}), ctx)
    assert [m.regel for m in meldingen] == (["sprong_te_groot"] if geweigerd else [])


def test_the_message_names_both_numbers_and_what_to_do():
    ctx = Context(vorige=_gelezen({LOPEND: 40}).data)
    (m,) = regel_sprong_te_groot(_gelezen({LOPEND: 3}), ctx)
    assert m.tekst == (
        "3 tegen 40 in het vorige kwartaal, meer dan 10 keer zo weinig. Klopt dit volgens de "
        "contactpersoon van de organisatie, lees het bestand dan in met --accepteer-sprong "
        '--reden "...".'
    )
    assert (m.ernst, m.regio, m.kolom) == (
        "fout",
        "Twente",
        "Aantal cliënten in een begeleidingstraject (totaal)",
    )


def test_a_confirmed_jump_is_stored_with_its_reason_in_the_journal(
    registreer, werkboek, tmp_path, capsys
):
    db = registreer(tmp_path / "s.duckdb", "Demo-ggz Proef")
    q3 = werkboek(periode="2025Q3", inhoud={"ips": {"Twente": (3, 0)}}, naam="q3.xlsx")
    q4 = werkboek(periode="2025Q4", inhoud={"ips": {"Twente": (80, 0)}}, naam="q4.xlsx")
    assert main(["inlezen", str(q3), "--db", str(db)]) == 0
    voor = db.read_bytes()
    capsys.readouterr()
    assert main(["inlezen", str(q4), "--db", str(db)]) == 1
    uit = capsys.readouterr().out
    assert "Fout [sprong_te_groot]" in uit and "80 tegen 3 in het vorige kwartaal" in uit
    assert db.read_bytes() == voor
    assert main(["inlezen", str(q4), "--db", str(db), "--accepteer-sprong"]) == 2
    assert "geef bij --accepteer-sprong ook --reden" in capsys.readouterr().err
    reden = "bevestigd door J. Jansen (telefoon, 2 december): nieuw team"
    assert main(["inlezen", str(q4), "--db", str(db), "--accepteer-sprong", "--reden", reden]) == 0
    uit = capsys.readouterr().out
    assert "Geaccepteerd: q4.xlsx" in uit and "Waarschuwing [sprong_geaccepteerd]" in uit
    with store.open_store(db, alleen_lezen=True) as con:
        assert len(store.geldige_leveringen(con)) == 2
    journaal = (tmp_path / "aanleveringen" / "journaal.jsonl").read_text(encoding="utf-8")
    laatste = json.loads(journaal.splitlines()[-1])
    assert (laatste["besluit"], laatste["accepteer_sprong"], laatste["reden"]) == (
        "geaccepteerd",
        True,
        reden,
    )
    eerste = json.loads(journaal.splitlines()[0])
    assert "accepteer_sprong" not in eerste and "reden" not in eerste
