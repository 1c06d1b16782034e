"""The points lost told as a total ("c'est écrit 9 points retirés au total, il me reste combien ?"): the maximum minus
them, not an offence's question (tester T11 c17; R1, L.223-1)."""
from __future__ import annotations

import pytest

from actions import answers, two_part
from tests.actions.conftest import make_tracker, parsed
from tests.actions.test_answers import run


def _balance_answer(text, slots=None):
    tracker = make_tracker(slots=slots, intent="ask_check_balance", text=text, entities=parsed(text))
    events, answer = run(answers.ActionAnswerCheckBalance(), tracker)
    return answer, events


@pytest.mark.parametrize("text", [
    "il me reste combien alors ? c'est ecrit 9 points retirés au total",
    "on m'a retiré 9 points en tout, j'en ai combien ?",
    "j'ai perdu 9 pts au total il me reste combien",
])
def test_a_total_lost_gives_the_maximum_minus_it(text):
    answer, events = _balance_answer(text)
    assert "il vous reste 3 points (12 − 9)" in answer
    # the licence's date unknown: the probation's ceiling is said
    assert answer.startswith("Si votre permis n'est plus probatoire") and "plafond" in answer
    assert "Mes Points Permis" in answer and {"event": "slot", "timestamp": None, "name": "last_question",
                                               "value": "action_answer_check_balance"} in events


def test_a_licence_no_longer_probationary_needs_no_condition():
    answer, _ = _balance_answer("on m'a enlevé 4 points en tout, il me reste combien ?",
                                  slots={"licence_date": "2010-05-01"})
    assert answer.startswith("Votre permis n'étant plus probatoire, il vous reste 8 points (12 − 4)")
    assert "plafond" not in answer


def test_all_the_points_lost_says_the_licence_holds_until_the_48si():
    answer, _ = _balance_answer("j'ai perdu 12 points en tout, il me reste combien ?",
                                  slots={"licence_date": "2001-05-01"})
    assert "il ne vous resterait plus aucun point" in answer
    assert "48SI" in answer and "4 points" in answer


def test_a_balance_question_without_points_lost_gives_how_to_check():
    answer, _ = _balance_answer("il me reste combien de points ?")
    assert "Mes Points Permis" in answer and "−" not in answer


@pytest.mark.parametrize("text, question", [
    # the question sentence before the "?" asks the balance; the points "retirés" after it are a fact told
    ("il me reste combien alors ? c'est ecrit 9 points retirés au total", "ask_check_balance"),
    # an offence's cost is still asked with the same words in one sentence
    ("combien de points on me retire pour un stop ?", "ask_offence_points"),
    ("je perds combien pour un feu rouge", "ask_offence_points"),
])
def test_the_question_words_of_a_clause_stop_at_its_question_mark(text, question):
    assert two_part.question_of(text, text) == question
