"""T20 (tester's conversations of 1 December 2026), items of branch h42: dates, corrections and offence histories."""
from __future__ import annotations

import pytest

from actions import answers, corrections, forms
from tests.actions.conftest import make_tracker
from tests.actions.test_forms import refused_month, run
from tests.actions.test_what_if import Conversation


@pytest.mark.parametrize("answer, chosen", [
    ("le 23 je crois, ou le 24", "2026-03-24"),
    ("le 23 ou le 24", "2026-03-24"),
    ("23 ou 24", "2026-03-24"),
    ("le 24 ou le 23 peut-être", "2026-03-24"),
])
def test_two_days_answering_the_day_of_a_month_are_of_that_month_and_the_safe_one_is_taken(
        domain, first_of_december, answer, chosen):
    # T20 c18: "le 23 je crois, ou le 24" to "Quel jour de mars 2026 ?" was read as 24 NOVEMBER 2026 (the NLU's last
    # 23rd/24th before today); it is a day of March 2026, and of two days the later one for the last stage (R13: the
    # next stage gives points no sooner), said as such
    slots, history = refused_month("previous_stage_date", "2026-03", "stage_eligibility_form",
                                   forms.ValidateStageEligibilityForm, domain, text="j'ai fait un stage en mars 2026")
    tracker = make_tracker(new_slots={"previous_stage_date": "2026-11-24"}, text=answer,
                           requested_slot="previous_stage_date", form="stage_eligibility_form", history=history,
                           slots=slots)
    slots, messages = run(forms.ValidateStageEligibilityForm(), tracker, domain)
    assert slots["previous_stage_date"] == chosen
    assert any("Entre le 23 et le 24 mars 2026, je compte le 24 mars 2026" in m and "24 mars 2026" in m and "prudente" in m for m in messages), messages


def test_two_days_for_the_letter_take_the_earlier(domain, first_of_december):
    # the 48N's receipt: the earlier day gives the shorter 4 months (R15)
    slots, history = refused_month("letter_48n_date", "2026-09", "mandatory_stage_form",
                                   forms.ValidateMandatoryStageForm, domain, text="reçue en septembre 2026")
    tracker = make_tracker(new_slots={"letter_48n_date": "2026-11-13"}, text="le 12 ou le 13",
                           requested_slot="letter_48n_date", form="mandatory_stage_form", history=history, slots=slots)
    slots, messages = run(forms.ValidateMandatoryStageForm(), tracker, domain)
    assert slots["letter_48n_date"] == "2026-09-12"


def test_a_month_then_its_day_in_a_correction_is_that_day_not_the_month_asked_again(domain, first_of_december):
    # T20 c18: "non le stage c'était en mars 2026 pas en novembre ! le 24 mars 2026" got "Quel jour de mars 2026 ?":
    # the month leads to the day said with it; the last stage is 24 March 2026, the next one from 24 March 2027 (R13)
    chat = Conversation(domain, "le 23 je crois, ou le 24", "inform", answers.ActionAnswerStageEligibility(),
                        {"previous_stage_date": "2026-11-24", "current_balance": 5}, today="2026-12-01")
    reply = chat.say("non le stage c'était en mars 2026 pas en novembre ! le 24 mars 2026", "inform",
                     corrections.ActionApplyCorrection())
    assert "Quel jour" not in reply
    assert "à partir du 24 mars 2027" in reply and chat.slots["previous_stage_date"] == "2026-03-24"
