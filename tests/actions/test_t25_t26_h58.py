"""T25/T26 (outside testers' replays of 4 December 2026), items of branch h58."""
from __future__ import annotations

import pytest

from actions import answers
from tests.actions.conftest import parsed
from tests.actions.test_what_if import Conversation, mapped_slots

C27_FIRST = "mon pere a 78 ans il a perdu des points pour un refus de priorite a un pieton, combien ?"


@pytest.mark.parametrize("text", [
    "il avait tous ses points, il a payé le 2 novembre. il lui reste combien et il les recupere quand",
    "il avait le max, il a payé le 2 novembre. il lui reste combien ?",
    "il avait 12 points, il a payé le 2 novembre. il lui reste combien ?",
])
def test_all_his_points_before_the_offence_is_12_and_the_balance_is_answered(domain, first_of_december, text):
    # T25 c27: "il avait tous ses points" is the full balance (12, R1) before the pedestrian priority (6 points, R4):
    # 12 - 6 = 6 is the answer to "il lui reste combien", not the téléservice alone
    chat = Conversation(domain, C27_FIRST, "ask_offence_points", answers.ActionAnswerOffencePoints(),
                        mapped_slots(parsed(C27_FIRST, "2026-12-01"), domain), today="2026-12-01")
    assert "6 points" in chat.reply
    reply = chat.say(text, "ask_check_balance", answers.ActionAnswerCheckBalance())
    assert "6 points" in reply, reply

