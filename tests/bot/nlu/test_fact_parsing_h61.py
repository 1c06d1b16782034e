"""Facts misread in T26 (h61; BOT_TODAY=2026-12-01)."""
from __future__ import annotations

from datetime import date

import pytest

from bot.nlu.fact_parsing import extract_facts

TODAY = date(2026, 12, 1)


@pytest.mark.parametrize("text, day", [
    # T26 c07: the day was read as the payment's only (the verb after it), the offence left without a day
    ("elle a eu un excès de vitesse de 25 km/h début janvier (payé tout de suite) et elle voudrait savoir", "2026-01"),
    ("un feu rouge le 3 novembre, payé direct, je récupère quand ?", "2026-11-03"),
    ("flashé en octobre - payé immédiatement", "2026-10"),
])
def test_the_day_said_before_paid_at_once_is_the_offences_and_the_payments(text, day):
    dated = [(f.value, f.role) for f in extract_facts(text, TODAY) if f.entity == "date"]
    assert (day, "offence") in dated and (day, "payment") in dated


def test_a_payment_day_said_after_the_verb_stays_the_payments_only():
    dated = [(f.value, f.role) for f in extract_facts("feu rouge, payé le 10 mars tout de suite", TODAY)
             if f.entity == "date"]
    assert dated == [("2026-03-10", "payment")]
