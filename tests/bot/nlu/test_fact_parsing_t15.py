"""Facts the outside tester T15 saw misread (BOT_TODAY=2026-12-01), each with 2–3 wordings of its family."""
from __future__ import annotations

from datetime import date

import pytest

from bot.nlu.fact_parsing import extract_facts

TODAY = date(2026, 12, 1)


def of(text, entity):
    return [(f.value, f.role) for f in extract_facts(text, TODAY) if f.entity == entity]


# --- T15 c12: someone else's balance before the retrait ("mon client avait 3 points"), and the retrait's decision told
# with its offence in brackets ("retrait de 6 points (alcool 0,6 g/l) décidé le 5 novembre") ------------------------

@pytest.mark.parametrize("text, value", [
    ("Je suis avocat. Mon client avait 3 points, il a eu un retrait de 6 points.", 3),
    ("ma fille avait 8 points avant son excès de vitesse", 8),
    ("Une cliente avait 2 pts quand elle a grillé le feu", 2),
])
def test_a_third_persons_balance_before_the_retrait_is_a_balance(text, value):
    assert (value, "balance") in of(text, "points")


def test_a_third_persons_age_is_no_balance():
    assert all(role != "balance" for _, role in of("mon fils avait 18 ans quand il a eu son permis", "points"))


@pytest.mark.parametrize("text, day", [
    ("il a eu un retrait de 6 points (alcool 0,6 g/l) décidé le 5 novembre 2026", "2026-11-05"),
    ("un retrait de 4 points (feu rouge) enregistré le 3 octobre", "2026-10-03"),
])
def test_the_retrait_decision_with_its_offence_in_brackets(text, day):
    assert (day, "retrait_decision") in of(text, "date")
