"""Questions next to the points system (a foreign licence, driving abroad: T6 n047, r150): where to look, whatever
intent the NLU read them as, never the request to rephrase."""
from __future__ import annotations

import asyncio

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions import answers, fallback
from tests.actions.conftest import make_tracker

FOREIGN = ["mon permis marocain est valable en France ?", "j'ai un permis algérien, je dois l'échanger ?",
           "comment on fait pour échanger son permis tunisien ?"]
ABROAD = ["je peux conduire en Espagne avec mes points ?", "je pars au Portugal, je peux rouler avec mon permis ?",
          "avec mon permis français je peux conduire aux États-Unis ?"]
ACTIONS = [(fallback.ActionOutOfScope, "out_of_scope"), (fallback.ActionSuggestQuestions, "nlu_fallback"),
           (answers.ActionAnswerStageInfo, "ask_stage_info"), (answers.ActionAnswerCheckBalance, "ask_check_balance")]


def answer(action, intent, text, domain):
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(text=text, intent=intent)
    tracker.latest_message["intent_ranking"] = [{"name": intent, "confidence": 0.4}]
    ran = action().run(dispatcher, tracker, domain)
    if asyncio.iscoroutine(ran):
        asyncio.run(ran)
    return dispatcher.messages


@pytest.mark.parametrize("action, intent", ACTIONS)
@pytest.mark.parametrize("text", FOREIGN)
def test_a_foreign_licence_gets_where_to_exchange_it(domain, action, intent, text):
    [message] = answer(action, intent, text, domain)
    assert "ANTS" in message["text"] and "service-public.fr" in message["text"] and not message.get("buttons")
    assert "Le stage de sensibilisation" not in message["text"]


@pytest.mark.parametrize("action, intent", ACTIONS)
@pytest.mark.parametrize("text", ABROAD)
def test_driving_abroad_gets_where_to_read_the_rules(domain, action, intent, text):
    [message] = answer(action, intent, text, domain)
    assert "conduite à l'étranger" in message["text"] and "service-public.fr" in message["text"]
    assert not message.get("buttons") and "reformuler" not in message["text"]


@pytest.mark.parametrize("text", [
    "j'ai échangé mon permis étranger, est-ce que je suis en permis probatoire ?",
    "je suis à l'étranger, je ne peux pas faire le stage 48N dans les 4 mois, que faire ?",
    "le stage dure combien de temps ?",
])
def test_a_question_of_the_points_system_is_answered_as_before(domain, text):
    [message] = answer(answers.ActionAnswerStageInfo, "ask_stage_info", text, domain)
    assert "ANTS" not in message["text"]
