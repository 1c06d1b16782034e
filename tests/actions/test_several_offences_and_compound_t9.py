"""Tester T9 (main a7b9c29, BOT_TODAY=2026-12-01): several offences of one message, and messages of two questions.

- c11: "et si on m'arrête avec tel + ceinture pas mise + 35 au-dessus en même temps ?" counted the belt alone; every
  offence named counts, found at one check their retraits add up, capped at 8 (R3 example 1).
"""
from __future__ import annotations

import pytest

from actions import answers, corrections, fallback
from tests.actions.test_what_if import Conversation


def red_light_question(domain) -> Conversation:
    # t9-c11: a question on the points of an offence, in general (no case of the driver's)
    return Conversation(domain, "Combien de points pour un feu rouge ?", "ask_offence_points",
                        answers.ActionAnswerOffencePoints(), {"offence_type": "red_light"})


@pytest.mark.parametrize("text", [
    "et si on m'arrete avec tel + ceinture pas mise + 35 au dessus en meme temps ?",  # t9-c11
    "et si je me fais arrêter au téléphone, sans ceinture et à 35 km/h de trop ?",
    "si je me fais contrôler avec le portable en main, pas de ceinture et 35 de trop, je perds combien ?",
])
@pytest.mark.parametrize("intent, action", [
    ("ask_offence_points", answers.ActionAnswerOffencePoints()),
    ("nlu_fallback", fallback.ActionSuggestQuestions()),
])
def test_several_offences_of_one_hypothetical_check_add_up_capped_at_8(domain, first_of_december, text, intent,
                                                                        action):
    chat = red_light_question(domain)
    reply = chat.say(text, intent, action)
    # R3 example 1: 35 km/h (3) + phone (3) + seatbelt (3) = 9, capped at 8
    each = reply.lower()  # (in the order the message names them)
    assert "excès de vitesse de 35 km/h : 3 points" in each, reply
    assert "téléphone tenu en main, oreillette ou casque : 3 points" in each
    assert "conducteur sans ceinture de sécurité : 3 points" in each
    assert "Les retraits s'additionnent (9) mais sont plafonnés à 8 points" in reply
    assert "ces infractions en même temps, qui retirent 8 points au total (la plus grave : contravention de 4e " \
           "classe)" in reply
    assert "1er décembre 2029" in reply  # R9: 3 years from that day (4e class)
    assert "C'est une hypothèse" in reply


def test_two_small_offences_at_one_hypothetical_check_in_probation_bring_no_48n(domain, first_of_december):
    # R15 edge case: 2 + 1 points at the same check, each below 3: no 48N, though they total 3
    chat = Conversation(domain, "permis le 15/03/2025 sans conduite accompagnée, jamais d'infraction, j'ai combien "
                                "de points ?", "ask_probation", answers.ActionAnswerProbation(),
                        {"licence_date": "2025-03-15", "supervised_driving": False,
                         "complementary_training": False, "probation_offence": False})
    reply = chat.say("et si je me fais arrêter à 25 km/h de trop et sans gants en même temps ?",
                     "ask_offence_points", answers.ActionAnswerOffencePoints())
    assert "qui retirent 3 points au total" in reply, reply
    assert "lettre 48N" not in reply.replace("pas de lettre 48N", "")


# --- c13: the 10-year rule with offences since (R10 example 1); a stop costs 4 points (R4)

STOP_2017 = {"fine_payment_date": "2017-03-08", "last_offence_points": 3, "offence_type": "stop_sign"}


@pytest.mark.parametrize("text", [
    # t9-c13's first message, with the day its form asked
    "yo, la regle des 10 ans c koi exactement ? jai perdu 3 pts pour un stop paye le 8 mars 2017 et depuis jai jamais "
    "arreté de me faire flasher lol",
    "perdu 3 points pour un stop payé le 8 mars 2017, je me suis refait prendre plusieurs fois depuis, je les "
    "récupère quand ?",
    "stop grillé, 3 points, payé le 8 mars 2017. j'ai pas cessé de me faire choper depuis. quand est-ce que je revois "
    "ces points ?",
])
def test_offences_ever_since_leave_the_10_year_rule_and_the_stop_s_4_points_are_said(domain, first_of_december,
                                                                                       text):
    chat = Conversation(domain, text, "ask_auto_recovery", answers.ActionAnswerAutoRecovery(), STOP_2017)
    reply = chat.reply
    assert "8 mars 2020" not in reply, reply  # no full recovery 3 years after, other offences followed (R9)
    assert "reviennent le 8 mars 2027 (règle des 10 ans), si votre permis n'a jamais été invalidé" in reply  # R10
    assert "l'infraction « stop non respecté » retire 4 points (contravention de 4e classe), pas 3" in reply  # R4


@pytest.mark.parametrize("text, intent, action", [
    # t9-c13's correction, as the NLU read it
    ("non mais jme suis refait flasher plein de fois depuis, genre en 2019, 2021, 2024. c quand que je recup les "
     "points du stop avec les 10 ans ?", "ask_auto_recovery", answers.ActionAnswerAutoRecovery()),
    ("non mais je me suis refait flasher en 2019, 2021 et 2024", "inform", corrections.ActionApplyCorrection()),
    ("sauf que depuis je me fais flasher tout le temps", "inform", corrections.ActionApplyCorrection()),
])
def test_offences_since_told_after_the_answer_change_it(domain, first_of_december, text, intent, action):
    # the answer first assumed no offence since (12 on 8 March 2020); told otherwise, it must change (R10), not be
    # repeated ("Comme indiqué")
    chat = Conversation(domain, "j'ai perdu 4 points pour un stop payé le 8 mars 2017, je les récupère quand ?",
                        "ask_auto_recovery", answers.ActionAnswerAutoRecovery(), {**STOP_2017, "last_offence_points": 4})
    assert "8 mars 2020" in chat.reply
    reply = chat.say(text, intent, action)
    assert "Comme indiqué" not in reply and "8 mars 2020" not in reply, reply
    assert "les 4 points retirés pour l'infraction payée le 8 mars 2017 reviennent le 8 mars 2027 (règle des 10 " \
           "ans)" in reply
    assert "pas 3" not in reply and "pas 4" not in reply
