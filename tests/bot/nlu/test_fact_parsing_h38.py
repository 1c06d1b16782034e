"""Facts the outside testers' replays misread (h38; BOT_TODAY=2026-12-01)."""
from __future__ import annotations

from datetime import date

import pytest

from bot.nlu.fact_parsing import extract_facts, says_retained_speed

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


# --- a speed said kept in brackets ("flashé à 87 (retenu)") is the speed kept: the margin is already deducted (R4 edge
# case; arrêté du 4 juin 2009), the excess counts from it; a "(retenu)" after the limit says nothing of it ------------

def speeds(text):
    return {f.entity: f.value for f in extract_facts(text, TODAY) if f.entity.startswith("speed")}


@pytest.mark.parametrize("text", [
    "flashé à 87 (retenu) sur une route à 80",
    "flashé à 87 km/h (retenue) sur une route à 80",
    "pris à 87 ( retenue ) pour 80",
])
def test_a_speed_kept_in_brackets_is_the_excess_over_the_limit(text):
    assert speeds(text) == {"speed_excess": 7, "speed_limit": 80}
    assert says_retained_speed(text)


@pytest.mark.parametrize("text", ["flashé à 57 en ville à 50 (retenu)", "flashé à 87 sur une route à 80 (retenue)"])
def test_brackets_after_the_limit_do_not_make_the_limit_a_speed(text):
    assert not says_retained_speed(text)
    assert speeds(text).get("speed_measured") != speeds(text).get("speed_limit")
