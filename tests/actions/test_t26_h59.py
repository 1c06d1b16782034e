"""T26 (outside tester's replay of T24's conversations), items of branch h59."""
from __future__ import annotations

import pytest

from actions import answers, forms
from tests.actions.conftest import make_tracker, parsed
from tests.actions.test_forms import run as run_form
from tests.actions.test_t24_h55 import C26_FIRST
from tests.actions.test_what_if import Conversation, mapped_slots

C26_INSISTS = ("ok mais elle garde son permis oui ou non ? elle avait -2 points avant le stage des 28-29 octobre, et "
               "la 48SI est arrivée le 2 novembre, après le stage")


def saved(reply: str) -> bool:
    return "a sauvé son permis" in reply and "(-2 + 4)" in reply and "remettre" not in reply \
        and "ne rend plus de points" not in reply


def test_c26_the_probation_form_asks_nothing_and_its_answer_says_the_licence_saved(domain, first_of_december):
    # T26 c26: read as ask_probation, the first message got the probation's rule in brief and 'À quelle date a-t-elle
    # obtenu son permis ?'; the stage ended before the 48SI's notification: saved, -2 + 4 = 2 (R18 example 2)
    entities = parsed(C26_FIRST, "2026-12-01")
    slots = mapped_slots(entities, domain)
    tracker = make_tracker(new_slots=slots, text=C26_FIRST, entities=entities, intent="ask_probation",
                           form="probation_form")
    set_by_form, messages = run_form(forms.ValidateProbationForm(), tracker, domain)
    assert set_by_form.get("requested_slot") is None and messages == []
    chat = Conversation(domain, C26_FIRST, "ask_probation", answers.ActionAnswerProbation(), slots, today="2026-12-01")
    assert saved(chat.reply)


@pytest.mark.parametrize("intent, action", [
    ("ask_letter", answers.ActionAnswerLetter()),
    ("ask_mandatory_stage", answers.ActionAnswerMandatoryStage()),
    ("ask_probation", answers.ActionAnswerProbation()),
    ("ask_zero_points", answers.ActionAnswerZeroPoints()),
])
def test_c26_the_insisting_message_gets_the_licence_saved_whatever_its_intent(domain, first_of_december, intent,
                                                                              action):
    # T26 c26 T3: 'La lettre 48SI lui notifie l'invalidation… deviez le remettre… un stage ne rend plus de points'
    slots = {**mapped_slots(parsed(C26_FIRST, "2026-12-01"), domain), "licence_date": "2008"}  # ("2008" told after)
    chat = Conversation(domain, C26_FIRST, "ask_zero_points", answers.ActionAnswerZeroPoints(), slots,
                        today="2026-12-01")
    assert saved(chat.say(C26_INSISTS, intent, action))


def test_c26_a_stage_after_the_48si_still_gets_the_letter_card(domain, first_of_december):
    # R18 example 5: the 48SI notified before the stage: no rescue said by the letter's answer
    text = "elle a reçu la 48SI le 2 novembre 2026, puis un stage les 5 et 6 novembre 2026, elle avait -2 points"
    chat = Conversation(domain, text, "ask_letter", answers.ActionAnswerLetter(),
                        mapped_slots(parsed(text, "2026-12-01"), domain), today="2026-12-01")
    assert "a sauvé" not in chat.reply

