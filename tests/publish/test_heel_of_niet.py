"""A report folder appears whole or not at all."""

import pytest

from werkmonitor.publish.rendering import Uitvoer, heel_of_niet, verplaatst


def test_a_failed_build_leaves_the_previous_report_and_no_debris(tmp_path):
    map_ = tmp_path / "landelijk"
    map_.mkdir()
    (map_ / "index.html").write_text("vorige versie")
    with pytest.raises(RuntimeError), heel_of_niet(map_) as bouw:
        (bouw / "index.html").write_text("half")
        raise RuntimeError("notebook faalt")
    assert (map_ / "index.html").read_text() == "vorige versie"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["landelijk"]


def test_a_complete_build_replaces_the_report_as_a_whole(tmp_path):
    map_ = tmp_path / "landelijk"
    map_.mkdir()
    (map_ / "oud.pdf").write_text("oud")
    with heel_of_niet(map_) as bouw:
        assert bouw != map_ and bouw.parent == map_.parent
        (bouw / "index.html").write_text("nieuw")
        assert (map_ / "oud.pdf").exists()  # readers still see the old report meanwhile
    assert sorted(p.name for p in map_.iterdir()) == ["index.html"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["landelijk"]


def test_a_first_build_and_the_paths_after_the_move(tmp_path):
    map_ = tmp_path / "a" / "regio" / "twente"
    with heel_of_niet(map_) as bouw:
        u = Uitvoer([bouw / "01.ipynb"], bouw / "index.html", bouw / "x.pdf")
    assert map_.is_dir()
    assert verplaatst(u, bouw, map_) == Uitvoer(
        [map_ / "01.ipynb"], map_ / "index.html", map_ / "x.pdf"
    )


def test_in_a_project_the_build_runs_under_build_and_never_in_the_site(tmp_path):
    root = tmp_path / "project"
    map_ = root / "reports" / "site" / "2025Q4"
    with heel_of_niet(map_, root) as bouw:
        assert bouw == root / "build" / "bouw" / "reports~site~2025Q4"
        (bouw / "index.html").write_text("nieuw")
        assert not (root / "reports").exists()  # nothing half-made where Quarto writes
    assert (map_ / "index.html").read_text() == "nieuw"
    assert not bouw.exists() and sorted(p.name for p in map_.parent.iterdir()) == ["2025Q4"]
