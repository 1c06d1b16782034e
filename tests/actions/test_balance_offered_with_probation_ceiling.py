"""The balance the form offers from the retraits told ("ce serait 8 points si vous en aviez 12 avant…") starts from the
licence's ceiling on the day of the first offence: 12, or for a probationary licence 6 at the start, +2 a year (+3 with
AAC) up to 12 (R1, R5, R7). Tester T7 (BOT_TODAY=2026-12-01): c13 (licence 15/09/2024, 2 points in July 2026: 8 - 2)
and c40 (licence 3 May 2025 in an aside, red light 2 November 2026: 8 - 4, offered as 12 - 4)."""
from __future__ import annotations

import pytest

from actions import answers
from actions.ask import AskSlot_current_balance
from tests.actions.conftest import make_tracker, parsed
from tests.actions.test_stage_balance_first_day import Chat, mapped

DAY = "2026-12-01"


@pytest.fixture(autouse=True)
def _first_of_december(first_of_december):
    """The testers' reference date."""


def offered(domain, text: str):
    tracker = make_tracker(new_slots={**mapped(domain, text, "ask_stage_eligibility"), "previous_stage_date": "none"},
                           intent="ask_stage_eligibility", text=text, entities=parsed(text, DAY),
                           form="stage_eligibility_form", requested_slot="current_balance")
    return AskSlot_current_balance().question_of_the_case(tracker)


PROBATION = [
    ("Bjr, jsuis en permis probatoire depuis le 15/09/2024, j'ai perdu 2 points pour un exces de 22 km/h en juillet, "
     "jpeux faire un stage volontaire ?", 6, 8),
    ("jsuis en permis probatoire (permis le 3 mai 2025), feu rouge le 2 novembre payé le 10 novembre, jai pas encore "
     "recu de 48N. je fais un stage volontaire maintenant pour pas perdre de temps ?", 4, 8),
    ("permis obtenu le 10 janvier 2024, j'ai perdu 3 points pour le téléphone au volant payé le 5 octobre 2026, un "
     "stage ça me rendrait combien ?", 7, 10),
]


@pytest.mark.parametrize("text, balance, ceiling", PROBATION)
def test_the_balance_offered_starts_from_the_probationary_ceiling_of_the_offence_s_day(domain, text, balance, ceiling):
    question = offered(domain, text)
    assert question is not None
    assert f"ce serait {balance} points si vous en aviez {ceiling} avant l'infraction (le plafond de votre permis " \
           "probatoire à cette date) et aucun autre retrait" in question["text"], question["text"]
    assert "12 avant" not in question["text"]
    assert question["buttons"][0] == {"title": f"{balance} points", "payload": str(balance)}


def test_a_licence_out_of_probation_still_starts_from_12(domain):
    question = offered(domain, "salut, est ce que je peux faire un stage ? jai perdu 4 pts pour un feu rouge en septembre")
    assert "ce serait 8 points si vous en aviez 12 avant et aucun autre retrait" in question["text"]


@pytest.mark.parametrize("text", [
    "je suis en probatoire, j'ai perdu 4 pts pour un feu rouge en septembre, je peux faire un stage ?",
    "jeune conducteur, on m'a retiré 2 points pour un excès de 25 km/h en octobre, un stage c'est possible ?",
])
def test_without_the_licence_s_date_a_probationary_balance_is_not_offered_from_12(domain, text):
    question = offered(domain, text)
    assert question is None or "12 avant" not in question["text"]


def test_the_stage_answer_without_the_balance_counts_the_ceiling_of_the_offence_s_month(domain):
    # c13: the offence told in July 2026 froze the ceiling at 8 (R7), not 6 "avant le 15 septembre 2025"
    chat = Chat(domain)
    answer = chat.say(PROBATION[0][0], "ask_stage_eligibility", answers.ActionAnswerStageEligibility(),
                      {"previous_stage_date": "none", "supervised_driving": False})
    assert "plafond de 6 points" not in answer and "15 septembre 2025" not in answer, answer
