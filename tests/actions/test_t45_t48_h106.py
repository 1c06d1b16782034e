"""Testers T45–T48 (replays on 1 December 2026), items of branch h106: the day the 48N is (or will be) received
(R14, R15)."""
from __future__ import annotations

import pytest

from actions import answers, forms
from tests.actions.conftest import make_tracker, parsed
from tests.actions.conversation import mapped_slots, run_messages

pytestmark = pytest.mark.usefixtures("first_of_december")
TODAY = "2026-12-01"


def in_form(domain, slots, text, intent, form, validator, requested=None, history=()):
    """The form's validation of a message (the slots Rasa maps), then its messages and the slots after it."""
    entities = parsed(text, TODAY)
    new = mapped_slots(entities, domain, intent)
    dates = [e["value"] for e in entities if e["entity"] == "date" and not e.get("role")]
    if requested and requested not in new and dates:  # (the form's own mapping of its requested date)
        new[requested] = dates[-1]
    tracker = make_tracker(slots=slots, new_slots=new, text=text,
                           entities=entities, intent=intent, form=form, requested_slot=requested,
                           history=list(history))
    events, messages = run_messages(validator, tracker, domain)
    set_ = {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
    return {**tracker.slots, **set_}, "\n".join(messages)


def answered(domain, slots, text, intent, action):
    tracker = make_tracker(slots=slots, text=text, entities=parsed(text, TODAY), intent=intent)
    return "\n".join(run_messages(action, tracker, domain)[1])


# --- t46-c05: probationary pupil, stop on 12 November 2026 paid on the 20th; "si elle reçoit la 48N le 15 décembre"

C05_FACTS = dict(licence_date="2025-06-03", supervised_driving=False, offence_date="2026-11-12",
                 fine_payment_date="2026-11-20", offence_type="stop_sign", last_offence_points=4, offence_class="c4",
                 probation_offence=True)


@pytest.mark.parametrize("text", [
    "si elle reçoit la 48N le 15 décembre elle a jusqu'à quand pour faire le stage ? et elle récupère combien ?",
    "je reformule : si elle recoit la lettre 48N le 15/12/2026, quelle est la date limite pour faire le stage ?",
    "non mais elle l'a pas encore reçue, je parle du 15 décembre qui vient, dans 2 semaines",
    "et si je la reçois le 15 décembre ?",
    "admettons qu'il la reçoive le 15 décembre 2026, il a jusqu'à quand ?",
])
@pytest.mark.parametrize("form, validator, intent, action", [
    ("mandatory_stage_form", forms.ValidateMandatoryStageForm(), "ask_mandatory_stage",
     answers.ActionAnswerMandatoryStage()),
])
def test_a_48n_supposed_on_a_day_to_come_is_answered_with_its_deadline(domain, text, form, validator, intent, action):
    # t46-c05: "Le 15 décembre 2026 est dans le futur", then the 48N's receipt asked again, three turns in a row; a
    # letter supposed for a day to come is a hypothesis: its deadline is 4 months after it (R15: 15 April 2027)
    slots, said = in_form(domain, dict(C05_FACTS), text, intent, form, validator, requested="letter_48n_date")
    assert "dans le futur" not in said, said
    assert slots.get("letter_48n_date") == "2026-12-15", slots
    reply = answered(domain, slots, text, intent, action)
    assert "15 avril 2027" in reply, reply


@pytest.mark.parametrize("text", [
    "si elle reçoit la 48N le 15 décembre elle a jusqu'à quand pour faire le stage ? et elle récupère combien ?",
    "je reformule : si elle recoit la lettre 48N le 15/12/2026, quelle est la date limite pour faire le stage ?",
])
def test_a_48n_supposed_on_a_day_to_come_opens_the_form_with_it(domain, text):
    # t46-c05, first turn: the question opens the form, whose validation refused the day "dans le futur"
    slots, said = in_form(domain, dict(C05_FACTS), text, "ask_mandatory_stage", "mandatory_stage_form",
                          forms.ValidateMandatoryStageForm())
    assert "dans le futur" not in said and slots.get("letter_48n_date") == "2026-12-15", (said, slots)
    reply = answered(domain, slots, text, "ask_mandatory_stage", answers.ActionAnswerMandatoryStage())
    assert "15 avril 2027" in reply and "pas encore reçue" in reply, reply


@pytest.mark.parametrize("text", ["je l'ai reçue le 15 novembre", "je vais la recevoir le 15 mai 2027"])
def test_a_48n_received_or_beyond_its_4_months_is_not_supposed_ahead(domain, text):
    # (the receipt said past stays the fact; a day to come beyond 4 months is not taken as a supposed receipt)
    slots, said = in_form(domain, dict(C05_FACTS), text, "inform", "mandatory_stage_form",
                          forms.ValidateMandatoryStageForm(), requested="letter_48n_date")
    assert slots.get("letter_48n_date") != "2027-05-15", slots


# --- t46-c10: "48 n reçue le 1er du mois, … suspension … depuis le 20 novembre" said on 1 December

@pytest.mark.parametrize("text, expected", [
    ("48 n reçue le 1er du mois, je suis en suspension de permis 3 mois depuis le 20 novembre, je peux faire le stage "
     "obligatoire pendant la suspension ?", [("2026-12-01", "letter_48n"), ("2026-11-20", "suspension")]),
    ("flashé le 15, payé le 20 octobre", [("2026-10-15", "offence"), ("2026-10-20", "payment")]),
])
def test_a_day_of_this_month_keeps_its_month(text, expected):
    # t46-c10: "le 1er du mois" (today, 1 December) took the month of the day told after it: the 48N received on 1
    # November, its deadline 1 March 2027 instead of 1 April 2027 (R15)
    assert [(e["value"], e.get("role")) for e in parsed(text, TODAY) if e["entity"] == "date"] == expected
