"""Tester T55 (replays on 1 December 2026), items of branch h130: the compulsory stage's points after a recent
stage in the balance's line, ..."""
from __future__ import annotations

import pytest

from actions import answers
from tests.actions.conversation import opened

pytestmark = pytest.mark.usefixtures("first_of_december")
TODAY = "2026-12-01"

# --- t55-c19: probation, a voluntary stage of May 2026, then a 48N received on 10 November 2026 (R13, R15, R17)

C19 = ("Bonjour, jeune permis (obtenu en septembre 2024). J'avais fait un stage volontaire les 12 et 13 mai 2026 après "
       "avoir perdu 2 points. Là j'ai reçu une 48N le 10 novembre pour un excès de 32 km/h. Je dois vraiment refaire un "
       "stage ? Et il me rendra des points ?")


def test_the_balance_does_not_promise_points_from_the_compulsory_stage(domain):
    # t55-c19: the balance's line on the 48N said "fait dans ce délai, il rend des points", against the first turn:
    # the stage of 12 May 2026 gave points, none from another before 12 May 2027, after the deadline of 10 March 2027
    # (R13, R17); and it called the letter's receipt "l'infraction du 10 novembre 2026"
    chat = opened(domain, C19, "ask_stage_eligibility", answers.ActionAnswerStageEligibility(), TODAY)
    assert "ne rendra pas de points (pas avant le 12 mai 2027)" in chat.reply
    reply = chat.say("ok merci. et il me reste combien de points là ? les 2 points c'était en mars 2025",
                     "ask_check_balance", answers.ActionAnswerCheckBalance())
    assert reply.startswith("Votre solde est aujourd'hui de 3 points sur 6"), reply
    assert "il rend des points" not in reply, reply
    assert "il ne rend aucun point (votre dernier stage avec points date du 12 mai 2026" in reply, reply
    assert "pas avant le 12 mai 2027), mais il reste obligatoire" in reply, reply
    assert "L'infraction du 10 novembre 2026" not in reply, reply
    assert "L'infraction de votre lettre 48N (3 points)" in reply, reply
