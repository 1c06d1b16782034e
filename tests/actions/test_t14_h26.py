"""T14 (outside tester, BOT_TODAY=2026-12-01), items still partly right: c05, c38 (a form asks only what changes the
answer), c16, c27, c32, c04."""
from __future__ import annotations

import pytest

from actions import answers, forms
from tests.actions.conftest import make_tracker
from tests.actions.test_forms import run


@pytest.fixture(autouse=True)
def _first_of_december(first_of_december):
    """The tester's reference date."""


# --- c05, c38: "et si je fais un stage ?", 9 points, licence of 2015: the stage's day was asked, then said to change
# nothing. Out of probation, no stage in the last year, no retrait to come: the day is not asked (R1, R12, R13)

@pytest.mark.parametrize("licence", ["2015", "2019", "2008-04-12"])
def test_the_stage_day_is_not_asked_when_it_changes_nothing(domain, licence):
    tracker = make_tracker(slots={"current_balance": 9}, new_slots={"licence_date": licence},
                           requested_slot="licence_date", form="points_after_stage_form")
    slots, _ = run(forms.ValidatePointsAfterStageForm(), tracker, domain)
    assert slots["requested_slot"] == "previous_stage_date"
    tracker = make_tracker(slots={"current_balance": 9, "licence_date": licence},
                           new_slots={"previous_stage_date": "none"}, requested_slot="previous_stage_date",
                           form="points_after_stage_form")
    slots, _ = run(forms.ValidatePointsAfterStageForm(), tracker, domain)
    assert slots["requested_slot"] is None  # the form is done: the answer comes without the day


@pytest.mark.parametrize("slots, new", [
    # a stage 7 months ago: the day says whether a year has passed (R13)
    ({"current_balance": 9, "licence_date": "2015"}, {"previous_stage_date": "2026-05-04"}),
    # a probationary licence: the ceiling on the day of the stage (R5, R12)
    ({"current_balance": 4, "licence_date": "2025-03-10", "supervised_driving": False},
     {"previous_stage_date": "none"}),
    # a 48N received: the 4 months of the obligation and the refund (R15, R16)
    ({"current_balance": 3, "licence_date": "2015"},
     {"previous_stage_date": "none", "letter_code": "48N", "letter_48n_date": "2026-11-20"}),
])
def test_the_stage_day_is_asked_when_it_changes_the_answer(domain, slots, new):
    tracker = make_tracker(slots=slots, new_slots=new, requested_slot="previous_stage_date",
                           form="points_after_stage_form")
    asked, _ = run(forms.ValidatePointsAfterStageForm(), tracker, domain)
    assert asked["requested_slot"] == "stage_first_day"
