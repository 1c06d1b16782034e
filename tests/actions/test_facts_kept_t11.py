"""Facts already given are used, not lost nor asked again; no dead end on impossible facts. Outside tester T11
(BOT_TODAY=2026-12-01)."""
from __future__ import annotations

import pytest

from actions import answers
from tests.actions.test_stage_balance_first_day import Chat


@pytest.fixture(autouse=True)
def _first_of_december(first_of_december):
    """The testers' reference date."""


# --- c31: the offences of one check answered (8 points, capped, R3), then "j'avais 12 points, j'ai payé hier, stage
# le 15 et 16 décembre, j'aurai combien ?": the payment's day is not the day of a balance asked about (it became a
# what-if "Au 30 novembre 2026" with the stage day as a future offence: "Impossible de répondre"); the retrait just
# paid may not be recorded by the stage: a stage first is capped at 12 and the final balance is 4, better wait (R18
# example 1)

ONE_CHECK_OFFENCES = [
    "Lors d'un même contrôle : téléphone, pas de ceinture et 35 km/h de trop. Combien de points en tout ?",
    "arrêté hier au même contrôle pour téléphone au volant, ceinture pas mise et 35 km/h de trop, ça fait combien ?",
]
STAGE_AFTER_PAYMENT = [
    ("j'avais 12 points, j'ai payé hier. je fais un stage le 15 et 16 decembre, j'aurai combien ?", "2026-12-15"),
    ("j'ai réglé l'amende avant-hier, j'avais 12 points. stage les 10 et 11 décembre, il me restera combien ?",
     "2026-12-10"),
    ("avant j'avais 12 pts, payé hier, je m'inscris au stage du 14 décembre, j'en aurai combien après ?",
     "2026-12-14"),
]


@pytest.mark.parametrize("offences", ONE_CHECK_OFFENCES)
@pytest.mark.parametrize("text, first_day", STAGE_AFTER_PAYMENT)
def test_a_stage_after_the_offences_just_paid_counts_their_retrait_and_says_to_wait(domain, offences, text,
                                                                                      first_day):
    chat = Chat(domain)
    chat.say(offences, "ask_offence_points", answers.ActionAnswerOffencePoints(),  # (as the form fills them)
             {"offence_type": "speeding", "speed_excess": 35, "other_offences": ["phone", "seatbelt"]})
    answer = chat.say(text, "ask_points_after_stage", answers.ActionAnswerPointsAfterStage(),
                      {"previous_stage_date": "none", "licence_date": "2005", "stage_first_day": first_day,
                       "current_balance": 12})
    assert "Impossible de répondre" not in answer and "Au 30 novembre" not in answer, answer
    assert "Mieux vaut attendre que le retrait de 8 points soit enregistré" in answer, answer
    assert "solde final 4 points" in answer and "de 4 à 8 points" in answer, answer
