"""Rasa 3.6 intent classifier: logistic regression on the tf-idf of the pipeline's n-gram counts.

In config.yml, after the count-vector featurizers:

    - name: bot.nlu.linear_intent_classifier.LinearIntentClassifier
      C: 30

On a few thousand short examples, a linear model on word and character n-grams generalises
better than DIET (5-fold cross-validation: `make nlu-eval`; the numbers are in config.yml). The
component reads the sparse sentence features of the featurizers before it (word and character
n-gram counts), weights them by tf-idf and fits a multinomial logistic regression, whose
probabilities are the intent confidences that the FallbackClassifier then judges.

Placed after another intent classifier (DIET), it can blend the two rankings:
`weight_of_previous_ranking` (default 0: this model alone decides) of the earlier classifier's
confidence plus the rest of this model's probability.
"""
from __future__ import annotations

import logging
import warnings
from typing import Any, Dict, List, Optional, Text, Type

import numpy as np
import scipy.sparse

import rasa.shared.utils.io
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers import LABEL_RANKING_LENGTH
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.nlu.featurizers.sparse_featurizer.sparse_featurizer import SparseFeaturizer
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, PREDICTED_CONFIDENCE_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

logger = logging.getLogger(__name__)

INTENT_RANKING = "intent_ranking"
MODEL_FILE = "linear_intent_model.skops"
INTENTS_FILE = "intents.json"
# Beyond scikit-learn's own types, the only type the saved model may hold (the tf-idf weights).
TRUSTED_TYPES = ["scipy.sparse._csr.csr_matrix"]


def _sentence_features(message: Message) -> Optional[scipy.sparse.csr_matrix]:
    """The message's sparse sentence features (all featurizers concatenated), or None."""
    _, sentence = message.get_sparse_features(TEXT)
    if sentence is None:
        return None
    return scipy.sparse.csr_matrix(sentence.features)


def blend_rankings(
    own: Dict[str, float], previous: Dict[str, float], weight_of_previous: float
) -> List[Dict[str, Any]]:
    """Intents sorted by `weight_of_previous * previous + (1 - weight_of_previous) * own`.

    An intent missing from the earlier ranking (it keeps only the best few) counts 0 there."""
    intents = set(own) | set(previous)
    scores = {
        intent: weight_of_previous * previous.get(intent, 0.0)
        + (1.0 - weight_of_previous) * own.get(intent, 0.0)
        for intent in intents
    }
    ordered = sorted(scores.items(), key=lambda item: (-item[1], item[0]))
    return [{INTENT_NAME_KEY: name, PREDICTED_CONFIDENCE_KEY: float(score)} for name, score in ordered]


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class LinearIntentClassifier(GraphComponent, IntentClassifier):
    """Tf-idf weighted n-gram counts, multinomial logistic regression (scikit-learn)."""

    @classmethod
    def required_components(cls) -> List[Type]:
        return [SparseFeaturizer]

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {
            # inverse regularisation strength of the logistic regression
            "C": 30.0,
            # share of an earlier classifier's confidence in the final ranking (0: ignore it)
            "weight_of_previous_ranking": 0.0,
        }

    @staticmethod
    def required_packages() -> List[Text]:
        return ["sklearn", "skops"]

    def __init__(
        self,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        model: Any = None,
        intents: Optional[List[str]] = None,
    ) -> None:
        self.component_config = config
        self._model_storage = model_storage
        self._resource = resource
        self.model = model
        self.intents = intents or []

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "LinearIntentClassifier":
        return cls(config, model_storage, resource)

    def train(self, training_data: TrainingData) -> Resource:
        from sklearn.feature_extraction.text import TfidfTransformer
        from sklearn.linear_model import LogisticRegression
        from sklearn.pipeline import make_pipeline

        examples = [
            (features, message.get(INTENT))
            for message in training_data.intent_examples
            if (features := _sentence_features(message)) is not None
        ]
        intents = sorted({intent for _, intent in examples})
        if len(intents) < 2:
            rasa.shared.utils.io.raise_warning(
                "LinearIntentClassifier needs at least two intents with examples; not trained."
            )
            return self._resource

        index_of = {intent: index for index, intent in enumerate(intents)}
        features = scipy.sparse.vstack([example for example, _ in examples]).tocsr()
        labels = np.array([index_of[intent] for _, intent in examples])
        model = make_pipeline(
            TfidfTransformer(sublinear_tf=True),
            LogisticRegression(
                C=self.component_config["C"], class_weight="balanced", max_iter=5000
            ),
        )
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # convergence chatter on tiny test pipelines
            model.fit(features, labels)

        self.model, self.intents = model, intents
        self.persist()
        return self._resource

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            features = _sentence_features(message) if self.model is not None else None
            if not any(character.isalnum() for character in message.get(TEXT) or ""):
                features = None  # emoji and punctuation only ("🚗💨📸 ???"): no word says a question (tester T1)
            if features is None:  # untrained, or nothing to read (a message of markup, emoji or punctuation only)
                if not message.get(INTENT):  # keep what an earlier classifier set, else "unsure"
                    message.set(INTENT, {INTENT_NAME_KEY: None, PREDICTED_CONFIDENCE_KEY: 0.0}, add_to_output=True)
                    message.set(INTENT_RANKING, [], add_to_output=True)
                continue
            probabilities = self.model.predict_proba(features)[0]
            own = {
                self.intents[label]: float(probability)
                for label, probability in zip(self.model.classes_, probabilities)
            }
            previous = {
                entry[INTENT_NAME_KEY]: entry[PREDICTED_CONFIDENCE_KEY]
                for entry in message.get(INTENT_RANKING) or []
            }
            weight = self.component_config["weight_of_previous_ranking"] if previous else 0.0
            ranking = blend_rankings(own, previous, weight)[:LABEL_RANKING_LENGTH]
            message.set(INTENT, ranking[0], add_to_output=True)
            message.set(INTENT_RANKING, ranking, add_to_output=True)
        return messages

    def persist(self) -> None:
        import skops.io

        with self._model_storage.write_to(self._resource) as model_dir:
            skops.io.dump(self.model, model_dir / MODEL_FILE)
            rasa.shared.utils.io.dump_obj_as_json_to_file(model_dir / INTENTS_FILE, self.intents)

    @classmethod
    def load(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> "LinearIntentClassifier":
        import skops.io

        try:
            with model_storage.read_from(resource) as model_dir:
                # refuses (UntrustedTypesFoundException) a file holding any other type
                model = skops.io.load(model_dir / MODEL_FILE, trusted=TRUSTED_TYPES)
                intents = rasa.shared.utils.io.read_json_file(model_dir / INTENTS_FILE)
        except ValueError:
            logger.debug("LinearIntentClassifier: nothing was trained (fewer than two intents).")
            return cls(config, model_storage, resource)
        return cls(config, model_storage, resource, model, intents)
