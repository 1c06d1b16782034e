"""Leftovers of the outside testers T11/T12 (BOT_TODAY=2026-12-01) fixed in the parser by helper h21."""
from __future__ import annotations

from datetime import date

import pytest

from bot.nlu.fact_parsing import extract_facts

TODAY = date(2026, 12, 1)


def roles(text, entity):
    return [(f.value, f.role) for f in extract_facts(text, TODAY) if f.entity == entity]


# --- an impossible date keeps the role a real one would have: the correction said next fills that date -----------

@pytest.mark.parametrize("text, role", [
    ("j'ai payé mon amende le 31/02/2025, 3 points", "payment"),
    ("amende réglée le 31 février 2025", "payment"),
    ("j'ai eu mon permis le 31/02/2025", "licence"),
    ("j'ai reçu la lettre 48N le 30/02/2025", "letter_48n"),
    ("le 31/02/2023", None),
])
def test_an_impossible_date_has_the_role_of_its_cue(text, role):
    [(_, found)] = roles(text, "invalid_date")
    assert found == role
