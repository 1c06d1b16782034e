"""A retrait counted once when a stage is asked about (R2, R12, R18 example 1), tester T7 (BOT_TODAY=2026-12-01):
- c02: "j'ai perdu 4 pts pour un feu rouge en septembre", then 8 points (the balance the bot itself offered, 12 - 4):
  the loss is done and recorded by now, so the stage goes from 8 to 12; it was subtracted a second time (final 8);
- c25: "les 6 points sautent après le jugement": a retrait still to come, which was ignored; a stage now is capped at
  12 and followed by the retrait (6), while waiting for it gives 3 + 4 = 7: better wait, with the figures."""
from __future__ import annotations

import pytest

from actions import answers
from tests.actions.test_stage_balance_first_day import Chat


@pytest.fixture(autouse=True)
def _first_of_december(first_of_december):
    """The testers' reference date."""


DONE_LOSSES = [
    ("salut, est ce que je peux faire un stage ? jai perdu 4 pts pour un feu rouge en septembre", 8),
    ("j'ai perdu 3 points en août pour le téléphone au volant, un stage ça me rendrait combien ?", 9),
    ("Bonjour, j'ai perdu 2 points pour un excès de 25 km/h en septembre 2026, je voudrais faire un stage", 10),
]


@pytest.mark.parametrize("text, balance", DONE_LOSSES)
def test_a_loss_told_done_months_ago_is_in_the_balance_told_and_not_subtracted_again(domain, text, balance):
    chat = Chat(domain)
    chat.say(text, "ask_stage_eligibility", answers.ActionAnswerStageEligibility(),
             {"previous_stage_date": "none", "current_balance": balance})
    answer = chat.say("le 14 decembre", "inform", answers.ActionAnswerPointsAfterStage(),
                      {"licence_date": "2015", "stage_first_day": "2026-12-14"})
    gain = min(4, 12 - balance)
    assert answer.startswith(f"Le stage vous rendra {gain} points, avec effet au 16 décembre 2026 : votre solde passera "
                             f"de {balance} à {balance + gain} points"), answer
    assert "pas encore enregistré" not in answer and "solde final" not in answer


def test_a_loss_paid_last_week_is_still_counted_after_the_stage(domain):
    # (a recent payment: the retrait may not be recorded yet, R2; unchanged)
    chat = Chat(domain)
    answer = chat.say("j'ai 10 points, je viens de payer une amende de 4 points pour un feu rouge le 24 novembre, si "
                      "je fais un stage le 14 décembre j'aurai combien ?", "ask_points_after_stage",
                      answers.ActionAnswerPointsAfterStage(),
                      {"previous_stage_date": "none", "licence_date": "2015", "stage_first_day": "2026-12-14",
                       "current_balance": 10})
    assert "Mieux vaut attendre que le retrait de 4 points soit enregistré" in answer, answer


JUDGEMENT_TO_COME = [
    "jai 9 points la. si je fais le stage maintenant et que les 6 points sautent apres le jugement, jaurai combien ? "
    "vaut mieux attendre ?",
    "il me reste 9 points et les 6 points de mon délit vont tomber après l'audience, je fais le stage le 10 décembre "
    "ou j'attends ?",
    "j'ai 9 points, je suis en attente du jugement pour une alcoolémie à 0,9 g, stage tout de suite ou après ?",
]


@pytest.mark.parametrize("text", JUDGEMENT_TO_COME)
def test_a_retrait_to_come_after_the_judgement_is_counted_after_the_stage_and_waiting_is_compared(domain, text):
    chat = Chat(domain)
    chat.say("on m a retenu le permis pour alcool 0,9 g, je peux faire un stage ?", "ask_stage_eligibility",
             answers.ActionAnswerStageEligibility(), {"previous_stage_date": "none"})
    answer = chat.say(text, "ask_points_after_stage", answers.ActionAnswerPointsAfterStage(),
                      {"licence_date": "2012", "stage_first_day": "2026-12-10", "current_balance": 9})
    assert answer.startswith("Mieux vaut attendre que le retrait de 6 points soit enregistré avant de faire le stage : "
                             "vous passeriez alors de 3 à 7 points, au lieu de finir à 6 points"), answer
    assert "votre solde passera de 9 à 12 points" in answer and "solde final 6 points" in answer
