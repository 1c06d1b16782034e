"""Tester T15 (main 92d145c, BOT_TODAY=2026-12-01): short follow-ups the NLU read as a stage question, and got the
stage's sheet (or a stage form's questions), though they ask about the offence just answered.

- c20: after a passenger's seatbelt (no points for the driver, R21), "et moi si j'oublie la mienne ?" asks the driver's
  own seatbelt: 3 points, 4th class, 135 € (R4, R.412-1).
- c34: after a company car's fine paid without naming the driver (no points, R21 example 2), "et si on désigne le
  salarié, il perd combien ?" asks the offence's points once the driver is named (L.121-6): 105 km/h for 90, 15 over,
  1 point, 3rd class, 68 € (R4, R.413-14), with the limit told, not asked again.
"""
from __future__ import annotations

import pytest

from actions import answers
from tests.actions.test_answers import run
from tests.actions.conftest import parsed
from tests.actions.test_t13_offences import TODAY, Conversation
from tests.actions.test_what_if import mapped_slots

pytestmark = pytest.mark.usefixtures("first_of_december")


def _said(chat: Conversation, action, text: str, intent: str):
    """The follow-up `text` read as `intent` and run through `action`: (its events, what it said)."""
    return run(action, chat.tracker(text, intent), chat.domain)


def offence_answered(domain, text: str) -> Conversation:
    """A conversation opened by an offence's question, its facts in the slots as the form leaves them."""
    return Conversation(domain, text, "ask_offence_points", answers.ActionAnswerOffencePoints(),
                        mapped_slots(parsed(text, TODAY), domain))


def passenger_seatbelt(domain) -> Conversation:
    chat = offence_answered(domain, "ma passagere avait pas mis sa ceinture, c'est moi qui perd les points ?")
    assert "aucun point n'est retiré" in chat.reply
    return chat


@pytest.mark.parametrize("text", [
    "ok merci et moi si j'oublie la mienne ?",  # t15-c20
    "et si c'est moi qui ne la mets pas ?",
    "et moi le conducteur ?",
    "et si moi je l'oublie ?",
])
@pytest.mark.parametrize("intent, action", [
    ("ask_stage_info", answers.ActionAnswerStageInfo()),  # (the NLU's reading of the tester's)
    ("ask_offence_points", answers.ActionAnswerOffencePoints()),
])
def test_the_driver_asking_after_a_passenger_s_seatbelt_gets_their_own_points(domain, text, intent, action):
    chat = passenger_seatbelt(domain)
    _, said = _said(chat, action, text, intent)
    assert said.startswith("Si c'est vous, le conducteur, qui ne portez pas votre ceinture :"), said
    assert "Conducteur sans ceinture de sécurité : retrait de 3 points (contravention de 4e classe)" in said
    assert "135 €" in said and "stage" not in said


def test_a_child_passenger_then_the_driver_themself(domain):
    chat = passenger_seatbelt(domain)
    chat.say("et si c'est mon fils de 10 ans qui est pas attaché a l'arriere ?", "ask_offence_points",
             answers.ActionAnswerOffencePoints())
    _, said = _said(chat, answers.ActionAnswerStageInfo(), "et moi si j'oublie la mienne ?", "ask_stage_info")
    assert "retrait de 3 points" in said and "135 €" in said


def test_a_passenger_follow_up_about_someone_else_is_not_the_driver_s(domain):
    chat = passenger_seatbelt(domain)
    _, said = _said(chat, answers.ActionAnswerOffencePoints(), "et si c'est ma fille de 12 ans ?", "ask_offence_points")
    assert "Si c'est vous, le conducteur" not in said


COMPANY_CAR = ("Bonjour, je suis gérante d'une petite boîte, une de nos voitures de société a été flashée à 105 sur une "
               "route à 90 (vitesse retenue). Si la société paie sans désigner le salarié, quelqu'un perd des points ?")


@pytest.mark.parametrize("text", [
    "et si on désigne le salarié, il perd combien ?",  # t15-c34
    "et s'il est désigné, il perd combien de points ?",
    "et si on donne son nom, ça lui coûte quoi ?",
])
@pytest.mark.parametrize("intent, action", [
    ("ask_stage_info", answers.ActionAnswerStageInfo()),  # (the NLU's reading of the tester's)
    ("ask_offence_points", answers.ActionAnswerOffencePoints()),
])
def test_the_driver_named_after_a_company_s_fine_gets_the_offence_s_points_with_the_limit_told(
        domain, text, intent, action):
    chat = offence_answered(domain, COMPANY_CAR)
    assert "sans désigner le conducteur : aucun point n'est retiré" in chat.reply
    _, said = _said(chat, action, text, intent)
    assert said.startswith("Si l'entreprise désigne le salarié qui conduisait, l'avis de contravention lui est adressé "
                           "et c'est lui qui perd les points, le jour où l'amende est payée (article L.121-6"), said
    assert "Excès de 15 km/h (105 km/h retenus pour 90 km/h autorisés) : retrait de 1 point (contravention de 3e " \
           "classe)" in said
    assert "68 €" in said and "sous réserve de : la limite" not in said and "stage" not in said
