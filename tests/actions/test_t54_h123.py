"""Tester T54 (replays of T50 and T51 on 1 December 2026), items of branch h123: a fact told before a hypothesis in
the same message, a day the answer gave read back, a hypothesis after the letter question."""
from __future__ import annotations

import pytest

from actions import answers, forms
from rasa_sdk import Tracker

from tests.actions.conftest import parsed
from tests.actions.conversation import FormConversation

pytestmark = pytest.mark.usefixtures("first_of_december")
TODAY = "2026-12-01"

# --- t54-c28: phone + seatbelt + 35 km/h at one check on 12 September 2026 (9, capped at 8, R3), 12 points before;
# "j'ai tout payé le 30 septembre. et si je fais un stage le 14 décembre ?" (the payment told, the stage supposed)

C28 = ("Le 12 septembre 2026 je me suis fait arrêter : téléphone à la main, pas de ceinture, et 35 km/h au-dessus de la "
       "limite, tout pendant le même contrôle. J'avais 12 points. J'en perds combien ?")


def said_in_form(chat, text, intent, form, validator, action) -> str:
    """The message read by the form, then answered in the same turn, as the server runs them: after the message, the
    slots Rasa mapped from it and those the form set (the answer reads which slots the message filled)."""
    chat.read_by_form(text, intent, form, validator)
    tracker = Tracker("test", {**chat.slots, "requested_slot": None},
                      {"text": text, "intent": {"name": intent, "confidence": 0.99}, "entities": parsed(text, TODAY)},
                      list(chat.events), False, None, {}, "action_listen")
    chat.reply = chat._answer(action, tracker)
    return chat.reply


def c28_told(domain):
    chat = FormConversation.before_first_message(domain, TODAY)
    reply = said_in_form(chat, C28, "ask_offence_points", "offence_points_form", forms.ValidateOffencePointsForm(),
                         answers.ActionAnswerOffencePoints())
    assert "plafonnés à 8 points" in reply and "il vous restera 4 points" in reply, reply
    return chat


@pytest.mark.parametrize("said", [
    "j'ai tout payé le 30 septembre. et si je fais un stage le 14 décembre ?",
    "j'ai tout payé le 30 septembre. et si je fais un stage les 14 et 15 décembre ?",
    "amende réglée le 30 septembre. si je fais le stage le 14 décembre, ça donne quoi ?",
    "j'ai payé le 30/09. Et si je m'inscris à un stage le 14 décembre ?",
])
def test_a_payment_told_before_a_hypothesis_stays_the_users(domain, said):
    # t54-c28: the payment told as done before the "et si" was set back with the supposed stage (what_if.
    # restored_facts), so "donc avec le stage du 14 décembre j'aurai combien ?" got "votre solde (12) est déjà au
    # plafond": the retrait of 8 points made on the payment (§0.2, R2) leaves 4, the stage gives 4 → 8 (R12)
    chat = c28_told(domain)
    reply = said_in_form(chat, said, "ask_stage_eligibility", "stage_eligibility_form",
                         forms.ValidateStageEligibilityForm(), answers.ActionAnswerStageEligibility())
    assert "de 4 à 8 points" in reply, reply
    assert chat.slots.get("fine_payment_date") == "2026-09-30", chat.slots
    assert chat.slots.get("previous_stage_date") is None and chat.slots.get("stage_first_day") is None, chat.slots
    said_in_form(chat, "au fait j'ai reçu une lettre 48M mi-octobre avec 4 points, c'est grave ?", "ask_letter",
                 "letter_form", forms.ValidateLetterForm(), answers.ActionAnswerLetter())
    then = said_in_form(chat, "donc avec le stage du 14 décembre j'aurai combien ?", "ask_points_after_stage",
                        "points_after_stage_form", forms.ValidatePointsAfterStageForm(),
                        answers.ActionAnswerPointsAfterStage())
    assert "de 4 à 8 points" in then and "déjà au plafond" not in then, then
