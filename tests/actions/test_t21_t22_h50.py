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
