"""Rasa 3.6 components: a long message is classified with its question sentence weighing more than its story.

In config.yml, `QuestionFocus` before SpacyNLP and `QuestionFocusEnd` after the featurizers:

    - name: bot.nlu.question_focus.QuestionFocus
    - name: SpacyNLP
    ...
    - name: CountVectorsFeaturizer
    - name: bot.nlu.question_focus.QuestionFocusEnd

A driver who tells their story ("j'ai mon permis depuis 2009, en mars je me suis fait flasher…") asks their
question in its last sentence ("quand est-ce que je vais récupérer mes points ?"). In a message of several
hundred characters, the story's words outweigh the question's in the n-gram counts, and the intent drifts to
what the story is about. `QuestionFocus` appends the question sentence once more to the text the featurizers
read (so its words count twice); `QuestionFocusEnd` then gives the later components (the facts extractor)
and the tracker the text as it was. Short messages are left untouched.
"""
from __future__ import annotations

import re
from typing import Any, Dict, List, Optional, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

#: from this length, a message of several sentences is a story with a question
LONG_MESSAGE_CHARS = 100
#: the message's text before the question was appended (only set while the featurizers run)
TEXT_AS_SENT = "text_before_question_focus"
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")


def question_sentence(text: str) -> Optional[str]:
    """The question of a long message: its last sentence ending with "?", else its last sentence; None for a
    short message, or one that is a single sentence."""
    if len(text) < LONG_MESSAGE_CHARS:
        return None
    sentences = [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]
    if len(sentences) < 2:
        return None
    questions = [s for s in sentences if s.endswith("?")]
    return questions[-1] if questions else sentences[-1]


class _TextStage(GraphComponent):
    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "_TextStage":
        return cls()

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        self.process(training_data.training_examples)
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        raise NotImplementedError


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER], is_trainable=False)
class QuestionFocus(_TextStage):
    """Appends a long message's question sentence to the text the featurizers read."""

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT)
            question = question_sentence(text) if isinstance(text, str) else None
            if question:
                message.set(TEXT_AS_SENT, text)
                message.set(TEXT, f"{text}\n{question}")
        return messages


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER], is_trainable=False)
class QuestionFocusEnd(_TextStage):
    """Gives the message its text back once the featurizers have read it."""

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            sent = message.get(TEXT_AS_SENT)
            if sent is not None:
                message.set(TEXT, sent)
                message.data.pop(TEXT_AS_SENT, None)
        return messages
