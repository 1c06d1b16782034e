"""Tester T49 (replays on 1 December 2026), items of branch h111: each question of a message answered once."""
from __future__ import annotations

import pytest
from rasa_sdk import Tracker

from actions import answers, forms
from actions.two_part import ActionAnswerOtherQuestion
from tests.actions.conftest import parsed
from tests.actions.conversation import Conversation, opened, run

pytestmark = pytest.mark.usefixtures("first_of_december")
TODAY = "2026-12-01"


def handed_over(chat: Conversation, text: str, intent: str) -> Tracker:
    """The tracker `action_other_question` gets when the answer to `text` handed the turn to it (its followup event
    last, the same user message latest), as the Rasa server sends it."""
    events = chat.events[:-1] if chat.events[-1].get("name") == "action_listen" else list(chat.events)
    return Tracker(sender_id="test", slots=dict(chat.slots), events=events, paused=False, followup_action=None,
                   latest_message={"text": text, "intent": {"name": intent}, "entities": parsed(text, TODAY)},
                   active_loop={}, latest_action_name="action_listen")


# --- t49-c02: probation, phone on 3 September paid at once, 48N received 20/11/2026; "si je fais le stage en janvier je
# remonte à combien ? et le remboursement je le demande comment" (R12, R15, R16)

C02 = ("Bonjour, je suis jeune conducteur, j'ai eu mon permis le 15 juin 2025 (pas de conduite accompagnée). Le 3 "
       "septembre dernier je me suis fait arrêter avec le téléphone à la main, j'ai payé l'amende tout de suite et là "
       "j'ai reçu une lettre recommandée 48N le 20/11/2026. Qu'est-ce que je dois faire et avant quand ?")
C02_TWO = "si je fais le stage en janvier je remonte a combien ? et le remboursement je le demande comment"


def test_c02_the_refund_asked_after_a_stage_supposed_is_answered_in_the_same_turn(domain):
    # t49-c02 turn 3: the stage of January answered (5 -> 8, refunded), "le remboursement je le demande comment"
    # ignored until asked again; R16: where and what to send, within 15 days of the stage's end
    chat = opened(domain, C02, "ask_mandatory_stage", answers.ActionAnswerMandatoryStage(), TODAY)
    chat.say_in_form("le jour même, le 3 septembre", "inform", "mandatory_stage_form",
                     forms.ValidateMandatoryStageForm(), answers.ActionAnswerMandatoryStage())
    first = chat.say(C02_TWO, "ask_points_after_stage", answers.ActionAnswerPointsAfterStage())
    assert "votre solde passera de 5 à 8 points" in first, first
    assert {"event": "followup", "timestamp": None, "name": ActionAnswerOtherQuestion.NAME} in chat.events, chat.events
    _, other = run(ActionAnswerOtherQuestion(), handed_over(chat, C02_TWO, "ask_points_after_stage"), domain)
    assert "comptable public" in other and "RIB" in other and "15 jours" in other, other
    assert "Si le stage commence" not in other, other  # (not the stage's answer again)
