"""Roles the outside tester T7 found wrong (today 1 December 2026): a payment cue followed by its own day does not date
the day before it (c37: "le 1er août j'ai eu 2 points … payé le 15 août", R2, R8), and a licence's date in an aside
that opens with "permis" is the licence's (c40: "probatoire (permis le 3 mai 2025), feu rouge le 2 novembre…", R5)."""
from __future__ import annotations

from datetime import date

import pytest

from bot.nlu.fact_parsing import extract_facts

TODAY = date(2026, 12, 1)


def dates(text: str):
    return [(f.value, f.role) for f in extract_facts(text, TODAY) if f.entity == "date"]


@pytest.mark.parametrize("text, expected", [
    ("jai perdu 1 point en avril (paye le 10 avril 2026) et ensuite le 1er aout jai eu 2 points pour un exces de 22 "
     "km/h payé le 15 aout", [("2026-04-10", "payment"), ("2026-08-01", "offence"), ("2026-08-15", "payment")]),
    ("le 5 mai flashé à 25 de trop, réglé le 12 mai", [("2026-05-05", "offence"), ("2026-05-12", "payment")]),
    ("le 2 octobre j'ai pris 4 points pour un feu rouge payé le 9 octobre",
     [("2026-10-02", None), ("2026-10-09", "payment")]),
])
def test_the_day_before_a_loss_paid_on_its_own_day_is_not_that_payment(text, expected):
    found = dates(text)
    for value, role in expected:
        assert (value, role) in found or (role is None and (value, "offence") in found), found


@pytest.mark.parametrize("text", [
    "en mars dernier j'ai payé le 3",  # (the day of the month said before the payment: one date)
])
def test_a_payment_day_without_its_month_still_composes_with_the_month_before(text):
    assert dates(text) == [("2026-03-03", "payment")]


@pytest.mark.parametrize("text, licence, offence", [
    ("jsuis en permis probatoire (permis le 3 mai 2025), feu rouge le 2 novembre payé le 10 novembre",
     "2025-05-03", "2026-11-02"),
    ("probatoire (permis du 12/02/2025) : un stop le 3 novembre, payé le 9 novembre", "2025-02-12", "2026-11-03"),
    ("permis probatoire (permis B le 10 mars 2025) et un excès de 25 km/h le 3 novembre", "2025-03-10", "2026-11-03"),
])
def test_a_licence_date_in_an_aside_is_the_licence_s_and_the_story_s_days_are_this_year(text, licence, offence):
    found = dict(dates(text))
    assert found[licence] == "licence" and offence in found and found[offence] != "licence", found


def test_an_aside_that_does_not_open_with_the_licence_is_not_its_date():
    assert ("2025-05-03", "licence") not in dates("j ai rendu mon permis (le 3 mai 2025)")
