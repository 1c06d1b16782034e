"""Earlier helpers' leftovers (h34; BOT_TODAY pinned to 1 December 2026), each with 2–3 wordings of its family."""
from __future__ import annotations

import pytest

from actions import answers
from tests.actions.test_probation_facts import run, told

pytestmark = pytest.mark.usefixtures("first_of_december")


def balance_answer(domain, text):
    return run(answers.ActionAnswerCheckBalance(), told(domain, text, "ask_check_balance", today="2026-12-01"),
               domain)[1]


# --- h27: a red light told "3 points" where the scale says 4 (R4, R.412-30): the scale's 4 are counted and said,
# unless the figure was read on the letter or in the national file, which prevails with a caveat ---------------------

@pytest.mark.parametrize("text", [
    "permis depuis 2019, retrait 3 points feu rouge, il me reste combien ?",
    "permis depuis 2015, j'ai perdu 3 points pour un feu rouge, il me reste combien ?",
    "j'ai mon permis depuis 2010, on m'a retiré 3 points pour avoir grillé un feu rouge, j'ai combien ?",
])
def test_a_red_light_told_at_3_points_counts_the_scales_4_and_says_so(domain, text):
    answer = balance_answer(domain, text)
    assert "il vous reste 8 points (12 − 4)" in answer, answer
    assert "retire 4 points au barème, pas 3 (article R.412-30 du Code de la route)" in answer


@pytest.mark.parametrize("text", [
    "permis depuis 2015, la lettre indique un retrait de 3 points pour un feu rouge, il me reste combien ?",
    "permis depuis 2015, perdu 3 points pour un feu rouge d'après mon relevé, il me reste combien ?",
])
def test_a_figure_read_on_the_letter_prevails_with_a_caveat(domain, text):
    answer = balance_answer(domain, text)
    assert "il vous reste 9 points (12 − 3)" in answer, answer
    assert "retire 4 points, pas 3" in answer and "vérifié auprès de la préfecture" in answer


def test_points_that_agree_with_the_scale_are_said_without_a_word(domain):
    answer = balance_answer(domain, "permis depuis 2010, perdu 3 points pour un téléphone, il me reste combien ?")
    assert "il vous reste 9 points (12 − 3)" in answer and "barème" not in answer


# --- h27: "ces retraits" written for one retrait ------------------------------------------------------------------

@pytest.mark.parametrize("text, since", [
    ("permis depuis 2010, perdu 3 points pour un téléphone, il me reste combien ?", "depuis ce retrait "),
    ("permis depuis 2015, un retrait de 4 points, combien il me reste ?", "depuis ce retrait "),
    ("permis depuis 2012, c'est écrit 9 points retirés au total, il me reste combien ?", "depuis ces retraits "),
])
def test_the_retrait_agrees_in_number(domain, text, since):
    assert since in balance_answer(domain, text)
