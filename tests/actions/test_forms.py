"""Form validation actions, run as the action server runs them."""
from __future__ import annotations

import asyncio

from typing import Optional

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions import answers, forms
from actions.mid_form import HELD_HYPOTHESIS
from tests.actions.conftest import make_tracker, parsed, user_said


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
    assert messages[0].startswith("Le prix est fixé librement")  # the part of the stage card asked for
    assert slots == {"current_balance": None, "requested_slot": "current_balance"}


def test_gibberish_gets_a_french_reask(domain):
    tracker = make_tracker(intent="nlu_fallback", text="azerty", requested_slot="letter_48n_date",
                           form="mandatory_stage_form")
    slots, messages = run(forms.ValidateMandatoryStageForm(), tracker, domain)
    assert messages == ["Je n'ai pas compris votre réponse."]
    assert slots == {"letter_48n_date": None, "requested_slot": "letter_48n_date"}


def test_thanks_in_the_middle_of_a_form_keep_its_question(domain):
    # "ok merci" after the bot's question is politeness: the question is asked again (tester Y: the question was
    # dropped, then "4" and "135 € ou plus" fell into the void)
    tracker = make_tracker(intent="thank", text="ok merci", requested_slot="last_offence_points",
                           form="auto_recovery_form")
    slots, messages = run(forms.ValidateAutoRecoveryForm(), tracker, domain)
    assert messages == ["Avec plaisir !"]
    assert slots == {"last_offence_points": None, "requested_slot": "last_offence_points"}


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


@pytest.mark.parametrize("requested, form, validation, known, hint", [
    ("letter_48n_date", "mandatory_stage_form", forms.ValidateMandatoryStageForm, {}, "avis de réception"),
    ("licence_date", "probation_form", forms.ValidateProbationForm, {}, "catégorie B"),
    ("offence_class", "auto_recovery_form", forms.ValidateAutoRecoveryForm, {"last_offence_points": 2},
     "avis de contravention"),
    ("fine_payment_date", "auto_recovery_form", forms.ValidateAutoRecoveryForm,
     {"last_offence_points": 2, "offence_class": "c3"}, "relevé bancaire"),
    ("previous_stage_date", "stage_eligibility_form", forms.ValidateStageEligibilityForm, {}, "« aucun »"),
])
def test_dont_know_says_where_to_find_the_fact_and_asks_again(domain, requested, form, validation, known, hint):
    tracker = make_tracker(intent="dont_know", text="je sais pas", requested_slot=requested, form=form, slots=known)
    slots, messages = run(validation(), tracker, domain)
    assert len(messages) == 1 and hint in messages[0] and "pas compris" not in messages[0]
    assert slots == {requested: None, "requested_slot": requested}


def test_every_asked_fact_has_a_hint_for_dont_know(domain):
    from actions.informational import WHERE_TO_FIND_FACT
    asked = {slot for form in domain["forms"].values() for slot in form["required_slots"]}
    # the balance has its own answer (how to check it, then a conditional result)
    assert asked - {"current_balance"} <= set(WHERE_TO_FIND_FACT)


def offence_entity(offence: str) -> list:
    return [{"entity": "offence_type", "value": offence, "start": 0, "end": 5}]


def test_an_offence_named_in_a_recovery_question_gives_its_points_and_class(domain):
    # "j'ai perdu des points pour un feu rouge, je les récupère quand ?" (the form starts: nothing requested yet)
    tracker = make_tracker(intent="ask_auto_recovery", entities=offence_entity("red_light"), form="auto_recovery_form")
    slots, _ = run(forms.ValidateAutoRecoveryForm(), tracker, domain)
    assert slots["last_offence_points"] == 4 and slots["offence_class"] == "c4"
    assert slots["requested_slot"] == "fine_payment_date"


def test_points_given_by_the_user_are_kept_over_the_scale(domain):
    # "on m'a retiré 2 points pour le téléphone" (the scale says 3)
    tracker = make_tracker(intent="ask_auto_recovery", entities=offence_entity("phone"),
                           new_slots={"last_offence_points": 2}, form="auto_recovery_form")
    slots, _ = run(forms.ValidateAutoRecoveryForm(), tracker, domain)
    assert slots["last_offence_points"] == 2 and slots["offence_class"] == "c4"


def test_naming_the_offence_answers_the_class_question(domain):
    tracker = make_tracker(text="téléphone au volant", entities=offence_entity("phone"), slots={"last_offence_points": 3},
                           requested_slot="offence_class", form="auto_recovery_form")
    slots, messages = run(forms.ValidateAutoRecoveryForm(), tracker, domain)
    assert slots["offence_class"] == "c4" and slots["requested_slot"] == "fine_payment_date" and messages == []
    assert "last_offence_points" not in slots  # known already


def test_an_offence_named_earlier_in_the_conversation_is_not_assumed(domain):
    # "combien de points pour un feu rouge ?" then "quand vais-je récupérer mes points ?"
    tracker = make_tracker(intent="ask_auto_recovery", slots={"offence_type": "red_light"}, form="auto_recovery_form")
    slots, _ = run(forms.ValidateAutoRecoveryForm(), tracker, domain)
    assert "offence_class" not in slots and slots["requested_slot"] == "last_offence_points"


@pytest.mark.parametrize("offence, asked", [("speeding", "last_offence_points"), ("amber_light", None)])
def test_speeding_or_an_offence_without_points_infers_nothing(domain, offence, asked):
    # (an offence without points leaves nothing to recover: nothing is asked, the answer says so, R4; T3 c29)
    tracker = make_tracker(intent="ask_auto_recovery", entities=offence_entity(offence), form="auto_recovery_form")
    slots, _ = run(forms.ValidateAutoRecoveryForm(), tracker, domain)
    assert "offence_class" not in slots and slots["requested_slot"] == asked


def test_a_bare_date_in_a_recovery_question_is_not_taken_as_the_payment_date(domain):
    # the date is the offence's; the delay runs from the payment (spec R9)
    tracker = make_tracker(intent="ask_auto_recovery", text="perdu 2 points il y a 7 mois, ils reviennent quand ?",
                           entities=[{"entity": "date", "value": "2026-04-23", "start": 17, "end": 29}],
                           new_slots={"last_offence_points": 2, "offence_class": "c3"}, form="auto_recovery_form")
    slots, _ = run(forms.ValidateAutoRecoveryForm(), tracker, domain)
    assert "fine_payment_date" not in slots and slots["requested_slot"] == "fine_payment_date"


@pytest.mark.parametrize("answer, klass", [(135, "c4"), (68, "c3"), ([90], "c4"), ("c3", "c3"), ("delit", "delit")])
def test_the_amount_of_the_fine_answers_the_class_question(domain, answer, klass):
    tracker = make_tracker(new_slots={"offence_class": answer}, slots={"last_offence_points": 2},
                           requested_slot="offence_class", form="auto_recovery_form")
    slots, messages = run(forms.ValidateAutoRecoveryForm(), tracker, domain)
    assert slots["offence_class"] == klass and slots["requested_slot"] == "fine_payment_date" and messages == []


@pytest.mark.parametrize("answer, message", [(57, "Je ne reconnais pas ce montant"), ([35, 135], "plusieurs valeurs")])
def test_an_unknown_or_double_amount_is_asked_again(domain, answer, message):
    tracker = make_tracker(new_slots={"offence_class": answer}, slots={"last_offence_points": 2},
                           requested_slot="offence_class", form="auto_recovery_form")
    slots, messages = run(forms.ValidateAutoRecoveryForm(), tracker, domain)
    assert slots["offence_class"] is None and slots["requested_slot"] == "offence_class"
    assert message in messages[0]


def refused_month(slot: str, month: str, form: str, validation, domain, text: str = "en janvier 2026",
                  slots: Optional[dict] = None) -> tuple:
    """The previous turn, validated: the user gave a month, the validation refused it for want of the day.
    Returns the slots after that turn, and that turn's events for the next tracker's history."""
    tracker = make_tracker(new_slots={slot: month}, text=text, requested_slot=slot, form=form, slots=slots)
    after, messages = run(validation(), tracker, domain)
    assert after[slot] is None and "Quel jour de" in messages[-1]
    history = list(tracker.events) + [{"event": "slot", "name": k, "value": v} for k, v in after.items()]
    return {**(slots or {}), **after}, history


@pytest.mark.parametrize("slot, form, validation, month, month_fr", [
    ("previous_stage_date", "stage_eligibility_form", forms.ValidateStageEligibilityForm, "2026-01", "janvier"),
    # (a 48N of January 2026 is past its 4 months whatever the day, R15: not asked; in July 2026 the day decides
    # whether the deadline (1 to 30 November 2026) has passed on 23 November 2026)
    ("letter_48n_date", "mandatory_stage_form", forms.ValidateMandatoryStageForm, "2026-07", "juillet"),
    ("fine_payment_date", "auto_recovery_form", forms.ValidateAutoRecoveryForm, "2026-01", "janvier"),
])
@pytest.mark.parametrize("answer", ["le 12", "le 12 je crois", "ah si c'était le 12", "12"])
def test_a_bare_day_completes_the_month_given_before(domain, slot, form, validation, month, month_fr, answer):
    # "le 12" resolves to the last 12th (12 November 2026); after "janvier 2026" it means 12 January 2026
    known = {"last_offence_points": 2, "offence_class": "c3"}
    slots, history = refused_month(slot, month, form, validation, domain, slots=known, text=f"en {month_fr} 2026")
    assert slots["date_awaiting_precision"] == f"{slot}={month}"
    tracker = make_tracker(new_slots={slot: "2026-11-12"}, text=answer, requested_slot=slot, form=form,
                           history=history, slots=slots)
    slots, messages = run(validation(), tracker, domain)
    assert slots[slot] == f"{month}-12" and messages == []
    assert slots["date_awaiting_precision"] is None  # the wait ends with the date


def test_the_day_completes_the_month_even_after_a_turn_in_between(domain):
    # "Quel jour de septembre 2026 ?" → "attendez je regarde" (not understood) → "le 3": 3 September
    slots, history = refused_month("letter_48n_date", "2026-09", "mandatory_stage_form",
                                   forms.ValidateMandatoryStageForm, domain)
    between = make_tracker(text="attendez je regarde", requested_slot="letter_48n_date",
                           form="mandatory_stage_form", history=history, slots=slots)
    slots_between, _ = run(forms.ValidateMandatoryStageForm(), between, domain)
    tracker = make_tracker(new_slots={"letter_48n_date": "2026-11-03"}, text="le 3", requested_slot="letter_48n_date",
                           form="mandatory_stage_form", history=list(between.events),
                           slots={**slots, **slots_between})
    slots, _ = run(forms.ValidateMandatoryStageForm(), tracker, domain)
    assert slots["letter_48n_date"] == "2026-09-03"


@pytest.mark.parametrize("answer, intent, new_slots, expected, said", [
    # the month again: the user does not know the day; the 48N deadline counts from the 1st (earliest)
    ("je sais plus, début septembre", "inform", {"letter_48n_date": "2026-09"}, "2026-09-01", "1er septembre 2026"),
    ("je ne sais pas", "dont_know", {}, "2026-09-01", "1er septembre 2026"),
])
def test_an_unknown_day_takes_the_safe_end_of_the_month(domain, answer, intent, new_slots, expected, said):
    slots, history = refused_month("letter_48n_date", "2026-09", "mandatory_stage_form",
                                   forms.ValidateMandatoryStageForm, domain)
    tracker = make_tracker(new_slots=new_slots, text=answer, intent=intent, requested_slot="letter_48n_date",
                           form="mandatory_stage_form", history=history, slots=slots)
    slots, messages = run(forms.ValidateMandatoryStageForm(), tracker, domain)
    assert slots["letter_48n_date"] == expected
    assert any(said in m and "la plus prudente" in m for m in messages)


def test_an_unknown_payment_day_takes_the_end_of_the_month(domain):
    # the points come back from the payment: its latest possible day is the safe one (R9)
    # (November 2023, not March 2023: paid in March 2023, the 3 years ended by 31 March 2026 whatever the day, so
    # the month is kept without asking, T49 c19; in November 2023 the day decides whether they end before today)
    known = {"last_offence_points": 2, "offence_class": "c4"}
    slots, history = refused_month("fine_payment_date", "2023-11", "auto_recovery_form",
                                   forms.ValidateAutoRecoveryForm, domain, slots=known)
    tracker = make_tracker(text="je sais plus le jour exact", intent="dont_know", requested_slot="fine_payment_date",
                           form="auto_recovery_form", history=history, slots=slots)
    slots, messages = run(forms.ValidateAutoRecoveryForm(), tracker, domain)
    assert slots["fine_payment_date"] == "2023-11-30"


def test_a_refusal_that_asks_again_marks_the_slot_reasked_for_this_turn(domain):
    slots, history = refused_month("previous_stage_date", "2026-01", "stage_eligibility_form",
                                   forms.ValidateStageEligibilityForm, domain)
    turn = sum(1 for event in history if event.get("event") == "user")
    assert slots["reasked_slot"] == f"previous_stage_date#{turn}"


@pytest.mark.parametrize("text, expected", [
    ("le 12/11/2026", "2026-11-12"),  # a full date is taken as written
])
def test_a_full_date_after_a_refused_month_is_taken_as_written(domain, text, expected):
    # (July 2026: its day decides whether the 48N's 4 months have ended by 23 November 2026, so it is asked, R15)
    slots, history = refused_month("letter_48n_date", "2026-07", "mandatory_stage_form",
                                   forms.ValidateMandatoryStageForm, domain, text="en juillet 2026")
    tracker = make_tracker(new_slots={"letter_48n_date": "2026-11-12"}, text=text, requested_slot="letter_48n_date",
                           form="mandatory_stage_form", history=history, slots=slots)
    slots, _ = run(forms.ValidateMandatoryStageForm(), tracker, domain)
    assert slots["letter_48n_date"] == expected


def test_a_day_is_completed_only_after_a_refused_month(domain):
    # no month refused before: "le 12" is the last 12th
    tracker = make_tracker(new_slots={"letter_48n_date": "2026-11-12"}, text="le 12", requested_slot="letter_48n_date",
                           form="mandatory_stage_form")
    slots, _ = run(forms.ValidateMandatoryStageForm(), tracker, domain)
    assert slots["letter_48n_date"] == "2026-11-12"


def test_the_31st_of_a_30_day_month_is_not_invented():
    from actions.slot_values import day_in_month_given_before
    assert day_in_month_given_before("le 31", "2026-04") is None
    assert day_in_month_given_before("le 1er", "2026-04") == "2026-04-01"
    assert day_in_month_given_before("le 0", "2026-04") is None
    assert day_in_month_given_before("le 12", "2026") is None  # a year alone: no month to complete
    assert day_in_month_given_before("le 12", "pas une date") is None


@pytest.mark.parametrize("answer", ["mars", "en mars", "mars je crois", "plutôt début mars"])
def test_a_bare_month_completes_the_year_given_before(domain, answer):
    # "jai eu mon permi en 2024" → "En quel mois de 2024 ?" → "mars": March 2024, not March 2026
    tracker = make_tracker(new_slots={"licence_date": "2024"}, text="jai eu mon permi en 2024", form="probation_form",
                           requested_slot="licence_date")
    after, messages = run(forms.ValidateProbationForm(), tracker, domain)
    assert after["licence_date"] is None and after["date_awaiting_precision"] == "licence_date=2024"
    history = list(tracker.events) + [{"event": "slot", "name": k, "value": v} for k, v in after.items()]
    tracker = make_tracker(new_slots={"licence_date": "2026-03"}, text=answer, requested_slot="licence_date",
                           form="probation_form", history=history, slots=after)
    slots, _ = run(forms.ValidateProbationForm(), tracker, domain)
    assert slots["licence_date"] == "2024-03"


def test_a_bare_day_completes_the_month_the_form_read_in_the_question(domain):
    # the form took "janvier 2026" from its opening question itself, refused it, and waits for the day
    question = make_tracker(intent="ask_stage_eligibility", text="j'ai fait un stage en janvier 2026, je peux en refaire un ?",
                            entities=[{"entity": "date", "value": "2026-01", "start": 19, "end": 34}],
                            form="stage_eligibility_form")
    after, _ = run(forms.ValidateStageEligibilityForm(), question, domain)
    assert after.get("date_awaiting_precision") == "previous_stage_date=2026-01"
    history = list(question.events) + [{"event": "slot", "name": k, "value": v} for k, v in after.items()]
    tracker = make_tracker(new_slots={"previous_stage_date": "2026-11-12"}, text="le 12", history=history,
                           requested_slot="previous_stage_date", form="stage_eligibility_form", slots=after)
    slots, _ = run(forms.ValidateStageEligibilityForm(), tracker, domain)
    assert slots["previous_stage_date"] == "2026-01-12"


# R7: an offence during probation freezes the ceiling and lowers the balance: the form asks about it.
PROBATION_BASICS = {"licence_date": "2024-01-10", "supervised_driving": False, "complementary_training": False}


def test_probation_form_asks_whether_points_were_lost(domain):
    tracker = make_tracker(slots=PROBATION_BASICS, form="probation_form")
    slots, _ = run(forms.ValidateProbationForm(), tracker, domain)
    assert slots["requested_slot"] == "probation_offence"


def test_no_offence_ends_the_probation_form(domain):
    tracker = make_tracker(slots=PROBATION_BASICS, new_slots={"probation_offence": False},
                           requested_slot="probation_offence", form="probation_form", intent="deny")
    slots, _ = run(forms.ValidateProbationForm(), tracker, domain)
    assert slots["probation_offence"] is False and slots["requested_slot"] is None


def test_probation_over_for_sure_does_not_ask_about_offences(domain):
    tracker = make_tracker(slots={**PROBATION_BASICS, "licence_date": "2015-06"}, form="probation_form")
    slots, _ = run(forms.ValidateProbationForm(), tracker, domain)
    assert slots["requested_slot"] is None


def test_an_offence_told_with_the_question_is_counted_and_its_scale_used(domain):
    # "permis depuis le 10/01/2024, feu rouge grillé le 5 mai 2026, payé le 20 mai, il me reste combien ?"
    tracker = make_tracker(
        intent="ask_probation", form="probation_form",
        new_slots={"licence_date": "2024-01-10", "offence_type": "red_light", "offence_date": "2026-05-05",
                   "fine_payment_date": "2026-05-20"},
        entities=[{"entity": "offence_type", "value": "red_light"}])
    slots, _ = run(forms.ValidateProbationForm(), tracker, domain)
    assert slots["probation_offence"] is True
    assert slots["last_offence_points"] == 4 and slots["offence_class"] == "c4"
    assert slots["requested_slot"] == "supervised_driving"


def test_yes_to_an_offence_asks_its_date_then_its_points(domain):
    tracker = make_tracker(slots=PROBATION_BASICS, new_slots={"probation_offence": True},
                           requested_slot="probation_offence", form="probation_form", intent="affirm")
    slots, _ = run(forms.ValidateProbationForm(), tracker, domain)
    assert slots["requested_slot"] == "offence_date"
    tracker = make_tracker(slots={**PROBATION_BASICS, "probation_offence": True},
                           new_slots={"offence_date": "2023-12-01"}, requested_slot="offence_date",
                           form="probation_form")
    slots, messages = run(forms.ValidateProbationForm(), tracker, domain)
    assert slots["offence_date"] is None and "obtention du permis" in messages[0]


@pytest.mark.parametrize("excess, asked", [(25, None), (55, None), (12, "speed_limit")])
def test_the_limit_is_asked_only_when_the_excess_leaves_the_class_open(domain, excess, asked):
    # R4: from 20 km/h over, points and class follow from the excess; under 20 the class depends on the limit
    # (asked when the question is the fine: see the next test for the points)
    tracker = make_tracker(new_slots={"offence_type": "speeding", "speed_excess": excess},
                           intent="ask_offence_points", form="offence_points_form",
                           text=f"{excess} km/h de trop, quelle amende ?")
    slots, _ = run(forms.ValidateOffencePointsForm(), tracker, domain)
    assert slots["requested_slot"] == asked


@pytest.mark.parametrize("text", ["j'ai fait un excès de 15 km/h, combien de points je perds ?",
                                  "flashé à 12 km/h au-dessus, je perds des points ?",
                                  "petit excès de 8 km/h, ça fait combien de points en moins ?"])
def test_a_small_excess_gets_its_point_without_the_limit_asked(domain, text):
    # m076: under 20 km/h over, 1 point whatever the limit (R4); the limit only decides the class and the fine,
    # which the answer gives for both cases
    tracker = make_tracker(new_slots={"offence_type": "speeding", "speed_excess": 15}, text=text,
                           intent="ask_offence_points", form="offence_points_form")
    slots, _ = run(forms.ValidateOffencePointsForm(), tracker, domain)
    assert slots["requested_slot"] is None
    tracker = make_tracker(slots={"offence_type": "speeding", "speed_excess": 15}, text=text,
                           intent="ask_offence_points")
    dispatcher = CollectingDispatcher()
    answers.ActionAnswerOffencePoints().run(dispatcher, tracker, domain)
    answer = dispatcher.messages[0]["text"]
    assert answer.startswith("Excès de 15 km/h : retrait de 1 point")
    assert "68 €" in answer and "135 €" in answer and "vitesse maximale" not in answer


def test_an_excess_of_speed_with_its_speeds_gives_its_points_and_class(domain):
    # "flashé à 75 au lieu de 50, je récupère mes points quand ?": 25 over, 2 points, 4e class (R4)
    tracker = make_tracker(intent="ask_auto_recovery", entities=offence_entity("speeding"), form="auto_recovery_form",
                           slots={"speed_measured": 75, "speed_limit": 50})
    slots, _ = run(forms.ValidateAutoRecoveryForm(), tracker, domain)
    assert slots["last_offence_points"] == 2 and slots["offence_class"] == "c4"
    assert slots["requested_slot"] == "fine_payment_date"



def test_a_planned_stage_day_without_its_year_is_ahead(domain):
    # today is pinned to 23/11/2026: "le 5 décembre" is in 12 days, not a year ago
    tracker = make_tracker(new_slots={"stage_first_day": "2025-12-05"}, requested_slot="stage_first_day",
                           form="points_after_stage_form", text="le 5 décembre",
                           entities=[{"entity": "date", "value": "2025-12-05", "start": 0, "end": 13}])
    slots, _ = run(forms.ValidatePointsAfterStageForm(), tracker, domain)
    assert slots["stage_first_day"] == "2026-12-05"


@pytest.mark.parametrize("letter, asked", [("48M", None), ("48", None), ("48N", "letter_48n_date")])
def test_the_mandatory_stage_form_asks_the_48n_date_only_for_a_48n(domain, letter, asked):
    tracker = make_tracker(intent="ask_mandatory_stage", form="mandatory_stage_form",
                           entities=[{"entity": "letter_code", "value": letter}])
    slots, _ = run(forms.ValidateMandatoryStageForm(), tracker, domain)
    assert slots["requested_slot"] == asked


def test_a_general_question_gets_the_rule_in_brief_before_the_first_question(domain):
    # "en combien de temps on récupère un point ?": no fact of the user's, so the rule first (R8-R10)
    tracker = make_tracker(intent="ask_auto_recovery", form="auto_recovery_form",
                           text="en combien de temps on récupère un point ?")
    slots, messages = run(forms.ValidateAutoRecoveryForm(), tracker, domain)
    assert slots["requested_slot"] == "last_offence_points"
    assert messages[0].startswith("En bref") and "6 mois" in messages[0] and "L.223-6" in messages[0]


@pytest.mark.parametrize("text", ["le disque A c'est obligatoire combien de temps ?", "c'est quoi le A ?",
                                  "jusqu'à quand je dois mettre le macaron A ?"])
def test_a_question_about_the_a_sign_gets_its_brief_then_the_licence_date(domain, text):
    # tester Y: "le disque A…" opened the 48N deadline, "c'est quoi le A ?" got the stage card
    tracker = make_tracker(intent="ask_probation", form="probation_form", text=text)
    slots, messages = run(forms.ValidateProbationForm(), tracker, domain)
    assert messages[0].startswith("En bref : le disque « A »") and "période probatoire" in messages[0]
    assert slots["requested_slot"] == "licence_date"


@pytest.mark.parametrize("form, intent, text, says", [
    # tester T4 m052, m054, m050, m047: the rule asked about, not the form's whole brief (R8-R10)
    ("auto_recovery_form", "ask_auto_recovery", "la regle des 10 ans c quoi", "la règle des 10 ans : les points"),
    ("auto_recovery_form", "ask_auto_recovery", "c'est quoi cette histoire de dix ans pour les points ?",
     "la règle des 10 ans"),
    ("auto_recovery_form", "ask_auto_recovery", "si je reprends une amende pendant les 3 ans, le compteur repart a zero ?",
     "fait repartir le délai"),
    ("auto_recovery_form", "ask_auto_recovery", "une nouvelle infraction ça remet tout à zéro ?", "fait repartir le délai"),
    ("auto_recovery_form", "ask_auto_recovery", "le délai de 3 ans démarre à la date de l'infraction ou du paiement ?",
     "pas du jour de l'infraction"),
    ("auto_recovery_form", "ask_auto_recovery", "ça compte à partir du flash ou quand on paye ?",
     "pas du jour de l'infraction"),
    ("auto_recovery_form", "ask_auto_recovery", "c'est 2 ans ou 3 ans pour tout récupérer ?", "3 ans si l'une des"),
    # T4 m061, m062, m065 (R5, R6)
    ("probation_form", "ask_probation", "en AAC on a combien de points par an ?", "9 au bout d'un an et 12"),
    ("probation_form", "ask_probation", "la conduite accompagnée ça donne plus de points ?", "9 au bout d'un an et 12"),
    ("probation_form", "ask_probation", "formation post permis ca sert a quoi ?", "2 ans au lieu de 3"),
    ("probation_form", "ask_probation", "Jeune conducteur, je suis à combien de points max la 2e année ?",
     "6 points la 1re année, 8 la 2e"),
    ("probation_form", "ask_probation", "on gagne combien de points par an en probatoire", "6 points la 1re année, 8"),
    # T4 m021 (R14: "plus de 3 ans de permis" is wrong)
    ("stage_eligibility_form", "ask_stage_eligibility", "on m'a dit qu'il faut 3 ans de permis pour faire un stage c vrai?",
     "aucune ancienneté de permis n'est exigée"),
    ("stage_eligibility_form", "ask_stage_eligibility", "un jeune conducteur a le droit de faire un stage ?",
     "aucune ancienneté de permis n'est exigée"),
    # T4 m009, m037 (R12, R15 example 2)
    ("points_after_stage_form", "ask_points_after_stage", "apres un stage les points sont credités quand ?",
     "le lendemain de son 2e jour"),
    ("points_after_stage_form", "ask_points_after_stage", "au bout de combien de temps les points du stage apparaissent ?",
     "lettre 47"),
    ("mandatory_stage_form", "ask_mandatory_stage", "Si je fais pas le stage obligatoire il se passe quoi",
     "contravention de 4e classe (amende de 135 €, jusqu'à 750 €)"),
    ("mandatory_stage_form", "ask_mandatory_stage", "je risque quoi si je loupe le stage de la 48n ?",
     "suspendu jusqu'à 3 ans"),
])
def test_a_general_question_gets_the_rule_it_asks_about(domain, form, intent, text, says):
    validator = {"auto_recovery_form": forms.ValidateAutoRecoveryForm, "probation_form": forms.ValidateProbationForm,
                 "stage_eligibility_form": forms.ValidateStageEligibilityForm,
                 "points_after_stage_form": forms.ValidatePointsAfterStageForm,
                 "mandatory_stage_form": forms.ValidateMandatoryStageForm}[form]()
    _, messages = run(validator, make_tracker(intent=intent, form=form, text=text), domain)
    assert messages[0].startswith("En bref") and says in messages[0]
    assert "du Code de la route)" in messages[0]


@pytest.mark.parametrize("text, first, second", [
    # two things asked at once: both parts of the rule, the closing phrase once (R5, R6)
    ("c'est quoi la conduite accompagnée et la formation post-permis ?", "2 ans au lieu de 3", "9 au bout d'un an"),
    ("c koi l'aac et la fpp", "2 ans au lieu de 3", "9 au bout d'un an"),
    ("qu'est-ce que le macaron A et le plafond la 2e année ?", "disque « A »", "8 la 2e"),
])
def test_a_question_of_what_two_things_are_gets_both_parts(domain, text, first, second):
    _, messages = run(forms.ValidateProbationForm(), make_tracker(intent="ask_probation", form="probation_form",
                                                                  text=text), domain)
    assert first in messages[0] and second in messages[0]
    assert messages[0].count("En bref") == 2 and messages[0].count("Pour calculer") == 1
    assert messages[0].endswith("Pour calculer votre solde :")


def test_a_question_naming_two_cues_without_asking_what_they_are_gets_one_part(domain):
    # "repart à zéro" and "3 ans" both have a part; the question is the first one's (R9)
    _, messages = run(forms.ValidateAutoRecoveryForm(), make_tracker(
        intent="ask_auto_recovery", form="auto_recovery_form",
        text="si je reprends une amende, ça repart à zéro les 3 ans ?"), domain)
    assert "fait repartir le délai" in messages[0] and messages[0].count("En bref") == 1


def test_the_rule_in_brief_is_not_said_with_facts_nor_twice(domain):
    with_facts = make_tracker(intent="ask_probation", form="probation_form", new_slots={"licence_date": "2024-03"})
    _, messages = run(forms.ValidateProbationForm(), with_facts, domain)
    assert not any(m.startswith("En bref") for m in messages)
    brief = forms.RULE_IN_BRIEF["probation_form"]
    again = make_tracker(intent="ask_probation", form="probation_form", history=[{"event": "bot", "text": brief}])
    _, messages = run(forms.ValidateProbationForm(), again, domain)
    assert not any(m.startswith("En bref") for m in messages)


def test_a_date_that_does_not_exist_is_said_so(domain):
    tracker = make_tracker(requested_slot="fine_payment_date", form="auto_recovery_form",
                           slots={"last_offence_points": 3, "offence_class": "c4"}, text="le 31/02/2025",
                           entities=[{"entity": "invalid_date", "value": "31/02/2025"}])
    slots, messages = run(forms.ValidateAutoRecoveryForm(), tracker, domain)
    assert messages == ["Le 31/02/2025 n'existe pas : vérifiez le jour et le mois."]
    assert slots["requested_slot"] == "fine_payment_date"


def test_whether_a_48n_will_come_is_not_a_question_about_its_deadline(domain):
    tracker = make_tracker(intent="ask_mandatory_stage", form="mandatory_stage_form",
                           text="tel au volant en probatoire, je vais recevoir une 48N ?",
                           entities=[{"entity": "offence_type", "value": "phone"},
                                     {"entity": "letter_code", "value": "48N"}])
    slots, _ = run(forms.ValidateMandatoryStageForm(), tracker, domain)
    assert slots["requested_slot"] is None
    deadline = make_tracker(intent="ask_mandatory_stage", form="mandatory_stage_form",
                            text="j'ai reçu une 48N pour un feu rouge, j'ai jusqu'à quand ?",
                            entities=[{"entity": "offence_type", "value": "red_light"},
                                      {"entity": "letter_code", "value": "48N"}])
    slots, _ = run(forms.ValidateMandatoryStageForm(), deadline, domain)
    assert slots["requested_slot"] == "letter_48n_date"


def test_a_48n_just_received_is_not_a_letter_to_come(domain):
    tracker = make_tracker(intent="ask_mandatory_stage", text="je viens de recevoir une 48N pour le téléphone",
                           entities=[{"entity": "offence_type", "value": "phone"}])
    assert not forms.asks_whether_48n_comes(tracker)


def test_no_rule_in_brief_when_an_answer_sends_back_to_the_form(domain):
    # impossible facts: the answer forgets the fact and runs the form again, which asks it without a preamble
    tracker = make_tracker(intent="inform", form="auto_recovery_form", history=[],
                           slots={"last_offence_points": 3})
    tracker.events.append({"event": "action", "name": "action_answer_auto_recovery"})
    _, messages = run(forms.ValidateAutoRecoveryForm(), tracker, domain)
    assert not any(m.startswith("En bref") for m in messages)


def test_the_same_question_asked_again_in_its_form_gets_the_rule_and_the_question_again(domain):
    # "et la règle des 10 ans ça marche pour moi ?" while the recovery form waits for the points: never silent
    tracker = make_tracker(intent="ask_auto_recovery", requested_slot="last_offence_points", form="auto_recovery_form",
                           text="et la regle des 10 ans ca marche pour moi ?")
    slots, messages = run(forms.ValidateAutoRecoveryForm(), tracker, domain)
    assert messages and messages[0].startswith("En bref") and "10 ans" in messages[0]
    assert slots["requested_slot"] == "last_offence_points"


def test_a_bare_day_after_an_impossible_date_completes_its_month(domain):
    # "payé le 29/02/2025" (no such day), then "ah pardon le 28": 28 February 2025, not the last 28th
    history = [{"event": "user", "text": "payé le 29/02/2025",
                "parse_data": {"entities": [{"entity": "invalid_date", "value": "29/02/2025"}]}}]
    tracker = make_tracker(new_slots={"fine_payment_date": "2026-10-28"}, text="ah pardon le 28",
                           requested_slot="fine_payment_date", form="auto_recovery_form", history=history,
                           slots={"last_offence_points": 4, "offence_class": "c4"})
    slots, _ = run(forms.ValidateAutoRecoveryForm(), tracker, domain)
    assert slots["fine_payment_date"] == "2025-02-28"


def test_a_stage_month_without_its_year_then_its_day_stays_ahead(domain):
    # today is 23/11/2026: "en janvier" is January 2027 (the day is asked), then "le 12" is 12 January 2027
    # (a stage on 15 January 2026: the day of January 2027 says whether a year has passed, R13, so it is asked)
    asked = make_tracker(new_slots={"stage_first_day": "2026-01"}, requested_slot="stage_first_day",
                         form="points_after_stage_form", text="en janvier",
                         entities=[{"entity": "date", "value": "2026-01", "start": 0, "end": 10}],
                         slots={"current_balance": 6, "licence_date": "2010", "previous_stage_date": "2026-01-15"})
    slots, messages = run(forms.ValidatePointsAfterStageForm(), asked, domain)
    assert slots["stage_first_day"] is None and "janvier 2027" in messages[0]
    assert slots["date_awaiting_precision"] == "stage_first_day=2027-01"
    history = list(asked.events) + [{"event": "slot", "name": k, "value": v} for k, v in slots.items()]
    day = make_tracker(new_slots={"stage_first_day": "2026-11-12"}, requested_slot="stage_first_day",
                       form="points_after_stage_form", text="le 12", history=history,
                       entities=[{"entity": "date", "value": "2026-11-12", "start": 0, "end": 5}],
                       slots={"current_balance": 6, "licence_date": "2010", "previous_stage_date": "2026-01-15",
                              **slots})
    slots, _ = run(forms.ValidatePointsAfterStageForm(), day, domain)
    assert slots["stage_first_day"] == "2027-01-12"


def test_twelve_points_need_no_question_about_the_last_stage(domain):
    # "jai 12 pts, ça sert à qqch de faire un stage ?": nothing to gain (R1), whatever the last stage
    tracker = make_tracker(intent="ask_stage_eligibility", form="stage_eligibility_form",
                           new_slots={"current_balance": 12})
    slots, _ = run(forms.ValidateStageEligibilityForm(), tracker, domain)
    assert slots["requested_slot"] is None


def test_a_year_alone_corrects_the_year_of_the_payment_date(domain):
    # "amende payée le 3 février 2025" … "non en fait c'était en 2024": 3 February 2024, not "2024 ne suffit pas"
    history = [{"event": "user", "text": "payée le 3 février 2025"},
               {"event": "slot", "name": "fine_payment_date", "value": "2025-02-03"}]
    tracker = make_tracker(new_slots={"fine_payment_date": "2024"}, text="non en fait c'était en 2024",
                           history=history, form="auto_recovery_form", requested_slot="offence_class",
                           slots={"last_offence_points": 2})
    slots, messages = run(forms.ValidateAutoRecoveryForm(), tracker, domain)
    assert slots["fine_payment_date"] == "2024-02-03" and messages[:1] != ["2024 ne suffit pas"]


def test_the_day_said_after_the_safe_end_was_taken_still_completes_the_month(domain):
    # "Quel jour de septembre 2026 ?" → "je sais pas" (1 September taken) → later "le 3": 3 September
    slots, history = refused_month("letter_48n_date", "2026-09", "mandatory_stage_form",
                                   forms.ValidateMandatoryStageForm, domain)
    unknown = make_tracker(text="je sais pas", intent="dont_know", requested_slot="letter_48n_date",
                           form="mandatory_stage_form", history=history, slots=slots)
    after, _ = run(forms.ValidateMandatoryStageForm(), unknown, domain)
    assert after["letter_48n_date"] == "2026-09-01" and "date_awaiting_precision" not in after
    later = make_tracker(new_slots={"letter_48n_date": "2026-11-03"}, text="le 3", history=list(unknown.events),
                         form="mandatory_stage_form", requested_slot="letter_48n_date", slots={**slots, **after})
    slots, _ = run(forms.ValidateMandatoryStageForm(), later, domain)
    assert slots["letter_48n_date"] == "2026-09-03"


def test_an_old_licence_is_not_asked_about_supervised_driving_or_training(domain):
    # "permis depuis 2001": probation ended long ago, AAC and the training change nothing (R5)
    tracker = make_tracker(new_slots={"licence_date": "2001"}, form="probation_form", requested_slot="licence_date",
                           text="depuis 2001")
    slots, _ = run(forms.ValidateProbationForm(), tracker, domain)
    assert slots["licence_date"] == "2001" and slots["requested_slot"] is None


def test_several_offences_named_together_are_kept_together(domain):
    # "téléphone à la main, pas de ceinture et 35 km/h de trop": the speeding is asked about, the others kept (R3)
    tracker = make_tracker(new_slots={"offence_type": "speeding", "speed_excess": 35}, form="offence_points_form",
                           intent="ask_offence_points", text="téléphone à la main, pas de ceinture et 35 km/h de trop",
                           entities=[{"entity": "offence_type", "value": v} for v in ("phone", "seatbelt", "speeding")])
    slots, messages = run(forms.ValidateOffencePointsForm(), tracker, domain)
    assert slots["offence_type"] == "speeding" and slots["other_offences"] == ["phone", "seatbelt"]
    assert messages == []


@pytest.mark.parametrize("said, expected, asked", [
    (False, "none", []),
    (True, None, ["D'accord : à quelle date ce stage a-t-il commencé ? (par exemple : 12/03/2025, ou « mars 2025 »)"]),
])
def test_a_first_stage_said_in_words_answers_the_previous_stage_question(domain, said, expected, asked):
    # "c'est mon premier stage" (the parser's previous_stage = false): no stage before; "pas mon premier" or "oui"
    # (affirm, mapped to true): its date is asked, not the yes/no question again
    tracker = make_tracker(new_slots={"previous_stage_date": said}, form="stage_eligibility_form",
                           requested_slot="previous_stage_date", text="c'est mon premier stage")
    slots, messages = run(forms.ValidateStageEligibilityForm(), tracker, domain)
    assert slots["previous_stage_date"] == expected and messages == asked
    assert slots.get("reasked_slot", "").startswith("previous_stage_date") == bool(asked)


def test_another_fact_given_to_a_yes_no_question_is_noted_and_the_question_asked_again(domain):
    # "il me reste 4 points" to "Avez-vous appris à conduire en conduite accompagnée ?": kept, not "pas compris"
    tracker = make_tracker(new_slots={}, form="probation_form", requested_slot="supervised_driving",
                           text="il me reste 4 points", history=[{"event": "action", "name": "action_listen"}])
    # as Rasa sends it: the slot filled by the global mapping, before the turn's featurization (not to validate)
    tracker.events += [{"event": "slot", "name": "current_balance", "value": 4},
                       {"event": "user_featurization", "use_text_for_featurization": False}]
    slots, messages = run(forms.ValidateProbationForm(), tracker, domain)
    assert messages == ["C'est noté."] and slots.get("supervised_driving") is None


def test_will_a_48n_come_asks_for_the_offence_not_a_date(domain):
    # "je vais recevoir une 48N ?" (no offence said): the offence decides (R15); a receipt date makes no sense yet
    tracker = make_tracker(intent="ask_mandatory_stage", text="je vais recevoir une 48N ?", form="mandatory_stage_form",
                           entities=[{"entity": "letter_code", "value": "48N"}])
    slots, messages = run(forms.ValidateMandatoryStageForm(), tracker, domain)
    assert slots["requested_slot"] == "offence_type"
    assert not any("date limite" in m for m in messages)  # no brief announcing a deadline before the offence
    answer = make_tracker(new_slots={"offence_type": "phone"}, text="téléphone au volant", form="mandatory_stage_form",
                          requested_slot="offence_type", entities=[{"entity": "offence_type", "value": "phone"}])
    slots, _ = run(forms.ValidateMandatoryStageForm(), answer, domain)
    assert slots["offence_type"] == "phone" and slots["requested_slot"] is None


def test_a_stage_asked_about_after_a_48m_answer_is_not_the_48n_s(domain):
    # "c'est quoi une lettre 48M ?" then "je suis obligé de faire un stage du coup ?": no, a warning (R19)
    history = [{"event": "slot", "name": "letter_code", "value": "48M"},
               {"event": "slot", "name": "letter_code", "value": None}]
    tracker = make_tracker(intent="ask_mandatory_stage", text="je suis obligé de faire un stage du coup ?",
                           form="mandatory_stage_form", history=history,
                           slots={"last_question": "action_answer_letter"})
    slots, _ = run(forms.ValidateMandatoryStageForm(), tracker, domain)
    assert slots["requested_slot"] is None


def test_offences_told_each_with_its_own_date_are_not_one_check(domain):
    # "feu rouge payé le 2 septembre 2026, stop payé le 15 octobre 2026": two events, not R3's simultaneous offences
    text = "feu rouge payé le 2 septembre 2026 et stop payé le 15 octobre 2026"
    tracker = make_tracker(new_slots={"offence_type": "red_light"}, form="offence_points_form",
                           intent="ask_offence_points", text=text, entities=parsed(text))
    slots, _ = run(forms.ValidateOffencePointsForm(), tracker, domain)
    assert slots["offence_type"] == "red_light" and not slots.get("other_offences")


@pytest.mark.parametrize("said, expected", [("2027", {"previous_stage_date": None}),
                                            ("2026-12-14", {"previous_stage_date": None, "stage_first_day": "2026-12-14"})])
def test_a_stage_to_come_is_not_the_previous_stage(domain, said, expected):
    # "je peux en refaire un l'an prochain ?" (2027) asks when, which the answer says; "j'ai réservé un stage le 14
    # décembre" is the planned stage; neither is refused as a date in the future
    tracker = make_tracker(new_slots={"previous_stage_date": said}, form="stage_eligibility_form",
                           requested_slot="previous_stage_date", text="l'an prochain")
    slots, messages = run(forms.ValidateStageEligibilityForm(), tracker, domain)
    assert {k: slots.get(k) for k in expected} == expected and not any("futur" in m for m in messages)


@pytest.mark.parametrize("text", ["je l'ai décalé au 20 janvier", "finalement je le fais le 20 janvier"])
def test_a_date_to_come_given_to_the_licence_question_is_the_stage_moved(domain, text):
    # "je l'ai décalé au 20 janvier" while the licence date is asked: the stage's new date, not a licence
    # date "dans le futur"; the licence question stays
    tracker = make_tracker(slots={"current_balance": 7, "stage_first_day": "2026-12-14"},
                           new_slots={"licence_date": "2027-01-20"}, form="points_after_stage_form",
                           requested_slot="licence_date", text=text)
    slots, messages = run(forms.ValidatePointsAfterStageForm(), tracker, domain)
    assert slots["stage_first_day"] == "2027-01-20" and slots.get("licence_date") is None
    assert messages == ["C'est noté pour le stage : 20 janvier 2027."]


def test_a_stage_moved_as_a_hypothesis_while_the_licence_is_asked_keeps_the_stage_told(domain):
    # testers, item 1: "et si je le décale au 20 janvier ?" is a hypothesis: the stage told (14 December) stays,
    # the licence question is asked again, and the hypothesis is answered after the answer (mid_form)
    history = [{"event": "slot", "name": "stage_first_day", "value": "2026-12-14"}]
    tracker = make_tracker(slots={"current_balance": 7, "stage_first_day": "2026-12-14"}, history=history,
                           new_slots={"licence_date": "2027-01-20"}, form="points_after_stage_form",
                           requested_slot="licence_date", text="et si je le décale au 20 janvier ?")
    slots, messages = run(forms.ValidatePointsAfterStageForm(), tracker, domain)
    assert slots.get("stage_first_day", "2026-12-14") == "2026-12-14" and slots["licence_date"] is None
    assert slots["requested_slot"] == "licence_date" and messages == [HELD_HYPOTHESIS]


def test_no_offence_said_to_the_training_question_answers_the_offence_question_not_the_training(domain):
    # "jamais eu d'infraction" (read as "non") to "Avez-vous suivi la formation complémentaire ?"
    text = "jamais eu d'infraction"
    tracker = make_tracker(slots={"licence_date": "2025-06-15", "supervised_driving": False},
                           new_slots={"complementary_training": False, "probation_offence": False},
                           form="probation_form", requested_slot="complementary_training", intent="deny",
                           text=text, entities=parsed(text))
    slots, _ = run(forms.ValidateProbationForm(), tracker, domain)
    assert slots["probation_offence"] is False and slots.get("complementary_training") is None


def test_a_fact_corrected_while_another_is_asked_is_acknowledged(domain):
    history = [{"event": "slot", "name": "current_balance", "value": 5}]
    tracker = make_tracker(slots={"current_balance": 5}, new_slots={"current_balance": 6}, history=history,
                           form="points_after_stage_form", requested_slot="stage_first_day",
                           text="en fait il me reste 6 pts")
    slots, messages = run(forms.ValidatePointsAfterStageForm(), tracker, domain)
    assert slots["current_balance"] == 6 and messages == ["C'est noté, je corrige."]


def test_a_count_of_points_answered_to_the_retrait_question_is_not_a_balance(domain):
    # "1 point" to "Combien de points votre dernière infraction vous a-t-elle retirés ?"
    tracker = make_tracker(new_slots={"last_offence_points": 1, "current_balance": 1}, form="auto_recovery_form",
                           requested_slot="last_offence_points", intent="ask_zero_points", text="1 point")
    slots, _ = run(forms.ValidateAutoRecoveryForm(), tracker, domain)
    assert slots["last_offence_points"] == 1 and slots.get("current_balance") is None


def test_a_bare_48_typed_to_the_letter_question_is_the_letter_48(domain):
    tracker = make_tracker(new_slots={"letter_code": 48}, form="letter_form", requested_slot="letter_code",
                           intent="inform", text="48")
    slots, messages = run(forms.ValidateLetterForm(), tracker, domain)
    assert slots["letter_code"] == "48" and messages == []


def test_a_probationary_balance_the_facts_give_is_not_asked(domain):
    # licence 15/06/2024 without AAC, +25 km/h (2 points) committed 3 March 2026, paid 10 March 2026: 8 was the
    # ceiling on the offence day (R5, R7), 8 - 2 = 6 today; "si je fais un stage ?" does not ask the balance
    tracker = make_tracker(slots={"licence_date": "2024-06-15", "supervised_driving": False, "probation_offence": True,
                                  "last_offence_points": 2, "offence_class": "c4", "offence_date": "2026-03-03",
                                  "fine_payment_date": "2026-03-10"},
                           form="points_after_stage_form", intent="ask_points_after_stage",
                           text="et si je fais un stage ?")
    slots, messages = run(forms.ValidatePointsAfterStageForm(), tracker, domain)
    assert slots["current_balance"] == 6
    assert messages[0] == "D'après ce que vous m'avez dit, votre solde est aujourd'hui de 6 points (permis probatoire)."


def test_a_probationary_balance_is_asked_when_aac_matters_and_is_unknown(domain):
    tracker = make_tracker(slots={"licence_date": "2024-06-15", "probation_offence": False},
                           form="points_after_stage_form", intent="ask_points_after_stage", text="et si je fais un stage ?")
    slots, _ = run(forms.ValidatePointsAfterStageForm(), tracker, domain)
    assert slots.get("current_balance") is None


def test_a_fine_not_paid_yet_says_the_points_are_not_withdrawn_yet(domain):
    tracker = make_tracker(slots={"last_offence_points": 3, "offence_class": "c4"}, form="auto_recovery_form",
                           requested_slot="fine_payment_date", intent="deny", text="je l'ai pas encore payée")
    _, messages = run(forms.ValidateAutoRecoveryForm(), tracker, domain)
    assert messages == [forms.NOT_PAID_YET_REPLY]


def test_an_aac_licence_is_out_of_probation_after_two_years(domain):
    # R5: with AAC, probation lasts 2 years: a licence of 10 January 2024 left it on 10 January 2026
    tracker = make_tracker(slots={"licence_date": "2024-01-10", "supervised_driving": True,
                                  "complementary_training": False})
    assert forms.licence_may_be_probationary(tracker) is False
    tracker.slots["supervised_driving"] = False  # without AAC: 3 years, until 10 January 2027
    assert forms.licence_may_be_probationary(tracker) is True


def test_a_48si_said_not_received_keeps_the_licence_valid_for_the_stage_question(domain):
    # "j'ai pas encore reçu de lettre 48SI" then "je peux faire un stage ?": the licence is valid until the 48SI is
    # notified (R18), even if the NLU read "48SI" as an invalidation
    said = {"event": "user", "text": "j'ai pas encore recu de lettre 48SI", "parse_data": {"entities": [
        {"entity": "letter_received", "value": False}, {"entity": "letter_code", "value": "48SI"},
        {"entity": "licence_status", "value": "invalidated"}]}}
    tracker = make_tracker(slots={"licence_status": "invalidated"}, intent="ask_stage_eligibility",
                           text="je peux faire un stage ?", history=[said])
    assert forms.invalidation_notified(tracker) is False


def test_an_offence_corrected_by_another_is_replaced_not_added(domain):
    # "non en fait le feu rouge c'était un stop": one stop, 4 points, not red light + stop = 8 (R3)
    text = "non en fait le feu rouge c'etait un stop"
    history = [{"event": "slot", "name": "offence_type", "value": "red_light"}]
    tracker = make_tracker(slots={"offence_type": "red_light"}, new_slots={"offence_type": "stop_sign"}, history=history,
                           form="offence_points_form", intent="deny", text=text, entities=parsed(text))
    slots, _ = run(forms.ValidateOffencePointsForm(), tracker, domain)
    assert slots["offence_type"] == "stop_sign" and not slots.get("other_offences")


def test_a_licence_date_corrected_while_another_question_waits_is_taken(domain):
    text = "en fait c'était le 12 février 2024 mon permis"
    history = [{"event": "slot", "name": "licence_date", "value": "2025-02-12"}]
    tracker = make_tracker(slots={"licence_date": "2025-02-12", "supervised_driving": True}, history=history,
                           form="probation_form", requested_slot="complementary_training", intent="inform",
                           text=text, entities=parsed(text))
    slots, messages = run(forms.ValidateProbationForm(), tracker, domain)
    assert slots["licence_date"] == "2024-02-12" and "C'est noté, je corrige." in messages


def test_two_stages_in_one_message_are_the_last_one_done_and_the_one_asked_about(domain):
    # R13 example 2: "mon dernier stage c'était les 1er et 2 décembre 2025. j'ai réservé un stage les 30 novembre et
    # 1er décembre 2026": Rasa gives the slot the last date; the earlier is the previous stage
    text = ("mon dernier stage c'était les 1er et 2 décembre 2025. j'ai réservé un stage les 30 novembre et 1er "
            "décembre 2026, ça va me rendre des points ?")
    tracker = make_tracker(new_slots={"previous_stage_date": "2026-11-30"}, form="stage_eligibility_form",
                           intent="ask_stage_eligibility", text=text, entities=parsed(text))
    slots, _ = run(forms.ValidateStageEligibilityForm(), tracker, domain)
    assert slots["previous_stage_date"] == "2025-12-01" and slots["stage_first_day"] == "2026-11-30"


def test_the_mandatory_stage_form_never_asks_the_stage_day_but_checks_it_when_told(domain):
    # listed in the form's slots so that Rasa sends it for validation: a year-less day of a stage to come is ahead
    assert "stage_first_day" in domain["forms"]["mandatory_stage_form"]["required_slots"]
    text = "et le stage du 12 mars il est trop tard ?"
    tracker = make_tracker(new_slots={"stage_first_day": "2026-03-12"}, form="mandatory_stage_form",
                           intent="ask_mandatory_stage", text=text, entities=parsed(text))
    slots, _ = run(forms.ValidateMandatoryStageForm(), tracker, domain)
    assert slots["stage_first_day"] == "2027-03-12" and slots["requested_slot"] == "letter_48n_date"


@pytest.mark.parametrize("value, code", [(47.0, "47"), ("46 d", "46D"), ("46b", "46B"), (["47", "46D"], "47")])
def test_the_letters_that_give_points_back_are_letter_codes(domain, value, code):
    # R19: 47 (stage points credited), 46 / 46B / 46D (points given back) are letters the bot explains
    tracker = make_tracker(new_slots={"letter_code": value}, form="letter_form", requested_slot="letter_code")
    slots, messages = run(forms.ValidateLetterForm(), tracker, domain)
    assert slots["letter_code"] == code and messages == []


def test_an_unknown_letter_lists_every_letter_known(domain):
    tracker = make_tracker(new_slots={"letter_code": "49"}, form="letter_form", requested_slot="letter_code")
    slots, messages = run(forms.ValidateLetterForm(), tracker, domain)
    assert slots["letter_code"] is None and "46D" in messages[0] and "47" in messages[0]


def test_the_fine_s_status_is_read_from_the_conversation():
    # R16: a majorée never paid is not refunded (its recovery stops); one paid is
    said = {
        "je n'ai jamais payé l'amende, elle est passée en majorée (375 €)": "majoree",
        "l'amende est majorée maintenant": "majoree",
        "j'ai payé l'amende majorée": "paid",
        "l'amende je l'ai pas encore réglée": "unpaid",
        "j'ai payé l'amende le 3 mars": "paid",
        "j'ai reçu la 48N le 3 mars": None,
    }
    for text, status in said.items():
        assert forms.fine_status_said(make_tracker(text=text)) == status, text


@pytest.mark.parametrize("form, validation", [("mandatory_stage_form", forms.ValidateMandatoryStageForm),
                                              ("refund_48n_form", forms.ValidateRefund48nForm)])
def test_a_letter_received_on_a_future_date_is_refused_not_taken_for_a_stage(domain, form, validation):
    # "je l'ai reçue le 12/03/2031" to the 48N date: a date to come for a letter received, not the stage's
    text = "je l'ai reçue le 12/03/2031"
    tracker = make_tracker(new_slots={"letter_48n_date": "2031-03-12"}, form=form, requested_slot="letter_48n_date",
                           text=text, entities=parsed(text))
    slots, messages = run(validation(), tracker, domain)
    assert slots["letter_48n_date"] is None and not slots.get("stage_first_day")
    assert any("dans le futur" in m for m in messages)


@pytest.mark.parametrize("text", [
    "Bonjour, j'ai fait mon stage de récupération de points les 20 et 21 octobre 2026. Je ne connais pas mon solde. "
    "Combien de points j'ai récupéré ?",
    "stage fait le 20 octobre, je sais pas combien il me reste, ca m'a rendu combien ?",
])
def test_a_balance_said_unknown_in_the_question_is_not_asked(domain, text):
    # tester T1 c48: "Je ne connais pas mon solde" in the first message, then "Combien de points vous reste-t-il ?"
    tracker = make_tracker(form="points_after_stage_form", intent="ask_points_after_stage", text=text,
                           entities=parsed(text), slots={"licence_date": "1999-06-01"})
    slots, messages = run(forms.ValidatePointsAfterStageForm(), tracker, domain)
    assert slots["balance_unknown"] is True and slots.get("requested_slot") != "current_balance"
    assert "Mes Points Permis" in messages[0]

# --- testers, item 2: a stage told as done is not asked again (R13)

@pytest.mark.parametrize("first, intent", [
    ("j'ai fait un stage le 10 mars 2025, il me reste 6 points, je récupère quand mes points ?", "ask_auto_recovery"),
    ("il me reste 6 points, j'ai déjà fait un stage le 10 mars 2025", "inform"),
    ("mon dernier stage je l'ai fait le 10/03/2025, j'ai combien de points ?", "ask_check_balance"),
])
@pytest.mark.parametrize("form, intent_now, validation", [
    ("points_after_stage_form", "ask_points_after_stage", forms.ValidatePointsAfterStageForm),
    ("stage_eligibility_form", "ask_stage_eligibility", forms.ValidateStageEligibilityForm),
])
def test_a_stage_told_in_an_earlier_message_is_not_asked_again(domain, first, intent, form, intent_now, validation):
    # "j'ai fait un stage le 10 mars 2025…", then "et si je fais un stage ?": not "Avez-vous déjà fait un stage ?"
    history = [user_said(first, intent), {"event": "action", "name": "action_answer_auto_recovery"}]
    tracker = make_tracker(slots={"current_balance": 6}, intent=intent_now, text="et si je fais un stage ?",
                           form=form, history=history)
    slots, _ = run(validation(), tracker, domain)
    assert slots["previous_stage_date"] == "2025-03-10" and slots["requested_slot"] != "previous_stage_date"


def test_a_stage_said_in_a_hypothesis_is_no_stage_done(domain):
    history = [user_said("et si j'avais fait un stage le 10 mars 2025 ?", "inform")]
    tracker = make_tracker(slots={"current_balance": 6}, intent="ask_stage_eligibility", text="je peux faire un stage ?",
                           form="stage_eligibility_form", history=history)
    slots, _ = run(forms.ValidateStageEligibilityForm(), tracker, domain)
    assert slots.get("previous_stage_date") is None and slots["requested_slot"] == "previous_stage_date"


@pytest.mark.parametrize("text", ["j'ai fait un stage le 10 mars 2025, il me reste 6 points, combien j'aurai si j'en "
                                  "refais un ?",
                                  "j'ai déjà fait un stage le 10 mars 2025, et si j'en fais un autre j'aurai combien ?"])
def test_the_stage_done_told_with_a_question_on_another_is_the_last_one(domain, text):
    # read as the stage of the question (a date with the stage's role): it is the last one, the new one is asked
    tracker = make_tracker(new_slots={"stage_first_day": "2025-03-10", "current_balance": 6}, text=text,
                           intent="ask_points_after_stage", entities=parsed(text), form="points_after_stage_form")
    slots, _ = run(forms.ValidatePointsAfterStageForm(), tracker, domain)
    assert slots["previous_stage_date"] == "2025-03-10" and slots["stage_first_day"] is None


def test_a_stage_done_is_the_stage_asked_about_when_no_other_is(domain):
    text = "j'ai fait un stage le 20 novembre 2026, combien j'ai de points maintenant ?"
    tracker = make_tracker(new_slots={"stage_first_day": "2026-11-20"}, text=text, intent="ask_points_after_stage",
                           entities=parsed(text), form="points_after_stage_form")
    slots, _ = run(forms.ValidatePointsAfterStageForm(), tracker, domain)
    assert slots["stage_first_day"] == "2026-11-20" and slots.get("previous_stage_date") is None


def test_a_last_stage_more_than_a_year_ago_needs_no_day(domain):
    # R13: any day of March 2025 is more than a year and a day before 23 November 2026: its day changes nothing
    tracker = make_tracker(new_slots={"previous_stage_date": "2025-03"}, text="en mars 2025",
                           form="stage_eligibility_form", requested_slot="previous_stage_date",
                           slots={"current_balance": 6})
    slots, messages = run(forms.ValidateStageEligibilityForm(), tracker, domain)
    assert slots["previous_stage_date"] == "2025-03-31"
    assert messages == ["Pour votre dernier stage, je compte le 31 mars 2025 : le jour exact de mars 2025 ne change "
                        "rien ici."]


def test_a_last_stage_less_than_a_year_ago_still_needs_its_day(domain):
    tracker = make_tracker(new_slots={"previous_stage_date": "2026-01"}, text="en janvier 2026",
                           form="stage_eligibility_form", requested_slot="previous_stage_date",
                           slots={"current_balance": 6})
    slots, messages = run(forms.ValidateStageEligibilityForm(), tracker, domain)
    assert slots["previous_stage_date"] is None and "Quel jour de janvier 2026 ?" in messages[0]


@pytest.mark.parametrize("text, paid, said", [
    ("payé il y a 3 mois", "2026-08-23", "23 août 2026"),
    ("j'ai payé l'amende il y a 2 semaines", "2026-11-09", "9 novembre 2026"),
    ("je l'ai réglée il y a 10 jours", "2026-11-13", "13 novembre 2026"),
])
def test_a_payment_date_given_to_another_question_is_taken_and_said(domain, text, paid, said):
    # testers, item 2: "payé il y a 3 mois" to the fine's amount was taken but the amount asked again without a
    # word, as if not understood; the date taken is said (R2, R9: the delays run from it), then the question again
    entities = parsed(text)
    assert [e["value"] for e in entities if e["entity"] == "date" and e.get("role") == "payment"] == [paid]
    # (1 point of speeding: its class depends on the limit, still to be asked; 2 to 4 points fix it, R4)
    tracker = make_tracker(slots={"last_offence_points": 1, "offence_type": "speeding"},
                           new_slots={"fine_payment_date": paid}, text=text, entities=entities,
                           form="auto_recovery_form", requested_slot="offence_class")
    slots, messages = run(forms.ValidateAutoRecoveryForm(), tracker, domain)
    assert slots["fine_payment_date"] == paid and slots["requested_slot"] == "offence_class"
    assert messages == [f"C'est noté : paiement de l'amende le {said}."]


@pytest.mark.parametrize("story, balance", [
    # R1, R8: 12 - 3 - 1 = 8, no point back yet (the October one returns in April 2027)
    ("j'avais 12 points, j'ai perdu 3 points en mars 2025 et 1 point en octobre 2026, il m'en reste combien ?", 8),
    ("il me restait 10 points, j'ai perdu 2 points le 5 juin 2026 et 3 points le 2 octobre 2026, j'en ai combien ?", 5),
    ("j'ai perdu 3 points en mars 2025 et 1 point en octobre 2026, il m'en reste combien ?", 8),
])
@pytest.mark.parametrize("follow_up, intent, form, validation", [
    ("et si je fais un stage ?", "ask_points_after_stage", "points_after_stage_form", forms.ValidatePointsAfterStageForm),
    ("je peux faire un stage ?", "ask_stage_eligibility", "stage_eligibility_form", forms.ValidateStageEligibilityForm),
])
def test_a_stage_question_after_the_balance_answer_uses_the_balance_computed(domain, story, balance, follow_up,
                                                                             intent, form, validation):
    # testers, item 2: "et si je fais un stage ?" right after "Solde aujourd'hui : 8 points" asked the balance
    # again (or took the 12 said before the retraits)
    from actions import answers
    from tests.actions.test_answers import run as run_action
    from tests.actions.test_probation_facts import mapped_slots
    slots = mapped_slots(domain, story, "ask_check_balance")
    first = make_tracker(new_slots=slots, intent="ask_check_balance", text=story, entities=parsed(story))
    events, answer = run_action(answers.ActionAnswerCheckBalance(), first, domain)
    assert answer.startswith(f"Solde aujourd'hui : {balance} points")
    history = [*first.events, {"event": "action", "name": "action_answer_check_balance"},
               {"event": "bot", "text": answer}, *events]
    tracker = make_tracker(slots={**slots, "last_question": "action_answer_check_balance"}, intent=intent,
                           text=follow_up, form=form, history=history)
    found, messages = run(validation(), tracker, domain)
    assert found["current_balance"] == balance and found["requested_slot"] != "current_balance"
    assert messages[0] == f"D'après les retraits que vous m'avez indiqués, votre solde est aujourd'hui de {balance} points."
    assert not any("je corrige" in message for message in messages)


def test_a_recovery_answer_that_told_no_balance_gives_none_to_the_stage_question(domain):
    # "j'ai perdu 3 points payés le 10 mars 2026" then a stage: the 12 before was never said nor told: asked
    history = [user_said("j'ai perdu 3 points payés le 10 mars 2026, je les récupère quand ?", "ask_auto_recovery"),
               {"event": "action", "name": "action_answer_auto_recovery"},
               {"event": "bot", "text": "Le point retiré… revient le 10 septembre 2026."}]
    tracker = make_tracker(intent="ask_points_after_stage", text="et si je fais un stage ?",
                           form="points_after_stage_form", history=history)
    found, _ = run(forms.ValidatePointsAfterStageForm(), tracker, domain)
    assert found.get("current_balance") is None and found["requested_slot"] == "current_balance"


# --- testers, item 3: a letter to come is not a letter received (R15, R19)

@pytest.mark.parametrize("text", ["mon fils va recevoir une lettre ?", "est-ce qu'elle va recevoir une lettre ?",
                                  "quelle lettre je vais recevoir ?", "est-ce que ma fille risque de recevoir un "
                                                                      "courrier ?"])
@pytest.mark.parametrize("form, intent, validation", [
    ("letter_form", "ask_letter", forms.ValidateLetterForm),
    ("mandatory_stage_form", "ask_mandatory_stage", forms.ValidateMandatoryStageForm)])
def test_a_letter_to_come_asks_the_offence_not_the_letter_received(domain, text, form, intent, validation):
    # not "Quelle lettre avez-vous reçue ?" nor "À quelle date avez-vous reçu la lettre 48N ?"
    tracker = make_tracker(intent=intent, text=text, entities=parsed(text), form=form)
    slots, _ = run(validation(), tracker, domain)
    assert slots["requested_slot"] == "offence_type"


@pytest.mark.parametrize("question, offence, points, line_48n", [
    ("mon fils est jeune conducteur, il va recevoir une lettre ?", "phone", "retrait de 3 points", True),
    ("ma fille est en permis probatoire, est-ce qu'elle va recevoir une lettre ?", "red_light", "retrait de 4 points",
     True),
])
def test_a_letter_to_come_is_answered_by_the_offence_s_letter(domain, question, offence, points, line_48n):
    # R15: in probation, an offence of 3 points or more brings a 48N and a compulsory stage within 4 months
    from actions import answers
    from tests.actions.test_answers import run as run_action
    from tests.actions.test_probation_facts import mapped_slots
    history = [user_said(question, "ask_letter")]
    # (as the server holds them: "jeune conducteur", "en permis probatoire" set the slot probationary)
    tracker = make_tracker(slots={"offence_type": offence, **mapped_slots(domain, question, "ask_letter")},
                           intent="inform", text="un feu rouge" if offence == "red_light" else "téléphone",
                           history=history)
    _, answer = run_action(answers.ActionAnswerLetter(), tracker, domain)
    assert points in answer and ("lettre 48N" in answer) is line_48n
    assert "Quelle lettre avez-vous reçue" not in answer


def test_a_letter_received_is_still_asked_which(domain):
    text = "j'ai reçu une lettre, ça veut dire quoi ?"
    tracker = make_tracker(intent="ask_letter", text=text, entities=parsed(text), form="letter_form")
    slots, _ = run(forms.ValidateLetterForm(), tracker, domain)
    assert slots["requested_slot"] == "letter_code"


def test_the_balance_before_the_retraits_prefilled_on_activation_is_replaced_by_the_one_computed(domain):
    # as the Rasa server activates the form: the 12 known is set again (prefilled) before the validation runs
    from actions import answers
    from tests.actions.test_answers import run as run_action
    from tests.actions.test_probation_facts import mapped_slots
    story = "j'avais 12 points, j'ai perdu 3 points en mars 2025 et 1 point en octobre 2026, il m'en reste combien ?"
    slots = mapped_slots(domain, story, "ask_check_balance")
    first = make_tracker(new_slots=slots, intent="ask_check_balance", text=story, entities=parsed(story))
    events, answer = run_action(answers.ActionAnswerCheckBalance(), first, domain)
    history = [*first.events, {"event": "action", "name": "action_answer_check_balance"},
               {"event": "bot", "text": answer}, *events]
    tracker = make_tracker(slots={**slots, "last_question": "action_answer_check_balance"},
                           new_slots={"current_balance": 12}, intent="ask_points_after_stage",
                           text="et si je fais un stage ?", form="points_after_stage_form", history=history)
    found, messages = run(forms.ValidatePointsAfterStageForm(), tracker, domain)
    assert found["current_balance"] == 8 and not any("je corrige" in m for m in messages)


def test_the_training_is_not_asked_when_the_probation_is_over_without_it(domain):
    # tester T1 c15: AAC licence of 10/06/2024, "aucune infraction": the AAC probation ended on 10/06/2026 (R5); the
    # complementary training can only shorten it (R6), so it is not asked
    text = "permis obtenu le 10/06/2024 avec la conduite accompagnée, aucune infraction, combien de points ?"
    tracker = make_tracker(form="probation_form", intent="ask_probation", text=text, entities=parsed(text),
                           slots={"licence_date": "2024-06-10", "supervised_driving": True, "probation_offence": False})
    slots, _ = run(forms.ValidateProbationForm(), tracker, domain)
    assert slots["requested_slot"] is None
    recent = make_tracker(form="probation_form", intent="ask_probation", text=text, entities=parsed(text),
                          slots={"licence_date": "2025-06-10", "supervised_driving": True, "probation_offence": False})
    slots, _ = run(forms.ValidateProbationForm(), recent, domain)
    assert slots["requested_slot"] == "complementary_training"


def test_an_impossible_date_in_the_question_is_said_when_the_form_opens(domain):
    # tester T1 c40: "jai fait un stage le 31/02/2026, je peux en refaire un ?" asked the previous stage's date as if
    # nothing had been said
    text = "jai fait un stage le 31/02/2026, je peux en refaire un ?"
    tracker = make_tracker(form="stage_eligibility_form", intent="ask_stage_eligibility", text=text,
                           entities=parsed(text))
    slots, messages = run(forms.ValidateStageEligibilityForm(), tracker, domain)
    assert "Le 31/02/2026 n'existe pas : vérifiez le jour et le mois." in messages
    assert slots["requested_slot"] == "previous_stage_date"


def test_a_balance_computed_from_the_story_is_said_once(domain):
    # a probation story with its offence: "votre solde est aujourd'hui de 6 points" was said again with the answer
    story = ("J'ai mon permis probatoire depuis le 1er décembre 2024, sans conduite accompagnée ni formation "
             "complémentaire. J'ai perdu 2 points pour un excès de 25 km/h commis le 10 mars 2026, payé le 20 mars 2026. "
             "si je fais le stage… j'aurais combien ?")
    known = {"licence_date": "2024-12-01", "supervised_driving": False, "complementary_training": False,
             "offence_date": "2026-03-10", "fine_payment_date": "2026-03-20", "offence_type": "speeding",
             "speed_excess": 25, "last_offence_points": 2, "offence_class": "c4", "current_balance": 6,
             "probation_offence": True}
    tracker = make_tracker(slots=known, new_slots={"stage_first_day": "2026-12-14"}, text="le 14 décembre 2026",
                           entities=parsed("le 14 décembre 2026"), requested_slot="stage_first_day",
                           form="points_after_stage_form",
                           history=[user_said(story, "ask_points_after_stage"),
                                    {"event": "slot", "name": "current_balance", "value": 6}])
    slots, messages = run(forms.ValidatePointsAfterStageForm(), tracker, domain)
    assert not any("votre solde est aujourd'hui" in (m or "") for m in messages), messages
    assert slots.get("stage_first_day") == "2026-12-14"


@pytest.mark.parametrize("text, month", [
    ("j'avais 12 points, perdu 4 pour un feu rouge, si je fais un stage le mois prochain je serai à combien ?", "2027-01"),
    ("stage en janvier, j'ai 8 points, ça me fait combien ?", "2027-01"),
])
def test_a_day_asked_by_the_validator_is_the_one_question_pending(domain, text, month):
    # tester T6 r004, r013: "Quel jour de janvier 2027 ?" then the form's own "À quelle date avez-vous obtenu votre
    # permis ?" in the same turn; "le 8 janvier" then became the licence's date (2 points, probationary)
    tracker = make_tracker(intent="ask_points_after_stage", form="points_after_stage_form", text=text,
                           new_slots={"stage_first_day": month, "current_balance": 8})
    slots, messages = run(forms.ValidatePointsAfterStageForm(), tracker, domain)
    assert slots["requested_slot"] == "stage_first_day"
    assert any("Quel jour de janvier 2027" in (m or "") for m in messages)


@pytest.mark.parametrize("text", ["je l'ai pas encore recu", "non pas encore reçue", "toujours rien reçu"])
def test_a_48n_not_received_yet_told_to_its_date_question_is_understood(domain, text):
    # tester T9 c12: "Je n'ai pas compris votre réponse" to "je l'ai pas encore recu"; the date does not exist yet,
    # the 4 months will run from the receipt (R15), and the form asks nothing more
    tracker = make_tracker(slots={"licence_date": "2026-03-17", "offence_type": "phone", "last_offence_points": 3,
                                  "letter_code": "48N"},
                           intent="inform", text=text, entities=parsed(text), requested_slot="letter_48n_date",
                           form="mandatory_stage_form")
    dispatcher = CollectingDispatcher()
    events = asyncio.run(forms.ValidateMandatoryStageForm().run(dispatcher, tracker, domain))
    said = " ".join(m.get("text") or "" for m in dispatcher.messages)
    assert "Je n'ai pas compris" not in said
    assert "ne courra qu'à partir de sa réception" in said
    assert {"event": "slot", "timestamp": None, "name": "requested_slot", "value": None} in events


@pytest.mark.parametrize("text, intent, slots", [
    ("oui en fevrier 2026", "nlu_fallback", {"complementary_training": True, "training_date": "2026-02"}),
    ("ouais je l'ai faite le 14/02/2026", "inform", {"complementary_training": True, "training_date": "2026-02-14"}),
    ("non j'ai pas eu le temps", "inform", {"complementary_training": False}),
])
def test_a_yes_or_no_opening_the_answer_to_the_training_question_is_taken(domain, text, intent, slots):
    # tester T9 c02: "oui en fevrier 2026" (the NLU's fallback) got "Je n'ai pas compris votre réponse"
    tracker = make_tracker(slots={"licence_date": "2025-07-03", "supervised_driving": True}, intent=intent, text=text,
                           entities=parsed(text), requested_slot="complementary_training", form="probation_form")
    dispatcher = CollectingDispatcher()
    events = asyncio.run(forms.ValidateProbationForm().run(dispatcher, tracker, domain))
    set_ = {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
    assert {name: set_.get(name) for name in slots} == slots, events
    assert not any("pas compris" in (m.get("text") or "") for m in dispatcher.messages)


@pytest.mark.parametrize("text, expected", [("avant celui du 2 juin 2026 non jamais", "none"),
                                            ("aucun avant celui du 2 juin 2026", "none")])
def test_the_day_of_the_stage_asked_about_is_no_stage_before_it(domain, text, expected):
    # T10 c22: "le stage précédent doit avoir eu lieu avant celui-ci", said twice; the day names the stage asked about
    tracker = make_tracker(slots={"licence_date": "2025-02-01", "stage_first_day": "2026-06-02"}, intent="deny",
                           text=text, entities=parsed(text), requested_slot="previous_stage_date",
                           form="points_after_stage_form", new_slots={"previous_stage_date": "2026-06-02"},
                           history=[{"event": "slot", "name": "stage_first_day", "value": "2026-06-02"}])
    dispatcher = CollectingDispatcher()
    events = asyncio.run(forms.ValidatePointsAfterStageForm().run(dispatcher, tracker, domain))
    assert {"event": "slot", "timestamp": None, "name": "previous_stage_date", "value": expected} in events, events
    assert not any("Impossible" in (m.get("text") or "") for m in dispatcher.messages)
