"""Tester T38 (replays on 1 December 2026), items of branch h86: hypotheses ("et si…") and numbers misread. A stage,
a payment or a wait supposed is no offence to come (R2, R12, R18); a stage told done before a loss to 0 or below
keeps the next one from giving points for a year, so it cannot save the licence before that (R13, R18)."""
from __future__ import annotations

import pytest

from actions import answers, corrections, forms
from tests.actions.test_t31_h70 import FormConversation
from tests.actions.test_what_if import mapped_slots, parsed

pytestmark = pytest.mark.usefixtures("first_of_december")
TODAY = "2026-12-01"


# --- t38-c12: 5 points, 6 lost (alcohol) paid on 2 November 2026, no letter: -1; a stage was done on 9-10 February 2026

C12 = ("Bonjour, je suis à 0 point je crois, j'ai perdu 6 points d'un coup (alcool 0,9 g) payé le 2 novembre 2026, "
       "j'avais 5 points. Je n'ai pas encore reçu de lettre. Est-ce que je peux encore sauver mon permis ?")
C12_STAGE_DONE = "ah mais j'ai fait un stage en février 2026 déjà, le 9 et 10. ça change quelque chose ?"
C12_STAGE_NOW = "je demande si le stage de février m'empêche d'en refaire un maintenant pour sauver mon permis"


def c12_chat(domain) -> FormConversation:
    slots = mapped_slots(parsed(C12, TODAY), domain, "ask_zero_points")
    chat = FormConversation(domain, C12, "ask_zero_points", answers.ActionAnswerZeroPoints(), slots, today=TODAY)
    assert chat.reply.startswith("Votre solde calculé est de -1"), chat.reply
    return chat


def test_c12_a_stage_told_done_keeps_the_next_one_from_saving_the_licence_before_a_year(domain):
    chat = c12_chat(domain)
    reply = chat.say(C12_STAGE_DONE, "inform", corrections.ActionApplyCorrection())
    print(reply)
    # its "10" is the stage's second day, not the points of an offence
    assert "1 à 9 points" not in reply, reply
    # R13: one stage a year, date to date: none gives points before 9 February 2027, so none saves it now (R18)
    assert "qu'à partir du 9 février 2027" in reply, reply
    assert "ne sauverait pas le permis" in reply, reply
    assert "un stage terminé avant cette notification le sauve" not in reply, reply
    assert chat.slots["previous_stage_date"] == "2026-02-09"


def test_c12_the_stage_asked_now_after_it_gives_no_point(domain):
    chat = c12_chat(domain)
    chat.say(C12_STAGE_DONE, "inform", corrections.ActionApplyCorrection())
    reply = chat.say_in_form(C12_STAGE_NOW, "ask_stage_eligibility", "stage_eligibility_form",
                             forms.ValidateStageEligibilityForm(), answers.ActionAnswerStageEligibility())
    print(reply)
    assert reply.startswith("Aucun point"), reply
    assert "à partir du 9 février 2027" in reply, reply
    assert "1er février 2028" not in reply and "solde final 3 points" not in reply, reply
