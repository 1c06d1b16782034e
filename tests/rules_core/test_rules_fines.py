"""R4 — the class of a contravention from the amount of its fixed fine (the parameters' amounts)."""
from __future__ import annotations

from datetime import date

import pytest

from rules_core import class_of_fine

DAY = date(2026, 11, 23)


@pytest.mark.parametrize("amount, klass", [
    (35, "c2"), (68, "c3"), (135, "c4"), (135.0, "c4"), (90, "c4"), (375, "c4"), (200, "c5"),
])
def test_the_fixed_fine_of_each_class_gives_the_class(amount, klass):
    assert class_of_fine(amount_eur=amount, today=DAY) == klass


@pytest.mark.parametrize("amount", [0, 50, 134, 1500])
def test_another_amount_gives_no_class(amount):
    assert class_of_fine(amount_eur=amount, today=DAY) is None
