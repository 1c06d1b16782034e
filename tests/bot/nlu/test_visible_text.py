"""VisibleTextPreprocessor: the NLU reads the visible text of a message, never its markup."""
from __future__ import annotations

import asyncio

import pytest

pytest.importorskip("rasa")

from rasa.shared.nlu.training_data.message import Message  # noqa: E402
from rasa.shared.nlu.training_data.training_data import TrainingData  # noqa: E402

from bot.nlu.visible_text import VisibleTextPreprocessor, visible_text  # noqa: E402


@pytest.mark.parametrize("text, expected", [
    ("<b>bonjour</b>", "bonjour"),
    ("<script>alert('x')</script>", ""),
    ('<img src=x onerror="window.__xss=1"><script>window.__xss=1</script>', ""),
    ("<p>il me reste</p><p>7 points</p>", "il me reste 7 points"),
    ("<style>p {color: red}</style>j'ai eu mon permis en <i>2020</i>", "j'ai eu mon permis en 2020"),
    ("<b>stage &amp; points</b>", "stage & points"),
    ("<!-- rien --> bonjour", "bonjour"),
])
def test_markup_is_reduced_to_its_visible_text(text, expected):
    assert visible_text(text) == expected


@pytest.mark.parametrize("text", [
    "moins de <20 km/h au-dessus",
    "j'ai <3 points et > 0",
    "a < b",
    "  des espaces   gardés ",
    "",
    "😀🚗💨",
])
def test_text_without_tags_is_untouched(text):
    assert visible_text(text) == text


def test_component_cleans_incoming_and_training_messages():
    component = VisibleTextPreprocessor()
    incoming = Message(data={"text": "<b>bonjour</b>"})
    plain = Message(data={"text": "il me reste <5 points"})
    no_text = Message(data={})
    component.process([incoming, plain, no_text])
    assert incoming.get("text") == "bonjour"
    assert plain.get("text") == "il me reste <5 points"
    example = Message(data={"text": "<i>au revoir</i>", "intent": "goodbye"})
    data = component.process_training_data(TrainingData(training_examples=[example]))
    assert data.training_examples[0].get("text") == "au revoir"


def test_in_a_rasa_pipeline_the_intent_comes_from_the_visible_text(tiny_nlu_agent):
    agent = tiny_nlu_agent(
        ["bot.nlu.visible_text.VisibleTextPreprocessor", "WhitespaceTokenizer", "KeywordIntentClassifier"],
        {"greet": ["bonjour", "bonsoir"], "ask_stage_info": ["stage", "stages"]})

    shown = asyncio.run(agent.parse_message("<p>bonjour</p>"))
    assert shown["text"] == "bonjour" and shown["intent"]["name"] == "greet"
    hidden = asyncio.run(agent.parse_message("<script>stage</script>"))
    assert hidden["text"] == "" and hidden["intent"]["name"] != "ask_stage_info"
