"""A stage the user plans is the stage asked about, never the last one done (R12, R13, R15, R16, R17).

Reproduced from testers T3 (c24, c44, c28, c03) and T4 (m016), BOT_TODAY=2026-12-01; each with other wordings.
"""
from __future__ import annotations

import asyncio
import inspect
from datetime import date
from typing import Any, Dict, List, Optional

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions import answers, corrections, forms
from bot.nlu.fact_parsing import extract_facts
from tests.actions.conftest import make_tracker, slots_filled_by_rasa

TODAY = date(2026, 12, 1)


@pytest.fixture(autouse=True)
def _first_of_december(first_of_december):
    """The testers' reference date."""


def entities(text: str) -> List[dict]:
    return [{"entity": f.entity, "value": f.value, "start": f.start, "end": f.end, **({"role": f.role} if f.role else {})}
            for f in extract_facts(text, TODAY)]


def form_run(action, tracker, domain):
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, tracker, domain))
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}, \
        [m.get("text") or "" for m in dispatcher.messages]


def answer_run(action, tracker, domain):
    dispatcher = CollectingDispatcher()
    events = action.run(dispatcher, tracker, domain)
    if inspect.iscoroutine(events):
        events = asyncio.run(events)
    return events, "\n".join(m.get("text") or "" for m in dispatcher.messages)


def said(text: str, intent: str, slots: Dict[str, Any], new_slots: Dict[str, Any], form: Optional[str] = None,
         requested: Optional[str] = None, history: Optional[List[dict]] = None):
    """The message `text`, with the slots known before it (also as events, as the server's tracker holds them)."""
    known = [{"event": "slot", "name": name, "value": value} for name, value in slots.items()]
    return make_tracker(slots=slots, new_slots=new_slots, intent=intent, text=text, entities=entities(text),
                        form=form, requested_slot=requested, history=known + list(history or []))


LETTER_48N = {"letter_code": "48N", "letter_48n_date": "2026-10-31", "last_question": "action_answer_mandatory_stage"}


@pytest.mark.parametrize("text, first_day, in_time", [
    # T3 c44: 48N signed 31 October 2026 → deadline 28 February 2027 (R15 ex. 3)
    ("le stage que j'ai trouvé c'est le 26 et 27 février, ça passe ?", "2027-02-26", True),
    ("j'ai une place le 1er et 2 mars, c'est bon ?", "2027-03-01", False),
    ("je compte le faire les 20 et 21 février, ça va ?", "2027-02-20", True),
])
def test_a_stage_found_after_a_48n_is_the_one_to_take_and_its_end_is_checked(domain, text, first_day, in_time):
    value = next(e["value"] for e in entities(text) if e["entity"] == "date")
    tracker = said(text, "ask_stage_eligibility", LETTER_48N, {"previous_stage_date": value},
                   form="stage_eligibility_form")
    slots, _ = form_run(forms.ValidateStageEligibilityForm(), tracker, domain)
    assert slots["previous_stage_date"] is None and slots["stage_first_day"] == first_day
    assert slots["requested_slot"] is None  # nothing more to ask: whether it ends in time
    known = {**LETTER_48N, "stage_first_day": first_day}
    _, answer = answer_run(answers.ActionAnswerStageEligibility(), said(text, "ask_stage_eligibility", known, {}), domain)
    assert "dernier stage" not in answer and "2026" not in answer.replace("31 octobre 2026", "")
    assert "28 février 2027" in answer
    if in_time:  # R15, R16: in time → the fine refunded, points
        assert "Obligation remplie" in answer and "remboursée" in answer
    else:  # R15 ex. 2, R16: too late → 135 €, suspension possible, no refund
        assert "après la date limite" in answer and "135 €" in answer and "suspension possible" in answer
        assert "n'est pas remboursée" in answer


@pytest.mark.parametrize("text, first_day, in_time", [
    ("et le 1er et 2 mars ?", "2027-03-01", False),
    ("sinon le 1er mars", "2027-03-01", False),
    ("et le 20 et 21 février ?", "2027-02-20", True),
])
def test_another_day_for_the_stage_found_is_checked_against_the_48n_deadline(domain, text, first_day, in_time):
    known = {**LETTER_48N, "last_question": "action_answer_stage_eligibility", "stage_first_day": "2027-02-26"}
    events, answer = answer_run(corrections.ActionApplyCorrection(), said(text, "inform", known, {}), domain)
    assert {"event": "slot", "name": "stage_first_day", "value": first_day, "timestamp": None} in events or \
        any(e.get("name") == "stage_first_day" and e.get("value") == first_day for e in events)
    assert "dernier stage" not in answer
    assert ("Obligation remplie" in answer) is in_time and ("après la date limite" in answer) is not in_time


PROBATION_4_POINTS = {"licence_date": "2025-02-02", "supervised_driving": False, "complementary_training": False,
                      "fine_payment_date": "2025-03-10", "offence_date": "2025-03-01", "last_offence_points": 2,
                      "offence_type": "speeding", "speed_excess": 22, "current_balance": 4}


@pytest.mark.parametrize("text, intent", [
    # T3 c24, to "Avez-vous déjà fait un stage qui vous a rendu des points ?"
    ("et je serai à combien ? je pensais faire le stage les 8 et 9 janvier", "ask_points_after_stage"),
    ("je voudrais le faire le 8 janvier", "inform"),
    ("j'ai réservé pour les 8 et 9 janvier", "inform"),
])
def test_a_stage_planned_given_to_the_last_stage_question_is_the_stage_asked_about(domain, text, intent):
    # R12, R5, R7: licence 2 February 2025, 2 points paid 10 March 2025 → 4, ceiling frozen at 6; stage 8–9 January
    # 2027 → 6 on 10 January 2027 (+2 only)
    value = next(e["value"] for e in entities(text) if e["entity"] == "date")
    tracker = said(text, intent, PROBATION_4_POINTS, {"previous_stage_date": value}, form="stage_eligibility_form",
                   requested="previous_stage_date")
    slots, messages = form_run(forms.ValidateStageEligibilityForm(), tracker, domain)
    assert slots["previous_stage_date"] is None and slots["stage_first_day"] == "2027-01-08"
    assert slots["requested_slot"] == "previous_stage_date"  # the last stage done is still to ask
    assert "C'est noté pour le stage : 8 janvier 2027." in messages
    known = {**PROBATION_4_POINTS, "stage_first_day": "2027-01-08", "previous_stage_date": "none"}
    _, answer = answer_run(answers.ActionAnswerStageEligibility(), said("jamais fait de stage", "deny", known, {}),
                           domain)
    assert "10 janvier 2027" in answer and "de 4 à 6 points" in answer and "8 janvier 2026" not in answer


@pytest.mark.parametrize("text", [
    "le stage c'est le 18 et 19 janvier",  # T3 c28, to the licence date question
    "le 18 janvier pour le stage",
    "stage : 18 et 19 janvier",
])
def test_a_stage_day_given_while_the_licence_date_is_asked_is_the_stage_s(domain, text):
    value = next(e["value"] for e in entities(text) if e["entity"] == "date")
    tracker = said(text, "inform", {"current_balance": 5, "previous_stage_date": "none"}, {"licence_date": value},
                   form="points_after_stage_form", requested="licence_date")
    slots, messages = form_run(forms.ValidatePointsAfterStageForm(), tracker, domain)
    assert slots["licence_date"] is None and slots["stage_first_day"] == "2027-01-18"
    assert slots["requested_slot"] == "licence_date"
    assert "C'est noté pour le stage : 18 janvier 2027." in messages


def test_a_licence_date_is_still_the_licence_s(domain):
    text = "permis obtenu le 18 janvier 2016"
    value = next(e["value"] for e in entities(text) if e["entity"] == "date")
    tracker = said(text, "inform", {"current_balance": 5, "previous_stage_date": "none"}, {"licence_date": value},
                   form="points_after_stage_form", requested="licence_date")
    slots, _ = form_run(forms.ValidatePointsAfterStageForm(), tracker, domain)
    assert slots["licence_date"] == "2016-01-18" and "stage_first_day" not in slots


def test_the_last_stage_done_answers_the_last_stage_question(domain):
    # "le 3 mars" (or "c'était le 3 mars") to "Avez-vous déjà fait un stage ?": the last one done, in the past
    for text in ("le 3 mars", "c'était le 3 mars", "le 3 mars dernier"):
        value = next(e["value"] for e in entities(text) if e["entity"] == "date")
        tracker = said(text, "inform", {"current_balance": 8}, {"previous_stage_date": value},
                       form="stage_eligibility_form", requested="previous_stage_date")
        slots, _ = form_run(forms.ValidateStageEligibilityForm(), tracker, domain)
        assert slots["previous_stage_date"] == "2026-03-03", text


# --- T3 c02: "non j'ai le permis depuis 2009" to the last stage's question answers it (no loop)

@pytest.mark.parametrize("text, licence", [
    ("non j'ai le permis depuis 2009", "2009"),
    ("non, et j'ai le permis depuis 2009", "2009"),
    ("jamais, permis obtenu en 2012", "2012"),
])
def test_a_no_with_another_fact_answers_the_last_stage_question(domain, text, licence):
    tracker = said(text, "inform", {"current_balance": 7, "stage_first_day": "2026-12-14"}, {"licence_date": licence},
                   form="stage_eligibility_form", requested="previous_stage_date")
    slots, messages = form_run(forms.ValidateStageEligibilityForm(), tracker, domain)
    assert slots["previous_stage_date"] == "none" and slots["licence_date"] == licence
    assert slots["requested_slot"] is None and messages == []


def test_a_correction_opening_with_non_is_not_a_no(domain):
    tracker = said("non en fait j'ai 8 points", "inform", {"current_balance": 7}, {"current_balance": 8},
                   form="stage_eligibility_form", requested="previous_stage_date")
    slots, _ = form_run(forms.ValidateStageEligibilityForm(), tracker, domain)
    assert slots.get("previous_stage_date") is None and slots["requested_slot"] == "previous_stage_date"


# --- T3 c19: the stage's day is not asked again when it changes nothing (R1, R12, R13)

ASKED_STAGE_DAY = [{"event": "slot", "name": "requested_slot", "value": "stage_first_day"}]
NINE_POINTS_2015 = {"current_balance": 9, "licence_date": "2015", "balance_unknown": False}


@pytest.mark.parametrize("text, intent", [
    ("je sais pas encore, pas réservé", "dont_know"),
    ("aucune idée, pas encore inscrit", "inform"),
    ("pas encore de date", "inform"),
])
def test_a_stage_day_not_known_is_not_asked_again_when_it_changes_nothing(domain, text, intent):
    tracker = said(text, intent, NINE_POINTS_2015, {}, form="points_after_stage_form", requested="stage_first_day",
                   history=ASKED_STAGE_DAY)
    slots, messages = form_run(forms.ValidatePointsAfterStageForm(), tracker, domain)
    assert slots["requested_slot"] == "previous_stage_date"
    assert messages == ["Pas de souci : ici, le jour du stage ne change rien au calcul."]


def test_a_month_only_then_no_previous_stage_gives_the_answer(domain):
    # "en janvier" ("Quel jour de janvier 2027 ?"), then "non jamais fait de stage": 9 → 12 whatever the day (+3)
    known = {**NINE_POINTS_2015, "date_awaiting_precision": "stage_first_day=2027-01"}
    tracker = said("non jamais fait de stage", "deny", known, {"previous_stage_date": False},
                   form="points_after_stage_form", requested="stage_first_day", history=ASKED_STAGE_DAY)
    slots, _ = form_run(forms.ValidatePointsAfterStageForm(), tracker, domain)
    assert slots["previous_stage_date"] == "none" and slots["requested_slot"] is None
    tracker = said("non jamais fait de stage", "deny", {**known, "previous_stage_date": "none"}, {},
                   history=ASKED_STAGE_DAY)
    _, answer = answer_run(answers.ActionAnswerPointsAfterStage(), tracker, domain)
    assert "Il vous rendrait 3 points (plafond 12)" in answer and "ne change rien" in answer


@pytest.mark.parametrize("known", [
    {"current_balance": 5, "licence_date": "2025-03", "supervised_driving": False},  # probation: the ceiling moves
    {**NINE_POINTS_2015, "previous_stage_date": "2026-06-10"},  # a stage within the year (R13)
])
def test_the_stage_day_is_still_asked_when_it_changes_the_answer(domain, known):
    tracker = said("je sais pas encore", "dont_know", known, {}, form="points_after_stage_form",
                   requested="stage_first_day", history=ASKED_STAGE_DAY)
    slots, messages = form_run(forms.ValidatePointsAfterStageForm(), tracker, domain)
    assert slots["requested_slot"] == "stage_first_day"
    assert not any("ne change rien" in m for m in messages)


# --- T3 c31, T4 m022: a fine not yet paid is counted in the stage's answer (R18 example 1)

@pytest.mark.parametrize("opening", [
    "j'ai 10 points. j'ai une amende de 4 points (feu rouge) que je n'ai pas encore payée. est-ce que je fais le "
    "stage avant ou après avoir payé ?",
    "10 points, et un stop (4 points) pas encore payé, le stage je le fais quand ?",
    "il me reste 10 points, je viens de payer une amende de 4 points pour un feu rouge",
])
def test_the_retrait_to_come_is_counted_in_the_points_after_a_stage(domain, opening):
    history = [{"event": "user", "text": opening,
                "parse_data": {"intent": {"name": "ask_stage_eligibility"}, "entities": entities(opening)}}]
    known = {"current_balance": 10, "last_offence_points": 4, "licence_date": "2011", "stage_first_day": "2026-12-14",
             "previous_stage_date": "none"}
    _, answer = answer_run(answers.ActionAnswerPointsAfterStage(),
                           said("non jamais fait", "deny", known, {}, history=history), domain)
    assert answer.startswith("Mieux vaut attendre que le retrait de 4 points soit enregistré")
    assert "de 6 à 10 points" in answer and "solde final 8 points" in answer


# --- T3 c36: a balance said in the present already counts the stages done (R12); the retrait told is subtracted

@pytest.mark.parametrize("opening", [
    "Bonjour. J'ai 9 points, j'ai fait un stage en mars 2026 (les 16 et 17 mars). Je viens encore de perdre 3 points "
    "hier, payé hier. Quand puis-je refaire un stage ?",
    "il me reste 9 points, stage fait les 16 et 17 mars 2026, et j'ai perdu 3 points hier (payé hier)",
    "je suis à 9 points après mon stage des 16 et 17 mars 2026, mais j'ai perdu 3 points payés hier",
])
def test_the_balance_said_now_is_not_credited_again_with_the_stage_done(domain, opening):
    history = [{"event": "user", "text": opening,
                "parse_data": {"intent": {"name": "ask_stage_eligibility"}, "entities": entities(opening)}}]
    known = {"current_balance": 9, "previous_stage_date": "2026-03-16", "fine_payment_date": "2026-11-30",
             "last_offence_points": 3, "last_question": "action_answer_stage_eligibility"}
    _, answer = answer_run(answers.ActionAnswerCheckBalance(),
                           said("et du coup il me reste combien ?", "ask_check_balance", known, {}, history=history),
                           domain)
    assert answer.startswith("Solde aujourd'hui : 6 points")
    assert "de 9 à 12 points" not in answer


# --- T3 c49: two stages to take in one message; the second one within the year gives no point (R13)

@pytest.mark.parametrize("text, second, note", [
    ("et si jen fais un le 10 decembre 2026 puis un autre en juin 2027 ?", "en juin 2027",
     "ne vous rendrait aucun point : un nouveau stage n'en donne qu'à partir du 10 décembre 2027"),
    ("je pensais en faire un les 10 et 11 décembre puis un deuxième en mars", "en mars 2027",
     "ne vous rendrait aucun point"),
    ("un le 10 décembre et un autre le 15 décembre 2027", "le 15 décembre 2027",
     "pourrait lui aussi vous rendre des points"),
])
def test_the_second_of_two_stages_planned_counts_from_the_first(domain, text, second, note):
    found = entities(text)
    tracker = said(text, "inform", {"current_balance": 4}, {"previous_stage_date": found[-1]["value"]},
                   form="stage_eligibility_form", requested="previous_stage_date")
    slots, messages = form_run(forms.ValidateStageEligibilityForm(), tracker, domain)
    assert slots["stage_first_day"] == "2026-12-10" and slots["previous_stage_date"] is None
    assert messages == [f"C'est noté : un stage le 10 décembre 2026, puis un autre {second}."]
    history = [{"event": "user", "text": text, "parse_data": {"intent": {"name": "inform"}, "entities": found}}]
    known = {"current_balance": 4, "stage_first_day": "2026-12-10", "previous_stage_date": "none"}
    _, answer = answer_run(answers.ActionAnswerStageEligibility(),
                           said("jamais fait avant", "deny", known, {}, history=history), domain)
    assert "effet au 12 décembre 2026 : votre solde passera de 4 à 8 points" in answer
    assert f"Le second stage, {second}, {note}" in answer


# --- T3 c03: the last stage on 2–3 December 2025; a stage on 1 December 2026 gives nothing, said plainly (R13)

@pytest.mark.parametrize("text", [
    "ok et si je le fais le 1er décembre ça passe ?",
    "je peux le faire le 1er décembre ?",
    "et le 1er décembre, c'est bon ?",
])
def test_a_stage_today_a_year_less_a_day_after_the_last_gives_no_point(domain, text):
    known = {"previous_stage_date": "2025-12-02", "last_question": "action_answer_stage_eligibility"}
    # (what Rasa's mappings fill first: "je le fais le 1er décembre" gives the day the stage's role, T39 c04)
    filled = slots_filled_by_rasa(entities(text), domain, "ask_stage_eligibility")
    slots, _ = form_run(forms.ValidateStageEligibilityForm(),
                        said(text, "ask_stage_eligibility", known, filled, form="stage_eligibility_form"), domain)
    assert slots["stage_first_day"] == "2026-12-01" and slots.get("previous_stage_date", "2025-12-02") == "2025-12-02"
    known["stage_first_day"] = "2026-12-01"
    _, answer = answer_run(answers.ActionAnswerStageEligibility(), said(text, "ask_stage_eligibility", known, {}),
                           domain)
    assert answer.startswith("Aucun point") and "à partir du 2 décembre 2026" in answer


@pytest.mark.parametrize("balance, line", [
    (8, "votre solde passera de 8 à 12 points"),
    (10, "votre solde passera de 10 à 12 points"),
    (5, "votre solde passera de 5 à 9 points"),
])
def test_the_balance_given_then_says_what_the_next_stage_that_counts_gives(domain, balance, line):
    # "il me reste 8 points" after that answer: the first stage that gives points again, 8 → 12 (R12, R13)
    known = {"previous_stage_date": "2025-12-02", "stage_first_day": "2026-12-01",
             "last_question": "action_answer_stage_eligibility"}
    _, answer = answer_run(corrections.ActionApplyCorrection(),
                           said(f"il me reste {balance} points", "inform", known, {"current_balance": balance}), domain)
    assert answer.startswith("Aucun point")
    assert f"Avec un stage qui commence le 3 décembre 2026, le stage vous rendra" in answer and line in answer


# --- T3 c23: 12 points, no hedge on the ceiling; more than 12 is never possible (R1)

@pytest.mark.parametrize("text, asked", [
    ("ah bon. et 14 points c'est possible avec un stage ?", 14),
    ("et avec un stage je peux avoir 13 points ?", 13),
    ("un stage peut me mettre à 16 points ?", 16),
])
def test_more_than_twelve_points_is_never_possible(domain, text, asked):
    _, answer = answer_run(answers.ActionAnswerStageEligibility(),
                           said(text, "ask_stage_eligibility", {"current_balance": 12}, {}), domain)
    assert answer.startswith("Aucun point à gagner")
    assert f"Non, {asked} points n'est pas possible : un permis compte au plus 12 points" in answer
    assert "nous avons supposé" not in answer


# --- T3 c56: "j'avais 8 points avant le retrait de 3" is not today's balance (R1, R5, R12, R15, R16)

@pytest.mark.parametrize("text", [
    "et si je fais le stage le 14 et 15 janvier je récupère combien ? j'avais 8 points avant le retrait de 3",
    "j'avais 8 points avant de perdre 3 points, le stage les 14 et 15 janvier me rend combien ?",
    "avant mon retrait de 3 points j'avais 8 points, et le stage du 14 janvier ?",
])
def test_the_balance_before_the_retrait_is_not_today_s(domain, text):
    # licence April 2025 (no AAC): ceiling 8 since 30 April 2026; 48N received 15 September 2026 → deadline 15 January
    # 2027; stage 14–15 January 2027 → 5 + 3 = 8 on 16 January 2027, in time, the fine refunded
    found = entities(text)
    assert [e["value"] for e in found if e["entity"] == "points"] in ([8, 3], [3, 8])
    history = [{"event": "user", "text": text, "parse_data": {"intent": {"name": "ask_points_after_stage"},
                                                              "entities": found}}]
    known = {"letter_code": "48N", "letter_48n_date": "2026-09-15", "current_balance": 8,
             "stage_first_day": "2027-01-14", "last_offence_points": 3, "licence_date": "2025-04",
             "supervised_driving": False, "previous_stage_date": "none"}
    _, answer = answer_run(answers.ActionAnswerPointsAfterStage(), said("non", "deny", known, {}, history=history),
                           domain)
    assert "votre solde passera de 5 à 8 points" in answer and "effet au 16 janvier 2027" in answer
    assert "déjà au plafond" not in answer
    assert "obligation remplie" in answer and "remboursée" in answer


@pytest.mark.parametrize("text", [
    # T11 c03: a son's balance before his retrait, in the third person, was taken as today's ("votre solde (6) est
    # déjà au plafond de 6 points"); licence March 2026, first year: ceiling 6 (R5), 6 − 3 = 3, the stage → 6 (R12)
    "il a eu son permis en mars 2026, il avait 6 points, il a perdu 3 points pour vitesse. il aura combien apres le "
    "stage du 14 janvier ?",
    "elle était à 6 points avant de perdre 3 points, le stage du 14 janvier lui rend combien ?",
    "vous aviez 6 points avant le retrait de 3 points, le stage du 14 janvier vous rend combien ?",
])
def test_the_balance_before_the_retrait_in_another_person_is_not_today_s(domain, text):
    history = [{"event": "user", "text": text, "parse_data": {"intent": {"name": "ask_points_after_stage"},
                                                              "entities": entities(text)}}]
    known = {"current_balance": 6, "stage_first_day": "2027-01-14", "licence_date": "2026-03-15",
             "supervised_driving": False, "previous_stage_date": "none", "last_offence_points": 3}
    _, answer = answer_run(answers.ActionAnswerPointsAfterStage(), said("non", "deny", known, {}, history=history),
                           domain)
    assert "passera de 3 à 6 points" in answer and "déjà au plafond" not in answer, answer


@pytest.mark.parametrize("text", [
    # a loss told as done after the balance before it, nothing said of its payment: counted before the stage (5 + 4),
    # not "Le retrait de 3 points pas encore enregistré sera déduit après le stage" (8 + 4 − 3)
    "permis depuis 2010, j'avais 8 points, j'ai perdu 3 points pour un feu rouge. si je fais un stage le 14 janvier "
    "j'aurai combien ?",
    "il avait 8 points, il a perdu 3 points pour vitesse. il aura combien apres le stage du 14 janvier ?",
])
def test_a_loss_told_as_done_after_the_balance_before_it_is_counted_before_the_stage(domain, text):
    history = [{"event": "user", "text": text, "parse_data": {"intent": {"name": "ask_points_after_stage"},
                                                              "entities": entities(text)}}]
    known = {"current_balance": 8, "stage_first_day": "2027-01-14", "licence_date": "2010",
             "previous_stage_date": "none", "last_offence_points": 3}
    _, answer = answer_run(answers.ActionAnswerPointsAfterStage(), said("non", "deny", known, {}, history=history),
                           domain)
    assert "passera de 5 à 9 points" in answer and "pas encore enregistré" not in answer, answer


def test_a_balance_said_now_with_the_retrait_is_kept(domain):
    text = "j'ai 8 points et j'ai perdu 3 points, le stage du 14 janvier me rend combien ?"
    history = [{"event": "user", "text": text, "parse_data": {"intent": {"name": "ask_points_after_stage"},
                                                              "entities": entities(text)}}]
    known = {"current_balance": 8, "stage_first_day": "2027-01-14", "licence_date": "2010",
             "previous_stage_date": "none"}
    _, answer = answer_run(answers.ActionAnswerPointsAfterStage(), said("non", "deny", known, {}, history=history),
                           domain)
    assert "votre solde passera de 8 à 12 points" in answer


# --- T3 c30: waiting for the 48SI is too late; a stage ended before it saves the licence (R14 ex. 1, R18)

C30_OPENING = ("bonjour il me reste 3 points et je viens de payer une amende de 4 points pour un stop, il y a 10 jours. "
               "je vais perdre mon permis ?")


@pytest.mark.parametrize("text", [
    "et si j'attends la lettre 48SI ?",
    "je peux attendre la 48SI avant de faire le stage ?",
    "et si je fais le stage après la 48SI ?",
])
def test_waiting_for_the_48si_is_said_too_late(domain, text):
    history = [{"event": "user", "text": C30_OPENING,
                "parse_data": {"intent": {"name": "ask_zero_points"}, "entities": entities(C30_OPENING)}}]
    known = {"current_balance": 3, "last_offence_points": 4, "offence_type": "stop_sign"}
    slots, messages = form_run(forms.ValidateStageEligibilityForm(),
                               said(text, "ask_letter", known, {"letter_code": "48SI"}, form="stage_eligibility_form",
                                    requested="previous_stage_date", history=history), domain)
    assert slots["requested_slot"] == "previous_stage_date" and slots["letter_code"] is None
    assert messages[0].startswith("Non, n'attendez pas la lettre 48SI")
    assert "votre solde calculé de -1 passerait à 3 points" in messages[0]
    _, answer = answer_run(answers.ActionAnswerLetter(),
                           said(text, "ask_letter", known, {"letter_code": "48SI"}, history=history), domain)
    assert answer == messages[0]


def test_a_48si_question_without_a_loss_to_zero_is_the_letter_s(domain):
    text = "et si j'attends la lettre 48SI ?"
    _, answer = answer_run(answers.ActionAnswerLetter(),
                           said(text, "ask_letter", {"current_balance": 9}, {"letter_code": "48SI"}), domain)
    assert "n'attendez pas" not in answer


# --- T4 m005: a stage just done, told with "j'en ai combien maintenant ?", is the stage asked about (R12)

@pytest.mark.parametrize("opening, balance, line", [
    ("Salut, permis depuis 2015, il me reste neuf points et j'ai fait un stage les 26 et 27 novembre. J'en ai combien "
     "maintenant ?", 9, "effet au 28 novembre 2026 : votre solde passe de 9 à 12 points"),
    ("j'ai fait mon stage les 19 et 20 novembre, j'avais 7 points, j'en suis à combien ?", 7,
     "effet au 21 novembre 2026 : votre solde passe de 7 à 11 points"),
    ("stage fait le 23 novembre avec 5 points au compteur, combien maintenant ?", 5,
     "effet au 25 novembre 2026 : votre solde passe de 5 à 9 points"),
])
def test_a_stage_just_done_is_the_one_asked_about(domain, opening, balance, line):
    found = entities(opening)
    history = [{"event": "user", "text": opening, "parse_data": {"intent": {"name": "nlu_fallback"}, "entities": found}}]
    known = {"licence_date": "2015", "current_balance": balance}
    slots, _ = form_run(forms.ValidatePointsAfterStageForm(),
                        said("/ask_points_after_stage", "ask_points_after_stage", known, {},
                             form="points_after_stage_form", history=history), domain)
    stage = next(e["value"] for e in found if e["entity"] == "date" and e.get("role") == "stage")
    assert slots["stage_first_day"] == stage and "previous_stage_date" not in slots
    known.update(stage_first_day=stage, previous_stage_date="none")
    _, answer = answer_run(answers.ActionAnswerPointsAfterStage(), said("non", "deny", known, {}, history=history),
                           domain)
    assert line in answer and "Impossible de répondre" not in answer


def test_a_stage_done_before_another_is_still_the_last_one(domain):
    opening = "j'ai fait un stage les 26 et 27 novembre, combien j'aurai si j'en refais un l'an prochain ?"
    history = [{"event": "user", "text": opening,
                "parse_data": {"intent": {"name": "nlu_fallback"}, "entities": entities(opening)}}]
    slots, _ = form_run(forms.ValidatePointsAfterStageForm(),
                        said("/ask_points_after_stage", "ask_points_after_stage", {"licence_date": "2015"}, {},
                             form="points_after_stage_form", history=history), domain)
    assert slots["previous_stage_date"] == "2026-11-26" and "stage_first_day" not in slots


# --- T4 m016: "cette semaine" for a stage to take starts today, not on the Monday already past (R13 ex. 1)

@pytest.mark.parametrize("text", [
    "j'ai fait un stage le 1er et 2 décembre 2025, je peux en refaire un cette semaine ?",
    "mon dernier stage c'était les 1er et 2 décembre 2025, j'en fais un cette semaine, ça compte ?",
    "stage fait le 1er décembre 2025, et un nouveau cette semaine ça me rend des points ?",
])
def test_a_stage_this_week_a_year_after_the_last_gives_points(domain, text):
    found = entities(text)
    tracker = said(text, "ask_stage_eligibility", {}, {"previous_stage_date": found[-1]["value"]},
                   form="stage_eligibility_form")
    slots, _ = form_run(forms.ValidateStageEligibilityForm(), tracker, domain)
    assert slots["previous_stage_date"] == "2025-12-01" and slots["stage_first_day"] == "2026-12-01"
    known = {k: v for k, v in slots.items() if k != "requested_slot"}
    _, answer = answer_run(answers.ActionAnswerStageEligibility(), said(text, "ask_stage_eligibility", known, {}),
                           domain)
    assert answer.startswith("Un stage peut de nouveau vous rendre des points") and "2027" not in answer


# --- T4 m017: a licence said probationary has its ceiling asked, not 12 assumed (R5, R7, R14)

@pytest.mark.parametrize("opening", [
    "jeune permis (1 an) j'ai perdu 2 points, je peux faire un stage volontaire ?",
    "je suis en permis probatoire, j'ai perdu 2 points, un stage c'est possible ?",
    "jeune conducteur, -2 points, je peux faire un stage de récupération ?",
])
def test_a_probationary_licence_s_date_is_asked_then_its_ceiling_counts(domain, opening):
    found = entities(opening)
    history = [{"event": "user", "text": opening,
                "parse_data": {"intent": {"name": "ask_stage_eligibility"}, "entities": found}}]
    known = {"probationary": True, "last_offence_points": 2, "previous_stage_date": "none"}
    slots, _ = form_run(forms.ValidateStageEligibilityForm(),
                        said("6", "inform", known, {"current_balance": 6}, form="stage_eligibility_form",
                             requested="current_balance", history=history), domain)
    assert slots["requested_slot"] == "licence_date"
    slots, _ = form_run(forms.ValidateStageEligibilityForm(),
                        said("en novembre 2025", "inform", {**known, "current_balance": 6}, {"licence_date": "2025-11"},
                             form="stage_eligibility_form", requested="licence_date", history=history), domain)
    assert slots["licence_date"] == "2025-11" and slots["requested_slot"] == "supervised_driving"
    known.update(current_balance=6, licence_date="2025-11-20", supervised_driving=False)
    _, answer = answer_run(answers.ActionAnswerStageEligibility(), said("non", "deny", known, {}, history=history),
                           domain)
    assert "Il vous rendrait 2 points (plafond 8)" in answer and "plafond 12" not in answer


def test_a_licence_not_said_probationary_is_not_asked_its_date(domain):
    slots, _ = form_run(forms.ValidateStageEligibilityForm(),
                        said("6", "inform", {"previous_stage_date": "none"}, {"current_balance": 6},
                             form="stage_eligibility_form", requested="current_balance"), domain)
    assert slots["requested_slot"] is None


# --- T4 m029, m032: the refund half of a stage question (R15, R16)

@pytest.mark.parametrize("text", [
    "stage volontaire en permis probatoire, l'amende est remboursée ?",
    "j'ai pas eu de 48N, c'est un stage volontaire",
    "si je fais un stage de moi-même, on me rembourse l'amende ?",
])
def test_a_voluntary_stage_never_refunds_the_fine(domain, text):
    slots, _ = form_run(forms.ValidateRefund48nForm(),
                        said(text, "ask_refund_48n", {"probationary": True}, {}, form="refund_48n_form"), domain)
    assert slots["requested_slot"] is None
    _, answer = answer_run(answers.ActionAnswerRefund48n(), said(text, "ask_refund_48n", {"probationary": True}, {}),
                           domain)
    assert answer.startswith("Non : seul le stage obligatoire suivi après une lettre 48N")


def test_a_voluntary_stage_said_to_the_48n_question_ends_the_refund_form(domain):
    tracker = said("j'ai pas eu de 48N, c'est un stage volontaire", "ask_stage_eligibility", {"probationary": True}, {},
                   form="refund_48n_form", requested="letter_48n_date")
    slots, _ = form_run(forms.ValidateRefund48nForm(), tracker, domain)
    assert slots["requested_slot"] is None and slots["letter_48n_date"] is None


@pytest.mark.parametrize("opening", [
    "J'ai perdu 3 points au téléphone en permis probatoire et j'ai payé 135 €, est-ce que je récupère mes points et mon "
    "argent si je fais le stage ?",
    "jeune permis, j'ai perdu 3 points (téléphone), le stage me rend les points et l'amende est remboursée ?",
    "en probatoire j'ai pris 3 points, si je fais un stage on me rembourse aussi les 135 € ?",
])
def test_the_money_half_is_answered_with_the_points(domain, opening):
    history = [{"event": "user", "text": opening,
                "parse_data": {"intent": {"name": "nlu_fallback"}, "entities": entities(opening)}}]
    known = {"last_offence_points": 3, "offence_type": "phone", "probationary": True, "current_balance": 3,
             "licence_date": "2026-02-01", "supervised_driving": False, "stage_first_day": "2026-12-15",
             "previous_stage_date": "none"}
    _, answer = answer_run(answers.ActionAnswerPointsAfterStage(), said("non jamais", "deny", known, {},
                                                                        history=history), domain)
    assert "votre solde passera de 3 à 6 points" in answer
    assert "vous vaudra une lettre 48N" in answer and "dans les 4 mois fait rembourser l'amende" in answer


@pytest.mark.parametrize("text", ["non je sais pas", "nan je me souviens plus", "non je sais plus trop"])
def test_a_no_that_does_not_know_is_not_a_no(domain, text):
    tracker = said(text, "inform", {"current_balance": 7}, {}, form="stage_eligibility_form",
                   requested="previous_stage_date")
    slots, _ = form_run(forms.ValidateStageEligibilityForm(), tracker, domain)
    assert slots.get("previous_stage_date") is None
