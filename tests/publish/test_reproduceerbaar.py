"""Two builds of the same inputs give byte-identical HTML and PDF."""

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
