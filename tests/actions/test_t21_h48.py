"""Outside tester T21's probation findings (c40, c10, c21), items of branch h48 (BOT_TODAY pinned to 1 December 2026):
the offence of a probationary licence placed in its year from what is told (R5, R7, R12)."""
from __future__ import annotations

import pytest

from actions import answers, corrections
from tests.actions.test_t7_facts_read import Chat

pytestmark = pytest.mark.usefixtures("first_of_december")


# --- c40: licence October 2024 without AAC, 2 points lost at the end of July 2026 (2nd year), 6 points today --------

C40_QUESTION = ("je peux quand meme en faire un pour recuperer mes 2 pts ? jai eu le permis en octobre 2024, jai 6 pts "
                "maintenant je crois")
C40_KNOWN = {"licence_date": "2024-10", "current_balance": 6, "previous_stage_date": "none",
             "supervised_driving": False, "last_offence_points": 2, "offence_class": "c4", "probationary": True}


def c40_after_the_stage_answer(domain) -> Chat:
    chat = Chat(domain, C40_QUESTION, "ask_stage_eligibility", answers.ActionAnswerStageEligibility(), dict(C40_KNOWN))
    assert "de 6 à 8 points" in chat.reply
    return chat


def test_the_day_asked_for_the_payment_month_completes_the_payment_not_the_offence(domain):
    # "le 3" to "Quel jour d'août 2026 ?" is 3 August 2026, the payment's day; the offence stays in July 2026, before
    # the 2nd anniversary (31 October 2026): the ceiling stays 8 (R7), the stage gives 2 points (R12). It was taken
    # for the offence's day, the last 3rd (3 November 2026): ceiling 10, 6 → 10.
    chat = c40_after_the_stage_answer(domain)
    asked = chat.say("payé en aout 2026, infraction fin juillet", "inform", corrections.ActionApplyCorrection())
    assert "Quel jour d'août 2026 ?" in asked
    reply = chat.say("le 3", "inform", corrections.ActionApplyCorrection())
    assert chat.slots["fine_payment_date"] == "2026-08-03" and chat.slots["offence_date"] == "2026-07"
    assert chat.slots.get("date_awaiting_precision") is None
    assert "Il vous rendrait 2 points (plafond 8) : votre solde passerait de 6 à 8 points" in reply, reply
    assert "plafond 10" not in reply and "à 10 points" not in reply

