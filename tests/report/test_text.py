from decimal import Decimal

from werkmonitor.getallen import afronden
from werkmonitor.indicators.comparison import verandering
from werkmonitor.report.text import (
    aandeel,
    als_zinsdeel,
    getal,
    getal_met_aandeel,
    procent,
    verandering_tekst,
)


def test_dutch_thousands_and_percent():
    assert getal(1047) == "1.047"
    assert getal(8966) == "8.966"
    assert getal(12) == "12"
    assert procent(aandeel(1047, 7919)) == "13,2%"
    assert procent(Decimal("13.2")) == "13,2%"
    assert getal_met_aandeel(4285, 5023) == "4.285 (85,3%)"


def test_rounding_is_half_away_from_zero():
    assert afronden(2.25, 1) == Decimal("2.3")
    assert afronden(-2.25, 1) == Decimal("-2.3")
    assert afronden(0.5) == Decimal("1")
    assert afronden(2.5) == Decimal("3")  # banker's rounding would give 2
    assert procent(Decimal("0.05")) == "0,1%"


def test_missing_values_are_shown_as_dash():
    assert getal(None) == "–"
    assert procent(aandeel(3, 0)) == "–"


def test_change_sentence_uses_earlier_period_as_base():
    # seed 001: 5.023 now, 5.112 a quarter earlier, 4.740 a year earlier
    assert verandering_tekst(verandering(5023, 5112), "trajecten", "kwartaal 3 van 2025") == (
        "een daling van 89 trajecten (1,7%) ten opzichte van kwartaal 3 van 2025"
    )
    assert verandering_tekst(verandering(5023, 4740), "trajecten", "kwartaal 4 van 2024") == (
        "een stijging van 283 trajecten (6,0%) ten opzichte van kwartaal 4 van 2024"
    )
    assert verandering_tekst(verandering(7, 6), "cliënten", "vorig kwartaal", "cliënt") == (
        "een stijging van 1 cliënt (16,7%) ten opzichte van vorig kwartaal"
    )
    assert verandering_tekst(verandering(5, 5), "trajecten", "vorig kwartaal") == (
        "gelijk gebleven ten opzichte van vorig kwartaal"
    )


def test_a_change_after_laat_zien_is_a_noun_phrase():
    # 'het aantal … laat … zien' needs a noun phrase: never 'laat gelijk gebleven … zien'
    from werkmonitor.report.kwartaal import verandering_zin
    from werkmonitor.report.text import procentpunten_tekst

    gelijk = verandering_tekst(verandering(5, 5), "trajecten", "vorig kwartaal", zien=True)
    assert gelijk == "geen verandering ten opzichte van vorig kwartaal"
    assert verandering_tekst(verandering(7, 6), "cliënten", "2024", "cliënt", zien=True) == (
        "een stijging van 1 cliënt (16,7%) ten opzichte van 2024"
    )
    assert verandering_tekst(None, "trajecten", "2024", zien=True) == (
        "geen vergelijking met 2024 (geen gegevens)"
    )
    assert verandering_zin(float("nan"), 4, "cliënten", "2024", zien=True) == (
        "geen te tonen verandering ten opzichte van 2024 (kleine aantallen)"
    )
    assert procentpunten_tekst(30.04, 30.0, "2024", zien=True) == (
        "geen verandering ten opzichte van 2024"
    )
    # a percentage hidden for privacy (NaN) is not a percentage without data
    assert procentpunten_tekst(float("nan"), 30.0, "2024", zien=True) == (
        "geen te tonen verandering ten opzichte van 2024 (kleine aantallen)"
    )
    assert procentpunten_tekst(31.0, None, "2024") == "niet te vergelijken met 2024 (geen gegevens)"


def test_percentage_point_wording():
    from werkmonitor.report.text import procentpunten_tekst

    assert (
        procentpunten_tekst(34.1, 32.2, "kwartaal 3 van 2025")
        == "een stijging van 1,9 procentpunt ten opzichte van kwartaal 3 van 2025"
    )
    assert procentpunten_tekst(30.04, 30.0, "2024") == "gelijk gebleven ten opzichte van 2024"
    assert procentpunten_tekst(29.0, 30.25, "2024").startswith("een daling van 1,3 procentpunt")
    assert "geen gegevens" in procentpunten_tekst(None, 3, "2024")


def test_a_title_inside_a_sentence_keeps_its_abbreviations():
    assert (
        als_zinsdeel("Lopende trajecten naar financiering") == "lopende trajecten naar financiering"
    )
    assert als_zinsdeel("IPS naar type, K4 2025") == "IPS naar type, K4 2025"
    assert als_zinsdeel("K3 2025 tegen K4 2025") == "K3 2025 tegen K4 2025"
    assert als_zinsdeel("UWV Werkfit en Naar Werk") == "UWV Werkfit en Naar Werk"
    assert als_zinsdeel("IPS-EPA") == "IPS-EPA"


def test_one_organisation_is_singular():
    from werkmonitor.report.text import meervoud

    assert meervoud(1, "ggz-organisatie leverde", "ggz-organisaties leverden") == (
        "ggz-organisatie leverde"
    )
    assert meervoud(42, "ggz-organisatie leverde", "ggz-organisaties leverden") == (
        "ggz-organisaties leverden"
    )
    assert meervoud(0, "a", "b") == "b"


def test_an_average_that_moved_less_than_half_a_client_is_nearly_the_same():
    """Averages per quarter have decimals: 116,75 against 116,95 is no 'daling van 0
    cliënten (0,2%)' (as the annual report said of trial placements) but nearly the same;
    half a client or more is a change of 1."""
    assert verandering_tekst(verandering(116.75, 116.95), "cliënten", "2023", "cliënt") == (
        "nagenoeg gelijk gebleven ten opzichte van 2023"
    )
    assert verandering_tekst(verandering(116.75, 116.95), "cliënten", "2023", zien=True) == (
        "nagenoeg geen verandering ten opzichte van 2023"
    )
    assert verandering_tekst(verandering(117.5, 117.0), "cliënten", "2023", "cliënt") == (
        "een stijging van 1 cliënt (0,4%) ten opzichte van 2023"
    )


class _Kwartaal:
    """Just what `trajecten.richting` reads: the period and one count now and before."""

    def __init__(self, nu: int, vorige: int, jaar_eerder: int):
        from werkmonitor.periods import Periode

        self.periode = Periode.lees("2025Q4")
        self._w = {"waarde": nu, "waarde_vorige": vorige, "waarde_jaar_eerder": jaar_eerder}

    def w(self, _traject, _maat, kolom: str = "waarde"):
        return self._w[kolom]


def test_the_summing_up_of_two_directions_reads_as_one_sentence():
    from werkmonitor.report.trajecten import richting

    onderwerp = "het aantal IPS-cliënten met betaald werk"
    assert richting(_Kwartaal(242, 255, 275), onderwerp, "ips", "betaald_werk") == (
        "Het aantal IPS-cliënten met betaald werk is dus gedaald ten opzichte van kwartaal 3 "
        "van 2025 en van kwartaal 4 van 2024."
    )
    assert richting(_Kwartaal(242, 255, 200), onderwerp, "ips", "betaald_werk") == (
        "Het aantal IPS-cliënten met betaald werk is dus gedaald ten opzichte van kwartaal 3 "
        "van 2025, maar gestegen ten opzichte van kwartaal 4 van 2024."
    )
