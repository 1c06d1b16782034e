"""A licence cancelled by a judge (annulation judiciaire, third blind NLU set, helper n9): a sentence for a délit, not a
zero balance. Read as ask_suspension (data/nlu/suspension.yml), it gets its own answer: the delay the judgment sets
(Code pénal 131-6, 221-8), the medical examination (L.224-14), the exams again (R.224-20), a probationary licence."""
from __future__ import annotations

import pytest

from actions import answers
from tests.actions.test_probation_facts import run, told

pytestmark = pytest.mark.usefixtures("first_of_december")


@pytest.mark.parametrize("text", [
    "annulation du permis par le juge, je repasse quand ?",
    "le tribunal m'a annulé le permis, au bout de combien de temps je peux le repasser ?",
    "jai pris une annulation de permis au tribunal, je dois tout repasser ?",
    "pour une récidive d'alcool au volant le permis est annulé d'office ?",
])
def test_a_cancellation_by_a_judge_gets_its_own_answer_not_the_zero_balance_one(domain, text):
    _, said = run(answers.ActionAnswerSuspension(), told(domain, text, "ask_suspension"), domain)
    assert said.startswith("L'annulation du permis par un juge est une peine")
    assert "ne dépend pas de votre solde de points" in said and "article 131-6 du Code pénal" in said
    assert "article L.224-14" in said and "probatoire, avec 6 points" in said
    assert "48SI" not in said


@pytest.mark.parametrize("text", ["annulation judiciaire ou invalidation, c'est quoi la différence ?",
                                  "c quoi la diff entre suspension et annulation du permis ?"])
def test_a_cancellation_compared_with_an_invalidation_gets_the_comparison_as_before(domain, text):
    _, said = run(answers.ActionAnswerSuspension(), told(domain, text, "ask_suspension"), domain)
    assert said.startswith("Une suspension interdit de conduire pendant une durée fixée")
