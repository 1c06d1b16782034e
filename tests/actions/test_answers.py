"""Answer actions: slots in, the engine's decision out, in French, with its legal reference."""
from __future__ import annotations

import asyncio
import inspect

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions import answers, corrections
from tests.actions.conftest import make_tracker, parsed, user_said


def run(action, tracker, domain=None):
    dispatcher = CollectingDispatcher()
    events = action.run(dispatcher, tracker, domain or {})
    if inspect.iscoroutine(events):
        events = asyncio.run(events)
    return events, "\n".join(m.get("text") or m.get("response") or "" for m in dispatcher.messages)


def test_probation_month_only_uses_the_safe_date_and_says_so():
    tracker = make_tracker(slots={"licence_date": "2024-03", "supervised_driving": False, "complementary_training": False})
    events, text = run(answers.ActionAnswerProbation(), tracker)
    assert "10 points" in text and "31 mars 2027" in text
    assert "mars 2024" in text and "31 mars 2024" in text and "plus prudente" in text
    assert "L.223-1" in text
    assert {"event": "slot", "name": "last_question", "value": "action_answer_probation", "timestamp": None} in events


def test_probation_counts_the_offence_told_in_the_form():
    # R7 + R15: licence 10/01/2024 (8 on 10/01/2025, 10 on 10/01/2026), red light 5 May 2026 paid 20 May:
    # ceiling frozen at 10, balance 6, a 48N; 12 points three years after the payment (4e class).
    facts = {"licence_date": "2024-01-10", "supervised_driving": False, "complementary_training": False}
    _, without = run(answers.ActionAnswerProbation(), make_tracker(slots={**facts, "probation_offence": False}))
    _, text = run(answers.ActionAnswerProbation(), make_tracker(slots={
        **facts, "probation_offence": True, "offence_date": "2026-05-05", "last_offence_points": 4,
        "offence_class": "c4", "fine_payment_date": "2026-05-20"}))
    assert text.startswith("Votre solde est aujourd'hui de 6 points sur 10")
    assert "lettre 48N" in text and "20 mai 2029" in text and "s'il y en a eu d'autres" in text
    # no offence: the balance is the ceiling, said as such (R5), and no 48N
    assert without.startswith("Sans infraction depuis votre permis, votre solde est aujourd'hui de 10 points")
    assert "48N" not in without


def test_probation_offence_before_the_licence_is_asked_again():
    tracker = make_tracker(slots={
        "licence_date": "2024-01-10", "supervised_driving": False, "complementary_training": False,
        "probation_offence": True, "offence_date": "2023-05-05", "last_offence_points": 4, "offence_class": "c4",
        "fine_payment_date": "2026-05-20"})
    events, text = run(answers.ActionAnswerProbation(), tracker)
    assert "avant l'obtention du permis" in text
    assert {"event": "slot", "name": "offence_date", "value": None, "timestamp": None} in events


def test_points_after_stage_with_a_probationary_ceiling():
    # R12 example 3: year 2 of probation (ceiling 8), 5 points, stage 21-22/09/2026 -> 8 on 23/09/2026
    tracker = make_tracker(slots={"current_balance": 5, "licence_date": "2025-06-01", "supervised_driving": False,
                                  "stage_first_day": "2026-09-21", "previous_stage_date": "none"})
    _, text = run(answers.ActionAnswerPointsAfterStage(), tracker)
    assert "3 points" in text and "23 septembre 2026" in text and "8 points" in text
    assert "Fichier national des permis de conduire" in text


def test_points_after_stage_without_balance_is_conditional():
    tracker = make_tracker(slots={"balance_unknown": True, "licence_date": "2010-01-01",
                                  "stage_first_day": "2026-12-03", "previous_stage_date": "none"})
    _, text = run(answers.ActionAnswerPointsAfterStage(), tracker)
    # at most 4 points from the day after the stage, within the ceiling; the next stage from a year later (R12, R13)
    assert "vous rendra jusqu'à 4 points, avec effet au 5 décembre 2026" in text
    assert "votre total dépend de votre solde" in text and "pourra commencer le 3 décembre 2027" in text


def test_stage_eligibility_date_a_date():
    # R13 example 1: previous stage 2025-12-01 -> new stage from 1 December 2026, prudent 2 December
    tracker = make_tracker(slots={"previous_stage_date": "2025-12-01", "current_balance": 7})
    _, text = run(answers.ActionAnswerStageEligibility(), tracker)
    assert "1er décembre 2026" in text and "2 décembre 2026" in text


def test_48n_deadline_four_months_after_receipt():
    tracker = make_tracker(slots={"letter_48n_date": "2026-09-05"})
    _, text = run(answers.ActionAnswerMandatoryStage(), tracker)
    assert "5 janvier 2027" in text and "R.223-4" in text


def test_48n_refund_after_stage_in_time():
    tracker = make_tracker(slots={"letter_48n_date": "2026-09-05", "stage_first_day": "2026-11-02"})
    _, text = run(answers.ActionAnswerRefund48n(), tracker)
    assert "remboursée" in text and "RIB" in text


def test_auto_recovery_three_years_for_a_fourth_class_offence():
    tracker = make_tracker(slots={"last_offence_points": 1, "offence_class": "c4", "fine_payment_date": "2026-02-01"})
    _, text = run(answers.ActionAnswerAutoRecovery(), tracker)
    assert "1er février 2029" in text and "1er août 2026" in text


def test_speeding_points_from_limit_and_excess_then_offence_slots_are_forgotten():
    tracker = make_tracker(slots={"offence_type": "speeding", "speed_limit": 110, "speed_excess": 25})
    events, text = run(answers.ActionAnswerOffencePoints(), tracker)
    assert "2 points" in text and "135 €" in text
    forgotten = {e["name"] for e in events if e["value"] is None}
    assert {"offence_type", "speed_limit", "speed_excess"} <= forgotten


def test_letter_meaning():
    tracker = make_tracker(slots={"letter_code": "48SI"})
    _, text = run(answers.ActionAnswerLetter(), tracker)
    assert "48SI" in text


def test_impossible_facts_are_explained_and_the_fact_asked_again():
    # 11 points on a licence of June 2026 (a 6-point ceiling, R5): the balance is asked again
    tracker = make_tracker(slots={"current_balance": 11, "licence_date": "2026-06-15", "supervised_driving": False,
                                  "stage_first_day": "2026-12-10", "previous_stage_date": "none"})
    events, text = run(answers.ActionAnswerPointsAfterStage(), tracker)
    assert text.startswith("Impossible de répondre : un solde de 11 points dépasse le plafond de 6 points")
    assert {"event": "followup", "name": "points_after_stage_form", "timestamp": None} in events


def test_impossible_facts_refilled_from_the_same_message_are_not_asked_again_in_a_loop():
    # the form fills the forgotten fact again from the same message: the second failure stops and asks to check
    tracker = make_tracker(slots={"fine_payment_date": "2025-08-12", "licence_date": "1998"}, intent="ask_auto_recovery",
                           history=[{"event": "action", "name": "action_answer_auto_recovery"},
                                    {"event": "action", "name": "auto_recovery_form"}])
    tracker.events.append(tracker.events.pop(0))  # the user's message first, then the two actions after it
    events, text = run(answers.ActionAnswerAutoRecovery(), tracker)
    assert text.startswith("Impossible de répondre") and "Reprenons" in text and events == []


def test_a_list_of_paid_offences_with_a_speeding_gives_the_recovery_of_each():
    # R8: the 1 point of the excess paid 5 March 2024 came back on 5 September 2024; R9: the stop (4e class)
    # paid 12 August 2025 gives the maximum back 3 years later. It used to loop on "infraction mal décrite".
    text = ("J'ai mon permis depuis 1998. J'ai eu un excès de 15 km/h sur une nationale à 80, payé le 5 mars 2024, "
            "puis un téléphone au volant payé le 20 octobre 2024, et un stop grillé payé le 12 août 2025. Combien "
            "j'ai de points aujourd'hui et quand je récupère tout ?")
    tracker = make_tracker(slots={"licence_date": "1998", "fine_payment_date": "2025-08-12",
                                  "offence_type": "stop_sign", "speed_excess": 15},
                           text=text, entities=parsed(text), intent="ask_auto_recovery")
    _, answer = run(answers.ActionAnswerAutoRecovery(), tracker)
    assert "12 août 2028" in answer and "5 septembre 2024" in answer and "Impossible" not in answer


def test_correction_replaces_the_last_date_and_answers_again():
    history = [{"event": "slot", "name": "licence_date", "value": "2024-03"}]
    tracker = make_tracker(
        slots={"licence_date": "2024-03", "supervised_driving": False, "complementary_training": False,
               "last_question": "action_answer_probation"},
        intent="deny", text="non, c'était en mars 2023",
        entities=[{"entity": "date", "value": "2023-03", "start": 17, "end": 26}], history=history,
    )
    events, text = run(corrections.ActionApplyCorrection(), tracker)
    assert {"event": "slot", "name": "licence_date", "value": "2023-03", "timestamp": None} in events
    assert "je refais le calcul" in text and "31 mars 2026" in text


def test_a_stage_date_corrected_after_the_eligibility_answer_replaces_the_last_stage(domain):
    # "j'ai fait un stage les 3 et 4 mars 2025, je peux en refaire un ?" then "ah non pardon le dernier stage c'était
    # le 3 mars 2026 pas 2025": R13 from the corrected stage
    text = "ah non pardon le dernier stage c'était le 3 mars 2026 pas 2025"
    tracker = make_tracker(slots={"previous_stage_date": "2025-03-03", "last_question": "action_answer_stage_eligibility"},
                           intent="inform", text=text, entities=parsed(text),
                           history=[{"event": "slot", "name": "previous_stage_date", "value": "2025-03-03"}])
    events, answer = run(corrections.ActionApplyCorrection(), tracker, domain)
    assert {"event": "slot", "name": "previous_stage_date", "value": "2026-03-03", "timestamp": None} in events
    assert "je refais le calcul" in answer and "qu'à partir du 3 mars 2027" in answer


def test_an_offence_corrected_after_the_recovery_answer_gives_its_own_delay(domain):
    # a red light paid 4 October 2026 (3 years, R9), then "ah non en fait c'était pour avoir tourné sans mettre le
    # clignotant": a 2nd-class offence, 2 years
    slots = {"fine_payment_date": "2026-10-04", "offence_type": "no_indicator", "last_offence_points": 4,
             "offence_class": "c4", "last_question": "action_answer_auto_recovery"}
    text = "ah non en fait c'était pour avoir tourné sans mettre le clignotant"
    tracker = make_tracker(slots=slots, text=text, entities=parsed(text), intent="nlu_fallback",
                           history=[{"event": "slot", "name": "offence_type", "value": "red_light"}])
    tracker.events += [{"event": "slot", "name": "offence_type", "value": "no_indicator"}]
    events, answer = run(corrections.ActionApplyCorrection(), tracker, domain)
    assert {"event": "slot", "name": "offence_class", "value": "c2", "timestamp": None} in events
    assert answer.startswith("C'est noté, je refais le calcul.") and "4 octobre 2028" in answer


def test_correction_without_any_fact_asks_for_the_question():
    tracker = make_tracker(intent="inform", text="ok")
    _, text = run(corrections.ActionApplyCorrection(), tracker)
    assert text == "utter_what_question"


def test_an_offence_given_alone_is_answered_as_the_question_of_its_points(domain):
    tracker = make_tracker(new_slots={"offence_type": "phone"}, text="téléphone au volant")
    events, text = run(corrections.ActionApplyCorrection(), tracker, domain)
    assert "3 points" in text and "refais" not in text
    assert {"event": "slot", "name": "last_question", "value": "action_answer_offence_points", "timestamp": None} in events


def test_speeds_given_alone_after_another_answer_ask_the_points_of_the_excess(domain):
    tracker = make_tracker(slots={"last_question": "action_answer_probation", "licence_date": "2010-05-01"},
                           new_slots={"speed_measured": 135, "speed_limit": 110}, text="à 135 au lieu de 110")
    events, text = run(corrections.ActionApplyCorrection(), tracker, domain)
    assert "2 points" in text and "135 €" in text
    assert {"event": "slot", "name": "offence_type", "value": "speeding", "timestamp": None} in events


def test_an_offence_missing_facts_starts_its_form(domain):
    tracker = make_tracker(new_slots={"offence_type": "speeding"}, text="excès de vitesse")
    events, text = run(corrections.ActionApplyCorrection(), tracker, domain)
    assert {"event": "followup", "name": "offence_points_form", "timestamp": None} in events and text == ""


def test_a_new_offence_after_an_offence_answer_is_a_correction(domain):
    tracker = make_tracker(slots={"last_question": "action_answer_offence_points"},
                           new_slots={"offence_type": "red_light"}, text="et pour un feu rouge")
    _, text = run(corrections.ActionApplyCorrection(), tracker, domain)
    # a new case, not a correction: its answer, without "C'est noté, je refais le calcul."
    assert "4 points" in text and "refais le calcul" not in text


def test_a_corrected_offence_after_an_offence_answer_says_it_is_recomputed(domain):
    tracker = make_tracker(slots={"last_question": "action_answer_offence_points", "offence_type": "stop_sign"},
                           new_slots={"offence_type": "red_light"}, text="non en fait c'était un feu rouge")
    _, text = run(corrections.ActionApplyCorrection(), tracker, domain)
    assert text.startswith("C'est noté, je refais le calcul.") and "4 points" in text


@pytest.mark.parametrize("earlier", ["alcohol", "alcohol_delit"])
def test_drugs_added_to_an_alcohol_answer_are_both_at_once(domain, earlier):
    # "alcool au volant 0,6 g", then "et si j'avais aussi fumé un joint ?": 9 points since 11 July 2025 (R3)
    # (the offence answer forgets its offence: the slot is empty again, its value is in the events)
    tracker = make_tracker(slots={"last_question": "action_answer_offence_points"},
                           history=[{"event": "slot", "name": "offence_type", "value": earlier},
                                    {"event": "slot", "name": "offence_type", "value": None}],
                           new_slots={"offence_type": "drugs"}, text="et si j'avais aussi fumé un joint ?")
    events, text = run(corrections.ActionApplyCorrection(), tracker, domain)
    assert "9 points" in text
    assert {"event": "slot", "name": "offence_type", "value": "alcohol_and_drugs", "timestamp": None} in events


def test_drugs_alone_after_an_alcohol_answer_replace_it(domain):
    tracker = make_tracker(slots={"last_question": "action_answer_offence_points"},
                           history=[{"event": "slot", "name": "offence_type", "value": "alcohol"}],
                           new_slots={"offence_type": "drugs"}, text="et pour du cannabis ?")
    _, text = run(corrections.ActionApplyCorrection(), tracker, domain)
    assert "6 points" in text and "9 points" not in text


def test_a_fact_after_an_offence_answer_does_not_rerun_it_without_its_offence(domain):
    # the offence answer forgets its offence; "non pas d'aac" then must not call the engine with none
    tracker = make_tracker(slots={"last_question": "action_answer_offence_points"},
                           new_slots={"supervised_driving": False}, text="non pas d'aac", intent="deny")
    events, text = run(corrections.ActionApplyCorrection(), tracker, domain)
    assert text == "C'est noté. Quelle est votre question ?"
    assert {"event": "slot", "name": "supervised_driving", "value": False, "timestamp": None} in events


def test_a_licence_and_an_offence_told_together_ask_the_probation_balance(domain):
    # "permis depuis le 10/01/2024, feu rouge grillé le 5 mai 2026, payé le 20 mai 2026"
    tracker = make_tracker(new_slots={"licence_date": "2024-01-10", "offence_type": "red_light",
                                      "offence_date": "2026-05-05", "fine_payment_date": "2026-05-20"},
                           entities=[{"entity": "offence_type", "value": "red_light"}])
    events, _ = run(corrections.ActionApplyCorrection(), tracker, domain)
    assert {"event": "followup", "name": "probation_form", "timestamp": None} in events


def test_an_excess_alone_gets_its_points_without_the_limit():
    # R4: 25 km/h over any limit is 2 points, 4e class, 135 €
    _, text = run(answers.ActionAnswerOffencePoints(), make_tracker(slots={"offence_type": "speeding", "speed_excess": 25}))
    assert "2 points" in text and "135 €" in text and "Impossible" not in text


def test_a_48m_does_not_make_the_stage_compulsory(domain):
    # R19: "j'ai reçu une 48M, je suis obligé de faire un stage ?" — the 48M is a warning, not a 48N
    tracker = make_tracker(intent="ask_mandatory_stage", text="jai recu une 48M, je suis obligé de faire un stage ?",
                           entities=[{"entity": "letter_code", "value": "48M"}])
    _, text = run(answers.ActionAnswerMandatoryStage(), tracker)
    assert "avertissement" in text and "sans obligation" in text and "48N" not in text


def test_the_48n_date_told_after_what_a_48n_is_gives_the_deadline(domain):
    # "c'est quoi une 48N ?" then "je l'ai reçue le 20 novembre": the stage is due by 20 March 2027 (R15)
    tracker = make_tracker(slots={"last_question": "action_answer_letter"},
                           new_slots={"letter_48n_date": "2026-11-20"}, text="je l'ai reçue le 20 novembre")
    events, text = run(corrections.ActionApplyCorrection(), tracker, domain)
    assert "20 mars 2027" in text


def test_the_48n_date_corrected_after_a_refund_answer_recomputes_the_refund(domain):
    tracker = make_tracker(slots={"last_question": "action_answer_refund_48n", "stage_first_day": "2026-11-02"},
                           new_slots={"letter_48n_date": "2026-10-01"}, text="non je l'ai reçue le 1er octobre")
    _, text = run(corrections.ActionApplyCorrection(), tracker, domain)
    assert "je refais le calcul" in text and "rembours" in text


def test_a_bare_date_after_the_48n_explained_is_its_date_of_receipt(domain):
    # "c'est quoi une 48N ?" then "je l'ai reçue le 20 novembre" (the date has no cue of its own)
    tracker = make_tracker(slots={"last_question": "action_answer_letter"}, text="je l'ai reçue le 20 novembre",
                           entities=[{"entity": "date", "value": "2026-11-20", "start": 14, "end": 28}])
    events, text = run(corrections.ActionApplyCorrection(), tracker, domain)
    assert {"event": "slot", "name": "letter_48n_date", "value": "2026-11-20", "timestamp": None} in events
    assert "20 mars 2027" in text


def test_a_date_that_does_not_exist_outside_a_question_is_said_so(domain):
    tracker = make_tracker(text="jai payé l'amende le 31/02/2025",
                           entities=[{"entity": "invalid_date", "value": "31/02/2025"}])
    events, text = run(corrections.ActionApplyCorrection(), tracker, domain)
    assert text.startswith("Le 31/02/2025 n'existe pas") and events == []


def test_will_i_get_a_48n_for_an_offence_is_answered_by_its_points(domain):
    # R15: "excès de 25 km/h en permis probatoire, je vais recevoir une 48N ?" — 2 points: no 48N
    tracker = make_tracker(intent="ask_mandatory_stage", slots={"probationary": True, "offence_type": "speeding",
                                                               "speed_excess": 25},
                           text="excès de vitesse de 25 km/h en permis probatoire, je vais recevoir une 48N ?",
                           entities=[{"entity": "offence_type", "value": "speeding"},
                                     {"entity": "speed_excess", "value": 25},
                                     {"entity": "letter_code", "value": "48N"}])
    _, text = run(answers.ActionAnswerMandatoryStage(), tracker)
    assert "2 points" in text and "n'entraîne pas de lettre 48N" in text


def test_a_48n_named_with_an_offence_means_a_probationary_licence(domain):
    # "tel au volant, je vais avoir une 48N ?": 3 points, and the 48N follows (R15)
    tracker = make_tracker(slots={"offence_type": "phone"}, text="tel au volant, je vais avoir une 48N ?",
                           entities=[{"entity": "offence_type", "value": "phone"},
                                     {"entity": "letter_code", "value": "48N"}])
    _, text = run(answers.ActionAnswerOffencePoints(), tracker)
    assert "3 points" in text and "entraîne une lettre 48N" in text


def test_a_48si_not_yet_received_is_not_answered_as_received(domain):
    # R18: "non j'ai pas encore reçu de 48SI" — the licence is still valid and a stage may save it
    tracker = make_tracker(slots={"letter_code": "48SI"}, intent="deny", text="non j'ai pas encore reçu de 48SI",
                           entities=[{"entity": "letter_received", "value": False}])
    _, text = run(answers.ActionAnswerLetter(), tracker)
    assert "reste valable" in text and "ne pouvez plus conduire" not in text
    received = make_tracker(slots={"letter_code": "48SI"}, text="j'ai reçu une 48SI hier",
                            entities=[{"entity": "letter_received", "value": True}])
    _, text = run(answers.ActionAnswerLetter(), received)
    assert "ne pouvez plus conduire" in text


def test_a_stage_after_an_offence_in_the_first_probation_year_stays_under_the_frozen_ceiling():
    # R7 + R12: licence 20/05/2025, 2 points lost (paid 04/08/2025, so committed in year 1): ceiling 6, not 8;
    # a stage on 7-8 December 2026 takes 4 points to 6, not 8
    tracker = make_tracker(slots={"current_balance": 4, "licence_date": "2025-05-20", "supervised_driving": False,
                                  "last_offence_points": 2, "fine_payment_date": "2025-08-04",
                                  "stage_first_day": "2026-12-07", "previous_stage_date": "none"})
    _, text = run(answers.ActionAnswerPointsAfterStage(), tracker)
    assert "de 4 à 6 points" in text


def test_several_offences_at_one_check_add_up_to_the_cap(domain):
    # R3 example 1: phone + no seatbelt + 35 km/h over, the same check: 3 + 3 + 3 = 9, capped at 8
    said = "lors d'un contrôle : téléphone, pas de ceinture et 35 km/h de trop, combien de points ?"
    tracker = make_tracker(slots={"offence_type": "speeding", "speed_excess": 35, "other_offences": ["phone", "seatbelt"]},
                           intent="ask_offence_points", text=said, entities=parsed(said))
    events, text = run(answers.ActionAnswerOffencePoints(), tracker, domain)
    assert "Excès de vitesse de 35 km/h : 3 points ; téléphone" in text and "plafonnés à 8 points" in text
    assert {"event": "slot", "name": "other_offences", "timestamp": None, "value": None} in events


def test_a_speeding_of_2016_is_judged_with_the_scale_of_2016(domain):
    # 55 km/h over, paid in 2016: a 5th-class contravention then, a délit only since 29/12/2025 (R4)
    tracker = make_tracker(slots={"offence_type": "speeding", "speed_excess": 55, "fine_payment_date": "2016-05-10"},
                           intent="ask_offence_points")
    _, text = run(answers.ActionAnswerOffencePoints(), tracker, domain)
    assert "5e classe" in text and "(délit)" not in text


def test_a_licence_past_probation_has_no_compulsory_stage(domain):
    # "j'ai mon permis depuis 2001, je dois faire un stage obligatoire ?" (R15): no 48N date is asked
    from actions import forms
    from tests.actions.test_forms import run as run_validation
    tracker = make_tracker(new_slots={"licence_date": "2001"}, intent="ask_mandatory_stage", form="mandatory_stage_form",
                           text="j'ai mon permis depuis 2001, je dois faire un stage obligatoire ?")
    slots, _ = run_validation(forms.ValidateMandatoryStageForm(), tracker, domain)
    assert slots["requested_slot"] is None
    _, text = run(answers.ActionAnswerMandatoryStage(), make_tracker(slots={"licence_date": "2001"}), domain)
    assert "ne peut plus vous valoir de lettre 48N" in text and "pendant la période probatoire" in text


@pytest.mark.parametrize("action, slots", [
    (answers.ActionAnswerZeroPoints, {}),
    (answers.ActionAnswerLetter, {"letter_code": "48SI"}),
])
def test_after_a_48si_the_day_the_licence_was_handed_back_gives_the_dates(domain, action, slots):
    # R20: handed back 8/04/2026, licence since 2015 → new licence from 8/10/2026, code only if registered by 8/01/2027
    tracker = make_tracker(slots={"licence_handed_back_date": "2026-04-08", "licence_date": "2015", **slots})
    _, text = run(action(), tracker, domain)
    assert "8 octobre 2026" in text and "8 janvier 2027" in text and "le code suffit" in text


def test_a_handed_back_day_in_the_future_is_refused_in_french(domain):
    tracker = make_tracker(slots={"licence_handed_back_date": "2031-04-08"})
    _, text = run(answers.ActionAnswerZeroPoints(), tracker, domain)
    assert "futur" in text


def test_the_next_stage_counts_from_the_stage_just_computed(domain):
    # "combien j'aurai après mon stage du 15 janvier ?" then "et je pourrai en refaire un quand ?" (R13):
    # a year after that booked stage, not "dès maintenant" (today is pinned by the test fixtures)
    from bot.reference_date import today
    booked = today().replace(year=today().year + 1, month=1, day=15)
    tracker = make_tracker(slots={"stage_first_day": booked.isoformat(), "previous_stage_date": "none",
                                  "current_balance": 7, "licence_date": "2010"}, intent="ask_stage_eligibility",
                           text="et je pourrai en refaire un quand ?")
    _, text = run(answers.ActionAnswerStageEligibility(), tracker, domain)
    assert f"qu'à partir du 15 janvier {booked.year + 1}" in text and "dès maintenant" not in text


def test_the_date_told_after_a_48si_answer_is_that_letter_s_not_a_48n_s(domain):
    # "jai recu une lettre 48SI ca veut dire quoi" → "je l'ai reçue le 20 novembre": hand the licence back by
    # 30 November (R19, R20), no 48N stage deadline
    history = [{"event": "user", "text": "jai recu une lettre 48SI ca veut dire quoi"},
               {"event": "slot", "name": "letter_code", "value": "48SI"},
               {"event": "action", "name": "action_answer_letter"},
               {"event": "slot", "name": "letter_code", "value": None},
               {"event": "slot", "name": "last_question", "value": "action_answer_letter"}]
    tracker = make_tracker(new_slots={"letter_48n_date": "2026-11-20"}, text="je l'ai reçue le 20 novembre",
                           history=history, slots={"last_question": "action_answer_letter"})
    _, text = run(corrections.ActionApplyCorrection(), tracker, domain)
    assert "30 novembre 2026" in text and "ne rend plus de points" in text and "stage obligatoire" not in text


def test_no_stage_saves_a_licence_once_the_48si_is_notified(domain):
    # "j'ai reçu une 48SI" … "je peux faire un stage pour sauver mon permis ?": no question, the answer is no (R14)
    from actions import forms
    from tests.actions.test_forms import run as run_validation
    tracker = make_tracker(slots={"licence_status": "invalidated"}, intent="ask_stage_eligibility",
                           form="stage_eligibility_form")
    slots, _ = run_validation(forms.ValidateStageEligibilityForm(), tracker, domain)
    assert slots["requested_slot"] is None
    _, text = run(answers.ActionAnswerStageEligibility(), make_tracker(slots={"licence_status": "invalidated"}), domain)
    assert "48SI" in text


@pytest.mark.parametrize("text, entities, learnt", [
    ("bonjour j'ai eu un stop grillé, payé le 3 mars 2026", [{"entity": "date", "value": "2026-03-03", "role": "payment"}], True),
    ("je me suis fait flasher au feu rouge", [], True),
    ("combien de points pour un stop grillé ?", [], False),  # a question in general: nothing about the user
])
def test_the_user_s_own_offence_is_kept_for_the_recovery_question(domain, text, entities, learnt):
    # "j'ai eu un stop grillé, payé le 3 mars" then "je récupère mes points quand ?": 4 points, 4th class (R4)
    tracker = make_tracker(slots={"offence_type": "stop_sign"}, intent="ask_offence_points", text=text, entities=entities)
    events, _ = run(answers.ActionAnswerOffencePoints(), tracker, domain)
    set_slots = {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
    assert (set_slots.get("last_offence_points"), set_slots.get("offence_class")) == ((4, "c4") if learnt else (None, None))


def test_a_stage_too_soon_after_the_previous_one_does_not_restart_the_year(domain):
    # (today is pinned to 23/11/2026) previous stage 10/11/2025, the one of 9/11/2026 came a day too early: it
    # gave no points, so the next stage counts from the 2025 one (R13), not from 9/11/2026
    tracker = make_tracker(slots={"stage_first_day": "2026-11-09", "previous_stage_date": "2025-11-10",
                                  "current_balance": 7, "licence_date": "2010"}, intent="ask_stage_eligibility")
    _, text = run(answers.ActionAnswerStageEligibility(), tracker, domain)
    assert "2027" not in text.split("\n")[0]


def test_a_date_to_come_after_a_stage_answer_is_the_planned_stage(domain):
    # "et si je le fais demain plutôt ?" after the eligibility answer: the stage's date, never a 48N receipt
    from bot.reference_date import today
    tomorrow = today().toordinal() + 1
    from datetime import date as _date
    tomorrow = _date.fromordinal(tomorrow).isoformat()
    history = [{"event": "slot", "name": "letter_48n_date", "value": "2026-10-01"}]
    tracker = make_tracker(slots={"last_question": "action_answer_stage_eligibility", "previous_stage_date": "none",
                                  "current_balance": 7}, text="et si je le fais demain plutôt ?", history=history)
    tracker.latest_message["entities"] = [{"entity": "date", "value": tomorrow}]
    events, text = run(corrections.ActionApplyCorrection(), tracker, domain)
    assert {"event": "slot", "name": "stage_first_day", "timestamp": None, "value": tomorrow} in events
    assert "réception de la lettre 48N" not in text and "dans le futur" not in text


@pytest.mark.parametrize("slots, entities, expected", [
    # R18 example 2: 2 points left, a stop (4 points): -2, a stage before the 48SI saves the licence with 2
    ({"current_balance": 2, "offence_type": "stop_sign"}, [], ["solde calculé est de -2", "le sauve (solde 2 points)"]),
    # "j'étais à 2 points" (no role) and "je vais perdre 4 points" (lost)
    ({}, [{"entity": "points", "value": 2}, {"entity": "points", "value": 4, "role": "lost"}],
     ["solde calculé est de -2"]),
    # R18 example 4: -4, a stage cannot save it
    ({"current_balance": 2, "offence_type": "alcohol"}, [], ["solde calculé est de -4", "ne peut pas être sauvé"]),
])
def test_a_retrait_that_empties_the_balance_says_whether_a_stage_saves_the_licence(domain, slots, entities, expected):
    tracker = make_tracker(slots=slots, intent="ask_zero_points")
    tracker.latest_message["entities"] = entities
    _, text = run(answers.ActionAnswerZeroPoints(), tracker, domain)
    assert all(fragment in text for fragment in expected)


def test_a_retrait_that_leaves_points_gets_the_general_zero_points_answer(domain):
    tracker = make_tracker(slots={"current_balance": 5, "offence_type": "stop_sign"}, intent="ask_zero_points")
    _, text = run(answers.ActionAnswerZeroPoints(), tracker, domain)
    assert text.startswith("À 0 point, votre permis perd sa validité")


@pytest.mark.parametrize("text", ["je dois envoyer quoi et a qui ?", "quels justificatifs pour être remboursé ?",
                                  "comment on se fait rembourser l'amende apres le stage 48N ?"])
def test_the_refund_steps_are_given_without_asking_the_dates(domain, text):
    from actions import forms
    from tests.actions.test_forms import run as run_validation
    tracker = make_tracker(intent="ask_refund_48n", text=text, form="refund_48n_form")
    slots, _ = run_validation(forms.ValidateRefund48nForm(), tracker, domain)
    assert slots["requested_slot"] is None
    _, answer = run(answers.ActionAnswerRefund48n(), make_tracker(intent="ask_refund_48n", text=text), domain)
    assert "Envoyez au comptable public" in answer and "15 jours" in answer


def test_a_refund_question_with_its_dates_is_still_computed(domain):
    from actions import forms
    from tests.actions.test_forms import run as run_validation
    tracker = make_tracker(intent="ask_refund_48n", text="je serai remboursé ?", form="refund_48n_form")
    slots, _ = run_validation(forms.ValidateRefund48nForm(), tracker, domain)
    assert slots["requested_slot"] == "letter_48n_date"


def test_the_balance_asked_with_retraits_told_is_computed_from_the_balance_said_before_them():
    # "j'avais 12 points, perdu 3 points le 10 mars 2025 et 1 point le 2 octobre 2026": 12 - 3 - 1 = 8 (R1, R2)
    text = "j'avais 12 points, j'ai perdu 3 points le 10 mars 2025 et 1 point le 2 octobre 2026, il m'en reste combien ?"
    tracker = make_tracker(intent="ask_check_balance", text=text, entities=parsed(text))
    events, answer = run(answers.ActionAnswerCheckBalance(), tracker)
    assert answer.startswith("Solde aujourd'hui : 8 points (12 points avant l'infraction du 10 mars 2025)")
    # then when they come back: the single point 6 months after its payment (R8), the rest after 3 years (R9)
    assert "2 avril 2027" in answer and "2 octobre 2029" in answer
    assert "Mes Points Permis" in answer
    assert {"event": "slot", "timestamp": None, "name": "last_question",
            "value": "action_answer_check_balance"} in events


def test_the_balance_without_a_start_assumes_12_points_and_says_so():
    text = "j'ai perdu 4 points pour un feu rouge le 20 janvier 2026 et 2 points le 5 mai 2026, combien il me reste ?"
    tracker = make_tracker(intent="ask_check_balance", text=text, entities=parsed(text))
    _, answer = run(answers.ActionAnswerCheckBalance(), tracker)
    assert answer.startswith("Solde aujourd'hui : 6 points")
    assert "Je suis parti de 12 points" in answer
    # the red light is a 4e class contravention: the full recovery takes 3 years whatever the other offence, not named,
    # was (R9: any 4e class counted since the last full recovery), so no "j'ai compté le délai le plus long" hedge
    assert "il est de 3 ans à cause d'un délit ou d'une contravention de 4e ou 5e classe" in answer
    assert "le 5 mai 2029" in answer
    assert "le délai de récupération le plus long" not in answer and "Sans la nature de l'infraction" not in answer


def test_the_balance_of_a_probationary_licence_with_its_retraits_is_the_probation_balance():
    # licence 15/09/2025 with AAC: 6 points; phone (3) paid 20/03/2026, 1 point paid 20/06/2026 → 2 (R5, R7)
    text = "perdu 3 points le 20 mars 2026 et 1 point le 20 juin 2026, j'ai combien de points ?"
    tracker = make_tracker(intent="ask_check_balance", text=text, entities=parsed(text),
                           slots={"licence_date": "2025-09-15", "supervised_driving": True})
    _, answer = run(answers.ActionAnswerCheckBalance(), tracker)
    assert "2 points" in answer.split("\n")[0]


def test_the_balance_of_a_recent_licence_asks_the_probation_questions(domain):
    # "j'ai eu mon permis l'été dernier, combien j'ai de points ?": the probation form, not the generic text
    tracker = make_tracker(intent="ask_check_balance", text="j'ai eu mon permis l'été dernier, combien j'ai de points ?",
                           new_slots={"licence_date": "2025-07"})
    events, answer = run(answers.ActionAnswerCheckBalance(), tracker, domain)
    assert events == [{"event": "followup", "name": "probation_form", "timestamp": None}] and answer == ""


def test_the_balance_of_a_recent_licence_with_every_fact_known_is_answered_at_once(domain):
    tracker = make_tracker(intent="ask_check_balance", text="et j'ai combien de points ?",
                           slots={"licence_date": "2025-07-15", "supervised_driving": False,
                                  "complementary_training": False, "probation_offence": False})
    _, answer = run(answers.ActionAnswerCheckBalance(), tracker, domain)
    # licence of 15/07/2025 without AAC and without offence: 6 points, 8 since its first anniversary (R5)
    assert "8 points" in answer.split("\n")[0]


def test_the_balance_with_nothing_told_is_how_to_check_it(domain):
    _, answer = run(answers.ActionAnswerCheckBalance(), make_tracker(intent="ask_check_balance", text="cb de pts jai"),
                    domain)
    assert answer.startswith("Pour connaître votre solde officiel")


def test_recovery_with_several_retraits_told_reads_them_all(domain):
    text = "j'ai perdu 3 points le 10 mars 2025 et 1 point le 2 octobre 2026, je récupère quand ?"
    tracker = make_tracker(intent="ask_auto_recovery", text=text, entities=parsed(text))
    _, answer = run(answers.ActionAnswerAutoRecovery(), tracker, domain)
    assert "2 octobre 2029" in answer and "2 avril 2027" in answer
    assert "j'ai compté à partir de votre dernière infraction" not in answer.lower()


def test_a_stage_date_corrected_without_its_year_stays_a_planned_stage_not_a_previous_one():
    # stage planned on 3 February 2027, no previous stage ("Non, jamais"), then "non attends, c'était le 10 février
    # le stage": the parser reads 10 February 2026; it corrects the planned stage: 10 February 2027 (R12)
    history = [{"event": "slot", "name": "current_balance", "value": 5},
               {"event": "slot", "name": "stage_first_day", "value": "2027-02-03"},
               {"event": "slot", "name": "previous_stage_date", "value": "none"}]
    text = "non attends, c'était le 10 février le stage"
    tracker = make_tracker(
        slots={"current_balance": 5, "stage_first_day": "2027-02-03", "previous_stage_date": "none",
               "licence_date": "2015-03-12", "last_question": "action_answer_points_after_stage"},
        intent="deny", text=text, entities=[{"entity": "date", "value": "2026-02-10", "start": 23, "end": 34}],
        history=history)
    events, answer = run(corrections.ActionApplyCorrection(), tracker)
    assert {"event": "slot", "name": "stage_first_day", "value": "2027-02-10", "timestamp": None} in events
    assert "9 points" in answer and "12 février 2027" in answer


def test_a_date_with_its_year_corrects_as_said():
    history = [{"event": "slot", "name": "stage_first_day", "value": "2027-02-03"}]
    tracker = make_tracker(
        slots={"current_balance": 5, "stage_first_day": "2027-02-03", "previous_stage_date": "none",
               "licence_date": "2015-03-12", "last_question": "action_answer_points_after_stage"},
        intent="deny", text="non c'était le 10/02/2026",
        entities=[{"entity": "date", "value": "2026-02-10", "start": 15, "end": 25}], history=history)
    events, _ = run(corrections.ActionApplyCorrection(), tracker)
    assert {"event": "slot", "name": "stage_first_day", "value": "2026-02-10", "timestamp": None} in events


def test_recovery_of_offences_told_by_name_with_their_dates_takes_their_points_from_the_scale(domain):
    # red light and stop: 4 points each, 4e class (R4); the last payment + 3 years (R9)
    text = "feu rouge payé le 2 septembre 2026 et stop payé le 15 octobre 2026, je récupère mes points quand ?"
    tracker = make_tracker(intent="ask_auto_recovery", text=text, entities=parsed(text), slots={"licence_date": "2005"})
    _, answer = run(answers.ActionAnswerAutoRecovery(), tracker, domain)
    assert "15 octobre 2029" in answer and "Solde aujourd'hui : 4 points" in answer
    assert "le délai de récupération le plus long" not in answer


@pytest.mark.parametrize("text", ["j'ai signé le recommandé 48SI le 25/11/2026. est-ce que je peux encore faire un stage ?",
                                  "48si recue hier, un stage peut encore me rendre des points ?"])
def test_a_stage_after_the_48si_is_received_gives_no_points(domain, text):
    # R14, R18: once the 48SI is notified, the préfet must refuse the stage's points; nothing to ask
    from actions import forms
    tracker = make_tracker(intent="ask_stage_eligibility", text=text, entities=parsed(text))
    assert asyncio.run(forms.ValidateStageEligibilityForm().required_slots(
        ["previous_stage_date", "current_balance"], CollectingDispatcher(), tracker, domain)) == []
    _, answer = run(answers.ActionAnswerStageEligibility(), tracker, domain)
    assert answer.startswith("Aucun point : la lettre 48SI d'invalidation a été notifiée")


def test_recovery_when_the_fine_amount_is_not_known_counts_the_longest_delay_and_says_so(domain):
    # "j'ai perdu 1 point…" then "je sais pas" to the fine's amount: no loop; the point comes back 6 months after
    # the payment whatever the class (R8), all the points after 3 years at most (R9)
    from actions import forms
    tracker = make_tracker(slots={"last_offence_points": 1}, new_slots={"offence_class": "unknown"},
                           form="auto_recovery_form", requested_slot="offence_class", intent="dont_know",
                           text="je sais pas")
    dispatcher = CollectingDispatcher()
    events = asyncio.run(forms.ValidateAutoRecoveryForm().run(dispatcher, tracker, domain))
    assert {"event": "slot", "timestamp": None, "name": "offence_class", "value": "unknown"} in events
    assert "le délai le plus long" in dispatcher.messages[0]["text"]
    answered = make_tracker(slots={"last_offence_points": 1, "offence_class": "unknown",
                                   "fine_payment_date": "2025-06-01"}, intent="inform")
    _, answer = run(answers.ActionAnswerAutoRecovery(), answered, domain)
    assert "1er décembre 2025" in answer and "1er juin 2028" in answer and "le délai de récupération le plus long" in answer


def test_the_day_the_licence_was_handed_back_after_a_48si_answer_gives_the_new_licence_date():
    # R20: 6 months after the licence was handed back; a licence held 3 years or more: the code only, if registered
    # within 9 months
    text = "rendu en préfecture le 20 mars 2023"
    tracker = make_tracker(slots={"last_question": "action_answer_letter"}, intent="inform", text=text,
                           new_slots={"licence_handed_back_date": "2023-03-20"}, entities=parsed(text))
    events, answer = run(corrections.ActionApplyCorrection(), tracker)
    assert "20 septembre 2023" in answer and "C'est noté" not in answer
    followed = make_tracker(slots={"last_question": "action_answer_zero_points", "licence_handed_back_date": "2023-03-20"},
                            new_slots={"licence_date": "2015"}, intent="inform", text="j'ai le permis depuis 2015")
    _, answer = run(corrections.ActionApplyCorrection(), followed)
    assert "20 septembre 2023" in answer and "code" in answer


def test_the_balance_after_the_users_offence_answer_is_the_balance_told_minus_its_points():
    # "j'avais 12 points", "j'étais à 142 sur une route à 90" (6 points), "il m'en reste combien ?": 6, a 48M (R19)
    tracker = make_tracker(slots={"current_balance": 12, "last_offence_points": 6,
                                  "last_question": "action_answer_offence_points"},
                           intent="ask_check_balance", text="il m'en reste combien ?")
    _, answer = run(answers.ActionAnswerCheckBalance(), tracker)
    # (first the balance once the offence is established, R2, then the letter it brings)
    assert answer.startswith("Une fois l'infraction établie") and "votre solde passe de 12 points à 6 points" in answer
    assert "Avec un solde de 6 points" in answer


def test_offences_told_with_their_dates_and_no_question_get_their_recovery(domain):
    # read as "inform": the two offences, each with its payment, are a history, not one offence's question
    text = "feu rouge payé le 2 septembre 2026 et stop payé le 15 octobre 2026"
    tracker = make_tracker(intent="inform", text=text, entities=parsed(text),
                           new_slots={"offence_type": "red_light", "fine_payment_date": "2026-09-02"})
    _, answer = run(corrections.ActionApplyCorrection(), tracker, domain)
    assert "15 octobre 2029" in answer and "Stop non respecté : retrait" not in answer


def test_the_probation_balance_of_a_licence_without_offence_is_kept_for_the_next_question():
    tracker = make_tracker(slots={"licence_date": "2024-03-12", "supervised_driving": False,
                                  "complementary_training": False, "probation_offence": False})
    events, answer = run(answers.ActionAnswerProbation(), tracker)
    # 6 points, +2 on 12/03/2025 and 12/03/2026: 10 points (R5)
    assert "10 points" in answer.split("\n")[0]
    assert {"event": "slot", "timestamp": None, "name": "current_balance", "value": 10} in events


def test_a_48n_after_a_recent_voluntary_stage_still_makes_the_stage_compulsory(domain):
    # R17: voluntary stage 10–11 September 2026, 48N received 20 November 2026: the stage is due by 20 March 2027; it
    # gives no points before 10 September 2027, and the fine is still refunded
    text = ("j'ai fait un stage volontaire en septembre 2026 (le 10 et 11) et la je recois une 48N le 20 novembre 2026, "
            "je dois refaire un stage ?")
    entities = parsed(text)
    assert {"entity": "letter_code", "value": "48N"} in [{k: e[k] for k in ("entity", "value")} for e in entities]
    tracker = make_tracker(intent="ask_stage_eligibility", text=text, entities=entities,
                           slots={"previous_stage_date": "2026-09-10", "letter_48n_date": "2026-11-20"})
    _, answer = run(answers.ActionAnswerStageEligibility(), tracker, domain)
    assert "20 mars 2027" in answer and "10 septembre 2027" in answer


def test_a_probationary_licence_losing_its_whole_ceiling_is_told_the_48si_and_the_saving_stage():
    # licence 2 April 2026 (6 points, R5), alcohol at 0.3 g/l yesterday (6 points in probation, R4): 0, a 48SI
    # follows unless a stage is completed after the retrait decision and before the 48SI is notified (R18 ex. 3)
    text = "ma fille a eu son permis le 2 avril 2026. contrôlée hier à 0,3 g. Elle va perdre son permis ?"
    tracker = make_tracker(intent="ask_zero_points", text=text, entities=parsed(text),
                           new_slots={"licence_date": "2026-04-02", "offence_type": "alcohol",
                                      "offence_date": "2026-11-22"})
    _, answer = run(answers.ActionAnswerZeroPoints(), tracker)
    # (said of her, as every answer about another's licence: T15 c12)
    assert answer.startswith("Son solde calculé est de 0") and "48SI" in answer and "(solde 4 points)" in answer
    assert "le plafond du permis probatoire ce jour-là : 6 points" in answer and "que vous m'avez indiqué" not in answer


@pytest.mark.parametrize("text", ["😀😀", "-3", "..."])
def test_a_message_without_any_word_gets_the_questions_suggested_not_cest_note(text):
    events, said = run(corrections.ActionApplyCorrection(), make_tracker(intent="inform", text=text))
    assert events == [{"event": "followup", "name": "action_suggest_questions", "timestamp": None}] and said == ""


def test_a_retrait_corrected_after_the_balance_answer_gives_the_balance_again():
    from tests.actions.conftest import user_said
    first = "j'avais 12 points. j'ai perdu 4 points en juin 2025 puis 2 points en aout 2026, il m'en reste combien ?"
    text = "non c'était 3 points en juin pas 4"
    tracker = make_tracker(intent="deny", text=text, entities=parsed(text),
                           slots={"last_question": "action_answer_check_balance"},
                           history=[user_said(first, "ask_check_balance")])
    _, answer = run(corrections.ActionApplyCorrection(), tracker)
    assert answer.startswith("C'est noté, je refais le calcul.") and "Solde aujourd'hui : 7 points" in answer


def test_a_second_invalidation_within_5_years_waits_a_year():
    # R20 example 2: handed back 15 January 2026, the first time 8 April 2024: a new licence from 15 January 2027
    entities = [{"entity": "date", "value": "2026-01-15", "role": "handed_back", "start": 40, "end": 55},
                {"entity": "date", "value": "2024-04-08", "role": "handed_back", "start": 90, "end": 104}]
    tracker = make_tracker(intent="ask_zero_points", entities=entities,
                           text="deuxième invalidation, j'ai rendu mon permis le 15 janvier 2026, la première fois "
                                "je l'avais rendu le 8 avril 2024, je peux repasser quand ?",
                           new_slots={"licence_handed_back_date": "2024-04-08"})
    _, answer = run(answers.ActionAnswerZeroPoints(), tracker)
    assert "15 janvier 2027" in answer and "8 octobre 2024" not in answer


def test_a_voluntary_stage_before_the_48n_is_the_last_stage_with_points():
    # R17 example: voluntary stage 6–7 July 2026, 48N received 12 November 2026: the compulsory stage is due by
    # 12 March 2027 and gives no points before 6 July 2027; the fine is still refunded
    tracker = make_tracker(intent="ask_mandatory_stage", text="Le stage obligatoire va me rendre des points ?",
                           slots={"stage_first_day": "2026-07-06", "letter_48n_date": "2026-11-12"})
    _, answer = run(answers.ActionAnswerMandatoryStage(), tracker)
    assert "12 mars 2027" in answer and "pas avant le 6 juillet 2027" in answer and "remboursée" in answer
    assert "jusqu'à 4 points" not in answer


@pytest.mark.parametrize("text", [
    "perdu 3 points pour le téléphone, payé le 10 mai 2016, et depuis j'ai eu des petits excès quasiment tous les ans, "
    "ces points reviennent un jour ?",
    # SMS spelling (T8 c23: "dautres" was not read, and the full recovery of 2019 was said done)
    "3 points, telephone au volant, payé le 10 mai 2016. et depuis jai eu dautres amendes",
    "tel au volant 3 pts payé le 10/05/2016, dautres pv depuis, je les recup quand ?",
])
def test_offences_said_since_without_their_dates_give_the_10_year_rule(domain, text):
    # R10 example 1: phone (4e class, 3 points) paid 10 May 2016, infractions regularly since: back on 10 May 2026
    tracker = make_tracker(intent="ask_auto_recovery", text=text, entities=parsed(text),
                           slots={"last_offence_points": 3, "offence_class": "c4", "fine_payment_date": "2016-05-10"})
    _, answer = run(answers.ActionAnswerAutoRecovery(), tracker, domain)
    assert "sont revenus le 10 mai 2026 par la règle des 10 ans" in answer and "2019" not in answer


def test_a_probationary_driver_who_lost_3_points_or_more_is_told_to_wait_for_the_48n():
    # R14 edge case: a voluntary stage now would use up the year and not count for the 48N obligation
    tracker = make_tracker(intent="ask_stage_eligibility", text="je fais un stage tout de suite ou j'attends ?",
                           slots={"licence_date": "2025-06-10", "last_offence_points": 4, "previous_stage_date": "none",
                                  "current_balance": 2})
    _, answer = run(answers.ActionAnswerStageEligibility(), tracker)
    assert answer.startswith("Après un retrait de 3 points ou plus en période probatoire, attendez la lettre 48N")


def test_a_day_said_after_a_month_completes_that_date_not_the_last_one_given():
    # licence "avril 2025" (the 30th taken), then a payment date, then "le 14 avril exactement": the licence date
    history = [{"event": "slot", "name": "licence_date", "value": "2025-04"},
               {"event": "slot", "name": "fine_payment_date", "value": "2026-09-10"}]
    tracker = make_tracker(slots={"licence_date": "2025-04", "fine_payment_date": "2026-09-10",
                                  "supervised_driving": False, "complementary_training": False,
                                  "probation_offence": False, "last_question": "action_answer_probation"},
                           intent="inform", text="Le 14 avril exactement",
                           entities=[{"entity": "date", "value": "2026-04-14", "start": 3, "end": 11}], history=history)
    events, answer = run(corrections.ActionApplyCorrection(), tracker)
    assert {"event": "slot", "name": "licence_date", "value": "2025-04-14", "timestamp": None} in events
    assert "14 avril 2028" in answer


def test_a_hand_back_date_corrected_in_a_later_message_is_not_a_second_invalidation():
    # "rendu le 18 novembre", then "ah non je l'ai rendu le 14": one invalidation, 6 months from the 14th (R20)
    history = [{"event": "user", "text": "permis rendu le 18 novembre 2026", "parse_data": {"entities": [
        {"entity": "date", "value": "2026-11-18", "role": "handed_back", "start": 13, "end": 32}]}}]
    tracker = make_tracker(intent="inform", text="ah non je l'ai rendu le 14 novembre",
                           entities=[{"entity": "date", "value": "2026-11-14", "role": "handed_back", "start": 21, "end": 35}],
                           slots={"licence_handed_back_date": "2026-11-14"}, history=history)
    _, answer = run(answers.ActionAnswerZeroPoints(), tracker)
    assert "14 mai 2027" in answer and "un an" not in answer


def test_a_refund_asked_by_a_driver_out_of_probation_is_no(domain):
    tracker = make_tracker(intent="ask_refund_48n", text="si je fais un stage l'amende est remboursée ?",
                           slots={"licence_date": "2008"})
    _, answer = run(answers.ActionAnswerRefund48n(), tracker, domain)
    assert answer.startswith("Non : seul le stage obligatoire suivi après une lettre 48N")


def test_the_balance_of_an_old_licence_asked_as_a_probation_question_is_the_balance_of_its_retraits(domain):
    text = "jai le permis depuis 2008, perdu 3 points le 10 mars 2025 et 1 point le 2 octobre 2026, il me reste cb de points ?"
    tracker = make_tracker(intent="ask_probation", text=text, entities=parsed(text), slots={"licence_date": "2008"})
    _, answer = run(answers.ActionAnswerProbation(), tracker, domain)
    assert answer.startswith("Solde aujourd'hui : 8 points")


def test_the_points_of_the_one_retrait_told_corrected_redo_the_balance():
    from tests.actions.conftest import user_said
    first = "j'avais 12 points, j'ai perdu 2 points le 5 juin 2026, il m'en reste combien ?"
    text = "non en fait j'ai perdu 3 points"
    tracker = make_tracker(intent="deny", text=text, entities=parsed(text),
                           slots={"last_question": "action_answer_check_balance"},
                           history=[user_said(first, "ask_check_balance")])
    _, answer = run(corrections.ActionApplyCorrection(), tracker)
    assert answer.startswith("C'est noté, je refais le calcul.") and "Solde aujourd'hui : 9 points" in answer


def test_a_stage_date_proposed_after_the_eligibility_answer_is_checked_on_its_day():
    # last stage 2–3 December 2025: a stage from 2 December 2026 gives points (R13); "et si je le fais le 3 ?"
    history = [{"event": "slot", "name": "previous_stage_date", "value": "2025-12-02"},
               {"event": "action", "name": "action_answer_stage_eligibility"}]
    tracker = make_tracker(slots={"previous_stage_date": "2025-12-02", "current_balance": 8,
                                  "licence_date": "2005", "last_question": "action_answer_stage_eligibility"},
                           new_slots={"stage_first_day": "2026-12-03"}, intent="ask_mandatory_stage",
                           text="et si je le fais le 3 ça marche ?", history=history)
    _, answer = run(answers.ActionAnswerStageEligibility(), tracker)
    assert "4 points" in answer.split("\n")[0] and "5 décembre 2026" in answer


def test_a_stage_before_a_recent_retrait_is_recorded_is_computed_then_the_retrait(domain):
    # R18 example 1: balance 10, a 4-point fine paid yesterday: a stage now gives 12 (+2 only), then 8 - wait
    text = "j'ai 10 points, je viens de payer une amende de 4 points pour un feu rouge hier, stage tout de suite ou j'attends ?"
    tracker = make_tracker(intent="ask_stage_eligibility", text=text, entities=parsed(text),
                           slots={"current_balance": 10, "last_offence_points": 4, "fine_payment_date": "2026-11-22",
                                  "licence_date": "2005", "previous_stage_date": "none"})
    _, answer = run(answers.ActionAnswerStageEligibility(), tracker, domain)
    assert "solde final 8 points" in answer and "attendre" in answer


def test_which_letter_after_a_retrait_out_of_probation_is_not_a_48n_deadline(domain):
    # R19 example 2: 8 points, 3 lost: a 48M (a warning, no obligation), not a compulsory stage
    from actions import forms
    text = ("j'avais 8 points, je viens de perdre 3 points (enregistré le mois dernier), je vais recevoir quelle "
            "lettre ? je suis obligé de faire un stage ?")
    tracker = make_tracker(intent="ask_mandatory_stage", text=text, entities=parsed(text),
                           new_slots={"current_balance": 8, "last_offence_points": 3}, form="mandatory_stage_form")
    dispatcher = CollectingDispatcher()
    events = asyncio.run(forms.ValidateMandatoryStageForm().run(dispatcher, tracker, domain))
    assert not [e for e in events if e.get("name") == "requested_slot" and e.get("value")]
    assert not dispatcher.messages
    _, answer = run(answers.ActionAnswerMandatoryStage(), make_tracker(
        intent="ask_mandatory_stage", text=text, entities=parsed(text),
        slots={"current_balance": 8, "last_offence_points": 3}), domain)
    assert "48M" in answer and "stage obligatoire au plus tard" not in answer


def test_a_company_car_fine_paid_without_naming_the_driver_costs_no_points(domain):
    # R21 example 2 (L.121-3): no points for anyone
    text = ("La voiture de societe a ete flashee a 105 retenu sur une route a 90. Mon employeur a payé l'amende sans "
            "dire que c'etait moi qui conduisait. Est ce que je perds des points ?")
    tracker = make_tracker(intent="ask_offence_points", text=text, entities=parsed(text),
                           slots={"offence_type": "speeding", "speed_measured": 105, "speed_limit": 90})
    _, answer = run(answers.ActionAnswerOffencePoints(), tracker, domain)
    assert "aucun point" in answer and "1 point" not in answer


def test_a_refund_asked_with_a_voluntary_stage_before_the_48n_is_the_compulsory_stage_answer(domain):
    # voluntary stage 11–12 May 2026, 48N received 28 October 2026: the stage is due by 28 February 2027, gives no
    # points before 11 May 2027, and the fine is refunded (R15, R17) — not a loop on "le stage doit suivre la 48N"
    tracker = make_tracker(intent="ask_refund_48n", text="l'amende sera remboursée ?",
                           slots={"stage_first_day": "2026-05-11", "letter_48n_date": "2026-10-28"})
    events, answer = run(answers.ActionAnswerRefund48n(), tracker, domain)
    assert "28 février 2027" in answer and "11 mai 2027" in answer and "remboursée" in answer
    assert "Impossible" not in answer


def test_a_stage_to_save_the_licence_after_the_48si_is_received_is_too_late():
    # R14 example 1: 48SI received 10 November, a stage now gives no points
    text = "jai recu la lettre 48SI le 10 novembre, je peux faire un stage pour sauver mon permis ?"
    tracker = make_tracker(intent="ask_zero_points", text=text, entities=parsed(text))
    _, answer = run(answers.ActionAnswerZeroPoints(), tracker)
    assert answer.startswith("Aucun point : la lettre 48SI d'invalidation a été notifiée")


def test_a_booked_stage_one_day_too_early_gives_no_points(monkeypatch):
    # R13 example 2 on 1 December 2026: previous stage 1-2 December 2025, the booked one began on 30 November
    monkeypatch.setenv("BOT_TODAY", "2026-12-01")
    text = "j'ai réservé un stage les 30 novembre et 1er décembre 2026, ça va me rendre des points ?"
    tracker = make_tracker(slots={"previous_stage_date": "2025-12-01", "stage_first_day": "2026-11-30",
                                  "current_balance": 8}, text=text, intent="ask_stage_eligibility")
    _, answer = run(answers.ActionAnswerStageEligibility(), tracker)
    assert answer.startswith("Aucun point") and "1er décembre 2026" in answer
    del tracker.slots["current_balance"]
    _, without_balance = run(answers.ActionAnswerStageEligibility(), tracker)
    assert "qu'à partir du 1er décembre 2026" in without_balance


# --- R19 letters, R11 stage kinds, R21 no points, R5 after an invalidation, R16 unpaid fine (tester items)

def run_form(action, tracker, domain):
    """A form validation as the action server runs it: the slots it sets, and what it says."""
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, tracker, domain))
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}, dispatcher.messages


def test_letters_47_and_46d_named_together_are_each_explained(domain):
    # R19 example 5: 47 = stage points credited, 46D = one point back after 6 months; never "je connais 48…"
    text = "c quoi la lettre 47 ? et la 46D ?"
    tracker = make_tracker(intent="ask_letter", text=text, entities=parsed(text), slots={"letter_code": "47"})
    events, answer = run(answers.ActionAnswerLetter(), tracker, domain)
    assert "lettre 47" in answer and "stage" in answer and "R.223-8" in answer
    assert "lettre 46D" in answer and "6 mois" in answer and "L.223-6" in answer
    assert answer.index("lettre 47") < answer.index("lettre 46D")
    assert "Je connais" not in answer
    assert {"event": "slot", "name": "letter_code", "value": None, "timestamp": None} in events


@pytest.mark.parametrize("letter, said", [("46", "tous ses points"), ("46B", "10 ans"), ("46D", "6 mois"),
                                          ("47", "stage")])
def test_the_letters_that_give_points_back_are_explained(domain, letter, said):
    _, answer = run(answers.ActionAnswerLetter(), make_tracker(slots={"letter_code": letter}), domain)
    assert f"lettre {letter}" in answer and said in answer and "article" in answer


def test_which_letter_after_losing_3_of_12_points_with_the_offence_told(domain):
    # R19 example 1: 12 points, 3 lost (seatbelt) -> a lettre 48, 9 points left, no stage obligation; not the
    # offence sheet alone
    from actions import forms
    text = ("j'ai 12 points, je viens de perdre 3 points pour la ceinture, quelle lettre je vais recevoir ? "
            "je dois faire un stage ?")
    slots = {"current_balance": 12, "last_offence_points": 3, "offence_type": "seatbelt"}
    tracker = make_tracker(intent="ask_mandatory_stage", text=text, entities=parsed(text), new_slots=slots,
                           form="mandatory_stage_form")
    dispatcher = CollectingDispatcher()
    events = asyncio.run(forms.ValidateMandatoryStageForm().run(dispatcher, tracker, domain))
    assert not [e for e in events if e.get("name") == "requested_slot" and e.get("value")]
    _, answer = run(answers.ActionAnswerMandatoryStage(), make_tracker(
        intent="ask_mandatory_stage", text=text, entities=parsed(text), slots=slots), domain)
    assert "lettre 48," in answer and "solde de 9 points" in answer and "Aucun stage n'est obligatoire" in answer
    assert "R.223-3" in answer
    assert "Conducteur sans ceinture" not in answer and "48N" not in answer.split("\n")[0]


def test_which_letter_asked_as_a_letter_question_is_the_letter_the_retrait_brings(domain):
    # the same question read as ask_letter: the form does not ask "Quelle lettre avez-vous reçue ?"
    from actions import forms
    text = "quelle lettre je vais recevoir ? j'ai 12 points et je viens d'en perdre 3"
    slots = {"current_balance": 12, "last_offence_points": 3}
    tracker = make_tracker(intent="ask_letter", text=text, entities=parsed(text), new_slots=slots, form="letter_form")
    dispatcher = CollectingDispatcher()
    events = asyncio.run(forms.ValidateLetterForm().run(dispatcher, tracker, domain))
    assert not [e for e in events if e.get("name") == "requested_slot" and e.get("value")]
    _, answer = run(answers.ActionAnswerLetter(), make_tracker(intent="ask_letter", text=text, entities=parsed(text),
                                                               slots=slots), domain)
    assert "lettre 48," in answer and "solde de 9 points" in answer and "Aucun stage n'est obligatoire" in answer


def test_which_letter_in_probation_after_a_3_point_offence_is_the_48n(domain):
    # R15, R19 example 3: asked in those words in probation, the letter is a 48N (its deadline runs from receipt)
    text = "je suis en permis probatoire, j'ai 6 points et je vais en perdre 3 pour le téléphone, quelle lettre je vais recevoir ?"
    _, answer = run(answers.ActionAnswerLetter(), make_tracker(
        intent="ask_letter", text=text, entities=parsed(text),
        slots={"current_balance": 6, "offence_type": "phone", "probationary": True}), domain)
    assert "lettre 48N" in answer and "4 mois" in answer


def test_a_prosecutor_s_stage_gives_no_points_and_no_retrait(domain):
    # R11 example 1, R21: the alternative to prosecution (case 3): no points, and the offence is dropped
    text = "le procureur me propose un stage à la place des poursuites"
    tracker = make_tracker(intent="ask_stage_info", text=text, entities=parsed(text))
    _, answer = run(answers.ActionAnswerStageInfo(), tracker, domain)
    # no points and no retrait, said at once (tester, R11 ex. 1)
    assert answer.startswith("Le stage proposé par le procureur à la place des poursuites (alternative aux poursuites, "
                             "cas 3) ne vous rend aucun point, et l'infraction ne vous en retire aucun une fois le "
                             "stage accompli")
    assert "classement sans suite) et l'infraction ne vous retire aucun point" in answer
    assert "41-1 du Code de procédure pénale" in answer and "un seul stage par an" in answer
    assert "2 jours consécutifs" not in answer


def test_a_prosecutor_s_stage_for_an_offence_is_not_the_offence_s_points(domain):
    # the bot asked which offence and gave 3 points: the stage instead of prosecution withdraws none (R11 ex 1)
    from actions import forms
    text = "le procureur me propose un stage à la place des poursuites pour mon téléphone au volant, je perds 3 points ?"
    tracker = make_tracker(intent="ask_offence_points", text=text, entities=parsed(text),
                           new_slots={"offence_type": "phone"}, form="offence_points_form")
    slots, _ = run_form(forms.ValidateOffencePointsForm(), tracker, domain)
    assert slots.get("requested_slot") is None
    _, answer = run(answers.ActionAnswerOffencePoints(), make_tracker(
        intent="ask_offence_points", text=text, entities=parsed(text), slots={"offence_type": "phone"}), domain)
    assert "ne vous rend aucun point, et l'infraction ne vous en retire aucun" in answer
    assert "retrait de 3 points" not in answer


def test_a_judge_s_stage_does_not_start_the_year_of_a_voluntary_stage(domain):
    # R11 example 2 / R13 example 4: judge's stage 15/03/2026 (case 4), voluntary stage 20-21 April 2026: it gives
    # points; the bot said "only from 20 April 2027"
    from actions import forms
    text = ("stage ordonné par le juge le 15/03/2026 (peine complémentaire), puis stage volontaire les 20 et 21 "
            "avril 2026")
    entities = parsed(text)
    assert {"entity": "date", "value": "2026-03-15", "role": "court_stage"}.items() <= \
        next(e for e in entities if e["entity"] == "date" and e["value"] == "2026-03-15").items()
    # the slot mappings fill the previous stage from a stage date said with a stage-eligibility question
    new_slots = {"previous_stage_date": "2026-04-20"}
    tracker = make_tracker(intent="ask_stage_eligibility", text=text, entities=entities, new_slots=new_slots,
                           form="stage_eligibility_form")
    slots, _ = run_form(forms.ValidateStageEligibilityForm(), tracker, domain)
    assert slots.get("requested_slot") is None
    _, answer = run(answers.ActionAnswerStageEligibility(), make_tracker(
        intent="ask_stage_eligibility", text=text, entities=entities, slots=new_slots), domain)
    assert "cas 4" in answer and "ne rend pas de points" in answer
    assert "20 avril 2026 a donc pu vous rendre jusqu'à 4 points" in answer and "22 avril 2026" in answer
    assert "20 avril 2027" not in answer


def test_a_judge_s_stage_date_is_never_the_previous_point_stage(domain):
    # answered to "Avez-vous déjà fait un stage ?": the judge's stage (case 4) does not start the clock (R13)
    from actions import forms
    text = "oui le 15/03/2026 mais c'était un stage ordonné par le juge"
    entities = parsed(text)
    assert any(e["entity"] == "stage_kind" and e["value"] == "sentence" for e in entities)
    tracker = make_tracker(text=text, entities=entities, new_slots={"previous_stage_date": "2026-03-15"},
                           requested_slot="previous_stage_date", form="stage_eligibility_form",
                           slots={"current_balance": 8})
    slots, _ = run_form(forms.ValidateStageEligibilityForm(), tracker, domain)
    assert slots.get("previous_stage_date") is None


def test_an_adult_passenger_without_a_seatbelt_costs_the_driver_no_points(domain):
    # R21 example 3, R4 seatbelt row: the adult passenger pays 135 €; the driver loses nothing
    text = "mon passager (adulte) avait pas sa ceinture, c'est moi qui perds les points ?"
    entities = parsed(text)
    assert [e["value"] for e in entities if e["entity"] == "offence_type"] == ["seatbelt_adult_passenger"]
    _, answer = run(answers.ActionAnswerOffencePoints(), make_tracker(
        intent="ask_offence_points", text=text, entities=entities,
        slots={"offence_type": "seatbelt_adult_passenger"}), domain)
    assert "aucun point" in answer and "passager adulte qui paie" in answer and "135 €" in answer
    assert "retrait de 3 points" not in answer


def test_a_minor_passenger_without_a_seatbelt_is_the_driver_s_fine_without_points(domain):
    # R4 seatbelt row (R.412-2): a passenger under 18 is the driver's to buckle up: 135 € for the driver, 0 points
    text = "mon passager de 16 ans n'avait pas sa ceinture, je perds des points ?"
    entities = parsed(text)
    assert [e["value"] for e in entities if e["entity"] == "offence_type"] == ["child_restraint"]
    _, answer = run(answers.ActionAnswerOffencePoints(), make_tracker(
        intent="ask_offence_points", text=text, entities=entities, slots={"offence_type": "child_restraint"}),
        domain)
    assert "aucun point" in answer and "amende pour le conducteur" in answer and "135 €" in answer


def test_a_licence_obtained_again_after_an_invalidation_has_no_aac(domain):
    # R5 example 4: after an invalidation, 6 points, 3 years of probation (to 20 October 2029), AAC impossible,
    # even if "oui" was answered to the AAC question
    from actions import forms
    facts = {"licence_date": "2026-10-20", "licence_status": "invalidated"}
    tracker = make_tracker(intent="ask_probation", new_slots=facts, form="probation_form", text="")
    slots, _ = run_form(forms.ValidateProbationForm(), tracker, domain)
    assert slots.get("requested_slot") not in ("supervised_driving", "complementary_training")
    _, answer = run(answers.ActionAnswerProbation(), make_tracker(slots={
        **facts, "supervised_driving": True, "complementary_training": False, "probation_offence": False}), domain)
    assert "6 points" in answer and "20 octobre 2029" in answer and "sans conduite accompagnée" in answer
    assert "2028" not in answer and "3 points le" not in answer and "9 points" not in answer


def test_an_unpaid_majoree_fine_is_not_refunded_the_stage_stops_its_recovery(domain):
    # R16 example 2: never paid, majorée (375 €), 48N stage in time -> nothing to refund, recovery stopped
    text = ("je n'ai jamais payé l'amende, elle est passée en majorée (375 €). j'ai reçu la 48N le 10/09/2026 et "
            "j'ai fait le stage obligatoire les 2 et 3 novembre 2026. je vais être remboursé ?")
    tracker = make_tracker(intent="ask_refund_48n", text=text, entities=parsed(text),
                           slots={"letter_48n_date": "2026-09-10", "stage_first_day": "2026-11-02"})
    _, answer = run(answers.ActionAnswerRefund48n(), tracker, domain)
    assert "rien à vous rembourser" in answer and "arrête son recouvrement" in answer and "majorée" in answer
    assert "L'amende payée vous est remboursée" not in answer and "RIB" not in answer


def test_which_letter_without_the_retrait_asks_the_offence_not_a_48n_date(domain):
    # "j'ai 8 points, quelle lettre je vais recevoir ?": the letter depends on the retrait (R19), whose offence is
    # asked; never the date of a 48N nobody mentioned
    from actions import forms
    text = "j'ai 8 points, quelle lettre je vais recevoir ? je dois faire un stage ?"
    tracker = make_tracker(intent="ask_mandatory_stage", text=text, entities=parsed(text),
                           new_slots={"current_balance": 8}, form="mandatory_stage_form")
    slots, _ = run_form(forms.ValidateMandatoryStageForm(), tracker, domain)
    assert slots["requested_slot"] == "offence_type"
    _, answer = run(answers.ActionAnswerMandatoryStage(), make_tracker(
        intent="inform", text="un feu rouge", entities=parsed("un feu rouge"),
        slots={"current_balance": 8, "offence_type": "red_light"},
        history=[{"event": "user", "text": text, "parse_data": {"intent": {"name": "ask_mandatory_stage"},
                                                                  "entities": parsed(text)}}]), domain)
    assert "48M" in answer and "4 points" in answer and "sans obligation" in answer


def test_a_judge_s_compulsory_stage_is_not_a_48n_stage(domain):
    # R11 case 4: "obligatoire" because a judge imposed it, not a 48N: no 48N date asked, no points (R11)
    from actions import forms
    text = "le juge m'a condamné à faire un stage, c'est obligatoire ? ça me rend des points ?"
    tracker = make_tracker(intent="ask_mandatory_stage", text=text, entities=parsed(text), form="mandatory_stage_form")
    slots, _ = run_form(forms.ValidateMandatoryStageForm(), tracker, domain)
    assert slots.get("requested_slot") is None
    _, answer = run(answers.ActionAnswerMandatoryStage(), make_tracker(
        intent="ask_mandatory_stage", text=text, entities=parsed(text)), domain)
    assert "cas 4" in answer and "ne rend pas de points" in answer and "48N" not in answer


@pytest.mark.parametrize("notified, expected", [
    ("2026-05-12", "Aucun point : la lettre 48SI d'invalidation a été notifiée"),  # R14 example 1, R18 example 5
    ("2026-05-25", "Le stage vous rend 4 points"),  # notified after the stage: the stage came in time (R18)
])
def test_a_48si_told_questions_earlier_decides_the_stage_points(monkeypatch, notified, expected):
    monkeypatch.setenv("BOT_TODAY", "2026-12-01")
    first = f"48SI notifiée le {notified[8:]}/{notified[5:7]}/2026, j'ai fait un stage le 20/05/2026. le prefet me rend les points ?"
    tracker = make_tracker(
        slots={"current_balance": 0, "licence_date": "2010", "stage_first_day": "2026-05-20",
               "previous_stage_date": "none", "letter_code": "48SI", "letter_48n_date": notified},
        text="Non, jamais", intent="deny", history=[user_said(first, "nlu_fallback")])
    _, answer = run(answers.ActionAnswerPointsAfterStage(), tracker)
    assert answer.startswith(expected)


def test_a_recovery_question_read_as_facts_only_gets_the_recovery_answer(domain):
    # "je recupere quand ?" without its accent read as inform: the correction action hears the question in the words
    text = "j'ai grillé un feu rouge payé le 4 octobre 2026, je recupere quand ?"
    tracker = make_tracker(text=text, entities=parsed(text), intent="inform")
    tracker.events += [{"event": "slot", "name": "fine_payment_date", "value": "2026-10-04"},
                       {"event": "slot", "name": "offence_type", "value": "red_light"}]
    tracker.slots.update({"fine_payment_date": "2026-10-04", "offence_type": "red_light", "last_offence_points": 4,
                          "offence_class": "c4"})
    events, answer = run(corrections.ActionApplyCorrection(), tracker, domain)
    assert answer.startswith("Sans nouvelle infraction, votre permis retrouvera son maximum de points le 4 octobre 2029")
    assert {"event": "slot", "name": "last_question", "value": "action_answer_auto_recovery", "timestamp": None} in events


def test_a_speeding_told_by_its_excess_is_the_pending_retrait_that_empties_the_balance(monkeypatch):
    # "il me reste 1 point et je viens de me faire flasher a +35 sur l'autoroute": 3 points, 1 - 3 = -2, a stage
    # before the 48SI saves the licence with 2 points (R4, R18)
    monkeypatch.setenv("BOT_TODAY", "2026-12-01")
    text = "il me reste 1 point et je viens de me faire flasher a +35 sur l'autoroute, je perds mon permis ?"
    tracker = make_tracker(slots={"current_balance": 1, "offence_type": "speeding", "speed_excess": 35,
                                  "speed_limit": 130}, text=text, entities=parsed(text), intent="ask_zero_points")
    assert answers.pending_loss_answer(tracker).startswith("Votre solde calculé est de -2")


@pytest.mark.parametrize("text, fine", [("stationnement sur trottoir ca enleve des points ?", "135 €"),
                                        ("garé en double file, je perds des points ?", "35 €"),
                                        ("un pv de stationnement ça retire des points ?", None)])
def test_parking_costs_no_points_unless_dangerous(domain, text, fine):
    # R4: only dangerous stopping or parking (R.417-9) costs points; the form asks nothing more (tester Y got
    # "Quelle infraction ?")
    from actions import forms
    entities = parsed(text)
    offence = [e["value"] for e in entities if e["entity"] == "offence_type"]
    tracker = make_tracker(intent="ask_offence_points", text=text, entities=entities,
                           new_slots={"offence_type": offence[0]}, form="offence_points_form")
    slots, _ = run_form(forms.ValidateOffencePointsForm(), tracker, domain)
    assert slots["requested_slot"] is None
    _, answer = run(answers.ActionAnswerOffencePoints(), make_tracker(
        intent="ask_offence_points", text=text, entities=entities, slots={"offence_type": offence[0]}), domain)
    assert "aucun point" in answer
    assert (fine in answer) if fine else ("Amende forfaitaire" not in answer)


def test_a_serious_excess_without_figures_is_answered_without_asking_the_limit(domain):
    # tester Y: "grand exces de vitesse c'est combien de points" asked the speed limit; R4: 6 points, a délit
    from actions import forms
    text = "grand exces de vitesse c'est combien de points"
    entities = parsed(text)
    tracker = make_tracker(intent="ask_offence_points", text=text, entities=entities, form="offence_points_form",
                           new_slots={"offence_type": "speeding", "speed_excess": 50})
    slots, _ = run_form(forms.ValidateOffencePointsForm(), tracker, domain)
    assert slots["requested_slot"] is None
    _, answer = run(answers.ActionAnswerOffencePoints(), make_tracker(
        intent="ask_offence_points", text=text, entities=entities,
        slots={"offence_type": "speeding", "speed_excess": 50}), domain)
    assert "retrait de 6 points (délit)" in answer and "grand excès" in answer


@pytest.mark.parametrize("text", ["j'ai pris un flash a +25 km/h, il me reste combien de points ?",
                                  "flashé à 25 de trop, combien il me reste ?"])
def test_an_offence_asked_with_what_is_left_says_it_without_the_balance(domain, text):
    # tester Y: only "retrait de 2 points"; the balance before is unknown: 12 - 2 if full, and how to check (R1)
    entities = parsed(text)
    _, answer = run(answers.ActionAnswerOffencePoints(), make_tracker(
        intent="ask_offence_points", text=text, entities=entities,
        slots={"offence_type": "speeding", "speed_excess": 25}), domain)
    assert "retrait de 2 points" in answer and "par exemple 10 si votre permis avait ses 12 points" in answer
    assert "Mes Points Permis" in answer


def test_an_offence_question_without_what_is_left_has_no_balance_line(domain):
    text = "flashé à 25 de trop, ça fait combien de points ?"
    _, answer = run(answers.ActionAnswerOffencePoints(), make_tracker(
        intent="ask_offence_points", text=text, entities=parsed(text),
        slots={"offence_type": "speeding", "speed_excess": 25}), domain)
    assert "retrait de 2 points" in answer and "par exemple" not in answer


@pytest.mark.parametrize("last_said, expected", [
    ("Conduite … : retrait de 2 points.\\n\\nIl vous en reste ce que vous aviez moins 2 … Dites-moi votre solde avant "
     "l'infraction pour le calcul exact.", "Mes Points Permis"),
    ("Au revoir, et bonne route !", None)])
def test_dont_know_after_an_answer_asking_the_balance_says_where_to_read_it(domain, last_said, expected):
    # tester Y: "je ne sais pas" then got "D'accord. Quelle est votre question ?"
    tracker = make_tracker(intent="dont_know", text="je ne sais pas", history=[{"event": "bot", "text": last_said}])
    dispatcher = CollectingDispatcher()
    answers.ActionDontKnow().run(dispatcher, tracker, domain)
    if expected:
        assert expected in dispatcher.messages[0]["text"]
    else:
        assert dispatcher.messages[0]["response"] == "utter_what_question"


def test_a_licence_date_after_an_offence_answer_asks_the_probation_balance_with_that_offence(domain):
    # tester Y: "je l'ai eu en janvier 2025" after the answer on 0,3 g in probation got "Quelle est votre question ?"
    tracker = make_tracker(slots={"last_question": "action_answer_offence_points"},
                           history=[{"event": "slot", "name": "offence_type", "value": "alcohol"},
                                    {"event": "slot", "name": "offence_type", "value": None}],
                           new_slots={"licence_date": "2025-01"}, text="je l'ai eu en janvier 2025")
    events, text = run(corrections.ActionApplyCorrection(), tracker, domain)
    assert {"event": "slot", "name": "offence_type", "value": "alcohol", "timestamp": None} in events
    # the probation form asks what it still needs (the AAC, the offence's date…), then the balance (R7)
    assert events[-1] == {"event": "followup", "name": "probation_form", "timestamp": None} and text == ""


def story_balance(domain, text):
    """The balance answer to a story told in one message, with the slots its entities fill (as the domain maps them)."""
    from tests.actions.test_probation_facts import mapped_slots
    tracker = make_tracker(new_slots=mapped_slots(domain, text, "ask_check_balance"), intent="ask_check_balance",
                           text=text, entities=parsed(text))
    return run(answers.ActionAnswerCheckBalance(), tracker, domain)[1]


def test_the_balance_before_and_an_offence_named_give_what_is_left(domain):
    # tester Z2 (X3): "j'avais 12 points. Feu rouge … payé le 10 septembre. Il me reste combien … ?" got the generic
    # Mes Points Permis text: the red light's 4 points (R4) from 12 leave 8, and a lettre 48 (R19)
    answer = story_balance(domain, "Permis depuis 2012, j'avais 12 points. Feu rouge le 3 septembre 2026 payé le 10 "
                                   "septembre. Il me reste combien et je les recupere quand ?")
    assert answer.startswith("Solde aujourd'hui : 8 points (12 points avant l'infraction du 3 septembre 2026)")
    assert "maximum de points le 10 septembre 2029" in answer  # and when they come back (R9: 4e class, 3 years)


def test_the_balance_before_and_an_offence_named_without_its_dates_give_what_is_left(domain):
    # the same without dates: the barème's points from the balance, and the letter (R4, R19)
    text = "j'avais 12 points, j'ai grillé un feu rouge, il me reste combien ?"
    tracker = make_tracker(slots={"current_balance": 12, "offence_type": "red_light"}, intent="ask_check_balance",
                           text=text, entities=parsed(text))
    _, answer = run(answers.ActionAnswerCheckBalance(), tracker, domain)
    assert "lettre 48, simple information, avec un solde de 8 points" in answer


def test_the_balance_of_a_story_after_an_aac_probation_counts_the_aac(domain):
    # tester Z2 (Y1): AAC licence of 2 September 2023: 9 points on 2 September 2024 (R5); a red light on 15 May 2025
    # leaves 5 (R7), and the probation ended on 2 September 2025, not 2026
    text = ("Bonjour, ma fille a eu son permis le 2 septembre 2023 en conduite accompagnée, sans formation "
            "complémentaire. Elle a grillé un feu rouge le 15 mai 2025, payé le 1er juin 2025. Elle a combien de "
            "points aujourd'hui ?")
    answer = story_balance(domain, text)
    assert answer.startswith("Solde aujourd'hui : 5 points") and "9 points avant l'infraction" in answer
    assert "2 septembre 2026" not in answer


def test_two_excesses_each_with_its_day_and_payment_give_the_probation_balance(domain):
    # tester Z2 (C23): licence 5 May 2025, +22 on a road at 80 (2 points) then +8 at 110 (1 point): 8 - 3 = 5 of 8
    # (R5, R7); the dates before "payé le …" were read as payments and the form asked the offence's date again
    text = ("J'ai mon permis depuis le 5 mai 2025 (pas d'AAC ni formation complementaire). Flashé a +22 retenu sur une "
            "route a 80 le 3 juin 2026 payé le 15 juin, puis +8 sur une route a 110 le 1 octobre 2026 payé le 10 "
            "octobre. Je vais recevoir une 48N ? et j'ai combien de points ?")
    answer = story_balance(domain, text)
    assert answer.startswith("Votre solde est aujourd'hui de 5 points sur 8 : 3 points retirés")


def test_a_probationary_driver_at_2_points_caught_on_the_phone_gets_the_pending_loss_first(domain):
    # tester Z1 (R19 example 4): 2 points, a phone offence (3): the balance falls to -1, a 48SI follows unless a stage
    # is completed before it is notified (R18); the answer announced a 48N only
    text = ("Je suis en probatoire et il me reste 2 points. Je viens de me faire arrêter avec le téléphone au volant. "
            "Qu'est-ce qui va se passer ?")
    slots = {"current_balance": 2, "offence_type": "phone", "probationary": True}
    _, answer = run(answers.ActionAnswerOffencePoints(), make_tracker(
        new_slots=slots, slots=slots, intent="ask_offence_points", text=text, entities=parsed(text)), domain)
    assert answer.startswith("Votre solde calculé est de -1") and "48SI" in answer and "le sauve (solde 3 points)" in answer
    assert "retrait de 3 points" in answer


def test_a_full_licence_asking_if_a_stage_is_useful_gets_no_point_to_gain_at_once(domain):
    # tester Z1 (R14 example 2): "j'ai 12" was not read, and the form asked the previous stages, then the balance
    from actions import forms
    from tests.actions.test_probation_facts import mapped_slots
    text = "j'ai jamais perdu de point, j'ai 12. ça sert à quelque chose que je fasse un stage ?"
    slots = mapped_slots(domain, text, "ask_stage_eligibility")
    tracker = make_tracker(new_slots=slots, intent="ask_stage_eligibility", text=text, entities=parsed(text),
                           form="stage_eligibility_form")
    asked, _ = run_form(forms.ValidateStageEligibilityForm(), tracker, domain)
    assert asked["requested_slot"] is None
    _, answer = run(answers.ActionAnswerStageEligibility(), make_tracker(
        slots={**slots, **asked}, intent="ask_stage_eligibility", text=text, entities=parsed(text)), domain)
    assert answer.startswith("Aucun point à gagner : votre solde (12) est déjà au plafond")


def test_how_long_before_the_letter_48_comes_is_answered_first(domain):
    # T1 c80: "combien de temps pour recevoir la lettre 48 apres avoir payé ?" got only what a lettre 48 is; no
    # deadline binds the ministry (R2, CE 22/10/2014 n° 364635), and the retrait counts from its decision
    from tests.actions.test_probation_facts import run as run_told, told
    for text in ("combien de temps pour recevoir la lettre 48 apres avoir payé ?", "la lettre 48 arrive quand ?"):
        _, answer = run_told(answers.ActionAnswerLetter(), told(domain, text, "ask_letter"), domain)
        assert answer.startswith("Aucun délai n'est fixé au ministère pour vous l'envoyer"), text
        assert "n° 364635" in answer and "La lettre 48 vous informe d'un retrait" in answer
    _, answer = run_told(answers.ActionAnswerLetter(), told(domain, "c'est quoi la lettre 48 ?", "ask_letter"), domain)
    assert "Aucun délai" not in answer


# --- R4 / R7 example 3: the limit said of the road ("sur route à 80", "sur une 80", "limitée à 110") gives the class of
# a small excess (3e above 50 km/h): the form does not ask the fine, and the full recovery takes 2 years, not 3

@pytest.mark.parametrize("text", [
    "excès de 12 km/h sur route à 80, amende payée le 3 mars 2026, quand est-ce que je récupère mon point ?",
    "flashé 12 km/h au-dessus sur une 80, payé le 3 mars 2026, je récupère mon point quand ?",
    "pris à 92 sur une route limitée à 80, payé le 3 mars 2026, je récupère mon point quand ?",
])
def test_the_road_s_limit_told_gives_the_class_of_a_small_excess(domain, text):
    from actions import forms
    from tests.actions.test_probation_facts import mapped_slots
    tracker = make_tracker(intent="ask_auto_recovery", text=text, entities=parsed(text), form="auto_recovery_form",
                           new_slots=mapped_slots(domain, text, "ask_auto_recovery"))
    assert tracker.get_slot("speed_limit") == 80
    slots, _ = run_form(forms.ValidateAutoRecoveryForm(), tracker, domain)
    assert slots.get("offence_class") == "c3" and slots.get("last_offence_points") == 1
    assert slots.get("requested_slot") != "offence_class"
    _, answer = run(answers.ActionAnswerAutoRecovery(), make_tracker(
        intent="ask_auto_recovery", text=text, entities=parsed(text),
        slots={**mapped_slots(domain, text, "ask_auto_recovery"), **slots, "current_balance": 11}), domain)
    # R8: the point back 6 months after the payment; R9: 2 years for a 3e class, not the longest delay
    assert "3 septembre 2026" in answer and "3 mars 2028" in answer and "3 mars 2029" not in answer


@pytest.mark.parametrize("text, limit, klass", [
    ("excès de 8 km/h sur une route limitée à 110, combien de points ?", 110, "c3"),
    ("8 de trop sur une 110, ça fait combien de points ?", 110, "c3"),
    ("flashé à 58 dans une 50, combien de points ?", 50, "c4"),
])
def test_the_offence_points_answer_reads_the_road_s_limit(domain, text, limit, klass):
    from actions import forms
    from tests.actions.test_probation_facts import mapped_slots
    new = mapped_slots(domain, text, "ask_offence_points")
    assert new.get("speed_limit") == limit
    tracker = make_tracker(intent="ask_offence_points", text=text, entities=parsed(text), new_slots=new,
                           form="offence_points_form")
    slots, messages = run_form(forms.ValidateOffencePointsForm(), tracker, domain)
    assert slots.get("requested_slot") is None, messages  # the limit is not asked
    _, answer = run(answers.ActionAnswerOffencePoints(), make_tracker(
        intent="ask_offence_points", text=text, entities=parsed(text), slots=new), domain)
    assert "1 point" in answer and ("3e classe" if klass == "c3" else "4e classe") in answer, answer


@pytest.mark.parametrize("text", [
    "permis le 10 mars 2024. flashé à 10 de trop sur une 80, payé le 1er juin 2024, puis 8 km/h de trop sur une 90 "
    "le 15 juillet 2024, payé le 1er août 2024. il me reste combien ?",
    "permis le 10 mars 2024. excès de 10 km/h sur une 80, payé le 1er juin 2024, puis 8 km/h de trop sur une 90 "
    "commis le 15 juillet 2024, payé le 1er août 2024. j'ai combien de points ?",
])
def test_r7_example_3_told_informally_counts_both_small_excesses(domain, text):
    # R7 example 3: 6 → 5 (01/06/2024) → 4 (01/08/2024); the second, committed 15/07/2024, blocks the first point;
    # the second point back on 01/02/2025 → 5/6; 12 only at the end of probation (10/03/2027), both 3e class (limit
    # 80 and 90, R4)
    from tests.actions.test_probation_facts import told
    _, answer = run(answers.ActionAnswerCheckBalance(), told(domain, text, "ask_check_balance"), domain)
    assert "5 points sur 6" in answer and "10 mars 2027" in answer, answer
    assert "plus probatoire" not in answer


def test_a_stage_done_with_the_balance_unknown_is_not_said_possible_now(domain):
    # tester T1 c46, c48: "j'ai fait mon stage les 20 et 21 octobre 2026, je ne connais pas mon solde": it got "Un
    # stage volontaire peut vous rendre des points dès maintenant" (false: that stage used up the year, R13)
    tracker = make_tracker(slots={"balance_unknown": True, "licence_date": "1999-01-01", "previous_stage_date": "none",
                                  "stage_first_day": "2026-10-20"})
    _, text = run(answers.ActionAnswerPointsAfterStage(), tracker, domain)
    assert "dès maintenant" not in text
    assert "vous a rendu jusqu'à 4 points, avec effet au 22 octobre 2026" in text
    assert "pourra commencer le 20 octobre 2027" in text


@pytest.mark.parametrize("text, together", [
    ("Bonjour, combien de points retire un refus de priorité à un piéton, et également un dépassement dangereux ?",
     False),
    ("arrêté hier au téléphone et sans ceinture, je perds combien ?", True),
    ("combien de points pour téléphone et ceinture en même temps ?", True),
])
def test_offences_asked_in_general_are_not_capped_as_committed_together(domain, text, together):
    # tester T1 c64: two offences asked about in one message got "plafonnés à 8 points pour des infractions commises
    # en même temps", a simultaneity nobody told; the cap of R3 is for offences of one check
    from tests.actions.test_probation_facts import mapped_slots, run as run_told
    told = mapped_slots(domain, text, "ask_offence_points")
    named = [e["value"] for e in parsed(text) if e["entity"] == "offence_type"]
    tracker = make_tracker(slots={**told, "offence_type": named[0], "other_offences": named[1:]},
                           intent="ask_offence_points", text=text, entities=parsed(text))
    _, answer = run_told(answers.ActionAnswerOffencePoints(), tracker, domain)
    assert ("Les retraits s'additionnent" in answer) is together
    if not together:
        assert "retrait de 6 points" in answer and "retrait de 3 points" in answer and "plafonnés" not in answer


@pytest.mark.parametrize("text", [
    "Bonjour j'ai grillé un feu rouge le 5 janvier 2026 et le lendemain 6 janvier un stop, deux fois verbalisé. combien "
    "de points au total ?",
    "feu rouge le 5 janvier 2026 + stop le 6 janvier 2026 (2 pv differents). ca fait combien de points perdus en tout ?",
])
def test_offences_of_different_days_add_up_without_the_cap(domain, text):
    # tester T2, R3 example 4: a red light and a stop the next day, two tickets: 4 + 4 = 8 by ordinary addition; only
    # the stop was counted
    from tests.actions.test_probation_facts import run as run_told, told
    _, answer = run_told(answers.ActionAnswerOffencePoints(), told(domain, text, "ask_offence_points"), domain)
    assert "Feu rouge (fixe ou clignotant) non respecté : 4 points ; stop non respecté : 4 points" in answer
    assert "8 points au total" in answer and "sans plafond" in answer
