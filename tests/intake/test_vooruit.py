"""The intake's read-ahead: a worker process parses the next files while the intake checks
and stores the ones before them. What is stored is the same as without, a file that changed
after it was read ahead is read again, and a worker that dies loses nothing."""

import os

import pandas as pd

from werkmonitor import store
from werkmonitor.cli import main
from werkmonitor.intake import receive
from werkmonitor.intake.receive import _zonder_breuk, inlezen, vooraf_gelezen, vooruit_lezen


def _inhoud(lopend: int) -> dict:
    return {"ips": {"Twente": (lopend, 5), "Drenthe": (12, 2)}, "jobcoaching": {"Twente": (9, 1)}}


def _alles(db) -> pd.DataFrame:
    with store.open_store(db, alleen_lezen=True) as con:
        return store.registraties(con).drop(columns="organisatie")


def test_a_folder_read_ahead_stores_what_reading_one_by_one_stores(
    registreer, werkboek, tmp_path, capsys
):
    namen = [f"Demo-ggz {n}" for n in ("Een", "Twee", "Drie", "Vier", "Vijf")]
    map_ = tmp_path / "binnengekomen"
    map_.mkdir()
    for i, org in enumerate(namen):
        pad = werkboek(org=org, inhoud=_inhoud(40 + i), zaad=i)
        os.replace(pad, map_ / pad.name)
    assert len(list(map_.iterdir())) >= receive.VOORUIT_VANAF
    samen, los = tmp_path / "samen.duckdb", tmp_path / "los.duckdb"
    registreer(samen, *namen)
    registreer(los, *namen)
    assert main(["inlezen", str(map_), "--db", str(samen)]) == 0
    for pad in sorted(map_.iterdir()):
        assert main(["inlezen", str(pad), "--db", str(los)]) == 0
    assert capsys.readouterr().out.count("Geaccepteerd:") == 10
    pd.testing.assert_frame_equal(_alles(samen), _alles(los))


def test_a_file_changed_after_it_was_read_ahead_is_read_again(registreer, werkboek, tmp_path):
    oud = vooraf_gelezen(werkboek(org="Demo-ggz Een", inhoud=_inhoud(40), naam="a.xlsx"))
    pad = werkboek(org="Demo-ggz Een", inhoud=_inhoud(77), naam="a.xlsx")  # overwritten
    assert oud is not None and oud.sha256 != receive.sha256_van(pad)
    db = registreer(tmp_path / "s.duckdb", "Demo-ggz Een")
    with store.open_store(db) as con:
        r = inlezen(pad, con, vooraf=oud)
        assert r.status == "geaccepteerd"
        lopend = store.registraties(con).query(
            "traject == 'ips' and regio == 'Twente' and maat == 'lopend' and dimensie == 'totaal'"
        )
    assert lopend["waarde"].tolist() == [77]  # the file as it is, not as it was read ahead


def test_what_is_not_a_plain_file_is_not_read_ahead(tmp_path):
    fifo = tmp_path / "pijp.xlsx"
    os.mkfifo(fifo)
    assert vooraf_gelezen(fifo) is None  # returns at once: a FIFO is never opened
    assert vooraf_gelezen(tmp_path / "weg.xlsx") is None


def test_read_ahead_gives_the_schema_check_with_the_parse(werkboek):
    v = vooraf_gelezen(werkboek())
    assert v is not None and v.schema == [] and not v.gelezen.data.empty
    kapot = v.gelezen.data.assign(regio="Atlantis")
    [m] = receive.schema_meldingen(kapot, "x.xlsx")
    assert m.regel == "schema" and "Atlantis" in m.tekst


def test_a_worker_that_dies_leaves_the_rest_to_the_intake():
    def stuk():
        yield "eerste"
        raise RuntimeError("worker weg")

    assert list(_zonder_breuk(stuk(), 3)) == ["eerste", None, None]


def test_few_files_are_not_read_ahead(tmp_path):
    with vooruit_lezen([tmp_path / "a.xlsx"]) as vooraf:
        assert list(vooraf) == [None]
