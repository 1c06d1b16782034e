"""The Rasa project itself: data consistent with the domain, test stories predicted exactly."""
from __future__ import annotations

import subprocess

from bot import services


def run_rasa(*arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [services.rasa_executable(), *arguments],
        cwd=services.PROJECT_ROOT, env=services.process_environment(),
        capture_output=True, text=True, timeout=1800,
    )


def test_training_data_is_valid():
    result = run_rasa("data", "validate", "--fail-on-warnings", "--domain", "domain.yml", "--data", "data",
                      "--config", "config.yml")
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]


def test_stories_are_predicted_without_error(trained_model, tmp_path):
    result = run_rasa("test", "core", "--model", str(trained_model), "--stories", "tests/stories",
                      "--fail-on-prediction-errors", "--out", str(tmp_path / "results"),
                      "--endpoints", "endpoints.yml")
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-4000:]
    report = (tmp_path / "results" / "failed_test_stories.yml")
    assert "None of the test stories failed" in report.read_text(encoding="utf-8")
