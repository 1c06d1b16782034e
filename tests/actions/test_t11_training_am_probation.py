"""Tester T11 (BOT_TODAY 2026-12-01): the complementary training asked about (c11, c12), the AM licence (c15), and an
offence's consequences in probation (c04, c05, c13)."""
from __future__ import annotations

import pytest

from actions import answers, forms
from tests.actions.conftest import make_tracker, parsed
from tests.actions.test_what_if import Conversation, run


# --- c12: "c quoi la formation complémentaire ?" is no "I followed it" ------------------------------------------


@pytest.mark.parametrize("text", [
    "c quoi la formation complementaire ? ca sert a quoi",
    "la formation complementaire post permis, c quoi",
    "qu'est-ce que la formation post-permis ?",
    "la formation complémentaire, ça sert à quoi ?",
    "explique moi la formation complementaire",
])
def test_a_question_of_what_the_training_is_tells_no_training(text):
    assert not [e for e in parsed(text, "2026-12-01") if e["entity"] == "complementary_training"]


@pytest.mark.parametrize("text", [
    "j'ai fait la formation complémentaire, ça sert à quoi ?",
    "permis en 2025 avec formation complémentaire, j'ai combien ?",
    "formation complémentaire faite en mars, c'est quoi mon solde ?",
])
def test_a_training_told_is_still_read(text):
    assert [e["value"] for e in parsed(text, "2026-12-01") if e["entity"] == "complementary_training"] == [True]


def test_what_the_training_is_gets_its_rule_before_the_licence_date(domain, first_of_december):
    # R6: 7 hours, between the 6th and the 12th month; probation 3 years -> 2, AAC 2 years -> 18 months
    text = "c quoi la formation complementaire ? ca sert a quoi"
    tracker = make_tracker(intent="ask_probation", form="probation_form", text=text, entities=parsed(text, "2026-12-01"))
    events, messages = _validate(forms.ValidateProbationForm(), tracker, domain)
    assert messages[0].startswith("En bref : la formation complémentaire (7 heures, entre le 6e et le 12e mois")
    assert "2 ans au lieu de 3" in messages[0] and "18 mois" in messages[0]
    assert events.get("complementary_training") is None


@pytest.mark.parametrize("text", ["la formation complementaire post permis, c quoi",
                                  "et la formation complémentaire c'est quoi exactement ?"])
def test_what_the_training_is_while_the_licence_date_is_asked(domain, first_of_december, text):
    tracker = make_tracker(intent="ask_probation", form="probation_form", text=text, requested_slot="licence_date",
                           entities=parsed(text, "2026-12-01"),
                           history=[{"event": "active_loop", "name": "probation_form"}])
    events, messages = _validate(forms.ValidateProbationForm(), tracker, domain)
    assert messages and messages[0].startswith("En bref : la formation complémentaire (7 heures")
    assert events.get("requested_slot") == "licence_date"


def _validate(action, tracker, domain):
    import asyncio
    from rasa_sdk.executor import CollectingDispatcher
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, tracker, domain))
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}, [m["text"] for m in dispatcher.messages]


# --- c11: "et si je fais la formation complémentaire maintenant ?" -------------------------------------------------


def aac_licence_of_june_2025(domain) -> Conversation:
    # R5 example 2: AAC licence 15 June 2025, no offence: 9 points on 1 December 2026, 12 on 15 June 2027
    slots = {"licence_date": "2025-06-15", "supervised_driving": True, "complementary_training": False,
             "probation_offence": False}
    return Conversation(domain, "j'ai eu mon permis le 15 juin 2025 en conduite accompagnée, jamais eu d'amende. "
                                "J'ai combien de points ?", "ask_probation", answers.ActionAnswerProbation(), slots)


@pytest.mark.parametrize("text", [
    "et si je fais la formation complementaire maintenant ?",
    "et si je fais la formation post-permis ?",
    "si je la fais maintenant la formation complémentaire, ça change quoi ?",
])
def test_a_training_now_is_outside_its_window(domain, first_of_december, text):
    chat = aac_licence_of_june_2025(domain)
    assert "9 points" in chat.reply and "15 juin 2027" in chat.reply
    reply = chat.say(text, "ask_probation", answers.ActionAnswerProbation())
    # R6: the window ran from the 6th to the 12th month: 15 December 2025 to 15 June 2026; no reduction now
    assert "du 15 décembre 2025 au 15 juin 2026" in reply and "ne réduirait pas la période probatoire" in reply
    assert "15 juin 2027" in reply and "À quelle date" not in reply
    assert chat.slots.get("training_date") is None and chat.slots.get("complementary_training") is False


def test_a_training_in_its_window_still_shortens_the_probation(domain, first_of_december):
    # R6 example 2 shape: AAC licence 1 April 2026, training today (month 8) -> end 1 October 2027 (18 months)
    slots = {"licence_date": "2026-04-01", "supervised_driving": True, "complementary_training": False,
             "probation_offence": False}
    chat = Conversation(domain, "permis le 1er avril 2026 en conduite accompagnée, aucune infraction, j'ai combien ?",
                        "ask_probation", answers.ActionAnswerProbation(), slots)
    reply = chat.say("et si je fais la formation complémentaire maintenant ?", "ask_probation",
                     answers.ActionAnswerProbation())
    assert "1er octobre 2027" in reply and "ne réduirait pas" not in reply
