"""Leftovers of the outside testers T11/T12 (BOT_TODAY=2026-12-01), replayed and fixed by helper h21."""
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


# -- 1. the date that corrects an impossible one refused just before -----------------------------------------------

@pytest.mark.parametrize("opening", [
    "j'ai payé mon amende le 31/02/2025, 3 points, quand je les recupere",
    "perdu 3 points, amende réglée le 31 février 2025, je les récupère quand ?",
])
@pytest.mark.parametrize("text, expected", [
    ("pardon le 28/02/2025", "2025-02-28"),
    ("je voulais dire le 28 février 2025", "2025-02-28"),
    ("oups 28/02/25", "2025-02-28"),
    ("ah non le 27 février 2025", "2025-02-27"),
])
def test_the_date_correcting_a_refused_impossible_one_fills_what_that_one_meant(domain, opening, text, expected):
    # the form asks the fine's amount after saying "Le 31/02/2025 n'existe pas": the correction is the payment's day
    # (R9: the recovery runs from it), not "Je n'ai pas compris votre réponse"
    history = [user_said(opening, "ask_auto_recovery"),
               {"event": "bot", "text": "Le 31/02/2025 n'existe pas : vérifiez le jour et le mois."},
               {"event": "action", "name": "action_listen"}]
    tracker = make_tracker(slots={"last_offence_points": 3}, form="auto_recovery_form", requested_slot="offence_class",
                           intent="inform", text=text, entities=parsed(text, TODAY), history=history)
    dispatcher = CollectingDispatcher()
    events = asyncio.run(forms.ValidateAutoRecoveryForm().run(dispatcher, tracker, domain))
    assert _slots_set(events).get("fine_payment_date") == expected, events
    assert not any("pas compris" in (m.get("text") or "") for m in dispatcher.messages)


def test_a_date_answering_another_date_question_is_not_taken_for_the_refused_one(domain):
    # "le 12/03/2024" to the licence's question after a refused payment day: the licence's date (no correction said)
    text = "le 12/03/2024"
    history = [user_said("payé le 31/02/2025, 3 points, permis probatoire, je récupère quand ?", "ask_auto_recovery"),
               {"event": "action", "name": "action_listen"}]
    tracker = make_tracker(intent="inform", text=text, entities=parsed(text, TODAY), history=history)
    assert forms.date_correcting_impossible_one(tracker, answering="licence_date") is None
    assert forms.date_correcting_impossible_one(tracker) == ("fine_payment_date", "2024-03-12")


def test_the_date_correcting_a_refused_one_after_an_answer_is_that_date(domain):
    # "…payé le 31/02/2025" told after an answer was said back as impossible; "oups 28/02/25" then is that payment's
    # day, not the last date set (the licence's)
    told = "j'ai perdu 1 point pour un excès de 8 km/h, payé le 31/02/2025"
    text = "oups 28/02/25"
    history = [{"event": "slot", "name": "licence_date", "value": "2015-06-01"},
               user_said(told, "inform"),
               {"event": "bot", "text": "Le 31/02/2025 n'existe pas : vérifiez le jour et le mois."},
               {"event": "action", "name": "action_listen"}]
    tracker = make_tracker(slots={"licence_date": "2015-06-01", "last_offence_points": 1,
                                  "last_question": "action_answer_auto_recovery"},
                           intent="inform", text=text, entities=parsed(text, TODAY), history=history)
    events = asyncio.run(corrections.ActionApplyCorrection().run(CollectingDispatcher(), tracker, domain))
    changed = _slots_set(events)
    assert changed.get("fine_payment_date") == "2025-02-28", events
    assert changed.get("licence_date") in (None, "2015-06-01")


# -- 7. the letter to come: registered with AR, and the refund ------------------------------------------------------

@pytest.mark.parametrize("text", ["je vais recevoir quoi comme courrier ?", "ils vont m'envoyer quoi ?",
                                  "quelle lettre je vais recevoir ?"])
def test_the_48n_to_come_is_said_registered_with_ar_and_the_fine_refunded(domain, text):
    # R15 (R.223-4: « lettre recommandée avec demande d'avis de réception »), R16 (L.223-6: the stage « se substitue à
    # l'amende », refunded when done within the 4 months)
    from actions import answers
    from tests.actions.test_answers import run
    tracker = make_tracker(slots={"licence_date": "2025-03-10", "supervised_driving": False, "offence_type": "phone",
                                  "last_offence_points": 3, "current_balance": 8},
                           intent="ask_letter", text=text, entities=parsed(text, TODAY))
    _, answer = run(answers.ActionAnswerLetter(), tracker, domain)
    assert "lettre 48N, envoyée en lettre recommandée avec avis de réception" in answer, answer
    assert "l'amende est remboursée" in answer and "article L.223-6" in answer and "article R.223-4" in answer


# -- 2. offences since, told with "plein d'excès", "plusieurs excès de vitesse" ------------------------------------

@pytest.mark.parametrize("text", ["plein d'excès depuis", "j'ai eu plusieurs excès de vitesse depuis",
                                  "mais j'ai pris 2 excès de vitesse depuis", "et plein d'amendes depuis hein"])
def test_several_offences_since_told_after_a_one_point_recovery_change_it(domain, text):
    # R8: the point comes back after 6 months only if no offence with a retrait is committed meanwhile; R9: the full
    # recovery needs 2 or 3 years without one. Offences since: neither can be counted as if there were none (R10)
    from tests.actions.test_what_if import Conversation, recovery_of_one_point
    chat = recovery_of_one_point(domain)
    assert "28 février 2027" in chat.reply
    reply = chat.say(text, "inform", corrections.ActionApplyCorrection())
    assert "28 février 2027" not in reply and "31 août 2028" not in reply, reply
    assert "avec des infractions depuis" in reply and "règle des 10 ans" in reply


@pytest.mark.parametrize("text", [
    "j'ai perdu 4 points pour un stop payé le 8 mars 2022, et plein d'excès depuis, je les récupère quand ?",
    "stop payé le 8 mars 2022 (4 points), j'ai eu plusieurs excès de vitesse depuis, je récupère quand ?",
])
def test_several_offences_since_told_in_the_question_are_not_a_full_recovery(domain, text):
    from actions import answers
    from tests.actions.test_answers import run
    tracker = make_tracker(intent="ask_auto_recovery", text=text, entities=parsed(text, TODAY),
                           slots={"last_offence_points": 4, "offence_type": "stop_sign",
                                  "fine_payment_date": "2022-03-08"})
    _, answer = run(answers.ActionAnswerAutoRecovery(), tracker, domain)
    assert "8 mars 2025" not in answer and "8 mars 2032 (règle des 10 ans)" in answer, answer


# -- 6. the AAC not told, when it changes the probationary ceiling counted (R5-R7) ----------------------------------

LETTER_TO_COME = "téléphone au volant, je vais recevoir quoi comme courrier ?"


def _letter_answer(domain, **slots) -> str:
    from actions import answers
    from tests.actions.test_answers import run
    tracker = make_tracker(slots={"licence_date": "2025-03-10", "offence_type": "phone", "last_offence_points": 3,
                                  **slots},
                           intent="ask_letter", text=LETTER_TO_COME, entities=parsed(LETTER_TO_COME, TODAY))
    return run(answers.ActionAnswerLetter(), tracker, domain)[1]


def test_the_ceiling_counted_without_the_aac_told_says_the_aac_s(domain):
    # licence 10 March 2025, offence 1 June 2026 (after the first anniversary): 8 points without AAC, 9 with (R5);
    # the balance before the offence is that ceiling, so the AAC changes the answer: said, and asked for
    answer = _letter_answer(domain, offence_date="2026-06-01")
    assert "le plafond du permis probatoire ce jour-là : 8 points" in answer
    assert "après une conduite accompagnée (AAC)" in answer and "le plafond serait de 9 points" in answer, answer
    assert "dites-le-moi" in answer


@pytest.mark.parametrize("slots", [
    {"offence_date": "2026-06-01", "supervised_driving": False},  # told: nothing to say
    {"offence_date": "2026-06-01", "supervised_driving": True},
    {"offence_date": "2025-12-01"},  # before the first anniversary: 6 points either way
])
def test_the_aac_is_not_said_when_told_or_when_it_changes_nothing(domain, slots):
    assert "le plafond serait de" not in _letter_answer(domain, **slots)


def test_the_aac_told_gives_its_ceiling(domain):
    assert "le plafond du permis probatoire ce jour-là : 9 points" in _letter_answer(
        domain, offence_date="2026-06-01", supervised_driving=True)


# -- 5. "non il a PAS reçu de 48N, juste l'amende": a fact (no letter yet) with the rest of the message -------------

C40_OPENING = ("slt, mon mec a eu son permis le 5 janvier 2024, il a pris 3 points pour un feu... non un stop, le 12 "
               "decembre 2026 il a reçu l'avis. il a une 48N ?")


@pytest.mark.parametrize("text", [
    "non il a PAS reçu de 48N, juste l'amende le 12 novembre, pas encore payée",
    "NON elle a pas eu de 48N, seulement l'avis de contravention, pas encore réglé",
    "non j'ai pas reçu la 48N, juste le PV, je l'ai pas encore payé",
])
def test_no_48n_received_and_the_fine_not_paid_is_why_no_letter_came(domain, text):
    # R2 example 4: the fine not paid, no point is withdrawn yet; the 48N follows the retrait of an offence of 3 points
    # or more in probation (R15). Not the offence's answer again, nor the probation's form
    slots = {"licence_date": "2024-01-05", "last_offence_points": 3, "offence_class": "c4", "letter_code": "48N",
             "last_question": "action_answer_offence_points"}
    history = [user_said(C40_OPENING, "ask_mandatory_stage"),
               {"event": "slot", "name": "licence_date", "value": "2024-01-05"},
               {"event": "action", "name": "action_answer_mandatory_stage"},
               {"event": "slot", "name": "last_question", "value": "action_answer_offence_points"}]
    tracker = make_tracker(slots=slots, history=history, intent="deny", text=text, entities=parsed(text, TODAY))
    dispatcher = CollectingDispatcher()
    events = asyncio.run(corrections.ActionApplyCorrection().run(dispatcher, tracker, domain))
    said = "\n".join(m.get("text") or "" for m in dispatcher.messages)
    assert said.startswith("Pas encore : tant que l'amende n'est pas payée, aucun point n'est retiré"), said
    assert "entraîne une lettre 48N" in said and "12 novembre" not in said
    assert not any(e.get("event") == "followup" for e in events)
    assert _slots_set(events).get("licence_date") in (None, "2024-01-05")
