"""The offence's class in the recovery dates (R9 with R2 example 3), and a payment to come (R2 example 4), as an outside
tester found them on 1 December 2026.

- The class told (an offence named, the fine's amount, "4e classe") gives the one full-recovery date: 3 years for a 4th-
  or 5th-class contravention or a délit, 2 years for the first three classes; "2 ans … ou 3 ans" only when unknown.
- A payment written without its year follows the message's tense: "je vais payer le 10 décembre", "je paie le 10", "je
  paierai…" are to come (nothing withdrawn yet, à venir), "j'ai payé le 10 novembre" is past.
"""
from __future__ import annotations

import asyncio

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions import answers, fallback, forms
from tests.actions.conftest import make_tracker, parsed
from tests.actions.test_answers import run
from tests.actions.test_probation_facts import told

pytestmark = pytest.mark.usefixtures("first_of_december")
DAY = "2026-12-01"


def slots_of(events):
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


def validate(form, tracker, domain):
    dispatcher = CollectingDispatcher()
    events = asyncio.run(form.run(dispatcher, tracker, domain))
    return slots_of(events), [m.get("text") for m in dispatcher.messages]


# --- 1. R9: the class told decides between 2 and 3 years

@pytest.mark.parametrize("text", [
    # the tester's kind: a conviction, the offence named (R2 example 3: final on 12 September)
    "condamné par le tribunal de police le 1er septembre pour un feu rouge, à partir de quand les points sont retirés ? "
    "et le délai de récup démarre quand ?",
    # the fine's amount
    "j'ai été condamné le 1er septembre 2026 par le tribunal de police, amende de 135 euros. les points sont retirés "
    "quand ?",
    # the class said
    "jugement du tribunal le 1er septembre, contravention de 4e classe, quand est-ce que je perds mes points ?",
])
def test_a_conviction_with_its_class_known_gives_one_full_recovery_date(text, domain):
    _, answer = run(answers.ActionAnswerRetraitTiming(), told(domain, text, "ask_retrait_timing", today=DAY), domain)
    assert "retirés de plein droit à la date du 12 septembre 2026" in answer
    assert "tous les points reviennent le 12 septembre 2029 (3 ans, contravention de 4e classe)" in answer
    assert "12 septembre 2028" not in answer and "si l'infraction est une contravention" not in answer


@pytest.mark.parametrize("text,paid,full", [
    ("j'ai payé une amende pour feu rouge le 10 novembre, les points sont retirés quand et je les récupère quand ?",
     "10 novembre 2026", "le 10 novembre 2029 (3 ans, contravention de 4e classe)"),
    ("j'ai payé mon PV pour téléphone au volant le 15 octobre, les points sont retirés quand ?",
     "15 octobre 2026", "le 15 octobre 2029 (3 ans, contravention de 4e classe)"),
    # R9 example 2: a turn signal (2nd class) alone: 2 years, with the condition of R9 said
    ("oubli de clignotant payé le 10 novembre, je perds mes points quand ?",
     "10 novembre 2026", "le 10 novembre 2028 (2 ans, contravention de 2e classe ; 3 ans si une autre infraction"),
])
def test_a_payment_with_the_offence_named_gives_its_class_s_delay(text, paid, full, domain):
    _, answer = run(answers.ActionAnswerRetraitTiming(), told(domain, text, "ask_retrait_timing", today=DAY), domain)
    assert f"à la date du {paid}, le jour du paiement de l'amende" in answer
    assert f"tous les points reviennent {full}" in answer


def test_the_class_unknown_still_gives_both_delays(domain):
    text = "j'ai payé l'amende le 10 novembre, les points sont retirés quand ?"
    _, answer = run(answers.ActionAnswerRetraitTiming(), told(domain, text, "ask_retrait_timing", today=DAY), domain)
    assert "le 10 novembre 2028 (2 ans), ou le 10 novembre 2029 (3 ans) si l'infraction est une contravention de 4e" \
           in answer


@pytest.mark.parametrize("text,asked", [
    ("amende de 135 € payée le 3 octobre 2026, quand est-ce que je récupère mes points ?", "last_offence_points"),
    ("contravention de 4e classe payée le 3 octobre, j'ai perdu 3 points, je les récupère quand ?", None),
    ("j'ai payé 90 euros le 3 octobre pour un PV de 3 points, ils reviennent quand ?", None),  # a minorée of 4th class
])
def test_the_recovery_form_keeps_the_class_told_with_the_question(text, asked, domain):
    tracker = told(domain, text, "ask_auto_recovery", today=DAY, form="auto_recovery_form")
    slots, _ = validate(forms.ValidateAutoRecoveryForm(), tracker, domain)
    assert slots["offence_class"] == "c4"
    assert slots["requested_slot"] == asked  # never "Quel était le montant de l'amende forfaitaire ?"


def test_the_recovery_answer_counts_3_years_for_the_amount_told(domain):
    text = "amende de 135 € payée le 3 octobre 2026, quand est-ce que je récupère mes points ?"
    history = [{"event": "user", "text": text, "parse_data": {"intent": {"name": "ask_auto_recovery"},
                                                               "entities": parsed(text, DAY)}}]
    tracker = make_tracker(slots={"fine_payment_date": "2026-10-03", "offence_class": "c4", "last_offence_points": 2},
                           text="2 points", intent="inform", history=history)
    _, answer = run(answers.ActionAnswerAutoRecovery(), tracker, domain)
    assert "retrouvera son maximum de points le 3 octobre 2029" in answer
    assert answers.CLASS_ASSUMED_NOTE not in answer


def test_a_stage_price_is_not_a_fine(domain):
    text = "le stage coûte 135 €, j'ai payé mon amende le 3 octobre, je récupère mes points quand ?"
    tracker = told(domain, text, "ask_auto_recovery", today=DAY, form="auto_recovery_form")
    slots, _ = validate(forms.ValidateAutoRecoveryForm(), tracker, domain)
    assert slots.get("offence_class") is None


# --- 2. R2 example 4: a payment to come is not withdrawn yet

@pytest.mark.parametrize("text,intent,day,full", [
    # the tester's
    ("je vais payer l'amende le 10 décembre, les points seront retirés quand ?", "ask_retrait_timing",
     "10 décembre 2026", None),
    ("j'ai un PV pour un stop, je paie le 10, quand est-ce que mes points seront retirés ?", "ask_retrait_timing",
     "10 décembre 2026", "le 10 décembre 2029 (3 ans, contravention de 4e classe)"),
    ("excès de vitesse de 25 km/h, je paierai l'amende le 15 décembre. Quand je récupère mes points ?",
     "ask_auto_recovery", "15 décembre 2026", "le 15 décembre 2029 (3 ans, contravention de 4e classe)"),
    ("pour mon feu rouge, je compte régler l'amende le 20, je perds mes points quand ?", "ask_retrait_timing",
     "20 décembre 2026", "le 20 décembre 2029 (3 ans, contravention de 4e classe)"),
])
def test_a_payment_to_come_withdraws_nothing_yet(text, intent, day, full, domain):
    action = answers.ActionAnswerRetraitTiming() if intent == "ask_retrait_timing" else answers.ActionAnswerAutoRecovery()
    _, answer = run(action, told(domain, text, intent, today=DAY), domain)
    assert answer.startswith("Pas encore : aucun point n'est retiré tant que l'infraction n'est pas établie.")
    assert f"seront retirés le {day}, le jour où vous paierez l'amende" in answer
    assert f"partiront de ce même jour, le {day}" in answer
    if full:
        assert f"tous les points reviendront {full}" in answer
    assert "Impossible de répondre" not in answer and "dans le futur" not in answer


def test_a_payment_to_come_read_with_too_little_confidence_is_answered_the_same(domain):
    text = "j'ai un PV pour un stop, je paie le 10, quand est-ce que mes points seront retirés ?"
    _, answer = run(fallback.ActionSuggestQuestions(), told(domain, text, "nlu_fallback", today=DAY), domain)
    assert answer.startswith("Pas encore") and "Les 4 points de cette infraction seront retirés le 10 décembre 2026" \
        in answer


def test_a_past_payment_without_its_year_is_the_last_one(domain):
    text = "j'ai payé le 10 novembre, mes points sont déjà retirés ?"
    _, answer = run(answers.ActionAnswerRetraitTiming(), told(domain, text, "ask_retrait_timing", today=DAY), domain)
    assert answer.startswith("Les points de cette infraction sont retirés de plein droit à la date du 10 novembre 2026")


@pytest.mark.parametrize("text", ["je vais la payer le 10 décembre", "je la paie le 10", "je la réglerai le 10"])
def test_a_payment_to_come_answers_the_payment_question_of_the_recovery_form(text, domain):
    tracker = make_tracker(slots={"last_offence_points": 4, "offence_class": "c4"},
                           new_slots={"fine_payment_date": "2026-12-10"}, requested_slot="fine_payment_date",
                           form="auto_recovery_form", text=text, entities=parsed(text, DAY))
    assert {"entity": "date", "value": "2026-12-10", "role": "payment"} in [
        {k: e[k] for k in ("entity", "value", "role") if k in e} for e in parsed(text, DAY)]
    slots, messages = validate(forms.ValidateAutoRecoveryForm(), tracker, domain)
    assert slots["fine_payment_date"] == "2026-12-10" and slots["requested_slot"] is None
    assert not any("futur" in m for m in messages)
    _, answer = run(answers.ActionAnswerAutoRecovery(), make_tracker(
        slots={"last_offence_points": 4, "offence_class": "c4", "fine_payment_date": "2026-12-10"}, text=text,
        entities=parsed(text, DAY)), domain)
    assert answer.startswith("Pas encore") and "le 10 décembre 2029 (3 ans, contravention de 4e classe)" in answer


def test_a_future_date_said_paid_is_still_refused(domain):
    text = "payée le 10/12/2026"
    tracker = make_tracker(slots={"last_offence_points": 4, "offence_class": "c4"},
                           new_slots={"fine_payment_date": "2026-12-10"}, requested_slot="fine_payment_date",
                           form="auto_recovery_form", text=text, entities=parsed(text, DAY))
    slots, messages = validate(forms.ValidateAutoRecoveryForm(), tracker, domain)
    assert slots["fine_payment_date"] is None
    assert any("est dans le futur (nous sommes le 1er décembre 2026)" in m for m in messages)


@pytest.mark.parametrize("intent,action", [("ask_zero_points", answers.ActionAnswerZeroPoints()),
                                            ("ask_offence_points", answers.ActionAnswerOffencePoints())])
def test_a_payment_to_come_that_takes_every_point_says_how_to_save_the_licence(intent, action, domain):
    # R18 with R2 example 4: 3 - 3 = 0 once paid on 20 December; a stage before the 48SI saves it (4 points)
    text = "il me reste 3 points, amende de téléphone au volant, je compte la régler le 20, je perds mon permis ?"
    _, answer = run(action, told(domain, text, intent, today=DAY), domain)
    assert answer.startswith("Votre solde calculé est de 0, mais le permis reste valide")
    assert "si vous payez l'amende le 20 décembre 2026 comme prévu, le retrait prendra effet ce jour-là" in answer
    assert "Impossible de répondre" not in answer and "20 novembre" not in answer
