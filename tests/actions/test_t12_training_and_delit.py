"""Outside tester T12 (BOT_TODAY=2026-12-01): a délit told without its conviction (c30), and the formation
complémentaire asked about inside and after its window (c12, c11)."""
from __future__ import annotations

import pytest

from actions import answers
from tests.actions.conftest import make_tracker, parsed

pytestmark = pytest.mark.usefixtures("first_of_december")
TODAY = "2026-12-01"


def said(text: str, intent: str = "inform") -> dict:
    return {"event": "user", "text": text, "parse_data": {"intent": {"name": intent}, "entities": parsed(text, TODAY)}}


def _balance_after(opening: str, points: int) -> str:
    history = [said(opening, "ask_offence_points"), {"event": "slot", "name": "last_offence_points", "value": points},
               {"event": "action", "name": "action_answer_offence_points"}]
    text = "et j'avais 10 points"
    tracker = make_tracker(slots={"current_balance": 10, "last_offence_points": points,
                                  "last_question": "action_answer_offence_points"},
                           history=history, text=text, entities=parsed(text, TODAY))
    return answers.balance_answer(tracker) or ""


@pytest.mark.parametrize("opening, points", [
    ("controle positif cannabis + 0,6 g d'alcool le 5 octobre 2026 combien de points", 9),
    ("contrôlé à 1,2 g d'alcool le 5 octobre 2026, je perds combien ?", 6),
    ("arrêté le 5 octobre 2026 pour conduite après usage de stupéfiants, combien de points ?", 6),
])
def test_a_delit_a_court_judges_is_not_withdrawn_45_days_after_it(opening, points):
    # T12 c30: "Solde aujourd'hui : 1 point" 57 days after a délit told without its conviction (R2: only the
    # conviction become final establishes a délit without amende forfaitaire délictuelle)
    answer = _balance_after(opening, points)
    assert "Votre solde reste aujourd'hui de 10 points" in answer, answer
    assert "condamnation du tribunal sera devenue définitive" in answer
    assert f"{points} points seront retirés et votre solde passera à {10 - points} point" in answer
    assert "Solde aujourd'hui :" not in answer and "payée le 5 octobre" not in answer


def test_a_delit_with_a_fixed_fine_is_still_taken_as_established_after_its_deadline():
    # the excess of 50 km/h or more has an amende forfaitaire délictuelle (300 €, R4): paid or majorée after 45 days
    answer = _balance_after("flashé à 145 au lieu de 90 le 5 octobre 2026", 6)
    assert answer.startswith("Solde aujourd'hui : 4 points"), answer


# --- c12: the training not done, inside its window (R6: 6th to 12th month; licence 31 March 2026) -----------------


@pytest.mark.parametrize("aac, reduced_end, normal_end", [(False, "31 mars 2028", "31 mars 2029"),
                                                          (True, "30 septembre 2027", "31 mars 2028")])
def test_inside_its_window_the_answer_says_the_training_would_shorten_the_probation(aac, reduced_end, normal_end):
    from tests.actions.test_answers import run
    tracker = make_tracker(slots={"licence_date": "2026-03-31", "supervised_driving": aac,
                                  "complementary_training": False}, intent="deny", text="Non")
    _, answer = run(answers.ActionAnswerProbation(), tracker)
    assert "Vous pouvez encore suivre la formation complémentaire" in answer, answer
    assert "du 30 septembre 2026 au 31 mars 2027" in answer
    assert f"elle se terminerait le {reduced_end} au lieu du {normal_end}" in answer


@pytest.mark.parametrize("text, intent", [
    ("je l'ai pas faite, je voulais savoir ce que c'est", "nlu_fallback"),
    ("jlai pas faite", "nlu_fallback"),
    ("pas encore", "inform"),
    ("je ne l'ai pas encore suivie", "inform"),
    ("elle est pas faite", "nlu_fallback"),
])
def test_the_training_said_not_done_answers_its_question(domain, text, intent):
    import asyncio

    from rasa_sdk.executor import CollectingDispatcher

    from actions import forms
    tracker = make_tracker(slots={"licence_date": "2026-03", "supervised_driving": False}, intent=intent, text=text,
                           entities=parsed(text, TODAY), requested_slot="complementary_training",
                           form="probation_form")
    dispatcher = CollectingDispatcher()
    events = asyncio.run(forms.ValidateProbationForm().run(dispatcher, tracker, domain))
    assert {"event": "slot", "timestamp": None, "name": "complementary_training", "value": False} in events, events
    assert not any("pas compris" in (m.get("text") or "") for m in dispatcher.messages)


@pytest.mark.parametrize("text", ["pas encore payé", "je l'ai faite en mars"])
def test_other_words_are_not_read_as_the_training_not_done(domain, text):
    from actions.mid_form import yes_or_no_opening
    tracker = make_tracker(slots={"licence_date": "2026-03"}, intent="inform", text=text,
                           entities=parsed(text, TODAY), requested_slot="complementary_training",
                           form="probation_form")
    assert yes_or_no_opening(tracker, "complementary_training") is None


# --- c11: the training to come, once its question is answered (R6) -------------------------------------------------


def _after_the_probation_answer(licence: str, aac: bool, text: str):
    from actions.follow_ups import answer_in_context
    slots = {"licence_date": licence, "supervised_driving": aac, "complementary_training": False,
             "last_question": "action_answer_probation"}
    history = [said("j'ai combien de points ?", "ask_probation"),
               *({"event": "slot", "name": k, "value": v} for k, v in slots.items() if k != "last_question"),
               {"event": "action", "name": "action_answer_probation"},
               {"event": "bot", "text": "Votre permis est probatoire jusqu'au 15 juin 2027."},
               {"event": "slot", "name": "last_question", "value": "action_answer_probation"}]
    tracker = make_tracker(slots=slots, history=history, text=text, entities=parsed(text, TODAY))
    return answer_in_context(tracker)


@pytest.mark.parametrize("text", [
    "je l'ai pas encore faite, je la ferais la semaine prochaine",
    "elle est pas faite. est ce que ca sert encore a quelque chose de la faire ?",
    "je vais la faire",
    "et si je la fais le mois prochain ?",
    "elle sert encore ?",
    "je compte la suivre en janvier",
])
def test_a_training_to_come_after_its_window_says_it_is_over(text):
    # T12 c11: AAC licence 15 June 2025, window 15 December 2025 to 15 June 2026: over on 1 December 2026; the
    # probation still ends on 15 June 2027 ("Quelle est votre question ?", then the stage's questions)
    answer = _after_the_probation_answer("2025-06-15", True, text) or ""
    first = answer.split("\n")[1] if "\n" in answer else answer
    assert "du 15 décembre 2025 au 15 juin 2026), un délai déjà passé" in first, answer
    assert "qui se terminera toujours le 15 juin 2027" in first


@pytest.mark.parametrize("text, day", [("je vais la faire", "1er décembre 2026"),
                                       ("et si je la fais en janvier ?", "janvier 2027")])
def test_a_training_to_come_inside_its_window_shortens_the_probation(text, day):
    answer = _after_the_probation_answer("2026-03-31", False, text) or ""
    assert answer.startswith("Si vous suivez la formation complémentaire") and day in answer.split("\n")[0], answer
    assert "la période probatoire se terminera le 31 mars 2028" in answer.split("\n")[1], answer


def test_its_use_asked_read_as_the_stage_question_does_not_open_the_stage_form(domain):
    # T12 c11: "elle est pas faite. est ce que ca sert encore a quelque chose de la faire ?" (the NLU: the stage's
    # eligibility) got "Avez-vous déjà fait un stage … ?"
    import asyncio

    from rasa_sdk.executor import CollectingDispatcher

    from actions import forms
    from tests.actions.test_answers import run
    text = "elle est pas faite. est ce que ca sert encore a quelque chose de la faire ?"
    slots = {"licence_date": "2025-06-15", "supervised_driving": True, "complementary_training": False,
             "last_question": "action_answer_probation"}
    history = [said("j'ai combien de points ?", "ask_probation"),
               *({"event": "slot", "name": k, "value": v} for k, v in slots.items() if k != "last_question"),
               {"event": "action", "name": "action_answer_probation"},
               {"event": "slot", "name": "last_question", "value": "action_answer_probation"}]
    tracker = make_tracker(slots=slots, history=history, text=text, entities=parsed(text, TODAY),
                           intent="ask_stage_eligibility", form="stage_eligibility_form")
    dispatcher = CollectingDispatcher()
    events = asyncio.run(forms.ValidateStageEligibilityForm().run(dispatcher, tracker, domain))
    assert {"event": "slot", "timestamp": None, "name": "requested_slot", "value": None} in events
    tracker = make_tracker(slots=slots, history=history, text=text, entities=parsed(text, TODAY),
                           intent="ask_stage_eligibility")
    _, answer = run(answers.ActionAnswerStageEligibility(), tracker, domain)
    assert "un délai déjà passé" in answer and "15 juin 2027" in answer and "stage" not in answer, answer
