"""Tester T28 (BOT_TODAY=2026-12-01), items of branch h66.

- c24: "arrêter le 5 novembre pour alcool 0,4 g/l et téléphone en même temps. Il a payé le 20 novembre", year-1
  probation: the payment was read as a phone committed on 20 November and the alcohol as not established (balance 3,
  then -3, two 48N). Offences told as found at one check, with one day of each role, are one event: both committed on
  5 November, paid on 20 November, 6 + 3 capped at 8 (R3), 6 - 8 = -2, a 48SI and not a 48N, a stage before its
  notification leaves 2 (R18, R20).
"""
from __future__ import annotations

import pytest

from actions import answers, forms
from actions.offence_history import retraits_in_message
from tests.actions.conftest import parsed
from tests.actions.test_t13_offences import first_answer

pytestmark = pytest.mark.usefixtures("first_of_december")
TODAY = "2026-12-01"


@pytest.mark.parametrize("text", [
    "Bonjour, mon mari a eu son permis en mai 2026 (premier permis, pas d'AAC). Il s'est fait arrêter le 5 novembre "
    "pour alcool 0,4 g/l et téléphone en même temps. Il a payé le 20 novembre. Qu'est-ce qui va se passer ?",
    "mon mari a son permis depuis mai 2026, premier permis, pas d'AAC. contrôlé le 5 novembre : alcool 0,4 g/l et "
    "téléphone, payé le 20 novembre. il a combien de points ?",
])
def test_offences_of_one_check_share_its_days_and_their_cap(domain, text):
    assert retraits_in_message(parsed(text, TODAY), text) == []  # one event, not two retraits each with one day
    answer = first_answer(domain, text, "ask_probation", "probation_form", forms.ValidateProbationForm(),
                          answers.ActionAnswerProbation())
    assert "8 points retirés" in answer and "solde calculé : -2" in answer  # R3: 6 + 3 capped at 8
    assert "-2 + 4 = 2 points" in answer  # R18
    assert "lettre 48SI" in answer and "pas une lettre 48N" in answer  # R15 edge case, R20
    assert "20 novembre 2026 (3 points)" not in answer and "pas encore établie" not in answer


def test_offences_of_separate_checks_keep_their_own_days():
    # two offence days: two events, each with its day (R3 example 4), even when a check is named
    text = "contrôlé le 3 mars 2026 pour un téléphone, payé le 10 mars. puis un feu rouge le 5 mai 2026, payé le 20 mai"
    told = retraits_in_message(parsed(text, TODAY), text)
    assert [(r.offence_type, r.said_date) for r in told] == [("phone", "2026-03-10"), ("red_light", "2026-05-20")]
