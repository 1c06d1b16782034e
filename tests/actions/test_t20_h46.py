"""T19/T20 (testers' conversations, today 1 December 2026), items of branch h46."""
from __future__ import annotations

import pytest
from rasa_sdk.events import FollowupAction

from actions import answers
from tests.actions.conftest import make_tracker
from tests.actions.test_probation_facts import run
from tests.actions.test_what_if import Conversation

pytestmark = pytest.mark.usefixtures("first_of_december")


def red_light(domain) -> Conversation:
    return Conversation(domain, "bjr cb de pts pr un feu rouge", "ask_offence_points",
                        answers.ActionAnswerOffencePoints(), {"offence_type": "red_light"}, today="2026-12-01")


@pytest.mark.parametrize("text", ["et si c'était orange ?", "et s'il était encore jaune ?", "et orange alors ?"])
def test_a_colour_after_a_red_light_is_the_amber_light(domain, text):
    # T20 c15: "et si c'était orange ?" after the red light's 4 points: the amber light, no points (R4: R.412-31)
    chat = red_light(domain)
    assert "retrait de 4 points" in chat.reply
    reply = chat.say(text, "ask_offence_points", answers.ActionAnswerOffencePoints())
    assert reply.startswith("Feu orange (jaune fixe) non respecté : aucun point"), reply
    assert "35 €" in reply and "inconnu" not in reply


@pytest.mark.parametrize("text", ["et si j'etais a velo ?", "et à vélo ?"])
def test_by_bike_after_a_red_light_costs_no_points(domain, text):
    # T20 c15: R21 example 1, no points, the red light's fine
    reply = red_light(domain).say(text, "ask_offence_points", answers.ActionAnswerOffencePoints())
    assert "aucun point" in reply and "inconnu" not in reply


@pytest.mark.parametrize("text", ["et pour ça ?", "combien de points ?", "et si c'était orange ?"])
def test_the_offence_answer_without_an_offence_asks_it(domain, text):
    # reached with the offence forgotten (a follow-up, a rule): "Quelle infraction ?" by the form, never
    # "Impossible de répondre : type d'infraction inconnu : « None »"
    tracker = make_tracker(intent="ask_offence_points", text=text, entities=[])
    events, reply = run(answers.ActionAnswerOffencePoints(), tracker, domain)
    assert "Impossible" not in reply and "None" not in reply
    assert FollowupAction("offence_points_form") in events
