"""Testers T55, T56 (replays on 1 December 2026), items of branch h133."""
from __future__ import annotations

import pytest

from actions import answers
from tests.actions.conversation import opened

pytestmark = pytest.mark.usefixtures("first_of_december")
TODAY = "2026-12-01"

# --- t56-c14: probation, 1 point in July then 2 points in November: a 48N? (R15: one infraction of 3 points or more)

C14 = ("Bonjour, jeune conducteur (permis le 1er mars 2025, filière normale). J'ai perdu 1 point le 10 juillet 2025 "
       "(excès de vitesse, payé le 20 juillet) puis 2 points le 2 novembre 2025 (payé le 15 novembre). Ça fait 3 points "
       "en tout, est-ce que je vais recevoir une 48N et devoir faire un stage obligatoire ?")


@pytest.mark.parametrize("text", [
    C14,
    "permis le 1er mars 2025. 1 point perdu le 10 juillet 2025 (payé le 20 juillet) puis 2 points le 2 novembre 2025 "
    "(payé le 15 novembre). je vais avoir une 48N ?",
    "permis le 1er mars 2025, j'ai perdu 1 point le 10 juillet 2025 payé le 20 juillet et 2 points le 2 novembre 2025 "
    "payé le 15 novembre, je devrais recevoir une lettre 48N non ?",
])
def test_no_48n_for_two_small_retraits_names_both_and_no_letter_in_hand(domain, text):
    # t56-c14: "l'infraction payée le 20 juillet 2025 a retiré 1 point, moins de 3" (the November one ignored), then
    # "Vérifiez la référence … signalez l'erreur" about a letter never received
    reply = opened(domain, text, "ask_mandatory_stage", answers.ActionAnswerMandatoryStage(), TODAY).reply
    print(reply)
    assert "a retiré 1 point, moins de 3" not in reply, reply
    assert reply.startswith("Non"), reply
    assert "1 point" in reply and "2 points" in reply and "chacun en dessous" in reply, reply
    assert "signalez l'erreur" not in reply and "Vérifiez la référence" not in reply, reply
