"""Testers T58 and T59 (replays on 1 December 2026), items of branch h136: the offence told or answered earlier in the
conversation is the one the recovery's answer counts (its points and class, R4, R9), without asking it again; a
payment day refused as in the future is not used, and its correction is read with the offence it belongs to."""
from __future__ import annotations

import pytest

from actions import answers, corrections, forms
from tests.actions.conversation import FormConversation, opened_in_form

pytestmark = pytest.mark.usefixtures("first_of_december")
TODAY = "2026-12-01"

EXCESS_ASKED = "De combien de km/h avez-vous dépassé la limite (vitesse retenue, après la marge du radar) ?"

# --- t58-c08: 1 point for a small excess paid on 3 June 2026, then the road (130) and the excess (11 km/h) told:
# a 3e classe, the full recovery 2 years after the payment, 3 June 2028 (R4, R9)

C08 = ("J'ai perdu 1 point pour un petit excès de vitesse, amende réglée le 3 juin 2026. Quand est-ce que je le "
       "récupère ?")


def c08_completed(domain, road: str, excess: str) -> FormConversation:
    chat = opened_in_form(domain, C08, "ask_auto_recovery", "auto_recovery_form", forms.ValidateAutoRecoveryForm(),
                          answers.ActionAnswerAutoRecovery(), TODAY)
    assert "3 juin 2029" in chat.reply, chat.reply
    chat.read_by_form(road, "inform", "offence_points_form", forms.ValidateOffencePointsForm(),
                      question=EXCESS_ASKED, asks="speed_excess")
    chat.read_by_form(excess, "inform", "offence_points_form", forms.ValidateOffencePointsForm(),
                      requested="speed_excess")
    assert chat.next_asked("offence_points_form", forms.ValidateOffencePointsForm()) is None
    card = chat.answer_after_form(excess, "inform", answers.ActionAnswerOffencePoints())
    assert "3e classe" in card, card
    return chat


@pytest.mark.parametrize("road, excess, question, intent, action", [
    ("c'etait sur l'autoroute limitée a 130, et j'ai mon permis depuis 2009", "11 km/h de trop",
     "donc je serai a 12 quand exactement ?", "ask_probation", answers.ActionAnswerProbation()),
    ("c'était sur une route à 80", "12 km/h au-dessus", "et je retrouve mes 12 points quand alors ?",
     "ask_auto_recovery", answers.ActionAnswerAutoRecovery()),
    ("sur une nationale limitée à 90", "de 8 km/h", "du coup mon permis sera plein quand ?", "ask_auto_recovery",
     answers.ActionAnswerAutoRecovery()),
])
def test_c08_the_road_and_excess_told_after_the_recovery_give_its_class(domain, road, excess, question, intent,
                                                                        action):
    # t58-c08: "je serai à 12 quand ?" got 3 June 2029 and "Sans la vitesse limite…" (the limit and excess forgotten)
    chat = c08_completed(domain, road, excess)
    reply = chat.say(question, intent, action)
    assert "3 juin 2028" in reply and "3 juin 2029" not in reply, reply
    assert "Sans la vitesse limite" not in reply, reply


def test_c08_an_excess_asked_in_general_after_the_recovery_is_not_its_class(domain):
    # (another excess asked about, "et pour 25 km/h de trop sur autoroute ?", is no fact of the user's retrait)
    chat = opened_in_form(domain, C08, "ask_auto_recovery", "auto_recovery_form", forms.ValidateAutoRecoveryForm(),
                          answers.ActionAnswerAutoRecovery(), TODAY)
    chat.say_in_form("et pour 12 km/h de trop sur autoroute, c'est combien ?", "ask_offence_points",
                     "offence_points_form", forms.ValidateOffencePointsForm(), answers.ActionAnswerOffencePoints())
    assert chat.slots.get("offence_class") is None, chat.slots


# --- t58-c14: "flashé à 92 sur une route à 80" (1 point, 3e classe), then "je récupère ce point quand si j'ai payé
# hier ?": the offence answered, not its points asked again nor a 4e classe assumed (R8, R9: 30 November 2028)

C14 = "flashé à 92 sur une route à 80, je perds des points ?"


@pytest.mark.parametrize("text", [
    "ok et je récupère ce point quand si j'ai payé hier ?",
    "je l'ai payée hier, je retrouve ce point quand ?",
    "payé hier. et ce point-là il revient quand ?",
    "j'ai réglé l'amende hier, quand est-ce que je récupère le point ?",
])
def test_c14_the_point_answered_is_the_one_asked_back(domain, text):
    chat = opened_in_form(domain, C14, "ask_offence_points", "offence_points_form", forms.ValidateOffencePointsForm(),
                          answers.ActionAnswerOffencePoints(), TODAY)
    assert "3e classe" in chat.reply, chat.reply
    chat.read_by_form(text, "ask_auto_recovery", "auto_recovery_form", forms.ValidateAutoRecoveryForm())
    assert chat.next_asked("auto_recovery_form", forms.ValidateAutoRecoveryForm()) is None, chat.slots
    reply = chat.answer_after_form(text, "ask_auto_recovery", answers.ActionAnswerAutoRecovery())
    assert "30 mai 2027" in reply and "30 novembre 2028" in reply and "2029" not in reply, reply
    assert "Sans la nature" not in reply and "4e classe" not in reply, reply

