"""Facts misread in T28 (h67; BOT_TODAY=2026-12-01)."""
from __future__ import annotations

from datetime import date

import pytest

from bot.nlu.fact_parsing import extract_facts

TODAY = date(2026, 12, 1)


@pytest.mark.parametrize("text, day", [
    # T28 c10: the stage's two days, whose second is today, were read as 30 November 2027 (a plan looks ahead) and,
    # said by the stage's pronoun ("le faire"), without the stage's role
    ("Je dois faire le stage avant quelle date exactement ? je veux le faire les 30 novembre et 1er décembre, ça "
     "passe ?", "2026-11-30"),
    ("je veux faire le stage les 30 novembre et 1er décembre", "2026-11-30"),
    # (a plan whose two days are both to come stays ahead)
    ("je veux faire le stage les 31 décembre et 1er janvier", "2026-12-31"),
])
def test_a_stage_under_way_said_as_a_plan_is_this_years(text, day):
    dated = [(f.value, f.role) for f in extract_facts(text, TODAY) if f.entity == "date"]
    assert dated == [(day, "stage")]


def test_a_stage_two_days_past_said_as_a_plan_is_next_years():
    dated = [(f.value, f.role) for f in extract_facts("je veux faire le stage les 30 novembre et 1er décembre",
                                                      date(2026, 12, 2)) if f.entity == "date"]
    assert dated == [("2027-11-30", "stage")]
