"""The year of probation a driver says they are in (R5, R12 example 3): "2e année de probatoire"."""
from __future__ import annotations

from datetime import date

import pytest

from bot.nlu.fact_parsing import extract_facts

TODAY = date(2026, 12, 1)


def values(text: str, entity: str):
    return [f.value for f in extract_facts(text, TODAY) if f.entity == entity]


def dates(text: str):
    return [(f.value, f.role) for f in extract_facts(text, TODAY) if f.entity == "date"]


@pytest.mark.parametrize("text,year", [
    ("2e année de probatoire, il me reste 5 points, stage les 21 et 22 septembre 2026, combien j'ai ?", 2),
    ("je suis en 2e année de probatoire", 2),
    ("2ème année de permis probatoire, 5 points", 2),
    ("je suis en deuxième année de permis, il me reste 5 points", 2),
    ("excès de 15 km/h sur une route à 80 pendant ma 2e année de probatoire", 2),
    ("ma première année de permis s'est bien passée", 1),
    ("en 1re année de jeune conducteur j'ai perdu 2 points", 1),
    ("jeune conducteur en 3e année, il me reste 7 points", 3),
    ("je suis en troisième année de période probatoire", 3),
    ("en seconde année en probatoire", 2),
])
def test_the_year_of_probation_is_read(text, year):
    assert values(text, "probation_year") == [year]


@pytest.mark.parametrize("text", [
    "je suis en 2e année de fac et j'ai mon permis depuis mars",
    "la 2e année de mon contrat",
    "il y a deux ans j'ai eu mon permis",
])
def test_a_year_of_something_else_is_not_a_year_of_probation(text):
    assert values(text, "probation_year") == []


def test_a_year_and_a_half_of_licence_stays_a_licence_date():
    # "ça fait un an et demi que j'ai le permis": 18 months before 1 December 2026
    assert dates("ça fait un an et demi que j'ai le permis") == [("2025-06-01", "licence")]
