"""Rasa 3.6 entity extractor: the French facts of `bot.nlu.fact_parsing` as entities.

In config.yml, after the tokenizer and featurizers:

    - name: bot.nlu.french_facts.FrenchFactsExtractor

Each message gets entities
`{"entity", "value", "start", "end", "confidence_entity", "extractor": "FrenchFactsExtractor"[, "role"]}`
computed with the reference date of `bot.reference_date.today()` (BOT_TODAY or
today in Paris). Nothing is trained; training data are left untouched, so DIET
never learns these entities from this component.
"""
from __future__ import annotations

import logging
from datetime import date
from typing import Any, Callable, Dict, List, Optional, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.nlu.constants import ENTITY_ATTRIBUTE_CONFIDENCE_ROLE, ENTITY_ATTRIBUTE_CONFIDENCE_TYPE
from rasa.shared.nlu.constants import (
    ENTITIES,
    ENTITY_ATTRIBUTE_END,
    ENTITY_ATTRIBUTE_ROLE,
    ENTITY_ATTRIBUTE_START,
    ENTITY_ATTRIBUTE_TYPE,
    ENTITY_ATTRIBUTE_VALUE,
    EXTRACTOR,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot import reference_date
from bot.nlu.fact_parsing import Fact, extract_facts

logger = logging.getLogger(__name__)

ALL_ENTITIES = [
    "date", "points", "number", "speed_excess", "speed_limit", "speed_measured", "letter_code",
    "offence_type", "offence_class", "amount", "supervised_driving", "complementary_training", "licence_status",
    "invalid_date", "probationary", "letter_received", "previous_stage", "offence_since_licence", "stage_kind",
    "probation_year",
]


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False)
class FrenchFactsExtractor(GraphComponent, EntityExtractorMixin):
    """Adds dates, points, speeds, letter codes, offences... found in French text."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {
            # the entities to emit (None: all of ALL_ENTITIES)
            "entities": None,
            # facts below this confidence are dropped
            "min_confidence": 0.0,
        }

    @staticmethod
    def required_components() -> List[type]:
        return []

    @staticmethod
    def required_packages() -> List[Text]:
        return ["text_to_num", "dateutil"]

    def __init__(self, config: Dict[Text, Any], today: Optional[Callable[[], date]] = None) -> None:
        self.component_config = {**self.get_default_config(), **(config or {})}
        self._today = today or reference_date.today
        wanted = self.component_config.get("entities")
        self._entities = set(wanted) if wanted else set(ALL_ENTITIES)
        self._min_confidence = float(self.component_config.get("min_confidence") or 0.0)

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "FrenchFactsExtractor":
        return cls(config)

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        """Nothing to learn, and the annotated training examples stay as they are."""
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        today = self._today()
        for message in messages:
            text = message.get(TEXT)
            if not isinstance(text, str) or not text:
                continue
            extracted = [self._to_entity(fact) for fact in extract_facts(text, today)
                         if fact.entity in self._entities and fact.confidence >= self._min_confidence]
            if extracted:
                message.set(ENTITIES, message.get(ENTITIES, []) + extracted, add_to_output=True)
        return messages

    @staticmethod
    def _to_entity(fact: Fact) -> Dict[Text, Any]:
        entity = {
            ENTITY_ATTRIBUTE_TYPE: fact.entity,
            ENTITY_ATTRIBUTE_VALUE: fact.value,
            ENTITY_ATTRIBUTE_START: fact.start,
            ENTITY_ATTRIBUTE_END: fact.end,
            ENTITY_ATTRIBUTE_CONFIDENCE_TYPE: fact.confidence,
            EXTRACTOR: FrenchFactsExtractor.__name__,
        }
        if fact.role:
            entity[ENTITY_ATTRIBUTE_ROLE] = fact.role
            entity[ENTITY_ATTRIBUTE_CONFIDENCE_ROLE] = fact.confidence
        return entity
