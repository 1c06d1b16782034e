"""Facts the outside tester T13 saw misread (BOT_TODAY=2026-12-01), each with 2–3 wordings of its family."""
from __future__ import annotations

from datetime import date

import pytest

from bot.nlu.fact_parsing import extract_facts

TODAY = date(2026, 12, 1)


def of(text, entity):
    return [(f.value, f.role) for f in extract_facts(text, TODAY) if f.entity == entity]


# --- T13 c28: someone else's balance told in the present ("une cliente a 5 points") is a balance -------------------

@pytest.mark.parametrize("text, value", [
    ("Une cliente a 5 points, elle a fait un stage volontaire le 8 et 9 octobre 2025.", 5),
    ("ma fille a 8 pts, elle peut faire un stage ?", 8),
    ("il a 3 points, il peut en refaire un ?", 3),
])
def test_a_third_persons_balance_is_a_balance(text, value):
    assert (value, "balance") in of(text, "points")


@pytest.mark.parametrize("text", ["il a 18 ans, il peut faire un stage ?", "elle a 2 enfants et 1 voiture"])
def test_a_third_persons_other_counts_are_no_balance(text):
    assert all(role != "balance" for _, role in of(text, "points") + of(text, "number"))


def test_a_loss_told_in_the_third_person_stays_a_loss():
    assert of("il a perdu 3 points", "points") == [(3, "lost")]
