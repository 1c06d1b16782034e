"""Outside testers' findings of 1 December 2026, items of branch h38: the 48N refund conversation, the balance after a
fine already paid, and the radar margin (BOT_TODAY pinned to 1 December 2026)."""
from __future__ import annotations

import pytest

from actions import answers, corrections
from tests.actions.conftest import parsed
from tests.actions.test_probation_facts import run, told
from tests.actions.test_what_if import Conversation, mapped_slots

pytestmark = pytest.mark.usefixtures("first_of_december")
TODAY = "2026-12-01"


# --- item 2: the fine paid, the retrait is done (R2): the balance it left is today's, said once, in the present -------

def stop_with_10_points(domain) -> Conversation:
    text = "j'avais 10 points, j'ai grillé un stop, il m'en reste combien ?"
    return Conversation(domain, text, "ask_check_balance", answers.ActionAnswerCheckBalance(),
                        mapped_slots(parsed(text, TODAY), domain), today=TODAY)


@pytest.mark.parametrize("text", [
    "j'ai payé l'amende le 15 novembre",
    "amende réglée le 15/11",
    "je l'ai payée le 15 novembre 2026",
])
def test_the_payment_told_after_the_balance_makes_the_retrait_done(domain, text):
    chat = stop_with_10_points(domain)
    assert "Une fois l'infraction établie" in chat.reply  # (not paid yet: the retrait is to come, R2 example 4)
    reply = chat.say(text, "inform", corrections.ActionApplyCorrection())
    assert "4 points vous ont été retirés le 15 novembre 2026" in reply, reply
    assert "votre solde est passé de 10 points à 6 points" in reply
    assert "Une fois l'infraction établie" not in reply and "restera" not in reply and "passe de" not in reply


@pytest.mark.parametrize("text, lead", [
    ("j'ai payé l'amende le 15 novembre, donc il me reste 6 points ?", "Oui."),
    ("payé le 15 novembre, il m'en reste 6 c'est ça ?", "Oui."),
    ("j'ai payé l'amende le 15 novembre, il me reste 5 points non ?", "Non, pas 5 points."),
])
def test_the_balance_asked_back_after_the_payment_is_confirmed_not_counted_from(domain, text, lead):
    # the figure asked back is the user's sum (10 − 4), not a balance before the retrait: no "6 − 4 = 2"
    chat = stop_with_10_points(domain)
    reply = chat.say(text, "inform", corrections.ActionApplyCorrection())
    assert lead in reply and "2 points" not in reply, reply
    assert "restera" not in reply and "Oui : il vous" not in reply  # (the first line says the balance, once)
    assert "votre solde est passé de 10 points à 6 points" in reply
    assert chat.slots["current_balance"] == 10


@pytest.mark.parametrize("text", [
    "excès de 25 km/h, j'avais 10 points, j'ai payé l'amende le 15 novembre, combien de points je perds ?",
    "j'avais 10 points, flashé à +25, amende payée le 15/11, je perds combien ?",
])
def test_the_offence_answer_after_the_payment_says_the_balance_in_the_present(domain, text):
    tracker = told(domain, text, "ask_offence_points", today=TODAY)
    answer = run(answers.ActionAnswerOffencePoints(), tracker, domain)[1]
    assert "il vous reste 8 points : le retrait a été fait le 15 novembre 2026" in answer, answer
    assert "restera" not in answer and "pas avant" not in answer


def test_a_payment_to_come_keeps_the_retrait_to_come(domain):
    text = "excès de 25 km/h, j'avais 10 points, je vais payer l'amende le 10 décembre, combien de points je perds ?"
    answer = run(answers.ActionAnswerOffencePoints(), told(domain, text, "ask_offence_points", today=TODAY), domain)[1]
    assert "il vous restera 8 points une fois le retrait fait" in answer, answer


# --- item 1: the 48N refund conversation (R15: the stage within 4 months of the letter's receipt; R16: the refund) ----

def refund_form(domain, text: str, slots=None, requested=None, history=None):
    from actions import forms
    from tests.actions.test_forms import run as run_validation
    from tests.actions.conftest import make_tracker
    entities = parsed(text, TODAY)
    intent = "inform" if requested else "ask_refund_48n"
    tracker = make_tracker(intent=intent, text=text, entities=entities, slots=slots, form="refund_48n_form",
                           new_slots=mapped_slots(entities, domain), requested_slot=requested, history=history)
    return tracker, run_validation(forms.ValidateRefund48nForm(), tracker, domain)


@pytest.mark.parametrize("text, deadline", [
    ("j'ai reçu la 48N le 2 octobre, j'ai jusqu'à quand pour être remboursé ?", "2 février 2027"),
    ("48N reçue le 2 octobre, c'est quoi la date limite pour le stage et le remboursement ?", "2 février 2027"),
    ("lettre 48N reçue le 10 octobre, avant quand je dois faire le stage pour récupérer l'amende ?",
     "10 février 2027"),
])
def test_the_deadline_asked_with_the_letter_s_day_is_answered_at_once(domain, text, deadline):
    # the stage's day was asked first; the deadline the user asked needs only the letter's receipt (R15)
    tracker, (slots, messages) = refund_form(domain, text)
    assert slots.get("requested_slot") is None and not messages, (slots, messages)
    _, answer = run(answers.ActionAnswerRefund48n(), told(domain, text, "ask_refund_48n", today=TODAY), domain)
    assert answer.startswith(f"Vous devez terminer le stage obligatoire au plus tard le {deadline}"), answer
    assert "remboursée" in answer and "R.223-4" in answer


def test_the_refund_asked_without_a_deadline_still_asks_the_stage_s_day(domain):
    _, (slots, _) = refund_form(domain, "j'ai reçu une lettre 48N le 10 octobre, je peux me faire rembourser l'amende ?")
    assert slots.get("requested_slot") == "stage_first_day"


@pytest.mark.parametrize("text", ["je l'ai pas encore fait", "pas encore", "je sais pas encore, pas encore de date"])
def test_a_stage_not_done_yet_gets_the_deadline_not_a_misunderstanding(domain, text):
    first = "j'ai reçu une lettre 48N le 10 octobre, je peux me faire rembourser l'amende ?"
    from tests.actions.conftest import user_said
    history = [user_said(first, "ask_refund_48n"), {"event": "slot", "name": "letter_48n_date", "value": "2026-10-10"},
               {"event": "active_loop", "name": "refund_48n_form"}]
    _, (slots, messages) = refund_form(domain, text, slots={"letter_48n_date": "2026-10-10", "letter_code": "48N"},
                                       requested="stage_first_day", history=history)
    assert slots.get("requested_slot") is None, slots
    assert not any("pas compris" in (m or "") for m in messages), messages
    assert any("date limite" in (m or "") for m in messages)


@pytest.mark.parametrize("text", [
    "j'ai reçu une lettre 48N le 10 octobre, j'ai fait le stage le 20 novembre, je peux me faire rembourser l'amende ?",
    "48N reçue le 10 octobre et stage fait le 20 novembre, je peux me faire rembourser ?",
])
def test_the_stage_done_told_with_the_refund_question_is_the_last_one(domain, text):
    # "me faire rembourser" put the stage on 20 November 2027, "après la date limite": no refund (R16)
    tracker = told(domain, text, "ask_refund_48n", today=TODAY)
    assert tracker.get_slot("stage_first_day") == "2026-11-20"
    _, answer = run(answers.ActionAnswerRefund48n(), tracker, domain)
    assert answer.startswith("L'amende payée vous est remboursée"), answer
    assert "10 février 2027" in answer and "2027, après" not in answer


# --- item 3: a speed told as the one kept has the radar's margin deducted already: no "si c'est la vitesse mesurée"
# alternative (R4 edge case; arrêté du 4 juin 2009) -------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "flashé à 87 (retenu) sur une route à 80, combien de points ?",
    "flashé à 87 km/h (retenus) sur une route à 80, je perds combien ?",
    "vitesse retenue 87 sur une route à 80, combien de points ?",
    "retenu 87 sur une route à 80, combien de points ?",
])
def test_a_speed_kept_gets_no_measured_alternative(domain, text):
    tracker = told(domain, text, "ask_offence_points", today=TODAY)
    answer = run(answers.ActionAnswerOffencePoints(), tracker, domain)[1]
    assert answer.startswith("Excès de 7 km/h (87 km/h retenus pour 80 km/h autorisés) : retrait de 1 point"), answer
    assert "vitesse mesurée" not in answer and "Si 87" not in answer and "82 km/h" not in answer
    assert answer.count("marge") <= 1


@pytest.mark.parametrize("text", [
    "flashé à 57 (retenu) en ville, limitée à 50, amende payée le 15 novembre, je récupère mon point quand ?",
    "vitesse retenue 57 en ville à 50, amende payée le 15 novembre, je récupère mon point quand ?",
])
def test_the_recovery_of_a_speed_kept_offers_no_measured_alternative(domain, text):
    tracker = told(domain, text, "ask_auto_recovery", slots={"last_offence_points": 1, "offence_class": "c4"},
                   today=TODAY)
    answer = run(answers.ActionAnswerAutoRecovery(), tracker, domain)[1]
    assert "15 mai 2027" in answer, answer  # R8: the point back 6 months after the payment
    assert "vitesse mesurée" not in answer and "52 km/h" not in answer


@pytest.mark.parametrize("text", [
    "flashé à 57 en ville à 50, amende payée le 15 novembre, je récupère mon point quand et je perds combien de points ?",
    "flashé à 57 en ville à 50, payé le 15 novembre. Je le récupère quand ? Et il me retire combien de points ?",
])
def test_the_radar_margin_is_said_once_in_a_turn_of_two_answers(domain, text):
    # the recovery answered first, then the offence's points (two_part): the margin's reading was in both
    import asyncio

    from rasa_sdk import Tracker
    from rasa_sdk.executor import CollectingDispatcher

    from actions import two_part
    slots = {**mapped_slots(parsed(text, TODAY), domain), "last_offence_points": 1, "offence_class": "c4"}
    chat = Conversation(domain, text, "ask_auto_recovery", answers.ActionAnswerAutoRecovery(), slots, today=TODAY)
    assert "15 mai 2027" in chat.reply
    tracker = Tracker("test", dict(chat.slots), {"text": text, "intent": {"name": "ask_auto_recovery"},
                                                 "entities": parsed(text, TODAY)},
                      chat.events[:-1], False, None, {}, "action_answer_auto_recovery")
    dispatcher = CollectingDispatcher()
    asyncio.run(two_part.ActionAnswerOtherQuestion().run(dispatcher, tracker, domain))
    second = "\n".join(m.get("text") or "" for m in dispatcher.messages)
    assert second.startswith("Excès de 7 km/h (57 km/h retenus pour 50 km/h autorisés)"), second
    turn = chat.reply + "\n" + second
    assert turn.count("Si 57 km/h est la vitesse mesurée") == 1 and turn.count("Nous avons lu 57 km/h") == 1, turn


def test_the_recovery_alone_still_says_how_the_speed_was_read(domain):
    text = "flashé à 57 en ville à 50, amende payée le 15 novembre, je récupère mon point quand ?"
    slots = {**mapped_slots(parsed(text, TODAY), domain), "last_offence_points": 1, "offence_class": "c4"}
    chat = Conversation(domain, text, "ask_auto_recovery", answers.ActionAnswerAutoRecovery(), slots, today=TODAY)
    assert "Si 57 km/h est la vitesse mesurée" in chat.reply
