"""T25/T26 (outside testers' replays of 4 December 2026), items of branch h58."""
from __future__ import annotations

import pytest

from actions import answers
from tests.actions.conftest import parsed
from tests.actions.test_what_if import Conversation, mapped_slots

C27_FIRST = "mon pere a 78 ans il a perdu des points pour un refus de priorite a un pieton, combien ?"


@pytest.mark.parametrize("text", [
    "il avait tous ses points, il a payé le 2 novembre. il lui reste combien et il les recupere quand",
    "il avait le max, il a payé le 2 novembre. il lui reste combien ?",
    "il avait 12 points, il a payé le 2 novembre. il lui reste combien ?",
])
def test_all_his_points_before_the_offence_is_12_and_the_balance_is_answered(domain, first_of_december, text):
    # T25 c27: "il avait tous ses points" is the full balance (12, R1) before the pedestrian priority (6 points, R4):
    # 12 - 6 = 6 is the answer to "il lui reste combien", not the téléservice alone
    chat = Conversation(domain, C27_FIRST, "ask_offence_points", answers.ActionAnswerOffencePoints(),
                        mapped_slots(parsed(C27_FIRST, "2026-12-01"), domain), today="2026-12-01")
    assert "6 points" in chat.reply
    reply = chat.say(text, "ask_check_balance", answers.ActionAnswerCheckBalance())
    assert "6 points" in reply, reply


C21_FIRST = ("Bonjour, j'ai une question longue, désolée. Ma mère (68 ans) a son permis depuis 1985. En 2016 elle a eu un "
             "téléphone (3 pts) payé le 2 mai 2016, et depuis elle a pris des petites amendes régulièrement : 1 point en "
             "2018, 1 point en 2020, 2 points en 2022, 1 point le 4 avril 2026 (payé le 15 avril 2026). Est-ce que ses 3 "
             "points de 2016 sont revenus ? Elle a combien environ ?")


def test_offences_since_told_with_their_dates_are_counted_one_by_one(domain, first_of_december):
    # T26 c21: "depuis elle a pris des petites amendes régulièrement : 1 point en 2018, …" lists the offences since
    # with their years: they are counted, not supposed to have blocked every recovery. 2022 + 3 years ended before
    # the offence of 4 April 2026 (R9: full recovery), whose point came back 6 months after its payment (R8,
    # 15 October 2026): 12 points today
    chat = Conversation(domain, C21_FIRST, "ask_auto_recovery", answers.ActionAnswerAutoRecovery(),
                        mapped_slots(parsed(C21_FIRST, "2026-12-01"), domain), today="2026-12-01")
    assert "n'a jamais pu s'écouler" not in chat.reply
    assert chat.reply.startswith("Solde aujourd'hui : 12 points"), chat.reply
    assert "Le point retiré pour l'infraction payée le 15 avril 2026 est revenu le 15 octobre 2026" in chat.reply
    assert "15 avril 2036" not in chat.reply


C02_FIRST = ("Salut, je demande pour ma soeur. Elle a 8 points, elle a fait un stage fin 2025 (les 27 et 28 novembre 2025 "
             "je crois), elle peut en refaire un maintenant ?")


@pytest.mark.parametrize("text", [
    "la semaine prochaine, le 8/12/2026. mais pourquoi 4 points si elle en a perdu que 3 ?",
    "pourquoi 4 points si elle en a perdu que 3 ?",
    "mais pourquoi il lui rend 4 points si elle a perdu 3 points ?",
])
def test_why_with_if_asks_why_and_supposes_no_offence(domain, first_of_december, text):
    # T26 c02: "pourquoi 4 points si elle en a perdu que 3 ?" asks why the stage gives 4 points (R12: up to 4, capped
    # at the ceiling); its "si" is a "given that", not an offence to come ("Si elle commettait le 8 décembre 2026 une
    # infraction qui retire 4 points…" was answered)
    from actions import what_if
    chat = Conversation(domain, C02_FIRST, "ask_stage_eligibility", answers.ActionAnswerStageEligibility(),
                        mapped_slots(parsed(C02_FIRST, "2026-12-01"), domain), today="2026-12-01")
    assert "passerait de 8 à 12 points" in chat.reply
    tracker = chat.tracker(text, "ask_points_after_stage")
    assert what_if.what_if_answer(tracker) is None
    reply = chat.say(text, "ask_points_after_stage", answers.ActionAnswerPointsAfterStage())
    assert "commettait" not in reply and "infraction qui retire 4 points" not in reply, reply
    if text.startswith("pourquoi"):
        # the reasons of the answer: the stage's 4 points, capped at 12 (R12)
        assert "Il lui rendrait 4 points (plafond 12)" in reply, reply
