from openpyxl import load_workbook

from werkmonitor import store
from werkmonitor.cli import main
from werkmonitor.intake.receive import inlezen
from werkmonitor.periods import Periode


def test_status_lists_delivered_missing_and_rejected(registreer, werkboek, tmp_path, capsys):
    db = tmp_path / "s.duckdb"
    with store.open_store(db) as con:
        registreer(con, "Demo-ggz Een", "Demo-ggz Twee", "Demo-ggz Drie")
        for org in ("Demo-ggz Een", "Demo-ggz Twee", "Demo-ggz Drie"):
            inlezen(werkboek(org=org, periode="2025Q3"), con)
        inlezen(werkboek(org="Demo-ggz Een", periode="2025Q4"), con)
        slecht = werkboek(org="Demo-ggz Twee", periode="2025Q4")
        wb = load_workbook(slecht)
        wb["IPS"]["B2"] = -1
        wb.save(slecht)
        inlezen(slecht, con)
    code = main(["status", "--periode", "2025Q4", "--db", str(db)])
    uit = capsys.readouterr().out
    assert code == 1
    assert "Aanleveringen over kwartaal 4 van 2025: 1 geleverd, 2 ontbreken, 1 afgewezen." in uit
    assert "geleverd   Demo-ggz Een" in uit
    assert "ONTBREEKT  Demo-ggz Drie" in uit
    assert "AFGEWEZEN  Demo-ggz Twee (Demo-ggz_Twee_2025Q4.xlsx): Fout [negatief_getal]" in uit


def test_status_complete_exits_zero(registreer, werkboek, tmp_path, capsys):
    db = tmp_path / "s.duckdb"
    with store.open_store(db) as con:
        registreer(con, "Demo-ggz Proef")
        inlezen(werkboek(periode="2025Q3"), con)
        inlezen(werkboek(periode="2025Q4"), con)
    assert main(["status", "--periode", "2025Q4", "--db", str(db)]) == 0


def test_every_received_file_is_archived_read_only(registreer, werkboek, tmp_path):
    import os

    db = tmp_path / "s.duckdb"
    pad = werkboek()
    with store.open_store(db) as con:
        registreer(con, "Demo-ggz Proef")
        inlezen(pad, con)
    bewaard = list((tmp_path / "aanleveringen" / "2025Q4").glob("*.xlsx"))
    assert len(bewaard) == 1 and bewaard[0].read_bytes() == pad.read_bytes()
    assert not os.access(bewaard[0], os.W_OK) or os.geteuid() == 0
    assert oct(bewaard[0].stat().st_mode & 0o777) == "0o444"


def test_status_counts_the_running_trajects_without_a_region(registreer, werkboek, tmp_path):
    """Registrations without a known region (issue 15) count in the nation, in no region:
    `status` says how many running trajects that is, and of which organisation."""
    from werkmonitor.intake import status
    from werkmonitor.regions import ONBEKEND

    db = tmp_path / "s.duckdb"
    with store.open_store(db) as con:
        registreer(con, "Demo-ggz Een", "Demo-ggz Twee")
        inlezen(werkboek(org="Demo-ggz Een", inhoud={"ips": {"Twente": (40, 5)}}), con)
        twee = {"ips": {"Twente": (1200, 50), ONBEKEND: (6, 1)}, "jobcoaching": {ONBEKEND: (1, 0)}}
        inlezen(werkboek(org="Demo-ggz Twee", inhoud=twee), con)
        s = status.leverstatus(con, Periode.lees("2025Q4"), tmp_path / "archief")
    assert s.lopend == 1247 and s.zonder_regio == {"Demo-ggz Twee": 7}
    tekst = status.als_tekst(s)
    assert (
        "Zonder arbeidsmarktregio (Regio onbekend): 7 van de 1.247 lopende trajecten (0,6%), "
        "bij 1 organisatie."
    ) in tekst
    assert "geleverd   Demo-ggz Een\n" in tekst
    assert "geleverd   Demo-ggz Twee (7 lopende trajecten zonder regio)" in tekst
