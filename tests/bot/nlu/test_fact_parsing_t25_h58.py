"""T25 c27: the full balance said without its number ("il avait tous ses points", "j'étais au max") is 12 (R1), a
balance; asked about ("quand est-ce qu'il a tous ses points ?") or lost ("il a perdu tous ses points"), it is none."""
from __future__ import annotations

from datetime import date

import pytest

from bot.nlu.fact_parsing import extract_facts

DAY = date(2026, 12, 1)


def _points(text):
    return [(f.value, f.role) for f in extract_facts(text, DAY) if f.entity == "points"]


@pytest.mark.parametrize("text", [
    "il avait tous ses points, il a payé le 2 novembre. il lui reste combien ?",
    "il avait le max, il a payé le 2 novembre",
    "j'avais encore tous mes points avant ce feu rouge",
    "j'étais au maximum avant le feu rouge",
    "mon père avait tous ses points",
])
def test_the_full_balance_said_in_words_is_12(text):
    assert _points(text) == [(12, "balance")]


@pytest.mark.parametrize("text", [
    "quand est-ce qu'il a tous ses points ?",
    "je récupère tous mes points quand ?",
    "il a perdu tous ses points",
    "il a récupéré tous ses points ?",
])
def test_the_full_balance_asked_or_lost_is_no_balance(text):
    assert (12, "balance") not in _points(text)
