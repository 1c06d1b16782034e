""""tous les deux", "toutes les 2": a pronoun for two things told, not a count (tester T3 c43: "payées toutes les deux le
20 janvier 2026" became a balance of 2 points)."""
from datetime import date

import pytest

from bot.nlu.fact_parsing import extract_facts


@pytest.mark.parametrize("text", ["payées toutes les deux le 20 janvier 2026", "je les ai payés tous les 2 le 3 mars",
                                  "les deux le 4 mai"])
def test_both_is_not_a_number(text):
    facts = extract_facts(text, date(2026, 12, 1))
    assert not [f for f in facts if f.entity in ("number", "points")]
    assert [f.entity for f in facts] == ["date"]


def test_a_bare_two_is_still_a_number():
    assert [(f.entity, f.value) for f in extract_facts("deux", date(2026, 12, 1))] == [("number", 2)]
