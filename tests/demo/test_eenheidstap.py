"""Hand cases for the units' split of a quarter solved again where the greedy split misses
the regional plan (`werkmonitor.demo.eenheidstap`)."""

import numpy as np
import pytest

from werkmonitor.demo import eenheidstap

# Region A: units 0 (1 client, 1 free to leave) and 1 (6 clients, 3 free); region B: unit
# 2 (10 clients, all free); region C: unit 3 (4 clients). A plans to end 4, start 5 and
# lose 2; B to end 2 and lose 2; C to start 4.
PREV = np.array([1, 6, 10, 4])
VRIJ = np.array([1, 3, 10, 4])
DOEL = {
    "E": np.array([2.4, 1.6, 2.0, 0.0]),
    "G": np.array([3.0, 2.0, 0.0, 4.0]),
    "O": np.array([1.2, 0.8, 2.0, 0.0]),
    "S": np.array([3.6, 2.4, 6.0, 8.0]),
    "regio": np.array([0, 0, 1, 2]),
}


def _mist():
    """The split of Midden-Holland 2024K4 (overige trajecten): unit 1 loses two of its
    free clients and ends none, so unit 0 ends all four and needs 7 starts to carry them
    (ended <= its stock at the end of the quarter); C gets 2 of its 4 starts."""
    return np.array([4, 0, 2, 0]), np.array([7, 0, 0, 2]), np.array([0, 2, 2, 0])


def test_verschil_adds_each_regions_differences_from_its_plan():
    e, g, o = _mist()
    # A: started 7 against 5, stock 1 + 6 - 4 + 7 - 2 = 8 against 6; C: 2 against 4, 6
    # against 8; B as planned
    assert eenheidstap.verschil(PREV, DOEL, e, g, o).tolist() == [4.0, 0.0, 4.0]


def test_the_regions_that_miss_are_split_again_and_meet_their_plan():
    e, g, o = _mist()
    voor = [x.copy() for x in (e, g, o)]
    e2, g2, o2 = eenheidstap.bijgesteld(PREV, VRIJ, DOEL, e, g, o)
    # unit 1 loses 2 and ends 1, so unit 0 ends 3 and 5 starts carry them; C starts 4
    assert (e2.tolist(), g2.tolist(), o2.tolist()) == ([3, 1, 2, 0], [5, 0, 0, 4], [0, 2, 2, 0])
    assert not eenheidstap.verschil(PREV, DOEL, e2, g2, o2).any()
    for x, y in zip((e, g, o), voor, strict=True):  # the input is not changed
        assert x.tolist() == y.tolist()
    # what every unit can carry: it starts or loses, who leaves was free, ended <= stock
    assert not ((g2 > 0) & (o2 > 0)).any()
    assert (e2 + o2 - g2 <= VRIJ).all() and (e2 <= PREV - e2 + g2 - o2).all()
    # every sum as it was
    assert (e2.sum(), g2.sum(), o2.sum()) == (e.sum(), g.sum(), o.sum())


def test_a_split_that_meets_the_plan_comes_back_as_it_is():
    e, g, o = np.array([3, 1, 2, 0]), np.array([5, 0, 0, 4]), np.array([0, 2, 2, 0])
    uit = eenheidstap.bijgesteld(PREV, VRIJ, DOEL, e, g, o)
    assert all(a is b for a, b in zip(uit, (e, g, o), strict=True))


def test_sums_no_split_can_carry_end_in_a_dutch_error():
    """Two units, one client each, cannot end five."""
    doel = {k: np.zeros(2) for k in "SEGO"} | {"regio": np.array([0, 0])}
    with pytest.raises(eenheidstap.StapFout, match="Geen verdeling over de eenheden"):
        eenheidstap.stap({"E": 5, "G": 0, "O": 0}, np.array([1, 1]), np.array([1, 1]), doel)
