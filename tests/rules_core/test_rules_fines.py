"""R4 — the class of a contravention from the amount of its fixed fine (the parameters' amounts)."""
from __future__ import annotations

from datetime import date

import pytest

from rules_core import class_of_fine

DAY = date(2026, 11, 23)


@pytest.mark.parametrize("amount, klass", [
    (35, "c2"), (68, "c3"), (135, "c4"), (135.0, "c4"), (90, "c4"), (375, "c4"), (200, "c5"),
    (22, "c2"), (45, "c3"),  # the minorée, paid within 15 days (CPP 529-8, R.49-9)
])
def test_the_fixed_fine_of_each_class_gives_the_class(amount, klass):
    assert class_of_fine(amount_eur=amount, today=DAY) == klass


@pytest.mark.parametrize("amount", [0, 50, 134, 1500])
def test_another_amount_gives_no_class(amount):
    assert class_of_fine(amount_eur=amount, today=DAY) is None


@pytest.mark.parametrize("offence, fine, reduced", [("phone", 135, 90), ("no_indicator", 35, 22), ("gloves", 68, 45)])
def test_the_fine_line_gives_the_minoree_of_the_class(offence, fine, reduced):
    from rules_core import offence_points
    from rules_core.wording_fr import render
    decision = offence_points(offence=offence, commission=DAY, today=DAY)
    assert f"Amende forfaitaire : {fine} € ; {reduced} € (amende minorée) si vous la payez dans les 15 jours" \
        in render(decision)


def test_a_fifth_class_or_a_delit_fine_has_no_minoree():
    from rules_core import offence_points
    from rules_core.wording_fr import render
    text = render(offence_points(offence="speeding", commission=DAY, today=DAY, speed_limit_kmh=80,
                                 recorded_speed_kmh=135))
    assert "Amende forfaitaire délictuelle : 300 € (" in text and "minorée" not in text
