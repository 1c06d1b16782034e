"""Facts the outside tester T11 saw misread (BOT_TODAY=2026-12-01), each with 2–3 wordings of its family."""
from __future__ import annotations

from datetime import date

import pytest

from bot.nlu.fact_parsing import extract_facts

TODAY = date(2026, 12, 1)


def of(text, entity):
    return [f.value for f in extract_facts(text, TODAY) if f.entity == entity]


# --- T11 c38: "54 c'est la vitesse retenue" is the speed kept after the margin, not an excess of 54 km/h ----------

@pytest.mark.parametrize("text", [
    "c un radar mobile, 54 c ce qui est ecrit sur l'avis comme vitesse retenue",
    "54 c'est la vitesse retenue",
    "radar mobile, 54 km/h c'est la vitesse retenue sur l'avis",
    "non 54 correspond à la vitesse retenue",
    "la vitesse retenue c'est 54",
    "sur l'avis, 54 c'est ce qu'ils ont retenu",
])
def test_a_speed_said_to_be_the_retained_one_is_a_speed(text):
    assert of(text, "speed_measured") == [54] and of(text, "speed_excess") == [] and of(text, "number") == []


@pytest.mark.parametrize("text", ["j'ai pris 25 km/h de trop, c'est la vitesse retenue ?",
                                  "mon permis est retenu 72 h, c'est 3 jours"])
def test_an_excess_or_a_retention_is_not_a_retained_speed(text):
    assert of(text, "speed_measured") == []


# --- T11 c23: "le 31 février 2026" written in words does not exist: said back, as "31/02/2026" is ----------------

@pytest.mark.parametrize("text, said", [
    ("j'ai payé mon amende le 31 février 2026, 3 points, quand je les recupere", "31/02/2026"),
    ("feu rouge payé le 31 avril 2026", "31/04/2026"),
    ("le 31 juin 2025 j'ai perdu 2 points", "31/06/2025"),
])
def test_an_impossible_day_written_in_words_is_said(text, said):
    assert of(text, "invalid_date") == [said] and of(text, "date") == []


def test_a_29_february_of_a_leap_year_is_a_date():
    assert of("payé le 29 février 2028", "date") == ["2028-02-29"] and of("payé le 29 février 2028", "invalid_date") == []
