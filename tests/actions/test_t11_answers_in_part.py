"""Outside tester T11 (1 December 2026): a question about one part of a card gets that part, and a card given just
before is not given again in full."""
from __future__ import annotations

import pytest

from actions import answers, informational
from tests.actions.test_answers import run
from tests.actions.test_probation_facts import told

pytestmark = pytest.mark.usefixtures("first_of_december")
DAY = "2026-12-01"


@pytest.mark.parametrize("text", [
    "g reservé un stage pr le 12 decembre mais jpeu pa y aller, je peux annuler ?",  # T11 c20: got the whole card
    "je suis inscrite au stage du 17, je peux le reporter ?",
    "stage réservé pour samedi mais je ne peux plus y aller, je suis remboursé ?",
])
def test_a_booking_to_cancel_gets_the_cancellation_not_the_card(text):
    answer = informational.stage_info_for(text)
    assert answer.startswith("Annulation ou report") and answer != informational.STAGE_INFO


@pytest.mark.parametrize("text", ["comment réserver un stage ?", "je voudrais m'inscrire à un stage"])
def test_a_registration_asked_still_gets_how_to_register(text):
    assert informational.stage_info_for(text).startswith("Inscrivez-vous")


def test_a_stage_asked_after_the_48si_card_does_not_give_the_card_again(domain):
    # T11 c06: the 6 bullets of the 48SI card came back word for word after "je peux faire un stage pour sauver mon
    # permis ?"; R14 example 1, R20
    first = "Je suis à 0 point, j'ai reçu une lettre 48SI le 15 novembre. Qu'est-ce que je dois faire ?"
    _, card = run(answers.ActionAnswerZeroPoints(), told(domain, first, "ask_zero_points", today=DAY), domain)
    assert "Un examen médical et psychotechnique" in card
    text = "pas encore, je peux faire un stage pour sauver mon permis ?"
    history = [{"event": "user", "text": first}, {"event": "bot", "text": card}]
    _, answer = run(answers.ActionAnswerZeroPoints(),
                    told(domain, text, "ask_zero_points", today=DAY, history=history,
                         slots={"letter_code": "48SI", "letter_48n_date": "2026-11-15", "current_balance": 0,
                                "licence_status": "invalidated"}), domain)
    assert "Un stage ne peut donc plus sauver votre permis" in answer
    # the card's result once, not its bullets
    assert card.splitlines()[0] in answer and "Un examen médical et psychotechnique" not in answer
    assert "au plus tard le 25 novembre 2026" in answer  # its dated line is kept


def test_a_stage_asked_at_once_after_the_48si_still_gets_the_dates(domain):
    text = "j'ai reçu la 48SI le 15 novembre, je peux faire un stage pour sauver mon permis ?"
    _, answer = run(answers.ActionAnswerZeroPoints(), told(domain, text, "ask_zero_points", today=DAY), domain)
    assert "Un stage ne peut donc plus sauver votre permis" in answer and "25 novembre 2026" in answer


@pytest.mark.parametrize("message, said, read, meant", [
    # T11 c03: "Quel jour de mars 2026 ?" for a stage still to do, on 1 December 2026
    ("il ne l'a pas encore fait, il hesite entre janvier ou mars", "mars", "2026-03", "2027-03"),
    ("je l'ai pas fait encore, ce sera en février", "février", "2026-02", "2027-02"),
    ("jamais fait de stage, je compte le faire le 10 janvier", "le 10 janvier", "2026-01-10", "2027-01-10"),
])
def test_a_stage_denied_as_done_is_a_stage_to_come(message, said, read, meant):
    from datetime import date

    from actions.slot_values import nearest_stage_day, stage_said_done
    assert not stage_said_done(message)
    assert nearest_stage_day(read, said, message, date(2026, 12, 1)) == meant


def test_a_stage_told_as_done_keeps_its_past_month():
    from datetime import date

    from actions.slot_values import nearest_stage_day
    assert nearest_stage_day("2026-03", "mars", "je l'ai fait en mars", date(2026, 12, 1)) == "2026-03"
