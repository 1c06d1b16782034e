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


# --- t54-c04: a 1-point excess paid 15 July 2026 (its point back on 15 January 2027, R8), then a red light committed
# on 10 October 2026, not paid yet, told after the answer

C04_ASKED = "Bonjour, question sur la règle des 6 mois pour récupérer 1 point"
C04_TOLD = ("j'ai perdu 1 point pour un petit exces en ville (56 retenu pour 50), amende payée le 15 juillet 2026. "
            "J'avais 12 points.")
C04_RED_LIGHT = "ah mais j'ai oublié, j'ai grillé un feu rouge le 10 octobre, l'amende est pas encore payée. ça change quoi ?"


def c04_told(domain):
    chat = FormConversation.before_first_message(domain, TODAY)
    said_in_form(chat, C04_ASKED, "ask_auto_recovery", "auto_recovery_form", forms.ValidateAutoRecoveryForm(),
                 answers.ActionAnswerAutoRecovery())
    reply = said_in_form(chat, C04_TOLD, "inform", "auto_recovery_form", forms.ValidateAutoRecoveryForm(),
                         answers.ActionAnswerAutoRecovery())
    assert "revient le 15 janvier 2027" in reply, reply
    reply = said_in_form(chat, C04_RED_LIGHT, "nlu_fallback", "offence_points_form", forms.ValidateOffencePointsForm(),
                         answers.ActionAnswerOffencePoints())
    assert "retrait de 4 points" in reply, reply
    return chat


@pytest.mark.parametrize("asked", [
    "oui mais mon point du 15 janvier, je l'ai toujours ?",
    "et le point qui devait revenir le 15 janvier, il revient quand même ?",
    "du coup mon point du 15/01 je le récupère toujours ?",
])
def test_the_point_back_on_a_day_the_answer_gave_is_asked_about(domain, asked):
    # t54-c04: "oui mais mon point du 15 janvier, je l'ai toujours ?" (read as a question on the retrait's timing) took
    # that day, said without its year, for the fine's payment: "Impossible de répondre : le paiement ou la condamnation
    # ne peut pas précéder la date de l'infraction". The red light committed on 10 October 2026, within the 6 months,
    # stops that point's return (R8), which the recovery of the case told says
    chat = c04_told(domain)
    reply = chat.say(asked, "ask_retrait_timing", answers.ActionAnswerRetraitTiming())
    assert "Impossible de répondre" not in reply, reply
    assert "ne revient pas le 15 janvier 2027 : une autre infraction a été commise le 10 octobre 2026" in reply, reply


@pytest.mark.parametrize("told", ["j'ai payé le feu rouge le 20 novembre, les points sont retirés quand ?",
                                  "et si je paie le feu rouge le 15 janvier, je récupère mon point ?",
                                  "non, c'était le 15 janvier mon point ?"])
def test_another_day_a_payment_or_a_hypothesis_is_no_day_of_the_answer(domain, told):
    # (a payment told, a hypothesis or a correction keep their own readers)
    from actions.follow_ups import point_back_day_asked
    chat = c04_told(domain)
    assert point_back_day_asked(chat.tracker(told, "ask_retrait_timing")) is None


# --- t54-c06: probationary licence of 20 May 2024, no offence (10 points of 10), a 20 km/h excess supposed, then the
# letter question ended by "aucune lettre" (commit 1e77778), then an excess of 30 km/h supposed (3 points: a 48N, R15)

C06 = ("jsuis en permis probatoire depuis le 20 mai 2024 (pas de conduite accompagnée), jamais eu d'amende. j'ai "
       "combien de points là ?")


def test_an_offence_supposed_after_the_letter_aside_is_a_hypothesis_on_the_case(domain):
    # t54-c06: after the letter's aside ("j'ai pas de lettre, c'est juste si jamais demain je prends 20 de trop"),
    # "et si je me fais flasher à +30 ?" got the excess's card alone, the user's 10 points of 10 left out
    chat = FormConversation.before_first_message(domain, TODAY)
    reply = said_in_form(chat, C06, "ask_probation", "probation_form", forms.ValidateProbationForm(),
                         answers.ActionAnswerProbation())
    assert "10 points" in reply, reply
    reply = said_in_form(chat, "et si je me fais flasher demain à 20 km/h au dessus ?", "ask_offence_points",
                         "offence_points_form", forms.ValidateOffencePointsForm(), answers.ActionAnswerOffencePoints())
    assert "de 10 points à 8 points" in reply, reply
    reply = said_in_form(chat, "je devrais faire un stage obligatoire dans ce cas ?", "ask_mandatory_stage",
                         "mandatory_stage_form", forms.ValidateMandatoryStageForm(),
                         answers.ActionAnswerMandatoryStage())
    assert reply.startswith("Non : cette infraction retire 2 points"), reply
    reply = said_in_form(chat, "j'ai pas de lettre, c'est juste si jamais demain je prends 20 de trop", "ask_letter",
                         "letter_form", forms.ValidateLetterForm(), answers.ActionAnswerLetter())
    assert "Quelle lettre" not in chat.form_said + reply, reply
    reply = said_in_form(chat, "et si je me fais flasher à +30 ?", "ask_offence_points", "offence_points_form",
                         forms.ValidateOffencePointsForm(), answers.ActionAnswerOffencePoints())
    assert "de 10 points à 7 points" in reply and "48N" in reply, reply
