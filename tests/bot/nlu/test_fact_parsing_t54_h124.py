"""bot.nlu.fact_parsing: the days of a month said after it ("en janvier, les 18 et 19"), T54 c12 (today 1 December
2026)."""
from __future__ import annotations

from datetime import date

import pytest

from bot.nlu.fact_parsing import extract_facts

TODAY = date(2026, 12, 1)


@pytest.mark.parametrize("text, day", [
    # (T54 c12: read as January 2027, the stage counted from 1 January)
    ("et si je fais un stage volontaire en janvier, les 18 et 19, ça me donne quoi ?", "2027-01-18"),
    ("un stage en janvier 2027, les 18 et 19", "2027-01-18"),
    ("stage en mars dernier, les 4 et 5", "2026-03-04"),
    ("stage en avril prochain, les 4 et 5", "2027-04-04"),
    ("stage en janvier les 18-19", "2027-01-18"),
])
def test_days_said_after_their_month(text, day):
    found = [(f.entity, f.value) for f in extract_facts(text, TODAY)]
    assert ("date", day) in found, found
    assert not any(entity == "number" for entity, _ in found), found


def test_no_such_day_after_the_month_leaves_the_month():
    # "en février, les 30 et 31": February has no 30th, the month alone is read
    found = [(f.entity, f.value) for f in extract_facts("stage en février, les 30 et 31", TODAY)]
    assert ("date", "2027-02") in found, found
