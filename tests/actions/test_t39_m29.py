"""Replay T39's last wrong conversation (T37 c04), fixed in the main session (stop 29)."""
from __future__ import annotations

import pytest

from actions import answers, fallback
from tests.actions.conftest import parsed, slots_filled_by_rasa
from tests.actions.test_what_if import Conversation

pytestmark = pytest.mark.usefixtures("first_of_december")

TOLD = "jle fais aujourdhui et demain. jenvoie quoi pour etre rembourse et a qui ?"


def told_stage(domain) -> Conversation:
    # 48N received on 3 August 2026: the stage must end by 3 December (R15); the refund asked, then the stage told by
    # its pronoun, today and tomorrow
    chat = Conversation(domain, "et le remboursement de lamende ?", "ask_refund_48n", answers.ActionAnswerRefund48n(),
                        {"letter_48n_date": "2026-08-03", "letter_code": "48N"}, today="2026-12-01")
    chat.slots["last_question"] = "action_answer_refund_48n"
    assert ("date", "2026-12-01", "stage") in [(e["entity"], e["value"], e.get("role")) for e in parsed(TOLD, "2026-12-01")]
    assert slots_filled_by_rasa(parsed(TOLD, "2026-12-01"), domain, "ask_refund_48n")["stage_first_day"] == "2026-12-01"
    chat.slots["stage_first_day"] = "2026-12-01"  # (Rasa's mapping: the stage's date of a refund question)
    chat.say(TOLD, "ask_refund_48n", answers.ActionAnswerRefund48n())
    return chat


@pytest.mark.parametrize("text, intent, action", [
    ("donc c bon je suis dans les temps ?", "ask_stage_info", answers.ActionAnswerStageInfo()),
    ("mon stage finit demain le 2 decembre, c dans les 4 mois ou pas ?", "nlu_fallback",
     fallback.ActionSuggestQuestions()),
])
def test_the_stage_told_by_its_pronoun_is_measured_against_the_48n_deadline(domain, text, intent, action):
    # T37 c04 (still W in the replay T39): "donc c bon je suis dans les temps ?" got the stage's information sheet,
    # and "…c dans les 4 mois ou pas ?" a request to rephrase: the stage of 1-2 December ends before the deadline
    chat = told_stage(domain)
    reply = chat.say(text, intent, action)
    assert "Obligation remplie si vous suivez tout le stage : il se termine le 2 décembre 2026" in reply, (reply, chat.events[-4:])
