"""Facts misread in last stop's leftovers (h51; BOT_TODAY=2026-12-01)."""
from __future__ import annotations

from datetime import date

import pytest

from bot.nlu.fact_parsing import extract_facts

TODAY = date(2026, 12, 1)


def days(text):
    return [(f.value, f.role) for f in extract_facts(text, TODAY) if f.entity == "date"]


# --- a stage found or seen on offer, or asked about with "c'est bon ?", is one to take: its bare day is the next one
# (R13), not the last one (it was read as a stage done, the last 5 November) ---------------------------------------

@pytest.mark.parametrize("text", [
    "j'ai trouvé un stage le 5 et 6, ça passe ?",
    "j'ai vu un stage le 5, c'est bon ?",
    "un stage le 5 et 6, c'est ok ?",
])
def test_a_stage_found_or_asked_about_is_ahead(text):
    assert days(text) == [("2026-12-05", "stage")]


@pytest.mark.parametrize("text, expected", [
    ("c'est bon j'ai payé le 5", [("2026-11-05", "payment")]),
    ("j'ai fait un stage le 5, c'est bon ?", [("2026-11-05", "stage")]),
])
def test_a_past_verb_nearer_the_day_keeps_it_behind(text, expected):
    assert days(text) == expected
