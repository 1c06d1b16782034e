"""The Rasa project itself: data consistent with the domain, test stories predicted exactly."""
from __future__ import annotations

import re
import subprocess

import yaml

from bot import services


def run_rasa(*arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [services.rasa_executable(), *arguments],
        cwd=services.PROJECT_ROOT, env=services.process_environment(),
        capture_output=True, text=True, timeout=1800,
    )


UNUSED_UTTERANCE = re.compile(r"The utterance '(\w+)' is not used in any story or rule\.")


def form_questions() -> set:
    """utter_ask_<slot> of every form slot: Rasa's validator reports them as unused
    because forms utter them implicitly (a known false positive)."""
    domain = yaml.safe_load((services.PROJECT_ROOT / "domain.yml").read_text(encoding="utf-8"))
    return {f"utter_ask_{slot}" for form in domain["forms"].values() for slot in form["required_slots"]}


def responses_uttered_by_actions() -> set:
    """utter_… responses that custom actions say themselves (`response="utter_greet"`): no story names them."""
    sources = (services.PROJECT_ROOT / "actions").glob("*.py")
    return {name for path in sources
            for name in re.findall(r"response=\"(utter_\w+)\"", path.read_text(encoding="utf-8"))}


def test_training_data_is_valid():
    result = run_rasa("data", "validate", "--domain", "domain.yml", "--data", "data", "--config", "config.yml")
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-4000:]
    warnings = [line.split("UserWarning: ", 1)[1] for line in output.splitlines() if "UserWarning: " in line]
    questions = form_questions() | responses_uttered_by_actions()

    def expected(warning: str) -> bool:
        match = UNUSED_UTTERANCE.fullmatch(warning.strip())
        return match is not None and match.group(1) in questions

    unexpected = [w for w in warnings if not expected(w)]
    assert unexpected == [], "\n".join(unexpected)


def test_stories_are_predicted_without_error(trained_model, tmp_path):
    result = run_rasa("test", "core", "--model", str(trained_model), "--stories", "tests/stories",
                      "--fail-on-prediction-errors", "--out", str(tmp_path / "results"),
                      "--endpoints", "endpoints.yml")
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-4000:]
    report = (tmp_path / "results" / "failed_test_stories.yml")
    assert "None of the test stories failed" in report.read_text(encoding="utf-8")
