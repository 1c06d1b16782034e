"""Facts the outside testers' replays misread (h38; BOT_TODAY=2026-12-01)."""
from __future__ import annotations

from datetime import date

import pytest

from bot.nlu.fact_parsing import extract_facts

TODAY = date(2026, 12, 1)


def days(text):
    return [f.value for f in extract_facts(text, TODAY) if f.entity == "date"]


# --- "me faire rembourser": faire before another verb is someone else acting, not a plan of the user's; the stage
# told done keeps the last 20 November, not the next one (R16: 21 November 2027 "après la date limite") -------------

@pytest.mark.parametrize("text, expected", [
    ("j'ai reçu une lettre 48N le 10 octobre, j'ai fait le stage le 20 novembre, je peux me faire rembourser "
     "l'amende ?", ["2026-10-10", "2026-11-20"]),
    ("le 20 novembre, je peux me faire rembourser ?", ["2026-11-20"]),
    ("stage fait le 20 novembre, je veux me faire rembourser l'amende", ["2026-11-20"]),
])
def test_a_causative_faire_is_no_plan(text, expected):
    assert days(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("je peux faire le stage le 20 novembre ?", ["2027-11-20"]),
    ("je dois refaire le stage le 20 novembre", ["2027-11-20"]),
])
def test_faire_the_stage_is_still_a_plan(text, expected):
    assert days(text) == expected
