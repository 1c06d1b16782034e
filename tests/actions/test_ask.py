"""The form's question for a slot is said once per turn (actions/ask.py)."""
from __future__ import annotations

import asyncio

import pytest
import yaml
from rasa_sdk.executor import CollectingDispatcher

from actions.ask import ASKED_SLOTS, AskSlot_previous_stage_date
from actions.forms import reasked_marker
from bot import services
from tests.actions.conftest import make_tracker


def ask(tracker):
    dispatcher = CollectingDispatcher()
    events = asyncio.run(AskSlot_previous_stage_date().run(dispatcher, tracker, {}))
    return [m.get("response") for m in dispatcher.messages], events


def test_the_question_is_asked_when_no_validator_asked_it():
    responses, events = ask(make_tracker(form="stage_eligibility_form", requested_slot="previous_stage_date"))
    assert responses == ["utter_ask_previous_stage_date"]
    assert events == [{"event": "slot", "timestamp": None, "name": "reasked_slot", "value": None}]


def test_the_question_is_not_repeated_after_the_validator_reasked_it_this_turn():
    tracker = make_tracker(form="stage_eligibility_form", requested_slot="previous_stage_date")
    tracker.slots["reasked_slot"] = reasked_marker("previous_stage_date", tracker)
    responses, _ = ask(tracker)
    assert responses == []


@pytest.mark.parametrize("marker", ["previous_stage_date#1", "letter_48n_date#{turn}"])
def test_a_reask_of_another_turn_or_slot_does_not_silence_the_question(marker):
    tracker = make_tracker(form="stage_eligibility_form", requested_slot="previous_stage_date",
                           history=[{"event": "user", "text": "avant"}, {"event": "user", "text": "encore"}])
    turn = sum(1 for e in tracker.events if e.get("event") == "user")
    tracker.slots["reasked_slot"] = marker.format(turn=turn)
    responses, _ = ask(tracker)
    assert responses == ["utter_ask_previous_stage_date"]


def test_every_form_slot_has_its_ask_action_in_the_domain():
    domain = yaml.safe_load((services.PROJECT_ROOT / "domain.yml").read_text(encoding="utf-8"))
    form_slots = {slot for form in domain["forms"].values() for slot in form["required_slots"]}
    assert form_slots == set(ASKED_SLOTS)
    assert {f"action_ask_{slot}" for slot in ASKED_SLOTS} <= set(domain["actions"])
    assert {f"utter_ask_{slot}" for slot in ASKED_SLOTS} <= set(domain["responses"])


def _question(action, tracker):
    dispatcher = CollectingDispatcher()
    asyncio.run(action.run(dispatcher, tracker, {}))
    return [m.get("text") or m.get("response") for m in dispatcher.messages]


def test_the_stage_told_changes_the_questions_of_the_balance_and_of_the_stage_before():
    # tester T1 c01: "j'ai fait un stage le 14 et 15 novembre, j'en ai combien ?" was asked the balance "actuellement"
    # (after the stage?) and "Avez-vous déjà fait un stage…" about the stage just told
    from actions.ask import AskSlot_current_balance
    done = make_tracker(form="points_after_stage_form", requested_slot="current_balance",
                        slots={"stage_first_day": "2026-11-14"})
    assert _question(AskSlot_current_balance(), done) == [
        "Combien de points aviez-vous juste avant ce stage ? (si vous ne savez pas, dites « je ne sais pas »)"]
    assert _question(AskSlot_previous_stage_date(), done)[0].startswith("Avant ce stage, en aviez-vous déjà fait un")
    booked = make_tracker(form="points_after_stage_form", requested_slot="current_balance",
                          slots={"stage_first_day": "2027-01-14"})
    assert _question(AskSlot_current_balance(), booked) == ["utter_ask_current_balance"]
    untold = make_tracker(form="stage_eligibility_form", requested_slot="previous_stage_date")
    assert _question(AskSlot_previous_stage_date(), untold) == ["utter_ask_previous_stage_date"]


def _balance_question(story: str, slots):
    from actions.ask import AskSlot_current_balance
    from tests.actions.conftest import user_said
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(form="points_after_stage_form", requested_slot="current_balance", slots=slots,
                           text="et si je fais un stage ?", history=[user_said(story, "ask_auto_recovery")])
    asyncio.run(AskSlot_current_balance().run(dispatcher, tracker, {}))
    return dispatcher.messages


def test_the_balance_of_the_retraits_told_is_offered_not_assumed():
    # a red light (4 points) paid 10 June 2026, and a phone (3 points) paid 2 March 2026: 12 - 4 - 3 = 5 if the
    # licence had 12 before (R1); the user confirms it with a button or says another balance
    story = ("feu rouge le 3 juin 2026 payé le 10 juin 2026, et téléphone le 20 février 2026 payé le 2 mars 2026, "
             "permis depuis 2012")
    messages = _balance_question(story, {"licence_date": "2012"})
    assert "ce serait 5 points si vous en aviez 12 avant" in messages[0]["text"]
    assert [b["payload"] for b in messages[0]["buttons"]] == ["5", "/dont_know"]


def test_without_dated_retraits_the_balance_is_asked_plainly():
    messages = _balance_question("permis depuis 2012, je peux faire un stage ?", {"licence_date": "2012"})
    assert [m.get("response") for m in messages] == ["utter_ask_current_balance"]
