"""Golden cases: one YAML file per rule or family in ``cases/``, worked examples of the spec first.

Each case: ``id``, ``call`` (public function name), ``args`` (keyword arguments; YAML dates are
dates), and ``expect`` with any of ``outcome``, ``results`` (subset), ``key_dates`` (subset),
``reasons`` (codes that must appear), ``no_reasons``, ``missing``, ``certainty``, ``text`` (French
fragments of the rendering), ``no_text`` (fragments that must not appear), or ``error`` (an
InconsistentFacts code).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

import rules_core
from rules_core.model import to_jsonable
from rules_core.wording_fr import render

CASES_DIR = Path(__file__).with_name("cases")


def load_cases():
    cases = []
    for path in sorted(CASES_DIR.glob("*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")):
            cases.append(pytest.param(case, id=f"{path.stem}:{case['id']}"))
    return cases


ALL_CASES = load_cases()


def test_enough_golden_cases():
    assert len(ALL_CASES) >= 150
    ids = [c.id for c in ALL_CASES]
    assert len(ids) == len(set(ids))


def _subset(expected, actual, where):
    for key, value in expected.items():
        assert key in actual, f"{where}: missing {key}"
        assert actual[key] == to_jsonable(value), f"{where}.{key}: expected {value!r}, got {actual[key]!r}"


@pytest.mark.parametrize("case", ALL_CASES)
def test_golden(case):
    function = getattr(rules_core, case["call"])
    expect = case["expect"]
    if "error" in expect:
        with pytest.raises(rules_core.InconsistentFacts) as info:
            function(**case["args"])
        assert info.value.code == expect["error"]
        assert info.value.message_fr
        return
    decision = function(**case["args"])
    result = decision.to_dict()
    if "outcome" in expect:
        assert decision.outcome == expect["outcome"]
    _subset(expect.get("results", {}), result["results"], "results")
    _subset(expect.get("key_dates", {}), result["key_dates"], "key_dates")
    codes = decision.reason_codes()
    for code in expect.get("reasons", []):
        assert code in codes, f"reason {code} not in {codes}"
    for code in expect.get("no_reasons", []):
        assert code not in codes
    if "missing" in expect:
        assert list(decision.missing) == expect["missing"]
    if "certainty" in expect:
        assert decision.certainty == expect["certainty"]
    text = render(decision)
    for fragment in expect.get("text", []):
        assert fragment in text, f"{fragment!r} not in {text!r}"
    for fragment in expect.get("no_text", []):
        assert fragment not in text, f"{fragment!r} in {text!r}"
