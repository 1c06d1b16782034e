"""Tester T13 (main 889a3fa, BOT_TODAY=2026-12-01): offences' points, their recovery, and what follows them.

- c13: "excès de 35 km/h + tel + ceinture au même contrôle": "tel" alone, an item of the list, is the phone; the three
  add up to 9, capped at 8 at one check (R3 example 1). The first answer counted 6.
- c27: "il a pas encore payé, il a reçu l'avis hier" to the payment question: the day said is the notice's, not a payment;
  the fine not paid, nothing is withdrawn yet (balance 8), 4 points when it is paid or final (R2), a 48N follows (R15).
"""
from __future__ import annotations

import asyncio

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions import answers, forms
from tests.actions.conftest import make_tracker, parsed
from tests.actions.test_probation_facts import mapped_slots, run

pytestmark = pytest.mark.usefixtures("first_of_december")
TODAY = "2026-12-01"


def first_answer(domain, text: str, intent: str, form_name: str, validator, action) -> str:
    """An opening message as the server runs it: the form's validation of the slots it fills, then the answer."""
    told = mapped_slots(domain, text, intent, TODAY)
    tracker = make_tracker(new_slots=told, intent=intent, text=text, entities=parsed(text, TODAY), form=form_name)
    events = asyncio.run(validator.run(CollectingDispatcher(), tracker, domain))
    slots = {**told, **{e["name"]: e["value"] for e in events if e.get("event") == "slot"}}
    _, answer = run(action, make_tracker(slots=slots, intent=intent, text=text, entities=parsed(text, TODAY)), domain)
    return answer


# --- c13: "tel" as an item of a list of offences is the phone (R4, R.412-6-1); 3 + 3 + 3 capped at 8 (R3 ex. 1)

@pytest.mark.parametrize("text", [
    "excès de 35 km/h + tel + ceinture au meme controle, combien de pts ?",  # t13-c13
    "excès de 35 km/h, tel, ceinture, tout au même contrôle, ça fait combien ?",
    "ceinture et tel et 35 km/h de trop en même temps, je perds combien ?",
])
def test_tel_named_in_a_list_of_offences_at_one_check_is_the_phone(domain, text):
    assert sorted(e["value"] for e in parsed(text, TODAY) if e["entity"] == "offence_type") == \
        ["phone", "seatbelt", "speeding"]
    answer = first_answer(domain, text, "ask_offence_points", "offence_points_form",
                          forms.ValidateOffencePointsForm(), answers.ActionAnswerOffencePoints())
    assert "téléphone tenu en main, oreillette ou casque : 3 points" in answer, answer
    assert "Les retraits s'additionnent (9) mais sont plafonnés à 8 points" in answer


@pytest.mark.parametrize("text, phones", [
    ("un tel excès, c'est combien de points ?", 0), ("tel que je vous le dis, 35 km/h de trop", 0),
    ("à tel point que j'ai eu peur", 0), ("et le téléphone ??? j'ai dit tel aussi", 1),  # one phone, said twice
])
def test_tel_as_a_word_of_the_sentence_is_no_phone(text, phones):
    assert [e["value"] for e in parsed(text, TODAY) if e["entity"] == "offence_type"].count("phone") == phones


# --- c27: a fine not paid, said with the day of its notice, is no payment: the offence is not established yet, its
# 4 points are withdrawn when the fine is paid or becomes final (R2); a 48N follows in probation (R15)

SON_RED_LIGHT = {"licence_date": "2025-09", "supervised_driving": False, "complementary_training": False,
                 "probation_offence": True, "offence_type": "red_light", "offence_date": "2026-11-23",
                 "last_offence_points": 4, "offence_class": "c4"}


@pytest.mark.parametrize("text", [
    "il a pas encore payé, il a recu l'avis hier",  # t13-c27
    "pas encore payée, l'avis est arrivé le 28 novembre",
    "elle est toujours pas payée, on l'a reçue avant-hier",
])
def test_a_fine_not_paid_said_with_the_day_of_its_notice_withdraws_nothing_yet(domain, text):
    entities = parsed(text, TODAY)
    day = next(e["value"] for e in entities if e["entity"] == "date")
    tracker = make_tracker(slots=SON_RED_LIGHT, new_slots={"fine_payment_date": day}, text=text, entities=entities,
                           form="probation_form", requested_slot="fine_payment_date")
    events = asyncio.run(forms.ValidateProbationForm().run(CollectingDispatcher(), tracker, domain))
    slots = {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
    assert slots.get("fine_payment_date") == "not_paid", slots
    _, answer = run(answers.ActionAnswerProbation(), make_tracker(slots={**SON_RED_LIGHT, **slots}, text=text,
                                                                  entities=entities), domain)
    assert answer.startswith("Votre solde est aujourd'hui de 8 points : l'infraction du 23 novembre 2026 ne retire "
                             "rien tant qu'elle n'est pas établie"), answer
    assert "4 points seront retirés" in answer and "lettre 48N" in answer and "2029" not in answer


def test_a_payment_to_come_said_with_not_paid_keeps_its_day(domain):
    text = "pas encore payée, je vais la payer le 10 décembre"
    entities = parsed(text, TODAY)
    day = next(e["value"] for e in entities if e["entity"] == "date")
    tracker = make_tracker(slots=SON_RED_LIGHT, new_slots={"fine_payment_date": day}, text=text, entities=entities,
                           form="probation_form", requested_slot="fine_payment_date")
    events = asyncio.run(forms.ValidateProbationForm().run(CollectingDispatcher(), tracker, domain))
    assert {e["name"]: e["value"] for e in events if e.get("event") == "slot"}.get("fine_payment_date") == \
        "2026-12-10"
