"""Tester T40 (replays on 1 December 2026), items of branch h89: a stage told once is one stage (R12)."""
from __future__ import annotations

import pytest

from actions import answers, corrections
from tests.actions.conftest import parsed
from tests.actions.test_what_if import Conversation, mapped_slots

pytestmark = pytest.mark.usefixtures("first_of_december")
TODAY = "2026-12-01"

# --- t40-c29: phone 3 points paid 15/03/2024, one stage on 8-9 July 2024, red light 4 points paid 10/02/2025

C29 = ("Bonjour, je conduis depuis 2008. J'ai eu 3 pts en moins pour téléphone en mars 2024 (payé 15/03/2024). "
       "Ensuite en juillet 2024 j'ai fait un stage (8-9 juillet). Puis feu rouge 4 pts payé le 10 février 2025. Puis "
       "rien. J'en suis à combien ?")
ONE_STAGE = "j'ai fait qu'un seul stage hein, le 8 et 9 juillet"
NONE_ELSE = "mais non j'ai fait AUCUN stage en 2026 ni le 30 juillet, un seul stage en tout le 8-9 juillet 2024"


def driver(domain) -> Conversation:
    slots = mapped_slots(parsed(C29, TODAY), domain, "ask_check_balance")
    return Conversation(domain, C29, "ask_check_balance", answers.ActionAnswerCheckBalance(), slots, today=TODAY)


def assert_one_stage(reply: str) -> None:
    # 12 − 3 = 9, the stage of 8-9 July 2024 back to 12 on 10 July 2024 (R12), the red light − 4 = 8 (R1), all
    # back on 10 February 2028 (R9): no other stage, none in July 2026
    assert reply.removeprefix("C'est noté, je refais le calcul.").lstrip().startswith("Solde aujourd'hui : 8 points"), reply
    assert "Le stage des 8 et 9 juillet 2024 vous a rendu 3 points le 10 juillet 2024" in reply
    assert "30 et 31 juillet" not in reply and "2026 vous a rendu" not in reply, reply
    assert "10 février 2028" in reply


def test_a_stage_told_with_its_month_and_its_days_is_one_stage(domain):
    # "en juillet 2024 j'ai fait un stage (8-9 juillet)" counted a second stage on 30-31 July 2024
    chat = driver(domain)
    assert_one_stage(chat.reply)
    assert "j'ai compté ses points à partir du 1er août 2024" not in chat.reply


def test_a_stage_days_told_again_without_year_are_the_same_stage(domain):
    # "qu'un seul stage, le 8 et 9 juillet" added a stage on 8-9 July 2026 (4 points, 12 instead of 8)
    chat = driver(domain)
    reply = chat.say(ONE_STAGE, "inform", corrections.ActionApplyCorrection())
    assert_one_stage(reply)
    assert chat.slots.get("previous_stage_date") in (None, "2024-07-08")


def test_a_stage_denied_is_not_counted_and_one_stage_only_replaces_the_others(domain):
    # "AUCUN stage en 2026 ni le 30 juillet, un seul stage en tout le 8-9 juillet 2024" counted a stage of 30-31 July
    chat = driver(domain)
    chat.say(ONE_STAGE, "inform", corrections.ActionApplyCorrection())
    reply = chat.say(NONE_ELSE, "inform", corrections.ActionApplyCorrection())
    assert_one_stage(reply)

