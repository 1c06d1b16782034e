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


# Another country's own points system (third blind NLU set, helper n9): the assistant says it answers on the French
# points licence only, and where to ask; a French licence's holder living abroad is answered as before.
FOREIGN_SYSTEM = ["combien de points sur un permis belge ?", "au Québec ça marche comment ?",
                  "le permis à points en Belgique ça existe ?", "en Espagne on a combien de points sur le permis ?",
                  "j'ai un permis suisse, il me reste combien de points ?"]


@pytest.mark.parametrize("action, intent", ACTIONS)
@pytest.mark.parametrize("text", FOREIGN_SYSTEM)
def test_another_country_s_points_system_is_said_outside_the_french_one(domain, action, intent, text):
    [message] = answer(action, intent, text, domain)
    assert message["text"].startswith("Je réponds seulement sur le permis à points français : les permis délivrés par "
                                      "un autre pays suivent les règles de ce pays")
    assert not message.get("buttons") and "reformuler" not in message["text"]


def test_another_country_s_points_system_asked_in_the_middle_of_a_form_gets_the_same_answer():
    from actions.informational import answer_out_of_scope
    dispatcher = CollectingDispatcher()
    answer_out_of_scope(dispatcher, make_tracker(text="et au Québec ça marche comment les points ?",
                                                 intent="out_of_scope"))
    assert dispatcher.messages[0]["text"].startswith("Je réponds seulement sur le permis à points français")


@pytest.mark.parametrize("text", ["j'habite en Belgique, comment je consulte mes points ?",
                                  "je travaille en Suisse, il me reste combien de points ?"])
def test_a_french_licence_s_holder_living_abroad_is_not_told_about_foreign_systems(text):
    from actions.informational import outside_the_points_system
    assert outside_the_points_system(text) is None


def test_the_off_topic_answer_says_it_is_the_french_points_licence(domain):
    [message] = answer(fallback.ActionOutOfScope, "out_of_scope", "quel temps fera-t-il demain ?", domain)
    assert message.get("response") == "utter_out_of_scope"
    assert "questions sur le permis à points français" in domain["responses"]["utter_out_of_scope"][0]["text"]
