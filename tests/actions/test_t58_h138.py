"""Tester T58 (1 December 2026), items of branch h138: a side question on the ceiling while a form asks a fact, a fact
declined ("c'est pour ma culture générale"), the stage's points asked "quand après", a thanks that ends the topic."""
from __future__ import annotations

import pytest

from actions import forms
from tests.actions.conftest import make_tracker, parsed
from tests.actions.test_forms import run as run_form

pytestmark = pytest.mark.usefixtures("first_of_december")
TODAY = "2026-12-01"


# --- t58-c25: "c'est quoi le plafond dont tu parles ?" while the stage's form asks the balance: "je réponds juste
# après", and never answered; the ceiling is said at once (R1, R5, R12), then the question asked again

@pytest.mark.parametrize("text", [
    "attends, c'est quoi le plafond dont tu parles ?",
    "c'est quoi le plafond ?",
    "qu'est-ce que c'est ce plafond ?",
    "le plafond ça veut dire quoi ?",
])
@pytest.mark.parametrize("intent", ["nlu_fallback", "inform"])
def test_the_ceiling_asked_mid_form_is_answered_at_once(domain, text, intent):
    tracker = make_tracker(intent=intent, text=text, entities=parsed(text, TODAY), requested_slot="current_balance",
                           form="points_after_stage_form")
    filled, messages = run_form(forms.ValidatePointsAfterStageForm(), tracker, domain)
    said = "\n".join(m or "" for m in messages)
    assert "juste après" not in said, said
    assert "Le plafond, c'est le nombre maximal de points que votre permis peut avoir : 12 points" in said, said
    assert "6 points au départ, puis 8" in said and "un stage rend jusqu'à 4 points" in said, said
    assert filled["requested_slot"] == "current_balance" and filled.get("current_balance") is None


@pytest.mark.parametrize("text", ["c'est quoi le plafond de 8 points ?", "c quoi mon plafond",
                                  "c'est quoi le plafond de mon permis"])
def test_a_ceiling_of_its_own_is_not_the_meaning_asked(text):
    from actions.informational import side_question_answer
    assert side_question_answer(text, parsed(text, TODAY)) is None

