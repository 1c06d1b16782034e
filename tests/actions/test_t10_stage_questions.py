"""Outside tester T10 (BOT_TODAY=2026-12-01): a story's question asked without "?" (c32), and stages after a story: a
licence at 0 computed (c07, c30), a stage asked with the balance on a day (c38), a stage in the last months of
probation (c39). R7, R12, R13, R18."""
from __future__ import annotations

import pytest

from actions import answers, fallback
from tests.actions.conftest import make_tracker, parsed
from tests.actions.test_answers import run
from tests.actions.test_stage_balance_first_day import DAY, Chat, mapped


@pytest.fixture(autouse=True)
def _first_of_december(first_of_december):
    """The testers' reference date."""


# --- T10 c32: a story whose last sentence asks the balance without "?": the balance, not the offence's table

@pytest.mark.parametrize("text", [
    "excès de 12 km/h sur autoroute le 20 septembre 2026, amende réglée le 3 octobre 2026. J'ai eu mon permis le 6 "
    "juin 2024, pas de conduite accompagnée. il me reste combien et quand je récupère le point",
    "flashé à 15 au dessus sur autoroute le 20/09/2026, payé le 03/10/2026. permis obtenu le 6 juin 2024 sans "
    "conduite accompagnée. combien il me reste",
    "pour un excès de 15 km/h sur autoroute le 20 septembre 2026, payé le 3 octobre 2026. Permis le 6 juin 2024 sans "
    "conduite accompagnée. j'en ai combien maintenant",
])
def test_a_story_asking_the_balance_without_a_question_mark_gets_the_balance(domain, text):
    tracker = make_tracker(new_slots=mapped(domain, text, "nlu_fallback"), intent="nlu_fallback", text=text,
                           entities=parsed(text, DAY))
    tracker.latest_message["intent_ranking"] = [
        {"name": name, "confidence": confidence} for name, confidence in
        (("nlu_fallback", 0.4), ("ask_probation", 0.45), ("ask_auto_recovery", 0.4), ("inform", 0.11))]
    events, _ = run(fallback.ActionSuggestQuestions(), tracker, domain)
    assert events == [{"event": "followup", "timestamp": None, "name": "action_answer_check_balance"}], events
    _, reply = run(answers.ActionAnswerCheckBalance(), tracker, domain)
    # licence of 6 June 2024 (ceiling 10 since 6 June 2026), 1 point paid 3 October 2026: 9/10, back 3 April 2027 (R8)
    assert "9 points sur 10" in reply and "3 avril 2027" in reply, reply
