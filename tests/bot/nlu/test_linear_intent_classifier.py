"""LinearIntentClassifier: trained, persisted and loaded inside a real (tiny) Rasa pipeline."""
from __future__ import annotations

import asyncio

import pytest

pytest.importorskip("rasa")

from rasa.shared.nlu.training_data.message import Message  # noqa: E402

from bot.nlu.linear_intent_classifier import LinearIntentClassifier, blend_rankings  # noqa: E402

EXAMPLES = {
    "greet": ["bonjour", "salut", "bonsoir", "coucou", "bonjour a vous", "salut le bot"],
    "ask_stage_info": ["combien coute un stage", "prix du stage", "le stage dure combien de jours",
                       "ou faire un stage", "stage en ligne possible", "documents pour le stage"],
    "ask_letter": ["j'ai recu une lettre 48", "que veut dire la lettre 48N", "courrier 48SI recu",
                   "lettre 48M c'est quoi", "j'ai eu un courrier du ministere", "recu une 48"],
}
FEATURIZERS = ["WhitespaceTokenizer", "CountVectorsFeaturizer",
               {"name": "CountVectorsFeaturizer", "analyzer": "char_wb", "min_ngram": 2, "max_ngram": 4}]


def parse(agent, text):
    return asyncio.run(agent.parse_message(text))


def test_a_loaded_model_ranks_unseen_wordings_by_probability(tiny_nlu_agent):
    agent = tiny_nlu_agent(FEATURIZERS + ["bot.nlu.linear_intent_classifier.LinearIntentClassifier"], EXAMPLES)
    for text, intent in [("bonjour !", "greet"), ("quel est le prix d'un stage", "ask_stage_info"),
                         ("une lettre 48n, ca veut dire quoi", "ask_letter")]:
        result = parse(agent, text)
        assert result["intent"]["name"] == intent, (text, result["intent"])
        ranking = result["intent_ranking"]
        assert [entry["name"] for entry in ranking][0] == intent
        assert sorted(ranking, key=lambda entry: -entry["confidence"]) == ranking
        assert {entry["name"] for entry in ranking} == set(EXAMPLES)
        assert sum(entry["confidence"] for entry in ranking) == pytest.approx(1.0)


def test_the_calibrated_svm_saved_and_loaded_gives_probabilities_that_sum_to_one(tiny_nlu_agent):
    agent = tiny_nlu_agent(FEATURIZERS + [
        {"name": "bot.nlu.linear_intent_classifier.LinearIntentClassifier", "classifier": "linear_svc", "C": 3},
        {"name": "FallbackClassifier", "threshold": 0.4}], EXAMPLES)
    for text, intent in [("salut !", "greet"), ("c'est quoi le prix du stage", "ask_stage_info"),
                         ("recu une lettre 48n", "ask_letter")]:
        result = parse(agent, text)
        assert result["intent"]["name"] == intent, (text, result["intent"])
        ranking = result["intent_ranking"]
        assert {entry["name"] for entry in ranking} == set(EXAMPLES)
        assert sum(entry["confidence"] for entry in ranking) == pytest.approx(1.0)
        assert ranking[0]["confidence"] > ranking[1]["confidence"]


def test_with_one_example_for_an_intent_the_svm_gives_way_to_the_logistic_regression(tiny_nlu_agent):
    examples = {**EXAMPLES, "thank": ["merci beaucoup"]}
    agent = tiny_nlu_agent(FEATURIZERS + [
        {"name": "bot.nlu.linear_intent_classifier.LinearIntentClassifier", "classifier": "linear_svc"}], examples)
    assert parse(agent, "merci beaucoup")["intent"]["name"] == "thank"
    assert parse(agent, "prix du stage en ligne")["intent"]["name"] == "ask_stage_info"


def test_blended_with_diet_the_ranking_still_covers_every_intent(tiny_nlu_agent):
    agent = tiny_nlu_agent(FEATURIZERS + [
        {"name": "DIETClassifier", "epochs": 30, "entity_recognition": False, "random_seed": 1},
        {"name": "bot.nlu.linear_intent_classifier.LinearIntentClassifier", "weight_of_previous_ranking": 0.5},
    ], EXAMPLES)
    result = parse(agent, "combien coute le stage")
    assert result["intent"]["name"] == "ask_stage_info"
    assert sum(entry["confidence"] for entry in result["intent_ranking"]) == pytest.approx(1.0, abs=1e-3)


def test_blend_weighs_the_earlier_ranking_and_counts_missing_intents_as_zero():
    ranking = blend_rankings({"a": 0.6, "b": 0.3, "c": 0.1}, {"b": 0.9, "a": 0.1}, 0.5)
    assert [entry["name"] for entry in ranking] == ["b", "a", "c"]
    assert [entry["confidence"] for entry in ranking] == pytest.approx([0.6, 0.35, 0.05])
    assert blend_rankings({"a": 0.6, "b": 0.4}, {"b": 1.0}, 0.0)[0] == {"name": "a", "confidence": 0.6}


def test_without_features_an_earlier_intent_is_kept_and_otherwise_none_is_claimed():
    classifier = LinearIntentClassifier(LinearIntentClassifier.get_default_config(), None, None)
    classified = Message(data={"text": "bonjour", "intent": {"name": "greet", "confidence": 0.9}})
    unread = Message(data={"text": ""})
    classifier.process([classified, unread])
    assert classified.get("intent") == {"name": "greet", "confidence": 0.9}
    assert unread.get("intent") == {"name": None, "confidence": 0.0} and unread.get("intent_ranking") == []


def test_a_message_of_markup_only_is_a_fallback_not_a_guess(tiny_nlu_agent):
    agent = tiny_nlu_agent(["bot.nlu.visible_text.VisibleTextPreprocessor"] + FEATURIZERS + [
        "bot.nlu.linear_intent_classifier.LinearIntentClassifier",
        {"name": "FallbackClassifier", "threshold": 0.5}], EXAMPLES)
    assert parse(agent, "<script>alert('stage')</script>")["intent"]["name"] == "nlu_fallback"
    assert parse(agent, "<b>bonjour</b>")["intent"]["name"] == "greet"


def test_a_message_of_emoji_and_punctuation_only_is_a_fallback_not_a_guess(tiny_nlu_agent):
    # tester T1: "🚗💨📸 ???" got the whole stage card (its "??" is frequent in the questions of one intent)
    agent = tiny_nlu_agent(FEATURIZERS + [
        "bot.nlu.linear_intent_classifier.LinearIntentClassifier",
        {"name": "FallbackClassifier", "threshold": 0.5}], {**EXAMPLES, "ask_stage_info": [
            e + " ???" for e in EXAMPLES["ask_stage_info"]]})
    for text in ("🚗💨📸 ???", "???", "!!! 😡"):
        assert parse(agent, text)["intent"]["name"] == "nlu_fallback", text
    assert parse(agent, "prix du stage ???")["intent"]["name"] == "ask_stage_info"
    # "@+" (à plus, SMS) is read by the classifier: it gets a ranking (the held-out sets label it goodbye)
    def read(text):
        return [entry["name"] for entry in parse(agent, text)["intent_ranking"] if entry["name"] != "nlu_fallback"]
    assert read("@+") and not read("!!! 😡")
