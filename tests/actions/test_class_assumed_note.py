"""The note that a retrait's class was taken as the longest delay's (R9) is said only where that class is not known and
matters: not beside a last retrait whose offence gives its class (T8 c37: "2 points pour un excès de 22 km/h", a 4e
classe, R4)."""
from __future__ import annotations

import pytest

from actions import answers
from tests.actions.conftest import make_tracker, parsed
from tests.actions.test_answers import run


def _recovery(text: str) -> str:
    tracker = make_tracker(intent="ask_auto_recovery", text=text, entities=parsed(text, "2026-12-01"))
    return run(answers.ActionAnswerAutoRecovery(), tracker)[1]


@pytest.mark.parametrize("text", [
    "jai perdu 1 point en avril (paye le 10 avril 2026) et ensuite le 1er aout jai eu 2 points pour un exces de 22 km/h "
    "payé le 15 aout. le point davril il revient en octobre ?",
    "j'ai perdu 1 point (payé le 10 avril 2026) puis 4 points pour un feu rouge payé le 15 août 2026, je récupère "
    "quand ?",
    "j'ai perdu 1 point payé le 10 avril 2026 et 3 points pour le téléphone au volant payé le 15 août 2026, "
    "mes points reviennent quand ?",
])
def test_no_class_assumed_note_beside_a_last_offence_whose_class_is_known(first_of_december, text):
    answer = _recovery(text)
    assert "15 août 2029" in answer  # 3 years from the 4e classe's payment (R9)
    assert answers.CLASS_ASSUMED_NOTE not in answer


@pytest.mark.parametrize("text", [
    "j'ai perdu 1 point payé le 10 avril 2026 et 2 points payés le 15 août 2026, mes points reviennent quand ?",
])
def test_the_class_assumed_note_stays_where_the_last_retrait_class_is_unknown(first_of_december, text):
    assert answers.CLASS_ASSUMED_NOTE in _recovery(text)


@pytest.mark.parametrize("text", [
    "j'ai perdu 4 points pour un feu rouge payé le 20 janvier 2026 et 2 points payés le 5 mai 2026, je récupère tout "
    "quand ?",
    "j'ai perdu 3 points pour le telephone au volant paye le 2 fevrier 2026 et 2 points payes le 5 mai 2026, je "
    "recupere tout quand ?",
    "j'ai perdu 6 points pour un délit, alcool au volant, jugé le 3 mars 2025, et 2 points payés le 5 mai 2026, je "
    "récupère tout quand ?",
])
def test_no_class_assumed_note_when_an_earlier_retrait_already_makes_the_delay_three_years(first_of_december, text):
    # a red light, a phone or a délit counted since the last full recovery makes the delay 3 years whatever the last
    # retrait's class (R9): the last one's class, not known, changes nothing; 3 years from its payment (5 May 2026)
    answer = _recovery(text)
    assert "5 mai 2029" in answer
    assert answers.CLASS_ASSUMED_NOTE not in answer
    assert answers.SINGLE_POINT_EXCESS_CLASS_NOTE not in answer
