"""T18 (outside testers' replays, 1 December 2026), items of branch h39: the day asked answered first, no invented
stage day, the day of a month asked only when it changes the answer, a repeated question not answered word for
word, the company car, offences named without their points."""
from __future__ import annotations

import pytest

from actions import answers
from tests.actions.test_answers import run
from tests.actions.test_probation_facts import told

pytestmark = pytest.mark.usefixtures("first_of_december")
DAY = "2026-12-01"


# --- 1. "suspendu 3 mois le 15 septembre, quand est-ce que je peux reconduire ?": the day, at the first asking ----

@pytest.mark.parametrize("text", [
    "mon permis a été suspendu 3 mois le 15 septembre, quand est-ce que je peux reconduire ?",
    "suspendu 3 mois depuis le 15 septembre, je pourrai conduire à partir de quand ?",
    "permis suspendu le 15/09/2026 pour 3 mois, quand je pourrai reconduire ?",
])
def test_the_end_of_a_suspension_told_is_the_first_answer(domain, text):
    # spec §0.3: 15 September 2026 + 3 months = 15 December 2026; not the retention's card first
    _, said = run(answers.ActionAnswerSuspension(), told(domain, text, "ask_suspension", today=DAY), domain)
    assert said.startswith("Vous pourrez reconduire à partir du 15 décembre 2026, à la fin de la suspension de 3 mois")
    assert "72 heures" not in said and "article L.224-16" in said


def test_may_i_drive_during_a_suspension_still_gets_its_no(domain):
    text = "je suis suspendu, je peux conduire pendant la suspension ?"
    _, said = run(answers.ActionAnswerSuspension(), told(domain, text, "ask_suspension", today=DAY), domain)
    assert said.startswith("Non : tant que la suspension")


# --- 3 and 6. Offences named by their month, without their points ----------------------------------------------

def _recovery_reply(domain, text: str) -> str:
    _, said = run(answers.ActionAnswerAutoRecovery(), told(domain, text, "ask_auto_recovery", today=DAY), domain)
    return said


def test_offences_named_without_their_points_count_the_scale_s_and_say_so(domain):
    # R4: the phone held in hand 3 points, the red light 4 points (both 4e classe: 3 years, R9)
    said = _recovery_reply(domain, "j'ai eu un téléphone en mars et un feu rouge en juin, quand je récupère mes points ?")
    assert "retrouvera son maximum de points le 30 juin 2029" in said
    assert "j'ai compté ceux du barème, 3 points pour « téléphone tenu en main" in said
    assert "4 points pour « feu rouge" in said


def test_the_day_of_a_month_is_asked_only_where_it_changes_the_answer(domain):
    # the 3 years run from June's red light: the day of March changes nothing, the day of June moves the date (R9)
    said = _recovery_reply(domain, "j'ai eu un téléphone en mars et un feu rouge en juin, quand je récupère mes points ?")
    assert "Vous avez indiqué mars 2026" not in said
    assert "Vous avez indiqué juin 2026 pour le retrait de points : j'ai retenu le 30 juin 2026" in said


# --- 5. "c'est la voiture de ma boîte, je dois désigner ?": one clear answer (L.121-6, R21 example 2) -----------

DESIGNATION = ("Oui, le conducteur doit être désigné, mais c'est à l'entreprise de le faire : son représentant légal "
               "donne l'identité de la personne qui conduisait dans les 45 jours")


def _said_once(said: str) -> None:
    assert said.startswith(DESIGNATION)
    assert "Seul le conducteur désigné perd les points de l'infraction, le jour où l'amende est payée" in said
    assert "675 € d'amende forfaitaire" in said and "jusqu'à 3 750 €" in said and "article L.121-6" in said
    assert said.count("non-désignation") == 1 and said.count("aucun point") <= 1 and "vélo" not in said


@pytest.mark.parametrize("text, intent, action", [
    ("c'est la voiture de ma boîte, je dois désigner ?", "out_of_scope", "ActionOutOfScope"),
    ("j'ai reçu un avis de contravention, c'est la voiture de ma société, je dois désigner ?", "out_of_scope",
     "ActionOutOfScope"),
    ("voiture de fonction flashée, faut-il désigner le conducteur ?", "nlu_fallback", "ActionSuggestQuestions"),
    ("flashé à 100 au lieu de 90, c'est la voiture de ma boîte, je dois désigner ?", "ask_offence_points",
     "ActionAnswerOffencePoints"),
])
def test_a_company_car_s_designation_asked_gets_one_answer(domain, text, intent, action):
    from actions import fallback
    runner = getattr(fallback, action, None) or getattr(answers, action)
    _, said = run(runner(), told(domain, text, intent, today=DAY), domain)
    _said_once(said)


def test_a_designation_without_a_company_is_not_answered_as_one(domain):
    from actions import forms
    assert forms.designation_answer(told(domain, "je dois désigner ?", "out_of_scope", today=DAY)) is None
    assert forms.designation_answer(told(domain, "c'est la voiture de ma boîte, je perds des points ?",
                                         "ask_offence_points", today=DAY)) is None


# --- 4. The same question again, "pourquoi ?": not the answer word for word ------------------------------------

RECOVERY_QUESTION = "excès de vitesse de 15 km/h sur une route à 80, payé le 10 octobre 2026, quand je récupère mon point ?"


def _recovery_of_one_point(domain):
    from tests.actions.test_what_if import Conversation
    return Conversation(domain, RECOVERY_QUESTION, "ask_auto_recovery", answers.ActionAnswerAutoRecovery(),
                        {"fine_payment_date": "2026-10-10", "last_offence_points": 1, "offence_class": "c3",
                         "offence_type": "speeding", "speed_excess": 15, "speed_limit": 80}, today=DAY)


def test_the_same_question_a_third_time_is_not_the_reminder_again_nor_the_whole_answer(domain):
    chat = _recovery_of_one_point(domain)
    assert "revient le 10 avril 2027" in chat.reply  # R8: 6 months after the payment
    second = chat.say(RECOVERY_QUESTION, "ask_auto_recovery", answers.ActionAnswerAutoRecovery())
    assert second.startswith("Comme indiqué : le point retiré")
    third = chat.say("je récupère mon point quand ?", "ask_auto_recovery", answers.ActionAnswerAutoRecovery())
    assert third != second and third != chat.reply
    assert third.startswith("Je vous ai déjà donné cette réponse, elle ne change pas : le point retiré pour "
                            "l'infraction payée le 10 octobre 2026 revient le 10 avril 2027")
    assert "10 octobre 2028" not in third and "Réponse sous réserve" not in third


def test_why_after_an_answer_gives_the_rule_not_its_result_again(domain):
    from actions import fallback
    chat = _recovery_of_one_point(domain)
    why = chat.say("pourquoi ?", "nlu_fallback", fallback.ActionSuggestQuestions())
    result = chat.reply.splitlines()[0]
    assert why.startswith("Voici sur quoi repose ce résultat :") and result not in why
    assert "La règle : sans nouvelle infraction, le point retiré pour une infraction à 1 point revient 6 mois après " \
           "le paiement de l'amende" in why


# --- 2. A stage whose day was not given: no day invented; a stage to come said in the future --------------------

@pytest.mark.parametrize("text, week", [
    ("j'ai 7 points, je fais le stage la semaine prochaine, permis depuis 2012, jamais fait de stage. j'aurai combien "
     "après ?", "la semaine prochaine"),
    ("j'ai 7 points, permis depuis 2012, je fais un stage dans 3 semaines, j'aurai combien ?", "dans 3 semaines"),
])
def test_a_stage_told_by_its_week_gets_no_day_of_effect_invented(domain, text, week):
    # R12, R.223-8: the points count from the day after the stage's last day; "la semaine prochaine" gave its Monday
    # (7 December 2026), which made "avec effet au 9 décembre 2026", a day the user never said
    tracker = told(domain, text, "ask_points_after_stage", slots={"previous_stage_date": "none"}, today=DAY)
    _, said = run(answers.ActionAnswerPointsAfterStage(), tracker, domain)
    assert said.startswith("Le stage vous rendra 4 points, avec effet le lendemain du dernier jour du stage : votre "
                           "solde passera de 7 à 11 points")
    assert "avec effet au" not in said and "décembre 2026" not in said
    assert f"Vous avez indiqué « {week} » pour le stage, sans son jour" in said


def test_a_stage_told_by_its_day_keeps_its_day_of_effect(domain):
    text = "j'ai 7 points, permis depuis 2012, stage le 14 décembre, j'aurai combien ?"
    tracker = told(domain, text, "ask_points_after_stage", slots={"previous_stage_date": "none"}, today=DAY)
    _, said = run(answers.ActionAnswerPointsAfterStage(), tracker, domain)
    assert "avec effet au 16 décembre 2026" in said and "sans son jour" not in said


def test_a_stage_on_no_day_before_a_retrait_to_come_has_no_day_of_effect_invented(domain):
    # R18 example 1: better wait for the retrait; the stage now was said "avec effet au 3 décembre 2026" (today + 2)
    text = "j'ai 10 points, je viens de payer une amende de 4 points, je fais un stage maintenant ou j'attends ?"
    tracker = told(domain, text, "ask_stage_eligibility", slots={"previous_stage_date": "none", "licence_date": "2012"},
                   today=DAY)
    _, said = run(answers.ActionAnswerStageEligibility(), tracker, domain)
    assert said.startswith("Mieux vaut attendre que le retrait de 4 points soit enregistré")
    assert "Le stage vous rendra 2 points, avec effet le lendemain du dernier jour du stage" in said
    assert "3 décembre 2026" not in said
