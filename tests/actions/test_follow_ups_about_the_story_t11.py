"""T11 follow-ups of an answer about the driver's own story: an offence to come that costs no point (c07), an
earlier offence told after the answer (c10), the commission date of a later offence (c39)."""
from __future__ import annotations

import pytest

from actions.follow_ups import answer_in_context
from tests.actions.conftest import make_tracker, parsed, user_said

TODAY = "2026-12-01"


def _slot(name, value):
    return {"event": "slot", "name": name, "value": value}


def _after_recovery_answer(story, slots):
    return [user_said(story, "ask_auto_recovery"), *[_slot(k, v) for k, v in slots.items()],
            {"event": "action", "name": "action_answer_auto_recovery"},
            _slot("last_question", "action_answer_auto_recovery")]


ONE_POINT = {"last_offence_points": 1, "fine_payment_date": "2026-08-31", "offence_type": "speeding",
             "speed_excess": 8, "speed_limit": 130}
ONE_POINT_STORY = ("jai perdu 1 point pour un exces de vitesse de 8 km/h sur autoroute, amende payée le 31 aout 2026. "
                   "je le recupere quand ?")


@pytest.mark.parametrize("text", [
    "et si je prends un flash de 3 km/h en janvier ca bloque ?",
    "un exces de 3 km/h en janvier 2027, est ce que ca m'empeche de recuperer mon point ?",
    "et si je me fais flasher pour 4 km/h en février, je perds mon point ?",
    "un petit excès de 2 km/h le mois prochain, ça bloque mon point ?",
])
def test_an_offence_to_come_that_costs_no_point_blocks_nothing(first_of_december, text):
    tracker = make_tracker(slots=ONE_POINT, history=_after_recovery_answer(ONE_POINT_STORY, ONE_POINT), text=text,
                           entities=parsed(text, TODAY), intent="ask_auto_recovery")
    reply = answer_in_context(tracker)
    assert reply, text
    assert "aucun point ne vous serait retiré" in reply and "repartirait" not in reply, reply
    assert "reviendrait quand même le 28 février 2027" in reply, reply
