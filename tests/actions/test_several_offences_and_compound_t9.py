"""Tester T9 (main a7b9c29, BOT_TODAY=2026-12-01): several offences of one message, and messages of two questions.

- c11: "et si on m'arrête avec tel + ceinture pas mise + 35 au-dessus en même temps ?" counted the belt alone; every
  offence named counts, found at one check their retraits add up, capped at 8 (R3 example 1).
"""
from __future__ import annotations

import pytest

from actions import answers, fallback
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
