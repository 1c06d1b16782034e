"""Tester report T31 (BOT_TODAY=2026-12-01), helper h71: a fact told again that the answer had already counted, the
two questions of one message, the balance and the full recovery said once after several offences of one check."""
from __future__ import annotations

import pytest

from actions import answers, corrections
from tests.actions.conftest import parsed
from tests.actions.test_what_if import Conversation, mapped_slots

pytestmark = pytest.mark.usefixtures("first_of_december")

TODAY = "2026-12-01"

# --- T31 b18: a parent, the son in probation, 0,3 g/l on 14 November, the fine not paid yet ---------------------------

B18_FIRST = ("Mon fils de 19 ans a eu son permis le 2 février 2025, il s'est fait contrôler avec 0,3 g d'alcool dans le "
             "sang le 14 novembre. Il va perdre son permis ?")


def son_at_0_3(domain) -> Conversation:
    return Conversation(domain, B18_FIRST, "ask_zero_points", answers.ActionAnswerZeroPoints(),
                        mapped_slots(parsed(B18_FIRST, TODAY), domain), today=TODAY)


def test_b18_the_probation_retrait_says_when_the_points_go_and_what_the_48n_stage_gives(domain):
    chat = son_at_0_3(domain)
    reply = chat.reply
    assert reply.startswith("Non : d'après ce que vous m'avez dit, il lui reste 2 points (8 − 6)"), reply
    # R2: nothing is withdrawn before the fine is paid (or the conviction final)
    assert "Ces 6 points ne seront retirés de son permis qu'une fois l'infraction établie" in reply, reply
    # R12, R15: the 48N's stage gives 4 points back, 2 + 4 = 6 (under the ceiling of 8)
    assert "qui rend des points (ici 4 : 2 + 4 = 6 points) et fait rembourser l'amende" in reply, reply


def test_b18_the_offence_day_confirmed_is_said_counted_not_the_answer_again(domain):
    chat = son_at_0_3(domain)
    first = chat.reply
    reply = chat.say("c'était le 14 novembre 2026, il y a 2 semaines", "inform", corrections.ActionApplyCorrection())
    # before: the whole first answer again, word for word (the AAC caveat, "Sans autre retrait…")
    assert reply.startswith("C'est bien ce que j'ai compté : "), reply
    assert "14 novembre 2026" in reply.splitlines()[0]
    assert "conduite accompagnée" not in reply and "Sans autre retrait" not in reply, reply
    assert len(reply) < len(first) / 2, reply
    # the next question still answered with the facts kept
    reply = chat.say("mais il avait 8 points depuis février 2026, il a eu aucune infraction avant. donc il lui reste 2 "
                     "points non ?", "ask_check_balance", answers.ActionAnswerCheckBalance())
    assert "il lui reste 2 points (8 − 6)" in reply, reply
