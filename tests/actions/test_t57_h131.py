"""Tester T57 (replays on 1 December 2026), items of branch h131: a side question on a letter while a form asks a
fact, the form's question resumed by the fact told next."""
from __future__ import annotations

import pytest

from actions import answers, corrections, forms
from tests.actions.conversation import FormConversation

pytestmark = pytest.mark.usefixtures("first_of_december")
TODAY = "2026-12-01"

BALANCE_ASKED = "Combien de points vous reste-t-il actuellement ? (si vous ne savez pas, dites « je ne sais pas »)"


def stage_question_with_a_side_letter(domain, side: str) -> FormConversation:
    chat = FormConversation.before_first_message(domain, TODAY)
    chat.read_by_form("Je voudrais savoir combien j'aurai de points après mon stage de janvier",
                      "ask_points_after_stage", "points_after_stage_form", forms.ValidatePointsAfterStageForm(),
                      requested=chat.slots.get("requested_slot"), question=BALANCE_ASKED, asks="current_balance")
    chat.side = chat.say_in_form(side, "ask_letter", "letter_form", forms.ValidateLetterForm(),
                                 answers.ActionAnswerLetter())
    return chat


@pytest.mark.parametrize("side, told", [
    # t57-c25
    ("attendez avant, c'est quoi la différence entre une lettre 48 et une 48M ? j'ai reçu une 48M",
     "ok. bon il m'en reste 4"),
    ("au fait c'est quoi une lettre 48M ?", "d'accord. j'ai 4 points"),
    ("une 48N ça veut dire quoi ?", "ok, il me reste 4 points"),
])
def test_the_balance_told_after_a_side_letter_question_resumes_the_stage_question(domain, side, told):
    # t57-c25: "ok. bon il m'en reste 4" after the 48M's meaning asked on the side (the stage form asked the balance)
    # got the 48M text again; the stage question waiting is resumed with that balance
    chat = stage_question_with_a_side_letter(domain, side)
    assert "lettre 48" in chat.side, chat.side
    reply = chat.say(told, "inform", corrections.ActionApplyCorrection())
    assert "La lettre 48" not in reply, reply
    assert chat.slots["current_balance"] == 4
    assert any(e.get("event") == "followup" and e.get("name") == "points_after_stage_form" for e in chat.events[-4:])
