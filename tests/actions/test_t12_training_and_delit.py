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
