"""Law answers of tester T16's conversations (BOT_TODAY=2026-12-01), each with 2–3 wordings: the single point of
the last offence told after offences "since" (c19, R8), ..."""
from __future__ import annotations

import pytest

from actions import answers
from tests.actions.test_t7_facts_read import Chat

pytestmark = pytest.mark.usefixtures("first_of_december")


# --- T16 c19: offences regularly since 2016, the last one cost 1 point, paid 3 October 2026 -----------------------

@pytest.mark.parametrize("text", [
    "J'ai eu une amende pour téléphone au volant payée le 10 mai 2016, et depuis je prends des PV régulièrement "
    "(petits excès de vitesse, 1 point à chaque fois). J'ai entendu parler d'une règle des 10 ans, elle s'applique à "
    "moi ?",  # T16 c19
    "un stop payé le 4 juin 2016 et depuis plein de flashs à 1 point, la règle des 10 ans joue pour moi ?",
])
def test_the_last_single_point_comes_back_after_six_months_despite_the_offences_before(domain, text):
    # R8 with CE 04/12/2017: the offences since were committed before the last one, they do not block its point
    chat = Chat(domain, text, "ask_auto_recovery", answers.ActionAnswerAutoRecovery(),
                slots={"fine_payment_date": "2026-10-03", "last_offence_points": 1})
    assert "revient le 3 avril 2027, si vous ne commettez pas d'autre infraction" in chat.reply
    assert "3 octobre 2036" in chat.reply  # the 10-year rule stays the latest date (R10)
