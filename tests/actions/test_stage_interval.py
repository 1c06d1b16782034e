"""The one-year interval between two point-giving stages, asked in the user's words (R13, L.223-6 al. 4, SP F14208).

Each tracker is built as the Rasa server sends it: the parser's entities and the slots its mappings fill; the form's
validation runs on them, then the answer.
"""
from __future__ import annotations

import asyncio

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions import answers, forms
from tests.actions.conftest import make_tracker, parsed
from tests.actions.test_probation_facts import mapped_slots, run


def validated(domain, text: str, intent: str, slots=None) -> dict:
    """The slots once the stage-eligibility form validated the message (a text slot keeps the last value)."""
    new = {k: v[-1] if isinstance(v, list) else v for k, v in mapped_slots(domain, text, intent).items()}
    tracker = make_tracker(slots=slots, new_slots=new, intent=intent, text=text, entities=parsed(text),
                           form="stage_eligibility_form")
    events = asyncio.run(forms.ValidateStageEligibilityForm().run(CollectingDispatcher(), tracker, domain))
    return {**(slots or {}), **new, **{e["name"]: e["value"] for e in events if e.get("event") == "slot"}}


# --- R13 example 2: previous stage 1-2/12/2025, new one 30/11-1/12/2026 → 0 points, one day too early

@pytest.mark.parametrize("text", [
    "J'ai fait un stage les 1er et 2 décembre 2025. Je fais un nouveau stage les 30 novembre et 1er décembre 2026, "
    "il me rapportera des points ?",
    "dernier stage le 01/12/2025, j'en refais un le 30/11/2026, ça marche pour récupérer 4 points ?",
    "j'ai fait un stage le 1er décembre 2025 et je commence le prochain le 30 novembre 2026, je récupère des points ?",
])
def test_a_stage_begun_one_day_before_the_year_is_up_gives_no_points(domain, first_of_december, text):
    slots = validated(domain, text, "ask_stage_eligibility")
    assert slots["previous_stage_date"] == "2025-12-01" and slots["stage_first_day"] == "2026-11-30"
    _, answer = run(answers.ActionAnswerStageEligibility(), make_tracker(
        slots=slots, intent="ask_stage_eligibility", text=text, entities=parsed(text)), domain)
    assert answer.startswith("Aucun point"), answer
    assert "1er décembre 2026" in answer and "2 décembre 2026" in answer and "L.223-6" in answer
    assert "peut de nouveau vous rendre des points" not in answer


def test_the_same_stage_a_day_later_gives_points(domain, first_of_december):
    # R13 example 1: from 1 December 2026 (date à date) the new stage gives points
    text = "dernier stage le 01/12/2025, j'en refais un le 01/12/2026, ça marche pour récupérer des points ?"
    slots = validated(domain, text, "ask_stage_eligibility")
    _, answer = run(answers.ActionAnswerStageEligibility(), make_tracker(
        slots=slots, intent="ask_stage_eligibility", text=text, entities=parsed(text)), domain)
    assert not answer.startswith("Aucun point") and "1er décembre 2026" in answer, answer


# --- R13 example 3: stage 29/02-01/03/2028 → the next one gives points from 28/02/2029 (end of month, §0.3); asked
# with the stage booked, then the balance given to the form's question: the date is the answer, not the stage's points

@pytest.mark.parametrize("question", [
    "Je ferai un stage les 29 février et 1er mars 2028, à partir de quand je pourrai refaire un stage ?",
    "j'ai réservé un stage les 29/02 et 01/03/2028. un autre stage c'est possible quand ?",
    "stage prévu le 29 février 2028, et le prochain je pourrai le faire quand ?",
])
def test_the_next_stage_after_one_booked_is_dated_even_once_the_balance_is_given(domain, first_of_december, question):
    from tests.actions.conftest import user_said
    slots = {"stage_first_day": "2028-02-29", "previous_stage_date": "none", "current_balance": 8}
    tracker = make_tracker(slots=slots, intent="inform", text="8", entities=[{"entity": "number", "value": 8}],
                           history=[user_said(question, "ask_stage_eligibility"), user_said("non jamais", "deny")])
    _, answer = run(answers.ActionAnswerStageEligibility(), tracker, domain)
    assert answer.startswith("Un stage ne vous rendra des points qu'à partir du 28 février 2029"), answer
    assert "1er mars 2029" in answer and "L.223-6" in answer
    assert "Le stage vous rend" not in answer


def test_the_points_of_the_booked_stage_are_still_the_answer_when_they_are_asked(domain, first_of_december):
    from tests.actions.conftest import user_said
    slots = {"stage_first_day": "2028-02-29", "previous_stage_date": "none", "current_balance": 8}
    question = "je ferai un stage les 29 février et 1er mars 2028, ça va me rendre combien de points ?"
    tracker = make_tracker(slots=slots, intent="inform", text="8", entities=[{"entity": "number", "value": 8}],
                           history=[user_said(question, "ask_stage_eligibility"), user_said("non jamais", "deny")])
    _, answer = run(answers.ActionAnswerStageEligibility(), tracker, domain)
    assert answer.startswith("Le stage vous rendra 4 points, avec effet au 2 mars 2028"), answer


def test_a_stage_asked_about_today_a_year_after_the_last_one_gives_points(domain, first_of_december):
    # tester T2, R13 ex. 1: "mon dernier stage c'était le 1er et 2 décembre 2025, je peux en refaire un aujourd'hui ?"
    # on 1 December 2026 got "qu'à partir du 1er décembre 2027 (un an après le stage du 1er décembre 2026)": the
    # stage asked about was taken for the last one
    from datetime import date
    from bot.nlu.fact_parsing import extract_facts, facts_as_dicts
    text = "mon dernier stage c'etait le 1er et 2 decembre 2025. Je peux en refaire un aujourd'hui ou il faut attendre ?"
    entities = facts_as_dicts(extract_facts(text, date(2026, 12, 1)))
    tracker = make_tracker(slots={"previous_stage_date": "2025-12-01", "stage_first_day": "2026-12-01"},
                           intent="ask_stage_eligibility", text=text, entities=entities)
    _, answer = run(answers.ActionAnswerStageEligibility(), tracker, domain)
    assert answer.startswith("Un stage peut de nouveau vous rendre des points")
    assert "2027" not in answer
