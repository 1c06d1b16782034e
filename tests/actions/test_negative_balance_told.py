"""A computed balance below 0 told by the user ("il me reste -3 points", "je suis à -2"): a balance, not a loss.

The spec's R1 edge case: a computed balance may be negative, and it only matters for R18 (a stage ended before the
48SI's notification adds 4 points to it: saved when B + 4 ≥ 1). The parser read "-3 points" after "il me reste" as 3
points lost, and the balance question then said "C'est noté." and asked again.
"""
from __future__ import annotations

import pytest

from actions import answers, forms
from bot.nlu.fact_parsing import negative_balance_told
from tests.actions.conftest import make_tracker, parsed
from tests.actions.test_forms import run as run_form
from tests.actions.test_what_if import run

BALANCE_QUESTION = {"event": "bot", "text": "Combien de points vous reste-t-il actuellement ? (si vous ne savez pas, "
                                            "dites « je ne sais pas »)"}


@pytest.mark.parametrize("text, balance", [
    ("il me reste -3 points", -3),
    ("je suis à -2", -2),
    ("j'ai -1 point d'après mon calcul", -1),
    ("mon solde est de moins 2", -2),
    ("elle avait -2 points d'après le calcul", -2),
])
def test_a_balance_below_zero_is_no_count_of_points_lost(text, balance):
    assert negative_balance_told(text) == balance
    assert not [e for e in parsed(text) if e["entity"] == "points"]


@pytest.mark.parametrize("text, lost", [("excès de vitesse -1 point", 1), ("j'ai eu un feu rouge -4 points", 4)])
def test_a_signed_count_after_an_offence_is_still_its_loss(text, lost):
    assert negative_balance_told(text) is None
    assert [(e["value"], e["role"]) for e in parsed(text) if e["entity"] == "points"] == [(lost, "lost")]


def _balance_answered(text: str, history: list):
    return make_tracker(intent="inform", text=text, entities=parsed(text), requested_slot="current_balance",
                        form="points_after_stage_form", history=history)


@pytest.mark.parametrize("text, said", [
    ("il me reste -3 points", "Avec un solde calculé de -3, votre permis peut encore être sauvé si le stage est terminé "
                              "avant que la lettre 48SI vous soit notifiée : il ajoute 4 points au solde calculé, soit "
                              "-3 + 4 = 1 point"),
    ("je suis à -5 d'après mon calcul", "Avec un solde calculé de -5, un stage ne vous ramènerait qu'à -1 point : il ne "
                                         "peut sauver le permis que si le solde n'est pas inférieur à -3"),
])
def test_a_balance_below_zero_told_to_the_balance_question_gets_what_a_stage_does(domain, text, said):
    slots, messages = run_form(forms.ValidatePointsAfterStageForm(), _balance_answered(text, [BALANCE_QUESTION]), domain)
    assert messages[0].startswith(said)
    assert "Je n'ai pas compris" not in " ".join(messages) and "C'est noté" not in " ".join(messages)
    assert slots["requested_slot"] is None and slots["current_balance"] is None  # (the form ends: that was the answer)
    _, answer = run(answers.ActionAnswerPointsAfterStage(), _balance_answered(text, [BALANCE_QUESTION]), domain)
    assert answer == ""  # (the form said it)


def test_without_the_balance_question_the_form_goes_on(domain):
    slots, messages = run_form(forms.ValidatePointsAfterStageForm(), _balance_answered("il me reste -3 points", []),
                               domain)
    assert not any("solde calculé de -3" in m for m in messages)
