"""QuestionFocus: a long story is classified with its question sentence weighing more, and keeps its text."""
from __future__ import annotations

import asyncio

import pytest

pytest.importorskip("rasa")

from rasa.shared.nlu.training_data.message import Message  # noqa: E402

from bot.nlu.question_focus import LONG_MESSAGE_CHARS, QuestionFocus, QuestionFocusEnd, question_sentence  # noqa: E402

STORY = ("J'ai mon permis depuis 2009 et je n'avais jamais eu de problème. En mars je me suis fait flasher sur "
         "l'autoroute en rentrant de vacances, on était pressés, le petit était malade. Ensuite en septembre un "
         "contrôle de police, le téléphone à la main parce que mon patron m'appelait. Depuis je fais très attention. ")


def test_the_question_of_a_long_message_is_its_last_sentence_asking_something():
    text = STORY + "Quand est-ce que je vais récupérer mes points ? Merci d'avance."
    assert len(text) >= LONG_MESSAGE_CHARS
    assert question_sentence(text) == "Quand est-ce que je vais récupérer mes points ?"
    assert question_sentence(STORY + "Je voudrais savoir quand je récupère mes points") == \
        "Je voudrais savoir quand je récupère mes points"


@pytest.mark.parametrize("text", ["quand est-ce que je récupère mes points ?", "x" * LONG_MESSAGE_CHARS])
def test_a_short_message_or_a_single_sentence_has_no_focus(text):
    assert question_sentence(text) is None


def test_the_featurizers_read_the_question_twice_and_the_later_components_the_text_as_sent():
    text = STORY + "Quand est-ce que je vais récupérer mes points ?"
    message, short = Message(data={"text": text}), Message(data={"text": "bonjour"})
    QuestionFocus().process([message, short])
    assert message.get("text") == text + "\nQuand est-ce que je vais récupérer mes points ?"
    assert short.get("text") == "bonjour"
    QuestionFocusEnd().process([message, short])
    assert message.get("text") == text and short.get("text") == "bonjour"


def test_in_a_rasa_pipeline_the_question_outweighs_the_story(tiny_nlu_agent):
    examples = {"ask_auto_recovery": ["quand je récupère mes points", "récupérer mes points quand"],
                "ask_offence_points": ["flashé sur l'autoroute", "téléphone à la main contrôle de police",
                                       "je me suis fait flasher", "contrôle de police téléphone"]}
    pipeline = ["WhitespaceTokenizer", {"name": "CountVectorsFeaturizer"},
                {"name": "bot.nlu.linear_intent_classifier.LinearIntentClassifier", "C": 30}]
    text = STORY + "Quand est-ce que je récupère mes points ?"
    without = asyncio.run(tiny_nlu_agent(pipeline, examples).parse_message(text))
    focused = asyncio.run(tiny_nlu_agent(["bot.nlu.question_focus.QuestionFocus", *pipeline[:2],
                                          "bot.nlu.question_focus.QuestionFocusEnd", pipeline[2]],
                                         examples).parse_message(text))
    assert focused["text"] == text  # the tracker keeps the message as sent
    score = {r["name"]: r["confidence"] for r in focused["intent_ranking"]}
    before = {r["name"]: r["confidence"] for r in without["intent_ranking"]}
    assert score["ask_auto_recovery"] > before["ask_auto_recovery"]
