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


# --- t59-c22: "12 alors. j'ai pris une amende pour stop que j'ai payée le 12 mars 2027" (flagged in the future), then
# "je récupère mes 4 points quand ?": the refused day is used by no answer, and the stop is known (R4: 4 points);
# the payment's day is what is asked, and "oups, 12 mars 2026" answers it (R9: 4e classe, 12 March 2029)

BALANCE_ASKED = "Combien de points vous reste-t-il actuellement ? (si vous ne savez pas, dites « je ne sais pas »)"
STAGE_ASKED = "Avez-vous déjà fait un stage qui vous a rendu des points ? Si oui, à quelle date a-t-il commencé ?"


def c22_stage_answered(domain, told: str) -> FormConversation:
    chat = FormConversation.before_first_message(domain, TODAY)
    form, validator = "stage_eligibility_form", forms.ValidateStageEligibilityForm()
    chat.read_by_form("j'ai 15 points sur mon permis, je peux faire un stage pour monter à 19 ?",
                      "ask_stage_eligibility", form, validator, question=BALANCE_ASKED, asks="current_balance")
    said = chat.read_by_form(told, "inform", form, validator, requested="current_balance", question=STAGE_ASKED,
                             asks="previous_stage_date", current_balance=12)
    assert "dans le futur" in said, said
    chat.read_by_form("Non, jamais", "deny", form, validator, requested="previous_stage_date",
                      previous_stage_date="none")
    chat.stage = chat.answer_after_form("Non, jamais", "deny", answers.ActionAnswerStageEligibility())
    return chat


@pytest.mark.parametrize("told", [
    "ah bon. bah 12 alors. j'ai pris une amende pour stop que j'ai payée le 12 mars 2027",
    "ok 12 alors. j'ai grillé un stop, amende payée le 12/03/2027",
])
def test_c22_a_payment_refused_in_the_future_is_no_retrait_to_come(domain, told):
    # t59-c22: "Mieux vaut attendre que le retrait de 4 points soit enregistré… solde final 8 points", built on the day
    # just refused
    chat = c22_stage_answered(domain, told)
    assert "pas encore enregistré" not in chat.stage and "8 points" not in chat.stage, chat.stage


@pytest.mark.parametrize("told", [
    "ah bon. bah 12 alors. j'ai pris une amende pour stop que j'ai payée le 12 mars 2027",
    "ok 12 alors. j'ai grillé un stop, amende payée le 12/03/2027",
])
def test_c22_after_a_refused_payment_the_stop_is_known_and_its_day_asked(domain, told):
    # t59-c22: "je récupère mes 4 points quand ?" got "Combien de points votre dernière infraction vous a-t-elle
    # retirés ?", then "oups, 12 mars 2026" "Je n'ai pas compris votre réponse"
    chat = c22_stage_answered(domain, told)
    form, validator = "auto_recovery_form", forms.ValidateAutoRecoveryForm()
    chat.read_by_form("mais elle est déjà payée, le 12/03/2027 je vous dis. je récupère mes 4 points quand ?",
                      "ask_auto_recovery", form, validator)
    assert chat.next_asked(form, validator) == "fine_payment_date", chat.slots
    assert chat.slots.get("last_offence_points") == 4, chat.slots
    chat.read_by_form("oups, 12 mars 2026", "inform", form, validator, requested="fine_payment_date",
                      fine_payment_date="2026-03-12")
    assert chat.next_asked(form, validator) is None, chat.slots
    reply = chat.answer_after_form("oups, 12 mars 2026", "inform", answers.ActionAnswerAutoRecovery())
    assert "12 mars 2029" in reply and "2027" not in reply, reply


def test_c22_a_retrait_dated_by_a_refused_day_is_not_in_the_story(domain):
    # (the story's readers, the balance's and the stage's, do not count it on that day either)
    from actions.offence_history import told_retraits
    chat = c22_stage_answered(domain, "ok 12 alors. j'ai grillé un stop, amende payée le 12/03/2027")
    retraits = told_retraits(chat.tracker("et j'ai combien de points alors ?", "ask_check_balance"))
    assert all("2027" not in r.said_date for r in retraits), retraits
