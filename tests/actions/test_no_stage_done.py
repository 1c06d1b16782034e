""""Je n'ai jamais fait de stage, c'est la date de l'infraction": a denial of any stage forgets a past day read as a
stage's, and the day the user gives back to the offence becomes its date, which sets the probationary ceiling (R5, R7,
R12, R13). Outside tester T8 c13 (BOT_TODAY=2026-12-01): licence of 15/09/2024, no AAC, 8 points on 15/09/2025, an
excess of 22 km/h (2 points) on 14/07/2026 freezes the ceiling at 8, not 6."""
from __future__ import annotations

import asyncio
from typing import Any, Dict

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions import answers, corrections, forms
from tests.actions.conftest import make_tracker, parsed, user_said
from tests.actions.test_answers import run
from tests.actions.test_probation_facts import mapped_slots

DAY = "2026-12-01"
FIRST = ("Bjr, jsuis en permis probatoire depuis le 15/09/2024, j'ai perdu 2 points pour un exces de 22 km/h en "
         "juillet, jpeux faire un stage volontaire ?")
KNOWN = {"licence_date": "2024-09-15", "previous_stage_date": "none", "last_offence_points": 2,
         "offence_type": "speeding", "speed_excess": 22, "probation_offence": True, "supervised_driving": False,
         "balance_unknown": True, "last_question": "action_answer_stage_eligibility"}


@pytest.fixture(autouse=True)
def _first_of_december(first_of_december):
    """The testers' reference date."""


def in_form(domain, text: str, requested: str, form: str) -> Dict[str, Any]:
    """The slots Rasa fills from a message answering `requested` in `form`: every mapping whose entity, role, intent and
    conditions match."""
    slots: Dict[str, Any] = {}
    for name, slot in domain["slots"].items():
        for mapping in slot.get("mappings", []):
            conditions = mapping.get("conditions")
            if mapping.get("type") != "from_entity" or mapping.get("intent") or (conditions and not any(
                    c.get("active_loop") == form and c.get("requested_slot") in (None, requested)
                    for c in conditions)):
                continue
            values = [e["value"] for e in parsed(text, DAY)
                      if e["entity"] == mapping["entity"] and e.get("role") == mapping.get("role")]
            if values:
                slots[name] = values[0]
                break
    return slots


def history(*texts):
    events = [user_said(FIRST, "ask_stage_eligibility"), user_said("Non, jamais", "deny"),
              user_said("je sais pas", "dont_know")]
    for text in texts:
        events.append(user_said(text))
    for event in events:
        event["parse_data"]["entities"] = parsed(event["text"], DAY)
    return events


def stage_day_answered(domain, text: str, known: Dict[str, Any]):
    tracker = make_tracker(intent="inform", text=text, entities=parsed(text, DAY), history=history(),
                           form="points_after_stage_form", requested_slot="stage_first_day", slots=known,
                           new_slots=in_form(domain, text, "stage_first_day", "points_after_stage_form"))
    dispatcher = CollectingDispatcher()
    events = asyncio.run(forms.ValidatePointsAfterStageForm().run(dispatcher, tracker, domain))
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}, \
        "\n".join(m.get("text") or "" for m in dispatcher.messages)


DENIALS = [
    "mais non jai pas fait de stage !! le 14 juillet cest la date de lexces de vitesse",
    "aucun stage, le 14 juillet c'est le jour où j'ai été flashé",
    "j'ai jamais fait de stage moi, le 14/07 c'est la date de l'infraction",
]


@pytest.mark.parametrize("text", DENIALS)
def test_a_day_told_as_the_offence_s_with_a_denial_is_not_the_stage_s(domain, text):
    # T8 c13: to "À quelle date commence (ou a commencé) le stage ?", the stage of 14-15 July 2026 was answered
    set_, said = stage_day_answered(domain, text, {**KNOWN, "offence_date": "2026-07"})
    assert set_.get("stage_first_day") is None and set_.get("offence_date") == "2026-07-14", set_
    assert set_.get("requested_slot") == "stage_first_day"
    assert "C'est noté : vous n'avez fait aucun stage ; le 14 juillet 2026 est la date de l'infraction." in said


def test_the_tester_s_sms_spelling_dates_the_offence():
    assert [e.get("role") for e in parsed(DENIALS[0], DAY) if e["entity"] == "date"] == ["offence"]


@pytest.mark.parametrize("text", [
    "je n'ai jamais fait de stage, c'est la date de l'infraction",
    "non j'ai pas fait de stage, c'était la date de mon excès de vitesse",
    "aucun stage ! c'est la date du pv",
])
def test_a_denial_gives_the_day_read_as_a_stage_s_back_to_the_offence(domain, text):
    # the T8 reading: "juillet 2026, le 14" taken for a stage done; then denied: that day is the offence's, the stage
    # is asked again (a stage to take, not one done)
    set_, said = stage_day_answered(domain, text, {**KNOWN, "offence_date": "2026-07", "stage_first_day": "2026-07-14"})
    assert set_.get("stage_first_day") is None and set_.get("offence_date") == "2026-07-14", set_
    assert "le 14 juillet 2026 est la date de l'infraction" in said


@pytest.mark.parametrize("text", ["non jamais fait de stage", "aucun stage avant"])
def test_a_plain_no_keeps_a_stage_to_come(domain, text):
    # the ordinary answer to the last stage's question: the stage planned stays (a plan is not denied)
    tracker = make_tracker(intent="deny", text=text, entities=parsed(text, DAY), history=history(),
                           form="points_after_stage_form", requested_slot="previous_stage_date",
                           slots={**KNOWN, "previous_stage_date": None, "stage_first_day": "2026-12-14"},
                           new_slots=in_form(domain, text, "previous_stage_date", "points_after_stage_form"))
    assert forms.no_stage_done(tracker) == {}


@pytest.mark.parametrize("text", DENIALS[:2] + ["je n'ai jamais fait de stage, c'est la date de l'infraction"])
def test_after_the_answer_the_denial_corrects_it(domain, text):
    # T8 c13 turn 6, outside the form: the answer had counted a stage of 14-15 July 2026 and a ceiling of 6
    known = {**KNOWN, "offence_date": "2026-07", "stage_first_day": "2026-07-14",
             "last_question": "action_answer_points_after_stage"}
    tracker = make_tracker(intent="inform", text=text, entities=parsed(text, DAY), history=history(), slots=known,
                           new_slots=mapped_slots(domain, text, "inform", DAY))
    dispatcher = CollectingDispatcher()
    events = asyncio.run(corrections.ActionApplyCorrection().run(dispatcher, tracker, domain))
    said = "\n".join(m.get("text") or "" for m in dispatcher.messages)
    set_ = {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
    assert set_.get("offence_date") == "2026-07-14" and set_.get("stage_first_day", "x") is None, (set_, said)
    assert said.startswith("C'est noté : vous n'avez fait aucun stage ; le 14 juillet 2026 est la date de "
                           "l'infraction."), said
    assert "14 et 15 juillet" not in said and "plafond de 6" not in said and "km/h" not in said
    # the stage asked about is still to date: its form asks it
    assert {"event": "followup", "name": "points_after_stage_form", "timestamp": None} in events, events


def test_the_stage_then_counts_the_ceiling_of_8(domain):
    # 15/09/2025: 8 points (no offence in the first year); the excess of 14/07/2026 freezes the ceiling at 8 (R5, R7):
    # the stage gives up to 4 points within 8, not 6
    tracker = make_tracker(intent="ask_points_after_stage", text="", history=history(),
                           slots={**KNOWN, "offence_date": "2026-07-14", "stage_first_day": "2026-12-07",
                                  "balance_unknown": True})
    _, reply = run(answers.ActionAnswerPointsAfterStage(), tracker, domain)
    assert "plafond de 8 points" in reply and "plafond de 6" not in reply, reply
    assert "9 décembre 2026" in reply


@pytest.mark.parametrize("text", [
    "ok donc si je fais un stage volontaire maintenant jaurai combien de points ?",
    "si je fais le stage tout de suite j'aurai combien ?",
    "je voudrais faire un stage dès que possible, ça me rend combien ?",
])
def test_a_stage_taken_now_starts_today(domain, text):
    # T8 c13 turn 7, to the stage's question: "maintenant" is the stage's day (today), the answer follows (R12)
    tracker = make_tracker(intent="ask_points_after_stage", text=text, entities=parsed(text, DAY), history=history(),
                           form="points_after_stage_form", requested_slot="stage_first_day",
                           slots={**KNOWN, "offence_date": "2026-07-14"})
    dispatcher = CollectingDispatcher()
    events = asyncio.run(forms.ValidatePointsAfterStageForm().run(dispatcher, tracker, domain))
    set_ = {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
    assert set_.get("stage_first_day") == DAY and set_.get("requested_slot") is None, set_
    assert "je compte un stage qui commence aujourd'hui, le 1er décembre 2026" in dispatcher.messages[0]["text"]
    _, reply = run(answers.ActionAnswerPointsAfterStage(), make_tracker(
        intent="ask_points_after_stage", text=text, history=history(),
        slots={**KNOWN, "offence_date": "2026-07-14", "stage_first_day": DAY}), domain)
    assert "plafond de 8 points" in reply and "3 décembre 2026" in reply, reply


def test_a_stage_done_asked_now_is_not_one_to_take(domain):
    tracker = make_tracker(intent="ask_points_after_stage", text="j'ai fait un stage, j'en ai combien maintenant ?")
    assert not forms.latest_text_says(tracker, forms._STAGE_NOW)
