"""Facts the outside tester T11 saw misread (BOT_TODAY=2026-12-01), each with 2–3 wordings of its family."""
from __future__ import annotations

from datetime import date

import pytest

from bot.nlu.fact_parsing import extract_facts

TODAY = date(2026, 12, 1)


def of(text, entity):
    return [(f.value, f.role) for f in extract_facts(text, TODAY) if f.entity == entity]


# --- T11 c07: "un flash de 3 km/h" is an excess of 3 km/h (R4: 0 points under 5 km/h since 2024) ---------------

@pytest.mark.parametrize("text, excess", [
    ("et si je prends un flash de 3 km/h en janvier ca bloque ?", 3),
    ("et si je me fais flasher pour 4 km/h en février ?", 4),
    ("flashé de 12 km/h sur une 80", 12),
    ("et si un radar de 2 km/h me prend le mois prochain ?", 2),
])
def test_a_flash_of_a_few_km_h_is_an_excess(text, excess):
    assert of(text, "speed_excess") == [(excess, None)]
    assert of(text, "offence_type") == [("speeding", None)]


def test_a_flash_at_a_speed_is_still_the_speed_measured():
    assert of("flashé à 57 km/h en ville", "speed_measured") == [(57, None)]
