"""Form validation actions, run as the action server runs them."""
from __future__ import annotations

import asyncio

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions import forms
from tests.actions.conftest import make_tracker


def run(action, tracker, domain):
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, tracker, domain))
    slots = {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
    return slots, [m.get("text") or m.get("response") for m in dispatcher.messages]


def test_valid_licence_date_is_kept_and_next_question_requested(domain):
    tracker = make_tracker(new_slots={"licence_date": "2024-03"}, requested_slot="licence_date", form="probation_form")
    slots, messages = run(forms.ValidateProbationForm(), tracker, domain)
    assert slots["licence_date"] == "2024-03"
    assert slots["requested_slot"] == "supervised_driving"
    assert messages == []


def test_future_licence_date_is_refused_and_asked_again(domain):
    tracker = make_tracker(new_slots={"licence_date": "2027-05-02"}, requested_slot="licence_date", form="probation_form")
    slots, messages = run(forms.ValidateProbationForm(), tracker, domain)
    assert slots["licence_date"] is None and slots["requested_slot"] == "licence_date"
    assert "dans le futur" in messages[0]


def test_fifteen_points_is_refused_even_when_not_asked(domain):
    # "il me reste 15 points" while the form asks for the licence date
    tracker = make_tracker(new_slots={"current_balance": 15.0, "licence_date": "2020-01-10"},
                           requested_slot="licence_date", form="points_after_stage_form")
    slots, messages = run(forms.ValidatePointsAfterStageForm(), tracker, domain)
    assert slots["current_balance"] is None and slots["licence_date"] == "2020-01-10"
    assert any("au plus 12 points" in m for m in messages)
    assert slots["requested_slot"] == "current_balance"


def test_old_licence_skips_supervised_driving(domain):
    tracker = make_tracker(slots={"current_balance": 6}, new_slots={"licence_date": "2012-05-01"},
                           requested_slot="licence_date", form="points_after_stage_form")
    slots, _ = run(forms.ValidatePointsAfterStageForm(), tracker, domain)
    assert slots["requested_slot"] == "stage_first_day"


def test_recent_licence_asks_supervised_driving(domain):
    tracker = make_tracker(slots={"current_balance": 6}, new_slots={"licence_date": "2025-05-01"},
                           requested_slot="licence_date", form="points_after_stage_form")
    slots, _ = run(forms.ValidatePointsAfterStageForm(), tracker, domain)
    assert slots["requested_slot"] == "supervised_driving"


def test_dont_know_balance_explains_how_to_check_and_moves_on(domain):
    tracker = make_tracker(new_slots={"current_balance": "unknown"}, intent="dont_know",
                           requested_slot="current_balance", form="stage_eligibility_form",
                           slots={"previous_stage_date": "none"})
    slots, messages = run(forms.ValidateStageEligibilityForm(), tracker, domain)
    assert "Mes Points Permis" in messages[0]
    assert slots["requested_slot"] is None  # nothing left to ask: the answer comes conditionally


def test_side_question_is_answered_and_the_form_asks_again(domain):
    tracker = make_tracker(intent="ask_stage_info", text="ça coûte combien un stage ?",
                           requested_slot="current_balance", form="stage_eligibility_form",
                           slots={"previous_stage_date": "none"})
    slots, messages = run(forms.ValidateStageEligibilityForm(), tracker, domain)
    assert "2 jours consécutifs" in messages[0]
    assert slots == {"current_balance": None, "requested_slot": "current_balance"}


def test_gibberish_gets_a_french_reask(domain):
    tracker = make_tracker(intent="nlu_fallback", text="azerty", requested_slot="letter_48n_date",
                           form="mandatory_stage_form")
    slots, messages = run(forms.ValidateMandatoryStageForm(), tracker, domain)
    assert messages == ["Je n'ai pas compris votre réponse."]
    assert slots == {"letter_48n_date": None, "requested_slot": "letter_48n_date"}


@pytest.mark.parametrize("intent", ["stop", "ask_auto_recovery", "goodbye"])
def test_cancel_or_other_question_rejects_so_rules_take_over(domain, intent):
    tracker = make_tracker(intent=intent, requested_slot="letter_48n_date", form="refund_48n_form")
    slots, messages = run(forms.ValidateRefund48nForm(), tracker, domain)
    assert slots == {} and messages == []


def test_speeding_asks_limit_and_excess_other_offences_do_not(domain):
    speeding = make_tracker(new_slots={"offence_type": "speeding"}, intent="ask_offence_points", form="offence_points_form")
    slots, _ = run(forms.ValidateOffencePointsForm(), speeding, domain)
    assert slots["requested_slot"] == "speed_limit"
    phone = make_tracker(new_slots={"offence_type": "phone"}, intent="ask_offence_points", form="offence_points_form")
    slots, _ = run(forms.ValidateOffencePointsForm(), phone, domain)
    assert slots["requested_slot"] is None


def test_measured_speed_and_limit_make_the_excess_unnecessary(domain):
    tracker = make_tracker(new_slots={"offence_type": "speeding", "speed_limit": 110, "speed_measured": 135},
                           intent="ask_offence_points", form="offence_points_form")
    slots, _ = run(forms.ValidateOffencePointsForm(), tracker, domain)
    assert slots["requested_slot"] is None


def test_a_speed_above_the_limit_is_speeding_without_asking_the_offence(domain):
    tracker = make_tracker(new_slots={"speed_limit": 110, "speed_measured": 135},
                           intent="ask_offence_points", form="offence_points_form")
    slots, _ = run(forms.ValidateOffencePointsForm(), tracker, domain)
    assert slots["offence_type"] == "speeding" and slots["requested_slot"] is None
    named = make_tracker(slots={"offence_type": "alcohol"}, new_slots={"speed_excess": 30},
                         intent="inform", form="offence_points_form")
    slots, _ = run(forms.ValidateOffencePointsForm(), named, domain)
    assert "offence_type" not in slots  # an offence the user named is kept


@pytest.mark.parametrize("slot, value, message", [
    ("speed_limit", 73, "n'est pas une limitation"),
    ("speed_excess", 0, "de combien de km/h"),
    ("letter_code", "49", "48, 48M, 48N et 48SI"),
    ("offence_type", "jaywalking_on_mars", "Je ne connais pas cette infraction"),
    ("last_offence_points", 11, "de 1 à 9"),
    ("offence_class", "c9", "montant de l'amende"),
])
def test_each_validator_refuses_impossible_values(domain, slot, value, message):
    form = "auto_recovery_form" if slot in ("last_offence_points", "offence_class") else "offence_points_form"
    action = forms.ValidateAutoRecoveryForm() if form == "auto_recovery_form" else forms.ValidateOffencePointsForm()
    tracker = make_tracker(new_slots={slot: value}, requested_slot=slot, form=form, slots={"offence_type": "speeding"})
    slots, messages = run(action, tracker, domain)
    assert slots[slot] is None
    assert any(message in m for m in messages)


def test_letter_code_is_normalised(domain):
    tracker = make_tracker(new_slots={"letter_code": "48 si"}, requested_slot="letter_code", form="letter_form")
    slots, _ = run(forms.ValidateLetterForm(), tracker, domain)
    assert slots["letter_code"] == "48SI"


def test_a_bare_date_in_the_question_fills_the_only_date_the_form_needs(domain):
    tracker = make_tracker(intent="ask_probation", text="permis probatoire depuis mars 2024, combien de points ?",
                           entities=[{"entity": "date", "value": "2024-03", "start": 25, "end": 34}],
                           form=None)
    slots, _ = run(forms.ValidateProbationForm(), tracker, domain)
    assert slots["licence_date"] == "2024-03" and slots["requested_slot"] == "supervised_driving"


def test_a_bare_date_is_not_guessed_when_the_form_needs_several_dates(domain):
    tracker = make_tracker(intent="ask_points_after_stage", text="stage le 3 décembre, j'aurai combien ?",
                           entities=[{"entity": "date", "value": "2026-12-03", "start": 6, "end": 19}],
                           slots={"current_balance": 6})
    slots, _ = run(forms.ValidatePointsAfterStageForm(), tracker, domain)
    assert "stage_first_day" not in slots and "licence_date" not in slots
