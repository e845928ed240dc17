from werkmonitor import regions


def test_35_regions_with_unique_slugs():
    assert len(regions.REGIOS) == 35
    assert len({regions.slug(r) for r in regions.REGIOS}) == 35


def test_aliases_from_the_reports_are_normalised():
    assert regions.officiele_naam("Zaanstreek Waterland") == "Zaanstreek/Waterland"
    assert regions.officiele_naam("Zuid-Kennemerland & IJmond") == "Zuid-Kennemerland en IJmond"
    assert regions.officiele_naam("Zwolle") == "Regio Zwolle"
    assert regions.officiele_naam("  groot-amsterdam ") == "Groot Amsterdam"
    assert regions.officiele_naam("Atlantis") is None


def test_every_region_name_in_tabel_3_1_is_known(referentie):
    import pandas as pd

    t = pd.read_csv(referentie / "tabel_3_1_regio_2023_2024.csv")
    onbekend = [r for r in t["regio"].unique() if regions.officiele_naam(r) is None]
    assert onbekend == []
    assert t["regio"].map(regions.officiele_naam).nunique() == 35


def test_suggestion_for_a_typo():
    assert regions.suggestie("Twenthe") == "Twente"
    assert regions.suggestie("Midden Utrect") == "Midden-Utrecht"


def test_unknown_region_is_a_category_of_its_own_not_a_region():
    assert regions.officiele_naam("Regio onbekend") == regions.ONBEKEND
    assert regions.officiele_naam("onbekend") == regions.ONBEKEND
    assert regions.ONBEKEND not in regions.REGIOS and len(regions.REGIOS) == 35
    assert regions.REGIOS_MET_ONBEKEND[-1] == regions.ONBEKEND
    assert not regions.is_regio(regions.ONBEKEND) and regions.is_regio("Twente")
    assert regions.officiele_naam("Twnte") is None  # a typo stays unknown, never 'onbekend'
