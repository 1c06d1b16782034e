"""A stage's points within the licence's ceiling, in the user's words (R12, R14; L.223-6 al. 4, R.223-8)."""
from __future__ import annotations

import pytest

from actions import answers
from tests.actions.conftest import make_tracker, parsed
from tests.actions.test_probation_facts import mapped_slots, run


pytestmark = pytest.mark.usefixtures("first_of_december")


# --- R14 example 3: suspended 2 months from 01/03/2026, 5 points, stage 12-13/03/2026 → 9 on 14/03/2026 [U]

@pytest.mark.parametrize("text", [
    "Mon permis a été suspendu 2 mois à partir du 1er mars 2026, il me restait 5 points, j'ai fait un stage les 12 "
    "et 13 mars 2026. J'ai combien de points ?",
    "suspension de permis de 2 mois depuis le 1er mars 2026, j'avais 5 points et j'ai fait le stage les 12 et 13 mars "
    "2026, ça m'a rendu combien ?",
    "permis suspendu en mars 2026, il ne me restait que 5 points, stage du 12 au 13/03/2026, combien j'ai maintenant ?",
])
def test_a_stage_during_a_suspension_gives_its_points_and_says_so(domain, text):
    slots = mapped_slots(domain, text, "ask_points_after_stage")
    assert slots["current_balance"] == 5 and slots["stage_first_day"] == "2026-03-12"
    assert slots["licence_status"] == "suspended"
    tracker = make_tracker(slots={**slots, "licence_date": "2012-05-10", "previous_stage_date": "none"},
                           intent="ask_points_after_stage", text=text, entities=parsed(text))
    _, answer = run(answers.ActionAnswerPointsAfterStage(), tracker, domain)
    assert "Le stage vous rend 4 points, avec effet au 14 mars 2026" in answer and "de 5 à 9 points" in answer
    assert "pendant une suspension" in answer and "à vérifier" in answer, answer
