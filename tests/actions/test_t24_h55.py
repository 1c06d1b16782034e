"""T24 (outside tester's hard conversations of 1 December 2026), items of branch h55."""
from __future__ import annotations

import pytest

from actions import answers
from tests.actions.test_what_if import Conversation, mapped_slots
from tests.actions.conftest import parsed

C26_FIRST = ("Bonjour, une question pour ma cliente : elle a reçu un courrier 48SI le 2 novembre 2026. Elle a fait un "
             "stage les 28 et 29 octobre 2026. Est-ce qu'elle garde son permis ? Elle avait -2 points d'après le calcul.")


def client_with_a_stage_before_her_48si(domain) -> Conversation:
    slots = mapped_slots(parsed(C26_FIRST, "2026-12-01"), domain)
    return Conversation(domain, C26_FIRST, "ask_zero_points", answers.ActionAnswerZeroPoints(), slots,
                        today="2026-12-01")


def test_a_stage_ended_before_the_48si_saved_the_licence(domain, first_of_december):
    # T24 c26: the stage of 28-29 October ended before the 48SI was notified on 2 November: it counts, -2 + 4 = 2,
    # the licence is saved (R18, CE 29/09/2023 n° 461479); CE 17/04/2025 only refuses a stage after the notification
    chat = client_with_a_stage_before_her_48si(domain)
    for reply in (chat.reply, chat.say("non mais elle avait -2 points avant le stage, la 48SI est arrivée après le "
                                       "stage. Elle garde son permis ?", "ask_zero_points",
                                       answers.ActionAnswerZeroPoints())):
        assert "a sauvé son permis" in reply and "(-2 + 4)" in reply and "2 points" in reply
        assert "Aucun point" not in reply and "préfet doit refuser" not in reply
        assert "rendez-le" not in reply and "nouveau permis" not in reply and "sous réserve" not in reply


def test_a_stage_after_the_48si_is_still_too_late(domain, first_of_december):
    # R18 example 5: the 48SI notified before the stage ended: the préfet refuses its points (CE 17/04/2025)
    text = ("elle a reçu la 48SI le 2 novembre 2026, puis elle a fait un stage les 5 et 6 novembre 2026, elle avait -2 "
            "points. Un stage peut la sauver ?")
    chat = Conversation(domain, text, "ask_zero_points", answers.ActionAnswerZeroPoints(),
                        mapped_slots(parsed(text, "2026-12-01"), domain), today="2026-12-01")
    assert "a sauvé" not in chat.reply and "ne peut donc plus sauver" in chat.reply
