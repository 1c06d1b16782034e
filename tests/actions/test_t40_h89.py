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


# --- t40-c08: alcohol 0,6 g paid April 2016 (6 points), seatbelt paid May 2017, speed 2019, phone 1.5 years ago

C08 = ("Bonsoir, j'ai 3 questions. J'ai perdu 6 points pour alcool (0,6 g) payé en avril 2016, puis 3 points ceinture "
       "payé en mai 2017, puis 2 points vitesse en 2019, puis encore un téléphone il y a un an et demi. Est ce que les "
       "points de 2016 sont revenus avec la règle des 10 ans ?")


def test_an_offence_named_with_its_own_day_and_no_loss_is_a_retrait_of_the_story():
    # the phone "il y a un an et demi" (no points said) left the four retraits unread: the fine's class was asked, then
    # the alcohol asked about was counted as a second one, the licence "à 0 point le 10 novembre 2016" (R1, R4)
    from actions.offence_history import retraits_in_message
    told = retraits_in_message(parsed(C08, TODAY), C08)
    assert [(r.said_date, r.points, r.offence_type) for r in told] == [
        ("2016-04", 6, "alcohol"), ("2017-05", 3, "seatbelt"), ("2019", 2, None), ("2025-06-01", None, "phone")]


def test_the_ten_year_story_gets_its_recovery_and_the_alcohol_once(domain):
    slots = mapped_slots(parsed(C08, TODAY), domain, "ask_auto_recovery")
    chat = Conversation(domain, C08, "ask_auto_recovery", answers.ActionAnswerAutoRecovery(), slots, today=TODAY)
    # each offence within 3 years of the one before until 2019 (R9): all back on 31 December 2022, before the phone
    # (3 points by the scale, R4), whose 3 years end on 1 June 2028
    assert "votre permis a retrouvé son maximum de points le 31 décembre 2022" in chat.reply, chat.reply
    assert "le 1er juin 2028" in chat.reply
    assert "pas encore établie" not in chat.reply and "0 point" not in chat.reply
    reply = chat.say("non mais ma question c'est : les 6 points d'alcool de 2016, ils sont revenus ou pas avec les "
                     "10 ans ?", "ask_auto_recovery", answers.ActionAnswerAutoRecovery())
    from actions.offence_history import told_retraits
    told = told_retraits(chat.tracker("merci", "thank"))
    assert [r.offence_type for r in told].count("alcohol") == 1, told
    assert told[0].said_date == "2016-04" and told[0].points == 6  # (the retrait asked about, its month kept)
    assert "0 point" not in reply and "48SI" not in reply
