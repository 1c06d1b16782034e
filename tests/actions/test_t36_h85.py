"""Tester T36 (replays of T32 on 1 December 2026), items of branch h85."""
from __future__ import annotations

import pytest

from actions import answers, forms
from actions.two_part import ActionAnswerOtherQuestion
from tests.actions.test_t31_h70 import FormConversation
from tests.actions.test_t33_h75 import then
from tests.actions.test_what_if import mapped_slots, parsed

pytestmark = pytest.mark.usefixtures("first_of_december")
TODAY = "2026-12-01"


# --- t36-t32c13: red light and phone paid on 2 November, 5 points answered; then a letter and a stage in one message

C13 = ("bjr jai grillé un feu rouge le 10 octobre et téléphone le 25 octobre, les 2 payés le 2 novembre. jai le permis "
       "depuis 2012. il me reste combien et quand je recupere")
C13_BOTH = "aie. je vais recevoir quelle lettre ? et si je fais un stage en janvier j'aurais combien ? jamais fait de stage"


def c13_chat(domain) -> FormConversation:
    slots = mapped_slots(parsed(C13, TODAY), domain, "ask_check_balance")
    chat = FormConversation(domain, C13, "ask_check_balance", answers.ActionAnswerCheckBalance(), slots, today=TODAY)
    assert chat.reply.startswith("Solde aujourd'hui : 5 points"), chat.reply
    return chat


def test_c13_the_letter_and_the_stage_of_one_message_both_answered_from_the_balance_given(domain):
    # t36-t32c13 T2: "je vais recevoir quelle lettre ? et si je fais un stage en janvier j'aurais combien ?" right after
    # "Solde aujourd'hui : 5 points, si vous aviez 12 points avant…": the balance was asked again ("Combien de points
    # vous reste-t-il actuellement ?") and the letter never answered; the stage from 5 (R12), with the assumption the
    # balance was computed under, then the letters of the retraits (R19)
    chat = c13_chat(domain)
    reply = chat.say_in_form(C13_BOTH, "ask_points_after_stage", "points_after_stage_form",
                             forms.ValidatePointsAfterStageForm(), answers.ActionAnswerPointsAfterStage())
    assert chat.slots.get("requested_slot") is None, chat.slots.get("requested_slot")
    assert "de 5 à 9 points" in reply, reply
    assert "J'ai compté les 5 points de votre solde calculé plus haut, si vous aviez 12 points avant l'infraction du " \
           "10 octobre 2026" in reply, reply
    letter = then(chat, ActionAnswerOtherQuestion())
    assert letter.startswith("Chacun de vos 2 retraits vous est notifié par une lettre 48"), letter
    assert "lettre 48M" in letter, letter
