"""R14 example 3, as an outside tester told it on 1 December 2026: "suspendu 2 mois depuis le 1er mars, 5 points, stage
les 12 et 13 mars" → 9 points from the day after the stage (14 March), a point commonly accepted [U].

The tester got a ceiling of 6 (a probation's first year) from the suspension's day read as the licence's, and the
effect counted from the suspension's start. The suspension's day is its own now; the licence's date is asked, and
when the user cannot give it, the answer does not assume a probation."""
from __future__ import annotations

import asyncio

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions import answers, forms
from tests.actions.conftest import make_tracker
from tests.actions.test_answers import run
from tests.actions.test_probation_facts import told

pytestmark = pytest.mark.usefixtures("first_of_december")
DAY = "2026-12-01"


def slots_of(events):
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


def validate(tracker, domain):
    dispatcher = CollectingDispatcher()
    events = asyncio.run(forms.ValidatePointsAfterStageForm().run(dispatcher, tracker, domain))
    return slots_of(events), [m.get("text") for m in dispatcher.messages]


@pytest.mark.parametrize("text,stage", [
    # the tester's (March, before today: the stage taken during that suspension, not next March)
    ("suspendu 2 mois depuis le 1er mars, 5 points, stage les 12 et 13 mars", "2026-03-12"),
    ("Mon permis est suspendu 2 mois depuis le 1er octobre, il me reste 5 points, j'ai fait un stage les 12 et 13 "
     "octobre, j'ai combien de points ?", "2026-10-12"),
    ("permis retenu puis suspendu depuis le 1er mars 2026, solde 5 points, stage 12-13/03, combien de points ?",
     "2026-03-12"),
])
def test_a_suspension_question_telling_a_stage_opens_the_stage_s_question(text, stage, domain):
    tracker = told(domain, text, "ask_suspension", today=DAY)
    events, answer = run(answers.ActionAnswerSuspension(), tracker, domain)
    slots = slots_of(events)
    assert slots["stage_first_day"] == stage and slots.get("current_balance", tracker.get_slot("current_balance")) == 5
    assert slots.get("licence_status", tracker.get_slot("licence_status")) in ("suspended", "retained")
    assert "licence_date" not in slots  # never the suspension's day
    assert {"event": "followup", "name": "points_after_stage_form", "timestamp": None} in events
    assert "Un permis suspendu ou retenu n'est pas invalidé" not in answer  # not the card instead of the computation


def test_a_suspension_question_without_a_stage_gets_the_card(domain):
    text = "je peux faire un stage pendant ma suspension ?"
    events, answer = run(answers.ActionAnswerSuspension(), told(domain, text, "ask_suspension", today=DAY), domain)
    assert answer.startswith("Un permis suspendu ou retenu n'est pas invalidé") and not events


@pytest.mark.parametrize("text", [
    "suspendu 2 mois depuis le 1er mars, 5 points, stage les 12 et 13 mars. Combien de points après le stage ?",
    # the tester's words that gave the licence the suspension's day
    "j'ai mon permis suspendu depuis le 1er mars 2026, il me reste 5 pts, j'ai fait un stage les 12 et 13 mars, j'ai "
    "récupéré combien ?",
])
def test_the_stage_s_form_asks_the_licence_s_date_instead_of_taking_the_suspension_s(text, domain):
    tracker = told(domain, text, "ask_points_after_stage", today=DAY, form="points_after_stage_form")
    assert tracker.get_slot("licence_date") is None
    assert tracker.get_slot("licence_status") == "suspended"  # the answer says the [U] point of a suspension
    slots, _ = validate(tracker, domain)
    assert slots.get("current_balance", tracker.get_slot("current_balance")) == 5  # "5 points" alone is the balance
    assert slots.get("stage_first_day", tracker.get_slot("stage_first_day")) == "2026-03-12"
    assert "licence_date" not in slots and slots["requested_slot"] == "licence_date"


STORY = {"current_balance": 5, "stage_first_day": "2026-03-12", "licence_status": "suspended"}


def dont_know(history_turns: int):
    """"je ne sais pas" to the licence's date, after as many earlier ones."""
    history = [{"event": "active_loop", "name": "points_after_stage_form"}]
    for _ in range(history_turns):
        history += [{"event": "slot", "name": "requested_slot", "value": "licence_date"},
                    {"event": "user", "text": "je ne sais pas", "parse_data": {"intent": {"name": "dont_know"}}}]
    history.append({"event": "slot", "name": "requested_slot", "value": "licence_date"})
    return make_tracker(slots=STORY, intent="dont_know", text="je sais pas", requested_slot="licence_date",
                        form="points_after_stage_form", history=history)


def test_the_licence_s_date_unknown_is_asked_once_more_then_the_form_goes_on_without_it(domain):
    slots, messages = validate(dont_know(0), domain)
    assert messages[0].startswith("Pas de souci. La date figure sur votre permis")
    assert slots["requested_slot"] == "licence_date"
    slots, messages = validate(dont_know(1), domain)
    assert messages == [forms.LICENCE_DATE_UNKNOWN_REPLY]
    assert slots["requested_slot"] == "previous_stage_date"  # no third "À quelle date avez-vous obtenu votre permis ?"


def test_without_the_licence_s_date_the_answer_does_not_assume_a_probation(domain):
    tracker = make_tracker(slots={**STORY, "previous_stage_date": "none"}, intent="deny", text="non jamais")
    _, answer = run(answers.ActionAnswerPointsAfterStage(), tracker, domain)
    assert answer.startswith("Le stage vous rend 4 points, avec effet au 14 mars 2026 : votre solde passe de 5 à 9 "
                             "points")
    assert "communément admis" in answer and "à vérifier" in answer
    assert "Sans la date de votre permis, j'ai compté le plafond de 12 points" in answer
    assert "6 points sur 6" not in answer and "passe de 5 à 6" not in answer


@pytest.mark.parametrize("licence,expected", [
    ("2015", "votre solde passe de 5 à 9 points"),
    # a probation in its second year (ceiling 8): the stage gives 3 (R12 example 3)
    ("2025-01-10", "votre solde passe de 5 à 8 points"),
])
def test_with_the_licence_s_date_the_ceiling_is_its_own(licence, expected, domain):
    tracker = make_tracker(slots={**STORY, "previous_stage_date": "none", "licence_date": licence,
                                  "supervised_driving": False}, intent="deny", text="non jamais")
    _, answer = run(answers.ActionAnswerPointsAfterStage(), tracker, domain)
    assert "avec effet au 14 mars 2026" in answer and expected in answer
    assert "Sans la date de votre permis" not in answer


@pytest.mark.parametrize("text,intent", [
    ("Mon permis est suspendu depuis le 1er mars pendant 2 mois. Il me reste 5 points. J'ai fait un stage les 12 et 13 "
     "mars. J'ai combien de points ?", "ask_check_balance"),
    ("il me reste 5 points, j'ai fait un stage les 12 et 13 octobre, j'ai combien maintenant ?", "ask_check_balance"),
    ("permis suspendu 2 mois à partir du 1er mars, il me restait 5 pts et j'ai fait un stage pendant la suspension les "
     "12 et 13 mars, est-ce que j'ai récupéré des points ?", "ask_suspension"),
])
def test_a_balance_or_suspension_question_telling_the_stage_and_the_balance_computes_the_stage(text, intent, domain):
    # (the first read nlu_fallback by the tester's bot, which sends a story asking the balance to the balance answer;
    # it got where to read the official balance)
    action = answers.ActionAnswerCheckBalance() if intent == "ask_check_balance" else answers.ActionAnswerSuspension()
    tracker = told(domain, text, intent, today=DAY)
    events, answer = run(action, tracker, domain)
    assert {"event": "followup", "name": "points_after_stage_form", "timestamp": None} in events, answer
    slots = {**tracker.current_slot_values(), **slots_of(events)}
    assert slots["current_balance"] == 5 and slots["stage_first_day"] in ("2026-03-12", "2026-10-12")
    assert slots.get("licence_date") is None
