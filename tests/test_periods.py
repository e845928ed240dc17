import pytest

from werkmonitor.periods import (
    Periode,
    PeriodeFout,
    geregistreerd_in,
    kwartalen_tussen,
    onvolledig_vergeleken,
)


def test_parse_and_neighbours():
    p = Periode.lees("2025Q4")
    assert p.vorige().code == "2025Q3"
    assert p.jaar_eerder().code == "2024Q4"
    assert p.volgende().code == "2026Q1"
    assert Periode.lees("2025Q1").vorige().code == "2024Q4"
    assert Periode.lees("2025H1").vorige().code == "2024H2"
    assert Periode.lees("2024").vorige().code == "2023"
    assert [q.code for q in Periode.lees("2024H2").kwartalen()] == ["2024Q3", "2024Q4"]
    assert len(kwartalen_tussen("2023Q1", "2025Q4")) == 12


def test_dutch_names():
    assert Periode.lees("2025Q4").naam() == "kwartaal 4 van 2025"
    assert Periode.lees("2024H1").naam() == "eerste helft van 2024"
    assert Periode.lees("2024").kort() == "2024"


def test_quarters_may_be_written_the_dutch_way():
    for tekst in ("2025K4", "2025k4", "K4 2025", "k4-2025", " 2025Q4 "):
        assert Periode.lees(tekst).code == "2025Q4", tekst
    assert Periode.lees("H2 2025").code == "2025H2"
    with pytest.raises(PeriodeFout, match="Onbekende periode 'K5 2025'"):
        Periode.lees("K5 2025")
    with pytest.raises(PeriodeFout, match="Onbekende periode '2025KK4'"):
        Periode.lees("2025KK4")


def test_bad_period_message_is_dutch():
    with pytest.raises(PeriodeFout, match="Onbekende periode '2025Q5'"):
        Periode.lees("2025Q5")
    with pytest.raises(PeriodeFout, match="H1 of H2"):
        Periode.lees("2025H3")


def test_registration_start_flag():
    assert not geregistreerd_in("wabz", "2023Q2")
    assert geregistreerd_in("wabz", "2023Q3")
    assert not geregistreerd_in("wabz", "2023")  # year 2023 includes Q1 and Q2
    assert onvolledig_vergeleken("overig", "2024", "2023")
    assert not onvolledig_vergeleken("ips", "2024", "2023")


def test_started_clients_need_the_quarter_before():
    from werkmonitor.periods import kwartalen_met_starts

    # IPS registered from 2023Q1: no starts in 2023Q1 itself, so 3 of 4 quarters in 2023
    assert kwartalen_met_starts("ips", "2023") == 3
    assert kwartalen_met_starts("ips", "2023H1") == 1
    assert kwartalen_met_starts("ips", "2024") == 4
    # WABZ from 2023Q3: only 2023Q4
    assert kwartalen_met_starts("wabz", "2023") == 1
    assert kwartalen_met_starts("wabz", "2023Q3") == 0


def test_a_period_read_again_is_the_same_and_a_bad_one_fails_again():
    """`Periode.lees` keeps what it parsed (the methods ask for the same few codes tens of
    thousands of times); an unknown code is refused every time, not only the first."""
    assert Periode.lees("2025K4") is Periode.lees("2025K4") == Periode(2025, "kwartaal", 4)
    for _ in range(2):
        with pytest.raises(PeriodeFout, match="Onbekende periode '2025Q5'"):
            Periode.lees("2025Q5")
    assert geregistreerd_in("ips", "2023Q1") and not geregistreerd_in("overig", "2023Q1")


def test_a_traject_never_registered_in_a_period():
    from werkmonitor.periods import nooit_geregistreerd

    assert nooit_geregistreerd("wabz", "2023H1") and nooit_geregistreerd("overig", "2023Q2")
    # registered in part of the period (the '*' case), or the whole of it: a figure exists
    assert not nooit_geregistreerd("wabz", "2023") and not nooit_geregistreerd("wabz", "2023H2")
    assert not nooit_geregistreerd("ips", "2023Q1") and not nooit_geregistreerd("totaal", "2023H1")
