"""Tester T51 (replays on 1 December 2026), items of branch h119: wrong answers over several turns."""
from __future__ import annotations

import pytest

from actions import answers, corrections, fallback
from tests.actions.conversation import opened

pytestmark = pytest.mark.usefixtures("first_of_december")
TODAY = "2026-12-01"

# --- t51-c01: licence since 2010, "plusieurs amendes", then the two told one by one and "c'est tout" (R8, R9, R10)

C01 = "j'ai le permis depuis 2010 et j'ai eu plusieurs amendes, je voudrais savoir ou j'en suis"
C01_FIRST = ("combien il me reste de points. la premiere c'etait un telephone au volant le 10 mars 2025, payée le 20 "
             "mars 2025")
C01_SECOND = ("attendez j'ai pas fini. la 2eme c'est un exces de vitesse, flashé à 101 sur une route à 90 le 14 fevrier "
              "2026, payé le 1er mars 2026. c'est tout")


def test_offences_listed_and_closed_are_all_of_them(domain):
    # t51-c01: "Avec des infractions commises régulièrement depuis" and the 10-year rule alone, four times; the two
    # offences told are all of them: 12 − 3 − 1 = 8 on 1 March 2026, the single point back on 1 September 2026 (R8),
    # 9 today; 12 on 1 March 2029, 3 years after the last payment (R9)
    chat = opened(domain, C01, "inform", corrections.ActionApplyCorrection(), TODAY)
    chat.say(C01_FIRST, "nlu_fallback", fallback.ActionSuggestQuestions())
    chat.say(C01_SECOND, "inform", corrections.ActionApplyCorrection())
    reply = chat.say("ok mais du coup j'ai combien de points aujourd'hui ? et je récupère mes 12 quand ?",
                     "ask_check_balance", answers.ActionAnswerCheckBalance())
    assert "régulièrement" not in reply and "2035" not in reply, reply
    assert reply.startswith("Solde aujourd'hui : 9 points"), reply
    assert "maximum de points le 1er mars 2029" in reply, reply
    assert "revenu le 1er septembre 2026" in reply, reply


@pytest.mark.parametrize("messages, since", [
    ([C01, C01_FIRST, C01_SECOND], False),
    ([C01, C01_FIRST, "y en a pas eu d'autres que ces 2 la"], False),
    ([C01, C01_FIRST, "aucune autre amende"], False),
    ([C01, C01_FIRST], True),
    (["amende payée le 10 mai 2016, et depuis des PV régulièrement"], True),
    (["amende payée le 10 mai 2016, et depuis des PV régulièrement", "pas d'autres questions"], True),
    (["j'ai eu plusieurs PV depuis, c'est tout ce que je sais"], True),
])
def test_offences_since_closed_by_a_later_list(messages, since):
    from actions.forms import offences_said_since
    from tests.actions.conftest import make_tracker
    events = [{"event": "user", "text": m, "parse_data": {"intent": {"name": "inform"}, "entities": []}}
              for m in messages]
    tracker = make_tracker(slots={}, text=messages[-1], entities=[], intent="inform", history=events[:-1])
    assert offences_said_since(tracker) is since

