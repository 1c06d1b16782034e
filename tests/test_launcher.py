"""The launcher trains only when a training input changed."""
from __future__ import annotations

import shutil

import pytest

from bot import services


@pytest.fixture
def project_copy(tmp_path, monkeypatch):
    for name in services.TRAINING_INPUTS:
        source = services.PROJECT_ROOT / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, tmp_path / name)
    monkeypatch.setattr(services, "PROJECT_ROOT", tmp_path)
    return tmp_path


def test_fingerprint_is_stable(project_copy):
    assert services.training_fingerprint() == services.training_fingerprint()


@pytest.mark.parametrize("changed", ["data/nlu/general.yml", "config.yml", "domain.yml", "requirements.lock"])
def test_fingerprint_changes_with_each_training_input(project_copy, changed):
    before = services.training_fingerprint()
    with open(project_copy / changed, "a", encoding="utf-8") as file:
        file.write("\n# changed\n")
    assert services.training_fingerprint() != before


def test_up_to_date_model_is_not_retrained(project_copy, monkeypatch, tmp_path):
    models = tmp_path / "models"
    models.mkdir()
    monkeypatch.setattr(services, "MODELS_DIR", models)
    existing = models / f"model-{services.training_fingerprint()}.tar.gz"
    existing.write_bytes(b"model")
    calls = []
    monkeypatch.setattr(services.subprocess, "run", lambda *a, **k: calls.append(a))
    assert services.train() == existing
    assert calls == []
    (project_copy / "data" / "nlu" / "general.yml").write_text("version: '3.1'\n", encoding="utf-8")
    services.train()
    assert len(calls) == 1 and "train" in calls[0][0]
