"""The day of an offence told first by its month ("un excès en juillet"), given later without a cue, is that
offence's day, not the stage's the question is about (tester T7 c13; R7: the first offence in probation freezes the
ceiling on the day it is committed)."""
from __future__ import annotations

import asyncio

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions import forms
from tests.actions.conftest import make_tracker, parsed, user_said

FIRST = ("Bjr, jsuis en permis probatoire depuis le 15/09/2024, j'ai perdu 2 points pour un exces de 22 km/h en "
         "juillet, jpeux faire un stage volontaire ?")
ASKED = ("Sans la date exacte de l'infraction, j'ai compté le plafond de 6 points, celui d'une infraction commise avant "
         "le 15 septembre 2025 : la première infraction en période probatoire arrête les majorations (article L.223-1 "
         "du Code de la route). Commise à partir du 15 septembre 2025, elle laisse un plafond de 8 points : "
         + forms.OFFENCE_DAY_ASKED)


def _stage_form(domain, text, offence_month="2026-07", bot_said=ASKED, today="2026-12-01"):
    history = [user_said(FIRST, "ask_stage_eligibility"), user_said("Non, jamais", "deny"),
               user_said("je sais pas", "dont_know"), {"event": "bot", "text": bot_said}]
    for event in history:
        if event["event"] == "user":
            event["parse_data"]["entities"] = parsed(event["text"], today)
    tracker = make_tracker(
        intent="ask_points_after_stage", text=text, entities=parsed(text, today), history=history,
        form="points_after_stage_form",
        slots={"licence_date": "2024-09-15", "previous_stage_date": "none", "last_offence_points": 2,
               "offence_type": "speeding", "speed_excess": 22, "offence_date": offence_month,
               "probation_offence": True, "last_question": "action_answer_stage_eligibility"})
    return asyncio.run(forms.ValidatePointsAfterStageForm().run(CollectingDispatcher(), tracker, domain))


def _set(events):
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot" and e["name"] != "requested_slot"}


@pytest.mark.parametrize("text", [
    "juillet 2026, le 14. donc je recupere combien avec le stage ?",
    "le 14 juillet. et avec un stage je récupère combien ?",
    "c'était le 14 juillet 2026, et du coup un stage me rendrait combien ?",
])
@pytest.mark.parametrize("offence_month", ["2026-07", None])
def test_the_day_of_the_offence_told_after_its_month_is_not_the_stage_s(domain, first_of_december, text, offence_month):
    # by the month told with the offence, or as the answer to the assistant's request for the offence's date
    set_ = _set(_stage_form(domain, text, offence_month=offence_month))
    assert set_.get("offence_date") == "2026-07-14" and "stage_first_day" not in set_


@pytest.mark.parametrize("day", ["2027-01-14", "2026-07"])
def test_a_day_to_come_or_a_month_is_no_offence_day(first_of_december, day):
    # "le 14 janvier" to come is no offence's day (the stage asked about, R12); a month alone completes nothing
    tracker = make_tracker(slots={"offence_date": "2026-07"}, text="",
                           history=[{"event": "bot", "text": ASKED}])
    assert not forms.offence_day_told(tracker, day)
    assert forms.offence_day_told(tracker, "2026-07-14")


def test_a_past_day_outside_the_offence_month_without_the_request_is_not_the_offence_s(domain, first_of_december):
    set_ = _set(_stage_form(domain, "le 14 octobre, je récupère combien avec le stage ?", bot_said="D'accord."))
    assert "offence_date" not in set_


@pytest.mark.parametrize("text", ["le 14 juillet", "c'était le 14/07/2026"])
def test_the_day_of_the_offence_given_alone_after_the_request_is_the_offence_s(first_of_december, text):
    # to the answer's "dites-moi sa date", outside a form: the offence's day, not the last date slot set (R7)
    from actions import corrections
    tracker = make_tracker(intent="inform", text=text, entities=parsed(text, "2026-12-01"),
                           slots={"licence_date": "2024-09-15", "previous_stage_date": "2026-03-02",
                                  "last_offence_points": 2, "offence_type": "speeding", "speed_excess": 22,
                                  "last_question": "action_answer_stage_eligibility"},
                           history=[user_said(FIRST, "ask_stage_eligibility"), {"event": "bot", "text": ASKED}])
    dispatcher = CollectingDispatcher()
    events = asyncio.run(corrections.ActionApplyCorrection().run(dispatcher, tracker, {}))
    assert {"event": "slot", "timestamp": None, "name": "offence_date", "value": "2026-07-14"} in events
