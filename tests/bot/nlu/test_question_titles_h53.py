"""A button's title typed (or sent by a channel that sends the title, not the payload) asks its question (tester T23
c28, c19: "Points d'une infraction" was read as inform and answered "D'accord. Quelle est votre question ?")."""
from __future__ import annotations

import pytest
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.question_focus import QuestionWordsIntent
from bot.nlu.question_words import QUESTION_TITLES, intent_of_a_title


@pytest.mark.parametrize("text, intent", [
    ("Points d'une infraction", "ask_offence_points"),
    ("points d'une infraction ?", "ask_offence_points"),
    ("Quand récupérer mes points ?", "ask_auto_recovery"),
    ("permis probatoire", "ask_probation"),
    ("Stage obligatoire (lettre 48N)", "ask_mandatory_stage"),
])
def test_a_title_names_its_question(text, intent):
    assert intent_of_a_title(text) == intent


@pytest.mark.parametrize("text", ["points d'une infraction de feu rouge", "mon permis probatoire se termine quand ?", ""])
def test_a_message_that_says_more_is_left_to_the_classifier(text):
    assert intent_of_a_title(text) is None


def test_every_title_is_read_back():
    assert all(intent_of_a_title(title) == intent for intent, title in QUESTION_TITLES.items())


def test_the_title_wins_over_the_classifier():
    ranking = [{"name": "inform", "confidence": 0.55}, {"name": "ask_offence_points", "confidence": 0.2}]
    message = Message(data={"text": "Points d'une infraction", "intent": ranking[0], "intent_ranking": ranking})
    QuestionWordsIntent().process([message])
    assert message.get("intent") == {"name": "ask_offence_points", "confidence": 1.0}
    assert [e["name"] for e in message.get("intent_ranking")] == ["ask_offence_points", "inform"]
