"""Dates the outside tester T10 saw misread (BOT_TODAY=2026-12-01, a Tuesday), each with 2–3 wordings of its family."""
from __future__ import annotations

from datetime import date

import pytest

from bot.nlu.fact_parsing import extract_facts

TODAY = date(2026, 12, 1)


def of(text, entity="date"):
    return [(f.value, f.role) for f in extract_facts(text, TODAY) if f.entity == entity]


# --- a bare day right before a dated one is of that month (or the month before for a later day) ----------------

@pytest.mark.parametrize("text, dates", [
    ("flashé le 15, payé le 20 octobre", [("2026-10-15", "offence"), ("2026-10-20", "payment")]),
    ("infraction le 15, amende payée le 20 octobre", [("2026-10-15", "offence"), ("2026-10-20", "payment")]),
    ("feu rouge le 25, j'ai payé le 2 novembre", [("2026-10-25", "offence"), ("2026-11-02", "payment")]),
    ("contrôlée le 12 et j'ai réglé l'amende le 3 novembre", [("2026-10-12", "offence"), ("2026-11-03", "payment")]),
])
def test_a_bare_day_before_a_dated_one_takes_its_month(text, dates):
    assert of(text) == dates


def test_a_bare_day_in_another_sentence_keeps_the_last_such_day():
    assert of("flashé le 15. Stage fait le 20 octobre")[0] == ("2026-11-15", "offence")


# --- a weekday: the next one for a plan, the last one for what happened -----------------------------------------

@pytest.mark.parametrize("text, day", [
    ("je fais le stage lundi", "2026-12-07"),
    ("je commence le stage jeudi", "2026-12-03"),
    ("elle débute son stage vendredi", "2026-12-04"),
    ("je passe le stage mardi prochain", "2026-12-08"),
])
def test_a_weekday_of_a_stage_to_come_is_the_next_one(text, day):
    assert of(text) == [(day, "stage")]


@pytest.mark.parametrize("text, day, role", [
    ("flashé lundi", "2026-11-30", "offence"),
    ("j'ai commencé le stage lundi", "2026-11-30", "stage"),
    ("j'ai payé l'amende mardi dernier", "2026-11-24", "payment"),
])
def test_a_weekday_of_what_happened_is_the_last_one(text, day, role):
    assert of(text) == [(day, role)]
