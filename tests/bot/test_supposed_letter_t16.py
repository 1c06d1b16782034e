"""A letter's arrival supposed on a day without its year ("et si la 48SI lui est présentée le 10 décembre ?") is the
next such day, the letter's (R18 with CE 17/04/2025: the day it would be notified; tester T16 c12); a letter told
received stays the last such day."""
from __future__ import annotations

from datetime import date

import pytest

from bot.nlu.fact_parsing import extract_facts

DAY = date(2026, 12, 1)


def _letter_days(text):
    return [f.value for f in extract_facts(text, DAY) if f.entity == "date" and f.role == "letter_48n"]


@pytest.mark.parametrize("text", [
    "Et si la 48SI lui est présentée le 10 décembre alors que le stage est prévu les 14 et 15 décembre ?",
    "et si je reçois la 48SI le 10 décembre, avec un stage les 14 et 15 décembre ?",
    "Si la lettre 48SI arrive le 10 décembre et que je fais le stage le 14 décembre, ça passe ?",
])
def test_a_letter_supposed_is_the_next_day(text):
    assert _letter_days(text) == ["2026-12-10"]


@pytest.mark.parametrize("text, day", [
    ("j'ai reçu la 48SI le 20 novembre", "2026-11-20"),
    ("la 48N est arrivée le 3 novembre", "2026-11-03"),
    ("la 48SI m'a été présentée le 25 novembre mais je ne suis pas allé la chercher", "2026-11-25"),
])
def test_a_letter_told_received_stays_the_last_day(text, day):
    assert _letter_days(text) == [day]
