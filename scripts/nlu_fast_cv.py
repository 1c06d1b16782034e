"""Fast experiment harness for the intent classifier: the project's own Rasa featurizers, fitted once per fold.

`make nlu-eval` retrains the whole pipeline (spaCy included) in each of its 5 folds, on random folds: ~25 min
on a loaded machine, and ±0.005 of fold noise. This harness runs the text stages of config.yml once per
message (visible text, question focus, spaCy tokens: cached by text in CACHE), then, per fold of a fixed
StratifiedKFold (shuffle, seed), fits RegexFeaturizer and the two CountVectorsFeaturizers of config.yml on
the fold's training messages, exactly as Rasa does, and keeps each featurizer's sentence features apart
(word, char, regex). Classifier variants then run on those matrices in seconds.

    .venv/bin/python scripts/nlu_fast_cv.py featurize [--seeds 0 1 2]
    .venv/bin/python scripts/nlu_fast_cv.py eval [--seeds 0 1 2]   # config.yml's classifier, and the one before

As a library: `fold_features(seed)` yields (train_blocks, y_train, test_blocks, y_test, test_texts).
"""
from __future__ import annotations

import argparse
import copy
import hashlib
import logging
import os
import pickle
import sys
import warnings
from pathlib import Path
from typing import Dict, List, Tuple

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
warnings.filterwarnings("ignore")
logging.disable(logging.WARNING)

import numpy as np  # noqa: E402
import scipy.sparse  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CACHE = Path(os.environ.get("NLU_FAST_CV_CACHE", "/tmp/nlu_fast_cv_cache"))

WORD = {"max_ngram": 2, "use_lemma": False}
CHAR = {"analyzer": "char_wb", "min_ngram": 2, "max_ngram": 5, "use_lemma": False}
CHARX = {"analyzer": "char", "min_ngram": 3, "max_ngram": 6, "use_lemma": False}
BLOCKS = ("regex", "word", "char", "charx")


def _context():
    from rasa.engine.graph import ExecutionContext, GraphSchema
    from rasa.engine.storage.local_model_storage import LocalModelStorage
    from rasa.engine.storage.resource import Resource
    import tempfile

    storage = LocalModelStorage(Path(tempfile.mkdtemp(prefix="nlu_fast_cv_")))
    ctx = ExecutionContext(GraphSchema({}), "fast_cv")
    return storage, Resource, ctx


def load(path: Path = ROOT / "data" / "nlu"):
    from rasa.shared.nlu.training_data.loading import load_data

    data = load_data(str(path))
    return data


def tokenized(messages, storage=None):
    """Runs visible text, question focus, spaCy, tokenizer on each message (in place), cached by text."""
    from bot.nlu.question_focus import QuestionFocus
    from bot.nlu.visible_text import VisibleTextPreprocessor
    from rasa.nlu.utils.spacy_utils import SpacyNLP
    from rasa.nlu.tokenizers.spacy_tokenizer import SpacyTokenizer
    from rasa.shared.nlu.constants import TEXT

    CACHE.mkdir(parents=True, exist_ok=True)
    cache_file = CACHE / "tokens.pkl"
    cache = pickle.loads(cache_file.read_bytes()) if cache_file.exists() else {}

    def original_text(m):
        # (a message already tokenized holds its focused text: keyed by the text as written, so that a second call,
        # for another seed, does not focus the focused text again; helper n12 saw long messages' questions doubled)
        return m.get("fast_cv_original_text") or m.get(TEXT)

    todo = [m for m in messages if original_text(m) not in cache]
    if todo:
        storage, Resource, ctx = _context()
        vis = VisibleTextPreprocessor.create({}, storage, Resource("v"), ctx)
        qf = QuestionFocus.create({}, storage, Resource("q"), ctx)
        nlp = SpacyNLP.create({**SpacyNLP.get_default_config(), "model": "fr_core_news_sm",
                               "case_sensitive": False}, storage, Resource("s"), ctx)
        tok = SpacyTokenizer.create(SpacyTokenizer.get_default_config(), storage, Resource("t"), ctx)
        model = nlp.provide()
        for m in todo:
            original = original_text(m)
            work = copy.deepcopy(m)
            work.set(TEXT, original)
            vis.process([work])
            qf.process([work])
            nlp.process([work], model)
            tok.process([work])
            tokens = work.get("text_tokens")
            cache[original] = (work.get(TEXT), tokens)
        cache_file.write_bytes(pickle.dumps(cache))
    for m in messages:
        original = original_text(m)
        text, tokens = cache[original]
        m.set("fast_cv_original_text", original)
        m.set(TEXT, text)
        m.set("text_tokens", copy.deepcopy(tokens))
    return messages


def featurizers(extra: Dict[str, dict] | None = None):
    from rasa.nlu.featurizers.sparse_featurizer.count_vectors_featurizer import CountVectorsFeaturizer
    from rasa.nlu.featurizers.sparse_featurizer.regex_featurizer import RegexFeaturizer

    storage, Resource, ctx = _context()
    specs = {"word": WORD, "char": CHAR, "charx": CHARX, **(extra or {})}
    made = {"regex": RegexFeaturizer.create({**RegexFeaturizer.get_default_config(), "case_sensitive": False,
                                            "alias": "regex"},
                                           storage, Resource("regex"), ctx)}
    for name, cfg in specs.items():
        made[name] = CountVectorsFeaturizer.create({**CountVectorsFeaturizer.get_default_config(), **cfg,
                                                    "alias": name},
                                                   storage, Resource(name), ctx)
    return made


def _blocks(message, names_by_origin) -> Dict[str, scipy.sparse.csr_matrix]:
    from rasa.shared.nlu.constants import TEXT

    out = {}
    for f in message.features:
        if f.attribute == TEXT and f.type == "sentence" and f.is_sparse():
            out[names_by_origin[f.origin]] = scipy.sparse.csr_matrix(f.features)
    return out


def featurize_fold(train_msgs, test_msgs, regex_features, extra=None):
    from rasa.shared.nlu.training_data.training_data import TrainingData

    train_msgs = [copy.deepcopy(m) for m in train_msgs]
    test_msgs = [copy.deepcopy(m) for m in test_msgs]
    td = TrainingData(training_examples=train_msgs, regex_features=regex_features)
    made = featurizers(extra)
    names_by_origin = {}
    for name, f in made.items():
        names_by_origin[f._identifier] = name
        f.train(td)
        f.process_training_data(td)
        f.process(test_msgs)

    def stack(msgs):
        per = [_blocks(m, names_by_origin) for m in msgs]
        return {name: scipy.sparse.vstack([p[name] for p in per]).tocsr() for name in made}

    return stack(train_msgs), stack(test_msgs)


def data_key(data) -> str:
    from rasa.shared.nlu.constants import INTENT, TEXT

    h = hashlib.sha1()
    for m in data.intent_examples:
        h.update(f"{m.get(TEXT)}\t{m.get(INTENT)}\n".encode())
    for r in data.regex_features:
        h.update(repr(r).encode())
    return h.hexdigest()[:12]


def fold_features(seed: int, folds: int = 5, data=None, extra=None, tag: str = ""):
    """Per fold: (train blocks, train labels, test blocks, test labels, test texts); cached on disk."""
    from sklearn.model_selection import StratifiedKFold
    from rasa.shared.nlu.constants import INTENT

    data = data or load()
    key = f"{data_key(data)}_{seed}_{folds}_{'_'.join(BLOCKS)}{tag}"
    path = CACHE / f"folds_{key}.pkl"
    if path.exists():
        return pickle.loads(path.read_bytes())
    msgs = tokenized(list(data.intent_examples))
    y = np.array([m.get(INTENT) for m in msgs])
    texts = np.array([m.get("fast_cv_original_text") for m in msgs])
    out = []
    skf = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
    for tr, te in skf.split(np.zeros(len(y)), y):
        Xtr, Xte = featurize_fold([msgs[i] for i in tr], [msgs[i] for i in te], data.regex_features, extra)
        out.append((Xtr, y[tr], Xte, y[te], texts[te]))
    path.write_bytes(pickle.dumps(out))
    return out


def full_features(holdout_paths, data=None, extra=None):
    """Train blocks on all of data/nlu, and the blocks of each held-out set."""
    from rasa.shared.nlu.constants import INTENT

    data = data or load()
    msgs = tokenized(list(data.intent_examples))
    sets = []
    for p in holdout_paths:
        h = load(p)
        hm = tokenized(list(h.intent_examples))
        sets.append((p.name, hm))
    all_test = [m for _, hm in sets for m in hm]
    Xtr, Xte = featurize_fold(msgs, all_test, data.regex_features, extra)
    ytr = np.array([m.get(INTENT) for m in msgs])
    res, start = [], 0
    for name, hm in sets:
        n = len(hm)
        res.append((name, {k: v[start:start + n] for k, v in Xte.items()},
                    np.array([m.get(INTENT) for m in hm]),
                    [m.get("fast_cv_original_text") for m in hm]))
        start += n
    return Xtr, ytr, res


def baseline_model(C=30.0):
    """The classifier before 2026-12-02: one tf-idf over all blocks, logistic regression."""
    from sklearn.feature_extraction.text import TfidfTransformer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    return make_pipeline(TfidfTransformer(sublinear_tf=True),
                         LogisticRegression(C=C, class_weight="balanced", max_iter=5000))


class BlockModel:
    """The classifier of bot/nlu/linear_intent_classifier.py: tf-idf and unit length per block, then a
    calibrated linear SVM (or any classifier with predict_proba)."""

    def __init__(self, widths, classifier):
        self.widths, self.classifier = widths, classifier

    def _transform(self, X, fit):
        from sklearn.feature_extraction.text import TfidfTransformer
        from sklearn.preprocessing import normalize

        if fit:
            self.tfidf, start = [], 0
            for w in self.widths:
                self.tfidf.append(TfidfTransformer(sublinear_tf=True, norm=None).fit(X[:, start:start + w]))
                start += w
        parts, start = [], 0
        for w, t in zip(self.widths, self.tfidf):
            parts.append(normalize(t.transform(X[:, start:start + w])))
            start += w
        return normalize(scipy.sparse.hstack(parts).tocsr())

    def fit(self, X, y):
        self.classifier.fit(self._transform(X, True), y)
        self.classes_ = self.classifier.classes_
        return self

    def predict_proba(self, X):
        return self.classifier.predict_proba(self._transform(X, False))


def current_model(folds, names=BLOCKS, C=3.0):
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.svm import LinearSVC

    widths = [folds[0][0][n].shape[1] for n in names]
    return lambda: BlockModel(widths, CalibratedClassifierCV(
        LinearSVC(C=C, class_weight="balanced", random_state=0), cv=5))


def hstack(blocks, names=BLOCKS):
    return scipy.sparse.hstack([blocks[n] for n in names]).tocsr()


def evaluate(folds, make_model, names=BLOCKS, threshold=0.4):
    """Pooled macro-F1 over the folds (as `rasa test nlu` reports), accuracy, and the share of right/wrong
    readings whose confidence is below the fallback threshold."""
    from sklearn.metrics import f1_score

    truth, pred, conf, texts = [], [], [], []
    for Xtr, ytr, Xte, yte, tte in folds:
        model = make_model()
        if isinstance(model, BlockModel):
            # each fold's featurizers learn their own vocabulary: fold 0's widths would cut this fold's blocks in the
            # wrong columns (found by n8 on the embedding branch; the same flaw was here)
            model.widths = [Xtr[n].shape[1] for n in names]
        model.fit(hstack(Xtr, names), ytr)
        proba = model.predict_proba(hstack(Xte, names))
        best = proba.argmax(1)
        pred.extend(model.classes_[best]); conf.extend(proba[np.arange(len(best)), best])
        truth.extend(yte); texts.extend(tte)
    truth, pred, conf = np.array(truth), np.array(pred), np.array(conf)
    right = truth == pred
    return {
        "macro_f1": f1_score(truth, pred, average="macro"),
        "accuracy": right.mean(),
        "right_below": float((conf[right] < threshold).mean()),
        "wrong_below": float((conf[~right] < threshold).mean()),
        "truth": truth, "pred": pred, "conf": conf, "texts": np.array(texts),
    }


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("cmd", choices=["featurize", "eval"])
    ap.add_argument("--seeds", type=int, nargs="+", default=[0])
    a = ap.parse_args()
    for s in a.seeds:
        folds = fold_features(s)
        if a.cmd == "eval":
            for name, make, names in [("config.yml", current_model(folds), BLOCKS),
                                      ("before (LR C=30, one tf-idf)", baseline_model, ("regex", "word", "char"))]:
                r = evaluate(folds, make, names)
                print(f"seed {s} {name}: macro-F1 {r['macro_f1']:.4f} acc {r['accuracy']:.4f} "
                      f"right<0.4 {r['right_below']:.3f} wrong<0.4 {r['wrong_below']:.3f}", flush=True)


if __name__ == "__main__":
    main()
