"""Outside tester T15 (BOT_TODAY=2026-12-01): follow-ups of a balance or an offence's answer, kept in its facts."""
from __future__ import annotations

import pytest

from actions import fallback
from tests.actions.conftest import make_tracker, parsed, user_said
from tests.actions.test_answers import run

# --- c37: probation year 1 (ceiling 6), 0.3 g/l (6 points, R4) paid 20 November 2026, no balance told: 0 point; a stage
# started after the retrait decision and ended before the 48SI saves the licence with 4 points; started before the
# decision, it is capped at 6 then the 6 points are withdrawn: 0 (R18 example 3, parameters)
C37_STORY = ("mon permis date du 15 mars 2026 (pas d'aac). j'ai ete controle a 0,3 g/l le 8 novembre, amende payee le "
             "20 novembre. je vais perdre mon permis ???")
C37_SLOTS = {"licence_date": "2026-03-15", "supervised_driving": False, "offence_type": "alcohol",
             "offence_date": "2026-11-08", "fine_payment_date": "2026-11-20",
             "last_question": "action_answer_zero_points"}


def _after_c37_answer(text: str):
    return make_tracker(
        slots=C37_SLOTS, intent="nlu_fallback", text=text, entities=parsed(text, "2026-12-01"),
        history=[user_said(C37_STORY, "ask_zero_points"), {"event": "action", "name": "action_answer_zero_points"},
                 {"event": "bot", "text": "Votre solde calculé est de 0, mais le permis reste valide jusqu'à la "
                                          "notification de la lettre 48SI : un stage terminé avant cette notification "
                                          "le sauve (solde 4 points) (article L.223-6 du Code de la route)."}])


@pytest.mark.parametrize("text", [
    "comment je sais quand la decision est prise ? je fais le stage quand alors",
    "quand est ce que je dois faire le stage pour sauver mon permis ?",
    "je le fais quand mon stage du coup ?",
])
def test_when_to_take_the_stage_with_the_probationary_balance_counted(first_of_december, domain, text):
    # the balance before the retrait was never told: the answer counted the probationary ceiling (6); the timing
    # question reads it the same way, and says how to know the decision is taken (R2: « Mes Points Permis »)
    _, answer = run(fallback.ActionSuggestQuestions(), _after_c37_answer(text), domain)
    assert answer.startswith("Dès que la décision de retrait est prise, et sans tarder : fait avant, le stage serait "
                             "plafonné et vous laisserait 0 point, contre 4 points après")
    assert "consultez « Mes Points Permis »" in answer and "n° 364635" in answer
    assert "avant que la lettre 48SI vous soit notifiée" in answer
    assert "pas bien compris" not in answer


def test_how_to_know_the_decision_is_taken(first_of_december, domain):
    text = "comment je sais quand la décision est prise ?"
    _, answer = run(fallback.ActionSuggestQuestions(), _after_c37_answer(text), domain)
    assert answer.startswith("Aucun délai n'est fixé par la loi : la décision de retrait est enregistrée au Fichier "
                             "national des permis de conduire")
    assert "Surveillez « Mes Points Permis »" in answer and "Dès qu'il y apparaît, vous pouvez faire le stage" in answer
