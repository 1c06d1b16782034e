"""R21 example 2, as an outside tester asked it: a company car flashed, the company pays: no points for anyone if it pays
without naming the driver, but it owes the fine for not designating them (L.121-6). The tester's bot asked for the
speed limit, or offered buttons; said with "sans me désigner", it answered without L.121-6."""
from __future__ import annotations

import asyncio

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions import answers, fallback, forms
from tests.actions.test_answers import run
from tests.actions.test_probation_facts import told

pytestmark = pytest.mark.usefixtures("first_of_december")
DAY = "2026-12-01"

COMPANY_PAYS = [
    # the tester's
    "voiture de société flashée, c'est l'entreprise qui paie, je perds des points ?",
    "j'ai été flashé avec mon véhicule de fonction, mon patron a payé l'amende, est-ce que je vais perdre des points ?",
    "flashé à 105 au lieu de 90 avec la voiture de la boîte, mon employeur a réglé sans me désigner, j'ai perdu des "
    "points ?",
    "radar avec le camion du boulot, l'amende a été payée par la société, ça me retire des points ?",
]


def assert_no_points_and_the_designation_fine(answer: str) -> None:
    assert answer.startswith("Amende payée par l'entreprise, titulaire du certificat d'immatriculation, sans désigner "
                             "le conducteur : aucun point n'est retiré")
    assert "elle doit aussi l'amende pour non-désignation, une contravention de 4e classe" in answer
    assert "(article L.121-6 du Code de la route)" in answer and "45 jours" in answer
    assert "Si elle vous désigne, l'avis vous est adressé et vous perdez les points" in answer


@pytest.mark.parametrize("text", COMPANY_PAYS)
def test_a_company_paying_for_its_car_costs_no_points_but_the_designation_fine(text, domain):
    tracker = told(domain, text, "ask_offence_points", today=DAY, form="offence_points_form")
    dispatcher = CollectingDispatcher()
    events = asyncio.run(forms.ValidateOffencePointsForm().run(dispatcher, tracker, domain))
    assert {e["name"]: e["value"] for e in events if e.get("event") == "slot"}.get("requested_slot") is None
    _, answer = run(answers.ActionAnswerOffencePoints(), told(domain, text, "ask_offence_points", today=DAY), domain)
    assert_no_points_and_the_designation_fine(answer)


@pytest.mark.parametrize("intent,action", [("ask_retrait_timing", answers.ActionAnswerRetraitTiming()),
                                            ("ask_auto_recovery", answers.ActionAnswerAutoRecovery())])
def test_the_same_read_as_another_question_says_the_same(intent, action, domain):
    text = "ma boîte a payé le PV du radar, les points me sont retirés quand ?"
    _, answer = run(action, told(domain, text, intent, today=DAY), domain)
    assert_no_points_and_the_designation_fine(answer)


def test_read_with_too_little_confidence_it_opens_the_offence_question(domain):
    events, _ = run(fallback.ActionSuggestQuestions(), told(domain, COMPANY_PAYS[1], "nlu_fallback", today=DAY), domain)
    assert {"event": "followup", "name": "offence_points_form", "timestamp": None} in events


@pytest.mark.parametrize("text", [
    # the driver named: the offence is theirs, its points go when the fine is paid (R2)
    "voiture de société flashée à 105 au lieu de 90, mon patron m'a désigné, je perds combien de points ?",
    # the company pays for a stage, not a fine
    "mon entreprise paie mon stage de récupération de points, il me rend combien ?",
])
def test_a_driver_named_or_a_stage_paid_is_not_the_owner_s_fine(text, domain):
    tracker = told(domain, text, "ask_offence_points", today=DAY)
    assert not forms.paid_by_owner_without_naming(tracker)


def test_a_private_owner_paying_owes_no_designation_fine(domain):
    text = "c'est mon père qui a payé l'amende sans me désigner, je perds des points ?"
    _, answer = run(answers.ActionAnswerOffencePoints(), told(domain, text, "ask_offence_points", today=DAY), domain)
    assert answer.startswith("Amende payée par le titulaire du certificat d'immatriculation sans désigner le "
                             "conducteur : aucun point n'est retiré")
    assert "L.121-6" not in answer
