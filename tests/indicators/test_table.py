"""Looking up rows of an indicator table (`werkmonitor.indicators.table`)."""

import pandas as pd

from werkmonitor.indicators.table import rij, totaalrijen


def _tabel() -> pd.DataFrame:
    rijen = [
        # traject, maat, dimensie, categorie, eenheid, grootheid, waarde
        ("ips", "lopend", "totaal", "totaal", "", "aantal", 120.0),
        ("ips", "lopend", "totaal", "totaal", "", "aantal", 999.0),  # a second: not found
        ("ips", "lopend", "totaal", "totaal", "", "procent", 40.0),
        ("ips", "lopend", "type", "epa", "", "aantal", 70.0),
        ("ips", "lopend", "totaal", "totaal", "Twente", "aantal", 12.0),
        ("wabz", "gestart", "totaal", "totaal", "", "aantal", 5.0),
    ]
    kolommen = ["traject", "maat", "dimensie", "categorie", "eenheid", "grootheid", "waarde"]
    return pd.DataFrame(rijen, columns=kolommen)


def test_headline_rows_are_the_rows_rij_finds():
    """One pass gives, per (traject, maat), the first count row of the totals of the
    table's own unit: the row `rij` finds, not a percentage, a breakdown or a region's."""
    t = _tabel()
    rijen = totaalrijen(t)
    assert sorted(rijen) == [("ips", "lopend"), ("wabz", "gestart")]
    assert rijen[("ips", "lopend")]["waarde"] == 120.0
    assert rijen[("ips", "lopend")] == rij(t, "ips", "lopend").to_dict()
    assert totaalrijen(t, eenheid="Twente")[("ips", "lopend")]["waarde"] == 12.0
    assert totaalrijen(t.iloc[:0]) == {}
