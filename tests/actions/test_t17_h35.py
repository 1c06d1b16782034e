"""Tester T17 (BOT_TODAY=2026-12-01): figures and dates the user gives or corrects, fixed by helper h35."""
from __future__ import annotations

import asyncio

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions import corrections, forms
from tests.actions.conftest import make_tracker, parsed, user_said

pytestmark = pytest.mark.usefixtures("first_of_december")
TODAY = "2026-12-01"


def _slots_set(events) -> dict:
    return {e.get("name"): e.get("value") for e in events if isinstance(e, dict) and e.get("event") == "slot"}


def _texts(dispatcher) -> str:
    return "\n".join(m.get("text") or "" for m in dispatcher.messages)


# -- c30: a day said alone corrects the refused date within its month ----------------------------------------------

@pytest.mark.parametrize("opening, text, expected", [
    ("j'ai payé mon amende pour exces de vitesse (+25 km/h) le 31 septembre 2026, quand je recupere mes 2 points ?",
     "le 30 alors", "2026-09-30"),
    ("amende réglée le 31/06/2026, 3 points, je les récupère quand ?", "pardon le 30", "2026-06-30"),
    ("payé le 30 février 2025, je récupère mon point quand ?", "ah non le 28", "2025-02-28"),
])
def test_a_bare_day_correcting_a_refused_date_keeps_its_month_and_year(domain, opening, text, expected):
    # T17 c30: "le 30 alors" after "Le 31/09/2026 n'existe pas" was read as 30 novembre 2026 (the last 30th), and the
    # recovery counted from it; it is 30 septembre 2026 (R9: 3 years from that payment)
    history = [user_said(opening, "ask_auto_recovery"),
               {"event": "bot", "text": "Le 31/09/2026 n'existe pas : vérifiez le jour et le mois."},
               {"event": "action", "name": "action_listen"}]
    entities = parsed(text, TODAY)
    tracker = make_tracker(slots={"last_offence_points": 2}, form="auto_recovery_form",
                           requested_slot="fine_payment_date", intent="inform", text=text, entities=entities,
                           new_slots={"fine_payment_date": entities[0]["value"]}, history=history)
    events = asyncio.run(forms.ValidateAutoRecoveryForm().run(CollectingDispatcher(), tracker, domain))
    assert _slots_set(events).get("fine_payment_date") == expected, events


def test_a_bare_day_correcting_a_refused_date_after_an_answer_keeps_its_month(domain):
    told = "j'ai perdu 1 point pour un excès de 8 km/h, payé le 31/09/2026"
    text = "le 30 plutôt"
    history = [{"event": "slot", "name": "licence_date", "value": "2015-06-01"},
               user_said(told, "inform"),
               {"event": "bot", "text": "Le 31/09/2026 n'existe pas : vérifiez le jour et le mois."},
               {"event": "action", "name": "action_listen"}]
    tracker = make_tracker(slots={"licence_date": "2015-06-01", "last_offence_points": 1,
                                  "last_question": "action_answer_auto_recovery"},
                           intent="inform", text=text, entities=parsed(text, TODAY), history=history)
    events = asyncio.run(corrections.ActionApplyCorrection().run(CollectingDispatcher(), tracker, domain))
    assert _slots_set(events).get("fine_payment_date") == "2026-09-30", events


def test_a_full_date_correcting_a_refused_one_is_kept_as_said(domain):
    text = "pardon le 28 août 2026"
    history = [user_said("payé le 31/09/2026, 3 points, je récupère quand ?", "ask_auto_recovery"),
               {"event": "action", "name": "action_listen"}]
    tracker = make_tracker(intent="inform", text=text, entities=parsed(text, TODAY), history=history)
    assert forms.date_correcting_impossible_one(tracker) == ("fine_payment_date", "2026-08-28")
