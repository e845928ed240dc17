"""The indicator cube: its tables and slices equal the methods applied per unit, it is
computed once per store state and read after that, and its key follows the numbers."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from werkmonitor import store
from werkmonitor.indicators import kubus as kubusmodule
from werkmonitor.indicators import privacy
from werkmonitor.indicators.kubus import Kubus
from werkmonitor.indicators.table import NIVEAUS, periodetabel
from werkmonitor.periods import Periode


@pytest.fixture(scope="module")
def demo(demo_db, tmp_path_factory):
    """The demo store's cube in a folder of its own, and its registrations."""
    map_ = tmp_path_factory.mktemp("kubus")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("WERKMONITOR_KUBUS", str(map_))
        k = Kubus.van(demo_db)
        yield k, k.registraties()


# a quarter and a half year (a year is computed as a half year is: over its quarters); for the
# slices also the first quarter, whose started clients cannot be computed
PERIODEN = ["2025Q4", "2024H2"]


def _vorige(reg, code: str, niveau: str):
    """The previous quarter's table that a region's quarter is suppressed with (its flows
    tie the two: `privacy._stromen`), None for other periods and levels or without it."""
    p = Periode.lees(code)
    if p.soort != "kwartaal" or niveau not in ("regio", "landelijk"):
        return None
    if not (reg["periode"] == p.vorige().code).any():
        return None
    return periodetabel(reg, p.vorige().code, niveau, met_noemer=True)


def test_every_table_of_the_cube_is_the_method_on_the_registrations(demo):
    """Every level, for a quarter and a half year."""
    k, reg = demo
    for code in PERIODEN:
        for niveau in NIVEAUS:
            verwacht = periodetabel(reg, code, niveau, met_noemer=True)
            pd.testing.assert_frame_equal(k.tabel(code, niveau), verwacht)
            if niveau != "landelijk":
                pd.testing.assert_frame_equal(
                    k.tabel(code, niveau, onderdrukt=True),
                    privacy.onderdruk_indicatoren(verwacht, vorige=_vorige(reg, code, niveau)),
                )


def test_tables_filled_together_are_the_method_on_the_registrations(
    demo_db, demo, monkeypatch, tmp_path
):
    """`vul_samen`, as a batch fills the cube before it starts (the tables of several
    periods and levels computed as one): each table as `periodetabel` computes it alone,
    kept on disk, and suppressed where a region's reports show it so."""
    _k, reg = demo
    monkeypatch.setenv("WERKMONITOR_KUBUS", str(tmp_path))
    monkeypatch.setattr(kubusmodule, "_GEHEUGEN", {})
    monkeypatch.setattr(kubusmodule, "_GEOPEND", {})
    k = Kubus.van(demo_db)
    k.vul_samen([("2025Q4", list(NIVEAUS)), ("2024H2", ["regio"]), ("2024", ["landelijk"])])
    for code, niveau in [
        *[("2025Q4", n) for n in NIVEAUS],
        ("2024H2", "regio"),
        ("2024", "landelijk"),
    ]:
        assert (tmp_path / k.sleutel / f"{code}_{niveau}.pkl").is_file()
        verwacht = periodetabel(reg, code, niveau, met_noemer=True)
        pd.testing.assert_frame_equal(k.tabel(code, niveau), verwacht)
    assert (tmp_path / k.sleutel / "2024H2_regio_onderdrukt.pkl").is_file()
    assert not (tmp_path / k.sleutel / "2025Q4_organisatie_onderdrukt.pkl").exists()


def test_a_cube_filled_for_one_quarter_reads_only_the_quarters_it_needs(
    demo_db, monkeypatch, tmp_path
):
    """The tables as published that a quarter's batch compares with (a cube at a date, one
    quarter at every level): read from that quarter and the two before it (the flows need
    the running counts of the quarter before; a region's quarter is suppressed with the
    quarter before's table, whose flows need the one before that), and equal to the
    methods on all registrations in force at that date. A table of more quarters after it
    reads them all."""
    monkeypatch.setenv("WERKMONITOR_KUBUS", str(tmp_path))
    monkeypatch.setattr(kubusmodule, "_GEHEUGEN", {})
    monkeypatch.setattr(kubusmodule, "_GEOPEND", {})
    dag = "2026-01-25"
    with store.open_store(demo_db, alleen_lezen=True) as con:
        reg = store.registraties(con, peildatum=dag)
    k = Kubus.van(demo_db, dag)
    k.vul_samen([("2025Q4", list(NIVEAUS))])
    assert k._reg_kwartalen == {"2025Q2", "2025Q3", "2025Q4"}
    for niveau in NIVEAUS:
        verwacht = periodetabel(reg, "2025Q4", niveau, met_noemer=True)
        pd.testing.assert_frame_equal(k.tabel("2025Q4", niveau), verwacht)
    pd.testing.assert_frame_equal(
        k.tabel("2025Q4", "regio", onderdrukt=True),
        privacy.onderdruk_indicatoren(
            periodetabel(reg, "2025Q4", "regio", met_noemer=True),
            vorige=_vorige(reg, "2025Q4", "regio"),
        ),
    )
    pd.testing.assert_frame_equal(k.tabel("2024"), periodetabel(reg, "2024", met_noemer=True))
    assert k._reg_kwartalen == k.perioden


def test_a_units_slice_is_its_own_registrations_computed_alone(demo):
    """For each kind of period a region and an organisation: the slice equals the
    methods and the suppression applied to that unit's registrations alone, and an
    organisation's regions likewise."""
    k, reg = demo
    regios, orgs = sorted(reg["regio"].unique()), sorted(reg["organisatie"].unique())
    for i, code in enumerate(["2023Q1", *PERIODEN]):
        for soort, naam in (
            ("regio", regios[i % len(regios)]),
            ("organisatie", orgs[i % len(orgs)]),
        ):
            eigen_reg = reg[reg[soort] == naam]
            eigen = periodetabel(eigen_reg, code, met_noemer=True)
            pd.testing.assert_frame_equal(k.eenheid(code, soort, naam, onderdrukt=False), eigen)
            vorige = _vorige(eigen_reg, code, "landelijk") if soort == "regio" else None
            pd.testing.assert_frame_equal(
                k.eenheid(code, soort, naam), privacy.onderdruk_indicatoren(eigen, vorige=vorige)
            )
            assert not eigen.empty
        org = orgs[i % len(orgs)]
        per_regio = periodetabel(reg[reg["organisatie"] == org], code, "regio", met_noemer=True)
        pd.testing.assert_frame_equal(
            k.regios_van(code, org), privacy.onderdruk_indicatoren(per_regio)
        )


def test_a_second_reader_reads_the_kept_tables_and_computes_nothing(demo_db, monkeypatch, tmp_path):
    """A first process computes a table and keeps it; a second (here: the same process with
    its memory emptied) reads it from disk and computes nothing."""
    monkeypatch.setenv("WERKMONITOR_KUBUS", str(tmp_path))
    monkeypatch.setattr(kubusmodule, "_GEHEUGEN", {})
    monkeypatch.setattr(kubusmodule, "_GEOPEND", {})
    eerste = Kubus.van(demo_db)
    # what a batch would compute first: both tables (the suppressed one is made from the
    # plain one), nothing of a period without registrations
    assert eerste.ontbrekend(["2025Q4", "2019Q1"], ["regio"]) == [
        ("2025Q4", "regio", False),
        ("2025Q4", "regio", True),
    ]
    assert eerste.ontbrekend(["2025Q4"], ["landelijk"]) == [("2025Q4", "landelijk", False)]
    verwacht = eerste.tabel("2025Q4", "regio", onderdrukt=True)
    assert eerste.ontbrekend(["2025Q4"], ["regio"]) == []
    monkeypatch.setattr(kubusmodule, "_GEHEUGEN", {})
    monkeypatch.setattr(kubusmodule, "_GEOPEND", {})

    def verboden(*_a, **_k):
        raise AssertionError("de kubus rekende opnieuw")

    monkeypatch.setattr(kubusmodule, "eenheidsrijen", verboden)
    monkeypatch.setattr(kubusmodule, "tabel_uit_rijen", verboden)
    monkeypatch.setattr(kubusmodule, "tabellen_uit_rijen", verboden)
    monkeypatch.setattr(kubusmodule, "stromen_per_kwartaal", verboden)
    monkeypatch.setattr(kubusmodule.privacy, "onderdruk_indicatoren", verboden)
    tweede = Kubus.van(demo_db)
    assert tweede is not eerste and tweede.sleutel == eerste.sleutel
    pd.testing.assert_frame_equal(tweede.tabel("2025Q4", "regio", onderdrukt=True), verwacht)
    tweede.vul_samen([("2025Q4", ["regio"])])  # on disk, plain and suppressed: nothing computed
    assert (tmp_path / eerste.sleutel / "2025Q4_regio_onderdrukt.pkl").is_file()


def test_the_key_follows_the_numbers_not_the_file(demo_db, tmp_path):
    """The same numbers under another delivery keep the key; one number changed, or another
    as-of date, gives another key."""
    kopie = tmp_path / "kopie.duckdb"
    shutil.copyfile(demo_db, kopie)
    with store.open_store(kopie, alleen_lezen=True) as con:
        eerst = kubusmodule.vingerafdruk(con)
        oud = kubusmodule.vingerafdruk(con, peildatum="2025-01-01")
    assert oud != eerst
    with store.open_store(kopie) as con:
        lev = store.geldige_leveringen(con).iloc[-1]
        data = store.registraties_van(con, int(lev["levering_id"]))
        nieuw = store.Levering(
            lev["organisatie"], lev["periode"], "zelfde.xlsx", "0" * 64, lev["ontvangen_op"]
        )
        store.sla_levering_op(con, nieuw, data)
    with store.open_store(kopie, alleen_lezen=True) as con:
        assert kubusmodule.vingerafdruk(con) == eerst
    with store.open_store(kopie) as con:
        data.loc[data.index[0], "waarde"] += 1
        anders = store.Levering(
            lev["organisatie"], lev["periode"], "anders.xlsx", "1" * 64, lev["ontvangen_op"]
        )
        store.sla_levering_op(con, anders, data)
    with store.open_store(kopie, alleen_lezen=True) as con:
        assert kubusmodule.vingerafdruk(con) != eerst


def test_periods_without_deliveries_are_known(demo):
    k, _reg = demo
    assert k.heeft("2025Q4") and k.heeft("2024") and not k.heeft("2031Q1")
    assert Periode.lees("2023Q1").code in k.perioden


def test_a_quarter_without_deliveries_has_no_unit_rows(demo):
    """A quarter of a year not delivered yet: no unit rows, with the columns of unit rows
    (the checks page of a year looks for units without started clients in each quarter;
    before December 2026 such a quarter ended in pandas' 'No objects to concatenate')."""
    from werkmonitor.report import controle

    k, _reg = demo
    leeg = k.eenheidsrijen("2031Q1")
    assert leeg.empty
    assert {"organisatie", "regio", "traject", "periode", "maat", "waarde"} <= set(leeg.columns)
    assert controle.niet_berekenbaar(k, "2031").empty
    assert not controle.niet_berekenbaar(k, "2023").empty  # the first quarter of each traject


def test_no_hidden_small_count_of_a_region_follows_from_what_its_report_shows(demo):
    """The audit of the suppression (`privacy._afleidbaar`) over every region's table of a
    quarter, a half year and a year of the demo: no primary cell is fixed by the sums of
    parts and totals that are shown. Before 4 December 2026, 34 such cells of the 2025Q4
    regional reports could be worked out (a hidden total given away by a breakdown shown
    in full, a hidden part by a second hidden cell that its own breakdown gave away)."""
    import numpy as np

    k, _reg = demo
    for code in ("2025Q4", "2024H2", "2024"):
        uit = k.tabel(code, "regio", onderdrukt=True).reset_index(drop=True)
        waarden = k.tabel(code, "regio").reset_index(drop=True)["waarde"].astype(float)
        tel = uit[(uit["grootheid"] == "aantal") & (uit["maat"] != "aantal_organisaties")]
        verborgen = (uit["onderdrukt"] != "").to_numpy()
        primair = (uit["onderdrukt"] == privacy.PRIMAIR).to_numpy()
        per_regio: dict = {}
        for som in privacy._groepen(tel, waarden.to_numpy()):
            per_regio.setdefault(uit["eenheid"].iloc[som[1]], []).append(som)
        assert len(per_regio) >= 30
        bloot = {
            regio: [c for c in privacy._afleidbaar(sommen, verborgen) if primair[c]]
            for regio, sommen in per_regio.items()
        }
        assert not any(bloot.values()), (code, {r: c for r, c in bloot.items() if c})
        assert np.isnan(uit.loc[primair, "waarde"].astype(float)).all()


def _stroomsommen(uit, ruw, vorige_getoond) -> list:
    """Per region and traject of a quarter: running + ended + lost = started + the previous
    quarter's running count, where that count was shown in the previous quarter's report
    (`vorige_getoond`: its suppressed table), as sums (parts, total) by row position."""
    import numpy as np

    sleutel = ["eenheid", "traject", "maat"]
    tot = ruw[(ruw["dimensie"] == "totaal") & (ruw["grootheid"] == "aantal")]
    plek = {
        tuple(r): i for i, r in zip(tot.index, tot[sleutel].itertuples(index=False), strict=True)
    }
    v = vorige_getoond[
        (vorige_getoond["maat"] == "lopend")
        & (vorige_getoond["dimensie"] == "totaal")
        & (vorige_getoond["grootheid"] == "aantal")
        & (vorige_getoond["onderdrukt"] == "")
    ]
    w = ruw["waarde"].astype(float).to_numpy()
    sommen = []
    for e, tr, l_vorig in zip(v["eenheid"], v["traject"], v["waarde"].astype(float), strict=True):
        cel = {m: plek.get((e, tr, m)) for m in ("lopend", "beeindigd", "verloren", "gestart")}
        if None in cel.values():
            continue
        links = w[cel["lopend"]] + w[cel["beeindigd"]] + w[cel["verloren"]]
        if abs(links - w[cel["gestart"]] - l_vorig) < 1e-6:
            sommen.append(
                (np.array([cel["lopend"], cel["beeindigd"], cel["verloren"]]), cel["gestart"], 0)
            )
    return sommen


def test_no_hidden_small_count_of_a_region_follows_from_its_flows(demo):
    """The same audit with the flows of each quarter as sums too: the running count of the
    quarter before, which the report shows in its trend figures, ties running, ended, lost
    and started (Bijlage 3, point 1). Before 4 December 2026 (the second time), 657 small
    counts of the demo's regional quarters could be worked out so, 52 in 2025Q4. And the
    protection does not hide the running total of a large region (the first attempt hid
    Groot Amsterdam's 738)."""
    k, _reg = demo
    for code, vorige in (("2024Q3", "2024Q2"), ("2025Q4", "2025Q3")):  # 2025Q4 last: below
        uit = k.tabel(code, "regio", onderdrukt=True).reset_index(drop=True)
        ruw = k.tabel(code, "regio").reset_index(drop=True)
        getoond = k.tabel(vorige, "regio", onderdrukt=True)
        tel = uit[(uit["grootheid"] == "aantal") & (uit["maat"] != "aantal_organisaties")]
        verborgen = (uit["onderdrukt"] != "").to_numpy()
        primair = (uit["onderdrukt"] == privacy.PRIMAIR).to_numpy()
        sommen = privacy._groepen(tel, ruw["waarde"].astype(float).to_numpy())
        stromen = _stroomsommen(uit, ruw, getoond)
        assert len(stromen) >= 80  # every region, IPS and all trajects at least
        per_regio: dict = {}
        for som in sommen + stromen:
            per_regio.setdefault(uit["eenheid"].iloc[som[1]], []).append(som)
        bloot = {
            regio: [c for c in privacy._afleidbaar(s, verborgen) if primair[c]]
            for regio, s in per_regio.items()
        }
        assert not any(bloot.values()), (code, {r: c for r, c in bloot.items() if c})
    # 2025Q4: no running total of all trajects of 50 or more hidden (2024Q3 hides four, as
    # it did without the flows: Friesland and Noordoost-Brabant among them)
    totalen = uit[
        (uit["traject"] == "totaal") & (uit["maat"] == "lopend") & (uit["dimensie"] == "totaal")
    ]
    groot = ruw.loc[totalen.index, "waarde"].astype(float) >= 50
    assert (totalen.loc[groot, "onderdrukt"] == "").all(), totalen[groot]
