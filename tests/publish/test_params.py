"""The params files: notebook parameters apart from the report's own settings, so that
`papermill -f params/<periode>.yml` passes only parameters the notebooks know."""

from __future__ import annotations

import pytest
from papermill.inspection import inspect_notebook

from werkmonitor.paths import PROJECT
from werkmonitor.periods import Periode
from werkmonitor.publish.batch import hoofdstukken, lees_params


@pytest.mark.parametrize("code", ["2025Q4", "2024"])
def test_every_key_of_a_params_file_is_a_parameter_of_its_notebooks(code):
    import yaml

    sleutels = set(yaml.safe_load((PROJECT / "params" / f"{code}.yml").read_text()))
    assert sleutels == {"periode"}
    for naam in hoofdstukken(Periode.lees(code), PROJECT):
        bekend = set(inspect_notebook(str(PROJECT / "notebooks" / naam)))
        assert sleutels <= bekend, (naam, sleutels - bekend)


def test_the_reports_settings_come_from_their_own_file(tmp_path):
    (tmp_path / "params").mkdir()
    (tmp_path / "params" / "2025Q4.yml").write_text("periode: 2025K4\npeildatum: 2026-06-01\n")
    (tmp_path / "params" / "2025Q4.rapport.yml").write_text("titel: Proef\nauteurs: Wij\n")
    params = lees_params(Periode.lees("2025Q4"), tmp_path)
    assert params["periode"] == "2025Q4" and params["titel"] == "Proef"
    assert params["auteurs"] == "Wij" and str(params["peildatum"]) == "2026-06-01"
    assert lees_params(Periode.lees("2025Q4"), PROJECT)["titel"].startswith("Landelijk rapport")


def test_a_broken_settings_file_is_named_in_dutch(tmp_path):
    (tmp_path / "params").mkdir()
    (tmp_path / "params" / "2025Q4.rapport.yml").write_text("titel: [kapot\n")
    with pytest.raises(ValueError, match=r"2025Q4\.rapport\.yml is geen geldig YAML-bestand"):
        lees_params(Periode.lees("2025Q4"), tmp_path)
