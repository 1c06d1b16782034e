"""Testers T51 and T52 (replays on 1 December 2026), items of branch h122: why a point did not come back, a payment
told in months, a year of payment whose every day answers, "pourquoi ?" after a balance of two offences."""
from __future__ import annotations

import pytest

from actions import answers, forms
from tests.actions.conversation import opened, opened_in_form

pytestmark = pytest.mark.usefixtures("first_of_december")
TODAY = "2026-12-01"

# --- t51-c14: probation, 1 point (paid 20 July 2025) then 2 points (committed 2 November 2025, paid 15 November)

C14 = ("Bonjour, jeune conducteur (permis le 1er mars 2025, filière normale). J'ai perdu 1 point le 10 juillet 2025 "
       "(excès de vitesse, payé le 20 juillet) puis 2 points le 2 novembre 2025 (payé le 15 novembre). Ça fait 3 points "
       "en tout, est-ce que je vais recevoir une 48N et devoir faire un stage obligatoire ?")


def test_point_blocked_within_its_six_months_is_said_and_explained(domain):
    # t51-c14: the probation's balance never said that the July point (1 point, paid 20 July 2025) did not come back
    # on 20 January 2026, the 2-point offence being committed on 2 November 2025, within its 6 months (R8, also in
    # probation, R7.3); "pourquoi le point de juillet est pas revenu en janvier ?" got the balance again, "Comme indiqué"
    chat = opened_in_form(domain, C14, "ask_mandatory_stage", "mandatory_stage_form",
                          forms.ValidateMandatoryStageForm(), answers.ActionAnswerMandatoryStage())
    balance = chat.say("ok et il me reste combien ? je pensais que le point de juillet revenait au bout de 6 mois",
                       "ask_auto_recovery", answers.ActionAnswerAutoRecovery())
    assert "3 points sur 6" in balance, balance
    assert ("Le point retiré pour l'infraction payée le 20 juillet 2025 ne revient pas le 20 janvier 2026 : une autre "
            "infraction a été commise le 2 novembre 2025") in balance, balance
    why = chat.say("pourquoi le point de juillet est pas revenu en janvier ?", "ask_auto_recovery",
                   answers.ActionAnswerAutoRecovery())
    assert "Comme indiqué" not in why, why
    assert "pendant ces 6 mois" in why and "l'infraction du 2 novembre 2025 a été commise avant cette date" in why, why
    assert "serait revenu le 20 janvier 2026" in why, why
