"""Rasa 3.6 intent classifier: a linear model on the tf-idf of the pipeline's n-gram counts.

In config.yml, after the count-vector featurizers:

    - name: bot.nlu.linear_intent_classifier.LinearIntentClassifier
      classifier: linear_svc
      C: 3

On a few thousand short examples, a linear model on word and character n-grams generalises
better than DIET (5-fold cross-validation: `make nlu-eval`; the numbers are in config.yml). The
component reads the sparse sentence features of each featurizer before it (word n-grams, character
n-grams, regex matches), weights each block by sublinear tf-idf and scales it to unit length, so
that the thousands of character n-grams of a message do not drown its few words and regex matches.
It then fits either a multinomial logistic regression (`classifier: logistic_regression`) or a
linear SVM whose scores are turned into probabilities by sigmoid calibration on 5 internal folds
(`classifier: linear_svc`, scikit-learn's CalibratedClassifierCV). Either way the probabilities are
the intent confidences that the FallbackClassifier then judges.

Placed after another intent classifier (DIET), it can blend the two rankings:
`weight_of_previous_ranking` (default 0: this model alone decides) of the earlier classifier's
confidence plus the rest of this model's probability.
"""
from __future__ import annotations

import logging
import warnings
from typing import Any, Dict, List, Optional, Text, Tuple, Type

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
BLOCKS_FILE = "feature_blocks.json"
# Beyond scikit-learn's own types, the only types the saved model may hold (the tf-idf weights, the
# calibration of the SVM).
TRUSTED_TYPES = [
    "scipy.sparse._csr.csr_matrix",
    "sklearn.calibration._CalibratedClassifier",
    "sklearn.calibration._SigmoidCalibration",
]
LOGISTIC_REGRESSION, LINEAR_SVC = "logistic_regression", "linear_svc"
# folds of the SVM's probability calibration (fewer if an intent has fewer examples)
CALIBRATION_FOLDS = 5


def _sentence_blocks(message: Message) -> Dict[str, scipy.sparse.csr_matrix]:
    """The message's sparse sentence features, one block per featurizer (by its name)."""
    return {
        feature.origin: scipy.sparse.csr_matrix(feature.features)
        for feature in message.features
        if feature.attribute == TEXT and feature.type == "sentence" and feature.is_sparse()
    }


def _sentence_features(
    message: Message, blocks: List[Tuple[str, int]]
) -> Optional[scipy.sparse.csr_matrix]:
    """The message's sentence features in the trained block order (zeros for a missing block), or
    None when the message has none at all."""
    found = _sentence_blocks(message)
    if not found:
        return None
    return scipy.sparse.hstack(
        [found.get(origin, scipy.sparse.csr_matrix((1, width))) for origin, width in blocks]
    ).tocsr()


def _block_tfidf(
    features: scipy.sparse.csr_matrix, blocks: List[Tuple[str, int]], tfidfs: List[Any]
) -> scipy.sparse.csr_matrix:
    """Each block weighted by its tf-idf and scaled to unit length, then the whole row too."""
    from sklearn.preprocessing import normalize

    parts, start = [], 0
    for (_, width), tfidf in zip(blocks, tfidfs):
        parts.append(normalize(tfidf.transform(features[:, start:start + width])))
        start += width
    return normalize(scipy.sparse.hstack(parts).tocsr())


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
    """Tf-idf weighted n-gram counts per featurizer, a calibrated linear SVM or a logistic regression."""

    @classmethod
    def required_components(cls) -> List[Type]:
        return [SparseFeaturizer]

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {
            # "linear_svc" (calibrated probabilities) or "logistic_regression"
            "classifier": LOGISTIC_REGRESSION,
            # inverse regularisation strength of the classifier
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
        blocks: Optional[List[Tuple[str, int]]] = None,
    ) -> None:
        self.component_config = config
        self._model_storage = model_storage
        self._resource = resource
        # {"tfidf": one TfidfTransformer per feature block, "classifier": the fitted classifier}
        self.model = model
        self.intents = intents or []
        self.blocks = [tuple(block) for block in blocks or []]

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "LinearIntentClassifier":
        return cls(config, model_storage, resource)

    def _classifier(self, labels: np.ndarray) -> Any:
        from sklearn.linear_model import LogisticRegression

        C = self.component_config["C"]
        smallest_intent = int(np.bincount(labels).min())
        if self.component_config["classifier"] == LINEAR_SVC and smallest_intent >= 2:
            from sklearn.calibration import CalibratedClassifierCV
            from sklearn.svm import LinearSVC

            return CalibratedClassifierCV(
                LinearSVC(C=C, class_weight="balanced", random_state=0),
                cv=min(CALIBRATION_FOLDS, smallest_intent),
            )
        return LogisticRegression(C=C, class_weight="balanced", max_iter=5000)

    def train(self, training_data: TrainingData) -> Resource:
        from sklearn.feature_extraction.text import TfidfTransformer

        found = [
            (blocks, message.get(INTENT))
            for message in training_data.intent_examples
            if (blocks := _sentence_blocks(message))
        ]
        intents = sorted({intent for _, intent in found})
        if len(intents) < 2:
            rasa.shared.utils.io.raise_warning(
                "LinearIntentClassifier needs at least two intents with examples; not trained."
            )
            return self._resource

        widths: Dict[str, int] = {}
        for blocks, _ in found:
            for origin, matrix in blocks.items():
                widths.setdefault(origin, matrix.shape[1])
        self.blocks = sorted(widths.items())
        index_of = {intent: index for index, intent in enumerate(intents)}
        examples = [
            scipy.sparse.hstack(
                [blocks.get(origin, scipy.sparse.csr_matrix((1, width))) for origin, width in self.blocks]
            )
            for blocks, _ in found
        ]
        features = scipy.sparse.vstack(examples).tocsr()
        labels = np.array([index_of[intent] for _, intent in found])
        tfidfs, start = [], 0
        for _, width in self.blocks:
            tfidfs.append(TfidfTransformer(sublinear_tf=True, norm=None).fit(features[:, start:start + width]))
            start += width
        classifier = self._classifier(labels)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # convergence chatter on tiny test pipelines
            classifier.fit(_block_tfidf(features, self.blocks, tfidfs), labels)

        self.model, self.intents = {"tfidf": tfidfs, "classifier": classifier}, intents
        self.persist()
        return self._resource

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            features = _sentence_features(message, self.blocks) if self.model is not None else None
            if not any(character.isalnum() or character == "@" for character in message.get(TEXT) or ""):
                # emoji and punctuation only ("🚗💨📸 ???"): no word says a question (tester T1); "@" stands for "à"
                # in SMS ("@+": à plus)
                features = None
            if features is None:  # untrained, or nothing to read (a message of markup, emoji or punctuation only)
                if not message.get(INTENT):  # keep what an earlier classifier set, else "unsure"
                    message.set(INTENT, {INTENT_NAME_KEY: None, PREDICTED_CONFIDENCE_KEY: 0.0}, add_to_output=True)
                    message.set(INTENT_RANKING, [], add_to_output=True)
                continue
            classifier = self.model["classifier"]
            probabilities = classifier.predict_proba(
                _block_tfidf(features, self.blocks, self.model["tfidf"])
            )[0]
            own = {
                self.intents[label]: float(probability)
                for label, probability in zip(classifier.classes_, probabilities)
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
            rasa.shared.utils.io.dump_obj_as_json_to_file(model_dir / BLOCKS_FILE, self.blocks)

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
                blocks = rasa.shared.utils.io.read_json_file(model_dir / BLOCKS_FILE)
        except ValueError:
            logger.debug("LinearIntentClassifier: nothing was trained (fewer than two intents).")
            return cls(config, model_storage, resource)
        return cls(config, model_storage, resource, model, intents, blocks)
