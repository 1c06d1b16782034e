"""A compulsory stage ending on the 48N's deadline itself is in time (R15: last day ≤ deadline); the answer says so
instead of "avant la date limite" of that same day (tester T23 c22)."""
from datetime import date

import rules_core
from rules_core.wording_fr import render


def _answer(last_day: date) -> str:
    # R15 example 3: 48N received 31 October 2026 → deadline 28 February 2027
    return render(rules_core.mandatory_stage_48n(received_on=date(2026, 10, 31), today=date(2026, 12, 1),
                                                 stage_first_day=date(2027, 2, 27), stage_last_day=last_day))


def test_a_stage_ending_on_the_deadline_is_said_the_same_day():
    text = _answer(date(2027, 2, 28))
    assert "le jour même de la date limite : c'est encore dans le délai" in text
    assert "avant la date limite du 28 février 2027" not in text


def test_a_stage_ending_before_the_deadline_is_said_before_it():
    text = render(rules_core.mandatory_stage_48n(received_on=date(2026, 10, 31), today=date(2026, 12, 1),
                                                 stage_first_day=date(2027, 2, 20), stage_last_day=date(2027, 2, 21)))
    assert "avant la date limite du 28 février 2027" in text
