"""A tiny NLU model trained with `rasa train nlu`, to run our components inside a real Rasa pipeline."""
from __future__ import annotations

import textwrap
from typing import Callable, List, Union

import pytest
import yaml


@pytest.fixture
def tiny_nlu_agent(tmp_path, monkeypatch) -> Callable:
    """`tiny_nlu_agent(["WhitespaceTokenizer", {"name": ..., option: value}, ...], {"intent": ["example", ...]})`
    -> a loaded Agent (trained, persisted and loaded back as `rasa train nlu` and `rasa run` do)."""
    from rasa.core.agent import Agent
    from rasa.model_training import train_nlu

    monkeypatch.setenv("RASA_TELEMETRY_ENABLED", "false")
    monkeypatch.setenv("RASA_CACHE_DIRECTORY", str(tmp_path / "cache"))

    def train(pipeline: List[Union[str, dict]], examples: dict):
        config = tmp_path / "config.yml"
        components = [step if isinstance(step, dict) else {"name": step} for step in pipeline]
        config.write_text(yaml.safe_dump({"recipe": "default.v1", "assistant_id": "tiny-nlu-test",
                                          "language": "fr", "pipeline": components, "policies": []}),
                          encoding="utf-8")
        nlu = tmp_path / "nlu.yml"
        nlu.write_text('version: "3.1"\nnlu:\n' + "".join(
            f"- intent: {intent}\n  examples: |\n" + textwrap.indent("".join(f"- {t}\n" for t in texts), "    ")
            for intent, texts in examples.items()), encoding="utf-8")
        model = train_nlu(str(config), str(nlu), str(tmp_path / "models"))
        assert model
        return Agent.load(model)

    return train
