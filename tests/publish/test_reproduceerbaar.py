"""Two builds of the same inputs give byte-identical HTML, PDF and notebooks."""

import hashlib

from werkmonitor.periods import Periode
from werkmonitor.publish import batch


def _sha(pad) -> str:
    return hashlib.sha256(pad.read_bytes()).hexdigest()


def test_two_builds_of_the_national_report_are_identical(kwartaalrapport, demo_db, project):
    tweede = batch.rapport_landelijk(
        Periode.lees("2025Q4"), db=demo_db, projectmap=project, meld=lambda _t: None
    )
    assert tweede.html != kwartaalrapport.html  # two folders, two builds
    assert _sha(tweede.html) == _sha(kwartaalrapport.html)
    assert _sha(tweede.pdf) == _sha(kwartaalrapport.pdf)
    assert kwartaalrapport.pdf.read_bytes().startswith(b"%PDF-")
    # the kept notebooks name the store they were built from, not the private snapshot the
    # run read (gone afterwards): the same in both builds, and a notebook that can be rerun
    for een, twee in zip(kwartaalrapport.notebooks, tweede.notebooks, strict=True):
        tekst = een.read_text(encoding="utf-8")
        assert "momentopname" not in tekst and str(demo_db) in tekst, een.name
        assert _sha(een) == _sha(twee), een.name
