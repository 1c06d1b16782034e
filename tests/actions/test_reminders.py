"""The same question asked again in other words: a short reminder with the result line, not the whole answer again
(testers c15, c17)."""
from __future__ import annotations

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions import answers, fallback
from tests.actions.conftest import make_tracker, user_said

SPEEDING = {"offence_type": "speeding", "speed_excess": 30}


def answered(action, text, intent, slots, history=(), domain=None):
    dispatcher = CollectingDispatcher()
    action().run(dispatcher, make_tracker(slots=slots, text=text, intent=intent, history=list(history)), domain)
    return [m.get("text") or "" for m in dispatcher.messages]


@pytest.mark.parametrize("again", ["et du coup 30 de trop ça me coûte combien de points ?",
                                   "donc pour mon excès de 30 km/h, je perds combien de points ?",
                                   "je reformule : 30 km/h au-dessus, c'est combien de points ?"])
def test_the_same_offence_question_again_gets_a_reminder(domain, again):
    first = "flashé à 30 km/h de trop, combien de points ?"
    [full] = answered(answers.ActionAnswerOffencePoints, first, "ask_offence_points", SPEEDING, domain=domain)
    assert full.startswith("Excès de 30 km/h : retrait de 3 points")
    history = [user_said(first, "ask_offence_points"), {"event": "action", "name": "action_answer_offence_points"},
               {"event": "bot", "text": full}]
    [short] = answered(answers.ActionAnswerOffencePoints, again, "ask_offence_points", SPEEDING, history, domain)
    assert short.startswith("Comme indiqué : excès de 30 km/h : retrait de 3 points")
    assert "Amende forfaitaire" not in short and "je referai le calcul" in short


def test_a_new_answer_or_a_request_to_repeat_gets_the_whole_answer(domain):
    first = "flashé à 30 km/h de trop, combien de points ?"
    [full] = answered(answers.ActionAnswerOffencePoints, first, "ask_offence_points", SPEEDING, domain=domain)
    history = [user_said(first, "ask_offence_points"), {"event": "bot", "text": full}]
    [again] = answered(answers.ActionAnswerOffencePoints, "tu peux répéter combien de points pour mes 30 km/h ?",
                       "ask_offence_points", SPEEDING, history, domain)
    assert again == full
    # other facts, another answer: whole
    [other] = answered(answers.ActionAnswerOffencePoints, "et à 45 de trop ?", "ask_offence_points",
                       {"offence_type": "speeding", "speed_excess": 45}, history, domain)
    assert other.startswith("Excès de 45 km/h")


def test_an_informational_answer_again_is_a_reminder_without_the_offer_to_compute(domain):
    first = "le stage dure combien de temps ?"
    [card] = answered(answers.ActionAnswerStageInfo, first, "ask_stage_info", {}, domain=domain)
    history = [user_said(first, "ask_stage_info"), {"event": "bot", "text": card}]
    [short] = answered(answers.ActionAnswerStageInfo, "ça dure combien d'heures le stage ?", "ask_stage_info", {},
                       history, domain)
    assert short.startswith("Comme indiqué : le stage dure 2 jours") and "calcul" not in short


def test_a_question_beside_the_points_system_asked_twice_is_answered_once_then_reminded(domain):
    text = "je peux conduire en Espagne avec mes points ?"
    [first] = answered(fallback.ActionSuggestQuestions, text, "nlu_fallback", {}, domain=domain)
    history = [user_said(text, "nlu_fallback"), {"event": "bot", "text": first}]
    [second] = answered(fallback.ActionSuggestQuestions, text, "nlu_fallback", {}, history, domain)
    assert "service-public.fr" in first and second.startswith("Comme indiqué : je réponds")
    assert "reformuler" not in second
