"""The stages a driver says they did, and the frozen probationary ceiling, in the balance answers (R7, R12, R17, R18).

Each tracker is built as the Rasa server sends it: the parser's entities of the user's message, and the slots that
domain.yml's entity mappings fill from them outside a form (no validation runs there).
"""
from __future__ import annotations

import asyncio
import inspect
from typing import Any, Dict, Optional

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions import answers, corrections
from tests.actions.conftest import TODAY, make_tracker, parsed, slots_filled_by_rasa


def run(action, tracker, domain):
    dispatcher = CollectingDispatcher()
    events = action.run(dispatcher, tracker, domain)
    if inspect.iscoroutine(events):
        events = asyncio.run(events)
    return events, "\n".join(m.get("text") or m.get("response") or "" for m in dispatcher.messages)


def mapped_slots(domain: Dict[str, Any], text: str, intent: str, today: str = TODAY) -> Dict[str, Any]:
    """The slots Rasa fills from the message, parsed on `today`, outside a form (`conftest.slots_filled_by_rasa`)."""
    return slots_filled_by_rasa(parsed(text, today), domain, intent)


def told(domain, text: str, intent: str, slots: Optional[Dict[str, Any]] = None, today: str = TODAY, **kwargs):
    """The message as the server sends it to an action outside a form, parsed on `today`."""
    return make_tracker(slots=slots, new_slots=mapped_slots(domain, text, intent, today), intent=intent, text=text,
                        entities=parsed(text, today), **kwargs)


# --- R7 example 1: a voluntary stage told with the licence and the offence counts, up to the frozen ceiling

R7_EXAMPLE_1 = ("permis 10/03/2024, excès de 25 km/h payé le 20/09/2024, stage volontaire les 14 et 15 avril 2025, "
                "j'ai combien de points ?")


def test_a_stage_told_with_the_probation_offence_counts_up_to_the_frozen_ceiling(domain):
    # licence 10/03/2024, 2 points (4e class) paid 20/09/2024 → 4/6; stage 14-15/04/2025 → 6/6 on 16/04/2025 (+2
    # only, the ceiling frozen at 6); end of probation 10/03/2027; 12 on 20/09/2027 (3 years, 4e class)
    tracker = told(domain, R7_EXAMPLE_1, "ask_check_balance")
    assert tracker.get_slot("licence_date") == "2024-03-10"
    _, answer = run(answers.ActionAnswerCheckBalance(), tracker, domain)
    headline = answer.split("\n")[0]
    assert "6 points sur 6" in headline and "2 points rendus par un stage" in headline
    assert "stage éventuel" not in answer
    assert "Le stage des 14 et 15 avril 2025 vous a rendu 2 points le 16 avril 2025" in answer
    assert "plafond du permis (6 points" in answer
    assert "10 mars 2027" in answer and "12 points le 20 septembre 2027" in answer


def test_the_probation_form_s_answer_counts_the_stage_told_in_the_question(domain):
    # the same facts once the probation form has asked its questions (the offence's day, AAC, the training)
    tracker = make_tracker(
        intent="deny", text="non",
        slots={"licence_date": "2024-03-10", "supervised_driving": False, "complementary_training": False,
               "probation_offence": True, "offence_date": "2024-09-01", "last_offence_points": 2,
               "offence_class": "c4", "fine_payment_date": "2024-09-20", "offence_type": "speeding"},
        history=[{"event": "user", "text": R7_EXAMPLE_1,
                  "parse_data": {"intent": {"name": "ask_probation"}, "entities": parsed(R7_EXAMPLE_1)}}])
    _, answer = run(answers.ActionAnswerProbation(), tracker, domain)
    assert answer.startswith("Votre solde est aujourd'hui de 6 points sur 6")
    assert "16 avril 2025" in answer and "20 septembre 2027" in answer


def test_without_a_stage_told_the_balance_still_says_a_stage_is_not_counted(domain):
    text = "permis 10/03/2024, excès de 25 km/h payé le 20/09/2024, j'ai combien de points ?"
    _, answer = run(answers.ActionAnswerCheckBalance(), told(domain, text, "ask_check_balance"), domain)
    assert "4 points sur 6" in answer and "sans compter un stage éventuel" in answer


# --- R12 example 3 in one message: year 2 of probation (ceiling 8), 5 points, stage 21-22/09/2026 → 8 on 23/09/2026

R12_EXAMPLE_3 = ("J'ai eu mon permis le 1er juin 2025. J'ai perdu 3 points pour un téléphone au volant le 10 juillet "
                 "2026, payé le 20 juillet 2026, il me reste 5 points. J'ai fait un stage les 21 et 22 septembre "
                 "2026, j'ai combien de points ?")


def test_a_stage_in_the_second_year_of_probation_tops_up_to_the_ceiling_of_8(domain):
    _, answer = run(answers.ActionAnswerCheckBalance(), told(domain, R12_EXAMPLE_3, "ask_check_balance"), domain)
    assert answer.split("\n")[0].startswith("Votre solde est aujourd'hui de 8 points sur 8")
    assert "vous a rendu 3 points le 23 septembre 2026" in answer and "de 5 à 8 points" in answer
    assert "L'infraction commise le 10 juillet 2026" in answer  # its own day, not its payment's


def test_the_probation_form_s_answer_counts_the_stage_of_the_second_year(domain):
    tracker = make_tracker(
        intent="deny", text="non",
        slots={"licence_date": "2025-06-01", "supervised_driving": False, "complementary_training": False,
               "probation_offence": True, "offence_date": "2026-07-10", "last_offence_points": 3,
               "offence_class": "c4", "fine_payment_date": "2026-07-20", "offence_type": "phone",
               "current_balance": 5},
        history=[{"event": "user", "text": R12_EXAMPLE_3,
                  "parse_data": {"intent": {"name": "ask_probation"}, "entities": parsed(R12_EXAMPLE_3)}}])
    _, answer = run(answers.ActionAnswerProbation(), tracker, domain)
    assert answer.startswith("Votre solde est aujourd'hui de 8 points sur 8")
    assert "23 septembre 2026" in answer


# --- R7 example 3: two 1-point excesses in the first year; L.223-6 al. 1 does not apply during probation

R7_EXAMPLE_3 = ("permis 10/03/2024. un excès de 10 km/h sur une route à 80 payé le 01/06/2024, puis un excès de "
                "8 km/h sur une route à 90 commis le 15/07/2024 et payé le 01/08/2024. j'ai combien de points ?")


@pytest.mark.parametrize("intent, action", [("ask_check_balance", answers.ActionAnswerCheckBalance),
                                            ("ask_auto_recovery", answers.ActionAnswerAutoRecovery)])
def test_two_small_excesses_in_probation_give_12_points_only_at_its_end(domain, intent, action):
    # 6 → 5 (01/06/2024) → 4 (01/08/2024); the first point is blocked by the second offence, the second comes back
    # on 01/02/2025 → 5/6; the 2 years from 01/08/2024 ran out on 01/08/2026, but not during probation: 12 on
    # 10/03/2027 (R7 example 3)
    tracker = told(domain, R7_EXAMPLE_3, intent)
    assert tracker.get_slot("licence_date") == "2024-03-10"
    _, answer = run(action(), tracker, domain)
    assert "5 points sur 6" in answer
    assert "10 mars 2027" in answer and "1er août 2026" not in answer
    assert "plus probatoire" not in answer


# --- R18 example 2: a stage after the retrait decision and before any 48SI saves the licence

R18_EXAMPLE_2 = ("il me reste 1 point, j'ai perdu 2 points (payé le 2 avril 2026), j'ai fait un stage les 20 et 21 "
                 "avril 2026, pas reçu de 48SI")


@pytest.mark.parametrize("intent, action", [("ask_zero_points", answers.ActionAnswerZeroPoints),
                                            ("ask_check_balance", answers.ActionAnswerCheckBalance),
                                            ("inform", corrections.ActionApplyCorrection)])
def test_a_stage_done_before_the_48si_saved_the_licence(domain, intent, action):
    # 1 - 2 = -1 on 02/04/2026; stage 20-21/04/2026, no 48SI: -1 + 4 = 3 on 22/04/2026 (R18 example 2)
    _, answer = run(action(), told(domain, R18_EXAMPLE_2, intent), domain)
    headline = answer.split("\n")[0]
    assert "sauvé" in headline and "3 points" in headline and "22 avril 2026" in headline, answer
    assert "un stage terminé avant cette notification le sauve" not in answer


# --- R17 example 3 with a probationary licence: the stage of the 48N tops up to the frozen ceiling, not above

R17_STAGE = {"licence_date": "2024-03-01", "supervised_driving": False, "current_balance": 3,
             "stage_first_day": "2026-01-12", "previous_stage_date": "2025-01-10"}


@pytest.mark.parametrize("offence", [
    {"offence_date": "2024-09-10", "last_offence_points": 3, "fine_payment_date": "2024-09-25"},  # its day
    {"offence_date": "2024-09", "last_offence_points": 3},                                        # its month
    {"last_offence_points": 3, "fine_payment_date": "2024-09-25"},                               # its payment
    {"letter_48n_date": "2025-01-06"},                                                           # its 48N
])
def test_the_stage_after_an_offence_of_the_first_year_tops_up_to_6_not_above(domain, offence):
    # licence 01/03/2024: an offence in year 1 freezes the ceiling at 6 (R7); 3 points, stage 12-13/01/2026, more
    # than a year after the voluntary one of 10/01/2025 (R17 example 3): 3 → 6 on 14/01/2026, not 7 (R12)
    _, answer = run(answers.ActionAnswerPointsAfterStage(), make_tracker(slots={**R17_STAGE, **offence}), domain)
    assert "de 3 à 6 points" in answer and "14 janvier 2026" in answer and "plafond" in answer
    assert "Sans la date exacte" not in answer


def test_the_stage_of_a_48n_whose_offence_day_is_unknown_assumes_the_lowest_ceiling_and_says_so(domain):
    # 48N received 14/11/2025: the offence (3 points or more) was committed between the licence (01/03/2024) and
    # then; in year 1 it froze the ceiling at 6, from 01/03/2025 on at 8. 3 points + 3 withdrawn: 6 at least; 6 is
    # counted (the safe one), and the answer says 8 for an offence committed from 1 March 2025 on
    tracker = make_tracker(slots={**R17_STAGE, "previous_stage_date": "none", "letter_48n_date": "2025-11-14"})
    _, answer = run(answers.ActionAnswerPointsAfterStage(), tracker, domain)
    assert "de 3 à 6 points" in answer
    assert "Sans la date exacte de l'infraction, j'ai compté le plafond de 6 points" in answer
    assert "Commise à partir du 1er mars 2025, elle laisse un plafond de 8 points" in answer


def test_the_balance_rules_out_a_ceiling_below_it(domain):
    # the same 48N, but 5 points left: 5 + 3 withdrawn = 8 at least, so the offence came in year 2 (ceiling 8)
    tracker = make_tracker(slots={**R17_STAGE, "previous_stage_date": "none", "letter_48n_date": "2025-11-14",
                                  "current_balance": 5})
    _, answer = run(answers.ActionAnswerPointsAfterStage(), tracker, domain)
    assert "de 5 à 8 points" in answer and "Sans la date exacte" not in answer


def test_a_balance_below_the_ceiling_without_any_offence_told_says_the_lower_ceiling_possible(domain):
    # "combien j'aurai après mon stage ?", 3 points, licence 01/03/2024, stage 12/01/2026: the ceiling of the day is 8
    # (R12 example 3), but the retrait may have come in year 1, which froze it at 6 (R7): said
    tracker = make_tracker(slots={**R17_STAGE, "previous_stage_date": "none"})
    _, answer = run(answers.ActionAnswerPointsAfterStage(), tracker, domain)
    assert "de 3 à 7 points" in answer
    assert "Si l'infraction a été commise avant le 1er mars 2025, votre plafond est resté à 6 points" in answer


def test_the_48n_stage_told_in_one_message_tops_up_to_the_frozen_ceiling(domain):
    text = ("permis 01/03/2024, téléphone au volant le 10/09/2024 payé le 25/09/2024, j'ai reçu la 48N, il me reste "
            "3 points. Stage obligatoire les 12 et 13 janvier 2026, combien de points j'ai maintenant ?")
    tracker = make_tracker(slots={"supervised_driving": False, "previous_stage_date": "2025-01-10",
                                  "last_offence_points": 3}, new_slots=mapped_slots(domain, text, "ask_points_after_stage"),
                           intent="ask_points_after_stage", text=text, entities=parsed(text))
    assert tracker.get_slot("stage_first_day") == "2026-01-12"
    _, answer = run(answers.ActionAnswerPointsAfterStage(), tracker, domain)
    assert "de 3 à 6 points" in answer and "14 janvier 2026" in answer


def test_a_stage_told_after_a_48si_received_is_not_said_to_have_saved_the_licence(domain):
    # the 48SI received, its day unknown: whether the stage came before it cannot be said (R18, CE 17/04/2025)
    text = ("il me reste 1 point, j'ai perdu 2 points (payé le 2 avril 2026), j'ai reçu la lettre 48SI, j'ai fait un "
            "stage les 20 et 21 avril 2026")
    _, answer = run(answers.ActionAnswerZeroPoints(), told(domain, text, "ask_zero_points"), domain)
    assert "sauvé" not in answer


def test_the_last_stage_with_points_is_not_taken_for_a_stage_that_saves_the_licence(domain):
    # the stage of January 2026 is counted in the 2 points said; the 4-point retrait of October brings -2 (R18)
    text = "il me reste 2 points, je vais perdre 4 points pour un stop payé le 15 octobre 2026"
    _, answer = run(answers.ActionAnswerZeroPoints(), told(domain, text, "ask_zero_points",
                                                           slots={"previous_stage_date": "2026-01-10"}), domain)
    assert "sauvé votre permis" not in answer and "-2" in answer


def test_the_probation_form_s_answer_counts_every_retrait_told(domain):
    # R7 example 3 asked as a probation question: the form asked AAC and the training; its slots hold one offence,
    # the message told two: the balance is that of both (5/6), 12 on the end of probation
    tracker = make_tracker(
        intent="deny", text="non",
        slots={**mapped_slots(domain, R7_EXAMPLE_3, "ask_probation"), "supervised_driving": False,
               "complementary_training": False, "probation_offence": True, "offence_class": "c3",
               "last_offence_points": 1},
        history=[{"event": "user", "text": R7_EXAMPLE_3,
                  "parse_data": {"intent": {"name": "ask_probation"}, "entities": parsed(R7_EXAMPLE_3)}}])
    _, answer = run(answers.ActionAnswerProbation(), tracker, domain)
    assert answer.startswith("Votre solde est aujourd'hui de 5 points sur 6")
    assert "12 points le 10 mars 2027" in answer


def test_the_yearly_increment_told_in_a_story_is_not_a_retrait(domain):
    # T1 c86: licence 01/06/2023, "j'ai eu mes 2 points en juin 2024" (the increment, 6 → 8), a red light (4 points,
    # R4) on 03/08/2024 paid 20/08/2024: 8 - 4 = 4 points, not 6 (the 2 points were read as a second retrait);
    # 12 on 20/08/2027 (3 years from the payment, after the end of probation on 01/06/2026)
    text = ("Permis depuis le 1er juin 2023, filière normale. J'ai eu mes 2 points en juin 2024. Le 3 août 2024 feu "
            "rouge, payé le 20 août 2024. Combien j'ai de points ?")
    _, answer = run(answers.ActionAnswerCheckBalance(), told(domain, text, "ask_check_balance"), domain)
    assert answer.startswith("Solde aujourd'hui : 4 points")
    assert "4 points retirés" in answer and "2 points retirés" not in answer
    assert "20 août 2027" in answer

