"""Leftovers of the helpers (h27), the parser's side (today pinned to Tuesday 2026-12-01)."""
from __future__ import annotations

from datetime import date

import pytest

from bot.nlu.fact_parsing import extract_facts

TODAY = date(2026, 12, 1)


def facts(text: str, entity: str):
    return [(f.value, f.role) for f in extract_facts(text, TODAY) if f.entity == entity]


# --- a licence that opens the message, dated by its year alone ("permis en 2023"), as "permis depuis 2023"
@pytest.mark.parametrize("text,year", [
    ("permis en 2023, combien de points j'ai ?", "2023"),
    ("permis 2019, retrait 3 points feu rouge, il me reste combien ?", "2019"),
    ("bonjour, permis en 2021 et un excès de 25 km/h", "2021"),
    ("mon permis en 2020, j'ai perdu 2 points", "2020"),
])
def test_a_licence_told_by_its_year_opening_the_message(text, year):
    assert (year, "licence") in facts(text, "date")
