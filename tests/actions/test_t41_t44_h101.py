"""Testers T40/T43 (replays on 1 December 2026), item of branch h101: a hypothesis that plans a stage and supposes an
offence to come, in either order, counted in time order from the driver's case (R2, R4, R8, R12, R13)."""
from __future__ import annotations

from datetime import date

import pytest

from actions import answers, fallback, what_if
from tests.actions.conversation import opened

pytestmark = pytest.mark.usefixtures("first_of_december")
TODAY = "2026-12-01"

# --- t43-c19: 3 offences at one check (capped at 8) paid 15 July 2026, 12 points before: 4 points (R3)

C19 = ("Bonjour. J'ai eu 2 infractions le même jour en juillet 2026 lors d'un contrôle : téléphone + ceinture + 35 km/h "
       "au dessus. J'ai payé le tout le 15 juillet. J'avais 12 points. Il me reste combien ?")
STAGE_THEN_EXCESS = ("et si je fais un stage le 14 et 15 décembre, puis que je me refais flasher à +10 en février, je "
                     "serai à combien en mars ?")


def four_points(domain):
    chat = opened(domain, C19, "ask_check_balance", answers.ActionAnswerCheckBalance(), TODAY)
    assert "de 12 points à 4 points" in chat.reply
    return chat


@pytest.mark.parametrize("intent, action", [
    ("ask_points_after_stage", answers.ActionAnswerPointsAfterStage()),
    ("ask_check_balance", answers.ActionAnswerCheckBalance()),
    ("ask_offence_points", answers.ActionAnswerOffencePoints()),
    ("nlu_fallback", fallback.ActionSuggestQuestions()),
])
def test_a_stage_then_an_excess_supposed_give_the_balance_asked(domain, intent, action):
    # t43-c19: only the stage was answered (4 -> 8), the February excess never counted, the March balance never given.
    # R12: the stage of 14-15 December gives 4 points on the 16th (4 -> 8); R4: +10 km/h costs 1 point, withdrawn the
    # day its fine is paid (R2), counted that day: 8 -> 7; "en février" said in December is February 2027, "en mars"
    # after it March 2027: 7 points
    chat = four_points(domain)
    reply = chat.say(STAGE_THEN_EXCESS, intent, action)
    lines = reply.splitlines()
    assert lines[0] == ("Si vous faites un stage commençant le 14 décembre 2026, puis commettez une infraction le "
                        "1er février 2027, alors :"), reply
    assert lines[1].startswith("Le stage des 14 et 15 décembre 2026 vous rendra 4 points le 16 décembre 2026 : votre "
                               "solde passera de 4 à 8 points")
    assert lines[2].startswith("Si vous commettiez le 1er février 2027 une infraction (excès de vitesse) qui retire 1 "
                               "point") and "passerait de 8 points à 7 points" in lines[2]
    assert "Solde en mars 2027 : 7 points." in lines
    assert "2026-02" not in reply and "février 2026" not in reply and "C'est une hypothèse" in reply
    # the excess supposed is none of the user's facts: their own excess (35 km/h) stays
    assert chat.slots.get("speed_excess") == 35


def test_an_excess_then_a_stage_are_counted_in_time_order(domain):
    # the other order: the excess first (January 2027, 1 point: 4 -> 3, R4), then a stage in March (R12: 3 -> 7);
    # in April, 7 points
    chat = four_points(domain)
    reply = chat.say("et si je me fais flasher à +10 en janvier et que je fais un stage en mars, j'en aurai combien en "
                     "avril ?", "ask_points_after_stage", answers.ActionAnswerPointsAfterStage())
    lines = reply.splitlines()
    assert lines[0].startswith("Si vous commettez une infraction le 1er janvier 2027, puis faites un stage commençant "
                               "le 1er mars 2027"), reply
    assert "passerait de 4 points à 3 points" in lines[1]
    stage = next(line for line in lines if line.startswith("Le stage des"))
    assert "vous rendra 4 points le 3 mars 2027 : votre solde passera de 3 à 7 points" in stage
    assert lines.index(stage) > 1
    assert "Solde en avril 2027 : 7 points." in lines


def test_a_stage_alone_is_still_the_stages_answer(domain):
    # no offence supposed: the stage's hypothesis as before (R12)
    chat = four_points(domain)
    reply = chat.say("et si je fais un stage le 14 et 15 décembre, j'aurai combien ?", "ask_points_after_stage",
                     answers.ActionAnswerPointsAfterStage())
    assert "de 4 à 8 points" in reply and "infraction le" not in reply


@pytest.mark.parametrize("value, said, after, expected", [
    # "en mars" read as March 2026 (past) after a February 2027 offence: March 2027
    ("2026-03", "en mars", date(2027, 2, 1), (date(2027, 3, 1), date(2027, 3, 31))),
    # read as March 2028 when the events end in February 2027: the next one after them, March 2027
    ("2028-03", "en mars", date(2027, 2, 1), (date(2027, 3, 1), date(2027, 3, 31))),
    # a month after the events in the same year stays
    ("2027-04", "en avril", date(2027, 3, 3), (date(2027, 4, 1), date(2027, 4, 30))),
    # its year said: as said
    ("2028-03", "en mars 2028", date(2027, 2, 1), (date(2028, 3, 1), date(2028, 3, 31))),
])
def test_the_month_asked_after_supposed_events_is_the_next_one(value, said, after, expected):
    entity = {"entity": "date", "value": value, "start": 0, "end": len(said)}
    assert what_if._asked_period(entity, said, after) == expected


def test_a_loss_supposed_by_its_points_after_a_stage(domain):
    # the offence supposed by the points it costs ("je perds encore 1 point"), the stage by its month (its first
    # possible day, said in a note): 4 -> 8 (R12), then 8 -> 7 (R1), 7 in March
    chat = four_points(domain)
    reply = chat.say("et si je fais un stage en décembre puis que je perds encore 1 point en février, combien en mars ?",
                     "ask_check_balance", answers.ActionAnswerCheckBalance())
    assert "votre solde passera de 4 à 8 points" in reply and "passerait de 8 points à 7 points" in reply, reply
    assert "Solde en mars 2027 : 7 points." in reply
    assert "12 points à 11 points" not in reply
