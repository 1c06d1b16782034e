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


@pytest.fixture
def first_of_december(monkeypatch):
    monkeypatch.setenv("BOT_TODAY", "2026-12-01")


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
