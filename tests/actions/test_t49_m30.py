"""Tester T49 (replay of T48 on 1 December 2026), c06: "ceinture pas mise il y a 2 ans, jai perdu 3 pts, je les ai
recup ou pas ?", then "je sais pas" twice to the payment's day: the form asked the same question again each time."""
from __future__ import annotations

import asyncio

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions import answers, forms
from tests.actions.conftest import make_tracker, user_said

pytestmark = pytest.mark.usefixtures("first_of_december")

STORY = "ok. alors ceinture pas mise il y a 2 ans, jai perdu 3 pts, je les ai recup ou pas?"
KNOWN = {"last_offence_points": 3, "offence_type": "seatbelt", "offence_class": "c4", "offence_date": "2024-12-01"}


def payment_asked(refusals: int):
    """The recovery form asking the payment's day, after the story and `refusals` "je sais pas" (the last one the
    message read now)."""
    history = [user_said(STORY, "ask_auto_recovery"), {"event": "active_loop", "name": "auto_recovery_form"},
               *({"event": "slot", "name": k, "value": v} for k, v in KNOWN.items()),
               {"event": "slot", "name": "requested_slot", "value": "fine_payment_date"}]
    for _ in range(refusals - 1):
        history += [user_said("je sais pas", "dont_know"),
                    {"event": "slot", "name": "requested_slot", "value": "fine_payment_date"}]
    return make_tracker(slots=KNOWN, intent="dont_know", text="je sais pas", form="auto_recovery_form",
                        requested_slot="fine_payment_date", history=history)


def validated(tracker, domain):
    """The slots the validation leaves (the last event of each, as Rasa applies them in order) and what it said."""
    dispatcher = CollectingDispatcher()
    events = asyncio.run(forms.ValidateAutoRecoveryForm().run(dispatcher, tracker, domain))
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}, \
        "\n".join(m.get("text") or "" for m in dispatcher.messages)


def test_the_first_i_dont_know_says_where_to_find_the_payment(domain):
    slots, said = validated(payment_asked(1), domain)
    assert slots.get("fine_payment_date") is None and "relevé bancaire" in said


def test_the_second_i_dont_know_counts_from_the_offence_s_day_as_the_earliest(domain):
    slots, said = validated(payment_asked(2), domain)
    assert slots["fine_payment_date"] == "2024-12-01", slots
    # (nothing left to ask: the answer follows; T52 c06 was asked the payment's day a third time)
    assert slots.get("requested_slot") is None, slots
    assert said.startswith("Pas de souci : je compte à partir du jour de l'infraction, le 1er décembre 2024.")
    assert "les plus tôt possibles" in said and "relevé bancaire" not in said
    # the answer then: not yet, the 3 years of a 4th-class offence (R9) run from that day at the earliest
    tracker = make_tracker(slots={**KNOWN, "fine_payment_date": "2024-12-01"}, intent="dont_know", text="je sais pas",
                           history=[user_said(STORY, "ask_auto_recovery")])
    dispatcher = CollectingDispatcher()
    answers.ActionAnswerAutoRecovery().run(dispatcher, tracker, domain)
    answer = "\n".join(m.get("text") or "" for m in dispatcher.messages)
    assert "1er décembre 2027" in answer, answer


def test_without_the_offence_s_day_the_question_stays(domain):
    tracker = payment_asked(2)
    tracker.slots["offence_date"] = None
    slots, said = validated(tracker, domain)
    assert slots.get("fine_payment_date") is None and "relevé bancaire" in said
