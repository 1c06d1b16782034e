"""Testers T45–T48 (replays on 1 December 2026), items of branch h107: a lone point back after a probation offence
does not fill the licence (R7.4)."""
from __future__ import annotations

import pytest

from actions import answers
from tests.actions.conversation import opened

pytestmark = pytest.mark.usefixtures("first_of_december")
TODAY = "2026-12-01"

# --- t47a-c09: licence 1 September 2023, a 1-point excess on an 80 road committed 28 July 2026 (in probation),
# paid 15 August 2026 (R7, R8)

C09 = ("Bonjour, j'ai eu mon permis le 1er septembre 2023. J'ai eu un excès de vitesse (1 point) payé le 15 août "
       "2026. Est-ce que je vais avoir mes 2 points au 1er septembre ?")
C09_KNOWN = dict(licence_date="2023-09-01", supervised_driving=False, complementary_training=False,
                 offence_date="2026-07-28", fine_payment_date="2026-08-15", last_offence_points=1.0,
                 speed_limit=80.0)


def test_a_lone_point_back_after_a_probation_offence_is_not_the_maximum(domain):
    # t47a-c09: « Si ce point était le seul qui vous a été retiré, votre permis est alors au maximum » while the point
    # back on 15 February 2027 brings him to 10 of 12: the 12 points come on 15 August 2028 only (R7.4)
    chat = opened(domain, C09, "ask_check_balance", answers.ActionAnswerCheckBalance(), TODAY, **C09_KNOWN)
    print(chat.reply)
    assert "revient le 15 février 2027" in chat.reply, chat.reply
    assert "au maximum ;" not in chat.reply and "était le seul" not in chat.reply
    assert "Sans nouvelle infraction, votre permis retrouvera son maximum de points le 15 août 20" in chat.reply
    reply = chat.say("donc le 15 fevrier 2027 j'aurai 12 points ?", "ask_check_balance",
                     answers.ActionAnswerCheckBalance())
    print(reply)
    assert "au maximum ;" not in reply and "était le seul" not in reply
