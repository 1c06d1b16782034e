"""Tester T10's replay (t10-c02, c05, c06, c13, c16, c17): the behaviours fixed, each with wordings of our own."""
from __future__ import annotations

import pytest

from actions import answers
from tests.actions.test_related_questions import _after

SLOTS_10_YEARS = {"fine_payment_date": "2017-03-08", "last_offence_points": 3, "offence_class": "c4",
                  "offence_type": "stop_sign"}


# --- c13: the same question asked again keeps the key date of the answer


@pytest.mark.parametrize("first, again", [
    ("la regle des 10 ans c'est quoi ? j'ai perdu 3 points pour un stop payé le 8 mars 2017 et depuis je me fais "
     "flasher tout le temps", "ok mais du coup les points du stop je les recupere quand avec les 10 ans ?"),
    ("et la règle des 10 ans ? 3 points perdus pour un stop, amende payée le 8 mars 2017, et plein d'autres excès depuis",
     "non mais concrètement c'est quand que je retrouve les 3 points du stop ?"),
])
def test_the_answer_repeated_keeps_its_key_date(domain, first_of_december, first, again):
    reply = _after(domain, answers.ActionAnswerAutoRecovery(), first, "ask_auto_recovery", SLOTS_10_YEARS, again,
                   "ask_auto_recovery", answers.ActionAnswerAutoRecovery())
    assert "8 mars 2027" in reply, reply
