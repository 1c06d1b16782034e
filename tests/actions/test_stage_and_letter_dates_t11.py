"""T11: a date of the story attached to the wrong fact. The stage to come told after two stages done is not the
last one done (c27, R13); the day of the fine's notice, or a 48N said not received, is no day of a 48N's receipt
(c40, R15)."""
from __future__ import annotations

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions import forms
from tests.actions.conftest import make_tracker, parsed

TODAY = "2026-12-01"


@pytest.mark.parametrize("text", [
    "Un client me demande s'il peut refaire un stage : son dernier stage était les 28 et 29 février 2024, puis il en a "
    "fait un autre les 3 et 4 mars 2025. Il voudrait en refaire un en décembre 2026.",
    "il a fait un stage les 10 et 11 janvier 2023 et un autre les 3 et 4 mars 2025, il veut en refaire un le 14 décembre "
    "2026",
])
def test_the_stage_to_come_after_two_stages_done_is_not_the_last_done(domain, first_of_december, text):
    stages = [e["value"] for e in parsed(text, TODAY) if e["entity"] == "date" and e.get("role") == "stage"]
    assert len(stages) == 3
    for value in (stages[-1], stages):  # (one value, or the list Rasa gives for several)
        tracker = make_tracker(intent="ask_stage_eligibility", text=text, entities=parsed(text, TODAY),
                               form="stage_eligibility_form")
        dispatcher = CollectingDispatcher()
        slots = forms.ValidateStageEligibilityForm().validate_previous_stage_date(value, dispatcher, tracker, domain)
        assert slots["previous_stage_date"] == "2025-03-03" and slots["stage_first_day"].startswith("2026-12"), slots


def test_three_stages_done_keep_the_last_as_the_last(domain, first_of_december):
    text = "il a fait un stage les 10 et 11 janvier 2023, un autre les 3 et 4 mars 2024 et un autre les 5 et 6 mars 2025"
    tracker = make_tracker(intent="ask_stage_eligibility", text=text, entities=parsed(text, TODAY),
                           form="stage_eligibility_form")
    slots = forms.ValidateStageEligibilityForm().validate_previous_stage_date("2025-03-05", CollectingDispatcher(),
                                                                              tracker, domain)
    assert slots.get("previous_stage_date") == "2025-03-05" and not slots.get("stage_first_day")


@pytest.mark.parametrize("text, value", [
    ("oups le 12 novembre. c'est l'avis de contravention, il a pas encore de 48N. il va en recevoir une ?",
     "2026-11-12"),
    ("non il a PAS reçu de 48N, juste l'amende le 12 novembre, pas encore payée", "2026-11-12"),
    ("le 12 novembre il a reçu l'avis de contravention", "2026-11-12"),
    ("c'est l'amende du 3 novembre, rien d'autre", "2026-11-03"),
])
def test_the_day_of_the_fines_notice_is_no_48n_receipt(domain, first_of_december, text, value):
    tracker = make_tracker(intent="inform", text=text, entities=parsed(text, TODAY), form="mandatory_stage_form",
                           requested_slot="letter_48n_date", slots={"licence_date": "2024-01-05",
                                                                    "offence_type": "stop_sign"})
    dispatcher = CollectingDispatcher()
    slots = forms.ValidateMandatoryStageForm().validate_letter_48n_date(value, dispatcher, tracker, domain)
    assert slots == {"letter_48n_date": None} and not dispatcher.messages


def test_a_48n_received_on_a_day_is_still_its_receipt(domain, first_of_december):
    text = "j'ai reçu la lettre 48N le 12 novembre"
    tracker = make_tracker(intent="inform", text=text, entities=parsed(text, TODAY), form="mandatory_stage_form",
                           requested_slot="letter_48n_date")
    slots = forms.ValidateMandatoryStageForm().validate_letter_48n_date("2026-11-12", CollectingDispatcher(), tracker,
                                                                        domain)
    assert slots == {"letter_48n_date": "2026-11-12"}


def test_is_there_a_48n_asked_of_an_offence_is_whether_one_comes():
    from actions.forms import asks_whether_48n_comes
    for text in ("il a pris un stop, il a une 48N ?", "feu rouge grillé, j'ai une 48N ou pas ?"):
        assert asks_whether_48n_comes(make_tracker(text=text, entities=parsed(text, TODAY))), text
    text = "j'ai une 48N pour un stop"
    assert not asks_whether_48n_comes(make_tracker(text=text, entities=parsed(text, TODAY)))


@pytest.mark.parametrize("text", [
    "oups le 12 novembre. c'est l'avis de contravention, il a pas encore de 48N. il va en recevoir une ?",
    "non il a PAS reçu de 48N, juste l'amende le 12 novembre, pas encore payée",
    "pas encore de 48N pour lui, ça va venir ?",
])
def test_a_48n_not_received_after_an_offence_of_probation_is_the_one_it_brings(domain, first_of_december, text):
    from actions import answers
    from tests.actions.test_recovery_follow_ups import _run
    story = "mon mec a eu son permis le 5 janvier 2024, il a pris un stop. il a une 48N ?"
    history = [{"event": "user", "text": story, "parse_data": {"intent": {"name": "ask_mandatory_stage"},
                                                                "entities": parsed(story, TODAY)}},
               {"event": "slot", "name": "offence_type", "value": "stop_sign"},
               {"event": "action", "name": "action_answer_offence_points"},
               {"event": "slot", "name": "offence_type", "value": None},
               {"event": "slot", "name": "last_question", "value": "action_answer_offence_points"}]
    slots = {"licence_date": "2024-01-05", "letter_code": "48N", "last_question": "action_answer_offence_points"}
    tracker = make_tracker(intent="nlu_fallback", text=text, entities=parsed(text, TODAY), slots=slots,
                           history=history)
    reply = _run(answers.ActionAnswerLetter(), tracker, domain)
    assert reply.startswith("Stop non respecté : retrait de 4 points") and "lettre 48N" in reply, reply
    assert "12 mars 2027" not in reply, reply
