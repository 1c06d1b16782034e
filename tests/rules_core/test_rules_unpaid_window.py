"""R2 example 4: an offence told without its payment may still be unpaid while the amende forfaitaire can be paid
(45 days, CPP art. 529-1, read from the offence [I]); its points are then to come, not withdrawn."""
from datetime import date

import pytest

from rules_core import InconsistentFacts, may_be_unpaid


@pytest.mark.parametrize("today, unpaid", [
    (date(2026, 12, 14), True),    # the day before the 45th day
    (date(2026, 12, 15), False),   # the 45th day: paid or majorée by then
    (date(2026, 12, 16), False),
])
def test_the_payment_window_boundary_triple(today, unpaid):
    assert may_be_unpaid(commission=date(2026, 10, 31), today=today) is unpaid


def test_an_offence_of_two_weeks_ago_may_be_unpaid():
    assert may_be_unpaid(commission=date(2026, 11, 17), today=date(2026, 12, 1))


def test_an_offence_after_today_is_impossible():
    with pytest.raises(InconsistentFacts):
        may_be_unpaid(commission=date(2026, 12, 2), today=date(2026, 12, 1))


@pytest.mark.parametrize("today, unpaid", [
    (date(2026, 11, 20), True),    # past the 45 days of a fine: no payment deadline establishes a judged offence
    (date(2027, 10, 4), True),     # the day before its year
    (date(2027, 10, 5), False),    # a year on: the offence's day stands for its conviction, as an estimate [I]
])
def test_an_offence_a_court_judges_may_be_unjudged_for_a_year(today, unpaid):
    # T12 c30: drugs and alcohol on 5 October 2026, no amende forfaitaire délictuelle: established by its conviction
    assert may_be_unpaid(commission=date(2026, 10, 5), today=today, judged=True) is unpaid
