"""Tester T62 (a fresh tester on integ33 d0f644c, today 1 December 2026), items of branch h145: dates misread or lost
in a stage's conversation: a day answering "Quel jour de <mois> ?" is that month's day, even said with "je te l'ai
dit" or "mettons", and never a balance (c05, c25); ..."""
from __future__ import annotations

import pytest

from actions import forms
from tests.actions.conftest import make_tracker
from tests.actions.conversation import FormConversation

pytestmark = pytest.mark.usefixtures("first_of_december")
TODAY = "2026-12-01"

DAY_ASKED = "Le jour exact compte pour un stage (janvier 2027 ne suffit pas). Quel jour de janvier 2027 ? Par exemple : le 12."


def _january_stage_day_asked(domain):
    chat = FormConversation.before_first_message(domain, TODAY)
    chat.read_by_form("Bonjour ! Combien de points je récupère si je fais un stage en janvier ?",
                      "ask_points_after_stage", "points_after_stage_form", forms.ValidatePointsAfterStageForm(),
                      question=DAY_ASKED, asks="stage_first_day")
    assert chat.slots.get("date_awaiting_precision") == "stage_first_day=2027-01", chat.slots
    return chat


@pytest.mark.parametrize("text, intent, read", [
    ("j'en sais rien je t'ai dit ! mettons le 20", "dont_know", "2026-11-20"),
    ("mettons le 20", "inform", "2026-11-20"),
    ("disons le 20", "inform", "2026-11-20"),
    ("le 20, je te l'ai dit", "inform", "2026-11-20"),
    ("je sais pas, on va dire le 20", "dont_know", "2026-11-20"),
])
def test_a_day_answering_the_day_of_the_month_asked(domain, text, intent, read):
    # t62-c25: "mettons le 20" to "Quel jour de janvier 2027 ?" became a stage of 20-21 November 2026 "qui vous a
    # rendu" points, in the past; t62-c05: "le 14, je te l'ai dit" to "Quel jour de décembre 2026 ?", 14 November:
    # the 20th of the month asked, a stage to come (effect 22 January 2027, R12)
    chat = _january_stage_day_asked(domain)
    chat.read_by_form(text, intent, "points_after_stage_form", forms.ValidatePointsAfterStageForm(),
                      requested="stage_first_day", stage_first_day=read)
    assert chat.slots.get("stage_first_day") == "2027-01-20", (chat.form_said, chat.slots)


@pytest.mark.parametrize("text", [
    "j'en sais rien je t'ai dit ! mettons le 20",
    "je te dis le 20",
    "je t'ai dit le 15 !",
])
def test_a_day_said_is_no_balance_above_the_maximum(text):
    # t62-c25: "mettons le 20" answered "un solde de 20 points n'est pas possible"
    from actions.follow_ups import balance_shown_above_maximum
    assert balance_shown_above_maximum(make_tracker(text=text)) is None


def test_a_balance_shown_above_the_maximum_still_answered():
    from actions.follow_ups import balance_shown_above_maximum
    assert "15 points n'est pas possible" in balance_shown_above_maximum(make_tracker(text="donc pk le site me dit 15 ?"))
