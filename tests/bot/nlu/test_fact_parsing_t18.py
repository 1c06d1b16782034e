"""Facts the outside tester T18 saw misread when replaying T17 (BOT_TODAY=2026-12-01)."""
from __future__ import annotations

from datetime import date

import pytest

from bot.nlu.fact_parsing import extract_facts

TODAY = date(2026, 12, 1)


def of(text, entity):
    return [f.value for f in extract_facts(text, TODAY) if f.entity == entity]


@pytest.mark.parametrize("text, year", [
    ("non mais en 1ere annee j'ai 6 points, donc avec le stop grillé il m'en reste combien ?", 1),  # T17 c13
    ("en 2e annee jai 8 pts, un feu rouge ça me laisse combien ?", 2),
    ("en deuxième année il me reste que 5 points", 2),
])
def test_a_year_said_with_the_licences_points_is_the_year_of_probation(text, year):
    # "en 1ère année" alone, with the points of the licence in its clause: the probation's year (R5), which makes the
    # retrait of 3 points or more a 48N (R15), not a 48M
    assert of(text, "probation_year") == [year]


@pytest.mark.parametrize("text", [
    "je suis en 2e année de fac, j'ai 12 points",
    "en 3e année de licence, j'ai perdu 4 points",
    "ma fille est en 1ere annee de BTS",
])
def test_a_year_of_something_else_is_not_the_probations(text):
    assert of(text, "probation_year") == []


@pytest.mark.parametrize("text, when", [
    ("Je ne sais pas quand j'ai payé l'amende de 2022, peut-être au printemps.", "2022-03"),  # T20 c26
    ("en 2022, au printemps", "2022-03"),
    ("l'infraction date de 2023, c'était en hiver je crois", "2023-12"),
])
def test_a_season_said_without_its_year_takes_the_year_told_beside_it(text, when):
    # T20 c26: "au printemps" after "l'amende de 2022" was read as spring 2026, the one guessed from today, and the
    # 2022 stop then took it for its payment
    assert of(text, "date") == [when]
