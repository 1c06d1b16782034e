"""The Rasa component: FrenchFactsExtractor.process, alone and in a tiny Rasa pipeline."""
from __future__ import annotations

import asyncio
from datetime import date

import pytest

pytest.importorskip("rasa")

from rasa.engine.recipes.default_recipe import DefaultV1Recipe  # noqa: E402
from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer  # noqa: E402
from rasa.shared.nlu.training_data.message import Message  # noqa: E402
from rasa.shared.nlu.training_data.training_data import TrainingData  # noqa: E402

from bot.nlu.french_facts import FrenchFactsExtractor  # noqa: E402

PINNED = "2026-11-23"


def _entities(message: Message):
    return {(e["entity"], e["value"], e.get("role")) for e in message.get("entities", [])}


def test_process_adds_entities(monkeypatch):
    monkeypatch.setenv("BOT_TODAY", PINNED)
    component = FrenchFactsExtractor(FrenchFactsExtractor.get_default_config())
    text = "permis depuis mars 2024, sans conduite accompagnée, il me reste 5 points"
    message = Message(data={"text": text})
    component.process([message])
    assert _entities(message) >= {
        ("date", "2024-03", "licence"),
        ("supervised_driving", False, None),
        ("points", 5, "balance"),
    }
    for entity in message.get("entities"):
        assert entity["extractor"] == "FrenchFactsExtractor"
        assert 0 <= entity["confidence_entity"] <= 1
        assert text[entity["start"]:entity["end"]]
    assert "entities" in message.as_dict_nlu() or message.get("entities")


def test_process_uses_the_reference_date(monkeypatch):
    monkeypatch.setenv("BOT_TODAY", "2020-01-01")
    message = Message(data={"text": "hier"})
    FrenchFactsExtractor({}).process([message])
    assert ("date", "2019-12-31", None) in _entities(message)


def test_process_keeps_existing_entities_and_odd_messages(monkeypatch):
    monkeypatch.setenv("BOT_TODAY", PINNED)
    existing = {"entity": "offence_class", "value": "c4", "start": 0, "end": 1, "extractor": "DIETClassifier"}
    first = Message(data={"text": "48N", "entities": [existing]})
    empty = Message(data={"text": ""})
    no_text = Message(data={})
    FrenchFactsExtractor({}).process([first, empty, no_text])
    assert existing in first.get("entities")
    assert ("letter_code", "48N", None) in _entities(first)
    assert not any(e["entity"] == "number" for e in first.get("entities"))
    assert not empty.get("entities")


def test_entity_filter_config(monkeypatch):
    monkeypatch.setenv("BOT_TODAY", PINNED)
    message = Message(data={"text": "il me reste 7 points, tel au volant"})
    FrenchFactsExtractor({"entities": ["offence_type"]}).process([message])
    assert {e["entity"] for e in message.get("entities")} == {"offence_type"}


def test_training_data_untouched():
    example = Message(data={"text": "il me reste 7 points", "intent": "inform"})
    data = TrainingData(training_examples=[example])
    out = FrenchFactsExtractor({}).process_training_data(data)
    assert out is data and not example.get("entities")


def test_registered_in_the_default_recipe():
    registered = DefaultV1Recipe._registered_components
    assert "FrenchFactsExtractor" in registered or FrenchFactsExtractor.__name__ in {
        c.clazz.__name__ for c in registered.values()}


def test_after_a_tokenizer(monkeypatch):
    """A hand-built pipeline: Rasa's tokenizer, then the extractor."""
    monkeypatch.setenv("BOT_TODAY", PINNED)
    tokenizer = WhitespaceTokenizer(WhitespaceTokenizer.get_default_config())
    message = Message(data={"text": "flashé le 12/03/2023 à 135 au lieu de 110"})
    tokenizer.process([message])
    FrenchFactsExtractor({}).process([message])
    got = _entities(message)
    assert ("date", "2023-03-12", "offence") in got
    assert ("speed_excess", 25, None) in got
    assert not any(e == "number" for e, _, _ in got)


def test_tiny_rasa_pipeline(tiny_nlu_agent, monkeypatch):
    """`rasa train nlu` on a pipeline with nothing to train, then the model parses a message."""
    monkeypatch.setenv("BOT_TODAY", PINNED)
    agent = tiny_nlu_agent(["WhitespaceTokenizer", "bot.nlu.french_facts.FrenchFactsExtractor"],
                           {"inform": ["il me reste 7 points", "j'ai eu mon permis en 2020"]})
    result = asyncio.run(agent.parse_message("j'ai eu mon permis il y a deux ans, il me reste sept points"))
    got = {(e["entity"], e["value"], e.get("role")) for e in result["entities"]}
    assert ("date", "2024-11-23", "licence") in got
    assert ("points", 7, "balance") in got
    assert all(e["extractor"] == "FrenchFactsExtractor" for e in result["entities"])


def test_the_component_emits_exactly_the_entities_of_the_domain():
    """An entity the parser finds but the component drops (or the domain does not declare) never fills a slot."""
    import yaml

    from bot import services
    from bot.nlu.french_facts import ALL_ENTITIES

    domain = yaml.safe_load((services.PROJECT_ROOT / "domain.yml").read_text(encoding="utf-8"))
    declared = {next(iter(e)) if isinstance(e, dict) else e for e in domain["entities"]}
    assert set(ALL_ENTITIES) == declared


def test_an_amount_of_money_and_a_fine_class_are_emitted(monkeypatch):
    monkeypatch.setenv("BOT_TODAY", PINNED)
    component = FrenchFactsExtractor(FrenchFactsExtractor.get_default_config())
    messages = [Message(data={"text": "68 €"}), Message(data={"text": "une contravention de 4e classe"})]
    component.process(messages)
    assert _entities(messages[0]) == {("amount", 68, None)}
    assert _entities(messages[1]) == {("offence_class", "c4", None)}
