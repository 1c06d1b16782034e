"""T21 and T22 (replay testers, conversations of 1 December 2026), items of branch h50: a suspension's points asked
"aussi", a licence "il y a 2 ans et demi", a stray "C'est noté, je corrige.", ..."""
from __future__ import annotations

from datetime import date

import pytest

from actions import answers, forms, slot_values
from actions.informational import SUSPENSION_NO_POINTS, SUSPENSION_STAGE
from tests.actions.conftest import make_tracker, parsed
from tests.actions.test_forms import run as run_form
from tests.actions.test_probation_facts import run, told
from tests.actions.test_what_if import mapped_slots

pytestmark = pytest.mark.usefixtures("first_of_december")


# --- 1. T21 c27: "Est-ce que je perds aussi des points ?" about a suspension opened on the stage during a suspension;
# the measure itself costs no point, the offence's do (L.223-1), and that is the answer ----------------------------

@pytest.mark.parametrize("text", [
    "Mon permis est suspendu pour 6 mois depuis le 10 septembre 2026 (alcool 0,9 g). Est-ce que je perds aussi des "
    "points ?",
    "permis suspendu 4 mois, on va aussi m'enlever des points ?",
    "j'ai une suspension de 2 mois, je perds en plus des points ?",
])
def test_the_points_asked_with_a_suspension_are_answered_first(domain, text):
    _, answer = run(answers.ActionAnswerSuspension(), told(domain, text, "ask_suspension", today="2026-12-01"), domain)
    assert answer.startswith(SUSPENSION_NO_POINTS), answer
    assert SUSPENSION_STAGE not in answer


def test_a_stage_during_a_suspension_still_gets_its_part(domain):
    text = "mon permis est suspendu, je peux aussi faire un stage pour récupérer des points ?"
    _, answer = run(answers.ActionAnswerSuspension(), told(domain, text, "ask_suspension", today="2026-12-01"), domain)
    assert answer.startswith(SUSPENSION_STAGE)


# --- 2. T21 c19: "j'ai eu mon permis il y a 2 ans et demi", no offence: every day of the quarter around 1 June 2024
# gives the same ceiling (10 points, R5); the day is asked only when an anniversary may fall on either side of today --

@pytest.mark.parametrize("said, value", [
    ("il y a 2 ans et demi", "2024-06-01"),
    ("il y a un an et demi", "2025-06-01"),
    ("ça fait 2 ans et demi", "2024-06-01"),
])
def test_a_licence_said_to_the_half_year_is_not_asked_its_day_far_from_an_anniversary(said, value):
    assert slot_values.licence_date(value, date(2026, 12, 1), said) == slot_values.PartialDate.parse(value)


def test_a_licence_said_in_whole_years_near_an_anniversary_is_still_asked_its_day():
    # "il y a 2 ans": 6 months either side of 1 December 2024, its 2nd anniversary may be today or not yet (R5)
    with pytest.raises(slot_values.InvalidAnswer):
        slot_values.licence_date("2024-12-01", date(2026, 12, 1), "il y a 2 ans")
    assert slot_values.rough_margin("il y a 2 ans") == slot_values.relativedelta(months=6)
    assert slot_values.rough_margin("il y a 2 ans et demi") == slot_values.relativedelta(months=3)
