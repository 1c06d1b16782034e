"""Tester T57 (1 December 2026), items of branch m32: the why of a count an earlier answer gave ("pourquoi 8 et pas 9 ?"
after a hypothesis's answer, R3) and of a count named in a longer question ("pourquoi le délai c'est 4 mois et pas
6 ?", "c'est écrit où, ces 4 mois ?", R15)."""
from __future__ import annotations

import pytest

from actions import fallback
from actions.answers import ActionAnswerMandatoryStage, ActionAnswerOffencePoints, ActionAnswerZeroPoints
from actions.corrections import ActionApplyCorrection
from actions.forms import ValidateMandatoryStageForm, ValidateOffencePointsForm
from tests.actions.conversation import opened_in_form

pytestmark = pytest.mark.usefixtures("first_of_december")
TODAY = "2026-12-01"


def test_why_8_and_not_9_after_a_hypothesis_is_the_cap_of_the_answer_before(domain):
    # t57-c20: three offences at one check (9 points capped at 8, R3), "et si j'avais que 7 points avant ?" (-1), then
    # "pourquoi 8 et pas 9 d'ailleurs" got the hypothesis's line on the decision's date, of no 8 at all
    chat = opened_in_form(domain, "Arrêté hier par les gendarmes : pas de ceinture, téléphone à la main, et en plus 35 au "
                          "dessus de la limite. Ils vont m'enlever 9 points ??", "ask_offence_points",
                          "offence_points_form", ValidateOffencePointsForm(), ActionAnswerOffencePoints(), TODAY)
    assert "plafonnés à 8 points" in chat.reply, chat.reply
    chat.say("et si j'avais que 7 points avant, il se passe quoi", "ask_zero_points", ActionAnswerZeroPoints())
    reply = chat.say("pourquoi 8 et pas 9 d'ailleurs", "inform", ActionApplyCorrection())
    assert "plafonnés à 8 points pour des infractions commises en même temps" in reply, reply
    assert "L.223-2" in reply, reply
    assert "date de la décision" not in reply, reply


MANDATORY = "Bonjour, j'ai reçu une lettre recommandée 48N le 15 octobre. Jusqu'à quand ai-je pour faire le stage ?"


@pytest.mark.parametrize("text", ["pourquoi le délai c'est 4 mois et pas 6 ?", "c'est écrit où, ces 4 mois ?",
                                  "ils sortent d'où les 4 mois ?", "pk 4 mois ?"])
def test_the_why_of_the_48n_months_is_the_line_that_gave_them(domain, text):
    # t57-c18: both questions got a request to rephrase; the 4 months are R.223-4's, as the answer said
    chat = opened_in_form(domain, MANDATORY, "ask_mandatory_stage", "mandatory_stage_form",
                          ValidateMandatoryStageForm(), ActionAnswerMandatoryStage(), TODAY)
    assert "4 mois après la réception de la lettre 48N" in chat.reply, chat.reply
    reply = chat.say(text, "nlu_fallback", fallback.ActionSuggestQuestions())
    assert "Je n'ai pas bien compris" not in reply, reply
    assert "15 février 2027" in reply and "4 mois après la réception de la lettre 48N" in reply, reply
    assert "R.223-4" in reply, reply


def test_a_count_no_answer_gave_is_left_to_the_other_readings(domain):
    # (no answer named 6 months: "pourquoi 6 mois ?" is not answered by a line about something else)
    chat = opened_in_form(domain, MANDATORY, "ask_mandatory_stage", "mandatory_stage_form",
                          ValidateMandatoryStageForm(), ActionAnswerMandatoryStage(), TODAY)
    reply = chat.say("pourquoi 6 mois ?", "nlu_fallback", fallback.ActionSuggestQuestions())
    assert "Voici sur quoi repose ce chiffre" not in reply, reply


# --- t55-c15: "je roule 60 000 km par an" read as a speed of 60 km/h, kept, then "et pour un excès de 55 km/h payé en
# 2018 c'est pareil ?" got "Impossible de répondre : pour un excès de vitesse, il faut la limite…" before its card

@pytest.mark.parametrize("text", ["je roule 60 000 km par an", "je fais 30.000 km/an", "15000 kilomètres par an"])
def test_a_yearly_distance_is_no_speed(text):
    from tests.actions.conftest import parsed
    assert not [e for e in parsed(text + ", j'ai perdu 3 points pour le téléphone", TODAY)
                if e["entity"].startswith("speed")]


def test_an_earlier_offences_speed_gives_way_to_the_excess_told(domain):
    from actions.answers import ActionAnswerAutoRecovery
    from actions.forms import ValidateAutoRecoveryForm
    # (a speed of an earlier question, its limit not told, beside the excess the message tells)
    chat = opened_in_form(domain, "flashé à 62, 1 point, payé le 3 mars 2026, je le récupère quand ?",
                          "ask_auto_recovery", "auto_recovery_form", ValidateAutoRecoveryForm(),
                          ActionAnswerAutoRecovery(), TODAY)
    assert chat.slots.get("speed_measured") == 62, chat.slots
    reply = chat.say_in_form("et pour un exces de 55 km/h payé en 2018 c'est pareil ?", "ask_offence_points",
                             "offence_points_form", ValidateOffencePointsForm(), ActionAnswerOffencePoints())
    assert "Impossible de répondre" not in reply, reply
    reply = chat.followed(reply, "et pour un exces de 55 km/h payé en 2018 c'est pareil ?", "ask_offence_points",
                          ActionAnswerOffencePoints())
    assert "Impossible de répondre" not in reply, reply
    assert "Excès de 55 km/h : retrait de 6 points" in reply, reply


@pytest.mark.parametrize("text", ["pourquoi le délai c'est 4 mois et pas 6 ?", "c'est écrit où, ces 4 mois ?"])
def test_the_4_months_asked_after_a_stage_supposed_are_not_its_4_points(domain, text):
    # t59-c18 (the replay of t57-c18): after "et si je le fais les 12 et 13 mars, ça passe quand même ?" (answered with
    # "Ce stage peut aussi vous rendre jusqu'à 4 points…"), both questions got that line: 4 months are not 4 points
    chat = opened_in_form(domain, MANDATORY, "ask_mandatory_stage", "mandatory_stage_form",
                          ValidateMandatoryStageForm(), ActionAnswerMandatoryStage(), TODAY)
    reply = chat.say_in_form("et si je le fais les 12 et 13 mars, ça passe quand même ?", "ask_mandatory_stage",
                             "mandatory_stage_form", ValidateMandatoryStageForm(), ActionAnswerMandatoryStage())
    assert "jusqu'à 4 points" in reply, reply
    reply = chat.say(text, "nlu_fallback", fallback.ActionSuggestQuestions())
    assert "jusqu'à 4 points" not in reply, reply
    assert "4 mois après la réception de la lettre 48N" in reply and "R.223-4" in reply, reply


def test_a_stage_told_in_a_story_after_a_balance_before_counts_for_the_next(domain):
    # t58-c17: "j'avais 12 points", a phone offence, a red light and a stage on 20-21 November 2026 told over three
    # messages (answered "Solde aujourd'hui : 9 points"), then "je peux refaire un stage quand ?" got "dès maintenant,
    # +3 → 12": the 12 told before the offences was taken for today's balance, the last stage never asked (R13)
    from actions.answers import ActionAnswerCheckBalance, ActionAnswerStageEligibility
    from actions.forms import ValidateStageEligibilityForm
    from tests.actions.conversation import FormConversation
    chat = FormConversation.before_first_message(domain, TODAY)
    chat.say("Bonjour. Je vous explique ma situation : j'ai le permis depuis 2012, j'avais 12 points.", "inform",
             ActionApplyCorrection())
    chat.say("Le 3 mars 2026 on m'a arreté au telephone, j'ai payé direct le 10 mars.", "inform", ActionApplyCorrection())
    reply = chat.say("Ensuite le 14 septembre 2026 feu rouge, amende payée le 1er octobre. Et j'ai fait un stage les 20 et "
                     "21 novembre 2026. Il me reste combien de points ?", "ask_check_balance", ActionAnswerCheckBalance())
    assert "Solde aujourd'hui : 9 points" in reply, reply
    reply = chat.say_in_form("ok merci, et je peux refaire un stage quand ?", "ask_stage_eligibility",
                             "stage_eligibility_form", ValidateStageEligibilityForm(), ActionAnswerStageEligibility())
    assert "dès maintenant" not in reply, reply
    assert "20 novembre 2027" in reply, reply


def test_an_offence_supposed_after_an_answer_without_the_licence_date_is_answered(domain):
    # t58-c23: "j'ai 15 points sur mon permis, c normal ?" (the probation's form: 15 is impossible, R1), then "et si j'ai un
    # exces de vitesse le 15/03/2027 je perds cb" (read by no intent): the probation's case computed again without a
    # licence's date raised a TypeError, "Désolé, je n'ai pas réussi à traiter ce message"
    from actions.answers import ActionAnswerProbation
    from actions.forms import ValidateProbationForm
    from tests.actions.conversation import FormConversation
    chat = FormConversation.before_first_message(domain, TODAY)
    reply = chat.say_in_form("j'ai 15 points sur mon permis, c normal ?", "ask_probation", "probation_form",
                             ValidateProbationForm(), ActionAnswerProbation())
    assert "12 points" in chat.form_said + reply, (chat.form_said, reply)
    reply = chat.say("ah ok. et si j'ai un exces de vitesse le 15/03/2027 je perds cb", "nlu_fallback",
                     fallback.ActionSuggestQuestions())
    assert "point" in reply and "réussi à traiter" not in reply, reply


@pytest.mark.parametrize("text", ["et pour le code je dois m'inscrire dans quel délai exactement ?",
                                  "je dois m'inscrire au code dans combien de mois ?"])
def test_the_code_registration_delay_after_the_zero_points_answer(domain, text):
    # t58-c12: "Que se passe-t-il si je tombe à zéro point ?" then "et pour le code je dois m'inscrire dans quel délai
    # exactement ?" (read as the 48N's stage) got "À quelle date avez-vous reçu la lettre 48N ?", twice: the 9 months
    # (R20)
    from actions.answers import ActionAnswerZeroPoints
    from tests.actions.conversation import FormConversation
    chat = FormConversation.before_first_message(domain, TODAY)
    reply = chat.say("Que se passe-t-il si je tombe à zéro point ?", "ask_zero_points", ActionAnswerZeroPoints())
    assert "9 mois" in reply, reply
    chat.read_by_form(text, "ask_mandatory_stage", "mandatory_stage_form", ValidateMandatoryStageForm())
    assert chat.slots.get("requested_slot") is None, chat.slots.get("requested_slot")  # (the form asks nothing)
    reply = chat.answer_after_form(text, "ask_mandatory_stage", ActionAnswerMandatoryStage())
    assert "lettre 48N" not in chat.form_said + reply, (chat.form_said, reply)
    assert "dans les 9 mois qui suivent la remise du permis" in reply, reply
