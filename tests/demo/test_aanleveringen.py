"""Hand cases for the demo's split of a traject's quarter over the organisations' units
(`werkmonitor.demo.aanleveringen`)."""

import numpy as np

from werkmonitor.demo import aanleveringen as a


def test_a_region_keeps_its_planned_starts_when_another_region_needs_more_than_it_planned():
    """Region A (units 0 and 1) plans 3 starts, region B (unit 2) 5, the nation starts 8.
    Unit 0 ends both its clients, so it needs 2 starts to keep ended <= running: those are
    A's own starts, and A gets 1 more (3 in all), B its 5. Counting A's remainder per unit
    and cutting it at 0 (1.5 - 2 -> 0, plus 1.5) gave A 2 more, 4 in all, and took B's
    fifth start away (issue 15: Tabel 3.1's started clients missed by the units' split)."""
    rij = {"S": 11, "E": 2, "G": 8, "O": 0}
    prev = np.array([2, 0, 4])
    doel = {
        "S": np.array([1.5, 1.5, 9.0]),
        "E": np.array([2.0, 0.0, 0.0]),
        "G": np.array([1.5, 1.5, 5.0]),
        "O": np.zeros(3),
        "regio": np.array([0, 0, 1]),
    }
    e, g, o = a._stap(np.random.default_rng(1), rij, prev, prev.copy(), "2024Q2", doel)
    assert e.tolist() == [2, 0, 0]
    assert o.tolist() == [0, 0, 0]
    assert g.tolist() == [3, 0, 5]


def test_a_regions_remainder_is_its_plan_less_what_its_units_already_have():
    """Region A's units plan 0,6 and 0,6 ended clients and already end 1 and 0: the caller
    (`_stap`) passes A's remainders unclipped, -0,4 and 0,6, so A's remainder is 0,2,
    rounded 0, and region B gets its 2 (clipped per unit, 0 + 0,6 rounded to 1, A took one
    of B's)."""
    gepland = np.array([0.6 - 1, 0.6, 2.0])
    x = a._alleen_regio(
        2, np.array([1.0, 1.0, 1.0]), np.array([5, 5, 5]), np.array([0, 0, 1]), gepland
    )
    assert x.tolist() == [0, 0, 2]


def test_a_region_with_more_than_its_plan_takes_nothing_from_the_others():
    """A region whose units already have more than it planned (remainder below 0) gets
    nothing here, and the others' plans are not reduced for it: B's 3 over its units by
    weight, 1 : 2."""
    gepland = np.array([-1.0, 1.0, 2.0])
    x = a._alleen_regio(
        3, np.array([1.0, 1.0, 2.0]), np.array([5, 5, 5]), np.array([0, 1, 1]), gepland
    )
    assert x.tolist() == [0, 1, 2]
