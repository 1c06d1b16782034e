"""A later stage is credited on the balance after the earlier events: the stage already done (R12, R13) and the points
that come back on their own before it (R5, R7, R8). Outside tester T7 (BOT_TODAY=2026-12-01): c01, c29."""
from __future__ import annotations

import pytest

from actions import answers
from tests.actions.test_stage_balance_first_day import Chat


@pytest.fixture(autouse=True)
def _first_of_december(first_of_december):
    """The testers' reference date."""


# --- T7 c01: 7 points, a stage on 14-15 October 2026 (11), then another stage asked about

FIRST_STAGE = [
    "bonjour j'ai fait un stage de récup de points le 14 et 15 octobre, j'avais 7 points, j'en ai combien maintenant ?",
    "J'avais 7 points et j'ai suivi un stage les 14 et 15 octobre 2026. Combien de points j'ai maintenant ?",
    "stage fait les 14 et 15 octobre, avant j'étais à 7 points, ça me fait combien ?",
]


@pytest.mark.parametrize("text", FIRST_STAGE)
def test_the_stage_done_becomes_the_last_one_and_its_balance_the_users(domain, text):
    chat = Chat(domain)
    reply = chat.say(text, "ask_points_after_stage", answers.ActionAnswerPointsAfterStage(),
                     {"previous_stage_date": "none", "licence_date": "2009"})
    assert reply.startswith("Le stage vous rend 4 points, avec effet au 16 octobre 2026 : votre solde passe de 7 à 11 "
                            "points"), reply
    assert chat.slots["current_balance"] == 11 and chat.slots["previous_stage_date"] == "2026-10-14"
    assert chat.slots["stage_first_day"] is None


@pytest.mark.parametrize("text", FIRST_STAGE[:2])
@pytest.mark.parametrize("second", [
    "et si j'en refais un en mars pour revenir à 12 ?",
    "je peux en refaire un en mars 2027 ?",
])
def test_a_second_stage_within_the_year_gives_nothing_and_later_starts_from_11(domain, text, second):
    # R13: a year from the first day (14 October 2027); then 11 + 1 = 12 (capped, R1), never 7 + 4 again
    chat = Chat(domain)
    chat.say(text, "ask_points_after_stage", answers.ActionAnswerPointsAfterStage(),
             {"previous_stage_date": "none", "licence_date": "2009"})
    reply = chat.say(second, "ask_stage_eligibility", answers.ActionAnswerStageEligibility())
    headline = reply.split("\n")[0]
    assert "14 octobre 2026" in headline and "qu'à partir du 14 octobre 2027" in headline, reply
    assert "votre solde passera de 11 à 12 points" in reply and "de 7 à 11" not in reply
    reply = chat.say(second, "ask_points_after_stage", answers.ActionAnswerPointsAfterStage(),
                     {"stage_first_day": "2027-10-20"})
    assert reply.startswith("Le stage vous rendra 1 point, avec effet au 22 octobre 2027 : votre solde passera de 11 à 12 "
                            "points"), reply


# --- T7 c29: AAC licence of 10 February 2025, 1 point paid 20 June 2026 (8/9 today); stage on 15 March 2027

PROBATION_C29 = {"licence_date": "2025-02-10", "supervised_driving": True, "complementary_training": False,
                 "probation_offence": True, "offence_date": "2026-06", "fine_payment_date": "2026-06-20",
                 "last_offence_points": 1, "offence_class": "c3", "current_balance": 8, "previous_stage_date": "none"}


@pytest.mark.parametrize("text, day", [
    ("et si je fais un stage je peux monter à 12 ?", "2027-03-15"),
    ("si je fais le stage le 15 mars 2027 j'aurai combien ?", "2027-03-15"),
    ("un stage en avril 2027 me remettrait à 12 ?", "2027-04-01"),
])
def test_a_later_stage_counts_the_point_back_before_it(domain, text, day):
    # the point comes back on 20 December 2026 (R8): 9 on the stage's day, probation over on 10 February 2027 (ceiling
    # 12, R5, R7), so the stage gives 3, not 4 from 8
    chat = Chat(domain)
    chat.slots.update(PROBATION_C29)
    reply = chat.say(text, "ask_points_after_stage", answers.ActionAnswerPointsAfterStage(), {"stage_first_day": day})
    assert "votre solde passera de 9 à 12 points" in reply and reply.startswith("Le stage vous rendra 3 points"), reply
    assert "de 8 à 12" not in reply
    assert "votre permis regagne 1 point de lui-même, sans nouvelle infraction : j'ai compté 9 points au début du " \
           "stage (article L.223-6 du Code de la route)." in reply


def test_a_stage_before_the_point_comes_back_starts_from_today_balance(domain):
    chat = Chat(domain)
    chat.slots.update(PROBATION_C29)
    reply = chat.say("et si je le fais le 10 décembre ?", "ask_points_after_stage",
                     answers.ActionAnswerPointsAfterStage(), {"stage_first_day": "2026-12-10"})
    assert "votre solde passera de 8 à 9 points" in reply and "regagne" not in reply, reply


# --- T7 c01: a stage to come named after the last one is known keeps that last one (not asked again)

@pytest.mark.parametrize("text", [
    "non je parle du stage, je peux en refaire un en mars 2027 ?",
    "je voudrais faire un autre stage en mars 2027, c'est possible ?",
    "et un nouveau stage le 15 mars 2027 ça marche ?",
])
def test_a_stage_to_come_keeps_the_last_stage_known(domain, text):
    import asyncio

    from rasa_sdk.executor import CollectingDispatcher

    from actions import forms
    from tests.actions.conftest import make_tracker, parsed
    value = next(e["value"] for e in parsed(text, "2026-12-01") if e["entity"] == "date")
    known = {"previous_stage_date": "2026-10-14", "current_balance": 11, "licence_date": "2009",
             "balance_unknown": False}
    history = [{"event": "slot", "name": name, "value": v} for name, v in known.items()]
    tracker = make_tracker(slots=known, new_slots={"previous_stage_date": value}, intent="ask_stage_eligibility",
                           text=text, entities=parsed(text, "2026-12-01"), form="stage_eligibility_form",
                           history=history)
    events = asyncio.run(forms.ValidateStageEligibilityForm().run(CollectingDispatcher(), tracker, domain))
    slots = {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
    assert slots["previous_stage_date"] == "2026-10-14" and slots["stage_first_day"].startswith("2027-03"), slots
    assert slots.get("requested_slot") != "previous_stage_date"
