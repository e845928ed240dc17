"""Property test: random damage to valid deliveries never crashes and never half-writes."""

import shutil

import hypothesis.strategies as st
from hypothesis import HealthCheck, given, settings
from openpyxl import load_workbook

from werkmonitor import store
from werkmonitor.intake.receive import inlezen

WAARDEN = st.one_of(
    st.integers(min_value=-(10**6), max_value=10**12),
    st.floats(allow_nan=True, allow_infinity=False, width=32),
    st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs")), max_size=12),
    st.none(),
    st.booleans(),
    st.sampled_from(["#REF!", "#VALUE!", "3,5", " 12 ", "Twente", "Zwolle"]),
)
WIJZIGING = st.tuples(
    st.sampled_from(["IPS", "Jobcoaching", "Toelichting", "_meta"]),
    st.integers(min_value=1, max_value=6),  # row
    st.integers(min_value=1, max_value=40),  # column
    WAARDEN,
)


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(wijzigingen=st.lists(WIJZIGING, min_size=1, max_size=4))
def test_random_damage_is_rejected_cleanly_or_stored_whole(
    registreer, werkboek, tmp_path, wijzigingen
):
    bron = werkboek()
    pad = tmp_path / "gewijzigd.xlsx"
    shutil.copyfile(bron, pad)
    wb = load_workbook(pad)
    for blad, rij, kolom, waarde in wijzigingen:
        if isinstance(waarde, str) and waarde.startswith("="):
            waarde = waarde[1:]
        wb[blad].cell(row=rij, column=kolom, value=waarde)
    wb.save(pad)
    db = tmp_path / "eigenschap.duckdb"
    db.unlink(missing_ok=True)
    shutil.rmtree(tmp_path / "aanleveringen", ignore_errors=True)
    with store.open_store(db) as con:
        registreer(con, "Demo-ggz Proef")
        pass
    voor = db.read_bytes()
    with store.open_store(db) as con:
        r = inlezen(pad, con)  # must not raise
        if r.status == "afgewezen":
            assert any(m.ernst == "fout" for m in r.meldingen)
        else:
            assert r.status == "geaccepteerd"
            opgeslagen = store.registraties(con)
            assert len(opgeslagen) > 0
            assert (opgeslagen["waarde"] >= 0).all()
    if r.status == "afgewezen":
        assert db.read_bytes() == voor
