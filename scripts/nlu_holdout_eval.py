"""Intent macro-F1 of the trained model on the held-out sets (tests/nlu_holdout/*.yml), each reported apart.

Each set was written without seeing data/nlu, from the intent descriptions only, each by another writer
(holdout.yml on 2026-11-23, holdout_2026-12.yml on 2026-12-02, holdout_2026-12-03.yml on 2026-12-03).
The score is given on all its messages and on those absent from the training data (exact text, case
aside: "bonjour" is in both). Where the FallbackClassifier would ask to rephrase, the classifier's own best
intent is scored, as `rasa test nlu` does. Errors are listed, for reading, not for copying into data/nlu.

    .venv/bin/python scripts/nlu_holdout_eval.py [MODEL]   (default: train if needed, then the latest)
"""
from __future__ import annotations

import asyncio
import logging
import sys
from pathlib import Path

import structlog
from rasa.core.agent import Agent
from rasa.shared.nlu.training_data.loading import load_data
from sklearn.metrics import classification_report, f1_score

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))

from bot import services  # noqa: E402

HOLDOUT_SETS = sorted((PROJECT_ROOT / "tests" / "nlu_holdout").glob("*.yml"))
FALLBACK_INTENT = "nlu_fallback"


def examples(path: Path) -> list[tuple[str, str]]:
    """(text, intent) of every example in a Rasa NLU file or directory."""
    return [(m.get("text"), m.get("intent")) for m in load_data(str(path)).intent_examples]


async def classifier_intents(agent: Agent, texts: list[str]) -> list[str]:
    predicted = []
    for text in texts:
        parse = await agent.parse_message(text)
        ranking = parse.get("intent_ranking") or [parse["intent"]]
        # (a message with no word to read has no intent but the fallback: counted as such)
        predicted.append(next((i["name"] for i in ranking if i["name"] != FALLBACK_INTENT), FALLBACK_INTENT))
    return predicted


def report(title: str, truth: list[str], predicted: list[str]) -> None:
    correct = sum(t == p for t, p in zip(truth, predicted))
    print(f"{title}: {len(truth)} messages, intent macro-F1 {f1_score(truth, predicted, average='macro'):.4f}, "
          f"accuracy {correct / len(truth):.4f}")


def main() -> None:
    logging.disable(logging.WARNING)
    # Rasa logs every parse through structlog, at debug level: keep the report readable
    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.WARNING))
    model = sys.argv[1] if len(sys.argv) > 1 else str(services.train())
    agent = Agent.load(model)
    trained_on = {text.lower() for text, _ in examples(PROJECT_ROOT / "data" / "nlu")}
    for holdout in HOLDOUT_SETS:
        held_out = examples(holdout)
        texts, truth = [t for t, _ in held_out], [i for _, i in held_out]
        predicted = asyncio.run(classifier_intents(agent, texts))
        report(f"held-out set {holdout.name}", truth, predicted)
        unseen = [k for k, text in enumerate(texts) if text.lower() not in trained_on]
        report("  of which absent from data/nlu", [truth[k] for k in unseen], [predicted[k] for k in unseen])
        per_intent = classification_report(truth, predicted, output_dict=True, zero_division=0)
        weakest = sorted((v["f1-score"], k) for k, v in per_intent.items() if k in set(truth))
        print("weakest intents: " + ", ".join(f"{k} {f:.3f}" for f, k in weakest[:5]))
        for text, t, p in sorted(zip(texts, truth, predicted), key=lambda row: row[1]):
            if t != p:
                print(f"  {t:24s} -> {p:24s} {text}")

if __name__ == "__main__":
    main()
