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
