"""Testers T41–T44 (replays on 1 December 2026), items of branch h100: a stage planned by its month in a hypothesis,
its day told next; a payment to come said without "si"; a stage planned before the 48N (R2, R12, R14, R15, R17)."""
from __future__ import annotations

import pytest

from actions import answers, corrections, fallback, forms
from tests.actions.conversation import run
from tests.actions.test_t38_h86 import c06_chat

pytestmark = pytest.mark.usefixtures("first_of_december")

# --- t43-c06: daughter, licence of 3 February 2025 (no AAC), stop (4 points) on 10 November 2026 not paid yet

C06_PLAN = "et si elle paye demain et qu'elle fait le stage en janvier, elle remonte à combien ?"


def planned_in_january(domain):
    chat = c06_chat(domain)
    reply = chat.say_in_form(C06_PLAN, "ask_points_after_stage", "points_after_stage_form",
                             forms.ValidatePointsAfterStageForm(), answers.ActionAnswerPointsAfterStage())
    assert reply.startswith("Si elle paie l'amende le 2 décembre 2026 et si elle fait un stage commençant le 1er "
                            "janvier 2027, alors :"), reply
    assert "un autre jour de janvier 2027 ne change pas le nombre de points rendus" in reply, reply
    return chat, reply


def test_c06_a_stage_planned_before_the_48n_is_said_to_be_a_voluntary_one(domain):
    # t43-c06: "4 → 8" for a stage in January, without a word on the 48N still to come: a stage before it is a
    # voluntary one, which probably does not meet the obligation, refunds nothing and uses up the year, so that the
    # compulsory stage then gives no points (R14 edge case, R16, R17)
    _, reply = planned_in_january(domain)
    print(reply)
    assert "de 4 à 8 points" in reply, reply
    assert "Attention : la lettre 48N n'est pas encore arrivée. Un stage suivi avant sa réception serait un stage " \
           "volontaire" in reply, reply
    assert "ne rendrait alors aucun point" in reply and "Mieux vaut attendre la lettre 48N" in reply, reply


@pytest.mark.parametrize("intent, action", [("inform", corrections.ActionApplyCorrection()),
                                            ("nlu_fallback", fallback.ActionSuggestQuestions())])
def test_c06_the_day_told_after_a_stage_planned_by_its_month_is_the_stage_day(domain, intent, action):
    # t43-c06: "le 18", after "J'ai compté un stage commençant le 1er janvier 2027 ; un autre jour de janvier 2027…",
    # was read as the day the fine was paid, 18 November 2026: "Son solde est aujourd'hui de 4 points" for a fine not
    # paid (R2). It is the stage's day in that month: the same hypothesis, the stage on 18-19 January 2027 (R12)
    chat, _ = planned_in_january(domain)
    events, reply = run(action, chat.tracker("le 18", intent), domain)
    print(reply)
    assert reply.startswith("Si elle paie l'amende le 2 décembre 2026 et si elle fait un stage commençant le 18 "
                            "janvier 2027, alors :"), reply
    assert "avec effet au 20 janvier 2027 : son solde passera de 4 à 8 points" in reply, reply
    assert "aujourd'hui de 4 points" not in reply, reply
    assert not any(e.get("name") == "fine_payment_date" for e in events), events  # (still not paid)


def test_c06_a_day_outside_the_month_counted_is_not_read_as_the_stage_day(domain):
    # (a day with another month is no answer to the month counted: left to the other readings)
    chat, _ = planned_in_january(domain)
    events, reply = run(corrections.ActionApplyCorrection(), chat.tracker("le 18 mars", "inform"), domain)
    assert "stage commençant le 18 janvier 2027" not in reply, reply


@pytest.mark.parametrize("after_the_day", [False, True])
def test_c06_a_payment_to_come_said_without_si_is_a_hypothesis_not_a_date_in_the_future(domain, after_the_day):
    # t43-c06: "l'amende elle la paye demain" got "Le 2 décembre 2026 est dans le futur": a payment the user plans,
    # not a fact told wrong; its answer: the retrait of 4 points from that day (R2), 8 → 4
    chat, _ = planned_in_january(domain)
    if after_the_day:
        chat.say("le 18", "inform", corrections.ActionApplyCorrection())
    _, reply = run(corrections.ActionApplyCorrection(), chat.tracker("l'amende elle la paye demain", "inform"), domain)
    print(reply)
    assert "dans le futur" not in reply, reply
    assert reply.startswith("Si elle paie le 2 décembre 2026 l'amende de l'infraction du 10 novembre 2026"), reply
    assert "de 8 points à 4 points" in reply, reply


# --- t42-c06 (h99's report): the balance asked "aujourd'hui avec la ceinture", after the answer that counted it

C42_TODAY = "d'accord mais aujourd'hui avec la ceinture j'en ai combien ?"


@pytest.mark.parametrize("intent", ["ask_check_balance", "nlu_fallback", "ask_points_after_stage"])
def test_t42_c06_the_seatbelt_named_with_today_is_the_one_told_not_a_second_one(domain, intent):
    # "aujourd'hui avec la ceinture j'en ai combien ?" after "8 points" (7 + 4 on 11 March 2026, − 3 for the seatbelt
    # paid on 10 November 2026): today is the day of the question, the seatbelt the one told; 8 again (R1, R2, R12).
    # (A guard: on this branch the replay already answers 8; h99 saw "11 aujourd'hui, 8 une fois établie".)
    from tests.actions.test_t41_t44_h99 import C06_COUNT, c06_chat as seatbelt_chat
    chat = seatbelt_chat(domain)
    chat.say(C06_COUNT, "ask_points_after_stage", answers.ActionAnswerCheckBalance())
    if intent == "ask_check_balance":
        reply = chat.say(C42_TODAY, intent, answers.ActionAnswerCheckBalance())
    elif intent == "ask_points_after_stage":
        reply = chat.say_in_form(C42_TODAY, intent, "points_after_stage_form", forms.ValidatePointsAfterStageForm(),
                                 answers.ActionAnswerPointsAfterStage())
    else:
        tracker = chat.tracker(C42_TODAY, intent)
        events, _ = run(fallback.ActionSuggestQuestions(), tracker, domain)
        assert {"event": "followup", "timestamp": None, "name": "action_apply_correction"} in events, events
        _, reply = run(corrections.ActionApplyCorrection(), tracker, domain)
    print(reply)
    assert "Solde aujourd'hui : 8 points (7 points avant le stage du 9 mars 2026)" in reply, reply
    assert "11 points aujourd'hui" not in reply and "À quelle date" not in reply, reply
