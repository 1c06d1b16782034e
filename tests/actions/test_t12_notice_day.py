"""The day of the fine's notice corrects no other date (outside tester T12 c40, BOT_TODAY=2026-12-01): "non il a PAS
reçu de 48N, juste l'amende le 12 novembre, pas encore payée" after an offence's answer became the licence's date,
then "une infraction commise avant l'obtention du permis"."""
from __future__ import annotations

import asyncio

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions import corrections
from tests.actions.conftest import make_tracker, parsed, user_said

pytestmark = pytest.mark.usefixtures("first_of_december")
TODAY = "2026-12-01"
OPENING = ("slt, mon mec a eu son permis le 5 janvier 2024, il a pris 3 points pour un stop, le 12 decembre 2026 il a "
           "reçu l'avis. il a une 48N ?")


@pytest.mark.parametrize("text", [
    "non il a PAS reçu de 48N, juste l'amende le 12 novembre, pas encore payée",
    "non, pas de 48N, il a reçu l'avis le 12 novembre",
    "c'est pas la 48N, c'est l'amende du 12 novembre",
])
def test_the_day_of_the_fines_notice_is_not_the_licence_s(domain, text):
    slots = {"licence_date": "2024-01-05", "last_offence_points": 3, "offence_class": "c4",
             "last_question": "action_answer_offence_points"}
    history = [user_said(OPENING, "ask_mandatory_stage"),
               {"event": "slot", "name": "licence_date", "value": "2024-01-05"},
               {"event": "action", "name": "action_answer_mandatory_stage"},
               {"event": "slot", "name": "last_question", "value": "action_answer_offence_points"}]
    tracker = make_tracker(slots=slots, history=history, intent="deny", text=text, entities=parsed(text, TODAY))
    dispatcher = CollectingDispatcher()
    events = asyncio.run(corrections.ActionApplyCorrection().run(dispatcher, tracker, domain))
    changed = {e.get("name"): e.get("value") for e in events if e.get("event") == "slot"}
    assert changed.get("licence_date") in (None, "2024-01-05"), changed
    said = "\n".join(m.get("text") or "" for m in dispatcher.messages)
    assert "avant l'obtention du permis" not in said


def test_a_licence_date_corrected_is_still_taken(domain):
    text = "non en fait son permis c'est le 12 novembre 2023"
    slots = {"licence_date": "2024-01-05", "last_question": "action_answer_probation"}
    history = [{"event": "slot", "name": "licence_date", "value": "2024-01-05"}]
    tracker = make_tracker(slots=slots, history=history, intent="inform", text=text, entities=parsed(text, TODAY))
    events = asyncio.run(corrections.ActionApplyCorrection().run(CollectingDispatcher(), tracker, domain))
    assert {"licence_date": "2023-11-12"}.items() <= {e.get("name"): e.get("value") for e in events
                                                      if e.get("event") == "slot"}.items()


@pytest.mark.parametrize("told", [9, 5])
def test_a_balance_told_after_the_probation_answer_is_set_against_the_ceiling(domain, told):
    # T12 c24: "15 points c normal ?" refused, "mars 2019", then "9": the same answer three times, the 9 never said
    from actions import answers
    from tests.actions.test_answers import run
    tracker = make_tracker(slots={"licence_date": "2019-03", "current_balance": told, "supervised_driving": False,
                                  "complementary_training": False}, intent="inform", text=str(told),
                           entities=parsed(str(told), TODAY))
    _, answer = run(answers.ActionAnswerProbation(), tracker, domain)
    assert "plafond de votre permis est de 12 points" in answer
    assert f"Votre solde de {told} points est possible : il est sous ce plafond de 12 points" in answer, answer


@pytest.mark.parametrize("text", ["et le site telepoints il marche encore ?", "je peux encore utiliser télépoints ?",
                                  "télé-points c'est fini ?"])
def test_telepoints_asked_gets_that_it_was_replaced(text):
    # T12 c18: the whole route again, word for word (R19: « Mes Points Permis » replaced Télépoints, 13/11/2023)
    from actions import answers
    from tests.actions.test_answers import run
    tracker = make_tracker(intent="ask_check_balance", text=text, entities=parsed(text, TODAY))
    _, answer = run(answers.ActionAnswerCheckBalance(), tracker)
    assert answer.startswith("Non : Télépoints n'existe plus") and "Mes Points Permis" in answer
