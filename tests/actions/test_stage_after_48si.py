"""After a 48SI: the day the licence will be handed back, told with another question, is taken; a stage can no longer
save the licence, said first, with the dates that follow (R14 example 1, R18 example 5, R20). Outside tester T7
(BOT_TODAY=2026-12-01): c07."""
from __future__ import annotations

import pytest

from actions import answers
from tests.actions.test_stage_balance_first_day import Chat


@pytest.fixture(autouse=True)
def _first_of_december(first_of_december):
    """The testers' reference date."""


LETTER = {"letter_code": "48SI", "letter_48n_date": "2026-12-01", "licence_status": "invalidated"}


def invalidated(domain) -> Chat:
    chat = Chat(domain)
    chat.say("Bonjour. J'ai reçu une lettre 48SI ce matin, mon permis est invalidé. Qu'est-ce que je dois faire ?",
             "ask_zero_points", answers.ActionAnswerZeroPoints(), LETTER)
    chat.events.append({"event": "bot", "text": answers.HAND_BACK_PLANNED_QUESTION})
    return chat


@pytest.mark.parametrize("text", [
    "le 5 decembre. et je pourrai repasser que le code ? j'ai le permis depuis 2012",
    "je compte le rendre le 5 décembre, je dois repasser la conduite aussi ? permis de 2012",
    "5 décembre normalement. j'aurai juste le code à repasser ? j'ai mon permis depuis 2012",
])
def test_the_hand_back_day_told_with_another_question_is_taken(domain, text):
    chat = invalidated(domain)
    reply = chat.say(text, "ask_zero_points", answers.ActionAnswerZeroPoints(), {"licence_date": "2012"})
    assert reply.startswith("Vous pourrez obtenir un nouveau permis à partir du 5 juin 2027, 6 mois après la remise de "
                            "votre permis prévue le 5 décembre 2026"), reply
    assert "au plus tard le 5 septembre 2027" in reply
    assert chat.slots["licence_handed_back_date"] == "2026-12-05"


@pytest.mark.parametrize("question", [
    "et un stage pour sauver mon permis c possible encore ?",
    "si je fais un stage de récupération de points je garde mon permis ?",
    "un stage ça peut me sauver ?",
])
def test_a_stage_after_the_48si_is_no_with_the_dates(domain, question):
    chat = invalidated(domain)
    chat.say("le 5 décembre 2026", "ask_zero_points", answers.ActionAnswerZeroPoints(), {"licence_date": "2012"})
    reply = chat.say(question, "ask_zero_points", answers.ActionAnswerZeroPoints())
    assert reply.startswith("Aucun point : la lettre 48SI d'invalidation a été notifiée"), reply
    assert "Un stage ne peut donc plus sauver votre permis." in reply.split("\n")[0]
    assert "Conseil d'État, 17 avril 2025, n° 492072" in reply
    assert "à partir du 5 juin 2027" in reply and "au plus tard le 11 décembre 2026" in reply


def test_a_stage_after_the_48si_before_the_hand_back_day_is_no_too(domain):
    chat = Chat(domain)
    reply = chat.say("j'ai reçu la 48SI hier, un stage peut encore sauver mon permis ?", "ask_zero_points",
                     answers.ActionAnswerZeroPoints(), {**LETTER, "letter_48n_date": "2026-11-30"})
    assert reply.startswith("Aucun point : la lettre 48SI") and "ne peut donc plus sauver" in reply, reply
    assert "6 mois après le jour où vous rendez votre permis" in reply
