"""Rasa 3.6 preprocessor: the NLU reads what a person would see, not HTML markup.

In config.yml, first in the pipeline (before SpacyNLP):

    - name: bot.nlu.visible_text.VisibleTextPreprocessor

A message pasted from a web page or typed to probe the widget ("<b>bonjour</b>",
"<script>…</script>") is classified on its visible text ("bonjour", nothing), so that
markup never decides the intent, while the tracker keeps the message exactly as it was
sent. Messages without a tag are left untouched (a "<" in "moins de <20 km/h" is text).
"""
from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

TAG = re.compile(r"</?[a-zA-Z][^<>]*>|<!--")
# Elements whose content is never shown on a page.
INVISIBLE_ELEMENTS = {"script", "style", "template", "noscript"}


class _VisibleTextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: List[str] = []
        self._hidden_depth = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in INVISIBLE_ELEMENTS:
            self._hidden_depth += 1
        self.parts.append(" ")  # "<p>a</p><p>b</p>" reads "a b", not "ab"

    def handle_endtag(self, tag: str) -> None:
        if tag in INVISIBLE_ELEMENTS and self._hidden_depth:
            self._hidden_depth -= 1
        self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self._hidden_depth:
            self.parts.append(data)


def visible_text(text: str) -> str:
    """The text a browser would show for `text`; `text` itself when it has no markup."""
    if not TAG.search(text):
        return text
    parser = _VisibleTextParser()
    parser.feed(text)
    parser.close()
    return " ".join("".join(parser.parts).split())


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER], is_trainable=False)
class VisibleTextPreprocessor(GraphComponent):
    """Replaces the text the NLU reads by its visible text (registered as a tokenizer-stage
    component so that Rasa runs it, in pipeline order, on training and incoming messages)."""

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "VisibleTextPreprocessor":
        return cls()

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        self.process(training_data.training_examples)
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT)
            if isinstance(text, str):
                cleaned = visible_text(text)
                if cleaned != text:
                    message.set(TEXT, cleaned)
        return messages
