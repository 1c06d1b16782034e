"""Tester T40 (replays on 1 December 2026), items of branch h91: a stage across today, a payment after probation."""
from __future__ import annotations

import pytest

from actions import answers, forms
from tests.actions.conftest import parsed
from tests.actions.test_t31_h70 import FormConversation
from tests.actions.test_what_if import mapped_slots

pytestmark = pytest.mark.usefixtures("first_of_december")
TODAY = "2026-12-01"

# --- t40-c28: 48N received 31 July 2026 (deadline 30 November 2026), stage on 30 November – 1 December (R15, R16)

C28 = ("Salut. La 48N je l'ai reçue le 31 juillet 2026 (recommandé, j'ai signé l'AR ce jour là). Le stage que j'ai "
       "trouvé c'est le 30 novembre et 1er décembre. C'est bon ou trop tard ?")


def late_stage(domain) -> FormConversation:
    slots = mapped_slots(parsed(C28, TODAY), domain)
    return FormConversation(domain, C28, "ask_letter", answers.ActionAnswerLetter(), slots, today=TODAY)


def test_a_stage_across_today_ends_today_not_next_year(domain):
    # t40-c28: "donc mon stage du 30 nov - 1er dec il compte ou pas ?" on 1 December 2026 got "Le stage se terminera le
    # 1er décembre 2027": the yearless first day, yesterday, was read as next year's; the stage is under way and ends
    # today, a day after the 48N's deadline of 30 November 2026: too late, no refund (R15, R16)
    chat = late_stage(domain)
    reply = chat.say_in_form("donc mon stage du 30 nov - 1er dec il compte ou pas ?", "ask_stage_eligibility",
                             "stage_eligibility_form", forms.ValidateStageEligibilityForm(),
                             answers.ActionAnswerStageEligibility())
    assert chat.slots["stage_first_day"] == "2026-11-30"
    assert "2027" not in reply, reply
    assert "terminé le 1er décembre 2026, après la date limite du 30 novembre 2026" in reply, reply
    assert "l'amende n'est pas remboursée" in reply


@pytest.mark.parametrize("words, expected", [("30 nov - 1er dec", "2026-11-30"), ("le 30 novembre", "2027-11-30"),
                                             ("les 29 et 30 novembre", "2027-11-29"),
                                             ("les 1er et 2 décembre", "2026-12-01")])
def test_a_yearless_stage_is_next_year_s_only_once_both_days_are_past(words, expected):
    from datetime import date
    from actions import slot_values
    assert slot_values.next_stage_day(expected[:4] == "2027" and expected.replace("2027", "2026") or expected, words,
                                      date(2026, 12, 1)) == expected
