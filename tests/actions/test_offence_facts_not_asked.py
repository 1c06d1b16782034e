"""A form does not ask what the offence already told fixes by the barème (R4): its points and its class. T8 c10 (the
phone offence answered, then "et si je l'ai payé le 10 octobre je récup quand ?": 3 points and 135 € asked), T8 c35
(a 48N "pour un excès de 35 commis en août", then the points and the fine asked)."""
from __future__ import annotations

import pytest

from actions import answers, forms
from tests.actions.conftest import make_tracker, parsed, user_said
from tests.actions.test_answers import run, run_form
from tests.actions.test_probation_facts import mapped_slots

TODAY = "2026-12-01"


def _after_an_offence_answer(domain, question: str, follow_up: str) -> dict:
    """The offence's question answered, then the follow-up opens the recovery form: the slots the form sets."""
    first = make_tracker(intent="ask_offence_points", text=question, entities=parsed(question, TODAY),
                         slots=mapped_slots(domain, question, "ask_offence_points"))
    events, answer = run(answers.ActionAnswerOffencePoints(), first, domain)
    history = [user_said(question, "ask_offence_points"), {"event": "action", "name": "action_answer_offence_points"},
               {"event": "bot", "text": answer}, *[e for e in events if e.get("event") == "slot"]]
    slots = {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
    tracker = make_tracker(intent="ask_auto_recovery", text=follow_up, entities=parsed(follow_up, TODAY),
                           slots=slots, new_slots=mapped_slots(domain, follow_up, "ask_auto_recovery"),
                           form="auto_recovery_form", history=history)
    return run_form(forms.ValidateAutoRecoveryForm(), tracker, domain)[0]


@pytest.mark.parametrize("question, follow_up, points", [
    ("Bonjour, le telephone au volant, combien de points ? et l'amende ?",
     "et si je lai payé le 10 octobre je recup quand mes points ?", 3),
    ("un feu rouge grillé ça fait combien de points ?", "ok et je les récupère quand si j'ai payé le 2 novembre ?", 4),
    ("combien de points pour 35 km/h de trop ?", "et si je l'ai payée le 5 octobre, ces points reviennent quand ?",
     3),
])
def test_the_offence_just_answered_gives_the_points_and_class(domain, first_of_december, question, follow_up, points):
    slots = _after_an_offence_answer(domain, question, follow_up)
    assert slots.get("last_offence_points") == points and slots.get("offence_class") == "c4"
    assert slots.get("requested_slot") not in ("last_offence_points", "offence_class")


def test_an_offence_asked_about_is_not_the_user_s_without_a_reference_to_it(domain, first_of_december):
    slots = _after_an_offence_answer(domain, "un feu rouge c'est combien de points ?",
                                     "et moi quand est-ce que je récupère mes points ?")
    assert "offence_class" not in slots and slots.get("requested_slot") == "last_offence_points"


def test_points_told_otherwise_are_another_offence(domain, first_of_december):
    slots = _after_an_offence_answer(domain, "le téléphone au volant c'est combien de points ?",
                                     "moi j'ai perdu 1 point payé le 10 octobre, il revient quand ?")
    assert slots.get("offence_class") is None and slots.get("last_offence_points", 1) == 1


@pytest.mark.parametrize("story, kept", [
    ("Mon probatoire s'est fini en octobre mais j'ai eu une 48N la semaine dernière pour un excès de 35 commis en "
     "août. Je dois vraiment faire le stage ?", {"offence_type": "speeding", "speed_excess": 35}),
    ("j'ai reçu une 48N pour un téléphone au volant en septembre", {"offence_type": "phone"}),
    ("48N reçue pour un feu rouge grillé en août", {"offence_type": "red_light"}),
])
def test_the_user_s_own_offence_kept_gives_the_points_and_class(domain, first_of_december, story, kept):
    text = "octobre 2023, le 5"
    tracker = make_tracker(text=text, entities=parsed(text, TODAY), form="probation_form",
                           requested_slot="licence_date", new_slots={"licence_date": "2023-10-05"},
                           slots={**kept, "offence_date": "2026-08", "probation_offence": True,
                                  "letter_code": "48N"},
                           history=[user_said(story, "ask_mandatory_stage")])
    slots, _ = run_form(forms.ValidateProbationForm(), tracker, domain)
    assert slots.get("last_offence_points") in (3, 4) and slots.get("offence_class") == "c4"
    assert slots.get("requested_slot") not in ("last_offence_points", "offence_class")
