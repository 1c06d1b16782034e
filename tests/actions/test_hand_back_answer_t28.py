"""T28 c05 (BOT_TODAY=2026-12-01): after a husband's 48SI, the bot asked "À quelle date a-t-il rendu son permis à la
préfecture ? (… ou « pas encore »)"; "pas encore, il va le deposer demain" got a request to rephrase (read with little
confidence), then "le 2 decembre 2026" got "Quelle est votre question ?": the date of the new licence (6 months after
the hand-back, R20) was never given. The question asked of him is recognised, and its answer read."""
from __future__ import annotations

import pytest

from actions import answers, corrections, fallback
from tests.actions.test_what_if import Conversation, run

pytestmark = pytest.mark.usefixtures("first_of_december")


def _asked_about_the_husband(domain) -> Conversation:
    chat = Conversation(domain, "mon mari a recu une lettre 48SI le 20 novembre 2026, il a le permis depuis 2009. il "
                                "doit rendre le permis quand, et il pourra le repasser quand ?", "ask_zero_points",
                        answers.ActionAnswerZeroPoints(), {"letter_code": "48SI", "letter_48n_date": "2026-11-20",
                                                          "licence_date": "2009"}, today="2026-12-01")
    assert "a-t-il rendu son permis à la préfecture ?" in chat.reply, chat.reply
    return chat


@pytest.mark.parametrize("text, intent, action", [
    ("pas encore, il va le deposer demain", "nlu_fallback", fallback.ActionSuggestQuestions()),
    ("il le rend demain", "inform", corrections.ActionApplyCorrection()),
])
def test_a_hand_back_planned_tomorrow_gives_the_new_licences_date(domain, text, intent, action):
    chat = _asked_about_the_husband(domain)
    tracker = chat.tracker(text, intent)
    events, reply = run(action, tracker, domain)
    if not reply:  # (the fallback hands the message to the correction action, which Rasa runs next on the same turn)
        assert {"event": "followup", "name": "action_apply_correction", "timestamp": None} in events, events
        events, reply = run(corrections.ActionApplyCorrection(), tracker, domain)
    assert "2 juin 2027" in reply, reply  # 2 December 2026 + 6 months (R20)
    assert "pas bien compris" not in reply
