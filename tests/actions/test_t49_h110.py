"""Tester T49 (replay of T48 on 1 December 2026), the items of helper h110: c17 (a stage before the judgment saves the
licence too, R18), c05 (the licence's month told in the first message, R5, R7, R15), c19 (a payment's year that is
enough, R9), c29 (the stage's days told at the first message, R12)."""
from __future__ import annotations

import pytest

from actions import answers, corrections
from tests.actions.conversation import opened

pytestmark = pytest.mark.usefixtures("first_of_december")
TODAY = "2026-12-01"

C17_FIRST = ("Bonjour, je suis suspendu 3 mois depuis le 15 novembre (alcool 0,9 g). Est-ce que je peux faire un stage "
             "pendant la suspension pour récupérer des points ? Il me reste 6 points je crois.")


def test_c17_a_stage_done_before_the_judgment_saves_the_licence_too(domain):
    # 6 points, a 6-point délit not yet judged: the retrait comes once the conviction is final (R2); a stage done now
    # is credited first (6 → 10) and the retrait taken afterwards (4): said with the stage after the decision (R18)
    c = opened(domain, C17_FIRST, "ask_suspension", answers.ActionAnswerSuspension(), today=TODAY)
    reply = c.say("en fait j'avais 6 points avant l'alcool. pas encore jugé, audience en janvier", "inform",
                  corrections.ActionApplyCorrection())
    assert "Le solde tombe à 0 point" in reply
    assert "Un stage fait dès maintenant, tant que l'infraction n'est pas établie" in reply, reply
    assert "solde de 10 points" in reply and "solde final 4 points" in reply
    assert "Un seul stage par an rend des points" in reply


C05_FIRST = ("Bonjour, mon fils de 19 ans a son permis depuis mars 2025, il s'est fait contrôler à 0,3 g/l d'alcool dans "
             "le sang samedi dernier. Il va perdre combien de points et est-ce qu'il garde son permis ?")


def test_c05_the_licence_s_month_of_the_first_message_gives_the_ceiling_of_its_2nd_year(domain):
    # licence in March 2025, offence on 28 November 2026: 2nd year, ceiling 8 (R5); 8 − 6 = 2 once established, a 48N
    # (R15), and no "toujours le cas en première année" warning of a 48SI (R20)
    c = opened(domain, C05_FIRST, "ask_offence_points", answers.ActionAnswerOffencePoints(), today=TODAY)
    assert "retrait de 6 points" in c.reply and "lettre 48N" in c.reply
    assert "première année" not in c.reply, c.reply
    assert "plafond du permis probatoire ce jour-là : 8 points" in c.reply
    assert "Il lui restera 2 points une fois le retrait fait" in c.reply


def test_c05_in_the_first_year_the_48si_is_said(domain):
    # the same offence for a licence of June 2026: 6 points at most in the 1st year, the retrait takes them all (R3, R20)
    c = opened(domain, C05_FIRST.replace("mars 2025", "juin 2026"), "ask_offence_points",
               answers.ActionAnswerOffencePoints(), today=TODAY)
    assert "le fait tomber à 0 point" in c.reply and "lettre 48SI" in c.reply, c.reply
    assert "Il lui restera" not in c.reply
