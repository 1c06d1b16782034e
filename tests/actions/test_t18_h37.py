"""Outside testers' replays (1 December 2026), items of branch h37: a balance told as the one before the offences,
a balance confirmed with its condition, a "no offence" said with a question, facts not asked for nothing."""
from __future__ import annotations

import pytest

from actions import answers, forms
from tests.actions.conftest import make_tracker, parsed
from tests.actions.test_forms import run as run_form
from tests.actions.test_probation_facts import mapped_slots

pytestmark = pytest.mark.usefixtures("first_of_december")
TODAY = "2026-12-01"


# --- item 3: "sans infraction, je peux faire un stage ?" says there was no offence (R5, R7) ------------------------

@pytest.mark.parametrize("first", [
    "permis depuis juin 2024 sans infraction, je peux faire un stage ?",
    "permis en juin 2024, jamais eu d'amende, je peux faire un stage ?",
    "permis depuis juin 2024, aucune infraction, si je fais un stage j'aurai combien ?",
])
def test_no_offence_said_with_a_question_is_not_asked_again(domain, first):
    known = mapped_slots(domain, first, "ask_stage_eligibility", TODAY)
    assert known.get("probation_offence") is False
    text = "et je suis encore en probatoire ?"
    tracker = make_tracker(slots=known, intent="ask_probation", text=text, entities=parsed(text, TODAY),
                           form="probation_form",
                           history=[{"event": "user", "text": first, "parse_data": {
                               "intent": {"name": "ask_stage_eligibility"}, "entities": parsed(first, TODAY)}}])
    asked = []
    for answer in (None, False, False):  # the AAC, then the training: never whether there was an offence
        filled, messages = run_form(forms.ValidateProbationForm(), tracker, domain)
        asked.append(filled.get("requested_slot"))
        if not filled.get("requested_slot"):
            break
        tracker.slots.update(filled)
        tracker.slots[filled["requested_slot"]] = answer if answer is not None else False
    assert "probation_offence" not in asked
