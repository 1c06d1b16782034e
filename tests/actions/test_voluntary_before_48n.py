"""A voluntary stage before a 48N still to come, then the compulsory stage asked: within the year it gives no points,
the obligation and the refund stay (R14, R16, R17). Outside tester T7 (BOT_TODAY=2026-12-01): c40."""
from __future__ import annotations

import asyncio

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions import answers, forms
from tests.actions.conftest import make_tracker, parsed

DAY = "2026-12-01"
PROBATION_RED_LIGHT = {"licence_date": "2025-05-03", "offence_type": "red_light", "offence_date": "2026-11-02",
                       "fine_payment_date": "2026-11-10", "last_offence_points": 4, "previous_stage_date": "none"}


@pytest.fixture(autouse=True)
def _first_of_december(first_of_december):
    """The testers' reference date."""


@pytest.mark.parametrize("text, first_day, earliest", [
    ("et si je fais quand même le volontaire maintenant, le stage obligatoire de la 48N après il me redonnera des "
     "points ?", "1er décembre 2026", "1er décembre 2027"),
    ("si je fais un stage volontaire le 10 décembre, le stage obligatoire me rendra aussi des points ?",
     "10 décembre 2026", "10 décembre 2027"),
    ("je fais le stage volontaire tout de suite, et après la 48N j'aurai encore des points avec l'obligatoire ?",
     "1er décembre 2026", "1er décembre 2027"),
])
def test_the_compulsory_stage_after_a_voluntary_one_gives_no_points_within_the_year(domain, text, first_day,
                                                                                      earliest):
    tracker = make_tracker(slots=PROBATION_RED_LIGHT, intent="ask_mandatory_stage", text=text,
                           entities=parsed(text, DAY))
    dispatcher = CollectingDispatcher()
    answers.ActionAnswerMandatoryStage().run(dispatcher, tracker, domain)
    answer = "\n".join(m.get("text") or "" for m in dispatcher.messages)
    assert answer.startswith(f"Non : un stage volontaire commencé le {first_day} vous rendrait des points"), answer
    assert f"ne vous rendrait donc aucun point s'il commence avant le {earliest}" in answer
    assert "il faudra quand même en suivre un dans les 4 mois" in answer and "rembourser l'amende" in answer
    assert "Mieux vaut attendre la lettre 48N" in answer
    # the form asks no date of a letter not received
    form = make_tracker(slots=PROBATION_RED_LIGHT, intent="ask_mandatory_stage", text=text,
                        entities=parsed(text, DAY), form="mandatory_stage_form")
    slots = asyncio.run(forms.ValidateMandatoryStageForm().required_slots(
        ["letter_48n_date", "stage_first_day"], CollectingDispatcher(), form, domain))
    assert slots == []
